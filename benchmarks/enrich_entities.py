"""Entities: speed of both recognisers, agreement of the fallback with spaCy, and a hand-annotated gold set.

Data: article bodies that ``newsdesk.extract`` gives for a sample of ``../shared/data/wcxb-dev-articles``
pages (every ``--step``-th page, up to ``--limit``), and ``tests/enrich/gold_entities.json`` (18 paragraphs
annotated by hand; ``dev`` ones may be looked at while tuning, ``held_out`` ones only measured). Pages are
split the same way by a hash of their file name: one in four is held out.

Measured, in one run on the same texts:

- CPU ms per article (median and p90) of ``find_entities`` with spaCy and with the patterns fallback, and of
  the baseline a user would reach for: ``spacy.load("en_core_web_sm")(text).ents`` with the full default
  pipeline;
- agreement of the fallback with spaCy: precision and recall of the fallback's (name, type) pairs against
  those of ``find_entities`` with spaCy, PERSON/ORG/PLACE only, micro-averaged over English articles;
- entities per article: spaCy's raw entity spans (all labels, and the PERSON/ORG/GPE/LOC/FAC/NORP/EVENT
  ones as distinct (text, label) pairs) beside what remains after merging;
- gold: precision, recall and F1 of each recogniser and of raw spaCy (its distinct entity texts, labels
  mapped, no merging) against the hand annotation, for dev and held-out paragraphs apart.

    .venv/bin/python -m benchmarks.enrich_entities --limit 100 --step 7 --out /tmp/entities.json
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "wcxb-dev-articles"
GOLD = ROOT / "tests" / "enrich" / "gold_entities.json"
SCORED_TYPES = ("PERSON", "ORG", "PLACE")
#: One page in this many is held out (never tuned on).
HELD_OUT_EVERY = 4
_RAW_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
T = TypeVar("T")


def fold(name: str) -> str:
    """A name as compared: NFC, case folded, white space folded, without a leading "the".

    >>> fold("The  United States")
    'united states'
    """
    folded = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return folded[4:] if folded.startswith("the ") else folded


def held_out(name: str) -> bool:
    """Whether a page (by file name) is in the held-out part.

    >>> held_out("0001.html.gz") in (True, False)
    True
    """
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % HELD_OUT_EVERY == 0


def score_gold(predict: Callable[[str], list[tuple[str, str, list[str]]]], paragraphs: Iterable[dict[str, Any]]
               ) -> dict[str, float]:
    """Micro precision, recall and F1 of ``predict`` (text -> [(name, type, other names)]) on gold paragraphs.

    A prediction matches a gold entity of its type when its name or one of its other names folds to the gold
    name or one of its ``also`` names; an unmatched prediction is a false positive unless it matches an
    ``optional`` gold entity.

    >>> gold = [{"text": "Kym Lino", "entities": [{"name": "Kym Lino", "type": "PERSON"}]}]
    >>> score_gold(lambda text: [("Kym Lino", "PERSON", [])], gold)["f1"]
    1.0
    """
    tp = fp = fn = 0
    for paragraph in paragraphs:
        gold = [(g, {fold(n) for n in [g["name"], *g.get("also", [])]}) for g in paragraph["entities"]]
        matched: set[int] = set()
        for name, type_, others in predict(paragraph["text"]):
            if type_ not in SCORED_TYPES:
                continue
            names = {fold(n) for n in [name, *others]}
            hit = next((i for i, (g, gnames) in enumerate(gold) if g["type"] == type_ and names & gnames), None)
            if hit is None:
                fp += 1
            elif not gold[hit][0].get("optional"):
                matched.add(hit)
        fn += sum(1 for i, (g, _) in enumerate(gold) if not g.get("optional") and i not in matched)
        tp += len(matched)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn}


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """The gold paragraphs.

    >>> {p["split"] for p in load_gold()} == {"dev", "held_out"}
    True
    """
    return json.loads(path.read_text(encoding="utf-8"))["paragraphs"]


def _ours(recognizer: str) -> Callable[[str], list[tuple[str, str, list[str]]]]:
    from newsdesk.enrich.entities import find_entities

    def predict(text: str) -> list[tuple[str, str, list[str]]]:
        entities, _ = find_entities(text, "en", recognizer=recognizer)
        return [(e.name, e.type, list(e.aliases)) for e in entities]
    return predict


def _raw_spacy(nlp: Any) -> Callable[[str], list[tuple[str, str, list[str]]]]:
    def predict(text: str) -> list[tuple[str, str, list[str]]]:
        seen = {(ent.text, _RAW_LABELS[ent.label_]) for ent in nlp(text).ents if ent.label_ in _RAW_LABELS}
        return [(name, type_, []) for name, type_ in sorted(seen)]
    return predict


def _pages(limit: int, step: int) -> list[tuple[str, str, str | None]]:
    import newsdesk

    files = sorted((DATA / "html").glob("*.html.gz"))[::step][:limit]
    out = []
    for path in files:
        article = newsdesk.extract(gzip.decompress(path.read_bytes()))
        if article.text.strip():
            out.append((path.name, article.text, article.language))
    return out


def _timed(fn: Callable[..., T]) -> tuple[T, float]:
    # ``fn`` is called with no arguments; ``...`` lets it be a lambda whose defaults bind the loop's variables.
    # CPU time of this process, not wall time: the figures stay comparable on a machine shared with other
    # work (spaCy's threads, if any, are counted too).
    start = time.process_time()
    result = fn()
    return result, (time.process_time() - start) * 1000


def _pairs(entities: list[Any]) -> set[tuple[str, str]]:
    return {(fold(e.name), e.type) for e in entities if e.type in SCORED_TYPES}


def _agreement(rows: list[dict[str, Any]]) -> dict[str, float]:
    tp = sum(r["agree"] for r in rows)
    fallback = sum(r["n_patterns"] for r in rows)
    statistical = sum(r["n_spacy"] for r in rows)
    return {"precision": round(tp / fallback, 3) if fallback else 0.0,
            "recall": round(tp / statistical, 3) if statistical else 0.0, "articles": len(rows)}


def _ms(values: list[float]) -> dict[str, float]:
    if not values:
        return {"median": 0.0, "p90": 0.0}
    ordered = sorted(values)
    return {"median": round(statistics.median(ordered), 3), "p90": round(ordered[int(0.9 * (len(ordered) - 1))], 3)}


def run(limit: int, step: int) -> dict[str, Any]:
    """Every figure of this benchmark, as a JSON-ready dict."""
    import spacy

    from benchmarks.machine import cpu_model
    from newsdesk.enrich import ner
    from newsdesk.enrich.entities import find_entities

    nlp_ours = ner.load_pipeline()
    if nlp_ours is None:
        raise SystemExit("no verified spaCy English pipeline is installed")
    package = nlp_ours.meta["newsdesk_package"]
    baseline = spacy.load(package)
    pages = _pages(limit, step)
    # Warm-up: the first call loads GeoNames' tables (~2 s); not part of any article's time.
    find_entities("Warm up in Baghdad.", recognizer="patterns")
    rows: list[dict[str, Any]] = []
    for name, text, language in pages:
        is_english = language in (None, "en")
        fallback, t_patterns = _timed(lambda t=text, lang=language: find_entities(t, lang, recognizer="patterns")[0])
        if not is_english:
            rows.append({"page": name, "english": False, "ms_patterns": t_patterns})
            continue
        statistical, t_spacy = _timed(lambda t=text: find_entities(t, "en", recognizer="spacy")[0])
        doc, t_raw = _timed(lambda t=text: baseline(t))
        ours, theirs = _pairs(fallback), _pairs(statistical)
        rows.append({
            "page": name, "english": True, "held_out": held_out(name), "chars": len(text),
            "ms_patterns": t_patterns, "ms_spacy": t_spacy, "ms_raw_spacy": t_raw,
            "agree": len(ours & theirs), "n_patterns": len(ours), "n_spacy": len(theirs),
            "raw_spans": len(doc.ents),
            "raw_distinct": len({(e.text, e.label_) for e in doc.ents if e.label_ in ner.LABELS}),
            "merged_spacy": len(statistical), "merged_patterns": len(fallback),
        })
    english = [r for r in rows if r["english"]]
    gold = load_gold()
    recognisers = {"spacy": _ours("spacy"), "patterns": _ours("patterns"), "raw spaCy": _raw_spacy(baseline)}
    return {
        "machine": cpu_model(),
        "model": ner.recognizer_name(nlp_ours),
        "pages": len(rows), "english_pages": len(english),
        "median_chars": statistics.median(r["chars"] for r in english) if english else 0,
        "cpu_ms_per_article": {
            "spacy (find_entities)": _ms([r["ms_spacy"] for r in english]),
            "patterns (find_entities)": _ms([r["ms_patterns"] for r in rows]),
            "raw spaCy, full default pipeline": _ms([r["ms_raw_spacy"] for r in english]),
        },
        "agreement_patterns_vs_spacy": {
            "dev": _agreement([r for r in english if not r["held_out"]]),
            "held_out": _agreement([r for r in english if r["held_out"]]),
        },
        "entities_per_article_median": {
            key: statistics.median(r[key] for r in english) if english else 0
            for key in ("raw_spans", "raw_distinct", "merged_spacy", "merged_patterns")
        },
        "gold": {split: {label: score_gold(predict, [p for p in gold if p["split"] == split])
                         for label, predict in recognisers.items()}
                 for split in ("dev", "held_out")},
    }


def _print(report: dict[str, Any]) -> None:
    print(f"machine: {report['machine']}; model {report['model']}; {report['pages']} pages "
          f"({report['english_pages']} English, median {report['median_chars']} chars)")
    print(f"{'CPU ms per article':40} {'median':>8} {'p90':>8}")
    for label, ms in report["cpu_ms_per_article"].items():
        print(f"{label:40} {ms['median']:8.2f} {ms['p90']:8.2f}")
    for split, agreement in report["agreement_patterns_vs_spacy"].items():
        print(f"patterns vs spaCy ({split}, {agreement['articles']} articles): precision {agreement['precision']:.3f}"
              f" recall {agreement['recall']:.3f}")
    print("entities per article (median): " + ", ".join(f"{k} {v}"
                                                          for k, v in report["entities_per_article_median"].items()))
    print(f"{'gold':22} {'P':>6} {'R':>6} {'F1':>6}")
    for split, scores in report["gold"].items():
        for label, s in scores.items():
            print(f"{split + ' ' + label:22} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print its table, write its JSON to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="pages at most")
    parser.add_argument("--step", type=int, default=3, help="take every STEP-th page")
    parser.add_argument("--out", type=Path, help="write the JSON report here")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    report = run(args.limit, args.step)
    _print(report)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

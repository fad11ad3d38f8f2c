"""Time expressions against TempEval-3 Task A, newsdesk beside dateparser, on the same documents in one run.

Data: ``../shared/data/tempeval3-tbaq`` (TimeBank and AQUAINT in TimeML). Each document's ``<TEXT>`` is the
input, its ``<DCT>`` the publication date relative expressions are resolved against, and every ``<TIMEX3>``
inside ``<TEXT>`` the truth. Documents are split by a hash of their file name into a development part (3/4)
that rules are tuned on and a held-out part (1/4) that is only ever measured.

Metric, as TempEval-3 defines Task A: a prediction matches a gold expression strictly when the spans are
equal and relaxed when they overlap (one to one); precision, recall and F1 for both; value accuracy over
the relaxed matches; value F1 = value accuracy x relaxed F1. The official scorer works on tokens; here
spans are character offsets, which gives the same matches for spans that start and end on token edges.

Beside it, agreement with HeidelTime on real news: ``../shared/data/timeline17-dev`` holds 401 BBC and CNN
articles (2009-2011) with the dates HeidelTime tagged in each (``dates_tagged``: day-level values, month
and year values as their first day). Each system's DATE and TIME values are reduced the same way and
compared as multisets per article (micro precision, recall, F1). HeidelTime is a reference design, not
ground truth, so this says how often the two agree, not who is right.

Times are CPU milliseconds per document (``process_time``), which other load on a shared machine
inflates less than wall time.

The baseline is the tool a user would reach for, ``dateparser.search.search_dates`` (languages ["en"],
RELATIVE_BASE the DCT). It gives no type and a datetime, so each hit becomes a DATE at day granularity.

    /tmp/timesvenv/bin/python -m benchmarks.enrich_times --out /tmp/times.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "tempeval3-tbaq"
TIMELINES = DATA.parent / "timeline17-dev"
#: Corpora read, in this order.
CORPORA = ("TimeBank", "AQUAINT")
#: One document in this many is held out (never tuned on).
HELD_OUT_EVERY = 4


@dataclass(frozen=True, slots=True)
class Span:
    """A time expression: character span, type and value (gold or predicted).

    >>> Span(0, 5, "DATE", "1998").value
    '1998'
    """

    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass(slots=True)
class Document:
    """One TimeML document: its name, DCT (ISO date), text and gold time expressions."""

    name: str
    dct: str
    text: str
    gold: list[Span]


@dataclass(slots=True)
class Score:
    """TempEval-3 Task A counts for one system over a set of documents.

    >>> s = Score(gold=4, predicted=5, strict=3, relaxed=4, value_correct=3, type_correct=4)
    >>> round(s.relaxed_f1, 3), s.value_accuracy, round(s.value_f1, 3)
    (0.889, 0.75, 0.667)
    """

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value_correct: int = 0
    type_correct: int = 0
    ms_per_doc: list[float] = field(default_factory=list)

    @staticmethod
    def _f1(hits: int, predicted: int, gold: int) -> float:
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def strict_f1(self) -> float:
        """F1 of exact-span matches."""
        return self._f1(self.strict, self.predicted, self.gold)

    @property
    def relaxed_f1(self) -> float:
        """F1 of overlapping-span matches."""
        return self._f1(self.relaxed, self.predicted, self.gold)

    @property
    def value_accuracy(self) -> float:
        """Share of relaxed matches whose value is the gold value."""
        return self.value_correct / self.relaxed if self.relaxed else 0.0

    @property
    def type_accuracy(self) -> float:
        """Share of relaxed matches whose type is the gold type."""
        return self.type_correct / self.relaxed if self.relaxed else 0.0

    @property
    def value_f1(self) -> float:
        """TempEval-3's value F1: value accuracy x relaxed F1."""
        return self.value_accuracy * self.relaxed_f1

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        for name in ("gold", "predicted", "strict", "relaxed", "value_correct", "type_correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.ms_per_doc.extend(other.ms_per_doc)

    def summary(self) -> dict[str, Any]:
        """The figures, rounded, ready for JSON."""
        return {
            "gold": self.gold, "predicted": self.predicted,
            "strict_f1": round(self.strict_f1, 4), "relaxed_f1": round(self.relaxed_f1, 4),
            "type_accuracy": round(self.type_accuracy, 4), "value_accuracy": round(self.value_accuracy, 4),
            "value_f1": round(self.value_f1, 4),
            "ms_per_doc_median": round(statistics.median(self.ms_per_doc), 3) if self.ms_per_doc else None,
        }


def is_held_out(name: str) -> bool:
    """Whether a document belongs to the held-out part (a stable hash of its file name).

    >>> is_held_out("ABC19980108.1830.0711.tml") in (True, False)
    True
    """
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % HELD_OUT_EVERY == 0


def parse_timeml(path: Path) -> Document:
    """A TimeML file's DCT, the text of its ``<TEXT>`` element and the TIMEX3 spans in it.

    Empty (non-consuming) TIMEX3s carry no text and are left out: no system can find them.
    """
    root = ET.parse(path).getroot()
    dct_timex = root.find("./DCT/TIMEX3")
    if dct_timex is None:
        raise ValueError(f"{path.name}: no <DCT><TIMEX3>")
    text_element = root.find("./TEXT")
    if text_element is None:
        raise ValueError(f"{path.name}: no <TEXT>")
    parts: list[str] = []
    gold: list[Span] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3" and length > start:
            gold.append(Span(start, length, element.get("type", ""), element.get("value", ""),
                             "".join(parts)[start:length]))

    walk(text_element)
    return Document(path.name, dct_timex.get("value", "")[:10], "".join(parts), gold)


def load_documents(folder: Path = DATA) -> list[Document]:
    """Every document of the corpora, in a stable order."""
    documents: list[Document] = []
    for corpus in CORPORA:
        documents.extend(parse_timeml(path) for path in sorted((folder / corpus).glob("*.tml")))
    return documents


def score_document(gold: Sequence[Span], predicted: Sequence[Span]) -> Score:
    """Match predictions to gold one to one (exact spans first, then the largest overlap) and count.

    >>> g = [Span(0, 7, "DATE", "2025-09-30"), Span(20, 30, "DURATION", "P2Y")]
    >>> p = [Span(0, 7, "DATE", "2025-09-30"), Span(24, 30, "DURATION", "P3Y"), Span(40, 44, "DATE", "2026")]
    >>> s = score_document(g, p)
    >>> (s.strict, s.relaxed, s.value_correct)
    (1, 2, 1)
    """
    score = Score(gold=len(gold), predicted=len(predicted))
    unmatched_gold = set(range(len(gold)))
    unmatched_predicted = set(range(len(predicted)))
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if pi in unmatched_predicted and (p.start, p.end) == (g.start, g.end):
                pairs.append((gi, pi))
                unmatched_gold.discard(gi)
                unmatched_predicted.discard(pi)
                score.strict += 1
                break
    overlaps = sorted(
        ((min(g.end, p.end) - max(g.start, p.start), gi, pi)
         for gi, g in enumerate(gold) if gi in unmatched_gold
         for pi, p in enumerate(predicted) if pi in unmatched_predicted
         if min(g.end, p.end) > max(g.start, p.start)),
        reverse=True,
    )
    for _, gi, pi in overlaps:
        if gi in unmatched_gold and pi in unmatched_predicted:
            pairs.append((gi, pi))
            unmatched_gold.discard(gi)
            unmatched_predicted.discard(pi)
    score.relaxed = len(pairs)
    score.value_correct = sum(gold[gi].value == predicted[pi].value for gi, pi in pairs)
    score.type_correct = sum(gold[gi].type == predicted[pi].type for gi, pi in pairs)
    return score


System = Callable[[Document], list[Span]]


def newsdesk_system() -> System:
    """newsdesk's ``find_times`` as a benchmark system."""
    from newsdesk.enrich.times import find_times

    def run(document: Document) -> list[Span]:
        return [Span(t.start, t.end, t.type, t.value, t.text) for t in find_times(document.text, document.dct)]

    return run


def dateparser_system() -> System | None:
    """``dateparser.search.search_dates`` as a benchmark system, or None when dateparser is not installed."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None

    def run(document: Document) -> list[Span]:
        base = datetime.fromisoformat(document.dct)
        found = search_dates(document.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        spans: list[Span] = []
        cursor = 0
        for substring, moment in found:
            # dateparser returns substrings in text order without offsets: find each after the previous one.
            start = document.text.find(substring, cursor)
            if start < 0:
                start = document.text.find(substring)
            if start < 0:
                continue
            cursor = start + len(substring)
            spans.append(Span(start, cursor, "DATE", moment.date().isoformat(), substring))
        return spans

    return run


def evaluate(system: System, documents: Iterable[Document]) -> dict[str, Score]:
    """Run ``system`` once over each document; its score and time per document name."""
    scores: dict[str, Score] = {}
    for document in documents:
        began = time.process_time()
        predicted = system(document)
        elapsed = (time.process_time() - began) * 1000
        score = score_document(document.gold, predicted)
        score.ms_per_doc.append(elapsed)
        scores[document.name] = score
    return scores


def total(scores: dict[str, Score], names: Iterable[str]) -> Score:
    """The sum of the per-document scores of ``names``."""
    summed = Score()
    for name in names:
        summed.add(scores[name])
    return summed


_DAY_LIKE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?$")


def day_of_value(value: str) -> str | None:
    """A TIMEX3 value as HeidelTime's day-level list writes it (months and years as their first day).

    >>> day_of_value("2011-01-25T16:00"), day_of_value("2011-01"), day_of_value("2011"), day_of_value("P3D")
    ('2011-01-25', '2011-01-01', '2011-01-01', None)
    """
    found = _DAY_LIKE.match(value)
    if found is None:
        return None
    return f"{found[1]}-{found[2] or '01'}-{found[3] or '01'}"


def load_timeline_articles(folder: Path = TIMELINES) -> list[tuple[Document, list[str]]]:
    """timeline17-dev's articles as documents, each with the day values HeidelTime tagged in it."""
    articles: list[tuple[Document, list[str]]] = []
    for path in sorted(folder.glob("*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            articles.append((Document(record["id"], record["date"], record["text"], []), record["dates_tagged"]))
    return articles


def heideltime_agreement(system: System, articles: Sequence[tuple[Document, list[str]]]) -> dict[str, Any]:
    """Micro precision, recall and F1 of a system's day values against HeidelTime's, as multisets per article."""
    agreed = predicted_total = reference_total = 0
    elapsed: list[float] = []
    for document, reference in articles:
        began = time.process_time()
        spans = system(document)
        elapsed.append((time.process_time() - began) * 1000)
        predicted = Counter(day for span in spans if span.type in ("DATE", "TIME")
                            if (day := day_of_value(span.value)) is not None)
        expected = Counter(reference)
        agreed += sum((predicted & expected).values())
        predicted_total += sum(predicted.values())
        reference_total += sum(expected.values())
    precision = agreed / predicted_total if predicted_total else 0.0
    recall = agreed / reference_total if reference_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"articles": len(articles), "heideltime_dates": reference_total, "predicted_dates": predicted_total,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "ms_per_doc_median": round(statistics.median(elapsed), 3) if elapsed else None}


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the tempeval3-tbaq folder")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--split", choices=("dev", "held-out", "all"), help="score only this part")
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    parser.add_argument("--no-agreement", action="store_true", help="skip the agreement with HeidelTime")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Score newsdesk and dateparser on the development, held-out and whole sets; print a table."""
    args = _parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    documents = load_documents(args.data)
    parts = {
        "dev": [d for d in documents if not is_held_out(d.name)],
        "held-out": [d for d in documents if is_held_out(d.name)],
        "all": documents,
    }
    if args.split:
        parts = {args.split: parts[args.split]}
    systems: dict[str, System | None] = {"newsdesk": newsdesk_system()}
    systems["dateparser"] = None if args.no_baseline else dateparser_system()
    report: dict[str, Any] = {"data": str(args.data), "documents": {k: len(v) for k, v in parts.items()},
                              "results": {}}
    header = f"{'system':<11} {'part':<9} {'docs':>4} {'gold':>5} {'pred':>5} {'strictF1':>8} {'relaxF1':>8} " \
             f"{'typeAcc':>8} {'valAcc':>8} {'valF1':>8} {'cpu ms':>8}"
    print(header)
    for name, system in systems.items():
        if system is None:
            print(f"{name:<11} skipped (not installed)")
            report["results"][name] = "skipped (not installed)"
            continue
        report["results"][name] = {}
        scores = evaluate(system, parts[next(iter(parts))] if args.split else documents)
        for part, part_documents in parts.items():
            summary = total(scores, (d.name for d in part_documents)).summary()
            rows = [{"document": d.name, **scores[d.name].summary()} for d in part_documents]
            report["results"][name][part] = {**summary, "per_document": rows}
            print(f"{name:<11} {part:<9} {len(part_documents):>4} {summary['gold']:>5} {summary['predicted']:>5} "
                  f"{summary['strict_f1']:>8.3f} {summary['relaxed_f1']:>8.3f} {summary['type_accuracy']:>8.3f} "
                  f"{summary['value_accuracy']:>8.3f} {summary['value_f1']:>8.3f} "
                  f"{summary['ms_per_doc_median']:>8.2f}")
    timelines = args.data.parent / "timeline17-dev"
    if not args.no_agreement and timelines.is_dir():
        articles = load_timeline_articles(timelines)
        report["heideltime_agreement"] = {}
        print(f"\nagreement with HeidelTime's dates on {len(articles)} timeline17-dev articles")
        print(f"{'system':<11} {'heidel':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6} {'cpu ms':>8}")
        for name, system in systems.items():
            if system is None:
                continue
            agreement = heideltime_agreement(system, articles)
            report["heideltime_agreement"][name] = agreement
            print(f"{name:<11} {agreement['heideltime_dates']:>6} {agreement['predicted_dates']:>6} "
                  f"{agreement['precision']:>6.3f} {agreement['recall']:>6.3f} {agreement['f1']:>6.3f} "
                  f"{agreement['ms_per_doc_median']:>8.2f}")
    if args.out:
        args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

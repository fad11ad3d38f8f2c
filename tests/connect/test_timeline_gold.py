"""The timeline gold (tests/connect/gold/timelines.jsonl): its rows follow its README's rules, it rebuilds from
the shared Timeline17 references unchanged, and newsdesk's timeline beats the baselines on its dev split (when the
shared data is there; the first run enriches the Timeline17 articles into the benchmark's cache)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "connect" / "gold" / "timelines.jsonl"
T17 = ROOT / ".." / "shared" / "data" / "timeline17-dev"
POLNEAR = ROOT / ".." / "shared" / "data" / "polnear-train-dev"
sys.path.insert(0, str(ROOT))


def _rows() -> list[dict]:
    return [json.loads(line) for line in GOLD.open()]


def test_rows_are_complete_and_split_by_topic_hash() -> None:
    from benchmarks.connect_timelines import split_of

    rows = _rows()
    assert len({r["topic"] for r in rows}) == len(rows) == 50
    assert sum(r["batch"] == 1 for r in rows) == 12  # the first cut, kept as it was
    assert sum(r["batch"] == 4 for r in rows) == 8 and sum(r["batch"] == 5 for r in rows) == 4
    assert sum(r["batch"] == 6 for r in rows) == 5 and sum(r["batch"] == 7 for r in rows) == 10
    assert sum(r["source"] == "polnear/2016-campaign" for r in rows) == 22
    for row in rows:
        assert row["split"] == split_of(row["topic"])
        assert row["n_dates"] == len(row["timeline"]) >= 4
        first, last = row["window"]
        assert all(first <= day <= last and all(said) for day, said in row["timeline"].items())
    assert {r["split"] for r in rows} == {"dev", "heldout"}


def test_no_timeline_holds_every_day_of_its_window() -> None:
    """The point of the cut: Egypt's whole reference is every day of its span, none of these is."""
    for row in _rows():
        first, last = (date.fromisoformat(d) for d in row["window"])
        assert row["n_dates"] <= 0.5 * ((last - first).days + 1), row["topic"]


@pytest.mark.skipif(not (T17.is_dir() and POLNEAR.is_dir()), reason="../shared not present")
def test_gold_rebuilds_from_the_journalists_timelines() -> None:
    from benchmarks.connect_timelines import make_gold

    assert make_gold() == _rows()


@pytest.mark.slow
@pytest.mark.skipif(not T17.is_dir(), reason="../shared not present")
def test_dev_date_f1_beats_the_baselines() -> None:
    """A quality gate, not the issue's bar (0.55 on dev and held-out: see docs/benchmarks.md): on the whole dev
    split (23 timelines: PolNeAR's batches 4-7 included) newsdesk stays at or above its measured 0.590 less a
    margin, on its Timeline17 part (12) at or above its measured 0.479 less a margin, on its PolNeAR part (11) at
    or above 0.712 less a margin, and in each above publication counts, mentions and random days; its whole-dev
    AR1-F (the days' lines) stays at or above its measured 0.309 less a margin. Every system is given the articles
    ``timeline`` keeps for the query (``query_articles``), as a user asking the library is. The first twelve
    timelines' dev split (4 timelines: newsdesk 0.493, MENTIONS 0.451) is not gated: a date or two there swaps the
    order. Since the PolNeAR loader leaves out the title lines it kept in 209 bodies (e33d407, 09ea62e: a measurement
    fix; no timeline code changed), newsdesk's dev Date-F1 is 0.590 -> 0.556, its PolNeAR part 0.712 -> 0.640 (the
    title in the body was a dated line the summary could pick) and AR1-F 0.310 -> 0.268; the floors followed."""
    from benchmarks.connect_timelines import evaluate, source_articles

    rows = [r for r in _rows() if r["split"] == "dev"]
    macro = evaluate(rows, source_articles(rows))["macro"]
    for split, floor in (("dev", 0.545), ("dev-t17", 0.47), ("dev-polnear", 0.63)):
        scores = macro[split]
        assert scores["newsdesk"]["date"] >= floor, split
        assert scores["newsdesk"]["date"] > max(scores[name]["date"] for name in ("PUBCOUNT", "MENTIONS", "RANDOM"))
    assert macro["dev"]["newsdesk"]["ar1"] >= 0.255

"""The full enrichment on the hand-annotated gold set (tests/enrich/gold): a recall floor per kind.

The floors sit a little under what the system reached when they were set (figures in the final report of
issue 7 and in docs/benchmarks.md): they guard against regressions, they are not targets to tune to.
Recall is scored over both splits together; ``benchmarks/enrich_quantities.py`` reports them apart.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from benchmarks.enrich_quantities import GOLD, Found, fold, load_gold, score_passage
from newsdesk.model import Enrichment

#: Recall floors per kind over the whole gold set (and quantities' precision floor).
FLOORS = {"entities": 0.72, "quotes": 0.5, "times": 0.85, "quantities": 0.85}
QUANTITY_PRECISION_FLOOR = 0.85


@cache
def _enrichments() -> tuple[tuple[dict[str, Any], Enrichment], ...]:
    try:
        from newsdesk.enrich import enrich_text
    except ImportError as exc:  # a module of the orchestrator not landed yet
        pytest.skip(f"newsdesk.enrich cannot be imported yet: {exc}")
    out = []
    for passage in load_gold():
        try:
            found = enrich_text(passage["text"], published=passage["published"], language="en")
        except NotImplementedError as exc:
            pytest.skip(f"an enrichment module is not implemented yet: {exc}")
        out.append((passage, found))
    return tuple(out)


def entity_found(item: dict[str, Any], enrichment: Enrichment) -> bool:
    """Whether an entity of ``enrichment`` is the gold ``item``: name (or alias), type, country, mentions."""
    for entity in enrichment.entities:
        names = {fold(entity.name), *(fold(a) for a in entity.aliases)}
        if fold(item["name"]) not in names or entity.type != item["type"]:
            continue
        if "country" in item and entity.country != item["country"]:
            continue
        if len(entity.mentions) >= item.get("min_mentions", 1):
            return True
    return False


def quote_found(item: dict[str, Any], enrichment: Enrichment) -> bool:
    """Whether a quote of ``enrichment`` holds the item's words, said by its speaker, of its kind."""
    return any(fold(item["text_contains"]) in fold(q.text) and fold(q.speaker) == fold(item["speaker"])
               and ("kind" not in item or q.kind == item["kind"]) for q in enrichment.quotes)


def time_found(item: dict[str, Any], enrichment: Enrichment) -> bool:
    """Whether a time expression holds the item's words with its value (a time of day after it allowed)."""
    return any(fold(item["text_contains"]) in fold(t.text)
               and (t.value == item["value"] or t.value.startswith(item["value"] + "T"))
               for t in enrichment.times)


FINDERS = {"entities": entity_found, "quotes": quote_found, "times": time_found}


def recall(kind: str) -> tuple[float, list[str]]:
    """Recall of ``kind`` over the gold set, and what was missed (for the assertion message)."""
    hits = total = 0
    missed: list[str] = []
    for passage, enrichment in _enrichments():
        for item in passage[kind]:
            total += 1
            if FINDERS[kind](item, enrichment):
                hits += 1
            else:
                missed.append(f"{passage['_source']['id']}: {item}")
    return (hits / total if total else 1.0), missed


@pytest.mark.parametrize("kind", ["entities", "quotes", "times"])
def test_recall_floor(kind):
    value, missed = recall(kind)
    assert value >= FLOORS[kind], (value, missed)


def test_quantities_floors():
    matched = gold = predicted = 0
    for passage, enrichment in _enrichments():
        found = [Found(q.text, q.value, q.unit, q.kind, q.approximate) for q in enrichment.quantities]
        score = score_passage(passage["quantities"], found)
        matched, gold, predicted = matched + score.matched, gold + score.gold, predicted + score.predicted
        assert all(passage["text"][q.start:q.end] == q.text for q in enrichment.quantities)
    assert matched / gold >= FLOORS["quantities"], (matched, gold)
    assert matched / predicted >= QUANTITY_PRECISION_FLOOR, (matched, predicted)


def test_gold_files_are_well_formed():
    passages = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(GOLD.glob("*.json"))]
    assert 8 <= len(passages) <= 12
    assert {p["split"] for p in passages} == {"dev", "heldout"}
    for passage in passages:
        assert passage["_source"]["id"] and passage["published"]
        for kind in ("quotes", "times", "quantities"):
            for item in passage[kind]:
                assert fold(item["text_contains"]) in fold(passage["text"]), (passage["_source"]["id"], item)
        for entity in passage["entities"]:
            assert entity["type"] in ("PERSON", "ORG", "PLACE")
            assert ("country" in entity) == (entity["type"] == "PLACE"), entity

"""The seed example, end to end: `newsdesk extract --enrich` finds every item its .enriched.json lists."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from newsdesk.cli import main

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "examples" / "trtworld-iraq-coalition.txt"
EXPECTED = SHARED / "examples" / "trtworld-iraq-coalition.enriched.json"

pytestmark = pytest.mark.skipif(not EXPECTED.exists(), reason="../shared/examples is not present")


def _fold(text: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split()).casefold()


def _matches(found: dict[str, Any], wanted: dict[str, Any]) -> bool:
    for key, value in wanted.items():
        if key == "text_contains":
            if _fold(value) not in _fold(found.get("text")):
                return False
        elif key == "unit_contains":
            if _fold(value) not in _fold(found.get("unit")):
                return False
        elif key == "min_mentions":
            if len(found.get("mentions") or []) < value:
                return False
        elif key == "value" and isinstance(value, int | float) and not isinstance(value, bool):
            if not isinstance(found.get("value"), int | float) or abs(found["value"] - value) > 1e-9:
                return False
        elif _fold(found.get(key)) != _fold(value):
            return False
    return True


@pytest.fixture(scope="module")
def enriched() -> dict[str, Any]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["extract", "--enrich", "--format", "json", str(SEED)]) == 0
    return json.loads(out.getvalue())


def test_published_date(enriched: dict[str, Any]) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert (enriched["published"] or "")[:10] == expected["published"]


@pytest.mark.parametrize("kind", ["quotes", "times", "entities", "quantities"])
def test_every_listed_item_is_found_with_its_span(enriched: dict[str, Any], kind: str) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    text = enriched["text"]
    missing = []
    for wanted in expected[kind]:
        hits = [item for item in enriched[kind] if _matches(item, wanted)]
        if not hits:
            missing.append(wanted)
            continue
        for item in hits:
            spans = item["mentions"] if kind == "entities" else [item]
            for span in spans:
                assert text[span["start"]:span["end"]] == span["text"], (kind, span)
    assert not missing, f"{kind} not found: {missing}"


def test_no_entity_from_outside_the_article(enriched: dict[str, Any]) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    names = {_fold(entity["name"]) for entity in enriched["entities"]}
    mentioned = {_fold(m["text"]) for entity in enriched["entities"] for m in entity["mentions"]}
    for name in expected["not_entities"]:
        assert _fold(name) not in names | mentioned


def test_output_says_which_recognizer_ran(enriched: dict[str, Any]) -> None:
    assert enriched["recognizer"]

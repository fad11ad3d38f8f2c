"""The optional mypyc build of the recognisers: used only when fresh, and the same output as the .py sources."""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the shared runner
from native_run import run_with_native

from newsdesk.enrich import native

ROOT = Path(__file__).resolve().parents[2]
SHARED_PAGES = ROOT / ".." / "shared" / "data" / "fundus-news" / "html"

#: Runs enrich_text over the texts in argv[1] (JSON: [text, published, language] rows) and prints the
#: annotations with the list of compiled modules that ran them.
_RUN = """
import dataclasses, json, sys
from newsdesk.enrich import enrich_text, native
rows = json.load(open(sys.argv[1], encoding="utf-8"))
found = [dataclasses.asdict(enrich_text(text, published=published, language=language))
         for text, published, language in rows]
print(json.dumps({"compiled": native.compiled_in_use(), "found": found}, sort_keys=True))
"""

_SENTENCES = [
    ("Chief Pentagon Spokesman Sean Parnell said on Tuesday that 2,500 troops would leave Iraq by the end of "
     "2026. \"We will stay until September,\" he told reporters in Baghdad. The Ministry of Defence of Iraq "
     "said the US-Iraq Higher Military Commission met twice last week.", "2025-10-01", None),
    ("Unemployment rose to 4.2 per cent in March, up from three and a half per cent a year earlier, while "
     "the Federal Reserve held rates at 5.25%. Jane Doe, a spokesperson for Acme Corp, said two million "
     "shares traded for $1.3bn.", "2024-04-12T08:00:00+00:00", None),
    ("« Nous partirons demain », a déclaré le ministre à Paris le 3 mars 2025. Le président Macron a "
     "annoncé 40 millions d'euros.", "2025-03-02", "fr"),
    ("NEW DELHI (AP) — WHO said: \"Cases doubled.\" Officials said the 12-week plan starts next Monday "
     "at 9 a.m. and ends in mid-2027, three years after the 2024 vote.", None, None),
]


def _texts() -> list[tuple[str, str | None, str | None]]:
    rows = list(_SENTENCES)
    seed = ROOT / "examples" / "trtworld-iraq-coalition.txt"
    if seed.exists():
        rows.append((seed.read_text(encoding="utf-8"), "2025-09-30", None))
    if SHARED_PAGES.exists():  # real news bodies, when the shared data is present
        from newsdesk import extract

        for path in sorted(SHARED_PAGES.glob("*.html.gz"))[:25]:
            article = extract(gzip.decompress(path.read_bytes()), source=path.name)
            if article.text:
                rows.append((article.text, article.published, article.language))
    return rows


def test_fresh_needs_the_same_sources_and_interpreter(tmp_path: Path) -> None:
    digests = native.source_digests()
    (tmp_path / native.STAMP).write_text(json.dumps({"abi": "abi-1", "sources": digests}), encoding="utf-8")
    assert native.fresh(tmp_path, digests, "abi-1")
    assert not native.fresh(tmp_path, digests, "abi-2")
    edited = dict(digests, **{"patterns.py": "0" * 64})
    assert not native.fresh(tmp_path, edited, "abi-1")
    assert not native.fresh(tmp_path / "missing", digests, "abi-1")


def test_pytest_imports_the_sources() -> None:
    # Doctests import each .py by file: under pytest the compiled modules stay off unless asked for.
    if os.environ.get("NEWSDESK_NATIVE") != "1":
        assert native.compiled_in_use() == []


@pytest.mark.skipif(not native.fresh(native.COMPILED, native.source_digests(), native._abi()),
                    reason="no fresh mypyc build (python newsdesk/enrich/native.py build)")
def test_compiled_modules_give_the_same_annotations(tmp_path: Path) -> None:
    rows_file = tmp_path / "rows.json"
    rows_file.write_text(json.dumps(_texts()), encoding="utf-8")
    compiled, source = run_with_native(_RUN, rows_file, "1"), run_with_native(_RUN, rows_file, "0")
    assert sorted(compiled["compiled"]) == sorted(native.MODULES)
    assert source["compiled"] == []
    assert compiled["found"] == source["found"]
    assert any(found["quotes"] for found in source["found"])  # the texts exercise every recogniser
    assert any(found["quantities"] for found in source["found"])

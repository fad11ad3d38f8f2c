"""The optional mypyc build of extraction's hot modules: used only when fresh, and the .py sources' output."""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the shared runner
from native_run import run_with_native

from newsdesk import native

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = ROOT / ".." / "shared" / "data"
TARGET = native.TARGETS["extract"]

#: Extracts every page in argv[1] (JSON: [name, url, kind, text] rows) and prints each Article's fields (or the
#: error) with the list of compiled modules that ran them.
_RUN = """
import json, sys
from newsdesk import native
from newsdesk.extract import extract
import newsdesk.extract.html, newsdesk.extract.text
rows = json.load(open(sys.argv[1], encoding="utf-8"))
found = []
for name, url, kind, text in rows:
    try:
        found.append(extract(text, url=url, kind=kind, source=name).to_dict())
    except Exception as exc:
        found.append({"error": f"{type(exc).__name__}: {exc}"})
print(json.dumps({"compiled": native.compiled_in_use("extract"), "found": found}, sort_keys=True, default=str))
"""

#: JSON-LD whose fields hold other JSON types than the usual ones: compiled code checks the types its
#: annotations name at run time, so an annotation narrower than the data would raise where the source
#: does not (an image URL given as a list did, before metadata._absolute_url took any value).
_ODD_LINKED_DATA = """<html lang="en"><head><title>Odd data | Example</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": ["Odd data", 3],
 "image": {"url": ["https://example.com/a.jpg"], "caption": ["A caption"], "creditText": {"name": 5}},
 "author": [{"name": ["Jane Doe", 1]}, {"@id": "#x"}, 7, null], "datePublished": ["2025-10-01"],
 "dateModified": 20251002, "publisher": [{"name": ["Example"]}], "keywords": [["a"], "b", 2],
 "inLanguage": {"name": "en"}, "url": {"@id": "https://example.com/odd"}, "articleSection": [null]}</script>
</head><body><article><h1>Odd data</h1><p>By Jane Doe</p><p>""" + "Officials said the data was odd. " * 20 + """
</p></article></body></html>"""


def _pages() -> list[tuple[str, str | None, str | None, str]]:
    """Rows of (name, url, kind, text): HTML pages by detection, text pages (the .txt fixtures, the seed) in
    text mode, whose modules are compiled too."""
    rows: list[tuple[str, str | None, str | None, str]] = [
        ("odd-linked-data", "https://example.com/odd", None, _ODD_LINKED_DATA)]
    for path in sorted(FIXTURES.glob("*.html")):
        rows.append((path.name, f"https://example.com/{path.stem}", None,
                     path.read_bytes().decode("utf-8", "replace")))
    for path in sorted(FIXTURES.glob("*.txt")):
        text = path.read_bytes().decode("utf-8", "replace")
        rows.append((path.name, f"https://example.com/{path.stem}", "text", text))
        rows.append((f"{path.name} (no URL)", None, "text", text))  # as a pasted text comes
    seed = ROOT / "examples" / "trtworld-iraq-coalition.txt"
    if seed.exists():
        rows.append((seed.name, None, "text", seed.read_text(encoding="utf-8")))
    for folder in ("scrapinghub-aeb", "wcxb-dev-articles", "fundus-news"):  # real pages, when the data is here
        for path in sorted((SHARED / folder / "html").glob("*.html.gz"))[:15]:
            rows.append((path.name, None, None, gzip.decompress(path.read_bytes()).decode("utf-8", "replace")))
    return rows


def test_fresh_needs_the_same_sources_and_interpreter(tmp_path: Path) -> None:
    digests = native.source_digests(TARGET)
    assert "body.py" in digests and "errors.py" in digests  # the package and what it imports
    (tmp_path / native.STAMP).write_text(json.dumps({"abi": "abi-1", "sources": digests}), encoding="utf-8")
    assert native.fresh(tmp_path, digests, "abi-1")
    assert not native.fresh(tmp_path, digests, "abi-2")
    # Any module of the package counts, a compiled one or not: the build knows the others' constants.
    assert not native.fresh(tmp_path, dict(digests, **{"text.py": "0" * 64}), "abi-1")
    assert not native.fresh(tmp_path / "missing", digests, "abi-1")


def test_every_compiled_module_is_a_module_of_the_package() -> None:
    assert all((TARGET.folder / f"{name}.py").exists() for name in TARGET.modules)


def test_text_modes_modules_are_compiled() -> None:
    # Every text-mode module but the fitted weights, which are data.
    text_modules = {path.stem for path in TARGET.folder.glob("text*.py")} - {"textsize", "text_line_weights"}
    assert text_modules <= set(TARGET.modules)


def test_line_weights_are_typed_as_tuples_of_any_length() -> None:
    # Left to inference, each weights tuple is a fixed-length tuple type of ~300 items, which mypyc unboxes
    # item by item wherever it is read: 3 MB of C in text_line_model alone, and the build took 8.7 minutes
    # instead of 1.4. benchmarks/extraction_text.py --fit-lines writes this file: it must keep the annotation.
    from newsdesk.extract import text_line_weights

    assert text_line_weights.__annotations__ == {"WEIGHTS": tuple[float, ...], "DROP_WEIGHTS": tuple[float, ...]}


def test_pytest_imports_the_sources() -> None:
    # Doctests import each .py by file: under pytest the compiled modules stay off unless asked for.
    if os.environ.get("NEWSDESK_NATIVE") != "1":
        assert native.compiled_in_use("extract") == []


@pytest.mark.skipif(not native.fresh(TARGET.compiled, native.source_digests(TARGET), native._abi()),
                    reason="no fresh mypyc build (python newsdesk/native.py build extract)")
def test_compiled_modules_give_the_same_articles(tmp_path: Path) -> None:
    rows = _pages()
    rows_file = tmp_path / "rows.json"
    rows_file.write_text(json.dumps(rows), encoding="utf-8")
    compiled, source = run_with_native(_RUN, rows_file, "1"), run_with_native(_RUN, rows_file, "0")
    assert sorted(compiled["compiled"]) == sorted(TARGET.modules)
    assert source["compiled"] == []
    assert compiled["found"] == source["found"]
    odd = source["found"][0]
    assert odd.get("headline") == "Odd data" and odd["authors"] == ["Jane Doe"]
    seed = [found for row, found in zip(rows, source["found"], strict=True) if row[0] == "trtworld-iraq-coalition.txt"]
    assert [found.get("headline") for found in seed] == ["US-led coalition to scale back Iraq mission"]
    assert sum("error" not in found for found in source["found"]) >= 0.9 * len(source["found"])

"""Reading local files, folders and standard input."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from ingest_warcs import Response, write_warc

from newsdesk.ingest import SourceFailure
from newsdesk.ingest.files import read_path, read_stdin
from newsdesk.model import RawPage

FIXTURES = Path(__file__).parent / "fixtures"
FLOODS = (FIXTURES / "article_floods.html").read_bytes()
SCRAPED = """Port workers vote to strike over pay
SOUTHPORT, Sept 30 (Harbour Times) - Dock workers at Southport voted by 87% to walk out for 48 hours
next week after talks on a new pay deal broke down, the union said on Tuesday.
"""


def _pages(items: list[RawPage | SourceFailure]) -> list[RawPage]:
    return [item for item in items if isinstance(item, RawPage)]


def _failures(items: list[RawPage | SourceFailure]) -> list[SourceFailure]:
    return [item for item in items if isinstance(item, SourceFailure)]


def test_folder_reads_known_files_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b-floods.html").write_bytes(FLOODS)
    (tmp_path / "a-strike.txt").write_text(SCRAPED, encoding="utf-8")
    (tmp_path / "c-floods.htm.gz").write_bytes(gzip.compress(FLOODS))
    saved = tmp_path / "d-saved_files"
    saved.mkdir()
    (saved / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (saved / "style.css").write_text("body { margin: 0 }")
    (tmp_path / ".hidden.html").write_bytes(FLOODS)
    items = list(read_path(tmp_path))
    assert not _failures(items)
    pages = _pages(items)
    assert [Path(page.source or "").name for page in pages] == ["a-strike.txt", "b-floods.html", "c-floods.htm.gz"]
    assert [page.kind for page in pages] == ["text", "html", "html"]
    assert pages[2].data == FLOODS
    assert pages[1].source == os.path.join(str(tmp_path), "b-floods.html")
    assert pages[1].fetched_at is not None and pages[1].fetched_at.endswith("+00:00")


def test_same_folder_gives_same_sources_twice(tmp_path: Path) -> None:
    (tmp_path / "floods.html").write_bytes(FLOODS)
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "strike.txt").write_text(SCRAPED)
    first = [item.source for item in read_path(tmp_path)]
    assert first == [item.source for item in read_path(tmp_path)]
    assert first[1] == os.path.join(str(tmp_path), "more", "strike.txt")


def test_saved_page_comment_gives_the_url(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes(b"<!DOCTYPE html>\n<!-- saved from url=(0071)https://riverside-gazette.example/local/"
                     b"2025/10/01/floods-close-roads -->\n" + FLOODS)
    (item,) = read_path(page)
    assert isinstance(item, RawPage)
    assert item.url == "https://riverside-gazette.example/local/2025/10/01/floods-close-roads"


def test_file_over_the_cap_is_a_failure_not_a_read(tmp_path: Path) -> None:
    big = tmp_path / "dump.html"
    with open(big, "wb") as out:
        out.truncate(200 * 1024 * 1024)  # sparse: 200 MiB on paper, nothing on disk
    (failure,) = read_path(big)
    assert isinstance(failure, SourceFailure)
    assert failure.source == str(big)
    assert failure.reason == "file is 200.0 MiB, over the 16.0 MiB limit for one page"


def test_truncated_gzip_is_a_failure(tmp_path: Path) -> None:
    packed = gzip.compress(FLOODS)
    path = tmp_path / "floods.html.gz"
    path.write_bytes(packed[: len(packed) // 2])
    (failure,) = read_path(path)
    assert isinstance(failure, SourceFailure) and "truncated gzip" in failure.reason


def test_jsonl_bad_line_is_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps({"url": "https://riverside-gazette.example/floods", "html": FLOODS.decode()}),
        '{"url": "https://harbour-times.example/strike", "text": "Port workers vote',  # cut off
        "",
        json.dumps({"url": "https://harbour-times.example/strike", "text": SCRAPED,
                    "fetched_at": "2025-09-30T16:05:09+00:00"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"url": "https://harbour-times.example/empty"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_path(path))
    assert [item.source for item in items] == [f"{path}:1", f"{path}:2", f"{path}:4", f"{path}:5", f"{path}:6"]
    first, bad_json, text, not_object, no_body = items
    assert isinstance(first, RawPage) and first.kind == "html" and first.data == FLOODS.decode()
    assert isinstance(bad_json, SourceFailure) and bad_json.reason.startswith("invalid JSON")
    assert isinstance(text, RawPage) and text.kind == "text" and text.fetched_at == "2025-09-30T16:05:09+00:00"
    assert isinstance(not_object, SourceFailure) and not_object.reason == "expected a JSON object, found list"
    assert isinstance(no_body, SourceFailure) and no_body.reason == "no 'html' or 'text' field"
    assert no_body.url == "https://harbour-times.example/empty"


def test_jsonl_overlong_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    long_line = json.dumps({"url": "https://news.example/long", "text": "word " * 400})
    short_line = json.dumps({"url": "https://news.example/short", "text": SCRAPED})
    path.write_text(long_line + "\n" + short_line + "\n")
    items = list(read_path(path, max_bytes=500))
    assert isinstance(items[0], SourceFailure) and items[0].source == f"{path}:1"
    assert "over the" in items[0].reason
    assert isinstance(items[1], RawPage) and items[1].url == "https://news.example/short"


def test_truncated_jsonl_gz_keeps_what_came_before(tmp_path: Path) -> None:
    records = [json.dumps({"url": f"https://news.example/{i}", "text": SCRAPED}) for i in range(200)]
    packed = gzip.compress(("\n".join(records) + "\n").encode())
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(packed[: len(packed) - 40])
    items = list(read_path(path))
    assert len(_pages(items)) > 100
    (failure,) = _failures(items)
    assert failure.reason.startswith("truncated gzip data")


def test_warc_in_a_folder_is_read_as_warc(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", [Response("https://riverside-gazette.example/floods", FLOODS)])
    (page,) = read_path(tmp_path)
    assert isinstance(page, RawPage) and page.url == "https://riverside-gazette.example/floods"


def test_stdin_page_and_jsonl() -> None:
    (page,) = read_stdin(io.BytesIO(FLOODS))
    assert isinstance(page, RawPage) and page.source == "<stdin>" and page.data == FLOODS
    stream = io.BytesIO(b'{"url": "https://news.example/a", "text": "Storm hits coast"}\nnot json\n')
    items = list(read_stdin(stream))
    assert isinstance(items[0], RawPage) and items[0].url == "https://news.example/a"
    assert isinstance(items[1], SourceFailure) and items[1].source == "<stdin>:2"
    (text,) = read_stdin(io.BytesIO(SCRAPED.encode()), kind="text")
    assert isinstance(text, RawPage) and text.kind == "text"


def test_stdin_over_the_cap_is_a_failure() -> None:
    (failure,) = read_stdin(io.BytesIO(b"<p>" + b"x" * 5000), max_bytes=1000)
    assert isinstance(failure, SourceFailure) and "over the" in failure.reason


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    (failure,) = read_path(tmp_path / "nowhere")
    assert isinstance(failure, SourceFailure) and failure.reason == "no such file or folder"


SHARED_PAGES = Path(__file__).resolve().parents[3] / "shared" / "data" / "scrapinghub-aeb" / "html"


@pytest.mark.skipif(not SHARED_PAGES.is_dir(), reason="shared benchmark data not present")
def test_shared_benchmark_folder_reads_without_failures() -> None:
    items = list(read_path(SHARED_PAGES))
    assert len(items) == len(list(SHARED_PAGES.glob("*.html.gz")))
    assert not _failures(items)
    assert all(page.kind == "html" and page.data.lstrip()[:1] == b"<" for page in _pages(items))

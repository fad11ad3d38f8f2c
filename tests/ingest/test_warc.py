"""Reading WARC files: response records only, HTTP headers, non-HTML, revisits, damage."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from ingest_warcs import Response, write_warc

from newsdesk.extract import extract
from newsdesk.ingest import SourceFailure
from newsdesk.ingest.warc import read_warc, read_warc_record, record_location
from newsdesk.model import RawPage

FIXTURES = Path(__file__).parent / "fixtures"
FLOODS = (FIXTURES / "article_floods.html").read_bytes()
STRIKE = (FIXTURES / "article_port_strike.html").read_bytes()
FLOODS_URL = "https://riverside-gazette.example/local/2025/10/01/floods-close-roads"
STRIKE_URL = "https://harbour-times.example/business/port-workers-vote-to-strike"


def _mixed_records() -> list[Response | str]:
    return [
        Response(FLOODS_URL, FLOODS),
        "metadata",
        Response("https://harbour-times.example/reports/annual-2025.pdf", b"%PDF-1.7\n%fake report\n",
                 headers=[("Content-Type", "application/pdf")]),
        "revisit",
        Response(STRIKE_URL, STRIKE, headers=[("Content-Type", "text/html; charset=ISO-8859-1")],
                 date="2025-09-30T16:05:09Z"),
    ]


@pytest.mark.parametrize("compressed", [True, False])
def test_reads_html_responses_and_skips_the_rest(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    write_warc(path, _mixed_records(), gzip=compressed)
    items = list(read_warc(path))
    pages = [item for item in items if isinstance(item, RawPage)]
    failures = [item for item in items if isinstance(item, SourceFailure)]
    assert [page.url for page in pages] == [FLOODS_URL, STRIKE_URL]
    assert pages[0].data == FLOODS and pages[1].data == STRIKE
    assert pages[1].headers["content-type"] == "text/html; charset=ISO-8859-1"
    assert pages[1].fetched_at == "2025-09-30T16:05:09+00:00"
    assert all(page.kind == "html" for page in pages)
    # The PDF is a recorded not-a-page; request, metadata, revisit and warcinfo records are passed over.
    assert len(failures) == 1
    assert failures[0].reason == "content type application/pdf"
    assert failures[0].skipped and failures[0].url.endswith("annual-2025.pdf")


def test_charset_from_http_header_reaches_extraction(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, _mixed_records())
    strike = [item for item in read_warc(path) if isinstance(item, RawPage)][1]
    article = extract(strike.data, url=strike.url, content_type=strike.headers.get("content-type"))
    assert "café owners" in article.text


def test_source_names_the_record_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    offsets = write_warc(path, _mixed_records())
    pages = [item for item in read_warc(path) if isinstance(item, RawPage)]
    location = record_location(pages[1].source or "")
    assert location is not None and location.path == str(path)
    assert location.offset in offsets
    again = read_warc_record(location.path, location.offset)
    assert isinstance(again, RawPage) and again.data == STRIKE and again.url == STRIKE_URL


def test_warc_gzipped_as_one_stream_is_read_with_record_numbers(tmp_path: Path) -> None:
    plain = tmp_path / "crawl.warc"
    write_warc(plain, [Response(FLOODS_URL, FLOODS), Response(STRIKE_URL, STRIKE)], gzip=False)
    whole = tmp_path / "crawl.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    floods, strike = read_warc(whole)
    assert isinstance(floods, RawPage) and isinstance(strike, RawPage)
    assert (floods.url, strike.url) == (FLOODS_URL, STRIKE_URL) and strike.data == STRIKE
    # Offsets inside one gzip stream cannot be seeked to, so the sources are record numbers.
    assert strike.source == f"{whole}#record-5"
    assert record_location(strike.source) is None


def test_redirects_and_errors_are_skipped_with_their_reason(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        Response("https://news.example/story", b"", status="301 Moved Permanently",
                 headers=[("Location", "https://news.example/world/story"), ("Content-Length", "0")]),
        Response("https://news.example/world/story", FLOODS),
        Response("https://news.example/gone", b"<h1>Not found</h1>", status="404 Not Found"),
    ])
    items = list(read_warc(path))
    assert [type(item).__name__ for item in items] == ["SourceFailure", "RawPage", "SourceFailure"]
    assert items[0].reason == "redirect 301 to https://news.example/world/story"
    assert items[1].url == "https://news.example/world/story"
    assert items[2].reason == "HTTP status 404" and items[2].skipped


def test_identified_payload_type_rescues_generic_content_type(tmp_path: Path) -> None:
    path = tmp_path / "cc-news.warc.gz"
    write_warc(path, [
        Response(FLOODS_URL, FLOODS, headers=[("Content-Type", "application/octet-stream")],
                 extra_warc_headers={"WARC-Identified-Payload-Type": "text/html"}),
        Response("https://news.example/photo.jpg", b"\xff\xd8\xff\xe0", headers=[],
                 extra_warc_headers={"WARC-Identified-Payload-Type": "image/jpeg"}),
    ])
    items = list(read_warc(path))
    assert isinstance(items[0], RawPage)
    assert isinstance(items[1], SourceFailure) and items[1].reason == "content type image/jpeg"


def test_gzip_content_encoding_kept_from_the_wire_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "wire.warc.gz"
    write_warc(path, [Response(FLOODS_URL, gzip.compress(FLOODS),
                               headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")])])
    (page,) = read_warc(path)
    assert isinstance(page, RawPage) and page.data == FLOODS
    assert "content-encoding" not in page.headers


@pytest.mark.parametrize("compressed", [True, False])
def test_truncated_file_gives_the_good_records_then_a_failure(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("truncated.warc.gz" if compressed else "truncated.warc")
    offsets = write_warc(path, [Response(FLOODS_URL, FLOODS), Response(STRIKE_URL, STRIKE)], gzip=compressed)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[-1] + (len(data) - offsets[-1]) // 2])
    items = list(read_warc(path))
    assert isinstance(items[0], RawPage) and items[0].url == FLOODS_URL
    assert isinstance(items[-1], SourceFailure)
    assert items[-1].source == f"{path}#{offsets[-1]}"
    assert "truncated" in items[-1].reason or "corrupt" in items[-1].reason


@pytest.mark.parametrize("compressed", [True, False])
def test_corrupt_record_in_the_middle_is_reported_and_reading_goes_on(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("damaged.warc.gz" if compressed else "damaged.warc")
    third = "https://news.example/third"
    offsets = write_warc(path, [Response(FLOODS_URL, FLOODS), Response(STRIKE_URL, STRIKE),
                                Response(third, FLOODS.replace(b"valley", b"river"))], gzip=compressed)
    # offsets: warcinfo, request 1, response 1, request 2, response 2, request 3, response 3
    damaged_at = offsets[4]
    data = bytearray(path.read_bytes())
    data[damaged_at + 20 : damaged_at + 80] = b"\x00" * 60 if compressed else b"\x00garbage" * 7 + b"\x00" * 4
    path.write_bytes(bytes(data))
    items = list(read_warc(path))
    urls = [item.url for item in items if isinstance(item, RawPage)]
    failures = [item for item in items if isinstance(item, SourceFailure)]
    assert urls == [FLOODS_URL, third]
    assert len(failures) == 1
    assert failures[0].source == f"{path}#{damaged_at}"


@pytest.mark.parametrize("compressed", [True, False])
def test_garbage_after_the_last_record_is_one_failure(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("tail.warc.gz" if compressed else "tail.warc")
    write_warc(path, [Response(FLOODS_URL, FLOODS)], gzip=compressed)
    end = path.stat().st_size
    with open(path, "ab") as out:
        out.write(b"\x1f\x8b\x08\x00 partial download, then an HTML error page <html>503</html>")
    items = list(read_warc(path))
    assert isinstance(items[0], RawPage) and items[0].url == FLOODS_URL
    assert [item.source for item in items[1:]] == [f"{path}#{end}"]


def test_garbage_file_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_bytes(b"this is not a WARC file at all\n" * 10)
    items = list(read_warc(path))
    assert len(items) == 1 and isinstance(items[0], SourceFailure)
    assert items[0].source == f"{path}#0"


def test_oversize_record_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    write_warc(path, [Response(FLOODS_URL, FLOODS + b" " * 5000), Response(STRIKE_URL, STRIKE)])
    items = list(read_warc(path, max_record_bytes=4000))
    assert isinstance(items[0], SourceFailure) and "over the" in items[0].reason
    assert isinstance(items[1], RawPage) and items[1].url == STRIKE_URL


def test_missing_file_is_a_failure(tmp_path: Path) -> None:
    (failure,) = read_warc(tmp_path / "absent.warc.gz")
    assert isinstance(failure, SourceFailure) and "No such file" in failure.reason

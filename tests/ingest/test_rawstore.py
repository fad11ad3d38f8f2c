"""Keeping raw pages as WARC files and reading them back by location."""

from __future__ import annotations

from pathlib import Path

from warcio.archiveiterator import ArchiveIterator as WarcioIterator

from newsdesk.ingest import SourceFailure
from newsdesk.ingest.rawstore import RawStore, read_record
from newsdesk.ingest.warc import read_warc
from newsdesk.model import RawPage

FIXTURES = Path(__file__).parent / "fixtures"
FLOODS = (FIXTURES / "article_floods.html").read_bytes()
STRIKE = (FIXTURES / "article_port_strike.html").read_bytes()


def _fetched(url: str, data: bytes, **headers: str) -> RawPage:
    return RawPage(data=data, url=url, headers={"content-type": "text/html; charset=utf-8", **headers},
                   fetched_at="2025-10-01T09:15:00+00:00", kind="html", source=url.replace("/local/", "/l/"))


def test_pages_round_trip_by_location(tmp_path: Path) -> None:
    floods = _fetched("https://riverside-gazette.example/local/floods", FLOODS,
                      etag='"f-1"', **{"content-encoding": "gzip"})
    strike = RawPage(data=STRIKE, url="https://harbour-times.example/business/strike",
                     headers={"Content-Type": "text/html; charset=ISO-8859-1"}, kind="html",
                     fetched_at="2025-09-30T18:05:09+02:00", source="https://harbour-times.example/s/9")
    with RawStore(tmp_path / "raw") as raw:
        locations = [raw.append(floods), raw.append(strike)]
    assert locations[0].path == locations[1].path and locations[0].offset < locations[1].offset
    assert all(location.length and location.length > 0 for location in locations)
    first = read_record(*locations[0][:2])
    second = read_record(locations[1].path, locations[1].offset)
    assert isinstance(first, RawPage) and isinstance(second, RawPage)
    assert first.data == FLOODS and first.url == floods.url and first.source == floods.source
    assert first.headers["etag"] == '"f-1"'
    # The stored body is decoded, so the wire encoding is only recorded, not claimed.
    assert "content-encoding" not in first.headers
    assert first.headers["x-archive-orig-content-encoding"] == "gzip"
    assert second.data == STRIKE and second.headers["content-type"] == "text/html; charset=ISO-8859-1"
    assert second.fetched_at == "2025-09-30T16:05:09+00:00"


def test_text_pages_and_pages_without_url(tmp_path: Path) -> None:
    scraped = RawPage(data="Port workers vote to strike over pay\nSOUTHPORT, Sept 30 – Dock workers…",
                      kind="text", source="notes/strike.txt")
    with RawStore(tmp_path) as raw:
        where = raw.append(scraped)
    back = read_record(where.path, where.offset)
    assert isinstance(back, RawPage)
    assert back.url is None and back.source == "notes/strike.txt" and back.kind == "text"
    assert back.data.decode("utf-8") == scraped.data
    assert back.headers["content-type"] == "text/plain; charset=utf-8"


def test_files_rotate_at_the_size_limit(tmp_path: Path) -> None:
    with RawStore(tmp_path, max_file_bytes=1) as raw:  # every record fills a file
        locations = [raw.append(_fetched(f"https://riverside-gazette.example/local/{i}", FLOODS)) for i in range(4)]
    paths = sorted({location.path for location in locations})
    assert len(paths) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == [Path(p).name for p in paths]
    for i, location in enumerate(locations):
        page = read_record(location.path, location.offset)
        assert isinstance(page, RawPage) and page.url == f"https://riverside-gazette.example/local/{i}"


def test_written_files_are_standard_warc(tmp_path: Path) -> None:
    with RawStore(tmp_path) as raw:
        where = raw.append(_fetched("https://riverside-gazette.example/local/floods", FLOODS))
    with open(where.path, "rb") as stream:
        kinds = [(rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI")) for rec in WarcioIterator(stream)]
    assert kinds == [("warcinfo", None), ("response", "https://riverside-gazette.example/local/floods")]
    (page,) = read_warc(where.path)
    assert isinstance(page, RawPage) and page.source == f"{where.path}#{where.offset}"


def test_two_stores_in_one_folder_never_share_a_file(tmp_path: Path) -> None:
    with RawStore(tmp_path) as one, RawStore(tmp_path) as two:
        first = one.append(_fetched("https://news.example/local/a", FLOODS))
        second = two.append(_fetched("https://news.example/local/b", FLOODS))
    assert first.path != second.path


def test_reading_a_wrong_offset_is_a_failure(tmp_path: Path) -> None:
    with RawStore(tmp_path) as raw:
        where = raw.append(_fetched("https://news.example/local/a", FLOODS))
    failure = read_record(where.path, where.offset + 7)
    assert isinstance(failure, SourceFailure)
    warcinfo = read_record(where.path, 0)
    assert isinstance(warcinfo, SourceFailure) and "warcinfo" in warcinfo.reason

"""Reading RSS and Atom feeds into discovered article URLs."""

from __future__ import annotations

from pathlib import Path

from newsdesk.ingest import Discovered, SourceFailure
from newsdesk.ingest.feeds import read_feed

FIXTURES = Path(__file__).parent / "fixtures"


def _read(name: str, url: str) -> list[Discovered | SourceFailure]:
    return list(read_feed((FIXTURES / name).read_bytes(), source=url, base_url=url))


def test_rss20_entries_with_dates_guids_and_relative_links() -> None:
    items = _read("feed_rss20.xml", "https://harbour-times.example/business/rss")
    strike, market, letter = items
    assert isinstance(strike, Discovered) and isinstance(market, Discovered)
    assert strike.url == "https://harbour-times.example/business/port-workers-vote-to-strike"
    assert strike.title == "Port workers vote to strike over pay"
    assert strike.published == "2025-09-30T16:05:09+00:00"  # 18:05:09 +0200, in UTC
    assert strike.guid == "ht-business-8812"
    assert strike.via == "https://harbour-times.example/business/rss"
    assert market.url == "https://harbour-times.example/business/fish-market-reopens"
    assert market.published == "2025-09-29T07:00:00+00:00"
    # An entry with no link and no permalink guid cannot be fetched: recorded, not silently lost.
    assert isinstance(letter, SourceFailure) and letter.skipped
    assert letter.source == "https://harbour-times.example/business/rss#entry-3"


def test_atom_published_and_updated() -> None:
    floods, library = _read("feed_atom.xml", "https://riverside-gazette.example/local/atom.xml")
    assert isinstance(floods, Discovered) and isinstance(library, Discovered)
    assert floods.url == "https://riverside-gazette.example/local/2025/10/01/floods-close-roads"
    assert floods.published == "2025-10-01T06:45:00+00:00"
    assert floods.updated == "2025-10-01T08:10:00+00:00"
    assert floods.guid == "tag:riverside-gazette.example,2025:floods-close-roads"
    # No published date: the updated date stands in.
    assert library.published == library.updated == "2025-09-30T12:00:00+00:00"


def test_rss10_rdf_with_dublin_core_date() -> None:
    (budget,) = _read("feed_rss10.rdf", "https://valley-courier.example/rss")
    assert isinstance(budget, Discovered)
    assert budget.url == "https://valley-courier.example/2025/10/01/council-budget"
    assert budget.published == "2025-10-01T00:30:00+00:00"


def test_rss091_with_its_netscape_doctype_is_read() -> None:
    (bell,) = _read("feed_rss091.xml", "http://old-town-crier.example/rss.xml")
    assert isinstance(bell, Discovered) and bell.url == "http://old-town-crier.example/news/bell-tower.html"
    assert bell.published is None


def test_html_page_is_not_a_feed() -> None:
    html = (FIXTURES / "article_floods.html").read_bytes()
    (failure,) = read_feed(html, source="https://riverside-gazette.example/local/")
    assert isinstance(failure, SourceFailure) and failure.reason.startswith("not a")


def test_broken_and_empty_documents_are_failures() -> None:
    (broken,) = read_feed(b'<?xml version="1.0"?><rss version="2.0"><chan', source="https://news.example/rss")
    assert isinstance(broken, SourceFailure) and broken.source == "https://news.example/rss"
    (empty,) = read_feed(b"  \n", source="https://news.example/rss")
    assert isinstance(empty, SourceFailure) and empty.reason == "empty feed document"


def test_entity_declarations_are_refused() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<rss version="2.0"><channel><item><title>&b;</title><link>https://news.example/a</link></item>'
            b"</channel></rss>")
    (failure,) = read_feed(bomb, source="https://news.example/rss")
    assert isinstance(failure, SourceFailure) and "entities" in failure.reason


def test_feed_never_reads_a_local_file_named_by_its_bytes(tmp_path: Path) -> None:
    # feedparser opens a str or bytes argument as a file name; read_feed must hand it a stream.
    secret = tmp_path / "feed.xml"
    secret.write_bytes((FIXTURES / "feed_rss20.xml").read_bytes())
    (failure,) = read_feed(str(secret).encode(), source="inline")
    assert isinstance(failure, SourceFailure)

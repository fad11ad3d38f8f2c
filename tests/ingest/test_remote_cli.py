"""`newsdesk ingest URL`, `newsdesk ingest sources.toml`, `watch` and `reprocess` against a local server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from ingest_server import NewsServer, Reply

from newsdesk.cli import main
from newsdesk.store import open_store

STORIES = {
    "/world/harbour-talks": ("Harbour talks resume after storm", "Negotiators returned to the harbour"),
    "/world/river-levels": ("River levels fall across the valley", "Engineers said the river had dropped"),
    "/world/ferry-strike": ("Ferry workers end week-long strike", "Ferry crews went back to work"),
}


def _page(headline: str, opening: str) -> bytes:
    prose = f"{opening} on Tuesday, officials said, after days of uncertainty for residents. " * 6
    return (f"<html lang='en'><head><title>{headline} | Valley Post</title>"
            f"<meta property='og:site_name' content='Valley Post'></head><body><article><h1>{headline}</h1>"
            f"<p>{prose}</p><p>{prose}</p></article></body></html>").encode()


def _feed(server: NewsServer) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{server.url(path)}</link>"
        "<pubDate>Tue, 30 Sep 2025 10:00:00 GMT</pubDate></item>"
        for path, (title, _) in STORIES.items())
    channel = f"<channel><title>Valley Post</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.fixture
def site(server: NewsServer) -> NewsServer:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"}))
    server.route("/rss.xml", Reply(body=_feed(server), headers={"Content-Type": "application/rss+xml"}))
    for path, (headline, opening) in STORIES.items():
        server.route(path, Reply(body=_page(headline, opening)))
    return server


def _headlines(db: Path) -> list[str]:
    with open_store(db, read_only=True) as store:
        return sorted(stored.article.headline or "" for stored in store.iter_articles())


def test_ingest_a_feed_url_fetches_its_articles_once(site: NewsServer, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert main(["ingest", "--quiet", "--db", str(db), site.url("/rss.xml")]) == 0
    assert _headlines(db) == sorted(title for title, _ in STORIES.values())
    fetched = [path for path in site.paths() if path in STORIES]
    assert sorted(fetched) == sorted(STORIES)

    # Polling the feed again fetches no article the store already holds.
    assert main(["ingest", "--quiet", "--db", str(db), site.url("/rss.xml")]) == 0
    assert sorted(path for path in site.paths() if path in STORIES) == sorted(fetched)


def test_a_url_that_fails_is_quarantined_and_the_exit_code_says_so(site: NewsServer, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "news.db"
    site.route("/gone", Reply(status=404, body=b"not here"))
    code = main(["ingest", "--quiet", "--db", str(db), site.url("/gone"), site.url("/world/harbour-talks")])
    assert code == 1
    assert "failures 1" in capsys.readouterr().err
    with open_store(db, read_only=True) as store:
        stats = store.stats()
    assert stats.articles == 1
    assert sum(stats.quarantined.values()) == 1


def test_watch_polls_a_sources_file_and_ingests_only_what_is_new(site: NewsServer, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[outlet]]\nname = "Valley Post"\nhomepage = "{site.url("/")}"\n'
                       f'feeds = ["{site.url("/rss.xml")}"]\nlanguage = "en"\ncountry = "GB"\n')
    db = tmp_path / "news.db"
    assert main(["watch", str(sources), "--db", str(db), "--every", "1s", "--rounds", "2"]) == 0
    err = capsys.readouterr().err
    assert "watch round 1: inputs 3 · articles stored 3" in err
    assert "watch round 2: inputs 0 · articles stored 0" in err
    assert len(_headlines(db)) == 3
    with open_store(db, read_only=True) as store:
        assert [outlet.name for outlet in store.outlets()] == ["Valley Post"]


def test_watch_refuses_a_broken_sources_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[[outlet]]\nname = "No feeds"\nfedds = ["https://example.com/rss"]\n')
    assert main(["watch", str(sources), "--db", str(tmp_path / "news.db"), "--rounds", "1"]) == 2
    assert "sources.toml" in capsys.readouterr().err


def test_reprocess_re_extracts_every_kept_page_in_place(site: NewsServer, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "news.db"
    assert main(["ingest", "--quiet", "--db", str(db), site.url("/rss.xml")]) == 0
    before = _headlines(db)
    # A stored record goes stale, as after an extractor upgrade (its fingerprint no longer matches what
    # extraction now gives): reprocessing writes the fresh record back from the kept raw page.
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE articles SET headline = 'stale', record_hash = 'older extractor' WHERE id = 1")
    assert "stale" in _headlines(db)
    capsys.readouterr()
    assert main(["reprocess", "--db", str(db), "--workers", "1"]) == 0
    assert "updated 1" in capsys.readouterr().err
    assert _headlines(db) == before

"""Stats: every count the `newsdesk stats` command shows."""

from __future__ import annotations

import dataclasses

import pytest
from store_samples import cup_final

from newsdesk.model import Article
from newsdesk.store import ArticleOutcome, FailureOutcome, NotArticleOutcome, Outlet, SQLiteStore, StoreError


def test_stats_count_everything(filled: SQLiteStore) -> None:
    run_id = filled.start_run("newsdesk ingest more/")
    filled.write_batch(
        [
            ArticleOutcome("copy", dataclasses.replace(cup_final(), url="https://sportsround.example/rovers")),
            ArticleOutcome("undated", Article(url="https://harbourgazette.example/tides", headline="Tides")),
            NotArticleOutcome("front", "https://harbourgazette.example/", "section front"),
            NotArticleOutcome("tag", "https://harbourgazette.example/tag/ferries", "section front"),
            NotArticleOutcome("video", "https://harbourgazette.example/video/1", "video page"),
            FailureOutcome("crawl.warc.gz#77", "ingest", "corrupt WARC record"),
            FailureOutcome("https://harbourgazette.example/x.pdf", "fetch", "not HTML"),
            FailureOutcome("page.html", "extract", "empty input"),
        ],
        run_id=run_id,
    )
    stats = filled.stats()
    assert stats.articles == 6
    assert stats.by_source == {
        "Daily Meridian": 2,
        "Harbour Gazette": 1,
        "Le Quotidien du Nord": 1,
        "Northern Sports Desk": 1,
        "harbourgazette.example": 1,  # no site name: the host stands in
    }
    # Days are UTC days: 21:30+01:00 on the 28th is the 28th, 09:00+02:00 on 1 October is 1 October.
    assert stats.by_day == {
        "(none)": 1,
        "2025-09-27": 1,
        "2025-09-28": 1,
        "2025-09-29": 1,
        "2025-09-30": 1,
        "2025-10-01": 1,
    }
    assert stats.by_section == {
        "(none)": 1,
        "Local": 1,
        "Politics": 1,
        "Sport": 1,
        "World": 1,
        "Économie": 1,
    }
    assert stats.by_language == {"en": 3, "(none)": 1, "en-gb": 1, "fr": 1}
    assert stats.duplicates == {"exact": 1}
    assert stats.not_articles == {"section front": 2, "video page": 1}
    assert stats.quarantined == {"extract": 1, "fetch": 1, "ingest": 1}
    assert (stats.raw_pages, stats.runs) == (5, 1)
    assert stats.to_dict()["by_source"]["Daily Meridian"] == 2


def test_empty_store_stats(store: SQLiteStore) -> None:
    stats = store.stats()
    assert stats.articles == 0 and stats.by_source == {} and stats.quarantined == {}


def test_outlets_are_kept_by_name(store: SQLiteStore) -> None:
    store.upsert_outlets(
        [
            Outlet(
                "Harbour Gazette",
                "https://harbourgazette.example",
                ["https://harbourgazette.example/rss"],
                [],
                "en",
                "GB",
            ),
            Outlet(
                "Daily Meridian",
                "https://www.dailymeridian.example",
                [],
                ["https://www.dailymeridian.example/sitemap-news.xml"],
                "en",
                "US",
            ),
        ]
    )
    store.upsert_outlets([Outlet("Harbour Gazette", "https://harbourgazette.example", [], [], "en", "GB")])
    outlets = store.outlets()
    assert [o.name for o in outlets] == ["Daily Meridian", "Harbour Gazette"]
    assert outlets[0].sitemaps == ["https://www.dailymeridian.example/sitemap-news.xml"]
    assert outlets[1].feeds == [] and outlets[1].country == "GB"


def test_an_outlet_needs_a_name(store: SQLiteStore) -> None:
    with pytest.raises(StoreError, match="an outlet needs a name"):
        store.upsert_outlets([Outlet("", "https://harbourgazette.example")])
    assert store.outlets() == []

"""Stats: every count the `newsdesk stats` command shows."""

from __future__ import annotations

import dataclasses

import pytest
from store_samples import assert_consistent, coalition, cup_final, outcome_for

from newsdesk.model import Article, Block
from newsdesk.store import (
    ArticleOutcome,
    FailureOutcome,
    Filters,
    NotArticleOutcome,
    Outlet,
    SQLiteStore,
    StoreError,
)


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


def test_kept_counts_follow_every_kind_of_write(filled: SQLiteStore) -> None:
    assert_consistent(filled)
    # An update that moves an article to another section, outlet, day and language.
    moved = dataclasses.replace(coalition(), section="Middle East", site_name=None, language="EN-US",
                                published="2025-10-02T01:00:00+03:00")
    filled.write_batch([outcome_for(moved)])
    stats = filled.stats()
    assert stats.by_section.get("World") is None and stats.by_section["Middle East"] == 1
    assert stats.by_source["dailymeridian.example"] == 1 and stats.by_source["Daily Meridian"] == 1
    assert stats.by_day["2025-10-01"] == 2 and "2025-09-30" not in stats.by_day
    assert stats.by_language["en-us"] == 1
    assert_consistent(filled)
    # A page once recorded as not an article, and a URL once recorded as a copy, become articles.
    filled.write_batch([
        NotArticleOutcome("tag", "https://harbourgazette.example/ferries", "tag page"),
        ArticleOutcome("copy", dataclasses.replace(cup_final(), url="https://sportsround.example/rovers")),
    ])
    assert filled.stats().not_articles == {"tag page": 1} and filled.stats().duplicates == {"exact": 1}
    filled.write_batch([
        ArticleOutcome("now", Article(url="https://harbourgazette.example/ferries", headline="Ferries",
                                      body=[Block("paragraph", "All ferries run today.")])),
        ArticleOutcome("rewritten", dataclasses.replace(cup_final(), url="https://sportsround.example/rovers",
                                                        body=[Block("paragraph", "Rovers are through.")])),
    ])
    assert filled.stats().not_articles == {} and filled.stats().duplicates == {}
    assert_consistent(filled)
    # A failure retried is one quarantined input; the same raw page twice is kept once.
    for _ in range(2):
        filled.write_batch([FailureOutcome("crawl.warc.gz#77", "ingest", "corrupt WARC record")])
        filled.write_batch([outcome_for(cup_final())])
    assert filled.stats().quarantined == {"ingest": 1}
    assert_consistent(filled)
    # Deleting an article (by hand: the store has no delete yet) takes it out of the counts.
    filled.connection.execute("DELETE FROM articles WHERE url = ?", (cup_final().url,))
    assert filled.stats().articles == 6 and filled.stats().by_section["Sport"] == 1  # the rewritten copy
    assert_consistent(filled)


def test_counts_of_an_empty_and_a_busy_store_read_the_same_few_rows(filled: SQLiteStore) -> None:
    plan = " ".join(row[-1] for row in filled.connection.execute(
        "EXPLAIN QUERY PLAN SELECT kind, value, n FROM store_counts WHERE n > 0 ORDER BY kind, n DESC, value"))
    assert "articles" not in plan and "store_counts" in plan
    assert filled.count() == 5 and filled.count(None, Filters()) == 5

"""Related articles ("more like this") from the full-text index: the same story first, never a copy."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from store_samples import coalition, cup_final

from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, SQLiteStore, open_store
from newsdesk.store.related import candidate_words, index_words, telling_terms

COALITION_URL = "https://www.dailymeridian.example/world/iraq-coalition-2026"


def drawdown() -> Article:
    """The coalition story as another outlet told it a day later."""
    return Article(
        url="https://gulfobserver.example/iraq/coalition-troops-start-leaving-baghdad",
        site_name="Gulf Observer",
        language="en",
        headline="Coalition troops start leaving Baghdad as Iraq mission winds down",
        standfirst="The first convoys left for Erbil, where the coalition stays until the end of 2026.",
        published="2025-10-01T06:15:00Z",
        section="Middle East",
        body=[
            Block("paragraph", "Convoys of coalition vehicles left bases around Baghdad on Wednesday, the first "
                               "step of a transition the Pentagon announced a day earlier."),
            Block("paragraph", "Officials in Erbil said the second phase would keep advisers in the north."),
        ],
        is_article=True,
    ).finish()


def rovers_report() -> Article:
    return Article(
        url="https://valleyledger.example/sport/rovers-cup-final-tickets",
        site_name="Valley Ledger",
        language="en",
        headline="Rovers fans queue overnight for cup final tickets",
        published="2025-09-30T09:00:00Z",
        section="Sport",
        body=[Block("paragraph", "Supporters camped outside the Moor after the late header sent Rovers through.")],
        is_article=True,
    ).finish()


@pytest.fixture
def news(filled: SQLiteStore) -> SQLiteStore:
    filled.write_batch([ArticleOutcome("drawdown", drawdown()), ArticleOutcome("rovers", rovers_report())])
    return filled


def id_of(store: SQLiteStore, url: str) -> int:
    stored = store.get(url)
    assert stored is not None
    return stored.id


def test_the_same_story_from_another_outlet_comes_first(news: SQLiteStore) -> None:
    hits = news.related(id_of(news, COALITION_URL))
    assert hits[0].url == drawdown().url
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    sport = news.related(id_of(news, cup_final().url or ""))
    assert sport[0].url == rovers_report().url


def test_the_article_itself_is_never_related(news: SQLiteStore) -> None:
    for stored in news.iter_articles():
        assert stored.id not in [hit.id for hit in news.related(stored.id, limit=20)]


def test_hits_are_plain_list_items(news: SQLiteStore) -> None:
    hit = news.related(id_of(news, COALITION_URL), limit=1)[0]
    assert not hit.title.has_highlight and not hit.snippet.has_highlight
    assert hit.title.plain == hit.headline
    assert hit.snippet.plain.startswith("The first convoys left for Erbil")


def test_limit(news: SQLiteStore) -> None:
    ident = id_of(news, COALITION_URL)
    assert len(news.related(ident, limit=1)) == 1
    assert news.related(ident, limit=0) == []


def test_copies_of_the_article_are_left_out(news: SQLiteStore) -> None:
    ident = id_of(news, COALITION_URL)
    # An article republished under another URL, first with its own text, then updated to the same body.
    syndicated = dataclasses.replace(drawdown(), url="https://wirecopy.example/iraq-coalition",
                                     headline="Iraq coalition to wind down mission by end of 2026",
                                     body=[Block("paragraph", "Text to follow.")])
    news.write_batch([ArticleOutcome("copy", syndicated)])
    news.write_batch([ArticleOutcome("copy", dataclasses.replace(syndicated, body=coalition().body))])
    copy_id = id_of(news, "https://wirecopy.example/iraq-coalition")
    assert copy_id not in [hit.id for hit in news.related(ident, limit=20)]
    assert ident not in [hit.id for hit in news.related(copy_id, limit=20)]
    assert drawdown().url in [hit.url for hit in news.related(copy_id, limit=20)]


def test_recorded_duplicates_are_left_out(news: SQLiteStore) -> None:
    ident = id_of(news, COALITION_URL)
    other = id_of(news, drawdown().url or "")
    # What a duplicate-finding stage records: this URL is a copy of the coalition story.
    news.connection.execute(
        "INSERT INTO duplicates (url, duplicate_of, kind, found_at) VALUES (?, ?, 'exact', '2025-10-02T00:00:00Z')",
        (drawdown().url, ident),
    )
    assert other not in [hit.id for hit in news.related(ident, limit=20)]
    assert ident not in [hit.id for hit in news.related(other, limit=20)]


def test_nothing_to_relate(news: SQLiteStore) -> None:
    assert news.related(424242) == []
    assert news.related(0) == [] and news.related(-1) == [] and news.related(2**70) == []
    lonely = Article(url="https://valleyledger.example/weather/zeppelin", headline="Zeppelin sighted above moorland",
                     body=[Block("paragraph", "Walkers photographed an airship drifting eastwards.")])
    news.write_batch([ArticleOutcome("lonely", lonely)])
    assert news.related(id_of(news, lonely.url or "")) == []


def test_words_are_spelt_as_the_index_spells_them(news: SQLiteStore) -> None:
    words = index_words("Le gouvernement présente un budget, le DÉFICIT de l'État")
    assert words == ["le", "gouvernement", "presente", "un", "budget", "le", "deficit", "de", "l", "etat"]
    for word in ("presente", "deficit", "etat"):
        assert news.count(f'"{word}"') == 1


def test_telling_terms_prefer_rare_shared_words_that_the_article_stresses() -> None:
    weights = candidate_words("Coalition troops start leaving Baghdad", "The coalition stays in Erbil.",
                              "Convoys left Baghdad. The coalition said the troops would go.")
    assert list(weights)[:3] == ["coalition", "troops", "baghdad"]
    frequencies = {"coalition": 40, "troops": 3, "baghdad": 2, "start": 900, "leaving": 1, "erbil": 2, "convoys": 2}
    # "coalition" is commoner than "troops" but the article says it three times.
    assert telling_terms(weights, frequencies, 10_000, terms=3) == ["baghdad", "coalition", "troops"]
    # A word in this article only, or in over 5% of the store, is not searched for.
    assert telling_terms(weights, frequencies, 10_000, terms=20) == ["baghdad", "coalition", "troops", "erbil",
                                                                     "convoys"]


def test_counts_kept_between_calls_follow_every_write(db_path: Path, news: SQLiteStore) -> None:
    ident = id_of(news, cup_final().url or "")
    before = [hit.url for hit in news.related(ident, limit=20)]
    # Words only the cup final held until now ("squad", "manager", "praised"): counted once as 1, not shared.
    praise = Article(url="https://valleyledger.example/sport/manager-praises-squad",
                     headline="Manager praised the squad", body=[Block("paragraph", "Praised squad, happy manager.")])
    # Written through another connection: the counts the reader kept must not hide it...
    with open_store(db_path) as writer:
        writer.write_batch([ArticleOutcome("praise", praise)])
    assert praise.url not in before and praise.url in [hit.url for hit in news.related(ident, limit=20)]
    # ...nor when written through the same one.
    minute = Article(url="https://northernsports.example/football/united-minute", headline="United goal in the minute",
                     body=[Block("paragraph", "United conceded a goal in the 89th minute.")])
    news.write_batch([ArticleOutcome("minute", minute)])
    assert minute.url in [hit.url for hit in news.related(ident, limit=20)]

"""Enrichment in the store: annotations kept with each article, entity and quote tables, migration 6."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store_samples import harbour, outcome_for

from newsdesk.model import Article, Block, Enrichment, Entity, Mention, Quantity, Quote, TimeExpression
from newsdesk.store import ArticleOutcome, Filters, SQLiteStore, open_store
from newsdesk.store.annotations import entity_filter_sql
from newsdesk.store.export import export_articles
from newsdesk.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version

TEXT = "Chief Pentagon Spokesman Sean Parnell said: \"We will leave Iraq.\"\n\nParnell spoke in Baghdad on Tuesday."


def _enriched(url: str, published: str, speaker: str = "Sean Parnell") -> Article:
    parnell = Entity(speaker, "PERSON", [Mention(speaker, 25, 25 + len(speaker))])
    iraq = Entity("Iraq", "PLACE", [Mention("Iraq", 60, 64)], country="IQ", lat=33.0, lon=44.0, geonames_id=99237)
    found = Enrichment(
        entities=[parnell, iraq],
        quotes=[Quote("We will leave Iraq.", speaker, "Chief Pentagon Spokesman", "direct", "said", 45, 64)],
        times=[TimeExpression("Tuesday", "DATE", "2025-09-30", 97, 104)],
        quantities=[Quantity("2,500 personnel", 2500, "personnel", True, 0, 15)],
        recognizer="patterns",
    )
    return Article(url=url, headline="Coalition to leave Iraq", published=published, is_article=True,
                   body=[*(Block("paragraph", p) for p in TEXT.split("\n\n")), Block("paragraph", f"Filed {url}.")],
                   enrichment=found).finish()


def test_enrichment_reads_back_whole(store: SQLiteStore) -> None:
    article = _enriched("https://news.example/a", "2025-10-01T09:00:00+03:00")
    store.write_batch([ArticleOutcome("a.html", article)])
    stored = store.get("https://news.example/a")
    assert stored is not None
    assert stored.article.enrichment == article.enrichment
    record = stored.to_dict()
    assert record["quotes"][0]["speaker"] == "Sean Parnell" and record["recognizer"] == "patterns"


def test_entities_and_quotes_are_queryable(store: SQLiteStore) -> None:
    store.write_batch([
        ArticleOutcome("a.html", _enriched("https://news.example/a", "2025-10-01T09:00:00Z")),
        ArticleOutcome("b.html", _enriched("https://news.example/b", "2025-10-02T09:00:00Z")),
        ArticleOutcome("c.html", _enriched("https://news.example/c", "2025-10-02T10:00:00Z", speaker="Mark Rutte")),
    ])
    top = store.entities()
    assert [(e.name, e.articles) for e in top] == [("Iraq", 3), ("Sean Parnell", 2), ("Mark Rutte", 1)]
    assert top[0].country == "IQ" and top[0].geonames_id == 99237
    assert [e.name for e in store.entities(type_="PERSON", since="2025-10-02")] == ["Mark Rutte", "Sean Parnell"]
    parnell = store.entity("sean parnell")
    assert parnell is not None and parnell.articles == 2
    assert store.entity_days(parnell.id) == {"2025-10-01": 1, "2025-10-02": 1}
    assert len(store.entity_article_ids(parnell.id)) == 2
    quotes = store.quotes(speaker="parnell")
    assert [q.headline for q in quotes] == ["Coalition to leave Iraq"] * 2
    assert quotes[0].published == "2025-10-02T09:00:00Z"  # newest first
    assert quotes[0].speaker_entity_id == parnell.id
    assert store.top_speakers() == {"Sean Parnell": 2, "Mark Rutte": 1}


def test_rewriting_an_article_replaces_its_annotations(store: SQLiteStore) -> None:
    store.write_batch([ArticleOutcome("a.html", _enriched("https://news.example/a", "2025-10-01T09:00:00Z"))])
    again = _enriched("https://news.example/a", "2025-10-01T09:00:00Z", speaker="Mark Rutte")
    summary = store.write_batch([ArticleOutcome("a.html", again)])
    assert summary.updated == 1
    assert [q.speaker for q in store.quotes()] == ["Mark Rutte"]
    assert {e.name for e in store.entities()} == {"Iraq", "Mark Rutte"}


def test_failed_enrichment_is_recorded_and_the_article_kept(store: SQLiteStore) -> None:
    article = Article(url="https://news.example/x", headline="Odd", is_article=True,
                      body=[Block("paragraph", "Text.")], enrich_error="ValueError: bad span").finish()
    store.write_batch([ArticleOutcome("x.html", article)])
    stored = store.get("https://news.example/x")
    assert stored is not None and stored.article.enrich_error == "ValueError: bad span"
    reasons = store.connection.execute("SELECT stage, reason FROM quarantine").fetchall()
    assert reasons == [("enrich", "ValueError: bad span")]


def test_entity_filters_select_articles(store: SQLiteStore) -> None:
    store.write_batch([
        ArticleOutcome("a.html", _enriched("https://news.example/a", "2025-10-01T09:00:00Z")),
        outcome_for(harbour()),
    ])
    for kind, value in (("person", "Parnell"), ("place", "iraq"), ("speaker", "Sean")):
        where, params = entity_filter_sql(kind, value)
        ids = [row[0] for row in store.connection.execute(f"SELECT a.id FROM articles AS a WHERE {where}", params)]
        assert len(ids) == 1, kind


def test_exports_carry_annotations(store: SQLiteStore, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    store.write_batch([ArticleOutcome("a.html", _enriched("https://news.example/a", "2025-10-01T09:00:00Z")),
                       outcome_for(harbour())])
    out = tmp_path / "news.parquet"
    assert export_articles(store, out, "parquet", Filters()) == 2
    table = pq.read_table(out)
    rows = {row["url"]: row for row in table.to_pylist()}
    enriched = rows["https://news.example/a"]
    assert enriched["quotes"][0]["speaker"] == "Sean Parnell"
    assert enriched["entities"][1]["country"] == "IQ"
    assert enriched["quantities"][0]["value"] == 2500
    assert rows[harbour().url]["entities"] is None  # not enriched: null, not an empty list


def test_version_5_database_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:5])
    conn.execute(
        "INSERT INTO articles (key, url, headline, body_text, body_layout, record_hash, ingested_at) "
        "VALUES ('https://news.example/old', 'https://news.example/old', 'Old', 'Kept.', '[[\"paragraph\", 5]]', "
        "'x', '2025-10-01T08:00:00Z')")
    conn.close()
    with open_store(path) as store:
        assert isinstance(store, SQLiteStore)
        assert schema_version(store.connection) == SCHEMA_VERSION >= 6
        old = store.get("https://news.example/old")
        assert old is not None and old.article.enrichment is None and old.article.text == "Kept."
        store.write_batch([ArticleOutcome("a.html", _enriched("https://news.example/a", "2025-10-01T09:00:00Z"))])
        assert [e.name for e in store.entities(type_="PLACE")] == ["Iraq"]


def test_search_filters_by_person_org_place_and_speaker(store: SQLiteStore) -> None:
    store.write_batch([
        ArticleOutcome("a.html", _enriched("https://news.example/a", "2025-10-01T09:00:00Z")),
        ArticleOutcome("c.html", _enriched("https://news.example/c", "2025-10-02T10:00:00Z", speaker="Mark Rutte")),
        outcome_for(harbour()),
    ])
    assert store.count(None, Filters(person="parnell")) == 1
    assert store.count(None, Filters(place="IRAQ")) == 2
    assert store.count(None, Filters(speaker="Rutte")) == 1
    assert store.count(None, Filters(org="Pentagon")) == 0
    assert [hit.url for hit in store.search("leave", Filters(speaker="Sean"))] == ["https://news.example/a"]

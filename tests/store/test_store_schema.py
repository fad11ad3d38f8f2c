"""Opening the store: settings, schema versions, migrations, bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_samples import assert_consistent, coalition, harbour, outcome_for

from newsdesk.store import Filters, SQLiteStore, StoreError, open_store
from newsdesk.store.schema import MIGRATIONS, SCHEMA_VERSION, Migration, migrate, schema_version


def test_new_store_has_the_latest_schema_and_settings(store: SQLiteStore) -> None:
    conn = store.connection
    assert schema_version(conn) == SCHEMA_VERSION == MIGRATIONS[-1].version
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert conn.execute("PRAGMA mmap_size").fetchone()[0] > 0
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {
        "sources",
        "raw_pages",
        "articles",
        "duplicates",
        "not_articles",
        "runs",
        "quarantine",
        "articles_fts",
        "article_blocks",
    } <= tables


def _v1_database(path: Path) -> None:
    """A database as version 1 of the schema left it, with one article written by hand."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:1])
    conn.execute(
        "INSERT INTO articles (key, url, headline, standfirst, body_text, body_layout, record_hash, ingested_at) "
        "VALUES ('https://harbourgazette.example/a', 'https://harbourgazette.example/a', "
        "'Ferry strike called off', 'Union accepts the offer', 'Crossings resume on Monday.', "
        "'[[\"paragraph\", 27]]', 'x', '2025-10-01T08:00:00Z')"
    )
    conn.close()


def test_version_1_database_is_migrated_on_open(db_path: Path) -> None:
    _v1_database(db_path)
    with sqlite3.connect(db_path) as conn:
        assert schema_version(conn) == 1
    with open_store(db_path) as store:
        assert isinstance(store, SQLiteStore)
        assert schema_version(store.connection) == SCHEMA_VERSION
        # Migration 2 indexed what version 1 held, and the article reads back whole.
        hits = store.search("crossings")
        assert [hit.headline for hit in hits] == ["Ferry strike called off"]
        stored = store.get("https://harbourgazette.example/a")
        assert stored is not None and stored.article.text == "Crossings resume on Monday."
        assert_consistent(store)
        store.write_batch([outcome_for(harbour())])
        assert store.count("harbour") == 1


def _indexes(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'articles'")
    return {row[0] for row in rows}


def test_version_2_database_is_migrated_on_open(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate(conn, MIGRATIONS[:2])
    for n, (published, section) in enumerate([("2025-10-01T07:00:00Z", "World"), ("2025-09-30T11:05:00Z", "world"),
                                              (None, "Local")]):
        conn.execute(
            "INSERT INTO articles (key, url, site_name, headline, body_text, body_layout, published, published_utc, "
            "section, record_hash, ingested_at) VALUES (?, ?, 'Harbour Gazette', ?, ?, ?, ?, ?, ?, 'x', "
            "'2025-10-01T08:00:00Z')",
            (f"https://harbourgazette.example/{n}", f"https://harbourgazette.example/{n}", f"Ferry notice {n}",
             f"Sailing {n} is cancelled.", f'[["paragraph", {len(f"Sailing {n} is cancelled.")}]]', published,
             published, section),
        )
    conn.execute("INSERT INTO runs (command, started_at) VALUES ('newsdesk ingest crawl.warc.gz', '2025-10-01')")
    conn.execute("INSERT INTO not_articles (url, reason, at) VALUES ('https://harbourgazette.example/', "
                 "'section front', '2025-10-01')")
    conn.execute("INSERT INTO quarantine (input, stage, reason, at) VALUES ('crawl.warc.gz#8', 'ingest', "
                 "'truncated gzip member', '2025-10-01')")
    assert "articles_section" in _indexes(conn)
    conn.close()
    with open_store(db_path) as store:
        assert isinstance(store, SQLiteStore)
        assert schema_version(store.connection) == SCHEMA_VERSION
        # Migration 4 counted what the database held.
        stats = store.stats()
        assert (stats.articles, stats.runs, stats.by_section) == (3, 1, {"World": 1, "world": 1, "Local": 1})
        assert (stats.not_articles, stats.quarantined) == ({"section front": 1}, {"ingest": 1})
        indexes = _indexes(store.connection)
        # Migration 3 put a newest-first index in place of each single-column filter index.
        assert {"articles_outlet_published", "articles_host_published", "articles_section_published",
                "articles_language_published"} <= indexes
        assert not {"articles_site_name", "articles_host", "articles_section", "articles_language"} & indexes
        # Migration 5 gave the planner statistics for them.
        analysed = {row[0] for row in store.connection.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'articles'")}
        assert "articles_language_published" in analysed and "articles_outlet_published" in analysed
        plan = " ".join(row[-1] for row in store.connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM articles AS a WHERE a.section = 'World' COLLATE NOCASE "
            "AND a.published_utc IS NOT NULL ORDER BY a.published_utc DESC, a.id DESC LIMIT 3"))
        assert "articles_section_published" in plan and "TEMP B-TREE" not in plan
        first, after = store.page(Filters(section="WORLD"), after=None, limit=1)
        second, end = store.page(Filters(section="WORLD"), after=after, limit=1)
        assert [hit.headline for hit in first + second] == ["Ferry notice 0", "Ferry notice 1"] and end is None
        assert [hit.headline for hit in store.page(None, after=None, limit=5)[0]][-1] == "Ferry notice 2"
        assert_consistent(store)


def test_failed_migration_leaves_the_database_as_it_was(db_path: Path) -> None:
    _v1_database(db_path)
    broken = (*MIGRATIONS, Migration(SCHEMA_VERSION + 1, "broken step", "CREATE TABLE extra (x); SELEC oops;"))
    conn = sqlite3.connect(db_path, isolation_level=None)
    with pytest.raises(StoreError, match=f"migration {SCHEMA_VERSION + 1} \\(broken step\\) failed"):
        migrate(conn, broken, source=str(db_path))
    assert schema_version(conn) == 1
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "extra" not in names and "articles_fts" not in names
    conn.close()


def test_migrations_must_be_numbered_in_order() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    with pytest.raises(StoreError, match="numbered"):
        migrate(conn, (MIGRATIONS[1], MIGRATIONS[0]))


def test_newer_schema_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(StoreError, match="newer than this newsdesk"):
        open_store(db_path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("These are my notes, not a database. " * 200)
    with pytest.raises(StoreError, match=r"notes\.db"):
        open_store(bogus)


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(StoreError, match="cannot create its folder"):
        open_store(tmp_path / "a-file" / "news.db")


def test_a_missing_folder_is_created_for_a_new_database(tmp_path: Path) -> None:
    with open_store(tmp_path / "missing-folder" / "news.db") as store:
        store.write_batch([outcome_for(coalition())])
    assert (tmp_path / "missing-folder" / "news.db").is_file()


def test_default_path_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    with open_store() as store:
        store.write_batch([outcome_for(coalition())])
    assert (tmp_path / "newsdesk.db").exists()
    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "elsewhere.db"))
    with open_store() as store:
        assert store.count() == 0
    assert (tmp_path / "elsewhere.db").exists()


def test_read_only_store_reads_but_never_writes(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.write_batch([outcome_for(coalition())])
    with open_store(db_path, read_only=True) as reader:
        assert reader.count("iraq") == 1
        with pytest.raises(StoreError, match="read-only"):
            reader.write_batch([outcome_for(harbour())])
    with pytest.raises(StoreError, match="no such database"):
        open_store(db_path.with_name("absent.db"), read_only=True)


def test_read_only_store_refuses_an_old_schema(db_path: Path) -> None:
    _v1_database(db_path)
    with pytest.raises(StoreError, match="open it once for writing"):
        open_store(db_path, read_only=True)


def test_article_blocks_view_gives_the_blocks_as_rows(filled: SQLiteStore) -> None:
    stored = filled.get("https://www.dailymeridian.example/world/iraq-coalition-2026")
    assert stored is not None
    rows = filled.connection.execute(
        "SELECT position, type, text FROM article_blocks WHERE article_id = ? ORDER BY position", (stored.id,)
    ).fetchall()
    assert rows == [(i, b.type, b.text) for i, b in enumerate(stored.article.body)]


def test_sqlite_only_reads_name_what_another_store_lacks(store: SQLiteStore) -> None:
    # The entity, quote, story and search-mode readers take the SQLite store; a store of another kind
    # is refused with a message naming what was asked, not an AttributeError deep in a handler.
    from newsdesk.store import Store, sqlite_store

    assert sqlite_store(store, "stories") is store

    class OtherStore(Store):
        pass

    OtherStore.__abstractmethods__ = frozenset()  # Only its type matters here: no method is called.
    with pytest.raises(StoreError, match=r"OtherStore: stories need the SQLite store"):
        sqlite_store(OtherStore(), "stories")

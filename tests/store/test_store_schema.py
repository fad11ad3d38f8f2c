"""Opening the store: settings, schema versions, migrations, bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_samples import assert_consistent, coalition, harbour, outcome_for

from newsdesk.store import SQLiteStore, StoreError, open_store
from newsdesk.store.schema import MIGRATIONS, SCHEMA_VERSION, Migration, migrate, schema_version


def test_new_store_has_the_latest_schema_and_settings(store: SQLiteStore) -> None:
    conn = store.connection
    assert schema_version(conn) == SCHEMA_VERSION == MIGRATIONS[-1].version
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
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
    with pytest.raises(StoreError, match="cannot open"):
        open_store(tmp_path / "missing-folder" / "news.db")


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

"""The SQLite implementation of :class:`~newsdesk.store.base.Store`: one file, no server.

Settings and why: WAL mode, so readers (the web reader, a search) never wait for
the writer and a crash never leaves a half-applied transaction; ``synchronous=NORMAL``,
which in WAL mode loses no committed data when the process dies (only, at worst,
the last transactions on a power cut) and skips an fsync per commit; foreign keys
on; a busy timeout so a second writer waits instead of failing; reads through a memory
map, because a server keeps one connection per worker thread and each would otherwise copy
every page it reads into a cache of its own (16 threads serving article pages over 10,000
articles: 6.4 ms of CPU a page without the map, 5.8 with it).

A batch is one ``BEGIN IMMEDIATE`` ... ``COMMIT``. Inside it each outcome has its
own savepoint, so one record that cannot be stored is quarantined with the error
instead of losing the batch. Values are cleaned before they reach SQLite (control
characters, lone surrogates, non-string values), and everything that costs CPU
(hashing, compression, JSON) is done before the write lock is taken.

Rows are written one statement at a time rather than with ``executemany``: what an
outcome becomes (new, changed, unchanged, duplicate of an article maybe written
earlier in the same batch) depends on what the transaction already holds, and
each statement is prepared once and reused from the connection's statement cache,
so the per-row cost is a lookup and a step in C.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from newsdesk.model import Article, RawPage
from newsdesk.store.annotations import EnrichmentQueries, write_annotations
from newsdesk.store.base import (
    FACET_FIELDS,
    HIGHLIGHT_CLOSE,
    HIGHLIGHT_OPEN,
    MAX_DAYS,
    FailureRecord,
    Filters,
    Highlighted,
    Outcome,
    Outlet,
    SearchHit,
    Store,
    StoredArticle,
    StoredRawPage,
    StoreError,
    StoreStats,
    WriteSummary,
    default_db_path,
    normalise_url,
    parse_instant,
)
from newsdesk.store.connecting import ConnectItem, connect_batch
from newsdesk.store.copies import CopyQueries
from newsdesk.store.facets import facet_for, top_values
from newsdesk.store.keyset import PagePosition
from newsdesk.store.related import RELATED_BODY_CHARS, candidate_words, frequency_ceiling, telling_terms
from newsdesk.store.rows import (
    INSERT_ARTICLE,
    INSERT_RAW,
    MAX_SQLITE_INT,
    SELECT_ARTICLE,
    SELECT_RAW,
    UPDATE_ARTICLE,
    ArticleRow,
    ConnectedRow,
    FailureRow,
    NotArticleRow,
    RawRow,
    Row,
    clean_names,
    clean_text,
    clean_tree,
    dump_json,
    input_name,
    load_json,
    prepare_outcome,
    stored_article,
    stored_raw_page,
)
from newsdesk.store.schema import SCHEMA_VERSION, migrate, schema_version
from newsdesk.store.search import BM25_WEIGHTS, SNIPPET_TOKENS, filter_sql, lead_snippet, parse_query
from newsdesk.store.stories import StoryQueries, link_story_chains
from newsdesk.store.vectors import VectorQueries

#: Rows fetched at a time by the streaming readers.
STREAM_CHUNK = 500
#: Bytes of the database file read through a memory map (up to SQLite's own limit of about 2 GB).
MMAP_BYTES = 1 << 30
#: Environment variable: seconds a write waits for another process's write to finish (default 10).
BUSY_TIMEOUT_ENV = "NEWSDESK_BUSY_TIMEOUT"
#: Most word counts kept for related() per database file before starting afresh (a few MB).
MAX_KEPT_FREQUENCIES = 100_000
# Word counts related() made, by database file (see SQLiteStore._frequencies_of). Each value is
# replaced, never cleared in place, so a reader holding the old dict is not disturbed.
_KEPT_FREQUENCIES: dict[str, dict[str, int]] = {}

_HIT_COLUMNS = "a.id, a.url, a.headline, a.site_name, a.published, a.section, a.language, a.authors"
# What a hit shows when there are no words to highlight: the headline unmarked, the lead as snippet.
_UNMARKED = "a.headline, NULL, a.standfirst, substr(a.body_text, 1, 600)"
_LEAD_COLUMNS = f"0.0, {_UNMARKED}"
_NEWEST_FIRST = "ORDER BY a.published_utc DESC NULLS LAST, a.id DESC"
_MARKS = f"'{HIGHLIGHT_OPEN}', '{HIGHLIGHT_CLOSE}'"
# One article's highlighted headline and body and standfirst snippets for a query (rowid = ? is an FTS5 seek).
_MARKED = (
    f"SELECT highlight(articles_fts, 0, {_MARKS}), snippet(articles_fts, 2, {_MARKS}, '…', {SNIPPET_TOKENS}), "
    f"snippet(articles_fts, 1, {_MARKS}, '…', {SNIPPET_TOKENS}) FROM articles_fts "
    "WHERE articles_fts MATCH ? AND rowid = ?"
)


def _newest_ids(where: str) -> str:
    """The ids of the articles matching ``where``, newest first: what a list selects before reading rows.

    Choosing the ids first, then reading only those rows, keeps whole articles (bodies run to
    kilobytes) out of the sort: listing an outlet's newest 6 of 700 articles took 3.2 ms reading
    every row, 0.2 ms this way.
    """
    return f"SELECT a.id FROM articles AS a WHERE 1 {where} {_NEWEST_FIRST}"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def busy_timeout_ms() -> int:
    """How long a write waits for another writer: ``$NEWSDESK_BUSY_TIMEOUT`` seconds, else 10 s.

    >>> busy_timeout_ms()
    10000
    """
    try:
        seconds = float(os.environ.get(BUSY_TIMEOUT_ENV, "") or 10)
    except ValueError:
        seconds = 10.0
    return max(0, int(seconds * 1000))


def store_error(path: str, exc: sqlite3.Error, doing: str = "") -> StoreError:
    """The StoreError people should read for an SQLite error: locks and permissions in plain words.

    >>> str(store_error("news.db", sqlite3.OperationalError("database is locked")))
    'news.db: database is locked by another process (another newsdesk writing?); try again when it ends'
    >>> str(store_error("news.db", sqlite3.OperationalError("attempt to write a readonly database")))
    'news.db: the database is read-only here (no permission to write the file or its folder); read commands still work'
    """
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreError(path, "database is locked by another process (another newsdesk writing?); "
                                "try again when it ends")
    if "readonly" in text or "read-only" in text:
        return StoreError(path, "the database is read-only here (no permission to write the file or its folder); "
                                "read commands still work")
    return StoreError(path, f"{doing or 'database error'}: {text}")


def _utc_day(day: date) -> date:
    """The UTC day of a date or time (a time without an offset is taken as UTC)."""
    if isinstance(day, datetime):
        return (day.astimezone(UTC) if day.tzinfo is not None else day).date()
    return day


def _counts(rows: Iterable[tuple[Any, int]]) -> dict[str, int]:
    return {("(none)" if name is None or name == "" else str(name)): int(n) for name, n in rows}


# --------------------------------------------------------------------------- the store


class SQLiteStore(Store, EnrichmentQueries, CopyQueries, VectorQueries, StoryQueries):
    """The embedded store: one SQLite file (or ``":memory:"``).

    ``read_only`` opens without the right to write or migrate (for readers that must
    never change the file). Use one store per thread; opening another is cheap.

    >>> with SQLiteStore(":memory:") as store:
    ...     store.write_batch([]).inputs
    0
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        busy_timeout_ms: int | None = None,
    ) -> None:
        self.path = os.fspath(path)
        self.read_only = read_only
        # Which kept word counts related() reads (see _frequencies_of): those of this file, or its own.
        self._counts_key = f"memory:{id(self)}" if self.path == ":memory:" else os.path.abspath(self.path)
        self._data_version: int | None = None
        self._recorded_offsets: dict[str, frozenset[int]] = {}
        # The earliest first_seen of the stories written since the last chain pass (see link_story_chains).
        self._chains_since: str | None = None
        timeout_ms = busy_timeout_ms if busy_timeout_ms is not None else globals()["busy_timeout_ms"]()
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(self.path, "no such database")
        self._conn = self._connect(timeout_ms, immutable=False)
        try:
            self._open(timeout_ms)
        except sqlite3.OperationalError as exc:
            self._conn.close()
            if read_only and "readonly" in str(exc) and not _has_wal(self.path):
                # A WAL database needs its -shm file, which a reader without the right to write the
                # folder cannot create. With no -wal file every committed write is in the main file,
                # so reading it as immutable sees all of it.
                self._conn = self._connect(timeout_ms, immutable=True)
                try:
                    self._open(timeout_ms)
                except BaseException:
                    self._conn.close()
                    raise
            elif "locked" in str(exc) or "readonly" in str(exc) or "busy" in str(exc):
                raise store_error(self.path, exc) from exc
            else:
                raise StoreError(self.path, f"not a usable newsdesk database: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(self.path, f"not a usable newsdesk database: {exc}") from exc
        except BaseException:
            self._conn.close()
            raise

    def _connect(self, timeout_ms: int, *, immutable: bool) -> sqlite3.Connection:
        try:
            if self.read_only:
                uri = f"file:{quote(os.path.abspath(self.path))}?mode=ro" + ("&immutable=1" if immutable else "")
                return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=timeout_ms / 1000,
                                       cached_statements=256)
            return sqlite3.connect(self.path, isolation_level=None, timeout=timeout_ms / 1000, cached_statements=256)
        except sqlite3.Error as exc:
            raise StoreError(self.path, f"cannot open the database: {exc}") from exc

    def _open(self, timeout_ms: int) -> None:
        self._configure(timeout_ms)
        if self.read_only:
            version = schema_version(self._conn)
            if version != SCHEMA_VERSION:
                raise StoreError(
                    self.path,
                    f"schema version {version}, this newsdesk reads "
                    f"{SCHEMA_VERSION}; open it once for writing to migrate",
                )
        else:
            migrate(self._conn, source=self.path)

    def _configure(self, busy_timeout_ms: int) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not self.read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA journal_size_limit = 67108864")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for tests and maintenance; the interface never needs it."""
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise StoreError(self.path, "the store was opened read-only")
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise store_error(self.path, exc, "cannot start a write") from exc
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise store_error(self.path, exc, "cannot commit") from exc
        # PRAGMA data_version does not change for this connection's own commits.
        _KEPT_FREQUENCIES[self._counts_key] = {}

    # writing -----------------------------------------------------------------

    def write_batch(self, results: Iterable[Outcome], *, run_id: int | None = None) -> WriteSummary:
        """Store one batch of outcomes in one transaction (see :meth:`Store.write_batch`).

        >>> from newsdesk.model import Article, Block

        >>> from newsdesk.store.base import ArticleOutcome
        >>> a = Article(url="https://example.com/a", headline="Deal", body=[Block("paragraph", "Text.")])
        >>> with SQLiteStore(":memory:") as store:
        ...     first = store.write_batch([ArticleOutcome("a.html", a)])
        ...     again = store.write_batch([ArticleOutcome("a.html", a)])
        >>> (first.inserted, again.inserted, again.unchanged)
        (1, 0, 1)
        """
        now = _now()
        prepared: list[Row] = []
        for outcome in results:
            try:
                prepared.append(prepare_outcome(outcome, now))
            except Exception as exc:
                # One unreadable record must not lose the batch: keep the reason instead.
                prepared.append(
                    FailureRow(
                        input_name(outcome),
                        None,
                        "store",
                        f"cannot store: {type(exc).__name__}: {exc}",
                        None,
                        None,
                    )
                )
        summary = WriteSummary()
        if not prepared:
            return summary
        connected: list[ConnectedRow] = []
        with self._transaction() as conn:
            if run_id is not None and conn.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone() is None:
                raise StoreError(self.path, f"no run with id {run_id}")
            for row in prepared:
                conn.execute("SAVEPOINT outcome")
                try:
                    written = self._write_row(conn, row, run_id, now, summary)
                    if written is not None and written.row.connect is not None:
                        connected.append(written)
                except Exception as exc:
                    if not conn.in_transaction:
                        raise  # SQLite gave up on the whole transaction (disk full, I/O error).
                    conn.execute("ROLLBACK TO outcome")
                    self._quarantine(
                        conn,
                        FailureRow(
                            row.input,
                            getattr(row, "url", None),
                            "store",
                            f"cannot store: {type(exc).__name__}: {exc}",
                            None,
                            None,
                        ),
                        run_id,
                        now,
                        summary,
                    )
                conn.execute("RELEASE outcome")
            if connected:
                self._connect_articles(conn, connected, run_id, now)
        return summary

    def _connect_articles(self, conn: sqlite3.Connection, connected: list[ConnectedRow], run_id: int | None,
                          now: str) -> None:
        # After every article of the batch is in: a copy may find its original written earlier in the batch.
        result = connect_batch(conn, [
            ConnectItem(c.article_id, c.row.input, c.row.url, c.row.article or Article(), c.row.connect, c.changed,
                        c.row.body_hash) for c in connected if c.row.connect is not None], run_id=run_id, now=now)
        if result.first_seen is not None:
            # Kept for the chain pass after the run's last batch (link_story_chains).
            self._chains_since = min(self._chains_since or result.first_seen, result.first_seen)

    def link_story_chains(self) -> int:
        """The periodic pass (see :meth:`Store.link_story_chains`): stories first seen since the earliest
        story the writer touched since the last pass are linked to the earlier stories they continue.

        >>> with SQLiteStore(":memory:") as store:
        ...     store.link_story_chains()
        0
        """
        since, self._chains_since = self._chains_since, None
        if since is None:
            return 0
        with self._transaction() as conn:
            return len(link_story_chains(conn, since=since))

    def _write_row(
        self, conn: sqlite3.Connection, row: Row, run_id: int | None, now: str, summary: WriteSummary
    ) -> ConnectedRow | None:
        if isinstance(row, ArticleRow):
            return self._write_article(conn, row, run_id, now, summary)
        if isinstance(row, NotArticleRow):
            self._write_not_article(conn, row, run_id, now, summary)
        else:
            self._quarantine(conn, row, run_id, now, summary)
        return None

    def _store_raw(self, conn: sqlite3.Connection, raw: RawRow | None, summary: WriteSummary) -> int | None:
        if raw is None:
            return None
        cursor = conn.execute(INSERT_RAW, raw.params)
        if cursor.rowcount == 1:
            summary.raw_pages += 1
            return cursor.lastrowid
        found = conn.execute(
            "SELECT id FROM raw_pages WHERE ifnull(url, '') = ? AND content_hash = ?", raw.identity
        ).fetchone()
        return int(found[0]) if found else None

    def _write_article(
        self, conn: sqlite3.Connection, row: ArticleRow, run_id: int | None, now: str, summary: WriteSummary
    ) -> ConnectedRow | None:
        """Insert, update or record the article; returns the stored article it is (None: an exact duplicate)."""
        existing = conn.execute("SELECT id, record_hash FROM articles WHERE key = ?", (row.key,)).fetchone()
        if existing is not None and existing[1] == row.record_hash:
            summary.unchanged += 1
            return ConnectedRow(int(existing[0]), row, changed=False)
        if existing is None and row.body_hash is not None:
            original = conn.execute(
                "SELECT id FROM articles WHERE body_hash = ? ORDER BY id LIMIT 1", (row.body_hash,)
            ).fetchone()
            if original is not None:
                summary.duplicates += 1
                if conn.execute("SELECT 1 FROM duplicates WHERE url = ?", (row.key,)).fetchone() is None:
                    raw_id = self._store_raw(conn, row.raw, summary)
                    conn.execute(
                        "INSERT INTO duplicates (url, duplicate_of, kind, raw_page_id, run_id, found_at) "
                        "VALUES (?, ?, 'exact', ?, ?, ?)",
                        (row.key, original[0], raw_id, run_id, now),
                    )
                return None
        raw_id = self._store_raw(conn, row.raw, summary)
        if existing is not None:
            conn.execute(UPDATE_ARTICLE, (*row.values[1:], row.record_hash, raw_id, run_id, now, existing[0]))
            summary.updated += 1
            summary.article_ids.append(int(existing[0]))
            self._write_enrichment(conn, int(existing[0]), row, run_id, now)
            return ConnectedRow(int(existing[0]), row, changed=True)
        # fetchall, not fetchone: a RETURNING statement left unfinished would block the COMMIT.
        article_id = conn.execute(INSERT_ARTICLE, (*row.values, row.record_hash, raw_id, run_id, now)).fetchall()[0][0]
        summary.inserted += 1
        summary.article_ids.append(int(article_id))
        self._write_enrichment(conn, int(article_id), row, run_id, now)
        # The URL is an article now: drop what earlier runs said about it.
        conn.execute("DELETE FROM not_articles WHERE url = ?", (row.key,))
        conn.execute("DELETE FROM duplicates WHERE url = ?", (row.key,))
        return ConnectedRow(int(article_id), row, changed=True)

    def _write_enrichment(self, conn: sqlite3.Connection, article_id: int, row: ArticleRow, run_id: int | None,
                          now: str) -> None:
        write_annotations(conn, article_id, row.enrichment, row.published_utc)
        if row.enrich_error:
            # The article is stored without annotations; the failure is kept where `failures` and `stats` see it.
            conn.execute(
                "INSERT INTO quarantine (input, url, stage, reason, run_id, at) VALUES (?, ?, 'enrich', ?, ?, ?) "
                "ON CONFLICT (input, stage) DO UPDATE SET url = excluded.url, reason = excluded.reason, "
                "run_id = excluded.run_id, at = excluded.at, attempts = attempts + 1",
                (row.input, row.url, row.enrich_error, run_id, now))
        else:
            conn.execute("DELETE FROM quarantine WHERE input = ? AND stage = 'enrich'", (row.input,))

    def _write_not_article(
        self,
        conn: sqlite3.Connection,
        row: NotArticleRow,
        run_id: int | None,
        now: str,
        summary: WriteSummary,
    ) -> None:
        if conn.execute("SELECT 1 FROM articles WHERE key = ?", (row.key,)).fetchone() is not None:
            summary.unchanged += 1
            return
        summary.not_articles += 1
        if conn.execute("SELECT 1 FROM not_articles WHERE url = ?", (row.key,)).fetchone() is not None:
            return
        raw_id = self._store_raw(conn, row.raw, summary)
        conn.execute(
            "INSERT INTO not_articles (url, input, reason, raw_page_id, run_id, at) VALUES (?, ?, ?, ?, ?, ?)",
            (row.key, row.input, row.reason, raw_id, run_id, now),
        )

    def _quarantine(
        self, conn: sqlite3.Connection, row: FailureRow, run_id: int | None, now: str, summary: WriteSummary
    ) -> None:
        summary.quarantined += 1
        raw_id = self._store_raw(conn, row.raw, summary)
        conn.execute(
            "INSERT INTO quarantine (input, url, stage, reason, details, raw_page_id, run_id, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (input, stage) DO UPDATE SET "
            "url = excluded.url, reason = excluded.reason, details = excluded.details, "
            "raw_page_id = coalesce(excluded.raw_page_id, raw_page_id), run_id = excluded.run_id, "
            "at = excluded.at, attempts = attempts + 1",
            (row.input, row.url, row.stage, row.reason, row.details, raw_id, run_id, now),
        )

    def start_run(self, command: str) -> int:
        """Record the start of a run and return its id.

        >>> with SQLiteStore(":memory:") as store:
        ...     store.start_run("newsdesk ingest pages/")
        1
        """
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO runs (command, started_at) VALUES (?, ?)", (clean_text(command, None) or "", _now())
            )
            return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        """Record the end of a run with its counts.

        >>> with SQLiteStore(":memory:") as store:
        ...     run = store.start_run("ingest")
        ...     store.finish_run(run, {"inserted": 3})
        """
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                (_now(), dump_json(clean_tree(dict(counts))), run_id),
            )
            if cursor.rowcount == 0:
                raise StoreError(self.path, f"no run with id {run_id}")

    def upsert_outlets(self, outlets: Iterable[Outlet]) -> int:
        """Add or replace outlets by name.

        >>> with SQLiteStore(":memory:") as store:
        ...     store.upsert_outlets([Outlet("TRT World", feeds=["https://www.trtworld.com/rss"])])
        ...     store.outlets()[0].feeds
        1
        ['https://www.trtworld.com/rss']
        """
        now = _now()
        outlets = list(outlets)
        for outlet in outlets:
            if not clean_text(outlet.name):
                raise StoreError("sources", f"an outlet needs a name: {outlet!r}")
        rows = [
            (
                clean_text(o.name),
                clean_text(o.homepage),
                dump_json(clean_names(o.feeds)),
                dump_json(clean_names(o.sitemaps)),
                clean_text(o.language),
                clean_text(o.country),
                now,
            )
            for o in outlets
        ]
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO sources (name, homepage, feeds, sitemaps, language, country, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET homepage = excluded.homepage, "
                "feeds = excluded.feeds, sitemaps = excluded.sitemaps, language = excluded.language, "
                "country = excluded.country, updated_at = excluded.updated_at",
                rows,
            )
        return len(rows)

    def outlets(self) -> list[Outlet]:
        """All outlets, by name (see :meth:`upsert_outlets` for an example)."""
        rows = self._conn.execute(
            "SELECT name, homepage, feeds, sitemaps, language, country FROM sources ORDER BY name"
        ).fetchall()
        return [Outlet(r[0], r[1], load_json(r[2], []), load_json(r[3], []), r[4], r[5]) for r in rows]

    # reading -----------------------------------------------------------------

    def get(self, ref: int | str) -> StoredArticle | None:
        """An article by id or URL (canonical, given, or a duplicate's).

        >>> from newsdesk.model import Article

        >>> from newsdesk.store.base import ArticleOutcome
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome("a", Article(url="https://example.com/a#top"))])
        ...     store.get("https://example.com/a").id, store.get(1).article.url, store.get("2"), store.get(2**64)
        (1, 'https://example.com/a#top', None, None)
        """
        conn = self._conn
        if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
            if not 0 < int(ref) <= MAX_SQLITE_INT:  # SQLite's integers end there: no article has such an id.
                return None
            row = conn.execute(f"{SELECT_ARTICLE} WHERE a.id = ?", (int(ref),)).fetchone()
            return stored_article(row) if row else None
        url = clean_text(ref) or ""
        key = normalise_url(url) or url
        for sql, param in (
            (f"{SELECT_ARTICLE} WHERE a.key = ?", key),
            (f"{SELECT_ARTICLE} WHERE a.url = ? ORDER BY a.id LIMIT 1", url),
            (f"{SELECT_ARTICLE} JOIN duplicates AS d ON d.duplicate_of = a.id WHERE d.url = ?", key),
        ):
            row = conn.execute(sql, (param,)).fetchone()
            if row is not None:
                return stored_article(row)
        return None

    def latest(self, limit: int = 20, filters: Filters | None = None) -> list[StoredArticle]:
        """The newest articles matching ``filters`` (by publication time, undated last).

        >>> with SQLiteStore(":memory:") as store:
        ...     store.latest(5)
        []
        """
        where, params = filter_sql(filters)
        rows = self._conn.execute(
            f"{SELECT_ARTICLE} WHERE a.id IN ({_newest_ids(where)} LIMIT ?) {_NEWEST_FIRST}",
            (*params, max(0, int(limit))),
        ).fetchall()
        return [stored_article(row) for row in rows]

    def search(
        self, query: str | None, filters: Filters | None = None, *, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        """Ranked full-text search with highlights (see :meth:`Store.search` for the syntax).

        >>> from newsdesk.model import Article, Block

        >>> from newsdesk.store.base import ArticleOutcome
        >>> a = Article(url="https://example.com/a", headline="Coalition to leave Iraq",
        ...             body=[Block("paragraph", "The coalition mission ends in 2026.")])
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome("a", a)])
        ...     hit = store.search("iraq")[0]
        >>> hit.title.marked("[", "]")
        'Coalition to leave [Iraq]'
        """
        where, params = filter_sql(filters)
        limit, offset = max(0, int(limit)), max(0, int(offset))
        if query is None or not query.strip():
            rows = self._conn.execute(
                f"SELECT {_HIT_COLUMNS}, {_LEAD_COLUMNS} "
                f"FROM articles AS a WHERE a.id IN ({_newest_ids(where)} LIMIT ? OFFSET ?) {_NEWEST_FIRST}",
                (*params, limit, offset),
            ).fetchall()
            return [self._hit(row) for row in rows]
        fts = parse_query(query)
        if fts.matches_nothing:
            return []
        if fts.match is None:
            excluded = "AND a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            rows = self._conn.execute(
                f"SELECT {_HIT_COLUMNS}, {_LEAD_COLUMNS} "
                f"FROM articles AS a WHERE a.id IN ({_newest_ids(excluded + where)} LIMIT ? OFFSET ?) {_NEWEST_FIRST}",
                (fts.exclude, *params, limit, offset),
            ).fetchall()
            return [self._hit(row) for row in rows]
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        rows = self._conn.execute(
            f"SELECT {_HIT_COLUMNS}, -bm25(articles_fts, {weights}) "
            "FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? {where} "
            f"ORDER BY bm25(articles_fts, {weights}), a.id LIMIT ? OFFSET ?",
            (fts.match, *params, limit, offset),
        ).fetchall()
        # Highlights and snippets are made for the page's rows only: in the ranking query SQLite
        # would make them for every match before sorting (2,000 of them for a common word).
        marked = [self._conn.execute(_MARKED, (fts.match, row[0])).fetchone() or (None, None, None) for row in rows]
        return [self._hit((*row, *marks, None)) for row, marks in zip(rows, marked, strict=True)]

    @staticmethod
    def _hit(row: tuple[Any, ...]) -> SearchHit:
        (
            article_id,
            url,
            headline,
            site,
            published,
            section,
            language,
            authors,
            score,
            title,
            body_snippet,
            standfirst_snippet,
            body_start,
        ) = row
        if body_start is not None or body_snippet is None:
            snippet = Highlighted.from_marked(lead_snippet(standfirst_snippet, body_start))
        else:
            snippet = Highlighted.from_marked(body_snippet)
            if not snippet.has_highlight and standfirst_snippet and HIGHLIGHT_OPEN in standfirst_snippet:
                snippet = Highlighted.from_marked(standfirst_snippet)
        return SearchHit(
            id=article_id,
            url=url,
            headline=headline,
            site_name=site,
            published=published,
            section=section,
            language=language,
            authors=load_json(authors, []),
            score=float(score or 0.0),
            title=Highlighted.from_marked(title),
            snippet=snippet,
        )

    def _matching(self, query: str | None, filters: Filters | None) -> tuple[str, list[Any]] | None:
        """``FROM ... WHERE ...`` over the articles (``a``) a search finds, and its parameters; None: nothing."""
        where, params = filter_sql(filters)
        if query is None or not query.strip():
            return f"FROM articles AS a WHERE 1 {where}", params
        fts = parse_query(query)
        if fts.matches_nothing:
            return None
        if fts.match is None:
            return (
                "FROM articles AS a WHERE a.id NOT IN "
                f"(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) {where}",
                [fts.exclude, *params],
            )
        return (
            f"FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? {where}",
            [fts.match, *params],
        )

    def count(self, query: str | None = None, filters: Filters | None = None) -> int:
        """How many articles a search finds.

        >>> with SQLiteStore(":memory:") as store:
        ...     store.count("anything")
        0
        """
        if (query is None or not query.strip()) and not filter_sql(filters)[0]:
            return self._article_total()
        matching = self._matching(query, filters)
        if matching is None:
            return 0
        sql, params = matching
        return int(self._conn.execute(f"SELECT count(*) {sql}", params).fetchone()[0])

    def page(self, filters: Filters | None, *, after: str | None, limit: int) -> tuple[list[SearchHit], str | None]:
        """A page of the newest-first list and the token of the next (see :meth:`Store.page`).

        Dated articles are read from the index on publication time (then id) starting just past
        ``after``; undated ones, which come last, by id. Either way one index seek, however far
        into the list the page is.

        >>> from newsdesk.model import Article

        >>> from newsdesk.store.base import ArticleOutcome
        >>> articles = [Article(url=f"https://example.com/{n}", published=f"2025-10-0{n}") for n in (1, 2, 3)]
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome(a.url, a) for a in articles])
        ...     first, token = store.page(None, after=None, limit=2)
        ...     second, end = store.page(None, after=token, limit=2)
        >>> [hit.url[-1] for hit in first + second], end
        (['3', '2', '1'], None)
        """
        position = PagePosition.from_token(after) if after else None
        limit = max(0, int(limit))
        if limit == 0:
            return [], None
        where, params = filter_sql(filters)
        select = f"SELECT {_HIT_COLUMNS}, {_LEAD_COLUMNS}, a.published_utc FROM articles AS a WHERE a.id IN"
        rows: list[tuple[Any, ...]] = []
        if position is None or position.published_utc is not None:
            keyset, key = ("", []) if position is None else ("AND (a.published_utc, a.id) < (?, ?)",
                                                            [position.published_utc, position.id])
            dated = "ORDER BY a.published_utc DESC, a.id DESC"
            rows = self._conn.execute(
                f"{select} (SELECT a.id FROM articles AS a WHERE a.published_utc IS NOT NULL {keyset} {where} "
                f"{dated} LIMIT ?) {dated}",
                (*key, *params, limit + 1),
            ).fetchall()
        if len(rows) <= limit:
            keyset, key = ("AND a.id < ?", [position.id]) if position and position.published_utc is None else ("", [])
            rows += self._conn.execute(
                f"{select} (SELECT a.id FROM articles AS a WHERE a.published_utc IS NULL {keyset} {where} "
                "ORDER BY a.id DESC LIMIT ?) ORDER BY a.id DESC",
                (*key, *params, limit + 1 - len(rows)),
            ).fetchall()
        token = PagePosition(rows[limit - 1][-1], rows[limit - 1][0]).token() if len(rows) > limit else None
        return [self._hit(row[:-1]) for row in rows[:limit]], token

    def facet_counts(
        self,
        query: str | None,
        filters: Filters | None = None,
        fields: Sequence[str] = FACET_FIELDS,
        *,
        limit: int = 12,
    ) -> dict[str, dict[str, int]]:
        """Results per outlet, section and language: one ``GROUP BY`` per field (see :meth:`Store.facet_counts`).

        >>> from newsdesk.model import Article

        >>> from newsdesk.store.base import ArticleOutcome
        >>> a = Article(url="https://www.trtworld.com/a", headline="Iraq deal", language="en-GB", section="World")
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome("a", a)])
        ...     store.facet_counts("iraq", Filters(section="world"))
        {'source': {'trtworld.com': 1}, 'section': {'World': 1}, 'lang': {'en-gb': 1}}
        """
        filters = filters or Filters()
        facets = {name: facet_for(name) for name in fields}
        counted: dict[str, dict[str, int]] = {}
        for name, facet in facets.items():
            chosen = getattr(filters, name)
            # Each field is counted without its own filter, so the alternatives to a choice stay visible.
            matching = self._matching(query, dataclasses.replace(filters, **{name: None}))
            rows: list[tuple[Any, ...]] = []
            if matching is not None:
                sql, params = matching
                rows = self._conn.execute(f"SELECT {facet.select} {sql} GROUP BY {facet.group}", params).fetchall()
            counted[name] = top_values(facet.counts(rows, chosen), chosen, limit)
        return counted

    def entity_facet_counts(self, query: str | None, filters: Filters | None = None, *,
                            limit: int = 12) -> dict[str, dict[str, int]]:
        """Results per person, organisation, place and speaker: how many of the articles a search finds name each.

        Each kind is counted without its own filter, as :meth:`facet_counts` does, so a choice's alternatives
        stay visible.

        >>> with SQLiteStore(":memory:") as store:
        ...     store.entity_facet_counts("iraq")
        {'person': {}, 'org': {}, 'place': {}, 'speaker': {}}
        """
        filters = filters or Filters()
        counted: dict[str, dict[str, int]] = {}
        for kind, type_ in (("person", "PERSON"), ("org", "ORG"), ("place", "PLACE"), ("speaker", None)):
            matching = self._matching(query, dataclasses.replace(filters, **{kind: None}))
            if matching is None:
                counted[kind] = {}
                continue
            sql, params = matching
            if type_ is None:
                statement = (f"SELECT speaker, count(DISTINCT article_id) FROM quotes WHERE speaker IS NOT NULL "
                             f"AND article_id IN (SELECT a.id {sql}) GROUP BY speaker ORDER BY 2 DESC, 1 LIMIT ?")
                values = [*params, limit]
            else:
                statement = (f"SELECT e.name, count(*) FROM article_entities AS ae JOIN entities AS e "
                             f"ON e.id = ae.entity_id WHERE e.type = ? AND ae.article_id IN (SELECT a.id {sql}) "
                             f"GROUP BY e.id ORDER BY 2 DESC, 1 LIMIT ?")
                values = [type_, *params, limit]
            counted[kind] = {name: n for name, n in self._conn.execute(statement, values)}
        return counted

    def counts_by_day(self, filters: Filters | None, *, since: date, until: date) -> dict[str, int]:
        """Articles per UTC day of publication over a range, in one query (see :meth:`Store.counts_by_day`).

        >>> from newsdesk.model import Article

        >>> from newsdesk.store.base import ArticleOutcome
        >>> a = Article(url="https://example.com/a", published="2025-10-02T01:30:00+03:00")
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome("a", a)])
        ...     store.counts_by_day(None, since=date(2025, 9, 30), until=date(2025, 10, 2))
        {'2025-09-30': 0, '2025-10-01': 1, '2025-10-02': 0}
        """
        if not isinstance(since, date) or not isinstance(until, date):
            raise StoreError("counts_by_day", f"since and until must be dates, not {since!r} and {until!r}")
        since, until = _utc_day(since), _utc_day(until)
        days = (until - since).days + 1
        if days < 1:
            raise StoreError("counts_by_day", f"since {since} is after until {until}")
        if days > MAX_DAYS:
            raise StoreError("counts_by_day", f"{days} days from {since} to {until} is over the limit of {MAX_DAYS}")
        where, params = filter_sql(filters)
        first, end = f"{since.isoformat()}T00:00:00Z", f"{(until + timedelta(days=1)).isoformat()}T00:00:00Z"
        found = dict(
            self._conn.execute(
                "SELECT substr(a.published_utc, 1, 10), count(*) FROM articles AS a "
                f"WHERE a.published_utc >= ? AND a.published_utc < ? {where} GROUP BY 1",
                (first, end, *params),
            ).fetchall()
        )
        return {day: int(found.get(day, 0)) for day in (str(since + timedelta(days=n)) for n in range(days))}

    def related(self, article_id: int, *, limit: int = 5) -> list[SearchHit]:
        """More like this, from the full-text index (see :meth:`Store.related` and :mod:`newsdesk.store.related`).

        >>> from newsdesk.model import Article, Block

        >>> from newsdesk.store.base import ArticleOutcome
        >>> def story(n, headline):
        ...     return Article(url=f"https://example.com/{n}", headline=headline, body=[Block("paragraph", headline)])
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome(str(n), story(n, h)) for n, h in enumerate([
        ...         "Coalition to leave Iraq", "Troops start leaving Iraq", "Storm hits the coast"])])
        ...     [hit.headline for hit in store.related(1)]
        ['Troops start leaving Iraq']
        """
        limit = max(0, int(limit))
        if limit == 0 or isinstance(article_id, bool) or not isinstance(article_id, int):
            return []
        conn = self._conn
        row = conn.execute(
            "SELECT a.headline, a.standfirst, substr(a.body_text, 1, ?), a.key, a.body_hash FROM articles AS a "
            "WHERE a.id = ?",
            (RELATED_BODY_CHARS, article_id if 0 < article_id <= MAX_SQLITE_INT else 0),
        ).fetchone()
        if row is None:
            return []
        headline, standfirst, body_start, key, body_hash = row
        weights = candidate_words(headline, standfirst, body_start)
        if not weights:
            return []
        total = self._article_total()
        terms = telling_terms(weights, self._frequencies_of(list(weights), frequency_ceiling(total) + 1), total)
        if not terms:
            return []
        weights_sql = ", ".join(str(w) for w in BM25_WEIGHTS)
        rows = conn.execute(
            f"SELECT {_HIT_COLUMNS}, -bm25(articles_fts, {weights_sql}), {_UNMARKED} "
            "FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? AND a.id != ? "
            # Copies of this article are not related articles: the same body, or recorded as duplicates.
            "AND (a.body_hash IS NULL OR a.body_hash IS NOT ?) "
            "AND a.key NOT IN (SELECT url FROM duplicates WHERE duplicate_of = ?) "
            "AND a.id NOT IN (SELECT duplicate_of FROM duplicates WHERE url = ?) "
            f"ORDER BY bm25(articles_fts, {weights_sql}), a.id LIMIT ?",
            (" OR ".join(f'"{term}"' for term in terms), article_id, body_hash, article_id, key, limit),
        ).fetchall()
        return [self._hit(row) for row in rows]

    def _frequencies_of(self, words: list[str], cap: int) -> dict[str, int]:
        """How many articles hold each word, counted no further than ``cap`` (no word that common is searched for).

        News vocabulary is skewed: the same common words, the ones that cost most to count, come
        back on page after page. So counts are kept, shared by the stores of one database file in
        this process (a server has one per worker thread), until the database changes: a store
        that sees ``PRAGMA data_version`` move (another connection committed) or commits itself
        empties them. A count made while a write commits may be kept for one call at most.
        """
        conn = self._conn
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        kept = _KEPT_FREQUENCIES.get(self._counts_key)
        if kept is None or version != self._data_version or len(kept) > MAX_KEPT_FREQUENCIES:
            kept = _KEPT_FREQUENCIES[self._counts_key] = {}
            self._data_version = version
        missing = [word for word in words if word not in kept]
        if missing:
            kept.update(
                conn.execute(
                    "SELECT w.value, (SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH "
                    "'\"' || replace(w.value, '\"', '\"\"') || '\"' LIMIT ?)) FROM json_each(?) AS w",
                    (cap, dump_json(missing)),
                ).fetchall()
            )
        return {word: kept.get(word, 0) for word in words}

    def iter_articles(self, filters: Filters | None = None) -> Iterator[StoredArticle]:
        """Stream every article matching ``filters`` in id order.

        Reads in keyset pages, so no read transaction stays open between pages and
        writers are never held up by a slow consumer.

        >>> with SQLiteStore(":memory:") as store:
        ...     list(store.iter_articles())
        []
        """
        where, params = filter_sql(filters)
        last_id = 0
        while True:
            rows = self._conn.execute(
                f"{SELECT_ARTICLE} WHERE a.id > ? {where} ORDER BY a.id LIMIT ?",
                (last_id, *params, STREAM_CHUNK),
            ).fetchall()
            for row in rows:
                yield stored_article(row)
            if len(rows) < STREAM_CHUNK:
                return
            last_id = rows[-1][0]

    def stats(self) -> StoreStats:
        """Counts over the store, read from the counts the writes keep (table ``store_counts``).

        Reading them costs a few rows whatever the size of the store; the triggers that keep
        them run in the transaction of each write, so they are never out of step.

        >>> with SQLiteStore(":memory:") as store:
        ...     store.stats().to_dict()["articles"]
        0
        """
        grouped: dict[str, list[tuple[str, int]]] = {}
        for kind, value, n in self._conn.execute(
            "SELECT kind, value, n FROM store_counts WHERE n > 0 ORDER BY kind, n DESC, value"
        ):
            grouped.setdefault(kind, []).append((value, n))

        def total(kind: str) -> int:
            return sum(n for _, n in grouped.get(kind, []))

        return StoreStats(
            articles=total("articles"),
            by_source=_counts(grouped.get("source", [])),
            by_day=_counts(sorted(grouped.get("day", []))),
            by_section=_counts(grouped.get("section", [])),
            by_language=_counts(grouped.get("language", [])),
            duplicates=_counts(grouped.get("duplicates", [])),
            not_articles=_counts(grouped.get("not_articles", [])),
            quarantined=_counts(grouped.get("quarantine", [])),
            raw_pages=total("raw_pages"),
            runs=total("runs"),
            near_copies=dict(grouped.get("duplicates", [])).get("near", 0),
            # Not kept by triggers: counting a table's smallest index costs about a millisecond per 100,000 rows.
            stories=int(self._conn.execute("SELECT count(*) FROM stories").fetchone()[0]),
            vectors=int(self._conn.execute("SELECT count(*) FROM article_vectors").fetchone()[0]),
        )

    def _article_total(self) -> int:
        row = self._conn.execute("SELECT n FROM store_counts WHERE kind = 'articles' AND value = ''").fetchone()
        return int(row[0]) if row else 0

    def seen_urls(self, urls: Iterable[str]) -> set[str]:
        """Which URLs the store already holds in any form.

        >>> from newsdesk.model import Article

        >>> from newsdesk.store.base import ArticleOutcome
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome("a", Article(url="https://example.com/a"))])
        ...     sorted(store.seen_urls(["https://EXAMPLE.com/a", "https://example.com/b"]))
        ['https://EXAMPLE.com/a']
        """
        given = list(dict.fromkeys(u for u in urls if isinstance(u, str)))
        seen: set[str] = set()
        for start in range(0, len(given), 400):
            chunk = given[start : start + 400]
            cleaned = [clean_text(u) or "" for u in chunk]
            keys = [normalise_url(u) or u for u in cleaned]
            marks = ", ".join("?" * len(chunk))
            found = {
                row[0]
                for row in self._conn.execute(
                    f"SELECT key FROM articles WHERE key IN ({marks}) "
                    f"UNION SELECT url FROM articles WHERE url IN ({marks}) "
                    f"UNION SELECT url FROM duplicates WHERE url IN ({marks}) "
                    f"UNION SELECT url FROM not_articles WHERE url IN ({marks}) "
                    f"UNION SELECT url FROM raw_pages WHERE ifnull(url, '') IN ({marks})",
                    (*keys, *cleaned, *keys, *keys, *cleaned),
                )
            }
            seen.update(u for u, c, k in zip(chunk, cleaned, keys, strict=True) if c in found or k in found)
        return seen

    def _failure_where(self, since: str | None, run_id: int | None) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if since is not None:
            instant = parse_instant(since)
            if instant is None:
                raise StoreError(self.path, f"cannot read {since!r} as a date (YYYY-MM-DD or ISO 8601)")
            clauses.append("at >= ?")
            params.append(instant)
        if run_id is not None:
            clauses.append("run_id = ?")
            params.append(int(run_id))
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def failures(self, *, since: str | None = None, run_id: int | None = None,
                 limit: int | None = None) -> list[FailureRecord]:
        """Quarantined inputs, newest first (see :meth:`Store.failures`).

        >>> from newsdesk.store.base import FailureOutcome
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([FailureOutcome("gone.html", "read", "no such file or folder")])
        ...     [f.line() for f in store.failures(since="2000-01-01")]
        ['gone.html: read: no such file or folder']
        """
        where, params = self._failure_where(since, run_id)
        rows = self._conn.execute(
            f"SELECT input, stage, reason, url, at, attempts, run_id FROM quarantine{where} "
            "ORDER BY at DESC, id DESC LIMIT ?", (*params, -1 if limit is None else max(0, int(limit)))
        ).fetchall()
        return [FailureRecord(*row) for row in rows]

    def count_failures(self, *, since: str | None = None, run_id: int | None = None) -> int:
        """How many quarantined inputs match (see :meth:`Store.count_failures`).

        >>> with SQLiteStore(":memory:") as store:
        ...     store.count_failures()
        0
        """
        where, params = self._failure_where(since, run_id)
        return int(self._conn.execute(f"SELECT count(*) FROM quarantine{where}", params).fetchone()[0])

    def recorded_inputs(self, pages: Iterable[RawPage]) -> set[str]:
        """Source names of pages already recorded with the same content (see :meth:`Store.recorded_inputs`).

        >>> from newsdesk.model import Article

        >>> from newsdesk.store.base import ArticleOutcome
        >>> page = RawPage(b"<p>Deal</p>", url="https://example.com/a", source="a.html")
        >>> with SQLiteStore(":memory:") as store:
        ...     before = store.recorded_inputs([page])
        ...     _ = store.write_batch([ArticleOutcome("a.html", Article(url="https://example.com/a"), page)])
        ...     (before, store.recorded_inputs([page]))
        (set(), {'a.html'})
        """
        from newsdesk.ingest.warc import record_location

        recorded: set[str] = set()
        for page in pages:
            source = page.source
            if not source:
                continue
            location = record_location(source)
            if location is not None:
                if location.offset in self._warc_offsets(location.path):
                    recorded.add(source)
                continue
            data = page.data.encode("utf-8", "surrogatepass") if isinstance(page.data, str) else page.data
            row = self._conn.execute(
                "SELECT 1 FROM raw_pages WHERE ifnull(url, '') = ? AND content_hash = ? AND source = ? LIMIT 1",
                (clean_text(page.url) or "", hashlib.sha256(bytes(data or b"")).hexdigest()[:32], clean_text(source)),
            ).fetchone()
            if row is not None:
                recorded.add(source)
        return recorded

    def _warc_offsets(self, path: str) -> frozenset[int]:
        # No index covers (warc_path, warc_offset), so each WARC file's recorded offsets are read
        # in one scan and kept: a rerun over a crawl asks about every record of the same file.
        kept = self._recorded_offsets
        if path not in kept:
            kept[path] = frozenset(row[0] for row in self._conn.execute(
                "SELECT warc_offset FROM raw_pages WHERE warc_path = ?", (path,)))
        return kept[path]

    def get_raw_page(self, raw_page_id: int) -> StoredRawPage | None:
        """One kept raw page with its bytes.

        >>> from newsdesk.model import Article, RawPage

        >>> from newsdesk.store.base import ArticleOutcome
        >>> raw = RawPage(b"<html>...</html>", url="https://example.com/a")
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome("a", Article(url="https://example.com/a"), raw)])
        ...     store.get_raw_page(1).page.data
        b'<html>...</html>'
        """
        row = self._conn.execute(f"{SELECT_RAW} WHERE id = ?", (int(raw_page_id),)).fetchone()
        return stored_raw_page(row) if row else None

    def iter_raw_pages(self) -> Iterator[StoredRawPage]:
        """Stream every kept raw page in id order.

        >>> with SQLiteStore(":memory:") as store:
        ...     list(store.iter_raw_pages())
        []
        """
        last_id = 0
        while True:
            rows = self._conn.execute(
                f"{SELECT_RAW} WHERE id > ? ORDER BY id LIMIT ?", (last_id, STREAM_CHUNK)
            ).fetchall()
            for row in rows:
                yield stored_raw_page(row)
            if len(rows) < STREAM_CHUNK:
                return
            last_id = rows[-1][0]

    def close(self) -> None:
        """Close the database (after letting SQLite refresh its query-planner statistics)."""
        try:
            if not self.read_only:
                self._conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # Closing must not fail because a statistics refresh could not run.
        self._conn.close()


def _has_wal(path: str) -> bool:
    try:
        return os.path.getsize(f"{path}-wal") > 0
    except OSError:
        return False


def open_store(path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the store at ``path``.

    With no path: ``$NEWSDESK_DB``, else ``./newsdesk.db``. ``":memory:"`` gives a
    private store that vanishes on close.

    >>> with open_store(":memory:") as store:
    ...     store.count()
    0
    """
    return SQLiteStore(default_db_path() if path is None else path, read_only=read_only)

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

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from newsdesk.model import Article, RawPage
from newsdesk.store.annotations import EnrichmentQueries, write_annotations
from newsdesk.store.base import (
    FailureRecord,
    Filters,
    Outcome,
    Outlet,
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
from newsdesk.store.finding import KEPT_FREQUENCIES, NEWEST_FIRST, SearchQueries, newest_ids
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
from newsdesk.store.search import filter_sql
from newsdesk.store.stories import StoryQueries, link_story_chains
from newsdesk.store.vectors import VectorQueries, vector_model

#: Rows fetched at a time by the streaming readers.
STREAM_CHUNK = 500
#: Bytes of the database file read through a memory map (up to SQLite's own limit of about 2 GB).
MMAP_BYTES = 1 << 30
#: Environment variable: seconds a write waits for another process's write to finish (default 10).
BUSY_TIMEOUT_ENV = "NEWSDESK_BUSY_TIMEOUT"
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


def _counts(rows: Iterable[tuple[Any, int]]) -> dict[str, int]:
    return {("(none)" if name is None or name == "" else str(name)): int(n) for name, n in rows}


# --------------------------------------------------------------------------- the store


class SQLiteStore(SearchQueries, Store, EnrichmentQueries, CopyQueries, VectorQueries, StoryQueries):
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
            self._make_folder()
            return sqlite3.connect(self.path, isolation_level=None, timeout=timeout_ms / 1000, cached_statements=256)
        except sqlite3.Error as exc:
            raise StoreError(self.path, f"cannot open the database: {exc}") from exc

    def _make_folder(self) -> None:
        """Create the folder a new database goes in (``--db news/today.db``), as SQLite itself will not."""
        if self.path == ":memory:" or self.path.startswith("file:"):
            return
        folder = Path(self.path).parent
        if folder.is_dir():
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(self.path, f"cannot create its folder {folder}: {exc.strerror or exc}") from exc

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
        KEPT_FREQUENCIES[self._counts_key] = {}

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

    def embedding_model(self) -> str | None:
        """See :meth:`Store.embedding_model`.

        >>> with SQLiteStore(":memory:") as store:
        ...     store.embedding_model() is None
        True
        """
        return vector_model(self.connection)

    def link_story_chains(self) -> int:
        """The periodic pass (see :meth:`Store.link_story_chains`): stories first seen since the earliest
        story the writer touched since the last pass are judged again, linked or not, and linked to the earlier
        stories they continue; returns how many links it made or moved.

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
            f"{SELECT_ARTICLE} WHERE a.id IN ({newest_ids(where)} LIMIT ?) {NEWEST_FIRST}",
            (*params, max(0, int(limit))),
        ).fetchall()
        return [stored_article(row) for row in rows]

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
            embedding_model=vector_model(self._conn),
        )

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


def sqlite_store(store: Store, needs: str) -> SQLiteStore:
    """``store`` as the SQLite store, for the reads that only it answers; a clear :class:`StoreError` otherwise.

    Entities and quotes, stories and timelines, and search modes are read from tables and functions that
    take the SQLite connection (:mod:`newsdesk.store.annotations`, :mod:`newsdesk.store.stories`,
    :mod:`newsdesk.store.timelines`, :mod:`newsdesk.store.vectors`), so they are not part of the
    :class:`Store` interface. The CLI, the API and the pages reach them through this one check, which
    names what was asked when the store is another kind. ``needs`` says what, for that message.

    >>> with open_store(":memory:") as store:
    ...     sqlite_store(store, "stories").stories()
    []
    """
    if isinstance(store, SQLiteStore):
        return store
    raise StoreError(type(store).__name__, f"{needs} need the SQLite store, and this store is not one")

"""Recording near duplicates: articles whose body is nearly another's, kept as articles and linked to it.

An exact duplicate is not stored as an article (the writer records it in ``duplicates`` with
kind ``exact`` instead); a near duplicate is a different text, so it stays an article and gains a
``duplicates`` row of kind ``near`` pointing at its cluster's representative, with the estimated
similarity. The ``duplicates`` table is keyed by the duplicate's article key (its ``url``
column), so recording the same clusters again changes nothing, and a near duplicate never
overwrites an exact one.

Functions take a ``sqlite3`` connection in autocommit mode (the store's) and run their own
transaction; :class:`~newsdesk.store.sqlite.SQLiteStore` can expose them as methods.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

__all__ = ["article_ids", "record_near_duplicates"]

# Bound parameters per IN (...) query: under SQLite's default limit of 32,766.
_CHUNK = 500


def article_ids(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, int]:
    """The article id of each key the store holds (keys it does not hold are left out).

    >>> from newsdesk.store import open_store, ArticleOutcome
    >>> from newsdesk.model import Article, Block
    >>> with open_store(":memory:") as store:
    ...     a = Article(url="https://x.example/a", body=[Block("paragraph", "A.")])
    ...     _ = store.write_batch([ArticleOutcome("a", a)])
    ...     article_ids(store.connection, ["https://x.example/a", "https://x.example/b"])
    {'https://x.example/a': 1}
    """
    wanted = list(dict.fromkeys(keys))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start: start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update((key, int(id_)) for key, id_ in conn.execute(
            f"SELECT key, id FROM articles WHERE key IN ({marks})", chunk))
    return found


def record_near_duplicates(conn: sqlite3.Connection, rows: Iterable[tuple[int, int, float]],
                           run_id: int | None = None) -> int:
    """Record ``(article_id, representative_id, similarity)`` rows as near duplicates; return how many are new.

    A row whose article is its own representative, or whose article or representative is gone,
    is passed over; an article already recorded as a duplicate has its row updated only when
    that row is a near one.

    >>> from newsdesk.store import open_store, ArticleOutcome
    >>> from newsdesk.model import Article, Block
    >>> with open_store(":memory:") as store:
    ...     _ = store.write_batch([ArticleOutcome(n, Article(url=f"https://x.example/{n}",
    ...                            body=[Block("paragraph", f"Storm hits coast {n}.")])) for n in "ab"])
    ...     first = record_near_duplicates(store.connection, [(2, 1, 0.9)])
    ...     again = record_near_duplicates(store.connection, [(2, 1, 0.9)])
    ...     first, again, store.stats().duplicates
    (1, 0, {'near': 1})
    """
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    added = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for article_id, representative, similarity in rows:
            if article_id == representative:
                continue
            found = conn.execute("SELECT key FROM articles WHERE id = ?", (int(article_id),)).fetchone()
            if found is None or conn.execute("SELECT 1 FROM articles WHERE id = ?",
                                             (int(representative),)).fetchone() is None:
                continue
            existing = conn.execute("SELECT kind, duplicate_of, similarity FROM duplicates WHERE url = ?",
                                    (found[0],)).fetchone()
            if existing is None:
                conn.execute("INSERT INTO duplicates (url, duplicate_of, kind, similarity, run_id, found_at) "
                             "VALUES (?, ?, 'near', ?, ?, ?)",
                             (found[0], int(representative), round(float(similarity), 4), run_id, now))
                added += 1
            elif existing[0] == "near" and (existing[1], existing[2]) != (int(representative),
                                                                           round(float(similarity), 4)):
                conn.execute("UPDATE duplicates SET duplicate_of = ?, similarity = ?, run_id = ?, found_at = ? "
                             "WHERE url = ?", (int(representative), round(float(similarity), 4), run_id, now,
                                               found[0]))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return added

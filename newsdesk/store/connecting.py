"""The writer's connect step: a batch's articles checked against the store for copies and put in stories.

:meth:`SQLiteStore.write_batch <newsdesk.store.sqlite.SQLiteStore.write_batch>` calls :func:`connect_batch`
in the transaction that inserted the batch's articles, after inserting them, with the features the
workers computed (:func:`newsdesk.connect.stage.connect_features`). In order, as the connect modules ask:

1. :func:`~newsdesk.store.copies.assign_copies`, article by article in write order, each in its own
   savepoint, so one that cannot be checked is recorded and the others go on;
2. :func:`~newsdesk.store.vectors.write_vectors`;
3. :func:`~newsdesk.store.stories.assign_stories` for the articles that have a vector and no story yet,
   with ``copy_of`` naming each copy's original (the near-copy group's, as just recorded, else the first
   stored article with the same normalised body), so that a copy joins its original's story unscored.
   Articles without annotations are grouped by their vectors alone: no model runs on the writer.

What an article that is already stored gets:

* **unchanged** (the same record written again): nothing is assigned again. Only what it lacks is filled
  in: a store written with ``--no-connect``, or before this stage existed, or without the embedding model,
  gains signatures, vectors and stories on ``reprocess``, in the order its articles are read back.
* **updated** (``reprocess`` with new extraction code): its copy features are checked again (the group's
  original and parents are ranked again) and its vector is replaced, but it **keeps its story**. Stories are
  decided in stream order and a story row keeps running sums of its members, not their vectors: moving an
  article out would leave its vector in the old story's sums, and letting a reprocess re-decide stories
  would make them depend on when the reprocess ran rather than on the stream. An updated article without
  a story yet is assigned one.

A failure to connect one article never fails the batch: the article stays stored, and the reason (from
the worker's stage, or from this step) is kept in ``quarantine`` with stage ``connect``, where ``failures``
and ``stats`` show it; the row goes when the article next connects cleanly.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from newsdesk.connect.stage import ConnectFeatures
from newsdesk.model import Article, Enrichment
from newsdesk.store.copies import assign_copies
from newsdesk.store.stories import assign_stories
from newsdesk.store.vectors import write_vectors

__all__ = ["ConnectItem", "ConnectResult", "connect_batch"]


@dataclass(slots=True)
class ConnectItem:
    """One stored article of a batch and its connect features; ``changed``: inserted or updated by the batch.

    >>> ConnectItem(1, "a.html", None, Article(), ConnectFeatures(), changed=True).body_hash is None
    True
    """

    article_id: int
    input: str
    url: str | None
    article: Article
    features: ConnectFeatures
    changed: bool
    body_hash: str | None = None


@dataclass(slots=True)
class ConnectResult:
    """What :func:`connect_batch` did: copies checked, vectors written, articles put in stories, failures
    recorded, and the earliest first day (``first_seen``) of the stories it touched, for the chain pass.

    >>> ConnectResult().failed
    0
    """

    copies_checked: int = 0
    vectors: int = 0
    stories: dict[int, int] = field(default_factory=dict)
    failed: int = 0
    first_seen: str | None = None


def _ids_in(conn: sqlite3.Connection, sql: str, ids: Sequence[int]) -> set[int]:
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    return {int(row[0]) for row in conn.execute(sql.format(marks=marks), list(ids))}


def _originals(conn: sqlite3.Connection, items: Sequence[ConnectItem]) -> dict[int, int]:
    """``{article id: original id}`` for the items that are copies: the near-copy group's original as
    stored, else the first stored article with the same normalised body (an exact copy kept as an article,
    which an update can make)."""
    ids = [item.article_id for item in items]
    found: dict[int, int] = {}
    if ids:
        marks = ",".join("?" * len(ids))
        found = {int(a): int(o) for a, o in conn.execute(
            f"SELECT a.id, d.duplicate_of FROM articles AS a JOIN duplicates AS d ON d.url = a.key "
            f"AND d.kind = 'near' WHERE a.id IN ({marks})", ids) if o is not None and int(o) != int(a)}
    for item in items:
        if item.article_id not in found and item.body_hash:
            row = conn.execute("SELECT min(id) FROM articles WHERE body_hash = ? AND id != ?",
                               (item.body_hash, item.article_id)).fetchone()
            if row[0] is not None and int(row[0]) < item.article_id:
                found[item.article_id] = int(row[0])
    return found


def _record(conn: sqlite3.Connection, item: ConnectItem, reason: str | None, run_id: int | None, now: str) -> None:
    if reason:
        conn.execute(
            "INSERT INTO quarantine (input, url, stage, reason, run_id, at) VALUES (?, ?, 'connect', ?, ?, ?) "
            "ON CONFLICT (input, stage) DO UPDATE SET url = excluded.url, reason = excluded.reason, "
            "run_id = excluded.run_id, at = excluded.at, attempts = attempts + 1",
            (item.input, item.url, reason, run_id, now))
    else:
        conn.execute("DELETE FROM quarantine WHERE input = ? AND stage = 'connect'", (item.input,))


@contextmanager
def _attempt(conn: sqlite3.Connection, what: str, failures: list[str]) -> Iterator[None]:
    """Run the block in a savepoint; if it fails, undo it and append the reason to ``failures`` instead."""
    conn.execute("SAVEPOINT connect")
    try:
        yield
    except Exception as exc:
        if not conn.in_transaction:
            raise  # SQLite gave up on the whole transaction (disk full, I/O error): not this article's doing.
        conn.execute("ROLLBACK TO connect")
        conn.execute("RELEASE connect")
        failures.append(f"{what}: {type(exc).__name__}: {exc}")
        return
    conn.execute("RELEASE connect")


def _assign(conn: sqlite3.Connection, items: Sequence[ConnectItem]) -> dict[int, int]:
    vectors = np.stack([np.asarray(item.features.vector, dtype=np.float32) for item in items])
    # An article without annotations (ingested --no-enrich, or its enrichment failed) is grouped by its vector
    # alone: story_features would otherwise run the enrichment models here, on the one writer.
    articles = [item.article if item.article.enrichment is not None else
                dataclasses.replace(item.article, enrichment=Enrichment()) for item in items]
    return assign_stories(conn, list(zip([item.article_id for item in items], articles, strict=True)), vectors,
                          copy_of=_originals(conn, items))


def connect_batch(conn: sqlite3.Connection, items: Sequence[ConnectItem], *, run_id: int | None = None,
                  now: str = "") -> ConnectResult:
    """Check a batch's stored articles for copies, store their vectors and put them in stories (see above).

    ``items`` are in the order the batch wrote them; runs inside the caller's transaction.

    >>> from newsdesk.connect.stage import connect_features
    >>> from newsdesk.model import Block
    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> conn = SQLiteStore(":memory:").connection
    >>> a = Article(url="https://a.example/1", headline="Port deal", body=[Block("paragraph", "Signed today.")])
    >>> _ = conn.execute("INSERT INTO articles (key, host, record_hash, ingested_at) VALUES (?, 'a.example', '', '')",
    ...                  (a.url,))
    >>> [features] = connect_features([a], embed=False)
    >>> result = connect_batch(conn, [ConnectItem(1, "a.html", a.url, a, features, changed=True)])
    >>> result.copies_checked, result.stories
    (1, {})
    """
    result = ConnectResult()
    items = [item for item in items if item.features is not None]
    if not items:
        return result
    reasons: dict[int, list[str]] = {item.article_id: [item.features.error] if item.features.error else []
                                     for item in items}
    kept = [item.article_id for item in items if not item.changed]
    signed = _ids_in(conn, "SELECT article_id FROM article_signatures WHERE article_id IN ({marks})", kept)
    embedded = _ids_in(conn, "SELECT article_id FROM article_vectors WHERE article_id IN ({marks})", kept)
    in_story = _ids_in(conn, "SELECT article_id FROM story_articles WHERE article_id IN ({marks})",
                       [item.article_id for item in items])

    for item in items:
        copies = item.features.copies
        if copies is None or not (item.changed or item.article_id not in signed):
            continue
        with _attempt(conn, "copies", reasons[item.article_id]):
            assign_copies(conn, [(item.article_id, copies)], run_id)
            result.copies_checked += 1

    with_vectors = [item for item in items if item.features.vector is not None]
    for model in sorted({item.features.model or "" for item in with_vectors}):
        batch = [item for item in with_vectors if (item.features.model or "") == model
                 and (item.changed or item.article_id not in embedded)]
        if not batch:
            continue
        failures: list[str] = []
        with _attempt(conn, "vectors", failures):
            result.vectors += write_vectors(conn, [(item.article_id, item.features.vector) for item in batch
                                                   if item.features.vector is not None], model)
        for item in batch:
            reasons[item.article_id].extend(failures)

    unassigned = [item for item in with_vectors if item.article_id not in in_story]
    if unassigned:
        failures = []
        with _attempt(conn, "stories", failures):
            result.stories = _assign(conn, unassigned)
        if failures:
            # One article's vector that assignment cannot use must not cost the others their stories.
            for item in unassigned:
                with _attempt(conn, "stories", reasons[item.article_id]):
                    result.stories.update(_assign(conn, [item]))
        if result.stories:
            touched = sorted(set(result.stories.values()))
            marks = ",".join("?" * len(touched))
            result.first_seen = conn.execute(f"SELECT min(first_seen) FROM stories WHERE id IN ({marks})",
                                             touched).fetchone()[0]

    for item in items:
        reason = "; ".join(reasons[item.article_id]) or None
        result.failed += reason is not None
        _record(conn, item, reason, run_id, now)
    return result

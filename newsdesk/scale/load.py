"""``newsdesk load``: shards into the store through the one writer, then their near-duplicate clusters.

Shards are read in a deterministic order, crawl date then input file (:func:`shard_infos`), and
each shard's rows in the order its file was read, so the writer sees the outcomes in the order a
local ``newsdesk ingest`` of the same files (named in that order) gives it, and "which copy of a
duplicate came first" is the same. Loading again changes nothing: the writer keys articles by URL
and records an article already stored as unchanged; near duplicates are keyed by the duplicate.

Near duplicates come from the signatures in the shards (:mod:`newsdesk.scale.lsh`): each article
row is a document ``(shard rank << 32) | position``, so ids grow in load order and a cluster's
representative (its smallest id) is the copy loaded first. Documents map to stored articles by
article key; a cluster's members link to its smallest stored article id.
:func:`near_duplicates_of_store` runs the same clustering over a store's articles (a local run's),
with the signatures computed from their stored text.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsdesk.connect.minhash import signatures
from newsdesk.pipeline import DEFAULT_BATCH_SIZE
from newsdesk.scale.lsh import ClusterTable, cluster_table, cluster_table_on_ray
from newsdesk.scale.shards import read_outcomes, shard_infos
from newsdesk.store import ArticleOutcome, Store, StoreError, WriteSummary, article_key
from newsdesk.store.near_duplicates import article_ids, record_near_duplicates

__all__ = ["LoadReport", "load_shards", "near_duplicate_rows", "near_duplicates_of_store"]


@dataclass(slots=True)
class LoadReport:
    """What a load did: shards read, what the writer did, near duplicates recorded.

    >>> LoadReport(shards=2, inputs=3, written=WriteSummary(inserted=2, quarantined=1)).summary()
    'shards 2 · inputs 3 · articles stored 2 · updated 0 · unchanged 0 · duplicates 0 · near duplicates 0 · \
not articles 0 · failures 1'
    """

    shards: int = 0
    inputs: int = 0
    written: WriteSummary = field(default_factory=WriteSummary)
    near_duplicates: int = 0
    run_id: int | None = None

    @property
    def exit_code(self) -> int:
        """0 when no input failed, 1 when some did (as ``newsdesk ingest``)."""
        return 1 if self.written.quarantined else 0

    def summary(self) -> str:
        """One line for people and logs."""
        w = self.written
        return (f"shards {self.shards} · inputs {self.inputs} · articles stored {w.inserted} · updated {w.updated} · "
                f"unchanged {w.unchanged} · duplicates {w.duplicates} · near duplicates {self.near_duplicates} · "
                f"not articles {w.not_articles} · failures {w.quarantined}")


def _connection(store: Store) -> Any:
    conn = getattr(store, "connection", None)
    if conn is None:
        raise StoreError(None, "near duplicates need a SQLite store")
    return conn


def near_duplicate_rows(table: ClusterTable, article_of_doc: dict[int, int]) -> list[tuple[int, int, float]]:
    """``(article_id, representative_id, similarity)`` for every stored member of every cluster.

    A cluster's representative is its smallest stored article id; documents without a stored
    article (exact duplicates, failures) are left out, and so is a cluster left with one article.

    >>> t = ClusterTable(np.array([1, 2, 3]), np.array([1, 1, 1]), np.array([1.0, 0.9, 0.8]))
    >>> near_duplicate_rows(t, {1: 10, 2: 10, 3: 12})
    [(12, 10, 0.8)]
    """
    members: dict[int, list[tuple[int, float]]] = {}
    for doc, cluster, similarity in zip(table.doc.tolist(), table.cluster.tolist(), table.similarity.tolist(),
                                        strict=True):
        article = article_of_doc.get(doc)
        if article is not None:
            members.setdefault(cluster, []).append((article, similarity))
    rows: list[tuple[int, int, float]] = []
    for found in members.values():
        representative = min(article for article, _ in found)
        seen = {representative}
        for article, similarity in found:
            if article not in seen:
                seen.add(article)
                rows.append((article, representative, float(similarity)))
    return sorted(rows)


def load_shards(shards_dir: str | os.PathLike[str], store: Store, *, batch_size: int = DEFAULT_BATCH_SIZE,
                ray: Any = None, progress: Callable[[LoadReport], None] | None = None) -> LoadReport:
    """Write every complete shard under ``shards_dir`` into ``store``, then record near duplicates.

    With ``ray`` (a connected ``ray`` module), the LSH bands are grouped by Ray tasks.

    >>> import tempfile
    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     load_shards(tempfile.mkdtemp(), store).summary()
    'shards 0 · inputs 0 · articles stored 0 · updated 0 · unchanged 0 · duplicates 0 · near duplicates 0 · \
not articles 0 · failures 0'
    """
    infos = shard_infos(shards_dir)
    report = LoadReport(shards=len(infos), run_id=store.start_run(f"load {os.fspath(shards_dir)}"))
    docs: list[int] = []
    keys: list[str] = []
    sig_parts: list[np.ndarray] = []
    try:
        for rank, info in enumerate(infos):
            for outcomes, positions, sigs in read_outcomes(info.path, batch_size):
                report.written += store.write_batch(outcomes, run_id=report.run_id)
                report.inputs += len(outcomes)
                chosen = [i for i, o in enumerate(outcomes) if isinstance(o, ArticleOutcome)]
                docs.extend((rank << 32) | int(positions[i]) for i in chosen)
                keys.extend(article_key(outcomes[i].article) for i in chosen)  # type: ignore[union-attr]
                sig_parts.append(sigs[chosen])
                if progress is not None:
                    progress(report)
        all_sigs = np.concatenate(sig_parts) if sig_parts else np.zeros((0, 128), np.uint32)
        doc_ids = np.array(docs, dtype=np.int64)
        table = (cluster_table_on_ray(ray, doc_ids, all_sigs) if ray is not None
                 else cluster_table(doc_ids, all_sigs))
        conn = _connection(store)
        stored = article_ids(conn, keys)
        article_of_doc = {doc: stored[key] for doc, key in zip(docs, keys, strict=True) if key in stored}
        report.near_duplicates = record_near_duplicates(conn, near_duplicate_rows(table, article_of_doc),
                                                        report.run_id)
    finally:
        store.finish_run(report.run_id, {**report.written.counts(), "inputs": report.inputs,
                                         "near_duplicates": report.near_duplicates})
    return report


def near_duplicates_of_store(store: Store, *, ray: Any = None, chunk: int = 500) -> int:
    """Cluster every stored article by its text and record the near duplicates; return how many are new.

    The local counterpart of what :func:`load_shards` does with the shards' signatures.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     near_duplicates_of_store(store)
    0
    """
    ids: list[int] = []
    parts: list[np.ndarray] = []
    texts: list[str] = []
    for stored in store.iter_articles():
        ids.append(stored.id)
        texts.append(stored.article.text)
        if len(texts) >= chunk:
            parts.append(signatures(texts))
            texts = []
    if texts:
        parts.append(signatures(texts))
    doc_ids = np.array(ids, dtype=np.int64)
    sigs = np.concatenate(parts) if parts else np.zeros((0, 128), np.uint32)
    table = cluster_table_on_ray(ray, doc_ids, sigs) if ray is not None else cluster_table(doc_ids, sigs)
    return record_near_duplicates(_connection(store), near_duplicate_rows(table, {i: i for i in ids}))

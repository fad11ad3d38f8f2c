"""Near-duplicate clusters from MinHash signatures: LSH buckets, edges, union-find.

The method is the one datatrove and NeMo Curator use at scale. For each band, documents are
grouped by their band key (a bucket); in each bucket, every member is linked to the member with
the smallest id, after checking that their signatures agree on at least ``threshold`` of their
positions (LSH lets through some pairs under the threshold; the check removes them). A bucket is
capped at ``cap`` members: a key shared by thousands of documents (boilerplate pages, empty
bodies) would otherwise cost as much as the rest of the crawl, and its first ``cap`` members by
id already link it together. Union-find over the edges gives the clusters; a cluster's
representative is its smallest id, so "which copy came first" follows the id order.

:func:`cluster_table` runs it in this process; :func:`cluster_table_on_ray` runs the per-band
step (:func:`band_edges`, the same function) as one Ray task per band, the signatures shipped
once through the object store, and the union-find on the driver: the edges are few (at most one
per document per band) where the signatures are many. Union-find is label propagation in numpy
(each node takes the smallest label of its edges' other ends, then labels jump to their label's
label) instead of a Python loop over edges: a handful of vector passes at any size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from newsdesk.connect.minhash import BANDS, EMPTY, band_keys, jaccard

__all__ = ["DEFAULT_BUCKET_CAP", "DEFAULT_THRESHOLD", "ClusterTable", "band_edges", "cluster_table",
           "cluster_table_on_ray", "union_find"]

#: Least share of equal signature positions for two documents to be near duplicates (estimated Jaccard
#: similarity of their 5-word shingles). Wire copies with a different first line or sign-off score
#: 0.8-0.95; two reports of the same event in different words score under 0.3.
DEFAULT_THRESHOLD = 0.7
#: Members of one bucket that are linked; the rest of a larger bucket is left out.
DEFAULT_BUCKET_CAP = 1000


@dataclass(slots=True)
class ClusterTable:
    """``doc -> cluster, representative``: one row per document that has near duplicates.

    ``cluster`` is the representative's id (the smallest in the cluster); ``similarity`` is the
    document's estimated Jaccard similarity to the representative (1.0 for the representative).

    >>> t = ClusterTable(np.array([3, 9]), np.array([3, 3]), np.array([1.0, 0.9]))
    >>> t.representative.tolist(), len(t)
    ([3, 3], 2)
    """

    doc: np.ndarray
    cluster: np.ndarray
    similarity: np.ndarray

    @property
    def representative(self) -> np.ndarray:
        """The representative of each row's cluster (its smallest id, which is also the cluster id)."""
        return self.cluster

    def __len__(self) -> int:
        return int(self.doc.size)


def band_edges(doc_ids: np.ndarray, keys: np.ndarray, sigs: np.ndarray, *, cap: int = DEFAULT_BUCKET_CAP,
               threshold: float = DEFAULT_THRESHOLD) -> tuple[np.ndarray, np.ndarray]:
    """Edges of one band: each bucket member to the bucket's smallest id, when similar enough.

    ``keys`` is one band's column of :func:`~newsdesk.connect.minhash.band_keys`.

    >>> sigs = np.array([[1, 2], [1, 2], [5, 6], [1, 2]], dtype=np.uint32)
    >>> src, dst = band_edges(np.array([10, 11, 12, 13]), np.array([7, 7, 8, 7], dtype=np.uint64), sigs)
    >>> src.tolist(), dst.tolist()
    ([10, 10], [11, 13])
    """
    if doc_ids.size == 0:
        return doc_ids[:0], doc_ids[:0]
    order = np.lexsort((doc_ids, keys))
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    group = np.cumsum(np.r_[False, sorted_keys[1:] != sorted_keys[:-1]])
    rank = np.arange(order.size) - starts[group]
    keep = (rank > 0) & (rank < cap)
    head = order[starts[group]][keep]
    member = order[keep]
    similar = jaccard(sigs[head], sigs[member]) >= threshold if head.size else np.zeros(0, dtype=bool)
    return doc_ids[head][similar], doc_ids[member][similar]


def union_find(doc_ids: np.ndarray, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The smallest id connected to each of ``doc_ids`` (itself when it has no edge).

    >>> union_find(np.array([1, 2, 3, 4, 5]), np.array([1, 3, 4]), np.array([2, 4, 5])).tolist()
    [1, 1, 3, 3, 3]
    """
    ids = np.asarray(doc_ids)
    order = np.argsort(ids)
    sorted_ids = ids[order]
    a = order[np.searchsorted(sorted_ids, src)]
    b = order[np.searchsorted(sorted_ids, dst)]
    labels = ids.copy()
    while True:
        before = labels.copy()
        np.minimum.at(labels, a, labels[b])
        np.minimum.at(labels, b, labels[a])
        # Pointer jumping: a label's own label is at least as small.
        labels = labels[order[np.searchsorted(sorted_ids, labels)]]
        if np.array_equal(labels, before):
            return labels


def _table(doc_ids: np.ndarray, sigs: np.ndarray, src: np.ndarray, dst: np.ndarray) -> ClusterTable:
    labels = union_find(doc_ids, src, dst)
    counts = np.unique(labels, return_counts=True)
    shared = np.isin(labels, counts[0][counts[1] > 1])
    order = np.argsort(doc_ids)
    rep_rows = order[np.searchsorted(doc_ids[order], labels[shared])]
    similarity = jaccard(sigs[shared], sigs[rep_rows]) if rep_rows.size else np.zeros(0)
    rows = np.argsort(doc_ids[shared], kind="stable")
    return ClusterTable(doc_ids[shared][rows], labels[shared][rows], np.asarray(similarity, dtype=float)[rows])


def _usable(doc_ids: np.ndarray, sigs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # A document without a single word has the empty signature: it is like nothing, not like every other such.
    keep = ~(sigs == EMPTY).all(axis=1) if sigs.size else np.zeros(0, dtype=bool)
    return np.asarray(doc_ids, dtype=np.int64)[keep], sigs[keep]


def cluster_table(doc_ids: np.ndarray, sigs: np.ndarray, *, bands: int = BANDS, cap: int = DEFAULT_BUCKET_CAP,
                  threshold: float = DEFAULT_THRESHOLD) -> ClusterTable:
    """Near-duplicate clusters of the documents ``doc_ids`` with signatures ``sigs``, in this process.

    >>> from newsdesk.connect.minhash import signatures
    >>> story = "The coalition will scale back its mission in Iraq by the end of September, the Pentagon said."
    >>> sigs = signatures([story, "Rain flooded the old town overnight.", story + " Reuters"])
    >>> t = cluster_table(np.array([5, 6, 7]), sigs)
    >>> t.doc.tolist(), t.cluster.tolist()
    ([5, 7], [5, 5])
    """
    doc_ids, sigs = _usable(doc_ids, sigs)
    keys = band_keys(sigs, bands)
    edges = [band_edges(doc_ids, keys[:, band], sigs, cap=cap, threshold=threshold) for band in range(bands)]
    src = np.concatenate([e[0] for e in edges]) if edges else doc_ids[:0]
    dst = np.concatenate([e[1] for e in edges]) if edges else doc_ids[:0]
    return _table(doc_ids, sigs, src, dst)


def cluster_table_on_ray(ray: Any, doc_ids: np.ndarray, sigs: np.ndarray, *, bands: int = BANDS,
                         cap: int = DEFAULT_BUCKET_CAP, threshold: float = DEFAULT_THRESHOLD) -> ClusterTable:
    """:func:`cluster_table` with one Ray task per band on the connected cluster (same result).

    >>> cluster_table_on_ray(ray, np.array([1]), np.zeros((1, 128), np.uint32)).doc.tolist()  # doctest: +SKIP
    []
    """
    doc_ids, sigs = _usable(doc_ids, sigs)
    keys = band_keys(sigs, bands)
    ids_ref, sigs_ref = ray.put(doc_ids), ray.put(sigs)
    task = ray.remote(band_edges)
    edges = ray.get([task.remote(ids_ref, np.ascontiguousarray(keys[:, band]), sigs_ref, cap=cap, threshold=threshold)
                     for band in range(bands)])
    src = np.concatenate([e[0] for e in edges]) if edges else doc_ids[:0]
    dst = np.concatenate([e[1] for e in edges]) if edges else doc_ids[:0]
    return _table(doc_ids, sigs, src, dst)

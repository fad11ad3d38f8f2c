"""Article embeddings in the store: one float16 vector per article, for semantic search and related articles.

Vectors are written by the writer with their article (:func:`write_vectors`, in the article's transaction)
and searched by brute force: the stored vectors are read in blocks of :data:`BLOCK_ROWS`, scored by one
matrix product each, and only a running top ``k`` is kept, so memory stays bounded however large the
store grows. float16 halves the bytes read against float32 and changes cosines by under 1e-3.

Why brute force: it is exact, needs no index to build, persist or keep in step with deletes. Reading 100,000
vectors out of SQLite costs far more than scoring them (``benchmarks/connect_embed.py``), so the store's
methods (:class:`VectorQueries`) keep the matrix in memory as float32 (154 MB at 100,000 articles) until the
database changes, and score it block by block; the plain functions read SQLite each time. An approximate
index (usearch, hnswlib) is the step to take past a few hundred thousand articles.

Search has three modes (:data:`SEARCH_MODES`): ``bm25`` (the full-text index alone), ``semantic`` (the
query's embedding against the stored vectors) and ``hybrid``, both rankings fused by reciprocal rank fusion
(:func:`~newsdesk.connect.related.reciprocal_rank_fusion`), which finds the report worded apart from the
query as well as the one naming its rare words. With no mode asked for, a store with vectors searches
``hybrid`` and one without ``bm25``, so a store without vectors answers as it always did and never loads
the model (:meth:`VectorQueries.search_mode`).

Functions here take an open ``sqlite3.Connection``; :class:`VectorQueries` is the mixin of store methods
built on them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from newsdesk.errors import StoreError
from newsdesk.store.base import Filters, SearchHit
from newsdesk.store.search import filter_sql

#: Migration 8 (see :mod:`newsdesk.store.schema`).
MIGRATION_SQL = """
-- One embedding per article: the model's name, its dimension, and the unit-length vector as float16 bytes.
CREATE TABLE article_vectors (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX article_vectors_model ON article_vectors (model);
"""

#: Vectors scored per matrix product: 8,192 x 384 float32 is 12 MB, which bounds a search's memory.
BLOCK_ROWS = 8192
#: Neighbours taken from each ranking before fusing them, for :meth:`VectorQueries.related_hybrid`.
FUSION_DEPTH = 50
#: The search modes, the first the default of a store with vectors.
SEARCH_MODES = ("hybrid", "bm25", "semantic")
#: Results each ranking gives a semantic or hybrid search: its results are these, ranked, so its total is at
#: most this (semantic) or twice this (hybrid), and the same on every page.
SEARCH_DEPTH = 100
#: A stored article under this cosine to the query is not a semantic result: every text has some cosine to
#: every other. MiniLM gives a query's own topic 0.3-0.7 and unrelated news under 0.15; per model, as e5's cosines
#: sit in a high band: its 0.80 leaves out the share of unrelated articles MiniLM's 0.2 does (headlines of SemEval's
#: English pairs as queries against the other articles; docs/benchmarks.md, "Thresholds for e5 stores").
SEARCH_MIN_COSINES = {"minilm": 0.2, "e5": 0.80}
SEARCH_MIN_COSINE = SEARCH_MIN_COSINES["minilm"]


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A stored article found by a vector search, with its score (cosine, or fused rank score).

    >>> Neighbour(7, 0.83).to_dict()
    {'id': 7, 'score': 0.83}
    """

    id: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"id": self.id, "score": self.score}


def _unit(vector: np.ndarray) -> np.ndarray:
    vector = np.asarray(vector, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 and np.isfinite(norm) else np.zeros_like(vector)


def write_vectors(conn: sqlite3.Connection, rows: Iterable[tuple[int, np.ndarray]], model: str) -> int:
    """Store (or replace) the vectors of articles as unit-length float16; zero vectors are not stored.

    An article without text has the zero vector, which is similar to nothing: storing it would only cost reads.
    Returns how many were stored.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> _ = store.connection.execute("INSERT INTO articles (key, record_hash, ingested_at) VALUES ('k', 'h', 'now')")
    >>> write_vectors(store.connection, [(1, np.array([3.0, 4.0]))], "test")
    1
    >>> read_vector(store.connection, 1).tolist()
    [0.60009765625, 0.7998046875]
    """
    stored = 0
    for article_id, vector in rows:
        unit = _unit(vector)
        if not unit.any():
            conn.execute("DELETE FROM article_vectors WHERE article_id = ?", (int(article_id),))
            continue
        conn.execute(
            "INSERT INTO article_vectors (article_id, model, dim, vector) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET model = excluded.model, dim = excluded.dim, "
            "vector = excluded.vector",
            (int(article_id), model, int(unit.shape[0]), unit.astype("<f2").tobytes()),
        )
        stored += 1
    return stored


def read_vector(conn: sqlite3.Connection, article_id: int) -> np.ndarray | None:
    """An article's stored vector as float32, None when it has none.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> read_vector(SQLiteStore(":memory:").connection, 1) is None
    True
    """
    row = conn.execute("SELECT vector FROM article_vectors WHERE article_id = ?", (int(article_id),)).fetchone()
    return None if row is None else np.frombuffer(row[0], dtype="<f2").astype(np.float32)


def ids_without_vectors(conn: sqlite3.Connection, model: str, *, limit: int = 1000) -> list[int]:
    """Articles with no vector of ``model`` yet (oldest first): what a backfill embeds next, batch by batch.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> conn = SQLiteStore(":memory:").connection
    >>> _ = conn.execute("INSERT INTO articles (key, record_hash, ingested_at) VALUES ('k', 'h', 'now')")
    >>> ids_without_vectors(conn, "minilm")
    [1]
    """
    rows = conn.execute(
        "SELECT a.id FROM articles AS a LEFT JOIN article_vectors AS v ON v.article_id = a.id AND v.model = ? "
        "WHERE v.article_id IS NULL ORDER BY a.id LIMIT ?", (model, max(0, int(limit)))).fetchall()
    return [int(row[0]) for row in rows]


def vector_model(conn: sqlite3.Connection) -> str | None:
    """The model most of the store's vectors come from (None: no vectors); queries compare only with those.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> vector_model(SQLiteStore(":memory:").connection) is None
    True
    """
    row = conn.execute("SELECT model FROM article_vectors GROUP BY model ORDER BY count(*) DESC, model LIMIT 1"
                       ).fetchone()
    return None if row is None else str(row[0])


def iter_vector_blocks(conn: sqlite3.Connection, *, model: str, dim: int, filters: Filters | None = None,
                       block_rows: int = BLOCK_ROWS) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The stored vectors of ``model`` (and articles matching ``filters``) as ``(ids, float32 matrix)`` blocks.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> list(iter_vector_blocks(SQLiteStore(":memory:").connection, model="m", dim=4))
    []
    """
    where, params = filter_sql(filters)
    join = "JOIN articles AS a ON a.id = v.article_id " if where else ""
    cursor = conn.execute(
        f"SELECT v.article_id, v.vector FROM article_vectors AS v {join}"
        f"WHERE v.model = ? AND v.dim = ? {where} ORDER BY v.article_id",
        (model, int(dim), *params),
    )
    while True:
        rows = cursor.fetchmany(block_rows)
        if not rows:
            return
        ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        matrix = np.frombuffer(b"".join(row[1] for row in rows), dtype="<f2").reshape(len(rows), dim)
        yield ids, matrix.astype(np.float32)


def top_k(blocks: Iterable[tuple[np.ndarray, np.ndarray]], query: np.ndarray, k: int, *,
          exclude: Sequence[int] = ()) -> list[Neighbour]:
    """The ``k`` vectors of ``blocks`` with the highest cosine to ``query``, best first (ties: lower id first).

    Keeps only ``k`` candidates between blocks, so memory is one block plus ``k``.

    >>> blocks = [(np.array([1, 2]), np.array([[1.0, 0.0], [0.6, 0.8]])), (np.array([3]), np.array([[0.0, 1.0]]))]
    >>> [n.id for n in top_k(blocks, np.array([0.0, 1.0]), 2)]
    [3, 2]
    """
    if k <= 0:
        return []
    unit = _unit(query)
    excluded = np.asarray(list(exclude), dtype=np.int64)
    best_ids = np.zeros(0, dtype=np.int64)
    best_scores = np.zeros(0, dtype=np.float32)
    for ids, matrix in blocks:
        scores = matrix @ unit
        if excluded.size:
            scores = np.where(np.isin(ids, excluded), -np.inf, scores)
        if len(scores) > k:
            keep = np.argpartition(-scores, k - 1)[:k]
            ids, scores = ids[keep], scores[keep]
        best_ids = np.concatenate([best_ids, ids])
        best_scores = np.concatenate([best_scores, scores.astype(np.float32)])
        if len(best_scores) > k:
            keep = np.argpartition(-best_scores, k - 1)[:k]
            best_ids, best_scores = best_ids[keep], best_scores[keep]
    order = np.lexsort((best_ids, -best_scores))
    return [Neighbour(int(best_ids[i]), float(best_scores[i])) for i in order if np.isfinite(best_scores[i])]


def semantic_search(conn: sqlite3.Connection, query_vector: np.ndarray, k: int = 20, *,
                    filters: Filters | None = None, model: str | None = None,
                    exclude: Sequence[int] = ()) -> list[Neighbour]:
    """The ``k`` stored articles nearest ``query_vector`` by cosine, brute force in blocks.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> semantic_search(SQLiteStore(":memory:").connection, np.ones(4), 5)
    []
    """
    model = model or vector_model(conn)
    if model is None:
        return []
    query = np.asarray(query_vector, dtype=np.float32).reshape(-1)
    blocks = iter_vector_blocks(conn, model=model, dim=query.shape[0], filters=filters)
    return top_k(blocks, query, k, exclude=exclude)


def _copies_of(conn: sqlite3.Connection, article_id: int, ids: Sequence[int]) -> set[int]:
    # Copies are not related articles: the same body, or recorded as duplicates either way (as Store.related).
    if not ids:
        return set()
    marks = ", ".join("?" for _ in ids)
    rows = conn.execute(
        f"SELECT b.id FROM articles AS a JOIN articles AS b ON b.id IN ({marks}) WHERE a.id = ? AND ("
        "(a.body_hash IS NOT NULL AND b.body_hash = a.body_hash) "
        "OR b.key IN (SELECT url FROM duplicates WHERE duplicate_of = a.id) "
        "OR b.id IN (SELECT duplicate_of FROM duplicates WHERE url = a.key))",
        (*ids, article_id),
    ).fetchall()
    return {int(row[0]) for row in rows}


@dataclass(slots=True)
class RankedHits:
    """One page of a search in a mode: the hits, how many the whole search found, and the mode it ran in.

    >>> RankedHits([], 0, "bm25").mode
    'bm25'
    """

    hits: list[SearchHit]
    total: int
    mode: str


def embed_query(query: str, model: str) -> np.ndarray:
    """A query's vector from the model the stored vectors come from (loaded once per process).

    >>> embed_query("", "minilm").shape
    (384,)
    """
    from newsdesk.connect.embeddings import embed_texts

    return np.asarray(embed_texts([query], model=model)[0], dtype=np.float32)


@dataclass(slots=True)
class _KeptVectors:
    version: tuple[int, int]
    model: str | None
    ids: np.ndarray
    matrix: np.ndarray


def load_vectors(conn: sqlite3.Connection, model: str) -> tuple[np.ndarray, np.ndarray]:
    """Every stored vector of ``model`` as ``(ids, float16 matrix)``, in id order (empty when there are none).

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> ids, matrix = load_vectors(SQLiteStore(":memory:").connection, "m")
    >>> ids.shape, matrix.shape
    ((0,), (0, 0))
    """
    row = conn.execute("SELECT dim FROM article_vectors WHERE model = ? GROUP BY dim ORDER BY count(*) DESC LIMIT 1",
                       (model,)).fetchone()
    if row is None:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float16)
    dim = int(row[0])
    rows = conn.execute("SELECT article_id, vector FROM article_vectors WHERE model = ? AND dim = ? "
                        "ORDER BY article_id", (model, dim)).fetchall()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype="<f2").reshape(len(rows), dim)
    return ids, matrix


def _blocks_of(ids: np.ndarray, matrix: np.ndarray, allowed: np.ndarray | None,
               block_rows: int = BLOCK_ROWS) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    for start in range(0, len(ids), block_rows):
        block_ids = ids[start:start + block_rows]
        block = matrix[start:start + block_rows]
        if allowed is not None:
            keep = np.isin(block_ids, allowed)
            block_ids, block = block_ids[keep], block[keep]
        if len(block_ids):
            yield block_ids, block.astype(np.float32, copy=False)


class VectorQueries:
    """The store's vector questions; :class:`~newsdesk.store.sqlite.SQLiteStore` inherits them.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> with SQLiteStore(":memory:") as store:
    ...     store.semantic_search(np.ones(384), 5)
    []
    """

    if TYPE_CHECKING:  # The store this is mixed into gives its connection (read-only) and its full-text search.
        @property
        def connection(self) -> sqlite3.Connection: ...

        def search(self, query: str | None, filters: Filters | None = None, *, limit: int = 20,
                   offset: int = 0) -> list[SearchHit]: ...

        def count(self, query: str | None = None, filters: Filters | None = None) -> int: ...

    #: The full-text "more like this" of the store this is mixed into (:meth:`SQLiteStore.related`).
    related: Callable[..., list[Any]]

    def write_vectors(self, rows: Iterable[tuple[int, np.ndarray]], model: str) -> int:
        """Store article vectors in one transaction (see :func:`write_vectors`)."""
        with self.connection:
            return write_vectors(self.connection, rows, model)

    def article_vector(self, article_id: int) -> np.ndarray | None:
        """An article's stored vector (see :func:`read_vector`)."""
        return read_vector(self.connection, article_id)

    def _kept_vectors(self) -> _KeptVectors:
        # The matrix stays until the database changes: another connection's commit moves data_version,
        # this connection's own writes move total_changes.
        conn = self.connection
        version = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
        kept: _KeptVectors | None = getattr(self, "_vectors_kept", None)
        if kept is None or kept.version != version:
            model = vector_model(conn)
            ids, matrix = load_vectors(conn, model) if model else load_vectors(conn, "")
            # Kept as float32: converting float16 blocks on every query cost 7x the product itself.
            kept = _KeptVectors(version, model, ids, matrix.astype(np.float32))
            self._vectors_kept = kept
        return kept

    def semantic_search(self, query_vector: np.ndarray, k: int = 20, filters: Filters | None = None, *,
                        exclude: Sequence[int] = ()) -> list[Neighbour]:
        """The ``k`` articles nearest a query vector by cosine (as :func:`semantic_search`, from memory).

        ``query_vector`` comes from the same model as the stored vectors (``embed_texts([query])[0]``).
        """
        kept = self._kept_vectors()
        query = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        if kept.model is None or kept.matrix.shape[1] != query.shape[0]:
            return []
        allowed = None
        where, params = filter_sql(filters)
        if where:
            allowed = np.fromiter((row[0] for row in self.connection.execute(
                f"SELECT a.id FROM articles AS a WHERE 1 {where}", params)), dtype=np.int64)
        return top_k(_blocks_of(kept.ids, kept.matrix, allowed), query, k, exclude=exclude)

    def related_hybrid(self, article_id: int, k: int = 5) -> list[Neighbour]:
        """Related articles: the full-text index's ranking (:meth:`related`) and the vector neighbours, by RRF.

        Copies of the article (same body, recorded duplicates, or a near-identical vector) are left out.
        """
        # Imported here: newsdesk.connect imports the store package, whose schema imports this module.
        from newsdesk.connect.related import COPY_COSINE, MIN_COSINE, MIN_COSINES, reciprocal_rank_fusion

        if k <= 0:
            return []
        lexical = [hit.id for hit in self.related(article_id, limit=FUSION_DEPTH)]
        vector = self.article_vector(article_id)
        neighbours: list[int] = []
        copies: set[int] = set()
        if vector is not None:
            found = self.semantic_search(vector, FUSION_DEPTH, exclude=[article_id])
            # As the pure related(): under MIN_COSINE a neighbour is only the nearest of unrelated texts.
            floor = MIN_COSINES.get(self._kept_vectors().model or "", MIN_COSINE)
            neighbours = [n.id for n in found if n.score >= floor]
            copies = {n.id for n in found if n.score >= COPY_COSINE}
            # A near-identical vector marks a copy among the index's hits too, even beyond the vector top.
            for other in set(lexical) - set(neighbours):
                other_vector = self.article_vector(other)
                if other_vector is not None and float(other_vector @ vector) >= COPY_COSINE:
                    copies.add(other)
        copies |= _copies_of(self.connection, article_id, sorted(set(neighbours) | set(lexical)))
        lexical = [item for item in lexical if item not in copies]
        neighbours = [item for item in neighbours if item not in copies]
        fused = reciprocal_rank_fusion([lexical, neighbours])
        return [Neighbour(item, score) for item, score in fused[:k]]

    # ----------------------------------------------------------------- search modes and hits

    def has_vectors(self) -> bool:
        """Whether the store holds any article vector (then searches default to hybrid)."""
        return self._kept_vectors().model is not None

    def search_mode(self, mode: str | None = None) -> str:
        """The mode a search runs in: ``mode`` if given, else hybrid with vectors and bm25 without.

        Hybrid asked of a store without vectors is bm25 (the fusion of one ranking is that ranking);
        semantic is a :class:`~newsdesk.errors.StoreError`, since nothing could answer it.
        """
        if mode is not None and mode not in SEARCH_MODES:
            raise StoreError("--mode", f"unknown search mode {mode!r} (known: {', '.join(SEARCH_MODES)})")
        if not self.has_vectors():
            if mode == "semantic":
                raise StoreError("--mode", "semantic search needs article vectors, and this store has none "
                                           "(they are computed at ingest by the connect stage)")
            return "bm25"
        return mode or SEARCH_MODES[0]

    def hits_by_id(self, ids: Sequence[int], scores: Sequence[float] | None = None) -> list[SearchHit]:
        """Search hits (headline and lead, nothing highlighted) for articles by id, in the order given."""
        # Imported here: the SQLite store imports this module for its bases.
        from newsdesk.store.finding import HIT_COLUMNS, LEAD_COLUMNS
        from newsdesk.store.sqlite import SQLiteStore

        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.connection.execute(f"SELECT {HIT_COLUMNS}, {LEAD_COLUMNS} FROM articles AS a "
                                       f"WHERE a.id IN ({marks})", [int(i) for i in ids]).fetchall()
        found = {int(row[0]): SQLiteStore._hit(row) for row in rows}
        hits = [found[int(i)] for i in ids if int(i) in found]
        if scores is not None:
            by_id = dict(zip((int(i) for i in ids), scores, strict=True))
            for hit in hits:
                hit.score = float(by_id[hit.id])
        return hits

    def search_in_mode(self, query: str | None, filters: Filters | None = None, *, mode: str | None = None,
                       limit: int = 20, offset: int = 0,
                       embed: Callable[[str, str], np.ndarray] = embed_query) -> RankedHits:
        """A page of search results in a mode (see :meth:`search_mode`); without a query, the newest first.

        bm25 is :meth:`search` and :meth:`count` as they are. semantic ranks the :data:`SEARCH_DEPTH` stored
        articles nearest the query's vector (``embed(query, model)``) with a cosine of at least the model's
        :data:`SEARCH_MIN_COSINES`; hybrid fuses that ranking with BM25's first :data:`SEARCH_DEPTH` by
        reciprocal rank fusion, scores being the fused ones. Hits found by BM25 keep their highlights.
        """
        search, count = self.search, self.count
        limit, offset = max(0, int(limit)), max(0, int(offset))
        chosen = self.search_mode(mode)
        if chosen == "bm25" or not (query or "").strip():
            return RankedHits(search(query, filters, limit=limit, offset=offset), count(query, filters), "bm25")
        from newsdesk.connect.related import reciprocal_rank_fusion

        kept = self._kept_vectors()
        assert kept.model is not None  # search_mode chose a vector mode: the store has vectors.
        found = self.semantic_search(embed(str(query), kept.model), SEARCH_DEPTH, filters)
        nearest = [n for n in found if n.score >= SEARCH_MIN_COSINES.get(kept.model, SEARCH_MIN_COSINE)]
        if chosen == "semantic":
            page = nearest[offset:offset + limit]
            return RankedHits(self.hits_by_id([n.id for n in page], [n.score for n in page]), len(nearest),
                              "semantic")
        lexical = search(query, filters, limit=SEARCH_DEPTH)
        fused = reciprocal_rank_fusion([[hit.id for hit in lexical], [n.id for n in nearest]])
        window = fused[offset:offset + limit]
        marked = {hit.id: hit for hit in lexical}
        plain = {hit.id: hit for hit in self.hits_by_id([i for i, _ in window if i not in marked])}
        hits = []
        for article_id, score in window:
            hit = marked.get(article_id) or plain.get(article_id)
            if hit is not None:
                hit.score = score
                hits.append(hit)
        return RankedHits(hits, len(fused), "hybrid")

    def related_hits(self, article_id: int, limit: int = 5) -> list[SearchHit]:
        """Related articles as search hits: :meth:`related_hybrid` when the article has a vector, else the
        full-text "more like this" (:meth:`related`) alone, exactly as a store without vectors answers."""
        if limit <= 0:
            return []
        if self.article_vector(article_id) is None:
            return self.related(article_id, limit=limit)
        found = self.related_hybrid(article_id, limit)
        return self.hits_by_id([n.id for n in found], [n.score for n in found])

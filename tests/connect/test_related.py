"""Related articles: BM25 and vector ranks fused by RRF, over a candidate list and over the store's vectors."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.connect.related import bm25_scores, reciprocal_rank_fusion, related
from newsdesk.model import Article, Block
from newsdesk.store import vectors as store_vectors
from newsdesk.store.base import ArticleOutcome, Filters
from newsdesk.store.sqlite import SQLiteStore
from newsdesk.store.vectors import VectorQueries, iter_vector_blocks, semantic_search, top_k, write_vectors


def _article(n: int, headline: str, text: str, **fields: str) -> Article:
    return Article(url=f"https://example.com/{n}", headline=headline, body=[Block("paragraph", text)], **fields)


def _unit(rng: np.random.Generator, n: int, dim: int = 8) -> np.ndarray:
    m = rng.normal(size=(n, dim)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_rrf_rewards_agreement_and_is_stable() -> None:
    fused = reciprocal_rank_fusion([[3, 1, 2], [1, 3]])
    assert [item for item, _ in fused] == [3, 1, 2] or [item for item, _ in fused] == [1, 3, 2]
    assert fused[-1][0] == 2
    assert reciprocal_rank_fusion([[1, 2], [2, 1]]) == reciprocal_rank_fusion([[1, 2], [2, 1]])
    assert reciprocal_rank_fusion([]) == []


def test_bm25_prefers_rare_words_and_shorter_documents() -> None:
    docs = [["iraq"] + ["filler"] * 40, ["iraq", "deal"], ["storm"]]
    scores = bm25_scores({"iraq": 1.0}, docs)
    assert scores[1] > scores[0] > 0 == scores[2]


def test_related_leaves_out_the_article_itself_and_its_copies() -> None:
    base = _article(0, "Coalition to leave Iraq", "The coalition will end its mission in Iraq by 2026.")
    pool = [base,  # itself
            _article(1, "Coalition to leave Iraq", "The coalition will end its mission in Iraq by 2026."),
            _article(2, "Troops to quit Iraq", "Washington and Baghdad agreed that troops leave in 2026."),
            _article(3, "Storm floods the coast", "Heavy rain flooded towns.")]
    vectors = np.array([[1, 0, 0], [0.999, 0.04, 0], [0.8, 0.6, 0], [0, 0, 1]], dtype=np.float32)
    matches = related(base, pool, k=5, vectors=vectors, article_vector=vectors[0])
    assert [m.index for m in matches] == [2]
    assert matches[0].lexical_rank == 1 and matches[0].vector_rank == 1


def test_related_finds_by_words_what_vectors_miss_and_the_reverse() -> None:
    base = _article(0, "Parnell announces Iraq drawdown", "Sean Parnell said troops would leave.")
    pool = [_article(1, "Parnell on budgets", "Parnell spoke about the budget of the department."),
            _article(2, "Forces to withdraw", "Soldiers are to be pulled out of the country."),
            _article(3, "Cake recipe", "Melt butter.")]
    vectors = np.array([[0.2, 1, 0], [0.95, 0.3, 0], [0, 0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    matches = related(base, pool, k=3, vectors=vectors, article_vector=np.array([1, 0, 0], np.float32))
    assert {m.index for m in matches} == {0, 1}
    assert related(base, [], k=3) == [] and related(base, pool, k=0, vectors=vectors,
                                                        article_vector=vectors[0]) == []
    with pytest.raises(ValueError, match="2 vectors for 3 candidates"):
        related(base, pool, vectors=vectors[:2], article_vector=vectors[0])


def test_top_k_over_blocks_equals_a_full_sort() -> None:
    rng = np.random.default_rng(7)
    matrix = _unit(rng, 1000)
    ids = np.arange(1, 1001)
    query = matrix[17] + 0.1 * matrix[400]
    blocks = [(ids[i:i + 64], matrix[i:i + 64]) for i in range(0, 1000, 64)]
    found = top_k(blocks, query, 10, exclude=[18])
    scores = matrix @ (query / np.linalg.norm(query))
    scores[17] = -np.inf
    expected = [int(i) + 1 for i in np.argsort(-scores, kind="stable")[:10]]
    assert [n.id for n in found] == expected
    assert top_k(blocks, query, 0) == []


def _store_with(articles: list[Article]) -> SQLiteStore:
    store = SQLiteStore(":memory:")
    store.write_batch([ArticleOutcome(str(n), a) for n, a in enumerate(articles)])
    return store


def test_vectors_round_trip_as_float16_and_search_in_blocks() -> None:
    rng = np.random.default_rng(3)
    articles = [_article(n, f"Story {n}", f"Body {n}", language="en" if n % 2 else "de",
                         published=f"2025-09-{n % 28 + 1:02d}T10:00:00Z") for n in range(300)]
    store = _store_with(articles)
    conn = store.connection
    matrix = _unit(rng, 300)
    with conn:
        assert write_vectors(conn, [(n + 1, matrix[n]) for n in range(300)], "test") == 300
        assert write_vectors(conn, [(1, np.zeros(8))], "test") == 0  # zero vector: nothing to find it by
    assert store_vectors.read_vector(conn, 1) is None
    assert np.abs(store_vectors.read_vector(conn, 2) - matrix[1]).max() < 1e-3
    blocks = list(iter_vector_blocks(conn, model="test", dim=8, block_rows=50))
    assert [len(ids) for ids, _ in blocks] == [50] * 5 + [49]
    found = semantic_search(conn, matrix[42], 5)
    assert found[0].id == 43 and found[0].score == pytest.approx(1.0, abs=2e-3)
    english = semantic_search(conn, matrix[42], 300, filters=Filters(lang="en"))
    assert english and all(n.id % 2 == 0 for n in english)  # ids are n + 1: odd n is English
    assert semantic_search(conn, matrix[42], 5, model="other") == []
    store.close()


def test_related_hybrid_fuses_the_index_and_the_vectors_without_copies() -> None:
    articles = [_article(0, "Coalition to leave Iraq", "The coalition mission in Iraq ends in 2026."),
                _article(1, "Troops start leaving Iraq", "Troops leave Iraq as the mission winds down."),
                _article(2, "Forces to withdraw", "Soldiers are to be pulled out of the country."),
                _article(3, "Storm hits the coast", "Heavy rain flooded towns on the coast."),
                _article(4, "Coalition to leave Iraq", "The coalition mission in Iraq ends in 2026 (copy).")]

    class Store(SQLiteStore, VectorQueries):
        pass

    store = Store(":memory:")
    store.write_batch([ArticleOutcome(str(n), a) for n, a in enumerate(articles)])
    vectors = np.array([[1, 0, 0], [0.8, 0.6, 0], [0.9, 0.1, 0.42], [0, 0, 1], [1, 0.01, 0]], np.float32)
    assert store.write_vectors([(n + 1, v) for n, v in enumerate(vectors)], "test") == 5
    found = store.related_hybrid(1, k=3)
    ids = [n.id for n in found]
    assert 1 not in ids and 5 not in ids  # itself, and its near-identical copy
    assert ids[0] == 2  # first by words and by vector
    assert 3 in ids  # found by the vector alone
    assert store.related_hybrid(1, k=0) == []
    # The store keeps the matrix in memory until it writes again: a new vector is found at once.
    assert [n.id for n in store.semantic_search(np.array([0, 0, 1.0]), 1)] == [4]
    store.write_vectors([(2, np.array([0, 0, 1.0]))], "test")
    assert [n.id for n in store.semantic_search(np.array([0, 0, 1.0]), 2)] == [2, 4]
    assert [n.id for n in store.semantic_search(np.array([0, 0, 1.0]), 2,
                                                Filters(source="example.com"))] == [2, 4]
    assert store.semantic_search(np.array([0, 0, 1.0]), 2, Filters(lang="fr")) == []
    assert store.semantic_search(np.ones(5), 2) == []  # another model's dimension
    store.close()


def test_the_vector_cut_offs_follow_the_model_that_made_the_vectors() -> None:
    # e5's cosines sit in a high band: a cosine MiniLM calls related (0.5) is unrelated text for e5.
    base = _article(0, "Coalition to leave Iraq", "The coalition will end its mission.")
    pool = [_article(1, "Storm hits the coast", "Heavy rain flooded towns."),
            _article(2, "Chocolate cake recipe", "Melt the butter first.")]
    article_vector = np.array([1.0, 0.0], np.float32)
    vectors = np.array([[0.5, np.sqrt(0.75)], [0.0, 1.0]], np.float32)
    by_minilm = related(base, pool, k=2, vectors=vectors, article_vector=article_vector, model="minilm")
    by_e5 = related(base, pool, k=2, vectors=vectors, article_vector=article_vector, model="e5")
    assert [m.index for m in by_minilm] == [0] and by_minilm[0].vector_rank == 1
    assert by_e5 == []


@pytest.mark.parametrize(("model", "expected"), [("minilm", [1, 2]), ("e5", [1])])
def test_semantic_search_keeps_what_the_store_s_model_calls_near(model: str, expected: list[int]) -> None:
    class Store(SQLiteStore, VectorQueries):
        pass

    store = Store(":memory:")
    store.write_batch([ArticleOutcome(str(n), _article(n, f"Iraq story {n}", f"Iraq body {n}")) for n in range(3)])
    # Cosines to the query: 0.9, 0.5, 0.1.
    rows = [(n + 1, np.array([cosine, np.sqrt(1 - cosine**2)])) for n, cosine in enumerate((0.9, 0.5, 0.1))]
    store.write_vectors(rows, model)
    found = store.search_in_mode("iraq", mode="semantic", embed=lambda _query, _model: np.array([1.0, 0.0]))
    assert [hit.id for hit in found.hits] == expected
    store.close()

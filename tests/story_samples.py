"""A store holding stories, copies, vectors and quotes, for the tests of the CLI, the API and the pages.

Built as the writer builds one: the articles through ``write_batch``, then, in one transaction, the connect
stage's store functions over them (:func:`~newsdesk.store.copies.assign_copies`,
:func:`~newsdesk.store.vectors.write_vectors`, :func:`~newsdesk.store.stories.assign_stories`).
``with_vectors=False`` builds a store as an ingest without the embedding model leaves it: copies and stories
(grouped by hashed word vectors), no article vectors, so nothing may load the model to read it.

The news: an Anadolu wire report of the Iraq coalition drawdown, republished trimmed and re-headlined by a
second outlet (a near copy, so the two are one story across two outlets whatever the clustering does), two
follow-ups by other outlets on later days with quotes and dated mentions, two reports of a storm, and one
unrelated French article.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsdesk.connect.duplicates import copy_features
from newsdesk.connect.stories import hashed_vectors
from newsdesk.model import Article, Block, Enrichment, Entity, Mention, Quote, TimeExpression, WireSource
from newsdesk.store import ArticleOutcome, open_store
from newsdesk.store.copies import assign_copies
from newsdesk.store.stories import assign_stories
from newsdesk.store.vectors import write_vectors

WIRE_PARAGRAPHS = [
    "The US-led coalition fighting the Islamic State group will scale back its military mission in Iraq by "
    "September 2026, the Pentagon announced on Tuesday, ending more than a decade of foreign troop presence "
    "at several bases across the country after talks between Washington and Baghdad.",
    "Under the agreement, coalition forces will leave bases in Baghdad and other areas over the coming year, "
    "while a smaller presence remains in the northern Kurdistan region to support operations in Syria until "
    "the end of 2026, officials from both governments said in a joint statement.",
    "\"The coalition has achieved its military goals in Iraq and the partnership now enters a new phase,\" "
    "Chief Pentagon Spokesman Sean Parnell said in a statement, adding that the transition would be orderly "
    "and coordinated with the Iraqi security forces at every step of the way.",
    "Iraqi Prime Minister Mohammed Shia al-Sudani has pressed for the withdrawal for more than a year, saying "
    "Iraqi forces can now handle the remaining threat from Islamic State cells on their own, though critics "
    "warn that the group could regroup in remote desert areas along the border with Syria.",
]
COPY_EXTRA = ("The Harbour Herald will follow the drawdown as it happens, with reports from our correspondent "
              "in Baghdad over the coming weeks and months.")
FOLLOW_PARAGRAPHS = [
    "Coalition troops began leaving Iraqi bases on Thursday as the drawdown of the US-led coalition started, "
    "two days after the Pentagon announced on Tuesday that the mission in Iraq would be scaled back by 2026.",
    "\"Our forces are ready to take over every base,\" Prime Minister Mohammed Shia al-Sudani said as the first "
    "convoys left Baghdad, calling the withdrawal of the coalition a milestone for Iraqi sovereignty.",
]
LATER_PARAGRAPHS = [
    "The last coalition convoy left the Ain al-Asad base in western Iraq on Friday, the Iraqi army said, as the "
    "drawdown of the US-led coalition announced by the Pentagon on Tuesday moved faster than planned.",
    "\"The handover went smoothly,\" Sean Parnell said, praising the Iraqi forces who took over the base.",
]
STORM_PARAGRAPHS = [
    ["Storm Amy brought gusts of 90 miles per hour to the coast on Wednesday, cutting power to thousands of "
     "homes and closing the harbour as the Met Office issued an amber warning for wind across the region."],
    ["Coastal towns counted the damage from Storm Amy on Thursday after gusts of 90 miles per hour tore roofs "
     "off homes and the Met Office kept its amber warning for wind in place across the region."],
]
FRENCH = ["Les vendanges ont commencé tôt cette année dans la vallée, mais la récolte sera réduite après un "
          "été sec, selon les vignerons de la région qui craignent une baisse des volumes."]


def _find(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _enrichment(text: str, *, names: tuple[tuple[str, str], ...] = (), dates: tuple[tuple[str, str], ...] = (),
                quotes: tuple[tuple[str, str, str | None], ...] = ()) -> Enrichment:
    """What enrichment finds in ``text``: entities, DATE expressions resolved to a day, quotes by speaker."""
    entities = [Entity(name, type_, [Mention(name, *_find(text, name))] if name in text else [])
                for name, type_ in names]
    times = [TimeExpression(phrase, "DATE", day, *_find(text, phrase)) for phrase, day in dates]
    said = [Quote(words, speaker, role, "direct", "said", *_find(text, words)) for words, speaker, role in quotes]
    return Enrichment(entities=entities, quotes=said, times=times)


def _article(url: str, site: str, headline: str, published: str, paragraphs: list[str], *, language: str = "en",
             section: str | None = None, wire: WireSource | None = None, names: tuple[tuple[str, str], ...] = (),
             dates: tuple[tuple[str, str], ...] = (), quotes: tuple[tuple[str, str, str | None], ...] = ()
             ) -> Article:
    article = Article(url=url, site_name=site, headline=headline, published=published, language=language,
                      section=section, wire_source=wire, is_article=True,
                      body=[Block("paragraph", text) for text in paragraphs]).finish()
    article.enrichment = _enrichment(article.text, names=names, dates=dates, quotes=quotes)
    return article


IRAQ_NAMES = (("Sean Parnell", "PERSON"), ("Mohammed Shia al-Sudani", "PERSON"), ("Pentagon", "ORG"),
              ("Iraq", "PLACE"), ("Baghdad", "PLACE"))
WIRE_URL = "https://wire.example/world/us-led-coalition-to-scale-back-iraq-mission"
COPY_URL = "https://harbourherald.example/news/iraq-deal-sets-2026-deadline"
FOLLOW_URL = "https://dailyledger.example/world/coalition-troops-begin-leaving-iraqi-bases"
LATER_URL = "https://eveningpost.example/world/last-convoy-leaves-ain-al-asad"
STORM_URLS = ("https://coastalgazette.example/weather/storm-amy-hits-coast",
              "https://harbourherald.example/weather/storm-amy-damage")
FRENCH_URL = "https://journaldeport.example/regions/vendanges-precoces"


def articles() -> list[Article]:
    """The sample articles, in the order they are written."""
    return [
        _article(WIRE_URL, "Wire Service", "US-led coalition to scale back Iraq mission", "2025-09-30T10:00:00Z",
                 WIRE_PARAGRAPHS, section="Middle East", wire=WireSource("AA", "Anadolu Agency"), names=IRAQ_NAMES,
                 dates=(("on Tuesday", "2025-09-30"), ("the end of 2026", "2026-12-31")),
                 quotes=((WIRE_PARAGRAPHS[2][1:WIRE_PARAGRAPHS[2].index(",\"")], "Sean Parnell",
                          "Chief Pentagon Spokesman"),)),
        _article(COPY_URL, "Harbour Herald", "Iraq deal sets 2026 deadline for coalition", "2025-09-30T14:00:00Z",
                 [*WIRE_PARAGRAPHS[:3], COPY_EXTRA], section="World", names=IRAQ_NAMES,
                 dates=(("on Tuesday", "2025-09-30"),),
                 quotes=((WIRE_PARAGRAPHS[2][1:WIRE_PARAGRAPHS[2].index(",\"")], "Sean Parnell",
                          "Chief Pentagon Spokesman"),)),
        _article(FOLLOW_URL, "Daily Ledger", "Coalition troops begin leaving Iraqi bases as drawdown starts",
                 "2025-10-02T09:00:00Z", FOLLOW_PARAGRAPHS, section="World", names=IRAQ_NAMES,
                 dates=(("on Thursday", "2025-10-02"), ("on Tuesday", "2025-09-30")),
                 quotes=(("Our forces are ready to take over every base,", "Mohammed Shia al-Sudani",
                          "Prime Minister"),)),
        _article(LATER_URL, "Evening Post", "Last coalition convoy leaves Iraqi base as drawdown speeds up",
                 "2025-10-03T18:00:00Z", LATER_PARAGRAPHS, section="World", names=IRAQ_NAMES,
                 dates=(("on Friday", "2025-10-03"), ("on Tuesday", "2025-09-30")),
                 quotes=(("The handover went smoothly,", "Sean Parnell", None),)),
        _article(STORM_URLS[0], "Coastal Gazette", "Storm Amy hits the coast with 90mph gusts",
                 "2025-10-01T07:00:00Z", STORM_PARAGRAPHS[0], section="Weather",
                 names=(("Met Office", "ORG"), ("Storm Amy", "ORG")), dates=(("on Wednesday", "2025-10-01"),)),
        _article(STORM_URLS[1], "Harbour Herald", "Storm Amy damage counted in coastal towns",
                 "2025-10-02T08:00:00Z", STORM_PARAGRAPHS[1], section="Weather",
                 names=(("Met Office", "ORG"), ("Storm Amy", "ORG")), dates=(("on Thursday", "2025-10-02"),)),
        _article(FRENCH_URL, "Journal du Port", "Vendanges : une récolte précoce mais réduite",
                 "2025-10-02T06:00:00Z", FRENCH, language="fr", section="Régions"),
    ]


@dataclass(frozen=True, slots=True)
class SampleIds:
    """The ids the sample articles and the story of the wire report got in a built store."""

    articles: dict[str, int]
    iraq_story: int
    storm_story: int | None


def build_store(path: Path, *, with_vectors: bool = True) -> SampleIds:
    """Write the sample articles to a new store at ``path`` and connect them as the writer does."""
    sample = articles()
    with open_store(path) as store:
        store.write_batch([ArticleOutcome(a.url or "", a) for a in sample])
        conn = store.connection  # type: ignore[attr-defined]
        ids = {str(url): int(i) for url, i in conn.execute("SELECT url, id FROM articles")}
        items = [ids[str(a.url)] for a in sample]
        if with_vectors:
            from newsdesk.connect.embeddings import DEFAULT_MODEL, embed_articles

            vectors = embed_articles(sample)
        else:
            vectors = hashed_vectors(sample)
        with conn:
            originals = assign_copies(conn, list(zip(items, copy_features(sample), strict=True)))
            if with_vectors:
                write_vectors(conn, zip(items, vectors, strict=True), DEFAULT_MODEL)
            stories = assign_stories(conn, list(zip(items, sample, strict=True)), np.asarray(vectors),
                                     copy_of=originals,
                                     **({} if with_vectors else {"join_score": _hash_join_score()}))
    storm = stories.get(ids[STORM_URLS[0]])
    return SampleIds(ids, stories[ids[WIRE_URL]], storm)


def _hash_join_score() -> float:
    from newsdesk.connect.stories import HASH_JOIN_SCORE

    return HASH_JOIN_SCORE

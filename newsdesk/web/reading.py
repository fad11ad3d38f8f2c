"""What the pages and the API read beyond one store call: explore lists, related articles, facets, days.

Everything here is composed from the public :class:`~newsdesk.store.Store` methods, so that it
works over any store; what only the SQLite store keeps (stories, vectors, entities) is added when the
store is one. The counting is the store's (``facet_counts``, ``counts_by_day``,
``related``: one query each); this module shapes the results for the pages and the API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from newsdesk.store import Filters, SearchHit, SQLiteStore, Store, StoredArticle, StoreStats
from newsdesk.store.base import parse_instant
from newsdesk.store.facets import nocase, section_spellings
from newsdesk.store.search import host_of
from newsdesk.store.stories import StorySummary

#: Newest articles looked at to find the sections the home page shows, newest section first.
EXPLORE_SCAN = 200
#: Sections on the home page, and articles under each.
EXPLORE_SECTIONS = 8
EXPLORE_PER_SECTION = 5
#: Values counted per facet (those with the most results).
FACET_CANDIDATES = 12
#: Sentinel the stats use for articles without a value; it cannot be filtered on.
NO_VALUE = "(none)"


def outlet_of(site_name: str | None, url: str | None) -> str | None:
    """The outlet an article is shown under: its site name, else its URL's host.

    This is the value the store's ``source`` filter and its ``by_source`` stats use.

    >>> outlet_of(None, "https://www.trtworld.com/article/x")
    'trtworld.com'
    >>> outlet_of("TRT World", "https://www.trtworld.com/article/x")
    'TRT World'
    """
    return site_name or host_of(url)


@dataclass(slots=True)
class SectionGroup:
    """One section of the home page and its newest articles.

    >>> SectionGroup("World").articles
    []
    """

    name: str
    articles: list[StoredArticle] = field(default_factory=list)


def explore(store: Store, *, sections: int = EXPLORE_SECTIONS, per_section: int = EXPLORE_PER_SECTION
            ) -> list[SectionGroup]:
    """The home page's lists: the sections of the newest articles, newest first, each with its latest.

    Articles without a section are grouped under "Latest" so that nothing recent is hidden.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     explore(store)
    []
    """
    # Spellings that differ only in case are one section (as the filter compares), under the most common one.
    labels = section_spellings({k: v for k, v in store.stats().by_section.items() if k != NO_VALUE})
    names: list[str | None] = []
    for hit in store.search(None, limit=EXPLORE_SCAN):
        name = labels.get(nocase(hit.section), hit.section) if hit.section else None
        if name not in names:
            names.append(name)
        if len(names) >= sections:
            break
    groups: list[SectionGroup] = []
    for name in names:
        if name is None:
            recent = [a for a in store.latest(per_section * 4) if not a.article.section][:per_section]
            if recent:
                groups.append(SectionGroup("Latest", recent))
            continue
        groups.append(SectionGroup(name, store.latest(per_section, Filters(section=name))))
    return groups


def related_articles(store: Store, stored: StoredArticle, *, limit: int = 5) -> list[SearchHit]:
    """Stored articles most similar to ``stored``: the full-text "more like this" (:meth:`Store.related`) fused
    with vector neighbours where the store has the article's vector (``related_hits``), else the former alone.

    >>> from newsdesk.store import open_store
    >>> from newsdesk.model import Article
    >>> with open_store(":memory:") as store:
    ...     related_articles(store, StoredArticle(1, Article(headline="Iraq"), "2025-10-01T00:00:00Z"))
    []
    """
    if isinstance(store, SQLiteStore):  # The store that keeps vectors.
        return store.related_hits(stored.id, limit)
    return store.related(stored.id, limit=limit)


#: Top stories on the home page: how many, from how many outlets up, last seen within how many days of the
#: newest story (what is top is what is covered most among what is current).
TOP_STORIES = 6
TOP_STORY_OUTLETS = 2
TOP_STORY_DAYS = 3


def top_stories(store: Store, *, limit: int = TOP_STORIES, min_outlets: int = TOP_STORY_OUTLETS,
                days: int = TOP_STORY_DAYS) -> list[StorySummary]:
    """The stories the home page leads with: covered by the most outlets, among those of the last ``days``
    (counted back from the newest story, so an archive shows its own last days); none from a store without.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     top_stories(store)
    []
    """
    if not isinstance(store, SQLiteStore):  # Only the SQLite store keeps stories.
        return []
    newest = store.stories(limit=1, rank="recent")
    latest = parse_instant(newest[0].last_seen) if newest and newest[0].last_seen else None
    since = None
    if latest:
        since = (datetime.fromisoformat(latest.replace("Z", "+00:00")) - timedelta(days=days)).date().isoformat()
    return store.stories(since=since, min_outlets=min_outlets, limit=limit, rank="top")


def story_for(store: Store, article_id: int) -> StorySummary | None:
    """The story an article is in, when that story holds other articles too (else there is nothing to show).

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     story_for(store, 1) is None
    True
    """
    if not isinstance(store, SQLiteStore):  # Only the SQLite store keeps stories.
        return None
    story_id = store.story_of(article_id)
    if story_id is None:
        return None
    detail = store.story(story_id)
    return detail.story if detail is not None and detail.story.articles > 1 else None


def more_from(store: Store, stored: StoredArticle, *, by: str, limit: int = 5) -> list[StoredArticle]:
    """The newest other articles of the same ``section`` or ``outlet`` as ``stored``.

    >>> from newsdesk.store import open_store
    >>> from newsdesk.model import Article
    >>> with open_store(":memory:") as store:
    ...     more_from(store, StoredArticle(1, Article(section="World"), "2025-10-01T00:00:00Z"), by="section")
    []
    """
    article = stored.article
    if by == "section":
        if not article.section:
            return []
        filters = Filters(section=article.section)
    elif by == "outlet":
        outlet = outlet_of(article.site_name, article.url)
        if not outlet:
            return []
        filters = Filters(source=outlet)
    else:
        raise ValueError(f"by must be 'section' or 'outlet', not {by!r}")
    return [a for a in store.latest(limit + 1, filters) if a.id != stored.id][:limit]


@dataclass(slots=True)
class FacetValue:
    """One value of a facet: how many results have it, and whether the current filters select it.

    >>> FacetValue("TRT World", 3, selected=True).count
    3
    """

    value: str
    count: int
    selected: bool = False


#: Facet name -> the Filters field it sets.
FACET_FIELDS = {"outlet": "source", "section": "section", "language": "lang"}


def facet_counts(store: Store, query: str | None, filters: Filters, *,
                 candidates: int = FACET_CANDIDATES) -> dict[str, list[FacetValue]]:
    """Counts of results per outlet, section and language, and per person, organisation, place and speaker.

    Each facet is counted with the other filters applied but not its own, so that the
    alternatives to a chosen value stay visible with their counts; each count is what choosing
    the value gives (see :meth:`Store.facet_counts`). The ``candidates`` values with the most
    results are kept, and the chosen one.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     facet_counts(store, "iraq", Filters())
    {'outlet': [], 'section': [], 'language': [], 'person': [], 'org': [], 'place': [], 'speaker': []}
    """
    counted = store.facet_counts(query, filters, tuple(FACET_FIELDS.values()), limit=candidates)
    facets: dict[str, list[FacetValue]] = {}
    for facet, field_name in FACET_FIELDS.items():
        chosen = getattr(filters, field_name)
        facets[facet] = [FacetValue(value, count, bool(chosen) and value.casefold() == chosen.strip().casefold())
                         for value, count in counted[field_name].items()]
    if isinstance(store, SQLiteStore):  # Only the SQLite store keeps entities.
        for kind, values in store.entity_facet_counts(query, filters, limit=candidates).items():
            chosen = getattr(filters, kind)
            listed = [FacetValue(value, count, bool(chosen) and value.casefold() == chosen.strip().casefold())
                      for value, count in values.items()]
            if chosen and not any(item.selected for item in listed):
                listed.append(FacetValue(chosen.strip(), 0, True))  # A choice stays visible to be removed.
            facets[kind] = listed
    return facets


def day_counts(store: Store, filters: Filters, *, days: int = 30, last: date | None = None) -> dict[str, int]:
    """Articles published on each of ``days`` days (UTC) ending with ``last``, oldest first.

    ``last`` defaults to the day of the newest article matching ``filters``; an empty mapping
    when none matches.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     day_counts(store, Filters(source="TRT World"))
    {}
    """
    if last is None:
        newest, _ = store.page(filters, after=None, limit=1)
        instant = parse_instant(newest[0].published) if newest else None
        if not instant:
            return {}
        last = date.fromisoformat(instant[:10])
    return store.counts_by_day(filters, since=last - timedelta(days=days - 1), until=last)


@dataclass(slots=True)
class OutletSummary:
    """An outlet as the outlets page and the API list it.

    >>> OutletSummary("TRT World", 12).articles
    12
    """

    name: str
    articles: int
    homepage: str | None = None
    language: str | None = None
    country: str | None = None
    feeds: list[str] = field(default_factory=list)


def outlet_summaries(store: Store, stats: StoreStats | None = None) -> list[OutletSummary]:
    """Every outlet with articles or in the sources file, the busiest first (counts from ``stats`` if given).

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     outlet_summaries(store)
    []
    """
    configured = {outlet.name: outlet for outlet in store.outlets()}
    summaries: list[OutletSummary] = []
    for name, count in (stats or store.stats()).by_source.items():
        if name == NO_VALUE:
            continue
        outlet = configured.pop(name, None)
        summaries.append(OutletSummary(name, count, outlet.homepage if outlet else None,
                                       outlet.language if outlet else None, outlet.country if outlet else None,
                                       list(outlet.feeds) if outlet else []))
    for outlet in configured.values():
        summaries.append(OutletSummary(outlet.name, 0, outlet.homepage, outlet.language, outlet.country,
                                       list(outlet.feeds)))
    return summaries

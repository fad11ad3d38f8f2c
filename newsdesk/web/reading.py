"""What the pages and the API read beyond one store call: explore lists, related articles, facets, days.

Everything here is composed from the public :class:`~newsdesk.store.Store` methods (``search``,
``count``, ``latest``, ``stats``) so that it works over any store. Some of it would be one
query inside the store (facet counts by outlet, section and language for a query; articles
per day for one outlet; "more like this"); until the store offers those, these functions
issue a small, bounded number of indexed queries each.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from newsdesk.store import Filters, SearchHit, Store, StoredArticle, StoreStats
from newsdesk.store.search import host_of

#: Newest articles looked at to find the sections the home page shows, newest section first.
EXPLORE_SCAN = 200
#: Sections on the home page, and articles under each.
EXPLORE_SECTIONS = 8
EXPLORE_PER_SECTION = 5
#: Words of the headline and standfirst considered for finding related articles, and how many are searched for.
RELATED_CANDIDATES = 16
RELATED_TERMS = 6
#: A word in more than this share of the store is too common to tell related articles apart...
RELATED_MAX_SHARE = 0.05
#: ...unless the store is so small that the share is fewer articles than this.
RELATED_MIN_CEILING = 50
#: Values counted per facet (the most frequent in the whole store).
FACET_CANDIDATES = 12
#: Sentinel the stats use for articles without a value; it cannot be filtered on.
NO_VALUE = "(none)"

# Words too common to say what an article is about; dropping them keeps the OR query of
# "related" both meaningful and cheap (a term in every article makes FTS score every article).
_STOPWORDS = frozenset({
    "about", "after", "against", "all", "also", "and", "any", "are", "been", "before", "being", "between", "both",
    "but", "can", "could", "did", "does", "during", "each", "for", "from", "had", "has", "have", "having", "her",
    "here", "hers", "him", "his", "how", "into", "its", "just", "may", "more", "most", "new", "nor", "not", "now",
    "off", "once", "only", "other", "our", "out", "over", "own", "said", "says", "same", "she", "should", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through",
    "too", "under", "until", "very", "was", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your", "les", "des", "une", "est", "aux", "pour", "par", "sur", "dans", "que",
    "qui", "der", "die", "das", "und", "ist", "ein", "eine", "mit", "von", "los", "las", "con", "por", "para",
    "del", "che", "per", "una", "bir", "ile",
})
_WORD = re.compile(r"\w+")


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
    names: list[str | None] = []
    for hit in store.search(None, limit=EXPLORE_SCAN):
        if hit.section not in names:
            names.append(hit.section)
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


def candidate_words(headline: str | None, standfirst: str | None, *, limit: int = RELATED_CANDIDATES) -> list[str]:
    """The words of a headline, then its standfirst, that could say what an article is about.

    Words shorter than three letters, numbers and common function words are left out.

    >>> candidate_words("US-led coalition to scale back Iraq mission", None)
    ['led', 'coalition', 'scale', 'back', 'iraq', 'mission']
    >>> candidate_words("To be or not to be", None)
    []
    """
    chosen: list[str] = []
    for text in (headline, standfirst):
        for word in _WORD.findall((text or "").casefold()):
            if len(word) < 3 or word.isdigit() or word in _STOPWORDS or word in chosen:
                continue
            chosen.append(word)
            if len(chosen) >= limit:
                return chosen
    return chosen


def telling_terms(store: Store, words: list[str], *, terms: int = RELATED_TERMS,
                  frequency: Callable[[str], int] | None = None) -> list[str]:
    """The rarest of ``words`` in the store that another article shares: what "more like this" searches for.

    A word in one article only (this one) finds nothing; a word in a large part of the
    store says little about any article and makes the ranked query score most of the
    store. So each word's document frequency is counted (cheap: no ranking), words in
    fewer than two articles or in more than :data:`RELATED_MAX_SHARE` of them are dropped
    (unless that leaves nothing), and the rarest ``terms`` are kept, as search engines'
    "more like this" does. ``frequency`` counts the articles holding a word (default: ask
    the store; a server passes a cache).

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     telling_terms(store, ["coalition", "iraq"])
    []
    """
    total = store.count()
    ceiling = max(RELATED_MIN_CEILING, int(total * RELATED_MAX_SHARE))
    count = frequency or (lambda word: store.count(f'"{word}"'))
    frequencies = [(count(word), position, word) for position, word in enumerate(words)]
    shared = [item for item in frequencies if item[0] >= 2]
    telling = [item for item in shared if item[0] <= ceiling] or shared
    return [word for _, _, word in sorted(telling)[:terms]]


def related_articles(store: Store, stored: StoredArticle, *, limit: int = 5,
                     frequency: Callable[[str], int] | None = None) -> list[SearchHit]:
    """Stored articles most similar to ``stored``: full-text rank over the telling words of its headline and standfirst.

    >>> from newsdesk.store import open_store
    >>> from newsdesk.model import Article
    >>> with open_store(":memory:") as store:
    ...     related_articles(store, StoredArticle(1, Article(headline="Iraq"), "2025-10-01T00:00:00Z"))
    []
    """
    words = candidate_words(stored.article.headline, stored.article.standfirst)
    terms = telling_terms(store, words, frequency=frequency)
    if not terms:
        return []
    hits = store.search(" OR ".join(terms), limit=limit + 1)
    return [hit for hit in hits if hit.id != stored.id][:limit]


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
_STATS_FOR = {"outlet": "by_source", "section": "by_section", "language": "by_language"}


def facet_counts(store: Store, query: str | None, filters: Filters, *, candidates: int = FACET_CANDIDATES,
                 stats: StoreStats | None = None) -> dict[str, list[FacetValue]]:
    """Counts of results per outlet, section and language, for the facets of a search page.

    Each facet is counted with the other filters applied but not its own, so that the
    alternatives to a chosen value stay visible with their counts. Values are the most
    frequent in the whole store (``stats``, read from the store when not given); values with
    no results are left out.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     facet_counts(store, "iraq", Filters())
    {'outlet': [], 'section': [], 'language': []}
    """
    stats = stats or store.stats()
    query = query if query and query.strip() else None
    facets: dict[str, list[FacetValue]] = {}
    for facet, field_name in FACET_FIELDS.items():
        chosen = getattr(filters, field_name)
        others = replace(filters, **{field_name: None})
        values = [v for v in getattr(stats, _STATS_FOR[facet]) if v != NO_VALUE][:candidates]
        if chosen and not any(v.casefold() == chosen.casefold() for v in values):
            values.append(chosen)
        counted: list[FacetValue] = []
        for value in values:
            # Counted through the filter, not read from the stats: the filter folds case and
            # matches "en-GB" under "en", and the count must be what clicking the value gives.
            count = store.count(query, replace(others, **{field_name: value}))
            if count:
                counted.append(FacetValue(value, count, bool(chosen) and value.casefold() == chosen.casefold()))
        counted.sort(key=lambda item: (-item.count, item.value.casefold()))
        facets[facet] = counted
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
        newest = store.search(None, filters, limit=1)
        instant = newest[0].published if newest else None
        if not instant:
            return {}
        try:
            last = date.fromisoformat(instant[:10])
        except ValueError:
            return {}
    out: dict[str, int] = {}
    for back in range(days - 1, -1, -1):
        day = (last - timedelta(days=back)).isoformat()
        out[day] = store.count(None, replace(filters, since=day, until=day))
    return out


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

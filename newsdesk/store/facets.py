"""Facet counts: how many of a search's results each outlet, section and language has.

The store groups the matching articles once per field (:data:`FACETS` holds the SQL) and the
functions here turn the groups into counts that are exactly what filtering on each value
gives, since that is the number a reader expects to see next to a value before choosing it:

* ``section``: spellings that differ only in case are one value, as the ``section`` filter compares;
* ``lang``: ``en`` counts ``en`` and every ``en-*`` tag, as the ``lang`` filter matches them;
* ``source``: the outlet is the site name, else the host (as the stats and the reader name
  outlets), and the ``source`` filter finds an outlet by either; so the groups are kept by
  (site name, host) and each outlet's count adds the articles of its host that carry a site
  name, counting none twice.

Grouping and counting stay apart so that each is checked on its own; the roll-ups are plain
Python over a few rows per distinct value, never over articles.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.errors import StoreError
from newsdesk.store.search import source_keys

# SQLite's NOCASE folds ASCII letters only; values must merge exactly as the filters compare them.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

Rows = Sequence[tuple[Any, ...]]


def nocase(text: str) -> str:
    """The key SQLite's NOCASE collation compares: ASCII letters folded, others kept.

    >>> nocase("Économie"), nocase("WORLD")
    ('Économie', 'world')
    """
    return text.translate(_ASCII_LOWER)


def source_counts(rows: Rows, chosen: str | None) -> dict[str, int]:
    """Articles per outlet from ``(site_name, host, articles)`` groups, as the ``source`` filter counts them.

    Site names that differ only in case are one outlet, shown as its most frequent spelling.

    >>> rows = [("TRT World", "trtworld.com", 9), (None, "trtworld.com", 2), ("Harbour Times", "ht.example", 4)]
    >>> source_counts(rows, None)
    {'TRT World': 9, 'Harbour Times': 4, 'trtworld.com': 11}
    """
    by_site: Counter[str] = Counter()
    by_host: Counter[str] = Counter()
    by_both: Counter[tuple[str, str]] = Counter()
    spellings: dict[str, str] = {}
    for site, host, articles in sorted(rows, key=lambda row: -row[2]):
        if site:
            by_site[nocase(site)] += articles
            by_both[nocase(site), host] += articles
        if host:
            by_host[host] += articles
        outlet = site if site is not None else host
        if outlet:
            spellings.setdefault(nocase(outlet), outlet)

    def count(value: str) -> int:
        name, host = source_keys(value)
        return by_site[nocase(name)] + by_host[host] - by_both[nocase(name), host]

    values = list(spellings.values())
    if chosen and chosen.strip() and nocase(chosen.strip()) not in spellings:
        values.append(chosen.strip())
    return {value: count(value) for value in values}


def section_counts(rows: Rows, chosen: str | None) -> dict[str, int]:
    """Articles per section from ``(section, articles)`` groups; spellings that differ in case are one
    section, shown as its most frequent spelling.

    >>> section_counts([("World", 3), ("WORLD", 1), ("Sport", 1)], "world")
    {'World': 4, 'Sport': 1}
    """
    merged: dict[str, int] = {}
    spellings: dict[str, str] = {}
    for section, articles in sorted(rows, key=lambda row: -row[1]):
        if section:
            key = nocase(section)
            spellings.setdefault(key, section)
            merged[key] = merged.get(key, 0) + articles
    counts = {spellings[key]: articles for key, articles in merged.items()}
    if chosen and chosen.strip() and nocase(chosen.strip()) not in merged:
        counts[chosen.strip()] = 0
    return counts


def section_spellings(counts: dict[str, int]) -> dict[str, str]:
    """The label of each section from articles per spelling: the key :func:`nocase` gives -> the most common spelling.

    Lists that show sections (a menu, the home page's groups) show each once, as the facets do.

    >>> section_spellings({"news": 1, "News": 3, "NEWS": 1, "Sport": 2})
    {'news': 'News', 'sport': 'Sport'}
    """
    return {nocase(label): label for label in section_counts(list(counts.items()), None)}


def language_counts(rows: Rows, chosen: str | None) -> dict[str, int]:
    """Articles per language from ``(lower(language), articles)`` groups; a language counts its regional tags.

    >>> language_counts([("en", 5), ("en-gb", 2), ("fr", 1)], None)
    {'en': 7, 'en-gb': 2, 'fr': 1}
    >>> language_counts([("en-gb", 2)], "EN")
    {'en-gb': 2, 'en': 2}
    """
    groups = [(language, articles) for language, articles in rows if language]
    values = [language for language, _ in groups]
    if chosen and chosen.strip() and chosen.strip().lower() not in values:
        values.append(chosen.strip().lower())
    return {
        value: sum(articles for language, articles in groups if language == value or language.startswith(value + "-"))
        for value in values
    }


@dataclass(frozen=True, slots=True)
class Facet:
    """How one field is grouped in SQL (over articles aliased ``a``) and its groups counted.

    >>> FACETS["lang"].group
    'lower(a.language)'
    """

    select: str
    group: str
    counts: Callable[[Rows, str | None], dict[str, int]]


#: The fields :meth:`~newsdesk.store.Store.facet_counts` can count, by their :class:`Filters` name.
FACETS: dict[str, Facet] = {
    "source": Facet("a.site_name, a.host, count(*)", "a.site_name, a.host", source_counts),
    "section": Facet("a.section, count(*)", "a.section", section_counts),
    "lang": Facet("lower(a.language), count(*)", "lower(a.language)", language_counts),
}


def facet_for(field: str) -> Facet:
    """The facet of a field name; :class:`StoreError` naming the field when it cannot be counted.

    >>> facet_for("author")
    Traceback (most recent call last):
    ...
    newsdesk.errors.StoreError: fields: cannot count by 'author' (use source, section or lang)
    """
    facet = FACETS.get(field)
    if facet is None:
        raise StoreError("fields", f"cannot count by {field!r} (use source, section or lang)")
    return facet


def top_values(counts: dict[str, int], chosen: str | None, limit: int) -> dict[str, int]:
    """The ``limit`` values with most articles (most first, then by name), and ``chosen`` when it has any.

    >>> top_values({"World": 2, "Sport": 5, "Local": 1}, "local", 2)
    {'Sport': 5, 'World': 2, 'Local': 1}
    """
    ranked = sorted(((v, n) for v, n in counts.items() if n > 0), key=lambda item: (-item[1], item[0].casefold()))
    kept = dict(ranked[: max(0, limit)])
    if chosen and chosen.strip():
        key = nocase(chosen.strip())
        for value, articles in ranked[max(0, limit) :]:
            if nocase(value) == key:
                kept[value] = articles
                break
    return kept

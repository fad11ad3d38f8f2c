"""Full-text search for the SQLite store: user queries to FTS5, filters to SQL, snippets.

FTS5 has its own query language, and a raw user string such as ``U.S. "deal`` or
``AND OR (`` is a syntax error there. :func:`parse_query` therefore never passes
user text through: it reads a small, forgiving syntax (words, ``"phrases"``,
``OR``, ``-word``/``NOT word``, ``word*``) and writes every term as a quoted FTS5
string, so any input gives a valid expression or no expression at all.

Ranking is BM25 with the headline weighted above the standfirst, and the
standfirst above the body (:data:`BM25_WEIGHTS`).

A prefix shorter than :data:`MIN_PREFIX_CHARS` (``a*``, ``ab*``) is searched as the word
itself: such a prefix matches most of the index, and FTS5 would merge the postings of every
term under it (``a*`` took 0.46 s on 1,000 articles), so one request could load a server.
:func:`short_prefixes` lists them, so that a caller can say so instead (the web API refuses them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsdesk.store.annotations import entity_filter_sql
from newsdesk.store.base import Filters, like_escape

#: BM25 weights of the indexed columns: headline, standfirst, body.
BM25_WEIGHTS = (10.0, 4.0, 1.0)
#: Most terms read from one query; the rest are ignored (a pasted article is not a query).
MAX_TERMS = 64
#: Tokens around the matches in a snippet.
SNIPPET_TOKENS = 32
#: Fewest characters before ``*`` for a prefix search; a shorter prefix is searched as a word.
MIN_PREFIX_CHARS = 3

_OPERATORS = frozenset({"OR", "AND", "NOT"})
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class FtsQuery:
    """A user query translated for FTS5.

    ``match`` is the expression to rank by; ``exclude`` is what to leave out when the
    query has only exclusions (FTS5 cannot express "NOT x" alone). Both None means
    the query held nothing searchable, so it matches nothing.

    >>> FtsQuery(None, None).matches_nothing
    True
    """

    match: str | None
    exclude: str | None

    @property
    def matches_nothing(self) -> bool:
        """Whether no article can match."""
        return self.match is None and self.exclude is None


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def parse_query(text: str) -> FtsQuery:
    """Translate a user query into a safe FTS5 expression.

    Words must all match; ``OR`` joins alternatives; ``"..."`` is a phrase; ``-word``
    or ``NOT word`` excludes; ``word*`` is a prefix. Anything else is a word.

    >>> parse_query('iraq "coalition forces" -syria').match
    '("iraq" AND "coalition forces") NOT ("syria")'
    >>> parse_query("pentagon OR nato").match
    '("pentagon") OR ("nato")'
    >>> parse_query("-sport")
    FtsQuery(match=None, exclude='"sport"')
    >>> parse_query('AND OR ((( "').matches_nothing
    False
    >>> parse_query("!!! ???").matches_nothing
    True
    """
    cleaned = _CONTROL.sub(" ", text.encode("utf-16", "surrogatepass").decode("utf-16", "replace"))
    groups: list[list[str]] = [[]]
    excluded: list[str] = []
    operator_words: list[str] = []
    negate_next = False
    terms = 0
    for match in _TOKEN.finditer(cleaned):
        if terms >= MAX_TERMS:
            break
        dash, phrase, bare = match.group(1), match.group(2), match.group(3)
        negate = negate_next
        negate_next = False
        if bare is not None and bare in _OPERATORS:
            operator_words.append(bare)
            if bare == "OR" and groups[-1]:
                groups.append([])
            elif bare == "NOT":
                negate_next = True
            continue
        if phrase is not None:
            negate = negate or bool(dash)
            if not _WORD.search(phrase):
                continue
            term = _quote(phrase)
        else:
            word = bare or ""
            if word.startswith("-") and len(word) > 1:
                negate, word = True, word[1:]
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if not _WORD.search(word):
                continue
            term = _quote(word) + ("*" if prefix and len(word) >= MIN_PREFIX_CHARS else "")
        terms += 1
        (excluded if negate else groups[-1]).append(term)
    groups = [group for group in groups if group]
    if not groups and not excluded and operator_words:
        # A query made only of operator words ("OR", "NOT") means those words.
        groups = [[_quote(word) for word in operator_words[:MAX_TERMS]]]
    if len(groups) == 1:
        positive: str | None = " AND ".join(groups[0])
    else:
        positive = " OR ".join("(" + " AND ".join(group) + ")" for group in groups) or None
    negative = " OR ".join(excluded) or None
    if positive and negative:
        return FtsQuery(f"({positive}) NOT ({negative})", None)
    return FtsQuery(positive, negative)


def short_prefixes(text: str) -> list[str]:
    """The prefix terms of a query (``word*``) with fewer than :data:`MIN_PREFIX_CHARS` characters before ``*``.

    >>> short_prefixes('a* harbour* -ab* "c*"')
    ['a*', 'ab*']
    """
    found: list[str] = []
    for match in _TOKEN.finditer(text):
        bare = match.group(3)
        if bare is None or not bare.endswith("*"):
            continue
        word = bare[1:] if bare.startswith("-") and len(bare) > 1 else bare
        stem = word.rstrip("*")
        if _WORD.search(stem) and len(stem) < MIN_PREFIX_CHARS:
            found.append(word)
    return found


def host_of(url: str | None) -> str | None:
    """The host of a URL as filters and stats use it: lower-cased, without ``www.``.

    >>> host_of("https://WWW.TRTWorld.com/news/a")
    'trtworld.com'
    >>> host_of("not a url") is None
    True
    """
    if not url or "//" not in url:
        return None
    host = url.split("//", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    if host.startswith("www."):
        host = host[4:]
    return host or None


def source_keys(source: str) -> tuple[str, str]:
    """What a ``source`` filter compares: the site name (without case) and the host it would be.

    An outlet is named by its site name or by its URL's host, so a filter finds both.

    >>> source_keys(" www.TRTWorld.com ")
    ('www.TRTWorld.com', 'trtworld.com')
    >>> source_keys("Harbour Times")
    ('Harbour Times', 'harbour times')
    """
    name = source.strip()
    return name, host_of("//" + name) or name.lower()


def filter_sql(filters: Filters | None, alias: str = "a") -> tuple[str, list[Any]]:
    """SQL conditions (joined by AND, starting with `` AND``) and their parameters.

    >>> sql, params = filter_sql(Filters(section="World", lang="EN"))
    >>> params
    ['World', 'en', 'en-%']
    >>> filter_sql(None)
    ('', [])
    """
    if filters is None:
        return "", []
    conditions: list[str] = []
    params: list[Any] = []
    if filters.since_utc is not None:
        conditions.append(f"{alias}.published_utc >= ?")
        params.append(filters.since_utc)
    if filters.until_utc is not None:
        conditions.append(f"{alias}.published_utc < ?")
        params.append(filters.until_utc)
    if filters.source:
        conditions.append(f"({alias}.site_name = ? COLLATE NOCASE OR {alias}.host = ?)")
        params += list(source_keys(filters.source))
    if filters.section:
        conditions.append(f"{alias}.section = ? COLLATE NOCASE")
        params.append(filters.section.strip())
    if filters.lang:
        lang = filters.lang.strip().lower()
        conditions.append(f"({alias}.language = ? COLLATE NOCASE OR {alias}.language LIKE ? ESCAPE '\\')")
        params += [lang, like_escape(lang) + "-%"]
    if filters.author:
        conditions.append(
            f"EXISTS (SELECT 1 FROM json_each({alias}.authors) AS author WHERE author.value LIKE ? ESCAPE '\\')"
        )
        params.append("%" + like_escape(filters.author.strip()) + "%")
    for kind in ("person", "org", "place", "speaker"):
        value = getattr(filters, kind)
        if value and value.strip():
            condition, values = entity_filter_sql(kind, value, alias)
            conditions.append(condition)
            params += values
    if not conditions:
        return "", []
    return " AND " + " AND ".join(conditions), params


def lead_snippet(standfirst: str | None, body_start: str | None, limit: int = 240) -> str:
    """What a result shows when there is no query: the standfirst, else the body's start, cut at a word.

    >>> lead_snippet(None, "The Pentagon said on Tuesday that the coalition would end.", 30)
    'The Pentagon said on Tuesday…'
    """
    text = " ".join((standfirst or body_start or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(",;:") + "…"

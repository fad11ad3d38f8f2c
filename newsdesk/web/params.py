"""Reading the query parameters the pages and the API share: the search query and the article filters.

Both surfaces take the same names (``q``, ``outlet``, ``section``, ``lang``, ``author``, ``since``,
``until``) and must refuse the same bad values with the same reasons, so the checks live here
once. Errors are :class:`ParamError`, naming the parameter and the reason; the API answers them
with 400 and the pages show them above the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.store import Filters
from newsdesk.store.base import parse_instant
from newsdesk.store.search import MIN_PREFIX_CHARS, short_prefixes
from newsdesk.web.config import MAX_FILTER_CHARS, MAX_QUERY_CHARS

#: Largest id SQLite can hold; a bigger number cannot name an article.
MAX_ARTICLE_ID = 2**63 - 1


def is_article_id(value: int | str) -> bool:
    """Whether ``value`` can be an article id (a positive integer SQLite can hold).

    >>> is_article_id(7), is_article_id("12"), is_article_id(0), is_article_id("1e3"), is_article_id(10**30)
    (True, True, False, False, False)
    """
    if isinstance(value, str):
        if not value.isascii() or not value.isdigit() or len(value) > 19:
            return False
        value = int(value)
    return 0 < value <= MAX_ARTICLE_ID


class ParamError(ValueError):
    """A query parameter the server cannot use.

    >>> str(ParamError("since", "cannot read 'soon' as a date (use YYYY-MM-DD)"))
    "since: cannot read 'soon' as a date (use YYYY-MM-DD)"
    """

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


def clean_text(name: str, value: str | None, *, limit: int = MAX_FILTER_CHARS) -> str | None:
    """A parameter's value trimmed, None when blank; :class:`ParamError` when longer than ``limit``.

    >>> clean_text("section", "  World "), clean_text("section", "   ")
    ('World', None)
    """
    if value is None:
        return None
    text = value.strip()
    if len(text) > limit:
        raise ParamError(name, f"{len(text)} characters is over the limit of {limit}")
    if "\x00" in text:
        raise ParamError(name, "contains a NUL character")
    return text or None


def clean_query(value: str | None) -> str | None:
    """The search query, trimmed; None when blank. Longer than ``MAX_QUERY_CHARS`` is an error, and so is a
    prefix too short to search without reading most of the index (``a*``).

    >>> clean_query("  iraq coalition "), clean_query("")
    ('iraq coalition', None)
    >>> clean_query("coalition a*")
    Traceback (most recent call last):
    ...
    newsdesk.web.params.ParamError: q: a prefix search needs at least 3 characters before * (not 'a*')
    """
    text = clean_text("q", value, limit=MAX_QUERY_CHARS)
    if text and (short := short_prefixes(text)):
        raise ParamError("q", f"a prefix search needs at least {MIN_PREFIX_CHARS} characters before * "
                              f"(not {short[0]!r})")
    return text


def clean_date(name: str, value: str | None) -> str | None:
    """A date or time parameter as given, once checked readable (YYYY-MM-DD or ISO 8601).

    >>> clean_date("since", "2025-09-30")
    '2025-09-30'
    >>> clean_date("until", "31/12/2025")
    Traceback (most recent call last):
    ...
    newsdesk.web.params.ParamError: until: cannot read '31/12/2025' as a date (use YYYY-MM-DD)
    """
    text = clean_text(name, value)
    if text is None:
        return None
    if parse_instant(text) is None:
        raise ParamError(name, f"cannot read {text!r} as a date (use YYYY-MM-DD)")
    return text


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """A query and filters as a request gave them, checked; ``filters`` is what the store takes.

    >>> ArticleQuery.parse(q="iraq", section="Middle East").filters.section
    'Middle East'
    >>> ArticleQuery.parse(since="2025-10-02", until="2025-10-01")
    Traceback (most recent call last):
    ...
    newsdesk.web.params.ParamError: since: 2025-10-02 is after until 2025-10-01
    """

    q: str | None = None
    outlet: str | None = None
    section: str | None = None
    lang: str | None = None
    author: str | None = None
    since: str | None = None
    until: str | None = None
    person: str | None = None
    org: str | None = None
    place: str | None = None
    speaker: str | None = None

    @classmethod
    def parse(cls, *, q: str | None = None, outlet: str | None = None, section: str | None = None,
              lang: str | None = None, author: str | None = None, since: str | None = None,
              until: str | None = None, person: str | None = None, org: str | None = None,
              place: str | None = None, speaker: str | None = None) -> ArticleQuery:
        """Check every parameter and build the query (see the class for an example)."""
        since_value, until_value = clean_date("since", since), clean_date("until", until)
        if since_value and until_value:
            start, end = parse_instant(since_value), parse_instant(until_value, end_of_day=True)
            if start and end and start >= end:
                raise ParamError("since", f"{since_value} is after until {until_value}")
        return cls(q=clean_query(q), outlet=clean_text("outlet", outlet), section=clean_text("section", section),
                   lang=clean_text("lang", lang), author=clean_text("author", author), since=since_value,
                   until=until_value, person=clean_text("person", person), org=clean_text("org", org),
                   place=clean_text("place", place), speaker=clean_text("speaker", speaker))

    @property
    def filters(self) -> Filters:
        """The store's filters for this query."""
        return Filters(since=self.since, until=self.until, source=self.outlet, section=self.section,
                       lang=self.lang, author=self.author, person=self.person, org=self.org, place=self.place,
                       speaker=self.speaker)

    def params(self) -> dict[str, str]:
        """The parameters that are set, by name (for links and cursors).

        >>> ArticleQuery(q="iraq", lang="en").params()
        {'q': 'iraq', 'lang': 'en'}
        """
        values = {"q": self.q, "outlet": self.outlet, "section": self.section, "lang": self.lang,
                  "author": self.author, "since": self.since, "until": self.until, "person": self.person,
                  "org": self.org, "place": self.place, "speaker": self.speaker}
        return {name: value for name, value in values.items() if value is not None}

    @property
    def is_filtered(self) -> bool:
        """Whether any filter (not the query) is set.

        >>> ArticleQuery(q="iraq").is_filtered, ArticleQuery(lang="en").is_filtered
        (False, True)
        """
        return any(name != "q" for name in self.params())

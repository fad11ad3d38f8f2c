"""Finding articles: full-text search with highlights, pages by keyset, facet counts, counts by day, related.

:class:`SearchQueries` holds the store's search questions; :class:`~newsdesk.store.sqlite.SQLiteStore`
inherits them and they read through its connection. The SQL fragments a hit is read with are here too,
for the other queries that list hits (semantic search in :mod:`newsdesk.store.vectors`).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from newsdesk.store.base import (
    FACET_FIELDS,
    HIGHLIGHT_CLOSE,
    HIGHLIGHT_OPEN,
    MAX_DAYS,
    Filters,
    Highlighted,
    SearchHit,
    StoreError,
)
from newsdesk.store.facets import facet_for, top_values
from newsdesk.store.keyset import PagePosition
from newsdesk.store.related import RELATED_BODY_CHARS, candidate_words, frequency_ceiling, telling_terms
from newsdesk.store.rows import MAX_SQLITE_INT, dump_json, load_json
from newsdesk.store.search import BM25_WEIGHTS, SNIPPET_TOKENS, filter_sql, lead_snippet, parse_query

#: Most word counts kept for related() per database file before starting afresh (a few MB).
MAX_KEPT_FREQUENCIES = 100_000
# Word counts related() made, by database file (see SQLiteStore._frequencies_of). Each value is
# replaced, never cleared in place, so a reader holding the old dict is not disturbed.
KEPT_FREQUENCIES: dict[str, dict[str, int]] = {}

HIT_COLUMNS = "a.id, a.url, a.headline, a.site_name, a.published, a.section, a.language, a.authors"
# What a hit shows when there are no words to highlight: the headline unmarked, the lead as snippet.
_UNMARKED = "a.headline, NULL, a.standfirst, substr(a.body_text, 1, 600)"
LEAD_COLUMNS = f"0.0, {_UNMARKED}"
NEWEST_FIRST = "ORDER BY a.published_utc DESC NULLS LAST, a.id DESC"
_MARKS = f"'{HIGHLIGHT_OPEN}', '{HIGHLIGHT_CLOSE}'"
# One article's highlighted headline and body and standfirst snippets for a query (rowid = ? is an FTS5 seek).
_MARKED = (
    f"SELECT highlight(articles_fts, 0, {_MARKS}), snippet(articles_fts, 2, {_MARKS}, '…', {SNIPPET_TOKENS}), "
    f"snippet(articles_fts, 1, {_MARKS}, '…', {SNIPPET_TOKENS}) FROM articles_fts "
    "WHERE articles_fts MATCH ? AND rowid = ?"
)


def newest_ids(where: str) -> str:
    """The ids of the articles matching ``where``, newest first: what a list selects before reading rows.

    Choosing the ids first, then reading only those rows, keeps whole articles (bodies run to
    kilobytes) out of the sort: listing an outlet's newest 6 of 700 articles took 3.2 ms reading
    every row, 0.2 ms this way.
    """
    return f"SELECT a.id FROM articles AS a WHERE 1 {where} {NEWEST_FIRST}"


def _utc_day(day: date) -> date:
    """The UTC day of a date or time (a time without an offset is taken as UTC)."""
    if isinstance(day, datetime):
        return (day.astimezone(UTC) if day.tzinfo is not None else day).date()
    return day



class SearchQueries:
    """The store's search questions (see :class:`~newsdesk.store.base.Store` for each one's contract)."""

    path: str
    _conn: sqlite3.Connection
    _counts_key: str
    _data_version: int | None

    def search(
        self, query: str | None, filters: Filters | None = None, *, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        """Ranked full-text search with highlights (see :meth:`Store.search` for the syntax).

        >>> from newsdesk.store.sqlite import SQLiteStore
        >>> from newsdesk.model import Article, Block

        >>> from newsdesk.store.base import ArticleOutcome
        >>> a = Article(url="https://example.com/a", headline="Coalition to leave Iraq",
        ...             body=[Block("paragraph", "The coalition mission ends in 2026.")])
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome("a", a)])
        ...     hit = store.search("iraq")[0]
        >>> hit.title.marked("[", "]")
        'Coalition to leave [Iraq]'
        """
        where, params = filter_sql(filters)
        limit, offset = max(0, int(limit)), max(0, int(offset))
        if query is None or not query.strip():
            rows = self._conn.execute(
                f"SELECT {HIT_COLUMNS}, {LEAD_COLUMNS} "
                f"FROM articles AS a WHERE a.id IN ({newest_ids(where)} LIMIT ? OFFSET ?) {NEWEST_FIRST}",
                (*params, limit, offset),
            ).fetchall()
            return [self._hit(row) for row in rows]
        fts = parse_query(query)
        if fts.matches_nothing:
            return []
        if fts.match is None:
            excluded = "AND a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            rows = self._conn.execute(
                f"SELECT {HIT_COLUMNS}, {LEAD_COLUMNS} "
                f"FROM articles AS a WHERE a.id IN ({newest_ids(excluded + where)} LIMIT ? OFFSET ?) {NEWEST_FIRST}",
                (fts.exclude, *params, limit, offset),
            ).fetchall()
            return [self._hit(row) for row in rows]
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        rows = self._conn.execute(
            f"SELECT {HIT_COLUMNS}, -bm25(articles_fts, {weights}) "
            "FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? {where} "
            f"ORDER BY bm25(articles_fts, {weights}), a.id LIMIT ? OFFSET ?",
            (fts.match, *params, limit, offset),
        ).fetchall()
        # Highlights and snippets are made for the page's rows only: in the ranking query SQLite
        # would make them for every match before sorting (2,000 of them for a common word).
        marked = [self._conn.execute(_MARKED, (fts.match, row[0])).fetchone() or (None, None, None) for row in rows]
        return [self._hit((*row, *marks, None)) for row, marks in zip(rows, marked, strict=True)]

    @staticmethod
    def _hit(row: tuple[Any, ...]) -> SearchHit:
        (
            article_id,
            url,
            headline,
            site,
            published,
            section,
            language,
            authors,
            score,
            title,
            body_snippet,
            standfirst_snippet,
            body_start,
        ) = row
        if body_start is not None or body_snippet is None:
            snippet = Highlighted.from_marked(lead_snippet(standfirst_snippet, body_start))
        else:
            snippet = Highlighted.from_marked(body_snippet)
            if not snippet.has_highlight and standfirst_snippet and HIGHLIGHT_OPEN in standfirst_snippet:
                snippet = Highlighted.from_marked(standfirst_snippet)
        return SearchHit(
            id=article_id,
            url=url,
            headline=headline,
            site_name=site,
            published=published,
            section=section,
            language=language,
            authors=load_json(authors, []),
            score=float(score or 0.0),
            title=Highlighted.from_marked(title),
            snippet=snippet,
        )

    def _matching(self, query: str | None, filters: Filters | None) -> tuple[str, list[Any]] | None:
        """``FROM ... WHERE ...`` over the articles (``a``) a search finds, and its parameters; None: nothing."""
        where, params = filter_sql(filters)
        if query is None or not query.strip():
            return f"FROM articles AS a WHERE 1 {where}", params
        fts = parse_query(query)
        if fts.matches_nothing:
            return None
        if fts.match is None:
            return (
                "FROM articles AS a WHERE a.id NOT IN "
                f"(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) {where}",
                [fts.exclude, *params],
            )
        return (
            f"FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? {where}",
            [fts.match, *params],
        )

    def count(self, query: str | None = None, filters: Filters | None = None) -> int:
        """How many articles a search finds.

        >>> from newsdesk.store.sqlite import SQLiteStore
        >>> with SQLiteStore(":memory:") as store:
        ...     store.count("anything")
        0
        """
        if (query is None or not query.strip()) and not filter_sql(filters)[0]:
            return self._article_total()
        matching = self._matching(query, filters)
        if matching is None:
            return 0
        sql, params = matching
        return int(self._conn.execute(f"SELECT count(*) {sql}", params).fetchone()[0])

    def page(self, filters: Filters | None, *, after: str | None, limit: int) -> tuple[list[SearchHit], str | None]:
        """A page of the newest-first list and the token of the next (see :meth:`Store.page`).

        Dated articles are read from the index on publication time (then id) starting just past
        ``after``; undated ones, which come last, by id. Either way one index seek, however far
        into the list the page is.

        >>> from newsdesk.store.sqlite import SQLiteStore
        >>> from newsdesk.model import Article

        >>> from newsdesk.store.base import ArticleOutcome
        >>> articles = [Article(url=f"https://example.com/{n}", published=f"2025-10-0{n}") for n in (1, 2, 3)]
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome(a.url, a) for a in articles])
        ...     first, token = store.page(None, after=None, limit=2)
        ...     second, end = store.page(None, after=token, limit=2)
        >>> [hit.url[-1] for hit in first + second], end
        (['3', '2', '1'], None)
        """
        position = PagePosition.from_token(after) if after else None
        limit = max(0, int(limit))
        if limit == 0:
            return [], None
        where, params = filter_sql(filters)
        select = f"SELECT {HIT_COLUMNS}, {LEAD_COLUMNS}, a.published_utc FROM articles AS a WHERE a.id IN"
        rows: list[tuple[Any, ...]] = []
        if position is None or position.published_utc is not None:
            keyset, key = ("", []) if position is None else ("AND (a.published_utc, a.id) < (?, ?)",
                                                            [position.published_utc, position.id])
            dated = "ORDER BY a.published_utc DESC, a.id DESC"
            rows = self._conn.execute(
                f"{select} (SELECT a.id FROM articles AS a WHERE a.published_utc IS NOT NULL {keyset} {where} "
                f"{dated} LIMIT ?) {dated}",
                (*key, *params, limit + 1),
            ).fetchall()
        if len(rows) <= limit:
            keyset, key = ("AND a.id < ?", [position.id]) if position and position.published_utc is None else ("", [])
            rows += self._conn.execute(
                f"{select} (SELECT a.id FROM articles AS a WHERE a.published_utc IS NULL {keyset} {where} "
                "ORDER BY a.id DESC LIMIT ?) ORDER BY a.id DESC",
                (*key, *params, limit + 1 - len(rows)),
            ).fetchall()
        token = PagePosition(rows[limit - 1][-1], rows[limit - 1][0]).token() if len(rows) > limit else None
        return [self._hit(row[:-1]) for row in rows[:limit]], token

    def facet_counts(
        self,
        query: str | None,
        filters: Filters | None = None,
        fields: Sequence[str] = FACET_FIELDS,
        *,
        limit: int = 12,
    ) -> dict[str, dict[str, int]]:
        """Results per outlet, section and language: one ``GROUP BY`` per field (see :meth:`Store.facet_counts`).

        >>> from newsdesk.store.sqlite import SQLiteStore
        >>> from newsdesk.model import Article

        >>> from newsdesk.store.base import ArticleOutcome
        >>> a = Article(url="https://www.trtworld.com/a", headline="Iraq deal", language="en-GB", section="World")
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome("a", a)])
        ...     store.facet_counts("iraq", Filters(section="world"))
        {'source': {'trtworld.com': 1}, 'section': {'World': 1}, 'lang': {'en-gb': 1}}
        """
        filters = filters or Filters()
        facets = {name: facet_for(name) for name in fields}
        counted: dict[str, dict[str, int]] = {}
        for name, facet in facets.items():
            chosen = getattr(filters, name)
            # Each field is counted without its own filter, so the alternatives to a choice stay visible.
            matching = self._matching(query, dataclasses.replace(filters, **{name: None}))
            rows: list[tuple[Any, ...]] = []
            if matching is not None:
                sql, params = matching
                rows = self._conn.execute(f"SELECT {facet.select} {sql} GROUP BY {facet.group}", params).fetchall()
            counted[name] = top_values(facet.counts(rows, chosen), chosen, limit)
        return counted

    def entity_facet_counts(self, query: str | None, filters: Filters | None = None, *,
                            limit: int = 12) -> dict[str, dict[str, int]]:
        """Results per person, organisation, place and speaker: how many of the articles a search finds name each.

        Each kind is counted without its own filter, as :meth:`facet_counts` does, so a choice's alternatives
        stay visible.

        >>> from newsdesk.store.sqlite import SQLiteStore
        >>> with SQLiteStore(":memory:") as store:
        ...     store.entity_facet_counts("iraq")
        {'person': {}, 'org': {}, 'place': {}, 'speaker': {}}
        """
        filters = filters or Filters()
        counted: dict[str, dict[str, int]] = {}
        for kind, type_ in (("person", "PERSON"), ("org", "ORG"), ("place", "PLACE"), ("speaker", None)):
            matching = self._matching(query, dataclasses.replace(filters, **{kind: None}))
            if matching is None:
                counted[kind] = {}
                continue
            sql, params = matching
            if type_ is None:
                statement = (f"SELECT speaker, count(DISTINCT article_id) FROM quotes WHERE speaker IS NOT NULL "
                             f"AND article_id IN (SELECT a.id {sql}) GROUP BY speaker ORDER BY 2 DESC, 1 LIMIT ?")
                values = [*params, limit]
            else:
                statement = (f"SELECT e.name, count(*) FROM article_entities AS ae JOIN entities AS e "
                             f"ON e.id = ae.entity_id WHERE e.type = ? AND ae.article_id IN (SELECT a.id {sql}) "
                             f"GROUP BY e.id ORDER BY 2 DESC, 1 LIMIT ?")
                values = [type_, *params, limit]
            counted[kind] = {name: n for name, n in self._conn.execute(statement, values)}
        return counted

    def counts_by_day(self, filters: Filters | None, *, since: date, until: date) -> dict[str, int]:
        """Articles per UTC day of publication over a range, in one query (see :meth:`Store.counts_by_day`).

        >>> from newsdesk.store.sqlite import SQLiteStore
        >>> from newsdesk.model import Article

        >>> from newsdesk.store.base import ArticleOutcome
        >>> a = Article(url="https://example.com/a", published="2025-10-02T01:30:00+03:00")
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome("a", a)])
        ...     store.counts_by_day(None, since=date(2025, 9, 30), until=date(2025, 10, 2))
        {'2025-09-30': 0, '2025-10-01': 1, '2025-10-02': 0}
        """
        if not isinstance(since, date) or not isinstance(until, date):
            raise StoreError("counts_by_day", f"since and until must be dates, not {since!r} and {until!r}")
        since, until = _utc_day(since), _utc_day(until)
        days = (until - since).days + 1
        if days < 1:
            raise StoreError("counts_by_day", f"since {since} is after until {until}")
        if days > MAX_DAYS:
            raise StoreError("counts_by_day", f"{days} days from {since} to {until} is over the limit of {MAX_DAYS}")
        where, params = filter_sql(filters)
        first, end = f"{since.isoformat()}T00:00:00Z", f"{(until + timedelta(days=1)).isoformat()}T00:00:00Z"
        found = dict(
            self._conn.execute(
                "SELECT substr(a.published_utc, 1, 10), count(*) FROM articles AS a "
                f"WHERE a.published_utc >= ? AND a.published_utc < ? {where} GROUP BY 1",
                (first, end, *params),
            ).fetchall()
        )
        return {day: int(found.get(day, 0)) for day in (str(since + timedelta(days=n)) for n in range(days))}

    def related(self, article_id: int, *, limit: int = 5) -> list[SearchHit]:
        """More like this, from the full-text index (see :meth:`Store.related` and :mod:`newsdesk.store.related`).

        >>> from newsdesk.store.sqlite import SQLiteStore
        >>> from newsdesk.model import Article, Block

        >>> from newsdesk.store.base import ArticleOutcome
        >>> def story(n, headline):
        ...     return Article(url=f"https://example.com/{n}", headline=headline, body=[Block("paragraph", headline)])
        >>> with SQLiteStore(":memory:") as store:
        ...     _ = store.write_batch([ArticleOutcome(str(n), story(n, h)) for n, h in enumerate([
        ...         "Coalition to leave Iraq", "Troops start leaving Iraq", "Storm hits the coast"])])
        ...     [hit.headline for hit in store.related(1)]
        ['Troops start leaving Iraq']
        """
        limit = max(0, int(limit))
        if limit == 0 or isinstance(article_id, bool) or not isinstance(article_id, int):
            return []
        conn = self._conn
        row = conn.execute(
            "SELECT a.headline, a.standfirst, substr(a.body_text, 1, ?), a.key, a.body_hash FROM articles AS a "
            "WHERE a.id = ?",
            (RELATED_BODY_CHARS, article_id if 0 < article_id <= MAX_SQLITE_INT else 0),
        ).fetchone()
        if row is None:
            return []
        headline, standfirst, body_start, key, body_hash = row
        weights = candidate_words(headline, standfirst, body_start)
        if not weights:
            return []
        total = self._article_total()
        terms = telling_terms(weights, self._frequencies_of(list(weights), frequency_ceiling(total) + 1), total)
        if not terms:
            return []
        weights_sql = ", ".join(str(w) for w in BM25_WEIGHTS)
        rows = conn.execute(
            f"SELECT {HIT_COLUMNS}, -bm25(articles_fts, {weights_sql}), {_UNMARKED} "
            "FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? AND a.id != ? "
            # Copies of this article are not related articles: the same body, or recorded as duplicates.
            "AND (a.body_hash IS NULL OR a.body_hash IS NOT ?) "
            "AND a.key NOT IN (SELECT url FROM duplicates WHERE duplicate_of = ?) "
            "AND a.id NOT IN (SELECT duplicate_of FROM duplicates WHERE url = ?) "
            f"ORDER BY bm25(articles_fts, {weights_sql}), a.id LIMIT ?",
            (" OR ".join(f'"{term}"' for term in terms), article_id, body_hash, article_id, key, limit),
        ).fetchall()
        return [self._hit(row) for row in rows]

    def _frequencies_of(self, words: list[str], cap: int) -> dict[str, int]:
        """How many articles hold each word, counted no further than ``cap`` (no word that common is searched for).

        News vocabulary is skewed: the same common words, the ones that cost most to count, come
        back on page after page. So counts are kept, shared by the stores of one database file in
        this process (a server has one per worker thread), until the database changes: a store
        that sees ``PRAGMA data_version`` move (another connection committed) or commits itself
        empties them. A count made while a write commits may be kept for one call at most.
        """
        conn = self._conn
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        kept = KEPT_FREQUENCIES.get(self._counts_key)
        if kept is None or version != self._data_version or len(kept) > MAX_KEPT_FREQUENCIES:
            kept = KEPT_FREQUENCIES[self._counts_key] = {}
            self._data_version = version
        missing = [word for word in words if word not in kept]
        if missing:
            kept.update(
                conn.execute(
                    "SELECT w.value, (SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH "
                    "'\"' || replace(w.value, '\"', '\"\"') || '\"' LIMIT ?)) FROM json_each(?) AS w",
                    (cap, dump_json(missing)),
                ).fetchall()
            )
        return {word: kept.get(word, 0) for word in words}

    def _article_total(self) -> int:
        row = self._conn.execute("SELECT n FROM store_counts WHERE kind = 'articles' AND value = ''").fetchone()
        return int(row[0]) if row else 0

"""A story's full coverage and timelines from the store: what the CLI, the API and the reader show alike.

:func:`story_coverage` gathers, for one story, what a desk asks of it: which outlets covered it and when
each first published (:meth:`~newsdesk.store.stories.StoryQueries.story`), the original and copies of each
copy group among its articles (:func:`story_copy_groups`), how it unfolded date by date
(:func:`~newsdesk.connect.timeline.timeline` over its articles) and who said what across it
(:func:`story_quotes`). :func:`query_timeline` is the timeline of the articles a full-text query finds.

The timeline reads at most :data:`TIMELINE_ARTICLES` articles (a story's earliest), so a story of
thousands of copies costs what a long story does; copies retell their original, which the timeline's
de-duplication would drop anyway.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdesk.store.annotations import StoredQuote
from newsdesk.store.base import Filters, StoredArticle
from newsdesk.store.copies import CopyGroup, copy_group
from newsdesk.store.stories import StoryDetail

__all__ = ["StoryCoverage", "count_stories", "query_timeline", "story_article_ids", "story_copy_groups",
           "story_coverage", "story_quotes", "story_timeline", "who_said_what"]

#: Articles a timeline reads at most (a story's earliest, or a query's best matches).
TIMELINE_ARTICLES = 200
#: Quotes a story shows at most.
STORY_QUOTES = 200
#: Copy groups a story shows at most.
STORY_COPY_GROUPS = 50

Timeline = list[tuple[str, list[str]]]


def story_article_ids(conn: sqlite3.Connection, story_id: int, *, limit: int = TIMELINE_ARTICLES) -> list[int]:
    """The ids of a story's articles in publication order (undated last), at most ``limit``.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> story_article_ids(SQLiteStore(":memory:").connection, 1)
    []
    """
    rows = conn.execute("SELECT article_id FROM story_articles WHERE story_id = ? "
                        "ORDER BY published_utc IS NULL, published_utc, article_id LIMIT ?",
                        (story_id, max(0, int(limit))))
    return [int(row[0]) for row in rows]


def count_stories(conn: sqlite3.Connection, *, since_utc: str | None = None, min_outlets: int = 1) -> int:
    """How many stories :func:`~newsdesk.store.stories.list_stories` lists with the same conditions.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> count_stories(SQLiteStore(":memory:").connection, min_outlets=2)
    0
    """
    where = "outlets >= ?"
    params: list[int | str] = [min_outlets]
    if since_utc:
        where += " AND last_seen >= ?"
        params.append(since_utc)
    return int(conn.execute(f"SELECT count(*) FROM stories WHERE {where}", params).fetchone()[0])


def _articles(store: Any, ids: Sequence[int]) -> list[StoredArticle]:
    found = (store.get(article_id) for article_id in ids)
    return [stored for stored in found if stored is not None]


def story_timeline(store: Any, story_id: int, *, max_dates: int = 10, sentences: int = 1) -> Timeline:
    """The timeline of a story's articles: ``[(YYYY-MM-DD, [sentences])]`` in date order.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> story_timeline(SQLiteStore(":memory:"), 1)
    []
    """
    from newsdesk.connect.timeline import timeline

    articles = _articles(store, story_article_ids(store.connection, story_id))
    return timeline([stored.article for stored in articles], max_dates=max_dates, sentences_per_date=sentences)


def query_timeline(store: Any, query: str, *, filters: Filters | None = None, max_dates: int = 10,
                   sentences: int = 1, articles: int = TIMELINE_ARTICLES) -> Timeline:
    """The timeline of the ``articles`` best full-text matches of ``query`` (with ``filters``).

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> query_timeline(SQLiteStore(":memory:"), "iraq coalition")
    []
    """
    from newsdesk.connect.timeline import timeline

    hits = store.search(query, filters, limit=articles)
    found = _articles(store, [hit.id for hit in hits])
    return timeline([stored.article for stored in found], query=query, max_dates=max_dates,
                    sentences_per_date=sentences)


_QUOTE_SQL = """
SELECT q.id, q.article_id, q.speaker, q.speaker_role, q.kind, q.cue, q.text, q.start, q.end,
       a.published, a.headline, a.url, a.site_name, q.speaker_entity_id
FROM story_articles AS sa JOIN quotes AS q ON q.article_id = sa.article_id JOIN articles AS a ON a.id = q.article_id
WHERE sa.story_id = ?
ORDER BY sa.published_utc IS NULL, sa.published_utc, q.article_id, q.position
LIMIT ?
"""


def story_quotes(conn: sqlite3.Connection, story_id: int, *, limit: int = STORY_QUOTES) -> list[StoredQuote]:
    """The quotes of a story's articles, in publication order, and by position within an article.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> story_quotes(SQLiteStore(":memory:").connection, 1)
    []
    """
    return [StoredQuote(*row) for row in conn.execute(_QUOTE_SQL, (story_id, max(0, int(limit))))]


def who_said_what(quotes: Sequence[StoredQuote]) -> list[tuple[str | None, list[StoredQuote]]]:
    """Quotes by speaker: the most quoted first (ties: the first to speak), unattributed ones last.

    The same words carried by several copies are kept once per speaker, as first published.

    >>> q = [StoredQuote(1, 7, "Sean Parnell", None, "direct", "said", "We will."),
    ...      StoredQuote(2, 8, None, None, "direct", None, "Unclear."),
    ...      StoredQuote(3, 9, "Sean Parnell", None, "direct", "said", "We will."),
    ...      StoredQuote(4, 9, "Mohammed al-Sudani", None, "indirect", "said", "Talks go on.")]
    >>> [(speaker, [x.id for x in said]) for speaker, said in who_said_what(q)]
    [('Sean Parnell', [1]), ('Mohammed al-Sudani', [4]), (None, [2])]
    """
    groups: dict[str | None, list[StoredQuote]] = {}
    seen: set[tuple[str, str]] = set()
    for quote in quotes:
        key = ((quote.speaker or "").casefold(), " ".join(quote.text.split()).casefold())
        if key in seen:
            continue
        seen.add(key)
        groups.setdefault(quote.speaker, []).append(quote)
    order = list(groups)
    return sorted(groups.items(), key=lambda item: (item[0] is None, -len(item[1]), order.index(item[0])))


def story_copy_groups(conn: sqlite3.Connection, story_id: int, *,
                      limit: int = STORY_COPY_GROUPS) -> list[CopyGroup]:
    """The copy groups among a story's articles (each an original and its copies), the largest first.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> story_copy_groups(SQLiteStore(":memory:").connection, 1)
    []
    """
    # A member is in a group as a copy (its near row names the original) or as an original (rows name it).
    rows = conn.execute(
        "SELECT d.duplicate_of FROM story_articles AS sa JOIN articles AS a ON a.id = sa.article_id "
        "JOIN duplicates AS d ON d.url = a.key AND d.kind = 'near' WHERE sa.story_id = ? "
        "UNION SELECT sa.article_id FROM story_articles AS sa WHERE sa.story_id = ? AND EXISTS "
        "(SELECT 1 FROM duplicates AS d WHERE d.duplicate_of = sa.article_id AND d.kind IN ('near', 'exact'))",
        (story_id, story_id)).fetchall()
    groups = [group for group in (copy_group(conn, int(row[0])) for row in sorted(rows)) if group is not None]
    unique = {group.original: group for group in groups}
    return sorted(unique.values(), key=lambda g: (-len(g.members), g.original))[: max(0, int(limit))]


@dataclass(slots=True)
class StoryCoverage:
    """One story as a desk reads it: the story and its members, copy groups, timeline and who said what.

    >>> from newsdesk.store.stories import StorySummary
    >>> cover = StoryCoverage(StoryDetail(StorySummary(1, "Iraq deal", None, None, 0, []), [], [], []))
    >>> sorted(cover.to_dict())[:4]
    ['articles', 'continued_by', 'continues', 'copy_groups']
    """

    detail: StoryDetail
    copy_groups: list[CopyGroup] = field(default_factory=list)
    timeline: Timeline = field(default_factory=list)
    quotes: list[tuple[str | None, list[StoredQuote]]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: the story's fields and members, then ``copy_groups``, ``timeline`` and ``quotes``."""
        return {**self.detail.to_dict(),
                "copy_groups": [group.to_dict() for group in self.copy_groups],
                "timeline": [{"date": day, "sentences": said} for day, said in self.timeline],
                "quotes": [{"speaker": speaker, "quotes": [q.to_dict() for q in said]}
                           for speaker, said in self.quotes]}


def story_coverage(store: Any, story_id: int, *, max_dates: int = 10, sentences: int = 1,
                   with_timeline: bool = True) -> StoryCoverage | None:
    """Everything :class:`StoryCoverage` holds for one story; None when there is no such story.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> story_coverage(SQLiteStore(":memory:"), 1) is None
    True
    """
    detail = store.story(story_id)
    if detail is None:
        return None
    conn = store.connection
    lines = story_timeline(store, story_id, max_dates=max_dates, sentences=sentences) if with_timeline else []
    return StoryCoverage(detail, story_copy_groups(conn, story_id), lines,
                         who_said_what(story_quotes(conn, story_id)))

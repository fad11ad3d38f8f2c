"""Enrichment in the store: entities, the articles that name them, and quotes.

The whole :class:`~newsdesk.model.Enrichment` is kept with its article as JSON (``articles.enrichment``),
which is what an article is read back with. Beside it, three tables answer the questions people ask of
many articles at once, each through an index: which entities a period names most (``article_entities``
by time), which articles name an entity and when (by entity), and what a speaker said (``quotes`` by
speaker). The writer calls :func:`write_annotations` in the transaction that writes the article, so the
tables never disagree with the articles.

Functions here take an open ``sqlite3.Connection``; :class:`~newsdesk.store.sqlite.SQLiteStore` composes them.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsdesk.model import Enrichment
from newsdesk.store.base import Filters, like_escape

#: Entity types people filter and browse by; statistical NER's other labels stay in the article's JSON only.
INDEXED_TYPES = ("PERSON", "ORG", "PLACE")


@dataclass(slots=True)
class EntitySummary:
    """One entity with how many articles name it (in the period asked about).

    >>> EntitySummary(3, "Sean Parnell", "PERSON", articles=2).to_dict()["articles"]
    2
    """

    id: int
    name: str
    type: str
    articles: int = 0
    mentions: int = 0
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    first_seen: str | None = None
    last_seen: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of every field."""
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class StoredQuote:
    """A quote as stored, with the article it comes from.

    >>> StoredQuote(1, 7, "Sean Parnell", "Chief Pentagon Spokesman", "direct", "said", "We will.").kind
    'direct'
    """

    id: int
    article_id: int
    speaker: str | None
    speaker_role: str | None
    kind: str
    cue: str | None
    text: str
    start: int = 0
    end: int = 0
    published: str | None = None
    headline: str | None = None
    url: str | None = None
    site_name: str | None = None
    speaker_entity_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of every field but ``extra``."""
        return {name: getattr(self, name) for name in self.__slots__ if name != "extra"}


def write_annotations(conn: sqlite3.Connection, article_id: int, enrichment: Enrichment | None,
                      published_utc: str | None) -> None:
    """Replace what the tables say of ``article_id`` with what ``enrichment`` found.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> from newsdesk.model import Entity, Mention, Quote
    >>> store = SQLiteStore(":memory:")
    >>> conn = store.connection
    >>> _ = conn.execute("INSERT INTO articles (key, record_hash, ingested_at) VALUES ('k', 'h', 'now')")
    >>> found = Enrichment([Entity("Iraq", "PLACE", [Mention("Iraq", 0, 4)], country="IQ")],
    ...                    [Quote("We leave.", "Iraq", None, "direct", "said", 10, 19)])
    >>> write_annotations(conn, 1, found, "2025-10-01T00:00:00Z")
    >>> conn.execute("SELECT name, country FROM entities").fetchall()
    [('Iraq', 'IQ')]
    >>> conn.execute("SELECT speaker, speaker_entity_id FROM quotes").fetchall()
    [('Iraq', 1)]
    """
    conn.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
    if enrichment is None:
        return
    ids_by_name: dict[str, int] = {}
    for entity in enrichment.entities:
        if entity.type not in INDEXED_TYPES or not entity.name:
            continue
        entity_id = _entity_id(conn, entity.name, entity.type, entity.country, entity.lat, entity.lon,
                               entity.geonames_id)
        ids_by_name.setdefault(entity.name, entity_id)
        conn.execute(
            "INSERT INTO article_entities (article_id, entity_id, mentions, published_utc) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (article_id, entity_id) DO UPDATE SET mentions = mentions + excluded.mentions",
            (article_id, entity_id, max(1, len(entity.mentions)), published_utc),
        )
    for position, quote in enumerate(enrichment.quotes):
        conn.execute(
            "INSERT INTO quotes (article_id, position, speaker, speaker_entity_id, speaker_role, kind, cue, text, "
            "start, end, published_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, position, quote.speaker, ids_by_name.get(quote.speaker or ""), quote.speaker_role,
             quote.kind, quote.cue, quote.text, quote.start, quote.end, published_utc),
        )


def _entity_id(conn: sqlite3.Connection, name: str, type_: str, country: str | None, lat: float | None,
               lon: float | None, geonames_id: int | None) -> int:
    row = conn.execute("SELECT id, country FROM entities WHERE name = ? AND type = ?", (name, type_)).fetchone()
    if row is not None:
        if row[1] is None and country is not None:
            # An earlier article could not place it; this one can.
            conn.execute("UPDATE entities SET country = ?, lat = ?, lon = ?, geonames_id = ? WHERE id = ?",
                         (country, lat, lon, geonames_id, row[0]))
        return int(row[0])
    return int(conn.execute(
        "INSERT INTO entities (name, type, country, lat, lon, geonames_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        (name, type_, country, lat, lon, geonames_id)).fetchall()[0][0])


def _period(column: str, since_utc: str | None, until_utc: str | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if since_utc is not None:
        clauses.append(f"{column} >= ?")
        params.append(since_utc)
    if until_utc is not None:
        clauses.append(f"{column} < ?")
        params.append(until_utc)
    return (" AND ".join(clauses), params)


_ENTITY_FIELDS = "e.id, e.name, e.type, e.country, e.lat, e.lon, e.geonames_id"


def _summary(row: tuple[Any, ...]) -> EntitySummary:
    return EntitySummary(id=row[0], name=row[1], type=row[2], country=row[3], lat=row[4], lon=row[5],
                         geonames_id=row[6], articles=row[7], mentions=row[8], first_seen=row[9], last_seen=row[10])


def top_entities(conn: sqlite3.Connection, *, type_: str | None = None, since_utc: str | None = None,
                 until_utc: str | None = None, name: str | None = None, limit: int = 20,
                 offset: int = 0) -> list[EntitySummary]:
    """The entities named by the most articles in a period, most first (ties by name).

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> top_entities(SQLiteStore(":memory:").connection)
    []
    """
    where, params = _period("ae.published_utc", since_utc, until_utc)
    clauses = [where] if where else []
    if type_:
        clauses.append("e.type = ?")
        params.append(type_.upper())
    if name:
        clauses.append("e.name LIKE ? ESCAPE '\\'")
        params.append("%" + like_escape(name) + "%")
    sql = (f"SELECT {_ENTITY_FIELDS}, count(*), sum(ae.mentions), min(ae.published_utc), max(ae.published_utc) "
           "FROM article_entities AS ae JOIN entities AS e ON e.id = ae.entity_id "
           + ("WHERE " + " AND ".join(clauses) + " " if clauses else "")
           + "GROUP BY e.id ORDER BY count(*) DESC, sum(ae.mentions) DESC, e.name LIMIT ? OFFSET ?")
    return [_summary(row) for row in conn.execute(sql, (*params, limit, offset))]


def get_entity(conn: sqlite3.Connection, ref: int | str) -> EntitySummary | None:
    """One entity by id, or by name (any type, the most named first), with its all-time counts.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> get_entity(SQLiteStore(":memory:").connection, 1) is None
    True
    """
    params: list[int | str]
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        where, params = "e.id = ?", [int(ref)]
    else:
        where, params = "e.name = ? COLLATE NOCASE", [ref]
    row = conn.execute(
        f"SELECT {_ENTITY_FIELDS}, count(ae.article_id), ifnull(sum(ae.mentions), 0), min(ae.published_utc), "
        f"max(ae.published_utc) FROM entities AS e LEFT JOIN article_entities AS ae ON ae.entity_id = e.id "
        f"WHERE {where} GROUP BY e.id ORDER BY count(ae.article_id) DESC LIMIT 1", params).fetchone()
    return _summary(row) if row is not None and row[0] is not None else None


def entity_days(conn: sqlite3.Connection, entity_id: int, *, since_utc: str | None = None,
                until_utc: str | None = None) -> dict[str, int]:
    """Articles naming an entity per publication day (``YYYY-MM-DD``), oldest first.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> entity_days(SQLiteStore(":memory:").connection, 1)
    {}
    """
    where, params = _period("published_utc", since_utc, until_utc)
    sql = ("SELECT substr(published_utc, 1, 10), count(*) FROM article_entities WHERE entity_id = ? "
           "AND published_utc IS NOT NULL " + (f"AND {where} " if where else "")
           + "GROUP BY 1 ORDER BY 1")
    return {day: n for day, n in conn.execute(sql, (entity_id, *params))}


def entity_article_ids(conn: sqlite3.Connection, entity_id: int, *, limit: int = 20, offset: int = 0) -> list[int]:
    """The ids of the articles naming an entity, newest first.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> entity_article_ids(SQLiteStore(":memory:").connection, 1)
    []
    """
    rows = conn.execute(
        "SELECT article_id FROM article_entities WHERE entity_id = ? "
        "ORDER BY published_utc DESC NULLS LAST, article_id DESC LIMIT ? OFFSET ?", (entity_id, limit, offset))
    return [int(row[0]) for row in rows]


def find_quotes(conn: sqlite3.Connection, *, speaker: str | None = None, speaker_entity_id: int | None = None,
                article_id: int | None = None, since_utc: str | None = None, until_utc: str | None = None,
                kind: str | None = None, limit: int = 20, offset: int = 0) -> list[StoredQuote]:
    """Quotes, newest first, by speaker (a part of the name, no case), entity, article, period or kind.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> find_quotes(SQLiteStore(":memory:").connection, speaker="Parnell")
    []
    """
    where, params = _period("q.published_utc", since_utc, until_utc)
    clauses = [where] if where else []
    if speaker:
        clauses.append("q.speaker LIKE ? ESCAPE '\\'")
        params.append("%" + like_escape(speaker.strip()) + "%")
    if speaker_entity_id is not None:
        clauses.append("q.speaker_entity_id = ?")
        params.append(speaker_entity_id)
    if article_id is not None:
        clauses.append("q.article_id = ?")
        params.append(article_id)
    if kind:
        clauses.append("q.kind = ?")
        params.append(kind)
    order = "q.position" if article_id is not None else "q.published_utc DESC NULLS LAST, q.id DESC"
    sql = ("SELECT q.id, q.article_id, q.speaker, q.speaker_role, q.kind, q.cue, q.text, q.start, q.end, "
           "a.published, a.headline, a.url, a.site_name, q.speaker_entity_id "
           "FROM quotes AS q JOIN articles AS a ON a.id = q.article_id "
           + ("WHERE " + " AND ".join(clauses) + " " if clauses else "")
           + f"ORDER BY {order} LIMIT ? OFFSET ?")
    return [StoredQuote(*row) for row in conn.execute(sql, (*params, limit, offset))]


def speaker_counts(conn: sqlite3.Connection, *, since_utc: str | None = None, until_utc: str | None = None,
                   limit: int = 20) -> Counter[str]:
    """The most quoted speakers of a period and how many quotes each has.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> speaker_counts(SQLiteStore(":memory:").connection)
    Counter()
    """
    where, params = _period("published_utc", since_utc, until_utc)
    sql = ("SELECT speaker, count(*) FROM quotes WHERE speaker IS NOT NULL " + (f"AND {where} " if where else "")
           + "GROUP BY speaker ORDER BY count(*) DESC, speaker LIMIT ?")
    return Counter({name: n for name, n in conn.execute(sql, (*params, limit))})


def entity_filter_sql(kind: str, value: str, alias: str = "a") -> tuple[str, list[Any]]:
    """SQL that keeps the articles naming a person, organisation or place, or quoting a speaker.

    ``kind`` is ``person``, ``org``, ``place`` or ``speaker``; names compare without case, and a
    person also matches by a part of the name ("Parnell").

    >>> entity_filter_sql("place", "Iraq")[1]
    ['PLACE', 'Iraq']
    """
    pattern = "%" + like_escape(value.strip()) + "%"
    if kind == "speaker":
        return (f"{alias}.id IN (SELECT article_id FROM quotes WHERE speaker LIKE ? ESCAPE '\\')", [pattern])
    type_ = {"person": "PERSON", "org": "ORG", "place": "PLACE"}[kind]
    if kind == "person":
        return (f"{alias}.id IN (SELECT ae.article_id FROM article_entities AS ae JOIN entities AS e "
                "ON e.id = ae.entity_id WHERE e.type = ? AND e.name LIKE ? ESCAPE '\\')", [type_, pattern])
    return (f"{alias}.id IN (SELECT ae.article_id FROM article_entities AS ae JOIN entities AS e "
            "ON e.id = ae.entity_id WHERE e.type = ? AND e.name = ? COLLATE NOCASE)", [type_, value.strip()])


class EnrichmentQueries:
    """The store's questions about entities and quotes; :class:`SQLiteStore` inherits them.

    Periods are given as ``since``/``until`` dates or instants, read like :class:`~newsdesk.store.Filters`'
    (a bare ``until`` date includes that day).

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     store.entities(type_="PERSON"), store.quotes(speaker="Parnell")
    ([], [])
    """

    if TYPE_CHECKING:  # The store this is mixed into gives its connection, read-only.
        @property
        def connection(self) -> sqlite3.Connection: ...

    def entities(self, *, type_: str | None = None, since: Any = None, until: Any = None, name: str | None = None,
                 limit: int = 20, offset: int = 0) -> list[EntitySummary]:
        """The entities named by the most articles in a period (see :func:`top_entities`)."""
        since_utc, until_utc = _bounds(since, until)
        return top_entities(self.connection, type_=type_, since_utc=since_utc, until_utc=until_utc, name=name,
                            limit=limit, offset=offset)

    def entity(self, ref: int | str) -> EntitySummary | None:
        """One entity by id or name (see :func:`get_entity`)."""
        return get_entity(self.connection, ref)

    def entity_days(self, entity_id: int, *, since: Any = None, until: Any = None) -> dict[str, int]:
        """Articles naming an entity per day (see :func:`entity_days`)."""
        since_utc, until_utc = _bounds(since, until)
        return entity_days(self.connection, entity_id, since_utc=since_utc, until_utc=until_utc)

    def entity_article_ids(self, entity_id: int, *, limit: int = 20, offset: int = 0) -> list[int]:
        """Ids of the articles naming an entity, newest first."""
        return entity_article_ids(self.connection, entity_id, limit=limit, offset=offset)

    def quotes(self, *, speaker: str | None = None, speaker_entity_id: int | None = None,
               article_id: int | None = None, since: Any = None, until: Any = None, kind: str | None = None,
               limit: int = 20, offset: int = 0) -> list[StoredQuote]:
        """Quotes, newest first (see :func:`find_quotes`)."""
        since_utc, until_utc = _bounds(since, until)
        return find_quotes(self.connection, speaker=speaker, speaker_entity_id=speaker_entity_id,
                           article_id=article_id, since_utc=since_utc, until_utc=until_utc, kind=kind,
                           limit=limit, offset=offset)

    def top_speakers(self, *, since: Any = None, until: Any = None, limit: int = 20) -> Counter[str]:
        """The most quoted speakers of a period."""
        since_utc, until_utc = _bounds(since, until)
        return speaker_counts(self.connection, since_utc=since_utc, until_utc=until_utc, limit=limit)


def _bounds(since: Any, until: Any) -> tuple[str | None, str | None]:
    filters = Filters(since=since, until=until)
    return filters.since_utc, filters.until_utc

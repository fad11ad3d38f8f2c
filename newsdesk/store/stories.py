"""Stories in the store: groups of articles about one event across outlets and over time.

Stories are assigned in stream order by the writer: after inserting a batch's articles it calls
:func:`assign_stories`, which loads the *live* stories (last article within
:data:`~newsdesk.connect.stories.WINDOW_DAYS` of the batch, found through the ``last_seen`` index, and the quiet ones of
:data:`~newsdesk.connect.stories.MEMORY_DAYS`, over which a name's crowd is counted, plus the
stories of any copy's original; those past :data:`~newsdesk.connect.stories.MAX_SPAN_DAYS` since their first
article are loaded too: they take an article only on stronger evidence, and weigh their names like the others), runs
:class:`~newsdesk.connect.stories.StoryStream` over the batch (the same code
:func:`~newsdesk.connect.stories.cluster_stories` runs), and writes back the stories it touched.
The writer's connection keeps that stream for its next batch (the live stories are read once per run, not
once per batch) for as long as it is exactly what reading them back would give: any other write to
``stories`` (the chain pass, another connection, a rolled back transaction) has them read again.
Its cost depends on the live stories, not on the store's size. :func:`link_story_chains` is the periodic
pass that links a story to the earlier one it continues, found through ``story_entities`` (each story's
top entities, indexed by name).

A story row keeps the running sum of its members' vectors (float32, so a long story's centroid does not
drift with rounding) and its entity and place counts (JSON, the :data:`~newsdesk.connect.stories.TOP_KEEP`
most frequent), which is the state assignment needs; :class:`StoryQueries` serves the CLI and the API.
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
import uuid
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from newsdesk.connect.stories import (
    CHAIN_COSINE,
    CHAIN_ENTITY_SHARE,
    CHAIN_GAP_DAYS,
    CHAIN_TOP,
    MEMORY_DAYS,
    UNREAD,
    WINDOW_DAYS,
    LiveStory,
    StoryStream,
    chain_target,
    parse_day,
    story_features,
)
from newsdesk.model import Article

__all__ = ["StoryDetail", "StoryMember", "StoryQueries", "StorySummary", "assign_stories", "get_story",
           "link_story_chains", "list_stories", "story_of"]

#: Migration 9 (see :mod:`newsdesk.store.schema`).
MIGRATION_SQL = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT,
    title_article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    first_seen TEXT,
    last_seen TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    outlet_names TEXT NOT NULL DEFAULT '[]',
    -- The sum of its members' unit vectors (float32 bytes) and its entity and place counts (JSON [[name, n]]).
    vector_sum BLOB,
    entities TEXT NOT NULL DEFAULT '[]',
    places TEXT NOT NULL DEFAULT '[]',
    -- The earlier story this one continues (linked by the periodic pass).
    continues INTEGER REFERENCES stories (id) ON DELETE SET NULL,
    updated_at TEXT
);
CREATE INDEX stories_last_seen ON stories (last_seen);
CREATE INDEX stories_first_seen ON stories (first_seen);
CREATE INDEX stories_continues ON stories (continues);

CREATE TABLE story_articles (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
    published_utc TEXT,
    PRIMARY KEY (story_id, article_id)
) WITHOUT ROWID;
CREATE INDEX story_articles_time ON story_articles (story_id, published_utc);

-- Each story's top entities, so the chain pass finds earlier stories naming them without a scan.
CREATE TABLE story_entities (
    name TEXT NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    PRIMARY KEY (name, story_id)
) WITHOUT ROWID;
CREATE INDEX story_entities_story ON story_entities (story_id);
"""

_STORY_FIELDS = ("id, title, title_article_id, first_seen, last_seen, articles, outlet_names, vector_sum, entities, "
                 "places, continues")


def _iso(day: float | None) -> str | None:
    if day is None:
        return None
    return datetime.fromtimestamp(day * 86400.0, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _live(row: tuple[Any, ...], vector: np.ndarray | None = None) -> LiveStory:
    id_, title, title_id, first, last, count, outlets, blob, entities, places, continues = row
    if vector is None:
        vector = np.frombuffer(blob, dtype="<f4") if blob else np.zeros(0, np.float32)
    return LiveStory(int(id_), vector, int(count), UNREAD, UNREAD, parse_day(first), parse_day(last), set(),
                     [], title_id, title or "", None, continues, (entities, places, outlets))


def _load(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> list[LiveStory]:
    rows = conn.execute(f"SELECT {_STORY_FIELDS} FROM stories WHERE {where}", params).fetchall()
    blobs = [row[7] for row in rows]
    if rows and blobs[0] and len(blobs[0]) % 4 == 0 and all(blob and len(blob) == len(blobs[0]) for blob in blobs):
        # The live stories of one model: their vectors read as one array, a row each, not a thousand arrays.
        vectors = list(np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(rows), -1))
        return [_live(row, vector) for row, vector in zip(rows, vectors, strict=True)]
    return [_live(row) for row in rows]


def _title_vector(conn: sqlite3.Connection, article_id: int) -> np.ndarray | None:
    # The title's vector is the embedding engineer's article_vectors row, read back from float16; read only for
    # the stories a batch joins, not for every live story.
    try:
        row = conn.execute("SELECT vector FROM article_vectors WHERE article_id = ?", (article_id,)).fetchone()
    except sqlite3.OperationalError:  # A store without vectors: titles then change only with better ones.
        return None
    return None if row is None else np.frombuffer(row[0], dtype="<f2").astype(np.float32)


class _Kept:
    """The live stories one connection's writer keeps between batches: the :class:`StoryStream` of its last
    batch, with what it must match to be used again instead of reading the live stories back.

    It is used only while it is exactly what reading the store would give: written by nobody else (the
    connection's temporary triggers on ``stories`` call :meth:`bump` for every write but this writer's own,
    and ``PRAGMA data_version`` moves with other connections' commits), its last write still there (a rolled
    back transaction takes it away), loaded from a window that covers the batch's, with one kind of vector.
    """

    def __init__(self, token: str) -> None:
        self.token = token
        self.stream: StoryStream | None = None
        self.key: tuple[str, float | None] = ("", None)
        #: ``last_seen`` the stream was loaded from (every story at or after it is in the stream).
        self.floor = ""
        self.data_version = -1
        #: What this writer last wrote: ``{story id: (articles, last_seen)}``.
        self.written: dict[int, tuple[int, str | None]] = {}
        self.writing = False
        self.changed = False

    def bump(self) -> None:
        """Called by the triggers: a story row changed; unless this writer is writing, the stream is stale."""
        if not self.writing:
            self.changed = True

    def triggers(self) -> list[str]:
        """The names of this keeper's triggers (one per kind of write)."""
        return [f"newsdesk_live_{self.token}_{kind}" for kind in ("insert", "update", "delete")]


#: Keepers by connection id, the latest few (a connection cannot be weakly referenced: a keeper whose
#: connection is gone is recognised by its triggers missing, and dropped as newer ones come).
_KEPT: OrderedDict[int, _Kept] = OrderedDict()
_KEPT_MAX = 4
_KEPT_LOCK = threading.Lock()
_ISO_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z"


def _keeper(conn: sqlite3.Connection) -> _Kept:
    with _KEPT_LOCK:
        kept = _KEPT.get(id(conn))
        if kept is not None:
            _KEPT.move_to_end(id(conn))
    names = kept.triggers() if kept is not None else []
    if kept is not None and conn.execute(
            f"SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name IN ({','.join('?' * 3)})",
            names).fetchone()[0] == len(names):
        return kept
    # A new connection (or one whose triggers a rollback took away): watch its story writes from now on.
    kept = _Kept(uuid.uuid4().hex)
    function = f"newsdesk_live_{kept.token}"
    conn.create_function(function, 0, kept.bump)
    for name, kind in zip(kept.triggers(), ("INSERT", "UPDATE", "DELETE"), strict=True):
        conn.execute(f"CREATE TEMP TRIGGER {name} AFTER {kind} ON stories BEGIN SELECT {function}(); END")
    with _KEPT_LOCK:
        _KEPT[id(conn)] = kept
        while len(_KEPT) > _KEPT_MAX:
            # Its connection's triggers still call it: let go of the stories at least.
            _KEPT.popitem(last=False)[1].stream = None
    return kept


def _still_good(conn: sqlite3.Connection, kept: _Kept, key: tuple[str, float | None], since: str) -> bool:
    stream = kept.stream
    if stream is None or kept.changed or kept.key != key or since < kept.floor:
        return False
    if int(conn.execute("PRAGMA data_version").fetchone()[0]) != kept.data_version:
        return False
    if kept.written:
        ids = sorted(kept.written)
        rows = conn.execute(f"SELECT id, articles, last_seen FROM stories WHERE id IN ({','.join('?' * len(ids))})",
                            ids).fetchall()
        if {int(i): (int(n), last) for i, n, last in rows} != kept.written:
            return False
    # Stories gone quiet stay in the stream, never chosen again (out of the window): reload when they outnumber
    # the live ones.
    quiet = stream.quiet_before(parse_day(since) or 0.0)
    return quiet <= max(1000, len(stream.stories_by_id) - quiet)


def _stored_day(day: float | None) -> float | None:
    return parse_day(_iso(day))


def _live_stream(conn: sqlite3.Connection, since: str | None, known: dict[int, int], model: str,
                 join_score: float | None) -> tuple[StoryStream, _Kept | None]:
    """The stream to assign a batch with: the one kept from the last batch when it is still exactly what the
    store holds, else one built from the live stories read back (kept for the next batch when it can be)."""
    next_id = int(conn.execute("SELECT ifnull(max(id), 0) + 1 FROM stories").fetchone()[0])
    title_vector = _title_reader(conn)
    kept = _keeper(conn) if since else None
    key = (model, join_score)
    if kept is not None and since and _still_good(conn, kept, key, since):
        stream = kept.stream
        assert stream is not None
        originals = set(known.values())
        if originals <= stream.stories_by_id.keys():
            # The clock a stream built afresh would start with: the latest last day of what it would load.
            stream.carry_on(next_id=next_id, story_of=known, clock=stream.latest(parse_day(since) or 0.0, originals),
                            title_vector=title_vector)
            return stream, kept
    # Two indexed reads, not one OR (which SQLite would answer by scanning every story).
    live = _load(conn, "last_seen >= ?", (since,)) if since else []
    live += _load(conn, "last_seen IS NULL", ())
    # Kept stories are filtered by their days, the store's by the text of last_seen: the same only while every
    # live one is written as _iso writes (a store of older code may hold other forms; read back each batch then).
    keep = kept is not None and conn.execute("SELECT 1 FROM stories WHERE last_seen >= ? AND last_seen NOT GLOB ? "
                                             "LIMIT 1", (since, _ISO_GLOB)).fetchone() is None
    have = {s.id for s in live}
    extra = sorted(set(known.values()) - have)
    if extra:
        live += _load(conn, f"id IN ({','.join('?' * len(extra))})", extra)
        keep = False  # Earlier stories a copy's original is in: the kept stream's rows must stay in id order.
    stream = StoryStream(model=model, join_score=join_score, next_id=next_id, live=live, title_vector=title_vector)
    stream.story_of.update(known)
    if kept is not None:
        kept.stream, kept.written = None, {}
        if keep and since and stream.kept_apart() == 0:
            kept.stream, kept.key, kept.floor, kept.changed = stream, key, since, False
            kept.data_version = int(conn.execute("PRAGMA data_version").fetchone()[0])
    return stream, kept


def _title_reader(conn: sqlite3.Connection) -> Callable[[int], np.ndarray | None]:
    return lambda article_id: _title_vector(conn, article_id)


def assign_stories(conn: sqlite3.Connection, items: Sequence[tuple[int, Article]], vectors: np.ndarray, *,
                   copy_of: dict[int, int] | None = None, join_score: float | None = None,
                   model: str | None = None) -> dict[int, int]:
    """Put each of a batch's stored articles in a story; returns ``{article_id: story_id}``.

    ``items`` are ``(article_id, article)`` pairs already inserted, ``vectors`` their unit embeddings in the
    same order, ``copy_of`` maps a copy's article id to its original's (the copy then joins that story).
    ``model`` names the embedding model that made the vectors (default
    :data:`~newsdesk.connect.embeddings.DEFAULT_MODEL`): it sets the scoring
    (:data:`~newsdesk.connect.stories.PARAMS`); ``join_score`` overrides its bar.
    Articles are taken in publication order, then id, so the stories do not depend on batch boundaries'
    worker scheduling, only on the stream.

    The live stories are read from the store once per connection and kept between batches, updated with
    what each batch changes: the same stories as reading them back every batch, which is what happens
    whenever anything else wrote a story (see :class:`_Kept`).

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> assign_stories(SQLiteStore(":memory:").connection, [], np.zeros((0, 2), np.float32))
    {}
    """
    if not items:
        return {}
    if len(vectors) != len(items):
        raise ValueError(f"assign_stories: {len(items)} articles but {len(vectors)} vectors")
    ids = [int(article_id) for article_id, _ in items]
    marks = ",".join("?" * len(ids))
    stored = {int(i): (published, host) for i, published, host in conn.execute(
        f"SELECT id, published_utc, host FROM articles WHERE id IN ({marks})", ids)}
    features = story_features([article for _, article in items], vectors)
    for article_id, feature in zip(ids, features, strict=True):
        published, host = stored.get(article_id, (None, None))
        if published:
            feature.day = parse_day(published)
        feature.outlet = host or feature.outlet
    days = [f.day for f in features if f.day is not None]
    # The stories of the last MEMORY_DAYS, not only the live ones: a name's crowd is counted over them (the stream
    # scores only the live ones).
    back = max(WINDOW_DAYS, MEMORY_DAYS)
    if days:
        since = _iso(min(days) - back)
    else:
        latest = conn.execute("SELECT max(last_seen) FROM stories").fetchone()[0]
        since = _iso((parse_day(latest) or 0.0) - back) if latest else None
    copies = {a: o for a, o in (copy_of or {}).items() if a != o}
    originals = sorted(set(copies.values()) - set(ids))
    known: dict[int, int] = {}
    if originals:
        omarks = ",".join("?" * len(originals))
        known = {int(a): int(s) for a, s in conn.execute(
            f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({omarks})", originals)}
    from newsdesk.connect.embeddings import DEFAULT_MODEL

    stream, kept = _live_stream(conn, since, known, model or DEFAULT_MODEL, join_score)
    order = sorted(range(len(ids)), key=lambda i: (features[i].day is None, features[i].day or 0.0, ids[i]))
    from threadpoolctl import threadpool_limits

    try:
        # One BLAS thread: a product this small gains nothing from threads, which only spin against the
        # other workers for the cores (measured: 0.1 ms becomes 8-40 ms under load).
        with threadpool_limits(limits=1):
            assigned = dict(zip([ids[i] for i in order], stream.add_all(
                [(ids[i], features[i], copies.get(ids[i])) for i in order]), strict=True))
        if kept is not None:
            kept.writing = True
        _write(conn, stream, assigned, stored)
    except BaseException:
        if kept is not None:
            kept.stream, kept.written = None, {}  # Half-changed: the next batch reads the store again.
        raise
    finally:
        if kept is not None:
            kept.writing = False
    if kept is not None and kept.stream is stream:
        if stream.kept_apart():
            kept.stream, kept.written = None, {}
        else:
            # As written (before settling: a day read back and written again may lose a second).
            kept.written = {i: (stream.stories_by_id[i].size, _iso(stream.stories_by_id[i].last_seen))
                            for i in stream.touched}
            stream.settle(_stored_day)
    return assigned


def _write(conn: sqlite3.Connection, stream: StoryStream, assigned: dict[int, int],
           stored: dict[int, tuple[str | None, str | None]]) -> None:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for story_id in sorted(stream.touched):
        story = stream.stories_by_id[story_id].load()
        entities = sorted(story.entities.items(), key=lambda kv: (-kv[1], kv[0]))
        conn.execute(
            "INSERT INTO stories (id, title, title_article_id, first_seen, last_seen, articles, outlets, outlet_names, "
            "vector_sum, entities, places, continues, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET title = excluded.title, title_article_id = excluded.title_article_id, "
            "first_seen = excluded.first_seen, last_seen = excluded.last_seen, articles = excluded.articles, "
            "outlets = excluded.outlets, outlet_names = excluded.outlet_names, vector_sum = excluded.vector_sum, "
            "entities = excluded.entities, places = excluded.places, continues = excluded.continues, "
            "updated_at = excluded.updated_at",
            (story.id, story.title or None, story.title_member, _iso(story.first_seen), _iso(story.last_seen),
             story.size, len(story.outlets), json.dumps(sorted(story.outlets)),
             np.asarray(story.vector_sum, dtype="<f4").tobytes(), json.dumps(entities),
             json.dumps(sorted(story.places.items(), key=lambda kv: (-kv[1], kv[0]))), story.continues, now))
        conn.execute("DELETE FROM story_entities WHERE story_id = ?", (story.id,))
        conn.executemany("INSERT INTO story_entities (name, story_id) VALUES (?, ?)",
                         [(name, story.id) for name, _ in entities[:CHAIN_TOP]])
    conn.executemany("INSERT OR REPLACE INTO story_articles (story_id, article_id, published_utc) VALUES (?, ?, ?)",
                     [(story_id, article_id, stored.get(article_id, (None, None))[0])
                      for article_id, story_id in assigned.items()])


def link_story_chains(conn: sqlite3.Connection, *, since: str | None = None) -> dict[int, int]:
    """The periodic pass: judge again every story that began at or after ``since`` (all when None), linked or
    not, and write the earlier story it continues (see :func:`~newsdesk.connect.stories.chain_target`), or NULL,
    where that changed. Returns ``{story id: id of the story it continues}`` for the links made or moved.

    ``since`` must be at or before the first day of every story written since the last pass (what the writer
    keeps): a story's link depends only on itself, on stories that ended before it began and on stories that
    began before it did, so every link a write can change is judged again, and after each pass the store holds
    the links the stream's :meth:`~newsdesk.connect.stories.StoryStream.link_chains` makes over the stories as
    they stand, however the articles were batched.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> link_story_chains(SQLiteStore(":memory:").connection)
    {}
    """
    where, params = ("first_seen >= ?", (since,)) if since else ("first_seen IS NOT NULL", ())
    laters = _load(conn, where, params)
    by_size: dict[int, list[LiveStory]] = {}
    for later in laters:
        if later.first_seen is not None and later.vector_sum.size:
            by_size.setdefault(later.vector_sum.size, []).append(later)
    targets: dict[int, int] = {}
    for same in by_size.values():
        # Stories that began close together look back over much the same days: one read of those days serves
        # a chunk of them.
        same.sort(key=lambda s: (s.first_seen, s.id))
        for start in range(0, len(same), _CHAIN_CHUNK):
            targets.update(_chain_targets(conn, same[start:start + _CHAIN_CHUNK]))
    made: dict[int, int] = {}
    for later in sorted(laters, key=lambda s: s.id):
        target = targets.get(later.id)
        if target != later.continues:
            conn.execute("UPDATE stories SET continues = ? WHERE id = ?", (target, later.id))
            if target is not None:
                made[later.id] = target
    return made


#: Later stories judged together (one read of the earlier stories they may continue).
_CHAIN_CHUNK = 256
# Below the cosine bar by less than float32 rounding: chain_target computes the exact cosine again.
_COSINE_SLACK = 1e-4
# The stories naming one of the top names (story_entities holds each story's CHAIN_TOP top names) of the stories
# whose ids are the JSON list bound to it (one variable, however many stories).
_NAMING = ("id IN (SELECT story_id FROM story_entities WHERE name IN "
           "(SELECT name FROM story_entities WHERE story_id IN (SELECT value FROM json_each(?))))")


def _chain_targets(conn: sqlite3.Connection, chunk: list[LiveStory]) -> dict[int, int]:
    """:func:`~newsdesk.connect.stories.chain_target` of each story of ``chunk`` (vectors of one size, days known)
    over the stored stories, cheapest test first. The stories naming one of their top names that ended in the
    :data:`~newsdesk.connect.stories.CHAIN_GAP_DAYS` before the first began, up to a day after the last (read a
    block at a time, without their JSON), are kept for a story only at its exact gap, at
    :data:`~newsdesk.connect.stories.CHAIN_COSINE` on the stacked vectors and with the share of top names
    (``story_entities``); only those are read whole for ``chain_target``, and the crowd of
    :func:`~newsdesk.connect.stories.chain_names` only when one passes every other test."""
    ids = json.dumps([later.id for later in chunk])
    firsts = np.array([later.first_seen for later in chunk], dtype=np.float64)
    mine = np.stack([later.vector_sum for later in chunk]).astype(np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        mine /= np.linalg.norm(mine, axis=1, keepdims=True)
    top: dict[int, set[str]] = {}
    for story_id, name in conn.execute("SELECT story_id, name FROM story_entities WHERE story_id IN "
                                       "(SELECT value FROM json_each(?))", (ids,)):
        top.setdefault(story_id, set()).add(name)
    pool = (f"last_seen >= ? AND last_seen <= ? AND {_NAMING}",
            [_iso(float(firsts.min()) - CHAIN_GAP_DAYS - 1.0), _iso(float(firsts.max()) + 1.0), ids])
    found: dict[int, list[int]] = {}
    cursor = conn.execute(f"SELECT id, last_seen, vector_sum FROM stories WHERE {pool[0]}", pool[1])
    while block := cursor.fetchmany(4096):
        rows = [row for row in block if row[2] and len(row[2]) == 4 * mine.shape[1]]  # Others' cosine is -1.
        if not rows:
            continue
        vectors = np.frombuffer(b"".join(row[2] for row in rows), dtype="<f4").reshape(len(rows), -1)
        with np.errstate(divide="ignore", invalid="ignore"):
            cosines = mine @ (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).T
        lasts = np.array([math.nan if (day := parse_day(row[1])) is None else day for row in rows])
        gap = firsts[:, None] - lasts[None, :]
        for i, k in zip(*np.nonzero((cosines >= CHAIN_COSINE - _COSINE_SLACK) & (gap > 0) & (gap <= CHAIN_GAP_DAYS)),
                        strict=True):
            found.setdefault(int(i), []).append(int(rows[k][0]))
    if not found:
        return {}
    theirs: dict[int, set[str]] = {}
    for story_id, name in conn.execute("SELECT story_id, name FROM story_entities WHERE story_id IN "
                                       "(SELECT value FROM json_each(?))",
                                       (json.dumps(sorted({c for cs in found.values() for c in cs})),)):
        theirs.setdefault(story_id, set()).add(name)
    targets: dict[int, int] = {}
    crowds = _Crowds(conn, ids, float(firsts.min()), float(firsts.max()))
    for i, candidates in sorted(found.items()):
        later = chunk[i]
        names = top.get(later.id, set())
        kept = [c for c in candidates
                if names and len(names & theirs.get(c, set())) / len(names) >= CHAIN_ENTITY_SHARE]
        if kept:
            earlier = _load(conn, "id IN (SELECT value FROM json_each(?))", (json.dumps(kept),))
            target = chain_target(later, earlier, WINDOW_DAYS, _Crowd(crowds, later, names))
            if target is not None:
                targets[later.id] = target
    return targets


class _Crowds:
    """The stories that ran while a chunk's stories began (last report at most WINDOW_DAYS before the first began,
    begun by the last, with a day to spare) and name one of their top names: their days and which of those names
    are among their top names (``story_entities``), all that :func:`~newsdesk.connect.stories.chain_names` reads
    of them, read once, on first use, without vectors or JSON."""

    def __init__(self, conn: sqlite3.Connection, ids: str, first: float, last: float) -> None:
        self._conn, self._query = conn, (ids, _iso(first - WINDOW_DAYS - 1.0), _iso(last + 1.0))
        self._naming: dict[str, list[tuple[int, float, float]]] | None = None

    def of(self, later: LiveStory, names: set[str]) -> list[LiveStory]:
        """The crowd chain_names needs for ``later`` (``names``: its top names): for each name, two stories other
        than ``later`` that give it and ran while it began, when there are two (chain_names leaves out the
        earlier story of the link it judges, so one more tells the name is not theirs alone)."""
        if self._naming is None:
            ids, low, high = self._query
            self._naming = {}
            for id_, first_seen, last_seen, name in self._conn.execute(
                    "SELECT s.id, s.first_seen, s.last_seen, e.name FROM stories AS s JOIN story_entities AS e "
                    "ON e.story_id = s.id WHERE s.last_seen >= ? AND s.first_seen <= ? AND e.name IN "
                    "(SELECT name FROM story_entities WHERE story_id IN (SELECT value FROM json_each(?)))",
                    (low, high, ids)):
                days = [math.nan if day is None else day for day in (parse_day(first_seen), parse_day(last_seen))]
                self._naming.setdefault(name, []).append((int(id_), days[0], days[1]))
        first = later.first_seen or 0.0
        since = first - WINDOW_DAYS  # chain_names' test, exactly
        crowd: dict[int, LiveStory] = {}
        for name in sorted(names):
            found = 0
            for id_, first_day, last_day in self._naming.get(name, ()):
                if id_ != later.id and first_day <= first and last_day >= since:
                    story = crowd.get(id_)
                    if story is None:
                        story = crowd[id_] = LiveStory(id_, np.zeros(0, np.float32), 1, Counter(), Counter(),
                                                       first_day, last_day)
                    story.entities[name] = 1
                    found += 1
                    if found == 2:
                        break
        return list(crowd.values())


class _Crowd:
    """``later``'s crowd (:meth:`_Crowds.of`), found on first use."""

    def __init__(self, crowds: _Crowds, later: LiveStory, names: set[str]) -> None:
        self._crowds, self._later, self._names = crowds, later, names
        self._stories: list[LiveStory] | None = None

    def __iter__(self) -> Iterator[LiveStory]:
        if self._stories is None:
            self._stories = self._crowds.of(self._later, self._names)
        return iter(self._stories)


@dataclass(slots=True)
class StorySummary:
    """A story as lists show it.

    >>> StorySummary(1, "Coalition to leave Iraq", None, None, 3, ["bbc.co.uk"]).to_dict()["articles"]
    3
    """

    id: int
    title: str | None
    first_seen: str | None
    last_seen: str | None
    articles: int
    outlets: list[str]
    entities: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    continues: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)


@dataclass(slots=True)
class StoryMember:
    """One article of a story: who published it and when.

    >>> StoryMember(7, "Iraq deal", "bbc.co.uk", "2025-09-30T10:00:00+00:00", "https://bbc.co.uk/x").host
    'bbc.co.uk'
    """

    article_id: int
    headline: str | None
    host: str | None
    published_utc: str | None
    url: str | None


@dataclass(slots=True)
class StoryDetail:
    """A story with its members in publication order, the outlets with when each first published, and its chain."""

    story: StorySummary
    members: list[StoryMember]
    outlets: list[tuple[str, str | None]]
    continued_by: list[int]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {**self.story.to_dict(), "members": [asdict(m) for m in self.members],
                "outlet_first_published": [{"outlet": o, "published_utc": p} for o, p in self.outlets],
                "continued_by": self.continued_by}


def _summary(row: tuple[Any, ...]) -> StorySummary:
    id_, title, first, last, count, outlets, entities, places, continues = row
    return StorySummary(int(id_), title, first, last, int(count), json.loads(outlets),
                        [n for n, _ in json.loads(entities)][:10], [n for n, _ in json.loads(places)][:10], continues)


_SUMMARY_FIELDS = "id, title, first_seen, last_seen, articles, outlet_names, entities, places, continues"


def list_stories(conn: sqlite3.Connection, *, since_utc: str | None = None, min_outlets: int = 1,
                 rank: str = "recent", limit: int = 20, offset: int = 0) -> list[StorySummary]:
    """Stories seen since ``since_utc`` with at least ``min_outlets`` outlets; ``rank`` ``recent`` (last seen
    first) or ``top`` (most outlets, then most articles, then last seen).

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> list_stories(SQLiteStore(":memory:").connection, rank="top")
    []
    """
    order = {"recent": "last_seen DESC, id DESC",
             "top": "outlets DESC, articles DESC, last_seen DESC, id DESC"}.get(rank)
    if order is None:
        raise ValueError(f"unknown story ranking {rank!r} (known: recent, top)")
    where, params = "outlets >= ?", list[int | str]([min_outlets])
    if since_utc:
        where += " AND last_seen >= ?"
        params.append(since_utc)
    rows = conn.execute(f"SELECT {_SUMMARY_FIELDS} FROM stories WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                        [*params, limit, offset])
    return [_summary(row) for row in rows]


def get_story(conn: sqlite3.Connection, story_id: int) -> StoryDetail | None:
    """One story with its members, outlets and chain; None when there is no such story.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> get_story(SQLiteStore(":memory:").connection, 1) is None
    True
    """
    row = conn.execute(f"SELECT {_SUMMARY_FIELDS} FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    members = [StoryMember(int(i), h, host, p, u) for i, h, host, p, u in conn.execute(
        "SELECT a.id, a.headline, a.host, sa.published_utc, a.url FROM story_articles AS sa "
        "JOIN articles AS a ON a.id = sa.article_id WHERE sa.story_id = ? "
        "ORDER BY sa.published_utc IS NULL, sa.published_utc, a.id", (story_id,))]
    first: dict[str, str | None] = {}
    for member in members:
        if member.host and member.host not in first:
            first[member.host] = member.published_utc
    later = [int(r[0]) for r in conn.execute("SELECT id FROM stories WHERE continues = ? ORDER BY id", (story_id,))]
    return StoryDetail(_summary(row), members, list(first.items()), later)


def story_of(conn: sqlite3.Connection, article_id: int) -> int | None:
    """The id of the story an article is in, if it has been assigned one.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> story_of(SQLiteStore(":memory:").connection, 1) is None
    True
    """
    row = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
    return int(row[0]) if row else None


class StoryQueries:
    """The store's questions about stories; :class:`~newsdesk.store.sqlite.SQLiteStore` inherits them.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.stories(), store.story(1), store.story_of(1)
    ([], None, None)
    """

    if TYPE_CHECKING:  # The store this is mixed into gives its connection, read-only.
        @property
        def connection(self) -> sqlite3.Connection: ...

    def stories(self, since: Any = None, min_outlets: int = 1, limit: int = 20, *, rank: str = "recent",
                offset: int = 0) -> list[StorySummary]:
        """Stories last seen since ``since`` (a date or instant) with at least ``min_outlets`` outlets."""
        from newsdesk.store.base import Filters

        return list_stories(self.connection, since_utc=Filters(since=since).since_utc, min_outlets=min_outlets,
                            rank=rank, limit=limit, offset=offset)

    def story(self, story_id: int) -> StoryDetail | None:
        """One story with members, outlets (and when each first published) and chain (see :func:`get_story`)."""
        return get_story(self.connection, story_id)

    def story_of(self, article_id: int) -> int | None:
        """The story an article is in (see :func:`story_of`)."""
        return story_of(self.connection, article_id)

"""Near-copies in the store: MinHash signatures and LSH band keys of every article, and the syndication chain.

A new article is checked against everything stored through its LSH keys: one indexed lookup of its
:data:`~newsdesk.connect.duplicates.LSH_BANDS` keys (``lsh_bands``), so the cost does not grow with the
store. A near-copy stays an article and gains a ``duplicates`` row of kind ``near`` naming its group's
original (``duplicate_of``) and its parent (``parent_id``, the earlier copy that contains most of it),
with the estimated Jaccard similarity to the parent and the share of it found there (``containment``).
The rows are keyed by the copy's article key; a row without ``parent_id`` (as a store whose near copies were
recorded at load, before the syndication chain, holds) is read as a copy of its ``duplicate_of``.

Each host's boilerplate is learnt as articles arrive: ``host_paragraphs`` counts, per host, the articles
each paragraph hash appears in (:mod:`newsdesk.connect.boilerplate`), and a new article's signature
leaves out its paragraphs that reached :data:`~newsdesk.connect.boilerplate.MIN_ARTICLES`.

The writer calls :func:`assign_copies` in the transaction that inserts a batch's articles, after
inserting them; the read functions and :class:`CopyQueries` serve the CLI and the API.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from newsdesk.connect.boilerplate import MIN_ARTICLES
from newsdesk.connect.duplicates import (
    MIN_SHINGLES,
    CopyFeatures,
    CopyMember,
    host_roles,
    is_copier,
    is_copy,
    linked_components,
    lsh_keys,
    pair_stats,
    rank_group,
)

__all__ = ["MAX_CANDIDATES", "CopyGroup", "CopyQueries", "CopyRow", "assign_copies", "copies_of", "copy_group",
           "write_signatures"]

#: Migration 7 (see :mod:`newsdesk.store.schema`).
MIGRATION_SQL = """
-- The MinHash signature of every article's body less its host's boilerplate (NUM_PERM uint32,
-- little-endian) and its shingle count.
CREATE TABLE article_signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature BLOB NOT NULL,
    shingles INTEGER NOT NULL
);

-- LSH keys (band number mixed in): articles sharing a key are candidate near-copies.
CREATE TABLE lsh_bands (
    key INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE INDEX lsh_bands_article ON lsh_bands (article_id);

-- How many articles of a host each paragraph (by hash) appears in: the host's boilerplate is what recurs.
CREATE TABLE host_paragraphs (
    host TEXT NOT NULL,
    hash INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (host, hash)
) WITHOUT ROWID;

-- Per host, how many copy groups it led (published the original of) and followed: hosts that almost
-- only follow are republishers, whose times are not trusted when naming an original.
CREATE TABLE host_copies (
    host TEXT PRIMARY KEY,
    led INTEGER NOT NULL DEFAULT 0,
    followed INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- The syndication chain of a near-copy: the copy it was most likely made from, and how much of it is there.
ALTER TABLE duplicates ADD COLUMN parent_id INTEGER REFERENCES articles (id) ON DELETE SET NULL;
ALTER TABLE duplicates ADD COLUMN containment REAL;
CREATE INDEX duplicates_parent ON duplicates (parent_id);
"""

#: Migration 10: ``lsh_bands`` without its foreign key and its index by article. Every band row written
#: cost a lookup of the article and a second b-tree insert, a tenth of the copy check at 100,000 stored
#: articles, for what only a rewrite needs: an article's earlier rows are found from its stored signature
#: (its keys are a function of it, :func:`_stored_keys`). newsdesk never deletes articles; rows of an
#: article deleted by hand stay behind as candidates without a signature, which the check's join skips.
MIGRATION_10_SQL = """
CREATE TABLE lsh_bands_keyed (
    key INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
INSERT INTO lsh_bands_keyed (key, article_id) SELECT key, article_id FROM lsh_bands;
DROP TABLE lsh_bands;
ALTER TABLE lsh_bands_keyed RENAME TO lsh_bands;
"""

#: Candidates from the LSH keys verified per article; a key shared by more (an empty or templated body)
#: says little, and its first ones by id are enough to join the group.
MAX_CANDIDATES = 200


@dataclass(slots=True)
class CopyRow:
    """One member of a copy group as stored; ``article_id`` is None for an exact copy (not kept as an article).

    >>> CopyRow(7, "https://b.example/1", "b.example", None, None, 3, "near", 0.8, 1.0).parent_id
    3
    """

    article_id: int | None
    url: str
    host: str | None
    headline: str | None
    published: str | None
    parent_id: int | None
    kind: str
    similarity: float | None
    containment: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of every field."""
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class CopyGroup:
    """An original and its copies, original first, then by publication.

    >>> g = CopyGroup(1, [CopyRow(1, "a", None, None, None, None, "original", None, None),
    ...                   CopyRow(2, "b", None, None, None, 1, "near", 0.7, 1.0),
    ...                   CopyRow(3, "c", None, None, None, 2, "near", 0.9, 1.0)])
    >>> g.chain(3)
    [1, 2, 3]
    """

    original: int
    members: list[CopyRow] = field(default_factory=list)

    def chain(self, article_id: int) -> list[int]:
        """Article ids from the original down to ``article_id`` along parents."""
        parents = {m.article_id: m.parent_id for m in self.members if m.article_id is not None}
        path = [article_id]
        while (parent := parents.get(path[-1])) is not None and len(path) <= len(parents):
            path.append(parent)
        return path[::-1]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: the original's id and every member."""
        return {"original": self.original, "members": [m.to_dict() for m in self.members]}


def write_signatures(conn: sqlite3.Connection, article_ids: Sequence[int], sigs: np.ndarray,
                     shingles: Sequence[int] | np.ndarray, *, replace: bool = True) -> None:
    """Store signatures and their LSH keys, without looking for copies.

    For loading many at once (a reprocess, a benchmark's filler); :func:`assign_copies` does this and more.
    ``replace=False`` skips removing earlier keys, for articles known to have none.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> conn = SQLiteStore(":memory:").connection
    >>> _ = conn.execute("INSERT INTO articles (key, record_hash, ingested_at) VALUES ('k', '', '')")
    >>> write_signatures(conn, [1], np.arange(128, dtype=np.uint32).reshape(1, -1), [40])
    >>> from newsdesk.connect.duplicates import LSH_BANDS
    >>> conn.execute("SELECT count(*) FROM lsh_bands").fetchone()[0] == LSH_BANDS
    True
    """
    signature_rows: list[tuple[int, bytes, int]] = []
    band_rows: list[tuple[int, int]] = []
    for article_id, sig, size in zip(article_ids, sigs, shingles, strict=True):
        signature_rows.append((int(article_id), np.ascontiguousarray(sig, dtype="<u4").tobytes(), int(size)))
        if int(size) >= MIN_SHINGLES:
            band_rows.extend((key, int(article_id)) for key in lsh_keys(np.asarray(sig, dtype=np.uint32)))
    if replace:
        _delete_keys(conn, [row[0] for row in signature_rows])
    conn.executemany("INSERT OR REPLACE INTO article_signatures (article_id, signature, shingles) VALUES (?, ?, ?)",
                     signature_rows)
    conn.executemany("INSERT OR IGNORE INTO lsh_bands (key, article_id) VALUES (?, ?)", band_rows)


def _stored_keys(blob: bytes, shingles: int) -> list[int]:
    """The LSH keys written for a stored signature (none for a body too short to have any)."""
    return lsh_keys(np.frombuffer(blob, dtype="<u4")) if int(shingles) >= MIN_SHINGLES else []


def _delete_keys(conn: sqlite3.Connection, article_ids: Sequence[int]) -> None:
    """Remove the band rows of articles whose signatures are stored, by the keys those signatures give."""
    rows: list[tuple[int, int]] = []
    for start in range(0, len(article_ids), 500):
        chunk = [int(article_id) for article_id in article_ids[start: start + 500]]
        marks = ",".join("?" * len(chunk))
        for article_id, blob, shingles in conn.execute(
                f"SELECT article_id, signature, shingles FROM article_signatures WHERE article_id IN ({marks})", chunk):
            rows.extend((key, article_id) for key in _stored_keys(blob, shingles))
    conn.executemany("DELETE FROM lsh_bands WHERE key = ? AND article_id = ?", rows)


def _boilerplate(conn: sqlite3.Connection, features: CopyFeatures, first_time: bool) -> frozenset[int]:
    hashes = sorted(set(features.paragraph_hashes))
    if not features.host or not hashes:
        return frozenset()
    if first_time:
        # One statement counts the article in and reads the counts back.
        values = ",".join("(?, ?, 1)" for _ in hashes)
        rows = conn.execute(f"INSERT INTO host_paragraphs (host, hash, articles) VALUES {values} "
                            "ON CONFLICT (host, hash) DO UPDATE SET articles = articles + 1 RETURNING hash, articles",
                            [item for value in hashes for item in (features.host, value)]).fetchall()
    else:
        marks = ",".join("?" * len(hashes))
        rows = conn.execute(f"SELECT hash, articles FROM host_paragraphs WHERE host = ? AND hash IN ({marks})",
                            (features.host, *hashes)).fetchall()
    return frozenset(int(value) for value, articles in rows if articles >= MIN_ARTICLES)


def _wire_code(value: str | None) -> str | None:
    if not value:
        return None
    try:
        code = json.loads(value).get("code")
    except (ValueError, AttributeError):
        return None
    return code if isinstance(code, str) else None


def _members(conn: sqlite3.Connection, ids: Sequence[int]) -> list[CopyMember]:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT a.id, a.key, a.host, a.published_utc, a.wire_source, a.headline, s.signature, s.shingles "
        f"FROM articles AS a JOIN article_signatures AS s ON s.article_id = a.id WHERE a.id IN ({marks}) "
        "ORDER BY a.id", list(ids)).fetchall()
    return [CopyMember(int(id_), key, host, published, _wire_code(wire), headline,
                       np.frombuffer(blob, dtype="<u4").astype(np.uint32), int(size))
            for id_, key, host, published, wire, headline, blob, size in rows]


#: A member's ``near`` row as stored: duplicate_of, parent_id, similarity, containment.
_NearRow = tuple[int, int | None, float | None, float | None]


def _members_and_originals(conn: sqlite3.Connection, ids: Sequence[int]
                           ) -> tuple[list[CopyMember], dict[int, int], dict[int, _NearRow], frozenset[str]]:
    """The members ``ids`` (by id), the original each one's ``near`` row names (itself without one), those
    rows, and the members' hosts that republish (:func:`_copiers`).

    One query for what :func:`_members`, :func:`_originals` and :func:`_copiers` read apart: this runs for
    every copy found.
    """
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT a.id, a.key, a.host, a.published_utc, a.wire_source, a.headline, s.signature, s.shingles, "
        "d.duplicate_of, d.parent_id, d.similarity, d.containment, d.url IS NOT NULL, h.led, h.followed "
        "FROM articles AS a JOIN article_signatures AS s ON s.article_id = a.id "
        "LEFT JOIN duplicates AS d ON d.url = a.key AND d.kind = 'near' "
        f"LEFT JOIN host_copies AS h ON h.host = a.host WHERE a.id IN ({marks}) ORDER BY a.id", list(ids)).fetchall()
    members = [CopyMember(int(row[0]), row[1], row[2], row[3], _wire_code(row[4]), row[5],
                          np.frombuffer(row[6], dtype="<u4").astype(np.uint32), int(row[7])) for row in rows]
    originals = {int(row[0]): int(row[8] if row[8] is not None else row[0]) for row in rows}
    near = {int(row[0]): (row[8], row[9], row[10], row[11]) for row in rows if row[12]}
    copiers = frozenset(row[2] for row in rows if row[2] and row[13] is not None
                        and is_copier(int(row[13]), int(row[14])))
    return members, originals, near, copiers


def _group_of(conn: sqlite3.Connection, matches: Sequence[int]) -> set[int]:
    """Every member of the groups ``matches`` belong to: their originals and the originals' copies.

    What :func:`_group_ids` of :func:`_originals` gives, in one query (this runs for every copy found).
    """
    marks = ",".join("?" * len(matches))
    return {int(row[0]) for row in conn.execute(
        "WITH originals (id) AS (SELECT coalesce(d.duplicate_of, a.id) FROM articles AS a LEFT JOIN duplicates "
        f"AS d ON d.url = a.key AND d.kind = 'near' WHERE a.id IN ({marks})) "
        "SELECT id FROM originals UNION SELECT a.id FROM duplicates AS d JOIN articles AS a ON a.key = d.url "
        "WHERE d.kind = 'near' AND d.duplicate_of IN (SELECT id FROM originals)", list(matches))}


def _group_ids(conn: sqlite3.Connection, originals: set[int]) -> set[int]:
    ids = set(originals)
    marks = ",".join("?" * len(originals))
    ids.update(int(row[0]) for row in conn.execute(
        f"SELECT a.id FROM duplicates AS d JOIN articles AS a ON a.key = d.url "
        f"WHERE d.kind = 'near' AND d.duplicate_of IN ({marks})", list(originals)))
    return ids


def _originals(conn: sqlite3.Connection, article_ids: Sequence[int]) -> dict[int, int]:
    marks = ",".join("?" * len(article_ids))
    rows = conn.execute(f"SELECT a.id, d.duplicate_of FROM articles AS a LEFT JOIN duplicates AS d "
                        f"ON d.url = a.key AND d.kind = 'near' WHERE a.id IN ({marks})", list(article_ids))
    return {int(id_): int(original if original is not None else id_) for id_, original in rows}


def _copiers(conn: sqlite3.Connection, members: list[CopyMember]) -> frozenset[str]:
    hosts = sorted({m.host for m in members if m.host})
    if not hosts:
        return frozenset()
    marks = ",".join("?" * len(hosts))
    rows = conn.execute(f"SELECT host, led, followed FROM host_copies WHERE host IN ({marks})", hosts)
    return frozenset(host for host, led, followed in rows if is_copier(int(led), int(followed)))


def _update_roles(conn: sqlite3.Connection, before: list[list[str | None]], after: list[list[str | None]]) -> None:
    """Count the groups ``after`` in ``host_copies`` in place of the groups ``before`` (hosts original first)."""
    delta: dict[tuple[str, str], int] = {}
    for hosts, sign in [(hosts, 1) for hosts in after] + [(hosts, -1) for hosts in before]:
        for role, n in host_roles(hosts).items():
            delta[role] = delta.get(role, 0) + sign * n
    conn.executemany(
        "INSERT INTO host_copies (host, led, followed) VALUES (?, ?, ?) "
        "ON CONFLICT (host) DO UPDATE SET led = max(0, led + excluded.led), "
        "followed = max(0, followed + excluded.followed)",
        [(host, n if role == "led" else 0, n if role == "followed" else 0)
         for (host, role), n in sorted(delta.items()) if n])


def _write_group(conn: sqlite3.Connection, order: list[CopyMember], parents: dict[int, tuple[int, float, float]],
                 run_id: int | None, stored: dict[int, _NearRow] | None = None) -> None:
    """Record a ranked group: the original loses any ``near`` row, each copy's row names it and its parent.

    ``stored``: the members' ``near`` rows as read before ranking, when known. Then a row already as it
    would be written is left alone without asking the database (which would leave it alone too: a group
    that grows by one changes few of its rows), and so is an original that has no row.
    """
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())  # as datetime's in UTC, for a third of the time
    original = order[0].ref
    keys_by_id = {m.ref: m.key for m in order}
    if stored is None or original in stored:
        conn.execute("DELETE FROM duplicates WHERE url = ? AND kind = 'near'", (keys_by_id[original],))
    rows = [(keys_by_id[ref], original, round(similarity, 4), parent, round(containment, 4), run_id, now)
            for ref, (parent, similarity, containment) in parents.items()]
    if stored is not None:
        rows = [row for row, ref in zip(rows, parents, strict=True)
                if stored.get(ref) != (original, row[3], row[2], row[4])]
    conn.executemany(
        "INSERT INTO duplicates (url, duplicate_of, kind, similarity, parent_id, containment, run_id, found_at) "
        "VALUES (?, ?, 'near', ?, ?, ?, ?, ?) "
        "ON CONFLICT (url) DO UPDATE SET duplicate_of = excluded.duplicate_of, similarity = excluded.similarity, "
        "parent_id = excluded.parent_id, containment = excluded.containment, "
        "run_id = excluded.run_id, found_at = excluded.found_at WHERE duplicates.kind = 'near' AND "
        "(duplicates.duplicate_of, duplicates.parent_id, duplicates.similarity, duplicates.containment) IS NOT "
        "(excluded.duplicate_of, excluded.parent_id, excluded.similarity, excluded.containment)",
        rows)


def _regroup_former(conn: sqlite3.Connection, article_id: int, run_id: int | None) -> None:
    """On a second check of an article (a reprocess), split its former group where its new body no longer
    holds it together: each part that still links (:func:`~newsdesk.connect.duplicates.linked_components`)
    is ranked again as a group, and a member left alone, the article included, loses its ``near`` row.

    Without this an article whose new body matches nothing kept a row naming its former original, and the
    copies it alone had linked stayed one group.
    """
    former = _originals(conn, [article_id]).get(article_id, article_id)
    ids = _group_ids(conn, {former})
    if len(ids) < 2:
        return
    members = _members(conn, sorted(ids))
    parts = [[members[i] for i in part] for part in linked_components(members)]
    if len(parts) == 1:
        return
    copiers = _copiers(conn, members)
    ranked = []
    for part in parts:
        if len(part) == 1:
            conn.execute("DELETE FROM duplicates WHERE url = ? AND kind = 'near'", (part[0].key,))
            continue
        order, parents = rank_group(part, copiers)
        _write_group(conn, order, parents, run_id)
        ranked.append([m.host for m in order])
    _update_roles(conn, [[m.host for m in sorted(members, key=lambda m: m.ref != former)]], ranked)


def assign_copies(conn: sqlite3.Connection, items: Sequence[tuple[int, CopyFeatures]],
                  run_id: int | None = None) -> dict[int, int]:
    """Store each article's signature and LSH keys, find its copies among everything stored, record the groups.

    ``items`` are ``(article_id, features)`` of articles already inserted, in the order they were
    (features from the stage :func:`~newsdesk.connect.duplicates.copy_features`). Runs inside the
    caller's transaction. Returns ``article_id -> original id`` for every article found to be a copy
    or an original of copies. A group's original and parents are ranked again whenever it grows
    (:func:`~newsdesk.connect.duplicates.rank_group`), so a copy that arrives before its original is
    put right when the original comes.

    >>> from newsdesk.connect.duplicates import copy_features
    >>> from newsdesk.model import Article, Block
    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> conn = SQLiteStore(":memory:").connection
    >>> story = [Block("paragraph", " ".join(f"w{i}" for i in range(k * 40, k * 40 + 40))) for k in range(4)]
    >>> wire = Article(url="https://a.example/1", published="2025-10-01T08:00:00Z", body=story)
    >>> copy = Article(url="https://b.example/2", published="2025-10-01T09:00:00Z", body=story[:2])
    >>> for n, article in enumerate([copy, wire], start=1):
    ...     _ = conn.execute("INSERT INTO articles (key, host, published_utc, record_hash, ingested_at) "
    ...                      "VALUES (?, ?, ?, '', '')", (article.url, article.url[8:17], article.published[:19] + "Z"))
    >>> sorted(assign_copies(conn, list(zip([1, 2], copy_features([copy, wire])))).items())
    [(1, 2), (2, 2)]
    >>> conn.execute("SELECT url, duplicate_of, parent_id, containment > 0.8 FROM duplicates").fetchall()
    [('https://b.example/2', 2, 2, 1)]
    """
    assigned: dict[int, int] = {}
    for article_id, features in items:
        article_id = int(article_id)
        stored_row = conn.execute("SELECT signature, shingles FROM article_signatures WHERE article_id = ?",
                                  (article_id,)).fetchone()
        first_time = stored_row is None
        sig, size = features.combined(_boilerplate(conn, features, first_time))
        keys = lsh_keys(sig) if size >= MIN_SHINGLES else []
        if stored_row is not None:
            conn.executemany("DELETE FROM lsh_bands WHERE key = ? AND article_id = ?",
                             [(key, article_id) for key in _stored_keys(*stored_row)])
        conn.execute("INSERT OR REPLACE INTO article_signatures (article_id, signature, shingles) VALUES (?, ?, ?)",
                     (article_id, sig.astype("<u4").tobytes(), size))
        conn.executemany("INSERT OR IGNORE INTO lsh_bands (key, article_id) VALUES (?, ?)",
                         [(key, article_id) for key in keys])
        if not first_time:
            _regroup_former(conn, article_id, run_id)
        if not keys:
            continue
        marks = ",".join("?" * len(keys))
        candidates = conn.execute(
            f"SELECT s.article_id, s.signature, s.shingles FROM article_signatures AS s WHERE s.article_id IN "
            f"(SELECT DISTINCT article_id FROM lsh_bands WHERE key IN ({marks}) AND article_id != ? "
            f"ORDER BY article_id LIMIT {MAX_CANDIDATES})", (*keys, article_id)).fetchall()
        matches = []
        for other_id, blob, other_size in candidates:
            other = np.frombuffer(blob, dtype="<u4")
            _, mine_in_other, other_in_mine = pair_stats(sig, size, other, int(other_size))
            if is_copy(size, int(other_size), mine_in_other, other_in_mine):
                matches.append(int(other_id))
        if not matches:
            continue
        members, earlier, stored, copiers = _members_and_originals(
            conn, sorted(_group_of(conn, matches) | {article_id}))
        before: dict[int, list[CopyMember]] = {}
        for member in members:
            if member.ref != article_id or not first_time:
                before.setdefault(earlier[member.ref], []).append(member)
        order, parents = rank_group(members, copiers)
        _update_roles(conn, [[m.host for m in sorted(old, key=lambda m: m.ref != lead)]
                             for lead, old in before.items() if len(old) > 1], [[m.host for m in order]])
        _write_group(conn, order, parents, run_id, stored)
        original = order[0].ref
        keys_by_id = {m.ref: m.key for m in order}
        assigned.update(dict.fromkeys(keys_by_id, original))
    return assigned


_GROUP_SQL = """
SELECT a.id, a.key, a.host, a.headline, a.published_utc, d.parent_id, d.duplicate_of, d.kind, d.similarity,
       d.containment
FROM duplicates AS d JOIN articles AS a ON a.key = d.url
WHERE d.kind = 'near' AND d.duplicate_of = ?
"""


def copy_group(conn: sqlite3.Connection, article_id: int) -> CopyGroup | None:
    """The copy group ``article_id`` belongs to (as original or copy), exact copies included; None if it has none.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> copy_group(SQLiteStore(":memory:").connection, 1) is None
    True
    """
    row = conn.execute("SELECT d.duplicate_of FROM articles AS a JOIN duplicates AS d ON d.url = a.key "
                       "AND d.kind = 'near' WHERE a.id = ?", (article_id,)).fetchone()
    original = int(row[0]) if row else int(article_id)
    head = conn.execute("SELECT id, key, host, headline, published_utc FROM articles WHERE id = ?",
                        (original,)).fetchone()
    if head is None:
        return None
    members = [CopyRow(int(head[0]), head[1], head[2], head[3], head[4], None, "original", None, None)]
    for id_, key, host, headline, published, parent, duplicate_of, kind, similarity, containment in conn.execute(
            _GROUP_SQL, (original,)):
        members.append(CopyRow(int(id_), key, host, headline, published,
                               int(parent) if parent is not None else int(duplicate_of), kind, similarity,
                               containment))
    ids = [m.article_id for m in members if m.article_id is not None]
    marks = ",".join("?" * len(ids))
    for url, duplicate_of in conn.execute(f"SELECT url, duplicate_of FROM duplicates WHERE kind = 'exact' AND "
                                          f"duplicate_of IN ({marks}) ORDER BY id", ids):
        members.append(CopyRow(None, url, None, None, None, int(duplicate_of), "exact", 1.0, 1.0))
    if len(members) == 1:
        return None
    members[1:] = sorted(members[1:], key=lambda m: (m.published is None, m.published or "", m.url))
    return CopyGroup(original, members)


def copies_of(conn: sqlite3.Connection, article_id: int) -> list[CopyRow]:
    """The copies made from ``article_id`` directly (its children in the chain), exact copies included.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> copies_of(SQLiteStore(":memory:").connection, 1)
    []
    """
    group = copy_group(conn, article_id)
    if group is None:
        return []
    return [m for m in group.members if m.parent_id == article_id and m.article_id != article_id]


class CopyQueries:
    """The store's questions about copies; :class:`~newsdesk.store.sqlite.SQLiteStore` inherits them.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.copy_group(1), store.copies_of(1)
    (None, [])
    """

    if TYPE_CHECKING:  # The store this is mixed into gives its connection, read-only.
        @property
        def connection(self) -> sqlite3.Connection: ...

    def copy_group(self, article_id: int) -> CopyGroup | None:
        """The original and every copy of the group ``article_id`` is in (see :func:`copy_group`)."""
        return copy_group(self.connection, article_id)

    def copies_of(self, article_id: int) -> list[CopyRow]:
        """The articles copied from ``article_id`` directly (see :func:`copies_of`)."""
        return copies_of(self.connection, article_id)

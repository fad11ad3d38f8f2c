"""The live stories the store keeps between batches give the stories reading them back every batch gave."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from newsdesk.connect.stories import MEMORY_DAYS, WINDOW_DAYS
from newsdesk.model import Article, Block, Enrichment, Entity
from newsdesk.store import open_store
from newsdesk.store import stories as store_stories
from newsdesk.store.stories import assign_stories, link_story_chains

_DIM = 16
# Written as names (a name only ever in lower case is an ordinary word, and counts for nothing), two of them an
# event's (event_name): a spent story takes a report naming its event without the spent margin.
_NAMES = [f"Person{n}" for n in range(10)] + ["Spring Summit", "Harbour Trial"]
_PLACES = [f"Town{n}" for n in range(4)]
_ROWS = ("SELECT id, title, title_article_id, first_seen, last_seen, articles, outlets, outlet_names, vector_sum, "
         "entities, places, continues FROM stories ORDER BY id")

Batch = list[tuple[int, Article, np.ndarray, int | None]]


def _iso(day: float) -> str:
    return datetime.fromtimestamp(day * 86400, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _batches(seed: int, count: int = 14, size: int = 25) -> list[Batch]:
    """Batches moving on over ~45 days (stories go quiet), with undated articles, copies of recent and of long
    gone originals, repeated vectors (ties) and shared names."""
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((8, _DIM))
    out: list[Batch] = []
    article_id = 0
    for batch in range(count):
        items: Batch = []
        for k in range(size):
            article_id += 1
            vector = topics[int(rng.integers(len(topics)))] + rng.normal(0, float(rng.choice([0.3, 0.9])), _DIM)
            if k % 11 == 5 and items:
                vector = items[-1][2].copy()  # The same vector twice: equal scores, the first story must win.
            vector = (vector / np.linalg.norm(vector)).astype(np.float32)
            names = rng.choice(_NAMES, size=int(rng.integers(0, 3)), replace=False).tolist()
            places = rng.choice(_PLACES, size=int(rng.integers(0, 2)), replace=False).tolist()
            dated = not (batch % 5 == 3 or k % 13 == 7)  # Some whole batches undated: the window then follows.
            published = _iso(20000.0 + batch * 3.3 + float(rng.random())) if dated else None
            entities = [Entity(n, "PERSON") for n in names] + [Entity(p, "PLACE") for p in places]
            article = Article(headline=f"h{article_id}", published=published, body=[Block("paragraph", "x")],
                              enrichment=Enrichment(entities))
            copy_of = None
            if article_id > 30 and k % 9 == 4:
                copy_of = int(rng.integers(1, article_id)) if k % 2 else int(rng.integers(1, 10))
            items.append((article_id, article, vector, copy_of))
        out.append(items)
    return out


def _write_articles(conn: sqlite3.Connection, items: Batch) -> None:
    for article_id, article, vector, _ in items:
        conn.execute("INSERT INTO articles (id, key, host, published_utc, record_hash, ingested_at) "
                     "VALUES (?, ?, ?, ?, 'h', '2025-01-01T00:00:00Z')",
                     (article_id, f"k{article_id}", f"o{article_id % 5}.example", article.published))
        if article_id % 3:  # Most articles' vectors are stored (float16, as ingest writes them): titles read them.
            conn.execute("INSERT INTO article_vectors (article_id, model, dim, vector) VALUES (?, 'minilm', ?, ?)",
                         (article_id, _DIM, vector.astype("<f2").tobytes()))


def _assign(conn: sqlite3.Connection, items: Batch) -> dict[int, int]:
    return assign_stories(conn, [(i, article) for i, article, _, _ in items], np.stack([v for _, _, v, _ in items]),
                          copy_of={i: o for i, _, _, o in items if o is not None})


def _run(batches: list[Batch], *, keep: bool,
         between: Callable[[sqlite3.Connection, int], None] = lambda conn, batch: None,
         ) -> tuple[dict[int, int], list[tuple[object, ...]], int]:
    """Assign every batch on one store; ``keep=False`` forgets the kept stories before each batch (the store
    then reads them back, as before they were kept). Returns the assignments, the story rows and how many
    batches used the kept stream."""
    assigned: dict[int, int] = {}
    reused = 0
    with open_store(":memory:") as store:
        conn = store.connection
        for number, items in enumerate(batches):
            between(conn, number)
            if not keep:
                store_stories._KEPT.clear()
            kept = store_stories._KEPT.get(id(conn))
            stream = kept.stream if kept is not None else None
            conn.execute("BEGIN")
            _write_articles(conn, items)
            assigned.update(_assign(conn, items))
            conn.execute("COMMIT")
            kept = store_stories._KEPT.get(id(conn))
            reused += stream is not None and kept is not None and kept.stream is stream
        rows = conn.execute(_ROWS).fetchall()
    return assigned, rows, reused


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    store_stories._KEPT.clear()
    yield
    store_stories._KEPT.clear()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_stories_give_the_stories_read_back_every_batch(seed: int) -> None:
    batches = _batches(seed)
    fresh = _run(batches, keep=False)
    kept = _run(batches, keep=True)
    assert kept[:2] == fresh[:2]
    assert fresh[2] == 0
    assert kept[2] >= len(batches) // 3  # The kept stream was used (the comparison is not of two fresh runs).
    assert len(set(fresh[0].values())) not in (1, len(fresh[0]))  # Joins and new stories both happen.


def test_story_written_by_another_path_is_read_again() -> None:
    batches = _batches(4)

    def meddle(conn: sqlite3.Connection, batch: int) -> None:
        if batch == 4:
            # Another writer moves a live story's centroid onto a topic and names everyone: it must be read again.
            story_id, blob = conn.execute("SELECT id, vector_sum FROM stories ORDER BY last_seen DESC, id").fetchone()
            vector = -np.frombuffer(blob, dtype="<f4")
            conn.execute("UPDATE stories SET vector_sum = ?, entities = ? WHERE id = ?",
                         (vector.tobytes(), "[" + ",".join(f'["{n}", 1]' for n in _NAMES) + "]", story_id))
        if batch == 7:
            link_story_chains(conn)
            conn.execute("DELETE FROM stories WHERE id = (SELECT max(id) FROM stories)")

    fresh = _run(batches, keep=False, between=meddle)
    kept = _run(batches, keep=True, between=meddle)
    assert kept[:2] == fresh[:2]
    assert kept[2] >= 2


def test_rolled_back_batch_is_not_kept() -> None:
    batches = _batches(5, count=6)

    def run(keep: bool) -> tuple[dict[int, int], list[tuple[object, ...]]]:
        assigned: dict[int, int] = {}
        with open_store(":memory:") as store:
            conn = store.connection
            for number, items in enumerate(batches):
                if not keep:
                    store_stories._KEPT.clear()
                conn.execute("BEGIN")
                _write_articles(conn, items)
                result = _assign(conn, items)
                if number in (2, 3):  # The writer's transaction fails after assignment: nothing of it stays.
                    conn.execute("ROLLBACK")
                    continue
                conn.execute("COMMIT")
                assigned.update(result)
            return assigned, conn.execute(_ROWS).fetchall()

    assert run(keep=True) == run(keep=False)


def test_another_connections_commit_is_read_again(tmp_path: Path) -> None:
    batches = _batches(6, count=6)

    def run(keep: bool, path: Path) -> tuple[dict[int, int], list[tuple[object, ...]]]:
        assigned: dict[int, int] = {}
        with open_store(path) as store:
            conn = store.connection
            for number, items in enumerate(batches):
                if number == 3:
                    other = sqlite3.connect(path)
                    other.execute("UPDATE stories SET entities = '[]', places = '[]'")
                    other.commit()
                    other.close()
                if not keep:
                    store_stories._KEPT.clear()
                conn.execute("BEGIN")
                _write_articles(conn, items)
                assigned.update(_assign(conn, items))
                conn.execute("COMMIT")
            return assigned, conn.execute(_ROWS).fetchall()

    assert run(True, tmp_path / "kept.db") == run(False, tmp_path / "fresh.db")


def test_stories_dated_in_another_form_are_read_back_every_batch() -> None:
    batches = _batches(7, count=8)

    def older_code(conn: sqlite3.Connection, batch: int) -> None:
        if batch == 3:
            # A store of older code: days written with a space and an offset, which sort apart from _iso's text.
            conn.execute("UPDATE stories SET last_seen = replace(replace(last_seen, 'T', ' '), 'Z', '+00:00') "
                         "WHERE id % 2 = 0")

    fresh = _run(batches, keep=False, between=older_code)
    kept = _run(batches, keep=True, between=older_code)
    assert kept[:2] == fresh[:2]
    assert kept[2] >= 1  # Kept before the change (and again once no live story is in the other form).


def test_story_dated_in_another_form_at_the_window_edge_is_not_kept() -> None:
    # Four stories that named "ann" last moved at noon on the day the second batch's load opens (MEMORY_DAYS back,
    # 06:00), written as older code wrote days: the store's text comparison leaves them out of that load ("D 12:00"
    # sorts before "DT06:00"), so "ann" is not crowded there and the second article, which shares only that name
    # with the first's story, joins it, kept stories or not (loaded, the four would crowd the name: 3/5 of it).
    axis = np.eye(_DIM, dtype=np.float32)
    close = (0.2 * axis[1] + np.sqrt(0.96) * axis[6]).astype(np.float32)
    batches = [[(1, Article(headline="a", published=_iso(20023.25), body=[Block("paragraph", "x")],
                            enrichment=Enrichment([Entity("Ann", "PERSON")])), axis[1], None)],
               [(2, Article(headline="b", published=_iso(20024.25), body=[Block("paragraph", "x")],
                            enrichment=Enrichment([Entity("Ann", "PERSON")])), close, None)]]
    edge = _iso(20024.25 - max(WINDOW_DAYS, MEMORY_DAYS) + 0.25).replace("T", " ").replace("Z", "+00:00")

    def older_stories(conn: sqlite3.Connection, batch: int) -> None:
        if batch == 0:
            for k in range(1, 5):
                conn.execute("INSERT INTO stories (id, title, first_seen, last_seen, articles, vector_sum, entities) "
                             "VALUES (?, 'old', ?, ?, 1, ?, '[[\"ann\", 1]]')", (k, edge, edge, axis[1 + k].tobytes()))

    for keep in (False, True):
        assigned, _, _ = _run(batches, keep=keep, between=older_stories)
        assert assigned == {1: 5, 2: 5}

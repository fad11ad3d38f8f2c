"""Copies in the store: found against everything stored, chains recorded and read back, order and reruns harmless."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator

import pytest

from newsdesk.connect.duplicates import copy_features
from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, open_store
from newsdesk.store.copies import CopyQueries, assign_copies, copies_of, copy_group
from newsdesk.store.near_duplicates import record_near_duplicates
from newsdesk.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from newsdesk.store.sqlite import SQLiteStore

_VOCABULARY = [f"{stem}{n}" for stem in ("vote", "port", "rain", "bank", "army", "trade", "court", "fire")
               for n in range(60)]


def _paragraphs(seed: int, count: int = 8, words: int = 45) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(_VOCABULARY) for _ in range(words)) + "." for _ in range(count)]


def _article(url: str, paragraphs: list[str], published: str | None = None, headline: str = "H") -> Article:
    return Article(url=url, published=published, headline=headline, is_article=True,
                   body=[Block("paragraph", text) for text in paragraphs])


@pytest.fixture()
def store() -> Iterator[SQLiteStore]:
    with open_store(":memory:") as opened:
        yield opened


def _ingest(store: SQLiteStore, articles: list[Article]) -> list[int]:
    """What the writer does: insert the batch, then assign copies in the same transaction."""
    summary = store.write_batch([ArticleOutcome(a.url or "", a) for a in articles])
    ids = summary.article_ids
    conn = store.connection
    conn.execute("BEGIN")
    assign_copies(conn, list(zip(ids, copy_features(articles), strict=True)))
    conn.execute("COMMIT")
    return ids


def _rows(store: SQLiteStore) -> list[tuple[object, ...]]:
    return store.connection.execute("SELECT url, kind, duplicate_of, parent_id FROM duplicates ORDER BY url").fetchall()


def test_trimmed_copy_in_a_later_batch_is_found_with_its_chain(store: SQLiteStore) -> None:
    story = _paragraphs(1, count=10)
    [wire, unrelated] = _ingest(store, [_article("https://wire.example/1", story, "2025-10-01T08:00:00Z"),
                                        _article("https://x.example/9", _paragraphs(2), "2025-10-01T08:00:00Z")])
    [first] = _ingest(store, [_article("https://a.example/1", story[:6], "2025-10-01T09:00:00Z", "Other")])
    [second] = _ingest(store, [_article("https://b.example/1", story[:4], "2025-10-01T10:00:00Z", "Other")])
    group = copy_group(store.connection, second)
    assert group is not None and group.original == wire
    assert [m.article_id for m in group.members] == [wire, first, second]
    assert group.chain(second) == [wire, first, second]
    assert [m.article_id for m in copies_of(store.connection, wire)] == [first]
    assert copy_group(store.connection, unrelated) is None
    assert store.stats().duplicates == {"near": 2}


def test_a_copy_stored_before_its_original_is_put_right(store: SQLiteStore) -> None:
    story = _paragraphs(3, count=10)
    [copy] = _ingest(store, [_article("https://paper.example/1", story[:5], "2025-10-01T11:00:00Z")])
    [original] = _ingest(store, [_article("https://wire.example/1", story, "2025-10-01T08:00:00Z")])
    assert _rows(store) == [("https://paper.example/1", "near", original, original)]
    group = copy_group(store.connection, original)
    assert group is not None and group.chain(copy) == [original, copy]


def test_a_republisher_learnt_from_earlier_groups_is_not_named_original_for_an_earlier_time(
        store: SQLiteStore) -> None:
    for n in range(3):
        story = _paragraphs(40 + n)
        _ingest(store, [_article(f"https://outlet{n}.example/1", story, "2025-10-01T08:00:00Z"),
                        _article(f"https://agg.example/{n}", story[:6], "2025-10-01T09:00:00Z")])
    assert store.connection.execute("SELECT led, followed FROM host_copies WHERE host = 'agg.example'").fetchone() \
        == (0, 3)
    story = _paragraphs(50)
    [aggregated, source] = _ingest(store, [_article("https://agg.example/9", story[:6], "2025-10-01T07:00:00Z"),
                                           _article("https://outlet9.example/1", story, "2025-10-01T08:00:00Z")])
    group = copy_group(store.connection, aggregated)
    assert group is not None and group.original == source


def test_same_input_again_and_reassigning_change_nothing(store: SQLiteStore) -> None:
    story = _paragraphs(4)
    batch = [_article("https://wire.example/1", story, "2025-10-01T08:00:00Z"),
             _article("https://a.example/1", story[:5], "2025-10-01T09:00:00Z")]
    ids = _ingest(store, batch)
    before = _rows(store)
    conn = store.connection
    conn.execute("BEGIN")
    assign_copies(conn, list(zip(ids, copy_features(batch), strict=True)))
    conn.execute("COMMIT")
    assert _rows(store) == before and len(before) == 1
    counts = conn.execute("SELECT sum(articles) FROM host_paragraphs").fetchone()[0]
    assert counts == len(story) + 5


def test_site_boilerplate_learnt_in_the_store_keeps_briefs_apart(store: SQLiteStore) -> None:
    footer = ["Sign up for our newsletter to get the best of the Courier in your inbox every single morning, "
              "with the analysis and numbers behind the news and nothing else at all.",
              "Copyright 2025 The Courier. All rights reserved. This material may not be published, broadcast "
              "or rewritten without permission from the newsroom of the Courier."]
    for n in range(3):
        # Earlier articles teach the store the footer, one batch at a time.
        _ingest(store, [_article(f"https://courier.example/old{n}", [*_paragraphs(30 + n, 3), *footer])])
    _ingest(store, [_article(f"https://courier.example/{n}", [*_paragraphs(10 + n, count=1, words=20), *footer])
                    for n in range(2)])
    assert _rows(store) == []


def test_corrupt_and_empty_bodies_never_break_a_batch(store: SQLiteStore) -> None:
    story = _paragraphs(5)
    batch = [Article(url="https://bad.example/1", body=[Block("paragraph", "")], is_article=True),
             _article("https://bad.example/2", ["\x00 \ud800"]),
             _article("https://wire.example/1", story, "2025-10-01T08:00:00Z"),
             _article("https://a.example/1", story[:6], None)]
    ids = _ingest(store, batch)
    assert _rows(store) == [("https://a.example/1", "near", ids[2], ids[2])]


def test_rows_recorded_at_load_without_a_parent_are_read_as_copies_of_their_original(store: SQLiteStore) -> None:
    ids = store.write_batch([ArticleOutcome(n, _article(f"https://{n}.example/1", _paragraphs(ord(n)))) for n in "ab"])
    record_near_duplicates(store.connection, [(ids.article_ids[1], ids.article_ids[0], 0.9)])
    group = copy_group(store.connection, ids.article_ids[1])
    assert group is not None and group.chain(ids.article_ids[1]) == ids.article_ids


def test_copy_queries_mixin_reads_the_group() -> None:
    assert issubclass(SQLiteStore, CopyQueries)
    with SQLiteStore(":memory:") as store:
        story = _paragraphs(6)
        ids = _ingest(store, [_article("https://wire.example/1", story, "2025-10-01T08:00:00Z"),
                              _article("https://a.example/1", story[:6], "2025-10-01T09:00:00Z")])
        group = store.copy_group(ids[1])
        assert group is not None and group.to_dict()["original"] == ids[0]
        assert [m.url for m in store.copies_of(ids[0])] == ["https://a.example/1"]


def test_a_store_of_version_6_upgrades_with_its_duplicates_kept() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    assert migrate(conn, MIGRATIONS[:6]) == 6
    conn.execute("INSERT INTO articles (key, record_hash, ingested_at) VALUES ('https://a.example/1', '', '')")
    conn.execute("INSERT INTO duplicates (url, duplicate_of, kind, found_at) "
                 "VALUES ('https://b.example/1', 1, 'exact', '')")
    assert migrate(conn) == SCHEMA_VERSION
    assert conn.execute("SELECT url, duplicate_of, parent_id, containment FROM duplicates").fetchall() == [
        ("https://b.example/1", 1, None, None)]
    assert copy_group(conn, 1) is not None


def _recheck(store: SQLiteStore, article_id: int, article: Article) -> None:
    """What reprocess does for an updated article: its new body checked again, in a transaction."""
    conn = store.connection
    conn.execute("BEGIN")
    assign_copies(conn, [(article_id, copy_features([article])[0])])
    conn.execute("COMMIT")


def _roles(store: SQLiteStore) -> list[tuple[object, ...]]:
    return store.connection.execute("SELECT host, led, followed FROM host_copies WHERE led + followed > 0 "
                                    "ORDER BY host").fetchall()


def test_a_copy_whose_new_body_matches_nothing_loses_its_near_row(store: SQLiteStore) -> None:
    story = _paragraphs(60, count=10)
    wire, copy = _article("https://wire.example/1", story, "2025-10-01T08:00:00Z"), \
        _article("https://a.example/1", story[:6], "2025-10-01T09:00:00Z")
    ids = _ingest(store, [wire, copy])
    assert _rows(store) == [("https://a.example/1", "near", ids[0], ids[0])]
    _recheck(store, ids[1], _article("https://a.example/1", _paragraphs(61), "2025-10-01T09:00:00Z"))
    assert _rows(store) == []
    assert copy_group(store.connection, ids[0]) is None
    assert _roles(store) == []
    _recheck(store, ids[1], copy)  # Its old body back: the group is found again, as it was.
    assert _rows(store) == [("https://a.example/1", "near", ids[0], ids[0])]
    assert _roles(store) == [("a.example", 0, 1), ("wire.example", 1, 0)]


def test_an_original_rewritten_leaves_copies_that_do_not_share_text_apart(store: SQLiteStore) -> None:
    story = _paragraphs(70, count=12)
    ids = _ingest(store, [_article("https://wire.example/1", story, "2025-10-01T08:00:00Z"),
                          _article("https://a.example/1", story[:6], "2025-10-01T09:00:00Z"),
                          _article("https://b.example/1", story[6:], "2025-10-01T10:00:00Z"),
                          _article("https://c.example/1", story[:5], "2025-10-01T11:00:00Z")])
    assert {row[2] for row in _rows(store)} == {ids[0]}
    _recheck(store, ids[0], _article("https://wire.example/1", _paragraphs(71), "2025-10-01T08:00:00Z"))
    # a and c share five paragraphs and stay one group (a is earlier); b shares nothing with them.
    assert _rows(store) == [("https://c.example/1", "near", ids[1], ids[1])]
    assert copy_group(store.connection, ids[2]) is None and copy_group(store.connection, ids[0]) is None
    assert _roles(store) == [("a.example", 1, 0), ("c.example", 0, 1)]


def test_a_copy_rewritten_into_another_story_moves_to_that_group(store: SQLiteStore) -> None:
    first, second = _paragraphs(80, count=10), _paragraphs(81, count=10)
    ids = _ingest(store, [_article("https://wire.example/1", first, "2025-10-01T08:00:00Z"),
                          _article("https://wire.example/2", second, "2025-10-01T08:00:00Z"),
                          _article("https://a.example/1", first[:6], "2025-10-01T09:00:00Z")])
    _recheck(store, ids[2], _article("https://a.example/1", second[:6], "2025-10-01T09:00:00Z"))
    assert _rows(store) == [("https://a.example/1", "near", ids[1], ids[1])]
    assert copy_group(store.connection, ids[0]) is None


def _band_rows(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    return conn.execute("SELECT key, article_id FROM lsh_bands ORDER BY key, article_id").fetchall()


def _expected_band_rows(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """The band rows the stored signatures give: what lsh_bands must hold, no more, no less."""
    import numpy as np

    from newsdesk.connect.duplicates import MIN_SHINGLES, lsh_keys
    rows = [(key, article_id)
            for article_id, blob, shingles in conn.execute("SELECT article_id, signature, shingles "
                                                           "FROM article_signatures")
            if shingles >= MIN_SHINGLES for key in lsh_keys(np.frombuffer(blob, dtype="<u4"))]
    return sorted(set(rows))


def test_a_rewritten_body_leaves_exactly_its_new_band_rows(store: SQLiteStore) -> None:
    first, second = _paragraphs(71), _paragraphs(72)
    ids = _ingest(store, [_article("https://a.example/1", first), _article("https://b.example/1", second)])
    before = _band_rows(store.connection)
    assert before == _expected_band_rows(store.connection) and before
    _recheck(store, ids[0], _article("https://a.example/1", _paragraphs(73)))
    after = _band_rows(store.connection)
    assert after == _expected_band_rows(store.connection)
    assert {article_id for _, article_id in after} == set(ids)
    assert not {row for row in before if row[1] == ids[0]} & set(after)  # the old body's keys are gone
    _recheck(store, ids[1], _article("https://b.example/1", ["too short to sign."]))
    assert {article_id for _, article_id in _band_rows(store.connection)} == {ids[0]}


def test_a_store_of_version_9_keeps_its_band_rows_without_the_foreign_key() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    assert migrate(conn, MIGRATIONS[:9]) == 9
    conn.execute("INSERT INTO articles (key, record_hash, ingested_at) VALUES ('https://a.example/1', '', '')")
    conn.executemany("INSERT INTO lsh_bands (key, article_id) VALUES (?, 1)", [(5,), (-3,)])
    assert migrate(conn) == SCHEMA_VERSION
    assert _band_rows(conn) == [(-3, 1), (5, 1)]
    assert conn.execute("PRAGMA foreign_key_list(lsh_bands)").fetchall() == []
    assert [row[1] for row in conn.execute("PRAGMA index_list(lsh_bands)")] == ["sqlite_autoindex_lsh_bands_1"]

"""The copy check's one-query lookups read what the separate queries they replace read, on a store with groups;
the rows it leaves alone because they are already as it would write them are the rows the database leaves alone."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsdesk.connect.duplicates import copy_features
from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, copies, open_store
from newsdesk.store.copies import (
    _copiers,
    _group_ids,
    _group_of,
    _members,
    _members_and_originals,
    _originals,
    assign_copies,
)

_WORDS = [f"{stem}{n}" for stem in ("vote", "port", "rain", "bank", "army") for n in range(80)]


def _paragraphs(seed: int, count: int = 8) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(_WORDS) for _ in range(45)) + "." for _ in range(count)]


def test_group_and_member_lookups_match_the_queries_they_replace() -> None:
    rng = random.Random(3)
    articles = []
    for story in range(6):
        text = _paragraphs(story)
        articles.append(Article(url=f"https://wire.example/{story}", published="2025-10-01T08:00:00Z",
                                headline="H", is_article=True, body=[Block("paragraph", p) for p in text]))
        for copy in range(story % 4):  # groups of 2 to 4, trimmed copies on other hosts, some undated
            kept = text[copy: copy + 5 + copy % 2]  # parts of the text, no two alike: an exact copy is not stored
            articles.append(Article(url=f"https://c{copy}.example/{story}", headline=rng.choice(["H", "Other"]),
                                    published=rng.choice([None, "2025-10-01T09:00:00Z", "2025-10-01T07:00:00Z"]),
                                    is_article=True, body=[Block("paragraph", p) for p in kept]))
    rng.shuffle(articles)
    with open_store(":memory:") as store:
        ids = store.write_batch([ArticleOutcome(a.url or "", a) for a in articles]).article_ids
        conn = store.connection
        conn.execute("BEGIN")
        assigned = assign_copies(conn, list(zip(ids, copy_features(articles), strict=True)))
        conn.execute("COMMIT")
        assert len(set(assigned.values())) == 4  # the four stories with copies are four groups
        seen_copiers: set[str] = set()
        for size in (1, 2, 3):
            for _ in range(20):
                some = sorted(rng.sample(ids, size))
                assert _group_of(conn, some) == _group_ids(conn, set(_originals(conn, some).values()))
                members, originals, near, copiers = _members_and_originals(conn, some)
                assert copiers == _copiers(conn, _members(conn, some))
                seen_copiers |= copiers
                assert originals == _originals(conn, some)
                assert near == {id_: (of, parent, similarity, containment) for id_, of, parent, similarity, containment
                                in conn.execute("SELECT a.id, d.duplicate_of, d.parent_id, d.similarity, "
                                                "d.containment FROM articles AS a JOIN duplicates AS d ON d.url = "
                                                "a.key AND d.kind = 'near'") if id_ in some}
                expected = _members(conn, some)
                assert [m.ref for m in members] == [m.ref for m in expected] == some
                for got, want in zip(members, expected, strict=True):
                    assert (got.key, got.host, got.published_utc, got.wire, got.headline, got.shingles) == (
                        want.key, want.host, want.published_utc, want.wire, want.headline, want.shingles)
                    assert np.array_equal(got.signature, want.signature)
        assert seen_copiers  # a host that follows in several groups was among those read



def test_rows_already_right_are_left_alone_as_the_database_would_leave_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Growing a group one article (and one run) at a time: every near row, its run included, as writing them all
    gives (the database's upsert keeps a row that does not change, run and time included)."""
    rng = random.Random(5)
    text = _paragraphs(40, count=10)
    articles = [Article(url=f"https://h{n}.example/{n}", headline=rng.choice(["H", "G"]), is_article=True,
                        published=f"2025-10-01T{8 + n % 5:02d}:00:00Z" if n % 4 else None,
                        body=[Block("paragraph", p) for p in text[n % 3: n % 3 + 5 + n % 4]]) for n in range(9)]
    results = []
    for write_all in (False, True):
        if write_all:  # what the check did before it knew the stored rows
            monkeypatch.setattr(copies, "_write_group", lambda conn, order, parents, run_id, stored=None,
                                write=copies._write_group: write(conn, order, parents, run_id, None))
        with open_store(":memory:") as store:
            ids = store.write_batch([ArticleOutcome(a.url or "", a) for a in articles]).article_ids
            conn = store.connection
            for article_id, features in zip(ids, copy_features(articles), strict=True):
                conn.execute("BEGIN")
                run = conn.execute("INSERT INTO runs (command, started_at) VALUES ('t', '') RETURNING id").fetchone()[0]
                assign_copies(conn, [(article_id, features)], run)
                conn.execute("COMMIT")
            results.append(conn.execute("SELECT url, kind, duplicate_of, parent_id, similarity, containment, run_id "
                                        "FROM duplicates ORDER BY url").fetchall())
    assert len(results[0]) == len(articles) - 1  # one group: every article but the original is a copy
    assert len({row[6] for row in results[0]}) < len(results[0])  # some rows kept from an earlier run
    assert results[0] == results[1]

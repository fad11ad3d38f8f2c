"""The copy check's one-query lookups read what the separate queries they replace read, on a store with groups."""

from __future__ import annotations

import random

import numpy as np

from newsdesk.connect.duplicates import copy_features
from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, open_store
from newsdesk.store.copies import (
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
        for size in (1, 2, 3):
            for _ in range(20):
                some = sorted(rng.sample(ids, size))
                assert _group_of(conn, some) == _group_ids(conn, set(_originals(conn, some).values()))
                members, originals = _members_and_originals(conn, some)
                assert originals == _originals(conn, some)
                expected = _members(conn, some)
                assert [m.ref for m in members] == [m.ref for m in expected] == some
                for got, want in zip(members, expected, strict=True):
                    assert (got.key, got.host, got.published_utc, got.wire, got.headline, got.shingles) == (
                        want.key, want.host, want.published_utc, want.wire, want.headline, want.shingles)
                    assert np.array_equal(got.signature, want.signature)

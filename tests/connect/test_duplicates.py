"""Near-duplicates in a batch: trimmed copies found, boilerplate ignored, originals and parents named, reruns equal."""

from __future__ import annotations

import random

from newsdesk.connect import DuplicateGroup, near_duplicates
from newsdesk.connect.boilerplate import paragraph_hash, recurring_paragraphs
from newsdesk.connect.duplicates import copy_features
from newsdesk.model import Article, Block, WireSource

_VOCABULARY = [f"{stem}{n}" for stem in ("vote", "port", "rain", "bank", "army", "trade", "court", "fire")
               for n in range(60)]


def _paragraphs(seed: int, count: int = 8, words: int = 45) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(_VOCABULARY) for _ in range(words)) + "." for _ in range(count)]


def _article(url: str, paragraphs: list[str], published: str | None = None, **fields: object) -> Article:
    return Article(url=url, published=published, body=[Block("paragraph", text) for text in paragraphs],
                   **fields)  # type: ignore[arg-type]


def _groups(groups: list[DuplicateGroup]) -> list[tuple[int, ...]]:
    return [group.members for group in groups]


def test_trimmed_copy_found_by_containment_with_its_original() -> None:
    story = _paragraphs(1, count=10)
    wire = _article("https://wire.example/a", story, "2025-10-01T08:00:00Z")
    trimmed = _article("https://paper.example/b", story[:4], "2025-10-01T09:30:00Z", headline="New headline")
    unrelated = _article("https://other.example/c", _paragraphs(2), "2025-10-01T07:00:00Z")
    [group] = near_duplicates([unrelated, trimmed, wire])
    assert group.members == (1, 2)
    assert group.original == 2
    assert group.parents == {1: 2}
    assert group.containment[1] > 0.8 and group.similarity[1] < 0.6
    assert group.kinds == {1: "near"}


def test_exact_copy_is_kind_exact() -> None:
    story = _paragraphs(3)
    a = _article("https://a.example/1", story, "2025-10-01T08:00:00Z")
    b = _article("https://b.example/1", [text.upper() for text in story], "2025-10-01T08:05:00Z")
    [group] = near_duplicates([a, b])
    assert group.original == 0 and group.kinds == {1: "exact"}


def test_chain_names_the_copy_of_a_copy_parent() -> None:
    story = _paragraphs(4, count=10)
    added = "An editor's note added by the regional paper about local reactions to the story today."
    original = _article("https://wire.example/1", story, "2025-10-01T08:00:00Z", headline="Wire headline")
    first = _article("https://a.example/1", [*story[:7], added], "2025-10-01T09:00:00Z", headline="Regional take")
    second = _article("https://b.example/1", [*story[:6], added], "2025-10-01T10:00:00Z", headline="Regional take")
    [group] = near_duplicates([second, original, first])
    assert group.original == 1
    assert group.parents == {2: 1, 0: 2}
    assert group.chain(0) == [1, 2, 0]


def test_site_boilerplate_does_not_make_different_articles_copies() -> None:
    footer = ["Sign up for our newsletter to get the best of the Courier in your inbox every single morning, "
              "with the analysis and numbers behind the news and nothing else at all.",
              "Copyright 2025 The Courier. All rights reserved. This material may not be published, broadcast "
              "or rewritten without permission from the newsroom of the Courier."]
    briefs = [_article(f"https://courier.example/{n}", [*_paragraphs(10 + n, count=1, words=20), *footer])
              for n in range(5)]
    assert near_duplicates(briefs) == []
    # Without a host to learn the footer from, the footer is most of the text: copies.
    assert near_duplicates([_article(None, a.text.split("\n\n")) for a in briefs[:2]]) != []  # type: ignore[arg-type]


def test_wire_prior_names_the_agency_page_even_when_a_copy_is_dated_earlier() -> None:
    story = _paragraphs(5)
    agency = _article("https://www.reuters.com/world/a", story, "2025-10-01T09:00:00Z",
                      wire_source=WireSource("Reuters", "Reuters"))
    copy = _article("https://paper.example/a", story[:6], "2025-10-01T08:00:00Z",
                    wire_source=WireSource("Reuters", "Reuters"))
    [group] = near_duplicates([copy, agency])
    assert group.original == 1


def test_undated_members_rank_after_dated_ones() -> None:
    story = _paragraphs(6)
    undated = _article("https://a.example/1", story)
    dated = _article("https://b.example/1", story[:7], "2025-10-01T12:00:00Z")
    [group] = near_duplicates([undated, dated])
    assert group.original == 1


def test_rerun_and_reordered_input_give_the_same_groups() -> None:
    stories = [_paragraphs(20 + n, count=8) for n in range(6)]
    articles = []
    for n, story in enumerate(stories):
        articles.append(_article(f"https://o{n}.example/x", story, f"2025-10-0{1 + n % 3}T08:00:00Z"))
        articles.append(_article(f"https://c{n}.example/x", story[: 3 + n % 4], f"2025-10-0{1 + n % 3}T09:00:00Z"))
    first = near_duplicates(articles)
    assert near_duplicates(articles) == first
    order = list(range(len(articles)))
    random.Random(3).shuffle(order)
    shuffled = near_duplicates([articles[i] for i in order])
    as_urls = {frozenset(articles[m].url for m in g.members): articles[g.original].url for g in first}
    again = {frozenset(articles[order[m]].url for m in g.members): articles[order[g.original]].url for g in shuffled}
    assert as_urls == again and len(as_urls) == len(stories)


def test_corrupt_and_empty_bodies_never_break_a_batch() -> None:
    story = _paragraphs(7)
    broken = Article(url="https://bad.example/1", body=[Block("paragraph", None)])  # type: ignore[arg-type]
    odd = Article(url="https://bad.example/2", published="not a date", body=[Block("paragraph", "\ud800 storm \x00")])
    empty = Article(url="https://bad.example/3")
    no_url = Article(body=[Block("paragraph", "")])
    good = [_article("https://a.example/1", story, "2025-10-01T08:00:00Z"),
            _article("https://b.example/1", story[:5], "2025-10-01T09:00:00Z")]
    groups = near_duplicates([broken, odd, empty, no_url, *good, empty])
    assert _groups(groups) == [(4, 5)]
    features = copy_features([broken, odd, empty])
    assert [f.combined()[1] for f in features] == [0, 1, 0]


def test_recurring_paragraphs_are_counted_per_host() -> None:
    footer = paragraph_hash("Read more at the Courier.")
    assert recurring_paragraphs([("a.example", [footer])] * 2 + [("b.example", [footer])]) == {}
    assert recurring_paragraphs([("a.example", [footer, footer])] * 3) == {"a.example": frozenset({footer})}

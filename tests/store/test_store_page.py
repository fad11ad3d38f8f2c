"""Keyset pages of the newest-first list: order, filters, undated articles, ties, writes between pages, bad tokens."""

from __future__ import annotations

import base64

import pytest
from store_samples import cup_final, outcome_for

from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, Filters, SearchHit, SQLiteStore, StoreError


def all_pages(store: SQLiteStore, filters: Filters | None, limit: int) -> list[list[int]]:
    pages: list[list[int]] = []
    after: str | None = None
    while True:
        hits, after = store.page(filters, after=after, limit=limit)
        pages.append([hit.id for hit in hits])
        if after is None:
            return pages
        assert len(pages) < 100, "the pages never end"


def tide(n: int, published: str | None) -> ArticleOutcome:
    article = Article(
        url=f"https://harbourgazette.example/tides/{n}",
        site_name="Harbour Gazette",
        language="en",
        headline=f"Tide times for the harbour, notice {n}",
        published=published,
        section="Local",
        body=[Block("paragraph", f"Notice {n}: high water at {n % 12 + 1} o'clock, low water six hours later.")],
        is_article=True,
    )
    return ArticleOutcome(f"tide-{n}", article)


def test_pages_follow_the_newest_first_order_without_repeats(filled: SQLiteStore) -> None:
    newest_first = [hit.id for hit in filled.search(None, limit=50)]
    pages = all_pages(filled, None, 2)
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [i for page in pages for i in page] == newest_first
    assert [s.id for s in filled.latest(50)] == newest_first


def test_a_page_holds_what_the_list_shows(filled: SQLiteStore) -> None:
    hits, after = filled.page(None, after=None, limit=1)
    assert after is not None
    assert isinstance(hits[0], SearchHit)
    assert hits[0] == filled.search(None, limit=1)[0]
    assert hits[0].headline == "Le gouvernement présente un budget de rigueur pour 2026"
    assert not hits[0].snippet.has_highlight and hits[0].score == 0.0


def test_the_last_full_page_says_there_is_no_next(filled: SQLiteStore) -> None:
    hits, after = filled.page(None, after=None, limit=5)
    assert len(hits) == 5 and after is None


@pytest.mark.parametrize(
    "filters",
    [Filters(lang="en"), Filters(source="daily meridian"), Filters(section="LOCAL"), Filters(since="2025-09-29"),
     Filters(author="birch", until="2025-09-30"), Filters(section="Sport", lang="fr")],
)
def test_filters_apply_to_every_page(filled: SQLiteStore, filters: Filters) -> None:
    expected = [hit.id for hit in filled.search(None, filters, limit=50)]
    assert [i for page in all_pages(filled, filters, 1) for i in page] == expected


def test_undated_articles_come_last_and_page_by_id(filled: SQLiteStore) -> None:
    filled.write_batch([tide(n, None) for n in range(1, 5)])
    newest_first = [hit.id for hit in filled.search(None, limit=50)]
    pages = all_pages(filled, None, 3)
    assert [i for page in pages for i in page] == newest_first
    assert [len(page) for page in pages] == [3, 3, 3]
    # The second page crosses from the dated articles to the undated ones, newest id first.
    undated = [s.id for s in filled.latest(50) if s.article.published is None]
    assert pages[1][2:] + pages[2] == undated == sorted(undated, reverse=True)


def test_articles_published_at_the_same_time_are_ordered_by_id(store: SQLiteStore) -> None:
    store.write_batch([tide(n, "2025-10-01T06:00:00Z") for n in range(1, 6)])
    ids = [i for page in all_pages(store, None, 2) for i in page]
    assert ids == sorted(ids, reverse=True) and len(ids) == 5


def test_articles_written_between_pages_do_not_shift_the_next_page(filled: SQLiteStore) -> None:
    first, after = filled.page(None, after=None, limit=2)
    filled.write_batch([tide(1, "2025-10-05T06:00:00Z"), outcome_for(cup_final())])
    rest = [i for page in all_pages_after(filled, after) for i in page]
    everything = [hit.id for hit in filled.search(None, limit=50)]
    # The new article is above the first page; the rest of the list goes on where the first page ended.
    assert [hit.id for hit in first] + rest == everything[1:]


def all_pages_after(store: SQLiteStore, after: str | None) -> list[list[int]]:
    pages = []
    while after is not None:
        hits, after = store.page(None, after=after, limit=2)
        pages.append([hit.id for hit in hits])
    return pages


def made_up_token(payload: str, prefix: str = "n1.") -> str:
    return prefix + base64.urlsafe_b64encode(payload.encode("utf-8")).decode("ascii").rstrip("=")


@pytest.mark.parametrize("token", [
    "2",
    "page=3",
    "n1.",
    "n1.bm9wZQ",  # base64 of text that is not JSON
    "n1.\u00e9\u00e9",
    made_up_token('["2025",3]'),  # not an instant
    made_up_token('["2025-10-01T06:00:00Z",0]'),  # no such id
    made_up_token('["2025-10-01T06:00:00Z",true]'),
    made_up_token('["2025-10-01T06:00:00Z",3,1]'),
    made_up_token('{"o":40}'),
    made_up_token('["2025-10-01T06:00:00Z",3]', prefix="n2."),  # another version
])
def test_a_token_the_store_did_not_make_is_a_clear_error(filled: SQLiteStore, token: str) -> None:
    with pytest.raises(StoreError, match=r"^after: not a page position this store made$"):
        filled.page(None, after=token, limit=2)


def test_an_empty_token_is_the_first_page(filled: SQLiteStore) -> None:
    assert filled.page(None, after="", limit=2) == filled.page(None, after=None, limit=2)


def test_limit_zero_is_an_empty_last_page(filled: SQLiteStore) -> None:
    assert filled.page(None, after=None, limit=0) == ([], None)
    assert filled.page(None, after=None, limit=-3) == ([], None)

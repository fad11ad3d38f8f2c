"""Facet counts: per outlet, section and language, each what filtering on the value gives."""

from __future__ import annotations

import dataclasses

import pytest
from store_samples import harbour

from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, Filters, SQLiteStore, StoreError


def ferry(n: int, **fields: object) -> ArticleOutcome:
    """Articles that make the groupings differ from the filters: a host without a site name,
    a section spelt in other cases, regional language tags."""
    article = Article(
        url=f"https://harbourgazette.example/ferries/{n}",
        language="en",
        headline=f"Ferry crossings to the islands resume, update {n}",
        published=f"2025-09-{20 + n}T07:00:00Z",
        section="Local",
        body=[Block("paragraph", f"Update {n}: the coalition of ferry operators restored the early sailing.")],
        is_article=True,
    )
    return ArticleOutcome(f"ferry-{n}", dataclasses.replace(article, **fields))


@pytest.fixture
def mixed(filled: SQLiteStore) -> SQLiteStore:
    filled.write_batch([
        ferry(1),  # harbourgazette.example without a site name: its host names the outlet
        ferry(2, section="local", language="EN-gb"),
        ferry(3, site_name="HARBOUR GAZETTE", section="LOCAL"),
        ferry(4, language=None),
    ])
    return filled


def test_counts_per_field_for_a_query(filled: SQLiteStore) -> None:
    facets = filled.facet_counts("coalition")
    assert facets["source"] == {"Daily Meridian": 2, "Harbour Gazette": 1, "Le Quotidien du Nord": 1}
    assert next(iter(facets["source"])) == "Daily Meridian"  # most articles first
    assert facets["section"] == {"Local": 1, "Politics": 1, "World": 1, "Économie": 1}
    # "en" counts the en-GB article too, as the lang filter does.
    assert facets["lang"] == {"en": 3, "en-gb": 1, "fr": 1}
    assert list(facets["lang"]) == ["en", "en-gb", "fr"]


def test_every_count_is_what_filtering_on_the_value_gives(mixed: SQLiteStore) -> None:
    for query in (None, "coalition", "ferry OR budget", "-pentagon"):
        for filters in (Filters(), Filters(lang="en"), Filters(section="local"), Filters(source="Harbour Gazette")):
            facets = mixed.facet_counts(query, filters)
            for field, counts in facets.items():
                assert counts, (query, filters, field)
                for value, articles in counts.items():
                    chosen = dataclasses.replace(filters, **{field: value})
                    assert mixed.count(query, chosen) == articles, (query, filters, field, value)


def test_values_merge_as_the_filters_compare_them(mixed: SQLiteStore) -> None:
    facets = mixed.facet_counts("ferry")
    # The host counts every article from it; the site name only those that carry it (in any case).
    assert facets["source"] == {"harbourgazette.example": 4, "HARBOUR GAZETTE": 1}
    # Spellings of a section in other cases are that section, shown as its most frequent spelling.
    assert facets["section"] == {"Local": 4}
    assert facets["lang"] == {"en": 3, "en-gb": 1}


def test_a_field_is_counted_without_its_own_filter(filled: SQLiteStore) -> None:
    facets = filled.facet_counts("coalition", Filters(section="World", lang="en"))
    # The other sections stay visible with what choosing them instead would give...
    assert facets["section"] == {"Local": 1, "Politics": 1, "World": 1}
    # ...while the other fields count only the chosen section's results.
    assert facets["source"] == {"Daily Meridian": 1}
    assert facets["lang"] == {"en": 1}


def test_limit_keeps_the_biggest_values_and_the_chosen_one(filled: SQLiteStore) -> None:
    assert filled.facet_counts(None, fields=["source"], limit=1) == {"source": {"Daily Meridian": 2}}
    chosen = filled.facet_counts(None, Filters(source="northern sports desk"), fields=["source"], limit=1)
    assert chosen == {"source": {"Daily Meridian": 2, "Northern Sports Desk": 1}}
    assert filled.facet_counts(None, fields=["section"], limit=0) == {"section": {}}


def test_a_chosen_value_without_articles_is_left_out(filled: SQLiteStore) -> None:
    facets = filled.facet_counts("coalition", Filters(section="Sport"))
    assert "Sport" not in facets["section"]
    assert facets["source"] == {} and facets["lang"] == {}


def test_queries_that_match_nothing_count_nothing(filled: SQLiteStore) -> None:
    assert filled.facet_counts("zeppelin") == {"source": {}, "section": {}, "lang": {}}
    assert filled.facet_counts("!!! ???") == {"source": {}, "section": {}, "lang": {}}


def test_only_the_fields_asked_for(filled: SQLiteStore) -> None:
    assert list(filled.facet_counts("coalition", fields=("lang",))) == ["lang"]
    with pytest.raises(StoreError, match="cannot count by 'author'"):
        filled.facet_counts("coalition", fields=("section", "author"))


def test_articles_without_a_value_are_not_a_value(store: SQLiteStore) -> None:
    store.write_batch([ArticleOutcome("h", dataclasses.replace(harbour(), section=None, language=None))])
    facets = store.facet_counts(None)
    assert facets["section"] == {} and facets["lang"] == {}
    assert facets["source"] == {"Harbour Gazette": 1}

"""Search: ranking, highlights, query syntax, every filter with and without a query, hostile input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, Filters, SQLiteStore, StoreError
from newsdesk.store.search import parse_query, short_prefixes


def headlines(store: SQLiteStore, query: str | None, filters: Filters | None = None) -> list[str]:
    return [hit.headline or "" for hit in store.search(query, filters, limit=50)]


def test_headline_matches_rank_above_body_matches(filled: SQLiteStore) -> None:
    hits = filled.search("coalition")
    assert len(hits) == 4
    assert hits[0].headline == "US-led coalition to wind down Iraq mission by end of 2026"
    # The parliament story says "coalition" four times, but only in its body.
    assert hits[1].headline == "Parliament opens a long budget debate"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[0].score > 0


def test_hits_carry_highlighted_title_and_snippet(filled: SQLiteStore) -> None:
    top = filled.search("baghdad coalition")[0]
    assert top.title.marked("[", "]") == "US-led [coalition] to wind down Iraq mission by end of 2026"
    snippet = top.snippet.marked("[", "]")
    assert "[coalition]" in snippet and "[Baghdad]" in snippet
    assert top.snippet.plain.replace("…", "").strip() in top_text(filled, top.id)
    assert "<mark>coalition</mark>" in top.to_dict()["snippet_html"]


def top_text(store: SQLiteStore, article_id: int) -> str:
    stored = store.get(article_id)
    assert stored is not None
    return stored.article.text


def test_snippet_html_is_escaped(store: SQLiteStore) -> None:
    article = Article(
        url="https://harbourgazette.example/code",
        headline="Council website hacked",
        body=[Block("paragraph", "The page showed <script>alert('pwned')</script> next to the berth plans.")],
    )
    store.write_batch([ArticleOutcome("code", article)])
    hit = store.search("berth")[0]
    assert "<script>" not in hit.snippet.html()
    assert "&lt;script&gt;" in hit.snippet.html() and "<mark>berth</mark>" in hit.snippet.html()


def test_snippet_falls_back_to_the_standfirst(filled: SQLiteStore) -> None:
    hit = filled.search("amendments")[0]
    assert hit.snippet.marked("[", "]") == "Opposition parties promise [amendments]."


def test_phrases_or_not_and_prefixes(filled: SQLiteStore) -> None:
    assert headlines(filled, '"coalition government"') == ["Parliament opens a long budget debate"]
    assert headlines(filled, '"government coalition"') == []
    assert sorted(headlines(filled, "rovers OR ferry")) == ["Late goal sends Rovers through to the cup final"]
    assert len(headlines(filled, "rovers OR budget")) == 3
    assert "US-led coalition to wind down Iraq mission by end of 2026" not in headlines(filled, "coalition -iraq")
    assert headlines(filled, "coalition -iraq") == headlines(filled, "coalition NOT iraq")
    assert len(headlines(filled, "coalition -iraq")) == 3
    assert headlines(filled, "-coalition") == ["Late goal sends Rovers through to the cup final"]
    assert headlines(filled, "harb*") == ["Council approves £40m harbour expansion after marathon meeting"]


def test_accents_and_case_do_not_matter(filled: SQLiteStore) -> None:
    assert headlines(filled, "PRESENTE") == ["Le gouvernement présente un budget de rigueur pour 2026"]
    assert headlines(filled, "économies") == headlines(filled, "economies")


def test_query_without_searchable_words_finds_nothing(filled: SQLiteStore) -> None:
    assert filled.search("!!! ... ???") == []
    assert filled.count("!!! ... ???") == 0


def test_no_query_lists_newest_first_with_a_lead_snippet(filled: SQLiteStore) -> None:
    hits = filled.search(None)
    assert [h.published for h in hits] == [
        "2025-10-01T09:00:00+02:00",
        "2025-09-30T14:05:00+03:00",
        "2025-09-29T22:10:00Z",
        "2025-09-28T21:30:00+01:00",
        "2025-09-27T11:00:00+00:00",
    ]
    assert hits[0].snippet.plain == "Le ministre promet de ramener le déficit sous 5 % du PIB."
    assert not hits[0].snippet.has_highlight and hits[0].score == 0.0
    assert filled.search("   ") == hits


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(since="2025-09-30"), {"coalition", "budget_fr"}),
        (Filters(until="2025-09-28"), {"harbour", "parliament"}),
        (Filters(since=date(2025, 9, 29), until="2025-09-29"), {"cup"}),
        (Filters(since="2025-09-30T12:00:00+00:00"), {"budget_fr"}),  # 14:05+03:00 is 11:05Z
        (Filters(source="daily meridian"), {"coalition", "parliament"}),
        (Filters(source="harbourgazette.example"), {"harbour"}),
        (Filters(source="www.dailymeridian.example"), {"coalition", "parliament"}),
        (Filters(section="sport"), {"cup"}),
        (Filters(section="Économie"), {"budget_fr"}),
        (Filters(lang="en"), {"coalition", "harbour", "cup", "parliament"}),
        (Filters(lang="en-gb"), {"harbour"}),
        (Filters(lang="FR"), {"budget_fr"}),
        (Filters(author="birch"), {"coalition", "parliament"}),
        (Filters(author="Claire Dubois"), {"budget_fr"}),
        (Filters(author="100%_"), set()),
        (Filters(lang="en", author="tom", since="2025-09-28"), {"coalition"}),
        (Filters(), {"coalition", "harbour", "cup", "parliament", "budget_fr"}),
    ],
)
def test_each_filter_alone_and_with_a_query(filled: SQLiteStore, filters: Filters, expected: set[str]) -> None:
    names = {
        "US-led coalition to wind down Iraq mission by end of 2026": "coalition",
        "Council approves £40m harbour expansion after marathon meeting": "harbour",
        "Le gouvernement présente un budget de rigueur pour 2026": "budget_fr",
        "Late goal sends Rovers through to the cup final": "cup",
        "Parliament opens a long budget debate": "parliament",
    }
    alone = {names[h] for h in headlines(filled, None, filters)}
    assert alone == expected
    assert filled.count(None, filters) == len(expected)
    assert {names[s.article.headline or ""] for s in filled.iter_articles(filters)} == expected
    assert {names[s.article.headline or ""] for s in filled.latest(50, filters)} == expected
    # "coalition" is in every article but the cup final: the query narrows the filtered set.
    with_query = {names[h] for h in headlines(filled, "coalition", filters)}
    assert with_query == expected - {"cup"}
    assert filled.count("coalition", filters) == len(with_query)
    excluded = {names[h] for h in headlines(filled, "-coalition", filters)}
    assert excluded == expected & {"cup"}


def test_unreadable_dates_are_a_clear_error() -> None:
    with pytest.raises(StoreError, match="--since: cannot read 'last tuesday'"):
        Filters(since="last tuesday")


def test_limit_and_offset_page_through_results(filled: SQLiteStore) -> None:
    everything = [h.id for h in filled.search("coalition", limit=10)]
    pages = [h.id for offset in range(0, 4, 2) for h in filled.search("coalition", limit=2, offset=offset)]
    assert pages == everything
    assert filled.search("coalition", limit=0) == []
    assert [s.id for s in filled.latest(2)] == [h.id for h in filled.search(None, limit=2)]


def test_undated_articles_come_last(filled: SQLiteStore) -> None:
    undated = Article(url="https://harbourgazette.example/tides", headline="Tide tables for October")
    filled.write_batch([ArticleOutcome("tides", undated)])
    assert filled.latest(10)[-1].article.headline == "Tide tables for October"
    assert filled.count(None, Filters(since="2000-01-01")) == 5


_fts_fragments = st.sampled_from(
    [
        '"',
        "'",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(",
        "(",
        ")",
        "*",
        "-",
        "+",
        ":",
        "^",
        "{",
        "}",
        "headline:",
        "col:",
        "\\",
        "iraq",
        "coalition",
        "Pentagon",
        "\x00",
        "\ud800",
        "\u200b",
        "é",
        "",
        " ",
        "--",
        "OR OR",
        '""',
        "*iraq",
        "iraq*",
        "-(",
        "NOT NOT",
        "AND (",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(_fts_fragments, max_size=12).map(" ".join)
    | st.lists(_fts_fragments, max_size=12).map("".join)
    | st.text(st.characters(categories=["Cs", "Cc", "Po", "Ps", "Pe", "Sm", "Lu", "Ll", "Zs"]), max_size=40)
)
def test_no_query_string_raises(filled: SQLiteStore, query: str) -> None:
    hits = filled.search(query, limit=10)
    assert filled.count(query) == len(filled.search(query, limit=100))
    assert all(h.id > 0 for h in hits)


def test_parse_query_quotes_every_term() -> None:
    assert parse_query('NEAR(a b) headline:iraq "x').match == '"NEAR(a" AND "b)" AND "headline:iraq" AND "x"'
    assert parse_query('say "it\'s" O"Brien').match == '"say" AND "it\'s" AND "O""Brien"'
    assert parse_query("OR").match == '"OR"'
    assert parse_query("a " * 500).match.count('"a"') == 64  # type: ignore[union-attr]


def test_short_prefixes_are_searched_as_words() -> None:
    # A one- or two-letter prefix matches most of the index: FTS5 would read every term under it.
    assert parse_query("a*").match == '"a"'
    assert parse_query("ab* harb*").match == '"ab" AND "harb"*'
    assert parse_query("-é*").exclude == '"é"'
    assert parse_query("abc*").match == '"abc"*'


def test_short_prefixes_are_listed() -> None:
    assert short_prefixes("a* harb* -ab* x \"c*\"") == ["a*", "ab*"]
    assert short_prefixes("harbour*") == []


def test_a_short_prefix_finds_only_the_word(filled: SQLiteStore) -> None:
    assert headlines(filled, "ha*") == headlines(filled, "ha")
    assert headlines(filled, "harb*") == ["Council approves £40m harbour expansion after marathon meeting"]

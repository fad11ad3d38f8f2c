"""Tests for newsdesk.extract.headline: the headline a reader sees, out of <h1>s and titles."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.headline import choose_headline
from newsdesk.extract.pageindex import PageIndex


def choose(
    html: str,
    titles: list[str | None],
    ld_headline: str | None = None,
    site_name: str | None = None,
    url: str | None = None,
) -> str | None:
    index = PageIndex.read(LexborHTMLParser(html))
    return choose_headline(index, ld_headline, titles, site_name, url)[0]


def test_the_h1_that_agrees_with_the_title_wins_over_a_logo_h1() -> None:
    html = (
        '<header><h1 class="logo">Harbour Times</h1></header>'
        "<main><h1>Ferry service resumes after storm</h1></main>"
    )
    assert choose(html, ["Ferry service resumes after storm | Harbour Times"]) == "Ferry service resumes after storm"


def test_the_h1_keeps_its_own_wording_when_the_title_is_close() -> None:
    html = "<article><h1>Ferry Service Resumes After Storm!</h1></article>"
    assert choose(html, ["Ferry service resumes after storm"]) == "Ferry Service Resumes After Storm!"


def test_the_node_is_returned_with_a_visible_headline() -> None:
    tree = LexborHTMLParser("<article><h1>Ferry service resumes</h1></article>")
    text, node = choose_headline(PageIndex.read(tree), None, ["Ferry service resumes"], None, None)
    assert text == "Ferry service resumes" and node is not None and node.tag == "h1"


def test_itemprop_headline_counts_as_a_visible_candidate() -> None:
    html = '<div itemscope><h2 itemprop="headline">Council approves new budget</h2></div><h1>Menu</h1>'
    assert choose(html, ["Council approves new budget - City Herald"]) == "Council approves new budget"


def test_the_site_name_is_cut_from_either_end_of_the_title() -> None:
    assert choose("", ["Harbour Times | Ferry service resumes"], site_name="Harbour Times") == (
        "Ferry service resumes"
    )
    assert choose("", ["Ferry service resumes – harbourtimes"], url="https://www.harbourtimes.co.uk/x") == (
        "Ferry service resumes"
    )


def test_json_ld_headline_before_the_title_when_no_h1_agrees() -> None:
    html = "<header><h1>Harbour Times</h1></header><header><h1>Weather</h1></header>"
    assert choose(html, ["Ferries back | Harbour Times"], ld_headline="Ferry service resumes") == (
        "Ferry service resumes"
    )


def test_a_lone_h1_that_disagrees_is_still_what_readers_see() -> None:
    html = "<h1>Ferry service resumes after the storm</h1>"
    assert choose(html, ["Ferries are back! Read all about it"]) == "Ferry service resumes after the storm"


def test_a_one_word_h1_is_a_label_not_a_headline() -> None:
    assert choose("<main><h1>News</h1></main>", ["Ferry service resumes"]) == "Ferry service resumes"


def test_nothing_to_choose_from() -> None:
    assert choose("<p>Text only.</p>", [None, ""]) is None

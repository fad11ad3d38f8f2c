"""Tests for newsdesk.extract.metadata, one field at a time, on small hand-written pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.metadata import PageMetadata, extract_metadata
from newsdesk.model import Image

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str, url: str | None = None) -> PageMetadata:
    return extract_metadata(LexborHTMLParser((FIXTURES / name).read_text(encoding="utf-8")), url)


def page(html: str, url: str | None = None) -> PageMetadata:
    return extract_metadata(LexborHTMLParser(html), url)


GRAPH_URL = "https://www.example.com/middle-east/coalition-to-scale-back-iraq-mission-18012"


# --- headline --------------------------------------------------------------------------------------


def test_headline_is_the_visible_h1_that_matches_the_metadata() -> None:
    assert read("meta_jsonld_graph.html", GRAPH_URL).headline == "Coalition to scale back Iraq mission"


def test_headline_drops_the_site_name_from_the_title() -> None:
    assert read("meta_logo_h1.html").headline == "Wildfire smoke reaches the capital"


def test_headline_prefers_the_article_h1_over_a_rewritten_og_title() -> None:
    meta = page(
        "<html><head><title>Gym equipment guide - Example Fitness</title>"
        '<meta property="og:title" content="How To Use Gym Equipment: A Beginner’s Guide"></head>'
        "<body><main><h1>How To Use Gym Equipment (With Confidence!)</h1><p>Text.</p></main></body></html>"
    )
    assert meta.headline == "How To Use Gym Equipment (With Confidence!)"


def test_headline_ignores_a_short_h1_that_disagrees_with_the_metadata() -> None:
    meta = page(
        '<html><head><meta property="og:title" content="Rates held steady for a third month"></head>'
        "<body><h1>Menu</h1><p>Text.</p></body></html>"
    )
    assert meta.headline == "Rates held steady for a third month"


def test_headline_from_the_title_alone() -> None:
    meta = page("<html><head><title>Port strike ends after two weeks | Coast Herald</title></head></html>")
    assert meta.headline == "Port strike ends after two weeks"


def test_headline_keeps_inline_markup_together() -> None:
    meta = page("<html><body><article><h1>Why <em>inflation</em>-linked bonds fell</h1></article></body></html>")
    assert meta.headline == "Why inflation-linked bonds fell"


# --- authors ---------------------------------------------------------------------------------------


def test_authors_from_json_ld_follow_graph_references_and_skip_organisations() -> None:
    assert read("meta_jsonld_graph.html", GRAPH_URL).authors == ["Jane Doe"]


def test_authors_from_meta_author_in_german() -> None:
    assert read("meta_opengraph_only.html").authors == ["Hans Müller", "Petra Schmidt"]


def test_authors_from_citation_tags_are_first_name_first() -> None:
    assert read("meta_citation.html").authors == ["Aniruddha Roy", "Jyoti Patel"]


def test_authors_from_microdata() -> None:
    assert read("meta_microdata.html").authors == ["Ahmet Yılmaz"]


def test_authors_from_the_visible_byline_not_related_stories_or_comments() -> None:
    assert read("meta_visible_byline.html").authors == ["Jane Doe", "John Smith"]


def test_authors_from_an_author_link_next_to_the_headline() -> None:
    assert read("meta_dateline_text.html").authors == ["Chris Toy"]


def test_authors_from_a_written_by_label_and_its_neighbour() -> None:
    meta = page(
        "<html><body><article><h1>Fixing a leaking tap in ten minutes</h1>"
        '<div class="meta"><div class="label">Written by</div><div class="who">Jack Shepherd</div></div>'
        "<p>Text.</p></article></body></html>"
    )
    assert meta.authors == ["Jack Shepherd"]


def test_no_authors_rather_than_junk() -> None:
    meta = page(
        '<html><head><meta name="author" content="admin"></head><body><h1>Site news</h1>'
        '<form><p class="comment-form-author"><label>Name</label></p></form></body></html>'
    )
    assert meta.authors == []


# --- dates -----------------------------------------------------------------------------------------


def test_dates_from_json_ld_keep_their_offset() -> None:
    meta = read("meta_jsonld_graph.html", GRAPH_URL)
    assert (meta.published, meta.updated) == ("2025-10-01T14:03:00+03:00", "2025-10-01T16:20:00+03:00")


def test_dates_from_opengraph() -> None:
    meta = read("meta_opengraph_only.html")
    assert (meta.published, meta.updated) == ("2025-11-14T09:30:00+01:00", "2025-11-14T12:05:00+01:00")


def test_date_from_rfc_2822_in_json_ld() -> None:
    assert read("meta_broken_jsonld.html").published == "2025-10-01T11:03:00+00:00"


def test_date_from_citation_style() -> None:
    assert read("meta_citation.html").published == "2023-01-07"


def test_dates_from_microdata() -> None:
    meta = read("meta_microdata.html")
    assert (meta.published, meta.updated) == ("2025-09-18", "2025-09-19T08:00:00+00:00")


def test_date_printed_under_the_headline_read_in_the_pages_locale() -> None:
    # en-US: 10/02/2025 is October 2; the site header's clock and a related card's <time> are not it.
    assert read("meta_visible_byline.html").published == "2025-10-02T10:30:00-04:00"


def test_date_printed_in_the_post_info_line() -> None:
    assert read("meta_dateline_text.html").published == "2025-03-17"


def test_date_from_microdata_named_by_the_site() -> None:
    meta = page(
        "<html><body><h1>Top car rental company named</h1><p><a href='/author/faith-k'>Faith K</a>"
        '<span itemprop="published-date" content="Published Oct 20, 2025 at 5:00 PM PST">Oct 20, 2025</span>'
        '<span itemprop="updated-date"></span></p></body></html>'
    )
    assert meta.published == "2025-10-20T17:00:00-08:00"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("sn-post-date", "2025-02-03", "2025-02-03"),
        ("date-pub", "20250203", "2025-02-03"),
        ("pdate", "20250203", "2025-02-03"),
    ],
)
def test_date_from_meta_names_sites_invent(name: str, value: str, expected: str) -> None:
    assert page(f'<html><head><meta name="{name}" content="{value}"></head></html>').published == expected


def test_updated_from_meta_names_sites_invent() -> None:
    meta = page(
        '<html><head><meta property="article:published_time" content="2025-02-03T08:00:00Z">'
        '<meta name="article.updated" content="2025-02-05T10:00:00Z"></head></html>'
    )
    assert (meta.published, meta.updated) == ("2025-02-03T08:00:00+00:00", "2025-02-05T10:00:00+00:00")


def test_date_from_app_state_next_to_the_headline_not_a_related_story() -> None:
    assert read("meta_app_state.html").published == "2025-03-04T07:30:00+00:00"


def test_date_printed_beside_the_byline_away_from_the_headline() -> None:
    meta = read("meta_byline_block.html")
    assert (meta.authors, meta.published) == (["Maria Lopez"], "2021-08-04T05:11:10")


def test_date_labelled_last_updated_at_the_foot_is_the_only_date() -> None:
    meta = read("meta_labelled_dates.html")
    assert (meta.published, meta.updated) == ("2025-11-13", "2025-11-13")


def test_a_labelled_update_does_not_pass_for_the_publication_date() -> None:
    html = (FIXTURES / "meta_labelled_dates.html").read_text(encoding="utf-8")
    html = html.replace("<footer>", "<footer><p>Published: <b>March 2, 2021</b></p>")
    meta = page(html)
    assert (meta.published, meta.updated) == ("2021-03-02", "2025-11-13")


def test_date_printed_in_main_before_the_article_element() -> None:
    meta = page(
        "<html><head><title>Seven ways to eat more plants | Koia</title></head><body><main>"
        "<section><h3><span>blog | </span> February 01, 2022</h3></section>"
        "<article><p>Start with breakfast.</p><p>Then swap one dinner a week.</p></article>"
        "</main></body></html>"
    )
    assert meta.published == "2022-02-01"


def test_date_with_a_reading_time_above_the_headline() -> None:
    meta = page(
        '<html><body><header class="hero"><div class="container"><div class="post-head">'
        "<p>February 4, 2025 - 11 minutes</p><h1>Cloud computing in 2025</h1><p>What the year holds.</p>"
        "</div></div></header><main><p>Text.</p></main></body></html>"
    )
    assert meta.published == "2025-02-04"


def test_date_from_the_url_when_the_page_says_nothing() -> None:
    meta = read("meta_logo_h1.html", "https://dailyexample.com/news/2025/09/12/wildfire-smoke")
    assert meta.published == "2025-09-12"


def test_modified_date_stands_in_when_it_is_the_only_date() -> None:
    meta = page('<html><head><meta property="article:modified_time" content="2025-07-09"></head></html>')
    assert (meta.published, meta.updated) == ("2025-07-09", "2025-07-09")


def test_time_element_in_the_article() -> None:
    meta = page(
        "<html><body><article><h1>Harvest starts early in the south</h1>"
        '<time datetime="2025-08-30T07:15:00+02:00">30 August</time><p>Text.</p></article></body></html>'
    )
    assert meta.published == "2025-08-30T07:15:00+02:00"


# --- the other fields ------------------------------------------------------------------------------


def test_description() -> None:
    assert read("meta_jsonld_graph.html", GRAPH_URL).description == (
        "Pentagon says the planned reduction results from success in counterterrorism."
    )
    assert read("meta_opengraph_only.html").description == "Der Bundestag hat den Haushalt für 2026 beschlossen."


def test_canonical_url_is_made_absolute() -> None:
    meta = read("meta_jsonld_graph.html", GRAPH_URL + "?utm_source=feed")
    assert meta.canonical_url == GRAPH_URL


def test_canonical_url_only_from_the_canonical_link() -> None:
    # Author and microdata links come before it in many heads; they name other pages.
    meta = page(
        '<html><head><link rel="author" href="https://social.example/+harbourtimes">'
        '<link itemprop="url" href="https://harbourtimes.example/humans.txt">'
        '<link rel="canonical" href="/news/ferries-resume"></head></html>',
        "https://harbourtimes.example/news/ferries-resume?utm_source=feed",
    )
    assert meta.canonical_url == "https://harbourtimes.example/news/ferries-resume"


def test_canonical_url_from_og_url() -> None:
    meta = read("meta_opengraph_only.html", "https://www.beispiel-zeitung.de/politik/haushalt-2026?ref=x")
    assert meta.canonical_url == "https://www.beispiel-zeitung.de/politik/haushalt-2026"


def test_site_name() -> None:
    assert read("meta_jsonld_graph.html", GRAPH_URL).site_name == "Example World News"
    assert read("meta_logo_h1.html").site_name == "The Daily Example"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<html lang="en-GB"><head></head></html>', "en"),
        ('<html lang="de_DE"><head></head></html>', "de"),
        ('<html><head><meta property="og:locale" content="fr_FR"></head></html>', "fr"),
        ('<html><head><meta http-equiv="content-language" content="tr"></head></html>', "tr"),
        ('<html lang="x-default"><head></head></html>', None),
        ("<html><head></head></html>", None),
    ],
)
def test_language_is_a_two_letter_code(html: str, expected: str | None) -> None:
    assert page(html).language == expected


def test_section() -> None:
    assert read("meta_jsonld_graph.html", GRAPH_URL).section == "Middle East"
    assert read("meta_opengraph_only.html").section == "Politik"


def test_tags_from_lists_and_comma_strings_without_repeats() -> None:
    assert read("meta_jsonld_graph.html", GRAPH_URL).tags == ["Iraq", "Pentagon", "US military"]
    assert read("meta_opengraph_only.html").tags == ["Bundestag", "Haushalt"]
    assert read("meta_broken_jsonld.html").tags == ["storm", "ports", "weather"]


def test_image_with_caption_and_credit_from_json_ld() -> None:
    assert read("meta_jsonld_graph.html", GRAPH_URL).image == Image(
        url="https://cdn.example.com/2025/10/iraq-coalition.jpg",
        caption="Iraq deal sets 2026 deadline for US-led coalition withdrawal.",
        credit="AP",
    )


def test_image_from_og_image_made_absolute() -> None:
    meta = read("meta_opengraph_only.html", "https://www.beispiel-zeitung.de/politik/haushalt-2026")
    assert meta.image == Image(url="https://www.beispiel-zeitung.de/bilder/bundestag.jpg")


def test_page_types_from_json_ld_og_type_and_microdata() -> None:
    types = read("meta_jsonld_graph.html", GRAPH_URL).page_types
    assert {"newsarticle", "article", "breadcrumblist"} <= types
    assert read("meta_microdata.html").page_types == {"newsarticle", "person"}


def test_article_body_from_json_ld_with_entities_decoded() -> None:
    assert read("meta_jsonld_graph.html", GRAPH_URL).article_body == (
        "The United States and its coalition partners will scale back their military mission in Iraq.\n\n"
        'The reduction reflects a "combined success" in fighting Daesh.'
    )


# --- robustness ------------------------------------------------------------------------------------


def test_invalid_json_ld_is_read_leniently_and_the_rest_ignored() -> None:
    meta = read("meta_broken_jsonld.html")
    assert meta.headline == "Storm closes ports along the coast"
    assert meta.authors == ["Maria Garcia"]
    assert {"newsarticle", "webpage", "breadcrumblist"} <= meta.page_types


def test_extraction_does_not_change_the_tree() -> None:
    tree = LexborHTMLParser((FIXTURES / "meta_visible_byline.html").read_text(encoding="utf-8"))
    before = tree.html
    extract_metadata(tree, "https://riverside-gazette.example/news/bike-lanes")
    assert tree.html == before


def test_empty_page_gives_empty_metadata() -> None:
    assert page("") == PageMetadata()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<h1>", "</h1>", "<article>", "</article>", "<time datetime='2025-13-45'>", "<p class='byline'>",
                '<script type="application/ld+json">', "</script>", '{"@type": "NewsArticle", "author": [',
                '{"@id": "x"}', "]}", '<meta property="og:title" content="', '">', "By ", "&amp;", "2025-10-01",
            ]
        )
        | st.text(max_size=30),
        max_size=40,
    ),
    st.one_of(st.none(), st.text(max_size=40)),
)
def test_extract_metadata_never_raises(pieces: list[str], url: str | None) -> None:
    meta = extract_metadata(LexborHTMLParser("".join(pieces)), url)
    assert isinstance(meta, PageMetadata)

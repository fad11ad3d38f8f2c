"""Every field of an Article from hand-written HTML pages, each field tested on its own.

The pages in fixtures/page_*.html are the common shapes of news pages: a WordPress post with all its
furniture, a syndicated wire story, a page-builder layout, a listicle, a home page, an explainer with a
table, a French article and a legacy windows-1252 page.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

import pytest

from newsdesk import extract
from newsdesk.extract import looks_like_html
from newsdesk.model import Article, Block, Image, Link, WireSource

FIXTURES = Path(__file__).parent / "fixtures"

#: Each fixture with the address it was served from.
URLS = {
    "wordpress": "https://riversidecourier.example/2025/03/14/council-approves-mill-lane-flood-barrier/",
    "wire": "https://cascadedaily.example/news/national/windstorm-leaves-210000-without-power-western-washington/"
            "article_5c1f0e2a.html",
    "split": "https://portmeretoday.example/whats-on/harbour-festival-returns/",
    "listicle": "https://gadgetdesk.example/reviews/best-budget-ereaders/",
    "home": "https://coastalcourier.example/",
    "table": "https://northernledger.example/money/state-pension-rise-april-explained",
    "french": "https://courrierdurhone.example/transports/lyon-tramway-t10-ouverture-juin-2026",
    "legacy": "http://www.valleygazette.example/news/2009/05/12/cafe_fine.html",
}
FILES = {
    "wordpress": "page_wordpress_post.html", "wire": "page_wire_ap.html", "split": "page_split_sections.html",
    "listicle": "page_listicle.html", "home": "page_home_index.html", "table": "page_table_quote_lists.html",
    "french": "page_french.html", "legacy": "page_legacy_cp1252.html",
}
ARTICLES = [name for name in FILES if name != "home"]


def page_bytes(name: str) -> bytes:
    return (FIXTURES / FILES[name]).read_bytes()


@cache
def _extracted(name: str) -> Article:
    return extract(page_bytes(name), url=URLS[name])


def page(name: str) -> Article:
    """The fixture's Article, extracted once per test session (tests must not change it)."""
    return _extracted(name)


def texts(article: Article) -> list[str]:
    return [block.text for block in article.body]


# --------------------------------------------------------------------------- headline


@pytest.mark.parametrize("name, headline", [
    ("wordpress", "Council approves Mill Lane flood barrier after six years of delay"),
    ("wire", "Windstorm leaves 210,000 without power across western Washington"),
    ("split", "Harbour festival returns with tall ships and a night market"),
    ("listicle", "The 6 best budget e-readers of 2025, tested"),
    ("table", "State pension to rise 4.1% in April: what it means for you"),
    ("french", "À Lyon, la ligne de tramway T10 ouvrira finalement en juin 2026"),
    ("legacy", "Café owner’s €5,000 fine for “pavement terrace” overturned"),
])
def test_headline(name: str, headline: str) -> None:
    assert page(name).headline == headline


@pytest.mark.parametrize("name", ARTICLES)
def test_headline_is_not_repeated_as_the_first_block(name: str) -> None:
    article = page(name)
    assert article.body and article.body[0].text != article.headline


def test_headline_from_the_title_without_the_site_name_when_there_is_no_h1() -> None:
    html = ("<html><head><title>Bridge to close for repairs | The Riverside Courier</title>"
            "<meta property='og:site_name' content='The Riverside Courier'></head><body><article><p>"
            + "The bridge will close for six weeks from Monday, the council said, while engineers repair it. " * 8
            + "</p></article></body></html>")
    assert extract(html, url="https://riversidecourier.example/bridge").headline == "Bridge to close for repairs"


# --------------------------------------------------------------------------- standfirst, site name


@pytest.mark.parametrize("name", ["wordpress", "wire", "listicle", "table"])
def test_a_description_the_page_never_shows_is_no_standfirst(name: str) -> None:
    # These fixtures' descriptions are in their metadata only (the wordpress, wire and listicle pages have one):
    # a summary for search engines and link previews, not a lede a reader sees (tests/extract/test_standfirst.py).
    assert page(name).standfirst is None


def test_description_that_repeats_the_first_paragraph_is_not_a_standfirst() -> None:
    first = "The bridge will close for six weeks from Monday, the council said, while engineers repair it."
    html = (f"<html><head><meta name='description' content='{first}'></head><body><article><h1>Bridge to close</h1>"
            f"<p>{first}</p><p>" + "Drivers are advised to use the bypass, which adds ten minutes to the trip. " * 8
            + "</p></article></body></html>")
    assert extract(html).standfirst is None


@pytest.mark.parametrize("name, site", [
    ("wordpress", "The Riverside Courier"), ("wire", "Cascade Daily News"), ("french", "Le Courrier du Rhône"),
    ("legacy", "valleygazette.example"),  # no name on the page: its host, without "www."
])
def test_site_name(name: str, site: str | None) -> None:
    assert page(name).site_name == site


# --------------------------------------------------------------------------- authors


@pytest.mark.parametrize("name, authors", [
    ("wordpress", ["Maria Lopez"]),  # visible byline link only: the page has no author metadata
    ("wire", ["Daniel Ortiz", "Priya Natarajan"]),  # JSON-LD persons; the Organization is not an author
    ("listicle", ["Leah Morgan"]),
    ("table", ["Hannah Reid"]),
    ("french", ["Claire Martin"]),  # "Par Claire Martin"
    ("legacy", ["Seán O’Brien"]),  # "By Seán O’Brien<BR>Published: 12/05/2009"
    ("split", ["Sam Whitfield"]),  # "By Sam Whitfield" and "2 June 2025" in one post-info list
])
def test_authors(name: str, authors: list[str]) -> None:
    assert page(name).authors == authors


def test_home_page_has_no_authors() -> None:
    assert page("home").authors == []


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("name, published", [
    ("wordpress", "2025-03-14T07:30:00+00:00"),
    ("wire", "2025-11-19T14:22:00-08:00"),
    ("split", "2025-06-02T09:00:00+01:00"),
    ("listicle", "2025-09-08T10:00:00-04:00"),
    ("table", "2025-11-26T16:45:00+00:00"),
    ("french", "2025-10-15T08:30:00+02:00"),  # only a <time datetime> in the article's header
    ("legacy", "2009-05-12"),
])
def test_published(name: str, published: str) -> None:
    assert page(name).published == published


@pytest.mark.parametrize("name, updated", [
    ("wordpress", "2025-03-14T12:05:00+00:00"), ("wire", "2025-11-19T18:47:00-08:00"), ("listicle", None),
    ("french", None),
])
def test_updated(name: str, updated: str | None) -> None:
    assert page(name).updated == updated


# --------------------------------------------------------------------------- section, tags


@pytest.mark.parametrize("name, section", [
    ("wordpress", "Local News"), ("wire", "National"), ("split", "What's On"), ("listicle", "Reviews"),
    ("table", "Money Matters"), ("french", "Transports"), ("legacy", None),
])
def test_section(name: str, section: str | None) -> None:
    assert page(name).section == section


@pytest.mark.parametrize("name, tags", [
    ("wordpress", ["Flooding", "Mill Lane", "Riverside Council"]),  # article:tag
    ("wire", ["Weather", "Power outages", "Washington", "Storms"]),  # JSON-LD keywords
    ("table", ["Pensions", "Triple lock", "Budget 2025"]),  # news_keywords
    ("legacy", ["courts", "licensing", "high street"]),  # keywords
    ("french", []),
])
def test_tags(name: str, tags: list[str]) -> None:
    assert page(name).tags == tags


# --------------------------------------------------------------------------- image


def test_image_of_the_wordpress_post() -> None:
    assert page("wordpress").image == Image(
        url="https://riversidecourier.example/wp-content/uploads/2025/03/mill-lane-embankment-1200x800.jpg",
        caption="The Mill Lane embankment under water in January 2024, the second flood in three winters.",
        credit="Tom Ashby", note=None)


def test_image_url_of_the_wire_story_comes_from_json_ld() -> None:
    image = page("wire").image
    assert image is not None
    assert image.url == "https://cascadedaily.example/content/tncms/assets/v3/editorial/a/b2/windstorm-crews.jpg"


def test_image_caption_and_credit_of_the_wire_story() -> None:
    image = page("wire").image
    assert image is not None
    assert image.caption == ("Utility crews restore a power line toppled by a fallen fir tree in Tacoma, Wash., "
                             "on Wednesday, Nov. 19, 2025.")
    assert image.credit == "AP Photo/Jane Doe"


@pytest.mark.parametrize("name", ["listicle", "table", "french", "legacy"])
def test_pages_without_an_image_have_none(name: str) -> None:
    assert page(name).image is None


# --------------------------------------------------------------------------- body


def starts(article: Article) -> list[tuple[str, str]]:
    """Each block's type and its first five words: enough to name it, short enough to read."""
    return [(block.type, " ".join(block.text.split()[:5])) for block in article.body]


def test_body_of_the_wordpress_post_is_exactly_the_story() -> None:
    assert starts(page("wordpress")) == [
        ("paragraph", "Riverside council has approved a"),
        ("paragraph", "Councillors voted 31 to 4"),
        ("paragraph", '"We have spent six years'),
        ("heading", "Work to start in May"),
        ("paragraph", "Contractors are expected to begin"),
        ("paragraph", "Residents of the 140 homes"),
        ("paragraph", "Janet Price, who chairs the"),
        ("paragraph", "The council will hold a"),
    ]


def test_body_paragraph_text_is_whole_and_clean() -> None:
    assert page("wordpress").body[2] == Block(
        "paragraph", '"We have spent six years arguing about a wall while people in Mill Lane were bailing out their '
                     'kitchens," said councillor Ruth Hammond, who proposed the motion. "Tonight we finally stopped '
                     'arguing."')


def test_body_keeps_tables_lists_and_quotes_as_typed_blocks() -> None:
    body = page("table").body
    assert [block.type for block in body] == [
        "paragraph", "paragraph", "heading", "paragraph", "table", "heading", "paragraph", "list_item", "list_item",
        "list_item", "paragraph", "quote", "heading", "list_item", "list_item", "list_item", "paragraph"]
    assert body[4].text == ("Pension | Weekly now | Weekly from April | Yearly from April\n"
                            "Full new state pension | £230.25 | £239.70 | £12,464\n"
                            "Full basic state pension | £176.45 | £183.70 | £9,552\n"
                            "Pension credit (single) | £227.10 | £236.40 | £12,293")
    assert body[7].text == "at least 35 qualifying years on your National Insurance record;"
    assert body[11].text.startswith("“The triple lock has done what it was meant to do")


def test_body_of_the_split_page_has_every_section_in_order() -> None:
    assert starts(page("split")) == [
        ("paragraph", "Portmere's harbour festival will return"), ("paragraph", "The festival was cancelled in"),
        ("paragraph", "The Norwegian training ship Sørlandet"), ("paragraph", '"People have been asking us'),
        # The page builder's own heading widget is a subheading of the story, kept in order.
        ("heading", "A night market on the"),
        ("paragraph", "For the first time, the"), ("paragraph", "Tickets are not needed for"),
    ]


def test_body_of_the_listicle_alternates_linked_headings_and_items() -> None:
    kinds = [block.type for block in page("listicle").body]
    assert kinds == ["paragraph"] + ["heading", "paragraph"] * 7


def test_body_of_the_wire_story_starts_with_its_dateline() -> None:
    body = texts(page("wire"))
    assert body[0].startswith("SEATTLE (AP) — More than 210,000 homes and businesses")
    assert body[-1].startswith("The weather service said winds would ease by Thursday")
    assert len(body) == 6


BOILERPLATE = {
    "wordpress": [
        "Skip to content", "We use cookies", "Independent news for the Riverside valley", "What's On",
        "Share this article", "Share on Facebook", "Email a friend", "Get the Courier in your inbox",
        "Sign up for our free morning briefing", "Related", "Mill Lane flooded for the second time",
        "Insurers refuse cover", "Tagged", "Previous: Bypass roadworks", "School meals provider",
        "thoughts on", "About time too", "Four million pounds for one street", "Leave a Reply",
        "Your email address will not be published", "Most read", "Market hall reopens",
        "Support local journalism", "All rights reserved", "Privacy policy", "By Maria Lopez", "March 14, 2025",
        "The Mill Lane embankment under water in January 2024", "Photo: Tom Ashby",
    ],
    "wire": [
        "e-Edition", "Obituaries", "Advertisement", "By DANIEL ORTIZ", "Nov 19, 2025", "Facebook", "Print",
        "Utility crews restore a power line", "AP Photo/Jane Doe", "Copyright 2025 The Associated Press",
        "More from this section", "Atmospheric river brings flood watch", "Trending", "Ferry terminal rebuild",
        "Powered by BLOX",
    ],
    "split": ["By Sam Whitfield", "Advertise with Portmere Today", "Reach 40,000 local readers", "Find out more",
              "Share on Facebook", "Share on WhatsApp", "Quayside Media Ltd"],
    "listicle": ["Leah Morgan", "affiliate commission", "Get our best deals every Friday", "Sign up",
                 "More reviews", "The best noise-cancelling headphones", "Privacy"],
    "table": ["Home › Money Matters", "By Hannah Reid", "Topics:", "Most read in Money", "ISA allowance",
              "member of IPSO"],
    "french": ["Ce site utilise des cookies", "Accepter", "Actualités", "Par Claire Martin", "Publié le",
               "Partager sur Facebook", "À lire aussi", "Métro E", "Tous droits réservés"],
    "legacy": ["Classifieds", "By Seán", "Published: 12/05/2009", "More news", "Contact the newsroom",
               "Valley Gazette Ltd"],
}


@pytest.mark.parametrize("name, phrase", [(name, phrase) for name, phrases in BOILERPLATE.items()
                                          for phrase in phrases])
def test_boilerplate_never_reaches_the_body(name: str, phrase: str) -> None:
    assert phrase not in page(name).text


@pytest.mark.parametrize("name", ARTICLES)
def test_text_is_the_blocks_joined_by_a_blank_line(name: str) -> None:
    article = page(name)
    assert article.text == "\n\n".join(texts(article))
    assert all(block.text == block.text.strip() and block.text for block in article.body)


# --------------------------------------------------------------------------- related links


def test_related_links_of_the_wordpress_post() -> None:
    site = "https://riversidecourier.example"
    assert page("wordpress").related == [
        Link("Mill Lane flooded for the second time in three winters",
             f"{site}/2024/01/09/mill-lane-flooded-again/", "The Riverside Courier"),
        Link("Insurers refuse cover for dozens of Riverside homes",
             f"{site}/2024/06/21/insurers-refuse-cover-riverside-homes/", "The Riverside Courier"),
        Link("Environment Agency grant opens for county flood schemes",
             f"{site}/2025/02/02/environment-agency-grant-flood-schemes/", "The Riverside Courier"),
    ]


@pytest.mark.parametrize("name, titles", [
    ("wire", ["Atmospheric river brings flood watch to Skagit and Whatcom counties",
              "Regulators approve Puget Sound Energy rate increase for 2026"]),
    ("listicle", ["The best noise-cancelling headphones for every budget",
                  "Kindle Scribe review: a notebook that reads books too"]),
    ("french", ["Métro E : l'enquête publique s'ouvre le 3 novembre",
                "Vélo'v : quarante nouvelles stations d'ici la fin de l'année"]),
])
def test_related_link_titles(name: str, titles: list[str]) -> None:
    assert [link.title for link in page(name).related] == titles


def test_related_links_are_absolute() -> None:
    for name in ("wordpress", "wire", "listicle", "french"):
        assert all(link.url and link.url.startswith(("https://", "http://")) for link in page(name).related)


def test_related_links_resolve_against_the_canonical_url_when_no_url_is_given() -> None:
    article = extract(page_bytes("wordpress"))
    assert article.related[1] == Link(
        "Insurers refuse cover for dozens of Riverside homes",
        "https://riversidecourier.example/2024/06/21/insurers-refuse-cover-riverside-homes/", "The Riverside Courier")


def test_related_links_under_a_more_on_this_story_heading() -> None:
    html = ("<html><body><article><h1>Central bank holds rates</h1><div class='article-content'><p>"
            + "The central bank kept its main interest rate at 4% on Thursday, and said inflation was falling. " * 8
            + "</p></div><div class='more-on-this'><h2>More on this story</h2><ul>"
            "<li><a href='/business/inflation-falls/'>Inflation falls to its lowest level in three years</a></li>"
            "<li><a href='/business/mortgages/'>Mortgage rates edge lower as lenders anticipate a cut</a></li>"
            "</ul></div></article></body></html>")
    article = extract(html, url="https://valleyledger.example/business/rates/")
    assert [link.title for link in article.related] == [
        "Inflation falls to its lowest level in three years", "Mortgage rates edge lower as lenders anticipate a cut"]


def test_sidebar_and_comment_links_are_not_related_articles() -> None:
    titles = [link.title for link in page("wordpress").related]
    assert "Market hall reopens after a two-year restoration" not in titles
    assert not any(title.startswith(("Previous:", "Next:")) for title in titles)


# --------------------------------------------------------------------------- wire source


def test_wire_source_from_the_dateline() -> None:
    assert page("wire").wire_source == WireSource("AP", "Associated Press")


@pytest.mark.parametrize("name", ["wordpress", "split", "listicle", "table", "french", "legacy"])
def test_staff_stories_have_no_wire_source(name: str) -> None:
    assert page(name).wire_source is None


def test_wire_source_from_a_closing_credit_line_which_leaves_the_body() -> None:
    html = ("<html><body><article><h1>Talks resume in Geneva</h1><p>"
            + "Delegates from both sides met for six hours on Monday, officials said, and will meet again. " * 6
            + "</p><p>The next round is due in November.</p><p>— Reuters</p></article></body></html>")
    article = extract(html)
    assert article.wire_source == WireSource("Reuters", "Reuters")
    assert article.body[-1].text == "The next round is due in November."


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize("name, language", [
    ("wordpress", "en"), ("wire", "en"), ("split", "en"), ("table", "en"), ("french", "fr"), ("legacy", "en"),
])
def test_language(name: str, language: str) -> None:
    assert page(name).language == language


def test_language_is_detected_from_the_text_when_the_page_does_not_say() -> None:
    html = page_bytes("french").decode("utf-8").replace('lang="fr-FR"', "").replace(
        '<meta property="og:locale" content="fr_FR">', "")
    assert extract(html).language == "fr"


def test_language_of_the_page_wins_over_detection() -> None:
    # A German-language page that quotes English at length is still a German page.
    html = ('<html lang="de"><body><article><h1>Kanzler trifft Präsidenten</h1><p>'
            + "The talks were constructive and we agreed on the next steps, the president said. " * 8
            + "</p></article></body></html>")
    assert extract(html).language == "de"


# --------------------------------------------------------------------------- is_article


@pytest.mark.parametrize("name", ARTICLES)
def test_articles_are_articles(name: str) -> None:
    assert page(name).is_article is True


def test_home_page_listing_20_stories_is_not_an_article() -> None:
    article = page("home")
    assert article.is_article is False
    # A verdict, not a filter: what was found stays (ingest files the page apart by the flag).
    assert article.body and article.word_count > 0


def test_collection_page_listing_20_stories_is_not_an_article() -> None:
    html = page_bytes("home").decode("utf-8").replace('"@type": "WebSite"', '"@type": "CollectionPage"')
    article = extract(html, url=URLS["home"])
    assert article.is_article is False


def test_home_page_of_bare_headlines_is_not_an_article() -> None:
    html = re.sub(r'<p class="teaser__summary">.*?</p>', "", page_bytes("home").decode("utf-8"))
    article = extract(html, url=URLS["home"])
    assert article.is_article is False


def test_short_notice_is_not_an_article() -> None:
    html = "<html><body><main><h1>Page not found</h1><p>Sorry, we could not find that page.</p></main></body></html>"
    article = extract(html)
    assert article.is_article is False
    assert "could not find that page" in article.text


def test_short_post_beside_its_blogs_link_lists_is_an_article() -> None:
    # The container also holds the blog's archive and blogroll: a link-heavy container, but the
    # post's own text is prose, and that is what makes it an article.
    archive = "".join(f'<li><a href="/2012/{m:02d}/">Archive of month {m} of 2012</a></li>' for m in range(1, 13))
    html = ("<html><head><title>Trip notes</title></head><body><div class='main'><h2>Trip notes</h2>"
            "<p>We spent a week walking the coast path, sleeping in small harbour towns and eating "
            "far too much fish. The weather held, the trains ran, and we came home tired and happy.</p>"
            "<p>Next spring we mean to go back with the children, take the ferry to the islands, and "
            "stay long enough to learn the names of the birds on the cliffs above the harbour.</p>"
            f"<ul>{archive}</ul><ul>{archive}</ul></div></body></html>")
    article = extract(html)
    assert article.is_article is True
    assert article.text.startswith("We spent a week")


# --------------------------------------------------------------------------- word count, reading time


@pytest.mark.parametrize("name", ARTICLES)
def test_word_count_counts_the_words_of_the_body(name: str) -> None:
    article = page(name)
    assert article.word_count == len(re.findall(r"\w+", article.text)) > 0


@pytest.mark.parametrize("name", ARTICLES)
def test_reading_time_follows_the_word_count(name: str) -> None:
    article = page(name)
    assert article.reading_time_minutes == max(1, math.ceil(article.word_count / 230))


def test_reading_time_of_the_wordpress_post() -> None:
    assert page("wordpress").reading_time_minutes == 2


def test_word_count_and_reading_time_of_a_non_article() -> None:
    html = re.sub(r'<p class="teaser__summary">.*?</p>', "", page_bytes("home").decode("utf-8"))
    article = extract(html)
    assert article.is_article is False
    assert article.word_count == len(re.findall(r"\w+", article.text))


# --------------------------------------------------------------------------- url, canonical url


@pytest.mark.parametrize("name", ARTICLES)
def test_url_is_the_url_given(name: str) -> None:
    assert page(name).url == URLS[name]


def test_canonical_url_from_link_rel_canonical_drops_tracking_parameters() -> None:
    served = URLS["wordpress"] + "?utm_source=newsletter&utm_medium=email"
    article = extract(page_bytes("wordpress"), url=served)
    assert article.url == served
    assert article.canonical_url == URLS["wordpress"]


def test_canonical_url_is_found_without_a_url() -> None:
    assert extract(page_bytes("wire")).canonical_url == URLS["wire"]


def test_canonical_url_falls_back_to_the_url() -> None:
    assert page("legacy").canonical_url == URLS["legacy"]


def test_relative_canonical_url_is_made_absolute() -> None:
    html = page_bytes("table").decode("utf-8").replace(
        'href="https://northernledger.example/money/state-pension-rise-april-explained"',
        'href="/money/state-pension-rise-april-explained"')
    assert extract(html, url=URLS["table"] + "?page=1").canonical_url == URLS["table"]


# --------------------------------------------------------------------------- kind detection, str and bytes


@pytest.mark.parametrize("name", list(FILES))
def test_fixtures_are_detected_as_html(name: str) -> None:
    assert looks_like_html(page_bytes(name).decode("cp1252" if name == "legacy" else "utf-8"))


def test_str_and_bytes_give_the_same_article() -> None:
    assert extract(page_bytes("french").decode("utf-8"), url=URLS["french"]) == page("french")


def test_forced_kind_html_on_a_fragment_without_html_tags() -> None:
    paragraphs = ["Heavy rain fell across the county on Monday, forecasters said, and more is expected tonight.",
                  "Rivers rose quickly in the north, where two roads were closed by police overnight.",
                  "The Environment Agency issued six flood warnings and urged drivers to take care."]
    fragment = "<section><h2>Rain returns</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs * 4) + "</section>"
    article = extract(fragment, kind="html")
    assert article.is_article
    assert article.body[0].text == paragraphs[0]


def test_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="kind"):
        extract("<p>hi</p>", kind="pdf")


def test_to_dict_of_an_extracted_page_round_trips() -> None:
    article = page("wordpress")
    assert Article.from_dict(article.to_dict()) == article


def test_a_chinese_story_is_an_article_by_its_characters_not_its_spaces() -> None:
    # Chinese has no spaces: "\w+" sees one word per sentence, and 80 characters is a long paragraph.
    sentence = "谷歌在二零一四年收购的人工智能公司开发出一款能够用自己的记忆学习新知识的产品。"
    html = ("<html lang='zh'><head><title>人工智能迈上新台阶</title></head><body><article><h1>人工智能迈上新台阶</h1>"
            + "".join(f"<p>{sentence * 2}</p>" for _ in range(4)) + "</article></body></html>")
    article = extract(html)
    assert article.is_article
    assert len(article.body) == 4


def test_a_very_short_post_with_its_own_headline_and_date_is_an_article() -> None:
    html = ("<html><head><title>Yard Sign Fenders</title>"
            "<meta property='article:published_time' content='2012-11-06T06:33:00'></head><body><article>"
            "<h1>Yard Sign Fenders</h1><p>From a bike blog in 2007: how to turn an old yard sign into a pair of "
            "fenders for your bike, with nothing but scissors, zip ties and an afternoon.</p></article></body></html>")
    article = extract(html)
    assert article.is_article
    assert article.body and article.body[0].text.startswith("From a bike blog")


def _story_with_box(label: str, after: list[str]) -> str:
    prose = "The council met on Monday and voted, after a long debate, to close the bridge for repairs. " * 3
    before = "".join(f"<p>{prose}</p>" for _ in range(5))
    box = (f"<p><strong>{label}</strong></p><p><a href='/a'>The bridge shut in 2019 for the same cracks</a></p>"
           "<p><a href='/b'>What the repairs will cost the town</a></p>")
    rest = "".join(f"<p>{text}</p>" for text in after)
    return (f"<html><head><title>Bridge to close</title></head><body><article><h1>Bridge to close</h1>"
            f"{before}{box}{rest}</article></body></html>")


def test_a_related_links_box_inside_the_story_does_not_end_it() -> None:
    # Sites set a box of links to earlier stories ("More on this topic") between two paragraphs of
    # the story: its label reads as an end marker, but the story's prose goes on below it.
    going_on = ["Engineers said the work would take until spring, and that the ferry would run meanwhile. " * 3,
                "Shop owners on the quay, who depend on the bridge, asked the council for help with rents. " * 3]
    article = extract(_story_with_box("More on this topic", going_on))
    assert [block.text for block in article.body[-2:]] == [text.strip() for text in going_on]


def test_teaser_excerpts_under_an_end_marker_are_still_cut() -> None:
    opening = "Another story from the archive, with the opening lines of its first paragraph set here. "
    excerpts = [opening * 3 + "…"] * 2
    article = extract(_story_with_box("More on this topic", excerpts))
    assert not any(block.text.endswith("…") for block in article.body)
    assert article.body[-1].text.startswith("The council met on Monday")

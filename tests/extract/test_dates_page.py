"""Tests for newsdesk.extract.dates_page: which of a page's dates is its publication date."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.dates_page import dateline_times, first_publication, printed_dateline, title_date
from newsdesk.extract.metadata import PageMetadata, extract_metadata
from newsdesk.extract.pageindex import PageIndex


def page(html: str, url: str | None = None) -> PageMetadata:
    return extract_metadata(LexborHTMLParser(html), url)


def stamped(published: str, modified: str, body: str) -> str:
    """A page whose <meta> dates are ``published`` and ``modified``, with ``body`` in its <article>."""
    return (
        f'<html><head><meta property="article:published_time" content="{published}">'
        f'<meta property="article:modified_time" content="{modified}"></head>'
        f"<body><article><h1>Yoga class prices</h1>{body}<p>What studios charge.</p></article></body></html>"
    )


# --- a stamp is not a record -----------------------------------------------------------------------


def test_a_dateline_beats_a_published_date_that_is_only_the_last_save() -> None:
    html = stamped("2025-06-24T10:00:00Z", "2025-06-24T10:00:00Z", "<p>Shauna Mitchell · August 25, 2024</p>")
    assert page(html).published == "2024-08-25"
    assert page(html).updated == "2025-06-24T10:00:00+00:00"


def test_a_dateline_beats_a_published_date_later_than_the_modification() -> None:
    html = stamped("2025-06-12", "2025-06-10", "<p>November 2, 2022 | Newsletter</p>")
    assert page(html).published == "2022-11-02"


def test_a_real_record_of_publication_beats_the_dateline() -> None:
    # Modified after published: the fields record two events, and the publication is the first.
    html = stamped("2025-06-12T08:00:00Z", "2025-06-20T08:00:00Z", "<p>November 2, 2022</p>")
    assert page(html).published == "2025-06-12T08:00:00+00:00"


def test_a_dateline_a_day_from_the_stamp_is_the_same_date_in_another_zone() -> None:
    html = stamped("2025-11-13T09:21:40Z", "2025-11-13T09:21:40Z", "<p>12 November 2025</p>")
    assert page(html).published == "2025-11-13T09:21:40+00:00"


def test_an_update_line_under_the_headline_does_not_replace_a_stamp() -> None:
    html = stamped("2025-12-01T09:00:00Z", "2025-12-01T09:00:00Z", "<p>Ryan Carrigan · Last Updated: Dec 17, 2025</p>")
    assert page(html).published == "2025-12-01T09:00:00+00:00"


def test_a_photo_caption_under_the_headline_does_not_replace_a_stamp() -> None:
    html = stamped(
        "2024-11-22T16:55:35+08:00",
        "2024-11-22T16:55:35+08:00",
        '<div class="gallery"><img src="a.jpg" alt=""><div class="image-caption">The minister speaking on'
        " November 19, 2024.</div></div><p>By Jane Doe</p>",
    )
    assert page(html).published == "2024-11-22T16:55:35+08:00"


def test_printed_dateline_reads_past_an_authors_picture() -> None:
    tree = LexborHTMLParser(
        '<main><h1>The information bottleneck</h1><div><figure><img src="avatar.png" alt=""></figure>'
        "<p>Naftali Tishby, Fernando Pereira</p><time>24 Apr 2000 • 3 min read</time></div></main>"
    )
    assert printed_dateline(tree.css_first("h1"), None) == "2000-04-24"


def test_printed_dateline_without_a_headline_is_none() -> None:
    assert printed_dateline(None, None) is None


# --- the site's calendar and its URL ---------------------------------------------------------------


def test_a_utc_instant_is_written_in_the_sites_zone_when_its_url_gives_that_day() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2025-12-19T02:41:41+00:00"></head>'
        '<body><article><h1>Comfort watches</h1><p>Text.</p></article>'
        '<section class="comments"><time datetime="2025-12-18T22:00:50-05:00">10 pm</time></section></body></html>'
    )
    url = "https://whatever.example.com/2025/12/18/comfort-watches"
    assert page(html, url).published == "2025-12-18T21:41:41-05:00"
    # Without the URL's day, the instant stays as the page wrote it.
    assert page(html, "https://whatever.example.com/comfort-watches").published == "2025-12-19T02:41:41+00:00"


def test_the_url_date_comes_before_a_date_printed_away_from_the_headline() -> None:
    html = (
        "<html><body><main><h1>How many wine styles are there?</h1><p>Text.</p>"
        '<aside><span class="post-date">16 February 2026</span> Another post</aside></main></body></html>'
    )
    url = "https://www.example.org/knowledge-centre/blog/2023/october/03/how-many-wine-styles/"
    assert page(html, url).published == "2023-10-03"


def test_a_printed_date_of_the_urls_day_keeps_its_time() -> None:
    html = (
        "<html><body><article><h1>Budget passed</h1><p>December 16, 2025 11:15</p><p>Text.</p></article></body></html>"
    )
    assert page(html, "https://example.com/2025/12/16/budget").published == "2025-12-16T11:15:00"


def test_a_utc_instant_the_page_also_writes_with_its_offset_is_written_that_way() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2017-02-23T17:18:13-08:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Cuts",'
        ' "datePublished": "2017-02-24T01:18:13Z"}</script></head>'
        "<body><article><h1>Cuts</h1><p>Text.</p></article></body></html>"
    )
    assert page(html).published == "2017-02-23T17:18:13-08:00"


def test_a_url_that_spells_the_utc_day_keeps_the_instant_in_utc() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2025-12-19T02:41:41+00:00"></head>'
        '<body><article><h1>Watch list</h1><time datetime="2025-12-18T21:41:41-05:00">9:41 pm</time></article>'
        "</body></html>"
    )
    assert page(html, "https://example.com/2025/12/19/watch-list").published == "2025-12-19T02:41:41+00:00"


# --- a stamp's own records, and the zones an instant can fall in ----------------------------------


def test_a_dateline_no_zone_can_reach_from_the_stamp_is_another_date() -> None:
    # 22:02 UTC on the 19th is the 19th or the 20th everywhere on Earth, never the 18th.
    html = stamped("2025-12-19T22:02:58Z", "2025-12-19T22:02:45Z", "<p>Dec 18, 2025 · 6 min read</p>")
    assert page(html).published == "2025-12-18"


def test_a_dateline_a_stamp_reaches_in_some_zone_stays_the_stamp() -> None:
    html = stamped("2025-12-19T08:00:00Z", "2025-12-19T07:00:00Z", "<p>Dec 18, 2025</p>")
    assert page(html).published == "2025-12-19T08:00:00+00:00"


def test_a_time_marked_pubdate_replaces_a_stamp() -> None:
    html = stamped(
        "2025-11-29T12:28:31-05:00",
        "2025-11-29T12:28:31-05:00",
        '<p>Text of the guide.</p><div>Published <time pubdate datetime="2025-08-13">August 13, 2025</time></div>',
    )
    assert page(html).published == "2025-08-13"


def test_a_stamp_later_than_the_update_gives_way_to_its_sources_other_date() -> None:
    html = (
        '<html><head><meta name="published-time" content="2026-03-09T08:45:32Z">'
        '<meta name="modified-time" content="2026-01-15T17:15:38Z">'
        '<meta name="published-date" content="2021-02-16"></head>'
        "<body><article><h1>Climate technologies</h1><p>Text.</p></article></body></html>"
    )
    assert page(html).published == "2021-02-16"


def test_a_stamp_equal_to_the_update_keeps_its_sources_other_dates_out() -> None:
    # A story never edited has one instant in both fields; its source's dateCreated is not a record.
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Floods",'
        ' "datePublished": "2025-01-05T15:23:59+01:00", "dateModified": "2025-01-05T15:23:59+01:00",'
        ' "dateCreated": "2024-12-18T00:00:00+01:00"}</script></head>'
        "<body><article><h1>Floods</h1><p>Text.</p></article></body></html>"
    )
    assert page(html).published == "2025-01-05T15:23:59+01:00"


def test_the_time_under_the_headline_comes_before_other_times_on_the_page() -> None:
    html = (
        '<html lang="en"><body><main><div class="promo"><time datetime="2025-01-31T12:00:00Z">01/31/2025</time>'
        '</div><h1>Consulting or insurance?</h1><div class="meta"><time datetime="2017-03-01T12:00:00Z">'
        "03/01/2017</time> by Agatha Caleo</div><p>Text.</p>"
        '<div class="related"><time datetime="2025-12-17T12:00:00Z">12/17/2025</time></div></main></body></html>'
    )
    assert page(html).published == "2017-03-01T12:00:00+00:00"


def test_a_time_in_a_related_card_after_the_headline_is_not_the_dateline() -> None:
    tree = LexborHTMLParser(
        '<div><div class="head"><h1>Bike lanes</h1><p>By Jane Doe</p></div><aside><article><h2>Bridge</h2>'
        '<time datetime="2024-05-02">May 2, 2024</time></article></aside></div>'
    )
    assert dateline_times(tree.css_first("h1")) == []


def test_og_locale_names_the_region_that_a_bare_english_lang_leaves_out() -> None:
    html = (
        '<html lang="en"><head><meta property="og:locale" content="en_US"></head><body><article>'
        "<h1>How fast electric skateboards go</h1><div>Post time: 01-04-2024</div><p>Text.</p></article></body></html>"
    )
    assert page(html).published == "2024-01-04"
    assert page(html.replace("en_US", "en_GB")).published == "2024-04-01"


def test_a_stated_first_publication_beats_the_printed_update() -> None:
    html = (
        '<html lang="en-AU"><body><article><h1>Tiny homes</h1><p class="byline-date">30 Sep 2022</p>'
        "<p>Text of the guide.</p>"
        '<p class="PublishDateDisclaimer">This article was originally published on 26 Sep 2019 at 4:12pm'
        " but has been regularly updated.</p></article></body></html>"
    )
    assert page(html).published == "2019-09-26T16:12:00"


def test_a_stated_first_publication_does_not_override_structured_data() -> None:
    html = stamped(
        "2023-04-13T09:00:00Z",
        "2025-07-18T09:00:00Z",
        '<p class="update-date">This post was originally published on the 21st of June 2017.</p>',
    )
    assert page(html).published == "2023-04-13T09:00:00+00:00"


def test_first_publication_reads_other_languages() -> None:
    tree = LexborHTMLParser('<div class="post-date">Ursprünglich veröffentlicht am 3. März 2021</div>')
    assert first_publication(PageIndex.read(tree), True) == "2021-03-03"


# --- a dateline printed after the structured date ---------------------------------------------


def test_a_dateline_after_the_structured_date_does_not_replace_it() -> None:
    html = stamped("2013-03-11T11:11:07-07:00", "2026-02-18T07:49:16-08:00", "<p>March 20, 2023 | Wellness</p>")
    assert page(html).published == "2013-03-11T11:11:07-07:00"


# --- the title's date ---------------------------------------------------------------------------


def test_a_date_set_apart_in_the_title_beats_a_photos_date() -> None:
    html = (
        '<html lang="de"><head><title>Gegenoffensive: Ziele, Chancen | Europa | DW | 28.04.2023</title></head>'
        '<body><article><h1>Gegenoffensive</h1><figure><img src="a.jpg" alt="">'
        "<figcaption>Kriegstechnik bei Bachmut, 24. April 2023</figcaption></figure>"
        "<p>Text.</p></article></body></html>"
    )
    assert page(html).published == "2023-04-28"


def test_a_title_about_a_day_is_no_date_of_publication() -> None:
    tree = LexborHTMLParser("<title>What happened on 9 May 1945 | History</title>")
    assert title_date(tree, PageIndex.read(tree), True) is None


def test_update_lines_in_other_languages_do_not_replace_a_stamp() -> None:
    for line in ("Atualizado em 17/12/2025", "Zaktualizowano 17.12.2025", "更新 2025-12-17"):
        html = stamped("2025-12-01T09:00:00Z", "2025-12-01T09:00:00Z", f"<p>{line}</p>")
        assert page(html).published == "2025-12-01T09:00:00+00:00", line


def test_a_modification_time_under_the_headline_is_not_the_dateline() -> None:
    html = (
        '<html lang="en"><body><main><h1>Mirrorless cameras</h1><div class="meta">'
        '<time class="updated" itemprop="dateModified" datetime="2026-02-09T11:17:27-05:00">February 9, 2026</time>'
        '</div><p>Text.</p><footer><time pubdate datetime="2025-07-04T20:04:00-04:00">July 4, 2025</time></footer>'
        "</main></body></html>"
    )
    assert page(html).published == "2025-07-04T20:04:00-04:00"
    tree = LexborHTMLParser(html)
    assert dateline_times(tree.css_first("h1")) == []

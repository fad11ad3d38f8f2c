"""The body extractor on its own: typed blocks, boilerplate removal, captions and related links set aside."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import BodyResult, extract_body
from newsdesk.extract.body_nodes import fold_ws
from newsdesk.extract.boilerplate import boilerplate_strength, is_furniture_text
from newsdesk.model import Block

FIXTURES = Path(__file__).parent / "fixtures"
PROSE = "Officials said the talks, which began on Monday, would continue through the week. "


def body_of(html: str) -> BodyResult:
    return extract_body(LexborHTMLParser(html))


def article_page(inner: str) -> str:
    return f"<html><body><article>{inner}</article></body></html>"


def blocks_of(html: str) -> list[tuple[str, str]]:
    return [(block.type, block.text) for block in body_of(html).blocks]


def fixture_body(name: str) -> BodyResult:
    return body_of((FIXTURES / name).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- block types


def test_paragraphs_and_headings_keep_their_order_and_types() -> None:
    html = article_page(f"<p>{PROSE}</p><h2>What happens next</h2><p>{PROSE}</p><h3>Who pays</h3><p>{PROSE}</p>")
    assert blocks_of(html) == [("paragraph", PROSE.strip()), ("heading", "What happens next"),
                               ("paragraph", PROSE.strip()), ("heading", "Who pays"), ("paragraph", PROSE.strip())]


def test_list_items_are_typed_one_block_each() -> None:
    html = article_page(f"<p>{PROSE * 2}</p><ul><li>First point, stated.</li><li><p>Second point, in a p.</p></li></ul>"
                        "<ol><li>Step one</li><li>Step two</li></ol>")
    assert blocks_of(html)[1:] == [("list_item", "First point, stated."), ("list_item", "Second point, in a p."),
                                   ("list_item", "Step one"), ("list_item", "Step two")]


def test_blockquote_is_a_quote_block_even_with_paragraphs_inside() -> None:
    html = article_page(f"<p>{PROSE * 2}</p><blockquote><p>\u201cWe will not give up,\u201d she said.</p></blockquote>")
    assert blocks_of(html)[-1] == ("quote", "\u201cWe will not give up,\u201d she said.")


def test_data_table_is_one_table_block_of_rows_and_cells() -> None:
    html = article_page(f"<p>{PROSE * 2}</p><table><thead><tr><th>Party</th><th>Seats</th></tr></thead>"
                        "<tbody><tr><td>Labour</td><td>412</td></tr><tr><td>Conservative</td><td>121</td></tr></tbody></table>")
    assert blocks_of(html)[-1] == ("table", "Party | Seats\nLabour | 412\nConservative | 121")


def test_layout_table_gives_paragraphs_not_a_table() -> None:
    html = f"<html><body><table><tr><td><p>{PROSE * 2}</p><p>{PROSE}</p></td></tr></table></body></html>"
    assert [kind for kind, _ in blocks_of(html)] == ["paragraph", "paragraph"]


def test_pre_is_a_code_block() -> None:
    html = article_page(f"<p>{PROSE * 2}</p><pre>pip install newsdesk</pre>")
    assert blocks_of(html)[-1] == ("code", "pip install newsdesk")


def test_code_block_keeps_its_lines() -> None:
    html = article_page(f"<p>{PROSE * 2}</p><pre>total = 0\nfor row in rows:\n    total += row</pre>")
    assert blocks_of(html)[-1] == ("code", "total = 0\nfor row in rows:\n    total += row")


def test_inline_markup_and_line_breaks_stay_inside_one_paragraph() -> None:
    html = article_page("<p>Text with <a href='/x'>a link</a> and <em>emphasis</em>,<br>then a new line.</p>"
                        f"<p>{PROSE * 2}</p>")
    assert blocks_of(html)[0] == ("paragraph", "Text with a link and emphasis, then a new line.")


def test_every_block_type_is_a_documented_one() -> None:
    from newsdesk.model import BLOCK_TYPES

    result = fixture_body("page_table_quote_lists.html")
    assert {block.type for block in result.blocks} <= BLOCK_TYPES


# --------------------------------------------------------------------------- boilerplate


@pytest.mark.parametrize("furniture", [
    "<div class='share-bar'><a href='#'>Share on Facebook</a> <a href='#'>Share on X</a></div>",
    "<div class='newsletter-signup'><p>Sign up for our morning briefing and get the news first.</p></div>",
    "<div id='comments'><p>Great article, thanks for writing it, I agree with every word.</p></div>",
    "<aside class='sidebar'><p>Most read this week in the Courier and elsewhere.</p></aside>",
    "<div class='cookie-consent'><p>We use cookies to improve your experience on this site.</p></div>",
    "<div class='ad-slot'><p>Advertisement from our partners this week.</p></div>",
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>",
    "<div hidden><p>Hidden message for screen readers only, please ignore.</p></div>",
    "<div style='display:none'><p>Invisible promotional text for the app store.</p></div>",
    "<p aria-hidden='true'>Decorative pull quote text that repeats the story.</p>",
    "<div role='complementary'><p>More from the business desk this morning.</p></div>",
    "<script>var story = 'Officials said the talks would continue';</script>",
    "<button type='button'>Listen to this article, read aloud by a synthetic voice</button>",
], ids=["share", "newsletter", "comments", "sidebar", "cookie", "ad", "nav", "hidden", "display-none",
        "aria-hidden", "role-complementary", "script", "button"])
def test_boilerplate_never_reaches_the_body(furniture: str) -> None:
    html = article_page(f"<p>{PROSE * 2}</p>{furniture}<p>{PROSE}</p>")
    assert [text for _, text in blocks_of(html)] == [(PROSE * 2).strip(), PROSE.strip()]


@pytest.mark.parametrize("line", ["Advertisement", "ADVERTISEMENT", "Read more", "Share this", "Continue reading",
                                  "3 min read", "Back to top"])
def test_interface_lines_inside_the_article_are_dropped(line: str) -> None:
    html = article_page(f"<p>{PROSE * 2}</p><p>{line}</p><p>{PROSE}</p>")
    assert [text for _, text in blocks_of(html)] == [(PROSE * 2).strip(), PROSE.strip()]


def test_prose_that_mentions_interface_words_is_kept() -> None:
    sentence = "The advertisement market fell by a third in 2024, and readers shared fewer stories, analysts said."
    html = article_page(f"<p>{PROSE * 2}</p><p>{sentence}</p>")
    assert blocks_of(html)[-1] == ("paragraph", sentence)


def test_container_named_like_furniture_is_kept_when_it_holds_the_article() -> None:
    html = (f"<html><body><div class='story-body has-sidebar'><p>{PROSE * 3}</p><p>{PROSE * 3}</p></div>"
            "<div class='sidebar'><p>Most read: short items.</p></div></body></html>")
    assert [text for _, text in blocks_of(html)] == [(PROSE * 3).strip(), (PROSE * 3).strip()]


def test_boilerplate_names_are_matched_as_whole_tokens() -> None:
    assert boilerplate_strength("social-share-buttons") == 2
    assert boilerplate_strength("article-body shareholder-letter") == 0
    assert boilerplate_strength("header-image") == 0
    assert boilerplate_strength("RelatedStories") == 2


def test_furniture_text_is_only_short_interface_text() -> None:
    assert is_furniture_text("Advertisement")
    assert is_furniture_text("Share on Facebook")
    assert not is_furniture_text("Share prices fell by 4% on Monday after the results, traders said.")


# --------------------------------------------------------------------------- what goes elsewhere


def test_figure_and_caption_are_set_aside_with_the_image_url() -> None:
    html = article_page(f"<p>{PROSE * 2}</p><figure><img src='/img/talks.jpg'><figcaption>Delegates arrive in Geneva. "
                        f"(AP Photo/Jane Doe)</figcaption></figure><p>{PROSE}</p>")
    result = body_of(html)
    assert result.captions == [("Delegates arrive in Geneva. (AP Photo/Jane Doe)", "/img/talks.jpg")]
    assert "Geneva" not in " ".join(block.text for block in result.blocks)


def test_lazy_loaded_figure_image_url_comes_from_data_src() -> None:
    html = article_page(f"<p>{PROSE * 2}</p><figure><img data-src='/img/lazy.jpg'><figcaption>Delegates in Geneva."
                        f"</figcaption></figure>")
    assert body_of(html).captions == [("Delegates in Geneva.", "/img/lazy.jpg")]


def test_link_only_paragraph_goes_to_related_not_the_body() -> None:
    html = article_page(f"<p>{PROSE * 2}</p><p>Read more: <a href='/news/2025/10/02/talks-collapse'>"
                        f"Talks collapse after a night of argument in Geneva</a></p><p>{PROSE}</p>")
    result = body_of(html)
    assert ("Talks collapse after a night of argument in Geneva", "/news/2025/10/02/talks-collapse") in result.related
    assert all("Talks collapse" not in block.text for block in result.blocks)


def test_related_block_links_are_collected() -> None:
    html = article_page(f"<p>{PROSE * 2}</p><div class='related-stories'><h3>Related</h3><ul>"
                        "<li><a href='/a'>Geneva hosts a second round of talks next month</a></li>"
                        "<li><a href='/b'>Short</a></li></ul></div><p>{PROSE}</p>")
    related = body_of(html).related
    assert ("Geneva hosts a second round of talks next month", "/a") in related
    # Link texts too short to be a headline ("Short") are not related articles.
    assert all(title != "Short" for title, _ in related)


def test_page_without_a_body_element_content_gives_nothing() -> None:
    assert body_of("<html><head><title>Empty</title></head><body></body></html>").blocks == []


def test_page_without_any_paragraph_text_gives_nothing() -> None:
    assert body_of("<html><body><div><span>hi</span></div></body></html>").blocks == []


# --------------------------------------------------------------------------- choosing and widening the container


def test_split_sections_are_joined_in_document_order() -> None:
    texts = [block.text for block in fixture_body("page_split_sections.html").blocks]
    starts = ["Portmere's harbour festival will return", "The festival was cancelled in 2023",
              "The Norwegian training ship", '"People have been asking us', "For the first time, the festival",
              "Tickets are not needed"]
    positions = [next(i for i, text in enumerate(texts) if text.startswith(start)) for start in starts]
    assert positions == sorted(positions)


def test_split_sections_leave_out_the_advert_and_share_sections() -> None:
    text = " ".join(block.text for block in fixture_body("page_split_sections.html").blocks)
    for furniture in ("Advertise with Portmere Today", "Reach 40,000 local readers", "Share on Facebook",
                      "Quayside Media Ltd", "What's On Sport Contact"):
        assert furniture not in text


def test_split_sections_keep_their_subheading() -> None:
    blocks = [(block.type, block.text) for block in fixture_body("page_split_sections.html").blocks]
    assert ("heading", "A night market on the quay") in blocks


def test_listicle_keeps_every_linked_product_heading() -> None:
    blocks = fixture_body("page_listicle.html").blocks
    headings = [block.text for block in blocks if block.type == "heading"]
    assert headings == ["1. Amazon Kindle (2024)", "2. Kobo Clara BW", "3. PocketBook Verse Pro", "4. Kobo Nia",
                        "5. Boox Go 6", "6. Tolino Shine 5", "How we tested"]


def test_listicle_item_texts_follow_their_headings() -> None:
    blocks = fixture_body("page_listicle.html").blocks
    index = next(i for i, block in enumerate(blocks) if block.text == "4. Kobo Nia")
    assert blocks[index + 1].type == "paragraph"
    assert blocks[index + 1].text.startswith("The Nia is the cheapest reader on this list")


def _story_with_teasers_below(story_paragraphs: int) -> str:
    teasers = "".join(f"<article class='card'><h3><a href='/s{i}'>Another story number {i} about the talks</a></h3>"
                      f"<p>A short summary of story {i}, for the list.</p></article>" for i in range(8))
    paragraphs = "".join(f"<p>{PROSE * 3}</p>" for _ in range(story_paragraphs))
    return (f"<html><body><main><article class='story'><h1>Talks</h1>{paragraphs}</article>"
            f"<section class='more'>{teasers}</section></main></body></html>")


def _texts_without_the_title(html: str) -> list[str]:
    return [block.text for block in body_of(html).blocks if block.text != "Talks"]


def test_long_story_is_not_widened_into_the_teasers_below_it() -> None:
    assert _texts_without_the_title(_story_with_teasers_below(5)) == [(PROSE * 3).strip()] * 5


def test_short_story_is_not_widened_into_the_teasers_below_it() -> None:
    assert _texts_without_the_title(_story_with_teasers_below(3)) == [(PROSE * 3).strip()] * 3


def test_fold_ws() -> None:
    assert fold_ws("  Officials\u00a0said \n\t the\r\ntalks  ") == "Officials said the talks"


# --------------------------------------------------------------------------- text that went missing (issue 9)


def test_paragraphs_that_all_carry_a_furniture_class_are_the_article() -> None:
    # A metered story marks each paragraph <p class="paywall">: none holds the article alone.
    paragraphs = "".join(f'<p class="paywall">{PROSE * 2}</p>' for _ in range(8))
    html = ('<html><body><div class="body__inner-container">' + paragraphs + '</div>'
            '<div class="paywall">Subscribe to keep reading.</div></body></html>')
    texts = [text for _, text in blocks_of(html)]
    assert len(texts) == 8
    assert "Subscribe to keep reading." not in texts


def test_a_list_named_articles_is_a_listing_not_the_article() -> None:
    # "list-articles" must not score as the article the way "article-body" does.
    story = f"<p>{PROSE}{PROSE}</p>"
    teaser = "a story about the talks, with a comma, and more."
    teasers = "".join(f"<li><p>Teaser number {i}: {teaser}</p></li>" for i in range(4))
    html = (f"<html><body><div class='formatted'><section>{story}</section><section>{story}</section></div>"
            f"<div class='promos'><ol class='list-articles'>{teasers}</ol></div></body></html>")
    texts = [text for _, text in blocks_of(html)]
    assert len(texts) == 2 and all(text.startswith("Officials said") for text in texts)


def test_category_classes_name_a_topic_not_furniture() -> None:
    html = ("<html><body><div class='entry entry-category-social_media entry-category-advertising'>"
            + "".join(f"<p>{PROSE}</p>" for _ in range(3)) + "</div></body></html>")
    assert len(blocks_of(html)) == 3
    assert boilerplate_strength("entry-category-social_media tag-ads") == 0


def test_a_comment_thread_is_not_the_article_however_long() -> None:
    # A post made of a list, under comments that hold far more paragraph text than the post.
    intro = "<p>Here is what landed in Firefox over the last two weeks, with thanks to every contributor.</p>"
    fix = "the tab bar no longer flickers when a window opens."
    items = "".join(f"<li>Bug {i} was fixed: {fix}</li>" for i in range(8))
    comments = "".join(
        f'<li class="comment hentry"><blockquote class="entry-content"><p>{PROSE * 4}</p><p>{PROSE * 3}</p>'
        "</blockquote></li>" for _ in range(3)
    )
    html = (f"<html><body><article><div class='entry-content'>{intro}<ul>{items}</ul></div></article>"
            f"<section class='comments'><ol class='comment-list'>{comments}</ol></section></body></html>")
    texts = [text for _, text in blocks_of(html)]
    assert any(text.startswith("Bug 3 was fixed") for text in texts)
    assert not any(PROSE.strip() in text for text in texts)


def _story_beside(column: str) -> str:
    story = "".join(f"<p>{PROSE} Paragraph {n} of the story adds its own detail.</p>" for n in range(6))
    return (f"<html><body><div id='page'><div id='left'><div class='entry'>{story}</div></div>"
            f"<div id='right'>{column}</div></div></body></html>")


def test_widening_stops_short_of_a_sidebar_of_recent_posts() -> None:
    # Beside the story, a column of linked headlines and dates with a line of summary each: a
    # little paragraph text among much linked text. The page wrapper holding both is not the article.
    posts = "".join(
        f"<h5><a href='/post/{n}'>A headline of another post on the blog, number {n}</a></h5>"
        f"<span>November {n + 1}, 2012 at 10:{n}0 am, in Gadgets and Reviews</span>"
        f"<p>Another short summary of that post, {n}.</p>" for n in range(6))
    texts = [text for _, text in blocks_of(_story_beside(f"<h4>Recent posts</h4>{posts}"))]
    assert len(texts) == 6
    assert all(text.startswith(PROSE.strip()) for text in texts)


def test_widening_still_joins_a_story_continued_beside_it_in_unlinked_text() -> None:
    # The same column of short lines without links is more of the story (a list, a fact box): kept.
    facts = "".join(f"<h5>Fact {n}</h5><span>November {n + 1}, 2012, the count was {n * 7} and rising.</span>"
                    f"<p>What the count meant for the town, {n}.</p>" for n in range(6))
    texts = [text for _, text in blocks_of(_story_beside(facts))]
    assert "Fact 5" in texts and len(texts) > 6


def _guide(first_paragraphs: int) -> str:
    first = "".join(f"<p>{PROSE * 3}</p>" for _ in range(first_paragraphs))
    sections = "".join(
        f"<div class='section'><h2><a href='#part-{n}'>Part {n} of the guide</a></h2>"
        + "".join(f"<p>Part {n} says more. {PROSE * 3}</p>" for _ in range(3)) + "</div>" for n in range(2, 5))
    return (f"<html><body><div class='guide'><div class='section'><h2>Part 1 of the guide</h2>{first}</div>"
            f"{sections}</div></body></html>")


def test_widening_joins_the_next_sections_of_a_guide_under_linked_headings() -> None:
    # Each later section sits under a linked heading (a table of contents anchor), as teasers do,
    # but holds a story's worth of prose of its own and few links: the guide goes on.
    texts = [block.text for block in body_of(_guide(first_paragraphs=12)).blocks]
    assert "Part 4 of the guide" in texts
    assert sum(text.startswith("Part 4 says more.") for text in texts) == 3


def _story_under(lead_class: str) -> str:
    story = "".join(f"<p>{PROSE * 2}</p>" for _ in range(6))
    lead = "The council closed the bridge on Monday, and the ferry runs again for the first time since 1990."
    return (f"<html><body><article><h1>Bridge shut</h1><div class='{lead_class}'>{lead}</div>"
            f"<div class='article-body'>{story}</div></article></body></html>")


def test_a_lead_paragraph_styled_apart_above_the_body_opens_it() -> None:
    blocks = body_of(_story_under("article__lead")).blocks
    assert blocks[0] == Block("paragraph", "The council closed the bridge on Monday, and the ferry runs again for "
                                           "the first time since 1990.")
    assert len(blocks) == 7


def test_a_listing_excerpt_above_the_body_is_not_its_lead() -> None:
    blocks = body_of(_story_under("post-excerpt")).blocks
    assert [block.text for block in blocks] == [(PROSE * 2).strip()] * 6


def test_a_section_anchored_by_its_headings_slug_is_not_furniture() -> None:
    sections = "".join(f"<div class='section' id='{slug}'><h2>{slug}</h2><p>{PROSE * 2}</p><p>{PROSE}</p></div>"
                       for slug in ("getting-started", "sharing-with-a-single-developer", "what-to-do-next"))
    texts = [block.text for block in body_of(f"<html><body><div class='content'>{sections}</div></body></html>").blocks]
    assert "sharing-with-a-single-developer" in texts
    assert texts.count((PROSE * 2).strip()) == 3


def test_a_table_wrapped_in_a_figure_is_part_of_the_body() -> None:
    # WordPress's block editor puts every table in <figure class="wp-block-table">: data, not an image.
    table = ("<figure class='wp-block-table'><table><tr><th>City</th><th>Score</th></tr>"
             "<tr><td>San Jose</td><td>84.7</td></tr><tr><td>Oakland</td><td>69.0</td></tr></table>"
             "<figcaption>Source: county data</figcaption></figure>")
    photo = "<figure><img src='/a.jpg'><figcaption>The bridge at dawn</figcaption></figure>"
    result = body_of(article_page(f"<p>{PROSE * 2}</p>{table}{photo}<p>{PROSE * 2}</p>"))
    assert [(block.type, block.text) for block in result.blocks if block.type == "table"] == [
        ("table", "City | Score\nSan Jose | 84.7\nOakland | 69.0")]
    assert [caption for caption, _ in result.captions] == ["Source: county data", "The bridge at dawn"]
    assert not any("bridge at dawn" in block.text for block in result.blocks)


@pytest.mark.parametrize("wrapper", ["lead-image", "lead-media", "story-intro-video", "summary-box"])
def test_a_picture_and_its_caption_above_the_body_are_not_its_lead(wrapper: str) -> None:
    """A lead's media wrapper, or a lead block holding only a figure, gives its caption, not a lead paragraph."""
    caption = "Residents walk past the damaged building in the city centre on Tuesday morning. (Photo: Agency)"
    story = "".join(f"<p>{PROSE * 2}</p>" for _ in range(6))
    page = (f"<html><body><article><h1>Storm hits city</h1><div class='{wrapper}'><img src='a.jpg'>"
            f"<figcaption>{caption}</figcaption></div><div class='article-body'>{story}</div></article></body></html>")
    texts = [block.text for block in body_of(page).blocks]
    assert caption not in texts
    assert len(texts) == 6


def test_a_lead_block_beside_its_picture_still_opens_the_body() -> None:
    lead = "The council closed the bridge on Monday, and the ferry runs again for the first time since 1990."
    story = "".join(f"<p>{PROSE * 2}</p>" for _ in range(6))
    page = (f"<html><body><article><h1>Bridge shut</h1><div class='summary'><p>{lead}</p><figure><img src='a.jpg'>"
            f"<figcaption>The bridge at dusk.</figcaption></figure></div><div class='article-body'>{story}</div>"
            "</article></body></html>")
    assert body_of(page).blocks[0] == Block("paragraph", lead)

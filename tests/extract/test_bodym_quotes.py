"""A quote set in a figure (Gutenberg's pull quote, a site's quote component) is the story's words (issue 9,
recall): walked as a quote, unless it is another site's post embedded there or repeats a line the story has."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import extract_body

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "
QUOTE = "We rebuilt the bridge in six weeks because the town could not wait for the spring."


def story(figure: str) -> list[str]:
    page = f"<html><body><article><p>{PROSE * 3}</p>{figure}<p>{PROSE * 2}</p></article></body></html>"
    return [block.text for block in extract_body(LexborHTMLParser(page)).blocks]


def test_a_pull_quote_in_a_figure_stays() -> None:
    figure = f"<figure class='wp-block-pullquote'><blockquote><p>{QUOTE}</p><cite>Ann Lee</cite></blockquote></figure>"
    assert any(QUOTE in text for text in story(figure))


def test_a_quote_component_with_its_caption_gives_the_quote_only() -> None:
    figure = (f"<figure class='quote'><blockquote><p>{QUOTE}</p></blockquote>"
              "<figcaption>Ann Lee, the town's engineer</figcaption></figure>")
    texts = story(figure)
    assert QUOTE in texts
    assert not any("the town's engineer" in text for text in texts)


def test_an_embedded_post_in_a_figure_stays_out() -> None:
    figure = (f"<figure class='wp-block-embed is-provider-twitter'><blockquote class='twitter-tweet'><p>{QUOTE}</p>"
              "</blockquote></figure>")
    assert story(figure) == [(PROSE * 3).strip(), (PROSE * 2).strip()]


def test_a_pull_quote_that_repeats_the_story_is_not_told_twice() -> None:
    line = "Officials said the talks, which began on Monday, would continue through the week."
    figure = f"<figure class='pullquote'><blockquote><p>\u201c{line}\u201d Ann Lee, engineer</p></blockquote></figure>"
    assert story(figure) == [(PROSE * 3).strip(), (PROSE * 2).strip()]

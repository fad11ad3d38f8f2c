"""A story that opens in a frame named as furniture (issue 9): a news portal shows its story in a "modal" over its
stream of other stories, and the furniture removal took the frame, story and all, since the stream's paragraphs
kept the story under the share of the page's prose that marks the article. A furniture-named element that holds
the page's headline <h1> and a story's worth of paragraphs is the story's frame."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import extract_body

PROSE = ("The council approved the budget on Tuesday, after a debate that ran late into the night, and the mayor "
         "said the new library, delayed twice, would open in the spring. ")
TEASER = "A teaser of another story, with a comma, in the portal's stream of stories, long enough to be prose. "


def page(frame: str, headline: str = "Council passes budget") -> str:
    stream = "".join(f"<li><div class='item'><p>{TEASER * 2}</p></div></li>" for _ in range(12))
    story = "".join(f"<p>{PROSE}</p>" for _ in range(6))
    return (f"<html><body><ul class='stream'>{stream}</ul><div class='{frame}'><article><h1>{headline}</h1>"
            f"<div class='canvas-body'>{story}</div></article></div></body></html>")


def body_of(html: str, headline: str) -> str:
    return "\n".join(block.text for block in extract_body(LexborHTMLParser(html), headline=headline).blocks)


def test_a_story_in_a_modal_that_holds_the_headline_is_the_body() -> None:
    body = body_of(page("render-target-modal"), "Council passes budget")
    assert PROSE.strip() in body
    assert "A teaser" not in body


def test_a_modal_without_the_pages_headline_is_still_furniture() -> None:
    body = body_of(page("render-target-modal", headline="Sign up for our newsletter"), "Council passes budget")
    assert PROSE.strip() not in body

"""Body recall on the shapes found on the shared sets' dev pages (issue 9): a short box that outscores the story
(a teaser, an author's note), and a story that links every other phrase, split across sections."""

from __future__ import annotations

from newsdesk.extract.html import extract_html

URL = "https://example.org/guides/cleaning-costs"
PLAIN = "The crews arrived early and worked through the day without a break in the rain"


def body_text(html: str) -> str:
    return extract_html(html, url=URL).text


# ------------------------------------------------------------------------ a short box outscores the story


def _teaser_and_story(story_paragraphs: int) -> str:
    # The teaser's one sentence is full of commas (scored as prose); the story's sentences have none.
    teaser = "<article class='post'><p>" + "Rates, " * 40 + "and more.</p></article>"
    story = "<div class='text'>" + "".join(f"<p>{PLAIN} number {n}.</p>" for n in range(story_paragraphs)) + "</div>"
    return f"<html><head><title>Cleaning costs</title></head><body>{teaser}{story}</body></html>"


def test_a_short_box_that_outscores_the_story_gives_way_to_the_page_s_paragraphs() -> None:
    text = body_text(_teaser_and_story(12))
    assert f"{PLAIN} number 11." in text
    assert "Rates," not in text


def test_a_story_not_far_longer_than_the_box_leaves_the_box_chosen() -> None:
    # Two short paragraphs are not three times the box: the first choice stands.
    text = body_text(_teaser_and_story(2))
    assert "Rates," in text


# ------------------------------------------------------------------- a story that links every other phrase


def _sections(linked_share: float) -> str:
    words = "the cleaning crews charge by the hour in the city and more for a deep clean"
    first = "<section>" + "".join(f"<p>{words}, said one, then another, and a third, number {n}.</p>"
                                  for n in range(4)) + "</section>"
    linked_chars = int(len(words) * linked_share)
    linked = f"<a href='/x'>{words[:linked_chars]}</a>{words[linked_chars:]}"
    # Set deeper than the first section's: their paragraphs score their own boxes, not the one holding all.
    rest = "".join("<section><div><div>" + "".join(f"<p>{linked} part {s} line {n}</p>" for n in range(5))
                   + "</div></div></section>" for s in range(3))
    return (f"<html><head><title>Cleaning costs</title></head><body><div class='entry'>{first}{rest}</div>"
            "</body></html>")


def test_widening_climbs_to_sections_whose_links_sit_inside_sentences() -> None:
    text = body_text(_sections(0.6))
    assert "part 2 line 4" in text
    assert "number 3." in text


def test_widening_stops_below_paragraphs_that_are_each_a_link() -> None:
    # An archive's list set in <p>s: nearly all of what the ancestor adds is link text.
    text = body_text(_sections(0.97))
    assert "number 3." in text
    assert "part 2 line 4" not in text

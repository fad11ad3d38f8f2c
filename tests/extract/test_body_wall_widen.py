"""A sidebar or footer that outlived the furniture removal, beside the story (issue 9): widening climbed to the
ancestor that holds both and took in its blurbs, and a short story's second look (``_paragraph_holder``) fell on
the sidebar's paragraphs. Widening stops below an ancestor when sidebars or footers hold half of what it adds; the
second look passes over a sidebar or footer (by tag, role or id) when the story was found outside one."""

from __future__ import annotations

from body_pages import body_of

PROSE = ("The council approved the budget on Tuesday, after a debate that ran late into the night, and the mayor "
         "said the new library, delayed twice, would open in the spring. ")
BLURB = ("Our magazine, founded in 1998, covers cars, engines, racing and design, with reviews, interviews and "
         "guides written by enthusiasts, for enthusiasts, every week of the year. ")


def test_widening_stops_below_the_ancestor_that_holds_a_sidebar_beside_the_story() -> None:
    story = "".join(f"<p>{PROSE}</p>" for _ in range(6))
    blurbs = "".join(f"<div class='item'><p>{BLURB}</p></div>" for _ in range(5))
    page = (f"<html><body><div id='page'><div id='contentleft'><div class='post'><div class='entry'>{story}</div>"
            f"</div></div><div id='contentright'><div id='sidebar'>{blurbs}</div></div></div></body></html>")
    body = body_of(page)
    assert PROSE.strip() in body
    assert "Our magazine" not in body


def test_more_of_the_story_beside_it_is_still_taken_in() -> None:
    first = "".join(f"<p>{PROSE}</p>" for _ in range(3))
    rest = "".join(f"<p>{BLURB}</p>" for _ in range(3))
    page = f"<html><body><article><div class='part'>{first}</div><div class='part'>{rest}</div></article></body></html>"
    body = body_of(page)
    assert PROSE.strip() in body and BLURB.strip() in body

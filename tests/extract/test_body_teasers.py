"""Inline teaser cards a news page sets into its story (issue 9), as found on the shared sets' dev pages: a linked
headline with its kicker, its date line, or the label of their box, between the story's paragraphs."""

from __future__ import annotations

import json

from newsdesk.extract.body_emit import Emitter, drop_linked_headlines
from newsdesk.extract.html import extract_html
from newsdesk.model import Block

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "
STORY = "".join(f"<p>Paragraph {n}. {PROSE * 2}</p>" for n in range(8))
HALF = len(STORY) // 2


def body_text(inner: str, kind: str = "NewsArticle") -> str:
    data = json.dumps({"@type": kind, "headline": "Talks go on"})
    html = (f"<html><head><title>Talks go on</title><script type='application/ld+json'>{data}</script></head>"
            f"<body><article><h1>Talks go on</h1>{inner}</article></body></html>")
    return extract_html(html, url="https://example.org/2024/09/talks-go-on").text


# --------------------------------------------------------------------------- teaser cards


def card(title: str, href: str = "/clanek/another-story-265932") -> str:
    # A teaser card whose link wraps its heading, with the story's date under it (Seznam Zprávy).
    return (f"<div class='card'><div class='media'><a href='{href}'><img src='t.jpg'></a></div>"
            f"<div><a href='{href}' class='card__title-link'><h3>{title}</h3></a>"
            "<div class='meta'><time>23. 12. 2024 13:31</time></div></div></div>")


def test_a_teaser_card_whose_link_wraps_its_headline_goes_with_its_date() -> None:
    text = body_text(STORY[:HALF] + card("Villas of the accused look for new owners") + STORY[HALF:])
    assert "Villas of the accused" not in text and "13:31" not in text
    assert "Paragraph 7" in text


def test_a_heading_wrapped_in_a_link_within_the_page_stays() -> None:
    text = body_text(STORY[:HALF] + card("How the city reacted", href="#reactions") + STORY[HALF:])
    assert "How the city reacted" in text


def test_the_label_over_a_box_of_teasers_goes_and_the_story_goes_on() -> None:
    box = ("<div class='box'><h2>Most read in Football</h2>" +
           "".join(f"<h3><a href='/sport/football/{n}'>Club sacks manager number {n} before the play-offs</a></h3>"
                   for n in range(4)) + "</div>")
    text = body_text(STORY + box + STORY.replace("Paragraph", "Later paragraph"))
    assert "Most read" not in text and "Club sacks" not in text
    assert "Later paragraph 7" in text


def test_linked_headings_after_the_storys_last_prose_are_left_to_the_tail_trim() -> None:
    prose = Block("paragraph", "The council's vote, which closes the old bridge for a year, was taken late on Monday.")
    out = Emitter(blocks=[prose, Block("heading", "Another story"), Block("paragraph", "Marcus De Guzman")],
                   linked_headings=[1])
    drop_linked_headlines(out)
    assert [b.text for b in out.blocks] == [prose.text, "Another story", "Marcus De Guzman"]


def test_a_closing_box_of_many_links_does_not_keep_the_storys_own_teasers() -> None:
    # Two teasers between the story's paragraphs, then a "More on this" box of eight linked headings and a
    # programme note: the cap on teasers counts those within the story only.
    teasers = [card(f"Inline teaser number {n} about the slaughterhouse", href=f"/video/{n}") for n in range(2)]
    more = ("<h2>Mehr zu Fleischkonsum</h2>" +
            "".join(f"<h3><a href='/more/{n}'>Closing link {n} on meat prices</a></h3>" for n in range(8)) +
            "<p>Dieses Thema im Programm: MDR THÜRINGEN - Das Radio | Nachrichten | 28. April 2023 | 10:00 Uhr</p>")
    text = body_text(STORY[:HALF] + teasers[0] + STORY[HALF:] + teasers[1] + STORY + more)
    assert "Inline teaser" not in text
    assert "Paragraph 7" in text

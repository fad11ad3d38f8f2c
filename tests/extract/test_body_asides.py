"""Asides that a story's page sets beside its text (issue 9), as found on the shared sets' dev pages: the note about
the byline's author after the story, and an inline teaser's linked headline between the story's paragraphs."""

from __future__ import annotations

import json

from newsdesk.extract.author_bio import without_closing_bio
from newsdesk.extract.html import extract_html
from newsdesk.model import Block

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "
STORY = "".join(f"<p>Paragraph {n}. {PROSE * 2}</p>" for n in range(8))
HALF = len(STORY) // 2


def data(kind: str, authors: tuple[str, ...] = ("Jane Doe",)) -> str:
    people = [{"@type": "Person", "name": name} for name in authors]
    return ('<script type="application/ld+json">' +
            json.dumps({"@type": kind, "headline": "Talks go on", "author": people}) + "</script>")


def body_text(inner: str, kind: str = "NewsArticle", authors: tuple[str, ...] = ("Jane Doe",)) -> str:
    html = (f"<html><head><title>Talks go on</title>{data(kind, authors)}</head><body><article>"
            f"<h1>Talks go on</h1>{inner}</article></body></html>")
    return extract_html(html, url="https://example.org/2024/09/talks-go-on").text


# --------------------------------------------------------------------------- the author's note


def test_a_news_reports_closing_note_on_its_byline_author_goes() -> None:
    note = ("<div class='box'><p><a href='/autor/jane-doe/'>Korrespondentin Jane Doe</a> ist bei der Zeitung für "
            "landespolitische Themen zuständig. Ihre Artikel finden Sie hier.</p></div>")
    text = body_text(STORY + note)
    assert "Paragraph 7" in text
    assert "landespolitische" not in text


def test_a_label_over_the_note_goes_with_it() -> None:
    note = ("<div class='box'><h3>Die Autorin</h3><p>Jane Doe (*1958) war Direktorin für politische Planung im "
            "Außenministerium.</p></div>")
    text = body_text(STORY + note)
    assert "Direktorin" not in text and "Die Autorin" not in text
    assert "Paragraph 7" in text


def test_a_closing_paragraph_on_someone_else_stays() -> None:
    # A profile's or listicle's closing "Jane Roe has ..." is the story: only the byline's name marks a note.
    last = "<p>Jane Roe is a reporter who has covered the council for a decade, and she will cover the talks.</p>"
    assert "covered the council" in body_text(STORY + last)


def test_a_credit_line_sharing_the_reporting_stays() -> None:
    credit = "<p>Jane Doe reported from Seoul, and John Roe from Hong Kong.</p>"
    assert "reported from Seoul" in body_text(STORY + credit, authors=("Jane Doe", "John Roe"))


def test_a_blogs_closing_bio_in_prose_stays() -> None:
    # Blogs and guides end with their writer's bio, and their benchmarks' golds keep it.
    bio = "<p>Jane Doe is a freelance writer living in Denver who has written about gardens for ten years.</p>"
    assert "freelance writer" in body_text(STORY + bio, kind="BlogPosting")


def test_the_byline_name_set_apart_over_its_bio_goes_on_any_page() -> None:
    bio = ("<div class='box'><h3>Jane Doe</h3><p>Jane Doe is a national affairs correspondent. She has written "
           "a dozen books.</p></div>")
    text = body_text(STORY + bio, kind="Article")
    assert "national affairs" not in text
    assert "Paragraph 7" in text


def test_a_note_longer_than_a_quarter_of_the_body_stays() -> None:
    blocks = [Block("paragraph", "The council met."), Block("paragraph", "It argued."),
              Block("paragraph", "It went home."), Block("paragraph", "Jane Doe " + "writes and writes. " * 20)]
    assert without_closing_bio(blocks, ["Jane Doe"], news=True) == blocks


# --------------------------------------------------------------------------- inline teasers


TEASER = ("<div class='teaser'><span>Wetterauswirkungen</span><h3><a href='/news/roads-melt-100.html'>Beton bricht, "
          "Asphalt schwitzt: Was Hitze mit Straßen macht</a></h3></div>")


def test_an_inline_teasers_linked_headline_and_kicker_go_from_a_news_report() -> None:
    text = body_text(STORY[:HALF] + TEASER + "<h2>What comes next</h2>" + STORY[HALF:])
    assert "Asphalt schwitzt" not in text and "Wetterauswirkungen" not in text
    assert "What comes next" in text and "Paragraph 7" in text


def test_a_linked_headline_stays_on_a_page_that_is_not_news() -> None:
    assert "Asphalt schwitzt" in body_text(STORY[:HALF] + TEASER + STORY[HALF:], kind="Article")


def test_a_ranking_of_linked_headings_stays() -> None:
    entries = "".join(f"<h3><a href='/film/{n}'>{n}) Film number {n}</a></h3><p>Film {n} is {PROSE}</p>"
                      for n in range(10, 0, -1))
    text = body_text(STORY[:HALF] + entries)
    assert "1) Film number 1" in text and "10) Film number 10" in text


def test_a_labelled_pointer_stays() -> None:
    pointer = "<h3><a href='/guides/best-hotel-sites'>Related: Our Ranking of the Best Hotel Booking Sites</a></h3>"
    assert "Our Ranking" in body_text(STORY[:HALF] + pointer + STORY[HALF:])


def test_a_heading_linking_within_the_page_stays() -> None:
    anchor = "<h2><a href='#reactions'>How the city reacted</a></h2>"
    assert "How the city reacted" in body_text(STORY[:HALF] + anchor + STORY[HALF:])

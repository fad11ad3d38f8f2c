"""A list the story gives whose entries open with a link (issue 9): a reading list ("<a>title</a> by author"),
a deals post ("<a>product</a> for $161 at Dell"). Each entry is mostly link text, which the body walk drops as
a box of links; found on dev pages of dragnet (R706, R135), WCXB (0275, 0389) and scrapinghub, where
trafilatura kept them. Related-story boxes stay out: headlines alone, behind a kicker, or with a date."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import extract_body

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "


def texts(inner: str) -> list[str]:
    page = f"<html><body><article><p>{PROSE * 3}</p>{inner}<p>{PROSE * 2}</p></article></body></html>"
    return [block.text for block in extract_body(LexborHTMLParser(page)).blocks]


def test_a_reading_list_whose_entries_name_their_authors_stays() -> None:
    entries = ("<ul><li><a href='/b/1'>The Victorian Internet: The Remarkable Story of the Telegraph</a>"
               " by Tom Standage, reviewed in September</li>"
               "<li><a href='/b/2'>Socially Mediated Publicness: An Introduction</a>"
               " by Nancy Baym and danah boyd</li></ul>")
    kept = texts(entries)
    assert "Socially Mediated Publicness: An Introduction by Nancy Baym and danah boyd" in kept
    assert any(text.startswith("The Victorian Internet") for text in kept)


def test_a_deal_with_its_price_and_shop_stays() -> None:
    entry = ("<ul><li><a href='/d/1'>2TB WD My Passport USB 3.0 Portable Hard Drive in black, silver or blue</a>"
             " for $161.99 at Dell today</li></ul>")
    assert ("2TB WD My Passport USB 3.0 Portable Hard Drive in black, silver or blue for $161.99 at Dell today"
            in texts(entry))


def test_related_headlines_go() -> None:
    box = ("<ul><li><a href='/n/1'>Woman in her 90s found alive five days after the quake in the north</a></li>"
           "<li><a href='/n/2'>Top Yoga Retreats in Oregon for the coming year and beyond</a> - November 27, 2025</li>"
           "<li>Philologin enthüllt, Forscherin erklärt: <a href='/n/3'>Die erstaunlichen Geheimnisse der Frauen"
           " in der Antike und im alten Rom</a></li></ul>")
    assert texts(box) == [(PROSE * 3).strip(), (PROSE * 2).strip()]


def test_an_entry_in_a_paragraph_is_still_judged_as_a_line_of_links() -> None:
    # Only list items: a paragraph that is a link and a few words is a teaser far more often (dev pages of
    # all sets lost more than they gained when paragraphs were let through too).
    line = "<p><a href='/n/1'>Woman in her 90s found alive five days after the quake</a> by our reporter in Tokyo</p>"
    assert texts(line) == [(PROSE * 3).strip(), (PROSE * 2).strip()]

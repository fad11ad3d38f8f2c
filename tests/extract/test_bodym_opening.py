"""Body recall on pages never seen (issue 9): mechanisms found on the shared sets' dev pages where trafilatura
kept more of the gold, each on several sites. The story's opening set apart just above the body's container (a
paywall's free paragraph, a guide's intro block); a sentence that opens with its linked subject; a comments
box's rules named "commenting"."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import extract_body
from newsdesk.extract.html import extract_html

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "
OPENING = "Six weeks after the flood, the town's only bridge reopened on Friday, a month ahead of plan. "


def body_of(inner: str, description: str | None = None) -> list[str]:
    page = f"<html><body>{inner}</body></html>"
    return [block.text for block in extract_body(LexborHTMLParser(page), description=description).blocks]


def walled(above: str) -> str:
    # The rest is long enough that the opening adds under a tenth to it: its parent is not climbed to.
    rest = "".join(f"<p>{PROSE * 2}</p>" for _ in range(15))
    return (f"<article><h1>Bridge reopens</h1>{above}"
            f"<div class='article-rest'>{rest}</div></article><aside><a href='/x'>Most read</a></aside>")


# --------------------------------------------------------------------------- the opening above the container


def test_a_paywalls_free_opening_above_the_walled_rest_stays() -> None:
    texts = body_of(walled(f"<p>{OPENING * 2}</p>"))
    assert texts[0] == (OPENING * 2).strip()
    assert len(texts) == 16


def test_an_intro_block_and_a_picture_between_it_and_the_rest_stay() -> None:
    above = (f"<div class='part-one'><p>{OPENING}</p><p>{OPENING}</p></div>"
             "<figure><img src='a.jpg'><figcaption>The bridge on Friday.</figcaption></figure>")
    texts = body_of(walled(above))
    assert texts[:2] == [OPENING.strip(), OPENING.strip()]


def test_a_byline_above_the_container_ends_the_opening() -> None:
    # The byline stands between: nothing above it is taken, however it reads.
    above = f"<p>{OPENING * 2}</p><p>By Ann Lee, 3 May 2024</p>"
    assert body_of(walled(above))[0] == (PROSE * 2).strip()


def test_a_block_under_the_headline_gives_only_its_prose() -> None:
    # A guide's header block: its title, a credit line, then the intro that runs into the sections.
    above = (f"<div class='hero'><h2>The Ultimate Bridge Guide | Site</h2><p>Site Team | 5 min read</p>"
             f"<p>{OPENING}</p></div>")
    texts = body_of(walled(above))
    assert texts[0] == OPENING.strip()
    assert not any("5 min read" in text or "Ultimate" in text for text in texts)


def test_the_description_shown_above_the_container_stays_the_standfirst() -> None:
    dek = "The town's only bridge reopened on Friday, a month ahead of plan, six weeks after the flood."
    page = (f"<html><head><meta name=\"description\" content=\"{dek}\"><title>Bridge reopens</title></head><body>"
            f"{walled(f'<p>{dek}</p>')}</body></html>")
    article = extract_html(page, url="https://news.example/2024/05/03/bridge")
    assert article.standfirst == dek
    assert dek not in article.text


def test_a_shops_notice_above_the_container_is_no_opening() -> None:
    above = ("<p>Every item on this page was chosen by an editor. We may earn commission on some of the items you "
             "buy.</p>")
    assert body_of(walled(above))[0] == (PROSE * 2).strip()


def test_a_teaser_with_its_link_above_the_container_is_no_opening() -> None:
    above = f"<p><a href='/other'>{OPENING}</a></p>"
    assert body_of(walled(above))[0] == (PROSE * 2).strip()


# --------------------------------------------------------------------------- a sentence opening with its link


def story(inner: str) -> list[str]:
    return body_of(f"<article><p>{PROSE * 3}</p>{inner}<p>{PROSE * 2}</p></article>")


def test_a_sentence_that_opens_with_its_linked_subject_stays() -> None:
    line = ("<p><a href='/t/meghan'>Meghan Markle</a>'s mum, <a href='/n/1'>Doria Ragland, is said to be the only "
            "person the couple trust to care for their children</a> when they are away.</p>")
    assert ("Meghan Markle's mum, Doria Ragland, is said to be the only person the couple trust to care for their "
            "children when they are away.") in story(line)
    line = ("<p><a href='/t/meghan'>Meghan Markle</a> has been <a href='/n/2'>criticised by a royal expert who "
            "disputed her account of her first years in the country</a>.</p>")
    assert any(text.startswith("Meghan Markle has been criticised") for text in story(line))


def test_a_linked_headline_with_its_age_goes() -> None:
    line = "<p><a href='/n/3'>Bridge reopens a month ahead of plan after the flood</a> 2 hours ago.</p>"
    assert story(line) == [(PROSE * 3).strip(), (PROSE * 2).strip()]


# --------------------------------------------------------------------------- a comments box's rules


def test_a_commenting_boxs_guidelines_go() -> None:
    rules = ("<div class='commenting-guidelines'><p>Guidelines: feedback should follow the community's rules, "
             "which are used to identify comments that will be removed from display on the site.</p>"
             "<p>Comments may be no longer than 2000 characters and will post shortly after submitting.</p></div>")
    assert not any("Guidelines" in text or "2000 characters" in text for text in story(rules))

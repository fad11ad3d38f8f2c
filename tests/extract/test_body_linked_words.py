"""The story's own words that the body walk dropped (issue 9), as found on the shared sets' dev pages where
trafilatura kept more of the gold: a sentence whose words the writer linked, a line of names a site links to
their topic pages, a metered story's paragraphs past the free preview, a paragraph whose generated id reads
as furniture by chance, and an English "More on ..." that is a sentence, not a label."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import extract_body
from newsdesk.extract.boilerplate import attribute_strength, is_end_marker
from newsdesk.extract.html import _cut_at_end_marker
from newsdesk.model import Block

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "


def texts(inner: str) -> list[str]:
    page = f"<html><body><article><p>{PROSE * 3}</p>{inner}<p>{PROSE * 2}</p></article></body></html>"
    return [block.text for block in extract_body(LexborHTMLParser(page)).blocks]


# --------------------------------------------------------------------------- a sentence the writer linked


def test_a_sentence_whose_words_are_a_link_stays() -> None:
    sentence = "It also <a href='https://nato.example/topics'>co-ordinates military plans and joint exercises</a>."
    assert "It also co-ordinates military plans and joint exercises." in texts(f"<p>{sentence}</p>")


def test_a_labelled_link_to_another_story_goes() -> None:
    teaser = "READ MORE: <a href='/other'>Woman in her 90s found alive five days after the quake.</a>"
    assert texts(f"<p>{teaser}</p>") == [(PROSE * 3).strip(), (PROSE * 2).strip()]


def test_a_line_that_is_one_link_goes() -> None:
    teaser = "<a href='/other'>The whole line is one link to another story, as a teaser's summary is.</a>"
    assert texts(f"<p>{teaser}</p>") == [(PROSE * 3).strip(), (PROSE * 2).strip()]


def test_a_hover_card_glued_into_a_sentence_keeps_it_out() -> None:
    # The Hill's name links carry a card of the person's latest stories inside the sentence.
    card = ("A man pleaded guilty to threatening Rep. <a href='/people/omar'>Ilhan Omar</a><span>"
            "<a href='/people/omar'>Ilhan Omar</a><a href='/n/1'>Progressives oppose funding bill over surveillance</a>"
            "<a href='/n/2'>Omar asks court to apply compassion in sentencing man</a></span> on Monday.")
    assert texts(f"<p>{card}</p>") == [(PROSE * 3).strip(), (PROSE * 2).strip()]


# --------------------------------------------------------------------------- names linked to their topic pages


def test_a_line_of_names_linked_as_in_the_prose_stays() -> None:
    prose = (f"<p>{PROSE}The quake hit <a class='kw' href='/t/miyazaki'>Miyazaki</a> at nine, the agency said.</p>")
    line = ("<p>Oita: <a class='kw' href='/t/nobeoka'>Nobeoka</a>, <a class='kw' href='/t/saito'>Saito</a>, "
            "<a class='kw' href='/t/kijo'>Kijo</a>, <a class='kw' href='/t/kawaminami'>Kawaminami</a></p>")
    assert "Oita: Nobeoka, Saito, Kijo, Kawaminami" in texts(prose + line)


def test_a_list_of_tags_with_a_class_of_its_own_goes() -> None:
    prose = (f"<p>{PROSE}The quake hit <a class='kw' href='/t/miyazaki'>Miyazaki</a> at nine, the agency said.</p>")
    tags = ("<p>Tags: <a class='tag' href='/t/quake'>Earthquake</a>, <a class='tag' href='/t/japan'>Japan</a>, "
            "<a class='tag' href='/t/kyushu'>Kyushu</a></p>")
    assert not any(text.startswith("Tags") for text in texts(prose + tags))


# --------------------------------------------------------------------------- behind the paywall


def test_a_metered_paragraph_kept_from_screen_readers_stays() -> None:
    walled = "That's heady, terrifying, and maybe a bit of hyperbole, as the new search box shows. " * 3
    assert walled.strip() in texts(f"<p class='paywall' aria-hidden='true'>{walled}</p>")


def test_the_paywalls_own_offer_goes() -> None:
    offer = "<p class='paywall'>Für 0.99 € können Sie diesen Artikel erwerben.</p>"
    assert texts(offer) == [(PROSE * 3).strip(), (PROSE * 2).strip()]


# --------------------------------------------------------------------------- generated ids


def test_a_generated_id_is_no_furniture_by_chance() -> None:
    # Cut at its capitals, "n1AuAdJlVL" holds "Ad".
    assert attribute_strength(None, "block-id-n1AuAdJlVL") == 0
    assert attribute_strength(None, "jsAdWrap") == 2
    assert (PROSE * 2).strip() in texts(f"<p id='block-id-n1AuAdJlVL'>{PROSE * 2}</p>")


# --------------------------------------------------------------------------- "More on ..." in English


def test_more_on_as_a_sentence_late_in_a_story_does_not_cut_it() -> None:
    story = [Block("paragraph", PROSE * 4)] * 2
    for sentence in ("More on that later.", "More on that in a follow-up post about the engine's performance."):
        blocks = [*story, Block("paragraph", sentence), Block("paragraph", PROSE * 2)]
        assert len(_cut_at_end_marker(blocks)) == 4
    label = [*story, Block("heading", "More from Top Gear"), Block("paragraph", "A teaser")]
    assert len(_cut_at_end_marker(label)) == 2


def test_more_on_labels_are_end_markers_and_sentences_are_not() -> None:
    assert all(is_end_marker(text) for text in ("More from Top Gear", "More on Bossip!", "MORE ABOUT",
                                                 "More from NBC’s TODAY:", "Die Redaktion empfiehlt"))
    assert not any(is_end_marker(text) for text in ("More on that later.", "More information",
                                                     "More news is expected later."))

"""A poll or a quiz set in the story (20 Minuten's "Welches dieser Mittel ist dein Favorit?", a blog's "Live
Poll"): its answers are labels beside radio buttons, which go with the dropped tags and leave the labels
behind. The box of a group of radio buttons, with its question, is not the story; buttons far apart (a page
wrapped in one form) make no box."""

from __future__ import annotations

from newsdesk.extract.html import extract_html

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "
PARAS = "".join(f"<p>{PROSE}Paragraph {n} adds what the minister said on day {n} of the talks.</p>" for n in range(5))
LATER = "".join(f"<p>{PROSE}Paragraph {n} adds what the envoy said on day {n} of the talks.</p>" for n in range(5))
POLL = ("<div class='sc-e17c7982-2' type='poll'><div><div><p>Which of these remedies is your favourite when you "
        "feel a cold coming?</p></div><div>"
        + "".join(f"<label><div><input type='radio' id='o{n}' name='poll-answer'><label for='o{n}'>{answer}</label>"
                  "</div></label>" for n, answer in enumerate(["A warming soup.", "Lots of garlic and ginger.",
                                                               "Vitamin C and zinc.", "Just sleep and rest."]))
        + "</div></div></div>")


def _text(html: str) -> str:
    return extract_html(html, url="https://example.org/2025/11/06/talks").text


def test_a_poll_in_the_story_is_left_out_with_its_question() -> None:
    page = (f"<html><head><title>Talks go on</title></head><body><article><h1>Talks go on</h1>{PARAS}{POLL}"
            f"{LATER}</article></body></html>")
    text = _text(page)
    assert text.count(PROSE.strip()) == 10
    assert "warming soup" not in text
    assert "your favourite" not in text


def test_radio_buttons_far_apart_in_a_page_wide_form_leave_the_story() -> None:
    # ASP.NET pages wrap everything in one <form>: a search box's radio buttons at the top and a rating's at the
    # bottom share the story as their common ancestor.
    page = ("<html><head><title>Talks go on</title></head><body><form id='aspnetForm'><div><div>"
            "<label><input type='radio' name='scope'>This site</label><label><input type='radio' name='scope'>"
            f"The web</label></div><div class='story'><h1>Talks go on</h1>{PARAS}{LATER}</div><div>"
            "<label><input type='radio' name='scope'>Images</label></div></div></form></body></html>")
    assert _text(page).count(PROSE.strip()) == 10

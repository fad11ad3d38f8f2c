"""Bylines among the body's first lines that the line classifier did not call bylines (issue 9, text mode).

A copied page often prints its byline under the standfirst or the first paragraph, where the segmenter
has already started the body: a bare name over a date, or a date line that opens with the author's name.
Such a line is the author and leaves the body; a sentence that opens with a person's name is neither.
"""

from __future__ import annotations

import pytest

from newsdesk.extract.text import extract_text

_LEAD = ("Storms swept across the county overnight, flooding roads and cutting power to thousands of "
         "homes, officials said on Tuesday morning. Forecasters warned that more rain was on its way and "
         "that rivers in the valley could burst their banks again before the weekend.")
_PARAGRAPH = ("Crews worked through the night to clear fallen trees from the main roads, and the council "
              "opened two shelters for families who had to leave their homes because of the rising water. ")


def _page(*opening: str) -> str:
    """A page whose header holds only a section and a headline, and whose body opens with ``opening``."""
    body = "\n\n".join([_LEAD, *opening, _PARAGRAPH * 3, _PARAGRAPH * 2, _PARAGRAPH * 3])
    return "NEWS\n\nFloods leave thousands without power across the county\n\n" + body


@pytest.mark.parametrize(("opening", "author"), [
    # A bare name over a relative date line with a clock time (TagesAnzeiger).
    (("Edgar Schuler", "Publiziert heute um 12:19 Uhr"), "Edgar Schuler"),
    # A date line that opens with the author's name (CBC News).
    (("Yasmine Hassan · CBC News · Posted: Aug 08, 2024 4:00 AM EDT | Last Updated: August 8",), "Yasmine Hassan"),
    # A name and a date on one line (WinFuture).
    (("Stefan Trunzik, 26.04.2024 10:00 Uhr",), "Stefan Trunzik"),
])
def test_byline_in_body_opening_is_the_author_and_not_body(opening: tuple[str, ...], author: str) -> None:
    article = extract_text(_page(*opening))
    assert article.authors == [author]
    assert not any(author in block.text for block in article.body)
    assert any(block.text.startswith("Crews worked") for block in article.body)


def test_sentence_opening_with_a_name_is_no_byline() -> None:
    # A short sentence about the story's subject, by a date line, is body, and its subject no author.
    article = extract_text(_page("Jane Doe, 45, was arrested on Monday.", "March 3, 2025"))
    assert article.authors == []


def test_subheading_without_a_date_is_no_byline() -> None:
    # A title-case subheading over a line with a duration reads like a name, but nothing dates it.
    article = extract_text(_page("Pre-Workout Meal", "Eat 60–90 minutes before your workout"))
    assert article.authors == []
    assert any(block.text == "Pre-Workout Meal" for block in article.body)


def test_label_and_value_is_no_byline() -> None:
    # "Average GPA: 3.75" has a name's capitals and a time's digits; it is a fact box's row.
    article = extract_text(_page("Average GPA: 3.75", "Class Size: 424", "March 3, 2025"))
    assert article.authors == []

"""Language of an article's text, from its opening."""

from __future__ import annotations

from newsdesk.extract.language import detect_language

_ENGLISH = ("The United States will scale back its military mission in Iraq, the Pentagon said on Tuesday, "
            "after months of talks with the government in Baghdad about the future of the coalition. ")
_GERMAN = ("Die Bundesregierung hat am Dienstag beschlossen, die Ausgaben für die Bahn deutlich zu erhöhen, "
           "nachdem die Verspätungen im vergangenen Jahr einen neuen Höchststand erreicht hatten. ")


def test_names_the_language_of_a_news_paragraph() -> None:
    assert detect_language(_ENGLISH * 3) == "en"
    assert detect_language(_GERMAN * 3) == "de"


def test_too_little_text_names_no_language() -> None:
    assert detect_language("Share this") is None


def test_the_opening_thousand_characters_decide() -> None:
    # An English story followed by a long German quote or appendix is read from its opening.
    opening = (_ENGLISH * 6)[:1000]
    assert detect_language(opening + _GERMAN * 20) == "en"

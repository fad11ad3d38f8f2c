"""Tests for newsdesk.extract.authors: bylines in, person names out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.extract.authors import MAX_NAME_WORDS, clean_authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Lead-ins in several languages.
        (["By Jane Doe"], ["Jane Doe"]),
        (["Written by Jane Doe"], ["Jane Doe"]),
        (["Reporting by Jane Doe in Ankara; Editing by Mark Heinrich"], ["Jane Doe"]),
        (["Von Hans Müller und Petra Schmidt"], ["Hans Müller", "Petra Schmidt"]),
        (["Par Jean Dupont"], ["Jean Dupont"]),
        (["Por Juan Pérez y María López"], ["Juan Pérez", "María López"]),
        (["Author: Jane Doe"], ["Jane Doe"]),
        # Splitting and de-duplication.
        (
            ["Danielle DeSiato, Donna Enzmann, and Natalie Nguyen"],
            ["Danielle DeSiato", "Donna Enzmann", "Natalie Nguyen"],
        ),
        (["Jane Doe & John Smith", "JANE DOE"], ["Jane Doe", "John Smith"]),
        (["By Jane Doe with John Smith"], ["Jane Doe", "John Smith"]),
        # Outlets, roles and credentials around a name.
        (["By JANE DOE and John Smith | Reuters"], ["Jane Doe", "John Smith"]),
        (["Jane Doe, Staff Writer"], ["Jane Doe"]),
        (["Jane Doe Staff Writer"], ["Jane Doe"]),
        (["Senior Editor Jane Doe"], ["Jane Doe"]),
        (["Mayank Gupta, CEO of CaseBasix"], ["Mayank Gupta"]),
        (["Dylan Bailey, MS, RD, FAND"], ["Dylan Bailey"]),
        (["Michael Greger, M.D. FACLM"], ["Michael Greger"]),
        (["By Jane Doe, Associated Press"], ["Jane Doe"]),
        (["Brian Truitt USA TODAY"], ["Brian Truitt"]),
        (["Jane Doe is a reporter at the Gazette covering city hall."], ["Jane Doe"]),
        (["Paul Frew, Home and Digital Security Expert"], ["Paul Frew"]),
        # Dates, e-mail addresses, handles and links that bylines carry.
        (["By Jane Doe Published October 1, 2025 Updated 3:04 PM EDT"], ["Jane Doe"]),
        (["Summer Swann, June 5, 2024"], ["Summer Swann"]),
        (["Jane Doe jane.doe@example.com @janedoe https://example.com/jane"], ["Jane Doe"]),
        (["Follow @janedoe Jane Doe"], ["Jane Doe"]),
        (["Jane Doe (https://twitter.com/@janedoe?lang=en)"], ["Jane Doe"]),
        (["JANE DOE [WWW.EXAMPLE.COM]"], ["Jane Doe"]),
        # Names that look like the things removed.
        (["Theresa May"], ["Theresa May"]),
        # "Jan" and "Jun" are first names as well as months: only a number beside them makes them a date.
        (["Jan Sellner"], ["Jan Sellner"]),
        (["By Jun Li, Jun. 5, 2024"], ["Jun Li"]),
        (["Jane Doe, 12 Jan 2024"], ["Jane Doe"]),
        (["Rui Ma"], ["Rui Ma"]),
        (["Md Najmul Hossain"], ["Md Najmul Hossain"]),
        (["Von Miller"], ["Von Miller"]),
        (["Ursula von der Leyen"], ["Ursula von der Leyen"]),
        (["Luiz Inácio Lula da Silva"], ["Luiz Inácio Lula da Silva"]),
        (["JEAN-PAUL O'SULLIVAN"], ["Jean-Paul O'Sullivan"]),
        (["A. J. Neal"], ["A. J. Neal"]),
        (["राहुल शर्मा"], ["राहुल शर्मा"]),
        (["王小明"], ["王小明"]),
        # What avatars and image alt text add.
        (["CM Craig McCarthy"], ["Craig McCarthy"]),
        (["Jane Doe Jane Doe"], ["Jane Doe"]),
    ],
)
def test_clean_authors_keeps_person_names(raw: list[str], expected: list[str]) -> None:
    assert clean_authors(raw) == expected


@pytest.mark.parametrize(
    "byline",
    [
        "Reuters",
        "AP",
        "Staff",
        "Staff Writer",
        "Editorial Board",
        "The Editorial Board",
        "TRT World",
        "Podium Staff",
        "The Investopedia Team",
        "AAA Travel Editor",
        "Center for Drug Evaluation and Research",
        "Written By",
        "Name",
        "admin",
        "jane.doe@example.com",
        "https://www.example.com/author/jane-doe",
        "Great On-page Seo For, Ideas That You Can Practice",
        "Five Books",
        "Text Size Small Medium Large",
        "Paperium.net",
        "12 October 2025",
        "This byline is far too long to be the name of any single person at all",
        "",
    ],
)
def test_clean_authors_returns_nothing_for_what_is_not_a_person(byline: str) -> None:
    assert clean_authors([byline]) == []


def test_strict_mode_wants_two_ordinary_words() -> None:
    # Metadata author fields may name one word; visible page text rarely means a person by it.
    assert clean_authors(["Susan"]) == ["Susan"]
    assert clean_authors(["Susan"], strict=True) == []
    assert clean_authors(["SoundGuys"]) == ["SoundGuys"]
    assert clean_authors(["Chase Bernath, Add SoundGuys"], strict=True) == ["Chase Bernath"]
    assert clean_authors(["Jane Doe"], strict=True) == ["Jane Doe"]


def test_non_strings_are_skipped() -> None:
    assert clean_authors([None, 42, "Jane Doe"]) == ["Jane Doe"]  # type: ignore[list-item]


@given(st.lists(st.text(max_size=200), max_size=5), st.booleans())
def test_clean_authors_never_raises_and_returns_short_names(raw: list[str], strict: bool) -> None:
    names = clean_authors(raw, strict=strict)
    assert len({name.casefold() for name in names}) == len(names)
    for name in names:
        assert name == name.strip()
        assert 1 <= len(name.split()) <= MAX_NAME_WORDS
        assert not any(ch.isdigit() for ch in name)

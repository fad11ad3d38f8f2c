"""Agencies from credit lines and datelines, and no agency from prose that merely names one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.extract.wire import (
    AGENCIES,
    find_wire_source,
    is_credit_line,
    lookup_agency,
    wire_source_from_lines,
)
from newsdesk.model import WireSource


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("SOURCE:AA", "AA"),
        ("Source: AFP", "AFP"),
        ("Sources: AFP, Reuters", "AFP"),
        ("— Reuters", "Reuters"),
        ("-- Xinhua", "Xinhua"),
        ("With AFP", "AFP"),
        ("(With inputs from PTI)", "PTI"),
        ("dpa/lni", "dpa"),
        ("AFP/dpa/mb", "AFP"),
        ("Reporting by Jane Doe; Editing by John Smith (Reuters)", "Reuters"),
        ("Copyright 2025 The Associated Press. All rights reserved.", "AP"),
        ("© Agence France-Presse", "AFP"),
        ("Our Standards: The Thomson Reuters Trust Principles.", "Reuters"),
        ("Reuters", "Reuters"),
        ("Anadolu Agency", "AA"),
        ("Quelle: dpa", "dpa"),
        ("DAILY SABAH WITH AA", "AA"),
        ("Hürriyet Daily News with AFP and Reuters", "AFP"),
    ],
)
def test_credit_lines_name_their_agency(line: str, code: str) -> None:
    credit = wire_source_from_lines([line])
    assert credit.source is not None and credit.source.code == code
    assert credit.credit_lines == (0,)


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("WASHINGTON (Reuters) - Scientists on Monday unveiled the first map of Titan.", "Reuters"),
        ("(AP) — The Latest on a deadly stabbing on a commuter train.", "AP"),
        ("ST. JOSEPH, Mich. (AP) — Michigan health authorities reported a sixth death.", "AP"),
        ("BEIJING, Oct. 1 (Xinhua) -- China's factory activity rose in September.", "Xinhua"),
        ("New Delhi [India], October 1 (ANI): The government said on Wednesday...", "ANI"),
        ("ANKARA (AA) – Turkish officials said talks would resume.", "AA"),
        ("Hannover (dpa/lni) - Der Landtag hat ein Förderprogramm beschlossen.", "dpa"),
        ("MOSCOW, October 1. /TASS/. Russia's foreign ministry said...", "TASS"),
        ("Rio de Janeiro, Oct 1 (EFE) - Brazil's central bank held rates.", "EFE"),
    ],
)
def test_datelines_name_their_agency_and_are_not_credit_lines(line: str, code: str) -> None:
    credit = wire_source_from_lines([line])
    assert credit.source is not None and credit.source.code == code
    assert credit.credit_lines == ()


@pytest.mark.parametrize(
    "line",
    [
        "Officials told Reuters the talks had stalled.",
        "Reuters reported on Monday that the company (AFP) - had no comment.",
        "The Associated Press could not independently verify the footage.",
        "According to AFP, one user on Weibo posted a photo of the queue.",
        "Editing by hand is slow, she said.",
        "With the deal signed, the two sides met again on Friday.",
        "Photo: AFP",
        "AFP/Getty Images",
        "PA",
        "By the end of the year the agency (AFP) had closed its bureau.",
        "Students and staff",
        "He spoke with Reuters and AFP on Monday.",
    ],
)
def test_prose_and_photo_credits_are_not_wire_credits(line: str) -> None:
    credit = wire_source_from_lines([line])
    assert credit.source is None
    assert credit.credit_lines == ()


def test_staff_credit_without_agency_is_a_credit_line_without_source() -> None:
    credit = wire_source_from_lines(["(Reporting by Will Dunham; Editing by Tom Brown)"])
    assert credit.source is None
    assert credit.credit_lines == (0,)


def test_generic_source_is_a_credit_line() -> None:
    assert is_credit_line("Source: TRT World and agencies")
    assert is_credit_line("TRT World and agencies")
    assert wire_source_from_lines(["With agencies"]).credit_lines == (0,)


def test_dateline_wins_over_a_later_credit() -> None:
    lines = ["PARIS (AFP) - Talks resumed.", "More text here.", "With Reuters"]
    credit = wire_source_from_lines(lines)
    assert credit.source == WireSource("AFP", "Agence France-Presse")
    assert credit.credit_lines == (2,)


def test_first_credit_wins_when_there_is_no_dateline() -> None:
    credit = wire_source_from_lines(["Text.", "Source: AA", "— AFP"])
    assert credit.source is not None and credit.source.code == "AA"
    assert credit.credit_lines == (1, 2)


def test_empty_and_blank_lines() -> None:
    assert wire_source_from_lines([]).source is None
    assert wire_source_from_lines(["", "   "]).credit_lines == ()
    assert find_wire_source("") is None


def test_find_wire_source_reads_each_line() -> None:
    text = "Talks resumed on Monday.\n\nSOURCE:AA"
    assert find_wire_source(text) == WireSource("AA", "Anadolu Agency")


def test_lookup_agency_aliases_and_case() -> None:
    assert lookup_agency("The Associated Press") == WireSource("AP", "Associated Press")
    assert lookup_agency("agence france-presse") == WireSource("AFP", "Agence France-Presse")
    assert lookup_agency("Deutsche Presse-Agentur") == WireSource("dpa", "Deutsche Presse-Agentur")
    assert lookup_agency("DPA") == WireSource("dpa", "Deutsche Presse-Agentur")
    assert lookup_agency("Press Trust of India") == WireSource("PTI", "Press Trust of India")
    assert lookup_agency("ap") is None
    assert lookup_agency("Anadolu") == WireSource("AA", "Anadolu Agency")
    assert lookup_agency("TRT World") is None


def test_every_agency_is_found_by_its_code_and_name() -> None:
    for agency in AGENCIES:
        assert lookup_agency(agency.code) == agency.source
        assert lookup_agency(agency.name) == agency.source


def test_long_lines_are_never_credits() -> None:
    assert not is_credit_line("Source: " + "AFP, " * 200)
    assert wire_source_from_lines(["(" * 50_000 + "Reuters) -"]).source is None


@given(st.lists(st.text(max_size=300), max_size=8))
def test_never_raises_and_indexes_are_valid(lines: list[str]) -> None:
    credit = wire_source_from_lines(lines)
    assert all(0 <= i < len(lines) for i in credit.credit_lines)
    assert credit.source is None or isinstance(credit.source, WireSource)

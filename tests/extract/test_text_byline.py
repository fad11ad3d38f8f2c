"""Text mode's byline and date under the headline, where the line classifier saw a short line: a
prefixed byline with words in lower case after the name, a bare name beside a time or a publishing
label, a name with its age ("Kyle Wiggers 7 hours"), and dates that copying glued to a name."""

from __future__ import annotations

import pytest

from newsdesk.extract import extract

PROSE = (
    "Heavy rain and wind battered the coast overnight, and officials closed three roads on Tuesday while"
    " crews worked through the night to clear fallen trees from the harbour road.\n\n"
    "The council said the roads would reopen once engineers had checked the sea walls, which took the"
    " worst of the waves, and asked drivers to use the inland route until then.\n\n"
    "Residents along the seafront were told to stay indoors, and schools in two villages stayed shut"
    " as the clean-up went on into the afternoon and the wind began to drop.\n\n"
    "Forecasters expect calmer weather for the rest of the week, though more rain is due on Sunday."
)
HEADLINE = "Storm closes three coast roads as crews clear fallen trees"


def _article(header: str):  # type: ignore[no-untyped-def]
    return extract(f"News\nWeather\n{HEADLINE}\n{header}\n\n{PROSE}", kind="text")


@pytest.mark.parametrize(
    ("header", "authors"),
    [
        ("Von Hannah Ritzmann, Redakteurin für Finanzen\n09.09.2025, 15:15 Uhr", ["Hannah Ritzmann"]),
        ("Kommentar von Nicole Opitz\n28.4.2023 18:41 Uhr", ["Nicole Opitz"]),
        ("Von Diana Resnik mit AP\nZuerst veröffentlicht am 30.04.2024 - 16:17", ["Diana Resnik"]),
        ("bySauli Giliard\nJanuary 23, 2025", ["Sauli Giliard"]),
        ("Amanda Hällsten\nUppdaterad 15.59 | Publicerad 14.14", ["Amanda Hällsten"]),
        ("Kyle Wiggers 7 hours", ["Kyle Wiggers"]),
        ("Zimbili Vilakazi|Published 15 hours ago", ["Zimbili Vilakazi"]),
        ("15.10.24 23:35\nTuva Mathilde Løland\nTips meg", ["Tuva Mathilde Løland"]),
        # A relative time in Czech; a job title under the name.
        ("Aleš Vávra\npřed 2 hodinami", ["Aleš Vávra"]),
        ("Ben Silverman\nGames Editor", ["Ben Silverman"]),
        ("Juliette Carreiro\nTECH WRITER", ["Juliette Carreiro"]),
        # A name after the date and a separator.
        ("9. September 2025 um 15:46 Uhr / Frank Wunderlich-Pfeiffer", ["Frank Wunderlich-Pfeiffer"]),
        ("Dec 26, 2025 • Mahua Das in Project Management", ["Mahua Das"]),
    ],
)
def test_the_name_under_the_headline_signs_the_story(header: str, authors: list[str]) -> None:
    article = _article(header)
    assert article.headline == HEADLINE
    assert article.authors == authors


@pytest.mark.parametrize(
    "header",
    [
        # A label beside a time, and a report's title beside its issue, are no names.
        "Latest News\n7 hours ago",
        "Cybersecurity Sector Update–Fall 2025\nNovember 14, 2025",
        # A name with nothing by it that says it signs the story.
        "Tony Blair",
        # A section under the headline over a label that is no job title; a dateline's place.
        "Project Management\nRead More",
        "October 1, 2025 | New York",
    ],
)
def test_a_short_line_with_no_sign_of_a_byline_names_nobody(header: str) -> None:
    assert _article(header).authors == []


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("Do 25.04.24 | 14:07 Uhr | Von Eva Kirchner-Rätsch", "2024-04-25T14:07:00"),
        ("Stef KeeganAugust 5, 2024", "2024-08-05"),
        ("By Conor AllisonJanuary 14, 202620 Mins Read", "2026-01-14"),
        ("Mar 27, 20255 mins", "2025-03-27"),
        # A publishing label makes a date line of a line the classifier found too long for one.
        ("Publié le 30 août 2023 à 14h52, modifié le 30 août 2023 à 15h54", "2023-08-30T14:52:00"),
        ("Posted on December 20, 2025 by Jean-Luc Aufranc (CNXSoft) - 5 Comments on the Raspberry Pi board",
         "2025-12-20"),
        ("Published: Mar 8, 2024 · Modified: May 19, 2025 by Jessica Robinson · This post may contain affiliate links",
         "2024-03-08"),
    ],
)
def test_a_date_line_copying_glued_or_shortened_is_read(header: str, published: str) -> None:
    assert _article(header).published == published


def test_the_rbb24_header_names_its_author() -> None:
    assert _article("Do 25.04.24 | 14:07 Uhr | Von Eva Kirchner-Rätsch").authors == ["Eva Kirchner-Rätsch"]


def test_a_mastheads_date_over_the_menu_is_not_the_storys() -> None:
    text = (f"Friday, December 19, 2025\nNews\nSport\nOpinion\nWeather\n{HEADLINE}\nBy Jane Doe\n12.12.2025\n\n"
            f"{PROSE}")
    assert extract(text, kind="text").published == "2025-12-12"


def test_a_mastheads_date_is_the_only_one_kept_when_the_story_has_none() -> None:
    text = f"Friday, December 19, 2025\nNews\nSport\nOpinion\nWeather\n{HEADLINE}\nBy Jane Doe\n\n{PROSE}"
    assert extract(text, kind="text").published == "2025-12-19"


@pytest.mark.parametrize(
    ("header", "authors"),
    [
        # A job after the name and a comma is no co-author; a place there stays, as the golds keep it.
        ("Von Paulina Cwiartka, Online-Redakteurin\n06.11.2025, 10:00 Uhr", ["Paulina Cwiartka"]),
        ("Von Robin Amberg, Volontär (Sport)\n06.11.2025, 10:00 Uhr", ["Robin Amberg"]),
        ("By Seb Dumitru, Lille\nAugust 5, 2024", ["Seb Dumitru", "Lille"]),
        # Of several name lines by the headline, the label and the lone prefix are not names.
        ("Now Reading:\nKatie Liguori\nMarch 3, 2025", ["Katie Liguori"]),
    ],
)
def test_a_byline_keeps_the_names_and_drops_the_job(header: str, authors: list[str]) -> None:
    assert _article(header).authors == authors


def test_a_name_line_printed_twice_wins_over_a_section_name() -> None:
    text = (f"News\nFederal Politics\nMarch 3, 2025\n{HEADLINE}\nDan Jervis-Bardy\nMarch 3, 2025\n"
            f"Dan Jervis-Bardy\n\n{PROSE}")
    assert extract(text, kind="text").authors == ["Dan Jervis-Bardy"]


@pytest.mark.parametrize(
    ("header", "published"),
    [
        # A 24-hour clock, a European zone or label: 06/01/2026 is 6 January.
        ("Zuerst veröffentlicht am 06/01/2026 - 14:02 MEZ", "2026-01-06T14:02:00+01:00"),
        ("Publié le 06/01/2026 - 14:16 UTC+1", "2026-01-06T14:16:00+01:00"),
        ("Madrid-29/05/2025 20:00", "2025-05-29T20:00:00"),
        # A 12-hour clock says the US: month first, and ambiguous, so unread.
        ("10/12/2023 7:38:01 PM | 3 minute read", None),
    ],
)
def test_a_european_numeric_date_is_read_day_first(header: str, published: str | None) -> None:
    assert _article(header).published == published

"""find_date on dotted dates with a two-digit year ("Do 25.04.24 | 14:07 Uhr"), and what it must not read as one."""

from __future__ import annotations

import pytest

from newsdesk.extract.dates import find_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # RBB24's byline line: weekday, date, clock, author.
        ("Do 25.04.24 | 14:07 Uhr | Von Eva Kirchner-Rätsch", "2024-04-25T14:07:00"),
        ("15.10.24 23:35", "2024-10-15T23:35:00"),
        # Both numbers could be the month: a 24-hour clock says Europe, day first.
        ("Publisert: 05.08.24 kl. 14:47", "2024-08-05T14:47:00"),
        ("14.11.24", "2024-11-14"),
        ("25.4.24", "2024-04-25"),
        ("Erstveröffentlichung: 4.4.18", "2018-04-04"),
        ("Mo., 3.6.24 15:00", "2024-06-03T15:00:00"),
    ],
)
def test_a_dotted_date_with_a_short_year_is_read_on_a_date_line(text: str, expected: str) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Version 2.10.24",
        "v2.10.24",
        "Update 1.2.12 fixes the crash",
        "Preis 12.10.99 Euro",
        "1.2.3.4",
        "192.168.1.10",
        # A US site's month first (3 November 2017), not 11 March.
        "11.03.17 in Gadgetry",
        # Ambiguous, and a 12-hour clock is the US's: left unread, as 01/10/2025 is.
        "11.05.12 at 2:53 pm",
        "11.05.12",
        "Results 3.1.10 and 2.4.12",
    ],
)
def test_numbers_that_are_no_such_date_stay_unread(text: str) -> None:
    assert find_date(text) is None


def test_day_first_decides_an_ambiguous_short_year() -> None:
    assert find_date("11.05.12", day_first=True) == "2012-05-11"


def test_a_four_digit_date_still_wins() -> None:
    assert find_date("25.04.24 or rather 26.04.2024") == "2024-04-26"

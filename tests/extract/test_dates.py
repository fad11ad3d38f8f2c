"""Tests for newsdesk.extract.dates: the date forms news pages print, and robustness on junk."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.extract.dates import MAX_YEAR, MIN_YEAR, date_from_url, find_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Machine forms from JSON-LD, OpenGraph and feeds.
        ("2025-10-01", "2025-10-01"),
        ("2025-10-01T14:03:00+03:00", "2025-10-01T14:03:00+03:00"),
        ("2025-10-01T11:03:00Z", "2025-10-01T11:03:00+00:00"),
        ("2025-10-01T11:03:00.123456Z", "2025-10-01T11:03:00+00:00"),
        ("2025-10-01T11:03+0200", "2025-10-01T11:03:00+02:00"),
        ("2025-10-01 14:03:00", "2025-10-01T14:03:00"),
        ("2025-10-01 14:03:00 UTC+3", "2025-10-01T14:03:00+03:00"),
        ("2025/10/01", "2025-10-01"),
        ("20251001", "2025-10-01"),
        ("20251001T140300Z", "2025-10-01T14:03:00+00:00"),
        ("Wed, 01 Oct 2025 11:03:00 GMT", "2025-10-01T11:03:00+00:00"),
        ("Wed, 01 Oct 2025 11:03:00 -0400", "2025-10-01T11:03:00-04:00"),
        ("1759316580", "2025-10-01T11:03:00+00:00"),
        ("1759316580000", "2025-10-01T11:03:00+00:00"),
        # English as bylines print it.
        ("October 1, 2025", "2025-10-01"),
        ("Oct. 1, 2025", "2025-10-01"),
        ("Sept. 30, 2025", "2025-09-30"),
        ("October 1st, 2025", "2025-10-01"),
        ("1 October 2025", "2025-10-01"),
        ("1st of October 2025", "2025-10-01"),
        ("Wednesday 1 October 2025 12.04 BST", "2025-10-01T12:04:00+01:00"),
        ("October 1, 2025 10:30 AM EDT", "2025-10-01T10:30:00-04:00"),
        ("Oct. 1, 2025, 10:30 a.m. ET", "2025-10-01T10:30:00-04:00"),
        ("Jan. 5, 2025 3pm PT", "2025-01-05T15:00:00-08:00"),
        ("Published: Wed, 01 Oct 2025", "2025-10-01"),
        ("Updated 3:04 PM EDT, Wed October 1, 2025", "2025-10-01T15:04:00-04:00"),
        # Other languages.
        ("1. Oktober 2025, 14:03 Uhr", "2025-10-01T14:03:00"),
        ("1er octobre 2025 à 10h30", "2025-10-01T10:30:00"),
        ("1 de octubre de 2025", "2025-10-01"),
        ("1 ottobre 2025 alle 10:30", "2025-10-01T10:30:00"),
        ("1 de outubro de 2025", "2025-10-01"),
        ("1 okt. 2025", "2025-10-01"),
        ("1 Ekim 2025 Çarşamba", "2025-10-01"),
        ("2025年10月1日", "2025-10-01"),
        # Day, month name and year joined by hyphens or slashes, as databases print them.
        ("04-Aug-2021 5:11:10", "2021-08-04T05:11:10"),
        ("on 04-ago-2021", "2021-08-04"),
        ("1/Oct/2025", "2025-10-01"),
        # A reading time beside the date is not part of it.
        ("February 4, 2025 - 11 minutes", "2025-02-04"),
        ("Oct 1, 2025 · 5 min read", "2025-10-01"),
        # Numeric forms that can only mean one thing.
        ("13/10/2025", "2025-10-13"),
        ("10/13/2025", "2025-10-13"),
        ("01.10.2025 12:04", "2025-10-01T12:04:00"),
        # Machine forms at the edges of what datetime.fromisoformat reads.
        ("2025-10-01T11:03:00.1234567Z", "2025-10-01T11:03:00+00:00"),
        ("2025-10-01T11:03:00+05:45", "2025-10-01T11:03:00+05:45"),
        ("2025-10-01T24:00:00Z", "2025-10-01"),
        ("2025-10-01T11:03:00+15:00", "2025-10-01T11:03:00"),
    ],
)
def test_parse_date_normalises_known_forms(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "May",
        "5 minutes ago",
        "2025-02-30",
        "2025-13-01",
        "1850-01-01",
        "3000-01-01",
        "October 32, 2025",
        "01/10/2025",
        "Price 12/10/2025 and 13/10/2025",
        "Reporting by Jane Doe; editing by John Smith",
        "October 1, 2025 and 12 others",
    ],
)
def test_parse_date_rejects_what_is_not_one_real_date(text: str) -> None:
    assert parse_date(text) is None


def test_ambiguous_numeric_date_needs_a_hint() -> None:
    assert parse_date("01/10/2025", day_first=True) == "2025-10-01"
    assert parse_date("01/10/2025", day_first=False) == "2025-01-10"
    assert find_date("Posted 01/10/2025", day_first=True) == "2025-10-01"


def test_us_generic_zone_follows_daylight_saving() -> None:
    assert parse_date("Jan. 5, 2025 3:00 PM ET") == "2025-01-05T15:00:00-05:00"
    assert parse_date("July 5, 2025 3:00 PM ET") == "2025-07-05T15:00:00-04:00"
    # Before 2007 US summer time ended on the last Sunday of October.
    assert parse_date("Oct. 30, 2005 9:00 AM ET") == "2005-10-30T09:00:00-05:00"


def test_zone_abbreviation_is_case_sensitive() -> None:
    # French "est" (is) after a time is not Eastern Standard Time.
    assert parse_date("1 octobre 2025 à 10h30 est") == "2025-10-01T10:30:00"


def test_number_after_date_that_is_not_a_time_keeps_the_date() -> None:
    assert find_date("On 1 October 2025 34 people were hurt") == "2025-10-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published on October 1, 2025 | Updated October 2, 2025", "2025-10-01"),
        ("date 2025-10-01", "2025-10-01"),
        ("By Jane Doe, Reuters. 1 October 2025 12:04 GMT. Updated 2 hours ago.", "2025-10-01T12:04:00+00:00"),
        ("Last updated: 02.10.2025", "2025-10-02"),
        ("Nothing here but 12 numbers and May", None),
        ("", None),
    ],
)
def test_find_date_in_longer_text(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/world/2025/10/01/iraq-coalition/", "2025-10-01"),
        ("https://example.com/world/2025/10/1/iraq", "2025-10-01"),
        ("https://example.com/news/20251001-iraq.html", "2025-10-01"),
        ("https://example.com/news/2025-10-01-iraq", "2025-10-01"),
        ("https://example.com/news/iraq-123456.html", None),
        ("https://example.com/2025/13/45/x", None),
        ("https://20251001.example.com/news", None),
        ("http://[broken", None),
        ("", None),
    ],
)
def test_date_from_url(url: str, expected: str | None) -> None:
    assert date_from_url(url) == expected


def _year_of(iso: str) -> int:
    return int(iso[:4])


@given(st.text(max_size=300))
def test_parse_date_never_raises_and_stays_in_range(text: str) -> None:
    result = parse_date(text)
    assert result is None or MIN_YEAR <= _year_of(result) <= MAX_YEAR


@given(st.text(max_size=300))
def test_find_date_never_raises_and_stays_in_range(text: str) -> None:
    result = find_date(text)
    assert result is None or MIN_YEAR <= _year_of(result) <= MAX_YEAR


@given(st.text(alphabet="0123456789/-.:T +ZAPMEDTUCGBS, ", max_size=60))
def test_date_like_noise_never_raises(text: str) -> None:
    for day_first in (None, True, False):
        for result in (parse_date(text, day_first=day_first), find_date(text, day_first=day_first)):
            assert result is None or MIN_YEAR <= _year_of(result) <= MAX_YEAR


@given(st.text(max_size=200))
def test_date_from_url_never_raises(text: str) -> None:
    result = date_from_url("https://example.com/" + text)
    assert result is None or MIN_YEAR <= _year_of(result) <= MAX_YEAR

"""The four-digit test before the date patterns changes no result: every pattern names a four-digit year."""

from __future__ import annotations

import re

import pytest

from newsdesk.extract import dates

_TEXTS = [
    "October 1, 2025",
    "1 October 2025 12:04 BST",
    "Published 03/10/2025",
    "2025年10月1日",
    "２０２５年１０月１日",
    "٢٠٢٥-١٠-٠١",
    "Updated 3:04 PM EDT, Wed October 1, 2025",
    "2023 Jan 7",
    "20251001",
    "1700000000",
    "Oct 1, 25",
    "1/10/25",
    "Updated 3:04 PM EDT, Wed October 1",
    "By Jane Doe · 5 min read",
    "Monday, 12:30",
    "",
    "   ",
    "Photo: 123 456 7890",
]


@pytest.mark.parametrize("text", _TEXTS)
@pytest.mark.parametrize("day_first", [None, True, False])
def test_prefilter_changes_no_result(text: str, day_first: bool | None, monkeypatch: pytest.MonkeyPatch) -> None:
    found, parsed = dates.find_date(text, day_first=day_first), dates.parse_date(text, day_first=day_first)
    # Without the test (a pattern that always matches), every pattern is run as before.
    monkeypatch.setattr(dates, "_FOUR_DIGITS", re.compile(""))
    assert dates.find_date(text, day_first=day_first) == found
    assert dates.parse_date(text, day_first=day_first) == parsed


def test_every_pattern_needs_four_digits() -> None:
    for pattern in dates._FIELD_PATTERNS:
        assert r"(?P<year>\d{4})" in pattern.pattern

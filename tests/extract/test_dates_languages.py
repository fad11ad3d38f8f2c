"""Tests for newsdesk.extract.dates: month names of more languages, as datelines print them."""

from __future__ import annotations

import pytest

from newsdesk.extract.dates import find_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Opublikowano: 3 maja 2024 10:31", "2024-05-03T10:31:00"),  # Polish, genitive
        ("17 декабря 2025, 10:31", "2025-12-17T10:31:00"),  # Russian
        ("Оновлено 17 грудня 2025", "2025-12-17"),  # Ukrainian
        ("Publikováno 17. prosince 2025", "2025-12-17"),  # Czech
        ("Publicat: 17 decembrie 2025", "2025-12-17"),  # Romanian
        ("Diterbitkan 17 Desember 2025", "2025-12-17"),  # Indonesian
        ("Julkaistu 17. joulukuuta 2025", "2025-12-17"),  # Finnish
        ("Publicerad 17 augusti 2025", "2025-08-17"),  # Swedish
        ("17 Δεκεμβρίου 2025", "2025-12-17"),  # Greek
        ("17 ديسمبر 2025", "2025-12-17"),  # Arabic, Egyptian and Gulf month names
        ("17 listopada 2025", "2025-11-17"),  # Polish November
    ],
)
def test_find_date_reads_month_names_of_more_languages(text: str, expected: str) -> None:
    assert find_date(text, day_first=True) == expected


def test_a_month_name_alone_is_no_date() -> None:
    assert find_date("Grudnia 2025 numer specjalny") is None

"""What resolving a time expression needs besides its match: the anchor, the text, what the text last named.

:class:`TimeContext` carries the publication date, the text and the article's running references (the
last day, date and quarter named), which "a year earlier", "that month" and "the quarter" count from.
The small readers here (amounts, units, mods) are shared by the rule modules ``times_dates`` and
``times_periods``.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date

from newsdesk.enrich.times_grammar import (
    APPROX_WORDS,
    MOD_WORDS,
    MONTHS,
    NUMBER_WORDS,
    VAGUE_AMOUNTS,
)
from newsdesk.enrich.times_tense import tense_near

__all__ = ["Found", "TimeContext", "amount_of", "capitalised", "day_value", "mod_of", "month_number", "unit_of",
           "unknown_value"]

#: What a rule gives for a match: TIMEX3 type, value and mod.
Found = tuple[str, str, str | None]
_NUMBER_SPLIT = re.compile(r"[\s-]+")
_WORD_BEFORE = re.compile(r"(\w+)[^\w.!?;:]*$")  # the word before, within the sentence
# How far (characters) "a year ago" may be from the quarter it then means the year-ago of.
_QUARTER_REACH = 800
_DAY_VALUE = re.compile(r"(\d{4})-(\d\d)-(\d\d)$")
_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])$")


@dataclass(slots=True)
class TimeContext:
    """What resolution needs besides the match: the anchor, the text, and what the article last referred to.

    >>> c = TimeContext("Profit rose in the third quarter from a year ago.", date(2025, 10, 1))
    >>> c.remember("2025-Q3", 33); c.recent_quarter(40), c.word_before(33)
    ((2025, 3), 'quarter')
    """

    text: str
    anchor: date | None
    #: English text: month-first numeric dates, and every family; otherwise only numeric dates and years.
    english: bool = True
    #: The last day named, which a clock time without a day ("at 10 p.m.") falls on.
    last_day: date | None = None
    #: The last date named with its year (a day, month or year), for "the following year", "that month".
    last_date: date | None = None
    last_quarter: tuple[int, int] | None = None
    #: Where the last quarter was named: "a year ago" means that quarter's year-ago only close to it.
    last_quarter_at: int = -1_000_000

    def tense(self, match: re.Match[str]) -> str | None:
        """The tense near a match in this text ("past", "future" or None)."""
        return tense_near(self.text, match.start(), match.end())

    def word_before(self, position: int) -> str:
        """The word before ``position`` in its sentence, lower-cased ("" at a sentence start)."""
        found = _WORD_BEFORE.search(self.text, max(0, position - 30), position)
        return found.group(1).lower() if found else ""

    def recent_quarter(self, position: int) -> tuple[int, int] | None:
        """The quarter named last, if it was named close enough before ``position`` to be the one meant."""
        return self.last_quarter if position - self.last_quarter_at <= _QUARTER_REACH else None

    def remember(self, value: str, position: int) -> None:
        """Note a resolved value that ends at ``position`` as the day or quarter later expressions count from."""
        if (day := _DAY_VALUE.match(value)) is not None:
            with contextlib.suppress(ValueError):  # an impossible date written in the text is no anchor
                self.last_day = date(int(day[1]), int(day[2]), int(day[3]))
        elif (quarter := _QUARTER_VALUE.match(value)) is not None:
            self.last_quarter = (int(quarter[1]), int(quarter[2]))
            self.last_quarter_at = position


def amount_of(words: str | None) -> float | str:
    """The number an amount says ("two", "twenty four", "6,300", "a"), or "X" for a vague one ("several").

    >>> amount_of("twenty four"), amount_of("6,300"), amount_of("2.5"), amount_of("a few"), amount_of(None)
    (24, 6300, 2.5, 'X', 1)
    """
    if words is None:
        return 1
    words = " ".join(words.lower().split())
    if words in VAGUE_AMOUNTS:
        return "X"
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words]
    if words[0].isdigit():
        number = float(words.replace(",", ""))
        return int(number) if number.is_integer() else number
    return sum(NUMBER_WORDS.get(part, 0) for part in _NUMBER_SPLIT.split(words)) or "X"


def unit_of(word: str) -> str:
    """The singular, lower-case unit of a unit word.

    >>> unit_of("Years"), unit_of("centuries"), unit_of("day")
    ('year', 'century', 'day')
    """
    word = word.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") else word


def mod_of(match: re.Match[str]) -> str | None:
    """The TIMEX3 mod of a match's ``mod`` ("early", "the end of") or ``approx`` ("about") group, if any.

    >>> mod_of(re.match(r"(?P<approx>about) two", "about two"))
    'APPROX'
    """
    if "mod" in match.re.groupindex and match.group("mod"):
        return MOD_WORDS[match.group("mod").lower()]
    if "approx" in match.re.groupindex and match.group("approx"):
        return APPROX_WORDS[" ".join(match.group("approx").lower().split())]
    return None


def capitalised(word: str | None) -> bool:
    """Whether a month or weekday name is written as one (capital first letter); an absent word passes.

    >>> capitalised("May"), capitalised("may"), capitalised(None)
    (True, False, True)
    """
    return word is None or word[:1].isupper()


def unknown_value(unit: str) -> str:
    """The TIMEX3 value of a period of ``unit`` whose place in time is unknown (no publication date).

    >>> unknown_value("week"), unknown_value("year")
    ('XXXX-WXX', 'XXXX')
    """
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
            "quarter": "XXXX-QX", "decade": "XXX", "century": "XX"}.get(unit, "XXXX")


def day_value(year: int, month: int, day: int) -> str | None:
    """The ISO date, or None where the calendar has no such day.

    >>> day_value(2024, 9, 27), day_value(2025, 2, 30)
    ('2024-09-27', None)
    """
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def month_number(word: str) -> int:
    """The number of a month name or abbreviation.

    >>> month_number("Sept."), month_number("december")
    (9, 12)
    """
    return MONTHS[word.lower().rstrip(".")]

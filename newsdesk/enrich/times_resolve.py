"""Calendar arithmetic for time expressions: TIMEX3 values at a granularity, shifted from an anchor date.

Kept apart from the patterns so that each rule says *what* it means ("the most recent Tuesday", "one
quarter back") and this module says how that is written in TimeML (``2025-09-30``, ``2025-Q3``,
``2025-W40``). The standard library's ``date`` does the day arithmetic; TimeML's week, quarter, half and
season granularities have no library, hence these few functions.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

#: TimeML unit letters of a duration, by the English unit word's stem.
UNIT_LETTER = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "weekend": "WE",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
    "summer": "Y", "winter": "Y", "spring": "Y", "fall": "Y", "autumn": "Y",
}
#: TimeML's season codes, and the months each covers (northern hemisphere, as TimeBank annotates).
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
                    6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}
_SEASON_ORDER = ["WI", "SP", "SU", "FA"]


def duration_value(amount: float | str, unit: str) -> str:
    """A TIMEX3 duration: ``P3D``, ``PT5H`` (clock units take a ``T``), ``PXY`` for an unknown amount.

    >>> duration_value(3, "day"), duration_value(5, "hour"), duration_value("X", "year"), duration_value(2, "decade")
    ('P3D', 'PT5H', 'PXY', 'P20Y')
    >>> duration_value(1.5, "year")
    'P1.5Y'
    """
    letter = UNIT_LETTER[unit]
    if unit in ("decade", "century") and amount != "X":
        # TimeBank writes decades and centuries as years ("two decades" is P20Y).
        amount, letter = float(amount) * (10 if unit == "decade" else 100), "Y"
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    clock = "T" if unit in ("second", "minute", "hour") else ""
    return f"P{clock}{amount}{letter}"


def week_value(day: date) -> str:
    """The ISO week of ``day`` as TIMEX3 writes it.

    >>> week_value(date(2025, 10, 1))
    '2025-W40'
    """
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(day: date) -> int:
    """The calendar quarter (1-4) ``day`` falls in.

    >>> quarter_of(date(2025, 10, 1))
    4
    """
    return (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    """The quarter ``by`` quarters after (or before) ``year``-Q``quarter``.

    >>> shift_quarter(2025, 1, -1)
    (2024, 4)
    """
    index = year * 4 + (quarter - 1) + by
    return index // 4, index % 4 + 1


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """The month ``by`` months after (or before) ``year``-``month``.

    >>> shift_month(2025, 1, -2)
    (2024, 11)
    """
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def season_of(day: date) -> tuple[int, str]:
    """The season ``day`` is in, with the year TimeML gives it (December counts as next year's winter).

    >>> season_of(date(2025, 7, 1)), season_of(date(2025, 12, 20))
    ((2025, 'SU'), (2026, 'WI'))
    """
    return (day.year + 1 if day.month == 12 else day.year), _SEASON_OF_MONTH[day.month]


def shift_season(year: int, season: str, by: int) -> tuple[int, str]:
    """The season ``by`` seasons after (or before) ``season`` of ``year``.

    >>> shift_season(2025, "SU", -3), shift_season(2025, "SP", -1)
    ((2024, 'FA'), (2025, 'WI'))
    """
    index = year * 4 + _SEASON_ORDER.index(season) + by
    return index // 4, _SEASON_ORDER[index % 4]


def shift_value(anchor: date, unit: str, by: int) -> str:
    """The TIMEX3 value ``by`` units from ``anchor``, at that unit's granularity ("last week", "two years ago").

    >>> a = date(2025, 10, 1)
    >>> shift_value(a, "week", -1), shift_value(a, "month", 1), shift_value(a, "year", -2), shift_value(a, "day", -1)
    ('2025-W39', '2025-11', '2023', '2025-09-30')
    >>> shift_value(a, "quarter", -1), shift_value(a, "decade", -1), shift_value(a, "century", 0)
    ('2025-Q3', '201', '20')
    """
    if unit in ("day", "night"):
        return (anchor + timedelta(days=by)).isoformat()
    if unit in ("week", "fortnight"):
        return week_value(anchor + timedelta(weeks=by))
    if unit == "weekend":
        return week_value(anchor + timedelta(weeks=by)) + "-WE"
    if unit == "month":
        year, month = shift_month(anchor.year, anchor.month, by)
        return f"{year:04d}-{month:02d}"
    if unit == "quarter":
        year, quarter = shift_quarter(anchor.year, quarter_of(anchor), by)
        return f"{year:04d}-Q{quarter}"
    if unit == "decade":
        return f"{anchor.year // 10 + by:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + by:02d}"
    if unit in SEASONS:
        year, season = shift_season(*season_of(anchor), by)
        return f"{year:04d}-{season}"
    return f"{anchor.year + by:04d}"


def shift_days(anchor: date, unit: str, amount: int) -> date:
    """The day ``amount`` units after ``anchor`` (negative: before), months clamped to the month's end.

    >>> shift_days(date(2025, 3, 31), "month", -1), shift_days(date(2025, 10, 1), "week", -2)
    (datetime.date(2025, 2, 28), datetime.date(2025, 9, 17))
    """
    if unit in ("day", "night"):
        return anchor + timedelta(days=amount)
    if unit in ("week", "weekend", "fortnight"):
        return anchor + timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit, 12) * amount
    year, month = shift_month(anchor.year, anchor.month, months)
    return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def nearest_weekday(anchor: date, weekday: int, direction: int) -> date:
    """The day of ``weekday`` (0 = Monday) nearest ``anchor`` in ``direction`` (-1 before, 1 after), or itself.

    News usage: "announced on Tuesday" in Wednesday's paper is the day before; in Tuesday's, that day.

    >>> nearest_weekday(date(2025, 10, 1), 1, -1), nearest_weekday(date(2025, 10, 1), 4, 1)
    (datetime.date(2025, 9, 30), datetime.date(2025, 10, 3))
    >>> nearest_weekday(date(2025, 10, 1), 2, -1)
    datetime.date(2025, 10, 1)
    """
    if direction < 0:
        return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)


def year_nearest(anchor: date, month: int, day: int | None, tense: str | None, slack_days: int = 45) -> int:
    """The year of a month (and day) written without one: the nearest to ``anchor``, unless the tense says otherwise.

    News writes "Nov. 20" for the coming or the last one, whichever is close; a past verb moves a date
    more than ``slack_days`` ahead back a year ("was held in December" in October), a future verb moves
    one more than ``slack_days`` behind forward.

    >>> a = date(2025, 10, 1)
    >>> year_nearest(a, 10, 20, "past"), year_nearest(a, 12, None, "past"), year_nearest(a, 1, 14, None)
    (2025, 2024, 2026)
    >>> year_nearest(a, 8, None, "future"), year_nearest(a, 8, None, None)
    (2026, 2025)
    """
    offsets = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        mentioned = date(year, month, min(day or 15, calendar.monthrange(year, month)[1]))
        offsets.append(((mentioned - anchor).days, year))
    nearest_offset, nearest_year = min(offsets, key=lambda pair: abs(pair[0]))
    if tense == "past" and nearest_offset > slack_days:
        return max((o, y) for o, y in offsets if o <= slack_days)[1]
    if tense == "future" and nearest_offset < -slack_days:
        return min((o, y) for o, y in offsets if o >= -slack_days)[1]
    return nearest_year


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` of a month (nth -1: the last), for holidays such as Thanksgiving.

    >>> nth_weekday(2025, 11, 3, 4), nth_weekday(2025, 5, 0, -1)
    (datetime.date(2025, 11, 27), datetime.date(2025, 5, 26))
    """
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def season_value(anchor: date, season: str, by: int, tense: str | None) -> str:
    """The TIMEX3 value of ``season`` (``"SU"``) ``by`` seasons of its kind from ``anchor``, or by tense when 0.

    >>> a = date(2025, 10, 1)
    >>> season_value(a, "SU", -1, None), season_value(a, "SP", 1, None), season_value(a, "SU", 0, "future")
    ('2025-SU', '2026-SP', '2026-SU')
    """
    year, current = season_of(anchor)
    if by == 0 and tense is None:
        return f"{anchor.year:04d}-{season}"
    # Walk season by season from the current one to the mentioned one in the direction asked.
    step = -1 if (by < 0 or (by == 0 and tense == "past")) else 1
    start_offset = 0 if by == 0 else step
    for offset in range(start_offset, start_offset + 5 * step, step):
        shifted_year, shifted = shift_season(year, current, offset)
        if shifted == season:
            return f"{shifted_year:04d}-{season}"
    return f"{anchor.year:04d}-{season}"

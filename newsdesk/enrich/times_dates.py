"""TIMEX3 values of calendar dates and clock times: "September 27, 2024", "Tuesday", "yesterday", "3 p.m.".

One handler per pattern family of :mod:`newsdesk.enrich.times_grammar`, each turning a match into
(type, value, mod) or None to reject it; :data:`DATE_HANDLERS` maps family names to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from newsdesk.enrich.times_context import (
    Found,
    TimeContext,
    capitalised,
    day_value,
    mod_of,
    month_number,
)
from newsdesk.enrich.times_grammar import (
    MOD_WORDS,
    PARTS_OF_DAY,
    WEEKDAYS,
)
from newsdesk.enrich.times_resolve import (
    SEASONS,
    nearest_weekday,
    nth_weekday,
    season_value,
    year_nearest,
)
from newsdesk.enrich.times_tense import tense_near

__all__ = ["DATE_HANDLERS"]

_MONTH_PREPOSITIONS = frozenset({"in", "of", "since", "until", "by", "from", "through", "during", "before",
                                 "after", "and", "or", "to", "last", "next", "this", "early", "late", "mid",
                                 "till", "between", "on", "for"})
_SEASON_PREPOSITIONS = frozenset({"in", "during", "over", "since", "until", "by", "through", "for"})
# A month-day naming a scheduled event ("the Nov. 8 election", "the state's April 19 primary").
_EVENT_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:elections?|votes?|voting|primary|primaries|caucus(?:es)?|"
                          r"debates?|referendum|runoffs?|ballot|convention|inauguration)\b")
# Words that make a weekday part of a day's name ("Black Friday", "Good Friday", "Bloody Sunday"), which is not
# the day of that name nearest the article ("Super Tuesday" is a holiday of its own, the first Tuesday of March;
# "Super Sunday", the Super Bowl's, is talked about in its own week).
_NAMED_WEEKDAY = re.compile(r"\b(?:Black|Cyber|Good|Ash|Bloody|Holy|Maundy|Easter|Palm|Shrove|Giving)[\s-]+$")
# "ahead of voting Tuesday", "ahead of the state's contest on Saturday": the weekday names an event, as
# "Tuesday's vote" does, and the event's own day is the closer one (the clause's verb dates the run-up).
_AHEAD_OF = re.compile(r"\bahead\s+of\s+(?:[^\s,;:.!?]+\s+){0,6}$", re.IGNORECASE)
# "in June 09": a month and a two-digit year with its leading zero, where a day is never "in".
_YEAR_PREPOSITIONS = frozenset({"in", "since", "during"})
# Day words in names: prose around has a lower-case word (a title has none); a quoted title closes right after
# the day word; three words in capitals before it are a shouted headline, not a name ("USA TODAY").
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z]{4,}\b")
_QUOTES = frozenset("'’\"“”‘")
_CLOSING_QUOTE = re.compile(r"[.,]?(?:''|[\"”’'])(?!\w)")
_CAPITALS_RUN = re.compile(r"(?:\b[A-Z][A-Z.'’&-]*\s+){2}\b[A-Z][A-Z.'’&-]*$")


def _iso(match: re.Match[str], context: TimeContext) -> Found | None:
    value = day_value(int(match["year"]), int(match["month"]), int(match["day"]))
    if value is None:
        return None
    if match["hour"]:
        return "TIME", f"{value}T{match['hour']}:{match['minute']}", None
    return "DATE", value, None


def _slash(match: re.Match[str], context: TimeContext) -> Found | None:
    year = int(match["year"])
    if year < 100:
        year += 2000 if year <= 40 else 1900
    first, second = int(match["first"]), int(match["second"])
    month, day = (first, second) if context.english and first <= 12 else (second, first)
    value = day_value(year, month, day)
    return None if value is None else ("DATE", value, None)


_REL_TENSE = {"last": "past", "next": "future"}


def _month_day(match: re.Match[str], context: TimeContext) -> Found | None:
    if not capitalised(match["month"]) or not capitalised(match["weekday"]):
        return None
    month, day = month_number(match["month"]), int(match["day"])
    if match["year"]:
        year = int(match["year"])
    elif (month_year := _month_short_year(match, context)) is not None:
        return "DATE", month_year, None
    elif context.anchor is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", mod_of(match)
    else:
        year = year_nearest(context.anchor, month, day, _REL_TENSE.get((match["rel"] or "").lower())
                            or _day_tense(match, context))
    value = day_value(year, month, day)
    return None if value is None else ("DATE", value, mod_of(match))


def _month_short_year(match: re.Match[str], context: TimeContext) -> str | None:
    """"in June 09" is June 2009: a two-digit number with a leading zero after a month that follows "in"."""
    written = match["day"]
    if (len(written) != 2 or written[0] != "0" or match.group().rstrip()[-1:] != written[-1]
            or match["weekday"] or match["rel"] or match["mod"]
            or context.word_before(match.start()) not in _YEAR_PREPOSITIONS):
        return None
    year = 2000 + int(written)
    if context.anchor is not None and year > context.anchor.year:
        year -= 100
    return f"{year:04d}-{month_number(match['month']):02d}"


def _day_tense(match: re.Match[str], context: TimeContext) -> str | None:
    """The tense a month-day is read by. A dated event ("the Nov. 8 election", "the July 25 vote") is read
    forward unless a verb before it other than one of saying ("won", "held") says it is over: news names
    coming events by their date, and "told reporters" dates the telling, not the vote."""
    if _EVENT_AFTER.match(context.text, match.end()):
        return tense_near(context.text, match.start(), match.end(), reports=False) or "future"
    return context.tense(match)


def _month_day_plain(match: re.Match[str], context: TimeContext) -> Found | None:
    if not capitalised(match["month"]):
        return None
    month, day = month_number(match["month"]), int(match["day"])
    if match["year"]:
        year = int(match["year"])
    elif context.anchor is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None
    else:
        year = year_nearest(context.anchor, month, day, _day_tense(match, context))
    value = day_value(year, month, day)
    return None if value is None else ("DATE", value, None)


def _month(match: re.Match[str], context: TimeContext) -> Found | None:
    word = match["month"]
    if not capitalised(word):
        return None
    bare = not (match["year"] or match["rel"] or match["mod"])
    if bare and (word[-1] != "." and len(word) <= 4 and word.lower() not in ("may", "june", "july")):
        return None  # "Jan" or "Dec" alone is more often a name than a month.
    if bare and word.lower() in ("may", "march") and context.word_before(match.start()) not in _MONTH_PREPOSITIONS:
        return None  # the modal verb and the verb "march"
    month = month_number(word)
    rel = (match["rel"] or "").lower()
    mod = mod_of(match) or MOD_WORDS.get(rel)
    if match["year"]:
        return "DATE", f"{int(match['year']):04d}-{month:02d}", mod
    anchor = context.anchor
    if match["yrel"] and anchor is not None:
        year = anchor.year + {"last": -1, "next": 1}.get(match["yrel"].lower(), 0)
        return "DATE", f"{year:04d}-{month:02d}", mod
    if anchor is None:
        return "DATE", f"XXXX-{month:02d}", mod
    if rel == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year = year_nearest(anchor, month, None, context.tense(match))
    return "DATE", f"{year:04d}-{month:02d}", mod


def _weekday(match: re.Match[str], context: TimeContext) -> Found | None:
    word = match["weekday"]
    if not capitalised(word) or word.lower() not in ("monday", "tuesday", "wednesday", "thursday", "friday",
                                                       "saturday", "sunday"):
        return None  # "Sat", "Wed" and "Sun" alone are verbs and names far more often than days.
    if not (match["early"] or match["rel"]) and _NAMED_WEEKDAY.search(context.text, 0, match.start()):
        return None  # "Black Friday", "Good Friday": a named day, not this week's
    weekday = WEEKDAYS[word.lower()]
    part = PARTS_OF_DAY.get((match["part"] or "").lower())
    if match["plural"]:
        return "SET", f"XXXX-WXX-{weekday + 1}" + (part or ""), None
    anchor = context.anchor
    if anchor is None:
        return ("TIME" if part else "DATE"), f"XXXX-WXX-{weekday + 1}" + (part or ""), None
    rel = (match["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        day = nearest_weekday(anchor - timedelta(days=1), weekday, -1)
    elif rel in ("next", "coming"):
        day = nearest_weekday(anchor + timedelta(days=1), weekday, 1)
    elif (not part and context.text.startswith(("'s", "’s"), match.end())) or _AHEAD_OF.search(
            context.text, max(0, match.start() - 80), match.start()):
        # "Wednesday's ruling" names an event, whose verb is often in another clause: the closer Wednesday.
        before, after = nearest_weekday(anchor, weekday, -1), nearest_weekday(anchor, weekday, 1)
        day = before if anchor - before <= after - anchor else after
    else:
        day = nearest_weekday(anchor, weekday, 1 if context.tense(match) == "future" else -1)
    mod = MOD_WORDS.get((match["early"] or "").lower())
    if part:
        return "TIME", f"{day.isoformat()}{part}", mod
    return "DATE", day.isoformat(), mod


_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "before yesterday": -2,
                "after tomorrow": 2, "this": 0, "last": -1}


def _day_word(match: re.Match[str], context: TimeContext) -> Found | None:
    if _in_name(match, context.text):
        return None
    key = (match["word"] or match["this"] or " ".join(match["around"].split())).lower()
    part = PARTS_OF_DAY.get((match["part"] or match["part2"] or "").lower())
    if key == "tonight":
        part = "TNI"
    mod = MOD_WORDS.get((match["early"] or "").lower().rstrip("-"))
    if context.anchor is None:
        return ("TIME" if part else "DATE"), ("PRESENT_REF" if key == "today" else "XXXX-XX-XX"), mod
    value = (context.anchor + timedelta(days=_DAY_OFFSETS[key])).isoformat()
    return ("TIME", f"{value}{part}", mod) if part else ("DATE", value, mod)


def _in_name(match: re.Match[str], text: str) -> bool:
    """Whether a day word is part of a name ("USA TODAY", "the Today show", "ITV's This Morning").

    Inside a sentence, right after a word, a day word is written with a capital only as a name; a line of
    capitals (a shouted headline) or of capitalised words (a title) says nothing of names, so the line
    must be prose: some lower case for "TODAY", a lower-case word for "Today".

    >>> _in_name(re.search("TODAY", "Figueroa told USA TODAY on Monday."), "Figueroa told USA TODAY on Monday.")
    True
    >>> [_in_name(re.search("(?i)today", s), s) for s in ("He left today.", "Today, he left.", "Mubarak Quits Today",
    ...                                                  "He boomed, ''Today, you won.''", "The ''Today'' anchor")]
    [False, False, False, False, True]
    """
    words = match.group().split()
    if not all(word[:1].isupper() for word in words):
        return False
    before = text[max(0, match.start() - 200):match.start()].rstrip(" \t")
    if before[-1:] in _QUOTES:
        # After an opening quote: a title in quotes (''Today'' anchor) closes right after, a quotation goes on.
        return _CLOSING_QUOTE.match(text, match.end()) is not None
    if not before[-1:].isalnum():
        return False  # a sentence's or a line's first word
    line = before[before.rfind("\n") + 1:] + text[match.start():match.end() + 200].split("\n")[0]
    if all(word.isupper() for word in words):
        # "USA TODAY", "PIERS MORGAN TONIGHT" in prose; a run of capitals (a shouted headline) is no name.
        return _CAPITALS_RUN.search(before) is None and any(character.islower() for character in line)
    return _LOWER_WORD.search(line) is not None


def _clock(match: re.Match[str], context: TimeContext) -> Found | None:
    if match["noon"] and context.word_before(match.start()) == "high":
        return None  # "high noon" is a showdown, not a time
    if match["noon"]:
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[match["noon"].lower()]
    elif match["hour24"]:
        hour, minute = int(match["hour24"]), int(match["minute24"])
    else:
        hour, minute = int(match["hour"]) % 12, int(match["minute"] or 0)
        if match["ampm"].lower().startswith("p"):
            hour += 12
    if match["weekday"] and not capitalised(match["weekday"]):
        return None
    day: date | None
    if context.anchor is None:
        day = None
    elif match["month"]:
        if not capitalised(match["month"]):
            return None
        month, day_number = month_number(match["month"]), int(match["day"])
        year = int(match["year"]) if match["year"] else year_nearest(context.anchor, month, day_number,
                                                                      context.tense(match))
        if day_value(year, month, day_number) is None:
            return None
        day = date(year, month, day_number)
    elif match["dayword"]:
        day = context.anchor + timedelta(days=_DAY_OFFSETS[match["dayword"].lower()])
    elif match["weekday"] and match["weekday"].lower() in WEEKDAYS:
        direction = 1 if context.tense(match) == "future" else -1
        day = nearest_weekday(context.anchor, WEEKDAYS[match["weekday"].lower()], direction)
    else:
        day = context.last_day or context.anchor
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    return "TIME", f"{prefix}T{hour:02d}:{minute:02d}", mod_of(match)


def _season(match: re.Match[str], context: TimeContext) -> Found | None:
    determiner = match["det"].lower()
    if determiner == "the" and context.word_before(match.start()) not in _SEASON_PREPOSITIONS:
        return None  # "the fall of Saigon", "the spring water"
    season = SEASONS[match["season"].lower()]
    mod = MOD_WORDS.get(determiner)
    if context.anchor is None:
        return "DATE", f"XXXX-{season}", mod
    by = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(determiner, 0)
    return "DATE", season_value(context.anchor, season, by, context.tense(match) if by == 0 else None), mod


_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                   "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
                   "halloween": (10, 31), "valentine's day": (2, 14), "independence day": (7, 4),
                   "july fourth": (7, 4), "the fourth of july": (7, 4), "veterans day": (11, 11)}
# Super Tuesday: the US presidential primaries' biggest day, the first Tuesday of March since 2012.
_FLOATING_HOLIDAYS = {"thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "memorial day": (5, 0, -1),
                      "labor day": (9, 0, 1), "super tuesday": (3, 1, 1)}


def _holiday_date(name: str, year: int) -> date:
    if name in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[name]
        return date(year, month, day)
    month, weekday, nth = _FLOATING_HOLIDAYS[name]
    return nth_weekday(year, month, weekday, nth)


def _holiday(match: re.Match[str], context: TimeContext) -> Found | None:
    name = " ".join(match["holiday"].lower().replace("-", " ").split())
    anchor = context.anchor
    if anchor is None:
        this_year = _holiday_date(name, 2000)
        return "DATE", f"XXXX-{this_year.month:02d}-{this_year.day:02d}", None
    rel = (match["rel"] or "").lower()
    if name == "super tuesday" and match["holiday"][0] == "s":
        return None  # "another super Tuesday for our campaign": a good Tuesday, read as a weekday
    if name == "super tuesday" and not rel:
        # Held in presidential election years only: the one of the election nearest the article, whatever the
        # tense of a sentence that names it ("he won the Super Tuesday states" in February means the coming one).
        elections = [year for year in range(anchor.year - 3, anchor.year + 4) if year % 4 == 0]
        day = min((_holiday_date(name, year) for year in elections), key=lambda held: abs((held - anchor).days))
        return "DATE", day.isoformat(), None
    tense = {"last": "past", "next": "future"}.get(rel) or context.tense(match)
    day = _holiday_date(name, anchor.year)
    if tense == "past" and day > anchor:
        day = _holiday_date(name, anchor.year - 1)
    elif tense == "future" and day < anchor:
        day = _holiday_date(name, anchor.year + 1)
    return "DATE", day.isoformat(), None


#: Handlers of the calendar families, by family name.
DATE_HANDLERS: dict[str, Callable[[re.Match[str], TimeContext], Found | None]] = {
    "iso": _iso, "slash": _slash, "month_day": _month_day, "day_month": _month_day_plain, "month": _month,
    "weekday": _weekday, "day_word": _day_word, "clock": _clock, "season": _season, "holiday": _holiday,
}

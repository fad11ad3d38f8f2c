"""Time expressions in an article (TIMEX3), relative ones resolved against its publication date.

:func:`find_times` runs the pattern families of :mod:`newsdesk.enrich.times_grammar` where their trigger
words are, keeps the leftmost longest match at each place, and has the rules of ``times_dates`` (calendar
dates, clock times) and ``times_periods`` (periods, lengths, rates, vague references) turn each into a
TIMEX3 type (DATE, TIME, DURATION, SET), value and mod, with ``times_resolve`` doing the calendar
arithmetic and ``times_tense`` telling the tense. Relative expressions ("Tuesday", "last week", "the
third quarter") are anchored on the publication date, the way HeidelTime does for news: a weekday or a
month without a year is the one before the publication date when the verb near it is in the past tense
and the one after when it is in the future. Tense comes from a few word cues (auxiliaries, "said", "-ed"
forms) rather than a tagger, which keeps the stage free of models and well under a millisecond per
article; dateparser, the library a user would reach for, finds dates but gives no type, no durations,
sets or mods, and no spans.

>>> [(t.text, t.value) for t in find_times("The Pentagon announced on Tuesday that troops leave by "
...                                         "the end of 2026.", published="2025-10-01")]
[('Tuesday', '2025-09-30'), ('the end of 2026', '2026')]
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from newsdesk.enrich.times_context import TimeContext
from newsdesk.enrich.times_dates import DATE_HANDLERS
from newsdesk.enrich.times_grammar import (
    DATE_NUMBER,
    FAMILIES,
    FAMILY_TRIGGERS,
    LOOK_BACK,
    MAX_BACK,
    NUMERIC_FAMILIES,
    PREFIX_WORDS,
    TRIGGER_ANY_CASE,
    TRIGGER_KIND,
    UNIT_FAMILY_AFTER,
    UNIT_FAMILY_WORDS,
    trigger_words,
)
from newsdesk.enrich.times_periods import PERIOD_HANDLERS
from newsdesk.enrich.times_tense import tense_near
from newsdesk.model import TimeExpression

__all__ = ["find_times", "tense_near"]

# Families whose values later relative expressions may count from; shifted ones ("the year-ago quarter") never.
_REMEMBERED = frozenset({"iso", "slash", "month_day", "day_month", "weekday", "day_word", "quarter", "clock"})
_SHIFTED = re.compile(r"year[- ](?:earlier|ago)|last\s+year|comparable", re.IGNORECASE)
# Families that name a date with its year in the text itself.
_EXPLICIT = frozenset({"iso", "slash", "month_day", "day_month", "month", "year"})
_EXPLICIT_VALUE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(\d\d))?)?$")


def find_times(text: str, published: str | None = None, language: str | None = None) -> list[TimeExpression]:
    """Every time expression in ``text``, in order, with TIMEX3 type, value and mod.

    ``published`` (ISO 8601 date or datetime, any UTC offset) anchors relative expressions; without it
    they keep TIMEX3's unknown parts (``XXXX-09-30``). For a ``language`` other than English only
    numeric dates are looked for.

    >>> found = find_times("Sean Parnell said on Tuesday, citing the joint statement of September 27, 2024, "
    ...                    "that 2,500 troops leave in the next two years.", published="2025-10-01T09:00:00+03:00")
    >>> [(t.text, t.type, t.value) for t in found]  # doctest: +NORMALIZE_WHITESPACE
    [('Tuesday', 'DATE', '2025-09-30'), ('September 27, 2024', 'DATE', '2024-09-27'),
     ('the next two years', 'DURATION', 'P2Y')]
    >>> [t.value for t in find_times("Le 2025-09-30, rien.", language="fr")]
    ['2025-09-30']
    """
    if not isinstance(text, str):
        raise TypeError(f"find_times: text must be str, not {type(text).__name__}")
    english = language is None or language.lower().split("-")[0] == "en"
    context = TimeContext(text, _anchor(published), english)
    candidates = _candidates(text, english)
    candidates.sort(key=lambda c: c[:3])
    found: list[TimeExpression] = []
    covered_to = 0
    for start, _, _, family, match in candidates:
        if start < covered_to:
            continue
        try:
            resolved = _HANDLERS[family](match, context)
        except (OverflowError, ValueError):
            continue  # "100,000 days ago" leaves the calendar: no value to give, the rest of the text goes on
        if resolved is None:
            continue
        kind, value, mod = resolved
        found.append(TimeExpression(match.group(), kind, value, start, match.end(), mod))
        if family in _REMEMBERED and not _SHIFTED.search(match.group()):
            context.remember(value, match.end())
        if family in _EXPLICIT and (explicit := _EXPLICIT_VALUE.match(value)) is not None:
            context.last_date = date(int(explicit[1]), int(explicit[2] or 1), int(explicit[3] or 1))
        covered_to = match.end()
    return found


_TOKEN = re.compile(r"[^\s(\[\"“‘`–—/]+")  # words, with opening brackets, quotes, dashes and slashes left off
_HEAD = re.compile(r"[^\W\d_]+")
_NUMERIC_HEADS = frozenset("0123456789'’$")
_FAMILY_ORDER = {family: order for order, family in enumerate(FAMILIES)}


def _lower_same_length(text: str) -> str | None:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    lowered = text.replace("\u0130", "I").lower()  # the one letter whose lower case is two characters
    return lowered if len(lowered) == len(text) else None


def _candidates(text: str, english: bool) -> list[tuple[int, int, int, str, re.Match[str]]]:
    """Every family's matches that contain a trigger word: (start, -length, family order, family, match)."""
    lowered = _lower_same_length(text)
    source = lowered if lowered is not None else text
    triggers = trigger_words(lowered) if lowered is not None else [
        (m.start(), m.end(), None if m["digit"] else m.group()) for m in TRIGGER_ANY_CASE.finditer(text)]
    tried: set[tuple[str, int]] = set()
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    for position, trigger_end, trigger_word in triggers:
        if trigger_word is None:
            if position >= 2 and text[position - 1] in ",." and text[position - 2].isdigit():
                continue  # the thousands or decimals of a number already seen
            if not DATE_NUMBER.match(source, position - (position > 0 and source[position - 1] in "'’")):
                continue  # a count or an amount: no family reads it as a date or time
            kind = "digit"
        elif english:
            word = trigger_word.lower()
            kind = TRIGGER_KIND[word]
        else:
            continue
        # English words before a number ("the end of") are no prefix in other languages.
        starts = _starts_before(source, position) if english else [position]
        for family, back, opens, pattern, order, after in _plan(kind, word if kind == "unit" else None, english):
            if after is not None and after.match(text, trigger_end) is None:
                continue
            for start in starts[-1 - back:] if opens else starts[-1 - back:-1]:
                if (family, start) in tried:
                    continue
                tried.add((family, start))
                match = pattern.match(text, start)
                if match is not None and match.end() > position:
                    candidates.append((start, start - match.end(), order, family, match))
    return candidates


@lru_cache(maxsize=512)
def _plan(kind: str, word: str | None, english: bool) -> tuple[tuple[str, int, bool, re.Pattern[str], int,
                                                                        re.Pattern[str] | None], ...]:
    """The families to try for a trigger of ``kind`` (the unit ``word`` for a unit), worked out once per word:
    (family, words back, may start at the trigger, pattern, order of preference, what must follow the unit).

    A family whose matches cannot hold the unit word is left out ("the third quarter" holds "quarter", never
    "days"); for a family whose unit is its last word but one ("two days ago", "a year earlier"), the unit
    word must be followed by what ends the family, which only the text can tell (any unit word but "half",
    part of an amount: "half a day ago").

    >>> [family for family, *_ in _plan("unit", "days", True)][:4]
    ['span_of', 'ago', 'offset', 'duration']
    >>> [(family, after is not None) for family, *_, after in _plan("unit", "days", True)][:3]
    [('span_of', False), ('ago', True), ('offset', True)]
    >>> [family for family, *_ in _plan("digit", None, False)]
    ['iso', 'slash', 'year']
    """
    plan = []
    for family, back, opens in FAMILY_TRIGGERS[kind]:
        if not english and family not in NUMERIC_FAMILIES:
            continue
        after = None
        if kind == "unit":
            words = UNIT_FAMILY_WORDS.get(family)
            if words is not None and word not in words:
                continue
            after = UNIT_FAMILY_AFTER.get(family) if word != "half" else None
        plan.append((family, back, opens, FAMILIES[family], _FAMILY_ORDER[family], after))
    return tuple(plan)


def _starts_before(source: str, position: int) -> list[int]:
    """Where the words of the run that may open a time expression before ``position`` start, and ``position``.

    Walking back stops at the first word that no expression starts with or passes through ("said", a
    name), so most triggers are tried at themselves and one or two words before.
    """
    tokens: list[str] = _TOKEN.findall(source, max(0, position - LOOK_BACK), position)
    starts = [position]
    cursor = position
    for token in reversed(tokens[-MAX_BACK:]):
        head = _HEAD.match(token)
        if head is None and token[0] not in _NUMERIC_HEADS:
            break
        if head is not None and head.group() not in PREFIX_WORDS:
            break
        cursor = source.rfind(token, 0, cursor)
        starts.insert(0, cursor)
    if len(starts) > 1 and starts[-2] == position:
        starts.pop()
    return starts


def _anchor(published: str | date | None) -> date | None:
    if isinstance(published, date):  # a datetime is a date too; callers in Python may pass either
        published = published.isoformat()
    if not published or not isinstance(published, str):
        return None
    try:
        anchor = datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            anchor = date.fromisoformat(published.strip()[:10])
        except ValueError:
            return None  # An unreadable date anchors nothing; relative values stay unresolved.
    # Year 1 or 9999 is a placeholder, not a publication date, and would push arithmetic off the calendar.
    return anchor if 1000 <= anchor.year <= 9000 else None


_HANDLERS = {**DATE_HANDLERS, **PERIOD_HANDLERS}

"""Time expressions in an article (TIMEX3), relative ones resolved against its publication date.

:func:`find_times` runs the pattern families of :mod:`newsdesk.enrich.times_grammar` over the text, keeps
the leftmost longest match at each place, and turns each into a TIMEX3 type (DATE, TIME, DURATION, SET),
value and mod. Relative expressions ("Tuesday", "last week", "the third quarter") are anchored on the
publication date, the way HeidelTime does for news: a weekday or a month without a year is the one before
the publication date when the verb near it is in the past tense and the one after when it is in the
future. Tense comes from a few word cues (auxiliaries, "said", "-ed" forms) rather than a tagger, which
keeps the stage free of models and well under a millisecond per article; dateparser, the library a user
would reach for, finds dates but gives no type, no durations, sets or mods, and no spans.

>>> [(t.text, t.value) for t in find_times("The Pentagon announced on Tuesday that troops leave by "
...                                         "the end of 2026.", published="2025-10-01")]
[('Tuesday', '2025-09-30'), ('the end of 2026', '2026')]
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from newsdesk.enrich.times_grammar import (
    APPROX_WORDS,
    FAMILIES,
    FAMILY_TRIGGERS,
    LOOK_BACK,
    MAX_BACK,
    MOD_WORDS,
    MONTHS,
    NUMBER_WORDS,
    NUMERIC_FAMILIES,
    ORDINALS,
    PARTS_OF_DAY,
    PREFIX_WORDS,
    TRIGGER,
    TRIGGER_ANY_CASE,
    TRIGGER_KIND,
    VAGUE_AMOUNTS,
    WEEKDAYS,
)
from newsdesk.enrich.times_resolve import (
    SEASONS,
    duration_value,
    nearest_weekday,
    nth_weekday,
    quarter_of,
    season_of,
    shift_days,
    shift_quarter,
    shift_season,
    shift_value,
    week_value,
    year_nearest,
)
from newsdesk.model import TimeExpression

__all__ = ["find_times", "tense_near"]

Found = tuple[str, str, str | None]  # type, value, mod

# Tense cues. Future first: "planned to" and "scheduled" look past but point ahead.
_TENSE_CUE = re.compile(
    r"\b(?P<future>will|won't|shall|going\s+to|plans?\s+to|planned\s+to|intends?\s+to|expects?\s+to|"
    r"expected\s+to|scheduled\s+to|is\s+to|are\s+to|set\s+to|would|as\s+soon\s+as|upcoming|next)\b|"
    r"(?P<fut2>'ll)\b|"
    r"\b(?P<past>said|was|were|had|did|told|met|went|came|took|made|gave|left|began|fell|rose|won|lost|sent|"
    r"held|saw|became|brought|bought|sold|spoke|wrote|got|found|thought|knew|paid|ran|struck|ago|last|"
    r"[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
# "-ed" words that are not past tense verbs, and auxiliaries that make a following participle passive.
_NOT_PAST = frozenset({"need", "speed", "seed", "feed", "indeed", "proceed", "exceed", "succeed", "hundred",
                       "bed", "red", "shed", "breed", "bleed", "greed", "embed", "weed", "deed", "creed"})
_DEADLINE_BEFORE = re.compile(r"\b(?:until|till)\s+(?:at\s+)?$", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:be|being|is|are|am)\s+(?:\w+\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]*[A-Z])|\n")
_WINDOW = 240
_NUMBER_SPLIT = re.compile(r"[\s-]+")
_WORD_BEFORE = re.compile(r"(\w+)[^\w.!?;:]*$")  # the word before, within the sentence
_MONEY_OR_COUNT_BEFORE = re.compile(r"(?:\d|percent|cents?|dollars?|times|pounds?|euros?)\W*$", re.IGNORECASE)
_MONTH_PREPOSITIONS = frozenset({"in", "of", "since", "until", "by", "from", "through", "during", "before",
                                 "after", "and", "or", "to", "last", "next", "this", "early", "late", "mid",
                                 "till", "between", "on", "for"})
_SEASON_PREPOSITIONS = frozenset({"in", "during", "over", "since", "until", "by", "through", "for"})
# Families whose values later relative expressions may count from; shifted ones ("the year-ago quarter") never.
_REMEMBERED = frozenset({"iso", "slash", "month_day", "day_month", "weekday", "day_word", "quarter", "clock"})
_SHIFTED = re.compile(r"year[- ](?:earlier|ago)|last\s+year|comparable", re.IGNORECASE)
_QUARTER_REACH = 800
# Families that name a date with its year in the text itself.
_EXPLICIT = frozenset({"iso", "slash", "month_day", "day_month", "month", "year"})
_EXPLICIT_VALUE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(\d\d))?)?$")
_DAY_VALUE = re.compile(r"(\d{4})-(\d\d)-(\d\d)$")
_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])$")


def tense_near(text: str, start: int, end: int) -> str | None:
    """"past", "future" or None: the tense of the verb nearest a time expression in its sentence.

    The cue nearest before the expression decides; failing that, the nearest after it.

    >>> s = "Officials said on Tuesday they will meet on Friday."
    >>> tense_near(s, 17, 24), tense_near(s, 44, 50), tense_near("Meeting on Friday", 11, 17)
    ('past', 'future', None)
    """
    before = text[max(0, start - _WINDOW):start]
    if _DEADLINE_BEFORE.search(before):
        return "future"  # "until Tuesday", "postponed till 9 a.m. Friday": a deadline lies ahead
    breaks = list(_SENTENCE_END.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    for cue in reversed(list(_TENSE_CUE.finditer(before))):
        tense = _cue_tense(cue, before)
        if tense:
            return tense
    after = text[end:end + _WINDOW // 2]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[:stop.start()]
    for cue in _TENSE_CUE.finditer(after):
        tense = _cue_tense(cue, after)
        if tense:
            return tense
    return None


def _cue_tense(cue: re.Match[str], context: str) -> str | None:
    if cue.group("future") or cue.group("fut2"):
        return "future"
    word = cue.group("past").lower()
    if word in _NOT_PAST:
        return None
    if _PASSIVE_BEFORE.search(context, 0, cue.start()):
        return None  # "will be signed", "is held": the participle says nothing of time; keep looking.
    return "past"


@dataclass(slots=True)
class _Context:
    """What resolution needs besides the match: the anchor, the text, and what the article last referred to."""

    text: str
    anchor: date | None
    #: English text: month-first numeric dates, and every family; otherwise only numeric dates and years.
    english: bool = True
    last_day: date | None = None
    #: The last date named with its year (a day, month or year), for "the following year", "that month".
    last_date: date | None = None
    last_quarter: tuple[int, int] | None = None
    #: Where the last quarter was named: "a year ago" means that quarter's year-ago only close to it.
    last_quarter_at: int = -1_000_000

    def tense(self, match: re.Match[str]) -> str | None:
        return tense_near(self.text, match.start(), match.end())

    def word_before(self, position: int) -> str:
        found = _WORD_BEFORE.search(self.text, max(0, position - 30), position)
        return found.group(1).lower() if found else ""

    def recent_quarter(self, position: int) -> tuple[int, int] | None:
        return self.last_quarter if position - self.last_quarter_at <= _QUARTER_REACH else None

    def remember(self, value: str, position: int) -> None:
        if (day := _DAY_VALUE.match(value)) is not None:
            with contextlib.suppress(ValueError):  # an impossible date written in the text is no anchor
                self.last_day = date(int(day[1]), int(day[2]), int(day[3]))
        elif (quarter := _QUARTER_VALUE.match(value)) is not None:
            self.last_quarter = (int(quarter[1]), int(quarter[2]))
            self.last_quarter_at = position


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
    context = _Context(text, _anchor(published), english)
    candidates = _candidates(text, english)
    candidates.sort(key=lambda c: c[:3])
    found: list[TimeExpression] = []
    covered_to = 0
    for start, _, _, family, match in candidates:
        if start < covered_to:
            continue
        resolved = _HANDLERS[family](match, context)
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
    triggers = TRIGGER.finditer(lowered) if lowered is not None else TRIGGER_ANY_CASE.finditer(text)
    tried: set[tuple[str, int]] = set()
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    for trigger in triggers:
        position = trigger.start()
        if trigger["digit"]:
            if position >= 2 and text[position - 1] in ",." and text[position - 2].isdigit():
                continue  # the thousands or decimals of a number already seen
            kind = "digit"
        elif english:
            kind = TRIGGER_KIND[trigger.group().lower()]
        else:
            continue
        # English words before a number ("the end of") are no prefix in other languages.
        starts = _starts_before(source, position) if english else [position]
        for family, back, opens in FAMILY_TRIGGERS[kind]:
            if not english and family not in NUMERIC_FAMILIES:
                continue
            pattern = FAMILIES[family]
            for start in starts[-1 - back:] if opens else starts[-1 - back:-1]:
                if (family, start) in tried:
                    continue
                tried.add((family, start))
                match = pattern.match(text, start)
                if match is not None and match.end() > position:
                    candidates.append((start, start - match.end(), _FAMILY_ORDER[family], family, match))
    return candidates


def _starts_before(source: str, position: int) -> list[int]:
    """Where the words of the run that may open a time expression before ``position`` start, and ``position``.

    Walking back stops at the first word that no expression starts with or passes through ("said", a
    name), so most triggers are tried at themselves and one or two words before.
    """
    tokens = _TOKEN.findall(source, max(0, position - LOOK_BACK), position)
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


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(published.strip()[:10])
        except ValueError:
            return None  # An unreadable date anchors nothing; relative values stay unresolved.


def _amount(words: str | None) -> float | str:
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


def _unit(word: str) -> str:
    word = word.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") else word


def _mod(match: re.Match[str]) -> str | None:
    if "mod" in match.re.groupindex and match.group("mod"):
        return MOD_WORDS[match.group("mod").lower()]
    if "approx" in match.re.groupindex and match.group("approx"):
        return APPROX_WORDS[" ".join(match.group("approx").lower().split())]
    return None


def _capitalised(word: str | None) -> bool:
    return word is None or word[:1].isupper()


def _unknown(unit: str) -> str:
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
            "quarter": "XXXX-QX", "decade": "XXX", "century": "XX"}.get(unit, "XXXX")


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso(match: re.Match[str], context: _Context) -> Found | None:
    value = _day(int(match["year"]), int(match["month"]), int(match["day"]))
    if value is None:
        return None
    if match["hour"]:
        return "TIME", f"{value}T{match['hour']}:{match['minute']}", None
    return "DATE", value, None


def _slash(match: re.Match[str], context: _Context) -> Found | None:
    year = int(match["year"])
    if year < 100:
        year += 2000 if year <= 40 else 1900
    first, second = int(match["first"]), int(match["second"])
    month, day = (first, second) if context.english and first <= 12 else (second, first)
    value = _day(year, month, day)
    return None if value is None else ("DATE", value, None)


_REL_TENSE = {"last": "past", "next": "future"}


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _month_day(match: re.Match[str], context: _Context) -> Found | None:
    if not _capitalised(match["month"]) or not _capitalised(match["weekday"]):
        return None
    month, day = _month_number(match["month"]), int(match["day"])
    if match["year"]:
        year = int(match["year"])
    elif context.anchor is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", _mod(match)
    else:
        year = year_nearest(context.anchor, month, day, _REL_TENSE.get((match["rel"] or "").lower())
                            or context.tense(match))
    value = _day(year, month, day)
    return None if value is None else ("DATE", value, _mod(match))


def _month_day_plain(match: re.Match[str], context: _Context) -> Found | None:
    if not _capitalised(match["month"]):
        return None
    month, day = _month_number(match["month"]), int(match["day"])
    if match["year"]:
        year = int(match["year"])
    elif context.anchor is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None
    else:
        year = year_nearest(context.anchor, month, day, context.tense(match))
    value = _day(year, month, day)
    return None if value is None else ("DATE", value, None)


def _month(match: re.Match[str], context: _Context) -> Found | None:
    word = match["month"]
    if not _capitalised(word):
        return None
    bare = not (match["year"] or match["rel"] or match["mod"])
    if bare and (word[-1] != "." and len(word) <= 4 and word.lower() not in ("may", "june", "july")):
        return None  # "Jan" or "Dec" alone is more often a name than a month.
    if bare and word.lower() in ("may", "march") and context.word_before(match.start()) not in _MONTH_PREPOSITIONS:
        return None  # the modal verb and the verb "march"
    month = _month_number(word)
    rel = (match["rel"] or "").lower()
    mod = _mod(match) or MOD_WORDS.get(rel)
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


def _weekday(match: re.Match[str], context: _Context) -> Found | None:
    word = match["weekday"]
    if not _capitalised(word) or word.lower() not in ("monday", "tuesday", "wednesday", "thursday", "friday",
                                                       "saturday", "sunday"):
        return None  # "Sat", "Wed" and "Sun" alone are verbs and names far more often than days.
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
    elif not part and context.text.startswith(("'s", "’s"), match.end()):
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


def _day_word(match: re.Match[str], context: _Context) -> Found | None:
    key = (match["word"] or match["this"] or " ".join(match["around"].split())).lower()
    part = PARTS_OF_DAY.get((match["part"] or match["part2"] or "").lower())
    if key == "tonight":
        part = "TNI"
    mod = MOD_WORDS.get((match["early"] or "").lower().rstrip("-"))
    if context.anchor is None:
        return ("TIME" if part else "DATE"), ("PRESENT_REF" if key == "today" else "XXXX-XX-XX"), mod
    value = (context.anchor + timedelta(days=_DAY_OFFSETS[key])).isoformat()
    return ("TIME", f"{value}{part}", mod) if part else ("DATE", value, mod)


_ANAPHORIC = frozenset({"following", "previous", "prior", "same", "that"})
_DETERMINER_SHIFT = {"last": -1, "past": -1, "previous": -1, "prior": -1, "latest": -1, "next": 1, "coming": 1,
                     "following": 1, "this": 0, "current": 0, "same": 0, "that": 0}


def _relative_unit(match: re.Match[str], context: _Context) -> Found | None:
    determiner = match["det"].lower().split()[-1]
    unit = _unit(match["unit"])
    by = _DETERMINER_SHIFT[determiner]
    mod = MOD_WORDS.get((match["adv"] or "").lower())
    if determiner in _ANAPHORIC and unit in ("year", "month") and context.last_date is not None:
        # "the following year", "that month": counted from the date the story last named, not from today
        return "DATE", shift_value(context.last_date, unit, by), mod
    if context.anchor is None:
        return "DATE", _unknown(unit), mod
    if unit in SEASONS:
        return "DATE", _season_value(context.anchor, SEASONS[unit], by, None), mod
    if unit == "quarter" and determiner == "this" and context.tense(match) == "past":
        by = -1  # "this quarter's loss" in a results story written after the quarter closed
    return "DATE", shift_value(context.anchor, unit, by), mod


def _span_of(match: re.Match[str], context: _Context) -> Found | None:
    unit_word = match["unit"].lower()
    unit = _unit(unit_word)
    if match["amount"] is None and unit_word == unit and unit != "century":
        return None  # "the first quarter", "the past year": a period, not a length; other families say which.
    if match["amount"] and match["amount"].lower() in ("a", "an") and unit_word != unit:
        return None
    amount = _amount(match["amount"]) if match["amount"] else "X"
    return "DURATION", duration_value(amount, unit), _mod(match)


def _quarter(match: re.Match[str], context: _Context) -> Found | None:
    unit = match["unit"].lower()
    ordinal = (match["ordinal"] or "").lower()
    adjectives = (match.group(0)[: match.start("unit") - match.start()]).lower()
    if unit == "half":
        if ordinal not in ("first", "second", "1st", "2nd"):
            return None
    elif not ordinal and not (match["the"] or match["adj"] or match["poss"] or match["year"]):
        return None  # "quarter" alone is a fraction or a district.
    anchor = context.anchor
    explicit = match["year"] or match["ofyear"]
    year_ago = "year-earlier" in adjectives or "year-ago" in adjectives or "year earlier" in adjectives
    shift = {"last": -1, "next": 1, "this": 0}.get((match["poss"] or match["ofdet"] or "").lower(), 0)
    if year_ago:
        shift -= 1
    if unit == "half":
        half = 1 if ordinal in ("first", "1st") else 2
        year = int(explicit) if explicit else (anchor.year + shift if anchor else None)
        return "DATE", (f"{year:04d}-H{half}" if year is not None else f"XXXX-H{half}"), None
    if ordinal == "last" and not match["the"] and not explicit:
        if anchor is None:
            return "DATE", "XXXX-QX", None
        return "DATE", shift_value(anchor, "quarter", -1), None
    if ordinal:
        quarter = ORDINALS[ordinal]
        if explicit:
            return "DATE", f"{int(explicit):04d}-Q{quarter}", None
        if anchor is None:
            return "DATE", f"XXXX-Q{quarter}", None
        year = anchor.year + shift
        if (not (match["poss"] or match["ofdet"] or year_ago) and quarter > quarter_of(anchor)
                and context.tense(match) == "past"):
            year -= 1
        return "DATE", f"{year:04d}-Q{quarter}", None
    # "the quarter", "the latest quarter", "the year-ago quarter": the quarter the story is about.
    if anchor is None and context.last_quarter is None:
        return "DATE", "XXXX-QX", None
    if "current" in adjectives:
        year, quarter = anchor.year, quarter_of(anchor)  # type: ignore[union-attr]
    elif context.last_quarter is not None:
        year, quarter = context.last_quarter
    elif context.tense(match) == "future":
        year, quarter = anchor.year, quarter_of(anchor)  # type: ignore[union-attr]
    else:
        year, quarter = shift_quarter(anchor.year, quarter_of(anchor), -1)  # type: ignore[union-attr]
    return "DATE", f"{year + shift:04d}-Q{quarter}", None


def _year_ago(match: re.Match[str], context: _Context) -> Found | None:
    unit = (match["unit"] or "").lower()
    recent = context.recent_quarter(match.start())
    if unit == "quarter" or (unit in ("", "period", "level") and recent is not None):
        if recent is not None:
            year, quarter = recent
        elif context.anchor is not None:
            year, quarter = shift_quarter(context.anchor.year, quarter_of(context.anchor), -1)
        else:
            return "DATE", "XXXX-QX", None
        return "DATE", f"{year - 1:04d}-Q{quarter}", None
    if context.anchor is None:
        return "DATE", "XXXX", None
    if unit in ("month", "week"):
        return "DATE", shift_value(shift_days(context.anchor, "year", -1), unit, 0), None
    return "DATE", f"{context.anchor.year - 1:04d}", None


def _year(match: re.Match[str], context: _Context) -> Found | None:
    year = int(match["year"])
    if match["season"]:
        return "DATE", f"{year:04d}-{SEASONS[match['season'].lower()]}", None
    if match["half"]:
        return "DATE", f"{year:04d}-H{1 if 'first' in match['half'].lower() else 2}", None
    if match["fiscal"] and match["fiscal"].upper() == "FY" and not match["fiscal"].isupper():
        return None
    return "DATE", f"{year:04d}", _mod(match)


def _decade(match: re.Match[str], context: _Context) -> Found | None:
    digits = match["decade"]
    value = ("19" + digits[1]) if digits.startswith("'") else digits[:3]
    return "DATE", value, _mod(match)


def _ago(match: re.Match[str], context: _Context) -> Found | None:
    unit = _unit(match["unit"])
    amount = _amount(match["amount"]) if match["amount"] else "X"
    if match["unit"].lower() == unit and match["amount"] is None:
        return None  # "week ago" without an amount is not English; leave it to other families
    if amount == "X" or context.anchor is None:
        return "DATE", "PAST_REF", _mod(match)
    quarter = context.recent_quarter(match.start())
    if unit == "year" and amount == 1 and quarter is not None:
        return "DATE", f"{quarter[0] - 1:04d}-Q{quarter[1]}", _mod(match)  # results stories: the year-ago quarter
    return "DATE", _offset_value(context.anchor, unit, -amount), _mod(match)


def _offset_value(anchor: date, unit: str, amount: float) -> str:
    whole = round(amount)
    if unit in ("hour", "minute", "second"):
        return anchor.isoformat()
    if unit == "decade":
        return f"{anchor.year + 10 * whole:04d}"
    if unit == "century":
        return f"{anchor.year + 100 * whole:04d}"
    if unit == "week":
        return week_value(shift_days(anchor, "week", whole))
    if unit == "quarter":
        year, quarter = shift_quarter(anchor.year, quarter_of(anchor), whole)
        return f"{year:04d}-Q{quarter}"
    return shift_value(anchor, unit, whole)


def _offset(match: re.Match[str], context: _Context) -> Found | None:
    unit = _unit(match["unit"])
    amount = _amount(match["amount"])
    direction = match["dir"].lower()
    if amount == "X":
        return "DATE", ("FUTURE_REF" if direction != "earlier" else "PAST_REF"), _mod(match)
    sign = -1 if direction == "earlier" else 1
    recent = context.recent_quarter(match.start())
    if direction in ("earlier", "later") and unit == "year" and recent is not None:
        year, quarter = recent
        return "DATE", f"{year + sign * round(amount):04d}-Q{quarter}", _mod(match)
    anchor = context.anchor
    if direction in ("earlier", "later") and unit in ("day", "week") and context.last_day is not None:
        anchor = context.last_day  # "two days later" counts from the day the story was just talking about
    if anchor is None:
        return "DATE", _unknown(unit), _mod(match)
    return "DATE", _offset_value(anchor, unit, sign * amount), _mod(match)


def _duration(match: re.Match[str], context: _Context) -> Found | None:
    unit_word = match["unit"].lower()
    unit = _unit(unit_word)
    words = " ".join(match["amount"].lower().split())
    if words in ("a", "an") and unit in ("second", "quarter"):
        return None  # "a second time", "a quarter of the budget"
    if unit == "quarter" and (context.text.startswith(" of", match.end()) or "-" in match.group()):
        return None  # "three-quarters of its food", "a rolling four-quarter test"
    if words in ("a", "an") and unit_word != unit:
        return None
    before = context.word_before(match.start())
    if words in ("a", "an") and before and before not in _DURATION_BEFORE and not match["approx"]:
        return "SET", duration_value(1, unit), None  # "$5 a year", "four flights a week", "24 hours a day"
    if words == "one" and unit == "day" and before in _MODALS:
        return "DATE", "FUTURE_REF", None  # "Islam will one day be ..."
    if words in VAGUE_AMOUNTS and unit_word == unit:
        return None
    return "DURATION", duration_value(_amount(match["amount"]), unit), _mod(match)


# Words after which "a week" is a length ("within a week"); after anything else it is a rate ("700 seats a week").
_DURATION_BEFORE = frozenset({"for", "within", "in", "about", "over", "than", "after", "of", "nearly", "almost",
                              "just", "only", "least", "some", "the", "last", "past", "next", "first", "up", "to",
                              "by", "around", "under", "during", "barely", "still", "take", "takes", "took",
                              "spent", "spend", "lasted", "more", "and", "or", "half", "once", "twice", "is",
                              "was", "be", "been", "it", "that", "with", "from", "before", "later", "another"})
_MODALS = frozenset({"will", "would", "could", "might", "may", "can", "should", "he", "she", "they", "we", "i",
                     "you", "must"})


def _vague(match: re.Match[str], context: _Context) -> Found | None:
    return "DURATION", duration_value("X", _unit(match["unit"])), None


def _reference(match: re.Match[str], context: _Context) -> Found | None:
    word = match.group().lower()
    if word == "current":
        following = context.text[match.end():match.end() + 12].lower()
        if following.startswith((" account", " of ", "ly", " affairs")):
            return None
    if match["present"]:
        return "DATE", "PRESENT_REF", None
    if match["past"]:
        return "DATE", "PAST_REF", None
    return "DATE", "FUTURE_REF", None


_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|to|in|at|on|for|with|from|by|since|until|through|during|over|"
                         r"basis|but|as|than|the|a|an|after|before|because|while|when|if|until)\b)[A-Za-z]")
_SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "quarterly": "P3M"}
_SET_UNITS = {"day": "P1D", "week": "P1W", "month": "P1M", "quarter": "P3M", "year": "P1Y", "hour": "PT1H",
              "minute": "PT1M", "morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF",
              "evening": "XXXX-XX-XXTEV", "night": "XXXX-XX-XXTNI", "weekend": "XXXX-WXX-WE"}


def _set(match: re.Match[str], context: _Context) -> Found | None:
    if match["adverb"]:
        if _NOUN_AFTER.match(context.text, match.end()):
            return None  # "quarterly dividend", "daily Granma": an adjective or a name, not how often
        return "SET", _SET_ADVERBS[match["adverb"].lower()], None
    if match["aunit"]:
        return "SET", _SET_UNITS[match["aunit"].lower()], None
    unit = match["unit"]
    key = unit.lower()
    if key in _SET_UNITS:
        value = _SET_UNITS[key]
        if "other" in match.group().lower() and value[1:2].isdigit():
            value = value.replace("1", "2", 1)
        return "SET", value, None
    if not _capitalised(unit):
        return None
    if key in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[key] + 1}", None
    return "SET", f"XXXX-{MONTHS[key]:02d}", None


def _clock(match: re.Match[str], context: _Context) -> Found | None:
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
    if match["weekday"] and not _capitalised(match["weekday"]):
        return None
    day: date | None
    if context.anchor is None:
        day = None
    elif match["month"]:
        if not _capitalised(match["month"]):
            return None
        month, day_number = _month_number(match["month"]), int(match["day"])
        year = int(match["year"]) if match["year"] else year_nearest(context.anchor, month, day_number,
                                                                      context.tense(match))
        if _day(year, month, day_number) is None:
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
    return "TIME", f"{prefix}T{hour:02d}:{minute:02d}", _mod(match)


def _season_value(anchor: date, season: str, by: int, tense: str | None) -> str:
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


def _season(match: re.Match[str], context: _Context) -> Found | None:
    determiner = match["det"].lower()
    if determiner == "the" and context.word_before(match.start()) not in _SEASON_PREPOSITIONS:
        return None  # "the fall of Saigon", "the spring water"
    season = SEASONS[match["season"].lower()]
    mod = MOD_WORDS.get(determiner)
    if context.anchor is None:
        return "DATE", f"XXXX-{season}", mod
    by = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(determiner, 0)
    return "DATE", _season_value(context.anchor, season, by, context.tense(match) if by == 0 else None), mod


_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                   "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
                   "halloween": (10, 31), "valentine's day": (2, 14), "independence day": (7, 4),
                   "july fourth": (7, 4), "the fourth of july": (7, 4), "veterans day": (11, 11)}
_FLOATING_HOLIDAYS = {"thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "memorial day": (5, 0, -1),
                      "labor day": (9, 0, 1)}


def _holiday_date(name: str, year: int) -> date:
    if name in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[name]
        return date(year, month, day)
    month, weekday, nth = _FLOATING_HOLIDAYS[name]
    return nth_weekday(year, month, weekday, nth)


def _holiday(match: re.Match[str], context: _Context) -> Found | None:
    name = " ".join(match["holiday"].lower().split())
    anchor = context.anchor
    if anchor is None:
        this_year = _holiday_date(name, 2000)
        return "DATE", f"XXXX-{this_year.month:02d}-{this_year.day:02d}", None
    rel = (match["rel"] or "").lower()
    tense = {"last": "past", "next": "future"}.get(rel) or context.tense(match)
    day = _holiday_date(name, anchor.year)
    if tense == "past" and day > anchor:
        day = _holiday_date(name, anchor.year - 1)
    elif tense == "future" and day < anchor:
        day = _holiday_date(name, anchor.year + 1)
    return "DATE", day.isoformat(), None


def _period(match: re.Match[str], context: _Context) -> Found | None:
    anchor = context.anchor
    if match["weekend"]:
        if anchor is None:
            return "DATE", "XXXX-WXX-WE", None
        direction = 1 if context.tense(match) == "future" else -1
        return "DATE", week_value(nearest_weekday(anchor, 5, direction)) + "-WE", None
    if match["unit"]:
        unit = match["unit"].lower()
        return "DATE", (shift_value(anchor, unit, 0) if anchor else _unknown(unit)), MOD_WORDS[match["mod"].lower()]
    if match["yearend"]:
        return "DATE", (f"{anchor.year:04d}" if anchor else "XXXX"), "END"
    which = (match["which"] or "").lower()
    if match["theunit"].lower() == "period":
        if which not in ("latest", "comparable", "same", "current"):
            return None
        quarter = context.recent_quarter(match.start())
        if quarter is None:
            if anchor is None:
                return None
            quarter = shift_quarter(anchor.year, quarter_of(anchor), -1)
        return "DATE", f"{quarter[0]:04d}-Q{quarter[1]}", None
    if match["ended"]:
        return "DURATION", "P1Y", None  # "the year ended Aug. 31": a fiscal year, its length
    if which not in ("full", "fiscal", "calendar", "current") and context.word_before(match.start()) not in (
            "for", "during", "through", "of"):
        return None  # "the year" alone is too often some other year
    return "DATE", (f"{anchor.year:04d}" if anchor else "XXXX"), None


def _century(match: re.Match[str], context: _Context) -> Found | None:
    number = int(match["ordinal"])
    return ("DATE", f"{number - 1:02d}", None) if 1 <= number <= 21 else None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _decade_word(match: re.Match[str], context: _Context) -> Found | None:
    if not match.group().lower().startswith("the") and not match["mod"]:
        return None  # "in his sixties" is an age
    return "DATE", f"19{_DECADE_WORDS[match['word'].lower()]}", _mod(match)


_HANDLERS: dict[str, Callable[[re.Match[str], _Context], Found | None]] = {
    "iso": _iso, "slash": _slash, "month_day": _month_day, "day_month": _month_day_plain, "month": _month,
    "weekday": _weekday, "day_word": _day_word, "relative_unit": _relative_unit, "span_of": _span_of,
    "quarter": _quarter, "year_ago": _year_ago, "year": _year, "decade": _decade, "ago": _ago, "set": _set,
    "offset": _offset, "duration": _duration, "vague": _vague, "reference": _reference, "clock": _clock,
    "season": _season, "holiday": _holiday, "period": _period, "century": _century, "decade_word": _decade_word,
}

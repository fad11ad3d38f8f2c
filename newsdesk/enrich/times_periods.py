"""TIMEX3 values of periods, lengths, rates and vague references: "last week", "the third quarter",
"two years ago", "three days", "daily", "recently".

One handler per pattern family of :mod:`newsdesk.enrich.times_grammar`, each turning a match into
(type, value, mod) or None to reject it; :data:`PERIOD_HANDLERS` maps family names to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from newsdesk.enrich.times_context import (
    Found,
    TimeContext,
    amount_of,
    capitalised,
    mod_of,
    unit_of,
    unknown_value,
)
from newsdesk.enrich.times_grammar import (
    MOD_WORDS,
    MONTHS,
    ORDINALS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
)
from newsdesk.enrich.times_resolve import (
    SEASONS,
    duration_value,
    nearest_weekday,
    quarter_of,
    season_value,
    shift_days,
    shift_quarter,
    shift_value,
    week_value,
)

__all__ = ["PERIOD_HANDLERS"]

_ANAPHORIC = frozenset({"following", "previous", "prior", "same", "that"})
_DETERMINER_SHIFT = {"last": -1, "past": -1, "previous": -1, "prior": -1, "latest": -1, "next": 1, "coming": 1,
                     "following": 1, "this": 0, "current": 0, "same": 0, "that": 0}


def _relative_unit(match: re.Match[str], context: TimeContext) -> Found | None:
    determiner = match["det"].lower().split()[-1]
    unit = unit_of(match["unit"])
    by = _DETERMINER_SHIFT[determiner]
    mod = MOD_WORDS.get((match["adv"] or "").lower())
    if determiner in _ANAPHORIC and unit in ("year", "month") and context.last_date is not None:
        # "the following year", "that month": counted from the date the story last named, not from today
        return "DATE", shift_value(context.last_date, unit, by), mod
    if context.anchor is None:
        return "DATE", unknown_value(unit), mod
    if unit in SEASONS:
        return "DATE", season_value(context.anchor, SEASONS[unit], by, None), mod
    if unit == "quarter" and determiner == "this" and context.tense(match) == "past":
        by = -1  # "this quarter's loss" in a results story written after the quarter closed
    return "DATE", shift_value(context.anchor, unit, by), mod


def _span_of(match: re.Match[str], context: TimeContext) -> Found | None:
    unit_word = match["unit"].lower()
    unit = unit_of(unit_word)
    if match["amount"] is None and unit_word == unit and unit != "century":
        return None  # "the first quarter", "the past year": a period, not a length; other families say which.
    if match["amount"] and match["amount"].lower() in ("a", "an") and unit_word != unit:
        return None
    amount = amount_of(match["amount"]) if match["amount"] else "X"
    return "DURATION", duration_value(amount, unit), mod_of(match)


def _quarter(match: re.Match[str], context: TimeContext) -> Found | None:
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
    if "current" in adjectives or context.last_quarter is None:
        if anchor is None:
            return "DATE", "XXXX-QX", None  # "the current quarter" of an undated article is unknown too
        if "current" in adjectives or context.tense(match) == "future":
            year, quarter = anchor.year, quarter_of(anchor)
        else:
            year, quarter = shift_quarter(anchor.year, quarter_of(anchor), -1)
    else:
        year, quarter = context.last_quarter
    return "DATE", f"{year + shift:04d}-Q{quarter}", None


def _year_ago(match: re.Match[str], context: TimeContext) -> Found | None:
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


def _year(match: re.Match[str], context: TimeContext) -> Found | None:
    year = int(match["year"])
    if match["season"]:
        return "DATE", f"{year:04d}-{SEASONS[match['season'].lower()]}", None
    if match["half"]:
        return "DATE", f"{year:04d}-H{1 if 'first' in match['half'].lower() else 2}", None
    if match["fiscal"] and match["fiscal"].upper() == "FY" and not match["fiscal"].isupper():
        return None
    return "DATE", f"{year:04d}", mod_of(match)


def _decade(match: re.Match[str], context: TimeContext) -> Found | None:
    digits = match["decade"]
    value = ("19" + digits[1]) if digits.startswith("'") else digits[:3]
    return "DATE", value, mod_of(match)


def _ago(match: re.Match[str], context: TimeContext) -> Found | None:
    unit = unit_of(match["unit"])
    amount = amount_of(match["amount"]) if match["amount"] else "X"
    if match["unit"].lower() == unit and match["amount"] is None:
        return None  # "week ago" without an amount is not English; leave it to other families
    if isinstance(amount, str) or context.anchor is None:  # a vague amount ("X"): "several years ago"
        return "DATE", "PAST_REF", mod_of(match)
    quarter = context.recent_quarter(match.start())
    if unit == "year" and amount == 1 and quarter is not None:
        return "DATE", f"{quarter[0] - 1:04d}-Q{quarter[1]}", mod_of(match)  # results stories: the year-ago quarter
    return "DATE", _offset_value(context.anchor, unit, -amount), mod_of(match)


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


def _offset(match: re.Match[str], context: TimeContext) -> Found | None:
    unit = unit_of(match["unit"])
    amount = amount_of(match["amount"])
    direction = match["dir"].lower()
    if isinstance(amount, str):  # a vague amount ("X"): "some years later"
        return "DATE", ("FUTURE_REF" if direction != "earlier" else "PAST_REF"), mod_of(match)
    sign = -1 if direction == "earlier" else 1
    recent = context.recent_quarter(match.start())
    if direction in ("earlier", "later") and unit == "year" and recent is not None:
        year, quarter = recent
        return "DATE", f"{year + sign * round(amount):04d}-Q{quarter}", mod_of(match)
    anchor = context.anchor
    if direction in ("earlier", "later") and unit in ("day", "week") and context.last_day is not None:
        anchor = context.last_day  # "two days later" counts from the day the story was just talking about
    if anchor is None:
        return "DATE", unknown_value(unit), mod_of(match)
    return "DATE", _offset_value(anchor, unit, sign * amount), mod_of(match)


def _duration(match: re.Match[str], context: TimeContext) -> Found | None:
    unit_word = match["unit"].lower()
    unit = unit_of(unit_word)
    words = " ".join(match["amount"].lower().split())
    if unit == "second" and (words in ("a", "an") or (unit_word == "second" and match.group().startswith("the"))):
        return None  # "a second time", "the 1988 second quarter"
    if words in ("a", "an") and unit == "quarter":
        return None  # "a quarter of the budget"
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
    return "DURATION", duration_value(amount_of(match["amount"]), unit), mod_of(match)


# Words after which "a week" is a length ("within a week"); after anything else it is a rate ("700 seats a week").
_DURATION_BEFORE = frozenset({"for", "within", "in", "about", "over", "than", "after", "of", "nearly", "almost",
                              "just", "only", "least", "some", "the", "last", "past", "next", "first", "up", "to",
                              "by", "around", "under", "during", "barely", "still", "take", "takes", "took",
                              "spent", "spend", "lasted", "more", "and", "or", "half", "once", "twice", "is",
                              "was", "be", "been", "it", "that", "with", "from", "before", "later", "another"})
_MODALS = frozenset({"will", "would", "could", "might", "may", "can", "should", "he", "she", "they", "we", "i",
                     "you", "must"})


def _vague(match: re.Match[str], context: TimeContext) -> Found | None:
    return "DURATION", duration_value("X", unit_of(match["unit"])), None


def _reference(match: re.Match[str], context: TimeContext) -> Found | None:
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


def _set(match: re.Match[str], context: TimeContext) -> Found | None:
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
    if not capitalised(unit):
        return None
    if key in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[key] + 1}", None
    return "SET", f"XXXX-{MONTHS[key]:02d}", None


def _period(match: re.Match[str], context: TimeContext) -> Found | None:
    anchor = context.anchor
    if match["weekend"]:
        if anchor is None:
            return "DATE", "XXXX-WXX-WE", None
        direction = 1 if context.tense(match) == "future" else -1
        return "DATE", week_value(nearest_weekday(anchor, 5, direction)) + "-WE", None
    if match["unit"]:
        unit = match["unit"].lower()
        value = shift_value(anchor, unit, 0) if anchor else unknown_value(unit)
        return "DATE", value, MOD_WORDS[match["mod"].lower()]
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


def _century(match: re.Match[str], context: TimeContext) -> Found | None:
    number = int(match["ordinal"])
    return ("DATE", f"{number - 1:02d}", None) if 1 <= number <= 21 else None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _decade_word(match: re.Match[str], context: TimeContext) -> Found | None:
    if not match.group().lower().startswith("the") and not match["mod"]:
        return None  # "in his sixties" is an age
    return "DATE", f"19{_DECADE_WORDS[match['word'].lower()]}", mod_of(match)


#: Handlers of the period, length, rate and reference families, by family name.
PERIOD_HANDLERS: dict[str, Callable[[re.Match[str], TimeContext], Found | None]] = {
    "relative_unit": _relative_unit, "span_of": _span_of, "quarter": _quarter, "year_ago": _year_ago,
    "year": _year, "decade": _decade, "ago": _ago, "set": _set, "offset": _offset, "duration": _duration,
    "vague": _vague, "reference": _reference, "period": _period, "century": _century,
    "decade_word": _decade_word,
}

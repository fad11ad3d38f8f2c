"""Dates as news pages write them, normalised to ISO 8601.

Pages state publication dates in metadata (``2025-10-01T14:03:00+03:00``), in feeds (RFC 2822) and
in visible bylines ("Wednesday 1 October 2025 12.04 BST", "Oct. 1, 2025 10:30 AM EDT"). This module
turns all of them into ISO 8601 strings that say exactly as much as the input: a date stays a date,
a time without a zone stays naive, a zone becomes a numeric offset.

Written by hand rather than with ``dateparser``: dateparser tries hundreds of locale grammars per
string and costs milliseconds per call, far too slow for hundreds of millions of pages, and it
happily reads "5" or "May" as a date. The forms news actually uses are few; a handful of regexes
compiled at import covers them (English, plus month names in de, fr, es, it, pt, nl, tr, pl, ru,
uk, cs, ro, id, fi, hu, el, ar and the Nordic languages, and CJK ``2025年10月1日``) in
microseconds, and every result is checked to be a real calendar date in [MIN_YEAR, MAX_YEAR].

Numeric dates such as ``01/10/2025`` are read only when unambiguous (one part above 12, or
dotted ``01.10.2025`` which is day-first wherever it is used) or when the caller passes
``day_first``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Final
from urllib.parse import urlsplit

#: Years outside this range are treated as misreadings (ids, prices, copyright lines), not dates.
MIN_YEAR: Final = 1990
MAX_YEAR: Final = 2100

_MONTH_NAMES: Final[dict[int, tuple[str, ...]]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen",
        "janeiro", "januari", "ocak", "stycznia", "styczeń", "января", "январь", "січня", "ledna",
        "ianuarie", "tammikuuta", "január", "ιανουαρίου", "يناير"),
    2: ("february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero", "febbraio",
        "fevereiro", "fev", "februari", "şubat", "subat", "lutego", "luty", "февраля", "февраль",
        "лютого", "února", "februarie", "helmikuuta", "február", "φεβρουαρίου", "فبراير"),
    3: ("march", "mar", "märz", "maerz", "mär", "mars", "marzo", "março", "marco", "maart", "mrt",
        "mart", "marca", "marzec", "марта", "март", "березня", "března", "martie", "maret",
        "maaliskuuta", "március", "μαρτίου", "مارس"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "nisan", "kwietnia", "kwiecień",
        "апреля", "апрель", "квітня", "dubna", "aprilie", "huhtikuuta", "április", "απριλίου", "أبريل"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "mei", "mayıs", "mayis", "maja", "maj", "мая",
        "май", "травня", "května", "toukokuuta", "május", "μαΐου", "مايو"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "haziran", "czerwca",
        "czerwiec", "июня", "июнь", "червня", "června", "iunie", "kesäkuuta", "június", "ιουνίου",
        "يونيو"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "temmuz", "lipca",
        "lipiec", "июля", "июль", "липня", "července", "iulie", "heinäkuuta", "július", "ιουλίου",
        "يوليو"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus", "ağustos", "agustos", "sierpnia",
        "sierpień", "августа", "август", "серпня", "srpna", "augusti", "elokuuta", "augusztus",
        "αυγούστου", "أغسطس"),
    9: ("september", "sept", "sep", "septembre", "septiembre", "setiembre", "settembre", "set",
        "setembro", "eylül", "eylul", "września", "wrzesień", "сентября", "сентябрь", "вересня",
        "září", "septembrie", "syyskuuta", "szeptember", "σεπτεμβρίου", "سبتمبر"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out",
         "ekim", "października", "październik", "октября", "октябрь", "жовтня", "října", "octombrie",
         "lokakuuta", "október", "οκτωβρίου", "أكتوبر"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "kasım", "kasim", "listopada",
         "listopad", "ноября", "ноябрь", "листопада", "listopadu", "noiembrie", "marraskuuta",
         "νοεμβρίου", "نوفمبر"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic",
         "dicembre", "dezembro", "aralık", "aralik", "grudnia", "grudzień", "декабря", "декабрь",
         "грудня", "prosince", "decembrie", "desember", "joulukuuta", "δεκεμβρίου", "ديسمبر"),
}
_MONTHS: Final[dict[str, int]] = {name: number for number, names in _MONTH_NAMES.items() for name in names}

#: Fixed offsets in minutes. Only abbreviations that mean one thing in news use; "IST" (India,
#: Ireland, Israel) and "CST" (US Central, China) are ambiguous, CST is read as US Central because
#: US outlets are the ones that print it.
_ZONE_OFFSETS: Final[dict[str, int]] = {
    "Z": 0, "UT": 0, "UTC": 0, "GMT": 0, "WET": 0,
    "BST": 60, "WEST": 60, "CET": 60, "MEZ": 60, "WAT": 60,
    "CEST": 120, "MESZ": 120, "EET": 120, "SAST": 120, "CAT": 120,
    "EEST": 180, "MSK": 180, "TRT": 180, "EAT": 180, "AST": 180,
    "GST": 240, "PKT": 300, "WIB": 420, "ICT": 420,
    "HKT": 480, "SGT": 480, "AWST": 480, "PHT": 480,
    "JST": 540, "KST": 540, "ACST": 570, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
}
#: US zones printed without saying standard or daylight ("10:30 a.m. ET"): (standard, daylight).
_US_GENERIC_ZONES: Final[dict[str, tuple[int, int]]] = {
    "ET": (-300, -240), "CT": (-360, -300), "MT": (-420, -360), "PT": (-480, -420),
}


def _alternation(words: list[str]) -> str:
    # Longest first so that "october" wins over "oct" inside one alternation.
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# Any word of letters as long as a month name, looked up in _MONTHS once matched (a word that is
# no month fails the match, and the search goes on): an alternation of every name in every
# language tried at each position cost twice the whole search.
_MONTH: Final = rf"(?P<month>[^\W\d_]{{{min(map(len, _MONTHS))},{max(map(len, _MONTHS))}}})"
_LETTER_BEFORE: Final = r"(?<![^\W\d_])"
_NO_LETTER_AFTER: Final = r"(?![^\W\d_])"
_AMPM: Final = r"[ap]\.?\s?m\.?(?![^\W\d_])"
# Case-sensitive: "est" is a French and Latin word, "EST" a zone.
_ZONE: Final = (
    r"(?-i:(?P<zone>(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}(?::?\d{2})?|"
    + _alternation([*_ZONE_OFFSETS, *_US_GENERIC_ZONES])
    + r"))(?![A-Za-z])"
)
# The numeric offset alternative must not swallow "-12" of a following range; an offset is only
# taken right after a time.
_TIME_CORE: Final = (
    r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2})(?:[:.](?P<second>\d{2})(?:[.,]\d{1,9})?)?"
    rf"(?:\s*(?P<ampm>{_AMPM}))?|\s*(?P<ampm_only>{_AMPM}))(?!\d)"
    rf"(?:\s*(?:uhr|hrs|h)(?![^\W\d_]))?(?:\s*\(?{_ZONE}\)?)?"
)
_TIME_JOINER: Final = r"(?:\s*(?:,|at|um|à|a\s+las?|alle|às|om|saat|kl\.?|-|–|—|\||/|·|T)?\s*)"
_TIME_AFTER: Final = rf"(?:{_TIME_JOINER}{_TIME_CORE})?"

_FLAGS: Final = re.IGNORECASE

_ISO_DATE: Final = re.compile(
    r"(?<![\d.])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d])"
    + _TIME_AFTER,
    _FLAGS,
)
_MONTH_DAY_YEAR: Final = re.compile(
    _LETTER_BEFORE + _MONTH + r"\.?" + _NO_LETTER_AFTER
    + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)\.?,?\s*(?P<year>\d{4})(?!\d)" + _TIME_AFTER,
    _FLAGS,
)
# "1 October 2025", "1er octobre 2025", "1 de octubre de 2025", and "01-Oct-2025" as databases print it.
_DAY_MONTH_YEAR: Final = re.compile(
    r"(?<![\d.])(?P<day>\d{1,2})(?:st|nd|rd|th|er|º|°|ª)?\.?(?:\s*(?:de\s+|of\s+)?|[-/])"
    + _LETTER_BEFORE + _MONTH + r"\.?" + _NO_LETTER_AFTER
    + r"(?:,?\s*(?:de\s+|del\s+)?|[-/])(?P<year>\d{4})(?!\d)" + _TIME_AFTER,
    _FLAGS,
)
# Highwire citation style: "2023 Jan 7".
_YEAR_MONTH_DAY: Final = re.compile(
    r"(?<![\d.])(?P<year>\d{4}),?\s+" + _LETTER_BEFORE + _MONTH + r"\.?" + _NO_LETTER_AFTER
    + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\d:])" + _TIME_AFTER,
    _FLAGS,
)
_CJK_DATE: Final = re.compile(
    r"(?<!\d)(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]?"
    + _TIME_AFTER,
    _FLAGS,
)
_NUMERIC_DATE: Final = re.compile(
    r"(?<![\d./-])(?P<first>\d{1,2})(?P<sep>[./-])(?P<second_part>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)"
    + _TIME_AFTER,
    _FLAGS,
)
_COMPACT_DATE: Final = re.compile(
    r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2})(?P<minute>\d{2})(?P<second>\d{2})?(?P<zone>Z|[+-]\d{4})?)?",
    _FLAGS,
)
# What machines write: a date-time with a "T" or a space, whole seconds or a fraction of up to six
# digits, and "Z" or an offset with a colon; datetime.fromisoformat reads exactly these in C.
_STRICT_ISO: Final = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?")
_MAX_OFFSET: Final = timedelta(hours=14, minutes=59)
_EPOCH: Final = re.compile(r"(?P<seconds>\d{10})(?P<millis>\d{3})?")
#: A time printed before the date, as in "Updated 3:04 PM EDT, Wed October 1, 2025".
_TIME_BEFORE: Final = re.compile(
    _TIME_CORE + r"[\s,|·–—-]*(?:[^\W\d_]{2,12}\.?,?\s*)?$",
    _FLAGS,
)
_PATTERNS: Final = (_ISO_DATE, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _CJK_DATE, _NUMERIC_DATE)
# "2023 May 5" reads as a date in a metadata field, but in running text it is as often
# "in 2023 May 5 people ...", so find_date does not look for it.
_FIELD_PATTERNS: Final = (*_PATTERNS, _YEAR_MONTH_DAY)
# "25.04.24", "Do 25.04.24 | 14:07 Uhr": a dotted day, month and two-digit year, as German and Nordic
# bylines print them. Three small numbers also make version numbers, scores and prices ("v2.10.24",
# "Version 1.2.10"), so find_date reads one only as a date line does: a clock time after it, or no
# more than a weekday or a date label around it (_short_year_date).
_DAY_MONTH_YY: Final = re.compile(
    r"(?<![\w.,/:-])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2})(?![\w.,/:-]|\.\d)" + _TIME_AFTER,
    _FLAGS,
)
#: Words after which three dotted numbers name a release, not a day.
_VERSION_WORDS: Final = frozenset({
    "version", "versión", "versione", "ver", "v", "release", "build", "rev", "revision", "patch", "firmware",
    "kernel", "update", "ios", "android", "windows", "macos", "python",
})
#: What may stand before an untimed dd.mm.yy: a weekday's abbreviation ("Do", "Tue.") or a label ("Stand:").
_SHORT_YEAR_BEFORE: Final = re.compile(r"[\W_]*(?:[^\W\d_]{1,3}\.?,?|[^\W\d_]+\s*:)?\s*")
_DIGIT: Final = re.compile(r"\d")
# Every pattern above names a four-digit year, so a text without four digits in a row holds no
# date: one scan for them spares the patterns' scans of every position of most lines.
_FOUR_DIGITS: Final = re.compile(r"\d{4}")
_WORD: Final = re.compile(r"[^\W\d_]+")
#: A reading time printed beside a date ("October 1, 2025 · 5 min read"), not part of the date.
_READING_TIME: Final = re.compile(
    r"(?<!\d)\d{1,3}\s*-?\s*(?:minutes?|mins?)(?![^\W\d_])\.?(?:\s+read(?:ing)?)?", re.IGNORECASE
)
#: Words a date field may carry around the date ("Published: Wed, ..."), at most.
_MAX_EXTRA_WORDS: Final = 5

_URL_DATES: Final = (
    re.compile(r"/(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/|$|[^\d])"),
    re.compile(r"(?<![\d])(?P<year>\d{4})[-_/]?(?P<month>\d{2})[-_/]?(?P<day>\d{2})(?![\d])"),
    # "/2023/oct/03/" (The Guardian), "/2023/october/03/": a month name between two path segments.
    re.compile(r"/(?P<year>\d{4})/(?P<month>[a-z]{3,9})/(?P<day>\d{1,2})(?:/|$)", re.IGNORECASE),
)


def _us_daylight_saving(day: date) -> bool:
    """Whether US daylight saving time is in force on ``day`` (by date; the 2 a.m. switch is ignored)."""
    def nth_sunday(month: int, n: int) -> date:
        first = date(day.year, month, 1)
        return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))

    if day.year >= 2007:
        start, end = nth_sunday(3, 2), nth_sunday(11, 1)
    else:
        october_last = date(day.year, 10, 31)
        start, end = nth_sunday(4, 1), october_last - timedelta(days=(october_last.weekday() + 1) % 7)
    return start <= day < end


def _zone_minutes(zone: str, day: date) -> int | None:
    """Offset from UTC in minutes for a zone token, or None when the token is not a zone."""
    zone = zone.strip()
    if zone in _ZONE_OFFSETS:
        return _ZONE_OFFSETS[zone]
    if zone in _US_GENERIC_ZONES:
        standard, daylight = _US_GENERIC_ZONES[zone]
        return daylight if _us_daylight_saving(day) else standard
    numeric = re.sub(r"^(?:UTC|GMT)\s*", "", zone).replace(" ", "").replace(":", "")
    sign = -1 if numeric.startswith("-") else 1
    digits = numeric.lstrip("+-")
    if not digits.isdigit():
        return None
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 14 or minutes >= 60:
        return None
    return sign * (hours * 60 + minutes)


def _hour_24(hour: int, ampm: str | None) -> int | None:
    if not ampm:
        return hour
    if not 1 <= hour <= 12:
        return None
    is_pm = ampm.lower().startswith("p")
    return (hour % 12) + (12 if is_pm else 0)


def _to_iso(year: int, month: int, day: int, parts: dict[str, str | None]) -> str | None:
    """ISO 8601 text for the parts, or None when they are not a real date and time."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        calendar_day = date(year, month, day)
    except ValueError:
        return None
    hour_text = parts.get("hour")
    if hour_text is None:
        return calendar_day.isoformat()
    hour = _hour_24(int(hour_text), parts.get("ampm") or parts.get("ampm_only"))
    minute = int(parts.get("minute") or 0)
    second = int(parts.get("second") or 0)
    if hour is None or hour > 23 or minute > 59 or second > 59:
        # A number after the date that is not a time ("1 October 2025 34 dead"): keep the date.
        return calendar_day.isoformat()
    moment = datetime(year, month, day, hour, minute, second)
    zone_text = parts.get("zone")
    if zone_text:
        offset = _zone_minutes(zone_text, calendar_day)
        if offset is not None:
            moment = moment.replace(tzinfo=timezone(timedelta(minutes=offset)))
    return moment.isoformat(timespec="seconds")


def _from_match(match: re.Match[str], day_first: bool | None) -> str | None:
    parts = match.groupdict()
    try:
        year = int(parts["year"])
        if match.re is _NUMERIC_DATE:
            first, second = int(parts["first"]), int(parts["second_part"])
            if parts["sep"] == "." or first > 12 >= second:
                day, month = first, second
            elif second > 12 >= first:
                month, day = first, second
            elif first == second:
                day = month = first
            elif day_first is None:
                return None
            else:
                day, month = (first, second) if day_first else (second, first)
        else:
            month_text = parts["month"]
            month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
            day = int(parts["day"])
    except (KeyError, ValueError):
        return None
    return _to_iso(year, month, day, parts)


def _with_time_before(found: str, text: str, start: int) -> tuple[str, int]:
    """Add a time printed just before a bare date ("3:04 PM EDT, Wed October 1, 2025").

    Returns the date, with the time when there is one, and where the whole expression starts.
    """
    if "T" in found:
        return found, start
    match = _TIME_BEFORE.search(text, max(0, start - 40), start)
    if match is None or not (match.group("minute") or match.group("ampm_only")):
        return found, start
    year, month, day = (int(part) for part in found.split("-"))
    with_time = _to_iso(year, month, day, match.groupdict())
    return (with_time, match.start()) if with_time else (found, start)


def _first_date(
    text: str, day_first: bool | None, patterns: tuple[re.Pattern[str], ...] = _PATTERNS
) -> tuple[str, int, int] | None:
    """The earliest valid date expression in ``text`` as (iso, start, end)."""
    if _FOUR_DIGITS.search(text) is None:
        return None
    best: tuple[str, int, int] | None = None
    for pattern in patterns:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[1]:
                break
            iso = _from_match(match, day_first)
            if iso is not None:
                best = (iso, match.start(), match.end())
                break
    return best


def parse_date(text: str, *, day_first: bool | None = None) -> str | None:
    """Normalise one date string (a metadata value, a byline date) to ISO 8601, or None.

    The text must be a date, possibly with a few words around it ("Published: Wed, ...");
    use :func:`find_date` to look for a date inside longer text.

    >>> parse_date("2025-10-01T11:03:00Z")
    '2025-10-01T11:03:00+00:00'
    >>> parse_date("Wednesday 1 October 2025 12.04 BST")
    '2025-10-01T12:04:00+01:00'
    >>> parse_date("Oct. 1, 2025")
    '2025-10-01'
    >>> parse_date("01/10/2025") is None, parse_date("01/10/2025", day_first=True)
    (True, '2025-10-01')
    """
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > 200:
        return None
    compact = _COMPACT_DATE.fullmatch(text)
    if compact is not None:
        return _from_compact(compact)
    if text.isdigit():
        return _parse_epoch(text)
    if _STRICT_ISO.fullmatch(text):
        iso = _from_strict_iso(text)
        if iso is not None:
            return iso
    whole_iso = _ISO_DATE.match(text)
    if whole_iso is not None and whole_iso.end() == len(text):
        # Most metadata values are ISO 8601 and nothing else; the search below would find the
        # same match after trying every other pattern at every position.
        iso = _from_match(whole_iso, day_first)
        if iso is not None:
            return iso
    found = _first_date(text, day_first, _FIELD_PATTERNS)
    if found is None:
        return None
    iso, start, end = found
    iso, start = _with_time_before(iso, text, start)
    rest = text[:start] + " " + text[end:]
    if "min" in rest:
        rest = _READING_TIME.sub(" ", rest)
    if _DIGIT.search(rest) or len(_WORD.findall(rest)) > _MAX_EXTRA_WORDS:
        return None
    return iso


def _from_strict_iso(text: str) -> str | None:
    """A machine-written ISO 8601 date-time through the C parser, or None to take the long way.

    Gives what the general path gives (seconds precision, the offset kept) for the values it
    takes; anything unusual (hour 24, a leap second, an offset past 14 hours, a year out of
    range) is left to the general path.
    """
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    offset = moment.utcoffset()
    if not MIN_YEAR <= moment.year <= MAX_YEAR or (offset is not None and abs(offset) > _MAX_OFFSET):
        return None
    return moment.isoformat(timespec="seconds")


def _parse_epoch(text: str) -> str | None:
    """A Unix timestamp in seconds or milliseconds, as pages put in data attributes."""
    epoch = _EPOCH.fullmatch(text)
    if epoch is None:
        return None
    moment = datetime.fromtimestamp(int(epoch["seconds"]), tz=UTC)
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    return moment.isoformat(timespec="seconds")


def find_date(text: str, *, day_first: bool | None = None) -> str | None:
    """The first date expression inside a longer text, as ISO 8601, or None.

    >>> find_date("Published on October 1, 2025 | Updated October 2, 2025")
    '2025-10-01'
    >>> find_date("Updated 3:04 PM EDT, Wed October 1, 2025")
    '2025-10-01T15:04:00-04:00'
    >>> find_date("date 2025-10-01")
    '2025-10-01'
    """
    if not isinstance(text, str) or not text:
        return None
    compact = _COMPACT_DATE.fullmatch(text.strip())
    if compact is not None:
        return _from_compact(compact)
    found = _first_date(text, day_first)
    if found is None:
        return _short_year_date(text, day_first) if "." in text else None
    return _with_time_before(found[0], text, found[1])[0]


def _short_year_date(text: str, day_first: bool | None = None) -> str | None:
    """A dotted date with a two-digit year, when the text reads as a date line around it.

    US pages print the month first in this form ("11.12.12" for 12 November 2012), so when both
    numbers could be the month, only ``day_first`` or a 24-hour clock after it (Europe's) decides.

    >>> _short_year_date("Do 25.04.24 | 14:07 Uhr"), _short_year_date("Publisert: 05.08.24 kl. 14:47")
    ('2024-04-25T14:07:00', '2024-08-05T14:47:00')
    >>> _short_year_date("11.05.12 at 2:53 pm"), _short_year_date("11.05.12", day_first=True)
    (None, '2012-05-11')
    >>> _short_year_date("Version 2.10.24"), _short_year_date("11.03.17 in Gadgetry")
    (None, None)
    """
    match = _DAY_MONTH_YY.search(text)
    if match is None:
        return None
    before = _WORD.findall(text[: match.start()])
    if before and before[-1].casefold() in _VERSION_WORDS:
        return None
    # A clock time vouches for a date; without one, only a weekday or a label may stand before it
    # ("Do 25.04.24", "Erstveröffentlichung: 4.4.18"), and nothing but punctuation after it
    # ("11.03.17 in Gadgetry" is a US site's month first).
    if match["minute"] is None and (
        _SHORT_YEAR_BEFORE.fullmatch(text, 0, match.start()) is None or _WORD.search(text, match.end())
        or _DIGIT.search(text, match.end())
    ):
        return None
    day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
    if day <= 12 and month <= 12 and day != month:
        clock_24 = match["ampm"] is None and int(match["hour"] or 0) > 12
        if not (day_first or (day_first is None and clock_24)):
            return None
    return _to_iso(year + (1900 if year >= 90 else 2000), month, day, match.groupdict())


def _from_compact(match: re.Match[str]) -> str | None:
    return _to_iso(int(match["year"]), int(match["month"]), int(match["day"]), match.groupdict())


def date_from_url(url: str) -> str | None:
    """The publication date a URL's path spells, as ``YYYY-MM-DD``, or None.

    >>> date_from_url("https://example.com/world/2025/10/01/iraq-coalition/")
    '2025-10-01'
    >>> date_from_url("https://example.com/news/20251001-iraq.html")
    '2025-10-01'
    >>> date_from_url("https://example.com/world/2025/oct/01/iraq-coalition")
    '2025-10-01'
    >>> date_from_url("https://example.com/news/iraq-123456.html") is None
    True
    """
    if not isinstance(url, str) or not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    where = parts.path + ("?" + parts.query if parts.query else "")
    for pattern in _URL_DATES:
        for match in pattern.finditer(where):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
            iso = _to_iso(int(match["year"]), number, int(match["day"]), {}) if number else None
            if iso is not None:
                return iso
    return None

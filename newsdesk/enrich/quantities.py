"""Figures in an article and what they count: numbers, money, percentages and measures.

:func:`find_quantities` reads a figure ("2,500", "$1.2bn", "two dozen", "40 per cent", "5km") and the
words around it: an approximate marker before it ("roughly", "more than", "an estimated"), a scale,
currency, percent sign or measure after it, and else the noun it counts. Written with regexes and
closed word lists rather than a parser because a figure's grammar is tiny and the enrichment budget
without spaCy is a few milliseconds per article; every pattern is anchored at a figure, so the cost is
linear in the text.

Choices, documented once here:

- ``unit`` of a counted figure is the head noun of the phrase after it, as written ("2,500 US personnel"
  -> "personnel", "three soldiers" -> "soldiers"); money's unit is its ISO 4217 code (also in
  ``currency``), a percentage's "%" ("percentage points" for points), a measure's usual symbol ("km",
  "t", "bbl"). A figure that counts nothing named ("the toll rose to 45") has unit None; number words
  are reported only when they count something, to keep "one of them" out.
- ``approximate`` is True after a marker of approximation or a bound ("about", "more than", "up to"),
  and the span starts at the marker.
- A range ("between 10 and 20 people", "10-20%", "$1-2 billion") is two quantities, the lower bound
  taking the upper's unit, kind and scale; ``between``/``from`` start the first one's span.
- Not figures: years ("in 1990", "2026"), dates ("September 27", "27 September", "2024-09-27"),
  times ("10:30", "9 am"), ordinals ("27th"), decades ("1990s"), phone numbers, numbers in URLs or
  identifiers ("COVID-19", "F-16", "A320", "Article 5", "page 3"), list numbering, scores ("3-1"), and
  compound adjectives ("a 45-year-old man", "a 10-year deal"), which describe rather than count.
- Other languages (``language`` set and not English): digits in that language's convention ("1.200,5"),
  percent signs and the word for percent ("Prozent", "pour cent"), currency symbols or codes; no number
  words, units or markers.

>>> [(q.text, q.value, q.unit, q.approximate) for q in find_quantities("The US has roughly 2,500 personnel.")]
[('roughly 2,500 personnel', 2500, 'personnel', True)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from newsdesk.enrich.quantities_lexicon import (
    AMBIGUOUS_SCALES,
    APPROX_MARKERS,
    CLOCK_WORDS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    FRACTIONS,
    LABEL_WORDS,
    MEASURES,
    SCALES,
    WORD_SCALES,
)
from newsdesk.enrich.quantities_nouns import counted_noun
from newsdesk.enrich.quantities_numbers import (
    as_number,
    number_word_runs,
    parse_digits_exact,
    parse_words_exact,
    uses_decimal_comma,
)
from newsdesk.model import Quantity

__all__ = ["find_quantities"]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SYMBOLS = [s for s in CURRENCY_SYMBOLS if not s.isalpha() and s not in ("Rs.",)]
_CODES = [s for s in CURRENCY_SYMBOLS if s.isalpha() and len(s) > 1]  # a lone "R" is rand only with a scale
# Every pattern starts at a digit or a letter class, or is anchored: Python's re then skips the text
# between figures quickly, where a leading optional group (a currency, "half a") made it try every position.
_DIGITS_EN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_DIGITS_COMMA = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?![0-9])(?:,[0-9]+)?|[0-9]+(?:[.,][0-9]+)*")
_CURRENCY_BEFORE = re.compile(rf"(?:{_alternation(_SYMBOLS)}|\b(?:{_alternation(_CODES)}|Rs\.)[ \u00a0]?)$")
_TAIL = re.compile(r"[A-Za-z°%]+(?:/h)?")
_TOKEN_LEFT = re.compile(r"\S{0,64}$")
_TOKEN_RIGHT = re.compile(r"\S{0,64}")
# A token holding an address, e-mail, code ("rows=100", "0.00..2.27") or a date written with one separator
# twice: no figures in it.
_NOT_FIGURES_TOKEN = re.compile(
    r"://|www\.|@|=|\.\.|\.(?:com|org|net|gov|edu|io|uk|html?|php)\b|[0-9]+([-–/.])[0-9]+\1[0-9]+", re.IGNORECASE
)


#: Every branch of _NOT_FIGURES_TOKEN holds one of these characters: a token with none (most) skips the search.
_NOT_FIGURES_MARKS = frozenset(":@=.-–/")

_ARTICLE_BEFORE = re.compile(r"\b(?:[Hh]alf[ \u00a0]+)?[Aa]n?[ \u00a0]+$")

_MONTHS = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
           r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
_FOREIGN_MONTHS = (r"janv\w*|févr\w*|mars|avr\w*|mai|juin|juil\w*|août|sept\w*|oct\w*|nov\w*|déc\w*|januar|februar"
                   r"|märz|april|juni|juli|august|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio"
                   r"|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno"
                   r"|luglio|settembre|ottobre|novembre|dicembre|janeiro|fevereiro|março|maio|junho|julho"
                   r"|setembro|outubro|novembro|dezembro|ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos"
                   r"|eylül|ekim|kasım|aralık")
_WEEKDAYS = r"Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH_OR_WEEKDAY_WORD = re.compile(rf"(?:{_MONTHS}|{_WEEKDAYS})\.?,?")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\.?[ \u00a0]+(?:of[ \u00a0]+)?(?:{_MONTHS})\b")
_FOREIGN_MONTH_AFTER = re.compile(rf"\.?[ \u00a0]+(?:de[ \u00a0]+)?(?:{_FOREIGN_MONTHS})\b", re.IGNORECASE)
_FOREIGN_MONTH_WORD = re.compile(rf"(?:{_FOREIGN_MONTHS})", re.IGNORECASE)
_MARKERS = frozenset(APPROX_MARKERS)
_RANGE_STARTERS = frozenset({"between", "from"})
_SENTENCE_ENDS = (".", "!", "?", ":", ";", '"', "“", "”", "—", "–", "-", "|")
_SCALE_AFTER = re.compile(rf"[ \u00a0]?(?P<scale>{_alternation(s for s in SCALES if len(s) > 1)})\b", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"[ \u00a0]?(?:(?P<sign>%)|(?P<points>percentage[ \u00a0]+points?\b)"
                            r"|(?:per[ \u00a0]?cent|percent|pc)\b)", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(
    r"[ \u00a0]+(?:(?:US|American|Australian|Canadian|Hong[ \u00a0]Kong|Singapore|New[ \u00a0]Zealand)[ \u00a0]+)?"
    rf"(?P<currency>{_alternation(CURRENCY_WORDS)}|USD|EUR|GBP)\b(?:[ \u00a0]+sterling\b)?",
    re.IGNORECASE,
)
_MEASURE_AFTER = re.compile(
    rf"[ \u00a0]?(?P<measure>{_alternation(m for m in MEASURES if len(m) > 1)})(?![\w/])", re.IGNORECASE
)
_CURRENCY_AFTER_SYMBOL = re.compile(rf"[ \u00a0]?(?P<cur>{_alternation(_SYMBOLS)}|\b(?:{_alternation(_CODES)})\b)")
# "percent" in the languages of the decimal comma most often met in news: a word as safe as the sign.
_FOREIGN_PERCENT_AFTER = re.compile(r"[ \u00a0]+(?:Prozent|pour[ \u00a0]cent|por[ \u00a0]ciento|per[ \u00a0]cento"
                                    r"|por[ \u00a0]cento|procent|procento|prosent)\b", re.IGNORECASE)
_CLOCK_AFTER = re.compile(rf"[ \u00a0]?(?:{_alternation(CLOCK_WORDS)})(?!\w)", re.IGNORECASE)
_ERA_AFTER = re.compile(r"[ \u00a0]?(?:AD|BC|BCE|CE|A\.D\.|B\.C\.)(?!\w)")
_RANKING_AFTER = re.compile(r"[ \u00a0]+[A-Z]")
_DOTTED_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.000)+")
_LIST_NUMBER_AFTER = re.compile(r"[.)][ \u00a0]")

#: How far back a marker, month or label can start (the longest marker is "in the region of ").
_LOOKBEHIND = 24
#: The longest digits read as one figure ("999,999,999,999,999.99" and a little more).
_LONGEST_FIGURE = 32


@dataclass(slots=True)
class _Figure:
    """A figure being read: its span, value and what is known of it so far."""

    start: int
    end: int
    value: Decimal
    scale: int = 1
    kind: str = "number"
    unit: str | None = None
    currency: str | None = None
    approximate: bool = False
    from_words: bool = False
    range_first: bool = False
    range_second: bool = False


def find_quantities(text: str, language: str | None = None) -> list[Quantity]:
    """Every figure in ``text`` with what it counts, in text order.

    >>> [(q.value, q.kind, q.unit) for q in find_quantities("It costs $1.2 billion, 40% more than two dozen jets.")]
    [(1200000000, 'money', 'USD'), (40, 'percent', '%'), (24, 'number', 'jets')]
    >>> [(q.text, q.value) for q in find_quantities("Die Kosten: 1.200,5 Euro, 40 % mehr.", language="de")]
    [('1.200,5', 1200.5), ('40 %', 40)]
    """
    if not isinstance(text, str):
        raise TypeError(f"find_quantities: text must be a str, got {type(text).__name__}")
    if language is not None and not isinstance(language, str):
        raise TypeError(f"find_quantities: language must be a language code or None, got {language!r}")
    english = not language or language.lower().replace("_", "-").split("-")[0] == "en"
    figures = [f for f in _digit_figures(text, language, english) if f is not None]
    if english:
        taken = [(f.start, f.end) for f in figures]
        figures.extend(_word_figures(text, taken))
        figures.sort(key=lambda f: f.start)
    figures = _join_ranges(text, figures)
    return [
        Quantity(text[f.start:f.end], as_number(f.value * f.scale), f.unit, f.approximate, f.start, f.end,
                 kind=f.kind, currency=f.currency)
        for f in figures
    ]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``spans`` (sorted, not overlapping each other)."""
    index = bisect.bisect_left(spans, (end,))
    return index > 0 and spans[index - 1][1] > start


def _digit_figures(text: str, language: str | None, english: bool):
    pattern = _DIGITS_COMMA if uses_decimal_comma(language) else _DIGITS_EN
    for match in pattern.finditer(text):
        yield _read_digit_figure(text, match, language, english)


def _read_digit_figure(text: str, match: re.Match[str], language: str | None, english: bool) -> _Figure | None:
    written = match.group(0)
    num_start, num_end = match.span()
    if len(written) > _LONGEST_FIGURE:
        return None  # a serial number or a run of digits; also keeps Decimal -> int conversion cheap
    value = parse_digits_exact(written, language)
    if value is None:
        return None
    currency_match = _CURRENCY_BEFORE.search(text, max(0, num_start - 4), num_start)
    start = currency_match.start() if currency_match else num_start
    currency = currency_match.group(0) if currency_match else None
    if currency is None and _is_rand(text, num_start, num_end):
        start, currency = num_start - 1, "R"
    attached = start > 0 and not text[start - 1].isspace()
    left = _TOKEN_LEFT.search(text, max(0, start - 64), start) if attached else None
    right = _TOKEN_RIGHT.match(text, num_end)
    token = text[left.start() if left else start:right.end() if right else num_end]
    if not _NOT_FIGURES_MARKS.isdisjoint(token) and _NOT_FIGURES_TOKEN.search(token):
        return None
    before = text[start - 1] if start else ""
    before2 = text[start - 2] if start > 1 else ""
    if before and (before.isalnum() or before in "_/#@+.:$£€=<>*^"
                   or (before in "-–" and before2.isalpha() and currency is None)):
        return None  # part of an identifier, a path or an address ("F-16", "A320", "/2024")
    figure = _Figure(start, num_end, value)
    figure.range_second = bool(before) and before in "-–" and before2.isdigit()
    if currency:
        figure.kind, figure.currency = "money", CURRENCY_SYMBOLS[currency.strip()]
        figure.unit = figure.currency
    after = num_end
    tail_match = _TAIL.match(text, num_end)
    if tail_match:
        lowered = tail_match.group(0).lower()
        if lowered in SCALES and (lowered not in AMBIGUOUS_SCALES or currency
                                  or counted_noun(text, tail_match.end(), False) is not None):
            figure.scale = SCALES[lowered]  # "£30m", "30m people"; "a 30m tower" is thirty metres
        elif lowered == "%":
            figure.kind, figure.unit = "percent", "%"
        elif lowered in MEASURES and not (len(lowered) == 1 and tail_match.group(0).isupper()):
            figure.kind, figure.unit = "measure", MEASURES[lowered]  # "5g" is grams, "5G" a network
        else:
            return None  # "27th", "1990s", "10am", "4G", "737MAX": not a count
        after = tail_match.end()
    following = text[after:after + 1]
    if following in (":", "/") and text[after + 1:after + 2].isdigit():
        return None  # a time or a fraction ("10:30", "24/7")
    if following in "-–" and following:
        rest = text[after + 1:after + 2]
        if rest.isdigit():
            figure.range_first = True
        elif rest.isalpha():
            scale = _SCALE_AFTER.match(text, after + 1)
            if scale and figure.scale == 1 and scale["scale"].lower() not in AMBIGUOUS_SCALES:
                # "$100-million": a scale joined by a hyphen, as Canadian and some US papers write it
                figure.scale, figure.end = SCALES[scale["scale"].lower()], scale.end()
                _read_marker(text, figure)
                return figure
            measure = _MEASURE_AFTER.match(text, after + 1)
            if measure is None or figure.kind != "number":
                return None  # a compound adjective: "a 45-year-old man", "a 10-year deal"
            figure.kind, figure.unit = "measure", MEASURES[measure["measure"].lower()]
            figure.end = measure.end()
            return figure
    figure.end = after
    if _is_date_or_label(text, figure, start, num_end, written, english):
        return None
    if english:
        if figure.kind == "number" and _DOTTED_THOUSANDS.fullmatch(written) \
                and counted_noun(text, figure.end, False) is not None:
            # "1.000 led lights": a writer's continental grouping in English text, not one light.
            figure.value = Decimal(written.replace(".", ""))
        _read_after(text, figure)
        if figure.end < 0:
            return None
        if figure.unit is None and figure.kind == "number" and (start == 0 or text[start - 1] == "\n") \
                and _RANKING_AFTER.match(text, num_end):
            return None  # "1 The Man Who Saw Seconds": a ranked list's number, at the start of its line
        _read_marker(text, figure)
    else:
        percent = _PERCENT_AFTER.match(text, figure.end)
        foreign_percent = _FOREIGN_PERCENT_AFTER.match(text, figure.end)
        if figure.kind == "number" and percent and percent["sign"]:
            figure.kind, figure.unit, figure.end = "percent", "%", percent.end()
        elif figure.kind == "number" and foreign_percent:
            figure.kind, figure.unit, figure.end = "percent", "%", foreign_percent.end()
        code = _CURRENCY_AFTER_SYMBOL.match(text, figure.end)
        if figure.kind == "number" and code:
            figure.kind, figure.currency = "money", CURRENCY_SYMBOLS[code["cur"]]
            figure.unit, figure.end = figure.currency, code.end()
    if _is_year(written, figure):
        return None
    if english and figure.kind == "number" and _is_identifier(text, start, written):
        return None
    return figure


def _line_before(text: str, start: int) -> str:
    """The words on the same line right before ``start`` (up to ``_LOOKBEHIND`` characters), or "" when the
    figure is not preceded by a space: what markers, months and labels are read from, by splitting rather
    than by searching a regex backwards, which Python's re does by trying every position."""
    if start == 0 or text[start - 1] not in " \u00a0":
        return ""
    low = max(0, start - _LOOKBEHIND)
    line = text[low:start]
    line = line[line.rfind("\n") + 1:]
    if low > 0 and len(line) == start - low and not text[low - 1].isspace():
        line = line[line.find(" ") + 1:] if " " in line else ""  # drop a word cut by the window
    return line


def _trailing_phrase(line: str, phrases: frozenset[str], longest: int = 4) -> int | None:
    """Where in ``line`` a phrase of ``phrases`` starts when ``line`` ends with it (case folded), else None."""
    words = line.split()
    for count in range(min(longest, len(words)), 0, -1):
        if " ".join(words[-count:]).lower() in phrases:
            position = len(line.rstrip())
            for word in reversed(words[-count:]):
                position = line.rfind(word, 0, position)
            return position
    return None


def _is_date_or_label(text: str, figure: _Figure, start: int, num_end: int, written: str, english: bool) -> bool:
    words = _line_before(text, start).split()
    last = words[-1] if words else ""
    small = len(written) <= 2 and figure.kind == "number"
    if small and figure.scale == 1 and 0 < _day_number(written) <= 31:
        if english and (_MONTH_OR_WEEKDAY_WORD.fullmatch(last) or _MONTH_AFTER.match(text, num_end)):
            return True
        if _FOREIGN_MONTH_AFTER.match(text, num_end) or _FOREIGN_MONTH_WORD.fullmatch(last):
            return True
        line_start = start == 0 or text[start - 1] == "\n"
        if line_start and _LIST_NUMBER_AFTER.match(text, num_end):
            return True
    if figure.kind == "number" and figure.scale == 1 and (_CLOCK_AFTER.match(text, figure.end)
                                                          or _ERA_AFTER.match(text, figure.end)):
        return True  # "9 am", "750 AD"
    return english and figure.kind == "number" and last.rstrip(".").lower() in LABEL_WORDS


def _day_number(written: str) -> int:
    """The value of one or two plain digits, else 0 (for the day-of-month test)."""
    return int(written) if written.isdigit() else 0


def _is_year(written: str, figure: _Figure) -> bool:
    return (figure.kind == "number" and figure.scale == 1 and len(written) == 4 and written.isdigit()
            and 1000 <= int(written) <= 2199)


def _is_identifier(text: str, start: int, written: str) -> bool:
    # "Boeing 737", "ATR 72 aircraft", "Apollo 11": plain digits right after a capitalised word inside a
    # sentence name a thing, even with a noun after them. A capital after a sentence end ("Some 40 ...")
    # is the sentence's first word; after a month or weekday ("On Saturday 40 people") it is a count; a
    # grouped figure ("Iraq 2,500") is a count too, since model numbers are not written with separators.
    if not written.isdigit():
        return False
    words = _line_before(text, start).split()
    if not words or not words[-1][:1].isupper() or not words[-1].isalpha():
        return False
    if _MONTH_OR_WEEKDAY_WORD.fullmatch(words[-1]):
        return False
    return len(words) > 1 and not words[-2].endswith(_SENTENCE_ENDS)


def _is_rand(text: str, num_start: int, num_end: int) -> bool:
    """Whether an "R" right before the digits is South Africa's rand: only with a scale ("R4bn", "R3.5
    billion"), since a bare "R2" is as often a road, a grade or a droid."""
    if num_start == 0 or text[num_start - 1] != "R" or (num_start > 1 and text[num_start - 2].isalnum()):
        return False
    tail = _TAIL.match(text, num_end)
    if tail is not None:
        return tail.group(0).lower() in SCALES
    return _SCALE_AFTER.match(text, num_end) is not None


def _read_after(text: str, figure: _Figure) -> None:
    position = figure.end
    if figure.scale == 1:
        scale = _SCALE_AFTER.match(text, position)
        if scale and (scale["scale"].lower() not in AMBIGUOUS_SCALES or figure.kind == "money"):
            figure.scale, position = SCALES[scale["scale"].lower()], scale.end()
    if figure.kind == "number":
        if _CLOCK_AFTER.match(text, position) and figure.scale == 1:
            figure.end = -1
            return
        percent = _PERCENT_AFTER.match(text, position)
        currency = _CURRENCY_AFTER.match(text, position)
        measure = _MEASURE_AFTER.match(text, position)
        if percent:
            figure.kind = "percent"
            figure.unit = "percentage points" if percent["points"] else "%"
            position = percent.end()
        elif currency and _is_money_word(currency, figure):
            figure.kind, figure.currency = "money", CURRENCY_WORDS[currency["currency"].lower()]
            figure.unit, position = figure.currency, currency.end()
        elif measure and not (measure["measure"][0] == " " or len(measure["measure"]) < 2):
            figure.kind, figure.unit = "measure", MEASURES[measure["measure"].lower()]
            position = measure.end()
        else:
            singular = figure.value * figure.scale == 1 and not figure.range_second
            noun = counted_noun(text, position, singular)
            if noun is not None:
                figure.unit, position = noun
    figure.end = position


def _is_money_word(match: re.Match[str], figure: _Figure) -> bool:
    word = match["currency"].lower()
    if word in ("pound", "pounds"):
        # "5 pounds" of flour is a weight; "5 million pounds" and "pounds sterling" are money.
        return figure.scale > 1 or match.group(0).lower().endswith("sterling")
    if word == "won":
        return figure.scale > 1  # "3 won" is a verb far more often than Korean money
    return True


def _read_marker(text: str, figure: _Figure) -> None:
    line = _line_before(text, figure.start)
    position = _trailing_phrase(line, _MARKERS) if line else None
    if position is not None:
        figure.approximate = True
        figure.start = figure.start - len(line) + position


def _word_figures(text: str, taken: list[tuple[int, int]]):
    for match in number_word_runs(text):
        start, end = match.span()
        article = _ARTICLE_BEFORE.search(text, max(0, start - 10), start)
        if article is not None and match.group(0).split()[0].lower() in WORD_SCALES:
            start = article.start()  # "a million", "half a million", "a dozen"
        if _overlaps(taken, start, end):
            continue
        if text[end:end + 1] == "-" or text[start - 1:start] == "-":
            continue  # "a one-off", "a two-year deal": compound adjectives
        if end - start > _LONGEST_FIGURE * 4:
            continue  # dozens of number words in a row are a list or noise, not one figure
        value = parse_words_exact(text[start:end])
        if value is None:
            continue
        figure = _Figure(start, end, value, from_words=True)
        _read_after(text, figure)
        if figure.end < 0:
            continue
        if figure.unit is not None and figure.unit.lower() in FRACTIONS:
            continue  # "one third of Americans", "two-thirds": a share, not a count
        counts_something = figure.unit is not None or value >= 1000
        if not counts_something or _is_vague_one(text, start, match.group(0)):
            continue
        _read_marker(text, figure)
        yield figure


_ONE_AS_PRONOUN_AFTER = frozenset({"no", "the", "this", "that", "any", "every", "each", "which", "another"})


def _is_vague_one(text: str, start: int, written: str) -> bool:
    # "no one", "the one who", "one of them": pronoun uses of "one" count nothing.
    words = _line_before(text, start).split()
    return written.lower() == "one" and bool(words) and words[-1].lower() in _ONE_AS_PRONOUN_AFTER


_RANGE_JOINER = re.compile(r"[ \u00a0]*(?:-|–|—|to|and)[ \u00a0]*", re.IGNORECASE)


def _join_ranges(text: str, figures: list[_Figure]) -> list[_Figure]:
    """Give a range's lower bound the upper bound's unit and scale; drop unitless dashed pairs (scores)."""
    kept: list[_Figure] = []
    for index, figure in enumerate(figures):
        following = figures[index + 1] if index + 1 < len(figures) else None
        joined = following is not None and _RANGE_JOINER.fullmatch(text, figure.end, following.start) is not None
        if joined and following is not None:
            joiner = text[figure.end:following.start].strip().lower()
            line = _line_before(text, figure.start)
            starter = _trailing_phrase(line, _RANGE_STARTERS, 1) if line else None
            is_range = joiner in ("-", "–", "—", "to") or (joiner == "and" and starter is not None)
            if is_range and following.kind == "number" and following.unit is None and figure.kind == "money":
                following.kind, following.unit, following.currency = figure.kind, figure.unit, figure.currency
            if is_range and figure.kind == "number" and figure.unit is None:
                figure.kind, figure.unit, figure.currency = following.kind, following.unit, following.currency
            if is_range and figure.scale == 1 and following.scale > 1 \
                    and figure.value * following.scale <= following.value * following.scale:
                figure.scale = following.scale
            if is_range and starter is not None:
                figure.start = figure.start - len(line) + starter
        bare = figure.kind == "number" and figure.unit is None and figure.scale == 1
        if bare and (figure.range_first or figure.range_second):
            continue  # "3-1", "2024-25": a score or a season, not two figures
        if bare and not figure.from_words and _in_number_run(text, figures, index):
            continue  # a table row or a list of scores ("5040 5 1 17 27"): numbers, but nothing counted
        kept.append(figure)
    return kept


def _in_number_run(text: str, figures: list[_Figure], index: int) -> bool:
    before = figures[index - 1] if index else None
    after = figures[index + 1] if index + 1 < len(figures) else None
    current = figures[index]
    return (before is not None and text[before.end:current.start].strip() == "") or (
        after is not None and text[current.end:after.start].strip() == "")

"""Reading a written number as a value: digits in a language's convention, and English number words.

Written by hand because the usual libraries do the opposite job (babel formats numbers and parses only
one exact locale pattern; word2number and text2num refuse what news writes: "half a million", "two
dozen", "1.2") and because a figure here is always a few characters, so a regex and a loop over the
words cost microseconds.

Values are exact: parsed as :class:`decimal.Decimal` and returned as ``int`` when whole, so "1.2
million" is 1200000, not 1200000.0000000002.

>>> parse_digits("2,500", "en"), parse_digits("1.200,5", "de"), parse_words("two dozen")
(2500, 1200.5, 24)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from newsdesk.enrich.quantities_lexicon import TENS, UNITS, WORD_SCALES

#: Languages that write a decimal comma and group thousands with a dot or a space ("1.200,5").
DECIMAL_COMMA_LANGUAGES = frozenset({
    "de", "fr", "es", "it", "pt", "nl", "tr", "pl", "ru", "uk", "cs", "sk", "sl", "hr", "sr", "bs", "ro",
    "hu", "sv", "da", "no", "nb", "nn", "fi", "et", "lv", "lt", "el", "bg", "id", "vi", "ca", "gl", "eu",
    "az", "kk", "be", "mk", "sq", "is",
})

_ENGLISH_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_COMMA_NUMBER = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:,[0-9]+)?"
                           r"|[0-9]+(?:,[0-9]+)?|[0-9]+\.[0-9]{1,2}")
_GROUP_SEPARATORS = re.compile(r"[ \u00a0\u202f]")


def uses_decimal_comma(language: str | None) -> bool:
    """Whether ``language`` (an ISO 639-1 code, maybe with a region) writes "1.200,5".

    >>> uses_decimal_comma("de-AT"), uses_decimal_comma("en"), uses_decimal_comma(None)
    (True, False, False)
    """
    if not language:
        return False
    return language.lower().replace("_", "-").split("-")[0] in DECIMAL_COMMA_LANGUAGES


def as_number(value: Decimal) -> int | float:
    """``value`` as an ``int`` when it is whole, else a ``float``.

    >>> as_number(Decimal("1.2") * 1000000), as_number(Decimal("40.5"))
    (1200000, 40.5)
    """
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@lru_cache(maxsize=4096)
def parse_digits_exact(written: str, language: str | None = None) -> Decimal | None:
    """The exact value of digits written in ``language``'s convention, or None when they are not a number there.

    Cached: the same figures ("2", "10", "2025") come back in every article, and a Decimal is immutable.

    >>> parse_digits_exact("1,200.5"), parse_digits_exact("1 200,5", "fr"), parse_digits_exact("1.2.3")
    (Decimal('1200.5'), Decimal('1200.5'), None)
    """
    if uses_decimal_comma(language):
        if not _COMMA_NUMBER.fullmatch(written):
            return None
        if re.fullmatch(r"[0-9]+\.[0-9]{1,2}", written):
            plain = written  # "1.5" in German text is one and a half: a group of thousands has three digits.
        else:
            plain = _GROUP_SEPARATORS.sub("", written).replace(".", "").replace(",", ".")
    else:
        if not _ENGLISH_NUMBER.fullmatch(written):
            return None
        plain = written.replace(",", "")
    try:
        return Decimal(plain)
    except InvalidOperation:  # The patterns above admit only digits and one point; kept as a guard.
        return None


def parse_digits(written: str, language: str | None = None) -> int | float | None:
    """The value of digits written in ``language``'s convention ("1,200.5" in English, "1.200,5" in German).

    >>> parse_digits("1,200.5"), parse_digits("40"), parse_digits("12,34")
    (1200.5, 40, None)
    """
    exact = parse_digits_exact(written, language)
    return None if exact is None else as_number(exact)


_WORD = re.compile(r"[a-z]+")


def parse_words_exact(written: str) -> Decimal | None:
    """The exact value of English number words, or None when the words do not make one number.

    >>> parse_words_exact("half a million"), parse_words_exact("one two")
    (Decimal('500000.0'), None)
    """
    words = [w for w in _WORD.findall(written.lower()) if w != "and"]
    if not words:
        return None
    half = False
    if words[0] == "half":
        half, words = True, words[1:]
    total = Decimal(0)
    current: Decimal | int = Decimal(0)
    last = ""  # The kind of the previous word: "unit", "tens", "a", "scale" or "" at the start.
    for word in words:
        if word in ("a", "an"):
            if last:
                return None
            current, last = Decimal(1), "a"
        elif word in UNITS:
            # "twenty one" is fine; "one two" or "eleven three" is two numbers, not one.
            if last in ("unit", "a") or (last == "tens" and UNITS[word] >= 10):
                return None
            current += UNITS[word]
            last = "unit"
        elif word in TENS:
            if last in ("unit", "tens", "a"):
                return None
            current += TENS[word]
            last = "tens"
        elif word in WORD_SCALES:
            scale = WORD_SCALES[word]
            if last == "":
                return None  # "million" alone is not a figure.
            if scale < 1000:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = Decimal(0)
            last = "scale"
        else:
            return None
    if last == "a":
        return None
    value = total + current
    return value * Decimal("0.5") if half else value


def parse_words(written: str) -> int | float | None:
    """The value of English number words ("two dozen" 24, "three hundred and fifty" 350, "half a million").

    >>> parse_words("three hundred and fifty"), parse_words("half a million"), parse_words("twenty-five")
    (350, 500000, 25)
    """
    exact = parse_words_exact(written)
    return None if exact is None else as_number(exact)


def _word_trie(words: list[str]) -> str:
    """A regex alternation of ``words`` factored by prefix, so that a failing position fails on one letter."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    parts = []
    for first, rests in sorted(groups.items()):
        longer = [rest for rest in rests if rest]
        if not longer:
            parts.append(re.escape(first))
            continue
        optional = "?" if len(longer) < len(rests) else ""
        parts.append(f"{re.escape(first)}(?:{_word_trie(longer)}){optional}")
    return "|".join(parts)


_NUMBER_WORDS = [*UNITS, *TENS, *WORD_SCALES]
_NUMBER_WORD = _word_trie(_NUMBER_WORDS)
_CAPITALISED_NUMBER_WORD = _word_trie([w.capitalize() for w in _NUMBER_WORDS])
_WORDS_FIGURE = re.compile(
    rf"\b(?:{_NUMBER_WORD}|{_CAPITALISED_NUMBER_WORD})(?:(?:[ \u00a0]+and[ \u00a0]+|[ \u00a0-]+)(?:{_NUMBER_WORD}))*\b"
)
_WORDS_FIGURE_AT = re.compile(
    rf"(?:{_NUMBER_WORD})(?:(?:[ \u00a0]+and[ \u00a0]+|[ \u00a0-]+)(?:{_NUMBER_WORD}))*\b", re.IGNORECASE
)


# Where a number word starts a word, in lower-cased text: after a space (a pattern that opens with a literal,
# so re jumps from space to space), or after any other character that is no ASCII letter (a negated range,
# as cheap to test; a letter outside ASCII is dropped by hand).
_NUMBER_WORD_AFTER_SPACE = re.compile(f" (?={_NUMBER_WORD})")
_NUMBER_WORD_AFTER_OTHER = re.compile(f"[^a-z ](?={_NUMBER_WORD})")
_NUMBER_WORD_PREFIXES = tuple(_NUMBER_WORDS)


def number_word_runs(text: str) -> Iterator[re.Match[str]]:
    """The runs of number words in ``text`` ("two dozen", "three hundred and fifty"), as one regex over the
    text would find them, found faster: two scans of a lower-cased copy that stop only after a space or a
    non-letter give the few places worth matching, where a regex over the whole text tries all of its
    alternatives at every position (and ``str.find`` of each word stops inside "someone" and "often").

    >>> [m.group(0) for m in number_word_runs("Some two dozen jets and someone's three hundred and fifty.")]
    ['two dozen', 'three hundred and fifty']
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # lower-casing changed lengths ("İ"): offsets would not line up
        yield from _WORDS_FIGURE.finditer(text)
        return
    starts = [hit.start() + 1 for hit in _NUMBER_WORD_AFTER_SPACE.finditer(lowered)]
    for hit in _NUMBER_WORD_AFTER_OTHER.finditer(lowered):
        if not lowered[hit.start()].isalpha():
            starts.append(hit.start() + 1)
    if lowered.startswith(_NUMBER_WORD_PREFIXES):
        starts.append(0)
    end = -1
    for start in sorted(starts):
        if start < end:
            continue
        match = _WORDS_FIGURE_AT.match(text, start)
        if match is not None:
            end = match.end()
            yield match

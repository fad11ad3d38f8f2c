"""Header furniture in copied text: byline, date, reading-time and caption lines, and what they hold.

These lines sit around a headline and almost never inside a body; the classifier asks this module
whether a line is one, and the field readers ask it for the names, dates and credits they hold.
"""

from __future__ import annotations

import re
from typing import Final

from newsdesk.extract.captions import split_caption
from newsdesk.extract.dates import find_date
from newsdesk.extract.text_lines import NAME_PARTICLES, ends_sentence, word_count
from newsdesk.extract.wire import lookup_agency

# Reuters-style "REUTERS/Jane Doe/File Photo": the last slash part is an editorial note.
_SLASH_NOTE: Final = re.compile(r"(?<=\S)/\s*(file photo|file|handout|illustration|pool|archive)\s*\.?$", re.I)
_PHOTO_NOTE: Final = re.compile(
    r"\b(?:file|archive|handout|illustration|illustrative|representational|representative|pool|screenshot|"
    r"screengrab|stock|photo|image|picture|video grab|courtesy)\b",
    re.I,
)
# "Credit...Jane Doe for The Times": a visually hidden label copied with its ellipsis.
_HIDDEN_LABEL: Final = re.compile(r"(?<![\w.])(Credit|Photo|Image|Photograph)\s*(?:\.{2,3}|…)\s*(?=\S)")
READING_TIME: Final = re.compile(
    r"(?:^|[\s|•·,])(?:reading time|read time|lesezeit|temps de lecture)?\s*[:：]?\s*"
    r"(\d{1,3})\s*[-‐ ]?\s*(?:min|mins|minute|minutes|minuten|dk|dakika)\.?"
    r"(?:\s+(?:read|reading|de lecture|lesezeit|okuma(?: süresi)?))?(?=$|[\s|•·,])",
    re.I,
)
#: Most words of a reading-time line and of a date line (longer lines with a date are sentences).
READING_WORDS: Final = 8
DATE_WORDS: Final = 20
READING_LINE: Final = re.compile(
    r"^(?:(?:reading time|read time|lesezeit|temps de lecture)\s*[:：]?\s*)?\d{1,3}\s*[-‐ ]?\s*"
    r"(?:min|mins|minute|minutes|minuten|dk|dakika)\.?(?:\s+(?:read|reading|de lecture|lesezeit|okuma))?$",
    re.I,
)
_BYLINE: Final = re.compile(
    r"^(?:(?i:by|written by|words by|story by|text by|reported by|author|authors|von|par|por|door|di)"
    r"\s*[:：]?\s+|(?:By|BY)(?=[A-Z][a-z]))(\S.{0,200})$",
)
# Where the names of a byline end: a separator, a date, a time, "Updated", "Published".
_BYLINE_END: Final = re.compile(
    r"\s[|•·—–]\s|\s-\s|\s\|\s?|\d|\b(?:updated|published|posted|last updated|on|at|with)\b", re.I
)
BYLINE_LABELS: Final = frozenset({"by", "written by", "words by", "story by", "author", "authors", "posted by",
                                  "reported by", "von", "par", "por"})
_DATE_LABEL: Final = re.compile(
    r"^(?:published|updated|last updated|first published|posted|modified|last modified|created|"
    r"date|dated|released|aktualisiert|veröffentlicht|publié|mis à jour|publicado|actualizado)\b",
    re.I,
)
UPDATED_SPLIT: Final = re.compile(
    r"\b(?:updated|update|last updated|modified|last modified|edited|aktualisiert|mis à jour|actualizado|"
    r"güncelleme|güncellendi)\b",
    re.I,
)
# "2 hours ago", and as teaser lists print it, "32M ago", "1h ago", "vor 3 Stunden", "il y a 2 heures".
_RELATIVE_DATE: Final = re.compile(
    r"^(?:(?:updated|published|posted)\s*:?\s*)?(?:(?:\d{1,3}|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|"
    r"days?|weeks?|months?)|\d{1,3}\s?[smhdw])\s+ago$|^(?:just now|yesterday|today)$|"
    r"^vor (?:\d{1,3}|einer?) (?:sekunden?|minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?)$|"
    r"^il y a (?:\d{1,3}|une?) (?:secondes?|minutes?|min|heures?|h|jours?|semaines?|mois)$|"
    r"^hace (?:\d{1,3}|una?) (?:segundos?|minutos?|min|horas?|h|días?|semanas?|mes(?:es)?)$",
    re.I,
)
# Copying glues neighbouring inline elements: "October 1, 20253:05 PM GMT+2Updated 2 hours ago".
_GLUED_YEAR_TIME: Final = re.compile(r"((?:19|20)\d\d)(?=\d{1,2}:\d\d|[A-Z][a-z])")
_GLUED_LABEL: Final = re.compile(r"(?<=[\w)])(?=(?:Updated|Published|Last updated|Posted)\b)")
DATE_NOISE: Final = frozenset({
    "date", "dated", "published", "updated", "update", "last", "first", "posted", "modified", "on", "at",
    "am", "pm", "a.m.", "p.m.", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "et", "pt", "pst",
    "pdt", "ist", "trt", "msk", "jst", "of", "the", "|", "-", "–", "—", "·", "•", "/", ",",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ago", "hours", "hour", "minutes",
    "min", "mins", "read", "time", "by",
})
MONTH_WORDS: Final = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})


def byline_names(text: str) -> str | None:
    """The names part of a byline line ("By Jane Doe and John Smith | Oct 1"), or None.

    >>> byline_names("By Jane Doe and John Roe | October 1, 2025")
    'Jane Doe and John Roe'
    >>> byline_names("By Monday, the talks had ended in a deal at last.") is None
    True
    """
    match = _BYLINE.match(text)
    if match is None:
        return None
    rest = unglue(match.group(1))
    end = _BYLINE_END.search(rest)
    names = rest[: end.start()] if end else rest
    names = names.strip(" ,;:|-–—")
    tokens = names.split()
    if not tokens or len(tokens) > 10:
        return None
    for token in tokens:
        bare = token.strip(",.;:'’\"()")
        if not bare:
            continue
        if bare.casefold() in NAME_PARTICLES:
            continue
        if not (bare[0].isupper() or not bare[0].isalpha()):
            return None
    # Words after the names must not read on as a sentence ("By Monday, the talks had ended.").
    if end is None and ends_sentence(text) and len(tokens) > 4:
        return None
    return names


def unglue(text: str) -> str:
    """Put back the spaces copying removed between a year, a time and a date label.

    >>> unglue("October 1, 20253:05 PM GMT+2Updated 2 hours ago")
    'October 1, 2025 3:05 PM GMT+2 Updated 2 hours ago'
    """
    return _GLUED_LABEL.sub(" ", _GLUED_YEAR_TIME.sub(r"\1 ", text))


def date_leftover(text: str) -> list[str]:
    """The words of a date line that are not part of the date, its label or its time.

    >>> date_leftover("October 1, 2025 MIDDLE EAST")
    ['MIDDLE', 'EAST']
    """
    leftover: list[str] = []
    for token in unglue(text).split():
        bare = token.strip(",.;:()[]").casefold()
        if not bare or any(ch.isdigit() for ch in bare):
            continue
        if bare in DATE_NOISE or bare in MONTH_WORDS or bare.rstrip(".") in MONTH_WORDS:
            continue
        if all(not ch.isalnum() for ch in bare):
            continue
        leftover.append(token.strip(",;:()[]|"))
    return leftover


def is_date_line(text: str) -> bool:
    """Whether a line is a date line: a date with at most a few other words, or a relative date.

    >>> is_date_line("Published October 1, 2025 3:05 PM"), is_date_line("2 hours ago"), is_date_line("32M ago")
    (True, True, True)
    >>> is_date_line("The talks ended on October 1, 2025, after a long night of bargaining between the two sides")
    False
    """
    if _RELATIVE_DATE.match(text):
        return True
    if not any(ch.isdigit() for ch in text):
        return False
    unglued = unglue(text)
    if find_date(unglued) is None:
        return bool(_DATE_LABEL.match(text)) and len(text.split()) <= 8
    return len(date_leftover(text)) <= 5


def is_meta_line(text: str) -> bool:
    """Whether a line is only a date line or a reading time, as the copied-text classifier reads them.

    >>> is_meta_line("Veröffentlicht am 13. Mai 2026 um 15:44"), is_meta_line("3 Minuten Lesezeit")
    (True, True)
    >>> is_meta_line("Die Kühltürme wurden am 25. Oktober 2025 um 12 Uhr vor 30.000 Schaulustigen gesprengt.")
    False
    """
    # A line of more words than a date line's is neither, and ``word_count`` counts at least the space-separated
    # words: split no further than that (this runs on a news report's opening blocks, most of them paragraphs).
    if len(text.split(None, DATE_WORDS)) > DATE_WORDS:
        return False
    words = word_count(text)
    return (words <= READING_WORDS and READING_LINE.match(text) is not None) or (
        words <= DATE_WORDS and is_date_line(text))


def caption_parts(text: str) -> tuple[str | None, str | None, str | None]:
    """Caption, credit and note of a caption line (captions.split_caption, plus "/File Photo").

    >>> caption_parts("Smoke rises over the city. REUTERS/Jane Doe/File Photo")
    ('Smoke rises over the city.', 'REUTERS/Jane Doe', 'File Photo')
    """
    text = _HIDDEN_LABEL.sub(r"\1: ", text)
    note_match = _SLASH_NOTE.search(text)
    if note_match:
        text = text[: note_match.start()]
    parts = split_caption(text)
    note = parts.note or (note_match.group(1).title() if note_match else None)
    return parts.caption, parts.credit, note


def is_caption(text: str) -> bool:
    """Whether a line is a photo caption: a credit of names and agencies, or a note saying what the photo is.

    >>> is_caption("Smoke rises over the city. Photo: Jane Doe/AFP"), is_caption("He told Reuters the talks had ended.")
    (True, False)
    """
    parts = split_caption(_SLASH_NOTE.sub("", _HIDDEN_LABEL.sub(r"\1: ", text)))
    if parts.note is None and parts.credit is None:
        return False
    if parts.credit is None:
        # A bracket alone ("[Step By Step]") is a note only when it says what the photo is.
        return bool(parts.note and _PHOTO_NOTE.search(parts.note))
    credit = parts.credit
    # A credit is names and agencies ("Jose Jordan/AFP", "Getty Images"); "He told Reuters" is prose.
    for word in credit.replace("/", " ").split():
        folded = word.casefold()
        if word[0].isalpha() and not word[0].isupper() and folded not in NAME_PARTICLES and folded not in (
            "via", "by", "for"
        ):
            return False
    return len(credit.split()) <= 8


def is_bare_photo_credit(text: str) -> bool:
    """Whether a line is only a photo credit ("Getty Images", "AFP", "Jane Doe/Reuters").

    >>> is_bare_photo_credit("Getty Images"), is_bare_photo_credit("The talks ended")
    (True, False)
    """
    text = text.strip(" ()[]")
    if not text or len(text.split()) > 8:
        return False
    if lookup_agency(text):
        return True
    # captions.split_caption knows the credit forms; a line it reads wholly as credit is one.
    return split_caption("Caption. " + text).credit == text

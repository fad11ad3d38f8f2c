"""Reading copied text's header zone, pass 3a: headline, standfirst, section, dates, byline and photo.

The headline is scored by how headlines sit on a page (repeated, over a standfirst, byline or date,
under a kicker, matching the URL); the other fields are read around it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from newsdesk.extract.authors import clean_authors
from newsdesk.extract.dates import find_date
from newsdesk.extract.text_furniture import (
    DATE_NOISE,
    MONTH_WORDS,
    READING_TIME,
    UPDATED_SPLIT,
    byline_names,
    caption_parts,
    date_leftover,
    is_bare_photo_credit,
    unglue,
)
from newsdesk.extract.text_headline import headline_index
from newsdesk.extract.text_lines import (
    BREADCRUMB_SPLIT,
    BYLINE,
    CAPTION,
    CREDIT,
    DATE,
    KICKER,
    MARKER,
    NAME_PARTICLES,
    PROSE,
    READING,
    SHORT,
    Line,
    line_key,
)
from newsdesk.extract.text_segment import slug_words
from newsdesk.model import Image

_ACRONYMS: Final = frozenset({
    "us", "uk", "eu", "un", "usa", "uae", "nato", "ai", "g7", "g20", "cop", "who", "imf", "mena",
    "asean", "brics", "opec", "lgbtq", "covid", "covid-19", "nba", "nfl", "f1", "tv", "bbc", "cnn",
    "trt", "sdg", "ii", "iii", "iv",
})
_MINOR_WORDS: Final = frozenset({"and", "or", "of", "the", "a", "an", "in", "on", "at", "to", "for", "by", "&"})


def section_title(text: str) -> str:
    """A section name as a person writes it: ALL CAPS or all lower case becomes Title Case.

    >>> section_title("MIDDLE EAST"), section_title("US POLITICS"), section_title("arts and culture")
    ('Middle East', 'US Politics', 'Arts and Culture')
    >>> section_title("Middle East")
    'Middle East'
    """
    text = " ".join(text.split())
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not (all(ch.isupper() for ch in letters) or all(ch.islower() for ch in letters)):
        return text
    words = []
    for position, word in enumerate(text.split(" ")):
        folded = word.casefold()
        if folded in _ACRONYMS:
            words.append(word.upper())
        elif position > 0 and folded in _MINOR_WORDS:
            words.append(folded)
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


@dataclass(slots=True)
class Header:
    """The fields read from the header zone; ``byline_names`` are as printed, before cleaning."""

    headline: str | None = None
    standfirst: str | None = None
    section: str | None = None
    published: str | None = None
    updated: str | None = None
    reading_minutes: int | None = None
    byline_names: list[str] | None = None
    image: Image | None = None
    #: The headline's position among the header lines read.
    headline_at: int | None = None


def read_header(header: list[Line], counts: Counter[str], url: str | None, lead: set[str] | None = None) -> Header:
    """The fields of the header zone: headline, standfirst, section, dates, reading time, byline, photo.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> lines = read_lines("WORLD\\nRain returns to the county\\nBy Jane Doe\\nOctober 1, 2025")
    >>> header = read_header(lines, Counter(), None)
    >>> header.headline, header.section, header.byline_names, header.published
    ('Rain returns to the county', 'World', ['Jane Doe'], '2025-10-01')
    """
    out = Header()
    names_at = name_lines(header)
    head_at = headline_index(header, counts, lead or set(), names_at, slug_words(url))
    if head_at is not None:
        # A repeated headline (page title, then image alt text) is read from its first showing, a few
        # lines up: the standfirst and kicker sit around that one.
        key = line_key(header[head_at].text)
        head_at = next((p for p in range(max(0, head_at - 8), head_at)
                        if not header[p].in_widget and line_key(header[p].text) == key), head_at)
        out.headline = header[head_at].text
        out.headline_at = head_at
        if header[head_at].in_widget:
            # A list of other stories ran on into this article's header: from the headline down,
            # the lines are the article's own (standfirst, byline, date), not the list's.
            for line in header[head_at:]:
                line.in_widget = False
    used: set[int] = set() if head_at is None else {head_at}

    out.image = _header_image(header, used, out.headline)
    out.standfirst = _standfirst(header, head_at, used, out.headline)
    out.section = _section(header, head_at)
    out.published, out.updated = dates(line for line in header if not line.in_widget)
    masthead = _masthead_dates(header, head_at)
    if masthead:
        # Today's date in the masthead ("Friday, December 19, 2025" over the menu) is not the story's:
        # another date line in the header is.
        published, updated = dates(line for line in header if not line.in_widget and line.index not in masthead)
        if published is not None:
            out.published, out.updated = published, updated
    out.reading_minutes = _reading_minutes(header)
    # The article's byline sits by its headline; "By Use Case" in a menu far above it is not one.
    offset = max(0, head_at - 3) if head_at is not None else max(0, len(header) - 10)
    near = header[offset:]
    names = [without_role(n) for line in near if line.kind == BYLINE and not line.in_widget
             for n in [byline_names(line.text)] if n]
    if not names:
        names = _likely_names([_unprefixed(line.text) for i, line in enumerate(near) if offset + i in names_at])
    if not names:
        names = dated_byline(near)
    if not names:
        names = signed_names(near[max(0, head_at - offset) + 1 :] if head_at is not None else near)
    if not names:
        # None by the headline (which may be the wrong line): the last byline over the body, outside
        # any list of other stories, is the article's.
        names = next(([n] for line in reversed(header) if line.kind == BYLINE and not line.in_widget
                      and not _in_menu(header, line.index - header[0].index)
                      for n in [byline_names(line.text)] if n and clean_authors([n])), [])
    out.byline_names = [trimmed for name in names for trimmed in [trim_glued_name(name)] if trimmed]
    return out


# The word that signs a byline, in the shared sets' languages: "By", "Von", "Par", "Por", "Door".
_BY_WORD: Final = r"(?:by|von|par|por|door)"
_INNER_BY: Final = re.compile(rf"\s{_BY_WORD}\s", re.I)
# Where a name that opens a date line ends: a separator, or a digit glued on ("Tobias Mühlbauer24.04.2024").
_NAME_END: Final = re.compile(r"\s*[•|·/–—,]\s*|\s-\s|(?<=[^\W\d])(?=\d)|\s(?=\d)")
#: Words that open a date line and are not a name.
_NOT_NAME: Final = frozenset({
    "updated", "published", "posted", "last", "modified", "date", "on", "by", "am", "von", "par", "le", "el", "il",
    "publié", "publicado", "veröffentlicht", "aktualisiert", "stand", "letzte", "aktualisierung", "dernière", "mise",
    "última", "actualización", "ultimo", "aggiornamento", "son", "güncelleme", "yayınlanma", "tarihi",
})
# A word glued to the next in copying ("HealthDECEMBER"): not a name's.
_GLUED: Final = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]{2}")


def dated_byline(lines: Iterable[Line]) -> list[str]:
    """The names of a date line that also signs the article ("September 1, 2023 By Jane Doe").

    >>> from newsdesk.extract.text_classify import read_lines
    >>> dated_byline(read_lines("Published on December 2nd, 2025 by Chen Zhao and Daryl Fairweather"))
    ['Chen Zhao and Daryl Fairweather']
    """
    for line in lines:
        if line.kind != DATE or line.in_widget:
            continue
        match = _INNER_BY.search(line.text)
        names = byline_names(line.text[match.start() + 1 :]) if match else _leading_name(line.text)
        if names:
            return [names]
        parts = _AFTER_DATE.split(line.text)
        # A name after the date and a separator ("9. September 2025 um 15:46 Uhr / Frank Wunderlich-Pfeiffer").
        trailing = next((n for part in parts[1:] if not _DIGIT.search(part) for n in [_name_run(part)] if n), None)
        if trailing:
            return [trailing]
    return []


_AFTER_DATE: Final = re.compile(r"\s[/•·]\s")


# Copying glues a byline to the section or date that follows it ("Emma MackenzieLifestyle",
# "Kathryn GiuffridaMar 25, 2025"): a capital after two small letters inside a word.
_GLUED_CAPITAL: Final = re.compile(r"(?<=[a-zà-ÿ]{2})[A-ZÀ-Þ]")
#: Name prefixes that take a capital after them (MacKenzie, FitzGerald, VanDyke).
_CAPITAL_PREFIXES: Final = ("Mac", "Fitz", "Van", "Von", "Del", "Della", "Des")


def trim_glued_name(names: str) -> str:
    """A byline's names without the section, job or date glued on after them.

    >>> trim_glued_name("Emma MackenzieLifestyle"), trim_glued_name("JILL BARSHAY August 3, 2025")
    ('Emma Mackenzie', 'JILL BARSHAY')
    >>> trim_glued_name("Ann MacKenzie and Tom FitzGerald"), trim_glued_name("Ann MacKenzieNews")
    ('Ann MacKenzie and Tom FitzGerald', 'Ann MacKenzie')
    """
    words = names.split()
    for at, word in enumerate(words):
        if at >= 2 and word.casefold().rstrip(".,") in MONTH_WORDS:
            return " ".join(words[:at]).rstrip(" ,;|")
        glued = next((m.start() for m in _GLUED_CAPITAL.finditer(word) if word[: m.start()] not in _CAPITAL_PREFIXES),
                     None)
        if glued is not None and at >= 1:
            return " ".join([*words[:at], word[:glued]])
    return names


# A byline the line classifier took for a short line: a prefix, then a name and words in lower case
# ("Von Hannah Ritzmann, Redakteurin für Finanzen", "Kommentar von Nicole Opitz", "bySauli Giliard").
_SIGNED: Final = re.compile(
    r"^(?:(?:kommentar|kolumne|analyse|gastbeitrag|ein kommentar|eine analyse|column|opinion|guide|review)\s+)?"
    rf"{_BY_WORD}(?:\s*:?\s+|(?=[A-ZÀ-Þ][a-zà-ÿ]))(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# Where the name under a headline ends: a separator, a bracket, a digit ("Kyle Wiggers 7 hours").
_DIGIT: Final = re.compile(r"\d")
_SIGNATURE_END: Final = re.compile(r"\s*[•|·/–—,(]\s*|\s-\s|\s(?=\d)")
# Around a bare name, what says it signs the story: a clock time, a relative time, a publishing label.
_DATE_LIKE: Final = re.compile(
    r"(?<!\d)\d{1,2}[:.]\d{2}(?!\d)|\b\d{1,3}\s*(?:h|hrs?|hours?|min|mins|minutes?|days?|months?|weeks?)\b"
    r"|\b(?:published|publicerad|publisert|publiziert|veröffentlicht|uppdaterad|oppdatert|aktualisiert|updated"
    r"|posted|publié|publicado|pubblicato)\b"
    # Relative times in the shared sets' other languages: "před 2 hodinami", "vor 3 Stunden", "il y a 2 heures".
    r"|\b(?:před|vor|hace|il y a|fa)\s+\d+|\b\d+\s*(?:hodin|minut|stunden|std|timmar|timer|heures|horas|ore)",
    re.IGNORECASE,
)
#: Words of a job line under a byline's name ("Games Editor", "TECH WRITER", "Redakteurin").
_ROLE_WORDS: Final = frozenset({
    "editor", "writer", "reporter", "correspondent", "journalist", "columnist", "contributor", "author",
    "redakteur", "redakteurin", "korrespondent", "korrespondentin", "autor", "autorin", "rédacteur", "rédactrice",
    "journaliste", "periodista", "redactor", "redactora", "giornalista", "editora", "reportera", "reporterin",
})


def signed_names(lines: list[Line]) -> list[str]:
    """The author of lines under a headline that the classifier took for short lines: a prefixed
    byline with lower-case words after the name, or a bare name beside a time or a publishing label.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> signed_names(read_lines("Von Hannah Ritzmann, Redakteurin für Finanzen\\n09.09.2025, 15:15 Uhr"))
    ['Hannah Ritzmann']
    >>> signed_names(read_lines("Amanda Hällsten\\nUppdaterad 15.59 | Publicerad 14.14"))
    ['Amanda Hällsten']
    >>> signed_names(read_lines("Kyle Wiggers 7 hours")), signed_names(read_lines("Latest News\\n7 hours ago"))
    (['Kyle Wiggers'], [])
    """
    for position, line in enumerate(lines[:6]):
        if line.in_widget or line.kind not in (SHORT, KICKER, DATE, READING) or line.words > 12:
            continue
        signed = _SIGNED.match(line.text)
        if signed is not None:
            names = _name_run(signed["rest"])
            if names:
                return [names]
            continue
        if line.kind not in (SHORT, KICKER) or not 2 <= line.words <= 10:
            continue
        parts = _SIGNATURE_END.split(line.text, maxsplit=1)
        tail = parts[1] if len(parts) > 1 else ""
        around = [n for n in lines[max(0, position - 2) : position + 3] if n is not line and n.kind != MARKER]
        dated = bool(tail and _DATE_LIKE.search(tail)) or any(
            n.kind in (DATE, READING) or (n.words <= 8 and _DATE_LIKE.search(n.text)) for n in around
        ) or _is_role(lines[position + 1] if position + 1 < len(lines) else None)
        if tail and _DIGIT.search(tail) and not _DATE_LIKE.search(tail):
            # "Cybersecurity Sector Update–Fall 2025": a title and its issue, not a name and a time.
            continue
        names = _name_run(parts[0]) if dated else None
        if names and names == parts[0].strip():
            return [names]
    return []


_PARENTHESES: Final = re.compile(r"\s*\([^)]*\)")


def without_role(names: str) -> str:
    """A byline's names without the job printed after a comma ("Von Paulina Cwiartka, Online-Redakteurin").

    A place there stays ("Seb Dumitru, Lille"): the shared sets' golds keep it as often as not.

    >>> without_role("Robin Amberg, Volontär (Sport)"), without_role("Paulina Cwiartka, Online-Redakteurin")
    ('Robin Amberg', 'Paulina Cwiartka')
    >>> without_role("Jane Doe, John Roe"), without_role("Thorsten Kramer, Reuters")
    ('Jane Doe, John Roe', 'Thorsten Kramer, Reuters')
    """
    parts = names.split(", ")
    if len(parts) < 2 or len(parts[0].split()) < 2:
        return names
    kept = [parts[0]]
    for part in parts[1:]:
        bare = _PARENTHESES.sub("", part).strip()
        words = bare.split()
        role = any(piece.casefold() in _ROLE_WORDS or piece.casefold() in ("volontär", "volontärin")
                   for word in words for piece in word.split("-"))
        if role:
            continue
        kept.append(part)
    return ", ".join(kept)


def _likely_names(found: list[str]) -> list[str]:
    """Of several name lines by the headline, those that read as a person's: not a label ("Now Reading:"),
    not a prefix left alone ("Kommentar von"), no digits ("Example H2"); and, when some are printed
    twice, those (a byline repeated over the body beside a section name once).

    >>> _likely_names(["Federal Politics", "Dan Jervis-Bardy", "Dan Jervis-Bardy"])
    ['Dan Jervis-Bardy']
    >>> _likely_names(["Kommentar von", "Jan Sellner"]), _likely_names(["Jane Doe"])
    (['Jan Sellner'], ['Jane Doe'])
    """
    if len(set(found)) < 2:
        return found
    kept = [n for n in found if not n.rstrip().endswith(":") and not _DIGIT.search(n)
            and n.split()[-1].casefold() not in NAME_PARTICLES and n.split()[-1].casefold() not in ("by", "von", "par")]
    repeated = [n for n in kept if kept.count(n) > 1]
    return list(dict.fromkeys(repeated or kept or found))


def _is_role(line: Line | None) -> bool:
    """Whether a line is a job title under a name ("Games Editor", "Senior Staff Writer")."""
    if line is None or line.kind not in (SHORT, KICKER) or line.words > 5:
        return False
    return any(word.strip(",.&()").casefold() in _ROLE_WORDS for word in line.text.split())


def _unprefixed(text: str) -> str:
    """A name line without the prefix a column prints before it ("Kolumne von Lars Brunckhorst").

    >>> _unprefixed("Kolumne von Lars Brunckhorst"), _unprefixed("Jane Doe")
    ('Lars Brunckhorst', 'Jane Doe')
    """
    signed = _SIGNED.match(text)
    return (_name_run(signed["rest"]) or text) if signed else text


def _name_run(text: str) -> str | None:
    """The names opening ``text``, up to its first word in lower case that is no name particle,
    when they are 2 to 8 words that ``clean_authors`` reads as names.

    >>> _name_run("Hannah Ritzmann, Redakteurin für Finanzen"), _name_run("Diana Resnik mit AP")
    ('Hannah Ritzmann', 'Diana Resnik')
    """
    words: list[str] = []
    for word in text.split():
        bare = word.strip(",;:()")
        if not bare or not (bare[0].isupper() or bare.casefold() in NAME_PARTICLES):
            break
        words.append(word)
        if word.endswith((",", ";")):
            break
    while words and words[-1].casefold().strip(",;") in NAME_PARTICLES:
        words.pop()
    names = " ".join(words).strip(" ,;")
    if not 2 <= len(names.split()) <= 8 or _GLUED.search(names):
        return None
    cleaned = clean_authors([names])
    return names if cleaned and sum(len(n.split()) for n in cleaned) == len(names.split()) else None


def _in_menu(header: list[Line], position: int) -> bool:
    """Whether a byline-like line sits in a menu: by other "By ..." lines ("By Industry", "By Role"),
    or between two short menu items.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> lines = read_lines("Finance\\nBy Industry\\nHealthcare\\nStorm hits coast\\nBy Ann Lee\\nMarch 12, 2024")
    >>> _in_menu(lines, 1), _in_menu(lines, 4)
    (True, False)
    """
    around = [line for line in header[max(0, position - 2) : position + 3] if line is not header[position]]
    if any(line.kind == BYLINE for line in around):
        return True
    before = header[position - 1] if position > 0 else None
    after = header[position + 1] if position + 1 < len(header) else None
    return all(line is not None and line.kind in (SHORT, KICKER) and line.words <= 6 for line in (before, after))


def _leading_name(text: str) -> str | None:
    """The person's name that opens a date line ("Tom Talbot October 14, 2025", "Jane Doe • Oct 2, 2025").

    >>> _leading_name("Tom Talbot October 14, 2025"), _leading_name("Updated October 14, 2025")
    ('Tom Talbot', None)
    """
    words: list[str] = []
    for word in _NAME_END.split(text, maxsplit=1)[0].split():
        folded = word.casefold().rstrip(".")
        if not word[0].isupper() or folded in MONTH_WORDS or folded in DATE_NOISE or folded in _NOT_NAME:
            break
        if _GLUED.search(word):
            return None
        words.append(word)
    if not 2 <= len(words) <= 4:
        return None
    names = clean_authors([" ".join(words)])
    return ", ".join(names) if names and sum(len(n.split()) for n in names) == len(words) else None


def _same(a: str, b: str) -> bool:
    return line_key(a) == line_key(b)


def name_lines(header: list[Line]) -> set[int]:
    """Header lines that are only a person's name, next to a date or a byline: the author, unprefixed
    ("Jane Doe" over "October 1, 2025")."""
    found: set[int] = set()
    for position, line in enumerate(header):
        if line.kind != SHORT or not 2 <= line.words <= 6 or line.in_widget:
            continue
        before = [n for n in header[max(0, position - 4) : position] if n.kind != MARKER][-2:]
        after = [n for n in header[position + 1 : position + 5] if n.kind != MARKER][:2]
        if not any(n.kind in (DATE, BYLINE, READING) for n in before + after):
            continue
        words = line.text.split()
        # Only capitalised words make a name ("Jane Doe in Washington" has one and a place);
        # scripts without case give no such evidence.
        if not words[0][0].isupper() or not all(
            w[0].isupper() or w.casefold() in NAME_PARTICLES or w in ("in", "at", "for") for w in words
        ):
            continue
        names = clean_authors([line.text])
        if names and sum(len(n.split()) for n in names) * 2 >= line.words:
            found.add(position)
    return found


def _previous_meaningful(lines: list[Line], position: int) -> Line | None:
    for line in reversed(lines[max(0, position - 3) : position]):
        if line.kind not in (MARKER,):
            return line
    return None


def _header_image(header: list[Line], used: set[int], headline: str | None) -> Image | None:
    for position, line in enumerate(header):
        if line.in_widget:
            continue
        if line.kind == CAPTION:
            caption, credit, note = caption_parts(line.text)
            if caption is None and position > 0:
                # A credit on its own line ("Photo: Jane Doe/AFP") belongs to the line above.
                above = header[position - 1]
                if above.kind in (PROSE, SHORT) and position - 1 not in used:
                    caption = above.text
                    used.add(position - 1)
            used.add(position)
            return Image(caption=caption, credit=credit, note=note)
        if line.kind in (CREDIT, SHORT) and position > 0 and is_bare_photo_credit(line.text):
            above = header[position - 1]
            if above.kind == PROSE and position - 1 not in used and not (headline and _same(above.text, headline)):
                used.update({position - 1, position})
                return Image(caption=above.text, credit=line.text.strip(" ()[]"))
    return None


def _standfirst(header: list[Line], head_at: int | None, used: set[int], headline: str | None) -> str | None:
    if head_at is None:
        return None
    for position in range(head_at + 1, len(header)):
        line = header[position]
        if position in used or line.in_widget or (headline and _same(line.text, headline)):
            continue
        if line.kind in (PROSE, SHORT) and 8 <= line.words <= 80:
            following = next((n for n in header[position + 1 :] if n.kind != MARKER), None)
            if (line.kind == PROSE and following is not None and following.kind == PROSE and following.words >= 20
                    and not following.in_widget):
                # Prose runs on under it: the header took in the story (its body run is elsewhere),
                # and this is the story's first paragraph, not a standfirst.
                return None
            used.add(position)
            return line.text
    return None


def _section(header: list[Line], head_at: int | None) -> str | None:
    """The section: a date line's leftover words ("date 2025-10-01 MIDDLE EAST"), a breadcrumb's
    last step, or a kicker or short label just over the headline."""
    limit = head_at if head_at is not None else len(header)
    headline = line_key(header[head_at].text) if head_at is not None else ""
    # Kickers count only right over the headline; further up they are menu items ("US", "WORLD").
    meaningful_above = [p for p in range(limit) if header[p].kind != MARKER]
    near = meaningful_above[-4] if len(meaningful_above) >= 4 else 0
    candidates: list[str] = []
    for position, line in enumerate(header[:limit]):
        if line.in_widget:
            continue
        if line.kind == DATE:
            rest = date_leftover(line.text)
            if 1 <= len(rest) <= 4 and all(w[:1].isalpha() for w in rest):
                candidates.append(" ".join(rest))
        elif line.kind == KICKER and position >= near:
            candidates.append(line.text)
        elif line.kind == SHORT and 2 <= len(BREADCRUMB_SPLIT.split(line.text)) <= 6:
            crumbs = [c for c in BREADCRUMB_SPLIT.split(line.text)
                      if c and c.casefold() != "home" and line_key(c) != headline]
            if crumbs and all(len(c.split()) <= 4 for c in crumbs):
                candidates.append(crumbs[-1])
    if not candidates and head_at:
        above = _previous_meaningful(header, head_at)
        if above is not None and above.kind == SHORT and above.words <= 3 and not above.in_widget:
            candidates.append(above.text)
    return section_title(candidates[-1]) if candidates else None


_WEEKDAY: Final = re.compile(
    r"(?<![^\W\d_])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag"
    r"|freitag|samstag|sonnabend|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles"
    r"|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|maandag|dinsdag"
    r"|woensdag|donderdag|vrijdag|zaterdag|zondag|måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|mandag|tirsdag"
    r"|lørdag|søndag)(?![^\W\d_])",
    re.IGNORECASE,
)


def _masthead_dates(header: list[Line], head_at: int | None) -> set[int]:
    """The indexes of date lines naming a weekday more than three lines over the headline: a masthead's today.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> lines = read_lines("Friday, December 19, 2025\\nNews\\nSport\\nOpinion\\nStorm hits\\nDecember 12, 2025")
    >>> _masthead_dates(lines, 4), _masthead_dates(lines, 2)
    ({0}, set())
    """
    if head_at is None:
        return set()
    return {line.index for line in header[: max(0, head_at - 3)] if line.kind == DATE and _WEEKDAY.search(line.text)}


def dates(lines: Iterable[Line]) -> tuple[str | None, str | None]:
    """Publication and update dates from date lines and bylines: "Published 1 Oct · Updated 2 Oct".

    >>> from newsdesk.extract.text_classify import read_lines
    >>> dates(read_lines("Published 1 October 2025 · Updated 2 October 2025"))
    ('2025-10-01', '2025-10-02')
    """
    published: str | None = None
    updated: str | None = None
    for line in lines:
        if not _bears_date(line):
            continue
        text = unglue_date(line.text)
        split = UPDATED_SPLIT.search(text)
        before, after = (text[: split.start()], text[split.end() :]) if split else (text, "")
        day_first = True if _EUROPEAN_LINE.search(text) and not _AM_PM.search(text) else None
        found = find_date(before, day_first=day_first)
        if found:
            published = _more_precise(published, found)
        found_updated = find_date(after, day_first=day_first) if after else None
        if found_updated:
            updated = updated or found_updated
    return published, updated


# Copying drops the space between a name or label and the month after it ("Stef KeeganAugust 5, 2024",
# "EditorialNovember 22, 2018"), and between a year and a reading time ("Mar 27, 20255 mins").
_GLUED_MONTH: Final = re.compile(r"(?<=[a-zà-ÿ])(?P<month>[A-Z][a-z]{2,8})(?=\.?\s*\d)")
_GLUED_MINUTES: Final = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\d{1,3}\s*(?:mins?|minutes?)\b)", re.IGNORECASE)


# A line that says when the story appeared, whatever the classifier made of its length
# ("Publié le 30 août 2023 à 14h52, modifié le ...", "Posted on December 20, 2025 by ... - 5 Comments on ...").
_PUBLISHED_LABEL: Final = re.compile(
    r"^\W*(?:published|posted|publié|publiée|publicado|publicada|veröffentlicht|publiziert|publisert|publicerad"
    r"|pubblicato|erschienen|opublikowano)\b",
    re.IGNORECASE,
)


def _bears_date(line: Line) -> bool:
    """Whether ``dates`` reads a line: a date line or byline; a short line a copy glued together
    ("Stef KeeganAugust 5, 2024"); a short or prose line that opens with a publishing label, however long.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> lines = read_lines("Stef KeeganAugust 5, 2024\\nRain fell in the county on 5 August 2024, and roads closed.")
    >>> [(line.kind, _bears_date(line)) for line in lines]
    [('short', True), ('prose', False)]
    """
    if line.kind in (DATE, BYLINE):
        return True
    if line.kind == SHORT and line.words <= 12 and (_glued_date(line.text) or _european_numeric_date(line.text)):
        return True
    return line.kind in (SHORT, PROSE) and line.words <= 40 and _PUBLISHED_LABEL.match(line.text) is not None


def _glued_date(text: str) -> bool:
    """Whether a short line is a date line that copying glued together, which the classifier could not read."""
    return bool(_GLUED_MINUTES.search(text) or any(m["month"].casefold() in MONTH_WORDS
                                                  for m in _GLUED_MONTH.finditer(text)))


# A dateline's place joined to a numeric date by a hyphen ("Madrid-29/05/2025 20:00").
_GLUED_PLACE: Final = re.compile(r"(?<=[^\W\d_])-(?=\d{1,2}/\d{1,2}/\d{4})")


def unglue_date(text: str) -> str:
    """A date line with the spaces copying removed around its month and year put back.

    >>> unglue_date("Stef KeeganAugust 5, 2024"), unglue_date("May 2nd 202511 mins")
    ('Stef Keegan August 5, 2024', 'May 2nd 2025 11 mins')
    >>> unglue_date("McDonald 5 stores"), unglue_date("Madrid-29/05/2025 20:00")
    ('McDonald 5 stores', 'Madrid 29/05/2025 20:00')
    """
    text = _GLUED_MONTH.sub(lambda m: " " + m["month"] if m["month"].casefold() in MONTH_WORDS else m[0], text)
    return unglue(_GLUED_PLACE.sub(" ", _GLUED_MINUTES.sub(r"\1 ", text)))


# What says a date line is Europe's, where 06/01/2026 is 6 January: a 24-hour clock past noon or at
# midnight, a European zone or clock word, a label in a language of the continent.
_EUROPEAN_LINE: Final = re.compile(
    r"(?<!\d)(?:1[3-9]|2[0-3]|00)[:.h][0-5]\d(?!\d)|\b(?:uhr|mez|mesz|cet|cest|kl|publié|publiée|actualizado"
    r"|publicado|veröffentlicht|aktualisiert|pubblicato|aggiornato)\b",
    re.IGNORECASE,
)
_AM_PM: Final = re.compile(r"\d\s*[ap]\.?\s?m\b", re.IGNORECASE)


def _european_numeric_date(text: str) -> bool:
    """Whether a short line is a numeric date that only a European reading makes one of, which the
    classifier left unread ("Zuerst veröffentlicht am 06/01/2026 - 14:02 MEZ", "Madrid-29/05/2025 20:00")."""
    if "/" not in text or not _EUROPEAN_LINE.search(text) or _AM_PM.search(text):
        return False
    return find_date(unglue_date(text), day_first=True) is not None


def _more_precise(current: str | None, found: str) -> str:
    # The first date wins; a later line giving the same day with a time refines it.
    if current is None:
        return found
    if len(found) > len(current) and found.startswith(current):
        return found
    return current


def _reading_minutes(header: list[Line]) -> int | None:
    for line in header:
        if line.in_widget or line.kind not in (READING, DATE, BYLINE, SHORT, KICKER):
            continue
        match = READING_TIME.search(line.text)
        if match:
            minutes = int(match.group(1))
            if 0 < minutes < 600:
                return minutes
    return None

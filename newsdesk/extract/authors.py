"""Person names out of bylines.

Bylines mix names with everything else a page says about its authors: "By", "Reporting by",
job titles ("Senior Editor"), credentials ("MD"), outlets ("| Reuters"), dates, e-mail addresses,
Twitter handles and "Follow" buttons. This module keeps the names and nothing else, because a
wrong author is worse than none: when nothing left looks like a person's name the result is ``[]``.

The word lists are written by hand: no library knows the wire agencies and newsroom job titles
that bylines carry, and a list is cheap to read, extend and review.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

#: A name longer than this many words is a sentence, not a name.
MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 60

#: Bylines that name an outlet or a desk, never a person (compared case-folded, whole).
_OUTLETS = frozenset(
    {
        "reuters", "thomson reuters", "ap", "the associated press", "associated press", "afp",
        "agence france-presse", "agence france presse", "dpa", "efe", "ansa", "xinhua", "tass", "ria novosti",
        "anadolu", "anadolu agency", "aa", "kyodo", "yonhap", "pti", "ians", "ani", "upi", "bloomberg",
        "cnn", "bbc", "bbc news", "trt", "trt world", "trt world and agencies", "al jazeera", "sputnik",
        "staff", "admin", "administrator", "editor", "editors", "the editors", "guest", "guest author",
        "contributor", "contributors", "anonymous", "unknown", "redaktion", "rédaction", "redacción",
        "redazione", "redação", "redactie", "web desk", "news desk", "newsdesk", "desk", "newsroom",
        "editorial board", "the editorial board", "editorial", "wires", "wire", "agencies", "wire services",
        "staff reports", "staff report", "press release", "sponsored", "partner content",
    }
)

#: Words that make a name an organisation wherever they stand in it.
_ORG_WORDS = frozenset(
    {
        "news", "agency", "agencies", "press", "presse", "media", "team", "staff", "desk", "editorial",
        "board", "bureau", "newsroom", "inc", "inc.", "ltd", "ltd.", "llc", "gmbh", "group", "network",
        "service", "services", "department", "office", "ministry", "university", "institute",
        "center", "centre", "association", "foundation", "committee", "council", "company",
        "corporation", "magazine", "times", "journal", "daily", "herald", "tribune", "gazette",
        "radio", "television", "tv", "online", "reuters", "associated", "afp", "bloomberg", "redaktion",
        "rédaction", "redacción", "redazione", "wire", "wires", "publishing", "publications",
        "communications", "marketing", "official", "website", "blog", "com", "org",
    }
)

#: Job titles and credentials: trimmed from the ends of a name, and a piece made only of them
#: ("Staff Writer", "MD, PhD") is dropped.
_TITLE_WORDS = frozenset(
    {
        "writer", "writers", "correspondent", "correspondents", "editor", "editors", "reporter",
        "reporters", "columnist", "contributor", "contributing", "journalist", "producer", "analyst",
        "photographer", "author", "chief", "senior", "sr", "sr.", "junior", "deputy", "associate",
        "managing", "executive", "staff", "special", "guest", "freelance", "political", "foreign",
        "diplomatic", "economics", "economy", "business", "sports", "sport", "health", "science",
        "technology", "tech", "culture", "national", "international", "investigative", "white", "house",
        "bureau", "ceo", "cto", "cfo", "founder", "co-founder", "president", "director",
        "manager", "head", "expert", "specialist", "consultant", "strategist", "host", "anchor",
        "intern", "fellow", "professor", "lecturer", "researcher", "spokesperson", "spokesman",
        "redakteur", "redakteurin", "korrespondent", "korrespondentin", "autor", "autorin",
        "journaliste", "envoyé", "envoyée", "spécial", "spéciale", "periodista", "corresponsal",
        "giornalista", "inviato", "inviata", "muhabir", "md", "m.d.", "phd", "ph.d.", "ph.d", "rn", "rd",
        "ms", "ma", "mba", "cpa", "cfp", "jd", "j.d.", "dds", "do", "np", "pa", "lcsw", "esq", "esq.",
        "facp", "faclm", "fand", "cfa", "cpp", "psp", "msc", "bsc", "dr.ph", "mph", "dvm", "pharmd",
    }
)

#: Page furniture that sits inside byline elements ("Follow", "View all posts").
_FURNITURE_WORDS = frozenset(
    {
        "follow", "email", "e-mail", "twitter", "facebook", "linkedin", "instagram", "contact",
        "view", "profile", "posts", "articles", "stories", "more", "read", "see", "all", "about",
        "bio", "share", "subscribe", "updated", "published", "posted", "last", "min", "mins", "minute",
        "minutes", "hours", "ago", "comments", "comment", "am", "pm", "today", "yesterday",
        "photo", "photos", "video", "image", "images", "getty", "shutterstock", "illustration",
        "copyright", "home", "menu", "search", "advertisement", "sign", "login", "newsletter",
    }
)

#: Month and weekday names that a date leaves behind once its numbers are gone ("Jane Doe October").
#: May, June, April and August are left out: they are also first names and surnames.
_DATE_WORDS = frozenset(
    {
        "january", "february", "march", "july", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "et", "est", "edt", "gmt", "utc", "bst", "cet", "cest", "pt", "pst", "pdt",
    }
)
_TRIMMED_WORDS = _TITLE_WORDS | _FURNITURE_WORDS | _DATE_WORDS

#: Lower-case particles inside names ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
_PARTICLES = frozenset(
    {
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le",
        "bin", "bint", "ibn", "al", "el", "ter", "ten", "y", "e", "zu", "af", "st.", "mac", "ben",
    }
)

_SPACES = re.compile(r"\s+")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HANDLE = re.compile(r"(?<!\w)@\w+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Segments of a byline that are never about who wrote it.
_SEGMENT_SPLIT = re.compile(r"\s*(?:[|•·;\n\t/]|\s[-–—]\s|\s-{2}\s)\s*")
_SKIP_SEGMENT = re.compile(
    r"^(?:editing|edited|writing\s+and\s+editing|translated|translation|translating|photos?|photographs?|"
    r"photography|illustrations?|graphics|video|produced|design|fact-?checked|reviewed|"
    r"medically\s+reviewed|sources?|image|credit|bearbeitet|übersetzt|foto|traduit|traducción)\b",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^(?:(?:written|reported|reporting|additional\s+reporting|words|text|story|posted|published|"
    r"compiled|interview|analysis|opinion|commentary|column|a\s+column|an?\s+(?:opinion|analysis))\s+)?"
    r"(?:by|von|par|por|door|av|af|przez|tarafından)(?:\s*:|\s)\s*",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:author|authors|autor|autoren|autorin|auteur|auteurs|autore|autori|autores|yazar|byline|"
    r"text|written|writer|reporter|reporting|source|posted|von|by)\s*[:：]\s*",
    re.IGNORECASE,
)
# What follows a name in a sentence-like byline ("Jane Doe in Ankara", "Jane Doe is a reporter").
_TAIL = re.compile(
    r"\s+(?:in|at|for|from|is|was|has|covers|writes|reports|based|who|on|via|für|aus|pour|à|en|para|desde|"
    r"per|voor|uit|tarafından)\s.*$|\s+(?:on|am|le|el|il|op)$",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(
    r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|und|et|y|e|ve|with|mit|avec|con|com|met|ile)\s+|\s*&\s*|\s+\+\s+",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# Numbers are dates, times, counts and ids in a byline; they become segment breaks.
_NUMBER = re.compile(r"\d[\d:.,/-]*")
# Characters no name contains. Checked this way rather than "letters only" so that scripts with
# combining marks (Devanagari, Arabic with vowel signs) pass.
_NOT_IN_NAMES = re.compile(r"[!?#$%^*=+<>{}\[\]~`\"“”«»/\\|@_:;,()&]")
_LETTER = re.compile(r"[^\W\d_]")
_TRIM_CHARS = " \t\r\n,.;:|-–—•·*\"'“”‘’()[]{}<>"


def clean_authors(raw: Iterable[str]) -> list[str]:
    """Person names from raw byline strings, cleaned, split and de-duplicated.

    >>> clean_authors(["By JANE DOE and John Smith | Reuters"])
    ['Jane Doe', 'John Smith']
    >>> clean_authors(["Reporting by Jane Doe in Ankara; Editing by Mark Heinrich"])
    ['Jane Doe']
    >>> clean_authors(["Staff Writer", "AP"])
    []
    """
    names: list[str] = []
    seen: set[str] = set()
    for text in raw:
        if not isinstance(text, str):
            continue
        for name in _names_in(text):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def _names_in(text: str) -> list[str]:
    """The person names in one byline string."""
    text = html.unescape(text) if "&" in text else text
    if len(text) > 1000:
        # Author bios and whole paragraphs are not bylines.
        return []
    text = _URL.sub(" ", _EMAIL.sub(" ", text))
    text = _BRACKETS.sub(" ", _HANDLE.sub(" ", text))
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    text = _NUMBER.sub(" | ", text)
    names: list[str] = []
    for segment in _SEGMENT_SPLIT.split(text):
        segment = _SPACES.sub(" ", segment).strip(_TRIM_CHARS)
        if not segment or _SKIP_SEGMENT.match(segment):
            continue
        segment = _LABEL.sub("", segment)
        segment = _strip_lead_in(segment)
        for piece in _NAME_SPLIT.split(segment):
            name = _clean_name(piece)
            if name is not None:
                names.append(name)
    return names


def _strip_lead_in(segment: str) -> str:
    match = _LEAD_IN.match(segment)
    if match is None:
        return segment
    rest = segment[match.end() :]
    word = match.group(0).strip().rstrip(":").casefold()
    # "Von Miller" or "Par Singh" may be the name itself; a foreign "by" is taken only before 2+ words.
    could_be_name = word in ("von", "par", "por", "door", "av", "af") and match.group(0)[0].isupper()
    if could_be_name and len(rest.split()) < 2:
        return segment
    return rest


def _clean_name(piece: str) -> str | None:
    """One candidate name, cleaned, or None when it is not a person's name."""
    piece = _TAIL.sub("", piece.strip(_TRIM_CHARS)).strip(_TRIM_CHARS)
    if not piece or _DIGIT.search(piece):
        return None
    if piece.casefold() in _OUTLETS:
        return None
    words = piece.split()
    while words and _bare(words[0]) in _TRIMMED_WORDS:
        words.pop(0)
    while words and _bare(words[-1]) in _TRIMMED_WORDS:
        words.pop()
    if not words or len(words) > MAX_NAME_WORDS:
        return None
    folded = [_bare(word) for word in words]
    if any(word in _ORG_WORDS or word in _TITLE_WORDS or word in _FURNITURE_WORDS for word in folded):
        return None
    if " ".join(folded) in _OUTLETS:
        return None
    if any(_NOT_IN_NAMES.search(word) or not _LETTER.search(word) for word in words):
        return None
    if len(words) == 1 and words[0].isupper():
        # A lone capitalised acronym is an outlet or a zone ("AFP", "EDT"), not a person.
        return None
    name = " ".join(words)
    if len(name) > MAX_NAME_CHARS or len(name.replace(".", "").replace(" ", "")) < 2:
        return None
    return _fix_case(words)


def _bare(word: str) -> str:
    return word.strip(".,:;'’\"").casefold()


def _fix_case(words: list[str]) -> str | None:
    """Title Case for ALL CAPS or all-lower-case names; None when the casing says "not a name"."""
    letters = "".join(words)
    is_upper = letters.isupper() and len(letters.replace(".", "")) > 3
    is_lower = letters.islower()
    if is_lower and len(words) < 2:
        # A single lower-case word is a user name ("admin", "jdoe"), not a byline.
        return None
    if is_upper or is_lower:
        return " ".join(_title_word(word, i) for i, word in enumerate(words))
    for i, word in enumerate(words):
        first = word[0]
        # Names start with a capital, apart from particles; scripts without case pass.
        if first.islower() and not (i > 0 and _bare(word) in _PARTICLES):
            return None
    return " ".join(words)


def _title_word(word: str, position: int) -> str:
    if position > 0 and word.casefold() in _PARTICLES:
        return word.casefold()
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[0].upper() + m.group(0)[1:].lower(), word)

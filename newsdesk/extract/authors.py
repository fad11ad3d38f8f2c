"""Person names out of bylines.

Bylines mix names with everything else a page says about its authors: "By", "Reporting by",
job titles ("Senior Editor"), credentials ("MD"), outlets ("| Reuters"), dates, e-mail addresses,
Twitter handles and "Follow" buttons. This module keeps the names and nothing else, because a
wrong author is worse than none: when nothing left looks like a person's name the result is ``[]``.
Organisation bylines ("Reuters", "Podium Staff", "The Editorial Board") are not people and are
dropped too; wire agencies are recognised elsewhere (the wire-source extractor).

The word lists are written by hand: no library knows the wire agencies and newsroom job titles
that bylines carry, and a list is cheap to read, extend and review.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Final

#: A name longer than this many words is a sentence, not a name.
MAX_NAME_WORDS: Final = 5
MAX_NAME_CHARS: Final = 60

#: Bylines that name an outlet or a desk, never a person (compared case-folded, whole).
_OUTLETS: Final = frozenset(
    {
        "reuters", "thomson reuters", "ap", "the associated press", "associated press", "afp",
        "agence france-presse", "agence france presse", "dpa", "efe", "ansa", "xinhua", "tass", "ria novosti",
        "anadolu", "anadolu agency", "aa", "kyodo", "yonhap", "pti", "ians", "ani", "upi", "bloomberg",
        "cnn", "bbc", "bbc news", "trt", "trt world", "trt world and agencies", "al jazeera", "sputnik",
        "staff", "admin", "administrator", "editor", "editors", "the editors", "guest", "guest author",
        "contributor", "contributors", "anonymous", "unknown", "redaktion", "rédaction", "redacción",
        "redazione", "redação", "redactie", "web desk", "news desk", "newsdesk", "desk", "newsroom",
        "editorial board", "the editorial board", "editorial", "wires", "wire", "agencies", "wire services",
        "staff reports", "staff report", "press release", "sponsored", "partner content", "webmaster",
    }
)

#: Words that make a name an organisation wherever they stand in it.
_ORG_WORDS: Final = frozenset(
    {
        "news", "agency", "agencies", "press", "presse", "media", "team", "staff", "desk", "editorial",
        "board", "bureau", "newsroom", "inc", "ltd", "llc", "gmbh", "plc", "corp", "co", "pc", "group",
        "network", "service", "services", "department", "office", "ministry", "university", "institute",
        "center", "centre", "association", "foundation", "committee", "council", "company", "companies",
        "corporation", "magazine", "times", "journal", "daily", "herald", "tribune", "gazette",
        "radio", "television", "tv", "online", "reuters", "associated", "afp", "bloomberg", "redaktion",
        "rédaction", "redacción", "redazione", "wire", "wires", "publishing", "publications",
        "communications", "marketing", "official", "website", "blog", "clinic", "hospital", "school",
        "college", "academy", "studio", "studios", "labs", "solutions", "systems", "technologies",
        "software", "partners", "consulting", "dentistry", "insurance", "financial", "tips", "reviews",
        "podcast", "channel", "club", "society", "federation", "organization", "organisation",
        "administration", "government", "community", "editors", "contributors", "webmaster", "admin",
    }
)

#: Roles a byline adds after (or before) a name: "Jane Doe, Staff Writer", "Senior Editor Jane Doe".
_ROLE_WORDS: Final = frozenset(
    {
        "writer", "writers", "correspondent", "correspondents", "reporter", "reporters", "columnist",
        "contributing", "journalist", "producer", "analyst", "photographer", "author", "chief", "senior",
        "sr", "junior", "deputy", "associate", "managing", "executive", "special", "freelance",
        "political", "foreign", "diplomatic", "economics", "economy", "business", "sports", "sport",
        "health", "science", "technology", "tech", "culture", "national", "international",
        "investigative", "white", "house", "ceo", "cto", "cfo", "founder", "co-founder", "president",
        "director", "manager", "head", "expert", "specialist", "consultant", "strategist", "host",
        "anchor", "intern", "fellow", "professor", "lecturer", "researcher", "spokesperson", "spokesman",
        "lead", "reviewer", "architect", "attorney", "lawyer", "former", "coordinator", "officer",
        "redakteur", "redakteurin", "korrespondent", "korrespondentin", "autor", "autorin",
        "journaliste", "envoyé", "envoyée", "spécial", "spéciale", "periodista", "corresponsal",
        "giornalista", "inviato", "inviata", "muhabir",
    }
)
#: Collective nouns: a byline that only adds these to a word or two is a desk or an outlet
#: ("Podium Staff", "AAA Travel Editor"), not a person with a role.
_COLLECTIVE_WORDS: Final = frozenset(
    {"staff", "team", "editor", "editors", "desk", "contributor", "contributors", "newsroom", "guest"}
)
#: Credentials after a name ("MD", "Ph.D."); trimmed only from the end and only when not written
#: as a Title-case word, because "Ma" and "Md" are also names.
_CREDENTIALS: Final = frozenset(
    {
        "md", "m.d", "phd", "ph.d", "ph.d.", "rn", "rd", "ms", "ma", "m.a", "mba", "cpa", "cfp", "jd",
        "j.d", "dds", "do", "np", "pa", "lcsw", "esq", "facp", "faclm", "fand", "cfa", "cpp", "psp",
        "msc", "bsc", "mph", "dvm", "vmd", "pharmd", "lvt", "vts", "dacvb", "mw", "jr", "sr",
    }
)

#: Page furniture that sits inside byline elements ("Follow", "View all posts", "Full bio").
_FURNITURE_WORDS: Final = frozenset(
    {
        "follow", "email", "e-mail", "twitter", "facebook", "linkedin", "instagram", "contact",
        "view", "profile", "posts", "articles", "stories", "more", "read", "see", "all", "about",
        "bio", "full", "share", "subscribe", "updated", "published", "posted", "last", "min", "mins",
        "minute", "minutes", "hours", "ago", "comments", "comment", "am", "pm", "today", "yesterday",
        "photo", "photos", "video", "image", "images", "getty", "shutterstock", "illustration",
        "copyright", "home", "menu", "search", "advertisement", "sign", "login", "newsletter",
        "by", "written", "name", "author", "authors", "print", "text", "size", "small", "medium", "large",
    }
)

#: Month and weekday names that a date leaves behind once its numbers are gone ("Jane Doe October").
#: May, June, April and August are not here, nor "Jan" and "Jun": they are also first names and
#: surnames ("Jan Sellner"); they are removed only where they touch a number.
_DATE_WORDS: Final = frozenset(
    {
        "january", "february", "march", "july", "september", "october", "november", "december",
        "feb", "mar", "apr", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "et", "est", "edt", "gmt", "utc", "bst", "cet", "cest", "pt", "pst", "pdt",
    }
)
_TRIMMED_WORDS: Final = _ROLE_WORDS | _COLLECTIVE_WORDS | _FURNITURE_WORDS | _DATE_WORDS
#: Words that name an organisation and not a group of the outlet's people (made once, not per word looked up).
_ORGANISATION_WORDS: Final = _ORG_WORDS - _COLLECTIVE_WORDS

#: Words no person's name begins with ("The Commercial Appeal", "Our Editors", "Team Hawks").
_NOT_FIRST_WORDS: Final = frozenset(
    {
        "the", "our", "a", "an", "team", "meet", "your", "my", "this", "in",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    }
)
#: English function words that never stand inside a person's name ("Great On-page Seo For").
_NOT_NAME_WORDS: Final = frozenset(
    {
        "for", "that", "you", "can", "your", "how", "what", "why", "when", "where", "these", "those",
        "is", "are", "was", "were", "will", "it", "its", "we", "to", "as", "into", "with", "from", "not",
        "forum", "ideas", "guide", "tips", "and", "or", "but", "if",
    }
)

#: Lower-case particles inside names ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
_PARTICLES: Final = frozenset(
    {
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le",
        "bin", "bint", "ibn", "al", "el", "ter", "ten", "y", "e", "zu", "af", "st.", "mac", "ben",
    }
)

_MONTH_NAMES: Final = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_EMAIL: Final = re.compile(r"\S+@\S+\.\w+")
_URL: Final = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HANDLE: Final = re.compile(r"(?<!\w)@\w+")
_BRACKETS: Final = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# A month name touching a number is part of a date ("June 5, 2024", "5 June"), never a name.
_MONTH_BY_NUMBER: Final = re.compile(
    rf"\b(?:{_MONTH_NAMES})\.?,?\s*(?=\d)|(?<=\d)(?:st|nd|rd|th)?\.?\s*(?:{_MONTH_NAMES})\b", re.IGNORECASE
)
# Numbers are dates, times, counts and ids in a byline; they become segment breaks.
_NUMBER: Final = re.compile(r"\d[\d:.,/-]*")
# Segments of a byline that are never about who wrote it.
_SEGMENT_SPLIT: Final = re.compile(r"\s*(?:[|•·;\n\t/]|\s[-–—]\s|\s-{2}\s)\s*")
_SKIP_SEGMENT: Final = re.compile(
    r"^(?:editing|edited|writing\s+and\s+editing|translated|translation|translating|photos?|photographs?|"
    r"photography|illustrations?|graphics|video|produced|design|fact-?checked|reviewed|"
    r"medically\s+reviewed|sources?|image|credit|bearbeitet|übersetzt|foto|traduit|traducción)\b",
    re.IGNORECASE,
)
_LEAD_IN: Final = re.compile(
    r"^(?:(?:written|reported|reporting|additional\s+reporting|words|text|story|posted|published|"
    r"compiled|interview|analysis|opinion|commentary|column|a\s+column|an?\s+(?:opinion|analysis))\s+)?"
    r"(?:by|von|par|por|door|av|af|przez|tarafından)(?:\s*:|\s)\s*",
    re.IGNORECASE,
)
_LABEL: Final = re.compile(
    r"^(?:author|authors|autor|autoren|autorin|auteur|auteurs|autore|autori|autores|yazar|byline|"
    r"text|written|writer|reporter|reporting|source|posted|von|by)\s*[:：]\s*",
    re.IGNORECASE,
)
# What follows a name in a sentence-like byline ("Jane Doe in Ankara", "Jane Doe is a reporter").
_TAIL: Final = re.compile(
    r"\s+(?:in|at|for|from|is|was|has|covers|writes|reports|based|who|on|via|für|aus|pour|à|en|para|desde|"
    r"per|voor|uit|tarafından|as)\s.*$|\s+(?:on|am|le|el|il|op|as)$",
    re.IGNORECASE,
)
_COMMA: Final = re.compile(r"\s*,\s*")
_AND: Final = re.compile(
    r"^(?:and|&)\s+|\s+(?:and|und|et|y|e|ve|with|mit|avec|con|com|met|ile)\s+|\s*&\s*|\s+\+\s+",
    re.IGNORECASE,
)
_DIGIT: Final = re.compile(r"\d")
# Characters no name contains. Checked this way rather than "letters only" so that scripts with
# combining marks (Devanagari, Arabic with vowel signs) pass.
_NOT_IN_NAMES: Final = re.compile(r"[!?#$%^*=+<>{}\[\]~`\"“”«»/\\|@_:;,()&®©™]")
_LETTER: Final = re.compile(r"[^\W\d_]")
_DOMAIN: Final = re.compile(r"\.(?:com|net|org|io|co|uk|de|fr|info|biz|ai|app|dev)$", re.IGNORECASE)
_TRIM_CHARS: Final = " \t\r\n,.;:|-–—•·*\"'“”‘’()[]{}<>"


def clean_authors(raw: Iterable[str], *, strict: bool = False) -> list[str]:
    """Person names from raw byline strings, cleaned, split and de-duplicated.

    ``strict`` is for text read off the visible page rather than an author field: there a single
    word ("Print", "Human") or a brand-like word ("SoundGuys") is page furniture far more often
    than a name, so names must have two words and ordinary capitalisation. Author fields in
    metadata may name "Susan" or "ServiceTitan", and those are kept.

    >>> clean_authors(["By JANE DOE and John Smith | Reuters"])
    ['Jane Doe', 'John Smith']
    >>> clean_authors(["Reporting by Jane Doe in Ankara; Editing by Mark Heinrich"])
    ['Jane Doe']
    >>> clean_authors(["Staff Writer", "AP", "Podium Staff"])
    []
    >>> clean_authors(["Susan"]), clean_authors(["Susan"], strict=True)
    (['Susan'], [])
    """
    names: list[str] = []
    seen: set[str] = set()
    for text in raw:
        if not isinstance(text, str):
            continue
        for name in _names_in(text, strict):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def _names_in(text: str, strict: bool) -> list[str]:
    """The person names in one byline string."""
    if len(text) > 1000:
        # Author bios and whole paragraphs are not bylines.
        return []
    # Each substitution runs only when the character it needs is there: most bylines are a plain
    # name, and this runs for every author field of every page.
    text = html.unescape(text) if "&" in text else text
    if "@" in text:
        text = _EMAIL.sub(" ", text)
    if "://" in text or "www." in text.lower():
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _HANDLE.sub(" ", text)
    if "(" in text or "[" in text:
        text = _BRACKETS.sub(" ", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    if _DIGIT.search(text):
        text = _NUMBER.sub(" | ", _MONTH_BY_NUMBER.sub(" | ", text))
    names: list[str] = []
    for segment in _SEGMENT_SPLIT.split(text):
        segment = " ".join(segment.split()).strip(_TRIM_CHARS)
        if not segment or _SKIP_SEGMENT.match(segment):
            continue
        segment = _strip_lead_in(_LABEL.sub("", segment))
        for position, part in enumerate(_COMMA.split(segment)):
            names.extend(_names_in_part(part, first=position == 0, strict=strict))
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


def _names_in_part(part: str, first: bool, strict: bool) -> list[str]:
    """Names in one comma-separated part of a byline ("Jane Doe and John Smith").

    A part that names an organisation anywhere ("Center for Drug Evaluation and Research") is
    dropped whole, so that splitting on "and" does not leave half an organisation as a person.
    """
    pieces = [piece.strip(_TRIM_CHARS) for piece in _AND.split(part)]
    pieces = [_TAIL.sub("", piece).strip(_TRIM_CHARS) for piece in pieces if piece]
    words_of = [piece.split() for piece in pieces]
    if any(_bare(word) in _ORGANISATION_WORDS for words in words_of for word in words):
        return []
    names = []
    for words in words_of:
        name = _clean_name(words, first, strict)
        if name is not None:
            names.append(name)
    return names


def _clean_name(words: list[str], first: bool, strict: bool) -> str | None:
    """One candidate name, cleaned, or None when it is not a person's name.

    ``first`` says whether the words open the byline; later comma-separated parts that carry a
    role ("Jane Doe, Home and Digital Security Expert") are the role, not more people.
    """
    if not words or " ".join(words).casefold() in _OUTLETS:
        return None
    words = _without_repeats_and_initials(words)
    words, trimmed = _trim(words, keep=2 if first else 0)
    if not words:
        return None
    if trimmed & _ROLE_WORDS and not first:
        return None
    if trimmed and trimmed <= _COLLECTIVE_WORDS:
        return None
    folded = [_bare(word) for word in words]
    role_at = next((i for i, word in enumerate(folded) if word in _ROLE_WORDS), None)
    if role_at is not None:
        # "Liz Kenny Former McKinsey Consultant": the name ends where the role starts.
        if role_at < 2 or not first:
            return None
        words, folded = words[:role_at], folded[:role_at]
    if any(word in _ORG_WORDS or word in _FURNITURE_WORDS or word in _NOT_NAME_WORDS for word in folded):
        return None
    if " ".join(folded) in _OUTLETS or words[0].casefold() in _NOT_FIRST_WORDS:
        return None
    if len(words) > MAX_NAME_WORDS or not _looks_like_name(words, strict):
        return None
    return _fix_case(words)


def _without_repeats_and_initials(words: list[str]) -> list[str]:
    """Undo what avatars and screen-reader labels add to a byline's text.

    "CM Craig McCarthy" (initials in an avatar circle) becomes "Craig McCarthy", and
    "Yucy Yucy" or "Jane Doe Jane Doe" (image alt text then the name) is said once.
    """
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]
    if len(words) >= 3 and words[0].isupper():
        initials = "".join(word[0] for word in words[1:]).upper()
        if words[0] == initials or words[0] == initials[0] + initials[-1]:
            words = words[1:]
    return words


def _trim(words: list[str], keep: int) -> tuple[list[str], set[str]]:
    """Drop role, furniture and date words from both ends, and credentials from the end.

    Credentials are trimmed only while more than ``keep`` words remain: in "Rui Ma" the "Ma" is a
    name, in "Jane Doe, MA" the lone "MA" is not.
    """
    trimmed: set[str] = set()
    start, end = 0, len(words)
    while start < end and _bare(words[start]) in _TRIMMED_WORDS:
        trimmed.add(_bare(words[start]))
        start += 1
    while start < end:
        last = words[end - 1]
        if not (_bare(last) in _TRIMMED_WORDS or _is_credential(last, end - start, keep)):
            break
        trimmed.add(_bare(last))
        end -= 1
    return words[start:end], trimmed


def _is_credential(word: str, words_left: int, keep: int) -> bool:
    """A credential or an outlet's initials after a name: "MD", "Ph.D.", "USA"."""
    if words_left <= keep:
        return False
    bare = word.strip(".,")
    if _bare(word) in _CREDENTIALS and not (bare[:1].isupper() and bare[1:].islower()):
        return True
    letters = bare.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and "." not in bare


def _looks_like_name(words: list[str], strict: bool) -> bool:
    for word in words:
        if _NOT_IN_NAMES.search(word) or not _LETTER.search(word) or _DOMAIN.search(word):
            return False
        if any(ch.isnumeric() for ch in word):
            # Superscripts, fractions and other scripts' numerals that \d does not catch.
            return False
        if not strict:
            continue
        for part in word.split("-"):
            # "HomeAdvisor", "SoundGuys": a capital deep inside a word is a brand, not a name
            # ("McDonald", "DeSiato", "MacArthur" have theirs early).
            if any(ch.isupper() for ch in part[4:]) and not part.isupper():
                return False
    if len(words) == 1:
        word = words[0]
        if word.isupper() or len(word) < 2:
            # A lone capitalised acronym is an outlet or a zone ("AFP", "EDT"), not a person.
            return False
        # Strictly, one word is a first name, a handle or furniture; only uncased scripts write
        # a full name without spaces ("王小明").
        return not strict or word.lower() == word.upper()
    name = " ".join(words)
    return len(name) <= MAX_NAME_CHARS and len(name.replace(".", "").replace(" ", "")) >= 4


def _bare(word: str) -> str:
    return word.strip(".,:;'’\"").casefold()


def _fix_case(words: list[str]) -> str | None:
    """Title Case for ALL CAPS names; None when the casing says "not a name"."""
    letters = "".join(words)
    if letters.isupper() and len(letters.replace(".", "")) > 3:
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

"""News agencies, and the credit lines and datelines that say a story came from one.

A wire story carries its agency in a few fixed places: the dateline that opens the first
paragraph ("WASHINGTON (Reuters) -", "(AP) —", "BEIJING, Oct. 1 (Xinhua) --"), or a short credit
line near the end ("SOURCE:AA", "— AFP", "With AFP", "dpa/lni", "(Reporting by ...; Editing by
...)", "Copyright 2025 The Associated Press. All rights reserved."). Body sentences that merely
mention an agency ("..., Reuters reported.") are neither: every rule here matches a whole short
line or the very start of a paragraph, never a mention inside prose.

The agency table is written by hand: no library lists agencies with the spellings pages use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from newsdesk.extract.body_nodes import fold_ws
from newsdesk.model import WireSource

__all__ = [
    "AGENCIES",
    "Agency",
    "WireCredit",
    "find_wire_source",
    "is_credit_line",
    "lookup_agency",
    "wire_source_from_lines",
]


@dataclass(frozen=True, slots=True)
class Agency:
    """One news agency: its code, its name, and the other ways pages write it.

    ``bare`` says whether the code alone on a line ("AFP", "Reuters") is a credit; it is off for
    codes that are also ordinary words or page labels ("MAP", "PA").

    >>> Agency("AFP", "Agence France-Presse", ("Agence France Presse",)).code
    'AFP'
    """

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    bare: bool = True

    @property
    def source(self) -> WireSource:
        """The agency as the Article records it."""
        return WireSource(self.code, self.name)


#: The agencies newsdesk recognises, most widely syndicated first (the first one named wins a tie).
AGENCIES: Final[tuple[Agency, ...]] = (
    Agency("Reuters", "Reuters", ("REUTERS", "Thomson Reuters", "Reuters News", "Reuters Breakingviews")),
    Agency("AP", "Associated Press", ("The Associated Press", "AP News", "Associated Press (AP)")),
    Agency("AFP", "Agence France-Presse", ("Agence France Presse", "France-Presse", "France Presse")),
    Agency("AA", "Anadolu Agency", ("Anadolu", "Anadolu Ajansı", "Anadolu Ajansi", "AA.com.tr", "Anatolia")),
    Agency("dpa", "Deutsche Presse-Agentur", ("DPA", "Deutsche Presse Agentur")),
    Agency("EFE", "EFE", ("Agencia EFE", "Efe", "EPA-EFE")),
    Agency("ANSA", "ANSA", ("Agenzia ANSA", "Ansa")),
    Agency("Xinhua", "Xinhua", ("XINHUA", "Xinhua News Agency", "Xinhua News", "Xinhuanet")),
    Agency("Kyodo", "Kyodo News", ("KYODO", "Kyodo News Agency")),
    Agency("Yonhap", "Yonhap", ("YONHAP", "Yonhap News Agency", "Yonhap News")),
    Agency("PA", "PA Media", ("PA Wire", "Press Association", "PA Media/Press Association"), bare=False),
    Agency("UPI", "United Press International", ()),
    Agency("IANS", "Indo-Asian News Service", ("Indo Asian News Service",)),
    Agency("PTI", "Press Trust of India", ()),
    Agency("TASS", "TASS", ("ITAR-TASS", "Tass")),
    Agency("RIA", "RIA Novosti", ("RIA-Novosti", "RIA Novosti news agency")),
    Agency("ANI", "Asian News International", ()),
    Agency("Bernama", "Bernama", ("BERNAMA",)),
    Agency("KUNA", "Kuwait News Agency", ()),
    Agency("WAM", "Emirates News Agency", (), bare=False),
    Agency("SPA", "Saudi Press Agency", (), bare=False),
    Agency("IRNA", "Islamic Republic News Agency", ()),
    Agency("CNA", "Central News Agency", ("Focus Taiwan",), bare=False),
    Agency("Jiji", "Jiji Press", ("JIJI", "Jiji Press Ltd.")),
    Agency("AAP", "Australian Associated Press", ()),
    Agency("CP", "The Canadian Press", ("Canadian Press",), bare=False),
    Agency("Interfax", "Interfax", ("INTERFAX",)),
    Agency("Ukrinform", "Ukrinform", ()),
    Agency("Sputnik", "Sputnik", ()),
    Agency("APA", "Austria Presse Agentur", ("Austria Presse Agentur",), bare=False),
    Agency("Belga", "Belga", ("BELGA",)),
    Agency("ANP", "Algemeen Nederlands Persbureau", ()),
    Agency("Lusa", "Lusa", ("LUSA",)),
    Agency("PAP", "Polish Press Agency", ("Polska Agencja Prasowa",)),
    Agency("MTI", "Hungarian News Agency", ()),
    Agency("BTA", "Bulgarian News Agency", ()),
    Agency("Agerpres", "Agerpres", ()),
    Agency("Antara", "Antara", ("ANTARA",)),
    Agency("PNA", "Philippine News Agency", (), bare=False),
    Agency("VNA", "Vietnam News Agency", ()),
    Agency("BSS", "Bangladesh Sangbad Sangstha", (), bare=False),
    Agency("APP", "Associated Press of Pakistan", (), bare=False),
    Agency("SANA", "Syrian Arab News Agency", (), bare=False),
    Agency("MENA", "Middle East News Agency", (), bare=False),
    Agency("QNA", "Qatar News Agency", ()),
    Agency("BNA", "Bahrain News Agency", (), bare=False),
    Agency("ONA", "Oman News Agency", (), bare=False),
    Agency("Petra", "Jordan News Agency", (), bare=False),
    Agency("WAFA", "Palestinian News and Info Agency", (), bare=False),
    Agency("KCNA", "Korean Central News Agency", ()),
    Agency("Prensa Latina", "Prensa Latina", ()),
    Agency("Europa Press", "Europa Press", ()),
    Agency("Bloomberg", "Bloomberg News", ("Bloomberg", "BLOOMBERG")),
)

_AGENCY_BY_CODE: Final = {agency.code: agency for agency in AGENCIES}


def _key(name: str) -> str:
    return " ".join(name.replace(".", " ").split()).casefold()


def _build_index() -> tuple[dict[str, Agency], dict[str, Agency]]:
    # Short all-capital codes are case-sensitive ("AP" yes, "ap"/"Ap" no); long names are not.
    exact: dict[str, Agency] = {}
    folded: dict[str, Agency] = {}
    for agency in AGENCIES:
        for spelling in (agency.code, agency.name, *agency.aliases):
            if len(spelling) <= 4:
                exact.setdefault(spelling, agency)
                exact.setdefault(spelling.upper(), agency)
            else:
                folded.setdefault(_key(spelling), agency)
    # The long form of each agency's name, with and without "The", also counts as itself.
    for agency in AGENCIES:
        folded.setdefault(_key(agency.name), agency)
        folded.setdefault(_key("The " + agency.name), agency)
    return exact, folded


_INDEX: Final = _build_index()
_EXACT: Final = _INDEX[0]
_FOLDED: Final = _INDEX[1]


def _lookup(name: str) -> Agency | None:
    name = name.strip().strip(".,;:").strip()
    if not name or len(name) > 60:
        return None
    return _EXACT.get(name) or _FOLDED.get(_key(name))


def lookup_agency(name: str) -> WireSource | None:
    """The agency a name or code stands for, or None.

    >>> lookup_agency("The Associated Press")
    WireSource(code='AP', name='Associated Press')
    >>> lookup_agency("ap") is None
    True
    """
    agency = _lookup(name)
    return agency.source if agency else None


@dataclass(frozen=True, slots=True)
class WireCredit:
    """What a run of short lines says about the story's agency.

    ``credit_lines`` are the indexes (into the lines given) of pure credit lines, which are not
    article text; a dateline is not one of them, as its paragraph goes on with the story.

    >>> WireCredit(WireSource("AFP", "Agence France-Presse"), (3,)).credit_lines
    (3,)
    """

    source: WireSource | None = None
    credit_lines: tuple[int, ...] = ()


# Longest line that can be a credit; anything longer is prose.
_MAX_CREDIT_CHARS: Final = 240
_DASHES: Final = "-–—―‒"
_SPLIT_AGENCIES: Final = re.compile(r"\s*(?:,|&|\band\b|\+|/|;)\s*", re.I)
_GENERIC_SOURCES: Final = frozenset({
    "agencies", "news agencies", "agency", "wires", "wire services", "wire reports", "wire", "staff",
    "agency inputs", "inputs", "agency reports", "news wires", "newswires", "agences", "agencias",
    "agenturen", "ajanslar",
})
_LABELLED: Final = re.compile(
    r"^(?:source|sources|src|credit|credits|via|quelle|quellen|fuente|fuentes|kaynak|fonte|bron)\s*[:：]\s*(.{1,160})$",
    re.I,
)
_WITH_PHRASES: Final = (
    "with", "with inputs from", "inputs from", "with reporting from", "with reporting by",
    "with agency inputs from", "with additional reporting by", "additional reporting from",
    "compiled from", "adapted from", "mit material von", "mit", "avec", "con",
)
# Longest phrase first: the regex takes the first alternative that fits.
_WITH: Final = re.compile(
    r"^(?:" + "|".join(sorted((re.escape(p) for p in _WITH_PHRASES), key=len, reverse=True))
    + r")\s+(.{1,160})$",
    re.I,
)
# "Daily Sabah with AA", "TRT World and agencies": the outlet's own name, then the agencies it used.
_OUTLET_AND: Final = re.compile(r"^([^.,;:!?()]{1,40}?)\s+(?:with|and|&|\+)\s+([^()]{1,80})$", re.I)
_AGENCIES_WORDS: Final = frozenset({"agencies", "news agencies", "wires", "wire services", "agency reports"})
_STAFF_CREDIT: Final = re.compile(
    r"^(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|compiling|research|graphics)\s+by\b",
    re.I,
)
_COPYRIGHT: Final = re.compile(r"^(?:©|\(c\)|copyright\b)", re.I)
_TRUST_PRINCIPLES: Final = re.compile(r"^our standards:\s*the thomson reuters trust principles", re.I)
_TRAILING_PAREN: Final = re.compile(r"\(([^()]{1,60})\)\.?$")
# "dpa/lni", "AFP/dpa/mb": agencies, then desk or editor initials.
_DESK_CODE: Final = re.compile(r"^[a-z]{1,4}$")
_NOT_CREDIT_START: Final = re.compile(r"^(?:photo|photos|image|images|picture|pic|foto|video|graphic|illustration)\b",
                                      re.I)
# Paragraph openers: "WASHINGTON (Reuters) -", "HANOI, Vietnam (AP) —", "Beijing, Oct. 1 (Xinhua) --",
# "New Delhi [India], Oct 1 (ANI):". The place before the parenthesis is short and has no sentence in it.
_DATELINE: Final = re.compile(r"^([^()\n.!?]{0,80}(?:\.[^()\n.!?]{0,40}){0,3})\(([^()\n]{1,40})\)\s*[-–—―‒:]")
_TASS_DATELINE: Final = re.compile(r"^[^/\n]{0,80}/\s*(TASS|ITAR-TASS)\s*/")


def _list_items(text: str) -> Iterator[str]:
    """``_SPLIT_AGENCIES.split(text)``, an item at a time: a list read only to its first item that is no source
    is not split to its end (the pattern never matches an empty string, so the items are the same).

    >>> list(_list_items("AFP, Reuters and dpa/lni")), list(_list_items("AFP"))
    (['AFP', 'Reuters', 'dpa', 'lni'], ['AFP'])
    """
    start = 0
    for match in _SPLIT_AGENCIES.finditer(text):
        yield text[start : match.start()]
        start = match.end()
    yield text[start:]


def _agencies_in_list(text: str) -> tuple[list[Agency], bool]:
    """The agencies in "AFP, Reuters and dpa"-style text, and whether every item was a source.

    The agencies are only of use when every item was a source: at the first item that is not one,
    the list stops (a line of prose is seldom read past its first few words).

    >>> [a.code for a in _agencies_in_list("AFP, Reuters and dpa")[0]], _agencies_in_list("AFP, a sentence, AP")[1]
    (['AFP', 'Reuters', 'dpa'], False)
    """
    whole = _lookup(text)
    if whole:
        return [whole], True
    found: list[Agency] = []
    for item in _list_items(text.strip().rstrip(".")):
        item = item.strip().strip("()[]").strip()
        if not item:
            continue
        agency = _lookup(item)
        if agency:
            found.append(agency)
        elif item.casefold() in _GENERIC_SOURCES or (found and _DESK_CODE.match(item)):
            continue
        else:
            return found, False
    return found, True


def _first_agency_named(text: str) -> Agency | None:
    """The first agency named anywhere in a short line (used only for credit-shaped lines)."""
    best: tuple[int, Agency] | None = None
    folded = _key(text)
    for spelling, agency in _FOLDED.items():
        at = folded.find(spelling)
        if at >= 0 and _whole_word(folded, at, len(spelling)) and (best is None or at < best[0]):
            best = (at, agency)
    for match in re.finditer(r"[A-Za-z][A-Za-z-]{1,3}", text):
        exact = _EXACT.get(match.group())
        if exact and _whole_word(text, match.start(), len(match.group())):
            position = len(_key(text[: match.start()]))
            if best is None or position < best[0]:
                best = (position, exact)
    return best[1] if best else None


def _whole_word(text: str, start: int, length: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[start + length] if start + length < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _credit_agency(line: str) -> tuple[bool, Agency | None]:
    """Whether a whole line is a credit line, and the agency it names."""
    text = fold_ws(line)
    if not text or len(text) > _MAX_CREDIT_CHARS or _NOT_CREDIT_START.match(text):
        return False, None
    # Unwrap "(With AFP)" and "[Reporting by ...]", but not "(Reporting by X) (Reuters)".
    while len(text) > 2 and text[0] + text[-1] in ("()", "[]") and text.count(text[0]) == 1:
        text = text[1:-1].strip()
    text = text.lstrip(_DASHES + " ").strip()
    if not text:
        return False, None

    if _TRUST_PRINCIPLES.match(text):
        return True, _AGENCY_BY_CODE["Reuters"]
    staff = _STAFF_CREDIT.match(text)
    if staff and _names_follow(text, staff.end()):
        tail = _TRAILING_PAREN.search(text)
        agency = _lookup(tail.group(1)) if tail else None
        return True, agency
    if _COPYRIGHT.match(text):
        return len(text.split()) <= 25, _first_agency_named(text)

    labelled = _LABELLED.match(text) or _WITH.match(text)
    if labelled:
        agencies, all_sources = _agencies_in_list(labelled.group(1))
        if agencies and all_sources:
            return True, agencies[0]
        # "Source: TRT World" is a credit too, just not an agency's; a sentence after "With" is not.
        short = len(labelled.group(1).split()) <= 6 and not labelled.group(1).rstrip().endswith(".")
        return (all_sources or (short and _LABELLED.match(text) is not None)), None

    agencies, all_sources = _agencies_in_list(text)
    if agencies and all_sources:
        if len(agencies) == 1 and "/" not in text and not agencies[0].bare and text == agencies[0].code:
            return False, None
        return True, agencies[0]
    outlet = _OUTLET_AND.match(text)
    if outlet and len(outlet.group(1).split()) <= 4 and outlet.group(1)[:1].isupper():
        agencies, all_sources = _agencies_in_list(outlet.group(2))
        if agencies and all_sources:
            return True, agencies[0]
        return outlet.group(2).strip().casefold() in _AGENCIES_WORDS, None
    return False, None


def _names_follow(text: str, at: int) -> bool:
    # "Reporting by Jane Doe; Editing by ..." names people; "Editing by hand is slow." does not.
    rest = text[at:].lstrip()
    return bool(rest) and rest[0].isupper() and (";" in rest or len(text.split()) <= 24)


def _looks_like_place(place: str) -> bool:
    # "HANOI, Vietnam", "Rio de Janeiro, Oct. 1", "New Delhi [India]": capitalised words, dates and
    # short particles; "The company said" is a sentence, not a place.
    words = place.replace("[", " ").replace("]", " ").split()
    if len(words) > 8:
        return False
    return all(w[0].isupper() or w[0].isdigit() or not w[0].isalpha() or len(w) <= 3 for w in words)


def _dateline_agency(line: str) -> Agency | None:
    text = line.lstrip()
    # Most lines hold no parenthesis, without which the dateline pattern cannot match: its scan,
    # with its backtracking over the place's parts, is only made for the others.
    match = _DATELINE.match(text) if "(" in text else None
    if match:
        place = match.group(1).strip()
        if place and not (place[0].isupper() or place[0].isdigit() or not place[0].isalpha()):
            return None
        if not _looks_like_place(place):
            return None
        inner = match.group(2).strip()
        agency = _lookup(inner)
        if agency is None:
            agencies, all_sources = _agencies_in_list(inner)
            agency = agencies[0] if agencies and all_sources else None
        if agency is None and " " in inner:
            agency = _lookup(inner.split()[0])
        return agency
    tass = _TASS_DATELINE.match(text) if "TASS" in text else None
    return _AGENCY_BY_CODE["TASS"] if tass else None


def is_credit_line(line: str) -> bool:
    """Whether a line is only a credit ("SOURCE:AA", "— Reuters", "(Reporting by ...)").

    >>> is_credit_line("SOURCE:AA"), is_credit_line("With AFP"), is_credit_line("dpa/lni")
    (True, True, True)
    >>> is_credit_line("Reuters reported the talks had stalled.")
    False
    """
    return _credit_agency(line)[0]


def wire_source_from_lines(lines: Sequence[str]) -> WireCredit:
    """The agency named by a page's datelines and credit lines, and which lines are pure credits.

    Give it the short lines where credits sit: the first paragraph (its dateline) and the last
    few blocks. A dateline wins over a credit line, as it names the agency that wrote the story;
    otherwise the first credit that names an agency wins.

    >>> credit = wire_source_from_lines(["ANKARA (AA) - Talks began.", "Text.", "SOURCE:AA"])
    >>> credit.source, credit.credit_lines
    (WireSource(code='AA', name='Anadolu Agency'), (2,))
    >>> wire_source_from_lines(["Officials told Reuters the talks had stalled."]).source is None
    True
    """
    dateline: Agency | None = None
    credited: Agency | None = None
    credit_lines: list[int] = []
    for index, line in enumerate(lines):
        if not line or not line.strip():
            continue
        is_credit, agency = _credit_agency(line)
        if is_credit:
            credit_lines.append(index)
            if credited is None:
                credited = agency
        elif dateline is None:
            dateline = _dateline_agency(line[:200])
    chosen = dateline or credited
    return WireCredit(chosen.source if chosen else None, tuple(credit_lines))


def find_wire_source(text: str) -> WireSource | None:
    """The agency a credit line or dateline names, or None (mentions in prose do not count).

    Each line of ``text`` is read on its own.

    >>> find_wire_source("WASHINGTON (Reuters) - Scientists on Monday unveiled a map.")
    WireSource(code='Reuters', name='Reuters')
    >>> find_wire_source("Source: AFP")
    WireSource(code='AFP', name='Agence France-Presse')
    >>> find_wire_source("The minister told Reuters on Monday that talks had stalled.") is None
    True
    """
    return wire_source_from_lines(text.splitlines()).source

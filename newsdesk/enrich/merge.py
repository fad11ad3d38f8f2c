"""Merging entity candidates into entities: cleaned spans, canonical names, aliases, one entity per referent.

Both recognisers (spaCy's NER in ``ner`` and the rules in ``patterns``) hand over :class:`Candidate` spans;
:func:`merge_candidates` turns them into :class:`~newsdesk.model.Entity` records:

- spans are cleaned of what recognisers commonly get wrong: a leading "the", a trailing "'s", titles before a
  person's name ("Chief Pentagon Spokesman Sean Parnell" is the person "Sean Parnell"), a parenthesis left open
  ("ISIS (Daesh");
- a name written with a parenthesis after it ("ISIS (Daesh)", "Islamic State (ISIS)") takes the parenthesised
  name as an alias, and both are mentions of one entity;
- a shortened person name ("Parnell") joins the one full name it is part of, even where the recogniser typed
  it otherwise, and later mentions the recogniser missed are found by name;
- places merge by the GeoNames place they resolve to ("US", "U.S." and "United States" are one place named
  "United States") and carry its country, coordinates and id.

>>> text = "Chief Pentagon Spokesman Sean Parnell said so. Parnell added more."
>>> [(e.name, e.type, len(e.mentions)) for e in merge_candidates(text, [Candidate(0, 37, "PERSON")])]
[('Sean Parnell', 'PERSON', 2)]
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from newsdesk.enrich.junk import drop_junk
from newsdesk.enrich.patterns import INSTITUTIONS, TITLE_WORDS
from newsdesk.enrich.places import Place, canonical_country, resolve_places
from newsdesk.model import Entity, Mention
from newsdesk.textsplit import ABBREVIATIONS

__all__ = ["Candidate", "merge_candidates"]


class Candidate(NamedTuple):
    """A span a recogniser says names an entity of ``type``; ``rule`` says which rule found it (patterns).

    A named tuple rather than a frozen dataclass: an article makes a hundred or more of them, and a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__`` (more than twice the cost).

    >>> Candidate(0, 4, "PLACE").end
    4
    """

    start: int
    end: int
    type: str
    rule: str = ""


_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_JUNK = re.compile(r"(?:['’]s|['’])?[\s.,;:!?\"“”‘’'()-]*$")
_LEADING_JUNK = re.compile(r"^[\s.,;:!?\"“”‘’'()-]+")
_PAREN_AFTER = re.compile(r"[ \u00a0]?\(([A-Z][^()\n]{0,48}?)\)")
_WORD = re.compile(r"[^\s]+")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_CAPITALISED = re.compile(r"[^\W\d_a-z]")
#: Up to this many names, later mentions are searched name by name; beyond, capital by capital.
_FEW_NAMES = 64
#: Title words that also end organisation names ("Executive" in "Health Service Executive").
_ORG_WORDS = frozenset({"Executive", "Justice", "Interior", "Finance", "Health", "Defence", "Defense", "Economy"})


def _clean(text: str, cand: Candidate) -> Candidate | None:
    cleaned = _cleaned(text[cand.start:cand.end], cand.type)
    if cleaned is None:
        return None
    start, end, type_ = cleaned
    return Candidate(cand.start + start, cand.start + end, type_, cand.rule)


@lru_cache(maxsize=8192)
def _cleaned(text: str, type_: str) -> tuple[int, int, str] | None:
    """Where in a candidate's ``text`` the cleaned name is, and its type; None when nothing is left.

    It depends on the span's own text alone, so it is cached: an article names the same entities again and
    again, and a worker meets the same names ("US", "Trump") in article after article.

    >>> _cleaned("Chief Pentagon Spokesman Sean Parnell's", "PERSON")
    (25, 37, 'PERSON')
    """
    start, end = 0, len(text)
    span = text
    cut = span.find("(")
    if cut > 0:
        span = span[:cut]
        end = start + cut
    newline = span.find("\n")
    if newline > 0:
        span = span[:newline]
        end = start + newline
    lead = _LEADING_JUNK.match(span)
    if lead:
        start += lead.end()
        span = span[lead.end():]
    article = _LEADING_ARTICLE.match(span)
    if article and len(span) > article.end():
        start += article.end()
        span = span[article.end():]
    trail = _TRAILING_JUNK.search(span)
    if trail and trail.start() > 0:
        # Keep a final "." of an abbreviation ("U.S.", "Inc.") but not a sentence's.
        keep_dot = span.endswith(".") and re.search(r"(?:\b[A-Z]\.[A-Z]\.|\b(?:Inc|Co|Corp|Ltd|Jr|Sr)\.)$", span)
        if not keep_dot:
            end = start + trail.start()
            span = span[:trail.start()]
    if type_ == "PERSON":
        words = list(_WORD.finditer(span))
        if len(words) == 1 and words[0].group() in _ABBREVIATED_TITLES:
            # "Atty." or "Sens." tagged as a person on its own: a title, not a name ("King" or "Dean" may be one).
            return None
        last_title = max((i for i, w in enumerate(words[:-1]) if w.group().rstrip(".") in TITLE_WORDS), default=-1)
        if last_title >= 0:
            start += words[last_title + 1].start()
            span = text[start:end]
    elif type_ == "ORG":
        # "House of Representatives Speaker": a role after an organisation's name is not part of it.
        words = list(_WORD.finditer(span))
        while len(words) > 1 and words[-1].group() in TITLE_WORDS and words[-1].group() not in _ORG_WORDS:
            words.pop()
            end = start + words[-1].end()
            span = text[start:end]
    if span in INSTITUTIONS:
        type_ = "ORG"
    if len(span) < 2 or not _HAS_LETTER.search(span):
        return None
    return start, end, type_


#: Title words written short ("Sen", "Atty", "Cpl"): never a person's whole name.
_ABBREVIATED_TITLES = TITLE_WORDS & ABBREVIATIONS


def _tokens(name: str) -> list[str]:
    return name.replace("-", " ").split()


def merge_candidates(text: str, candidates: list[Candidate]) -> list[Entity]:
    """Entities from candidate spans of ``text``, one per referent, sorted by first mention.

    >>> text = "The US and Iraq signed. ISIS (Daesh) lost. The United States left Baghdad."
    >>> cands = [Candidate(4, 6, "PLACE"), Candidate(11, 15, "PLACE"), Candidate(24, 28, "ORG"),
    ...          Candidate(43, 60, "PLACE"), Candidate(66, 73, "PLACE")]
    >>> [(e.name, e.type, [m.text for m in e.mentions], e.aliases, e.country)
    ...  for e in merge_candidates(text, cands)]  # doctest: +NORMALIZE_WHITESPACE
    [('United States', 'PLACE', ['US', 'United States'], ['US'], 'US'),
     ('Iraq', 'PLACE', ['Iraq'], [], 'IQ'),
     ('ISIS', 'ORG', ['ISIS', 'Daesh'], ['Daesh'], None),
     ('Baghdad', 'PLACE', ['Baghdad'], [], 'IQ')]
    """
    # Junk (function words, shouting, speaker labels, furniture) goes before overlaps are settled, so a true
    # name that overlaps a junk span of the other recogniser is kept.
    cleaned = _non_overlapping(drop_junk(text, [c for c in (_clean(text, cand) for cand in candidates)
                                                if c is not None]))
    # One type per written name: recognisers label the same name differently in different sentences.
    votes: dict[str, dict[str, int]] = {}
    for cand in cleaned:
        counts = votes.setdefault(text[cand.start:cand.end], {})
        counts[cand.type] = counts.get(cand.type, 0) + 1
    # The most voted type, the first seen on a tie (what Counter.most_common(1) gives, without its heap).
    name_type = {name: max(counts, key=counts.__getitem__) for name, counts in votes.items()}
    aliases = _parenthetical_aliases(text, cleaned, name_type)
    cleaned = _non_overlapping(cleaned + [Candidate(s, e, name_type[text[owner.start:owner.end]], "alias")
                                          for (s, e), owner in aliases.items()])
    alias_owner = {text[s:e]: text[owner.start:owner.end] for (s, e), owner in aliases.items()}
    for alias, owner in alias_owner.items():
        name_type[alias] = name_type[owner]
    name_type.update({text[c.start:c.end]: name_type.get(text[c.start:c.end], c.type) for c in cleaned})
    person_of = _person_names(list(name_type.items()))
    person_of.update(_surnames(name_type, person_of))
    person_of.update(_capitals(name_type, person_of))
    for short, full in list(person_of.items()):
        # A chain of joins ends at one name: "AZUZ" -> "CARL AZUZ" -> "Carl Azuz".
        for _ in range(3):
            full = person_of.get(full, full)
        person_of[short] = full
    for short in person_of:
        name_type[short] = "PERSON"
    cleaned = cleaned + _missed_mentions(text, cleaned, list(name_type) + list(person_of))
    return _group(text, cleaned, name_type, person_of, alias_owner)


def _non_overlapping(cands: list[Candidate]) -> list[Candidate]:
    # Earlier, then longer, spans win; the input order breaks ties (callers put the preferred recogniser first).
    ordered = sorted(enumerate(cands), key=lambda ic: (ic[1].start, -(ic[1].end - ic[1].start), ic[0]))
    kept: list[Candidate] = []
    last_end = -1
    for _, cand in ordered:
        if cand.start >= last_end:
            kept.append(cand)
            last_end = cand.end
    return kept


def _parenthetical_aliases(text: str, cands: list[Candidate], name_type: dict[str, str]) -> dict[tuple[int, int],
                                                                                                   Candidate]:
    out: dict[tuple[int, int], Candidate] = {}
    for cand in cands:
        if cand.type == "PERSON":  # "(R-Texas)", "(pictured)": a person's parenthesis is rarely another name.
            continue
        match = _PAREN_AFTER.match(text, cand.end)
        if match is None:
            continue
        alias = match.group(1).strip()
        owner = text[cand.start:cand.end]
        if (alias == owner or len(alias.split()) > 5 or not _HAS_LETTER.search(alias)
                or name_type.get(alias, cand.type) != cand.type):
            continue
        if cand.type != "PLACE" and canonical_country(alias) is not None:
            continue  # "Reuters (UK)": the country it reports from, not a name of it.
        if cand.type == "PLACE" and canonical_country(alias) is not None and canonical_country(owner) is None:
            continue  # "Baghdad (Iraq)": where it is, not another name of it.
        start = match.start(1)
        out[(start, start + len(alias))] = cand
    return out


def _person_names(names_types: list[tuple[str, str]]) -> dict[str, str]:
    # A shorter name joins the one longer PERSON name whose words it is a run of ("Parnell", "Sean Parnell").
    fulls = [name for name, type_ in names_types if type_ == "PERSON" and len(_tokens(name)) >= 2]
    # Full names by word, so a name is compared only with the full names sharing its words (linear in names).
    by_word: dict[str, set[str]] = {}
    for full in fulls:
        for word in _tokens(full):
            by_word.setdefault(word, set()).add(full)
    maximal = {full for full in fulls if not _contained(full, by_word)}
    out: dict[str, str] = {}
    for name, type_ in names_types:
        if type_ == "PLACE" or name in maximal:
            continue
        words = _tokens(name)
        sharing = set.intersection(*(by_word.get(w, set()) for w in words)) if words else set()
        owners = [full for full in sharing if full != name and _is_run_of(words, _tokens(full))]
        if type_ != "PERSON" and len(words) == 1 and owners:
            # Another type only when it is the surname ("Parnell" typed ORG), not a first name shared with
            # an organisation ("Jordan").
            owners = [full for full in owners if _tokens(full)[-1] == words[0]]
        top = {o for o in owners if o in maximal}
        if len(top) == 1:
            out[name] = top.pop()
    return out


def _surnames(name_type: dict[str, str], person_of: dict[str, str]) -> dict[str, str]:
    # Each full name's last word, where no other full name shares it and nothing else is called so.
    fulls = [n for n, t in name_type.items() if t == "PERSON" and len(_tokens(n)) >= 2 and n not in person_of]
    last_words = Counter(_tokens(n)[-1] for n in fulls)
    return {_tokens(n)[-1]: n for n in fulls
            if last_words[_tokens(n)[-1]] == 1 and _tokens(n)[-1] not in name_type and len(_tokens(n)[-1]) >= 3
            and n.endswith(_tokens(n)[-1])}


def _capitals(name_type: dict[str, str], person_of: dict[str, str]) -> dict[str, str]:
    # A person's name in capitals (a transcript label: "CARL AZUZ", "AZUZ") is the name the article also writes
    # in prose: the same name in other case, or the one full name with that word.
    written = [n for n, t in name_type.items() if t == "PERSON" and not n.isupper()]
    by_fold = {n.casefold(): n for n in written}
    by_word: dict[str, set[str]] = {}
    for name in written:
        if len(_tokens(name)) >= 2:
            for word in _tokens(name):
                by_word.setdefault(word.casefold(), set()).add(person_of.get(name, name))
    out: dict[str, str] = {}
    for name, type_ in name_type.items():
        if type_ != "PERSON" or not name.isupper() or len(name) < 2:
            continue
        same = by_fold.get(name.casefold())
        owners = by_word.get(name.casefold(), set()) if len(_tokens(name)) == 1 else set()
        if same is not None:
            out[name] = same
        elif len(owners) == 1:
            out[name] = next(iter(owners))
    return out


def _contained(name: str, by_word: dict[str, set[str]]) -> bool:
    words = _tokens(name)
    sharing = set.intersection(*(by_word.get(w, set()) for w in words)) if words else set()
    return any(other != name and _is_run_of(words, _tokens(other)) for other in sharing)


def _is_run_of(words: list[str], longer: list[str]) -> bool:
    n = len(words)
    return 0 < n < len(longer) and any(longer[i:i + n] == words for i in range(len(longer) - n + 1))


def _missed_mentions(text: str, cands: list[Candidate], names: list[str]) -> list[Candidate]:
    # Later mentions a recogniser missed ("Parnell added", a second "Baghdad"): exact, case-sensitive,
    # whole-word occurrences of a name already found, outside every span already taken.
    wanted = {n for n in names if len(n) >= 2 and (len(n) >= 3 or n.isupper())}
    lengths = sorted({len(n) for n in wanted}, reverse=True)
    taken = sorted((c.start, c.end) for c in cands)
    starts = [s for s, _ in taken]
    out: list[Candidate] = []
    if len(wanted) <= _FEW_NAMES:
        # Few names (the usual article): str.find of each, in C, beats visiting every capital letter; and
        # only the lengths of the names found at a place are worth probing there.
        lengths_at: dict[int, list[int]] = {}
        for name in wanted:
            for at in _find_all(text, name):
                lengths_at.setdefault(at, []).append(len(name))
        places = sorted(lengths_at)
    else:
        # Many: at each capital letter, one set probe per distinct name length (bounded by the longest name).
        places = [match.start() for match in _CAPITALISED.finditer(text)]
        lengths_at = {}
    for at in places:
        if at and (text[at - 1].isalnum() or text[at - 1] in "-_"):
            continue
        here = lengths_at.get(at)
        for length in lengths if here is None else sorted(here, reverse=True):
            end = at + length
            if text[at:end] not in wanted or (end < len(text) and (text[end].isalnum() or text[end] == "_")):
                continue
            i = bisect.bisect_right(starts, at) - 1
            if not (i >= 0 and taken[i][1] > at) and not (i + 1 < len(starts) and starts[i + 1] < end):
                out.append(Candidate(at, end, "", "name"))
            break
    return out


def _find_all(text: str, name: str) -> list[int]:
    found = []
    at = text.find(name)
    while at >= 0:
        found.append(at)
        at = text.find(name, at + 1)
    return found


def _group(text: str, cands: list[Candidate], name_type: dict[str, str], person_of: dict[str, str],
           alias_owner: dict[str, str]) -> list[Entity]:
    places = resolve_places(sorted({text[c.start:c.end] for c in cands
                                    if name_type.get(text[c.start:c.end]) == "PLACE"}),
                            org_names=[n for n, t in name_type.items() if t == "ORG"])
    groups: dict[tuple[str, str], list[Mention]] = {}
    place_of: dict[tuple[str, str], Place] = {}
    written: dict[tuple[str, str], list[str]] = {}
    for cand in sorted(cands, key=lambda c: c.start):
        name = text[cand.start:cand.end]
        type_ = name_type.get(name) or cand.type
        if not type_:
            continue
        key_name = person_of.get(name) or alias_owner.get(name) or name
        place = places.get(key_name) if type_ == "PLACE" else None
        if place is not None:
            key = ("PLACE", f"geonames:{place.geonames_id}")
            place_of[key] = place
        else:
            key = (type_, key_name)
        groups.setdefault(key, []).append(Mention(name, cand.start, cand.end))
        written.setdefault(key, []).append(name)
    entities: list[Entity] = []
    for key, mentions in groups.items():
        type_, key_name = key
        names = written[key]
        place = place_of.get(key)
        if place is not None:
            canonical = place.name
        elif type_ == "PERSON":
            # The longest name, as the article writes it in prose rather than in a label's capitals.
            canonical = max(names, key=lambda n: (len(_tokens(n)), not n.isupper()))
        else:
            canonical = key_name
        aliases = [] if type_ == "PERSON" else list(dict.fromkeys(
            n for n in names if n != canonical and not _is_run_of(_tokens(n), _tokens(canonical))))
        entity = Entity(canonical, type_, mentions, aliases=aliases)
        if place is not None:
            entity.country, entity.lat, entity.lon, entity.geonames_id = (place.country, place.lat, place.lon,
                                                                          place.geonames_id)
        entities.append(entity)
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities

"""People, organisations, places and events in an article's text, merged per referent, places resolved on GeoNames.

:func:`find_entities` runs one of two recognisers and returns its entities with the recogniser's name:

- ``spacy:<package>-<version>``: spaCy's English NER (see ``ner``), where a verified pipeline is installed.
  The patterns recogniser runs beside it for what spaCy tends to split or miss (compound organisation names
  such as "US-Iraq Higher Military Commission", spans spaCy leaves out); spaCy's spans win where both
  overlap, except that an organisation name built around a head word ("... Commission") replaces the
  shorter spans inside it.
- ``patterns``: the fast gazetteer-and-rules recogniser (see ``patterns``), used where spaCy is absent or
  refused, for text not in English (``language`` other than "en", where only its language-independent
  parts run), or when asked for: ``recognizer="patterns"``, or the environment variable
  ``NEWSDESK_NER=patterns`` for the whole process.

Both then go through ``merge`` (canonical names, aliases, mention merging) and ``places`` (GeoNames).
Events are then named (:func:`name_events`): spaCy types "Democratic National Convention" an organisation
and leaves "the GOP convention" or "the Democratic convention" (a party's name before a lower-case event noun)
out, yet those are how reports name one event; the first becomes an EVENT, the second an EVENT mention of the
first where the article names both. Entities come sorted by first mention, and every mention's
``text == text[start:end]``.

>>> entities, recognizer = find_entities("Chief Pentagon Spokesman Sean Parnell visited Baghdad.",
...                                      recognizer="patterns")
>>> [(e.name, e.type, e.country) for e in entities], recognizer
([('Pentagon', 'ORG', None), ('Sean Parnell', 'PERSON', None), ('Baghdad', 'PLACE', 'IQ')], 'patterns')
"""

from __future__ import annotations

import os
import re

from newsdesk.enrich import ner, patterns
from newsdesk.enrich.merge import Candidate, merge_candidates
from newsdesk.model import Entity, Mention

__all__ = ["EVENT_NOUNS", "event_name", "find_entities", "name_events"]

#: Head nouns of an event's name: a name of two to four words ending in one of them names an event (a convention,
#: a trial, a summit, a parade). Kinds of event, not events: the list says what an event's name looks like in
#: English. spaCy's own EVENT label covers holidays and eras ("New Year's Eve", "World War II"), which name no
#: one event a desk reports; a name is an event's by this rule, whatever the recogniser typed it.
EVENT_NOUNS = frozenset({
    "convention", "conventions", "trial", "hearing", "hearings", "summit", "debate", "debates", "primary",
    "primaries", "caucus", "caucuses", "parade", "election", "referendum", "olympics", "games", "cup",
    "championship", "festival", "concert", "ceremony", "inquiry", "conference", "forum", "rally", "march", "strike",
    "protest", "protests", "attack", "attacks", "shooting", "bombing", "earthquake", "hurricane", "wedding",
    "funeral", "tournament", "marathon", "awards", "inauguration", "talks", "war",
})
#: Types of the one-word names that, before a lower-case event noun, name an event: "GOP convention" (ORG),
#: "Democratic convention" (NORP), "Cleveland convention" (PLACE).
_MODIFIER_TYPES = ("NORP", "ORG", "PLACE")
#: A lower-case event noun right after a name ("GOP convention", "GOP national convention").
_LOWER_EVENT = re.compile(r"[ \u00a0](?:national[ \u00a0])?(" + "|".join(sorted(EVENT_NOUNS, key=len, reverse=True))
                          + r")(?![\w-])")

_RECOGNIZERS = ("auto", "spacy", "patterns")


def find_entities(text: str, language: str | None = None, *, recognizer: str = "auto") -> tuple[list[Entity], str]:
    """Entities in ``text`` and the name of the recogniser that found them.

    ``recognizer``: "auto" (spaCy where installed and verified, else patterns), "spacy" (RuntimeError
    without it) or "patterns".

    >>> entities, _ = find_entities("The US and Iraq agreed. The United States will leave.", recognizer="patterns")
    >>> [(e.name, len(e.mentions)) for e in entities]
    [('United States', 2), ('Iraq', 1)]
    """
    if not isinstance(text, str):
        raise TypeError(f"find_entities: text must be str, not {type(text).__name__}")
    if recognizer not in _RECOGNIZERS:
        raise ValueError(f"find_entities: recognizer must be one of {', '.join(_RECOGNIZERS)}, not {recognizer!r}")
    english = language is None or language.lower().split("-")[0] == "en"
    wanted = recognizer
    if recognizer == "auto" and (os.environ.get("NEWSDESK_NER", "").strip().lower() == "patterns" or not english):
        wanted = "patterns"
    nlp = ner.load_pipeline() if wanted in ("auto", "spacy") else None
    if wanted == "spacy" and nlp is None:
        raise RuntimeError("find_entities: recognizer='spacy' but no verified spaCy English pipeline is installed")
    found = patterns.find_candidates(text, english=english)
    if nlp is None:
        merged = merge_candidates(text, found)
        return (name_events(text, merged) if english else merged), "patterns"
    statistical = [Candidate(start, end, type_, "spacy") for start, end, type_ in ner.entity_spans(text, nlp)]
    return name_events(text, merge_candidates(text, _combine(statistical, found))), ner.recognizer_name(nlp)


def event_name(name: str) -> bool:
    """Whether ``name`` names an event: two to four words, the last an event noun (:data:`EVENT_NOUNS`).

    >>> event_name("Democratic National Convention"), event_name("Hillary Clinton"), event_name("convention")
    (True, False, False)
    """
    words = name.lower().split()
    return 1 < len(words) <= 4 and words[-1] in EVENT_NOUNS


def name_events(text: str, entities: list[Entity]) -> list[Entity]:
    """``entities`` with the article's events named: a name of an event (:func:`event_name`) typed otherwise
    becomes an EVENT, and a one-word name before a lower-case event noun ("GOP convention", "the Democratic
    convention") is a mention of an event: of the article's EVENT whose name begins with that word and ends
    with that noun (its alias), else of an EVENT of its own. The name before the noun keeps its mention.

    >>> text = "The Democratic National Convention opens. Delegates reached the Democratic convention hall."
    >>> people = [Entity("Democratic National Convention", "ORG", [Mention("Democratic National Convention", 4, 34)]),
    ...           Entity("Democratic", "NORP", [Mention("Democratic", 64, 74)])]
    >>> [(e.name, e.type, [m.text for m in e.mentions], e.aliases) for e in name_events(text, people)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Democratic National Convention', 'EVENT', ['Democratic National Convention', 'Democratic convention'],
      ['Democratic convention']), ('Democratic', 'NORP', ['Democratic'], [])]
    """
    for entity in entities:
        if entity.type in ("ORG", "EVENT") and event_name(entity.name):
            entity.type = "EVENT"
    found: list[tuple[str, str, Mention]] = []
    for entity in entities:
        if entity.type not in _MODIFIER_TYPES:
            continue
        for mention in entity.mentions:
            match = _LOWER_EVENT.match(text, mention.end)
            if match is None or " " in mention.text or "-" in mention.text:
                continue
            found.append((mention.text, match.group(1), Mention(text[mention.start:match.end()], mention.start,
                                                                match.end())))
    if not found:
        return entities
    events = [e for e in entities if e.type == "EVENT"]
    added: dict[str, Entity] = {}
    for modifier, noun, mention in found:
        owner = next((e for e in events if _variant_of(modifier, noun, e.name)), None)
        if owner is None:
            name = f"{modifier} {noun}"
            owner = added.get(name.lower())
            if owner is None:
                owner = added[name.lower()] = Entity(name, "EVENT", [])
        owner.mentions.append(mention)
        if mention.text.lower() != owner.name.lower() and mention.text not in owner.aliases:
            owner.aliases.append(mention.text)
    for entity in events + list(added.values()):
        entity.mentions.sort(key=lambda m: m.start)
    out = entities + list(added.values())
    out.sort(key=lambda e: e.mentions[0].start)
    return out


def _variant_of(modifier: str, noun: str, name: str) -> bool:
    # "Democratic convention" names the article's "Democratic National Convention": same first word, same noun.
    words = name.lower().split()
    return len(words) >= 2 and words[0] == modifier.lower() and words[-1] == noun


def _combine(statistical: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    # spaCy first (merge keeps the first of equal overlapping spans); a head-word organisation name or a
    # gazetteer name that contains spaCy's spans replaces them, being the longer and more specific reading
    # ("US-Iraq Higher Military Commission" over "US", "NEW DELHI" over "DELHI").
    replaced: set[int] = set()
    extra: list[Candidate] = []
    for cand in found:
        inside = [i for i, s in enumerate(statistical) if s.start < cand.end and cand.start < s.end]
        if not inside:
            extra.append(cand)
        elif cand.rule in ("org-head", "gazetteer") and _strictly_covers(cand, [statistical[i] for i in inside]):
            replaced.update(inside)
            extra.append(cand)
    return [s for i, s in enumerate(statistical) if i not in replaced] + extra


def _strictly_covers(cand: Candidate, spans: list[Candidate]) -> bool:
    inside = all(cand.start <= s.start and s.end <= cand.end for s in spans)
    return inside and any((s.start, s.end) != (cand.start, cand.end) for s in spans)

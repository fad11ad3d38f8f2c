"""People, organisations and places in an article's text, merged per referent and resolved against GeoNames.

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
Entities come sorted by first mention, and every mention's ``text == text[start:end]``.

>>> entities, recognizer = find_entities("Chief Pentagon Spokesman Sean Parnell visited Baghdad.",
...                                      recognizer="patterns")
>>> [(e.name, e.type, e.country) for e in entities], recognizer
([('Pentagon', 'ORG', None), ('Sean Parnell', 'PERSON', None), ('Baghdad', 'PLACE', 'IQ')], 'patterns')
"""

from __future__ import annotations

import os

from newsdesk.enrich import ner, patterns
from newsdesk.enrich.merge import Candidate, merge_candidates
from newsdesk.model import Entity

__all__ = ["find_entities"]

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
        return merge_candidates(text, found), "patterns"
    statistical = [Candidate(start, end, type_, "spacy") for start, end, type_ in ner.entity_spans(text, nlp)]
    return merge_candidates(text, _combine(statistical, found)), ner.recognizer_name(nlp)


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

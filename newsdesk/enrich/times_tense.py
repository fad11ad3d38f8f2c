"""Tense near a time expression, from word cues: it decides which Tuesday or which December a text means.

A weekday or a month without a year is resolved by the tense of the verb closest to it in its sentence
(HeidelTime's rule for news). A part-of-speech tagger would tell tense better but costs a model per
process and far more than this stage's budget; auxiliaries ("will", "would"), "said" and "-ed" forms,
and a passive check ("will be signed") carry most of the signal in news prose.
"""

from __future__ import annotations

import re

__all__ = ["tense_near"]

# Tense cues. Future first: "planned to" and "scheduled" look past but point ahead.
_TENSE_CUE = re.compile(
    r"\b(?P<future>will|won't|shall|going\s+to|plans?\s+to|planned\s+to|intends?\s+to|expects?\s+to|"
    r"expected\s+to|scheduled\s+to|is\s+to|are\s+to|set\s+to|would|as\s+soon\s+as|upcoming|next)\b|"
    r"(?P<fut2>'ll)\b|"
    r"\b(?P<past>said|was|were|had|did|told|met|went|came|took|made|gave|left|began|fell|rose|won|lost|sent|"
    r"held|saw|became|brought|bought|sold|spoke|wrote|got|found|thought|knew|paid|ran|struck|ago|last|"
    r"[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
# "-ed" words that are not past tense verbs, and auxiliaries that make a following participle passive.
_NOT_PAST = frozenset({"need", "speed", "seed", "feed", "indeed", "proceed", "exceed", "succeed", "hundred",
                       "bed", "red", "shed", "breed", "bleed", "greed", "embed", "weed", "deed", "creed"})
_DEADLINE_BEFORE = re.compile(r"\b(?:until|till)\s+(?:at\s+)?$", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:be|being|is|are|am)\s+(?:\w+\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]*[A-Z])|\n")
_WINDOW = 240


def tense_near(text: str, start: int, end: int) -> str | None:
    """"past", "future" or None: the tense of the verb nearest a time expression in its sentence.

    The cue nearest before the expression decides; failing that, the nearest after it.

    >>> s = "Officials said on Tuesday they will meet on Friday."
    >>> tense_near(s, 17, 24), tense_near(s, 44, 50), tense_near("Meeting on Friday", 11, 17)
    ('past', 'future', None)
    """
    before = text[max(0, start - _WINDOW):start]
    if _DEADLINE_BEFORE.search(before):
        return "future"  # "until Tuesday", "postponed till 9 a.m. Friday": a deadline lies ahead
    breaks = list(_SENTENCE_END.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    for cue in reversed(list(_TENSE_CUE.finditer(before))):
        tense = _cue_tense(cue, before)
        if tense:
            return tense
    after = text[end:end + _WINDOW // 2]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[:stop.start()]
    for cue in _TENSE_CUE.finditer(after):
        tense = _cue_tense(cue, after)
        if tense:
            return tense
    return None


def _cue_tense(cue: re.Match[str], context: str) -> str | None:
    if cue.group("future") or cue.group("fut2"):
        return "future"
    word = cue.group("past").lower()
    if word in _NOT_PAST:
        return None
    if _PASSIVE_BEFORE.search(context, 0, cue.start()):
        return None  # "will be signed", "is held": the participle says nothing of time; keep looking.
    return "past"

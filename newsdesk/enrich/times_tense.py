"""Tense near a time expression, from word cues: it decides which Tuesday or which December a text means.

A weekday or a month without a year is resolved by the tense of the verb closest to it in its sentence
(HeidelTime's rule for news). A part-of-speech tagger would tell tense better but costs a model per
process and far more than this stage's budget; auxiliaries ("will", "would"), "said" and "-ed" forms,
and a passive check ("will be signed") carry most of the signal in news prose.
"""

from __future__ import annotations

import re

__all__ = ["tense_near"]

# Tense cues. Future first: "planned to" and "scheduled for" look past but point ahead.
_TENSE_CUE = re.compile(
    r"\b(?P<future>will|won't|shall|going\s+to|plans?\s+to|planned\s+to|intends?\s+to|expects?\s+to|"
    r"expected\s+to|scheduled\s+to|is\s+to|are\s+to|set\s+to|would|as\s+soon\s+as|upcoming|next|"
    r"(?:scheduled|planned|slated|set)\s+for)\b|"
    r"(?P<fut2>'ll)\b|"
    r"\b(?P<past>said|was|were|had|did|told|met|went|came|took|made|gave|left|began|fell|rose|won|lost|sent|"
    r"held|saw|became|brought|bought|sold|spoke|wrote|got|found|thought|knew|paid|ran|struck|chose|swept|fought|"
    r"ago|last|"
    r"[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
# "-ed" words that are not past tense verbs, and auxiliaries that make a following participle passive.
_NOT_PAST = frozenset({"need", "speed", "seed", "feed", "indeed", "proceed", "exceed", "succeed", "hundred",
                       "bed", "red", "shed", "breed", "bleed", "greed", "embed", "weed", "deed", "creed"})
_DEADLINE_BEFORE = re.compile(r"\b(?:until|till)\s+(?:at\s+)?$", re.IGNORECASE)
# A to-infinitive right before the expression ("calls on its followers to march Friday"): the day is the verb's,
# which lies ahead of its clause's verb; only a past verb in the clause ("declined to comment Friday", "went to
# church Sunday") can say it is over.
# "speaking to", "according to" and the people one talks to ("spoke to reporters") are no infinitive.
_INFINITIVE_BEFORE = re.compile(
    r"(?<!ing\s)\bto\s+(?!(?:the|a|an|his|her|their|its|reporters|journalists|supporters|voters|"
    r"lawmakers|officials|members|delegates|students|donors|police|him|them|us|me)\b)[a-z]+\s+(?:on\s+)?$")
_CLAUSE_BREAK = re.compile(r"[,;:(\u2014\u2013]")
# Verbs of saying: when a report was written says nothing of when the dated event it names takes place.
_REPORT_VERBS = frozenset({"said", "told", "wrote", "added", "noted", "asked", "explained", "argued", "claimed",
                           "reported", "stated", "announced", "insisted", "suggested", "warned", "acknowledged"})
_PASSIVE_BEFORE = re.compile(r"\b(?:be|being|is|are|am)\s+(?:\w+\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]*[A-Z])|\n")
_WINDOW = 240


def tense_near(text: str, start: int, end: int, reports: bool = True) -> str | None:
    """"past", "future" or None: the tense of the verb nearest a time expression in its sentence.

    The cue nearest before the expression decides; failing that, the nearest after it. A to-infinitive
    just before the expression points ahead unless its clause has a past verb. With ``reports=False``
    verbs of saying ("said", "told") are no cue and only the words before count: for a dated event ("the
    Nov. 8 election"), when it was talked about does not tell whether it is over.

    >>> s = "Officials said on Tuesday they will meet on Friday."
    >>> tense_near(s, 17, 24), tense_near(s, 44, 50), tense_near("Meeting on Friday", 11, 17)
    ('past', 'future', None)
    >>> s = "The group calls on its followers to march Friday, officials said."
    >>> tense_near(s, 42, 48), tense_near("He declined to comment Friday.", 23, 29)
    ('future', 'past')
    >>> s = "Trump told reporters the Nov. 8 election is rigged."
    >>> tense_near(s, 25, 31), tense_near(s, 25, 31, reports=False)
    ('past', None)
    """
    before = text[max(0, start - _WINDOW):start]
    if _DEADLINE_BEFORE.search(before):
        return "future"  # "until Tuesday", "postponed till 9 a.m. Friday": a deadline lies ahead
    breaks = list(_SENTENCE_END.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    infinitive = _INFINITIVE_BEFORE.search(before)
    if infinitive is not None:
        clause = _CLAUSE_BREAK.split(before[:infinitive.start()])[-1]
        if not any(_cue_tense(cue, clause, reports) == "past" for cue in _TENSE_CUE.finditer(clause)):
            return "future"
    for cue in reversed(list(_TENSE_CUE.finditer(before))):
        tense = _cue_tense(cue, before, reports)
        if tense:
            return tense
    if not reports:
        return None  # the verb after a dated event's noun is its subject's ("the Nov. 8 election later said")
    after = text[end:end + _WINDOW // 2]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[:stop.start()]
    for cue in _TENSE_CUE.finditer(after):
        tense = _cue_tense(cue, after, reports)
        if tense:
            return tense
    return None


def _cue_tense(cue: re.Match[str], context: str, reports: bool = True) -> str | None:
    if cue.group("future") or cue.group("fut2"):
        return "future"
    word = cue.group("past").lower()
    if word in _NOT_PAST or (not reports and word in _REPORT_VERBS):
        return None
    if _PASSIVE_BEFORE.search(context, 0, cue.start()):
        return None  # "will be signed", "is held": the participle says nothing of time; keep looking.
    return "past"

"""What a figure counts: the head noun of the phrase after it ("2,500 US personnel" -> "personnel").

A handful of rules over the next few words instead of a parser, because the enrichment budget without
spaCy is a few milliseconds per article and the phrase after a figure is short: modifiers, then the noun.
A plural head is a word in -s that is not a verb or adjective in -s, or one of the irregular and
collective plurals news counts ("people", "personnel", "police"); a figure of one takes the last word of
its phrase that is not a verb or adverb. "2,500 of the troops" counts troops.

>>> counted_noun("three Iraqi soldiers died", 5, False)
('soldiers', 20)
"""

from __future__ import annotations

import re

from newsdesk.enrich.quantities_lexicon import FALSE_PLURALS, IRREGULAR_PLURALS, NP_STOPWORDS

__all__ = ["counted_noun", "is_plural"]

_NP_WORD = re.compile(r"[ \u00a0]+(?P<word>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_OF_DETERMINER = re.compile(r"[ \u00a0]+of(?:[ \u00a0]+(?:the|these|those|its|their|his|her|our|whom))?(?=[ \u00a0])",
                            re.IGNORECASE)
_OWNER_OR_TOTAL = re.compile(r"(?:[ \u00a0]+(?:[A-Za-z]+['’]s?|[0-9][0-9,.]*))+(?=[ \u00a0])")
_DEMONYM_PLURAL = re.compile(r"[A-Z][a-z]+(?:ans|is|ers)")
#: At most this many words between a figure and the noun it counts ("2,500 US-led coalition troops").
_NP_WINDOW = 4


def counted_noun(text: str, position: int, singular: bool) -> tuple[str, int] | None:
    """The head noun of the phrase at ``position`` (right after a figure) and where it ends, or None when
    the figure counts no noun; ``singular`` for a figure of one ("one soldier").

    >>> counted_noun("2,500 US personnel at bases", 5, False)
    ('personnel', 18)
    >>> counted_noun("3 were killed", 1, False) is None
    True
    """
    run: list[re.Match[str]] = []
    cursor = position
    for _ in range(_NP_WINDOW):
        word = _NP_WORD.match(text, cursor)
        if word is None:
            break
        lowered = word["word"].lower()
        if lowered in NP_STOPWORDS:
            if lowered == "of" and not run and not singular:
                # "2,500 of the troops": the noun after "of" is what is counted.
                of = _OF_DETERMINER.match(text, cursor)
                if of is not None:
                    # "330 of the resort's 397 guest rooms": past the owner and the total to the noun
                    skip = _OWNER_OR_TOTAL.match(text, of.end())
                    found = counted_noun(text, skip.end() if skip else of.end(), singular)
                    if found is not None and is_plural(found[0]):
                        # With a total in between, the total is a figure of its own: the span stops here.
                        total = skip is not None and any(c.isdigit() for c in skip.group(0))
                        return (found[0], position) if total else found
            break
        if not singular and (_DEMONYM_PLURAL.fullmatch(word["word"])
                             or (word["word"][0].islower() and is_plural(word["word"]))):
            # Lower-case plurals, and capitalised ones only as peoples ("Americans", "Iraqis"): a capital
            # plural is otherwise a name ("the Three Amigos", "Erik Jones").
            following = _NP_WORD.match(text, word.end())
            if following is not None and following["word"][0].islower() and is_plural(following["word"]) \
                    and following["word"].lower() not in NP_STOPWORDS:
                return following["word"], following.end()  # "two police officers": the last noun is the head
            return word["word"], word.end()
        run.append(word)
        cursor = word.end()
    if singular:
        while run and run[-1]["word"].lower().endswith(("ed", "ly")):
            run.pop()  # "one soldier died"-style verbs and adverbs end the noun phrase
        if run and run[-1]["word"][0].islower():
            return run[-1]["word"], run[-1].end()
    return None


def is_plural(word: str) -> bool:
    """Whether ``word`` looks like a plural noun ("troops", "people"), not a verb or adjective in -s.

    >>> is_plural("troops"), is_plural("personnel"), is_plural("was"), is_plural("serious")
    (True, True, False, False)
    """
    lowered = word.lower()
    if lowered in IRREGULAR_PLURALS:
        return True
    if lowered in FALSE_PLURALS or len(lowered) < 3 or word.isupper():
        return False
    return lowered.endswith("s") and not lowered.endswith(("ss", "us", "is", "ous", "'s", "’s"))

"""Spans that look like names but are not: what both recognisers find in transcripts, shouting and page furniture.

Recognisers read a capital letter as a sign of a name. News pages are full of capitals that are not: emphasis
("we ALL know", "Mubarak IS"), shouted comments and menus ("CLICK HERE TO REGISTER", "THIS IS A RUSH
TRANSCRIPT"), sentence-initial common nouns ("Frustration has grown", "Media were quick"), transcript speaker
labels ("ARWA DAMON, CNN CORRESPONDENT:", "AZUZ:"), update markers ("NEW:") and the site's legal links
("Privacy Policy", "Terms of Service"). Story clustering joins articles by shared names, so each of these
links unrelated articles of one site or one kind. :func:`drop_junk` removes them from the candidates of
either recogniser, by rules on the span and the article's own text (no list of pages' strings):

- a lone word that is an English function word ("is", "ALL", "Here") is no name;
- a lone word that the article also writes in lower case ("Media" beside "the media", "FREE" beside "free")
  is a common word capitalised by position or emphasis, unless a gazetteer knows it ("US", "WHO", "Turkey")
  or it is a word of a person's full name in the article ("Brown" of "Gordon Brown");
- a word in capitals next to another word in capitals is part of a shouted phrase, not an acronym; a name of
  several words in capitals stands only where the article also writes it in lower case ("CARL AZUZ" beside
  "Carl Azuz"; not "ENTERTAINMENT & ARTS");
- a transcript speaker label at a line's start ("NAME, ROLE (on camera):") names a PERSON; the role, show or
  outlet after its comma names nothing; a one-word label ("AZUZ:", "NEW:") names a person only when it is a
  word of a person's name found in the article;
- a span holding a word of site furniture ("Privacy", "Terms", "Cookies", "Newsletter") is a link, not a name.

>>> from newsdesk.enrich.merge import Candidate
>>> text = "THIS IS A RUSH TRANSCRIPT.\\nARWA DAMON, CNN CORRESPONDENT: Arwa Damon in Cairo. We ALL know."
>>> [(text[c.start:c.end], c.type) for c in drop_junk(text, [Candidate(0, 4, "ORG"), Candidate(10, 14, "ORG"),
...   Candidate(27, 31, "ORG"), Candidate(39, 42, "ORG"), Candidate(58, 68, "PERSON"), Candidate(72, 77, "PLACE"),
...   Candidate(82, 85, "ORG")])]
[('ARWA DAMON', 'PERSON'), ('Arwa Damon', 'PERSON'), ('Cairo', 'PLACE')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsdesk.enrich.patterns import NOT_ACRONYMS, is_known_name

if TYPE_CHECKING:
    from newsdesk.enrich.merge import Candidate

__all__ = ["FUNCTION_WORDS", "drop_junk"]


def _words(block: str) -> list[str]:
    return block.split()

#: English function words (a closed class): never a name on their own, in any case. Modal "may" and "will"
#: are left out (Theresa May, Will Smith).
FUNCTION_WORDS = frozenset(_words("""
a an the this that these those it its is are was were be been being am do does did done have has had having
i me my mine we our ours you your yours he him his she her hers they them their theirs who whom whose what
which where when why how all any both each every some none no not nor yes also only just now then here there
so too very and or but if of to in on at by for from with about as up down out off over into onto upon than
can could would shall should might must let via per ever never again
"""))

#: Words of a site's own links and notices: a span holding one is furniture, not a name.
_FURNITURE_WORDS = frozenset(_words("Privacy Cookie Cookies Terms Subscribe Subscription Newsletter Newsletters "
                                    "Copyright Retweet RETWEET Unsubscribe"))

_LOWER_WORD_END = re.compile(r"[\w'’-]")
#: A transcript speaker label at a line's start: a name in capitals (one to four words), then up to three
#: comma-separated parts in capitals (role, show, outlet), an optional parenthesis ("(on camera)"), a colon.
_LABEL = re.compile(r"(?m)^([A-Z][A-Z.'’-]+(?:[ \u00a0][A-Z][A-Z.'’-]*){0,3})"
                    r"((?:,[ \u00a0][A-Z0-9][A-Z0-9.'’&\- ]*){0,3})(?:[ \u00a0]\([^()\n]{1,30}\))?:")


def _known(word: str) -> bool:
    return is_known_name(word)


def _lowercase_occurs(text: str, word: str) -> bool:
    # The word written in lower case as a whole word somewhere in the text ("the media", "free").
    lower = word.lower()
    if lower == word:
        return False
    at = text.find(lower)
    while at >= 0:
        end = at + len(lower)
        if (at == 0 or not _LOWER_WORD_END.match(text[at - 1])) and (end >= len(text)
                                                                     or not _LOWER_WORD_END.match(text[end])):
            return True
        at = text.find(lower, at + 1)
    return False


def _caps_word(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _neighbour_caps(text: str, start: int, end: int) -> bool:
    # A word in capitals right before or after (a space or hyphen between): the span is inside a shouted phrase.
    after = text[end:end + 1]
    if after in (" ", "-"):
        j = end + 1
        k = j
        while k < len(text) and (text[k].isalpha() or text[k] in "'’"):
            k += 1
        if _caps_word(text[j:k].rstrip("'’")) and not _known(text[j:k]):
            return True
    before = text[start - 1:start] if start else ""
    if before in (" ", "-"):
        k = start - 1
        j = k
        while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "'’"):
            j -= 1
        if _caps_word(text[j:k]) and not _known(text[j:k]):
            return True
    return False


def _written_otherwise(text: str, folded: str, name: str) -> bool:
    # The name written in other than capitals somewhere in the text ("Carl Azuz" for "CARL AZUZ").
    at = folded.find(name.lower())
    while at >= 0:
        if not text[at:at + len(name)].isupper():
            return True
        at = folded.find(name.lower(), at + 1)
    return False


def _labels(text: str) -> list[tuple[int, int, int, int]]:
    # (name start, name end, label end, words in the name) of each speaker label; datelines ("CAIRO:") are not.
    out: list[tuple[int, int, int, int]] = []
    if ":" not in text:
        return out
    for match in _LABEL.finditer(text):
        name = match.group(1)
        if _known(name) or _known(name.title()):
            continue
        out.append((match.start(1), match.end(1), match.end(), len(name.split())))
    return out


def drop_junk(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` without the spans that are not names (see the module's docstring); label names become PERSON.

    >>> from newsdesk.enrich.merge import Candidate
    >>> text = "Media were quick to call it. The media said so. Gordon Brown met Brown."
    >>> [text[c.start:c.end] for c in drop_junk(text, [Candidate(0, 5, "ORG"), Candidate(48, 60, "PERSON"),
    ...                                                 Candidate(65, 70, "PERSON")])]
    ['Gordon Brown', 'Brown']
    """
    if not cands:
        return cands
    person_words = {w.lower() for c in cands if c.type == "PERSON"
                    for w in text[c.start:c.end].split() if " " in text[c.start:c.end]}
    labels = _labels(text)
    folded = ""
    out: list[Candidate] = []
    done_labels: set[int] = set()
    for cand in cands:
        span = text[cand.start:cand.end]
        label = next((lab for lab in labels if cand.start < lab[2] and lab[0] < cand.end), None) if labels else None
        if label is not None:
            name_start, name_end, _, words = label
            if cand.start >= name_end or name_start in done_labels:
                continue  # the role, show or outlet of a label; or its name, already taken
            done_labels.add(name_start)
            name = text[name_start:name_end]
            if words > 1 or name.lower() in person_words:
                out.append(cand._replace(start=name_start, end=name_end, type="PERSON"))
            continue
        if any(word in _FURNITURE_WORDS for word in span.split()):
            continue
        if " " not in span and "-" not in span:
            if _known(span):
                out.append(cand)
                continue
            if span.lower() in FUNCTION_WORDS or span in NOT_ACRONYMS:
                continue  # "IS", "Here"; "ET", "GMT", "NEW" (an update marker), "TV"
            if span.lower() not in person_words and _lowercase_occurs(text, span):
                continue
            if _caps_word(span) and _neighbour_caps(text, cand.start, cand.end):
                continue
        elif span.isupper() and len(span) > 3 and not _known(span) and not _known(span.title()):
            if not folded:
                folded = text.lower()
            if not _written_otherwise(text, folded, span):
                continue
        out.append(cand)
    return out

"""The lines of copied text: the record each line becomes, the kinds a line can be, and how words are counted.

Every pass over copied text (classify, segment, read fields) works on these records; keeping them
here lets each pass live in its own module without importing another pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

# Line kinds.
PROSE: Final = "prose"
SHORT: Final = "short"
KICKER: Final = "kicker"
LIST_ITEM: Final = "list_item"
DATE: Final = "date"
BYLINE: Final = "byline"
READING: Final = "reading_time"
CAPTION: Final = "caption"
CREDIT: Final = "credit"
MARKER: Final = "marker"
WIDGET: Final = "widget"
RELATED: Final = "related"
TAGS: Final = "tags"
ASIDE: Final = "aside"
TABLE: Final = "table"
EMBED: Final = "embed"
BOILERPLATE: Final = "boilerplate"

WORD: Final = re.compile(r"\w+")
BULLET: Final = re.compile(r"^(?:[•·▪▫◦‣●■□►▶➤✓✔–—*-]\s+|\d{1,2}[.)]\s+(?=\S))")
BREADCRUMB_SPLIT: Final = re.compile(r"\s+[/>›»]\s+|\s*\|\s*")
_SENTENCE_END: Final = ".!…。！"
CLOSERS: Final = "\"'”’»)]」』）"
# Scripts written without spaces: about two characters make a word.
UNSPACED: Final = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
NAME_PARTICLES: Final = frozenset({"and", "&", "de", "da", "di", "del", "der", "van", "von", "al", "bin",
                                   "la", "le", "du", "dos", "y", "e", "und", "et", "ibn", "el", "ter"})


@dataclass(slots=True)
class Line:
    """One non-blank line of the input and what the classifier made of it."""

    index: int
    text: str
    words: int
    kind: str
    gap_before: bool
    in_widget: bool = False
    quote: bool = False
    #: A line of a slideshow set inside the story (also ``in_widget``): never body, but no break in it.
    slide: bool = False


def word_count(text: str) -> int:
    """Words in a line; in Chinese, Japanese and Thai, two characters count as one word.

    >>> word_count("Rain fell all night"), word_count("北京今天下雨")
    (4, 4)
    """
    spaced = len(text.split())
    # Every unspaced character is beyond ASCII: an ASCII line (a flag CPython keeps) needs no scan.
    unspaced = len(UNSPACED.findall(text)) if len(text) > spaced * 3 and not text.isascii() else 0
    return spaced + unspaced // 2


def line_key(text: str) -> str:
    """Lower case, without the punctuation and symbols that decorate interface text.

    >>> line_key("  READ MORE » ")
    'read more'
    """
    return " ".join(text.casefold().strip(" .:;,!?|·•*#>»›«‹-–—→←↓↑()[]'\"“”‘’\u25b6\u25ba").split())


def without_bullet(text: str) -> str:
    """A list item's text without its bullet or number.

    >>> without_bullet("• Roads closed "), without_bullet("2. Schools shut"), without_bullet("Rain fell")
    ('Roads closed', 'Schools shut', 'Rain fell')
    """
    return BULLET.sub("", text).strip()


def ends_sentence(text: str) -> bool:
    """Whether a line ends as a sentence does (a colon, comma or question mark only in a long line).

    >>> ends_sentence("Rain fell all night."), ends_sentence("Rain fell")
    (True, False)
    """
    end = text.rstrip(CLOSERS)
    return bool(end) and (end[-1] in _SENTENCE_END or (end[-1] in "?:," and len(text.split()) >= 10))

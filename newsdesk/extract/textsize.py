"""How much text a block holds, measured fairly across scripts.

Chinese and Japanese are written without spaces: ``\\w+`` counts a whole sentence as one word, and
one of their characters carries about as much as three Latin letters. Thresholds written for
Latin-script pages ("at least 120 words", "a paragraph is over 80 characters") would call every
Chinese story too short to be an article. These two measures put such text on the same scale.
"""

from __future__ import annotations

import re
from typing import Final

#: Han, kana and CJK compatibility ideographs (a character class's ranges); Hangul is written with spaces and
#: counts as usual.
UNSPACED_RANGES: Final = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNSPACED: Final = re.compile(f"[{UNSPACED_RANGES}]")
_WORD: Final = re.compile(r"\w+")

#: Characters of unspaced script per word (Chinese words average about 1.5 characters).
_CHARS_PER_WORD: Final = 1.5
#: Latin-script characters one unspaced character stands for.
_LATIN_CHARS_PER_CHAR: Final = 3


def word_count(text: str) -> int:
    """Words in ``text``, counting runs of Chinese or Japanese characters by their length.

    >>> word_count("The coalition will scale back its mission.")
    7
    >>> word_count("谷歌在2014年收购的人工智能公司DeepMind开发出一款产品")
    15
    """
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(_WORD.findall(text))
    spaced = len(_WORD.findall(_UNSPACED.sub(" ", text)))
    return spaced + round(unspaced / _CHARS_PER_WORD)


def has_unspaced(text: str) -> bool:
    """Whether ``text`` holds Chinese or Japanese characters, which the two measures weigh apart.

    Text without them measures as plain ``\\w+`` words and characters.

    >>> has_unspaced("Rain."), has_unspaced("下雨了。")
    (False, True)
    """
    # isascii reads a flag CPython keeps on every string: most blocks need no scan.
    return not text.isascii() and _UNSPACED.search(text) is not None


def text_length(text: str) -> int:
    """Length of ``text`` in Latin-script characters: an unspaced character counts three.

    >>> text_length("Rain."), text_length("下雨了。")
    (5, 10)
    """
    return len(text) + (_LATIN_CHARS_PER_CHAR - 1) * len(_UNSPACED.findall(text))

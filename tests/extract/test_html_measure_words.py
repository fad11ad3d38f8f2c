"""Extraction counts a body's words and looks for Chinese or Japanese in one scan of each block
(``html._measure_words``); the results are those of the two measures made apart."""

from __future__ import annotations

import re

import pytest

from newsdesk.extract.html import _WORDY_BEYOND_ASCII, _measure_words
from newsdesk.extract.textsize import has_unspaced
from newsdesk.model import Block, count_plain_words

TEXTS = [
    "", "Rain fell.", "“Rain,” she said — again… ’twas 3 °C", "Ça coûte 3 €.", "Zürich naïve façade",
    "東京で雨が降った。", "Bullets・in English ・ only", "゠ ゛ ゜ \u3099 \ufa6e", "Привет, мир", "สวัสดี ครับ",
    "한국어 문장입니다", "a\u200bb\u0301c \U0001F600 emoji\ufeff", "lone \udc80 surrogate", "snake_case ٣ ²",
    "\u00a0non\u00a0breaking\u00a0", "Ⅻ ⅻ ① ⓐ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_one_scan_gives_both_measures(text: str) -> None:
    blocks = [Block("paragraph", text), Block("paragraph", "The council voted on Monday.")]
    assert _measure_words(blocks) == (sum(count_plain_words(b.text) for b in blocks),
                                      any(has_unspaced(b.text) for b in blocks))
    assert _measure_words(blocks)[0] == sum(len(re.findall(r"\w+", b.text)) for b in blocks)


def test_a_character_the_scan_passes_is_neither_a_word_nor_unspaced() -> None:
    # Over every code point: what the one scan does not stop at is counted as a separator by the ASCII count and
    # is no Chinese or Japanese character.
    for code in range(0x80, 0x110000):
        char = chr(code)
        if _WORDY_BEYOND_ASCII.match(char) is None:
            assert not (char.isalnum() or char == "_") and not has_unspaced(char), hex(code)

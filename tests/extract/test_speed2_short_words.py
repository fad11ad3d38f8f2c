"""short_words gives what node_words gives under a length limit, where its shortcut could differ."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.pageindex import node_words, short_words

_LIMIT = 200

_BODIES = [
    "By Jane Doe",
    "",
    "   ",
    # Exactly at the limit, and one over, once spaces are collapsed.
    "x" * 200,
    "x" * 201,
    "word " * 40,
    "word " * 41,
    # Long only because of spaces, which collapse.
    "By" + " " * 900 + "Jane Doe",
    "a\n\t " * 400,
    # Entities that unescape to much less than they spell: only what comes before the first
    # "&" may be counted.
    "&amp;amp;" * 100,
    "Short &amp;" + "&amp;#0000000000065;" * 60,
    "y" * 150 + "&amp;#0000000000065;" * 10,
    "y" * 150 + "&amp;#0000000000065;" * 60,
    "y" * 201 + "&amp;" * 60,
    # Text that holds markup as characters ("&lt;b&gt;" in the source), which clean_text drops.
    "&lt;" + "b" * 400 + "&gt;By Jane Doe",
    "z" * 150 + "&lt;" + "q" * 300 + "&gt;",
    # A long opening before any mark, and non-breaking and wide spaces.
    "\u00a0".join(["word"] * 300),
    "\u3000".join(["字"] * 300),
]


@pytest.mark.parametrize("body", _BODIES)
@pytest.mark.parametrize("wrap", ["<div>{}</div>", "<div><span>{}</span> <b>and</b> more</div>"])
def test_short_words_matches_node_words_under_the_limit(body: str, wrap: str) -> None:
    node = LexborHTMLParser(wrap.format(body)).css_first("div")
    words = node_words(node)
    expected = words if words is not None and len(words) <= _LIMIT else None
    assert short_words(node, _LIMIT) == expected


def test_short_words_of_no_node_is_none() -> None:
    assert short_words(None, _LIMIT) is None

"""A test page's body as the body extractor gives it: its blocks' texts, one a line (shared by the body tests)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import extract_body


def body_of(page: str) -> str:
    """The text of ``page``'s body blocks, joined by newlines.

    >>> body_of("<html><body><nav><a href='/'>Home</a></nav><article><p>Rain fell all night, and the river rose."
    ...         "</p><p>By morning, the road was closed.</p></article></body></html>")
    'Rain fell all night, and the river rose.\\nBy morning, the road was closed.'
    """
    return "\n".join(block.text for block in extract_body(LexborHTMLParser(page)).blocks)

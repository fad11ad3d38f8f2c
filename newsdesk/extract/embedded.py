"""The story's text where a page keeps it only in embedded data, for pages whose markup shows little.

Pages built with JavaScript frameworks often ship an empty shell: the story is rendered in the
browser from application state the page carries in its scripts. Three forms recur:

- a JSON ``articleBody`` for search engines (JSON-LD, read by ``metadata``);
- application state as JSON or a JavaScript object literal (``__NEXT_DATA__``, ``window.__NUXT__``,
  ``<script type="application/json">``, a query cache pushed onto a ``window`` array), where the
  story is one long string of HTML (``"contentHtml": "<p>…"``);
- React Server Components "flight" data, ``self.__next_f.push([1, "…"])``: the pushed strings join
  into one stream of rows, and a long text is a row of its own, ``24:T1b7b,<p>…`` (``T``, then its
  length in UTF-8 bytes in hex, then the text).

This module finds those texts; ``html`` decides when the markup is short enough to use one. Nothing
here runs on a page whose markup holds its story.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Final

#: An inline script and its text (``src`` scripts carry none). Searched in the page's source: the
#: body extractor has removed the scripts from the tree by the time a fallback is wanted.
_SCRIPT: Final = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
_LINKED_DATA_TYPE: Final = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.I)
#: One pushed piece of flight data; its string is a JSON string literal.
_FLIGHT_PUSH: Final = re.compile(r'self\.__next_f\.push\(\[\s*1\s*,\s*("(?:[^"\\]|\\.)*")\s*\]\)', re.S)
#: A text row of flight data: row id, ``T``, byte length in hex, comma.
_FLIGHT_TEXT_ROW: Final = re.compile(r"(?:^|\n)[0-9a-zA-Z]+:T([0-9a-fA-F]{1,8}),")
#: A JSON string literal long enough to hold a story (shorter ones are titles and teasers).
_MIN_LITERAL_CHARS: Final = 400
_LONG_LITERAL: Final = re.compile(rf'"((?:[^"\\]|\\.){{{_MIN_LITERAL_CHARS},}})"', re.S)
#: Markup of paragraphs, as a string holds it before and after its JSON escapes are read.
_PARAGRAPH_MARKUP: Final = re.compile(r"<p[\s>]|<br\s*/?>|\\u003[cC]p[\s>\\]|\\u003[cC]br", re.I)


def _decoded(literal: str) -> str | None:
    try:
        value = json.loads(f'"{literal}"')
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def _flight_stream(script_texts: list[str]) -> str:
    pieces: list[str] = []
    for text in script_texts:
        for match in _FLIGHT_PUSH.finditer(text):
            piece = _decoded(match.group(1)[1:-1])
            if piece:
                pieces.append(piece)
    return "".join(pieces)


def _flight_text_rows(stream: str) -> Iterator[str]:
    encoded: bytes | None = None
    for match in _FLIGHT_TEXT_ROW.finditer(stream):
        size = int(match.group(1), 16)
        if size < _MIN_LITERAL_CHARS:
            continue
        if stream.isascii():
            yield stream[match.end():match.end() + size]
            continue
        # The length counts UTF-8 bytes: the row is cut from the stream's bytes.
        if encoded is None:
            encoded = stream.encode("utf-8")
        start = len(stream[:match.end()].encode("utf-8"))
        yield encoded[start:start + size].decode("utf-8", "ignore")


def _html_literals(text: str) -> Iterator[str]:
    if _PARAGRAPH_MARKUP.search(text) is None:
        return
    for match in _LONG_LITERAL.finditer(text):
        literal = match.group(1)
        if _PARAGRAPH_MARKUP.search(literal) is None:
            continue
        value = _decoded(literal)
        if not value or _PARAGRAPH_MARKUP.search(value) is None:
            continue
        # A story's markup opens with a tag; a "string" that opens otherwise is a stretch of code
        # between two quotes of a script, or text that mentions markup.
        if value.lstrip().startswith("<"):
            yield value
        # A string of escaped JSON (flight rows, stringified state) holds its own literals.
        if '\\"' in literal:
            yield from _html_literals(value)


def embedded_html(page: str) -> list[tuple[str, str]]:
    """The long strings of paragraph markup a page's scripts carry, each with the script it came from.

    JSON-LD scripts are left out (their ``articleBody`` is read as metadata). Each string is returned
    as HTML, its JSON escapes read; the script's text goes with it, so that the caller can check that
    the state it came from is this page's story (its headline is in it).

    >>> body = "<p>" + "The ferry resumed service on Monday, the port said. " * 10 + "</p>"
    >>> page = ('<html><body><div id="app"></div><script>window.__STATE__ = '
    ...         + json.dumps({"story": {"title": "Ferry resumes", "contentHtml": body}}) + '</script></body></html>')
    >>> [(html[:24], 'Ferry resumes' in script) for html, script in embedded_html(page)]
    [('<p>The ferry resumed ser', True)]
    >>> row = "24:T%x," % len(body) + body
    >>> page = '<script>self.__next_f.push([1, ' + json.dumps(row) + '])</script>'
    >>> [html[:24] for html, _ in embedded_html(page)]
    ['<p>The ferry resumed ser']
    """
    scripts = [text for attributes, text in _SCRIPT.findall(page)
               if text and _LINKED_DATA_TYPE.search(attributes) is None]
    found: list[tuple[str, str]] = []
    stream = _flight_stream([text for text in scripts if "__next_f" in text])
    if stream:
        found.extend((row, stream) for row in _flight_text_rows(stream)
                     if row.lstrip().startswith("<") and _PARAGRAPH_MARKUP.search(row))
        found.extend((value, stream) for value in _html_literals(stream))
    for text in scripts:
        if len(text) < _MIN_LITERAL_CHARS or "__next_f" in text:
            continue
        found.extend((value, text) for value in _html_literals(text))
    return found

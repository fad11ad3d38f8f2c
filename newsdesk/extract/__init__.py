"""Turning raw pages into Articles: body, metadata, scraped text and encodings.

``extract`` is the one entry point; ``extract_batch`` is the pipeline stage over RawPages.
"""

from __future__ import annotations

import re

from newsdesk import native
from newsdesk.errors import EmptyInputError, ExtractionError, InputTooLargeError

# Before any module of the package is imported: the mypyc-compiled modules, when built for these very
# sources, are found first on the package's path (see newsdesk.native; the .py files run otherwise).
native.activate("extract", __path__)

from newsdesk.extract.encoding import MAX_PAGE_BYTES, decode_bytes  # noqa: E402
from newsdesk.model import Article, RawPage  # noqa: E402

__all__ = ["extract", "extract_batch", "looks_like_html"]

_KINDS = ("html", "text")
_TAG = re.compile(r"<(?:!doctype|html|head|body|div|p|span|meta|title|article|a|br|table|script)\b", re.I)


def looks_like_html(text: str) -> bool:
    """Whether a document is HTML rather than text copied off a page.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("date 2025-10-01 MIDDLE EAST\\n1 min read\\nUS-led coalition to scale back Iraq mission")
    False
    """
    head = text[:8192]
    stripped = head.lstrip()
    if stripped.startswith("<") and (_TAG.search(stripped[:200]) or stripped.startswith("<!--")):
        return True
    return len(_TAG.findall(head)) >= 3


def extract(data: bytes | str, *, url: str | None = None, kind: str | None = None,
            content_type: str | None = None, source: str | None = None) -> Article:
    """Extract every field of an article from an HTML page or from text copied off one.

    ``kind`` is "html" or "text"; left out, it is detected. Bytes are decoded (BOM, HTTP charset,
    meta charset, XML declaration, then detection) and gunzipped if compressed. Errors are
    ``newsdesk.errors.ExtractionError`` subclasses naming ``source`` (or ``url``) and the reason.

    >>> article = extract("<html><body><article><h1>Storm hits coast</h1><p>"
    ...                   + "Heavy rain and wind battered the coast on Monday, officials said. " * 12
    ...                   + "</p></article></body></html>", url="https://news.example/storm")
    >>> article.headline, article.is_article
    ('Storm hits coast', True)
    """
    name = source or url
    if kind is not None and kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, not {kind!r}")
    if isinstance(data, bytes):
        text = decode_bytes(data, source=name, content_type=content_type)
    elif isinstance(data, str):
        if len(data) > MAX_PAGE_BYTES:
            raise InputTooLargeError(name, f"{len(data)} characters is over the {MAX_PAGE_BYTES} page limit")
        text = data
    else:
        raise TypeError(f"extract() takes bytes or str, not {type(data).__name__}")
    # isspace stops at the first printed character; strip would copy the whole page first.
    if not text or text.isspace():
        raise EmptyInputError(name, "empty input")
    utf8: bytes | None = None
    if kind == "text":
        # find, not "in": in text beyond Latin-1 (most pages, for one curly quote) a NUL is looked for
        # character by character, and CPython's find loop does that twice as fast as its "in".
        if text.find("\x00") != -1:
            text = text.replace("\x00", "")
    else:
        # The HTML parser is fed UTF-8 (lone surrogates dropped, as selectolax drops them): made once
        # here, the same bytes serve the NUL search (memchr over bytes, where a page beyond Latin-1 is
        # searched character by character) and the page's tag count before parsing.
        utf8 = text.encode("utf-8", "ignore")
        if b"\x00" in utf8:
            text = text.replace("\x00", "")
            utf8 = text.encode("utf-8", "ignore")
    chosen = kind or ("html" if looks_like_html(text) else "text")
    try:
        if chosen == "html":
            from newsdesk.extract.html import extract_html

            return extract_html(text, url, name, utf8=utf8)
        from newsdesk.extract.text import extract_text

        return extract_text(text, url, name)
    except ExtractionError:
        raise
    except RecursionError:
        raise ExtractionError(name, "document nesting too deep to process") from None
    except Exception as exc:  # A bug must not stop a batch: report it against this input.
        raise ExtractionError(name, f"extraction failed ({type(exc).__name__}: {exc})") from exc


def extract_batch(pages: list[RawPage]) -> list[Article | ExtractionError]:
    """The extraction stage: one result per page, an error in place of a page that failed.

    >>> results = extract_batch([RawPage(data=b"", url="https://news.example/empty")])
    >>> type(results[0]).__name__, str(results[0])
    ('EmptyInputError', 'https://news.example/empty: empty input')
    """
    results: list[Article | ExtractionError] = []
    for page in pages:
        try:
            results.append(extract(page.data, url=page.url, kind=page.kind,
                                   content_type=page.headers.get("content-type"), source=page.source))
        except ExtractionError as exc:
            results.append(exc)
    return results

"""Test pages for the body tests: a page's body as the body extractor gives it, and a story page with or without
the structured data that says it is a news report (shared by the body tests)."""

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


def news_head(headline: str) -> str:
    """The JSON-LD that makes a page a news report (a NewsArticle), for the rules read on news reports only.

    >>> news_head("Talks go on")
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Talks go on"}</script>'
    """
    return f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{headline}"}}</script>'


def story_page(headline: str, inner: str, head: str = "", lang: str | None = None) -> str:
    """A page whose ``<article>`` holds ``headline`` as its ``<h1>`` and then ``inner``; ``head`` goes into the
    page's head (``news_head`` for a news report).

    >>> story_page("Rain", "<p>Yes.</p>", lang="en")
    "<html lang='en'><head><title>Rain</title></head><body><article><h1>Rain</h1><p>Yes.</p></article></body></html>"
    """
    opening = f"<html lang='{lang}'>" if lang else "<html>"
    return (f"{opening}<head><title>{headline}</title>{head}</head><body><article><h1>{headline}</h1>{inner}"
            "</article></body></html>")

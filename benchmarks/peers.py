"""One adapter per tool the extraction benchmark runs: newsdesk and the tools people use instead.

Each adapter splits a tool's work in two: ``extract`` is the tool's own call on one page and is the
only part the benchmark times; ``finish`` turns what the tool returned into a ``Prediction`` (plain
text, title, author list, ISO date) and is not timed. Only readability needs real work there (its
result is HTML); leaving that conversion out of its time can only make readability look faster, never
newsdesk. ``html_to_text`` does that conversion by hand with selectolax, a newsdesk dependency, rather
than with html-text (what the scrapinghub runner uses), which is not installed.

Every adapter calls its tool with the tool's defaults, apart from what the benchmark needs:
trafilatura ``with_metadata=True`` (title, author and date) and its ``fast=True`` variant, newspaper4k
``fetch_images=False`` and the page given as ``input_html`` so nothing is fetched.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import metadata
from typing import Any

from selectolax.lexbor import LexborHTMLParser

#: Every tool the benchmark knows, in the order of its tables.
TOOL_NAMES = ("newsdesk", "trafilatura", "trafilatura-fast", "readability", "resiliparse", "newspaper4k")

#: The tool the speed ratios and the ``--check`` bars compare newsdesk with.
REFERENCE_TOOL = "trafilatura"

#: The metadata fields a tool may report besides the body text.
METADATA_FIELDS = ("title", "authors", "published")

# Elements that start a new paragraph in rendered text; everything else flows inline.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "-comment"})


class ToolUnavailable(Exception):
    """A tool cannot run here (not installed, or newsdesk without ``extract`` yet).

    >>> str(ToolUnavailable("newspaper4k", "not installed"))
    'newspaper4k: not installed'
    """

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


@dataclass(slots=True)
class Prediction:
    """What one tool says about one page, in the form the metrics compare.

    ``standfirst`` is the lede a tool keeps apart from ``text`` (newsdesk's ``Article.standfirst``); only the sets
    whose gold body holds the lede score it (``extraction.BODY_HOLDS_LEDE``). Other tools leave it None.

    >>> Prediction(text="One.\\n\\nTwo.", authors=["Ann Lee"]).authors
    ['Ann Lee']
    """

    text: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    standfirst: str | None = None


@dataclass(frozen=True, slots=True)
class Tool:
    """One tool under test: how to call it (timed) and how to read its result (not timed).

    >>> tool = Tool("echo", "echo 1", frozenset(), lambda html, url: html, lambda raw: Prediction(raw))
    >>> tool.finish(tool.extract("<p>Hi</p>", None)).text
    '<p>Hi</p>'
    """

    name: str
    label: str
    fields: frozenset[str]
    extract: Callable[[str, str | None], Any]
    finish: Callable[[Any], Prediction]


def load_tools(names: list[str]) -> tuple[list[Tool], dict[str, str]]:
    """The tools named (in ``TOOL_NAMES`` order), and for each one that cannot run, why.

    >>> tools, unavailable = load_tools(["newsdesk"])
    >>> [tool.name for tool in tools], unavailable
    (['newsdesk'], {})
    >>> load_tools(["nope"])
    Traceback (most recent call last):
    ValueError: unknown tool(s) nope; known: ...
    """
    unknown = sorted(set(names) - set(TOOL_NAMES))
    if unknown:
        raise ValueError(f"unknown tool(s) {', '.join(unknown)}; known: {', '.join(TOOL_NAMES)}")
    tools: list[Tool] = []
    unavailable: dict[str, str] = {}
    for name in TOOL_NAMES:
        if name not in names:
            continue
        try:
            tools.append(_ADAPTERS[name]())
        except ToolUnavailable as error:
            unavailable[name] = error.reason
    return tools, unavailable


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block element, blank lines between them.

    >>> html_to_text("<div><h2>Deal</h2><p>Troops <b>leave</b> by 2026.</p><ul><li>One</li></ul></div>")
    'Deal\\n\\nTroops leave by 2026.\\n\\nOne'
    """
    root = LexborHTMLParser(html).body
    if root is None:
        return ""
    paragraphs: list[str] = []
    pieces: list[str] = []

    def end_paragraph() -> None:
        paragraph = " ".join("".join(pieces).split())
        if paragraph:
            paragraphs.append(paragraph)
        pieces.clear()

    # An explicit stack rather than recursion: extracted HTML can nest deeper than Python's stack.
    stack: list[tuple[Any, bool]] = [(child, False) for child in reversed(list(root.iter(include_text=True)))]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            end_paragraph()
        elif tag == "-text":
            pieces.append(node.text_content or "")
        elif tag not in _SKIPPED_TAGS:
            is_block = tag in _BLOCK_TAGS
            if is_block:
                end_paragraph()
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    end_paragraph()
    return "\n\n".join(paragraphs)


def iso_date(value: object) -> str | None:
    """A tool's publication date as an ISO string (tools return datetimes, dates or strings).

    >>> iso_date(datetime(2025, 9, 30, 14, 5))
    '2025-09-30T14:05:00'
    >>> iso_date("") is None
    True
    """
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def _import(tool: str, module: str) -> Any:
    try:
        with warnings.catch_warnings():
            # newspaper4k warns at import that nltk (its optional NLP extra) is missing; not needed here.
            warnings.simplefilter("ignore")
            return importlib.import_module(module)
    except ImportError as error:
        raise ToolUnavailable(tool, f"cannot import {module} ({error})") from error


def _newsdesk() -> Tool:
    newsdesk = _import("newsdesk", "newsdesk")
    extract = getattr(newsdesk, "extract", None)
    if not callable(extract):
        raise ToolUnavailable("newsdesk", "newsdesk.extract does not exist yet")

    def finish(article: Any) -> Prediction:
        return Prediction(
            text=article.text or "",
            title=article.headline,
            authors=list(article.authors or []),
            published=iso_date(article.published),
            standfirst=article.standfirst or None,
        )

    return Tool(
        name="newsdesk",
        label=f"newsdesk {_version('newsdesk')}",
        fields=frozenset(METADATA_FIELDS),
        extract=lambda html, url: extract(html, url=url),
        finish=finish,
    )


def _finish_trafilatura(document: Any) -> Prediction:
    if document is None:
        # trafilatura returns None when it finds nothing worth keeping: an empty answer, not an error.
        return Prediction()
    author = document.author or ""
    return Prediction(
        text=document.text or "",
        title=document.title,
        authors=[name.strip() for name in author.split(";") if name.strip()],
        published=iso_date(document.date),
    )


def _trafilatura() -> Tool:
    trafilatura = _import("trafilatura", "trafilatura")
    return Tool(
        name="trafilatura",
        label=f"trafilatura {_version('trafilatura')}",
        fields=frozenset(METADATA_FIELDS),
        extract=lambda html, url: trafilatura.bare_extraction(html, url=url, with_metadata=True),
        finish=_finish_trafilatura,
    )


def _trafilatura_fast() -> Tool:
    trafilatura = _import("trafilatura-fast", "trafilatura")
    return Tool(
        name="trafilatura-fast",
        label=f"trafilatura {_version('trafilatura')} fast",
        fields=frozenset(METADATA_FIELDS),
        extract=lambda html, url: trafilatura.bare_extraction(html, url=url, with_metadata=True, fast=True),
        finish=_finish_trafilatura,
    )


def _readability() -> Tool:
    readability = _import("readability", "readability")

    def extract(html: str, url: str | None) -> tuple[str, str]:
        document = readability.Document(html)
        return document.summary(), document.short_title()

    def finish(result: tuple[str, str]) -> Prediction:
        summary, title = result
        return Prediction(text=html_to_text(summary), title=title or None)

    return Tool(
        name="readability",
        label=f"readability-lxml {_version('readability-lxml')}",
        fields=frozenset({"title"}),
        extract=extract,
        finish=finish,
    )


def _resiliparse() -> Tool:
    html_module = _import("resiliparse", "resiliparse.parse.html")
    html2text = _import("resiliparse", "resiliparse.extract.html2text")

    def extract(html: str, url: str | None) -> str:
        return html2text.extract_plain_text(html_module.HTMLTree.parse(html), main_content=True)

    return Tool(
        name="resiliparse",
        label=f"resiliparse {_version('resiliparse')}",
        fields=frozenset(),
        extract=extract,
        finish=lambda text: Prediction(text=text or ""),
    )


def _newspaper4k() -> Tool:
    newspaper = _import("newspaper4k", "newspaper")

    def extract(html: str, url: str | None) -> Any:
        article = newspaper.Article(url or "", fetch_images=False)
        article.download(input_html=html)
        article.parse()
        return article

    def finish(article: Any) -> Prediction:
        return Prediction(
            text=article.text or "",
            title=article.title or None,
            authors=list(article.authors or []),
            published=iso_date(article.publish_date),
        )

    return Tool(
        name="newspaper4k",
        label=f"newspaper4k {_version('newspaper4k')}",
        fields=frozenset(METADATA_FIELDS),
        extract=extract,
        finish=finish,
    )


_ADAPTERS: dict[str, Callable[[], Tool]] = {
    "newsdesk": _newsdesk,
    "trafilatura": _trafilatura,
    "trafilatura-fast": _trafilatura_fast,
    "readability": _readability,
    "resiliparse": _resiliparse,
    "newspaper4k": _newspaper4k,
}

"""Turning stored articles into HTML: the Jinja2 environment, its filters, and the structured data in <head>.

Autoescaping is on for every template, so any text from a page (which an attacker may have
written) is escaped wherever it lands. The two places that need more than HTML escaping have
their own functions: :func:`json_ld` writes JSON inside a ``<script>`` element, where ``</script>``
would end the element whatever the JSON says, and :func:`language_tag` only lets a well-formed
language tag into a ``lang`` attribute.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from newsdesk.model import Article, Block
from newsdesk.store.search import lead_snippet

TEMPLATES_DIR = Path(__file__).parent / "templates"
#: Language of the reader's own words (navigation, labels).
UI_LANGUAGE = "en"

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
# Scripts written right to left (primary language subtags).
_RTL = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"})
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
# Characters that must not appear raw inside a <script> element or that JavaScript reads as line ends.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def language_tag(value: str | None) -> str | None:
    """A language tag fit for a ``lang`` attribute, or None when ``value`` is not one.

    >>> language_tag("en-GB"), language_tag("fr"), language_tag('en" onload="x'), language_tag(None)
    ('en-GB', 'fr', None, None)
    """
    if not value:
        return None
    text = value.strip().replace("_", "-")
    return text if _LANGUAGE_TAG.match(text) else None


def text_direction(language: str | None) -> str:
    """``rtl`` for languages written right to left, else ``ltr``.

    >>> text_direction("ar"), text_direction("en-GB"), text_direction(None)
    ('rtl', 'ltr', 'ltr')
    """
    if not language:
        return "ltr"
    return "rtl" if language.split("-", 1)[0].lower() in _RTL else "ltr"


def parse_moment(value: str | None) -> datetime | None:
    """An ISO 8601 date or time as a datetime; None when it cannot be read.

    >>> parse_moment("2025-10-01").day, parse_moment("garbage")
    (1, None)
    """
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def human_date(value: str | None) -> str:
    """A publication date as people read it, with the time when the page gave one.

    >>> human_date("2025-10-01")
    '1 October 2025'
    >>> human_date("2025-09-30T14:05:00+03:00")
    '30 September 2025, 14:05 (UTC+03:00)'
    >>> human_date("last week")
    'last week'
    """
    if not value:
        return ""
    moment = parse_moment(value)
    if moment is None:
        return value
    day = f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
    if "T" not in value and " " not in value.strip():
        return day
    zone = moment.strftime("%z")
    offset = "UTC" if zone in ("", "+0000") else f"UTC{zone[:3]}:{zone[3:]}"
    return f"{day}, {moment:%H:%M} ({offset})"


def short_date(value: str | None) -> str:
    """A date for lists: ``1 Oct 2025``.

    >>> short_date("2025-10-01T08:00:00Z"), short_date(None)
    ('1 Oct 2025', '')
    """
    moment = parse_moment(value)
    if moment is None:
        return value or ""
    return f"{moment.day} {_MONTHS[moment.month - 1][:3]} {moment.year}"


@dataclass(slots=True)
class BodyPart:
    """Consecutive body blocks rendered as one element: list items form one list, a table its rows.

    >>> BodyPart("list", ["One", "Two"]).items
    ['One', 'Two']
    """

    kind: str
    items: list[Any]


def body_parts(blocks: list[Block]) -> list[BodyPart]:
    """Group an article's blocks for rendering: list items into lists, table text into rows of cells.

    >>> [p.kind for p in body_parts([Block("paragraph", "A"), Block("list_item", "B"), Block("list_item", "C")])]
    ['paragraph', 'list']
    >>> body_parts([Block("table", "Team | Points\\nAlpha | 3")])[0].items
    [['Team', 'Points'], ['Alpha', '3']]
    """
    parts: list[BodyPart] = []
    for block in blocks:
        if block.type == "list_item":
            if parts and parts[-1].kind == "list":
                parts[-1].items.append(block.text)
            else:
                parts.append(BodyPart("list", [block.text]))
        elif block.type == "table":
            rows = [[cell.strip() for cell in line.split(" | ")] for line in block.text.splitlines() if line.strip()]
            parts.append(BodyPart("table", rows))
        else:
            parts.append(BodyPart(block.type, [block.text]))
    return parts


def script_json(data: Any) -> Markup:
    """JSON safe to put inside a ``<script>`` element: ``<``, ``>`` and ``&`` written as escapes.

    >>> str(script_json({"headline": "</script><b>"}))
    '{"headline": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    for char, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escaped)
    # Safe as markup: every character that could end the <script> element is escaped above.
    return Markup(text)


def duration(minutes: int | None) -> str | None:
    """An ISO 8601 duration for schema.org's ``timeRequired``.

    >>> duration(3), duration(None)
    ('PT3M', None)
    """
    return f"PT{minutes}M" if minutes else None


#: Longest summary, in characters: feed readers and search results show two or three lines.
SUMMARY_CHARS = 300


def summary_of(article: Article) -> str | None:
    """An article's summary for feeds and page descriptions: the standfirst, else the first paragraph, cut at a word.

    Extraction gives a standfirst only where the page shows one under its headline and it does not retell the
    body's opening, so a feed item or a page description would otherwise often have none.

    >>> summary_of(Article(standfirst="A dek.", body=[Block("paragraph", "First.")]))
    'A dek.'
    >>> summary_of(Article(body=[Block("heading", "Intro"), Block("paragraph", "Word " * 80)]))[-10:]
    'Word Word…'
    >>> summary_of(Article()) is None
    True
    """
    opening = next((block.text for block in article.body if block.type == "paragraph" and block.text.strip()), None)
    return lead_snippet(article.standfirst, opening, SUMMARY_CHARS) or None


def json_ld(article: Article, *, page_url: str, outlet: str | None) -> Markup:
    """The schema.org NewsArticle of an article page, ready for ``<script type="application/ld+json">``.

    >>> from newsdesk.model import WireSource
    >>> data = json.loads(str(json_ld(Article(headline="Deal", section="World", wire_source=WireSource("AA",
    ...     "Anadolu Agency")), page_url="http://localhost/articles/1", outlet="TRT World")))
    >>> data["@type"], data["articleSection"], data["sourceOrganization"]["name"]
    ('NewsArticle', 'World', 'Anadolu Agency')
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": summary_of(article),
        "datePublished": article.published,
        "dateModified": article.updated,
        "articleSection": article.section,
        "inLanguage": language_tag(article.language),
        "author": [{"@type": "Person", "name": name} for name in article.authors] or None,
        "publisher": {"@type": "Organization", "name": outlet} if outlet else None,
        "sourceOrganization": (
            {"@type": "Organization", "name": article.wire_source.name} if article.wire_source else None
        ),
        "image": safe_url(article.image.url) if article.image else None,
        "url": safe_url(article.canonical_url) or safe_url(article.url) or page_url,
        "mainEntityOfPage": page_url,
        "wordCount": article.word_count or None,
        "timeRequired": duration(article.reading_time_minutes),
        "keywords": ", ".join(article.tags) or None,
    }
    return script_json({key: value for key, value in data.items() if value is not None})


def safe_url(value: str | None) -> str | None:
    """A URL a page may link to or load: http(s) only, so ``javascript:`` and ``data:`` never reach an href.

    >>> safe_url("https://www.trtworld.com/a"), safe_url("javascript:alert(1)"), safe_url(" HTTP://x.example/ ")
    ('https://www.trtworld.com/a', None, 'HTTP://x.example/')
    """
    if not value:
        return None
    text = value.strip()
    scheme, _, rest = text.partition(":")
    if scheme.lower() not in ("http", "https") or not rest.startswith("//") or len(rest) < 3:
        return None
    return text


def path_segment(value: str) -> str:
    """A value quoted for use as one URL path segment (a slash included).

    >>> path_segment("Middle East/Africa")
    'Middle%20East%2FAfrica'
    """
    return quote(value, safe="")


def make_environment() -> Environment:
    """The Jinja2 environment of the reader's templates: autoescaped, strict about undefined names.

    >>> make_environment().from_string("{{ x }}").render(x="<b>")
    '&lt;b&gt;'
    """
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(human_date=human_date, short_date=short_date, segment=path_segment, safe_url=safe_url)
    env.globals.update(language_tag=language_tag, text_direction=text_direction, body_parts=body_parts)
    return env

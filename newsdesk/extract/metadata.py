"""What a page says about its article, apart from the body: headline, byline, dates, section, tags.

Pages state these facts several times over, with different care: JSON-LD written for search
engines, OpenGraph written for social networks, older ``<meta>`` conventions (Dublin Core,
Highwire ``citation_*``, Parse.ly, Sailthru), microdata, and the visible page itself. Each field is
read from the sources in order of trust, and the first value that survives cleaning wins. This
module is that order; the sources are read by their own modules: :mod:`~newsdesk.extract.pageindex`
(the one tree walk), :mod:`~newsdesk.extract.jsonld`, :mod:`~newsdesk.extract.headline` and
:mod:`~newsdesk.extract.bylines` (what the visible page says). The dates, whose order has checks of
its own, are chosen by :mod:`~newsdesk.extract.dates_page`.

:func:`extract_metadata` only reads the tree. The body extractor mutates it afterwards, so this
must run first. Everything here is CSS selection done by lexbor in C; Python touches only the few
nodes the selectors return, because this runs on every page of a CC-NEWS-sized crawl.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.authors import clean_authors
from newsdesk.extract.bylines import MAX_BYLINE_CHARS, byline_authors, in_comments_or_form
from newsdesk.extract.dates_page import page_dates
from newsdesk.extract.headline import choose_headline
from newsdesk.extract.jsonld import LinkedData, article_body, string_list, string_values
from newsdesk.extract.pageindex import PageIndex, clean_text, first_text, node_text, node_words
from newsdesk.extract.urls import is_plain_absolute_url, join_url
from newsdesk.model import Image

_LANGUAGE: Final = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
#: How many microdata nodes of one property are looked at.
_MAX_NODES: Final = 8
#: <meta> names of the author (a name; URLs of profile pages are passed over).
_AUTHOR_METAS: Final = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl", "byline",
)
#: The longest tag worth keeping; longer "tags" are sentences.
_MAX_TAG_CHARS: Final = 80


@dataclass(slots=True)
class PageMetadata:
    """The metadata fields of one page, each None (or empty) when the page does not say.

    >>> PageMetadata(headline="Coalition to scale back Iraq mission").authors
    []
    """

    headline: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    language: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: Image | None = None
    page_types: frozenset[str] = frozenset()
    #: The JSON-LD article object, kept for ``article_body``: extraction does not read that text.
    linked_article: dict[str, Any] | None = None

    @property
    def article_body(self) -> str | None:
        """The JSON-LD ``articleBody`` as plain text, made when asked for (it may take a parse of its own).

        >>> PageMetadata(linked_article={"articleBody": "<p>One.</p><p>Two.</p>"}).article_body
        'One.\\n\\nTwo.'
        """
        return article_body(self.linked_article)


def extract_metadata(tree: LexborHTMLParser, url: str | None = None) -> PageMetadata:
    """Read a parsed page's metadata (before anything mutates the tree).

    >>> page = LexborHTMLParser(
    ...     '<html lang="en-GB"><head><title>Iraq deal | Example News</title>'
    ...     '<meta property="og:site_name" content="Example News">'
    ...     '<meta property="article:published_time" content="2025-10-01T11:03:00Z"></head>'
    ...     '<body><article><h1>Iraq deal</h1><p class="byline">By Jane Doe</p></article></body></html>')
    >>> meta = extract_metadata(page, "https://example.com/world/iraq-deal")
    >>> meta.headline, meta.authors, meta.published, meta.language
    ('Iraq deal', ['Jane Doe'], '2025-10-01T11:03:00+00:00', 'en')
    """
    index = PageIndex.read(tree)
    # Some site builders put JSON-LD in a <meta content> attribute instead of a script.
    linked = LinkedData.read(
        [*index.ld_scripts, *(value for key, values in index.metas.items() if key.endswith("ld+json")
                              for value in values)]
    )
    article = linked.article
    page = linked.page
    site_name = first_text(
        index.meta("og:site_name"),
        linked.publisher_name(),
        index.meta("application-name"),
        linked.website_name(),
    )
    title_node = (tree.head.css_first("title") if tree.head is not None else None) or tree.css_first("title")
    headline, headline_node = choose_headline(
        index,
        ld_headline=_ld_text(article, "headline", "name"),
        meta_titles=[
            *index.meta_all("og:title", "twitter:title", "parsely-title", "sailthru.title",
                            "citation_title", "dc.title"),
            node_text(title_node),
        ],
        site_name=site_name,
        url=url,
    )
    published, updated = page_dates(tree, index, linked, headline, headline_node, url)
    return PageMetadata(
        headline=headline,
        description=first_text(
            _ld_text(article, "description"),
            index.meta("og:description"),
            index.meta("description"),
            index.meta("twitter:description"),
            _ld_text(page, "description"),
        ),
        canonical_url=_canonical_url(index, article, url),
        site_name=site_name,
        language=_language(index, article),
        authors=_authors(tree, index, linked, headline_node),
        published=published,
        updated=updated,
        section=first_text(
            *string_list(article, "articleSection"),
            index.meta("article:section"),
            index.meta("parsely-section"),
            index.meta("section"),
            index.meta("category"),
        ),
        tags=_tags(index, article),
        image=_image(index, article, url),
        page_types=linked.types | index.itemtypes | {t.strip().lower() for t in index.meta_all("og:type")},
        linked_article=article,
    )


def _ld_text(item: dict[str, Any] | None, *keys: str) -> str | None:
    return first_text(*string_values(item, *keys))


def _absolute_url(value: object, base: str | None) -> str | None:
    value = clean_text(value)
    if not value:
        return None
    if is_plain_absolute_url(value):
        # What urljoin would give back unchanged (scheme included), without its two parses and one unparse.
        return value
    try:
        absolute = join_url(base, value) if base else value
        scheme = urlsplit(absolute).scheme
    except ValueError:
        return None
    return absolute if scheme in ("http", "https") else None


# --- authors -------------------------------------------------------------------------------------


def _authors(tree: LexborHTMLParser, index: PageIndex, linked: LinkedData, headline: LexborNode | None) -> list[str]:
    """Authors from author fields first (JSON-LD, <meta>, microdata), then from the visible byline."""
    for raw in _author_fields(index, linked):
        names = clean_authors(raw)
        if names:
            return names
    return byline_authors(tree, index, headline)


def _author_fields(index: PageIndex, linked: LinkedData) -> Iterator[list[str]]:
    """Raw author names, most trusted field first, each field read only when reached."""
    yield linked.author_names(linked.article)
    yield [
        value
        for value in index.meta_all(*_AUTHOR_METAS)
        if not value.lstrip().lower().startswith(("http://", "https://", "www."))
    ]
    yield [_first_name_first(value) for value in index.meta_all("citation_author")]
    yield _microdata_authors(index)
    yield linked.author_names(linked.page)


def _first_name_first(name: str) -> str:
    """Highwire's "Last, First" as "First Last" ("Roy, Aniruddha" -> "Aniruddha Roy")."""
    last, comma, first = name.partition(",")
    if comma and first.strip() and "," not in first and len(last.split()) <= 3 and len(first.split()) <= 3:
        return f"{first.strip()} {last.strip()}"
    return name


def _microdata_authors(index: PageIndex) -> list[str]:
    raw: list[str] = []
    for node in index.itemprops.get("author", ())[:_MAX_NODES]:
        name_node = node.css_first('[itemprop="name"]')
        target = name_node or node
        value = target.attributes.get("content") or node_words(target)
        if value and len(value) <= MAX_BYLINE_CHARS and not in_comments_or_form(target):
            raw.append(value)
    return raw


# --- the rest ------------------------------------------------------------------------------------


def _canonical_url(index: PageIndex, article: dict[str, Any] | None, url: str | None) -> str | None:
    entity = article.get("mainEntityOfPage") if article else None
    if isinstance(entity, dict):
        entity = entity.get("@id") or entity.get("url")
    for candidate in (
        index.canonical,
        index.meta("og:url"),
        entity if isinstance(entity, str) else None,
        _ld_text(article, "url"),
    ):
        absolute = _absolute_url(candidate, url)
        if absolute:
            return absolute
    return None


def _language(index: PageIndex, article: dict[str, Any] | None) -> str | None:
    for candidate in (
        index.root_attributes.get("lang"),
        index.root_attributes.get("xml:lang"),
        index.meta("og:locale"),
        index.meta("content-language"),
        index.meta("language"),
        index.meta("dc.language"),
        _ld_text(article, "inLanguage"),
    ):
        match = _LANGUAGE.match(candidate or "")
        if match:
            return match.group(1).lower()
    return None


def _split_tags(values: list[str]) -> list[str]:
    tags: list[str] = []
    seen: set[str] = set()
    for value in values:
        for part in value.split(","):
            tag = clean_text(part)
            if tag and len(tag) <= _MAX_TAG_CHARS and tag.casefold() not in seen:
                seen.add(tag.casefold())
                tags.append(tag)
    return tags


def _tags(index: PageIndex, article: dict[str, Any] | None) -> list[str]:
    for values in (
        string_list(article, "keywords"),
        index.meta_all("article:tag"),
        index.meta_all("news_keywords"),
        index.meta_all("parsely-tags"),
        index.meta_all("sailthru.tags"),
        index.meta_all("keywords"),
    ):
        tags = _split_tags(values)
        if tags:
            return tags
    return []


def _image(index: PageIndex, article: dict[str, Any] | None, url: str | None) -> Image | None:
    value = article.get("image") if article else None
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        image_url = _absolute_url(value, url)
        if image_url:
            return Image(url=image_url)
    if isinstance(value, dict):
        image_url = _absolute_url(value.get("url") or value.get("contentUrl"), url)
        if image_url:
            credit = value.get("creditText") or value.get("copyrightHolder") or value.get("author")
            if isinstance(credit, dict):
                credit = credit.get("name")
            return Image(url=image_url, caption=clean_text(value.get("caption")), credit=clean_text(credit))
    for key in ("og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src"):
        image_url = _absolute_url(index.meta(key), url)
        if image_url:
            return Image(url=image_url)
    return None

"""What a page says about its article, apart from the body: headline, byline, dates, section, tags.

Pages state these facts several times over, with different care: JSON-LD written for search
engines, OpenGraph written for social networks, older ``<meta>`` conventions (Dublin Core,
Highwire ``citation_*``, Parse.ly, Sailthru), microdata, and the visible page itself. Each field is
read from the sources in order of trust, and the first value that survives cleaning wins. This
module is that order; the sources are read by their own modules: :mod:`~newsdesk.extract.pageindex`
(the one tree walk), :mod:`~newsdesk.extract.jsonld`, :mod:`~newsdesk.extract.headline` and
:mod:`~newsdesk.extract.bylines` (what the visible page says).

:func:`extract_metadata` only reads the tree. The body extractor mutates it afterwards, so this
must run first. Everything here is CSS selection done by lexbor in C; Python touches only the few
nodes the selectors return, because this runs on every page of a CC-NEWS-sized crawl.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.authors import clean_authors
from newsdesk.extract.bylines import (
    MAX_BYLINE_CHARS,
    byline_authors,
    in_comments_or_form,
    labelled_dates,
    time_element_dates,
    visible_date,
)
from newsdesk.extract.dates import date_from_url, parse_date
from newsdesk.extract.headline import choose_headline
from newsdesk.extract.jsonld import LinkedData, article_body, script_dates, string_list, string_values
from newsdesk.extract.pageindex import PageIndex, clean_text, first_text, node_text, node_words
from newsdesk.model import Image

_LOCALE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?\b")
#: Regions that write numeric dates month first.
_MONTH_FIRST_REGIONS = frozenset({"US", "PH", "FM", "MH", "PW"})
_LANGUAGE = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
#: How many microdata nodes of one property are looked at.
_MAX_NODES = 8
# Names sites give their own date fields ("w-published-date", "date-pub", "sn-post-date", "pdate").
_PUBLISHED_KEY = re.compile(
    r"publish|pub[-_.]?date|date[-_.]?pub|release[-_.]?date|issued|post[-_.]?date|article[-_.]?date|creat|^pdate$"
)
_UPDATED_KEY = re.compile(r"modif|updat|revis")
_NOT_PUBLISHED_KEY = re.compile(r"modif|updat|expir|valid|revis|review|edit|last|end")
_NOT_UPDATED_KEY = re.compile(r"expir|valid|by$|author|user|id$")
#: <meta> names of the author (a name; URLs of profile pages are passed over).
_AUTHOR_METAS = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl", "byline",
)
#: <meta> names of the publication date, surest first.
_PUBLISHED_METAS = (
    "article:published_time", "og:published_time", "article:published", "citation_publication_date",
    "citation_date", "citation_online_date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.created", "dcterms.date", "pubdate", "publishdate", "publish-date",
    "publish_date", "publication_date", "date", "article.published", "datepublished", "article_date_original",
    "original-publish-date", "pub_date", "created",
)
#: <meta> names of the last modification date, surest first.
_UPDATED_METAS = (
    "article:modified_time", "og:updated_time", "article:modified", "dcterms.modified", "last-modified",
    "lastmod", "datemodified", "modified",
)
#: An absolute http(s) URL that joining and re-assembling leaves as it is: no empty query,
#: fragment or path parameters to drop, no brackets of an IPv6 host to check.
_PLAIN_ABSOLUTE_URL = re.compile(r"https?://[^\s\x00-\x1f#;\[\]]+")
#: The longest tag worth keeping; longer "tags" are sentences.
_MAX_TAG_CHARS = 80


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
    article_body: str | None = None


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
    published, updated = _dates(tree, index, linked, headline, headline_node, url)
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
        article_body=article_body(article),
    )


def _ld_text(item: dict[str, Any] | None, *keys: str) -> str | None:
    return first_text(*string_values(item, *keys))


def _first_date(groups: Iterable[Iterable[str]]) -> str | None:
    """The first value of the first group that parses as a date; later groups are never made."""
    for group in groups:
        for value in group:
            iso = parse_date(value)
            if iso is not None:
                return iso
    return None


def _absolute_url(value: str | None, base: str | None) -> str | None:
    value = clean_text(value)
    if not value:
        return None
    if _PLAIN_ABSOLUTE_URL.fullmatch(value) and not value.endswith("?"):
        # What urljoin would give back unchanged, without its two parses and one unparse.
        return value
    try:
        absolute = urljoin(base, value) if base else value
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


# --- dates ---------------------------------------------------------------------------------------


def _dates(
    tree: LexborHTMLParser,
    index: PageIndex,
    linked: LinkedData,
    headline: str | None,
    headline_node: LexborNode | None,
    url: str | None,
) -> tuple[str | None, str | None]:
    """The publication and last modification dates, each from the surest source that gives one.

    Fields written for machines come first, then what a reader sees near the headline or the
    byline, then app state in scripts, the URL, and dates labelled anywhere on the page. An
    updated date never passes for the publication date while the page gives one; only a page
    that says nothing but when it changed is taken to be published then.
    """
    published = _first_date(_published_candidates(index, linked, headline_node))
    if published is None:
        published = visible_date(tree, index, headline_node, _day_first(index))
    if published is None:
        published = _first_date([script_dates(index.scripts, headline)])
    if published is None and url:
        published = date_from_url(url)
    updated = _first_date(_updated_candidates(index, linked))
    if published is None:
        # The whole page's text is read only here, for the few pages with no date elsewhere.
        published, labelled_updated = labelled_dates(tree, _day_first(index))
        updated = updated or labelled_updated
    if published is None:
        # A page that states only when it was last changed was published no later than that;
        # it is the best date there is, and what a reader of the page would take as its date.
        published = updated
    return published, updated


def _published_candidates(index: PageIndex, linked: LinkedData, headline: LexborNode | None) -> Iterator[list[str]]:
    """Publication date values, most trusted source first, each source read only when reached."""
    yield string_values(linked.article, "datePublished", "dateCreated", "uploadDate")
    yield index.meta_all(*_PUBLISHED_METAS)
    yield _microdata_dates(index, "datePublished")
    yield string_values(linked.page, "datePublished", "dateCreated", "uploadDate")
    yield _meta_dates_by_name(index.metas)
    yield [value for prop in index.itemprops if _says_published(prop) for value in _microdata_dates(index, prop)]
    yield time_element_dates(index, headline)


def _updated_candidates(index: PageIndex, linked: LinkedData) -> Iterator[list[str]]:
    """Modification date values, most trusted source first, each source read only when reached."""
    yield string_values(linked.article, "dateModified")
    yield index.meta_all(*_UPDATED_METAS)
    yield _microdata_dates(index, "dateModified")
    yield string_values(linked.page, "dateModified")
    yield [value for key, values in index.metas.items() if _says_updated(key) for value in values]


def _meta_dates_by_name(metas: dict[str, list[str]]) -> list[str]:
    """Values of <meta> tags whose own name says publication date ("w-published-date", "published")."""
    return [value for key, values in metas.items() if _says_published(key) for value in values]


def _says_updated(name: str) -> bool:
    """Whether a field's lowercase name says last modification ("article.updated", "modified-date")."""
    return bool(_UPDATED_KEY.search(name)) and not _NOT_UPDATED_KEY.search(name)


def _says_published(name: str) -> bool:
    """Whether a field's lowercase name says publication date, as sites name their own fields."""
    return bool(_PUBLISHED_KEY.search(name)) and not _NOT_PUBLISHED_KEY.search(name)


def _microdata_dates(index: PageIndex, prop: str) -> list[str]:
    values: list[str] = []
    for node in index.itemprops.get(prop.lower(), ())[:_MAX_NODES]:
        attributes = node.attributes
        value = attributes.get("content") or attributes.get("datetime") or node_text(node)
        if value:
            values.append(value)
    return values


def _day_first(index: PageIndex) -> bool | None:
    """How the page writes numeric dates, from its locale: "03/10/2023" is March in the US only.

    None (do not guess) for English without a region, which US and British sites both declare.
    """
    for locale in (index.root_attributes.get("lang"), index.meta("og:locale")):
        match = _LOCALE.match(locale or "")
        if match is None:
            continue
        language, region = match.group(1).lower(), (match.group(2) or "").upper()
        if language == "en":
            if region in _MONTH_FIRST_REGIONS:
                return False
            return True if region else None
        return True
    return None


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

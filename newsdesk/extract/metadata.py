"""What a page says about its article, apart from the body: headline, byline, dates, section, tags.

Pages state these facts several times over, with different care: JSON-LD written for search
engines, OpenGraph written for social networks, older ``<meta>`` conventions (Dublin Core,
Highwire ``citation_*``, Parse.ly, Sailthru), microdata, and the visible page itself. Each field is
read from the sources in order of trust, and the first value that survives cleaning wins; the
headline is chosen the way a reader would, preferring the visible ``<h1>`` when it agrees with
what the metadata calls the title.

:func:`extract_metadata` only reads the tree. The body extractor mutates it afterwards, so this
must run first. Everything here is CSS selection done by lexbor in C; Python touches only the few
nodes the selectors return, because this runs on every page of a CC-NEWS-sized crawl.

JSON-LD in the wild is often not JSON (trailing commas, comments, several objects in one script,
HTML entities); it is read leniently by hand because no JSON library accepts those.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.authors import clean_authors
from newsdesk.extract.dates import date_from_url, find_date, parse_date
from newsdesk.model import Image

#: JSON-LD and OpenGraph types that are an article (lowercased schema.org names).
ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "satiricalarticle",
        "blogposting", "liveblogposting", "socialmediaposting", "discussionforumposting", "report",
        "scholarlyarticle", "medicalscholarlyarticle", "techarticle", "advertisercontentarticle",
        "review", "recipe", "howto",
    }
)
#: Types whose dates and names stand for the page when no article object is present.
_PAGE_TYPES = frozenset({"webpage", "itempage", "medicalwebpage", "aboutpage", "videoobject", "event"})

_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]{0,500}>")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_LINE_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)
_CDATA_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
_LOCALE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?\b")
#: Regions that write numeric dates month first.
_MONTH_FIRST_REGIONS = frozenset({"US", "PH", "FM", "MH", "PW"})
_LANGUAGE = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
# "By" inside a line after the headline: at its start in any case ("by: Jane Doe"), or capitalised
# later ("Last updated May 1 Written by Jane Doe"); a lower-case "by" mid-line is prose.
_BYLINE_WORD = re.compile(
    r"^\s*(?i:by|von|par|por|door|av|af)\s*:?\s+[^\W\d_]"
    r"|(?<=\s)(?:By|BY|Von|Par|Por|Door|(?i:written|posted|reported|words)\s+by)\s*:?\s+[^\W\d_]"
)
_BYLINE_START = re.compile(
    r"^(?:(?:written|posted|reported|words|text|story)\s+)?(?:by|von|par|por|door)(?:\s*:|\s|$)", re.IGNORECASE
)
#: An element that only labels the byline next to it.
_BYLINE_LABEL = re.compile(
    r"(?:written|posted|reported|words|story)?\s*(?:by|von|par|por)\s*:?|(?:author|autor|auteur|autore)\s*:?",
    re.IGNORECASE,
)
_FORM_TAGS = frozenset({"form", "label", "input", "textarea", "select", "button"})
#: Where a <time> is the article's own rather than a related story's or the site's clock.
_DATELINE_AREAS = frozenset({"article", "header", "main"})
# Separators between a headline and the site name in <title> and og:title.
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•»:/]{1,2}\s+|\s*\|\s*")
_NOT_WORD = re.compile(r"[\W_]+")
_JSON_DECODER = json.JSONDecoder(strict=False)

#: The longest byline text worth reading; longer author elements are bios.
_MAX_BYLINE_CHARS = 200
#: An <h1> with fewer words that disagrees with the metadata is a label ("Menu", "News"), not a headline.
_MIN_HEADLINE_WORDS = 3
#: How many candidate nodes of one selector are looked at.
_MAX_NODES = 8
#: Elements looked at when searching an article's top for a printed date; datelines come early.
_MAX_SCANNED_NODES = 600
#: The longest element text that can be a dateline ("Last updated on Wednesday, October 1, 2025").
_MAX_DATELINE_CHARS = 80
_NON_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "path", "iframe", "-comment"})
_DIGIT = re.compile(r"\d")
_PUBLISHED_KEY = re.compile(r"publish|pub_?date|release_?date|issued|post_?date|article_?date|creat")
_NOT_PUBLISHED_KEY = re.compile(r"modif|updat|expir|valid|revis|review|edit|last|end")


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


#: One selector for what every page needs, so that lexbor walks the tree once instead of once per
#: field; the matches (a few dozen nodes) are sorted out in Python.
_INDEX_SELECTOR = ", ".join(
    (
        "meta[content]",
        'script[type*="ld+json" i]',
        'link[rel="canonical"][href]',
        "h1",
        "time",
        "[itemprop]",
        "[itemscope][itemtype]",
        '[rel="author"]',
        'a[href*="/author"]',
        'a[href*="/autor/"]',
        'a[href*="/auteur/"]',
    )
)
#: Class-name matches cost a substring search per element, as much as the whole first walk; they
#: are looked up only for pages whose metadata lacks an author or a date.
_CLASS_SELECTOR = ", ".join(
    (
        '[class*="byline" i]',
        '[class*="author" i]',
        '[class*="date" i]',
        '[class*="publish" i]',
        '[class*="posted" i]',
    )
)
_AUTHOR_LINK = re.compile(r"/(?:authors?|autor|auteur)/", re.IGNORECASE)


@dataclass(slots=True)
class _PageIndex:
    """The nodes and values of one page that metadata is read from, gathered in one tree walk."""

    tree: LexborHTMLParser
    root_attributes: dict[str, str | None]
    metas: dict[str, list[str]]
    ld_scripts: list[str]
    canonical: str | None
    h1s: list[LexborNode]
    times: list[LexborNode]
    itemprops: dict[str, list[LexborNode]]
    itemtypes: set[str]
    author_links: list[LexborNode]
    _classed: tuple[list[LexborNode], list[LexborNode]] | None = None

    @classmethod
    def read(cls, tree: LexborHTMLParser) -> _PageIndex:
        metas: dict[str, list[str]] = {}
        ld_scripts: list[str] = []
        canonical: str | None = None
        h1s: list[LexborNode] = []
        times: list[LexborNode] = []
        itemprops: dict[str, list[LexborNode]] = {}
        author_links: list[LexborNode] = []
        itemtypes: set[str] = set()
        seen: set[int] = set()
        for node in tree.css(_INDEX_SELECTOR):
            if node.mem_id in seen:
                continue
            seen.add(node.mem_id)
            tag = node.tag
            attributes = node.attributes
            if tag == "meta":
                key = attributes.get("property") or attributes.get("name") or attributes.get("http-equiv")
                content = attributes.get("content")
                if key and content:
                    metas.setdefault(key.strip().lower(), []).append(content)
            elif tag == "script":
                if "ld+json" in (attributes.get("type") or "").lower():
                    ld_scripts.append(node.text() or "")
                continue
            elif tag == "link":
                canonical = canonical or attributes.get("href")
                continue
            elif tag == "h1":
                h1s.append(node)
            elif tag == "time":
                times.append(node)
            for itemtype in (attributes.get("itemtype") or "").split():
                itemtypes.add(itemtype.rstrip("/").rsplit("/", 1)[-1].lower())
            prop = attributes.get("itemprop")
            if prop:
                for name in prop.lower().split():
                    itemprops.setdefault(name, []).append(node)
            if (attributes.get("rel") or "").lower() == "author" or (
                tag == "a" and _AUTHOR_LINK.search(attributes.get("href") or "")
            ):
                author_links.append(node)
        root = tree.root
        return cls(
            tree=tree,
            root_attributes=dict(root.attributes) if root is not None else {},
            metas=metas,
            ld_scripts=ld_scripts,
            canonical=canonical,
            h1s=h1s,
            times=times,
            itemprops=itemprops,
            itemtypes=itemtypes,
            author_links=author_links,
        )

    def _classed_nodes(self) -> tuple[list[LexborNode], list[LexborNode]]:
        """Byline-like and date-like elements by class name, surest first, found on first use."""
        if self._classed is None:
            ranked_bylines: list[tuple[int, int, LexborNode]] = []
            ranked_dated: list[tuple[int, int, LexborNode]] = []
            seen: set[int] = set()
            for order, node in enumerate(self.tree.css(_CLASS_SELECTOR)):
                if node.mem_id in seen:
                    continue
                seen.add(node.mem_id)
                marker = (node.attributes.get("class") or "").lower()
                if "byline" in marker:
                    ranked_bylines.append((0, order, node))
                elif "author-name" in marker or "author_name" in marker or "authorname" in marker:
                    ranked_bylines.append((1, order, node))
                elif "author" in marker:
                    ranked_bylines.append((3, order, node))
                if "publish" in marker or "posted" in marker or "pubdate" in marker or "post-date" in marker:
                    ranked_dated.append((0, order, node))
                elif "date" in marker:
                    ranked_dated.append((1, order, node))
            ranked_bylines += [(2, -1, node) for node in self.author_links]
            self._classed = (
                [node for _, _, node in sorted(ranked_bylines, key=lambda item: item[:2])],
                [node for _, _, node in sorted(ranked_dated, key=lambda item: item[:2])],
            )
        return self._classed

    @property
    def bylines(self) -> list[LexborNode]:
        """Elements that look like a byline: rel=author, byline or author classes, author links."""
        return [*self.author_links[:1], *self._classed_nodes()[0]]

    @property
    def dated(self) -> list[LexborNode]:
        """Elements whose class says they hold a date ("publish-date", "post-meta__date")."""
        return self._classed_nodes()[1]

    def meta(self, key: str) -> str | None:
        values = self.metas.get(key)
        return values[0] if values else None

    def meta_all(self, *keys: str) -> list[str]:
        return [value for key in keys for value in self.metas.get(key, ())]


def extract_metadata(tree: LexborHTMLParser, url: str | None = None) -> PageMetadata:
    """Read a parsed page's metadata (before anything mutates the tree).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser(
    ...     '<html lang="en-GB"><head><title>Iraq deal | Example News</title>'
    ...     '<meta property="og:site_name" content="Example News">'
    ...     '<meta property="article:published_time" content="2025-10-01T11:03:00Z"></head>'
    ...     '<body><article><h1>Iraq deal</h1><p class="byline">By Jane Doe</p></article></body></html>')
    >>> meta = extract_metadata(page, "https://example.com/world/iraq-deal")
    >>> meta.headline, meta.authors, meta.published, meta.language
    ('Iraq deal', ['Jane Doe'], '2025-10-01T11:03:00+00:00', 'en')
    """
    index = _PageIndex.read(tree)
    linked = _LinkedData.read(index)
    article = linked.article
    page = linked.page
    site_name = _first_text(
        index.meta("og:site_name"),
        linked.publisher_name(),
        index.meta("application-name"),
        linked.website_name(),
    )
    title_node = (tree.head.css_first("title") if tree.head is not None else None) or tree.css_first("title")
    headline, headline_node = _choose_headline(
        _headline_nodes(index),
        ld_headline=_ld_text(article, "headline", "name"),
        meta_titles=[
            *index.meta_all("og:title", "twitter:title", "parsely-title", "sailthru.title",
                            "citation_title", "dc.title"),
            _node_text(title_node),
        ],
        site_name=site_name,
        url=url,
    )
    published = _first_date(
        _ld_values(article, "datePublished", "dateCreated", "uploadDate"),
        index.meta_all("article:published_time", "og:published_time", "article:published",
                       "citation_publication_date", "citation_date", "citation_online_date",
                       "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
                       "dc.date", "dcterms.created", "dcterms.date", "pubdate", "publishdate", "publish-date",
                       "publish_date", "publication_date", "date", "article.published", "datepublished",
                       "article_date_original", "original-publish-date", "pub_date", "created"),
        _microdata_dates(index, "datePublished"),
        _ld_values(page, "datePublished", "dateCreated", "uploadDate"),
        _meta_dates_by_name(index.metas),
        _time_elements(index, headline_node),
    )
    if published is None:
        published = _visible_date(tree, index, headline_node, _day_first(index))
    if published is None and url:
        published = date_from_url(url)
    updated = _first_date(
        _ld_values(article, "dateModified"),
        index.meta_all("article:modified_time", "og:updated_time", "article:modified",
                       "dcterms.modified", "last-modified", "lastmod", "datemodified", "modified"),
        _microdata_dates(index, "dateModified"),
        _ld_values(page, "dateModified"),
    )
    if published is None:
        # A page that states only when it was last changed was published no later than that;
        # it is the best date there is, and what a reader of the page would take as its date.
        published = updated
    return PageMetadata(
        headline=headline,
        description=_first_text(
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
        section=_first_text(
            *_ld_strings(article, "articleSection"),
            index.meta("article:section"),
            index.meta("parsely-section"),
            index.meta("section"),
            index.meta("category"),
        ),
        tags=_tags(index, article),
        image=_image(index, article, url),
        page_types=linked.types | index.itemtypes | {t.strip().lower() for t in index.meta_all("og:type")},
        article_body=_ld_body(article),
    )


# --- plain helpers -------------------------------------------------------------------------------


def _clean(value: Any) -> str | None:
    """One-line text from a metadata value: entities decoded, tags dropped, spaces collapsed."""
    if not isinstance(value, str):
        return None
    if "&" in value:
        value = html.unescape(value)
    if "<" in value:
        value = _TAG.sub(" ", value)
    value = _SPACES.sub(" ", value).strip()
    return value or None


def _first_text(*values: str | None) -> str | None:
    for value in values:
        cleaned = _clean(value)
        if cleaned:
            return cleaned
    return None


def _node_text(node: LexborNode | None) -> str | None:
    """A node's text as one line, inline markup joined without spaces ("foo<b>bar</b>")."""
    if node is None:
        return None
    return _clean(node.text(deep=True))


def _node_words(node: LexborNode | None) -> str | None:
    """A node's text as one line with its text pieces spaced apart ("Updated<span>May 1</span>")."""
    if node is None:
        return None
    return _clean(node.text(deep=True, separator=" "))


def _loose(text: str) -> str:
    """Text folded for loose comparison: case, punctuation and spacing ignored."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def _first_date(*groups: Iterable[str | None]) -> str | None:
    for group in groups:
        for value in group:
            if isinstance(value, str):
                iso = parse_date(value)
                if iso is not None:
                    return iso
    return None


def _absolute_url(value: str | None, base: str | None) -> str | None:
    value = _clean(value)
    if not value:
        return None
    try:
        absolute = urljoin(base, value) if base else value
        scheme = urlsplit(absolute).scheme
    except ValueError:
        return None
    return absolute if scheme in ("http", "https") else None


# --- JSON-LD -------------------------------------------------------------------------------------


def _parse_json_leniently(text: str) -> list[Any]:
    """The JSON values in a script's text, repairing what sites commonly get wrong."""
    text = text.strip()
    if not text:
        return []
    try:
        return [_JSON_DECODER.decode(text)]
    except ValueError:
        pass
    text = _CDATA_WRAPPER.sub("", text)
    if "&quot;" in text or "&#" in text:
        text = html.unescape(text)
    text = _BLOCK_COMMENT.sub("", _LINE_COMMENT.sub("", text))
    text = _TRAILING_COMMA.sub(r"\1", text).replace("\\'", "'")
    values: list[Any] = []
    position = 0
    while position < len(text):
        while position < len(text) and text[position] in " \t\r\n,;":
            position += 1
        if position >= len(text):
            break
        try:
            value, position = _JSON_DECODER.raw_decode(text, position)
        except ValueError:
            break
        values.append(value)
    return values


def _types_of(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    if isinstance(kind, str):
        return {kind.lower().rsplit("/", 1)[-1]}
    if isinstance(kind, list):
        return {k.lower().rsplit("/", 1)[-1] for k in kind if isinstance(k, str)}
    return set()


@dataclass(slots=True)
class _LinkedData:
    """The JSON-LD objects of a page, flattened, with the article and page objects picked out."""

    items: list[dict[str, Any]]
    by_id: dict[str, dict[str, Any]]
    types: frozenset[str]
    article: dict[str, Any] | None
    page: dict[str, Any] | None

    @classmethod
    def read(cls, index: _PageIndex) -> _LinkedData:
        items: list[dict[str, Any]] = []
        # Some site builders put JSON-LD in a <meta content> attribute instead of a script.
        scripts = index.ld_scripts + [
            value for key, values in index.metas.items() if key.endswith("ld+json") for value in values
        ]
        for script in scripts:
            for value in _parse_json_leniently(script):
                _collect_items(value, items, depth=0)
        by_id = {item["@id"]: item for item in items if isinstance(item.get("@id"), str)}
        types: set[str] = set()
        article = page = None
        best_article_rank = -1
        for item in items:
            item_types = _types_of(item)
            types |= item_types
            if item_types & ARTICLE_TYPES:
                rank = 1 if item.get("headline") else 0
                if rank > best_article_rank:
                    article, best_article_rank = item, rank
            elif page is None and item_types & _PAGE_TYPES:
                page = item
        return cls(items, by_id, frozenset(types), article, page)

    def resolve(self, value: Any) -> Any:
        """Follow a bare {"@id": ...} reference to the object it names in the @graph."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in self.by_id:
            return self.by_id[value["@id"]]
        return value

    def publisher_name(self) -> str | None:
        if self.article is None:
            return None
        publisher = self.resolve(self.article.get("publisher"))
        if isinstance(publisher, list) and publisher:
            publisher = self.resolve(publisher[0])
        return _clean(publisher.get("name")) if isinstance(publisher, dict) else None

    def website_name(self) -> str | None:
        for item in self.items:
            if "website" in _types_of(item):
                return _clean(item.get("name"))
        return None

    def author_names(self, item: dict[str, Any] | None) -> list[str]:
        """Raw person names from an object's author/creator field (organisations skipped)."""
        if item is None:
            return []
        names: list[str] = []
        for key in ("author", "creator"):
            value = item.get(key)
            for entry in value if isinstance(value, list) else [value]:
                entry = self.resolve(entry)
                if isinstance(entry, str):
                    names.append(entry)
                elif isinstance(entry, dict) and "organization" not in _types_of(entry):
                    name = entry.get("name")
                    if isinstance(name, list):
                        name = next((n for n in name if isinstance(n, str)), None)
                    if not isinstance(name, str) and isinstance(entry.get("givenName"), str):
                        name = f"{entry.get('givenName')} {entry.get('familyName') or ''}"
                    if isinstance(name, str):
                        names.append(name)
            if names:
                break
        return names


def _collect_items(value: Any, items: list[dict[str, Any]], depth: int) -> None:
    """Flatten lists, @graph arrays and mainEntity wrappers into typed objects."""
    if depth > 4:
        return
    if isinstance(value, list):
        for entry in value:
            _collect_items(entry, items, depth + 1)
    elif isinstance(value, dict):
        if "@type" in value:
            items.append(value)
        for key in ("@graph", "mainEntity"):
            if isinstance(value.get(key), list | dict):
                _collect_items(value[key], items, depth + 1)


def _ld_values(item: dict[str, Any] | None, *keys: str) -> list[str]:
    if item is None:
        return []
    return [item[key] for key in keys if isinstance(item.get(key), str)]


def _ld_text(item: dict[str, Any] | None, *keys: str) -> str | None:
    return _first_text(*_ld_values(item, *keys))


def _ld_strings(item: dict[str, Any] | None, key: str) -> list[str]:
    """A field that may be a string, a comma-separated string or a list of strings."""
    if item is None:
        return []
    value = item.get(key)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [entry for entry in value if isinstance(entry, str)]
    return []


def _ld_body(item: dict[str, Any] | None) -> str | None:
    body = item.get("articleBody") if item else None
    if not isinstance(body, str) or not body.strip():
        return None
    if "&" in body:
        body = html.unescape(body)
    if "<" in body and ">" in body:
        body = LexborHTMLParser(body).text(separator="\n")
    # Each line is a paragraph; they are joined the way Article.text joins blocks.
    lines = (_SPACES.sub(" ", line).strip() for line in body.splitlines())
    return "\n\n".join(line for line in lines if line) or None


# --- headline ------------------------------------------------------------------------------------


def _headline_nodes(index: _PageIndex) -> list[LexborNode]:
    """Visible headline candidates: <h1>s inside the article, then itemprop=headline, then other <h1>s."""
    h1s = index.h1s[:_MAX_NODES]
    in_article = [node for node in h1s if _inside_article(node)]
    marked = [node for node in index.itemprops.get("headline", ())[:_MAX_NODES] if node.tag != "meta"]
    nodes: list[LexborNode] = []
    seen: set[int] = set()
    for node in (*in_article, *marked, *h1s):
        if node.mem_id not in seen:
            seen.add(node.mem_id)
            nodes.append(node)
    return nodes


def _site_words(site_name: str | None, url: str | None) -> set[str]:
    """Loose forms of the site's name: its stated name and its domain's main label."""
    words = set()
    if site_name:
        words.add(_loose(site_name).replace(" ", ""))
    if url:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
        labels = [label for label in host.split(".") if label not in ("www", "m", "amp", "edition")]
        if len(labels) >= 2:
            words.add(labels[-2] if len(labels[-1]) > 2 or len(labels) < 3 else labels[-3])
    return {word for word in words if word}


def _without_site(title: str, site_words: set[str]) -> str:
    """A <title> or og:title with the site's name cut from its start or end."""
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    first, last = parts[0], parts[-1]

    def is_site(part: str) -> bool:
        squashed = _loose(part).replace(" ", "")
        return bool(squashed) and any(word in squashed or squashed in word for word in site_words)

    spans = [m.span() for m in _TITLE_SEPARATOR.finditer(title)]
    if is_site(last) and not is_site(first):
        return title[: spans[-1][0]].strip()
    if is_site(first) and not is_site(last):
        return title[spans[0][1] :].strip()
    if len(last.split()) <= 4 and len(_loose(title[: spans[-1][0]]).split()) > len(last.split()):
        # "Headline | Outlet" is the common shape even when the outlet is spelled differently.
        return title[: spans[-1][0]].strip()
    return title


def _loosely_same(a: str, b: str) -> bool:
    la, lb = _loose(a), _loose(b)
    if not la or not lb:
        return False
    if la == lb:
        return True
    shorter, longer = (la, lb) if len(la) <= len(lb) else (lb, la)
    if len(shorter) >= 15 and shorter in longer and len(shorter) >= 0.6 * len(longer):
        return True
    words_a, words_b = set(la.split()), set(lb.split())
    return len(words_a & words_b) / len(words_a | words_b) >= 0.8


def _inside_article(node: LexborNode, areas: frozenset[str] = frozenset({"article", "main"})) -> bool:
    """Whether one of the node's ancestors is one of ``areas`` (by tag)."""
    parent = node.parent
    while parent is not None:
        if parent.tag in areas:
            return True
        parent = parent.parent
    return False


def _plausible_headline(text: str, site_words: set[str]) -> bool:
    """Whether an <h1> that disagrees with the metadata can still be the headline a reader sees.

    Sites put their logo or name, or a section label, in an <h1>; a headline has a few words
    and is not the site's name.
    """
    squashed = _loose(text).replace(" ", "")
    if not squashed or any(squashed == word for word in site_words):
        return False
    return len(text.split()) >= _MIN_HEADLINE_WORDS


def _choose_headline(
    h1_nodes: list[LexborNode],
    ld_headline: str | None,
    meta_titles: list[str | None],
    site_name: str | None,
    url: str | None,
) -> tuple[str | None, LexborNode | None]:
    """The headline a reader sees and its node: the <h1> that agrees with the metadata, else the metadata's.

    The node (None when the headline comes from metadata alone) anchors the search for a byline
    and a printed date next to it.
    """
    site_words = _site_words(site_name, url)
    titles = [t for t in (_clean(title) for title in [ld_headline, *meta_titles]) if t]
    stripped = [_without_site(title, site_words) for title in titles]
    # The part before the first separator too: "Climate Change | Economic Research Service".
    first_parts = [_TITLE_SEPARATOR.split(title, maxsplit=1)[0] for title in titles]
    references = [*titles, *stripped, *first_parts]
    h1s = [(text, node) for node in h1_nodes if (text := _node_text(node)) and len(text) < 400]
    for text, node in h1s:
        if any(_loosely_same(text, reference) for reference in references):
            return text, node
    # An <h1> that disagrees with the metadata is still what readers see as the headline when it
    # is the only one; among several, nothing says which, and the metadata is the safer guess.
    in_article = [(text, node) for text, node in h1s if _inside_article(node)]
    candidates = in_article[:1] if in_article else h1s if len(h1s) == 1 or not titles else []
    for text, node in candidates:
        if _plausible_headline(text, site_words):
            return text, node
    if ld_headline:
        return _clean(ld_headline), None
    if stripped:
        return stripped[0], None
    return h1s[0] if h1s else (None, None)


# --- authors -------------------------------------------------------------------------------------


def _authors(
    tree: LexborHTMLParser, index: _PageIndex, linked: _LinkedData, headline: LexborNode | None
) -> list[str]:
    """Authors from author fields first (JSON-LD, <meta>, microdata), then from the visible byline."""
    meta_authors = [
        value
        for value in index.meta_all("author", "article:author", "parsely-author", "sailthru.author",
                                    "dc.creator", "dcterms.creator", "byl", "byline")
        if not value.lstrip().lower().startswith(("http://", "https://", "www."))
    ]
    citation_authors = [_first_name_first(value) for value in index.meta_all("citation_author")]
    for raw in (
        linked.author_names(linked.article),
        meta_authors,
        citation_authors,
        _microdata_authors(index),
        linked.author_names(linked.page),
    ):
        names = clean_authors(raw)
        if names:
            return names
    return _byline_authors(tree, index, headline)


def _first_name_first(name: str) -> str:
    """Highwire's "Last, First" as "First Last" ("Roy, Aniruddha" -> "Aniruddha Roy")."""
    last, comma, first = name.partition(",")
    if comma and first.strip() and "," not in first and len(last.split()) <= 3 and len(first.split()) <= 3:
        return f"{first.strip()} {last.strip()}"
    return name


def _microdata_authors(index: _PageIndex) -> list[str]:
    raw: list[str] = []
    for node in index.itemprops.get("author", ())[:_MAX_NODES]:
        name_node = node.css_first('[itemprop="name"]')
        target = name_node or node
        value = target.attributes.get("content") or _node_words(target)
        if value and len(value) <= _MAX_BYLINE_CHARS and not _in_comments_or_form(target):
            raw.append(value)
    return raw


def _in_comments_or_form(node: LexborNode) -> bool:
    """Whether a node belongs to a comment thread or a form (comment forms label a field "Name")."""
    current: LexborNode | None = node
    for _ in range(12):
        if current is None or current.tag in ("body", "html"):
            return False
        if current.tag in _FORM_TAGS:
            return True
        attributes = current.attributes
        marker = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower()
        if "comment" in marker or "respond" in marker:
            return True
        current = current.parent
    return False


def _byline_authors(tree: LexborHTMLParser, index: _PageIndex, headline: LexborNode | None) -> list[str]:
    """Names from visible byline elements, the lines after the headline, or a "By ..." line in the article."""
    for node in index.bylines[: 2 * _MAX_NODES]:
        text = _node_words(node)
        if text and len(text) <= _MAX_BYLINE_CHARS and not _in_comments_or_form(node):
            names = clean_authors([_byline_text(node, text)], strict=True)
            if names:
                return names
    for line in _lines_after_headline(headline):
        match = _BYLINE_WORD.search(line)
        if match:
            names = clean_authors([line[match.start() :]], strict=True)
            if names:
                return names
    for scope in _article_scopes(tree, headline):
        names = _scope_byline(scope)
        if names:
            return names
    return []


def _byline_text(node: LexborNode, text: str) -> str:
    """A byline's text; for a bare label ("Written by") the label and the element after it."""
    if _BYLINE_LABEL.fullmatch(text):
        sibling = node.next
        while sibling is not None and not sibling.is_element_node:
            sibling = sibling.next
        following = _node_words(sibling)
        if following and len(following) <= _MAX_BYLINE_CHARS:
            return f"{text} {following}"
    return text


def _scope_byline(scope: LexborNode) -> list[str]:
    """Names from the first "By ..." element, or "Written by" label and its neighbour, in ``scope``."""
    for looked, node in enumerate(scope.traverse()):
        if looked > _MAX_SCANNED_NODES:
            break
        if node.tag in _NON_TEXT_TAGS:
            continue
        own = (node.text(deep=False) or "").strip()
        if not own or len(own) > _MAX_BYLINE_CHARS or not _BYLINE_START.match(own):
            continue
        text = _node_words(node)
        if text and len(text) <= _MAX_BYLINE_CHARS and not _in_comments_or_form(node):
            names = clean_authors([_byline_text(node, text)], strict=True)
            if names:
                return names
    return []


def _lines_after_headline(headline: LexborNode | None) -> Iterator[str]:
    """Short texts of the few elements that follow the headline (or its wrappers)."""
    node = headline
    for _ in range(3):
        if node is None:
            return
        sibling = node.next
        looked = 0
        while sibling is not None and looked < 6:
            if sibling.is_element_node:
                looked += 1
                text = _node_words(sibling)
                if text and len(text) <= _MAX_BYLINE_CHARS:
                    yield text
            sibling = sibling.next
        node = node.parent


# --- dates ---------------------------------------------------------------------------------------


def _meta_dates_by_name(metas: dict[str, list[str]]) -> list[str]:
    """Values of <meta> tags whose own name says publication date ("w-published-date", "published")."""
    return [
        value
        for key, values in metas.items()
        if _PUBLISHED_KEY.search(key) and not _NOT_PUBLISHED_KEY.search(key)
        for value in values
    ]


def _microdata_dates(index: _PageIndex, prop: str) -> list[str]:
    values: list[str] = []
    for node in index.itemprops.get(prop.lower(), ())[:_MAX_NODES]:
        attributes = node.attributes
        value = attributes.get("content") or attributes.get("datetime") or _node_text(node)
        if value:
            values.append(value)
    return values


def _time_elements(index: _PageIndex, headline: LexborNode | None) -> list[str]:
    """<time datetime> values marked as the publication time or in the article's header area."""
    marked = [node for node in index.times if "pubdate" in node.attributes]
    placed = _article_times(index, headline)
    values: list[str] = []
    for node in (*marked[:2], *placed[:4]):
        value = node.attributes.get("datetime")
        if value:
            values.append(value)
    return values


def _article_times(index: _PageIndex, headline: LexborNode | None) -> list[LexborNode]:
    """<time> elements in an article, header or main area, leaving out other stories' <article>s.

    When the headline sits in an <article>, only times in that article count; when it sits
    outside any, times inside <article> elements belong to related-story cards.
    """
    home = _nearest(headline, "article") if headline is not None else None
    times = []
    for node in index.times:
        if not _inside_article(node, _DATELINE_AREAS):
            continue
        story = _nearest(node, "article")
        if headline is not None and story is not None and (home is None or story.mem_id != home.mem_id):
            continue
        times.append(node)
    return times


def _nearest(node: LexborNode, tag: str) -> LexborNode | None:
    """The closest ancestor of ``node`` with the given tag."""
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return parent
        parent = parent.parent
    return None


def _visible_date(
    tree: LexborHTMLParser, index: _PageIndex, headline: LexborNode | None, day_first: bool | None
) -> str | None:
    """A date printed near the headline or at the top of the article, when no metadata gives one."""
    for line in _lines_after_headline(headline):
        found = find_date(line, day_first=day_first)
        if found is not None:
            return found
    for scope in _article_scopes(tree, headline):
        found = _first_printed_date(scope, day_first)
        if found is not None:
            return found
    for nodes in (_article_times(index, headline), index.dated, index.times):
        for node in nodes[:_MAX_NODES]:
            value = node.attributes.get("datetime")
            found = parse_date(value) if value else None
            text = _node_words(node) if found is None else None
            if text and len(text) <= _MAX_BYLINE_CHARS:
                found = find_date(text, day_first=day_first)
            if found is not None:
                return found
    return None


def _article_scopes(tree: LexborHTMLParser, headline: LexborNode | None) -> Iterator[LexborNode]:
    """Where the article's own dateline can be: around the headline, then its article element.

    Without a headline node the first <article> or <main> stands in; with one, only the article
    that holds it, because pages list related stories in <article> elements of their own.
    """
    if headline is None:
        for selector in ("article", "main", '[role="main"]'):
            node = tree.css_first(selector)
            if node is not None:
                yield node
                return
        return
    node = headline.parent
    for depth in range(12):
        if node is None or node.tag in ("body", "html"):
            return
        if depth == 2 or node.tag in ("article", "main"):
            yield node
            if node.tag in ("article", "main"):
                return
        node = node.parent


def _first_printed_date(scope: LexborNode, day_first: bool | None) -> str | None:
    """The first element in ``scope`` whose whole text is a date ("Published March 17, 2025")."""
    for looked, node in enumerate(scope.traverse()):
        if looked > _MAX_SCANNED_NODES:
            break
        if node.tag in _NON_TEXT_TAGS:
            continue
        own = node.text(deep=False)
        if not own or len(own) > _MAX_DATELINE_CHARS or not _DIGIT.search(own):
            continue
        for text in (_node_text(node), _node_words(node)):
            if text and len(text) <= _MAX_DATELINE_CHARS:
                found = parse_date(text, day_first=day_first)
                if found is not None:
                    return found
    return None


def _day_first(index: _PageIndex) -> bool | None:
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


def _canonical_url(index: _PageIndex, article: dict[str, Any] | None, url: str | None) -> str | None:
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


def _language(index: _PageIndex, article: dict[str, Any] | None) -> str | None:
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
            tag = _clean(part)
            if tag and len(tag) <= 80 and tag.casefold() not in seen:
                seen.add(tag.casefold())
                tags.append(tag)
    return tags


def _tags(index: _PageIndex, article: dict[str, Any] | None) -> list[str]:
    for values in (
        _ld_strings(article, "keywords"),
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


def _image(index: _PageIndex, article: dict[str, Any] | None, url: str | None) -> Image | None:
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
            return Image(url=image_url, caption=_clean(value.get("caption")), credit=_clean(credit))
    for key in ("og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src"):
        image_url = _absolute_url(index.meta(key), url)
        if image_url:
            return Image(url=image_url)
    return None

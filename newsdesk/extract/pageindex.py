"""The nodes and values of one parsed page that its metadata is read from, gathered in one walk.

Every metadata reader needs a few kinds of node: ``<meta>`` tags, JSON-LD scripts, the canonical
link, ``<h1>``s, ``<time>``s, microdata, author links. One CSS selector list finds them all, so
that lexbor walks the tree once in C instead of once per field, and Python touches only the few
dozen nodes it returns. Elements found by class name ("byline", "post-date") cost a second walk
and are looked for only when a page's metadata leaves an author or a date missing.

Also here: node text as one clean line, and where a node sits (its nearest ancestor of a tag),
which the headline, byline and dateline readers share.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]{0,500}>")

#: One selector for what every page needs; the matches (a few dozen nodes) are sorted out in Python.
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
#: The areas of a page that hold its article.
ARTICLE_AREAS = frozenset({"article", "main"})


@dataclass(slots=True)
class PageIndex:
    """The nodes and values of one page that metadata is read from, gathered in one tree walk.

    >>> index = PageIndex.read(LexborHTMLParser(
    ...     '<html lang="en"><head><meta property="og:title" content="Rain returns">'
    ...     '<meta name="keywords" content="rain"><meta name="Keywords" content="weather"></head>'
    ...     '<body><h1>Rain returns</h1><a rel="author" href="/by/jane">Jane Doe</a></body></html>'))
    >>> index.meta("og:title"), index.meta_all("keywords"), len(index.h1s), len(index.bylines)
    ('Rain returns', ['rain', 'weather'], 1, 2)
    """

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
    def read(cls, tree: LexborHTMLParser) -> PageIndex:
        """Walk ``tree`` once and keep what metadata is read from."""
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
        """The first value of the <meta> named ``key`` (lowercase), or None."""
        values = self.metas.get(key)
        return values[0] if values else None

    def meta_all(self, *keys: str) -> list[str]:
        """Every value of the <meta> tags named ``keys`` (lowercase), in the order of ``keys``."""
        return [value for key in keys for value in self.metas.get(key, ())]


def clean_text(value: Any) -> str | None:
    """One-line text from a metadata value: entities decoded, tags dropped, spaces collapsed.

    >>> clean_text("  Rates &amp; <b>bonds</b>\\n fall "), clean_text(" "), clean_text(3)
    ('Rates & bonds fall', None, None)
    """
    if not isinstance(value, str):
        return None
    if "&" in value:
        value = html.unescape(value)
    if "<" in value:
        value = _TAG.sub(" ", value)
    value = _SPACES.sub(" ", value).strip()
    return value or None


def first_text(*values: str | None) -> str | None:
    """The first value that is not empty once cleaned, cleaned.

    >>> first_text(None, "  ", "Example News", "Other")
    'Example News'
    """
    for value in values:
        cleaned = clean_text(value)
        if cleaned:
            return cleaned
    return None


def node_text(node: LexborNode | None) -> str | None:
    """A node's text as one line, inline markup joined without spaces ("foo<b>bar</b>").

    >>> node_text(LexborHTMLParser("<h1>Why <em>inflation</em>-linked bonds fell</h1>").css_first("h1"))
    'Why inflation-linked bonds fell'
    """
    if node is None:
        return None
    return clean_text(node.text(deep=True))


def node_words(node: LexborNode | None) -> str | None:
    """A node's text as one line with its text pieces spaced apart ("Updated<span>May 1</span>").

    >>> node_words(LexborHTMLParser("<p>Updated<span>May 1</span></p>").css_first("p"))
    'Updated May 1'
    """
    if node is None:
        return None
    return clean_text(node.text(deep=True, separator=" "))


def nearest(node: LexborNode, tag: str) -> LexborNode | None:
    """The closest ancestor of ``node`` with the given tag.

    >>> tree = LexborHTMLParser("<article id=a><div><time>May 1</time></div></article>")
    >>> nearest(tree.css_first("time"), "article").id, nearest(tree.css_first("time"), "main")
    ('a', None)
    """
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return parent
        parent = parent.parent
    return None


def inside(node: LexborNode, areas: frozenset[str] = ARTICLE_AREAS) -> bool:
    """Whether one of the node's ancestors is one of ``areas`` (by tag).

    >>> tree = LexborHTMLParser("<header><h1>Site</h1></header><main><h1>Story</h1></main>")
    >>> [inside(node) for node in tree.css("h1")]
    [False, True]
    """
    parent = node.parent
    while parent is not None:
        if parent.tag in areas:
            return True
        parent = parent.parent
    return False

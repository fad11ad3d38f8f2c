"""The nodes and values of one parsed page that its metadata is read from, gathered in one walk.

Every metadata reader needs a few kinds of node: ``<meta>`` tags, JSON-LD scripts, the canonical
link, ``<h1>``s, ``<time>``s, microdata. One CSS selector list finds them all, so that lexbor
walks the tree once in C instead of once per field, and Python touches only the few dozen nodes
it returns. Byline elements (by class name, or links to author pages) and dated elements (by
class name) cost a walk each, dearer than the first because substring tests on every class and
link are; each is made on first use, only for pages whose metadata leaves an author or a date
missing.

Also here: node text as one clean line, and where a node sits (its nearest ancestor of a tag),
which the headline, byline and dateline readers share.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.body_nodes import fold_ws

_TAG: Final = re.compile(r"<[^>]{0,500}>")

#: One selector for what every page needs; the matches (a few dozen nodes) are sorted out in Python.
#: Attribute tests cost lexbor less than tag tests, so <meta>, <script> and <link> are found by
#: their attributes alone and told apart from other elements with those attributes in Python.
_INDEX_SELECTOR: Final = ", ".join(
    (
        "[content]",
        '[type*="ld+json" i]',
        '[rel="canonical"]',
        "h1",
        "time",
        "[itemprop]",
        "[itemscope][itemtype]",
    )
)
# Substring matches on class and href cost lexbor a string search per element or link, more than
# the whole walk above; they are made only for pages whose metadata lacks an author or a date.
_BYLINE_SELECTOR: Final = ", ".join(
    (
        '[class*="byline" i]',
        '[class*="author" i]',
        '[rel="author"]',
        # Links to /author/, /autor/ and /auteur/ pages, told apart in Python: one attribute
        # selector without a tag is a third cheaper than one per spelling.
        '[href*="/aut"]',
    )
)
_DATED_SELECTOR: Final = ", ".join(('[class*="date" i]', '[class*="publish" i]', '[class*="posted" i]'))
_AUTHOR_LINK: Final = re.compile(r"/(?:authors?|autor|auteur)/", re.IGNORECASE)
#: The areas of a page that hold its article.
ARTICLE_AREAS: Final = frozenset({"article", "main"})


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
    _bylines: list[LexborNode] | None = None
    _dated: list[LexborNode] | None = None
    _scripts: list[str] | None = None

    @classmethod
    def read(cls, tree: LexborHTMLParser) -> PageIndex:
        """Walk ``tree`` once and keep what metadata is read from."""
        metas: dict[str, list[str]] = {}
        ld_scripts: list[str] = []
        canonical: str | None = None
        h1s: list[LexborNode] = []
        times: list[LexborNode] = []
        itemprops: dict[str, list[LexborNode]] = {}
        itemtypes: set[str] = set()
        last_id = -1
        for node in tree.css(_INDEX_SELECTOR):
            # A node that several selectors match comes once per selector, in a row.
            node_id = node.mem_id
            if node_id == last_id:
                continue
            last_id = node_id
            tag = node.tag
            attributes = node.attributes
            if tag == "meta":
                key = attributes.get("property") or attributes.get("name") or attributes.get("http-equiv")
                content = attributes.get("content")
                if key and content:
                    key = key.strip().lower()
                    if key in metas:
                        metas[key].append(content)
                    else:
                        metas[key] = [content]
            elif tag == "script":
                if "ld+json" in (attributes.get("type") or "").lower():
                    ld_scripts.append(node.text() or "")
                continue
            elif tag == "link":
                # Links come here for their microdata too; only rel=canonical names the page.
                if canonical is None and "canonical" in (attributes.get("rel") or "").lower().split():
                    canonical = attributes.get("href")
                continue
            elif tag == "h1":
                h1s.append(node)
            elif tag == "time":
                times.append(node)
            elif "itemprop" not in attributes and "itemscope" not in attributes:
                # Another element with a content, type or rel attribute, and no microdata.
                continue
            itemtype = attributes.get("itemtype")
            if itemtype:
                for name in itemtype.split():
                    itemtypes.add(name.rstrip("/").rsplit("/", 1)[-1].lower())
            prop = attributes.get("itemprop")
            if prop:
                for name in prop.lower().split():
                    if name in itemprops:
                        itemprops[name].append(node)
                    else:
                        itemprops[name] = [node]
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
        )

    @property
    def bylines(self) -> list[LexborNode]:
        """Elements that look like a byline, surest first: the first author link, then by class.

        Classes with "byline" come first, then "author-name", author links (rel=author or a link
        to an author page), and other "author" classes; found on first use.
        """
        if self._bylines is None:
            ranked: list[tuple[int, int, LexborNode]] = []
            links: list[LexborNode] = []
            last_id = -1
            for order, node in enumerate(self.tree.css(_BYLINE_SELECTOR)):
                node_id = node.mem_id
                if node_id == last_id:
                    continue
                last_id = node_id
                attributes = node.attributes
                marker = (attributes.get("class") or "").lower()
                if "byline" in marker:
                    ranked.append((0, order, node))
                elif "author-name" in marker or "author_name" in marker or "authorname" in marker:
                    ranked.append((1, order, node))
                elif "author" in marker:
                    ranked.append((3, order, node))
                tag = node.tag
                if tag not in ("link", "script") and (
                    (attributes.get("rel") or "").lower() == "author"
                    or (tag == "a" and _AUTHOR_LINK.search(attributes.get("href") or ""))
                ):
                    links.append(node)
            ranked += [(2, -1, node) for node in links]
            ranked.sort(key=lambda item: item[:2])
            self._bylines = [*links[:1], *(node for _, _, node in ranked)]
        return self._bylines

    @property
    def dated(self) -> list[LexborNode]:
        """Elements whose class says they hold a date ("publish-date", "post-meta__date"), surest first."""
        if self._dated is None:
            ranked: list[tuple[int, int, LexborNode]] = []
            last_id = -1
            for order, node in enumerate(self.tree.css(_DATED_SELECTOR)):
                node_id = node.mem_id
                if node_id == last_id:
                    continue
                last_id = node_id
                marker = (node.attributes.get("class") or "").lower()
                if "publish" in marker or "posted" in marker or "pubdate" in marker or "post-date" in marker:
                    ranked.append((0, order, node))
                elif "date" in marker:
                    ranked.append((1, order, node))
            ranked.sort(key=lambda item: item[:2])
            self._dated = [node for _, _, node in ranked]
        return self._dated

    @property
    def scripts(self) -> list[str]:
        """The texts of inline scripts other than JSON-LD (app state, analytics), found on first use."""
        if self._scripts is None:
            self._scripts = [
                node.text() or ""
                for node in self.tree.css("script:not([src])")
                if "ld+json" not in (node.attributes.get("type") or "").lower()
            ]
        return self._scripts

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
    value = fold_ws(value)
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


def short_words(node: LexborNode | None, limit: int) -> str | None:
    """:func:`node_words` when it is at most ``limit`` characters long, else None.

    The element after a headline or a byline's block is often the whole story. Its opening
    alone holds more than ``limit`` characters that are not spaces, and counting them there is
    cheaper than cleaning the whole text only to find it too long.

    >>> tree = LexborHTMLParser("<p>By <b>Jane Doe</b></p><div>" + "Words &amp; more words. " * 40 + "</div>")
    >>> short_words(tree.css_first("p"), 200), short_words(tree.css_first("div"), 200)
    ('By Jane Doe', None)
    """
    if node is None:
        return None
    raw = node.text(deep=True, separator=" ")
    if len(raw) > limit and _opens_with_more_than(raw, limit):
        return None
    text = clean_text(raw)
    return text if text is not None and len(text) <= limit else None


def _opens_with_more_than(text: str, limit: int) -> bool:
    """Whether :func:`clean_text` is sure to make ``text`` longer than ``limit``, by its opening.

    What comes before the first "&" or "<" passes through unescaping and tag removal as it is,
    and collapsing spaces keeps every character that is not a space; so more than ``limit`` of
    those there make a cleaned text longer than ``limit``. False says nothing.
    """
    window = text[: 4 * limit]
    cut = len(window)
    for mark in "&<":
        found = window.find(mark, 0, cut)
        if found != -1:
            cut = found
    return sum(map(len, window[:cut].split())) > limit


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

"""The byline and the dateline a reader sees: who wrote the article and when, read off the page.

When a page's metadata names no author or date, the visible page usually still does, next to
the headline: "By Jane Doe", "Published March 17, 2025", a ``<time>`` in the article's header.
These readers look where a reader's eye goes (the elements after the headline, the top of the
headline's own ``<article>``, the block that holds the byline), and stay out of related-story
cards, comment threads and forms, which carry names and dates of their own. Only a date that a
label names ("Last updated: November 13, 2025") is taken from anywhere on the page, and only
when nothing nearer gives one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.authors import clean_authors
from newsdesk.extract.dates import find_date, parse_date
from newsdesk.extract.pageindex import PageIndex, inside, nearest, node_text, node_words, short_words

#: The longest byline text worth reading; longer author elements are bios.
MAX_BYLINE_CHARS: Final = 200
# "By" inside a line after the headline: at its start in any case ("by: Jane Doe"), or capitalised
# later ("Last updated May 1 Written by Jane Doe"); a lower-case "by" mid-line is prose.
_BYLINE_WORD: Final = re.compile(
    r"^\s*(?i:by|von|par|por|door|av|af)\s*:?\s+[^\W\d_]"
    r"|(?<=\s)(?:By|BY|Von|Par|Por|Door|(?i:written|posted|reported|words)\s+by)\s*:?\s+[^\W\d_]"
)
_BYLINE_START: Final = re.compile(
    r"^(?:(?:written|posted|reported|words|text|story)\s+)?(?:by|von|par|por|door)(?:\s*:|\s|$)", re.IGNORECASE
)
# The letters _BYLINE_START can start with (ignoring case, where "ſ" is an "s"): a test on one
# character spares the regex on the many elements of a page that cannot be a byline.
_BYLINE_INITIALS: Final = frozenset("wWpPrRtTsSbBvVdDſ")
#: An element that only labels the byline next to it.
_BYLINE_LABEL: Final = re.compile(
    r"(?:written|posted|reported|words|story)?\s*(?:by|von|par|por)\s*:?|(?:author|autor|auteur|autore)\s*:?",
    re.IGNORECASE,
)
_FORM_TAGS: Final = frozenset({"form", "label", "input", "textarea", "select", "button"})
#: Where a <time> is the article's own rather than a related story's or the site's clock.
_DATELINE_AREAS: Final = frozenset({"article", "header", "main"})
# A label that says which date follows: "Published:", "Posted on", "Last updated", "Mis à jour le".
_DATE_LABEL: Final = re.compile(
    r"(?:(?:first\s+|originally\s+)?(?P<published>published|posted|publication\s+date|date\s+published|date"
    r"|veröffentlicht|publié|publicado|pubblicato|gepubliceerd)"
    r"|(?:last\s+|page\s+)?(?P<updated>updated|modified|reviewed|revised|aktualisiert|mis\s+à\s+jour|actualizado"
    r"|aggiornato|bijgewerkt))"
    r"(?:\s+(?:on|at|am|le|el|il|op))?\s*[:：]?\s*",
    re.IGNORECASE,
)
#: The longest line that can be a labelled date ("Last updated on Wednesday, October 1, 2025 at 10:30 AM").
_MAX_LABELLED_CHARS: Final = 80
#: How many byline elements have their block looked at for a date.
_MAX_BYLINE_BLOCKS: Final = 3
#: How many candidate nodes of one kind are looked at.
_MAX_NODES: Final = 8
#: Elements looked at when searching an article's top for a printed date; datelines come early.
_MAX_SCANNED_NODES: Final = 600
#: The longest element text that can be a dateline ("Last updated on Wednesday, October 1, 2025").
_MAX_DATELINE_CHARS: Final = 80
_NON_TEXT_TAGS: Final = frozenset({"script", "style", "noscript", "template", "svg", "path", "iframe", "-comment"})
_DIGIT: Final = re.compile(r"\d")


def byline_authors(tree: LexborHTMLParser, index: PageIndex, headline: LexborNode | None) -> list[str]:
    """Names from visible byline elements, the lines after the headline, or a "By ..." line in the article.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> tree = LexborHTMLParser("<article><h1>Tap fixed</h1><p>By Jane Doe and John Smith</p></article>")
    >>> byline_authors(tree, PageIndex.read(tree), tree.css_first("h1"))
    ['Jane Doe', 'John Smith']
    """
    for node in index.bylines[: 2 * _MAX_NODES]:
        text = short_words(node, MAX_BYLINE_CHARS)
        if text and not in_comments_or_form(node):
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


def in_comments_or_form(node: LexborNode) -> bool:
    """Whether a node belongs to a comment thread or a form (comment forms label a field "Name").

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> tree = LexborHTMLParser('<div class="comment-list"><p><b>Jane Doe</b> says</p></div>')
    >>> in_comments_or_form(tree.css_first("b"))
    True
    """
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


def _byline_text(node: LexborNode, text: str) -> str:
    """A byline's text; for a bare label ("Written by") the label and the element after it."""
    if _BYLINE_LABEL.fullmatch(text):
        sibling = node.next
        while sibling is not None and not sibling.is_element_node:
            sibling = sibling.next
        following = short_words(sibling, MAX_BYLINE_CHARS)
        if following:
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
        if not own or own[0] not in _BYLINE_INITIALS or len(own) > MAX_BYLINE_CHARS or not _BYLINE_START.match(own):
            continue
        text = short_words(node, MAX_BYLINE_CHARS)
        if text and not in_comments_or_form(node):
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
                text = short_words(sibling, MAX_BYLINE_CHARS)
                if text:
                    yield text
            sibling = sibling.next
        node = node.parent


def time_element_dates(index: PageIndex, headline: LexborNode | None) -> list[str]:
    """<time datetime> values marked as the publication time or in the article's header area.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> tree = LexborHTMLParser('<article><h1>Rain</h1><time datetime="2025-10-01">1 Oct</time></article>'
    ...                         '<aside><article><time datetime="2025-09-02">Related</time></article></aside>')
    >>> time_element_dates(PageIndex.read(tree), tree.css_first("h1"))
    ['2025-10-01']
    """
    marked = [node for node in index.times if "pubdate" in node.attributes]
    placed = _article_times(index, headline)
    values: list[str] = []
    for node in (*marked[:2], *placed[:4]):
        value = node.attributes.get("datetime")
        if value:
            values.append(value)
    return values


def _article_times(index: PageIndex, headline: LexborNode | None) -> list[LexborNode]:
    """<time> elements in an article, header or main area, leaving out other stories' <article>s.

    When the headline sits in an <article>, only times in that article count; when it sits
    outside any, times inside <article> elements belong to related-story cards.
    """
    home = nearest(headline, "article") if headline is not None else None
    times = []
    for node in index.times:
        if not inside(node, _DATELINE_AREAS):
            continue
        story = nearest(node, "article")
        if headline is not None and story is not None and (home is None or story.mem_id != home.mem_id):
            continue
        times.append(node)
    return times


def visible_date(
    tree: LexborHTMLParser, index: PageIndex, headline: LexborNode | None, day_first: bool | None
) -> str | None:
    """A date printed near the headline or at the top of the article, when no metadata gives one.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> tree = LexborHTMLParser("<article><h1>Rain</h1><div><span>Posted</span> 03/10/2025</div></article>")
    >>> visible_date(tree, PageIndex.read(tree), tree.css_first("h1"), day_first=False)
    '2025-03-10'
    """
    for line in _lines_after_headline(headline):
        found = find_date(line, day_first=day_first)
        if found is not None:
            return found
    for scope in _article_scopes(tree, headline):
        found = _first_printed_date(scope, day_first)
        if found is not None:
            return found
    found = _date_beside_byline(index, day_first)
    if found is not None:
        return found
    for nodes in (_article_times(index, headline), index.dated, index.times):
        for node in nodes[:_MAX_NODES]:
            value = node.attributes.get("datetime")
            found = parse_date(value) if value else None
            text = short_words(node, MAX_BYLINE_CHARS) if found is None else None
            if text:
                found = find_date(text, day_first=day_first)
            if found is not None:
                return found
    return None


def _date_beside_byline(index: PageIndex, day_first: bool | None) -> str | None:
    """A date printed in the byline's own line or block ("Jane Doe • March 17, 2025").

    Bylines and datelines share a block so often that a short block holding the byline and a
    date is the article's dateline, wherever the page put it.
    """
    for node in index.bylines[:_MAX_BYLINE_BLOCKS]:
        if in_comments_or_form(node):
            # A commenter's name and the time of the comment.
            continue
        block: LexborNode | None = node
        for _ in range(3):
            if block is None or block.tag in ("body", "html"):
                break
            text = short_words(block, MAX_BYLINE_CHARS)
            if text is None:
                break
            found = find_date(text, day_first=day_first)
            if found is not None:
                return found
            block = block.parent
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
        for text in (node_text(node), node_words(node)):
            if text and len(text) <= _MAX_DATELINE_CHARS:
                found = parse_date(text, day_first=day_first)
                if found is not None:
                    return found
    return None


def labelled_dates(tree: LexborHTMLParser, day_first: bool | None) -> tuple[str | None, str | None]:
    """The first dates anywhere on the page that a label calls published and updated.

    For pages that print their date away from the headline, often at the foot ("Last updated:
    November 13, 2025"); the label is what makes a date there trustworthy, and it says which date
    it is. The label may stand alone in its element, with the date in the next.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> tree = LexborHTMLParser("<main><h1>Webcams</h1><p>Views of the valley.</p>"
    ...                         "<footer><b>Last Updated:</b> <span>November 13, 2025</span></footer></main>")
    >>> labelled_dates(tree, None)
    (None, '2025-11-13')
    """
    body = tree.body
    if body is None:
        return None, None
    found: dict[str, str] = {}
    lines = [line.strip() for line in body.text(deep=True, separator="\n").split("\n")]
    for number, line in enumerate(lines):
        if not line or len(line) > _MAX_LABELLED_CHARS:
            continue
        label = _DATE_LABEL.match(line)
        if label is None:
            continue
        kind = "published" if label.group("published") else "updated"
        if kind in found:
            continue
        value = line[label.end() :] or next((later for later in lines[number + 1 : number + 3] if later), "")
        if not value or len(value) > _MAX_LABELLED_CHARS or not _DIGIT.search(value):
            continue
        date = parse_date(value, day_first=day_first)
        if date is not None:
            found[kind] = date
            if len(found) == 2:
                break
    return found.get("published"), found.get("updated")

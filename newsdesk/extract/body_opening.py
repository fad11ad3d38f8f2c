"""The story's opening where it sits outside the container the body extraction chose: a lead
paragraph or standfirst just above it, the prose opening above it, and the lead picture's caption.
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.body_container import OPENING_MAX_LINK_SHARE, OPENING_PROSE_SHARE
from newsdesk.extract.body_emit import Emitter, collect_caption, walk_blocks
from newsdesk.extract.body_nodes import SKIP_IN_BODY, WORD, ends_a_sentence, fold_ws, link_len
from newsdesk.extract.nodesize import PageSizes, has_elements
from newsdesk.model import Block


def lead_figure_caption(container: LexborNode, out: Emitter) -> None:
    """The caption of a lead figure CMSs put just above the body container (beside the headline)."""
    ancestor = container.parent
    for _ in range(3):
        if ancestor is None or ancestor.tag in ("body", "html"):
            return
        figure = ancestor.css_first("figure")
        if figure is not None and figure.css_first("figcaption") is not None:
            collect_caption(figure, out)
            return
        ancestor = ancestor.parent


# Names CMSs give the lead paragraph set above the body, styled apart from it ("article__lead",
# "c-article-summary", "standfirst", French "chapo", German "Vorspann", Nordic "ingress", Czech "perex"). Not an
# "excerpt" or "teaser": the blurb a CMS shows in listings, a pitch for the story rather than its start.
_LEAD_NAME: Final = re.compile(
    r"(?:^|[^a-z])(?:lead|lede|summary|intro|standfirst|dek|sapo|chapo|chapeau|vorspann|ingress|entradilla|perex)(?![a-z])")
_LEAD_CHARS: Final = (80, 800)
_LEAD_SIBLINGS: Final = 3
_LEAD_LEVELS: Final = 2


def lead_before(container: LexborNode) -> str | None:
    """The lead paragraph just above the body container, named as such, if there is one.

    Looked for among the few elements before the container and before its parent: a lead far
    above is the site's own description, not the story's.

    >>> page = LexborHTMLParser("<body><div><p class='article__lead'>" + "The lead says what happened. " * 4 +
    ...                         "</p><div id='body'><p>The story.</p></div></div></body>")
    >>> lead_before(page.css_first("#body"))[:28]
    'The lead says what happened.'
    """
    node = container
    for _ in range(_LEAD_LEVELS):
        sibling, seen = node.prev, 0
        while sibling is not None and seen < _LEAD_SIBLINGS:
            if sibling.tag not in ("-text", "-comment", "#comment"):
                seen += 1
                if sibling.tag not in SKIP_IN_BODY:
                    lead = _named_lead(sibling)
                    if lead is not None:
                        return lead
            sibling = sibling.prev
        parent = node.parent
        if parent is None or parent.tag in ("body", "html"):
            break
        node = parent
    return None


#: The story's opening set apart just above its container (a paywall's free paragraph, a page's intro block): at
#: least this many characters of paragraph text, most of what the elements hold, few of them links.
_OPENING_ABOVE_CHARS: Final = 80
#: A box passed over between the opening and the container: a short line of links ("Enlarge This Image", a
#: related story, a sign-up button), at most this long.
_PASSED_BOX_CHARS: Final = 200
_OPENING_ABOVE_SIBLINGS: Final = 4
#: A picture's box passed over the same way: the picture and its caption.
_PASSED_MEDIA_CHARS: Final = 400
_MEDIA_PARTS: Final = "figure, picture, video, img, iframe"


def _is_opening_prose(node: LexborNode, sizes: PageSizes) -> bool:
    prose = sizes.paragraphs(node)
    text = sizes.text(node)
    return (prose >= _OPENING_ABOVE_CHARS and prose >= OPENING_PROSE_SHARE * text
            and sizes.links(node) < OPENING_MAX_LINK_SHARE * text)


def opening_above(container: LexborNode, sizes: PageSizes) -> list[LexborNode]:
    """The elements right above the container that hold the story's opening paragraphs, in document order.

    A paywalled page keeps its free opening in a block of its own before the walled rest; a guide sets its
    intro apart from its sections. Read back from the container: prose blocks are taken, empty elements,
    pictures and short boxes of links passed over (``_is_passed_box``), and anything else (a byline, a date, the
    headline) ends the opening.

    >>> page = LexborHTMLParser("<div><h1>Title</h1><p>" + "The free opening says what happened. " * 3 +
    ...                         "</p><div id='rest'><p>The walled rest of the story.</p></div></div>")
    >>> [fold_ws(n.text())[:20] for n in opening_above(page.css_first("#rest"), PageSizes())]
    ['The free opening say']
    >>> page = LexborHTMLParser("<div><p>By Ann Lee, 3 May</p><div id='rest'><p>The story.</p></div></div>")
    >>> opening_above(page.css_first("#rest"), PageSizes())
    []
    """
    found: list[LexborNode] = []
    sibling, seen = container.prev, 0
    while sibling is not None and seen < _OPENING_ABOVE_SIBLINGS:
        if sibling.tag in ("-text", "-comment", "#comment") or sibling.tag in SKIP_IN_BODY:
            sibling = sibling.prev
            continue
        text = sizes.text(sibling)
        if text:
            seen += 1
            if _is_opening_prose(sibling, sizes):
                if not ends_a_sentence(fold_ws(sibling.text(deep=True, separator=" "))):
                    break
                found.append(sibling)
            elif found or not _is_passed_box(sibling, text, sizes):
                break
        sibling = sibling.prev
    found.reverse()
    return found


def _is_passed_box(node: LexborNode, text: int, sizes: PageSizes) -> bool:
    """Whether a box between a story's opening and its container is one the reader passes over: a short line
    of links ("Enlarge This Image", a related story, a sign-up button), or a picture with its caption.

    >>> page = LexborHTMLParser("<div><a href='/x'>Enlarge This Image</a></div>")
    >>> _is_passed_box(page.css_first("div"), 18, PageSizes())
    True
    """
    return ((text <= _PASSED_BOX_CHARS and sizes.links(node) >= 0.5 * text)
            or (text <= _PASSED_MEDIA_CHARS and node.css_first(_MEDIA_PARTS) is not None))


#: A shop's notice set above the story: "We may earn commission on some of the items you choose to buy".
_DISCLOSURE: Final = re.compile(r"\bearns?\b(?:\s+\w+){0,3}\s+(?:a\s+)?commissions?\b|\baffiliate[\s-]links?\b", re.I)


def _opens_with(text: str, description: str) -> bool:
    """Whether a text opens with the description's first words (the page's dek, however its quotes are set).

    >>> _opens_with("iRunFar’s experts share their best picks of the year.", "iRunFar's experts share their best picks")
    True
    """
    words = WORD.findall(description.casefold())[:8]
    return bool(words) and WORD.findall(text[:300].casefold())[:len(words)] == words


def opening_blocks(elements: list[LexborNode], description: str = "") -> list[Block]:
    """The blocks of the opening's elements that run on into the story: read back from the last, paragraphs
    that end a sentence (or open a list), list items and headings between them; a line that is none of these
    (a byline, "5 min read", a label) ends them, and headings left at the top go (the page's title).

    >>> page = LexborHTMLParser("<div><h1>Title | Site</h1><p>Staff | 5 min read</p>"
    ...                         "<p>The opening, which ends a sentence.</p></div>")
    >>> [b.text for b in opening_blocks([page.css_first("div")])]
    ['The opening, which ends a sentence.']
    """
    out = Emitter()
    for element in elements:
        walk_blocks(element, out, "paragraph", False, 0)
        out.flush()
    blocks = out.blocks
    start = len(blocks)
    while start > 0:
        block = blocks[start - 1]
        if block.type == "paragraph" and not (ends_a_sentence(block.text) or block.text.endswith(":")):
            break
        # The page's description shown as a dek is its standfirst, not the story's opening; nor is the notice
        # that its links earn the site money.
        if (description and _opens_with(block.text, description)) or _DISCLOSURE.search(block.text):
            break
        start -= 1
    while start < len(blocks) and blocks[start].type == "heading":
        start += 1
    return blocks[start:]


#: Class words of a lead's media wrapper ('lead-image', 'story-intro-video'): what it holds is a picture and its
#: caption, not the lead paragraph.
_MEDIA_WORD: Final = re.compile(r"image|img|photo|picture|media|video|figure|gallery|caption|credit")
#: What a lead block may hold beside its paragraph that is not the lead: a figure, its caption and credit.
_CAPTION_PARTS: Final = "figure, figcaption, [class*='caption'], [class*='credit']"


def _named_lead(node: LexborNode) -> str | None:
    """The text of the first element in ``node`` named as a lead (``_LEAD_NAME``), of a lead's length and not
    mostly links; an element named for media is a picture's wrapper, and a figure's caption inside a lead block
    is not part of the lead.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> caption = "A photo of the harbour at dawn, taken by our photographer on the morning of the storm. "
    >>> page = LexborHTMLParser(f"<div class='lead-media'><p>{caption}</p></div>")
    >>> _named_lead(page.css_first("div")) is None
    True
    >>> page = LexborHTMLParser(f"<div class='summary'><img src='a.jpg'><figcaption>{caption}</figcaption></div>")
    >>> _named_lead(page.css_first("div")) is None
    True
    >>> page = LexborHTMLParser(f"<div class='lead'><p>{caption}</p><figure><img src='a.jpg'></figure></div>")
    >>> _named_lead(page.css_first("div"))[:20]
    'A photo of the harbo'
    """
    # A node with only text inside has no other element to look at (css would list at most itself again).
    for element in (node, *node.css("[class]")) if has_elements(node) else (node,):
        if element.tag in SKIP_IN_BODY or element.tag in ("a", "h1", "img"):
            continue
        name = (element.attributes.get("class") or "").lower()
        if not _LEAD_NAME.search(name) or _MEDIA_WORD.search(name):
            continue
        if element.css_first(_CAPTION_PARTS) is not None:
            text = _text_without_captions(element)
        else:
            text = fold_ws(element.text(deep=True, separator=" "))
        if _LEAD_CHARS[0] <= len(text) <= _LEAD_CHARS[1] and link_len(element) < 0.3 * len(text):
            return text
    return None


def _text_without_captions(element: LexborNode) -> str:
    # A copy, so the page's own tree keeps its figures for the body walk.
    copy = LexborHTMLParser(element.html or "")
    for part in copy.css(_CAPTION_PARTS):
        part.decompose()
    root = copy.body or copy.root
    return fold_ws(root.text(deep=True, separator=" ")) if root is not None else ""

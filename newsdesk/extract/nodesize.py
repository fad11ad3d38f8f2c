"""How much text an element of a parsed page holds, each element measured once per page.

The body extractor asks the same questions of the same elements many times over: the length of
every paragraph while it judges each container holding it, the link text of each candidate it
climbs through. Every answer is a walk of the element's subtree that makes a Python string per
text node, so the answers are kept, keyed by the element's Lexbor node (``mem_id``).

A kept answer is only right while the subtree it measured is unchanged. ``PageSizes`` is for the
stages that only read the tree; ``ParagraphSizes`` serves the furniture pass, which removes
elements, and forgets what each removal changes.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode


def text_len(node: LexborNode) -> int:
    """Characters of visible text in ``node``, each text node trimmed (a close, cheap measure).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> text_len(LexborHTMLParser("<div> Rain <b> fell </b></div>").css_first("div"))
    8
    """
    # skip_empty drops text nodes of ASCII white space before they are decoded: each would
    # strip to "" and join as nothing, so the length is the same without a string per node.
    return len(node.text(deep=True, strip=True, skip_empty=True))


def has_elements(node: LexborNode) -> bool:
    """Whether an element holds another element (or a comment: only text does not count).

    A search with ``css`` costs some microseconds before it looks at a single node; an element with
    only text inside is answered without one.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser("<div><p>Rain <b>fell</b></p><p>Sun</p></div>")
    >>> [has_elements(p) for p in page.css("p")]
    [True, False]
    """
    return next(node.iter(), None) is not None


class PageSizes:
    """Text, paragraph-text and link-text lengths of the elements of a tree that no longer changes.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> body = LexborHTMLParser("<body><p>One <a href='/x'>two</a></p><p>three</p>x</body>").body
    >>> sizes = PageSizes()
    >>> sizes.text(body), sizes.paragraphs(body), sizes.links(body)
    (12, 11, 3)
    """

    __slots__ = ("_links", "_paragraphs", "_text")

    def __init__(self) -> None:
        self._text: dict[int, int] = {}
        self._paragraphs: dict[int, int] = {}
        self._links: dict[int, int] = {}

    def text(self, node: LexborNode) -> int:
        """``text_len(node)``."""
        key = node.mem_id
        length = self._text.get(key)
        if length is None:
            length = self._text[key] = text_len(node)
        return length

    def text_above(self, node: LexborNode) -> int:
        """``text(node)``, summed over the node's children: a child measured before is not walked
        again. Measuring the containers a page nests one in another walks each subtree once.

        The same length: ``text_len`` joins the trimmed text nodes of the subtree, and a subtree's
        text nodes are the node's own and its children's (comments and other nodes hold none).

        >>> from selectolax.lexbor import LexborHTMLParser
        >>> body = LexborHTMLParser("<body> Rain <div><p>fell </p> hard</div><!-- x --></body>").body
        >>> sizes = PageSizes()
        >>> sizes.text(body.css_first("div")), sizes.text_above(body), text_len(body)
        (8, 12, 12)
        """
        key = node.mem_id
        length = self._text.get(key)
        if length is None:
            length = 0
            # White-space-only text nodes (skipped in Lexbor, no Python object made) trim to nothing.
            for child in node.iter(include_text=True, skip_empty=True):
                if child.is_element_node:
                    length += self.text(child)
                elif child.is_text_node:
                    length += len((child.text_content or "").strip())
            self._text[key] = length
        return length

    def trimmed_text(self, node: LexborNode, read: dict[int, str] | None = None) -> str:
        """The text ``text`` measures (each text node trimmed), for a caller that reads it too. ``read`` holds such
        texts read already (``ParagraphSizes.texts``), by ``mem_id``, of elements unchanged since.

        >>> from selectolax.lexbor import LexborHTMLParser
        >>> sizes = PageSizes()
        >>> p = LexborHTMLParser("<p> Rain, <b> wind </b></p>").css_first("p")
        >>> sizes.trimmed_text(p), sizes.text(p), sizes.trimmed_text(p, {p.mem_id: "Rain,wind"})
        ('Rain,wind', 9, 'Rain,wind')
        """
        key = node.mem_id
        text = read.get(key) if read is not None else None
        if text is None:
            text = node.text(deep=True, strip=True, skip_empty=True)  # as in text_len
        self._text[key] = len(text)
        return text

    def paragraphs(self, node: LexborNode) -> int:
        """Text in the ``<p>`` elements inside ``node``."""
        key = node.mem_id
        length = self._paragraphs.get(key)
        if length is None:
            if has_elements(node):
                length = sum(self.text(p) for p in node.css("p"))
            else:
                # css("p") would list the element itself if it is one, and nothing else.
                length = self.text(node) if node.tag == "p" else 0
            self._paragraphs[key] = length
        return length

    def paragraphs_above(self, parent: LexborNode) -> int:
        """``paragraphs(parent)``, summed over the parent's children: climbing from a measured node,
        its subtree is not searched again (``css`` lists an element itself when it matches, so the
        parent's own subtree is itself plus its children's).

        >>> from selectolax.lexbor import LexborHTMLParser
        >>> body = LexborHTMLParser("<body><div><p>One</p><p>two <b>x</b></p></div><p>3</p></body>").body
        >>> sizes = PageSizes()
        >>> sizes.paragraphs(body.css_first("div")), sizes.paragraphs_above(body), sizes.paragraphs(body)
        (7, 8, 8)
        """
        key = parent.mem_id
        length = self._paragraphs.get(key)
        if length is None:
            length = self.text(parent) if parent.tag == "p" else 0
            for child in parent.iter():
                length += self.paragraphs(child)
            self._paragraphs[key] = length
        return length

    def links_above(self, parent: LexborNode) -> int:
        """``links(parent)``, summed over the parent's children (as ``paragraphs_above``).

        >>> from selectolax.lexbor import LexborHTMLParser
        >>> body = LexborHTMLParser("<body><div><a href=x>One</a></div><p><a>two</a></p></body>").body
        >>> sizes = PageSizes()
        >>> sizes.links(body.css_first("div")), sizes.links_above(body), sizes.links(body)
        (3, 6, 6)
        """
        key = parent.mem_id
        length = self._links.get(key)
        if length is None:
            length = self.text(parent) if parent.tag == "a" else 0
            for child in parent.iter():
                length += self.links(child)
            self._links[key] = length
        return length

    def links(self, node: LexborNode) -> int:
        """Text in the ``<a>`` elements inside ``node``."""
        key = node.mem_id
        length = self._links.get(key)
        if length is None:
            if has_elements(node):
                length = sum(self.text(a) for a in node.css("a"))
            else:
                length = self.text(node) if node.tag == "a" else 0  # as in paragraphs
            self._links[key] = length
        return length

    def link_density(self, node: LexborNode) -> float:
        """Share of ``node``'s text that is link text (1.0 for an element without text)."""
        length = self.text(node)
        return self.links(node) / length if length else 1.0


class ParagraphSizes:
    """The text lengths of the ``<p>`` elements under ``root``, kept right while elements go.

    Removing an element changes the length of the paragraphs that hold it, and only theirs (the
    elements inside it leave the tree). Paragraphs rarely hold anything removable, so the
    elements inside paragraphs are listed once and only their removal costs a climb.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> body = LexborHTMLParser("<body><p>Keep <span>ad</span></p><p>more</p></body>").body
    >>> sizes = ParagraphSizes(body)
    >>> sizes.paragraphs(body)
    10
    >>> sizes.remove(body.css_first("span"))
    >>> sizes.paragraphs(body)
    8
    """

    __slots__ = ("_inside", "_text", "texts")

    def __init__(self, root: LexborNode, paragraphs: list[LexborNode] | None = None) -> None:
        self._text: dict[int, int] = {}
        #: The text each length was measured in (``text_len``'s), by ``mem_id``, kept as long as the length: the
        #: container choice after the furniture pass reads the paragraphs' texts again (``PageSizes.trimmed_text``).
        self.texts: dict[int, str] = {}
        if paragraphs is None:
            self._inside = {node.mem_id for node in root.css("p *")}
            return
        # ``root``'s <p>s given (the caller's list): what is inside them is found from them, most
        # holding text only, instead of by a search of the whole tree. (A comment inside is listed
        # too; only elements are ever removed, so it is never asked about.)
        inside: set[int] = set()
        for paragraph in paragraphs:
            if has_elements(paragraph):
                walk = paragraph.traverse()
                next(walk)  # the paragraph itself
                inside.update(node.mem_id for node in walk)
        self._inside = inside

    def text(self, paragraph: LexborNode) -> int:
        """``text_len`` of a ``<p>`` element still in the tree."""
        key = paragraph.mem_id
        length = self._text.get(key)
        if length is None:
            text = paragraph.text(deep=True, strip=True, skip_empty=True)  # as in text_len
            self.texts[key] = text
            length = self._text[key] = len(text)
        return length

    def in_paragraph(self, node: LexborNode) -> bool:
        """Whether ``node`` lay inside one of the paragraphs when they were listed (a ``<p>`` inside another: a
        ``<button>`` or, in quirks mode, a ``<table>`` lets one in).

        >>> from selectolax.lexbor import LexborHTMLParser
        >>> body = LexborHTMLParser("<body><p>Rain <button><p>fell</p></button></p></body>").body
        >>> sizes = ParagraphSizes(body, body.css("p"))
        >>> [sizes.in_paragraph(p) for p in body.css("p")]
        [False, True]
        """
        return node.mem_id in self._inside

    def paragraphs(self, node: LexborNode) -> int:
        """Text in the ``<p>`` elements inside ``node`` (not kept: removals below change it)."""
        return sum(self.text(p) for p in node.css("p"))

    def remove(self, node: LexborNode) -> None:
        """Remove ``node`` from the tree, forgetting the lengths of the paragraphs around it."""
        if node.mem_id in self._inside:
            ancestor = node.parent
            while ancestor is not None:
                self._text.pop(ancestor.mem_id, None)
                self.texts.pop(ancestor.mem_id, None)
                ancestor = ancestor.parent
        node.remove()

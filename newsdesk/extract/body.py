"""The article body of an HTML page: find the container, then turn it into typed blocks.

Written by hand because the existing extractors either work on lxml trees (trafilatura,
readability), which costs several times the parse of Lexbor, or return plain text without
block types (resiliparse). The method is readability's idea, refined:

1. Drop what never holds text (scripts, forms, navigation) and elements whose class or id
   names page furniture, unless they hold most of the page's text.
2. Score every paragraph-like element by its text and commas; credit its ancestors with
   decreasing weight; scale each candidate by how little of its text is links.
3. Take the best candidate, climb to its parent while the parent holds clearly more
   paragraph text of the same kind (articles split in several sibling divs).
4. Walk the container in document order and emit blocks (paragraph, heading, list_item,
   quote, table, code); figures, captions and link lists go elsewhere, never into the body.

This module runs the steps in order; each lives in a module of its own: 1. ``body_furniture`` (with
``body_related`` for the related-story lists it keeps), 2-3. ``body_container``, the opening outside the container
``body_opening``, the boxes inside it that are not the story ``body_boxes``, 4. ``body_emit``; ``body_text`` reads a
node's shown text and named standfirsts, ``body_nodes`` holds what they all read off a node.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.body_boxes import (
    MIN_CARDS,
    drop_alt_captions,
    drop_closing_cards,
    drop_form_boxes,
    drop_galleries,
    drop_media_boxes,
    drop_named_captions,
)
from newsdesk.extract.body_container import (
    SECOND_OVER_FIRST,
    SHORT_BODY,
    best_container,
    count_teasers,
    paragraph_holder,
    story_of_the_page,
    streamed_segments,
    widen,
)
from newsdesk.extract.body_emit import Emitter, drop_linked_headlines, walk_blocks
from newsdesk.extract.body_furniture import remove_furniture
from newsdesk.extract.body_nodes import HEADINGS, fold_ws, is_within
from newsdesk.extract.body_opening import lead_before, lead_figure_caption, opening_above, opening_blocks
from newsdesk.extract.body_related import related_after
from newsdesk.extract.budget import WorkBudget
from newsdesk.extract.nodesize import PageSizes
from newsdesk.model import Block


@dataclass(slots=True)
class BodyResult:
    """What the body extractor found besides the blocks themselves."""

    blocks: list[Block] = field(default_factory=list)
    captions: list[tuple[str, str | None]] = field(default_factory=list)  # (caption, image url)
    related: list[tuple[str, str]] = field(default_factory=list)  # (title, href) of related links
    link_text_ratio: float = 0.0
    #: Share of the kept blocks' text that is link text. Unlike ``link_text_ratio`` (the whole
    #: container's), it leaves out the link lists the walk already dropped: a short post in a
    #: container that also holds its blog's archive links is still prose.
    body_link_ratio: float = 0.0
    container_tag: str | None = None
    #: Other stories the container advertises (linked headlines, nested <article>s): many, each
    #: with little text of its own, make a listing rather than an article.
    teasers: int = 0
    #: The text a reader sees right under the page's headline (``text_under``), read before any furniture is
    #: removed: where a standfirst is printed. None unless asked for (``extract_body``'s ``under_headline``), or
    #: when the page has no <h1>.
    under_headline: str | None = None
    #: The text of the element under the headline whose class names it the standfirst (``names_a_lede``), read
    #: with ``under_headline``: a lede the page shows that its description may not be.
    lede_under: str | None = None


def extract_body(tree: LexborHTMLParser, budget: WorkBudget | None = None,
                 headline: str | None = None, news: bool = False, under_headline: bool = False,
                 description: str | None = None) -> BodyResult:
    """Find the article body in a parsed page and return it as typed blocks.

    The tree is modified (boilerplate is removed): run metadata extraction first. ``headline``, the
    page's headline by its metadata, picks the page's own story where the page holds two. ``news``, that
    the page says it is a news report, lets its pictures' boxes go with their captions (``drop_media_boxes``).
    ``under_headline`` asks for the text under the page's headline as well (``BodyResult.under_headline``), and
    for the standfirst named as one there (``BodyResult.lede_under``). ``description``, the page's own, is told
    apart from the story's opening above the container (``opening_blocks``): shown there, it is a dek.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = ("<html><body><nav><a href='/'>Home</a></nav><article>"
    ...         "<p>The first paragraph of the story, long enough to count as prose.</p>"
    ...         "<h2>What next</h2><p>A second paragraph, with a comma, says more.</p>"
    ...         "<div class='share-bar'>Share on Facebook</div></article></body></html>")
    >>> blocks = extract_body(LexborHTMLParser(page)).blocks
    >>> [(b.type, b.text) for b in blocks]  # doctest: +NORMALIZE_WHITESPACE
    [('paragraph', 'The first paragraph of the story, long enough to count as prose.'),
     ('heading', 'What next'), ('paragraph', 'A second paragraph, with a comma, says more.')]
    """
    body = tree.body
    if body is None:
        return BodyResult()
    budget = budget or WorkBudget()
    related: list[tuple[str, str]] = []
    forms: list[LexborNode] = []
    folded = fold_ws(headline).casefold() if headline else ""
    under: list[str] | None = [] if under_headline else None
    ledes: list[str] = []
    # The paragraphs' texts the furniture pass read, unchanged since, are not read again to choose the container.
    read: dict[int, str] = {}
    # Polls and post-meta lines, taken out once the container is chosen (taken out before, they could move it).
    after_choice: list[LexborNode] = []
    h1s = remove_furniture(body, related, budget, forms, under, folded, ledes, read, after_choice)
    shown = under[0] if under else None
    lede = ledes[0] if ledes else None
    # From here on the tree only is read: every measure is taken once.
    sizes = PageSizes()
    container = best_container(body, sizes, budget, read)
    if container is None:
        return BodyResult(related=related, under_headline=shown, lede_under=lede)
    teaser_counts: dict[int, int] = {}
    container = widen(container, sizes, teaser_counts)
    if folded and len(h1s) >= 2 and (story := story_of_the_page(h1s, container, folded)) is not None:
        inner = best_container(story, sizes, budget, read)
        container = widen(inner, sizes, teaser_counts) if inner is not None else story
        if not is_within(container, story):
            container = story
    emitter = Emitter()
    if container.tag in HEADINGS:
        container = container.parent or container
    lead = lead_before(container)
    if lead is not None:
        emitter.blocks.append(Block("paragraph", lead))
    else:
        opening = opening_above(container, sizes)
        if opening:
            emitter.blocks += opening_blocks(opening, description or "")
    drop_galleries(container)
    if news:
        drop_alt_captions(container)
        drop_named_captions(container)
    if forms:
        drop_form_boxes(container, forms)
    for box in after_choice:
        if box.parent is not None:
            box.remove()
    if news:
        drop_media_boxes(container, sizes)
    # Counted before the closing cards go: they are teasers the container advertises.
    teasers = count_teasers(container, sizes, teaser_counts)
    if teasers >= MIN_CARDS:
        drop_closing_cards(container)
    before, after = streamed_segments(container, sizes)
    for segment in before:
        walk_blocks(segment, emitter, "paragraph", False, 0)
    walk_blocks(container, emitter, "paragraph", False, 0)
    for segment in after:
        walk_blocks(segment, emitter, "paragraph", False, 0)
    emitter.flush()
    if emitter.kept_chars < SHORT_BODY and (other := paragraph_holder(body, container, sizes)) is not None:
        second = Emitter()
        walk_blocks(other, second, "paragraph", False, 0)
        second.flush()
        if second.kept_chars >= max(SHORT_BODY, SECOND_OVER_FIRST * emitter.kept_chars):
            container, emitter = other, second
    if news and emitter.linked_headings:
        drop_linked_headlines(emitter)
    if not emitter.captions:
        lead_figure_caption(container, emitter)
    related.extend(related_after(container))
    return BodyResult(
        blocks=emitter.blocks,
        captions=emitter.captions,
        related=related + emitter.related,
        link_text_ratio=sizes.link_density(container),
        body_link_ratio=emitter.kept_link_chars / emitter.kept_chars if emitter.kept_chars else 1.0,
        container_tag=container.tag,
        teasers=teasers,
        under_headline=shown,
        lede_under=lede,
    )

"""The container turned into typed blocks (paragraph, heading, list_item, quote, table, code) in
document order: figures and captions, link lists and the cards of other stories go elsewhere, never into the
body; a linked sentence stays where it reads as the story's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from selectolax.lexbor import LexborNode

from newsdesk.extract.body_boxes import STORY_LINE_CHARS, SUMMARY_ENDS
from newsdesk.extract.body_nodes import (
    A_TAG_ID,
    BLOCK_TAG_IDS,
    BLOCKQUOTE_TAG_ID,
    BR_TAG_ID,
    COMMENT_TAG_ID,
    DROP_TAG_IDS,
    FIGCAPTION_TAG_ID,
    FIGURE_TAG_ID,
    HEADING_TAG_IDS,
    LIST_ENTRY_TAG_IDS,
    PRE_TAG_ID,
    SKIP_IN_BODY,
    TABLE_TAG_ID,
    TEXT_TAG_ID,
    ends_a_sentence,
    fold_code,
    fold_ws,
    tag_ids_of,
)
from newsdesk.extract.body_related import MIN_RELATED_TITLE
from newsdesk.extract.boilerplate import is_end_marker, is_furniture_text
from newsdesk.model import Block


@dataclass(slots=True)
class Emitter:
    blocks: list[Block] = field(default_factory=list)
    captions: list[tuple[str, str | None]] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    #: (link element, href) of the links in the block being gathered: their titles are read only
    #: for a block of links, the few that go to ``related`` (the tree does not change meanwhile).
    anchors: list[tuple[LexborNode, str]] = field(default_factory=list)
    related: list[tuple[str, str]] = field(default_factory=list)
    link_chars: int = 0
    kind: str = "paragraph"
    kept_chars: int = 0
    kept_link_chars: int = 0
    #: Indexes in ``blocks`` of the headings that are wholly a link to another page (``drop_linked_headlines``).
    linked_headings: list[int] = field(default_factory=list)
    #: The href of the link the walk is inside: a link wrapping a whole heading (a teaser card's
    #: ``<a><h3>...</h3></a>``) leaves no anchor of its own in the heading's block.
    enclosing_href: str = ""
    #: The links set in the kept prose so far (a block under the link share that drops a block of links).
    prose_anchors: list[tuple[LexborNode, str]] = field(default_factory=list)

    def flush(self) -> None:
        if not self.parts:
            # Nothing to emit (most calls: the walk flushes at every block boundary). Link text is
            # only counted with parts, so only the anchors of text-less links need dropping.
            if self.anchors:
                self.anchors = []
            return
        joined = "".join(self.parts)
        text = fold_code(joined) if self.kind == "code" else fold_ws(joined)
        link_chars = self.link_chars
        anchors = self.anchors
        self.parts.clear()
        self.link_chars = 0
        self.anchors = []
        if not text:
            return
        if link_chars and link_chars >= len(text) * 0.6 and self.kind != "heading":
            for link, href in anchors:
                title = fold_ws(link.text(deep=True, separator=" "))
                if len(title) >= MIN_RELATED_TITLE:
                    self.related.append((title, href))
            # A block of links, unless the links are words of the story's own line. Such a line is kept out of
            # the body's measures all the same (its length, its share of links), which tell a listing page.
            if ((_is_linked_sentence(text, anchors) or _is_keyword_run(text, anchors, self.prose_anchors)
                 or (self.kind == "list_item" and _is_annotated_entry(text, anchors, link_chars)))
                    and not is_furniture_text(text)):
                self.blocks.append(Block(self.kind, text))
            return
        if is_furniture_text(text):
            return
        self.kept_chars += len(text)
        self.kept_link_chars += min(link_chars, len(text))
        if anchors and link_chars < len(text) * 0.6:
            self.prose_anchors += anchors
        if link_chars >= len(text) * 0.6 and self.kind == "heading" and (
                not any(href.startswith("#") for _, href in anchors) if anchors
                else self.enclosing_href and not self.enclosing_href.startswith("#")):
            self.linked_headings.append(len(self.blocks))
        self.blocks.append(Block(self.kind, text))


#: A linked sentence is at least this long: shorter lines with a link are a box's labels and buttons.
_LINKED_SENTENCE_CHARS: Final = 40
#: A label's end: "Read more:", "Les også:", "Posted in X | ...", "Top story -".
_LABEL_ENDS: Final = (":", "\uff1a", "|", "-", "\u2013", "\u2014", ">", "\u00bb", "\u203a")


def _is_linked_sentence(text: str, anchors: list[tuple[LexborNode, str]]) -> bool:
    """Whether a block that is mostly link text is a sentence of the story whose words the writer linked
    ("According to Nato, <a>every country in the alliance achieved at least 2% in 2025</a>."): it opens
    with words of its own before the first link, not with a label ("Read more: <a>...</a>"), or with its
    linked subject that the sentence carries on from (``_goes_on_after``), and ends a sentence. A teaser's line
    is all link, or a label and a headline with no sentence's end.

    Asked only about the few blocks the link share would drop: their links' words are read here.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> def check(html):
    ...     p = LexborHTMLParser(html).css_first("p")
    ...     anchors = [(a, a.attributes["href"]) for a in p.css("a")]
    ...     return _is_linked_sentence(fold_ws(p.text()), anchors)
    >>> check('<p>It also <a href="/x">co-ordinates military plans and carries out joint exercises</a>.</p>')
    True
    >>> check('<p>Read more: <a href="/x">Woman in her 90s found alive five days after the quake.</a></p>')
    False
    >>> check('<p><a href="/x">The whole line is one link to another story, as a teaser is.</a></p>')
    False
    >>> check('<p><a href="/p">Meghan Markle</a> has been <a href="/x">criticised by a royal expert</a>.</p>')
    True
    >>> check('<p>He threatened Rep. <a href="/p">Ilhan Omar</a><span><a href="/p">Ilhan Omar</a>'
    ...       '<a href="/n">Omar asks court to apply compassion in sentencing</a></span> (D-Minn.).</p>')
    False
    """
    if len(text) < _LINKED_SENTENCE_CHARS or not ends_a_sentence(text):
        return False
    prefix: str | None = None
    for link, _ in anchors:
        words = fold_ws(link.text(deep=True))
        if not words:
            continue
        start = text.find(words)
        if prefix is None:
            prefix = text[:start].rstrip() if start > 0 else ""
            # A sentence may open with its linked subject ("<a>Meghan Markle</a>'s mum, ..."): the sentence
            # goes on in lower case right after the link, as a headline's next line does not.
            if start == 0 and _goes_on_after(text[len(words):]):
                prefix = words
        # A link whose words run into the next word with no space between is a box's text set inside the
        # sentence (a name's hover card: "Rep. Ilhan OmarIlhan OmarHillicon Valley: ..."), not its words.
        end = start + len(words)
        if start >= 0 and end < len(text) and _glued(text[end - 1], text[end]):
            return False
    # "BBC © 2012 <a>The BBC is not responsible for the content of external sites.</a>": the site's notice.
    return (prefix is not None and any(c.isalnum() for c in prefix) and not prefix.endswith(_LABEL_ENDS)
            and "\u00a9" not in prefix)


def _goes_on_after(rest: str) -> bool:
    """Whether the text after a sentence's opening link carries the sentence on: a possessive, or a word in
    lower case (a verb, a conjunction), in a script with case.

    >>> _goes_on_after("'s mum, Doria, cares for them."), _goes_on_after(" has been torn apart by an expert.")
    (True, True)
    >>> _goes_on_after(" 2 hours ago."), _goes_on_after(" | Sport"), _goes_on_after("")
    (False, False, False)
    """
    if rest.startswith(("'s ", "’s ")):
        return True
    word = rest.lstrip().split(" ", 1)[0]
    return len(rest) > len(word) and word.isalpha() and word.islower() and rest[:1] == " "


#: A keyword a site links to its topic page is a name: a few words, a few characters.
_KEYWORD_WORDS: Final = 3
_KEYWORD_CHARS: Final = 20


def _is_keyword_run(text: str, anchors: list[tuple[LexborNode, str]],
                    prose_anchors: list[tuple[LexborNode, str]]) -> bool:
    """Whether a block that is mostly link text is a line of the story whose names the site links to their
    topic pages, as it does in the story's prose above ("宮崎県：<a class="eWgMZ">高鍋町</a>、<a ...>新富町</a>"
    under a paragraph with such links): two or more links, each a short name, all of one class that the
    prose's own links carry, set apart by a list's punctuation. A box of links (tags, related stories) has a
    class of its own; a row of buttons ("Download chart image | Chart data") is set apart by bars.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser('<p>The quake hit <a class="kw" href="/t/1">Miyazaki</a> at nine.</p>'
    ...                         '<p><a class="kw" href="/t/2">Nobeoka</a>, <a class="kw" href="/t/3">Saito</a></p>'
    ...                         '<p><a class="tag" href="/t/2">Nobeoka</a>, <a class="tag" href="/t/3">Saito</a></p>')
    >>> prose, run, tags = ([(a, a.attributes["href"]) for a in p.css("a")] for p in page.css("p"))
    >>> _is_keyword_run("Nobeoka, Saito", run, prose), _is_keyword_run("Nobeoka, Saito", tags, prose)
    (True, False)
    >>> _is_keyword_run("Nobeoka | Saito", run, prose)
    False
    """
    if len(anchors) < 2 or not prose_anchors or "|" in text:
        return False
    classes = set()
    for link, _ in anchors:
        words = link.text(deep=True).split()
        if not words or len(words) > _KEYWORD_WORDS or sum(map(len, words)) > _KEYWORD_CHARS:
            return False
        classes.add(link.attributes.get("class"))
    if len(classes) != 1:
        return False
    (name,) = classes
    return bool(name) and any(link.attributes.get("class") == name for link, _ in prose_anchors)


#: Characters of its own (outside its links) that a list's linked entry holds for it to be an entry of the story's
#: list (a book and its author, a deal and its price): fewer are a teaser's date or a source's name. At 20 a
#: few related-story teasers on news pages came back; at 30 some reading lists were lost again.
_ENTRY_OWN_CHARS: Final = 25


def _is_annotated_entry(text: str, anchors: list[tuple[LexborNode, str]], link_chars: int) -> bool:
    """Whether a list item that is mostly link text is an entry of a list the story gives (its reading list,
    its deals, its sources): the entry goes on after its link in words of its own ("<a>Year Zero</a> by Rob
    Reid", "<a>2TB WD Passport</a> for $161.99 with free shipping at Dell"). A related-stories box lists
    headlines alone, or behind a kicker ("Analysis: <a>...</a>"), or with a date or source name after them.

    Asked only about the few list items the link share would drop.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> def check(html):
    ...     li = LexborHTMLParser(html).css_first("li")
    ...     anchors = [(a, a.attributes["href"]) for a in li.css("a")]
    ...     text = fold_ws(li.text())
    ...     return _is_annotated_entry(text, anchors, sum(len(fold_ws(a.text())) for a, _ in anchors))
    >>> check('<li><a href="/b">Year Zero: A Novel about the music business</a> by Rob Reid, reviewed in July</li>')
    True
    >>> check('<li>Philologin enthüllt: something more: <a href="/x">Die erstaunlichen Geheimnisse der Antike</a></li>')
    False
    >>> check('<li><a href="/x">Top Yoga Retreats in Oregon for the coming year</a> - November 27, 2025</li>')
    False
    """
    if len(text) - link_chars < _ENTRY_OWN_CHARS:
        return False
    for link, _ in anchors:
        words = fold_ws(link.text(deep=True))
        if words:
            # A teaser's kicker before its linked headline ("Analysis: <a>...</a>") is a label, not an entry's words.
            return not text[:max(text.find(words), 0)].rstrip().endswith((":", "\uff1a"))
    return False


def _glued(last: str, following: str) -> bool:
    """Whether two letters of a Latin script meet with no space: two words' ends run together
    (scripts written without spaces run together anyway)."""
    return last.isascii() and following.isascii() and last.isalnum() and following.isalnum()


_SKIP_IN_BODY_IDS: Final = tag_ids_of(SKIP_IN_BODY)


def walk_blocks(node: LexborNode, out: Emitter, kind: str, in_link: bool, depth: int) -> None:
    if depth > 200:
        return
    parts = out.parts  # flush empties this list in place: the binding stays valid
    for child in node.iter(include_text=True):
        tag_id = child.tag_id
        if tag_id == TEXT_TAG_ID:
            # A text node always has its text; the binding's type says it may not.
            text = child.text_content or ""
            parts.append(text)
            if in_link:
                out.link_chars += len(fold_ws(text))
            continue
        if tag_id == COMMENT_TAG_ID or tag_id in DROP_TAG_IDS:
            continue
        # A figure holding a table (WordPress wraps every table in <figure class="wp-block-table">)
        # is the story's data, not an illustration: walked as a block, its caption still collected.
        if tag_id in _SKIP_IN_BODY_IDS and not (tag_id == FIGURE_TAG_ID and child.css_first("table") is not None):
            if tag_id in (FIGURE_TAG_ID, FIGCAPTION_TAG_ID):
                collect_caption(child, out)
            continue
        if tag_id == BR_TAG_ID:
            parts.append("\n")
            continue
        if tag_id not in BLOCK_TAG_IDS:
            is_link = tag_id == A_TAG_ID
            if is_link and (href := child.attributes.get("href")):
                out.anchors.append((child, href))
                outer = out.enclosing_href
                out.enclosing_href = href
                walk_blocks(child, out, kind, True, depth + 1)
                out.enclosing_href = outer
                continue
            walk_blocks(child, out, kind, in_link or is_link, depth + 1)
            continue
        # flush, called only when it has parts to emit or anchors to drop (most block boundaries
        # have neither: the call itself was the cost).
        if parts or out.anchors:
            out.flush()
        child_kind = kind
        if tag_id in HEADING_TAG_IDS:
            child_kind = "heading"
        elif tag_id in LIST_ENTRY_TAG_IDS:
            child_kind = "list_item"
        elif tag_id == BLOCKQUOTE_TAG_ID:
            child_kind = "quote"
        elif tag_id == PRE_TAG_ID:
            child_kind = "code"
        elif tag_id == TABLE_TAG_ID and _is_data_table(child):
            _emit_table(child, out)
            continue
        previous = out.kind
        out.kind = child_kind
        walk_blocks(child, out, child_kind, in_link, depth + 1)
        if parts or out.anchors:
            out.flush()
        out.kind = previous


def collect_caption(node: LexborNode, out: Emitter) -> None:
    caption_node = node if node.tag == "figcaption" else node.css_first("figcaption")
    if caption_node is None:
        return
    text = fold_ws(caption_node.text(deep=True, separator=" "))
    if not text:
        return
    img = node.css_first("img") if node.tag == "figure" else None
    src = None
    if img is not None:
        src = img.attributes.get("src") or img.attributes.get("data-src")
    out.captions.append((text, src))


def _is_data_table(table: LexborNode) -> bool:
    # Layout tables hold paragraphs and divs of prose; data tables hold short cells.
    return table.css_first("p, div, table table, blockquote") is None and len(table.css("tr")) >= 2


def _emit_table(table: LexborNode, out: Emitter) -> None:
    rows = []
    for row in table.css("tr"):
        cells = [fold_ws(c.text(deep=True, separator=" ")) for c in row.css("th,td")]
        if any(cells):
            rows.append(" | ".join(cells))
    if rows:
        out.blocks.append(Block("table", "\n".join(rows)))


#: Most headings linked to other pages that a news story may hold and still be prose with a teaser or two
#: set between its paragraphs; more are a list's entries (a ranking, a roundup of products or stories).
_MAX_LINKED_HEADLINES: Final = 6
_KICKER_WORDS: Final = 3
_KICKER_NOT_AFTER: Final = ".!?\u3002\"”"
# "Do 27.04.2023 15:17Uhr 01:00 min": a weekday, a date, a time and a length.
_CARD_META_WORDS: Final = 5
_LABELLED_POINTER: Final = re.compile(r"^\S+(?:\s\S+)?:\s")


def _is_card_meta(text: str) -> bool:
    """Whether a line under a teaser's headline is its date and length ("Do 27.04.2023 15:17Uhr 01:00 min").

    >>> _is_card_meta("včera 14:40"), _is_card_meta("The vote was 12 to 3.")
    (True, False)
    """
    return (bool(text) and len(text.split()) <= _CARD_META_WORDS and any(c.isdigit() for c in text)
            and text[-1:] not in _KICKER_NOT_AFTER)


def _is_kicker(text: str) -> bool:
    """Whether a line is a few words that are no sentence: a teaser's kicker ("Hitzeschäden beseitigt", "More:").

    >>> _is_kicker("More:"), _is_kicker("He said no.")
    (True, False)
    """
    return len(text.split()) <= _KICKER_WORDS and text[-1:] not in _KICKER_NOT_AFTER


def _is_box_leftover(text: str) -> bool:
    """Whether a line under a teaser card is what its player box left: a link's address, or a few words that
    are no sentence ("Link des Videos", "Rechte: MITTELDEUTSCHER RUNDFUNK").

    >>> _is_box_leftover("https://example.org/video-1.html"), _is_box_leftover("Link des Videos")
    (True, True)
    >>> _is_box_leftover("He said no.")
    False
    """
    return (len(text.split()) == 1 and "://" in text) or _is_kicker(text)


def drop_linked_headlines(emitter: Emitter) -> None:
    """Drop a news story's few headings that are wholly a link to another page: inline teasers' headlines
    ("Thüringer CDU wirft Höcke ... vor" between two paragraphs), whose picture, if any, went with its box.

    >>> more = "The council's vote, which closes the old bridge for a year, was taken late on Monday."
    >>> out = Emitter(blocks=[Block("paragraph", "The story."), Block("heading", "Another story"),
    ...                        Block("paragraph", more)], linked_headings=[1])
    >>> drop_linked_headlines(out); [b.text for b in out.blocks] == ["The story.", more]
    True
    """
    blocks = emitter.blocks
    # A teaser is set into the story, with its prose going on below; linked headings after the last of
    # it are the page's closing links, which the end-marker cut and the tail trim read as a run.
    # Prose is a long paragraph that ends a sentence: a programme note under the story ("Dieses Thema im
    # Programm: MDR THÜRINGEN | ... | 10:00 Uhr") is not.
    last_prose = max((i for i, b in enumerate(blocks) if b.type == "paragraph" and len(b.text) >= STORY_LINE_CHARS
                      and b.text.rstrip().endswith(SUMMARY_ENDS)), default=-1)
    inside = [index for index in emitter.linked_headings if index < last_prose]
    # The cap counts cards: two linked headings one under the other are one teaser's source link and its
    # headline ("Frétt af mbl.is" over "Vottar Jehóva ..."), where a list's entries have text between them.
    cards = sum(1 for n, index in enumerate(inside) if not (n and inside[n - 1] == index - 1))
    if cards > _MAX_LINKED_HEADLINES:
        return
    drop: set[int] = set()
    for index in inside:
        text = blocks[index].text
        # The teaser's date line under its headline ("23. 12. 2024 13:31", "včera 14:40", "20.01.2024 6 min").
        below = blocks[index + 1].text if index + 1 < len(blocks) and blocks[index + 1].type == "paragraph" else ""
        card = _is_card_meta(below)
        # "Related: Our ranking of ...", "Up Next: ...": a pointer the writer labels as one, set into a guide's
        # text. Over a date line, the label is a teaser's kicker ("Thüringen: Vor diesen ...", "Vlevo dole: ...").
        if _LABELLED_POINTER.match(text) and not card:
            continue
        drop.add(index)
        # The teaser's kicker above its headline ("Hitzeschäden beseitigt", "More:"): a few words, no sentence.
        above = blocks[index - 1].text if index else ""
        # Or the label of a box of them ("Most read in Football"), which would cut the story short if left.
        if above and (_is_kicker(above) or is_end_marker(above)):
            drop.add(index - 1)
        if card:
            drop.add(index + 1)
            # Below it, what a video box leaves: "Link des Videos", its address, "Rechte: ...".
            after = index + 2
            while (after < len(blocks) and blocks[after].type == "paragraph" and after not in emitter.linked_headings
                   and _is_box_leftover(blocks[after].text)):
                drop.add(after)
                after += 1
    emitter.blocks = [block for index, block in enumerate(emitter.blocks) if index not in drop]

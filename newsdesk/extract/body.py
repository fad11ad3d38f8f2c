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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.boilerplate import (
    DROP_TAGS,
    FURNITURE_TAGS,
    attribute_strength,
    class_strength,
    furniture_tokens,
    is_end_marker,
    is_furniture_text,
    literal_trie,
    name_tokens,
)
from newsdesk.extract.budget import WorkBudget
from newsdesk.extract.nodesize import PageSizes, ParagraphSizes, has_elements, text_len
from newsdesk.model import Block

_PARAGRAPH_TAGS: Final = "p,pre,td,blockquote,h2,h3,h4,div,section,span"
_HEADINGS: Final = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK_TAGS: Final = frozenset({
    "p", "div", "section", "article", "main", "ul", "ol", "li", "blockquote", "table", "tr", "td",
    "th", "thead", "tbody", "tfoot", "pre", "figure", "figcaption", "header", "footer", "dl", "dt",
    "dd", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "details", "summary", "center", "form",
    "fieldset", "aside", "nav", "caption", "picture", "video", "audio",
})


def _tag_ids(names: Iterable[str]) -> frozenset[int]:
    """Lexbor's ids of HTML tag names, fixed for the standard ones (``LexborNode.tag_id``).

    A css type selector matches by the same id, so an element of another namespace with a listed
    name (an SVG <header>, say) is listed by both.

    >>> _tag_ids(["p"]) == {LexborHTMLParser("<p>x</p>").css_first("p").tag_id}
    True
    """
    parser = LexborHTMLParser("")
    return frozenset(parser.create_node(name).tag_id for name in names)


_P_TAG_ID: Final = next(iter(_tag_ids(["p"])))
_FURNITURE_TAG_IDS: Final = _tag_ids(FURNITURE_TAGS)
_THREAD_HEADING_IDS: Final = _tag_ids(("h2", "h3", "h4"))
_H1_TAG_ID: Final = next(iter(_tag_ids(["h1"])))
_LISTED_TAG_IDS: Final = _tag_ids((*DROP_TAGS, "p", *FURNITURE_TAGS))
#: What the furniture walk lists: the listed tags, and the headings (a thread's, the page's <h1>s).
_FORM_TAG_ID: Final = next(iter(_tag_ids(["form"])))
_WALKED_TAG_IDS: Final = _LISTED_TAG_IDS | _THREAD_HEADING_IDS | {_H1_TAG_ID, _FORM_TAG_ID}
_PARAGRAPH_TAG_IDS: Final = _tag_ids(_PARAGRAPH_TAGS.split(","))
_BLOCK_TAG_IDS: Final = _tag_ids(_BLOCK_TAGS)
_TEXT_TAG_ID: Final = LexborHTMLParser("<p>x</p>").css_first("p").first_child.tag_id  # type: ignore[union-attr]
_SKIP_IN_BODY: Final = frozenset({"figure", "figcaption", "picture", "video", "audio", "img", "caption"})
# "articles", "stories", "posts" in the plural name lists of other stories ("list-articles").
_POSITIVE_NAME: Final = re.compile(
    r"article(?!s)|body|content|entry|hentry|main|page|post(?!s)|text|blog|story|prose|richtext", re.I)
_NEGATIVE_WORDS: Final = (
    "comment", "combx", "contact", "foot", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll",
    "shoutbox", "sidebar", "sponsor", "shopping", "tags", "tool", "widget", "share", "social", "nav", "menu",
    "teaser", "recommend", "newsletter")
_NEGATIVE_NAME: Final = re.compile("|".join(_NEGATIVE_WORDS), re.I)
# The same two patterns for a lower-cased ASCII name: re.I makes every character a case-folding
# comparison and defeats re's literal scans, and the flat alternation is tried branch by branch.
# (Only ASCII: re.I also folds a few other letters, the Kelvin sign or the dotless i, onto ASCII.)
_POSITIVE_LOWER: Final = re.compile(_POSITIVE_NAME.pattern)
_NEGATIVE_LOWER: Final = re.compile(literal_trie(_NEGATIVE_WORDS))


def _fold_code(text: str) -> str:
    """Code keeps its lines: trim trailing space and blank edges only."""
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()).strip("\n")


def fold_ws(text: str) -> str:
    """Collapse runs of white space to one space and trim.

    >>> fold_ws("  a \\n\\t b ")
    'a b'
    """
    # str.split() and re's \s agree on what white space is (both use Py_UNICODE_ISSPACE), and the
    # split-join is several times faster than a regex substitution and a strip.
    return " ".join(text.split())


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


#: Minimum length of a link text for it to count as a headline of a related article.
_MIN_RELATED_TITLE: Final = 20
_RELATED_NAME: Final = re.compile(
    r"related|recommend|read-?more|more-?stories|also-?read|read-?next|see-?also", re.I
)
_RELATED_LOWER: Final = re.compile(_RELATED_NAME.pattern)


def _anchors(node: LexborNode) -> list[tuple[str, str]]:
    found = []
    for a in node.css("a[href]"):
        title = fold_ws(a.text(deep=True, separator=" "))
        href = a.attributes.get("href") or ""
        if len(title) >= _MIN_RELATED_TITLE and href and not href.startswith(("#", "javascript:", "mailto:")):
            found.append((title, href))
    return found


def _name_of(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".strip()


def _prose_bar(paragraphs: list[LexborNode], sizes: ParagraphSizes) -> float:
    """The paragraph text a node must hold to be the article: 40% of the page's (``paragraphs``, those
    still in the tree), never under 300 characters."""
    return max(sum(sizes.text(p) for p in paragraphs) * 0.4, 300)


def _remove_furniture(root: LexborNode, related: list[tuple[str, str]],
                      budget: WorkBudget | None = None, forms: list[LexborNode] | None = None,
                      under: list[str] | None = None, headline: str = "",
                      ledes: list[str] | None = None, polls: list[LexborNode] | None = None) -> list[LexborNode]:
    """Remove boilerplate-named and hidden elements, unless one holds much of the page's prose.

    Returns the page's <h1> elements, listed by the same walk (some may be removed since: no parent); its
    <form> elements go to ``forms`` when given. With ``under``, the text under the page's headline (the <h1>
    that is ``headline``, folded, else the first) goes there first, read before anything is removed, and the text
    of a standfirst named as one there to ``ledes`` (``text_under``). The boxes of its polls (``_poll_boxes``) go
    to ``polls`` when given, left in the tree.

    Selectolax's ``remove`` takes the removed subtree apart without freeing it: elements collected
    by a selector before stay valid memory, but one inside a removed subtree is left with no parent
    and no content. Such an element has nothing left to judge and is skipped.
    """
    budget = budget or WorkBudget()
    # One walk lists the dropped tags, the paragraphs, the furniture tags and the headings, by tag id: lexbor's css
    # tries each of a list's 23 tags on every element, at twice the cost of this walk. A paragraph or
    # furniture element inside a dropped one is gone with it: no parent, skipped.
    dropped: list[LexborNode] = []
    paragraphs: list[LexborNode] = []
    furniture: list[LexborNode] = []
    headings: list[LexborNode] = []
    h1s: list[LexborNode] = []
    for node in root.traverse():
        tag_id = node.tag_id
        if tag_id in _WALKED_TAG_IDS:
            if tag_id == _P_TAG_ID:
                paragraphs.append(node)
            elif tag_id in _FURNITURE_TAG_IDS:
                furniture.append(node)
            elif tag_id in _THREAD_HEADING_IDS:
                headings.append(node)
            elif tag_id == _H1_TAG_ID:
                h1s.append(node)
            elif tag_id == _FORM_TAG_ID:
                if forms is not None:
                    forms.append(node)
            else:
                dropped.append(node)
    # Listed now, for text_under to pass over; judged below, after the dropped tags are gone.
    hidden = root.css(HIDDEN_SELECTOR)
    head = next((h1 for h1 in h1s if _is_headline(h1, headline)), None)
    if under is not None:
        # No <h1> is the headline (the page's <h1> is its logo or sits in a breadcrumb): a heading under it that
        # is, word for word, is where the reader sees the story open.
        shown_head = head if head is not None or not headline else _headline_heading(headings, headline)
        if shown_head is not None or h1s:
            hidden_ids = frozenset(node.mem_id for node in hidden)
            under.append(text_under(shown_head if shown_head is not None else h1s[0], ledes, hidden_ids,
                                    own=shown_head is not None))
    # The elements that hold the page's own headline: one named as furniture ("modal", "overlay") and holding a
    # story's worth of paragraphs besides is the frame the story opens in, not a box beside it.
    framing = _ancestor_keys(head) if head is not None and headline else frozenset()
    # A poll's (or a quiz's) answers are labels beside radio buttons: the buttons go with the dropped
    # tags, so their groups' boxes are listed first, for the caller to take out once the story is chosen
    # (taken out here, they would change which box wins).
    if polls is not None:
        polls += _poll_boxes(dropped)
    for node in dropped:
        if node.parent is not None:  # not inside one removed before it
            node.remove()
    for node in headings:
        if node.parent is not None and _opens_a_thread(node):
            _remove_thread(node)
            break
    paragraphs = [p for p in paragraphs if p.parent is not None]
    sizes = ParagraphSizes(root, paragraphs)
    prose_bar = _prose_bar(paragraphs, sizes)
    # The bar for all text is never under 600 characters, and most nodes judged are shorter: the
    # page's whole text is measured only when a longer one comes up. Its total is the one before
    # any removal: each removed node's text, measured just before it went, is added back (removed
    # subtrees never overlap, and a text node's trimmed length is the same wherever it is counted).
    text_bar = -1.0
    removed_text = 0
    consent_checked = False

    def holds_the_article(node: LexborNode, length: int) -> bool:
        nonlocal text_bar, prose_bar, consent_checked
        if length >= _MIN_TEXT_BAR:
            if text_bar < 0:
                text_bar = max((text_len(root) + removed_text) * 0.4, _MIN_TEXT_BAR)
            if length >= text_bar:
                return True
        # Paragraph text is part of all text: a node short of the prose bar in all its text is done.
        if length >= prose_bar and sizes.paragraphs(node) >= prose_bar:
            return True
        # A long node that falls short may do so only beside a cookie-consent dialog's pages of legal
        # prose: such dialogs are taken out (once a page, only then: the search costs) and the bars are
        # measured again without them.
        if length >= _MIN_TEXT_BAR and not consent_checked:
            consent_checked = True
            if _remove_consent_dialogs(root, node, sizes):
                prose_bar = _prose_bar([p for p in paragraphs if p.parent is not None], sizes)
                text_bar = -1.0
                return holds_the_article(node, length)
        return False

    def remove(node: LexborNode, length: int) -> None:
        nonlocal removed_text
        removed_text += length
        sizes.remove(node)

    # Hidden holders of most of the text are paywalled content, and React's streamed segments
    # (<div hidden id="S:0">) are the page itself, moved into place by script: not furniture.
    last_key = -1
    for node in hidden:
        budget.step()
        # Listed once per selector it matches, in a row: the first listing decides.
        key = node.mem_id
        if key == last_key:
            continue
        last_key = key
        if node.parent is None or node.tag in ("html", "body") or _REACT_SEGMENT.match(node.attributes.get("id") or ""):
            continue
        length = text_len(node)
        if length >= _WALLED_PROSE_CHARS and _is_unvoiced_prose(node):
            continue
        if not holds_the_article(node, length):
            remove(node, length)
    for node in furniture:
        budget.step()
        if node.parent is None:
            continue
        length = text_len(node)
        if not holds_the_article(node, length):
            if _names_related(node):
                related.extend(_anchors(node))
            remove(node, length)
    # Paragraphs named as furniture that together hold the prose are the article: they are tallied
    # before any named element is judged, so that the judging can go in one pass in document order.
    article_tokens = _tokens_of_the_article(paragraphs, prose_bar, sizes)
    budget.check()
    last_key = -1
    # Whether the nodes listed next may lie inside the subtree removed last. The listing is taken
    # after the hidden and furniture-tag removals, so only this loop's own removals leave listed
    # nodes out of the tree; and in document order a removed node's descendants come right after
    # it. Only the run after a removal is checked, up to the first node still in the tree.
    after_removal = False
    for node in root.css("[class],[id],[role]"):
        key = node.mem_id
        if key == last_key:  # listed once per selector it matches, in a row
            continue
        last_key = key
        # Inside a subtree removed before it (named furniture above it): nothing is left to judge,
        # and its names need not be read. Most of a page's sidebars, menus and comment threads go
        # this way.
        if after_removal:
            if node.parent is None:
                continue
            after_removal = False
        attrs = node.attributes
        class_value, id_value = attrs.get("class"), attrs.get("id")
        # The same verdict as _named_strength, written out: this runs for every element named.
        if attrs.get("role") in _FURNITURE_ROLES:
            strength = 2
        elif id_value is None:
            strength = class_strength(class_value) if class_value else 0
        else:
            strength = attribute_strength(class_value, id_value)
        # Figures keep their captions whatever their classes say: captions feed the image. (The
        # tag is read only for the few elements whose names say furniture.)
        if not strength:
            continue
        tag = node.tag
        if tag in _NEVER_FURNITURE:
            continue
        # A link or a span inside running text is words of a sentence, whatever its class says (a note's
        # "popup", a "tooltip"): taken out, the sentence loses them.
        if tag in _PHRASING_TAGS and _in_running_text(node):
            continue
        budget.step()
        # The joined name only for the few judged further: most elements name nothing.
        name = f"{class_value or ''} {id_value or ''}".strip()
        if article_tokens and tag == "p" and (tokens := furniture_tokens(name)) and tokens <= article_tokens:
            continue
        length = sizes.text(node) if tag == "p" else text_len(node)
        if tag == "p" and length >= _WALLED_PROSE_CHARS and _is_walled_prose(node, name):
            continue
        if holds_the_article(node, length) and not _is_comment_thread(node, name):
            continue
        if key in framing and sizes.paragraphs(node) >= _FRAMED_STORY_CHARS:
            continue
        if strength == 2 or length < 300 or _link_len(node) / length > 0.4:
            if strength == 2 and _names_related(node, name):
                related.extend(_anchors(node))
            remove(node, length)
            after_removal = True
    return h1s


#: A poll's box holds its radio buttons' labels and, a little above them, its question: the box is
#: widened from the buttons' common ancestor while a step up adds at most this much text.
_POLL_QUESTION_CHARS: Final = 250
#: The most text a box of answers holds.
_POLL_ANSWERS_CHARS: Final = 600
_POLL_NEVER: Final = frozenset({"html", "body", "article", "main"})
_INPUT_TAG_ID: Final = next(iter(_tag_ids(["input"])))


def _poll_boxes(dropped: list[LexborNode]) -> list[LexborNode]:
    """The boxes of the page's polls and quizzes: for each group of two or more radio buttons that share a
    name, their nearest common ancestor, widened while a step up adds no more than a question's text.

    Radio buttons are a reader's choice among answers (a poll's "Which book would you pick up?", a
    recipe's card size), never words of a story; their labels stay behind when the buttons go.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> story = "<p>The story goes on here, sentence after sentence of reporting on the matter at hand.</p>" * 4
    >>> page = LexborHTMLParser(f"<div id=s>{story}<div id=poll><p>Which do you prefer?</p><div><label>"
    ...     "<input type=radio name=q>Soup</label><label><input type=radio name=q>Tea</label></div></div></div>")
    >>> [box.attributes.get("id") for box in _poll_boxes(page.css("input"))]
    ['poll']
    """
    groups: dict[str, list[LexborNode]] = {}
    for node in dropped:
        if node.tag_id == _INPUT_TAG_ID and (node.attributes.get("type") or "").lower() == "radio":
            groups.setdefault(node.attributes.get("name") or "", []).append(node)
    boxes: list[LexborNode] = []
    for buttons in groups.values():
        if len(buttons) < 2:
            continue
        # The nearest common ancestor: the first of the first button's ancestors that holds them all.
        others = [_ancestor_keys(button) for button in buttons[1:]]
        box = buttons[0].parent
        while box is not None and box.tag not in _POLL_NEVER and not all(box.mem_id in keys for keys in others):
            box = box.parent
        if box is None or box.tag in _POLL_NEVER:
            continue
        # A box of answers is short: radio buttons far apart (a page wrapped in one form) are no poll.
        length = len(box.text(strip=True))
        if length > _POLL_ANSWERS_CHARS:
            continue
        parent = box.parent
        while parent is not None and parent.tag not in _POLL_NEVER:
            parent_length = len(parent.text(strip=True))
            if parent_length > length + _POLL_QUESTION_CHARS:
                break
            box, length, parent = parent, parent_length, parent.parent
        boxes.append(box)
    return boxes


def _ancestor_keys(node: LexborNode) -> frozenset[int]:
    """The ``mem_id`` of every ancestor of ``node`` below ``<html>``.

    >>> page = LexborHTMLParser("<body><div class='modal'><article><h1>Storm hits coast</h1></article></div></body>")
    >>> len(_ancestor_keys(page.css_first("h1")))  # article, div, body
    3
    """
    keys: set[int] = set()
    current = node.parent
    while current is not None and current.tag_id != _HTML_TAG_ID:
        keys.add(current.mem_id)
        current = current.parent
    return frozenset(keys)


#: Paragraph text that makes a furniture-named element holding the headline the story's frame.
_FRAMED_STORY_CHARS: Final = 500


#: Characters of paragraph text before a "Comments" heading, beside it, for the heading to open a thread below
#: a story: the heading that opens a comments box of its own is its box's first child.
_STORY_BEFORE_THREAD: Final = 300
#: The discussion's own headings: "Comments", "12 Comments", "Leave a reply". (Not "TrackBack": the blogs that
#: link to a post are part of its page in some readers' eyes.)
_THREAD_MARKER: Final = re.compile(r"comment|reply|discussion|conversation", re.I)
#: A story's parts, which neither a thread below it nor a consent dialog ever holds.
_STORY_PARTS: Final = "h1, article, main, [itemprop=articleBody]"


def _opens_a_thread(heading: LexborNode) -> bool:
    """Whether a heading opens the readers' comments set straight below a post, beside its paragraphs.

    Blogs of the 2000s (Movable Type, TypePad) put the comments in the post's own box, one ``<div>``
    and one "Posted by" line each, under an ``<h2>Comments</h2>``. Nothing names the thread as a whole,
    so nothing removes it; and the comments can hold ten times the post's text, so that the heading
    sits too early in the text for any end-of-story rule that trusts only a marker in the text's
    second half. A heading that says only that, with a story's text before it in its box and no
    story's parts after it, ends the story.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser("<div><p>" + "The post. " * 40 + "</p><h2>3 Comments</h2><div>Nice.</div></div>")
    >>> _opens_a_thread(page.css_first("h2"))
    True
    >>> page = LexborHTMLParser("<div id=comments><h2>Comments</h2><div>Nice.</div></div>")
    >>> _opens_a_thread(page.css_first("h2"))
    False
    """
    # Most headings are one text node: read without a deep walk (this runs for every heading of the page).
    child = heading.first_child
    if child is not None and child.next is None and child.tag_id == _TEXT_TAG_ID:
        text = child.text_content or ""
    else:
        text = heading.text(deep=True)
    if len(text) > 60 or _THREAD_MARKER.search(text) is None or not is_end_marker(fold_ws(text)):
        return False
    # Paragraphs' text only: a box of related links or tags above a thread says no story is there.
    before = 0
    sibling = heading.prev
    while sibling is not None and before < _STORY_BEFORE_THREAD:
        if sibling.tag_id == _P_TAG_ID:
            before += text_len(sibling)
        elif has_elements(sibling):
            before += sum(text_len(p) for p in sibling.css("p"))
        sibling = sibling.prev
    if before < _STORY_BEFORE_THREAD:
        return False
    sibling = heading.next
    while sibling is not None:
        if sibling.tag in ("h1", "article", "main") or (has_elements(sibling) and sibling.css_first(_STORY_PARTS)):
            return False
        sibling = sibling.next
    return True


def _remove_thread(heading: LexborNode) -> None:
    """Remove everything after a thread's heading in its box. The heading stays: in the text, it is
    the end-of-story marker that the page's later lines ("174 comments | Add comment") are cut at."""
    following = []
    sibling = heading.next
    while sibling is not None:
        following.append(sibling)
        sibling = sibling.next
    for node in following:
        node.remove()


#: Class and id words of the dialogs that ask for consent to cookies (and of the common platforms that make them).
_CONSENT_WORDS: Final = frozenset({"cookie", "cookies", "consent", "gdpr", "onetrust", "didomi", "usercentrics",
                                   "cookiebot"})
_CONSENT_SELECTOR: Final = ",".join(f"[{attribute}*={word}]"
                                    for word in ("consent", "cookie", "onetrust", "gdpr", "didomi")
                                    for attribute in ("id", "class"))


def _remove_consent_dialogs(root: LexborNode, keep: LexborNode, sizes: ParagraphSizes) -> bool:
    """Remove the cookie-consent dialogs of a page (outermost only), whatever their length; whether any went.

    A consent platform's preference centre holds pages of legal prose, more than many a story: counted in
    the page's totals, it makes the story look too small to be the article. A dialog is told by its class or
    id words, and never holds a headline, an <article> or the node being judged (``keep``).

    >>> page = LexborHTMLParser("<body><div id='onetrust-consent-sdk'><p>We use cookies.</p></div>"
    ...                         "<div class='paywall'><p>The story.</p></div></body>")
    >>> sizes = ParagraphSizes(page.body, page.css("p"))
    >>> _remove_consent_dialogs(page.body, page.css_first(".paywall"), sizes), page.body.text()
    (True, 'The story.')
    """
    removed = False
    for node in root.css(_CONSENT_SELECTOR):
        if node.parent is None or node.tag in ("html", "body") or node.tag in _NEVER_FURNITURE:
            continue
        words = set(name_tokens(_name_of(node)))
        if not words & _CONSENT_WORDS or node.css_first(_STORY_PARTS) is not None:
            continue
        if _within(keep, node):  # the node judged, or one of its ancestors
            continue
        sizes.remove(node)
        removed = True
    return removed


_PHRASING_TAGS: Final = frozenset({"a", "span", "em", "strong", "b", "i", "abbr", "mark"})
#: Text of its own a parent must hold around a phrasing element for it to be running text.
_RUNNING_TEXT_CHARS: Final = 80


#: A paragraph behind a paywall this long is the story's prose; the wall's own lines are a sentence or two
#: of offer ("Für 0.99 € können Sie diesen Artikel erwerben.", "Zugang zu allen STERN PLUS-Inhalten ...").
_WALLED_PROSE_CHARS: Final = 200
_WALL_TOKENS: Final = frozenset({"paywall"})


def _is_walled_prose(node: LexborNode, name: str) -> bool:
    """Whether a paragraph named only as behind the paywall is a paragraph of the story: long prose
    that ends a sentence (TechRadar marks its paragraphs past the free preview ``<p class="paywall">``).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> walled = LexborHTMLParser('<p class="paywall">' + "The search box grew, and so did the AI. " * 6 + '</p>')
    >>> _is_walled_prose(walled.css_first("p"), "paywall"), _is_walled_prose(walled.css_first("p"), "paywall ad")
    (True, False)
    """
    return furniture_tokens(name) <= _WALL_TOKENS and _ends_a_sentence(fold_ws(node.text()))


def _is_unvoiced_prose(node: LexborNode) -> bool:
    """Whether a long paragraph is only kept from screen readers (``aria-hidden``), not hidden from sight,
    and is prose: a metered story's paragraphs past the free preview, which the paywall's script blurs
    (TechRadar's ``<p class="paywall" aria-hidden="true">``), are the story's words all the same. A
    decorative pull quote is short, and a long one repeats a paragraph (``trim_body`` drops the copy).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> prose = "The search box grew, and so did the AI. " * 6
    >>> _is_unvoiced_prose(LexborHTMLParser(f'<p aria-hidden="true">{prose}</p>').css_first("p"))
    True
    >>> _is_unvoiced_prose(LexborHTMLParser(f'<p aria-hidden="true" hidden>{prose}</p>').css_first("p"))
    False
    """
    if node.tag_id != _P_TAG_ID:
        return False
    attrs = node.attributes
    return (attrs.get("aria-hidden") == "true" and "hidden" not in attrs and "display" not in (attrs.get("style") or "")
            and _ends_a_sentence(fold_ws(node.text())))


def _in_running_text(node: LexborNode) -> bool:
    """Whether a phrasing element sits in a sentence: its parent holds prose of its own around it.

    >>> page = LexborHTMLParser("<p>The nature of my <a class='popup'>avocations</a> for the last thirty years has "
    ...                         "brought me into more than ordinary contact with an interesting set of men.</p>"
    ...                         "<div><a class='share'>Share</a> <a class='share'>Tweet</a></div>")
    >>> [_in_running_text(a) for a in page.css("a")]
    [True, False, False]
    """
    parent = node.parent
    return parent is not None and len(fold_ws(parent.text(deep=False))) >= _RUNNING_TEXT_CHARS


def _named_strength(attrs: dict[str, str | None]) -> int:
    """How surely an element's role, class and id name furniture: 2 surely, 1 maybe, 0 not.

    >>> _named_strength({"role": "navigation"}), _named_strength({"class": "byline"}), _named_strength({"id": "x"})
    (2, 1, 0)
    """
    class_value, id_value = attrs.get("class"), attrs.get("id")
    if attrs.get("role") in _FURNITURE_ROLES:
        return 2
    if id_value is None:
        return class_strength(class_value) if class_value else 0
    return attribute_strength(class_value, id_value)


_COMMENT_TOKENS: Final = frozenset({"comment", "comments", "commentlist", "disqus", "replies"})


def _is_comment_thread(node: LexborNode, name: str) -> bool:
    """Whether a comment-named element holds several comments: never the article, however long.

    On a post made mostly of lists (a weekly changelog) its readers' comments can hold more
    paragraph text than the post itself; the amount of prose must not save them.
    """
    if not _COMMENT_TOKENS & furniture_tokens(name):
        return False
    if len(node.css("[class*=comment],[id*=comment]")) >= 2:
        return True
    # Comments as bare list entries (<dl><dd>, <ol><li>) name nothing: a run of entries and no
    # headline of its own make a thread; the wrapper of a whole article page holds its <h1>.
    return node.css_first("h1") is None and len(node.css("dd, li")) >= 3


def _tokens_of_the_article(paragraphs: list[LexborNode], prose_bar: float, sizes: ParagraphSizes) -> frozenset[str]:
    """Furniture-sounding class tokens that the story's own paragraphs carry, together holding its prose.

    Sites mark every paragraph of a metered story ``<p class="paywall">`` or similar: no single
    paragraph holds the article, so each would go as furniture one by one and take the story with
    it. Paragraphs that share such a token and together hold most of the prose are the article.

    ``paragraphs`` are the page's ``<p>``s, some perhaps removed since (those are skipped). A paragraph
    counts once for each of its role, class and id, as often as ``css("[class],[id],[role]")`` lists it.
    """
    totals: dict[str, int] = {}
    for node in paragraphs:
        if node.parent is None:
            continue
        attrs = node.attributes
        listed = ("class" in attrs) + ("id" in attrs) + ("role" in attrs)
        if not listed or not _named_strength(attrs):
            continue
        length = sizes.text(node) * listed
        for token in furniture_tokens(f"{attrs.get('class') or ''} {attrs.get('id') or ''}".strip()):
            totals[token] = totals.get(token, 0) + length
    return frozenset(token for token, total in totals.items() if total >= prose_bar)


#: The least text a node must hold to be kept as the article for its share of all the page's text.
_MIN_TEXT_BAR: Final = 600
_NEVER_FURNITURE: Final = frozenset({"html", "body", "article", "main", "figure", "figcaption", "img", "picture"})
#: React's streamed segments and placeholders: "S:" or "P:" and the boundary's number in hexadecimal ("S:1f").
_REACT_SEGMENT: Final = re.compile(r"^[SP]:[0-9a-f]+$")
_FURNITURE_ROLES: Final = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog"})


def _link_len(node: LexborNode) -> int:
    return sum(text_len(a) for a in node.css("a"))


def _name_weight(class_value: str | None, id_value: str | None) -> float:
    """+25 for a class/id that names content, -25 for one that names furniture (both: 0).

    The same as matching the joined ``f"{class_value} {id_value}"``: no pattern spans a space.

    >>> _name_weight("entry-content", None), _name_weight(None, "sidebar"), _name_weight("", None)
    (25.0, -25.0, 0.0)
    >>> _name_weight("post", "related-links")
    0.0
    """
    names = (_name_bits(class_value) if class_value else 0) | (_name_bits(id_value) if id_value else 0)
    return (25.0 if names & 1 else 0.0) - (25.0 if names & 2 else 0.0)


@lru_cache(maxsize=65536)
def _name_bits(value: str) -> int:
    """1 when a class or id value names content, 2 when it names furniture (cached per value).

    A value, not the joined pair, is the key: the same class strings come back on every page of a
    site and across sites, each time with a new id beside them.

    >>> _name_bits("entry-content"), _name_bits("sidebar"), _name_bits("post-sidebar")
    (1, 2, 3)
    """
    if value.isascii():
        lowered = value.lower()
        return (1 if _POSITIVE_LOWER.search(lowered) else 0) | (2 if _NEGATIVE_LOWER.search(lowered) else 0)
    return (1 if _POSITIVE_NAME.search(value) else 0) | (2 if _NEGATIVE_NAME.search(value) else 0)


def _own_text_len(node: LexborNode) -> int:
    """Length of the text in a node that is not inside a block-level child."""
    total = 0
    # White-space-only text nodes (skipped in Lexbor, no Python object made) strip to nothing.
    # By tag id: reading a tag's name makes a new string each time, an id is a small int.
    for child in node.iter(include_text=True, skip_empty=True):
        tag_id = child.tag_id
        if tag_id == _TEXT_TAG_ID:
            total += len((child.text_content or "").strip())
        elif tag_id not in _BLOCK_TAG_IDS:
            total += len(child.text(deep=True).strip())
    return total


def _best_container(body: LexborNode, sizes: PageSizes, budget: WorkBudget | None = None) -> LexborNode | None:
    budget = budget or WorkBudget()
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    # A walk by tag id, not css: lexbor's css tries each of the ten tags on every element. The tag
    # is told by its id throughout: reading its name makes a new string each time.
    for node in body.traverse():
        tag_id = node.tag_id
        if tag_id not in _PARAGRAPH_TAG_IDS:
            continue
        budget.step()
        text = None
        if tag_id == _SPAN_TAG_ID:
            # A span's own text is part of all its text: most spans are short in all of it, and
            # that text is wanted below anyway; the own-text walk is only for the long ones.
            text = node.text(deep=True)
            if len(text) < 120:
                continue
            # A span that is a list item's text is an entry of a list (a reference, a link's blurb), not prose
            # written in spans: scored, a references list outscores the article above it.
            if node.parent is not None and node.parent.tag == "li":
                continue
            length = _own_text_len(node)
            if length < 120:
                continue
        elif tag_id in _OWN_TEXT_TAG_IDS:
            length = _own_text_len(node)
        else:
            # One text pass for length and commas: trimming takes only white space, so the commas
            # are all there (an Arabic comma's space may not be: such text is read again).
            text = sizes.trimmed_text(node)
            length = len(text)
        if length < 25:
            continue
        if text is None:
            text = node.text(deep=True)
        commas = text.count(",")
        if not text.isascii():
            # Chinese and Japanese prose marks its clauses and sentences with its own signs, written without a
            # space: each counts as a comma does in Latin script.
            commas += text.count("、") + text.count("，") + text.count("。")
        if "،" in text:
            commas += (text if tag_id in _READ_WHOLE_TAG_IDS else node.text(deep=True)).count("، ")
        score = 1.0 + commas + min(length / 100.0, 3.0)
        # Prose written straight into a div (text and <br>s, no <p>) makes the div its own container.
        parent = node if tag_id in _OWN_PROSE_TAG_IDS else node.parent
        level = 0
        while parent is not None and level < 3:
            if parent.tag_id == _HTML_TAG_ID:  # (the climb never passes <html> to the document)
                break
            key = parent.mem_id
            if key not in scores:
                scores[key] = _initial_score(parent)
                nodes[key] = parent
            scores[key] += score / (1, 2, 3)[level]
            parent = parent.parent
            level += 1
    if not scores:
        return None
    best_key = None
    best = float("-inf")
    # Only the leading candidates are worth measuring for links (readability keeps five too).
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    finals: dict[int, float] = {}
    for key in ranked[:_FINALISTS]:
        budget.step()
        final = finals[key] = _final_score(nodes[key], scores[key], sizes)
        if final > best:
            best, best_key = final, key
    if best_key is None:
        return None
    winner = nodes[best_key]
    if _in_furniture(winner):
        # Furniture that holds much prose outlives the furniture removal (it may be the article); when it wins
        # here on a page whose story is short (a sidebar's blurbs, a footer's about-us), the best
        # candidate outside it is the story, if it scores a third of the winner's. (Measured only here: the
        # walk up from the winner is all that other pages pay.)
        runner_up = None
        runner_final = _FURNITURE_WINNER_YIELDS * best
        for key in ranked[:_FINALISTS * 2]:
            node = nodes[key]
            final = finals[key] if key in finals else _final_score(node, scores[key], sizes)
            if final >= runner_final and not _within(node, winner) and not _within(winner, node) \
                    and not _in_furniture(node):
                runner_up, runner_final = node, final
        if runner_up is not None:
            return runner_up
    return winner


def _final_score(node: LexborNode, score: float, sizes: PageSizes) -> float:
    # Finalists often hold one another: each is measured from its children, so that a subtree
    # measured for one is not walked again for another.
    length = sizes.text_above(node) or 1
    return score * (1.0 - min(sizes.links(node) / length, 1.0))


def _in_furniture(node: LexborNode) -> bool:
    """Whether a node is, or lies inside, a sidebar or a footer: an ``<aside>`` or ``<footer>``, an element whose
    role says so, one of whose classes is just "sidebar" or "footer", or one whose id has "sidebar", "footer",
    "foot" or the page's "header" or "masthead" among its words (a class "header" is as often a story's own); or
    an author's box.

    Only the plain names: a story's wrappers carry these words in layout names ("content-sidebar", "page-footer",
    "is-style-sidebar") and other furniture words in script hooks ("js-social-images", "paywall").

    >>> page = LexborHTMLParser("<div><aside><div><p id='a'>Blurb.</p></div></aside><p id='b'>Story.</p>"
    ...                         "<div class='widget sidebar'><p id='c'>About.</p></div>"
    ...                         "<div class='main has-sidebar'><p id='d'>Story.</p></div>"
    ...                         "<div class='post-author'><p id='e'>Bio.</p></div></div>")
    >>> [_in_furniture(page.css_first(f"#{key}")) for key in "abcde"]
    [True, False, True, False, True]
    """
    return _in_walls(node, authors=True)


def _is_wall(node: LexborNode, classes: bool = True) -> bool:
    """Whether an element is a sidebar, a footer or the page's header: by its tag (``<aside>``, ``<footer>``), its
    role, any word of its id, or (with ``classes``) a whole class "sidebar" or "footer".

    An id names one region of the page, so any of its words may say which ("blq-foot", "sidebar-right-1"); a class
    is shared by layouts and script hooks, so only a whole class counts, and some layouts call their main column
    "sidebar" (``classes=False`` leaves classes out).

    >>> [_is_wall(LexborHTMLParser(html).body.child) for html in (  # type: ignore[arg-type]
    ...     "<aside>x</aside>", "<div id='blq-foot'>x</div>", "<div class='col footer'>x</div>",
    ...     "<div class='page-footer'>x</div>")]
    [True, True, True, False]
    >>> _is_wall(LexborHTMLParser("<div class='sidebar'>x</div>").body.child, classes=False)  # type: ignore[arg-type]
    False
    """
    if node.tag_id in _WALL_TAG_IDS:
        return True
    attrs = node.attributes
    if not attrs:
        return False
    id_value, class_value = attrs.get("id"), attrs.get("class")
    return bool((id_value and not _WALL_ID_WORDS.isdisjoint(id_value.lower().replace("_", "-").split("-")))
                or attrs.get("role") in _WALL_ROLES
                or (classes and class_value and not _WALL_NAMES.isdisjoint(class_value.split())))


def _in_walls(node: LexborNode, classes: bool = True, authors: bool = False) -> bool:
    """Whether a node is, or lies inside, an element that ``_is_wall`` (with ``authors``, or an author's box).

    >>> page = LexborHTMLParser("<div id='sidebar'><div><p id='a'>About.</p></div></div><p id='b'>Story.</p>")
    >>> _in_walls(page.css_first("#a")), _in_walls(page.css_first("#b"))  # type: ignore[arg-type]
    (True, False)
    """
    current: LexborNode | None = node
    while current is not None:
        if current.tag_id in (_BODY_TAG_ID, _HTML_TAG_ID):
            return False
        if _is_wall(current, classes):
            return True
        # An author's box ("post-author", "about-the-author") is furniture too: a bio outscores a brief.
        if authors:
            class_value = current.attributes.get("class")
            if class_value and "uthor" in class_value \
                    and any(_AUTHOR_BOX.fullmatch(token) for token in class_value.lower().split()):
                return True
        current = current.parent
    return False


def _wall_prose_beside(child: LexborNode, parent: LexborNode, sizes: PageSizes) -> int:
    """Paragraph text in the parent's other children that are, or whose element children are, a sidebar or a footer
    (``_is_wall``): a column of blurbs or a footer's widgets beside the story, one or two levels down.

    >>> page = LexborHTMLParser("<div><div id='a'><p>Story.</p></div><div><div id='sidebar'><p>Blurb.</p>"
    ...                         "</div></div><footer><p>About.</p></footer><div><p>More.</p></div></div>")
    >>> part = page.css_first("#a")
    >>> _wall_prose_beside(part, part.parent, PageSizes())  # type: ignore[arg-type]
    12
    """
    total = 0
    key = child.mem_id
    for sibling in parent.iter():
        if sibling.mem_id == key or not sizes.paragraphs(sibling):
            continue
        if _is_wall(sibling):
            total += sizes.paragraphs(sibling)
            continue
        for inner in sibling.iter():
            if _is_wall(inner):
                total += sizes.paragraphs(inner)
    return total


#: The tags that are furniture wherever they stand (a story's own <header> is not: it holds its headline).
_WALL_TAG_IDS: Final = _tag_ids(("aside", "footer"))
_WALL_ROLES: Final = frozenset({"complementary", "contentinfo"})
_WALL_NAMES: Final = frozenset({"sidebar", "footer"})
#: The words of an id that name a sidebar, a footer or the page's header ("header" in a class is as often a story's).
_WALL_ID_WORDS: Final = _WALL_NAMES | {"foot", "header", "masthead"}
#: A class that names an author's box, whole: "author", "post-author", "about-the-author", "author-bio".
_AUTHOR_BOX: Final = re.compile(r"(?:(?:post|entry|article|about(?:[-_]the)?)[-_]?)?author"
                         r"(?:[-_]?(?:box|bio|info|profile|details|block|wrap|wrapper|area|section))?")
_BODY_TAG_ID: Final = next(iter(_tag_ids(["body"])))
#: What the best candidate outside furniture must score, against the winner inside it, to take its place (the
#: stories of the dev pages that gained scored 0.36-0.81 of the furniture's score).
_FURNITURE_WINNER_YIELDS: Final = 1 / 3
#: The share of what an ancestor adds to the story that, held by sidebars or footers, stops widening below it.
_WALL_SHARE_OF_ADDED: Final = 0.5


_FINALISTS: Final = 8
#: The paragraph-like tags whose whole text the scoring reads (the others' is read trimmed).
_READ_WHOLE: Final = frozenset({"span", "div", "section", "li", "td", "dd"})
_READ_WHOLE_TAG_IDS: Final = _tag_ids(_READ_WHOLE)
#: Those measured by their own text, not inside block-level children (a span only when long).
_OWN_TEXT_TAG_IDS: Final = _tag_ids(_READ_WHOLE - {"span"})
#: Those whose own prose makes them a container of their own.
_OWN_PROSE_TAG_IDS: Final = _tag_ids(("div", "section", "td"))
_SPAN_TAG_ID: Final = next(iter(_tag_ids(["span"])))
_HTML_TAG_ID: Final = next(iter(_tag_ids(["html"])))


_TAG_SCORES: Final = {"article": 8.0, "main": 5.0, "div": 5.0, "section": 3.0, "pre": 3.0, "td": 3.0,
                      "blockquote": 3.0, "form": -3.0, "ol": -3.0, "ul": -3.0, "li": -3.0, "dl": -3.0,
                      "address": -3.0, "th": -5.0, "header": -5.0, "footer": -5.0, "aside": -5.0}
# By tag id: the tag's name is a new string each time it is read.
_TAG_ID_SCORES: Final = {next(iter(_tag_ids([tag]))): score for tag, score in _TAG_SCORES.items()}


def _initial_score(node: LexborNode) -> float:
    base = _TAG_ID_SCORES.get(node.tag_id, 0.0)
    attrs = node.attributes
    if attrs.get("itemprop") == "articleBody":
        base += 40
    return base + _name_weight(attrs.get("class"), attrs.get("id"))


def _widen(container: LexborNode, sizes: PageSizes, teaser_counts: dict[int, int]) -> LexborNode:
    """Climb to ancestors that hold substantially more paragraph text (split article bodies).

    Each ancestor is measured from its children, the one climbed from already measured; the
    teasers counted go into ``teaser_counts`` (by ``mem_id``).
    """
    current = container
    current_len = sizes.paragraphs(current)
    best = current
    # What the best ancestor so far holds: what a taller one adds is measured against it.
    best_len, best_text, best_links = current_len, sizes.text(current), sizes.links(current)
    current_text, current_links = best_text, best_links
    teasers = _teasers(current, sizes, teaser_counts)
    for _ in range(8):
        parent = current.parent
        if parent is None or parent.tag in ("body", "html"):
            break
        # A layout table's row holds the page's columns side by side: when the story's cell holds a story's worth of
        # prose, the cells beside it are its sidebars, never its next part. (A data table's cell, short, climbs on.)
        if parent.tag == "tr" and current_len >= _STORY_CHARS:
            break
        parent_len = sizes.paragraphs_above(parent)
        # A link-dense ancestor is navigation around the story: climbing stops there. A wrapper that adds no
        # text is no navigation: its density is the container's own (a story that links much), so it is passed.
        parent_text = sizes.text_above(parent)
        parent_links = sizes.links_above(parent)
        if parent_text > current_text \
                and parent_links / parent_text > _WIDEN_MAX_LINK_DENSITY and not _adds_linked_prose(
                parent_len - current_len, parent_text - current_text, parent_links - current_links, current_len):
            break
        # Headlines that are links, or several <article>s, mean the parent lists other stories.
        # Unless each added item is as long as half of what we have, or holds a story's worth of
        # prose and little linked text: then it is a listicle's next entry, a guide's next section.
        new_teasers = _teasers_above(parent, sizes, teaser_counts) - teasers
        # A container already holding a whole story's worth of prose does not grow into such a list.
        if new_teasers >= _TEASER_LIMIT and current_len >= _STORY_CHARS:
            per_item = (parent_len - current_len) / new_teasers
            added_text = parent_text - current_text
            if per_item < 0.5 * current_len and not (
                    per_item >= _STORY_CHARS
                    and parent_links - current_links < _SIDEBAR_MIN_LINK_SHARE * added_text) \
                    and _prose_beside(current, parent, sizes, teaser_counts) < 0.5 * current_len:
                break
        grows = parent_len > current_len * 1.1 or _opening_before(current, sizes) >= _OPENING_CHARS
        if grows and not _adds_a_sidebar(parent_len - best_len, parent_text - best_text, parent_links - best_links):
            # A sidebar or a footer that outlived the furniture removal (it held much prose) is not the story's
            # next part: when it holds half of what the ancestor adds, climbing stops below that ancestor.
            if _wall_prose_beside(current, parent, sizes) >= _WALL_SHARE_OF_ADDED * (parent_len - current_len):
                break
            best, best_len, best_text, best_links = parent, parent_len, parent_text, parent_links
        current, current_len = parent, max(parent_len, current_len)
        current_text, current_links = parent_text, parent_links
        teasers += new_teasers
    return best


def _prose_beside(child: LexborNode, parent: LexborNode, sizes: PageSizes, known: dict[int, int]) -> int:
    """Paragraph text in the parent's other children that advertise no story and are little linked: the rest of
    a story split into sections, with boxes of other stories' teasers set between them.

    >>> page = LexborHTMLParser("<div><div id='a'><p>Part one.</p></div>"
    ...                         "<div><h3><a href='/x'>Other story</a></h3></div>"
    ...                         "<div><p>Part two, longer.</p></div></div>")
    >>> part = page.css_first("#a")
    >>> _prose_beside(part, part.parent, PageSizes(), {})
    17
    """
    total = 0
    for sibling in parent.iter():
        if sibling.mem_id == child.mem_id:
            continue
        prose = sizes.paragraphs(sibling)
        if prose and not _teasers(sibling, sizes, known) \
                and sizes.links(sibling) < _SIDEBAR_MIN_LINK_SHARE * sizes.text(sibling):
            total += prose
    return total


def _opening_before(child: LexborNode, sizes: PageSizes) -> int:
    """Paragraph text in the elements before ``child`` under its parent, when they are mostly unlinked prose:
    a long story's opening set apart from the rest (0 otherwise: product cards, a table of contents, an
    author box are short lines, links and labels).

    >>> page = LexborHTMLParser("<div><div><p>Opening.</p></div><div id='rest'><p>The rest.</p></div></div>")
    >>> _opening_before(page.css_first("#rest"), PageSizes())
    8
    >>> page = LexborHTMLParser("<div><div><p>Pros</p><b>Bright screen</b></div>"
    ...                         "<div id='rest'><p>The rest.</p></div></div>")
    >>> _opening_before(page.css_first("#rest"), PageSizes())
    0
    """
    prose = text = links = 0
    sibling = child.prev
    while sibling is not None:
        if sibling.tag not in ("-text", "-comment", "#comment"):
            prose += sizes.paragraphs(sibling)
            text += sizes.text(sibling)
            links += sizes.links(sibling)
        sibling = sibling.prev
    if prose < _OPENING_PROSE_SHARE * text or links >= _OPENING_MAX_LINK_SHARE * text:
        return 0
    return prose


def _adds_linked_prose(added_prose: int, added_text: int, added_links: int, current_prose: int) -> bool:
    """Whether a link-dense ancestor adds twice the story the container holds, nearly all of it paragraphs,
    most of them not links.

    Some stories link every other phrase (a guide's, a vendor's, a wiki's): their ancestor is
    link-dense, but its links sit inside sentences. Navigation around a story is not paragraphs, or
    paragraphs that are each a link (an archive's list).

    >>> _adds_linked_prose(added_prose=7800, added_text=8200, added_links=3600, current_prose=1700)
    True
    >>> _adds_linked_prose(added_prose=900, added_text=8200, added_links=3600, current_prose=1700)  # a menu
    False
    >>> _adds_linked_prose(added_prose=1900, added_text=1900, added_links=1880, current_prose=300)  # links in <p>s
    False
    """
    return (added_prose >= _LINKED_PROSE_OVER_CURRENT * current_prose
            and added_prose >= _LINKED_PROSE_SHARE * added_text
            and added_links < _LINKED_PROSE_MAX_LINKS * added_text)


#: Share of paragraph text in what a link-dense ancestor adds for widening to climb there.
_LINKED_PROSE_SHARE: Final = 0.9
#: How many times the container's paragraph text that ancestor must add: the container was a part of the story.
_LINKED_PROSE_OVER_CURRENT: Final = 2
#: Most of what it adds is words between the links.
_LINKED_PROSE_MAX_LINKS: Final = 0.6


def _adds_a_sidebar(added_prose: int, added_text: int, added_links: int) -> bool:
    """Whether what an ancestor adds to the story is a column of page furniture beside it.

    A sidebar's recent posts, headlines and dates are a little paragraph text among much other
    text, a fair share of it links: the ancestor holding both is the page, not the article. More
    of a story (its next section, a list, a table) is mostly prose or mostly not linked.

    >>> _adds_a_sidebar(added_prose=150, added_text=2000, added_links=500)
    True
    >>> _adds_a_sidebar(added_prose=150, added_text=2000, added_links=40)  # a list or table
    False
    >>> _adds_a_sidebar(added_prose=1200, added_text=2000, added_links=500)  # the next section
    False
    """
    return (added_text > 0 and added_prose < _SIDEBAR_MAX_PROSE_SHARE * added_text
            and added_links >= _SIDEBAR_MIN_LINK_SHARE * added_text)


_SIDEBAR_MAX_PROSE_SHARE: Final = 0.5
_SIDEBAR_MIN_LINK_SHARE: Final = 0.2
_TEASER_LIMIT: Final = 2
_STORY_CHARS: Final = 500
#: Paragraph text above the container, under the ancestor, that makes the ancestor worth climbing to however
#: little it adds to a long story: the opening section, set apart from the rest (a review's introduction).
_OPENING_CHARS: Final = 1000
_OPENING_PROSE_SHARE: Final = 0.7
_OPENING_MAX_LINK_SHARE: Final = 0.1
_WIDEN_MAX_LINK_DENSITY: Final = 0.3


_TEASER_SELECTOR: Final = "article, h1 a, h2 a, h3 a, h4 a"


def _teasers(node: LexborNode, sizes: PageSizes, known: dict[int, int] | None = None) -> int:
    """How many other stories a node advertises: linked headlines and nested <article>s."""
    key = node.mem_id
    if known is not None and key in known:
        return known[key]
    tag = node.tag
    if tag != "a" and not has_elements(node):
        # What css would list in an element with no element inside: the element itself, if it is
        # an <article> (a link, which a headline above may hold, is searched for the plain way).
        count = 1 if tag == "article" else 0
    else:
        # One search for both: a call to css costs ~3 µs before it looks at a node. Each <article>
        # is listed once; a link once per heading selector it matches, as the plain query lists it.
        count = 0
        for found in node.css(_TEASER_SELECTOR):
            if found.tag == "article":
                count += 1
                continue
            parent = found.parent
            if parent is not None and sizes.text(found) >= 0.6 * sizes.text(parent):
                count += 1
    if known is not None:
        known[key] = count
    return count


def _teasers_above(parent: LexborNode, sizes: PageSizes, known: dict[int, int]) -> int:
    """``_teasers(parent)`` summed over the parent's children, the one climbed from already counted.

    ``css`` lists an element itself when it matches, so the parent's count is its own listing plus
    its children's. A linked headline's listing depends on its ancestors, not on where the search
    starts, and a parent that is itself a link is counted the plain way.
    """
    key = parent.mem_id
    if key in known:
        return known[key]
    if parent.tag == "a":
        return _teasers(parent, sizes, known)
    count = 1 if parent.tag == "article" else 0
    for child in parent.iter():
        count += _teasers(child, sizes, known)
    known[key] = count
    return count


@dataclass(slots=True)
class _Emitter:
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
    #: Indexes in ``blocks`` of the headings that are wholly a link to another page (``_drop_linked_headlines``).
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
        text = _fold_code(joined) if self.kind == "code" else fold_ws(joined)
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
                if len(title) >= _MIN_RELATED_TITLE:
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
_SENTENCE_ENDS: Final = (".", "!", "?", "\u3002", "\uff01", "\uff1f")
_CLOSING_QUOTES: Final = "\"'\u201d\u2019)"
#: A label's end: "Read more:", "Les også:", "Posted in X | ...", "Top story -".
_LABEL_ENDS: Final = (":", "\uff1a", "|", "-", "\u2013", "\u2014", ">", "\u00bb", "\u203a")


def _ends_a_sentence(text: str) -> bool:
    """Whether a text ends a sentence, a closing quote or bracket after its stop allowed.

    >>> _ends_a_sentence('He said "no."'), _ends_a_sentence("Read more:")
    (True, False)
    """
    return text.rstrip(_CLOSING_QUOTES).endswith(_SENTENCE_ENDS)


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
    if len(text) < _LINKED_SENTENCE_CHARS or not _ends_a_sentence(text):
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


#: The walk tells a node by its tag id: reading the name (``tag``) makes a new string each time, at
#: three times the cost, and the walk meets every node of the container. An element's id is that of
#: its lower-case local name, which is its name for every tag named here (only a few SVG names keep
#: capitals: "foreignObject"); a text node, a comment or a tag unknown to lexbor has an id none of these has.
_COMMENT_TAG_ID: Final = LexborHTMLParser("<p><!--x--></p>").css_first("p").first_child.tag_id  # type: ignore[union-attr]
_DROP_TAG_IDS: Final = _tag_ids(DROP_TAGS)
_SKIP_IN_BODY_IDS: Final = _tag_ids(_SKIP_IN_BODY)
# One name a line, not unpacked from a tuple: only a name bound alone can be Final, which compiled code reads as a
# C static rather than from the module's dictionary (the walk tests every node against these).
_FIGURE_TAG_ID: Final = next(iter(_tag_ids(["figure"])))
_FIGCAPTION_TAG_ID: Final = next(iter(_tag_ids(["figcaption"])))
_BR_TAG_ID: Final = next(iter(_tag_ids(["br"])))
_A_TAG_ID: Final = next(iter(_tag_ids(["a"])))
_BLOCKQUOTE_TAG_ID: Final = next(iter(_tag_ids(["blockquote"])))
_PRE_TAG_ID: Final = next(iter(_tag_ids(["pre"])))
_TABLE_TAG_ID: Final = next(iter(_tag_ids(["table"])))
_HEADING_TAG_IDS: Final = _tag_ids(_HEADINGS)
_LIST_ENTRY_TAG_IDS: Final = _tag_ids(("li", "dd", "dt"))


def _walk(node: LexborNode, out: _Emitter, kind: str, in_link: bool, depth: int) -> None:
    if depth > 200:
        return
    parts = out.parts  # flush empties this list in place: the binding stays valid
    for child in node.iter(include_text=True):
        tag_id = child.tag_id
        if tag_id == _TEXT_TAG_ID:
            # A text node always has its text; the binding's type says it may not.
            text = child.text_content or ""
            parts.append(text)
            if in_link:
                out.link_chars += len(fold_ws(text))
            continue
        if tag_id == _COMMENT_TAG_ID or tag_id in _DROP_TAG_IDS:
            continue
        # A figure holding a table (WordPress wraps every table in <figure class="wp-block-table">)
        # is the story's data, not an illustration: walked as a block, its caption still collected.
        if tag_id in _SKIP_IN_BODY_IDS and not (tag_id == _FIGURE_TAG_ID and child.css_first("table") is not None):
            if tag_id in (_FIGURE_TAG_ID, _FIGCAPTION_TAG_ID):
                _collect_caption(child, out)
            continue
        if tag_id == _BR_TAG_ID:
            parts.append("\n")
            continue
        if tag_id not in _BLOCK_TAG_IDS:
            is_link = tag_id == _A_TAG_ID
            if is_link and (href := child.attributes.get("href")):
                out.anchors.append((child, href))
                outer = out.enclosing_href
                out.enclosing_href = href
                _walk(child, out, kind, True, depth + 1)
                out.enclosing_href = outer
                continue
            _walk(child, out, kind, in_link or is_link, depth + 1)
            continue
        # flush, called only when it has parts to emit or anchors to drop (most block boundaries
        # have neither: the call itself was the cost).
        if parts or out.anchors:
            out.flush()
        child_kind = kind
        if tag_id in _HEADING_TAG_IDS:
            child_kind = "heading"
        elif tag_id in _LIST_ENTRY_TAG_IDS:
            child_kind = "list_item"
        elif tag_id == _BLOCKQUOTE_TAG_ID:
            child_kind = "quote"
        elif tag_id == _PRE_TAG_ID:
            child_kind = "code"
        elif tag_id == _TABLE_TAG_ID and _is_data_table(child):
            _emit_table(child, out)
            continue
        previous = out.kind
        out.kind = child_kind
        _walk(child, out, child_kind, in_link, depth + 1)
        if parts or out.anchors:
            out.flush()
        out.kind = previous


def _collect_caption(node: LexborNode, out: _Emitter) -> None:
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


_RELATED_HEADING: Final = re.compile(
    r"^\W*(?:related|more\s+(?:on|from|about|in)\b|read\s+(?:more|next|also)|also\s+read|see\s+also|"
    r"recommended|further\s+reading|you\s+(?:may|might)\s+also)", re.I)


def _names_related(node: LexborNode, name: str | None = None) -> bool:
    """Whether an element says it lists related stories, by its class/id or by its heading."""
    if name is None:
        name = _name_of(node)
    # An ASCII name lower-cased is matched without re.I, which makes every character a case-folding
    # comparison (only beyond ASCII does re.I fold other letters, the long s or the dotless i, onto these).
    if _RELATED_LOWER.search(name.lower()) if name.isascii() else _RELATED_NAME.search(name):
        return True
    heading = _first_tagged(node, _SECTION_HEADING_IDS)
    return heading is not None and _RELATED_HEADING.match(fold_ws(heading.text(deep=True))) is not None


_SECTION_HEADING_IDS: Final = _tag_ids(("h2", "h3", "h4", "h5"))
#: What labels a box of related links beside the body: a section heading, or a bold line.
_RELATED_LABEL_IDS: Final = _tag_ids(("h2", "h3", "h4", "h5", "strong"))


def _first_tagged(node: LexborNode, tag_ids: frozenset[int]) -> LexborNode | None:
    """The first element in document order of ``node``'s subtree, itself included, with one of ``tag_ids``.

    What ``css_first`` finds for a list of tags ("h2, h3, h4, h5"), at a third of its cost on the
    furniture and the siblings searched here: a css call costs microseconds before it looks at
    a node, and it tries each tag of the list on every element.

    >>> page = LexborHTMLParser("<div><p>x</p><section><h3>More</h3></section><h2>Next</h2></div>")
    >>> _first_tagged(page.css_first("div"), _SECTION_HEADING_IDS).text()
    'More'
    """
    for found in node.traverse():
        if found.tag_id in tag_ids:
            return found
    return None


def _related_after(container: LexborNode) -> list[tuple[str, str]]:
    """Links under a "Related" / "More on this story" heading just after the body container."""
    found: list[tuple[str, str]] = []
    anchor: LexborNode | None = container
    for _ in range(2):
        if anchor is None or anchor.tag in ("body", "html"):
            break
        sibling = anchor.next
        seen = 0
        while sibling is not None and seen < 6:
            if sibling.tag not in ("-text", "-comment"):
                seen += 1
                tag = sibling.tag
                if tag in _HEADINGS:
                    heading: LexborNode | None = sibling
                else:
                    heading = _first_tagged(sibling, _RELATED_LABEL_IDS)
                if heading is not None and _RELATED_HEADING.match(fold_ws(heading.text(deep=True))):
                    found.extend(_anchors(sibling))
            sibling = sibling.next
        anchor = anchor.parent
    return found


def _lead_figure_caption(container: LexborNode, out: _Emitter) -> None:
    """The caption of a lead figure CMSs put just above the body container (beside the headline)."""
    ancestor = container.parent
    for _ in range(3):
        if ancestor is None or ancestor.tag in ("body", "html"):
            return
        figure = ancestor.css_first("figure")
        if figure is not None and figure.css_first("figcaption") is not None:
            _collect_caption(figure, out)
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


def _lead_before(container: LexborNode) -> str | None:
    """The lead paragraph just above the body container, named as such, if there is one.

    Looked for among the few elements before the container and before its parent: a lead far
    above is the site's own description, not the story's.

    >>> page = LexborHTMLParser("<body><div><p class='article__lead'>" + "The lead says what happened. " * 4 +
    ...                         "</p><div id='body'><p>The story.</p></div></div></body>")
    >>> _lead_before(page.css_first("#body"))[:28]
    'The lead says what happened.'
    """
    node = container
    for _ in range(_LEAD_LEVELS):
        sibling, seen = node.prev, 0
        while sibling is not None and seen < _LEAD_SIBLINGS:
            if sibling.tag not in ("-text", "-comment", "#comment"):
                seen += 1
                if sibling.tag not in _SKIP_IN_BODY:
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
    return (prose >= _OPENING_ABOVE_CHARS and prose >= _OPENING_PROSE_SHARE * text
            and sizes.links(node) < _OPENING_MAX_LINK_SHARE * text)


def _opening_above(container: LexborNode, sizes: PageSizes) -> list[LexborNode]:
    """The elements right above the container that hold the story's opening paragraphs, in document order.

    A paywalled page keeps its free opening in a block of its own before the walled rest; a guide sets its
    intro apart from its sections. Read back from the container: prose blocks are taken, empty elements,
    pictures and short boxes of links passed over (``_is_passed_box``), and anything else (a byline, a date, the
    headline) ends the opening.

    >>> page = LexborHTMLParser("<div><h1>Title</h1><p>" + "The free opening says what happened. " * 3 +
    ...                         "</p><div id='rest'><p>The walled rest of the story.</p></div></div>")
    >>> [fold_ws(n.text())[:20] for n in _opening_above(page.css_first("#rest"), PageSizes())]
    ['The free opening say']
    >>> page = LexborHTMLParser("<div><p>By Ann Lee, 3 May</p><div id='rest'><p>The story.</p></div></div>")
    >>> _opening_above(page.css_first("#rest"), PageSizes())
    []
    """
    found: list[LexborNode] = []
    sibling, seen = container.prev, 0
    while sibling is not None and seen < _OPENING_ABOVE_SIBLINGS:
        if sibling.tag in ("-text", "-comment", "#comment") or sibling.tag in _SKIP_IN_BODY:
            sibling = sibling.prev
            continue
        text = sizes.text(sibling)
        if text:
            seen += 1
            if _is_opening_prose(sibling, sizes):
                if not _ends_a_sentence(fold_ws(sibling.text(deep=True, separator=" "))):
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


_WORD: Final = re.compile(r"\w+")
#: A shop's notice set above the story: "We may earn commission on some of the items you choose to buy".
_DISCLOSURE: Final = re.compile(r"\bearns?\b(?:\s+\w+){0,3}\s+(?:a\s+)?commissions?\b|\baffiliate[\s-]links?\b", re.I)


def _opens_with(text: str, description: str) -> bool:
    """Whether a text opens with the description's first words (the page's dek, however its quotes are set).

    >>> _opens_with("iRunFar’s experts share their best picks of the year.", "iRunFar's experts share their best picks")
    True
    """
    words = _WORD.findall(description.casefold())[:8]
    return bool(words) and _WORD.findall(text[:300].casefold())[:len(words)] == words


def _opening_blocks(elements: list[LexborNode], description: str = "") -> list[Block]:
    """The blocks of the opening's elements that run on into the story: read back from the last, paragraphs
    that end a sentence (or open a list), list items and headings between them; a line that is none of these
    (a byline, "5 min read", a label) ends them, and headings left at the top go (the page's title).

    >>> page = LexborHTMLParser("<div><h1>Title | Site</h1><p>Staff | 5 min read</p>"
    ...                         "<p>The opening, which ends a sentence.</p></div>")
    >>> [b.text for b in _opening_blocks([page.css_first("div")])]
    ['The opening, which ends a sentence.']
    """
    out = _Emitter()
    for element in elements:
        _walk(element, out, "paragraph", False, 0)
        out.flush()
    blocks = out.blocks
    start = len(blocks)
    while start > 0:
        block = blocks[start - 1]
        if block.type == "paragraph" and not (_ends_a_sentence(block.text) or block.text.endswith(":")):
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
        if element.tag in _SKIP_IN_BODY or element.tag in ("a", "h1", "img"):
            continue
        name = (element.attributes.get("class") or "").lower()
        if not _LEAD_NAME.search(name) or _MEDIA_WORD.search(name):
            continue
        if element.css_first(_CAPTION_PARTS) is not None:
            text = _text_without_captions(element)
        else:
            text = fold_ws(element.text(deep=True, separator=" "))
        if _LEAD_CHARS[0] <= len(text) <= _LEAD_CHARS[1] and _link_len(element) < 0.3 * len(text):
            return text
    return None


def _text_without_captions(element: LexborNode) -> str:
    # A copy, so the page's own tree keeps its figures for the body walk.
    copy = LexborHTMLParser(element.html or "")
    for part in copy.css(_CAPTION_PARTS):
        part.decompose()
    root = copy.body or copy.root
    return fold_ws(root.text(deep=True, separator=" ")) if root is not None else ""


#: Not "carousel": sites slide anything through one (a league's tables and links, other stories).
_GALLERY_WORDS: Final = frozenset({"gallery", "slideshow"})
_GALLERY_SELECTOR: Final = "[class*=gallery],[class*=slideshow],[class*=Gallery],[class*=Slideshow]"
#: Paragraph text a story must hold beside its embedded galleries for them to go: a photo post is its gallery.
_STORY_BESIDE_GALLERY: Final = 1000
_TOPIC_WORD: Final = re.compile(r"(?:[a-z]+[-_])?(?:category|tag|topic)[-_]", re.I)


def _names_a_gallery(class_value: str) -> bool:
    """Whether a class names a gallery; a post's topic classes ("tag-photo-gallery") name what it is about.

    >>> _names_a_gallery("dnd-widget-wrapper type-gallery"), _names_a_gallery("post tag-notebook-gallery")
    (True, False)
    """
    return any(_GALLERY_WORDS.intersection(name_tokens(word)) for word in class_value.split()
               if not _TOPIC_WORD.match(word))


def _drop_galleries(container: LexborNode) -> None:
    """Remove the photo galleries embedded in a story that holds a story's worth of prose beside them.

    A gallery's slides are pictures and their captions, often of other stories ("Business news in pictures");
    captions never go into the body. A post that is a gallery, with little prose of its own, keeps it.

    >>> slides = "".join(f"<li><img src='{n}.jpg'>{n}/9 A caption of this picture.</li>" for n in range(1, 10))
    >>> page = LexborHTMLParser("<div><p>" + "The story. " * 100 + "</p><div class='type-gallery'><ul>" + slides +
    ...                         "</ul></div></div>")
    >>> _drop_galleries(page.css_first("div")); "caption" in page.css_first("div").text()
    False
    """
    galleries: list[LexborNode] = []
    listed: set[int] = set()
    for node in container.css(_GALLERY_SELECTOR):
        if node.mem_id == container.mem_id or not _names_a_gallery(node.attributes.get("class") or ""):
            continue
        listed.add(node.mem_id)
        # The outermost only: one inside a gallery listed before it (css lists in document order) goes with it.
        ancestor = node.parent
        while ancestor is not None and ancestor.mem_id != container.mem_id and ancestor.mem_id not in listed:
            ancestor = ancestor.parent
        if ancestor is None or ancestor.mem_id == container.mem_id:
            galleries.append(node)
    if not galleries:
        return
    in_galleries = sum(text_len(p) for gallery in galleries for p in gallery.css("p"))
    if sum(text_len(p) for p in container.css("p")) - in_galleries < _STORY_BESIDE_GALLERY:
        return
    for gallery in galleries:
        if gallery.parent is not None:
            gallery.remove()


#: Most characters of the box around a form set inside a story: a newsletter sign-up's name, pitch and consent
#: line, a poll's question and answers. A page wrapped whole in a form (ASP.NET's) holds far more.
_FORM_BOX_CHARS: Final = 600
#: The box holds at most this share of the container's text: beside a story, not the whole of a short one.
_FORM_BOX_SHARE: Final = 3


def _drop_form_boxes(container: LexborNode, forms: list[LexborNode]) -> None:
    """Remove the boxes around the forms inside the story: a reader's sign-up or vote, never the story's text.

    The form's fields and buttons are gone already (``DROP_TAGS``); what stays is the box's pitch, its
    consent line ("By signing up, you confirm...", "Mit meiner Anmeldung zum Newsletter stimme ich ... zu"),
    a poll's question and answers. The box is the form's largest ancestor below the container with no more
    than ``_FORM_BOX_CHARS`` of text. ``forms`` are the page's forms, listed by the furniture walk (a search
    of the container would cost more than the walk's listing and a climb from the few a page has).

    >>> page = LexborHTMLParser("<div><p>" + "The story. " * 40 + "</p><section><h3>Our weekly letter</h3>"
    ...                         "<form><input type=email></form><p>By signing up you agree to our terms.</p>"
    ...                         "</section></div>")
    >>> _drop_form_boxes(page.css_first("div"), page.css("form")); "signing" in page.css_first("div").text()
    False
    """
    key = container.mem_id
    story = -1
    for form in forms:
        # Its ancestors up to the container; none when the form lies elsewhere (or in a subtree removed).
        above: list[LexborNode] = []
        node = form.parent
        while node is not None and node.mem_id != key:
            above.append(node)
            node = node.parent
        if node is None or form.mem_id == key or text_len(form) > _FORM_BOX_CHARS:
            continue
        box = form
        for ancestor in above:
            if text_len(ancestor) > _FORM_BOX_CHARS:
                break
            box = ancestor
        if story < 0:
            story = text_len(container)
        # A calculator's table is the story's data; a comments form's "Leave a reply" heading is left for
        # the end-marker cut, which drops what follows it.
        if (text_len(box) * _FORM_BOX_SHARE > story or box.css_first("table") is not None
                or any(is_end_marker(fold_ws(h.text(deep=True))) for h in box.css("h2, h3, h4, h5"))):
            continue
        box.remove()


#: Most characters of a picture's box: the picture, its caption and its credit, or a teaser's picture and line.
_MEDIA_BOX_CHARS: Final = 300
#: The boxes go only beside ``_STORY_BESIDE_GALLERY`` characters of the container's other text, and when they
#: hold at most this share of it: a photo post is its pictures and their captions.
_MEDIA_BOX_SHARE: Final = 0.25
#: A picture's box is a ``<div>`` or a ``<section>``: a paragraph or a list item with a picture in it is the story's.
_MEDIA_BOX_TAGS: Final = frozenset({"div", "section"})


def _drop_media_boxes(container: LexborNode, sizes: PageSizes) -> None:
    """Remove the boxes that set a picture beside a line of text inside a news story: a caption and its credit
    in a ``<div>`` standing in for a ``<figure>``, a carousel's slides, an inline teaser with its picture, a
    video player's "failed to load" note.

    A picture's box is its largest ancestor below the container with no more than ``_MEDIA_BOX_CHARS`` of
    text; one that holds a heading is a section of the story (a listicle's entry), and stays. Asked only of
    news reports (their structured data says so): guides, wikis and shops set their content so, and their
    readers read it.

    >>> caption = "<div class='media'><img src='a.jpg'><span>The harbour at dawn. Photo: J. Doe</span></div>"
    >>> page = LexborHTMLParser("<div><p>" + "The story goes on. " * 60 + "</p>" + caption + "</div>")
    >>> _drop_media_boxes(page.css_first("div"), PageSizes()); "harbour" in page.css_first("div").text()
    False
    """
    key = container.mem_id
    # Keyed by the box: two pictures in one box list it twice. Boxes never nest: a box around another picture's
    # box holds no more text than the measure allows, so that picture's climb would have reached it too.
    boxes: dict[int, tuple[LexborNode, int]] = {}
    for image in container.css("img"):
        box: LexborNode | None = None
        length = 0
        node = image.parent
        while node is not None and node.mem_id != key:
            size = sizes.text(node)
            if size > _MEDIA_BOX_CHARS:
                break
            box, length = node, size
            node = node.parent
        if box is not None and length and box.tag in _MEDIA_BOX_TAGS and _first_tagged(box, _HEADING_TAG_IDS) is None:
            boxes[box.mem_id] = (box, length)
    if not boxes:
        return
    total = sum(length for _, length in boxes.values())
    story = sizes.text(container)
    if story - total < _STORY_BESIDE_GALLERY or total > _MEDIA_BOX_SHARE * story:
        return
    for box, _ in boxes.values():
        if box.parent is not None:
            box.remove()


#: Most characters of a teaser card besides its linked headline: a line or two of summary, a date.
_CARD_SUMMARY_CHARS: Final = 400
#: Fewest characters of a card's summary paragraph.
_CARD_SUMMARY_MIN: Final = 20
_SUMMARY_ENDS: Final = (".", "!", "?", "…", "。", "！", "？", '"', "“", "”", "»", "«")
#: Fewest cards in the closing run: one linked heading at a story's end may be its own ("Read the report").
_MIN_CARDS: Final = 2
#: Characters of a paragraph outside any card that ends the closing run: the story's prose.
_STORY_LINE_CHARS: Final = 80
_CARD_HEADLINES: Final = "h2 a, h3 a, h4 a"
_CARD_SELECTOR: Final = "p, " + _CARD_HEADLINES


def _card_of(link: LexborNode, container: LexborNode) -> LexborNode | None:
    """The teaser card a linked headline heads: its largest ancestor below the container that holds
    besides the headline at most a summary's few lines; None when the heading is not a link's whole."""
    heading = link.parent
    if heading is None or heading.tag not in ("h2", "h3", "h4"):
        return None
    title = text_len(heading)
    if not title or text_len(link) < 0.6 * title:
        return None
    card = heading
    node = heading.parent
    # Up to the box of the cards, short as it may be: a card holds one headline.
    while (node is not None and node.mem_id != container.mem_id and text_len(node) <= title + _CARD_SUMMARY_CHARS
           and len(node.css(_CARD_HEADLINES)) == 1):
        card = node
        node = node.parent
    # A card says what the story is about: a headline alone is a link in a list (a tag, a source).
    if card is heading or not any(_is_summary(p) for p in card.css("p")):
        return None
    return card


def _is_summary(paragraph: LexborNode) -> bool:
    """A sentence or two of summary: long enough, and ending as a sentence (a source's name does not)."""
    text = paragraph.text(deep=True).rstrip()
    return len(text) >= _CARD_SUMMARY_MIN and text.endswith(_SUMMARY_ENDS)


def _drop_closing_cards(container: LexborNode) -> None:
    """Remove the run of teaser cards (a linked headline, a line of summary) that closes a story.

    Public broadcasters close a story with its related ones, each as its headline and a sentence:
    walked, they read as the story's subheadings and paragraphs, where no tail rule on the text can
    tell them from the story's own. In the tree their headlines are links to other pages. Only the
    cards after the story's last paragraph go, two or more of them, and only beside a story's worth
    of prose with no card among it: linked subheadings inside the story are its own form (a listicle's).

    >>> cards = "".join(f"<div><h2><a href='/s{n}'>Another story, number {n}</a></h2>"
    ...                 "<p>What it says, in a line.</p></div>" for n in range(3))
    >>> page = LexborHTMLParser("<div><p>" + "The story goes on. " * 60 + "</p>" + cards + "</div>")
    >>> _drop_closing_cards(page.css_first("div")); "summary" in page.css_first("div").text()
    False
    """
    found = container.css(_CARD_SELECTOR)
    if len(found) < 2 * _MIN_CARDS:
        return
    cards: dict[int, LexborNode] = {}
    card_of: dict[int, LexborNode] = {}  # by the headline link's mem_id
    for node in found:
        if node.tag == "a" and (card := _card_of(node, container)) is not None:
            cards[card.mem_id] = card
            card_of[node.mem_id] = card
    if len(cards) < _MIN_CARDS:
        return
    closing: list[LexborNode] = []
    prose = 0
    for node in reversed(found):
        if node.tag == "a":
            card = card_of.get(node.mem_id)
            if card is not None:
                if prose:
                    # Cards within the story too: linked subheadings are its own form (a listicle's).
                    return
                closing.append(card)
            continue
        ancestor = node.parent
        while ancestor is not None and ancestor.mem_id not in cards and ancestor.mem_id != container.mem_id:
            ancestor = ancestor.parent
        if ancestor is not None and ancestor.mem_id in cards:
            continue
        length = text_len(node)
        if length >= _STORY_LINE_CHARS:
            prose += length
    if len(closing) < _MIN_CARDS or prose < _STORY_BESIDE_GALLERY:
        return
    for card in closing:
        if card.parent is not None:
            card.remove()


def _is_data_table(table: LexborNode) -> bool:
    # Layout tables hold paragraphs and divs of prose; data tables hold short cells.
    return table.css_first("p, div, table table, blockquote") is None and len(table.css("tr")) >= 2


def _emit_table(table: LexborNode, out: _Emitter) -> None:
    rows = []
    for row in table.css("tr"):
        cells = [fold_ws(c.text(deep=True, separator=" ")) for c in row.css("th,td")]
        if any(cells):
            rows.append(" | ".join(cells))
    if rows:
        out.blocks.append(Block("table", "\n".join(rows)))


def _within(node: LexborNode, ancestor: LexborNode) -> bool:
    key = ancestor.mem_id
    while node is not None:
        if node.mem_id == key:
            return True
        node = node.parent  # type: ignore[assignment]
    return False


#: How much ``text_under`` reads below a headline: characters, and elements walked. A standfirst sits right there,
#: after at most a kicker, the byline, the date and a picture's credit; further down is the story.
_UNDER_CHARS: Final = 1000
_UNDER_NODES: Final = 200
#: A text this long is a paragraph of prose: the standfirst, or the story's first paragraph; the reading ends with it.
_UNDER_PROSE: Final = 200
#: Elements kept from sight by their own attributes.
HIDDEN_SELECTOR: Final = "[hidden],[aria-hidden=true],[style*='display:none'],[style*='display: none']"
#: What ``text_under`` does not read: text a reader does not see (code, controls), menus, and pictures with their
#: captions (shown under a headline, but not a lede).
_UNSHOWN_IDS: Final = _tag_ids((
    "script", "style", "noscript", "template", "textarea", "select", "button", "svg", "nav",
    "figure", "figcaption", "picture", "video", "audio", "iframe",
))


#: Words of a class that name the element holding a story's standfirst ("article-lead", "detail__excerpt",
#: "SplitScreenContentHeaderDek", "article-subtitle", "doc_header__subheader", "epigraph-container"; "ingress",
#: "perex" and "bajada" in Nordic, Czech and Spanish sites), and words that make it another thing set near one (an
#: "author-intro", an "article-lead__date").
_LEDE_NAMES: Final = frozenset((
    "lead", "lede", "leadtext", "excerpt", "subtitle", "dek", "deck", "standfirst", "intro", "abstract", "subline",
    "subheadline", "strapline", "ingress", "perex", "bajada", "subheader", "subhead", "epigraph",
))
_NOT_LEDE_NAMES: Final = frozenset((
    "caption", "credit", "copyright", "image", "img", "photo", "picture", "media", "video", "author", "byline",
    "date", "time", "meta", "share", "social", "nav", "menu", "related", "more", "list", "item", "card", "link",
    "ad", "ads", "comment", "comments", "promo", "footer", "sidebar", "widget", "tooltip", "bio", "profile",
))
#: A class holds one of ``_LEDE_NAMES`` only if, lower-cased, it holds one of them as a run of letters: most
#: classes are let go on one search, before they are split into words (a case-blind search costs four times as
#: much).
_LEDE_HINT: Final = re.compile("|".join(sorted(_LEDE_NAMES, key=len, reverse=True)))
#: Ancestors of an element named a lede whose names are read too, for boxes that hold their own "excerpt" or
#: "intro": an author's tooltip, a sidebar's.
_LEDE_ANCESTORS: Final = 4
_NOT_LEDE_BOXES: Final = frozenset((
    "author", "bio", "profile", "tooltip", "sidebar", "widget", "ad", "ads", "promo", "comment", "comments", "related",
))
#: What a standfirst never holds: a picture, a player, a form.
_MEDIA_IDS: Final = _tag_ids(("img", "picture", "figure", "video", "iframe", "svg", "form", "ul", "ol", "script",
                              "style", "noscript"))
#: Elements above a text read under the headline that may be the standfirst's ("dek > p > b > text"), and the
#: fewest characters of a text for its elements to be looked at: a standfirst holds a run of words this long,
#: and most texts there are labels, names and dates that are not.
_LEDE_DEPTH: Final = 3
_LEDE_PART: Final = 25
#: The elements a standfirst is set in.
_LEDE_TAG_IDS: Final = _tag_ids(("p", "div", "h2", "span", "section"))
#: The words of a class: split at punctuation and where a lower-case letter meets a capital ("HeaderDek").
_NAME_WORD: Final = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _class_words(class_value: str) -> set[str]:
    return {word.lower() for word in _NAME_WORD.findall(class_value)}


def names_a_lede(class_value: str) -> bool:
    """Whether an element's class names it the story's standfirst, and nothing set beside one.

    >>> names_a_lede("article-lead"), names_a_lede("SplitScreenContentHeaderDekDiv"), names_a_lede("image-description")
    (True, True, False)
    >>> names_a_lede("leader-board"), names_a_lede("article-lead__date")
    (False, False)
    """
    if _LEDE_HINT.search(class_value.lower()) is None:
        return False
    words = _class_words(class_value)
    return not words.isdisjoint(_LEDE_NAMES) and words.isdisjoint(_NOT_LEDE_NAMES)


def _holds_other_things(node: LexborNode, text: str) -> bool:
    """Whether an element named a lede (its text ``text``) holds a picture, a list or a form, an element named as
    another thing set near one (``_NOT_LEDE_NAMES``), or is mostly a link, or sits in a box named as such a thing
    (``_LEDE_ANCESTORS``, ``_NOT_LEDE_BOXES``): a "LeadFeature" box is the lead picture with its caption, an
    "excerpt" that is a link another story's teaser, an "excerpt" in the byline's tooltip the author's, not the
    standfirst.

    >>> page = LexborHTMLParser("<div class='lead'><div class='embed-caption'>A pier at dusk.</div></div>")
    >>> _holds_other_things(page.css_first("div"), "A pier at dusk.")
    True
    """
    above: LexborNode | None = node.parent
    for _ in range(_LEDE_ANCESTORS):
        if above is None:
            break
        class_value = above.attributes.get("class")
        if class_value and not _class_words(class_value).isdisjoint(_NOT_LEDE_BOXES):
            return True
        above = above.parent
    linked = 0
    for inner in node.traverse():
        tag_id = inner.tag_id
        if tag_id in _MEDIA_IDS:
            return True
        if tag_id == _A_TAG_ID:
            linked += len(fold_ws(inner.text(deep=True)))
        class_value = inner.attributes.get("class")
        if class_value and not _class_words(class_value).isdisjoint(_NOT_LEDE_NAMES):
            return True
    return linked * 2 >= len(text)


#: A dateline opening a lede: a place name and a full stop ("Berlin.", "Frankfurt/Main.").
_DATELINE: Final = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?:[ /-][A-ZÄÖÜ][a-zäöüß]+)?\.")
_DATELINE_CHARS: Final = 30


def _dated_lede(text_node: LexborNode, parent: LexborNode, after_dateline: bool) -> LexborNode | None:
    """The element of a lede that opens with its dateline, whatever its name: the text's own parent when the text
    opens with it ("Berlin. Die Füchse stehen ..."), the one above when the text read just before was a dateline
    set apart in the element before (``<span>Berlin.</span><span>Die Füchse ...</span>``).

    >>> page = LexborHTMLParser("<div><span>Essen.</span> <span>Drei Städte tauchen auf.</span></div>")
    >>> _dated_lede(page.css("span")[1].child, page.css("span")[1], True).tag
    'div'
    """
    text = (text_node.text_content or "").lstrip()
    if (opening := _DATELINE.match(text)) and text[opening.end():opening.end() + 1] == " ":
        return parent if parent.tag_id in _LEDE_TAG_IDS else None
    if not after_dateline:
        return None
    before = parent.prev
    while before is not None and before.tag == "-text" and not (before.text_content or "").strip():
        before = before.prev
    # The dateline set apart is an element holding that text alone: read without walking a larger one.
    first = before.child if before is not None and before.tag != "-text" else None
    if first is None or first.tag != "-text" or first.next is not None \
            or not _DATELINE.fullmatch((first.text_content or "").strip()):
        return None
    above = parent.parent
    return above if above is not None and above.tag_id in _LEDE_TAG_IDS else None


#: Microdata properties that mark a story's standfirst, and the item types of a story (schema.org's Article and
#: its kinds: NewsArticle, ReportageNewsArticle, BlogPosting, Report).
_LEDE_PROPS: Final = frozenset(("description", "abstract", "alternativeheadline"))
_STORY_ITEM: Final = re.compile(r"Article|Posting|Report")


def _named_a_lede(element: LexborNode, headline: LexborNode | None) -> bool:
    """Whether an element is named the story's standfirst: by its class or its ``type`` (``names_a_lede``), or as
    the ``description`` (or ``abstract``) of the story the page's ``headline`` heads, in microdata: the nearest
    item around it is a story (an Article, a BlogPosting) that holds the headline (None: the page's headline is
    not known, and no microdata is read). Another story's teaser and a site's tagline are items of their own.

    >>> page = LexborHTMLParser("<article itemscope itemtype='https://schema.org/NewsArticle'><h1>Storm nears</h1>"
    ...                         "<p itemprop='description'>The coast braces.</p></article>"
    ...                         "<div itemscope itemtype='https://schema.org/Article'><p itemprop='description'>Other."
    ...                         "</p></div>")
    >>> [_named_a_lede(p, page.css_first("h1")) for p in page.css("p")]
    [True, False]
    """
    attrs = element.attributes
    if (class_value := attrs.get("class")) and names_a_lede(class_value):
        return True
    if headline is not None and (prop := attrs.get("itemprop")) and prop.lower() in _LEDE_PROPS:
        item = element.parent
        # An item is opened by ``itemscope``, or by its ``itemtype`` alone on pages that leave the scope out.
        while item is not None and "itemscope" not in item.attributes and "itemtype" not in item.attributes:
            item = item.parent
        if item is None or _STORY_ITEM.search(item.attributes.get("itemtype") or "") is None:
            return False
        return _within(headline, item)
    kind = attrs.get("type")
    return kind is not None and names_a_lede(kind)


def _read_lede(text_node: LexborNode, ledes: list[str], seen: set[int], headline: LexborNode | None,
               after_dateline: bool = False) -> None:
    """Put the text of the element around ``text_node`` (its parent or one of the next ``_LEDE_DEPTH`` above)
    that is named a lede (``_named_a_lede``, ``headline`` the page's own when known), or opens with its dateline
    (``_dated_lede``), and holds nothing else (``_holds_other_things``) in ``ledes``.

    Read from the text shown rather than from every element passed: a zone under a headline holds many
    elements and few texts. Elements judged already (``seen``, by ``mem_id``) are passed over.
    """
    element = text_node.parent
    dated = _dated_lede(text_node, element, after_dateline) if element is not None else None
    if dated is not None and dated.mem_id not in seen:
        seen.add(dated.mem_id)
        lede = fold_ws(dated.text(deep=True))
        if _ends_a_sentence(lede) and not _holds_other_things(dated, lede):
            ledes.append(lede)
            return
    for _ in range(_LEDE_DEPTH):
        if element is None:
            return
        key = element.mem_id
        if key in seen:
            element = element.parent
            continue
        seen.add(key)
        if element.tag_id in _LEDE_TAG_IDS and _named_a_lede(element, headline):
            if (lede := fold_ws(element.text(deep=True))) and not _holds_other_things(element, lede):
                ledes.append(lede)
            return
        element = element.parent


def text_under(node: LexborNode, ledes: list[str] | None = None, hidden: frozenset[int] = frozenset(),
               own: bool = False) -> str:
    """The text that follows ``node`` in document order, its own subtree left out: what a reader sees under a
    headline, down to the first paragraph of prose (``_UNDER_PROSE``) or about ``_UNDER_CHARS`` characters.
    Scripts, controls, menus and pictures with their captions are passed over (``_UNSHOWN_IDS``). With ``ledes``,
    the whole text of the first element around a text read (of ``_LEDE_PART`` characters or more) whose class
    ``names_a_lede``, and that holds nothing else, goes there (``_read_lede``). The elements whose ``mem_id`` is in
    ``hidden`` (kept from sight by their own attributes: ``HIDDEN_SELECTOR``) are passed over too: this is read
    before the furniture removal takes them out, and a description only hidden there is not shown. ``own``: ``node``
    is the page's own headline (its metadata's), whose story's microdata may name the standfirst (``_named_a_lede``).

    Each following sibling, of ``node`` and then of each ancestor, is read with ``traverse``, a tenth of the cost of
    stepping from node to node; as that cannot pass a subtree over, the text of one not read is measured and that
    many characters of the text nodes that come next (its own) are let go.

    >>> page = LexborHTMLParser("<header><h1>Storm nears</h1><figure><figcaption>The pier.</figcaption></figure>"
    ...                         "<p class='dek'>The <b>coast</b> braces for its worst storm in years.</p>"
    ...                         "<script>ad()</script></header><p>Rain.</p>")
    >>> ledes: list[str] = []
    >>> text_under(page.css_first("h1"), ledes), ledes
    ('The coast braces for its worst storm in years. Rain.', ['The coast braces for its worst storm in years.'])
    >>> page = LexborHTMLParser("<h1>Storm nears</h1><div hidden><p>Not shown.</p></div><p>Rain.</p>")
    >>> text_under(page.css_first("h1"), hidden=frozenset(node.mem_id for node in page.css(HIDDEN_SELECTOR)))
    'Rain.'
    """
    parts: list[str] = []
    seen: set[int] = set()
    size = 0
    steps = 0
    unread = 0
    dateline = False
    current: LexborNode | None = node
    while current is not None:
        following = current.next
        while following is not None:
            for inner in following.traverse(include_text=True):
                tag_id = inner.tag_id
                if tag_id == _TEXT_TAG_ID:
                    text = inner.text_content
                    if not text:
                        continue
                    if unread > 0:
                        unread -= len(text)
                        continue
                    text = text.strip()
                    if text:
                        if ledes is not None and not ledes:
                            if len(text) >= _LEDE_PART:
                                _read_lede(inner, ledes, seen, node if own else None, dateline)
                            # A place set apart before the lede ("<span>Berlin.</span> <span>Die ...</span>").
                            dateline = len(text) <= _DATELINE_CHARS and _DATELINE.fullmatch(text) is not None
                        parts.append(text)
                        size += len(text)
                        if len(text) >= _UNDER_PROSE or size >= _UNDER_CHARS:
                            return " ".join(parts)
                    continue
                steps += 1
                if steps >= _UNDER_NODES:
                    return " ".join(parts)
                if unread <= 0 and (tag_id in _UNSHOWN_IDS or (hidden and inner.mem_id in hidden)):
                    unread = len(inner.text(deep=True))
            following = following.next
        current = current.parent
    return " ".join(parts)


def _headline_heading(headings: list[LexborNode], headline: str) -> LexborNode | None:
    """The first <h2> whose words, punctuation aside, are the headline's (``headline`` folded), or hold them.

    >>> page = LexborHTMLParser("<h2>Latest</h2><h2><span>Bank collapse</span> <span>Fed admits lapses</span></h2>")
    >>> _headline_heading(page.css("h2"), "bank collapse: fed admits lapses").text(deep=True)
    'Bank collapse Fed admits lapses'
    """
    wanted = " ".join(_WORD.findall(headline))
    if len(wanted) < 10:
        return None
    for heading in headings:
        if heading.tag == "h2" and heading.parent is not None:
            words = " ".join(_WORD.findall(heading.text(deep=True).casefold()))
            if words == wanted or (len(words) >= 10 and wanted in words):
                return heading
    return None


def _is_headline(h1: LexborNode, headline: str) -> bool:
    title = fold_ws(h1.text(deep=True)).casefold()
    return bool(title) and (title == headline or (len(title) >= 10 and (title in headline or headline in title)))


def _story_of_the_page(h1s: list[LexborNode], container: LexborNode, headline: str) -> LexborNode | None:
    """The <article> headed by the page's headline, when the container chosen is another story or holds two.

    Pages that load the next story as the reader scrolls (Dagbladet's "second-article") hold two
    stories, each an <article> with its <h1>; the second can be the longer and win, or widening can
    climb to the box that holds both. The page's own is the one whose <h1> is its metadata's headline.
    ``h1s`` are the page's <h1> elements.
    """
    own: LexborNode | None = None
    others: list[LexborNode] = []
    for h1 in h1s:
        if h1.parent is None:
            continue
        article = h1.parent
        while article is not None and article.tag != "article":
            article = article.parent  # type: ignore[assignment]
        if article is None:
            continue
        if own is None and _is_headline(h1, headline):
            own = article
        else:
            others.append(article)
    if own is None or _within(container, own):
        return None
    for other in others:
        apart = not _within(other, own) and not _within(own, other)
        if apart and (_within(container, other) or _within(other, container)):
            return own
    return None


#: A body shorter than this (characters kept) may come from a box beside the story (a teaser, an author's note,
#: a footer) that outscored it: the page's paragraphs get a second look.
_SHORT_BODY: Final = 500
#: The second look's text replaces the first only when it is this many times as long.
_SECOND_OVER_FIRST: Final = 3


def _paragraph_holder(body: LexborNode, chosen: LexborNode, sizes: PageSizes) -> LexborNode | None:
    """The element whose own ``<p>`` children hold the most text, widened, unless it lies inside ``chosen``.

    Readability's first measure, and the plainest: a story is paragraphs side by side. It is asked
    only when the scored container gave a short body.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser("<body><div id='a'><p>Short teaser.</p></div><div id='s'>" +
    ...                         "<p>A long paragraph of the story, one of several.</p>" * 3 + "</div></body>")
    >>> _paragraph_holder(page.body, page.css_first("#a"), PageSizes()).attributes["id"]
    's'
    """
    held: dict[int, int] = {}
    nodes: dict[int, LexborNode] = {}
    for paragraph in body.traverse():
        if paragraph.tag_id != _P_TAG_ID or (parent := paragraph.parent) is None:
            continue
        key = parent.mem_id
        nodes[key] = parent
        held[key] = held.get(key, 0) + sizes.text(paragraph)
    if not held:
        return None
    best = nodes[max(held, key=held.__getitem__)]
    # A sidebar's or footer's paragraphs never stand in for a short story found outside them (by tag, role or id: a
    # layout may call its main column "sidebar").
    if _within(best, chosen) or (_in_walls(best, classes=False) and not _in_furniture(chosen)):
        return None
    return _widen(best, sizes, {})


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


def _drop_linked_headlines(emitter: _Emitter) -> None:
    """Drop a news story's few headings that are wholly a link to another page: inline teasers' headlines
    ("Thüringer CDU wirft Höcke ... vor" between two paragraphs), whose picture, if any, went with its box.

    >>> more = "The council's vote, which closes the old bridge for a year, was taken late on Monday."
    >>> out = _Emitter(blocks=[Block("paragraph", "The story."), Block("heading", "Another story"),
    ...                        Block("paragraph", more)], linked_headings=[1])
    >>> _drop_linked_headlines(out); [b.text for b in out.blocks] == ["The story.", more]
    True
    """
    blocks = emitter.blocks
    # A teaser is set into the story, with its prose going on below; linked headings after the last of
    # it are the page's closing links, which the end-marker cut and the tail trim read as a run.
    # Prose is a long paragraph that ends a sentence: a programme note under the story ("Dieses Thema im
    # Programm: MDR THÜRINGEN | ... | 10:00 Uhr") is not.
    last_prose = max((i for i, b in enumerate(blocks) if b.type == "paragraph" and len(b.text) >= _STORY_LINE_CHARS
                      and b.text.rstrip().endswith(_SUMMARY_ENDS)), default=-1)
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


#: Paragraph text a streamed segment beside the story's own must hold to be more of the story: a paragraph's worth,
#: not a caption's credit or a label.
_SEGMENT_PROSE: Final = 200


def _streamed_segments(container: LexborNode, sizes: PageSizes) -> tuple[list[LexborNode], list[LexborNode]]:
    """The other streamed segments of a story that React sent in pieces, before and after the container's own.

    A page rendered by React streams each part of the page that waited on data as a hidden segment at the end of
    <body> (``<div hidden id="S:1f">``), which a script moves to its placeholder. A saved page keeps them
    there, and a story may be split over ten or thirty of them: the container found is then one. The segments
    beside it that hold a paragraph's worth of prose (``_SEGMENT_PROSE``) are the rest of the story, in the order
    they were sent. Nothing when the container is in no segment.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> prose = "The fund tracks an index, and its fees are low. " * 5
    >>> page = LexborHTMLParser(f"<body><main></main><div hidden id='S:0'><p>{prose}</p></div>"
    ...                         f"<div hidden id='S:1'><p>Credit</p></div><div hidden id='S:a'><p>{prose}</p></div>")
    >>> before, after = _streamed_segments(page.css("div[hidden]")[2].css_first("p"), PageSizes())
    >>> [node.attributes["id"] for node in before], after
    (['S:0'], [])
    """
    segment: LexborNode | None = container
    while segment is not None and not (segment.tag == "div" and _is_segment(segment)):
        segment = segment.parent
    if segment is None or (parent := segment.parent) is None or parent.tag != "body":
        return [], []
    before: list[LexborNode] = []
    after: list[LexborNode] = []
    side = before
    for sibling in parent.iter():
        if sibling.mem_id == segment.mem_id:
            side = after
        elif sibling.tag == "div" and _is_segment(sibling) and sizes.paragraphs(sibling) >= _SEGMENT_PROSE:
            side.append(sibling)
    return before, after


def _is_segment(node: LexborNode) -> bool:
    attrs = node.attributes
    return "hidden" in attrs and (segment_id := attrs.get("id")) is not None and segment_id.startswith("S:") \
        and _REACT_SEGMENT.match(segment_id) is not None


def extract_body(tree: LexborHTMLParser, budget: WorkBudget | None = None,
                 headline: str | None = None, news: bool = False, under_headline: bool = False,
                 description: str | None = None) -> BodyResult:
    """Find the article body in a parsed page and return it as typed blocks.

    The tree is modified (boilerplate is removed): run metadata extraction first. ``headline``, the
    page's headline by its metadata, picks the page's own story where the page holds two. ``news``, that
    the page says it is a news report, lets its pictures' boxes go with their captions (``_drop_media_boxes``).
    ``under_headline`` asks for the text under the page's headline as well (``BodyResult.under_headline``), and
    for the standfirst named as one there (``BodyResult.lede_under``). ``description``, the page's own, is told
    apart from the story's opening above the container (``_opening_blocks``): shown there, it is a dek.

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
    polls: list[LexborNode] = []
    h1s = _remove_furniture(body, related, budget, forms, under, folded, ledes, polls)
    shown = under[0] if under else None
    lede = ledes[0] if ledes else None
    # From here on the tree only is read: every measure is taken once.
    sizes = PageSizes()
    container = _best_container(body, sizes, budget)
    if container is None:
        return BodyResult(related=related, under_headline=shown, lede_under=lede)
    teaser_counts: dict[int, int] = {}
    container = _widen(container, sizes, teaser_counts)
    if folded and len(h1s) >= 2 and (story := _story_of_the_page(h1s, container, folded)) is not None:
        inner = _best_container(story, sizes, budget)
        container = _widen(inner, sizes, teaser_counts) if inner is not None else story
        if not _within(container, story):
            container = story
    emitter = _Emitter()
    if container.tag in _HEADINGS:
        container = container.parent or container
    lead = _lead_before(container)
    if lead is not None:
        emitter.blocks.append(Block("paragraph", lead))
    else:
        opening = _opening_above(container, sizes)
        if opening:
            emitter.blocks += _opening_blocks(opening, description or "")
    _drop_galleries(container)
    if forms:
        _drop_form_boxes(container, forms)
    for poll in polls:
        if poll.parent is not None:
            poll.remove()
    if news:
        _drop_media_boxes(container, sizes)
    # Counted before the closing cards go: they are teasers the container advertises.
    teasers = _teasers(container, sizes, teaser_counts)
    if teasers >= _MIN_CARDS:
        _drop_closing_cards(container)
    before, after = _streamed_segments(container, sizes)
    for segment in before:
        _walk(segment, emitter, "paragraph", False, 0)
    _walk(container, emitter, "paragraph", False, 0)
    for segment in after:
        _walk(segment, emitter, "paragraph", False, 0)
    emitter.flush()
    if emitter.kept_chars < _SHORT_BODY and (other := _paragraph_holder(body, container, sizes)) is not None:
        second = _Emitter()
        _walk(other, second, "paragraph", False, 0)
        second.flush()
        if second.kept_chars >= max(_SHORT_BODY, _SECOND_OVER_FIRST * emitter.kept_chars):
            container, emitter = other, second
    if news and emitter.linked_headings:
        _drop_linked_headlines(emitter)
    if not emitter.captions:
        _lead_figure_caption(container, emitter)
    related.extend(_related_after(container))
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

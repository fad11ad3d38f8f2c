"""Furniture removal, the body extraction's first step: one walk over the page drops what never
holds the story (scripts, forms, navigation, consent dialogs, comment threads) and the elements whose tag, role,
class or id names page furniture, unless they hold the story's own prose (the rules are in the functions below).
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborNode

from newsdesk.extract.body_nodes import (
    FORM_TAG_ID,
    FURNITURE_TAG_IDS,
    H1_TAG_ID,
    HTML_TAG_ID,
    INPUT_TAG_ID,
    P_TAG_ID,
    REACT_SEGMENT,
    TEXT_TAG_ID,
    THREAD_HEADING_IDS,
    WALKED_TAG_IDS,
    ends_a_sentence,
    fold_ws,
    is_headline,
    is_within,
    link_len,
    name_of,
)
from newsdesk.extract.body_related import anchors_of, names_related
from newsdesk.extract.body_text import HIDDEN_SELECTOR, headline_heading, text_under
from newsdesk.extract.boilerplate import (
    attribute_strength,
    class_strength,
    furniture_tokens,
    is_end_marker,
    name_tokens,
)
from newsdesk.extract.budget import WorkBudget
from newsdesk.extract.nodesize import ParagraphSizes, has_elements, text_len


def _prose_bar(paragraphs: list[LexborNode], sizes: ParagraphSizes) -> float:
    """The paragraph text a node must hold to be the article: 40% of the page's (``paragraphs``, those
    still in the tree), never under 300 characters."""
    return max(sum(sizes.text(p) for p in paragraphs) * 0.4, 300)


def _prose_bar_and_floor(paragraphs: list[LexborNode], sizes: ParagraphSizes) -> tuple[float, float]:
    """``_prose_bar``, and a floor under the text bar (40% of all the page's text) read off the same paragraphs: 40%
    of the text of those that no other paragraph holds.

    Such paragraphs are apart from one another, so their text is part of the page's, counted once; a node shorter
    than the floor is short of the text bar, and the page's whole text need not be measured to tell.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> body = LexborHTMLParser("<body><p>" + "a" * 100 + "<button><p>" + "b" * 50 + "</p></button></p>"
    ...                         "<div>" + "c" * 500 + "</div></body>").body
    >>> paragraphs = body.css("p")
    >>> _prose_bar_and_floor(paragraphs, ParagraphSizes(body, paragraphs))  # the inner paragraph counted once
    (300, 60.0)
    """
    total = outermost = 0
    for paragraph in paragraphs:
        length = sizes.text(paragraph)
        total += length
        if not sizes.in_paragraph(paragraph):
            outermost += length
    return max(total * 0.4, 300), outermost * 0.4


def _short_of_the_bar(length: int, paragraph_floor: float, removed_text: int) -> bool:
    """Whether a node of ``length`` characters is short of the text bar by a floor under it: 40% of the outermost
    paragraphs' text (``_prose_bar_and_floor``), or 40% of its own and the removed text together, which the page's
    text holds apart.

    >>> _short_of_the_bar(700, 800.0, 0), _short_of_the_bar(700, 600.0, 1000), _short_of_the_bar(700, 600.0, 1100)
    (True, False, True)
    """
    # 3 * length < 2 * removed_text: the length is under 40% of itself and the removed text, in whole numbers.
    return length < paragraph_floor or 3 * length < 2 * removed_text


def remove_furniture(root: LexborNode, related: list[tuple[str, str]],
                      budget: WorkBudget | None = None, forms: list[LexborNode] | None = None,
                      under: list[str] | None = None, headline: str = "",
                      ledes: list[str] | None = None, read: dict[int, str] | None = None,
                      after_choice: list[LexborNode] | None = None) -> list[LexborNode]:
    """Remove boilerplate-named and hidden elements, unless one holds much of the page's prose.

    Returns the page's <h1> elements, listed by the same walk (some may be removed since: no parent); its
    <form> elements go to ``forms`` when given. With ``under``, the text under the page's headline (the <h1>
    that is ``headline``, folded, else the first) goes there first, read before anything is removed, and the text
    of a standfirst named as one there to ``ledes`` (``text_under``). The paragraphs' texts read on the way, of those
    unchanged at the end, go to ``read`` by ``mem_id`` (``ParagraphSizes.texts``). The boxes of its polls
    (``_poll_boxes``) and its plain "postmetadata" lines go to ``after_choice`` when given, left in the tree: they
    are taken out once the container is chosen, so that they cannot move it.

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
        if tag_id in WALKED_TAG_IDS:
            if tag_id == P_TAG_ID:
                paragraphs.append(node)
            elif tag_id in FURNITURE_TAG_IDS:
                furniture.append(node)
            elif tag_id in THREAD_HEADING_IDS:
                headings.append(node)
            elif tag_id == H1_TAG_ID:
                h1s.append(node)
            elif tag_id == FORM_TAG_ID:
                if forms is not None:
                    forms.append(node)
            else:
                dropped.append(node)
    # Listed now, for text_under to pass over; judged below, after the dropped tags are gone.
    hidden = root.css(HIDDEN_SELECTOR)
    head = next((h1 for h1 in h1s if is_headline(h1, headline)), None)
    if under is not None:
        # No <h1> is the headline (the page's <h1> is its logo or sits in a breadcrumb): a heading under it that
        # is, word for word, is where the reader sees the story open.
        shown_head = head if head is not None or not headline else headline_heading(headings, headline)
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
    if after_choice is not None:
        after_choice += _poll_boxes(dropped)
    for node in dropped:
        if node.parent is not None:  # not inside one removed before it
            node.remove()
    for node in headings:
        if node.parent is not None and _opens_a_thread(node):
            _remove_thread(node)
            break
    paragraphs = [p for p in paragraphs if p.parent is not None]
    sizes = ParagraphSizes(root, paragraphs)
    prose_bar, text_floor = _prose_bar_and_floor(paragraphs, sizes)
    # The bar for all text is never under 600 characters, and most nodes judged are shorter: the
    # page's whole text is measured only when a longer one comes up. Its total is the one before
    # any removal: each removed node's text, measured just before it went, is added back (removed
    # subtrees never overlap, and a text node's trimmed length is the same wherever it is counted).
    # So the total is the same whenever it is measured (until a consent dialog goes), and it holds
    # the outermost paragraphs' text and, apart, the judged node's and the removed text: a node
    # short of 40% of either is short of the bar, and the page's text is not measured for it.
    text_bar = -1.0
    removed_text = 0
    consent_checked = False

    def holds_the_article(node: LexborNode, length: int) -> bool:
        nonlocal text_bar, prose_bar, consent_checked
        long = length >= _MIN_TEXT_BAR
        if long and 0 <= text_bar <= length:
            return True
        # Paragraph text is part of all text: a node short of the prose bar in all its text is done. (Asked
        # before the page's text is measured: a node that holds the story's paragraphs needs no measure of it.)
        if length >= prose_bar and sizes.paragraphs(node) >= prose_bar:
            return True
        if long and text_bar < 0 and not _short_of_the_bar(length, text_floor, removed_text):
            text_bar = max((text_len(root) + removed_text) * 0.4, _MIN_TEXT_BAR)
            if text_bar <= length:
                return True
        # A long node that falls short may do so only beside a cookie-consent dialog's pages of legal
        # prose: such dialogs are taken out (once a page, only then: the search costs) and the bars are
        # measured again without them.
        if length >= _MIN_TEXT_BAR and not consent_checked:
            consent_checked = True
            if _remove_consent_dialogs(root, node, sizes):
                prose_bar = _prose_bar([p for p in paragraphs if p.parent is not None], sizes)
                # Measured again at once, without the dialogs: a dialog inside the node may have gone, so that
                # neither floor holds any more.
                text_bar = max((text_len(root) + removed_text) * 0.4, _MIN_TEXT_BAR)
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
        if node.parent is None or node.tag in ("html", "body") or REACT_SEGMENT.match(node.attributes.get("id") or ""):
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
            if names_related(node):
                related.extend(anchors_of(node))
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
            # WordPress's classic "postmetadata" line ("This entry was posted on ... filed under ...") is
            # furniture, but taken out here it can move the container up to a box that lets in more: it
            # goes with the polls, out once the story is chosen. (A prefixed one is a maybe: see boilerplate.)
            if (after_choice is not None and class_value and "postmetadata" in class_value
                    and "postmetadata" in class_value.split()):
                after_choice.append(node)
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
        if strength == 2 or length < 300 or link_len(node) / length > 0.4:
            if strength == 2 and names_related(node, name):
                related.extend(anchors_of(node))
            remove(node, length)
            after_removal = True
    if read is not None:
        read.update(sizes.texts)
    return h1s


#: A poll's box holds its radio buttons' labels and, a little above them, its question: the box is
#: widened from the buttons' common ancestor while a step up adds at most this much text.
_POLL_QUESTION_CHARS: Final = 250
#: The most text a box of answers holds.
_POLL_ANSWERS_CHARS: Final = 600
_POLL_NEVER: Final = frozenset({"html", "body", "article", "main"})


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
        if node.tag_id == INPUT_TAG_ID and (node.attributes.get("type") or "").lower() == "radio":
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
        length = text_len(box)
        if length > _POLL_ANSWERS_CHARS:
            continue
        parent = box.parent
        while parent is not None and parent.tag not in _POLL_NEVER:
            parent_length = text_len(parent)
            if parent_length > length + _POLL_QUESTION_CHARS:
                break
            box, length, parent = parent, parent_length, parent.parent
        boxes.append(box)
    return boxes


def _ancestor_keys(node: LexborNode) -> frozenset[int]:
    """The ``mem_id`` of every ancestor of ``node`` below ``<html>``.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser("<body><div class='modal'><article><h1>Storm hits coast</h1></article></div></body>")
    >>> len(_ancestor_keys(page.css_first("h1")))  # article, div, body
    3
    """
    keys: set[int] = set()
    current = node.parent
    while current is not None and current.tag_id != HTML_TAG_ID:
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
    if child is not None and child.next is None and child.tag_id == TEXT_TAG_ID:
        text = child.text_content or ""
    else:
        text = heading.text(deep=True)
    if len(text) > 60 or _THREAD_MARKER.search(text) is None or not is_end_marker(fold_ws(text)):
        return False
    # Paragraphs' text only: a box of related links or tags above a thread says no story is there.
    before = 0
    sibling = heading.prev
    while sibling is not None and before < _STORY_BEFORE_THREAD:
        if sibling.tag_id == P_TAG_ID:
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

    >>> from selectolax.lexbor import LexborHTMLParser
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
        words = set(name_tokens(name_of(node)))
        if not words & _CONSENT_WORDS or node.css_first(_STORY_PARTS) is not None:
            continue
        if is_within(keep, node):  # the node judged, or one of its ancestors
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
    return furniture_tokens(name) <= _WALL_TOKENS and ends_a_sentence(fold_ws(node.text()))


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
    if node.tag_id != P_TAG_ID:
        return False
    attrs = node.attributes
    return (attrs.get("aria-hidden") == "true" and "hidden" not in attrs and "display" not in (attrs.get("style") or "")
            and ends_a_sentence(fold_ws(node.text())))


def _in_running_text(node: LexborNode) -> bool:
    """Whether a phrasing element sits in a sentence: its parent holds prose of its own around it.

    >>> from selectolax.lexbor import LexborHTMLParser
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
_FURNITURE_ROLES: Final = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog"})

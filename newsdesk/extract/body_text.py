"""The text under a node as a reader sees it (hidden elements left out), and the standfirsts a page
names as such (its "lede", "dek" or "standfirst" elements, or a dateline's paragraph).
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborNode

from newsdesk.extract.body_nodes import (
    A_TAG_ID,
    LEDE_TAG_IDS,
    TEXT_TAG_ID,
    WORD,
    ends_a_sentence,
    fold_ws,
    is_within,
    tag_ids_of,
)

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
_UNSHOWN_IDS: Final = tag_ids_of((
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
_MEDIA_IDS: Final = tag_ids_of(("img", "picture", "figure", "video", "iframe", "svg", "form", "ul", "ol", "script",
                              "style", "noscript"))
#: Elements above a text read under the headline that may be the standfirst's ("dek > p > b > text"), and the
#: fewest characters of a text for its elements to be looked at: a standfirst holds a run of words this long,
#: and most texts there are labels, names and dates that are not.
_LEDE_DEPTH: Final = 3
_LEDE_PART: Final = 25
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

    >>> from selectolax.lexbor import LexborHTMLParser
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
        if tag_id == A_TAG_ID:
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

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser("<div><span>Essen.</span> <span>Drei Städte tauchen auf.</span></div>")
    >>> _dated_lede(page.css("span")[1].child, page.css("span")[1], True).tag
    'div'
    """
    text = (text_node.text_content or "").lstrip()
    if (opening := _DATELINE.match(text)) and text[opening.end():opening.end() + 1] == " ":
        return parent if parent.tag_id in LEDE_TAG_IDS else None
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
    return above if above is not None and above.tag_id in LEDE_TAG_IDS else None


#: Microdata properties that mark a story's standfirst, and the item types of a story (schema.org's Article and
#: its kinds: NewsArticle, ReportageNewsArticle, BlogPosting, Report).
_LEDE_PROPS: Final = frozenset(("description", "abstract", "alternativeheadline"))
_STORY_ITEM: Final = re.compile(r"Article|Posting|Report")


def _named_a_lede(element: LexborNode, headline: LexborNode | None) -> bool:
    """Whether an element is named the story's standfirst: by its class or its ``type`` (``names_a_lede``), or as
    the ``description`` (or ``abstract``) of the story the page's ``headline`` heads, in microdata: the nearest
    item around it is a story (an Article, a BlogPosting) that holds the headline (None: the page's headline is
    not known, and no microdata is read). Another story's teaser and a site's tagline are items of their own.

    >>> from selectolax.lexbor import LexborHTMLParser
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
        return is_within(headline, item)
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
        if ends_a_sentence(lede) and not _holds_other_things(dated, lede):
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
        if element.tag_id in LEDE_TAG_IDS and _named_a_lede(element, headline):
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

    >>> from selectolax.lexbor import LexborHTMLParser
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
                if tag_id == TEXT_TAG_ID:
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


def headline_heading(headings: list[LexborNode], headline: str) -> LexborNode | None:
    """The first <h2> whose words, punctuation aside, are the headline's (``headline`` folded), or hold them.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser("<h2>Latest</h2><h2><span>Bank collapse</span> <span>Fed admits lapses</span></h2>")
    >>> headline_heading(page.css("h2"), "bank collapse: fed admits lapses").text(deep=True)
    'Bank collapse Fed admits lapses'
    """
    wanted = " ".join(WORD.findall(headline))
    if len(wanted) < 10:
        return None
    for heading in headings:
        if heading.tag == "h2" and heading.parent is not None:
            words = " ".join(WORD.findall(heading.text(deep=True).casefold()))
            if words == wanted or (len(words) >= 10 and wanted in words):
                return heading
    return None

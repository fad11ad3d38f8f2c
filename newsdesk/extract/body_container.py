"""The story's container: every paragraph-like element is scored by its text and commas and credits
its ancestors; the best is taken, unless it lies in furniture that a candidate outside outweighs, then widened to
its parent while the parent adds the story's prose (a story split in sibling blocks) and not sidebars or teasers.
Where the page holds two stories, the one under the page's own headline; where the body is short, a second look.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from selectolax.lexbor import LexborNode

from newsdesk.extract.body_nodes import (
    BLOCK_TAG_IDS,
    BODY_TAG_ID,
    HTML_TAG_ID,
    NEGATIVE_LOWER,
    NEGATIVE_NAME,
    OWN_PROSE_TAG_IDS,
    OWN_TEXT_TAG_IDS,
    P_TAG_ID,
    PARAGRAPH_TAG_IDS,
    POSITIVE_LOWER,
    POSITIVE_NAME,
    REACT_SEGMENT,
    READ_WHOLE_TAG_IDS,
    SPAN_TAG_ID,
    TEXT_TAG_ID,
    WALL_TAG_IDS,
    is_headline,
    is_within,
    tag_ids_of,
)
from newsdesk.extract.budget import WorkBudget
from newsdesk.extract.nodesize import PageSizes, has_elements


def name_weight(class_value: str | None, id_value: str | None) -> float:
    """+25 for a class/id that names content, -25 for one that names furniture (both: 0).

    The same as matching the joined ``f"{class_value} {id_value}"``: no pattern spans a space.

    >>> name_weight("entry-content", None), name_weight(None, "sidebar"), name_weight("", None)
    (25.0, -25.0, 0.0)
    >>> name_weight("post", "related-links")
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
        return (1 if POSITIVE_LOWER.search(lowered) else 0) | (2 if NEGATIVE_LOWER.search(lowered) else 0)
    return (1 if POSITIVE_NAME.search(value) else 0) | (2 if NEGATIVE_NAME.search(value) else 0)


def _own_text_len(node: LexborNode) -> int:
    """Length of the text in a node that is not inside a block-level child."""
    total = 0
    # White-space-only text nodes (skipped in Lexbor, no Python object made) strip to nothing.
    # By tag id: reading a tag's name makes a new string each time, an id is a small int.
    for child in node.iter(include_text=True, skip_empty=True):
        tag_id = child.tag_id
        if tag_id == TEXT_TAG_ID:
            total += len((child.text_content or "").strip())
        elif tag_id not in BLOCK_TAG_IDS:
            total += len(child.text(deep=True).strip())
    return total


def best_container(body: LexborNode, sizes: PageSizes, budget: WorkBudget | None = None,
                    read: dict[int, str] | None = None) -> LexborNode | None:
    """The element that holds the story's paragraphs, by their scores; ``read``, texts the furniture pass read of
    elements unchanged since (``remove_furniture``), by ``mem_id``."""
    budget = budget or WorkBudget()
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    # A walk by tag id, not css: lexbor's css tries each of the ten tags on every element. The tag
    # is told by its id throughout: reading its name makes a new string each time.
    for node in body.traverse():
        tag_id = node.tag_id
        if tag_id not in PARAGRAPH_TAG_IDS:
            continue
        budget.step()
        text = None
        if tag_id == SPAN_TAG_ID:
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
        elif tag_id in OWN_TEXT_TAG_IDS:
            length = _own_text_len(node)
        else:
            # One text pass for length and commas: trimming takes only white space, so the commas
            # are all there (an Arabic comma's space may not be: such text is read again).
            text = sizes.trimmed_text(node, read)
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
            commas += (text if tag_id in READ_WHOLE_TAG_IDS else node.text(deep=True)).count("، ")
        score = 1.0 + commas + min(length / 100.0, 3.0)
        # Prose written straight into a div (text and <br>s, no <p>) makes the div its own container.
        parent = node if tag_id in OWN_PROSE_TAG_IDS else node.parent
        level = 0
        while parent is not None and level < 3:
            if parent.tag_id == HTML_TAG_ID:  # (the climb never passes <html> to the document)
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
    if in_furniture(winner):
        # Furniture that holds much prose outlives the furniture removal (it may be the article); when it wins
        # here on a page whose story is short (a sidebar's blurbs, a footer's about-us), the best
        # candidate outside it is the story, if it scores a third of the winner's. (Measured only here: the
        # walk up from the winner is all that other pages pay.)
        runner_up = None
        runner_final = _FURNITURE_WINNER_YIELDS * best
        for key in ranked[:_FINALISTS * 2]:
            node = nodes[key]
            final = finals[key] if key in finals else _final_score(node, scores[key], sizes)
            if final >= runner_final and not is_within(node, winner) and not is_within(winner, node) \
                    and not in_furniture(node):
                runner_up, runner_final = node, final
        if runner_up is not None:
            return runner_up
    return winner


def _final_score(node: LexborNode, score: float, sizes: PageSizes) -> float:
    # Finalists often hold one another: each is measured from its children, so that a subtree
    # measured for one is not walked again for another.
    length = sizes.text_above(node) or 1
    return score * (1.0 - min(sizes.links(node) / length, 1.0))


def in_furniture(node: LexborNode) -> bool:
    """Whether a node is, or lies inside, a sidebar or a footer: an ``<aside>`` or ``<footer>``, an element whose
    role says so, one of whose classes is just "sidebar" or "footer", or one whose id has "sidebar", "footer",
    "foot" or the page's "header" or "masthead" among its words (a class "header" is as often a story's own); or
    an author's box.

    Only the plain names: a story's wrappers carry these words in layout names ("content-sidebar", "page-footer",
    "is-style-sidebar") and other furniture words in script hooks ("js-social-images", "paywall").

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser("<div><aside><div><p id='a'>Blurb.</p></div></aside><p id='b'>Story.</p>"
    ...                         "<div class='widget sidebar'><p id='c'>About.</p></div>"
    ...                         "<div class='main has-sidebar'><p id='d'>Story.</p></div>"
    ...                         "<div class='post-author'><p id='e'>Bio.</p></div></div>")
    >>> [in_furniture(page.css_first(f"#{key}")) for key in "abcde"]
    [True, False, True, False, True]
    """
    return _in_walls(node, authors=True)


def _is_wall(node: LexborNode, classes: bool = True) -> bool:
    """Whether an element is a sidebar, a footer or the page's header: by its tag (``<aside>``, ``<footer>``), its
    role, any word of its id, or (with ``classes``) a whole class "sidebar" or "footer".

    An id names one region of the page, so any of its words may say which ("blq-foot", "sidebar-right-1"); a class
    is shared by layouts and script hooks, so only a whole class counts, and some layouts call their main column
    "sidebar" (``classes=False`` leaves classes out).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> [_is_wall(LexborHTMLParser(html).body.child) for html in (  # type: ignore[arg-type]
    ...     "<aside>x</aside>", "<div id='blq-foot'>x</div>", "<div class='col footer'>x</div>",
    ...     "<div class='page-footer'>x</div>")]
    [True, True, True, False]
    >>> _is_wall(LexborHTMLParser("<div class='sidebar'>x</div>").body.child, classes=False)  # type: ignore[arg-type]
    False
    """
    if node.tag_id in WALL_TAG_IDS:
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

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser("<div id='sidebar'><div><p id='a'>About.</p></div></div><p id='b'>Story.</p>")
    >>> _in_walls(page.css_first("#a")), _in_walls(page.css_first("#b"))  # type: ignore[arg-type]
    (True, False)
    """
    current: LexborNode | None = node
    while current is not None:
        if current.tag_id in (BODY_TAG_ID, HTML_TAG_ID):
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

    >>> from selectolax.lexbor import LexborHTMLParser
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


_WALL_ROLES: Final = frozenset({"complementary", "contentinfo"})
_WALL_NAMES: Final = frozenset({"sidebar", "footer"})
#: The words of an id that name a sidebar, a footer or the page's header ("header" in a class is as often a story's).
_WALL_ID_WORDS: Final = _WALL_NAMES | {"foot", "header", "masthead"}
#: A class that names an author's box, whole: "author", "post-author", "about-the-author", "author-bio".
_AUTHOR_BOX: Final = re.compile(r"(?:(?:post|entry|article|about(?:[-_]the)?)[-_]?)?author"
                         r"(?:[-_]?(?:box|bio|info|profile|details|block|wrap|wrapper|area|section))?")
#: What the best candidate outside furniture must score, against the winner inside it, to take its place (the
#: stories of the dev pages that gained scored 0.36-0.81 of the furniture's score).
_FURNITURE_WINNER_YIELDS: Final = 1 / 3
#: The share of what an ancestor adds to the story that, held by sidebars or footers, stops widening below it.
_WALL_SHARE_OF_ADDED: Final = 0.5


_FINALISTS: Final = 8


_TAG_SCORES: Final = {"article": 8.0, "main": 5.0, "div": 5.0, "section": 3.0, "pre": 3.0, "td": 3.0,
                      "blockquote": 3.0, "form": -3.0, "ol": -3.0, "ul": -3.0, "li": -3.0, "dl": -3.0,
                      "address": -3.0, "th": -5.0, "header": -5.0, "footer": -5.0, "aside": -5.0}
# By tag id: the tag's name is a new string each time it is read.
_TAG_ID_SCORES: Final = {next(iter(tag_ids_of([tag]))): score for tag, score in _TAG_SCORES.items()}


def _initial_score(node: LexborNode) -> float:
    base = _TAG_ID_SCORES.get(node.tag_id, 0.0)
    attrs = node.attributes
    if attrs.get("itemprop") == "articleBody":
        base += 40
    return base + name_weight(attrs.get("class"), attrs.get("id"))


def widen(container: LexborNode, sizes: PageSizes, teaser_counts: dict[int, int]) -> LexborNode:
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
    teasers = count_teasers(current, sizes, teaser_counts)
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
        new_teasers = teasers_above(parent, sizes, teaser_counts) - teasers
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

    >>> from selectolax.lexbor import LexborHTMLParser
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
        if prose and not count_teasers(sibling, sizes, known) \
                and sizes.links(sibling) < _SIDEBAR_MIN_LINK_SHARE * sizes.text(sibling):
            total += prose
    return total


def _opening_before(child: LexborNode, sizes: PageSizes) -> int:
    """Paragraph text in the elements before ``child`` under its parent, when they are mostly unlinked prose:
    a long story's opening set apart from the rest (0 otherwise: product cards, a table of contents, an
    author box are short lines, links and labels).

    >>> from selectolax.lexbor import LexborHTMLParser
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
    if prose < OPENING_PROSE_SHARE * text or links >= OPENING_MAX_LINK_SHARE * text:
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
OPENING_PROSE_SHARE: Final = 0.7
OPENING_MAX_LINK_SHARE: Final = 0.1
_WIDEN_MAX_LINK_DENSITY: Final = 0.3


_TEASER_SELECTOR: Final = "article, h1 a, h2 a, h3 a, h4 a"


def count_teasers(node: LexborNode, sizes: PageSizes, known: dict[int, int] | None = None) -> int:
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


def teasers_above(parent: LexborNode, sizes: PageSizes, known: dict[int, int]) -> int:
    """``count_teasers(parent)`` summed over the parent's children, the one climbed from already counted.

    ``css`` lists an element itself when it matches, so the parent's count is its own listing plus
    its children's. A linked headline's listing depends on its ancestors, not on where the search
    starts, and a parent that is itself a link is counted the plain way.
    """
    key = parent.mem_id
    if key in known:
        return known[key]
    if parent.tag == "a":
        return count_teasers(parent, sizes, known)
    count = 1 if parent.tag == "article" else 0
    for child in parent.iter():
        count += count_teasers(child, sizes, known)
    known[key] = count
    return count


def story_of_the_page(h1s: list[LexborNode], container: LexborNode, headline: str) -> LexborNode | None:
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
        if own is None and is_headline(h1, headline):
            own = article
        else:
            others.append(article)
    if own is None or is_within(container, own):
        return None
    for other in others:
        apart = not is_within(other, own) and not is_within(own, other)
        if apart and (is_within(container, other) or is_within(other, container)):
            return own
    return None


#: A body shorter than this (characters kept) may come from a box beside the story (a teaser, an author's note,
#: a footer) that outscored it: the page's paragraphs get a second look.
SHORT_BODY: Final = 500
#: The second look's text replaces the first only when it is this many times as long.
SECOND_OVER_FIRST: Final = 3


def paragraph_holder(body: LexborNode, chosen: LexborNode, sizes: PageSizes) -> LexborNode | None:
    """The element whose own ``<p>`` children hold the most text, widened, unless it lies inside ``chosen``.

    Readability's first measure, and the plainest: a story is paragraphs side by side. It is asked
    only when the scored container gave a short body.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser("<body><div id='a'><p>Short teaser.</p></div><div id='s'>" +
    ...                         "<p>A long paragraph of the story, one of several.</p>" * 3 + "</div></body>")
    >>> paragraph_holder(page.body, page.css_first("#a"), PageSizes()).attributes["id"]
    's'
    """
    held: dict[int, int] = {}
    nodes: dict[int, LexborNode] = {}
    for paragraph in body.traverse():
        if paragraph.tag_id != P_TAG_ID or (parent := paragraph.parent) is None:
            continue
        key = parent.mem_id
        nodes[key] = parent
        held[key] = held.get(key, 0) + sizes.text(paragraph)
    if not held:
        return None
    best = nodes[max(held, key=held.__getitem__)]
    # A sidebar's or footer's paragraphs never stand in for a short story found outside them (by tag, role or id: a
    # layout may call its main column "sidebar").
    if is_within(best, chosen) or (_in_walls(best, classes=False) and not in_furniture(chosen)):
        return None
    return widen(best, sizes, {})


#: Paragraph text a streamed segment beside the story's own must hold to be more of the story: a paragraph's worth,
#: not a caption's credit or a label.
_SEGMENT_PROSE: Final = 200


def streamed_segments(container: LexborNode, sizes: PageSizes) -> tuple[list[LexborNode], list[LexborNode]]:
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
    >>> before, after = streamed_segments(page.css("div[hidden]")[2].css_first("p"), PageSizes())
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
        and REACT_SEGMENT.match(segment_id) is not None

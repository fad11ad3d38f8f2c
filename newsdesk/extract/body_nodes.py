"""What every step of the body extraction reads off a node: Lexbor's tag ids of the tags it looks for,
the class and id words that name the story or the page's furniture, a node's name, text and link lengths, and
white space folded as a reader sees it. Kept apart so that each step's module holds only its own rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.boilerplate import DROP_TAGS, FURNITURE_TAGS, literal_trie
from newsdesk.extract.nodesize import text_len

PARAGRAPH_TAGS: Final = "p,pre,td,blockquote,h2,h3,h4,div,section,span"
HEADINGS: Final = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK_TAGS: Final = frozenset({
    "p", "div", "section", "article", "main", "ul", "ol", "li", "blockquote", "table", "tr", "td",
    "th", "thead", "tbody", "tfoot", "pre", "figure", "figcaption", "header", "footer", "dl", "dt",
    "dd", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "details", "summary", "center", "form",
    "fieldset", "aside", "nav", "caption", "picture", "video", "audio",
})


def tag_ids_of(names: Iterable[str]) -> frozenset[int]:
    """Lexbor's ids of HTML tag names, fixed for the standard ones (``LexborNode.tag_id``).

    A css type selector matches by the same id, so an element of another namespace with a listed
    name (an SVG <header>, say) is listed by both.

    >>> tag_ids_of(["p"]) == {LexborHTMLParser("<p>x</p>").css_first("p").tag_id}
    True
    """
    parser = LexborHTMLParser("")
    return frozenset(parser.create_node(name).tag_id for name in names)


P_TAG_ID: Final = next(iter(tag_ids_of(["p"])))
FURNITURE_TAG_IDS: Final = tag_ids_of(FURNITURE_TAGS)
THREAD_HEADING_IDS: Final = tag_ids_of(("h2", "h3", "h4"))
H1_TAG_ID: Final = next(iter(tag_ids_of(["h1"])))
LISTED_TAG_IDS: Final = tag_ids_of((*DROP_TAGS, "p", *FURNITURE_TAGS))
#: What the furniture walk lists: the listed tags, and the headings (a thread's, the page's <h1>s).
FORM_TAG_ID: Final = next(iter(tag_ids_of(["form"])))
WALKED_TAG_IDS: Final = LISTED_TAG_IDS | THREAD_HEADING_IDS | {H1_TAG_ID, FORM_TAG_ID}
PARAGRAPH_TAG_IDS: Final = tag_ids_of(PARAGRAPH_TAGS.split(","))
BLOCK_TAG_IDS: Final = tag_ids_of(_BLOCK_TAGS)
TEXT_TAG_ID: Final = LexborHTMLParser("<p>x</p>").css_first("p").first_child.tag_id  # type: ignore[union-attr]
SKIP_IN_BODY: Final = frozenset({"figure", "figcaption", "picture", "video", "audio", "img", "caption"})
# "articles", "stories", "posts" in the plural name lists of other stories ("list-articles").
POSITIVE_NAME: Final = re.compile(
    r"article(?!s)|body|content|entry|hentry|main|page|post(?!s)|text|blog|story|prose|richtext", re.I)
_NEGATIVE_WORDS: Final = (
    "comment", "combx", "contact", "foot", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll",
    "shoutbox", "sidebar", "sponsor", "shopping", "tags", "tool", "widget", "share", "social", "nav", "menu",
    "teaser", "recommend", "newsletter")
NEGATIVE_NAME: Final = re.compile("|".join(_NEGATIVE_WORDS), re.I)
# The same two patterns for a lower-cased ASCII name: re.I makes every character a case-folding
# comparison and defeats re's literal scans, and the flat alternation is tried branch by branch.
# (Only ASCII: re.I also folds a few other letters, the Kelvin sign or the dotless i, onto ASCII.)
POSITIVE_LOWER: Final = re.compile(POSITIVE_NAME.pattern)
NEGATIVE_LOWER: Final = re.compile(literal_trie(_NEGATIVE_WORDS))


def fold_code(text: str) -> str:
    """Code keeps its lines: trim trailing space and blank edges only."""
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()).strip("\n")


def fold_ws(text: str) -> str:
    """Collapse runs of white space to one space and trim.

    >>> fold_ws("  a \\n\\t b "), fold_ws("a b"), fold_ws("a\\xa0b"), fold_ws("a  b")
    ('a b', 'a b', 'a b', 'a b')
    """
    # Most texts are folded already (over half the blocks the body walk emits): one whose only white space is
    # single spaces between words comes back as it is, without a string per word. Every white space character
    # but the space is unprintable (str.isprintable, checked over every code point), so a printable text holds
    # no other; isprintable, a "  " search and the ends cost a fraction of the split and join.
    if text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text
    # str.split() and re's \s agree on what white space is (both use Py_UNICODE_ISSPACE), and the
    # split-join is several times faster than a regex substitution and a strip.
    return " ".join(text.split())


def name_of(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".strip()


INPUT_TAG_ID: Final = next(iter(tag_ids_of(["input"])))
#: React's streamed segments and placeholders: "S:" or "P:" and the boundary's number in hexadecimal ("S:1f").
REACT_SEGMENT: Final = re.compile(r"^[SP]:[0-9a-f]+$")


def link_len(node: LexborNode) -> int:
    return sum(text_len(a) for a in node.css("a"))


#: The tags that are furniture wherever they stand (a story's own <header> is not: it holds its headline).
WALL_TAG_IDS: Final = tag_ids_of(("aside", "footer"))
BODY_TAG_ID: Final = next(iter(tag_ids_of(["body"])))
#: The paragraph-like tags whose whole text the scoring reads (the others' is read trimmed).
_READ_WHOLE: Final = frozenset({"span", "div", "section", "li", "td", "dd"})
READ_WHOLE_TAG_IDS: Final = tag_ids_of(_READ_WHOLE)
#: Those measured by their own text, not inside block-level children (a span only when long).
OWN_TEXT_TAG_IDS: Final = tag_ids_of(_READ_WHOLE - {"span"})
#: Those whose own prose makes them a container of their own.
OWN_PROSE_TAG_IDS: Final = tag_ids_of(("div", "section", "td"))
SPAN_TAG_ID: Final = next(iter(tag_ids_of(["span"])))
HTML_TAG_ID: Final = next(iter(tag_ids_of(["html"])))
_SENTENCE_ENDS: Final = (".", "!", "?", "\u3002", "\uff01", "\uff1f")
_CLOSING_QUOTES: Final = "\"'\u201d\u2019)"


def ends_a_sentence(text: str) -> bool:
    """Whether a text ends a sentence, a closing quote or bracket after its stop allowed.

    >>> ends_a_sentence('He said "no."'), ends_a_sentence("Read more:")
    (True, False)
    """
    return text.rstrip(_CLOSING_QUOTES).endswith(_SENTENCE_ENDS)


#: The walk tells a node by its tag id: reading the name (``tag``) makes a new string each time, at
#: three times the cost, and the walk meets every node of the container. An element's id is that of
#: its lower-case local name, which is its name for every tag named here (only a few SVG names keep
#: capitals: "foreignObject"); a text node, a comment or a tag unknown to lexbor has an id none of these has.
COMMENT_TAG_ID: Final = LexborHTMLParser("<p><!--x--></p>").css_first("p").first_child.tag_id  # type: ignore[union-attr]
DROP_TAG_IDS: Final = tag_ids_of(DROP_TAGS)
# One name a line, not unpacked from a tuple: only a name bound alone can be Final, which compiled code reads as a
# C static rather than from the module's dictionary (the walk tests every node against these).
FIGURE_TAG_ID: Final = next(iter(tag_ids_of(["figure"])))
FIGCAPTION_TAG_ID: Final = next(iter(tag_ids_of(["figcaption"])))
BR_TAG_ID: Final = next(iter(tag_ids_of(["br"])))
A_TAG_ID: Final = next(iter(tag_ids_of(["a"])))
BLOCKQUOTE_TAG_ID: Final = next(iter(tag_ids_of(["blockquote"])))
PRE_TAG_ID: Final = next(iter(tag_ids_of(["pre"])))
TABLE_TAG_ID: Final = next(iter(tag_ids_of(["table"])))
HEADING_TAG_IDS: Final = tag_ids_of(HEADINGS)
LIST_ENTRY_TAG_IDS: Final = tag_ids_of(("li", "dd", "dt"))


SECTION_HEADING_IDS: Final = tag_ids_of(("h2", "h3", "h4", "h5"))
#: What labels a box of related links beside the body: a section heading, or a bold line.
RELATED_LABEL_IDS: Final = tag_ids_of(("h2", "h3", "h4", "h5", "strong"))


def first_tagged(node: LexborNode, tag_ids: frozenset[int]) -> LexborNode | None:
    """The first element in document order of ``node``'s subtree, itself included, with one of ``tag_ids``.

    What ``css_first`` finds for a list of tags ("h2, h3, h4, h5"), at a third of its cost on the
    furniture and the siblings searched here: a css call costs microseconds before it looks at
    a node, and it tries each tag of the list on every element.

    >>> page = LexborHTMLParser("<div><p>x</p><section><h3>More</h3></section><h2>Next</h2></div>")
    >>> first_tagged(page.css_first("div"), SECTION_HEADING_IDS).text()
    'More'
    """
    for found in node.traverse():
        if found.tag_id in tag_ids:
            return found
    return None


WORD: Final = re.compile(r"\w+")


def is_within(node: LexborNode, ancestor: LexborNode) -> bool:
    key = ancestor.mem_id
    while node is not None:
        if node.mem_id == key:
            return True
        node = node.parent  # type: ignore[assignment]
    return False


#: The elements a standfirst is set in.
LEDE_TAG_IDS: Final = tag_ids_of(("p", "div", "h2", "span", "section"))


def is_headline(h1: LexborNode, headline: str) -> bool:
    title = fold_ws(h1.text(deep=True)).casefold()
    return bool(title) and (title == headline or (len(title) >= 10 and (title in headline or headline in title)))

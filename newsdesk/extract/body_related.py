"""Links to other stories: the related-story lists a page shows beside or after its story, kept as
(title, url) pairs for ``Article.related`` rather than as body text.
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborNode

from newsdesk.extract.body_nodes import HEADINGS, RELATED_LABEL_IDS, SECTION_HEADING_IDS, first_tagged, fold_ws, name_of

#: Minimum length of a link text for it to count as a headline of a related article.
MIN_RELATED_TITLE: Final = 20
_RELATED_NAME: Final = re.compile(
    r"related|recommend|read-?more|more-?stories|also-?read|read-?next|see-?also", re.I
)
_RELATED_LOWER: Final = re.compile(_RELATED_NAME.pattern)


def anchors_of(node: LexborNode) -> list[tuple[str, str]]:
    found = []
    for a in node.css("a[href]"):
        title = fold_ws(a.text(deep=True, separator=" "))
        href = a.attributes.get("href") or ""
        if len(title) >= MIN_RELATED_TITLE and href and not href.startswith(("#", "javascript:", "mailto:")):
            found.append((title, href))
    return found


_RELATED_HEADING: Final = re.compile(
    r"^\W*(?:related|more\s+(?:on|from|about|in)\b|read\s+(?:more|next|also)|also\s+read|see\s+also|"
    r"recommended|further\s+reading|you\s+(?:may|might)\s+also)", re.I)


def names_related(node: LexborNode, name: str | None = None) -> bool:
    """Whether an element says it lists related stories, by its class/id or by its heading."""
    if name is None:
        name = name_of(node)
    # An ASCII name lower-cased is matched without re.I, which makes every character a case-folding
    # comparison (only beyond ASCII does re.I fold other letters, the long s or the dotless i, onto these).
    if _RELATED_LOWER.search(name.lower()) if name.isascii() else _RELATED_NAME.search(name):
        return True
    heading = first_tagged(node, SECTION_HEADING_IDS)
    return heading is not None and _RELATED_HEADING.match(fold_ws(heading.text(deep=True))) is not None


def related_after(container: LexborNode) -> list[tuple[str, str]]:
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
                if tag in HEADINGS:
                    heading: LexborNode | None = sibling
                else:
                    heading = first_tagged(sibling, RELATED_LABEL_IDS)
                if heading is not None and _RELATED_HEADING.match(fold_ws(heading.text(deep=True))):
                    found.extend(anchors_of(sibling))
            sibling = sibling.next
        anchor = anchor.parent
    return found

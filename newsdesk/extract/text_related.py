"""Reading what copied text points to, pass 3c: related links, tags and the outlet they name.

These sit in the body's last lines and just after it, in labelled blocks ("Related", "Tags") or
inline ("Related: Title", "ALSO READ | Title").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlsplit

from newsdesk.extract.text_labels import RELATED_GLUED, RELATED_INLINE, RELATED_LABELS, TAGS_INLINE
from newsdesk.extract.text_lines import BULLET, KICKER, LIST_ITEM, PROSE, RELATED, SHORT, TAGS, WIDGET, Line, line_key
from newsdesk.model import Link


def _link(text: str) -> Link | None:
    """A related-link line as a Link: "TRT World - Title" names its site first."""
    text = text.strip(" :|-–—")
    if not text or len(text.split()) > 40:
        return None
    for separator in (" - ", " – ", " — ", " | "):
        if separator in text:
            site, _, title = text.partition(separator)
            site_words = site.split()
            if 1 <= len(site_words) <= 4 and len(title.split()) >= 3 and all(
                w[:1].isupper() or w[:1].isdigit() for w in site_words
            ):
                return Link(title=title.strip(), site=site.strip())
            break
    return Link(title=text)


def site_from_related(links: Sequence[Link]) -> str | None:
    """The outlet a related-links block names as its own: one site named by at least half its links.

    Copied text rarely names its outlet, but a same-site related block does ("RelatedTRT World - ...").
    A block naming several outlets is a list of other sites' stories and names none.

    >>> site_from_related([Link(title="Iraq's PM seeks closer ties", site="TRT World")])
    'TRT World'
    >>> site_from_related([Link(title="Floods", site="BBC"), Link(title="Storms", site="Reuters")]) is None
    True
    """
    sites = Counter(link.site for link in links if link.site)
    if len(sites) != 1:
        return None
    site, count = sites.most_common(1)[0]
    return site if count * 2 >= len(links) else None


def host(url: str | None) -> str | None:
    """The host a URL names, without "www.", or None.

    >>> host("https://www.trtworld.com/article/x"), host("http://[::1")
    ('trtworld.com', None)
    """
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # a malformed address ("http://[::1") names no site
        return None
    return host.removeprefix("www.") if host else None


def related_links(lines: Sequence[Line]) -> list[Link]:
    """The related links of the body's last lines and those after it, once each.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> related_links(read_lines("Rain fell all night.\\nRelated: Floods close roads across the county"))
    [Link(title='Floods close roads across the county', url=None, site=None)]
    """
    links: list[Link] = []
    seen: set[str] = set()
    in_related_block = False
    for line in lines:
        text: str | None = None
        if line.kind == WIDGET:
            in_related_block = line_key(line.text) in RELATED_LABELS
            continue
        if line.kind == RELATED:
            match = RELATED_GLUED.match(line.text) or RELATED_INLINE.match(line.text)
            text = match.group(1) if match else None
        elif in_related_block and line.in_widget and line.kind in (SHORT, PROSE, LIST_ITEM):
            text = BULLET.sub("", line.text)
        elif not line.in_widget:
            in_related_block = False
        if text:
            link = _link(text)
            if link and line_key(link.title) not in seen:
                seen.add(line_key(link.title))
                links.append(link)
    return links


def tags(lines: Sequence[Line]) -> list[str]:
    """The tags of a "Tags:" line or of the short lines under a tags label, at most 30.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> tags(read_lines("Rain fell all night.\\nTags: Weather, Floods"))
    ['Weather', 'Floods']
    """
    tags: list[str] = []
    for position, line in enumerate(lines):
        if line.kind != TAGS:
            continue
        inline = TAGS_INLINE.match(line.text)
        if inline:
            tags.extend(re.split(r"[,;|•·]", inline.group(1)))
            continue
        for follower in lines[position + 1 : position + 30]:
            # Tags are short links in a row; interface text or anything longer ends them.
            if not follower.in_widget or follower.words > 5 or follower.kind not in (SHORT, KICKER):
                break
            tags.extend(re.split(r"[,;|•·]", follower.text))
    out: list[str] = []
    for tag in tags:
        tag = tag.strip(" #")
        if tag and len(tag) <= 60 and tag.casefold() not in (t.casefold() for t in out):
            out.append(tag)
    return out[:30]

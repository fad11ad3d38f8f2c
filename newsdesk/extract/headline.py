"""Choosing a page's headline the way a reader would.

A page names its article several times: the visible ``<h1>``, JSON-LD ``headline``, OpenGraph and
Twitter titles, ``<title>`` with the site's name glued on. Editors rewrite the social titles for
clicks, and sites put their logo or a section label in an ``<h1>``. The headline is the ``<h1>``
that agrees with what the metadata calls the title; failing that, an ``<h1>`` that can stand on
its own, then the metadata's title with the site's name cut off.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlsplit

from selectolax.lexbor import LexborNode

from newsdesk.extract.pageindex import PageIndex, clean_text, inside, node_text

# Separators between a headline and the site name in <title> and og:title.
_TITLE_SEPARATOR: Final = re.compile(r"\s+[|\-–—·•»:/]{1,2}\s+|\s*\|\s*")
_NOT_WORD: Final = re.compile(r"[\W_]+")
#: An <h1> with fewer words that disagrees with the metadata is a label ("Menu", "News"), not a headline.
_MIN_HEADLINE_WORDS: Final = 3
#: How many candidate nodes of one kind are looked at.
_MAX_NODES: Final = 8
#: An <h1> longer than this is a paragraph in the wrong tag.
_MAX_HEADLINE_CHARS: Final = 400


def choose_headline(
    index: PageIndex,
    ld_headline: str | None,
    meta_titles: list[str | None],
    site_name: str | None,
    url: str | None,
) -> tuple[str | None, LexborNode | None]:
    """The headline a reader sees and its node: the <h1> that agrees with the metadata, else the metadata's.

    The node (None when the headline comes from metadata alone) anchors the search for a byline
    and a printed date next to it.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> index = PageIndex.read(LexborHTMLParser("<header><h1>Daily Example</h1></header>"
    ...                                         "<main><h1>Wildfire smoke reaches the capital</h1></main>"))
    >>> choose_headline(index, None, ["Wildfire smoke reaches the capital | Daily Example"],
    ...                 "Daily Example", None)[0]
    'Wildfire smoke reaches the capital'
    >>> choose_headline(PageIndex.read(LexborHTMLParser("")), None, ["Port strike ends | Coast Herald"],
    ...                 None, None)
    ('Port strike ends', None)
    """
    # The same title comes in og:title, twitter:title and <title>: each is folded once.
    titles = list(dict.fromkeys(t for t in (clean_text(title) for title in [ld_headline, *meta_titles]) if t))
    h1s = [
        (text, node)
        for node in _headline_nodes(index)
        if (text := node_text(node)) and len(text) < _MAX_HEADLINE_CHARS
    ]
    folded_titles = [folded for folded in map(_loose, titles) if folded]
    if h1s and (first := _loose(h1s[0][0])) and any(_loosely_same(first, title) for title in folded_titles):
        # The usual page: its first <h1> is the title; the site name need not be looked for.
        return h1s[0]
    site_words = _site_words(site_name, url)
    stripped = [_without_site(title, site_words) for title in titles]
    # The part before the first separator too: "Climate Change | Economic Research Service".
    first_parts = [_TITLE_SEPARATOR.split(title, maxsplit=1)[0] for title in titles]
    references = [
        folded for folded in dict.fromkeys([*folded_titles, *map(_loose, [*stripped, *first_parts])]) if folded
    ]
    for text, node in h1s:
        folded = _loose(text)
        if folded and any(_loosely_same(folded, reference) for reference in references):
            return text, node
    # An <h1> that disagrees with the metadata is still what readers see as the headline when it
    # is the only one; among several, nothing says which, and the metadata is the safer guess.
    in_article = [(text, node) for text, node in h1s if inside(node)]
    candidates = in_article[:1] if in_article else h1s if len(h1s) == 1 or not titles else []
    for text, node in candidates:
        if _plausible_headline(text, site_words):
            return text, node
    if ld_headline:
        return clean_text(ld_headline), None
    if stripped:
        return stripped[0], None
    return h1s[0] if h1s else (None, None)


def _headline_nodes(index: PageIndex) -> list[LexborNode]:
    """Visible headline candidates: <h1>s inside the article, then itemprop=headline, then other <h1>s."""
    h1s = index.h1s[:_MAX_NODES]
    in_article = [node for node in h1s if inside(node)]
    marked = [node for node in index.itemprops.get("headline", ())[:_MAX_NODES] if node.tag != "meta"]
    nodes: list[LexborNode] = []
    seen: set[int] = set()
    for node in (*in_article, *marked, *h1s):
        if node.mem_id not in seen:
            seen.add(node.mem_id)
            nodes.append(node)
    return nodes


def _loose(text: str) -> str:
    """Text folded for loose comparison: case, punctuation and spacing ignored."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def _site_words(site_name: str | None, url: str | None) -> set[str]:
    """Loose forms of the site's name: its stated name and its domain's main label."""
    words = set()
    if site_name:
        words.add(_loose(site_name).replace(" ", ""))
    if url:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
        labels = [label for label in host.split(".") if label not in ("www", "m", "amp", "edition")]
        if len(labels) >= 2:
            words.add(labels[-2] if len(labels[-1]) > 2 or len(labels) < 3 else labels[-3])
    return {word for word in words if word}


def _without_site(title: str, site_words: set[str]) -> str:
    """A <title> or og:title with the site's name cut from its start or end."""
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    first, last = parts[0], parts[-1]

    def is_site(part: str) -> bool:
        squashed = _loose(part).replace(" ", "")
        return bool(squashed) and any(word in squashed or squashed in word for word in site_words)

    spans = [m.span() for m in _TITLE_SEPARATOR.finditer(title)]
    if is_site(last) and not is_site(first):
        return title[: spans[-1][0]].strip()
    if is_site(first) and not is_site(last):
        return title[spans[0][1] :].strip()
    if len(last.split()) <= 4 and len(_loose(title[: spans[-1][0]]).split()) > len(last.split()):
        # "Headline | Outlet" is the common shape even when the outlet is spelled differently.
        return title[: spans[-1][0]].strip()
    return title


def _loosely_same(la: str, lb: str) -> bool:
    """Whether two loosely folded texts (see :func:`_loose`, neither empty) say the same."""
    if la == lb:
        return True
    shorter, longer = (la, lb) if len(la) <= len(lb) else (lb, la)
    if len(shorter) >= 15 and shorter in longer and len(shorter) >= 0.6 * len(longer):
        return True
    words_a, words_b = set(la.split()), set(lb.split())
    return len(words_a & words_b) / len(words_a | words_b) >= 0.8


def _plausible_headline(text: str, site_words: set[str]) -> bool:
    """Whether an <h1> that disagrees with the metadata can still be the headline a reader sees.

    Sites put their logo or name, or a section label, in an <h1>; a headline has a few words
    and is not the site's name.
    """
    squashed = _loose(text).replace(" ", "")
    if not squashed or any(squashed == word for word in site_words):
        return False
    return len(text.split()) >= _MIN_HEADLINE_WORDS

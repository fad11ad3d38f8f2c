"""Site boilerplate inside bodies: paragraphs one host repeats across its articles, learnt by counting.

Extraction leaves some furniture in a body: a newsletter blurb, "Read more on ...", a copyright or
corrections footer, a standard "Reporting by ..." line. Two different articles of the same outlet
share those paragraphs, and for short articles they can be most of the text, enough to make two
unrelated briefs look like copies. A paragraph that recurs in :data:`MIN_ARTICLES` or more distinct
articles of one host is taken for that host's boilerplate and left out when bodies are compared.

Counting is per host, never across hosts: the same paragraph on forty different hosts is what a wire
copy looks like, which is what near-duplicate detection must find. The counts come from the batch
(:func:`recurring_paragraphs`) or, in the store, from a table the writer keeps
(:mod:`newsdesk.store.copies`); both use :func:`paragraph_hash`, so they agree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from newsdesk.store.base import body_fingerprint

__all__ = ["MIN_ARTICLES", "paragraph_hash", "recurring_paragraphs"]

#: Distinct articles of one host a paragraph must appear in to count as that host's boilerplate. Two would
#: take a story the outlet republished under a second URL for boilerplate; three needs a real habit.
MIN_ARTICLES = 3


def paragraph_hash(text: str) -> int | None:
    """A stable 60-bit hash of a paragraph's normalised text (case, width and spacing folded); None if empty.

    It is the store's body fingerprint of the paragraph, cut to fit a signed SQLite integer.

    >>> paragraph_hash("Sign up for our  newsletter.") == paragraph_hash("SIGN UP for our newsletter.")
    True
    >>> paragraph_hash(" \\n ") is None
    True
    """
    fingerprint = body_fingerprint(text)
    return None if fingerprint is None else int(fingerprint[:15], 16)


def recurring_paragraphs(articles: Iterable[tuple[str | None, Iterable[int | None]]],
                         min_articles: int = MIN_ARTICLES) -> dict[str, frozenset[int]]:
    """The boilerplate of each host: paragraph hashes found in ``min_articles`` or more of its articles.

    ``articles`` gives each article's host and paragraph hashes; an article without a host teaches
    nothing (there is no site to learn from), and a paragraph repeated inside one article counts once.

    >>> footer = paragraph_hash("Follow us on social media.")
    >>> batch = [("a.example", [1, footer]), ("a.example", [2, footer]), ("a.example", [3, footer]),
    ...          ("b.example", [1, footer]), (None, [footer])]
    >>> recurring_paragraphs(batch) == {"a.example": frozenset({footer})}
    True
    """
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    for host, hashes in articles:
        if host:
            counts[host].update({value for value in hashes if value is not None})
    found: dict[str, frozenset[int]] = {}
    for host, counter in counts.items():
        recurring = frozenset(value for value, n in counter.items() if n >= min_articles)
        if recurring:
            found[host] = recurring
    return found

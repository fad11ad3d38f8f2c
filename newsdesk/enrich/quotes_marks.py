"""Quoted spans: pair the quote marks of a text, in every style news uses, in one pass.

A quote opens with ``"``, ``“``, ``‘``, ``'``, ``«``, ``»`` (Danish), ``„`` or ``‚`` and closes with the mark
its style expects; marks of another style inside it are nested quotes and ignored. A paragraph that opens a
quote and does not close it continues when the next paragraph opens again (the news convention for a long
quotation); otherwise the mark is unbalanced, and the quote stops at the end of its paragraph (a double mark
at the paragraph's start) or is dropped (anything else, most often an apostrophe), so an unbalanced mark never
swallows the rest of the article. Written by hand because no library pairs marks with these conventions; the
work is one regex scan over the marks, linear in the text.

>>> [(s.content_start, s.content_end) for s in quoted_spans('He said "we will leave" today.')]
[(9, 22)]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["QuotedSpan", "paragraph_bounds", "quoted_spans"]

#: Closing marks each opening mark accepts.
_CLOSERS: dict[str, str] = {
    '"': '"”“',
    "“": "”\"",
    "”": "”\"",  # Sites that use ” for both ends.
    "„": "“”\"",
    "‘": "’'",
    "'": "'’",
    "‚": "‘’",
    "«": "»",
    "»": "«",
    "‹": "›",
}
_DOUBLE = frozenset('"“”„«»')
#: Two apostrophes are a double quote mark (the New York Times' style in plain text). An apostrophe between
#: two letters or digits ("don't") is never a mark: the pattern leaves it out rather than the loop. (Every
#: test follows the mark's character class rather than coming first, so that ``re`` skips between marks.)
_MARK = re.compile("[\"“”„‘’'‚«»‹›](?:(?<=')'|(?<=[\"“”„‘‚«»‹›])|(?![^\\W_])|(?<![^\\W_]['’]))")
_PARAGRAPH = re.compile(r"[^\n]+")
_OPEN_BEFORE = frozenset(" \t\n([{—–-/:;\"“„‘«»‹")


@dataclass(slots=True)
class QuotedSpan:
    """One quotation: its marks at ``open_at`` and ``close_at`` (None when unbalanced), words inside.

    ``content_start``/``content_end`` span the words between the marks; ``paragraphs`` counts the
    paragraphs it runs over.

    >>> QuotedSpan(0, 1, 5, 5).closed
    True
    """

    open_at: int
    content_start: int
    content_end: int
    close_at: int | None
    paragraphs: int = 1
    close_width: int = 1

    @property
    def closed(self) -> bool:
        """Whether a closing mark ends it."""
        return self.close_at is not None

    @property
    def end(self) -> int:
        """Offset just past the closing mark (or the content, when unbalanced)."""
        return self.close_at + self.close_width if self.close_at is not None else self.content_end


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-empty line of ``text`` (a paragraph of an article body).

    >>> paragraph_bounds("One.\\n\\nTwo.")
    [(0, 4), (6, 10)]
    """
    return [m.span() for m in _PARAGRAPH.finditer(text)]


def _role(text: str, at: int, mark: str, width: int) -> str:
    # "o" opens, "c" closes, "b" either, "" neither (an apostrophe inside a word).
    before = text[at - 1] if at > 0 else " "
    after = text[at + width] if at + width < len(text) else " "
    if mark in "“„‚«‹":
        return "o"
    if mark in "›":
        return "c"
    if mark == "»":
        return "o" if before in _OPEN_BEFORE and not after.isspace() else "c"
    if mark == "‘":
        return "" if after.isdigit() else "o"  # ‘90s is a miscurled apostrophe.
    if mark == "”":
        return "o" if before.isspace() and not after.isspace() else "c"
    if mark in "'’":
        if before.isalnum() and after.isalnum():
            return ""
        if before in _OPEN_BEFORE and (after.isalpha() or after in "\"“‘"):
            return "o" if mark == "'" else ""
        if after.isalnum():
            return ""
        return "c"
    # ASCII double quote: direction from its neighbours.
    if before in _OPEN_BEFORE and not after.isspace():
        return "o"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "c"
    return "b"


def quoted_spans(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[QuotedSpan]:
    """Every quotation in ``text``, in order, none inside another (``paragraphs``: its
    :func:`paragraph_bounds`, when the caller has them already).

    >>> [text[s.content_start:s.content_end] for text in ['“A long quote\\n\\n“goes on,” she said.']
    ...  for s in quoted_spans(text)]
    ['A long quote\\n\\n“goes on,']
    >>> [s.closed for s in quoted_spans('"Unclosed at the start\\n\\nNext paragraph "closed" here.')]
    [False, True]
    """
    spans: list[QuotedSpan] = []
    marks = list(_MARK.finditer(text))
    if not marks:
        return spans
    mark_starts = [m.start() for m in marks]
    if paragraphs is None:
        paragraphs = paragraph_bounds(text)
    opener: str | None = None
    open_at = 0
    crossed = 1
    opened_at_paragraph_start = False
    open_width = 1
    for index, (p_start, p_end) in enumerate(paragraphs):
        continuing = opener is not None
        first = bisect.bisect_left(mark_starts, p_start)
        last = bisect.bisect_left(mark_starts, p_end, first)
        if first == last and not continuing:
            continue
        lead = p_start
        while lead < p_end and text[lead].isspace():
            lead += 1
        if continuing:
            crossed += 1
        for m in marks[first:last]:
            at = m.start()
            if continuing and at == lead:
                continue  # The mark that reopens a continued quotation.
            mark = '"' if m.group() == "''" else m.group()
            width = m.end() - at
            role = _role(text, at, mark, width)
            if opener is None:
                if role in ("o", "b"):
                    opener, open_at, crossed, open_width = mark, at, 1, width
                    opened_at_paragraph_start = at == lead
                continue
            if mark in _CLOSERS[opener] and role and not (role == "o" and mark in "'‘"):
                # A single letter in single marks is a contraction ("rock 'n' roll"), not a quote.
                if opener in _DOUBLE or at - open_at - open_width > 1:
                    spans.append(QuotedSpan(open_at, open_at + open_width, at, at, crossed, width))
                opener = None
        if opener is None:
            continue
        if index + 1 < len(paragraphs):
            n_start, n_end = paragraphs[index + 1]
            n_first = text[n_start:n_end].lstrip()[:1]
            if n_first and n_first in _REOPENERS[opener]:
                continue
        if crossed > 1 or (opener in _DOUBLE and opened_at_paragraph_start):
            spans.append(QuotedSpan(open_at, open_at + open_width, p_end, None, crossed))
        opener = None
    return spans


#: Marks that reopen a quote of each style at the start of a continuing paragraph.
_REOPENERS: dict[str, str] = {
    '"': '"“',
    "“": "“\"",
    "”": "”“\"",
    "„": "„»«",
    "‘": "‘'",
    "'": "'‘",
    "‚": "‚",
    "«": "«»",
    "»": "»",
    "‹": "‹",
}


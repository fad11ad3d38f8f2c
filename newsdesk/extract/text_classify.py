"""Classifying copied text, pass 1: every line on its own, then the runs of other stories after widget labels.

Each line gets one kind (prose, short headline-like text, kicker, date line, byline, reading time,
caption, credit, interface marker, widget label, boilerplate sentence, list item, table row,
embedded-post attribution) from bounded regexes with no backtracking. Widget labels ("Most read",
"Related", "Tags") then open runs of headline-like lines that are never body and whose bylines are
never the article's.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise
from typing import Final

from newsdesk.extract.dates import find_date
from newsdesk.extract.text_furniture import (
    BYLINE_LABELS,
    DATE_WORDS,
    READING_LINE,
    READING_WORDS,
    byline_names,
    is_caption,
    is_date_line,
    unglue,
)
from newsdesk.extract.text_labels import (
    ASIDE_LABELS,
    BOILERPLATE_SENTENCE,
    RELATED_GLUED,
    RELATED_INLINE,
    RELATED_LABELS,
    TAG_LABELS,
    TAGS_INLINE,
    WIDGET_LABELS,
    WIDGET_PREFIX,
    is_marker,
)
from newsdesk.extract.text_lines import (
    ASIDE,
    BOILERPLATE,
    BULLET,
    BYLINE,
    CAPTION,
    CLOSERS,
    CREDIT,
    DATE,
    EMBED,
    KICKER,
    LIST_ITEM,
    MARKER,
    PROSE,
    READING,
    RELATED,
    SHORT,
    TABLE,
    TAGS,
    WIDGET,
    Line,
    ends_sentence,
    line_key,
    word_count,
)
from newsdesk.extract.wire import is_credit_line


def read_lines(text: str) -> list[Line]:
    """The non-blank lines of copied text, each classified, with the runs of other stories flagged.

    >>> [(line.kind, line.in_widget) for line in read_lines("Most read\\nA headline about something else")]
    [('widget', False), ('short', True)]
    """
    return _mark_galleries(_mark_widgets(_split_lines(_normalise(text))))

# Lines longer than this are prose whatever they start with; no pattern runs over them.
_LONG_LINE: Final = 2000
_WS: Final = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH: Final = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Screen-reader and licensing labels that copying glues to the end of a caption or link.
_UI_SUFFIX: Final = re.compile(r"(?:\s*purchase licensing rights)?,?\s*opens (?:in )?(?:a )?new (?:tab|window)$", re.I)
# The attribution under an embedded post: "— Jane Doe (@janedoe) November 18, 2019".
_EMBED_ATTRIBUTION: Final = re.compile(r"^(?:[—–-]{1,2}\s*|a post shared by\s+)[^\n]{1,100}?\(@\w{1,30}\)", re.I)
_POST_LINK: Final = re.compile(r"\bpic\.twitter\.com/|\bhttps?://t\.co/|\binstagram\.com/p/")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _ZERO_WIDTH.sub("", text)


def _split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    gap = False
    for raw in text.split("\n"):
        folded = _WS.sub(" ", raw).strip()
        if folded.endswith(("tab", "window")):
            folded = _UI_SUFFIX.sub("", folded).strip()
        if not folded:
            gap = True
            continue
        index = len(lines)
        cells = [c.strip() for c in raw.split("\t")] if "\t" in raw.strip() else []
        if sum(1 for c in cells if c) >= 2:
            # Copying a table puts a tab between cells.
            folded = " | ".join(_WS.sub(" ", c) for c in cells if c)
            lines.append(Line(index, folded, word_count(folded), TABLE, gap or index == 0))
        else:
            words = word_count(folded)
            lines.append(Line(index, folded, words, _classify(folded, words), gap or index == 0))
        gap = False
    _mark_embeds(lines)
    _join_byline_labels(lines)
    _mark_cookie_tables(lines)
    return lines


_COOKIE: Final = re.compile(r"\bcookies?\b", re.I)


def _mark_cookie_tables(lines: list[Line]) -> None:
    """A table whose rows are mostly about cookies ("_ga | 2 years | Google Analytics sets this cookie ...") is
    the consent dialog's list, not the story's: its rows are boilerplate."""
    at = 0
    while at < len(lines):
        if lines[at].kind != TABLE:
            at += 1
            continue
        end = at
        while end < len(lines) and lines[end].kind == TABLE:
            end += 1
        rows = lines[at:end]
        if len(rows) >= 2 and 2 * sum(1 for row in rows if _COOKIE.search(row.text)) >= len(rows):
            for row in rows:
                row.kind = BOILERPLATE
        at = end


def _join_byline_labels(lines: list[Line]) -> None:
    """"Written by" alone on a line, the name on the next: read the pair as one byline."""
    for line, following in pairwise(lines):
        if line_key(line.text) in BYLINE_LABELS and following.kind == SHORT and following.words <= 6:
            joined = "By " + following.text
            if byline_names(joined) is not None:
                line.kind = MARKER
                following.kind = BYLINE
                following.text = joined


def _mark_embeds(lines: list[Line]) -> None:
    """An embedded post is its text and its attribution line: keep both, as one quotation."""
    for line in lines:
        if line.kind != EMBED:
            continue
        line.quote = True
        for above in reversed(lines[max(0, line.index - 3) : line.index]):
            linked = _POST_LINK.search(above.text) is not None
            if above.kind in (EMBED, TABLE, WIDGET) or (above.kind == PROSE and not linked):
                break
            above.quote = True
            if linked:
                break


def _classify(text: str, words: int) -> str:
    if len(text) > _LONG_LINE:
        return PROSE
    if _EMBED_ATTRIBUTION.match(text):
        return EMBED
    key = line_key(text)
    if not key or is_marker(key):
        return MARKER
    if key in RELATED_LABELS:
        return WIDGET
    # "You might also be interested in…": line_key keeps an ellipsis, which ends many such labels.
    if key.rstrip("… ") in WIDGET_LABELS or (words <= 8 and WIDGET_PREFIX.match(key)):
        return WIDGET
    if key in ASIDE_LABELS:
        return ASIDE
    if key in TAG_LABELS or TAGS_INLINE.match(text):
        return TAGS
    if RELATED_GLUED.match(text) or (words <= 40 and RELATED_INLINE.match(text)):
        return RELATED
    if words <= 40 and byline_names(text) is not None:
        return BYLINE
    if words <= 40 and is_credit_line(text):
        return CREDIT
    if words <= READING_WORDS and READING_LINE.match(text):
        return READING
    if words <= DATE_WORDS and is_date_line(text):
        return DATE
    if words <= 60 and is_caption(text):
        return CAPTION
    if words <= 80 and BOILERPLATE_SENTENCE.search(text):
        return BOILERPLATE
    if BULLET.match(text) and words >= 2:
        return LIST_ITEM
    if words >= 4 and not ends_sentence(text) and _is_data_row(text):
        return TABLE
    if words <= 6 and _is_all_caps(text) and not ends_sentence(text):
        return KICKER
    if text.endswith(("[…]", "[...]", "(…)", "(...)")):
        # An excerpt cut short is a teaser for another page.
        return SHORT
    if (words >= 4 and ends_sentence(text)) or words >= 25:
        return PROSE
    return SHORT


def _is_data_row(text: str) -> bool:
    # "3 Kevin Harvick 5033 4 6 15 26": a table row copied without its tabs is mostly numbers.
    tokens = text.split()
    numbers = sum(1 for t in tokens if t.strip("%$€£.,+-()").replace(".", "").replace(",", "").isdigit())
    return numbers >= 3 and numbers * 2 >= len(tokens)


def _is_all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _mark_widgets(lines: list[Line]) -> list[Line]:
    """Flag the runs of headline lines that follow widget labels ("Explore", "Most read"); a ranked list's
    entries stay on it while their ranks run on ("3 ...", "4 ..."), whatever they read as.

    >>> ranking = ("Most read\\n1 Rain returns\\n2 The river rose by a metre overnight, and the roads flooded.\\n"
    ...            "3 Schools in the county stayed shut on Monday while the water went down again.")
    >>> [line.in_widget for line in read_lines(ranking)]
    [False, True, True, True]
    """
    open_label: str | None = None
    last_was_headline = False
    aside_left = 0
    # The number of the list's last ranked entry ("2 Another headline"): the next rank goes on the list.
    last_rank = -1
    for line in lines:
        if line.kind in (WIDGET, TAGS, ASIDE):
            open_label = line.kind
            last_was_headline = False
            aside_left = 6
            last_rank = -1
            continue
        if open_label is None:
            continue
        if open_label == ASIDE:
            aside_left -= 1
            if line.gap_before or aside_left < 0:
                open_label = None
            else:
                line.in_widget = True
            continue
        rank = _RANK.match(line.text)
        number = int(rank.group(1)) if rank else None
        ranked = number is not None and last_rank > 0 and number == last_rank + 1
        if _continues_widget(line, last_was_headline) or ranked:
            line.in_widget = True
            last_was_headline = line.kind in (SHORT, KICKER, LIST_ITEM)
            last_rank = number if number is not None else last_rank
        else:
            if line.kind == PROSE:
                _release_header(lines, line.index)
            open_label = None
            last_was_headline = False
    return lines


# A slideshow's counter before its slide's title: "1/50 United going down", "12 / 50".
_SLIDE_COUNTER: Final = re.compile(r"^(\d{1,3}) ?/ ?(\d{1,3})(?:\s|$)")
#: The fewest slides of one show, and the prose words of the story on each side of it, that make a gallery.
_GALLERY_SLIDES: Final = 3
_GALLERY_STORY_WORDS: Final = 40
# How far from the gallery the story's prose on each side is looked for, and how many title lines
# ("Business news in pictures", "50 show all") may sit over its first slide.
_GALLERY_REACH: Final = 12
_GALLERY_TITLE_LINES: Final = 3
# Under a slide's caption, its photo credit: a name or an agency, a few words.
_SLIDE_CREDIT_WORDS: Final = 5


def _mark_galleries(lines: list[Line]) -> list[Line]:
    """Flag a slideshow set inside a story as a block of other stories: its slides' counters ("1/50 Title" ...
    "50/50 Title", each k of the same N, rising), their captions and credits, and the show's title lines.

    Only between the story's own prose, 40 words or more on each side: a gallery that is the page (captions
    under an introduction) is its article.

    >>> story = "Storms swept the county overnight, and the rivers rose fast. " * 4
    >>> slides = "".join(f"{k}/3 Slide {k}\\nA caption of slide {k} in a full sentence.\\nGetty\\n" for k in (1, 2, 3))
    >>> [line.in_widget for line in read_lines(story + "\\n" + slides + story)]
    [False, True, True, True, True, True, True, True, True, True, False]
    """
    slides: dict[int, list[int]] = {}
    last_k: dict[int, int] = {}
    for line in lines:
        match = _SLIDE_COUNTER.match(line.text) if line.kind in (SHORT, KICKER, PROSE) else None
        if match is None:
            continue
        k, n = int(match.group(1)), int(match.group(2))
        if not 1 <= k <= n or n < _GALLERY_SLIDES or k <= last_k.get(n, 0):
            continue
        last_k[n] = k
        slides.setdefault(n, []).append(line.index)
    for counters in slides.values():
        if len(counters) < _GALLERY_SLIDES:
            continue
        first, end = counters[0], _slide_end(lines, counters[-1])
        for _ in range(_GALLERY_TITLE_LINES):
            above = lines[first - 1] if first > 0 else None
            if above is None or above.kind not in (SHORT, KICKER, MARKER) or above.words > 6:
                break
            first -= 1
        before = _story_words(lines[max(0, first - _GALLERY_REACH) : first])
        after = _story_words(lines[end : end + _GALLERY_REACH])
        if before >= _GALLERY_STORY_WORDS and after >= _GALLERY_STORY_WORDS:
            for line in lines[first:end]:
                line.in_widget = line.slide = True
    return lines


def _story_words(lines: list[Line]) -> int:
    return sum(line.words for line in lines if line.kind == PROSE and not line.in_widget)


def _slide_end(lines: list[Line], counter: int) -> int:
    """Where the last slide, from its counter line, ends: after its caption (its first prose line) and the
    photo credit under that."""
    at = counter + 1
    while at < len(lines) and lines[at].kind != PROSE and at - counter <= 2:
        at += 1
    if at < len(lines) and lines[at].kind == PROSE:
        at += 1
    while (at < len(lines) and lines[at].kind in (SHORT, KICKER, CREDIT, CAPTION)
           and lines[at].words <= _SLIDE_CREDIT_WORDS):
        at += 1
    return at


# A ranked list's entry: its rank, then the headline ("3 Why the river rose", "3. Why ...").
_RANK: Final = re.compile(r"^(\d{1,2})\.?\s+\S")


def _release_header(lines: list[Line], body_at: int) -> None:
    """A list that runs straight into prose ends with that prose's own header (headline, byline
    or date): give those lines back."""
    cluster = [line for line in lines[max(0, body_at - 6) : body_at] if line.in_widget]
    if any(line.kind == BYLINE or (line.kind == DATE and find_date(unglue(line.text))) for line in cluster):
        for line in cluster:
            line.in_widget = False


def _continues_widget(line: Line, after_headline: bool) -> bool:
    if line.kind in (SHORT, KICKER, LIST_ITEM, BYLINE, DATE, READING, MARKER, CAPTION, RELATED, CREDIT):
        return True
    if line.kind == PROSE:
        # A teaser's one-line summary right under its headline; a real paragraph ends the list.
        question = line.text.rstrip(CLOSERS).endswith("?") and line.words <= 20
        return question or (after_headline and not line.gap_before and line.words <= 30)
    return False

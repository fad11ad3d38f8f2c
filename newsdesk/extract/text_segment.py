"""Segmenting copied text, pass 2: where the body starts and ends among the classified lines.

Prose lines count their words, header furniture (dates, bylines, captions) and short lines count
against, interface text counts nothing; the maximum-sum run of lines (Kadane) is the body. The run
is cut after the headline when the URL's slug names it, and before comments, a second article's
header or a closing run of unlabelled teasers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final
from urllib.parse import unquote, urlsplit

from newsdesk.extract.text_labels import (
    COMMENT_SIGNATURE,
    COMMENTS_LABEL,
    FEEDBACK_PROMPT,
    READ_ON,
    RELATED_LABELS,
    THREAD_HEADING,
)
from newsdesk.extract.text_lines import (
    ASIDE,
    BOILERPLATE,
    BYLINE,
    CAPTION,
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
    WORD,
    Line,
    line_key,
)

#: Fewer body words than this and the text is not an article (a teaser, a stub, a login wall).
MIN_ARTICLE_WORDS: Final = 40
_MAX_WORDS_SCORED: Final = 120
# The longest one-line summary under a teaser headline.
_TEASER_WORDS: Final = 45
#: A summary up to this long may stand alone under a run of teaser headlines.
_SHORT_SUMMARY_WORDS: Final = 25
# Datelines and bylines almost never sit inside a body, captions and boilerplate sometimes do.
_HEADER_PENALTY: Final = -25.0
_FURNITURE_PENALTY: Final = -15.0
_SCORES: Final = {
    SHORT: -6.0, KICKER: -6.0, DATE: _HEADER_PENALTY, BYLINE: _HEADER_PENALTY,
    READING: _HEADER_PENALTY, CAPTION: _FURNITURE_PENALTY, BOILERPLATE: _FURNITURE_PENALTY,
    CREDIT: 0.0, MARKER: 0.0, WIDGET: -2.0, RELATED: 0.0, TAGS: 0.0, ASIDE: -2.0,
    TABLE: 0.0, EMBED: 0.0,
}
# How many times the prose before it the text under a second header must hold to be the article.
_AFTER_HEADER_RATIO: Final = 2.0
# Words from which a short line may be a list item that lost its bullet (text_body reads it as one).
_BARE_ITEM_WORDS: Final = 8
# How far under a widget label its first teaser's "Read more" may sit (label, headline, summary, link...).
_TEASER_LOOKAHEAD: Final = 8
# Lines already judged not the article's: no run may cross them.
_SKIPPED: Final = -1.0e9
# Lines inside a block of other stories: never body, and a little against bridging over them.
_WIDGET_ITEM_SCORE: Final = -1.0


def body_span(lines: list[Line], url: str | None, skip: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Where the body is, as [start, end) over ``lines``, or None when no run of lines scores as one;
    with ``skip``, the best run that neither holds nor crosses those lines.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> body_span(read_lines("Most read\\nA headline\\n" + "Storms swept the county overnight. " * 9), None)
    (2, 3)
    """
    scores = [_score(line) for line in lines]
    if skip is not None:
        low, high = skip
        whole = _body_run(lines, scores, url)
        if whole is not None and whole[0] <= low < whole[1]:
            # The whole run it was cut from: a teaser grid's end was cut off as trailing teasers.
            low, high = whole[0], max(high, whole[1])
        scores[low:high] = [_SKIPPED] * (high - low)
    run = _body_run(lines, scores, url)
    if run is None:
        return None
    start, end = run
    cut, opens_article = _body_end(lines, start, end)
    after = _best_run(scores[cut:end]) if opens_article else None
    if after is not None:
        # An article's header partway through the run: the article is the one it opens when that
        # one runs to more than twice the prose before it (a menu of blurbs, a teaser); a comment
        # or a story after the article, each with its own header, is shorter or of a like length.
        next_start = cut + after[0]
        next_cut, _ = _body_end(lines, next_start, end)
        if _prose_words(lines, next_start, next_cut) > _AFTER_HEADER_RATIO * _prose_words(lines, start, cut):
            return next_start, next_cut
    return start, cut


def _prose_words(lines: Sequence[Line], start: int, end: int) -> int:
    return sum(line.words for line in lines[start:end] if line.kind == PROSE)


def _score(line: Line) -> float:
    if line.slide:
        # A slideshow inside the story: the story runs on under it.
        return 0.0
    if line.in_widget:
        return _WIDGET_ITEM_SCORE
    if line.quote:
        return max(0.0, float(min(line.words, _MAX_WORDS_SCORED)) if line.kind == PROSE else 0.0)
    if line.kind == PROSE:
        return float(min(line.words, _MAX_WORDS_SCORED))
    if line.kind == LIST_ITEM:
        return min(line.words, _MAX_WORDS_SCORED) / 2.0
    if line.kind == SHORT and line.words <= 3:
        return -3.0
    if line.kind == SHORT and line.words >= _BARE_ITEM_WORDS and not line.gap_before:
        # A sentence-length line run on from the one above: an item of a list whose bullets copying
        # dropped, far more often than a menu (menus are a few words a line); little against the body.
        return -1.0
    return _SCORES.get(line.kind, 0.0)


def _best_run(scores: Sequence[float]) -> tuple[int, int] | None:
    """The maximum-sum run of scores (Kadane), as [start, end) trimmed to positive ends."""
    best_sum = 0.0
    best: tuple[int, int] | None = None
    running = 0.0
    start = 0
    for index, score in enumerate(scores):
        if running <= 0:
            running = 0.0
            start = index
        running += score
        if running > best_sum:
            best_sum = running
            best = (start, index + 1)
    if best is None:
        return None
    first, end = best
    while first < end and scores[first] <= 0:
        first += 1
    return (first, end) if first < end else None


def slug_words(url: str | None) -> set[str]:
    """The words of a URL's slug (its most hyphenated path segment), for matching the headline.

    >>> sorted(slug_words("https://example.com/world/2025/10/01/rain-returns-to-the-county"))
    ['county', 'rain', 'returns', 'the']
    """
    if not url:
        return set()
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        # "http://[" and other unparsable URLs say nothing about the headline.
        return set()
    segments = [s for s in path.split("/") if s]
    if not segments:
        return set()
    slug = max(segments, key=lambda s: s.count("-") + s.count("_"))
    return {w for w in re.split(r"[-_.\s]+", slug.casefold()) if len(w) >= 3 and not w.isdigit()}


def _slug_headline(lines: Sequence[Line], slug: set[str]) -> int | None:
    """The first line that says what the URL's slug says: the headline, when there is a URL."""
    if len(slug) < 3:
        return None
    for line in lines:
        if line.kind not in (SHORT, PROSE, KICKER) or not 3 <= line.words <= 25 or "http" in line.text:
            continue
        tokens = {w for w in WORD.findall(line.text.casefold()) if len(w) >= 3}
        if len(slug & tokens) >= 0.75 * len(slug):
            return line.index
    return None


def _body_run(lines: Sequence[Line], scores: Sequence[float], url: str | None) -> tuple[int, int] | None:
    """Where the body is: the best run of lines, cut after the headline when the URL names it."""
    best = _best_run(scores)
    anchor = _slug_headline(lines, slug_words(url))
    if best is None or anchor is None or not best[0] < anchor < best[1]:
        return best
    # The headline sits inside the best run: what precedes it is other pages' teasers.
    after = _best_run(scores[anchor + 1 :])
    if after is None:
        return best
    start, end = after[0] + anchor + 1, after[1] + anchor + 1
    if sum(line.words for line in lines[start:end] if line.kind == PROSE) < MIN_ARTICLE_WORDS:
        return best
    return start, end


def _body_end(lines: list[Line], start: int, end: int) -> tuple[int, bool]:
    """End the body at the comments, where a second article's header (headline, then byline or
    date) begins, or where a trailing run of unlabelled teasers begins; and whether it ended at
    such a header."""
    total_words = sum(line.words for line in lines[start:end] if line.kind == PROSE)
    thread = thread_start(lines, start, end)
    words_so_far = 0
    for index in range(start, end):
        if index == thread:
            return index, False
        line = lines[index]
        if line.kind == PROSE:
            words_so_far += line.words
        if (line.kind == MARKER and words_so_far >= 2 * (total_words - words_so_far)
                and COMMENTS_LABEL.match(line_key(line.text))):
            # Comments follow the article; a "Comments" button before most of the text is a share bar.
            return index, False
        if line.kind == ASIDE and words_so_far >= 2 * (total_words - words_so_far):
            # "About the author" after most of the text: the author's bio and what follows it close the
            # page (near the top, "Author information" heads a paper's affiliations instead).
            return index, False
        if (line.kind == WIDGET and not line.in_widget and words_so_far >= total_words - words_so_far
                and any(READ_ON.match(line_key(f.text))
                        for f in lines[index + 1 : min(end, index + _TEASER_LOOKAHEAD)])):
            # "More Articles" over teasers whose summaries end in "Read more": other stories, after
            # most of this one's prose (a label over the story's own links has no such link lines).
            return index, False
        if words_so_far < 80 or line.kind not in (SHORT, KICKER) or line.in_widget:
            continue
        anchors = _header_anchors(lines, index, end)
        if anchors >= 2 or (anchors == 1 and line.words >= 4):
            if (anchors == 1 and total_words - words_so_far <= _AFTER_HEADER_RATIO * words_so_far
                    and _story_resumes(lines, index, end)):
                # A teaser card inside the story (a headline over a date or a byline alone); the
                # story's own prose runs on under it.
                continue
            return index, True
    return _before_trailing_teasers(lines, start, end), False


def _header_anchors(lines: Sequence[Line], index: int, end: int) -> int:
    """How many of the three lines under a headline (up to the first prose) are a byline, date or
    reading time: what tells an article's header from a subheading."""
    anchors = 0
    for follower in lines[index + 1 : min(end, index + 4)]:
        if follower.kind in (BYLINE, DATE, READING):
            anchors += 1
        elif follower.kind == PROSE:
            break
    return anchors


#: The story's prose that must run on under a teaser card, in words and paragraphs, before the next
#: header or page furniture: a teaser's own summary is one paragraph, a comment or a teaser list's
#: entry is cut short by the next signature or card.
_RESUMED_WORDS: Final = 150
_RESUMED_PARAGRAPHS: Final = 3
# What a story's own run of text is made of; any other line (a marker, a widget, a credit) ends it.
_STORY_KINDS: Final = (PROSE, SHORT, LIST_ITEM, CAPTION)


def _story_resumes(lines: Sequence[Line], index: int, end: int) -> bool:
    """Whether, under the header at ``index``, a story's prose runs on for 3 paragraphs and 150 words
    before the next header or a line of page furniture: then the header is a teaser card set inside
    the story, not a second article's.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> para = "The council voted on the plan after a long debate in the chamber that evening. " * 4
    >>> lines = read_lines("Another story on the site today\\nMay 3, 2024\\n" + (para + "\\n") * 3)
    >>> _story_resumes(lines, 0, len(lines))
    True
    >>> _story_resumes(lines[:3], 0, 3)
    False
    """
    resume = index + 1
    while resume < end and lines[resume].kind != PROSE:
        resume += 1
    words = paragraphs = 0
    for at in range(resume, end):
        line = lines[at]
        if line.kind not in _STORY_KINDS or (line.kind == SHORT and _header_anchors(lines, at, end)):
            break
        if line.kind == PROSE:
            words += line.words
            paragraphs += 1
    return words >= _RESUMED_WORDS and paragraphs >= _RESUMED_PARAGRAPHS


#: Signature lines that make a thread, and the article's prose words there must be before the first.
_THREAD_SIGNATURES: Final = 3
_THREAD_AFTER_WORDS: Final = 100
#: Signature lines after which a thread may follow a shorter post (an open thread's few sentences), and
#: that post's fewest words.
_THREAD_MANY_SIGNATURES: Final = 5
_THREAD_SHORT_POST_WORDS: Final = MIN_ARTICLE_WORDS
_CLOCK: Final = re.compile(r"\d:\d\d")


def thread_start(lines: Sequence[Line], start: int, end: int) -> int | None:
    """Where a readers' thread in the run [start, end) begins, after the article's first 100 words of
    prose: at its heading ("12 thoughts on “Title”", "3 Kommentare", "Leave a Reply") or the page's request
    for the reader's verdict ("Was this page helpful?"), or at the first of its signed comments
    (``_comment_thread``); None when the run has none.

    Only comments follow such a heading, however long they run, so no share of the text guards it as
    one guards a bare "Comments" label.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> post = "Storms swept the county overnight, and the rivers rose. " * 12
    >>> lines = read_lines(post + "\\n2 Responses to Storms\\nGreat post, thank you for it.")
    >>> thread_start(lines, 0, len(lines))
    1
    """
    words = 0
    heading: int | None = None
    for index in range(start, end):
        line = lines[index]
        if line.kind == PROSE:
            words += line.words
        if words < _THREAD_AFTER_WORDS or line.in_widget:
            continue
        key = line_key(line.text)
        if (line.words <= 40 and THREAD_HEADING.match(key)) or FEEDBACK_PROMPT.match(key):
            heading = index
            break
    signed = _comment_thread(lines, start, end if heading is None else heading)
    return signed if signed is not None else heading


def _comment_thread(lines: Sequence[Line], start: int, end: int) -> int | None:
    """Where a readers' thread in the run [start, end) begins: the first of three or more comment
    signature lines ("Kathy Owen says:", "Reply") after the article's first 100 words of prose (of five or
    more after its first 40 words: a short post under a long thread), or the short name line just over it
    when the signature is a timestamp; None when the run has no thread.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> post = "Storms swept the county overnight, and the rivers rose. " * 12
    >>> lines = read_lines(post + "\\nAmy says:\\nGreat post.\\nJo says:\\nThanks!\\nAmy says:\\nYou're welcome.")
    >>> _comment_thread(lines, 0, len(lines)), lines[1].text
    (1, 'Amy says:')
    """
    words = 0
    first: int | None = None
    signatures = 0
    # A short post under a long thread: many signatures after a few sentences.
    early: int | None = None
    early_signatures = 0
    for index in range(start, end):
        line = lines[index]
        if line.kind == PROSE:
            words += line.words
        if line.words > 12 or words < _THREAD_SHORT_POST_WORDS or not COMMENT_SIGNATURE.match(line.text):
            continue
        early_signatures += 1
        early = index if early is None else early
        if words < _THREAD_AFTER_WORDS:
            continue
        signatures += 1
        first = index if first is None else first
    if early is not None and early_signatures >= _THREAD_MANY_SIGNATURES:
        first, signatures = early, early_signatures
    if first is None or signatures < _THREAD_SIGNATURES:
        return None
    above = lines[first - 1] if first - 1 > start else None
    if above is not None and above.kind in (SHORT, BYLINE) and above.words <= 4 and _CLOCK.search(lines[first].text):
        # "Jane Roe" over "May 3, 2021 at 4:12 pm": the name opens the comment.
        return first - 1
    return first


# How many times the prose above them a closing run of teasers may hold before it is the story's own sections.
_TEASERS_RATIO: Final = 2.0


def _before_trailing_teasers(lines: list[Line], start: int, end: int) -> int:
    """Where a run of teasers (headline, one-line summary, headline, ...) that closes the body starts; not
    where that run holds more than twice the prose above it."""
    index = end - 1
    # Distinct: teasers are other stories, while one label over every paragraph is the article's layout.
    headlines: set[str] = set()
    first_teaser = end
    summaries = long_summaries = 0
    while index > start:
        line = lines[index]
        if line.kind in (SHORT, KICKER) or line.in_widget:
            if line.kind in (SHORT, KICKER):
                headlines.add(line_key(line.text))
        elif line.kind == PROSE and line.words <= _TEASER_WORDS and lines[index - 1].kind in (SHORT, KICKER):
            summaries += 1
            long_summaries += line.words > _SHORT_SUMMARY_WORDS
        elif line.kind not in (MARKER, DATE, BYLINE, READING, CAPTION):
            break
        if line.kind in (SHORT, KICKER):
            first_teaser = index
        index -= 1
    # A paragraph of a sentence or two after short lines is also how a story closes a list copied
    # without its bullets: summaries that long count only when teasers repeat them.
    teasers = len(headlines) >= 3 and (not long_summaries or summaries >= 2)
    if teasers and _prose_words(lines, first_teaser, end) > _TEASERS_RATIO * _prose_words(lines, start, first_teaser):
        # Far more of the text than the story above them: the story's own sections (a subheading over a
        # short paragraph, a glossary), under its introduction.
        return end
    return first_teaser if teasers else end


#: How far into the body the headline may sit: its first lines before real prose.
_HEADLINE_ZONE_LINES: Final = 4
_HEADLINE_ZONE_WORDS: Final = 30


def headline_zone(lines: Sequence[Line], start: int, end: int) -> int:
    """Where the lines that may hold the headline end: the header, and the body's opening lines up
    to its first long paragraph (a headline phrased as a question, or one under a kicker the
    segmentation scored as prose, opens the body run).

    >>> from newsdesk.extract.text_classify import read_lines
    >>> lines = read_lines("Is the river rising too fast for the town?\\n" + "Storms swept the county overnight. " * 9)
    >>> headline_zone(lines, 0, 2)
    1
    """
    zone = start
    for line in lines[start : min(end, start + _HEADLINE_ZONE_LINES)]:
        if line.kind == PROSE and (line.words > _HEADLINE_ZONE_WORDS or line.text.endswith(".")):
            # A paragraph: what follows it is body, not a headline.
            break
        zone += 1
    return zone if zone < end else start


def tail_lines(lines: list[Line], end: int) -> list[Line]:
    """The lines just after the body, up to the first block of other stories.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> [line.text for line in tail_lines(read_lines("Rain fell all night.\\nSource: AFP\\nMost read\\nA headline"), 1)]
    ['Source: AFP']
    """
    tail: list[Line] = []
    for line in lines[end : end + 12]:
        if line.kind == WIDGET and line_key(line.text) not in RELATED_LABELS:
            break
        if line.kind == PROSE and not line.in_widget:
            break
        tail.append(line)
    return tail

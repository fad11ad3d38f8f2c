"""Articles from scraped text: a news page as a reader copied it out of a browser.

Select-all and copy flattens a page into lines: navigation, a header (section, date, reading
time, headline, standfirst, the image's alt text and caption), the body broken by interface text
("RECOMMENDED", "Advertisement", "Read more: ..."), credit lines, related links, and lists of other
headlines with their own bylines. No markup says which is which, so this module reads the shape
of the text instead, in three linear passes:

1. **Classify** every line on its own (bounded regexes, no backtracking): prose, short
   headline-like text, kicker, date line, byline, reading time, caption, credit, interface
   marker, widget label ("Most read", "Related", "Tags", "Table of contents"), boilerplate
   sentence, list item, table row, embedded-post attribution. Widget labels then open runs of
   headline-like lines that are never body, wherever they sit, and whose bylines are never
   the article's.
2. **Segment** with scores: prose lines count their words, header furniture (dates, bylines,
   captions) and short lines count against, interface text counts nothing. The maximum-sum
   run of lines (Kadane) is the body; what precedes it is the header zone and what follows the
   footer. The run is cut after the headline when a URL's slug names it, and before comments,
   a second article's header or a closing run of unlabelled teasers.
3. **Read fields** from their zone: headline (scored: repeated, over a standfirst, byline or
   date, under a kicker, matching the URL), standfirst, section, dates, authors, caption and
   reading time from the header zone; body blocks, wire credit and related links from the body
   and the lines just after it.

Each pass is a module: ``text_classify`` (with the line record in ``text_lines``, the interface
vocabulary in ``text_labels`` and header furniture in ``text_furniture``), ``text_segment``, and
``text_header``, ``text_body`` and ``text_related`` for the fields; this module assembles them.

Written by hand because the text extractors people use (trafilatura, readability, newspaper)
all start from HTML; none reads copied text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from newsdesk.errors import DecodingError, EmptyInputError, InputTooLargeError, UnsupportedInputError
from newsdesk.extract.authors import clean_authors
from newsdesk.extract.body_trim import trim_tail
from newsdesk.extract.calls_to_action import drop_calls_to_action
from newsdesk.extract.dates import date_from_url
from newsdesk.extract.language import detect_language
from newsdesk.extract.text_body import (
    body_blocks,
    body_image,
    is_listing,
    opens_as_headline,
    without_author_bio,
    without_repeated_runs,
)
from newsdesk.extract.text_classify import read_lines
from newsdesk.extract.text_furniture import byline_names, is_bare_photo_credit
from newsdesk.extract.text_header import (
    Header,
    dated_byline,
    dates,
    name_lines,
    read_header,
    section_title,
    signed_names,
    trim_glued_name,
    without_role,
)
from newsdesk.extract.text_headline import lead_words, repeat_counts, tidy_headline
from newsdesk.extract.text_line_model import (
    ADD_AT,
    DROP_AT,
    addable,
    body_chances,
    drop_chances,
    droppable,
    rules_kept,
    with_added_lines,
    without_lines,
)
from newsdesk.extract.text_lines import (
    BYLINE,
    CLOSERS,
    CREDIT,
    DATE,
    KICKER,
    PROSE,
    READING,
    Line,
    line_key,
    word_count,
)
from newsdesk.extract.text_related import host, related_links, site_from_related, tags
from newsdesk.extract.text_segment import MIN_ARTICLE_WORDS, body_span, headline_zone, tail_lines, thread_start
from newsdesk.extract.wire import lookup_agency, wire_source_from_lines
from newsdesk.model import Article, Block

__all__ = ["MAX_TEXT_CHARS", "extract_text", "line_kinds", "section_title"]
#: Largest text accepted. A copied article is tens of kilobytes; millions of characters are a
#: dump or an attack, and refusing them keeps one bad input from stalling a batch.
MAX_TEXT_CHARS: Final = 2_000_000
_CONTROL: Final = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_WITH_AGENCY: Final = re.compile(r"\bwith\b", re.I)
_CLOCK: Final = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_REPORTED_BY: Final = re.compile(r"\b(?:reporting|reported|written|writing) by\b", re.I)


def _check_input(text: object, name: str | None) -> str:
    if not isinstance(text, str):
        raise UnsupportedInputError(name, f"scraped text must be str, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InputTooLargeError(name, f"text of {len(text):,} characters exceeds {MAX_TEXT_CHARS:,}")
    if not text.strip():
        raise EmptyInputError(name, "no text")
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise DecodingError(name, "text holds control characters: binary data, not a copied page")
    return text


def extract_text(text: str, url: str | None = None, source: str | None = None, learned: bool = True) -> Article:
    """Extract an Article from text copied out of a browser page.

    The rules choose the body; with ``learned`` (the default) the line classifiers of
    ``text_line_model`` then read every line again, given what the rules kept: one adds text lines
    the rules left out, the other takes out one-line blocks they kept (``learned=False`` gives the
    rules' answer alone, which is what both are fitted on).

    Raises EmptyInputError, InputTooLargeError, DecodingError (binary junk) or
    UnsupportedInputError (not a str); anything else comes back as an Article, with
    ``is_article=False`` when the text is not an article: an empty body when no run of lines reads as
    one, else the lines found (a listing's best run, a teaser too short to be a story), as for HTML.

    >>> page = ("WORLD\\nRain returns to the county after a dry summer\\nBy Jane Doe\\n"
    ...         "October 1, 2025\\n\\n" + "After months without rain, storms swept the county. " * 8 +
    ...         "\\n\\nAdvertisement\\n\\n" + "Farmers, who had feared for their crops, welcomed it. " * 6 +
    ...         "\\n\\nSource: AFP\\nMost read\\nA headline about something else\\nBy John Roe")
    >>> article = extract_text(page)
    >>> article.headline, article.section, article.authors, article.published
    ('Rain returns to the county after a dry summer', 'World', ['Jane Doe'], '2025-10-01')
    >>> len(article.body), article.wire_source.code, article.is_article
    (2, 'AFP', True)
    """
    _check_input(text, source or url)
    lines = read_lines(text)
    span = body_span(lines, url)
    if span is None:
        return Article(url=url, is_article=False).finish()
    article = Article(url=url, canonical_url=url)
    read = _read_zones(lines, span, url)
    listing = is_listing(lines, read.start, read.body)
    if listing:
        # That run reads as a list of other stories; the article may be elsewhere in the text
        # (a teaser block that outscored a short article). A listing page has no other run, and
        # keeps the best one's lines with the verdict, as an HTML page does.
        other = body_span(lines, url, skip=span)
        if other is not None:
            read_other = _read_zones(lines, other, url)
            if not is_listing(lines, read_other.start, read_other.body):
                read, listing = read_other, False
    start, header, body = read.start, read.header, read.body
    header_lines, body_lines, tail = read.header_lines, read.body_lines, read.tail

    # Where agencies are named: the first paragraph's dateline, credit lines, the last paragraphs.
    credit_lines = [line.text for line in body_lines[:1] + body_lines[-3:]]
    credit_lines += [line.text for line in body_lines + tail if line.kind == CREDIT]
    # Last, and only in their "Outlet with AA" or "Source: AFP" form: credits by the headline
    # (a bare "AFP" there is the photo's).
    credit_lines += [line.text for line in header_lines[-12:]
                     if line.kind in (CREDIT, KICKER) and not line.in_widget and not is_bare_photo_credit(line.text)]
    # "By Jane Doe with AFP"
    credit_lines += [line.text[m.start() :] for line in header_lines[-12:] if line.kind == BYLINE
                     for m in [_WITH_AGENCY.search(line.text)] if m]
    wire = wire_source_from_lines(credit_lines).source
    signature: Line | None = None
    if not header.byline_names:
        # No byline by the headline: the first one among the body's opening lines or just after the
        # body (a byline under the standfirst, or signed at the end), as dates are looked for.
        opening = [line for line in body_lines[:8] if not line.in_widget]
        header.byline_names = _first_byline(opening)
        if not header.byline_names:
            # One the classifier did not call a byline there ("Edgar Schuler" over "Publiziert heute um
            # 12:19 Uhr"): read as the header's are; that line is then the header's, not the body's.
            header.byline_names, signature = _opening_byline(opening)
        if not header.byline_names:
            header.byline_names = _first_byline(tail[:3])
    authors = clean_authors(header.byline_names or [])
    if not header.byline_names:
        # No byline: a wire footer's "Reporting by Jane Doe; Editing by ..." names the reporters.
        staff = [line.text for line in body_lines + tail if line.kind == CREDIT and _REPORTED_BY.search(line.text)]
        authors = clean_authors(staff)
    if wire is None:
        for name in header.byline_names or []:
            wire = lookup_agency(name)
            if wire:
                break
    image = header.image
    if image is None:
        image = body_image(body_lines)

    published = header.published
    updated = header.updated
    # No date in the header: one among the first lines of the body region, just after the body,
    # or in a list that ran into the body's start (its header cluster) is the next best.
    fallbacks = (
        [line for line in body_lines[:8] if not line.in_widget],
        tail[:3],
        [line for line in header_lines[-8:] if line.in_widget and line.kind == DATE],
    )
    for candidates in fallbacks:
        if published is not None:
            break
        published, late_updated = dates(candidates)
        updated = updated or late_updated
    if published is None and url:
        published = date_from_url(url)
    if published is None:
        # A page that shows only when it was updated vouches for no earlier date than that one.
        published = updated

    article.headline = tidy_headline(header.headline, header_lines) if header.headline else None
    article.standfirst = header.standfirst
    article.section = header.section
    article.published = published
    article.updated = updated
    article.authors = authors
    article.image = image
    if signature is not None:
        read.drop.add(line_key(signature.text))
        body = [block for block in body if line_key(block.text) not in read.drop]
    article.body = without_author_bio(body, authors)
    if learned and sum(word_count(block.text) for block in article.body) >= MIN_ARTICLE_WORDS:
        article.body = without_author_bio(_learned_body(lines, article.body, read), authors)
    # Last, on the blocks that made it into the body: a run printed twice, then what HTML mode trims at the
    # end of its body too (a closing run of labels and titles, the publisher's calls to its reader).
    article.body = drop_calls_to_action(trim_tail(without_repeated_runs(article.body)))
    article.wire_source = wire
    article.related = related_links(body_lines + tail)
    article.site_name = site_from_related(article.related) or host(url)
    article.tags = tags(lines[start:])
    article.reading_time_minutes = header.reading_minutes
    article.finish()
    # A verdict, not a filter, as for HTML: a text judged no story keeps the lines found for its body.
    article.is_article = not listing and sum(word_count(block.text) for block in article.body) >= MIN_ARTICLE_WORDS
    if body:
        article.language = detect_language(article.text)
    return article


@dataclass(slots=True)
class _Zones:
    """One body run read: where the body starts, the header's fields, and the lines of each zone."""

    start: int
    header: Header
    header_lines: list[Line]
    body_lines: list[Line]
    tail: list[Line]
    body: list[Block]
    #: Keys of the lines that are header, not body, wherever they sit (headline, standfirst, caption).
    drop: set[str]


def _read_zones(lines: list[Line], span: tuple[int, int], url: str | None) -> _Zones:
    """The header, body and tail of one body run ``span``."""
    start, end = span
    zone = headline_zone(lines, start, end)
    header = read_header(lines[:zone], repeat_counts(lines, zone), url, lead_words(lines[zone:end]))
    at = header.headline_at
    if at is not None and at >= start and not _introduces(header.headline or "") and sum(
        line.kind == PROSE for line in lines[start:at]
    ) <= 1:
        # The headline opened the body run (under a notice or a breadcrumb at most): the body starts
        # under it, and what precedes it is header.
        start = at + 1
        if any(line.text == header.standfirst for line in lines[start:zone]):
            # The body's first paragraph, not a standfirst: that run scored as prose.
            header.standfirst = None
    elif zone > start:
        header = read_header(lines[:start], repeat_counts(lines, start), url, lead_words(lines[start:end]))
    header_lines = lines[:start]
    body_lines = lines[start:end]
    tail = tail_lines(lines, end)

    if header.headline is None and len(body_lines) > 1 and opens_as_headline(body_lines[0]):
        # Nothing before the body: the text was copied from the headline down, and a headline
        # phrased as a question or exclamation scored as prose.
        header.headline = body_lines[0].text
        body_lines = body_lines[1:]
    drop = {line_key(t) for t in (header.headline, header.standfirst) if t}
    if header.image and header.image.caption:
        drop.add(line_key(header.image.caption))
    body = body_blocks(body_lines, drop)
    return _Zones(start, header, header_lines, body_lines, tail, body, drop)


def _first_byline(*places: list[Line]) -> list[str]:
    """The names of the first byline line in the first of ``places`` that has one.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> _first_byline(read_lines("Rain fell all night."), read_lines("By Jane Doe\\nBy John Roe"))
    ['Jane Doe']
    """
    for lines in places:
        for line in lines:
            names = byline_names(line.text) if line.kind == BYLINE else None
            if names:
                return [names]
    return []


#: The most words of a byline found among the body's opening lines: a name and its job or date, not a sentence.
_BYLINE_WORDS: Final = 12
_STATEMENT: Final = (".", "!", "?", ":")


def _opening_byline(lines: list[Line]) -> tuple[list[str], Line | None]:
    """The names of a byline among the body's opening ``lines`` that the classifier did not call one, and
    its line: a bare name by a date, a date line that signs the story, or a prefixed byline with its job.

    A sentence is never one ("Jane Doe, 45, was arrested on Monday."): the line is short and does not
    end as a statement.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> _opening_byline(read_lines("Edgar Schuler\\nPubliziert heute um 12:19 Uhr\\nRain fell all night."))[0]
    ['Edgar Schuler']
    >>> _opening_byline(read_lines("Jane Doe, 45, was arrested on Monday.\\nMarch 3, 2025"))
    ([], None)
    """
    found: list[tuple[int, str]] = [(position, lines[position].text) for position in name_lines(lines)]
    found += [(position, names) for position, line in enumerate(lines) for names in dated_byline([line])]
    # signed_names gives the names, not the line: the first of the lines it reads that prints them.
    found += [(position, names) for names in signed_names(lines)
              for position in [next((p for p, line in enumerate(lines) if names in line.text), None)]
              if position is not None]
    for position, names in sorted(found):
        line = lines[position]
        # A date line may run long ("Jane Doe · CBC News · Posted: Aug 8, 2024 4:00 AM | Last Updated: ...").
        if (line.words > _BYLINE_WORDS and line.kind != DATE) or line.text.rstrip(CLOSERS).endswith(_STATEMENT):
            continue
        cleaned = trim_glued_name(without_role(names)).strip()
        # Not a label and its value ("Average GPA: 3.75") nor a photo's credit ("Friso Gentsch/dpa").
        if not cleaned or ":" in cleaned or "/" in cleaned or is_bare_photo_credit(line.text):
            continue
        if not _dated_nearby(lines, position) and names == line.text.strip():
            # A bare name with no date, time or byline beside it is a subheading ("Pre-Workout Meal").
            continue
        if clean_authors([cleaned]):
            return [cleaned], line
    return [], None


def _dated_nearby(lines: list[Line], position: int) -> bool:
    """Whether a date line, reading time, byline or short line with a clock time ("Publiziert heute um
    12:19 Uhr") sits within two lines of ``position``."""
    around = [line for line in lines[max(0, position - 2) : position + 3] if line is not lines[position]]
    return any(line.kind in (DATE, READING, BYLINE) or (line.words <= _BYLINE_WORDS and _CLOCK.search(line.text))
               for line in around)


def _learned_body(lines: list[Line], body: list[Block], read: _Zones) -> list[Block]:
    """The rules' ``body`` with the lines the line classifier adds to it and without those the drop
    model takes out; never the headline, standfirst or caption, which stay out of the rules' body too."""
    kept = rules_kept(lines, body)
    judged = addable(lines, kept)
    header_keys = read.drop
    thread = thread_start(lines, read.start, len(lines))
    if thread is not None:
        # A readers' thread after the story: its comments read as prose, and none is the story's.
        judged[thread:] = [False] * (len(lines) - thread)
    rows = [at for at, judge in enumerate(judged) if judge]
    added = [False] * len(lines)
    if rows:
        for at, chance in zip(rows, body_chances(lines, kept, rows), strict=True):
            added[at] = bool(chance >= ADD_AT) and line_key(lines[at].text) not in header_keys
    rows = [at for at, judge in enumerate(droppable(lines, kept)) if judge]
    if rows:
        # A one-line block the drop model judges not body leaves (a promotion, a comment, a teaser).
        dropped = [False] * len(lines)
        for at, chance in zip(rows, drop_chances(lines, kept, rows), strict=True):
            dropped[at] = bool(chance < DROP_AT)
        if any(dropped):
            body = without_lines(lines, body, dropped)
    return with_added_lines(lines, body, added) if any(added) else body


def _introduces(text: str) -> bool:
    """A body line that ends as a statement or introduces what follows ("Results after 36 races:"): a
    paragraph's sentence, not a headline, though the ranker may like it."""
    return text.rstrip(CLOSERS).endswith((":", "."))


def line_kinds(text: str) -> list[tuple[str, str]]:
    """Each non-blank line of ``text`` with the kind the classifier gives it (for inspection).

    >>> line_kinds("MIDDLE EAST\\n1 min read\\nBy Jane Doe\\nAdvertisement")
    [('kicker', 'MIDDLE EAST'), ('reading_time', '1 min read'), ('byline', 'By Jane Doe'), ('marker', 'Advertisement')]
    """
    return [(line.kind, line.text) for line in read_lines(text)]

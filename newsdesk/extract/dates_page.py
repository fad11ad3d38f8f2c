"""Which of the dates a page states is its publication date: the order of trust.

A page states its dates several times over: JSON-LD, ``<meta>`` conventions, microdata, ``<time>``
elements, app state in scripts, the URL and the visible dateline. :func:`page_dates` reads them
surest first and takes the first that parses, with two checks that hold across sites:

- **A stamp is not a record.** Content systems and static-site builders often write the same
  instant into ``datePublished`` and ``dateModified`` (the last save or the last build), or a
  "published" instant later than the "modified" one. Such a field says when the page was written
  out, not when the article appeared. When the page prints a dateline by its headline that is more
  than a day away from that stamp (a day apart is a time zone, not another date), the dateline is
  the article's date.
- **A UTC instant is read on the site's own calendar** when the page shows its zone: it writes
  the same instant with an offset elsewhere, or other times with an offset and a URL that spells
  the resulting local day. "02:41 UTC on the 19th" is the evening of the 18th for a site in New
  York, whose URL says ``/2025/12/18/``.

The sources are read by their own modules (:mod:`~newsdesk.extract.jsonld`,
:mod:`~newsdesk.extract.bylines`, :mod:`~newsdesk.extract.dates`); this module is only the order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.bylines import labelled_dates, time_element_dates, visible_date
from newsdesk.extract.dates import date_from_url, find_date, parse_date
from newsdesk.extract.jsonld import LinkedData, script_dates, string_values
from newsdesk.extract.pageindex import PageIndex, nearest, node_text, node_words

_LOCALE: Final = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?\b")
#: Regions that write numeric dates month first.
_MONTH_FIRST_REGIONS: Final = frozenset({"US", "PH", "FM", "MH", "PW"})
#: How many microdata nodes of one property, and <time> elements for the page's zone, are looked at.
_MAX_NODES: Final = 8
# Names sites give their own date fields ("w-published-date", "date-pub", "sn-post-date", "pdate").
_PUBLISHED_KEY: Final = re.compile(
    r"publish|pub[-_.]?date|date[-_.]?pub|release[-_.]?date|issued|post[-_.]?date|article[-_.]?date|creat|^pdate$"
)
_UPDATED_KEY: Final = re.compile(r"modif|updat|revis")
_NOT_PUBLISHED_KEY: Final = re.compile(r"modif|updat|expir|valid|revis|review|edit|last|end")
_NOT_UPDATED_KEY: Final = re.compile(r"expir|valid|by$|author|user|id$")
#: <meta> names of the publication date, surest first.
_PUBLISHED_METAS: Final = (
    "article:published_time", "og:published_time", "article:published", "citation_publication_date",
    "citation_date", "citation_online_date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.created", "dcterms.date", "pubdate", "publishdate", "publish-date",
    "publish_date", "publication_date", "date", "article.published", "datepublished", "article_date_original",
    "original-publish-date", "pub_date", "created",
)
#: <meta> names of the last modification date, surest first.
_UPDATED_METAS: Final = (
    "article:modified_time", "og:updated_time", "article:modified", "dcterms.modified", "last-modified",
    "lastmod", "datemodified", "modified",
)
#: Days a printed dateline may differ from a stamp without a time and still be the same date in another zone.
_SAME_DATE_DAYS: Final = 1
#: The offsets of the zones furthest west and east of UTC (Baker Island, Kiribati's Line Islands).
_WESTMOST: Final = timedelta(hours=-12)
_EASTMOST: Final = timedelta(hours=14)
#: The longest line after a headline that can be its dateline ("By Jane Doe · Published March 17, 2025").
_MAX_DATELINE_CHARS: Final = 200
#: A word of a line: letters with any punctuation, no digit ("Teamometer," counts, "8:18am" not).
_WORD: Final = re.compile(r"(?<!\S)[^\s\d]*[^\W\d_][^\s\d]*(?!\S)")
#: The most elements and text pieces a dateline's element holds (a byline, a date, icons drawn in SVG).
_MAX_DATELINE_NODES: Final = 150
#: Elements looked at after the headline, at each of the levels from it up to its grandparent.
_DATELINE_SIBLINGS: Final = 6
_DATELINE_LEVELS: Final = 3
#: Elements that hold a photo and its caption, which dates the photo, not the article.
_PHOTO_TAGS: Final = frozenset({"figure", "figcaption", "picture", "img"})
#: What sets the parts of a title apart ("Headline | Section | Site | 28.04.2023").
_TITLE_PARTS: Final = re.compile(r"\s+[-–—·•]\s+|\s*\|\s*")
#: The most words of letters a title's date part holds ("Nov. 6, 2012", "Tuesday 6 November 2012").
_TITLE_DATE_WORDS: Final = 2
#: Elements beside the story (related links, navigation) whose dates are other pages'.
_ASIDE_TAGS: Final = frozenset({"aside", "nav", "footer"})
_PHOTO_SELECTOR: Final = 'figure, figcaption, [class*="caption" i]'
#: A label saying the date after it is an update ("Last updated:", "Mis à jour le", "Обновлено", "更新").
_UPDATE_LABEL: Final = re.compile(
    r"updated|modified|revised|reviewed|aktualisiert|mis\s+à\s+jour|actualizado|actualitzat|aggiornat|bijgewerkt"
    r"|atualizad|zaktualizowan|aktualizac|aktualizován|обновлен|оновлен|güncellen|uppdaterad|opdateret|oppdatert"
    r"|päivitetty|frissítve|actualizat|ενημερώθηκε|עודכן|تحديث|更新|업데이트|수정",
    re.IGNORECASE,
)
#: Words saying the date after them is the first publication, in several languages.
_FIRST_PUBLISHED: Final = re.compile(
    r"\b(?:originally|first)\s+(?:published|posted)|ursprünglich\s+veröffentlicht|erstmals\s+(?:veröffentlicht|erschienen)"
    r"|publié\s+(?:initialement|à\s+l'origine)|publicado\s+originalmente|pubblicato\s+originariamente"
    r"|oorspronkelijk\s+gepubliceerd|pierwotnie\s+opublikowan|первоначально\s+опубликован",
    re.IGNORECASE,
)
_DIGIT: Final = re.compile(r"\d")
#: A value that ends in an offset other than UTC's, the only ones that can give the site's zone.
_LOCAL_OFFSET: Final = re.compile(r"[+-](?!00:?00$)\d{2}:?\d{2}$")
#: The offset at the end of an ISO date-time ("+00:00", "-05:00").
_OFFSET: Final = re.compile(r"T\d{2}:\d{2}:\d{2}([+-])(\d{2}):(\d{2})$")


def page_dates(
    tree: LexborHTMLParser,
    index: PageIndex,
    linked: LinkedData,
    headline: str | None,
    headline_node: LexborNode | None,
    url: str | None,
) -> tuple[str | None, str | None]:
    """The publication and last modification dates, each from the surest source that gives one.

    Fields written for machines come first (with a ``<time>`` in the article's header), then the
    URL, what a reader sees near the headline or the byline, app state in scripts, and dates
    labelled anywhere on the page. An updated date never passes for the publication date while
    the page gives one; only a page that says nothing but when it changed is taken to be
    published then.

    >>> tree = LexborHTMLParser(
    ...     '<html><head><meta property="article:published_time" content="2025-06-24T10:00:00Z">'
    ...     '<meta property="article:modified_time" content="2025-06-24T10:00:00Z"></head><body><article>'
    ...     '<h1>Yoga prices</h1><p>Shauna Mitchell · August 25, 2024</p><p>Text.</p></article></body></html>')
    >>> index = PageIndex.read(tree)
    >>> page_dates(tree, index, LinkedData.read(index.ld_scripts), "Yoga prices", tree.css_first("h1"), None)
    ('2024-08-25', '2025-06-24T10:00:00+00:00')
    """
    published = _first_date(_published_candidates(index, linked, headline_node))
    updated = _first_date(_updated_candidates(index, linked))
    if published is not None:
        if _is_a_stamp(published, updated):
            printed = printed_dateline(headline_node, page_day_first(index))
            if printed is not None and _is_another_date(printed, published, updated):
                return printed, updated
            recorded = _recorded_date(index, linked, headline_node, published, updated)
            if recorded is not None:
                published = recorded
        return _on_the_sites_calendar(published, index, updated, url), updated
    url_day = date_from_url(url) if url else None
    day_first = page_day_first(index)
    # A page that says when it first appeared ("originally published on 26 Sep 2019, regularly
    # updated") states the date outright, where its other printed dates can be the updates.
    first = first_publication(index, day_first)
    if first is not None:
        return first, updated
    # The site's own statements of the day, its URL and its title ("... | DW | 28.04.2023"), beat
    # the printed dates, which can be a photo's or another story's; a printed date of that same
    # day is kept for the time of day it adds.
    stated = url_day or title_date(tree, index, day_first)
    published = visible_date(tree, index, headline_node, day_first)
    if stated is not None and (published is None or published[:10] != stated):
        published = stated
    if published is None:
        published = _first_date([script_dates(index.scripts, headline)])
    if published is None:
        # The whole page's text is read only here, for the few pages with no date elsewhere.
        published, labelled_updated = labelled_dates(tree, day_first)
        updated = updated or labelled_updated
    if published is None:
        # A page that states only when it was last changed was published no later than that;
        # it is the best date there is, and what a reader of the page would take as its date.
        published = updated
    return published, updated


def page_day_first(index: PageIndex) -> bool | None:
    """How the page writes numeric dates, from its locale: "03/10/2023" is March in the US only.

    None (do not guess) for English without a region, which US and British sites both declare,
    unless the page's other declaration (``og:locale`` after ``lang``) names the region.

    >>> tree = LexborHTMLParser('<html lang="en-US"><body></body></html>')
    >>> page_day_first(PageIndex.read(tree))
    False
    >>> tree = LexborHTMLParser('<html lang="en"><head><meta property="og:locale" content="en_GB"></head></html>')
    >>> page_day_first(PageIndex.read(tree))
    True
    """
    for locale in (index.root_attributes.get("lang"), index.meta("og:locale")):
        match = _LOCALE.match(locale or "")
        if match is None:
            continue
        language, region = match.group(1).lower(), (match.group(2) or "").upper()
        if language == "en":
            if not region:
                continue
            return region not in _MONTH_FIRST_REGIONS
        return True
    return None


def title_date(tree: LexborHTMLParser, index: PageIndex, day_first: bool | None) -> str | None:
    """The day a part of the page's title is, as ``YYYY-MM-DD``, or None.

    Some sites end every story's title with its date, set apart like the site's name. Only a part
    that is a date and nothing more counts: a headline about a day ("What happened on 9 May 1945")
    is no such statement.

    >>> tree = LexborHTMLParser("<title>Ukrainische Gegenoffensive: Ziele, Chancen | Europa | DW | 28.04.2023</title>")
    >>> title_date(tree, PageIndex.read(tree), True)
    '2023-04-28'
    >>> tree = LexborHTMLParser("<title>The Soviet flag over Berlin, 2 May 1945 | History</title>")
    >>> title_date(tree, PageIndex.read(tree), True) is None
    True
    """
    node = tree.css_first("title")
    for title in (index.meta("og:title"), node.text() if node is not None else None):
        if not title or _DIGIT.search(title) is None:
            continue
        for part in _TITLE_PARTS.split(title):
            part = part.strip()
            if _DIGIT.search(part) is None or len(_WORD.findall(part)) > _TITLE_DATE_WORDS:
                continue
            found = find_date(part, day_first=day_first)
            if found is not None:
                return found[:10]
    return None


def first_publication(index: PageIndex, day_first: bool | None) -> str | None:
    """The date a page's date element says it was first published on, or None.

    >>> tree = LexborHTMLParser('<p class="PublishDateDisclaimer">This article was originally published on'
    ...                         ' 26 Sep 2019 at 4:12pm but has been regularly updated.</p>')
    >>> first_publication(PageIndex.read(tree), None)
    '2019-09-26T16:12:00'
    """
    for node in index.dated[:_MAX_NODES]:
        text = _short_words(node)
        if not text:
            continue
        said = _FIRST_PUBLISHED.search(text)
        if said is not None:
            found = find_date(text[said.end():], day_first=day_first)
            if found is not None:
                return found
    return None


def printed_dateline(headline: LexborNode | None, day_first: bool | None) -> str | None:
    """The publication date printed in the lines right after the headline, or None.

    A line whose date an update label comes before ("Last updated: Dec 17, 2025") and a photo's
    caption ("A file photograph taken on November 19") do not date the article.

    >>> tree = LexborHTMLParser("<article><h1>Rain</h1><figure><figcaption>Floods, 2 May 2025</figcaption>"
    ...                         "</figure><p>Jane Doe · Updated 4 May 2025</p><p>By Jane Doe, 3 May 2025</p></article>")
    >>> printed_dateline(tree.css_first("h1"), None)
    '2025-05-03'
    """
    for line in _dateline_elements(headline):
        found = _dateline_of(line, day_first)
        if found is not None:
            return found
    return None


def dateline_times(headline: LexborNode | None) -> list[str]:
    """The ``datetime`` values of ``<time>`` elements in the lines right after the headline.

    A ``<time>`` printed under the headline is the article's own, where the page's other ``<time>``
    elements can date teasers for other stories; update lines and photo captions are passed over,
    as in :func:`printed_dateline`.

    >>> tree = LexborHTMLParser('<main><h1>Rain</h1><div>Updated <time datetime="2025-05-04">4 May</time></div>'
    ...                         '<div><time datetime="2017-03-01T12:00:00Z">03/01/2017</time> by Jane Doe</div>'
    ...                         '</main><aside><time datetime="2025-01-31">01/31/2025</time></aside>')
    >>> dateline_times(tree.css_first("h1"))
    ['2017-03-01T12:00:00Z']
    """
    home = nearest(headline, "article") if headline is not None else None
    for line in _dateline_elements(headline):
        if _is_a_photo(line) or line.tag in _ASIDE_TAGS:
            continue
        times = [line] if line.tag == "time" else line.css("time")
        # A <time> in an <article> of its own is a teaser's: another story's card.
        times = [node for node in times if _same_story(node, home) and not _marked_updated(node)]
        if not times:
            continue
        text = node_words(line) or ""
        if len(text) > _MAX_DATELINE_CHARS:
            continue
        digit = _DIGIT.search(text)
        if _UPDATE_LABEL.search(text, 0, digit.start() if digit else len(text)):
            continue
        return [value for node in times[:_MAX_NODES] if (value := node.attributes.get("datetime"))]
    return []


def _marked_updated(node: LexborNode) -> bool:
    """Whether a <time>'s class or itemprop says it is the modification ("updated", "dateModified")."""
    attributes = node.attributes
    marker = f"{attributes.get('class') or ''} {attributes.get('itemprop') or ''}".lower()
    return bool(_UPDATED_KEY.search(marker)) and "publish" not in marker


def _same_story(node: LexborNode, home: LexborNode | None) -> bool:
    story = nearest(node, "article")
    return story is None or (home is not None and story.mem_id == home.mem_id)


def _dateline_elements(headline: LexborNode | None) -> Iterator[LexborNode]:
    """The elements after the headline, at each level from it up to its grandparent, nearest first."""
    node = headline
    for _ in range(_DATELINE_LEVELS):
        if node is None:
            return
        sibling = node.next
        looked = 0
        while sibling is not None and looked < _DATELINE_SIBLINGS:
            if sibling.is_element_node:
                looked += 1
                yield sibling
            sibling = sibling.next
        node = node.parent


def _short_words(node: LexborNode) -> str | None:
    """The node's words when they are few enough for a dateline, else None.

    The element after a headline is often the whole story; its text is not made only to be
    found too long. The walk stops at the first text past the limit or after a dateline's worth
    of elements (an icon's drawing is a few dozen).

    >>> tree = LexborHTMLParser("<div>By Jane <b>Doe</b>, 3 May 2025</div><div>" + "Words. " * 50 + "</div>")
    >>> [_short_words(node) for node in tree.css("div")]
    ['By Jane Doe , 3 May 2025', None]
    """
    size = 0
    for seen, part in enumerate(node.traverse(include_text=True, skip_empty=True)):
        if seen > _MAX_DATELINE_NODES:
            return None
        piece = part.text_content
        if piece:
            size += len(piece.strip())
            if size > _MAX_DATELINE_CHARS:
                return None
    text = node_words(node)
    return text if text and len(text) <= _MAX_DATELINE_CHARS else None


def _is_a_photo(node: LexborNode) -> bool:
    return node.tag in _PHOTO_TAGS or "caption" in (node.attributes.get("class") or "").lower()


def _dateline_of(node: LexborNode, day_first: bool | None) -> str | None:
    """The date an element after the headline prints as the article's, or None."""
    if _is_a_photo(node):
        return None
    text = _short_words(node)
    if not text or _DIGIT.search(text) is None:
        return None
    found = find_date(text, day_first=day_first)
    if found is None:
        return None
    photos = node.css(_PHOTO_SELECTOR)
    if photos:
        for photo in photos:
            # A caption inside the line is left out; an author's picture has no text to leave out.
            caption = node_words(photo)
            if caption:
                text = text.replace(caption, " ")
        found = find_date(text, day_first=day_first)
    digit = _DIGIT.search(text)
    if found is None or digit is None or _UPDATE_LABEL.search(text, 0, digit.start()):
        return None
    return found


def _first_date(groups: Iterable[Iterable[str]]) -> str | None:
    """The first value of the first group that parses as a date; later groups are never made."""
    for group in groups:
        for value in group:
            iso = parse_date(value)
            if iso is not None:
                return iso
    return None


def _published_candidates(index: PageIndex, linked: LinkedData, headline: LexborNode | None) -> Iterator[list[str]]:
    """Publication date values, most trusted source first, each source read only when reached."""
    yield string_values(linked.article, "datePublished", "dateCreated", "uploadDate")
    yield index.meta_all(*_PUBLISHED_METAS)
    yield _microdata_dates(index, "datePublished")
    yield string_values(linked.page, "datePublished", "dateCreated", "uploadDate")
    yield [value for key, values in index.metas.items() if _says_published(key) for value in values]
    yield [value for prop in index.itemprops if _says_published(prop) for value in _microdata_dates(index, prop)]
    # A <time pubdate> (time_element_dates' first values) is the markup's own word for the
    # publication; failing that, the <time> under the headline comes before the article's others.
    yield [node.attributes.get("datetime") or "" for node in index.times if "pubdate" in node.attributes][:2]
    yield dateline_times(headline)
    yield time_element_dates(index, headline)


def _recorded_date(
    index: PageIndex, linked: LinkedData, headline: LexborNode | None, stamp: str, updated: str | None
) -> str | None:
    """The publication date a page records beside a save stamp in its surest field, or None.

    A ``<time pubdate>`` (the markup's own word for the publication time) is one. When the stamp
    is later than the modification, which no record of publication can be, another value of the
    same source is one too ("published-time" a build stamp, "published-date" the day it appeared).
    Only a date before the stamp and apart from it and from the update counts: a record precedes
    the save that wrote the page out. Weaker sources are not asked: they list other stories' dates.
    """
    values = [node.attributes.get("datetime") or "" for node in index.times if "pubdate" in node.attributes]
    if updated is not None and updated != stamp:
        for group in _published_candidates(index, linked, headline):
            if _first_date([group]) is not None:
                values.extend(group)
                break
    for value in values:
        iso = parse_date(value)
        if iso is not None and iso[:10] < stamp[:10] and _is_another_date(iso, stamp, updated):
            return iso
    return None


def _updated_candidates(index: PageIndex, linked: LinkedData) -> Iterator[list[str]]:
    """Modification date values, most trusted source first, each source read only when reached."""
    yield string_values(linked.article, "dateModified")
    yield index.meta_all(*_UPDATED_METAS)
    yield _microdata_dates(index, "dateModified")
    yield string_values(linked.page, "dateModified")
    yield [value for key, values in index.metas.items() if _says_updated(key) for value in values]


def _says_updated(name: str) -> bool:
    """Whether a field's lowercase name says last modification ("article.updated", "modified-date")."""
    return bool(_UPDATED_KEY.search(name)) and not _NOT_UPDATED_KEY.search(name)


def _says_published(name: str) -> bool:
    """Whether a field's lowercase name says publication date, as sites name their own fields."""
    return bool(_PUBLISHED_KEY.search(name)) and not _NOT_PUBLISHED_KEY.search(name)


def _microdata_dates(index: PageIndex, prop: str) -> list[str]:
    values: list[str] = []
    for node in index.itemprops.get(prop.lower(), ())[:_MAX_NODES]:
        attributes = node.attributes
        value = attributes.get("content") or attributes.get("datetime") or node_text(node)
        if value:
            values.append(value)
    return values


def _is_a_stamp(published: str, updated: str | None) -> bool:
    """Whether a structured publication date is a save or build stamp rather than a record of it.

    It is when the modification date is the very same instant, or earlier than the publication.

    >>> _is_a_stamp("2025-06-24T10:00:00+00:00", "2025-06-24T10:00:00+00:00")
    True
    >>> _is_a_stamp("2025-06-12", "2025-06-10"), _is_a_stamp("2025-06-12T08:00:00", "2025-06-12T09:30:00")
    (True, False)
    >>> _is_a_stamp("2025-06-12", None)
    False
    """
    if updated is None:
        return False
    if updated == published:
        return True
    try:
        first, last = datetime.fromisoformat(published), datetime.fromisoformat(updated)
        return last < first
    except (TypeError, ValueError):
        # One has an offset and the other none: compare the calendar days alone.
        return updated[:10] < published[:10]


def _is_another_date(printed: str, published: str, updated: str | None) -> bool:
    """Whether a printed dateline names a date of its own, not the stamp's or the update's.

    >>> _is_another_date("2024-08-25", "2025-06-24T10:00:00+00:00", None)
    True
    >>> _is_another_date("2025-06-23", "2025-06-24T01:00:00+00:00", None)
    False
    """
    try:
        apart = abs(date.fromisoformat(printed[:10]) - date.fromisoformat(published[:10]))
    except ValueError:
        return False
    if updated is not None and printed[:10] == updated[:10]:
        return False
    days = _local_days(published)
    if days is not None:
        return printed[:10] not in days
    return apart > timedelta(days=_SAME_DATE_DAYS)


def _local_days(value: str) -> set[str] | None:
    """The calendar days an instant falls on somewhere on Earth, or None without a time and offset.

    >>> sorted(_local_days("2025-12-19T22:02:58+00:00"))
    ['2025-12-19', '2025-12-20']
    >>> _local_days("2025-12-19") is None
    True
    """
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None or "T" not in value:
        return None
    utc = moment.astimezone(UTC)
    first, last = (utc + _WESTMOST).date(), (utc + _EASTMOST).date()
    return {(first + timedelta(days=step)).isoformat() for step in range((last - first).days + 1)}


def _on_the_sites_calendar(published: str, index: PageIndex, updated: str | None, url: str | None) -> str:
    """A UTC publication instant written in the site's own zone, when the page shows that zone is its own.

    It does when the page writes the same instant with that offset elsewhere, or when it writes
    other times with that offset and its URL spells the local day. Only the way the instant is
    written changes; a URL that spells the UTC day keeps it as it is.

    >>> tree = LexborHTMLParser('<time datetime="2025-12-18T22:00:50-05:00">10 pm</time>')
    >>> _on_the_sites_calendar("2025-12-19T02:41:41+00:00", PageIndex.read(tree), None,
    ...                        "https://example.com/2025/12/18/watch-list")
    '2025-12-18T21:41:41-05:00'
    >>> tree = LexborHTMLParser('<meta property="article:published_time" content="2017-02-23T17:18:13-08:00">')
    >>> _on_the_sites_calendar("2017-02-24T01:18:13+00:00", PageIndex.read(tree), None, None)
    '2017-02-23T17:18:13-08:00'
    """
    if not published.endswith("+00:00"):
        return published
    url_day = date_from_url(url) if url else None
    if url_day == published[:10]:
        return published
    moment = datetime.fromisoformat(published)
    stated = [
        *index.meta_all(*_PUBLISHED_METAS),
        updated or "",
        *(node.attributes.get("datetime") or "" for node in index.times[:_MAX_NODES]),
    ]
    for value in stated:
        if not _LOCAL_OFFSET.search(value):
            continue
        iso = parse_date(value)
        offset = _OFFSET.search(iso or "")
        if iso is None or offset is None:
            continue
        sign = -1 if offset.group(1) == "-" else 1
        zone = timezone(sign * timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3))))
        if not zone.utcoffset(None):
            continue
        local = moment.astimezone(zone).isoformat(timespec="seconds")
        if local == iso or local[:10] == url_day:
            return local
    return published

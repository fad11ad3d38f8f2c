"""RSS 0.9x, 1.0 and 2.0 and Atom feeds -> the article URLs they list (:class:`Discovered`).

feedparser reads every dialect and its many broken variants; newsdesk only maps what it gives to
:class:`~newsdesk.ingest.Discovered` (URL, title, published and updated dates, guid). Two things
are done by hand around it, for safety and speed:

* feedparser is handed a byte stream, never a ``str`` or ``bytes`` value, because it treats those
  as a URL to fetch or a file name to open;
* a document that declares XML entities in its DOCTYPE is refused before parsing: no feed needs
  them, and they are how entity-expansion ("billion laughs") and external-entity attacks work.
  (feedparser does not resolve external entities, and expat stops runaway expansion, but only
  after seconds of work.) A plain DOCTYPE, as old RSS 0.91 feeds carry, is fine.

A document that is not a feed (an HTML page, truncated XML with no entries, an empty body) is one
:class:`~newsdesk.ingest.SourceFailure` with feedparser's reason. Relative entry links are
resolved against ``base_url`` (the feed's URL).
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from newsdesk.extract.encoding import MAX_PAGE_BYTES
from newsdesk.ingest import Discovered, SourceFailure

__all__ = ["FEED_CONTENT_TYPES", "MAX_FEED_BYTES", "read_feed"]

#: Largest feed document parsed, in bytes.
MAX_FEED_BYTES = MAX_PAGE_BYTES
#: Media types feeds are served as (many servers use the generic XML ones, some text/plain).
FEED_CONTENT_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "application/x-rss+xml", "application/feed+json", "text/rss+xml", "text/atom+xml",
})

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_DOCTYPE_START = re.compile(rb"<!DOCTYPE", re.I)
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.I | re.S)


def read_feed(data: bytes, *, source: str, base_url: str | None = None,
              content_type: str | None = None) -> Iterator[Discovered | SourceFailure]:
    """The article URLs a feed lists, newest first as the feed orders them; a failure if it is no feed.

    >>> rss = b'''<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>
    ... <item><title>Port workers vote to strike</title><link>/business/port-strike</link>
    ... <pubDate>Tue, 30 Sep 2025 16:05:09 GMT</pubDate><guid>ht-8812</guid></item></channel></rss>'''
    >>> entry = next(read_feed(rss, source="https://harbour-times.example/rss",
    ...                        base_url="https://harbour-times.example/rss"))
    >>> entry.url, entry.published, entry.guid
    ('https://harbour-times.example/business/port-strike', '2025-09-30T16:05:09+00:00', 'ht-8812')
    >>> next(read_feed(b"<html><body>Hello</body></html>", source="home.html")).reason
    'not an RSS or Atom feed'
    """
    if len(data) > MAX_FEED_BYTES:
        yield SourceFailure(source, f"feed is over the {MAX_FEED_BYTES // 1048576} MiB limit")
        return
    if not data.strip():
        yield SourceFailure(source, "empty feed document")
        return
    if _declares_entities(data):
        yield SourceFailure(source, "feed declares XML entities (refused: entity expansion is unsafe)")
        return
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
    entries: list[Any] = parsed.get("entries") or []
    if not entries:
        # No entries is fine for a well-formed feed (a quiet day); in a broken document it is damage.
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        if not parsed.get("version"):
            yield SourceFailure(source, f"not a feed ({_short(problem)})" if problem else "not an RSS or Atom feed")
        elif problem:
            yield SourceFailure(source, f"invalid feed ({_short(problem)})")
        return
    base = base_url or (source if source.startswith(("http://", "https://")) else None)
    for index, entry in enumerate(entries, 1):
        url = _entry_url(entry, base)
        if url is None:
            yield SourceFailure(f"{source}#entry-{index}", "feed entry without an http(s) link", skipped=True)
            continue
        # dict.get: FeedParserDict.get maps a missing updated_parsed to published_parsed, with a warning.
        updated = dict.get(entry, "updated_parsed")
        published = dict.get(entry, "published_parsed") or dict.get(entry, "created_parsed") or updated
        yield Discovered(url=url, via=source, published=_iso(published), updated=_iso(updated),
                         title=_clean(entry.get("title")), guid=_clean(entry.get("id")))


def _declares_entities(data: bytes) -> bool:
    """Whether the document's DOCTYPE has an internal subset that declares an entity."""
    head = data[: 1 << 20]
    doctype = _DOCTYPE_START.search(head)
    if doctype is None:
        return False
    subset = _INTERNAL_SUBSET.match(head, doctype.start())
    if subset is None:
        # A subset opened and not closed within the first MiB is no feed anyone writes.
        end = head.find(b">", doctype.start())
        return b"[" in head[doctype.start() : end if end >= 0 else len(head)]
    return bool(_ENTITY_DECLARATION.search(subset.group(1)))


def _entry_url(entry: Any, base: str | None) -> str | None:
    candidates = [entry.get("link")]
    candidates += [link.get("href") for link in entry.get("links") or [] if link.get("rel", "alternate") == "alternate"]
    guid = entry.get("id")
    if entry.get("guidislink") or (isinstance(guid, str) and guid.startswith(("http://", "https://"))):
        candidates.append(guid)
    for candidate in candidates:
        if not isinstance(candidate, str) or not candidate.strip():
            continue
        url = urljoin(base, candidate.strip()) if base else candidate.strip()
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return url
    return None


def _iso(moment: time.struct_time | None) -> str | None:
    if moment is None:
        return None
    try:
        return datetime(*moment[:6], tzinfo=UTC).isoformat()
    except (ValueError, TypeError):
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _short(problem: object) -> str:
    text = str(problem) or type(problem).__name__
    return text if len(text) <= 160 else text[:157] + "..."

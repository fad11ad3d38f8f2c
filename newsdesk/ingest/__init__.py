"""Sources -> RawPage: everything that turns where a user has news into raw pages.

Each reader is a generator: it yields :class:`~newsdesk.model.RawPage` records, one per page, and a
:class:`SourceFailure` in place of any input it could not read, then goes on with the next. Nothing
here touches the database or keeps state between calls; memory stays flat however large the input.

* ``files.read_path`` reads local files and folders (.html, .htm, .html.gz, .txt, .jsonl, WARCs);
  ``files.read_stdin`` reads standard input.
* ``warc.read_warc`` reads WARC and WARC.gz files (Common Crawl's CC-NEWS included).
* ``feeds.read_feed`` and ``sitemaps.read_sitemap`` / ``sitemaps.walk_sitemaps`` find article URLs
  (:class:`Discovered`), which ``fetch.Fetcher`` then fetches politely.
* ``sources.load_sources`` reads ``sources.toml``; ``sources.discover`` polls one outlet's feeds and
  sitemaps; ``sources.resolve_url`` tells an article URL from a feed or a sitemap URL.
* ``rawstore.RawStore`` keeps fetched pages as WARC files; ``rawstore.read_record`` reads one back.

The submodules are imported on first use (``newsdesk.ingest.read_path`` works), so that reading
local files never pays for importing the HTTP client or the feed parser.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsdesk.model import RawPage

if TYPE_CHECKING:
    from newsdesk.ingest.feeds import read_feed
    from newsdesk.ingest.fetch import AsyncFetcher, Fetcher, FetchRequest, FetchResult, FetchSettings, fetch_urls
    from newsdesk.ingest.files import read_path, read_stdin
    from newsdesk.ingest.rawstore import RawStore, RecordLocation, read_record
    from newsdesk.ingest.sitemaps import SitemapLink, read_sitemap, walk_sitemaps
    from newsdesk.ingest.sources import SourcesFileError, discover, load_sources, parse_sources, resolve_url
    from newsdesk.ingest.warc import read_warc, read_warc_record, record_location

__all__ = [
    "HTML_CONTENT_TYPES",
    "AsyncFetcher",
    "Discovered",
    "FetchRequest",
    "FetchResult",
    "FetchSettings",
    "Fetcher",
    "IngestItem",
    "NotModified",
    "Polled",
    "RawStore",
    "RecordLocation",
    "SitemapLink",
    "SourceFailure",
    "SourcesFileError",
    "discover",
    "fetch_urls",
    "load_sources",
    "media_type",
    "parse_sources",
    "read_feed",
    "read_path",
    "read_record",
    "read_sitemap",
    "read_stdin",
    "read_warc",
    "read_warc_record",
    "record_location",
    "resolve_url",
    "utc_now",
    "walk_sitemaps",
]

_LAZY = {
    "read_path": "files", "read_stdin": "files",
    "read_warc": "warc", "read_warc_record": "warc", "record_location": "warc",
    "read_feed": "feeds",
    "read_sitemap": "sitemaps", "walk_sitemaps": "sitemaps", "SitemapLink": "sitemaps",
    "Fetcher": "fetch", "AsyncFetcher": "fetch", "FetchRequest": "fetch", "FetchResult": "fetch",
    "FetchSettings": "fetch", "fetch_urls": "fetch",
    "RawStore": "rawstore", "RecordLocation": "rawstore", "read_record": "rawstore",
    "load_sources": "sources", "parse_sources": "sources", "discover": "sources", "resolve_url": "sources",
    "SourcesFileError": "sources",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsdesk.ingest' has no attribute {name!r}")
    return getattr(importlib.import_module(f"newsdesk.ingest.{module}"), name)


@dataclass(slots=True, frozen=True)
class SourceFailure:
    """An input that gave no page, with the reason: the pipeline records it and goes on.

    ``source`` names the input for people (``news/a.html``, ``dump.jsonl:17``,
    ``crawl.warc.gz#1024``, a URL). ``skipped`` is True when the input was read fine but holds no
    page newsdesk reads (a PDF, a redirect record, an HTTP 404): a not-article rather than a broken
    input. ``retryable`` is True when trying again later may succeed (a timeout, an HTTP 503).

    >>> failure = SourceFailure("crawl.warc.gz#1024", "content type application/pdf",
    ...                         url="https://news.example/report.pdf", skipped=True)
    >>> str(failure)
    'crawl.warc.gz#1024: content type application/pdf'
    """

    source: str
    reason: str
    url: str | None = None
    skipped: bool = False
    retryable: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True, frozen=True)
class Discovered:
    """An article URL found in a feed or a sitemap, with what the feed or sitemap says about it.

    ``published`` is the entry's date (a feed's published date, else its updated date; a news
    sitemap's publication date), ``updated`` its last change (a feed's updated date, a sitemap's
    lastmod), both ISO 8601 as ``newsdesk.extract.dates.parse_date`` writes them. ``via`` is the
    feed or sitemap URL (or file) it came from.

    >>> Discovered("https://news.example/world/iraq-deal", via="https://news.example/rss",
    ...            published="2025-09-30T14:00:00+00:00").published
    '2025-09-30T14:00:00+00:00'
    """

    url: str
    via: str
    published: str | None = None
    updated: str | None = None
    title: str | None = None
    guid: str | None = None
    outlet: str | None = None


@dataclass(slots=True, frozen=True)
class NotModified:
    """A conditional request answered 304: the document has not changed since the given validators.

    >>> NotModified("https://news.example/rss", etag='"v2"').etag
    '"v2"'
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(slots=True, frozen=True)
class Polled:
    """A feed or sitemap document that was requested: its validators for the next conditional poll.

    Give the previous poll's records back to ``sources.discover`` (as ``previous``) and unchanged
    documents are answered 304 and not parsed again. ``changed`` is False when the server said 304.

    >>> Polled("https://news.example/rss", etag='"v2"', changed=False).changed
    False
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
    changed: bool = True

    @classmethod
    def of(cls, result: RawPage | NotModified) -> Polled:
        """The validators a fetch result carries (a fetched page is named by the URL asked for).

        >>> Polled.of(RawPage(b"<urlset/>", url="https://news.example/sitemap.xml", headers={"etag": '"s1"'})).etag
        '"s1"'
        """
        if isinstance(result, NotModified):
            return cls(result.url, etag=result.etag, last_modified=result.last_modified, changed=False)
        asked = result.source if result.source and "://" in result.source else None
        return cls(asked or result.url or "", etag=result.headers.get("etag"),
                   last_modified=result.headers.get("last-modified"), fetched_at=result.fetched_at)


#: What a reader yields: a page, or a failure naming the input and the reason.
IngestItem = RawPage | SourceFailure

#: Media types newsdesk reads as pages; anything else is recorded as "content type ...".
HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def media_type(content_type: str | None) -> str:
    """The bare media type of a Content-Type header value, lower case ('' when there is none).

    >>> media_type("Text/HTML; charset=ISO-8859-1")
    'text/html'
    """
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def utc_now() -> str:
    """The current time as ISO 8601 UTC to the second, the form every ``fetched_at`` takes.

    >>> len(utc_now()), utc_now().endswith("+00:00")
    (25, True)
    """
    return datetime.now(UTC).isoformat(timespec="seconds")


def utc_iso(moment: datetime) -> str:
    """An aware or naive-as-UTC datetime as ISO 8601 UTC to the second.

    >>> utc_iso(datetime(2025, 10, 1, 12, 0, 5, 999))
    '2025-10-01T12:00:05+00:00'
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()

"""Sitemaps -> the article URLs they list: urlsets, sitemap indexes, gzip, Google News, text sitemaps.

:func:`read_sitemap` reads one document: a ``<urlset>`` gives :class:`~newsdesk.ingest.Discovered`
URLs (with ``<lastmod>``, and a Google News sitemap's ``news:publication_date`` and
``news:title``); a ``<sitemapindex>`` gives :class:`SitemapLink` children. :func:`walk_sitemaps`
follows indexes to their children through a fetch function, with caps on depth, on the number of
documents and on the number of URLs, and skips children unchanged since a given time.

Parsing is by hand on the standard library's expat, for safety and memory. defusedxml is not
available and ``xml.etree`` alone does not refuse DTDs, so the parser refuses any DOCTYPE outright
(a sitemap never has one): with no DTD there can be no entity declarations, hence no entity
expansion ("billion laughs") and no external entities; parameter-entity parsing is also turned
off. And expat is fed in 64 KiB pieces (gzip decompressed piece by piece), with the URLs found in
each piece handed on before the next is parsed, so a 50,000-URL sitemap never becomes a tree in
memory.
"""

from __future__ import annotations

import re
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.parsers import expat

from newsdesk.extract.dates import parse_date
from newsdesk.ingest import Discovered, NotModified, Polled, SourceFailure
from newsdesk.model import RawPage

__all__ = ["MAX_SITEMAP_BYTES", "SITEMAP_CONTENT_TYPES", "SitemapLink", "read_sitemap", "walk_sitemaps"]

#: Largest sitemap document after decompression (the sitemaps.org limit).
MAX_SITEMAP_BYTES = 50 * 1048576
#: Media types sitemaps are served as.
SITEMAP_CONTENT_TYPES = frozenset({
    "application/xml", "text/xml", "application/gzip", "application/x-gzip", "application/octet-stream",
    "text/plain",
})

_CHUNK = 65536
_FIELD_LIMIT = 8192
_GZIP_MAGIC = b"\x1f\x8b"
_NEWS_FIELDS = {"publication_date": "published", "title": "title"}
_TEXT_URL = re.compile(r"^https?://\S+$")


@dataclass(slots=True, frozen=True)
class SitemapLink:
    """A child sitemap listed by a sitemap index, with its lastmod.

    >>> SitemapLink("https://news.example/sitemap-2025-10.xml.gz", via="https://news.example/sitemap.xml",
    ...             lastmod="2025-10-01").lastmod
    '2025-10-01'
    """

    url: str
    via: str
    lastmod: str | None = None


class _Refused(Exception):
    """The document is refused (a DOCTYPE, an unknown root, too large, broken compression)."""


class _Handler:
    """expat callbacks that collect url and sitemap entries into ``found`` as they close."""

    def __init__(self, source: str, base: str | None) -> None:
        self.source = source
        self.base = base
        self.found: list[Discovered | SitemapLink | SourceFailure] = []
        self.depth = 0
        self.root: str | None = None
        self.entry: dict[str, str] | None = None
        self.in_news = False
        self.field: str | None = None
        self.text: list[str] = []
        self.text_size = 0
        self.count = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        local = name.rpartition(" ")[2]
        if self.depth == 1:
            if local not in ("urlset", "sitemapindex"):
                raise _Refused(f"not a sitemap (root element <{local}>)")
            self.root = local
        elif self.depth == 2 and local in ("url", "sitemap"):
            self.entry = {}
        elif self.entry is not None:
            if self.depth == 3 and local in ("loc", "lastmod"):
                self._collect(local)
            elif self.depth == 3 and local == "news":
                self.in_news = True
            elif self.depth == 4 and self.in_news and local in _NEWS_FIELDS:
                self._collect(_NEWS_FIELDS[local])

    def end(self, name: str) -> None:
        if self.field is not None and self.entry is not None:
            self.entry[self.field] = "".join(self.text).strip()
            self.field = None
        if self.depth == 3:
            self.in_news = False
        elif self.depth == 2 and self.entry is not None:
            self._close_entry(self.entry)
            self.entry = None
        self.depth -= 1

    def data(self, text: str) -> None:
        if self.field is not None and self.text_size < _FIELD_LIMIT:
            self.text.append(text)
            self.text_size += len(text)

    def _collect(self, field: str) -> None:
        self.field = field
        self.text = []
        self.text_size = 0

    def _close_entry(self, entry: dict[str, str]) -> None:
        self.count += 1
        url = _absolute(entry.get("loc", ""), self.base)
        if url is None:
            self.found.append(SourceFailure(f"{self.source}#entry-{self.count}", "sitemap entry without an http(s) loc",
                                            skipped=True))
            return
        lastmod = parse_date(entry["lastmod"]) if entry.get("lastmod") else None
        if self.root == "sitemapindex":
            self.found.append(SitemapLink(url, via=self.source, lastmod=lastmod))
            return
        published = parse_date(entry["published"]) if entry.get("published") else None
        self.found.append(Discovered(url=url, via=self.source, published=published, updated=lastmod,
                                     title=" ".join(entry.get("title", "").split()) or None))


def _refuse_doctype(*_: Any) -> None:
    raise _Refused("sitemap has a DOCTYPE (refused: DTDs and entities are unsafe)")


def _absolute(loc: str, base: str | None) -> str | None:
    loc = loc.strip()
    if not loc:
        return None
    url = urljoin(base, loc) if base else loc
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _pieces(data: bytes) -> Iterator[bytes]:
    """The document in pieces of at most 64 KiB, decompressed if gzipped, within the size limit."""
    if not data.startswith(_GZIP_MAGIC):
        if len(data) > MAX_SITEMAP_BYTES:
            raise _Refused(f"sitemap is over the {MAX_SITEMAP_BYTES // 1048576} MiB limit")
        for start in range(0, len(data), _CHUNK):
            yield data[start : start + _CHUNK]
        return
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    total = 0
    pending = data
    try:
        while pending and not inflater.eof:
            piece = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            total += len(piece)
            if total > MAX_SITEMAP_BYTES:
                raise _Refused(f"sitemap decompresses to more than {MAX_SITEMAP_BYTES // 1048576} MiB")
            if piece:
                yield piece
    except zlib.error as exc:
        raise _Refused(f"corrupt gzip data ({exc})") from None
    if not inflater.eof:
        raise _Refused("truncated gzip data")


def read_sitemap(data: bytes, *, source: str,
                 base_url: str | None = None) -> Iterator[Discovered | SitemapLink | SourceFailure]:
    """The URLs (or, for an index, the child sitemaps) one sitemap document lists.

    >>> xml = b'''<?xml version="1.0" encoding="UTF-8"?>
    ... <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
    ...         xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    ...  <url><loc>https://harbour-times.example/business/port-strike</loc>
    ...   <news:news><news:publication><news:name>Harbour Times</news:name><news:language>en</news:language>
    ...   </news:publication><news:publication_date>2025-09-30T18:05:09+02:00</news:publication_date>
    ...   <news:title>Port workers vote to strike over pay</news:title></news:news></url>
    ... </urlset>'''
    >>> entry = next(read_sitemap(xml, source="https://harbour-times.example/news-sitemap.xml"))
    >>> entry.url
    'https://harbour-times.example/business/port-strike'
    >>> entry.published, entry.title
    ('2025-09-30T18:05:09+02:00', 'Port workers vote to strike over pay')
    """
    handler = _Handler(source, base_url or (source if source.startswith(("http://", "https://")) else None))
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.data
    parser.buffer_text = True
    pieces = _pieces(data)
    try:
        first = next(pieces, b"")
        if not first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            yield from _text_sitemap(first, pieces, source)
            return
        for piece in _chain(first, pieces):
            parser.Parse(piece, False)
            yield from handler.found
            handler.found.clear()
        parser.Parse(b"", True)
        yield from handler.found
    except _Refused as exc:
        yield from handler.found
        yield SourceFailure(source, str(exc))
    except expat.ExpatError as exc:
        yield from handler.found
        empty = handler.root is None and not data.strip()
        yield SourceFailure(source, "empty sitemap document" if empty else f"invalid sitemap XML ({exc})")


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _text_sitemap(first: bytes, rest: Iterator[bytes], source: str) -> Iterator[Discovered | SourceFailure]:
    """A text sitemap: one absolute URL a line (sitemaps.org allows it)."""
    carry = b""
    found = 0
    for piece in _chain(first, rest):
        lines = (carry + piece).split(b"\n")
        carry = lines.pop()
        for line in lines:
            url = line.decode("utf-8", "replace").strip()
            if _TEXT_URL.match(url):
                found += 1
                yield Discovered(url=url, via=source)
    last = carry.decode("utf-8", "replace").strip()
    if _TEXT_URL.match(last):
        found += 1
        yield Discovered(url=last, via=source)
    if not found:
        yield SourceFailure(source, "not a sitemap (no XML and no URL lines)")


def _moment(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _older_than(lastmod: str | None, since: datetime | None) -> bool:
    if lastmod is None or since is None:
        return False
    moment = _moment(lastmod)
    return moment is not None and moment < since


def walk_sitemaps(roots: Iterable[str], fetch: Callable[[str], RawPage | NotModified | SourceFailure], *,
                  max_depth: int = 3, max_sitemaps: int = 1000, max_urls: int = 1_000_000,
                  since: str | None = None) -> Iterator[Discovered | Polled | SourceFailure]:
    """Every article URL the sitemaps at ``roots`` list, following indexes to their children.

    ``fetch`` gets a sitemap URL and returns the fetched page, ``NotModified`` (nothing to read) or a
    failure. Each document requested is reported as a :class:`~newsdesk.ingest.Polled` (its
    validators for the next poll). Indexes nest at most ``max_depth`` levels below a root; at most
    ``max_sitemaps`` documents are fetched and ``max_urls`` URLs yielded. With ``since`` (ISO 8601),
    children whose lastmod in their index is older are not fetched.

    >>> docs = {"https://news.example/sitemap.xml": b'<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap>'
    ...                                             b'</sitemapindex>',
    ...         "https://news.example/s1.xml": b'<urlset><url><loc>https://news.example/a</loc></url></urlset>'}
    >>> fetch = lambda url: RawPage(docs[url], url=url, source=url)
    >>> [item.url for item in walk_sitemaps(["https://news.example/sitemap.xml"], fetch)]
    ['https://news.example/sitemap.xml', 'https://news.example/s1.xml', 'https://news.example/a']
    """
    cutoff = _moment(parse_date(since) or since) if since else None
    queue: deque[tuple[str, int]] = deque()
    seen: set[str] = set()
    for root in roots:
        if root not in seen:
            seen.add(root)
            queue.append((root, 0))
    fetched = urls = 0
    while queue:
        url, depth = queue.popleft()
        if fetched >= max_sitemaps:
            yield SourceFailure(url, f"limit of {max_sitemaps} sitemap documents reached; {len(queue) + 1} not read")
            return
        fetched += 1
        result = fetch(url)
        if isinstance(result, SourceFailure):
            yield result
            continue
        yield Polled.of(result)
        if isinstance(result, NotModified):
            continue
        for item in read_sitemap(bytes(result.data) if isinstance(result.data, bytes) else result.data.encode(),
                                 source=url, base_url=result.url or url):
            if isinstance(item, SitemapLink):
                if item.url in seen or _older_than(item.lastmod, cutoff):
                    continue
                if depth + 1 > max_depth:
                    yield SourceFailure(item.url, f"sitemap index nested more than {max_depth} levels deep",
                                        skipped=True)
                    continue
                seen.add(item.url)
                queue.append((item.url, depth + 1))
            elif isinstance(item, Discovered):
                if urls >= max_urls:
                    yield SourceFailure(url, f"limit of {max_urls} sitemap URLs reached")
                    return
                urls += 1
                yield item
            else:
                yield item

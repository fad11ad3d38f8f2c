"""The sources file (``sources.toml``) and finding each outlet's articles through its feeds and sitemaps.

A sources file lists outlets, one ``[[outlet]]`` table each::

    [[outlet]]
    name = "Riverside Gazette"
    homepage = "https://riverside-gazette.example/"
    feeds = ["https://riverside-gazette.example/local/atom.xml"]
    sitemaps = ["https://riverside-gazette.example/sitemap-news.xml"]
    language = "en"
    country = "GB"

Only ``name`` is required; ``feeds`` and ``sitemaps`` take a list of URLs (or one URL). A mistake is
a :class:`SourcesFileError` naming the file, the outlet and the field, e.g. ``sources.toml: outlet
'Riverside Gazette': field 'feed': unknown field (did you mean 'feeds'?)``.

:func:`discover` polls one outlet: it fetches its feeds (first: they are small and freshest) and
its sitemaps (following indexes), and yields every article URL found as a
:class:`~newsdesk.ingest.Discovered` with its dates, a :class:`~newsdesk.ingest.Polled` per
document requested (keep them and pass them back as ``previous`` to make the next poll
conditional), and a :class:`~newsdesk.ingest.SourceFailure` per document that failed. Deciding
what is new, and when to poll again, is the watch loop's job (the pipeline's); a URL listed in
both a feed and a sitemap is yielded once from each.

:func:`resolve_url` is for a URL given on the command line: it fetches it once and tells an
article page (yielded as the RawPage) from a feed or a sitemap (whose article URLs are yielded).
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from newsdesk.errors import NewsdeskError
from newsdesk.ingest import HTML_CONTENT_TYPES, Discovered, NotModified, Polled, SourceFailure, media_type
from newsdesk.ingest.feeds import FEED_CONTENT_TYPES, MAX_FEED_BYTES, read_feed
from newsdesk.ingest.fetch import Fetcher, FetchRequest, FetchResult
from newsdesk.ingest.sitemaps import MAX_SITEMAP_BYTES, SITEMAP_CONTENT_TYPES, walk_sitemaps
from newsdesk.model import RawPage
from newsdesk.store.base import Outlet

__all__ = ["Outlet", "SourcesFileError", "discover", "load_sources", "parse_sources", "resolve_url"]

_FIELDS = ("name", "homepage", "feeds", "sitemaps", "language", "country")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
# Feeds and sitemaps are often served with the wrong type; the parsers decide what they are.
_FEED_ACCEPT = FEED_CONTENT_TYPES | HTML_CONTENT_TYPES | {"text/plain", "application/octet-stream"}
_SITEMAP_ACCEPT = SITEMAP_CONTENT_TYPES | FEED_CONTENT_TYPES | HTML_CONTENT_TYPES
_ANY_ACCEPT = _FEED_ACCEPT | _SITEMAP_ACCEPT
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
_SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")

Discovery = Discovered | Polled | SourceFailure


class SourcesFileError(NewsdeskError):
    """A sources file that cannot be used, naming the file, the outlet and the field.

    >>> str(SourcesFileError("sources.toml", "must be a list of URLs", outlet="Riverside Gazette", field="feeds"))
    "sources.toml: outlet 'Riverside Gazette': field 'feeds': must be a list of URLs"
    """

    def __init__(self, path: str, reason: str, *, outlet: str | None = None, field: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.outlet = outlet
        self.field = field
        where = [path]
        if outlet is not None:
            where.append(f"outlet {outlet!r}" if not outlet.startswith("#") else f"outlet {outlet}")
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(": ".join([*where, reason]))


def load_sources(path: str | os.PathLike[str]) -> list[Outlet]:
    """Read and check a sources file: one Outlet per ``[[outlet]]`` table, in file order.

    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp(), "sources.toml")
    >>> _ = file.write_text('[[outlet]]\\nname = "Harbour Times"\\nfeeds = ["https://harbour-times.example/rss"]\\n')
    >>> [outlet.name for outlet in load_sources(file)]
    ['Harbour Times']
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            text = handle.read().decode("utf-8")
    except OSError as exc:
        raise SourcesFileError(name, f"cannot read file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise SourcesFileError(name, "not UTF-8 text") from None
    return parse_sources(text, name=name)


def parse_sources(text: str, *, name: str = "sources.toml") -> list[Outlet]:
    """Check the text of a sources file (see :func:`load_sources`); ``name`` is used in errors.

    >>> parse_sources('[[outlet]]\\nname = "Gazette"\\nlanguage = "EN"\\ncountry = "gb"\\n')[0].country
    'GB'
    >>> try:
    ...     parse_sources('[[outlet]]\\nname = "Gazette"\\nfeed = "https://g.example/rss"\\n')
    ... except SourcesFileError as error:
    ...     print(error)
    sources.toml: outlet 'Gazette': field 'feed': unknown field (did you mean 'feeds'?)
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesFileError(name, f"not valid TOML ({exc})") from None
    unknown = sorted(set(document) - {"outlet"})
    if unknown:
        hint = " (outlets are [[outlet]] tables)" if "outlets" in unknown else ""
        raise SourcesFileError(name, f"unknown top-level key {unknown[0]!r}{hint}")
    tables = document.get("outlet")
    if not isinstance(tables, list) or not tables:
        raise SourcesFileError(name, "no outlets: add one [[outlet]] table per outlet")
    outlets: list[Outlet] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(tables, 1):
        outlet = _outlet(table, name, index)
        key = outlet.name.casefold()
        if key in seen:
            raise SourcesFileError(name, f"the name is used twice (outlets #{seen[key]} and #{index})",
                                   outlet=outlet.name, field="name")
        seen[key] = index
        outlets.append(outlet)
    return outlets


def _outlet(table: Any, path: str, index: int) -> Outlet:
    label = f"#{index}"
    if not isinstance(table, dict):
        raise SourcesFileError(path, "must be a table", outlet=label)
    raw_name = table.get("name")
    if isinstance(raw_name, str) and raw_name.strip():
        label = raw_name.strip()
    for key in table:
        if key not in _FIELDS:
            close = difflib.get_close_matches(key, _FIELDS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (fields: {', '.join(_FIELDS)})"
            raise SourcesFileError(path, f"unknown field{hint}", outlet=label, field=key)
    if not isinstance(raw_name, str) or not raw_name.strip():
        raise SourcesFileError(path, "required: the outlet's name as a non-empty string", outlet=label, field="name")
    homepage = table.get("homepage")
    if homepage is not None and not _is_http_url(homepage):
        raise SourcesFileError(path, f"must be an http(s) URL, not {homepage!r}", outlet=label, field="homepage")
    return Outlet(
        name=label,
        homepage=homepage,
        feeds=_urls(table.get("feeds"), path, label, "feeds"),
        sitemaps=_urls(table.get("sitemaps"), path, label, "sitemaps"),
        language=_code(table.get("language"), _LANGUAGE, path, label, "language", "a language code such as 'en'"),
        country=_code(table.get("country"), _COUNTRY, path, label, "country", "a two-letter country code such as 'GB'"),
    )


def _is_http_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _urls(value: Any, path: str, outlet: str, field: str) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise SourcesFileError(path, "must be a list of http(s) URLs", outlet=outlet, field=field)
    for item in items:
        if not _is_http_url(item):
            raise SourcesFileError(path, f"not an http(s) URL: {item!r}", outlet=outlet, field=field)
    return [item.strip() for item in items]


def _code(value: Any, pattern: re.Pattern[str], path: str, outlet: str, field: str, expected: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not pattern.match(value.strip()):
        raise SourcesFileError(path, f"must be {expected}, not {value!r}", outlet=outlet, field=field)
    value = value.strip()
    if field == "country":
        return value.upper()
    primary, _, rest = value.partition("-")
    return f"{primary.lower()}-{rest}" if rest else primary.lower()


def _request(url: str, previous: Mapping[str, Polled]) -> FetchRequest:
    last = previous.get(url)
    return FetchRequest(url, etag=last.etag, last_modified=last.last_modified) if last else FetchRequest(url)


def discover(outlet: Outlet, *, fetcher: Fetcher | None = None, previous: Mapping[str, Polled] | None = None,
             since: str | None = None, max_sitemap_depth: int = 3, max_sitemaps: int = 1000,
             max_urls: int = 1_000_000) -> Iterator[Discovery]:
    """Poll one outlet's feeds and sitemaps: its article URLs, the documents' validators, and failures.

    ``fetcher`` is shared across polls so robots.txt and host delays carry over (one is made for
    this call when left out). ``previous`` maps a feed or sitemap URL to the Polled record of the
    last poll, making the requests conditional; ``since`` skips sitemap-index children unchanged
    since then. Every Discovered carries ``outlet=outlet.name``.

    >>> list(discover(Outlet("Quiet Outlet")))
    []
    """
    if not outlet.feeds and not outlet.sitemaps:
        return
    known = previous or {}
    own = fetcher is None
    active = fetcher or Fetcher()
    try:
        feeds = active.fetch_many([_request(url, known) for url in outlet.feeds], accept=_FEED_ACCEPT,
                                  max_bytes=MAX_FEED_BYTES)
        for result in feeds:
            yield from _feed_items(result, outlet.name)

        def fetch_sitemap(url: str) -> FetchResult:
            return active.fetch(_request(url, known), accept=_SITEMAP_ACCEPT, max_bytes=MAX_SITEMAP_BYTES)

        for item in walk_sitemaps(outlet.sitemaps, fetch_sitemap, max_depth=max_sitemap_depth,
                                  max_sitemaps=max_sitemaps, max_urls=max_urls, since=since):
            yield replace(item, outlet=outlet.name) if isinstance(item, Discovered) else item
    finally:
        if own:
            active.close()


def _feed_items(result: FetchResult, outlet: str | None) -> Iterator[Discovery]:
    if isinstance(result, SourceFailure):
        yield result
        return
    yield Polled.of(result)
    if isinstance(result, NotModified):
        return
    data = result.data.encode("utf-8") if isinstance(result.data, str) else result.data
    source = result.source or result.url or ""
    for item in read_feed(data, source=source, base_url=result.url, content_type=result.headers.get("content-type")):
        yield replace(item, outlet=outlet) if isinstance(item, Discovered) and outlet else item


def resolve_url(url: str, *, fetcher: Fetcher | None = None,
                max_sitemaps: int = 1000) -> Iterator[RawPage | Discovery]:
    """Fetch a URL given by a user and say what it is: an article page (the RawPage is yielded),
    a feed or a sitemap (the article URLs it lists are yielded, to be fetched next).

    >>> [item.reason for item in resolve_url("news.example/no-scheme")]
    ['not an http(s) URL']
    """
    own = fetcher is None
    active = fetcher or Fetcher()
    try:
        first = active.fetch(url, accept=_ANY_ACCEPT, max_bytes=MAX_SITEMAP_BYTES)
        if isinstance(first, SourceFailure):
            yield first
            return
        if isinstance(first, NotModified):
            # The request named no version, so a 304 leaves nothing to read; said as a failure, or the URL
            # would vanish from the run without a word (its callers take pages, listings and failures).
            yield SourceFailure(url, "HTTP status 304 (not modified) to a request that named no version")
            return
        data = first.data.encode("utf-8") if isinstance(first.data, str) else first.data
        media = media_type(first.headers.get("content-type"))
        root = _root_element(data)
        if root in _FEED_ROOTS:
            yield from _feed_items(first, None)
        elif root in _SITEMAP_ROOTS or (root is None and media not in HTML_CONTENT_TYPES and _lists_urls(data)):
            yield from walk_sitemaps([url], _first_then(url, first, active), max_sitemaps=max_sitemaps)
        elif media in HTML_CONTENT_TYPES or not media or root == "html":
            if len(data) > active.settings.max_body_bytes:
                yield SourceFailure(url, "page is over the page size limit", url=first.url)
                return
            yield replace(first, kind="html")
        else:
            yield SourceFailure(url, f"content type {media} is not a page, a feed or a sitemap", url=first.url,
                                skipped=True)
    finally:
        if own:
            active.close()


def _first_then(url: str, first: RawPage, fetcher: Fetcher) -> Callable[[str], FetchResult]:
    """A sitemap fetch function that answers the already fetched root from memory."""

    def fetch(asked: str) -> FetchResult:
        if asked == url:
            return first
        return fetcher.fetch(asked, accept=_SITEMAP_ACCEPT, max_bytes=MAX_SITEMAP_BYTES)

    return fetch


def _head(data: bytes) -> bytes:
    if data.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 8192)
        except zlib.error:
            return b""
    return data[:8192]


def _root_element(data: bytes) -> str | None:
    """The local name of the first element, lower case (``rss``, ``urlset``, ``html``), or None."""
    head = _COMMENT.sub(b"", _head(data))
    match = _ROOT.search(head)
    if match is None:
        return None
    return match.group(1).decode("ascii", "replace").rpartition(":")[2].lower()


def _lists_urls(data: bytes) -> bool:
    lines = [line.strip() for line in _head(data).splitlines() if line.strip()]
    return bool(lines) and all(line.startswith((b"http://", b"https://")) for line in lines[:20])

"""URLs, feeds, sitemaps and sources files given to ``newsdesk ingest``: discover, then fetch.

This is the read stage for the web: it turns what a user names (an article URL, a feed, a
sitemap, a ``sources.toml``) into RawPages, fetching politely through one shared
:class:`~newsdesk.ingest.fetch.Fetcher`. ``is_new`` lets the caller skip URLs the store already
holds, so that polling a feed again fetches only what is new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from newsdesk.ingest import Discovered, NotModified, Polled, SourceFailure
from newsdesk.ingest.fetch import Fetcher
from newsdesk.ingest.sources import discover, resolve_url
from newsdesk.model import RawPage
from newsdesk.store.base import Outlet

#: URLs per "which of these are new?" question to the store.
_NEW_BATCH = 200

IsNew = Callable[[list[str]], list[str]]


def _everything_is_new(urls: list[str]) -> list[str]:
    return urls


def fetch_discovered(found: Iterable[Discovered], fetcher: Fetcher,
                     is_new: IsNew = _everything_is_new) -> Iterator[RawPage | SourceFailure]:
    """Fetch the article URLs feeds and sitemaps listed, skipping those ``is_new`` rejects.

    >>> list(fetch_discovered([], Fetcher()))
    []
    """
    batch: list[str] = []
    seen: set[str] = set()

    def flush() -> Iterator[RawPage | SourceFailure]:
        fresh = is_new(batch)
        batch.clear()
        for result in fetcher.fetch_many(fresh):
            if isinstance(result, NotModified):  # Only asked for with validators, which we do not send.
                continue
            yield result

    for item in found:
        if item.url in seen:  # A URL listed by both a feed and a sitemap is fetched once.
            continue
        seen.add(item.url)
        batch.append(item.url)
        if len(batch) >= _NEW_BATCH:
            yield from flush()
    if batch:
        yield from flush()


def read_urls(urls: Iterable[str], fetcher: Fetcher, is_new: IsNew = _everything_is_new
              ) -> Iterator[RawPage | SourceFailure]:
    """Pages for URLs given by a user: an article is fetched; a feed or sitemap is expanded and fetched.

    >>> [str(item) for item in read_urls(["news.example/no-scheme"], Fetcher())]
    ['news.example/no-scheme: not an http(s) URL']
    """
    for url in urls:
        listed: list[Discovered] = []
        for item in resolve_url(url, fetcher=fetcher):
            if isinstance(item, Discovered):
                listed.append(item)
            elif isinstance(item, RawPage | SourceFailure):
                yield item
        yield from fetch_discovered(listed, fetcher, is_new)


def read_outlets(outlets: Iterable[Outlet], fetcher: Fetcher, is_new: IsNew = _everything_is_new, *,
                 previous: Mapping[str, Polled] | None = None,
                 polled: Callable[[Polled], None] | None = None) -> Iterator[RawPage | SourceFailure]:
    """Poll each outlet's feeds and sitemaps and fetch the articles that are new.

    ``previous`` holds the last poll's validators (conditional requests); ``polled`` is told
    each document's new validators, for the next poll.

    >>> list(read_outlets([Outlet("Quiet Outlet")], Fetcher()))
    []
    """
    for outlet in outlets:
        listed: list[Discovered] = []
        for item in discover(outlet, fetcher=fetcher, previous=previous):
            if isinstance(item, Discovered):
                listed.append(item)
            elif isinstance(item, Polled):
                if polled is not None:
                    polled(item)
            elif isinstance(item, SourceFailure):
                yield item
        yield from fetch_discovered(listed, fetcher, is_new)

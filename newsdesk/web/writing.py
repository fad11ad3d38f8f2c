"""Ingesting one input posted to the API: fetch it if it is a URL, extract it, write it, say what became of it.

The work is the pipeline's: :func:`newsdesk.pipeline.to_outcome` extracts, and the store's
``write_batch`` decides whether the article is new, changed, unchanged or a duplicate. Every
input is recorded whatever happens (an article, a not-article or a quarantined failure), as
the batch ingest does, under a run of its own.

A posted URL is fetched by the project's polite fetcher, which honours robots.txt. Because the
server fetches on a client's behalf, addresses that are not public (loopback, private
networks, link-local cloud metadata) are refused unless the app is configured to allow them,
so that a token holder cannot use the server to reach what only the server can see. The check
runs on the URL posted and again on every hop, and each hop connects to the very address that was
checked (:class:`~newsdesk.ingest.pinning.PinnedPublicTransport`): a name that resolves to a public
address for the check and to ``127.0.0.1`` for the connection (DNS rebinding) gets nowhere.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from newsdesk.ingest import SourceFailure
from newsdesk.ingest.fetch import AsyncFetcher, FetchSettings
from newsdesk.ingest.pinning import PinnedPublicTransport
from newsdesk.model import RawPage
from newsdesk.pipeline import to_outcome
from newsdesk.store import ArticleOutcome, FailureOutcome, NotArticleOutcome, Outcome, Store, StoredArticle
from newsdesk.store.base import article_key

#: Fetch settings for one URL posted to the API: no retries with backoff, so the client is answered quickly.
API_FETCH = FetchSettings(concurrency=1, host_delay=0.0, retries=0, total_timeout=30.0, read_timeout=15.0)


class BlockedAddressError(ValueError):
    """A URL whose host is not a public internet address.

    >>> str(BlockedAddressError("http://127.0.0.1/", "127.0.0.1 is not a public address"))
    'http://127.0.0.1/: 127.0.0.1 is not a public address'
    """

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


async def check_public(url: str) -> None:
    """Raise :class:`BlockedAddressError` unless every address ``url``'s host resolves to is public.

    >>> asyncio.run(check_public("http://127.0.0.1:8080/admin"))
    Traceback (most recent call last):
    ...
    newsdesk.web.writing.BlockedAddressError: http://127.0.0.1:8080/admin: 127.0.0.1 is not a public address
    """
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise BlockedAddressError(url, f"cannot read the URL ({exc})") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise BlockedAddressError(url, "not an http(s) URL")
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise BlockedAddressError(url, f"cannot resolve {host} ({exc})") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback, whatever its IPv6 flags say.
        if not address.is_global:
            raise BlockedAddressError(url, f"{address} is not a public address")


def public_transport() -> httpx.AsyncBaseTransport:
    """The transport of fetches made for API clients: public addresses only, pinned to the checked address.

    >>> type(public_transport()).__name__
    'PinnedPublicTransport'
    """
    return PinnedPublicTransport()


def input_name(url: str | None, data: str | None) -> str:
    """How an API input is named in the store's records: its URL, else ``api:`` and a hash of the data.

    >>> input_name("https://news.example/a", None)
    'https://news.example/a'
    >>> input_name(None, "some text").startswith("api:sha256:")
    True
    """
    if url:
        return url
    return "api:sha256:" + hashlib.sha256((data or "").encode("utf-8", "surrogatepass")).hexdigest()[:16]


async def fetch_page(url: str, *, allow_private: bool = False) -> RawPage | SourceFailure:
    """Fetch one URL politely: the page, or a failure naming the reason.

    >>> asyncio.run(fetch_page("ftp://news.example/a")).reason
    'not an http(s) URL'
    """
    transport = None if allow_private else public_transport()
    async with AsyncFetcher(API_FETCH, transport=transport) as fetcher:
        result = await fetcher.fetch(url)
    if isinstance(result, RawPage | SourceFailure):
        return result
    # Unreachable without validators in the request; kept so a 304 is never mistaken for a page.
    return SourceFailure(url, "not modified", url=url)


def page_from_post(*, url: str | None, html: str | None, text: str | None) -> RawPage:
    """The raw page a posted HTML page or text stands for.

    >>> page_from_post(url=None, html=None, text="Storm hits coast").kind
    'text'
    """
    data = html if html is not None else text or ""
    return RawPage(data=data, url=url, kind="html" if html is not None else "text", source=input_name(url, data))


@dataclass(slots=True)
class Written:
    """What writing one input did: the result word, the article it concerns, the reason if none.

    >>> Written("failed", "page.html", reason="empty input").article is None
    True
    """

    result: str
    input: str
    article: StoredArticle | None = None
    reason: str | None = None


def write_one(store: Store, item: RawPage | SourceFailure, *, command: str = "api ingest") -> Written:
    """Extract one input and write its outcome under a run of its own; say what became of it.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     written = write_one(store, RawPage("   ", url="https://news.example/a", kind="text",
    ...                                        source="https://news.example/a"))
    >>> written.result, written.reason
    ('failed', 'empty input')
    """
    outcome: Outcome = to_outcome(item)
    run_id = store.start_run(f"{command} {outcome.input}")
    summary = store.write_batch([outcome], run_id=run_id)
    store.finish_run(run_id, summary.counts())
    if isinstance(outcome, FailureOutcome):
        return Written("failed", outcome.input, reason=outcome.reason)
    if isinstance(outcome, NotArticleOutcome):
        return Written("not_article", outcome.input, reason=outcome.reason)
    assert isinstance(outcome, ArticleOutcome)
    if summary.quarantined:
        return Written("failed", outcome.input, reason="the store could not keep this article")
    stored = store.get(summary.article_ids[0]) if summary.article_ids else store.get(article_key(outcome.article))
    for result in ("inserted", "updated", "duplicates", "unchanged"):
        if getattr(summary, result):
            return Written("duplicate" if result == "duplicates" else result, outcome.input, stored)
    return Written("unchanged", outcome.input, stored)

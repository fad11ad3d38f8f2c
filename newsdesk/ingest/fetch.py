"""Fetching pages like a polite crawler: httpx over HTTP/1.1 and HTTP/2.

Per URL the answer is a :class:`~newsdesk.model.RawPage` (``url`` the final URL after redirects,
``source`` the URL asked for, ``headers`` the response headers in lower case), a
:class:`~newsdesk.ingest.NotModified` for a conditional request answered 304, or a
:class:`~newsdesk.ingest.SourceFailure` with the reason. What "polite" means here:

* a clear ``User-Agent`` naming the project, and robots.txt honoured (``urllib.robotparser``,
  cached per host for a day; a robots.txt that answers 4xx allows everything, one that cannot be
  fetched or answers 5xx disallows the host for a while, as RFC 9309 asks; a ``Crawl-delay``
  lengthens the host's delay, up to a cap);
* one request at a time per host, spaced by ``host_delay`` seconds, and at most ``concurrency``
  requests in flight over all hosts;
* timeouts on connecting, on each read and on the whole request (so a host that drips bytes
  cannot hold a slot forever);
* retries of timeouts, connection errors, 408, 429 and 5xx with exponential backoff, waiting at
  least what ``Retry-After`` asks (and giving up when it asks for more than ``max_retry_after``);
* redirects followed one hop at a time, so each hop is checked against its own host's robots.txt
  and delay, with loops and chains over ``max_redirects`` refused;
* the body streamed and abandoned once it passes ``max_body_bytes``; only the accepted content
  types (HTML by default) are read at all.

Conditional requests: give a :class:`FetchRequest` the ETag and Last-Modified of the last fetch.

:class:`AsyncFetcher` is the asyncio implementation. :class:`Fetcher` is the same for synchronous
callers: it runs an AsyncFetcher on an event loop in a background thread it owns and streams
results back, so memory stays flat however many URLs go in. :func:`fetch_urls` is the one-call
form. No state outlives a fetcher: the robots.txt cache and host schedule belong to it.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator, Collection, Coroutine, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsdesk.extract.encoding import MAX_PAGE_BYTES
from newsdesk.ingest import HTML_CONTENT_TYPES, NotModified, SourceFailure, media_type, utc_now
from newsdesk.model import RawPage

__all__ = [
    "USER_AGENT",
    "AsyncFetcher",
    "FetchRequest",
    "FetchResult",
    "FetchSettings",
    "Fetcher",
    "connection_problem",
    "fetch_urls",
]

#: How newsdesk introduces itself; robots.txt rules for "newsdesk" apply to it.
USER_AGENT = "newsdesk/0.1 (+https://github.com/newsdesk)"

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRIED = frozenset({408, 429, 500, 502, 503, 504})
_ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
_ROBOTS_ERROR_TTL = 600.0

_TIMEOUT_STAGES: dict[type[Exception], str] = {
    httpx.ConnectTimeout: "connecting",
    httpx.ReadTimeout: "waiting for data",
    httpx.WriteTimeout: "sending the request",
    httpx.PoolTimeout: "waiting for a free connection",
}

T = TypeVar("T")


@dataclass(slots=True, frozen=True)
class FetchSettings:
    """How politely and how far to fetch.

    >>> FetchSettings(host_delay=2.0).concurrency
    8
    """

    user_agent: str = USER_AGENT
    #: Requests in flight at once, over all hosts.
    concurrency: int = 8
    #: Seconds between the starts of two requests to one host.
    host_delay: float = 1.0
    #: Largest robots.txt Crawl-delay honoured, in seconds.
    max_host_delay: float = 60.0
    connect_timeout: float = 10.0
    #: Longest wait for the next bytes of a response.
    read_timeout: float = 20.0
    #: Longest time for one request, body included.
    total_timeout: float = 60.0
    retries: int = 3
    #: Wait before the first retry, doubled for each next one.
    backoff: float = 1.0
    #: A Retry-After asking for longer than this is a failure (retryable later), not a wait.
    max_retry_after: float = 300.0
    max_body_bytes: int = MAX_PAGE_BYTES
    max_redirects: int = 10
    respect_robots: bool = True
    #: Seconds a fetched robots.txt is trusted.
    robots_ttl: float = 86400.0
    http2: bool = True
    #: Requests taken from the input ahead of their turn, in ``fetch_many``.
    window: int = 1000


@dataclass(slots=True, frozen=True)
class FetchRequest:
    """A URL to fetch, with the validators of the copy already held (for a conditional request).

    >>> FetchRequest("https://news.example/rss", etag='"v7"').etag
    '"v7"'
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None


#: What fetching one URL gives.
FetchResult = RawPage | NotModified | SourceFailure


@dataclass(slots=True)
class _Host:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0


@dataclass(slots=True)
class _Robots:
    parser: RobotFileParser | None  # None: everything allowed
    expires: float
    refusal: str | None = None  # set: everything disallowed, for this reason

    def allows(self, agent: str, url: str) -> bool:
        if self.refusal is not None:
            return False
        return self.parser is None or self.parser.can_fetch(agent, url)

    def delay(self, agent: str) -> float:
        if self.parser is None:
            return 0.0
        value = self.parser.crawl_delay(agent)
        return float(value) if value else 0.0


@dataclass(slots=True)
class _Redirect:
    location: str


@dataclass(slots=True)
class _Retry:
    failure: SourceFailure
    after: float | None = None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _is_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _header_dict(headers: httpx.Headers) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in headers.multi_items():
        low = key.lower()
        out[low] = f"{out[low]}, {value}" if low in out else value
    return out


def _accept_header(accept: Collection[str]) -> str:
    if set(accept) <= HTML_CONTENT_TYPES:
        return "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
    return ",".join(sorted(accept)) + ",*/*;q=0.1"


def connection_problem(exc: BaseException, host: str) -> str | None:
    """What went wrong connecting to ``host``, in words, when it was the name or the refusal.

    The HTTP client wraps the socket error (sometimes in a group of attempts), so the chain
    of causes is searched for it.

    >>> connection_problem(httpx.ConnectError("x"), "news.example") is None
    True
    >>> error = httpx.ConnectError("All connection attempts failed")
    >>> error.__cause__ = ConnectionRefusedError(111, "Connection refused")
    >>> connection_problem(error, "news.example")
    'connection refused by news.example (nothing listens on that port)'
    """
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, socket.gaierror):
            return f"host {host} not found (DNS: {current.strerror or current})"
        if isinstance(current, ConnectionRefusedError):
            return f"connection refused by {host} (nothing listens on that port)"
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        pending.extend(getattr(current, "exceptions", ()))
    return None


def _mib(size: int) -> str:
    return f"{size / 1048576:.1f} MiB"


class AsyncFetcher:
    """Fetch URLs politely on the running event loop; use as ``async with AsyncFetcher() as f``.

    >>> async def main() -> str:
    ...     async with AsyncFetcher() as fetcher:
    ...         return (await fetcher.fetch("ftp://news.example/a")).reason
    >>> asyncio.run(main())
    'not an http(s) URL'
    """

    def __init__(self, settings: FetchSettings | None = None, *,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings or FetchSettings()
        s = self.settings
        self._client = httpx.AsyncClient(
            http2=s.http2,
            timeout=httpx.Timeout(connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout,
                                  pool=s.total_timeout),
            limits=httpx.Limits(max_connections=max(1, s.concurrency) * 2,
                                max_keepalive_connections=max(1, s.concurrency)),
            headers={"User-Agent": s.user_agent},
            follow_redirects=False,
            transport=transport,
        )
        self._slots = asyncio.Semaphore(max(1, s.concurrency))
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, _Robots] = {}

    async def __aenter__(self) -> AsyncFetcher:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections."""
        await self._client.aclose()

    async def fetch(self, request: str | FetchRequest, *, accept: Collection[str] = HTML_CONTENT_TYPES,
                    max_bytes: int | None = None) -> FetchResult:
        """Fetch one URL: the page, NotModified, or a failure naming the URL and the reason."""
        if isinstance(request, str):
            request = FetchRequest(request)
        try:
            return await self._fetch(request, accept, max_bytes or self.settings.max_body_bytes)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # A bug must not stop a batch: report it against this URL.
            return SourceFailure(request.url, f"fetch failed ({type(exc).__name__}: {exc})", url=request.url)

    async def fetch_many(self, requests: Iterable[str | FetchRequest], *,
                         accept: Collection[str] = HTML_CONTENT_TYPES,
                         max_bytes: int | None = None) -> AsyncIterator[FetchResult]:
        """Fetch many URLs, yielding each result as it completes (not in input order).

        The input is read lazily, at most ``settings.window`` requests ahead, so it may be a
        generator over millions of URLs. It is iterated on the event loop: it must not block.
        """
        pending: set[asyncio.Task[FetchResult]] = set()
        source = iter(requests)
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < self.settings.window:
                    request = next(source, None)
                    if request is None:
                        exhausted = True
                        break
                    pending.add(asyncio.ensure_future(self.fetch(request, accept=accept, max_bytes=max_bytes)))
                if not pending:
                    return
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    yield task.result()
        finally:
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)

    async def _fetch(self, request: FetchRequest, accept: Collection[str], max_bytes: int) -> FetchResult:
        asked = request.url
        if not _is_http(asked):
            return SourceFailure(asked, "not an http(s) URL", url=asked)
        headers = {"Accept": _accept_header(accept)}
        if request.etag:
            headers["If-None-Match"] = request.etag
        if request.last_modified:
            headers["If-Modified-Since"] = request.last_modified
        current = asked
        seen = {asked}
        for _ in range(self.settings.max_redirects + 1):
            outcome = await self._polite(current, asked, headers, accept, max_bytes)
            if not isinstance(outcome, _Redirect):
                return outcome
            target = urljoin(current, outcome.location.strip())
            if not _is_http(target):
                return SourceFailure(asked, f"redirect to a non-http(s) URL ({target})", url=current)
            if target in seen:
                return SourceFailure(asked, f"redirect loop ({current} -> {target})", url=current)
            seen.add(target)
            current = target
        return SourceFailure(asked, f"more than {self.settings.max_redirects} redirects", url=current)

    async def _polite(self, url: str, asked: str, headers: dict[str, str], accept: Collection[str],
                      max_bytes: int) -> FetchResult | _Redirect:
        """One hop: robots.txt, the host's turn, a global slot, retries."""
        s = self.settings
        origin = _origin(url)
        host = self._hosts.setdefault(origin, _Host())
        async with host.lock:
            delay = s.host_delay
            if s.respect_robots:
                robots = await self._robots_for(origin, host)
                if not robots.allows(s.user_agent, url):
                    reason = robots.refusal or "disallowed by robots.txt"
                    return SourceFailure(asked, reason, url=url, retryable=robots.refusal is not None)
                delay = max(delay, min(robots.delay(s.user_agent), s.max_host_delay))
            attempt = 0
            while True:
                outcome = await self._in_turn(host, delay, self._request(url, asked, headers, accept, max_bytes))
                if not isinstance(outcome, _Retry):
                    return outcome
                if outcome.after is not None and outcome.after > s.max_retry_after:
                    return SourceFailure(asked, f"{outcome.failure.reason}; asked to retry after {outcome.after:.0f} s",
                                         url=url, retryable=True)
                if attempt >= s.retries:
                    return outcome.failure
                wait = max(s.backoff * 2**attempt, outcome.after or 0.0)
                host.next_start = max(host.next_start, time.monotonic() + wait)
                attempt += 1

    async def _in_turn(self, host: _Host, delay: float, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` when the host's delay has passed, holding one of the global slots."""
        try:
            wait = host.next_start - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            async with self._slots:
                host.next_start = time.monotonic() + delay
                return await work
        finally:
            work.close()  # Cancelled before it ran: close it, or Python warns it was never awaited.

    async def _request(self, url: str, asked: str, headers: dict[str, str], accept: Collection[str],
                       max_bytes: int) -> FetchResult | _Redirect | _Retry:
        try:
            async with asyncio.timeout(self.settings.total_timeout):
                async with self._client.stream("GET", url, headers=headers) as response:
                    return await self._answer(response, asked, accept, max_bytes)
        except TimeoutError:
            reason = f"timed out (no complete answer within {self.settings.total_timeout:g} s)"
            return _Retry(SourceFailure(asked, reason, url=url, retryable=True))
        except httpx.TimeoutException as exc:
            reason = f"timed out ({_TIMEOUT_STAGES.get(type(exc), 'no answer')})"
            return _Retry(SourceFailure(asked, reason, url=url, retryable=True))
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            return SourceFailure(asked, f"cannot request this URL ({exc})", url=url)
        except httpx.TransportError as exc:
            if problem := connection_problem(exc, urlsplit(url).hostname or url):
                return _Retry(SourceFailure(asked, problem, url=url, retryable=True))
            detail = str(exc) or type(exc).__name__
            return _Retry(SourceFailure(asked, f"connection failed ({detail})", url=url, retryable=True))

    async def _answer(self, response: httpx.Response, asked: str, accept: Collection[str],
                      max_bytes: int) -> FetchResult | _Redirect | _Retry:
        status = response.status_code
        url = str(response.url)
        if status in _REDIRECTS and response.headers.get("location"):
            return _Redirect(response.headers["location"])
        if status == 304:
            return NotModified(asked, etag=response.headers.get("etag"),
                               last_modified=response.headers.get("last-modified"))
        if status in _RETRIED:
            failure = SourceFailure(asked, f"HTTP status {status}", url=url, retryable=True)
            return _Retry(failure, _retry_after(response.headers.get("retry-after")))
        if not 200 <= status < 300:
            return SourceFailure(asked, f"HTTP status {status}", url=url)
        media = media_type(response.headers.get("content-type"))
        if media and media not in accept:
            return SourceFailure(asked, f"content type {media}", url=url, skipped=True)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            return SourceFailure(asked, f"body of {_mib(int(declared))} is over the {_mib(max_bytes)} limit", url=url)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > max_bytes:
                return SourceFailure(asked, f"body is over the {_mib(max_bytes)} limit", url=url)
            chunks.append(chunk)
        kind = "html" if media in HTML_CONTENT_TYPES or (not media and set(accept) <= HTML_CONTENT_TYPES) else None
        return RawPage(data=b"".join(chunks), url=url, headers=_header_dict(response.headers),
                       fetched_at=utc_now(), kind=kind, source=asked)

    async def _robots_for(self, origin: str, host: _Host) -> _Robots:
        """The host's robots.txt rules, fetched in the host's turn when not cached or stale."""
        cached = self._robots.get(origin)
        if cached is not None and cached.expires > time.monotonic():
            return cached
        rules = await self._in_turn(host, self.settings.host_delay, self._fetch_robots(origin))
        self._robots[origin] = rules
        return rules

    async def _fetch_robots(self, origin: str) -> _Robots:
        s = self.settings
        url = f"{origin}/robots.txt"
        now = time.monotonic()
        try:
            async with asyncio.timeout(s.total_timeout):
                for _ in range(5):
                    async with self._client.stream("GET", url) as response:
                        status = response.status_code
                        if status in _REDIRECTS and response.headers.get("location"):
                            url = urljoin(url, response.headers["location"])
                            continue
                        if 200 <= status < 300:
                            body = bytearray()
                            async for chunk in response.aiter_bytes():
                                body += chunk
                                if len(body) >= _ROBOTS_MAX_BYTES:
                                    break
                            parser = RobotFileParser(url)
                            parser.parse(bytes(body[:_ROBOTS_MAX_BYTES]).decode("utf-8", "replace").splitlines())
                            return _Robots(parser, now + s.robots_ttl)
                        if 400 <= status < 500:
                            return _Robots(None, now + s.robots_ttl)
                        return _Robots(None, now + _ROBOTS_ERROR_TTL,
                                       refusal=f"robots.txt answered HTTP {status}; host not fetched for now")
        except (TimeoutError, httpx.HTTPError) as exc:
            if problem := connection_problem(exc, urlsplit(origin).hostname or origin):
                return _Robots(None, now + _ROBOTS_ERROR_TTL, refusal=f"{problem}; host not fetched for now")
            detail = str(exc) or type(exc).__name__
            return _Robots(None, now + _ROBOTS_ERROR_TTL,
                           refusal=f"robots.txt could not be fetched ({detail}); host not fetched for now")
        return _Robots(None, now + _ROBOTS_ERROR_TTL, refusal="robots.txt redirects too often; host not fetched")


class Fetcher:
    """Fetch URLs politely from synchronous code; use as ``with Fetcher() as f``.

    An event loop runs in a background thread the fetcher owns; results stream back as they
    complete. Close it (or leave the ``with`` block) to stop the thread.

    >>> with Fetcher(FetchSettings(respect_robots=False)) as fetcher:
    ...     fetcher.fetch("mailto:desk@news.example").reason
    'not an http(s) URL'
    """

    def __init__(self, settings: FetchSettings | None = None, *,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="newsdesk-fetch", daemon=True)
        self._thread.start()
        self._closed = False
        self._async = self._call(self._create(transport))

    async def _create(self, transport: httpx.AsyncBaseTransport | None) -> AsyncFetcher:
        return AsyncFetcher(self.settings, transport=transport)

    def _call(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result()

    def fetch(self, request: str | FetchRequest, *, accept: Collection[str] = HTML_CONTENT_TYPES,
              max_bytes: int | None = None) -> FetchResult:
        """Fetch one URL (see :meth:`AsyncFetcher.fetch`)."""
        return self._call(self._async.fetch(request, accept=accept, max_bytes=max_bytes))

    def fetch_many(self, requests: Iterable[str | FetchRequest], *, accept: Collection[str] = HTML_CONTENT_TYPES,
                   max_bytes: int | None = None) -> Iterator[FetchResult]:
        """Fetch many URLs, yielding results as they complete (see :meth:`AsyncFetcher.fetch_many`)."""
        queue: asyncio.Queue[tuple[bool, Any]] = self._call(self._new_queue())
        pump = asyncio.run_coroutine_threadsafe(self._pump(requests, queue, accept, max_bytes), self._loop)
        try:
            while True:
                finished, value = self._call(queue.get())
                if finished:
                    if value is not None:
                        raise value
                    return
                yield value
        finally:
            if not pump.done():
                pump.cancel()

    async def _new_queue(self) -> asyncio.Queue[tuple[bool, Any]]:
        return asyncio.Queue(maxsize=max(1, self.settings.concurrency) * 4)

    async def _pump(self, requests: Iterable[str | FetchRequest], queue: asyncio.Queue[tuple[bool, Any]],
                    accept: Collection[str], max_bytes: int | None) -> None:
        error: BaseException | None = None
        try:
            async for result in self._async.fetch_many(requests, accept=accept, max_bytes=max_bytes):
                await queue.put((False, result))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # handed to the consuming thread, which raises it
            error = exc
        await queue.put((True, error))

    @staticmethod
    async def _cancel_pending() -> None:
        current = asyncio.current_task()
        pending = [task for task in asyncio.all_tasks() if task is not current]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def close(self) -> None:
        """Close the connections and stop the background thread."""
        if self._closed:
            return
        self._closed = True
        try:
            # Work left pending by an interrupted consumer (Ctrl-C mid fetch_many) is cancelled and
            # awaited here, so the loop closes with nothing half-done to complain about.
            self._call(self._cancel_pending())
            self._call(self._async.aclose())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def fetch_urls(requests: Iterable[str | FetchRequest], settings: FetchSettings | None = None, *,
               accept: Collection[str] = HTML_CONTENT_TYPES) -> Iterator[FetchResult]:
    """Fetch URLs politely, yielding one result per URL as each completes.

    >>> [result.reason for result in fetch_urls(["not a url"])]
    ['not an http(s) URL']
    """
    with Fetcher(settings) as fetcher:
        yield from fetcher.fetch_many(requests, accept=accept)

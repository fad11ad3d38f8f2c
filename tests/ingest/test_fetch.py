"""Fetching against a local HTTP server: robots.txt, redirects, retries, conditional requests, limits."""

from __future__ import annotations

import socket
from pathlib import Path

from ingest_server import NewsServer, Reply, Seen

from newsdesk.ingest import NotModified, SourceFailure
from newsdesk.ingest.fetch import USER_AGENT, Fetcher, FetchRequest, FetchSettings, fetch_urls
from newsdesk.model import RawPage

FLOODS = (Path(__file__).parent / "fixtures" / "article_floods.html").read_bytes()
# No host delay and short waits: the tests check behaviour, not speed.
QUICK = FetchSettings(host_delay=0.0, backoff=0.05, retries=2, read_timeout=2.0, total_timeout=10.0)


def _fetch(url: str | FetchRequest, settings: FetchSettings = QUICK) -> RawPage | NotModified | SourceFailure:
    with Fetcher(settings) as fetcher:
        return fetcher.fetch(url)


def test_page_is_fetched_with_user_agent_headers_and_final_url(server: NewsServer) -> None:
    server.route("/local/floods.html", Reply(body=FLOODS, headers={"Content-Type": "text/html; charset=utf-8",
                                                                    "ETag": '"fl-1"'}))
    page = _fetch(server.url("/local/floods.html"))
    assert isinstance(page, RawPage)
    assert page.data == FLOODS and page.kind == "html"
    assert page.url == page.source == server.url("/local/floods.html")
    assert page.headers["content-type"] == "text/html; charset=utf-8" and page.headers["etag"] == '"fl-1"'
    assert page.fetched_at is not None and page.fetched_at.endswith("+00:00")
    assert server.paths() == ["/robots.txt", "/local/floods.html"]
    assert {seen.headers["user-agent"] for seen in server.seen} == {USER_AGENT}


def test_robots_disallow_is_honoured_and_cached(server: NewsServer) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: newsdesk\nDisallow: /private/\n\nUser-agent: *\nDisallow:\n",
                                      headers={"Content-Type": "text/plain"}))
    server.route("/private/memo.html", Reply(body=FLOODS))
    server.route("/local/floods.html", Reply(body=FLOODS))
    with Fetcher(QUICK) as fetcher:
        refused = fetcher.fetch(server.url("/private/memo.html"))
        allowed = fetcher.fetch(server.url("/local/floods.html"))
    assert isinstance(refused, SourceFailure) and refused.reason == "disallowed by robots.txt"
    assert not refused.retryable
    assert isinstance(allowed, RawPage)
    assert server.paths() == ["/robots.txt", "/local/floods.html"]


def test_robots_can_be_ignored_when_asked(server: NewsServer) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n", headers={"Content-Type": "text/plain"}))
    server.route("/a.html", Reply(body=FLOODS))
    page = _fetch(server.url("/a.html"), FetchSettings(host_delay=0.0, respect_robots=False))
    assert isinstance(page, RawPage) and server.paths() == ["/a.html"]


def test_redirect_chain_keeps_the_final_url(server: NewsServer) -> None:
    server.route("/s/123", Reply(301, headers={"Location": "/r2"}))
    server.route("/r2", Reply(302, headers={"Location": server.url("/r3")}))
    server.route("/r3", Reply(307, headers={"Location": "/local/2025/10/01/floods.html"}))
    server.route("/local/2025/10/01/floods.html", Reply(body=FLOODS))
    page = _fetch(server.url("/s/123"))
    assert isinstance(page, RawPage)
    assert page.url == server.url("/local/2025/10/01/floods.html")
    assert page.source == server.url("/s/123")


def test_redirect_loop_and_too_many_redirects_are_failures(server: NewsServer) -> None:
    server.route("/loop-a", Reply(302, headers={"Location": "/loop-b"}))
    server.route("/loop-b", Reply(302, headers={"Location": "/loop-a"}))
    for hop in range(5):
        server.route(f"/hop{hop}", Reply(302, headers={"Location": f"/hop{hop + 1}"}))
    loop = _fetch(server.url("/loop-a"))
    assert isinstance(loop, SourceFailure) and loop.reason.startswith("redirect loop")
    chain = _fetch(server.url("/hop0"), FetchSettings(host_delay=0.0, max_redirects=3))
    assert isinstance(chain, SourceFailure) and chain.reason == "more than 3 redirects"


def test_429_with_retry_after_then_success(server: NewsServer) -> None:
    calls: list[Seen] = []

    def busy(seen: Seen) -> Reply:
        calls.append(seen)
        if len(calls) == 1:
            return Reply(429, b"slow down", headers={"Retry-After": "1", "Content-Type": "text/plain"})
        return Reply(body=FLOODS)

    server.route("/busy.html", busy)
    page = _fetch(server.url("/busy.html"))
    assert isinstance(page, RawPage) and page.data == FLOODS
    assert len(calls) == 2


def test_retry_after_beyond_the_limit_is_a_retryable_failure(server: NewsServer) -> None:
    server.route("/closed.html", Reply(503, b"", headers={"Retry-After": "3600"}))
    failure = _fetch(server.url("/closed.html"))
    assert isinstance(failure, SourceFailure) and failure.retryable
    assert failure.reason == "HTTP status 503; asked to retry after 3600 s"
    assert server.paths().count("/closed.html") == 1


def test_server_errors_are_retried_then_reported(server: NewsServer) -> None:
    server.route("/broken.html", Reply(500, b"oops"))
    failure = _fetch(server.url("/broken.html"))
    assert isinstance(failure, SourceFailure) and failure.reason == "HTTP status 500" and failure.retryable
    assert server.paths().count("/broken.html") == 1 + QUICK.retries


def test_conditional_request_answered_304(server: NewsServer) -> None:
    def feed(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(body=FLOODS, headers={"Content-Type": "text/html", "ETag": '"v1"',
                                           "Last-Modified": "Wed, 01 Oct 2025 07:50:00 GMT"})

    server.route("/local/floods.html", feed)
    with Fetcher(QUICK) as fetcher:
        first = fetcher.fetch(server.url("/local/floods.html"))
        assert isinstance(first, RawPage)
        again = fetcher.fetch(FetchRequest(server.url("/local/floods.html"), etag=first.headers["etag"],
                                           last_modified=first.headers["last-modified"]))
    assert isinstance(again, NotModified)
    assert again.url == server.url("/local/floods.html") and again.etag == '"v1"'
    assert server.seen[-1].headers["if-modified-since"] == "Wed, 01 Oct 2025 07:50:00 GMT"


def test_slow_host_times_out(server: NewsServer) -> None:
    server.route("/slow.html", Reply(body=FLOODS, delay=2.0))
    failure = _fetch(server.url("/slow.html"), FetchSettings(host_delay=0.0, retries=0, read_timeout=0.3))
    assert isinstance(failure, SourceFailure) and failure.retryable
    assert failure.reason == "timed out (waiting for data)"


def test_oversize_bodies_are_abandoned(server: NewsServer) -> None:
    big = b"<html><body>" + b"<p>flood warning</p>" * 150_000 + b"</body></html>"  # about 3 MiB
    server.route("/streamed.html", Reply(body=big, chunked=True))
    server.route("/declared.html", Reply(body=big))
    settings = FetchSettings(host_delay=0.0, max_body_bytes=1048576)
    streamed = _fetch(server.url("/streamed.html"), settings)
    assert isinstance(streamed, SourceFailure) and streamed.reason == "body is over the 1.0 MiB limit"
    declared = _fetch(server.url("/declared.html"), settings)
    assert isinstance(declared, SourceFailure) and declared.reason == "body of 2.9 MiB is over the 1.0 MiB limit"


def test_pdf_and_404_are_failures_with_their_reason(server: NewsServer) -> None:
    server.route("/reports/annual-2025.pdf", Reply(body=b"%PDF-1.7\n", headers={"Content-Type": "application/pdf"}))
    pdf = _fetch(server.url("/reports/annual-2025.pdf"))
    assert isinstance(pdf, SourceFailure) and pdf.reason == "content type application/pdf" and pdf.skipped
    missing = _fetch(server.url("/local/gone.html"))
    assert isinstance(missing, SourceFailure) and missing.reason == "HTTP status 404"
    assert not missing.retryable and missing.url == server.url("/local/gone.html")


def test_unreachable_host_and_bad_urls() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings = FetchSettings(host_delay=0.0, retries=0)
    refused = _fetch(f"http://127.0.0.1:{closed_port}/a.html", settings)
    assert isinstance(refused, SourceFailure) and refused.retryable
    assert refused.reason.startswith("connection refused by 127.0.0.1")
    direct = _fetch(f"http://127.0.0.1:{closed_port}/a.html", FetchSettings(retries=0, respect_robots=False))
    assert isinstance(direct, SourceFailure) and direct.reason.startswith("connection refused")
    assert _fetch("file:///etc/passwd").reason == "not an http(s) URL"


def test_many_urls_one_request_at_a_time_per_host(server: NewsServer) -> None:
    for i in range(6):
        server.route(f"/story/{i}.html", Reply(body=FLOODS, delay=0.05))
    urls = [server.url(f"/story/{i}.html", host="127.0.0.1" if i % 2 else "localhost") for i in range(6)]
    results = list(fetch_urls(urls, QUICK))
    assert sorted(result.source for result in results) == sorted(urls)
    assert all(isinstance(result, RawPage) for result in results)
    assert server.max_in_flight == {"127.0.0.1": 1, "localhost": 1}


def test_global_concurrency_limit(server: NewsServer) -> None:
    for i in range(4):
        server.route(f"/story/{i}.html", Reply(body=FLOODS, delay=0.05))
    urls = [server.url(f"/story/{i}.html", host="127.0.0.1" if i % 2 else "localhost") for i in range(4)]
    settings = FetchSettings(host_delay=0.0, concurrency=1, respect_robots=False)
    assert len(list(fetch_urls(urls, settings))) == 4
    assert server.max_in_flight_total == 1


def test_stopping_early_does_not_hang(server: NewsServer) -> None:
    for i in range(20):
        server.route(f"/story/{i}.html", Reply(body=FLOODS))
    with Fetcher(QUICK) as fetcher:
        stream = fetcher.fetch_many(server.url(f"/story/{i}.html") for i in range(20))
        first = next(stream)
        stream.close()
        assert isinstance(first, RawPage)
        # The fetcher is still usable after an abandoned stream.
        assert isinstance(fetcher.fetch(server.url("/story/19.html")), RawPage)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_refused_connection_is_reported_as_refused_not_as_robots() -> None:
    failure = _fetch(f"http://127.0.0.1:{_closed_port()}/news/a.html")
    assert isinstance(failure, SourceFailure)
    assert "connection refused by 127.0.0.1" in failure.reason and "robots.txt" not in failure.reason
    # Without robots.txt in the way, the page's own request says the same.
    failure = _fetch(f"http://127.0.0.1:{_closed_port()}/news/a.html", FetchSettings(
        host_delay=0.0, backoff=0.01, retries=0, respect_robots=False))
    assert isinstance(failure, SourceFailure) and "connection refused" in failure.reason


def test_a_host_that_does_not_resolve_is_reported_as_not_found() -> None:
    # .invalid never resolves (RFC 6761).
    failure = _fetch("http://newsdesk-test.invalid/news/a.html")
    assert isinstance(failure, SourceFailure)
    assert "host newsdesk-test.invalid not found" in failure.reason and "robots.txt" not in failure.reason

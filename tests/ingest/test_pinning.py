"""The pinned transport: one resolution, checked, and the connection made to the checked address."""

from __future__ import annotations

from urllib.parse import urlsplit

from ingest_server import NewsServer, Reply

from newsdesk.ingest import SourceFailure
from newsdesk.ingest.fetch import Fetcher, FetchSettings
from newsdesk.ingest.pinning import PinnedPublicTransport
from newsdesk.model import RawPage

SETTINGS = FetchSettings(host_delay=0.0, retries=0, respect_robots=False)
PAGE = b"<html><body><article><h1>Harbour reopens</h1><p>Ships returned.</p></article></body></html>"


def test_a_host_resolving_to_a_private_address_is_refused_before_any_request(server: NewsServer) -> None:
    server.route("/a.html", Reply(body=PAGE))
    with Fetcher(SETTINGS, transport=PinnedPublicTransport()) as fetcher:
        refused = fetcher.fetch(server.url("/a.html"))
    assert isinstance(refused, SourceFailure) and "127.0.0.1 is not a public address" in refused.reason
    assert server.paths() == []


def test_the_connection_goes_to_the_checked_address_whatever_the_name_resolves_to_later(server: NewsServer) -> None:
    server.route("/a.html", Reply(body=PAGE))
    port = urlsplit(server.url("/")).port
    answers = iter([["127.0.0.1"], ["10.66.0.1"]])  # A rebinding resolver: the second answer differs.
    checked: list[str] = []

    async def rebinding(host: str, _port: int) -> list[str]:
        return next(answers)

    def allowed(address: str) -> bool:
        checked.append(address)
        return address == "127.0.0.1"  # The loopback server stands in for a public host here.

    transport = PinnedPublicTransport(allowed=allowed, resolver=rebinding)
    with Fetcher(SETTINGS, transport=transport) as fetcher:
        page = fetcher.fetch(f"http://harbour-news.test:{port}/a.html")
    assert isinstance(page, RawPage) and page.data == PAGE
    assert checked == ["127.0.0.1"]
    # The server was reached once, at the checked address, and saw the URL's own host name.
    assert [(seen.path, seen.host) for seen in server.seen] == [("/a.html", "harbour-news.test")]

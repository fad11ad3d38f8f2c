"""The sources file, and discovering an outlet's articles through its feeds and sitemaps."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from ingest_server import NewsServer, Reply, Seen

from newsdesk.ingest import Discovered, Polled, SourceFailure
from newsdesk.ingest.fetch import Fetcher, FetchSettings
from newsdesk.ingest.sources import Outlet, SourcesFileError, discover, load_sources, parse_sources, resolve_url
from newsdesk.model import RawPage

FIXTURES = Path(__file__).parent / "fixtures"
FLOODS = (FIXTURES / "article_floods.html").read_bytes()
QUICK = FetchSettings(host_delay=0.0, backoff=0.05, retries=1)

SOURCES = """
# Outlets the newsroom follows.
[[outlet]]
name = "Riverside Gazette"
homepage = "https://riverside-gazette.example/"
feeds = ["https://riverside-gazette.example/local/atom.xml", "https://riverside-gazette.example/rss"]
sitemaps = ["https://riverside-gazette.example/sitemap-news.xml"]
language = "en-GB"
country = "gb"

[[outlet]]
name = "Harbour Times"
feeds = "https://harbour-times.example/business/rss"
"""


def test_sources_file_is_read_in_order(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES, encoding="utf-8")
    gazette, times = load_sources(path)
    assert gazette == Outlet("Riverside Gazette", "https://riverside-gazette.example/",
                             ["https://riverside-gazette.example/local/atom.xml", "https://riverside-gazette.example/rss"],
                             ["https://riverside-gazette.example/sitemap-news.xml"], "en-GB", "GB")
    assert times.feeds == ["https://harbour-times.example/business/rss"] and times.sitemaps == []


@pytest.mark.parametrize(("text", "message"), [
    ("[[outlet]\nname = 'x'", "sources.toml: not valid TOML"),
    ("title = 'mine'", "sources.toml: unknown top-level key 'title'"),
    ("[[outlets]]\nname = 'Gazette'", "sources.toml: unknown top-level key 'outlets' (outlets are [[outlet]] tables)"),
    ("", "sources.toml: no outlets: add one [[outlet]] table per outlet"),
    ("[[outlet]]\nhomepage = 'https://g.example/'", "sources.toml: outlet #1: field 'name': required"),
    ("[[outlet]]\nname = 'Gazette'\nfeed = ['https://g.example/rss']",
     "sources.toml: outlet 'Gazette': field 'feed': unknown field (did you mean 'feeds'?)"),
    ("[[outlet]]\nname = 'Gazette'\nsitemaps = ['/sitemap.xml']",
     "sources.toml: outlet 'Gazette': field 'sitemaps': not an http(s) URL: '/sitemap.xml'"),
    ("[[outlet]]\nname = 'Gazette'\nfeeds = 3", "sources.toml: outlet 'Gazette': field 'feeds': must be a list"),
    ("[[outlet]]\nname = 'Gazette'\ncountry = 'GBR'", "sources.toml: outlet 'Gazette': field 'country': must be"),
    ("[[outlet]]\nname = 'Gazette'\nlanguage = 'English'", "sources.toml: outlet 'Gazette': field 'language'"),
    ("[[outlet]]\nname = 'Gazette'\nhomepage = 'g.example'", "sources.toml: outlet 'Gazette': field 'homepage'"),
    ("[[outlet]]\nname = 'Gazette'\n[[outlet]]\nname = 'gazette'",
     "sources.toml: outlet 'gazette': field 'name': the name is used twice (outlets #1 and #2)"),
])
def test_mistakes_name_the_file_the_outlet_and_the_field(text: str, message: str) -> None:
    with pytest.raises(SourcesFileError) as caught:
        parse_sources(text)
    assert str(caught.value).startswith(message)


def test_missing_sources_file(tmp_path: Path) -> None:
    with pytest.raises(SourcesFileError, match="cannot read file"):
        load_sources(tmp_path / "sources.toml")


def _rss(server: NewsServer) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Riverside Gazette</title>
<item><title>Floods close roads across the valley</title><link>{server.url("/local/floods.html")}</link>
<pubDate>Wed, 01 Oct 2025 06:45:00 GMT</pubDate><guid>rg-1001</guid></item>
</channel></rss>""".encode()


def _sitemaps(server: NewsServer) -> None:
    index = f"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{server.url("/sitemaps/2025-10.xml.gz")}</loc><lastmod>2025-10-01</lastmod></sitemap>
</sitemapindex>""".encode()
    child = f"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{server.url("/local/library-hours.html")}</loc><lastmod>2025-09-30</lastmod></url>
</urlset>""".encode()
    server.route("/sitemap.xml", Reply(body=index, headers={"Content-Type": "application/xml"}))
    server.route("/sitemaps/2025-10.xml.gz", Reply(body=gzip.compress(child),
                                                   headers={"Content-Type": "application/x-gzip"}))


def test_discover_polls_feeds_then_sitemaps_and_gives_validators(server: NewsServer) -> None:
    rss = _rss(server)

    def feed(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"rss-1"':
            return Reply(304, headers={"ETag": '"rss-1"'})
        return Reply(body=rss, headers={"Content-Type": "application/rss+xml", "ETag": '"rss-1"'})

    server.route("/rss", feed)
    _sitemaps(server)
    outlet = Outlet("Riverside Gazette", feeds=[server.url("/rss"), server.url("/atom.xml")],
                    sitemaps=[server.url("/sitemap.xml")])
    with Fetcher(QUICK) as fetcher:
        first = list(discover(outlet, fetcher=fetcher))
        polls = {item.url: item for item in first if isinstance(item, Polled)}
        again = list(discover(outlet, fetcher=fetcher, previous=polls))
    found = [item for item in first if isinstance(item, Discovered)]
    assert [item.url for item in found] == [server.url("/local/floods.html"), server.url("/local/library-hours.html")]
    assert found[0].published == "2025-10-01T06:45:00+00:00" and found[0].guid == "rg-1001"
    assert found[1].updated == "2025-09-30"
    assert {item.outlet for item in found} == {"Riverside Gazette"}
    assert polls[server.url("/rss")].etag == '"rss-1"'
    assert set(polls) == {server.url("/rss"), server.url("/sitemap.xml"), server.url("/sitemaps/2025-10.xml.gz")}
    # The Atom feed is missing (404): reported, and the rest of the outlet was still polled.
    (missing,) = [item for item in first if isinstance(item, SourceFailure)]
    assert missing.source == server.url("/atom.xml") and missing.reason == "HTTP status 404"
    # Second poll: the feed answers 304, so it yields nothing new from it.
    unchanged = next(item for item in again if isinstance(item, Polled) and item.url == server.url("/rss"))
    assert unchanged.changed is False
    assert server.url("/local/floods.html") not in [item.url for item in again if isinstance(item, Discovered)]


def test_resolve_url_tells_pages_feeds_and_sitemaps_apart(server: NewsServer) -> None:
    server.route("/local/floods.html", Reply(body=FLOODS))
    server.route("/rss", Reply(body=_rss(server), headers={"Content-Type": "text/xml"}))
    server.route("/report.pdf", Reply(body=b"%PDF-1.7\n", headers={"Content-Type": "application/pdf"}))
    _sitemaps(server)
    with Fetcher(QUICK) as fetcher:
        (page,) = resolve_url(server.url("/local/floods.html"), fetcher=fetcher)
        feed = list(resolve_url(server.url("/rss"), fetcher=fetcher))
        sitemap = list(resolve_url(server.url("/sitemap.xml"), fetcher=fetcher))
        (pdf,) = resolve_url(server.url("/report.pdf"), fetcher=fetcher)
    assert isinstance(page, RawPage) and page.kind == "html" and page.data == FLOODS
    assert [item.url for item in feed if isinstance(item, Discovered)] == [server.url("/local/floods.html")]
    assert [item.url for item in sitemap if isinstance(item, Discovered)] == [server.url("/local/library-hours.html")]
    assert isinstance(pdf, SourceFailure) and "application/pdf" in pdf.reason


def test_a_url_answered_304_unasked_is_a_failure_not_dropped(server: NewsServer) -> None:
    # A user's URL is fetched without validators; a server (or a proxy) that answers 304 anyway left the
    # URL out of the run without a word, since only pages, listings and failures are read back.
    from newsdesk.ingest.remote import read_urls

    server.route("/stale.html", Reply(status=304, headers={}))
    with Fetcher(QUICK) as fetcher:
        (resolved,) = resolve_url(server.url("/stale.html"), fetcher=fetcher)
        (read,) = read_urls([server.url("/stale.html")], fetcher)
    for item in (resolved, read):
        assert isinstance(item, SourceFailure) and item.source == server.url("/stale.html")
        assert "304" in item.reason

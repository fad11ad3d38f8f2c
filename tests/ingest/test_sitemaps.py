"""Reading sitemaps: urlsets, indexes with gzip children, Google News sitemaps, caps and refusals."""

from __future__ import annotations

import gzip

from newsdesk.ingest import Discovered, NotModified, Polled, SourceFailure
from newsdesk.ingest.sitemaps import SitemapLink, read_sitemap, walk_sitemaps
from newsdesk.model import RawPage

SITE = "https://riverside-gazette.example"

INDEX = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{SITE}/sitemaps/news.xml</loc><lastmod>2025-10-01T08:00:00+00:00</lastmod></sitemap>
  <sitemap><loc>{SITE}/sitemaps/2025-09.xml.gz</loc><lastmod>2025-09-30T23:59:00Z</lastmod></sitemap>
  <sitemap><loc>{SITE}/sitemaps/2019-01.xml.gz</loc><lastmod>2019-02-01</lastmod></sitemap>
</sitemapindex>
""".encode()

NEWS = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>{SITE}/local/2025/10/01/floods-close-roads</loc>
    <lastmod>2025-10-01T09:10:00+01:00</lastmod>
    <news:news>
      <news:publication><news:name>Riverside Gazette</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-10-01T07:45:00+01:00</news:publication_date>
      <news:title>Floods close roads across the valley</news:title>
    </news:news>
    <image:image><image:loc>{SITE}/img/floods.jpg</image:loc></image:image>
  </url>
  <url>
    <loc>{SITE}/local/2025/10/01/school-opens-late</loc>
    <news:news>
      <news:publication><news:name>Riverside Gazette</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-10-01</news:publication_date>
      <news:title>Two schools open late &amp; buses diverted</news:title>
    </news:news>
  </url>
</urlset>
""".encode()

MONTH = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{SITE}/local/2025/09/30/library-hours</loc><lastmod>2025-09-30</lastmod></url>
  <url><loc>{SITE}/local/2025/09/12/harvest-fair</loc><lastmod>2025-09-12</lastmod></url>
</urlset>
""".encode()


def _fetcher(documents: dict[str, bytes], asked: list[str] | None = None):  # type: ignore[no-untyped-def]
    def fetch(url: str) -> RawPage | NotModified | SourceFailure:
        if asked is not None:
            asked.append(url)
        if url not in documents:
            return SourceFailure(url, "HTTP status 404", url=url, skipped=True)
        return RawPage(documents[url], url=url, source=url, headers={"etag": f'"{len(documents[url])}"'},
                       fetched_at="2025-10-01T10:00:00+00:00")
    return fetch


def test_news_sitemap_gives_title_dates_and_ignores_image_locs() -> None:
    floods, school = read_sitemap(NEWS, source=f"{SITE}/sitemaps/news.xml")
    assert isinstance(floods, Discovered) and isinstance(school, Discovered)
    assert floods.url == f"{SITE}/local/2025/10/01/floods-close-roads"
    assert floods.published == "2025-10-01T07:45:00+01:00"
    assert floods.updated == "2025-10-01T09:10:00+01:00"
    assert floods.title == "Floods close roads across the valley"
    assert school.title == "Two schools open late & buses diverted"
    assert school.published == "2025-10-01" and school.updated is None


def test_index_lists_children() -> None:
    links = list(read_sitemap(INDEX, source=f"{SITE}/sitemap.xml"))
    assert all(isinstance(link, SitemapLink) for link in links)
    assert [link.url.rsplit("/", 1)[1] for link in links] == ["news.xml", "2025-09.xml.gz", "2019-01.xml.gz"]
    assert links[1].lastmod == "2025-09-30T23:59:00+00:00"


def test_walk_follows_index_into_gzip_children_and_reports_validators() -> None:
    documents = {f"{SITE}/sitemap.xml": INDEX, f"{SITE}/sitemaps/news.xml": NEWS,
                 f"{SITE}/sitemaps/2025-09.xml.gz": gzip.compress(MONTH)}
    items = list(walk_sitemaps([f"{SITE}/sitemap.xml"], _fetcher(documents)))
    urls = [item.url for item in items if isinstance(item, Discovered)]
    assert urls == [f"{SITE}/local/2025/10/01/floods-close-roads", f"{SITE}/local/2025/10/01/school-opens-late",
                    f"{SITE}/local/2025/09/30/library-hours", f"{SITE}/local/2025/09/12/harvest-fair"]
    polls = [item for item in items if isinstance(item, Polled)]
    assert [poll.url for poll in polls] == [f"{SITE}/sitemap.xml", f"{SITE}/sitemaps/news.xml",
                                            f"{SITE}/sitemaps/2025-09.xml.gz"]
    assert polls[1].etag == f'"{len(NEWS)}"'
    # The 2019 archive is missing on the server: its failure is reported and the walk went on.
    (missing,) = [item for item in items if isinstance(item, SourceFailure)]
    assert missing.source == f"{SITE}/sitemaps/2019-01.xml.gz"


def test_since_skips_children_not_changed_since() -> None:
    asked: list[str] = []
    documents = {f"{SITE}/sitemap.xml": INDEX, f"{SITE}/sitemaps/news.xml": NEWS,
                 f"{SITE}/sitemaps/2025-09.xml.gz": gzip.compress(MONTH)}
    list(walk_sitemaps([f"{SITE}/sitemap.xml"], _fetcher(documents, asked), since="2025-09-30"))
    assert asked == [f"{SITE}/sitemap.xml", f"{SITE}/sitemaps/news.xml", f"{SITE}/sitemaps/2025-09.xml.gz"]


def test_not_modified_child_is_polled_but_not_read() -> None:
    def fetch(url: str) -> RawPage | NotModified | SourceFailure:
        if url.endswith("news.xml"):
            return NotModified(url, etag='"n1"')
        return RawPage(INDEX if url.endswith("sitemap.xml") else gzip.compress(MONTH), url=url, source=url)

    items = list(walk_sitemaps([f"{SITE}/sitemap.xml"], fetch))
    news_poll = next(item for item in items if isinstance(item, Polled) and item.url.endswith("news.xml"))
    assert news_poll.changed is False and news_poll.etag == '"n1"'
    assert not any(isinstance(item, Discovered) and "floods" in item.url for item in items)


def test_depth_cycle_and_count_caps() -> None:
    loop = {
        f"{SITE}/a.xml": f"<sitemapindex><sitemap><loc>{SITE}/b.xml</loc></sitemap></sitemapindex>".encode(),
        f"{SITE}/b.xml": f"<sitemapindex><sitemap><loc>{SITE}/a.xml</loc></sitemap>"
                         f"<sitemap><loc>{SITE}/c.xml</loc></sitemap></sitemapindex>".encode(),
        f"{SITE}/c.xml": f"<sitemapindex><sitemap><loc>{SITE}/d.xml</loc></sitemap></sitemapindex>".encode(),
    }
    asked: list[str] = []
    items = list(walk_sitemaps([f"{SITE}/a.xml"], _fetcher(loop, asked), max_depth=2))
    assert asked == [f"{SITE}/a.xml", f"{SITE}/b.xml", f"{SITE}/c.xml"]  # a.xml is not fetched twice
    (too_deep,) = [item for item in items if isinstance(item, SourceFailure)]
    assert too_deep.source == f"{SITE}/d.xml" and "nested" in too_deep.reason
    limited = list(walk_sitemaps([f"{SITE}/a.xml"], _fetcher(loop), max_sitemaps=1))
    assert isinstance(limited[-1], SourceFailure) and "limit of 1 sitemap" in limited[-1].reason
    capped = list(walk_sitemaps([f"{SITE}/m.xml"], _fetcher({f"{SITE}/m.xml": MONTH}), max_urls=1))
    assert [type(item).__name__ for item in capped] == ["Polled", "Discovered", "SourceFailure"]


def test_doctype_and_entities_are_refused() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b"<urlset><url><loc>https://news.example/&b;</loc></url></urlset>")
    (failure,) = read_sitemap(bomb, source="https://news.example/sitemap.xml")
    assert isinstance(failure, SourceFailure) and "DOCTYPE" in failure.reason
    external = (b'<?xml version="1.0"?><!DOCTYPE urlset SYSTEM "file:///etc/passwd">'
                b"<urlset><url><loc>https://news.example/a</loc></url></urlset>")
    (refused,) = read_sitemap(external, source="https://news.example/sitemap.xml")
    assert isinstance(refused, SourceFailure) and "DOCTYPE" in refused.reason


def test_broken_xml_keeps_what_came_before_it() -> None:
    broken = MONTH[: MONTH.index(b"</url>", MONTH.index(b"harvest")) - 10]
    items = list(read_sitemap(broken, source=f"{SITE}/sitemaps/2025-09.xml"))
    assert isinstance(items[0], Discovered) and items[0].url.endswith("library-hours")
    assert isinstance(items[-1], SourceFailure) and items[-1].reason.startswith("invalid sitemap XML")


def test_truncated_gzip_sitemap_is_a_failure() -> None:
    packed = gzip.compress(MONTH)
    items = list(read_sitemap(packed[:-12], source=f"{SITE}/sitemaps/2025-09.xml.gz"))
    assert isinstance(items[-1], SourceFailure) and items[-1].reason == "truncated gzip data"


def test_a_feed_is_not_a_sitemap_and_text_sitemaps_are() -> None:
    (failure,) = read_sitemap(b'<rss version="2.0"><channel/></rss>', source="https://news.example/rss")
    assert isinstance(failure, SourceFailure) and failure.reason == "not a sitemap (root element <rss>)"
    text = f"{SITE}/local/a\n{SITE}/local/b\r\n\nnot a url\n".encode()
    assert [item.url for item in read_sitemap(text, source=f"{SITE}/sitemap.txt")] == [f"{SITE}/local/a",
                                                                                       f"{SITE}/local/b"]

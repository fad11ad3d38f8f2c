"""Feeds out: Atom and JSON Feed 1.1 for the latest articles, a section, an outlet and a search."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest
from fastapi.testclient import TestClient
from web_samples import HOSTILE, HOSTILE_HEADLINE, PAGES, SEED_URL, TOKEN

ATOM = "{http://www.w3.org/2005/Atom}"
HARBOUR_URL = PAGES["harbour-times-iraq-drawdown.html"]


def atom(client: TestClient, path: str, **params: str) -> feedparser.FeedParserDict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("application/atom+xml")
    ET.fromstring(response.content)  # well-formed XML, or this raises
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def json_feed(client: TestClient, path: str, **params: str) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("application/feed+json")
    data: dict = response.json()
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == str(response.url)
    for item in data["items"]:
        assert isinstance(item["id"], str) and item["id"]
    return data


def test_latest_atom_feed(client: TestClient) -> None:
    feed = atom(client, "/feeds/latest.atom")
    assert feed.feed.title == "newsdesk: latest articles"
    assert len(feed.entries) == 5
    first = feed.entries[0]
    assert first.title == "Storm Amy: coastal towns told to prepare for 80mph gusts"
    assert first.id == PAGES["coastal-gazette-storm.html"]
    assert first.published == "2025-10-02T15:45:00Z"
    assert first.author == "Fiona MacLeod"
    assert first.tags[0].term == "Weather"
    assert "<table>" in first.content[0].value
    links = {link.rel: link.href for link in first.links}
    assert links["alternate"].startswith("http://testserver/articles/")
    assert links["related"] == PAGES["coastal-gazette-storm.html"]


def test_atom_entries_carry_caption_credit_source_and_language(client: TestClient) -> None:
    response = client.get("/feeds/latest.atom")
    root = ET.fromstring(response.content)
    entries = {entry.findtext(f"{ATOM}id"): entry for entry in root.iter(f"{ATOM}entry")}
    seed = entries[SEED_URL]
    content = seed.findtext(f"{ATOM}content") or ""
    assert "Iraq deal sets 2026 deadline for US-led coalition withdrawal. [File Photo] Photo: AP" in content
    assert "<p>Source: Anadolu Agency (AA)</p>" in content
    assert seed.findtext(f"{ATOM}author/{ATOM}name") == "TRT World"
    french = entries[PAGES["journal-du-port-vendanges.html"]]
    assert french.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


def test_section_outlet_and_search_feeds(client: TestClient) -> None:
    section = atom(client, "/feeds/sections/Middle%20East.atom")
    assert [entry.id for entry in section.entries] == [SEED_URL]
    outlet = json_feed(client, "/feeds/outlets/Harbour%20Times.json")
    assert [item["external_url"] for item in outlet["items"]] == [HARBOUR_URL]
    assert outlet["home_page_url"].endswith("/outlets/Harbour%20Times")
    search = json_feed(client, "/feeds/search.json", q="coalition")
    assert {item["external_url"] for item in search["items"]} == {SEED_URL, HARBOUR_URL}
    assert search["title"] == "newsdesk: search coalition"
    filtered = atom(client, "/feeds/search.atom", q="coalition", outlet="Harbour Times")
    assert [entry.id for entry in filtered.entries] == [HARBOUR_URL]


def test_json_feed_items(client: TestClient) -> None:
    feed = json_feed(client, "/feeds/latest.json")
    items = {item["id"]: item for item in feed["items"]}
    harbour = items[HARBOUR_URL]
    assert harbour["title"] == "Coalition troops begin leaving Iraqi bases as drawdown starts"
    assert harbour["date_published"] == "2025-10-02T08:30:00Z"
    assert harbour["authors"] == [{"name": "Maria Lindqvist"}]
    assert harbour["tags"] == ["World"]
    assert harbour["language"] == "en"
    assert harbour["image"] == "https://images.harbourtimes.example/2025/10/ain-al-asad.jpg"
    assert harbour["summary"].startswith("The first coalition units left Ain al-Asad")
    assert "<blockquote>" in harbour["content_html"]


def test_hostile_text_is_escaped_in_feeds(client: TestClient) -> None:
    items = {item["id"]: item for item in json_feed(client, "/feeds/latest.json")["items"]}
    hostile = items[HOSTILE.url]
    assert hostile["title"] == HOSTILE_HEADLINE
    assert "<img src=x" not in hostile["content_html"] and "&lt;img src=x" in hostile["content_html"]
    assert "language" not in hostile  # the stored language is not a language tag
    entry = next(e for e in atom(client, "/feeds/latest.atom").entries if e.id == HOSTILE.url)
    assert entry.title == HOSTILE_HEADLINE


def test_empty_feeds_are_valid(client: TestClient) -> None:
    assert atom(client, "/feeds/search.atom", q="zeppelin").entries == []
    assert json_feed(client, "/feeds/search.json", q="zeppelin")["items"] == []


@pytest.mark.parametrize(("path", "params", "status"), [
    ("/feeds/latest.rss", {}, 404),
    ("/feeds/sections/World.xml", {}, 404),
    ("/feeds/search.atom", {"since": "soon"}, 400),
    ("/feeds/search.json", {"q": "x" * 501}, 400),
])
def test_bad_feed_requests(client: TestClient, path: str, params: dict, status: int) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/feeds/sections/Sport.atom", "/feeds/sections/Sport.json",
                                  "/feeds/outlets/No Such Outlet.atom", "/feeds/outlets/nosuch.example.json"])
def test_feed_of_an_unknown_section_or_outlet_is_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_feed_of_a_section_in_another_case_is_found(client: TestClient) -> None:
    assert atom(client, "/feeds/sections/middle east.atom").entries


@pytest.mark.parametrize("path", ["/feeds/latest.atom", "/feeds/latest.json", "/feeds/outlets/Harbour Times.atom",
                                  "/feeds/search.json?q=coalition"])
def test_feeds_answer_conditional_requests_with_304(client: TestClient, path: str) -> None:
    first = client.get(path)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('"') and modified.endswith(" GMT")
    assert client.get(path).headers["etag"] == etag  # the same feed has the same tag
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get(path, headers={"If-None-Match": f'"other", {etag}'}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    # A tag that does not match wins over a date that does (RFC 9110, 13.2.2).
    assert client.get(path, headers={"If-None-Match": '"other"', "If-Modified-Since": modified}).status_code == 200
    assert client.get(path, headers={"If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT"}).status_code == 200
    assert client.get(path, headers={"If-Modified-Since": "not a date"}).status_code == 200


def test_a_new_article_changes_the_feed_tag(writer_client: TestClient) -> None:
    before = writer_client.get("/feeds/latest.atom").headers["etag"]
    posted = writer_client.post("/api/v1/ingest", headers={"Authorization": f"Bearer {TOKEN}"},
                                json={"text": "Ferries to the islands sailed again on Monday after the storm, the "
                                              "operator said, adding extra crossings. " * 5})
    assert posted.status_code == 201, posted.text
    assert writer_client.get("/feeds/latest.atom", headers={"If-None-Match": before}).status_code == 200


def test_feed_entry_ids_are_never_unsafe_urls(client: TestClient) -> None:
    for entry in atom(client, "/feeds/latest.atom").entries:
        assert entry.id.startswith(("http://", "https://")), entry.id

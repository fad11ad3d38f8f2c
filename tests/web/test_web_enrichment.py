"""Entities and quotes served: the API, the entity pages, and "Who said what" on the article page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.model import Article, Block, Enrichment, Entity, Mention, Quote
from newsdesk.store import ArticleOutcome, open_store
from newsdesk.web import create_app

BODY = ("Chief Pentagon Spokesman Sean Parnell said: \"We will leave Iraq.\"",
        "Parnell spoke in Baghdad.")


def _article(n: int, published: str) -> Article:
    text = "\n\n".join((*BODY, f"Report {n}."))

    def at(words: str, after: int = 0) -> Mention:
        start = text.index(words, after)
        return Mention(words, start, start + len(words))

    name, quote = at("Sean Parnell"), at("We will leave Iraq.")
    parnell = Entity("Sean Parnell", "PERSON", [name, at("Parnell", name.end)])
    iraq = Entity("Iraq", "PLACE", [at("Iraq")], country="IQ", lat=33.0, lon=44.0, geonames_id=99237)
    found = Enrichment([parnell, iraq],
                       [Quote(quote.text, "Sean Parnell", "Chief Pentagon Spokesman", "direct", "said",
                              quote.start, quote.end, name.start, name.end, "PERSON")], recognizer="patterns")
    return Article(url=f"https://news.example/{n}", headline=f"Coalition story {n}", site_name="News Example",
                   published=published, is_article=True, body=[Block("paragraph", p) for p in text.split("\n\n")],
                   enrichment=found).finish()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = Path(tmp_path_factory.mktemp("enriched")) / "news.db"
    with open_store(path) as store:
        store.write_batch([ArticleOutcome(f"{n}.html", _article(n, f"2025-10-0{n}T09:00:00Z")) for n in (1, 2, 3)])
    with TestClient(create_app(str(path))) as test_client:
        yield test_client


def test_api_lists_entities_by_articles(client: TestClient) -> None:
    data = client.get("/api/v1/entities").json()
    # Ties in articles: more mentions first.
    assert [(e["name"], e["articles"]) for e in data["items"]] == [("Sean Parnell", 3), ("Iraq", 3)]
    places = client.get("/api/v1/entities", params={"type": "place"}).json()["items"]
    assert places[0]["country"] == "IQ" and places[0]["html_url"].startswith("/entities/")


def test_api_entity_has_days_articles_and_quotes(client: TestClient) -> None:
    parnell = client.get("/api/v1/entities", params={"q": "parnell"}).json()["items"][0]
    data = client.get(parnell["api_url"]).json()
    assert data["days"] == {"2025-10-01": 1, "2025-10-02": 1, "2025-10-03": 1}
    assert data["articles"][0]["headline"] == "Coalition story 3"
    assert data["quotes"][0]["speaker_role"] == "Chief Pentagon Spokesman"


def test_api_quotes_by_speaker(client: TestClient) -> None:
    data = client.get("/api/v1/quotes", params={"speaker": "Parnell", "limit": 2}).json()
    assert len(data["items"]) == 2 and data["next_offset"] == 2
    assert data["items"][0]["text"] == "We will leave Iraq."
    assert client.get("/api/v1/quotes", params={"speaker": "Nobody"}).json()["items"] == []


@pytest.mark.parametrize("path, params", [
    ("/api/v1/entities", {"type": "ANIMAL"}),
    ("/api/v1/entities", {"since": "soon"}),
    ("/api/v1/entities", {"offset": -1}),
    ("/api/v1/quotes", {"kind": "whispered"}),
    ("/api/v1/quotes", {"limit": 10**6}),
])
def test_bad_parameters_are_json_400(client: TestClient, path: str, params: dict[str, object]) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 400, response.text
    assert "error" in response.json()


def test_unknown_entity_is_404(client: TestClient) -> None:
    assert client.get("/api/v1/entities/999999").status_code == 404
    assert client.get("/entities/999999").status_code == 404
    assert client.get("/entities/abc").status_code == 404


def test_entity_pages(client: TestClient) -> None:
    listing = client.get("/entities")
    assert listing.status_code == 200 and "Sean Parnell" in listing.text and "Most quoted" in listing.text
    parnell = client.get("/api/v1/entities", params={"q": "parnell"}).json()["items"][0]
    page = client.get(parnell["html_url"])
    assert page.status_code == 200
    assert "What Sean Parnell said" in page.text and "We will leave Iraq." in page.text
    assert "Coalition story 3" in page.text


def test_article_page_shows_who_said_what_and_links_entities(client: TestClient) -> None:
    article_id = client.get("/api/v1/articles").json()["items"][0]["id"]
    page = client.get(f"/articles/{article_id}").text
    assert "Who said what" in page and "Chief Pentagon Spokesman" in page
    parnell = client.get("/api/v1/entities", params={"q": "parnell"}).json()["items"][0]
    assert f'href="/entities/{parnell["id"]}"' in page
    assert "In this story" in page and ">Iraq</a>" in page


def test_search_filters_and_facets_by_entity(client: TestClient) -> None:
    assert client.get("/api/v1/articles", params={"person": "parnell"}).json()["items"]
    assert client.get("/api/v1/articles", params={"place": "Atlantis"}).json()["items"] == []
    found = client.get("/api/v1/search", params={"q": "leave", "speaker": "Sean", "facets": "true"}).json()
    assert len(found["items"]) == 3
    assert {v["value"] for v in found["facets"]["place"]} == {"Iraq"}
    page = client.get("/search", params={"q": "leave", "place": "Iraq"}).text
    assert "Places" in page and 'name="place" value="Iraq"' in page

"""Search as people meet it: bounded prefixes, the empty result's words, sections that differ only in case."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser

from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, open_store
from newsdesk.web import create_app


@pytest.mark.parametrize("q", ["a*", "ab*", "harbour a*", "-é*"])
def test_short_prefixes_are_a_400_saying_why(client: TestClient, q: str) -> None:
    response = client.get("/api/v1/search", params={"q": q})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["errors"][0]["location"] == "query.q" and "at least 3 characters before *" in error["message"]
    assert client.get("/feeds/search.atom", params={"q": q}).status_code == 400
    page = client.get("/search", params={"q": q})
    assert page.status_code == 400 and "at least 3 characters before *" in page.text


def test_prefixes_of_three_characters_search(client: TestClient) -> None:
    assert client.get("/api/v1/search", params={"q": "coa*"}).json()["total"] >= 2


def test_an_empty_search_says_no_articles_match(client: TestClient) -> None:
    tree = LexborHTMLParser(client.get("/search", params={"q": "zeppelin"}).text)
    heading = " ".join(tree.css_first(".results-count").text().split())
    assert heading.startswith("No articles match “zeppelin”") and "0 of 0" not in heading
    filtered = LexborHTMLParser(client.get("/search", params={"section": "Weather", "lang": "fr"}).text)
    assert " ".join(filtered.css_first(".results-count").text().split()).startswith("No articles match")


@pytest.fixture(scope="module")
def cased(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A store whose section is spelt News twice, news once and NEWS once."""
    path: Path = tmp_path_factory.mktemp("cased") / "news.db"
    with open_store(path) as store:
        store.write_batch([ArticleOutcome(f"n{i}", Article(
            url=f"https://harbour.example/{i}", headline=f"Harbour story {i}", section=section, language="en",
            published=f"2025-10-0{i + 1}T06:00:00Z", is_article=True,
            body=[Block("paragraph", f"The harbour story number {i} about the ferries and the tides.")]).finish())
            for i, section in enumerate(["News", "news", "News", "NEWS"])])
    with TestClient(create_app(str(path))) as client:
        yield client


def test_sections_in_other_cases_are_one_facet_value(cased: TestClient) -> None:
    for params in ({"facets": "true"}, {"facets": "true", "q": "harbour"}, {"facets": "true", "section": "NEWS"}):
        facets = cased.get("/api/v1/search", params=params).json()["facets"]["section"]
        assert [(f["value"], f["count"]) for f in facets] == [("News", 4)]
    assert cased.get("/api/v1/articles", params={"section": "news"}).json()["total"] == 4


def test_sections_in_other_cases_are_one_menu_entry_and_one_home_group(cased: TestClient) -> None:
    page = cased.get("/search").text
    options = re.findall(r"<option[^>]*>([^<]*)</option>", page)
    assert [o for o in options if o.casefold() == "news"] == ["News"]
    home = LexborHTMLParser(cased.get("/").text)
    groups = [" ".join(node.text().split()) for node in home.css("section h2")]
    assert [g for g in groups if g.casefold().startswith("news")] == ["News"]

"""The read side of the REST API through the ASGI client: every route, good and bad input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_samples import HOSTILE, PAGES, SEED_URL, article_id

HARBOUR_URL = PAGES["harbour-times-iraq-drawdown.html"]
STORM_URL = PAGES["coastal-gazette-storm.html"]
VENDANGES_URL = PAGES["journal-du-port-vendanges.html"]


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    return body["error"]


# --------------------------------------------------------------------------- /articles


def test_articles_lists_every_article_newest_first(client: TestClient) -> None:
    response = client.get("/api/v1/articles")
    assert response.status_code == 200
    page = response.json()
    urls = [item["url"] for item in page["items"]]
    assert page["total"] == 5 and page["next_cursor"] is None
    # Published (UTC): storm 10-02 15:45, harbour 10-02 08:30, hostile 10-01 18:00, TRT 10-01, vendanges 09-29.
    assert urls == [STORM_URL, HARBOUR_URL, HOSTILE.url, SEED_URL, VENDANGES_URL]
    first = page["items"][0]
    assert first["outlet"] == "Coastal Gazette"
    assert first["html_url"].endswith(f"/articles/{first['id']}")
    assert first["api_url"].endswith(f"/api/v1/articles/{first['id']}")


def test_cursor_pages_through_the_whole_list_without_repeats(client: TestClient) -> None:
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/articles", params=params).json()
        seen += [item["id"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    everything = [item["id"] for item in client.get("/api/v1/articles").json()["items"]]
    assert seen == everything and pages == 3


def test_cursor_refused_with_other_filters_or_when_forged(client: TestClient) -> None:
    page = client.get("/api/v1/articles", params={"limit": 1, "lang": "en"}).json()
    replayed = client.get("/api/v1/articles", params={"limit": 1, "lang": "fr", "cursor": page["next_cursor"]})
    assert replayed.status_code == 400
    assert error_of(replayed)["code"] == "bad_cursor"
    assert "another query" in error_of(replayed)["message"]
    forged = client.get("/api/v1/articles", params={"cursor": "eyJ2IjoxLCJvIjotNSwiZiI6IngifQ"})
    assert forged.status_code == 400
    assert error_of(forged)["errors"][0]["location"] == "query.cursor"


@pytest.mark.parametrize(("params", "expected"), [
    ({"section": "world"}, [HARBOUR_URL]),
    ({"lang": "fr"}, [VENDANGES_URL]),
    ({"outlet": "Harbour Times"}, [HARBOUR_URL]),
    ({"outlet": "trtworld.com"}, [SEED_URL]),
    ({"since": "2025-10-02"}, [STORM_URL, HARBOUR_URL]),
    ({"until": "2025-09-30"}, [VENDANGES_URL]),
    ({"since": "2025-10-01", "until": "2025-10-01", "section": "Middle East"}, [SEED_URL]),
    ({"author": "lindqvist"}, [HARBOUR_URL]),
    ({"section": "Sport"}, []),
])
def test_articles_filters(client: TestClient, params: dict, expected: list[str]) -> None:
    page = client.get("/api/v1/articles", params=params).json()
    assert [item["url"] for item in page["items"]] == expected
    assert page["total"] == len(expected)


@pytest.mark.parametrize(("params", "location"), [
    ({"limit": 0}, "query.limit"),
    ({"limit": 101}, "query.limit"),
    ({"limit": 10**9}, "query.limit"),
    ({"limit": "ten"}, "query.limit"),
    ({"since": "yesterday"}, "query.since"),
    ({"until": "2025-13-45"}, "query.until"),
    ({"since": "2025-10-03", "until": "2025-10-01"}, "query.since"),
    ({"section": "x" * 201}, "query.section"),
])
def test_articles_bad_parameters_are_400_naming_the_parameter(client: TestClient, params: dict,
                                                              location: str) -> None:
    response = client.get("/api/v1/articles", params=params)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_parameter"
    assert [item["location"] for item in error["errors"]] == [location]
    assert location.split(".")[1] in error["message"]


def test_largest_page_size_is_accepted(client: TestClient) -> None:
    response = client.get("/api/v1/articles", params={"limit": 100})
    assert response.status_code == 200 and response.json()["limit"] == 100


# --------------------------------------------------------------------------- one article


def test_one_article_has_every_field_of_the_seed_example(client: TestClient) -> None:
    ident = article_id(client, SEED_URL)
    article = client.get(f"/api/v1/articles/{ident}").json()
    assert article["headline"] == "US-led coalition to scale back Iraq mission"
    assert article["section"] == "Middle East"
    assert article["published"] == "2025-10-01"
    assert article["reading_time_minutes"] == 1
    assert article["image"] == {"url": None, "caption": "Iraq deal sets 2026 deadline for US-led coalition withdrawal.",
                                "credit": "AP", "note": "File Photo"}
    assert article["wire_source"] == {"code": "AA", "name": "Anadolu Agency"}
    assert article["related"][0]["title"].startswith("Iraq's PM seeks closer ties")
    assert len(article["body"]) == 7
    # The page names its site in a same-site related block ("RelatedTRT World - ..."): that is the outlet.
    assert article["outlet"] == "TRT World"
    assert article["html_url"].endswith(f"/articles/{ident}")


@pytest.mark.parametrize("ref", ["999999", "0", "-1", str(2**63), str(10**30)])
def test_unknown_article_is_404(client: TestClient, ref: str) -> None:
    response = client.get(f"/api/v1/articles/{ref}")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert ref in error_of(response)["message"]


def test_article_id_that_is_not_a_number_is_400(client: TestClient) -> None:
    response = client.get("/api/v1/articles/iraq")
    assert response.status_code == 400
    assert error_of(response)["errors"][0]["location"] == "path.article_id"


def test_lookup_by_url(client: TestClient) -> None:
    found = client.get("/api/v1/articles/lookup", params={"url": HARBOUR_URL})
    assert found.status_code == 200 and found.json()["site_name"] == "Harbour Times"
    missing = client.get("/api/v1/articles/lookup", params={"url": "https://nowhere.example/a"})
    assert missing.status_code == 404
    assert client.get("/api/v1/articles/lookup").status_code == 400


def test_related_articles_share_the_story(client: TestClient) -> None:
    ident = article_id(client, SEED_URL)
    related = client.get(f"/api/v1/articles/{ident}/related").json()
    urls = [item["url"] for item in related["items"]]
    assert urls[0] == HARBOUR_URL
    assert SEED_URL not in urls
    assert client.get(f"/api/v1/articles/{ident}/related", params={"limit": 21}).status_code == 400
    assert client.get("/api/v1/articles/424242/related").status_code == 404


# --------------------------------------------------------------------------- search


def test_search_ranks_and_highlights(client: TestClient) -> None:
    response = client.get("/api/v1/search", params={"q": "coalition iraq"})
    assert response.status_code == 200
    results = response.json()
    assert results["query"] == "coalition iraq"
    assert {item["url"] for item in results["items"]} == {SEED_URL, HARBOUR_URL}
    assert results["total"] == 2
    first = results["items"][0]
    assert "<mark>" in first["title_html"] or "<mark>" in first["snippet_html"]
    assert first["score"] > 0
    assert results["facets"] is None


def test_search_facets_count_each_value(client: TestClient) -> None:
    results = client.get("/api/v1/search", params={"q": "coalition", "facets": "true"}).json()
    outlets = {value["value"]: value["count"] for value in results["facets"]["outlet"]}
    assert outlets == {"Harbour Times": 1, "TRT World": 1}
    sections = {value["value"]: value["count"] for value in results["facets"]["section"]}
    assert sections == {"World": 1, "Middle East": 1}
    chosen = client.get("/api/v1/search", params={"q": "coalition", "facets": "true", "section": "World"}).json()
    assert chosen["total"] == 1
    # The chosen facet still shows its alternatives, and says which one is chosen.
    assert {(v["value"], v["selected"]) for v in chosen["facets"]["section"]} == {("World", True),
                                                                                   ("Middle East", False)}


@pytest.mark.parametrize("query", ['AND OR ((( "', "NOT", "*", "-", '"unclosed phrase', "iraq -coalition", "ü" * 500])
def test_search_accepts_any_query_text(client: TestClient, query: str) -> None:
    response = client.get("/api/v1/search", params={"q": query})
    assert response.status_code == 200, response.text
    assert response.json()["total"] == len(response.json()["items"])


def test_search_query_over_the_limit_is_400(client: TestClient) -> None:
    response = client.get("/api/v1/search", params={"q": "a" * 501})
    assert response.status_code == 400
    assert error_of(response)["errors"][0]["location"] == "query.q"


def test_search_filters_and_bad_dates(client: TestClient) -> None:
    assert client.get("/api/v1/search", params={"q": "coalition", "outlet": "Harbour Times"}).json()["total"] == 1
    bad = client.get("/api/v1/search", params={"q": "coalition", "since": "31/12/2025"})
    assert bad.status_code == 400
    assert "YYYY-MM-DD" in error_of(bad)["message"]


def test_search_without_query_lists_newest(client: TestClient) -> None:
    results = client.get("/api/v1/search", params={"limit": 1}).json()
    assert results["query"] is None and results["items"][0]["url"] == STORM_URL and results["next_cursor"]


# --------------------------------------------------------------------------- outlets, stats, docs


def test_outlets_list_and_one_outlet(client: TestClient) -> None:
    outlets = {item["name"]: item for item in client.get("/api/v1/outlets").json()}
    assert set(outlets) >= {"Harbour Times", "Coastal Gazette", "Le Journal du Port", "TRT World"}
    assert outlets["Harbour Times"]["articles"] == 1
    detail = client.get("/api/v1/outlets/harbour times", params={"days": 3}).json()
    assert detail["name"] == "Harbour Times"
    assert detail["by_day"] == {"2025-09-30": 0, "2025-10-01": 0, "2025-10-02": 1}


def test_unknown_outlet_and_bad_days(client: TestClient) -> None:
    assert client.get("/api/v1/outlets/Nowhere Daily").status_code == 404
    assert client.get("/api/v1/outlets/Harbour Times", params={"days": 0}).status_code == 400
    assert client.get("/api/v1/outlets/Harbour Times", params={"days": 367}).status_code == 400


def test_stats(client: TestClient) -> None:
    stats = client.get("/api/v1/stats").json()
    assert stats["articles"] == 5
    assert stats["by_language"]["fr"] == 1


def test_openapi_describes_every_route(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/search", "/api/v1/outlets",
            "/api/v1/stats", "/api/v1/ingest"} <= set(schema["paths"])
    assert "requestBody" in schema["paths"]["/api/v1/ingest"]["post"]
    assert not any(path.startswith(("/feeds", "/search", "/outlets")) for path in schema["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "openapi.json" in docs.text


def test_unknown_route_and_wrong_method_answer_json_errors(client: TestClient) -> None:
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"
    wrong = client.delete("/api/v1/articles/1")
    assert wrong.status_code == 405 and error_of(wrong)["code"] == "method_not_allowed"

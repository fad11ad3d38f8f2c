"""The API's cursors: lists newest first page by store position, ranked search by offset, old cursors refused."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from fastapi.testclient import TestClient
from httpx import Response
from web_samples import PAGES, SEED_URL

from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, open_store
from newsdesk.web import create_app
from newsdesk.web.cursor import encode_cursor, request_fingerprint

HARBOUR_URL = PAGES["harbour-times-iraq-drawdown.html"]


def pages(client: TestClient, path: str, **params: object) -> list[list[str]]:
    out: list[list[str]] = []
    cursor = None
    while True:
        page = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        out.append([item["url"] for item in page.json()["items"]])
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return out
        assert len(out) < 20


def error_of(response: Response) -> dict:
    assert response.status_code == 400, response.text
    error: dict = response.json()["error"]
    assert error["code"] == "bad_cursor" and error["errors"][0]["location"] == "query.cursor"
    return error


def test_search_without_a_query_pages_like_the_article_list(client: TestClient) -> None:
    listed = pages(client, "/api/v1/articles", limit=2)
    searched = pages(client, "/api/v1/search", limit=2)
    assert listed == searched and [len(page) for page in listed] == [2, 2, 1]


def test_ranked_search_pages_by_offset(client: TestClient) -> None:
    ranked = pages(client, "/api/v1/search", q="coalition iraq", limit=1)
    best_first = [item["url"] for item in client.get("/api/v1/search", params={"q": "coalition iraq"}).json()["items"]]
    assert ranked == [[url] for url in best_first] and set(best_first) == {SEED_URL, HARBOUR_URL}


def test_an_offset_cursor_from_before_is_refused_with_the_way_forward(client: TestClient) -> None:
    old = encode_cursor(2, request_fingerprint({"path": "/api/v1/articles", "lang": "en"}))
    error = error_of(client.get("/api/v1/articles", params={"lang": "en", "cursor": old}))
    assert "earlier version" in error["message"] and "first page" in error["message"]


def test_a_list_cursor_is_not_a_search_cursor(client: TestClient) -> None:
    cursor = client.get("/api/v1/articles", params={"limit": 1}).json()["next_cursor"]
    assert "another query" in error_of(client.get("/api/v1/search", params={"q": "iraq", "cursor": cursor}))["message"]
    ranked = client.get("/api/v1/search", params={"q": "coalition", "limit": 1}).json()["next_cursor"]
    assert "another query" in error_of(client.get("/api/v1/search", params={"cursor": ranked}))["message"]
    assert "another query" in error_of(client.get("/api/v1/articles", params={"cursor": ranked}))["message"]


def test_a_forged_position_is_refused(client: TestClient) -> None:
    fingerprint = request_fingerprint({"path": "/api/v1/articles"})
    for position in ("n1.bm9wZQ", "page 3", ""):
        data = json.dumps({"v": 2, "a": position, "f": fingerprint}).encode()
        forged = base64.urlsafe_b64encode(data).decode().rstrip("=")
        assert "not a cursor this server made" in error_of(client.get("/api/v1/articles",
                                                                      params={"cursor": forged}))["message"]


def test_articles_added_between_pages_neither_repeat_nor_hide_items(fresh_db: Path) -> None:
    with TestClient(create_app(str(fresh_db))) as client:
        first = client.get("/api/v1/articles", params={"limit": 2}).json()
        before = [item["url"] for item in client.get("/api/v1/articles").json()["items"]]
        with open_store(fresh_db) as store:
            store.write_batch([ArticleOutcome("late", Article(
                url="https://harbourtimes.example/local/2025/10/03/ferry-timetable-changes",
                site_name="Harbour Times", language="en", headline="Winter ferry timetable starts on Monday",
                published="2025-10-03T07:00:00Z", section="Local", is_article=True,
                body=[Block("paragraph", "The first winter sailing leaves at 07:40 from the north quay.")]))])
        rest = []
        cursor = first["next_cursor"]
        while cursor:
            page = client.get("/api/v1/articles", params={"limit": 2, "cursor": cursor}).json()
            rest += [item["url"] for item in page["items"]]
            cursor = page["next_cursor"]
        assert [item["url"] for item in first["items"]] + rest == before

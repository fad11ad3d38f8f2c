"""URLs that are not http(s) are refused at the API's door and never echoed, in the API or in the feeds."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient
from web_samples import TOKEN

from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, open_store
from newsdesk.web import create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}
STORY = "Ferries to the islands sailed again on Monday after the storm, the operator said. " * 5


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<b>x",
                                 "file:///etc/passwd", "ftp://news.example/a", "vbscript:msgbox(1)", "//news.example/a",
                                 "news.example/a"])
@pytest.mark.parametrize("body", [{}, {"text": STORY}, {"html": f"<article><h1>Ferries</h1><p>{STORY}</p></article>"}])
def test_posted_urls_that_are_not_http_are_refused_and_never_echoed(writer_client: TestClient, url: str,
                                                                    body: dict) -> None:
    before = writer_client.get("/api/v1/stats").json()["articles"]
    response = writer_client.post("/api/v1/ingest", headers=AUTH, json={**body, "url": url})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "url_not_allowed" and "http" in error["message"]
    assert error["errors"] == [{"location": "body.url", "message": error["errors"][0]["message"]}]
    assert url not in response.text and url.split(":")[0] + ":" not in response.text.replace("https:", "")
    assert writer_client.get("/api/v1/stats").json()["articles"] == before


def test_a_stored_unsafe_url_never_names_a_feed_entry(fresh_db: Path) -> None:
    with open_store(fresh_db) as store:
        store.write_batch([ArticleOutcome("old", Article(
            url="javascript:alert(1)", canonical_url="javascript:alert(2)", headline="Harbour wall repaired",
            published="2025-10-05T06:00:00Z", language="en", is_article=True,
            body=[Block("paragraph", "The harbour wall was repaired over the weekend by the council.")]))])
    with TestClient(create_app(str(fresh_db))) as client:
        for entry in feedparser.parse(client.get("/feeds/latest.atom").content).entries:
            assert entry.id.startswith("http"), entry.id
        assert "javascript:" not in client.get("/feeds/latest.json").text

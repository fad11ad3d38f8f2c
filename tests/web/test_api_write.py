"""POST /api/v1/ingest: the token, the body checks, and what becomes of each kind of input."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_samples import FIXTURES, PAGES, SEED_TEXT, SEED_URL, TOKEN

from newsdesk.web import create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}

RIVER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>River levels fall as flood barriers come down - Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2025-10-05T07:00:00+01:00">
<meta property="article:section" content="News">
</head><body><article>
<h1>River levels fall as flood barriers come down</h1>
<p class="byline">By Sam Whitfield</p>
<p>River levels in the valley fell overnight for the first time in a week, and the council began taking down the
temporary flood barriers along the quay on Sunday morning.</p>
<p>The Environment Agency lifted its flood warning for the lower town but kept an alert in place upstream, where
fields remain under water and two roads are still closed.</p>
<p>Shops on the quay said they hoped to reopen by the middle of the week once the clean-up had finished and the
electrics had been checked.</p>
</article></body></html>"""

RIVER_TEXT = (FIXTURES / "valley-courier-river.txt").read_text(encoding="utf-8")

NAVIGATION_PAGE = """<!doctype html><html><head><title>Sections - Valley Courier</title></head><body>
<nav><ul><li><a href="/news/">News</a></li><li><a href="/sport/">Sport</a></li><li><a href="/weather/">Weather</a></li>
</ul></nav></body></html>"""


def error_of(response) -> dict:
    body = response.json()
    assert body["error"]["status"] == response.status_code
    return body["error"]


def post(client: TestClient, payload: object, headers: dict[str, str] | None = None):
    return client.post("/api/v1/ingest", content=json.dumps(payload),
                       headers={"Content-Type": "application/json", **(headers if headers is not None else AUTH)})


# --------------------------------------------------------------------------- who may write


def test_writing_disabled_without_a_configured_token(fresh_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDESK_TOKEN", raising=False)
    with TestClient(create_app(str(fresh_db))) as client:
        response = post(client, {"html": RIVER_PAGE})
        assert response.status_code == 403
        assert error_of(response)["code"] == "writing_disabled"
        assert "NEWSDESK_TOKEN" in error_of(response)["message"]
        # Reading still works without any token.
        assert client.get("/api/v1/stats").status_code == 200


def test_token_from_the_environment(fresh_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_TOKEN", "from-env-token")
    with TestClient(create_app(str(fresh_db))) as client:
        assert post(client, {"html": RIVER_PAGE}, {"Authorization": "Bearer from-env-token"}).status_code == 201


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": "Bearer"}])
def test_missing_or_wrong_token_is_401(writer_client: TestClient, headers: dict[str, str]) -> None:
    response = post(writer_client, {"html": RIVER_PAGE}, headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert writer_client.get("/api/v1/stats").json()["articles"] == 5


def test_token_is_checked_before_the_body_is_read(writer_client: TestClient) -> None:
    response = writer_client.post("/api/v1/ingest", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 401


# --------------------------------------------------------------------------- what a body must be


@pytest.mark.parametrize(("body", "status", "code"), [
    (b"{not json", 400, "malformed_json"),
    (b"", 400, "malformed_json"),
    (b"[1, 2", 400, "malformed_json"),
    (b'["html"]', 422, "invalid_value"),
    (b'{"html": 5}', 422, "invalid_value"),
    (b'{"html": "<p>a</p>", "text": "a"}', 422, "invalid_value"),
    (b'{"title": "no page here"}', 422, "invalid_value"),
    (b"{}", 422, "invalid_value"),
    (b'{"url": "   "}', 422, "invalid_value"),
])
def test_bad_bodies(writer_client: TestClient, body: bytes, status: int, code: str) -> None:
    response = writer_client.post("/api/v1/ingest", content=body,
                                  headers={"Content-Type": "application/json", **AUTH})
    assert response.status_code == status, response.text
    assert error_of(response)["code"] == code
    assert error_of(response)["message"]


def test_body_that_is_not_json_is_415(writer_client: TestClient) -> None:
    response = writer_client.post("/api/v1/ingest", content=RIVER_PAGE.encode(),
                                  headers={"Content-Type": "text/html", **AUTH})
    assert response.status_code == 415
    assert "text/html" in error_of(response)["message"]


def test_body_over_the_limit_is_413(writer_client: TestClient) -> None:
    huge = json.dumps({"text": "word " * (4 * 1024 * 1024)})
    response = post(writer_client, json.loads(huge))
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


# --------------------------------------------------------------------------- what becomes of an input


def test_new_page_is_201_then_unchanged_then_a_duplicate(writer_client: TestClient) -> None:
    url = "https://valleycourier.example/news/river-levels-fall"
    created = post(writer_client, {"html": RIVER_PAGE, "url": url})
    assert created.status_code == 201, created.text
    result = created.json()
    assert result["result"] == "inserted"
    assert result["article"]["headline"] == "River levels fall as flood barriers come down"
    assert created.headers["location"].endswith(f"/api/v1/articles/{result['id']}")
    assert writer_client.get(f"/api/v1/articles/{result['id']}").json()["url"] == url

    again = post(writer_client, {"html": RIVER_PAGE, "url": url})
    assert again.status_code == 200 and again.json()["result"] == "unchanged" and again.json()["id"] == result["id"]

    copy = post(writer_client, {"html": RIVER_PAGE, "url": "https://syndicated.example/river-levels"})
    assert copy.status_code == 200
    assert copy.json()["result"] == "duplicate" and copy.json()["id"] == result["id"]
    assert writer_client.get("/api/v1/stats").json()["duplicates"] == {"exact": 1}


def test_posted_text_is_extracted(writer_client: TestClient) -> None:
    response = post(writer_client, {"text": RIVER_TEXT})
    assert response.status_code == 201, response.text
    article = response.json()["article"]
    assert article["headline"] == "River levels fall as flood barriers come down"
    assert article["section"] == "News"
    assert article["reading_time_minutes"] == 1
    assert response.json()["input"].startswith("api:sha256:")


def test_posted_copy_of_the_seed_text_is_found_as_its_duplicate(writer_client: TestClient) -> None:
    seed_id = writer_client.get("/api/v1/articles/lookup", params={"url": SEED_URL}).json()["id"]
    response = post(writer_client, {"text": SEED_TEXT.read_text(encoding="utf-8")})
    assert response.status_code == 200, response.text
    assert response.json()["result"] == "duplicate" and response.json()["id"] == seed_id


def test_unreadable_input_is_422_and_quarantined(writer_client: TestClient) -> None:
    response = post(writer_client, {"text": "   \n  "})
    assert response.status_code == 422
    assert error_of(response)["code"] == "extraction_failed"
    assert "empty input" in error_of(response)["message"]
    assert writer_client.get("/api/v1/stats").json()["quarantined"] == {"extract": 1}


def test_page_that_is_not_an_article_is_recorded(writer_client: TestClient) -> None:
    response = post(writer_client, {"html": NAVIGATION_PAGE, "url": "https://valleycourier.example/sections"})
    assert response.status_code == 200
    assert response.json()["result"] == "not_article" and response.json()["id"] is None
    assert sum(writer_client.get("/api/v1/stats").json()["not_articles"].values()) == 1


# --------------------------------------------------------------------------- posted URLs


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/news/river-levels-fall":
            body, status, kind = RIVER_PAGE.encode(), 200, "text/html; charset=utf-8"
        elif self.path == "/world/iraq":
            body = (FIXTURES / "harbour-times-iraq-drawdown.html").read_bytes()
            status, kind = 200, "text/html; charset=utf-8"
        else:
            body, status, kind = b"not found", 404, "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def page_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_posted_url_is_fetched_and_stored(writer_client: TestClient, page_server: str) -> None:
    response = post(writer_client, {"url": f"{page_server}/news/river-levels-fall"})
    assert response.status_code == 201, response.text
    assert response.json()["article"]["url"] == f"{page_server}/news/river-levels-fall"
    # A page whose canonical URL is already stored updates that article rather than adding one.
    stored_id = writer_client.get("/api/v1/articles/lookup",
                                  params={"url": PAGES["harbour-times-iraq-drawdown.html"]}).json()["id"]
    known = post(writer_client, {"url": f"{page_server}/world/iraq"})
    assert known.status_code == 200
    assert known.json()["result"] == "updated" and known.json()["id"] == stored_id
    assert writer_client.get("/api/v1/stats").json()["articles"] == 6


def test_url_that_cannot_be_fetched_is_502_and_quarantined(writer_client: TestClient, page_server: str) -> None:
    response = post(writer_client, {"url": f"{page_server}/gone"})
    assert response.status_code == 502
    assert error_of(response)["code"] == "fetch_failed"
    assert "HTTP status 404" in error_of(response)["message"]
    assert writer_client.get("/api/v1/stats").json()["quarantined"] == {"read": 1}


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/admin", "http://localhost/", "http://10.0.0.8/",
                                 "http://169.254.169.254/latest/meta-data/", "http://[::1]/"])
def test_server_refuses_to_fetch_addresses_that_are_not_public(fresh_db: Path, url: str) -> None:
    with TestClient(create_app(str(fresh_db), token=TOKEN)) as client:
        response = post(client, {"url": url})
        assert response.status_code == 422, response.text
        assert error_of(response)["code"] == "url_not_allowed"
        assert error_of(response)["errors"][0]["location"] == "body.url"
        assert client.get("/api/v1/stats").json()["articles"] == 5

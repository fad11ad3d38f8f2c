"""HEAD on every GET route, CORS for the read API when switched on, and the offline API docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_samples import SEED_URL, article_id

from newsdesk.web import create_app


@pytest.mark.parametrize("path", ["/", "/search?q=iraq", "/outlets", "/outlets/Harbour Times", "/api/v1/articles",
                                  "/api/v1/stats", "/api/v1/outlets", "/feeds/latest.atom", "/feeds/latest.json",
                                  "/static/style.css", "/docs", "/openapi.json", "/nothing-here"])
def test_head_answers_like_get_without_a_body(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("content-length") == got.headers.get("content-length")


def test_head_of_an_article(client: TestClient) -> None:
    ident = article_id(client, SEED_URL)
    assert client.head(f"/articles/{ident}").status_code == 200
    assert client.head(f"/api/v1/articles/{ident}").status_code == 200


def test_no_cors_unless_switched_on(client: TestClient) -> None:
    origin = {"Origin": "https://app.example"}
    assert "access-control-allow-origin" not in client.get("/api/v1/stats", headers=origin).headers
    preflight = client.options("/api/v1/articles", headers={**origin, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 405


def test_cors_lets_the_configured_origins_read_the_api(seeded_db: Path) -> None:
    with TestClient(create_app(str(seeded_db), cors_origins=["https://app.example"])) as client:
        read = client.get("/api/v1/articles", headers={"Origin": "https://app.example"})
        assert read.headers["access-control-allow-origin"] == "https://app.example"
        preflight = client.options("/api/v1/articles", headers={"Origin": "https://app.example",
                                                                "Access-Control-Request-Method": "GET"})
        assert preflight.status_code == 200 and "GET" in preflight.headers["access-control-allow-methods"]
        other = client.get("/api/v1/articles", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        # Writing stays out of reach of other origins' pages.
        write = client.options("/api/v1/ingest", headers={"Origin": "https://app.example",
                                                          "Access-Control-Request-Method": "POST",
                                                          "Access-Control-Request-Headers": "authorization"})
        assert write.status_code == 400


def test_api_docs_load_only_their_own_assets(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    policy = docs.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy and "http" not in policy
    assert "<script>" not in docs.text and "cdn" not in docs.text.lower()
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        assert asset.startswith("/"), asset
        response = client.get(asset)
        assert response.status_code == 200 and len(response.content) > 100, asset
    openapi_url = re.search(r'data-openapi-url="([^"]+)"', docs.text)
    assert openapi_url and client.get(openapi_url.group(1)).json()["info"]["title"] == "newsdesk"

"""Absolute links never come from an unchecked Host header: --base-url, the allowed-hosts check, the bound address."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_samples import SEED_URL, article_id

from newsdesk.web import create_app
from newsdesk.web.config import ConfigError

EVIL = {"Host": "evil.example"}


def links_of(client: TestClient, headers: dict[str, str]) -> list[str]:
    """Every absolute link the API and the feeds give for the seed article and the latest feed."""
    ident = article_id(client, SEED_URL)
    article = client.get(f"/api/v1/articles/{ident}", headers=headers).json()
    hits = client.get("/api/v1/search", params={"q": "coalition"}, headers=headers).json()["items"]
    outlets = client.get("/api/v1/outlets", headers=headers).json()
    atom = client.get("/feeds/latest.atom", headers=headers).text
    feed = client.get("/feeds/latest.json", headers=headers).json()
    page = client.get(f"/articles/{ident}", headers=headers).text
    return [article["html_url"], *(h["api_url"] for h in hits), *(o["html_url"] for o in outlets),
            feed["feed_url"], feed["home_page_url"], *(i["url"] for i in feed["items"]), atom, page]


def test_a_forged_host_header_never_reaches_a_link(client: TestClient) -> None:
    for text in links_of(client, EVIL):
        assert "evil.example" not in text
    # Without a configured address, links use the address the client connected to.
    assert client.get("/feeds/latest.json", headers=EVIL).json()["feed_url"] == "http://testserver/feeds/latest.json"


def test_base_url_makes_every_link(seeded_db: Path) -> None:
    with TestClient(create_app(str(seeded_db), base_url="https://news.example/desk/")) as client:
        for text in links_of(client, EVIL):
            assert "evil.example" not in text and "testserver" not in text
        feed = client.get("/feeds/outlets/Harbour Times.json").json()
        assert feed["feed_url"] == "https://news.example/desk/feeds/outlets/Harbour%20Times.json"
        assert all(item["url"].startswith("https://news.example/desk/articles/") for item in feed["items"])


def test_base_url_from_the_environment(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_BASE_URL", "https://env.example")
    with TestClient(create_app(str(seeded_db))) as client:
        assert client.get("/feeds/latest.json").json()["feed_url"] == "https://env.example/feeds/latest.json"


def test_allowed_hosts_refuse_other_hosts_with_400(seeded_db: Path) -> None:
    with TestClient(create_app(str(seeded_db), allowed_hosts=["news.example", "*.news.example"])) as client:
        refused = client.get("/api/v1/stats", headers=EVIL)
        assert refused.status_code == 400 and refused.json()["error"]["code"] == "host_not_allowed"
        assert "evil.example" not in refused.text
        assert client.get("/", headers=EVIL).status_code == 400
        assert client.get("/api/v1/stats", headers={"Host": "news.example:8080"}).status_code == 200
        # A checked Host header may make links.
        feed = client.get("/feeds/latest.json", headers={"Host": "www.news.example"}).json()
        assert feed["feed_url"] == "http://www.news.example/feeds/latest.json"


def test_allowed_hosts_from_the_environment_answer_the_base_url_host(seeded_db: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_ALLOWED_HOSTS", "internal.example")
    with TestClient(create_app(str(seeded_db), base_url="https://news.example")) as client:
        assert client.get("/api/v1/stats", headers={"Host": "internal.example"}).status_code == 200
        assert client.get("/api/v1/stats", headers={"Host": "news.example"}).status_code == 200
        assert client.get("/api/v1/stats", headers=EVIL).status_code == 400


@pytest.mark.parametrize("settings", [{"base_url": "news.example"}, {"base_url": "https://news.example/?a=1"},
                                      {"allowed_hosts": ["news.example:80"]}, {"cors_origins": ["app.example"]}])
def test_bad_settings_are_refused_naming_the_setting(seeded_db: Path, settings: dict) -> None:
    with pytest.raises(ConfigError, match=r"^--"):
        create_app(str(seeded_db), **settings)


def test_ingest_location_uses_the_configured_address(fresh_db: Path) -> None:
    with TestClient(create_app(str(fresh_db), token="t", base_url="https://news.example")) as client:
        posted = client.post("/api/v1/ingest", headers={"Authorization": "Bearer t", **EVIL},
                             json={"text": "Ferries to the islands sailed again on Monday after the storm, the "
                                           "operator said, adding extra crossings. " * 5})
        assert posted.status_code in (200, 201), posted.text
        if posted.status_code == 201:
            assert posted.headers["location"].startswith("https://news.example/api/v1/articles/")
        assert "evil.example" not in posted.text

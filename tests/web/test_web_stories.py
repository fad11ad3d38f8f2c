"""Stories served: the stories API, timelines, search modes, related articles, and the reader's story pages."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.store import open_store
from newsdesk.web import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the shared sample store
from story_samples import COPY_URL, FOLLOW_URL, LATER_URL, WIRE_URL, SampleIds, build_store


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleIds]:
    path = tmp_path_factory.mktemp("stories") / "news.db"
    return path, build_store(path)


@pytest.fixture(scope="module")
def web(built: tuple[Path, SampleIds]) -> Iterator[TestClient]:
    with TestClient(create_app(str(built[0]))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def ids(built: tuple[Path, SampleIds]) -> SampleIds:
    return built[1]


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading the embedding model fails the test: stores without vectors must never need it."""
    import newsdesk.connect.embeddings as embeddings

    def refuse(name: str = "") -> None:
        raise AssertionError(f"the embedding model {name!r} was loaded")

    monkeypatch.setattr(embeddings, "load_model", refuse)


def test_stories_are_listed_most_covered_first_and_paged_by_cursor(web: TestClient, ids: SampleIds) -> None:
    everything = web.get("/api/v1/stories", params={"limit": 100}).json()
    assert everything["total"] == len(everything["items"]) and everything["next_cursor"] is None
    outlets = [len(story["outlets"]) for story in everything["items"]]
    assert outlets == sorted(outlets, reverse=True)
    iraq = next(story for story in everything["items"] if story["id"] == ids.iraq_story)
    assert {"wire.example", "harbourherald.example"} <= set(iraq["outlets"])
    assert iraq["html_url"] == f"/stories/{ids.iraq_story}" and iraq["api_url"] == f"/api/v1/stories/{ids.iraq_story}"

    first = web.get("/api/v1/stories", params={"limit": 1}).json()
    second = web.get("/api/v1/stories", params={"limit": 1, "cursor": first["next_cursor"]}).json()
    assert [s["id"] for s in first["items"] + second["items"]] == [s["id"] for s in everything["items"][:2]]
    # A cursor is for the list it was made for.
    other = web.get("/api/v1/stories", params={"limit": 1, "min_outlets": 2, "cursor": first["next_cursor"]})
    assert other.status_code == 400 and other.json()["error"]["errors"][0]["location"] == "query.cursor"

    several = web.get("/api/v1/stories", params={"min_outlets": 2}).json()
    assert several["items"] and all(len(s["outlets"]) >= 2 for s in several["items"])
    recent = web.get("/api/v1/stories", params={"rank": "recent", "limit": 100}).json()["items"]
    seen = [s["last_seen"] for s in recent]
    assert seen == sorted(seen, reverse=True)
    assert web.get("/api/v1/stories", params={"since": "2030-01-01"}).json() == {
        "items": [], "total": 0, "limit": 20, "next_cursor": None}


@pytest.mark.parametrize("params, location", [
    ({"since": "soon"}, "query.since"), ({"min_outlets": 0}, "query.min_outlets"), ({"limit": 101}, "query.limit"),
    ({"rank": "best"}, "query.rank"), ({"cursor": "bm9wZQ"}, "query.cursor")])
def test_bad_story_list_parameters_are_400_naming_the_parameter(web: TestClient, params: dict[str, object],
                                                                 location: str) -> None:
    response = web.get("/api/v1/stories", params=params)
    assert response.status_code == 400
    assert response.json()["error"]["errors"][0]["location"] == location


def test_a_story_has_members_outlets_chain_copies_timeline_and_quotes(web: TestClient, ids: SampleIds) -> None:
    data = web.get(f"/api/v1/stories/{ids.iraq_story}").json()
    wire, copy = ids.articles[WIRE_URL], ids.articles[COPY_URL]
    members = {m["article_id"]: m for m in data["members"]}
    assert {wire, copy} <= set(members)
    assert members[wire]["html_url"] == f"/articles/{wire}" and members[wire]["host"] == "wire.example"
    assert data["outlet_first_published"][:2] == [
        {"outlet": "wire.example", "published_utc": "2025-09-30T10:00:00Z"},
        {"outlet": "harbourherald.example", "published_utc": "2025-09-30T14:00:00Z"}]
    assert data["continued_by"] == [] and data["continues"] is None
    group = data["copy_groups"][0]
    assert group["original"] == wire
    assert [(m["article_id"], m["kind"], m["parent_id"]) for m in group["members"]] == [
        (wire, "original", None), (copy, "near", wire)]
    assert group["members"][1]["containment"] > 0.5
    days = [entry["date"] for entry in data["timeline"]]
    assert days[0] == "2025-09-30" and days == sorted(days)
    parnell = next(q for q in data["quotes"] if q["speaker"] == "Sean Parnell")
    # The copy repeats the wire's quote: it is said once, by the first to publish it.
    assert parnell["quotes"][0]["article_id"] == wire
    assert len({q["text"] for q in parnell["quotes"]}) == len(parnell["quotes"])

    assert web.get(f"/api/v1/stories/{ids.iraq_story}", params={"max_dates": 0}).status_code == 400
    for missing in (0, 999, 2**63):
        response = web.get(f"/api/v1/stories/{missing}")
        assert response.status_code in (404, 400) and "error" in response.json()
    assert web.get("/api/v1/stories/999").status_code == 404


def test_timelines_of_a_story_and_of_a_query(web: TestClient, ids: SampleIds) -> None:
    story = web.get(f"/api/v1/stories/{ids.iraq_story}/timeline", params={"max_dates": 1}).json()
    assert story["story_id"] == ids.iraq_story and len(story["timeline"]) == 1
    assert story["timeline"][0]["sentences"]
    assert web.get("/api/v1/stories/999/timeline").status_code == 404

    query = web.get("/api/v1/timeline", params={"q": "coalition", "sentences": 2}).json()
    assert query["query"] == "coalition"
    days = [entry["date"] for entry in query["timeline"]]
    assert "2025-09-30" in days and days == sorted(days)
    assert all(1 <= len(entry["sentences"]) <= 2 for entry in query["timeline"])
    assert web.get("/api/v1/timeline", params={"q": "volcano"}).json()["timeline"] == []
    for params in ({}, {"q": ""}, {"q": "   "}, {"q": "a*"}, {"q": "iraq", "since": "later"},
                   {"q": "iraq", "max_dates": 101}):
        response = web.get("/api/v1/timeline", params=params)
        assert response.status_code == 400, params
        assert response.json()["error"]["errors"]


def test_search_modes(web: TestClient, ids: SampleIds) -> None:
    hybrid = web.get("/api/v1/search", params={"q": "coalition"}).json()
    assert hybrid["mode"] == "hybrid" and hybrid["items"]
    assert any("<mark>" in item["title_html"] for item in hybrid["items"])
    bm25 = web.get("/api/v1/search", params={"q": "coalition", "mode": "bm25"}).json()
    assert bm25["mode"] == "bm25" and {i["id"] for i in bm25["items"]} <= {i["id"] for i in hybrid["items"]}
    # No word of this query is in the follow-up, but its meaning is.
    semantic = web.get("/api/v1/search", params={"q": "soldiers withdrawing", "mode": "semantic"}).json()
    assert semantic["mode"] == "semantic" and ids.articles[FOLLOW_URL] in [i["id"] for i in semantic["items"][:3]]
    assert web.get("/api/v1/search", params={"q": "soldiers withdrawing", "mode": "bm25"}).json()["total"] == 0
    first = web.get("/api/v1/search", params={"q": "coalition", "limit": 1}).json()
    second = web.get("/api/v1/search", params={"q": "coalition", "limit": 1, "cursor": first["next_cursor"]}).json()
    assert [i["id"] for i in first["items"] + second["items"]] == [i["id"] for i in hybrid["items"][:2]]
    assert web.get("/api/v1/search", params={"q": "coalition", "mode": "fuzzy"}).status_code == 400
    # Without a query, a list is newest first whatever the mode.
    assert web.get("/api/v1/search").json()["mode"] is None


def test_related_articles_fuse_words_and_vectors_and_leave_copies_out(web: TestClient, ids: SampleIds) -> None:
    follow = ids.articles[FOLLOW_URL]
    related = [item["id"] for item in web.get(f"/api/v1/articles/{follow}/related").json()["items"]]
    assert follow not in related and ids.articles[LATER_URL] in related[:3]
    wire = ids.articles[WIRE_URL]
    assert ids.articles[COPY_URL] not in [i["id"] for i in web.get(f"/api/v1/articles/{wire}/related").json()["items"]]


def test_story_pages(web: TestClient, ids: SampleIds) -> None:
    home = web.get("/").text
    assert '<h2 id="top-stories">Top stories</h2>' in home
    assert f'href="/stories/{ids.iraq_story}"' in home
    assert home.index("top-stories") < home.index("section-group")

    listing = web.get("/stories").text
    assert f'href="/stories/{ids.iraq_story}"' in listing and 'aria-current="page">Stories' in listing
    assert web.get("/stories", params={"min_outlets": 5}).text.count('class="item story-item"') == 0
    assert web.get("/stories", params={"rank": "bad"}).status_code in (400, 422)

    page = web.get(f"/stories/{ids.iraq_story}")
    assert page.status_code == 200
    html = page.text
    for heading in ("Coverage across outlets", "Timeline", "Original and copies", "Who said what"):
        assert heading in html
    assert re.search(r"<th scope=\"row\">wire.example</th><td><time datetime=\"2025-09-30T10:00:00Z\">", html)
    assert "near copy" in html and "Sean Parnell" in html
    assert "<script" not in html
    assert web.get("/stories/999").status_code == 404
    assert web.get("/stories/abc").status_code == 404

    article = web.get(f"/articles/{ids.articles[COPY_URL]}").text
    assert "Full coverage" in article and f'href="/stories/{ids.iraq_story}"' in article


def test_an_empty_store(tmp_path: Path, no_model: None) -> None:
    with TestClient(create_app(str(tmp_path / "empty.db"))) as empty:
        assert empty.get("/api/v1/stories").json()["items"] == []
        assert empty.get("/api/v1/stories/1").status_code == 404
        assert empty.get("/api/v1/timeline", params={"q": "iraq"}).json()["timeline"] == []
        assert empty.get("/api/v1/search", params={"q": "iraq"}).json()["mode"] == "bm25"
        assert "Top stories" not in empty.get("/").text
        assert "No stories" in empty.get("/stories").text


def test_a_store_without_vectors_answers_as_before_and_never_loads_the_model(tmp_path: Path,
                                                                             no_model: None) -> None:
    path = tmp_path / "plain.db"
    plain = build_store(path, with_vectors=False)
    with open_store(path) as store:
        lexical = [hit.id for hit in store.search("coalition")]
        more_like = [hit.id for hit in store.related(plain.articles[FOLLOW_URL])]
    with TestClient(create_app(str(path))) as client:
        found = client.get("/api/v1/search", params={"q": "coalition"}).json()
        assert found["mode"] == "bm25" and [i["id"] for i in found["items"]] == lexical
        response = client.get("/api/v1/search", params={"q": "coalition", "mode": "semantic"})
        assert response.status_code == 400 and "vectors" in response.json()["error"]["message"]
        related = client.get(f"/api/v1/articles/{plain.articles[FOLLOW_URL]}/related").json()["items"]
        assert [i["id"] for i in related] == more_like
        assert "Original and copies" in client.get(f"/stories/{plain.iraq_story}").text

"""The connect commands: stories, story, timeline, search modes and the connect counts of stats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from story_samples import COPY_URL, FOLLOW_URL, WIRE_URL, SampleIds, build_store

from newsdesk.cli import main
from newsdesk.store import open_store


@pytest.fixture(scope="module")
def vector_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleIds]:
    path = tmp_path_factory.mktemp("connect") / "news.db"
    return path, build_store(path)


@pytest.fixture(scope="module")
def plain_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleIds]:
    path = tmp_path_factory.mktemp("plain") / "news.db"
    return path, build_store(path, with_vectors=False)


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading the embedding model fails the test: stores without vectors must never need it."""
    import newsdesk.connect.embeddings as embeddings

    def refuse(name: str = "") -> None:
        raise AssertionError(f"the embedding model {name!r} was loaded")

    monkeypatch.setattr(embeddings, "load_model", refuse)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stories_lists_the_most_covered_first_and_filters_by_outlets(
        vector_db: tuple[Path, SampleIds], capsys: pytest.CaptureFixture[str]) -> None:
    db, ids = vector_db
    code, out, _ = run(capsys, "stories", "--db", str(db), "--format", "json")
    assert code == 0
    stories = [json.loads(line) for line in out.splitlines()]
    outlets = [len(s["outlets"]) for s in stories]
    assert outlets == sorted(outlets, reverse=True)
    iraq = next(s for s in stories if s["id"] == ids.iraq_story)
    assert {"wire.example", "harbourherald.example"} <= set(iraq["outlets"])
    code, out, _ = run(capsys, "stories", "--db", str(db), "--min-outlets", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines and all("outlets" in line for line in lines)
    assert len(lines) == sum(1 for n in outlets if n >= 2)
    assert any(line.startswith(f"{ids.iraq_story:>7}  2025-") for line in lines)
    code, out, err = run(capsys, "stories", "--db", str(db), "--since", "2030-01-01")
    assert (code, out) == (0, "") and "no stories match" in err


def test_story_shows_outlets_the_original_and_its_copy_the_timeline_and_who_said_what(
        vector_db: tuple[Path, SampleIds], capsys: pytest.CaptureFixture[str]) -> None:
    db, ids = vector_db
    code, out, _ = run(capsys, "story", str(ids.iraq_story), "--db", str(db))
    assert code == 0
    assert "Coverage (first publication per outlet)" in out
    assert "2025-09-30 10:00  wire.example" in out and "2025-09-30 14:00  harbourherald.example" in out
    assert f"Original {ids.articles[WIRE_URL]} (wire.example) and 1 copy" in out
    assert f"copied from {ids.articles[WIRE_URL]}" in out
    assert "Timeline\n  2025-09-30  The US-led coalition" in out
    assert "Who said what\n  Sean Parnell, Chief Pentagon Spokesman" in out
    # The copy carries the same quote: said once, where it was first published.
    assert out.count("The coalition has achieved its military goals") == 1

    code, out, _ = run(capsys, "story", str(ids.iraq_story), "--db", str(db), "--format", "json",
                       "--max-dates", "1")
    data = json.loads(out)
    assert code == 0 and len(data["timeline"]) == 1
    members = {m["article_id"] for m in data["members"]}
    assert {ids.articles[WIRE_URL], ids.articles[COPY_URL]} <= members
    group = data["copy_groups"][0]
    assert group["original"] == ids.articles[WIRE_URL]
    assert [m["parent_id"] for m in group["members"]] == [None, ids.articles[WIRE_URL]]
    assert data["quotes"][0]["speaker"] == "Sean Parnell"

    code, _, err = run(capsys, "story", "999", "--db", str(db))
    assert code == 1 and "story 999: no such story" in err


def test_timeline_of_a_query_dates_the_events_of_its_articles(
        vector_db: tuple[Path, SampleIds], capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = vector_db
    code, out, _ = run(capsys, "timeline", "coalition", "--db", str(db), "--format", "json", "--max-dates", "3")
    data = json.loads(out)
    assert code == 0 and data["query"] == "coalition"
    days = [entry["date"] for entry in data["timeline"]]
    assert days == sorted(days) and "2025-09-30" in days and len(days) <= 3
    assert all(entry["sentences"] for entry in data["timeline"])
    code, out, err = run(capsys, "timeline", "volcano", "--db", str(db))
    assert (code, out) == (0, "") and "no dated events" in err
    with pytest.raises(SystemExit):
        main(["timeline", "coalition", "--db", str(db), "--max-dates", "0"])


def test_search_modes_on_a_store_with_vectors(vector_db: tuple[Path, SampleIds],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db, ids = vector_db
    # No word of this query is in the follow-up's text, but its meaning is.
    code, out, err = run(capsys, "search", "soldiers", "withdrawing", "--db", str(db), "--semantic",
                         "--format", "json")
    hits = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and hits
    assert ids.articles[FOLLOW_URL] in [hit["id"] for hit in hits[:3]]
    assert all(hit["score"] >= 0.2 for hit in hits)
    code, out, err = run(capsys, "search", "coalition", "--db", str(db))
    assert code == 0 and "(hybrid search)" in err and "[coalition]" in out.lower()
    code, out, err = run(capsys, "search", "coalition", "--db", str(db), "--mode", "bm25")
    assert code == 0 and "(bm25 search)" in err


def test_a_store_without_vectors_searches_bm25_and_never_loads_the_model(
        plain_db: tuple[Path, SampleIds], capsys: pytest.CaptureFixture[str], no_model: None) -> None:
    db, ids = plain_db
    code, out, err = run(capsys, "search", "coalition", "--db", str(db))
    assert code == 0 and "(bm25 search)" in err and "Iraq" in out
    code, out, err = run(capsys, "search", "coalition", "--db", str(db), "--mode", "hybrid")
    assert code == 0 and "(bm25 search)" in err
    code, _, err = run(capsys, "search", "coalition", "--db", str(db), "--semantic")
    assert code == 2 and "semantic search needs article vectors" in err
    code, out, _ = run(capsys, "story", str(ids.iraq_story), "--db", str(db))
    assert code == 0 and "and 1 copy" in out


def test_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str], no_model: None) -> None:
    db = str(tmp_path / "empty.db")
    open_store(db).close()
    code, out, err = run(capsys, "stories", "--db", db)
    assert (code, out) == (0, "") and "no stories match" in err
    code, out, err = run(capsys, "timeline", "iraq", "--db", db)
    assert (code, out) == (0, "")
    code, out, err = run(capsys, "search", "iraq", "--db", db)
    assert code == 0 and "no articles match" in err
    code, out, _ = run(capsys, "stats", "--db", db)
    assert code == 0 and "near copies 0 · stories 0 · article vectors 0" in out
    code, out, _ = run(capsys, "stats", "--db", db, "--format", "json")
    assert {"near_copies", "stories", "vectors"} <= set(json.loads(out))

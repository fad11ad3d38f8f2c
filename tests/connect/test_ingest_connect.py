"""The connect stage in ingest: workers compute copy features and embeddings, the writer finds copies and
stories in the batch's transaction, and the result depends on the input stream only.

The pages are written here: four events covered by outlets of their own, with a wire story republished
trimmed and re-headlined with a paragraph added, and an exact copy under another address.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsdesk.cli.maintain import kept_pages
from newsdesk.connect import embeddings, stage
from newsdesk.connect.stage import connect_features
from newsdesk.ingest.files import read_path
from newsdesk.model import Article, Block
from newsdesk.pipeline import IngestReport, run_ingest
from newsdesk.store import ArticleOutcome, open_store

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline}</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{headline}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{url}">
</head><body><main><article>
<h1>{headline}</h1>
{paragraphs}
</article></main></body></html>
"""

BRIDGE = [
    "The Kessel harbour bridge was closed to all traffic on Monday morning after a loaded cargo ship lost power "
    "and drifted into one of its concrete piers during the early high tide.",
    "Engineers from the regional roads agency inspected the damaged pier for several hours and said cracks had "
    "been found below the waterline, so the crossing would stay shut until divers finished a full survey.",
    "The ship, a bulk carrier registered in Malta and bound for the grain terminal, was towed clear by two tugs "
    "and anchored in the outer roads while the harbour master questioned the crew about the engine failure.",
    "About forty thousand vehicles use the bridge on a normal weekday, and the police advised drivers to take "
    "the ring road through the industrial estate, warning that queues would build up through the evening.",
    "The regional transport minister said the closure could last for weeks and promised that a temporary ferry "
    "service for commuters and cyclists would start running from the old fish quay by Wednesday.",
]
BRIDGE_ADDED = ("Local shop owners on the northern bank said trade had already fallen sharply by lunchtime as "
                "customers from the southern districts stayed away from the closed crossing.")
BRIDGE_OWN = [
    "Commuters faced long delays on Monday when the harbour crossing in Kessel was shut after a freighter with "
    "a failed engine hit a supporting pier of the bridge.",
    "Divers will examine the structure before any decision on reopening, the roads agency said, while a ferry "
    "for pedestrians and cyclists is being arranged from the fish quay.",
    "Drivers were told to use the ring road around the industrial estate, where traffic was at a standstill "
    "by the late afternoon.",
]
DROUGHT = [
    "Water companies in the Alder valley announced rationing for eleven towns on Tuesday after the driest "
    "spring in sixty years left the main reservoir at less than a quarter of its usual level.",
    "Households will be limited to fixed hours of supply each morning and evening, and the watering of "
    "gardens, the filling of private pools and the washing of cars are banned until further notice.",
    "Farmers in the lower valley said their wells were already running dry and warned that the harvest of "
    "wheat and sugar beet could fall by a third if the rains did not return before the end of the month.",
    "The regional government has asked the army to deliver drinking water by tanker to hospitals and care "
    "homes, and opened an emergency fund for growers who lose their crops to the drought this summer.",
]
DROUGHT_ADDED = ("In the town of Merrow, queues formed at the public fountain in the square as residents filled "
                 "bottles and buckets before the first cut in supply began at noon.")
BANK = [
    "The central bank raised its main interest rate by half a percentage point to four and a quarter per cent "
    "on Thursday, its third increase this year, saying that inflation was still far above its target.",
    "The governor told reporters that prices of food and energy had risen faster than forecast and that the "
    "bank stood ready to act again if wage growth did not slow over the coming months.",
    "Mortgage lenders said they would pass on the higher rate to borrowers on variable loans from next month, "
    "adding about ninety crowns to the monthly payment on a typical family home.",
]
COACH = [
    "Kessel Rovers appointed the former national team assistant Lena Dorsch as head coach on Friday, handing "
    "her a three-year contract after a season in which the club only narrowly escaped relegation.",
    "Dorsch, who led the under-21 side to a European semi-final, said she wanted a faster, pressing style and "
    "would give young players from the academy a chance in the first team from the start of pre-season.",
    "The club's chairman said the board had interviewed six candidates and that Dorsch's record with young "
    "players had convinced them, adding that money would be found for two new signings in the summer.",
]

# (file, host, site, headline, published, paragraphs)
PAGES: list[tuple[str, str, str, str, str, list[str]]] = [
    ("01-bridge-wire.html", "wire.example", "Wire", "Kessel harbour bridge closed after cargo ship hits pier",
     "2025-10-06T07:40:00Z", BRIDGE),
    ("02-bridge-copy.html", "daily.example", "The Daily", "Ship strike shuts Kessel bridge for weeks",
     "2025-10-06T09:15:00Z", [*BRIDGE[:3], BRIDGE_ADDED]),
    ("03-bridge-own.html", "coast.example", "Coast News", "Freighter hits Kessel bridge pier, crossing shut",
     "2025-10-06T11:00:00Z", BRIDGE_OWN),
    ("04-drought-wire.html", "wire.example", "Wire", "Alder valley towns face water rationing after dry spring",
     "2025-10-07T06:30:00Z", DROUGHT),
    ("05-drought-copy.html", "valley.example", "Valley Post", "Rationing begins in eleven valley towns",
     "2025-10-07T10:05:00Z", [DROUGHT_ADDED, *DROUGHT[:3]]),
    ("06-bank.html", "money.example", "Money Daily", "Central bank raises rate to 4.25 per cent",
     "2025-10-09T12:00:00Z", BANK),
    ("07-coach.html", "sport.example", "Sport Today", "Rovers name Lena Dorsch head coach",
     "2025-10-10T15:30:00Z", COACH),
    ("08-bridge-exact.html", "mirror.example", "Mirror", "Kessel harbour bridge closed after cargo ship hits pier",
     "2025-10-06T08:00:00Z", BRIDGE),
]


def page_html(host: str, site: str, headline: str, published: str, paragraphs: list[str], name: str) -> str:
    """One article page on ``host``."""
    return PAGE.format(headline=headline, site=site, published=published, url=f"https://{host}/news/{name}",
                       paragraphs="\n".join(f"<p>{text}</p>" for text in paragraphs))


def write_pages(folder: Path) -> Path:
    """The corpus, one file per page, named so that a folder is read in the order above."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, host, site, headline, published, paragraphs in PAGES:
        stem = name.removesuffix(".html")
        (folder / name).write_text(page_html(host, site, headline, published, paragraphs, stem), encoding="utf-8")
    return folder


def url_of(name: str) -> str:
    """The canonical URL of page ``name``."""
    host = next(page[1] for page in PAGES if page[0] == name)
    return f"https://{host}/news/{name.removesuffix('.html')}"


def connected(db: Path) -> dict[str, Any]:
    """What connecting decided, by article key (ids and times depend on history, so they are left out)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        stories: dict[int, list[str]] = {}
        for story_id, key in conn.execute("SELECT sa.story_id, a.key FROM story_articles AS sa "
                                          "JOIN articles AS a ON a.id = sa.article_id ORDER BY a.key"):
            stories.setdefault(int(story_id), []).append(key)
        return {
            "copies": conn.execute(
                "SELECT d.url, d.kind, o.key, p.key, d.similarity, d.containment FROM duplicates AS d "
                "JOIN articles AS o ON o.id = d.duplicate_of LEFT JOIN articles AS p ON p.id = d.parent_id "
                "ORDER BY d.url").fetchall(),
            "stories": sorted(stories.values()),
            "titles": conn.execute("SELECT title, articles, outlets, first_seen, last_seen FROM stories "
                                   "ORDER BY title").fetchall(),
            "chains": conn.execute("SELECT count(*) FROM stories WHERE continues IS NOT NULL").fetchone()[0],
            "vectors": conn.execute("SELECT a.key, v.model, v.vector FROM article_vectors AS v "
                                    "JOIN articles AS a ON a.id = v.article_id ORDER BY a.key").fetchall(),
            "signatures": conn.execute("SELECT a.key, s.signature, s.shingles FROM article_signatures AS s "
                                       "JOIN articles AS a ON a.id = s.article_id ORDER BY a.key").fetchall(),
            "quarantine": conn.execute("SELECT input, stage, reason FROM quarantine ORDER BY input").fetchall(),
        }
    finally:
        conn.close()


def ingest(source: Path, db: Path, *, workers: int = 1, batch_size: int = 3, connect: bool = True) -> IngestReport:
    with open_store(db) as store:
        # enrich=False: entities would only add the enrichment model's cost; the stories' own tests cover them.
        return run_ingest(read_path(source), store, workers=workers, batch_size=batch_size, enrich=False,
                          connect=connect)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The pages, ingested once inline: the reference every other run is compared with."""
    folder = tmp_path_factory.mktemp("connect")
    source = write_pages(folder / "pages")
    report = ingest(source, folder / "reference.db")
    assert (report.written.inserted, report.written.duplicates, report.failed) == (7, 1, 0)
    assert report.notes == []
    return source, connected(folder / "reference.db")


def test_copies_are_found_and_join_their_originals_story(corpus: tuple[Path, dict[str, Any]]) -> None:
    _, expected = corpus
    copies = {url: (kind, original, parent) for url, kind, original, parent, *_ in expected["copies"]}
    wire_bridge, wire_drought = url_of("01-bridge-wire.html"), url_of("04-drought-wire.html")
    assert copies == {
        url_of("02-bridge-copy.html"): ("near", wire_bridge, wire_bridge),
        url_of("05-drought-copy.html"): ("near", wire_drought, wire_drought),
        url_of("08-bridge-exact.html"): ("exact", wire_bridge, None),
    }
    story_of = {key: tuple(members) for members in expected["stories"] for key in members}
    assert len(story_of) == 7  # Every stored article is in a story.
    assert url_of("02-bridge-copy.html") in story_of[wire_bridge]
    assert url_of("05-drought-copy.html") in story_of[wire_drought]
    assert story_of[wire_bridge] != story_of[wire_drought] != story_of[url_of("06-bank.html")]
    assert len(expected["vectors"]) == len(expected["signatures"]) == 7 and expected["quarantine"] == []


def test_workers_and_reruns_give_the_same_copies_and_stories(corpus: tuple[Path, dict[str, Any]],
                                                            tmp_path: Path) -> None:
    source, expected = corpus
    pooled = tmp_path / "pooled.db"
    ingest(source, pooled, workers=2)
    assert connected(pooled) == expected
    again = ingest(source, pooled, workers=2)
    assert (again.written.inserted, again.written.updated, again.written.unchanged) == (0, 0, 7)
    assert connected(pooled) == expected


def test_reprocess_keeps_copies_and_stories(corpus: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    source, expected = corpus
    db = tmp_path / "news.db"
    ingest(source, db)
    with open_store(db) as store:
        report = run_ingest(kept_pages(store), store, workers=1, enrich=False, command="reprocess")
    assert report.written.unchanged == 7 and report.written.updated == 0
    assert connected(db) == expected


def test_reprocess_connects_a_store_ingested_without_it(corpus: tuple[Path, dict[str, Any]],
                                                        tmp_path: Path) -> None:
    source, expected = corpus
    db = tmp_path / "news.db"
    ingest(source, db, connect=False)
    bare = connected(db)
    assert bare["stories"] == bare["vectors"] == bare["signatures"] == []
    with open_store(db) as store:
        run_ingest(kept_pages(store), store, workers=1, batch_size=3, enrich=False, command="reprocess")
    filled = connected(db)
    assert filled["copies"] == expected["copies"]
    assert filled["vectors"] == expected["vectors"] and filled["signatures"] == expected["signatures"]
    assert sorted(key for members in filled["stories"] for key in members) == sorted(
        key for members in expected["stories"] for key in members)
    with open_store(db) as store:
        run_ingest(kept_pages(store), store, workers=1, batch_size=3, enrich=False, command="reprocess")
    assert connected(db) == filled


def _stored(store: Any, url: str) -> tuple[int, int | None]:
    found = store.get(url)
    return found.id, store.story_of(found.id)


def test_an_updated_article_keeps_its_story_and_is_checked_for_copies_again(tmp_path: Path) -> None:
    body = [Block("paragraph", text) for text in DROUGHT]
    first = Article(url="https://wire.example/news/drought", headline="Valley towns ration water",
                    published="2025-10-07T06:30:00Z", body=body, is_article=True)
    copy = Article(url="https://valley.example/news/drought", headline="Rationing begins",
                   published="2025-10-07T10:05:00Z", body=body[:3], is_article=True)
    with open_store(tmp_path / "news.db") as store:
        store.write_batch(to_articles([first, copy]))
        article_id, story = _stored(store, copy.url or "")
        assert story is not None and store.copy_group(article_id) is not None
        before = store.article_vector(article_id)
        # Re-extraction now finds another headline: the article is updated, checked for copies again (still
        # one), its vector replaced, and it stays in the story it joined.
        changed = dataclasses.replace(copy, headline="Eleven Alder valley towns start rationing drinking water")
        [outcome] = to_articles([changed])
        assert store.write_batch([outcome]).updated == 1
        assert _stored(store, copy.url or "") == (article_id, story)
        group = store.copy_group(article_id)
        assert group is not None and group.chain(article_id) == [_stored(store, first.url or "")[0], article_id]
        after = store.article_vector(article_id)
        assert before is not None and after is not None and outcome.connect is not None
        assert float(after @ outcome.connect.vector) > 0.99 > float(after @ before)


def to_articles(articles: list[Article]) -> list[ArticleOutcome]:
    """Outcomes with the connect stage's features, as the workers hand them over."""
    return [ArticleOutcome(a.url or "", a, connect=f) for a, f in zip(articles, connect_features(articles),
                                                                       strict=True)]


def test_empty_or_broken_bodies_never_break_the_batch(tmp_path: Path) -> None:
    good = Article(url="https://a.example/1", headline="Kessel bridge closed", published="2025-10-06T07:40:00Z",
                   body=[Block("paragraph", text) for text in BRIDGE], is_article=True)
    headline_only = Article(url="https://b.example/2", headline="Rovers name a new coach", body=[], is_article=True)
    broken = Article(url="https://c.example/3", headline="Broken", is_article=True,
                     body=[Block("paragraph", None), Block("paragraph", "Some text.")])  # type: ignore[arg-type]
    other = Article(url="https://d.example/4", headline="Central bank raises rate", body=[
        Block("paragraph", text) for text in BANK], is_article=True)
    outcomes = to_articles([good, headline_only, broken, other])
    assert [o.connect.error is None for o in outcomes] == [True, True, False, True]  # type: ignore[union-attr]
    # A features record damaged on its way (a worker's bug, a bad shard): the writer's checks fail for it alone.
    features = outcomes[3].connect
    assert features is not None and features.copies is not None
    outcomes[3].connect = dataclasses.replace(features, copies=dataclasses.replace(
        features.copies, paragraph_signatures=np.zeros((1, 3), dtype=np.uint32)))
    with open_store(tmp_path / "news.db") as store:
        written = store.write_batch(outcomes)
        assert written.inserted == 4
        stats = store.stats()
        assert stats.quarantined == {"connect": 2} and stats.vectors == 3 and stats.stories == 3
        reasons = {f.input: f.reason for f in store.failures()}
        assert reasons["https://c.example/3"].startswith("embedding: TypeError")
        assert reasons["https://d.example/4"].startswith("copies: ")
        assert all(_stored(store, a.url or "")[1] is not None for a in (good, headline_only, other))
        # Once the article connects cleanly, its failure is cleared.
        store.write_batch(to_articles([other]))
        assert store.stats().quarantined == {"connect": 1}


def test_without_the_embedding_model_copies_still_work_and_it_is_said_once(
        corpus: tuple[Path, dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, expected = corpus
    missing = dataclasses.replace(embeddings.MODELS["minilm"], module="newsdesk_no_such_model_package")
    monkeypatch.setitem(embeddings.MODELS, "minilm", missing)
    stage.embedding_unavailable.cache_clear()
    try:
        [features] = stage.connect_features([Article(headline="x")])
        assert (features.vector, features.model, features.error) == (None, None, None) and features.copies
        report = ingest(source, tmp_path / "news.db")
    finally:
        monkeypatch.undo()
        stage.embedding_unavailable.cache_clear()
    assert len(report.notes) == 1 and "not installed" in report.notes[0]
    result = connected(tmp_path / "news.db")
    assert result["copies"] == expected["copies"] and result["signatures"] == expected["signatures"]
    assert result["vectors"] == result["stories"] == result["quarantine"] == []


def test_the_stage_is_picklable_for_worker_processes() -> None:
    import pickle

    [features] = connect_features([Article(url="https://a.example/1", headline="Bridge closed",
                                           body=[Block("paragraph", BRIDGE[0])])])
    back = pickle.loads(pickle.dumps(features))
    assert back.model == "minilm" and back.vector is not None and features.vector is not None
    assert np.array_equal(back.vector, features.vector) and back.copies is not None
    assert np.array_equal(back.copies.paragraph_signatures, features.copies.paragraph_signatures)  # type: ignore[union-attr]


def test_the_pass_after_the_batches_links_a_story_that_continues_an_earlier_one(tmp_path: Path) -> None:
    from newsdesk.model import Enrichment, Entity

    people = Enrichment([Entity("Lena Dorsch", "PERSON"), Entity("Kessel Rovers", "ORG"), Entity("Kessel", "PLACE")])
    appointed = Article(url="https://sport.example/news/coach", headline="Rovers name Lena Dorsch head coach",
                        published="2025-10-10T15:30:00Z", body=[Block("paragraph", text) for text in COACH],
                        enrichment=people, is_article=True)
    # Two weeks on, past the window a story stays live: the same lead over another body is a new story.
    later = Article(url="https://sport.example/news/coach-first-day", headline=appointed.headline,
                    published="2025-10-25T09:00:00Z", enrichment=people, is_article=True,
                    body=[Block("paragraph", COACH[0]), *(Block("paragraph", text) for text in BANK)])
    with open_store(tmp_path / "news.db") as store:
        store.write_batch(to_articles([appointed]))
        store.write_batch(to_articles([later]))
        first, second = (_stored(store, a.url or "")[1] for a in (appointed, later))
        assert first is not None and second is not None and first != second
        assert store.link_story_chains() == 1
        story = store.story(second)
        assert story is not None and story.story.continues == first
        assert store.link_story_chains() == 0  # Nothing written since the last pass.

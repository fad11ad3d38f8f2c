"""A story does not outlive its event: past MAX_SPAN_DAYS after its first article it takes a report only on
stronger evidence (StoryParams.spent), so a topic reported every few days in loosely related pieces starts new
stories (which the chain pass may link), while an event whose reports keep naming it runs on as one story, in the
stream and the store alike."""

from __future__ import annotations

import random

import numpy as np
from stories_in_store import stories_in_store

from newsdesk.connect.stories import (
    MAX_SPAN_DAYS,
    PARAMS,
    RUNS_ON_DAYS,
    WINDOW_DAYS,
    StoryFeatures,
    StoryStream,
    build_stories,
)
from newsdesk.model import Article, Block, Enrichment, Entity


def _loose(k: int) -> np.ndarray:
    """Reports of a topic from three angles: cosine 1 within an angle, 0.5 across, so a report's mean cosine to a
    story holding every angle alike is about 0.67: over the bar, but not by :attr:`StoryParams.spent`."""
    vector = np.zeros(4, np.float32)
    vector[0], vector[1 + k % 3] = np.sqrt(0.5), np.sqrt(0.5)
    return vector


def _tight(k: int) -> np.ndarray:
    """Reports of one event: nearly the same wording every time."""
    vector = np.array([1.0, 0.02 * (k % 3), 0.01 * (k % 2), 0.0], np.float32)
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def _reports(every: float = 4.0, days: float = 44.0, *, event: bool = False) -> tuple[list[Article], np.ndarray]:
    """Reports every ``every`` days for ``days`` from 1 June: of one event naming its people (``event``), or of a
    topic from several angles naming nobody in particular."""
    articles, vectors = [], []
    for k in range(int(days // every) + 1):
        day = 1 + k * every
        published = f"2016-06-{day:02.0f}T12:00:00Z" if day <= 30 else f"2016-07-{day - 30:02.0f}T12:00:00Z"
        headline = f"Report {k}"
        names = [Entity("Conrad Murray", "PERSON"), Entity("Michael Jackson", "PERSON")] if event else []
        articles.append(Article(url=f"https://o{k % 3}.example/{k}", headline=headline, published=published,
                                is_article=True, body=[Block("paragraph", headline + " Body text here.")],
                                enrichment=Enrichment(names)))
        vectors.append(_tight(k) if event else _loose(k))
    return articles, np.stack(vectors)


def test_a_topic_reported_every_few_days_ends_after_its_span() -> None:
    articles, vectors = _reports(days=48.0)  # 1 June, 5 June, ... 19 July: never a gap near WINDOW_DAYS.
    assert WINDOW_DAYS > 4.0 and MAX_SPAN_DAYS == 21.0
    # 1-21 June (20 days after the first), then 25 June to 15 July (20 days again), then 19 July on.
    assert [s.members for s in build_stories(articles, vectors)] == [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11], [12]]


def test_an_event_reported_past_its_span_runs_on_when_its_reports_keep_naming_it() -> None:
    articles, vectors = _reports(days=80.0, event=True)  # 1 June to 20 August, the same names and wording.
    assert [s.members for s in build_stories(articles, vectors)] == [list(range(len(articles)))]


def test_a_spent_story_must_clear_the_bar_by_the_spent_margin() -> None:
    params = PARAMS["minilm"]
    stream = StoryStream(model="minilm")
    same = np.array([1.0, 0.0], np.float32)
    for member, day in ((0, 20000.0), (1, 20010.0)):
        assert stream.add(member, StoryFeatures(same, frozenset(), frozenset(), day, "a.example", "h")) == 1
    story = stream.stories_by_id[1]
    cosine = 0.6
    near = StoryFeatures(np.array([cosine, np.sqrt(1 - cosine**2)], np.float32), frozenset(), frozenset(), None, None)
    # Cosine 0.6 and no names: over the bar while the story is open (on its span's last day) ...
    assert stream.score(story, near, 20000.0 + MAX_SPAN_DAYS) >= params.join
    # ... but not once it is spent, where it must score join + spent.
    day = 20000.0 + MAX_SPAN_DAYS + 1
    assert stream.score(story, near, day) < params.join <= stream.score(story, near, day) + params.spent
    assert stream.add(2, StoryFeatures(near.vector, frozenset(), frozenset(), day, "a.example", "h")) == 2
    # A report in the story's own words still joins it.
    assert stream.add(3, StoryFeatures(same, frozenset(), frozenset(), day, "a.example", "h")) == 1


def test_a_story_within_its_span_takes_reports_to_its_last_day() -> None:
    articles, vectors = _reports(every=3.0, days=21.0)  # 1 to 22 June: 21 days after the first.
    assert [s.members for s in build_stories(articles, vectors)] == [list(range(len(articles)))]


def test_a_story_past_its_span_still_weighs_its_names_while_live() -> None:
    stream = StoryStream()
    names = frozenset({"clinton"})
    for k, day in enumerate((20000.0, 20010.0, 20018.0)):
        stream.add(k, StoryFeatures(_loose(k), names, frozenset(), day, "a.example", "h"))
    # The story (first day 20000) is spent on day 20022, and not running on (its last report is four days old, more
    # than RUNS_ON_DAYS), so a report far from it in wording starts another, yet the spent story's mentions still
    # weigh the name then.
    assert RUNS_ON_DAYS < 4.0
    far = np.array([0.0, 0.0, 0.0, 1.0], np.float32)
    assert stream.add(3, StoryFeatures(far, names, frozenset(), 20022.0, "a.example", "h")) == 2
    assert stream.mentions("clinton", 20022.0) == 4


def test_span_stories_rerun_and_in_any_input_order_are_the_same() -> None:
    for event in (False, True):
        articles, vectors = _reports(every=2.0, days=60.0, event=event)
        expected = [s.members for s in build_stories(articles, vectors)]
        assert (len(expected) > 1) is not event
        assert [s.members for s in build_stories(articles, vectors)] == expected
        order = list(range(len(articles)))
        random.Random(7).shuffle(order)
        shuffled = build_stories([articles[i] for i in order], vectors[order])
        assert sorted(sorted(order[m] for m in s.members) for s in shuffled) == sorted(expected)


def test_store_in_batches_ends_or_runs_on_past_the_span_as_the_stream_does() -> None:
    for event in (False, True):
        articles, vectors = _reports(every=2.0, days=60.0, event=event)
        streamed = build_stories(articles, vectors)
        expected = [s.members for s in streamed]
        # Each batch reads the stories back, their days as stored.
        stored = stories_in_store(articles, vectors, batch_size=4)
        assert stored.groups == sorted(expected)
        # The stream numbers stories as the store does: the same chains.
        assert stored.chains == {s.id: s.continues for s in streamed if s.continues is not None}

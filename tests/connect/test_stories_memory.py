"""Stories: a name's crowd is counted over the stories of the last MEMORY_DAYS, live or gone quiet, and the store,
which loads those stories, gives the stream's stories."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import newsdesk.connect.stories as stories
from newsdesk.connect.stories import MEMORY_DAYS, WINDOW_DAYS, StoryFeatures, StoryStream, build_stories
from newsdesk.model import Article, Block, Enrichment, Entity


def _axis(k: int, dim: int = 8) -> np.ndarray:
    vector = np.zeros(dim, dtype=np.float32)
    vector[k] = 1.0
    return vector


def _report(day: float, vector: np.ndarray, *names: str) -> StoryFeatures:
    return StoryFeatures(vector, frozenset(names), frozenset(), day, "a.example", "h")


def _stream_with_quiet_stories(quiet_day: float, memory_days: float | None = None) -> StoryStream:
    """Four stories that named "sanders" (each apart in wording) from ``quiet_day`` on, then gone quiet, and a live
    story naming him on day 20040."""
    stream = StoryStream(model="minilm", memory_days=memory_days)
    for k in range(4):
        stream.add(k, _report(quiet_day + k, _axis(k), "sanders"))
    stream.add(4, _report(20040.0, _axis(4), "sanders"))
    assert len(stream.stories_by_id) == 5
    return stream


def _close_report() -> StoryFeatures:
    # Cosine 0.2 to the live story: it joins on the name alone, if the name counts in full.
    return _report(20041.0, (0.2 * _axis(4) + np.sqrt(0.96) * _axis(5)).astype(np.float32), "sanders")


def test_a_name_many_stories_of_the_last_weeks_carried_counts_less_though_one_live_story_holds_it() -> None:
    quiet = 20041.0 - 30.0  # within MEMORY_DAYS, past the window: the four stories are not live
    assert WINDOW_DAYS < 30.0 < MEMORY_DAYS - 3
    stream = _stream_with_quiet_stories(quiet)
    assert stream.naming("sanders", 20041.0) == 1  # the live story holds every live mention
    assert stream.add(5, _close_report()) != 5  # crowded over the memory: 3/5 of the name, under the bar
    # Counted over the live stories alone (as before), the name counts in full there and the report joins.
    assert _stream_with_quiet_stories(quiet, memory_days=WINDOW_DAYS).add(5, _close_report()) == 5


def test_stories_quiet_longer_than_the_memory_do_not_crowd_a_name() -> None:
    stream = _stream_with_quiet_stories(20041.0 - MEMORY_DAYS - 10.0)
    assert stream.add(5, _close_report()) == 5


def _three_months() -> tuple[list[Article], np.ndarray]:
    """Three months of reports on a few topics, a candidate's name in most, topics' own names in some, with lulls
    so that stories go quiet while their names are still remembered."""
    rng = np.random.default_rng(11)
    topics = rng.standard_normal((8, 8))
    people = ["Bernie Sanders", "Hillary Clinton", "Donald Trump", "Ted Cruz"]
    articles, vectors = [], []
    day = 0.0
    for k in range(90):
        day += float(rng.choice([0.3, 1.0, 2.5]))
        topic = int(rng.integers(len(topics)))
        names = [Entity(people[topic % 4], "PERSON")]
        if topic < 3:
            names.append(Entity(f"Topic{topic} Group", "ORG"))
        stamp = np.datetime64("2016-03-01T00:00") + np.timedelta64(int(day * 1440), "m")
        articles.append(Article(url=f"https://o{k % 5}.example/{k}", headline=f"Report {k}",
                                published=f"{stamp}:00Z", is_article=True,
                                body=[Block("paragraph", f"Report {k}. Body text here.")],
                                enrichment=Enrichment(names)))
        vector = topics[topic] + rng.normal(0, 1.1, 8)
        vectors.append((vector / np.linalg.norm(vector)).astype(np.float32))
    return articles, np.stack(vectors)


def _groups(articles: list[Article], vectors: np.ndarray) -> list[list[int]]:
    return sorted(sorted(s.members) for s in build_stories(articles, vectors, model="minilm"))


def test_the_memory_changes_this_stream_s_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    articles, vectors = _three_months()
    expected = _groups(articles, vectors)
    monkeypatch.setattr(stories, "MEMORY_DAYS", WINDOW_DAYS)
    assert _groups(articles, vectors) != expected  # so the store tests below test the memory


@pytest.mark.parametrize("batch_size", [1, 7, 40])
def test_store_in_batches_gives_the_stream_s_stories_with_a_memory(batch_size: int) -> None:
    from stories_in_store import stories_in_store

    articles, vectors = _three_months()
    assert stories_in_store(articles, vectors, batch_size=batch_size).groups == _groups(articles, vectors)


def test_a_store_reopened_every_batch_gives_the_stream_s_stories_with_a_memory(tmp_path: Path) -> None:
    from stories_in_store import stories_in_store

    articles, vectors = _three_months()
    got = stories_in_store(articles, vectors, batch_size=9, path=str(tmp_path / "store.db"), reopen=True)
    assert got.groups == _groups(articles, vectors)

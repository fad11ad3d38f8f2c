"""Stories: from AGING_FROM_DAYS after its first article a story's bar rises (StoryParams.aging), fully at
MAX_SPAN_DAYS, unless the report shares its event or a name no other live story gives; in the stream and the store
alike."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from stories_in_store import stories_in_store

from newsdesk.connect.stories import AGING_FROM_DAYS, MAX_SPAN_DAYS, PARAMS, StoryFeatures, StoryStream, build_stories
from newsdesk.model import Article, Block, Enrichment, Entity


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _report(day: float, vector: np.ndarray, *names: str) -> StoryFeatures:
    return StoryFeatures(vector, frozenset(names), frozenset(), day, "a.example", "h")


def _two_stories(aging: float) -> StoryStream:
    """A story of the candidate from day 20000 (last moved on 20012) and another story naming her too."""
    stream = StoryStream(model="minilm")
    stream.params = dataclasses.replace(stream.params, aging=aging)
    assert stream.add(0, _report(20000.0, _unit(1, 0, 0), "clinton", "murray")) == 1
    assert stream.add(1, _report(20003.0, _unit(0, 0, 1), "clinton")) == 2
    assert stream.add(2, _report(20012.0, _unit(1, 0, 0), "clinton")) == 1
    return stream


def test_a_story_weeks_old_takes_a_loosely_related_report_less_readily() -> None:
    """A report at cosine 0.49 naming nobody, four days after the story last moved: 0.49 - 4 x 0.005 = 0.47 clears
    the bar (0.45) while the story is young, but 16 days after its first article the story takes 0.06 x 6/11 more
    off and the report starts a story of its own."""
    assert AGING_FROM_DAYS < 16.0 < MAX_SPAN_DAYS and PARAMS["minilm"].aging == pytest.approx(0.06)
    near = _unit(0.49, np.sqrt(1 - 0.49**2), 0)
    for aging, joins in ((PARAMS["minilm"].aging, False), (0.0, True)):
        stream = _two_stories(aging)
        assert (stream.add(3, _report(20016.0, near)) == 1) is joins


def test_a_report_sharing_a_name_only_the_story_gives_keeps_the_bar_where_it_was() -> None:
    stream, flat = _two_stories(PARAMS["minilm"].aging), _two_stories(0.0)
    story, day = stream.stories_by_id[1], 20016.0
    vector = _unit(0.3, np.sqrt(1 - 0.09), 0)
    crowded, own = _report(day, vector, "clinton"), _report(day, vector, "clinton", "murray")
    taken = PARAMS["minilm"].aging * (day - 20000.0 - AGING_FROM_DAYS) / (MAX_SPAN_DAYS - AGING_FROM_DAYS)
    assert stream.score(story, crowded, day) == pytest.approx(flat.score(flat.stories_by_id[1], crowded, day) - taken)
    assert stream.score(story, own, day) == pytest.approx(flat.score(flat.stories_by_id[1], own, day))
    assert stream.aging(story, crowded, 20008.0) == 0.0  # young: nothing taken
    # Once the other story has gone quiet (last moved on 20003, the window is 14 days) the name is this story's own.
    assert stream.aging(story, crowded, 20018.0) == 0.0


def _season() -> tuple[list[Article], np.ndarray]:
    """Six weeks of campaign reports from a few angles, each naming a candidate, some a name of their own."""
    rng = np.random.default_rng(5)
    topics = rng.standard_normal((4, 8))
    articles, vectors = [], []
    for k in range(70):
        day = 1 + (k * 3) // 5
        names = [Entity(["Hillary Clinton", "Bernie Sanders"][k % 2], "PERSON")]
        if k % 7 == 0:
            names.append(Entity(f"Delegate {k % 3}", "PERSON"))
        headline = f"Report {k}"
        month, date = (2, day) if day <= 29 else (3, day - 29)
        articles.append(Article(url=f"https://o{k % 5}.example/{k}", headline=headline,
                                published=f"2016-{month:02d}-{date:02d}T{k % 24:02d}:00:00Z", is_article=True,
                                body=[Block("paragraph", headline + " Body text here.")], enrichment=Enrichment(names)))
        vector = topics[k % 4] + rng.normal(0, 0.9, 8)
        vectors.append((vector / np.linalg.norm(vector)).astype(np.float32))
    return articles, np.stack(vectors)


def test_store_in_batches_gives_the_stream_s_stories_as_they_age(monkeypatch: pytest.MonkeyPatch) -> None:
    articles, vectors = _season()
    expected = [s.members for s in build_stories(articles, vectors, model="minilm")]
    assert stories_in_store(articles, vectors, batch_size=6).groups == sorted(expected)
    monkeypatch.setitem(PARAMS, "minilm", dataclasses.replace(PARAMS["minilm"], aging=0.0))
    assert [s.members for s in build_stories(articles, vectors, model="minilm")] != expected  # the rule acts here

"""Stories: a story past its span that is running on (its last report at most RUNS_ON_DAYS old) takes a report sharing
a name no other live story gives and RUNS_ON_SHARE of its reports give without the StoryParams.spent margin; in the
stream, with pruning, and in the store alike."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from stories_in_store import stories_in_store
from test_stories_pruned import _EveryStory

import newsdesk.connect.stories as stories_module
from newsdesk.connect.stories import (
    MAX_SPAN_DAYS,
    PARAMS,
    RUNS_ON_DAYS,
    RUNS_ON_SHARE,
    StoryFeatures,
    StoryStream,
    build_stories,
)
from newsdesk.model import Article, Block, Enrichment, Entity

#: Reports of one trial from eight angles: cosine 1 within an angle and 0.15 across, so a report's mean cosine to
#: a story holding the angles alike is about 0.26: over the bar with the defendant's name (0.26 + 0.4 x 1), but not
#: by the margin (spent 0.25) as well.
_ANGLES, _ACROSS = 8, 0.15


def _angle(k: int, dim: int = 10) -> np.ndarray:
    vector = np.zeros(dim, np.float32)
    vector[0], vector[1 + k % _ANGLES] = np.sqrt(_ACROSS), np.sqrt(1 - _ACROSS)
    return vector


def _report(day: float, k: int, *names: str) -> StoryFeatures:
    return StoryFeatures(_angle(k), frozenset(names), frozenset(), day, "a.example", "h")


def _trial(days: list[float], *names: str) -> StoryStream:
    stream = StoryStream(model="minilm")
    for k, day in enumerate(days):
        assert stream.add(k, _report(day, k, *names)) == 1
    return stream


def test_a_trial_reported_every_two_days_takes_its_reports_past_its_span() -> None:
    """Reports every two days from day 0 to day 22 naming the defendant; one on day 24 (past MAX_SPAN_DAYS) from a
    new angle joins: the story is running on. Scored as a story that is not, it would start its own."""
    assert PARAMS["minilm"].spent == pytest.approx(0.25) and MAX_SPAN_DAYS == 21.0 and RUNS_ON_DAYS >= 2.0
    stream = _trial([20000.0 + 2 * k for k in range(12)], "conrad murray")
    story, late = stream.stories_by_id[1], _report(20024.0, 12, "conrad murray")
    assert stream.runs_on(story, late, 20024.0)
    value = stream.score(story, late, 20024.0)
    assert value >= PARAMS["minilm"].join > value - PARAMS["minilm"].spent
    assert stream.add(12, late) == 1


def test_a_name_another_live_story_gives_does_not_keep_a_story_running() -> None:
    """The same trial, but another live story names the defendant too (a campaign's candidate, named by many): the
    report past the span must clear the margin, and starts a story of its own."""
    stream = _trial([20000.0 + 2 * k for k in range(12)], "conrad murray")
    far = np.zeros(10, np.float32)
    far[-1] = 1.0
    other = StoryFeatures(far, frozenset({"conrad murray"}), frozenset(), 20020.0, "b.example", "h")
    assert stream.add(100, other) == 2
    late = _report(20024.0, 12, "conrad murray")
    assert stream.own_names(stream.stories_by_id[1], late, 20024.0) == []
    assert not stream.runs_on(stream.stories_by_id[1], late, 20024.0)
    assert stream.add(12, late) == 3


def test_a_story_paused_longer_than_runs_on_days_is_not_running_on() -> None:
    """Reports up to day 18, then one on day 24: six days since the last, more than RUNS_ON_DAYS."""
    assert RUNS_ON_DAYS < 6.0
    stream = _trial([20000.0 + 2 * k for k in range(10)], "conrad murray")
    late = _report(20024.0, 12, "conrad murray")
    assert stream.own_names(stream.stories_by_id[1], late, 20024.0) == ["conrad murray"]
    assert not stream.runs_on(stream.stories_by_id[1], late, 20024.0)
    assert stream.add(12, late) == 2


def test_a_name_few_of_the_story_s_reports_give_does_not_keep_it_running() -> None:
    """The story's name a third of its reports give (under RUNS_ON_SHARE) is no reason to run on."""
    stream = StoryStream(model="minilm")
    for k in range(12):
        names = ("conrad murray", "michael jackson") if k % 3 == 0 else ("michael jackson",)
        assert stream.add(k, _report(20000.0 + 2 * k, k, *names)) == 1
    story = stream.stories_by_id[1]
    assert story.entities["conrad murray"] < RUNS_ON_SHARE * story.size <= story.entities["michael jackson"]
    assert not stream.runs_on(story, _report(20024.0, 12, "conrad murray"), 20024.0)
    assert stream.runs_on(story, _report(20024.0, 12, "michael jackson"), 20024.0)


#: Per vector kind, the cosine across a trial's angles that puts its reports' mean cosine to the trial's story over the
#: bar with the defendant's name but not by the margin as well (e5's cosines sit high and its bar with them).
_ACROSS_BY_MODEL = {"minilm": 0.15, "hashing": 0.15, "e5": 0.7}


def _court_season(seed: int, model: str = "minilm") -> list[tuple[int, StoryFeatures, None]]:
    """Fifty days of three trials, each reported about once a day from eight angles and naming its defendant, and a
    campaign's reports naming candidates, far in wording from the trials."""
    rng = np.random.default_rng(seed)
    across, dim = _ACROSS_BY_MODEL[model], 3 * (1 + _ANGLES) + 4
    items: list[tuple[int, StoryFeatures, None]] = []
    for n in range(200):
        day = 20000.0 + n * 0.25 + float(rng.random()) * 0.2
        which = n % 4
        vector = np.zeros(dim)
        if which < 3:
            base = which * (1 + _ANGLES)
            vector[base], vector[base + 1 + int(rng.integers(_ANGLES))] = np.sqrt(across), np.sqrt(1 - across)
            names = {f"defendant {which}"}
        else:
            vector[-4:] = rng.standard_normal(4)
            names = set(rng.choice(["candidate a", "candidate b", "candidate c"], size=2, replace=False).tolist())
        vector = vector + rng.normal(0, 0.01, dim)
        vector = (vector / np.linalg.norm(vector)).astype(np.float32)
        items.append((n, StoryFeatures(vector, frozenset(names), frozenset(), day, f"o{n % 5}.example", f"h{n}"), None))
    return items


@pytest.mark.parametrize("model", sorted(PARAMS))
@pytest.mark.parametrize("seed", [1, 2])
def test_pruned_assignment_equals_scoring_every_story_while_stories_run_on(model: str, seed: int,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    items = _court_season(seed, model)
    reference = _EveryStory(model=model)
    expected = [reference.add(member, features) for member, features, _ in items]
    one_by_one, batched, without = StoryStream(model=model), StoryStream(model=model), _EveryStory(model=model)
    assert [one_by_one.add(member, features) for member, features, _ in items] == expected
    got = [story for start in range(0, len(items), 40) for story in batched.add_all(items[start: start + 40])]
    assert got == expected
    monkeypatch.setattr(stories_module, "RUNS_ON_DAYS", -1.0)  # no story runs on
    assert [without.add(member, features) for member, features, _ in items] != expected  # the rule acts here


def _court_articles(seed: int) -> tuple[list[Article], np.ndarray]:
    """The court season as articles (their names as enrichment found them, dated to the second as the store keeps)."""
    items = _court_season(seed)
    articles = []
    for n, features, _ in items:
        instant = datetime.fromtimestamp(round((features.day or 0.0) * 86400), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        names = [Entity(name.title(), "PERSON") for name in sorted(features.entities)]
        articles.append(Article(url=f"https://{features.outlet}/{n}", headline=features.headline, published=instant,
                                is_article=True, body=[Block("paragraph", f"{features.headline} Body text here.")],
                                enrichment=Enrichment(names)))
    return articles, np.stack([features.vector for _, features, _ in items])


def test_store_in_batches_gives_the_stream_s_stories_as_they_run_on(monkeypatch: pytest.MonkeyPatch) -> None:
    articles, vectors = _court_articles(1)
    expected = [s.members for s in build_stories(articles, vectors, model="minilm")]
    assert stories_in_store(articles, vectors, batch_size=7).groups == sorted(expected)
    monkeypatch.setattr(stories_module, "RUNS_ON_DAYS", -1.0)
    assert [s.members for s in build_stories(articles, vectors, model="minilm")] != expected  # the rule acts here


def test_runs_on_days_is_inclusive() -> None:
    """A report exactly RUNS_ON_DAYS after the story's last (past its span) finds it running on; a second later, not:
    in runs_on and in the pruned path alike (add)."""
    days = [20000.0 + 2 * k for k in range(11)]
    at = days[-1] + RUNS_ON_DAYS
    assert at - days[0] > MAX_SPAN_DAYS
    for day, runs_on in ((at, True), (at + 1 / 86400, False)):
        stream = _trial(days, "conrad murray")
        late = _report(day, 11, "conrad murray")
        assert stream.runs_on(stream.stories_by_id[1], late, day) is runs_on
        assert stream.add(11, late) == (1 if runs_on else 2)


def test_a_store_reopened_every_batch_gives_the_stream_s_stories_as_they_run_on(tmp_path: Path) -> None:
    """A process restart between batches: the stories read back from SQLite (names, counts, sizes, days) run on as
    the stream's do."""
    for seed in (1, 2):
        articles, vectors = _court_articles(seed)
        expected = sorted(s.members for s in build_stories(articles, vectors, model="minilm"))
        stored = stories_in_store(articles, vectors, 7, path=str(tmp_path / f"{seed}.db"), reopen=True)
        assert stored.groups == expected

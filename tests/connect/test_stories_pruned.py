"""Story assignment's pruning (score bounds, one matrix product per batch) chooses what scoring every story did."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from newsdesk.connect.stories import PARAMS, LiveStory, StoryFeatures, StoryStream, event_name

_NAMES = [f"person{n}" for n in range(12)] + ["spring summit", "harbour trial"]
_PLACES = [f"town{n}" for n in range(5)]


class _EveryStory(StoryStream):
    """The stream as it was: every live story in the window scored one by one, the first best kept,
    each shared name weighed against its count over the live stories (those past their span included), read from
    every one (not the stream's index), and by crowd / (stories naming it) when more than ``crowd`` stories of the
    last ``memory_days`` (live or quiet) name it."""

    def _best(self, features: StoryFeatures, day: float | None) -> LiveStory | None:
        every = [self.stories_by_id[story_id] for story_id in self._ids]

        def within(days: float) -> list[LiveStory]:
            return [story for story in every
                    if day is None or story.last_seen is None or day - story.last_seen <= days]

        live = within(self.window_days)
        mentions: Counter[str] = Counter()
        mentions_places: Counter[str] = Counter()
        naming: Counter[str] = Counter()
        naming_places: Counter[str] = Counter()
        for story in live:
            mentions.update(story.load().entities)
            mentions_places.update(story.places)
        for story in within(self.memory_days):
            naming.update(set(story.load().entities))
            naming_places.update(set(story.places))
        crowd = self.params.crowd

        def total(count: int, stories: int) -> float:
            return count * stories / crowd if crowd and stories > crowd else count

        totals = ({name: total(mentions[name], naming[name]) for name in features.entities},
                  {name: total(mentions_places[name], naming_places[name]) for name in features.places})
        best, chosen = -math.inf, None
        for story in live:  # Stories past their span too: score() takes their margin (StoryParams.spent) off.
            value = self.score(story, features, day, totals)
            if value > best:
                best, chosen = value, story
        return chosen if best >= self.join_score else None


def _stream(seed: int, count: int = 300, undated: bool = True) -> list[tuple[int, StoryFeatures, int | None]]:
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((12, 16))
    items = []
    for n in range(count):
        # Articles near one of a few topics, so cosines land on both sides of the bar, with shared names.
        vector = topics[int(rng.integers(len(topics)))] + rng.normal(0, float(rng.choice([0.3, 0.8, 2.0])), 16)
        vector = (vector / np.linalg.norm(vector)).astype(np.float32)
        names = frozenset(rng.choice(_NAMES, size=int(rng.integers(0, 4)), replace=False).tolist())
        places = frozenset(rng.choice(_PLACES, size=int(rng.integers(0, 2)), replace=False).tolist())
        day = None if undated and n % 17 == 0 else 20000.0 + n * 0.2 + float(rng.random())
        copy_of = int(rng.integers(n)) if n and n % 23 == 0 else None
        events = frozenset(name for name in names if event_name(name))
        items.append((n, StoryFeatures(vector, names, places, day, f"o{n % 7}.example", f"h{n}", events), copy_of))
    return items


@pytest.mark.parametrize("model", sorted(PARAMS))
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("undated", [True, False])  # batches with an undated article compute every row's cosine
def test_pruned_assignment_equals_scoring_every_story(model: str, seed: int, undated: bool) -> None:
    items = _stream(seed, undated=undated)
    reference = _EveryStory(model=model)
    expected = [reference.add(member, features, copy_of=copy_of) for member, features, copy_of in items]
    one_by_one = StoryStream(model=model)
    assert [one_by_one.add(member, features, copy_of=copy_of) for member, features, copy_of in items] == expected
    batched = StoryStream(model=model)
    got = [story for start in range(0, len(items), 40) for story in batched.add_all(items[start: start + 40])]
    assert got == expected
    assert len(set(expected)) not in (1, len(items))  # Some joins and some new stories: the test tells them apart.


def test_live_stories_handed_over_are_pruned_by_their_stored_names() -> None:
    vector = np.ones(4, np.float32) / 2
    # A story far in cosine that shares three names: only its names can lift it over the bar.
    stored = LiveStory(5, -0.2 * vector, 1, Counter(), Counter(), 20000.0, 20000.0,
                       stored_json=('[["ann", 1], ["bob", 1], ["cy", 1]]', '[]', '[]'))
    features = StoryFeatures(vector, frozenset({"ann", "bob", "cy"}), frozenset(), 20000.5, "x.example")
    for stream_type in (StoryStream, _EveryStory):
        stream = stream_type(join_score=0.1, next_id=6, live=[LiveStory(5, stored.vector_sum.copy(), 1, Counter(),
                                                                          Counter(), 20000.0, 20000.0,
                                                                          stored_json=stored.stored_json)])
        assert stream.add_all([(1, features, None)]) == [5]


def test_a_quiet_story_a_copy_moves_is_scored_again_within_the_batch() -> None:
    # add_all works on the rows live on the batch's first day; a quiet story (kept for the crowd) that a copy
    # moves comes into that view, so the batch's next report of it joins it, as one by one.
    near = np.array([1.0, 0.0, 0.0], np.float32)

    def report(day: float, vector: np.ndarray = near) -> StoryFeatures:
        return StoryFeatures(vector, frozenset({"ann"}), frozenset(), day, "x.example", "h")

    items = [(10, report(20030.0), 0), (11, report(20030.5), None)]
    for batched in (False, True):
        stream = StoryStream(model="minilm")
        assert stream.add(0, report(20000.0)) == 1
        assert stream.add(1, report(20029.0, np.array([0.0, 1.0, 0.0], np.float32))) == 2
        got = stream.add_all(items) if batched else [stream.add(m, f, copy_of=c) for m, f, c in items]
        assert got == [1, 1]

"""Stories: a shared name counts by its support in the story (the share of the story's members naming it)."""

from __future__ import annotations

import dataclasses
from collections import Counter

import numpy as np
import pytest

from newsdesk.connect.stories import PARAMS, LiveStory, StoryFeatures, StoryStream, support


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _yemen_after_egypt(stream: StoryStream, reports: int = 8) -> int:
    """A story of ``reports`` reports naming Mubarak, the first of which also names Yemen's president in passing;
    then an article on Yemen naming only him, at cosine 0.3 to the story. Returns the article's story id."""
    egypt = _unit(1, 0, 0)
    for k in range(reports):
        names = {"hosni mubarak", "ali abdullah saleh"} if k == 0 else {"hosni mubarak"}
        stream.add(k, StoryFeatures(egypt, frozenset(names), frozenset(), 20000.0 + k * 0.1, "cnn", f"h{k}"))
    yemen = StoryFeatures(_unit(0.3, np.sqrt(1 - 0.09), 0), frozenset({"ali abdullah saleh"}), frozenset(),
                          20000.0 + reports * 0.1, "cnn", "Yemen protests")
    return stream.add(reports, yemen)


@pytest.fixture
def support_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Support 2, the default before only salient names counted (the default is 0 now; the mechanism stays)."""
    monkeypatch.setitem(PARAMS, "minilm", dataclasses.replace(PARAMS["minilm"], support=2.0))


def test_a_name_few_of_a_storys_reports_give_draws_little(support_2: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """His name, one of eight reports': it counts 2 x 1/8 = a quarter (0.3 + 0.4 x 0.25 < 0.45): a story of its
    own. With support 0 it counts fully (0.3 + 0.4 = 0.7) and the Yemen article joins Egypt's story."""
    assert _yemen_after_egypt(StoryStream()) == 2
    monkeypatch.setitem(PARAMS, "minilm", dataclasses.replace(PARAMS["minilm"], support=0.0))
    assert _yemen_after_egypt(StoryStream()) == 1


def test_a_name_half_a_storys_reports_give_counts_fully(support_2: None) -> None:
    # Two reports of which one names him: support 2 x 1/2 = 1, so the article still joins (0.3 + 0.4 >= 0.45).
    assert _yemen_after_egypt(StoryStream(), reports=2) == 1


def test_support_values(support_2: None) -> None:
    assert support(1, 8, 2.0) == 0.25 and support(4, 8, 2.0) == 1.0 and support(8, 8, 2.0) == 1.0
    assert support(1, 8, 0.0) == 1.0 and support(3, 0, 2.0) == 1.0
    story = LiveStory(1, np.zeros(3, np.float32), 4, Counter({"ann": 1, "bob": 4}), Counter(), 20000.0, 20000.0)
    stream = StoryStream()
    one = StoryFeatures(np.zeros(3, np.float32), frozenset({"ann"}), frozenset(), 20000.0, None)
    both = StoryFeatures(np.zeros(3, np.float32), frozenset({"bob"}), frozenset(), 20000.0, None)
    # No live story names either (weights 1): ann is half supported (0.4 x 0.5), bob fully (0.4).
    assert stream.score(story, one, 20000.0) == pytest.approx(0.2)
    assert stream.score(story, both, 20000.0) == pytest.approx(0.4)

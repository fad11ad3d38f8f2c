"""Stories: a shared event's name is strong evidence, a name every live story gives is weak, and an ordinary word
the recogniser took for a name is no name."""

from __future__ import annotations

import dataclasses

import numpy as np

from newsdesk.connect.stories import PARAMS, RUNS_ON_DAYS, StoryFeatures, StoryStream, event_name, story_features
from newsdesk.model import Article, Block, Enrichment, Entity, Mention


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _features(day: float, vector: np.ndarray, names: tuple[str, ...]) -> StoryFeatures:
    return StoryFeatures(vector, frozenset(names), frozenset(), day, "a.example", "h",
                         frozenset(name for name in names if event_name(name)))


def test_event_names_are_names_of_two_to_four_words_ending_in_an_event_noun() -> None:
    assert event_name("democratic national convention") and event_name("murray trial")
    assert not event_name("convention") and not event_name("hillary clinton")
    assert not event_name("trump addresses the munich attack")  # a headline taken for a name


def test_a_report_naming_the_story_s_event_joins_though_its_wording_is_far() -> None:
    """Two reports of a convention name it; a third, a protest outside it, at cosine 0.15 to them, names it and a
    crowd (its other name): with the event's name counting as an event it joins (0.15 + 0.4 x 1/2 + event 0.2 >=
    0.45), as a plain shared name it would not (0.15 + 0.4 x 1/2 < 0.45)."""
    convention = "democratic national convention"
    protest = _features(20001.0, _unit(0.15, np.sqrt(1 - 0.15**2), 0), (convention, "black lives matter"))
    for event, joins in ((PARAMS["minilm"].event, True), (0.0, False)):
        stream = StoryStream(model="minilm")
        stream.params = dataclasses.replace(stream.params, event=event)
        first = stream.add(0, _features(20000.0, _unit(1, 0, 0), (convention, "al gore")))
        assert stream.add(1, _features(20000.5, _unit(1, 0, 0), (convention, "michelle obama"))) == first
        assert (stream.add(2, protest) == first) is joins


def test_a_report_naming_the_event_of_a_story_past_its_span_joins_it_without_the_margin() -> None:
    """A convention's story began 22 days before (past MAX_SPAN_DAYS) and last moved four days before. A report at
    cosine 0.1 naming the convention scores 0.1 + 0.4 + event 0.2 - 4 x 0.005 and joins: the margin (spent 0.25) is
    not taken, since it names the story's event. One naming the story's delegate instead (a plain name) would clear
    the bar without the margin (0.1 + 0.4 - 0.02) but not with it, and starts a story of its own: the story last
    moved more than RUNS_ON_DAYS before, so it is not running on (tests/connect/test_stories_runs_on.py)."""
    assert RUNS_ON_DAYS < 4.0
    convention = "republican national convention"
    far = _unit(0.1, np.sqrt(1 - 0.01), 0)
    for names, joins in (((convention,), True), (("scott walker",), False)):
        stream = StoryStream(model="minilm")
        first = stream.add(0, _features(20000.0, _unit(1, 0, 0), (convention, "scott walker")))
        for member, day in ((1, 20010.0), (2, 20018.0)):  # reported within the window all along
            assert stream.add(member, _features(day, _unit(1, 0, 0), (convention, "scott walker"))) == first
        assert (stream.add(3, _features(20022.0, far, names)) == first) is joins


def test_a_name_more_live_stories_give_than_crowd_counts_less_in_each() -> None:
    """A story of four reports naming "clinton" holds 4 of the name's 6 live mentions while two other stories name
    her: an article at cosine 0.3 to it (and 0 to the others) naming only her joins (0.3 + 0.4 x 4/6 >= 0.45). With
    four other stories, five name her, more than crowd 3, and her share is taken at 3/5 (0.3 + 0.4 x 4/8 x 3/5 <
    0.45): the article starts a story of its own."""
    assert PARAMS["minilm"].crowd == 3
    article = _features(20001.0, _unit(0.3, 0, 0, 0, 0, 0, np.sqrt(1 - 0.09)), ("clinton",))
    for others, joins in ((2, True), (4, False)):
        stream = StoryStream(model="minilm")
        story = [stream.add(k, _features(20000.0, _unit(1, 0, 0, 0, 0, 0, 0), ("clinton",))) for k in range(4)]
        for k in range(others):
            axis = np.zeros(7, np.float32)
            axis[1 + k] = 1.0
            stream.add(10 + k, _features(20000.0, axis, ("clinton", f"other{k}")))
        assert len(set(story)) == 1 and stream.naming("clinton", 20001.0) == 1 + others
        assert (stream.add(99, article) == story[0]) is joins


def test_a_name_written_only_in_lower_case_is_no_name() -> None:
    text = "The state said crowds gathered. State officials and Crowds Inc declined to comment."
    article = Article(headline="Crowds gather", published="2016-07-26", url="https://a.example/1",
                      body=[Block("paragraph", text)], is_article=True)
    at = text.index
    article.enrichment = Enrichment(entities=[
        Entity("state", "ORG", [Mention("state", at("state"), at("state") + 5)]),
        Entity("State", "ORG", [Mention("State", at("State"), at("State") + 5)]),
        Entity("crowds", "ORG", [Mention("crowds", at("crowds"), at("crowds") + 6),
                                 Mention("Crowds", at("Crowds"), at("Crowds") + 6)]),
    ])
    [features] = story_features([article], np.ones((1, 2), np.float32))
    # "state" is only ever written in lower case; "State" and the Crowds company are written as names.
    assert features.entities == frozenset({"state", "crowds"})
    article.enrichment.entities = article.enrichment.entities[:1]
    [features] = story_features([article], np.ones((1, 2), np.float32))
    assert features.entities == frozenset()


def _campaign() -> tuple[list[Article], np.ndarray]:
    """A month of campaign reports: every report names the candidate (a crowded name), a convention's reports name
    it (an event's name) in far-apart wording, and some name an ordinary word the recogniser labelled ("state")."""
    rng = np.random.default_rng(3)
    topics = rng.standard_normal((6, 8))
    articles, vectors = [], []
    for k in range(60):
        day = 1 + k // 2
        topic = k % 6
        names = [Entity("Hillary Clinton", "PERSON")]
        if topic < 2:
            names.append(Entity("Democratic National Convention", "ORG"))
        if k % 4 == 0:
            names.append(Entity("state", "ORG", [Mention("state", 0, 5)]))
        headline = f"Report {k}"
        articles.append(Article(url=f"https://o{k % 5}.example/{k}", headline=headline,
                                published=f"2016-07-{day:02d}T{k % 24:02d}:00:00Z", is_article=True,
                                body=[Block("paragraph", "state " + headline + " Body text here.")],
                                enrichment=Enrichment(names)))
        vector = topics[topic] + rng.normal(0, 1.2, 8)
        vectors.append((vector / np.linalg.norm(vector)).astype(np.float32))
    return articles, np.stack(vectors)


def test_store_in_batches_gives_the_stream_s_stories_with_events_and_crowded_names() -> None:
    from stories_in_store import stories_in_store

    from newsdesk.connect.stories import build_stories

    articles, vectors = _campaign()
    expected = [s.members for s in build_stories(articles, vectors, model="minilm")]
    assert 1 < len(expected) < len(articles)  # (without event or crowd the stream gives other stories)
    assert stories_in_store(articles, vectors, batch_size=7).groups == sorted(expected)

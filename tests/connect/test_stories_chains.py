"""The chain pass: a story continues an earlier one only on a name both are about that no other story of those days
gives, and only after a pause of at most CHAIN_GAP_DAYS; the store's pass links what the stream's does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from newsdesk.connect.stories import CHAIN_GAP_DAYS, WINDOW_DAYS, Story, build_stories
from newsdesk.model import Article, Block, Enrichment, Entity
from tests.connect.stories_in_store import stories_in_store

HEARING, ELSEWHERE = np.array([1.0, 0.0, 0.0], np.float32), np.array([0.0, 1.0, 0.0], np.float32)


def _report(day: float, headline: str, names: tuple[str, ...]) -> Article:
    published = (datetime(2025, 1, 1, 8, tzinfo=UTC) + timedelta(days=day)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Article(url=f"https://court.example/{day:g}/{len(headline)}", headline=headline, published=published,
                   is_article=True, body=[Block("paragraph", headline + ". Reporters were in court.")],
                   enrichment=Enrichment(entities=[Entity(name, "PERSON") for name in names]))


def _hearing(resumes: float, *, crowd: bool = False, named_by: int = 3) -> tuple[list[Article], np.ndarray]:
    """A hearing reported on days 0, 2 and 4 (``named_by`` of those reports name the defendant), resumed on day
    ``resumes``; with ``crowd``, another story that runs meanwhile (day 10, other wording) names him too."""
    articles = [_report(day, f"{'Conrad Murray' if k < named_by else 'The doctor'} hearing day {k + 1}",
                        ("Conrad Murray",) if k < named_by else ("Ed Chernoff",))
                for k, day in enumerate((0.0, 2.0, 4.0))]
    vectors = [HEARING] * 3
    if crowd:
        articles.append(_report(10.0, "Conrad Murray's clinic in Las Vegas closes", ("Conrad Murray",)))
        vectors.append(ELSEWHERE)
    articles.append(_report(resumes, "Conrad Murray hearing resumes", ("Conrad Murray",)))
    vectors.append(HEARING)
    return articles, np.stack(vectors)


def _chains(stories: list[Story]) -> dict[int, int]:
    return {s.id: s.continues for s in stories if s.continues is not None}


def _resumed(stories: list[Story], resumed: int) -> Story:
    [story] = [s for s in stories if resumed in s.members]
    return story


def test_a_hearing_resumed_after_a_pause_continues_its_story() -> None:
    articles, vectors = _hearing(4.0 + WINDOW_DAYS + 2)
    stories = build_stories(articles, vectors)
    # Past the window the old story takes no report: the resumed hearing starts a story, which continues it.
    assert [s.members for s in stories] == [[0, 1, 2], [3]]
    assert _resumed(stories, 3).continues == stories[0].id


def test_a_development_more_than_the_gap_later_is_a_story_of_its_own() -> None:
    at_most = build_stories(*_hearing(4.0 + CHAIN_GAP_DAYS))
    assert _resumed(at_most, 3).continues == at_most[0].id
    later = build_stories(*_hearing(4.0 + CHAIN_GAP_DAYS + 1))
    assert [s.members for s in later] == [[0, 1, 2], [3]] and _chains(later) == {}


def test_a_name_another_story_of_those_days_gives_links_nothing() -> None:
    articles, vectors = _hearing(4.0 + WINDOW_DAYS + 2, crowd=True)
    stories = build_stories(articles, vectors)
    assert [s.members for s in stories] == [[0, 1, 2], [3], [4]]
    # The clinic story named him while the hearing resumed: his name no longer singles out one event.
    assert _chains(stories) == {}


def test_a_name_few_of_the_earlier_reports_give_links_nothing() -> None:
    stories = build_stories(*_hearing(4.0 + WINDOW_DAYS + 2, named_by=1))
    assert [s.members for s in stories] == [[0, 1, 2], [3]]
    assert _chains(stories) == {}  # One report of three named him: not what the story is about.


def test_the_store_links_what_the_stream_links() -> None:
    made = []
    for crowd in (False, True):
        articles, vectors = _hearing(4.0 + WINDOW_DAYS + 2, crowd=crowd)
        streamed = build_stories(articles, vectors)
        stored = stories_in_store(articles, vectors, batch_size=2)
        assert stored.groups == sorted(s.members for s in streamed)
        assert stored.chains == _chains(streamed)
        made.append(bool(stored.chains))
    assert made == [True, False]  # The other story of those days decided, in the store as in the stream.

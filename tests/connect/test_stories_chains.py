"""The chain pass: a story continues an earlier one only on a name both are about that no other story of those days
gives, and only after a pause of at most CHAIN_GAP_DAYS; the store's pass links what the stream's does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from stories_in_store import stories_in_store

from newsdesk.connect.stories import CHAIN_GAP_DAYS, WINDOW_DAYS, Story, build_stories
from newsdesk.model import Article, Block, Enrichment, Entity

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


def _affairs(seed: int) -> tuple[list[Article], np.ndarray]:
    """Court affairs over two months: each is reported in sessions (one to four reports, a day or two apart) after
    pauses of 5 to 30 days, so a session may start a story that continues the last one, or one past the gap; its
    reports name the defendant or only his lawyer, and side stories (other wording) name a defendant meanwhile."""
    rng = np.random.default_rng(seed)
    dim = 12
    dated: list[tuple[float, str, tuple[str, ...], np.ndarray]] = []
    for affair in range(4):
        direction = rng.standard_normal(dim)
        defendant, lawyer = f"Defendant {affair}", f"Lawyer {affair}"
        day = float(rng.uniform(0.0, 10.0))
        for session in range(int(rng.integers(2, 5))):
            for report in range(int(rng.integers(1, 5))):
                names = (defendant,) if rng.random() < 0.7 else (lawyer,)
                dated.append((day, f"{defendant} hearing {session}-{report}", names,
                              direction + 0.15 * rng.standard_normal(dim)))
                day += float(rng.uniform(0.2, 2.0))
            day += float(rng.uniform(5.0, 30.0))
    for side in range(5):
        dated.append((float(rng.uniform(0.0, 70.0)), f"Side story {side}", (f"Defendant {rng.integers(4)}",),
                      rng.standard_normal(dim)))
    dated.sort(key=lambda item: item[0])
    articles = [_report(day, headline, names) for day, headline, names, _ in dated]
    for n, article in enumerate(articles):
        article.url = f"https://court.example/{n}"
    vectors = np.stack([vector / np.linalg.norm(vector) for *_, vector in dated]).astype(np.float32)
    return articles, vectors


def test_the_store_s_pass_after_every_batch_ends_with_the_stream_s_links() -> None:
    linked = 0
    for seed in (1, 2, 3, 4):
        articles, vectors = _affairs(seed)
        streamed = build_stories(articles, vectors)
        linked += len(_chains(streamed))
        for batch_size in (1, 3, 8):
            stored = stories_in_store(articles, vectors, batch_size, pass_every_batch=True)
            assert stored.groups == sorted(s.members for s in streamed), (seed, batch_size)
            assert stored.chains == _chains(streamed), (seed, batch_size)
    assert linked  # Some affairs continue, so the passes made and kept links.


def test_the_pass_after_every_batch_of_a_reopened_store_ends_with_the_stream_s_links(tmp_path: Path) -> None:
    for seed in (1, 2):
        articles, vectors = _affairs(seed)
        streamed = build_stories(articles, vectors)
        stored = stories_in_store(articles, vectors, 3, pass_every_batch=True, path=str(tmp_path / f"{seed}.db"),
                                  reopen=True)
        assert stored.groups == sorted(s.members for s in streamed)
        assert stored.chains == _chains(streamed)


def test_a_link_made_on_a_story_s_first_report_is_undone_when_its_later_reports_say_otherwise() -> None:
    # The resumed hearing's first report names the defendant (1 of 1 reports: what it is about); the next two name
    # only his lawyer, so he is no longer what the later story is about and the stream links nothing.
    articles, vectors = _hearing(4.0 + WINDOW_DAYS + 2)
    for k, headline in enumerate(("The doctor's lawyer speaks", "The doctor's lawyer speaks again")):
        articles.append(_report(4.0 + WINDOW_DAYS + 2.5 + 0.5 * k, headline, ("Ed Chernoff",)))
    vectors = np.concatenate([vectors, np.stack([HEARING, HEARING])])
    streamed = build_stories(articles, vectors)
    assert [s.members for s in streamed] == [[0, 1, 2], [3, 4, 5]] and _chains(streamed) == {}
    once = stories_in_store(articles[:4], vectors[:4], 4, pass_every_batch=True)
    assert once.chains  # Judged on its first report alone, it continues the hearing ...
    assert stories_in_store(articles, vectors, 4, pass_every_batch=True).chains == {}  # ... until judged again.

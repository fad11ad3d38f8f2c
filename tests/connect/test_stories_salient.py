"""Stories: only the names an article is about count (named in its headline or lead), not those given in passing."""

from __future__ import annotations

import numpy as np
import pytest

import newsdesk.connect.stories as stories
from newsdesk.connect.stories import LEAD_CHARS, build_stories, salient, story_features
from newsdesk.model import Article, Block, Enrichment, Entity, Mention

FILLER = "The crowd sang along for hours under the lights of the stadium. " * 8  # ~500 characters


def _article(headline: str, lead: str, passing: str, names: dict[str, str], day: str) -> Article:
    """An article whose body is ``lead``, filler, then ``passing``; each name's mentions found in the body."""
    body = [Block("paragraph", lead), Block("paragraph", FILLER), Block("paragraph", passing)]
    article = Article(headline=headline, published=day, url=f"https://bbc.example/{abs(hash(headline))}",
                      body=body, is_article=True)
    text = article.text
    entities = []
    for name, type_ in names.items():
        at = [k for k in range(len(text)) if text.startswith(name, k)]
        entities.append(Entity(name, type_, [Mention(name, k, k + len(name)) for k in at]))
    article.enrichment = Enrichment(entities=entities)
    return article


def test_salient_by_headline_lead_or_no_offsets() -> None:
    late = [Mention("Murray", LEAD_CHARS + 100, LEAD_CHARS + 106)]
    assert salient(Entity("Murray", "PERSON", late), "murray trial opens")
    assert not salient(Entity("Murray", "PERSON", late), "tribute concert in cardiff")
    assert salient(Entity("Murray", "PERSON", [Mention("Murray", 10, 16), *late]), "")
    assert salient(Entity("Murray", "PERSON", []), "")  # nothing to judge its place by: kept


def test_a_name_in_the_headline_counts_only_as_whole_words() -> None:
    """'US' is not named by "business" nor 'UN' by "fund"; a name in a script without spaces is found anywhere."""
    late = LEAD_CHARS + 100
    us = Entity("US", "PLACE", [Mention("US", late, late + 2)])
    assert not salient(us, "business leaders meet in davos")
    assert salient(us, "us and china sign trade deal")
    assert salient(us, "trade deal: us-china talks end")
    assert not salient(Entity("UN", "ORG", [Mention("UN", late, late + 2)]), "fund raises $2bn")
    assert salient(Entity("日本", "PLACE", [Mention("日本", late, late + 2)]), "日本の首相が辞任")


def test_story_features_keep_only_salient_names() -> None:
    article = _article("Tribute concert held in Cardiff", "Thousands attended the Michael Jackson tribute in Cardiff.",
                       "The singer's doctor, Conrad Murray, goes on trial next week.",
                       {"Michael Jackson": "PERSON", "Conrad Murray": "PERSON", "Cardiff": "PLACE"}, "2011-10-08")
    [features] = story_features([article], np.ones((1, 2), np.float32))
    assert features.entities == frozenset({"michael jackson"}) and features.places == frozenset({"cardiff"})


@pytest.mark.parametrize("lead_chars, joins", [(LEAD_CHARS, False), (10**9, True)])
def test_a_name_a_storys_reports_give_in_passing_does_not_draw_its_subject_in(
        monkeypatch: pytest.MonkeyPatch, lead_chars: int, joins: bool) -> None:
    """Three concert reports each name the doctor once, after the lead; then the trial's first report, which
    leads with him, at cosine 0.2 to them. Only salient names: the doctor is none of the concert story's
    names, the report shares only Jackson (0.2 + 0.4 x 1/2 < 0.45) and starts its own story. Every name
    counting (a lead as long as the text), it shares both (0.2 + 0.4 >= 0.45) and joins the concert."""
    monkeypatch.setattr(stories, "LEAD_CHARS", lead_chars)
    names = {"Michael Jackson": "PERSON", "Conrad Murray": "PERSON"}
    concert = [_article(f"Tribute concert {k}", "The Michael Jackson tribute concert filled the stadium.",
                        "Conrad Murray's trial starts soon.", names, f"2011-10-0{k + 1}") for k in range(3)]
    trial = _article("Doctor's trial opens", "Conrad Murray went on trial over the death of Michael Jackson.",
                     "", names, "2011-10-05")
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.2, np.sqrt(1 - 0.04)]], np.float32)
    groups = [story.members for story in build_stories([*concert, trial], vectors)]
    assert (groups == [[0, 1, 2, 3]]) is joins
    if not joins:
        assert groups == [[0, 1, 2], [3]]


def test_store_and_stream_agree_and_the_store_keeps_only_salient_names() -> None:
    """The store runs the same features: in batches of two it makes the stories the batch function makes, and a
    story's stored names are its members' salient ones (the doctor named in passing is not among them)."""
    import json

    from newsdesk.connect.stories import cluster_stories
    from newsdesk.store import ArticleOutcome, open_store
    from newsdesk.store.stories import assign_stories, story_of

    names = {"Michael Jackson": "PERSON", "Conrad Murray": "PERSON"}
    articles = [_article(f"Tribute concert {k}", f"The Michael Jackson tribute concert filled stadium {k}.",
                         f"Conrad Murray's trial starts in {k + 5} days.", names, f"2011-10-0{k + 1}")
                for k in range(3)]
    articles.append(_article("Doctor's trial opens", "Conrad Murray went on trial over the death of Michael "
                             "Jackson.", "", names, "2011-10-05"))
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.2, np.sqrt(1 - 0.04)]], np.float32)
    with open_store(":memory:") as store:
        ids: list[int] = []
        for start in (0, 2):
            batch = articles[start:start + 2]
            batch_ids = store.write_batch([ArticleOutcome(a.url or "", a) for a in batch]).article_ids
            store.connection.execute("BEGIN")
            assign_stories(store.connection, list(zip(batch_ids, batch, strict=True)), vectors[start:start + 2])
            store.connection.execute("COMMIT")
            ids += batch_ids
        conn = store.connection
        groups: dict[int, list[int]] = {}
        for position, article_id in enumerate(ids):
            groups.setdefault(story_of(conn, article_id) or 0, []).append(position)
        assert sorted(groups.values()) == sorted(cluster_stories(articles, vectors)) == [[0, 1, 2], [3]]
        [stored] = conn.execute("SELECT entities FROM stories WHERE id = ?", (story_of(conn, ids[0]),)).fetchone()
        assert [name for name, _ in json.loads(stored)] == ["michael jackson"]

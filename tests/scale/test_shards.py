"""Shards: every outcome survives the Parquet round trip; a file is sharded safely and in order."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
from scale_crawl import build_crawl

from newsdesk.connect.stage import ConnectFeatures, connect_features
from newsdesk.model import Article, Block, Enrichment, Entity, Image, Link, Mention, Quantity, RawPage, WireSource
from newsdesk.scale.ray_executor import input_files, process_file
from newsdesk.scale.shards import SHARD_SCHEMA, ShardWriter, done_marker, outcome_table, read_outcomes, shard_infos
from newsdesk.store import ArticleOutcome, FailureOutcome, NotArticleOutcome, WarcRef

_COPY_SCALARS = ("key", "host", "published_utc", "wire", "headline", "fingerprint", "paragraph_hashes")


def _article() -> Article:
    return Article(
        url="https://news.example/a", canonical_url="https://news.example/a", site_name="News", language="en",
        headline="Coalition to scale back", standfirst="By 2026.", authors=["Ann Lee"],
        published="2025-09-30T14:05:00+03:00", section="World", tags=["Iraq"],
        image=Image("https://news.example/a.jpg", "Troops", "AP", None), body=[Block("paragraph", "Troops leave.")],
        wire_source=WireSource("AA", "Anadolu Agency"), related=[Link("More", "https://news.example/b", None)],
        reading_time_minutes=1, word_count=2, is_article=True,
        enrichment=Enrichment([Entity("Iraq", "PLACE", [Mention("Iraq", 0, 4)], country="IQ")],
                              quantities=[Quantity("2,500 troops", 2500, "troops", False, 0, 12)],
                              recognizer="patterns"))


def test_every_kind_of_outcome_round_trips(tmp_path: Path) -> None:
    outcomes = [
        ArticleOutcome("a.warc.gz#10", _article(), warc=WarcRef("a.warc.gz", 10, None)),
        ArticleOutcome("page.txt", Article(url=None, body=[Block("paragraph", "Copied.")], is_article=True),
                       raw=RawPage("Copied text", kind="text", source="page.txt", headers={"x": "1"})),
        NotArticleOutcome("a.warc.gz#99", "https://news.example/", "a front page", warc=WarcRef("a.warc.gz", 99)),
        FailureOutcome("a.warc.gz#120", "read", "HTTP status 404", details="d", url="https://news.example/x"),
    ]
    writer = ShardWriter(tmp_path / "s.parquet")
    writer.write(outcome_table(outcomes, input_file="a.warc.gz", run_id="r1"))
    assert writer.finish(crawl_date="2025-10-01T08:30:00Z") == 4
    back = next(read_outcomes(tmp_path / "s.parquet"))
    assert back == outcomes
    assert pq.read_table(tmp_path / "s.parquet").column("position").to_pylist() == [0, 1, 2, 3]
    # Integers in annotations stay integers (a float64 column would make 2500 into 2500.0).
    annotations = json.loads(pq.read_table(tmp_path / "s.parquet").column("annotations")[0].as_py())
    assert annotations["quantities"][0]["value"] == 2500
    assert pq.read_schema(tmp_path / "s.parquet").remove_metadata() == SHARD_SCHEMA


def test_connect_features_round_trip_and_their_absence_too(tmp_path: Path) -> None:
    article = _article()
    empty = Article(url="https://news.example/empty", body=[], is_article=True)
    [features, no_body] = connect_features([article, empty], embed=False)
    vector = np.linspace(-1, 1, 384, dtype=np.float32)
    with_vector = ConnectFeatures(features.copies, vector, "minilm", "embedding: a reason")
    outcomes = [ArticleOutcome("a#1", article, connect=with_vector), ArticleOutcome("a#2", empty, connect=no_body),
                ArticleOutcome("a#3", article), ArticleOutcome("a#4", article, connect=ConnectFeatures())]
    writer = ShardWriter(tmp_path / "s.parquet")
    writer.write(outcome_table(outcomes, input_file="a", run_id="r"))
    writer.finish(crawl_date=None)
    back = next(read_outcomes(tmp_path / "s.parquet"))
    assert [o.article for o in back] == [o.article for o in outcomes]  # type: ignore[union-attr]
    got = [o.connect for o in back]  # type: ignore[union-attr]
    assert got[2] is None and got[3] is not None and got[3].copies is None and got[3].vector is None
    for sent, came in zip([with_vector, no_body], got, strict=False):
        assert came is not None and came.copies is not None and sent.copies is not None
        assert (came.model, came.error) == (sent.model, sent.error)
        assert (came.vector is None) == (sent.vector is None)
        assert [getattr(came.copies, f) for f in _COPY_SCALARS] == [getattr(sent.copies, f) for f in _COPY_SCALARS]
        assert came.copies.paragraph_signatures.dtype == np.uint32
        assert np.array_equal(came.copies.paragraph_signatures, sent.copies.paragraph_signatures)
        assert np.array_equal(came.copies.paragraph_shingles, sent.copies.paragraph_shingles)
    assert got[0] is not None and got[0].vector is not None and np.array_equal(got[0].vector, vector)
    assert got[1] is not None and got[1].copies is not None and got[1].copies.paragraph_signatures.shape == (0, 128)


def test_a_row_the_schema_cannot_hold_becomes_a_failure_row() -> None:
    bad = Article(url="https://news.example/a", reading_time_minutes=2**40, is_article=True,  # over int32
                  body=[Block("paragraph", "Text.")])
    table = outcome_table([ArticleOutcome("x#1", bad), FailureOutcome("x#2", "read", "HTTP status 404")],
                          input_file="x", run_id="r")
    rows = table.to_pylist()
    assert [r["kind"] for r in rows] == ["failure", "failure"]
    assert rows[0]["stage"] == "shard" and "cannot write to a shard" in rows[0]["reason"]
    assert rows[0]["input"] == "x#1"


def test_process_file_writes_one_done_shard_in_file_order(tmp_path: Path) -> None:
    inputs = build_crawl(tmp_path / "crawl")
    result = process_file(str(inputs[0]), str(tmp_path / "out"), "run-1", batch_size=2)
    assert (result.rows, result.failures) == (5, 0)
    shard = Path(result.shard or "")
    assert done_marker(shard).is_file()
    assert not list((tmp_path / "out").glob(".*tmp"))
    table = pq.read_table(shard)
    assert table.column("position").to_pylist() == [0, 1, 2, 3, 4]
    offsets = table.column("warc_offset").to_pylist()
    assert offsets == sorted(offsets) and set(table.column("run_id").to_pylist()) == {"run-1"}
    [info] = shard_infos(tmp_path / "out")
    assert (info.input_file, info.crawl_date, info.rows) == (str(inputs[0]), "2025-10-01T08:30:00Z", 5)


def test_shards_without_a_done_marker_are_not_loaded(tmp_path: Path) -> None:
    inputs = build_crawl(tmp_path / "crawl")
    for path in inputs[:2]:
        process_file(str(path), str(tmp_path / "out"), "r")
    first = shard_infos(tmp_path / "out")[0].path
    done_marker(first).unlink()
    assert [info.input_file for info in shard_infos(tmp_path / "out")] == [str(inputs[1])]


def test_a_folder_gives_one_task_per_crawl_file(tmp_path: Path) -> None:
    inputs = build_crawl(tmp_path / "crawl")
    assert input_files([str(tmp_path / "crawl")]) == [str(p) for p in inputs[:3]]

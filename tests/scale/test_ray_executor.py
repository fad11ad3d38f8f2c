"""The Ray executor on a local cluster: same store as a local run, resumable, retried, failures recorded.

Kept cheap for CI (the bar: under 60 s and 2 GB for the module): one cluster for the session (conftest),
one run with every stage (enrichment, connect features) checked against one local run; the tests of
resuming, retries, time-outs and corrupt input run extraction only (``--no-enrich --no-connect``), which
also checks that the tasks honour the stage switches as a local run does.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ray")

import pyarrow.parquet as pq
from scale_compare import local_run, snapshot
from scale_crawl import build_crawl, corrupt_warc

from newsdesk.cli.scale import run_ray_ingest
from newsdesk.scale.cluster import non_loopback_listeners, process_tree
from newsdesk.scale.load import load_shards
from newsdesk.scale.ray_executor import FileResult, RayReport, process_file, run_on_ray
from newsdesk.scale.shards import done_marker, shard_path
from newsdesk.store import open_store


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_crawl(tmp_path_factory.mktemp("crawl"))


Snapshot = tuple[dict[str, Any], list[str], dict[str, Any]]
#: The stage switches of the cheap runs, for run_on_ray and for a local ingest.
EXTRACT_ONLY = {"enrich": False, "connect": False}
EXTRACT_ONLY_FLAGS = ("--no-enrich", "--no-connect")


@pytest.fixture(scope="module")
def local_snapshot(crawl: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """What a local run of the crawl with every stage gives (made once: enrichment is the costly part)."""
    db = tmp_path_factory.mktemp("local") / "local.db"
    assert local_run(crawl, db) == 0
    return snapshot(db)


@pytest.fixture(scope="module")
def extract_only_snapshot(crawl: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """What a local ``--no-enrich --no-connect`` run of the crawl gives."""
    db = tmp_path_factory.mktemp("local") / "extract-only.db"
    assert local_run(crawl, db, *EXTRACT_ONLY_FLAGS) == 0
    return snapshot(db)


def _shards(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir())


def test_the_local_cluster_listens_on_loopback_only(ray_cluster: Any) -> None:
    assert ray_cluster.nodes()[0]["NodeManagerAddress"] == "127.0.0.1"
    assert non_loopback_listeners(process_tree(os.getpid())) == []


def test_ray_run_and_load_equal_a_local_run(ray_cluster: Any, crawl: list[Path], tmp_path: Path,
                                            local_snapshot: Snapshot) -> None:
    seen: list[str] = []
    report = run_on_ray([str(p) for p in crawl], tmp_path / "shards", progress=lambda r: seen.append(r.progress()))
    assert report.exit_code == 0 and not report.failed
    assert (len(report.files), report.pages, report.failures) == (4, 16, 0)
    assert seen and seen[-1].startswith("files 4/4 · pages 16")
    with open_store(tmp_path / "ray.db") as store:
        assert load_shards(tmp_path / "shards", store).exit_code == 0
    assert snapshot(tmp_path / "ray.db") == local_snapshot
    stats, _, connected = local_snapshot
    assert stats["duplicates"]["exact"] >= 4 and stats["near_copies"] >= 3 and stats["stories"] >= 1
    assert all(parent for _, kind, _, parent, _, _ in connected["copies"] if kind == "near")


def test_an_interrupted_run_resumes_to_one_shard_per_file(ray_cluster: Any, crawl: list[Path], tmp_path: Path,
                                                          extract_only_snapshot: Snapshot) -> None:
    out = tmp_path / "shards"
    # A task killed while writing leaves a temporary file and no marker: the rerun redoes that file.
    half = shard_path(out, str(crawl[1]))
    out.mkdir()
    half.write_bytes(b"PAR1 half a shard")

    def stop_after_first(report: RayReport) -> None:
        if report.files:
            raise KeyboardInterrupt

    first = run_on_ray([str(p) for p in crawl], out, progress=stop_after_first, **EXTRACT_ONLY)
    assert first.interrupted and first.exit_code == 130 and 1 <= len(first.files) < 4
    again = run_on_ray([str(p) for p in crawl], out, **EXTRACT_ONLY)
    # Tasks that finished while the run was stopping have their shards too.
    assert again.skipped >= len(first.files) and again.exit_code == 0
    assert len(again.files) + again.skipped == 4
    names = _shards(out)
    assert names == sorted([shard_path(out, str(p)).name for p in crawl]
                           + [done_marker(shard_path(out, str(p))).name for p in crawl])
    with open_store(tmp_path / "resumed.db") as store:
        load_shards(out, store)
    # The same store as a local run with the same stage switches: no annotations, no copies, no stories.
    assert snapshot(tmp_path / "resumed.db") == extract_only_snapshot
    stats, export, connected = extract_only_snapshot
    assert all(json.loads(line)["recognizer"] is None for line in export)
    assert stats["near_copies"] == 0 and connected["stories"] == []


def test_a_worker_killed_mid_task_is_retried(ray_cluster: Any, crawl: list[Path], tmp_path: Path) -> None:
    marker = tmp_path / "killed-once"

    def die_once(input_file: str, out_dir: str, run_id: str, batch_size: int, **stages: bool) -> FileResult:
        if input_file.endswith("crawl-1.warc.gz") and not os.path.exists(marker):
            open(marker, "w").close()
            os.kill(os.getpid(), signal.SIGKILL)
        return process_file(input_file, out_dir, run_id, batch_size, **stages)

    report = run_on_ray([str(p) for p in crawl[:2]], tmp_path / "shards", task=die_once, max_retries=2,
                        **EXTRACT_ONLY)
    assert marker.exists()
    assert report.exit_code == 0 and not report.failed and len(report.files) == 2


def test_a_hung_task_is_timed_out_and_retried_by_the_next_run(ray_cluster: Any, crawl: list[Path],
                                                              tmp_path: Path) -> None:
    def hang(input_file: str, out_dir: str, run_id: str, batch_size: int, **stages: bool) -> FileResult:
        time.sleep(120)
        raise AssertionError("not reached")

    report = run_on_ray([str(crawl[0])], tmp_path / "shards", task=hang, task_timeout=1.5)
    assert report.exit_code == 1 and "timed out" in report.failed[str(crawl[0])]
    assert not done_marker(shard_path(tmp_path / "shards", str(crawl[0]))).exists()


def test_a_corrupt_warc_gives_failure_rows_and_exit_1(ray_cluster: Any, crawl: list[Path], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    bad = corrupt_warc(tmp_path / "bad.warc.gz", crawl[0])
    args = argparse.Namespace(sources=[str(bad), str(crawl[1])], out=str(tmp_path / "shards"), address=None,
                              batch_size=100, max_retries=1, task_timeout=60.0, quiet=True, no_enrich=True,
                              no_connect=True)
    assert run_ray_ingest(args) == 1
    table = pq.read_table(shard_path(tmp_path / "shards", str(bad)))
    failures = [r for r in table.to_pylist() if r["kind"] == "failure"]
    assert failures and all(r["reason"] for r in failures)
    assert any("corrupt" in r["reason"] or "truncated" in r["reason"] for r in failures)
    # The command's --no-enrich and --no-connect reach the tasks: articles without annotations or features.
    good = pq.read_table(shard_path(tmp_path / "shards", str(crawl[1]))).to_pylist()
    articles = [r for r in good if r["kind"] == "article"]
    assert articles and all(r["annotations"] is None and r["connected"] is False for r in articles)
    assert run_ray_ingest(args) == 1  # failures stay failures; nothing is redone
    assert "skipped 2 done" in capsys.readouterr().err
    with open_store(tmp_path / "bad.db") as store:
        assert load_shards(tmp_path / "shards", store).exit_code == 1

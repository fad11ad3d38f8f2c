"""Loading shards gives the store a local run gives, copies with their parents and stories included; again, nothing."""

from __future__ import annotations

from pathlib import Path

from scale_compare import local_run, snapshot
from scale_crawl import build_crawl

from newsdesk.scale.load import load_shards
from newsdesk.scale.ray_executor import process_file
from newsdesk.store import open_store


def test_shards_loaded_equal_a_local_run_and_loading_again_adds_nothing(tmp_path: Path) -> None:
    inputs = build_crawl(tmp_path / "crawl")
    assert local_run(inputs, tmp_path / "local.db") == 0
    # Shards written in another order than they load in: load sorts them by crawl date and file.
    for path in reversed(inputs):
        process_file(str(path), str(tmp_path / "shards"), "run-1")
    with open_store(tmp_path / "sharded.db") as store:
        report = load_shards(tmp_path / "shards", store, batch_size=3)
    assert report.exit_code == 0 and report.shards == 4 and report.inputs == 16
    local, sharded = snapshot(tmp_path / "local.db"), snapshot(tmp_path / "sharded.db")
    assert sharded == local
    stats, _, connected = sharded
    assert stats["duplicates"]["exact"] >= 4 and stats["near_copies"] >= 3 and stats["stories"] >= 1
    # Every near copy names the copy it was made from: the chain survives the shards.
    near = [row for row in connected["copies"] if row[1] == "near"]
    assert len(near) >= 3 and all(parent for _, _, _, parent, _, _ in near)
    with open_store(tmp_path / "sharded.db") as store:
        again = load_shards(tmp_path / "shards", store)
    # Nothing new; a URL the crawl holds twice in two versions is rewritten twice, as a local rerun does.
    assert (again.written.inserted, again.inputs) == (0, 16)
    # Articles rewritten by the second load carry its run id.
    stats_again, export_again, connected_again = snapshot(tmp_path / "sharded.db", drop=("ingested_at", "run_id"))
    assert export_again == snapshot(tmp_path / "local.db", drop=("ingested_at", "run_id"))[1]
    assert connected_again == connected
    assert {**stats_again, "runs": 0} == {**stats, "runs": 0}

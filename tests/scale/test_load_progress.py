"""``newsdesk load`` shows how far it has got: shards done / total, pages/s, failures; nothing with --quiet."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from scale_crawl import build_crawl

from newsdesk.cli import main
from newsdesk.cli import scale as scale_cli
from newsdesk.scale.ray_executor import process_file


class _Terminal(io.StringIO):
    """Standard error as a terminal would be: the live line is rewritten in place."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shards of the small crawl, extraction only (no models), plus one of a file that cannot be read."""
    folder = tmp_path_factory.mktemp("load-progress")
    out = folder / "shards"
    for path in build_crawl(folder / "crawl"):
        process_file(str(path), str(out), "run-1", enrich=False, connect=False)
    process_file(str(folder / "missing.warc.gz"), str(out), "run-1", enrich=False, connect=False)
    return out


_LIVE = re.compile(r"newsdesk: load: shards (\d+)/5 · pages (\d+) \((\d+)/s\) · failures (\d+)(\x1b\[K)?")


def _live(text: str) -> list[tuple[int, int, int]]:
    """(shards done, pages, failures) of every live line in ``text`` (lines end at a newline or a carriage return)."""
    found = [_LIVE.fullmatch(part) for part in re.split(r"[\r\n]", text) if "/5 · pages" in part]
    assert all(found), text
    return [(int(m[1]), int(m[2]), int(m[4])) for m in found if m]


def test_a_log_gets_progress_lines_with_shards_pages_and_failures(shards: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(scale_cli, "LOG_EVERY_SECONDS", 0.0)
    code = main(["load", str(shards), "--db", str(tmp_path / "a.db"), "--batch-size", "2"])
    err = capsys.readouterr().err
    live = _live(err)
    # A line after every batch and every shard, each a line of its own in a log (no carriage returns, no escapes).
    assert code == 1 and len(live) > 5 and "\r" not in err and "\x1b" not in err
    assert [d for d, _, _ in live] == sorted(d for d, _, _ in live) and [p for _, p, _ in live] == sorted(
        p for _, p, _ in live)
    assert live[-1] == (5, 17, 1)
    assert err.splitlines()[-1].startswith("newsdesk: load: shards 5 · inputs 17 · ")


def test_a_terminal_gets_one_line_rewritten_in_place(shards: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["load", str(shards), "--db", str(tmp_path / "b.db")]) == 1
    live_line, summary, end = terminal.getvalue().split("\n")
    # Every update starts over at the line's beginning and clears what a longer one left.
    assert live_line.startswith("\rnewsdesk: load: shards ") and live_line.count("\r") == live_line.count("\x1b[K") > 5
    assert _live(live_line)[-1] == (5, 17, 1)
    assert summary.startswith("newsdesk: load: shards 5 · inputs 17 · ") and end == ""


def test_quiet_prints_only_the_summary(shards: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["load", str(shards), "--db", str(tmp_path / "c.db"), "--quiet"]) == 1
    [summary] = terminal.getvalue().splitlines()
    assert summary.startswith("newsdesk: load: shards 5 · inputs 17 · ")
    assert summary.endswith("failures 1 · story chains 0")


def test_load_reads_the_store_without_its_memory_map(shards: Path, tmp_path: Path) -> None:
    """The writer's memory stays flat: a load does not map the store it grows (see newsdesk.scale.load)."""
    from newsdesk.scale.load import load_shards
    from newsdesk.store import open_store

    with open_store(tmp_path / "mapped.db") as store:
        connection = store.connection  # type: ignore[attr-defined]
        assert connection.execute("PRAGMA mmap_size").fetchone()[0] > 0
        report = load_shards(shards, store)
        assert report.written.inserted > 0
        assert connection.execute("PRAGMA mmap_size").fetchone()[0] == 0

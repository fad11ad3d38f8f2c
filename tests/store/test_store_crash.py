"""Crash safety: kill -9 in the middle of an ingest, run it again, get exactly the uninterrupted result."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from crash_writer import batches
from store_samples import assert_consistent

from newsdesk.store import ArticleOutcome, SQLiteStore, article_key, open_store

WRITER = Path(__file__).with_name("crash_writer.py")
BATCHES, SIZE = 40, 100

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")


def _command(db: Path, *extra: int) -> list[str]:
    return [sys.executable, str(WRITER), str(db), str(BATCHES), str(SIZE), *map(str, extra)]


def _run_to_end(db: Path) -> None:
    done = subprocess.run(_command(db), capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"committed {BATCHES - 1}"


def _start_and_kill(db: Path, wait_for: str, delay: float = 0.0, *extra: int) -> None:
    """Start the writer, wait until it prints ``wait_for``, then SIGKILL it."""
    proc = subprocess.Popen(_command(db, *extra), stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if line.strip() == wait_for:
                break
        else:
            pytest.fail(f"writer ended before printing {wait_for!r}")
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL


def _snapshot(db: Path) -> dict[str, list[Any]]:
    """Everything an ingest decides, without ids, times and attempt counts (which depend on history)."""
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": conn.execute(
                "SELECT a.key, a.record_hash, a.body_hash, r.url, r.content_hash FROM articles AS a "
                "LEFT JOIN raw_pages AS r ON r.id = a.raw_page_id ORDER BY a.key"
            ).fetchall(),
            "duplicates": conn.execute(
                "SELECT d.url, a.key, d.kind FROM duplicates AS d JOIN articles AS a ON a.id = d.duplicate_of "
                "ORDER BY d.url"
            ).fetchall(),
            "not_articles": conn.execute("SELECT url, input, reason FROM not_articles ORDER BY url").fetchall(),
            "quarantine": conn.execute("SELECT input, stage, reason FROM quarantine ORDER BY input").fetchall(),
            "raw_pages": conn.execute("SELECT url, content_hash FROM raw_pages ORDER BY 1, 2").fetchall(),
            "indexed": conn.execute(
                "SELECT a.key FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH 'spokesperson' ORDER BY a.key"
            ).fetchall(),
        }
    finally:
        conn.close()


def _article_keys(batch_numbers: range, reference: Path) -> set[str]:
    """Keys of the articles the given batches store: their articles, less the copies the reference run
    recorded as duplicates."""
    with sqlite3.connect(reference) as conn:
        duplicates = {row[0] for row in conn.execute("SELECT url FROM duplicates")}
    wanted = set(batch_numbers)
    keys = {
        article_key(item.article)
        for number, batch in enumerate(batches(BATCHES, SIZE))
        if number in wanted
        for item in batch
        if isinstance(item, ArticleOutcome)
    }
    return keys - duplicates


def test_kill_9_mid_ingest_then_rerun_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    reference = tmp_path / "reference.db"
    _run_to_end(reference)

    crashed = tmp_path / "crashed.db"
    # Killed while paused inside the transaction of batch 6: batches 0-5 are in, nothing of batch 6.
    _start_and_kill(crashed, "paused", 0.0, 6)
    with open_store(crashed) as store:
        assert isinstance(store, SQLiteStore)
        assert_consistent(store)
        stored = {row[0] for row in store.connection.execute("SELECT key FROM articles")}
        assert stored == _article_keys(range(6), reference)
    # Killed again at arbitrary moments while the same command runs again.
    _start_and_kill(crashed, "committed 12", 0.004)
    _start_and_kill(crashed, "committed 25", 0.011)
    with open_store(crashed) as store:
        assert isinstance(store, SQLiteStore)
        assert_consistent(store)

    _run_to_end(crashed)
    with open_store(crashed) as store:
        assert isinstance(store, SQLiteStore)
        assert_consistent(store)
    assert _snapshot(crashed) == _snapshot(reference)
    assert len(_snapshot(reference)["articles"]) > 2000

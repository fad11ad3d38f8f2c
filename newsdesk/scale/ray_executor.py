"""The Ray executor: one Ray task per input file, each writing that file's Parquet shard.

A task (:func:`process_file`) streams its file's records through :mod:`newsdesk.ingest`'s readers,
runs the per-batch stage :func:`newsdesk.pipeline.to_outcomes` (extraction, enrichment and the
connect stage's features, with the same ``enrich`` and ``connect`` switches as a local ingest) and
writes one shard (:mod:`newsdesk.scale.shards`). Nothing touches the store: ``newsdesk load`` does,
afterwards.

* Resuming: a file whose shard is marked done is skipped ("skipped N done"), so an interrupted
  run, started again, does only what is missing; a half-written shard has no marker and is redone.
* Worker deaths (a killed or crashed process, a lost node) are retried by Ray up to
  ``max_retries`` times; an exception raised by the task itself is not retried (it would fail
  again the same way). A task running longer than ``task_timeout`` seconds is cancelled (its
  worker killed). A file whose task failed gets no shard: it is reported, the run exits 1, and
  the same command run again tries it again.
* One bad record is a failure row, never a failed task: the readers and the stage turn damage
  into failures with their reason, and a row the shard cannot hold becomes a failure row.
* Tasks are submitted no faster than the cluster has CPUs, so a task's time starts close to when
  it starts running, and the driver's memory holds a few results, not the whole crawl.
"""

from __future__ import annotations

import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.connect.embeddings import DEFAULT_MODEL
from newsdesk.ingest.files import read_path
from newsdesk.model import RawPage
from newsdesk.pipeline import DEFAULT_BATCH_SIZE, batched, to_outcomes
from newsdesk.scale import DEFAULT_MAX_RETRIES, DEFAULT_TASK_TIMEOUT
from newsdesk.scale.cluster import cluster_cpus
from newsdesk.scale.cluster import connect as connect_cluster
from newsdesk.scale.shards import (
    KIND_ARTICLE,
    KIND_FAILURE,
    KIND_NOT_ARTICLE,
    ShardWriter,
    failure_rows,
    is_done,
    outcome_table,
    remove_leftovers,
    shard_path,
)
from newsdesk.store.base import parse_instant

__all__ = ["DEFAULT_MAX_RETRIES", "DEFAULT_TASK_TIMEOUT", "FileResult", "RayReport", "input_files", "process_file",
           "run_on_ray"]

#: Seconds between two progress reports while no file completes.
PROGRESS_EVERY = 2.0

_CRAWL_SUFFIXES = (".warc", ".warc.gz", ".jsonl", ".jsonl.gz")


@dataclass(slots=True)
class FileResult:
    """What one task did with one input file.

    >>> FileResult("a.warc.gz", "out/a.parquet", rows=10, articles=7, not_articles=2, failures=1).rows
    10
    """

    input_file: str
    shard: str | None
    rows: int = 0
    articles: int = 0
    not_articles: int = 0
    failures: int = 0
    cpu_s: float = 0.0
    wall_s: float = 0.0


def input_files(inputs: Sequence[str]) -> list[str]:
    """The files a run gives one task each: files as named, folders expanded into their crawl files.

    A folder's WARC and JSON Lines files (walked in name order, hidden entries skipped) are one
    task each; a folder without any (saved pages) is one task of its own.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> for name in ("b.warc.gz", "a.warc", "notes.txt"):
    ...     _ = open(os.path.join(folder, name), "w").write("")
    >>> [os.path.basename(p) for p in input_files([folder, "/x/page.html"])]
    ['a.warc', 'b.warc.gz', 'page.html']
    """
    files: list[str] = []
    for name in inputs:
        if not os.path.isdir(name):
            files.append(name)
            continue
        found: list[str] = []
        for root, dirs, names in os.walk(name):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(os.path.join(root, n) for n in sorted(names)
                         if not n.startswith(".") and n.lower().endswith(_CRAWL_SUFFIXES))
        files.extend(found or [name])
    return files


def process_file(input_file: str, out_dir: str, run_id: str, batch_size: int = DEFAULT_BATCH_SIZE, *,
                 enrich: bool = True, connect: bool = True, model: str = DEFAULT_MODEL) -> FileResult:
    """Read, extract and shard one input file (the body of one Ray task; it runs anywhere).

    ``enrich`` and ``connect`` switch those stages as ``newsdesk ingest --no-enrich / --no-connect`` do, and
    ``model`` embeds as ``--embedding-model`` does.

    >>> import tempfile
    >>> result = process_file("/nonexistent.warc.gz", tempfile.mkdtemp(), "run-1")
    >>> result.rows, result.failures
    (1, 1)
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    shard = shard_path(out_dir, input_file)
    writer = ShardWriter(shard)
    result = FileResult(input_file, str(shard))
    crawl_date: str | None = None
    try:
        for batch in batched(read_path(input_file), batch_size):
            if crawl_date is None:
                fetched = next((item.fetched_at for item in batch if isinstance(item, RawPage) and item.fetched_at),
                               None)
                # One form (UTC, Z) for every file, so that crawl dates sort as times.
                crawl_date = parse_instant(fetched) or fetched
            table = outcome_table(to_outcomes(batch, enrich=enrich, connect=connect, model=model),
                                  input_file=input_file,
                                  run_id=run_id, first_position=result.rows)
            writer.write(table)
            result.rows += table.num_rows
            kinds = table.column("kind").to_pylist()
            result.articles += kinds.count(KIND_ARTICLE)
            result.not_articles += kinds.count(KIND_NOT_ARTICLE)
            result.failures += kinds.count(KIND_FAILURE)
    except BaseException:
        writer.abandon()
        raise
    writer.finish(crawl_date=crawl_date)
    result.cpu_s = time.process_time() - cpu_started
    result.wall_s = time.perf_counter() - started
    return result


@dataclass(slots=True)
class RayReport:
    """What a Ray run did: files done, skipped and failed, pages, and how long it took.

    ``startup_s`` is the time to connect to (or start) the cluster; ``run_s`` the rest.

    >>> report = RayReport(files_total=3, skipped=1)
    >>> report.files.append(FileResult("a.warc.gz", "a.parquet", rows=5, failures=1))
    >>> report.exit_code, report.summary()
    (1, 'files 2/3 done · skipped 1 done · failed 0 · pages 5 · articles 0 · not articles 0 · failures 1')
    """

    run_id: str = ""
    files_total: int = 0
    skipped: int = 0
    files: list[FileResult] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    startup_s: float = 0.0
    run_s: float = 0.0
    interrupted: bool = False
    #: Failure rows in the shards of skipped (done) files.
    skipped_failures: int = 0

    @property
    def pages(self) -> int:
        """Rows written to shards (one per input record that is not bookkeeping)."""
        return sum(f.rows for f in self.files)

    @property
    def failures(self) -> int:
        """Failure rows (of this run's shards and of those it skipped), plus one per file whose task failed."""
        return sum(f.failures for f in self.files) + len(self.failed) + self.skipped_failures

    @property
    def exit_code(self) -> int:
        """0 when every input was read, 1 when some failed, 130 when interrupted (as ``newsdesk ingest``)."""
        if self.interrupted:
            return 130
        return 1 if self.failures else 0

    def summary(self) -> str:
        """One line for people and logs."""
        done = len(self.files) + self.skipped
        return (f"files {done}/{self.files_total} done · skipped {self.skipped} done · failed {len(self.failed)} · "
                f"pages {self.pages} · articles {sum(f.articles for f in self.files)} · "
                f"not articles {sum(f.not_articles for f in self.files)} · failures {self.failures}")

    def progress(self) -> str:
        """The live line: files done / total, pages per second, failures."""
        rate = self.pages / self.run_s if self.run_s else 0.0
        return (f"files {len(self.files) + self.skipped}/{self.files_total} · pages {self.pages} ({rate:.0f}/s) · "
                f"failures {self.failures}")


def run_on_ray(
    inputs: Sequence[str],
    out_dir: str | os.PathLike[str],
    *,
    address: str | None = None,
    num_cpus: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_retries: int = DEFAULT_MAX_RETRIES,
    task_timeout: float = DEFAULT_TASK_TIMEOUT,
    enrich: bool = True,
    connect: bool = True,
    model: str = DEFAULT_MODEL,
    progress: Callable[[RayReport], None] | None = None,
    task: Callable[..., FileResult] = process_file,
    object_store_memory: int | None = None,
) -> RayReport:
    """Shard every input file on a Ray cluster (``address``, else a local loopback-only one).

    ``enrich``, ``connect`` and ``model`` (the embedding model) are the stage switches of a local ingest, passed
    to every task.
    ``num_cpus`` and ``object_store_memory`` size a local cluster (see :func:`~newsdesk.scale.cluster.connect`).

    ``task`` is the per-file function run remotely (:func:`process_file`; tests pass one that
    kills its worker first). ``KeyboardInterrupt`` cancels what runs and returns a report marked
    interrupted: finished shards stay, and the same call finishes the job.

    >>> run_on_ray([], "/tmp/none").summary()  # doctest: +SKIP
    'files 0/0 done · ...'
    """
    out = os.fspath(out_dir)
    Path(out).mkdir(parents=True, exist_ok=True)
    files = input_files(inputs)
    todo = [f for f in files if not is_done(out, f)]
    report = RayReport(run_id=uuid.uuid4().hex, files_total=len(files), skipped=len(files) - len(todo))
    # A done file's failures are still failures: a rerun exits as the first run did, like a local rerun.
    report.skipped_failures = sum(failure_rows(shard_path(out, f)) for f in files if f not in todo)
    for name in todo:
        remove_leftovers(out, name)
    started = time.perf_counter()
    with connect_cluster(address, num_cpus=num_cpus, object_store_memory=object_store_memory) as ray:
        report.startup_s = time.perf_counter() - started
        remote = ray.remote(task).options(max_retries=max_retries, retry_exceptions=False, num_cpus=1)
        try:
            _drive(ray, remote, deque(todo), out, {"batch_size": batch_size, "enrich": enrich, "connect": connect,
                                                     "model": model},
                   task_timeout, report, progress)
        except KeyboardInterrupt:
            report.interrupted = True
    return report


def _drive(ray: Any, remote: Any, pending: deque[str], out: str, options: dict[str, Any], task_timeout: float,
           report: RayReport, progress: Callable[[RayReport], None] | None) -> None:
    slots = cluster_cpus(ray)
    in_flight: dict[Any, tuple[str, float]] = {}
    began = time.perf_counter()
    last_report = began
    try:
        while pending or in_flight:
            while pending and len(in_flight) < slots:
                name = pending.popleft()
                in_flight[remote.remote(name, out, report.run_id, **options)] = (name, time.perf_counter())
            ready, _ = ray.wait(list(in_flight), num_returns=1, timeout=min(1.0, task_timeout))
            for ref in ready:
                name, _ = in_flight.pop(ref)
                try:
                    report.files.append(ray.get(ref))
                except Exception as exc:  # the task raised, or its worker died more than max_retries times
                    report.failed[name] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            now = time.perf_counter()
            for ref, (name, submitted) in list(in_flight.items()):
                if now - submitted > task_timeout:
                    ray.cancel(ref, force=True)
                    del in_flight[ref]
                    report.failed[name] = f"timed out after {task_timeout:g} s"
            report.run_s = now - began
            if progress is not None and (ready or now - last_report >= PROGRESS_EVERY):
                last_report = now
                progress(report)
    except KeyboardInterrupt:
        for ref in in_flight:
            ray.cancel(ref, force=True)
        raise
    finally:
        report.run_s = time.perf_counter() - began

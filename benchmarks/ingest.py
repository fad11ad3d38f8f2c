"""Ingest benchmark: newsdesk and datatrove turning the same WARC crawl into stored text, in one run.

What is measured, for each tool, on the same .warc.gz files built from the 974 pages of
``../shared/data`` (scrapinghub-aeb and wcxb-dev-articles, repeated to ``--records`` responses by
``benchmarks/make_warc.py``; written to a temporary folder or ``--work``, never into the repository):

* newsdesk: the command a user types, ``newsdesk ingest FILES... --db fresh.db --workers W --quiet``,
  into a store that does not exist yet: read (fastwarc), extract, enrich and the connect stage's features
  (copy signatures, embeddings) in W worker processes, write (SQLite with its full-text index; copies,
  vectors and stories found by the one writer).
* newsdesk-no-connect (asked for by name): the same command with ``--no-connect``: extraction and
  enrichment, to show what connecting (near-copies, embeddings, stories) costs an ingest.
* newsdesk-no-enrich (asked for by name): the same command with ``--no-enrich --no-connect``: extraction
  only, to show what enrichment and connecting together cost.
* newsdesk-ray (asked for by name): the Ray path, ``python -m newsdesk.cli.scale ingest FILES... --out
  SHARDS --num-cpus W`` (what ``newsdesk ingest --executor ray`` runs) on a local cluster it starts,
  then ``load SHARDS --db fresh.db``. The same ingest is run a second time, over the finished shards:
  it skips every file, so it costs exactly the cluster's start-up and shutdown, which is subtracted
  to give the figures "start-up excluded" (and reported apart). The bar: at least 0.9x the local
  pool's pages per CPU second, start-up excluded.
* datatrove: ``WarcReader -> Trafilatura -> JsonlWriter`` under ``LocalPipelineExecutor(tasks=W,
  workers=W)``, every step with its defaults (Trafilatura ``favour_precision=True`` with its one-second
  timeout per page, gzipped JSON Lines out).

datatrove gives each task whole files (task k reads files k, k+W, ...) and cannot split one file
across tasks, so both tools get the input as W files of consecutive records: one file would leave
all but one of datatrove's tasks idle.

Each tool runs as a child process in a session of its own, so that everything it starts is
measured: wall time from start to exit; pages per second (responses in the input / wall seconds,
start-up included); CPU seconds of all its processes; and peak memory, sampled every 0.1 s from
``/proc``: the sum of PSS over its processes (PSS shares pages that forked workers have in common
among them, so the sum is what the run adds to the machine's memory), and the largest RSS of any one
process. CPU seconds are the larger of two lower bounds: ``getrusage(RUSAGE_CHILDREN)`` (exact for
every process that was waited for, but blind to processes a server process forks, as datatrove's
forkserver does) and the sum of the last CPU time sampled for each process. psutil is not a
dependency, hence ``/proc`` by hand.

With ``--repeat N`` each tool runs N times, alternating which goes first, and the ratio is taken
between each tool's best run (the shortest wall time): on a shared machine other jobs only ever slow
a run down, so the best run is the one nearest the tool's own speed. Every run is listed, with the
machine's one-minute load average when it ended.

``--profile`` adds where newsdesk's time goes: the stages run one after the other in this process,
on the first records of the input (read, pickling to and from a worker, extraction, SQLite writer).

datatrove's WarcReader imports cchardet and python-magic. Where they are not installed, the peer
runs :class:`PlainWarcReader`, WarcReader with its record function redone without them: magic is
only asked when a record has no ``WARC-Identified-Payload-Type`` (every record here has one), and
cchardet only when a page is not UTF-8 (every page here is), where charset-normalizer stands in.
The report says which reader ran.

Usage::

    python benchmarks/ingest.py                                 # 5,000 records, both tools, 2 workers
    python benchmarks/ingest.py --records 5000 50000 --repeat 3 --json ingest.json --profile
    python benchmarks/ingest.py --records 50000 --tools newsdesk --work /tmp/ingest-bench
    python benchmarks/ingest.py --records 5000 50000 --tools newsdesk,newsdesk-ray,datatrove
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import pickle
import platform
import resource
import shlex
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

if not __package__:
    # Run as a script: make the project root importable so ``benchmarks.*`` resolves as under -m.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.machine import cpu_model
from benchmarks.make_warc import COPY_MODES, load_pages, write_warcs

try:
    from datatrove.pipeline.readers import WarcReader as DatatroveWarcReader
    from datatrove.pipeline.readers.base import BaseDiskReader
    from datatrove.pipeline.writers.disk_base import DiskWriter
except ImportError:  # The peer is optional: newsdesk alone can still be measured.
    DatatroveWarcReader = None

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "data"
TOOLS = ("newsdesk", "newsdesk-no-connect", "newsdesk-no-enrich", "newsdesk-ray", "datatrove")
#: The local newsdesk ingests and the flags each adds to the command.
NEWSDESK_FLAGS: dict[str, tuple[str, ...]] = {
    "newsdesk": (),
    "newsdesk-no-connect": ("--no-connect",),
    "newsdesk-no-enrich": ("--no-enrich", "--no-connect"),
}
#: What runs without --tools (the Ray path needs the ray extra and is asked for by name).
DEFAULT_TOOLS = ("newsdesk", "datatrove")
#: The bar for the Ray path: its pages per CPU second (start-up excluded) over the local pool's.
MIN_RAY_CPU_RATIO = 0.9

#: The bar the issue sets: newsdesk's pages per second over datatrove's.
MIN_SPEED_RATIO = 3.0
#: Seconds between two samples of the measured processes.
SAMPLE_EVERY = 0.1
#: Longest a single tool run may take before it is stopped, in seconds.
RUN_TIMEOUT = 3 * 3600
#: Records the --profile breakdown runs on, and the batch size it pickles and writes.
PROFILE_RECORDS = 1000
PROFILE_BATCH = 100
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# ------------------------------------------------------------------------------------- measurement


@dataclass(slots=True)
class Measured:
    """How one child process run went: its exit status, time, CPU and memory.

    >>> Measured(["true"], 0, 2.0, 3.5, 1 << 30, 1 << 29, 4).peak_pss_mib
    1024.0
    """

    command: list[str]
    returncode: int
    wall_s: float
    cpu_s: float
    peak_pss_bytes: int
    peak_rss_one_bytes: int
    max_processes: int
    stderr_tail: str = ""
    load_after: float = 0.0
    #: Peak of the anonymous part of PSS summed over the run's processes (heaps, Python objects): what
    #: grows when a process holds more records; the file part (a database read through a memory map,
    #: libraries) is page cache the kernel can take back, and the shared-memory part is Ray's object store.
    peak_pss_anon_bytes: int = 0
    #: The file-backed and shared-memory parts of PSS at the moment of the peak of the total.
    pss_file_at_peak_bytes: int = 0
    pss_shmem_at_peak_bytes: int = 0
    #: Peak anonymous PSS in each quarter of the run's wall time (flat memory: the last no higher than the first).
    anon_by_quarter_bytes: tuple[int, ...] = ()

    @property
    def peak_pss_mib(self) -> float:
        """Peak PSS summed over the run's processes, in MiB."""
        return self.peak_pss_bytes / 1048576

    @property
    def peak_pss_anon_mib(self) -> float:
        """Peak anonymous PSS summed over the run's processes, in MiB.

        >>> Measured(["true"], 0, 1.0, 1.0, 0, 0, 1, peak_pss_anon_bytes=3 << 20).peak_pss_anon_mib
        3.0
        """
        return self.peak_pss_anon_bytes / 1048576

    @property
    def peak_rss_one_mib(self) -> float:
        """Largest RSS of any one of the run's processes, in MiB."""
        return self.peak_rss_one_bytes / 1048576


@dataclass(slots=True)
class _ProcSample:
    cpu_s: float
    rss_bytes: int
    pss_bytes: int
    pss_anon_bytes: int = 0
    pss_file_bytes: int = 0
    pss_shmem_bytes: int = 0


#: The lines of ``smaps_rollup`` read, and the field of :class:`_ProcSample` each fills.
_ROLLUP_FIELDS = {"Pss:": "pss_bytes", "Pss_Anon:": "pss_anon_bytes", "Pss_File:": "pss_file_bytes",
                  "Pss_Shmem:": "pss_shmem_bytes"}


def _read_proc(pid: int, session: int) -> _ProcSample | None:
    """CPU and memory of ``pid`` when it belongs to ``session``; None when it does not or is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its closing one.
    fields = stat[stat.rindex(")") + 2 :].split()
    if int(fields[3]) != session:
        return None
    cpu = (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    rss = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    sample = _ProcSample(cpu, rss, rss)
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(" ")
            if name in _ROLLUP_FIELDS:
                setattr(sample, _ROLLUP_FIELDS[name], int(rest.split()[0]) * 1024)
    return sample


class _SessionSampler(threading.Thread):
    """Samples every process of one session (a measured command and all it starts) until stopped."""

    def __init__(self, session: int, every: float = SAMPLE_EVERY) -> None:
        super().__init__(daemon=True)
        self.session = session
        self.every = every
        self.stop_event = threading.Event()
        self.peak_pss = 0
        self.peak_anon = 0
        self.file_at_peak = 0
        self.shmem_at_peak = 0
        self.peak_rss_one = 0
        self.max_processes = 0
        self.cpu_by_pid: dict[int, float] = {}
        self.started = time.perf_counter()
        #: (seconds since start, anonymous PSS) of every sample, for the per-quarter peaks.
        self.anon_series: list[tuple[float, int]] = []

    def run(self) -> None:
        while not self.stop_event.is_set():
            self.sample()
            self.stop_event.wait(self.every)

    def sample(self) -> None:
        total = _ProcSample(0.0, 0, 0)
        count = 0
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            sample = _read_proc(int(name), self.session)
            if sample is None:
                continue
            count += 1
            total.pss_bytes += sample.pss_bytes
            total.pss_anon_bytes += sample.pss_anon_bytes
            total.pss_file_bytes += sample.pss_file_bytes
            total.pss_shmem_bytes += sample.pss_shmem_bytes
            self.peak_rss_one = max(self.peak_rss_one, sample.rss_bytes)
            self.cpu_by_pid[int(name)] = sample.cpu_s
        if total.pss_bytes > self.peak_pss:
            self.peak_pss = total.pss_bytes
            self.file_at_peak, self.shmem_at_peak = total.pss_file_bytes, total.pss_shmem_bytes
        self.peak_anon = max(self.peak_anon, total.pss_anon_bytes)
        self.anon_series.append((time.perf_counter() - self.started, total.pss_anon_bytes))
        self.max_processes = max(self.max_processes, count)

    def anon_by_quarter(self) -> tuple[int, ...]:
        """The peak anonymous PSS of each quarter of the sampled time."""
        if not self.anon_series:
            return ()
        end = self.anon_series[-1][0] or 1.0
        peaks = [0, 0, 0, 0]
        for at, anon in self.anon_series:
            quarter = min(3, int(4 * at / end))
            peaks[quarter] = max(peaks[quarter], anon)
        return tuple(peaks)


def measure(command: Sequence[str], *, stderr_path: Path, timeout: float = RUN_TIMEOUT,
            env: dict[str, str] | None = None, sample_every: float = SAMPLE_EVERY) -> Measured:
    """Run ``command`` in a new session and measure it and every process it starts.

    Memory is sampled every ``sample_every`` seconds (each sample reads every process's ``/proc`` entry:
    a long run on a busy machine can sample less often).

    >>> m = measure([sys.executable, "-c", "print('hi')"], stderr_path=Path(tempfile.mkdtemp()) / "err")
    >>> m.returncode, m.wall_s > 0, m.max_processes >= 0
    (0, True, True)
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen(list(command), stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True,
                                   env=env)
        sampler = _SessionSampler(process.pid, sample_every)
        sampler.start()
        try:
            returncode = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            returncode = process.wait()
        finally:
            wall = time.perf_counter() - started
            sampler.stop_event.set()
            sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    waited_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sampled_cpu = sum(sampler.cpu_by_pid.values())
    tail = stderr_path.read_text(encoding="utf-8", errors="replace")[-2000:]
    return Measured(list(command), returncode, wall, max(waited_cpu, sampled_cpu), sampler.peak_pss,
                    sampler.peak_rss_one, sampler.max_processes, tail, os.getloadavg()[0],
                    peak_pss_anon_bytes=sampler.peak_anon, pss_file_at_peak_bytes=sampler.file_at_peak,
                    pss_shmem_at_peak_bytes=sampler.shmem_at_peak, anon_by_quarter_bytes=sampler.anon_by_quarter())


# ------------------------------------------------------------------------------------------- tools


@dataclass(slots=True)
class ToolRun:
    """One tool on one input: the measurement and what the tool made of the records.

    ``pages_per_s`` is responses in the input per wall second.

    >>> run = ToolRun("newsdesk", 5000, 2, Measured(["x"], 0, 10.0, 18.0, 0, 0, 3))
    >>> run.pages_per_s, run.pages_per_cpu_s
    (500.0, 277.77777777777777)
    """

    tool: str
    records: int
    workers: int
    measured: Measured
    outcome: dict[str, Any] = field(default_factory=dict)
    variant: str = ""
    repeat: int = 1

    @property
    def pages_per_s(self) -> float:
        """Responses per wall second."""
        return self.records / self.measured.wall_s if self.measured.wall_s else 0.0

    @property
    def pages_per_cpu_s(self) -> float:
        """Responses per CPU second (all processes)."""
        return self.records / self.measured.cpu_s if self.measured.cpu_s else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with the derived rates."""
        data = asdict(self)
        data["pages_per_s"] = self.pages_per_s
        data["pages_per_cpu_s"] = self.pages_per_cpu_s
        return data


def newsdesk_command(paths: Sequence[Path], db: Path, workers: int) -> list[str]:
    """The ``newsdesk ingest`` command line, through the installed ``newsdesk`` script when there is one.

    >>> newsdesk_command([Path("a.warc.gz")], Path("x.db"), 2)[-6:]
    ['ingest', 'a.warc.gz', '--db', 'x.db', '--workers', '2']
    """
    script = Path(sys.executable).with_name("newsdesk")
    launcher = [str(script)] if script.exists() else [sys.executable, "-c",
                                                       "import sys; from newsdesk.cli import main; sys.exit(main())"]
    return [*launcher, "ingest", *map(str, paths), "--db", str(db), "--workers", str(workers)]


def run_newsdesk(paths: Sequence[Path], work: Path, records: int, workers: int, *, tool: str = "newsdesk") -> ToolRun:
    """Ingest ``paths`` into a fresh store under ``work`` as ``tool`` (a key of :data:`NEWSDESK_FLAGS`) and
    count what the store holds afterwards."""
    db = work / f"{tool}-{records}.db"
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    command = [*newsdesk_command(paths, db, workers), "--quiet", *NEWSDESK_FLAGS[tool]]
    measured = measure(command, stderr_path=work / f"{tool}-{records}.stderr")
    return ToolRun(tool, records, workers, measured, _store_outcome(db))


def _scale_command(*arguments: str) -> list[str]:
    """``python -m newsdesk.cli.scale ...``: the Ray executor's ingest and load, as a user runs them."""
    return [sys.executable, "-m", "newsdesk.cli.scale", *arguments]


def run_newsdesk_ray(paths: Sequence[Path], work: Path, records: int, workers: int) -> ToolRun:
    """The Ray path on a local cluster of ``workers`` CPUs: shard ``paths``, then load the shards.

    Three measured commands: the ingest into a fresh shard folder; the same ingest again, which
    finds every file done and so costs exactly the cluster's start-up and shutdown (subtracted
    from the first to give the figures start-up excluded); and ``load`` into a fresh store.
    The row's own wall, CPU and memory are the first command's, start-up included.
    """
    out = work / f"ray-{records}-shards"
    db = work / f"ray-{records}.db"
    if out.exists():
        _remove_tree(out)
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    ingest = _scale_command("ingest", *map(str, paths), "--out", str(out), "--num-cpus", str(workers), "--quiet")
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    measured = measure(ingest, stderr_path=work / f"ray-{records}.stderr", env=env)
    startup = measure(ingest, stderr_path=work / f"ray-{records}-startup.stderr", env=env)
    load = measure(_scale_command("load", str(out), "--db", str(db)), stderr_path=work / f"ray-{records}-load.stderr")
    work_cpu = max(measured.cpu_s - startup.cpu_s, 1e-9)
    work_wall = max(measured.wall_s - startup.wall_s, 1e-9)
    outcome = _store_outcome(db)
    outcome.update(
        startup_wall_s=round(startup.wall_s, 2), startup_cpu_s=round(startup.cpu_s, 2),
        startup_exit=startup.returncode, wall_s_excl_startup=round(work_wall, 2),
        cpu_s_excl_startup=round(work_cpu, 2), pages_per_s_excl_startup=round(records / work_wall, 1),
        pages_per_cpu_s_excl_startup=round(records / work_cpu, 1),
        shards_mib=round(sum(p.stat().st_size for p in out.glob("*.parquet")) / 1048576, 1) if out.exists() else 0,
        load_wall_s=round(load.wall_s, 2), load_cpu_s=round(load.cpu_s, 2),
        load_peak_pss_mib=round(load.peak_pss_mib), load_exit=load.returncode)
    return ToolRun("newsdesk-ray", records, workers, measured, outcome)


def _store_outcome(db: Path) -> dict[str, Any]:
    if not db.exists():
        return {}
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("articles", "duplicates", "not_articles", "quarantine", "raw_pages", "stories",
                                "article_vectors")}
        counts["indexed"] = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        counts["near_copies"] = conn.execute("SELECT count(*) FROM duplicates WHERE kind = 'near'").fetchone()[0]
    finally:
        conn.close()
    counts["db_mib"] = round(sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1048576, 1)
    return counts


def run_datatrove(folder: Path, work: Path, records: int, workers: int) -> ToolRun:
    """Run datatrove's pipeline over every .warc.gz in ``folder`` in a child process, then read its stats."""
    out = work / f"datatrove-{records}-out"
    logs = work / f"datatrove-{records}-logs"
    for old in (out, logs):
        if old.exists():
            _remove_tree(old)
    command = [sys.executable, str(Path(__file__).resolve()), "--peer-run", str(folder), "--peer-out", str(out),
               "--peer-logs", str(logs), "--workers", str(workers)]
    measured = measure(command, stderr_path=work / f"datatrove-{records}.stderr")
    outcome, variant = _datatrove_outcome(out, logs)
    return ToolRun("datatrove", records, workers, measured, outcome, variant)


def _remove_tree(path: Path) -> None:
    for child in sorted(path.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        child.rmdir() if child.is_dir() else child.unlink()
    path.rmdir()


def _datatrove_outcome(out: Path, logs: Path) -> tuple[dict[str, Any], str]:
    outcome: dict[str, Any] = {}
    written = 0
    for part in sorted(out.glob("*.jsonl.gz")):
        with gzip.open(part, "rb") as handle:
            written += sum(1 for _ in handle)
    outcome["documents_written"] = written
    variant = ""
    with contextlib.suppress(OSError, ValueError):
        variant = (logs / "stand-ins.txt").read_text(encoding="utf-8").strip()
    with contextlib.suppress(OSError, ValueError):
        for step in json.loads((logs / "stats.json").read_text(encoding="utf-8")):
            if "Trafilatura" in step.get("name", ""):
                stats = step.get("stats", {})
                for key in ("total", "extracted", "forwarded", "dropped", "timeout", "broken_process", "clean_error"):
                    value = stats.get(key)
                    if isinstance(value, dict):
                        value = value.get("total", value.get("n"))
                    if value is not None:
                        outcome[f"trafilatura_{key}"] = value
    outcome["output_mib"] = round(sum(p.stat().st_size for p in out.glob("*")) / 1048576, 1) if out.exists() else 0
    return outcome, variant


# --------------------------------------------------------------------------------- datatrove (peer)


def _plain_process_record(record: Any) -> dict[str, Any] | None:
    """datatrove 0.10.1's ``process_record``, with charset-normalizer for cchardet and no magic sniffing."""
    if record.rec_type != "response" and record.rec_type != "conversion":
        return None
    mime_type = record.rec_headers.get("WARC-Identified-Payload-Type", None)
    if mime_type is None or (
        mime_type not in ("text/html", "application/xhtml+xml")
        and (record.rec_type != "conversion" or mime_type != "text/plain")
    ):
        return None
    content_bytes = record.content_stream().read()
    try:
        html = content_bytes.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(content_bytes).best()
        if best is None or best.encoding in ("utf_8", "utf-8"):
            return None
        html = str(best)
    url = record.rec_headers.get("WARC-Target-URI", None)
    return {"text": html, "id": record.rec_headers["WARC-Record-ID"], "url": url,
            "date": record.rec_headers.get("WARC-Date", None)}


if DatatroveWarcReader is not None:

    class PlainWarcReader(BaseDiskReader):
        """datatrove's WarcReader, reading records with :func:`_plain_process_record`.

        A subclass of WarcReader would inherit its dependency check (datatrove checks the whole MRO),
        so this one stands beside it on the same base, with the same constructor and loop.
        """

        name = "🕷 Warc"

        def __init__(self, data_folder: str, compression: str | None = "infer",
                     glob_pattern: str | None = None) -> None:
            self.compression = compression
            super().__init__(data_folder, glob_pattern=glob_pattern)

        def read_file(self, filepath: str) -> Iterator[Any]:
            """Documents of one WARC file, as WarcReader.read_file gives them."""
            from warcio.archiveiterator import ArchiveIterator

            with self.data_folder.open(filepath, "rb", compression=self.compression) as handle:
                for index, record in enumerate(ArchiveIterator(handle)):
                    with self.track_time():
                        data = _plain_process_record(record)
                        if not data:
                            continue
                        document = self.get_document_from_dict(data, filepath, index)
                        if not document:
                            continue
                    yield document


    class PlainJsonlWriter(DiskWriter):
        """datatrove's JsonlWriter with the standard library's json in place of orjson (same lines out)."""

        default_output_filename: str = "${rank}.jsonl"
        name = "🐿 Jsonl"

        def __init__(self, output_folder: str, compression: str | None = "gzip") -> None:
            super().__init__(output_folder, compression=compression, mode="wb")

        def _write(self, document: dict[str, Any], file_handler: Any, _filename: str) -> None:
            from datatrove.pipeline.writers.jsonl import _json_default

            line = json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=_json_default)
            file_handler.write(line.encode("utf-8") + b"\n")


def _datatrove_steps(folder: Path, out: Path) -> tuple[list[Any], str]:
    """The reader, extractor and writer of the peer pipeline, and a note of any stand-in used."""
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.writers import JsonlWriter

    # By module name, so that the pickled pipeline finds the stand-ins in datatrove's worker processes.
    import benchmarks.ingest as this

    notes = []
    reader_class: Any = DatatroveWarcReader
    if not (_importable("cchardet") and _importable("magic")):
        reader_class = this.PlainWarcReader
        notes.append("WarcReader without cchardet and python-magic")
    writer_class: Any = JsonlWriter
    if not _importable("orjson"):
        writer_class = this.PlainJsonlWriter
        notes.append("JsonlWriter with json for orjson")
    steps = [reader_class(str(folder), glob_pattern="*.warc.gz"), Trafilatura(), writer_class(str(out))]
    return steps, "; ".join(notes)


def _importable(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def run_datatrove_pipeline(folder: Path, out: Path, logs: Path, workers: int) -> None:
    """datatrove's WarcReader -> Trafilatura -> JsonlWriter over ``folder``, ``workers`` tasks at once."""
    from datatrove.executor import LocalPipelineExecutor

    if DatatroveWarcReader is None:
        raise SystemExit("datatrove is not installed: pip install -e '.[bench]'")
    steps, notes = _datatrove_steps(folder, out)
    logs.mkdir(parents=True, exist_ok=True)
    (logs / "stand-ins.txt").write_text(notes + "\n", encoding="utf-8")
    LocalPipelineExecutor(pipeline=steps, tasks=workers, workers=workers, logging_dir=str(logs)).run()


# --------------------------------------------------------------------------------- profile (newsdesk)


def profile_newsdesk(path: Path, records: int = PROFILE_RECORDS, batch_size: int = PROFILE_BATCH) -> dict[str, Any]:
    """CPU seconds per 1,000 pages of each newsdesk stage, run one after the other in this process.

    Stages: ``read`` (fastwarc to RawPages), ``pickle_to_worker`` (a batch of pages pickled and
    unpickled, as the pool sends it), ``extract`` (:func:`newsdesk.pipeline.to_outcomes` without
    connect: extraction and enrichment), ``connect`` (the batch's connect features,
    :func:`newsdesk.connect.stage.connect_features`, the rest of what a worker does), ``pickle_from_worker``
    (the outcomes back), ``write`` (:meth:`Store.write_batch` into a fresh SQLite file, copies, vectors
    and stories included). ``main_process`` sums what the ingesting process itself does (read, both pickling
    halves on its side, write); ``workers`` what the extraction processes do.
    """
    from newsdesk.connect.stage import connect_features
    from newsdesk.ingest.warc import read_warc
    from newsdesk.pipeline import batched, to_outcomes
    from newsdesk.store import ArticleOutcome, open_store

    timings: dict[str, float] = {}

    def timed(name: str, started: float) -> None:
        timings[name] = timings.get(name, 0.0) + time.process_time() - started

    started = time.process_time()
    items = list(islice(read_warc(path), records))
    timed("read", started)
    batches = list(batched(items, batch_size))
    started = time.process_time()
    sent = [pickle.dumps(batch, pickle.HIGHEST_PROTOCOL) for batch in batches]
    timed("pickle_to_worker_dump", started)
    started = time.process_time()
    for blob in sent:
        pickle.loads(blob)
    timed("pickle_to_worker_load", started)
    started = time.process_time()
    outcomes = [to_outcomes(batch, connect=False) for batch in batches]
    timed("extract", started)
    started = time.process_time()
    for batch in outcomes:
        articles = [o for o in batch if isinstance(o, ArticleOutcome)]
        for outcome, features in zip(articles, connect_features([o.article for o in articles]), strict=True):
            outcome.connect = features
    timed("connect", started)
    started = time.process_time()
    returned = [pickle.dumps(batch, pickle.HIGHEST_PROTOCOL) for batch in outcomes]
    timed("pickle_from_worker_dump", started)
    started = time.process_time()
    for blob in returned:
        pickle.loads(blob)
    timed("pickle_from_worker_load", started)
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "profile.db") as store:
        run_id = store.start_run("profile")
        started = time.process_time()
        for batch in outcomes:
            store.write_batch(batch, run_id=run_id)
        timed("write", started)
    count = len(items)
    per_thousand = {name: round(seconds * 1000 / count, 3) for name, seconds in timings.items()}
    main = ("read", "pickle_to_worker_dump", "pickle_from_worker_load", "write")
    worker = ("pickle_to_worker_load", "extract", "connect", "pickle_from_worker_dump")
    return {
        "records": count,
        "batch_size": batch_size,
        "cpu_s_per_1000_pages": per_thousand,
        "main_process": round(sum(per_thousand[name] for name in main), 3),
        "workers": round(sum(per_thousand[name] for name in worker), 3),
        "mib_to_workers_per_1000": round(sum(map(len, sent)) * 1000 / count / 1048576, 1),
        "mib_from_workers_per_1000": round(sum(map(len, returned)) * 1000 / count / 1048576, 1),
    }


# ------------------------------------------------------------------------------------------ report


def environment(argv: Sequence[str]) -> dict[str, Any]:
    """Machine, Python, date and versions, for the report.

    >>> sorted(environment(["benchmarks/ingest.py"]))[:3]
    ['command', 'cpu', 'date']
    """
    versions: dict[str, str] = {}
    for package in ("newsdesk", "datatrove", "trafilatura", "fastwarc", "warcio"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[package] = version(package)
    return {
        "command": shlex.join(["python", "benchmarks/ingest.py", *argv[1:]]),
        "cpu": cpu_model(),
        "logical_cpus": os.cpu_count() or 0,
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.now().astimezone().isoformat(timespec="minutes"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "newsdesk_commit": _git_commit(),
        "versions": versions,
    }




def _git_commit() -> str | None:
    try:
        done = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=PROJECT_ROOT, capture_output=True,
                              text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def _outcome_text(run: ToolRun) -> str:
    o = run.outcome
    if run.tool == "newsdesk-ray":
        return (f"start-up {o.get('startup_wall_s', '?')} s wall, {o.get('startup_cpu_s', '?')} CPU s; without it "
                f"{o.get('pages_per_s_excl_startup', '?')} pages/s, {o.get('pages_per_cpu_s_excl_startup', '?')} "
                f"pages/CPU-s; shards {o.get('shards_mib', '?')} MiB; load {o.get('load_wall_s', '?')} s wall, "
                f"{o.get('load_cpu_s', '?')} CPU s, peak PSS {o.get('load_peak_pss_mib', '?')} MiB; then "
                f"{o.get('articles', '?')} articles, {o.get('duplicates', '?')} duplicates, "
                f"{o.get('quarantine', '?')} failed")
    if run.tool in NEWSDESK_FLAGS:
        return (f"{o.get('articles', '?')} articles ({o.get('indexed', '?')} indexed), {o.get('duplicates', '?')} "
                f"duplicates ({o.get('near_copies', '?')} near), {o.get('not_articles', '?')} not articles, "
                f"{o.get('quarantine', '?')} failed, {o.get('article_vectors', '?')} vectors, "
                f"{o.get('stories', '?')} stories; db {o.get('db_mib', '?')} MiB")
    timeouts = o.get("trafilatura_timeout", 0)
    return (f"{o.get('documents_written', '?')} documents written, {timeouts} extraction timeouts, "
            f"{o.get('trafilatura_dropped', 0)} dropped; output {o.get('output_mib', '?')} MiB")


def best_run(runs: Sequence[ToolRun], tool: str, records: int) -> ToolRun | None:
    """The fastest (shortest wall time) successful run of ``tool`` on ``records`` responses.

    >>> slow = ToolRun("newsdesk", 10, 2, Measured(["x"], 0, 4.0, 5.0, 0, 0, 3))
    >>> fast = ToolRun("newsdesk", 10, 2, Measured(["x"], 0, 2.0, 5.0, 0, 0, 3))
    >>> best_run([slow, fast], "newsdesk", 10) is fast
    True
    """
    done = [r for r in runs if r.tool == tool and r.records == records and r.measured.returncode == 0]
    return min(done, key=lambda r: r.measured.wall_s) if done else None


def speed_ratio(runs: Sequence[ToolRun], records: int) -> float | None:
    """newsdesk's pages per wall second over datatrove's, best run of each; None without both.

    >>> runs = [ToolRun("newsdesk", 10, 2, Measured(["x"], 0, 1.0, 1.0, 0, 0, 3)),
    ...         ToolRun("datatrove", 10, 2, Measured(["x"], 0, 4.0, 4.0, 0, 0, 3))]
    >>> speed_ratio(runs, 10)
    4.0
    """
    ours, peer = best_run(runs, "newsdesk", records), best_run(runs, "datatrove", records)
    if ours is None or peer is None or not peer.pages_per_s:
        return None
    return ours.pages_per_s / peer.pages_per_s


def stage_costs(runs: Sequence[ToolRun]) -> list[str]:
    """One line per input size comparing the local ingests: with connect, without it, extraction only.

    >>> runs = [ToolRun("newsdesk", 100, 2, Measured(["x"], 0, 4.0, 6.0, 0, 0, 3)),
    ...         ToolRun("newsdesk-no-enrich", 100, 2, Measured(["x"], 0, 1.0, 1.5, 0, 0, 3))]
    >>> for part in stage_costs(runs)[0].split("; "):
    ...     print(part)
    - 100 records, best run of each: newsdesk 25.0 pages/s, 60.0 CPU ms/page
    newsdesk-no-enrich 100.0 pages/s, 15.0 CPU ms/page.
    """
    lines = []
    for records in sorted({run.records for run in runs}):
        found = [(tool, run) for tool in NEWSDESK_FLAGS if (run := best_run(runs, tool, records)) is not None]
        if len(found) > 1:
            lines.append(f"- {records:,} records, best run of each: " + "; ".join(
                f"{tool} {run.pages_per_s:.1f} pages/s, {1000 * run.measured.cpu_s / records:.1f} CPU ms/page"
                for tool, run in found) + ".")
    return lines


def render_markdown(env: dict[str, Any], runs: Sequence[ToolRun], profile: dict[str, Any] | None,
                    build_s: dict[int, float]) -> str:
    """The report as Markdown: setup, one table row per run, ratios, and the profile when asked."""
    lines = [
        f"Run of {env['date']}: `{env['command']}`",
        f"Machine: {env['cpu']}, {env['logical_cpus']} logical CPUs, {env['memory_gib']} GiB; Python {env['python']}; "
        f"load average at start {env['load_average_at_start']}; newsdesk {env['newsdesk_commit']}; "
        + ", ".join(f"{k} {v}" for k, v in env["versions"].items() if k != "newsdesk"),
        "",
        "| tool | records | run | wall s | pages/s | CPU s | pages/CPU-s | peak PSS, all processes (MiB) "
        "| peak RSS, one process (MiB) | processes | load after | exit | outcome |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        m = run.measured
        name = run.tool + (f" ({run.variant})" if run.variant else "")
        lines.append(f"| {name} | {run.records:,} | {run.repeat} | {m.wall_s:.1f} | {run.pages_per_s:.1f} | "
                     f"{m.cpu_s:.1f} | {run.pages_per_cpu_s:.1f} | {m.peak_pss_mib:.0f} | {m.peak_rss_one_mib:.0f} | "
                     f"{m.max_processes} | {m.load_after:.1f} | {m.returncode} | {_outcome_text(run)} |")
    lines.append("")
    workers = runs[0].workers if runs else 0
    lines.insert(3, f"Workers: {workers} (newsdesk extraction processes; datatrove tasks and workers).")
    lines.insert(4, "")
    for records in sorted({run.records for run in runs}):
        ours, peer = best_run(runs, "newsdesk", records), best_run(runs, "datatrove", records)
        if ours and peer and peer.pages_per_s:
            ratio = speed_ratio(runs, records) or 0.0
            verdict = "meets" if ratio >= MIN_SPEED_RATIO else "misses"
            lines.append(f"- {records:,} records, best run of each: newsdesk {ratio:.2f}x datatrove's pages/s (wall); "
                         f"{ours.pages_per_cpu_s / max(peer.pages_per_cpu_s, 1e-9):.2f}x per CPU second; "
                         f"{verdict} the {MIN_SPEED_RATIO:.0f}x bar.")
    for records in sorted({run.records for run in runs}):
        ours, ray = best_run(runs, "newsdesk", records), best_run(runs, "newsdesk-ray", records)
        if ours and ray and ours.pages_per_cpu_s:
            ratio = ray.outcome.get("pages_per_cpu_s_excl_startup", 0.0) / ours.pages_per_cpu_s
            verdict = "meets" if ratio >= MIN_RAY_CPU_RATIO else "misses"
            lines.append(f"- {records:,} records: the Ray path, start-up excluded, reaches {ratio:.2f}x the local "
                         f"pool's pages per CPU second ({verdict} the {MIN_RAY_CPU_RATIO}x bar); its start-up and "
                         f"shutdown cost {ray.outcome.get('startup_wall_s', '?')} s wall and "
                         f"{ray.outcome.get('startup_cpu_s', '?')} CPU s; with them, "
                         f"{ray.pages_per_cpu_s / ours.pages_per_cpu_s:.2f}x.")
    lines += stage_costs(runs)
    ray_sizes = sorted({r.records for r in runs if r.tool == "newsdesk-ray" and r.measured.returncode == 0})
    # Every size here has a successful run, so each has a best one.
    ray_best = [(n, best) for n in ray_sizes if (best := best_run(runs, "newsdesk-ray", n)) is not None]
    if len(ray_best) > 1:
        lines.append("- newsdesk-ray peak PSS by input size (all its processes, Ray's included): "
                     + ", ".join(f"{n:,} records {best.measured.peak_pss_mib:.0f} MiB" for n, best in ray_best) + ".")
    sizes = sorted({r.records for r in runs if r.tool == "newsdesk"})
    peaks = [(n, max(r.measured.peak_pss_mib for r in runs
                     if r.tool == "newsdesk" and r.records == n and r.measured.returncode == 0)) for n in sizes
             if best_run(runs, "newsdesk", n) is not None]
    if len(peaks) > 1:
        lines.append("- newsdesk peak PSS (highest of its runs) by input size: "
                     + ", ".join(f"{n:,} records {mib:.0f} MiB" for n, mib in peaks) + ".")
    failed = [r for r in runs if r.measured.returncode != 0]
    if failed:
        lines.append("- Runs that failed (left out of the figures above): "
                     + ", ".join(f"{r.tool} {r.records:,} run {r.repeat} (exit {r.measured.returncode})"
                                 for r in failed) + ".")
    if build_s:
        lines.append("- Building the input (not timed above): "
                     + ", ".join(f"{n:,} records {s:.0f} s" for n, s in sorted(build_s.items())) + ".")
    if profile:
        stages = profile["cpu_s_per_1000_pages"]
        lines += [
            "",
            f"newsdesk, CPU seconds per 1,000 pages by stage (first {profile['records']} records, in one process, "
            f"batches of {profile['batch_size']}):",
            "",
            "| stage | CPU s / 1,000 pages | runs in |",
            "|---|---:|---|",
        ]
        where = {"read": "main", "pickle_to_worker_dump": "main", "pickle_to_worker_load": "worker",
                 "extract": "worker", "connect": "worker", "pickle_from_worker_dump": "worker",
                 "pickle_from_worker_load": "main", "write": "main"}
        for stage, seconds in stages.items():
            lines.append(f"| {stage} | {seconds:.3f} | {where.get(stage, '')} |")
        lines.append(f"| main process total | {profile['main_process']:.3f} | |")
        lines.append(f"| worker total | {profile['workers']:.3f} | |")
        lines.append("")
        lines.append(f"Pickled: {profile['mib_to_workers_per_1000']} MiB to workers and "
                     f"{profile['mib_from_workers_per_1000']} MiB back per 1,000 pages.")
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------------------------------- main


def _input_files(pages_dir: Path, work: Path, records: int, workers: int, mode: str,
                 build_s: dict[int, float]) -> tuple[Path, list[Path]]:
    """The W input files for ``records`` responses, built once and reused from ``work`` when present."""
    folder = work / f"warc-{mode}-{records}-x{workers}"
    manifest = folder / "manifest.json"
    wanted = {"records": records, "files": workers, "mode": mode}
    if manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")) == wanted:
        return folder, sorted(folder.glob("*.warc.gz"))
    if folder.exists():
        _remove_tree(folder)
    started = time.perf_counter()
    paths = write_warcs(load_pages(pages_dir), folder, records, workers, mode=mode)
    build_s[records] = time.perf_counter() - started
    manifest.write_text(json.dumps(wanted), encoding="utf-8")
    return folder, paths


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line.

    >>> parse_args(["--records", "5000", "50000"]).records
    [5000, 50000]
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--records", type=int, nargs="+", default=[5000], help="input sizes, in responses")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes / datatrove tasks")
    parser.add_argument("--tools", default=",".join(DEFAULT_TOOLS),
                        help="comma-separated: newsdesk,newsdesk-ray,datatrove (default newsdesk,datatrove)")
    parser.add_argument("--peer-max-records", type=int, default=5000,
                        help="run datatrove only on inputs up to this size (it is the slow one)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each tool this many times, alternating which goes first; the best run counts")
    parser.add_argument("--copies", choices=COPY_MODES, default="distinct", help="how repeated pages differ")
    parser.add_argument("--work", type=Path, help="keep inputs and outputs here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--profile", action="store_true", help="add newsdesk's per-stage CPU breakdown")
    parser.add_argument("--check", action="store_true", help=f"exit 1 unless newsdesk is {MIN_SPEED_RATIO:.0f}x")
    parser.add_argument("--peer-run", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--peer-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--peer-logs", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = set(tools) - set(TOOLS)
    if unknown or not tools:
        parser.error(f"--tools takes {', '.join(TOOLS)}; got {args.tools!r}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.workers < 1 or min(args.records) < args.workers:
        parser.error("--workers must be at least 1 and no more than the smallest --records")
    args.tool_list = tools
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Build the inputs, run the tools, print the Markdown report; the exit code is 1 only for --check."""
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    if args.peer_run is not None:
        run_datatrove_pipeline(args.peer_run, args.peer_out, args.peer_logs, args.workers)
        return 0
    env = environment(argv)
    runs: list[ToolRun] = []
    build_s: dict[int, float] = {}
    profile: dict[str, Any] | None = None
    with contextlib.ExitStack() as stack:
        work = args.work or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="newsdesk-ingest-bench-")))
        work.mkdir(parents=True, exist_ok=True)
        for records in args.records:
            folder, paths = _input_files(args.data, work, records, args.workers, args.copies, build_s)
            tools = [t for t in args.tool_list if t != "datatrove" or records <= args.peer_max_records]
            for repeat in range(args.repeat):
                # Alternate which tool goes first, so that a change in the machine's load over the
                # run falls on both alike.
                for tool in tools if repeat % 2 == 0 else tools[::-1]:
                    if tool in NEWSDESK_FLAGS:
                        run = run_newsdesk(paths, work, records, args.workers, tool=tool)
                    elif tool == "newsdesk-ray":
                        run = run_newsdesk_ray(paths, work, records, args.workers)
                    else:
                        run = run_datatrove(folder, work, records, args.workers)
                    run.repeat = repeat + 1
                    runs.append(run)
                    print(f"{tool}, {records} records, run {repeat + 1}: {run.measured.wall_s:.1f} s",
                          file=sys.stderr)
            if args.profile and profile is None:
                profile = profile_newsdesk(paths[0])
    report = render_markdown(env, runs, profile, build_s)
    print(report)
    if args.json is not None:
        payload = {"environment": env, "copies": args.copies, "runs": [r.to_dict() for r in runs],
                   "profile": profile, "build_s": build_s}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    failed = [r for r in runs if r.measured.returncode not in (0,)]
    for run in failed:
        print(f"{run.tool} exited {run.measured.returncode}:\n{run.measured.stderr_tail}", file=sys.stderr)
    if args.check:
        found = [speed_ratio(runs, n) for n in sorted({r.records for r in runs})]
        ratios = [r for r in found if r is not None]
        return 0 if ratios and min(ratios) >= MIN_SPEED_RATIO and not failed else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Scale memory: does the Ray path's memory stay flat as the crawl grows? Local pool and Ray, same inputs.

For each ``--records`` size, on the same .warc.gz files (built by ``benchmarks/ingest.py``'s input
builder from ``../shared/data``, never in the repository), three commands are measured with
``benchmarks/ingest.py``'s :func:`~benchmarks.ingest.measure` (wall, CPU of every process, peak PSS
summed over the run's processes, the largest RSS of one process):

* ``local``: ``newsdesk ingest FILES --db fresh.db --workers W`` (the local pool and its one writer);
* ``ray``: ``python -m newsdesk.cli.scale ingest FILES --out SHARDS --num-cpus W`` on a local cluster it
  starts; then the same command again over the finished shards, which skips every file and so costs
  the cluster's start-up and shutdown (reported, and subtracted for "start-up excluded");
* ``load``: ``python -m newsdesk.cli.scale load SHARDS --db fresh.db`` (the one writer).

Every command gets the same stage switches: by default ``--no-enrich --no-connect`` (extraction only),
because with statistical NER a page costs about half a CPU second and a 50,000-record run does not fit
a shared two-core machine; ``--stages all`` runs every stage. ``benchmarks/ingest.py`` has no such
switch for its Ray tool, hence this driver.

``--tests PATH`` measures a pytest run of ``PATH`` instead (the CI bar of the Ray test module: under
60 s and 2 GB) and lists any Ray process left afterwards.

Usage::

    nice -n 19 python benchmarks/scale_memory.py --records 5000 20000
    python benchmarks/scale_memory.py --tests tests/scale/test_ray_executor.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks.ingest import DEFAULT_DATA, Measured, _input_files, measure, newsdesk_command  # noqa: E402

#: The stage switches of ``--stages extract`` (the default) for ingest, local and Ray alike.
EXTRACT_ONLY = ("--no-enrich", "--no-connect")
#: Seconds between memory samples: a long run on a busy machine needs no more, and each sample reads /proc.
SAMPLE_EVERY = 0.25
#: What one input size runs, in this order (``--steps`` picks some).
STEPS = ("local", "ray", "startup", "load")
#: Names of the processes a Ray cluster runs (to find any left behind).
RAY_PROCESS_MARKS = ("raylet", "gcs_server", "ray::", "default_worker.py", "dashboard", "log_monitor")


@dataclass(slots=True)
class Row:
    """One measured command of one input size.

    >>> Row(5000, "local", Measured(["x"], 0, 10.0, 20.0, 300 << 20, 100 << 20, 3)).pages_per_cpu_s
    250.0
    """

    records: int
    step: str
    measured: Measured

    @property
    def pages_per_cpu_s(self) -> float:
        """Input records per CPU second of the command."""
        return self.records / self.measured.cpu_s if self.measured.cpu_s else 0.0


def _scale(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "newsdesk.cli.scale", *arguments]


def _fresh(db: Path) -> None:
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)


def run_size(paths: Sequence[Path], work: Path, records: int, workers: int, stages: Sequence[str], *,
             steps: Sequence[str] = STEPS, sample_every: float = SAMPLE_EVERY) -> list[Row]:
    """The ``steps`` of one input size, in this order: the local ingest, the Ray ingest, its start-up alone
    (the Ray command again over done shards), the load. ``load`` alone loads the shards an earlier ``ray`` left."""
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    timed = partial(measure, env=env, sample_every=sample_every)
    local_db, ray_db, shards = work / f"local-{records}.db", work / f"ray-{records}.db", work / f"shards-{records}"
    rows = []
    if "local" in steps:
        _fresh(local_db)
        rows.append(Row(records, "local", timed([*newsdesk_command(paths, local_db, workers), "--quiet", *stages],
                                                stderr_path=work / f"local-{records}.err")))
    ingest = _scale("ingest", *map(str, paths), "--out", str(shards), "--num-cpus", str(workers), "--quiet", *stages)
    if "ray" in steps:
        subprocess.run(["rm", "-rf", str(shards)], check=True)
        rows.append(Row(records, "ray", timed(ingest, stderr_path=work / f"ray-{records}.err")))
    if "startup" in steps:
        rows.append(Row(records, "ray start-up", timed(ingest, stderr_path=work / f"startup-{records}.err")))
    if "load" in steps:
        _fresh(ray_db)
        rows.append(Row(records, "load", timed(_scale("load", str(shards), "--db", str(ray_db), "--quiet"),
                                               stderr_path=work / f"load-{records}.err")))
    return rows


def _mib(value: int) -> str:
    return f"{value / 1048576:.0f}"


def markdown(rows: Sequence[Row]) -> str:
    """The table (peak PSS, and at that peak its file-backed and shared-memory parts; the peak of the
    anonymous part, whole and per quarter of the run), the Ray rows start-up excluded, and each step's
    peaks at its largest size against its smallest.

    >>> m = Measured(["x"], 0, 1.0, 2.0, 3 << 20, 1 << 20, 1, "", 1.5, 2 << 20, 1 << 20, 0, (1 << 20, 2 << 20))
    >>> table = markdown([Row(10, "local", m)]).splitlines()
    >>> table[0].split(" | ")[6:10]
    ['peak PSS MiB', 'file · shm at peak', 'peak anon PSS MiB', 'anon by quarter']
    >>> print(table[2])
    | 10 | local | 0 | 1.0 | 2.0 | 5 | 3 | 1 · 0 | 2 | 1 · 2 | 1 | 1 | 1.50 |
    """
    lines = ["| records | command | exit | wall s | CPU s | pages/CPU-s | peak PSS MiB | file · shm at peak "
             "| peak anon PSS MiB | anon by quarter | largest RSS MiB | procs | load |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|"]
    for row in rows:
        m = row.measured
        quarters = " · ".join(_mib(q) for q in m.anon_by_quarter_bytes)
        lines.append(f"| {row.records:,} | {row.step} | {m.returncode} | {m.wall_s:.1f} | {m.cpu_s:.1f} | "
                     f"{row.pages_per_cpu_s:.0f} | {m.peak_pss_mib:.0f} | {_mib(m.pss_file_at_peak_bytes)} · "
                     f"{_mib(m.pss_shmem_at_peak_bytes)} | {m.peak_pss_anon_mib:.0f} | {quarters} | "
                     f"{m.peak_rss_one_mib:.0f} | {m.max_processes} | {m.load_after:.2f} |")
    by_size: dict[int, dict[str, Measured]] = {}
    for row in rows:
        by_size.setdefault(row.records, {})[row.step] = row.measured
    for records, steps in sorted(by_size.items()):
        if {"ray", "ray start-up", "local"} <= steps.keys():
            cpu = max(steps["ray"].cpu_s - steps["ray start-up"].cpu_s, 1e-9)
            ratio = (records / cpu) / (records / steps["local"].cpu_s)
            lines.append(f"\n{records:,} records, Ray start-up excluded: {records / cpu:.0f} pages/CPU-s, "
                         f"{ratio:.2f}x the local pool's")
    lines.extend(growth(rows))
    return "\n".join(lines)


def growth(rows: Sequence[Row]) -> list[str]:
    """For each step measured at two sizes or more: its peak PSS and anonymous PSS at the largest size over the
    smallest (flat: within 10-15%).

    >>> small = Row(10, "load", Measured(["x"], 0, 1.0, 1.0, 100 << 20, 0, 1, peak_pss_anon_bytes=50 << 20))
    >>> large = Row(100, "load", Measured(["x"], 0, 1.0, 1.0, 110 << 20, 0, 1, peak_pss_anon_bytes=50 << 20))
    >>> growth([small, large])
    ['load, 10 -> 100 records: peak PSS 100 -> 110 MiB (1.10x), peak anon PSS 50 -> 50 MiB (1.00x)']
    """
    lines = []
    for step in dict.fromkeys(row.step for row in rows):
        measured = sorted((row.records, row.measured) for row in rows
                          if row.step == step and not row.measured.returncode)
        if len(measured) < 2:
            continue
        (n0, first), (n1, last) = measured[0], measured[-1]
        lines.append(f"{step}, {n0:,} -> {n1:,} records: peak PSS {first.peak_pss_mib:.0f} -> {last.peak_pss_mib:.0f} "
                     f"MiB ({last.peak_pss_bytes / max(first.peak_pss_bytes, 1):.2f}x), peak anon PSS "
                     f"{first.peak_pss_anon_mib:.0f} -> {last.peak_pss_anon_mib:.0f} MiB "
                     f"({last.peak_pss_anon_bytes / max(first.peak_pss_anon_bytes, 1):.2f}x)")
    return lines


def ray_leftovers() -> list[str]:
    """Command lines of Ray processes running now (any user's; the report says whose they are).

    >>> isinstance(ray_leftovers(), list)
    True
    """
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        if any(mark in command for mark in RAY_PROCESS_MARKS):
            found.append(f"{entry.name} {command[:120]}")
    return found


def run_tests(path: str, work: Path) -> str:
    """Measure ``pytest path``; the line to report, and any Ray process left afterwards."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    m = measure([sys.executable, "-m", "pytest", path, "-q", "-p", "no:cacheprovider"],
                stderr_path=work / "pytest.err", env=env)
    left = ray_leftovers()
    return (f"pytest {path}: exit {m.returncode} · wall {m.wall_s:.1f} s · CPU {m.cpu_s:.1f} s · peak PSS "
            f"{m.peak_pss_mib:.0f} MiB · largest RSS {m.peak_rss_one_mib:.0f} MiB · {m.max_processes} processes · "
            f"load {m.load_after:.2f} · Ray processes left: {left or 'none'}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run what the command line asks and print the Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--records", type=int, nargs="+", default=[5000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--stages", choices=("extract", "all"), default="extract")
    parser.add_argument("--work", type=Path, help="keep inputs and outputs here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the measurements as JSON")
    parser.add_argument("--tests", metavar="PATH", help="measure a pytest run of PATH instead")
    parser.add_argument("--ray-only", action="store_true", help="leave out the local ingest (a busy machine)")
    parser.add_argument("--sample-every", type=float, default=SAMPLE_EVERY, help="seconds between memory samples")
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS),
                        help="what to run at each size (default all; load alone loads an earlier run's shards)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="newsdesk-scale-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · load before {os.getloadavg()[0]:.2f} · {os.cpu_count()} CPUs")
    if args.tests:
        print(run_tests(args.tests, work))
        return 0
    stages = EXTRACT_ONLY if args.stages == "extract" else ()
    rows: list[Row] = []
    for records in args.records:
        _, paths = _input_files(args.data, work, records, args.workers, "distinct", {})
        steps = [step for step in args.steps if not (args.ray_only and step == "local")]
        rows.extend(run_size(paths, work, records, args.workers, stages, steps=steps,
                             sample_every=args.sample_every))
        print(markdown([r for r in rows if r.records == records]), flush=True)
    print(markdown(rows))
    print(f"Ray processes left: {ray_leftovers() or 'none'}")
    if args.json:
        args.json.write_text(json.dumps([{"records": r.records, "step": r.step, "wall_s": r.measured.wall_s,
                                          "cpu_s": r.measured.cpu_s, "peak_pss_mib": r.measured.peak_pss_mib,
                                          "peak_pss_anon_mib": r.measured.peak_pss_anon_mib,
                                          "pss_file_at_peak_mib": r.measured.pss_file_at_peak_bytes / 1048576,
                                          "pss_shmem_at_peak_mib": r.measured.pss_shmem_at_peak_bytes / 1048576,
                                          "anon_by_quarter_mib": [q / 1048576
                                                                  for q in r.measured.anon_by_quarter_bytes],
                                          "returncode": r.measured.returncode, "load": r.measured.load_after}
                                         for r in rows], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

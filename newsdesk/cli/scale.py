"""``newsdesk ingest --executor ray`` and ``newsdesk load``: the crawl on a Ray cluster, then into the store.

``cli/ingest.py`` hands its arguments to :func:`run_ray_ingest` when ``--executor ray`` is given
(:func:`add_ray_options` adds the options it reads); :func:`add_parsers` registers ``load``.
``python -m newsdesk.cli.scale`` offers both on their own.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from typing import Protocol

from newsdesk.cli.common import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, add_db_option, say
from newsdesk.connect.embeddings import DEFAULT_MODEL, MODELS
from newsdesk.pipeline import DEFAULT_BATCH_SIZE
from newsdesk.scale import DEFAULT_MAX_RETRIES, DEFAULT_TASK_TIMEOUT

#: Seconds between progress lines when standard error is not a terminal (logs, CI).
LOG_EVERY_SECONDS = 10.0

_NO_RAY = "newsdesk: the Ray executor needs Ray: pip install 'newsdesk[ray]'"


def add_ray_options(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``ingest --executor ray`` (``--executor`` itself included).

    >>> parser = argparse.ArgumentParser()
    >>> add_ray_options(parser)
    >>> args = parser.parse_args(["--executor", "ray", "--out", "shards"])
    >>> args.executor, args.out, args.address, args.max_retries
    ('ray', 'shards', None, 3)
    """
    group = parser.add_argument_group("Ray executor (--executor ray)")
    group.add_argument("--executor", choices=("local", "ray"), default="local",
                       help="local: worker processes writing the store; ray: one Ray task per input file writing "
                            "Parquet shards to --out (then `newsdesk load`)")
    group.add_argument("--address", help="Ray cluster to join: auto or HOST:PORT (default: start a local one that "
                                         "listens on loopback only)")
    group.add_argument("--out", metavar="SHARDS_DIR", help="folder of the shards (required with --executor ray)")
    group.add_argument("--num-cpus", type=int, help="CPUs of the local cluster newsdesk starts (default: every core)")
    group.add_argument("--max-retries", type=int, default=DEFAULT_MAX_RETRIES,
                       help=f"reruns of a task whose worker died (default {DEFAULT_MAX_RETRIES})")
    group.add_argument("--task-timeout", type=float, default=DEFAULT_TASK_TIMEOUT,
                       help=f"seconds one file's task may run (default {DEFAULT_TASK_TIMEOUT:g})")


class _Reporting(Protocol):
    """What a progress line is read from: a Ray run's report or a load's."""

    def progress(self) -> str: ...


class _Progress:
    """A report's live line (``report.progress()``): rewritten in place on a terminal, every
    :data:`LOG_EVERY_SECONDS` elsewhere. ``label`` names the command (``ray`` files done / total, ``load`` shards).
    """

    def __init__(self, quiet: bool, label: str = "ray") -> None:
        self.quiet = quiet
        self.label = label
        self.tty = sys.stderr.isatty()
        self.last = time.monotonic()

    def update(self, report: _Reporting) -> None:
        if self.quiet:
            return
        line = f"newsdesk: {self.label}: {report.progress()}"
        if self.tty:
            print(f"\r{line}\x1b[K", end="", file=sys.stderr, flush=True)
        elif time.monotonic() - self.last >= LOG_EVERY_SECONDS:
            self.last = time.monotonic()
            say(line)

    def close(self) -> None:
        if self.tty and not self.quiet:
            print(file=sys.stderr, flush=True)


def run_ray_ingest(args: argparse.Namespace) -> int:
    """Shard every source on Ray (``args``: sources, out, address, batch_size, max_retries, task_timeout, quiet,
    and ingest's stage switches no_enrich and no_connect, which the tasks honour as a local run does)."""
    if not getattr(args, "out", None):
        say("newsdesk: --executor ray writes shards: give their folder with --out SHARDS_DIR")
        return EXIT_USAGE
    try:
        from newsdesk.scale.ray_executor import run_on_ray
    except ImportError:
        say(_NO_RAY)
        return EXIT_USAGE
    from newsdesk.cli.ingest import stop_on_sigterm
    from newsdesk.connect.stage import embedding_unavailable

    stop_on_sigterm()
    connect = not getattr(args, "no_connect", False)
    # No store here: the shards carry each vector's model, and `newsdesk load` refuses a store of another model's.
    model = getattr(args, "embedding_model", None) or DEFAULT_MODEL
    if connect and (missing := embedding_unavailable(model)) is not None:
        # Said once, as a local ingest says it (the nodes are expected to share the driver's environment).
        say(f"newsdesk: note: {missing}")
    progress = _Progress(getattr(args, "quiet", False))
    try:
        report = run_on_ray(args.sources, args.out, address=getattr(args, "address", None),
                            num_cpus=getattr(args, "num_cpus", None),
                            batch_size=getattr(args, "batch_size", DEFAULT_BATCH_SIZE),
                            max_retries=getattr(args, "max_retries", DEFAULT_MAX_RETRIES),
                            task_timeout=getattr(args, "task_timeout", DEFAULT_TASK_TIMEOUT),
                            enrich=not getattr(args, "no_enrich", False),
                            connect=connect, model=model, progress=progress.update)
    except ImportError:
        say(_NO_RAY)
        return EXIT_USAGE
    finally:
        progress.close()
    if report.skipped:
        say(f"newsdesk: skipped {report.skipped} done")
    for name, reason in report.failed.items():
        say(f"newsdesk: {name}: task failed ({reason}); run the same command again to retry it")
    say(f"newsdesk: {'interrupted: ' if report.interrupted else ''}{report.summary()}")
    say(f"newsdesk: ray: start-up {report.startup_s:.1f} s · run {report.run_s:.1f} s · "
        f"task CPU {sum(f.cpu_s for f in report.files):.1f} s · load with: newsdesk load {args.out}")
    return EXIT_INTERRUPTED if report.interrupted else report.exit_code


def run_load(args: argparse.Namespace) -> int:
    """Load every complete shard of ``args.shards_dir`` into the store (``args.db``)."""
    from newsdesk.cli.ingest import stop_on_sigterm
    from newsdesk.scale.load import load_shards
    from newsdesk.store import open_store

    stop_on_sigterm()
    progress = _Progress(getattr(args, "quiet", False), "load")
    try:
        with open_store(args.db) as store:
            report = load_shards(args.shards_dir, store, batch_size=args.batch_size, progress=progress.update)
    finally:
        progress.close()
    say(f"newsdesk: load: {report.summary()}")
    return report.exit_code if report.shards else EXIT_OK


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Register ``load`` on the command's subparsers."""
    parser = commands.add_parser(
        "load", help="load Parquet shards of `ingest --executor ray` into the store",
        description="Write every complete shard under SHARDS_DIR into the store through its one writer, in crawl "
                    "date, file and record order (so duplicates resolve as in a local run), then record the near "
                    "duplicates their MinHash signatures show. Loading again adds nothing. Exit code 0: no input "
                    "failed; 1: some did (see `newsdesk stats`).")
    parser.add_argument("shards_dir", metavar="SHARDS_DIR", help="folder the Ray run wrote its shards to")
    add_db_option(parser)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                        help=f"outcomes per committed batch (default {DEFAULT_BATCH_SIZE})")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress (shards done / total, pages/s, failures), only the summary")
    parser.set_defaults(handler=run_load)


def build_parser() -> argparse.ArgumentParser:
    """``python -m newsdesk.cli.scale``: ``ingest`` (always on Ray) and ``load``, before the main command has them.

    >>> args = build_parser().parse_args(["ingest", "--out", "s", "--no-enrich", "a.warc.gz"])
    >>> args.executor, args.no_enrich, args.no_connect
    ('ray', True, False)
    """
    parser = argparse.ArgumentParser(prog="python -m newsdesk.cli.scale")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ingest = commands.add_parser("ingest", help="shard sources on Ray")
    ingest.add_argument("sources", nargs="+", metavar="SOURCE")
    ingest.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    ingest.add_argument("--quiet", action="store_true")
    ingest.add_argument("--no-enrich", action="store_true", help="extraction only, as `newsdesk ingest --no-enrich`")
    ingest.add_argument("--no-connect", action="store_true",
                        help="no copy features or embeddings, as `newsdesk ingest --no-connect`")
    ingest.add_argument("--embedding-model", choices=sorted(MODELS), default=None,
                        help="the embedding model, as `newsdesk ingest --embedding-model` (default minilm)")
    add_ray_options(ingest)
    ingest.set_defaults(handler=run_ray_ingest, executor="ray")
    add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m newsdesk.cli.scale`` and return its exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())

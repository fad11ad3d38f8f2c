"""``newsdesk ingest``: read sources, extract in worker processes, keep everything in the store."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from types import FrameType

from newsdesk.cli.common import EXIT_INTERRUPTED, add_db_option, say
from newsdesk.ingest import SourceFailure
from newsdesk.ingest.files import read_path, read_stdin
from newsdesk.model import RawPage
from newsdesk.pipeline import DEFAULT_BATCH_SIZE, IngestReport, run_ingest
from newsdesk.store import Store, open_store
from newsdesk.store.base import Outlet

#: Seconds between progress lines when standard error is not a terminal (logs, CI).
LOG_EVERY_SECONDS = 10.0


def read_sources(sources: Sequence[str], kind: str | None = None, store: Store | None = None
                 ) -> Iterator[RawPage | SourceFailure]:
    """Every input named on the command line, as one stream of pages and failures.

    Files, folders and WARCs are read; URLs are fetched (a feed or a sitemap is expanded into
    its articles); a ``sources.toml`` is polled outlet by outlet. With a ``store``, URLs it
    already holds are not fetched again.

    >>> [str(item) for item in read_sources(["/nonexistent/folder"])]
    ['/nonexistent/folder: no such file or folder']
    """
    fetcher = None
    try:
        for source in sources:
            if source == "-":
                yield from read_stdin(kind=kind)
            elif "://" in source or source.lower().endswith(".toml"):
                from newsdesk.ingest.fetch import Fetcher
                from newsdesk.ingest.remote import read_outlets, read_urls

                fetcher = fetcher or Fetcher()
                is_new = new_urls_in(store)
                if "://" in source:
                    yield from read_urls([source], fetcher, is_new)
                else:
                    outlets = _load_outlets(source, store)
                    if isinstance(outlets, SourceFailure):
                        yield outlets
                    else:
                        yield from read_outlets(outlets, fetcher, is_new)
            else:
                yield from read_path(source)
    finally:
        if fetcher is not None:
            fetcher.close()


def new_urls_in(store: Store | None) -> Callable[[list[str]], list[str]]:
    """A filter keeping the URLs ``store`` does not hold yet (all of them without a store).

    >>> new_urls_in(None)(["https://news.example/a"])
    ['https://news.example/a']
    """

    def is_new(urls: list[str]) -> list[str]:
        if store is None:
            return urls
        seen = store.seen_urls(urls)
        return [url for url in urls if url not in seen]

    return is_new


def _load_outlets(path: str, store: Store | None) -> list[Outlet] | SourceFailure:
    from newsdesk.ingest.sources import SourcesFileError, load_sources

    try:
        outlets = load_sources(path)
    except SourcesFileError as exc:
        return SourceFailure(path, str(exc).removeprefix(f"{path}: "))
    if store is not None:
        store.upsert_outlets(outlets)
    return outlets


class _Progress:
    """A progress bar on a terminal (rich), a quiet line every few seconds elsewhere."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.last_line = time.monotonic()
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                transient=True)
            self.task = self.bar.add_task("ingesting", total=None)
            self.bar.start()

    def update(self, report: IngestReport) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=report.summary())
        elif not self.quiet and time.monotonic() - self.last_line >= LOG_EVERY_SECONDS:
            self.last_line = time.monotonic()
            say(f"newsdesk: {report.summary()}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def stop_on_sigterm() -> None:
    """Make SIGTERM stop a run the way Ctrl-C does: batches in flight are written, nothing is lost."""
    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def run(args: argparse.Namespace) -> int:
    """Ingest every source into the store and print the summary; the exit code says how it went."""
    stop_on_sigterm()
    progress = _Progress(args.quiet)
    command = "ingest " + " ".join(args.sources)
    try:
        with open_store(args.db) as store:
            report = run_ingest(read_sources(args.sources, args.kind, store), store, workers=args.workers,
                                batch_size=args.batch_size, command=command, progress=progress.update)
    finally:
        progress.close()
    say(f"newsdesk: {'interrupted: ' if report.interrupted else ''}{report.summary()}")
    return EXIT_INTERRUPTED if report.interrupted else report.exit_code


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``ingest`` on the command's subparsers."""
    parser = commands.add_parser(
        "ingest", help="extract sources into the store",
        description="Read files and folders (.html, .htm, .html.gz, .txt, .jsonl), WARC files "
                    "(CC-NEWS included), standard input (-), URLs of articles, feeds or sitemaps, and "
                    "sources.toml files of outlets; extract them in worker processes "
                    "and keep articles, duplicates, not-articles and failures in the store. Running the "
                    "same command again adds nothing. Exit code 0: all inputs read; 1: some failed "
                    "(see `newsdesk stats`); 2: the command was wrong; 130: interrupted.")
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders, WARCs, URLs, or -")
    add_db_option(parser)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="extraction processes (default: one per core)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                        help=f"inputs per committed batch (default {DEFAULT_BATCH_SIZE})")
    parser.add_argument("--kind", choices=("html", "text", "jsonl"), help="how to read standard input")
    parser.add_argument("--quiet", action="store_true", help="no progress, only the summary")
    parser.set_defaults(handler=run)

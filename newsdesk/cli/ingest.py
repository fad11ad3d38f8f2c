"""``newsdesk ingest``: read sources, extract in worker processes, keep everything in the store."""

from __future__ import annotations

import argparse
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from types import FrameType

from newsdesk.cli.common import EXIT_INTERRUPTED, EXIT_OK, add_db_option, positive_int, say
from newsdesk.cli.progress import Progress, input_sizes
from newsdesk.cli.scale import add_ray_options
from newsdesk.connect.embeddings import MODELS
from newsdesk.ingest import SourceFailure
from newsdesk.ingest.files import read_path, read_stdin
from newsdesk.model import RawPage
from newsdesk.pipeline import DEFAULT_BATCH_SIZE, IngestReport, run_ingest
from newsdesk.store import Store, open_store
from newsdesk.store.base import Outlet

#: Failed inputs listed at the end of a run; the rest are counted and left to `newsdesk failures`.
FAILURES_SHOWN = 10


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


def check_sources_files(sources: Sequence[str]) -> None:
    """Read every sources file named, raising :class:`SourcesFileError` for one that is missing or broken.

    A sources file is the command's configuration, not an input: a mistake in it is a usage error
    (exit 2) found before anything is fetched, as ``watch`` does.

    >>> check_sources_files(["page.html", "https://news.example/rss"])
    """
    files = [source for source in sources if "://" not in source and source.lower().endswith(".toml")]
    if files:
        from newsdesk.ingest.sources import load_sources

        for path in files:
            load_sources(path)


def print_failures(store: Store, report: IngestReport, shown: int = FAILURES_SHOWN) -> None:
    """List the run's failed inputs with their reasons on standard error: the first ``shown``, then a count.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     print_failures(store, IngestReport(run_id=store.start_run("ingest")))
    """
    if report.run_id is None or not report.failed:
        return
    listed = store.failures(run_id=report.run_id, limit=shown)
    if not listed:
        return
    say("newsdesk: failed inputs:")
    for failure in listed:
        say(f"  {failure.line()}")
    total = store.count_failures(run_id=report.run_id)
    if total > len(listed):
        say(f"  ... and {total - len(listed)} more (newsdesk failures --since {listed[-1].at[:10]})")


def say_notes(report: IngestReport) -> None:
    """Print what the run wants the user to hear once (the embedding model is missing...) on standard error.

    >>> say_notes(IngestReport(notes=[]))
    """
    for note in report.notes:
        say(f"newsdesk: note: {note}")


def add_connect_option(parser: argparse.ArgumentParser) -> None:
    """The ``--no-connect`` flag and the ``--embedding-model`` option of ingest, reprocess and watch.

    >>> parser = argparse.ArgumentParser()
    >>> add_connect_option(parser)
    >>> args = parser.parse_args(["--no-connect"])
    >>> args.no_connect, args.embedding_model
    (True, None)
    """
    parser.add_argument("--no-connect", action="store_true",
                        help="store articles without looking for their copies, embedding them or grouping them "
                             "into stories (a later `newsdesk reprocess` adds what is missing)")
    parser.add_argument("--embedding-model", choices=sorted(MODELS), default=None,
                        help="the model that embeds articles for stories, related articles and semantic search: "
                             "minilm (English, the default for a new store) or e5 (about 100 languages, for news "
                             "mostly not in English; ~3x the CPU). A store keeps the model it began with")


def stop_on_sigterm() -> None:
    """Make SIGTERM stop a run the way Ctrl-C does: batches in flight are written, nothing is lost."""
    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def run(args: argparse.Namespace) -> int:
    """Ingest every source into the store and print the summary; the exit code says how it went.

    Inputs an earlier run already recorded (an interrupted run, run again) are skipped before
    extraction. No input at all (an empty folder) is not an error: "nothing to ingest", exit 0.
    """
    if getattr(args, "executor", "local") == "ray":
        from newsdesk.cli.scale import run_ray_ingest

        return run_ray_ingest(args)
    check_sources_files(args.sources)
    stop_on_sigterm()
    command = "ingest " + " ".join(args.sources)
    with open_store(args.db) as store:
        progress = Progress(args.quiet, input_sizes(args.sources))
        try:
            items = progress.track(read_sources(args.sources, args.kind, store))
            report = run_ingest(items, store, workers=args.workers, batch_size=args.batch_size, command=command,
                                progress=progress.update, skip_recorded=True, enrich=not args.no_enrich,
                                connect=not args.no_connect, model=args.embedding_model)
        finally:
            progress.close()
        say_notes(report)
        print_failures(store, report)
    if not report.interrupted and report.inputs == 0:
        say(f"newsdesk: nothing to ingest (no file newsdesk reads in {', '.join(args.sources)})")
        return EXIT_OK
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
                    "same command again adds nothing and skips what an interrupted run already did. Exit "
                    "code 0: all inputs read (or nothing to read); 1: some failed (listed at the end, and "
                    "by `newsdesk failures`); 2: the command was wrong, or the database is locked or "
                    "read-only; 130: interrupted.")
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders, WARCs, URLs, or -")
    add_db_option(parser)
    parser.add_argument("--workers", type=positive_int, default=os.cpu_count() or 1,
                        help="extraction processes (default: one per core)")
    parser.add_argument("--batch-size", type=positive_int, default=DEFAULT_BATCH_SIZE,
                        help=f"inputs per committed batch (default {DEFAULT_BATCH_SIZE})")
    parser.add_argument("--kind", choices=("html", "text", "jsonl"), help="how to read standard input")
    parser.add_argument("--quiet", action="store_true", help="no progress, only the summary")
    parser.add_argument("--no-enrich", action="store_true",
                        help="store articles without entities, quotes, time expressions and figures")
    add_connect_option(parser)
    add_ray_options(parser)
    parser.set_defaults(handler=run)

"""``newsdesk reprocess`` and ``newsdesk watch``: re-extract what is kept, poll outlets on a schedule."""

from __future__ import annotations

import argparse
import re
import threading
import time
from collections.abc import Iterator

from newsdesk.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    add_db_option,
    non_negative_int,
    positive_int,
    say,
)
from newsdesk.cli.ingest import add_connect_option, new_urls_in, say_notes, stop_on_sigterm
from newsdesk.errors import NewsdeskError
from newsdesk.ingest import Polled, SourceFailure
from newsdesk.ingest.warc import read_warc_record
from newsdesk.model import RawPage
from newsdesk.pipeline import IngestReport, run_ingest
from newsdesk.store import Store, open_store

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds in a duration like "90s", "10m", "1.5h" (a bare number is minutes).

    >>> parse_duration("10m"), parse_duration("90s"), parse_duration("2")
    (600.0, 90.0, 120.0)
    """
    match = _DURATION.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"cannot read {text!r} as a duration (like 90s, 10m, 1h)")
    seconds = float(match[1]) * _UNIT_SECONDS[(match[2] or "m").lower()]
    if seconds <= 0:
        raise argparse.ArgumentTypeError("the interval must be more than zero")
    return seconds


def kept_pages(store: Store) -> Iterator[RawPage | SourceFailure]:
    """Every raw page the store keeps, with bytes read back from WARC files where they live there."""
    for stored in store.iter_raw_pages():
        if stored.warc is None:
            yield stored.page
            continue
        page = read_warc_record(stored.warc.path, stored.warc.offset)
        if isinstance(page, RawPage) and stored.page.source:
            # Keep the input's original name, so outcomes update the records they made before.
            page.source = stored.page.source
        yield page


def run_reprocess(args: argparse.Namespace) -> int:
    """Re-extract (and re-enrich, and connect) every kept raw page with the current code; articles are updated
    in place. Articles that lack their copies, vectors or stories (stored with ``--no-connect``, or before
    the connect stage) gain them; articles already in a story keep it."""
    stop_on_sigterm()
    with open_store(args.db) as store:
        # iter_raw_pages reads in chunks, so writing between them on the same connection is safe.
        report = run_ingest(kept_pages(store), store, workers=args.workers, command="reprocess",
                            enrich=not args.no_enrich, connect=not args.no_connect, model=args.embedding_model)
    say_notes(report)
    say(f"newsdesk: reprocess: {report.summary()}")
    return EXIT_INTERRUPTED if report.interrupted else report.exit_code


def _poll_once(store: Store, path: str, previous: dict[str, Polled], workers: int,
               enrich: bool = True, connect: bool = True, model: str | None = None) -> IngestReport:
    from newsdesk.ingest.fetch import Fetcher
    from newsdesk.ingest.remote import read_outlets
    from newsdesk.ingest.sources import load_sources

    outlets = load_sources(path)  # Read every round: edits to the file take effect without a restart.
    store.upsert_outlets(outlets)
    with Fetcher() as fetcher:
        pages = read_outlets(outlets, fetcher, new_urls_in(store), previous=dict(previous),
                             polled=lambda p: previous.__setitem__(p.url, p))
        return run_ingest(pages, store, workers=workers, command=f"watch {path}", enrich=enrich, connect=connect,
                          model=model)


def run_watch(args: argparse.Namespace) -> int:
    """Poll the outlets of a sources file every interval and ingest what is new, until stopped."""
    stop_on_sigterm()
    previous: dict[str, Polled] = {}
    stop = threading.Event()
    rounds = 0
    try:
        with open_store(args.db) as store:
            while not stop.is_set():
                started = time.monotonic()
                try:
                    report = _poll_once(store, args.sources, previous, args.workers, not args.no_enrich,
                                        not args.no_connect, args.embedding_model)
                except NewsdeskError as exc:
                    say(f"newsdesk: {exc}")
                    return EXIT_USAGE
                rounds += 1
                if rounds == 1:
                    say_notes(report)  # Once, not every round.
                say(f"newsdesk: watch round {rounds}: {report.summary()}")
                if report.interrupted or (args.rounds and rounds >= args.rounds):
                    break
                stop.wait(max(0.0, args.every - (time.monotonic() - started)))
    except KeyboardInterrupt:
        say("newsdesk: watch stopped")
        return EXIT_INTERRUPTED
    return EXIT_OK


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Register ``reprocess`` and ``watch``."""
    reprocess = commands.add_parser(
        "reprocess", help="re-extract and re-enrich every kept raw page with the current code",
        description="Read back every raw page the store keeps (from the database or its WARC file) and "
                    "extract and enrich it again: articles and their annotations are updated in place, "
                    "nothing is fetched.")
    add_db_option(reprocess)
    reprocess.add_argument("--workers", type=positive_int, default=None,
                           help="extraction processes (default: one per core)")
    reprocess.add_argument("--no-enrich", action="store_true", help="re-extract only; articles lose their annotations")
    add_connect_option(reprocess)
    reprocess.set_defaults(handler=run_reprocess)

    watch = commands.add_parser(
        "watch", help="poll a sources file's feeds and sitemaps and ingest what is new, until stopped",
        description="Every interval, poll each outlet's feeds and sitemaps (conditional requests), fetch "
                    "the articles the store does not hold yet, and ingest them. Ctrl-C or SIGTERM stops it "
                    "after writing what is in flight.")
    watch.add_argument("sources", metavar="SOURCES.toml")
    watch.add_argument("--every", type=parse_duration, default=600.0, help="interval, e.g. 90s, 10m, 1h (default 10m)")
    watch.add_argument("--rounds", type=non_negative_int, default=0, help="stop after this many polls (default: never)")
    add_db_option(watch)
    watch.add_argument("--workers", type=positive_int, default=1,
                       help="extraction processes (default 1: polls are small)")
    watch.add_argument("--no-enrich", action="store_true",
                       help="store articles without entities, quotes, time expressions and figures")
    add_connect_option(watch)
    watch.set_defaults(handler=run_watch)

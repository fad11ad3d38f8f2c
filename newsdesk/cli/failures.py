"""``newsdesk failures``: the inputs that failed, with the stage and the reason, newest first."""

from __future__ import annotations

import argparse
import json

from newsdesk.cli.common import EXIT_OK, add_db_option, positive_int, say
from newsdesk.store import open_store


def run(args: argparse.Namespace) -> int:
    """List quarantined inputs as a table for people or JSON lines for programs."""
    with open_store(args.db, read_only=True) as store:
        listed = store.failures(since=args.since, limit=args.limit)
        total = store.count_failures(since=args.since)
    if args.format == "json":
        for failure in listed:
            print(json.dumps(failure.to_dict(), ensure_ascii=False))
        return EXIT_OK
    for failure in listed:
        print(f"{failure.at[:19]:<19}  {failure.stage:<8}  {failure.input}")
        print(f"{'':<19}  {'':<8}  {failure.reason}")
    more = f" (showing {len(listed)})" if total > len(listed) else ""
    say(f"newsdesk: {total} failed input{'s' if total != 1 else ''}{more}")
    return EXIT_OK


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``failures`` on the command's subparsers."""
    parser = commands.add_parser(
        "failures", help="list the inputs that failed, with their reasons",
        description="Every quarantined input (a file that could not be read, a page that could not be "
                    "extracted or stored, a URL that could not be fetched), newest first, with the stage "
                    "it failed at and the reason. Running the ingest again retries them.")
    add_db_option(parser)
    parser.add_argument("--since", help="only failures recorded on or after this date (YYYY-MM-DD or ISO 8601)")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="table: two lines per input (default); json: one object per line")
    parser.add_argument("--limit", type=positive_int, default=None, help="list at most this many")
    parser.set_defaults(handler=run)

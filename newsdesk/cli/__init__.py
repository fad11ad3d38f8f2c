"""The ``newsdesk`` command: a thin layer over the Python API, one module per subcommand.

Exit codes: 0 everything succeeded; 1 some inputs failed (each reported, the others still
processed); 2 the command itself was wrong (usage, a bad option value, a broken sources file) or the
database cannot be used (locked by another process, read-only for a write); 130 interrupted.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence

from newsdesk.cli import connect, enrichment, extract, failures, ingest, maintain, query, scale, serve
from newsdesk.cli.common import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, say
from newsdesk.errors import NewsdeskError
from newsdesk.store.base import default_db_path
from newsdesk.store.sqlite import store_error


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newsdesk`` command.

    >>> build_parser().parse_args(["extract", "page.html"]).format
    'json'
    """
    parser = argparse.ArgumentParser(prog="newsdesk", description="Turn raw news into clean, linked news.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract.add_parser(commands)
    ingest.add_parser(commands)
    query.add_parsers(commands)
    failures.add_parser(commands)
    enrichment.add_parsers(commands)
    connect.add_parsers(commands)
    scale.add_parsers(commands)
    maintain.add_parsers(commands)
    serve.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``newsdesk`` command and return its exit code.

    >>> main(["extract", "--format", "json", "/nonexistent/page.html"])
    1
    """
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except NewsdeskError as exc:  # A bad option value or an unusable database: the command was wrong.
        say(f"newsdesk: {exc}")
        return EXIT_USAGE
    except sqlite3.OperationalError as exc:  # A lock or permission met outside the store's own checks.
        say(f"newsdesk: {store_error(getattr(args, 'db', None) or default_db_path(), exc)}")
        return EXIT_USAGE
    except BrokenPipeError:  # `newsdesk ... | head` is normal use, not an error.
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())

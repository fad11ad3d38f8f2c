"""What every ``newsdesk`` subcommand shares: exit codes, the --db option, messages, filters."""

from __future__ import annotations

import argparse
import sys

from newsdesk.store import Filters

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def say(message: str) -> None:
    """Print a message for people on standard error (standard output stays data)."""
    print(message, file=sys.stderr, flush=True)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (a count of workers, a batch size, a limit).

    >>> positive_int("4")
    4
    >>> positive_int("0")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: must be a whole number of at least 1, not '0'
    """
    return _int_at_least(text, 1)


def non_negative_int(text: str) -> int:
    """An argparse type: a whole number of at least 0 (an offset, a number of rounds, an indent).

    >>> non_negative_int("0")
    0
    """
    return _int_at_least(text, 0)


def _int_at_least(text: str, least: int) -> int:
    try:
        value = int(text)
    except ValueError:
        value = least - 1
    if value < least:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least {least}, not {text!r}")
    return value


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Add --db (default: $NEWSDESK_DB, else ./newsdesk.db)."""
    parser.add_argument("--db", help="the database file (default: $NEWSDESK_DB, else ./newsdesk.db)")


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """Add the article filters shared by search and export."""
    group = parser.add_argument_group("filters")
    group.add_argument("--since", help="published on or after this date (YYYY-MM-DD or ISO 8601)")
    group.add_argument("--until", help="published on or before this date")
    group.add_argument("--source", help="the outlet (site name)")
    group.add_argument("--section", help="the section")
    group.add_argument("--lang", help="the language code, e.g. en")
    group.add_argument("--author", help="a part of an author's name")
    group.add_argument("--person", help="articles naming this person (a part of the name)")
    group.add_argument("--org", help="articles naming this organisation")
    group.add_argument("--place", help="articles naming this place")
    group.add_argument("--speaker", help="articles quoting this speaker (a part of the name)")


def filters_from(args: argparse.Namespace) -> Filters:
    """The Filters named by the command line (validated by the store: a bad date is a StoreError)."""
    return Filters(since=args.since, until=args.until, source=args.source, section=args.section,
                   lang=args.lang, author=args.author, person=args.person, org=args.org, place=args.place,
                   speaker=args.speaker)

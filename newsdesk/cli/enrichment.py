"""``newsdesk quotes`` and ``newsdesk entities``: who said what, and who and where the news is about."""

from __future__ import annotations

import argparse
import json

from newsdesk.cli.common import EXIT_OK, add_db_option, non_negative_int, positive_int, say
from newsdesk.store import open_store, sqlite_store

_TYPES = {"person": "PERSON", "org": "ORG", "place": "PLACE"}


def run_quotes(args: argparse.Namespace) -> int:
    """Quotes newest first, by a part of the speaker's name, kind and period."""
    with open_store(args.db, read_only=True) as store:
        quotes = sqlite_store(store, "quotes").quotes(speaker=args.speaker, kind=args.kind, since=args.since,
                                                      until=args.until, limit=args.limit, offset=args.offset)
    if args.format == "json":
        for quote in quotes:
            print(json.dumps(quote.to_dict(), ensure_ascii=False))
        return EXIT_OK
    for quote in quotes:
        speaker = quote.speaker or "(unattributed)"
        role = f", {quote.speaker_role}" if quote.speaker_role else ""
        print(f"{(quote.published or '')[:10]:<10}  {speaker}{role} [{quote.kind}]")
        print(f"{'':<10}  “{' '.join(quote.text.split())}”")
        print(f"{'':<10}  article {quote.article_id}: {quote.headline or 'Untitled article'}")
    if not quotes:
        say("newsdesk: no quotes match")
    return EXIT_OK


def run_entities(args: argparse.Namespace) -> int:
    """The people, organisations and places named by the most articles in a period."""
    with open_store(args.db, read_only=True) as store:
        entities = sqlite_store(store, "entities").entities(type_=_TYPES.get(args.type or ""), since=args.since,
                                                            until=args.until, name=args.name, limit=args.limit,
                                                            offset=args.offset)
    if args.format == "json":
        for entity in entities:
            print(json.dumps(entity.to_dict(), ensure_ascii=False))
        return EXIT_OK
    for entity in entities:
        where = f"  ({entity.country})" if entity.type == "PLACE" and entity.country else ""
        print(f"{entity.articles:>7}  {entity.type:<6}  {entity.name}{where}")
    if not entities:
        say("newsdesk: no entities match (articles are enriched at ingest unless --no-enrich was given)")
    return EXIT_OK


def _add_common(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument("--since", help="published on or after this date (YYYY-MM-DD or ISO 8601)")
    parser.add_argument("--until", help="published on or before this date")
    parser.add_argument("--limit", type=positive_int, default=20, help="how many (default 20)")
    parser.add_argument("--offset", type=non_negative_int, default=0, help="skip this many")
    parser.add_argument("--format", choices=("table", "json"), default="table")


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``quotes`` and ``entities``.

    >>> parser = argparse.ArgumentParser()
    >>> add_parsers(parser.add_subparsers())
    >>> parser.parse_args(["quotes", "--speaker", "Parnell"]).speaker
    'Parnell'
    """
    quotes = commands.add_parser("quotes", help="who said what, newest first",
                                 description="Quotes found by enrichment, newest first.")
    quotes.add_argument("--speaker", help="a part of the speaker's name, any case")
    quotes.add_argument("--kind", choices=("direct", "indirect", "mixed"), help="only quotes of this kind")
    _add_common(quotes)
    quotes.set_defaults(handler=run_quotes)

    entities = commands.add_parser("entities", help="top people, organisations and places",
                                   description="Entities by the number of articles naming them in the period.")
    entities.add_argument("--type", choices=tuple(_TYPES), help="only people, organisations or places")
    entities.add_argument("--name", help="only entities whose name contains this")
    _add_common(entities)
    entities.set_defaults(handler=run_entities)

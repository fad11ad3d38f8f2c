"""``newsdesk search``, ``show``, ``stats`` and ``export``: read what the store holds."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from newsdesk.cli.common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    add_db_option,
    add_filter_options,
    filters_from,
    non_negative_int,
    positive_int,
    say,
)
from newsdesk.connect.embeddings import DEFAULT_MODEL, MULTILINGUAL_MODEL, model_for_languages
from newsdesk.render import to_markdown, to_text
from newsdesk.store import EXPORT_FORMATS, export_articles, open_store, sqlite_store
from newsdesk.store.base import StoreStats
from newsdesk.store.vectors import SEARCH_MODES

_MARK_ON_TERMINAL = ("\x1b[1;33m", "\x1b[0m")
_MARK_PLAIN = ("[", "]")


def _marks() -> tuple[str, str]:
    return _MARK_ON_TERMINAL if sys.stdout.isatty() else _MARK_PLAIN


def run_search(args: argparse.Namespace) -> int:
    """Search with filters, in a mode (hybrid, bm25, semantic); a table for people or JSON lines for programs."""
    query = " ".join(args.query) or None
    mode = "semantic" if args.semantic else args.mode
    with open_store(args.db, read_only=True) as store:
        filters = filters_from(args)
        ranked = sqlite_store(store, "search modes").search_in_mode(query, filters, mode=mode,
                                                                    limit=args.limit, offset=args.offset)
        hits, total = ranked.hits, ranked.total
    if args.format == "json":
        for hit in hits:
            print(json.dumps(hit.to_dict(), ensure_ascii=False))
        return EXIT_OK
    opening, closing = _marks()
    for hit in hits:
        when = (hit.published or "")[:10]
        outlet = hit.site_name or ""
        print(f"{hit.id:>7}  {when:<10}  {outlet[:24]:<24}  {hit.title.marked(opening, closing)}")
        if hit.snippet.plain:
            print(f"{'':>7}  {' '.join(hit.snippet.marked(opening, closing).split())}")
    if not hits:
        say(f"newsdesk: no articles match (of {total} matching, {args.offset} skipped)" if total
            else "newsdesk: no articles match")
    else:
        say(f"newsdesk: {args.offset + 1}-{args.offset + len(hits)} of {total} articles ({ranked.mode} search)")
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    """One article by id or URL, as JSON, Markdown or text."""
    with open_store(args.db, read_only=True) as store:
        stored = store.get(args.ref)
    if stored is None:
        say(f"newsdesk: {args.ref}: no such article in the store")
        return EXIT_SOME_FAILED
    if args.format == "json":
        print(json.dumps(stored.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(to_markdown(stored.article) if args.format == "markdown" else to_text(stored.article))
    return EXIT_OK


def _print_counts(title: str, counts: dict[str, int], limit: int = 15) -> None:
    if not counts:
        return
    print(f"\n{title}")
    for name, count in list(counts.items())[:limit]:
        print(f"  {count:>8}  {name}")
    if len(counts) > limit:
        print(f"  {'':>8}  ... {len(counts) - limit} more")


def run_stats(args: argparse.Namespace) -> int:
    """Counts of articles by source, day, section and language; duplicates; failures."""
    with open_store(args.db, read_only=True) as store:
        stats = store.stats()
    data: dict[str, Any] = stats.to_dict()
    for name in ("near_copies", "stories", "vectors"):
        data.setdefault(name, getattr(stats, name, 0) or 0)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"articles {stats.articles} · raw pages {stats.raw_pages} · runs {stats.runs}")
    # The connect stage's counts; a StoreStats from before it has none, which reads as 0.
    connected = {name: getattr(stats, name, 0) or 0 for name in ("near_copies", "stories", "vectors")}
    model = getattr(stats, "embedding_model", None)
    print(f"near copies {connected['near_copies']} · stories {connected['stories']} · "
          f"article vectors {connected['vectors']}{f' ({model})' if model else ''}")
    if (hint := embedding_hint(stats)) is not None:
        say(f"newsdesk: note: {hint}")
    _print_counts("by source", stats.by_source)
    _print_counts("by day", dict(sorted(stats.by_day.items(), reverse=True)))
    _print_counts("by section", stats.by_section)
    _print_counts("by language", stats.by_language)
    _print_counts("duplicates", stats.duplicates)
    _print_counts("not articles", stats.not_articles)
    _print_counts("quarantined (failed inputs)", stats.quarantined)
    return EXIT_OK


def embedding_hint(stats: StoreStats) -> str | None:
    """A word for a store whose articles are mostly not in English but whose vectors are MiniLM's (English only).

    >>> embedding_hint(StoreStats(articles=3, by_language={"de": 2, "en": 1}, vectors=3, embedding_model="minilm"))
    'most articles are not in English, and minilm reads English only: a store begun with `newsdesk ingest \
--embedding-model e5` groups them into stories and finds related ones far better'
    >>> embedding_hint(StoreStats(articles=3, by_language={"en": 3}, vectors=3, embedding_model="minilm")) is None
    True
    """
    # by_language counts articles without a language under "(none)": unknown, read as English.
    languages = ((None if tag == "(none)" else tag, count) for tag, count in stats.by_language.items())
    if stats.embedding_model != DEFAULT_MODEL or model_for_languages(languages) == DEFAULT_MODEL:
        return None
    return (f"most articles are not in English, and {DEFAULT_MODEL} reads English only: a store begun with "
            f"`newsdesk ingest --embedding-model {MULTILINGUAL_MODEL}` groups them into stories and finds related "
            f"ones far better")


def run_export(args: argparse.Namespace) -> int:
    """Write the articles matching the filters as JSON lines, CSV or Parquet."""
    with open_store(args.db, read_only=True) as store:
        written = export_articles(store, args.out, args.format, filters_from(args))
    say(f"newsdesk: exported {written} articles to {args.out}")
    return EXIT_OK


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Register ``search``, ``show``, ``stats`` and ``export``."""
    search = commands.add_parser("search", help="full-text search of the store",
                                 description="Search headlines, standfirsts and bodies (BM25 ranking; "
                                             "\"phrases\", OR, -word). With no query, filters alone list "
                                             "the newest articles that match. A store with article vectors "
                                             "searches hybrid by default: BM25 and the query's embedding, "
                                             "fused by rank.")
    search.add_argument("query", nargs="*", help="words to search for")
    add_db_option(search)
    add_filter_options(search)
    search.add_argument("--limit", type=positive_int, default=20, help="results per page (default 20)")
    search.add_argument("--offset", type=non_negative_int, default=0, help="skip this many results")
    search.add_argument("--format", choices=("table", "json"), default="table")
    modes = search.add_mutually_exclusive_group()
    modes.add_argument("--mode", choices=SEARCH_MODES,
                       help="hybrid (BM25 and vectors by rank fusion; the default where the store has vectors), "
                            "bm25 (full text only; the default without vectors) or semantic (vectors only)")
    modes.add_argument("--semantic", action="store_true", help="the same as --mode semantic")
    search.set_defaults(handler=run_search)

    show = commands.add_parser("show", help="one article by id or URL")
    show.add_argument("ref", metavar="ID|URL")
    add_db_option(show)
    show.add_argument("--format", choices=("markdown", "text", "json"), default="markdown")
    show.set_defaults(handler=run_show)

    stats = commands.add_parser("stats", help="what the store holds")
    add_db_option(stats)
    stats.add_argument("--format", choices=("table", "json"), default="table")
    stats.set_defaults(handler=run_stats)

    export = commands.add_parser("export", help="export articles as jsonl, csv or parquet")
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument("--out", required=True, help="the file to write (- for standard output: jsonl, csv)")
    add_db_option(export)
    add_filter_options(export)
    export.set_defaults(handler=run_export)

"""``newsdesk extract``: print the articles in files, folders or standard input (nothing is stored)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence

from newsdesk.cli.common import EXIT_OK, EXIT_SOME_FAILED, non_negative_int, say
from newsdesk.enrich import enrich_batch
from newsdesk.errors import ExtractionError
from newsdesk.extract import extract
from newsdesk.ingest import SourceFailure
from newsdesk.ingest.files import read_path, read_stdin
from newsdesk.model import RawPage
from newsdesk.render import to_markdown, to_text


def _inputs(paths: Sequence[str], kind: str | None) -> Iterator[RawPage | SourceFailure]:
    for path in paths:
        yield from (read_stdin(kind=kind) if path == "-" else read_path(path))


def run(args: argparse.Namespace) -> int:
    """Extract each input and print it; report failures on stderr and go on."""
    failed = 0
    out = sys.stdout
    for index, item in enumerate(_inputs(args.paths, args.kind)):
        if isinstance(item, SourceFailure):
            say(f"newsdesk: {item}")
            failed += 1
            continue
        name = item.source or "<input>"
        try:
            article = extract(item.data, url=args.url or item.url, kind=args.kind or item.kind,
                              content_type=item.headers.get("content-type"), source=name)
        except ExtractionError as exc:
            say(f"newsdesk: {exc}")
            failed += 1
            continue
        if article.url is None:
            # A saved page without its address still names itself through its canonical link.
            article.url = article.canonical_url
        if args.enrich:
            article = enrich_batch([article])[0]
            if article.enrich_error:
                say(f"newsdesk: {name}: enrichment failed: {article.enrich_error}")
        if args.format == "json":
            out.write(json.dumps({"source": name, **article.to_dict()}, ensure_ascii=False, indent=args.indent) + "\n")
        else:
            if index:
                out.write("\n" + "-" * 72 + "\n\n")
            out.write(to_markdown(article) if args.format == "markdown" else to_text(article))
    return EXIT_SOME_FAILED if failed else EXIT_OK


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``extract`` on the command's subparsers."""
    parser = commands.add_parser(
        "extract", help="extract articles from files or standard input",
        description="Extract every field of an article from HTML pages (.html, .htm, .html.gz), text "
                    "copied off a page (.txt), JSON lines or WARC files. '-' reads standard input; "
                    "folders are walked. Nothing is stored: see `newsdesk ingest`.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    parser.add_argument("--format", choices=("json", "text", "markdown"), default="json",
                        help="json: one object per input and line (default); text; markdown")
    parser.add_argument("--kind", choices=("html", "text"), help="force the input kind")
    parser.add_argument("--url", help="the page's URL (resolves relative links, dates in paths)")
    parser.add_argument("--indent", type=non_negative_int, default=None, help="pretty-print JSON with this indent")
    parser.add_argument("--enrich", action="store_true",
                        help="also find entities, quotes, time expressions and figures (top-level JSON keys)")
    parser.set_defaults(handler=run)

"""The ``newsdesk`` command: a thin layer over the Python API.

Exit codes: 0 everything succeeded; 1 some inputs failed (each reported on stderr, the others
still processed); 2 the command itself was wrong (usage).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsdesk.errors import ExtractionError
from newsdesk.extract import extract
from newsdesk.render import to_markdown, to_text

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

_KIND_BY_SUFFIX = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text"}


def _kind_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return _KIND_BY_SUFFIX.get(suffixes[-1]) if suffixes else None


def _inputs(paths: Sequence[str]) -> Iterator[tuple[str, bytes | None, str | None, str | None]]:
    """Yield (name, data, kind, error) for each input; folders are walked for known suffixes."""
    for raw in paths:
        if raw == "-":
            yield "<stdin>", sys.stdin.buffer.read(), None, None
            continue
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file() and _kind_of(p)) if path.is_dir() else [path]
        for file in files:
            try:
                yield str(file), file.read_bytes(), _kind_of(file), None
            except OSError as exc:
                yield str(file), None, None, exc.strerror or str(exc)


def _cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    out = sys.stdout
    for index, (name, data, kind, error) in enumerate(_inputs(args.paths)):
        if data is None:
            print(f"newsdesk: {name}: {error}", file=sys.stderr)
            failed += 1
            continue
        try:
            article = extract(data, url=args.url, kind=args.kind or kind, source=name)
        except ExtractionError as exc:
            print(f"newsdesk: {exc}", file=sys.stderr)
            failed += 1
            continue
        if args.format == "json":
            record = {"source": name, **article.to_dict()}
            out.write(json.dumps(record, ensure_ascii=False, indent=args.indent) + "\n")
        else:
            if index:
                out.write("\n" + "-" * 72 + "\n\n")
            out.write(to_markdown(article) if args.format == "markdown" else to_text(article))
    return EXIT_SOME_FAILED if failed else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newsdesk`` command.

    >>> build_parser().parse_args(["extract", "page.html"]).format
    'json'
    """
    parser = argparse.ArgumentParser(prog="newsdesk", description="Turn raw news into clean, linked news.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p_extract = commands.add_parser(
        "extract", help="extract articles from files or standard input",
        description="Extract every field of an article from HTML pages (.html, .htm, .html.gz) or "
                    "text copied off a page (.txt). '-' reads standard input; folders are walked.")
    p_extract.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    p_extract.add_argument("--format", choices=("json", "text", "markdown"), default="json",
                           help="json: one object per input and line (default); text; markdown")
    p_extract.add_argument("--kind", choices=("html", "text"), help="force the input kind")
    p_extract.add_argument("--url", help="the page's URL (resolves relative links, dates in paths)")
    p_extract.add_argument("--indent", type=int, default=None, help="pretty-print JSON with this indent")
    p_extract.set_defaults(handler=_cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``newsdesk`` command and return its exit code.

    >>> main(["extract", "--format", "json", "/nonexistent/page.html"])
    1
    """
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except BrokenPipeError:  # `newsdesk extract ... | head` is normal use, not an error.
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

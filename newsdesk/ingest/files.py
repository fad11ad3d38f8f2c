"""Local files, folders and standard input -> RawPages.

What each file holds is told by its name: ``.html``, ``.htm``, ``.xhtml`` and ``.shtml`` are pages,
``.txt`` is text copied off a page (kind "text"), any of those may end in ``.gz``; ``.jsonl`` (or
``.jsonl.gz``) holds one ``{"url": ..., "html": ...}`` or ``{"url": ..., "text": ...}`` object a line;
``.warc`` and ``.warc.gz`` go to :func:`newsdesk.ingest.warc.read_warc`. A folder is walked in
name order (hidden entries skipped), reading only files with those names, because saved pages sit
beside their images, scripts and style sheets. A file named explicitly with another suffix is read
as a page only when it starts like one (``<!doctype html``, ``<html``, or the comment a browser
writes at the top of a saved page: wget keeps a server's ``story.php`` as it was named); anything
else (``data.json``, ``Makefile``, ``README.md``) is refused with a reason that names the types
newsdesk reads, the way a folder walk passes over it.

A page file over ``max_bytes`` (16 MiB, the extractor's own page limit) is a failure without being
read; so is a truncated or corrupt gzip file. A ``.jsonl`` file streams line by line, so its size
is unbounded; a bad line is a failure naming ``file:line`` and the rest of the file goes on.
``source`` is the path as given (joined with the names found under a folder), so running the same
command again names the same inputs the same way.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO, Protocol

from newsdesk.errors import ExtractionError
from newsdesk.extract.encoding import MAX_PAGE_BYTES, gunzip_capped
from newsdesk.ingest import SourceFailure, utc_iso
from newsdesk.model import RawPage

__all__ = ["MAX_FILE_BYTES", "MAX_JSONL_LINE_BYTES", "read_path", "read_stdin", "walk_files"]

#: Largest page file read, in bytes (compressed size for .gz, and again after decompression).
MAX_FILE_BYTES = MAX_PAGE_BYTES
#: Largest line of a .jsonl file: a page's bytes plus room for JSON escaping.
MAX_JSONL_LINE_BYTES = 2 * MAX_PAGE_BYTES

_PAGE_KINDS = {".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".txt": "text"}
_WARC_SUFFIXES = (".warc", ".warc.gz")
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
_GZIP_MAGIC = b"\x1f\x8b"
_HTML_STARTS = (b"<!doctype html", b"<html", b"<!--")
_KNOWN_TYPES = ".html, .htm, .xhtml, .shtml, .txt, .jsonl, .warc (each may end in .gz)"
_SNIFF_BYTES = 65536
# Browsers write this comment at the top of a page saved with "Save page as".
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)

Item = RawPage | SourceFailure


def _mib(size: int) -> str:
    return f"{size / 1048576:.1f} MiB"


def _suffixes(name: str) -> tuple[str, bool]:
    """The meaningful suffix of a file name (lower case, without .gz) and whether it is gzipped."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    base = lower[:-3] if gzipped else lower
    return os.path.splitext(base)[1], gzipped


def _is_known(name: str) -> bool:
    lower = name.lower()
    suffix, _ = _suffixes(lower)
    return suffix in _PAGE_KINDS or lower.endswith(_WARC_SUFFIXES + _JSONL_SUFFIXES)


def _mtime_iso(path: str) -> str | None:
    try:
        return utc_iso(datetime.fromtimestamp(os.stat(path).st_mtime, UTC))
    except OSError:
        return None


def _saved_from_url(data: bytes) -> str | None:
    match = _SAVED_FROM.search(data[:2048])
    return match.group(1).decode("ascii", "replace") if match else None


def read_path(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Item]:
    """Read a file or a folder of pages: one RawPage per page, a SourceFailure per unreadable input.

    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = tempfile.mkdtemp()
    >>> _ = Path(folder, "storm.html").write_text("<html><body><h1>Storm hits coast</h1></body></html>")
    >>> _ = Path(folder, "notes.txt").write_text("Storm hits coast\\nHeavy rain battered the coast.")
    >>> [(Path(p.source).name, p.kind) for p in read_path(folder)]
    [('notes.txt', 'text'), ('storm.html', 'html')]
    >>> [str(f).split("/")[-1] for f in read_path(Path(folder, "missing.html"))]
    ['missing.html: no such file or folder']
    """
    name = os.fspath(path)
    if os.path.isdir(name):
        yield from _read_folder(name, max_bytes)
    elif os.path.exists(name):
        yield from _read_file(name, max_bytes)
    else:
        yield SourceFailure(name, "no such file or folder")


def walk_files(folder: str) -> Iterator[str | SourceFailure]:
    """The files a folder walk reads, in the order it reads them (a failure for a folder it cannot list).

    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = tempfile.mkdtemp()
    >>> for name in ("b.html", "a.txt", "logo.png"):
    ...     _ = Path(folder, name).write_text("x")
    >>> [Path(p).name for p in walk_files(folder)]
    ['a.txt', 'b.html']
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield SourceFailure(folder, f"cannot list folder ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = os.path.join(folder, entry.name)
        # Symbolic links to folders are not followed: a link cycle would never end.
        if entry.is_dir(follow_symlinks=False):
            yield from walk_files(child)
        elif entry.is_file() and _is_known(entry.name):
            yield child


def _read_folder(folder: str, max_bytes: int) -> Iterator[Item]:
    for found in walk_files(folder):
        if isinstance(found, SourceFailure):
            yield found
        else:
            yield from _read_file(found, max_bytes)


def _read_file(name: str, max_bytes: int) -> Iterator[Item]:
    lower = name.lower()
    if lower.endswith(_WARC_SUFFIXES):
        from newsdesk.ingest.warc import read_warc

        yield from read_warc(name, max_record_bytes=max_bytes)
        return
    if lower.endswith(_JSONL_SUFFIXES):
        yield from _read_jsonl_file(name, max_bytes)
        return
    suffix, gzipped = _suffixes(lower)
    if suffix not in _PAGE_KINDS and not _starts_like_html(name):
        described = f"'{suffix}'" if suffix else "no suffix"
        yield SourceFailure(name, f"not a file type newsdesk reads ({described}; it reads {_KNOWN_TYPES})",
                            skipped=True)
        return
    yield _read_page_file(name, _PAGE_KINDS.get(suffix, "html"), gzipped, max_bytes)


def _starts_like_html(name: str) -> bool:
    """Whether a file's first bytes are those of an HTML page (a saved page under another name)."""
    try:
        with open(name, "rb") as handle:
            head = handle.read(1024)
    except OSError:
        return True  # Let the reader report why the file cannot be read.
    if head.startswith(_GZIP_MAGIC):
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_HTML_STARTS)


def _read_page_file(name: str, kind: str | None, gzipped: bool, max_bytes: int) -> Item:
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            return SourceFailure(name, f"file is {_mib(size)}, over the {_mib(max_bytes)} limit for one page")
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return SourceFailure(name, f"cannot read file ({exc.strerror or exc})")
    if len(data) > max_bytes:  # The file grew after it was measured.
        return SourceFailure(name, f"file is over the {_mib(max_bytes)} limit for one page")
    if gzipped or data.startswith(_GZIP_MAGIC):
        try:
            data = gunzip_capped(data, name, max_bytes)
        except ExtractionError as exc:
            return SourceFailure(name, exc.reason)
    return RawPage(data=data, url=_saved_from_url(data), fetched_at=_mtime_iso(name), kind=kind, source=name)


def _read_jsonl_file(name: str, max_bytes: int) -> Iterator[Item]:
    try:
        handle = gzip.open(name, "rb") if name.lower().endswith(".gz") else open(name, "rb")  # noqa: SIM115
    except OSError as exc:
        yield SourceFailure(name, f"cannot read file ({exc.strerror or exc})")
        return
    with handle:
        yield from _read_jsonl_stream(handle, name, 2 * max_bytes, _mtime_iso(name))


class _LineReader(Protocol):
    """What JSON lines are read from: a file, a gzip file, or standard input behind its sniffed head."""

    def readline(self, size: int = -1, /) -> bytes: ...


def _read_jsonl_stream(stream: _LineReader, name: str, max_line_bytes: int, fetched_at: str | None
                       ) -> Iterator[Item]:
    line_no = 0
    try:
        while True:
            line = stream.readline(max_line_bytes + 1)
            if not line:
                return
            line_no += 1
            if len(line) > max_line_bytes and not line.endswith(b"\n"):
                while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield SourceFailure(f"{name}:{line_no}", f"line is over the {_mib(max_line_bytes)} limit")
                continue
            if line.strip():
                yield _jsonl_record(line, f"{name}:{line_no}", fetched_at)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        reason = "truncated gzip data" if isinstance(exc, EOFError) else f"corrupt gzip data ({exc})"
        yield SourceFailure(f"{name}:{line_no + 1}", f"{reason}; {line_no} lines read before it")
    except OSError as exc:
        yield SourceFailure(f"{name}:{line_no + 1}", f"cannot read ({exc.strerror or exc})")


def _jsonl_record(line: bytes, source: str, fetched_at: str | None) -> Item:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return SourceFailure(source, f"invalid JSON ({exc})")
    if not isinstance(record, dict):
        return SourceFailure(source, f"expected a JSON object, found {type(record).__name__}")
    url = record.get("url")
    if url is not None and not isinstance(url, str):
        return SourceFailure(source, "'url' must be a string")
    html, text = record.get("html"), record.get("text")
    if html is None and text is None:
        return SourceFailure(source, "no 'html' or 'text' field", url=url)
    kind, data = ("html", html) if html is not None else ("text", text)
    if not isinstance(data, str):
        return SourceFailure(source, f"'{kind}' must be a string", url=url)
    when = record.get("fetched_at")
    return RawPage(data=data, url=url or None, fetched_at=when if isinstance(when, str) else fetched_at,
                   kind=kind, source=source)


class _PrefixedStream(io.RawIOBase):
    """A stream that first gives back bytes already read from another (to sniff it), then the rest."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self._prefix = memoryview(prefix)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            count = min(len(buffer), len(self._prefix))
            buffer[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_stdin(stream: BinaryIO | None = None, *, kind: str | None = None, max_bytes: int = MAX_FILE_BYTES,
               name: str = "<stdin>") -> Iterator[Item]:
    """Read standard input (or ``stream``): one page, or JSON lines when it starts with ``{``.

    ``kind`` is "html", "text" or "jsonl"; left out, JSON lines are told by their first character
    and a page's kind is left to extraction.

    >>> pages = list(read_stdin(io.BytesIO(b'{"url": "https://news.example/a", "text": "Storm hits coast"}\\n')))
    >>> pages[0].source, pages[0].kind
    ('<stdin>:1', 'text')
    >>> next(read_stdin(io.BytesIO(b"<html><body><p>Hi</p></body></html>"))).source
    '<stdin>'
    """
    if kind not in (None, "html", "text", "jsonl"):
        raise ValueError(f"kind must be 'html', 'text' or 'jsonl', not {kind!r}")
    source = stream if stream is not None else sys.stdin.buffer
    try:
        head = source.read(_SNIFF_BYTES)
    except OSError as exc:
        yield SourceFailure(name, f"cannot read ({exc.strerror or exc})")
        return
    if kind == "jsonl" or (kind is None and head.lstrip().startswith(b"{")):
        joined = io.BufferedReader(_PrefixedStream(head, source))
        yield from _read_jsonl_stream(joined, name, 2 * max_bytes, None)
        return
    data = head + source.read(max(0, max_bytes + 1 - len(head)))
    if len(data) > max_bytes:
        yield SourceFailure(name, f"input is over the {_mib(max_bytes)} limit for one page")
        return
    if data.startswith(_GZIP_MAGIC):
        try:
            data = gunzip_capped(data, name, max_bytes)
        except ExtractionError as exc:
            yield SourceFailure(name, exc.reason)
            return
    yield RawPage(data=data, url=_saved_from_url(data), kind=kind, source=name)

"""Build the ingest benchmark's input: WARC files of news pages, repeated to any number of records.

The pages are the two extraction datasets under ``../shared/data`` (scrapinghub-aeb and
wcxb-dev-articles: 974 real news and blog pages), read from there and never copied into the
repository. Each page is written as a crawler writes it: a ``request`` record, then a ``response``
record with the HTTP status line and headers, ``WARC-Date`` and ``WARC-Identified-Payload-Type`` (as
in Common Crawl's CC-NEWS), one gzip member per record, as every crawler writes them. warcio
writes the records; each is gzipped here at level 6 rather than by warcio, whose fixed level 9
takes about twice as long to build a 50,000-record input for a file of nearly the same size.

974 pages make too small a crawl, so the pages are repeated, each copy under its own URL. How a
copy differs from its original decides what a store does with it, so it is a choice (``copies``):

* ``distinct``: every copy is a different article. Its URL and every absolute link to the page's host
  inside the HTML (canonical link, ``og:url``, JSON-LD ``url``) move to a host of its own
  (``c3.www.example.com``), and every ``<p>`` starts with the copy's number, so its body differs too.
  A store indexes each record as a new article: the most work a writer can be given.
* ``identical``: the same host change, the body left as it is: each copy is a republished copy of the
  same story on another site, which a store records as a duplicate of the first.

Copy 0 of every page is the page exactly as it is in the dataset.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

#: How copies differ from their original (see the module docstring).
COPY_MODES = ("distinct", "identical")

_PARAGRAPH_OPEN = re.compile(rb"<p(?:\s[^>]*)?>", re.IGNORECASE)
# One fixed fetch time: the benchmark measures throughput, not date handling.
_FETCHED_AT = "2025-10-01T08:30:00Z"
_HTTP_DATE = "Wed, 01 Oct 2025 08:30:00 GMT"


@dataclass(frozen=True, slots=True)
class SourcePage:
    """One dataset page: where it was published and its HTML bytes.

    >>> SourcePage("wcxb", "https://news.example/a", b"<html></html>").dataset
    'wcxb'
    """

    dataset: str
    url: str
    html: bytes


def load_pages(data_dir: Path) -> list[SourcePage]:
    """The scrapinghub-aeb and wcxb-dev-articles pages under ``data_dir``, in a stable order.

    Raises FileNotFoundError naming the first missing dataset file.

    >>> load_pages(Path("/nonexistent"))
    Traceback (most recent call last):
    ...
    FileNotFoundError: /nonexistent/scrapinghub-aeb/ground-truth.json
    """
    pages: list[SourcePage] = []
    scrapinghub = data_dir / "scrapinghub-aeb"
    truth_file = scrapinghub / "ground-truth.json"
    if not truth_file.is_file():
        raise FileNotFoundError(str(truth_file))
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        url = truth[page_id].get("url") or f"https://scrapinghub-aeb.example/{page_id}"
        pages.append(SourcePage("scrapinghub-aeb", url, _gunzip(scrapinghub / "html" / f"{page_id}.html.gz")))
    wcxb = data_dir / "wcxb-dev-articles"
    truth_dir = wcxb / "ground-truth"
    if not truth_dir.is_dir():
        raise FileNotFoundError(str(truth_dir))
    for truth_path in sorted(truth_dir.glob("*.json")):
        record = json.loads(truth_path.read_text(encoding="utf-8"))
        url = record.get("url") or f"https://wcxb.example/{truth_path.stem}"
        pages.append(SourcePage("wcxb-dev-articles", url, _gunzip(wcxb / "html" / f"{truth_path.stem}.html.gz")))
    return pages


def _gunzip(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def copy_host(host: str, copy: int) -> str:
    """The host copy ``copy`` of a page is published on (copy 0 keeps the original host).

    >>> copy_host("www.example.com", 0), copy_host("www.example.com", 7)
    ('www.example.com', 'c7.www.example.com')
    """
    return host if copy == 0 else f"c{copy}.{host}"


def page_copy(page: SourcePage, copy: int, mode: str = "distinct") -> tuple[str, bytes]:
    """The URL and HTML of copy ``copy`` of ``page`` (see the module docstring for ``mode``).

    >>> page = SourcePage("x", "https://news.example/a",
    ...                   b'<link rel="canonical" href="https://news.example/a"><p>Rain.</p><pre>x</pre>')
    >>> page_copy(page, 0) == (page.url, page.html)
    True
    >>> url, html = page_copy(page, 2)
    >>> url
    'https://c2.news.example/a'
    >>> html.decode()
    '<link rel="canonical" href="https://c2.news.example/a"><p>(2) Rain.</p><pre>x</pre>'
    >>> page_copy(page, 2, "identical")[1].decode()
    '<link rel="canonical" href="https://c2.news.example/a"><p>Rain.</p><pre>x</pre>'
    """
    if mode not in COPY_MODES:
        raise ValueError(f"copy mode must be one of {', '.join(COPY_MODES)}, not {mode!r}")
    if copy == 0:
        return page.url, page.html
    parts = urlsplit(page.url)
    host = parts.netloc
    moved = copy_host(host, copy)
    url = urlunsplit((parts.scheme, moved, parts.path, parts.query, parts.fragment))
    html = page.html
    if host:
        # Plain and JSON-escaped ("https:\/\/host") absolute links to the page's own site.
        for old, new in ((f"//{host}", f"//{moved}"), (f"\\/\\/{host}", f"\\/\\/{moved}")):
            html = html.replace(old.encode(), new.encode())
    if mode == "distinct":
        marker = f"({copy}) ".encode()
        html = _PARAGRAPH_OPEN.sub(lambda match: match.group(0) + marker, html)
    return url, html


def iter_copies(pages: list[SourcePage], records: int, mode: str = "distinct") -> Iterator[tuple[str, bytes]]:
    """``records`` (URL, HTML) pairs: every page once, then every page's copy 1, and so on.

    >>> pages = [SourcePage("x", "https://a.example/1", b"<p>A</p>"), SourcePage("x", "https://b.example/2", b"")]
    >>> [url for url, _ in iter_copies(pages, 3)]
    ['https://a.example/1', 'https://b.example/2', 'https://c1.a.example/1']
    """
    if not pages:
        raise ValueError("no pages to repeat")
    for index in range(records):
        copy, position = divmod(index, len(pages))
        yield page_copy(pages[position], copy, mode)


def write_response(writer: WARCWriter, url: str, html: bytes, only: str | None = None) -> None:
    """Write the request and response records of one fetched page (``only``: just that one).

    >>> out = io.BytesIO()
    >>> write_response(WARCWriter(out, gzip=False), "https://news.example/a", b"<p>Hi</p>")
    >>> out.getvalue().count(b"WARC-Type: response"), out.getvalue().count(b"WARC-Type: request")
    (1, 1)
    """
    host = urlsplit(url).netloc
    request = StatusAndHeaders(f"GET {_path_of(url)} HTTP/1.1",
                               [("Host", host), ("User-Agent", "newsdesk-benchmark/1.0"), ("Accept", "text/html")],
                               is_http_request=True)
    if only in (None, "request"):
        writer.write_record(writer.create_warc_record(url, "request", http_headers=request, payload=io.BytesIO(b""),
                                                      warc_headers_dict={"WARC-Date": _FETCHED_AT}))
    if only == "request":
        return
    http = StatusAndHeaders("200 OK", [
        ("Date", _HTTP_DATE),
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(html))),
        ("Server", "nginx"),
    ], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url, "response", payload=io.BytesIO(html), http_headers=http,
        warc_headers_dict={"WARC-Date": _FETCHED_AT, "WARC-Identified-Payload-Type": "text/html"}))


def gzipped_records(url: str, html: bytes) -> bytes:
    """The request and response records of one page, each its own gzip member (a .warc.gz's layout).

    >>> data = gzipped_records("https://news.example/a", b"<p>Hi</p>")
    >>> data[:3] == b"\\x1f\\x8b\\x08", gzip.decompress(data).count(b"WARC/1.")
    (True, 2)
    """
    members: list[bytes] = []
    for kind in ("request", "response"):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=False)
        write_response(writer, url, html, only=kind)
        members.append(gzip.compress(buffer.getvalue(), compresslevel=6, mtime=0))
    return b"".join(members)


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def write_warcs(pages: list[SourcePage], folder: Path, records: int, files: int = 1, *,
                mode: str = "distinct") -> list[Path]:
    """Write ``records`` responses as ``files`` .warc.gz files of consecutive records under ``folder``.

    Files are named ``bench-NNNNN-of-FFFFF.warc.gz``; file k holds records k*records/files onwards.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> paths = write_warcs([SourcePage("x", "https://a.example/1", b"<p>A</p>")], folder, 5, files=2)
    >>> [p.name for p in paths]
    ['bench-00000-of-00002.warc.gz', 'bench-00001-of-00002.warc.gz']
    """
    if files < 1 or records < files:
        raise ValueError(f"need at least one record per file: {records} records, {files} files")
    folder.mkdir(parents=True, exist_ok=True)
    copies = iter_copies(pages, records, mode)
    paths: list[Path] = []
    for index in range(files):
        start, end = index * records // files, (index + 1) * records // files
        path = folder / f"bench-{index:05d}-of-{files:05d}.warc.gz"
        with open(path, "wb") as out:
            for _ in range(start, end):
                url, html = next(copies)
                out.write(gzipped_records(url, html))
        paths.append(path)
    return paths

"""Small WARC files written by the tests with warcio, the way crawlers write them."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass
class Response:
    """One HTTP response to record: URL, status line, headers and body."""

    url: str
    body: bytes
    headers: list[tuple[str, str]] = field(default_factory=lambda: [("Content-Type", "text/html; charset=utf-8")])
    status: str = "200 OK"
    date: str = "2025-10-01T08:30:00Z"
    extra_warc_headers: dict[str, str] = field(default_factory=dict)


def write_warc(path: Path, records: list[Response | str], *, gzip: bool = True) -> list[int]:
    """Write a warcinfo record, then each response (with its request record before it); a str
    item writes a record of that type instead (``"revisit"``, ``"metadata"``). Returns the offset
    of every record written, in order."""
    offsets: list[int] = []
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        offsets.append(out.tell())
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsdesk-tests"}))
        for item in records:
            if isinstance(item, str):
                offsets.append(out.tell())
                writer.write_record(_other_record(writer, item))
                continue
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            offsets.append(out.tell())
            writer.write_record(writer.create_warc_record(item.url, "request", http_headers=request,
                                                          payload=io.BytesIO(b"")))
            http = StatusAndHeaders(item.status, list(item.headers), protocol="HTTP/1.1")
            warc_headers = {"WARC-Date": item.date, **item.extra_warc_headers}
            offsets.append(out.tell())
            writer.write_record(writer.create_warc_record(item.url, "response", payload=io.BytesIO(item.body),
                                                          http_headers=http, warc_headers_dict=warc_headers))
    return offsets


def _other_record(writer: WARCWriter, kind: str):  # type: ignore[no-untyped-def]
    url = "https://news.example/world/old-story"
    if kind == "revisit":
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        return writer.create_revisit_record(url, digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                            refers_to_uri=url, refers_to_date="2025-09-30T10:00:00Z",
                                            http_headers=http)
    return writer.create_warc_record(url, kind, payload=io.BytesIO(b"fetchTimeMs: 212\r\n"),
                                     warc_content_type="application/warc-fields")

"""Conditional GET for the feeds: an ETag and a Last-Modified date, and 304 when the client's copy is current.

Feed readers poll every few minutes; a feed of 30 full articles is hundreds of kilobytes. With
validators, an unchanged feed costs the reader a few header bytes. Starlette answers conditional
requests for static files only (inside ``StaticFiles``), so the few lines of RFC 9110's rules
the feeds need are here: ``If-None-Match`` first, and ``If-Modified-Since`` only without it.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from starlette.datastructures import Headers


def entity_tag(body: bytes) -> str:
    """A strong entity tag for ``body``: the same bytes always give the same tag.

    >>> entity_tag(b"feed") == entity_tag(b"feed"), entity_tag(b"feed") == entity_tag(b"feed!")
    (True, False)
    """
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def http_date(instant: str) -> str | None:
    """An RFC 3339 instant in UTC (``2025-10-01T06:00:00Z``) as an HTTP date; None if unreadable.

    >>> http_date("2025-10-01T06:00:00Z"), http_date("soon")
    ('Wed, 01 Oct 2025 06:00:00 GMT', None)
    """
    try:
        moment = datetime.strptime(instant, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None
    return format_datetime(moment, usegmt=True)


def _tags(header: str) -> list[str]:
    return [tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()]


def is_not_modified(headers: Headers, etag: str, last_modified: str | None) -> bool:
    """Whether the request's validators say the client already has this response (answer 304).

    >>> from starlette.datastructures import Headers
    >>> is_not_modified(Headers({"if-none-match": 'W/"a", "b"'}), '"b"', None)
    True
    >>> is_not_modified(Headers({"if-modified-since": "Wed, 01 Oct 2025 06:00:00 GMT"}), '"b"',
    ...                 "Wed, 01 Oct 2025 06:00:00 GMT")
    True
    >>> is_not_modified(Headers({"if-modified-since": "yesterday"}), '"b"', "Wed, 01 Oct 2025 06:00:00 GMT")
    False
    """
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        tags = _tags(if_none_match)
        return "*" in tags or etag in tags
    if_modified_since = headers.get("if-modified-since")
    if not if_modified_since or not last_modified:
        return False
    try:
        since, modified = parsedate_to_datetime(if_modified_since), parsedate_to_datetime(last_modified)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return modified <= since

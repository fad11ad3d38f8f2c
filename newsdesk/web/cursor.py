"""Opaque cursors for the API's paginated lists.

A cursor says where the next page starts and which request it belongs to, so a client
passes it back unchanged instead of computing offsets. It carries the position and a
fingerprint of the query and filters: a cursor replayed with other filters is refused
rather than silently giving a page of some other list.

The position is an offset because the store's public interface pages by offset
(:meth:`~newsdesk.store.Store.search`); the cursor format is versioned so it can become a
keyset position without breaking clients, who never look inside it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping

from newsdesk.web.config import MAX_OFFSET

_VERSION = 1


class CursorError(ValueError):
    """A cursor that this server did not make, or made for another request.

    >>> str(CursorError("cursor", "not a cursor this server made"))
    'cursor: not a cursor this server made'
    """

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


def request_fingerprint(params: Mapping[str, object]) -> str:
    """A short hash of the parameters that define a list (query and filters, not the page).

    >>> request_fingerprint({"q": "iraq", "section": None}) == request_fingerprint({"q": "iraq"})
    True
    >>> request_fingerprint({"q": "iraq"}) == request_fingerprint({"q": "syria"})
    False
    """
    defined = {key: value for key, value in sorted(params.items()) if value is not None}
    text = json.dumps(defined, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def encode_cursor(offset: int, fingerprint: str) -> str:
    """The opaque cursor of the page starting at ``offset`` of the list ``fingerprint`` names.

    >>> decode_cursor(encode_cursor(40, "abc"), "abc")
    40
    """
    data = json.dumps({"v": _VERSION, "o": int(offset), "f": fingerprint}, separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode("ascii")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, fingerprint: str, *, name: str = "cursor") -> int:
    """The offset a cursor points at (0 for no cursor); :class:`CursorError` if it is not valid here.

    >>> decode_cursor(None, "abc")
    0
    >>> decode_cursor("bm9wZQ", "abc")
    Traceback (most recent call last):
    ...
    newsdesk.web.cursor.CursorError: cursor: not a cursor this server made
    >>> decode_cursor(encode_cursor(20, "abc"), "xyz")
    Traceback (most recent call last):
    ...
    newsdesk.web.cursor.CursorError: cursor: made for another query or other filters
    >>> decode_cursor(encode_cursor(10**29, "abc"), "abc")
    Traceback (most recent call last):
    ...
    newsdesk.web.cursor.CursorError: cursor: points past the deepest page this server gives (10000 results)
    """
    if cursor is None or cursor == "":
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        version, offset, made_for = data["v"], data["o"], data["f"]
    except (ValueError, UnicodeEncodeError, binascii.Error, KeyError, TypeError) as exc:
        raise CursorError(name, "not a cursor this server made") from exc
    if version != _VERSION or not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise CursorError(name, "not a cursor this server made")
    if made_for != fingerprint:
        raise CursorError(name, "made for another query or other filters")
    if offset > MAX_OFFSET:
        # Only a forged cursor gets here: the server never pages past MAX_OFFSET, and SQLite's OFFSET overflows.
        raise CursorError(name, f"points past the deepest page this server gives ({MAX_OFFSET} results)")
    return offset

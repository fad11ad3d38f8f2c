"""Positions in the newest-first list of articles, for keyset pagination (:meth:`Store.page`).

A page of the list starts after the last article of the previous page, named by its sort key
(publication time in UTC, id), not by how many articles came before it. The store finds the
start with one index seek however deep the page is, and a page stays right when articles are
added above it while someone reads (an offset would repeat or skip articles then).

The position travels as an opaque token: ``n1.`` (the format's version) and the key as
base64url JSON. Callers pass back what they were given; a token this code cannot read is a
:class:`~newsdesk.errors.StoreError` naming ``after``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass

from newsdesk.errors import StoreError

#: Prefix of every token this version writes; another prefix is another format.
TOKEN_PREFIX = "n1."
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_MAX_ID = 2**63 - 1


@dataclass(frozen=True, slots=True)
class PagePosition:
    """Where a page of the newest-first list ended: the last article's publication time and id.

    ``published_utc`` is None for an undated article (undated articles come last, newest id first).

    >>> position = PagePosition("2025-10-01T08:00:00Z", 42)
    >>> PagePosition.from_token(position.token()) == position
    True
    >>> PagePosition.from_token("page 3")
    Traceback (most recent call last):
    ...
    newsdesk.errors.StoreError: after: not a page position this store made
    """

    published_utc: str | None
    id: int

    def token(self) -> str:
        """The position as an opaque, URL-safe token."""
        data = json.dumps([self.published_utc, self.id], separators=(",", ":")).encode("ascii")
        return TOKEN_PREFIX + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")

    @classmethod
    def from_token(cls, token: str) -> PagePosition:
        """Read a token made by :meth:`token`; :class:`StoreError` for anything else."""
        if not isinstance(token, str) or not token.startswith(TOKEN_PREFIX):
            raise StoreError("after", "not a page position this store made")
        body = token[len(TOKEN_PREFIX) :]
        try:
            published, article_id = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        except (ValueError, TypeError, UnicodeEncodeError, binascii.Error) as exc:
            raise StoreError("after", "not a page position this store made") from exc
        dated = isinstance(published, str) and _INSTANT.fullmatch(published) is not None
        if not (dated or published is None) or type(article_id) is not int or not 0 < article_id <= _MAX_ID:
            raise StoreError("after", "not a page position this store made")
        return cls(published, article_id)

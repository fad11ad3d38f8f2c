"""What the web reader and the REST API are configured with: the database, the write token, the limits.

Limits exist so that one request cannot make the server do unbounded work: a page of results
holds at most :data:`MAX_PAGE_SIZE` items, a query at most :data:`MAX_QUERY_CHARS` characters,
and a posted page at most :data:`MAX_POST_BYTES` bytes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from newsdesk.extract.encoding import MAX_PAGE_BYTES
from newsdesk.store.base import default_db_path

#: Environment variable holding the bearer token that allows writing through the API.
TOKEN_ENV = "NEWSDESK_TOKEN"
#: Items per page when the client does not say.
DEFAULT_PAGE_SIZE = 20
#: Most items one page of results may hold.
MAX_PAGE_SIZE = 100
#: Longest search query accepted, in characters (a pasted article is not a query).
MAX_QUERY_CHARS = 500
#: Longest value accepted for a filter (outlet, section, language, author), in characters.
MAX_FILTER_CHARS = 200
#: Deepest result reachable by paging, so that paging cannot ask the database to skip millions of rows.
MAX_OFFSET = 10_000
#: Largest request body accepted by the write endpoint: one page as extraction accepts it, plus JSON framing.
MAX_POST_BYTES = MAX_PAGE_BYTES + 64 * 1024
#: Items in a feed.
FEED_SIZE = 30


@dataclass(frozen=True, slots=True)
class WebConfig:
    """The settings one app is built with.

    ``token`` None means writing is disabled; reading never needs a token.

    >>> WebConfig(db="news.db").writes_enabled
    False
    >>> WebConfig(db="news.db", token="s3cret").writes_enabled
    True
    """

    db: str
    token: str | None = None
    site_title: str = "newsdesk"

    @property
    def writes_enabled(self) -> bool:
        """Whether the write endpoint accepts requests (a token is configured)."""
        return bool(self.token)


def token_from_env(name: str = TOKEN_ENV) -> str | None:
    """The write token held by environment variable ``name``; None when unset or blank.

    >>> os.environ["NEWSDESK_TEST_TOKEN"] = "  abc  "
    >>> token_from_env("NEWSDESK_TEST_TOKEN")
    'abc'
    >>> token_from_env("NEWSDESK_UNSET_VARIABLE") is None
    True
    """
    value = os.environ.get(name, "").strip()
    return value or None


def load_config(db: str | None = None, token: str | None = None) -> WebConfig:
    """An app's configuration: ``db`` else ``$NEWSDESK_DB`` else ``./newsdesk.db``; ``token`` else ``$NEWSDESK_TOKEN``.

    >>> load_config("news.db", token="t").token
    't'
    """
    return WebConfig(db=db or default_db_path(), token=(token or "").strip() or token_from_env())

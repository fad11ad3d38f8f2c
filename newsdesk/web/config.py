"""What the web reader and the REST API are configured with: the database, the write token, the limits.

Limits exist so that one request cannot make the server do unbounded work: a page of results
holds at most :data:`MAX_PAGE_SIZE` items, a query at most :data:`MAX_QUERY_CHARS` characters,
and a posted page at most :data:`MAX_POST_BYTES` bytes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsdesk.extract.encoding import MAX_PAGE_BYTES
from newsdesk.store.base import default_db_path

#: Environment variable holding the bearer token that allows writing through the API.
TOKEN_ENV = "NEWSDESK_TOKEN"
#: Environment variable holding the public address absolute links are made with (behind a proxy).
BASE_URL_ENV = "NEWSDESK_BASE_URL"
#: Environment variable holding the Host header values the server answers (comma-separated).
ALLOWED_HOSTS_ENV = "NEWSDESK_ALLOWED_HOSTS"
#: Environment variable holding the origins allowed to read the API from a browser (comma-separated).
CORS_ORIGINS_ENV = "NEWSDESK_CORS_ORIGINS"
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
    #: The public address of the server (``https://news.example/desk``), without a trailing slash.
    base_url: str | None = None
    #: Host header values answered (lower-case, ``*.example.org`` for subdomains); empty: any.
    allowed_hosts: tuple[str, ...] = ()
    #: Origins whose pages may read the API from a browser (CORS); empty: none.
    cors_origins: tuple[str, ...] = ()

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


class ConfigError(ValueError):
    """A setting the server cannot start with, naming the setting and the reason.

    >>> str(ConfigError("--base-url", "not an http(s) URL"))
    '--base-url: not an http(s) URL'
    """

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


def clean_base_url(value: str | None, name: str = "--base-url") -> str | None:
    """The public address links are made with: an absolute http(s) URL, without a trailing slash.

    >>> clean_base_url("https://News.example/desk/"), clean_base_url("  ")
    ('https://News.example/desk', None)
    >>> clean_base_url("news.example")
    Traceback (most recent call last):
    ...
    newsdesk.web.config.ConfigError: --base-url: 'news.example' is not an absolute http(s) URL
    """
    text = (value or "").strip()
    if not text:
        return None
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - reading it checks the port
    except ValueError as exc:
        raise ConfigError(name, f"{text!r} is not a URL ({exc})") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(name, f"{text!r} is not an absolute http(s) URL")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigError(name, f"{text!r} may hold no query, fragment or user name")
    return text.rstrip("/")


def split_list(value: str | None) -> tuple[str, ...]:
    """A comma- or space-separated setting as its items.

    >>> split_list("news.example, *.news.example  localhost"), split_list(None)
    (('news.example', '*.news.example', 'localhost'), ())
    """
    return tuple(item for item in (value or "").replace(",", " ").split() if item)


def clean_hosts(hosts: tuple[str, ...] | list[str], name: str = "--allowed-hosts") -> tuple[str, ...]:
    """Host names as the allowed-hosts check compares them: lower-case, ``*.`` for any subdomain.

    >>> clean_hosts(["News.Example", "*.news.example", "[::1]"])
    ('news.example', '*.news.example', '::1')
    >>> clean_hosts(["news.example:8080"])
    Traceback (most recent call last):
    ...
    newsdesk.web.config.ConfigError: --allowed-hosts: 'news.example:8080' is not a host name (give no port or scheme)
    """
    cleaned: list[str] = []
    for host in hosts:
        text = host.strip().lower()
        if text.startswith("[") and text.endswith("]"):
            text = text[1:-1]
        bare = text[2:] if text.startswith("*.") else text
        if text != "*" and (not bare or "/" in bare or "*" in bare or (":" in bare and bare.count(":") < 2)):
            raise ConfigError(name, f"{host!r} is not a host name (give no port or scheme)")
        cleaned.append(text)
    return tuple(cleaned)


def clean_origins(origins: tuple[str, ...] | list[str], name: str = "--cors-origin") -> tuple[str, ...]:
    """Origins allowed to read the API from a browser: ``scheme://host[:port]``, or ``*`` for any.

    >>> clean_origins(["https://app.example/", "*"])
    ('https://app.example', '*')
    >>> clean_origins(["https://app.example/path"])
    Traceback (most recent call last):
    ...
    newsdesk.web.config.ConfigError: --cors-origin: 'https://app.example/path' is not an origin (scheme://host[:port])
    """
    cleaned: list[str] = []
    for origin in origins:
        text = origin.strip().rstrip("/")
        if text != "*":
            try:
                parts = urlsplit(text)
                parts.port  # noqa: B018 - reading it checks the port
            except ValueError:
                parts = urlsplit("")
            if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
                raise ConfigError(name, f"{origin!r} is not an origin (scheme://host[:port])")
        cleaned.append(text)
    return tuple(cleaned)


def load_config(db: str | None = None, token: str | None = None, *, base_url: str | None = None,
                allowed_hosts: tuple[str, ...] | list[str] | None = None,
                cors_origins: tuple[str, ...] | list[str] | None = None) -> WebConfig:
    """An app's configuration: each setting as given, else from its environment variable.

    ``db`` else ``$NEWSDESK_DB`` else ``./newsdesk.db``; ``token`` else ``$NEWSDESK_TOKEN``;
    ``base_url`` else ``$NEWSDESK_BASE_URL``; ``allowed_hosts`` else ``$NEWSDESK_ALLOWED_HOSTS``;
    ``cors_origins`` else ``$NEWSDESK_CORS_ORIGINS``. A bad value is a :class:`ConfigError`.

    >>> load_config("news.db", token="t").token
    't'
    >>> load_config("news.db", base_url="https://news.example/", allowed_hosts=["News.example"]).allowed_hosts
    ('news.example',)
    """
    base = clean_base_url(base_url) if base_url else clean_base_url(os.environ.get(BASE_URL_ENV), BASE_URL_ENV)
    if allowed_hosts is not None:
        hosts = clean_hosts(allowed_hosts)
    else:
        hosts = clean_hosts(split_list(os.environ.get(ALLOWED_HOSTS_ENV)), ALLOWED_HOSTS_ENV)
    if cors_origins is not None:
        origins = clean_origins(cors_origins)
    else:
        origins = clean_origins(split_list(os.environ.get(CORS_ORIGINS_ENV)), CORS_ORIGINS_ENV)
    return WebConfig(db=db or default_db_path(), token=(token or "").strip() or token_from_env(), base_url=base,
                     allowed_hosts=hosts, cors_origins=origins)

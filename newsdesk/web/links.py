"""The address absolute links are made with (feeds, the API's ``*_url`` fields, JSON-LD), never the Host header.

A client chooses the Host header it sends. Links built from it could point anywhere, and a
cache in front of the server would keep such a poisoned feed or API answer and give it to
everyone. So links are made from, in order:

1. the configured public address (``--base-url`` / ``$NEWSDESK_BASE_URL``), the right choice
   behind a proxy;
2. the Host header, only when the allowed-hosts check (:mod:`newsdesk.web.hosts`) has vetted it;
3. the address the server is bound to and the client connected to (the ASGI ``server`` of the
   connection, which comes from the socket, not from the request).

>>> from starlette.requests import Request
>>> from newsdesk.web.config import WebConfig
>>> scope = {"type": "http", "path": "/", "headers": [(b"host", b"evil.example")], "server": ("127.0.0.1", 8080),
...          "scheme": "http", "root_path": ""}
>>> link_base(Request(scope), WebConfig(db="news.db"))
'http://127.0.0.1:8080'
>>> link_base(Request(scope), WebConfig(db="news.db", base_url="https://news.example/desk"))
'https://news.example/desk'
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request

from newsdesk.web.config import WebConfig
from newsdesk.web.state import app_state

_DEFAULT_PORTS = {"http": 80, "https": 443}


def bound_address(request: Request) -> str:
    """``scheme://host[:port]`` of the socket the request came in on, plus the app's root path; '' if unknown.

    >>> from starlette.requests import Request
    >>> bound_address(Request({"type": "http", "path": "/", "server": ("::1", 443), "scheme": "https"}))
    'https://[::1]'
    >>> bound_address(Request({"type": "http", "path": "/", "server": None}))
    ''
    """
    server = request.scope.get("server")
    root = str(request.scope.get("root_path", "")).rstrip("/")
    if not server or not server[0]:
        return root  # A Unix socket: no address to name, so links stay relative to the site's root.
    host, port = str(server[0]), server[1]
    scheme = str(request.scope.get("scheme", "http"))
    shown = f"[{host}]" if ":" in host else host
    if port is not None and _DEFAULT_PORTS.get(scheme) != port:
        shown = f"{shown}:{port}"
    return f"{scheme}://{shown}{root}"


def link_base(request: Request, config: WebConfig) -> str:
    """The address absolute links start with, without a trailing slash (see the module)."""
    if config.base_url:
        return config.base_url
    if config.allowed_hosts and "*" not in config.allowed_hosts:
        return str(request.base_url).rstrip("/")
    return bound_address(request)


def public_base(request: Request) -> str:
    """:func:`link_base` for a request of the newsdesk app."""
    return link_base(request, app_state(request).config)


def public_url(request: Request, base: str) -> str:
    """The full address of this request under ``base`` (a link base): the path, quoted again, and the query.

    >>> from starlette.requests import Request
    >>> request = Request({"type": "http", "path": "/feeds/outlets/Harbour Times.atom", "query_string": b"a=1",
    ...                    "server": ("127.0.0.1", 8080), "scheme": "http", "headers": []})
    >>> public_url(request, "https://news.example")
    'https://news.example/feeds/outlets/Harbour%20Times.atom?a=1'
    """
    root = str(request.scope.get("root_path", "")).rstrip("/")
    path = request.url.path
    if root and path.startswith(root):
        path = path[len(root):]
    query = request.url.query
    # Starlette's URL holds the decoded path: quote it again so "Harbour Times" stays one valid URL.
    return f"{base}{quote(path)}" + (f"?{query}" if query else "")

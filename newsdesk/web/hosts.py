"""The allowed-hosts check: with ``--allowed-hosts`` set, a request naming another Host is refused with 400.

Starlette's ``TrustedHostMiddleware`` does the same check, but answers in plain text; this one
answers the API's JSON error shape under /api/ (every API error is JSON), and matches hosts the
same way (an exact name, ``*.example.org`` for any subdomain, ``*`` for any). Once a Host header
has passed the check, links may be made from it (:mod:`newsdesk.web.links`).
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from newsdesk.web.errors import API_PREFIX, error_body


def host_of_header(value: str) -> str:
    """The host name of a Host header, lower-case, without its port or IPv6 brackets.

    >>> host_of_header("News.Example:8080"), host_of_header("[::1]:8080"), host_of_header("::1")
    ('news.example', '::1', '::1')
    """
    text = value.strip().lower()
    if text.startswith("["):
        return text[1:].split("]", 1)[0]
    if text.count(":") == 1:
        return text.split(":", 1)[0]
    return text


def host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    """Whether ``host`` (from :func:`host_of_header`) is one of ``allowed``.

    >>> allowed = ("news.example", "*.desk.example")
    >>> host_allowed("news.example", allowed), host_allowed("a.desk.example", allowed), host_allowed("evil", allowed)
    (True, True, False)
    >>> host_allowed("desk.example", allowed)
    False
    """
    for pattern in allowed:
        if pattern == "*" or pattern == host:
            return True
        if pattern.startswith("*.") and host.endswith(pattern[1:]):
            return True
    return False


class AllowedHosts:
    """ASGI middleware refusing requests whose Host header is not allowed (400); no list allows any host.

    >>> import asyncio
    >>> sent = []
    >>> async def send(message):
    ...     sent.append(message)
    >>> scope = {"type": "http", "path": "/api/v1/stats", "headers": [(b"host", b"evil.example")]}
    >>> asyncio.run(AllowedHosts(None, ("news.example",))(scope, None, send))
    >>> sent[0]["status"]
    400
    """

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.allowed:
            await self.app(scope, receive, send)
            return
        header = next((value.decode("latin-1") for name, value in scope.get("headers", []) if name == b"host"), "")
        if host_allowed(host_of_header(header), self.allowed):
            await self.app(scope, receive, send)
            return
        # The header is not echoed: it is the attacker's text.
        message = "this server does not answer to the Host header of the request (see --allowed-hosts)"
        if str(scope.get("path", "")).startswith(API_PREFIX):
            body = json.dumps(error_body(400, "host_not_allowed", message, [("header.host", "not allowed")]))
            media = b"application/json"
        else:
            body, media = f"Bad request: {message}.\n", b"text/plain; charset=utf-8"
        data = body.encode("utf-8")
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", media), (b"content-length", str(len(data)).encode("ascii"))]})
        await send({"type": "http.response.body", "body": data})

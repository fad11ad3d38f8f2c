"""Security headers on every response: what a browser may load on the reader's pages.

The pages need no script at all, so their Content-Security-Policy forbids scripts outright:
if some stored text ever slipped past escaping, a browser would still not run it. Images may
come from anywhere over http(s) (articles show their outlets' photos, which the server does not
copy); styles only from this server, plus inline ``style`` attributes (the bars of the outlet
page). The API documentation at /docs runs Swagger UI's scripts from its CDN, so it keeps
FastAPI's defaults. Written as plain ASGI middleware: it only adds headers, and plain ASGI costs
less per request than Starlette's ``BaseHTTPMiddleware``.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The policy of the reader's pages and feeds.
PAGE_POLICY = ("default-src 'none'; img-src http: https: data:; style-src 'self' 'unsafe-inline'; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: Paths that serve FastAPI's interactive documentation (scripts from a CDN).
DOCS_PATHS = ("/docs", "/redoc")

_COMMON = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"strict-origin-when-cross-origin")]


class SecurityHeaders:
    """ASGI middleware adding the headers above to every HTTP response.

    >>> import asyncio
    >>> async def app(scope, receive, send):
    ...     await send({"type": "http.response.start", "status": 200, "headers": []})
    >>> sent = []
    >>> async def send(message):
    ...     sent.append(message)
    >>> asyncio.run(SecurityHeaders(app)({"type": "http", "path": "/"}, None, send))
    >>> dict(sent[0]["headers"])[b"content-security-policy"].startswith(b"default-src 'none'")
    True
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        extra = list(_COMMON)
        if not path.startswith(DOCS_PATHS):
            extra.append((b"content-security-policy", PAGE_POLICY.encode("ascii")))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)

"""Security headers on every response: what a browser may load on the reader's pages and the API docs.

The pages need no script at all, so their Content-Security-Policy forbids scripts outright:
if some stored text ever slipped past escaping, a browser would still not run it. Images may
come from anywhere over http(s) (articles show their outlets' photos, which the server does not
copy); styles only from this server, plus inline ``style`` attributes (the bars of the outlet
page). The API documentation at /docs runs Swagger UI, served from the package
(:mod:`newsdesk.web.docs`): its policy allows scripts, styles, images and the OpenAPI document
from this server only. Written as plain ASGI middleware: it only adds headers, and plain ASGI
costs less per request than Starlette's ``BaseHTTPMiddleware``.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The policy of the reader's pages and feeds.
PAGE_POLICY = ("default-src 'none'; img-src http: https: data:; style-src 'self' 'unsafe-inline'; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: The policy of the API documentation: Swagger UI's files and the OpenAPI document, all from this server.
#: Swagger UI sets inline style attributes and draws its icons from data: URIs, hence those two.
DOCS_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: Paths that serve the interactive documentation.
DOCS_PATHS = ("/docs",)

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
        policy = DOCS_POLICY if path.startswith(DOCS_PATHS) else PAGE_POLICY
        extra = [*_COMMON, (b"content-security-policy", policy.encode("ascii"))]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)

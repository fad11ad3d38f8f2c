"""HEAD on every GET route, and CORS for the read API when it is switched on.

FastAPI registers a GET route for GET only, so HEAD (what link checkers, feed readers and
monitors send) answered 405. :class:`HeadAsGet` answers HEAD as the GET it stands for, without
the body, the same headers included (RFC 9110, 9.3.2), for every route at once instead of a
second registration per route.

:func:`api_cors` wraps Starlette's ``CORSMiddleware`` so that it applies to the API only, and
allows only reading (GET, HEAD, and the OPTIONS preflight): a page on another origin may read
articles, never post with a token.
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk.web.errors import API_PREFIX

#: Seconds a browser may keep a preflight's answer.
CORS_MAX_AGE = 600


class HeadAsGet:
    """ASGI middleware answering HEAD with the GET response's status and headers, and no body.

    >>> import asyncio
    >>> async def app(scope, receive, send):
    ...     await send({"type": "http.response.start", "status": 200, "headers": [(b"x-method", scope["method"])]})
    ...     await send({"type": "http.response.body", "body": b"hello"})
    >>> sent = []
    >>> async def send(message):
    ...     sent.append(message)
    >>> asyncio.run(HeadAsGet(app)({"type": "http", "method": "HEAD", "path": "/"}, None, send))
    >>> sent[0]["headers"], sent[1]["body"]
    ([(b'x-method', 'GET')], b'')
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


def api_cors(app: ASGIApp, origins: tuple[str, ...]) -> ASGIApp:
    """``app`` with CORS for reading the API from ``origins`` (``*`` for any); ``app`` itself when none.

    >>> async def app(scope, receive, send):
    ...     pass
    >>> api_cors(app, ()) is app, api_cors(app, ("https://app.example",)) is app
    (True, False)
    """
    if not origins:
        return app
    cors = CORSMiddleware(app, allow_origins=list(origins), allow_methods=["GET", "HEAD"], allow_headers=[],
                          allow_credentials=False, max_age=CORS_MAX_AGE)

    async def route(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope.get("path", "")).startswith(API_PREFIX):
            await cors(scope, receive, send)
        else:
            await app(scope, receive, send)

    return route

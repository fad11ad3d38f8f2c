"""The FastAPI application: the reader's pages, the feeds, the REST API under /api/v1, OpenAPI at /docs.

:func:`create_app` builds one app over one store. ``uvicorn`` serves it (``newsdesk serve``);
tests drive it through ``fastapi.testclient.TestClient`` without a network. Around the routes,
from the outside in: the allowed-hosts check, the security headers, HEAD as GET, and CORS for
the read API when origins are configured.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsdesk import __version__
from newsdesk.web import api, docs, enrichment, feeds, pages, stories
from newsdesk.web.config import load_config
from newsdesk.web.errors import install_error_handlers
from newsdesk.web.headers import SecurityHeaders
from newsdesk.web.hosts import AllowedHosts
from newsdesk.web.methods import HeadAsGet, api_cors
from newsdesk.web.state import AppState
from newsdesk.web.stores import ThreadStores, prepare_database

STATIC_DIR = Path(__file__).parent / "static"

_DESCRIPTION = """Read and search the news newsdesk has stored, and ingest more.

Reading needs no token. Lists are paged with an opaque `cursor`: pass back the `next_cursor` of
the previous page. `POST /api/v1/ingest` needs `Authorization: Bearer <token>`, the token the
server was configured with (`NEWSDESK_TOKEN`); without one configured, writing is disabled (403).

Errors are `{"error": {"status", "code", "message", "errors": [{"location", "message"}]}}`.
"""


def create_app(db: str | None = None, *, token: str | None = None, allow_private_urls: bool = False,
               base_url: str | None = None, allowed_hosts: list[str] | tuple[str, ...] | None = None,
               cors_origins: list[str] | tuple[str, ...] | None = None) -> FastAPI:
    """The newsdesk web app over the store at ``db`` (default ``$NEWSDESK_DB``, else ``./newsdesk.db``).

    ``token`` (default ``$NEWSDESK_TOKEN``) is the bearer token that allows writing; without one,
    writing is disabled. A missing database is created, an old one migrated.
    ``allow_private_urls`` lets the ingest endpoint fetch loopback and private addresses.
    ``base_url`` (default ``$NEWSDESK_BASE_URL``) is the public address absolute links use;
    ``allowed_hosts`` (default ``$NEWSDESK_ALLOWED_HOSTS``) the Host headers answered, others 400;
    ``cors_origins`` (default ``$NEWSDESK_CORS_ORIGINS``) the origins whose pages may read the API.
    A bad setting is a :class:`~newsdesk.web.config.ConfigError`.

    >>> import tempfile, os
    >>> from fastapi.testclient import TestClient
    >>> client = TestClient(create_app(os.path.join(tempfile.mkdtemp(), "news.db")))
    >>> client.get("/api/v1/stats").json()["articles"]
    0
    """
    config = load_config(db, token, base_url=base_url, allowed_hosts=allowed_hosts, cors_origins=cors_origins)
    prepare_database(config.db)
    app = FastAPI(
        docs_url=None,
        redoc_url=None,
        title="newsdesk",
        version=__version__,
        description=_DESCRIPTION,
        openapi_tags=[
            {"name": "articles", "description": "Stored articles: lists, search, one article, related articles."},
            {"name": "outlets", "description": "The outlets articles come from."},
            {"name": "stories", "description": "Stories across outlets and over time: coverage, copies, timelines."},
            {"name": "entities", "description": "People, organisations and places, and who said what."},
            {"name": "store", "description": "Counts over the whole store."},
            {"name": "ingest", "description": "Add an article (needs the bearer token)."},
        ],
    )
    app.state.newsdesk = AppState(config, ThreadStores(config.db), allow_private_urls=allow_private_urls)
    install_error_handlers(app, pages.error_page)
    app.include_router(api.router)
    app.include_router(enrichment.api_router)
    app.include_router(stories.api_router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.include_router(enrichment.pages_router)
    app.include_router(stories.pages_router)
    app.include_router(docs.router)
    app.mount(docs.ASSETS_PATH, docs.assets(), name="docs_assets")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # add_middleware wraps what was added before it: the last added runs first.
    if config.cors_origins:
        app.add_middleware(api_cors, origins=config.cors_origins)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    if config.allowed_hosts:
        app.add_middleware(AllowedHosts, allowed=_answered_hosts(config.allowed_hosts, config.base_url))
    return app


def _answered_hosts(allowed: tuple[str, ...], base_url: str | None) -> tuple[str, ...]:
    # The public address's own host is always answered: links point there.
    host = urlsplit(base_url).hostname if base_url else None
    return (*allowed, host) if host and host not in allowed else allowed

"""What every route of one app shares: its configuration and its stores, kept on ``app.state``.

>>> from fastapi import FastAPI
>>> from newsdesk.web.config import WebConfig
>>> app = FastAPI()
>>> app.state.newsdesk = AppState(WebConfig(db="news.db"), ThreadStores("news.db"))
>>> app.state.newsdesk.config.writes_enabled
False
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request

from newsdesk.store import SQLiteStore, sqlite_store
from newsdesk.web.cache import StatsCache
from newsdesk.web.config import WebConfig
from newsdesk.web.stores import ThreadStores


@dataclass(slots=True)
class AppState:
    """The configuration and the stores of one app.

    ``stats`` keeps the store-wide counts the pages show for a few seconds.
    ``allow_private_urls`` lets the write endpoint fetch loopback and private addresses
    (for tests and for a server that ingests from an intranet on purpose).
    """

    config: WebConfig
    stores: ThreadStores
    allow_private_urls: bool = False
    stats: StatsCache = field(default_factory=StatsCache)


def app_state(request: Request) -> AppState:
    """The state of the app serving ``request``."""
    state: AppState = request.app.state.newsdesk
    return state


def sqlite_reader(request: Request, needs: str) -> SQLiteStore:
    """This thread's reading store for ``request`` as the SQLite store, which alone keeps ``needs`` (entities
    and quotes, stories); a :class:`~newsdesk.errors.StoreError` saying so for another kind of store.

    >>> import os, tempfile
    >>> from fastapi import FastAPI
    >>> from newsdesk.web.stores import prepare_database
    >>> path = os.path.join(tempfile.mkdtemp(), "news.db"); prepare_database(path)
    >>> app = FastAPI()
    >>> app.state.newsdesk = AppState(WebConfig(db=path), ThreadStores(path))
    >>> sqlite_reader(Request({"type": "http", "app": app}), "stories").stories()
    []
    """
    return sqlite_store(app_state(request).stores.reader(), needs)

"""Where newsdesk keeps news: the :class:`Store` interface and its SQLite implementation.

>>> from newsdesk.store import open_store, Filters
>>> with open_store(":memory:") as store:
...     store.search("iraq", Filters(lang="en"))
[]
"""

from newsdesk.store.base import (
    ArticleOutcome,
    FailureOutcome,
    FailureRecord,
    Filters,
    Highlighted,
    NotArticleOutcome,
    Outcome,
    Outlet,
    SearchHit,
    Store,
    StoredArticle,
    StoredRawPage,
    StoreError,
    StoreStats,
    WarcRef,
    WriteSummary,
    article_key,
    body_fingerprint,
)
from newsdesk.store.export import EXPORT_FORMATS, export_articles
from newsdesk.store.sqlite import SQLiteStore, open_store, sqlite_store

__all__ = [
    "EXPORT_FORMATS",
    "ArticleOutcome",
    "FailureOutcome",
    "FailureRecord",
    "Filters",
    "Highlighted",
    "NotArticleOutcome",
    "Outcome",
    "Outlet",
    "SQLiteStore",
    "SearchHit",
    "Store",
    "StoreError",
    "StoreStats",
    "StoredArticle",
    "StoredRawPage",
    "WarcRef",
    "WriteSummary",
    "article_key",
    "body_fingerprint",
    "export_articles",
    "open_store",
    "sqlite_store",
]

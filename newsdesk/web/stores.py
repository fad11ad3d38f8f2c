"""Store connections for the server: one read-only store per worker thread, a writable one per write.

A SQLite connection belongs to the thread that opened it, and the server answers requests in
a pool of worker threads. Opening a store per request would pay for the connection and the
schema check every time; instead each worker thread keeps its own read-only store for the
life of the app. Writes (the ingest endpoint) are rare, so each opens a writable store for
its request and closes it. SQLite's WAL mode lets the readers go on while a write commits.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsdesk.errors import StoreError
from newsdesk.store import Store, open_store


def prepare_database(path: str) -> None:
    """Make sure a store exists at ``path`` at the schema this newsdesk reads.

    A missing file is created; a file at an older schema is migrated; a file that is
    already current is only opened read-only, so serving a database never writes to it.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "news.db")
    >>> prepare_database(path); os.path.exists(path)
    True
    """
    if path == ":memory:":
        raise StoreError(path, "the server needs a database file: every worker thread opens its own connection")
    if Path(path).exists():
        try:
            open_store(path, read_only=True).close()
            return
        except StoreError:
            pass  # An older schema: opening it for writing below migrates it, or says why it cannot.
    open_store(path).close()


class ThreadStores:
    """Read-only stores, one per thread, opened on first use.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "news.db"); prepare_database(path)
    >>> stores = ThreadStores(path)
    >>> stores.reader() is stores.reader(), stores.reader().count()
    (True, 0)
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()

    def reader(self) -> Store:
        """This thread's read-only store."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.path, read_only=True)
            self._local.store = store
        return store

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """A writable store for one write, closed when the block ends.

        >>> import tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "news.db"); prepare_database(path)
        >>> with ThreadStores(path).writer() as store:
        ...     store.write_batch([]).inputs
        0
        """
        store = open_store(self.path)
        try:
            yield store
        finally:
            store.close()

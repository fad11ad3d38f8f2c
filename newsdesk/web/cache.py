"""Store-wide counts kept for a few seconds, for the pages that show them on every request.

The home page and the search page's menus and facets need the counts by outlet, section and
language of the whole store (:meth:`~newsdesk.store.Store.stats`), which scan every article:
far more work than the rest of those pages on a large store, for numbers that change only
when a batch is written. They are computed at most once per ``ttl`` seconds per app, so a page
may show counts up to that old. The API's ``/stats`` reads them fresh.
"""

from __future__ import annotations

import threading
import time

from newsdesk.store import Store, StoreStats

#: Seconds store-wide counts are reused for the pages.
STATS_TTL = 10.0


class StatsCache:
    """The store's stats, recomputed when older than ``ttl`` seconds.

    >>> from newsdesk.store import open_store
    >>> cache = StatsCache(ttl=60)
    >>> with open_store(":memory:") as store:
    ...     cache.get(store) is cache.get(store)
    True
    """

    def __init__(self, ttl: float = STATS_TTL) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._stats: StoreStats | None = None
        self._at = 0.0

    def get(self, store: Store) -> StoreStats:
        """The stats, from ``store`` when the kept ones are missing or too old."""
        with self._lock:
            if self._stats is not None and time.monotonic() - self._at < self.ttl:
                return self._stats
        # Computed outside the lock: two threads may both compute once, but none waits on the other's scan.
        stats = store.stats()
        with self._lock:
            self._stats, self._at = stats, time.monotonic()
        return stats

    def clear(self) -> None:
        """Forget the kept stats (after a write through this app)."""
        with self._lock:
            self._stats = None

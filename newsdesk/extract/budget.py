"""A cap on the work one page may take, so that a pathological page fails fast instead of hanging.

Parsing is linear, but measuring subtrees of a 100,000-deep DOM is quadratic; rather than make
every measure depth-aware, the loops that could blow up check a CPU-time deadline now and then.
"""

from __future__ import annotations

import time
from typing import Final

from newsdesk.errors import PageTooComplexError

#: CPU seconds one page may take in the stages that loop over its elements. Ordinary pages
#: take a few milliseconds; only an adversarial or broken page comes near.
MAX_PAGE_CPU_SECONDS: Final = 3.0

# Checks happen once per this many steps: a clock read is cheap, but not free.
_CHECK_EVERY: Final = 64


class WorkBudget:
    """Counts steps and raises :class:`PageTooComplexError` once the page's CPU time is spent.

    >>> budget = WorkBudget("page.html", seconds=60)
    >>> for _ in range(1000):
    ...     budget.step()
    >>> WorkBudget("page.html", seconds=0).check()
    Traceback (most recent call last):
    ...
    newsdesk.errors.PageTooComplexError: page.html: page too complex: over 0 s of CPU time (nesting or size)
    """

    __slots__ = ("deadline", "limit", "source", "steps")

    def __init__(self, source: str | None = None, seconds: float = MAX_PAGE_CPU_SECONDS) -> None:
        self.source = source
        self.limit = seconds
        self.deadline = time.process_time() + seconds
        self.steps = 0

    def step(self) -> None:
        """Count one unit of work; every few steps, compare the clock with the deadline."""
        self.steps += 1
        if self.steps % _CHECK_EVERY == 0:
            self.check()

    def check(self) -> None:
        """Raise if the deadline has passed."""
        if time.process_time() >= self.deadline:
            raise PageTooComplexError(
                self.source, f"page too complex: over {self.limit:g} s of CPU time (nesting or size)")

"""How far an ingest has got: a rich progress bar on a terminal, a line every few seconds elsewhere.

When every source is a local file or folder, the work is measured in bytes: the sizes of the
files a folder walk reads, a WARC file by how far into it the reader is (its records' offsets),
so a crawl of a few large files still gets a rate and an ETA. URLs, feeds, sources files and
standard input have no total known ahead: the bar is then a spinner with counts.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence

from newsdesk.cli.common import say
from newsdesk.ingest import SourceFailure
from newsdesk.ingest.files import walk_files
from newsdesk.ingest.warc import record_location
from newsdesk.model import RawPage
from newsdesk.pipeline import IngestReport

#: Seconds between progress lines when standard error is not a terminal (logs, CI).
LOG_EVERY_SECONDS = 10.0


def _is_local(source: str) -> bool:
    return source != "-" and "://" not in source and not source.lower().endswith(".toml")


def input_sizes(sources: Sequence[str]) -> dict[str, int] | None:
    """Bytes of every file the local ``sources`` name or hold; None when some source is not local.

    >>> input_sizes(["https://news.example/rss"]) is None
    True
    >>> input_sizes(["/nonexistent/page.html"])
    {}
    """
    if not all(_is_local(source) for source in sources):
        return None
    sizes: dict[str, int] = {}
    for source in sources:
        names = walk_files(source) if os.path.isdir(source) else [source]
        for name in names:
            if isinstance(name, str):
                try:
                    sizes[name] = os.path.getsize(name)
                except OSError:
                    continue
    return sizes


class ByteMeter:
    """Bytes of the local inputs read so far, told by the ``source`` names of what the readers yield.

    >>> meter = ByteMeter({"a.html": 100, "crawl.warc.gz": 1000})
    >>> meter.observe(RawPage(b"", source="a.html")); meter.done
    100
    >>> meter.observe(RawPage(b"", source="crawl.warc.gz#400")); meter.done
    500
    """

    def __init__(self, sizes: dict[str, int]) -> None:
        self.sizes = sizes
        self.total = sum(sizes.values())
        self._finished = 0
        self._current: str | None = None
        self._position = 0

    @property
    def done(self) -> int:
        """Bytes read: whole files finished, and the position in the file being read."""
        return min(self.total, self._finished + self._position)

    def observe(self, item: RawPage | SourceFailure) -> None:
        """Account for one item a reader yielded."""
        source = item.source or ""
        if source in self.sizes:
            path, position = source, self.sizes[source]
        elif (location := record_location(source)) is not None and location.path in self.sizes:
            path, position = location.path, location.offset
        elif (head := source.rpartition(":")[0]) in self.sizes:
            path, position = head, 0  # A line of a .jsonl file: counted whole when the file ends.
        else:
            return
        if path != self._current:
            if self._current is not None:
                self._finished += self.sizes[self._current]
            self._current, self._position = path, 0
        self._position = max(self._position, position)


class Progress:
    """Progress of one ingest: a bar (with total, rate and ETA where known) or periodic log lines."""

    def __init__(self, quiet: bool, sizes: dict[str, int] | None = None) -> None:
        self.quiet = quiet
        self.meter = ByteMeter(sizes) if sizes else None
        self.last_line = time.monotonic()
        self.report = IngestReport()
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from rich import progress as rich

            if self.meter is not None:
                columns: list[rich.ProgressColumn | str] = [
                    rich.SpinnerColumn(), rich.TextColumn("{task.description}"), rich.BarColumn(),
                    rich.DownloadColumn(), rich.TransferSpeedColumn(), rich.TimeRemainingColumn()]
                total: float | None = self.meter.total
            else:
                columns = [rich.SpinnerColumn(), rich.TextColumn("{task.description}"), rich.TimeElapsedColumn()]
                total = None
            self.bar = rich.Progress(*columns, transient=True)
            self.task = self.bar.add_task("ingesting", total=total)
            self.bar.start()

    def track(self, items: Iterable[RawPage | SourceFailure]) -> Iterator[RawPage | SourceFailure]:
        """Pass ``items`` through, measuring the bytes read."""
        for item in items:
            if self.meter is not None:
                self.meter.observe(item)
                if self.bar is not None:
                    self.bar.update(self.task, completed=self.meter.done)
            yield item

    def update(self, report: IngestReport) -> None:
        """Show the counts after a batch was written."""
        self.report = report
        w = report.written
        counts = f"{report.inputs} inputs · {w.inserted} new · {w.quarantined} failed"
        if self.bar is not None:
            self.bar.update(self.task, description=counts)
        elif not self.quiet and time.monotonic() - self.last_line >= LOG_EVERY_SECONDS:
            self.last_line = time.monotonic()
            share = f" · {100 * self.meter.done / self.meter.total:.0f}% of the bytes" if self.meter else ""
            say(f"newsdesk: {report.summary()}{share}")

    def close(self) -> None:
        """Take the bar off the terminal (the summary is printed after it, whole)."""
        if self.bar is not None:
            self.bar.stop()

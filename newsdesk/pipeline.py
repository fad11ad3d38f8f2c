"""Compose the stages over batches: read -> extract, enrich, connect (worker processes) -> write (one writer).

The worker stage, :func:`to_outcomes`, is a plain function over a batch with no database
access and picklable inputs and outputs, so it runs the same inline, in a process pool, and
as Ray tasks. It extracts and enriches each input, then computes the batch's connect features
at once (:func:`newsdesk.connect.stage.connect_features`: copy signatures and embeddings, which
cost far less per article in a batch). Only :func:`run_ingest`'s caller-side loop touches the
store: the writer checks those features against what is stored (copies, stories) in the batch's
transaction, and after the last batch runs the periodic pass that links story chains.

Batches are written in the order they were read, whatever order the workers finish in, so that
"which copy of a duplicate came first" does not depend on scheduling: an interrupted ingest run
again gives exactly the articles of an uninterrupted one. A run asked to skip what is recorded
asks the store about each batch before extracting it, so a rerun pays only for what is missing.

Workers die with the process that started them: a ``kill -9`` of an ingest must not leave
extraction processes blocked forever on a pipe nobody will write to (``ProcessPoolExecutor``
has no such guarantee). On Linux the kernel signals them (``PR_SET_PDEATHSIG``); everywhere a
watchdog thread notices that the parent is gone.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from types import FrameType

from newsdesk.connect.embeddings import DEFAULT_MODEL, unknown_model
from newsdesk.connect.stage import connect_features, embedding_unavailable
from newsdesk.enrich import enrich_batch
from newsdesk.errors import ExtractionError, NewsdeskError
from newsdesk.extract import extract
from newsdesk.ingest import SourceFailure
from newsdesk.ingest.warc import REDIRECT_REASON, record_location
from newsdesk.model import RawPage
from newsdesk.store import (
    ArticleOutcome,
    FailureOutcome,
    NotArticleOutcome,
    Outcome,
    Store,
    WarcRef,
    WriteSummary,
)

#: Inputs per batch: large enough to amortise a transaction and a pickle round trip,
#: small enough that an interrupted run loses little work and memory stays flat.
DEFAULT_BATCH_SIZE = 100

#: Seconds between a worker's checks that its parent is still alive (where the kernel cannot tell it).
PARENT_CHECK_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1

#: Reason recorded for a page extraction judged not to be an article.
NOT_AN_ARTICLE = "not an article (a listing or index page, or too little text)"


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did, for the summary line and the exit code.

    >>> report = IngestReport(inputs=3, written=WriteSummary(inserted=2, quarantined=1))
    >>> report.failed, report.exit_code
    (1, 1)
    """

    #: Inputs read, ``skipped`` included.
    inputs: int = 0
    #: Inputs an earlier run recorded, not extracted again.
    skipped: int = 0
    written: WriteSummary = field(default_factory=WriteSummary)
    interrupted: bool = False
    run_id: int | None = None
    #: Things the user should hear once (the embedding model is not installed...), for the CLI to print.
    notes: list[str] = field(default_factory=list)
    #: Story chains the pass at the end of the run linked: made, or moved to another story (one it undid, as later
    #: reports showed the stories apart, is not counted).
    chains: int = 0

    @property
    def failed(self) -> int:
        """Inputs quarantined with a reason."""
        return self.written.quarantined

    @property
    def exit_code(self) -> int:
        """0 when every input was read, 1 when some failed (the others are stored), 130 when interrupted."""
        if self.interrupted:
            return 130
        return 1 if self.failed else 0

    def summary(self) -> str:
        """One line for people and logs.

        >>> IngestReport(inputs=2, written=WriteSummary(inserted=1, duplicates=1)).summary()
        'inputs 2 · articles stored 1 · updated 0 · unchanged 0 · duplicates 1 · not articles 0 · failures 0'
        """
        w = self.written
        recorded = f" · already recorded {self.skipped}" if self.skipped else ""
        return (f"inputs {self.inputs} · articles stored {w.inserted} · updated {w.updated} · "
                f"unchanged {w.unchanged} · duplicates {w.duplicates} · not articles {w.not_articles} · "
                f"failures {w.quarantined}{recorded}")


def _warc_ref(page: RawPage) -> WarcRef | None:
    location = record_location(page.source or "")
    return WarcRef(location.path, location.offset, location.length) if location else None


def to_outcome(item: RawPage | SourceFailure, enrich: bool = True) -> Outcome:
    """Extract (and, with ``enrich``, enrich) one input and say what became of it.

    This is the per-item body of :func:`to_outcomes`. Enrichment never fails an input: an article
    whose enrichment fails keeps its reason in ``enrich_error`` and is stored without annotations.

    >>> outcome = to_outcome(RawPage(b"", url="https://news.example/a", source="a.html"))
    >>> type(outcome).__name__, outcome.reason
    ('FailureOutcome', 'empty input')
    """
    if isinstance(item, SourceFailure):
        if item.skipped and item.reason.startswith(REDIRECT_REASON):
            # A crawl's redirect record holds no page, and the page it points to is its own record:
            # recorded, but neither an article nor a failure (a normal CC-NEWS file is full of them).
            return NotArticleOutcome(item.source, item.url, item.reason)
        # Any other input without a page (a PDF, an HTTP 404, a robots.txt refusal) is quarantined
        # with its reason: the user sees it in `stats`, and the exit code says some inputs failed.
        return FailureOutcome(item.source, "read", item.reason, url=item.url)
    name = item.source or item.url or "<input>"
    warc = _warc_ref(item)
    # A page whose bytes live in a WARC is kept as a pointer, not carried back from the worker.
    raw = None if warc else item
    try:
        article = extract(item.data, url=item.final_url or item.url, kind=item.kind,
                          content_type=item.headers.get("content-type"), source=name)
    except ExtractionError as exc:
        return FailureOutcome(name, "extract", exc.reason, url=item.url, raw=raw, warc=warc)
    if article.url is None:
        # A saved page without its address still names itself through its canonical link.
        article.url = item.url or article.canonical_url
    if not article.is_article:
        return NotArticleOutcome(name, item.final_url or item.url, NOT_AN_ARTICLE, raw=raw, warc=warc)
    if enrich:
        article = enrich_batch([article])[0]
    return ArticleOutcome(name, article, raw=raw, warc=warc)


def to_outcomes(items: list[RawPage | SourceFailure], enrich: bool = True, connect: bool = True,
                model: str = DEFAULT_MODEL) -> list[Outcome]:
    """The worker stage over a batch: extract (and enrich) each input, then, with ``connect``, compute the
    batch's articles' connect features together (embedded by ``model``); one outcome per input, never an exception.

    It runs in the worker processes, so statistical NER and the embedding model (each loaded once per
    process) never run on the writer. An article whose connect features fail keeps the reason in its
    :class:`~newsdesk.connect.stage.ConnectFeatures` and is stored without them.

    >>> [type(o).__name__ for o in to_outcomes([SourceFailure("x.pdf", "content type application/pdf",
    ...                                                          skipped=True)])]
    ['FailureOutcome']
    """
    outcomes = [to_outcome(item, enrich) for item in items]
    if connect:
        articles = [outcome for outcome in outcomes if isinstance(outcome, ArticleOutcome)]
        for outcome, features in zip(articles, connect_features([o.article for o in articles], model=model),
                                     strict=True):
            outcome.connect = features
    return outcomes


def ingest_model(store: Store, wanted: str | None = None) -> str:
    """The embedding model an ingest into ``store`` embeds with: ``wanted``, else the one the store's vectors
    come from, else :data:`~newsdesk.connect.embeddings.DEFAULT_MODEL` (MiniLM, English).

    A store compares every article's vector with the others', so it keeps one model: a store begun with ``e5``
    (multilingual, for news that is mostly not English) goes on with it, and asking for another model than the one
    its vectors come from is refused rather than mixing two spaces.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     ingest_model(store), ingest_model(store, "e5")
    ('minilm', 'e5')
    >>> with open_store(":memory:") as store:
    ...     ingest_model(store, "bert")
    Traceback (most recent call last):
    ...
    newsdesk.errors.NewsdeskError: unknown embedding model 'bert' (known: e5, minilm)
    """
    if wanted is not None and (unknown := unknown_model(wanted)) is not None:
        raise NewsdeskError(unknown)
    stored = store.embedding_model()
    if wanted is not None and stored is not None and wanted != stored:
        raise NewsdeskError(f"the store's articles are embedded with {stored}; embedding new ones with {wanted} "
                            f"would put them where they cannot be compared (leave the option out to go on with "
                            f"{stored}, or start another store)")
    return wanted or stored or DEFAULT_MODEL


def batched(items: Iterable[RawPage | SourceFailure], size: int) -> Iterator[list[RawPage | SourceFailure]]:
    """Split a stream into lists of ``size`` items (the last may be shorter).

    >>> [len(b) for b in batched(iter(range(5)), 2)]
    [2, 2, 1]
    """
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def run_ingest(
    items: Iterable[RawPage | SourceFailure],
    store: Store,
    *,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    command: str = "ingest",
    progress: Callable[[IngestReport], None] | None = None,
    skip_recorded: bool = False,
    enrich: bool = True,
    connect: bool = True,
    model: str | None = None,
) -> IngestReport:
    """Extract every input and write the outcomes to ``store``, batch by batch.

    ``workers`` processes extract (default: one per core); with 1, everything runs inline.
    Every batch is committed as it completes, so an interrupted run keeps what it wrote and
    the same command run again adds exactly what is missing. With ``skip_recorded``, pages the
    store already recorded (:meth:`Store.recorded_inputs`) are counted as ``skipped`` and not
    extracted again. With ``enrich`` (the default) every article is enriched in the workers
    (:func:`newsdesk.enrich.enrich_batch`). With ``connect`` (the default) the workers compute each article's
    copy features and embedding and the writer finds its copies and puts it in a story; after the last batch
    the store links story chains (:meth:`Store.link_story_chains`). The embedding model is ``model``, else the
    store's (:func:`ingest_model`, which refuses a model the store's vectors do not come from). Where it is not
    installed, the report's ``notes`` say so once and articles are stored without vectors and stories.
    ``KeyboardInterrupt`` stops reading, writes the batches in flight, and
    returns a report marked interrupted; a batch being written when it comes is either
    committed and counted or not written and not counted, never half of either.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     report = run_ingest([SourceFailure("gone.html", "file not found")], store, workers=1)
    >>> report.summary()
    'inputs 1 · articles stored 0 · updated 0 · unchanged 0 · duplicates 0 · not articles 0 · failures 1'
    """
    workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
    # Before the run is recorded: a refused model is the command's mistake, not a run.
    model = ingest_model(store, model) if connect else DEFAULT_MODEL
    # Kept as the int start_run gives: the report's run_id is optional only for reports made without a run.
    run_id = store.start_run(command)
    report = IngestReport(run_id=run_id)
    if connect and (missing := embedding_unavailable(model)) is not None:
        report.notes.append(missing)

    def write(outcomes: list[Outcome]) -> None:
        # The counts change only once the batch is committed, and a signal arriving meanwhile is
        # held until both are done: the summary always says what the store holds.
        with _signals_held():
            written = store.write_batch(outcomes, run_id=run_id)
            # The ids are not kept: a long crawl would hold one per article, copied at every batch, for nothing.
            written.article_ids = []
            report.inputs += len(outcomes)
            report.written += written
        if progress is not None:
            progress(report)

    stage = partial(to_outcomes, enrich=enrich, connect=connect, model=model)
    batches = batched(items, batch_size)
    if skip_recorded:
        batches = _unrecorded(batches, store, report)
    try:
        if workers == 1:
            for batch in batches:
                write(stage(batch))
        else:
            _run_in_pool(batches, workers, stage, write, report)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        store.finish_run(run_id, {**report.written.counts(), "inputs": report.inputs})
    # The periodic pass, on the writer's side, over the stories this run wrote (an interrupted run's too: it
    # costs a lookup per new story). A signal meanwhile is held until it is committed, then ends the run.
    try:
        with _signals_held():
            report.chains = store.link_story_chains()
    except KeyboardInterrupt:
        report.interrupted = True
    return report


def _unrecorded(batches: Iterable[list[RawPage | SourceFailure]], store: Store,
                report: IngestReport) -> Iterator[list[RawPage | SourceFailure]]:
    for batch in batches:
        recorded = store.recorded_inputs([item for item in batch if isinstance(item, RawPage)])
        if recorded:
            kept = [item for item in batch if not (isinstance(item, RawPage) and item.source in recorded)]
            report.skipped += len(batch) - len(kept)
            report.inputs += len(batch) - len(kept)
            batch = kept
        if batch:
            yield batch


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends, then raise KeyboardInterrupt if one came."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)

    previous = {signum: signal.signal(signum, hold) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if received:
        raise KeyboardInterrupt


def _die_with_parent(parent_pid: int) -> None:
    """A worker's initializer: end this process when ``parent_pid`` is gone."""
    if sys.platform.startswith("linux"):
        # Without prctl (another libc) the watchdog below still works.
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # The parent died before the signal was asked for.
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            threading.Event().wait(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="newsdesk-parent-watch", daemon=True).start()


def _run_in_pool(batches: Iterable[list[RawPage | SourceFailure]], workers: int,
                 stage: Callable[[list[RawPage | SourceFailure]], list[Outcome]],
                 write: Callable[[list[Outcome]], None], report: IngestReport) -> None:
    # Two batches in flight per worker keep every core busy while memory stays bounded.
    in_flight: deque[Future[list[Outcome]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        try:
            for batch in batches:
                in_flight.append(pool.submit(stage, batch))
                while len(in_flight) >= workers * 2:
                    write(in_flight.popleft().result())
            while in_flight:
                write(in_flight.popleft().result())
        except KeyboardInterrupt:
            # Finish what is already extracted, drop what is not started: nothing half-written.
            report.interrupted = True
            for future in in_flight:
                future.cancel()
            for future in in_flight:
                if not future.cancelled():
                    try:
                        write(future.result())
                    except Exception:  # A worker killed by the same signal: its batch is simply redone.
                        break
            raise

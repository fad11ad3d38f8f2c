"""``newsdesk load``: shards into the store through the one writer, as a local ingest writes its batches.

Shards are read in a deterministic order, crawl date then input file (:func:`shard_infos`), and
each shard's rows in the order its file was read, so the writer sees the outcomes in the order a
local ``newsdesk ingest`` of the same files (named in that order) gives it. Each article carries
what the connect stage computed for it in the Ray task (copy features, embedding), so the writer
does exactly what it does for a local run's batches: "which copy of a duplicate came first", the
near-copy groups with each copy's parent (the syndication chain, :mod:`newsdesk.store.copies`) and
the stories come out the same. After the last shard the store links story chains, as a local run
does after its last batch. Loading again changes nothing: the writer keys articles by URL and
records an article already stored as unchanged, and an unchanged article is not connected again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from newsdesk.errors import NewsdeskError
from newsdesk.pipeline import DEFAULT_BATCH_SIZE
from newsdesk.scale.shards import read_outcomes, shard_infos
from newsdesk.store import ArticleOutcome, Outcome, SQLiteStore, Store, WriteSummary

__all__ = ["LoadReport", "load_shards"]


@dataclass(slots=True)
class LoadReport:
    """What a load did: shards read, what the writer did, story chains linked afterwards.

    ``shards_done`` counts the shards written whole so far and ``run_s`` the seconds since the
    first was opened (they feed the live line, :meth:`progress`).

    >>> LoadReport(shards=2, inputs=3, written=WriteSummary(inserted=2, quarantined=1)).summary()
    'shards 2 · inputs 3 · articles stored 2 · updated 0 · unchanged 0 · duplicates 0 · not articles 0 · \
failures 1 · story chains 0'
    """

    shards: int = 0
    inputs: int = 0
    written: WriteSummary = field(default_factory=WriteSummary)
    chains: int = 0
    run_id: int | None = None
    shards_done: int = 0
    run_s: float = 0.0

    def progress(self) -> str:
        """The live line: shards done / total, pages (outcomes written) per second, failures.

        >>> LoadReport(shards=4, inputs=600, written=WriteSummary(quarantined=2), shards_done=1, run_s=2.0).progress()
        'shards 1/4 · pages 600 (300/s) · failures 2'
        """
        rate = self.inputs / self.run_s if self.run_s else 0.0
        return f"shards {self.shards_done}/{self.shards} · pages {self.inputs} ({rate:.0f}/s) · failures " \
               f"{self.written.quarantined}"

    @property
    def exit_code(self) -> int:
        """0 when no input failed, 1 when some did (as ``newsdesk ingest``)."""
        return 1 if self.written.quarantined else 0

    def summary(self) -> str:
        """One line for people and logs."""
        w = self.written
        return (f"shards {self.shards} · inputs {self.inputs} · articles stored {w.inserted} · updated {w.updated} · "
                f"unchanged {w.unchanged} · duplicates {w.duplicates} · not articles {w.not_articles} · "
                f"failures {w.quarantined} · story chains {self.chains}")


def load_shards(shards_dir: str | os.PathLike[str], store: Store, *, batch_size: int = DEFAULT_BATCH_SIZE,
                progress: Callable[[LoadReport], None] | None = None) -> LoadReport:
    """Write every complete shard under ``shards_dir`` into ``store``, batch by batch, then link story chains.

    ``progress`` is called with the report after every batch written and every shard finished. A SQLite
    store's connection is switched to reading without its memory map, so the writer's memory stays flat.

    >>> import tempfile
    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     load_shards(tempfile.mkdtemp(), store).summary()
    'shards 0 · inputs 0 · articles stored 0 · updated 0 · unchanged 0 · duplicates 0 · not articles 0 · \
failures 0 · story chains 0'
    """
    infos = shard_infos(shards_dir)
    if isinstance(store, SQLiteStore):
        # A load only writes: read back through the store's memory map, the file it grows would count as the
        # writer's resident memory (552 MiB at 50,000 records), for no speed (docs/benchmarks.md, "On Ray").
        store.connection.execute("PRAGMA mmap_size = 0")
    # Kept as the int start_run gives: the report's run_id is optional only for reports made without a run.
    run_id = store.start_run(f"load {os.fspath(shards_dir)}")
    report = LoadReport(shards=len(infos), run_id=run_id)
    began = time.perf_counter()
    model = store.embedding_model()
    try:
        for info in infos:
            for outcomes in read_outcomes(info.path, batch_size):
                model = _one_model(outcomes, model, info.path)
                written = store.write_batch(outcomes, run_id=run_id)
                # The ids are not kept: a long load would hold one per article for nothing.
                written.article_ids = []
                report.written += written
                report.inputs += len(outcomes)
                report.run_s = time.perf_counter() - began
                if progress is not None:
                    progress(report)
            report.shards_done += 1
            report.run_s = time.perf_counter() - began
            if progress is not None:
                progress(report)
    finally:
        store.finish_run(run_id, {**report.written.counts(), "inputs": report.inputs})
    report.chains = store.link_story_chains()
    return report


def _one_model(outcomes: list[Outcome], model: str | None, shard: str | os.PathLike[str]) -> str | None:
    """The one embedding model of the store's vectors once these outcomes are in; refuses a second model.

    A store compares every vector with the others, so vectors of two models in one store would be compared across
    spaces: a shard embedded with another model than the store's is refused before any of its batch is written.

    >>> _one_model([], "minilm", "s.parquet")
    'minilm'
    """
    for outcome in outcomes:
        features = outcome.connect if isinstance(outcome, ArticleOutcome) else None
        if features is None or features.vector is None or features.model is None:
            continue
        if model is None:
            model = features.model
        elif features.model != model:
            raise NewsdeskError(f"{os.fspath(shard)}: its articles are embedded with {features.model}, the store's "
                                f"with {model}; load it into a store of {features.model} vectors, or shard the "
                                f"inputs again with --embedding-model {model}")
    return model

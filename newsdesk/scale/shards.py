"""The Parquet shard one input file becomes: its fixed schema, writing it safely, reading it back.

One row per outcome of :func:`newsdesk.pipeline.to_outcomes`, in the order the file was read
(``position``). Columns:

* where it came from: ``input_file`` (the file as given), ``position``, ``input`` (the outcome's name, e.g.
  ``path#offset``), ``warc_path``/``warc_offset``/``warc_length`` (raw HTML stays in the WARC);
* the run: ``run_id`` and ``extractor_version`` (newsdesk's version);
* the outcome: ``kind`` (``article``, ``not-article``, ``failure``), ``url``, ``stage``, ``reason``,
  ``details``;
* the article: every field of :meth:`Article.to_dict` as a typed column ``article_<field>`` (lists
  and structs nested, dates as the page wrote them), except enrichment's annotations, kept as one
  JSON column ``annotations`` (numbers in them keep their int/float type, which a float64 column
  would not), and ``extra``, JSON of any key a later Article has that this schema lacks;
* ``raw_*``: the raw page of an input that does not live in a WARC (a saved .html, a JSON Lines
  record), so that loading keeps it as a local run does;
* ``connect_*``: what the connect stage computed for the article in the task
  (:class:`~newsdesk.connect.stage.ConnectFeatures`): ``connected`` (false when the stage did not run),
  ``connect_copies`` (its :class:`~newsdesk.connect.duplicates.CopyFeatures`, the per-paragraph MinHash
  signatures as little-endian ``uint32`` bytes), ``connect_vector`` (the float32 embedding),
  ``connect_model`` and ``connect_error``. Loading hands them to the writer as a local run's workers do,
  so the writer finds the same copies (syndication chain included) and stories.

A shard is written under a temporary name, renamed, then marked done by an empty ``.done`` file
beside it: a shard without its marker is from an interrupted task and is rewritten. The file's
crawl date (its first record's ``fetched_at``), which orders shards for loading, is in the
Parquet file's key-value metadata (``crawl_date``), written when the whole file has been read.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsdesk import __version__
from newsdesk.connect.duplicates import CopyFeatures
from newsdesk.connect.minhash import NUM_PERM
from newsdesk.connect.stage import ConnectFeatures
from newsdesk.model import Article, RawPage
from newsdesk.store import ArticleOutcome, FailureOutcome, NotArticleOutcome, Outcome, WarcRef

__all__ = [
    "SHARD_SCHEMA",
    "ShardInfo",
    "ShardWriter",
    "done_marker",
    "is_done",
    "outcome_table",
    "read_outcomes",
    "row_outcome",
    "shard_infos",
    "shard_path",
]

#: Rows per Parquet row group: batches are gathered up to this, as a reader reads a row group at once.
ROW_GROUP_ROWS = 1000
KIND_ARTICLE = "article"
KIND_NOT_ARTICLE = "not-article"
KIND_FAILURE = "failure"
_ANNOTATION_KEYS = ("entities", "quotes", "times", "quantities", "recognizer")


def _article_fields() -> list[tuple[str, pa.DataType]]:
    text = pa.string()
    return [
        ("url", text), ("canonical_url", text), ("site_name", text), ("language", text), ("headline", text),
        ("standfirst", text), ("authors", pa.list_(text)),
        # Dates stay strings, as the page gave them: the page's own offset is information.
        ("published", text), ("updated", text), ("section", text), ("tags", pa.list_(text)),
        ("image", pa.struct([("url", text), ("caption", text), ("credit", text), ("note", text)])),
        ("body", pa.list_(pa.struct([("type", text), ("text", text)]))),
        ("wire_source", pa.struct([("code", text), ("name", text)])),
        ("related", pa.list_(pa.struct([("title", text), ("url", text), ("site", text)]))),
        ("reading_time_minutes", pa.int32()), ("word_count", pa.int64()), ("is_article", pa.bool_()),
        ("enrich_error", text),
    ]


def _schema() -> pa.Schema:
    text = pa.string()
    return pa.schema([
        ("run_id", text), ("extractor_version", text), ("input_file", text),
        ("position", pa.int64()), ("input", text),
        ("warc_path", text), ("warc_offset", pa.int64()), ("warc_length", pa.int64()),
        ("kind", text), ("url", text), ("stage", text), ("reason", text), ("details", text),
        *[(f"article_{name}", kind) for name, kind in _article_fields()],
        ("annotations", text), ("extra", text),
        ("raw_data", pa.binary()), ("raw_is_text", pa.bool_()), ("raw_url", text), ("raw_final_url", text),
        ("raw_headers", text), ("raw_fetched_at", text), ("raw_kind", text), ("raw_source", text),
        ("connected", pa.bool_()), ("connect_copies", _copies_type()), ("connect_vector", pa.list_(pa.float32())),
        ("connect_model", text), ("connect_error", text),
    ])


def _copies_type() -> pa.DataType:
    text = pa.string()
    return pa.struct([
        ("key", text), ("host", text), ("published_utc", text), ("wire", text), ("headline", text),
        ("fingerprint", text), ("paragraph_hashes", pa.list_(pa.int64())),
        ("paragraph_signatures", pa.binary()), ("paragraph_shingles", pa.list_(pa.int64())),
    ])


#: The fixed schema of every shard.
SHARD_SCHEMA = _schema()
_ARTICLE_COLUMNS = [name.removeprefix("article_") for name in SHARD_SCHEMA.names if name.startswith("article_")]


def shard_path(out_dir: str | os.PathLike[str], input_file: str) -> Path:
    """Where the shard of ``input_file`` goes: its base name and a hash of its full path.

    >>> shard_path("/shards", "/crawl/CC-NEWS-20251001.warc.gz").name
    'CC-NEWS-20251001.warc.gz-59a2298afa.parquet'
    """
    digest = hashlib.sha1(os.path.abspath(input_file).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return Path(out_dir) / f"{Path(input_file).name}-{digest}.parquet"


def done_marker(shard: Path) -> Path:
    """The marker that says ``shard`` is complete.

    >>> done_marker(Path("/shards/a.warc.gz-0123456789.parquet")).name
    'a.warc.gz-0123456789.parquet.done'
    """
    return shard.with_name(shard.name + ".done")


def is_done(out_dir: str | os.PathLike[str], input_file: str) -> bool:
    """Whether ``input_file`` already has a complete shard under ``out_dir``.

    >>> is_done("/nonexistent", "a.warc.gz")
    False
    """
    shard = shard_path(out_dir, input_file)
    return shard.is_file() and done_marker(shard).is_file()


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _fields(value: Any) -> dict[str, Any]:
    """A dataclass record's fields, one level down (json.dumps asks again for nested ones)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _base_row(outcome: Outcome) -> dict[str, Any]:
    warc: WarcRef | None = outcome.warc
    raw: RawPage | None = outcome.raw
    row: dict[str, Any] = {"input": outcome.input, "warc_path": warc.path if warc else None,
                           "warc_offset": warc.offset if warc else None, "warc_length": warc.length if warc else None}
    if raw is not None:
        data = raw.data.encode("utf-8", "surrogatepass") if isinstance(raw.data, str) else raw.data
        row.update(raw_data=data, raw_is_text=isinstance(raw.data, str), raw_url=raw.url, raw_final_url=raw.final_url,
                   raw_headers=_json(raw.headers), raw_fetched_at=raw.fetched_at, raw_kind=raw.kind,
                   raw_source=raw.source)
    return row


def _outcome_row(outcome: Outcome) -> dict[str, Any]:
    row = _base_row(outcome)
    if isinstance(outcome, ArticleOutcome):
        article = outcome.article
        # Annotations go straight to JSON: Enrichment.to_dict's dataclasses.asdict deep-copies every
        # mention first, which cost more than everything else a row needs (the same keys come out).
        data = replace(article, enrichment=None).to_dict()
        row.update(kind=KIND_ARTICLE, url=article.url)
        for name in _ARTICLE_COLUMNS:
            row[f"article_{name}"] = data.pop(name, None)
        for key in (*_ANNOTATION_KEYS, "text"):
            data.pop(key, None)
        row["annotations"] = (json.dumps(article.enrichment, ensure_ascii=False, separators=(",", ":"),
                                         default=_fields) if article.enrichment is not None else None)
        row["extra"] = _json(data) if data else None
        row.update(_connect_columns(outcome.connect))
    elif isinstance(outcome, NotArticleOutcome):
        row.update(kind=KIND_NOT_ARTICLE, url=outcome.url, reason=outcome.reason)
    else:
        row.update(kind=KIND_FAILURE, url=outcome.url, stage=outcome.stage, reason=outcome.reason,
                   details=outcome.details)
    return row


def _connect_columns(features: ConnectFeatures | None) -> dict[str, Any]:
    if features is None:
        return {"connected": False}
    copies = features.copies
    return {
        "connected": True,
        "connect_copies": None if copies is None else {
            "key": copies.key, "host": copies.host, "published_utc": copies.published_utc, "wire": copies.wire,
            "headline": copies.headline, "fingerprint": copies.fingerprint,
            "paragraph_hashes": list(copies.paragraph_hashes),
            "paragraph_signatures": np.ascontiguousarray(copies.paragraph_signatures, dtype="<u4").tobytes(),
            "paragraph_shingles": np.asarray(copies.paragraph_shingles).tolist()},
        "connect_vector": None if features.vector is None else np.asarray(features.vector, np.float32).tolist(),
        "connect_model": features.model, "connect_error": features.error,
    }


def _connect_features(row: dict[str, Any]) -> ConnectFeatures | None:
    if not row["connected"]:
        return None
    copies = row["connect_copies"]
    vector = row["connect_vector"]
    return ConnectFeatures(
        copies=None if copies is None else CopyFeatures(
            key=copies["key"], host=copies["host"], published_utc=copies["published_utc"], wire=copies["wire"],
            headline=copies["headline"], fingerprint=copies["fingerprint"],
            paragraph_hashes=tuple(copies["paragraph_hashes"]),
            paragraph_signatures=np.frombuffer(copies["paragraph_signatures"], dtype="<u4").astype(np.uint32)
            .reshape(-1, NUM_PERM),
            paragraph_shingles=np.array(copies["paragraph_shingles"], dtype=np.int64)),
        vector=None if vector is None else np.array(vector, dtype=np.float32),
        model=row["connect_model"], error=row["connect_error"])


def outcome_table(outcomes: Sequence[Outcome], *, input_file: str, run_id: str, first_position: int = 0) -> pa.Table:
    """The shard rows of a batch of outcomes, with what the connect stage computed for their articles.

    An outcome that cannot be made a row (a value the schema cannot hold) becomes a failure row
    naming the reason, so one bad record never loses the file.

    >>> from newsdesk.store import FailureOutcome
    >>> table = outcome_table([FailureOutcome("a.warc.gz#0", "read", "HTTP status 404")], input_file="a.warc.gz",
    ...                       run_id="r1")
    >>> table.num_rows, table.column("kind")[0].as_py(), table.column("reason")[0].as_py()
    (1, 'failure', 'HTTP status 404')
    """
    rows = [_safe_row(outcome) for outcome in outcomes]
    for index, row in enumerate(rows):
        row.update(run_id=run_id, extractor_version=__version__, input_file=input_file,
                   position=first_position + index)
    try:
        return pa.Table.from_pylist(rows, schema=SHARD_SCHEMA)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        # Some row cannot be held: find it (them) row by row, and keep the reason in its place.
        for index, outcome in enumerate(outcomes):
            try:
                pa.Table.from_pylist([rows[index]], schema=SHARD_SCHEMA)
            except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
                rows[index] = {**_unholdable(outcome, exc), **{k: rows[index][k] for k in _PROVENANCE}}
        return pa.Table.from_pylist(rows, schema=SHARD_SCHEMA)


_PROVENANCE = ("run_id", "extractor_version", "input_file", "position")


def _unholdable(outcome: Outcome, exc: BaseException) -> dict[str, Any]:
    return _outcome_row(FailureOutcome(outcome.input, "shard", f"cannot write to a shard: {type(exc).__name__}: {exc}",
                                       url=getattr(outcome, "url", None)))


def _safe_row(outcome: Outcome) -> dict[str, Any]:
    try:
        return _outcome_row(outcome)
    except Exception as exc:  # an Article that cannot be made a dict: its reason, not a lost file
        return _unholdable(outcome, exc)


class ShardWriter:
    """Writes one shard batch by batch: under a temporary name, renamed by :meth:`finish`, then marked done.

    >>> import tempfile
    >>> from newsdesk.store import FailureOutcome
    >>> path = Path(tempfile.mkdtemp()) / "a.parquet"
    >>> writer = ShardWriter(path)
    >>> writer.write(outcome_table([FailureOutcome("a.html", "read", "empty input")], input_file="a.html", run_id="r"))
    >>> writer.finish(crawl_date=None), done_marker(path).exists()
    (1, True)
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        done_marker(path).unlink(missing_ok=True)
        self.temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        self.writer = pq.ParquetWriter(self.temporary, SHARD_SCHEMA, compression="zstd")
        self.rows = 0
        self.pending: list[pa.Table] = []
        self.pending_rows = 0

    def write(self, table: pa.Table) -> None:
        """Append a batch of rows (made by :func:`outcome_table`)."""
        self.pending.append(table)
        self.pending_rows += table.num_rows
        self.rows += table.num_rows
        if self.pending_rows >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.writer.write_table(pa.concat_tables(self.pending))
        self.pending, self.pending_rows = [], 0

    def finish(self, *, crawl_date: str | None) -> int:
        """Close, rename to the final name, mark done; return the number of rows."""
        self._flush()
        self.writer.add_key_value_metadata({"crawl_date": crawl_date or ""})
        self.writer.close()
        os.replace(self.temporary, self.path)
        done_marker(self.path).touch()
        return self.rows

    def abandon(self) -> None:
        """Close and delete the temporary file (the task failed; a rerun starts the file again)."""
        self.writer.close()
        self.temporary.unlink(missing_ok=True)


def remove_leftovers(out_dir: str | os.PathLike[str], input_file: str) -> int:
    """Delete what killed tasks left of ``input_file``'s shard (temporary files); return how many.

    >>> remove_leftovers("/nonexistent", "a.warc.gz")
    0
    """
    shard = shard_path(out_dir, input_file)
    removed = 0
    for leftover in shard.parent.glob(f".{shard.name}.*.tmp") if shard.parent.is_dir() else ():
        leftover.unlink(missing_ok=True)
        removed += 1
    return removed


def failure_rows(path: Path) -> int:
    """How many failure rows a shard holds.

    >>> import tempfile
    >>> from newsdesk.store import FailureOutcome
    >>> writer = ShardWriter(Path(tempfile.mkdtemp()) / "a.parquet")
    >>> writer.write(outcome_table([FailureOutcome("a.html", "read", "empty input")], input_file="a.html", run_id="r"))
    >>> _ = writer.finish(crawl_date=None)
    >>> failure_rows(writer.path)
    1
    """
    kinds = pq.read_table(path, columns=["kind"]).column("kind")
    return int(pc.sum(pc.equal(kinds, KIND_FAILURE)).as_py() or 0)


@dataclass(frozen=True, slots=True)
class ShardInfo:
    """A complete shard and what orders it for loading: (crawl date, input file).

    >>> ShardInfo(Path("a.parquet"), "crawl/a.warc.gz", "2025-10-01T08:30:00Z", 12).sort_key
    ('2025-10-01T08:30:00Z', 'crawl/a.warc.gz')
    """

    path: Path
    input_file: str
    crawl_date: str
    rows: int

    @property
    def sort_key(self) -> tuple[str, str]:
        """Crawl date, then the input file's path."""
        return (self.crawl_date, self.input_file)


def shard_infos(shards_dir: str | os.PathLike[str]) -> list[ShardInfo]:
    """Every complete shard under ``shards_dir`` in load order: crawl date, then input file.

    A shard of a file with no crawl date (no record said when it was fetched) sorts first.

    >>> shard_infos("/nonexistent")
    []
    """
    infos = []
    for path in sorted(Path(shards_dir).glob("*.parquet")):
        if not done_marker(path).is_file():
            continue
        parquet = pq.ParquetFile(path)
        first = parquet.read_row_group(0, columns=["input_file"]) if parquet.num_row_groups else None
        input_file = first.column("input_file")[0].as_py() if first is not None and first.num_rows else str(path)
        meta = parquet.metadata.metadata or {}
        crawl_date = meta.get(b"crawl_date", b"").decode()
        infos.append(ShardInfo(path, input_file, crawl_date, parquet.metadata.num_rows))
    return sorted(infos, key=lambda info: info.sort_key)


def _raw_page(row: dict[str, Any]) -> RawPage | None:
    if row["raw_data"] is None:
        return None
    headers = json.loads(row["raw_headers"] or "{}")
    raw: bytes = row["raw_data"]
    data: bytes | str = raw.decode("utf-8", "surrogatepass") if row["raw_is_text"] else raw
    return RawPage(data=data, url=row["raw_url"], final_url=row["raw_final_url"], headers=headers,
                   fetched_at=row["raw_fetched_at"], kind=row["raw_kind"], source=row["raw_source"])


def _article(row: dict[str, Any]) -> Article:
    data: dict[str, Any] = {name: row[f"article_{name}"] for name in _ARTICLE_COLUMNS}
    if row["extra"]:
        data.update(json.loads(row["extra"]))
    if row["annotations"]:
        data.update(json.loads(row["annotations"]))
    return Article.from_dict(data)


def row_outcome(row: dict[str, Any]) -> Outcome:
    """The outcome a shard row records (what the store's writer takes).

    >>> from newsdesk.store import NotArticleOutcome
    >>> table = outcome_table([NotArticleOutcome("f.html", "https://x.example/", "a front page")],
    ...                       input_file="f.html", run_id="r")
    >>> row_outcome(table.to_pylist()[0])
    NotArticleOutcome(input='f.html', url='https://x.example/', reason='a front page', raw=None, warc=None)
    """
    warc = WarcRef(row["warc_path"], row["warc_offset"], row["warc_length"]) if row["warc_path"] else None
    raw = _raw_page(row)
    if row["kind"] == KIND_ARTICLE:
        return ArticleOutcome(row["input"], _article(row), raw=raw, warc=warc, connect=_connect_features(row))
    if row["kind"] == KIND_NOT_ARTICLE:
        return NotArticleOutcome(row["input"], row["url"], row["reason"], raw=raw, warc=warc)
    return FailureOutcome(row["input"], row["stage"] or "read", row["reason"] or "", details=row["details"],
                          url=row["url"], raw=raw, warc=warc)


def read_outcomes(path: Path, batch_rows: int = 100) -> Iterator[list[Outcome]]:
    """A shard's outcomes in file order, in batches (articles with their connect features).

    >>> import tempfile
    >>> from newsdesk.store import FailureOutcome
    >>> path = Path(tempfile.mkdtemp()) / "a.parquet"
    >>> writer = ShardWriter(path)
    >>> writer.write(outcome_table([FailureOutcome("a.html", "read", "empty input")], input_file="a.html", run_id="r"))
    >>> _ = writer.finish(crawl_date=None)
    >>> [(type(o).__name__, o.reason) for o in next(read_outcomes(path))]
    [('FailureOutcome', 'empty input')]
    """
    columns = [name for name in SHARD_SCHEMA.names if name not in ("run_id", "extractor_version")]
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows, columns=columns):
        yield [row_outcome(row) for row in batch.to_pylist()]

"""Export stored articles as JSON Lines, CSV or Parquet, streamed so memory stays flat.

Every format has the same columns, in this order (the keys of
:meth:`~newsdesk.store.base.StoredArticle.to_dict`):

=====================  ==============================================  ===========================
column                 Parquet type                                    CSV form
=====================  ==============================================  ===========================
id                     int64                                           number
url                    string                                          text
canonical_url          string                                          text
site_name              string                                          text
language               string (BCP 47, lower case)                     text
headline               string                                          text
standfirst             string                                          text
authors                list<string>                                    names joined by ``"; "``
published              timestamp[us, UTC]                              ISO 8601 as published
updated                timestamp[us, UTC]                              ISO 8601 as published
section                string                                          text
tags                   list<string>                                    tags joined by ``"; "``
image                  struct<url, caption, credit, note: string>      JSON object
body                   list<struct<type: string, text: string>>        JSON list of {type, text}
wire_source            struct<code: string, name: string>              JSON object
related                list<struct<title, url, site: string>>          JSON list
reading_time_minutes   int32                                           number
word_count             int64                                           number
is_article             bool                                            ``true`` / ``false``
entities               list<struct<name, type, mentions, aliases,      JSON list
                       country, lat, lon, geonames_id>>
quotes                 list<struct<text, speaker, speaker_role, kind,  JSON list
                       cue, start, end, speaker_start, speaker_end,
                       speaker_type>>
times                  list<struct<text, type, value, start, end,      JSON list
                       mod>>
quantities             list<struct<text, value, unit, approximate,     JSON list
                       start, end, kind, currency>>
recognizer             string (the entity recogniser that ran)         text
enrich_error           string (why enrichment failed, if it did)       text
text                   string (the body's blocks joined by a blank line) text
body_hash              string (fingerprint of the normalised body)     text
ingested_at            timestamp[us, UTC]                              ``YYYY-MM-DDTHH:MM:SSZ``
run_id                 int64                                           number
raw_page_id            int64                                           number
=====================  ==============================================  ===========================

Missing values are null in JSON Lines and Parquet and empty in CSV. Parquet holds
dates as timestamps (the instant, in UTC), so that tools filter and sort them as
times; JSON Lines and CSV keep the text as published, with the page's own offset
(``+03:00``), which a timestamp type cannot hold. A date without a time is its
midnight UTC, one without an offset is taken as UTC, and text that is no date at
all is null in Parquet (and kept in the other two). Files are written under a temporary name and renamed when
complete, so a file with the final name is never a partial export.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsdesk.store.base import Filters, Store, StoreError

if TYPE_CHECKING:
    import pyarrow as pa

#: Formats :func:`export_articles` writes.
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
#: Columns of every export, in order.
EXPORT_COLUMNS = (
    "id",
    "url",
    "canonical_url",
    "site_name",
    "language",
    "headline",
    "standfirst",
    "authors",
    "published",
    "updated",
    "section",
    "tags",
    "image",
    "body",
    "wire_source",
    "related",
    "reading_time_minutes",
    "word_count",
    "is_article",
    "entities",
    "quotes",
    "times",
    "quantities",
    "recognizer",
    "enrich_error",
    "text",
    "body_hash",
    "ingested_at",
    "run_id",
    "raw_page_id",
)
#: Articles per Parquet row group (and per buffered chunk): about ten megabytes of news text,
#: which keeps an export's memory near 100 MB above the interpreter's however many articles it holds.
PARQUET_CHUNK = 1_000

_LIST_COLUMNS = frozenset({"authors", "tags"})
_TIMESTAMP_COLUMNS = ("published", "updated", "ingested_at")
_JSON_COLUMNS = frozenset({"image", "body", "wire_source", "related", "entities", "quotes", "times", "quantities"})


def _annotation_fields(pa: Any) -> list[tuple[str, Any]]:
    # Enrichment as nested columns (null where an article was not enriched), so that Arrow readers
    # can filter on a speaker or a place without parsing JSON.
    text, offset = pa.string(), pa.int32()
    mention = pa.struct([("text", text), ("start", offset), ("end", offset)])
    entity = pa.struct([("name", text), ("type", text), ("mentions", pa.list_(mention)), ("aliases", pa.list_(text)),
                        ("country", text), ("lat", pa.float64()), ("lon", pa.float64()),
                        ("geonames_id", pa.int64())])
    quote = pa.struct([("text", text), ("speaker", text), ("speaker_role", text), ("kind", text), ("cue", text),
                       ("start", offset), ("end", offset), ("speaker_start", offset), ("speaker_end", offset),
                       ("speaker_type", text)])
    time = pa.struct([("text", text), ("type", text), ("value", text), ("start", offset), ("end", offset),
                      ("mod", text)])
    quantity = pa.struct([("text", text), ("value", pa.float64()), ("unit", text), ("approximate", pa.bool_()),
                          ("start", offset), ("end", offset), ("kind", text), ("currency", text)])
    return [("entities", pa.list_(entity)), ("quotes", pa.list_(quote)), ("times", pa.list_(time)),
            ("quantities", pa.list_(quantity)), ("recognizer", text), ("enrich_error", text)]


def parquet_schema() -> pa.Schema:
    """The explicit Arrow schema of Parquet exports (pyarrow is imported only when asked for).

    >>> parquet_schema().field("authors").type
    ListType(list<item: string>)
    """
    import pyarrow as pa

    text = pa.string()
    instant = pa.timestamp("us", tz="UTC")
    return pa.schema(
        [
            ("id", pa.int64()),
            ("url", text),
            ("canonical_url", text),
            ("site_name", text),
            ("language", text),
            ("headline", text),
            ("standfirst", text),
            ("authors", pa.list_(text)),
            ("published", instant),
            ("updated", instant),
            ("section", text),
            ("tags", pa.list_(text)),
            ("image", pa.struct([("url", text), ("caption", text), ("credit", text), ("note", text)])),
            ("body", pa.list_(pa.struct([("type", text), ("text", text)]))),
            ("wire_source", pa.struct([("code", text), ("name", text)])),
            ("related", pa.list_(pa.struct([("title", text), ("url", text), ("site", text)]))),
            ("reading_time_minutes", pa.int32()),
            ("word_count", pa.int64()),
            ("is_article", pa.bool_()),
            *_annotation_fields(pa),
            ("text", text),
            ("body_hash", text),
            ("ingested_at", instant),
            ("run_id", pa.int64()),
            ("raw_page_id", pa.int64()),
        ]
    )


def csv_row(record: dict[str, Any]) -> list[str]:
    """One export record as CSV cells: lists joined by ``"; "``, nested values as JSON.

    >>> csv_row({"id": 1, "authors": ["Ana Li", "Bo Ek"], "image": None, "is_article": True})[:3]
    ['1', '', '']
    """
    cells: list[str] = []
    for column in EXPORT_COLUMNS:
        value = record.get(column)
        if value is None:
            cells.append("")
        elif column in _LIST_COLUMNS:
            cells.append("; ".join(str(v) for v in value))
        elif column in _JSON_COLUMNS:
            cells.append(json.dumps(value, ensure_ascii=False))
        elif isinstance(value, bool):
            cells.append("true" if value else "false")
        else:
            cells.append(str(value))
    return cells


def as_instant(value: Any) -> datetime | None:
    """An ISO 8601 text as an aware UTC datetime for a Parquet timestamp; None when it is no date.

    >>> as_instant("2025-09-30T14:05:00+03:00").isoformat()
    '2025-09-30T11:05:00+00:00'
    >>> as_instant("2025-09-30").isoformat(), as_instant("last week")
    ('2025-09-30T00:00:00+00:00', None)
    """
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def _with_instants(record: dict[str, Any]) -> dict[str, Any]:
    for column in _TIMESTAMP_COLUMNS:
        record[column] = as_instant(record.get(column))
    return record


def _records(store: Store, filters: Filters | None) -> Iterator[dict[str, Any]]:
    for stored in store.iter_articles(filters):
        yield stored.to_dict()


@contextmanager
def _output(out: str | os.PathLike[str], binary: bool) -> Iterator[IO[Any]]:
    """A file to write to that only gets its final name once complete; ``-`` is standard output."""
    if os.fspath(out) == "-":
        if binary:
            raise StoreError("-", "parquet cannot be written to standard output; give a file name")
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(out)
    partial = target.with_name(target.name + ".part")
    try:
        handle: IO[Any] = (
            open(partial, "wb") if binary else open(partial, "w", encoding="utf-8", newline="")  # noqa: SIM115
        )
    except OSError as exc:
        raise StoreError(str(target), f"cannot write the export: {exc.strerror or exc}") from exc
    try:
        with handle:
            yield handle
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _write_jsonl(records: Iterable[dict[str, Any]], handle: IO[str]) -> int:
    count = 0
    for record in records:
        handle.write(json.dumps(record, ensure_ascii=False))
        handle.write("\n")
        count += 1
    return count


def _write_csv(records: Iterable[dict[str, Any]], handle: IO[str]) -> int:
    writer = csv.writer(handle)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for record in records:
        writer.writerow(csv_row(record))
        count += 1
    return count


def _write_parquet(records: Iterable[dict[str, Any]], handle: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(handle, schema, compression="zstd") as writer:
        chunk: list[dict[str, Any]] = []
        for record in records:
            chunk.append(_with_instants(record))
            if len(chunk) >= PARQUET_CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count


def export_articles(
    store: Store,
    out: str | os.PathLike[str],
    fmt: str,
    filters: Filters | None = None,
) -> int:
    """Write the articles matching ``filters`` to ``out`` in ``fmt``; return how many.

    ``out`` may be ``-`` (standard output) for ``jsonl`` and ``csv``.

    >>> import tempfile, pathlib
    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store, tempfile.TemporaryDirectory() as tmp:
    ...     export_articles(store, pathlib.Path(tmp) / "news.csv", "csv")
    0
    """
    if fmt not in EXPORT_FORMATS:
        raise StoreError(os.fspath(out), f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    records = _records(store, filters)
    with _output(out, binary=fmt == "parquet") as handle:
        if fmt == "jsonl":
            return _write_jsonl(records, handle)
        if fmt == "csv":
            return _write_csv(records, handle)
        return _write_parquet(records, handle)

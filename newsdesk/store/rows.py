"""Rows: an outcome as the store writes it, and a stored row read back as an article.

Everything that costs CPU before a write (cleaning values, JSON, hashes, compressing a raw page) happens
here, outside the write lock: :func:`prepare_outcome` turns an ingest outcome into a row of plain values
that SQLite and every export format accept. :func:`stored_article` and :func:`stored_raw_page` are the
way back. The SQL that names the columns lives beside them so that a column added to one side cannot be
missed on the other.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsdesk.connect.stage import ConnectFeatures
from newsdesk.model import Article, Block, Enrichment, Image, Link, RawPage, WireSource
from newsdesk.store.base import (
    ArticleOutcome,
    FailureOutcome,
    NotArticleOutcome,
    Outcome,
    StoredArticle,
    StoredRawPage,
    WarcRef,
    article_key,
    body_fingerprint,
    normalise_url,
    parse_instant,
)
from newsdesk.store.search import host_of

#: zlib level for raw pages: level 1 keeps most of the saving on HTML at a fraction of the CPU.
RAW_COMPRESSION_LEVEL = 1
#: Longest body stored, in characters; a longer one is quarantined (ingest caps pages far below this).
MAX_BODY_CHARS = 50_000_000
#: Longest value kept for short fields (headline, names...); beyond it the value is garbage, not text.
MAX_FIELD_CHARS = 20_000

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: The largest integer SQLite stores (its integers are signed 64-bit).
MAX_SQLITE_INT = 2**63 - 1

ARTICLE_COLUMNS = (
    "key, url, canonical_url, host, site_name, language, headline, standfirst, authors, published, "
    "published_utc, updated, section, tags, image, wire_source, related, reading_time_minutes, "
    "word_count, is_article, enrichment, enrich_error, body_text, body_layout, body_hash, record_hash"
)
INSERT_ARTICLE = (
    f"INSERT INTO articles ({ARTICLE_COLUMNS}, raw_page_id, run_id, ingested_at) "
    f"VALUES ({', '.join('?' * 29)}) RETURNING id"
)
UPDATE_ARTICLE = (
    "UPDATE articles SET "
    + ", ".join(f"{name.strip()} = ?" for name in ARTICLE_COLUMNS.split(",")[1:])
    + ", raw_page_id = ?, run_id = ?, revised_at = ? WHERE id = ?"
)
SELECT_ARTICLE = (
    "SELECT a.id, a.url, a.canonical_url, a.site_name, a.language, a.headline, a.standfirst, a.authors, "
    "a.published, a.updated, a.section, a.tags, a.image, a.wire_source, a.related, "
    "a.reading_time_minutes, a.word_count, a.is_article, a.body_text, a.body_layout, a.body_hash, "
    "a.ingested_at, a.run_id, a.raw_page_id, a.enrichment, a.enrich_error FROM articles AS a"
)
INSERT_RAW = (
    "INSERT OR IGNORE INTO raw_pages (url, final_url, fetched_at, headers, kind, source, content_hash, "
    "size, is_text, compression, data, warc_path, warc_offset, warc_length, stored_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
SELECT_RAW = (
    "SELECT id, url, final_url, fetched_at, headers, kind, source, content_hash, is_text, compression, "
    "data, warc_path, warc_offset, warc_length FROM raw_pages"
)

# --------------------------------------------------------------------------- cleaning values


def clean_text(value: Any, limit: int | None = MAX_FIELD_CHARS) -> str | None:
    """A string SQLite and every export format accept, or None.

    >>> clean_text("Deal\\x07 struck"), clean_text(12), clean_text(None), clean_text("abcdef", 3)
    ('Deal struck', '12', None, 'abc')
    """
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (from bad decoding upstream) cannot be stored as UTF-8.
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if limit is not None and len(text) > limit:
        text = text[:limit]
    return text


def clean_int(value: Any) -> int | None:
    """An integer SQLite can store (clamped to 64 bits), or None for what is not one.

    >>> clean_int("7"), clean_int("seven"), clean_int(10**30) == 2**63 - 1
    (7, None, True)
    """
    if value is None or isinstance(value, bool):
        return None if value is None else int(value)
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return max(-MAX_SQLITE_INT, min(MAX_SQLITE_INT, number))


def clean_tree(value: Any) -> Any:
    """A JSON-ready copy of a value with every string cleaned.

    >>> clean_tree({"a": ("x\\x07", 1, None)})
    {'a': ['x', 1, None]}
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(clean_text(k)): clean_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [clean_tree(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return clean_text(value)


def dump_json(value: Any) -> str:
    """Compact JSON, non-ASCII kept as it is.

    >>> dump_json({"name": "Zürich", "n": [1, 2]})
    '{"name":"Zürich","n":[1,2]}'
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def clean_names(values: Any) -> list[str]:
    """A list of cleaned, non-empty names from a name, a list of them, or None.

    >>> clean_names(["Ann Lee", None, ""]), clean_names("Bo Ek"), clean_names(None)
    (['Ann Lee'], ['Bo Ek'], [])
    """
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    names = (clean_text(v) for v in values if v is not None)
    return [name for name in names if name]


def _block_parts(block: Any) -> tuple[str, str]:
    if isinstance(block, Mapping):
        kind, text = block.get("type"), block.get("text")
    else:
        kind, text = getattr(block, "type", None), getattr(block, "text", block)
    return (clean_text(kind) or "paragraph", clean_text(text, None) or "")


# --------------------------------------------------------------------------- prepared outcomes


@dataclass(slots=True)
class RawRow:
    """A raw page's column values, and what identifies it (URL and content hash)."""

    params: tuple[Any, ...]
    identity: tuple[str, str]


@dataclass(slots=True)
class ArticleRow:
    """An article's column values (in :data:`ARTICLE_COLUMNS` order) and what the writer needs beside them."""

    input: str
    key: str
    url: str | None
    values: tuple[Any, ...]
    body_hash: str | None
    record_hash: str
    raw: RawRow | None
    enrichment: Enrichment | None = None
    enrich_error: str | None = None
    published_utc: str | None = None
    article: Article | None = None
    connect: ConnectFeatures | None = None


@dataclass(slots=True)
class ConnectedRow:
    """An article row the batch wrote (``changed``: inserted or updated) or found unchanged, with its id."""

    article_id: int
    row: ArticleRow
    changed: bool


@dataclass(slots=True)
class NotArticleRow:
    """An input that was not an article: its key and the reason."""

    input: str
    key: str
    reason: str
    raw: RawRow | None


@dataclass(slots=True)
class FailureRow:
    """An input that failed: the stage, the reason and details, kept for ``newsdesk failures``."""

    input: str
    url: str | None
    stage: str
    reason: str
    details: str | None
    raw: RawRow | None


Row = ArticleRow | NotArticleRow | FailureRow


def _prepare_raw(page: RawPage | None, warc: WarcRef | None, now: str) -> RawRow | None:
    if page is None:
        return None
    is_text = isinstance(page.data, str)
    data = page.data.encode("utf-8", "surrogatepass") if isinstance(page.data, str) else bytes(page.data or b"")
    content_hash = hashlib.sha256(data).hexdigest()[:32]
    url = clean_text(page.url)
    final_url = clean_text(getattr(page, "final_url", None)) or url
    headers = dump_json(clean_tree(dict(page.headers or {})))
    if warc is not None:
        stored: bytes | None = None
        compression = None
        warc_fields: tuple[Any, ...] = (clean_text(warc.path), clean_int(warc.offset), clean_int(warc.length))
    else:
        stored = zlib.compress(data, RAW_COMPRESSION_LEVEL)
        compression = "zlib"
        warc_fields = (None, None, None)
    params = (
        url,
        final_url,
        clean_text(page.fetched_at),
        headers,
        clean_text(page.kind),
        clean_text(page.source),
        content_hash,
        len(data),
        int(is_text),
        compression,
        stored,
        *warc_fields,
        now,
    )
    return RawRow(params, (url or "", content_hash))


def _prepare_article(outcome: ArticleOutcome, now: str) -> ArticleRow:
    article = outcome.article
    blocks = [_block_parts(block) for block in article.body or []]
    body_text = "\n\n".join(text for _, text in blocks)
    if len(body_text) > MAX_BODY_CHARS:
        raise ValueError(f"body of {len(body_text)} characters exceeds the store's {MAX_BODY_CHARS}")
    layout = dump_json([[kind, len(text)] for kind, text in blocks])
    key = clean_text(article_key(article), None) or ""
    url = clean_text(article.url)
    canonical = clean_text(article.canonical_url)
    published = clean_text(article.published)
    body_hash = body_fingerprint(body_text)
    language = clean_text(article.language)
    values: tuple[Any, ...] = (
        key,
        url,
        canonical,
        host_of(canonical or url),
        clean_text(article.site_name),
        language.strip() or None if language else None,
        clean_text(article.headline),
        clean_text(article.standfirst),
        dump_json(clean_names(article.authors)),
        published,
        parse_instant(published),
        clean_text(article.updated),
        clean_text(article.section),
        dump_json(clean_names(article.tags)),
        dump_json(clean_tree(article.image)) if article.image is not None else None,
        dump_json(clean_tree(article.wire_source)) if article.wire_source is not None else None,
        dump_json(clean_tree(list(article.related or []))),
        clean_int(article.reading_time_minutes),
        clean_int(article.word_count) or 0,
        int(bool(article.is_article)),
        dump_json(article.enrichment.to_dict()) if article.enrichment is not None else None,
        clean_text(article.enrich_error),
        body_text,
        layout,
        body_hash,
    )
    record_hash = hashlib.sha256(dump_json(values).encode("utf-8")).hexdigest()[:32]
    raw = _prepare_raw(outcome.raw, outcome.warc, now)
    return ArticleRow(clean_text(outcome.input) or "", key, url, values, body_hash, record_hash, raw,
                       article.enrichment, clean_text(article.enrich_error), values[10], article, outcome.connect)


def prepare_outcome(outcome: Outcome, now: str) -> Row:
    """The row an outcome becomes, every value cleaned and hashed, ready for the writer.

    >>> from newsdesk.model import Article, Block
    >>> row = prepare_outcome(ArticleOutcome("a.html", Article(url="https://example.com/a", headline="Deal",
    ...                                                         body=[Block("paragraph", "Text.")])), "now")
    >>> row.key, row.values[6], row.values[-3]
    ('https://example.com/a', 'Deal', 'Text.')
    """
    if isinstance(outcome, ArticleOutcome):
        return _prepare_article(outcome, now)
    if isinstance(outcome, NotArticleOutcome):
        name = clean_text(outcome.input) or ""
        raw = _prepare_raw(outcome.raw, outcome.warc, now)
        key = normalise_url(clean_text(outcome.url)) or f"input:{name}" + (f"#{raw.identity[1]}" if raw else "")
        return NotArticleRow(name, key, clean_text(outcome.reason) or "not an article", raw)
    if isinstance(outcome, FailureOutcome):
        return FailureRow(
            clean_text(outcome.input) or "",
            clean_text(outcome.url),
            clean_text(outcome.stage) or "unknown",
            clean_text(outcome.reason) or "unknown failure",
            clean_text(outcome.details),
            _prepare_raw(outcome.raw, outcome.warc, now),
        )
    raise TypeError(f"not an outcome: {type(outcome).__name__}")


def input_name(outcome: Any) -> str:
    """The input an outcome came from, for messages about it, whatever the object.

    >>> input_name(ArticleOutcome("a.html", None)), input_name(3)
    ('a.html', '3')
    """
    return clean_text(getattr(outcome, "input", None)) or repr(outcome)[:200]


# --------------------------------------------------------------------------- reading rows back


def load_json(text: str | None, default: Any) -> Any:
    """A stored JSON value, or ``default`` where there is none or it does not parse.

    >>> load_json('["a"]', []), load_json("{broken", []), load_json(None, {})
    (['a'], [], {})
    """
    if text is None:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def _known(cls: type, data: Any) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names} if isinstance(data, dict) else {}


def _blocks(text: str, layout: str) -> list[Block]:
    blocks: list[Block] = []
    start = 0
    for kind, length in load_json(layout, []):
        blocks.append(Block(kind, text[start : start + length]))
        start += length + 2
    return blocks


def _enrichment(text: str | None) -> Enrichment | None:
    data = load_json(text, None)
    if not isinstance(data, dict):
        return None
    try:
        return Enrichment.from_dict(data)
    except (TypeError, ValueError):  # Written by a newer newsdesk with fields this one does not know.
        return None


def stored_article(row: tuple[Any, ...]) -> StoredArticle:
    """An article as stored, from a row of :data:`SELECT_ARTICLE`.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> from newsdesk.model import Article, Block
    >>> with SQLiteStore(":memory:") as store:
    ...     _ = store.write_batch([ArticleOutcome("a", Article(url="https://example.com/a", headline="Deal",
    ...                                                        body=[Block("paragraph", "Text.")]))])
    ...     stored = stored_article(store.connection.execute(SELECT_ARTICLE).fetchone())
    >>> stored.article.headline, [block.text for block in stored.article.body]
    ('Deal', ['Text.'])
    """
    image = load_json(row[12], None)
    wire = load_json(row[13], None)
    article = Article(
        url=row[1],
        canonical_url=row[2],
        site_name=row[3],
        language=row[4],
        headline=row[5],
        standfirst=row[6],
        authors=load_json(row[7], []),
        published=row[8],
        updated=row[9],
        section=row[10],
        tags=load_json(row[11], []),
        image=Image(**_known(Image, image)) if isinstance(image, dict) else None,
        wire_source=WireSource(**_known(WireSource, wire))
        if isinstance(wire, dict) and wire.get("code") is not None and wire.get("name") is not None
        else None,
        related=[
            Link(**_known(Link, link)) for link in load_json(row[14], []) if isinstance(link, dict) and "title" in link
        ],
        body=_blocks(row[18], row[19]),
        reading_time_minutes=row[15],
        word_count=row[16],
        is_article=bool(row[17]),
        enrichment=_enrichment(row[24]),
        enrich_error=row[25],
    )
    return StoredArticle(row[0], article, row[21], row[20], row[22], row[23])


def stored_raw_page(row: tuple[Any, ...]) -> StoredRawPage:
    """A raw page as stored, from a row of :data:`SELECT_RAW` (decompressed; WARC pointers as they are).

    >>> import zlib
    >>> row = (1, "https://example.com/a", None, None, "{}", "html", "file", "h", 1, "zlib",
    ...        zlib.compress(b"<p>Hi</p>"), None, None, None)
    >>> stored_raw_page(row).page.data
    '<p>Hi</p>'
    """
    (
        raw_id,
        url,
        final_url,
        fetched_at,
        headers,
        kind,
        source,
        content_hash,
        is_text,
        compression,
        data,
        warc_path,
        warc_offset,
        warc_length,
    ) = row
    payload: bytes | str = b""
    if data is not None:
        payload = zlib.decompress(data) if compression == "zlib" else bytes(data)
        if is_text:
            payload = payload.decode("utf-8", "surrogatepass")
    page = RawPage(payload, url=url, headers=load_json(headers, {}), fetched_at=fetched_at, kind=kind, source=source)
    warc = WarcRef(warc_path, warc_offset, warc_length) if warc_path is not None else None
    return StoredRawPage(raw_id, page, content_hash, final_url, warc)

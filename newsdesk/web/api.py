"""The REST API under /api/v1: articles, one article, search, outlets, stats; and ingest for token holders.

Reading needs no token. Lists are paged with an opaque ``cursor`` (pass back the
``next_cursor`` of the previous page) and at most ``MAX_PAGE_SIZE`` items per page. Query
parameters are checked before the store is touched, and every error is JSON naming the
parameter and the reason (see :mod:`newsdesk.web.errors` for the status codes).

Lists newest first (``/articles``, and ``/search`` without ``q``) page by position: the cursor
(format 2) carries the store's :meth:`~newsdesk.store.Store.page` token, so a deep page costs
what the first does and articles added meanwhile neither repeat nor hide items. Ranked search
(``q`` given) has no stable position to resume from, so its cursor (format 1,
:mod:`newsdesk.web.cursor`) carries an offset. A format-1 cursor from before lists paged by
position is refused with 400 saying to start again from the first page.

Read handlers are plain functions: the server runs them in its worker threads, each of which
keeps its own read-only store (:class:`~newsdesk.web.stores.ThreadStores`).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from dataclasses import asdict, replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from newsdesk.ingest import SourceFailure
from newsdesk.store import SearchHit, StoredArticle, StoreError, sqlite_store
from newsdesk.web.config import (
    DEFAULT_PAGE_SIZE,
    MAX_FILTER_CHARS,
    MAX_OFFSET,
    MAX_PAGE_SIZE,
    MAX_POST_BYTES,
    MAX_QUERY_CHARS,
)
from newsdesk.web.cursor import CursorError, decode_cursor, encode_cursor, request_fingerprint
from newsdesk.web.errors import ApiError, error_body
from newsdesk.web.links import public_base
from newsdesk.web.models import (
    ArticleList,
    ArticleOut,
    ErrorBody,
    IngestRequest,
    IngestResult,
    OutletDetail,
    OutletOut,
    SearchResults,
    StatsOut,
)
from newsdesk.web.params import ArticleQuery, clean_query, is_article_id
from newsdesk.web.reading import day_counts, facet_counts, outlet_of, outlet_summaries, related_articles
from newsdesk.web.rendering import path_segment, safe_url
from newsdesk.web.state import app_state
from newsdesk.web.writing import BlockedAddressError, check_public, fetch_page, page_from_post, write_one

router = APIRouter(prefix="/api/v1")

_READ_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "a bad cursor, or a parameter that is malformed or out of range"},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "no such record"}}

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"items per page (at most {MAX_PAGE_SIZE})")]
Cursor = Annotated[str | None, Query(max_length=512, description="the next_cursor of the previous page")]


def filter_params(
    outlet: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description="site name or host")] = None,
    section: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description="section, any case")] = None,
    lang: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description="language; en matches en-GB")] = None,
    author: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description="part of an author's name")] = None,
    since: Annotated[str | None, Query(max_length=64, description="published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(max_length=64, description="published on or before (YYYY-MM-DD)")] = None,
    person: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description="names this person")] = None,
    org: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description="names this organisation")] = None,
    place: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description="names this place")] = None,
    speaker: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description="quotes this speaker")] = None,
) -> ArticleQuery:
    """The article filters of a request, checked (a :class:`ParamError` answers 400)."""
    return ArticleQuery.parse(outlet=outlet, section=section, lang=lang, author=author, since=since, until=until,
                              person=person, org=org, place=place, speaker=speaker)


def base_url(request: Request) -> str:
    """The address links start with, never taken from an unchecked Host header (:mod:`newsdesk.web.links`)."""
    return public_base(request)


def hit_json(hit: SearchHit, base: str) -> dict[str, Any]:
    """A search hit as the API gives it: the store's fields, the outlet, and links.

    >>> from newsdesk.store import Highlighted
    >>> hit = SearchHit(3, "https://www.trtworld.com/a", "Deal", None, None, None, None, [], 0.0,
    ...                 Highlighted(), Highlighted())
    >>> data = hit_json(hit, "http://127.0.0.1:8080")
    >>> data["outlet"], data["api_url"]
    ('trtworld.com', 'http://127.0.0.1:8080/api/v1/articles/3')
    """
    data = hit.to_dict()
    data["outlet"] = outlet_of(hit.site_name, hit.url)
    data["api_url"] = f"{base}/api/v1/articles/{hit.id}"
    data["html_url"] = f"{base}/articles/{hit.id}"
    return data


def article_json(stored: StoredArticle, base: str) -> dict[str, Any]:
    """A stored article as the API gives it: every field, the outlet, and its page in the reader.

    >>> from newsdesk.model import Article
    >>> article_json(StoredArticle(1, Article(site_name="TRT World"), "2025-10-01T00:00:00Z"), "")["outlet"]
    'TRT World'
    """
    data = stored.to_dict()
    data["outlet"] = outlet_of(stored.article.site_name, stored.article.url)
    data["html_url"] = f"{base}/articles/{stored.id}"
    return data


# --------------------------------------------------------------------------- cursors of lists by position

_POSITION_CURSOR = 2


def _cursor_data(cursor: str) -> dict[str, Any] | None:
    try:
        data = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii")))
    except (ValueError, UnicodeEncodeError, binascii.Error):
        return None
    return data if isinstance(data, dict) else None


def position_cursor(after: str, fingerprint: str) -> str:
    """The opaque cursor of the page after the store position ``after`` of the list ``fingerprint`` names.

    >>> position_cursor("n1.WyIyMDI1LTEwLTAxVDA2OjAwOjAwWiIsM10", "abc") != ""
    True
    """
    data = json.dumps({"v": _POSITION_CURSOR, "a": after, "f": fingerprint}, separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode("ascii")).decode("ascii").rstrip("=")


def read_position_cursor(cursor: str | None, fingerprint: str) -> str | None:
    """The store position a list cursor holds (None for no cursor); :class:`CursorError` if not valid here.

    >>> read_position_cursor(position_cursor("n1.x", "abc"), "abc")
    'n1.x'
    >>> read_position_cursor(encode_cursor(20, "abc"), "abc")
    Traceback (most recent call last):
    ...
    newsdesk.web.cursor.CursorError: cursor: an offset cursor from an earlier version of this API: \
lists now page by position; request the first page again, without a cursor
    """
    if not cursor:
        return None
    data = _cursor_data(cursor) or {}
    version, after, made_for = data.get("v"), data.get("a"), data.get("f")
    if version == 1:
        # Ranked search still makes offset cursors; only one made for this very list is from before.
        decode_cursor(cursor, fingerprint)
        raise CursorError("cursor", "an offset cursor from an earlier version of this API: lists now page by "
                                    "position; request the first page again, without a cursor")
    if version != _POSITION_CURSOR or not isinstance(after, str) or not after or not isinstance(made_for, str):
        raise CursorError("cursor", "not a cursor this server made")
    if made_for != fingerprint:
        raise CursorError("cursor", "made for another query or other filters")
    return after


def read_offset_cursor(cursor: str | None, fingerprint: str) -> int:
    """The offset a ranked search's cursor holds (0 for none); a list's cursor is another query's.

    >>> read_offset_cursor(position_cursor("n1.x", "abc"), "abc")
    Traceback (most recent call last):
    ...
    newsdesk.web.cursor.CursorError: cursor: made for another query or other filters
    """
    try:
        return decode_cursor(cursor, fingerprint)
    except CursorError:
        if cursor and (_cursor_data(cursor) or {}).get("v") == _POSITION_CURSOR:
            raise CursorError("cursor", "made for another query or other filters") from None
        raise


def _page(request: Request, query: ArticleQuery, limit: int, cursor: str | None, *,
          with_facets: bool = False, mode: str | None = None) -> dict[str, Any]:
    fingerprint = request_fingerprint({"path": request.url.path, **query.params(), "mode": mode})
    store = app_state(request).stores.reader()
    ran: str | None = None
    if query.q is None:
        after = read_position_cursor(cursor, fingerprint)
        try:
            hits, next_after = store.page(query.filters, after=after, limit=limit)
        except StoreError as exc:
            raise CursorError("cursor", "not a cursor this server made") from exc
        total = store.count(None, query.filters)
        next_cursor = position_cursor(next_after, fingerprint) if next_after else None
    else:
        offset = read_offset_cursor(cursor, fingerprint)
        searcher = sqlite_store(store, "search modes")
        try:
            ranked = searcher.search_in_mode(query.q, query.filters, mode=mode, limit=limit, offset=offset)
        except StoreError as exc:  # semantic asked of a store without vectors
            raise ApiError(400, "bad_parameter", f"mode: {exc.reason}", [("query.mode", exc.reason)]) from exc
        hits, total, ran = ranked.hits, ranked.total, ranked.mode
        end = offset + len(hits)
        next_cursor = encode_cursor(end, fingerprint) if hits and end < min(total, MAX_OFFSET) else None
    base = base_url(request)
    page: dict[str, Any] = {
        "items": [hit_json(hit, base) for hit in hits],
        "total": total,
        "limit": limit,
        "next_cursor": next_cursor,
    }
    if ran is not None:
        page["mode"] = ran
    if with_facets:
        facets = facet_counts(store, query.q, query.filters)
        page["facets"] = {name: [{"value": v.value, "count": v.count, "selected": v.selected} for v in values]
                          for name, values in facets.items()}
    return page


@router.get("/articles", response_model=ArticleList, responses=_READ_ERRORS, tags=["articles"])
def list_articles(request: Request, filters: Annotated[ArticleQuery, Depends(filter_params)],
                  limit: Limit = DEFAULT_PAGE_SIZE, cursor: Cursor = None) -> dict[str, Any]:
    """The newest articles matching the filters, newest first."""
    return _page(request, filters, limit, cursor)


@router.get("/articles/lookup", response_model=ArticleOut, responses={**_NOT_FOUND, **_READ_ERRORS},
            tags=["articles"])
def lookup_article(request: Request, url: Annotated[str, Query(min_length=1, max_length=4096)]) -> dict[str, Any]:
    """The article stored under a URL: its canonical URL, its URL, or the URL of a recorded copy."""
    ref = url.strip()
    # The store reads a string of digits as an id; one too large for SQLite names no article.
    stored = app_state(request).stores.reader().get(ref) if is_article_id(ref) or not ref.isdigit() else None
    if stored is None:
        raise ApiError(404, "not_found", f"url {url!r}: no article stored under this URL")
    return article_json(stored, base_url(request))


@router.get("/articles/{article_id}", response_model=ArticleOut, responses={**_NOT_FOUND, **_READ_ERRORS},
            tags=["articles"])
def get_article(request: Request, article_id: int) -> dict[str, Any]:
    """One article with every field."""
    stored = app_state(request).stores.reader().get(article_id) if is_article_id(article_id) else None
    if stored is None:
        raise ApiError(404, "not_found", f"article {article_id}: no such article")
    return article_json(stored, base_url(request))


@router.get("/articles/{article_id}/related", response_model=ArticleList, responses={**_NOT_FOUND, **_READ_ERRORS},
            tags=["articles"])
def get_related(request: Request, article_id: int,
                limit: Annotated[int, Query(ge=1, le=20)] = 5) -> dict[str, Any]:
    """Stored articles most like this one: full-text similarity of the headline, standfirst and lead, fused by
    rank with the nearest article vectors where the store has them; copies of the article are left out."""
    store = app_state(request).stores.reader()
    stored = store.get(article_id) if is_article_id(article_id) else None
    if stored is None:
        raise ApiError(404, "not_found", f"article {article_id}: no such article")
    hits = related_articles(store, stored, limit=limit)
    base = base_url(request)
    return {"items": [hit_json(hit, base) for hit in hits], "total": len(hits), "limit": limit, "next_cursor": None}


@router.get("/search", response_model=SearchResults, responses=_READ_ERRORS, tags=["articles"])
def search(
    request: Request,
    filters: Annotated[ArticleQuery, Depends(filter_params)],
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS,
                                   description='words, "phrases", OR, -excluded, prefix*')] = None,
    limit: Limit = DEFAULT_PAGE_SIZE,
    cursor: Cursor = None,
    facets: Annotated[bool, Query(description="add counts per outlet, section and language")] = False,
    mode: Annotated[Literal["hybrid", "bm25", "semantic"] | None,
                    Query(description="hybrid: BM25 and the query's embedding fused by rank (the default where "
                                      "the store has article vectors); bm25: full text only (the default "
                                      "without); semantic: vectors only")] = None,
) -> dict[str, Any]:
    """Search, best match first, with highlighted headline and snippet; no ``q``: newest first.

    Facet counts are those of the full-text matches, whatever the mode."""
    query = replace(filters, q=clean_query(q))
    page = _page(request, query, limit, cursor, with_facets=facets, mode=mode)
    page["query"] = query.q
    return page


@router.get("/outlets", response_model=list[OutletOut], tags=["outlets"])
def list_outlets(request: Request) -> list[dict[str, Any]]:
    """Every outlet with articles or in the sources file, the busiest first."""
    base = base_url(request)
    return [{**asdict(summary), "html_url": f"{base}/outlets/{path_segment(summary.name)}"}
            for summary in outlet_summaries(app_state(request).stores.reader())]


@router.get("/outlets/{name:path}", response_model=OutletDetail, responses={**_NOT_FOUND, **_READ_ERRORS},
            tags=["outlets"])
def get_outlet(request: Request, name: str, days: Annotated[int, Query(ge=1, le=366)] = 30) -> dict[str, Any]:
    """One outlet with its articles per day (UTC) over the ``days`` ending with its newest article."""
    store = app_state(request).stores.reader()
    wanted = name.strip().casefold()
    summary = next((s for s in outlet_summaries(store) if s.name.casefold() == wanted), None)
    if summary is None:
        raise ApiError(404, "not_found", f"outlet {name!r}: no such outlet")
    query = ArticleQuery.parse(outlet=summary.name)
    return {**asdict(summary), "html_url": f"{base_url(request)}/outlets/{path_segment(summary.name)}",
            "by_day": day_counts(store, query.filters, days=days)}


@router.get("/stats", response_model=StatsOut, tags=["store"])
def stats(request: Request) -> dict[str, Any]:
    """Counts of articles by outlet, day, section and language; duplicates, not-articles, failures."""
    return app_state(request).stores.reader().stats().to_dict()


# --------------------------------------------------------------------------- writing

_bearer = HTTPBearer(auto_error=False, description="the token configured with NEWSDESK_TOKEN")


def require_writer(request: Request,
                   credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """Allow the request only with the configured bearer token; 403 when no token is configured."""
    token = app_state(request).config.token
    if not token:
        raise ApiError(403, "writing_disabled",
                       "writing is disabled: the server has no token configured (set NEWSDESK_TOKEN)")
    challenge = {"WWW-Authenticate": 'Bearer realm="newsdesk"'}
    if credentials is None:
        raise ApiError(401, "unauthorized", "this endpoint needs the header 'Authorization: Bearer <token>'",
                       headers=challenge)
    if not hmac.compare_digest(credentials.credentials.encode("utf-8"), token.encode("utf-8")):
        raise ApiError(401, "unauthorized", "the bearer token is not the one configured", headers=challenge)


async def read_body(request: Request, limit: int = MAX_POST_BYTES) -> bytes:
    """The request body, refused with 413 past ``limit`` bytes (declared or actually sent)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "payload_too_large", f"the body of {declared} bytes is over the limit of {limit}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "payload_too_large", f"the body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_ingest(body: bytes) -> IngestRequest:
    """The ingest request in a body: 400 if it is not JSON, 422 if its fields are wrong.

    >>> parse_ingest(b'{"text": "Storm hits coast"}').text
    'Storm hits coast'
    >>> parse_ingest(b'{"html": "<p>a</p>", "text": "a"}')
    Traceback (most recent call last):
    ...
    newsdesk.web.errors.ApiError: give either html or text, not both
    >>> parse_ingest(b'{"text": "Storm hits coast", "url": "javascript:alert(1)"}')
    Traceback (most recent call last):
    ...
    newsdesk.web.errors.ApiError: body.url: only absolute http and https URLs can be ingested
    """
    if not body.strip():
        raise ApiError(400, "malformed_json", "the body is empty: send a JSON object",
                       [("body", "empty body")])
    try:
        payload = IngestRequest.model_validate_json(body)
    except ValidationError as exc:
        problems = [(".".join(["body", *(str(p) for p in e["loc"])]), e["msg"]) for e in exc.errors()]
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            raise ApiError(400, "malformed_json", "the body is not valid JSON", problems) from exc
        raise ApiError(422, "invalid_value", "; ".join(f"{loc}: {msg}" for loc, msg in problems), problems) from exc
    if payload.html is not None and payload.text is not None:
        raise ApiError(422, "invalid_value", "give either html or text, not both",
                       [("body", "both html and text given")])
    if payload.html is None and payload.text is None and not (payload.url or "").strip():
        raise ApiError(422, "invalid_value", "give a url to fetch, or the html or text of a page",
                       [("body", "no url, html or text")])
    url = (payload.url or "").strip()
    if url and safe_url(url) is None:
        # Refused before anything is fetched or stored, and not repeated back: javascript: and data: URLs
        # are how stored text turns into script in some other reader of the API or the feeds.
        raise ApiError(400, "url_not_allowed", "body.url: only absolute http and https URLs can be ingested",
                       [("body.url", "not an absolute http(s) URL")])
    return payload


@router.post(
    "/ingest",
    response_model=IngestResult,
    status_code=201,
    dependencies=[Depends(require_writer)],
    tags=["ingest"],
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": IngestRequest.model_json_schema()}}}},
    responses={
        200: {"model": IngestResult, "description": "stored before, a duplicate, or not an article (recorded)"},
        400: {"model": ErrorBody, "description": "the body is not JSON, or its url is not an http(s) URL"},
        401: {"model": ErrorBody, "description": "no token, or not the configured one"},
        403: {"model": ErrorBody, "description": "writing is disabled (no token configured)"},
        413: {"model": ErrorBody, "description": "the body is over the limit"},
        415: {"model": ErrorBody, "description": "the body is not application/json"},
        422: {"model": ErrorBody, "description": "wrong fields, a URL that may not be fetched, or a page "
                                                 "that is not readable (recorded in the quarantine)"},
        502: {"model": ErrorBody, "description": "the URL could not be fetched (recorded in the quarantine)"},
    },
)
async def ingest(request: Request) -> JSONResponse:
    """Ingest one page: a ``url`` to fetch (politely, robots.txt honoured), or its ``html`` or ``text``.

    Needs ``Authorization: Bearer <token>``. Answers 201 with the article when it is new, 200
    when it was stored before, is a copy of a stored article, or is not an article.
    """
    state = app_state(request)
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != "application/json":
        raise ApiError(415, "unsupported_media_type",
                       f"send the body as application/json, not {media or 'no content type'}")
    payload = parse_ingest(await read_body(request))
    url = (payload.url or "").strip() or None
    item: Any
    if payload.html is None and payload.text is None:
        assert url is not None
        if not state.allow_private_urls:
            try:
                await check_public(url)
            except BlockedAddressError as exc:
                raise ApiError(422, "url_not_allowed", f"{url}: {exc.reason}", [("body.url", exc.reason)]) from exc
        item = await fetch_page(url, allow_private=state.allow_private_urls)
    else:
        item = page_from_post(url=url, html=payload.html, text=payload.text)

    def write() -> Any:
        with state.stores.writer() as store:
            return write_one(store, item)

    written = await run_in_threadpool(write)
    state.stats.clear()
    if written.result == "failed":
        if isinstance(item, SourceFailure):
            status, code = 502, "fetch_failed"
        else:
            status, code = 422, "extraction_failed"
        message = f"{written.input}: {written.reason} (recorded in the quarantine)"
        return JSONResponse(error_body(status, code, message, [("body", written.reason or "")]), status_code=status)
    base = base_url(request)
    result = {"result": written.result, "input": written.input, "reason": written.reason,
              "id": written.article.id if written.article else None,
              "article": article_json(written.article, base) if written.article else None}
    status = 201 if written.result == "inserted" else 200
    headers = {"Location": f"{base}/api/v1/articles/{written.article.id}"} if written.article and status == 201 \
        else None
    return JSONResponse(IngestResult.model_validate(result).model_dump(mode="json"), status_code=status,
                        headers=headers)

"""What enrichment found, served: the entities and quotes API, and the reader's entity pages.

API (``/api/v1``, JSON, no token): ``/entities`` (top entities of a period, by type or part of a name),
``/entities/{id}`` (one entity: counts, articles per day, newest articles, and a person's quotes),
``/quotes`` (who said what, newest first, by speaker, period or kind). Pages: ``/entities`` and
``/entities/{id}``. Every list is paged by ``offset`` within ``MAX_OFFSET``; every parameter is checked
and a bad one is a JSON 400 (pages: an error page). Links are relative to the server, so no request
header decides what they point at.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse, Response

from newsdesk.store import SQLiteStore, Store, StoredArticle
from newsdesk.store.annotations import EntitySummary, StoredQuote
from newsdesk.web.config import DEFAULT_PAGE_SIZE, MAX_FILTER_CHARS, MAX_OFFSET, MAX_PAGE_SIZE
from newsdesk.web.errors import ApiError
from newsdesk.web.params import ParamError, clean_date
from newsdesk.web.reading import outlet_of
from newsdesk.web.state import sqlite_reader

api_router = APIRouter(prefix="/api/v1", tags=["entities"])
pages_router = APIRouter(include_in_schema=False)

#: Entity types a request may ask for.
ENTITY_TYPES = ("PERSON", "ORG", "PLACE")
#: Quote kinds a request may ask for.
QUOTE_KINDS = ("direct", "indirect", "mixed")
#: Newest articles and quotes shown for one entity.
ENTITY_ITEMS = 20

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"items per page (at most {MAX_PAGE_SIZE})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"items to skip (at most {MAX_OFFSET})")]
Since = Annotated[str | None, Query(max_length=64, description="published on or after (YYYY-MM-DD)")]
Until = Annotated[str | None, Query(max_length=64, description="published on or before (YYYY-MM-DD)")]
Text = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)]


def _period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    try:
        return clean_date("since", since), clean_date("until", until)
    except ParamError as exc:
        raise ApiError(400, "bad_parameter", str(exc)) from exc


def _entity_type(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if value.strip().upper() not in ENTITY_TYPES:
        raise ApiError(400, "bad_parameter", f"type: must be one of {', '.join(ENTITY_TYPES)}, not {value!r}")
    return value.strip().upper()


def _quote_kind(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if value.strip().lower() not in QUOTE_KINDS:
        raise ApiError(400, "bad_parameter", f"kind: must be one of {', '.join(QUOTE_KINDS)}, not {value!r}")
    return value.strip().lower()


def entity_json(entity: EntitySummary) -> dict[str, Any]:
    """An entity as the API gives it, with its links.

    >>> entity_json(EntitySummary(4, "Iraq", "PLACE", articles=2, country="IQ"))["html_url"]
    '/entities/4'
    """
    data = entity.to_dict()
    data["api_url"] = f"/api/v1/entities/{entity.id}"
    data["html_url"] = f"/entities/{entity.id}"
    return data


def quote_json(quote: StoredQuote) -> dict[str, Any]:
    """A quote as the API gives it: the words, the speaker and role, and the article it is from.

    >>> quote_json(StoredQuote(1, 7, "Sean Parnell", None, "direct", "said", "We will."))["article_url"]
    '/api/v1/articles/7'
    """
    data = quote.to_dict()
    data["outlet"] = outlet_of(quote.site_name, quote.url)
    data["article_url"] = f"/api/v1/articles/{quote.article_id}"
    data["html_url"] = f"/articles/{quote.article_id}"
    return data


@api_router.get("/entities", summary="The most named people, organisations and places")
def list_entities(request: Request, type: Text = None, q: Text = None, since: Since = None, until: Until = None,
                  limit: Limit = DEFAULT_PAGE_SIZE, offset: Offset = 0) -> dict[str, Any]:
    """Entities by the number of articles naming them in the period, most first."""
    since, until = _period(since, until)
    store = sqlite_reader(request, "entities and quotes")
    items = store.entities(type_=_entity_type(type), since=since, until=until, name=(q or "").strip() or None,
                           limit=limit, offset=offset)
    return {"items": [entity_json(e) for e in items], "offset": offset, "limit": limit,
            "next_offset": offset + limit if len(items) == limit and offset + limit <= MAX_OFFSET else None}


@api_router.get("/entities/{entity_id}", summary="One entity: mentions over time, its articles, its quotes")
def get_entity(request: Request, entity_id: int, since: Since = None, until: Until = None) -> dict[str, Any]:
    """One entity with articles naming it per day, its newest articles, and what it said."""
    since, until = _period(since, until)
    store = sqlite_reader(request, "entities and quotes")
    entity = store.entity(entity_id) if 0 < entity_id < 2**63 else None
    if entity is None:
        raise ApiError(404, "not_found", f"entity {entity_id}: no such entity in this store")
    articles = [store.get(article_id) for article_id in store.entity_article_ids(entity.id, limit=ENTITY_ITEMS)]
    data = entity_json(entity)
    data["days"] = store.entity_days(entity.id, since=since, until=until)
    data["articles"] = [_article_brief(stored) for stored in articles if stored is not None]
    data["quotes"] = [quote_json(q) for q in store.quotes(speaker_entity_id=entity.id, limit=ENTITY_ITEMS)]
    return data


@api_router.get("/quotes", summary="Who said what, newest first")
def list_quotes(request: Request, speaker: Text = None, kind: Text = None, since: Since = None,
                until: Until = None, limit: Limit = DEFAULT_PAGE_SIZE, offset: Offset = 0) -> dict[str, Any]:
    """Quotes, newest first: by a part of the speaker's name, kind (direct, indirect, mixed) and period."""
    since, until = _period(since, until)
    store = sqlite_reader(request, "entities and quotes")
    items = store.quotes(speaker=(speaker or "").strip() or None, kind=_quote_kind(kind), since=since, until=until,
                         limit=limit, offset=offset)
    return {"items": [quote_json(q) for q in items], "offset": offset, "limit": limit,
            "next_offset": offset + limit if len(items) == limit and offset + limit <= MAX_OFFSET else None}


def _article_brief(stored: StoredArticle) -> dict[str, Any]:
    article = stored.article
    return {"id": stored.id, "headline": article.headline, "published": article.published,
            "outlet": outlet_of(article.site_name, article.url), "html_url": f"/articles/{stored.id}",
            "api_url": f"/api/v1/articles/{stored.id}"}


# --------------------------------------------------------------------------- pages


def article_enrichment(store: Store, stored: StoredArticle) -> dict[str, Any]:
    """What the article page shows of an article's enrichment: who said what, and its linked entities.

    Returns ``{"quotes": [...], "entities": {type: [(name, id or None, mentions)]}}``, empty when the
    article was not enriched.
    """
    enrichment = stored.article.enrichment
    if enrichment is None:
        return {"quotes": [], "entities": {}}
    by_type: dict[str, list[tuple[str, int | None, int]]] = {}
    ids: dict[str, int] = {}
    for entity in enrichment.entities:
        if entity.type not in ENTITY_TYPES:
            continue
        # Entity pages exist only where the SQLite store keeps entities; elsewhere the names are not linked.
        found = store.entity(entity.name) if isinstance(store, SQLiteStore) else None
        if found is not None:
            ids[entity.name] = found.id
        by_type.setdefault(entity.type, []).append((entity.name, ids.get(entity.name), len(entity.mentions)))
    for names in by_type.values():
        names.sort(key=lambda item: (-item[2], item[0]))
    quotes = [{"text": q.text, "speaker": q.speaker, "role": q.speaker_role, "kind": q.kind,
               "speaker_id": ids.get(q.speaker or "")} for q in enrichment.quotes]
    return {"quotes": quotes, "entities": by_type}


@pages_router.get("/entities", response_class=HTMLResponse, name="entities_page")
def entities_page(request: Request) -> Response:
    """The most named people, organisations and places in the store."""
    from newsdesk.web.pages import render

    store = sqlite_reader(request, "entities and quotes")
    groups = [(label, store.entities(type_=type_, limit=30))
              for type_, label in (("PERSON", "People"), ("ORG", "Organisations"), ("PLACE", "Places"))]
    return render(request, "entities.html", title="People, organisations and places", groups=groups,
                  speakers=store.top_speakers(limit=30))


@pages_router.get("/entities/{entity_id}", response_class=HTMLResponse, name="entity_page")
def entity_page(request: Request, entity_id: str) -> Response:
    """One entity: the articles about it newest first, articles per day, and what it said."""
    from newsdesk.web.pages import error_page, render

    store = sqlite_reader(request, "entities and quotes")
    entity = store.entity(int(entity_id)) if entity_id.isdigit() and len(entity_id) < 19 else None
    if entity is None:
        return error_page(request, 404, "Not found", f"entity {entity_id}: no such entity in this store")
    articles = [store.get(article_id) for article_id in store.entity_article_ids(entity.id, limit=ENTITY_ITEMS)]
    days = store.entity_days(entity.id)
    return render(request, "entity.html", title=entity.name, entity=entity,
                  articles=[a for a in articles if a is not None], days=days,
                  busiest=max(days.values(), default=0),
                  quotes=store.quotes(speaker_entity_id=entity.id, limit=ENTITY_ITEMS))

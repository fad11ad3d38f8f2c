"""Stories served: the stories API, timelines, and the reader's story pages.

API (``/api/v1``, JSON, no token): ``/stories`` (stories by outlets or recency, paged by ``cursor``),
``/stories/{id}`` (members, outlets and when each first published, the chain, copy groups, timeline, who
said what), ``/stories/{id}/timeline`` and ``/timeline?q=`` (the timeline of the articles a query finds).
Pages: ``/stories`` and ``/stories/{id}``. Every parameter is checked before the store is read, and a bad
one is a JSON 400 naming it (pages: the error page), as in :mod:`newsdesk.web.api`. Everything is read
through :mod:`newsdesk.store.timelines`, the functions the ``newsdesk story`` command prints.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse, Response

from newsdesk.store.base import Filters, parse_instant
from newsdesk.store.stories import StorySummary
from newsdesk.store.timelines import count_stories, query_timeline, story_coverage, story_timeline
from newsdesk.web.config import DEFAULT_PAGE_SIZE, MAX_OFFSET, MAX_PAGE_SIZE, MAX_QUERY_CHARS
from newsdesk.web.cursor import encode_cursor, request_fingerprint
from newsdesk.web.errors import ApiError
from newsdesk.web.models import ErrorBody, StoryDetailOut, StoryList, TimelineOut
from newsdesk.web.params import ParamError, clean_date, clean_query, is_article_id
from newsdesk.web.state import app_state, sqlite_reader

api_router = APIRouter(prefix="/api/v1", tags=["stories"])
pages_router = APIRouter(include_in_schema=False)

#: Most dates and sentences per date a timeline may be asked for.
MAX_DATES = 100
MAX_SENTENCES = 10
#: Most outlets a story list may require (more names no story).
MAX_MIN_OUTLETS = 1000

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "a bad cursor, or a parameter that is malformed or out of range"},
    404: {"model": ErrorBody, "description": "no such story"},
}

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"items per page (at most {MAX_PAGE_SIZE})")]
Cursor = Annotated[str | None, Query(max_length=512, description="the next_cursor of the previous page")]
MinOutlets = Annotated[int, Query(ge=1, le=MAX_MIN_OUTLETS, description="stories covered by at least this many "
                                                                        "outlets")]
Since = Annotated[str | None, Query(max_length=64, description="last seen on or after (YYYY-MM-DD)")]
Rank = Annotated[Literal["top", "recent"], Query(description="top: most outlets, then articles, then recency; "
                                                             "recent: last seen first")]
MaxDates = Annotated[int, Query(ge=1, le=MAX_DATES, description="dates in the timeline")]
Sentences = Annotated[int, Query(ge=1, le=MAX_SENTENCES, description="sentences per date")]


def _since(value: str | None, name: str = "since") -> str | None:
    try:
        return parse_instant(clean_date(name, value))
    except ParamError as exc:
        raise ApiError(400, "bad_parameter", str(exc), [(f"query.{name}", exc.reason)]) from exc


def _story_id(value: int | str) -> int | None:
    return int(value) if is_article_id(value) else None


def story_json(story: StorySummary) -> dict[str, Any]:
    """A story as the API lists it, with its links (relative to the server, as the entity API's).

    >>> story_json(StorySummary(3, "Iraq deal", None, None, 2, ["a.example"]))["html_url"]
    '/stories/3'
    """
    return {**story.to_dict(), "api_url": f"/api/v1/stories/{story.id}", "html_url": f"/stories/{story.id}"}


@api_router.get("/stories", response_model=StoryList, responses=_ERRORS, summary="Stories across outlets")
def list_stories(request: Request, since: Since = None, min_outlets: MinOutlets = 1, rank: Rank = "top",
                 limit: Limit = DEFAULT_PAGE_SIZE, cursor: Cursor = None) -> dict[str, Any]:
    """Stories last seen since ``since`` with at least ``min_outlets`` outlets, the most covered first."""
    from newsdesk.web.api import read_offset_cursor

    since_utc = _since(since)
    fingerprint = request_fingerprint({"path": request.url.path, "since": since_utc, "min_outlets": min_outlets,
                                       "rank": rank})
    offset = read_offset_cursor(cursor, fingerprint)
    store = sqlite_reader(request, "stories")
    stories = store.stories(since=since_utc, min_outlets=min_outlets, limit=limit, rank=rank, offset=offset)
    total = count_stories(store.connection, since_utc=since_utc, min_outlets=min_outlets)
    end = offset + len(stories)
    return {"items": [story_json(s) for s in stories], "total": total, "limit": limit,
            "next_cursor": encode_cursor(end, fingerprint) if stories and end < min(total, MAX_OFFSET) else None}


@api_router.get("/stories/{story_id}", response_model=StoryDetailOut, responses=_ERRORS, summary="One story")
def get_story(request: Request, story_id: int, max_dates: MaxDates = 10,
              sentences: Sentences = 1) -> dict[str, Any]:
    """One story: its articles, outlets and when each first published, chain, copies, timeline, who said what."""
    ident = _story_id(story_id)
    store = sqlite_reader(request, "stories")
    cover = story_coverage(store, ident, max_dates=max_dates, sentences=sentences) if ident else None
    if cover is None:
        raise ApiError(404, "not_found", f"story {story_id}: no such story")
    data = {**cover.to_dict(), **story_json(cover.detail.story)}
    for member in data["members"]:
        member["api_url"] = f"/api/v1/articles/{member['article_id']}"
        member["html_url"] = f"/articles/{member['article_id']}"
    return data


@api_router.get("/stories/{story_id}/timeline", response_model=TimelineOut, responses=_ERRORS,
                summary="A story's timeline")
def get_story_timeline(request: Request, story_id: int, max_dates: MaxDates = 10,
                       sentences: Sentences = 1) -> dict[str, Any]:
    """The key dates of a story and what happened on each, in date order."""
    store = sqlite_reader(request, "stories")
    ident = _story_id(story_id)
    if ident is None or store.story(ident) is None:
        raise ApiError(404, "not_found", f"story {story_id}: no such story")
    lines = story_timeline(store, ident, max_dates=max_dates, sentences=sentences)
    return {"story_id": ident, "timeline": [{"date": d, "sentences": s} for d, s in lines]}


@api_router.get("/timeline", response_model=TimelineOut, responses={400: _ERRORS[400]},
                summary="The timeline of a query")
def get_query_timeline(request: Request,
                       q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS,
                                               description="words to search for, as in /search")],
                       since: Annotated[str | None, Query(max_length=64, description="published on or after")] = None,
                       until: Annotated[str | None, Query(max_length=64, description="published on or before")] = None,
                       max_dates: MaxDates = 10, sentences: Sentences = 1) -> dict[str, Any]:
    """The key dates among the articles a full-text query finds, and what happened on each."""
    try:
        query = clean_query(q)
        period = (clean_date("since", since), clean_date("until", until))
    except ParamError as exc:
        raise ApiError(400, "bad_parameter", str(exc), [(f"query.{exc.name}", exc.reason)]) from exc
    if query is None:
        raise ApiError(400, "bad_parameter", "q: give the words to search for", [("query.q", "blank")])
    lines = query_timeline(app_state(request).stores.reader(), query, filters=Filters(*period),
                           max_dates=max_dates, sentences=sentences)
    return {"query": query, "timeline": [{"date": d, "sentences": s} for d, s in lines]}


# --------------------------------------------------------------------------- pages

#: Stories per page of the stories page.
STORIES_PER_PAGE = DEFAULT_PAGE_SIZE


@pages_router.get("/stories", response_class=HTMLResponse, name="stories_page")
def stories_page(request: Request, min_outlets: Annotated[int, Query(ge=1, le=MAX_MIN_OUTLETS)] = 1,
                 rank: Rank = "top", page: Annotated[int, Query(ge=1, le=MAX_OFFSET // STORIES_PER_PAGE)] = 1
                 ) -> Response:
    """Every story, the most covered first (or the latest), with its outlets."""
    from newsdesk.web.pages import _query_link, render, root_of

    store = sqlite_reader(request, "stories")
    stories = store.stories(min_outlets=min_outlets, rank=rank, limit=STORIES_PER_PAGE,
                            offset=(page - 1) * STORIES_PER_PAGE)
    total = count_stories(store.connection, min_outlets=min_outlets)
    pages = max(1, min(MAX_OFFSET // STORIES_PER_PAGE, -(-total // STORIES_PER_PAGE)))
    params = {"min_outlets": min_outlets if min_outlets != 1 else None, "rank": rank if rank != "top" else None}
    return render(request, "stories.html", title="Stories", stories=stories, total=total, page=page, pages=pages,
                  rank=rank, min_outlets=min_outlets,
                  link=lambda **changes: _query_link(f"{root_of(request)}/stories", {**params, **changes}))


@pages_router.get("/stories/{story_id}", response_class=HTMLResponse, name="story_page")
def story_page(request: Request, story_id: str) -> Response:
    """One story: coverage across outlets, the original and its copies, the timeline, who said what."""
    from newsdesk.web.pages import error_page, render

    ident = _story_id(story_id)
    store = sqlite_reader(request, "stories")
    cover = story_coverage(store, ident) if ident else None
    if cover is None:
        return error_page(request, 404, "Not found", f"story {story_id}: no such story in this store")
    return render(request, "story.html", title=cover.detail.story.title or f"Story {ident}", cover=cover,
                  story=cover.detail.story)

"""The reader's pages, rendered on the server: Explore (home), article, search, outlets, outlet.

Every page is complete HTML from the server, so it works without JavaScript, is fast on a
phone, and is readable by any browser or screen reader. Templates live in ``templates/``
and are autoescaped; see :mod:`newsdesk.web.rendering` for the helpers they use.
"""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse, Response

from newsdesk.model import Link
from newsdesk.store import Store, StoredArticle, StoreStats
from newsdesk.store.facets import section_counts
from newsdesk.web.config import DEFAULT_PAGE_SIZE, MAX_OFFSET
from newsdesk.web.enrichment import article_enrichment
from newsdesk.web.links import public_base
from newsdesk.web.params import ArticleQuery, ParamError, is_article_id
from newsdesk.web.reading import (
    NO_VALUE,
    day_counts,
    explore,
    facet_counts,
    more_from,
    outlet_of,
    outlet_summaries,
    related_articles,
    story_for,
    top_stories,
)
from newsdesk.web.rendering import (
    UI_LANGUAGE,
    json_ld,
    language_tag,
    make_environment,
    path_segment,
    safe_url,
    summary_of,
    text_direction,
)
from newsdesk.web.state import app_state

router = APIRouter(include_in_schema=False)
_env = make_environment()
_env.globals["outlet_of"] = outlet_of

#: Highest page number the search and outlet pages offer.
MAX_PAGE = MAX_OFFSET // DEFAULT_PAGE_SIZE
#: Related articles shown beside an article.
RELATED_LIMIT = 5
#: Values offered in each filter menu of the search form (the most frequent).
MENU_SIZE = 60

Page = Annotated[int, Query(ge=1, le=MAX_PAGE)]


def root_of(request: Request) -> str:
    """The path the app is mounted at ('' at the server's root), to prefix every link with."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def render(request: Request, template: str, *, title: str, status: int = 200, lang: str | None = None,
           feeds: list[tuple[str, str]] | None = None, **context: Any) -> HTMLResponse:
    """A page from ``template`` with what every page has: title, language, feeds, the site's links.

    ``feeds`` are (title, path without extension) pairs: each gets an Atom and a JSON Feed link.
    """
    state = app_state(request)
    root = root_of(request)
    page_lang = language_tag(lang) or UI_LANGUAGE
    html = _env.get_template(template).render(
        request=request,
        root=root,
        site_title=state.config.site_title,
        title=title,
        page_lang=page_lang,
        page_dir=text_direction(page_lang),
        ui_lang=UI_LANGUAGE,
        feeds=feeds or [("Latest articles", "/feeds/latest")],
        **context,
    )
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, title: str, message: str) -> Response:
    """The page shown for an error (the app's error handlers call it)."""
    return render(request, "error.html", title=title, status=status, heading=title, message=message)


def _query_link(path: str, params: dict[str, Any]) -> str:
    defined = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(defined)}" if defined else path


@router.get("/", response_class=HTMLResponse, name="home_page")
def home(request: Request) -> Response:
    """Explore: the top stories across outlets, then the newest articles by section."""
    state = app_state(request)
    store = state.stores.reader()
    stats = state.stats.get(store)
    return render(request, "home.html", title="Explore", groups=explore(store), stats=stats,
                  top_stories=top_stories(store),
                  outlets=len([name for name in stats.by_source if name != NO_VALUE]))


def _related_links(store: Store, links: list[Link], root: str) -> list[dict[str, Any]]:
    """The page's own related links, pointing at the stored copy when the store has it."""
    out: list[dict[str, Any]] = []
    for link in links:
        url = safe_url(link.url)
        stored = store.get(link.url) if link.url and url else None
        if stored is not None:
            href, kind = f"{root}/articles/{stored.id}", "stored"
        elif url is not None:
            href, kind = url, "external"
        else:
            href, kind = _query_link(f"{root}/search", {"q": f'"{link.title}"'}), "search"
        out.append({"title": link.title, "site": link.site, "href": href, "kind": kind,
                    "id": stored.id if stored is not None else None})
    return out


@router.get("/articles/{article_id}", response_class=HTMLResponse, name="article_page")
def article_page(request: Request, article_id: str) -> Response:
    """One article as a good news site shows it, with related articles and more from its section and outlet."""
    state = app_state(request)
    store = state.stores.reader()
    stored: StoredArticle | None = store.get(int(article_id)) if is_article_id(article_id) else None
    if stored is None:
        return error_page(request, 404, "Not found", f"article {article_id}: no such article in this store")
    article = stored.article
    outlet = outlet_of(article.site_name, article.url)
    page_url = f"{public_base(request)}/articles/{stored.id}"
    page_related = _related_links(store, article.related, root_of(request))
    # Stored articles the page itself links to are listed once, under the page's own "Related".
    linked = {link["id"] for link in page_related if link["id"] is not None}
    feeds = [("Latest articles", "/feeds/latest")]
    if article.section:
        feeds.append((f"Section {article.section}", f"/feeds/sections/{path_segment(article.section)}"))
    if outlet:
        feeds.append((f"Outlet {outlet}", f"/feeds/outlets/{path_segment(outlet)}"))
    return render(
        request, "article.html",
        title=article.headline or "Untitled article",
        lang=article.language,
        feeds=feeds,
        stored=stored,
        article=article,
        summary=summary_of(article),
        outlet=outlet,
        page_url=page_url,
        original_url=safe_url(article.canonical_url) or safe_url(article.url),
        image_url=safe_url(article.image.url) if article.image else None,
        json_ld=json_ld(article, page_url=page_url, outlet=outlet),
        found=article_enrichment(store, stored),
        in_story=story_for(store, stored.id),
        page_related=page_related,
        related=[hit for hit in related_articles(store, stored, limit=RELATED_LIMIT + len(linked))
                 if hit.id not in linked][:RELATED_LIMIT],
        more_section=more_from(store, stored, by="section"),
        more_outlet=more_from(store, stored, by="outlet"),
        section_link=_query_link(f"{root_of(request)}/search", {"section": article.section}),
    )


def _menu(counts: dict[str, int], chosen: str | None, *, merge_case: bool = False) -> list[str]:
    known = {name: count for name, count in counts.items() if name != NO_VALUE}
    if merge_case:
        # "News" and "news" are one section to the filter, so one entry, under the most common spelling.
        known = section_counts(list(known.items()), None)
    values = sorted(known, key=lambda name: -known[name])[:MENU_SIZE]
    if chosen and not any(v.casefold() == chosen.casefold() for v in values):
        values.append(chosen)
    return sorted(values, key=str.casefold)


def _pages(total: int, page: int) -> int:
    return max(1, min(MAX_PAGE, math.ceil(total / DEFAULT_PAGE_SIZE)))


@router.get("/search", response_class=HTMLResponse, name="search_page")
def search_page(
    request: Request,
    q: str | None = None,
    outlet: str | None = None,
    section: str | None = None,
    lang: str | None = None,
    since: str | None = None,
    until: str | None = None,
    person: str | None = None,
    org: str | None = None,
    place: str | None = None,
    speaker: str | None = None,
    page: Page = 1,
) -> Response:
    """The search form, facet counts, highlighted results and pagination."""
    state = app_state(request)
    store = state.stores.reader()
    stats: StoreStats = state.stats.get(store)
    given = {"q": q, "outlet": outlet, "section": section, "lang": lang, "since": since, "until": until,
             "person": person, "org": org, "place": place, "speaker": speaker}
    error: str | None = None
    try:
        query = ArticleQuery.parse(**given)
    except ParamError as exc:
        error, query = str(exc), ArticleQuery()
    hits, total, facets = [], 0, {}
    if error is None:
        hits = store.search(query.q, query.filters, limit=DEFAULT_PAGE_SIZE, offset=(page - 1) * DEFAULT_PAGE_SIZE)
        total = store.count(query.q, query.filters)
        facets = facet_counts(store, query.q, query.filters)
    params = query.params()
    pages = _pages(total, page)
    title = f"Search: {query.q}" if query.q else "Search"
    feed_path = _query_link("/feeds/search", params)
    return render(
        request, "search.html",
        title=title,
        status=400 if error else 200,
        feeds=[(f"This search ({query.q or 'all articles'})", feed_path)],
        error=error,
        given={k: v or "" for k, v in given.items()},
        query=query,
        hits=hits,
        total=total,
        page=page,
        pages=pages,
        facets=facets,
        facet_param={"outlet": "outlet", "section": "section", "language": "lang", "person": "person",
                     "org": "org", "place": "place", "speaker": "speaker"},
        facet_labels={"person": "People", "org": "Organisations", "place": "Places", "speaker": "Quoted"},
        link=lambda **changes: _query_link(f"{root_of(request)}/search", {**params, "page": None, **changes}),
        menus={"outlet": _menu(stats.by_source, query.outlet),
               "section": _menu(stats.by_section, query.section, merge_case=True),
               "lang": _menu(stats.by_language, query.lang)},
    )


@router.get("/outlets", response_class=HTMLResponse, name="outlets_page")
def outlets_page(request: Request) -> Response:
    """Every outlet with its article count."""
    state = app_state(request)
    store = state.stores.reader()
    summaries = outlet_summaries(store, state.stats.get(store))
    return render(request, "outlets.html", title="Outlets", outlets=summaries)


@router.get("/outlets/{name:path}", response_class=HTMLResponse, name="outlet_page")
def outlet_page(request: Request, name: str, page: Page = 1) -> Response:
    """One outlet: its articles, newest first, and how many it published per day."""
    state = app_state(request)
    store = state.stores.reader()
    wanted = name.strip().casefold()
    summary = next((s for s in outlet_summaries(store, state.stats.get(store)) if s.name.casefold() == wanted), None)
    if summary is None:
        return error_page(request, 404, "Not found", f"outlet {name!r}: no such outlet in this store")
    filters = ArticleQuery.parse(outlet=summary.name).filters
    hits = store.search(None, filters, limit=DEFAULT_PAGE_SIZE, offset=(page - 1) * DEFAULT_PAGE_SIZE)
    days = day_counts(store, filters)
    busiest = max(days.values(), default=0)
    return render(
        request, "outlet.html",
        title=summary.name,
        feeds=[(f"Outlet {summary.name}", f"/feeds/outlets/{path_segment(summary.name)}")],
        outlet=summary,
        hits=hits,
        days=days,
        busiest=busiest,
        page=page,
        pages=_pages(summary.articles, page),
        link=lambda **changes: _query_link(f"{root_of(request)}/outlets/{path_segment(summary.name)}", changes),
        search_link=_query_link(f"{root_of(request)}/search", {"outlet": summary.name}),
    )

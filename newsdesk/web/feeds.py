"""Feeds out: Atom (RFC 4287) and JSON Feed 1.1 for the latest articles, a section, an outlet, a search.

Routes: ``/feeds/latest``, ``/feeds/sections/{section}``, ``/feeds/outlets/{outlet}`` and
``/feeds/search?q=...`` (with the search page's filters), each as ``.atom`` and ``.json``.

Atom is written with :mod:`xml.etree.ElementTree`, which escapes text and attributes; what it
does not do is drop the characters XML 1.0 forbids, which :func:`xml_text` does. Entry ids are
the article's canonical http(s) URL (stable wherever the store is served from), else the reader's
URL. Links start with the configured public address, never an unchecked Host header
(:mod:`newsdesk.web.links`). Every feed has an ETag and a Last-Modified date, and a reader that
sends them back gets 304 while the feed is unchanged (:mod:`newsdesk.web.conditional`). A feed of
a section no article has, or of an outlet the store does not know, is a 404, as the outlet's page is.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from newsdesk import __version__
from newsdesk.model import Article
from newsdesk.store import Store, StoredArticle
from newsdesk.store.base import parse_instant
from newsdesk.web.conditional import entity_tag, http_date, is_not_modified
from newsdesk.web.config import FEED_SIZE, MAX_FILTER_CHARS, MAX_QUERY_CHARS
from newsdesk.web.errors import ApiError
from newsdesk.web.links import public_base, public_url
from newsdesk.web.params import ArticleQuery
from newsdesk.web.reading import outlet_of
from newsdesk.web.rendering import body_parts, language_tag, path_segment, safe_url, summary_of
from newsdesk.web.state import app_state

router = APIRouter(prefix="/feeds", include_in_schema=False)

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_FEED_TYPE = "application/feed+json; charset=utf-8"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str | None) -> str:
    """A string without the characters XML 1.0 cannot hold (control characters, lone surrogates).

    >>> xml_text("Deal\\x0bsigned\\ud800")
    'Dealsigned'
    """
    return _NOT_XML.sub("", value or "")


def rfc3339(value: str | None) -> str | None:
    """A publication date as RFC 3339 in UTC (what both feed formats want); None if unreadable.

    >>> rfc3339("2025-10-01"), rfc3339("2025-09-30T14:05:00+03:00"), rfc3339("soon")
    ('2025-10-01T00:00:00Z', '2025-09-30T11:05:00Z', None)
    """
    return parse_instant(value)


def article_html(article: Article) -> str:
    """The article as a fragment of HTML for feed readers: figure, body, source line. Every text is escaped.

    >>> from newsdesk.model import Block, WireSource
    >>> article_html(Article(body=[Block("paragraph", "Tom & Jerry <3")], wire_source=WireSource("AA", "Anadolu")))
    '<p>Tom &amp; Jerry &lt;3</p>\\n<p>Source: Anadolu (AA)</p>'
    """
    out: list[str] = []
    image = article.image
    if image and (image.url or image.caption):
        parts = [escape(image.caption or "")]
        if image.note:
            parts.append(f"[{escape(image.note)}]")
        if image.credit:
            parts.append(f"Photo: {escape(image.credit)}")
        src = safe_url(image.url)
        img = f'<img src="{escape(src)}" alt="{escape(image.caption or "")}">' if src else ""
        out.append(f"<figure>{img}<figcaption>{' '.join(p for p in parts if p)}</figcaption></figure>")
    for part in body_parts(article.body):
        if part.kind == "list":
            out.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in part.items) + "</ul>")
        elif part.kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in part.items)
            out.append(f"<table>{rows}</table>")
        elif part.kind == "heading":
            out.append(f"<h2>{escape(part.items[0])}</h2>")
        elif part.kind == "quote":
            out.append(f"<blockquote><p>{escape(part.items[0])}</p></blockquote>")
        elif part.kind == "code":
            out.append(f"<pre><code>{escape(part.items[0])}</code></pre>")
        else:
            out.append(f"<p>{escape(part.items[0])}</p>")
    if article.wire_source:
        out.append(f"<p>Source: {escape(article.wire_source.name)} ({escape(article.wire_source.code)})</p>")
    return "\n".join(out)


def feed_articles(store: Store, query: ArticleQuery, limit: int = FEED_SIZE) -> list[StoredArticle]:
    """The articles of a feed: the best matches of a query, else the newest matching the filters.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     feed_articles(store, ArticleQuery(q="iraq"))
    []
    """
    if not query.q:
        return store.latest(limit, query.filters)
    found = (store.get(hit.id) for hit in store.search(query.q, query.filters, limit=limit))
    return [stored for stored in found if stored is not None]


def _original(article: Article) -> str | None:
    return safe_url(article.canonical_url) or safe_url(article.url)


def _entry_id(stored: StoredArticle, base: str) -> str:
    # Only an http(s) address may name an entry: a stored javascript: URL is never echoed.
    return _original(stored.article) or f"{base}/articles/{stored.id}"


def _updated(stored: StoredArticle) -> str:
    article = stored.article
    return rfc3339(article.updated) or rfc3339(article.published) or rfc3339(stored.ingested_at) or _now()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(articles: list[StoredArticle], *, title: str, self_url: str, html_url: str, base: str) -> bytes:
    """An Atom feed of ``articles``; links point at the reader's pages and at the originals.

    >>> xml = atom_feed([], title="Latest", self_url="http://h/feeds/latest.atom", html_url="http://h/", base="http://h")
    >>> xml.startswith(b"<?xml") and b"<title>Latest</title>" in xml
    True
    """
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
        if text is not None:
            element.text = xml_text(text)
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "title", title)
    sub(feed, "id", self_url)
    sub(feed, "updated", max((_updated(a) for a in articles), default=_now()))
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    sub(feed, "link", rel="alternate", type="text/html", href=html_url)
    sub(sub(feed, "author"), "name", "newsdesk")
    sub(feed, "generator", "newsdesk", version=__version__)
    for stored in articles:
        article = stored.article
        entry = sub(feed, "entry")
        lang = language_tag(article.language)
        if lang:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
        sub(entry, "title", article.headline or "Untitled article")
        sub(entry, "id", _entry_id(stored, base))
        sub(entry, "link", rel="alternate", type="text/html", href=f"{base}/articles/{stored.id}")
        if original := _original(article):
            sub(entry, "link", rel="related", type="text/html", href=original)
        if published := rfc3339(article.published):
            sub(entry, "published", published)
        sub(entry, "updated", _updated(stored))
        for name in article.authors or [outlet_of(article.site_name, article.url) or "unknown"]:
            sub(sub(entry, "author"), "name", name)
        if article.section:
            sub(entry, "category", term=article.section)
        for tag in article.tags:
            sub(entry, "category", term=tag)
        if summary := summary_of(article):
            sub(entry, "summary", summary)
        sub(entry, "content", article_html(article), type="html")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


def json_feed(articles: list[StoredArticle], *, title: str, self_url: str, html_url: str, base: str) -> bytes:
    """A JSON Feed 1.1 of ``articles``.

    >>> data = json.loads(json_feed([], title="Latest", self_url="http://h/feeds/latest.json",
    ...                              html_url="http://h/", base="http://h"))
    >>> data["version"], data["items"]
    ('https://jsonfeed.org/version/1.1', [])
    """
    items: list[dict[str, Any]] = []
    for stored in articles:
        article = stored.article
        item: dict[str, Any] = {
            "id": _entry_id(stored, base),
            "url": f"{base}/articles/{stored.id}",
            "external_url": _original(article),
            "title": article.headline or "Untitled article",
            "content_html": article_html(article),
            "summary": summary_of(article),
            "image": safe_url(article.image.url) if article.image else None,
            "date_published": rfc3339(article.published),
            "date_modified": rfc3339(article.updated),
            "authors": [{"name": name} for name in article.authors] or None,
            "tags": [t for t in [article.section, *article.tags] if t] or None,
            "language": language_tag(article.language),
        }
        items.append({key: value for key, value in item.items() if value is not None})
    feed = {"version": JSON_FEED_VERSION, "title": title, "home_page_url": html_url, "feed_url": self_url,
            "authors": [{"name": "newsdesk"}], "items": items}
    return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")


_WRITERS: dict[str, tuple[Callable[..., bytes], str]] = {"atom": (atom_feed, ATOM_TYPE),
                                                          "json": (json_feed, JSON_FEED_TYPE)}


def last_change(articles: list[StoredArticle]) -> str | None:
    """When a feed of ``articles`` last changed: the latest of their updates and of their storing, RFC 3339.

    >>> last_change([StoredArticle(1, Article(published="2025-09-30"), "2025-10-01T06:00:00Z")])
    '2025-10-01T06:00:00Z'
    >>> last_change([]) is None
    True
    """
    instants = [instant for stored in articles for instant in (_updated(stored), rfc3339(stored.ingested_at))
                if instant]
    return max(instants, default=None)


def _respond(request: Request, fmt: str, query: ArticleQuery, title: str, html_path: str) -> Response:
    state = app_state(request)
    base = public_base(request)
    writer, media_type = _WRITERS[fmt]
    articles = feed_articles(state.stores.reader(), query)
    self_url = public_url(request, base)
    body = writer(articles, title=f"{state.config.site_title}: {title}", self_url=self_url,
                  html_url=f"{base}{html_path}", base=base)
    # Readers poll: let them ask whether the feed changed, and answer 304 without the body when it did not.
    headers = {"ETag": entity_tag(body), "Cache-Control": "no-cache"}
    changed = last_change(articles)
    last_modified = http_date(changed) if changed else None
    if last_modified:
        headers["Last-Modified"] = last_modified
    if is_not_modified(request.headers, headers["ETag"], last_modified):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


@router.get("/latest.{fmt}")
def latest_feed(request: Request, fmt: str) -> Response:
    """The newest articles."""
    return _respond(request, _format(fmt), ArticleQuery(), "latest articles", "/")


@router.get("/sections/{name:path}.{fmt}")
def section_feed(request: Request, name: str, fmt: str) -> Response:
    """The newest articles of one section (any case); 404 for a section no article has."""
    query = ArticleQuery.parse(section=name)
    if query.section is None:
        raise ApiError(404, "not_found", "a section feed needs a section name")
    if app_state(request).stores.reader().count(None, query.filters) == 0:
        raise ApiError(404, "not_found", f"section {query.section!r}: no such section in this store")
    return _respond(request, _format(fmt), query, f"section {query.section}",
                    "/search?" + urlencode({"section": query.section}))


@router.get("/outlets/{name:path}.{fmt}")
def outlet_feed(request: Request, name: str, fmt: str) -> Response:
    """The newest articles of one outlet (its name or host); 404 for an outlet the store does not know."""
    query = ArticleQuery.parse(outlet=name)
    if query.outlet is None:
        raise ApiError(404, "not_found", "an outlet feed needs an outlet name")
    if not _known_outlet(request, query):
        raise ApiError(404, "not_found", f"outlet {query.outlet!r}: no such outlet in this store")
    return _respond(request, _format(fmt), query, f"outlet {query.outlet}", f"/outlets/{path_segment(query.outlet)}")


@router.get("/search.{fmt}")
def search_feed(
    request: Request,
    fmt: str,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)] = None,
    outlet: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)] = None,
    section: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)] = None,
    lang: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)] = None,
    since: Annotated[str | None, Query(max_length=64)] = None,
    until: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """The best matches of a search (or, with no query, the newest articles matching the filters)."""
    query = ArticleQuery.parse(q=q, outlet=outlet, section=section, lang=lang, since=since, until=until)
    html_path = "/search" + (f"?{request.url.query}" if request.url.query else "")
    return _respond(request, _format(fmt), query, f"search {query.q or 'all articles'}", html_path)


def _known_outlet(request: Request, query: ArticleQuery) -> bool:
    # As the outlet page: an outlet with articles, or one of the sources file (its feed is empty).
    store = app_state(request).stores.reader()
    if store.count(None, query.filters) > 0:
        return True
    wanted = (query.outlet or "").casefold()
    return any(outlet.name.casefold() == wanted for outlet in store.outlets())


def _format(fmt: str) -> str:
    if fmt not in _WRITERS:
        raise ApiError(404, "not_found", f"feed format {fmt!r}: use .atom or .json")
    return fmt

"""The JSON shapes of the REST API, as Pydantic models: what /docs shows and what responses are checked against.

They mirror :class:`~newsdesk.model.Article` and the store's records (``to_dict`` outputs)
rather than replace them: the store and the stages keep their plain dataclasses, and only
the HTTP layer needs schemas.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from newsdesk.extract.encoding import MAX_PAGE_BYTES


class ErrorItem(BaseModel):
    """One thing wrong with a request: where (``query.limit``, ``body.url``...) and why."""

    location: str
    message: str


class ErrorDetail(BaseModel):
    """What went wrong, for people and for programs (``code`` is stable, ``message`` is prose)."""

    status: int
    code: str
    message: str
    errors: list[ErrorItem] = Field(default_factory=list)


class ErrorBody(BaseModel):
    """Every error response: ``{"error": {...}}``."""

    error: ErrorDetail


class BlockOut(BaseModel):
    """One typed piece of the body."""

    type: str
    text: str


class ImageOut(BaseModel):
    """The lead image with its caption, credit and note."""

    url: str | None = None
    caption: str | None = None
    credit: str | None = None
    note: str | None = None


class WireSourceOut(BaseModel):
    """The news agency the article comes from."""

    code: str
    name: str


class LinkOut(BaseModel):
    """A related article the page links to."""

    title: str
    url: str | None = None
    site: str | None = None


class ArticleOut(BaseModel):
    """One stored article with every extracted field."""

    id: int
    url: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    outlet: str | None = Field(None, description="site name, else the URL's host: what the outlet filter matches")
    language: str | None = None
    headline: str | None = None
    standfirst: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    section: str | None = None
    tags: list[str] = Field(default_factory=list)
    image: ImageOut | None = None
    body: list[BlockOut] = Field(default_factory=list)
    wire_source: WireSourceOut | None = None
    related: list[LinkOut] = Field(default_factory=list)
    reading_time_minutes: int | None = None
    word_count: int = 0
    is_article: bool = False
    text: str = ""
    body_hash: str | None = None
    ingested_at: str
    run_id: int | None = None
    raw_page_id: int | None = None
    html_url: str = Field(description="the article's page in the reader")


class HitOut(BaseModel):
    """An article in a list or a search result: enough to show it, with highlights for a query."""

    id: int
    url: str | None = None
    headline: str | None = None
    site_name: str | None = None
    outlet: str | None = None
    published: str | None = None
    section: str | None = None
    language: str | None = None
    authors: list[str] = Field(default_factory=list)
    score: float = Field(description="higher is a better match; 0.0 without a query")
    title_html: str = Field(description="the headline, HTML-escaped, query terms in <mark>")
    snippet: str
    snippet_html: str = Field(description="the snippet, HTML-escaped, query terms in <mark>")
    api_url: str
    html_url: str


class FacetValueOut(BaseModel):
    """How many results have one value of a facet."""

    value: str
    count: int
    selected: bool = False


class ArticleList(BaseModel):
    """One page of a list; pass ``next_cursor`` back as ``cursor`` for the next page (null: the last page)."""

    items: list[HitOut]
    total: int = Field(description="results in the whole list, not this page")
    limit: int
    next_cursor: str | None = None


class SearchResults(ArticleList):
    """One page of search results, with facet counts when asked for."""

    query: str | None = None
    mode: Literal["hybrid", "bm25", "semantic"] | None = Field(
        None, description="how the results were ranked (null: no query, newest first)")
    facets: dict[str, list[FacetValueOut]] | None = None


class OutletOut(BaseModel):
    """An outlet: its article count, and what the sources file says about it."""

    name: str
    articles: int
    homepage: str | None = None
    language: str | None = None
    country: str | None = None
    feeds: list[str] = Field(default_factory=list)
    html_url: str


class OutletDetail(OutletOut):
    """An outlet with its articles per day (UTC), oldest first."""

    by_day: dict[str, int]


class StatsOut(BaseModel):
    """Counts over the whole store."""

    articles: int
    by_source: dict[str, int]
    by_day: dict[str, int]
    by_section: dict[str, int]
    by_language: dict[str, int]
    duplicates: dict[str, int]
    not_articles: dict[str, int]
    quarantined: dict[str, int]
    raw_pages: int
    runs: int
    near_copies: int = 0
    stories: int = 0
    vectors: int = 0
    embedding_model: str | None = Field(None, description="the model the store's article vectors come from "
                                                          "(minilm: English; e5: multilingual)")


class IngestRequest(BaseModel):
    """What to ingest: a ``url`` to fetch, or a page's ``html`` or ``text`` (with its ``url`` if known)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"url": "https://www.trtworld.com/article/us-led-coalition-to-scale-back-iraq-mission"},
        {"html": "<html>...</html>", "url": "https://news.example/world/storm"},
        {"text": "date 2025-10-01 MIDDLE EAST\n1 min read\nUS-led coalition to scale back Iraq mission\n..."},
    ]})

    url: str | None = Field(None, max_length=4096, description="the page's address; fetched when neither html "
                                                                "nor text is given")
    html: str | None = Field(None, max_length=MAX_PAGE_BYTES, description="an HTML page")
    text: str | None = Field(None, max_length=MAX_PAGE_BYTES, description="text copied off a page")


class IngestResult(BaseModel):
    """What became of an ingested input.

    ``result``: ``inserted`` (a new article), ``updated``, ``unchanged``, ``duplicate`` (an exact
    copy of the stored article ``id``), ``not_article`` (recorded, with ``reason``), ``failed``
    (recorded in the quarantine, with ``reason``).
    """

    result: Literal["inserted", "updated", "unchanged", "duplicate", "not_article", "failed"]
    input: str
    id: int | None = None
    reason: str | None = None
    article: ArticleOut | None = None


class StoryOut(BaseModel):
    """A story: articles about one event across outlets and over time."""

    id: int
    title: str | None = Field(None, description="the story's most central headline")
    first_seen: str | None = None
    last_seen: str | None = None
    articles: int
    outlets: list[str] = Field(description="the hosts that published its articles")
    entities: list[str] = Field(default_factory=list, description="its most named people and organisations")
    places: list[str] = Field(default_factory=list)
    continues: int | None = Field(None, description="the earlier story this one continues")
    api_url: str
    html_url: str


class StoryList(BaseModel):
    """One page of stories; pass ``next_cursor`` back as ``cursor`` for the next page (null: the last page)."""

    items: list[StoryOut]
    total: int
    limit: int
    next_cursor: str | None = None


class StoryMemberOut(BaseModel):
    """An article of a story: who published it and when."""

    article_id: int
    headline: str | None = None
    host: str | None = None
    published_utc: str | None = None
    url: str | None = None
    api_url: str
    html_url: str


class OutletFirstOut(BaseModel):
    """An outlet of a story and when it first published an article of it."""

    outlet: str
    published_utc: str | None = None


class CopyOut(BaseModel):
    """A member of a copy group: the original (``kind`` original), a near copy, or an exact copy (no id)."""

    article_id: int | None = None
    url: str
    host: str | None = None
    headline: str | None = None
    published: str | None = None
    parent_id: int | None = Field(None, description="the article it was copied from (the syndication chain)")
    kind: Literal["original", "near", "exact"]
    similarity: float | None = None
    containment: float | None = Field(None, description="the share of it found in its parent")


class CopyGroupOut(BaseModel):
    """An original and its copies, original first, then by publication."""

    original: int
    members: list[CopyOut]


class TimelineEntryOut(BaseModel):
    """One date of a timeline and what happened on it."""

    date: str
    sentences: list[str]


class StoryQuoteOut(BaseModel):
    """A quote in a story, with the article it is from."""

    id: int
    article_id: int
    speaker: str | None = None
    speaker_role: str | None = None
    kind: str
    cue: str | None = None
    text: str
    published: str | None = None
    headline: str | None = None
    url: str | None = None
    site_name: str | None = None
    speaker_entity_id: int | None = None


class SpeakerQuotesOut(BaseModel):
    """What one speaker said across a story (null speaker: unattributed quotes)."""

    speaker: str | None = None
    quotes: list[StoryQuoteOut]


class StoryDetailOut(StoryOut):
    """A story with its members, its outlets and when each first published, its chain, copies, timeline and
    who said what."""

    members: list[StoryMemberOut]
    outlet_first_published: list[OutletFirstOut]
    continued_by: list[int] = Field(default_factory=list, description="later stories that continue this one")
    copy_groups: list[CopyGroupOut] = Field(default_factory=list)
    timeline: list[TimelineEntryOut] = Field(default_factory=list)
    quotes: list[SpeakerQuotesOut] = Field(default_factory=list)


class TimelineOut(BaseModel):
    """A timeline: the key dates of a story or of a query's articles, in date order."""

    story_id: int | None = None
    query: str | None = None
    timeline: list[TimelineEntryOut]

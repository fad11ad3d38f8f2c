"""The storage interface every consumer uses, and the records that cross it.

The pipeline writes through :meth:`Store.write_batch`; the CLI, the REST API and
the web pages read through the other methods. None of them knows which database
is behind the interface, so a server database can be added later as another
``Store`` subclass without touching them. What only the SQLite store keeps (entities
and quotes, stories and timelines, vectors and search modes) is read over its
connection, so it is not part of this interface: those readers go through
:func:`~newsdesk.store.sqlite.sqlite_store`, which says plainly when a store is not one.

What the pipeline hands to the writer is one *outcome* per input:

* :class:`ArticleOutcome`: extraction gave an :class:`~newsdesk.model.Article`;
* :class:`NotArticleOutcome`: the page is not an article (a section front, a tag page...);
* :class:`FailureOutcome`: the input failed at some stage, with the reason.

Each may carry the :class:`~newsdesk.model.RawPage` it came from, so that every
input can be re-extracted later; when the raw bytes already live in a WARC file,
a :class:`WarcRef` points at them instead of storing them twice.

The rules that decide identity are here too, because every backend must apply
them the same way: :func:`article_key` (an article is keyed by its canonical URL,
else its URL, else its body) and :func:`body_fingerprint` (two bodies are exact
duplicates when their normalised text is equal).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from html import escape
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from newsdesk.errors import StoreError
from newsdesk.model import Article, RawPage

if TYPE_CHECKING:  # The connect stage imports this module: its record is named here for types only.
    from newsdesk.connect.stage import ConnectFeatures

#: Environment variable naming the database when no path is given.
DB_ENV = "NEWSDESK_DB"
#: Database used when neither a path nor ``NEWSDESK_DB`` is given.
DEFAULT_DB = "newsdesk.db"

# Markers the store puts around highlighted terms. They are control characters the
# writer strips from every stored text, so they can never occur in an article.
HIGHLIGHT_OPEN = "\x02"
HIGHLIGHT_CLOSE = "\x03"

#: The fields :meth:`Store.facet_counts` counts by default: names of :class:`Filters` fields.
FACET_FIELDS = ("source", "section", "lang")
#: Longest range of days :meth:`Store.counts_by_day` answers (ten years).
MAX_DAYS = 3660


# --------------------------------------------------------------------------- outcomes


@dataclass(slots=True, frozen=True)
class WarcRef:
    """Where a raw page's record lives in a WARC file, when the bytes are kept there.

    >>> WarcRef("data/2025-10-01.warc.gz", 1024, 5120).offset
    1024
    """

    path: str
    offset: int
    length: int | None = None


@dataclass(slots=True)
class ArticleOutcome:
    """An input that extraction turned into an article.

    ``input`` names the input for people (a file path, ``file.warc.gz#1024``, a URL). ``connect``
    carries what the connect stage computed in the worker (copy features and embedding,
    :func:`newsdesk.connect.stage.connect_features`), which the writer checks against the store;
    None when the stage did not run (``--no-connect``).

    >>> from newsdesk.model import Article
    >>> ArticleOutcome("page.html", Article(url="https://example.com/a")).raw is None
    True
    """

    input: str
    article: Article
    raw: RawPage | None = None
    warc: WarcRef | None = None
    connect: ConnectFeatures | None = None


@dataclass(slots=True)
class NotArticleOutcome:
    """An input that is a readable page but not an article, with the reason extraction gave.

    >>> NotArticleOutcome("front.html", "https://example.com/", "section front page").reason
    'section front page'
    """

    input: str
    url: str | None
    reason: str
    raw: RawPage | None = None
    warc: WarcRef | None = None


@dataclass(slots=True)
class FailureOutcome:
    """An input that failed at ``stage`` (ingest, fetch, extract...): it goes to the quarantine.

    Attach ``raw`` only when the bytes are worth keeping for a retry; a 200 MB file is not.

    >>> FailureOutcome("crawl.warc.gz#88", "ingest", "truncated gzip member").stage
    'ingest'
    """

    input: str
    stage: str
    reason: str
    details: str | None = None
    url: str | None = None
    raw: RawPage | None = None
    warc: WarcRef | None = None


#: What :meth:`Store.write_batch` takes: one outcome per input.
Outcome = ArticleOutcome | NotArticleOutcome | FailureOutcome


@dataclass(slots=True)
class WriteSummary:
    """What one or more batches did to the store.

    ``inserted`` new articles, ``updated`` articles whose stored record changed,
    ``unchanged`` inputs already stored as they are, ``duplicates`` exact copies of a
    stored body recorded under their own URL, ``not_articles`` and ``quarantined``
    inputs recorded, ``raw_pages`` raw pages newly kept; ``article_ids`` lists the ids
    inserted or updated, in input order.

    >>> total = WriteSummary(inserted=2) + WriteSummary(inserted=1, duplicates=1)
    >>> (total.inserted, total.duplicates, total.inputs)
    (3, 1, 4)
    """

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    not_articles: int = 0
    quarantined: int = 0
    raw_pages: int = 0
    article_ids: list[int] = field(default_factory=list)

    @property
    def inputs(self) -> int:
        """How many outcomes were written (each lands in exactly one count)."""
        return self.inserted + self.updated + self.unchanged + self.duplicates + self.not_articles + self.quarantined

    def __add__(self, other: WriteSummary) -> WriteSummary:
        return WriteSummary(
            inserted=self.inserted + other.inserted,
            updated=self.updated + other.updated,
            unchanged=self.unchanged + other.unchanged,
            duplicates=self.duplicates + other.duplicates,
            not_articles=self.not_articles + other.not_articles,
            quarantined=self.quarantined + other.quarantined,
            raw_pages=self.raw_pages + other.raw_pages,
            article_ids=self.article_ids + other.article_ids,
        )

    def counts(self) -> dict[str, int]:
        """The counts as a plain dict (what :meth:`Store.finish_run` records).

        >>> WriteSummary(inserted=1).counts()["inserted"]
        1
        """
        return {
            "inputs": self.inputs,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "not_articles": self.not_articles,
            "quarantined": self.quarantined,
            "raw_pages": self.raw_pages,
        }


# --------------------------------------------------------------------------- read records


@dataclass(slots=True)
class StoredArticle:
    """An article as stored: the record plus what the store knows about it.

    >>> from newsdesk.model import Article
    >>> s = StoredArticle(7, Article(headline="Hi"), "2025-10-01T08:00:00Z")
    >>> s.to_dict()["id"], s.to_dict()["headline"]
    (7, 'Hi')
    """

    id: int
    article: Article
    ingested_at: str
    body_hash: str | None = None
    run_id: int | None = None
    raw_page_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``id``, every Article key (with ``text``), then the store's keys."""
        out: dict[str, Any] = {"id": self.id}
        out.update(self.article.to_dict())
        out["body_hash"] = self.body_hash
        out["ingested_at"] = self.ingested_at
        out["run_id"] = self.run_id
        out["raw_page_id"] = self.raw_page_id
        return out


@dataclass(slots=True)
class StoredRawPage:
    """A kept raw page. When ``warc`` is set the bytes live there and ``page.data`` is empty.

    >>> from newsdesk.model import RawPage
    >>> StoredRawPage(1, RawPage(b"<html/>", url="https://example.com/a"), "h").page.url
    'https://example.com/a'
    """

    id: int
    page: RawPage
    content_hash: str
    final_url: str | None = None
    warc: WarcRef | None = None


@dataclass(slots=True, frozen=True)
class Highlighted:
    """A text with highlighted stretches, kept as parts so each consumer marks them its own way.

    >>> h = Highlighted((("Iraq ", False), ("coalition", True), (" deal", False)))
    >>> h.plain
    'Iraq coalition deal'
    >>> h.marked("[", "]")
    'Iraq [coalition] deal'
    >>> Highlighted.from_marked("a <b> \\x02c\\x03").html()
    'a &lt;b&gt; <mark>c</mark>'
    """

    parts: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def from_marked(cls, text: str | None) -> Highlighted:
        """Split a text whose highlights are wrapped in ``HIGHLIGHT_OPEN``/``HIGHLIGHT_CLOSE``."""
        if not text:
            return cls(())
        parts: list[tuple[str, bool]] = []
        for i, chunk in enumerate(re.split("[\x02\x03]", text)):
            if chunk:
                parts.append((chunk, i % 2 == 1))
        return cls(tuple(parts))

    @property
    def plain(self) -> str:
        """The text without marks."""
        return "".join(text for text, _ in self.parts)

    @property
    def has_highlight(self) -> bool:
        """Whether any stretch is highlighted."""
        return any(hit for _, hit in self.parts)

    def marked(self, open_mark: str, close_mark: str) -> str:
        """The text with each highlight wrapped in the given marks (for terminals, Markdown...)."""
        return "".join(f"{open_mark}{text}{close_mark}" if hit else text for text, hit in self.parts)

    def html(self, tag: str = "mark") -> str:
        """HTML-escaped text with each highlight in ``<tag>`` (safe to put in a page)."""
        return "".join(f"<{tag}>{escape(text)}</{tag}>" if hit else escape(text) for text, hit in self.parts)


@dataclass(slots=True)
class SearchHit:
    """One search result: what a results list shows, with highlights.

    ``score`` is higher for better matches (0.0 when there was no query);
    ``snippet`` is a window of the body (or standfirst) around the matches.

    >>> hit = SearchHit(1, "https://example.com/a", "Iraq deal", None, None, None, None, [], 3.2,
    ...                 Highlighted((("Iraq", True), (" deal", False))), Highlighted())
    >>> hit.title.marked("*", "*")
    '*Iraq* deal'
    """

    id: int
    url: str | None
    headline: str | None
    site_name: str | None
    published: str | None
    section: str | None
    language: str | None
    authors: list[str]
    score: float
    title: Highlighted
    snippet: Highlighted

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; highlights are given as HTML with ``<mark>``."""
        return {
            "id": self.id,
            "url": self.url,
            "headline": self.headline,
            "site_name": self.site_name,
            "published": self.published,
            "section": self.section,
            "language": self.language,
            "authors": list(self.authors),
            "score": self.score,
            "title_html": self.title.html(),
            "snippet": self.snippet.plain,
            "snippet_html": self.snippet.html(),
        }


@dataclass(slots=True)
class Outlet:
    """A news outlet from the sources file: where to find its articles.

    >>> Outlet("TRT World", "https://www.trtworld.com", feeds=["https://www.trtworld.com/rss"]).feeds
    ['https://www.trtworld.com/rss']
    """

    name: str
    homepage: str | None = None
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    language: str | None = None
    country: str | None = None


@dataclass(slots=True)
class StoreStats:
    """Counts over the whole store. Mappings are ordered: by count (descending), days by date.

    Articles without a value for a grouping are counted under ``"(none)"``.

    >>> StoreStats(articles=3, by_source={"TRT World": 3}).to_dict()["by_source"]
    {'TRT World': 3}
    """

    articles: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    by_day: dict[str, int] = field(default_factory=dict)
    by_section: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    duplicates: dict[str, int] = field(default_factory=dict)
    not_articles: dict[str, int] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    raw_pages: int = 0
    runs: int = 0
    #: Articles recorded as near-copies of another (``duplicates`` counts them too, under ``near``).
    near_copies: int = 0
    #: Stories, and articles with a stored embedding.
    stories: int = 0
    vectors: int = 0
    #: The model most of those embeddings come from (None: no vectors), which the store's searches compare with.
    embedding_model: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with every count."""
        return {
            "articles": self.articles,
            "by_source": dict(self.by_source),
            "by_day": dict(self.by_day),
            "by_section": dict(self.by_section),
            "by_language": dict(self.by_language),
            "duplicates": dict(self.duplicates),
            "not_articles": dict(self.not_articles),
            "quarantined": dict(self.quarantined),
            "raw_pages": self.raw_pages,
            "runs": self.runs,
            "near_copies": self.near_copies,
            "stories": self.stories,
            "vectors": self.vectors,
            "embedding_model": self.embedding_model,
        }


@dataclass(slots=True, frozen=True)
class FailureRecord:
    """A quarantined input as the store keeps it: what failed, where, why, and when last.

    >>> FailureRecord("empty.html", "extract", "empty input", at="2025-10-01T12:00:00Z").line()
    'empty.html: extract: empty input'
    """

    input: str
    stage: str
    reason: str
    url: str | None = None
    at: str = ""
    attempts: int = 1
    run_id: int | None = None

    def line(self) -> str:
        """One line for people: the input, the stage it failed at, the reason."""
        return f"{self.input}: {self.stage}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of every field."""
        return {"input": self.input, "stage": self.stage, "reason": self.reason, "url": self.url,
                "at": self.at, "attempts": self.attempts, "run_id": self.run_id}


# --------------------------------------------------------------------------- filters


def parse_instant(value: str | date | datetime | None, *, end_of_day: bool = False) -> str | None:
    """Normalise a date or time to ``YYYY-MM-DDTHH:MM:SSZ`` in UTC; None when it cannot be read.

    Times without an offset are taken as UTC. A bare date means its start, or with
    ``end_of_day`` the start of the next day (so ``until=2025-09-30`` includes that day).

    >>> parse_instant("2025-09-30T14:05:00+03:00")
    '2025-09-30T11:05:00Z'
    >>> parse_instant("2025-09-30", end_of_day=True)
    '2025-10-01T00:00:00Z'
    >>> parse_instant("9999-12-31", end_of_day=True)
    '9999-12-31T24:00:00Z'
    >>> parse_instant("last Tuesday") is None
    True
    """
    if value is None:
        return None
    bare_date = False
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment, bare_date = datetime.combine(value, time()), True
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return None
        bare_date = len(text) <= 10 and "T" not in text and ":" not in text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if bare_date and end_of_day:
        if moment.date() == date.max:
            # No next day to start: ISO 8601's 24:00 ends the last one and sorts after its every second.
            return f"{moment.date().isoformat()}T24:00:00Z"
        moment += timedelta(days=1)
    try:
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True, frozen=True)
class Filters:
    """Conditions on articles, combined with AND; each one left None does not filter.

    ``since``/``until`` bound the publication time (a bare ``until`` date includes
    that whole day); ``source`` is the outlet name (or the URL's host) and ``section``
    compare without case; ``lang`` ``en`` also matches ``en-GB``; ``author`` matches a
    part of any author's name. An unreadable date raises :class:`StoreError`.

    >>> Filters(since="2025-09-01", lang="en").since_utc
    '2025-09-01T00:00:00Z'
    >>> Filters(until="2025-09-30").until_utc
    '2025-10-01T00:00:00Z'
    """

    since: str | date | datetime | None = None
    until: str | date | datetime | None = None
    source: str | None = None
    section: str | None = None
    lang: str | None = None
    author: str | None = None
    #: Articles naming this person (a part of the name), organisation or place (its canonical name),
    #: or quoting this speaker (a part of the name); all compare without case.
    person: str | None = None
    org: str | None = None
    place: str | None = None
    speaker: str | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and parse_instant(value) is None:
                raise StoreError(f"--{name}", f"cannot read {value!r} as a date (use YYYY-MM-DD)")

    @property
    def since_utc(self) -> str | None:
        """``since`` as a UTC instant string."""
        return parse_instant(self.since)

    @property
    def until_utc(self) -> str | None:
        """``until`` as a UTC instant string (exclusive)."""
        return parse_instant(self.until, end_of_day=True)


def like_escape(text: str) -> str:
    r"""``text`` with SQL LIKE's wildcards and the escape character escaped (use with ``ESCAPE '\'``).

    >>> print(like_escape("50%_off"))
    50\%\_off
    """
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --------------------------------------------------------------------------- identity rules


def normalise_url(url: str | None) -> str | None:
    """The form of a URL used as a key: trimmed, scheme and host lower-cased, fragment dropped.

    >>> normalise_url(" HTTPS://WWW.Example.com/News/A?id=3#comments ")
    'https://www.example.com/News/A?id=3'
    >>> normalise_url("   ") is None
    True
    """
    if url is None:
        return None
    text = str(url).strip()
    if not text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    if not parts.scheme or not parts.netloc:
        return text.split("#", 1)[0] or text
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def body_fingerprint(text: str | None) -> str | None:
    """Hash of a body's normalised text (NFKC, case-folded, whitespace collapsed); None if empty.

    Two articles with the same fingerprint are exact duplicates.

    >>> body_fingerprint("The  Pentagon\\nsaid.") == body_fingerprint("the pentagon said.")
    True
    >>> body_fingerprint("  ") is None
    True
    """
    if not text:
        return None
    normalised = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    if not normalised:
        return None
    data = normalised.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:32]


def _is_site_root(url: str) -> bool:
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    return path in ("", "/")


def article_key(article: Article) -> str:
    """The identity of an article: canonical URL, else URL, else ``body:<fingerprint>``.

    A canonical URL that is the site's home page while the article's own URL is not
    is ignored: some sites declare their home page canonical on every article, and
    trusting it would merge all their articles into one.

    >>> from newsdesk.model import Article, Block
    >>> article_key(Article(url="https://x.com/a?utm=1", canonical_url="https://x.com/a"))
    'https://x.com/a'
    >>> article_key(Article(url="https://x.com/news/a", canonical_url="https://x.com/"))
    'https://x.com/news/a'
    >>> article_key(Article(body=[Block("paragraph", "Text only.")])).startswith("body:")
    True
    """
    canonical = normalise_url(article.canonical_url)
    url = normalise_url(article.url)
    if canonical and url and _is_site_root(canonical) and not _is_site_root(url):
        canonical = None
    key = canonical or url
    if key:
        return key
    text = "\n\n".join(str(block.text or "") for block in article.body)
    return "body:" + (body_fingerprint(text) or body_fingerprint(article.headline or "") or "empty")


def default_db_path() -> str:
    """The database path used when none is given: ``$NEWSDESK_DB``, else ``./newsdesk.db``.

    >>> import os; os.environ.pop("NEWSDESK_DB", None) and None
    >>> default_db_path()
    'newsdesk.db'
    """
    return os.environ.get(DB_ENV) or DEFAULT_DB


# --------------------------------------------------------------------------- the interface


class Store(ABC):
    """The one interface to stored news. Use it as a context manager, or call :meth:`close`.

    Writes are batched: :meth:`write_batch` applies a whole batch in one transaction,
    and is idempotent. Reads never see a half-written batch.

    >>> from newsdesk.store import open_store
    >>> with open_store(":memory:") as store:
    ...     store.stats().articles
    0
    """

    # writing -----------------------------------------------------------------

    @abstractmethod
    def write_batch(self, results: Iterable[Outcome], *, run_id: int | None = None) -> WriteSummary:
        """Store one batch of outcomes atomically and say what changed.

        Articles are keyed by :func:`article_key`: writing the same article again changes
        nothing, a changed record under the same key is updated in place, and a body whose
        :func:`body_fingerprint` is already stored under another key is recorded as a
        duplicate of that article. An outcome that cannot be stored (an unexpected value)
        is quarantined with stage ``store`` and the rest of the batch goes on.
        """

    def embedding_model(self) -> str | None:
        """The embedding model the store's article vectors come from (most of them), None when it holds none.

        Vectors of different models cannot be compared, so an ingest embeds with this one
        (:func:`newsdesk.pipeline.ingest_model`). A store that keeps no vectors has none.
        """
        return None

    def link_story_chains(self) -> int:
        """The periodic pass after a run's last batch: judge again the stories the writer touched since the last
        pass, and those begun after them, and link each to the earlier story it continues (or undo a link later
        reports disprove); returns how many links were made or moved.

        A store that keeps no stories has nothing to link.
        """
        return 0

    @abstractmethod
    def start_run(self, command: str) -> int:
        """Record the start of a run (an ingest, a reprocess...) and return its id."""

    @abstractmethod
    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        """Record that a run ended, with its counts (e.g. :meth:`WriteSummary.counts`)."""

    @abstractmethod
    def upsert_outlets(self, outlets: Iterable[Outlet]) -> int:
        """Add or replace outlets (keyed by name); return how many were given."""

    @abstractmethod
    def outlets(self) -> list[Outlet]:
        """All outlets, by name."""

    # reading -----------------------------------------------------------------

    @abstractmethod
    def get(self, ref: int | str) -> StoredArticle | None:
        """An article by id (an int or a string of digits) or by URL.

        A URL may be the article's canonical URL, its URL, or the URL of a recorded
        duplicate (which gives the article it duplicates). None when nothing matches.
        """

    @abstractmethod
    def latest(self, limit: int = 20, filters: Filters | None = None) -> list[StoredArticle]:
        """The most recently published articles matching ``filters``, newest first."""

    @abstractmethod
    def search(
        self, query: str | None, filters: Filters | None = None, *, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        """Full-text search, best first; with no query, the newest articles matching ``filters``.

        Query syntax: words (all must match), ``"exact phrases"``, ``OR`` between
        alternatives, ``-word`` or ``NOT word`` to exclude, ``word*`` for a prefix.
        Any string is accepted: what cannot be read as syntax is searched as words.
        """

    @abstractmethod
    def count(self, query: str | None = None, filters: Filters | None = None) -> int:
        """How many articles :meth:`search` would find with no limit."""

    @abstractmethod
    def page(self, filters: Filters | None, *, after: str | None, limit: int) -> tuple[list[SearchHit], str | None]:
        """One page of the articles matching ``filters``, newest first (undated last), and the next page's token.

        Pages are keyed on (publication time, id): pass the returned token as ``after`` for
        the next page; None means this page is the last. The token is opaque; one this store
        did not make raises :class:`StoreError`. Hits carry no highlights (there is no query).
        """

    @abstractmethod
    def facet_counts(
        self,
        query: str | None,
        filters: Filters | None = None,
        fields: Sequence[str] = FACET_FIELDS,
        *,
        limit: int = 12,
    ) -> dict[str, dict[str, int]]:
        """How many articles :meth:`search` finds per value of each field, for the facets of a search.

        ``fields`` are names of :class:`Filters` fields: ``source`` (the outlet: site name, else
        host), ``section`` and ``lang``. Each field is counted with every filter applied except
        its own, so that the alternatives to a chosen value keep their counts; and each count is
        what filtering on that value gives (``en`` includes ``en-GB``, sections compare without
        case, an outlet's host also finds its articles that carry a site name). Per field: the
        ``limit`` values with the most articles, most first, plus the value the filters choose
        when it has any; values with no articles and articles without a value are left out.
        """

    @abstractmethod
    def counts_by_day(self, filters: Filters | None, *, since: date, until: date) -> dict[str, int]:
        """Articles matching ``filters`` published on each UTC day from ``since`` to ``until`` (both included).

        Every day of the range is a key (``YYYY-MM-DD``), oldest first, with 0 for days without
        articles. ``since`` after ``until``, or a range over :data:`MAX_DAYS` days, raises
        :class:`StoreError`.
        """

    @abstractmethod
    def related(self, article_id: int, *, limit: int = 5) -> list[SearchHit]:
        """Other articles most like this one ("more like this"), best first; [] for an unknown id.

        The article's telling words (rare in the store but shared with other articles, taken
        from its headline, standfirst and the start of its body) are searched for, any of them,
        ranked by BM25. The article itself and its recorded exact duplicates are left out.
        """

    @abstractmethod
    def iter_articles(self, filters: Filters | None = None) -> Iterator[StoredArticle]:
        """Every article matching ``filters``, in id order, streamed (memory stays flat)."""

    @abstractmethod
    def stats(self) -> StoreStats:
        """Counts of articles by source, day, section and language, and of the other records."""

    @abstractmethod
    def seen_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` the store already holds, as article, duplicate, not-article or raw page.

        Lets ``watch`` fetch only what is new. Returns the URLs as given.
        """

    @abstractmethod
    def failures(self, *, since: str | None = None, run_id: int | None = None,
                 limit: int | None = None) -> list[FailureRecord]:
        """Quarantined inputs, newest first: those failed since ``since`` (a date or ISO time),
        or in run ``run_id``; at most ``limit``."""

    @abstractmethod
    def count_failures(self, *, since: str | None = None, run_id: int | None = None) -> int:
        """How many inputs :meth:`failures` would list without a limit."""

    @abstractmethod
    def recorded_inputs(self, pages: Iterable[RawPage]) -> set[str]:
        """The ``source`` names of ``pages`` the store already recorded with the same content.

        A page read from a WARC is recorded when a raw page points at the same file and offset;
        any other page when a raw page has its source name and the hash of its bytes. Lets a
        rerun skip what an interrupted run already did, before extracting it again.
        """

    @abstractmethod
    def get_raw_page(self, raw_page_id: int) -> StoredRawPage | None:
        """One kept raw page, with its bytes (or a WARC pointer)."""

    @abstractmethod
    def iter_raw_pages(self) -> Iterator[StoredRawPage]:
        """Every kept raw page in id order, streamed: what ``reprocess`` re-extracts."""

    # lifetime ----------------------------------------------------------------

    @abstractmethod
    def close(self) -> None:
        """Release the database. Further calls raise."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "FACET_FIELDS",
    "MAX_DAYS",
    "ArticleOutcome",
    "FailureOutcome",
    "FailureRecord",
    "Filters",
    "Highlighted",
    "NotArticleOutcome",
    "Outcome",
    "Outlet",
    "SearchHit",
    "Store",
    "StoreError",
    "StoreStats",
    "StoredArticle",
    "StoredRawPage",
    "WarcRef",
    "WriteSummary",
    "article_key",
    "body_fingerprint",
    "default_db_path",
    "normalise_url",
    "parse_instant",
]

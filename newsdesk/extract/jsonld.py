"""Reading a page's JSON-LD: the schema.org objects sites write for search engines.

JSON-LD in the wild is often not JSON: trailing commas, comments, several objects in one script,
CDATA wrappers, HTML entities. Strict JSON is tried first (most scripts are valid, and the C
decoder is fast); only what fails is repaired and read value by value, by hand, because no JSON
library accepts those faults.

The objects of all scripts are flattened (lists, ``@graph`` arrays, ``mainEntity`` wrappers) and
the article object and the page object picked out of them. Values are returned as the page wrote
them; cleaning them into one-line text is the caller's job.

Pages built with JavaScript frameworks also carry their article as application state, JSON in
other scripts (``__NEXT_DATA__``, ``window.__INITIAL_STATE__``) that no schema governs.
:func:`script_dates` reads the one field worth the search there, the publication date; those
scripts are large, so they are searched for the field's name with ``str.find`` and parsed only
around what it finds, never whole.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from selectolax.lexbor import LexborHTMLParser

#: JSON-LD and OpenGraph types that are an article (lowercased schema.org names).
ARTICLE_TYPES: Final = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "satiricalarticle",
        "blogposting", "liveblogposting", "socialmediaposting", "discussionforumposting", "report",
        "scholarlyarticle", "medicalscholarlyarticle", "techarticle", "advertisercontentarticle",
        "review", "recipe", "howto",
    }
)
#: Types whose dates and names stand for the page when no article object is present.
PAGE_TYPES: Final = frozenset({"webpage", "itempage", "medicalwebpage", "aboutpage", "videoobject", "event"})

_TRAILING_COMMA: Final = re.compile(r",\s*([}\]])")
_BLOCK_COMMENT: Final = re.compile(r"/\*.*?\*/", re.DOTALL)
_LINE_COMMENT: Final = re.compile(r"^\s*//.*$", re.MULTILINE)
_CDATA_WRAPPER: Final = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
_JSON_DECODER: Final = json.JSONDecoder(strict=False)
#: Names app state gives the publication date ("publishedAt", "date_published", "firstPublishDate").
_PUBLISHED_FIELD: Final = re.compile(
    r"(?:date_?)?(?:first_?|original(?:ly)?_?|initial_?)?(?:publish|deploy)(?:ed)?(?:_?(?:at|date|time|on|dt|date_?time))?"
    r"|pub_?date|publication_?date|date_?published",
    re.IGNORECASE,
)
#: Pieces of those names that str.find looks for: every name above contains one of them. A
#: "deployDt" is when a newsroom system first put the story out ("reDeployDt", the update, is not).
_PUBLISHED_FIELD_PIECES: Final = ("ublish", "UBLISH", "ubDate", "ub_date", "ubdate", "UB_DATE", "UBDATE", "deploy",
                                  "Deploy")
#: A "name": "value" pair, quoted or not, with its quotes escaped when the JSON sits in a string.
_FIELD_PAIR: Final = re.compile(r'([A-Za-z_]{3,40})\\?"?\s*:\s*\\?"([^"\\]{6,40})\\?"')
#: How far the field name is looked for on either side of a piece of it.
_FIELD_WINDOW: Final = 60
#: How deep lists and wrappers are followed; real pages nest two or three levels.
_MAX_DEPTH: Final = 4


def parse_json_leniently(text: str) -> list[Any]:
    """The JSON values in a script's text, repairing what sites commonly get wrong.

    >>> parse_json_leniently('{"@type": "NewsArticle", "headline": "Rain",}  {"@type": "WebPage"}')
    [{'@type': 'NewsArticle', 'headline': 'Rain'}, {'@type': 'WebPage'}]
    >>> parse_json_leniently("not json")
    []
    """
    text = text.strip()
    if not text:
        return []
    try:
        return [_JSON_DECODER.decode(text)]
    except ValueError:
        pass
    text = _CDATA_WRAPPER.sub("", text)
    if "&quot;" in text or "&#" in text:
        text = html.unescape(text)
    text = _BLOCK_COMMENT.sub("", _LINE_COMMENT.sub("", text))
    text = _TRAILING_COMMA.sub(r"\1", text).replace("\\'", "'")
    values: list[Any] = []
    position = 0
    while position < len(text):
        while position < len(text) and text[position] in " \t\r\n,;":
            position += 1
        if position >= len(text):
            break
        try:
            value, position = _JSON_DECODER.raw_decode(text, position)
        except ValueError:
            break
        values.append(value)
    return values


def types_of(item: dict[str, Any]) -> set[str]:
    """The lowercased schema.org type names of one object (full type URLs cut to their name).

    >>> sorted(types_of({"@type": ["NewsArticle", "https://schema.org/Article"]}))
    ['article', 'newsarticle']
    """
    kind = item.get("@type")
    if isinstance(kind, str):
        return {kind.lower().rsplit("/", 1)[-1]}
    if isinstance(kind, list):
        return {k.lower().rsplit("/", 1)[-1] for k in kind if isinstance(k, str)}
    return set()


@dataclass(slots=True)
class LinkedData:
    """The JSON-LD objects of a page, flattened, with the article and page objects picked out.

    >>> linked = LinkedData.read(['{"@graph": [{"@type": "NewsArticle", "headline": "Rain",'
    ...                           ' "author": {"@id": "#jane"}}, {"@id": "#jane", "@type": "Person",'
    ...                           ' "name": "Jane Doe"}]}'])
    >>> linked.article["headline"], linked.author_names(linked.article), sorted(linked.types)
    ('Rain', ['Jane Doe'], ['newsarticle', 'person'])
    """

    items: list[dict[str, Any]]
    by_id: dict[str, dict[str, Any]]
    types: frozenset[str]
    article: dict[str, Any] | None
    page: dict[str, Any] | None

    @classmethod
    def read(cls, scripts: Iterable[str]) -> LinkedData:
        """The objects of the given JSON-LD texts (script contents, in page order)."""
        items: list[dict[str, Any]] = []
        for script in scripts:
            for value in parse_json_leniently(script):
                _collect_items(value, items, depth=0)
        by_id = {item["@id"]: item for item in items if isinstance(item.get("@id"), str)}
        types: set[str] = set()
        article = page = None
        best_article_rank = -1
        for item in items:
            item_types = types_of(item)
            types |= item_types
            if item_types & ARTICLE_TYPES:
                # An article object with a headline is the page's own; one without is often a
                # teaser of another story.
                rank = 1 if item.get("headline") else 0
                if rank > best_article_rank:
                    article, best_article_rank = item, rank
            elif page is None and item_types & PAGE_TYPES:
                page = item
        return cls(items, by_id, frozenset(types), article, page)

    def resolve(self, value: Any) -> Any:
        """Follow a bare {"@id": ...} reference to the object it names in the @graph."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            reference = value.get("@id")
            # A list or object as the reference names nothing (and cannot be looked up: it is unhashable).
            if isinstance(reference, str) and reference in self.by_id:
                return self.by_id[reference]
        return value

    def publisher_name(self) -> str | None:
        """The raw name of the article's publisher, if the article object names one."""
        if self.article is None:
            return None
        publisher = self.resolve(self.article.get("publisher"))
        if isinstance(publisher, list) and publisher:
            publisher = self.resolve(publisher[0])
        name = publisher.get("name") if isinstance(publisher, dict) else None
        return name if isinstance(name, str) else None

    def website_name(self) -> str | None:
        """The raw name of the first WebSite object."""
        for item in self.items:
            if "website" in types_of(item):
                name = item.get("name")
                return name if isinstance(name, str) else None
        return None

    def author_names(self, item: dict[str, Any] | None) -> list[str]:
        """Raw person names from an object's author/creator field (organisations skipped)."""
        if item is None:
            return []
        names: list[str] = []
        for key in ("author", "creator"):
            value = item.get(key)
            for entry in value if isinstance(value, list) else [value]:
                entry = self.resolve(entry)
                if isinstance(entry, str):
                    names.append(entry)
                elif isinstance(entry, dict) and "organization" not in types_of(entry):
                    name = entry.get("name")
                    if isinstance(name, list):
                        name = next((n for n in name if isinstance(n, str)), None)
                    if not isinstance(name, str) and isinstance(entry.get("givenName"), str):
                        name = f"{entry.get('givenName')} {entry.get('familyName') or ''}"
                    if isinstance(name, str):
                        names.append(name)
            if names:
                break
        return names


def _collect_items(value: Any, items: list[dict[str, Any]], depth: int) -> None:
    """Flatten lists, @graph arrays and mainEntity wrappers into typed objects."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        for entry in value:
            _collect_items(entry, items, depth + 1)
    elif isinstance(value, dict):
        if "@type" in value:
            items.append(value)
        for key in ("@graph", "mainEntity"):
            if isinstance(value.get(key), list | dict):
                _collect_items(value[key], items, depth + 1)


def string_values(item: dict[str, Any] | None, *keys: str) -> list[str]:
    """The values of ``keys`` in ``item`` that are strings, in the order of ``keys``.

    >>> string_values({"datePublished": "2025-10-01", "dateCreated": 2025}, "datePublished", "dateCreated")
    ['2025-10-01']
    """
    if item is None:
        return []
    return [item[key] for key in keys if isinstance(item.get(key), str)]


def string_list(item: dict[str, Any] | None, key: str) -> list[str]:
    """A field that may be a string, a comma-separated string or a list of strings.

    >>> string_list({"keywords": ["Iraq", 3, "Pentagon"]}, "keywords")
    ['Iraq', 'Pentagon']
    """
    if item is None:
        return []
    value = item.get(key)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [entry for entry in value if isinstance(entry, str)]
    return []


def article_body(item: dict[str, Any] | None) -> str | None:
    """An object's ``articleBody`` as plain text, one paragraph per line, blank lines between.

    >>> article_body({"articleBody": "<p>First &amp; foremost.</p>\\n<p>Second.</p>"})
    'First & foremost.\\n\\nSecond.'
    """
    body = item.get("articleBody") if item else None
    if not isinstance(body, str) or not body.strip():
        return None
    if "&" in body:
        body = html.unescape(body)
    if "<" in body and ">" in body:
        body = LexborHTMLParser(body).text(separator="\n")
    # Each line is a paragraph; they are joined the way Article.text joins blocks.
    lines = (" ".join(line.split()) for line in body.splitlines())
    return "\n\n".join(line for line in lines if line) or None


def script_dates(scripts: Iterable[str], headline: str | None) -> list[str]:
    """Publication dates that app state in ``scripts`` gives, the article's own first.

    Such state often lists related stories with dates of their own. The date field nearest to
    the headline's text belongs to the article; without the headline in any script, the dates
    are trusted only when they all name the same day.

    >>> state = ('{"post": {"title": "Ferries resume", "publishedAt": "2025-03-02T08:00:00Z"},'
    ...          ' "related": [{"title": "Port closes", "publishedAt": "2025-02-20T10:00:00Z"}]}')
    >>> script_dates([state], "Ferries resume")
    ['2025-03-02T08:00:00Z']
    >>> script_dates([state], "Something else")
    []
    """
    found: list[tuple[int, int, str]] = []
    texts = [text for text in scripts if any(piece in text for piece in _PUBLISHED_FIELD_PIECES)]
    for number, text in enumerate(texts):
        positions: set[int] = set()
        for piece in _PUBLISHED_FIELD_PIECES:
            at = text.find(piece)
            while at >= 0:
                positions.add(at)
                at = text.find(piece, at + len(piece))
        seen: set[int] = set()
        for at in sorted(positions):
            for pair in _FIELD_PAIR.finditer(text, max(0, at - _FIELD_WINDOW), at + _FIELD_WINDOW):
                if pair.start(1) <= at < pair.end(1) and pair.start() not in seen and _PUBLISHED_FIELD.fullmatch(
                    pair.group(1)
                ):
                    seen.add(pair.start())
                    found.append((number, pair.start(), pair.group(2)))
    if not found:
        return []
    if headline:
        spellings = {headline, json.dumps(headline)[1:-1], json.dumps(headline, ensure_ascii=False)[1:-1]}
        nearest: tuple[int, str] | None = None
        for number, position, value in found:
            for spelling in spellings:
                at = texts[number].find(spelling)
                if at >= 0 and (nearest is None or abs(at - position) < nearest[0]):
                    nearest = (abs(at - position), value)
        if nearest is not None:
            return [nearest[1]]
    days = {value[:10] for _, _, value in found}
    return [found[0][2]] if len(days) == 1 else []

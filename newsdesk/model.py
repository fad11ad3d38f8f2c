"""The records every stage shares.

Stages pass these between processes (and later Ray workers), so they are plain
dataclasses of plain values: picklable, comparable, and convertible to JSON with
``to_dict`` and back with ``from_dict``.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

BLOCK_TYPES = frozenset(
    {"paragraph", "heading", "quote", "list_item", "table", "code", "caption"}
)

#: Words per minute used for ``reading_time_minutes``; the common figure for adult readers of news.
READING_WORDS_PER_MINUTE = 230

_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Block:
    """One typed piece of an article's body.

    >>> Block("paragraph", "The Pentagon announced it on Tuesday.").text
    'The Pentagon announced it on Tuesday.'
    """

    type: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "text": self.text}


@dataclass(slots=True)
class Image:
    """The lead image of an article, with what the page says about it.

    >>> Image(caption="Iraq deal sets 2026 deadline.", credit="AP", note="File Photo").credit
    'AP'
    """

    url: str | None = None
    caption: str | None = None
    credit: str | None = None
    note: str | None = None


@dataclass(slots=True)
class WireSource:
    """The news agency an article comes from.

    >>> WireSource("AA", "Anadolu Agency").name
    'Anadolu Agency'
    """

    code: str
    name: str


@dataclass(slots=True)
class Link:
    """A link to another article the page points readers to.

    >>> Link(title="Iraq's PM seeks closer ties", site="TRT World").site
    'TRT World'
    """

    title: str
    url: str | None = None
    site: str | None = None


@dataclass(slots=True)
class RawPage:
    """A page as it came in, before extraction: what ingest hands to extract.

    >>> RawPage(url="https://example.com/a", data=b"<html></html>").kind is None
    True
    """

    data: bytes | str
    url: str | None = None
    #: The URL the page was finally served from, after redirects (None: same as ``url``).
    final_url: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: str | None = None
    kind: str | None = None
    source: str | None = None


@dataclass(slots=True)
class Article:
    """Everything extraction says about one page.

    >>> a = Article(headline="Coalition to scale back Iraq mission",
    ...             body=[Block("paragraph", "One."), Block("paragraph", "Two.")])
    >>> a.text
    'One.\\n\\nTwo.'
    >>> Article.from_dict(a.to_dict()) == a
    True
    """

    url: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    language: str | None = None
    headline: str | None = None
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: Image | None = None
    body: list[Block] = field(default_factory=list)
    wire_source: WireSource | None = None
    related: list[Link] = field(default_factory=list)
    reading_time_minutes: int | None = None
    word_count: int = 0
    is_article: bool = False

    @property
    def text(self) -> str:
        """The plain body: block texts joined by a blank line."""
        return "\n\n".join(block.text for block in self.body)

    def finish(self) -> Article:
        """Fill the fields derived from the body (word count, reading time) and return self."""
        self.word_count = sum(len(_WORD.findall(block.text)) for block in self.body)
        if self.reading_time_minutes is None and self.word_count:
            self.reading_time_minutes = max(1, math.ceil(self.word_count / READING_WORDS_PER_MINUTE))
        return self

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with every documented key, in a stable order."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "body":
                value = [block.to_dict() for block in value]
            elif f.name == "related":
                value = [asdict(link) for link in value]
            elif f.name in ("image", "wire_source") and value is not None:
                value = asdict(value)
            elif isinstance(value, list):
                value = list(value)
            out[f.name] = value
        out["text"] = self.text
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an Article from ``to_dict`` output (unknown keys are ignored)."""
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["body"] = [Block(b["type"], b["text"]) for b in data.get("body") or []]
        kwargs["related"] = [Link(**link) for link in data.get("related") or []]
        if data.get("image") is not None:
            kwargs["image"] = Image(**data["image"])
        if data.get("wire_source") is not None:
            kwargs["wire_source"] = WireSource(**data["wire_source"])
        kwargs["authors"] = list(data.get("authors") or [])
        kwargs["tags"] = list(data.get("tags") or [])
        return cls(**kwargs)

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
# Word counting without a match object per word: the ASCII letters, digits and "_" (what \w matches
# in ASCII) become "a" and every other byte a space, so that each word starts at one " a".
_ASCII_WORDS = bytes(0x61 if chr(i).isalnum() or i == 0x5F else 0x20 for i in range(128)) + b" " * 128
# A character outside ASCII that \w matches (a letter, a digit): where there is none, every
# character outside ASCII separates words, as the "?" that encoding gives it does. Written as "a
# character beyond ASCII, then \w looked back on", not [^\W\x00-\x7f]: re then looks up the Unicode
# category only of the few characters beyond ASCII (curly quotes, dashes), not of every character
# of the text (0.12 -> 0.04 ms a page over WCXB's blocks); the same characters match.
_NON_ASCII_WORD_CHAR = re.compile(r"[^\x00-\x7f](?<=\w)")
#: The keys enrichment adds to ``Article.to_dict()``.
_ENRICHMENT_KEYS = ("entities", "quotes", "times", "quantities", "recognizer")


def count_plain_words(text: str) -> int:
    """How many ``\\w+`` words ``text`` holds: ``len(re.findall(r"\\w+", text))``, for a fraction of its cost.

    Nearly every paragraph is ASCII but for a few quotes and dashes, which separate words; only
    text with letters or digits outside ASCII is matched word by word.

    >>> count_plain_words("The Pentagon’s “plan” — 2 phases, e.g. snake_case"), count_plain_words("Ça coûte 3 €.")
    (9, 3)
    """
    if text.isascii() or _NON_ASCII_WORD_CHAR.search(text) is None:
        return count_ascii_words(text)
    return len(_WORD.findall(text))


def count_ascii_words(text: str) -> int:
    """How many ``\\w+`` words a text holds in which no character beyond ASCII is a word character (a caller
    that has checked that already: extraction, which scans the text once for this and another measure).

    >>> count_ascii_words("The Pentagon’s “plan” — 2 phases, e.g. snake_case")
    9
    """
    return (b" " + text.encode("ascii", "replace").translate(_ASCII_WORDS)).count(b" a")


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


#: Entity types every recogniser emits; statistical NER may add others (NORP, EVENT, ...).
ENTITY_TYPES = frozenset({"PERSON", "ORG", "PLACE"})
#: How a quote is reported: in quote marks, as reported speech, or reported speech with a quoted fragment.
QUOTE_KINDS = frozenset({"direct", "indirect", "mixed"})
#: TIMEX3 types.
TIME_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})


@dataclass(slots=True)
class Mention:
    """Where an entity is named: its text and ``start``/``end`` character offsets into ``Article.text``.

    >>> text = "Sean Parnell said so."
    >>> m = Mention("Sean Parnell", 0, 12)
    >>> text[m.start:m.end] == m.text
    True
    """

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    """A person, organisation or place, with every mention of it merged under one canonical name.

    Places carry what GeoNames says of them: ``country`` (ISO 3166-1 alpha-2), ``lat``, ``lon`` and
    ``geonames_id``.

    >>> e = Entity("Baghdad", "PLACE", [Mention("Baghdad", 10, 17)], country="IQ", geonames_id=98182)
    >>> e.country, len(e.mentions)
    ('IQ', 1)
    """

    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    #: Other names the text gives it ("Daesh" for "ISIS"), not counting shortened forms ("Parnell").
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


@dataclass(slots=True)
class Quote:
    """Who said what: the reported words, who said them, in what role, and how.

    ``start``/``end`` span the quoted or reported content in ``Article.text``; ``speaker`` is the full
    canonical name even where the text says "he" or "Parnell" (``speaker_start``/``speaker_end`` span the
    words that name the speaker at this quote, "he" included).

    >>> q = Quote("We will leave.", "Sean Parnell", "Chief Pentagon Spokesman", "direct", "said", 1, 15)
    >>> q.kind, q.speaker_role
    ('direct', 'Chief Pentagon Spokesman')
    """

    text: str
    speaker: str | None
    speaker_role: str | None
    kind: str
    cue: str | None
    start: int
    end: int
    speaker_start: int | None = None
    speaker_end: int | None = None
    #: PERSON or ORG where the speaker is a known entity.
    speaker_type: str | None = None


@dataclass(slots=True)
class TimeExpression:
    """A time expression in TIMEX3 style, resolved against the publication date where it is relative.

    >>> t = TimeExpression("Tuesday", "DATE", "2025-09-30", 120, 127)
    >>> t.value
    '2025-09-30'
    """

    text: str
    type: str
    value: str
    start: int
    end: int
    #: TIMEX3's ``mod`` ("END" for "the end of 2026", "APPROX", "START", ...).
    mod: str | None = None


@dataclass(slots=True)
class Quantity:
    """A figure and what it counts: ``value`` as a number, ``unit`` the thing counted or the currency.

    >>> q = Quantity("roughly 2,500 personnel", 2500, "personnel", True, 30, 53)
    >>> q.value, q.approximate
    (2500, True)
    """

    text: str
    value: float | int
    unit: str | None
    approximate: bool
    start: int
    end: int
    #: number, money, percent, or a measure (length, weight, ...).
    kind: str = "number"
    #: ISO 4217 code for money ("USD").
    currency: str | None = None


@dataclass(slots=True)
class Enrichment:
    """Everything enrichment says about one text; ``recognizer`` names the entity recogniser that ran.

    >>> Enrichment(recognizer="patterns").quotes
    []
    """

    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    recognizer: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the four annotation lists and the recogniser."""
        return {
            "entities": [asdict(e) for e in self.entities],
            "quotes": [asdict(q) for q in self.quotes],
            "times": [asdict(t) for t in self.times],
            "quantities": [asdict(q) for q in self.quantities],
            "recognizer": self.recognizer,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Enrichment:
        """Rebuild from ``to_dict`` output.

        >>> e = Enrichment([Entity("Iraq", "PLACE", [Mention("Iraq", 0, 4)], country="IQ")], recognizer="patterns")
        >>> Enrichment.from_dict(e.to_dict()) == e
        True
        """
        entities = [Entity(**{**e, "mentions": [Mention(**m) for m in e.get("mentions") or []],
                               "aliases": list(e.get("aliases") or [])})
                    for e in data.get("entities") or []]
        return cls(
            entities=entities,
            quotes=[Quote(**q) for q in data.get("quotes") or []],
            times=[TimeExpression(**t) for t in data.get("times") or []],
            quantities=[Quantity(**q) for q in data.get("quantities") or []],
            recognizer=data.get("recognizer"),
        )


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
    #: What enrichment found (None: not enriched). Its lists appear as top-level keys of ``to_dict``.
    enrichment: Enrichment | None = None
    #: Why enrichment failed for this article, when it did (the article is kept without annotations).
    enrich_error: str | None = None

    @property
    def text(self) -> str:
        """The plain body: block texts joined by a blank line."""
        return "\n\n".join(block.text for block in self.body)

    def finish(self, word_count: int | None = None) -> Article:
        """Fill the fields derived from the body (word count, reading time) and return self.

        ``word_count`` is the body's count of ``\\w+`` words, when the caller has made it already.

        >>> Article(body=[Block("paragraph", "Rain fell.")]).finish().word_count
        2
        """
        if word_count is None:
            word_count = sum(count_plain_words(block.text) for block in self.body)
        self.word_count = word_count
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
            elif f.name == "enrichment":
                # Stable keys: null (not enriched) is not the same as [] (enriched, nothing found).
                out.update(value.to_dict() if value is not None else dict.fromkeys(_ENRICHMENT_KEYS))
                continue
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
        if data.get("enrichment") is not None:
            kwargs["enrichment"] = Enrichment.from_dict(data["enrichment"])
        elif any(data.get(key) is not None for key in _ENRICHMENT_KEYS[:4]):
            kwargs["enrichment"] = Enrichment.from_dict(data)
        kwargs["authors"] = list(data.get("authors") or [])
        kwargs["tags"] = list(data.get("tags") or [])
        return cls(**kwargs)

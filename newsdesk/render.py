"""Articles as text for people: Markdown and plain text renderings used by the CLI."""

from __future__ import annotations

from datetime import datetime

from newsdesk.model import Article

_PREFIX = {"heading": "## ", "list_item": "- ", "quote": "> ", "code": "    "}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def human_date(value: str | None) -> str | None:
    """An ISO 8601 date or time as people write it, keeping the page's own offset.

    Month names are spelled out here rather than by ``strftime``, which follows the locale.

    >>> human_date("2025-09-30T14:05:00+03:00")
    '30 September 2025, 14:05 (UTC+03:00)'
    >>> human_date("2025-09-30"), human_date("2025-09-30T09:00:00Z"), human_date("soon")
    ('30 September 2025', '30 September 2025, 09:00 (UTC)', 'soon')
    """
    if not value:
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    day = f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
    if len(value) <= 10:
        return day
    offset = moment.utcoffset()
    if offset is None:
        zone = ""
    elif not offset:
        zone = " (UTC)"
    else:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        zone = f" (UTC{sign}{abs(minutes) // 60:02}:{abs(minutes) % 60:02})"
    return f"{day}, {moment.hour:02}:{moment.minute:02}{zone}"


def _dateline(article: Article) -> str:
    parts = [article.section, human_date(article.published),
             f"{article.reading_time_minutes} min read" if article.reading_time_minutes else None]
    return " · ".join(p for p in parts if p)


def to_markdown(article: Article) -> str:
    """Render an article as Markdown: headline, standfirst, byline, image, body, source, related.

    An enriched article is followed by who said what, the people, organisations and places it names,
    the dates it mentions (resolved) and its figures.

    >>> from newsdesk.model import Block
    >>> print(to_markdown(Article(headline="Rain returns", body=[Block("paragraph", "It rained.")])), end="")
    # Rain returns
    <BLANKLINE>
    It rained.
    """
    lines: list[str] = []
    if article.headline:
        lines += [f"# {article.headline}", ""]
    if dateline := _dateline(article):
        lines += [f"_{dateline}_", ""]
    if article.standfirst:
        lines += [f"**{article.standfirst}**", ""]
    if article.authors:
        lines += [f"By {', '.join(article.authors)}", ""]
    if article.image and article.image.caption:
        credit = f" ({article.image.credit})" if article.image.credit else ""
        note = f" [{article.image.note}]" if article.image.note else ""
        lines += [f"> Photo: {article.image.caption or ''}{note}{credit}".rstrip(), ""]
    for block in article.body:
        if block.type == "table":
            lines += [f"| {row} |" for row in block.text.splitlines()] + [""]
        else:
            lines += [_PREFIX.get(block.type, "") + block.text, ""]
    if article.wire_source:
        lines += [f"Source: {article.wire_source.name} ({article.wire_source.code})", ""]
    if article.related:
        lines.append("Related:")
        for link in article.related:
            site = f" ({link.site})" if link.site else ""
            lines.append(f"- [{link.title}]({link.url})" + site if link.url else f"- {link.title}{site}")
        lines.append("")
    if article.enrichment is not None:
        lines += _enrichment_lines(article)
    return "\n".join(lines).rstrip() + "\n"


_TYPE_LABELS = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places"}


def _enrichment_lines(article: Article) -> list[str]:
    """What enrichment found, as Markdown sections after the article."""
    found = article.enrichment
    if found is None:
        return []
    lines: list[str] = []
    if found.quotes:
        lines += ["## Who said what", ""]
        for quote in found.quotes:
            speaker = quote.speaker or "Unattributed"
            role = f", {quote.speaker_role}" if quote.speaker_role else ""
            lines.append(f"- **{speaker}**{role} ({quote.kind}): “{' '.join(quote.text.split())}”")
        lines.append("")
    named = {label: [e for e in found.entities if e.type == type_] for type_, label in _TYPE_LABELS.items()}
    if any(named.values()):
        lines += ["## In this story", ""]
        for label, entities in named.items():
            if entities:
                names = [f"{e.name} ({e.country})" if e.type == "PLACE" and e.country and e.country != e.name
                         else e.name for e in entities]
                lines.append(f"- {label}: {', '.join(names)}")
        lines.append("")
    dated = [t for t in found.times if t.type == "DATE" and t.value[:1].isdigit()]
    if dated:
        lines += ["## Dates mentioned", ""]
        lines += [f"- {t.text} → {t.value}" for t in dated]
        lines.append("")
    if found.quantities:
        lines += ["## Figures", ""]
        lines += [f"- {q.text}" for q in found.quantities]
        lines.append("")
    return lines


def to_text(article: Article) -> str:
    """Render an article as plain text: the headline, then the body.

    >>> from newsdesk.model import Block
    >>> print(to_text(Article(headline="Rain returns", body=[Block("paragraph", "It rained.")])), end="")
    Rain returns
    <BLANKLINE>
    It rained.
    """
    head = f"{article.headline}\n\n" if article.headline else ""
    return head + article.text + "\n"

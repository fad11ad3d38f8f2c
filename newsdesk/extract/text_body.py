"""Reading copied text's body zone, pass 3b: the body's blocks, its photo, and whether it is an article at all.

Lines become paragraphs, headings, list items, tables and quotations; a teaser grid or a short text
among many headlines is a listing page, not an article.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from newsdesk.extract.dates import find_date
from newsdesk.extract.text_furniture import caption_parts, unglue
from newsdesk.extract.text_header import section_title
from newsdesk.extract.text_lines import (
    BYLINE,
    CAPTION,
    CLOSERS,
    DATE,
    KICKER,
    LIST_ITEM,
    MARKER,
    PROSE,
    SHORT,
    TABLE,
    Line,
    line_key,
    without_bullet,
    word_count,
)
from newsdesk.extract.text_segment import MIN_ARTICLE_WORDS
from newsdesk.model import Block, Image


def body_blocks(lines: Sequence[Line], drop: set[str]) -> list[Block]:
    """The body's lines as blocks; lines whose key is in ``drop`` (headline, standfirst, caption) are left out.

    A short line over prose is a subheading; lines inside a block of other stories are never body.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> body_blocks(read_lines("Floods\\nRain fell all night across the county.\\n• Roads closed"), set())
    [Block(type='heading', text='Floods'), Block(type='paragraph', text='Rain fell all night across the county.'), \
Block(type='list_item', text='Roads closed')]
    """
    blocks: list[Block] = []
    for position, line in enumerate(lines):
        if line.in_widget or line_key(line.text) in drop:
            continue
        if line.quote:
            blocks.append(Block("quote", line.text))
        elif line.kind == PROSE:
            blocks.append(Block("paragraph", line.text))
        elif line.kind == TABLE:
            append_table_row(blocks, line.text, continues=position > 0 and lines[position - 1].kind == TABLE)
        elif line.kind == LIST_ITEM:
            if item := without_bullet(line.text):
                blocks.append(Block("list_item", item))
        elif _bare_list_item(lines, position):
            # A list copied without its bullets: items of a sentence's length, line after line.
            blocks.append(Block("list_item", line.text))
        elif line.kind in (SHORT, KICKER) and line.words <= 20:
            following = next((f for f in lines[position + 1 :] if f.kind not in (MARKER,)), None)
            if following is not None and following.kind == PROSE and not following.in_widget:
                blocks.append(Block("heading", section_title(line.text) if line.kind == KICKER else line.text))
    return blocks


def append_table_row(blocks: list[Block], row: str, continues: bool) -> None:
    """Add a table's line to ``blocks``: a further row of the table block just before it when ``continues``
    (the line before was a row of it), else a new table.

    >>> blocks = [Block("table", "City | Rain")]
    >>> append_table_row(blocks, "Leeds | 40mm", continues=True)
    >>> append_table_row(blocks, "Year | Total", continues=False)
    >>> [b.text for b in blocks]
    ['City | Rain\\nLeeds | 40mm', 'Year | Total']
    """
    if continues and blocks and blocks[-1].type == "table":
        blocks[-1] = Block("table", blocks[-1].text + "\n" + row)
    else:
        blocks.append(Block("table", row))


#: The fewest words of a line read as an item of a list copied without its bullets.
_BARE_ITEM_WORDS: Final = 8


def _bare_list_item(lines: Sequence[Line], position: int) -> bool:
    """Whether a short line is one of a run of sentence-length lines with no blank line between them,
    below prose: the items of a list whose bullets copying dropped."""

    def item(at: int) -> bool:
        line = lines[at]
        return line.kind in (SHORT, LIST_ITEM) and line.words >= _BARE_ITEM_WORDS and not line.in_widget

    if not item(position) or lines[position].gap_before:
        return False
    neighbour = (position + 1 < len(lines) and item(position + 1) and not lines[position + 1].gap_before) or (
        position > 0 and item(position - 1))
    above = any(line.kind == PROSE for line in lines[max(0, position - 12) : position])
    return neighbour and above


def is_listing(lines: Sequence[Line], start: int, body: Sequence[Block]) -> bool:
    """Whether the text is a page of other stories (a copied home or section page).

    >>> from newsdesk.extract.text_classify import read_lines
    >>> teasers = [b for n in range(4) for b in (Block("heading", f"Floods {n}"), Block("paragraph", "Rain fell."))]
    >>> is_listing(read_lines("Floods\\nRain fell."), 0, teasers)
    True
    """
    paragraphs = [b for b in body if b.type == "paragraph"]
    # word_count, not split(): a Japanese paragraph has no spaces and would count as one word.
    body_words = sum(word_count(b.text) for b in paragraphs)
    # Distinct: a teaser grid's headlines differ, while a label repeated over every paragraph
    # ("Article content") is the layout of one article.
    headings = len({line_key(b.text) for b in body if b.type == "heading"})
    # Teaser grids: a headline over every short summary.
    if len(paragraphs) >= 4 and headings >= 0.7 * len(paragraphs) and body_words / len(paragraphs) < 30:
        return True
    # Lists, tables and quotations are the article's text too (a specification, a recipe).
    if sum(word_count(b.text) for b in body if b.type != "heading") >= MIN_ARTICLE_WORDS * 2:
        return False
    # A short text among many headlines is a teaser, unless a byline or a date introduces it.
    introduced = any(
        not line.in_widget and (line.kind == BYLINE or (line.kind == DATE and find_date(unglue(line.text))))
        for line in lines[max(0, start - 5) : start]
    )
    headlines = sum(1 for line in lines if (line.kind in (SHORT, KICKER) and line.words >= 4) or line.in_widget)
    return not introduced and headlines >= 8


def opens_as_headline(line: Line) -> bool:
    """Whether the body's first line is a headline phrased as a question or exclamation.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> opens_as_headline(read_lines("Why did the river rise so far and so fast this year?")[0])
    True
    """
    end = line.text.rstrip(CLOSERS)[-1:]
    return line.kind == PROSE and line.words <= 20 and end in ("?", "!") and not line.in_widget


def without_author_bio(body: list[Block], authors: list[str]) -> list[Block]:
    """Drop the closing note about the author ("Jane Doe covers city politics for ..."), and a bio under
    her name ("About Jane Doe" over "Jane has covered ...") in the body's closing half with what follows it.

    >>> without_author_bio([Block("paragraph", "Rain fell."),
    ...                     Block("paragraph", "Jane Doe covers the weather for the Herald.")], ["Jane Doe"])
    [Block(type='paragraph', text='Rain fell.')]
    >>> body = [Block("paragraph", "Rain fell."), Block("paragraph", "Roads closed."),
    ...         Block("heading", "About Jane Doe"), Block("paragraph", "Jane has covered the weather since 2010.")]
    >>> [b.text for b in without_author_bio(body, ["Jane Doe"])]
    ['Rain fell.', 'Roads closed.']
    """
    full_names = tuple(name for name in authors if " " in name)
    if not full_names:
        return body
    keep = len(body)
    for index in range(len(body) - 1, max(-1, len(body) - 4), -1):
        block = body[index]
        if block.type == "paragraph" and len(block.text.split()) <= 60 and block.text.startswith(full_names):
            keep = index
    # "About Jane Doe" (or her name alone) over a paragraph that names her again, in the body's closing
    # half: the bio, and what follows it.
    titles = {key: name for name in full_names for key in (name.casefold(), f"about {name.casefold()}")}
    for index in range(len(body) // 2, min(keep, len(body) - 1)):
        name = titles.get(line_key(body[index].text))
        following = body[index + 1]
        if name and following.type == "paragraph" and any(part in following.text.split() for part in name.split()):
            return body[:index]
    return body[:keep]


def body_image(body_lines: Sequence[Line]) -> Image | None:
    """The photo of the first caption line in the body, when the header had none.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> body_image(read_lines("Rain fell all night.\\nFlooded fields near the river. Photo: Jane Doe/AFP"))
    Image(url=None, caption='Flooded fields near the river.', credit='Jane Doe/AFP', note=None)
    """
    for line in body_lines:
        if line.kind == CAPTION and not line.in_widget:
            caption, credit, note = caption_parts(line.text)
            return Image(caption=caption, credit=credit, note=note)
    return None


#: The fewest blocks, and words, of a run of blocks whose second copy is dropped.
_REPEAT_BLOCKS: Final = 2
_REPEAT_WORDS: Final = 20


def without_repeated_runs(body: list[Block]) -> list[Block]:
    """The body without the second copy of a run of blocks it holds twice: a page printed twice into the
    copy (a paywall's offer, an article and its print view, a review slider and its list).

    Only a run of two or more blocks and 20 or more words, each of whose texts occurs exactly twice:
    a recipe or a schedule repeats its own lines three or more times, and those stay.

    >>> body = [Block("paragraph", t) for t in ("Rain fell all night.", "Unlimited access to every article we print.",
    ...         "Daily puzzles, including the crossword, and the digital replica of the print edition.",
    ...         "Roads closed by noon.", "Unlimited access to every article we print.",
    ...         "Daily puzzles, including the crossword, and the digital replica of the print edition.")]
    >>> [b.text for b in without_repeated_runs(body)][-1]
    'Roads closed by noon.'
    """
    texts = [block.text for block in body]
    where: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        where.setdefault(text, []).append(index)
    drop = [False] * len(texts)
    for first, text in enumerate(texts):
        places = where[text]
        if len(places) != 2 or places[0] != first:
            continue
        second = places[1]
        run = 0
        while (second + run < len(texts) and first + run < second and texts[first + run] == texts[second + run]
               and len(where[texts[first + run]]) == 2):
            run += 1
        if run >= _REPEAT_BLOCKS and sum(word_count(texts[first + k]) for k in range(run)) >= _REPEAT_WORDS:
            drop[second : second + run] = [True] * run
    return [block for block, dropped in zip(body, drop, strict=True) if not dropped]

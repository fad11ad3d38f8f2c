"""Page furniture the block walk kept, told by its shape: a trailing section of labels, and gallery counters.

The walk keeps what sits in the story's container, and many containers end with more than the
story: a "Tags" heading and its tag, a "This topic on air:" label and the programme's line, a
"More on this" heading and its links' titles. Such a tail has a shape of its own, whatever the
language: short lines that are not sentences (a heading, or a line with no closing punctuation)
with a section's label among them (a heading, or a line ending in a colon). A story's own last
lines are sentences; a sign-off ("Cheers, Alina") has no label above it, and a list at the end
of a story (its steps, its candidates) is list items of more than a tag's few words, which this
leaves alone.

A photo gallery's counters ("4 of 12 |") are the other furniture: each on a line of its own, the
same shape repeated, never a sentence of the story.
"""

from __future__ import annotations

import re

from newsdesk.extract.textsize import word_count
from newsdesk.model import Block

#: A line this many words or fewer can be a label or a title; above it, it is prose.
_SLIGHT_WORDS = 24
#: A tail of labels has at least this many lines (two would also take a story's closing
#: byline-and-role pair under a subheading) and at most this many (a longer one is content:
#: a listing of events, a timeline).
_MIN_TAIL, _MAX_TAIL = 3, 12
#: The story kept must hold at least this share of the text: a page whose body is mostly such
#: lines (a recipe's ingredients, a photo post's captions) is not trimmed.
_MIN_KEPT_SHARE = 0.5
#: How a sentence ends: closing punctuation, or a closing quote or bracket after it.
_SENTENCE_ENDS = (".", "!", "?", "…", "。", "！", "？", '"', "”", "“", "»", "«", "'", "’", ")")
#: Blocks whose shape is content whatever their length: a table, code, a quote.
_CONTENT_TYPES = frozenset({"table", "code", "quote"})
#: A list's item is a story's (its steps, its candidates) unless it is this short: a tag, a date,
#: a topic with its count ("JOBS 247").
_SLIGHT_ITEM_WORDS = 3
#: "4 of 12", "Image 2 of 5", "3 von 10 |": a gallery's position. A slash ("5/5") is left out:
#: ratings and scores are written that way and are the story's.
_COUNTER = re.compile(
    r"(?:(?:image|photo|picture|bild|foto)\s+)?\d{1,3}\s+(?:of|von|de|sur|di|van|av|z|из)\s+\d{1,3}\s*[|·•:–-]?",
    re.IGNORECASE)
#: Longest counter line worth matching ("Picture 12 of 12 |" is 18 characters).
_MAX_COUNTER_CHARS = 24


def _is_label(block: Block) -> bool:
    return block.type == "heading" or block.text.rstrip().endswith(":")


def _is_slight(block: Block) -> bool:
    """A title, label or name rather than a sentence: short, and a heading or not closed as a sentence."""
    if block.type in _CONTENT_TYPES:
        return False
    text = block.text.rstrip()
    if word_count(text) > (_SLIGHT_ITEM_WORDS if block.type == "list_item" else _SLIGHT_WORDS):
        return False
    return block.type == "heading" or text.endswith(":") or not text.endswith(_SENTENCE_ENDS)


def _is_counter(block: Block) -> bool:
    return len(block.text) <= _MAX_COUNTER_CHARS and _COUNTER.fullmatch(block.text.strip()) is not None


def trim_tail(blocks: list[Block]) -> list[Block]:
    """Drop a closing run of labels and titles that holds a section's label.

    >>> story = [Block("paragraph", "The council voted on Monday to close the bridge for repairs. " * 4)]
    >>> tail = [Block("heading", "Tags"), Block("paragraph", "Transport"), Block("paragraph", "Council")]
    >>> trim_tail(story + tail) == story
    True
    >>> signoff = [Block("paragraph", "Cheers,"), Block("paragraph", "Alina"), Block("paragraph", "Kent")]
    >>> len(trim_tail(story + signoff))  # "Cheers," ends with a comma: no label, so it stays
    4
    """
    start = len(blocks)
    while start > 0 and _is_slight(blocks[start - 1]):
        start -= 1
    run = blocks[start:]
    if start == 0 or not _MIN_TAIL <= len(run) <= _MAX_TAIL or not any(_is_label(b) for b in run):
        return blocks
    kept = sum(len(b.text) for b in blocks[:start])
    if kept < _MIN_KEPT_SHARE * (kept + sum(len(b.text) for b in run)):
        return blocks
    return blocks[:start]


def drop_counters(blocks: list[Block]) -> list[Block]:
    """Drop a gallery's counter lines ("4 of 12 |"), when the page has two or more of them.

    One such line alone may be the story's ("1 of 3"): a gallery repeats it.

    >>> gallery = [Block("paragraph", "1 of 2 |"), Block("paragraph", "Crowds at the rally."),
    ...            Block("paragraph", "2 of 2 |"), Block("paragraph", "The candidate speaks.")]
    >>> [b.text for b in drop_counters(gallery)]
    ['Crowds at the rally.', 'The candidate speaks.']
    >>> len(drop_counters([Block("paragraph", "Rating: 5/5"), Block("paragraph", "1 of 3")]))
    2
    """
    counters = [index for index, block in enumerate(blocks) if _is_counter(block)]
    if len(counters) < 2:
        return blocks
    drop = set(counters)
    return [block for index, block in enumerate(blocks) if index not in drop]


def trim_body(blocks: list[Block]) -> list[Block]:
    """The body without its gallery counters and its closing run of labels (a new list; ``blocks`` is kept).

    >>> story = [Block("paragraph", "The council voted on Monday to close the bridge for repairs. " * 4)]
    >>> tail = [Block("paragraph", "This topic on air:"), Block("heading", "Radio North | 13:00"),
    ...         Block("heading", "Keywords"), Block("heading", "Science")]
    >>> trim_body(story + tail) == story
    True
    """
    return trim_tail(drop_counters(blocks))

"""What the block walk kept that is not the story, told by its shape: a trailing section of labels,
gallery counters, a second copy of the story's paragraphs, and a news report's pull quotes.

The walk keeps what sits in the story's container, and many containers end with more than the
story: a "Tags" heading and its tag, a "This topic on air:" label and the programme's line, a
"More on this" heading and its links' titles. Such a tail has a shape of its own, whatever the
language: short lines that are not sentences (a heading, or a line with no closing punctuation)
with a section's label among them (a heading, or a line ending in a colon). A story's own last
lines are sentences; a sign-off ("Cheers, Alina") has no label above it, and a list at the end
of a story (its steps, its candidates) is list items of more than a tag's few words, which this
leaves alone.

A photo gallery's counters ("4 of 12 |") are furniture too: each on a line of its own, the same
shape repeated, never a sentence of the story. And some pages hold the story twice (a print
version, a copy for small screens, a teaser quoting its opening): a long sentence of prose met a
second time is that copy. Short lines and lines that are not sentences do repeat within a story
(an interview's recurring question, a meal plan's dishes), so only long sentences count.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Final

from newsdesk.extract.boilerplate import lowers_as_matched
from newsdesk.extract.calls_to_action import drop_calls_to_action
from newsdesk.extract.textsize import word_count
from newsdesk.model import Block

#: A line this many words or fewer can be a label or a title; above it, it is prose.
_SLIGHT_WORDS: Final = 24
#: A tail of labels has at least this many lines (two would also take a story's closing
#: byline-and-role pair under a subheading) and at most this many (a longer one is content:
#: a listing of events, a timeline).
_MIN_TAIL: Final = 3
_MAX_TAIL: Final = 12
#: The story kept must hold at least this share of the text: a page whose body is mostly such
#: lines (a recipe's ingredients, a photo post's captions) is not trimmed.
_MIN_KEPT_SHARE: Final = 0.5
#: How a sentence ends: closing punctuation, or a closing quote or bracket after it.
_SENTENCE_ENDS: Final = (".", "!", "?", "…", "。", "！", "？", '"', "”", "“", "»", "«", "'", "’", ")")
#: Blocks whose shape is content whatever their length: a table, code, a quote.
_CONTENT_TYPES: Final = frozenset({"table", "code", "quote"})
#: A list's item is a story's (its steps, its candidates) unless it is this short: a tag, a date,
#: a topic with its count ("JOBS 247").
_SLIGHT_ITEM_WORDS: Final = 3
#: "4 of 12", "Image 2 of 5", "3 von 10 |": a gallery's position. A slash ("5/5") is left out:
#: ratings and scores are written that way and are the story's.
_COUNTER: Final = re.compile(
    r"(?:(?:image|photo|picture|bild|foto)\s+)?\d{1,3}\s+(?:of|von|de|sur|di|van|av|z|из)\s+\d{1,3}\s*[|·•:–-]?",
    re.IGNORECASE)
#: Longest counter line worth matching ("Picture 12 of 12 |" is 18 characters).
_MAX_COUNTER_CHARS: Final = 24


def _is_label(block: Block) -> bool:
    return block.type == "heading" or block.text.rstrip().endswith(":")


def _is_slight(block: Block) -> bool:
    """A title, label or name rather than a sentence: short, and a heading or not closed as a sentence."""
    if block.type in _CONTENT_TYPES:
        return False
    text = block.text.rstrip()
    if block.type != "heading" and text.endswith(_SENTENCE_ENDS) and not text.endswith(":"):
        return False
    # Counted last: a story's closing paragraph, the block most often asked about, is a sentence.
    return word_count(text) <= (_SLIGHT_ITEM_WORDS if block.type == "list_item" else _SLIGHT_WORDS)


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


#: Fewest characters of a paragraph whose second copy is dropped (about 30 English words): shorter
#: ones repeat within stories. Characters, not words: counting words in every long paragraph would
#: cost more than the rest of this module together.
_REPEAT_CHARS: Final = 150


def _counters_and_repeats(blocks: list[Block]) -> tuple[list[int], list[int]]:
    """Positions of the counter lines, and of the later copies of long paragraphs of prose.

    One pass for both: the loop over every block is most of what this module costs.
    """
    counters: list[int] = []
    repeats: list[int] = []
    seen: set[str] = set()
    for index, block in enumerate(blocks):
        text = block.text
        if len(text) <= _MAX_COUNTER_CHARS:
            if _COUNTER.fullmatch(text.strip()) is not None:
                counters.append(index)
        elif block.type == "paragraph" and len(text) >= _REPEAT_CHARS and text.rstrip().endswith(_SENTENCE_ENDS):
            if text in seen:
                repeats.append(index)
            else:
                seen.add(text)
    return counters, repeats


def _without(blocks: list[Block], drop: set[int]) -> list[Block]:
    return [block for index, block in enumerate(blocks) if index not in drop] if drop else blocks


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
    counters, _ = _counters_and_repeats(blocks)
    return _without(blocks, set(counters) if len(counters) >= 2 else set())


def drop_repeats(blocks: list[Block]) -> list[Block]:
    """Drop each later copy of a long paragraph of prose, keeping the first.

    >>> para = Block("paragraph", "The council voted on Monday to close the bridge for repairs, " * 3 + "it said.")
    >>> len(drop_repeats([para, Block("paragraph", "Tags"), para]))
    2
    >>> len(drop_repeats([Block("paragraph", "What did you cook?")] * 2))
    2
    """
    _, repeats = _counters_and_repeats(blocks)
    return _without(blocks, set(repeats))


#: A pull quote: a line this long (characters) that a longer paragraph of the body holds again.
_PULL_QUOTE_MIN_CHARS: Final = 40
_PULL_QUOTE_MAX_CHARS: Final = 300
#: A longer block holds the quote when it has at least this many characters more (words around it).
_PULL_QUOTE_MARGIN: Final = 20
_QUOTE_TYPES: Final = frozenset({"paragraph", "quote"})
#: What a pull quote adds or drops around the words it repeats: quotation marks and the closing stop.
_QUOTE_MARKS: Final = " \"'“”„‘’‚«»‹›"
_CLOSING_STOPS: Final = ".!?…"


def pull_quotes(blocks: list[Block]) -> list[int]:
    """Positions of the pull quotes: short paragraphs or quotes whose words a longer paragraph holds again.

    A pull quote repeats, in large type between the paragraphs, a line the story tells in full further
    on; the reader reads it twice, the story holds it once. The line is looked for without the quotation
    marks and the closing stop it drops or adds, as written otherwise: one search of the body's text
    each, where comparing every block's words would cost a tenth of the page's extraction.

    >>> para = Block("paragraph", "The mayor said: “We will not accept that the bridge stays closed "
    ...                           "for a year,” and left.")
    >>> pull = Block("quote", "“We will not accept that the bridge stays closed for a year.”")
    >>> pull_quotes([Block("paragraph", "Intro."), pull, para])
    [1]
    """
    found: list[int] = []
    written = ""
    starts: list[int] = []
    for index, block in enumerate(blocks):
        text = block.text
        if block.type not in _QUOTE_TYPES or not _PULL_QUOTE_MIN_CHARS <= len(text) <= _PULL_QUOTE_MAX_CHARS:
            continue
        core = text.strip(_QUOTE_MARKS).rstrip(_CLOSING_STOPS).strip(_QUOTE_MARKS)
        if len(core) < _PULL_QUOTE_MIN_CHARS:
            continue
        if not written:
            # Read once, on the first short line: the blocks' texts, one a line, and where each begins.
            written = "\n".join(b.text for b in blocks)
            starts = list(accumulate((len(b.text) + 1 for b in blocks[:-1]), initial=0))
        at = written.find(core)
        while at >= 0:
            owner = bisect_right(starts, at) - 1
            other = blocks[owner]
            if owner != index and other.type in _QUOTE_TYPES and len(other.text) > len(text) + _PULL_QUOTE_MARGIN:
                found.append(index)
                break
            at = written.find(core, at + 1)
    return found


#: A news report's closing credits: who else reported it ("Associated Press writer Jane Doe contributed to
#: this report.", "With reporting by …", "Mit Agenturmaterial."), where it ran first ("Dieser Artikel ist
#: zuerst bei "Capital" erschienen."), who translated it ("Aus dem Englischen von …", "Übersetzung und
#: Adaptierung: AFP Deutschland"), where its original is, who made it ("Redaktion: …"), the publisher's
#: disclaimer of a guest's views and, at a broadcaster, which programme ran it ("Sendung: Antenne
#: Brandenburg, 24.04.2024", "Dieses Thema im Programm: Über dieses Thema berichtete DLF am …"). The whole
#: block must be one; matched case-blind.
_CLOSING_CREDIT: Final = re.compile(
    r"""^\W*(?:
        .{0,250}\bcontributed\s+(?:reporting\s+)?to\s+(?:this|the)\s+(?:report|story|article)|
        (?:with\s+)?(?:additional\s+)?reporting\s+(?:by|from)\s.{1,150}|
        mit\s+agenturmaterial|mit\s+material\s+(?:von|der|des)\s.{1,80}|
        (?:dieser|der)\s+(?:artikel|beitrag|text)\s+(?:ist|erschien)\s+zuerst\s.{1,100}|
        (?:aus\s+dem\s+\w+\s+(?:übersetzt\s+)?von|übersetzung(?:\s+und\s+\w+)?\s*:|
            translated\s+(?:from\s+(?:the\s+)?\w+\s+)?by)\s.{1,120}|
        # Where its original is ("Lest den Originalartikel auf Englisch hier.", "Read the original article").
        (?:lest|lesen\s+sie|read)\s+(?:den|the)\s+original(?:artikel|\s+(?:article|story))\b.{0,60}|
        # Who made it, by trade ("Redaktion: …", "Fotos: … Styling: …").
        (?:redaktion|mitarbeit|recherche|faktencheck|fotos?|grafik|styling|produktion)\s*:\s.{1,250}|
        # The publisher's disclaimer of a guest's opinions.
        .{0,150}\b(?:views|opinions)\s+expressed\b.{0,200}|.{0,150}\bnicht\s+(?:der|die)\s+meinung\s+der\s+redaktion\b.{0,100}|
        # A broadcaster's note of the programme that ran the story.
        sendung\s*:\s.{1,120}|(?:dieses\s+thema\s+im\s+programm\s*:\s*)?über\s+dieses\s+thema\s+berichtete\s.{1,160}
    )\W*$""",
    re.I | re.X | re.S,
)
#: The closing blocks where credits are looked for, and the longest block that may be one.
_CREDIT_WINDOW: Final = 4
_MAX_CREDIT_CHARS: Final = 300
#: A word of each of ``_CLOSING_CREDIT``'s forms, looked for in the lower-cased block first: the pattern's
#: ``.{0,250}`` openings try every character of a story's closing paragraph (~13 µs a block), and most
#: blocks hold none of these words. The translator's "aus dem … von" is looked for as both words.
_CREDIT_WORDS: Final = ("contributed", "reporting", "material", "zuerst", "übersetzung", "translated", "original",
                        "redaktion", "mitarbeit", "recherche", "faktencheck", "foto", "grafik", "styling",
                        "produktion", "expressed", "meinung", "sendung", "berichtete")


def _may_be_credit(text: str) -> bool:
    """False only where ``_CLOSING_CREDIT`` cannot match: none of its words is in the lower-cased text.

    >>> _may_be_credit("Mit Agenturmaterial."), _may_be_credit("The council voted on Monday.")
    (True, False)
    """
    if not lowers_as_matched(text):
        return True  # The pattern decides: a lower-cased literal could miss what it matches case-blind.
    lowered = text.lower()
    return any(word in lowered for word in _CREDIT_WORDS) or ("aus" in lowered and "von" in lowered)


def closing_credits(blocks: list[Block]) -> list[int]:
    """Where a news report's closing credits are (``_CLOSING_CREDIT``), among its last blocks. Fundus's and
    dragnet's golds leave them out of the story (readability's keeps them, on pages that do not say they are news).

    >>> story = [Block("paragraph", "The council voted on Monday to close the bridge for repairs. " * 4)] * 2
    >>> closing_credits(story + [Block("paragraph", "Associated Press writer Jane Doe contributed to this report.")])
    [2]
    >>> closing_credits(story + [Block("paragraph", "Mit Agenturmaterial.")])
    [2]
    >>> closing_credits(story + [Block("paragraph", "She said reporting by the press was unfair.")])
    []
    """
    start = max(0, len(blocks) - _CREDIT_WINDOW)
    return [index for index in range(start, len(blocks))
            if blocks[index].type == "paragraph" and len(blocks[index].text) <= _MAX_CREDIT_CHARS
            and _may_be_credit(blocks[index].text) and _CLOSING_CREDIT.match(blocks[index].text) is not None]


def trim_body(blocks: list[Block], news: bool = False) -> list[Block]:
    """The body without its gallery counters, its repeated paragraphs, its closing run of labels and
    the publisher's calls to its reader around the story (``calls_to_action``); in a news report
    (``news``), also without its pull quotes (``pull_quotes``), its closing credits (``closing_credits``) and
    its calls for the reader's tips. Other
    pages keep them: guides and blogs set a line of their own in large type that reads like one, or end
    with "contact us", and their golds keep it.

    ``blocks`` itself is not changed (it is returned as it is when nothing goes).

    >>> story = [Block("paragraph", "The council voted on Monday to close the bridge for repairs. " * 4)]
    >>> tail = [Block("paragraph", "This topic on air:"), Block("heading", "Radio North | 13:00"),
    ...         Block("heading", "Keywords"), Block("heading", "Science")]
    >>> trim_body(story + tail) == story
    True
    """
    counters, repeats = _counters_and_repeats(blocks)
    drop = set(repeats)
    if news:
        drop.update(pull_quotes(blocks))
    if len(counters) >= 2:
        drop.update(counters)
    trimmed = drop_calls_to_action(trim_tail(_without(blocks, drop)), news)
    # The credits are read once the closing labels and calls have gone, which can sit below them; and taking
    # them out last leaves the tail's test to the blocks the page closed with.
    return _without(trimmed, set(closing_credits(trimmed))) if news else trimmed

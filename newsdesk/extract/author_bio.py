"""The note about the story's author that a page sets after the story.

A news report's body ends with the story; a box under it that opens with the byline's name ("Ulrich
Exner ist bei WELT für ... zuständig", "John Nichols is a national affairs correspondent ...") is the
page introducing its writer, whom the reader met in the byline already. The byline's own name is
what marks it: a listicle's or profile's closing "Jane Roe has ..." names someone else.
"""

from __future__ import annotations

from typing import Final

from newsdesk.model import Block

# How far into its line the byline's name may stand: a role ("Korrespondent", "Die Autorin") or a
# label ("About the author:") before it.
_WORDS_BEFORE_NAME: Final = 3
# Only the body's last blocks are looked at, and what goes may hold at most this share of its text.
_LAST_BLOCKS: Final = 6
_MAX_SHARE: Final = 0.25
# Under this many words, a line naming two of the bylines credits their reporting.
_CREDIT_WORDS: Final = 20
# A label over the note ("Die Autorin", "About the author") has at most this many words.
_LABEL_WORDS: Final = 3


def _opens_with(text: str, names: tuple[str, ...]) -> bool:
    for name in names:
        at = text.find(name)
        if at >= 0 and len(text[:at].split()) <= _WORDS_BEFORE_NAME:
            return True
    return False


def _is_label(block: Block) -> bool:
    text = block.text.rstrip()
    return len(text.split()) <= _LABEL_WORDS and text[-1:] not in ".!?\u3002"


def without_closing_bio(blocks: list[Block], authors: list[str], *, news: bool) -> list[Block]:
    """Drop the body's closing note about its writer, from the block that opens with the byline's full name.

    On a news report any such block among the last few goes (with a short label over it). On other
    pages only the byline's name set apart over a block that opens with it again ("John Nichols" over
    "John Nichols is ..."): blogs and guides end with their writer's bio in prose, and the golds of
    their benchmarks keep that.

    >>> story = [Block("paragraph", f"The council met on day {n} and argued about the budget.") for n in range(6)]
    >>> bio = Block("paragraph", "Correspondent Jane Doe covers city politics for the Herald.")
    >>> [b.text for b in without_closing_bio(story + [bio], ["Jane Doe"], news=True)] == [b.text for b in story]
    True
    >>> len(without_closing_bio(story + [bio], ["John Roe"], news=True))
    7
    >>> len(without_closing_bio(story + [bio], ["Jane Doe"], news=False))
    7
    """
    names = tuple(name.strip() for name in authors if " " in name.strip())
    if not names or len(blocks) < 4:
        return blocks
    start = max(len(blocks) // 2, len(blocks) - _LAST_BLOCKS)
    for index in range(start, len(blocks)):
        text = blocks[index].text
        if not _opens_with(text, names):
            continue
        # "Stella Kim reported from Seoul, and Jennifer Jett from Hong Kong": a short line sharing the
        # reporting among the bylines is the story's credit line, not a note about a writer.
        if len(names) > 1 and len(text.split()) < _CREDIT_WORDS and sum(name in text for name in names) > 1:
            continue
        set_apart = (text.strip() in names and index + 1 < len(blocks)
                     and _opens_with(blocks[index + 1].text, names))
        if not news and not set_apart:
            continue
        if sum(len(block.text) for block in blocks[index:]) > _MAX_SHARE * sum(len(block.text) for block in blocks):
            continue
        if index > start and _is_label(blocks[index - 1]):
            index -= 1
        return blocks[:index]
    return blocks

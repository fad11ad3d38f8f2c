"""Which lines of copied text are the article's body: a small learned line classifier over the rules' answer.

The rules (``text_segment``, ``text_body``) pick one run of lines and keep its prose, lists and
tables. They miss what does not look like prose (a code listing, a poem, a list of short lines
without bullets, a body split by an interface block) and keep what does (a comment thread, a
teaser's summary). This module reads every line again with two logistic regressions over
features of the line and of its neighbours, the HTML-free signals text mode has: one judges the
text lines the rules left out (``addable``), one the lines they kept (``droppable``).

- the line itself: its kind from ``text_classify``, length, how it ends, capitalisation, digits and
  code punctuation, link-like text ("http", "@", "|", "©"), whether the page repeats it, whether it is
  written in an unspaced script (Chinese, Japanese, Thai: a headline there counts as many words as a
  sentence), whether it has a "Label: value" shape (a spec sheet's or a listicle's line);
- where it sits: inside the rules' body, how far outside it, its position in the text and in the
  text's prose, how much prose lies within 1, 3 and 10 lines, how far the nearest long paragraph is;
- its two neighbours on each side: kind, length, a blank line before them, a list of other stories,
  whether the rules kept them, a "Label: value" shape.

Every feature also appears multiplied by "the rules kept this line" and by "this line is prose",
so the model can weigh a feature differently inside and outside the rules' body. Over each regression,
a few dozen small boosted trees (``tree_logits``) add to the log-odds what its sums cannot say: how the
line's place, the prose around it and its own shape combine (a short line after little kept prose, a
long one far below it). The weights and trees are fitted on the development split of the
shared article pages rendered to text only (``benchmarks/extraction_text.py --fit-lines``; the drop
model also on short texts made from those pages' gold paragraphs, because the shared pages are long
and mostly end in promotions, and fitted on them alone it takes the last paragraph off a short
article; the add model's trees on such texts too, ending in other stories' headlines, or they learn
that lines after a short body are body), with the standardisation folded in, and live in
``text_line_weights`` as plain numbers: nothing is loaded at run time and only numpy is needed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Final

import numpy as np

from newsdesk.extract.text_body import append_table_row
from newsdesk.extract.text_labels import COMMENT_SIGNATURE
from newsdesk.extract.text_lines import (
    ASIDE,
    BOILERPLATE,
    BYLINE,
    CAPTION,
    CLOSERS,
    CREDIT,
    DATE,
    EMBED,
    KICKER,
    LIST_ITEM,
    MARKER,
    PROSE,
    READING,
    RELATED,
    SHORT,
    TABLE,
    TAGS,
    UNSPACED,
    WIDGET,
    Line,
    line_key,
    without_bullet,
)
from newsdesk.model import Block

KINDS: Final = (PROSE, SHORT, KICKER, LIST_ITEM, DATE, BYLINE, READING, CAPTION, CREDIT, MARKER, WIDGET, RELATED, TAGS,
                ASIDE, TABLE, EMBED, BOILERPLATE)
_CODE: Final = re.compile(r"[{}();=<>\[\]_/\\#$]")
_DIGIT: Final = re.compile(r"\d")
#: "Label: value" (a spec sheet's or a listicle's line): up to 4 words, a colon, then text.
_LABELLED: Final = re.compile(r"^\W{0,2}[^\s:]+(?:\s+[^\s:]+){0,3}\s?(?::\s+|：\s*)\S")
_WIDE_STOPS: Final = {"。": ".", "．": ".", "！": "!", "？": "?", "：": ":", "，": ",", "、": ","}
#: Features of the line alone, then of its place and neighbours; before the two crossed copies.
_OWN: Final = len(KINDS) + 30
_CONTEXT: Final = 13 + 4 * 8
BASE_FEATURES: Final = _OWN + _CONTEXT
#: Where "the rules kept this line" sits among the base features (the first context feature).
_KEPT_AT: Final = _OWN
#: Where "this line is prose" sits (the first kind).
_PROSE_AT: Final = 0
N_FEATURES: Final = 3 * BASE_FEATURES
#: A line the rules left out is body when the model gives it at least this chance.
ADD_AT: Final = 0.5
#: The kinds of line the model may add to the body: text, never interface or header furniture.
_ADDABLE: Final = frozenset({PROSE, SHORT, KICKER, LIST_ITEM, TABLE})
#: The kinds of kept line the drop model may take out: one line, one block.
_DROPPABLE: Final = frozenset({PROSE, SHORT, KICKER, LIST_ITEM})
#: A line the rules kept leaves the body when the drop model gives it less than this chance: on dev,
#: 0.4 / 0.45 / 0.5 / 0.55 score 0.9165 / 0.9169 / 0.9170 / 0.9168 body F1 (0.5 was out of reach while it
#: took a short last paragraph off two test texts; with the closing rules of issue 9 it no longer does).
DROP_AT: Final = 0.5


def addable(lines: Sequence[Line], kept: Sequence[bool]) -> list[bool]:
    """The lines the model judges: text the rules left out, outside any list of other stories and before
    the first widget label under the rules' body.

    Lines the rules kept are the drop model's (``droppable``), a second regression over the same
    features.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> addable(read_lines("Advertisement\\nx = compute(y)\\nRain fell all night."), [False, False, True])
    [False, True, False]
    """
    # A comment's signature ("Amy says:") is never the story's, though it reads as a short line.
    judged = [not rules and line.kind in _ADDABLE and not line.in_widget and not COMMENT_SIGNATURE.match(line.text)
              for line, rules in zip(lines, kept, strict=True)]
    last = max((at for at, rules in enumerate(kept) if rules), default=len(lines))
    label = next((at for at in range(last + 1, len(lines)) if lines[at].kind == WIDGET and not lines[at].in_widget),
                 len(lines))
    # Past a widget label under the story ("Related", "More Videos"), the page is other stories' text.
    judged[label:] = [False] * (len(lines) - label)
    return judged


def _own(line: Line, counts: Counter[str]) -> list[float]:
    text = line.text
    words = line.words
    # Chinese and Japanese stops read as their Latin twins; a line ending in a kanji is no sentence's end.
    end = _WIDE_STOPS.get(last := text.rstrip(CLOSERS)[-1:], last)
    # In an unspaced script two characters count as a word, so a headline of 40 characters reads as a
    # sentence of 20 words: the model gets the script, and the length in that script, to weigh apart.
    unspaced = float(len(UNSPACED.findall(text)) * 3 > len(text))
    tokens = text.split()
    capitalised = sum(1 for token in tokens if token[:1].isupper())
    letters = sum(ch.isalpha() for ch in text) or 1
    upper = sum(ch.isupper() for ch in text)
    values = [float(line.kind == kind) for kind in KINDS]
    values += [
        math.log1p(words), float(words <= 1), float(words <= 3), float(words <= 8), float(words >= 25),
        float(words >= 60), float(line.gap_before), float(line.in_widget), float(line.quote),
        float(end == "."), float(end == ":"), float(end == "?"), float(end == "!"), float(end == ","),
        float(end.isalnum()),
        capitalised / len(tokens) if tokens else 0.0, upper / letters,
        len(_DIGIT.findall(text)) / len(text), len(_CODE.findall(text)) / len(text),
        float("|" in text), float("http" in text or "www." in text), float("@" in text), float("©" in text),
        float(counts[line_key(text)] >= 2), float(text[:1].islower()),
        min(len(text) / max(1, len(tokens)), 15.0) / 15.0, unspaced, unspaced * math.log1p(words),
        float(bool(_LABELLED.match(text))),
        # A teaser's summary cut short ("...") ends in a stop but is no sentence's end.
        float(text.rstrip(CLOSERS).endswith(("...", "…", "..", "‥"))),
    ]
    return values


def line_features(lines: Sequence[Line], kept: Sequence[bool], rows: Sequence[int] | None = None) -> np.ndarray:
    """One row of features (``N_FEATURES`` columns) per line, or per line of ``rows`` only; ``kept``
    says which lines the rules kept.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> lines = read_lines("Menu\\n" + "Storms swept the county overnight. " * 9)
    >>> line_features(lines, [False, True]).shape == (2, N_FEATURES)
    True
    >>> line_features(lines, [False, True], [0]).shape == (1, N_FEATURES)
    True
    """
    count = len(lines)
    at = np.arange(count) if rows is None else np.asarray(rows, dtype=int)
    if count == 0 or len(at) == 0:
        return np.zeros((0, N_FEATURES))
    counts = Counter(line_key(line.text) for line in lines)
    own = np.array([_own(lines[int(i)], counts) for i in at])
    prose = np.array([line.words if line.kind == PROSE and not line.in_widget else 0 for line in lines], float)
    rules = np.array(kept, float)
    chosen = np.flatnonzero(rules)
    start, end = (int(chosen[0]), int(chosen[-1]) + 1) if len(chosen) else (count, count)
    cumulative = np.concatenate([[0.0], np.cumsum(prose)])
    total = cumulative[-1] or 1.0

    def around(reach: int) -> np.ndarray:
        low, high = np.maximum(0, at - reach), np.minimum(count, at + reach + 1)
        return np.log1p(cumulative[high] - cumulative[low] - prose[at])

    long_prose = np.flatnonzero(prose >= 20)
    if len(long_prose):
        near = np.searchsorted(long_prose, at)
        nearest = np.minimum(np.abs(long_prose[np.minimum(near, len(long_prose) - 1)] - at),
                             np.abs(long_prose[np.maximum(near - 1, 0)] - at))
    else:
        nearest = np.full(len(at), count)
    inside = (start <= at) & (at < end)
    away = np.maximum(0, np.where(at < start, start - at, at - end + 1)).astype(float)
    outside = np.where(inside, 0.0, np.log1p(away))
    # How much of the kept prose lies before and after the line: a story's end is followed by little.
    kept_prose = np.concatenate([[0.0], np.cumsum(prose * rules)])
    columns = [rules[at], inside.astype(float), outside, (at < start).astype(float), (at >= end).astype(float),
               at / count, cumulative[at] / total, around(1), around(3), around(10), np.log1p(nearest),
               np.log1p(kept_prose[at]), np.log1p(kept_prose[-1] - kept_prose[at + 1])]
    # The neighbours' few features, padded so that a missing neighbour reads as all zeros.
    neighbour = np.array([[1.0, float(line.kind == PROSE), float(line.kind in (SHORT, KICKER)),
                           math.log1p(line.words), float(line.gap_before), float(line.in_widget), rules[i],
                           float(bool(_LABELLED.match(line.text)))]
                          for i, line in enumerate(lines)])
    padded = np.vstack([np.zeros((2, 8)), neighbour, np.zeros((2, 8))])
    context = np.column_stack(columns + [padded[at + 2 + step] for step in (-2, -1, 1, 2)])
    base = np.hstack([own, context])
    return np.hstack([base, base * base[:, _KEPT_AT : _KEPT_AT + 1], base * base[:, _PROSE_AT : _PROSE_AT + 1]])


def droppable(lines: Sequence[Line], kept: Sequence[bool]) -> list[bool]:
    """The lines the drop model judges: single lines of text the rules kept (a table's rows and an
    embedded post stay).

    >>> from newsdesk.extract.text_classify import read_lines
    >>> droppable(read_lines("Advertisement\\nRain fell all night."), [False, True])
    [False, True]
    """
    # An embedded post's lines are kept by their attribution, whatever they read like.
    return [rules and line.kind in _DROPPABLE and not line.quote for line, rules in zip(lines, kept, strict=True)]


def drop_chances(lines: Sequence[Line], kept: Sequence[bool], rows: Sequence[int]) -> np.ndarray:
    """The drop model's chance that each line of ``rows``, which the rules kept, is body text.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> paragraph = "Storms swept the county overnight, and rivers rose. " * 3
    >>> lines = read_lines("Home\\n" + "\\n".join([paragraph] * 4))
    >>> bool(drop_chances(lines, [False] + [True] * 4, [1, 2])[0] > DROP_AT)
    True
    """
    from newsdesk.extract.text_line_weights import (
        DROP_BIAS,
        DROP_TREE_FEATURES,
        DROP_TREE_LEAVES,
        DROP_TREE_THRESHOLDS,
        DROP_WEIGHTS,
    )

    values = line_features(lines, kept, rows)
    logits = values @ np.asarray(DROP_WEIGHTS) + DROP_BIAS
    logits += tree_logits(values[:, :BASE_FEATURES], DROP_TREE_FEATURES, DROP_TREE_THRESHOLDS, DROP_TREE_LEAVES)
    return 1.0 / (1.0 + np.exp(-logits))


def rules_kept(lines: Sequence[Line], body: Sequence[Block]) -> list[bool]:
    """Which lines the rules' body holds: a line whose text (without its bullet) is a block's, or one
    line of a table block.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> rules_kept(read_lines("Menu\\n• Roads closed"), [Block("list_item", "Roads closed")])
    [False, True]
    """
    texts = {" ".join(part.split()) for block in body for part in block.text.split("\n")}
    return [line.text in texts or without_bullet(line.text) in texts for line in lines]


def body_chances(lines: Sequence[Line], kept: Sequence[bool], rows: Sequence[int] | None = None) -> np.ndarray:
    """The model's chance that each line (or each line of ``rows``) is body text.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> paragraph = "Storms swept the county overnight, and rivers rose. " * 3
    >>> lines = read_lines("Home\\nNews\\n" + "\\n".join([paragraph] * 4))
    >>> chances = body_chances(lines, rules_kept(lines, [Block("paragraph", lines[2].text)]))
    >>> len(chances), bool(chances[0] < ADD_AT)
    (6, True)
    """
    from newsdesk.extract.text_line_weights import BIAS, TREE_FEATURES, TREE_LEAVES, TREE_THRESHOLDS, WEIGHTS

    values = line_features(lines, kept, rows)
    logits = values @ np.asarray(WEIGHTS) + BIAS
    logits += tree_logits(values[:, :BASE_FEATURES], TREE_FEATURES, TREE_THRESHOLDS, TREE_LEAVES)
    return 1.0 / (1.0 + np.exp(-logits))


def tree_logits(values: np.ndarray, features: Sequence[int], thresholds: Sequence[float],
                leaves: Sequence[float]) -> np.ndarray:
    """What boosted trees add to each row's log-odds: per tree, the row walks from the root (a line whose
    feature is above the node's threshold goes right) to a leaf, and the leaves' values are summed.

    Trees are complete and of one depth, flattened tree after tree: each tree's inner nodes in breadth-first
    order in ``features`` and ``thresholds``, its leaves left to right in ``leaves``. A node that does not split
    has an infinite threshold, so every line goes left.

    >>> values = np.array([[0.0, 5.0], [1.0, 5.0], [1.0, 9.0]])
    >>> # One tree of depth 2: the root asks feature 0 > 0.5, its children feature 1 > 7 and nothing.
    >>> tree_logits(values, (0, 1, 0), (0.5, 7.0, float("inf")), (-1.0, -2.0, 1.0, 0.0)).tolist()
    [-1.0, 1.0, 1.0]
    >>> tree_logits(values, (), (), ()).tolist()
    [0.0, 0.0, 0.0]
    """
    inner = len(features)
    if not inner or not len(values):
        return np.zeros(len(values))
    count = len(leaves) - inner
    per_tree = inner // count
    feature = np.asarray(features, dtype=np.int64).reshape(count, per_tree)
    threshold = np.asarray(thresholds, dtype=float).reshape(count, per_tree)
    leaf = np.asarray(leaves, dtype=float).reshape(count, per_tree + 1)
    trees = np.arange(count)[None, :]
    node = np.zeros((len(values), count), dtype=np.int64)
    for _ in range(per_tree.bit_length()):
        # Inner node i's children are 2i + 1 and 2i + 2; past the last level, node - per_tree is the leaf.
        node = 2 * node + 1 + (np.take_along_axis(values, feature[trees, node], 1) > threshold[trees, node])
    return leaf[trees, node - per_tree].sum(1)


def without_lines(lines: Sequence[Line], body: Sequence[Block], dropped: Sequence[bool]) -> list[Block]:
    """The rules' ``body`` without the one-line blocks that sit at a ``dropped`` line.

    Each block is placed at the first line, in order, whose text opens it, so of two blocks with the
    same text only the one at the dropped line goes.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> lines = read_lines("Rain fell.\\nShare this\\nRain fell.")
    >>> body = [Block("paragraph", line.text) for line in lines]
    >>> [b.text for b in without_lines(lines, body, [False, False, True])]
    ['Rain fell.', 'Share this']
    """
    return [block for block, found in zip(body, block_lines(lines, body), strict=True)
            if found is None or not dropped[found] or "\n" in block.text]


def block_lines(lines: Sequence[Line], body: Sequence[Block]) -> list[int | None]:
    """Where each block of ``body`` sits: the first line, in order after the previous block's, whose text
    (or text without its bullet) opens the block; None for a block no line opens.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> lines = read_lines("Rain fell.\\nShare this\\nRain fell.")
    >>> block_lines(lines, [Block("paragraph", text) for text in ("Rain fell.", "Rain fell.", "x")])
    [0, 2, None]
    """
    positions: list[int | None] = []
    at = 0
    for block in body:
        first = " ".join(block.text.split("\n")[0].split())
        found = next((i for i in range(at, len(lines))
                      if lines[i].text == first or without_bullet(lines[i].text) == first), None)
        if found is not None:
            at = found + 1
        positions.append(found)
    return positions


def with_added_lines(lines: Sequence[Line], body: Sequence[Block], added: Sequence[bool]) -> list[Block]:
    """The rules' ``body`` with the ``added`` lines put in as blocks where they sit in the text.

    An added short line over prose is a heading, other added short lines are paragraphs (a line of
    code, of a poem, of a list that lost its bullets); the rules' blocks stay as they were.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> lines = read_lines("Rain fell all night across the county.\\nx = compute(y)\\nRoads closed, police said.")
    >>> body = [Block("paragraph", lines[0].text), Block("paragraph", lines[2].text)]
    >>> [b.text for b in with_added_lines(lines, body, [False, True, False])]
    ['Rain fell all night across the county.', 'x = compute(y)', 'Roads closed, police said.']
    """
    positions = block_lines(lines, body)
    placed = {found: block for block, found in zip(body, positions, strict=True) if found is not None}
    leftover = [block for block, found in zip(body, positions, strict=True) if found is None]
    blocks: list[Block] = []
    for position, line in enumerate(lines):
        if position in placed:
            blocks.append(placed[position])
            continue
        if not added[position]:
            continue
        following = next((lines[i] for i in range(position + 1, len(lines)) if i in placed or added[i]), None)
        if line.kind == TABLE:
            append_table_row(blocks, line.text, continues=position > 0 and added[position - 1])
        elif line.kind == LIST_ITEM:
            if item := without_bullet(line.text):
                blocks.append(Block("list_item", item))
        elif line.kind in (SHORT, KICKER) and line.words <= 20 and following is not None and following.kind == PROSE:
            blocks.append(Block("heading", line.text))
        else:
            blocks.append(Block("paragraph", line.text))
    return blocks + leftover

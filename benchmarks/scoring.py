"""The metrics of the extraction benchmark, exactly as each dataset's authors define them.

Two body metrics, re-implemented here rather than imported because neither benchmark ships as a
package and the benchmark must run in one process with no network:

- **scrapinghub-aeb** (``evaluate.py`` of scrapinghub/article-extraction-benchmark): ``\\w+`` tokens,
  case kept (its regex carries ``re.IGNORECASE``, which changes nothing for ``\\w+``); each text is a
  multiset of 4-token shingles, a text shorter than 4 tokens is one shorter shingle and an empty text
  has none; per page TP/FP/FN (normalised by their sum, which leaves the page's precision and recall
  unchanged); precision is averaged over pages with TP+FP > 0, recall over pages with TP+FN > 0; a page
  with FP = FN = 0 counts 1 for both, so a page where truth and prediction are both empty drops out of
  both averages; F1 is the harmonic mean of the two averages. Their ``accuracy`` is exact equality of
  the token lists.
- **wcxb** (``evaluate.py`` of Murrough-Foley/web-content-extraction-benchmark): lower-cased ``\\w+``
  tokens; per page precision, recall and F1 from the multiset overlap; an empty reference scores 1 for
  an empty prediction and 0 otherwise, an empty prediction scores 0; P, R and F1 are averaged over all
  pages. Its snippet checks (share of ``with`` / ``without`` snippets found, case-folded substring) are
  kept too.

WCXB's script scores no metadata, so the metadata rules are this benchmark's own: exact match after
folding case and white space; authors also fold the list separators (``,``, ``;``, ``&``, ``and``)
because the ground truth writes multi-author bylines all four ways; dates compare the ``YYYY-MM-DD``
part, or ``YYYY-MM`` where that is all the ground truth gives.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Shingle length of the scrapinghub metric.
SHINGLE_SIZE = 4

_WORD = re.compile(r"\w+")
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:[,;&]|\band\b)\s*(?:\band\b\s*)?", re.IGNORECASE)
_DATE_PART = re.compile(r"^\s*(\d{4}-\d{2}(?:-\d{2})?)")


@dataclass(frozen=True, slots=True)
class ShingleCounts:
    """One page's shingle TP, FP and FN, normalised so that they sum to 1 (or all 0).

    >>> ShingleCounts(0.5, 0.25, 0.25).precision
    0.6666666666666666
    """

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """This page's precision, or None where the page does not enter the precision average."""
        if self.tp + self.fp == 0:
            return None
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """This page's recall, or None where the page does not enter the recall average."""
        if self.tp + self.fn == 0:
            return None
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn)


@dataclass(frozen=True, slots=True)
class BodyScore:
    """Precision, recall and F1 of the body text over a set of pages.

    >>> BodyScore(1.0, 0.5, 2 / 3).f1
    0.6666666666666666
    """

    precision: float
    recall: float
    f1: float


def case_kept_tokens(text: str | None) -> list[str]:
    """The scrapinghub tokens of ``text``: ``\\w+`` matches, case kept.

    >>> case_kept_tokens("Gaming used to be so simple — wasn't it?")
    ['Gaming', 'used', 'to', 'be', 'so', 'simple', 'wasn', 't', 'it']
    """
    return _WORD.findall(text or "")


def lowercase_tokens(text: str | None) -> list[str]:
    """The WCXB tokens of ``text``: ``\\w+`` matches of the lower-cased text.

    >>> lowercase_tokens("The Pentagon SAID so.")
    ['the', 'pentagon', 'said', 'so']
    """
    return _WORD.findall((text or "").lower())


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-token shingles of ``text``; a shorter text is one shorter shingle.

    >>> sorted(shingles("a b c d e"))
    [('a', 'b', 'c', 'd'), ('b', 'c', 'd', 'e')]
    >>> shingles("just two")
    Counter({('just', 'two'): 1})
    >>> shingles("")
    Counter()
    """
    tokens = case_kept_tokens(text)
    # range(max(1, ...)) gives a text shorter than ``size`` one (short) shingle, as evaluate.py does.
    found = (tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(shingle for shingle in found if shingle)


def shingle_counts(true: str | None, pred: str | None) -> ShingleCounts:
    """TP, FP and FN of the shingles of ``pred`` against ``true``, normalised to sum to 1.

    >>> shingle_counts("a b c d e", "a b c d")
    ShingleCounts(tp=0.5, fp=0.0, fn=0.5)
    >>> shingle_counts("", "")
    ShingleCounts(tp=0.0, fp=0.0, fn=0.0)
    """
    true_shingles = shingles(true)
    pred_shingles = shingles(pred)
    tp = sum((true_shingles & pred_shingles).values())
    fp = sum((pred_shingles - true_shingles).values())
    fn = sum((true_shingles - pred_shingles).values())
    total = tp + fp + fn
    if total == 0:
        return ShingleCounts(0.0, 0.0, 0.0)
    return ShingleCounts(tp / total, fp / total, fn / total)


def shingle_score(pages: Iterable[ShingleCounts]) -> BodyScore:
    """Scrapinghub's precision and recall averaged over the pages where each is defined, and their F1.

    Where no page defines an average (evaluate.py raises there) it is 0.0, and so is F1 when both
    averages are 0.

    >>> shingle_score([ShingleCounts(0.5, 0.0, 0.5), ShingleCounts(1.0, 0.0, 0.0)])
    BodyScore(precision=1.0, recall=0.75, f1=0.8571428571428571)
    >>> shingle_score([ShingleCounts(0.0, 0.0, 1.0)])
    BodyScore(precision=0.0, recall=0.0, f1=0.0)
    """
    counts = list(pages)
    precision = mean(p for c in counts if (p := c.precision) is not None)
    recall = mean(r for c in counts if (r := c.recall) is not None)
    return BodyScore(precision, recall, harmonic_mean(precision, recall))


def exact_token_match(true: str | None, pred: str | None) -> bool:
    """Scrapinghub's ``accuracy`` for one page: the case-kept token lists are equal.

    >>> exact_token_match("One, two.", "one two")
    False
    >>> exact_token_match("One, two.", "One -- two")
    True
    """
    return case_kept_tokens(true) == case_kept_tokens(pred)


def word_score(pred: str | None, reference: str | None) -> BodyScore:
    """WCXB's word-level precision, recall and F1 of one page (multiset overlap of lower-cased tokens).

    >>> word_score("the cat sat on the mat", "The cat sat")
    BodyScore(precision=0.5, recall=1.0, f1=0.6666666666666666)
    >>> word_score("", "")
    BodyScore(precision=1.0, recall=1.0, f1=1.0)
    """
    pred_tokens = lowercase_tokens(pred)
    ref_tokens = lowercase_tokens(reference)
    if not ref_tokens:
        return BodyScore(1.0, 1.0, 1.0) if not pred_tokens else BodyScore(0.0, 0.0, 0.0)
    if not pred_tokens:
        return BodyScore(0.0, 0.0, 0.0)
    overlap = sum((Counter(pred_tokens) & Counter(ref_tokens)).values())
    precision = overlap / len(pred_tokens)
    recall = overlap / len(ref_tokens)
    return BodyScore(precision, recall, harmonic_mean(precision, recall))


def average_word_score(pages: Iterable[BodyScore]) -> BodyScore:
    """WCXB's averages over all pages: mean P, mean R and mean per-page F1 (not the F1 of the means).

    >>> average_word_score([BodyScore(1.0, 0.5, 2 / 3), BodyScore(0.0, 0.0, 0.0)])
    BodyScore(precision=0.5, recall=0.25, f1=0.3333333333333333)
    """
    scores = list(pages)
    return BodyScore(mean(s.precision for s in scores), mean(s.recall for s in scores), mean(s.f1 for s in scores))


def snippet_rate(text: str | None, snippets: Sequence[str]) -> float:
    """WCXB's share of ``snippets`` found in ``text`` (case-folded substring); 1.0 for no snippets.

    >>> snippet_rate("The Pentagon announced it.", ["pentagon announced", "Subscribe now"])
    0.5
    """
    if not snippets:
        return 1.0
    haystack = (text or "").lower()
    return sum(1 for snippet in snippets if snippet.lower() in haystack) / len(snippets)


def fold_text(value: str | None) -> str:
    """``value`` with case folded and white space collapsed, for exact metadata comparison.

    >>> fold_text("  Coalition to scale\\n back  IRAQ mission ")
    'coalition to scale back iraq mission'
    """
    return " ".join((value or "").casefold().split())


def fold_authors(value: str | None) -> str:
    """A byline folded like ``fold_text``, with every list separator made ``", "``.

    >>> fold_authors("Danielle DeSiato, Donna Enzmann, and Natalie Nguyen")
    'danielle desiato, donna enzmann, natalie nguyen'
    >>> fold_authors("Maria & Katerina") == fold_authors("maria and  KATERINA")
    True
    """
    folded = fold_text(value)
    return ", ".join(part for part in _AUTHOR_SEPARATOR.split(folded) if part)


def join_authors(authors: Sequence[str]) -> str:
    """A list of author names as one byline, written the way most WCXB multi-author bylines are.

    >>> join_authors(["Manoj Jain", " Jagpreet Chhatwal "])
    'Manoj Jain, Jagpreet Chhatwal'
    """
    return ", ".join(name.strip() for name in authors if name.strip())


def date_part(value: str | None) -> str | None:
    """The leading ``YYYY-MM-DD`` (or ``YYYY-MM``) of an ISO date or date-time, else None.

    >>> date_part("2025-09-30T14:05:00+03:00")
    '2025-09-30'
    >>> date_part("September 30, 2025") is None
    True
    """
    found = _DATE_PART.match(value or "")
    return found.group(1) if found else None


def title_matches(pred: str | None, truth: str | None) -> bool:
    """Whether a predicted title equals the ground truth after folding case and white space.

    >>> title_matches("Top 10 Health  and Nutrition Trends", "top 10 health and nutrition trends")
    True
    >>> title_matches(None, "Building Department")
    False
    """
    return bool(fold_text(truth)) and fold_text(pred) == fold_text(truth)


def authors_match(pred: str | None, truth: str | None) -> bool:
    """Whether a predicted byline equals the ground truth after ``fold_authors``.

    >>> authors_match("Jared Newman, Sam Singleton", "Jared Newman and Sam Singleton")
    True
    >>> authors_match("Jared Newman", "Jared Newman and Sam Singleton")
    False
    """
    return bool(fold_authors(truth)) and fold_authors(pred) == fold_authors(truth)


def date_matches(pred: str | None, truth: str | None) -> bool:
    """Whether a predicted date has the ground truth's date, to the precision the ground truth gives.

    >>> date_matches("2025-09-04T08:00:00Z", "2025-09-04")
    True
    >>> date_matches("2015-11-20", "2015-11")
    True
    >>> date_matches("2025-09-05", "2025-09-04")
    False
    """
    true_part = date_part(truth)
    pred_part = date_part(pred)
    if true_part is None or pred_part is None:
        return False
    return pred_part[: len(true_part)] == true_part


def mean(values: Iterable[float]) -> float:
    """The arithmetic mean of ``values``, 0.0 for none.

    >>> mean([1.0, 0.5])
    0.75
    >>> mean([])
    0.0
    """
    total = 0.0
    count = 0
    for value in values:
        total += value
        count += 1
    return total / count if count else 0.0


def harmonic_mean(precision: float, recall: float) -> float:
    """F1 of a precision and a recall, 0.0 when both are 0.

    >>> harmonic_mean(1.0, 0.5)
    0.6666666666666666
    """
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)

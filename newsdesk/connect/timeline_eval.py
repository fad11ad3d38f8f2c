"""Scoring a timeline against a reference: Date-F1 and alignment ROUGE (AR1-F, AR2-F).

The definitions are tilse's (Martschat & Markert, "Improving ROUGE for Timeline Summarization", EACL 2017),
as used by Gholipour Ghalandari & Ifrim (ACL 2020) to report Timeline17 results:

* **Date-F1**: F1 of the predicted set of days against the reference days (exact days).
* **Alignment ROUGE-N**, ``align+ m:1`` (tilse's ``align_date_content_costs_many_to_one``): each predicted
  date is aligned to the reference date of least cost, cost = date cost ``1 - 1/(1 + days apart)`` plus
  content cost ``1 - cosine`` of the two dates' unigram counts; several predicted dates may share a
  reference date. The clipped n-gram matches of each aligned pair count ``1/(1 + days apart)``; precision
  divides their sum by the predicted n-grams, recall by the reference n-grams.

Over several timelines, precision and recall are averaged and F is computed from the means
(:func:`mean_scores`). Tokens are lower-cased ``\\w+`` words, without stemming or stop-word removal (tilse
runs ROUGE-1.5.5 with its own options; the figures are close but not identical to its).

Written here rather than installing tilse: tilse pulls in pyrouge and the Perl ROUGE-1.5.5 scripts.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

__all__ = ["alignment_rouge", "date_average_precision", "date_f1", "mean_scores"]

_TOKEN = re.compile(r"\w+", re.UNICODE)
Timeline = Mapping[str, Sequence[str]]


def _f(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def date_f1(predicted: Timeline, reference: Timeline) -> dict[str, float]:
    """Precision, recall and F1 of the predicted days.

    >>> date_f1({"2011-01-25": ["a"], "2011-01-26": ["b"]}, {"2011-01-25": ["c"]})
    {'precision': 0.5, 'recall': 1.0, 'f1': 0.6666666666666666}
    """
    hits = len(set(predicted) & set(reference))
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(reference) if reference else 0.0
    return {"precision": precision, "recall": recall, "f1": _f(precision, recall)}


def date_average_precision(ranked: Sequence[str], reference: Timeline) -> float:
    """Average precision of a ranking of days against the reference days: the mean, over the reference days, of
    the precision of the ranking cut at each one (0 for a day the ranking lacks).

    Date-F1 looks only at the first ``len(reference)`` days, so one day moving across that cut moves a timeline
    by 0.05-0.25; average precision looks at where every reference day is ranked, a steadier figure for choosing
    between two date rankers on a few timelines.

    >>> date_average_precision(["2011-01-25", "2011-01-26", "2011-02-11"], {"2011-01-25": [], "2011-02-11": []})
    0.8333333333333333
    """
    if not reference:
        return 0.0
    hits = 0
    total = 0.0
    for index, day in enumerate(ranked):
        if day in reference:
            hits += 1
            total += hits / (index + 1)
    return total / len(reference)


def _ngrams(sentences: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    out: Counter[tuple[str, ...]] = Counter()
    for sentence in sentences:
        tokens = _TOKEN.findall(sentence.lower())
        out.update(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return out


def _cosine(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> float:
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _days(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def alignment_rouge(predicted: Timeline, reference: Timeline, n: int = 1) -> dict[str, float]:
    """Alignment ROUGE-``n`` (align+ m:1) precision, recall and F1 of a timeline against a reference.

    >>> ref = {"2011-02-11": ["Mubarak resigns"]}
    >>> alignment_rouge({"2011-02-11": ["Mubarak resigns"]}, ref)["f1"]
    1.0
    >>> alignment_rouge({"2011-02-12": ["Mubarak resigns"]}, ref)["f1"]
    0.5
    """
    if not predicted or not reference:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    unigrams = {key: _ngrams(value, 1) for key, value in reference.items()}
    grams = {key: _ngrams(value, n) for key, value in reference.items()}
    matched = 0.0
    predicted_total = 0
    for day, sentences in sorted(predicted.items()):
        mine = _ngrams(sentences, 1)
        best = min(sorted(reference), key=lambda ref_day: (1 - 1 / (1 + _days(day, ref_day))) +
                   (1 - _cosine(mine, unigrams[ref_day])))
        ours = _ngrams(sentences, n)
        predicted_total += sum(ours.values())
        overlap = sum(min(count, grams[best].get(gram, 0)) for gram, count in ours.items())
        matched += overlap / (1 + _days(day, best))
    reference_total = sum(sum(g.values()) for g in grams.values())
    precision = matched / predicted_total if predicted_total else 0.0
    recall = matched / reference_total if reference_total else 0.0
    return {"precision": precision, "recall": recall, "f1": _f(precision, recall)}


def mean_scores(scores: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """Mean precision and recall over timelines, and F from those means.

    >>> mean_scores([{"precision": 1.0, "recall": 0.5}, {"precision": 0.5, "recall": 0.5}])
    {'precision': 0.75, 'recall': 0.5, 'f1': 0.6}
    """
    if not scores:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    precision = sum(s["precision"] for s in scores) / len(scores)
    recall = sum(s["recall"] for s in scores) / len(scores)
    return {"precision": precision, "recall": recall, "f1": round(_f(precision, recall), 10)}

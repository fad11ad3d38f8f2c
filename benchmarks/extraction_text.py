"""Text-mode benchmark: articles from text copied off a page, on the shared sets rendered to visible text.

The pages of fundus-news, readability-test-pages, wcxb-dev-articles (gold body, title and mostly
author and date) and scrapinghub-aeb (gold body only) are first rendered to the text a reader's
select-all and copy gives (``benchmarks/render_text.py``, cached under ``/tmp``); this script reads
those texts and runs, on each, in one process:

- ``newsdesk-text``: ``newsdesk.extract(text, kind="text")``, with no URL, as a pasted text comes;
- ``verbatim``: all of the text as the body and no metadata, the baseline any reader of the text has.

Metrics come from ``benchmarks/scoring.py`` (imported, not copied): the body's word-level F1 as
WCXB defines it, on every set (scrapinghub's own shingle metric is for HTML extractors), and exact
headline, author and date accuracy after the same folding as the HTML benchmark, over the pages
whose ground truth has that field.

Every set is split by ``benchmarks.extraction.is_held_out`` (a hash of the page id; about a quarter
held out). Rules are tuned on ``dev`` only; ``heldout`` is reported beside it.

Usage::

    python benchmarks/render_text.py                  # once: render the pages to /tmp
    python benchmarks/extraction_text.py              # every set, both splits
    python benchmarks/extraction_text.py --split dev --per-page /tmp/text-dev.jsonl
    OMP_NUM_THREADS=1 python benchmarks/extraction_text.py --fit-lines   # refit the line models on dev
                                                      # (--line-l2, --line-rounds, --line-trees, --tree-depth)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import scoring
from benchmarks.extraction import DEFAULT_DATA, PROJECT_ROOT, is_held_out
from benchmarks.machine import cpu_model
from benchmarks.render_text import DEFAULT_CACHE, TEXT_DATASETS, cache_path, load_pages

if TYPE_CHECKING:
    from newsdesk.extract.text_lines import Line

SPLITS = ("dev", "heldout")
FIELDS = ("title", "author", "date")


@dataclass(frozen=True, slots=True)
class TextPage:
    """One rendered page and its ground truth.

    >>> TextPage("fundus", "a", "Body text", "Body", "Headline", None, None).split
    'dev'
    """

    dataset: str
    id: str
    text: str
    body: str
    title: str | None
    author: str | None
    published: str | None

    @property
    def split(self) -> str:
        """``heldout`` or ``dev``, by ``is_held_out`` of the page id."""
        return "heldout" if is_held_out(self.id) else "dev"


@dataclass(frozen=True, slots=True)
class Answer:
    """What one tool said about one page."""

    body: str = ""
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None


@dataclass(slots=True)
class Tally:
    """Sums over a group of pages: body P/R/F1 and right answers per metadata field.

    >>> tally = Tally()
    >>> tally.add(scoring.BodyScore(1.0, 0.5, 0.6), {"title": True, "author": None, "date": False})
    >>> tally.row()["f1"], tally.row()["title"], tally.row()["author"]
    (0.6, 1.0, None)
    """

    pages: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    labelled: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def add(self, body: scoring.BodyScore, fields: dict[str, bool | None]) -> None:
        """Count one page; a field that is None had no ground truth there."""
        self.pages += 1
        self.precision += body.precision
        self.recall += body.recall
        self.f1 += body.f1
        for name, ok in fields.items():
            if ok is not None:
                self.labelled[name] += 1
                self.right[name] += ok

    def row(self) -> dict[str, Any]:
        """Means over the pages: P, R, F1 and each field's accuracy (None where nothing was labelled)."""
        n = self.pages or 1
        out: dict[str, Any] = {"pages": self.pages, "precision": self.precision / n, "recall": self.recall / n,
                               "f1": self.f1 / n}
        for name in FIELDS:
            out[name] = self.right[name] / self.labelled[name] if self.labelled[name] else None
            out[f"{name}_labelled"] = self.labelled[name]
        return out


def load_text_pages(data: Path, cache: Path, datasets: Sequence[str], limit: int | None = None
                    ) -> tuple[list[TextPage], list[str]]:
    """The rendered pages of ``datasets`` with their ground truth, and the ids left out: not rendered
    yet, or rendered blank (a page that shows nothing without its scripts gives no text to copy)."""
    pages: list[TextPage] = []
    missing: list[str] = []
    for dataset in datasets:
        for page in load_pages(data, dataset, limit):
            path = cache_path(cache, dataset, page.id)
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            if not text.strip():
                missing.append(f"{dataset}/{page.id}")
                continue
            truth = page.truth
            pages.append(TextPage(dataset, page.id, text, truth.body, truth.title, truth.author, truth.published))
    return pages, missing


def newsdesk_text(text: str) -> Answer:
    """newsdesk's text mode on one pasted text.

    >>> answer = newsdesk_text("Storm hits coast\\nBy Ann Lee\\n12 March 2024\\n\\n"
    ...                        + "Heavy rain battered the coast on Monday, officials said. " * 8)
    >>> answer.title, answer.authors, answer.published
    ('Storm hits coast', ('Ann Lee',), '2024-03-12')
    """
    from newsdesk import extract

    article = extract(text, kind="text")
    return Answer(article.text or "", article.headline, tuple(article.authors or ()), article.published)


def verbatim(text: str) -> Answer:
    """The baseline: all of the text is the body, and there is no metadata.

    >>> verbatim("Menu\\nStorm hits coast").body
    'Menu\\nStorm hits coast'
    """
    return Answer(body=text)


TOOLS: dict[str, Callable[[str], Answer]] = {"newsdesk-text": newsdesk_text, "verbatim": verbatim}


def judge(page: TextPage, answer: Answer) -> tuple[scoring.BodyScore, dict[str, bool | None]]:
    """The body score and per-field verdicts (None where the ground truth has no value) of one answer.

    >>> page = TextPage("wcxb", "1", "", "Rain fell.", "Storm", "Ann Lee", "2024-03-12")
    >>> judge(page, Answer("Rain fell.", "storm", ("Ann Lee",), "2024-03-12T08:00:00Z"))[1]
    {'title': True, 'author': True, 'date': True}
    """
    body = scoring.word_score(answer.body, page.body)
    fields: dict[str, bool | None] = {
        "title": scoring.title_matches(answer.title, page.title) if scoring.fold_text(page.title) else None,
        "author": (scoring.authors_match(scoring.join_authors(answer.authors), page.author)
                   if scoring.fold_authors(page.author) else None),
        "date": (scoring.date_matches(answer.published, page.published)
                 if scoring.date_part(page.published) else None),
    }
    return body, fields


def run(pages: Sequence[TextPage], tools: Sequence[str], per_page: Path | None = None
        ) -> tuple[dict[tuple[str, str, str], Tally], dict[str, float], dict[str, int]]:
    """Every tool on every page: tallies by (tool, dataset, split), also over ``all`` sets, CPU seconds
    and error counts per tool. A tool that raises on a page gives an empty answer there.
    """
    tallies: dict[tuple[str, str, str], Tally] = {}
    cpu = dict.fromkeys(tools, 0.0)
    errors: dict[str, int] = {}
    out = per_page.open("w", encoding="utf-8") if per_page else None
    try:
        for page in pages:
            for name in tools:
                started = time.process_time()
                try:
                    answer = TOOLS[name](page.text)
                except Exception as exc:
                    # A failure scores as an empty answer, and is counted.
                    answer = Answer()
                    errors[name] = errors.get(name, 0) + 1
                    print(f"{name} failed on {page.dataset}/{page.id}: {exc!r}"[:300], file=sys.stderr)
                cpu[name] += time.process_time() - started
                body, fields = judge(page, answer)
                for group in ((name, page.dataset, page.split), (name, "all", page.split)):
                    tallies.setdefault(group, Tally()).add(body, fields)
                if out is not None and name == "newsdesk-text":
                    out.write(json.dumps({
                        "dataset": page.dataset, "id": page.id, "split": page.split,
                        "f1": round(body.f1, 4), "precision": round(body.precision, 4),
                        "recall": round(body.recall, 4), **fields,
                        "title_pred": answer.title, "title_true": page.title,
                        "author_pred": scoring.join_authors(answer.authors), "author_true": page.author,
                        "date_pred": answer.published, "date_true": page.published,
                    }, ensure_ascii=False) + "\n")
    finally:
        if out is not None:
            out.close()
    return tallies, cpu, errors


def headline_samples(pages: Sequence[TextPage]) -> list[tuple[list[dict[str, float]], int]]:
    """Per page whose gold headline is one of its candidate lines: the candidates' features and which is right.

    The header zone (with the body's opening lines, ``headline_zone``), repeat counts, lead words and
    name lines are those ``extract_text`` computes first, so the ranker is fitted on what it sees at run time.
    """
    from newsdesk.extract.text_classify import read_lines
    from newsdesk.extract.text_header import name_lines
    from newsdesk.extract.text_headline import candidates, lead_words, repeat_counts
    from newsdesk.extract.text_segment import body_span, headline_zone

    samples = []
    for page in pages:
        if not scoring.fold_text(page.title):
            continue
        lines = read_lines(page.text)
        span = body_span(lines, None)
        if span is None:
            continue
        zone = headline_zone(lines, *span)
        header = lines[:zone]
        found = candidates(header, repeat_counts(lines, zone), lead_words(lines[zone : span[1]]), name_lines(header))
        right = [i for i, (position, _) in enumerate(found) if scoring.title_matches(header[position].text, page.title)]
        if right:
            samples.append(([values for _, values in found], right[0]))
    return samples


def fit_headline(samples: Sequence[tuple[list[dict[str, float]], int]], rounds: int = 3000, l2: float = 0.01
                 ) -> dict[str, float]:
    """Conditional-logit weights (softmax over each page's candidates), by full-batch gradient descent.

    >>> fit_headline([([{"a": 1.0, "b": 0.0}, {"a": 0.0, "b": 1.0}], 0)] * 4, rounds=200)["a"] > 0
    True
    """
    import numpy as np

    names = sorted({name for values, _ in samples for first in values[:1] for name in first})
    # All pages' candidates in one matrix, each page a run of rows: one pass of numpy per round.
    matrix = np.array([[v[n] for n in names] for values, _ in samples for v in values])
    sizes = np.array([len(values) for values, _ in samples])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    right = starts + np.array([r for _, r in samples])
    page_of = np.repeat(np.arange(len(samples)), sizes)
    weights = np.zeros(len(names))
    step = 0.5
    for _ in range(rounds):
        logits = matrix @ weights
        chances = np.exp(logits - np.maximum.reduceat(logits, starts)[page_of])
        chances /= np.add.reduceat(chances, starts)[page_of]
        gradient = l2 * weights + (chances @ matrix - matrix[right].sum(axis=0)) / len(samples)
        weights -= step * gradient
    return {name: round(float(w), 2) for name, w in zip(names, weights, strict=True)}


def line_labels(texts: Sequence[str], gold: str) -> list[bool]:
    """Which lines of a rendered page are gold body: most of a line's word trigrams occur in the gold
    body; a line of one or two words counts when it occurs there and a neighbour counts.

    >>> line_labels(["Menu", "Rain fell all night on the town", "Floods", "Roads closed by noon today"],
    ...             "Rain fell all night on the town. Floods. Roads closed by noon today.")
    [False, True, True, True]
    """
    gold_tokens = scoring.lowercase_tokens(gold)
    trigrams = {tuple(gold_tokens[i : i + 3]) for i in range(len(gold_tokens) - 2)}
    bigrams = {tuple(gold_tokens[i : i + 2]) for i in range(len(gold_tokens) - 1)}
    unigrams = set(gold_tokens)
    shares: list[float | None] = []
    for text in texts:
        tokens = scoring.lowercase_tokens(text)
        if len(tokens) >= 3:
            grams = [tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)]
            shares.append(sum(gram in trigrams for gram in grams) / len(grams))
        elif len(tokens) == 2:
            shares.append(None if tuple(tokens) in bigrams else 0.0)
        elif len(tokens) == 1:
            shares.append(None if tokens[0] in unigrams else 0.0)
        else:
            shares.append(0.0)
    labels = []
    for at, share in enumerate(shares):
        if share is None:
            # Too short to place by itself: it is body when it occurs there and a neighbour is.
            near = [shares[j] for j in (at - 1, at + 1) if 0 <= j < len(shares) and shares[j] is not None]
            labels.append(bool(near) and max(s for s in near if s is not None) >= 0.5)
        else:
            labels.append(share >= 0.5)
    return labels


def _judged_samples(texts: Iterable[tuple[str, str]],
                    judged: Callable[[Sequence[Line], Sequence[bool]], list[bool]]) -> list[tuple[Any, Any, Any]]:
    """Per text whose rules' body is an article: the features, gold labels and words of the lines that
    ``judged`` picks given what the rules kept (``addable``: text they left out, ``droppable``: text they kept),
    as ``extract_text`` computes them; ``texts`` are (text, gold body) pairs.

    >>> from newsdesk.extract.text_line_model import droppable
    >>> gold = ("Rain fell all night across the county, and the rivers rose fast by morning.\\n"
    ...         "Roads near the river were closed before noon, the county said in a statement.")
    >>> text = gold + "\\nSign up for our newsletter to get the latest stories from the county every day."
    >>> [(len(features), labels.tolist(), words.tolist())
    ...  for features, labels, words in _judged_samples([(text, gold)], droppable)]
    [(2, [1.0, 1.0], [14.0, 14.0])]
    """
    import numpy as np

    from newsdesk.extract.text import extract_text
    from newsdesk.extract.text_classify import read_lines
    from newsdesk.extract.text_line_model import line_features, rules_kept

    samples = []
    for text, gold in texts:
        article = extract_text(text, learned=False)
        if not article.body:
            continue
        lines = read_lines(text)
        kept = rules_kept(lines, article.body)
        rows = [at for at, picked in enumerate(judged(lines, kept)) if picked]
        if not rows:
            continue
        labels = np.array(line_labels([line.text for line in lines], gold), float)
        words = np.array([line.words for line in lines], float)
        samples.append((line_features(lines, kept, rows), labels[rows], words[rows]))
    return samples


def line_samples(pages: Sequence[TextPage]) -> list[tuple[Any, Any, Any]]:
    """Per page whose rules' body is an article: the features, gold labels and words of the lines the
    model judges (``addable``: text the rules left out), as ``extract_text`` computes them."""
    from newsdesk.extract.text_line_model import addable

    return _judged_samples(((page.text, page.body) for page in pages), addable)


_MENU = ("Home", "World", "Business", "Politics", "Sport", "Culture", "Opinion", "Science", "Podcasts", "Video")
_MARKERS = ("Advertisement", "RECOMMENDED", "Read more", "Share", "Subscribe to our newsletter", "Skip Ad",
            "Listen to this article", "Story continues below advertisement")
_CREDITS = ("Source: AFP", "dpa/lni", "(Reuters)", "AP")
_WIDGETS = ("Most read", "Related", "Mehr zum Thema", "More stories", "Lire aussi", "Read next")


def synthetic_text(page: TextPage, others: Sequence[TextPage], seed: int, teasers: bool = False
                   ) -> tuple[str, str] | None:
    """A short article built from a dev page's gold paragraphs, as the tests and pasted snippets come:
    a few paragraphs under an optional menu, section, headline, byline and date, with interface lines
    between them and other stories after them; and its gold body. None when the gold has too little prose.

    The shared pages are long and mostly end in promotions, so a model fitted on them alone learns that
    the last lines of a short body are not body; these texts, in the fitting set, say otherwise. With
    ``teasers``, a text whose other stories have no label over them ends in their headlines and first
    sentences instead (the same text up to there: the draws for them come last).

    >>> page = TextPage("fundus", "a", "", "Rain fell all night across the county, and rivers rose fast.", "Rain", None,
    ...                 None)
    >>> text, gold = synthetic_text(page, [page], 1)
    >>> gold
    'Rain fell all night across the county, and rivers rose fast.'
    """
    import random

    paragraphs = [" ".join(line.split()) for line in page.body.split("\n") if len(line.split()) >= 5]
    if not paragraphs:
        return None
    rng = random.Random(seed)
    count = rng.randint(1, 6)
    first = rng.randrange(max(1, len(paragraphs) - count + 1))
    chosen = paragraphs[first : first + count]
    lines: list[str] = []
    if rng.random() < 0.5:
        lines += rng.sample(_MENU, rng.randint(2, len(_MENU)))
    if rng.random() < 0.4:
        lines.append(rng.choice(_MENU).upper())
    if rng.random() < 0.8:
        lines.append(page.title or " ".join(chosen[0].split()[:8]))
    if rng.random() < 0.5:
        lines.append("By Jane Doe")
    if rng.random() < 0.5:
        lines.append("October 1, 2025")
    # A copied text keeps blank lines between paragraphs or none, as the page's markup had them.
    blank = [""] if rng.random() < 0.9 else []
    lines += blank
    for at, paragraph in enumerate(chosen):
        lines.append(paragraph)
        if at + 1 < len(chosen) and rng.random() < 0.2:
            lines += [*blank, rng.choice(_MARKERS)]
        lines += blank
    if rng.random() < 0.3:
        lines.append(rng.choice(_CREDITS))
    if rng.random() < 0.4:
        lines.append(rng.choice(_WIDGETS))
        for other in rng.sample(list(others), min(3, len(others))):
            lines += [other.title or "Another story", "By John Roe"]
    elif teasers and rng.random() < 0.5:
        # A list of other stories with no label over it, as many pages end: headline, then a summary line.
        for other in rng.sample(list(others), min(rng.randint(2, 4), len(others))):
            lead = next((line for line in other.body.split("\n") if len(line.split()) >= 5), "")
            lines += [other.title or "Another story", lead.split(". ")[0].rstrip(".") + "."]
    return "\n".join(lines), "\n".join(chosen)


def _synthetic_texts(pages: Sequence[TextPage], synthetic: int, teasers: bool = False, titled_only: bool = False
                     ) -> Iterator[tuple[str, str]]:
    """``synthetic`` short texts per page and their gold bodies (``synthetic_text``, its other stories drawn from
    the titled pages), seeded by the page's place and the copy's, so that a fit sees the same texts each time;
    with ``titled_only``, none for a page with no title.

    >>> page = TextPage("fundus", "a", "", "Rain fell all night across the county, and rivers rose fast.", "", None,
    ...                 None)
    >>> len(list(_synthetic_texts([page], 3))), len(list(_synthetic_texts([page], 3, titled_only=True)))
    (3, 0)
    """
    titled = [page for page in pages if page.title]
    for index, page in enumerate(pages):
        if titled_only and not page.title:
            continue
        for copy in range(synthetic):
            made = synthetic_text(page, titled, index * synthetic + copy, teasers=teasers)
            if made is not None:
                yield made


def synthetic_line_samples(pages: Sequence[TextPage], synthetic: int = 4) -> list[tuple[Any, Any, Any]]:
    """The add model's samples (``line_samples``) from ``synthetic`` short texts per page (``synthetic_text``, with
    unlabelled teasers), the drop model's texts' seeds: what the trees over the add model learn from beside the
    pages, since the pages alone teach them that lines after a short body are the body the rules missed."""
    from newsdesk.extract.text_line_model import addable

    # A page with no title is left out: its text's headline would be its first paragraph's first words, which
    # the gold calls body.
    return _judged_samples(_synthetic_texts(pages, synthetic, teasers=True, titled_only=True), addable)


def drop_samples(pages: Sequence[TextPage], synthetic: int = 4) -> list[tuple[Any, Any, Any]]:
    """Per page whose rules' body is an article: the features, gold labels and words of the lines the
    drop model judges (``droppable``: text the rules kept), with ``synthetic`` short texts per page
    (``synthetic_text``) beside the page itself."""
    from newsdesk.extract.text_line_model import droppable

    texts = [(page.text, page.body) for page in pages]
    return _judged_samples([*texts, *_synthetic_texts(pages, synthetic)], droppable)


#: The line models' fit (``--fit-lines --line-rounds/--line-l2``): Adam's full-batch steps and the L2 penalty
#: on the standardised weights. Out of fold on dev (4 folds by md5 of dataset/id: fit on three, score the fourth),
#: body F1 for l2 1e-3 at 100 / 300 / 1000 rounds 0.9220 / 0.9216 / 0.9213, l2 3e-3 0.9221 / 0.9220 / 0.9221,
#: l2 1e-2 at 100 / 300 0.9215 / 0.9216, l2 3e-2 at 100 0.9200. The best is +0.0005 with a paired standard error
#: of 0.0005 and two of the four folds lower, and l2 3e-3 does not repeat it on 5 folds (+0.0002, three of five
#: lower) or 2 (+0.0000): noise, so the fit stays as it was. text_line_model's thresholds, the
#: same way at l2 3e-3: ADD_AT 0.45 / 0.5 / 0.55 0.9221 / 0.9220 / 0.9220, DROP_AT 0.9215 / 0.9220 / 0.9216.
LINE_ROUNDS = 300
LINE_L2 = 1e-3


def fit_lines(samples: Sequence[tuple[Any, Any, Any]], rounds: int = LINE_ROUNDS, l2: float = LINE_L2
              ) -> tuple[list[float], float]:
    """Logistic-regression weights for the line classifier, with the standardisation folded in.

    Each line weighs the square root of its words plus one (the body score counts words, but a long
    paragraph is no surer than a short one); Adam, full batch.

    >>> import numpy as np
    >>> x = np.array([[0.0], [1.0], [0.0], [1.0]]); y = np.array([0.0, 1.0, 0.0, 1.0])
    >>> weights, bias = fit_lines([(x, y, np.ones(4))], rounds=100)
    >>> weights[0] > 0 > bias
    True
    """
    import numpy as np

    values = np.vstack([x for x, _, _ in samples])
    labels = np.concatenate([y for _, y, _ in samples])
    weight = np.sqrt(np.concatenate([w for _, _, w in samples]) + 1.0)
    mean, spread = values.mean(0), values.std(0) + 1e-6
    scaled = np.hstack([(values - mean) / spread, np.ones((len(values), 1))])
    theta = np.zeros(scaled.shape[1])
    first, second = np.zeros_like(theta), np.zeros_like(theta)
    for step in range(1, rounds + 1):
        chances = 1.0 / (1.0 + np.exp(-(scaled @ theta)))
        gradient = scaled.T @ ((chances - labels) * weight) / weight.sum() + l2 * theta
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient * gradient
        theta -= 0.05 * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    weights = theta[:-1] / spread
    bias = float(theta[-1] - (theta[:-1] * mean / spread).sum())
    return [float(w) for w in weights], bias


#: Boosted trees over the logistic model (``fit_trees``): how many, how deep, the step each tree takes, the
#: L2 penalty on a leaf's value and the least Hessian weight a leaf may hold. Out of fold on dev (folds by md5 of
#: dataset/id; the logistic models refitted on each fold's other pages, body F1 of the fold's pages), against the
#: logistic models alone: 3 / 4 / 5 folds 0.9183 / 0.9216 / 0.9198 -> 0.9205 / 0.9231 / 0.9239 with these trees
#: (the add model's also on ``synthetic_line_samples``), per fold -0.0007 +0.0017 +0.0058 / -0.0002 -0.0001
#: +0.0051 +0.0018 / +0.0041 +0.0066 +0.0019 +0.0036 +0.0044. Without the synthetic texts 4 folds read 0.9237
#: (+0.0016 -0.0022 +0.0051 +0.0041), but the add trees then take a short text's trailing teasers for body.
#: At 4 folds, 20 trees 0.9230, 80 0.9239, depth 2 0.9234, depth 4 0.9239 (without synthetic texts); with
#: them 80 trees 0.9231, depth 4 0.9238; L2 10 with a least weight of 20 0.9238.
LINE_TREES = 40
TREE_DEPTH = 3
TREE_RATE = 0.1
TREE_L2 = 1.0
TREE_MIN_WEIGHT = 5.0
#: Candidate thresholds per feature: its quantiles (every distinct value of a feature with fewer).
TREE_BINS = 32

Trees = tuple[list[int], list[float], list[float]]


def fit_trees(samples: Sequence[tuple[Any, Any, Any]], logistic: tuple[Sequence[float], float],
              trees: int = LINE_TREES, depth: int = TREE_DEPTH) -> Trees:
    """Gradient-boosted trees that correct the ``logistic`` model's log-odds, over the line's base features
    (``BASE_FEATURES``: the crossed copies are what trees learn by themselves), for
    ``text_line_model.tree_logits``: (features, thresholds, leaves), flattened tree after tree.

    Newton steps on the log loss, each line weighed as in ``fit_lines``; a node splits where the gain is largest
    among each feature's quantiles, a leaf needs ``TREE_MIN_WEIGHT`` of Hessian weight on each side, and its value
    is shrunk by ``TREE_L2`` and ``TREE_RATE``.

    >>> import numpy as np
    >>> x = np.array([[0.0, 0.0]] * 80 + [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]] * 40)
    >>> y = (x[:, 0] != x[:, 1]) * 1.0  # XOR, which no logistic regression over x fits
    >>> features, thresholds, leaves = fit_trees([(x, y, np.full(200, 99.0))], ([0.0, 0.0], 0.0), 20, 2)
    >>> from newsdesk.extract.text_line_model import tree_logits
    >>> [round(float(v), 1) for v in tree_logits(x[[0, 80, 81, 82]], features, thresholds, leaves)]
    [-2.6, 2.6, 2.6, -2.6]
    """
    import numpy as np

    from newsdesk.extract.text_line_model import BASE_FEATURES

    full = np.vstack([x for x, _, _ in samples])
    values = full[:, :BASE_FEATURES]
    labels = np.concatenate([y for _, y, _ in samples])
    weight = np.sqrt(np.concatenate([w for _, _, w in samples]) + 1.0)
    score = full @ np.asarray(logistic[0], dtype=float) + logistic[1]
    count, width = values.shape
    edges = []
    for column in values.T:
        distinct = np.unique(column)
        cut = np.quantile(column, np.linspace(0, 1, TREE_BINS + 1)[1:-1], method="lower")
        edges.append(distinct[:-1] if len(distinct) <= TREE_BINS else np.unique(cut))
    size = max(len(edge) for edge in edges) + 1
    # Bin b of a feature holds the values above its edge b - 1 and up to its edge b.
    flat = np.column_stack([np.searchsorted(edge, column, side="left") for edge, column in zip(edges, values.T,
                                                                                                strict=True)])
    flat = flat.astype(np.int64) + np.arange(width)[None, :] * size
    inner, rows = 2**depth - 1, np.arange(count)
    features, thresholds, leaves = [], [], []
    for _ in range(trees):
        chance = 1.0 / (1.0 + np.exp(-score))
        gradient, hessian = (chance - labels) * weight, np.maximum(chance * (1.0 - chance), 1e-6) * weight
        feature, threshold = np.zeros(inner, dtype=np.int64), np.full(inner, np.inf)
        node = np.zeros(count, dtype=np.int64)
        for level in range(depth):
            nodes = 2**level
            keys = (node[:, None] * (width * size) + flat).ravel()
            sums = [np.bincount(keys, np.repeat(v, width), minlength=nodes * width * size).reshape(nodes, width, size)
                    for v in (gradient, hessian)]
            left_g, left_h = np.cumsum(sums[0], 2), np.cumsum(sums[1], 2)
            total_g, total_h = left_g[:, :, -1:], left_h[:, :, -1:]
            right_g, right_h = total_g - left_g, total_h - left_h
            gain = (left_g**2 / (left_h + TREE_L2) + right_g**2 / (right_h + TREE_L2)
                    - total_g**2 / (total_h + TREE_L2))
            gain[(left_h < TREE_MIN_WEIGHT) | (right_h < TREE_MIN_WEIGHT)] = -1.0
            for at in range(nodes):
                column, cut = divmod(int(np.argmax(gain[at])), size)
                if gain[at, column, cut] > 1e-9 and cut < len(edges[column]):
                    feature[nodes - 1 + at], threshold[nodes - 1 + at] = column, edges[column][cut]
            heap = nodes - 1 + node
            node = 2 * node + (values[rows, feature[heap]] > threshold[heap])
        leaf = -TREE_RATE * np.bincount(node, gradient, minlength=inner + 1) / (
            np.bincount(node, hessian, minlength=inner + 1) + TREE_L2)
        score = score + leaf[node]
        features += [int(f) for f in feature]
        thresholds += [float(t) for t in threshold]
        # + 0.0: an empty leaf's -0.0 would be written "-0" and read back as the integer 0.
        leaves += [float(v) + 0.0 for v in leaf]
    return features, thresholds, leaves


def write_line_weights(weights: Sequence[float], bias: float, drop: tuple[Sequence[float], float], path: Path,
                       pages: int, trees: Trees = ([], [], []), drop_trees: Trees = ([], [], [])) -> None:
    """The fitted weights of both line models, and their boosted trees, as a Python module (plain numbers: no
    file to find at run time)."""

    def rows(values: Sequence[float]) -> str:
        return ",\n".join("    " + ", ".join(f"{w:.6g}" for w in values[i : i + 8]) for i in range(0, len(values), 8))

    def tree_rows(prefix: str, fitted: Trees) -> str:
        # Lists, unannotated: mypy infers list[int] and list[float], whose length no type carries (a tuple left to
        # inference would be a fixed-length type, the trouble the weights' annotation avoids), and the module's
        # annotations stay the weights' two. A threshold is written exactly (it is one of the feature's values);
        # a node that does not split has an infinite one.
        thresholds = [repr(t) if math.isfinite(t) else 'float("inf")' for t in fitted[1]]
        cut = ",\n".join("    " + ", ".join(thresholds[i : i + 4]) for i in range(0, len(thresholds), 4))
        features = ",\n".join("    " + ", ".join(str(f) for f in fitted[0][i : i + 16])
                               for i in range(0, len(fitted[0]), 16))
        listed = [("FEATURES", "int", features), ("THRESHOLDS", "float", cut), ("LEAVES", "float", rows(fitted[2]))]
        return "".join(f"{prefix}{name} = [\n{body},\n]\n" if body else f"{prefix}{name} = list[{kind}]()\n"
                       for name, kind, body in listed)

    path.write_text(
        '"""Weights of the line classifier (``text_line_model``): logistic regression, standardisation folded in,\n'
        "and the boosted trees that correct its log-odds (``tree_logits``).\n\n"
        f"Fitted by ``benchmarks/extraction_text.py --fit-lines`` on the dev split only ({pages} pages; the drop\n"
        "model and the add model's trees also on short texts made from their gold paragraphs), with one BLAS thread\n"
        "(``OMP_NUM_THREADS=1``: near-equal tree splits fall otherwise with more); do not edit by hand.\n\"\"\"\n\n"
        # "tuple[float, ...]": inferred, each is a fixed-length tuple type of ~300 items, which mypyc checks item by
        # item (a 3 MB C file for text_line_model and a 9-minute `make native`).
        f"BIAS = {bias:.6g}\nWEIGHTS: tuple[float, ...] = (\n{rows(weights)},\n)\n"
        + tree_rows("TREE_", trees)
        + f"\nDROP_BIAS = {drop[1]:.6g}\nDROP_WEIGHTS: tuple[float, ...] = (\n{rows(drop[0])},\n)\n"
        + tree_rows("DROP_TREE_", drop_trees),
        encoding="utf-8")


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def markdown_table(tallies: dict[tuple[str, str, str], Tally], splits: Sequence[str]) -> str:
    """The results, one row per set, split and tool.

    >>> tally = Tally()
    >>> tally.add(scoring.BodyScore(1.0, 0.5, 0.6), {"title": True, "author": None, "date": None})
    >>> print(markdown_table({("verbatim", "fundus", "dev"): tally}, ["dev"]))
    | set | split | tool | pages | P | R | body F1 | headline | author | date |
    |---|---|---|---:|---:|---:|---:|---:|---:|---:|
    | fundus | dev | verbatim | 1 | 1.000 | 0.500 | 0.600 | 1.000 (1) | — | — |
    """
    lines = ["| set | split | tool | pages | P | R | body F1 | headline | author | date |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    datasets = [d for d in (*TEXT_DATASETS, "all") if any(key[1] == d for key in tallies)]
    tools = list(dict.fromkeys(key[0] for key in tallies))
    for dataset in datasets:
        for split in splits:
            for tool in tools:
                tally = tallies.get((tool, dataset, split))
                if tally is None:
                    continue
                row = tally.row()
                fields = [f"{_cell(row[name])} ({row[name + '_labelled']})" if row[name] is not None else "—"
                          for name in FIELDS]
                lines.append(f"| {dataset} | {split} | {tool} | {row['pages']} | {row['precision']:.3f} | "
                             f"{row['recall']:.3f} | {row['f1']:.3f} | " + " | ".join(fields) + " |")
    return "\n".join(lines)


def environment(argv: Sequence[str]) -> str:
    """One line naming the command, machine, load, date and commit of a run."""
    try:
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=PROJECT_ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    load = "/".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"`python benchmarks/extraction_text.py {' '.join(argv)}`; {cpu_model()} ({os.cpu_count()} logical), "
            f"load average {load}; {datetime.now().astimezone().isoformat(timespec='minutes')}; commit {commit}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--dataset", choices=TEXT_DATASETS, action="append", help="repeatable; all by default")
    parser.add_argument("--split", choices=(*SPLITS, "both"), default="both")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated, from: " + ", ".join(TOOLS))
    parser.add_argument("--limit", type=int, default=None, help="at most this many pages of each set")
    parser.add_argument("--per-page", type=Path, default=None, help="write newsdesk-text's per-page rows (JSONL)")
    parser.add_argument("--fit-headline", action="store_true",
                        help="fit the headline ranker's weights on the dev split and print them")
    parser.add_argument("--fit-lines", action="store_true",
                        help="fit the line classifiers (add, drop) on the dev split and write "
                        "newsdesk/extract/text_line_weights.py")
    parser.add_argument("--line-rounds", type=int, default=LINE_ROUNDS,
                        help=f"with --fit-lines: Adam's full-batch steps for each line model (default {LINE_ROUNDS})")
    parser.add_argument("--line-l2", type=float, default=LINE_L2,
                        help=f"with --fit-lines: L2 penalty on the standardised weights (default {LINE_L2:g})")
    parser.add_argument("--line-trees", type=int, default=LINE_TREES,
                        help=f"with --fit-lines: boosted trees over each logistic model, 0 for none "
                        f"(default {LINE_TREES})")
    parser.add_argument("--tree-depth", type=int, default=TREE_DEPTH,
                        help=f"with --fit-lines: the depth of each tree (default {TREE_DEPTH})")
    args = parser.parse_args(argv)
    tools = [t for t in args.tools.split(",") if t]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        parser.error(f"unknown tools: {', '.join(unknown)}")
    pages, missing = load_text_pages(args.data, args.cache, args.dataset or TEXT_DATASETS, args.limit)
    if args.fit_headline:
        samples = headline_samples([page for page in pages if page.split == "dev"])
        print(f"{len(samples)} dev pages whose headline is a candidate line")
        print(json.dumps(fit_headline(samples)))
        return 0
    if args.fit_lines:
        dev = [page for page in pages if page.split == "dev"]
        line_data = line_samples(dev)
        line_weights, line_bias = fit_lines(line_data, args.line_rounds, args.line_l2)
        trees = fit_trees([*line_data, *synthetic_line_samples(dev)], (line_weights, line_bias), args.line_trees,
                          args.tree_depth)
        drop_data = drop_samples(dev)
        drop_weights = fit_lines(drop_data, args.line_rounds, args.line_l2)
        drop_trees = fit_trees(drop_data, drop_weights, args.line_trees, args.tree_depth)
        target = PROJECT_ROOT / "newsdesk" / "extract" / "text_line_weights.py"
        write_line_weights(line_weights, line_bias, drop_weights, target, len(line_data), trees, drop_trees)
        print(f"{len(line_data)} dev pages, {sum(len(y) for _, y, _ in line_data)} lines: wrote {target}")
        return 0
    splits = SPLITS if args.split == "both" else (args.split,)
    pages = [page for page in pages if page.split in splits]
    if not pages:
        print(f"no rendered pages under {args.cache}: run benchmarks/render_text.py first", file=sys.stderr)
        return 2
    tallies, cpu, errors = run(pages, tools, args.per_page)
    print(f"# Text-mode extraction\n\n- {environment(argv)}")
    print(f"- {len(pages)} rendered pages ({len(missing)} left out: not rendered, or blank); CPU per page: "
          + ", ".join(f"{name} {1000 * seconds / len(pages):.1f} ms" for name, seconds in cpu.items())
          + f"; errors: {errors or 'none'}\n")
    print(markdown_table(tallies, splits))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Which header line of copied text is the headline: a small learned ranker over how headlines sit.

Every header line that could be a headline (two to thirty words, not furniture, not in a list of
other stories) gets a few features that say how headlines sit on a page: how near the body it is
(counting only lines that are not dates, bylines and other furniture), whether a byline, date or
reading time follows it, whether the page repeats it (image alt text, breadcrumb), whether a longer
standfirst follows it, whether it shares words with the body's opening (a headline summarises its
lead; a menu item does not), whether it sits in a run of short menu lines, and what tells a headline
from the lines that echo it (a breadcrumb or a "Video: ..." line that holds it, a photo credit, share
buttons, a subheading below that takes up an earlier line's words). The line with the
highest weighted sum wins: a conditional-logit ranker, its weights fitted on the development split
of the shared article pages rendered as text (``benchmarks/extraction_text.py --fit-headline``) and
written below, so that nothing is loaded at run time.

A URL's slug, where one is given, adds a fixed bonus: no page of the fitting set came with a URL, so
that weight is set by hand.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Final

from newsdesk.extract.text_lines import (
    BREADCRUMB_SPLIT,
    BYLINE,
    CAPTION,
    CLOSERS,
    CREDIT,
    DATE,
    KICKER,
    LIST_ITEM,
    MARKER,
    PROSE,
    READING,
    SHORT,
    WORD,
    Line,
    line_key,
)

#: Kinds of line that sit between a headline and its body without being text of their own.
FURNITURE: Final = frozenset({MARKER, DATE, BYLINE, READING, CAPTION, CREDIT})
_CANDIDATE_KINDS: Final = frozenset({SHORT, PROSE, KICKER})
_TIME_ONLY: Final = re.compile(r"^[\d:.\s]+(?:am|pm|a\.m\.|p\.m\.|uhr|h)?$", re.I)
_SITE_SUFFIX: Final = re.compile(r"\s[|–—-]\s\S")
# "Headline | Site": the page title's form, where a name of a few words follows the bar.
_SITE_BAR: Final = re.compile(r"\s\|\s")
_SITE_NAME_WORDS: Final = 4
#: Lines before the body within which a line in a list of other stories may still be the headline.
_NEAR_BODY: Final = 15
#: The share of a line's content words the body's opening holds for the line to be on its subject.
_ON_TOPIC: Final = 0.5
#: The share of a line's content words an earlier line holds for it to echo that line.
_ECHO: Final = 0.5
#: Words too common to say that a line and the body's opening share a subject.
_STOP_WORDS: Final = (
    "a an and are as at be by for from has have he her his in is it its of on or our that the their they this "
    "to was we were will with you your der die das und ein eine le la les des et el los las del y il di che"
)
_STOP: Final = frozenset(_STOP_WORDS.split())
_UNSPACED: Final = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_UNSPACED_RUN: Final = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]{2,}")
# A photo's caption or credit line: "Image: Reuters", "Foto: dpa", "(Image credit: Google)".
_CREDIT_WORDS: Final = re.compile(
    r"\b(?:image|images|photo|photos|photograph|picture|foto|fotos|bild|credit|getty|shutterstock|istock|reuters|afp|"
    r"dpa|imago|epa|caption|video|watch|listen)\b|\s/\s\w", re.I)
# Interface text that a headline never holds: sharing, accounts, calls to act.
_INTERFACE_WORDS: Final = re.compile(
    r"\b(?:share|sharing|sign in|sign up|log in|log out|login|subscribe|newsletter|email|e-mail|download|contact us|"
    r"call us|get started|new window|new tab|click|app store|google play|menu|search|cookies?)\b|シェア|ブックマーク|"
    r"こちら|印刷|ログイン|登録|공유|구독", re.I)

FEATURES: Final = (
    "nearest", "second", "third", "log_distance", "relative_position", "few_words", "mid_words",
    "many_words", "ends_with_period", "question", "repeated", "furniture_after", "furniture_before",
    "longer_after", "standfirst_like", "lead_overlap", "menu_run", "gap_around", "site_suffix",
    "all_caps", "time_or_number", "colon", "byline_before", "in_list", "breadcrumb", "holds_other",
    "held_by_other", "credit_words", "interface_words", "above_overlap", "below_overlap", "furniture_between",
    "first_on_topic", "echoes_above",
)

#: Fitted by ``benchmarks/extraction_text.py --fit-headline`` on the dev split (see the module doc).
WEIGHTS: Final = {
    "nearest": -0.1, "second": 0.17, "third": 0.02, "log_distance": -1.03, "relative_position": 0.29,
    "few_words": -1.3, "mid_words": 1.17, "many_words": 0.13, "ends_with_period": -1.28, "question": 0.03,
    "repeated": 0.26, "furniture_after": 1.3, "furniture_before": 0.92, "longer_after": 1.11,
    "standfirst_like": -0.14, "lead_overlap": 3.26, "menu_run": 0.08, "gap_around": 0.19, "site_suffix": 0.01,
    "all_caps": -0.18, "time_or_number": -0.04, "colon": 1.04, "byline_before": 0.26, "in_list": 0.08,
    "breadcrumb": -0.65, "holds_other": 0.36, "held_by_other": 1.36, "credit_words": -0.6, "interface_words": -0.24,
    "above_overlap": 0.28, "below_overlap": -0.38, "furniture_between": 1.37, "first_on_topic": 0.37,
    "echoes_above": -0.61,
}
#: Hand-set: the share of a URL slug's words that the line holds, times this.
SLUG_WEIGHT: Final = 4.0


def content_words(text: str) -> set[str]:
    """The lower-cased words of ``text`` that can carry a subject (three letters or more, no stop words).

    >>> sorted(content_words("The Storm hits the coast of Maine"))
    ['coast', 'hits', 'maine', 'storm']
    """
    found = {w for w in WORD.findall(text.casefold()) if len(w) >= 3 and w not in _STOP and not w.isdigit()}
    if _UNSPACED.search(text):
        # Chinese and Japanese have no spaces: a run of characters is a phrase, not a word, so two
        # lines share a subject when they share pairs of characters.
        for run in _UNSPACED_RUN.findall(text):
            found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def is_candidate(line: Line, near_body: bool = False) -> bool:
    """Whether a header line could be a headline at all; in a list of other stories only ``near_body``.

    A list opened by a label ("Trending", "Share") far above often runs on through the article's
    own header, so the last lines before the body stay candidates, with ``in_list`` as a feature.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> [is_candidate(line) for line in read_lines("Storm hits the coast\\nBy Ann Lee\\nMenu")]
    [True, False, False]
    """
    if (line.in_widget and not near_body) or line.kind not in _CANDIDATE_KINDS or not 2 <= line.words <= 30:
        return False
    # A line ending with a colon labels what follows ("Author of the article:", "Key facts:").
    return not (line.kind == KICKER and line.words < 4) and not line.text.endswith(":")


def _menu_run(lines: Sequence[Line], position: int) -> int:
    """How many short lines, with no blank line between them, surround this one (a menu's length)."""
    run = 1
    index = position - 1
    while index >= 0 and lines[index].kind in (SHORT, KICKER, MARKER, LIST_ITEM) and lines[index].words <= 6 \
            and not lines[index + 1].gap_before:
        run += 1
        index -= 1
    index = position + 1
    while index < len(lines) and lines[index].kind in (SHORT, KICKER, MARKER, LIST_ITEM) \
            and lines[index].words <= 6 and not lines[index].gap_before:
        run += 1
        index += 1
    return run


def features(header: Sequence[Line], position: int, distance: int, counts: Counter[str], lead: set[str],
             names: set[int]) -> dict[str, float]:
    """The features of header line ``position``, ``distance`` candidates away from the body's start.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> header = read_lines("Storm hits the coast\\nBy Ann Lee")
    >>> found = features(header, 0, 0, Counter(), {"storm", "coast"}, set())
    >>> found["nearest"], found["furniture_after"], round(found["lead_overlap"], 2)
    (1.0, 1.0, 0.67)
    """
    line = header[position]
    text = line.text
    following = [n for n in header[position + 1 : position + 4] if n.kind != MARKER]
    preceding = next((n for n in reversed(header[max(0, position - 3) : position]) if n.kind != MARKER), None)
    words = content_words(text)
    next_text = next((n for n in following if n.kind in (PROSE, SHORT)), None)
    letters = [ch for ch in text if ch.isalpha()]
    return {
        "nearest": float(distance == 0),
        "second": float(distance == 1),
        "third": float(distance == 2),
        "log_distance": math.log1p(distance),
        "relative_position": (position + 1) / len(header),
        "few_words": float(line.words <= 3),
        "mid_words": float(4 <= line.words <= 16),
        "many_words": float(line.words > 16),
        "ends_with_period": float(text.rstrip(CLOSERS).endswith(".")),
        "question": float(text.rstrip(CLOSERS).endswith("?")),
        "repeated": float(counts[line_key(text)] >= 2),
        "furniture_after": float(any((n.kind in (BYLINE, DATE, READING) or n.index in names) and not n.in_widget
                                     for n in following)),
        "furniture_before": float(preceding is not None and preceding.kind in (KICKER, DATE, READING)),
        "longer_after": float(next_text is not None and 8 <= next_text.words <= 80 and next_text.words > line.words),
        "standfirst_like": float(preceding is not None and preceding.kind in (SHORT, PROSE)
                                 and 4 <= preceding.words < line.words and not line.gap_before),
        "lead_overlap": len(words & lead) / len(words) if words else 0.0,
        "menu_run": math.log(_menu_run(header, position)),
        "gap_around": float(line.gap_before or (position + 1 < len(header) and header[position + 1].gap_before)),
        "site_suffix": float(_SITE_SUFFIX.search(text) is not None),
        "all_caps": float(bool(letters) and all(ch.isupper() for ch in letters)),
        "time_or_number": float(_TIME_ONLY.match(text) is not None or len(letters) < 3),
        "colon": float(":" in text),
        # A line right under the byline is a dateline's place or a job title, not the headline over it.
        "byline_before": float(preceding is not None and (preceding.kind == BYLINE or preceding.index in names)),
        "in_list": float(line.in_widget),
        "breadcrumb": float(len(BREADCRUMB_SPLIT.split(text)) >= 3),
        # Set by ``candidates``, which sees the other lines.
        "holds_other": 0.0,
        "held_by_other": 0.0,
        "credit_words": float(_CREDIT_WORDS.search(text) is not None),
        "interface_words": float(_INTERFACE_WORDS.search(text) is not None),
        # A subtitle sits right under its headline and shares the lead's words too: the line above
        # sharing them says this one is the second line of a pair.
        "above_overlap": _overlap(header[position - 1], lead) if position and not line.gap_before else 0.0,
        "below_overlap": _overlap(header[position + 1], lead)
        if position + 1 < len(header) and not header[position + 1].gap_before else 0.0,
        "furniture_between": math.log1p(sum(n.kind in (BYLINE, DATE) and not n.in_widget
                                            for n in header[position + 1 :])),
        "first_on_topic": 0.0,
        "echoes_above": 0.0,
    }


def _overlap(line: Line, lead: set[str]) -> float:
    """The share of a headline-like line's content words that the body's opening holds, else 0."""
    if line.kind not in _CANDIDATE_KINDS or not 2 <= line.words <= 30:
        return 0.0
    words = content_words(line.text)
    return len(words & lead) / len(words) if words else 0.0


def candidates(header: Sequence[Line], counts: Counter[str], lead: set[str], names: set[int]
               ) -> list[tuple[int, dict[str, float]]]:
    """Every headline candidate of the header zone as (position, features), nearest the body first.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> header = read_lines("Home\\nStorm hits the coast\\nBy Ann Lee")
    >>> [position for position, _ in candidates(header, Counter(), set(), set())]
    [1]
    """
    found: list[tuple[int, dict[str, float]]] = []
    for position in range(len(header) - 1, -1, -1):
        line = header[position]
        if not is_candidate(line, len(header) - position <= _NEAR_BODY) or position in names:
            continue
        found.append((position, features(header, position, len(found), counts, lead, names)))
    # A breadcrumb or a "Video: ..." line holds the headline whole; a shorter heading may sit in a
    # longer headline. Only lines of three words or more count, so that "News" holds nothing.
    keys = {position: line_key(header[position].text) for position, _ in found}
    long_keys = [(position, key) for position, key in keys.items() if len(key.split()) >= 3]
    # Headlines come first: subheadings, subtitles and captions below them take up the same subject.
    on_topic = [position for position, values in found if values["lead_overlap"] >= _ON_TOPIC]
    if on_topic:
        dict(found)[min(on_topic)]["first_on_topic"] = 1.0
    words = {position: content_words(header[position].text) for position, _ in found}
    for position, values in found:
        mine = words[position]
        if mine and any(other < position and keys[other] != keys[position]
                        and len(mine & words[other]) >= _ECHO * len(mine) for other in words):
            values["echoes_above"] = 1.0
    for position, values in found:
        key = keys[position]
        for other, other_key in long_keys:
            if other != position and other_key != key and other_key in key:
                values["holds_other"] = 1.0
            if other != position and other_key != key and key in other_key and len(key.split()) >= 2:
                values["held_by_other"] = 1.0
    return found


def score(values: dict[str, float]) -> float:
    """The ranker's score of one candidate's features.

    >>> score(dict.fromkeys(FEATURES, 0.0)) == 0.0
    True
    """
    return sum(WEIGHTS[name] * value for name, value in values.items())


def repeat_counts(lines: Sequence[Line], start: int) -> Counter[str]:
    """How often each line of three words or more occurs, counting a breadcrumb's last step as a line.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> counts = repeat_counts(read_lines("Home > News > Storm hits the coast\\nStorm hits the coast"), 2)
    >>> counts["storm hits the coast"]
    2
    """
    counts = Counter(line_key(line.text) for line in lines if line.words >= 3)
    # A breadcrumb ends with the headline: "Home > Blog > Top 10 Trends to Watch".
    counts.update(line_key(BREADCRUMB_SPLIT.split(line.text)[-1]) for line in lines[:start]
                  if line.kind == SHORT and BREADCRUMB_SPLIT.search(line.text))
    return counts


def lead_words(body: Sequence[Line], limit: int = 80) -> set[str]:
    """The content words of the body's opening prose, about ``limit`` words of it.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> sorted(lead_words(read_lines("Subscribe\\nStorms swept the county overnight.")))
    ['county', 'overnight', 'storms', 'swept']
    """
    words: set[str] = set()
    taken = 0
    for line in body:
        if line.kind != PROSE or line.in_widget:
            continue
        words |= content_words(line.text)
        taken += line.words
        if taken >= limit:
            break
    return words


def headline_index(header: Sequence[Line], counts: Counter[str], lead: set[str], names: set[int],
                   slug: set[str]) -> int | None:
    """The position of the headline among the header lines, or None when no line could be one.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> header = read_lines("Home\\nNews\\nSport\\nStorm hits the coast\\nBy Ann Lee\\nMarch 12, 2024")
    >>> header[headline_index(header, Counter(), {"storm", "coast"}, set(), set())].text
    'Storm hits the coast'
    """
    best: tuple[float, int] | None = None
    for position, values in candidates(header, counts, lead, names):
        total = score(values)
        if slug:
            total += SLUG_WEIGHT * len(slug & content_words(header[position].text)) / len(slug)
        if best is None or total > best[0]:
            best = (total, position)
    return best[1] if best else None


def _lost_colons(glued: str, written: str) -> bool:
    """Whether ``written`` is ``glued`` with a colon after one or more of its words, and nothing else."""
    have, want = glued.split(), written.split()
    if len(have) != len(want) or have == want:
        return False
    return all(a == b or (b == a + ":" and a[-1:].isalnum()) for a, b in zip(have, want, strict=True))


def tidy_headline(headline: str, header: Sequence[Line]) -> str:
    """The headline as the page wrote it, from the line the ranker chose.

    Copying glues a kicker to its title when they sit in two spans ("Ausschuss zur Ahrtal-Flut Zwei
    Rücktritte"): another showing of the headline in the header (a breadcrumb, the page's title) that
    differs only by the colon between them gives it back. A site or section name after a bar ("How
    meditation rewires brains | Opinion", the page title's form) is not part of the headline.

    >>> from newsdesk.extract.text_classify import read_lines
    >>> header = read_lines("Ausschuss zur Ahrtal-Flut: Zwei Rücktritte\\nAusschuss zur Ahrtal-Flut Zwei Rücktritte")
    >>> tidy_headline("Ausschuss zur Ahrtal-Flut Zwei Rücktritte", header)
    'Ausschuss zur Ahrtal-Flut: Zwei Rücktritte'
    >>> tidy_headline("How meditation rewires brains | Opinion", [])
    'How meditation rewires brains'
    """
    text = " ".join(headline.split())
    written = next((line.text for line in header if _lost_colons(text, line.text)), None)
    if written is not None:
        text = written
    parts = _SITE_BAR.split(text)
    if len(parts) >= 2 and len(parts[-1].split()) <= _SITE_NAME_WORDS and len(parts[-2].split()) >= 3:
        text = text[: text.rfind(parts[-1])].rstrip(" |")
    return text

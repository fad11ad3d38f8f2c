"""Timelines: for a story or a query, the key dates and one or more sentences that say what happened on each.

The method is of the Datewise family (Gholipour Ghalandari & Ifrim, ACL 2020): first choose the dates, then the
sentences of each date. A date's score counts the articles that report it (each article's news peg: the day its
first sentence names, "announced on Tuesday", else its publication day; with a query, only articles that lead with
the query's words) and, with a smaller weight, the articles that mention it in their first :data:`MENTION_SENTENCES`
sentences (enrichment's resolved DATE and TIME expressions at day granularity; time stamps of pages and comments,
pages' datelines, clock times alone and a weekday alone resolved six days back left out: :func:`_own_day`), twice
when the mentioning sentence holds a query word, more when that sentence opens with it or quotes a person it names
(the subject's own act or words: :data:`SUBJECT_BOOST`), and a quarter as much when no sentence mentioning it does
(:data:`OFF_QUERY_MENTION`), and more when the article looks back on it from days later in a sentence that holds the
query (:data:`RECALL_WEIGHT`). Datewise learns its feature weights by
regression on other topics; with nineteen development timelines to choose on (tests/connect/gold/timelines.jsonl,
dev split) this uses a few fixed constants chosen there (:data:`PUBLICATION_WEIGHT`, :data:`MENTION_WEIGHT`,
:data:`PEG_DAYS`, :data:`RECALL_WEIGHT`, :data:`OFF_QUERY_MENTION`, :data:`SUBJECT_BOOST`,
:data:`MENTION_SENTENCES`). Query words match by :func:`stems` (plural and verb endings stripped); a query that is a
person's full name ("jeb bush") matches that person, not every Bush (:class:`Query`).

Sentences for a date are those that mention it or carry their page's dateline for it (else the leads of that day's
articles), ranked by centrality (TF-IDF cosine to the mean of that date's candidate sentences) and, with a query, by
the share of its words they hold and whether they are the subject's own (:data:`SUBJECT_SENTENCE`). A sentence
nearly repeating one already chosen for the same or an adjacent day is skipped: wire copies retell one event on
successive days.

TF-IDF is written here in a few lines of Python (dictionaries, not a vectoriser library) because the sets are
small (the sentences of one story) and the project does not depend on scikit-learn.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsdesk.model import Article, Enrichment, TimeExpression
from newsdesk.textsplit import ABBREVIATIONS

__all__ = ["DatedSentence", "Query", "dated_sentences", "query_articles", "query_sentences", "rank_dates",
           "split_sentences", "stems", "timeline", "timeline_of"]

#: An article published on a day (leading with the query, when there is one) counts this much for the day,
#: and an article mentioning a day this much (twice when the mentioning sentence holds a query word). Chosen
#: on the dev split of tests/connect/gold/timelines.jsonl (benchmarks/connect_timelines.py): publications
#: weigh most, mentions order the days that publications tie.
PUBLICATION_WEIGHT = 1.0
MENTION_WEIGHT = 0.25
#: A lead's day counts as its article's news peg when it is at most this many days before publication.
PEG_DAYS = 3
#: An article mentioning a day at least :data:`RECALL_DAYS` days before its own publication adds this much more:
#: a day reports look back on is a day something happened (Datewise's and Tran et al.'s "mentioned from later
#: articles"), while a report's "on Tuesday" for yesterday is its news peg, already counted. Chosen on the dev
#: split: Date-F1 0.466 -> 0.530 (weights 0.25 and 1 gave 0.480 and 0.489, a gap of 1 or 3 days 0.467 and 0.418).
RECALL_WEIGHT = 0.5
RECALL_DAYS = 2
#: With a query, an article's mention of a day counts this share of :data:`MENTION_WEIGHT` (1/4 of a mention in
#: a sentence holding a query word) when no sentence mentioning the day holds one, and it is no look-back
#: (:data:`RECALL_WEIGHT`): campaign round-ups, live pages and day-by-day recaps look back on the big days of
#: every story they touch, so a look-back counts for a subject only where it is about the subject. Chosen on the
#: dev split (14 timelines, PolNeAR's five added): look-backs from query sentences only: rank MAP 0.476 -> 0.541
#: (paired +0.064, se 0.027), Date-F1 0.463 unchanged; with off-query mentions halved too (1.0 -> 0.5): rank MAP
#: 0.562 (paired +0.085, se 0.036), Date-F1 0.504 (paired +0.041, se 0.051); 0.25 / 0.75 / 0: MAP 0.565 / 0.551
#: / 0.541. Without a query every sentence holds it, and nothing changes.
OFF_QUERY_MENTION = 0.5
#: With a query, an article's mention of a day counts 1 + :data:`SUBJECT_BOOST` times (its look-back too) when a
#: sentence mentioning the day opens with a query word, one of its first :data:`SUBJECT_WORDS` words ("Sanders said
#: Tuesday", "The police fired", "Mr. Rubio pushed back"): there the subject is the sentence's actor and the day its
#: own event, while further in the query word is more often background to someone else's day ("... after
#: clashes with police", "Clinton beat rival Bernie Sanders"). Chosen on the dev split (19 timelines, batch 6
#: included), leave-one-timeline-out over 1-6 words and boosts 0.5-8: Date-F1 0.529 -> 0.614 (paired +0.085, se
#: 0.022; 11 timelines up, none down), rank MAP 0.595 -> 0.647; on Timeline17's part alone 0.470 -> 0.535 (3 up, 0
#: down), PolNeAR's 0.582 -> 0.677. A boost of every query mention alike (x1.25-x2) loses (-0.008 to -0.027), and
#: the same test on an article's first sentence (its news peg) gains nothing.
#: The same boost goes to a sentence in which enrichment attributes a quote to a person the query names (the
#: speaker's name in the sentence, or a pronoun resolved to them: "Cruz said in response ... on Monday", "he
#: declared at Saturday's debate"): the subject spoke that day, wherever the name stands. Chosen on the dev split
#: (19 timelines) with the boost fixed at :data:`SUBJECT_BOOST`, over persons only or every speaker: Date-F1 0.614
#: -> 0.631 (paired +0.017, se 0.010; 3 timelines up, 1 down), rank MAP 0.649 -> 0.668 (+0.018, se 0.010); every
#: speaker alike gives the same Date-F1 but MAP 0.653 (an organisation named by the query, "the Democratic National
#: Convention", is a topic more than a speaker). Timeline17's part is unchanged (0.535): its subjects are
#: institutions, quoted rarely by name.
SUBJECT_WORDS = 2
SUBJECT_BOOST = 3.0
#: Mentions count only from an article's first :data:`MENTION_SENTENCES` sentences. Below a report, long pages
#: carry reader comments ("January 31, 2011 at 5:30 pm | ..."), radio schedules, live blogs and forum threads: in
#: the two Timeline17 dev topics half the dated sentences (2,282 of 4,578 at CNN, 366 of 730 at the BBC) lie past the
#: 80th sentence, where the median article has 17 (BBC) to 49 (CNN) sentences. Chosen on the dev split (9 timelines):
#: Date-F1 0.459 -> 0.490, rank MAP 0.487 -> 0.498; every cap from 15 to 120 scored at or above no cap (0.465-0.515).
MENTION_SENTENCES = 80
#: Dates are kept within the articles' publication span, opened this many days earlier: the event an
#: article reports often happened the day or days before the first report.
LEAD_DAYS = 7
#: With a query, a day's candidate sentence that opens with a query word or quotes a person it names (see
#: :data:`SUBJECT_BOOST`) scores this much more (beside its cosine to the day's centre, at most 1, and half the share
#: of query words it holds): the day's line then says what the subject did or said, not what others did around it.
#: Chosen on the dev split (19 timelines) over 0-1 by leave-one-timeline-out on AR1-F (picks 0.5): AR1-F 0.311 ->
#: 0.334 (paired +0.023, se 0.015; 8 timelines up, 4 down), AR2-F 0.225 -> 0.255 (+0.031, se 0.018); Timeline17's
#: part 0.128 -> 0.128 (+0.001, se 0.003), so the gain is PolNeAR's, whose reference lines are such sentences.
#: Date-F1 unchanged.
SUBJECT_SENTENCE = 0.5
#: A candidate sentence whose TF-IDF cosine to a chosen one (same or adjacent day) reaches this is a repeat.
REPEAT_COSINE = 0.5
#: Sentences shorter or longer than this (in words) are not timeline material (captions, run-ons).
MIN_WORDS, MAX_WORDS = 5, 60
#: Lead sentences of a day's articles used when no sentence mentions the day.
LEAD_SENTENCES = 2

#: Endings :func:`stems` strips (the longest first), keeping at least four letters.
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "al")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
#: A period that closes a title, an abbreviation or an initial ("Mr. Rubio", "Sen. Ted Cruz", "Jan. 5", "J. Smith")
#: ends no sentence: split there, "On Sunday, Mr." lost the name the query looks for from the sentence that dates the
#: event, so the day's mention no longer counted as one about the subject. A clock's "a.m."/"p.m." still ends one:
#: it closes sentences ("It was 5 p.m. Rain fell.") and pages' time stamps ("Updated 10:35 p.m. ET"), and joining
#: there lowered the whole Timeline17 topics' AR1-F from 0.194 to 0.187 (benchmarks/connect_timelines.py).
_NOT_ENDING = ABBREVIATIONS - {"a.m", "p.m"}
_ABBREVIATION = re.compile(rf"(?:\b(?:{'|'.join(map(re.escape, sorted(_NOT_ENDING)))})|(?<![\w.])[A-Z])\.$")
_TOKEN = re.compile(r"\w+", re.UNICODE)
#: A clock time right after a date ("at 7:59 pm", ", 12:17", " - 16:00:00 ET"): the date is a time stamp.
_CLOCK_AFTER = re.compile(r"\W{0,3}(?:at\s+)?\d{1,2}[:.]\d{2}")
#: A stamp's label right before a date or time ("Last updated at", "(Updated", "Aired", "Posted").
_STAMP_BEFORE = re.compile(r"\b(?:updated|posted|aired|published)(?:\s+(?:at|on))?\W{0,3}$", re.IGNORECASE)
#: A page's dateline: its day with the time it was last updated, the clock after the day ("8 November 2011 Last
#: updated at 14:07 GMT") or before it with the weekday ("Page last updated at 07:48 GMT, Tuesday, 8 November 2011"),
#: its day before the byline ("January 27, 2011 | By Tim Lister") or a wire's ("NEW YORK, Nov. 19 (UPI) —").
_DATELINE_AFTER = re.compile(r"\W{0,3}[Ll]ast\s+updated\s+at\s+\d{1,2}[:.]\d{2}|\s*\|\s*By\b"
                             r"|\s*\([A-Z][A-Za-z]{1,8}\)\s*[—–-]")
_DATELINE_BEFORE = re.compile(r"\bupdated\s+at\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?"
                              r"\W{1,3}(?:[Mm]on|[Tt]ues|[Ww]ednes|[Tt]hurs|[Ff]ri|[Ss]atur|[Ss]un)day\W{0,3}$")
#: A clock time alone ("7:01 pm", "about midnight", "10:15 p.m. ET") names no day of its own: enrichment dates it by
#: the day named last or the page's date, and on live pages it stamps an entry ("___. 12:15 p.m." at AP, "(Update
#: 3 p.m. Cairo, 8 a.m. ET)" at CNN), whose day it then gets wrong as often as not (see :func:`_own_day`).
_CLOCK_ALONE = re.compile(r"(?:(?:about|around|approximately)\s+)?(?:\d{1,2}(?:[:.]\d{2}){0,2}\s*(?:[ap]\.?\s?m\.?)?"
                          r"|noon|midnight|midday)(?:\s+[A-Z]{2,4})?", re.IGNORECASE)
#: A weekday named alone ("Friday", "early Friday", "Friday night"), without "last", "next" or a date beside it.
_WEEKDAY_ALONE = re.compile(r"(?:(?:early|late)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
                            r"(?:\s+(?:morning|afternoon|evening|night))?")
_STOP = frozenset(["a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
                   "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "that", "the", "their",
                   "they", "this", "to", "was", "were", "which", "who", "will", "with", "would", "said", "says",
                   "after", "before", "about", "over", "into", "than", "also", "not", "no", "she", "we", "you",
                   "i", "our", "more"])


@dataclass(slots=True)
class DatedSentence:
    """A sentence of an article, the days it mentions, and the day its article was published.

    ``speakers`` are the persons enrichment attributes a quote to in the sentence (the name or pronoun that
    introduces the quote lies in it), by their full names; ``persons`` those it names (a mention of a PERSON entity
    lies in it), by the entity's name. ``stamps`` are the days of the page's dateline ("8 November 2011 Last updated
    at 14:07 GMT") in its first sentence: no mention of an event (see :func:`_stamp_kind`), but that sentence,
    the page's headline and summary, is a line for the day it went out.

    >>> DatedSentence("Mubarak resigned.", ("2011-02-11",), "2011-02-12", 0, 3).mentions
    ('2011-02-11',)
    """

    text: str
    mentions: tuple[str, ...]
    published: str | None
    article: int
    position: int
    speakers: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    stamps: tuple[str, ...] = ()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (after . ! ? before a capital or digit, not after a title or an
    initial, and at newlines).

    >>> text = "Troops left on Monday. A new phase began.\\n\\nMore later"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Troops left on Monday.', 'A new phase began.', 'More later']
    >>> text = "On Sunday, Mr. Rubio and Sen. Ted Cruz urged unity. J. Smith left."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['On Sunday, Mr. Rubio and Sen. Ted Cruz urged unity.', 'J. Smith left.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        if "\n" not in match.group(0) and _ABBREVIATION.search(text, max(start, end - 6), end):
            continue
        if text[start:end].strip():
            spans.append(_strip_span(text, start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _day(value: str | None) -> str | None:
    if not value:
        return None
    head = value.strip()[:10]
    try:
        return date.fromisoformat(head).isoformat() if _DAY.match(head) else None
    except ValueError:
        return None


def _enrichment(article: Article) -> Enrichment:
    if article.enrichment is not None:
        return article.enrichment
    from newsdesk.enrich import enrich_text

    try:
        return enrich_text(article.text, published=article.published, language=article.language)
    except Exception:  # An article enrichment cannot read still counts by its publication date.
        return Enrichment()


def _expression_day(expression: TimeExpression) -> str | None:
    """The day (YYYY-MM-DD) a DATE or TIME expression resolves to, or None when it names no single day."""
    if expression.type not in ("DATE", "TIME") or len(expression.value) < 10:
        return None
    if expression.type == "DATE" and len(expression.value) != 10:
        return None
    return _day(expression.value[:10])


def _stamp_kind(text: str, expression: TimeExpression) -> str | None:
    """Whether a date expression stamps when something went out: ``"stamp"`` for a page's, comment's or
    broadcast's time stamp, ``"dateline"`` for a page's dateline, None for a mention of when events happened.

    A date followed by a clock time ("January 28, 2011 at 12:17 pm", "- 16:00:00 ET") or after "updated",
    "posted" or "aired" is a stamp, and a page's dateline ("8 November 2011 Last updated at 14:07 GMT", "Page
    last updated at 07:48 GMT, Tuesday, 8 November 2011", "January 27, 2011 | By ...", "NEW YORK, Nov. 19 (UPI)
    —") says the same: it repeats the publication date (or a reader's comment time) and says nothing about when
    events happened. Counted, a dateline in a page's first sentence votes for its publication day, the day after
    the event when a report of an evening in Los Angeles goes out in London, and it is the first day the lead
    names, so it takes the news peg from the day the lead reports ("Nov. 19 (UPI) — ... said Thursday").

    >>> text = "Posted January 28, 2011 at 12:17 pm | Reply. Troops moved in on Friday night."
    >>> stamp = TimeExpression("January 28, 2011", "DATE", "2011-01-28", 7, 23)
    >>> night = TimeExpression("Friday night", "TIME", "2011-01-28TNI", 60, 72)
    >>> _stamp_kind(text, stamp), _stamp_kind(text, night)
    ('stamp', None)
    >>> bbc = "8 November 2011 Last updated at 14:07 GMT. Page last updated at 07:48 GMT, Tuesday, 8 November 2011"
    >>> [_stamp_kind(bbc, TimeExpression("8 November 2011", "DATE", "2011-11-08", s, s + 15)) for s in (0, 84)]
    ['dateline', 'dateline']
    """
    if _CLOCK_AFTER.match(text, expression.end) or _STAMP_BEFORE.search(text[max(0, expression.start - 24):
                                                                             expression.start]):
        return "stamp"
    if _DATELINE_AFTER.match(text, expression.end) or _DATELINE_BEFORE.search(text[max(0, expression.start - 48):
                                                                                   expression.start]):
        return "dateline"
    return None


def _own_day(expression: TimeExpression, published: str | None) -> bool:
    """Whether a date expression says which day it means, rather than leaving enrichment to guess it.

    A clock time alone names no day (see :data:`_CLOCK_ALONE`). A weekday alone that enrichment, reading the verbs
    as past, puts six days before publication is the weekday named for the day after publication too, and news
    writes "last Friday" for the one a week back: in the dev inputs (benchmarks/connect_timelines.py) most such
    mentions meant the coming day ("calls on its followers to march Friday", "ahead of voting Tuesday") or were
    written on a page updated after the date it carries (a live page of Monday reporting "Obama spoke ... Tuesday"),
    so their day counts for none: it is not known which of the two it is. Measured on the dev split (23 timelines,
    benchmarks/connect_timelines.py): Date-F1 0.578 -> 0.590 (PolNeAR's part 0.687 -> 0.712, paired +0.025, se
    0.017, 2 timelines up, none down; Timeline17's unchanged), rank MAP 0.630 -> 0.645 (+0.015, se 0.009; 11 up,
    1 down), AR1-F 0.293 -> 0.309. A weekday five or four days back, left out as well, scored as high or higher on
    the whole split but, chosen by leave-one-timeline-out, lost a Timeline17 timeline.

    >>> friday = TimeExpression("Friday", "DATE", "2011-01-21", 0, 6)
    >>> _own_day(friday, "2011-01-27"), _own_day(friday, "2011-01-22")
    (False, True)
    >>> _own_day(TimeExpression("7:01 pm", "TIME", "2011-01-27T19:01", 0, 7), "2011-01-27")
    False
    """
    text = expression.text.strip()
    if expression.type == "TIME" and _CLOCK_ALONE.fullmatch(text):
        return False
    day, issued = _day(expression.value[:10]), _day(published)
    if day is None or issued is None or not _WEEKDAY_ALONE.fullmatch(text):
        return True
    return _days_between(day, issued) < 6


def dated_sentences(articles: Sequence[Article]) -> list[DatedSentence]:
    """Every sentence of every article with the days (YYYY-MM-DD) its DATE expressions resolve to, and the persons
    its quotes are attributed to.

    Articles without enrichment are enriched here (``newsdesk.enrich.enrich_text``).

    >>> from newsdesk.model import Block, TimeExpression
    >>> a = Article(published="2011-02-12", body=[Block("paragraph", "Mubarak quit on Friday. Crowds cheered.")],
    ...             enrichment=Enrichment(times=[TimeExpression("Friday", "DATE", "2011-02-11", 16, 22)]))
    >>> [(s.text, s.mentions) for s in dated_sentences([a])]
    [('Mubarak quit on Friday.', ('2011-02-11',)), ('Crowds cheered.', ())]
    """
    out: list[DatedSentence] = []
    for index, article in enumerate(articles):
        text = article.text
        spans = split_sentences(text)
        enrichment = _enrichment(article)
        days: dict[int, list[str]] = defaultdict(list)
        stamps: list[str] = []
        for expression in enrichment.times:
            day = _expression_day(expression)
            position = _sentence_at(spans, expression.start) if day is not None else None
            if day is None or position is None:
                continue
            kind = _stamp_kind(text, expression)
            if kind is None and not _own_day(expression, article.published):
                continue
            if kind is None:
                if day not in days[position]:
                    days[position].append(day)
            elif kind == "dateline" and position == 0 and day not in stamps:
                stamps.append(day)
        speakers: dict[int, list[str]] = defaultdict(list)
        for quote in enrichment.quotes:
            if quote.speaker and quote.speaker_type == "PERSON" and quote.speaker_start is not None:
                position = _sentence_at(spans, quote.speaker_start)
                if position is not None and quote.speaker not in speakers[position]:
                    speakers[position].append(quote.speaker)
        persons: dict[int, list[str]] = defaultdict(list)
        for entity in enrichment.entities:
            if entity.type == "PERSON":
                for mention in entity.mentions:
                    position = _sentence_at(spans, mention.start)
                    if position is not None and entity.name not in persons[position]:
                        persons[position].append(entity.name)
        published = _day(article.published)
        for position, (start, end) in enumerate(spans):
            out.append(DatedSentence(text[start:end], tuple(days[position]), published, index, position,
                                     tuple(speakers[position]), tuple(persons[position]),
                                     tuple(stamps) if position == 0 else ()))
    return out


def _sentence_at(spans: Sequence[tuple[int, int]], offset: int) -> int | None:
    position = bisect.bisect_right(spans, offset, key=lambda span: span[0]) - 1
    return position if position >= 0 and spans[position][0] <= offset < spans[position][1] else None


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP and not t.isdigit()]


def stems(text: str) -> frozenset[str]:
    """The content words of ``text``, lower-cased and stripped of a plural or verb ending, so that a query's
    "reform" finds "reforms" and "raid" finds "raided".

    >>> sorted(stems("Reforms were raided, the constitutional killings"))
    ['constitution', 'kill', 'raid', 'reform']
    """
    return frozenset(_stem(word) for word in _tokens(text))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def _news_peg(lead: DatedSentence, published: str) -> str:
    """The day an article reports: the first day its lead names within :data:`PEG_DAYS` before publication.

    >>> _news_peg(DatedSentence("Mubarak quit on Friday.", ("2011-02-11",), "2011-02-13", 0, 0), "2011-02-13")
    '2011-02-11'
    >>> _news_peg(DatedSentence("Since 1981 he ruled.", ("1981-10-14",), "2011-02-13", 0, 0), "2011-02-13")
    '2011-02-13'
    """
    day = date.fromisoformat(published)
    for mentioned in lead.mentions:
        if 0 <= (day - date.fromisoformat(mentioned)).days <= PEG_DAYS:
            return mentioned
    return published


def _opens_with(text: str, terms: frozenset[str]) -> bool:
    """Whether one of the first :data:`SUBJECT_WORDS` words of ``text`` is a query word (see :func:`stems`): the
    sentence is about the subject's own act.

    >>> _opens_with("Mr. Rubio pushed back on Thursday.", stems("rubio"))
    True
    >>> _opens_with("Trump attacked Rubio on Thursday.", stems("rubio"))
    False
    """
    return any(_stem(word) in terms for word in _TOKEN.findall(text.lower())[:SUBJECT_WORDS])


def _subject_led(sentence: DatedSentence, terms: frozenset[str]) -> bool:
    """Whether ``sentence`` is the subject's own: it opens with a query word (:func:`_opens_with`) or quotes a
    person the query names.

    >>> said = DatedSentence("Asked about it on Monday, he said no.", ("2016-03-14",), "2016-03-15", 0, 4,
    ...                      ("Ted Cruz",))
    >>> _subject_led(said, stems("cruz")), _subject_led(said, stems("rubio"))
    (True, False)
    """
    return _opens_with(sentence.text, terms) or any(terms & stems(name) for name in sentence.speakers)


#: A name's middle part between two of the query's words ("George W. Bush", "Hillary Rodham Clinton").
_MIDDLE = r"(?:\s+[A-Z][\w'’.-]*)?"
#: A query word written as a name: capitalised (or in capitals), a whole word ("Bush", "BUSH", "Bush's"; not
#: "bush", "Bushnell" or "pro-Bush").
_CAPITAL_WORD = r"(?<![\w'’-])(?=[A-Z]){}\b"


@dataclass(frozen=True, slots=True)
class Query:
    """What a timeline is asked about, read against its sentences: the query's word stems (see :func:`stems`) and,
    when its words are a person's name, the sentences that name that person.

    A query of two or more words that enrichment finds as a PERSON's name in the sentences ("jeb bush", "bill
    clinton") means that person, not every Bush or Clinton: an article is about it when it writes the full name
    (capitalised, a middle name or initial allowed: "John Ellis Bush", "George W. Bush" for "george bush"), and one
    of its sentences when it writes the full name, enrichment names the person there (a mention or a quote's
    speaker resolved to that entity), or it writes the surname alone (not as part of another person's name)
    once the full name has appeared in the article: news writing introduces a person by full name, then uses the
    surname. Other queries match word by word, by stems.

    >>> s = [DatedSentence("Jeb Bush spoke on Monday.", ("2016-01-04",), "2016-01-05", 0, 0, (), ("Jeb Bush",)),
    ...      DatedSentence("Bush said no.", (), "2016-01-05", 0, 1),
    ...      DatedSentence("George W. Bush spoke.", (), "2016-01-05", 0, 2, (), ("George W. Bush",)),
    ...      DatedSentence("Bush won in 2000.", (), "2016-01-06", 1, 0)]
    >>> query = Query.read("jeb bush", s)
    >>> query.name, [query.holds(x) for x in s], query.articles(s)
    (('jeb', 'bush'), [True, True, False, False], {0})
    >>> words = Query.read("bush", s)
    >>> words.name, [words.holds(x) for x in s], words.articles(s)
    ((), [True, True, True, True], {0, 1})
    """

    terms: frozenset[str] = frozenset()
    #: The person's name words, lower-cased, when the query names one; else empty.
    name: tuple[str, ...] = ()
    #: (article, position) of each sentence that names the person (name queries only).
    naming: frozenset[tuple[int, int]] = frozenset()

    @classmethod
    def read(cls, text: str | None, sentences: Sequence[DatedSentence]) -> Query:
        """The query ``text`` read against ``sentences`` (those the timeline is made of)."""
        terms = stems(text or "")
        words = tuple(word for word in _TOKEN.findall((text or "").lower()))
        if len(words) < 2 or not all(word.isalpha() for word in words):
            return cls(terms)
        full = _full_name(words)
        if not any(full.search(person) for sentence in sentences for person in sentence.persons):
            return cls(terms)
        return cls(terms, words, frozenset(_naming(sentences, words, full)))

    def holds(self, sentence: DatedSentence) -> bool:
        """Whether ``sentence`` is about the query: names the person, or holds one of the query's words."""
        if self.name:
            return (sentence.article, sentence.position) in self.naming
        return not self.terms or bool(self.terms & stems(sentence.text))

    def subject_led(self, sentence: DatedSentence) -> bool:
        """Whether ``sentence`` is the subject's own: it opens with a query word, or quotes a person the query names
        (:func:`_subject_led`); for a person's name, only where the sentence names that person."""
        if self.name:
            return self.holds(sentence) and _subject_led(sentence, self.terms)
        return bool(self.terms) and _subject_led(sentence, self.terms)

    def relevance(self, sentence: DatedSentence) -> float:
        """The share of the query's words a sentence holds; for a person's name, none where it names no one else."""
        if not self.terms or not self.holds(sentence):
            return 0.0
        return len(stems(sentence.text) & self.terms) / len(self.terms)

    def articles(self, sentences: Sequence[DatedSentence]) -> set[int]:
        """The articles (``DatedSentence.article``) about the query: that name the person (see :meth:`holds`: only
        where the full name stands), or hold one of its words."""
        if self.name:
            return {article for article, _ in self.naming}
        return {s.article for s in sentences if self.terms & stems(s.text)}


def _full_name(words: Sequence[str]) -> re.Pattern[str]:
    """A person's name written in full, each word capitalised, a middle name or initial allowed between two.

    >>> [bool(_full_name(("george", "bush")).search(t)) for t in ("George W. Bush", "george bush", "George, Bush")]
    [True, False, False]
    """
    return re.compile((_MIDDLE + r"\s+").join(_CAPITAL_WORD.format(f"(?i:{re.escape(word)})") for word in words))


def _naming(sentences: Sequence[DatedSentence], words: Sequence[str], full: re.Pattern[str]) -> set[tuple[int, int]]:
    by_article: dict[int, list[DatedSentence]] = defaultdict(list)
    for sentence in sentences:
        by_article[sentence.article].append(sentence)
    surname = re.compile(_CAPITAL_WORD.format(f"(?i:{re.escape(words[-1])})"))
    out: set[tuple[int, int]] = set()
    for article, own in by_article.items():
        own.sort(key=lambda s: s.position)
        # Other persons of the surname in this article ("George W. Bush", "Laura Bush"): their names hold it too.
        others = {person for s in own for person in s.persons
                  if not full.search(person) and len(person.split()) >= 2 and surname.search(person)}
        introduced = False
        for sentence in own:
            named = bool(full.search(sentence.text)) or any(full.search(p) for p in (*sentence.persons,
                                                                                     *sentence.speakers))
            introduced = introduced or named
            if named or (introduced and _alone(sentence.text, surname, others)):
                out.add((article, sentence.position))
    return out


def _alone(text: str, surname: re.Pattern[str], others: set[str]) -> bool:
    """Whether ``text`` writes the surname on its own, not only inside another person's name.

    >>> _alone("George W. Bush and Bush met.", re.compile("Bush"), {"George W. Bush"})
    True
    >>> _alone("George W. Bush spoke.", re.compile("Bush"), {"George W. Bush"})
    False
    """
    found = len(surname.findall(text))
    return found > sum(text.count(other) for other in others)


def _days_between(earlier: str, later: str) -> int:
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def rank_dates(sentences: Sequence[DatedSentence], terms: frozenset[str] | Query = frozenset()) -> list[str]:
    """Days ranked by the articles published on them and the articles mentioning them, best first (ties: the
    earlier day). ``terms`` (see :func:`stems`, or a :class:`Query` read against ``sentences``) is a query: it
    weighs what is about it.

    Each article whose first sentence holds a query word (every article, without a query) gives
    :data:`PUBLICATION_WEIGHT` to its news peg: the day its first sentence names, when that is at most
    :data:`PEG_DAYS` before publication ("The Pentagon announced on Tuesday ..."), else its publication day.
    A report that leads with the subject marks a day something happened to it. Each article mentioning the
    day in one of its first :data:`MENTION_SENTENCES` sentences (past them lie comments and page furniture) adds
    twice :data:`MENTION_WEIGHT` when a sentence mentioning it holds a query word (always, without a query), else
    :data:`OFF_QUERY_MENTION` of it, and, when it holds the query, :data:`RECALL_WEIGHT` when it was published
    :data:`RECALL_DAYS` or more days after the day (it looks back on it). With a query, both count 1 +
    :data:`SUBJECT_BOOST` times when such a sentence opens with a query word or quotes a person the query names
    (the subject acts or speaks that day), the latter also where the sentence names them only as "he" or "she". Days
    mentioned outside the articles' publication span (opened :data:`LEAD_DAYS` earlier) are left out: a story's
    timeline is about what happened while it was covered, not its background.

    >>> s = [DatedSentence("Mubarak quit on Friday.", ("2011-02-11",), "2011-02-12", 0, 0),
    ...      DatedSentence("Friday's fall of Mubarak.", ("2011-02-11",), "2011-02-12", 1, 0),
    ...      DatedSentence("Egypt, ruled by him since 1981, votes.", ("1981-10-14",), "2011-02-13", 2, 0)]
    >>> rank_dates(s)
    ['2011-02-11', '2011-02-13']
    >>> rank_dates(s, stems("votes"))
    ['2011-02-13', '2011-02-11']
    >>> later = DatedSentence("A week after Friday's fall, Egypt votes.", ("2011-02-11",), "2011-02-18", 3, 0)
    >>> rank_dates([*s, later], stems("votes"))[:2]  # Looked back on a week later: Friday now leads.
    ['2011-02-11', '2011-02-13']
    """
    query = terms if isinstance(terms, Query) else Query(terms)
    published: dict[int, str] = {s.article: s.published for s in sentences if s.published}
    if not published:
        return []
    first = date.fromisoformat(min(published.values())) - timedelta(days=LEAD_DAYS)
    last = date.fromisoformat(max(published.values()))
    score: defaultdict[str, float] = defaultdict(float)
    # Per (article, day): 0 when no sentence mentioning the day holds the query, else the weight of the best one.
    mentions: dict[tuple[int, str], float] = {}
    for sentence in sentences:
        relevant = query.holds(sentence)
        if sentence.position == 0 and relevant and sentence.article in published:
            score[_news_peg(sentence, published[sentence.article])] += PUBLICATION_WEIGHT
        if sentence.position >= MENTION_SENTENCES or not sentence.mentions:
            continue
        weight = 1.0 + SUBJECT_BOOST if query.subject_led(sentence) else 1.0 if relevant else 0.0
        # A day counts once per article that mentions it: one article repeating "on Sunday" is one voice.
        for day in sentence.mentions:
            mentions[(sentence.article, day)] = max(mentions.get((sentence.article, day), 0.0), weight)
    for (article, day), weight in mentions.items():
        score[day] += MENTION_WEIGHT * (2.0 * weight if weight else OFF_QUERY_MENTION)
        if weight and article in published and _days_between(day, published[article]) >= RECALL_DAYS:
            score[day] += RECALL_WEIGHT * weight
    return [day for day, _ in sorted(score.items(), key=lambda item: (-item[1], item[0]))
            if first <= date.fromisoformat(day) <= last]


def _idf(sentences: Sequence[DatedSentence]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for sentence in sentences:
        df.update(set(_tokens(sentence.text)))
    total = len(sentences) or 1
    return {word: math.log((1 + total) / (1 + count)) + 1.0 for word, count in df.items()}


def _vector(text: str, idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(_tokens(text))
    vec = {w: (1.0 + math.log(c)) * idf.get(w, 1.0) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _candidates(day: str, sentences: Sequence[DatedSentence]) -> list[DatedSentence]:
    mentioning = [s for s in sentences if day in s.mentions or day in s.stamps]
    if mentioning:
        return mentioning
    return [s for s in sentences if s.published == day and s.position < LEAD_SENTENCES]


def _usable(sentence: DatedSentence) -> bool:
    words = len(sentence.text.split())
    return MIN_WORDS <= words <= MAX_WORDS


def query_sentences(sentences: Sequence[DatedSentence], query: str | None) -> tuple[list[DatedSentence], Query]:
    """The sentences of the articles about ``query`` (all of them, without one), and the query read against them
    (see :class:`Query`): what :func:`timeline` ranks and picks from.

    >>> s = [DatedSentence("Bush spoke.", (), "2016-01-05", 0, 0),
    ...      DatedSentence("Jeb Bush spoke.", (), "2016-01-05", 1, 0, (), ("Jeb Bush",))]
    >>> [x.article for x in query_sentences(s, "bush")[0]], [x.article for x in query_sentences(s, "jeb bush")[0]]
    ([0, 1], [1])
    """
    about = Query.read(query, sentences)
    if not about.terms:
        return list(sentences), about
    keep = about.articles(sentences)
    return [s for s in sentences if s.article in keep], about


def query_articles(articles: Sequence[Article], query: str | None) -> list[Article]:
    """The articles :func:`timeline` keeps for ``query``: those holding one of its words, or that write the full
    name of the person it names (see :class:`Query`).

    >>> from newsdesk.model import Block
    >>> arts = [Article(body=[Block("paragraph", "Reforms were promised.")]),
    ...         Article(body=[Block("paragraph", "Crowds cheered.")])]
    >>> [a.text for a in query_articles(arts, "reform")]
    ['Reforms were promised.']
    """
    if not stems(query or ""):
        return list(articles)
    keep = {s.article for s in query_sentences(dated_sentences(articles), query)[0]}
    return [article for index, article in enumerate(articles) if index in keep]


def timeline(articles: Sequence[Article], query: str | None = None, max_dates: int = 10,
             sentences_per_date: int = 1) -> list[tuple[str, list[str]]]:
    """The key dates of a set of articles and what happened on each, in date order.

    ``query`` keeps only articles that contain one of its words and favours sentences that hold them; words that
    are a person's full name ("jeb bush") keep the articles naming that person and favour the sentences that do
    (see :class:`Query`).

    >>> from newsdesk.model import Block, TimeExpression
    >>> def art(day, text, times):
    ...     return Article(published=day, body=[Block("paragraph", text)], enrichment=Enrichment(times=[
    ...         TimeExpression(t, "DATE", v, text.index(t), text.index(t) + len(t)) for t, v in times]))
    >>> arts = [art("2011-01-26", "Crowds filled Tahrir Square in Cairo on Tuesday.", [("Tuesday", "2011-01-25")]),
    ...         art("2011-01-27", "Crowds filled Tahrir Square on Tuesday.", [("Tuesday", "2011-01-25")]),
    ...         art("2011-02-12", "Hosni Mubarak resigned on Friday after weeks.", [("Friday", "2011-02-11")])]
    >>> for day, said in timeline(arts, max_dates=2):
    ...     print(day, said)
    2011-01-25 ['Crowds filled Tahrir Square in Cairo on Tuesday.']
    2011-02-11 ['Hosni Mubarak resigned on Friday after weeks.']
    """
    if max_dates <= 0 or sentences_per_date <= 0:
        return []
    return timeline_of(*query_sentences(dated_sentences(articles), query), max_dates, sentences_per_date)


def timeline_of(sentences: Sequence[DatedSentence], about: Query, max_dates: int = 10,
                sentences_per_date: int = 1) -> list[tuple[str, list[str]]]:
    """:func:`timeline` from the sentences :func:`query_sentences` keeps and its query, for a caller that has them
    already (the benchmark reads them once per timeline for its rankings and baselines too).

    >>> s = [DatedSentence("Hosni Mubarak resigned on Friday after weeks.", ("2011-02-11",), "2011-02-12", 0, 0)]
    >>> timeline_of(*query_sentences(s, "mubarak"))
    [('2011-02-11', ['Hosni Mubarak resigned on Friday after weeks.'])]
    """
    if max_dates <= 0 or sentences_per_date <= 0:
        return []
    idf = _idf(sentences)
    chosen: dict[str, list[tuple[str, dict[str, float]]]] = {}
    for day in rank_dates(sentences, about):
        if len(chosen) >= max_dates:
            break
        picked = _pick(day, sentences, idf, about, chosen, sentences_per_date)
        if picked:
            chosen[day] = picked
    return [(day, [text for text, _ in chosen[day]]) for day in sorted(chosen)]


def _pick(day: str, sentences: Sequence[DatedSentence], idf: dict[str, float], query: Query,
          chosen: dict[str, list[tuple[str, dict[str, float]]]], wanted: int) -> list[tuple[str, dict[str, float]]]:
    candidates = [s for s in _candidates(day, sentences) if _usable(s)]
    if not candidates:
        return []
    vectors = [_vector(s.text, idf) for s in candidates]
    centre: Counter[str] = Counter()
    for vec in vectors:
        centre.update(vec)
    norm = math.sqrt(sum(v * v for v in centre.values())) or 1.0
    centroid = {w: v / norm for w, v in centre.items()}

    def score(index: int) -> tuple[float, int, int]:
        relevance = query.relevance(candidates[index])
        own = SUBJECT_SENTENCE if query.subject_led(candidates[index]) else 0.0
        return (-(_cosine(vectors[index], centroid) + 0.5 * relevance + own), candidates[index].article,
                candidates[index].position)

    current = date.fromisoformat(day)
    nearby = [vec for other, picked in chosen.items() if abs((date.fromisoformat(other) - current).days) <= 1
              for _, vec in picked]
    out: list[tuple[str, dict[str, float]]] = []
    seen_texts: set[str] = set()
    for index in sorted(range(len(candidates)), key=score):
        text = candidates[index].text
        key = " ".join(_tokens(text))
        if key in seen_texts or any(_cosine(vectors[index], vec) >= REPEAT_COSINE for vec in nearby):
            continue
        out.append((text, vectors[index]))
        nearby.append(vectors[index])
        seen_texts.add(key)
        if len(out) >= wanted:
            break
    return out

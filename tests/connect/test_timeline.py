"""Timelines: dates ranked by mentions and publications, sentences by centrality, repeats across adjacent days
skipped; the metrics (Date-F1, alignment ROUGE); Timeline17 dev when the shared data and the cache are there."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from newsdesk.connect.timeline import (
    DatedSentence,
    Query,
    dated_sentences,
    query_articles,
    query_sentences,
    rank_dates,
    split_sentences,
    stems,
    timeline,
    timeline_of,
)
from newsdesk.connect.timeline_eval import alignment_rouge, date_average_precision, date_f1, mean_scores
from newsdesk.model import Article, Block, Enrichment, Entity, Mention, Quote, TimeExpression

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"


def _article(published: str, text: str, times: list[tuple[str, str]]) -> Article:
    expressions = [TimeExpression(t, "DATE", v, text.index(t), text.index(t) + len(t)) for t, v in times]
    return Article(published=published, body=[Block("paragraph", text)], enrichment=Enrichment(times=expressions))


def _egypt() -> list[Article]:
    return [
        _article("2011-01-26", "Thousands of protesters marched in Cairo on Tuesday against Hosni Mubarak. "
                 "The police used tear gas in the city centre.", [("Tuesday", "2011-01-25")]),
        _article("2011-01-27", "Protesters returned after Tuesday's march in Cairo against the president. "
                 "The stock market in Cairo fell sharply.", [("Tuesday", "2011-01-25")]),
        _article("2011-01-29", "The army was deployed on Friday as protests spread to Suez and Alexandria. "
                 "A curfew was declared by the government.", [("Friday", "2011-01-28")]),
        _article("2011-02-12", "Hosni Mubarak resigned on Friday after eighteen days of protests. "
                 "Crowds in Tahrir Square celebrated through the night.", [("Friday", "2011-02-11")]),
        _article("2011-02-12", "Mubarak stepped down as president on Friday, handing power to the army. "
                 "Celebrations went on in Cairo.", [("Friday", "2011-02-11")]),
    ]


def test_sentences_split_at_ends_and_newlines() -> None:
    text = 'He said: "We leave." Then they left.\n\nU.S. troops stay in 2026.'
    assert [text[s:e] for s, e in split_sentences(text)] == ['He said: "We leave."', "Then they left.",
                                                             "U.S. troops stay in 2026."]


def test_a_title_or_an_initial_ends_no_sentence_so_the_dated_sentence_keeps_its_subject() -> None:
    text = "On Sunday, Mr. Rubio and Sen. Ted Cruz urged unity. J. Smith left. It was 5 p.m. Rain fell."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "On Sunday, Mr. Rubio and Sen. Ted Cruz urged unity.", "J. Smith left.", "It was 5 p.m.", "Rain fell."]
    article = _article("2016-02-22", text, [("Sunday", "2016-02-21")])
    assert [s.text for s in dated_sentences([article]) if s.mentions] == [
        "On Sunday, Mr. Rubio and Sen. Ted Cruz urged unity."]
    assert rank_dates(dated_sentences([article]), stems("cruz")) == ["2016-02-21"]


def test_dated_sentences_keep_day_granularity_dates_only() -> None:
    text = "It ends in 2026. It began on Tuesday."
    article = _article("2025-10-01", text, [("2026", "2026"), ("Tuesday", "2025-09-30")])
    assert [s.mentions for s in dated_sentences([article])] == [(), ("2025-09-30",)]


def test_a_pages_update_stamp_is_no_mention_so_the_event_day_outranks_the_report_day() -> None:
    """An evening verdict in Los Angeles (one report that day) is reported in London the next morning (four pages,
    each with a "Last updated at" stamp of its own day in its first sentence) and looked back on in the days after.
    A stamp says when the page went out, not when anything happened: it is no mention (``DatedSentence.stamps``).
    Counted, the four stamps (4 x 0.5) and the four pages (4) made 8 November outrank the verdict's day (1 + 4 x
    (0.5 + 0.5))."""
    stamps = ["8 November 2011 Last updated at 06:28 GMT Help The doctor was found guilty.",
              "Page last updated at 07:48 GMT, Tuesday, 8 November 2011 The jury reached its verdict."]
    pages = [_article("2011-11-08", stamps[k % 2], [("8 November 2011", "2011-11-08")]) for k in range(4)]
    evening = _article("2011-11-07", "The jury found the doctor guilty in Los Angeles.", [])
    later = [_article(f"2011-11-{day}", "Since the verdict on Monday, fans have gathered.", [("Monday", "2011-11-07")])
             for day in ("09", "10", "11", "12")]
    assert [s.mentions for s in dated_sentences(pages)] == [()] * 4
    assert rank_dates(dated_sentences([*pages, evening, *later]))[:2] == ["2011-11-07", "2011-11-08"]
    # The stamped first sentence, the page's headline and summary, is still a line for the day the page went out.
    assert dict(timeline([*pages, evening, *later], max_dates=2))["2011-11-08"][0] in stamps


def test_a_wire_or_byline_dateline_leaves_the_news_peg_to_the_day_the_lead_reports() -> None:
    """A dateline comes first in a lead, so counted as a mention it was the news peg: the report's day, not the
    day it reports."""
    wire = "NEW YORK, Nov. 19 (UPI) — The senator said Tuesday that he would run."
    byline = "November 19, 2015 | By A. Writer The senator said Tuesday that he would run."
    articles = [_article("2015-11-19", text, [(day, "2015-11-19"), ("Tuesday", "2015-11-17")])
                for text, day in ((wire, "Nov. 19"), (byline, "November 19, 2015"))]
    assert [s.mentions for s in dated_sentences(articles)] == [("2015-11-17",), ("2015-11-17",)]
    assert rank_dates(dated_sentences(articles)) == ["2015-11-17"]


def test_a_clock_alone_or_a_weekday_read_six_days_back_is_no_mention() -> None:
    """A clock time alone names no day of its own (a live page's entry stamp: enrichment dates it by the page's date
    or the day named before it), and a weekday alone that enrichment puts six days back is also the name of the
    day after publication, the one it usually means ("calls on its followers to march Friday" on a Thursday):
    neither is a vote for a day. A weekday that is nearer, or a week back with "last", still is."""
    def page(published: str, text: str, times: list[tuple[str, str, str]]) -> Article:
        return Article(published=published, body=[Block("paragraph", text)], enrichment=Enrichment(times=[
            TimeExpression(t, kind, v, text.index(t), text.index(t) + len(t)) for t, kind, v in times]))

    live = page("2011-01-27", "(Update 3 p.m. Cairo, 8 a.m. ET) The Brotherhood calls on its followers to march "
                "Friday.", [("3 p.m.", "TIME", "2011-01-27T15:00"), ("8 a.m. ET", "TIME", "2011-01-27T08:00"),
                            ("Friday", "DATE", "2011-01-21")])
    report = page("2011-01-27", "Police fired tear gas on Tuesday, and last Thursday the cabinet met.",
                  [("Tuesday", "DATE", "2011-01-25"), ("last Thursday", "DATE", "2011-01-20")])
    assert [day for s in dated_sentences([live, report]) for day in s.mentions] == ["2011-01-25", "2011-01-20"]
    assert "2011-01-21" not in rank_dates(dated_sentences([live] * 3 + [report]))


def test_a_timeline_of_the_sentences_read_once_is_the_timeline() -> None:
    """``timeline_of`` is ``timeline`` for a caller that has read the sentences already (the benchmark reads them
    once per timeline over a window's articles, then keeps those about the query): the same days and lines."""
    articles = _egypt()
    for query in (None, "cairo", "army troops"):
        kept, about = query_sentences(dated_sentences(articles), query)
        assert timeline_of(kept, about, 3) == timeline(articles, query, 3), query


def test_dates_rank_by_mentions_then_publications() -> None:
    ranked = rank_dates(dated_sentences(_egypt()))
    assert ranked[:3] == ["2011-01-25", "2011-02-11", "2011-01-28"]


def test_timeline_picks_the_mentioning_sentence_and_orders_by_date() -> None:
    result = timeline(_egypt(), max_dates=3)
    assert [day for day, _ in result] == ["2011-01-25", "2011-01-28", "2011-02-11"]
    assert result[1][1] == ["The army was deployed on Friday as protests spread to Suez and Alexandria."]
    assert all(len(sentences) == 1 for _, sentences in result)


def test_query_keeps_matching_articles_and_favours_its_words() -> None:
    result = dict(timeline(_egypt(), query="army", max_dates=5))
    assert "2011-01-28" in result
    assert set(result) <= {"2011-01-28", "2011-01-29", "2011-02-11", "2011-02-12"}
    assert "army" in result["2011-02-11"][0]


def test_a_sentence_repeated_on_the_next_day_is_not_chosen_twice() -> None:
    same = "Protesters filled Tahrir Square in Cairo demanding that the president resign now."
    articles = [_article("2011-01-26", same + " More came on Tuesday.", [("Tuesday", "2011-01-25")]),
                _article("2011-01-26", same, []),
                _article("2011-01-27", same + " Then on Wednesday again.", [("Wednesday", "2011-01-26")])]
    result = timeline(articles, max_dates=3, sentences_per_date=2)
    chosen = [s for _, sentences in result for s in sentences]
    assert chosen.count(same) <= 1


def test_empty_and_degenerate_inputs() -> None:
    assert timeline([]) == []
    assert timeline(_egypt(), max_dates=0) == []
    assert timeline([Article(enrichment=Enrichment())]) == []


def test_an_article_without_enrichment_is_enriched_for_its_dates() -> None:
    article = Article(published="2025-10-01", body=[Block("paragraph",
                      "The Pentagon announced on Tuesday that the coalition would leave Iraq.")])
    assert [day for day, _ in timeline([article])] == ["2025-09-30"]


def test_a_day_later_reports_look_back_on_outranks_a_day_with_more_reports() -> None:
    """Three reports published on 3 March and one on 1 March; 1 March is mentioned by three articles of the
    following week (RECALL_DAYS or more after it): it is the day the timeline ranks first."""
    def dated(article: int, published: str, mentions: tuple[str, ...] = (), position: int = 0) -> DatedSentence:
        return DatedSentence("Report.", mentions, published, article, position)

    reports = [dated(0, "2025-03-03"), dated(1, "2025-03-03"), dated(2, "2025-03-03"), dated(3, "2025-03-01")]
    later = [dated(4, "2025-03-08", ("2025-03-01",)), dated(5, "2025-03-09", ("2025-03-01",)),
             dated(6, "2025-03-10", ("2025-03-01",))]
    # Without a query every mention counts twice. 1 March: one peg + 3 x (2 x 0.25 + recall 0.5) = 4, where
    # mentions alone gave 2.5; 3 March: three pegs = 3.
    assert rank_dates(reports + later)[:2] == ["2025-03-01", "2025-03-03"]
    # Mentioned the next day, further down that day's reports, it is no recall: 1 + 3 x 0.5 = 2.5 < 3.
    next_day = [sentence for k in (4, 5, 6) for sentence in (dated(k, "2025-03-02"),
                                                             dated(k, "2025-03-02", ("2025-03-01",), 1))]
    assert rank_dates(reports + next_day)[:3] == ["2025-03-02", "2025-03-03", "2025-03-01"]



def test_with_a_query_only_sentences_that_hold_it_look_back() -> None:
    """A strike called on 1 March and begun on 3 March (two reports). Three articles of the next week hold the
    query but look back on 1 March in a sentence about something else (a round-up's other story): for the query
    that is no look-back, and 3 March leads; when those sentences are about the strike, 1 March does."""
    def dated(article: int, published: str, text: str, mentions: tuple[str, ...] = (),
              position: int = 0) -> DatedSentence:
        return DatedSentence(text, mentions, published, article, position)

    reports = [dated(0, "2025-03-03", "Workers began the strike."), dated(1, "2025-03-03", "The strike began."),
               dated(2, "2025-03-01", "Unions called a strike.")]

    def week_after(about: str) -> list[DatedSentence]:
        return [sentence for k, day in ((3, "2025-03-08"), (4, "2025-03-09"), (5, "2025-03-10"))
                for sentence in (dated(k, day, "Markets rose on the week."),
                                 dated(k, day, f"Since March 1 the {about} went on.", ("2025-03-01",), 1),
                                 dated(k, day, "Another strike is feared.", (), 2))]

    terms = stems("strike")
    # Off the query: 1 March = one peg + 3 x 0.25 x OFF_QUERY_MENTION (0.5) = 1.375 < 3 March's two pegs.
    # (Before look-backs were tied to the query: 1 + 3 x (0.25 + 0.5) = 3.25, and 1 March led.)
    assert rank_dates(reports + week_after("market rally"), terms)[:2] == ["2025-03-03", "2025-03-01"]
    # On the query: 1 + 3 x (2 x 0.25 + 0.5) = 4.
    assert rank_dates(reports + week_after("strike"), terms)[:2] == ["2025-03-01", "2025-03-03"]


def test_with_a_query_a_day_whose_sentence_opens_with_it_outranks_background_mentions() -> None:
    """Two articles mention 3 March in a sentence where the police are background to the crowd's day, one mentions
    4 March in a sentence that opens with the police: that is the subject's own day and leads for the query.
    Without a query no sentence is about anything in particular, and the two voices for 3 March lead."""
    def dated(article: int, text: str, day: str) -> DatedSentence:
        return DatedSentence(text, (day,), "2025-03-04", article, 1)

    background = [dated(0, "Crowds cheered as the police left on Monday.", "2025-03-03"),
                  dated(1, "Shops reopened after the police withdrew on Monday.", "2025-03-03")]
    own = [dated(2, "The police fired tear gas on Tuesday.", "2025-03-04")]
    # For "police": 3 March = 2 x (2 x 0.25) = 1; 4 March = 2 x 0.25 x (1 + SUBJECT_BOOST 3) = 2.
    assert rank_dates(background + own, stems("police")) == ["2025-03-04", "2025-03-03"]
    assert rank_dates(background + own) == ["2025-03-03", "2025-03-04"]


def test_with_a_query_a_day_its_subject_is_quoted_on_counts_as_the_subjects_own() -> None:
    """Enrichment attributes the second sentence's quote to Ted Cruz through "he": the sentence names no query word,
    yet it is his day, and it outweighs two sentences where Cruz is only in the background. An organisation quoted
    is no subject speaking, and without a query the speaker changes nothing."""
    text = "Cruz campaigned in Iowa. On Monday, he said: \u201cWe will win.\u201d"
    said = text.index("he said")
    cruz = Quote("We will win.", "Ted Cruz", None, "direct", "said", said + 10, len(text) - 1, said, said + 2,
                 "PERSON")
    monday = [TimeExpression("Monday", "DATE", "2016-03-14", text.index("Monday"), text.index("Monday") + 6)]
    article = Article(published="2016-03-15", body=[Block("paragraph", text)],
                      enrichment=Enrichment(quotes=[cruz], times=monday))
    sentences = dated_sentences([article])
    assert [(s.mentions, s.speakers) for s in sentences] == [((), ()), (("2016-03-14",), ("Ted Cruz",))]
    background = [DatedSentence(f"Trump mocked Cruz {n} on Sunday.", ("2016-03-13",), "2016-03-14", k, 1)
                  for k, n in ((1, "again"), (2, "twice"))]
    # For "cruz": 14 March = 2 x 0.25 x (1 + SUBJECT_BOOST 3) = 2; 13 March = 2 x (2 x 0.25) = 1.
    assert rank_dates([*sentences, *background], stems("cruz"))[:2] == ["2016-03-14", "2016-03-13"]
    unqueried = rank_dates([*sentences, *background])
    assert unqueried.index("2016-03-13") < unqueried.index("2016-03-14")
    body = dataclasses.replace(cruz, speaker="Senate Judiciary Committee", speaker_type="ORG")
    spoke = dataclasses.replace(article, enrichment=Enrichment(quotes=[body], times=monday))
    assert [s.speakers for s in dated_sentences([spoke])] == [(), ()]


def test_with_a_query_the_days_line_is_the_subjects_own_sentence() -> None:
    """Two reports of 25 January have the crowd march past the police, one has the police fire: for "police" the
    day's line is the police's act, though the crowd's sentence is nearer the day's centre, which is what a timeline
    without a query shows."""
    reports = [_article("2011-01-26", text, [("Tuesday", "2011-01-25")]) for text in (
        "Crowds marched past police lines in central Cairo on Tuesday.",
        "Crowds marched past police lines in Cairo on Tuesday afternoon.",
        "Police fired tear gas at the marchers on Tuesday.")]
    assert timeline(reports, "police", 1) == [("2011-01-25", ["Police fired tear gas at the marchers on Tuesday."])]
    assert timeline(reports, None, 1) == [("2011-01-25", ["Crowds marched past police lines in central Cairo on "
                                                          "Tuesday."])]


def test_metrics_follow_their_definitions() -> None:
    reference = {"2011-01-25": ["Protests begin in Cairo"], "2011-02-11": ["Mubarak resigns"]}
    assert date_f1(reference, reference)["f1"] == 1.0
    assert date_f1({"2011-01-26": ["x"]}, reference)["f1"] == 0.0
    # One day off: the content still counts, halved.
    off = alignment_rouge({"2011-02-12": ["Mubarak resigns"]}, reference, 1)
    assert off["precision"] == pytest.approx(0.5) and off["recall"] == pytest.approx(1 / 6)
    assert alignment_rouge({"2011-02-11": ["Mubarak resigns"]}, reference, 2)["precision"] == 1.0
    assert alignment_rouge({}, reference)["f1"] == 0.0
    assert mean_scores([]) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    # Average precision of a ranking: both reference days first is 1; one of them third, (1 + 2/3) / 2; absent, 0.
    assert date_average_precision(["2011-02-11", "2011-01-25", "2011-01-26"], reference) == 1.0
    assert date_average_precision(["2011-01-25", "2011-01-26", "2011-02-11"], reference) == pytest.approx(5 / 6)
    assert date_average_precision(["2011-01-26"], reference) == 0.0


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "data" / "timeline17-dev").is_dir(), reason="../shared not present")
def test_timeline17_dev_date_f1() -> None:
    """Both development topics, as the data README defines the task (the first run enriches them into the
    benchmark's cache)."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.connect_stories import run_timelines

    scores = run_timelines(None)  # type: ignore[arg-type]
    assert scores["newsdesk timeline (Datewise-style)"]["date"] >= 0.5


def _campaign(published: str, text: str, day: tuple[str, str], persons: list[tuple[str, list[str]]]) -> Article:
    """An article with one DATE expression and PERSON entities (name, the texts of its mentions, in order)."""
    entities = []
    for name, said in persons:
        at, mentions = 0, []
        for words in said:
            at = text.index(words, at)
            mentions.append(Mention(words, at, at + len(words)))
            at += len(words)
        entities.append(Entity(name, "PERSON", mentions))
    start = text.index(day[0])
    times = [TimeExpression(day[0], "DATE", day[1], start, start + len(day[0]))]
    return Article(published=published, body=[Block("paragraph", text)],
                   enrichment=Enrichment(entities=entities, times=times))


def _bushes() -> list[Article]:
    return [
        _campaign("2016-02-07", "Jeb Bush rallied in New Hampshire. Bush attacked Trump on Saturday.",
                  ("Saturday", "2016-02-06"), [("Jeb Bush", ["Jeb Bush", "Bush"])]),
        _campaign("2016-02-16", "George W. Bush campaigned for his brother. Bush spoke in Charleston on Monday.",
                  ("Monday", "2016-02-15"), [("George W. Bush", ["George W. Bush"]), ("Bush", ["Bush"])]),
        _campaign("2016-02-11", "Bush signed the tax cut on Wednesday, a former aide recalled.",
                  ("Wednesday", "2016-02-10"), [("Bush", ["Bush"])]),
        _campaign("2016-02-12", "Donald Trump mocked Jeb Bush. On Thursday, George W. Bush defended his record.",
                  ("Thursday", "2016-02-11"), [("Donald Trump", ["Donald Trump"]), ("Jeb Bush", ["Jeb Bush"]),
                                               ("George W. Bush", ["George W. Bush"])]),
    ]


def test_a_query_naming_a_person_means_that_person_not_every_namesake() -> None:
    """"jeb bush" is a PERSON enrichment names, so it means him: articles writing his full name, and in them the
    sentences that name him, or call him "Bush" once his full name has come; a "Bush" that is another person (George W.
    Bush's article, a lone "Bush" in an article never naming Jeb) is not him. Asked for "bush", every Bush counts."""
    articles = _bushes()
    assert query_articles(articles, "jeb bush") == [articles[0], articles[3]]
    assert query_articles(articles, "bush") == articles
    assert query_articles(articles, "Jeb Bush") == [articles[0], articles[3]]
    sentences, query = query_sentences(dated_sentences(articles), "jeb bush")
    assert query.name == ("jeb", "bush")
    assert [(s.article, s.position) for s in sentences if query.holds(s)] == [(0, 0), (0, 1), (3, 0)]
    # 6 February is his day (he attacked Trump); 11 February only his brother's, mentioned beside his name.
    assert rank_dates(sentences, query)[0] == "2016-02-06"
    ranked = rank_dates(sentences, query)
    assert ranked.index("2016-02-06") < ranked.index("2016-02-11")
    assert [day for day, _ in timeline(articles, "jeb bush", 5)] == sorted(ranked[:5])
    assert "2016-02-15" not in dict(timeline(articles, "jeb bush", 5))
    assert "2016-02-15" in dict(timeline(articles, "bush", 5))


def test_the_surname_alone_names_the_person_only_after_the_full_name() -> None:
    """News writing introduces a person by full name, then writes the surname: a "Bush" before the full name, or
    inside another person's name, is not him."""
    text = "Bush signed it on Monday. Jeb Bush said so. Bush left. George W. Bush stayed. Laura Bush and Bush spoke."
    article = _campaign("2016-02-16", text, ("Monday", "2016-02-15"),
                        [("Jeb Bush", ["Jeb Bush"]), ("George W. Bush", ["George W. Bush"]),
                         ("Laura Bush", ["Laura Bush"])])
    sentences, query = query_sentences(dated_sentences([article]), "jeb bush")
    assert [s.text for s in sentences if query.holds(s)] == ["Jeb Bush said so.", "Bush left.",
                                                             "Laura Bush and Bush spoke."]


def test_single_words_and_words_that_name_no_person_match_word_by_word_as_before() -> None:
    """A one-word query, and words that are no PERSON's full name in the articles ("trump bush": two people; "tax
    cut"), keep every article holding one of the words by stem and weigh sentences by them, exactly as before names
    were read: the same articles, the same ranking, the same timeline as the word-by-word match."""
    articles = _bushes()
    sentences = dated_sentences(articles)
    for text in ("bush", "Bush", "trump bush", "tax cut", "George"):
        terms = stems(text)
        kept, query = query_sentences(sentences, text)
        assert query == Query(terms)
        holding = {s.article for s in sentences if terms & stems(s.text)}
        assert kept == [s for s in sentences if s.article in holding]
        assert query_articles(articles, text) == [a for k, a in enumerate(articles) if k in holding]
        assert rank_dates(kept, query) == rank_dates(kept, terms)
        assert [query.holds(s) for s in kept] == [bool(terms & stems(s.text)) for s in kept]
    # Without enrichment's PERSON entity, two capitalised words are no name either.
    bare = [dataclasses.replace(a, enrichment=Enrichment(times=a.enrichment.times)) for a in articles
            if a.enrichment is not None]
    assert Query.read("jeb bush", dated_sentences(bare)) == Query(stems("jeb bush"))

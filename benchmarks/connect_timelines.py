"""Timelines: Date-F1 and alignment ROUGE of newsdesk's timeline beside simple baselines, on the timeline gold
of ``tests/connect/gold/timelines.jsonl`` (per topic, and macro over each split) and on Timeline17 dev.

The gold (its README says how it is made) cuts the two Timeline17 development topics into twelve timelines
whose reference dates and sentences are the journalists' own: episodes of the Michael Jackson / Dr Murray case
(the reference dates inside a window of the case), and timelines of one subject (the dates whose reference
sentences name it: Omar Suleiman, the army, propofol, ...). Each is split into ``dev`` or ``heldout`` by a
hash of its topic id, fixed before any tuning; newsdesk's constants were chosen on ``dev`` only. Batch 4 adds
eight subject timelines of the 2016 US campaign read from PolNeAR's articles (``POLNEAR_TOPICS``), each date a
journalist's sentence of an input article that places the subject's event on that day; batches 5-7 add more
PolNeAR subjects by the same rule over its earlier and whole span, and batch 7 five more Timeline17 MJ subjects.

Task and metric as ``../shared/data/README.md`` defines them for Timeline17: input = the source topic's
articles published inside the topic's window, and its query; ask for as many dates as the reference has and
round(mean reference sentences per date) sentences each; Date-F1 on the days, AR1-F / AR2-F (align+ m:1);
precision and recall averaged over timelines, F from those means. Beside them, per split: the standard error of
the per-timeline Date-F1, and rank MAP, the mean average precision of each system's whole ranking of days (where
every reference day is ranked, not only whether it made the cut: a steadier figure for choosing on a few timelines).

Systems, all given the same articles: those newsdesk's ``timeline`` keeps for the query (``query_articles``:
holding a query word by its stem, or, for a person's full name, naming that person).

* **newsdesk**: ``newsdesk.connect.timeline.timeline``.
* **PUBCOUNT**: the days with the most articles published (ties: the earlier), each day's leads as sentences.
* **MENTIONS**: the days the most articles mention (enrichment's resolved dates), inside the input's span.
* **RANDOM**: days drawn uniformly from the input's publication span, mean over 50 seeds.

Usage: ``python benchmarks/connect_timelines.py [--out results.json] [--make-gold] [--split dev|heldout|all]
[--batches 1,2,3,4,5,6]``
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.connect_stories import SHARED, T17, t17_topic  # noqa: E402
from newsdesk.textsplit import ABBREVIATIONS  # noqa: E402

GOLD = ROOT / "tests" / "connect" / "gold" / "timelines.jsonl"
SOURCES = {"t17-mj": "MJ", "t17-egypt": "EgyptianProtest"}
RANDOM_SEEDS = 50

#: Episodes: the reference dates inside a window of the case (the windows end where the journalists' timeline
#: pauses for months). Subjects: the dates whose reference sentences name the subject (``pattern``), read and
#: listed in ``dates`` so that a pattern that drifts fails loudly instead of changing the gold.
TOPICS: list[dict[str, Any]] = [
    {"topic": "t17-mj:death-investigation", "kind": "episode", "query": "michael jackson",
     "window": ["2009-06-25", "2009-11-21"]},
    {"topic": "t17-mj:charge-to-licence", "kind": "episode", "query": "michael jackson",
     "window": ["2010-02-08", "2010-12-08"]},
    {"topic": "t17-mj:pretrial-2011", "kind": "episode", "query": "michael jackson",
     "window": ["2011-01-04", "2011-08-30"]},
    {"topic": "t17-mj:trial", "kind": "episode", "query": "michael jackson", "window": ["2011-09-24", "2011-11-29"]},
    {"topic": "t17-mj:propofol", "kind": "subject", "query": "propofol", "pattern": r"propofol",
     "dates": ["2009-08-29", "2009-11-21", "2010-02-08", "2011-01-04", "2011-09-27", "2011-09-30", "2011-10-12",
               "2011-10-20", "2011-10-26"]},
    {"topic": "t17-mj:police-dea", "kind": "subject", "query": "police dea raid",
     "pattern": r"\bpolice\b|\bDEA\b|raided|Drug Enforcement",
     "dates": ["2009-06-28", "2009-07-22", "2009-07-28", "2009-11-21", "2011-10-08"]},
    {"topic": "t17-egypt:suleiman", "kind": "subject", "query": "suleiman", "pattern": r"Suleiman|vice president",
     "dates": ["2011-01-31", "2011-02-06", "2011-02-08", "2011-02-10", "2011-02-11"]},
    {"topic": "t17-egypt:army", "kind": "subject", "query": "army military troops",
     "pattern": r"\barmy\b|troops|military command|Armed Forces|warplanes|Egypt's military",
     "dates": ["2011-01-28", "2011-01-30", "2011-01-31", "2011-02-02", "2011-02-11", "2011-02-13"]},
    {"topic": "t17-egypt:press", "kind": "subject", "query": "journalists internet media",
     "pattern": r"journalist|internet|text-messaging|newsroom|Al-Jazeera|free media",
     "dates": ["2011-01-27", "2011-02-03", "2011-02-04", "2011-02-06"]},
    {"topic": "t17-egypt:suez-alexandria", "kind": "subject", "query": "suez alexandria", "pattern": r"Suez|Alexandria",
     "dates": ["2011-01-25", "2011-01-26", "2011-01-28", "2011-01-29"]},
    {"topic": "t17-egypt:casualties", "kind": "subject", "query": "killed dead wounded",
     "pattern": r"killed|\bdead\b|wounded|death toll",
     "dates": ["2011-01-25", "2011-01-26", "2011-01-29", "2011-02-09"]},
    {"topic": "t17-egypt:reform", "kind": "subject", "query": "reform constitution",
     "pattern": r"reforms\b|reform with|amend|suspending the constitution|concessions",
     "dates": ["2011-01-29", "2011-01-31", "2011-02-06", "2011-02-08", "2011-02-13"]},
    # Batch 2 (2026-12-06): eight more subjects by the same rule, chosen and read before any system ran on them.
    {"topic": "t17-mj:judge", "kind": "subject", "query": "judge", "pattern": r"\b[Jj]udge\b", "batch": 2,
     "dates": ["2010-02-08", "2010-06-14", "2011-07-25", "2011-11-01", "2011-11-29"]},
    {"topic": "t17-mj:jury", "kind": "subject", "query": "jury jurors", "pattern": r"\b[Jj]ur(?:y|ors?)\b", "batch": 2,
     "dates": ["2011-03-03", "2011-09-24", "2011-10-06", "2011-11-03", "2011-11-07"]},
    {"topic": "t17-mj:paramedics", "kind": "subject", "query": "paramedics ambulance",
     "pattern": r"[Pp]aramedic|ambulance", "batch": 2,
     "dates": ["2009-06-25", "2011-01-04", "2011-09-29", "2011-09-30"]},
    {"topic": "t17-mj:defense", "kind": "subject", "query": "defense lawyers",
     "pattern": r"(?<!own )\b[Dd]efen[cs]e\b|lawyers", "batch": 2,
     "dates": ["2011-05-02", "2011-08-30", "2011-09-27", "2011-10-12", "2011-10-24", "2011-10-28", "2011-10-31",
               "2011-11-03"]},
    {"topic": "t17-mj:prosecution", "kind": "subject", "query": "prosecutors prosecution", "pattern": r"[Pp]rosecut",
     "batch": 2, "dates": ["2011-01-04", "2011-05-02", "2011-08-30", "2011-09-27", "2011-10-12", "2011-10-20",
                           "2011-11-03"]},
    {"topic": "t17-egypt:police", "kind": "subject", "query": "police", "pattern": r"\b[Pp]olice\b", "batch": 2,
     "dates": ["2011-01-25", "2011-01-26", "2011-01-28", "2011-02-02", "2011-02-09"]},
    {"topic": "t17-egypt:clashes", "kind": "subject", "query": "clashes battle", "pattern": r"[Cc]lash|\b[Bb]attle",
     "batch": 2, "dates": ["2011-01-25", "2011-01-28", "2011-01-29", "2011-02-02", "2011-02-03", "2011-02-04",
                           "2011-02-09"]},
    {"topic": "t17-egypt:resignation", "kind": "subject", "query": "resigned resignation resign",
     "pattern": r"quits|resign|stand down|stepped down|would step down|refusing to step down", "batch": 2,
     "dates": ["2011-02-01", "2011-02-03", "2011-02-10", "2011-02-11", "2011-02-12", "2011-02-13"]},
    # Batch 3 (2026-12-06): three more subjects by the same rule, chosen and read before any system ran on them.
    {"topic": "t17-mj:houston-las-vegas", "kind": "subject", "query": "houston vegas nevada",
     "pattern": r"Houston|Las Vegas|Nevada", "batch": 3,
     "dates": ["2009-07-22", "2009-07-28", "2009-07-29", "2009-11-21"]},
    {"topic": "t17-egypt:opposition", "kind": "subject", "query": "opposition", "pattern": r"\b[Oo]pposition\b",
     "batch": 3, "dates": ["2011-01-27", "2011-01-31", "2011-02-02", "2011-02-06", "2011-02-07"]},
    {"topic": "t17-egypt:government", "kind": "subject", "query": "government authorities officials",
     "pattern": r"(?<!anti-)(?<!representative )\b[Gg]overnment\b(?! buildings)|[Aa]uthorities|Egyptian officials",
     "batch": 3, "dates": ["2011-01-27", "2011-01-31", "2011-02-02", "2011-02-03", "2011-02-07", "2011-02-08",
                           "2011-02-09"]},
    # Batch 7 (2026-12-07): five more MJ subjects by the same rule, chosen and read before any system ran on them.
    {"topic": "t17-mj:manslaughter", "kind": "subject", "query": "manslaughter homicide",
     "pattern": r"[Mm]anslaughter|homicide", "batch": 7,
     "dates": ["2009-07-22", "2009-08-29", "2010-02-08", "2011-01-11", "2011-11-07"]},
    {"topic": "t17-mj:bail-prison", "kind": "subject", "query": "bail custody jail prison sentenced",
     "pattern": r"\bbail\b|prison|jail|custody|sentence[ds]?\b", "batch": 7,
     "dates": ["2010-02-08", "2011-01-11", "2011-11-07", "2011-11-29"]},
    {"topic": "t17-mj:resuscitation", "kind": "subject", "query": "cpr resuscitate revive",
     "pattern": r"CPR|resuscitat|revive", "batch": 7,
     "dates": ["2009-06-25", "2011-01-04", "2011-09-30", "2011-10-04"]},
    {"topic": "t17-mj:sedatives-painkillers", "kind": "subject", "query": "sedatives painkillers demerol",
     "pattern": r"[Ss]edatives|[Pp]ainkiller|Demerol", "batch": 7,
     "dates": ["2009-08-29", "2011-08-30", "2011-10-08", "2011-10-28"]},
    {"topic": "t17-mj:evidence", "kind": "subject", "query": "evidence", "pattern": r"\bevidence\b", "batch": 7,
     "dates": ["2009-07-22", "2011-07-25", "2011-08-30", "2011-11-29"]},
]

#: Batch 4 (2026-12-06): subject timelines of the 2016 US campaign from PolNeAR's articles (README_timelines.md's
#: rule): each date is (article id prefix, words of the journalist's sentence that places the subject's event on that
#: day), read by hand; ``make_gold`` takes the whole sentence from the article and checks that it is there.
POLNEAR_WINDOW = ("2016-06-01", "2016-10-07")
POLNEAR_SOURCE = "polnear/2016-campaign"
POLNEAR_TOPICS: list[dict[str, Any]] = [
    {"topic": "polnear:sanders", "query": "sanders", "dates": [
        ("2016-06-02", "usa-today_2016-06-03_calif", "Sanders said Thursday at a news conference in Modesto"),
        ("2016-06-05", "wash-post_2016-06-06_clinton-wins", "As he shook hands with brunch-goers Sunday"),
        ("2016-06-07", "wash-post_2016-06-09_game-over", "Sanders seemed to be of two minds Tuesday night"),
        ("2016-06-08", "wash-post_2016-06-09_party-aims", "discussed a path ahead with advisers and family Wednesday"),
        ("2016-06-14", "politico_2016-06-14_sanders-scripts", "surprise news conference Tuesday"),
        ("2016-06-24", "wash-post_2016-06-27_the-revolutionary", "On Friday night, in New York's 24th House district"),
        ("2016-06-26", "wash-post_2016-06-27_the-revolutionary", "Sanders told CNN on Sunday"),
        ("2016-07-12", "nyt_2016-07-15_latest-poll", "At a rally in Portsmouth"),
        ("2016-07-13", "breitbart_2016-07-13_trump-demands", "said Wednesday he agrees with Ginsburg"),
        ("2016-07-25", "usa-today_2016-07-27_clinton-still", "In Philadelphia on Monday, Sanders again reiterated"),
        ("2016-09-16", "politico_2016-09-16_sanders-clinton", "Bernie Sanders offered some pointed advice to Hillary"),
    ]},
    {"topic": "polnear:email-inquiry", "query": "comey fbi email emails", "dates": [
        ("2016-07-05", "breitbart_2016-07-05_paul-ryan", "decided not to recommend indicting Clinton at a press"),
        ("2016-07-06", "west-journal_2016-07-06_lynch", "took the official last step Wednesday"),
        ("2016-07-11", "politico_2016-07-11_republicans-ask", "Two House Committees on Monday asked the Justice"),
        ("2016-07-12", "wash-post_2016-07-13_after-review", "The FBI said Tuesday that it will turn over"),
        ("2016-08-05", "wash-post_2016-08-06_clinton-acknowledge", "Hillary Clinton on Friday only further muddled"),
        ("2016-08-18", "west-journal_2016-08-19_report-republica", "the New York Times reported late Thursday"),
        ("2016-09-06", "wash-post_2016-09-07_republican-seeks", "Jason Chaffetz on Tuesday requested"),
        ("2016-09-22", "politico_2016-09-22_house-panel", "A House panel voted Thursday to hold Bryan Pagliano"),
        ("2016-09-23", "politico_2016-09-23_partisan-fireworks", "set off another round of partisan fireworks on"),
    ]},
    {"topic": "polnear:orlando", "query": "orlando", "dates": [
        ("2016-06-12", "west-journal_2016-06-13_omar-mateen", "took the lives of 49 club goers in Orlando early"),
        ("2016-06-13", "politico_2016-06-13_terrorism-experts", "Donald Trump's assertion Monday that more airstrikes"),
        ("2016-06-16", "huff-post_2016-06-16_obama-families", "after Obama arrived at Orlando International Airport"),
        ("2016-06-26", "usa-today_2016-06-27_orlando-shootings", "LGBT Pride events here and in several other cities"),
        ("2016-07-22", "politico_2016-07-22_rep-gwen", "Clinton made an impromptu stop at the Pulse nightclub"),
    ]},
    {"topic": "polnear:republican-convention", "query": "convention cleveland", "dates": [
        ("2016-07-18", "west-journal_2016-07-18_nevertrump", "As the Republican National Convention kicked off Monday"),
        ("2016-07-19", "breitbart_2016-07-19_republicans-begin", "The Republican National Convention began the"),
        ("2016-07-20", "wash-post_2016-07-22_republican-assail", "an extraordinary uproar Wednesday night"),
        ("2016-07-21", "wash-post_2016-07-22_republican-assail", "as he accepted the Republican presidential"),
    ]},
    {"topic": "polnear:democratic-convention", "query": "convention philadelphia", "dates": [
        ("2016-07-25", "breitbart_2016-07-25_dnc-issues", "released a statement at the outset of the party’s"),
        ("2016-07-26", "breitbart_2016-07-27_obama-to-frame", "Clinton on Tuesday became the first woman to win the"),
        ("2016-07-27", "wash-post_2016-07-29_convention-notebo", "Reid was among friends with the Nevada delegation"),
        ("2016-07-28", "west-journal_2016-07-29_clinton-accept", "On Thursday evening Hillary Clinton delivered her"),
    ]},
    {"topic": "polnear:clinton-foundation", "query": "foundation", "dates": [
        ("2016-08-09", "nyt_2016-08-11_new-emails", "said that the emails released on Tuesday had no bearing on the"),
        ("2016-08-18", "nyt_2016-08-22_foundation-and-donors", "said Thursday he would leave the foundation's board"),
        ("2016-08-22", "breitbart_2016-08-23_mike-pence", "Trump called for a special prosecutor"),
        ("2016-08-23", "breitbart_2016-08-24_report-half", "The report published Tuesday showed"),
    ]},
    {"topic": "polnear:police-shootings", "query": "police shooting shot", "dates": [
        ("2016-09-16", "west-journal_2016-09-21_chris-christie", "Crutcher was killed Friday"),
        ("2016-09-19", "huff-post_2016-09-20_hillary-clinton-s", "Tulsa police released video on Monday"),
        ("2016-09-20", "wash-post_2016-09-25_phone-video", "which occurred Tuesday afternoon as Keith Lamont Scott"),
        ("2016-09-21", "west-journal_2016-09-21_chris-christie", "On Wednesday, he told a crowd in Cleveland"),
        ("2016-09-22", "wash-post_2016-09-25_phone-video", "On Thursday, Officer Betty Shelby"),
        ("2016-09-23", "wash-post_2016-09-25_phone-video", "Charlotte Mayor Jennifer Roberts said Friday"),
    ]},
    {"topic": "polnear:running-mates", "query": "pence kaine", "dates": [
        ("2016-07-16", "usa-today_2016-07-18_convention-is", "Trump tweaked his now-familiar campaign promise"),
        ("2016-07-19", "nyt_2016-07-21_amid-discord", "formally nominated as Mr. Trump's running mate on Tuesday"),
        ("2016-07-21", "usa-today_2016-07-22_drama-doesn", "Thompson started Thursday listening to the vice"),
        ("2016-08-11", "politico_2016-08-11_pence-blames", "Pence on Thursday blamed the media"),
        ("2016-08-23", "breitbart_2016-08-23_mike-pence", "Pence stated in a press release on Tuesday afternoon"),
        ("2016-09-01", "west-journal_2016-09-01_media-growls", "Tim Kaine insisted Thursday"),
        ("2016-09-30", "breitbart_2016-09-30_the-latest-trump", "was speaking Friday in Fort Wayne"),
        ("2016-10-04", "west-journal_2016-10-05_pence-gives", "was the hands-down winner of Tuesday night’s debate"),
    ]},
    # Batch 5 (2026-12-06 ~20:00-20:25 UTC): four candidates of the Republican primaries from PolNeAR's articles of
    # 2015-11-01 .. 2016-05-31 (each spec's window), by batch 4's rule, read before any system ran on them.
    {"topic": "polnear:carson", "query": "carson", "batch": 5, "window": ("2015-11-01", "2016-05-31"), "dates": [
        ("2015-11-06", "usa-today_2015-11-09_carson-on-defense-a", "Carson called that report Friday a"),
        ("2015-11-08", "huff-post_2015-11-08_ben-carson-defends-", "responded on Sunday to accusations"),
        ("2015-11-10", "west-journal_2015-11-10_ben-carson-slams", "took an opportunity during Tuesday"),
        ("2015-11-12", "west-journal_2015-11-13_ben-carson-just-", "unleashed a harsh attack on Ben Carson last night"),
        ("2015-11-15", "nyt_2015-11-17_terrorism-moves-to-fore-o", "a suspension of intellect,'' Mr. Carson"),
        ("2015-12-23", "politico_2015-12-23_ben-carson-hints-at-", "Ben Carson moved quickly to shut off speculation"),
        ("2016-02-01", "politico_2016-02-05_carson-cruz-taking-b", "The Cruz campaign on Monday night picked up on"),
        ("2016-02-05", "politico_2016-02-05_carson-cruz-taking-b", "the candidate said Friday"),
        ("2016-02-06", "huff-post_2016-02-07_the-latest-gop-deba", "Carson noted that Saturday would have been"),
        ("2016-03-01", "breitbart_2016-03-01_the-latest-sanders-", "Carson took the stage Tuesday at the Grand Hotel"),
        ("2016-03-02", "wash-post_2016-03-03_push-inside-gop-to-", "told supporters Wednesday that he does not see"),
        ("2016-03-11", "nyt_2016-03-12_republicans-lower-volume-", "On Friday, Mr. Carson endorsed Mr. Trump"),
    ]},
    {"topic": "polnear:kasich", "query": "kasich", "batch": 5, "window": ("2015-11-01", "2016-05-31"), "dates": [
        ("2016-01-03", "usa-today_2016-01-04_death-lies-and-pand", "all appeared on Sunday news shows"),
        ("2016-02-06", "huff-post_2016-02-07_the-latest-gop-deba", "John Kasich said Saturday that allowing"),
        ("2016-02-20", "breitbart_2016-02-20_the-latest-hillary-", "the state where Kasich spent Saturday campaigning"),
        ("2016-03-01", "breitbart_2016-03-01_the-latest-sanders-", "Kasich is thanking supporters at a Super"),
        ("2016-03-03", "west-journal_2016-03-04_kasich-just-reve", "Kasich is coming off a strong debate"),
        ("2016-03-04", "west-journal_2016-03-04_kasich-just-reve", "received an enthusiastic reception"),
        ("2016-03-08", "huff-post_2016-03-09_carly-fiorina-endor", "failed to win any states"),
        ("2016-03-10", "nyt_2016-03-12_republicans-lower-volume-", "the spotlight fell in a new way on Mr. Kasich"),
        ("2016-03-15", "breitbart_2016-03-15_the-latest-sanders-", "The Ohio governor beat back a challenge"),
        ("2016-03-22", "wash-post_2016-03-24_stop-trumpers-here-", "Kasich did not play the role of spoiler"),
        ("2016-05-04", "usa-today_2016-05-05_spoiler-no-more-kas", "suspended his presidential campaign Wednesday"),
    ]},
    {"topic": "polnear:rubio", "query": "rubio", "batch": 5, "window": ("2015-11-01", "2016-05-31"), "dates": [
        ("2015-11-10", "huff-post_2015-11-11_a-meaningful-exchan", "debated tax credits and military spending at"),
        ("2015-11-12", "wash-post_2015-11-13_cruz-rubio-take-off", "Rubio pushed back on those claims Thursday"),
        ("2015-11-16", "nyt_2015-11-17_terrorism-moves-to-fore-o", "anticipated that a question-and-answer session"),
        ("2015-12-06", "usa-today_2015-12-14_on-the-islamic-stat", "Rubio said Dec. 6 on CNN"),
        ("2016-01-05", "breitbart_2016-01-05_the-latest-cruz-to-", "Rubio told reporters Tuesday"),
        ("2016-01-21", "wash-post_2016-01-24_mired-in-third-plac", "Rubio said at a moderated discussion here"),
        ("2016-01-28", "wash-post_2016-01-31_state-calls-emails-", "who mused in Thursday night"),
        ("2016-02-01", "huff-post_2016-02-02_don-t-let-the-media", "finished third in the Iowa Republican caucuses on"),
        ("2016-02-06", "nyt_2016-02-09_rubio-is-tested-as-republ", "problems on Saturday began when"),
        ("2016-02-07", "nyt_2016-02-09_rubio-is-tested-as-republ", "defiantly told voters here Sunday"),
        ("2016-02-08", "breitbart_2016-02-08_the-latest-nh-towns", "Rubio refrained from attacking his rivals"),
        ("2016-02-13", "wash-post_2016-02-14_nomination-question", "said Saturday night at the GOP"),
        ("2016-02-20", "nyt_2016-02-25_rubio-has-the-praise-just", "whether Mr. Rubio would finish second or third"),
        ("2016-02-21", "nyt_2016-02-22_the-party-of-bush-yields-", "On Sunday, Mr. Rubio and Senator Ted Cruz urged"),
        ("2016-02-23", "nyt_2016-02-25_rubio-has-the-praise-just", "second-place finish in Nevada on Tuesday night"),
        ("2016-02-28", "west-journal_2016-03-03_trump-just-respo", "said Sunday in Virginia"),
        ("2016-02-29", "huff-post_2016-02-29_joe-scarborough-don", "At a campaign rally Monday morning"),
        ("2016-03-01", "breitbart_2016-03-01_the-latest-sanders-", "speaking at a Super Tuesday rally at his hometown"),
        ("2016-03-02", "breitbart_2016-03-15_the-latest-kasich-s", "Rubio early voted on March 2"),
        ("2016-03-03", "west-journal_2016-03-03_trump-just-respo", "The Fox News debate from Detroit"),
        ("2016-03-05", "politico_2016-03-10_trump-s-rivals-pull-", "in the four states that cast votes last Saturday"),
        ("2016-03-08", "huff-post_2016-03-09_carly-fiorina-endor", "failed to win any states"),
        ("2016-03-09", "west-journal_2016-03-10_look-shocking-ph", "Rubio rolled into Hialeah"),
        ("2016-03-10", "breitbart_2016-03-11_brooks-rubio-did-we", "stated that Thursday"),
        ("2016-03-15", "breitbart_2016-03-15_the-latest-kasich-s", "suspended his campaign Tuesday night"),
        ("2016-04-22", "huff-post_2016-04-22_marco-rubio-i-m-not", "in a Friday interview with Univision"),
    ]},
    {"topic": "polnear:cruz", "query": "cruz", "batch": 5, "window": ("2015-11-01", "2016-05-31"), "dates": [
        ("2015-11-10", "wash-post_2015-11-13_cruz-rubio-take-off", "Cruz made an unprompted call for an end to sugar"),
        ("2015-11-12", "wash-post_2015-11-13_cruz-rubio-take-off", "took a direct swing at him Thursday"),
        ("2015-11-15", "wash-post_2015-11-17_republicans-turning", "Jeb Bush and Ted Cruz both floated the notion"),
        ("2016-01-16", "wash-post_2016-01-17_cruz-glad-to-finish", "continued his rhetorical onslaught against"),
        ("2016-01-19", "west-journal_2016-01-20_wow-glenn-beck-j", "Cruz sought to convey that he is taking the news"),
        ("2016-01-24", "west-journal_2016-01-25_rick-perry-just-", "announced his endorsement of Sen. Ted Cruz"),
        ("2016-01-25", "politico_2016-01-27_the-steep-cost-of-cr", "as Cruz said on Glenn Beck"),
        ("2016-01-26", "politico_2016-01-27_the-steep-cost-of-cr", "Cruz himself said Tuesday"),
        ("2016-02-01", "usa-today_2016-02-02_maybe-trump-hasn-t-", "defeating Donald Trump in the opening Iowa"),
        ("2016-02-08", "wash-post_2016-02-09_barbs-and-pleas-bef", "On Monday, Cruz insisted that Republicans"),
        ("2016-02-10", "wash-post_2016-02-12_cruz-reboots-his-at", "Cruz told conservative talk-radio host"),
        ("2016-02-20", "breitbart_2016-02-20_the-latest-hillary-", "shortcoming in South Carolina"),
        ("2016-02-21", "nyt_2016-02-22_the-party-of-bush-yields-", "On Sunday, Mr. Rubio and Senator Ted Cruz urged"),
        ("2016-03-01", "breitbart_2016-03-01_the-latest-sanders-", "Cruz captured two states during the string"),
        ("2016-03-08", "huff-post_2016-03-09_carly-fiorina-endor", "Cruz picked up a win in Idaho Tuesday night"),
        ("2016-03-09", "huff-post_2016-03-09_carly-fiorina-endor", "Carly Fiorina threw her support behind Sen."),
        ("2016-03-10", "politico_2016-03-10_trump-s-rivals-pull-", "On Thursday, Cruz scored his first endorsement"),
        ("2016-03-14", "huff-post_2016-03-15_ted-cruz-physically", "fourth event of the day on Monday in Illinois"),
        ("2016-03-15", "breitbart_2016-03-15_the-latest-sanders-", "Cruz lost Tuesday"),
        ("2016-03-23", "wash-post_2016-03-24_stop-trumpers-here-", "Jeb Bush endorsed Cruz Wednesday"),
        ("2016-04-02", "politico_2016-04-03_cruz-tops-trump-in-n", "worked into the night Saturday"),
        ("2016-04-14", "breitbart_2016-04-14_the-latest-trump-de", "Cruz said Thursday during taping of a MSNBC"),
        ("2016-04-16", "wash-post_2016-04-17_cruz-wins-most-wyo-", "continued his romp through the Republican Party"),
        ("2016-04-27", "wash-post_2016-04-28_with-woman-s-card-t", "Cruz on Wednesday announced that he was choosing"),
        ("2016-04-29", "wash-post_2016-04-30_indiana-governor-en", "received the endorsement of Gov. Mike Pence"),
        ("2016-05-03", "politico_2016-05-05_paul-ryan-says-he-s-", "after suspending his campaign Tuesday night"),
    ]},
    # Batch 6 (2026-12-06 ~22:15 UTC): Jeb Bush, Chris Christie, Carly Fiorina and the Democratic primaries (Sanders,
    # Clinton) from the same articles and window as batch 5, by the same rule, read before any system ran on them.
    {"topic": "polnear:jeb-bush", "query": "jeb bush", "batch": 6, "window": ("2015-11-01", "2016-05-31"), "dates": [
        ("2015-11-15", "wash-post_2015-11-17_republicans-turning", "Jeb Bush and Ted Cruz both floated the notion"),
        ("2015-11-30", "usa-today_2015-12-07_gop-targets-clinton", "Last Monday, Jeb Bush told an Iowa audience"),
        ("2015-12-07", "usa-today_2015-12-14_on-the-islamic-stat", "On Dec. 7 on MSNBC, Bush said"),
        ("2016-01-03", "usa-today_2016-01-04_death-lies-and-pand", "all appeared on Sunday news shows"),
        ("2016-02-06", "breitbart_2016-02-08_the-latest-nh-towns", "with whom he clashed at Saturday"),
        ("2016-02-08", "breitbart_2016-02-08_the-latest-nh-towns", "Morning Joe Monday in New Hampshire"),
        ("2016-02-15", "nyt_2016-02-17_jeb-bush-helped-by-george", "on Monday brought his older brother"),
        ("2016-02-20", "breitbart_2016-02-20_the-latest-hillary-", "who ended his bid for the White House Saturday"),
        ("2016-03-23", "wash-post_2016-03-24_stop-trumpers-here-", "Jeb Bush endorsed Cruz Wednesday"),
    ]},
    {"topic": "polnear:christie", "query": "christie", "batch": 6, "window": ("2015-11-01", "2016-05-31"), "dates": [
        ("2015-11-14", "west-journal_2015-11-21_after-trump-hear", "Nov. 14 speech at the Sunshine Summit"),
        ("2016-01-03", "usa-today_2016-01-04_death-lies-and-pand", "all appeared on Sunday news shows"),
        ("2016-02-06", "breitbart_2016-02-07_after-rubio-stumble", "Christie unleashed withering attacks against"),
        ("2016-02-08", "breitbart_2016-02-08_the-latest-nh-towns", "Christie was joined Monday at a town hall"),
        ("2016-02-28", "breitbart_2016-03-02_christie-s-shell-sh", "after Christie was pressed Sunday in an ABC"),
        ("2016-03-01", "breitbart_2016-03-02_christie-s-shell-sh", "as he stood behind Donald Trump on Super Tuesday"),
    ]},
    {"topic": "polnear:fiorina", "query": "fiorina", "batch": 6, "window": ("2015-11-01", "2016-05-31"), "dates": [
        ("2015-12-28", "politico_2015-12-28_carly-fiorina-bill-c", "Carly Fiorina said Monday"),
        ("2016-02-10", "usa-today_2016-04-28_trailing-cruz-lobs-", "ended her own bid for the nomination Feb. 10"),
        ("2016-03-09", "huff-post_2016-03-09_carly-fiorina-endor", "Carly Fiorina threw her support behind Sen."),
        ("2016-04-27", "wash-post_2016-04-28_with-woman-s-card-t", "Cruz on Wednesday announced that he was choosing"),
        ("2016-04-29", "wash-post_2016-04-30_indiana-governor-en", "Cruz continued campaigning Friday with former"),
    ]},
    {"topic": "polnear:sanders-primaries", "query": "sanders", "batch": 6, "window": ("2015-11-01", "2016-05-31"),
     "dates": [
        ("2015-11-08", "huff-post_2015-11-09_bernie-sanders-prom", "Sanders promised Sunday at a Las Vegas rally"),
        ("2015-11-09", "huff-post_2015-11-09_bernie-sanders-prom", "promised Monday to begin taking executive action"),
        ("2015-11-14", "wash-post_2015-11-15_carnage-renews-deba", "Sanders pledged Saturday to rid the world"),
        ("2015-12-12", "huff-post_2015-12-12_bernie-sanders-isn-", "on Saturday criticized the global climate change"),
        ("2015-12-16", "huff-post_2015-12-20_why-the-democratic-", "took advantage of a temporary technical glitch"),
        ("2015-12-18", "huff-post_2015-12-20_why-the-democratic-", "blocking of his campaign from accessing its own"),
        ("2015-12-19", "huff-post_2015-12-20_why-the-democratic-", "In the third Democratic presidential primary"),
        ("2016-01-02", "usa-today_2016-01-04_bernie-sanders-rais", "his campaign announced Saturday"),
        ("2016-01-16", "huff-post_2016-01-19_flint-water-respons", "called on Michigan Gov. Rick Snyder (R) to resign"),
        ("2016-01-17", "huff-post_2016-01-17_bernie-sanders-to-r", "Sanders said during an interview on CNN"),
        ("2016-01-19", "usa-today_2016-01-22_some-republicans-pr", "Sanders said while campaigning in Iowa on Tuesday"),
        ("2016-01-25", "huff-post_2016-01-28_bernie-sanders-and-", "made separate appearances at a CNN town hall"),
        ("2016-01-27", "wash-post_2016-01-28_senator-from-vermon", "took a brief detour from the campaign trail"),
        ("2016-01-28", "politico_2016-01-29_clinton-camp-plans-t", "On Thursday, Sanders unloaded on the Post"),
        ("2016-01-29", "nyt_2016-02-01_iowa-caucus-is-first-look", "as Mr. Sanders campaigned on Friday in Washington"),
        ("2016-01-30", "wash-post_2016-04-05_democratic-primarie", "It began Jan. 30, when the Bernie Sanders"),
        ("2016-01-31", "huff-post_2016-02-01_here-s-why-winning-", "On Sunday, Sanders announced that he had raised"),
        ("2016-02-01", "huff-post_2016-02-01_read-live-updates-o", "took the stage in Iowa late Monday night"),
        ("2016-02-03", "usa-today_2016-02-04_clinton-and-sanders", "made their cases to voters in New Hampshire on"),
        ("2016-02-04", "wash-post_2016-02-05_in-the-democrats-de", "MSNBC aired the fifth Democratic presidential"),
        ("2016-02-07", "breitbart_2016-02-08_the-latest-nh-towns", "in an interview with CNN on Sunday"),
        ("2016-02-09", "usa-today_2016-02-10_insurgent-tops-inst", "Democratic primary Tuesday, defeating Hillary"),
        ("2016-02-10", "usa-today_2016-02-11_sanders-faces-test-", "Wednesday morning, Sanders had breakfast in New"),
        ("2016-02-11", "huff-post_2016-02-12_the-democratic-prim", "the real meaning of Thursday night"),
        ("2016-02-19", "politico_2016-02-19_rep-welch-to-back-sa", "Welch said on Friday to Vermont Edition"),
        ("2016-02-20", "breitbart_2016-02-20_the-latest-hillary-", "Clinton beat rival Bernie Sanders in the state"),
        ("2016-02-23", "politico_2016-02-23_obama-s-gitmo-plan-l", "hours after Sanders said he was"),
        ("2016-02-27", "huff-post_2016-02-28_democrats-should-be", "cast a ballot for either Clinton or Sanders on"),
        ("2016-03-01", "breitbart_2016-03-01_the-latest-sanders-", "Sanders won his home state of Vermont on Tuesday"),
        ("2016-03-06", "wash-post_2016-03-10_scrappy-debate-sign", "Her attack on Sanders in last Sunday"),
        ("2016-03-08", "wash-post_2016-03-10_scrappy-debate-sign", "Against Sanders on Tuesday, she lost"),
        ("2016-03-09", "wash-post_2016-03-10_scrappy-debate-sign", "Democrats got a taste Wednesday night"),
        ("2016-03-12", "huff-post_2016-03-16_hillary-clinton-win", "Sanders visited Missouri on Saturday"),
        ("2016-03-15", "breitbart_2016-03-15_the-latest-sanders-", "Bernie Sanders was handed three early defeats"),
        ("2016-03-16", "huff-post_2016-03-16_hillary-clinton-win", "During a press call with reporters Wednesday"),
        ("2016-03-21", "politico_2016-03-23_sanders-scrambles-to", "won the Democrats Abroad primary on Monday"),
        ("2016-03-22", "politico_2016-03-23_sanders-scrambles-to", "Sanders was in San Diego on Tuesday night"),
        ("2016-04-01", "breitbart_2016-04-01_hillary-clinton-get", "The Sanders campaign responded Friday"),
        ("2016-04-03", "huff-post_2016-04-06_wisconsin-elects-a-", "said Sunday in Madison, Wisconsin"),
        ("2016-04-04", "wash-post_2016-04-05_democratic-primarie", "Sanders late Monday acquiesced to debate"),
        ("2016-04-05", "usa-today_2016-04-06_sanders-says-he-s-r", "Bernie Sanders prevailed in Wisconsin"),
        ("2016-04-06", "nyt_2016-04-08_tensions-flare-after-sand", "at a rally in Philadelphia on Wednesday night"),
        ("2016-04-07", "politico_2016-04-08_families-of-mass-sho", "On Thursday, Sanders complained to CBS News"),
        ("2016-04-09", "politico_2016-04-10_snl-has-fun-with-cli", "win in Wyoming on Saturday"),
        ("2016-04-10", "politico_2016-04-11_clinton-and-sanders-", "On Sunday, Sanders issued a new line of attack"),
        ("2016-04-11", "politico_2016-04-11_clinton-and-sanders-", "Sanders jabbed at Clinton on that same topic on"),
        ("2016-04-13", "breitbart_2016-04-14_the-latest-trump-de", "before Sanders addressed a Wednesday night rally"),
        ("2016-04-14", "usa-today_2016-04-15_fiery-words-light-u", "stood face-to-face Thursday"),
        ("2016-04-16", "wash-post_2016-04-18_sanders-says-his-pr", "Bernie Sanders met privately with Pope Francis"),
        ("2016-04-18", "politico_2016-04-20_dnc-chair-dismisses-", "a letter the Sanders campaign sent the DNC on"),
        ("2016-04-19", "nyt_2016-04-21_crucial-wins-for-clinton-", "held a rally at Pennsylvania State University"),
        ("2016-04-23", "huff-post_2016-04-27_hillary-clinton-win", "Sanders held a rally Saturday"),
        ("2016-04-25", "usa-today_2016-04-27_clinton-takes-pa-md", "acknowledged in an MSNBC forum Monday night"),
        ("2016-04-26", "nyt_2016-04-28_nomination-almost-certain", "whose sole win on Tuesday came in Rhode Island"),
        ("2016-04-27", "usa-today_2016-04-28_sanders-lays-off-mo", "he insisted at an Indiana rally Wednesday"),
        ("2016-05-01", "wash-post_2016-05-05_sanders-faces-tough", "Sanders acknowledged Sunday that he would need"),
        ("2016-05-03", "wash-post_2016-05-05_sanders-faces-tough", "possible after Tuesday"),
        ("2016-05-10", "huff-post_2016-05-11_sanders-told-a-fema", "On Tuesday, MSNBC anchor and news correspondent"),
        ("2016-05-17", "usa-today_2016-05-18_in-kentucky-democra", "Sanders took the Democratic contest"),
        ("2016-05-22", "west-journal_2016-05-24_hillary-clinton-", "Sanders said Sunday"),
        ("2016-05-23", "breitbart_2016-05-24_in-two-front-war-cl", "In an AP interview Monday, Sanders said"),
        ("2016-05-24", "huff-post_2016-05-24_bernie-sanders-is-f", "On Tuesday, Sanders went further"),
        ("2016-05-27", "breitbart_2016-05-27_sanders-clinton-ema", "broadcast of HBO"),
    ]},
    {"topic": "polnear:clinton-primaries", "query": "hillary clinton", "batch": 6,
     "window": ("2015-11-01", "2016-05-31"),
     "dates": [
        ("2015-11-14", "huff-post_2015-11-17_post-rebuilding-isn", "Hillary Clinton argued during Saturday"),
        ("2015-11-15", "nyt_2015-11-18_paris-attacks-test-clinto", "At a campaign event in Ames, Iowa, on Sunday"),
        ("2015-11-19", "breitbart_2015-11-19_hillary-clinton-cal", "Clinton said on Thursday during a speech at the"),
        ("2015-11-24", "west-journal_2015-11-25_hillary-just-vow", "Hillary Clinton promised on Tuesday to refrain"),
        ("2015-11-29", "politico_2015-11-29_hillary-clinton-s-po", "Clinton delivered a message Sunday"),
        ("2015-11-30", "politico_2015-12-01_could-an-accident-by", "infrastructure spending plan on Monday"),
        ("2015-12-02", "wash-post_2015-12-04_a-killing-and-video", "Hillary Clinton said Wednesday she, too, wants"),
        ("2015-12-06", "nyt_2015-12-09_terrorists-mock-bids-to-b", "On Sunday, Hillary Clinton, the Democratic"),
        ("2015-12-09", "huff-post_2015-12-10_hillary-clinton-und", "On Wednesday, Clinton bashed Trump"),
        ("2015-12-18", "huff-post_2015-12-20_why-the-democratic-", "on a press call Friday, criticized Sanders"),
        ("2015-12-19", "huff-post_2015-12-20_hillary-clinton-s-c", "stretched the truth a bit during Saturday"),
        ("2015-12-21", "usa-today_2015-12-22_clinton-to-call-for", "Monday, Clinton held a conference call with"),
        ("2015-12-29", "huff-post_2015-12-30_hillary-clinton-cal", "Hillary Clinton on Tuesday said that Islamic"),
        ("2015-12-31", "politico_2015-12-31_more-than-clinton-em", "publicly released its eighth batch of the"),
        ("2016-01-01", "usa-today_2016-01-04_bernie-sanders-rais", "according to figures her campaign released Friday"),
        ("2016-01-03", "usa-today_2016-01-05_bill-is-back-hillar", "Hillary Clinton rebuffed a Republican heckler"),
        ("2016-01-14", "politico_2016-01-14_clinton-says-she-won", "Hillary Clinton declared in an interview Thursday"),
        ("2016-01-17", "wash-post_2016-01-18_a-sharper-tone-as-s", "aggressively prosecuted Sen. Bernie Sanders"),
        ("2016-01-19", "huff-post_2016-01-19_flint-water-respons", "came out and endorsed Clinton during a conference"),
        ("2016-01-22", "west-journal_2016-01-23_watch-what-hilla", "After a New Hampshire rally Friday, Hillary"),
        ("2016-01-25", "huff-post_2016-01-28_bernie-sanders-and-", "made separate appearances at a CNN town hall"),
        ("2016-01-29", "wash-post_2016-01-31_state-calls-emails-", "who held three campaign events across Iowa on"),
        ("2016-01-30", "nyt_2016-02-01_iowa-caucus-is-first-look", "Clinton aides also spent Saturday delivering"),
        ("2016-02-01", "huff-post_2016-02-01_read-live-updates-o", "took the stage in Iowa late Monday night"),
        ("2016-02-03", "usa-today_2016-02-04_clinton-and-sanders", "made their cases to voters in New Hampshire on"),
        ("2016-02-04", "wash-post_2016-02-05_in-the-democrats-de", "MSNBC aired the fifth Democratic presidential"),
        ("2016-02-08", "breitbart_2016-02-08_the-latest-nh-towns", "Clinton was joined by her husband"),
        ("2016-02-09", "politico_2016-02-11_things-to-watch-in-t", "Clinton was the first to make the appeal on"),
        ("2016-02-11", "huff-post_2016-02-12_the-democratic-prim", "her debate performance Thursday night included"),
        ("2016-02-19", "politico_2016-02-19_more-hillary-clinton", "The State Department released more than 1,100"),
        ("2016-02-20", "breitbart_2016-02-20_the-latest-hillary-", "Clinton beat rival Bernie Sanders in the state"),
        ("2016-02-23", "usa-today_2016-02-25_clinton-gun-control", "Tuesday, Clinton was joined by Gabrielle Giffords"),
        ("2016-02-27", "huff-post_2016-02-28_democrats-should-be", "Hillary Clinton had a great night on Saturday"),
        ("2016-03-01", "breitbart_2016-03-01_the-latest-sanders-", "Hillary Clinton is marking several Super Tuesday"),
        ("2016-03-07", "west-journal_2016-03-10_obama-just-let-s", "Clinton said at a Fox News town hall on Monday"),
        ("2016-03-08", "huff-post_2016-03-09_networks-didn-t-cut", "gave a stump speech Tuesday night"),
        ("2016-03-09", "west-journal_2016-03-10_obama-just-let-s", "At the Democrat debate Wednesday night, Clinton"),
        ("2016-03-14", "west-journal_2016-03-15_hillary-just-ins", "Clinton spoke Monday night an Illinois town hall"),
        ("2016-03-15", "breitbart_2016-03-15_the-latest-kasich-s", "Clinton celebrated in Florida with supporters"),
        ("2016-03-21", "usa-today_2016-03-22_clinton-trump-s-vie", "Hillary Clinton went on offense against"),
        ("2016-03-22", "politico_2016-03-23_sanders-scrambles-to", "Clinton told a crowd in Seattle on Tuesday night"),
        ("2016-03-31", "breitbart_2016-04-01_hillary-clinton-get", "aggressively taking on protesters loyal to her"),
        ("2016-04-02", "huff-post_2016-04-06_wisconsin-elects-a-", "said during a speech in Milwaukee Saturday night"),
        ("2016-04-05", "usa-today_2016-04-06_sanders-says-he-s-r", "In a Tuesday town hall in Brooklyn, Clinton took"),
        ("2016-04-06", "nyt_2016-04-08_tensions-flare-after-sand", "said on Wednesday that he had not done his"),
        ("2016-04-07", "nyt_2016-04-08_tensions-flare-after-sand", "as she rode the subway uptown"),
        ("2016-04-11", "politico_2016-04-11_clinton-and-sanders-", "Hillary Clinton on Monday hit Bernie Sanders on"),
        ("2016-04-14", "breitbart_2016-04-14_the-latest-trump-de", "In her opening statement at Thursday night"),
        ("2016-04-19", "huff-post_2016-04-20_hillary-clinton-giv", "closed her New York victory speech on Tuesday"),
        ("2016-04-25", "huff-post_2016-04-27_hillary-clinton-win", "Clinton hosted a get out the vote event Monday"),
        ("2016-04-26", "huff-post_2016-04-27_hillary-clinton-win", "Hillary Clinton defeated Bernie Sanders in"),
        ("2016-05-15", "nyt_2016-05-18_clinton-hints-at-husband-", "Mrs. Clinton told voters in Kentucky on Sunday"),
        ("2016-05-16", "nyt_2016-05-19_democrats-pressure-sander", "Mrs. Clinton spent Monday campaigning in Kentucky"),
        ("2016-05-17", "usa-today_2016-05-18_in-kentucky-democra", "Clinton led Sanders late Tuesday"),
        ("2016-05-24", "breitbart_2016-05-24_in-two-front-war-cl", "dove deeper into Donald Trump"),
        ("2016-05-25", "politico_2016-05-26_clinton-goes-on-trum", "The candidate herself took to the airwaves"),
        ("2016-05-26", "politico_2016-05-26_clinton-goes-on-trum", "Hillary Clinton pulled a Donald Trump on Thursday"),
    ]},
    # Batch 7 (2026-12-07 ~00:45-01:00 UTC): five figures of the campaign over all of PolNeAR's articles
    # (2015-11-01 .. 2016-10-07), by batch 4's rule and batch 6's calls, read before any system ran on them.
    {"topic": "polnear:ryan", "query": "ryan", "batch": 7, "window": ("2015-11-01", "2016-10-07"), "dates": [
        ("2016-03-23", "wash-post_2016-03-24_republicans-buildin", "Paul D. Ryan of Wisconsin lamented the"),
        ("2016-05-05", "politico_2016-05-05_paul-ryan-says-he-s-", "House Speaker Paul Ryan on Thursday declared"),
        ("2016-05-06", "west-journal_2016-05-06_republican-unity", "Paul Ryan’s office announced Friday that Ryan"),
        ("2016-05-12", "breitbart_2016-05-12_trump-ryan-pledge-t", "pledged to work together despite their"),
        ("2016-06-07", "nyt_2016-06-09_ryan-calls-trump-line-rac", "on Tuesday called Donald J. Trump's remarks"),
        ("2016-07-05", "breitbart_2016-07-05_paul-ryan-fbi-decis", "blasted the Federal Bureau of Investigation"),
        ("2016-07-12", "breitbart_2016-07-13_trump-demands-ginsb", "House Speaker Paul Ryan told CNN Tuesday"),
        ("2016-07-19", "breitbart_2016-07-19_republicans-begin-r", "led by keynote speakers Ryan"),
        ("2016-08-05", "huff-post_2016-08-05_donald-trump-finall", "on Friday endorsed the re-election of House"),
    ]},
    {"topic": "polnear:lewandowski", "query": "lewandowski", "batch": 7, "window": ("2015-11-01", "2016-10-07"),
     "dates": [
        ("2016-03-08", "nyt_2016-03-12_protesting-at-trump-ralli", "roughly yanked the arm of a Breitbart reporter"),
        ("2016-03-23", "wash-post_2016-03-30_trump-sticking-by-h", "Lewandowski continued to assert that he never"),
        ("2016-03-29", "wash-post_2016-03-30_trump-sticking-by-h", "hours after the staffer was charged with battery"),
        ("2016-04-14", "breitbart_2016-04-14_the-latest-trump-de", "in a statement released by the campaign on"),
        ("2016-06-20", "west-journal_2016-06-20_media-reports-re", "Lewandowski was dismissed on Monday"),
        ("2016-07-06", "politico_2016-07-06_lewandowski-fbi-dire", "Lewandowski went after him Wednesday morning"),
    ]},
    {"topic": "polnear:bill-clinton", "query": "bill clinton", "batch": 7, "window": ("2015-11-01", "2016-10-07"),
     "dates": [
        ("2015-11-15", "wash-post_2015-11-16_clinton-s-missteps-", "she was accompanied by former president Bill"),
        ("2016-01-27", "nyt_2016-01-29_it-s-still-bill-but-old-m", "Bill Clinton came to the vote-rich city"),
        ("2016-02-07", "wash-post_2016-02-10_after-a-big-loss-cl", "Bill Clinton unloaded on Sanders in a speech"),
        ("2016-02-08", "breitbart_2016-02-08_the-latest-nh-towns", "Clinton was joined by her husband"),
        ("2016-04-04", "politico_2016-04-05_bill-clinton-hillary", "Bill Clinton said Monday in Cheyenne"),
        ("2016-04-11", "politico_2016-04-11_clinton-and-sanders-", "Bill Clinton got in on the game"),
        ("2016-04-12", "breitbart_2016-04-12_bill-clinton-hillar", "Tuesday in New York City, while on the campaign"),
        ("2016-06-27", "west-journal_2016-07-06_lynch-closes-the", "private meeting last Monday with former"),
        ("2016-07-26", "wash-post_2016-07-27_bill-clinton-addres", "On Tuesday, he was speaking to a party"),
        ("2016-08-18", "nyt_2016-08-22_foundation-and-donors-com", "told foundation employees on Thursday"),
        ("2016-08-19", "breitbart_2016-08-19_as-bill-clinton-tur", "celebrated his 70th birthday Friday"),
        ("2016-10-03", "breitbart_2016-10-04_bill-clinton-calls-", "During the rally Monday, the former president"),
    ]},
    {"topic": "polnear:manafort", "query": "manafort", "batch": 7, "window": ("2015-11-01", "2016-10-07"),
     "dates": [
        ("2016-04-07", "wash-post_2016-04-09_trump-s-new-go-to-g", "in the Trump release announcing his expanded"),
        ("2016-04-21", "nyt_2016-04-23_campaign-for-trump-says-h", "Mr. Manafort said Thursday night"),
        ("2016-07-19", "wash-post_2016-07-20_beyond-plagiarism-a", "at a news conference here Tuesday morning"),
        ("2016-08-17", "nyt_2016-08-18_trump-hires-conservative-", "formally announced on Wednesday"),
        ("2016-08-19", "nyt_2016-08-22_foundation-and-donors-com", "Paul Manafort resigned as chairman"),
    ]},
    {"topic": "polnear:warren", "query": "warren", "batch": 7, "window": ("2015-11-01", "2016-10-07"), "dates": [
        ("2016-06-04", "breitbart_2016-06-05_elizabeth-warren-do", "Saturday at the Massachusetts Democratic"),
        ("2016-06-09", "west-journal_2016-06-11_private-meeting-", "after remaining neutral throughout the primary"),
        ("2016-06-10", "west-journal_2016-06-11_private-meeting-", "Warren exited the meeting around"),
        ("2016-06-27", "nyt_2016-06-28_clinton-and-warren-team-u", "held their first joint campaign event on Monday"),
        ("2016-09-20", "huff-post_2016-09-20_elizabeth-warren-ha", "grilled Wells Fargo CEO John Stumpf"),
    ]},
]


def split_of(topic: str) -> str:
    """``dev`` when the sha1 of the topic id is even, else ``heldout`` (fixed before any tuning).

    >>> split_of("t17-mj:trial")
    'dev'
    """
    return "dev" if int(hashlib.sha1(topic.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


def _reference(source: str) -> dict[str, Any]:
    return json.loads((T17 / SOURCES[source] / "timelines.jsonl").open().readline())


_ABBREVIATION = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(ABBREVIATIONS)))}|[A-Z])\.$")


def _sentence_with(paragraph: str, start: int) -> str:
    """The sentence of ``paragraph`` holding the character at ``start``: ends are ., ! or ? (a closing quote may
    follow) before white space and a capital or quote, not after a title or an initial ("Mr. Trump").

    >>> _sentence_with('He left. Mr. Smith said "no." Then rain.', 12)
    'Mr. Smith said "no."'
    """
    ends = [m.end() for m in re.finditer(r"[.!?][\"”’']?(?=\s+[A-Z“\"'‘])", paragraph)
            if not _ABBREVIATION.search(paragraph[:m.start() + 1])]
    first = max([e for e in ends if e <= start], default=0)
    last = min([e for e in ends if e > start], default=len(paragraph))
    return paragraph[first:last].strip()


def _polnear_row(spec: dict[str, Any], raw: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A PolNeAR subject timeline: each read date's reference sentence taken whole from its article, checked to be
    there, in an article published on or after the day (a report, not a plan) and inside the window."""
    first, last = spec.get("window", POLNEAR_WINDOW)
    gold: dict[str, list[str]] = defaultdict(list)
    for day, prefix, words in spec["dates"]:
        ids = [key for key in raw if key.startswith(prefix)]
        if len(ids) != 1:
            raise ValueError(f"{spec['topic']} {day}: {prefix!r} names {len(ids)} articles")
        article = raw[ids[0]]
        if not first <= day <= article["published"] <= last:
            raise ValueError(f"{spec['topic']} {day}: {ids[0]} published {article['published']}")
        spaced = " ".join(words.split())
        found = [p for p in article["text"].split("\n") if spaced in " ".join(p.split())]
        if not found:
            raise ValueError(f"{spec['topic']} {day}: {words!r} not in {ids[0]}")
        paragraph = " ".join(found[0].split())
        gold[day].append(_sentence_with(paragraph, paragraph.index(spaced)))
    return {"topic": spec["topic"], "kind": "subject", "source": POLNEAR_SOURCE, "query": spec["query"],
            "window": [first, last], "split": split_of(spec["topic"]), "batch": spec.get("batch", 4),
            "n_dates": len(gold),
            "timeline": dict(sorted(gold.items()))}


def polnear_raw(window: tuple[str, str] = POLNEAR_WINDOW) -> dict[str, dict[str, Any]]:
    """PolNeAR's dev and train articles published inside ``window`` (``connect_stories``' reader)."""
    from benchmarks.connect_stories import _polnear_articles

    first, last = window
    return {key: raw for key, raw in _polnear_articles().items() if first <= raw["published"] <= last}


def _union(windows: Sequence[Sequence[str]]) -> tuple[str, str]:
    """The span from the first window's start to the last one's end.

    >>> _union([("2016-06-01", "2016-10-07"), ("2015-11-01", "2016-05-31")])
    ('2015-11-01', '2016-10-07')
    """
    return min(w[0] for w in windows), max(w[1] for w in windows)


def make_gold() -> list[dict[str, Any]]:
    """The gold rows from the Timeline17 reference timelines and :data:`TOPICS` (see the gold's README)."""
    rows: list[dict[str, Any]] = []
    for spec in TOPICS:
        source = spec["topic"].split(":")[0]
        reference = _reference(source)
        ref: dict[str, list[str]] = reference["timeline"]
        if spec["kind"] == "episode":
            first, last = spec["window"]
            gold = {day: list(said) for day, said in sorted(ref.items()) if first <= day <= last}
        else:
            pattern = re.compile(spec["pattern"])
            gold = {}
            for day, said in sorted(ref.items()):
                naming = [s for s in said if pattern.search(s)]
                if naming:
                    gold[day] = naming
            if sorted(gold) != spec["dates"]:
                raise ValueError(f"{spec['topic']}: pattern gives {sorted(gold)}, read {spec['dates']}")
            first, last = min(ref), max(ref)
        rows.append({"topic": spec["topic"], "kind": spec["kind"], "source": f"timeline17/{SOURCES[source]}",
                     "query": spec["query"], "window": [first, last], "split": split_of(spec["topic"]),
                     "batch": spec.get("batch", 1), "n_dates": len(gold), "timeline": gold})
    raw = polnear_raw(_union([spec.get("window", POLNEAR_WINDOW) for spec in POLNEAR_TOPICS]))
    rows += [_polnear_row(spec, raw) for spec in POLNEAR_TOPICS]
    return rows


def read_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """The gold timelines, one dict per topic."""
    return [json.loads(line) for line in path.open() if line.strip()]


@dataclasses.dataclass(frozen=True)
class Topic:
    """A row's input: the source articles published inside its window that newsdesk's ``timeline`` keeps for its
    query (as ``query_articles`` does: holding one of its words by stem, or naming the person it names), so that
    the benchmark scores what a user asking the library gets; their dated sentences (``query_sentences``), read
    once for every system and ranking; and the query read against them."""

    articles: list[Any]
    sentences: list[Any]
    about: Any


def topic_input(row: dict[str, Any], articles: Sequence[Any]) -> Topic:
    """The row's :class:`Topic`: its window's articles and sentences about its query."""
    from newsdesk.connect.timeline import dated_sentences, query_sentences

    first, last = row["window"]
    window = [a for a in articles if a.published and first <= a.published[:10] <= last]
    sentences, about = query_sentences(dated_sentences(window), row["query"])
    keep = {s.article for s in sentences}
    return Topic([article for index, article in enumerate(window) if index in keep], sentences, about)


def pubcount(articles: Sequence[Any], n_dates: int, per_date: int) -> dict[str, list[str]]:
    """PUBCOUNT: the days with the most articles, each with its articles' first sentences."""
    days = Counter(a.published[:10] for a in articles if a.published)
    chosen = sorted(days, key=lambda d: (-days[d], d))[:n_dates]
    return {d: [a.body[0].text for a in articles if a.published[:10] == d and a.body][:per_date] for d in chosen}


def mentions(articles: Sequence[Any], sentences: Sequence[Any], n_dates: int, per_date: int) -> dict[str, list[str]]:
    """MENTIONS: the days most articles mention (their ``dated_sentences``), inside the articles' publication span;
    mentioning sentences."""
    days = [a.published[:10] for a in articles if a.published]
    if not days:
        return {}
    first, last = min(days), max(days)
    voices = Counter(day for day in {(s.article, d) for s in sentences for d in s.mentions})
    counts = Counter(day for _, day in voices)
    chosen = sorted((d for d in counts if first <= d <= last), key=lambda d: (-counts[d], d))[:n_dates]
    return {d: [s.text for s in sentences if d in s.mentions][:per_date] for d in chosen}


def random_days(articles: Sequence[Any], n_dates: int, seed: int) -> dict[str, list[str]]:
    """RANDOM: ``n_dates`` days drawn uniformly from the articles' publication span."""
    days = [date.fromisoformat(a.published[:10]) for a in articles if a.published]
    if not days:
        return {}
    span = [(min(days) + timedelta(days=i)).isoformat() for i in range((max(days) - min(days)).days + 1)]
    return {d: [] for d in random.Random(seed).sample(span, min(n_dates, len(span)))}


def _scores(predicted: dict[str, list[str]], reference: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    from newsdesk.connect.timeline_eval import alignment_rouge, date_f1

    return {"date": date_f1(predicted, reference), "ar1": alignment_rouge(predicted, reference, 1),
            "ar2": alignment_rouge(predicted, reference, 2)}


def _mean(values: list[dict[str, float]]) -> dict[str, float]:
    return {"precision": sum(v["precision"] for v in values) / len(values),
            "recall": sum(v["recall"] for v in values) / len(values)}


Systems = dict[str, Callable[[Topic, int, int], dict[str, list[str]]]]


def systems() -> Systems:
    """The systems compared, each ``(topic, n_dates, per_date) -> {day: [sentences]}``. newsdesk's is ``timeline``
    (``timeline_of`` the sentences it reads from the topic's articles for the query)."""
    from newsdesk.connect.timeline import timeline_of

    return {"newsdesk": lambda topic, n, k: dict(timeline_of(topic.sentences, topic.about, n, k)),
            "PUBCOUNT": lambda topic, n, k: pubcount(topic.articles, n, k),
            "MENTIONS": lambda topic, n, k: mentions(topic.articles, topic.sentences, n, k)}


def rankings(topic: Topic) -> dict[str, list[str]]:
    """Every candidate day of each system, best first: newsdesk's ``rank_dates`` over the sentences ``timeline``
    keeps for the query, days by publications (PUBCOUNT), days by mentioning articles inside the span (MENTIONS)."""
    from newsdesk.connect.timeline import rank_dates

    articles, sentences = topic.articles, topic.sentences
    ours = rank_dates(sentences, topic.about)
    days = Counter(a.published[:10] for a in articles if a.published)
    published = [a.published[:10] for a in articles if a.published]
    voices = Counter(day for _, day in {(s.article, d) for s in sentences for d in s.mentions})
    inside = [d for d in voices if published and min(published) <= d <= max(published)]
    return {"newsdesk": ours, "PUBCOUNT": sorted(days, key=lambda d: (-days[d], d)),
            "MENTIONS": sorted(inside, key=lambda d: (-voices[d], d))}


def _se(values: list[float]) -> float:
    """Standard error of the mean of per-timeline figures: how far a split's mean moves by chance."""
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / (len(values) - 1) / len(values)) ** 0.5


def evaluate(rows: list[dict[str, Any]], articles: dict[str, list[Any]]) -> dict[str, Any]:
    """Per-topic scores of every system, and per split the macro means (P and R averaged, F from them), the
    standard error of the per-timeline Date-F1, and the mean average precision of each system's whole date
    ranking (``map``: steadier than Date-F1 for choosing between rankers on a few timelines)."""
    from newsdesk.connect.timeline_eval import date_average_precision, mean_scores

    per_topic: dict[str, Any] = {}
    collected: dict[str, dict[str, dict[str, list[dict[str, float]]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    extra: dict[str, dict[str, dict[str, list[float]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for row in rows:
        ref = row["timeline"]
        topic = topic_input(row, articles[row["source"]])
        inputs = topic.articles
        n_dates = len(ref)
        per_date = max(1, round(sum(len(v) for v in ref.values()) / n_dates))
        # Each split over the whole gold, and over its first twelve timelines (batch 1) to compare with earlier runs.
        # and over each source (Timeline17's batches 1-3, PolNeAR's batch 4).
        source = "polnear" if row["source"] == POLNEAR_SOURCE else "t17"
        groups = (row["split"], "all", f"{row['split']}-{source}") + (
            (f"{row['split']}-batch1",) if row.get("batch", 1) == 1 else ())
        entry: dict[str, Any] = {"split": row["split"], "kind": row["kind"], "articles": len(inputs),
                                 "dates": n_dates, "per_date": per_date,
                                 "input_days": len({a.published[:10] for a in inputs})}
        for name, system in systems().items():
            started = time.process_time()
            predicted = system(topic, n_dates, per_date)
            cpu = time.process_time() - started
            scores = _scores(predicted, ref)
            entry[name] = {"date_f1": round(scores["date"]["f1"], 4), "ar1_f": round(scores["ar1"]["f1"], 4),
                           "cpu_s": round(cpu, 3)}
            for metric, value in scores.items():
                for split in groups:
                    collected[split][name][metric].append(value)
        for name, ranked in rankings(topic).items():
            entry[name]["rank_ap"] = round(date_average_precision(ranked, ref), 4)
            for split in groups:
                extra[split][name]["map"].append(entry[name]["rank_ap"])
                extra[split][name]["f1"].append(entry[name]["date_f1"])
        draws = [_scores(random_days(inputs, n_dates, seed), ref)["date"] for seed in range(RANDOM_SEEDS)]
        rand = _mean(draws)
        entry["RANDOM"] = {"date_f1": round(mean_scores([rand])["f1"], 4)}
        for split in groups:
            collected[split]["RANDOM"]["date"].append(rand)
        per_topic[row["topic"]] = entry
    macro = {split: {name: {metric: round(mean_scores(values)["f1"], 4) for metric, values in metrics.items()}
                     for name, metrics in by_system.items()}
             for split, by_system in collected.items()}
    for split, by_system in extra.items():
        for name, values in by_system.items():
            macro[split][name]["map"] = round(sum(values["map"]) / len(values["map"]), 4)
            macro[split][name]["date_se"] = round(_se(values["f1"]), 4)
    return {"topics": per_topic, "macro": macro}


def source_articles(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Each source topic's articles, enriched (cached under /tmp by ``connect_stories.t17_topic``)."""
    out: dict[str, list[Any]] = {}
    for source in sorted({row["source"] for row in rows}):
        if source == POLNEAR_SOURCE:
            out[source] = polnear_articles(_union([r["window"] for r in rows if r["source"] == source]))
        else:
            out[source] = t17_topic(source.split("/")[1])[0]
    return out


def polnear_articles(window: tuple[str, str] = POLNEAR_WINDOW) -> list[Any]:
    """PolNeAR's articles inside ``window``, enriched. Those the story benchmark or an earlier run of this one has
    enriched already are read from their caches (read only); all are kept in a file of this benchmark's own for the
    window under the same digest, written whole to a temporary name and renamed, so that a reader never sees half
    of it."""
    from benchmarks.connect_stories import CACHE, to_article
    from newsdesk.enrich import enrich_batch
    from newsdesk.model import Article

    raw = polnear_raw(window)
    name = "timelines-polnear" + ("" if tuple(window) == POLNEAR_WINDOW else f"-{window[0]}-{window[1]}")
    path = CACHE / f"{name}.jsonl"
    if not path.exists():
        records: dict[str, dict[str, Any]] = {}
        for cached in [CACHE / "articles.jsonl", *sorted(CACHE.glob("timelines-polnear*.jsonl"))]:
            if not cached.exists():
                continue
            for line in cached.open():
                item = json.loads(line)
                if item["key"] in raw and item["key"] not in records:
                    article = item["article"]
                    records[item["key"]] = {**article, "enrichment": item["enrichment"]} if "enrichment" in item \
                        else article
        missing = sorted(key for key in raw if key not in records)
        for key, article in zip(missing, enrich_batch([to_article(raw[key]) for key in missing]), strict=True):
            records[key] = {**article.to_dict(), "enrichment": article.enrichment.to_dict()
                            if article.enrichment else None}
        CACHE.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text("".join(json.dumps({"key": key, "article": records[key]}) + "\n"
                                     for key in sorted(records)))
        temporary.replace(path)
    articles = {}
    for line in path.open():
        item = json.loads(line)
        articles[item["key"]] = Article.from_dict(item["article"])
    # The metadata's day is the publication date (the stories gold may carry its own).
    return [dataclasses.replace(articles[key], published=raw[key]["published"]) for key in sorted(raw)]


def run_t17() -> dict[str, Any]:
    """Timeline17 dev as the data README defines it: each topic's whole reference timeline (Egypt's holds every
    day of its input span, so its Date-F1 is trivial)."""
    rows = []
    for source, name in SOURCES.items():
        reference = _reference(source)
        ref = reference["timeline"]
        rows.append({"topic": f"{source}:all", "kind": "timeline17", "source": f"timeline17/{name}",
                     "query": " ".join(reference["query"]), "window": [min(ref), max(ref)], "split": "t17",
                     "timeline": ref})
    return evaluate(rows, source_articles(rows))


def _table(results: dict[str, Any]) -> str:
    lines = ["| topic | split | articles | days with articles | dates | newsdesk | PUBCOUNT | MENTIONS | RANDOM |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for topic, entry in sorted(results["topics"].items(), key=lambda item: (item[1]["split"], item[0])):
        lines.append(f"| {topic} | {entry['split']} | {entry['articles']} | {entry['input_days']} | {entry['dates']} | "
                     + " | ".join(f"{entry[name]['date_f1']:.3f}" for name in ("newsdesk", "PUBCOUNT", "MENTIONS",
                                                                                "RANDOM")) + " |")
    lines += ["", "| split | system | Date-F1 | se (per timeline) | rank MAP | AR1-F | AR2-F |",
              "|---|---|---:|---:|---:|---:|---:|"]
    for split, by_system in sorted(results["macro"].items()):
        for name, metrics in by_system.items():
            ranked = f"{metrics['date_se']:.3f} | {metrics['map']:.3f}" if "map" in metrics else "- | -"
            lines.append(f"| {split} | {name} | {metrics['date']:.3f} | {ranked} | "
                         + (f"{metrics['ar1']:.3f} | {metrics['ar2']:.3f} |" if "ar1" in metrics else "- | - |"))
    return "\n".join(lines)


def main() -> None:
    """Command line: print the tables, write JSON to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--make-gold", action="store_true", help="rewrite the gold timelines and exit")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--no-t17", action="store_true", help="skip the two whole Timeline17 topics")
    parser.add_argument("--batches", help="only the gold's timelines of these batches, e.g. 1,2,3,4 (the first 31)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"{SHARED}: shared data not found")
    if args.make_gold:
        rows = make_gold()
        GOLD.write_text("".join(json.dumps(r) + "\n" for r in rows))
        print(f"{len(rows)} timelines ({Counter(r['split'] for r in rows)}) -> {GOLD}")
        return
    batches = {int(b) for b in args.batches.split(",")} if args.batches else None
    rows = [r for r in read_gold() if args.split in ("all", r["split"]) and (batches is None or r["batch"] in batches)]
    results: dict[str, Any] = {"gold": evaluate(rows, source_articles(rows))}
    print(_table(results["gold"]))
    if not args.no_t17:
        results["timeline17"] = run_t17()
        print()
        print(_table(results["timeline17"]))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

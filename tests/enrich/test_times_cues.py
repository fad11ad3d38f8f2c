"""Time expressions that a reading of the timeline inputs found wrong: day words inside names, future cues a
bare day has no tense of its own for, dated events, a month with a two-digit year."""

from __future__ import annotations

import pytest

from newsdesk.enrich.times import find_times

MONDAY = "2016-06-06"


def values(text: str, published: str = MONDAY) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_times(text, published)]


@pytest.mark.parametrize("text", [
    "Figueroa told USA TODAY that the campaign would bus in supporters.",
    "A USA Today analysis of the filings shows a rise.",
    "The host of the Today show asked her about it.",
    "CBS This Morning co-anchor DeMarco Morgan said it was rare.",
    "Retailers expect record sales on Black Friday.",
    "Natalie Morales, another ''Today'' anchor, is taking over.",
    "Trump told NBC’s “Today” that he could hardly hear.",
    "This is a special edition of PIERS MORGAN TONIGHT.",
])
def test_a_day_word_in_a_name_is_no_date(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Today, the president said he would stay.", [("Today", MONDAY)]),
    ("He told reporters today that he would stay.", [("today", MONDAY)]),
    ("“Today is a sad day,” he said.", [("Today", MONDAY)]),
    ("MUBARAK SAYS HE WILL GO TODAY", [("TODAY", MONDAY)]),
    ("Egypt Army Says Mubarak Quits Today", [("Today", MONDAY)]),
    ("Protesters returned early Tuesday to the square.", [("early Tuesday", "2016-05-31")]),
    ("She boomed, ''Today, you proved once again there is no place like home.''", [("Today", MONDAY)]),
    ("“Today’s speech shows that he is wrong,” she said.", [("Today", MONDAY)]),
    ("Read more in UNDERSTANDING THE ASSISTED SUICIDE MOVEMENT TODAY “But either way,” she said.",
     [("TODAY", MONDAY)]),
    ("Clinton called it “another super Tuesday for our campaign” on Tuesday.",
     [("Tuesday", "2016-05-31"), ("Tuesday", "2016-05-31")]),
])
def test_a_day_word_at_a_sentence_start_or_in_a_title_is_still_a_date(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Clinton won the string of contests known as Super Tuesday.", "2016-03-02", [("Super Tuesday", "2016-03-01")]),
    ("Sanders heads to the Super Tuesday contests.", "2016-02-20", [("Super Tuesday", "2016-03-01")]),
    ("Voters go to the polls on Super Tuesday.", "2012-02-20", [("Super Tuesday", "2012-03-06")]),
])
def test_super_tuesday_is_the_first_tuesday_of_march(
        text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, published) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A bare weekday that a past verb elsewhere in the sentence would put last week: the cue says it lies ahead.
    ("She canceled a joint rally with Obama slated for Wednesday in Green Bay.", [("Wednesday", "2016-06-08")]),
    ("Officials said games scheduled for Friday were postponed.", [("Friday", "2016-06-10")]),
    ("The Muslim Brotherhood calls on its followers to march Friday, the group said.", [("Friday", "2016-06-10")]),
    ("The trial is due to start on Tuesday, a lawyer said.", [("Tuesday", "2016-06-07")]),
])
def test_future_cues_for_a_bare_weekday(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The school declined to comment Tuesday on the reports.", [("Tuesday", "2016-05-31")]),
    ("Students returned to class Monday at the university.", [("Monday", MONDAY)]),
    ("Clinton, speaking to reporters Thursday on her plane, said she was ready.", [("Thursday", "2016-06-02")]),
])
def test_a_past_verb_or_a_preposition_keeps_the_day_behind(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Clinton and Sanders continued a fierce contest in California ahead of voting Tuesday.", MONDAY,
     [("Tuesday", "2016-06-07")]),
    ("Cruz said, ahead of his fourth event of the day on Monday in Illinois, that it was bizarre.", "2016-03-15",
     [("Monday", "2016-03-14")]),
    ("Trump held a rally ahead of the state's contest on Saturday.", "2016-03-04", [("Saturday", "2016-03-05")]),
])
def test_ahead_of_a_weekday_is_the_closer_one(text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # "said" dates the telling, not the election, which lies ahead.
    ("The Republican nominee for the Nov. 8 election later said he was being sarcastic.", "2016-07-31",
     [("Nov. 8", "2016-11-08")]),
    ("The inquiry may not be completed by the time of the Nov. 8 election.", "2016-04-15",
     [("Nov. 8", "2016-11-08")]),
    ("Superdelegates can change their mind until the July 25 vote, his campaign said.", MONDAY,
     [("July 25", "2016-07-25")]),
    ("New Hampshire's Feb. 9 primary election is the first, pollsters said.", "2015-11-23",
     [("Feb. 9", "2016-02-09")]),
    # A verb of the event itself still dates it: the election was won, so it is the last one.
    ("Obama won the Nov. 6 election, aides said.", "2013-03-01", [("Nov. 6", "2012-11-06")]),
    ("Kentucky Republicans chose Trump in a March 5 caucus.", "2016-05-18", [("March 5", "2016-03-05")]),
])
def test_a_dated_event_is_not_dated_by_a_verb_of_saying(
        text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, published) == expected


def test_a_month_and_two_digit_year() -> None:
    assert values("Jackson began the rehearsals in June 09 in Los Angeles.", "2010-06-14") == [("June 09", "2009-06")]
    assert values("The hearing was set on June 09.", "2010-06-14") == [("June 09", "2010-06-09")]
    assert values("The tour starts in June 9.", "2010-06-14") == [("June 9", "2010-06-09")]

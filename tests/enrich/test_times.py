"""Time expressions: the seed article, TimeML conventions, resolution by tense, offsets, hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.enrich.times import find_times, tense_near
from newsdesk.enrich.times_grammar import TRIGGER, trigger_words

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "examples" / "trtworld-iraq-coalition.txt"
TEMPEVAL = SHARED / "data" / "tempeval3-tbaq"
WEDNESDAY = "2025-10-01"


def one(text: str, published: str | None = WEDNESDAY) -> tuple[str, str, str, str | None]:
    found = find_times(text, published)
    assert len(found) == 1, found
    t = found[0]
    return t.text, t.type, t.value, t.mod


@pytest.mark.skipif(not SEED.exists(), reason="../shared is absent")
def test_seed_article_times() -> None:
    from newsdesk import extract

    article = extract(SEED.read_text(encoding="utf-8"))
    expected = json.loads(SEED.with_suffix(".enriched.json").read_text(encoding="utf-8"))
    found = find_times(article.text, article.published, language=article.language)
    for item in expected["times"]:
        if "text" in item:
            hits = [t for t in found if t.text.casefold() == item["text"].casefold()]
        else:
            hits = [t for t in found if item["text_contains"].casefold() in t.text.casefold()]
        assert any(t.value == item["value"] for t in hits), (item, found)
    deadline = next(t for t in found if "2026" in t.text)
    assert (deadline.text, deadline.value, deadline.mod) == ("the end of 2026", "2026", "END")
    for t in found:
        assert article.text[t.start:t.end] == t.text


@pytest.mark.parametrize(("text", "expected"), [
    ("The Pentagon announced on Tuesday.", ("Tuesday", "DATE", "2025-09-30", None)),
    ("They will meet on Friday.", ("Friday", "DATE", "2025-10-03", None)),
    ("He spoke last Wednesday.", ("last Wednesday", "DATE", "2025-09-24", None)),
    ("It happened Tuesday night.", ("Tuesday night", "TIME", "2025-09-30TNI", None)),
    ("Talks resumed last week.", ("last week", "DATE", "2025-W39", None)),
    ("Prices rise next month.", ("next month", "DATE", "2025-11", None)),
    ("Sales grew this year.", ("this year", "DATE", "2025", None)),
    ("The law passed two years ago.", ("two years ago", "DATE", "2023", None)),
    ("Troops leave by the end of 2026.", ("the end of 2026", "DATE", "2026", "END")),
    ("Work starts in mid-2026.", ("mid-2026", "DATE", "2026", "MID")),
    ("The plant opened in the 1990s.", ("the 1990s", "DATE", "199", None)),
    ("The statement of September 27, 2024 stands.", ("September 27, 2024", "DATE", "2024-09-27", None)),
    ("Signed on 27 September 2024 in Baghdad.", ("27 September 2024", "DATE", "2024-09-27", None)),
    ("Filed on 9/27/2024.", ("9/27/2024", "DATE", "2024-09-27", None)),
    ("Filed on 2024-09-27.", ("2024-09-27", "DATE", "2024-09-27", None)),
    ("The deal was signed Sept. 27.", ("Sept. 27", "DATE", "2025-09-27", None)),
    ("The vote will be held Nov. 4.", ("Nov. 4", "DATE", "2025-11-04", None)),
    ("The vote was held in December.", ("December", "DATE", "2024-12", None)),
    ("Profit fell in the third quarter.", ("the third quarter", "DATE", "2025-Q3", None)),
    ("It lasted three days.", ("three days", "DURATION", "P3D", None)),
    ("It lasted about five hours.", ("about five hours", "DURATION", "PT5H", "APPROX")),
    ("In the past two months, funds fell.", ("the past two months", "DURATION", "P2M", None)),
    ("The US currently maintains bases.", ("currently", "DATE", "PRESENT_REF", None)),
    ("He recently resigned.", ("recently", "DATE", "PAST_REF", None)),
    ("Flights leave daily.", ("daily", "SET", "P1D", None)),
    ("The market meets each Thursday.", ("each Thursday", "SET", "XXXX-WXX-4", None)),
    ("He was shot at 10 p.m. yesterday.", ("10 p.m. yesterday", "TIME", "2025-09-30T22:00", None)),
    ("Shares fell yesterday.", ("yesterday", "DATE", "2025-09-30", None)),
    ("Rain is expected this morning.", ("this morning", "TIME", "2025-10-01TMO", None)),
    ("Results rose from a year earlier.", ("a year earlier", "DATE", "2024", None)),
    ("Found on Thanksgiving Day.", ("Thanksgiving Day", "DATE", "2024-11-28", None)),
    ("The campaign starts this summer.", ("this summer", "DATE", "2025-SU", None)),
])
def test_expressions(text: str, expected: tuple[str, str, str, str | None]) -> None:
    assert one(text) == expected


def test_possessive_weekday_is_the_closer_one() -> None:
    assert one("They would look for ways around Monday's ruling.")[2] == "2025-09-29"
    assert one("Fans gathered for Saturday's match.")[2] == "2025-10-04"


def test_weekday_on_the_publication_day_is_that_day() -> None:
    assert one("Parnell said on Wednesday that it ends.")[2] == WEDNESDAY


def test_published_with_offset_and_time() -> None:
    assert one("It was announced on Tuesday.", "2025-10-01T23:30:00-04:00")[2] == "2025-09-30"


def test_published_as_a_date_object() -> None:
    from datetime import date, datetime

    assert one("It was announced on Tuesday.", date(2025, 10, 1))[2] == "2025-09-30"  # type: ignore[arg-type]
    assert one("It was announced on Tuesday.", datetime(2025, 10, 1, 9))[2] == "2025-09-30"  # type: ignore[arg-type]


def test_values_off_the_calendar_are_skipped_not_raised() -> None:
    found = find_times("It began 100,000 days ago, or 5,000,000 weeks ago, on Tuesday.", "9999-12-31")
    assert [t.value for t in found] == ["PAST_REF", "PAST_REF", "XXXX-WXX-2"]  # 9999-12-31 is no real date
    found = find_times("It began 1,000,000 days ago, on Tuesday.", WEDNESDAY)
    assert [t.value for t in found] == ["P1000000D", "2025-09-30"]  # no date that far back: the length stays


def test_without_publication_date_values_stay_unresolved() -> None:
    assert one("The deal was signed Sept. 27.", None)[2] == "XXXX-09-27"
    assert one("Talks resumed on Tuesday.", None)[2] == "XXXX-WXX-2"
    assert one("Talks resumed on Tuesday.", "not a date")[2] == "XXXX-WXX-2"


def test_the_current_quarter_of_an_undated_article_is_unknown_not_an_error() -> None:
    # After a quarter was named, "the ... current quarter" of an article without a date read the missing
    # publication date's year (AttributeError); its quarter is unknown, as "the current quarter" alone is.
    text = "Sales rose in the third quarter of 2024. Sales in the seasonally slow current quarter fell."
    assert [t.value for t in find_times(text, None)] == ["2024-Q3", "XXXX-QX"]
    assert [t.value for t in find_times(text, WEDNESDAY)] == ["2024-Q3", "2025-Q4"]


def test_words_that_only_look_like_times() -> None:
    text = ("May I ask? Troops march on. The current of the river and the fall of the city. "
            "A quarter of the budget went to 2,500 personnel; a second time, $1,990 was spent.")
    assert [t.text for t in find_times(text, WEDNESDAY)] == []


def test_tense_cues() -> None:
    text = "The minister said on Monday that talks will resume on Thursday."
    monday, thursday = text.index("Monday"), text.index("Thursday")
    assert tense_near(text, monday, monday + 6) == "past"
    assert tense_near(text, thursday, thursday + 8) == "future"


def test_other_languages_keep_only_numeric_dates_and_years() -> None:
    found = find_times("Am 30. September 2025 (2025-09-30, 30/09/2025) sagte er am Dienstag, now.", WEDNESDAY,
                       language="de")
    assert [(t.text, t.value) for t in found] == [
        ("2025", "2025"), ("2025-09-30", "2025-09-30"), ("30/09/2025", "2025-09-30")]


def test_day_first_numeric_date_when_the_month_cannot_come_first() -> None:
    assert one("Filed on 27/9/2024.")[2] == "2024-09-27"


def test_not_text_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="find_times"):
        find_times(b"Tuesday", WEDNESDAY)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "Tuesday", " ", "\n\n", "the end of", "2026", "last", "week", "Sept.", "27,", "2024", "two", "years", "ago",
    "10", "p.m.", "'90s", "the", "1990s", "mid-", "quarter", "third", "now", ".", "İ", "é", "“", "daily", "a",
]), max_size=40).map("".join), st.sampled_from([None, WEDNESDAY, "2025-10-01T09:00:00+03:00"]))
def test_spans_point_at_their_text(text: str, published: str | None) -> None:
    previous_end = 0
    for t in find_times(text, published):
        assert text[t.start:t.end] == t.text
        assert t.start >= previous_end
        previous_end = t.end


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "tuesday", "days", "now", "2024", "9", " ", "\n", "(", "-", "_", "é", "ß", "\u0661", "²", "x", "'", "’", "s",
    "valentine", "mon", "day", "\xa0", "“", "week",
]), max_size=30).map("".join))
def test_trigger_scan_finds_what_the_one_regex_finds(lowered: str) -> None:
    # trigger_words is the fast form of TRIGGER.finditer (two passes that open with a character); both
    # must find the same words and digits, including after non-ASCII word characters and at the start.
    expected = [(m.start(), m.end(), None if m["digit"] else m.group()) for m in TRIGGER.finditer(lowered)]
    assert trigger_words(lowered) == expected


@pytest.mark.skipif(not TEMPEVAL.exists(), reason="../shared is absent")
def test_spans_over_every_tempeval_text() -> None:
    from benchmarks.enrich_times import load_documents

    documents = load_documents(TEMPEVAL)
    assert len(documents) > 200
    for document in documents:
        for t in find_times(document.text, document.dct):
            assert document.text[t.start:t.end] == t.text, (document.name, t)
            assert t.type in ("DATE", "TIME", "DURATION", "SET")


def test_megabyte_paragraph_and_quote_marks_finish() -> None:
    # A quadratic scan would take hours on these; a linear one takes seconds.
    sentence = ("The minister, who spoke to reporters outside the building for about an hour, said on Tuesday "
                "that the talks with the opposition parties would resume after the end of 2026 or sooner. ")
    paragraph = sentence * (1_000_000 // len(sentence))
    found = find_times(paragraph, WEDNESDAY)
    assert len(paragraph) > 990_000 and len(found) == 3 * (1_000_000 // len(sentence))
    assert {t.value for t in found} == {"PT1H", "2025-09-30", "2026"}
    assert find_times('"' * 100_000 + "“" * 100_000, WEDNESDAY) == []
    assert find_times("x" * 1_000_000 + "-" * 1_000_000, WEDNESDAY) == []
    assert len(find_times("2024 " * 20_000, WEDNESDAY)) == 20_000

"""Articles per UTC day of publication over a range of days."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from newsdesk.store import Filters, SQLiteStore, StoreError
from newsdesk.store.base import parse_instant

SEPT_27 = date(2025, 9, 27)
OCT_1 = date(2025, 10, 1)


def test_every_day_of_the_range_oldest_first(filled: SQLiteStore) -> None:
    days = filled.counts_by_day(None, since=date(2025, 9, 25), until=date(2025, 10, 2))
    assert list(days) == [str(date(2025, 9, 25) + timedelta(days=n)) for n in range(8)]
    # UTC days: 21:30+01:00 on the 28th is the 28th, 09:00+02:00 on 1 October is 1 October.
    assert days == {"2025-09-25": 0, "2025-09-26": 0, "2025-09-27": 1, "2025-09-28": 1, "2025-09-29": 1,
                    "2025-09-30": 1, "2025-10-01": 1, "2025-10-02": 0}


@pytest.mark.parametrize("filters", [
    Filters(source="Daily Meridian"), Filters(source="harbourgazette.example"), Filters(section="world"),
    Filters(lang="en"), Filters(author="birch"), Filters(since="2025-09-29"), Filters(until="2025-09-28"),
    Filters(since="2025-09-30T12:00:00+00:00"),
])
def test_each_day_counts_what_the_filters_find_that_day(filled: SQLiteStore, filters: Filters) -> None:
    published = [parse_instant(s.article.published) for s in filled.iter_articles(filters)]
    expected = Counter(instant[:10] for instant in published if instant)
    days = filled.counts_by_day(filters, since=SEPT_27, until=OCT_1)
    assert days == {day: expected.get(day, 0) for day in days}
    assert sum(days.values()) == filled.count(None, filters)


def test_one_day(filled: SQLiteStore) -> None:
    assert filled.counts_by_day(Filters(source="Daily Meridian"), since=SEPT_27, until=SEPT_27) == {"2025-09-27": 1}


def test_times_are_read_as_their_utc_day(filled: SQLiteStore) -> None:
    late = datetime(2025, 9, 30, 23, 30, tzinfo=timezone(timedelta(hours=-5)))  # 04:30 UTC on 1 October
    assert list(filled.counts_by_day(None, since=late, until=datetime(2025, 10, 1, 12, tzinfo=UTC))) == ["2025-10-01"]


def test_bad_ranges_are_clear_errors(filled: SQLiteStore) -> None:
    with pytest.raises(StoreError, match="since 2025-10-01 is after until 2025-09-27"):
        filled.counts_by_day(None, since=OCT_1, until=SEPT_27)
    with pytest.raises(StoreError, match="over the limit of 3660"):
        filled.counts_by_day(None, since=date(1900, 1, 1), until=OCT_1)
    with pytest.raises(StoreError, match="must be dates"):
        filled.counts_by_day(None, since="2025-09-27", until=OCT_1)  # type: ignore[arg-type]


def test_an_empty_store_counts_zeros(store: SQLiteStore) -> None:
    assert store.counts_by_day(None, since=SEPT_27, until=date(2025, 9, 28)) == {"2025-09-27": 0, "2025-09-28": 0}


def test_the_calendars_last_day_as_until_keeps_every_article(filled: SQLiteStore) -> None:
    # Found by the API fuzz test: the day after 9999-12-31 does not exist (OverflowError).
    everything = filled.count(None, Filters())
    assert filled.count(None, Filters(until="9999-12-31")) == everything
    assert filled.count(None, Filters(since="0001-01-01", until=date.max.isoformat())) == everything
    assert filled.count(None, Filters(until="9999-12-30")) == everything

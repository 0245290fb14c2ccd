"""Partial dates: honest precision in sorting and display."""

from __future__ import annotations

import datetime as dt

import pytest

from civic_record.dates import DateFormatError, PartialDate, display_time


def test_less_precise_dates_sort_first_inside_their_span() -> None:
    dates = [PartialDate.parse(x) for x in ["2025-08-01", "2025-08", "2025", "2024-12-31", "2025-01-01"]]
    assert [d.iso() for d in sorted(dates)] == ["2024-12-31", "2025", "2025-01-01", "2025-08", "2025-08-01"]


@pytest.mark.parametrize(
    ("text", "shown"), [("2025-05-14", "May 14, 2025"), ("2025-08", "August 2025"), ("2025", "2025"), (2025, "2025")]
)
def test_display_shows_only_the_known_precision(text: object, shown: str) -> None:
    assert PartialDate.parse(text).display() == shown


@pytest.mark.parametrize("text", ["2025-02-30", "2025-13", "25-05-14", "May 14, 2025", "2025/05/14", True, 3.5])
def test_impossible_or_malformed_dates_are_refused(text: object) -> None:
    with pytest.raises(DateFormatError):
        PartialDate.parse(text)


def test_a_month_overlaps_a_role_that_starts_inside_it() -> None:
    august = PartialDate.parse("2025-08")
    assert august.overlaps(PartialDate.parse("2025-08-20"), None)
    assert not august.overlaps(PartialDate.parse("2025-09-01"), None)
    assert not august.overlaps(None, PartialDate.parse("2025-07-31"))


def test_upcoming_means_the_whole_span_is_after_today() -> None:
    today = dt.date(2026, 11, 26)
    assert PartialDate.parse("2026-11-27").is_after(today)
    assert not PartialDate.parse("2026-11").is_after(today)


def test_times_read_as_a_clerk_says_them() -> None:
    assert display_time("18:00") == "6:00 p.m."
    assert display_time("09:05") == "9:05 a.m."

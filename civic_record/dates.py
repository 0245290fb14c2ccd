"""Dates with honest precision: a year, a month, or a day, as the sources give them."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")

MONTHS = [calendar.month_name[m] for m in range(13)]


class DateFormatError(ValueError):
    """A date that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or does not exist."""


LAST_YEAR = 9000
"""The latest year a record may be dated: calendars and feeds compute a day or a year past a
record's date, which must stay within the dates Python can hold (up to 9999)."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """``2025``, ``2025-08`` or ``2025-08-14``.

    Ordering puts a less precise date before the precise ones inside its span:
    ``2025`` < ``2025-01-01`` and ``2025-08`` < ``2025-08-01``.
    """

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise DateFormatError(f"expected a date like 2025-05-14, 2025-05 or 2025, not {value!r}")
        text = str(value).strip()
        match = _PATTERN.match(text)
        if not match:
            raise DateFormatError(f"'{text}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2025-05-14)")
        year, month, day = (int(g) if g else 0 for g in match.groups())
        if year < 1:
            raise DateFormatError(f"'{text}' has no year 0; the calendar starts at year 1")
        if year > LAST_YEAR:
            raise DateFormatError(f"'{text}' is after the year {LAST_YEAR}: check the year")
        if match.group(2) and not 1 <= month <= 12:
            raise DateFormatError(f"'{text}' has no month {month}; months run from 01 to 12")
        if match.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateFormatError(f"'{text}' does not exist: {MONTHS[month]} {year} has {last} days")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """The machine form, also valid in ``<time datetime>``."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self) -> str:
        """The human form, showing only the precision the sources give."""
        if self.day:
            return f"{MONTHS[self.month]} {self.day}, {self.year}"
        if self.month:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)

    def is_after(self, day: dt.date) -> bool:
        """True when the whole span lies after ``day``: a scheduled event."""
        return self.first_day() > day

    def overlaps(self, start: PartialDate | None, end: PartialDate | None) -> bool:
        """Whether this date's span meets the span from ``start`` to ``end`` (open ends)."""
        if start is not None and self.last_day() < start.first_day():
            return False
        return not (end is not None and self.first_day() > end.last_day())

    def __str__(self) -> str:
        return self.iso()


def parse_time(value: Any) -> str:
    """Local time of day, ``HH:MM`` on a 24-hour clock."""
    text = str(value).strip() if isinstance(value, str) else None
    if text is None or not _TIME.match(text):
        raise DateFormatError(f'expected a time like "18:00" (24-hour, quoted), not {value!r}')
    return text


def display_time(value: str) -> str:
    hour, minute = (int(part) for part in value.split(":"))
    suffix = "a.m." if hour < 12 else "p.m."
    return f"{(hour % 12) or 12}:{minute:02d} {suffix}"


def today() -> dt.date:
    """The build's "today" (what is upcoming): ``CIVIC_RECORD_TODAY`` if set, else the clock.

    Pinnable so that upcoming/past decisions are reproducible in tests and builds.
    """
    pinned = os.environ.get("CIVIC_RECORD_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()

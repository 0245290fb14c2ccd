"""iCalendar files of upcoming meetings and hearings: one for the site, one per technology.

What is upcoming: a meeting record dated ``site.today`` or later. A meeting today is still
upcoming (it may be tonight); everything before today stays out. Only meetings dated to the
day are events: a meeting known only as ``2030-01`` or ``2030`` has no day to put in a
calendar, so it is left out (its page still shows it).

Each event:

* ``DTSTART`` is the day as an all-day event (``VALUE=DATE``, ``DTEND`` the next day) when the
  record gives no ``time``. With a ``time`` (the city's local time, as the contract gives it) it
  carries the city's time zone, ``DTSTART;TZID=America/Chicago:20300115T180000``, when
  ``site.yml`` gives a ``timezone``; the calendar then holds that zone's ``VTIMEZONE``, generated
  from the IANA database for the years of its events (so the same records give the same
  bytes). Without a ``timezone`` the time is floating: a calendar app shows it at that hour in
  whatever zone the reader's device is in, right for readers in the city only.
* A timed meeting ends ``MEETING_HOURS`` (two) hours after it starts (``DTEND``): the records do
  not say how long a meeting lasts, and a calendar app shows an event without an end as a
  point in time. The description says that the end is assumed and how long the event is
  shown (``ASSUMED_END``).
* ``UID`` is ``<record id>@<host of site_url>`` (``@civic-record`` without a ``site_url``), so
  it never changes when the site is rebuilt.
* ``LAST-MODIFIED`` is when the record last learned something about the meeting: the newest
  ``published`` or ``retrieved`` date of its sources. ``DTSTAMP``, which RFC 5545 requires, is
  when the calendar was made: the day the record was last updated (its newest record dated on
  or before the build's day, as every page's footer says), or the event's ``LAST-MODIFIED``
  when that is later. Without either, both fall back to ``SOURCE_DATE_EPOCH`` (which the
  build sets from the records), then to the meeting's own date. Both are midnight UTC of a
  date the records give, never the clock, so two builds of the same records give
  byte-identical files.
* ``STATUS`` is ``CANCELLED`` for cancelled or postponed meetings (the title says which),
  ``CONFIRMED`` otherwise.
* ``URL`` and the link at the end of ``DESCRIPTION`` need a ``site_url`` (a calendar app
  cannot resolve a link relative to the site); without one they are left out.

Every technology gets a calendar, even one with no events, so that a subscription made
today keeps working when a hearing is scheduled. Lines end in CRLF, as RFC 5545 requires.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..addresses import UPCOMING_CALENDAR, record_src, technology_calendar
from ..corpus import chronological_key
from ..models import Meeting
from ..site import KIND_LABELS, Site
from ..vocabulary import MeetingStatus

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")

MEETING_HOURS = 2
"""How long a timed meeting lasts in the calendars: the records give no end time."""
MEETING_LENGTH = {1: "one hour", 2: "two hours", 3: "three hours"}[MEETING_HOURS]
"""``MEETING_HOURS`` in words, for the event descriptions and the Follow page."""
ASSUMED_END = f"The record gives no end time: the calendar shows {MEETING_LENGTH}."
"""The sentence in a timed event's description (and on the Follow page) stating the default."""


def clean(text: str) -> str:
    """Text without the control characters iCalendar TEXT values may not carry."""
    return _CONTROL.sub("", text)


def is_upcoming(meeting: Meeting, today: dt.date) -> bool:
    """Dated to the day, on ``today`` or later."""
    return meeting.date.precision == "day" and meeting.date.first_day() >= today


def upcoming(site: Site, meetings: Iterable[object]) -> list[Meeting]:
    """The upcoming meetings among ``meetings``, in date and time order."""
    found = [m for m in meetings if isinstance(m, Meeting) and is_upcoming(m, site.today)]
    return sorted(found, key=chronological_key)


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _source_date_epoch() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` (set by the build from the records, or by a packager) as midnight
    UTC of its day, when it is a valid number of seconds."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not (value.isascii() and value.isdigit()):
        return None
    try:
        return _midnight_utc(dt.datetime.fromtimestamp(int(value), tz=dt.UTC).date())
    except (OverflowError, OSError, ValueError):
        return None


def record_updated(site: Site) -> dt.datetime | None:
    """The day the record was last updated: its newest record dated on or before the build's
    day (a scheduled meeting is not an update yet), at midnight UTC."""
    days = [r.date.last_day() for r in site.corpus.dated if not r.date.is_after(site.today)]
    return _midnight_utc(min(max(days), site.today)) if days else None


def last_modified(meeting: Meeting) -> dt.datetime | None:
    """The newest ``published`` or ``retrieved`` date of the meeting's sources, at midnight UTC."""
    days = [d.last_day() for s in meeting.sources for d in (s.published, s.retrieved) if d is not None]
    return _midnight_utc(max(days)) if days else None


def stamps(meeting: Meeting, updated: dt.datetime | None) -> tuple[dt.datetime, dt.datetime]:
    """``(DTSTAMP, LAST-MODIFIED)`` of the meeting's event, from the records (module docstring);
    ``updated`` is ``record_updated(site)``."""
    modified = last_modified(meeting)
    known = [d for d in (updated, modified) if d is not None]
    stamp = max(known) if known else (_source_date_epoch() or _midnight_utc(meeting.date.first_day()))
    return stamp, modified or stamp


def uid_host(site: Site) -> str:
    return (urlsplit(site.site_url).hostname or "civic-record").lower()


def event(site: Site, meeting: Meeting, updated: dt.datetime | None) -> Event:
    day = meeting.date.first_day()
    title = meeting.title
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        title = f"{meeting.status.label}: {title}"
    url = site.absolute_url(record_src(meeting)) if site.site_url else None
    description = meeting.summary + (f"\n\n{ASSUMED_END}" if meeting.time else "") + (f"\n\n{url}" if url else "")
    item = Event()
    item.add("uid", f"{meeting.id}@{uid_host(site)}")
    stamp, modified = stamps(meeting, updated)
    item.add("dtstamp", stamp)
    item.add("last-modified", modified)
    if meeting.time:
        hour, minute = (int(part) for part in meeting.time.split(":"))
        zone = site.corpus.settings.timezone
        start = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone) if zone else None)
        item.add("dtstart", start)
        # Wall-clock arithmetic: two hours on the clock of that day, as a reader expects.
        item.add("dtend", start + dt.timedelta(hours=MEETING_HOURS))
    else:
        item.add("dtstart", day)
        item.add("dtend", day + dt.timedelta(days=1))
    item.add("summary", clean(title))
    if meeting.location:
        item.add("location", clean(meeting.location))
    item.add("description", clean(description))
    if url:
        item.add("url", url)
    cancelled = meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    techs = site.corpus.technologies
    named = set(meeting.technologies) | {t for agenda_item in meeting.agenda for t in agenda_item.technologies}
    titles = [techs[t].title for t in sorted(named) if t in techs]
    item.add("categories", [KIND_LABELS[meeting.kind], *(clean(t) for t in titles)])
    return item


def calendar(site: Site, name: str, meetings: list[Meeting], updated: dt.datetime | None) -> str:
    """A calendar of ``meetings``; ``updated`` is ``record_updated(site)``, worked out once per build
    (it reads every dated record) rather than once per calendar."""
    cal = Calendar()
    cal.add("prodid", f"-//civic-record//{clean(site.site_name)}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", clean(name))
    cal.add("x-wr-calname", clean(name))
    for meeting in meetings:
        cal.add_component(event(site, meeting, updated))
    timed = [m.date.first_day() for m in meetings if m.time]
    if timed and site.corpus.settings.timezone:
        # The zone's rules for the years of the events, from the IANA database: fixed for the
        # same records (a range from the clock or from 1970 would make every file change).
        cal.add_missing_timezones(
            first_date=dt.date(min(timed).year, 1, 1), last_date=dt.date(max(timed).year + 1, 12, 31)
        )
    text: str = cal.to_ical().decode("utf-8")
    return text


def generate_calendars(site: Site) -> dict[str, str]:
    """The site's calendar of upcoming meetings and one per technology, keyed by path in the site."""
    corpus = site.corpus
    updated = record_updated(site)
    outputs = {
        UPCOMING_CALENDAR: calendar(
            site, f"{site.site_name}: upcoming meetings", upcoming(site, corpus.meetings.values()), updated
        )
    }
    for tech in corpus.technologies.values():
        meetings = upcoming(site, corpus.by_technology.get(tech.id, []))
        outputs[technology_calendar(tech.id)] = calendar(site, f"{site.site_name}: {tech.title}", meetings, updated)
    return dict(sorted(outputs.items()))

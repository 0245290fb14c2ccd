"""iCalendar files of upcoming meetings: valid, exactly the future meetings, per technology, in the
city's time zone, with an end, and stamped from the records (never the clock), so stable."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import yaml

from civic_record.addresses import UPCOMING_CALENDAR, technology_calendar
from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.outputs.calendars import generate_calendars
from civic_record.pages.site import Site
from tests.building import run_build

from .conftest import CORPUS

TODAY = dt.date(2026, 6, 1)
SITE_URL = "https://records.example.org/riverton/"


def load(records: Path = CORPUS) -> Corpus:
    corpus, problems = check_records(records)
    assert not problems.errors, problems.report()
    return corpus


def calendars_of(corpus: Corpus, today: dt.date = TODAY, site_url: str = SITE_URL) -> dict[str, str]:
    return generate_calendars(Site(corpus, today, site_url=site_url))


def events(text: str) -> dict[str, Any]:
    """The events of an iCalendar file by UID; the file must parse as one VCALENDAR."""
    cal = icalendar.Calendar.from_ical(text)
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//civic-record//Surveillance technology record//EN"
    found = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    for event in found.values():
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert required in event
    return found


def front_matter(path: Path) -> dict[str, Any]:
    """A meeting file's YAML front matter, read directly (not through civic_record)."""
    _, head, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    data: dict[str, Any] = yaml.safe_load(head)
    return data


def expected_upcoming(records: Path, today: dt.date, technology: str | None = None) -> set[str]:
    """Meetings dated to the day, on ``today`` or later, computed from the files themselves."""
    found = set()
    for path in (records / "meetings").glob("*.md"):
        data = front_matter(path)
        date = data["date"]
        if not isinstance(date, dt.date) or date < today:
            continue
        techs = set(data.get("technologies") or [])
        techs |= {t for item in data.get("agenda") or [] for t in item.get("technologies") or []}
        if technology is None or technology in techs:
            found.add(f"{path.stem}@records.example.org")
    return found


def copy_corpus(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    shutil.copytree(CORPUS, records)
    return records


def write_meeting(records: Path, record_id: str, date: str, extra: str = "") -> None:
    (records / "meetings" / f"{record_id}.md").write_text(
        f"---\ntitle: Meeting {record_id}\ndate: {date}\nbody: riverton-common-council\n"
        f"technologies: [rpd-face-recognition]\nsummary: A fictional meeting.\n{extra}"
        'sources:\n  - {url: "https://example.org/x", title: t, kind: primary}\n---\n',
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load()


def test_calendar_paths(corpus: Corpus) -> None:
    assert set(calendars_of(corpus)) == {UPCOMING_CALENDAR} | {technology_calendar(t) for t in corpus.technologies}


def test_the_site_calendar_holds_exactly_the_future_meetings(corpus: Corpus) -> None:
    expected = expected_upcoming(CORPUS, TODAY)
    assert expected == {"2030-01-15-council-hearing-license-plate-readers@records.example.org"}
    found = events(calendars_of(corpus)[UPCOMING_CALENDAR])
    assert set(found) == expected
    hearing = found["2030-01-15-council-hearing-license-plate-readers@records.example.org"]
    assert str(hearing["SUMMARY"]) == "Scheduled hearing on license-plate readers (fictional)"
    start = hearing.decoded("DTSTART")
    assert start == dt.datetime(2030, 1, 15, 17, 30) and start.tzinfo is None  # floating: no timezone
    assert hearing.decoded("DTEND") == dt.datetime(2030, 1, 15, 19, 30)  # no end recorded: two hours
    assert "The record gives no end time: the calendar shows two hours." in str(hearing["DESCRIPTION"])
    assert str(hearing["STATUS"]) == "CONFIRMED"
    assert str(hearing["URL"]) == f"{SITE_URL}meetings/2030-01-15-council-hearing-license-plate-readers/"
    assert str(hearing["DESCRIPTION"]).endswith(str(hearing["URL"]))
    # No source of the hearing is dated: stamped with the day the record was last updated, the
    # newest record up to the build's day (a document of 2025-08, a month: its last day).
    assert hearing.decoded("DTSTAMP") == dt.datetime(2025, 8, 31, tzinfo=dt.UTC)
    assert hearing.decoded("LAST-MODIFIED") == dt.datetime(2025, 8, 31, tzinfo=dt.UTC)


def test_no_events_once_the_meetings_are_past(corpus: Corpus) -> None:
    later = dt.date(2030, 1, 16)
    assert expected_upcoming(CORPUS, later) == set()
    for path, text in calendars_of(corpus, later).items():
        assert events(text) == {}, path


def test_each_technology_calendar_holds_only_its_meetings(corpus: Corpus) -> None:
    calendars = calendars_of(corpus)
    for tech in corpus.technologies:
        found = events(calendars[technology_calendar(tech)])
        assert set(found) == expected_upcoming(CORPUS, TODAY, tech), tech
    assert events(calendars[technology_calendar("rpd-face-recognition")]) == {}
    assert len(events(calendars[technology_calendar("rpd-license-plate-readers")])) == 1


def test_today_counts_as_upcoming_and_days_without_a_day_do_not(tmp_path: Path) -> None:
    records = copy_corpus(tmp_path)
    write_meeting(records, "2026-06-01-today", "2026-06-01")
    write_meeting(records, "2026-05-31-yesterday", "2026-05-31")
    write_meeting(records, "2027-03-month-only", "2027-03")
    write_meeting(records, "2028-year-only", "2028")
    write_meeting(records, "2026-07-01-cancelled", "2026-07-01", "status: cancelled\nlocation: 'Room 2; Annex'\n")
    calendars = calendars_of(load(records))
    expected = expected_upcoming(records, TODAY)
    assert {uid.split("@")[0] for uid in expected} == {
        "2026-06-01-today",
        "2026-07-01-cancelled",
        "2030-01-15-council-hearing-license-plate-readers",
    }
    found = events(calendars[UPCOMING_CALENDAR])
    assert set(found) == expected
    assert set(events(calendars[technology_calendar("rpd-face-recognition")])) == expected_upcoming(
        records, TODAY, "rpd-face-recognition"
    )
    today = found["2026-06-01-today@records.example.org"]
    assert today.decoded("DTSTART") == dt.date(2026, 6, 1)  # all day: no time given
    assert today.decoded("DTEND") == dt.date(2026, 6, 2)  # the end of that day
    assert "two hours" not in str(today["DESCRIPTION"])
    assert "VALUE=DATE:20260601" in calendars[UPCOMING_CALENDAR]
    cancelled = found["2026-07-01-cancelled@records.example.org"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]).startswith("Cancelled: ")
    assert str(cancelled["LOCATION"]) == "Room 2; Annex"
    # Events come in date order, so the file reads as an agenda.
    starts = [e.decoded("DTSTART") for e in icalendar.Calendar.from_ical(calendars[UPCOMING_CALENDAR]).walk("VEVENT")]
    moments = [s if isinstance(s, dt.datetime) else dt.datetime.combine(s, dt.time()) for s in starts]
    assert moments == sorted(moments)


def test_an_empty_technology_calendar_is_still_valid(tmp_path: Path) -> None:
    records = copy_corpus(tmp_path)
    (records / "technologies" / "rpd-drones.yml").write_text(
        "title: Drones (fictional)\ncategory: drones\nagency: riverton-police-department\n", encoding="utf-8"
    )
    text = calendars_of(load(records))[technology_calendar("rpd-drones")]
    assert events(text) == {}
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")


def test_files_are_deterministic_and_well_formed(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    first = calendars_of(corpus)
    assert calendars_of(load(), dt.date(2027, 2, 2)) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")  # only a fallback: the records date these
    assert calendars_of(load()) == first
    for text in first.values():
        lines = text.split("\r\n")
        assert lines[-1] == "" and "\n" not in "".join(lines)
        assert all(len(line.encode("utf-8")) <= 75 for line in lines)


def test_without_a_site_url_events_have_no_url(corpus: Corpus) -> None:
    found = events(calendars_of(corpus, site_url="")[UPCOMING_CALENDAR])
    hearing = found["2030-01-15-council-hearing-license-plate-readers@civic-record"]
    assert "URL" not in hearing
    assert str(hearing["DESCRIPTION"]) == (
        "Fictional test record. A hearing scheduled in the future.\n\n"
        "The record gives no end time: the calendar shows two hours."
    )


def test_hostile_text_stays_inside_its_property(tmp_path: Path) -> None:
    """Calendar syntax in a title or a (multi-line) summary stays text inside its property."""
    records = copy_corpus(tmp_path)
    title = "Hearing END:VEVENT; BEGIN:VEVENT, UID:evil; x, y \\\\ z"
    summary = "Line one\\nEND:VEVENT\\nBEGIN:VEVENT\\r\\nATTACH:http://evil"
    write_meeting(records, "2026-08-01-hostile", "2026-08-01", 'location: "Room 1; ATTACH:http://evil"\n')
    path = records / "meetings" / "2026-08-01-hostile.md"
    text = path.read_text(encoding="utf-8").replace("title: Meeting 2026-08-01-hostile", f'title: "{title}"')
    text = text.replace("summary: A fictional meeting.", f'summary: "{summary}"')
    path.write_text(text, encoding="utf-8")
    found = events(calendars_of(load(records))[UPCOMING_CALENDAR])
    assert len(found) == 2
    hostile = found["2026-08-01-hostile@records.example.org"]
    assert str(hostile["SUMMARY"]) == "Hearing END:VEVENT; BEGIN:VEVENT, UID:evil; x, y \\ z"
    assert "ATTACH" not in hostile


def test_a_line_break_in_a_title_is_refused_before_any_calendar(tmp_path: Path) -> None:
    """A title is one line: a line break (which once reached the calendar as a raw line) is an
    error at the title, so the build never writes a calendar from it."""
    records = copy_corpus(tmp_path)
    write_meeting(records, "2026-08-01-hostile", "2026-08-01")
    path = records / "meetings" / "2026-08-01-hostile.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Meeting 2026-08-01-hostile", 'title: "A\\nBEGIN:VEVENT"'), encoding="utf-8")
    _, problems = check_records(records)
    assert [(p.line, p.code) for p in problems.errors] == [(2, "value.line-break")]


def test_with_a_timezone_times_carry_it_and_the_calendar_its_definition(tmp_path: Path) -> None:
    records = copy_corpus(tmp_path)
    (records / "site.yml").write_text("timezone: America/Chicago\n", encoding="utf-8")
    write_meeting(records, "2026-07-04-all-day", "2026-07-04")
    text = calendars_of(load(records))[UPCOMING_CALENDAR]
    assert "DTSTART;TZID=America/Chicago:20300115T173000\r\n" in text
    assert "DTEND;TZID=America/Chicago:20300115T193000\r\n" in text
    assert "DTSTART;VALUE=DATE:20260704\r\n" in text and "DTEND;VALUE=DATE:20260705\r\n" in text
    cal = icalendar.Calendar.from_ical(text)
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["America/Chicago"]
    hearing = events(text)["2030-01-15-council-hearing-license-plate-readers@records.example.org"]
    start = hearing.decoded("DTSTART")
    assert start.utcoffset() == dt.timedelta(hours=-6)  # CST in January
    assert start.astimezone(dt.UTC) == dt.datetime(2030, 1, 15, 23, 30, tzinfo=dt.UTC)
    # The zone's rules cover the years of the events, from the database: the same every build.
    assert calendars_of(load(records), dt.date(2026, 6, 1)) == calendars_of(load(records))
    assert "20300310T030000" in text  # daylight saving time begins on March 10, 2030


def test_a_calendar_without_timed_events_carries_no_timezone(tmp_path: Path) -> None:
    records = copy_corpus(tmp_path)
    (records / "site.yml").write_text("timezone: America/Chicago\n", encoding="utf-8")
    text = calendars_of(load(records))[technology_calendar("rpd-face-recognition")]
    assert "VTIMEZONE" not in text and events(text) == {}


def test_stamps_come_from_the_sources_of_the_meeting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LAST-MODIFIED is the newest date the meeting's sources carry; DTSTAMP the day the record
    was last updated, or that date when it is later; neither reads the clock or the day of the build
    beyond what the records say."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    records = copy_corpus(tmp_path)
    write_meeting(records, "2026-09-01-noticed", "2026-09-01", "time: '18:00'\n")
    path = records / "meetings" / "2026-09-01-noticed.md"
    text = path.read_text(encoding="utf-8").replace(
        'sources:\n  - {url: "https://example.org/x", title: t, kind: primary}\n',
        "sources:\n"
        '  - {url: "https://example.org/x", title: t, kind: primary, published: 2026-05-20}\n'
        '  - {url: "https://example.org/y", title: u, kind: secondary, retrieved: 2026-05-28}\n',
    )
    path.write_text(text, encoding="utf-8")
    corpus = load(records)
    found = events(calendars_of(corpus)[UPCOMING_CALENDAR])
    noticed = found["2026-09-01-noticed@records.example.org"]
    assert noticed.decoded("LAST-MODIFIED") == dt.datetime(2026, 5, 28, tzinfo=dt.UTC)
    assert noticed.decoded("DTSTAMP") == dt.datetime(2026, 5, 28, tzinfo=dt.UTC)  # later than 2025-08-31
    hearing = found["2030-01-15-council-hearing-license-plate-readers@records.example.org"]
    assert hearing.decoded("DTSTAMP") == dt.datetime(2025, 8, 31, tzinfo=dt.UTC)
    text = calendars_of(corpus)[UPCOMING_CALENDAR]
    assert "DTSTAMP:20260528T000000Z\r\n" in text and "LAST-MODIFIED:20260528T000000Z\r\n" in text
    assert calendars_of(load(records), dt.date(2026, 8, 1)) == calendars_of(corpus)


def test_without_a_dated_record_stamps_fall_back_to_source_date_epoch(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built on a day before every record (so none is an update yet) and with no dated source,
    the stamp is SOURCE_DATE_EPOCH's day, else the meeting's own: never the clock."""
    early = dt.date(2000, 1, 1)
    uid = "2030-01-15-council-hearing-license-plate-readers@records.example.org"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2024, 2, 3, 12, tzinfo=dt.UTC).timestamp())))
    hearing = events(calendars_of(corpus, early)[UPCOMING_CALENDAR])[uid]
    assert hearing.decoded("DTSTAMP") == dt.datetime(2024, 2, 3, tzinfo=dt.UTC)
    assert hearing.decoded("LAST-MODIFIED") == dt.datetime(2024, 2, 3, tzinfo=dt.UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    hearing = events(calendars_of(corpus, early)[UPCOMING_CALENDAR])[uid]
    assert hearing.decoded("DTSTAMP") == dt.datetime(2030, 1, 15, tzinfo=dt.UTC)


def test_two_builds_publish_the_same_calendar_in_the_city_time_zone(tmp_path: Path) -> None:
    """Built twice as a clerk builds (subprocess, pinned day), the calendar read back with
    icalendar has the zone (TZID and its VTIMEZONE), an end, and the same DTSTAMP and
    LAST-MODIFIED, byte for byte."""
    records = copy_corpus(tmp_path)
    (records / "site.yml").write_text("timezone: America/Chicago\n", encoding="utf-8")
    write_meeting(records, "2027-02-10-evening", "2027-02-10", "time: '18:30'\n")
    path = records / "meetings" / "2027-02-10-evening.md"
    text = path.read_text(encoding="utf-8").replace("kind: primary}", "kind: primary, retrieved: 2026-10-02}")
    path.write_text(text, encoding="utf-8")
    files = []
    for name in ("first", "second"):
        result = run_build(records, tmp_path / name, "--site-url", SITE_URL)
        assert result.returncode == 0, result.stderr
        files.append((tmp_path / name / UPCOMING_CALENDAR).read_bytes())
    assert files[0] == files[1]
    cal = icalendar.Calendar.from_ical(files[0])
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["America/Chicago"]
    found = events(files[0].decode("utf-8"))
    evening = found["2027-02-10-evening@records.example.org"]
    assert evening["DTSTART"].params["TZID"] == "America/Chicago"
    assert evening.decoded("DTSTART") == dt.datetime(2027, 2, 10, 18, 30, tzinfo=ZoneInfo("America/Chicago"))
    assert evening.decoded("DTEND") == dt.datetime(2027, 2, 10, 20, 30, tzinfo=ZoneInfo("America/Chicago"))
    assert "The record gives no end time: the calendar shows two hours." in str(evening["DESCRIPTION"])
    assert evening.decoded("LAST-MODIFIED") == dt.datetime(2026, 10, 2, tzinfo=dt.UTC)
    assert evening.decoded("DTSTAMP") == dt.datetime(2026, 10, 2, tzinfo=dt.UTC)
    for event in found.values():
        assert "DTEND" in event and "DTSTAMP" in event and "LAST-MODIFIED" in event

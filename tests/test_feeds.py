"""Atom and RSS feeds: valid, newest first, stable ids, byte-identical rebuilds, inert record text,
dated by when records entered the record (git history) or else by their own dates."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import feedparser
import pytest

from civic_record.addresses import SITE_FEED_ATOM, SITE_FEED_RSS, feed_path
from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.outputs.feeds import generate_feeds
from civic_record.pages.site import CONFIDENCE_LABELS, Site, record_src
from civic_record.vocabulary import FOLDER_OF

from .conftest import CORPUS
from .test_record_history import FEB, JAN, MAR, commit_all, git, init_repo, needs_git, utc

TODAY = dt.date(2026, 6, 1)
SITE_URL = "https://records.example.org/riverton/"
HOSTILE_TITLE = "</title><script>alert(1)</script> ]]> <![CDATA[x]]> &amp; \x0b"
HOSTILE_SUMMARY = '<img src=x onerror="alert(2)"> ]]> & </summary>'


def load(records: Path) -> Corpus:
    corpus, problems = check_records(records)
    assert not problems.errors, problems.report()
    return corpus


def site_of(corpus: Corpus, **settings: Any) -> Site:
    settings.setdefault("site_url", SITE_URL)
    return Site(corpus, settings.pop("today", TODAY), **settings)


@pytest.fixture(scope="module")
def plain_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus outside any git repository (the project's own history would date it)."""
    records = tmp_path_factory.mktemp("plain") / "records"
    shutil.copytree(CORPUS, records)
    return records


@pytest.fixture(scope="module")
def corpus(plain_records: Path) -> Corpus:
    return load(plain_records)


@pytest.fixture(scope="module")
def feeds(corpus: Corpus) -> dict[str, str]:
    return generate_feeds(site_of(corpus))


def parse(text: str) -> Any:
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def copy_corpus(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    shutil.copytree(CORPUS, records)
    return records


def write_document(records: Path, record_id: str, date: str, title: str, summary: str, extra: str = "") -> None:
    (records / "documents" / f"{record_id}.md").write_text(
        f"---\ntitle: {title}\ndate: {date}\nkind: statement\nsummary: {summary}\n{extra}"
        'sources:\n  - {url: "https://example.org/x", title: t, kind: press}\n---\nText\n',
        encoding="utf-8",
    )


def entry_time(entry: Any) -> int:
    return calendar.timegm(entry.published_parsed)


def updated_time(entry: Any, path: str) -> int:
    """An Atom entry's ``updated``; RSS items have only a ``pubDate``."""
    return calendar.timegm(entry.updated_parsed if path.endswith(".atom.xml") else entry.published_parsed)


def as_utc(struct: Any) -> dt.datetime:
    return dt.datetime.fromtimestamp(calendar.timegm(struct), dt.UTC)


def test_every_technology_person_and_body_has_its_feeds(corpus: Corpus, feeds: dict[str, str]) -> None:
    expected = {SITE_FEED_ATOM, SITE_FEED_RSS}
    expected |= {feed_path("technologies", t, kind) for t in corpus.technologies for kind in ("atom", "rss")}
    expected |= {feed_path("people", p, "atom") for p in corpus.people}
    expected |= {feed_path("bodies", b, "atom") for b in corpus.bodies}
    assert set(feeds) == expected
    assert "feeds/technologies/rpd-face-recognition.rss.xml" in feeds
    assert "feeds/people/zoe-ruiz.atom.xml" in feeds


def test_every_feed_parses_cleanly_and_is_newest_first(feeds: dict[str, str]) -> None:
    for path, text in feeds.items():
        parsed = parse(text)
        assert parsed.version == ("atom10" if path.endswith(".atom.xml") else "rss20"), path
        times = [updated_time(e, path) for e in parsed.entries]
        assert times == sorted(times, reverse=True), path


def test_site_feed_has_one_entry_per_dated_record(corpus: Corpus, feeds: dict[str, str]) -> None:
    dated = {r.id: r for r in corpus.dated}
    for path in (SITE_FEED_ATOM, SITE_FEED_RSS):
        entries = parse(feeds[path]).entries
        assert len(entries) == len(dated)
        ids_in_links = {e.link.rstrip("/").rsplit("/", 1)[1] for e in entries}
        assert ids_in_links == set(dated)
        for entry in entries:
            record = dated[entry.link.rstrip("/").rsplit("/", 1)[1]]
            assert entry.title == record.title
            assert entry.summary == f"{CONFIDENCE_LABELS[record.confidence]}: {record.summary}"
            assert entry.link == f"{SITE_URL}{entry.link.removeprefix(SITE_URL)}"
            # Outside a git repository, published and updated are the record's own date.
            published = dt.datetime.fromtimestamp(entry_time(entry), dt.UTC)
            first = record.date.first_day()
            assert published == dt.datetime(first.year, first.month, first.day, tzinfo=dt.UTC)
            if path == SITE_FEED_ATOM:
                assert entry.updated == entry.published


def test_entries_carry_type_and_technology_titles(corpus: Corpus, feeds: dict[str, str]) -> None:
    entries = parse(feeds[SITE_FEED_ATOM]).entries
    report = next(e for e in entries if "2025-08-rpd-license-plate-reader-report" in e.link)
    terms = [t.term for t in report.tags]
    assert terms == ["Document", corpus.technologies["rpd-license-plate-readers"].title]
    # A month-precision date is dated its first day.
    assert report.published.startswith("2025-08-01T00:00:00")


def test_partial_dates_and_feed_updated_are_deterministic(corpus: Corpus, feeds: dict[str, str]) -> None:
    parsed = parse(feeds["feeds/technologies/rpd-license-plate-readers.atom.xml"])
    inventory = next(e for e in parsed.entries if e.link.endswith("/2024-riverton-surveillance-inventory/"))
    assert inventory.published.startswith("2024-01-01T00:00:00")
    # The feed's date is its newest entry's, not the build's.
    assert parsed.feed.updated == parsed.entries[0].updated
    face = parse(feeds["feeds/technologies/rpd-face-recognition.atom.xml"])
    assert face.feed.updated.startswith("2025-07-01T00:00:00")
    assert "lastBuildDate>Tue, 01 Jul 2025 00:00:00 +0000<" in feeds["feeds/technologies/rpd-face-recognition.rss.xml"]


def test_status_changes_are_entries_of_their_own(corpus: Corpus, feeds: dict[str, str]) -> None:
    for tech in corpus.technologies.values():
        for kind in ("atom", "rss"):
            entries = parse(feeds[feed_path("technologies", tech.id, kind)]).entries
            status_entries = [e for e in entries if e.title.startswith("Status: ")]
            assert [e.title for e in status_entries] == [
                f"Status: {c.status.label} — {tech.title}" for c in reversed(tech.status_history)
            ]
            for entry in status_entries:
                assert entry.link == f"{SITE_URL}technologies/{tech.id}/#status-history"
                assert "Status change" in [t.term for t in entry.tags]
            timeline = {r.id for r in corpus.by_technology.get(tech.id, [])}
            assert len(entries) == len(timeline) + len(tech.status_history)
    face = parse(feeds["feeds/technologies/rpd-face-recognition.atom.xml"]).entries
    approved = next(e for e in face if e.title.startswith("Status: Approved with conditions"))
    assert approved.published.startswith("2025-06-10")
    # The vote that shows the change is an entry too, with a different id.
    vote = next(e for e in face if e.link.endswith("/2025-06-10-council-vote-face-recognition-policy/"))
    assert vote.id != approved.id


def test_people_and_bodies_feeds_hold_their_records(corpus: Corpus, feeds: dict[str, str]) -> None:
    for folder, index in (("people", corpus.by_person), ("bodies", corpus.by_body)):
        for rid, records in index.items():
            entries = parse(feeds[feed_path(folder, rid, "atom")]).entries
            assert sorted(e.link for e in entries) == sorted(f"{SITE_URL}{FOLDER_OF[r.kind]}/{r.id}/" for r in records)


def test_feed_titles_and_links(corpus: Corpus, feeds: dict[str, str]) -> None:
    tech = corpus.technologies["rpd-face-recognition"]
    parsed = parse(feeds["feeds/technologies/rpd-face-recognition.atom.xml"])
    assert parsed.feed.title == f"Surveillance technology record: {tech.title}"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {
        "alternate": f"{SITE_URL}technologies/rpd-face-recognition/",
        "self": f"{SITE_URL}feeds/technologies/rpd-face-recognition.atom.xml",
    }
    person = parse(feeds["feeds/people/zoe-ruiz.atom.xml"])
    assert person.feed.title == f"Surveillance technology record: {corpus.people['zoe-ruiz'].name}"


def test_entry_ids_are_unique_and_stable(tmp_path: Path, corpus: Corpus, feeds: dict[str, str]) -> None:
    for path, text in feeds.items():
        ids = [e.id for e in parse(text).entries]
        assert len(ids) == len(set(ids)), path
        assert all(i.startswith("tag:records.example.org,2025:/riverton/") for i in ids), path
    # Rebuilt from a copy whose record has a new title, summary and date: the same ids.
    records = copy_corpus(tmp_path)
    letter = records / "letters" / "2025-04-02-chief-reply-to-council.md"
    text = letter.read_text(encoding="utf-8")
    text = text.replace("date: 2025-04-02", "date: 2025-04-03").replace("title: ", "title: Corrected ", 1)
    letter.write_text(text, encoding="utf-8")
    rebuilt = generate_feeds(site_of(load(records), directory_urls=False, today=dt.date(2031, 1, 1)))
    for path, text in feeds.items():
        assert [e.id for e in parse(rebuilt[path]).entries] == [e.id for e in parse(text).entries], path


def test_two_generations_are_byte_identical(plain_records: Path, feeds: dict[str, str]) -> None:
    again = generate_feeds(site_of(load(plain_records), today=dt.date(2027, 3, 3)))
    assert again == feeds


def test_without_a_site_url_links_are_path_absolute(plain_records: Path) -> None:
    feeds = generate_feeds(Site(load(plain_records), TODAY))
    entries = parse(feeds[SITE_FEED_ATOM]).entries
    assert all(e.link.startswith("/") and not e.link.startswith("//") for e in entries)
    assert "/letters/2025-04-02-chief-reply-to-council/" in {e.link for e in entries}
    assert all(e.id.startswith("tag:civic-record,2025:/") for e in entries)


def test_hostile_record_text_stays_text(tmp_path: Path) -> None:
    records = copy_corpus(tmp_path)
    write_document(
        records,
        "2025-09-01-hostile",
        "2025-09-01",
        '"' + HOSTILE_TITLE.replace("\x0b", "\\v") + '"',
        "'" + HOSTILE_SUMMARY + "'",
        "technologies: [rpd-face-recognition]\n",
    )
    site = site_of(load(records))
    feeds = generate_feeds(site)
    for path in (SITE_FEED_ATOM, SITE_FEED_RSS, "feeds/technologies/rpd-face-recognition.rss.xml"):
        raw = feeds[path]
        assert "<script" not in raw and "<img" not in raw and "<![CDATA[" not in raw
        entry = next(e for e in parse(raw).entries if e.link.endswith("/2025-09-01-hostile/"))
        # The title reads exactly as written (less the control character XML cannot carry).
        assert entry.title == HOSTILE_TITLE.replace(" \x0b", "")
        # The summary is HTML that shows the markup as text.
        assert "<img" not in entry.summary and "&lt;img" in entry.summary
        assert "]]&gt;" in entry.summary


def test_an_empty_feed_is_valid_and_dated_deterministically(tmp_path: Path) -> None:
    records = copy_corpus(tmp_path)
    (records / "technologies" / "rpd-drones.yml").write_text(
        "title: Drones (fictional)\ncategory: drones\nagency: riverton-police-department\n", encoding="utf-8"
    )
    feeds = generate_feeds(site_of(load(records)))
    for kind in ("atom", "rss"):
        parsed = parse(feeds[feed_path("technologies", "rpd-drones", kind)])
        assert parsed.entries == []
    assert "<updated>1970-01-01T00:00:00+00:00</updated>" in feeds["feeds/technologies/rpd-drones.atom.xml"]


def test_a_feed_holds_the_newest_hundred_entries(tmp_path: Path) -> None:
    """A feed reader polls for what is new; past 100 entries the archive is the site itself."""
    from benchmarks.synthetic_corpus import write_synthetic_corpus
    from civic_record.outputs.feeds import ENTRIES_PER_FEED

    write_synthetic_corpus(tmp_path / "records", 200)
    corpus = load(tmp_path / "records")
    assert len(corpus.dated) > ENTRIES_PER_FEED
    site = site_of(corpus)
    parsed = parse(generate_feeds(site)[SITE_FEED_ATOM])
    assert len(parsed.entries) == ENTRIES_PER_FEED == 100
    newest = sorted(corpus.dated, key=lambda r: (r.date, r.time or "", r.id), reverse=True)[:ENTRIES_PER_FEED]
    assert {entry.link for entry in parsed.entries} == {site.absolute_url(record_src(r)) for r in newest}


def test_a_hostile_name_in_a_feeds_own_description_stays_text(tmp_path: Path) -> None:
    """RSS readers show a channel's <description> as HTML: a technology's title there is text."""
    records = copy_corpus(tmp_path)
    (records / "technologies" / "rpd-drones.yml").write_text(
        'title: "Drones <img src=x onerror=alert(1)> (fictional)"\ncategory: drones\n', encoding="utf-8"
    )
    feeds = generate_feeds(site_of(load(records)))
    channel = parse(feeds[feed_path("technologies", "rpd-drones", "rss")]).feed
    assert "<img" not in channel.description and "&lt;img src=x" in channel.description
    atom = parse(feeds[feed_path("technologies", "rpd-drones", "atom")]).feed
    assert (
        atom.subtitle == "New records about Drones <img src=x onerror=alert(1)> (fictional), and changes of its status."
    )


# ---------------------------------------------------------------- dated by git history


def entry_for(parsed: Any, record_id: str) -> Any:
    return next(e for e in parsed.entries if e.link.endswith(f"/{record_id}/"))


@needs_git
def test_feeds_say_what_is_new_from_the_git_history(tmp_path: Path) -> None:
    records = init_repo(copy_corpus(tmp_path))
    commit_all(records, JAN, author_date="2019-01-01T00:00:00Z")
    first = generate_feeds(site_of(load(records)))
    site_feed = parse(first[SITE_FEED_ATOM])
    # Every record entered the record with the first commit: its committer date, not its own.
    assert {(as_utc(e.published_parsed), as_utc(e.updated_parsed)) for e in site_feed.entries} == {(utc(JAN), utc(JAN))}
    assert as_utc(site_feed.feed.updated_parsed) == utc(JAN)

    # A record about 2025 added in a later commit is the newest entry, in every feed naming it.
    write_document(
        records,
        "2025-03-03-late-statement",
        "2025-03-03",
        "A 2025 statement added late",
        "Added after the others.",
        "technologies: [rpd-face-recognition]\n",
    )
    commit_all(records, FEB)
    feeds = generate_feeds(site_of(load(records)))
    for path in (SITE_FEED_ATOM, SITE_FEED_RSS, "feeds/technologies/rpd-face-recognition.atom.xml"):
        newest = parse(feeds[path]).entries[0]
        assert newest.link.endswith("/2025-03-03-late-statement/"), path
        assert as_utc(newest.published_parsed) == utc(FEB), path
    assert "<lastBuildDate>Sun, 01 Feb 2026 12:00:00 +0000</lastBuildDate>" in feeds[SITE_FEED_RSS]

    # A correction is an update: published when the record entered, updated when it changed.
    letter = records / "letters" / "2025-04-02-chief-reply-to-council.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("title: ", "title: Corrected ", 1), encoding="utf-8")
    commit_all(records, MAR)
    feeds = generate_feeds(site_of(load(records)))
    site_feed = parse(feeds[SITE_FEED_ATOM])
    corrected = site_feed.entries[0]
    assert corrected.link.endswith("/2025-04-02-chief-reply-to-council/")
    assert corrected.title.startswith("Corrected ")
    assert as_utc(corrected.published_parsed) == utc(JAN)
    assert as_utc(corrected.updated_parsed) == utc(MAR) > as_utc(corrected.published_parsed)
    assert as_utc(site_feed.feed.updated_parsed) == utc(MAR)
    # A status change is dated when the record that shows it entered the record.
    face = parse(feeds["feeds/technologies/rpd-face-recognition.atom.xml"])
    approved = next(e for e in face.entries if e.title.startswith("Status: Approved with conditions"))
    assert as_utc(approved.published_parsed) == as_utc(approved.updated_parsed) == utc(JAN)

    # The same commit gives the same bytes; changes not committed do not move a date.
    assert generate_feeds(site_of(load(records), today=dt.date(2030, 1, 1))) == feeds
    meeting = next(records.glob("meetings/*.md"))
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nA note not committed yet.\n", encoding="utf-8")
    assert generate_feeds(site_of(load(records))) == feeds
    # A record not committed yet keeps its own date.
    write_document(records, "2025-09-09-not-committed", "2025-09-09", "Not committed", "Not yet.")
    uncommitted = parse(generate_feeds(site_of(load(records)))[SITE_FEED_ATOM])
    entry = entry_for(uncommitted, "2025-09-09-not-committed")
    assert entry.published.startswith("2025-09-09T00:00:00") and entry.updated == entry.published
    assert entry_for(uncommitted, "2025-04-02-chief-reply-to-council").updated == corrected.updated


@needs_git
def test_the_newest_hundred_are_chosen_by_when_records_last_changed(tmp_path: Path) -> None:
    from benchmarks.synthetic_corpus import write_synthetic_corpus
    from civic_record.outputs.feeds import ENTRIES_PER_FEED

    records = tmp_path / "records"
    write_synthetic_corpus(records, 200)
    init_repo(records)
    commit_all(records, JAN)
    corpus = load(records)
    oldest = corpus.dated[0]
    site = site_of(corpus)
    assert site.absolute_url(record_src(oldest)) not in {
        e.link for e in parse(generate_feeds(site)[SITE_FEED_ATOM]).entries
    }
    path = corpus.files[oldest.id].path
    path.write_text(
        path.read_text(encoding="utf-8") + ("\nCorrected.\n" if path.suffix == ".md" else "# corrected\n"),
        encoding="utf-8",
    )
    commit_all(records, FEB)
    entries = parse(generate_feeds(site_of(load(records)))[SITE_FEED_ATOM]).entries
    assert len(entries) == ENTRIES_PER_FEED
    assert entries[0].link == site.absolute_url(record_src(oldest))
    assert as_utc(entries[0].updated_parsed) == utc(FEB) and as_utc(entries[0].published_parsed) == utc(JAN)


@needs_git
def test_a_shallow_clone_is_dated_by_the_records(tmp_path: Path, feeds: dict[str, str]) -> None:
    origin = init_repo(copy_corpus(tmp_path))
    commit_all(origin, JAN)
    clone = tmp_path / "clone" / "records"
    git(tmp_path, "clone", "-q", "--depth", "1", origin.as_uri(), str(clone))
    assert generate_feeds(site_of(load(clone))) == feeds


@needs_git
@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for the hostile program")
def test_a_hostile_git_config_in_the_records_folder_runs_nothing(tmp_path: Path) -> None:
    records = init_repo(copy_corpus(tmp_path))
    commit_all(records, JAN)
    ran = tmp_path / "ran"
    script = tmp_path / "fsmonitor.sh"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{ran}"\n', encoding="utf-8")
    script.chmod(0o755)
    with (records / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write(f"[core]\n\tfsmonitor = {script}\n")
    git(records, "status", "--short")  # the trap is live
    assert ran.exists()
    ran.unlink()
    feeds = generate_feeds(site_of(load(records)))
    assert not ran.exists()
    assert as_utc(parse(feeds[SITE_FEED_ATOM]).feed.updated_parsed) == utc(JAN)

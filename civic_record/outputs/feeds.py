"""Atom and RSS feeds: the whole site, each technology, each person, each body.

Every feed is a pure function of the records and their committed git history (nothing in it
depends on the clock or the working tree), so two builds of the same commit give
byte-identical files:

* Feeds say what is new. An entry is *published* when its record entered the record and
  *updated* when its record last changed. Where the records folder is in a git work tree,
  both come from the committed history of the checked-out commit (``record_history.py``):
  the committer date of the first and of the last commit that touched the record's file
  (first-parent history, so a merge dates what it brings in). So a record about a 2025
  meeting added today is today's entry, and a correction shows as an update.
* Otherwise (no git, not a repository, a shallow clone, git failing) and for a record file
  not committed yet, both dates are the record's own date; a partial date (``2025-08``,
  ``2024``) becomes its first day, at midnight UTC, because a record's ``time`` is local to
  a city whose time zone the contract does not give.
* A status change of a technology is dated when the record that shows it entered the
  record (that record's first commit), else by the change's own date; it is never
  "updated". The technology file's history says when the file changed, not which change
  was added then, and a correction of the showing record does not change the status.
* Each feed holds the newest ``ENTRIES_PER_FEED`` entries by *updated* date (then published
  date, then the record's own date), newest first: a corrected record comes back into the
  feed as an update.
* A feed's ``updated`` is its newest entry's ``updated``, never the build time; a feed with
  no entries yet says 1970-01-01.
* An entry's id is a tag URI (RFC 4151) built from the site's host and path and the
  record's folder and id, e.g. ``tag:records.example.org,2025:/riverton/letters/<id>``. It
  does not depend on the record's title, date or ``directory_urls``, so editing a record
  never makes readers show it again. It does depend on ``site_url``: set it once and keep
  it (without one, ids use the authority ``civic-record``).
* Links are absolute when ``site_url`` is set. Without it they are path-absolute
  (``/letters/<id>/``), which browsers resolve against the feed's address but some feed
  readers reject: publish with a ``site_url``.

An entry's summary starts with how sure its record is, in a word ("Reported: MPD said …"),
because a feed reader shows the summary (categories it mostly hides): a reported or disputed
record is never read as confirmed. A status change names the confidence of the record that
shows it.

Record text is untrusted. Titles are plain text (Atom ``type="text"``); summaries are
HTML-escaped before the feed library XML-escapes them again, because readers render
``<summary type="html">`` and RSS ``<description>`` as HTML. Characters XML 1.0 cannot
carry (control characters, lone surrogates) are dropped.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from feedgenerator import Atom1Feed, Rss201rev2Feed

from ..addresses import HOME_SRC, SITE_FEED_ATOM, SITE_FEED_RSS, record_feed, record_src
from ..corpus import Corpus
from ..models import Body, DatedRecord, Person, Record, StatusChange, Technology
from ..record_history import FileHistory, record_history
from ..site import CONFIDENCE_LABELS, KIND_LABELS, Site, display_name
from ..vocabulary import FOLDER_OF

TAG_DATE = "2025"
"""The date part of every tag URI. Never change it: every entry id would change with it."""

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
"""The ``updated`` date of a feed with no entries yet (deterministic, unlike the clock)."""

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

STATUS_ANCHOR = "status-history"
"""The heading id of the "Status history" section of a technology page."""


def clean(text: str) -> str:
    """Text with the characters XML 1.0 cannot carry removed."""
    return _NOT_XML.sub("", text)


def tag_uri(site: Site, specific: str) -> str:
    """A stable id: ``tag:<host>,2025:<site path><specific>``."""
    parts = urlsplit(site.site_url)
    host = (parts.hostname or "civic-record").lower()
    path = parts.path.rstrip("/") + "/" if parts.path else "/"
    return f"tag:{host},{TAG_DATE}:{path}{specific}"


def record_tag(site: Site, record: Record) -> str:
    return tag_uri(site, f"{FOLDER_OF[record.kind]}/{record.id}")


def day_of(date: dt.date) -> dt.datetime:
    """Midnight UTC of a day: the only time of day an entry ever carries."""
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


class FeedDates:
    """When each record entered the record and last changed: from the records folder's git
    history when it has one (read once per build), else from the records' own dates."""

    def __init__(self, corpus: Corpus, history: dict[str, FileHistory] | None = None) -> None:
        self.corpus = corpus
        self.history = record_history(corpus.records_dir) if history is None else history

    def file_history(self, record: Record) -> FileHistory | None:
        if not self.history:
            return None
        source = self.corpus.files.get(record.id)
        if source is None:
            return None
        try:
            relative = source.path.relative_to(self.corpus.records_dir).as_posix()
        except ValueError:
            return None
        return self.history.get(relative)

    def of_record(self, record: DatedRecord) -> tuple[dt.datetime, dt.datetime]:
        """(published, updated)."""
        known = self.file_history(record)
        if known is None:
            own = day_of(record.date.first_day())
            return own, own
        return known.first, known.last

    def of_status_change(self, change: StatusChange) -> dt.datetime:
        """When the record showing the change entered the record, else the change's date."""
        shown_by = self.corpus.records.get(change.record)
        known = self.file_history(shown_by) if shown_by is not None else None
        return known.first if known is not None else day_of(change.date.first_day())


@dataclass(frozen=True)
class Entry:
    title: str
    link: str
    unique_id: str
    published: dt.datetime
    updated: dt.datetime
    description: str
    categories: tuple[str, ...]
    order: tuple[object, ...]
    """Tiebreak between entries of the same dates (oldest first): the record's own date, time
    of day, then keys that never vary."""

    @property
    def newness(self) -> tuple[object, ...]:
        """Sort key, oldest first: updated, then published, then ``order``."""
        return (self.updated, self.published, *self.order)

    def add_to(self, feed: Atom1Feed | Rss201rev2Feed) -> None:
        feed.add_item(
            title=clean(self.title),
            link=self.link,
            description=html.escape(clean(self.description), quote=False),
            unique_id=self.unique_id,
            unique_id_is_permalink=False,
            pubdate=self.published,
            updateddate=self.updated,
            categories=[clean(c) for c in self.categories],
        )


def _technology_titles(site: Site, ids: Iterable[str]) -> list[str]:
    techs = site.corpus.technologies
    return [techs[t].title for t in sorted(set(ids)) if t in techs]


def record_entry(site: Site, record: DatedRecord, dates: FeedDates) -> Entry:
    published, updated = dates.of_record(record)
    return Entry(
        title=record.title,
        link=site.absolute_url(record_src(record)),
        unique_id=record_tag(site, record),
        published=published,
        updated=updated,
        description=f"{CONFIDENCE_LABELS[record.confidence]}: {record.summary}",
        categories=(KIND_LABELS[record.kind], *_technology_titles(site, record.technologies)),
        order=(record.date, record.time or "", 1, record.id, ""),
    )


def status_entry(site: Site, tech: Technology, change: StatusChange, number: int, dates: FeedDates) -> Entry:
    """A status change as an entry of its own, linking to the technology's status history."""
    label = change.status.label
    shown_by = site.corpus.records.get(change.record)
    description = f"{tech.title}: {label} from {change.date.display()}"
    if shown_by is not None:
        description += f", as shown by “{display_name(shown_by)}”"
        if isinstance(shown_by, DatedRecord):
            description += f" ({CONFIDENCE_LABELS[shown_by.confidence]})"
    description += "."
    if change.note:
        description += " " + change.note
    suffix = f"/{number}" if number > 1 else ""
    published = dates.of_status_change(change)
    return Entry(
        title=f"Status: {label} — {tech.title}",
        link=site.absolute_url(record_src(tech)) + "#" + STATUS_ANCHOR,
        unique_id=tag_uri(site, f"technologies/{tech.id}/status/{change.record}/{change.status.value}{suffix}"),
        published=published,
        updated=published,
        description=description,
        categories=("Status change", tech.title),
        # After the record that shows it, on the same day.
        order=(change.date, "", 2, change.record, change.status.value + suffix),
    )


def status_entries(site: Site, tech: Technology, dates: FeedDates) -> list[Entry]:
    seen: Counter[tuple[str, str]] = Counter()
    entries = []
    for change in tech.status_history:
        key = (change.record, change.status.value)
        seen[key] += 1
        entries.append(status_entry(site, tech, change, seen[key], dates))
    return entries


class _Deterministic:
    """A feed whose ``updated`` is its newest entry's date, or 1970 when it has none."""

    items: list[dict[str, Any]]

    def latest_post_date(self) -> dt.datetime:
        dates = [item["updateddate"] for item in self.items if item.get("updateddate")]
        return max(dates, default=EPOCH)


class AtomFeed(_Deterministic, Atom1Feed):  # type: ignore[misc]
    pass


class RssFeed(_Deterministic, Rss201rev2Feed):  # type: ignore[misc]
    pass


@dataclass(frozen=True)
class FeedSpec:
    title: str
    description: str
    page: str
    """The page (source path) this feed follows."""
    ident: str
    """What the feed's own tag URI names."""
    entries: list[Entry]


ENTRIES_PER_FEED = 100
"""Feed readers fetch a feed again and again for what is new; the archive is the site (and
its CSV files). At 10,000 records a feed of every record would be megabytes per poll."""


def render(site: Site, spec: FeedSpec, path: str, kind: str) -> str:
    feed_class = AtomFeed if kind == "atom" else RssFeed
    description = clean(spec.description)
    if kind == "rss":  # RSS readers show a channel's <description> as HTML, like an item's
        description = html.escape(description, quote=False)
    feed = feed_class(
        title=clean(spec.title),
        link=site.absolute_url(spec.page),
        description=description,
        feed_url=site.file_url(path),
        feed_guid=tag_uri(site, spec.ident),
        author_name=clean(site.site_name),
        author_link=site.site_url or None,
        feed_copyright=clean(site.licence) if site.licence else None,
    )
    newest = sorted(spec.entries, key=lambda entry: entry.newness, reverse=True)[:ENTRIES_PER_FEED]
    for entry in newest:
        entry.add_to(feed)
    text: str = feed.writeString("utf-8")
    return text + "\n"


def feed_specs(site: Site, dates: FeedDates | None = None) -> list[tuple[FeedSpec, dict[str, str]]]:
    """Each feed, with the path of each format it is published in (``atom``, ``rss``)."""
    corpus = site.corpus
    dates = dates or FeedDates(corpus)
    specs: list[tuple[FeedSpec, dict[str, str]]] = []
    made: dict[str, Entry] = {}  # a record is an entry of several feeds: the same one (frozen) in each

    def record_entry_once(record: DatedRecord) -> Entry:
        found = made.get(record.id)
        if found is None:
            found = made[record.id] = record_entry(site, record, dates)
        return found

    all_records = FeedSpec(
        title=site.site_name,
        description=f"New records in {site.site_name}.",
        page=HOME_SRC,
        ident="feeds/all",
        entries=[record_entry_once(r) for r in corpus.dated],
    )
    specs.append((all_records, {"atom": SITE_FEED_ATOM, "rss": SITE_FEED_RSS}))
    for tech in corpus.technologies.values():
        entries = [record_entry_once(r) for r in corpus.by_technology.get(tech.id, [])]
        entries += status_entries(site, tech, dates)
        spec = FeedSpec(
            title=f"{site.site_name}: {tech.title}",
            description=f"New records about {tech.title}, and changes of its status.",
            page=record_src(tech),
            ident=f"feeds/technologies/{tech.id}",
            entries=entries,
        )
        specs.append((spec, {kind: record_feed(tech, kind) for kind in ("atom", "rss")}))
    for folder, records, index in (
        ("people", corpus.people, corpus.by_person),
        ("bodies", corpus.bodies, corpus.by_body),
    ):
        named: dict[str, Person | Body] = dict(records)
        for rid, record in named.items():
            spec = FeedSpec(
                title=f"{site.site_name}: {record.name}",
                description=f"New records naming {record.name}.",
                page=record_src(record),
                ident=f"feeds/{folder}/{rid}",
                entries=[record_entry_once(r) for r in index.get(rid, [])],
            )
            specs.append((spec, {"atom": record_feed(record, "atom")}))
    return specs


def generate_feeds(site: Site) -> dict[str, str]:
    """Every feed, keyed by its path in the site.

    The site feed (Atom and RSS) holds the dated records; each technology's feed (Atom and
    RSS) holds its timeline records plus one entry per status change; each person's and
    body's feed (Atom) holds the records that name them; each at most the newest
    ``ENTRIES_PER_FEED`` by updated date. Every technology, person and body
    gets a feed, even an empty one, so that a subscription made today keeps working.
    Absolute entry links need ``site.site_url``; see the module docstring. The records
    folder's git history is read once per call.
    """
    specs = feed_specs(site, FeedDates(site.corpus))
    outputs = {path: render(site, spec, path, kind) for spec, paths in specs for kind, path in paths.items()}
    return dict(sorted(outputs.items()))

"""The corpus: every valid record, indexed the ways pages need them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from .city_pages import CityPage
from .models import (
    Body,
    DatedRecord,
    Document,
    Letter,
    Meeting,
    Person,
    Record,
    SopVersion,
    StatusChange,
    Technology,
    Vote,
)
from .site_settings import SiteSettings
from .tally import names_partly
from .vocabulary import RecordKind
from .yaml_reader import PositionMap

R = TypeVar("R", bound=Record)
T = TypeVar("T")


NOT_ON_PAGES = {"on_pages": False}
"""Field metadata: problems use this value, pages never show it, so a page that reads the
object does not depend on it (``page_reads``; the tests' verified builds check it)."""


@dataclass(frozen=True)
class RecordFile:
    """Where a record came from, and its Markdown text (for ``.md`` records)."""

    path: Path = field(metadata=NOT_ON_PAGES)
    display: str = field(metadata=NOT_ON_PAGES)
    kind: RecordKind
    positions: PositionMap = field(metadata=NOT_ON_PAGES)
    text: str
    text_line: int = field(metadata=NOT_ON_PAGES)


def _grouped(items: Iterable[T], key: Callable[[T], str | None]) -> dict[str, list[T]]:
    """``items`` grouped by ``key`` (those whose key is empty left out), each group in the
    order of ``items``."""
    index: dict[str, list[T]] = defaultdict(list)
    for item in items:
        group = key(item)
        if group:
            index[group].append(item)
    return dict(index)


def chronological_key(record: DatedRecord) -> tuple[object, ...]:
    """Date (less precise first), then time of day, then id: the same order on every build."""
    return (record.date, record.time or "", record.id)


@dataclass
class Corpus:
    records_dir: Path
    records: dict[str, Record]
    files: dict[str, RecordFile] = field(default_factory=dict)
    settings: SiteSettings = field(default_factory=lambda: SiteSettings())
    attachments: list[str] = field(default_factory=list)
    """The files under ``records/attachments/`` that are published, as paths relative to it."""
    pages: dict[str, CityPage] = field(default_factory=dict)
    """The folder's own pages (``records/pages/``), by name: ``about``, ``index`` and others."""
    draft: bool = False
    """Checked and built as a draft (``--draft``): records may name records not written yet."""
    not_written: dict[str, set[RecordKind]] = field(default_factory=dict)
    """In a draft, each id named but not written yet, with the kinds that may fill it."""

    def forget_positions(self) -> None:
        """Let go of where each value stands in its file, once the records are checked: only
        problems need it, and at 100,000 records it is 1.5 GB of a build's memory, which every
        process rendering pages would otherwise carry."""
        empty = PositionMap()
        self.files = {record_id: replace(source, positions=empty) for record_id, source in self.files.items()}

    def _of(self, cls: type[R]) -> dict[str, R]:
        return {rid: r for rid, r in sorted(self.records.items()) if isinstance(r, cls)}

    @cached_property
    def bodies(self) -> dict[str, Body]:
        return self._of(Body)

    @cached_property
    def people(self) -> dict[str, Person]:
        return self._of(Person)

    @cached_property
    def technologies(self) -> dict[str, Technology]:
        return self._of(Technology)

    @cached_property
    def letters(self) -> dict[str, Letter]:
        return self._of(Letter)

    @cached_property
    def meetings(self) -> dict[str, Meeting]:
        return self._of(Meeting)

    @cached_property
    def votes(self) -> dict[str, Vote]:
        return self._of(Vote)

    @cached_property
    def sops(self) -> dict[str, SopVersion]:
        return self._of(SopVersion)

    @cached_property
    def documents(self) -> dict[str, Document]:
        return self._of(Document)

    @cached_property
    def dated(self) -> list[DatedRecord]:
        """Every dated record, oldest first; a vote right after the meeting it was taken at."""
        return sorted((r for r in self.records.values() if isinstance(r, DatedRecord)), key=self.timeline_key)

    def timeline_key(self, record: DatedRecord) -> tuple[object, ...]:
        """The timeline order: by date, time and id, except that a vote taken at a meeting of the
        same day sorts right after that meeting, whatever their times (contract 1.1)."""
        if isinstance(record, Vote) and record.meeting:
            meeting = self.records.get(record.meeting)
            if isinstance(meeting, Meeting) and meeting.date == record.date:
                return (*chronological_key(meeting), 1, record.time or "", record.id)
        return (*chronological_key(record), 0, "", "")

    @cached_property
    def by_technology(self) -> dict[str, list[DatedRecord]]:
        """Timeline entries: each record under every technology it (or an agenda item) names."""
        index: dict[str, list[DatedRecord]] = defaultdict(list)
        for record in self.dated:
            names = set(record.technologies)
            if isinstance(record, Meeting):
                names.update(t for item in record.agenda for t in item.technologies)
            for tech in sorted(names):
                index[tech].append(record)
        return dict(index)

    @cached_property
    def by_person(self) -> dict[str, list[DatedRecord]]:
        index: dict[str, list[DatedRecord]] = defaultdict(list)
        for record in self.dated:
            for person in sorted(people_in(record) & self.people.keys()):
                index[person].append(record)
        return dict(index)

    @cached_property
    def by_body(self) -> dict[str, list[DatedRecord]]:
        index: dict[str, list[DatedRecord]] = defaultdict(list)
        for record in self.dated:
            for body in sorted(bodies_in(record) & self.bodies.keys()):
                index[body].append(record)
        return dict(index)

    @cached_property
    def votes_at_meeting(self) -> dict[str, list[Vote]]:
        """The votes taken at each meeting, by meeting id, in id order."""
        return _grouped(self.votes.values(), lambda vote: vote.meeting)

    @cached_property
    def ever_members(self) -> dict[str, list[Person]]:
        """Everyone who held a role on each body at any time, by body id, in id order."""
        index: dict[str, list[Person]] = defaultdict(list)
        for person in self.people.values():
            for body in sorted({role.body for role in person.roles}):
                index[body].append(person)
        return dict(index)

    @cached_property
    def dated_position(self) -> dict[str, int]:
        """Each dated record's place in ``dated`` (the timeline order), by record id."""
        return {record.id: position for position, record in enumerate(self.dated)}

    @cached_property
    def timelines_of(self) -> dict[str, list[str]]:
        """``by_technology`` turned around: the technologies on whose timeline each dated record
        appears, by record id, in technology id order."""
        index: dict[str, list[str]] = defaultdict(list)
        for tech in sorted(self.by_technology):
            for record in self.by_technology[tech]:
                index[record.id].append(tech)
        return dict(index)

    @cached_property
    def replies(self) -> dict[str, list[Letter]]:
        """The letters written in reply to each letter, by the id of the letter replied to, in id order."""
        return _grouped(self.letters.values(), lambda letter: letter.in_reply_to)

    @cached_property
    def status_changes_shown_by(self) -> dict[str, list[tuple[Technology, StatusChange]]]:
        """The status changes each record shows, by record id: technology by technology in id
        order, each technology's changes in the order of its status history."""
        index: dict[str, list[tuple[Technology, StatusChange]]] = defaultdict(list)
        for tech in self.technologies.values():
            for change in tech.status_history:
                index[change.record].append((tech, change))
        return dict(index)

    @cached_property
    def partly_named_votes(self) -> dict[str, list[Vote]]:
        """The votes of each body whose sources do not name every voter (a partial roll call,
        or a tally alone), by body id, in id order."""
        return _grouped((vote for vote in self.votes.values() if names_partly(vote)), lambda vote: vote.body)

    @cached_property
    def child_bodies(self) -> dict[str, list[Body]]:
        """The bodies each body includes (those naming it as their ``parent``), in id order."""
        return _grouped(self.bodies.values(), lambda body: body.parent)

    @cached_property
    def related_by(self) -> dict[str, list[Technology]]:
        """The technologies that list each technology id among their ``related``, in id order."""
        index: dict[str, list[Technology]] = defaultdict(list)
        for tech in self.technologies.values():
            for related in dict.fromkeys(tech.related):
                index[related].append(tech)
        return dict(index)

    @cached_property
    def non_signers(self) -> dict[str, list[tuple[Letter, Body]]]:
        """The letters each person did not sign though a member of the signing body that day."""
        from .rosters import non_signers_index  # rosters reads the corpus: imported when first asked

        return non_signers_index(self)

    @cached_property
    def sop_series(self) -> dict[str, list[SopVersion]]:
        """Versions of each policy document, ordered by date, then version label."""
        series: dict[str, list[SopVersion]] = defaultdict(list)
        for sop in self.sops.values():
            series[sop.series].append(sop)
        return {
            name: sorted(v, key=lambda s: (s.date, _version_key(s.version), s.id)) for name, v in sorted(series.items())
        }


def people_in(record: DatedRecord) -> set[str]:
    """Ids (people or bodies) a record names as its actors."""
    found: set[str] = set()
    if isinstance(record, Letter):
        found.update(record.signatories, record.to, record.cc)
    elif isinstance(record, Document):
        found.update(record.authors, record.to)
    elif isinstance(record, Vote):
        for voters in (record.roll_call or {}).values():
            found.update(voters)
        found.update(p for p in (record.mover, record.seconder) if p)
    return found


def bodies_in(record: DatedRecord) -> set[str]:
    found = set(record.bodies) | people_in(record)
    if isinstance(record, Meeting | Vote):
        found.add(record.body)
    if isinstance(record, SopVersion) and record.agency:
        found.add(record.agency)
    return found


def _version_key(label: str) -> tuple[int, float, str]:
    try:
        return (0, float(label), label)
    except ValueError:
        return (1, 0.0, label)

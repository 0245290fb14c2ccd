"""What the search index knows of each page: its type, date, facets and identifiers.

A generated page carries a ``search`` entry in its front matter; the theme's
``partials/content.html`` turns it into Pagefind filters (type, confidence, technology, body,
person, year), a sort key (date) and metadata shown with each result (type, date,
confidence, identifiers). A record's confidence is its word ("Reported"), so a reader tells a
reported or disputed record from a confirmed one in the result list and can filter by it.
Pages whose entry is ``false`` (listings, compare pages) are left out of the index: they
repeat what the record pages say and would crowd every result list.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..corpus import Corpus, bodies_in, people_in
from ..dates import PartialDate
from ..models import Body, DatedRecord, Meeting, Person, SopVersion, Technology, Vote
from .site import CONFIDENCE_LABELS, KIND_LABELS, e


@dataclass(frozen=True)
class SearchEntry:
    """One page as the search index sees it, as plain text."""

    type: str
    date: PartialDate | None = None
    technologies: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    confidence: str | None = None
    """A dated record's confidence in a word ("Confirmed", "Reported", "Disputed")."""

    def front_matter(self) -> dict[str, object]:
        """The entry for the page's front matter, HTML-escaped like every value there."""
        entry: dict[str, object] = {"type": e(self.type)}
        if self.date is not None:
            entry["date"] = e(self.date.display())
            entry["year"] = str(self.date.year)
            # Zero-padded so that "2025" (a year-only date) sorts before "2025-05-14".
            entry["sort"] = f"{self.date.year:04d}-{self.date.month:02d}-{self.date.day:02d}"
        if self.confidence is not None:
            entry["confidence"] = e(self.confidence)
        for key, values in (
            ("technology", self.technologies),
            ("body", self.bodies),
            ("person", self.people),
        ):
            if values:
                entry[key] = [e(value) for value in values]
        if self.identifiers:
            entry["identifiers"] = e(" ".join(self.identifiers))
        return entry


def _names(corpus: Corpus, ids: set[str] | list[str], cls: type[Person | Body | Technology]) -> tuple[str, ...]:
    names = set()
    for record_id in ids:
        record = corpus.records.get(record_id)
        if isinstance(record, cls):
            names.add(record.title if isinstance(record, Technology) else record.name)
    return tuple(sorted(names))


def record_entry(corpus: Corpus, record: DatedRecord) -> SearchEntry:
    return SearchEntry(
        type=KIND_LABELS[record.kind],
        date=record.date,
        technologies=_names(corpus, record.technologies, Technology),
        bodies=_names(corpus, bodies_in(record), Body),
        people=_names(corpus, people_in(record), Person),
        identifiers=identifiers_of(record),
        confidence=CONFIDENCE_LABELS[record.confidence],
    )


def identifiers_of(record: DatedRecord) -> tuple[str, ...]:
    """The record's own identifiers, then those of its agenda items or its matter."""
    found = [str(value) for _, value in sorted(record.identifiers.items())]
    if isinstance(record, Meeting):
        found += [str(value) for item in record.agenda for _, value in sorted(item.identifiers.items())]
    if isinstance(record, Vote) and record.matter and record.matter.identifier:
        found.append(str(record.matter.identifier))
    return tuple(dict.fromkeys(found))


def person_entry(corpus: Corpus, person: Person) -> SearchEntry:
    return SearchEntry(
        type=KIND_LABELS[person.kind],
        bodies=_names(corpus, [role.body for role in person.roles], Body),
        people=(person.name,),
    )


def body_entry(body: Body) -> SearchEntry:
    return SearchEntry(type=KIND_LABELS[body.kind], bodies=(body.name,))


def technology_entry(technology: Technology) -> SearchEntry:
    latest = technology.status_history[-1].date if technology.status_history else None
    return SearchEntry(type=KIND_LABELS[technology.kind], date=latest, technologies=(technology.title,))


def series_entry(corpus: Corpus, versions: list[SopVersion]) -> SearchEntry:
    technologies = {t for version in versions for t in version.technologies}
    agencies = {version.agency for version in versions if version.agency}
    return SearchEntry(
        type="Policy series",
        date=versions[-1].date if versions else None,
        technologies=_names(corpus, technologies, Technology),
        bodies=_names(corpus, agencies, Body),
    )

"""Open data as CSV: one file per kind of record, the roll calls and the timelines.

- ``data/<folder>.csv``: one row per record of one kind (columns in ``KIND_COLUMNS``);
- ``data/roll-call-votes.csv``: one row per member vote;
- ``data/timeline.csv``: one row per timeline entry and per status change.

The column dictionary is on the "Data" page (docs/data.md); a test keeps the two in step (the
columns format 1.1 added are documented in docs/format-reference.md too). Every address is
absolute (``site_url``), from the site's addresses. Everything is a pure function of the corpus
and the site settings, so two builds of the same records give the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping

from ..addresses import ROLL_CALL_CSV, TIMELINE_CSV, attachment_path, json_twin, kind_csv, record_src
from ..corpus import chronological_key
from ..dates import PartialDate
from ..models import (
    ApproximateCount,
    Attachment,
    Body,
    DatedRecord,
    Document,
    Letter,
    Link,
    Meeting,
    PeopleCount,
    Person,
    Record,
    SopVersion,
    Source,
    Technology,
    Vote,
)
from ..site import Site, display_name
from ..tally import tally
from ..vocabulary import FOLDERS, VoteOption
from .data_json import record_text

# --- Columns -------------------------------------------------------------------------------

_HEAD = ("id", "url", "json_url")
_DATED_HEAD = (*_HEAD, "date", "time", "title", "summary")
_DATED_TAIL = (
    "technologies",
    "bodies",
    "confidence",
    "caveats",
    "identifiers",
    "tags",
    "meets",
    "sources",
    "source_kinds",
    "attachments",
    "has_text",
)
_SOURCES = ("sources", "source_kinds")
VOTE_OPTIONS = tuple(option.value for option in VoteOption)

KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    "bodies": (*_HEAD, "name", "kind", "parent", "jurisdiction", "seats", "links", *_SOURCES, "has_text"),
    "people": (*_HEAD, "name", "sort_name", "roles", "links", *_SOURCES, "has_text"),
    "technologies": (
        *_HEAD,
        "title",
        "category",
        "agency",
        "vendor",
        "summary",
        "current_status",
        "current_status_date",
        "status_changes",
        "required",
        "related",
        "links",
        *_SOURCES,
        "has_text",
    ),
    "letters": (*_DATED_HEAD, "from", "to", "cc", "in_reply_to", "response_requested", *_DATED_TAIL),
    "meetings": (
        *_DATED_HEAD,
        "body",
        "kind",
        "status",
        "location",
        "agenda_items",
        "public_comment_speakers",
        "public_comment_written",
        "video",
        "minutes",
        *_DATED_TAIL,
    ),
    "votes": (
        *_DATED_HEAD,
        "body",
        "meeting",
        "matter_identifier",
        "matter_title",
        "motion",
        "motion_kind",
        "recommends",
        "result",
        "mover",
        "seconder",
        "named_roll_call",
        "roll_call_partial",
        *VOTE_OPTIONS,
        *_DATED_TAIL,
    ),
    "sops": (*_DATED_HEAD, "series", "version", "document_kind", "agency", "number", "status", "text", *_DATED_TAIL),
    "documents": (
        *_DATED_HEAD,
        "kind",
        "from",
        "to",
        "vendor",
        "amount",
        "currency",
        "term_start",
        "term_end",
        "signed",
        "signed_by",
        *_DATED_TAIL,
    ),
}
"""The columns of ``data/<folder>.csv``, in order."""

ROLL_CALL_COLUMNS = (
    "vote_id",
    "date",
    "body",
    "matter_identifier",
    "motion",
    "motion_kind",
    "result",
    "person_id",
    "person_name",
    "option",
    "raw_value",
)
TIMELINE_COLUMNS = (
    "technology_id",
    "date",
    "entry_type",
    "record_id",
    "record_type",
    "title",
    "confidence",
    "status",
    "url",
    "note",
)

# --- Cells ---------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet may run a cell that starts with one of these as a formula (OWASP, "CSV injection")."""

Cell = str | int | bool | PartialDate | None


def neutralise(text: str) -> str:
    """Prefix a would-be formula with ``'`` so spreadsheets show it as text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(str(value))


def joined(values: Iterable[object], separator: str = ";") -> str:
    return separator.join(str(value) for value in values)


def _write_csv(columns: tuple[str, ...], rows: Iterable[Mapping[str, Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="raise", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        missing = set(columns) - row.keys()
        if missing:
            raise KeyError(f"row without columns {sorted(missing)}")
        writer.writerow({name: cell(row[name]) for name in columns})
    return buffer.getvalue()


# --- Per-kind rows -------------------------------------------------------------------------


def _links(links: Iterable[Link]) -> str:
    return joined((link.url for link in links), " ")


def _source_url(site: Site, source: Source) -> str:
    if source.url:
        return source.url
    return site.file_url(attachment_path(source.attachment or ""))


def _sources(site: Site, sources: list[Source]) -> dict[str, Cell]:
    """The ``sources`` and ``source_kinds`` cells: addresses joined by spaces, kinds by ``;``."""
    return {
        "sources": joined((_source_url(site, source) for source in sources), " "),
        "source_kinds": joined(source.kind.value for source in sources),
    }


def _attachment_url(site: Site, attachment: Attachment) -> str:
    return site.file_url(attachment_path(attachment.path))


def _head(site: Site, record: Record) -> dict[str, Cell]:
    return {
        "id": record.id,
        "url": site.absolute_url(record_src(record)),
        "json_url": site.file_url(json_twin(record)),
        "has_text": record_text(site, record) is not None,
    }


def _dated(site: Site, record: DatedRecord) -> dict[str, Cell]:
    return {
        **_head(site, record),
        "date": record.date,
        "time": record.time,
        "title": record.title,
        "summary": record.summary,
        "technologies": joined(record.technologies),
        "bodies": joined(record.bodies),
        "confidence": record.confidence.value,
        "caveats": joined(record.caveats, "\n"),
        "identifiers": joined(f"{key}={value}" for key, value in record.identifiers.items()),
        "tags": joined(record.tags),
        "meets": joined(record.meets),
        **_sources(site, record.sources),
        "attachments": joined((_attachment_url(site, a) for a in record.attachments), " "),
    }


def _body_row(site: Site, body: Body) -> dict[str, Cell]:
    return {
        **_head(site, body),
        "name": body.name,
        "kind": body.body_kind.value,
        "parent": body.parent,
        "jurisdiction": body.jurisdiction,
        "seats": body.seats,
        "links": _links(body.links),
        **_sources(site, body.sources),
    }


def _role_source(site: Site, source: Source | str | None) -> str:
    """A role's source in one cell: the record id or address as written, or the entry's address."""
    if source is None or isinstance(source, str):
        return source or ""
    return _source_url(site, source)


def _person_row(site: Site, person: Person) -> dict[str, Cell]:
    roles = (
        joined(
            (
                role.body,
                role.title,
                role.district or "",
                role.start or "",
                role.end or "",
                role.as_of or "",
                role.note or "",
                _role_source(site, role.source),
            ),
            "|",
        )
        for role in person.roles
    )
    return {
        **_head(site, person),
        "name": person.name,
        "sort_name": person.sort_name,
        "roles": joined(roles),
        "links": _links(person.links),
        **_sources(site, person.sources),
    }


def _technology_row(site: Site, tech: Technology) -> dict[str, Cell]:
    current = tech.current_status
    return {
        **_head(site, tech),
        "title": tech.title,
        "category": tech.category.value,
        "agency": tech.agency,
        "vendor": tech.vendor,
        "summary": tech.summary,
        "current_status": current.status.value if current else None,
        "current_status_date": current.date if current else None,
        "status_changes": len(tech.status_history),
        "required": joined(tech.required),
        "related": joined(tech.related),
        "links": _links(tech.links),
        **_sources(site, tech.sources),
    }


def _letter_row(site: Site, letter: Letter) -> dict[str, Cell]:
    return {
        **_dated(site, letter),
        "from": joined(letter.signatories),
        "to": joined(letter.to),
        "cc": joined(letter.cc),
        "in_reply_to": letter.in_reply_to,
        "response_requested": letter.response_requested,
    }


def _meeting_row(site: Site, meeting: Meeting) -> dict[str, Cell]:
    comment = meeting.public_comment
    return {
        **_dated(site, meeting),
        "body": meeting.body,
        "kind": meeting.meeting_kind.value,
        "status": meeting.status.value,
        "location": meeting.location,
        "agenda_items": len(meeting.agenda),
        "public_comment_speakers": _count_cell(comment.speakers) if comment else None,
        "public_comment_written": _count_cell(comment.written) if comment else None,
        "video": meeting.video,
        "minutes": meeting.minutes,
    }


def _count_cell(count: PeopleCount | None) -> Cell:
    """An exact count as a number; an approximate one in words ("at least 180")."""
    if isinstance(count, ApproximateCount):
        return count.words("").strip()
    return count


def _vote_row(site: Site, vote: Vote) -> dict[str, Cell]:
    counted = tally(vote)
    return {
        **_dated(site, vote),
        "body": vote.body,
        "meeting": vote.meeting,
        "matter_identifier": vote.matter.identifier if vote.matter else None,
        "matter_title": vote.matter.title if vote.matter else None,
        "motion": vote.motion,
        "motion_kind": vote.motion_kind.value,
        "recommends": vote.recommends.value if vote.recommends else None,
        "result": vote.result.value,
        "mover": vote.mover,
        "seconder": vote.seconder,
        "named_roll_call": vote.roll_call is not None,
        "roll_call_partial": vote.roll_call_partial,
        **{option.value: counted.get(option) for option in VoteOption},
    }


def _sop_row(site: Site, sop: SopVersion) -> dict[str, Cell]:
    return {
        **_dated(site, sop),
        "series": sop.series,
        "version": sop.version,
        "document_kind": sop.document_kind.value,
        "agency": sop.agency,
        "number": sop.number,
        "status": sop.status.value,
        "text": sop.text.value,
    }


def _document_row(site: Site, document: Document) -> dict[str, Cell]:
    return {
        **_dated(site, document),
        "kind": document.document_kind.value,
        "from": joined(document.authors),
        "to": joined(document.to),
        "vendor": document.vendor,
        "amount": _number(document.amount.value) if document.amount else None,
        "currency": document.amount.currency if document.amount else None,
        "term_start": document.term.start if document.term else None,
        "term_end": document.term.end if document.term else None,
        "signed": document.signed,
        "signed_by": joined(document.signed_by),
    }


def _number(value: int | float) -> str:
    """An amount as a reader writes it: ``11660000`` (not ``11660000.0``), ``1250.5``."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _kind_rows(site: Site, folder: str) -> list[dict[str, Cell]]:
    corpus = site.corpus
    rows: dict[str, Callable[[], list[dict[str, Cell]]]] = {
        "bodies": lambda: [_body_row(site, r) for r in corpus.bodies.values()],
        "people": lambda: [_person_row(site, r) for r in corpus.people.values()],
        "technologies": lambda: [_technology_row(site, r) for r in corpus.technologies.values()],
        "letters": lambda: [_letter_row(site, r) for r in sorted(corpus.letters.values(), key=chronological_key)],
        "meetings": lambda: [_meeting_row(site, r) for r in sorted(corpus.meetings.values(), key=chronological_key)],
        "votes": lambda: [_vote_row(site, r) for r in sorted(corpus.votes.values(), key=chronological_key)],
        "sops": lambda: [_sop_row(site, r) for r in sorted(corpus.sops.values(), key=chronological_key)],
        "documents": lambda: [_document_row(site, r) for r in sorted(corpus.documents.values(), key=chronological_key)],
    }
    return rows[folder]()


# --- Roll calls and timelines --------------------------------------------------------------


def _roll_call_rows(site: Site) -> list[dict[str, Cell]]:
    """One row per member vote; a vote known only by its counts has no rows."""
    rows: list[dict[str, Cell]] = []
    for vote in sorted(site.corpus.votes.values(), key=chronological_key):
        for option in VoteOption:
            for person_id in (vote.roll_call or {}).get(option, []):
                person = site.corpus.people.get(person_id)
                rows.append(
                    {
                        "vote_id": vote.id,
                        "date": vote.date,
                        "body": vote.body,
                        "matter_identifier": vote.matter.identifier if vote.matter else None,
                        "motion": vote.motion,
                        "motion_kind": vote.motion_kind.value,
                        "result": vote.result.value,
                        "person_id": person_id,
                        "person_name": person.name if person else None,
                        "option": option.value,
                        "raw_value": vote.raw_values.get(option),
                    }
                )
    return rows


def _timeline_rows(site: Site) -> list[dict[str, Cell]]:
    """Each technology's timeline entries and status changes, oldest first."""
    corpus = site.corpus
    keyed: list[tuple[tuple[object, ...], dict[str, Cell]]] = []
    for tech_id, entries in corpus.by_technology.items():
        for record in entries:
            row: dict[str, Cell] = {
                "technology_id": tech_id,
                "date": record.date,
                "entry_type": "record",
                "record_id": record.id,
                "record_type": record.kind.value,
                "title": record.title,
                "confidence": record.confidence.value,
                "status": None,
                "url": site.absolute_url(record_src(record)),
                "note": None,
            }
            keyed.append(((tech_id, record.date, 0, record.time or "", record.id), row))
    for tech in corpus.technologies.values():
        for index, change in enumerate(tech.status_history):
            shown = corpus.records.get(change.record)
            row = {
                "technology_id": tech.id,
                "date": change.date,
                "entry_type": "status-change",
                "record_id": change.record,
                "record_type": shown.kind.value if shown else None,
                "title": display_name(shown) if shown else None,
                "confidence": None,
                "status": change.status.value,
                "url": site.absolute_url(record_src(shown)) if shown else None,
                "note": change.note,
            }
            keyed.append(((tech.id, change.date, 1, "", f"{index:06d}"), row))
    return [row for _, row in sorted(keyed, key=lambda pair: pair[0])]


def generate_csv(site: Site) -> dict[str, str]:
    """Every CSV file, keyed by its path in the site."""
    outputs = {kind_csv(folder): _write_csv(KIND_COLUMNS[folder], _kind_rows(site, folder)) for folder in FOLDERS}
    outputs[ROLL_CALL_CSV] = _write_csv(ROLL_CALL_COLUMNS, _roll_call_rows(site))
    outputs[TIMELINE_CSV] = _write_csv(TIMELINE_COLUMNS, _timeline_rows(site))
    return outputs

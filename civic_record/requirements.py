"""Which record, if any, satisfies each of a technology's "required before use" items.

The built-in requirements are met by kinds of record (a use policy by an SOP version, a public
hearing by a held hearing, council approval by a vote of the legislature that passed). A city's
own requirements (``site.yml`` ``requirements``) are met by a record on the technology's
timeline that names the requirement in its ``meets`` list.
"""

from __future__ import annotations

from dataclasses import dataclass

from .corpus import Corpus
from .models import DatedRecord, Meeting, SopVersion, StatusChange, Technology, Vote
from .vocabulary import (
    IN_USE_STATUSES,
    BodyKind,
    DocumentKind,
    MeetingKind,
    MeetingStatus,
    MotionKind,
    Requirement,
    SopStatus,
    VoteResult,
)


def known_requirements(corpus: Corpus) -> dict[str, str]:
    """Every requirement id a technology may name, with its label: built-in, then the city's."""
    labels = {str(r.value): r.label for r in Requirement}
    labels.update(corpus.settings.requirements)
    return labels


def requirement_records(corpus: Corpus, tech: Technology) -> dict[str, DatedRecord]:
    """The earliest record on the technology's timeline that meets each requirement."""
    met: dict[str, DatedRecord] = {}
    for record in corpus.by_technology.get(tech.id, []):
        for requirement in [*_meets(corpus, record), *record.meets]:
            met.setdefault(requirement, record)
    return met


@dataclass(frozen=True)
class RequirementState:
    """One of a technology's "required before use" items, as its page shows it."""

    requirement: str
    label: str
    met_by: DatedRecord | None
    """The earliest record on the timeline that meets it, or None: missing."""
    after_first_use: bool
    """Met only after the first status change that shows the technology in use (never so for an
    annual report, which can only follow use)."""


def first_use(tech: Technology) -> StatusChange | None:
    """The first status change that shows the technology in use, if any."""
    return next((c for c in tech.status_history if c.status in IN_USE_STATUSES), None)


def requirement_states(corpus: Corpus, tech: Technology) -> list[RequirementState]:
    """Each of the technology's requirements in its order: met by which record (and whether
    only after the technology was in use), or missing."""
    met = requirement_records(corpus, tech)
    labels = known_requirements(corpus)
    used = first_use(tech)
    states = []
    for requirement in tech.required:
        record = met.get(requirement)
        # An annual report can only follow use: being met after use began is no lapse for it.
        late = (
            requirement != Requirement.ANNUAL_REPORT.value
            and record is not None
            and used is not None
            and record.date.first_day() > used.date.last_day()
        )
        states.append(RequirementState(requirement, labels.get(requirement, requirement), record, late))
    return states


def _meets(corpus: Corpus, record: DatedRecord) -> list[str]:
    if isinstance(record, SopVersion):
        if record.status in (SopStatus.DRAFT, SopStatus.PROPOSED, SopStatus.WITHDRAWN) and (
            record.document_kind in (DocumentKind.SOP, DocumentKind.USE_POLICY)
        ):
            return []  # a policy not (yet) adopted is not the use policy the rules require
        if record.status is SopStatus.WITHDRAWN:
            return []
        return {
            DocumentKind.SOP: [Requirement.USE_POLICY.value],
            DocumentKind.USE_POLICY: [Requirement.USE_POLICY.value],
            DocumentKind.IMPACT_REPORT: [Requirement.IMPACT_REPORT.value],
            DocumentKind.ANNUAL_REPORT: [Requirement.ANNUAL_REPORT.value],
        }[record.document_kind]
    if isinstance(record, Meeting) and record.meeting_kind in (MeetingKind.PUBLIC_HEARING, MeetingKind.HEARING):
        return [Requirement.PUBLIC_HEARING.value] if record.status is MeetingStatus.HELD else []
    if isinstance(record, Vote) and record.result is VoteResult.PASS and record.motion_kind is MotionKind.SUBSTANTIVE:
        body = corpus.bodies.get(record.body)
        return [Requirement.COUNCIL_APPROVAL.value] if body and body.body_kind is BodyKind.LEGISLATURE else []
    return []

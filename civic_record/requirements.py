"""Which record, if any, satisfies each of a technology's "required before use" items."""

from __future__ import annotations

from .corpus import Corpus
from .models import DatedRecord, Meeting, SopVersion, Technology, Vote
from .vocabulary import BodyKind, DocumentKind, MeetingKind, Requirement, VoteResult


def requirement_records(corpus: Corpus, tech: Technology) -> dict[Requirement, DatedRecord]:
    """The earliest record on the technology's timeline that meets each requirement."""
    met: dict[Requirement, DatedRecord] = {}
    for record in corpus.by_technology.get(tech.id, []):
        for requirement in _meets(corpus, record):
            met.setdefault(requirement, record)
    return met


def _meets(corpus: Corpus, record: DatedRecord) -> list[Requirement]:
    if isinstance(record, SopVersion):
        return {
            DocumentKind.SOP: [Requirement.USE_POLICY],
            DocumentKind.USE_POLICY: [Requirement.USE_POLICY],
            DocumentKind.IMPACT_REPORT: [Requirement.IMPACT_REPORT],
            DocumentKind.ANNUAL_REPORT: [Requirement.ANNUAL_REPORT],
        }[record.document_kind]
    if isinstance(record, Meeting) and record.meeting_kind in (MeetingKind.PUBLIC_HEARING, MeetingKind.HEARING):
        return [Requirement.PUBLIC_HEARING] if record.status.value == "held" else []
    if isinstance(record, Vote) and record.result is VoteResult.PASS:
        body = corpus.bodies.get(record.body)
        return [Requirement.COUNCIL_APPROVAL] if body and body.body_kind is BodyKind.LEGISLATURE else []
    return []

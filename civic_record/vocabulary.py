"""The contract's controlled vocabularies.

Policy for adding a value: add it here with a comment saying which city or record needed it
and why no existing value fits, then describe it on the "Writing records" page. Never
rename or drop a value: published records use it.
"""

from __future__ import annotations

from enum import StrEnum


class Vocabulary(StrEnum):
    """A string enum whose members print as their record spelling."""

    @property
    def label(self) -> str:
        """The value in words, for pages: ``in-use-without-approval`` -> ``In use without approval``."""
        value = str(self.value)
        return _LABELS.get(value, value.replace("-", " ").capitalize())


_LABELS = {
    "alpr": "License-plate readers (ALPR)",
    "sop": "SOP",
    "not-voting": "Not voting",
    "yes": "Yes",
    "no": "No",
    "approve": "Recommends approval",
    "approve-with-conditions": "Recommends approval with conditions",
    "reject": "Recommends rejection",
    "no-recommendation": "No recommendation",
}


class RecordKind(Vocabulary):
    """The record kinds, named after their folders' singular."""

    BODY = "body"
    PERSON = "person"
    TECHNOLOGY = "technology"
    LETTER = "letter"
    MEETING = "meeting"
    VOTE = "vote"
    SOP = "sop"
    DOCUMENT = "document"


class Confidence(Vocabulary):
    CONFIRMED = "confirmed"
    REPORTED = "reported"  # a press report, not yet confirmed by a primary record
    DISPUTED = "disputed"  # sources disagree; the caveats say how


class SourceKind(Vocabulary):
    PRIMARY = "primary"  # the body's own record, or the document itself
    PRESS = "press"
    SECONDARY = "secondary"  # aggregators, summaries, advocacy pages


class MeetingKind(Vocabulary):
    REGULAR = "regular"
    SPECIAL = "special"
    HEARING = "hearing"
    COMMITTEE = "committee"
    PUBLIC_HEARING = "public-hearing"
    LISTENING_SESSION = "listening-session"


class MeetingStatus(Vocabulary):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


class VoteResult(Vocabulary):
    PASS = "pass"
    FAIL = "fail"


class MotionKind(Vocabulary):
    """What a vote decided (contract 1.1): only substantive and recommendation votes are counted in
    summaries of how people voted on a technology."""

    SUBSTANTIVE = "substantive"  # the decision on the matter itself
    AMENDMENT = "amendment"
    PROCEDURAL = "procedural"  # to go into closed session, to refer, to hold, to adjourn
    RECOMMENDATION = "recommendation"  # an advisory body's or committee's recommendation


class Recommendation(Vocabulary):
    """What a recommendation vote recommends (``recommends``)."""

    APPROVE = "approve"
    APPROVE_WITH_CONDITIONS = "approve-with-conditions"
    REJECT = "reject"
    NO_RECOMMENDATION = "no-recommendation"


class SopText(Vocabulary):
    """What the body of an SOP version holds (contract 1.1)."""

    FULL = "full"
    EXCERPT = "excerpt"
    SUMMARY = "summary"


class VoteOption(Vocabulary):
    """Open Civic Data's options plus ``recused`` and ``present``, which clerks use.

    ``abstain`` is ambiguous across cities (a declared abstention vs. simply not voting);
    record what the clerk wrote in ``raw_values`` so the page can show their word.
    """

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"
    EXCUSED = "excused"
    NOT_VOTING = "not-voting"
    PAIRED = "paired"
    PRESENT = "present"
    RECUSED = "recused"
    OTHER = "other"


class DocumentKind(Vocabulary):
    """``document_kind`` of an SOP version."""

    SOP = "sop"
    USE_POLICY = "use-policy"
    IMPACT_REPORT = "impact-report"
    ANNUAL_REPORT = "annual-report"


class SopStatus(Vocabulary):
    DRAFT = "draft"
    PROPOSED = "proposed"
    ADOPTED = "adopted"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"
    RESCINDED = "rescinded"


class OtherDocumentKind(Vocabulary):
    """``kind`` of a document record."""

    RESOLUTION = "resolution"
    ORDINANCE = "ordinance"
    REPORT = "report"
    STATEMENT = "statement"
    PRESS_RELEASE = "press-release"
    NEWS = "news"
    STUDY = "study"
    COMMUNICATION = "communication"
    OTHER = "other"
    # contract 1.1: a San Diego corpus needed contracts, audits and lawsuits; a Milwaukee record
    # holds a criminal charge over searches (an incident)
    CONTRACT = "contract"
    INCIDENT = "incident"
    AUDIT = "audit"
    LAWSUIT = "lawsuit"


class BodyKind(Vocabulary):
    LEGISLATURE = "legislature"
    COMMITTEE = "committee"
    COMMISSION = "commission"
    AGENCY = "agency"
    EXECUTIVE = "executive"
    COURT = "court"
    OTHER = "other"


class TechnologyCategory(Vocabulary):
    FACE_RECOGNITION = "face-recognition"
    ALPR = "alpr"
    DRONES = "drones"
    GUNSHOT_DETECTION = "gunshot-detection"
    BODY_CAMERAS = "body-cameras"
    CAMERA_NETWORK = "camera-network"
    CELL_SITE_SIMULATOR = "cell-site-simulator"
    PREDICTIVE_POLICING = "predictive-policing"
    SOCIAL_MEDIA_MONITORING = "social-media-monitoring"
    REAL_TIME_CRIME_CENTER = "real-time-crime-center"
    OTHER = "other"


class TechnologyStatus(Vocabulary):
    PROPOSED = "proposed"
    UNDER_REVIEW = "under-review"
    POLICY_DRAFTING = "policy-drafting"
    HEARING_SCHEDULED = "hearing-scheduled"
    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved-with-conditions"
    REJECTED = "rejected"
    MORATORIUM = "moratorium"
    BANNED = "banned"
    IN_USE = "in-use"
    IN_USE_WITHOUT_APPROVAL = "in-use-without-approval"
    DISCONTINUED = "discontinued"
    WITHDRAWN = "withdrawn"
    RENEWED = "renewed"  # contract 1.1: approved again while in use (a contract renewal)


class Requirement(Vocabulary):
    """What a city's rules may require before a technology is used."""

    USE_POLICY = "use-policy"
    IMPACT_REPORT = "impact-report"
    PUBLIC_HEARING = "public-hearing"
    COUNCIL_APPROVAL = "council-approval"
    ANNUAL_REPORT = "annual-report"


IN_USE_STATUSES = frozenset(
    {TechnologyStatus.IN_USE, TechnologyStatus.IN_USE_WITHOUT_APPROVAL, TechnologyStatus.RENEWED}
)
"""The statuses under which a technology is in use."""

FOLDERS: dict[str, RecordKind] = {
    "bodies": RecordKind.BODY,
    "people": RecordKind.PERSON,
    "technologies": RecordKind.TECHNOLOGY,
    "letters": RecordKind.LETTER,
    "meetings": RecordKind.MEETING,
    "votes": RecordKind.VOTE,
    "sops": RecordKind.SOP,
    "documents": RecordKind.DOCUMENT,
}
FOLDER_OF: dict[RecordKind, str] = {kind: folder for folder, kind in FOLDERS.items()}
DATED_KINDS = (RecordKind.LETTER, RecordKind.MEETING, RecordKind.VOTE, RecordKind.SOP, RecordKind.DOCUMENT)

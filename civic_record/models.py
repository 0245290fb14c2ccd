"""One strict model per record kind, exactly the fields of the record contract.

Unknown fields are errors (a typo must not vanish), except under ``extra:``. Values a clerk
naturally writes as numbers (``version: 2``, ``district: 8``, ``legistar_meeting: 1248393``)
are accepted and kept as text.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import DateFormatError, PartialDate, parse_time
from .vocabulary import (
    BodyKind,
    Confidence,
    DocumentKind,
    MeetingKind,
    MeetingStatus,
    OtherDocumentKind,
    RecordKind,
    Requirement,
    SopStatus,
    SourceKind,
    TechnologyCategory,
    TechnologyStatus,
    VoteOption,
    VoteResult,
)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HTTP_URL = re.compile(r"^https?://", re.IGNORECASE)
"""A web address: the only kind of link a record may publish."""


def _date(value: object) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except DateFormatError as exc:
        raise PydanticCustomError("date.invalid", str(exc)) from None


def _time(value: object) -> str:
    try:
        return parse_time(value)
    except DateFormatError as exc:
        raise PydanticCustomError("date.invalid-time", str(exc)) from None


def _number_as_text(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _http_url(value: object) -> object:
    if isinstance(value, str):
        text = value.strip()
        if not re.match(r"^https?://[^\s/]+", text, re.IGNORECASE):
            raise PydanticCustomError(
                "url.not-http",
                "'{url}' is not a web address; only http:// and https:// links are published",
                {"url": text[:80]},
            )
        return text
    return value


def _none_as_empty_list(value: object) -> object:
    return [] if value is None else value


DateValue = Annotated[
    PartialDate,
    PlainValidator(_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
]
TimeValue = Annotated[str, BeforeValidator(_time)]
Label = Annotated[str, BeforeValidator(_number_as_text), Field(min_length=1)]
Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, BeforeValidator(_http_url)]
Ref = Annotated[str, Field(min_length=1)]
RefList = Annotated[list[Ref], BeforeValidator(_none_as_empty_list)]
TextList = Annotated[list[Text], BeforeValidator(_none_as_empty_list)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(Model):
    url: Url
    title: str | None = None


def _link(value: object) -> object:
    return {"url": value} if isinstance(value, str) else value


LinkValue = Annotated[Link, BeforeValidator(_link)]
LinkList = Annotated[list[LinkValue], BeforeValidator(_none_as_empty_list)]


class Source(Model):
    """Where a fact comes from: a web address or a file under ``records/attachments/``."""

    url: Url | None = None
    attachment: str | None = None
    title: Text
    publisher: str | None = None
    published: DateValue | None = None
    retrieved: DateValue | None = None
    kind: SourceKind

    @model_validator(mode="after")
    def _located(self) -> Source:
        if not self.url and not self.attachment:
            raise PydanticCustomError(
                "source.no-location", "a source needs a 'url' or an 'attachment' that a reader can open"
            )
        return self


class Attachment(Model):
    path: Text
    title: Text


class Record(Model):
    """What every record has: its id, which is its file name without the extension."""

    kind: ClassVar[RecordKind]
    id: str
    extra: dict[str, Any] = Field(default_factory=dict)


class DatedRecord(Record):
    """Fields every letter, meeting, vote, SOP version and document has."""

    title: Text
    date: DateValue
    time: TimeValue | None = None
    technologies: RefList = Field(default_factory=list)
    bodies: RefList = Field(default_factory=list)
    summary: Text
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence = Confidence.CONFIRMED
    caveats: TextList = Field(default_factory=list)
    identifiers: dict[str, Label] = Field(default_factory=dict)
    attachments: list[Attachment] = Field(default_factory=list)
    tags: TextList = Field(default_factory=list)


class Letter(DatedRecord):
    kind: ClassVar[RecordKind] = RecordKind.LETTER
    signatories: RefList = Field(default_factory=list, alias="from")
    to: RefList = Field(default_factory=list)
    cc: RefList = Field(default_factory=list)
    in_reply_to: Ref | None = None
    response_requested: StrictBool | None = None


class AgendaItem(Model):
    item: Label | None = None
    title: Text
    identifiers: dict[str, Label] = Field(default_factory=dict)
    technologies: RefList = Field(default_factory=list)
    outcome: str | None = None


class PublicComment(Model):
    speakers: int | None = Field(default=None, ge=0)
    written: int | None = Field(default=None, ge=0)


class Meeting(DatedRecord):
    kind: ClassVar[RecordKind] = RecordKind.MEETING
    body: Ref
    meeting_kind: MeetingKind = Field(default=MeetingKind.REGULAR, alias="kind")
    location: str | None = None
    status: MeetingStatus = MeetingStatus.HELD
    agenda: list[AgendaItem] = Field(default_factory=list)
    public_comment: PublicComment | None = None
    video: Url | None = None
    minutes: str | None = None


class Matter(Model):
    identifier: Label | None = None
    title: str | None = None


def _roll_call(value: object) -> object:
    if isinstance(value, dict):
        return {key: ([] if names is None else names) for key, names in value.items()}
    return value


class Vote(DatedRecord):
    kind: ClassVar[RecordKind] = RecordKind.VOTE
    body: Ref
    meeting: Ref | None = None
    matter: Matter | None = None
    motion: str | None = None
    result: VoteResult
    roll_call: Annotated[dict[VoteOption, list[Ref]], BeforeValidator(_roll_call)] | None = None
    counts: dict[VoteOption, Annotated[int, Field(ge=0)]] | None = None
    mover: Ref | None = None
    seconder: Ref | None = None
    raw_values: dict[VoteOption, str] = Field(default_factory=dict)


class SopVersion(DatedRecord):
    kind: ClassVar[RecordKind] = RecordKind.SOP
    series: Ref
    version: Label
    document_kind: DocumentKind = DocumentKind.SOP
    agency: Ref | None = None
    number: Label | None = None
    status: SopStatus


class Document(DatedRecord):
    kind: ClassVar[RecordKind] = RecordKind.DOCUMENT
    document_kind: OtherDocumentKind = Field(alias="kind")
    authors: RefList = Field(default_factory=list, alias="from")
    to: RefList = Field(default_factory=list)


class Body(Record):
    kind: ClassVar[RecordKind] = RecordKind.BODY
    name: Text
    body_kind: BodyKind = Field(alias="kind")
    parent: Ref | None = None
    jurisdiction: str | None = None
    seats: int | None = Field(default=None, gt=0)
    links: LinkList = Field(default_factory=list)


class Role(Model):
    """A seat or office held over a span; ``start`` is left out when no source gives it."""

    body: Ref
    title: Text
    district: Label | None = None
    start: DateValue | None = None
    end: DateValue | None = None
    source: Text | None = None

    def held_on(self, day: PartialDate) -> bool:
        return day.overlaps(self.start, self.end)


class Person(Record):
    kind: ClassVar[RecordKind] = RecordKind.PERSON
    name: Text
    sort_name: str | None = None
    roles: list[Role] = Field(default_factory=list)
    links: LinkList = Field(default_factory=list)

    def roles_on(self, day: PartialDate, body: str | None = None) -> list[Role]:
        return [r for r in self.roles if r.held_on(day) and (body is None or r.body == body)]


class StatusChange(Model):
    date: DateValue
    status: TechnologyStatus
    record: Ref
    note: str | None = None


class Technology(Record):
    kind: ClassVar[RecordKind] = RecordKind.TECHNOLOGY
    title: Text
    category: TechnologyCategory
    agency: Ref | None = None
    vendor: str | None = None
    summary: str | None = None
    status_history: list[StatusChange] = Field(default_factory=list)
    required: list[Requirement] = Field(default_factory=list)
    links: LinkList = Field(default_factory=list)

    @property
    def current_status(self) -> StatusChange | None:
        return self.status_history[-1] if self.status_history else None


MODELS: dict[RecordKind, type[Record]] = {
    RecordKind.BODY: Body,
    RecordKind.PERSON: Person,
    RecordKind.TECHNOLOGY: Technology,
    RecordKind.LETTER: Letter,
    RecordKind.MEETING: Meeting,
    RecordKind.VOTE: Vote,
    RecordKind.SOP: SopVersion,
    RecordKind.DOCUMENT: Document,
}


def field_names(model: type[BaseModel]) -> list[str]:
    """The names a record author writes (aliases where a field has one)."""
    return [info.alias or name for name, info in model.model_fields.items()]

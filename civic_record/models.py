"""One strict model per record kind, exactly the fields of the record contract.

Unknown fields are errors (a typo must not vanish), except under ``extra:``. Values a clerk
naturally writes as numbers (``version: 2``, ``district: 8``, ``legistar_meeting: 1248393``)
are accepted and kept as text.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Strict,
    StrictBool,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import DateFormatError, PartialDate, parse_time
from .problem_codes import Code
from .vocabulary import (
    BodyKind,
    Confidence,
    DocumentKind,
    MeetingKind,
    MeetingStatus,
    MotionKind,
    OtherDocumentKind,
    Recommendation,
    RecordKind,
    SopStatus,
    SopText,
    SourceKind,
    TechnologyCategory,
    TechnologyStatus,
    VoteOption,
    VoteResult,
)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 100
"""Ids become folder and file names (``sops/compare/<id>--<id>/``, ``feeds/people/<id>.rss.xml``):
at this length every name the build derives from one or two ids fits in 255 bytes."""
HTTP_URL = re.compile(r"^https?://", re.IGNORECASE)
"""A web address: the only kind of link a record may publish."""


def _date(value: object) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except DateFormatError as exc:
        raise PydanticCustomError(Code.DATE_INVALID, str(exc)) from None


def _time(value: object) -> str:
    try:
        return parse_time(value)
    except DateFormatError as exc:
        raise PydanticCustomError(Code.DATE_INVALID_TIME, str(exc)) from None


# Characters a field of plain text may not hold. Control characters (C0, DEL, C1) and line or
# paragraph separators break one-line values in terminals, feeds and calendars; bidirectional
# embeddings, overrides and isolates reorder how the text around them is shown (a title can be
# made to read backwards). Right-to-left text needs none of them: browsers lay it out.
_LINE_BREAKS = "\n\r\u0085\u2028\u2029\v\f"
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_BIDI = re.compile(f"[{_BIDI_CONTROLS}]")
_BREAK = re.compile(f"[{_LINE_BREAKS}]")
ONE_LINE_PATTERN = "^[^\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]*$"
"""The same rule as a JSON Schema pattern, for editors."""


def _char_error(match: re.Match[str], code: str, what: str) -> PydanticCustomError:
    char = match.group()
    return PydanticCustomError(
        code,
        "the text holds {what} (U+{codepoint}) at character {position}",
        {"what": what, "codepoint": f"{ord(char):04X}", "position": match.start() + 1},
    )


MAX_LINE_CHARACTERS = 5_000
"""The longest one-line value (a title, a name): a long Legistar title is about 1,000."""
MAX_PROSE_CHARACTERS = 50_000
"""The longest summary, caveat or note: longer text belongs in the record's Markdown body."""


def plain_text_error(text: str, one_line: bool) -> PydanticCustomError | None:
    """Why ``text`` cannot be a field's plain text, or None when it can."""
    limit = MAX_LINE_CHARACTERS if one_line else MAX_PROSE_CHARACTERS
    if len(text) > limit:
        return PydanticCustomError(
            Code.VALUE_TOO_LONG,
            "the text is {length} characters long; the longest allowed here is {limit}",
            {"length": len(text), "limit": limit},
        )
    if match := _CONTROL.search(text):
        return _char_error(match, Code.VALUE_CONTROL_CHARACTER, "a control character")
    if match := _BIDI.search(text):
        return _char_error(match, Code.VALUE_BIDI_CONTROL, "a bidirectional control character")
    if one_line and (match := _BREAK.search(text)):
        return _char_error(match, Code.VALUE_LINE_BREAK, "a line break")
    if not one_line and (match := re.search("[\v\f]", text)):
        return _char_error(match, Code.VALUE_CONTROL_CHARACTER, "a control character")
    return None


def _one_line(value: object) -> object:
    """One line of plain text; a folded YAML value's surrounding line breaks are dropped."""
    if isinstance(value, str):
        value = value.strip()
        if error := plain_text_error(value, one_line=True):
            raise error
    return value


def _prose(value: object) -> object:
    """Plain text that may run over several lines (a summary, a caveat, a note)."""
    if isinstance(value, str) and (error := plain_text_error(value, one_line=False)):
        raise error
    return value


def _slug(value: object) -> object:
    """A name used in the site's addresses, written like a record id."""
    if isinstance(value, str) and not (ID_PATTERN.match(value) and len(value) <= MAX_ID_LENGTH):
        raise PydanticCustomError(
            Code.VALUE_INVALID_SLUG,
            "'{value}' is not a valid name for an address: lowercase letters, digits and single hyphens, "
            "at most {limit} characters",
            {"value": value[:80], "limit": MAX_ID_LENGTH},
        )
    return value


def _number_as_text(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _http_url(value: object) -> object:
    if isinstance(value, str):
        text = value.strip()
        if error := plain_text_error(text, one_line=True):
            raise error
        if not re.match(r"^https?://[^\s/]+", text, re.IGNORECASE):
            raise PydanticCustomError(
                Code.URL_NOT_HTTP,
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
Line = Annotated[str, BeforeValidator(_one_line)]
"""One line of plain text: no line breaks, control or bidirectional control characters."""
Label = Annotated[str, BeforeValidator(_one_line), BeforeValidator(_number_as_text), Field(min_length=1)]
Text = Annotated[str, BeforeValidator(_one_line), Field(min_length=1)]
Prose = Annotated[str, BeforeValidator(_prose), Field(min_length=1)]
Url = Annotated[str, BeforeValidator(_http_url)]
Ref = Annotated[str, BeforeValidator(_one_line), Field(min_length=1)]
Slug = Annotated[str, BeforeValidator(_slug)]
RefList = Annotated[list[Ref], BeforeValidator(_none_as_empty_list)]
TextList = Annotated[list[Text], BeforeValidator(_none_as_empty_list)]
ProseList = Annotated[list[Prose], BeforeValidator(_none_as_empty_list)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(Model):
    url: Url
    title: Line | None = None


def _link(value: object) -> object:
    return {"url": value} if isinstance(value, str) else value


LinkValue = Annotated[Link, BeforeValidator(_link)]
LinkList = Annotated[list[LinkValue], BeforeValidator(_none_as_empty_list)]


class Source(Model):
    """Where a fact comes from: a web address or a file under ``records/attachments/``."""

    url: Url | None = None
    attachment: Line | None = None
    title: Text
    publisher: Line | None = None
    published: DateValue | None = None
    retrieved: DateValue | None = None
    kind: SourceKind

    @model_validator(mode="after")
    def _located(self) -> Source:
        if not self.url and not self.attachment:
            raise PydanticCustomError(
                Code.SOURCE_NO_LOCATION, "a source needs a 'url' or an 'attachment' that a reader can open"
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
    summary: Prose
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence = Confidence.CONFIRMED
    """As written, or (contract 1.1) from the sources: confirmed with a primary source, else reported."""
    caveats: ProseList = Field(default_factory=list)
    identifiers: dict[Line, Label] = Field(default_factory=dict)
    attachments: list[Attachment] = Field(default_factory=list)
    tags: TextList = Field(default_factory=list)
    meets: RefList = Field(default_factory=list)
    """Ids of the city's own requirements (``site.yml`` ``requirements``) this record meets."""

    @model_validator(mode="after")
    def _confidence_from_sources(self) -> DatedRecord:
        if "confidence" not in self.model_fields_set:
            derived = Confidence.CONFIRMED if has_primary_source(self.sources) else Confidence.REPORTED
            object.__setattr__(self, "confidence", derived)  # frozen model: set once, while validating
        return self

    @property
    def confidence_written(self) -> bool:
        """Whether the author wrote ``confidence`` (rather than leaving it to the sources)."""
        return "confidence" in self.model_fields_set


def has_primary_source(sources: list[Source]) -> bool:
    return any(source.kind is SourceKind.PRIMARY for source in sources)


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
    time: TimeValue | None = None
    identifiers: dict[Line, Label] = Field(default_factory=dict)
    technologies: RefList = Field(default_factory=list)
    outcome: Line | None = None


MAX_PEOPLE = 10_000_000
"""The largest count of people (speakers, written comments) a record may state."""
MAX_VOTERS = 100_000
"""The largest vote count or number of seats: no body votes with more members."""
PeopleNumber = Annotated[int, Strict(), Field(ge=0, le=MAX_PEOPLE)]
"""A whole number of people (``true`` is not one, though YAML would read it as 1)."""
VoterNumber = Annotated[int, Strict(), Field(ge=0, le=MAX_VOTERS)]


class ApproximateCount(Model):
    """A count of people known only as a bound or an estimate: exactly one of the three."""

    at_least: PeopleNumber | None = None
    at_most: PeopleNumber | None = None
    about: PeopleNumber | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> ApproximateCount:
        given = [name for name in ("at_least", "at_most", "about") if getattr(self, name) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                Code.COUNT_ONE_BOUND,
                "an approximate count has exactly one of 'at_least', 'at_most' or 'about'{given}",
                {"given": f" (this one has {' and '.join(given)})" if given else ""},
            )
        return self

    def words(self, noun: str) -> str:
        """``at least 180 speakers``."""
        for name, prefix in (("at_least", "at least"), ("at_most", "at most"), ("about", "about")):
            number = getattr(self, name)
            if number is not None:
                return f"{prefix} {number:,} {noun}"
        return noun  # pragma: no cover - the validator guarantees one bound


def _count_form(value: object) -> str:
    return "approximate" if isinstance(value, dict | ApproximateCount) else "number"


PeopleCount = Annotated[
    Annotated[PeopleNumber, Tag("number")] | Annotated[ApproximateCount, Tag("approximate")],
    Discriminator(_count_form),
]
"""A count of people: a whole number, or ``{at_least: 180}`` (or ``at_most``, ``about``)."""


def count_words(count: PeopleCount, singular: str, plural: str) -> str:
    """``37 speakers``, ``1 speaker``, ``at least 180 speakers``."""
    if isinstance(count, ApproximateCount):
        return count.words(plural)
    return f"{count:,} {singular if count == 1 else plural}"


class PublicComment(Model):
    speakers: PeopleCount | None = None
    written: PeopleCount | None = None


class Meeting(DatedRecord):
    kind: ClassVar[RecordKind] = RecordKind.MEETING
    body: Ref
    meeting_kind: MeetingKind = Field(default=MeetingKind.REGULAR, alias="kind")
    location: Line | None = None
    status: MeetingStatus = MeetingStatus.HELD
    agenda: list[AgendaItem] = Field(default_factory=list)
    public_comment: PublicComment | None = None
    video: Url | None = None
    minutes: Line | None = None


class Matter(Model):
    identifier: Label | None = None
    title: Line | None = None


def _roll_call(value: object) -> object:
    if isinstance(value, dict):
        return {key: ([] if names is None else names) for key, names in value.items()}
    return value


class Vote(DatedRecord):
    kind: ClassVar[RecordKind] = RecordKind.VOTE
    body: Ref
    meeting: Ref | None = None
    matter: Matter | None = None
    motion: Line | None = None
    result: VoteResult
    roll_call: Annotated[dict[VoteOption, list[Ref]], BeforeValidator(_roll_call)] | None = None
    roll_call_partial: StrictBool = False
    """The sources name only some voters; ``counts`` gives the whole tally."""
    counts: dict[VoteOption, VoterNumber] | None = None
    mover: Ref | None = None
    seconder: Ref | None = None
    raw_values: dict[VoteOption, Line] = Field(default_factory=dict)
    motion_kind: MotionKind = MotionKind.SUBSTANTIVE
    recommends: Recommendation | None = None

    @property
    def counts_in_summaries(self) -> bool:
        """Whether this vote is counted in how people voted on a technology (not a procedural or
        amendment vote)."""
        return self.motion_kind in (MotionKind.SUBSTANTIVE, MotionKind.RECOMMENDATION)


class SopVersion(DatedRecord):
    kind: ClassVar[RecordKind] = RecordKind.SOP
    series: Slug
    version: Label
    document_kind: DocumentKind = DocumentKind.SOP
    agency: Ref | None = None
    number: Label | None = None
    status: SopStatus
    text: SopText = SopText.FULL
    """What the body holds: the full text, an excerpt, or a summary of the version."""


def _amount_value(value: object) -> int | float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 <= value <= MAX_AMOUNT
    ):
        raise PydanticCustomError(
            Code.DOCUMENT_AMOUNT_NOT_A_NUMBER,
            "the amount must be a number of currency units, not {value}",
            {"value": repr(value)[:80]},
        )
    return value


MAX_AMOUNT = 10**15
"""The largest amount of money a record may state (a quadrillion): beyond it, a typo."""


def _currency(value: object) -> object:
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        return value.strip().upper()
    raise PydanticCustomError(
        Code.DOCUMENT_INVALID_CURRENCY,
        "'{value}' is not a currency code: three letters, as in USD, EUR or CAD",
        {"value": str(value)[:80]},
    )


class Amount(Model):
    value: Annotated[int | float, PlainValidator(_amount_value), WithJsonSchema({"type": "number", "minimum": 0})]
    currency: Annotated[
        str, PlainValidator(_currency), WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{3}$"})
    ] = "USD"
    """ISO 4217 code (USD, EUR, CAD)."""


class Term(Model):
    start: DateValue | None = None
    end: DateValue | None = None


CONTRACT_FIELDS = ("vendor", "amount", "term", "signed", "signed_by")


class Document(DatedRecord):
    kind: ClassVar[RecordKind] = RecordKind.DOCUMENT
    document_kind: OtherDocumentKind = Field(alias="kind")
    authors: RefList = Field(default_factory=list, alias="from")
    to: RefList = Field(default_factory=list)
    vendor: Line | None = None
    amount: Amount | None = None
    term: Term | None = None
    signed: DateValue | None = None
    signed_by: RefList = Field(default_factory=list)


class Body(Record):
    kind: ClassVar[RecordKind] = RecordKind.BODY
    name: Text
    body_kind: BodyKind = Field(alias="kind")
    parent: Ref | None = None
    jurisdiction: Line | None = None
    seats: Annotated[int, Strict(), Field(gt=0, le=MAX_VOTERS)] | None = None
    links: LinkList = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


UNION_TAGS = ("source-entry", "record-id", "number", "approximate")
"""Names of the branches of a value that has two forms; error messages leave them out."""


def _source_form(value: object) -> str:
    return "source-entry" if isinstance(value, dict | Source) else "record-id"


def _role_source_text(value: object) -> object:
    if not isinstance(value, str) or not (ID_PATTERN.match(value.strip()) or HTTP_URL.match(value.strip())):
        shown = value[:80] if isinstance(value, str) else str(value)[:80]
        raise PydanticCustomError(
            Code.ROLE_INVALID_SOURCE,
            "'{value}' is neither a record id, a web address nor a source entry",
            {"value": shown},
        )
    return value


RoleSource = Annotated[
    Annotated[Source, Tag("source-entry")] | Annotated[Text, BeforeValidator(_role_source_text), Tag("record-id")],
    Discriminator(_source_form),
]
"""A role's source: the id of the record that shows it, a web address, or one source entry."""


class Role(Model):
    """A seat or office held over a span; ``start`` is left out when no source gives it."""

    body: Ref
    title: Text
    district: Label | None = None
    start: DateValue | None = None
    end: DateValue | None = None
    as_of: DateValue | None = None
    """A date on which a source shows the role still held (the page says "serving as of")."""
    note: Line | None = None
    source: RoleSource | None = None
    """The record that shows the role (its id), a web address, or one source entry."""

    def held_on(self, day: PartialDate) -> bool:
        return day.overlaps(self.start, self.end)

    @property
    def source_record(self) -> str | None:
        """The id of the record the role cites, when its source is one."""
        if isinstance(self.source, str) and not HTTP_URL.match(self.source):
            return self.source
        return None


class Person(Record):
    kind: ClassVar[RecordKind] = RecordKind.PERSON
    name: Text
    sort_name: Line | None = None
    roles: list[Role] = Field(default_factory=list)
    links: LinkList = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)

    def roles_on(self, day: PartialDate, body: str | None = None) -> list[Role]:
        return [r for r in self.roles if r.held_on(day) and (body is None or r.body == body)]


class StatusChange(Model):
    date: DateValue
    status: TechnologyStatus
    record: Ref
    note: Prose | None = None


class Technology(Record):
    kind: ClassVar[RecordKind] = RecordKind.TECHNOLOGY
    title: Text
    category: TechnologyCategory
    agency: Ref | None = None
    vendor: Line | None = None
    summary: Prose | None = None
    status_history: list[StatusChange] = Field(default_factory=list)
    required: RefList = Field(default_factory=list)
    """Built-in requirements (``use-policy`` ...) or the city's own, from ``site.yml``."""
    related: RefList = Field(default_factory=list)
    """Technology ids shown on both pages (cameras and the plate readers mounted on them)."""
    links: LinkList = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)

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

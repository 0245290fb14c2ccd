"""Every problem code ``check`` can report, with its severity and what it means: the registry.

A problem is reported as ``path:line:col: error [code]: message``. Each code is one member of
:class:`Code`, whose value is the code as printed (``Code.REFERENCE_UNKNOWN == "reference.unknown"``)
and which carries

- ``severity``: whether the problem is an error (it stops a build) or a warning (only with
  ``--strict``); a code has one severity wherever it is reported;
- ``meaning``: one line saying what the problem is, as the "what it means" column of the table
  "Every error and warning" in docs/writing-records.md (Markdown, without the ``warning:`` prefix
  the table gives warnings);
- ``draft_only``: the code is reported only by ``check --draft`` and ``build --draft``.

Every stage reports with a member: the loader, the YAML reader, the models' validators (as a
pydantic error type), the checks between records. :class:`~civic_record.problems.Problems`
refuses a code that is not a member, or reported with another severity than its own, and
tests/test_docs.py compares this registry with the table row by row: a new code cannot stay
undocumented, nor a removed one documented. The members are in the order of that table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Severity(StrEnum):
    """How bad a problem is: errors stop a build, warnings do not (unless ``--strict``)."""

    ERROR = "error"
    WARNING = "warning"


ERROR = Severity.ERROR
WARNING = Severity.WARNING
DRAFT_ONLY = True
"""Marks a code that only ``--draft`` reports."""


class Code(StrEnum):
    """A problem code: ``NAME = "area.name", severity, "meaning"[, DRAFT_ONLY]``."""

    severity: Severity
    meaning: str
    draft_only: bool

    def __new__(cls, value: str, severity: Severity, meaning: str, draft_only: bool = False) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity = severity
        member.meaning = meaning
        member.draft_only = draft_only
        return member

    FILE_NO_RECORDS_FOLDER = "file.no-records-folder", ERROR, "the records folder given to the command does not exist"
    FILE_UNKNOWN_FOLDER = (
        "file.unknown-folder",
        ERROR,
        "a file is directly in `records/` or in a folder that is not a record folder",
    )
    FILE_UNKNOWN_EXTENSION = (
        "file.unknown-extension",
        ERROR,
        "a file in a record folder is not `.yml`, `.yaml`, `.md` or `.markdown`",
    )
    FILE_OUTSIDE_RECORDS = (
        "file.outside-records",
        ERROR,
        "a record file or folder, `site.yml`, or something under `attachments/` (the folder itself included) is a "
        "symbolic link to a place outside the records folder",
    )
    FILE_REPEATED_FOLDER = (
        "file.repeated-folder",
        WARNING,
        "a symbolic link leads to a folder that is read already (a loop, or a second way into the same folder); its "
        "files are read once",
    )
    RECORD_RESERVED_ID = (
        "record.reserved-id",
        ERROR,
        "the file is named `index`, the address of its folder's index page",
    )
    SITE_UNREADABLE = "site.unreadable", ERROR, "`records/site.yml` cannot be read as UTF-8 text"
    FILE_TOO_LARGE = "file.too-large", ERROR, "the file is larger than 2 MiB"
    FILE_UNREADABLE = (
        "file.unreadable",
        ERROR,
        "the file or folder cannot be opened (permissions, a broken link), is not a regular file (a named pipe, a "
        "socket, a device), or is a folder named like a record file (`x.md/`)",
    )
    FILE_ENCODING = "file.encoding", ERROR, "the file is not UTF-8 text, or its name is not"
    FILE_EMPTY = "file.empty", ERROR, "the file is empty"
    FILE_FRONT_MATTER_MISSING = "file.front-matter-missing", ERROR, "a `.md` file does not start with a `---` line"
    FILE_FRONT_MATTER_UNCLOSED = "file.front-matter-unclosed", ERROR, "the front matter has no closing `---` line"
    FILE_NOT_A_MAPPING = "file.not-a-mapping", ERROR, "the fields are not `name: value` lines (a list, or a lone value)"
    YAML_SYNTAX = "yaml.syntax", ERROR, "the YAML cannot be read: bad indentation, a tab, an unclosed quote"
    YAML_ALIAS = "yaml.alias", ERROR, "an anchor or alias (`&name`, `*name`) is used"
    YAML_UNKNOWN_TAG = "yaml.unknown-tag", ERROR, "a YAML tag such as `!!binary` or `!custom` is used"
    YAML_COMPLEX_KEY = "yaml.complex-key", ERROR, "a key is a list or mapping instead of a word"
    YAML_TOO_DEEP = "yaml.too-deep", ERROR, "lists and mappings are nested more than 64 levels deep"
    YAML_DUPLICATE_KEY = "yaml.duplicate-key", ERROR, "the same key appears twice in one mapping"
    YAML_BAD_SCALAR = "yaml.bad-scalar", ERROR, "a value looks like a number but is not a valid one"
    RECORD_INVALID_ID = "record.invalid-id", ERROR, "the file name is not a valid id"
    RECORD_ID_TOO_LONG = (
        "record.id-too-long",
        ERROR,
        "the id (the file name without its extension) is longer than 100 characters: it becomes part of folder and "
        "file names",
    )
    RECORD_ID_MISMATCH = "record.id-mismatch", ERROR, "the `id:` field differs from the file name"
    RECORD_DUPLICATE_ID = "record.duplicate-id", ERROR, "another file already has this id, maybe in another folder"
    RECORD_NO_SOURCES = "record.no-sources", ERROR, "a dated record has an empty `sources` list"
    RECORD_CONFIRMED_SECONDARY_ONLY = (
        "record.confirmed-secondary-only",
        ERROR,
        "the record is `confirmed` (perhaps by default) but all its sources are `secondary`",
    )
    RECORD_ID_WITHOUT_DATE = "record.id-without-date", WARNING, "a dated record's id does not start with its date"
    SCHEMA_UNKNOWN_FIELD = "schema.unknown-field", ERROR, "a field the format does not know, often a typo"
    SCHEMA_MISSING_FIELD = "schema.missing-field", ERROR, "a required field is missing"
    SCHEMA_EMPTY_FIELD = (
        "schema.empty-field",
        ERROR,
        "a field is written with nothing after it (`result:`), as `build_site.py new` leaves the fields still to fill",
    )
    RECORD_INCOMPLETE = (
        "record.incomplete",
        WARNING,
        "the record's only problems are required fields missing or empty; the draft site leaves it out",
        DRAFT_ONLY,
    )
    DRAFT_NOT_WRITTEN = (
        "draft.not-written",
        WARNING,
        "an id named by one or more records has no record yet (one line per id, at its first mention, with the kinds "
        "that may fill it)",
        DRAFT_ONLY,
    )
    SCHEMA_INVALID_VALUE = (
        "schema.invalid-value",
        ERROR,
        "a value is not one of the allowed values, or breaks a limit (empty text, a negative number)",
    )
    SCHEMA_WRONG_TYPE = (
        "schema.wrong-type",
        ERROR,
        "a value has the wrong shape: text where a list is expected, a list where text is expected",
    )
    DATE_INVALID = "date.invalid", ERROR, "a date is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or does not exist"
    DATE_INVALID_TIME = "date.invalid-time", ERROR, "a time is not `HH:MM` on a 24-hour clock"
    URL_NOT_HTTP = "url.not-http", ERROR, "a web address does not start with `http://` or `https://`"
    SOURCE_NO_LOCATION = "source.no-location", ERROR, "a source has neither `url` nor `attachment`"
    REFERENCE_UNKNOWN = "reference.unknown", ERROR, "an id names no record of the expected kind"
    REFERENCE_WRONG_KIND = (
        "reference.wrong-kind",
        ERROR,
        "an id names a record of another kind (a body where a person is expected)",
    )
    REFERENCE_REPEATED = "reference.repeated", ERROR, "the same id is listed twice in one list"
    ATTACHMENT_MISSING = "attachment.missing", ERROR, "no file at `records/attachments/<path>`"
    ATTACHMENT_OUTSIDE_FOLDER = (
        "attachment.outside-folder",
        ERROR,
        "the path leaves `records/attachments/` (`..`, a leading `/`, an address)",
    )
    ATTACHMENT_HIDDEN = (
        "attachment.hidden",
        ERROR,
        "the path names a hidden file or passes through a hidden folder (a name starting with `.`), which is never "
        "published",
    )
    ATTACHMENT_ACTIVE_CONTENT = (
        "attachment.active-content",
        ERROR,
        "a file under `records/attachments/` is one a browser would run (a web page, SVG, XML, script, Markdown)",
    )
    ATTACHMENT_UNKNOWN_TYPE = (
        "attachment.unknown-type",
        ERROR,
        "a file under `records/attachments/` is not of a kind the site publishes (see Attachments), or has no suffix",
    )
    TEXT_TOO_DEEP = (
        "text.too-deep",
        ERROR,
        "in a record's Markdown text, lists, quotes and indentation are nested more than 20 levels deep",
    )
    TEXT_TOO_MUCH_MARKUP = (
        "text.too-much-markup",
        ERROR,
        "the text holds more than 20,000 pieces of markup (paragraphs, list items, table cells, links, emphasis...), "
        "too many to render in time",
    )
    TEXT_TOO_MANY_FOOTNOTES = (
        "text.too-many-footnotes",
        ERROR,
        "more than 1,000 footnotes, or one footnote referenced more than 50 times",
    )
    TEXT_TOO_MUCH_HTML = (
        "text.too-much-html",
        ERROR,
        "an HTML tag (`<`) that is not closed, or so much HTML after it that reading it would take too long",
    )
    TEXT_UNCLOSED_BRACKETS = (
        "text.unclosed-brackets",
        ERROR,
        "a paragraph holds many `[`, `(` or backticks that are not closed, which Markdown takes very long to read",
    )
    TEXT_BLOCK_TOO_LONG = (
        "text.block-too-long",
        ERROR,
        "a block of many lines without a blank line between headings, rules, definitions or table rows, which "
        "Markdown takes very long to read",
    )
    TEXT_RENDER_FAILED = (
        "text.render-failed",
        ERROR,
        "the text cannot be rendered at all (a bug in civic-record or Python-Markdown)",
    )
    VALUE_CONTROL_CHARACTER = (
        "value.control-character",
        ERROR,
        'a field holds a control character (often from an escape such as `"\\x1b"` in a quoted value)',
    )
    VALUE_LINE_BREAK = "value.line-break", ERROR, "a one-line field (a title, a name, a label) holds a line break"
    VALUE_BIDI_CONTROL = (
        "value.bidi-control",
        ERROR,
        "a field holds a bidirectional embedding, override or isolate character (U+202A-U+202E, U+2066-U+2069)",
    )
    VALUE_TOO_LONG = (
        "value.too-long",
        ERROR,
        "a one-line field is longer than 5,000 characters, or a summary, caveat or note longer than 50,000",
    )
    VALUE_INVALID_SLUG = (
        "value.invalid-slug",
        ERROR,
        "a policy's `series` is not written like an id (it becomes part of the site's addresses)",
    )
    REFERENCE_CYCLE = (
        "reference.cycle",
        ERROR,
        "a letter is `in_reply_to` itself (or a chain of replies comes back to it), or a body is its own `parent` "
        "(or a chain of parents comes back to it)",
    )
    LETTER_REPLY_BEFORE_ORIGINAL = (
        "letter.reply-before-original",
        WARNING,
        "a letter is dated before the letter it is `in_reply_to`",
    )
    TECHNOLOGY_STATUS_RECORD_ELSEWHERE = (
        "technology.status-record-elsewhere",
        WARNING,
        "the `record` of a status change does not list this technology in its `technologies` (so the timeline cites "
        "a record about something else)",
    )
    VOTE_MEETING_MISMATCH = (
        "vote.meeting-mismatch",
        ERROR,
        "a vote's `meeting` is a meeting of another body, or is dated another day than the vote",
    )
    LETTER_UNKNOWN_SIGNATORY = (
        "letter.unknown-signatory",
        ERROR,
        "a `from` entry of a letter is not a person or body in the records",
    )
    LETTER_SIGNATORY_WITHOUT_ROLE = (
        "letter.signatory-without-role",
        ERROR,
        "a signatory holds no role on the letter's date",
    )
    VOTE_SAME_MOVER_AND_SECONDER = (
        "vote.same-mover-and-seconder",
        WARNING,
        "the same person is the `mover` and the `seconder`",
    )
    TECHNOLOGY_IN_USE_MISSING_REQUIREMENT = (
        "technology.in-use-missing-requirement",
        WARNING,
        "the technology's current status is `in-use`, `in-use-without-approval` or `renewed`, but no record on its "
        "timeline meets one of its `required` items",
    )
    VOTE_NO_TALLY = "vote.no-tally", ERROR, "the vote has neither `roll_call` nor `counts`"
    VOTE_MORE_VOTERS_THAN_SEATS = (
        "vote.more-voters-than-seats",
        ERROR,
        "the roll call (or the counts) lists more members than the body's `seats`",
    )
    VOTE_RESULT_CONTRADICTS_TALLY = (
        "vote.result-contradicts-tally",
        WARNING,
        "the `result` disagrees with a simple majority of yes and no",
    )
    VOTE_MOVER_DID_NOT_VOTE = "vote.mover-did-not-vote", WARNING, "the `mover` or `seconder` is not in the roll call"
    VOTE_UNKNOWN_VOTER = "vote.unknown-voter", ERROR, "a name in the roll call is not a person in the records"
    VOTE_DUPLICATE_VOTER = "vote.duplicate-voter", ERROR, "a person appears twice in the roll call"
    VOTE_VOTER_WITHOUT_SEAT = "vote.voter-without-seat", ERROR, "a voter holds no seat on the vote's body on its date"
    VOTE_COUNTS_MISMATCH = "vote.counts-mismatch", ERROR, "`counts` and `roll_call` disagree for an option"
    PERSON_ROLE_ENDS_BEFORE_START = "person.role-ends-before-start", ERROR, "a role's `end` is before its `start`"
    TECHNOLOGY_STATUS_OUT_OF_ORDER = (
        "technology.status-out-of-order",
        ERROR,
        "a status change is dated before the one listed above it",
    )
    SOP_DUPLICATE_VERSION = "sop.duplicate-version", ERROR, "two versions of one series have the same `version` label"
    CONFIDENCE_UNSUPPORTED = (
        "confidence.unsupported",
        WARNING,
        "the record is written `confirmed` but none of its sources is `primary`",
    )
    COUNT_ONE_BOUND = (
        "count.one-bound",
        ERROR,
        "an approximate count has two of `at_least`, `at_most`, `about`, or none",
    )
    VOTE_PARTIAL_WITHOUT_COUNTS = (
        "vote.partial-without-counts",
        ERROR,
        "a vote with `roll_call_partial: true` has no `counts`",
    )
    VOTE_PARTIAL_NAMES_EXCEED_COUNTS = (
        "vote.partial-names-exceed-counts",
        ERROR,
        "a partial roll call names more people under an option than its count",
    )
    VOTE_RECOMMENDS_WITHOUT_RECOMMENDATION = (
        "vote.recommends-without-recommendation",
        ERROR,
        "a vote has `recommends` but its `motion_kind` is not `recommendation`",
    )
    VOTE_RECOMMENDATION_WITHOUT_RECOMMENDS = (
        "vote.recommendation-without-recommends",
        ERROR,
        "a vote with `motion_kind: recommendation` does not say what it recommends",
    )
    DOCUMENT_CONTRACT_FIELD = (
        "document.contract-field",
        ERROR,
        "`vendor`, `amount`, `term`, `signed` or `signed_by` on a document whose `kind` is not `contract`",
    )
    DOCUMENT_TERM_ENDS_BEFORE_START = (
        "document.term-ends-before-start",
        ERROR,
        "a contract's `term` ends before it starts",
    )
    DOCUMENT_AMOUNT_NOT_A_NUMBER = (
        "document.amount-not-a-number",
        ERROR,
        'a contract\'s `amount` `value` is not a number of 0 or more (text such as "$11.66M", a negative number)',
    )
    DOCUMENT_INVALID_CURRENCY = "document.invalid-currency", ERROR, "an amount's `currency` is not a three-letter code"
    TECHNOLOGY_UNKNOWN_REQUIREMENT = (
        "technology.unknown-requirement",
        ERROR,
        "an id in `required` is neither a built-in requirement nor one declared under `requirements` in `site.yml`",
    )
    TECHNOLOGY_RELATED_TO_ITSELF = "technology.related-to-itself", ERROR, "a technology lists its own id in `related`"
    RECORD_UNKNOWN_REQUIREMENT = (
        "record.unknown-requirement",
        ERROR,
        "an id in `meets` is not declared under `requirements` in `site.yml`",
    )
    PERSON_AS_OF_OUTSIDE_ROLE = (
        "person.as-of-outside-role",
        ERROR,
        "a role's `as_of` is before its `start` or after its `end`",
    )
    ROLE_INVALID_SOURCE = (
        "role.invalid-source",
        ERROR,
        "a role's `source` is neither a record id, a web address nor a source entry (a sentence, a number)",
    )
    ROLE_UNKNOWN_SOURCE = (
        "role.unknown-source",
        ERROR,
        "a role's `source` is an id that names no letter, meeting, vote, policy version or document",
    )
    SITE_UNKNOWN_TIMEZONE = (
        "site.unknown-timezone",
        ERROR,
        "`timezone` in `site.yml` is not a time zone of the IANA database",
    )
    SITE_REQUIREMENT_BUILT_IN = (
        "site.requirement-built-in",
        ERROR,
        "a requirement under `requirements:` in `site.yml` has the id of a built-in one (`council-approval`, "
        "`use-policy` ...), which the tool alone decides is met",
    )
    SITE_IDENTIFIER_LINK_WITHOUT_ID = (
        "site.identifier-link-without-id",
        ERROR,
        "an address under `identifier_links` has no `{id}`, or has other braces",
    )
    PAGE_NESTED = "page.nested", ERROR, "a page is in a sub-folder of `records/pages/`"
    PAGE_NOT_MARKDOWN = "page.not-markdown", ERROR, "a file in `records/pages/` is not a `.md` file"
    PAGE_INVALID_NAME = "page.invalid-name", ERROR, "a page's file name is not written like an id"
    PAGE_REPLACES_GENERATED = (
        "page.replaces-generated",
        ERROR,
        "a page would take the place of a page or folder the site makes (`search`, `data`, a record folder ...)",
    )
    PERSON_SAME_NAME = (
        "person.same-name",
        WARNING,
        "two person records have the same name: one person written twice would count as another member",
    )
    ROLE_SEAT_SHARED = (
        "role.seat-shared",
        WARNING,
        "two people hold the same district seat on the same body in overlapping periods",
    )
    FMT_CHANGED = (
        "fmt.changed",
        ERROR,
        "`fmt` only: the file changed while `fmt` was formatting it, so it was left as it is now",
    )
    FMT_NOT_WRITTEN = "fmt.not-written", ERROR, "`fmt` only: the formatted file could not be written"
    FMT_INTERNAL_ERROR = (
        "fmt.internal-error",
        ERROR,
        "`fmt` only: the formatted text would not read back as the same record, so the file was left as it was",
    )
    FMT_LINK_SKIPPED = (
        "fmt.link-skipped",
        WARNING,
        "`fmt` only: the path is a symbolic link, which `fmt` never writes through",
    )


CODES: dict[str, Code] = {code.value: code for code in Code}
"""Each code by its text, as a pydantic error type carries it."""


_AS_WORDS = {Severity.ERROR: "an error", Severity.WARNING: "a warning"}


class ProblemCodeError(ValueError):
    """A problem reported with a code the registry does not hold, or with another severity than
    its own: a mistake in civic-record, never in the records."""


def registered(code: str, severity: Severity | None = None) -> Code:
    """The member for ``code``; a ``ValueError`` if there is none, or if ``severity`` is not its own.

    Codes never come from the records, only from this code base, so an unknown one is a bug to
    fix here (add the member and its row in docs/writing-records.md), not a problem to report.
    """
    found = CODES.get(code)
    if found is None:
        raise ProblemCodeError(
            f"the problem code {str(code)!r} is not in civic_record.problem_codes.Code: add it there, "
            "and a row for it in the table 'Every error and warning' of docs/writing-records.md"
        )
    if severity is not None and found.severity is not severity:
        raise ProblemCodeError(
            f"the problem code {str(code)!r} is {_AS_WORDS[found.severity]} in civic_record.problem_codes.Code, "
            f"but was reported as {_AS_WORDS[severity]}"
        )
    return found

"""What ``build_site.py new`` writes: each kind's options in the canonical key order, what to
write in a field still to fill, and the YAML emitter (one scalar function, ``emit_scalar``).

The file is written in the canonical form of ``build_site.py fmt`` (described in canonical.py):
keys in ``KEY_ORDER``'s order, two-space indentation, block lists indented under their key,
strings plain unless YAML 1.2 or YAML 1.1 would read them as something else (then double-quoted),
dates plain, a summary folded (``>-``) at 80 columns, a roll call and tally on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import UnionType
from typing import Any, Literal, TypeAlias, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .dates import PartialDate
from .models import MODELS, UNION_TAGS, Matter, Role, Source
from .schema_errors import did_you_mean
from .vocabulary import RecordKind, Vocabulary, VoteOption
from .yaml_reader import read_yaml
from .yaml_writer import FOLD_WIDTH, MAX_WIDTH, double_quoted, fold_lines, literal_lines, plain_string

PROG = "build_site.py new"

Form = Literal["text", "prose", "date", "time", "id", "ids", "texts", "links", "enum", "int", "bool", "counts"]


@dataclass(frozen=True)
class Option:
    """One ``--option`` of ``new <kind>``: where its value goes in the record, and its form."""

    path: tuple[str, ...]
    """The key it fills: ``("title",)``, or inside the first role or source: ``("roles", "start")``."""
    form: Form
    help: str
    flag: str = ""
    """The option's spelling; by default ``--`` and the last key, with hyphens."""

    @property
    def option(self) -> str:
        return self.flag or "--" + self.path[-1].replace("_", "-")


@dataclass(frozen=True)
class Mark:
    """A field still to fill: written as the key with no value and a comment saying what to write."""

    hint: str


Value: TypeAlias = str | int | bool | Mark | list["Value"] | dict[str, "Value"]

_IDS = "ID[,ID...]"
_ROLE = "(first role) "
_SOURCE = "(one source) "


def _opt(path: str, form: Form, help: str, flag: str = "") -> Option:
    return Option(tuple(path.split(".")), form, help, flag)


_DATED_HEAD = [
    _opt("title", "text", "one line of plain text"),
    _opt("date", "date", "YYYY-MM-DD, YYYY-MM or YYYY (default: the date the id starts with)"),
    _opt("time", "time", 'local time on a 24-hour clock, e.g. 18:00 (written "18:00")'),
]
_SOURCES = [
    _opt("sources.url", "text", _SOURCE + "its web address, http:// or https://", "--source-url"),
    _opt("sources.title", "text", _SOURCE + "its title as its publisher gives it", "--source-title"),
    _opt("sources.publisher", "text", _SOURCE + "who published it", "--source-publisher"),
    _opt("sources.published", "date", _SOURCE + "when it was published", "--source-published"),
    _opt("sources.kind", "enum", _SOURCE + "{choices}", "--source-kind"),
]
_DATED_TAIL = [
    _opt("technologies", "ids", "ids of the technologies whose timelines show it"),
    _opt("bodies", "ids", "ids of the bodies involved, beyond the kind's own"),
    _opt("meets", "ids", "ids of the city's own requirements (site.yml) it meets"),
    _opt("summary", "prose", "1-3 plain-language sentences"),
    *_SOURCES,
    _opt("confidence", "enum", "{choices}; left out, it follows the sources"),
    _opt("tags", "texts", "free keywords"),
]
_LINKS = _opt("links", "links", "a web address about it (repeat the option for more)")
_ROLL_CALL = [
    _opt(f"roll_call.{option.value}", "ids", f"ids of the people who voted {option.value}") for option in VoteOption
]

OPTIONS: dict[RecordKind, list[Option]] = {
    RecordKind.BODY: [
        _opt("name", "text", "the body's name"),
        _opt("kind", "enum", "{choices}"),
        _opt("parent", "id", "id of the body it belongs to (a committee's council)"),
        _opt("jurisdiction", "text", "e.g. City of Milwaukee"),
        _opt("seats", "int", "the number of seats"),
        _LINKS,
        *_SOURCES,
    ],
    RecordKind.PERSON: [
        _opt("name", "text", "the name as the person writes it, accents kept"),
        _opt("sort_name", "text", "the name for alphabetical lists: Pérez, José G."),
        _opt("roles.body", "id", _ROLE + "id of the body"),
        _opt("roles.title", "text", _ROLE + "the title: Alderwoman, Chief of Police..."),
        _opt("roles.district", "text", _ROLE + "the district, e.g. 8"),
        _opt("roles.start", "date", _ROLE + "when it began (leave it out when no source gives it)"),
        _opt("roles.end", "date", _ROLE + "when it ended"),
        _opt("roles.as_of", "date", _ROLE + "a date a source shows the role still held"),
        _opt("roles.note", "text", _ROLE + "one line shown with the role"),
        _LINKS,
        *_SOURCES,
    ],
    RecordKind.TECHNOLOGY: [
        _opt("title", "text", "the technology and who uses or proposes it"),
        _opt("category", "enum", "{choices}"),
        _opt("agency", "id", "id of the body that uses or proposes it"),
        _opt("vendor", "text", "the company that sells it"),
        _opt("summary", "prose", "1-3 plain-language sentences"),
        _opt("required", "ids", "what the city's rules require before use: {requirements} or the city's own"),
        _opt("related", "ids", "ids of technologies used with this one"),
        _LINKS,
        *_SOURCES,
    ],
    RecordKind.LETTER: [
        *_DATED_HEAD,
        _opt("from", "ids", "ids of the signatories (people or bodies), in signing order"),
        _opt("to", "ids", "ids of the addressees"),
        _opt("cc", "ids", "ids of those copied"),
        _opt("in_reply_to", "id", "id of the letter this one answers"),
        _opt("response_requested", "bool", "true or false"),
        *_DATED_TAIL,
    ],
    RecordKind.MEETING: [
        *_DATED_HEAD,
        _opt("body", "id", "id of the body that met"),
        _opt("kind", "enum", "{choices}"),
        _opt("location", "text", "where it was held"),
        _opt("status", "enum", "{choices}"),
        _opt("video", "text", "web address of the recording"),
        _opt("minutes", "text", "web address of the minutes, or a path under records/attachments/"),
        *_DATED_TAIL,
    ],
    RecordKind.VOTE: [
        *_DATED_HEAD,
        _opt("body", "id", "id of the body that voted"),
        _opt("meeting", "id", "id of the meeting where the vote was taken"),
        _opt("matter.identifier", "text", "what was voted on: its number, e.g. a Legistar file", "--matter-identifier"),
        _opt("matter.title", "text", "what was voted on: its title", "--matter-title"),
        _opt("motion", "text", "the motion in the clerk's words: Adopt"),
        _opt("motion_kind", "enum", "{choices}"),
        _opt("recommends", "enum", "with --motion-kind recommendation: {choices}"),
        _opt("result", "enum", "{choices}"),
        *_ROLL_CALL,
        _opt("roll_call_partial", "bool", "true when the sources name only some voters (then give --counts)"),
        _opt("counts", "counts", "the tally as published: yes=5,no=0"),
        _opt("mover", "id", "id of who moved"),
        _opt("seconder", "id", "id of who seconded"),
        *_DATED_TAIL,
    ],
    RecordKind.SOP: [
        *_DATED_HEAD,
        _opt("series", "text", "an id shared by every version of this document"),
        _opt("version", "text", "this version's label, e.g. 1 (unique within its series)"),
        _opt("document_kind", "enum", "{choices}"),
        _opt("agency", "id", "id of the body that issues it"),
        _opt("number", "text", "the agency's own number for it, e.g. 747"),
        _opt("status", "enum", "{choices}"),
        _opt("text", "enum", "what the text after the front matter holds: {choices}"),
        *_DATED_TAIL,
    ],
    RecordKind.DOCUMENT: [
        *_DATED_HEAD,
        _opt("kind", "enum", "{choices}"),
        _opt("from", "ids", "ids of the authors (people or bodies)"),
        _opt("to", "ids", "ids of the addressees"),
        _opt("vendor", "text", "contracts only: the company on the other side"),
        _opt("signed", "date", "contracts only: the date it was signed"),
        _opt("signed_by", "ids", "contracts only: ids of the people who signed it"),
        *_DATED_TAIL,
    ],
}
"""Each kind's options, in the order their keys are written (the canonical order)."""

TEXT_KINDS = (RecordKind.LETTER, RecordKind.MEETING, RecordKind.SOP, RecordKind.DOCUMENT)
"""Kinds written as Markdown: the front matter, then the record's text."""
SUFFIX = {kind: ".md" if kind in TEXT_KINDS else ".yml" for kind in RecordKind}

KIND_HELP = {
    RecordKind.BODY: "a council, commission, committee, department or court",
    RecordKind.PERSON: "an official or other person, with a first role",
    RecordKind.TECHNOLOGY: "one technology proposal: the spine of a timeline",
    RecordKind.LETTER: "a letter: fields, then the letter's text",
    RecordKind.MEETING: "a meeting or hearing: fields, then notes or minutes",
    RecordKind.VOTE: "one roll-call vote",
    RecordKind.SOP: "one version of an SOP, use policy, impact or annual report",
    RecordKind.DOCUMENT: "any other dated record: resolution, report, statement, contract...",
}
TEXT_HELP = {
    RecordKind.LETTER: "the letter's text (footnotes as Markdown footnotes)",
    RecordKind.MEETING: "the meeting's notes or minutes",
    RecordKind.SOP: "this version's full text (or an excerpt or a summary: say which with 'text:')",
    RecordKind.DOCUMENT: "the document's text, or an excerpt",
}

FILL_HINTS: dict[tuple[str, ...], str] = {
    ("title",): "one line of plain text",
    ("name",): "the name, accents kept",
    ("date",): "the date: YYYY-MM-DD, YYYY-MM or YYYY",
    ("summary",): "1-3 plain-language sentences",
    ("sources",): "at least one entry with url, title, publisher, kind ({source_kinds})",
    ("body",): "the id of the body (a file in bodies/)",
    ("series",): "an id shared by every version of this document",
    ("version",): 'this version\'s label, e.g. "1"',
    ("sources", "title"): "the title of the source as its publisher gives it",
    ("roles", "body"): "the id of the body (a file in bodies/)",
    ("roles", "title"): "the title: Alderwoman, Chief of Police...",
    ("roll_call",): "under each option ({vote_options}), the ids of who voted so; or the published tally as counts",
}
"""What to write in a field still to fill; a field of a controlled vocabulary lists its values."""

DATE_KEYS = frozenset({"date", "start", "end", "as_of", "published", "retrieved", "signed"})


def words(values: list[str]) -> str:
    """``a, b or c``."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


# --- Emitting YAML -------------------------------------------------------------------------
# The rules of ``fmt``'s writer (yaml_writer.py): plain unless a YAML 1.2 or 1.1 reader would read
# something else, a day plain, text over several lines as a ``|`` block, a summary folded, the
# roll call and counts in flow style when they fit on a line. Every value is read back before
# it is written; a value that would not read back is double-quoted.

_YEAR = re.compile(r"\d{4}")
FLOW_KEYS = frozenset({"roll_call", "counts"})
NEVER_FOLDED = frozenset({"url", "attachment", "path", "video", "minutes"})
"""Addresses and paths stay on one line, however long."""
"""Collections written in flow style when they fit, as in the shipped records."""


def emit_scalar(value: str | int | bool, *, date: bool = False, flow: bool = False) -> str:
    """One value on one line: plain when every reader reads it back as the same text, else
    double-quoted. The one place that decides how a value is written (``fmt``'s can replace it)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if date and _YEAR.fullmatch(value):
        return value  # a year-precise date, written as in every record
    return value if plain_string(value, flow=flow) else double_quoted(value)


def fold(text: str, indent: int) -> list[str] | None:
    """Text on one line (perhaps ending with one line break) as a folded block, header first
    (``>-``, or ``>`` keeping the line break), or None when folding would change it."""
    line = text[:-1] if text.endswith("\n") else text
    lines = fold_lines(line, indent, FOLD_WIDTH)
    if lines is None:
        return None
    block = [">-" if line == text else ">"] + [" " * indent + part for part in lines]
    return block if _reads_back("k: " + "\n".join(block) + "\n", text) else None


def literal(text: str, indent: int) -> list[str] | None:
    """Text over several lines as a ``|`` block (header first), or None when a block cannot hold it."""
    found = literal_lines(text)
    if found is None:
        return None
    header, lines = found
    block = [header] + [" " * indent + line if line else "" for line in lines]
    return block if _reads_back("k: " + "\n".join(block) + "\n", text) else None


def _reads_back(document: str, text: str) -> bool:
    parsed = read_yaml(document)
    return not parsed.problems and parsed.value == {"k": text}


def _flow(value: Value) -> str | None:
    """A list of ids or a tally on one line: ``[a, b]``, ``{yes: 5, no: 0}``."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "[" + ", ".join(emit_scalar(item, flow=True) for item in value if isinstance(item, str)) + "]"
    if isinstance(value, dict) and all(isinstance(item, int) for item in value.values()):
        return "{" + ", ".join(f"{key}: {item}" for key, item in value.items()) + "}"
    return None


def render(fields: dict[str, Value], indent: int = 0, flow: bool = False) -> list[str]:
    """A mapping as YAML lines, in the order given; a ``Mark`` is a key with nothing after it."""
    pad = " " * indent
    lines: list[str] = []
    for key, value in fields.items():
        head = f"{pad}{key}:"
        inline = _flow(value) if flow or key in FLOW_KEYS else None
        if isinstance(value, Mark):
            lines.append(f"{head}  # to fill: {value.hint}")
        elif inline is not None and len(head) + 1 + len(inline) <= MAX_WIDTH:
            lines.append(f"{head} {inline}")
        elif isinstance(value, dict):
            lines.append(head)
            lines.extend(render(value, indent + 2, flow=key in FLOW_KEYS))
        elif isinstance(value, list):
            lines.append(head)
            for item in value:
                if isinstance(item, dict):
                    entry = render(item, indent + 4)
                    entry[0] = f"{pad}  - {entry[0][indent + 4 :]}"
                    lines.extend(entry)
                elif isinstance(item, str):
                    lines.extend(_text(f"{pad}  -", item, "never" if key == "links" else "long", indent + 4))
                elif not isinstance(item, list | Mark):
                    lines.append(f"{pad}  - {emit_scalar(item)}")
        elif isinstance(value, str):
            mode = "always" if key == "summary" else "never" if key in NEVER_FOLDED else "long"
            lines.extend(_text(head, value, mode, indent + 2, date=key in DATE_KEYS))
        else:
            lines.append(f"{head} {emit_scalar(value)}")
    return lines


def _text(head: str, text: str, mode: str, indent: int, date: bool = False) -> list[str]:
    """Text after ``head``, as ``fmt`` writes it: folded (``>-``) when a summary, or when its line
    would pass ``MAX_WIDTH`` (``mode`` ``long``); over several lines, a ``|`` block; else on the line."""
    line = text[:-1] if text.endswith("\n") else text
    if "\n" not in line:
        inline = emit_scalar(text, date=date)
        too_long = mode == "long" and len(head) + 1 + len(inline) > MAX_WIDTH
        if mode == "always" or too_long or (line != text and mode != "never"):
            folded = fold(text, indent)
            if folded is not None and (mode == "always" or len(folded) > 2 or line != text):
                return [f"{head} {folded[0]}", *folded[1:]]
        if line == text:
            return [f"{head} {inline}"]
    block = literal(text, indent)
    return [f"{head} {block[0]}", *block[1:]] if block else [f"{head} {double_quoted(text)}"]


# --- The record ------------------------------------------------------------------------------

_NESTED: dict[str, type[BaseModel]] = {"roles": Role, "sources": Source, "matter": Matter}


class Refusal(Exception):
    """Nothing was written: ``message`` and ``hint`` say why and what to do."""

    def __init__(self, message: str | list[str], hint: str | None = None, status: int = 2) -> None:
        self.messages = [message] if isinstance(message, str) else message
        super().__init__(self.messages[0])
        self.hint, self.status = hint, status


def vocabulary_of(kind: RecordKind, path: tuple[str, ...]) -> type[Vocabulary] | None:
    model: type[BaseModel] = MODELS[kind]
    if len(path) == 2 and path[0] == "roll_call":
        return None
    if len(path) == 2:
        model = _NESTED[path[0]]
    field = _field(model, path[-1])
    return _find_vocabulary(field.annotation) if field else None


def _field(model: type[BaseModel], alias: str) -> Any:
    for name, info in model.model_fields.items():
        if (info.alias or name) == alias:
            return info
    return None


def _find_vocabulary(annotation: Any) -> type[Vocabulary] | None:
    if isinstance(annotation, type) and issubclass(annotation, Vocabulary):
        return annotation
    if get_origin(annotation) in (Union, UnionType):  # ``Recommendation | None``, not ``dict[VoteOption, ...]``
        for argument in get_args(annotation):
            if found := _find_vocabulary(argument):
                return found
    return None


def _required(kind: RecordKind, path: tuple[str, ...]) -> bool:
    model: type[BaseModel] = MODELS[kind] if len(path) == 1 else _NESTED[path[0]]
    field = _field(model, path[-1])
    return bool(field and field.is_required() and path != ("id",))


def _fill_hint(kind: RecordKind, path: tuple[str, ...]) -> str:
    vocabulary = vocabulary_of(kind, path)
    if vocabulary:
        return words([str(v.value) for v in vocabulary])
    return FILL_HINTS[path].format(
        source_kinds=words([str(v) for v in vocabulary_of(kind, ("sources", "kind")) or ()]),
        vote_options=", ".join(str(v.value) for v in VoteOption),
    )


def build_fields(kind: RecordKind, given: dict[tuple[str, ...], Value]) -> dict[str, Value]:
    """The record's keys in canonical order: values given, required ones not given as ``Mark``."""
    fields: dict[str, Value] = {}
    for option in OPTIONS[kind]:
        top = option.path[0]
        if top in fields:
            continue
        if len(option.path) == 1:
            if option.path in given:
                fields[top] = given[option.path]
            elif _required(kind, option.path):
                fields[top] = Mark(_fill_hint(kind, option.path))
            continue
        inner = {o.path[1]: given[o.path] for o in OPTIONS[kind] if o.path[0] == top and o.path in given}
        if top in ("roles", "sources") and inner:
            for o in OPTIONS[kind]:
                if o.path[0] == top and o.path not in given and _required(kind, o.path):
                    inner[o.path[1]] = Mark(_fill_hint(kind, o.path))
            order = [o.path[1] for o in OPTIONS[kind] if o.path[0] == top]
            fields[top] = [{key: inner[key] for key in order if key in inner}]
        elif inner:
            fields[top] = dict(inner)
        elif top == "sources" and _required(kind, ("sources",)):
            fields[top] = Mark(_fill_hint(kind, ("sources",)))
        elif top == "roll_call" and ("counts",) not in given:
            fields[top] = Mark(_fill_hint(kind, ("roll_call",)))
    return fields


def still_to_fill(fields: dict[str, Value], prefix: str = "") -> list[tuple[str, str]]:
    """``(where, what to write)`` of every field left to fill, in the file's order."""
    found: list[tuple[str, str]] = []
    for key, value in fields.items():
        if isinstance(value, Mark):
            found.append((prefix + key, value.hint))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    found.extend(still_to_fill(item, f"{prefix}{key}[{index + 1}]."))
    return found


def _placeholder(kind: RecordKind, path: tuple[str, ...]) -> Any:
    """A valid stand-in for a field still to fill, so that only the given values are judged."""
    vocabulary = vocabulary_of(kind, path)
    if vocabulary:
        return next(iter(vocabulary)).value
    stand_ins: dict[tuple[str, ...], Any] = {
        ("date",): "2025",
        ("sources",): [{"url": "https://example.org/", "title": "x", "kind": "primary"}],
        ("roll_call",): None,
    }
    return stand_ins.get(path, "x")


def _probe(kind: RecordKind, value: Value, path: tuple[str, ...]) -> Any:
    if isinstance(value, Mark):
        return _placeholder(kind, path)
    if isinstance(value, dict):
        return {key: _probe(kind, item, (*path, key)) for key, item in value.items()}
    if isinstance(value, list):
        return [_probe(kind, item, path) for item in value]
    return value


def validate(kind: RecordKind, record_id: str, fields: dict[str, Value]) -> None:
    """Refuse the values ``check`` would refuse, each named by its option."""
    data = {key: _probe(kind, value, (key,)) for key, value in fields.items()}
    try:
        MODELS[kind].model_validate({**data, "id": record_id})
    except ValidationError as error:
        lines = [_explain(kind, item) for item in error.errors()]
        raise Refusal(list(dict.fromkeys(lines)), f"'{PROG} {kind.value} --help' says what each option takes") from None
    _cross_checks(kind, record_id, fields)


def _explain(kind: RecordKind, item: Any) -> str:
    keys = tuple(str(part) for part in item["loc"] if isinstance(part, str) and part not in UNION_TAGS)
    keys = tuple(key for key in keys if key != "[key]")
    matches = [o for o in OPTIONS[kind] if keys[: len(o.path)] == o.path]
    where = max(matches, key=lambda o: len(o.path)).option if matches else ".".join(keys)
    value = item.get("input")
    if item["type"] == "enum":
        choices = [c.strip().strip("'") for c in item["ctx"]["expected"].replace(" or ", ", ").split(",")]
        guess = did_you_mean(str(value), choices)
        return f"{where}: '{value}' is not one of: {words(choices)}" + (f" ({guess})" if guess else "")
    if item["type"] in ("string_too_short", "too_short"):
        return f"{where}: the value is empty"
    return f"{where}: {item['msg']}"


def _cross_checks(kind: RecordKind, record_id: str, fields: dict[str, Value]) -> None:
    """Rules between the fields given that ``check`` enforces: refused here, before any file exists."""
    for key, value in fields.items():
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            repeated = sorted({str(item) for item in value if value.count(item) > 1})
            if repeated:
                raise Refusal(f"--{key.replace('_', '-')} lists '{repeated[0]}' twice", "list each id once")
    for key in ("in_reply_to", "parent", "related"):
        named = fields.get(key)
        if named == record_id or (isinstance(named, list) and record_id in named):
            raise Refusal(f"--{key.replace('_', '-')} names the record itself ('{record_id}')", "name another record")
    if kind is RecordKind.DOCUMENT and fields.get("kind") != "contract":
        contract = [k for k in ("vendor", "signed", "signed_by") if k in fields]
        if contract:
            raise Refusal(
                f"--{contract[0].replace('_', '-')} is for contracts only",
                "add --kind contract if the document is the contract",
            )
    if kind is RecordKind.VOTE:
        _vote_checks(fields)
    roles = fields.get("roles")
    if isinstance(roles, list) and isinstance(roles[0], dict):
        start, end = roles[0].get("start"), roles[0].get("end")
        if isinstance(start, str) and isinstance(end, str) and PartialDate.parse(end) < PartialDate.parse(start):
            raise Refusal(f"--end {end} is before --start {start}", "a role that has not ended has no --end")


def _vote_checks(fields: dict[str, Value]) -> None:
    recommendation = fields.get("motion_kind") == "recommendation"
    if recommendation != ("recommends" in fields):
        raise Refusal(
            "--recommends goes with --motion-kind recommendation, and only with it",
            "give both (a committee's recommendation), or neither",
        )
    roll_call = fields.get("roll_call")
    counts = fields.get("counts")
    names: dict[str, list[Value]] = dict(roll_call) if isinstance(roll_call, dict) else {}  # type: ignore[arg-type]
    voters = [name for option in names.values() for name in option]
    for voter in voters:
        if voters.count(voter) > 1:
            raise Refusal(f"'{voter}' is in the roll call twice", "keep the one vote the clerk recorded")
    partial = fields.get("roll_call_partial") is True
    if partial and not isinstance(counts, dict):
        raise Refusal("--roll-call-partial true needs --counts: the whole tally", "write e.g. --counts yes=9,no=2")
    if isinstance(counts, dict) and names:
        for option in sorted(set(names) | set(counts)):
            named, count = len(names.get(option, [])), int(str(counts.get(option, 0)))
            if (named > count) if partial else (named != count):
                raise Refusal(
                    f"--counts gives {option}={count} but the roll call names {named} under --{option}",
                    "correct the count or the names (with --roll-call-partial true, names may be fewer)",
                )


def render_file(kind: RecordKind, fields: dict[str, Value], schema: str) -> str:
    lines = [f"# yaml-language-server: $schema={schema}", *render(fields)]
    front = "\n".join(lines) + "\n"
    return f"---\n{front}---\n" if kind in TEXT_KINDS else front


def _as_read(value: Value, key: str = "") -> Any:
    """``value`` as the file reads back: a mark as nothing, a year-only date as a number."""
    if isinstance(value, Mark):
        return None
    if isinstance(value, dict):
        return {k: _as_read(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_read(v) for v in value]
    if key in DATE_KEYS and isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def record_reads_back(kind: RecordKind, text: str, fields: dict[str, Value]) -> bool:
    front = text.removeprefix("---\n").removesuffix("---\n") if kind in TEXT_KINDS else text
    document = read_yaml(front)
    return not document.problems and document.value == _as_read(fields)

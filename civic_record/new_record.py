"""``build_site.py new <kind> <id> [--field value ...]``: start a record.

Writes ``<records>/<folder>/<id>.<yml|md>`` with the fields given as options, and every required
field not given written as its key with nothing after it and a comment saying what to write
(``result:  # to fill: pass or fail``): ``check`` reports each as an error, ``check --draft``
the record as incomplete. It refuses, writing nothing, what ``check`` would refuse: an unknown
kind, a malformed or reserved id, an id some file already has, a value that breaks the format.
It never writes over a file, through a symbolic link, or outside the records folder.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote

from .canonical import is_records_folder
from .dates import DateFormatError, PartialDate
from .loading import RESERVED_IDS, record_paths
from .models import ID_PATTERN, MAX_ID_LENGTH
from .problems import Problems, display_path, printable
from .record_templates import (
    KIND_HELP,
    OPTIONS,
    SUFFIX,
    TEXT_HELP,
    TEXT_KINDS,
    Option,
    Refusal,
    Value,
    build_fields,
    record_reads_back,
    render_file,
    still_to_fill,
    validate,
    vocabulary_of,
    words,
)
from .schema_errors import did_you_mean
from .vocabulary import DATED_KINDS, FOLDER_OF, FOLDERS, RecordKind, Requirement, VoteOption

PROG = "build_site.py new"
_LIST_FORMS = ("ids", "texts", "links")
_LEADING_DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?=-|$)")


def _refuse_now(message: str, hint: str | None) -> NoReturn:
    print(f"error: {printable(message)}" + (f"\nhint: {printable(hint)}" if hint else ""), file=sys.stderr)
    raise SystemExit(2)


# --- The command line ------------------------------------------------------------------------


def _dest(option: Option) -> str:
    return "field:" + ".".join(option.path)


def _help(kind: RecordKind, option: Option) -> str:
    vocabulary = vocabulary_of(kind, option.path)
    choices = words([str(v.value) for v in vocabulary]) if vocabulary else ""
    requirements = ", ".join(str(r.value) for r in Requirement)
    text = option.help.format(choices=choices, requirements=requirements)
    if option.form in ("ids", "texts"):
        text += " (comma-separated, or repeat the option)"
    return text.replace("%", "%%")


_METAVARS = {
    "date": "DATE",
    "time": "HH:MM",
    "id": "ID",
    "ids": "ID[,ID...]",
    "texts": "WORD[,WORD...]",
    "links": "URL",
    "int": "N",
    "bool": "true|false",
    "enum": "WORD",
    "counts": "OPTION=N[,...]",
}


class _KindParser(argparse.ArgumentParser):
    """A kind's parser: its errors in the project's ``error:``/``hint:`` form."""

    def error(self, message: str) -> NoReturn:
        kind = self.prog.rsplit(" ", 1)[-1]
        _refuse_now(message, f"'{PROG} {kind} --help' lists what a {kind} takes")


class _Kinds(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The kinds: an unknown one, or an unknown option of one, is refused with a suggestion."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = None  # type: ignore[assignment]  # unknown kinds reach __call__, which says what was meant

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        assert isinstance(values, list)
        name, arguments = str(values[0]), [str(v) for v in values[1:]]
        kinds = [str(kind.value) for kind in RecordKind]
        if name not in kinds:
            singular = FOLDERS[name].value if name in FOLDERS else None
            guess = f"did you mean '{singular}'?" if singular else did_you_mean(name, kinds)
            _refuse_now(
                f"'{name}' is not a kind of record",
                f"{guess + ' ' if guess else ''}The kinds: {', '.join(kinds)}.",
            )
        namespace.kind = name
        kind_parser = self._name_parser_map[name]
        found, rest = kind_parser.parse_known_args(_spelled(arguments), None)
        for key, value in vars(found).items():
            setattr(namespace, key, value)
        if rest:
            _unknown_argument(RecordKind(name), kind_parser, rest[0])


def _spelled(arguments: list[str]) -> list[str]:
    """``--in_reply_to`` as ``--in-reply-to``: the field's name as the records spell it works too."""
    spelled: list[str] = []
    for index, argument in enumerate(arguments):
        if argument == "--":
            return spelled + arguments[index:]
        if argument.startswith("--"):
            name, equals, value = argument.partition("=")
            argument = name.replace("_", "-") + equals + value
        spelled.append(argument)
    return spelled


def _unknown_argument(kind: RecordKind, parser: argparse.ArgumentParser, argument: str) -> NoReturn:
    flags = sorted(
        {flag for action in parser._actions for flag in action.option_strings if action.dest.startswith("field:")}
    )
    if argument.startswith("-"):
        name = argument.partition("=")[0]
        guess = did_you_mean(name, flags)
        _refuse_now(
            f"a {kind.value} has no option {name}",
            f"{guess + ' ' if guess else ''}A {kind.value} takes: {', '.join(flags)} (and --records, --schema).",
        )
    _refuse_now(
        f"unexpected '{argument}' after the id",
        'quote a value that holds spaces: --title "Council letter on drones"',
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``new``'s arguments: the kind (one parser each, listing its fields), the id, the fields."""
    parser.add_argument("--schema", metavar="PATH_OR_URL", help=_SCHEMA_HELP)
    kinds = parser.add_subparsers(
        dest="kind", metavar="KIND", required=True, action=_Kinds, parser_class=_KindParser, title="kinds"
    )
    for kind in RecordKind:
        sub = kinds.add_parser(
            kind.value,
            help=KIND_HELP[kind],
            description=f"Start a {kind.value} record: {KIND_HELP[kind]}. Required fields not given are "
            "written empty, with a comment saying what to write.",
            allow_abbrev=False,
        )
        sub.add_argument("id", help=_id_help(kind))
        sub.add_argument("--records", type=Path, default=argparse.SUPPRESS, metavar="DIR", help="the records folder")
        sub.add_argument("--schema", default=argparse.SUPPRESS, metavar="PATH_OR_URL", help=_SCHEMA_HELP)
        for option in OPTIONS[kind]:
            sub.add_argument(
                option.option,
                dest=_dest(option),
                action="append" if option.form in _LIST_FORMS else "store",
                metavar=_METAVARS.get(option.form, "TEXT"),
                help=_help(kind, option),
            )


_SCHEMA_HELP = (
    "the JSON Schema for the editor's first line: a folder or web address (<kind>.json is added) or a .json file; "
    "a path is taken from the current folder and written relative to the new file (default: schema/ beside the "
    "records folder)"
)


def _id_help(kind: RecordKind) -> str:
    dated = " starting with its date, e.g. 2025-05-14-council-letter" if kind in DATED_KINDS else ""
    return f"the record's id, its file name: lowercase letters, digits and hyphens{dated}"


# --- Ids ---------------------------------------------------------------------------------------


def suggested_id(text: str) -> str:
    """A valid id close to ``text``: lowercase, accents dropped (José -> jose), other runs as hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "a-name"
    if len(slug) > MAX_ID_LENGTH:
        cut = slug[:MAX_ID_LENGTH]
        slug = (cut.rsplit("-", 1)[0] if slug[MAX_ID_LENGTH] != "-" and "-" in cut else cut).strip("-")
    return slug


def _check_id(record_id: str) -> None:
    if record_id in RESERVED_IDS:
        raise Refusal(
            f"'{record_id}' cannot be a record id: the folder's index page has that address",
            f"choose another id, e.g. '{record_id}-1'",
        )
    if not ID_PATTERN.match(record_id) or len(record_id) > MAX_ID_LENGTH:
        fixed = suggested_id(record_id)
        raise Refusal(
            f"'{record_id}' is not a valid record id: lowercase letters a-z, digits and single hyphens, "
            f"at most {MAX_ID_LENGTH} characters",
            f"use '{fixed}'" + (" (or a name of your own)" if fixed == "a-name" else ""),
        )


def _date_of_id(kind: RecordKind, record_id: str, given: str | None, notes: list[str]) -> str | None:
    """The record's date: ``--date``, else the date the id starts with; a mismatch is a warning."""
    match = _LEADING_DATE.match(record_id)
    if given is None and match:
        try:
            PartialDate.parse(match.group(1))
        except DateFormatError as error:
            notes.append(f"warning: the id starts with {match.group(1)}, which is not a date: {error}")
            return None
        return match.group(1)
    if given is not None:
        try:
            iso = PartialDate.parse(given).iso()
        except DateFormatError:
            return given  # refused with the other values
        if not record_id.startswith(iso):
            rest = re.sub(r"^\d{4}(?:-\d{2}){0,2}-", "", record_id)
            notes.append(
                f"warning: the id does not start with the {kind.value}'s date {iso}: check will say so "
                f"(record.id-without-date; --strict refuses it)\nhint: a dated record's id starts with its date, "
                f"so files sort by date: '{suggested_id(f'{iso}-{rest}')}'"
            )
    return given


# --- Values ------------------------------------------------------------------------------------


def _value(option: Option, raw: Any) -> Value:
    """An option's text as the value written: lists split at commas, numbers, true/false."""
    texts: list[str] = raw if isinstance(raw, list) else [raw]
    for text in texts:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise Refusal(f"the value of {option.option} is not valid UTF-8 text", "retype it") from None
    if option.form in ("ids", "texts"):
        items = [item.strip() for text in texts for item in text.split(",")]
        if "" in items:
            raise Refusal(f"{option.option} has an empty item: '{', '.join(texts)}'", "separate ids by single commas")
        return list(items)
    if option.form == "links":
        return list(texts)
    text = texts[0]
    if option.form == "int":
        if not re.fullmatch(r"\s*\d{1,9}\s*", text):
            raise Refusal(f"{option.option}: '{text}' is not a whole number", "write the number in digits: 15")
        return int(text)
    if option.form == "bool":
        if text.strip() not in ("true", "false"):
            raise Refusal(f"{option.option}: '{text}' is neither true nor false", "write true or false")
        return text.strip() == "true"
    if option.form == "counts":
        return _counts(option, text)
    return str(text)


def _counts(option: Option, text: str) -> dict[str, Value]:
    counts: dict[str, Value] = {}
    options = [str(v.value) for v in VoteOption]
    for part in text.split(","):
        name, equals, number = (piece.strip() for piece in part.partition("="))
        if not equals or not number.isdigit() or name not in options:
            guess = did_you_mean(name, options) if name not in options else None
            raise Refusal(
                f"{option.option}: '{part.strip()}' is not option=number with a vote option",
                f"{guess + ' ' if guess else ''}write e.g. yes=5,no=0 with options among {', '.join(options)}",
            )
        counts[name] = int(number)
    return counts


# --- The file ----------------------------------------------------------------------------------


def _schema_reference(kind: RecordKind, option: str | None, records: Path, folder: Path) -> tuple[str, Path | None]:
    """The ``$schema=`` value, relative to the new file's folder, and the schema file when local."""
    name = f"{kind.value}.json"
    if option is not None and re.match(r"^https?://", option, re.IGNORECASE):
        if re.search(r"[\s\x00-\x1f\x7f-\x9f]", option):
            raise Refusal("--schema: the web address holds a space or a control character", "write it encoded: %20")
        return (option if option.endswith(".json") else option.rstrip("/") + "/" + name), None
    if option is not None:
        schema = Path(option) if option.endswith(".json") else Path(option) / name
    else:
        schema = records.parent / "schema" / name
    schema = Path(os.path.abspath(schema))
    try:
        relative = os.path.relpath(schema, os.path.abspath(folder))
    except ValueError:  # another drive (Windows)
        return schema.as_uri(), schema
    return quote(Path(relative).as_posix(), safe="/._-~+"), schema


def _existing(records: Path, record_id: str) -> Path | None:
    """A record file that already has the id, in any folder and with any suffix."""
    for _, path in record_paths(records, Problems()):
        if path.stem == record_id:
            return path
    return None


_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _create(records: Path, folder: str, name: str, content: bytes) -> None:
    """Write ``records/folder/name``, making ``folder`` if missing; never over anything, never
    through a link (the folder and the file are opened relative to their parent, not followed)."""
    shown = display_path(records / folder)
    root = os.open(records, _DIR_FLAGS)
    made = False
    try:
        try:
            os.mkdir(folder, 0o777, dir_fd=root)
            made = True
        except FileExistsError:
            info = os.lstat(folder, dir_fd=root)
            if stat.S_ISLNK(info.st_mode):
                raise Refusal(
                    f"{shown} is a symbolic link; nothing was written",
                    "new records go into real folders inside the records folder: replace the link by the folder",
                ) from None
            if not stat.S_ISDIR(info.st_mode):
                raise Refusal(f"{shown} is not a folder; nothing was written", "move the file out of the way") from None
        directory = os.open(folder, _DIR_FLAGS | _NOFOLLOW, dir_fd=root)
        try:
            _write_new(directory, name, content, display_path(records / folder / name))
        finally:
            os.close(directory)
    except BaseException:
        if made:
            with contextlib.suppress(OSError):
                os.rmdir(folder, dir_fd=root)
        raise
    finally:
        os.close(root)


def _write_new(directory: int, name: str, content: bytes, shown: str) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(name, flags, 0o666, dir_fd=directory)
    except FileExistsError:
        raise Refusal(f"{shown} already exists; nothing was written over it", "choose another id") from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
    except BaseException:
        os.unlink(name, dir_fd=directory)
        raise


def run(args: argparse.Namespace) -> int:
    kind = RecordKind(args.kind)
    record_id: str = args.id
    try:
        notes: list[str] = []
        _check_id(record_id)
        given: dict[tuple[str, ...], Value] = {}
        for option in OPTIONS[kind]:
            raw = getattr(args, _dest(option), None)
            if raw is not None:
                given[option.path] = _value(option, raw)
        date_from_id = False
        if kind in DATED_KINDS:
            written = given.get(("date",))
            date = _date_of_id(kind, record_id, written if isinstance(written, str) else None, notes)
            if date is not None and ("date",) not in given:
                given[("date",)], date_from_id = date, True
        sources = {path for path in given if path[0] == "sources"}
        if sources and ("sources", "url") not in sources:
            raise Refusal("--source-title, --source-kind ... need --source-url: where the source is", None)
        fields = build_fields(kind, given)
        validate(kind, record_id, fields)
        return _write(kind, record_id, args, fields, notes, date_from_id)
    except Refusal as refusal:
        hint = f"\nhint: {printable(refusal.hint)}" if refusal.hint else ""
        message = "\n".join(f"error: {printable(line)}" for line in refusal.messages)
        print(message + hint, file=sys.stderr)
        return refusal.status


def _write(
    kind: RecordKind, record_id: str, args: argparse.Namespace, fields: dict[str, Value], notes: list[str], dated: bool
) -> int:
    records: Path = args.records
    if not records.is_dir():
        what = "is not a folder" if os.path.lexists(records) else "does not exist"
        raise Refusal(
            f"the records folder {display_path(records)} {what}; nothing was written",
            "pass the records folder with --records DIR (new makes no records folder: create it first)",
        )
    inside = Path(os.path.abspath(records)).parent
    if records.name in FOLDERS or records.name in ("pages", "attachments") or is_records_folder(inside):
        # records/bodies, records/letters/2025 ...: a folder inside a records folder, not one.
        raise Refusal(
            f"{display_path(records)} is a folder inside a records folder; nothing was written",
            "pass the records folder itself with --records DIR (the one holding bodies/, people/, letters/ ...)",
        )
    holder = _existing(records, record_id)
    if holder is not None:
        raise Refusal(
            f"the id '{record_id}' is already used by {display_path(holder)}; nothing was written",
            "ids are unique across all folders: edit that file, or choose another id",
        )
    folder = FOLDER_OF[kind]
    name = record_id + SUFFIX[kind]
    schema, schema_file = _schema_reference(kind, getattr(args, "schema", None), records, records / folder)
    text = render_file(kind, fields, schema)
    if not record_reads_back(kind, text, fields):  # pragma: no cover - a bug in the emitter, never a half-right file
        raise Refusal("the record could not be written so that it reads back as given (a bug)", None, 1)
    try:
        _create(records, folder, name, text.encode("utf-8"))
    except OSError as error:
        raise Refusal(
            f"cannot write {display_path(records / folder / name)}: {error.strerror or error}", None, 1
        ) from None
    for note in notes:
        print(note, file=sys.stderr)
    _report(kind, records / folder / name, fields, schema_file, dated)
    return 0


def _report(kind: RecordKind, path: Path, fields: dict[str, Value], schema: Path | None, dated: bool) -> None:
    lines = [f"Wrote {display_path(path)}, a new {kind.value}."]
    if dated:
        lines.append(f"Its date, {fields['date']}, comes from the id.")
    todo = still_to_fill(fields)
    if todo:
        width = max(len(where) for where, _ in todo)
        lines.append("Still to fill:")
        lines.extend(f"  {where.ljust(width)}  {what}" for where, what in todo)
        lines.append(
            f"Until then 'check' reports each as an error; 'check --draft' lists the {kind.value} as incomplete "
            "and leaves it out of the draft site."
        )
    else:
        lines.append("Every required field is filled.")
    if kind in TEXT_KINDS:
        lines.append(f"After the front matter's closing '---' line, write {TEXT_HELP[kind]}, in Markdown.")
    print("\n".join(printable(line) for line in lines))
    if schema is not None and not schema.is_file():
        print(
            f"note: the first line points editors to {display_path(schema)}, which does not exist: "
            f"run 'build_site.py schema --out {display_path(schema.parent)}' to write it",
            file=sys.stderr,
        )

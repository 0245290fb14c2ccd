"""The record format as JSON Schema, exported from the models.

``record_schemas()`` is every kind in one draft 2020-12 document; ``kind_schema()`` is one kind
on its own, in draft-07, for editors (see its docstring); ``site_schema()`` is ``records/site.yml``.
The build publishes the record schemas under ``data/``; ``python -m civic_record.schema_export
schema`` writes all of them into the repository's ``schema/`` folder, for editors that have no
built site to point at (a test keeps that copy up to date).

The schema describes a record file as its author writes it: the YAML mapping of a ``.yml``
record or the front matter of a ``.md`` record, in the contract's spelling (``from``, ``kind``),
with ``id`` optional (the file name is the id) and no envelope. It is the same schema an
editor uses to check a record as it is typed, and the one the JSON twins' ``record`` follows.

Pydantic describes what a model's validators finally check; an author may write a little
more than that (a number where text is kept, ``yes:`` with no names, a bare link), so the
few validators that widen the input are widened here too. Where a rule between two
fields of one record can be written in JSON Schema (exactly one bound of an approximate count,
``recommends`` with a recommendation, the fields only a contract carries), it is written here
too, so an editor underlines it as it is typed. What the schema cannot say — references
between records, roles on a date, tallies that agree, dates in order — is the checker's job.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema
from pydantic_core import core_schema

from .models import (
    CONTRACT_FIELDS,
    ID_PATTERN,
    MAX_ID_LENGTH,
    MODELS,
    ONE_LINE_PATTERN,
    _http_url,
    _link,
    _none_as_empty_list,
    _number_as_text,
    _one_line,
    _role_source_text,
    _roll_call,
    _slug,
    _time,
)
from .site_settings import SiteSettings, _identifier_link, _link_url, _requirement_id, _site_url, _timezone
from .vocabulary import FOLDER_OF, MotionKind, OtherDocumentKind, RecordKind, Requirement

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
URL_PATTERN = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s/]+"
"""``http://`` or ``https://`` and a host, in any case (JSON Schema patterns have no flags)."""
TIME_PATTERN = r"^\s*([01]\d|2[0-3]):[0-5]\d\s*$"
SLUG_PATTERN = r"^\s*[a-z0-9]+(?:-[a-z0-9]+)*\s*$"
"""A record id, or a name written like one (a requirement id), blanks around it allowed."""
LINK_PATTERN = r"^\s*(?:[Hh][Tt][Tt][Pp][Ss]?://[^\s/]+|[Mm][Aa][Ii][Ll][Tt][Oo]:[^\s@]+@[^\s@]+)"
"""A web address or a ``mailto:`` address: the links a site setting may publish."""
TIMEZONE_PATTERN = r"^\s*[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*\s*$"


def _nullable(schema: JsonSchemaValue) -> JsonSchemaValue:
    return {"anyOf": [schema, {"type": "null"}]}


class RecordJsonSchema(GenerateJsonSchema):
    """Pydantic's generator, widened where a before-validator accepts more than its result."""

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        inner = super().function_before_schema(schema)
        function = schema["function"]["function"]
        if function is _number_as_text:  # `version: 2`, `district: 8` are kept as text
            return {**inner, "type": ["string", "number"]}
        if function is _none_as_empty_list:  # `cc:` left empty
            return _nullable(inner)
        if function is _one_line:
            return {**inner, "pattern": ONE_LINE_PATTERN}
        if function is _slug:
            return {**inner, "pattern": ID_PATTERN.pattern, "maxLength": MAX_ID_LENGTH}
        if function is _http_url:
            return {**inner, "pattern": URL_PATTERN}
        if function is _time:
            return {**inner, "pattern": TIME_PATTERN}
        if function is _link:  # a link may be just its address
            return {"anyOf": [inner, {"type": "string", "pattern": URL_PATTERN}]}
        if function is _roll_call:  # `excused:` with no names
            widened = copy.deepcopy(inner)
            widened["additionalProperties"] = _nullable(widened["additionalProperties"])
            return widened
        if function is _role_source_text:  # a role's source written as text: a record id or an address
            return {**inner, "anyOf": [{"pattern": SLUG_PATTERN}, {"pattern": URL_PATTERN}]}
        if function is _link_url:
            return {**inner, "pattern": LINK_PATTERN}
        if function is _site_url:
            return {**inner, "pattern": URL_PATTERN}
        if function is _timezone:
            return {**inner, "pattern": TIMEZONE_PATTERN}
        if function is _identifier_link:
            return {**inner, "pattern": r"\{id\}"}
        if function is _requirement_id:
            return {**inner, "pattern": SLUG_PATTERN}
        return inner


def _describe_kind(kind: RecordKind, schema: dict[str, Any]) -> None:
    """What pydantic cannot infer: the id is optional, what an id looks like, derived values,
    and the rules between fields of one record that JSON Schema can state."""
    schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    properties: dict[str, Any] = schema["properties"]
    properties["id"] = {
        "type": "string",
        "pattern": ID_PATTERN.pattern,
        "description": "Optional: the record's id is its file name without the extension.",
    }
    schema["title"] = f"{kind.value} record"
    schema["description"] = (
        f"A {kind.value} record as written in records/{FOLDER_OF[kind]}/<id>.yml (or the front matter of <id>.md)."
    )
    for name, text in FIELD_DESCRIPTIONS.items():
        if name in properties:
            properties[name]["description"] = text
    if "confidence" in properties:
        # Not a fixed default: left out, it follows the sources.
        properties["confidence"].pop("default", None)
    if "meets" in properties:
        _set_items(properties["meets"], {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH})
    if kind is RecordKind.TECHNOLOGY:
        _set_items(properties["required"], REQUIREMENT_ITEM)
    rules = KIND_RULES.get(kind)
    if rules:
        schema["allOf"] = copy.deepcopy(rules)


def _set_items(list_schema: dict[str, Any], items: dict[str, Any]) -> None:
    """Replace the item schema of a list field (which may be written empty, as null)."""
    for branch in list_schema.get("anyOf", [list_schema]):
        if branch.get("type") == "array":
            branch["items"] = items


REQUIREMENT_ITEM: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "enum": [str(r.value) for r in Requirement]},
        {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH},
    ],
    "description": "A built-in requirement, or the id of one of the city's own (site.yml 'requirements').",
}

FIELD_DESCRIPTIONS = {
    "confidence": (
        "confirmed, reported or disputed. Left out, it follows the sources: confirmed when at least one "
        "source is primary, reported otherwise."
    ),
    "meets": "Ids of the city's own requirements (site.yml 'requirements') that this record meets.",
    "required": "What the city's rules require before use: built-in requirements or the city's own.",
    "related": "Ids of other technologies used with this one; each page links the other.",
    "roll_call_partial": "true when the sources name only some voters; 'counts' then gives the whole tally.",
    "motion_kind": "What the vote decided: substantive (the default), amendment, procedural or recommendation.",
    "recommends": "What a recommendation vote recommends; only with motion_kind: recommendation.",
    "text": "What the record's text holds: the full text (the default), an excerpt or a summary.",
    "vendor": "The company on the other side of the contract (contracts only).",
    "amount": "The contract's value, {value, currency} (contracts only).",
    "term": "The contract's term, {start, end} (contracts only).",
    "signed": "The date the contract was signed (contracts only).",
    "signed_by": "Ids of the people who signed the contract (contracts only).",
}
"""Hover text for the fields added in format 1.1, shown by editors."""

_NOT_GIVEN: dict[str, Any] = {"type": "null"}
_EMPTY_LIST: dict[str, Any] = {"anyOf": [{"type": "null"}, {"type": "array", "maxItems": 0}]}

KIND_RULES: dict[RecordKind, list[dict[str, Any]]] = {
    RecordKind.VOTE: [
        {
            "description": "A vote has a roll call, counts, or both.",
            "anyOf": [
                {"required": ["roll_call"], "properties": {"roll_call": {"type": "object"}}},
                {"required": ["counts"], "properties": {"counts": {"type": "object"}}},
            ],
        },
        {
            "description": "A recommendation says what it recommends; no other vote carries 'recommends'.",
            "if": {
                "required": ["motion_kind"],
                "properties": {"motion_kind": {"const": MotionKind.RECOMMENDATION.value}},
            },
            "then": {"required": ["recommends"], "properties": {"recommends": {"type": "string"}}},
            "else": {"properties": {"recommends": _NOT_GIVEN}},
        },
        {
            "description": "A partial roll call needs 'counts': the whole tally.",
            "if": {"required": ["roll_call_partial"], "properties": {"roll_call_partial": {"const": True}}},
            "then": {"required": ["counts"], "properties": {"counts": {"type": "object"}}},
        },
    ],
    RecordKind.DOCUMENT: [
        {
            "description": "Only a contract carries " + ", ".join(CONTRACT_FIELDS) + ".",
            "if": {"properties": {"kind": {"const": OtherDocumentKind.CONTRACT.value}}},
            "else": {
                "properties": {name: (_EMPTY_LIST if name == "signed_by" else _NOT_GIVEN) for name in CONTRACT_FIELDS}
            },
        },
    ],
}
"""Rules between fields of one record, as JSON Schema (the checker reports the same cases)."""


def _describe_definitions(defs: dict[str, Any]) -> None:
    """The nested models' own rules: a source is somewhere; a count has exactly one bound."""
    source = defs.get("Source")
    if source is not None:
        source["anyOf"] = [
            {"required": [name], "properties": {name: {"type": "string", "minLength": 1}}}
            for name in ("url", "attachment")
        ]
    count = defs.get("ApproximateCount")
    if count is not None:
        count["oneOf"] = [
            {"required": [name], "properties": {name: {"type": "integer"}}} for name in ("at_least", "at_most", "about")
        ]
        count["description"] = "A count known only roughly: exactly one of at_least, at_most or about."


def record_schemas() -> dict[str, Any]:
    """One document for every kind: each kind under ``$defs`` by its name, ``anyOf`` on top."""
    keys, document = models_json_schema(
        [(model, "validation") for model in MODELS.values()],
        by_alias=True,
        schema_generator=RecordJsonSchema,
    )
    defs: dict[str, Any] = document["$defs"]
    kinds: dict[str, Any] = {}
    for kind, model in MODELS.items():
        name = keys[(model, "validation")]["$ref"].rsplit("/", 1)[1]
        _describe_kind(kind, defs[name])
        kinds[kind.value] = {"$ref": f"#/$defs/{name}"}
    _describe_definitions(defs)
    return {
        "$schema": DRAFT,
        "title": "civic-record record",
        "description": (
            "Any record of the civic-record format 1.1: one of the kinds under $defs. "
            "For checking one file, prefer the schema of its kind (data/schema/<kind>.json)."
        ),
        "anyOf": list(kinds.values()),
        "$defs": defs,
    }


def kind_schema(kind: RecordKind) -> dict[str, Any]:
    """The schema of one kind, standalone: what an editor checks one record file against.

    Written for JSON Schema draft-07, the draft the VS Code YAML extension (yaml-language-server)
    implements: shared parts under ``definitions``. Every keyword used means the same in
    draft 2020-12, so 2020-12 validators accept it too.
    """
    schema = MODELS[kind].model_json_schema(
        by_alias=True,
        mode="validation",
        schema_generator=RecordJsonSchema,
        ref_template="#/definitions/{model}",
    )
    definitions = schema.pop("$defs", {})
    _describe_kind(kind, schema)
    _describe_definitions(definitions)
    return {"$schema": DRAFT_07, **schema, "definitions": definitions}


def kind_schemas() -> dict[RecordKind, dict[str, Any]]:
    return {kind: kind_schema(kind) for kind in MODELS}


def site_schema() -> dict[str, Any]:
    """``records/site.yml``: the settings that travel with a records folder (draft-07, for editors)."""
    schema = SiteSettings.model_json_schema(
        by_alias=True, mode="validation", schema_generator=RecordJsonSchema, ref_template="#/definitions/{model}"
    )
    schema.pop("$defs", None)
    schema["title"] = "site.yml"
    schema["description"] = "Settings of a records folder (records/site.yml); every key is optional."
    schema["properties"]["requirements"]["propertyNames"] = {"pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH}
    return {"$schema": DRAFT_07, **schema}


def schema_files() -> dict[str, dict[str, Any]]:
    """Every schema by file name, as the repository's ``schema/`` folder holds them."""
    files = {"record-schema.json": record_schemas(), "site.json": site_schema()}
    files.update({f"{kind.value}.json": schema for kind, schema in kind_schemas().items()})
    return dict(sorted(files.items()))


def write_command(out: str) -> int:
    """``build_site.py schema --out DIR``: every schema file into ``DIR`` (made if missing).

    Only the schema files are written, each replaced whole (a temporary file renamed over it);
    nothing else in ``DIR`` is touched. Every target is checked before the first is written, so
    a refusal writes nothing. A records folder, or a folder inside one, is refused: the files
    would be read as records or published as attachments.
    """
    import os
    import tempfile

    from .canonical import is_records_folder
    from .outputs.data_json import dump_json  # the data module imports this one
    from .problems import printable

    def refuse(message: str, hint: str, status: int = 2) -> int:
        print(f"error: {printable(message)}\nhint: {hint}", file=sys.stderr)
        return status

    if not out.strip():
        return refuse("--out is empty", "name the folder to write the schema files into")
    folder = Path(out)
    absolute = Path(os.path.abspath(folder))
    for candidate in [absolute, *absolute.parents]:
        if candidate.is_dir() and is_records_folder(candidate):
            where = "a records folder" if candidate == absolute else f"inside the records folder {candidate}"
            return refuse(
                f"{folder} is {where}",
                "write the schema files beside the records folder, e.g. --out schema",
            )
    if os.path.lexists(folder) and not folder.is_dir():
        return refuse(f"{folder} exists and is not a folder", "choose a folder with --out")
    files = schema_files()
    for name in files:
        target = folder / name
        if target.is_symlink() or (os.path.lexists(target) and not target.is_file()):
            return refuse(
                f"{target} is not a regular file; nothing was written", "remove it, or choose another folder with --out"
            )
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, schema in files.items():
            descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
            try:
                with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
                    stream.write(dump_json(schema))
                os.chmod(temporary, 0o644)
                os.replace(temporary, folder / name)
            except BaseException:
                os.unlink(temporary)
                raise
            written.append(name)
    except OSError as error:
        return refuse(f"cannot write the schema files: {error.strerror or error}", "check the folder's permissions", 1)
    print(f"Wrote {len(written)} schema files into {printable(str(folder))}: {', '.join(written)}.", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m civic_record.schema_export",
        description="Write the record format as JSON Schema.",
    )
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        help="write every schema (record-schema.json, <kind>.json, site.json) into this folder; "
        "without it, print record-schema.json",
    )
    args = parser.parse_args(argv)
    from .outputs.data_json import dump_json  # the data module imports this one

    if args.folder is None:
        sys.stdout.write(dump_json(record_schemas()))
        return 0
    args.folder.mkdir(parents=True, exist_ok=True)
    for name, schema in schema_files().items():
        (args.folder / name).write_text(dump_json(schema), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

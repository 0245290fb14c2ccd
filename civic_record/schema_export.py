"""The record format as JSON Schema, exported from the models.

``record_schemas()`` is every kind in one draft 2020-12 document; ``kind_schema()`` is one kind
on its own, in draft-07, for editors (see its docstring).

The schema describes a record file as its author writes it: the YAML mapping of a ``.yml``
record or the front matter of a ``.md`` record, in the contract's spelling (``from``, ``kind``),
with ``id`` optional (the file name is the id) and no envelope. It is the same schema an
editor uses to check a record as it is typed, and the one the JSON twins' ``record`` follows.

Pydantic describes what a model's validators finally check; an author may write a little
more than that (a number where text is kept, ``yes:`` with no names, a bare link), so the
few validators that widen the input are widened here too. What the schema cannot say —
references between records, roles on a date, tallies that agree — is the checker's job.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema
from pydantic_core import core_schema

from .models import (
    ID_PATTERN,
    MAX_ID_LENGTH,
    MODELS,
    ONE_LINE_PATTERN,
    _http_url,
    _link,
    _none_as_empty_list,
    _number_as_text,
    _one_line,
    _roll_call,
    _slug,
    _time,
)
from .vocabulary import FOLDER_OF, RecordKind

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
URL_PATTERN = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s/]+"
"""``http://`` or ``https://`` and a host, in any case (JSON Schema patterns have no flags)."""
TIME_PATTERN = r"^\s*([01]\d|2[0-3]):[0-5]\d\s*$"


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
        return inner


def _describe_kind(kind: RecordKind, schema: dict[str, Any]) -> None:
    """What pydantic cannot infer: the id is optional, and what an id looks like."""
    schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    schema["properties"]["id"] = {
        "type": "string",
        "pattern": ID_PATTERN.pattern,
        "description": "Optional: the record's id is its file name without the extension.",
    }
    schema["title"] = f"{kind.value} record"
    schema["description"] = (
        f"A {kind.value} record as written in records/{FOLDER_OF[kind]}/<id>.yml (or the front matter of <id>.md)."
    )


def _describe_source(defs: dict[str, Any]) -> None:
    """A source needs a `url` or an `attachment` (the model's own after-validator)."""
    source = defs.get("Source")
    if source is not None:
        source["anyOf"] = [
            {"required": [name], "properties": {name: {"type": "string", "minLength": 1}}}
            for name in ("url", "attachment")
        ]


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
    _describe_source(defs)
    return {
        "$schema": DRAFT,
        "title": "civic-record record",
        "description": (
            "Any record of the civic-record format (contract v1): one of the kinds under $defs. "
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
    _describe_source(definitions)
    return {"$schema": DRAFT_07, **schema, "definitions": definitions}


def kind_schemas() -> dict[RecordKind, dict[str, Any]]:
    return {kind: kind_schema(kind) for kind in MODELS}

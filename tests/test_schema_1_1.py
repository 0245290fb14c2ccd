"""The JSON Schema knows format 1.1: every file of a corpus that uses each 1.1 field validates,
the rules between fields that JSON Schema can state are in it, and ``check`` agrees with it.

The corpus is ``tests/fixtures/format-1-1/records`` (fictional). Each case below changes one
record and states both what the schema says and what ``check`` reports: where they differ, the
reason is a rule the schema cannot state (another file, a calendar, the time zone database).
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from civic_record.check import check_records
from civic_record.loading import read_record_file, record_paths
from civic_record.outputs.data_json import dump_json
from civic_record.problems import Problems, Severity
from civic_record.schema_export import kind_schema, main, record_schemas, schema_files, site_schema
from civic_record.vocabulary import FOLDER_OF, MotionKind, Recommendation, RecordKind, SopText
from civic_record.yaml_reader import read_yaml

from .conftest import FIXTURES, ROOT

RECORDS = FIXTURES / "format-1-1" / "records"
SCHEMA_FOLDER = ROOT / "schema"
Raw = dict[str, tuple[RecordKind, Path, dict[str, Any], str | None]]

NEW_FIELDS: dict[RecordKind, set[str]] = {
    RecordKind.BODY: {"sources"},
    RecordKind.PERSON: {"sources", "roles.as_of", "roles.note", "roles.source"},
    RecordKind.TECHNOLOGY: {"sources", "related", "required"},
    RecordKind.MEETING: {"agenda.time", "public_comment.speakers.at_least", "public_comment.written.about"},
    RecordKind.VOTE: {"roll_call_partial", "motion_kind", "recommends"},
    RecordKind.SOP: {"text"},
    RecordKind.DOCUMENT: {
        "vendor",
        "amount.value",
        "amount.currency",
        "term.start",
        "term.end",
        "signed",
        "signed_by",
        "meets",
    },
}
"""What the corpus must keep writing, so that validating it covers every 1.1 field."""


@pytest.fixture(scope="module")
def raw() -> Raw:
    """Every record of the corpus as written: kind, file, mapping (front matter) and text."""
    problems = Problems()
    found: Raw = {}
    for kind, path in record_paths(RECORDS, problems):
        record = read_record_file(kind, path, problems)
        assert record is not None, path
        found[record.record_id] = (kind, path, record.data, record.text)
    assert not problems.errors, problems.report()
    return found


def validators(schema: dict[str, Any]) -> list[Draft7Validator | Draft202012Validator]:
    """As an editor reads a per-kind schema (draft-07), and as draft 2020-12."""
    Draft7Validator.check_schema(schema)
    Draft202012Validator.check_schema(schema)
    return [Draft7Validator(schema), Draft202012Validator(schema)]


def schema_accepts(kind: RecordKind, mapping: dict[str, Any]) -> bool:
    verdicts = {v.is_valid(mapping) for v in validators(kind_schema(kind))}
    verdicts.add(Draft202012Validator(record_schemas()).is_valid(mapping))
    assert len(verdicts) == 1, "the per-kind and combined schemas disagree"
    return verdicts.pop()


def keys_used(value: object, prefix: str = "") -> set[str]:
    """Dotted paths of every key written (list items share their list's path)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}{key}"
            found |= {path} | keys_used(inner, path + ".")
    elif isinstance(value, list):
        for item in value:
            found |= keys_used(item, prefix)
    return found


# --- The corpus ----------------------------------------------------------------------------


def test_the_corpus_is_clean() -> None:
    _, problems = check_records(RECORDS)
    assert not problems.items, problems.report()


def test_the_corpus_writes_every_1_1_field(raw: Raw) -> None:
    used: dict[RecordKind, set[str]] = {}
    for kind, _, mapping, _ in raw.values():
        used.setdefault(kind, set()).update(keys_used(mapping))
    missing = {kind.value: sorted(fields - used.get(kind, set())) for kind, fields in NEW_FIELDS.items()}
    assert not any(missing.values()), missing
    written = {m.get(name) for _, _, m, _ in raw.values() for name in ("kind", "motion_kind", "recommends", "text")}
    assert {"contract", "incident", "audit", "lawsuit"} <= written
    assert {"amendment", "procedural", "recommendation"} <= written
    roles = [role for kind, _, m, _ in raw.values() if kind is RecordKind.PERSON for role in m.get("roles", [])]
    assert {type(role.get("source")) for role in roles} >= {str, dict}, "a role source as text and as an entry"
    site = read_yaml((RECORDS / "site.yml").read_text(encoding="utf-8")).value
    assert set(site) == set(site_schema()["properties"]), "site.yml sets every key"
    assert {p.name for p in (RECORDS / "pages").iterdir()} >= {"about.md", "index.md"}


def test_every_record_as_written_validates(raw: Raw) -> None:
    for record_id, (kind, _, mapping, _) in raw.items():
        for validator in validators(kind_schema(kind)):
            errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(mapping)]
            assert not errors, f"{record_id}: {errors}"
        assert Draft202012Validator(record_schemas()).is_valid(mapping), record_id


def test_site_yml_validates() -> None:
    settings = read_yaml((RECORDS / "site.yml").read_text(encoding="utf-8")).value
    for validator in validators(site_schema()):
        assert not [e.message for e in validator.iter_errors(settings)]


# --- Cases: the schema and check, side by side ----------------------------------------------

Change = Callable[[dict[str, Any]], None]


def setting(path: tuple[str | int, ...], value: object) -> Change:
    def change(mapping: dict[str, Any]) -> None:
        target: Any = mapping
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def removing(name: str) -> Change:
    return lambda mapping: mapping.pop(name)


HOLD = "2025-05-20-committee-vote-to-hold"
RECOMMEND = "2025-06-24-committee-vote-license-plate-readers"
HEARING = "2025-05-20-public-hearing-face-recognition"
CONTRACT = "2025-09-02-rpd-license-plate-reader-contract"
SPEAKERS = ("public_comment", "speakers")

CASES: list[tuple[str, str, Change, bool, str | None]] = [
    # (case, record, change, the schema accepts, what check reports)
    ("at_least beside about", HEARING, setting(SPEAKERS, {"at_least": 180, "about": 200}), False, "count.one-bound"),
    ("a count without a bound", HEARING, setting(SPEAKERS, {}), False, "count.one-bound"),
    ("at_most alone", HEARING, setting(SPEAKERS, {"at_most": 12}), True, None),
    ("an exact count", HEARING, setting(SPEAKERS, 37), True, None),
    ("a count in words", HEARING, setting(SPEAKERS, "many"), False, "schema.wrong-type"),
    ("a negative bound", HEARING, setting(SPEAKERS, {"about": -1}), False, "schema.invalid-value"),
    ("agenda time", HEARING, setting(("agenda", 0, "time"), "25:00"), False, "date.invalid-time"),
    (
        "recommends on a procedural vote",
        HOLD,
        setting(("recommends",), "reject"),
        False,
        "vote.recommends-without-recommendation",
    ),
    (
        "recommendation without recommends",
        RECOMMEND,
        removing("recommends"),
        False,
        "vote.recommendation-without-recommends",
    ),
    ("an unknown motion_kind", HOLD, setting(("motion_kind",), "consent"), False, "schema.invalid-value"),
    ("an unknown recommends", RECOMMEND, setting(("recommends",), "approved"), False, "schema.invalid-value"),
    ("partial without counts", HOLD, removing("counts"), False, "vote.partial-without-counts"),
    ("roll_call_partial as text", HOLD, setting(("roll_call_partial",), "yes"), False, "schema.wrong-type"),
    ("a vote without a tally", RECOMMEND, removing("counts"), False, "vote.no-tally"),
    # The schema cannot count names against a tally.
    (
        "more names than counted",
        HOLD,
        setting(("roll_call", "yes"), ["zoe-ruiz", "dan-price", "ben-hale"]),
        True,
        "vote.partial-names-exceed-counts",
    ),
    ("vendor on an incident", "2025-10-08-rpd-incident", setting(("vendor",), "X"), False, "document.contract-field"),
    (
        "signed_by on an audit",
        "2025-10-05-rpd-audit",
        setting(("signed_by",), ["eli-foster"]),
        False,
        "document.contract-field",
    ),
    ("a currency in lowercase", CONTRACT, setting(("amount", "currency"), "eur"), True, None),
    ("a currency in words", CONTRACT, setting(("amount", "currency"), "dollars"), False, "document.invalid-currency"),
    ("a negative amount", CONTRACT, setting(("amount", "value"), -5), False, "document.amount-not-a-number"),
    ("an amount in words", CONTRACT, setting(("amount", "value"), "$11.66M"), False, "document.amount-not-a-number"),
    ("a term in words", CONTRACT, setting(("term",), "five years"), False, "schema.wrong-type"),
    # Partial dates are not ordered by a pattern.
    (
        "a term ending before it starts",
        CONTRACT,
        setting(("term",), {"start": "2025-10", "end": "2025-09"}),
        True,
        "document.term-ends-before-start",
    ),
    ("an unknown document kind", CONTRACT, setting(("kind",), "invoice"), False, "schema.invalid-value"),
    (
        "meets a name that is no id",
        CONTRACT,
        setting(("meets",), ["Privacy Board"]),
        False,
        "record.unknown-requirement",
    ),
    # The city's requirements are in site.yml, which the record's schema does not read.
    ("meets an unknown id", CONTRACT, setting(("meets",), ["ethics-review"]), True, "record.unknown-requirement"),
    ("sop text excerpt", "2025-05-01-rpd-face-recognition-policy-v1", setting(("text",), "excerpt"), True, None),
    (
        "sop text draft",
        "2025-05-01-rpd-face-recognition-policy-v1",
        setting(("text",), "draft"),
        False,
        "schema.invalid-value",
    ),
    (
        "required: a name that is no id",
        "rpd-license-plate-readers",
        setting(("required",), ["Privacy Board"]),
        False,
        "technology.unknown-requirement",
    ),
    (
        "required: an unknown id",
        "rpd-license-plate-readers",
        setting(("required",), ["ethics-review"]),
        True,
        "technology.unknown-requirement",
    ),
    # Accepted; the timeline has no use policy, so check warns.
    (
        "required: built-in",
        "rpd-license-plate-readers",
        setting(("required",), ["use-policy"]),
        True,
        "technology.in-use-missing-requirement",
    ),
    (
        "related to itself",
        "rpd-license-plate-readers",
        setting(("related",), ["rpd-license-plate-readers"]),
        True,
        "technology.related-to-itself",
    ),
    ("role source: text", "zoe-ruiz", setting(("roles", 0, "source"), "Council minutes"), False, "role.invalid-source"),
    ("role source: a number", "zoe-ruiz", setting(("roles", 0, "source"), 250196), False, "role.invalid-source"),
    ("role source: address", "zoe-ruiz", setting(("roles", 0, "source"), "https://example.org/r"), True, None),
    (
        "role source: unknown record",
        "zoe-ruiz",
        setting(("roles", 0, "source"), "2025-01-01-nothing"),
        True,
        "role.unknown-source",
    ),
    (
        "role source: entry without title",
        "zoe-ruiz",
        setting(("roles", 1, "source"), {"url": "https://example.org/r", "kind": "primary"}),
        False,
        "schema.missing-field",
    ),
    ("as_of outside the role", "zoe-ruiz", setting(("roles", 0, "as_of"), "2020"), True, "person.as-of-outside-role"),
    ("a note on two lines", "zoe-ruiz", setting(("roles", 0, "note"), "one\ntwo"), False, "value.line-break"),
    (
        "sources on a body",
        "riverton-police-department",
        setting(("sources",), [{"url": "https://example.org/rpd", "title": "RPD", "kind": "primary"}]),
        True,
        None,
    ),
    (
        "a source without a kind",
        "riverton-common-council",
        setting(("sources", 0, "kind"), None),
        False,
        "schema.empty-field",
    ),
    # Confidence: the schema takes any value; check compares it with the sources.
    (
        "confirmed on press only",
        "2025-10-07-rpd-lawsuit",
        setting(("confidence",), "confirmed"),
        True,
        "confidence.unsupported",
    ),
    ("reported on press only", "2025-10-07-rpd-lawsuit", setting(("confidence",), "reported"), True, None),
]


def write_record(path: Path, mapping: dict[str, Any], text: str | None) -> None:
    """JSON is YAML: the mapping as the file's YAML or front matter, the text after it."""
    fields = json.dumps(mapping, ensure_ascii=False, indent=1)
    content = f"---\n{fields}\n---\n{text or ''}\n" if path.suffix == ".md" else fields + "\n"
    path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize(("record_id", "change", "accepted", "code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_schema_and_check_agree(
    raw: Raw, tmp_path: Path, record_id: str, change: Change, accepted: bool, code: str | None
) -> None:
    kind, path, mapping, text = raw[record_id]
    changed = copy.deepcopy(mapping)
    change(changed)
    assert schema_accepts(kind, changed) is accepted
    records = tmp_path / "records"
    shutil.copytree(RECORDS, records)
    write_record(records / path.relative_to(RECORDS), changed, text)
    _, problems = check_records(records)
    codes = {p.code for p in problems.items}
    if code is None:
        assert not codes, problems.report()
    else:
        assert code in codes, problems.report()
        if not accepted:
            assert any(p.code == code and p.severity is Severity.ERROR for p in problems.items)


def test_every_recommendation_and_sop_text_is_accepted(raw: Raw) -> None:
    kind, _, vote, _ = raw[RECOMMEND]
    for value in Recommendation:
        assert schema_accepts(kind, {**vote, "recommends": value.value}), value
    _, _, hold, _ = raw[HOLD]
    for motion in MotionKind:
        if motion is not MotionKind.RECOMMENDATION:
            assert schema_accepts(RecordKind.VOTE, {**hold, "motion_kind": motion.value}), motion
    _, _, sop, _ = raw["2025-05-01-rpd-face-recognition-policy-v1"]
    for text in SopText:
        assert schema_accepts(RecordKind.SOP, {**sop, "text": text.value}), text


SITE_CASES: list[tuple[str, dict[str, Any], bool, str | None]] = [
    ("every key", {}, True, None),
    ("a sentence for corrections", {"corrections": "Write to the clerk's office."}, True, None),
    ("a time zone that is no name", {"timezone": "Central Time"}, False, "site.unknown-timezone"),
    # The time zone database is not in a schema.
    ("a time zone that does not exist", {"timezone": "America/Atlantis"}, True, "site.unknown-timezone"),
    (
        "an identifier link without {id}",
        {"identifier_links": {"council_file": "https://example.org/files"}},
        False,
        "site.identifier-link-without-id",
    ),
    ("a requirement id with spaces", {"requirements": {"Privacy Board": "Privacy board"}}, False, "value.invalid-slug"),
    ("a site_url that is no address", {"site_url": "records.example.org"}, False, "url.not-http"),
    ("an unknown key", {"publisher_url": "https://example.org"}, False, "schema.unknown-field"),
]


@pytest.mark.parametrize(("change", "accepted", "code"), [c[1:] for c in SITE_CASES], ids=[c[0] for c in SITE_CASES])
def test_site_yml_schema_and_check_agree(
    tmp_path: Path, change: dict[str, Any], accepted: bool, code: str | None
) -> None:
    settings = read_yaml((RECORDS / "site.yml").read_text(encoding="utf-8")).value
    assert isinstance(settings, dict)
    changed = {**settings, **change}
    assert {v.is_valid(changed) for v in validators(site_schema())} == {accepted}
    records = tmp_path / "records"
    shutil.copytree(RECORDS, records)
    (records / "site.yml").write_text(json.dumps(changed) + "\n", encoding="utf-8")
    _, problems = check_records(records)
    codes = {p.code for p in problems.items}
    if code is None:
        assert not codes, problems.report()
    else:
        assert code in codes, problems.report()


# --- The copy in the repository ------------------------------------------------------------


def test_the_committed_schema_folder_is_up_to_date() -> None:
    """``schema/`` is what ``python -m civic_record.schema_export schema`` writes."""
    expected = {name: dump_json(schema) for name, schema in schema_files().items()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_FOLDER.glob("*.json")}
    stale = sorted(name for name in expected if committed.get(name) != expected[name])
    extra = sorted(set(committed) - set(expected))
    assert not stale and not extra, (
        f"schema/ is out of date (stale: {stale}, not exported: {extra}); "
        "run: .venv/bin/python -m civic_record.schema_export schema"
    )
    assert set(expected) == {"record-schema.json", "site.json", *(f"{k.value}.json" for k in FOLDER_OF)}


def test_the_committed_copy_is_what_the_site_publishes() -> None:
    """The repository's per-kind files are byte for byte the site's ``data/schema/<kind>.json``."""
    from civic_record.addresses import kind_schema_path

    for kind in RecordKind:
        published = dump_json(kind_schema(kind))
        assert (SCHEMA_FOLDER / Path(kind_schema_path(kind)).name).read_text(encoding="utf-8") == published


def test_the_command_writes_a_folder_and_prints_the_combined_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(schema_files())
    assert main([]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(record_schemas()))

"""``build_site.py new <kind> <id>``: a record of each kind, its required fields filled from the
options or marked, at the contract's path; refusals that leave every file as it was."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civic_record.check import check_records
from civic_record.cli import main
from civic_record.loading import split_front_matter
from civic_record.record_templates import Value, emit_scalar, fold, render
from civic_record.vocabulary import FOLDER_OF, RecordKind
from civic_record.yaml_reader import read_yaml
from tests.conftest import ROOT

MARK = re.compile(r"^(?P<indent> *)(?P<item>- )?(?P<key>\w+):  # to fill: (?P<hint>.+)$", re.MULTILINE)
IDS = {
    RecordKind.BODY: "common-council",
    RecordKind.PERSON: "ana-example",
    RecordKind.TECHNOLOGY: "city-alpr",
    RecordKind.LETTER: "2025-05-14-council-letter",
    RecordKind.MEETING: "2025-05-20-common-council",
    RecordKind.VOTE: "2025-05-20-council-vote",
    RecordKind.SOP: "2025-06-01-alpr-policy-v1",
    RecordKind.DOCUMENT: "2025-06-02-alpr-contract",
}
SOURCE = "\n  - url: https://example.org/source\n    title: A source\n    kind: primary"


def new(records: Path, kind: str, record_id: str, *options: str) -> int:
    return main(["new", kind, record_id, "--records", str(records), *options])


def record_file(records: Path, kind: RecordKind) -> Path:
    suffix = ".md" if kind in (RecordKind.LETTER, RecordKind.MEETING, RecordKind.SOP, RecordKind.DOCUMENT) else ".yml"
    return records / FOLDER_OF[kind] / f"{IDS[kind]}{suffix}"


def front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        split = split_front_matter(text)
        assert isinstance(split, tuple), split
        return split[0]
    return text


def assert_canonical(path: Path, kind: str) -> None:
    """The file is already in the form ``build_site.py fmt`` writes."""
    from civic_record.canonical import canonical_text

    text = path.read_text(encoding="utf-8")
    formatted = canonical_text(text, kind, path.stem, markdown=path.suffix == ".md")
    assert formatted.findings == []
    assert formatted.text == text


def marked(path: Path) -> list[str]:
    return [match["key"] for match in MARK.finditer(path.read_text(encoding="utf-8"))]


def fill(path: Path, **values: str) -> None:
    """Replace each marked line ``key:  # to fill: ...`` by ``key: value`` (a value may be a block)."""
    text = path.read_text(encoding="utf-8")

    def replace(match: re.Match[str]) -> str:
        indent = match["indent"] + ("  " if match["item"] else "")
        value = values[match["key"]].replace("\n", "\n" + indent)
        return f"{match['indent']}{match['item'] or ''}{match['key']}: {value}".rstrip()

    path.write_text(MARK.sub(replace, text), encoding="utf-8")
    assert not marked(path)


def tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time (links as their target)."""
    found: dict[str, tuple[bytes, int]] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = (os.readlink(path).encode(), 0)
        elif path.is_file():
            found[key] = (path.read_bytes(), path.stat().st_mtime_ns)
        else:
            found[key] = (b"<folder>", 0)
    return found


@pytest.fixture
def records(tmp_path: Path) -> Path:
    folder = tmp_path / "records"
    folder.mkdir()
    return folder


# --- Every kind ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(RecordKind))
def test_every_kind_draft_accepts_and_check_explains(
    kind: RecordKind, records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(records, kind.value, IDS[kind]) == 0
    out = capsys.readouterr().out
    path = record_file(records, kind)
    assert path.is_file()
    assert f"Wrote {path}" in out or f"Wrote {os.path.relpath(path)}" in out
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines[1] if path.suffix == ".md" else lines[0]
    assert first == f"# yaml-language-server: $schema=../../schema/{kind.value}.json"
    if path.suffix == ".md":
        assert lines[0] == "---" and lines[-1] == "---"  # nothing published from the text until written
    assert_canonical(path, kind.value)
    keys = marked(path)
    assert keys, "a record started without options has fields to fill"
    for key in keys:
        assert re.search(rf"^  {key}\s", out, re.MULTILINE), f"the printout lists {key}"
    if kind in (RecordKind.LETTER, RecordKind.MEETING, RecordKind.VOTE, RecordKind.SOP, RecordKind.DOCUMENT):
        assert "date" not in keys  # the date comes from the id
        assert f"date: {IDS[kind][:10]}" in lines

    assert main(["check", "--draft", "--records", str(records)]) == 0
    _, draft = check_records(records, draft=True)
    assert [p.code for p in draft.items] == ["record.incomplete"]

    assert main(["check", "--records", str(records)]) == 1
    _, problems = check_records(records)
    errors = " ".join(p.message for p in problems.errors)
    for key in keys:
        if key != "roll_call":  # an empty roll call is a vote without a tally: reported once the rest is filled
            assert f"'{key}' has no value" in errors


def test_a_vote_without_a_tally_is_named_once_the_rest_is_filled(records: Path) -> None:
    assert new(records, "body", "common-council", "--name", "Common Council", "--kind", "legislature") == 0
    assert new(records, "vote", IDS[RecordKind.VOTE], "--body", "common-council", "--result", "pass") == 0
    path = record_file(records, RecordKind.VOTE)
    assert marked(path) == ["title", "roll_call", "summary", "sources"]
    fill(path, title="A vote", summary="It passed.", sources=SOURCE, roll_call="")
    _, problems = check_records(records)
    assert [p.code for p in problems.errors] == ["vote.no-tally"]


# --- Exact output --------------------------------------------------------------------------------


def test_person_with_a_first_role(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    options = ["--name", "José G. Pérez", "--sort-name", "Pérez, José G.", "--body", "common-council"]
    options += ["--title", "Alderman", "--district", "12", "--start", "2024-04-16"]
    assert new(records, "person", "jose-g-perez", *options) == 0
    assert (records / "people" / "jose-g-perez.yml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schema/person.json\n"
        "name: José G. Pérez\n"
        "sort_name: Pérez, José G.\n"
        "roles:\n"
        "  - body: common-council\n"
        "    title: Alderman\n"
        '    district: "12"\n'
        "    start: 2024-04-16\n"
    )
    assert "Every required field is filled." in capsys.readouterr().out
    assert new(records, "body", "common-council", "--name", "Common Council", "--kind", "legislature") == 0
    assert main(["check", "--records", str(records)]) == 0


def test_a_role_title_not_given_is_marked_in_the_role(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(records, "person", "ana-example", "--body", "common-council") == 0
    text = (records / "people" / "ana-example.yml").read_text(encoding="utf-8")
    assert "name:  # to fill: the name, accents kept\n" in text
    assert "roles:\n  - body: common-council\n    title:  # to fill: the title: Alderwoman" in text
    assert "roles[1].title" in capsys.readouterr().out


def test_vote_file_in_canonical_form(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    options = ["--title", "Council adopts the ordinance", "--body", "common-council", "--result", "pass"]
    options += ["--time", "18:00", "--yes", "ana-example,ben-example", "--no", "cara-example", "--counts", "yes=2,no=1"]
    options += ["--technologies", "city-alpr", "--matter-identifier", "250123", "--motion", "Adopt"]
    assert new(records, "vote", "2025-09-10-council-adopts", *options) == 0
    assert (records / "votes" / "2025-09-10-council-adopts.yml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schema/vote.json\n"
        "title: Council adopts the ordinance\n"
        "date: 2025-09-10\n"
        'time: "18:00"\n'
        "body: common-council\n"
        "matter:\n"
        '  identifier: "250123"\n'
        "motion: Adopt\n"
        "result: pass\n"
        "roll_call:\n"
        "  yes: [ana-example, ben-example]\n"
        "  no: [cara-example]\n"
        "counts: {yes: 2, no: 1}\n"
        "technologies:\n"
        "  - city-alpr\n"
        "summary:  # to fill: 1-3 plain-language sentences\n"
        "sources:  # to fill: at least one entry with url, title, publisher, kind (primary, press or secondary)\n"
    )
    out = capsys.readouterr().out
    assert "Its date, 2025-09-10, comes from the id." in out
    assert re.search(r"^  summary +1-3 plain-language sentences$", out, re.MULTILINE)


def test_a_long_summary_is_folded_at_80_columns(records: Path) -> None:
    summary = " ".join(["The council adopted the ordinance after a long debate."] * 4)
    assert new(records, "letter", "2025-05-14-letter", "--summary", summary) == 0
    text = (records / "letters" / "2025-05-14-letter.md").read_text(encoding="utf-8")
    block = text.split("summary: >-\n", 1)[1].split("sources:", 1)[0].splitlines()
    assert len(block) > 1 and all(line.startswith("  ") and len(line) <= 80 for line in block)
    assert read_yaml(front_matter(records / "letters" / "2025-05-14-letter.md")).value["summary"] == summary


def test_a_summary_over_several_lines_is_a_literal_block(records: Path) -> None:
    summary = "First paragraph.\n\nSecond paragraph: with a colon # and a hash.\n---"
    assert new(records, "letter", "2025-05-14-letter", "--summary", summary) == 0
    path = records / "letters" / "2025-05-14-letter.md"
    assert "summary: |-\n  First paragraph.\n\n  Second paragraph: with a colon # and a hash.\n  ---\n" in (
        path.read_text(encoding="utf-8")
    )
    assert read_yaml(front_matter(path)).value["summary"] == summary


def test_a_long_title_is_folded_and_an_address_never(records: Path) -> None:
    title = " ".join(["A resolution relating to the acceptance of a grant for surveillance technology"] * 2)
    url = "https://example.gov/" + "a" * 120
    assert new(records, "letter", "2025-05-14-letter", "--title", title, "--source-url", url) == 0
    path = records / "letters" / "2025-05-14-letter.md"
    text = path.read_text(encoding="utf-8")
    assert "title: >-\n  A resolution" in text and f"  - url: {url}\n" in text
    assert read_yaml(front_matter(path)).value["title"] == title


FMT_CASES = [
    ("body", "b", "--name", "Common Council", "--kind", "legislature", "--seats", "15", "--links", "https://e.org/"),
    ("person", "p", "--name", "José", "--body", "b", "--title", "Alderwoman", "--district", "8", "--as-of", "2025"),
    ("technology", "t", "--title", "x", "--category", "alpr", "--required", "use-policy", "--summary", "S."),
    ("letter", "2025-05-14-l", "--from", "p", "--response-requested", "true", "--meets", "m", "--tags", "yes,no"),
    ("meeting", "2025-05-14-m", "--time", "09:30", "--body", "b", "--kind", "hearing", "--location", "Room 301-B"),
    ("vote", "2025-05-14-v", "--matter-title", "x " * 60, "--motion-kind", "recommendation", "--recommends", "reject"),
    (
        "vote",
        "2025-05-15-v",
        "--yes",
        "a,b",
        "--excused",
        "c",
        "--counts",
        "yes=2,excused=1",
        "--confidence",
        "reported",
    ),
    ("sop", "2025-05-14-s", "--version", "1.10", "--number", "747", "--text", "excerpt", "--summary", "a\n\nb"),
    (
        "document",
        "2025-05-14-d",
        "--kind",
        "contract",
        "--signed-by",
        "p",
        "--source-url",
        "https://e.org",
        "--source-published",
        "2025-05",
    ),
    (
        "document",
        "2025",
        "--title",
        "'quoted' # title: yes",
        "--source-url",
        "https://e.org/#x",
        "--source-kind",
        "press",
    ),
]


@pytest.mark.parametrize("arguments", FMT_CASES, ids=[case[1] for case in FMT_CASES])
def test_new_writes_what_fmt_would_write(arguments: tuple[str, ...], records: Path) -> None:
    kind, record_id, *options = arguments
    assert new(records, kind, record_id, *options) == 0
    assert_canonical(next(records.rglob(f"{record_id}.*")), kind)


# --- A corpus written with new alone -------------------------------------------------------------


def test_a_corpus_built_with_new_then_filled_passes_check(records: Path) -> None:
    def ok(kind: str, record_id: str, *options: str) -> None:
        assert new(records, kind, record_id, *options) == 0, (kind, record_id)

    ok("body", "common-council", "--name", "Common Council", "--kind", "legislature", "--seats", "3")
    ok("body", "police", "--name", "Police Department", "--kind", "agency", "--jurisdiction", "City of Example")
    for person, district in (("ana-example", "1"), ("ben-example", "2"), ("cara-example", "3")):
        role = ["--body", "common-council", "--title", "Alderwoman", "--district", district, "--start", "2024-01-02"]
        ok("person", person, "--name", person.replace("-", " ").title(), *role)
    ok("technology", "city-alpr", "--title", "License-plate readers", "--category", "alpr", "--agency", "police")
    ok(
        "letter",
        IDS[RecordKind.LETTER],
        "--from",
        "ana-example,ben-example",
        "--to",
        "police",
        "--technologies",
        "city-alpr",
    )
    ok("meeting", IDS[RecordKind.MEETING], "--body", "common-council", "--status", "held", "--time", "18:00")
    vote = [
        "--body",
        "common-council",
        "--meeting",
        IDS[RecordKind.MEETING],
        "--result",
        "pass",
        "--mover",
        "ana-example",
    ]
    vote += ["--yes", "ana-example", "--yes", "ben-example", "--no", "cara-example", "--technologies", "city-alpr"]
    ok("vote", IDS[RecordKind.VOTE], *vote)
    sop = ["--series", "city-alpr-policy", "--version", "1", "--status", "draft", "--agency", "police"]
    ok("sop", IDS[RecordKind.SOP], *sop, "--source-url", "https://example.org/sop", "--source-kind", "primary")
    contract = [
        "--kind",
        "contract",
        "--vendor",
        "Example Cameras Inc.",
        "--signed",
        "2025-06-02",
        "--signed-by",
        "ana-example",
    ]
    ok("document", IDS[RecordKind.DOCUMENT], *contract, "--title", "ALPR contract", "--summary", "A contract.")

    assert main(["check", "--draft", "--records", str(records)]) == 0
    assert main(["check", "--records", str(records)]) == 1
    values = {
        "title": "A filled title",
        "name": "A Name",
        "summary": "What happened, in a sentence.",
        "sources": SOURCE,
        "kind": "primary",  # the only kind left to fill is the SOP's source's
    }
    for kind in RecordKind:
        if kind not in (RecordKind.BODY, RecordKind.PERSON):
            fill(record_file(records, kind), **values)
    _, problems = check_records(records)
    assert not problems.items, problems.report()
    assert main(["check", "--strict", "--records", str(records)]) == 0


# --- Refusals ------------------------------------------------------------------------------------


REFUSED = [
    (["person", "José"], "'José' is not a valid record id", "use 'jose'"),
    (["body", "Common_Council"], "not a valid record id", "use 'common-council'"),
    (["letter", "2025-05-14 council letter"], "not a valid record id", "use '2025-05-14-council-letter'"),
    (["body", "a--b-"], "not a valid record id", "use 'a-b'"),
    (["body", "a" * 101], "at most 100 characters", "use '" + "a" * 100 + "'"),
    (["body", "index"], "'index' cannot be a record id", "'index-1'"),
    (["vots", "x"], "'vots' is not a kind of record", "did you mean 'vote'?"),
    (["people", "x"], "'people' is not a kind of record", "did you mean 'person'?"),
    (["vote", "2025-x", "--result", "maybe"], "--result: 'maybe' is not one of: pass or fail", None),
    (["vote", "2025-x", "--resutl", "pass"], "a vote has no option --resutl", "did you mean '--result'?"),
    (["letter", "2025-x", "--date", "2025-02-30"], "--date: '2025-02-30' does not exist", None),
    (["letter", "2025-x", "--time", "6pm"], "--time:", None),
    (["letter", "2025-x", "--title", "two\nlines"], "--title: the text holds a line break", None),
    (["letter", "2025-x", "--title", "bell\x07"], "--title: the text holds a control character", None),
    (["letter", "2025-x", "--source-kind", "blog", "--source-url", "https://e.org"], "--source-kind: 'blog'", None),
    (["letter", "2025-x", "--source-title", "A title"], "need --source-url", None),
    (["letter", "2025-x", "--source-url", "ftp://e.org/x"], "--source-url:", None),
    (["letter", "2025-x", "--technologies", "a,,b"], "--technologies has an empty item", None),
    (["letter", "2025-x", "--to", "a,b,a"], "--to lists 'a' twice", None),
    (["letter", "2025-x", "--in-reply-to", "2025-x"], "names the record itself", None),
    (["body", "b", "--seats", "many"], "--seats: 'many' is not a whole number", None),
    (["sop", "2025-x", "--series", "Not A Slug"], "--series:", None),
    (["document", "2025-x", "--kind", "report", "--vendor", "Acme"], "--vendor is for contracts only", None),
    (["vote", "2025-x", "--recommends", "approve"], "--recommends goes with --motion-kind recommendation", None),
    (["vote", "2025-x", "--yes", "a", "--counts", "yes=2"], "--counts gives yes=2 but the roll call names 1", None),
    (["vote", "2025-x", "--yes", "a", "--no", "a"], "'a' is in the roll call twice", None),
    (["vote", "2025-x", "--counts", "aye=2"], "--counts: 'aye=2'", None),
    (["person", "p", "--start", "2025", "--end", "2024"], "--end 2024 is before --start 2025", None),
    (["letter", "2025-x", "--response-requested", "yes"], "neither true nor false", None),
]


@pytest.mark.parametrize(("arguments", "message", "hint"), REFUSED)
def test_refusals_write_nothing(
    arguments: list[str], message: str, hint: str | None, records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(records, "body", "existing", "--name", "Existing", "--kind", "other") == 0
    before = tree(records)
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        raise SystemExit(main(["new", *arguments[:2], "--records", str(records), *arguments[2:]]))
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert message in err
    if hint:
        assert f"hint: {hint}" in err or hint in err
    assert tree(records) == before


@pytest.mark.parametrize(("kind", "holder"), [("body", "bodies/taken.yml"), ("letter", "people/sub/taken.yaml")])
def test_an_id_used_by_any_file_is_refused_and_that_file_untouched(
    kind: str, holder: str, records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = records / holder
    path.parent.mkdir(parents=True)
    path.write_text("name: Taken\n", encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = tree(records)
    assert new(records, kind, "taken", "--name" if kind == "body" else "--title", "x") == 2
    err = capsys.readouterr().err
    assert f"error: the id 'taken' is already used by {path}" in err
    assert "hint: ids are unique across all folders" in err
    assert tree(records) == before


def test_an_existing_file_is_never_written_over(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(records, "body", "council", "--name", "Council", "--kind", "legislature") == 0
    path = records / "bodies" / "council.yml"
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = tree(records)
    assert new(records, "body", "council", "--name", "Other") == 2
    assert "already used by" in capsys.readouterr().err
    assert tree(records) == before


def test_a_missing_records_folder_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(tmp_path / "recrods", "body", "council") == 2
    err = capsys.readouterr().err
    assert "records folder" in err and "does not exist" in err and "hint: pass the records folder" in err
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert new(tmp_path / "file", "body", "council") == 2
    assert "is not a folder" in capsys.readouterr().err


def test_the_kind_folder_is_made_but_never_followed_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records, outside = tmp_path / "records", tmp_path / "outside"
    records.mkdir()
    outside.mkdir()
    assert new(records, "body", "council", "--name", "Council", "--kind", "legislature") == 0
    assert (records / "bodies" / "council.yml").is_file()
    (records / "people").symlink_to(outside, target_is_directory=True)
    assert new(records, "person", "ana", "--name", "Ana") == 2
    assert "is a symbolic link" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
    (records / "votes").write_text("", encoding="utf-8")
    assert new(records, "vote", "2025-05-14-x") == 2
    assert "is not a folder" in capsys.readouterr().err


def test_a_link_at_the_target_is_not_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "records"
    (records / "bodies").mkdir(parents=True)
    (records / "bodies" / "council.yml").symlink_to(tmp_path / "elsewhere.yml")  # dangling: not a record
    assert new(records, "body", "council", "--name", "Council", "--kind", "legislature") == 2
    assert "already" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere.yml").exists()


# --- Dates and ids -------------------------------------------------------------------------------


def test_a_date_that_the_id_does_not_start_with_is_a_warning(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(records, "letter", "council-letter", "--date", "2025-05-14") == 0
    err = capsys.readouterr().err
    assert "warning: the id does not start with the letter's date 2025-05-14" in err
    assert "'2025-05-14-council-letter'" in err
    assert new(records, "letter", "2025-05-council-letter-2", "--date", "2025-05-14") == 0
    assert "'2025-05-14-council-letter-2'" in capsys.readouterr().err


def test_a_dated_id_without_a_date_leaves_the_date_to_fill(records: Path) -> None:
    assert new(records, "meeting", "council-meeting") == 0
    assert "date" in marked(records / "meetings" / "council-meeting.md")
    assert new(records, "document", "2025-ccops-letter") == 0  # a year-precise id: the date is the year
    assert "date: 2025\n" in (records / "documents" / "2025-ccops-letter.md").read_text(encoding="utf-8")


def test_field_names_as_written_in_records_work_as_options(records: Path) -> None:
    assert new(records, "letter", "2025-05-14-reply", "--in_reply_to", "2025-05-01-letter") == 0
    assert "in_reply_to: 2025-05-01-letter\n" in (records / "letters" / "2025-05-14-reply.md").read_text("utf-8")


# --- The schema line -----------------------------------------------------------------------------


def test_the_schema_line_points_at_the_repository_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "schema", project / "schema")
    records = project / "records"
    records.mkdir()
    for kind in RecordKind:
        assert new(records, kind.value, IDS[kind]) == 0
        path = record_file(records, kind)
        line = next(line for line in path.read_text("utf-8").splitlines() if line.startswith("# yaml-language"))
        target = (path.parent / line.split("$schema=", 1)[1]).resolve()
        assert target == (project / "schema" / f"{kind.value}.json").resolve()
        assert (ROOT / "schema" / target.name).is_file()
    assert "note:" not in capsys.readouterr().err


def test_a_missing_schema_is_noted(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(records, "vote", "2025-05-14-vote") == 0
    err = capsys.readouterr().err
    assert "note:" in err and "does not exist" in err
    assert f"build_site.py schema --out {records.parent / 'schema'}" in err


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ("https://example.gov/schema/", "https://example.gov/schema/body.json"),
        ("https://example.gov/schema/record.json", "https://example.gov/schema/record.json"),
    ],
)
def test_the_schema_option_takes_an_address(schema: str, expected: str, records: Path) -> None:
    assert main(["new", "--schema", schema, "body", "b", "--records", str(records)]) == 0
    first = (records / "bodies" / "b.yml").read_text("utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={expected}"


@pytest.mark.parametrize("schema", [ROOT / "schema", ROOT / "schema" / "body.json"])
def test_the_schema_option_takes_a_folder_or_a_file(
    schema: Path, records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(records, "body", "b", "--schema", str(schema)) == 0
    first = (records / "bodies" / "b.yml").read_text("utf-8").splitlines()[0]
    target = (records / "bodies" / first.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / "schema" / "body.json").resolve()
    assert "note:" not in capsys.readouterr().err


def test_a_schema_address_with_a_space_is_refused(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "body", "b", "--records", str(records), "--schema", "https://e.org/a b\n#x"]) == 2
    assert "error: --schema" in capsys.readouterr().err
    assert not (records / "bodies").exists()


# --- Hostile values ------------------------------------------------------------------------------

NASTY_LINES = [
    'He said "no": then # left',
    "yes",
    "null",
    "18:00",
    "1.10",
    "0x1F",
    "- a list?",
    "[not, a, list]",
    "{not: a map}",
    "&anchor *alias !tag %percent @at `tick`",
    "'single' quotes",
    "ends with a colon:",
    "   spaces around   ",
    "tab\tinside",
    "José — 日本語 — عربي \u200f",
    "---",
    "... # not a comment",
    "\\ back\\slash \\n",
]
NASTY_PROSE = [
    *NASTY_LINES,
    "line one\n---\nline three",
    "paragraph\n\nparagraph\r\nwindows\rcarriage",
    "separators\u2028and\u2029next\x85line",
    "trailing newline\n",
]


@pytest.mark.parametrize("title", NASTY_LINES)
def test_a_hostile_title_reads_back_exactly(title: str, records: Path) -> None:
    assert new(records, "letter", "2025-05-14-x", f"--title={title}", "--source-url", "https://e.org/#x") == 0
    data = read_yaml(front_matter(records / "letters" / "2025-05-14-x.md")).value
    assert data["title"] == title
    assert data["sources"][0]["url"] == "https://e.org/#x"
    assert_canonical(records / "letters" / "2025-05-14-x.md", "letter")
    _, problems = check_records(records, draft=True)
    assert [p.code for p in problems.items] == ["record.incomplete"]


@pytest.mark.parametrize("summary", NASTY_PROSE)
def test_a_hostile_summary_reads_back_exactly(summary: str, records: Path) -> None:
    assert new(records, "letter", "2025-05-14-x", f"--summary={summary}", "--tags=a b,#c", "--to=yes,null") == 0
    data = read_yaml(front_matter(records / "letters" / "2025-05-14-x.md")).value
    assert (data["summary"], data["tags"], data["to"]) == (summary, ["a b", "#c"], ["yes", "null"])
    assert_canonical(records / "letters" / "2025-05-14-x.md", "letter")
    assert new(records, "technology", "t", f"--summary={summary}", "--vendor=x: y # z") == 0
    data = read_yaml((records / "technologies" / "t.yml").read_text("utf-8")).value
    assert (data["summary"], data["vendor"]) == (summary, "x: y # z")


def _reads_back(text: str) -> object:
    document = read_yaml(text)
    assert not document.problems, (text, document.problems)
    return document.value


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_any_text_is_emitted_so_that_it_reads_back(text: str) -> None:
    assert _reads_back(f"k: {emit_scalar(text)}\n") == {"k": text}


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1))
def test_a_folded_summary_reads_back_or_is_not_folded(text: str) -> None:
    block = fold(text, 2)
    if block is not None:
        assert _reads_back("k: " + "\n".join(block) + "\n") == {"k": text}
        assert all(len(line) <= 80 or " " not in line.strip() for line in block[1:])


@given(
    st.text(alphabet=st.characters(exclude_categories=["Cs"])),
    st.text(alphabet=st.characters(exclude_categories=["Cs"])),
    st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1), max_size=3),
)
def test_any_values_are_written_as_fmt_writes_them(title: str, summary: str, tags: list[str]) -> None:
    from civic_record.canonical import canonical_text

    fields: dict[str, Value] = {"title": title, "date": "2025-05", "summary": summary}
    if tags:
        fields["tags"] = list(tags)
    text = "\n".join(render(fields)) + "\n"
    assert _reads_back(text) == fields
    formatted = canonical_text(text, "letter", "2025-05-x", markdown=False)
    assert formatted.text == text, formatted.findings


def test_a_folder_inside_the_records_folder_is_not_taken_for_it(records: Path) -> None:
    """``--records records/bodies`` would write records/bodies/bodies/x.yml, beside the real one."""
    assert new(records, "body", "city-council", "--name", "City Council", "--kind", "legislature") == 0
    before = sorted(p.relative_to(records) for p in records.rglob("*"))
    assert new(records / "bodies", "body", "city-council-2", "--name", "X", "--kind", "other") == 2
    assert sorted(p.relative_to(records) for p in records.rglob("*")) == before

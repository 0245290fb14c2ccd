"""``check --format github`` and ``--format json``: the same problems as the text report, in forms
that code review and other tools read back; and ``schema --out`` for editors."""

from __future__ import annotations

import json
import re
from pathlib import Path

from civic_record.cli import main
from civic_record.problem_formats import render_problems
from civic_record.problems import Problems

from . import cases
from .building import run_check
from .conftest import BAD, ROOT

ANNOTATION = re.compile(r"^::(error|warning) file=([^,]*),line=(\d+),col=(\d+),title=([^:]*)::(.*)$")


def _unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _broken(tmp_path: Path) -> Path:
    return cases.corpus_with(
        tmp_path, [BAD / "reference-unknown", BAD / "vote-no-tally", BAD / "record-id-without-date"]
    )


def _text_lines(report: str) -> set[tuple[str, int, int, str, str]]:
    found = set()
    for line in report.splitlines():
        match = re.match(r"^(.+):(\d+):(\d+): (error|warning) \[([^\]]+)\]: ", line)
        if match:
            found.add((match[1], int(match[2]), int(match[3]), match[4], match[5]))
    return found


def test_github_annotations_carry_every_problem_at_its_line(tmp_path: Path) -> None:
    records = _broken(tmp_path)
    text = run_check("--records", str(records))
    github = run_check("--records", str(records), "--format", "github")
    assert github.returncode == text.returncode == 1
    lines = github.stdout.splitlines()
    annotations = [ANNOTATION.match(line) for line in lines[:-1]]
    assert all(annotations), lines
    parsed = {
        (_unescape(m[2]), int(m[3]), int(m[4]), m[1], _unescape(m[5]).strip("[]")) for m in annotations if m is not None
    }
    assert parsed == _text_lines(text.stderr)
    assert lines[-1] == text.stderr.splitlines()[-1], "the same summary line"
    assert any(m is not None and m[1] == "warning" for m in annotations)
    typo = next(m for m in annotations if m is not None and "rpd-face-recogniton" in m[6])
    assert typo[6].endswith("(hint: did you mean 'rpd-face-recognition'?)"), "the hint travels with the message"


def test_github_escapes_what_would_end_a_property_early() -> None:
    problems = Problems()
    problems.error("records/a,b::c%.yml", 3, 5, "schema.invalid-value", "50% of it, here: there", "fix it")
    [line, _summary] = render_problems(problems, "github").splitlines()
    match = ANNOTATION.match(line)
    assert match is not None, line
    assert _unescape(match[2]) == "records/a,b::c%.yml"
    assert _unescape(match[6]) == "50% of it, here: there (hint: fix it)"


def test_json_report_reads_back_as_the_problems(tmp_path: Path) -> None:
    records = _broken(tmp_path)
    text = run_check("--records", str(records))
    result = run_check("--records", str(records), "--format", "json")
    assert result.returncode == 1
    assert result.stderr == ""
    document = json.loads(result.stdout)
    got = {(p["path"], p["line"], p["column"], p["severity"], p["code"]) for p in document["problems"]}
    assert got == _text_lines(text.stderr)
    assert document["errors"] == sum(1 for p in document["problems"] if p["severity"] == "error")
    assert document["summary"] == text.stderr.splitlines()[-1]
    assert all(
        set(p) == {"path", "line", "column", "severity", "code", "message", "hint"} for p in document["problems"]
    )


def test_json_of_a_clean_corpus_is_an_empty_list() -> None:
    result = run_check("--records", str(ROOT / "tests" / "fixtures" / "corpus" / "records"), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["problems"] == []


def test_schema_command_writes_the_repository_copy(tmp_path: Path) -> None:
    out = tmp_path / "editor" / "schema"
    keep = tmp_path / "editor" / "schema" / "notes.txt"
    keep.parent.mkdir(parents=True)
    keep.write_text("mine")
    assert main(["schema", "--out", str(out)]) == 0
    written = sorted(p.name for p in out.glob("*.json"))
    assert written == sorted(p.name for p in (ROOT / "schema").glob("*.json"))
    for name in written:
        assert (out / name).read_bytes() == (ROOT / "schema" / name).read_bytes(), name
    assert keep.read_text() == "mine", "nothing else in the folder is touched"


def test_schema_command_never_writes_through_a_link(tmp_path: Path) -> None:
    out = tmp_path / "schema"
    out.mkdir()
    victim = tmp_path / "victim.json"
    victim.write_text("precious")
    (out / "vote.json").symlink_to(victim)
    assert main(["schema", "--out", str(out)]) == 2
    assert victim.read_text() == "precious"
    assert sorted(p.name for p in out.iterdir()) == ["vote.json"], "a refusal writes nothing"


def test_schema_command_refuses_a_records_folder(tmp_path: Path) -> None:
    """Schema files in records/ would be read as records, under attachments/ published."""
    records = cases.corpus_with(tmp_path, [])
    for out in (records, records / "attachments", records / "attachments" / "schema"):
        assert main(["schema", "--out", str(out)]) == 2
    assert not list(records.rglob("*.json"))


def test_schema_command_refuses_an_empty_folder_name(capsys: object) -> None:
    assert main(["schema", "--out", ""]) == 2

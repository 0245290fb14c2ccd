"""Every error a clerk can make in a records folder is reported, at the right line and column.

Each folder under ``tests/fixtures/bad/`` is one case, applied to a copy of the valid fictional
corpus in ``tests/fixtures/corpus/records/``:

- ``records/...``: files the case adds or replaces (same paths as in the corpus);
- ``remove.txt``: corpus files to delete first (paths relative to ``records/``);
- ``grow.txt``: ``<path> <bytes>`` lines: pad that file with YAML comments past ``<bytes>``
  (so that a 2 MiB file need not be committed);
- ``symlinks.txt``: ``<path> -> <target>`` lines: create that symbolic link (a broken link
  stands for a file that cannot be read, since the tests may run as root);
- ``fifos.txt``: paths where a named pipe is made (a special file, which must never be read);
- ``expected.txt``: one line per expected problem, ``records/<path>:<line>:<col>: <severity>
  [<code>]``, written by hand from the case's files, not copied from the tool's output;
- ``known-bug.txt`` (optional): the tool disagrees with ``expected.txt``; the reason. The case
  is then a strict xfail, so it starts failing (XPASS) once the tool is fixed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from civic_record.check import check_records
from civic_record.problems import Problems

from . import cases
from .building import run_check
from .conftest import BAD, CORPUS, ROOT

CASES = sorted(p.name for p in BAD.iterdir() if (p / "expected.txt").is_file())


def expected(case: str) -> set[str]:
    return set(cases.lines_of(BAD / case / "expected.txt"))


def apply_case(case: str, records: Path) -> None:
    cases.apply_case(BAD / case, records)


def make_records(tmp_path: Path, names: list[str]) -> Path:
    return cases.corpus_with(tmp_path, [BAD / c for c in names])


def reported(problems: Problems) -> set[str]:
    return {f"{p.path}:{p.line}:{p.column}: {p.severity.value} [{p.code}]" for p in problems.items}


def check_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Check ``tmp_path/records`` from inside ``tmp_path``, so paths read ``records/...``."""
    monkeypatch.chdir(tmp_path)
    _, problems = check_records(Path("records"))
    return reported(problems)


def _case_param(case: str) -> object:
    bug = BAD / case / "known-bug.txt"
    if bug.is_file():
        return pytest.param(case, marks=pytest.mark.xfail(reason=bug.read_text().strip(), strict=True))
    return case


def test_there_are_enough_cases() -> None:
    codes = {re.search(r"\[(.+)\]$", line).group(1) for case in CASES for line in expected(case)}  # type: ignore[union-attr]
    assert len(CASES) >= 30
    assert len(codes) >= 30


def test_corpus_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_records(tmp_path, [])
    assert check_in(tmp_path, monkeypatch) == set()


@pytest.mark.parametrize("case", [_case_param(c) for c in CASES])
def test_bad_case(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert expected(case), f"{case}/expected.txt is empty"
    make_records(tmp_path, [case])
    assert check_in(tmp_path, monkeypatch) == expected(case)


def _mergeable() -> list[str]:
    """Every case whose files no other case also writes, and that the tool already gets right."""
    owners: dict[str, list[str]] = {}
    for case in CASES:
        folder = BAD / case
        written = [str(p.relative_to(folder / "records")) for p in (folder / "records").rglob("*") if p.is_file()]
        written += [line.split("->")[0].strip() for line in cases.lines_of(folder / "symlinks.txt")]
        written += cases.lines_of(folder / "remove.txt")
        for relative in written:
            owners.setdefault(relative, []).append(case)
    clashing = {case for cases in owners.values() if len(cases) > 1 for case in cases}
    return [c for c in CASES if c not in clashing and not (BAD / c / "known-bug.txt").is_file()]


def test_all_cases_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One run over every bad case together reports every problem: nothing stops at the first."""
    cases = _mergeable()
    known_bugs = {c for c in CASES if (BAD / c / "known-bug.txt").is_file()}
    assert set(CASES) - set(cases) == known_bugs, "cases that write the same file cannot be merged"
    make_records(tmp_path, cases)
    want = set().union(*(expected(c) for c in cases))
    got = check_in(tmp_path, monkeypatch)
    assert want - got == set(), "problems missing from the combined run"
    assert got - want == set(), "problems that no single case expects"


def test_cli_reports_in_compiler_format(tmp_path: Path) -> None:
    """Exit 1, ``path:line:col: error [code]: message``, a hint on the next line, a summary by code."""
    records = make_records(tmp_path, ["reference-unknown"])
    result = run_check("--records", str(records))
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    head = re.compile(
        r"^\S+/records/documents/2025-09-23-unknown-references\.md:6:5: error \[reference\.unknown\]: "
        r".*'rpd-face-recogniton'"
    )
    index = next((i for i, line in enumerate(lines) if head.match(line)), None)
    assert index is not None, result.stderr
    assert lines[index + 1] == "    hint: did you mean 'rpd-face-recognition'?"
    assert lines[-1] == "3 errors, 0 warnings (reference.unknown 3)"


def test_cli_summary_counts_by_code(tmp_path: Path) -> None:
    records = make_records(tmp_path, ["date-invalid", "vote-no-tally", "record-id-without-date"])
    result = run_check("--records", str(records))
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[-1]
        == "3 errors, 1 warning (date.invalid 2, record.id-without-date 1, vote.no-tally 1)"
    )


def test_cli_clean_corpus_exits_zero() -> None:
    result = run_check("--records", str(CORPUS.relative_to(ROOT)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "No problems found."
    assert result.stderr == ""


def test_cli_strict_fails_on_a_warning(tmp_path: Path) -> None:
    records = make_records(tmp_path, ["record-id-without-date"])
    assert run_check("--records", str(records)).returncode == 0
    strict = run_check("--records", str(records), "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == "0 errors, 1 warning (record.id-without-date 1)"


def test_missing_records_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert check_in(tmp_path, monkeypatch) == {"records:1:1: error [file.no-records-folder]"}

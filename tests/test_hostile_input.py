"""Hostile records: nothing a record author writes may run, load or publish under the city's name.

Each folder under ``tests/fixtures/hostile/`` is one case, laid over a copy of the valid
fictional corpus (``tests/fixtures/corpus/records/``) as in ``tests/fixtures/bad/``:

- ``records/...``: files the case adds; ``symlinks.txt`` (``<path> -> <target>``) and
  ``grow.txt`` (``<path> <bytes>``: pad that file past ``<bytes>``) as in the bad cases;
- EITHER ``expected.txt``: the exact problems, ``records/<path>:<line>:<col>: <severity>
  [<code>]``, counted by hand;
- OR ``expected-output.txt``: the generated page (``documents/<id>.md``) on the first line, then
  the exact sanitized HTML fragment that page must contain, and ``forbidden.txt``: substrings
  that must appear nowhere in that page (compared case-insensitively);
- ``known-bug.txt`` (optional): the tool mishandles the case; the reason. The case is then a
  strict xfail, so it turns into an XPASS (a failure) once the tool is fixed.

``tests/browser/test_hostile_pages.py`` builds the output cases into one site and visits it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from civic_record.check import check_records
from civic_record.html_blocks import CLOSE, OPEN
from civic_record.pages import Site, generate_pages
from civic_record.problems import Problems

from . import cases
from .building import run_check
from .conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
ERROR_CASES = [c for c in CASES if (HOSTILE / c / "expected.txt").is_file()]
OUTPUT_CASES = [c for c in CASES if (HOSTILE / c / "expected-output.txt").is_file()]
TODAY = dt.date(2026, 6, 1)
TRACEBACK = "Traceback (most recent call last)"


def apply_case(case: str, records: Path, files: bool = True) -> None:
    cases.apply_case(HOSTILE / case, records, files)


def make_records(tmp_path: Path, names: list[str]) -> Path:
    return cases.corpus_with(tmp_path, [HOSTILE / c for c in names])


def expected_output(case: str) -> tuple[str, str]:
    """The generated page's source path and the exact fragment it must contain."""
    page, _, fragment = (HOSTILE / case / "expected-output.txt").read_text(encoding="utf-8").partition("\n")
    return page.strip(), fragment.rstrip("\n")


def forbidden(case: str) -> list[str]:
    return cases.lines_of(HOSTILE / case / "forbidden.txt")


def reported(problems: Problems) -> set[str]:
    return {f"{p.path}:{p.line}:{p.column}: {p.severity.value} [{p.code}]" for p in problems.items}


def _param(case: str) -> object:
    bug = HOSTILE / case / "known-bug.txt"
    if bug.is_file():
        return pytest.param(case, marks=pytest.mark.xfail(reason=bug.read_text().strip(), strict=True))
    return case


def test_the_cases_are_well_formed() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        has_errors, has_output = (HOSTILE / case / "expected.txt").is_file(), case in OUTPUT_CASES
        assert has_errors != has_output, f"{case}: needs exactly one of expected.txt and expected-output.txt"
        if has_errors:
            assert cases.lines_of(HOSTILE / case / "expected.txt"), f"{case}/expected.txt is empty"
        else:
            page, fragment = expected_output(case)
            assert page.endswith(".md") and fragment.strip(), f"{case}/expected-output.txt"
            assert forbidden(case), f"{case}/forbidden.txt is missing or empty"


@pytest.mark.parametrize("case", [_param(c) for c in ERROR_CASES])
def test_hostile_input_is_rejected(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_records(tmp_path, [case])
    monkeypatch.chdir(tmp_path)
    _, problems = check_records(Path("records"))
    assert reported(problems) == set(cases.lines_of(HOSTILE / case / "expected.txt"))


@pytest.mark.parametrize("case", [_param(c) for c in OUTPUT_CASES])
def test_hostile_markup_is_neutralised(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_records(tmp_path, [case])
    monkeypatch.chdir(tmp_path)
    corpus, problems = check_records(Path("records"))
    assert not problems.errors, problems.report()
    pages = generate_pages(Site(corpus, TODAY))
    page_src, fragment = expected_output(case)
    assert page_src in pages, f"no generated page {page_src}"
    # The expected fragments are written without the markers around each HTML block.
    page = pages[page_src].text().replace(f"{OPEN}\n", "").replace(f"\n{CLOSE}", "")
    assert fragment in page, f"expected fragment not in {page_src}:\n{page}"
    lowered = page.lower()
    found = [s for s in forbidden(case) if s.lower() in lowered]
    assert found == [], f"forbidden text in {page_src}:\n{page}"


def _cli_check(records: Path) -> subprocess.CompletedProcess[str]:
    return run_check("--records", str(records))


def test_cli_never_prints_a_traceback(tmp_path: Path) -> None:
    """``build_site.py check`` on every case, one process each: an answer, never a crash."""
    folders = {case: make_records(tmp_path / case, [case]) for case in CASES}
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        results = dict(zip(folders, pool.map(_cli_check, folders.values()), strict=True))
    crashed = {case: r.stdout + r.stderr for case, r in results.items() if TRACEBACK in r.stdout + r.stderr}
    assert crashed == {}
    for case, result in results.items():
        assert result.returncode == (1 if case in ERROR_CASES else 0), f"{case}:\n{result.stderr}"

"""A large corpus full of errors: every problem reported in one run, in a stable order."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from benchmarks.broken_corpus import CODES, PROBLEMS_PER_FILE, write_broken_corpus
from tests.building import run_check

FILES = 300
LINE = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): error \[(?P<code>[a-z.-]+)\]: ")


def test_every_problem_of_a_large_broken_corpus_in_one_stable_run(tmp_path: Path) -> None:
    records = tmp_path / "records"
    write_broken_corpus(records, FILES)
    first, second = run_check("--records", str(records)), run_check("--records", str(records))
    assert first.returncode == 1
    assert first.stderr == second.stderr, "the report's order changed between two runs"
    lines = first.stderr.splitlines()
    problems = [m for m in map(LINE.match, lines) if m]
    assert len(problems) == FILES * PROBLEMS_PER_FILE
    per_file = Counter(m["path"] for m in problems)
    assert set(per_file.values()) == {PROBLEMS_PER_FILE} and len(per_file) == FILES
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in problems]
    assert keys == sorted(keys), "problems are not grouped by file in line order"
    counts = Counter(m["code"] for m in problems)
    assert set(counts) == set(CODES)
    summary = lines[-1]
    assert summary.startswith(f"{FILES * PROBLEMS_PER_FILE} errors, 0 warnings (")
    for code in CODES:
        assert f"{code} {FILES}" in summary

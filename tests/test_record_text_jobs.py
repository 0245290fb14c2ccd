"""``check`` renders record texts in worker processes: the same report and the same HTML as in
one process, and a worker that dies leaves its texts to the command."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from civic_record import record_text
from civic_record.check import check_records
from civic_record.checks import record_text as text_check
from civic_record.text_limits import MAX_DEPTH

HOSTILE = {
    "too-deep": "".join("    " * level + "- item\n" for level in range(MAX_DEPTH + 1)),
    "fine": "A letter with a [link](https://example.org/) and a footnote.[^1]\n\n[^1]: The note.\n",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus with enough texts for several batches, and two texts of our own."""
    from benchmarks.synthetic_corpus import write_synthetic_corpus

    folder = tmp_path_factory.mktemp("texts") / "records"
    write_synthetic_corpus(folder, 300, seed=11)
    letters = sorted((folder / "letters").iterdir())
    for (name, text), letter in zip(HOSTILE.items(), letters, strict=False):
        front = letter.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        letter.write_text(f"{front}\n---\n\n{name}\n\n{text}", encoding="utf-8")
    return folder


def _checked(records: Path, jobs: int) -> tuple[list[str], dict[str, str]]:
    """The report, and every text's HTML as the pages will get it."""
    _, problems = check_records(records, jobs=jobs)
    rendered = dict(record_text._RENDERED)
    return [problem.format() for problem in problems.sorted()], rendered


def test_two_jobs_report_and_render_what_one_does(records: Path) -> None:
    one, two = _checked(records, 1), _checked(records, 2)
    assert one == two
    report, rendered = two
    assert any("[text.too-deep]" in line for line in report)
    assert len(rendered) > 2 * text_check.BATCH  # several batches, so the workers ran


def test_the_texts_are_rendered_in_the_workers(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command = os.getpid()
    calls: list[int] = []
    original = record_text._render

    def counted(text: str) -> str:
        if os.getpid() == command:
            calls.append(1)  # a worker's calls stay in the worker
        return original(text)

    monkeypatch.setattr(record_text, "_render", counted)
    _checked(records, 2)
    assert calls == []
    _checked(records, 1)
    assert len(calls) > 2 * text_check.BATCH


def test_a_worker_that_dies_leaves_its_texts_to_the_command(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command = os.getpid()
    original = text_check._check_text

    def dying(text: str) -> text_check._Outcome:
        if os.getpid() != command and text.startswith("fine"):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(text)

    expected = _checked(records, 1)
    monkeypatch.setattr(text_check, "_check_text", dying)
    assert _checked(records, 2) == expected

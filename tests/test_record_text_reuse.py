"""Record text rendered by ``check`` is shown again by the pages of the same build, rendered
once; a process that reads one corpus after another (``serve``) keeps only the last one's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from civic_record import record_text
from civic_record.check import check_records
from civic_record.pages import Site, generate_pages
from tests.building import ROOT

DEMO = ROOT / "examples" / "demo" / "records"


def test_each_text_is_rendered_once_for_check_and_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[str] = []
    original = record_text._render

    def counting(text: str) -> str:
        rendered.append(text)
        return original(text)

    monkeypatch.setattr(record_text, "_render", counting)
    corpus, problems = check_records(DEMO)
    assert not problems.errors
    after_check = len(rendered)
    pages = generate_pages(Site(corpus=corpus, today=dt.date(2026, 11, 26)))
    assert after_check > 10
    assert len(rendered) == len(set(rendered))  # nothing rendered twice
    page = pages["letters/2025-02-18-council-letter-on-face-recognition.md"].markdown
    assert record_text.render_record_text(corpus.files["2025-02-18-council-letter-on-face-recognition"].text) in page


def test_reading_another_corpus_lets_the_previous_texts_go(tmp_path: Path) -> None:
    check_records(DEMO)
    demo_texts = set(record_text._RENDERED)
    check_records(ROOT / "records")
    assert demo_texts and not demo_texts & set(record_text._RENDERED)

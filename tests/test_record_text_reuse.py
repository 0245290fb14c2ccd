"""Record text rendered by ``check`` is shown again by the pages of the same build, rendered
once; a process that reads one corpus after another (``serve``) keeps only the last one's."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from civic_record import record_text
from civic_record.check import check_records
from civic_record.pages import Site, generate_pages
from tests.building import ROOT

DEMO = ROOT / "examples" / "demo" / "records"


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text rendered from now on (the memo's misses), in order."""
    texts: list[str] = []
    original = record_text._render

    def counting(text: str) -> str:
        texts.append(text)
        return original(text)

    monkeypatch.setattr(record_text, "_render", counting)
    return texts


def test_each_text_is_rendered_once_for_check_and_pages(rendered: list[str]) -> None:
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


def test_a_serve_rebuild_renders_only_the_texts_it_has_not_seen(tmp_path: Path, rendered: list[str]) -> None:
    """``serve`` reads the records again on every save: the texts it rendered before are not
    rendered again, and the check finds what a fresh one finds."""
    records = tmp_path / "records"
    shutil.copytree(DEMO, records)
    check_records(records)
    rendered.clear()
    letter = records / "letters" / "2025-02-18-council-letter-on-face-recognition.md"
    letter.write_text(letter.read_text(encoding="utf-8") + "\nA sentence added while serving.\n", encoding="utf-8")
    corpus, problems = check_records(records, keep_rendered=True)
    assert len(rendered) == 1 and "A sentence added while serving." in rendered[0]
    fresh_corpus, fresh = check_records(records)
    assert [p.format() for p in problems.sorted()] == [p.format() for p in fresh.sorted()]
    assert sorted(corpus.records) == sorted(fresh_corpus.records)


def test_a_serve_rebuild_parses_only_the_files_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A serve keeps each record file's reading by its bytes: a rebuild parses the files saved
    since, and reports what a fresh check reports, the problems of unchanged files included."""
    from civic_record import loading

    records = tmp_path / "records"
    shutil.copytree(DEMO, records)
    broken = records / "documents" / "2026-01-01-broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    check_records(records, keep_rendered=True)
    parsed: list[str] = []
    original = loading.read_yaml

    def counting(text: str, line_offset: int = 0) -> object:
        parsed.append(text)
        return original(text, line_offset)

    monkeypatch.setattr(loading, "read_yaml", counting)
    letter = records / "letters" / "2025-02-18-council-letter-on-face-recognition.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    twin = records / "documents" / "tomas-lindqvist.md"  # an id used twice
    shutil.copy(records / "documents" / "2026-05-12-drone-flight-count.md", twin)

    corpus, problems = check_records(records, keep_rendered=True)
    assert len(parsed) == 2  # the edited letter and the new file; not the broken one again
    fresh_corpus, fresh = check_records(records)
    report = [p.format() for p in problems.sorted()]
    assert report == [p.format() for p in fresh.sorted()]
    assert any("broken.md" in line for line in report) and any("record.duplicate-id" in line for line in report)
    assert corpus.records == fresh_corpus.records
    assert corpus.records["2025-02-18-council-letter-on-face-recognition"].title.startswith("Edited ")


def test_a_serve_lets_go_of_what_it_read_of_files_deleted_or_edited_since(tmp_path: Path) -> None:
    """A serve runs for hours: what it keeps of the records is what they hold now."""
    from civic_record import loading

    records = tmp_path / "records"
    shutil.copytree(DEMO, records)
    check_records(records, keep_rendered=True)
    letter = records / "letters" / "2025-02-18-council-letter-on-face-recognition.md"
    old_text = check_records(records, keep_rendered=True)[0].files[letter.stem].text
    assert record_text.is_rendered(old_text) and any(str(letter) == key[1] for key in loading._PARSED)
    letter.write_text(letter.read_text(encoding="utf-8") + "\nA sentence added while serving.\n", encoding="utf-8")
    gone = records / "letters" / "2026-03-02-commission-letter-on-drones.md"
    gone_text = check_records(records, keep_rendered=True)[0].files[gone.stem].text
    gone.unlink()
    corpus, _ = check_records(records, keep_rendered=True)
    assert not record_text.is_rendered(old_text), "the text before the edit is still kept"
    assert not record_text.is_rendered(gone_text), "the deleted letter's text is still kept"
    assert record_text.is_rendered(corpus.files[letter.stem].text)
    assert not any(str(gone) == key[1] for key in loading._PARSED), "the deleted file's reading is still kept"
    assert len(loading._PARSED) == len({key[1] for key in loading._PARSED})

"""A records folder's site.yml names the site and puts its notice on every page."""

from __future__ import annotations

import shutil
from pathlib import Path

from civic_record.check import check_records
from tests.building import run_build
from tests.conftest import CORPUS
from tests.html_pages import all_pages


def _corpus_with_settings(tmp_path: Path, text: str) -> Path:
    records = tmp_path / "records"
    shutil.copytree(CORPUS, records)
    (records / "site.yml").write_text(text, encoding="utf-8")
    return records


def test_site_name_and_notice_reach_every_page(tmp_path: Path) -> None:
    records = _corpus_with_settings(
        tmp_path, 'site_name: "Riverton record (fictional)"\nnotice: "Fictional demonstration data."\n'
    )
    site = tmp_path / "site"
    assert run_build(records, site).returncode == 0
    pages = all_pages(site)
    assert len(pages) > 20
    for built in pages:
        assert "Fictional demonstration data." in built.text_of("site-notice"), built.path
        assert "Riverton record (fictional)</title>" in built.html or built.path.name == "404.html"


def test_site_settings_errors_are_reported_at_their_line(tmp_path: Path) -> None:
    records = _corpus_with_settings(tmp_path, 'site_name: "X"\nsite_nmae: "Y"\n')
    _, problems = check_records(records)
    found = [(p.line, p.column, p.code) for p in problems.errors if p.path.endswith("site.yml")]
    assert found == [(2, 1, "schema.unknown-field")]


def test_unreadable_site_settings_are_reported(tmp_path: Path) -> None:
    records = _corpus_with_settings(tmp_path, "")
    (records / "site.yml").write_bytes(b"site_name: \xff\xfe\n")
    _, problems = check_records(records)
    assert [(p.line, p.code) for p in problems.errors] == [(1, "site.unreadable")]

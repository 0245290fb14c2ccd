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


def test_mkdocs_yml_defaults_are_checked_like_site_yml(tmp_path: Path) -> None:
    """A records folder without site.yml takes the plugin's defaults from mkdocs.yml, checked
    alike: a `javascript:` address there stops the build and the report says why."""
    import re

    from tests.building import ROOT

    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(
        r"(  - civic-record:\n      records: records\n)",
        r'\1      publisher: "Riverton clerk"\n      licence_url: "javascript:alert(1)"\n',
        config,
    )
    assert count == 1
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_build(CORPUS, tmp_path / "site", "--config", str(project / "mkdocs.yml"))
    assert result.returncode == 1
    assert "licence_url" in result.stderr and "is not a web or e-mail address" in result.stderr
    assert not (tmp_path / "site").exists()
    (project / "mkdocs.yml").write_text(config.replace('"javascript:alert(1)"', "mailto:clerk@x.example"), "utf-8")
    site = tmp_path / "site"
    assert run_build(CORPUS, site, "--config", str(project / "mkdocs.yml")).returncode == 0
    footer = all_pages(site)[0].text_of("site-footer")
    assert "Published by Riverton clerk" in footer

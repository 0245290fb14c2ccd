"""The search index in parts, one per year: an edit re-indexes the part of its year only, a
part is copied only while it is what the previous build wrote, and the site is the same bytes
as a full build."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from civic_record.search_parts import LIST_NAME, PART_PAGES_ENV
from tests.building import run_build
from tests.test_incremental_build import DEMO, SITE_URL, _files, _replace, project  # noqa: F401  (a fixture)

SEARCH = re.compile(
    r"Search index: ([\d,]+) pages in (\d+) parts? by year \(.*\): (\d+) indexed, (\d+) copied unchanged"
)
PARTS = {PART_PAGES_ENV: "10"}
"""Parts of at least 10 pages: the demonstration corpus in two parts (2023-2025, 2026-2027)."""
RECORD = Path("documents") / "2026-05-12-drone-flight-count.md"


def _build(folder: Path, site: Path, *extra: str) -> tuple[int, int, int]:
    """Build the project in ``folder``; return (parts, parts indexed, parts copied from the
    previous build)."""
    config = str(folder / "mkdocs.yml")
    result = run_build(folder / "records", site, "--config", config, "--site-url", SITE_URL, *extra, environment=PARTS)
    assert result.returncode == 0, result.stderr
    found = SEARCH.search(result.stderr)
    assert found is not None, result.stderr
    return int(found.group(2)), int(found.group(3)), int(found.group(4))


def _parts(site: Path) -> dict[str, object]:
    return json.loads((site / "pagefind" / "civic-record-parts.json").read_text(encoding="utf-8"))


def test_an_edit_indexes_again_the_part_of_its_year_only(project: Path, tmp_path: Path) -> None:  # noqa: F811
    site, full = tmp_path / "site", tmp_path / "full"
    parts, indexed, copied = _build(project, site)
    assert parts == 2 and (indexed, copied) == (parts, 0)
    assert _parts(site) == {"main": "2026-2027", "parts": ["2023-2025"]}
    _replace(project / "records" / RECORD, "counted 1,104\nentries.", "counted 1,104\nentries, not one a test flight.")
    assert _build(project, site) == (parts, 1, parts - 1)
    _build(project, full, "--full")
    assert _files(site) == _files(full)
    assert _build(project, site) == (parts, 0, parts)
    assert _files(site) == _files(full)


def test_a_part_changed_in_the_built_site_is_indexed_again(project: Path, tmp_path: Path) -> None:  # noqa: F811
    site = tmp_path / "site"
    parts, _, _ = _build(project, site)
    first = _files(site)
    older = site / "pagefind" / "parts" / "2023-2025"
    edited = next((older / "fragment").iterdir())
    edited.write_bytes(edited.read_bytes() + b"\0")
    assert _build(project, site) == (parts, 1, parts - 1)
    assert _files(site) == first
    # A file more than the build wrote, a link in place of a file, a file gone: indexed again.
    (older / "index" / "extra.pf_index").write_bytes(b"planted")
    assert _build(project, site) == (parts, 1, parts - 1)
    linked = next((site / "pagefind" / "index").iterdir())
    outside = tmp_path / "outside"
    outside.write_bytes(linked.read_bytes())
    linked.unlink()
    linked.symlink_to(outside)
    assert _build(project, site) == (parts, 1, parts - 1)
    assert not linked.is_symlink()
    next((older / "filter").iterdir()).unlink()
    assert _build(project, site) == (parts, 1, parts - 1)
    assert _files(site) == first


def test_a_forged_or_careless_list_of_parts_writes_nowhere_else(project: Path, tmp_path: Path) -> None:  # noqa: F811
    site = tmp_path / "site"
    parts, _, _ = _build(project, site)
    first = _files(site)
    listed = json.loads((site / LIST_NAME).read_text(encoding="utf-8"))
    for entry in listed["parts"].values():
        entry["files"]["../../escaped.txt"] = entry["files"][next(iter(entry["files"]))]
    (site / LIST_NAME).write_text(json.dumps(listed), encoding="utf-8")
    assert _build(project, site) == (parts, parts, 0)
    assert _files(site) == first
    assert not list(tmp_path.rglob("escaped.txt"))
    for careless in ("", "{not json", '{"format": 1, "parts": [1]}', '{"format": 1, "parts": {"2025": 7}}'):
        (site / LIST_NAME).write_text(careless, encoding="utf-8")
        assert _build(project, site) == (parts, parts, 0), careless
        assert _files(site) == first
    (site / LIST_NAME).unlink()
    os.mkfifo(site / LIST_NAME)
    assert _build(project, site) == (parts, parts, 0)


def test_a_full_build_indexes_every_part(project: Path, tmp_path: Path) -> None:  # noqa: F811
    site = tmp_path / "site"
    parts, _, _ = _build(project, site)
    assert _build(project, site, "--full") == (parts, parts, 0)


def test_a_small_site_has_one_part(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_build(DEMO, site, "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    found = SEARCH.search(result.stderr)
    assert found is not None and found.group(2, 3) == ("1", "1"), result.stderr
    listed = _parts(site)
    assert listed["parts"] == [] and re.fullmatch(r"\d{4}-\d{4}", str(listed["main"]))
    assert not (site / "pagefind" / "parts").exists()


def test_a_previous_part_that_cannot_be_read_is_indexed_again(project: Path, tmp_path: Path) -> None:  # noqa: F811
    """A path too long to open in a part's folder: the build goes on, and the site is the same
    bytes. A link above a part's files: the part is made again, and nothing is read or written
    through the link."""
    site = tmp_path / "site"
    parts, _, _ = _build(project, site)
    first = _files(site)
    folder = os.open(site / "pagefind" / "parts" / "2023-2025", os.O_RDONLY)
    for _ in range(22):  # past the system's longest path, each folder made from the one above
        os.mkdir("a" * 200, dir_fd=folder)
        inner = os.open("a" * 200, os.O_RDONLY, dir_fd=folder)
        os.close(folder)
        folder = inner
    os.close(folder)
    counted, indexed, copied = _build(project, site)  # the folders hold no file of the part
    assert (counted, indexed + copied) == (parts, parts)
    assert _files(site) == first
    elsewhere = tmp_path / "elsewhere"
    (site / "pagefind" / "parts").rename(elsewhere)
    (site / "pagefind" / "parts").symlink_to(elsewhere, target_is_directory=True)
    before = _files(elsewhere)
    assert _build(project, site) == (parts, 1, parts - 1)
    assert _files(site) == first and not (site / "pagefind" / "parts").is_symlink()
    assert _files(elsewhere) == before


def test_one_unreadable_entry_in_the_list_leaves_the_other_parts_copied(project: Path, tmp_path: Path) -> None:  # noqa: F811
    site = tmp_path / "site"
    parts, _, _ = _build(project, site)
    listed = json.loads((site / LIST_NAME).read_text(encoding="utf-8"))
    listed["parts"]["2023-2025"] = 7
    (site / LIST_NAME).write_text(json.dumps(listed), encoding="utf-8")
    assert _build(project, site) == (parts, 1, parts - 1)


def test_pagefind_settings_from_outside_do_not_change_the_index(project: Path, tmp_path: Path) -> None:  # noqa: F811
    """Pagefind reads PAGEFIND_* variables and a pagefind.yml in the folder it runs in: an index
    made under them would later be copied as if made without them. They are not passed on."""
    site, plain = tmp_path / "site", tmp_path / "plain"
    _build(project, plain)
    (project / "pagefind.yml").write_text("force_language: fr\n", encoding="utf-8")
    config = str(project / "mkdocs.yml")
    result = run_build(
        project / "records",
        site,
        "--config",
        config,
        "--site-url",
        SITE_URL,
        environment={**PARTS, "PAGEFIND_FORCE_LANGUAGE": "fr", "PAGEFIND_EXCLUDE_SELECTORS": "p"},
    )
    assert result.returncode == 0, result.stderr
    ours = {name: data for name, data in _files(site).items() if name.startswith("pagefind/")}
    assert ours == {name: data for name, data in _files(plain).items() if name.startswith("pagefind/")}

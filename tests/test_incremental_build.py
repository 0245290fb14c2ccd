"""Incremental builds: after an edit, ``build`` copies the pages whose inputs did not change
from the previous site, and the site is the same bytes as a full build of the edited records."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from civic_record.page_reuse import manifest_path
from tests.building import ROOT, run_build

DEMO = ROOT / "examples" / "demo" / "records"
SITE_URL = "https://records.example.org/fairhaven/"
COUNTS = re.compile(r"(\d+) rendered, (\d+) copied unchanged from the previous build")
UNMADE = re.compile(r"copied unchanged from the previous build \((\d+) of them without being made again\)")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's configuration, theme overrides, docs and the demonstration
    records, so that a test can edit any of them."""
    folder = tmp_path / "project"
    for name in ("overrides", "docs"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(DEMO, folder / "records")
    return folder


def _build(project: Path, site: Path, *extra: str) -> tuple[int, int]:
    """Build; return (pages rendered, pages copied from the previous build)."""
    rendered, copied, _ = _build_counting(project, site, *extra)
    return rendered, copied


def _build_counting(project: Path, site: Path, *extra: str) -> tuple[int, int, int]:
    """Build; return (pages rendered, pages copied, pages copied without being made again)."""
    result = run_build(
        project / "records", site, "--config", str(project / "mkdocs.yml"), "--site-url", SITE_URL, *extra
    )
    assert result.returncode == 0, result.stderr
    counts = COUNTS.search(result.stderr)
    assert counts is not None, result.stderr
    unmade = UNMADE.search(result.stderr)
    return int(counts.group(1)), int(counts.group(2)), int(unmade.group(1)) if unmade else 0


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _edit_record(project: Path) -> None:
    _replace(
        project / "records" / "documents" / "2026-05-12-drone-flight-count.md",
        "title: Advocates count 1,100 police drone flights",
        "title: Advocates count 1,200 police drone flights",
    )


def _edit_person(project: Path) -> None:
    _replace(
        project / "records" / "people" / "tomas-lindqvist.yml", "name: Tomás Lindqvist", "name: Tomás A. Lindqvist"
    )


def _edit_template(project: Path) -> None:
    _replace(project / "overrides" / "main.html", "{% extends", "{#- edited -#}\n<!-- edited template -->\n{% extends")


def _edit_settings(project: Path) -> None:
    _replace(project / "records" / "site.yml", "site_name: Fairhaven", "site_name: The Fairhaven")


def _delete_record(project: Path) -> None:
    (project / "records" / "documents" / "2025-05-27-gunshot-detection-evaluation.md").unlink()


def _rename_record(project: Path) -> None:
    folder = project / "records" / "documents"
    old = folder / "2025-08-21-ledger-face-searches-through-county.md"
    old.rename(folder / "2025-08-21-ledger-county-face-searches.md")


EDITS: dict[str, Callable[[Path], None]] = {
    "a record": _edit_record,
    "a person other pages show": _edit_person,
    "a template": _edit_template,
    "site.yml": _edit_settings,
    "a deleted record": _delete_record,
    "a renamed record": _rename_record,
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_incremental_build_is_the_same_bytes_as_a_full_one(edit: str, project: Path, tmp_path: Path) -> None:
    site, full = tmp_path / "site", tmp_path / "full"
    rendered, copied = _build(project, site)
    assert copied == 0 and rendered > 50
    EDITS[edit](project)
    again_rendered, again_copied, unmade = _build_counting(project, site)
    _build(project, full, "--full")
    assert _files(site) == _files(full)
    if edit in ("a template", "site.yml"):  # on every page: nothing can be copied
        assert again_copied == 0
    else:
        assert again_copied > 0
        assert again_rendered < rendered / 2
        # most pages read nothing the edit changed: they are copied without being made
        assert again_copied / 2 < unmade <= again_copied


def test_nothing_changed_copies_every_page(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    rendered, _ = _build(project, site)
    first = _files(site)
    assert _build(project, site) == (0, rendered)
    assert _files(site) == first
    assert _build_counting(project, site) == (0, rendered, rendered)  # none is made again
    assert _build(project, site, "--full") == (rendered, 0)
    assert _files(site) == first


def test_a_page_edited_in_the_built_site_is_rendered_again(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    rendered, _ = _build(project, site)
    first = _files(site)
    page = site / "documents" / "2026-05-12-drone-flight-count" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"1,100", b"9,999"))
    (site / "people" / "tomas-lindqvist" / "index.html").unlink()
    assert _build(project, site) == (2, rendered - 2)
    assert _files(site) == first


@pytest.mark.parametrize(
    "careless",
    ["", "{not json", '{"format": 2, "pages": [1, 2]}', '{"format": 99, "pages": {}}', "[" * 100_000 + "]" * 100_000],
)
def test_an_unreadable_list_of_pages_renders_every_page(careless: str, project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    rendered, _ = _build(project, site)
    first = _files(site)
    manifest_path(site).write_text(careless, encoding="utf-8")
    assert _build(project, site) == (rendered, 0)
    assert _files(site) == first


def _edit_nav_page_metadata(project: Path) -> None:
    page = project / "docs" / "data.md"
    page.write_text("---\nsubtitle: CSV and JSON\n---\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")


def _edit_linked_template(project: Path) -> None:
    _replace(project.parent / "shared-partials" / "copyright.html", "{#-", "<!-- edited partial -->\n{#-")


@pytest.mark.parametrize("edit", ["nav page metadata", "template behind a link"])
def test_what_every_page_shows_renders_every_page(edit: str, project: Path, tmp_path: Path) -> None:
    """The theme prints a navigation page's subtitle on every page; a template folder may be a
    symbolic link: an edit to either renders every record page again."""
    shared = tmp_path / "shared-partials"
    (project / "overrides" / "partials").rename(shared)
    (project / "overrides" / "partials").symlink_to(shared, target_is_directory=True)
    site, full = tmp_path / "site", tmp_path / "full"
    rendered, _ = _build(project, site)
    (_edit_nav_page_metadata if edit == "nav page metadata" else _edit_linked_template)(project)
    assert _build(project, site) == (rendered, 0)
    _build(project, full, "--full")
    assert _files(site) == _files(full)


def test_the_list_of_pages_in_the_site_holds_paths_digests_dates_and_record_ids_only(
    project: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    _build(project, site)
    listed = json.loads(manifest_path(site).read_text(encoding="utf-8"))
    assert set(listed) == {"format", "reads", "pages"}
    ids = {path.stem for path in (project / "records").rglob("*") if path.suffix in {".md", ".yml"}}
    for read in listed["reads"]:  # what pages read: a value of the corpus, by a record's id
        assert read[0].isidentifier()
        assert len(read) == 1 or read[1] is None or read[1] in ids or read[0] == "sop_series"
    for src, (key, output, reads_key, lastmod, reads) in listed["pages"].items():
        assert src.endswith(".md")
        for digest in (key, output, reads_key):
            assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")
        assert lastmod is None or re.fullmatch(r"\d{4}(-\d{2}){0,2}", lastmod)
        assert all(0 <= number < len(listed["reads"]) for number in reads)


def test_a_page_replaced_by_a_link_or_a_pipe_is_rendered_again(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    rendered, _ = _build(project, site)
    first = _files(site)
    linked = site / "documents" / "2026-05-12-drone-flight-count" / "index.html"
    outside = tmp_path / "outside.html"
    outside.write_bytes(linked.read_bytes())  # the same bytes: still not read through the link
    linked.unlink()
    linked.symlink_to(outside)
    piped = site / "people" / "tomas-lindqvist" / "index.html"
    piped.unlink()
    os.mkfifo(piped)
    assert _build(project, site) == (2, rendered - 2)
    assert _files(site) == first
    assert not linked.is_symlink()


def test_a_list_that_is_a_pipe_is_not_waited_for(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    rendered, _ = _build(project, site)
    manifest_path(site).unlink()
    os.mkfifo(manifest_path(site))
    assert _build(project, site) == (rendered, 0)


HOOK = """
def on_page_content(html, page, config, files):
    return html + "<p>hook-v1</p>"
"""


def test_with_another_plugin_or_hook_every_page_is_rendered_in_the_build_process(project: Path, tmp_path: Path) -> None:
    (project / "hooks").mkdir()
    (project / "hooks" / "stamp.py").write_text(HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks/stamp.py\n", encoding="utf-8")
    site = tmp_path / "site"
    rendered, _ = _build(project, site, "--jobs", "2")
    assert _build(project, site, "--jobs", "2") == (rendered, 0)
    page = (site / "documents" / "2026-05-12-drone-flight-count" / "index.html").read_text(encoding="utf-8")
    assert "<p>hook-v1</p>" in page


LATE_HOOK = """
def on_post_page(output, page, config):
    return output.replace("<!-- search:end -->", "<p>latehookword-VERSION</p><!-- search:end -->")
"""


def test_a_hook_that_changes_pages_after_civic_record_is_indexed_as_written(project: Path, tmp_path: Path) -> None:
    """A hook runs after this plugin's on_post_page: the index reads the pages as written, so
    changing the hook changes the index (a part noted from this plugin's view would be copied)."""
    (project / "hooks").mkdir()
    hook = project / "hooks" / "late.py"
    hook.write_text(LATE_HOOK.replace("VERSION", "one"), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks/late.py\n", encoding="utf-8")
    site = tmp_path / "site"
    _build(project, site)
    listed = (site / ".civic-record-search.json").read_bytes()
    hook.write_text(LATE_HOOK.replace("VERSION", "two"), encoding="utf-8")
    result = run_build(project / "records", site, "--config", str(config), "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    assert "0 copied unchanged from the previous build" in result.stderr.splitlines()[-1], result.stderr
    assert (site / ".civic-record-search.json").read_bytes() != listed
    page = (site / "documents" / "2026-05-12-drone-flight-count" / "index.html").read_text(encoding="utf-8")
    assert "latehookword-two" in page


def _retitle(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    field = "name: " if path.parent.name in ("people", "bodies") else "title: "
    start = text.index(field) + len(field)
    quote = '"' if text[start] == '"' else ""
    path.write_text(text[:start] + quote + "Edited " + text[start + len(quote) :], encoding="utf-8")


def _redate(path: Path) -> None:
    """One day later (days 1 to 27 only, so that the date stays valid)."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r"^date: (\d{4}-\d{2})-(\d{2})$", text, re.MULTILINE)
    assert found is not None and int(found.group(2)) < 28, path
    later = f"date: {found.group(1)}-{int(found.group(2)) + 1:02d}"
    path.write_text(text[: found.start()] + later + text[found.end() :], encoding="utf-8")


def test_edits_across_a_synthetic_corpus_build_what_a_full_build_builds(tmp_path: Path) -> None:
    """Renamed people and bodies, retitled records of every kind and records moved in time, in
    a generated corpus: the incremental build is the same bytes as a full one, and each page
    copied because what it read did not change was made anyway and compared (the tests'
    ``CIVIC_RECORD_VERIFY_READS``)."""
    from benchmarks.synthetic_corpus import write_synthetic_corpus

    records = tmp_path / "records"
    write_synthetic_corpus(records, 300, seed=7)
    site, full = tmp_path / "site", tmp_path / "full"

    def build(target: Path, *extra: str) -> tuple[int, int, int]:
        result = run_build(records, target, "--site-url", SITE_URL, *extra)
        assert result.returncode == 0, result.stderr
        counts, unmade = COUNTS.search(result.stderr), UNMADE.search(result.stderr)
        assert counts is not None, result.stderr
        return int(counts.group(1)), int(counts.group(2)), int(unmade.group(1)) if unmade else 0

    rendered, _, _ = build(site)
    for kind in ("people", "bodies", "technologies", "letters", "votes", "meetings", "documents"):
        files = sorted((records / kind).iterdir())
        _retitle(files[len(files) // 3])
    for kind in ("letters", "meetings"):
        dated = [
            p
            for p in sorted((records / kind).iterdir())
            if re.search(r"^date: \d{4}-\d{2}-(0\d|1\d|2[0-7])$", p.read_text(encoding="utf-8"), re.MULTILINE)
        ]
        _redate(dated[len(dated) // 2])
    again, copied, unmade = build(site)
    build(full, "--full")
    assert _files(site) == _files(full)
    assert 0 < again < rendered
    assert 0 < unmade <= copied


def test_a_hand_written_file_where_a_generated_page_goes_is_refused(project: Path, tmp_path: Path) -> None:
    """MkDocs would write both files to one path; the build refuses, and publishes nothing."""
    site = tmp_path / "site"
    _build(project, site)
    first = _files(site)
    clash = project / "docs" / "letters" / "2025-02-18-council-letter-on-face-recognition" / "index.html"
    clash.parent.mkdir(parents=True)
    clash.write_text("<p>hand-written page</p>", encoding="utf-8")
    result = run_build(project / "records", site, "--config", str(project / "mkdocs.yml"), "--site-url", SITE_URL)
    assert result.returncode != 0
    assert (
        "docs/letters/2025-02-18-council-letter-on-face-recognition/index.html would be published at" in result.stderr
    )
    assert "rename or remove the hand-written file" in result.stderr
    assert _files(site) == first

"""Pagefind is handed the indexed part of each page only: the index is the same bytes as
Pagefind's own reading of the whole pages, and nothing of the hand-over is published."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pagefind_bin

from civic_record import search_index
from civic_record.search_index import END, INPUT_SUBDIR, START, indexed_part
from tests.building import ROOT, build_for_reading

DEMO = ROOT / "examples" / "demo" / "records"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_index_is_the_one_pagefind_makes_of_the_whole_pages(tmp_path: Path) -> None:
    site = build_for_reading(tmp_path, DEMO, "--site-url", "https://records.example.org/")
    assert not (site / INPUT_SUBDIR).exists()
    whole = tmp_path / "whole"
    shutil.copytree(site, whole)
    shutil.rmtree(whole / "pagefind")
    command = [str(pagefind_bin.get_executable()), "--site", str(whole), "--output-subdir", "pagefind"]
    command += ["--exclude-selectors", ", ".join(search_index.EXCLUDED)]
    subprocess.run(command, check=True, capture_output=True)
    search_index._remove_unused_bundles(whole / "pagefind")
    search_index._make_deterministic(whole / "pagefind")
    ours, theirs = _files(site / "pagefind"), _files(whole / "pagefind")
    assert len(ours) > 20
    assert ours == theirs


def test_the_indexed_part_keeps_the_language_and_the_marked_part_only() -> None:
    page = (
        '<!doctype html><html lang="fr" class="no-js"><head><title>T</title></head><body><nav>menu</nav>'
        f"{START}\n<div data-pagefind-body><h1>Lettre</h1><div><p>texte</p></div></div>\n{END}<footer>pied</footer>"
        "</body></html>"
    )
    part = indexed_part(page)
    assert part is not None
    assert part.startswith('<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body>')
    assert "<h1>Lettre</h1><div><p>texte</p></div></div>" in part
    assert "menu" not in part and "pied" not in part and "<title>" not in part
    assert indexed_part("<html><body><p>listing, not indexed</p></body></html>") is None
    assert indexed_part(f"<html>{END} then {START}</html>") is None


def test_pages_written_without_the_plugin_are_indexed_as_pagefind_would(tmp_path: Path) -> None:
    site = tmp_path / "site"
    kept = site / INPUT_SUBDIR
    (site / "rendered").mkdir(parents=True)
    (site / "pagefind").mkdir()
    (site / "pagefind" / "old.html").write_text(f"{START}<div data-pagefind-body>old index</div>{END}")
    (site / "rendered" / "index.html").write_text(f'<html lang="en">{START}<div data-pagefind-body>a</div>{END}')
    (site / "by-hand.html").write_text('<html><body><main data-pagefind-body="">by hand</main></body></html>')
    (site / "listing.html").write_text("<html><body>not indexed</body></html>")
    (kept / "already").mkdir(parents=True)
    (kept / "already" / "index.html").write_text("kept while rendering")
    (site / "already").mkdir()
    (site / "already" / "index.html").write_text(f"{START}<div data-pagefind-body>x</div>{END}")
    search_index._complete_input(site, kept)
    written = {path: data.decode() for path, data in _files(kept).items()}
    assert sorted(written) == ["already/index.html", "by-hand.html", "rendered/index.html"]
    assert written["already/index.html"] == "kept while rendering"
    assert written["by-hand.html"] == (site / "by-hand.html").read_text()
    assert written["rendered/index.html"].startswith('<!doctype html><html lang="en">')

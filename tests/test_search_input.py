"""Pagefind is handed the indexed part of each page only: the index is the same bytes as
Pagefind's own reading of the whole pages, and nothing of the hand-over is published."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pagefind_bin

from civic_record import search_index
from civic_record.search_index import END, INPUT_SUBDIR, START, indexed_part
from civic_record.search_parts import (
    PART_PAGES_ENV,
    PARTS_FILE,
    UNDATED,
    Indexed,
    bundle_folder,
    group_years,
    part_of,
)
from tests.building import ROOT, run_build

DEMO = ROOT / "examples" / "demo" / "records"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _bundle(folder: Path, main: bool) -> dict[str, bytes]:
    files = _files(folder)
    if main:  # the main bundle's folder holds the other parts and the list of parts
        files = {name: data for name, data in files.items() if not name.startswith(("parts/", "civic-record-parts"))}
    return files


def _part_holding(year: str, listed: dict) -> str:
    """The part of the index holding the pages of ``year`` (or of no year: the newest part)."""
    for name in [*listed["parts"], listed["main"]]:
        first, _, last = name.partition("-")
        if year != UNDATED and first <= year <= (last or first):
            return str(name)
    return str(listed["main"])


def test_each_part_of_the_index_is_the_one_pagefind_makes_of_its_whole_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    built = run_build(DEMO, site, "--site-url", "https://records.example.org/", environment={PART_PAGES_ENV: "10"})
    assert built.returncode == 0, built.stderr
    assert not (site / INPUT_SUBDIR).exists()
    listed = json.loads((site / "pagefind" / PARTS_FILE).read_text())
    assert listed["parts"], "the demonstration corpus in parts of 10 pages has more than one"
    whole = tmp_path / "whole"
    for page in sorted(site.rglob("*.html")):
        indexed = indexed_part(page.read_text(encoding="utf-8"))
        if indexed is not None:
            target = whole / _part_holding(part_of(indexed), listed) / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(page, target)
    assert sorted(path.name for path in whole.iterdir()) == sorted([listed["main"], *listed["parts"]])
    for part in sorted(whole.iterdir()):
        main = part.name == listed["main"]
        out = tmp_path / "out" / part.name
        command = [str(pagefind_bin.get_executable()), "--site", str(part), "--output-path", str(out)]
        command += ["--exclude-selectors", ", ".join(search_index.EXCLUDED)]
        subprocess.run(command, check=True, capture_output=True)
        search_index._remove_unused_bundles(out)
        search_index._make_deterministic(out)
        theirs = _files(out)
        if not main:  # a merged part needs no script of its own
            script = ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "wasm.unknown.pagefind")
            assert all(name in theirs for name in script)
            theirs = {name: data for name, data in theirs.items() if name not in script}
        ours = _bundle(bundle_folder(site, part.name, main), main)
        assert len(ours) > 5, part.name
        assert ours == theirs, part.name


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
    (site / "rendered").mkdir(parents=True)
    (site / "pagefind").mkdir()
    (site / "pagefind" / "old.html").write_text(f"{START}<div data-pagefind-body>old index</div>{END}")
    (site / "rendered" / "index.html").write_text(f'<html lang="en">{START}<div data-pagefind-body>a</div>{END}')
    dated = f'{START}<div data-pagefind-body data-pagefind-sort="date:2019-03-04">d</div>{END}'
    (site / "dated.html").write_text(dated)
    (site / "by-hand.html").write_text('<html><body><main data-pagefind-body="">by hand</main></body></html>')
    (site / "listing.html").write_text("<html><body>not indexed</body></html>")
    already = f'<html lang="en">{START}<div data-pagefind-body data-pagefind-sort="date:2020-01-02">x</div>{END}'
    (site / "already").mkdir()
    (site / "already" / "index.html").write_text(already)
    noted = Indexed("2020", "noted while rendering")
    pages = {"already/index.html": noted}
    search_index._complete_input(site, pages)
    assert {relative: indexed.year for relative, indexed in pages.items()} == {
        "already/index.html": "2020",
        "dated.html": "2019",
        "by-hand.html": UNDATED,
        "rendered/index.html": UNDATED,
    }
    assert pages["already/index.html"] is noted, "a page noted while rendering was read again"
    kept = tmp_path / "input"
    search_index.write_input(site, sorted(pages), kept)
    written = {path: data.decode() for path, data in _files(kept).items()}
    assert sorted(written) == ["already/index.html", "by-hand.html", "dated.html", "rendered/index.html"]
    assert written["by-hand.html"] == (site / "by-hand.html").read_text()
    assert written["rendered/index.html"].startswith('<!doctype html><html lang="en">')
    for relative, data in _files(kept).items():
        if relative != "already/index.html":
            assert hashlib.sha256(data).hexdigest() == pages[relative].digest, relative


def test_the_pages_noted_while_rendering_are_what_the_index_reads(tmp_path: Path) -> None:
    """What is noted of each page as it is written is the digest of what is written for
    Pagefind from the page in the site, whichever way the page was noted."""
    page = f'<html lang="fr">{START}<div data-pagefind-body data-pagefind-sort="date:2021-05-06">é &amp; ü</div>{END}'
    site = tmp_path / "site"
    (site / "letters" / "a").mkdir(parents=True)
    (site / "letters" / "a" / "index.html").write_bytes(page.encode("utf-8", errors="xmlcharrefreplace"))
    search_index.forget_kept()
    search_index.keep_for_index("letters/a/index.html", page)
    noted = search_index.take_kept()
    assert noted == {"letters/a/index.html": noted["letters/a/index.html"]} and not search_index.take_kept()
    search_index.write_input(site, ["letters/a/index.html"], tmp_path / "input")
    data = (tmp_path / "input" / "letters" / "a" / "index.html").read_bytes()
    assert noted["letters/a/index.html"] == Indexed("2021", hashlib.sha256(data).hexdigest())
    search_index.keep_for_index("letters/a/index.html", "<html><body>no longer indexed</body></html>")
    assert not search_index.take_kept()


def test_a_page_goes_into_the_part_of_the_year_it_sorts_by() -> None:
    def page(attributes: str, content: str = "text") -> str:
        marked = f"{START}<div data-pagefind-body{attributes}>{content}</div>{END}"
        part = indexed_part(f'<html lang="en"><body>{marked}</body></html>')
        assert part is not None
        return part

    assert part_of(page(' data-pagefind-sort="date:2025-05-14"')) == "2025"
    assert part_of(page(' data-pagefind-sort="date:0999-00-00"')) == "0999"
    assert part_of(page("")) == UNDATED
    # The page's own text cannot move it: only the marked element's date counts.
    assert part_of(page("", '<code>data-pagefind-sort="date:1999-01-01"</code>')) == UNDATED
    assert part_of(page(' data-pagefind-sort="title:Zed"')) == UNDATED


def test_years_are_grouped_oldest_first_into_few_parts() -> None:
    counts = {"2019": 40, "2020": 70, "2021": 30, "2022": 90, "2023": 10}
    assert group_years(counts, 100) == [["2019", "2020"], ["2021", "2022"], ["2023"]]
    # Pages added to the newest year leave the older runs as they were (their parts are copied).
    assert group_years(counts | {"2023": 95, "2024": 5}, 100)[:2] == [["2019", "2020"], ["2021", "2022"]]
    # At most four parts: the run doubles (100 -> 200 pages) rather than make more.
    assert group_years(dict.fromkeys(map(str, range(2000, 2010)), 50), 100) == [
        ["2000", "2001", "2002", "2003"],
        ["2004", "2005", "2006", "2007"],
        ["2008", "2009"],
    ]
    assert group_years({"2025": 3}, 5000) == [["2025"]]
    assert group_years({}, 5000) == [[]]

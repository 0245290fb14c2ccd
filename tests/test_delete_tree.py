"""Deleting the tool's own folders (the previous site, staging folders, a serve's previous
preview) with several threads: everything inside goes, nothing through a link."""

from __future__ import annotations

import os
from pathlib import Path

from civic_record.site_folder import delete_tree


def _outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    (outside / "kept-folder").mkdir(parents=True)
    (outside / "kept.txt").write_text("not the tool's")
    (outside / "kept-folder" / "kept.txt").write_text("not the tool's")
    return outside


def _untouched(outside: Path) -> bool:
    return sorted(p.relative_to(outside).as_posix() for p in outside.rglob("*")) == [
        "kept-folder",
        "kept-folder/kept.txt",
        "kept.txt",
    ]


def test_a_site_is_deleted_whole_and_links_in_it_are_not_followed(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    site = tmp_path / "site"
    for folder in ("letters", "people", "pagefind/fragment"):
        for number in range(30):
            (site / folder / f"page-{number}" / "deeper").mkdir(parents=True)
            (site / folder / f"page-{number}" / "index.html").write_text("<p>page</p>")
            (site / folder / f"page-{number}" / "deeper" / "more.html").write_text("<p>more</p>")
    (site / "index.html").write_text("home")
    (site / "linked-first").symlink_to(outside)  # a link at each level the threads look into
    (site / "letters" / "linked-second").symlink_to(outside)
    (site / "letters" / "page-1" / "linked-third").symlink_to(outside / "kept-folder")
    (site / "letters" / "page-2" / "kept.txt").symlink_to(outside / "kept.txt")
    delete_tree(site)
    assert not os.path.lexists(site)
    assert _untouched(outside)


def test_a_link_in_place_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    link = tmp_path / "old-site"
    link.symlink_to(outside, target_is_directory=True)
    delete_tree(link)
    assert _untouched(outside)
    delete_tree(tmp_path / "never-there")  # nothing to delete: nothing said

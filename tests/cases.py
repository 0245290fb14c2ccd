"""Fixture cases laid over a copy of the valid fictional corpus (bad-input and hostile cases).

A case folder holds ``records/`` (files to add or replace) and optionally ``remove.txt``
(corpus files to delete), ``grow.txt`` (``<path> <bytes>``: pad that file past the size),
``symlinks.txt`` (``<path> -> <target>``: create that link) and ``fifos.txt`` (``<path>``: create a
named pipe there, which cannot be committed; such a case is skipped where there are none).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS


def lines_of(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def apply_case(folder: Path, records: Path, files: bool = True) -> None:
    """Lay one case over ``records``; ``files=False`` applies only its links."""
    if files:
        for relative in lines_of(folder / "remove.txt"):
            (records / relative).unlink()
        if (folder / "records").is_dir():
            shutil.copytree(folder / "records", records, dirs_exist_ok=True)
        for line in lines_of(folder / "grow.txt"):
            relative, size = line.rsplit(" ", 1)
            target = records / relative
            with target.open("a", encoding="utf-8") as handle:
                while target.stat().st_size <= int(size):
                    handle.write("# padding " + "x" * 1000 + "\n")
                    handle.flush()
    for line in lines_of(folder / "symlinks.txt"):
        relative, link_target = (part.strip() for part in line.split("->"))
        (records / relative).parent.mkdir(parents=True, exist_ok=True)
        (records / relative).symlink_to(link_target)
    for relative in lines_of(folder / "fifos.txt"):
        (records / relative).parent.mkdir(parents=True, exist_ok=True)
        if not hasattr(os, "mkfifo"):
            pytest.skip("named pipes need os.mkfifo (not on Windows)")
        os.mkfifo(records / relative)


def corpus_with(tmp_path: Path, folders: list[Path]) -> Path:
    """A copy of the fixture corpus under ``tmp_path/records`` with the cases applied in order."""
    records = tmp_path / "records"
    shutil.copytree(CORPUS, records, symlinks=True)
    for folder in folders:
        apply_case(folder, records)
    return records

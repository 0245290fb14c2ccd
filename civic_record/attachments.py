"""Attachment files published with the site, confined to ``records/attachments/``."""

from __future__ import annotations

import os
from pathlib import Path


def attachment_files(records_dir: Path) -> list[str]:
    """Relative paths of the files under ``records/attachments/`` that stay inside it.

    A symbolic link pointing outside the folder is left out, so a record cannot publish
    an arbitrary file of the machine that builds the site.
    """
    root = (records_dir / "attachments").resolve()
    if not root.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            if path.resolve().is_relative_to(root) and path.resolve().is_file():
                found.append(path.relative_to(root).as_posix())
    return found

"""Attachment files published with the site, confined to ``records/attachments/``."""

from __future__ import annotations

from pathlib import Path

from .loading import published_attachments
from .problems import Problems


def attachment_files(records_dir: Path) -> list[str]:
    """Relative paths of the files under ``records/attachments/`` that may be published.

    Only regular files are listed, never a hidden one (a name, or a folder's name, starting
    with '.'), and never through a link that leads out of ``records/attachments/`` or to a
    hidden file, so a record cannot publish an arbitrary file of the machine that builds the
    site. What is left out is reported by ``check`` (``loading.attachment_paths``), not here.
    """
    return published_attachments(records_dir, Problems())

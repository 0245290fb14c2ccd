"""Files that records point to must exist, and stay inside ``records/attachments/``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ..corpus import Corpus
from ..models import HTTP_URL, DatedRecord, Meeting, Record
from ..problems import Problems
from ._report import error_at

ATTACHMENTS = "attachments"
_URL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def attachment_paths(record: Record) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(record, DatedRecord):
        for index, source in enumerate(record.sources):
            if source.attachment:
                yield ("sources", index, "attachment"), source.attachment
        for index, attachment in enumerate(record.attachments):
            yield ("attachments", index, "path"), attachment.path
    if isinstance(record, Meeting) and record.minutes and not HTTP_URL.match(record.minutes):
        yield ("minutes",), record.minutes


def resolve_attachment(records_dir: Path, relative: str) -> Path | None:
    """The file inside ``records/attachments/``, or None when the path would leave it."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or _URL.match(relative):
        return None
    root = (records_dir / ATTACHMENTS).resolve()
    target = (root / pure).resolve()
    return target if target.is_relative_to(root) else None


def check_attachments(corpus: Corpus, problems: Problems) -> None:
    for record in corpus.records.values():
        for path, relative in attachment_paths(record):
            target = resolve_attachment(corpus.records_dir, relative)
            if target is None:
                error_at(
                    corpus,
                    problems,
                    record.id,
                    path,
                    "attachment.outside-folder",
                    f"'{relative}' points outside records/attachments/",
                    "attachment paths are relative to records/attachments/, without '..' or a leading '/'",
                )
            elif not target.is_file():
                error_at(
                    corpus,
                    problems,
                    record.id,
                    path,
                    "attachment.missing",
                    f"there is no file records/attachments/{relative}",
                    "add the file there, or correct the path (it is relative to records/attachments/)",
                )

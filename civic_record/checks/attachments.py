"""Attachments: files records point to must exist inside ``records/attachments/``, and every
file published from there must be one a browser shows rather than runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ..attachments import attachment_files
from ..corpus import Corpus
from ..models import HTTP_URL, DatedRecord, Meeting, Record
from ..problems import Problems, display_path
from ._report import error_at

ATTACHMENTS = "attachments"
_URL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)

ACTIVE_SUFFIXES = frozenset(
    {
        # pages and documents a browser runs scripts in, from the site's own address
        ".htm",
        ".html",
        ".shtml",
        ".xht",
        ".xhtml",
        ".mht",
        ".mhtml",
        ".svg",
        ".svgz",
        ".xml",
        ".xsl",
        ".xslt",
        ".rdf",
        ".pdfxml",
        # scripts and programs
        ".js",
        ".mjs",
        ".cjs",
        ".wasm",
        ".swf",
        ".jar",
        ".php",
        ".css",
        ".appcache",
        ".webmanifest",
        # Markdown, which MkDocs would turn into a page of the site, raw HTML and all
        ".md",
        ".markdown",
    }
)
"""Suffixes (compared in lowercase) of files that cannot be published as attachments."""


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


def is_active(name: str) -> bool:
    """Whether a file of this name is one a browser would run rather than show."""
    # Every suffix counts, not only the last: some servers type "notes.html.en" as HTML.
    return any(f".{part}" in ACTIVE_SUFFIXES for part in name.lower().rstrip(". ").split(".")[1:])


def is_hidden(relative: str) -> bool:
    """Whether a path names a hidden file or passes through a hidden folder (never published)."""
    return any(part.startswith(".") and part not in {".", ".."} for part in relative.replace("\\", "/").split("/"))


def check_attachment_files(corpus: Corpus, problems: Problems) -> None:
    """Every file under ``records/attachments/`` is published: none may be active content."""
    for relative in attachment_files(corpus.records_dir):
        name = PurePosixPath(relative).name
        if not is_active(name):
            continue
        problems.error(
            display_path(corpus.records_dir / ATTACHMENTS / relative),
            1,
            1,
            "attachment.active-content",
            f"'{name}' cannot be published: a browser would run it as part of the site, or MkDocs make a page of it",
            "publish the document as a PDF or a plain-text (.txt) file instead",
        )


def check_attachments(corpus: Corpus, problems: Problems) -> None:
    check_attachment_files(corpus, problems)
    for record in corpus.records.values():
        for path, relative in attachment_paths(record):
            target = resolve_attachment(corpus.records_dir, relative)
            if is_hidden(relative):
                error_at(
                    corpus,
                    problems,
                    record.id,
                    path,
                    "attachment.hidden",
                    f"'{relative}' names a hidden file or folder, which is never published",
                    "rename the file (or folder) so that its name does not start with '.'",
                )
            elif target is None:
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

"""Attachments: files records point to must exist inside ``records/attachments/``, and every
file published from there must be one a browser shows rather than runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from mkdocs.utils import markdown_extensions

from ..corpus import Corpus
from ..loading import ATTACHMENTS
from ..models import HTTP_URL, DatedRecord, Meeting, Person, Record, Source
from ..problem_codes import Code
from ..problems import Problems, display_path
from ._report import error_at

_URL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)

_DOCUMENTS = ("pdf", "txt", "text", "csv", "tsv", "json", "rtf", "doc", "docx", "odt", "xls", "xlsx", "ods")
_MORE_DOCUMENTS = ("ppt", "pptx", "odp", "epub", "eml", "msg", "vtt", "srt")
_IMAGES = ("png", "jpg", "jpeg", "gif", "webp", "tif", "tiff", "bmp", "heic", "avif")
_SOUND_AND_VIDEO = ("mp3", "m4a", "wav", "ogg", "oga", "opus", "flac", "mp4", "m4v", "webm", "mov", "avi", "mkv")
PUBLISHED_SUFFIXES = frozenset(
    f".{suffix}" for group in (_DOCUMENTS, _MORE_DOCUMENTS, _IMAGES, _SOUND_AND_VIDEO, ("zip",)) for suffix in group
)
"""The kinds of file published as attachments (by their last suffix, in lowercase): documents,
data, images, sound, video and zip archives, which browsers show, play or download."""

_PAGES = (".htm", ".html", ".shtm", ".shtml", ".xht", ".xhtm", ".xhtml", ".mht", ".mhtml")
_XML = (".svg", ".svgz", ".xml", ".xsl", ".xslt", ".rdf")
_SCRIPTS = (".js", ".mjs", ".cjs", ".wasm", ".swf", ".jar", ".css", ".appcache", ".webmanifest")
_SERVER_SCRIPTS = (".php", ".php3", ".php4", ".php5", ".phtml", ".phar", ".asp", ".aspx", ".jsp", ".cgi", ".pl")
ACTIVE_SUFFIXES = frozenset(
    # pages and XML documents a browser runs scripts in, from the site's own address; scripts
    # and programs, in the browser or on a server that runs them by suffix; and Markdown,
    # which MkDocs would turn into a page of the site, raw HTML and all
    (*_PAGES, *_XML, *_SCRIPTS, *_SERVER_SCRIPTS, ".py", ".rb", ".sh", *markdown_extensions)
)
"""Suffixes (in lowercase) refused anywhere in an attachment's name: some servers type or run a
file by every suffix ("notes.html.pdf" as HTML, "x.php.pdf" as a script)."""


def attachment_paths(record: Record) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every path under ``records/attachments/`` a record names: its sources' (on every kind of
    record, and a role's source entry), its attachments and a meeting's minutes."""
    for index, source in enumerate(getattr(record, "sources", [])):
        if source.attachment:
            yield ("sources", index, "attachment"), source.attachment
    if isinstance(record, Person):
        for index, role in enumerate(record.roles):
            if isinstance(role.source, Source) and role.source.attachment:
                yield ("roles", index, "source", "attachment"), role.source.attachment
    if isinstance(record, DatedRecord):
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


def _suffixes(name: str) -> list[str]:
    """Every suffix of a file name, lowercase: ``Report.HTML.pdf`` -> ``[".html", ".pdf"]``."""
    return [f".{part}" for part in name.lower().rstrip(". ").split(".")[1:]]


def is_active(name: str) -> bool:
    """Whether a file of this name is one a browser (or MkDocs) would run rather than show."""
    return any(suffix in ACTIVE_SUFFIXES for suffix in _suffixes(name))


def is_published_type(name: str) -> bool:
    """Whether a file of this name is of a kind published as an attachment."""
    suffixes = _suffixes(name)
    return bool(suffixes) and suffixes[-1] in PUBLISHED_SUFFIXES and not is_active(name)


def is_hidden(relative: str) -> bool:
    """Whether a path names a hidden file or passes through a hidden folder (never published)."""
    return any(part.startswith(".") and part not in {".", ".."} for part in relative.replace("\\", "/").split("/"))


def check_attachment_files(corpus: Corpus, problems: Problems) -> None:
    """Every file under ``records/attachments/`` is published: each must be of a kind browsers
    show, play or download, and none may be active content."""
    for relative in corpus.attachments:
        name = PurePosixPath(relative).name
        shown = display_path(corpus.records_dir / ATTACHMENTS / relative)
        if is_active(name):
            problems.error(
                shown,
                1,
                1,
                Code.ATTACHMENT_ACTIVE_CONTENT,
                f"'{name}' cannot be published: a browser would run it as part of the site, "
                "or MkDocs make a page of it",
                "publish the document as a PDF or a plain-text (.txt) file instead",
            )
        elif not is_published_type(name):
            suffix = (_suffixes(name) or ["no suffix"])[-1]
            problems.error(
                shown,
                1,
                1,
                Code.ATTACHMENT_UNKNOWN_TYPE,
                f"'{name}' is not a kind of file this site publishes ({suffix})",
                f"publish it as one of: {', '.join(sorted(s.lstrip('.') for s in PUBLISHED_SUFFIXES))}",
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
                    Code.ATTACHMENT_HIDDEN,
                    f"'{relative}' names a hidden file or folder, which is never published",
                    "rename the file (or folder) so that its name does not start with '.'",
                )
            elif target is None:
                error_at(
                    corpus,
                    problems,
                    record.id,
                    path,
                    Code.ATTACHMENT_OUTSIDE_FOLDER,
                    f"'{relative}' points outside records/attachments/",
                    "attachment paths are relative to records/attachments/, without '..' or a leading '/'",
                )
            elif not target.is_file():
                error_at(
                    corpus,
                    problems,
                    record.id,
                    path,
                    Code.ATTACHMENT_MISSING,
                    f"there is no file records/attachments/{relative}",
                    "add the file there, or correct the path (it is relative to records/attachments/)",
                )

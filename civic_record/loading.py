"""From a records folder to typed records: files, front matter, YAML with positions, models."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .corpus import Corpus, RecordFile
from .models import ID_PATTERN, MODELS, Record
from .problems import Problems, display_path
from .schema_errors import report_validation_error
from .vocabulary import FOLDERS, RecordKind
from .yaml_reader import PositionMap, read_yaml

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Records larger than this are refused: a record is a page of text, not a data dump."""

RESERVED_IDS = {"index"}
"""Ids whose page would take the place of a generated page."""

RECORD_SUFFIXES = {".yml", ".yaml", ".md", ".markdown"}
_FENCE = re.compile(r"^---[ \t]*$")
_FENCE_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass
class _Raw:
    """A record file read from disk, before it becomes a model."""

    kind: RecordKind
    record_id: str
    path: Path
    display: str
    data: dict[str, object]
    positions: PositionMap
    text: str
    text_line: int


def record_paths(records_dir: Path, problems: Problems) -> list[tuple[RecordKind, Path]]:
    """Every record file under the known folders; anything else is reported."""
    found: list[tuple[RecordKind, Path]] = []
    for root, dirs, files in os.walk(records_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(root)
        relative = here.relative_to(records_dir)
        top = relative.parts[0] if relative.parts else ""
        if top == "attachments":
            dirs[:] = []
            continue
        for name in sorted(files):
            path = here / name
            if name.startswith("."):
                continue
            if not top:
                if name.lower().startswith("readme") or name == "site.yml":
                    continue  # notes for authors, and the folder's site settings (site_settings.py)
                problems.error(
                    display_path(path),
                    1,
                    1,
                    "file.unknown-folder",
                    "this file is not inside a record folder",
                    f"records go in one of: {', '.join(sorted(FOLDERS))}/; attachments in attachments/",
                )
                continue
            if top not in FOLDERS:
                problems.error(
                    display_path(path),
                    1,
                    1,
                    "file.unknown-folder",
                    f"'{top}/' is not a record folder",
                    f"records go in one of: {', '.join(sorted(FOLDERS))}/; attachments in attachments/",
                )
                continue
            if path.suffix.lower() not in RECORD_SUFFIXES:
                problems.error(
                    display_path(path),
                    1,
                    1,
                    "file.unknown-extension",
                    f"'{name}' is not a record file (.yml or .md)",
                    "put PDFs and other files under records/attachments/ and point to them from a record",
                )
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(records_dir.resolve()):
                problems.error(
                    display_path(path),
                    1,
                    1,
                    "file.outside-records",
                    "this file is a link to a file outside the records folder",
                    "copy the record into the records folder instead of linking to it",
                )
                continue
            found.append((FOLDERS[top], path))
    return found


def read_record_file(kind: RecordKind, path: Path, problems: Problems) -> _Raw | None:
    """Read, decode and parse one file; on any problem report it and return None."""
    shown = display_path(path)
    record_id = path.stem
    if record_id in RESERVED_IDS:
        problems.error(
            shown,
            1,
            1,
            "record.reserved-id",
            f"'{record_id}' cannot be a record id: the folder's index page has that address",
            f"rename the file, e.g. to '{record_id}-1{path.suffix}'",
        )
        return None
    if not ID_PATTERN.match(record_id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", record_id.lower()).strip("-") or "a-name"
        problems.error(
            shown,
            1,
            1,
            "record.invalid-id",
            f"the file name '{path.name}' is not a valid record id (lowercase letters, digits and hyphens)",
            f"rename it to '{suggestion}{path.suffix}'",
        )
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.error(
                shown,
                1,
                1,
                "file.too-large",
                f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB",
                "keep long texts (full PDFs) under records/attachments/ and link them",
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(shown, 1, 1, "file.unreadable", f"the file cannot be read: {exc.strerror}")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark some Windows editors write: harmless, dropped
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.error(
            shown,
            line,
            column,
            "file.encoding",
            "the file is not valid UTF-8 text",
            "save the file as UTF-8 (most editors offer it under 'Save as' or 'Encoding')",
        )
        return None
    if not content.strip():
        problems.error(
            shown, 1, 1, "file.empty", "the file is empty", "fill in the record's fields, or delete the file"
        )
        return None
    text, text_line, front_matter, offset = "", 0, content, 0
    if path.suffix.lower() in {".md", ".markdown"}:
        split = _split_front_matter(content)
        if isinstance(split, str):
            code = split
            message = (
                "the file does not start with a front-matter block ('---' on the first line)"
                if code == "file.front-matter-missing"
                else "the front-matter block is not closed by a '---' line"
            )
            problems.error(
                shown, 1, 1, code, message, "begin the file with '---', the record's fields, then '---', then the text"
            )
            return None
        front_matter, text, text_line = split
        offset = 1
    document = read_yaml(front_matter, line_offset=offset)
    for p in document.problems:
        problems.error(shown, p.line, p.column, p.code, p.message, p.hint)
    if document.problems:
        return None
    if not isinstance(document.value, dict):
        problems.error(
            shown,
            1 + offset,
            1,
            "file.not-a-mapping",
            "the record's fields must be 'name: value' lines (a YAML mapping)",
            'see the examples on the "Writing records" page',
        )
        return None
    return _Raw(kind, record_id, path, shown, document.value, document.positions, text, text_line)


def _split_front_matter(content: str) -> tuple[str, str, int] | str:
    lines = content.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return "file.front-matter-missing"
    for index in range(1, len(lines)):
        if _FENCE_END.match(lines[index].rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]).strip("\n"), index + 2
    return "file.front-matter-unclosed"


def _to_model(raw: _Raw, problems: Problems) -> Record | None:
    data = dict(raw.data)
    given = data.get("id")
    if given is not None and given != raw.record_id:
        pos = raw.positions.of_value(("id",))
        problems.error(
            raw.display,
            pos.line,
            pos.column,
            "record.id-mismatch",
            f"the id '{given}' differs from the file name '{raw.record_id}'",
            "a record's id is its file name; remove the 'id' line or rename the file",
        )
    data["id"] = raw.record_id
    try:
        return MODELS[raw.kind].model_validate(data)
    except ValidationError as exc:
        report_validation_error(exc, f"a {raw.kind.value} record", raw.display, raw.positions, problems)
        return None


def load_corpus(records_dir: Path) -> tuple[Corpus, Problems]:
    """Read every record; the corpus holds those that are valid, problems hold the rest."""
    problems = Problems()
    records: dict[str, Record] = {}
    files: dict[str, RecordFile] = {}
    if not records_dir.is_dir():
        problems.error(
            display_path(records_dir),
            1,
            1,
            "file.no-records-folder",
            "the records folder does not exist",
            "pass the folder with --records DIR",
        )
        return Corpus(records_dir, records, files), problems
    for kind, path in record_paths(records_dir, problems):
        raw = read_record_file(kind, path, problems)
        if raw is None:
            continue
        first = files.get(raw.record_id)
        if first is not None:
            problems.error(
                raw.display,
                1,
                1,
                "record.duplicate-id",
                f"the id '{raw.record_id}' is already used by {first.display}",
                "ids are unique across all folders; rename one of the files",
            )
            continue
        model = _to_model(raw, problems)
        files[raw.record_id] = RecordFile(raw.path, raw.display, raw.kind, raw.positions, raw.text, raw.text_line)
        if model is not None:
            records[raw.record_id] = model
    return Corpus(records_dir, records, files), problems

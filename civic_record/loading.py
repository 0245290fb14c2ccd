"""From a records folder to typed records: files, front matter, YAML with positions, models."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .checked_files import CheckedFiles, KeptPositions, positions_entry, problems_entry, problems_from
from .city_pages import PAGES, read_city_pages
from .corpus import Corpus, RecordFile
from .models import ID_PATTERN, MAX_ID_LENGTH, MODELS, Record, Vote
from .problem_codes import Code
from .problems import Problems, display_path
from .schema_errors import report_validation_error
from .site_settings import SETTINGS_FILE
from .vocabulary import FOLDERS, RecordKind
from .yaml_reader import PositionMap, read_yaml

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Records larger than this are refused: a record is a page of text, not a data dump."""

RESERVED_IDS = {"index"}
"""Ids whose page would take the place of a generated page."""

RECORD_SUFFIXES = {".yml", ".yaml", ".md", ".markdown"}
ATTACHMENTS = "attachments"
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


_SPECIAL_FILES = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def _not_regular(mode: int) -> str:
    return f"this is not a regular file: it is {_SPECIAL_FILES.get(stat.S_IFMT(mode), 'something else')}"


def _is_utf8(name: str) -> bool:
    """False for a name whose bytes are not UTF-8 (Python holds them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _entry_is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _entry_is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def decode_utf8(raw: bytes, shown: str, problems: Problems) -> str | None:
    """A file's text, without the byte-order mark some Windows editors write; None, with
    ``file.encoding`` at the first bad byte, when it is not UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.error(
            shown,
            line,
            column,
            Code.FILE_ENCODING,
            "the file is not valid UTF-8 text",
            "save the file as UTF-8 (most editors offer it under 'Save as' or 'Encoding')",
        )
        return None


def walk_files(
    folder: Path,
    problems: Problems,
    *,
    outside_hint: str,
    skip_at_top: Callable[[str, bool], bool] | None = None,
    folder_suffixes: Collection[str] = (),
    refuse_hidden_targets: bool = False,
) -> list[Path]:
    """Every regular file under ``folder`` (paths under ``folder`` as given), in a stable order.

    Nothing is left out silently, and nothing that is not a regular file is ever opened:

    - names starting with '.' are left out: they are the files of editors, version control
      and the operating system (``.git/``, ``.#draft.md``, ``._scan.pdf``), never content;
    - a link is followed when it leads inside ``folder`` (resolved), else reported at the link
      (``file.outside-records``); with ``refuse_hidden_targets``, a link to a hidden file or
      folder is reported too (``attachment.hidden``);
    - each folder is read once: a link to a folder read already (a loop, or a second name for
      it) is a warning (``file.repeated-folder``); folders reached without a link come first,
      so a folder's files keep the path they have, whatever links point to it;
    - a folder that cannot be listed, a link that leads nowhere, a name that is not UTF-8, a
      pipe, socket or device: ``file.unreadable`` or ``file.encoding``;
    - ``skip_at_top(name, is_folder)`` leaves out entries of ``folder`` itself;
      a folder whose name ends in one of ``folder_suffixes`` is reported (it looks like a file).
    """
    root = Path(os.path.realpath(folder))
    seen: dict[tuple[int, int], str] = {}
    found: list[Path] = []
    stack: list[Path] = [folder]
    links: deque[Path] = deque()
    while stack or links:
        # Folders reached without a link first, all of them; then the links, in the order found.
        current = stack.pop() if stack else links.popleft()
        shown = display_path(current)
        try:
            info = os.stat(current)
            key = (info.st_dev, info.st_ino)
            if key in seen:
                problems.warning(
                    shown,
                    1,
                    1,
                    Code.FILE_REPEATED_FOLDER,
                    f"this folder leads to {seen[key]}, which is read already",
                    "remove the link: a folder's files are read once, where they are",
                )
                continue
            seen[key] = shown
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            problems.error(
                shown,
                1,
                1,
                Code.FILE_UNREADABLE,
                f"the folder cannot be read: {exc.strerror}",
                "let the account that checks the records read the folder" if isinstance(exc, PermissionError) else None,
            )
            continue
        subfolders: list[Path] = []
        for entry in entries:
            name = entry.name
            path = current / name
            if name.startswith("."):
                continue
            if not _is_utf8(name):
                problems.error(
                    display_path(path),
                    1,
                    1,
                    Code.FILE_ENCODING,
                    "the name is not valid UTF-8 text",
                    "rename it, with plain letters, digits and hyphens",
                )
                continue
            if current is folder and skip_at_top is not None and skip_at_top(name, _entry_is_dir(entry)):
                continue
            is_link = _entry_is_link(entry)
            if is_link:
                target = Path(os.path.realpath(path))
                if not target.is_relative_to(root):
                    what = "folder" if os.path.isdir(path) else "file"
                    problems.error(
                        display_path(path),
                        1,
                        1,
                        Code.FILE_OUTSIDE_RECORDS,
                        f"this {what} is a link to a {what} outside {display_path(folder)}/",
                        outside_hint,
                    )
                    continue
                hidden = [part for part in target.relative_to(root).parts if part.startswith(".")]
                if refuse_hidden_targets and hidden:
                    problems.error(
                        display_path(path),
                        1,
                        1,
                        Code.ATTACHMENT_HIDDEN,
                        f"this is a link to a hidden file or folder ('{hidden[0]}'), which is never published",
                        "link to a file whose name (and whose folders' names) do not start with '.'",
                    )
                    continue
            try:
                info = os.stat(path)
            except OSError as exc:
                problems.error(
                    display_path(path),
                    1,
                    1,
                    Code.FILE_UNREADABLE,
                    f"the file cannot be read: {exc.strerror}",
                    "a link that leads nowhere: correct it or remove it" if is_link else None,
                )
                continue
            if stat.S_ISDIR(info.st_mode):
                if Path(name).suffix.lower() in folder_suffixes:
                    problems.error(
                        display_path(path),
                        1,
                        1,
                        Code.FILE_UNREADABLE,
                        "this is a folder, not a record file",
                        "a record is one file: rename the folder so its name does not end like a file's",
                    )
                (links if is_link else subfolders).append(path)
            elif stat.S_ISREG(info.st_mode):
                found.append(path)
            else:
                problems.error(
                    display_path(path),
                    1,
                    1,
                    Code.FILE_UNREADABLE,
                    _not_regular(info.st_mode),
                    "remove it: only regular files are read or published",
                )
        stack.extend(reversed(subfolders))
    return found


def _skip_at_top(name: str, is_folder: bool) -> bool:
    """Left out of the records: attachments (walked apart), and notes for authors."""
    return name == ATTACHMENTS if is_folder else name.lower().startswith("readme")


def record_paths(
    records_dir: Path, problems: Problems, pages: list[Path] | None = None
) -> list[tuple[RecordKind, Path]]:
    """Every record file under the known folders; files of ``pages/`` go to ``pages``; anything
    else is reported."""
    found: list[tuple[RecordKind, Path]] = []
    folders_hint = (
        f"records go in one of: {', '.join(sorted(FOLDERS))}/; attachments in attachments/; "
        f"the site's own pages in {PAGES}/"
    )
    for path in walk_files(
        records_dir,
        problems,
        outside_hint="copy the record into the records folder instead of linking to it",
        skip_at_top=_skip_at_top,
        folder_suffixes=RECORD_SUFFIXES,
    ):
        parts = path.relative_to(records_dir).parts
        if len(parts) == 1:
            if parts[0] == SETTINGS_FILE:
                continue  # the folder's site settings (site_settings.py)
            problems.error(
                display_path(path),
                1,
                1,
                Code.FILE_UNKNOWN_FOLDER,
                "this file is not inside a record folder",
                folders_hint,
            )
            continue
        top = parts[0]
        if top == PAGES:
            if pages is not None:
                pages.append(path)
            continue
        if top not in FOLDERS:
            problems.error(
                display_path(path), 1, 1, Code.FILE_UNKNOWN_FOLDER, f"'{top}/' is not a record folder", folders_hint
            )
            continue
        if path.suffix.lower() not in RECORD_SUFFIXES:
            problems.error(
                display_path(path),
                1,
                1,
                Code.FILE_UNKNOWN_EXTENSION,
                f"'{path.name}' is not a record file (.yml or .md)",
                "put PDFs and other files under records/attachments/ and point to them from a record",
            )
            continue
        found.append((FOLDERS[top], path))
    return found


def attachment_paths(records_dir: Path, problems: Problems) -> list[Path]:
    """Every file under ``records/attachments/`` that may be published; anything else is reported.

    The same walk as for records, confined to ``records/attachments/``: a link leading out of
    it, or to a hidden file, is reported and left out, so a record cannot publish an arbitrary
    file of the machine that builds the site; hidden files are never published.
    """
    folder = records_dir / ATTACHMENTS
    if not folder.is_dir():
        return []  # no attachments; a file of that name is reported with the records
    if not Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(records_dir)):
        problems.error(
            display_path(folder),
            1,
            1,
            Code.FILE_OUTSIDE_RECORDS,
            "this folder is a link to a folder outside the records folder",
            "move the attachments into records/attachments/ instead of linking to them",
        )
        return []
    return walk_files(
        folder,
        problems,
        outside_hint="copy the file into records/attachments/ instead of linking to it",
        refuse_hidden_targets=True,
    )


def published_attachments(records_dir: Path, problems: Problems) -> list[str]:
    """:func:`attachment_paths` as paths relative to ``records/attachments/``, as published."""
    folder = records_dir / ATTACHMENTS
    return [path.relative_to(folder).as_posix() for path in attachment_paths(records_dir, problems)]


def read_record_file(kind: RecordKind, path: Path, problems: Problems, data: bytes | None = None) -> _Raw | None:
    """Read, decode and parse one file; on any problem report it and return None. ``data``:
    the file's bytes, read already."""
    shown = display_path(path)
    record_id = path.stem
    if record_id in RESERVED_IDS:
        problems.error(
            shown,
            1,
            1,
            Code.RECORD_RESERVED_ID,
            f"'{record_id}' cannot be a record id: the folder's index page has that address",
            f"rename the file, e.g. to '{record_id}-1{path.suffix}'",
        )
        return None
    if not ID_PATTERN.match(record_id):
        problems.error(
            shown,
            1,
            1,
            Code.RECORD_INVALID_ID,
            f"the file name '{path.name}' is not a valid record id (lowercase letters, digits and hyphens)",
            f"rename it to '{_suggested_id(record_id)}{path.suffix}'",
        )
    if len(record_id) > MAX_ID_LENGTH:
        problems.error(
            shown,
            1,
            1,
            Code.RECORD_ID_TOO_LONG,
            f"the record id (the file name without '{path.suffix}') is {len(record_id)} characters long; "
            f"the longest allowed is {MAX_ID_LENGTH}",
            f"give the file a shorter name, e.g. '{_suggested_id(record_id)}{path.suffix}'",
        )
    try:
        raw = data if data is not None else read_regular_file(path, MAX_FILE_BYTES)
    except _NotRegularFile as exc:
        problems.error(shown, 1, 1, Code.FILE_UNREADABLE, str(exc), "remove it: only regular files are read")
        return None
    except _TooLarge:
        problems.error(
            shown,
            1,
            1,
            Code.FILE_TOO_LARGE,
            f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB",
            "keep long texts (full PDFs) under records/attachments/ and link them",
        )
        return None
    except OSError as exc:
        problems.error(shown, 1, 1, Code.FILE_UNREADABLE, f"the file cannot be read: {exc.strerror or exc}")
        return None
    content = decode_utf8(raw, shown, problems)
    if content is None:
        return None
    if not content.strip():
        problems.error(
            shown, 1, 1, Code.FILE_EMPTY, "the file is empty", "fill in the record's fields, or delete the file"
        )
        return None
    text, text_line, front_matter, offset = "", 0, content, 0
    if path.suffix.lower() in {".md", ".markdown"}:
        split = split_front_matter(content)
        if isinstance(split, Code):
            code = split
            message = (
                "the file does not start with a front-matter block ('---' on the first line)"
                if code is Code.FILE_FRONT_MATTER_MISSING
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
            Code.FILE_NOT_A_MAPPING,
            "the record's fields must be 'name: value' lines (a YAML mapping)",
            'see the examples on the "Writing records" page',
        )
        return None
    return _Raw(kind, record_id, path, shown, document.value, document.positions, text, text_line)


def _suggested_id(record_id: str) -> str:
    """A valid id close to ``record_id``, at most ``MAX_ID_LENGTH`` long."""
    suggestion = re.sub(r"[^a-z0-9]+", "-", record_id.lower()).strip("-") or "a-name"
    if len(suggestion) > MAX_ID_LENGTH:
        cut = suggestion[:MAX_ID_LENGTH]
        if suggestion[MAX_ID_LENGTH] != "-" and "-" in cut:
            cut = cut.rsplit("-", 1)[0]  # end at a hyphen: no word cut in half
        suggestion = cut.strip("-")
    return suggestion


class UnreadableFile(Exception):
    """A file the tool will not read: not a regular file, or larger than its limit."""


class _NotRegularFile(UnreadableFile):
    """The path is a pipe, socket or device (swapped in since the folder was listed)."""


class _TooLarge(UnreadableFile):
    """The file holds more than the limit."""


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a named pipe must not wait for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; a pipe or device is never read.

    The walk has checked the file's type already; this checks the file actually opened, since
    the name may have been given to a pipe in between. Opening does not block (``O_NONBLOCK``).
    """
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegularFile(_not_regular(info.st_mode))
        if info.st_size > limit:
            raise _TooLarge
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(descriptor, min(1024 * 1024, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # the file grew since it was measured
                raise _TooLarge
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def split_front_matter(content: str) -> tuple[str, str, int] | Code:
    """The front matter, the text after it and the line the text starts on; or, when the file
    has no front matter or it is not closed, the code of that problem."""
    lines = content.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return Code.FILE_FRONT_MATTER_MISSING
    for index in range(1, len(lines)):
        if _FENCE_END.match(lines[index].rstrip("\r\n")):
            body = "".join(lines[index + 1 :])
            stripped = body.lstrip("\n")
            # The text starts on the line after the fence, plus any blank lines left out.
            return "".join(lines[1:index]), stripped.rstrip("\n"), index + 2 + (len(body) - len(stripped))
    return Code.FILE_FRONT_MATTER_UNCLOSED


INCOMPLETE_CODES = frozenset({Code.SCHEMA_EMPTY_FIELD, Code.SCHEMA_MISSING_FIELD, Code.RECORD_NO_SOURCES})
"""The problems of a record still being written: a required field missing or left empty."""


def _to_model(raw: _Raw, problems: Problems, draft: bool = False) -> Record | None:
    data = dict(raw.data)
    given = data.get("id")
    if given is not None and given != raw.record_id:
        pos = raw.positions.of_value(("id",))
        problems.error(
            raw.display,
            pos.line,
            pos.column,
            Code.RECORD_ID_MISMATCH,
            f"the id '{given}' differs from the file name '{raw.record_id}'",
            "a record's id is its file name; remove the 'id' line or rename the file",
        )
    data["id"] = raw.record_id
    try:
        model = MODELS[raw.kind].model_validate(data)
    except ValidationError as exc:
        found = Problems()
        report_validation_error(exc, f"a {raw.kind.value} record", raw.display, raw.positions, found)
        if draft and found.items and all(p.code in INCOMPLETE_CODES for p in found.items):
            names = sorted(
                dict.fromkeys(str(item["loc"][0]) for item in exc.errors() if item["loc"]),
                key=lambda name: (raw.positions.of_key((name,)).line, name) if name in raw.data else (1 << 30, name),
            )
            first = found.sorted()[0]
            _report_incomplete(raw, names, first.line, first.column, problems)
        else:
            problems.extend(found)
        return None
    if draft and isinstance(model, Vote) and not model.roll_call and not model.counts:
        # `new vote` leaves `roll_call:` empty until the names or the tally are in.
        pos = raw.positions.of_key(("roll_call",)) if "roll_call" in raw.data else raw.positions.of_value(())
        _report_incomplete(raw, ["roll_call' or 'counts"], pos.line, pos.column, problems)
        return None
    return model


def _report_incomplete(raw: _Raw, names: list[str], line: int, column: int, problems: Problems) -> None:
    """In a draft, a record whose only problems are required fields still to fill: one warning."""
    listed = ", ".join(f"'{name}'" for name in names)
    problems.warning(
        raw.display,
        line,
        column,
        Code.RECORD_INCOMPLETE,
        f"this {raw.kind.value} is not complete ({listed} still to fill); the draft site leaves it out",
        "fill the fields; 'check' without --draft says what each one needs",
    )


_PARSED: dict[tuple[RecordKind, str, bool], tuple[bytes, _Raw | None, Problems, Record | None, Problems]] = {}
"""With ``reuse``: each record file read, by kind, path and draft: the digest of its bytes,
what reading them gave and the problems that had, the model and the problems validating had."""


def forget_parsed() -> None:
    """Let go of the record files read so far (``load_corpus(reuse=True)`` keeps them)."""
    _PARSED.clear()


Reader = Callable[[RecordKind, Path], tuple[_Raw | None, Callable[[], Record | None]]]


def _reading(problems: Problems, draft: bool, reuse: bool, cache: CheckedFiles | None = None) -> Reader:
    """How ``load_corpus`` reads one record file: its raw form (the problems reading it had
    added to ``problems``) and how to validate it (its problems added the same way). With
    ``reuse``, a file whose bytes are those read before for the same path is not parsed and
    validated again; with ``cache``, one whose bytes are those the cache holds for its kind and
    shown path is not parsed again (``checked_files``)."""

    def read_once(kind: RecordKind, path: Path) -> tuple[_Raw | None, Callable[[], Record | None]]:
        raw = read_record_file(kind, path, problems)
        return raw, lambda: _to_model(raw, problems, draft) if raw is not None else None

    if not reuse:
        forget_parsed()
        if cache is None:
            return read_once

    def read(kind: RecordKind, path: Path) -> tuple[_Raw | None, Callable[[], Record | None]]:
        key = (kind, str(path), draft)
        try:
            data = read_regular_file(path, MAX_FILE_BYTES)
        except (OSError, _NotRegularFile, _TooLarge):
            _PARSED.pop(key, None)
            return read_once(kind, path)  # which says why
        digest = hashlib.sha256(data).digest()
        kept = _PARSED.get(key) if reuse else None
        if kept is None or kept[0] != digest:
            read_problems, model_problems = Problems(), Problems()
            raw = _parsed(kind, path, data, digest, read_problems, cache)
            model = _to_model(raw, model_problems, draft) if raw is not None else None
            kept = (digest, raw, read_problems, model, model_problems)
            if reuse:
                _PARSED[key] = kept
        elif cache is not None:  # read before in this process: the cache keeps it too
            shown = display_path(path)
            cache.used_file(kind.value, str(path), shown, digest.hex(), _entry(kept[1], kept[2]), reused=True)
        problems.extend(kept[2])
        validated_problems, validated_model = kept[4], kept[3]

        def validated() -> Record | None:
            problems.extend(validated_problems)
            return validated_model

        return kept[1], validated

    return read


def _parsed(
    kind: RecordKind, path: Path, data: bytes, digest: bytes, found: Problems, cache: CheckedFiles | None
) -> _Raw | None:
    """``read_record_file`` of ``data``, or what the cache kept of reading the same bytes."""
    if cache is None:
        return read_record_file(kind, path, found, data)
    shown, hexdigest = display_path(path), digest.hex()
    entry = cache.file(kind.value, str(path), shown, hexdigest)
    if entry is not None:
        try:
            kept_problems = problems_from(entry["problems"])
            raw = _raw_from(entry["raw"], kind, path, shown)
        except (KeyError, TypeError, ValueError):
            pass  # not what this code keeps: read the file
        else:
            found.extend(kept_problems)
            cache.used_file(kind.value, str(path), shown, hexdigest, entry, reused=True)
            return raw
    own = Problems()
    raw = read_record_file(kind, path, own, data)
    found.extend(own)
    cache.used_file(kind.value, str(path), shown, hexdigest, _entry(raw, own), reused=False)
    return raw


def _entry(raw: _Raw | None, found: Problems) -> object:
    """What reading a file gave, as the cache keeps it."""
    return {"problems": problems_entry(found), "raw": _raw_entry(raw)}


def _raw_entry(raw: _Raw | None) -> object:
    if raw is None:
        return None
    return {
        "data": raw.data,
        "positions": positions_entry(raw.positions),
        "text": raw.text,
        "text_line": raw.text_line,
    }


def _raw_from(entry: object, kind: RecordKind, path: Path, shown: str) -> _Raw | None:
    """The raw record kept by ``_raw_entry``; raises ``ValueError`` for anything else."""
    if entry is None:
        return None
    if not isinstance(entry, dict):
        raise ValueError("not a record")
    data, positions, text, text_line = entry["data"], entry["positions"], entry["text"], entry["text_line"]
    if not (isinstance(data, dict) and isinstance(positions, str) and isinstance(text, str) and type(text_line) is int):
        raise ValueError("not a record")
    return _Raw(kind, path.stem, path, shown, data, KeptPositions(positions), text, text_line)


def load_corpus(
    records_dir: Path, draft: bool = False, reuse: bool = False, cache: CheckedFiles | None = None
) -> tuple[Corpus, Problems]:
    """Read every record; the corpus holds those that are valid, problems hold the rest.

    ``draft``: a record whose only problems are required fields missing or left empty is one
    warning (``record.incomplete``), not an error per field; it stays out of the corpus either way.
    ``reuse``: a record file whose bytes are those of the last time it was read is not parsed
    and validated again (a ``serve``'s rebuilds).
    ``cache``: a record file whose kind, path and bytes are those the cache kept is not parsed
    again (``checked_files``); the cache keeps what this reading found.
    """
    problems = Problems()
    records: dict[str, Record] = {}
    files: dict[str, RecordFile] = {}
    if not records_dir.is_dir():
        exists = os.path.lexists(records_dir)
        problems.error(
            display_path(records_dir),
            1,
            1,
            Code.FILE_NO_RECORDS_FOLDER,
            "the records folder is not a folder" if exists else "the records folder does not exist",
            "pass the folder with --records DIR",
        )
        return Corpus(records_dir, records, files), problems
    attachments = published_attachments(records_dir, problems)
    page_paths: list[Path] = []
    read = _reading(problems, draft, reuse, cache)
    walked: set[tuple[RecordKind, str, bool]] = set()
    for kind, path in record_paths(records_dir, problems, page_paths):
        walked.add((kind, str(path), draft))
        raw, validate = read(kind, path)
        if raw is None:
            continue
        first = files.get(raw.record_id)
        if first is not None:
            problems.error(
                raw.display,
                1,
                1,
                Code.RECORD_DUPLICATE_ID,
                f"the id '{raw.record_id}' is already used by {first.display}",
                "ids are unique across all folders; rename one of the files",
            )
            continue
        model = validate()
        files[raw.record_id] = RecordFile(raw.path, raw.display, raw.kind, raw.positions, raw.text, raw.text_line)
        if model is not None:
            records[raw.record_id] = model
    if reuse:  # a file deleted, renamed or moved since: what was read of it goes
        for key in [key for key in _PARSED if key not in walked]:
            del _PARSED[key]
    city_pages = read_city_pages(records_dir, page_paths, problems)
    corpus = Corpus(records_dir, records, files, attachments=attachments, pages=city_pages, draft=draft)
    return corpus, problems

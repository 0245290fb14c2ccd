"""What ``check`` found in each record file, kept between commands: unchanged files are not
parsed, and unchanged texts not rendered, again.

``check``, ``build`` and ``serve`` read every record file and render every record's text each
time they run: 10 to 13 seconds of a 10,000-record corpus on two cores, whatever changed. The
results are pure functions of what they are made from: a file's parse (its fields, where each
stands in the file, its text and the problems reading it had) of its kind, its path as shown
and its bytes; a text's HTML (or its problems) of the text alone. So each command keeps them,
one file per records folder, in the user's cache folder, and the next command takes from it
what is still valid: a file whose path, kind, shown path and bytes (by digest) are the same,
a text whose digest is the same (a text that failed to render is not kept: that may have been
the machine's state, such as its memory, at the time). Models are validated again from the
kept fields, every cross-record rule runs again, and the report is the same as without the
cache (tested).

The whole cache is set aside when any of the code that makes it changed: this package's
Python files, the installed libraries' versions, or Python's. A cache that cannot be read,
written, or parsed (or holds anything else than this module writes) is as good as none: the
command reads the records instead, and says nothing. It is never run as code: plain JSON,
whose fields are validated again as a record's are.

Where: ``CIVIC_RECORD_CACHE`` (a folder; ``off`` for no cache), else
``$XDG_CACHE_HOME/civic-record``, else ``~/.cache/civic-record``. A folder inside the records
folder is not used: nothing but a command that is asked to writes into the records.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from .problem_codes import CODES, Severity
from .problems import Problems
from .yaml_reader import Position, PositionMap

CACHE_ENV = "CIVIC_RECORD_CACHE"
"""A folder for the cache, or ``off``."""
OFF = "off"
FORMAT = 1
PACK_LIMIT = 8 * 2**30
"""A cache file larger than this (8 GiB) is not read."""

Entry = Any
"""One file's or one text's result, as JSON: made and read by ``loading`` and ``checks.record_text``."""


def digest(data: bytes | str) -> str:
    """The SHA-256 of ``data`` (text as UTF-8), in hexadecimal."""
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    return hashlib.sha256(data).hexdigest()


def cache_folder() -> Path | None:
    """Where the cache lives, or None when it is switched off or there is no home folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip() in ("", OFF) else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "")
    if base and os.path.isabs(base):
        return Path(base) / "civic-record"
    try:
        return Path.home() / ".cache" / "civic-record"
    except RuntimeError:  # no home folder known
        return None


def code_version() -> str:
    """This package's Python files by content, the installed libraries' versions, Python's."""
    package = Path(__file__).parent
    sources = []
    for path in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            sources.append([path.relative_to(package).as_posix(), digest(path.read_bytes())])
    libraries = sorted([str(dist.metadata["Name"] or ""), dist.version] for dist in importlib.metadata.distributions())
    return digest(json.dumps([FORMAT, sys.version, sources, libraries], sort_keys=True))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


class CheckedFiles:
    """The results kept for one records folder: loaded at the start of a command, saved at its end
    with the results this command used or made (so a file deleted is dropped from the cache)."""

    def __init__(self, pack: Path | None, code: str) -> None:
        self.pack = pack
        self.code = code
        self._files: dict[str, list[Any]] = {}
        self._texts: dict[str, Entry] = {}
        self._used_files: dict[str, list[Any]] = {}
        self._used_texts: dict[str, Entry] = {}
        self.reused_files = 0
        self.reused_texts = 0

    @classmethod
    def for_records(cls, records_dir: Path, read: bool = True) -> CheckedFiles | None:
        """The cache of ``records_dir``, loaded unless ``read`` is false (a command that must not
        trust it, such as ``build --full``, still leaves one for the next); None without a cache."""
        folder = cache_folder()
        if folder is None or _inside(folder, records_dir):
            return None
        try:
            name = digest(str(records_dir.resolve()))[:32]
        except (OSError, RuntimeError):
            return None
        cache = cls(folder / f"checked-{name}.json", code_version())
        if read:
            cache._load()
        return cache

    def _load(self) -> None:
        assert self.pack is not None
        try:
            descriptor = os.open(self.pack, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode) or status.st_size > PACK_LIMIT:
                return
            with os.fdopen(descriptor, "rb", closefd=False) as handle:
                kept = json.loads(handle.read())
        except (OSError, ValueError, RecursionError, MemoryError):
            return
        finally:
            os.close(descriptor)
        if not (isinstance(kept, dict) and kept.get("format") == FORMAT and kept.get("code") == self.code):
            return
        files, texts = kept.get("files"), kept.get("texts")
        if isinstance(files, dict) and isinstance(texts, dict):
            self._files = {
                path: entry
                for path, entry in files.items()
                if isinstance(entry, list) and len(entry) == 4 and all(isinstance(x, str) for x in entry[:3])
            }
            self._texts = texts

    # --- record files -----------------------------------------------------------------------

    def file(self, kind: str, path: str, shown: str, data_digest: str) -> Entry | None:
        """What reading the file at ``path`` gave, if its kind, its path as shown (which the
        problems quote, and which depends on the working folder) and its bytes are those kept.
        By path: two names can be shown alike (a control character and its escape)."""
        kept = self._files.get(path)
        if kept is None or kept[0] != kind or kept[1] != data_digest or kept[2] != shown:
            return None
        return kept[3]

    def used_file(self, kind: str, path: str, shown: str, data_digest: str, entry: Entry, reused: bool) -> None:
        """Keep what reading the file gave (``reused``: it came from this cache)."""
        self._used_files[path] = [kind, data_digest, shown, entry]
        self.reused_files += reused

    # --- record texts -----------------------------------------------------------------------

    def text(self, text_digest: str) -> Entry | None:
        return self._texts.get(text_digest)

    def used_text(self, text_digest: str, entry: Entry, reused: bool) -> None:
        if text_digest not in self._used_texts:  # a text two records share counts once
            self.reused_texts += reused
        self._used_texts[text_digest] = entry

    # --- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        """Write what this command used, if it differs from what was loaded. Quietly does
        nothing when the folder cannot be made or written."""
        if self.pack is None or (self._used_files == self._files and self._used_texts == self._texts):
            return
        content = {"format": FORMAT, "code": self.code, "files": self._used_files, "texts": self._used_texts}
        try:
            data = _encoded(content)
        except (ValueError, TypeError, RecursionError):
            # A value JSON cannot hold (an integer of thousands of digits, which YAML reads):
            # that file is left out, and read again each time; the others are kept.
            content["files"] = {path: kept for path, kept in self._used_files.items() if _encodable(kept)}
            try:
                data = _encoded(content)
            except (ValueError, TypeError, RecursionError):
                return
        folder = self.pack.parent
        temporary = None
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".checked-", suffix=".tmp", delete=False) as handle:
                temporary = handle.name
                handle.write(data)
            os.replace(temporary, self.pack)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def _encoded(content: Any) -> bytes:
    # ASCII: a file name's undecodable bytes (lone surrogates) come back as they were
    return json.dumps(content, separators=(",", ":")).encode("ascii")


def _encodable(value: Any) -> bool:
    try:
        _encoded(value)
    except (ValueError, TypeError, RecursionError):
        return False
    return True


# --- what reading a file gave, as JSON ---------------------------------------------------------


def problems_entry(found: Problems) -> list[list[Any]]:
    return [[p.severity.value, p.path, p.line, p.column, p.code, p.message, p.hint] for p in found.items]


def problems_from(entry: Any) -> Problems:
    """The problems kept; raises ``ValueError`` for anything but what ``problems_entry`` makes."""
    found = Problems()
    if not isinstance(entry, list):
        raise ValueError("not a list of problems")
    for item in entry:
        severity, shown, line, column, code, message, hint = item
        if not (
            isinstance(shown, str)
            and _is_int(line)
            and _is_int(column)
            and isinstance(message, str)
            and (hint is None or isinstance(hint, str))
        ):
            raise ValueError("not a problem")
        found.add(Severity(severity), shown, line, column, CODES[code], message, hint)
    return found


def positions_entry(positions: PositionMap) -> str:
    """Where each value and key stands, as one string: decoded only when a problem is reported."""
    kept = [
        [[list(path), where.line, where.column] for path, where in found.items()]
        for found in (positions.values, positions.keys)
    ]
    return json.dumps(kept, separators=(",", ":"))


class KeptPositions(PositionMap):
    """A record's positions as the cache kept them, decoded the first time they are asked for
    (most records never have a problem to place). Kept positions that do not decode, which this
    module never writes, place every problem at line 1, column 1."""

    def __init__(self, entry: str) -> None:  # not the dataclass's: the fields are decoded later
        self._entry: str | None = entry
        self._decoded = PositionMap()

    def _made(self) -> PositionMap:
        if self._entry is not None:
            entry, self._entry = self._entry, None
            with contextlib.suppress(ValueError, TypeError, RecursionError):
                self._decoded = _decoded_positions(json.loads(entry))
        return self._decoded

    @property
    def values(self) -> dict[tuple[str | int, ...], Position]:  # type: ignore[override]
        return self._made().values

    @property
    def keys(self) -> dict[tuple[str | int, ...], Position]:  # type: ignore[override]
        return self._made().keys


def _decoded_positions(entry: Any) -> PositionMap:
    values, keys = entry
    made = PositionMap()
    for kept, target in ((values, made.values), (keys, made.keys)):
        for path, line, column in kept:
            if not (
                isinstance(path, list)
                and all(isinstance(step, str) or _is_int(step) for step in path)
                and _is_int(line)
                and _is_int(column)
            ):
                raise ValueError("not a position")
            target[tuple(path)] = Position(line, column)
    return made


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)

"""``build_site.py fmt [--check] [paths]``: record files rewritten in one canonical form.

The canonical form
==================

What ``fmt`` writes, and what ``build_site.py new`` writes from the start:

1. **Which files.** Every record file (``.yml``, ``.yaml``, ``.md``, ``.markdown``) in the record
   folders (``bodies/``, ``people/`` ... ``documents/``, subfolders included), and ``site.yml``.
   ``pages/``, ``attachments/`` and every other file are left alone.
2. **Key order.** Keys come in the order of the table ``KEY_ORDER`` below: one order per kind,
   one for ``site.yml``, and one for each nested mapping (a source, a link, an attachment, a
   role, a status change, an agenda item, ``matter``, ``amount``, ``term``,
   ``public_comment`` and an approximate count). Dated records: ``title, date, time``, the
   kind's own fields, then ``technologies, bodies, meets, summary, identifiers, sources,
   confidence, caveats, attachments, tags, extra``. A key the table does not know (a typo,
   which ``check`` reports) comes after the known ones, in the order written. The keys of
   ``identifiers``, ``extra`` (all the way down), ``roll_call``, ``counts``, ``raw_values``,
   and of ``identifier_links`` and ``requirements`` in ``site.yml``, keep the order written:
   pages and data files show some of them in that order. Items of a list never move.
3. **Layout.** Two spaces of indentation; a list's items indented under their key
   (``sources:``, then ``  - url: ...`` and ``    title: ...``). Block style everywhere but
   for two things, written on one line when that line fits in 100 columns: a vote's
   ``counts`` (``counts: {yes: 14, no: 0}``) and each option's list of a roll call
   (``yes: [ana-example, ben-example]``). An empty list is ``[]``, an empty mapping ``{}``.
   A key is written plain (``yes:``, ``no:``) unless YAML's syntax needs quotes.
4. **Text.** A string is plain when civic-record's YAML 1.2 reader and a YAML 1.1 reader
   (PyYAML's, most tools') both read it back as the same string. So ``"240952"``, ``"1"``,
   ``"1.10"``, ``"true"``, ``"yes"``, ``"no"``, ``"on"``, ``"y"``, ``"null"``, ``"~"``, a
   time (``"18:00"``, and ``"09:00"`` too, though YAML 1.1 would read it as text),
   text holding ``: `` or `` #`` or ending with ``:``, text starting with a space,
   ``...`` or one of ``- ? : , [ ] { } # & * ! | > ' " % @ ` ~ = <``, text ending with a
   space, and text holding a tab or a character written as an escape, are double-quoted; any
   other text is plain. A day (``2025-05-14``) and a month
   (``2025-05``) are plain; a year is kept as written: ``2025`` (a number) plain, ``"2025"``
   (text) quoted. Inside double quotes only ``"``, ``\\``, tabs, control characters, line
   separators, the byte-order mark and the bidirectional embedding and override characters
   are escaped (the last so that they show).
5. **Long text.** A summary and each caveat are folded paragraphs (``>-``) wrapped at 80
   columns. Any other text whose ``key: value`` line would pass 100 columns is folded the same
   way when it breaks into several lines, except a web address, an attachment's path and an
   ``identifier_links`` address. Lines break only at a single space between two words, never
   inside a word; text with a tab, a control character, leading or trailing spaces is never
   folded (it stays on its line).
6. **Text over several lines.** Text holding line breaks is a literal block, ``|-``, ``|`` or
   ``|+`` by how many line breaks end it; one line ending with a line break is folded with
   ``>`` (``>-`` keeps none). Text a block cannot hold (a tab, a control character, a line
   ending in spaces, a first line starting with a space) is double-quoted on one line.
7. **Numbers, true/false, nothing.** A decimal whole number and a decimal number are kept as
   written (``007``, ``1.50``), other spellings of a number become decimal (``0x1F`` is ``31``);
   ``true``/``false`` are lower case; an empty value is written as nothing (``end:``, ``-``).
   Tags and anchors that change no value (``!!str``) are dropped, with document markers
   (``---``, ``...``) and directives in ``.yml`` files.
8. **Comments.** Every comment is kept, written as it was from its ``#``. A comment on a line
   of its own belongs to the key (or list item) that comes after it: it moves with that key
   when keys are reordered, indented like it (a comment before a list item's first key goes
   above the item's ``-``). A comment at the end of a line stays at the end of its key's line,
   two spaces after the value (for ``>-`` and ``|`` text, on that first line); one after a
   ``-`` or ``---`` alone goes on a line of its own above. Comments after the last key stay at
   the end. At the top of a file, a ``# yaml-language-server: $schema=...`` line and the
   comments up to the last one followed by a blank line stay first, followed by that blank
   line.
9. **Blank lines.** A blank line before a comment on a line of its own is kept (several become
   one); every other blank line is dropped.
10. **Markdown.** The front matter is formatted between two ``---`` lines (a closing ``...``
    becomes ``---``); everything after the closing line is kept byte for byte, line endings
    included.
11. **Bytes.** UTF-8 without a byte-order mark (one is dropped); the YAML's lines end with
    ``\\n`` (CRLF and CR become LF); the YAML ends with one line break.
12. **The one fix.** An ``id:`` line equal to the file name, which only repeats it, is removed
    (its comments are kept, above the first key). Nothing else is corrected: an ``id`` that
    differs, an unknown key or a wrong value is formatted as it is, and ``check`` reports it.

Safety
------

A file that cannot be read, is not UTF-8, has no front matter, does not parse, or is not a
mapping is reported (``path:line:col: error [code]: message`` and a hint) and left as it was;
the other files are still formatted, and ``fmt`` exits 1. Every rewritten file is read back
with civic-record's own reader before it is written; it must hold the same values (in the
canonical order, less a removed ``id``), the same comments and, for Markdown, the same text,
or it is left as it was and reported (``fmt.internal-error``). A file is replaced atomically
(a temporary file in its folder, then a rename, keeping its permissions), only if it still
holds what was read, and never through a symbolic link: a link is skipped with a warning.
Only the folders and files named are touched. ``--check`` writes nothing; it lists each file
it would change and exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .city_pages import PAGES
from .loading import (
    ATTACHMENTS,
    MAX_FILE_BYTES,
    RECORD_SUFFIXES,
    UnreadableFile,
    decode_utf8,
    read_regular_file,
    split_front_matter,
)
from .problem_codes import Code, Severity
from .problems import Problems, display_path, printable
from .record_history import CHANGE_TRAILER
from .site_settings import SETTINGS_FILE
from .vocabulary import FOLDERS
from .yaml_reader import YamlProblem, read_yaml
from .yaml_writer import Comment, Document, comment_texts, ordered, ordered_data, read_document, write_document

SITE = "site"
"""The context of ``site.yml``; a record's is its kind (``letter``...)."""

_DATED_START = ("id", "title", "date", "time")
_DATED_END = (
    "technologies",
    "bodies",
    "meets",
    "summary",
    "identifiers",
    "sources",
    "confidence",
    "caveats",
    "attachments",
    "tags",
    "extra",
)
_SOURCE = ("url", "attachment", "title", "publisher", "published", "retrieved", "kind")

KEY_ORDER: dict[str, tuple[str, ...]] = {
    # Records, by kind.
    "letter": (*_DATED_START, "from", "to", "cc", "in_reply_to", "response_requested", *_DATED_END),
    "meeting": (
        *_DATED_START,
        *("body", "kind", "location", "status", "agenda", "public_comment", "video", "minutes"),
        *_DATED_END,
    ),
    "vote": (
        *_DATED_START,
        *("body", "meeting", "matter", "motion", "motion_kind", "recommends", "result"),
        *("roll_call", "roll_call_partial", "counts", "mover", "seconder", "raw_values"),
        *_DATED_END,
    ),
    "sop": (
        *_DATED_START,
        *("series", "version", "document_kind", "agency", "number", "status", "text"),
        *_DATED_END,
    ),
    "document": (
        *_DATED_START,
        *("kind", "from", "to", "vendor", "amount", "term", "signed", "signed_by"),
        *_DATED_END,
    ),
    "body": ("id", "name", "kind", "parent", "jurisdiction", "seats", "links", "sources", "extra"),
    "person": ("id", "name", "sort_name", "roles", "links", "sources", "extra"),
    "technology": (
        *("id", "title", "category", "agency", "vendor", "summary", "status_history"),
        *("required", "related", "links", "sources", "extra"),
    ),
    SITE: (
        *("site_name", "city", "notice", "licence", "licence_url", "contact", "publisher"),
        *("site_url", "corrections", "timezone", "identifier_links", "requirements"),
    ),
    # Nested mappings.
    "source": _SOURCE,
    "role_source": _SOURCE,
    "link": ("url", "title"),
    "attachment": ("path", "title"),
    "role": ("body", "title", "district", "start", "end", "source", "as_of", "note"),
    "status_change": ("date", "status", "record", "note"),
    "agenda_item": ("item", "title", "time", "identifiers", "technologies", "outcome"),
    "public_comment": ("speakers", "written"),
    "approximate_count": ("at_least", "at_most", "about"),
    "matter": ("identifier", "title"),
    "amount": ("value", "currency"),
    "term": ("start", "end"),
}
"""The canonical key order of each kind of record and of each nested mapping."""

_DATED = ("letter", "meeting", "vote", "sop", "document")
_REFERENCE = ("body", "person", "technology")
_LISTS = "list"
"""A list of ids or words (``technologies``, ``tags``...), and its items."""

_CHILDREN: dict[tuple[str, str | None], str] = {}
for _kind in (*_DATED, *_REFERENCE):
    _CHILDREN.update(
        {
            (_kind, "sources"): "sources",
            (_kind, "links"): "links",
            (_kind, "extra"): "extra",
            (_kind, "summary"): "prose",
        }
    )
for _kind in _DATED:
    _CHILDREN.update(
        {
            (_kind, "identifiers"): "identifiers",
            (_kind, "caveats"): "caveats",
            (_kind, "attachments"): "attachments",
        }
    )
_CHILDREN.update(
    {
        ("sources", None): "source",
        ("links", None): "link",
        ("attachments", None): "attachment",
        ("caveats", None): "prose",
        ("source", "url"): "url",
        ("source", "attachment"): "url",
        ("role_source", "url"): "url",
        ("role_source", "attachment"): "url",
        ("link", "url"): "url",
        ("attachment", "path"): "url",
        ("meeting", "agenda"): "agenda",
        ("agenda", None): "agenda_item",
        ("agenda_item", "identifiers"): "identifiers",
        ("meeting", "public_comment"): "public_comment",
        ("meeting", "video"): "url",
        ("meeting", "minutes"): "url",
        ("public_comment", "speakers"): "approximate_count",
        ("public_comment", "written"): "approximate_count",
        ("vote", "matter"): "matter",
        ("vote", "roll_call"): "roll_call",
        ("vote", "counts"): "counts",
        ("vote", "raw_values"): "raw_values",
        ("document", "amount"): "amount",
        ("document", "term"): "term",
        ("person", "roles"): "roles",
        ("roles", None): "role",
        ("role", "source"): "role_source",
        ("technology", "status_history"): "status_history",
        ("status_history", None): "status_change",
        (SITE, "identifier_links"): "identifier_links",
        (SITE, "requirements"): "requirements",
        (SITE, "licence_url"): "url",
        (SITE, "site_url"): "url",
    }
)
_FLOW = frozenset({"counts", "roll_call_option"})
"""Written on one line when it fits: a vote's tally, and each option's list of a roll call."""
_NEVER_FOLDED = frozenset({"url", "link", "role_source", "identifier_link"})


_RANKS = {context: {key: index for index, key in enumerate(keys)} for context, keys in KEY_ORDER.items()}


class CanonicalLayout:
    """The record format's canonical layout (see the module's docstring)."""

    def order(self, context: str, keys: list[str]) -> list[str]:
        rank = _RANKS.get(context)
        if rank is None:
            return keys
        unknown = len(rank)
        return sorted(keys, key=lambda key: rank.get(key, unknown))  # stable: unknown keys keep their order

    def child(self, context: str, key: str | None) -> str:
        found = _CHILDREN.get((context, key))
        if found is not None:
            return found
        if context == "extra":
            return "extra"
        if context == "roll_call":
            return "roll_call_option"
        if context == "identifier_links":
            return "identifier_link"
        return _LISTS if key is not None and context in KEY_ORDER else "other"

    def flow(self, context: str) -> bool:
        return context in _FLOW

    def fold(self, context: str) -> str:
        if context == "prose":
            return "always"
        return "never" if context in _NEVER_FOLDED else "long"


LAYOUT = CanonicalLayout()

# --- One file's text -----------------------------------------------------------------------------

_FENCE = re.compile(r"^---[ \t]*$")
_FENCE_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
"""As the loader finds a front matter (``loading.split_front_matter``)."""


@dataclass
class Formatted:
    """The canonical text of one file, or why there is none."""

    text: str | None
    findings: list[YamlProblem] = field(default_factory=list)
    removed_id: bool = False


def _split(content: str) -> tuple[str, str] | Code:
    """The front matter and the raw text after its closing line, as the loader splits them."""
    lines = content.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return Code.FILE_FRONT_MATTER_MISSING
    for index in range(1, len(lines)):
        if _FENCE_END.match(lines[index].rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    return Code.FILE_FRONT_MATTER_UNCLOSED


def canonical_text(content: str, context: str, record_id: str | None, markdown: bool) -> Formatted:
    """``content`` (decoded, without a byte-order mark) in the canonical form.

    ``context`` is the record's kind (``letter``...) or ``site``; ``record_id`` the file name
    without its suffix (None for ``site.yml``); ``markdown``: a front matter, then text.
    """
    body = ""
    front = content
    offset = 0
    if markdown:
        split = _split(content)
        if isinstance(split, Code):
            message = (
                "the file does not start with a front-matter block ('---' on the first line)"
                if split == Code.FILE_FRONT_MATTER_MISSING
                else "the front-matter block is not closed by a '---' line"
            )
            hint = "begin the file with '---', the record's fields, then '---', then the text"
            return Formatted(None, [YamlProblem(1, 1, split, message, hint)])
        front, body = split
        offset = 1
    if not content.strip():
        if context == SITE:
            return Formatted(content)  # an empty site.yml is valid: nothing to format
        return Formatted(
            None, [YamlProblem(1, 1, Code.FILE_EMPTY, "the file is empty", "fill in the fields, or delete it")]
        )
    document = read_yaml(front, line_offset=offset)
    if document.problems:
        return Formatted(None, list(document.problems))
    if document.value is None and context == SITE:
        return Formatted(content)  # only comments: nothing to format
    if not isinstance(document.value, dict):
        message = "the fields must be 'name: value' lines (a YAML mapping)"
        hint = 'see the examples on the "Writing records" page'
        return Formatted(None, [YamlProblem(1 + offset, 1, Code.FILE_NOT_A_MAPPING, message, hint)])
    data: dict[str, Any] = document.value
    removed = record_id is not None and isinstance(data.get("id"), str) and data["id"] == record_id
    try:
        tree = read_document(front, data)
        if removed:
            data = {key: value for key, value in data.items() if key != "id"}
            _remove_id(tree, context)
        written = write_document(tree, LAYOUT, context)
        text = f"---\n{written}---\n{body}" if markdown else written
        failure = _differs(text, content, ordered_data(data, LAYOUT, context), markdown) if text != content else None
    except Exception as exc:  # a bug, never a reason to stop formatting the other files
        failure = f"{type(exc).__name__}: {exc}"
    if failure:
        message = f"the canonical form would change the record ({failure}): the file was left as it was"
        hint = "this is a bug in civic-record's fmt; please report it with the file"
        return Formatted(None, [YamlProblem(1, 1, Code.FMT_INTERNAL_ERROR, message, hint)])
    return Formatted(text, removed_id=removed)


def _remove_id(tree: Document, context: str) -> None:
    """Drop the ``id`` entry; its comments go to the entry written next (or to the end)."""
    entries = tree.root.entries
    removed = entries.pop(next(i for i, entry in enumerate(entries) if entry.key == "id"))
    kept = removed.leading + [Comment(text) for text in removed.trailing]
    if not kept:
        return
    following = ordered(tree.root, LAYOUT, context)
    if following:
        following[0].leading[:0] = kept
    else:
        tree.end[:0] = kept


def _differs(text: str, content: str, expected: Any, markdown: bool) -> str | None:
    """What the new text reads back differently from the old, or None when it reads the same."""
    front, old_front = text, content
    if markdown:
        new, old = split_front_matter(text), split_front_matter(content)
        if isinstance(new, str) or isinstance(old, str):
            return "the front matter is no longer found"
        if new[1] != old[1] or _split(text)[1] != _split(content)[1]:
            return "the text after the front matter differs"
        front, old_front = new[0], old[0]
    document = read_yaml(front)
    if document.problems:
        return f"it would not read back: {document.problems[0].message}"
    if not _same(document.value, expected):
        return "its values would differ"
    if Counter(comment_texts(front)) != Counter(comment_texts(old_front)):
        return "its comments would differ"
    return None


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types, mappings in the same order (``1 == 1.0 == True`` is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return repr(a) == repr(b)
    return bool(a == b)


# --- Files and folders -----------------------------------------------------------------------------

_MARKDOWN = frozenset({".md", ".markdown"})


class _Refused(Exception):
    """A path on the command line that ``fmt`` refuses before touching any file (exit 2)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class _Target:
    context: str
    path: Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing: list the files that are not in the canonical form, and exit 1 if there is one",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="records folders, record folders (letters/ ...) or record files (default: the --records folder)",
    )


def run(args: argparse.Namespace) -> int:
    problems = Problems()
    try:
        targets = find_targets(args.records, list(args.paths), problems)
    except _Refused as refusal:
        print(f"error: {printable(str(refusal))}\nhint: {printable(refusal.hint)}", file=sys.stderr)
        return 2
    changed = 0
    for target in targets:
        outcome = format_file(target, problems, write=not args.check)
        if outcome is None:
            continue
        changed += 1
        shown = display_path(target.path)
        what = " (and its id line, which repeats the file name, removed)" if outcome else ""
        print(f"{shown}: would be reformatted{what}" if args.check else f"{shown}: reformatted{what}")
    if problems.items:
        print(problems.report(), file=sys.stderr)
    total = len(targets)
    files = "file" if total == 1 else "files"
    if args.check:
        if changed:
            print(f"{changed} of {total} {files} would be reformatted; run 'build_site.py fmt' to rewrite them.")
        else:
            print(f"{total} {files} already formatted.")
    else:
        print(f"Formatted {changed} of {total} {files}.")
        if changed:
            print(
                f"In git, commit them on their own with the line '{CHANGE_TRAILER}: format' at the end of the "
                "message: feeds then do not list these records as updated."
            )
    failed = bool(problems.errors)
    if failed:
        print("Files with errors were left as they were: see the errors above.", file=sys.stderr)
    return 1 if failed or (args.check and changed) else 0


def format_file(target: _Target, problems: Problems, *, write: bool) -> bool | None:
    """Format one file: None when it is unchanged (or could not be formatted), else whether its
    ``id`` line was removed. With ``write`` False nothing is written."""
    path = target.path
    shown = display_path(path)
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            _link_skipped(path, problems)
            return None
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except UnreadableFile as exc:
        if str(exc):
            _report(problems, shown, 1, 1, Code.FILE_UNREADABLE, str(exc), "only regular record files are formatted")
        else:
            too_large = f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"
            _report(problems, shown, 1, 1, Code.FILE_TOO_LARGE, too_large, "a record file is at most 2 MiB")
        return None
    except OSError as exc:
        _report(problems, shown, 1, 1, Code.FILE_UNREADABLE, f"the file cannot be read: {exc.strerror or exc}")
        return None
    content = decode_utf8(raw, shown, problems)
    if content is None:
        return None
    record_id = None if target.context == SITE else path.stem
    outcome = canonical_text(content, target.context, record_id, path.suffix.lower() in _MARKDOWN)
    for finding in outcome.findings:
        _report(problems, shown, finding.line, finding.column, finding.code, finding.message, finding.hint)
    if outcome.text is None:
        return None
    new = outcome.text.encode("utf-8")
    if new == raw:
        return None
    if len(new) > MAX_FILE_BYTES:  # check and build would refuse the formatted file
        _report(
            problems,
            shown,
            1,
            1,
            Code.FILE_TOO_LARGE,
            f"formatted, the file would be larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; it was left as it was",
            "keep long texts under records/attachments/ and link them",
        )
        return None
    if write and not _replace(path, raw, new, problems):
        return None
    return outcome.removed_id


def _replace(path: Path, old: bytes, new: bytes, problems: Problems) -> bool:
    """Write ``new`` over ``path`` atomically, if the file still holds ``old`` and is no link."""
    shown = display_path(path)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            _link_skipped(path, problems)
            return False
        if read_regular_file(path, MAX_FILE_BYTES) != old:
            _report(
                problems,
                shown,
                1,
                1,
                Code.FMT_CHANGED,
                "the file changed while it was being formatted, and was left as it is now",
                "run fmt again once nobody is editing it",
            )
            return False
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".fmt", dir=path.parent)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(new)
                os.fchmod(stream.fileno(), stat.S_IMODE(info.st_mode))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, UnreadableFile) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _report(
            problems,
            shown,
            1,
            1,
            Code.FMT_NOT_WRITTEN,
            f"the file could not be rewritten: {reason}",
            "let the account that runs fmt write the file and its folder",
        )
        return False
    return True


def _report(
    problems: Problems,
    path: str,
    line: int,
    column: int,
    code: Code,
    message: str,
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
) -> None:
    """Report in the standard format (``path:line:col: error [code]: message`` and the hint)."""
    problems.add(severity, path, line, column, code, message, hint)


def _link_skipped(path: Path, problems: Problems) -> None:
    _report(
        problems,
        display_path(path),
        1,
        1,
        Code.FMT_LINK_SKIPPED,
        "this is a symbolic link: fmt never writes through one, so it was skipped",
        "format the file it points to, where it is",
        Severity.WARNING,
    )


def find_targets(records: Path, paths: list[Path], problems: Problems) -> list[_Target]:
    """The files to format, in a stable order; a path that cannot be one is refused."""
    given = paths or [records]
    for path in given:
        if not os.path.lexists(path):
            raise _Refused(
                f"{display_path(path)}: no such file or folder",
                "name a records folder, one of its record folders (letters/ ...), or record files",
            )
    found: dict[str, _Target] = {}
    for path in given:
        root = _records_root(path, records)
        for target in _expand(path, Path(root), problems):
            real = os.path.realpath(target.path)
            if not _inside(real, root):  # reached through a link: never written
                _link_skipped(target.path, problems)
                continue
            found.setdefault(real, target)
    return list(found.values())


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _records_root(path: Path, records: Path) -> str:
    """The real path of the records folder ``path`` belongs to: ``--records``, or the nearest
    folder above it (or itself) that ``check`` would take for a records folder. A path that
    belongs to none, or that leads out of its records folder through a link, is refused:
    ``fmt`` writes only record files, inside the records folder they belong to."""
    real = os.path.realpath(path)
    given = os.path.realpath(records)
    if os.path.isdir(given) and _inside(real, given):
        return given
    absolute = Path(os.path.abspath(path))
    for candidate in [absolute, *absolute.parents]:
        if candidate.is_dir() and is_records_folder(candidate):
            root = os.path.realpath(candidate)
            if _inside(real, root):
                return root
            raise _Refused(
                f"{display_path(path)}: leads out of the records folder {display_path(candidate)} "
                "through a symbolic link",
                "fmt never writes through a link: format the files where they are",
            )
    raise _Refused(
        f"{display_path(path)}: not in a records folder",
        "name a records folder (with --records or as a path), one of its record folders, or record files in it",
    )


def is_records_folder(folder: Path) -> bool:
    """What ``check`` accepts as a records folder: record folders, ``site.yml``, ``pages/``,
    ``attachments/`` and README files, with at least one record folder or ``site.yml``."""
    try:
        names = [entry.name for entry in os.scandir(folder) if not entry.name.startswith(".")]
    except OSError:
        return False
    names = [name for name in names if not name.lower().startswith("readme")]
    allowed = {*FOLDERS, PAGES, ATTACHMENTS, SETTINGS_FILE}
    return all(name in allowed for name in names) and any(name in FOLDERS or name == SETTINGS_FILE for name in names)


def _expand(path: Path, records: Path, problems: Problems) -> Iterator[_Target]:
    if os.path.islink(path) and not os.path.isdir(path):
        _link_skipped(path, problems)
        return
    if os.path.isdir(path):
        where = _folder_place(path, records)
        if where == SITE:
            site = path / SETTINGS_FILE
            if os.path.islink(site):
                _link_skipped(site, problems)
            elif site.is_file():
                yield _Target(SITE, site)
            for folder, kind in sorted(FOLDERS.items()):
                if os.path.islink(path / folder):
                    _link_skipped(path / folder, problems)
                elif (path / folder).is_dir():
                    yield from _walk(path / folder, kind.value, problems)
        else:
            yield from _walk(path, where, problems)
        return
    context = _file_place(path, records)
    if context != SITE and path.suffix.lower() not in RECORD_SUFFIXES:
        raise _Refused(
            f"{display_path(path)}: not a record file (.yml, .yaml, .md or .markdown)",
            "name record files, record folders or a records folder",
        )
    yield _Target(context, path)


def _relative(path: Path, records: Path) -> tuple[str, ...] | None:
    try:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(records)).parts
    except ValueError:
        return None


def _looks_like_records(folder: Path) -> bool:
    return (folder / SETTINGS_FILE).is_file() or any((folder / name).is_dir() for name in FOLDERS)


_LEFT_ALONE_HINT = (
    f"fmt formats the record folders and {SETTINGS_FILE}; {PAGES}/ and {ATTACHMENTS}/ are left as written"
)


def _folder_place(folder: Path, records: Path) -> str:
    """``site`` for a records folder, else the kind of the record folder ``folder`` is in."""
    parts = _relative(folder, records)
    if parts is not None:
        if not parts:
            return SITE
        if parts[0] in FOLDERS:
            return FOLDERS[parts[0]].value
        raise _Refused(f"{display_path(folder)}: not a record folder", _LEFT_ALONE_HINT)
    if folder.name in FOLDERS:
        return FOLDERS[folder.name].value
    if folder.name in (PAGES, ATTACHMENTS) and _looks_like_records(folder.parent):
        raise _Refused(f"{display_path(folder)}: not a record folder", _LEFT_ALONE_HINT)
    if _looks_like_records(folder):
        return SITE
    for parent in Path(os.path.abspath(folder)).parents:
        if parent.name in FOLDERS:
            return FOLDERS[parent.name].value  # a subfolder of a record folder: letters/2025/
    return SITE


def _file_place(path: Path, records: Path) -> str:
    """``site`` for a ``site.yml``, else the kind of the record folder the file is in."""
    refused = _Refused(
        f"{display_path(path)}: not a record file in a record folder, nor a records folder's {SETTINGS_FILE}",
        _LEFT_ALONE_HINT,
    )
    parts = _relative(path, records)
    if parts is not None:
        if parts == (SETTINGS_FILE,):
            return SITE
        if len(parts) > 1 and parts[0] in FOLDERS:
            return FOLDERS[parts[0]].value
        raise refused
    absolute = Path(os.path.abspath(path))
    if absolute.name == SETTINGS_FILE and _looks_like_records(absolute.parent):
        return SITE
    nearest: str | None = None
    for parent in absolute.parents:
        if parent.name in FOLDERS:
            if _looks_like_records(parent.parent):
                return FOLDERS[parent.name].value
            nearest = nearest or FOLDERS[parent.name].value
    if nearest is None:
        raise refused
    return nearest


def _walk(folder: Path, context: str, problems: Problems) -> Iterator[_Target]:
    """The record files under ``folder``, sorted; links and hidden names are not followed."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            _report(
                problems,
                display_path(current),
                1,
                1,
                Code.FILE_UNREADABLE,
                f"the folder cannot be read: {exc.strerror}",
            )
            continue
        subfolders: list[Path] = []
        for entry in entries:
            path = current / entry.name
            if entry.name.startswith("."):
                continue
            try:
                entry.name.encode("utf-8")
            except UnicodeEncodeError:
                _report(
                    problems,
                    display_path(path),
                    1,
                    1,
                    Code.FILE_ENCODING,
                    "the name is not valid UTF-8 text",
                    "rename it, with plain letters, digits and hyphens",
                )
                continue
            try:
                if entry.is_symlink():
                    _link_skipped(path, problems)
                elif entry.is_dir(follow_symlinks=False):
                    subfolders.append(path)
                elif Path(entry.name).suffix.lower() in RECORD_SUFFIXES:
                    if entry.is_file(follow_symlinks=False):
                        yield _Target(context, path)
                    else:
                        _report(
                            problems,
                            display_path(path),
                            1,
                            1,
                            Code.FILE_UNREADABLE,
                            "this is not a regular file",
                            "remove it: only regular files are read or formatted",
                        )
            except OSError as exc:
                _report(problems, display_path(path), 1, 1, Code.FILE_UNREADABLE, f"it cannot be read: {exc.strerror}")
        stack.extend(reversed(subfolders))

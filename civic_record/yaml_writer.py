"""YAML with its comments, read into a tree and written back in one canonical layout.

The reader (:mod:`civic_record.yaml_reader`) gives plain values; it forgets comments, quoting
and layout, which is right for building a site and wrong for rewriting a clerk's file. This
module reads the same text into a small tree that keeps, for every mapping entry and list
item, the comments that belong to it, and writes that tree back with two-space indentation,
block style, and scalars quoted only where a reader needs it.

What is canonical about the order of keys, and which values are folded or written in flow
style, is not decided here: the caller passes a :class:`Layout` (``canonical.py`` has the
record format's). What it writes is meant to read back, under civic-record's YAML 1.2
core-schema reader, as the values it was given, with the same comments; ``canonical.py`` checks
that it does before it writes any file.

Comments are found where the scanner skipped them: between the tokens of the document (and
after a block scalar's ``|``/``>`` header). A comment alone on its line belongs to the entry
(mapping key or list item) that starts after it; an end-of-line comment to the entry whose
key or scalar value ends on its line before it.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml
import yaml.resolver

from .yaml_reader import _RESOLVERS, _CoreSchemaLoader

MAX_WIDTH = 100
"""A line longer than this (without its comment) is folded or, for a flow list, written as a block."""
FOLD_WIDTH = 80
"""Folded text (``>-``) is wrapped into lines of at most this many columns, indentation included."""

# --- Scalars -------------------------------------------------------------------------------

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]")
"""Characters never written raw: controls, line breaks other than a block's, byte-order marks,
and the invisible bidirectional embeddings and overrides (written as escapes, so they show)."""
_UNSAFE_IN_BLOCK = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
"""The same, less the line feed: what a ``|`` block cannot hold."""
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`~=<")
"""A plain scalar never starts with one of these (some are YAML's indicators, the rest read
oddly in YAML 1.1 tools: ``~`` null, ``=`` value, ``<<`` merge)."""
_FLOW_UNSAFE = frozenset(",[]{}:#")
_FOLD_POINT = re.compile(r"(?<=\S) (?=\S)")
"""Where folded text may break: a single space between two visible characters."""
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-9_]+)+(?:\.[0-9_]*)?")
"""A time or another number in base 60 (``09:00``, ``18:00``): quoted, though YAML 1.1 reads
``09:00`` as text, so that every time is written alike (and ``18:00`` is not the number 1080)."""
_DECIMAL = re.compile(r"[-+]?[0-9]+")
_STR = "tag:yaml.org,2002:str"
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""The line breaks the scanner counts lines by."""


class _Core(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema, exactly as civic-record's reader resolves plain scalars."""


_Core.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in _RESOLVERS:
    _Core.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))

_CORE = _Core()
_YAML_11 = yaml.resolver.Resolver()
"""PyYAML's default resolver: what a YAML 1.1 tool would make of a plain scalar."""


def _resolves(resolver: yaml.resolver.BaseResolver, text: str) -> str:
    return str(resolver.resolve(yaml.ScalarNode, text, (True, False)))  # type: ignore[no-untyped-call]


@functools.lru_cache(maxsize=65536)
def plain_is_safe(text: str, *, flow: bool = False) -> bool:
    """Whether ``text`` written plain reads back as the same text (a syntax question only)."""
    if not text or text != text.strip() or _UNSAFE.search(text) or "\t" in text or "\n" in text:
        return False
    if text[0] in _INDICATORS or text.startswith("...") or ": " in text or " #" in text or text.endswith(":"):
        return False
    return not (flow and any(char in _FLOW_UNSAFE for char in text))


@functools.lru_cache(maxsize=65536)
def plain_string(text: str, *, flow: bool = False) -> bool:
    """A string is plain when YAML 1.2 (civic-record) and YAML 1.1 (most other tools) both read
    it back as the same string; a day (``2025-05-14``), which YAML 1.1 reads as a date, is plain too."""
    if not plain_is_safe(text, flow=flow) or text.lower() in ("y", "n") or _CLOCK.fullmatch(text):
        return False
    if _resolves(_CORE, text) != _STR:
        return False
    resolved = _resolves(_YAML_11, text)
    return resolved == _STR or (resolved == "tag:yaml.org,2002:timestamp" and bool(_ISO_DAY.fullmatch(text)))


_TO_ESCAPE = re.compile('["\\\\]|' + _UNSAFE.pattern)


def double_quoted(text: str) -> str:
    return '"' + _TO_ESCAPE.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def fold_lines(text: str, indent: int, width: int = FOLD_WIDTH) -> list[str] | None:
    """``text`` as the lines of a ``>-`` block (without indentation), or None when it cannot
    be folded without changing it: it holds a line break, a control character, a tab, or
    leading or trailing spaces. Lines break only at a single space between words, never inside
    a word; a word longer than the width has a line of its own."""
    if not text or text != text.strip() or _UNSAFE.search(text) or "\t" in text or "\n" in text:
        return None
    lines: list[str] = []
    for piece in _FOLD_POINT.split(text):
        if lines and indent + len(lines[-1]) + 1 + len(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines


def literal_lines(text: str) -> tuple[str, list[str]] | None:
    """``text`` (holding a line break) as a ``|`` block: its header and lines, or None when a
    block cannot hold it (a control character or tab, trailing spaces on a line, a first line
    starting with a space, no line of text)."""
    if _UNSAFE_IN_BLOCK.search(text):
        return None
    body = text.rstrip("\n")
    ending = len(text) - len(body)
    lines = body.split("\n")
    if not body.strip() or any(line != line.rstrip(" ") for line in lines):
        return None
    first = next(line for line in lines if line)
    if first.startswith(" "):
        return None
    header = "|-" if ending == 0 else "|" if ending == 1 else "|+"
    return header, lines + [""] * (ending - 1 if ending > 1 else 0)


def number_text(value: int | float, written: str) -> str:
    """A number as written when that reads back as the same number, else in a plain spelling."""
    tag = "tag:yaml.org,2002:int" if isinstance(value, int) else "tag:yaml.org,2002:float"
    if isinstance(value, int) and _DECIMAL.fullmatch(written) and _resolves(_CORE, written) == tag:
        return written
    if isinstance(value, float) and _resolves(_CORE, written) == tag:
        return written
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


# --- The tree --------------------------------------------------------------------------------


@dataclass
class Comment:
    """A comment alone on its line; ``blank_before``: a blank line came before it."""

    text: str
    blank_before: bool = False
    blank_after: bool = False


@dataclass
class Scalar:
    value: Any
    """The value as civic-record reads it: str, int, float, bool or None."""
    written: str
    """The scalar's text as written (numbers are written back this way)."""


@dataclass
class Entry:
    """A mapping entry (``key`` set) or a list item (``key`` None), with its comments."""

    key: str | None
    value: Scalar | Collection
    leading: list[Comment] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)


@dataclass
class Collection:
    mapping: bool
    entries: list[Entry]


@dataclass
class Document:
    root: Collection
    header: list[Comment]
    """Comments at the top of the file that stay there: a ``yaml-language-server`` line, and
    the comments up to the last one followed by a blank line before the first key."""
    header_blank_after: bool
    end: list[Comment]
    """Comments after the last entry."""


# --- Reading -----------------------------------------------------------------------------------

_BLOCK_HEADER = re.compile(
    r"(?:[!&][^ \t\r\n]*[ \t]+)*[|>](?:[1-9][+-]?|[+-][1-9]?)?([ \t]+(#[^\n\r\x85\u2028\u2029]*))?"
)


class _Lines:
    """Offsets of the text's lines, counted as the scanner counts them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        self.ends = [m.start() for m in _BREAK.finditer(text)] + [len(text)]

    def offset(self, mark: Any) -> int:
        if mark.line >= len(self.starts):  # the scanner ends a stream with a line break of its own
            return len(self.text)
        return int(self.starts[mark.line]) + int(mark.column)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def blank(self, line: int) -> bool:
        if not 0 <= line < len(self.starts):
            return False
        return not self.text[self.starts[line] : self.ends[line]].strip(" \t")


def read_document(text: str, data: dict[str, Any]) -> Document:
    """The tree of ``text``, whose values civic-record's reader read as ``data`` (a mapping).

    ``text`` must be one that :func:`civic_record.yaml_reader.read_yaml` read without a problem.
    """
    node = yaml.compose(text, Loader=_CoreSchemaLoader)
    if not isinstance(node, yaml.MappingNode):
        raise ValueError("the document is not a mapping")
    entries: list[tuple[int, int, Entry]] = []  # (start offset, depth, entry), in document order
    by_end: dict[int, Entry] = {}  # where a key, scalar or flow collection ends -> its entry
    block_headers: list[tuple[int, Entry]] = []
    if "#" not in text:  # no comment anywhere (most records): the values are all there is
        root = _build(node, data, None, 0, entries, by_end, block_headers)
        assert isinstance(root, Collection)
        return Document(root, [], False, [])
    lines = _Lines(text)
    root = _build(node, data, lines, 0, entries, by_end, block_headers)
    assert isinstance(root, Collection)
    entries.sort(key=lambda item: (item[0], item[1]))
    starts = [start for start, _, _ in entries]
    tokens = list(yaml.scan(text, Loader=_CoreSchemaLoader))
    protected = _multiline_spans(tokens, lines)
    ends = sorted(
        lines.offset(t.end_mark)
        for t in tokens
        if isinstance(t, yaml.ScalarToken | yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken)
        and t.end_mark.column > 0  # a block scalar ends at the start of the next line: not on it
    )

    def blank(line: int) -> bool:
        if not lines.blank(line):
            return False
        start = lines.starts[line]
        return not any(a < start < b for a, b in protected)

    end_comments: list[Comment] = []
    first_leading: list[Comment] = []
    for offset, text_of in _comments(text, tokens, lines):
        line = lines.line_of(offset)
        alone = not text[lines.starts[line] : offset].strip(" \t")
        owner: Entry | None = None
        if not alone:
            index = bisect.bisect_right(ends, offset) - 1
            if index >= 0 and ends[index] >= lines.starts[line]:
                owner = by_end.get(ends[index])
            if owner is not None:
                owner.trailing.append(text_of)
                continue
        comment = Comment(text_of, blank(line - 1), blank(line + 1))
        index = bisect.bisect_right(starts, offset)
        if index == len(entries):
            end_comments.append(comment)
        elif index == 0:
            first_leading.append(comment)
        else:
            entries[index][2].leading.append(comment)
    for start, entry in block_headers:
        match = _BLOCK_HEADER.match(text, start)
        if match and match.group(2):
            entry.trailing.append(match.group(2).rstrip(" \t"))
    header: list[Comment] = []
    if first_leading:
        last = max((i for i, c in enumerate(first_leading) if c.blank_after), default=-1)
        if last < 0 and first_leading[0].text.startswith("# yaml-language-server:"):
            last = 0
        header = first_leading[: last + 1]
        entries[0][2].leading[:0] = first_leading[last + 1 :]
    return Document(root, header, bool(header) and header[-1].blank_after, end_comments)


def _build(
    node: yaml.Node,
    data: Any,
    lines: _Lines | None,
    depth: int,
    entries: list[tuple[int, int, Entry]],
    by_end: dict[int, Entry],
    block_headers: list[tuple[int, Entry]],
) -> Scalar | Collection:
    if isinstance(node, yaml.ScalarNode):
        return Scalar(data, node.value)
    mapping = isinstance(node, yaml.MappingNode)
    pairs = node.value if mapping else [(None, item) for item in node.value]
    if mapping and len(pairs) != len(data):
        raise ValueError("the mapping's keys are not the values read")  # a repeated key: refused before
    built: list[Entry] = []
    for index, (key_node, value_node) in enumerate(pairs):
        key = key_node.value if key_node is not None else None
        value = data[key] if mapping else data[index]
        entry = Entry(key, Scalar(None, ""))
        entry.value = _build(value_node, value, lines, depth + 1, entries, by_end, block_headers)
        built.append(entry)
        if lines is None:
            continue
        entries.append((lines.offset((key_node or value_node).start_mark), depth, entry))
        if key_node is not None:
            by_end[lines.offset(key_node.end_mark)] = entry
        if isinstance(value_node, yaml.ScalarNode):
            if value_node.end_mark.index > value_node.start_mark.index:
                by_end[lines.offset(value_node.end_mark)] = entry
            if value_node.style in ("|", ">"):
                block_headers.append((lines.offset(value_node.start_mark), entry))
        elif value_node.flow_style:
            by_end[lines.offset(value_node.end_mark)] = entry
    return Collection(mapping, built)


def _multiline_spans(tokens: list[Any], lines: _Lines) -> list[tuple[int, int]]:
    """The spans of scalars over several lines, where a blank line is part of a value."""
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if not isinstance(token, yaml.ScalarToken) or token.start_mark.line == token.end_mark.line:
            continue
        start, end = lines.offset(token.start_mark), lines.offset(token.end_mark)
        if token.style in ("|", ">"):
            header = _BLOCK_HEADER.match(lines.text, start)
            keep = bool(header) and "+" in header.group(0).split("#")[0] if header else False
            if not keep:  # trailing blank lines are not part of a clipped or stripped block
                end = start + len(lines.text[start:end].rstrip(" \t\r\n\x85\u2028\u2029"))
        spans.append((start, end))
    return spans


def comment_texts(text: str) -> list[str]:
    """Every comment of ``text``, found by the scanner alone (to check that none was lost)."""
    if "#" not in text:
        return []
    lines = _Lines(text)
    tokens = list(yaml.scan(text, Loader=_CoreSchemaLoader))
    found = [comment for _, comment in _comments(text, tokens, lines)]
    for token in tokens:
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            match = _BLOCK_HEADER.match(text, lines.offset(token.start_mark))
            if match and match.group(2):
                found.append(match.group(2).rstrip(" \t"))
    return found


def _comments(text: str, tokens: list[Any], lines: _Lines) -> Iterator[tuple[int, str]]:
    """``(offset, text)`` of every comment between the tokens, in order."""
    covered_to = 0
    spans = sorted((lines.offset(t.start_mark), lines.offset(t.end_mark)) for t in tokens)
    gaps: list[tuple[int, int]] = []
    for start, end in spans:
        if start > covered_to:
            gaps.append((covered_to, start))
        covered_to = max(covered_to, end)
    gaps.append((covered_to, len(text)))
    for start, end in gaps:
        position = text.find("#", start, end)
        while position != -1:
            match = _BREAK.search(text, position, end)
            stop = match.start() if match else end
            yield position, text[position:stop].rstrip(" \t")
            position = text.find("#", stop, end)


# --- Writing -----------------------------------------------------------------------------------


class Layout(Protocol):
    """The decisions that make a layout canonical; ``context`` names where a value stands."""

    def order(self, context: str, keys: list[str]) -> list[str]:
        """The mapping's keys in the order to write them."""

    def child(self, context: str, key: str | None) -> str:
        """The context of a key's value (``key`` None: of a list's items)."""

    def flow(self, context: str) -> bool:
        """Whether a collection in this context is written in flow style when it fits."""

    def fold(self, context: str) -> str:
        """``always`` (prose: folded when it can be), ``long`` (folded past the width), ``never``."""


def write_document(document: Document, layout: Layout, context: str) -> str:
    writer = _Writer(layout)
    for comment in document.header:
        writer.comment(comment, 0)
    if document.header and document.header_blank_after:
        writer.blank()
    if document.root.entries:
        writer.mapping(document.root, context, 0)
    else:
        writer.lines.append("{}")
    for comment in document.end:
        writer.comment(comment, 0)
    return "".join(line + "\n" for line in writer.lines)


def ordered(collection: Collection, layout: Layout, context: str) -> list[Entry]:
    if not collection.mapping:
        return collection.entries
    by_key = {entry.key: entry for entry in collection.entries}
    keys = [entry.key for entry in collection.entries if entry.key is not None]
    return [by_key[key] for key in layout.order(context, keys)]


def ordered_data(value: Any, layout: Layout, context: str) -> Any:
    """``value`` with every mapping in the layout's order: what the written file reads back as."""
    if isinstance(value, dict):
        return {
            key: ordered_data(value[key], layout, layout.child(context, key))
            for key in layout.order(context, list(value))
        }
    if isinstance(value, list):
        item = layout.child(context, None)
        return [ordered_data(v, layout, item) for v in value]
    return value


def _has_comments(collection: Collection) -> bool:
    return any(
        e.leading or e.trailing or (isinstance(e.value, Collection) and _has_comments(e.value))
        for e in collection.entries
    )


class _Writer:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.lines: list[str] = []
        self.after_keep = False  # the last lines are a ``|+`` block's: a blank line would join it

    def blank(self) -> None:
        if self.lines and self.lines[-1] and not self.after_keep:
            self.lines.append("")

    def comment(self, comment: Comment, indent: int) -> None:
        if comment.blank_before:
            self.blank()
        self.lines.append(" " * indent + comment.text)
        self.after_keep = False

    def mapping(self, collection: Collection, context: str, indent: int, first: str | None = None) -> None:
        """The entries at ``indent``; ``first``: the first line's prefix (``- `` of a list item)."""
        for number, entry in enumerate(ordered(collection, self.layout, context)):
            above = indent - 2 if number == 0 and first is not None else indent  # a list item's: above its ``-``
            for comment in entry.leading:
                self.comment(comment, above)
            self._extra_trailing(entry, above)
            prefix = first if number == 0 and first is not None else " " * indent
            assert entry.key is not None
            key = entry.key if plain_is_safe(entry.key) else double_quoted(entry.key)
            self.value(prefix + key + ":", entry, self.layout.child(context, entry.key), indent)

    def sequence(self, collection: Collection, context: str, indent: int) -> None:
        item_context = self.layout.child(context, None)
        for entry in collection.entries:
            for comment in entry.leading:
                self.comment(comment, indent)
            value = entry.value
            block = isinstance(value, Collection) and self._flow_text(value, item_context, indent + 2) is None
            if isinstance(value, Collection) and value.entries and block:
                # The item's first key (or item) goes on the ``- `` line: its comments go above it.
                inner = ordered(value, self.layout, item_context)[0]
                for comment in inner.leading:
                    self.comment(comment, indent)
                hoisted = Entry(inner.key, inner.value, [], entry.trailing + inner.trailing)
                rest = Collection(value.mapping, [hoisted if e is inner else e for e in value.entries])
                if value.mapping:
                    self.mapping(rest, item_context, indent + 2, first=" " * indent + "- ")
                else:
                    self._nested_sequence(rest, item_context, indent)
                continue
            if isinstance(value, Scalar) and value.value is None and entry.trailing:
                # ``-`` alone: a comment after it would read back as a comment of its own line.
                for text in entry.trailing:
                    self.comment(Comment(text), indent)
                entry = Entry(None, value)
            self._extra_trailing(entry, indent)
            self.value(" " * indent + "-", entry, item_context, indent)

    def _extra_trailing(self, entry: Entry, indent: int) -> None:
        """A line ends with one comment: an entry's others (from a flow item, a dropped ``id``)
        go above it, where they read back."""
        for text in entry.trailing[:-1]:
            self.comment(Comment(text), indent)

    def _nested_sequence(self, value: Collection, context: str, indent: int) -> None:
        """A list as an item of a list: ``- - a``."""
        start = len(self.lines)
        self.sequence(value, context, indent + 2)
        for index in range(start, len(self.lines)):
            line = self.lines[index]
            if line.lstrip().startswith("#"):
                self.lines[index] = " " * indent + line.lstrip()  # above the item, as read back
            elif line:
                self.lines[index] = " " * indent + "- " + line[indent + 2 :]
                break

    def value(self, head: str, entry: Entry, context: str, indent: int) -> None:
        value = entry.value
        comment = ("  " + entry.trailing[-1]) if entry.trailing else ""
        self.after_keep = False
        if isinstance(value, Collection):
            if not value.entries:
                self.lines.append(head + (" {}" if value.mapping else " []") + comment)
                return
            flow = self._flow_text(value, context, len(head) + 1)
            if flow is not None:
                self.lines.append(head + " " + flow + comment)
                return
            self.lines.append(head + comment)
            if value.mapping:
                self.mapping(value, context, indent + 2)
            else:
                self.sequence(value, context, indent + 2)
            return
        scalar = value.value
        if scalar is None:
            self.lines.append(head + comment)
            return
        if isinstance(scalar, str):
            self._string(head, scalar, context, indent, comment)
            return
        text = ("true" if scalar else "false") if isinstance(scalar, bool) else number_text(scalar, value.written)
        self.lines.append(head + " " + text + comment)

    def _string(self, head: str, text: str, context: str, indent: int, comment: str) -> None:
        line = text[:-1] if text.endswith("\n") else text  # one line, perhaps ending with a line break
        if "\n" not in line:
            mode = self.layout.fold(context)
            inline = text if plain_string(text) else double_quoted(text)
            long = len(head) + 1 + len(inline) > MAX_WIDTH
            if mode == "always" or (mode == "long" and long) or (line != text and mode != "never"):
                folded = fold_lines(line, indent + 2)
                if folded is not None and (mode == "always" or len(folded) > 1 or line != text):
                    self.lines.append(f"{head} {'>-' if line == text else '>'}{comment}")
                    self.lines.extend(" " * (indent + 2) + part for part in folded)
                    return
            if line == text:
                self.lines.append(f"{head} {inline}{comment}")
                return
        block = literal_lines(text)
        if block is None:
            self.lines.append(f"{head} {double_quoted(text)}{comment}")
            return
        header, lines = block
        self.lines.append(f"{head} {header}{comment}")
        self.lines.extend(" " * (indent + 2) + part if part else "" for part in lines)
        self.after_keep = header == "|+"

    def _flow_text(self, collection: Collection, context: str, column: int) -> str | None:
        """The collection on one line (``{yes: 14, no: 0}``, ``[a, b]``) when the layout wants
        flow style here, it holds only scalars and no comment, and it fits; else None."""
        if not collection.entries or not self.layout.flow(context) or _has_comments(collection):
            return None
        parts: list[str] = []
        for entry in collection.entries:
            if not isinstance(entry.value, Scalar) or entry.value.value is None:
                return None
            value = entry.value.value
            if isinstance(value, str):
                if "\n" in value:
                    return None
                text = value if plain_string(value, flow=True) else double_quoted(value)
            elif isinstance(value, bool):
                text = "true" if value else "false"
            else:
                text = number_text(value, entry.value.written)
            if entry.key is not None:
                key = entry.key if plain_is_safe(entry.key, flow=True) else double_quoted(entry.key)
                text = f"{key}: {text}"
            parts.append(text)
        flow = ("{" if collection.mapping else "[") + ", ".join(parts) + ("}" if collection.mapping else "]")
        return flow if column + len(flow) <= MAX_WIDTH else None

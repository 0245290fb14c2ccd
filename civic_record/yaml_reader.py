"""YAML 1.2 (core schema) reading that remembers where every value came from.

PyYAML follows YAML 1.1: ``no:`` becomes ``False``, ``18:00`` an integer, ``2025-05-14`` a
date object, and a repeated key silently wins. A roll call is written ``yes: [...]`` and
``no: [...]`` by clerks, so we resolve scalars by the YAML 1.2 core schema ourselves and
construct values from PyYAML's node graph, keeping each node's line and column.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
import yaml.reader

from .problem_codes import Code

Path = tuple[str | int, ...]

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CoreSchemaLoader(_Loader):  # type: ignore[misc]
    """A loader whose implicit resolvers are exactly the YAML 1.2 core schema's."""


_CoreSchemaLoader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
]
for _tag, _regexp, _first in _RESOLVERS:
    _CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


@dataclass(frozen=True)
class Position:
    """1-based line and column in the file."""

    line: int
    column: int


@dataclass
class PositionMap:
    """Where each value (and each mapping key) stands, by its path from the document root."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def of_value(self, path: Path) -> Position:
        """The value's position or, when it is absent, the nearest enclosing one."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found:
                return found
        return Position(1, 1)

    def of_key(self, path: Path) -> Position:
        """The key's position (for an unknown or misplaced field), else the value's."""
        return self.keys.get(path) or self.of_value(path)


@dataclass(frozen=True)
class YamlProblem:
    line: int
    column: int
    code: Code
    message: str
    hint: str | None = None


@dataclass
class YamlDocument:
    """A parsed document: plain Python values, their positions, and what went wrong."""

    value: Any
    positions: PositionMap
    problems: list[YamlProblem]


def read_yaml(text: str, line_offset: int = 0) -> YamlDocument:
    """Parse one YAML document; problems are returned, never raised."""
    positions = PositionMap()
    try:
        too_deep = _nesting_beyond_limit(text)
        if too_deep is not None:
            problem = YamlProblem(
                too_deep.line + 1,  # the parser counts from 0
                too_deep.column + 1,
                Code.YAML_TOO_DEEP,
                f"lists and mappings are nested more than {MAX_NESTING} levels deep",
                "a record needs a few levels at most; check the brackets and the indentation",
            )
            return YamlDocument(None, positions, [_shift(problem, line_offset)])
        node = yaml.compose(text, Loader=_CoreSchemaLoader)
    except yaml.MarkedYAMLError as exc:
        problem = _syntax_problem(text, exc)
        return YamlDocument(None, positions, [_shift(problem, line_offset)])
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        character = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        problem = YamlProblem(
            line,
            column,
            Code.YAML_SYNTAX,
            f"the file contains a control character (U+{ord(character[:1] or ' '):04X})",
            "delete it; invisible characters often come along when text is copied out of a PDF",
        )
        return YamlDocument(None, positions, [_shift(problem, line_offset)])
    if node is None:
        return YamlDocument(None, positions, [])
    builder = _Builder(positions, line_offset)
    value = builder.build(node, ())
    return YamlDocument(value, positions, builder.problems)


_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^#'"]*?:\s+)?(["'])(.*)$""")


MAX_NESTING = 64
"""Deeper structures are refused before they are built: building them recursively would
exhaust the stack (in PyYAML's C composer, a crash of the whole process)."""


def _nesting_beyond_limit(text: str) -> Position | None:
    """Where nesting first exceeds ``MAX_NESTING``, read from the parser's event stream."""
    depth = 0
    for event in yaml.parse(text, Loader=_CoreSchemaLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                mark = event.start_mark
                return Position(mark.line, mark.column) if mark else Position(0, 0)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _unclosed_quote(line: str) -> int | None:
    """The column (0-based) of a value's opening quote when the line does not close it."""
    match = _OPEN_QUOTE.match(line)
    if not match:
        return None
    quote, rest = match.group(1), match.group(2)
    closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'(?!')", rest.replace("''", ""))
    return None if closed else match.start(1)


def _syntax_problem(text: str, exc: yaml.MarkedYAMLError) -> YamlProblem:
    """Point at the clerk's mistake, which is often well before where the parser gave up."""
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    last = mark.line if mark else len(lines) - 1
    for index in range(min(last, len(lines) - 1), -1, -1):
        column = _unclosed_quote(lines[index])
        if column is not None:
            return YamlProblem(
                index + 1,
                column + 1,
                Code.YAML_SYNTAX,
                "this quoted value is never closed",
                "end the value with the same quote mark it starts with",
            )
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    bad_line = lines[mark.line] if mark and mark.line < len(lines) else ""
    indent = bad_line[: len(bad_line) - len(bad_line.lstrip(" \t"))]
    if "\t" in indent or (mark and bad_line[mark.column : mark.column + 1] == "\t"):
        return YamlProblem(
            line,
            column,
            Code.YAML_SYNTAX,
            "a tab character is used where YAML needs spaces",
            "YAML indents with spaces only; replace the tab with spaces",
        )
    parts = [p for p in (exc.context, exc.problem) if p]
    message = "invalid YAML: " + ("; ".join(parts) if parts else "the file cannot be read as YAML")
    return YamlProblem(line, column, Code.YAML_SYNTAX, message, "check the indentation and the quotes around this line")


def _shift(problem: YamlProblem, line_offset: int) -> YamlProblem:
    return YamlProblem(problem.line + line_offset, problem.column, problem.code, problem.message, problem.hint)


class _Builder:
    def __init__(self, positions: PositionMap, line_offset: int) -> None:
        self.positions = positions
        self.line_offset = line_offset
        self.problems: list[YamlProblem] = []
        self._seen: set[int] = set()

    def _position(self, node: yaml.Node) -> Position:
        return Position(node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1)

    def _problem(self, node: yaml.Node, code: Code, message: str, hint: str | None = None) -> None:
        where = self._position(node)
        self.problems.append(YamlProblem(where.line, where.column, code, message, hint))

    def build(self, node: yaml.Node, path: Path) -> Any:
        # An alias makes PyYAML hand us the same node object again. Refusing aliases
        # outright is what keeps a "billion laughs" file from exhausting memory.
        if id(node) in self._seen and not isinstance(node, yaml.ScalarNode):
            self._problem(
                node,
                Code.YAML_ALIAS,
                "YAML anchors and aliases (&name / *name) are not allowed in records",
                "write the value out in full where it is needed",
            )
            return None
        self._seen.add(id(node))
        self.positions.values[path] = self._position(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._problem(node, Code.YAML_UNKNOWN_TAG, f"the YAML tag '{node.tag}' is not allowed in records")
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        if node.tag != _MAP:
            self._problem(node, Code.YAML_UNKNOWN_TAG, f"the YAML tag '{node.tag}' is not allowed in records")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(
                    key_node,
                    Code.YAML_COMPLEX_KEY,
                    "a mapping key must be a plain word or text",
                    "write the key as a single word followed by a colon",
                )
                continue
            key = key_node.value
            if key in result:
                first = self.positions.keys.get((*path, key))
                where = f" (first at line {first.line})" if first else ""
                self._problem(
                    key_node,
                    Code.YAML_DUPLICATE_KEY,
                    f"the key '{key}' appears twice in one mapping{where}",
                    "YAML keeps only one of them; merge the two entries into one",
                )
                continue
            self.positions.keys[(*path, key)] = self._position(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR or tag == "!":
            return text
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return text.lower() == "true"
        try:
            if tag == "tag:yaml.org,2002:int":
                return _to_int(text)
            if tag == "tag:yaml.org,2002:float":
                return _to_float(text)
        except ValueError:
            self._problem(node, Code.YAML_BAD_SCALAR, f"'{text}' is not a valid number for its YAML tag")
            return text
        self._problem(
            node,
            Code.YAML_UNKNOWN_TAG,
            f"the YAML tag '{tag}' is not allowed in records",
            "remove the tag; records use plain YAML values",
        )
        return text


def _to_int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _to_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(text)

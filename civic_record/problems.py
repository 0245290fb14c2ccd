"""Problems found in a corpus, collected rather than thrown, and reported in compiler format."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .problem_codes import Code, Severity, registered

__all__ = ["Code", "Problem", "Problems", "Severity", "display_path", "printable"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the records, pointing at the line a clerk has to fix."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        # A file name, key or value may hold line breaks, terminal escape sequences or characters
        # that reorder text: shown escaped, a report line stays one line and says what it says.
        for name in ("path", "code", "message", "hint"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, printable(value))

    def format(self) -> str:
        """``path:line:col: error [code]: message`` and, on the next line, the hint."""
        head = f"{self.path}:{self.line}:{self.column}: {self.severity.value} [{self.code}]: {self.message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)


@dataclass
class Problems:
    """A collector: every check adds to it and nobody stops at the first problem."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self, severity: Severity, path: str, line: int, column: int, code: Code, message: str, hint: str | None = None
    ) -> None:
        """Add a problem; its code must be a member of :class:`Code` of that severity, or this raises
        :class:`~civic_record.problem_codes.ProblemCodeError` (a mistake in the code, not in the records)."""
        self.items.append(Problem(path, line, column, registered(code, severity), message, hint, severity))

    def error(self, path: str, line: int, column: int, code: Code, message: str, hint: str | None = None) -> None:
        self.add(Severity.ERROR, path, line, column, code, message, hint)

    def warning(self, path: str, line: int, column: int, code: Code, message: str, hint: str | None = None) -> None:
        self.add(Severity.WARNING, path, line, column, code, message, hint)

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def has_errors(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Problem]:
        """Problems grouped by file, in line order, the same order on every run."""
        unique = {(p.sort_key(), p.severity.value, p.hint or ""): p for p in self.items}
        return [unique[key] for key in sorted(unique)]

    def report(self) -> str:
        """The whole report: every problem, then a summary line counting them by code."""
        lines = [p.format() for p in self.sorted()]
        lines.append(self.summary())
        return "\n".join(lines)

    def summary(self) -> str:
        problems = self.sorted()
        errors = sum(1 for p in problems if p.severity is Severity.ERROR)
        warnings = len(problems) - errors
        if not problems:
            return "No problems found."
        counts = Counter(p.code for p in problems)
        by_code = ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
        return printable(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} ({by_code})")


UNPRINTABLE = re.compile(
    r"["
    r"\x00-\x1f\x7f-\x9f"  # C0 controls (ESC, CR, LF, tab...), DEL, C1 controls (CSI, NEL...)
    r"\u061c\u200e\u200f"  # bidirectional marks
    r"\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    r"\u2028\u2029"  # line and paragraph separators
    r"\ud800-\udfff"  # lone surrogates: bytes of a file name that is not UTF-8
    r"]"
)
"""Characters a report never shows raw: they move the cursor, erase or recolour the terminal,
break the line, or reorder the text around them (so a report could read "No problems found.")."""

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte of a non-UTF-8 name, as Python decodes it
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` on one line, each control or bidirectional character shown as an escape (``\\x1b``)."""
    return UNPRINTABLE.sub(_escaped, text)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def display_path(path: Path) -> str:
    """The path as the clerk typed it: relative to the working folder when inside it.

    Control and bidirectional characters in a name are shown escaped (``printable``).
    """
    relative = os.path.relpath(path)
    return printable(str(path) if relative.startswith("..") else relative)

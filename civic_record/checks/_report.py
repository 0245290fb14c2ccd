"""Reporting a problem at a record's field, by path."""

from __future__ import annotations

from functools import partial

from ..corpus import Corpus
from ..problems import Problem, Problems, Severity


def report_at(
    severity: Severity,
    corpus: Corpus,
    problems: Problems,
    record_id: str,
    path: tuple[str | int, ...],
    code: str,
    message: str,
    hint: str | None = None,
    *,
    key: bool = False,
) -> None:
    """Add a problem at the key (``key=True``) or the value found at ``path`` in the record's file."""
    source = corpus.files[record_id]
    pos = source.positions.of_key(path) if key else source.positions.of_value(path)
    problems.items.append(Problem(source.display, pos.line, pos.column, code, message, hint, severity))


error_at = partial(report_at, Severity.ERROR)
warning_at = partial(report_at, Severity.WARNING)

"""Reporting a problem at a record's field, by path."""

from __future__ import annotations

from functools import partial

from ..corpus import Corpus
from ..problem_codes import Code, Severity
from ..problems import Problems


def report_at(
    severity: Severity,
    corpus: Corpus,
    problems: Problems,
    record_id: str,
    path: tuple[str | int, ...],
    code: Code,
    message: str,
    hint: str | None = None,
    *,
    key: bool = False,
) -> None:
    """Add a problem at the key (``key=True``) or the value found at ``path`` in the record's file.

    ``code`` is a member of :class:`Code` whose severity is ``severity`` (see :meth:`Problems.add`)."""
    source = corpus.files[record_id]
    pos = source.positions.of_key(path) if key else source.positions.of_value(path)
    problems.add(severity, source.display, pos.line, pos.column, code, message, hint)


error_at = partial(report_at, Severity.ERROR)
warning_at = partial(report_at, Severity.WARNING)

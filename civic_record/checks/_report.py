"""Reporting a problem at a record's field, by path."""

from __future__ import annotations

from ..corpus import Corpus
from ..problems import Problems


def error_at(
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
    source = corpus.files[record_id]
    pos = source.positions.of_key(path) if key else source.positions.of_value(path)
    problems.error(source.display, pos.line, pos.column, code, message, hint)


def warning_at(
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
    source = corpus.files[record_id]
    pos = source.positions.of_key(path) if key else source.positions.of_value(path)
    problems.warning(source.display, pos.line, pos.column, code, message, hint)

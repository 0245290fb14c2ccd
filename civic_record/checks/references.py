"""Every id a record names must be a record of the right kind ("did you mean" otherwise)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..corpus import Corpus
from ..models import (
    ID_PATTERN,
    MAX_ID_LENGTH,
    Body,
    DatedRecord,
    Document,
    Letter,
    Meeting,
    Person,
    Record,
    SopVersion,
    Technology,
    Vote,
)
from ..problem_codes import Code
from ..problems import Problems
from ..vocabulary import DATED_KINDS, RecordKind
from ._report import error_at, warning_at

Reference = tuple[tuple[str | int, ...], str, tuple[RecordKind, ...], Code]
"""(path in the file, the id named, the kinds it may be, the error code when unknown)."""

PERSON_OR_BODY = (RecordKind.PERSON, RecordKind.BODY)


def references_of(record: Record) -> Iterator[Reference]:
    """Every reference a record makes, with where it stands in the file."""
    if isinstance(record, DatedRecord):
        yield from _each(("technologies",), record.technologies, (RecordKind.TECHNOLOGY,))
        yield from _each(("bodies",), record.bodies, (RecordKind.BODY,))
    if isinstance(record, Letter):
        yield from _each(("from",), record.signatories, PERSON_OR_BODY, Code.LETTER_UNKNOWN_SIGNATORY)
        yield from _each(("to",), record.to, PERSON_OR_BODY)
        yield from _each(("cc",), record.cc, PERSON_OR_BODY)
        if record.in_reply_to:
            yield ("in_reply_to",), record.in_reply_to, (RecordKind.LETTER,), Code.REFERENCE_UNKNOWN
    elif isinstance(record, Meeting):
        yield ("body",), record.body, (RecordKind.BODY,), Code.REFERENCE_UNKNOWN
        for index, item in enumerate(record.agenda):
            yield from _each(("agenda", index, "technologies"), item.technologies, (RecordKind.TECHNOLOGY,))
    elif isinstance(record, Vote):
        yield ("body",), record.body, (RecordKind.BODY,), Code.REFERENCE_UNKNOWN
        if record.meeting:
            yield ("meeting",), record.meeting, (RecordKind.MEETING,), Code.REFERENCE_UNKNOWN
        for option, voters in (record.roll_call or {}).items():
            yield from _each(("roll_call", option.value), voters, (RecordKind.PERSON,), Code.VOTE_UNKNOWN_VOTER)
        for role in ("mover", "seconder"):
            person = getattr(record, role)
            if person:
                yield (role,), person, (RecordKind.PERSON,), Code.REFERENCE_UNKNOWN
    elif isinstance(record, SopVersion):
        if record.agency:
            yield ("agency",), record.agency, (RecordKind.BODY,), Code.REFERENCE_UNKNOWN
    elif isinstance(record, Document):
        yield from _each(("from",), record.authors, PERSON_OR_BODY)
        yield from _each(("to",), record.to, PERSON_OR_BODY)
        yield from _each(("signed_by",), record.signed_by, (RecordKind.PERSON,))
    elif isinstance(record, Body):
        if record.parent:
            yield ("parent",), record.parent, (RecordKind.BODY,), Code.REFERENCE_UNKNOWN
    elif isinstance(record, Person):
        for index, held in enumerate(record.roles):
            yield ("roles", index, "body"), held.body, (RecordKind.BODY,), Code.REFERENCE_UNKNOWN
            if held.source_record:
                yield ("roles", index, "source"), held.source_record, DATED_KINDS, Code.ROLE_UNKNOWN_SOURCE
    elif isinstance(record, Technology):
        if record.agency:
            yield ("agency",), record.agency, (RecordKind.BODY,), Code.REFERENCE_UNKNOWN
        for index, change in enumerate(record.status_history):
            yield ("status_history", index, "record"), change.record, DATED_KINDS, Code.REFERENCE_UNKNOWN
        yield from _each(("related",), record.related, (RecordKind.TECHNOLOGY,))


def _each(
    path: tuple[str | int, ...], ids: list[str], kinds: tuple[RecordKind, ...], code: Code = Code.REFERENCE_UNKNOWN
) -> Iterator[Reference]:
    for index, target in enumerate(ids):
        yield (*path, index), target, kinds, code


def _kind_words(kinds: tuple[RecordKind, ...]) -> str:
    words = [k.value for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _is_id(text: str) -> bool:
    """Written like a record id: only such a value can name a record not written yet."""
    return len(text) <= MAX_ID_LENGTH and ID_PATTERN.fullmatch(text) is not None


def new_command(kinds: tuple[RecordKind, ...], target: str) -> str:
    """The command that starts a record with this id (the kind left to choose when several fit)."""
    kind = kinds[0].value if len(kinds) == 1 else "<kind>"
    return f"build_site.py new {kind} {target}"


def _add_hint(kinds: tuple[RecordKind, ...], code: Code, target: str) -> str:
    if code is Code.ROLE_UNKNOWN_SOURCE:
        return (
            "write the id of the letter, vote or document that shows the role, or the source itself as an "
            "entry (url, title, kind) on the lines below 'source:'"
        )
    article = "an" if _kind_words(kinds)[0] in "aeiou" else "a"
    if not _is_id(target):  # never paste a value that is no id into a command to copy
        return f"correct it: an id is written with lowercase letters, digits and single hyphens, like {article} " + (
            f"{_kind_words(kinds)} record's file name"
        )
    return (
        f"add {article} {_kind_words(kinds)} record with this id ('{new_command(kinds, target)}'), "
        "or correct the id; while the records are being written, 'check --draft' accepts it"
    )


def check_references(corpus: Corpus, problems: Problems) -> None:
    ids_by_kind: dict[RecordKind, list[str]] = {}
    for record_id, source in corpus.files.items():
        ids_by_kind.setdefault(source.kind, []).append(record_id)
    not_written: dict[str, list[tuple[str, tuple[str | int, ...], tuple[RecordKind, ...]]]] = {}
    for record_id, record in corpus.records.items():
        seen: set[tuple[tuple[str | int, ...], str]] = set()
        for path, target, kinds, code in references_of(record):
            if isinstance(path[-1], int) and (path[:-1], target) in seen and path[0] != "roll_call":
                error_at(
                    corpus,
                    problems,
                    record_id,
                    path,
                    Code.REFERENCE_REPEATED,
                    f"'{target}' is listed twice in '{path[0]}'",
                    "remove the repeated entry",
                )
            seen.add((path[:-1], target))
            found = corpus.files.get(target)
            if found is None and corpus.draft and _is_id(target):
                not_written.setdefault(target, []).append((record_id, path, kinds))
                continue
            if found is None:
                candidates = [i for k in kinds for i in ids_by_kind.get(k, [])]
                close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.8)
                hint = f"did you mean '{close[0]}'?" if close else _add_hint(kinds, code, target)
                error_at(
                    corpus,
                    problems,
                    record_id,
                    path,
                    code,
                    f"'{target}' is not a {_kind_words(kinds)} in this corpus",
                    hint,
                )
            elif found.kind not in kinds:
                error_at(
                    corpus,
                    problems,
                    record_id,
                    path,
                    Code.REFERENCE_WRONG_KIND,
                    f"'{target}' is a {found.kind.value}, but a {_kind_words(kinds)} is expected here",
                )

    _report_not_written(corpus, problems, not_written)


def _where(corpus: Corpus, record_id: str, path: tuple[str | int, ...]) -> tuple[str, int, int]:
    source = corpus.files[record_id]
    pos = source.positions.of_value(path)
    return (source.display, pos.line, pos.column)


def _report_not_written(
    corpus: Corpus,
    problems: Problems,
    named: dict[str, list[tuple[str, tuple[str | int, ...], tuple[RecordKind, ...]]]],
) -> None:
    """In a draft, one warning per id not written yet, at its first mention, with the kinds that
    may fill it (those every mention accepts) and how many records name it."""
    for target in sorted(named):
        mentions = sorted(named[target], key=lambda m: _where(corpus, m[0], m[1]))
        accepted = [k for k in RecordKind if all(k in kinds for _, _, kinds in mentions)]
        if not accepted:  # the mentions disagree (a person here, a vote there): any of them
            accepted = [k for k in RecordKind if any(k in kinds for _, _, kinds in mentions)]
        corpus.not_written[target] = set(accepted)
        by = {record_id for record_id, _, _ in mentions}
        record_id, path, _ = mentions[0]
        others = f" (named by {len(by)} records)" if len(by) > 1 else ""
        candidates = [i for i, f in corpus.files.items() if f.kind in accepted]
        close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.8)
        maybe = f"did you mean '{close[0]}'? Otherwise " if close else ""
        article = "an" if _kind_words(tuple(accepted))[0] in "aeiou" else "a"
        command = new_command(tuple(accepted), target)
        warning_at(
            corpus,
            problems,
            record_id,
            path,
            Code.DRAFT_NOT_WRITTEN,
            f"'{target}' is not written yet{others}; it may be {article} {_kind_words(tuple(accepted))}",
            f"{maybe}write it, e.g. with '{command}'; a build without --draft refuses until then",
        )

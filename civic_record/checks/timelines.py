"""Order and naming: status histories in date order, dated ids, SOP series."""

from __future__ import annotations

from ..corpus import Corpus
from ..problem_codes import Code
from ..problems import Problems
from ..requirements import known_requirements, requirement_records
from ..schema_errors import did_you_mean
from ..vocabulary import IN_USE_STATUSES
from ._report import error_at, warning_at


def check_status_history(corpus: Corpus, problems: Problems) -> None:
    for tech in corpus.technologies.values():
        for index in range(1, len(tech.status_history)):
            before, change = tech.status_history[index - 1], tech.status_history[index]
            if change.date < before.date:
                error_at(
                    corpus,
                    problems,
                    tech.id,
                    ("status_history", index, "date"),
                    Code.TECHNOLOGY_STATUS_OUT_OF_ORDER,
                    f"status '{change.status.value}' ({change.date.display()}) comes after "
                    f"'{before.status.value}' ({before.date.display()}) but is dated earlier",
                    "list status changes oldest first; the last entry is the current status",
                )


def check_dated_ids(corpus: Corpus, problems: Problems) -> None:
    for record in corpus.dated:
        if not record.id.startswith(record.date.iso()):
            warning_at(
                corpus,
                problems,
                record.id,
                ("date",),
                Code.RECORD_ID_WITHOUT_DATE,
                f"the id '{record.id}' does not start with the record's date {record.date.iso()}",
                f"rename the file to start with '{record.date.iso()}-' so records sort by date",
            )


def check_sop_series(corpus: Corpus, problems: Problems) -> None:
    for versions in corpus.sop_series.values():
        seen: dict[str, str] = {}
        for sop in versions:
            if sop.version in seen:
                error_at(
                    corpus,
                    problems,
                    sop.id,
                    ("version",),
                    Code.SOP_DUPLICATE_VERSION,
                    f"version '{sop.version}' of series '{sop.series}' is also {seen[sop.version]}",
                    "give each version of a series its own label",
                )
            seen.setdefault(sop.version, sop.id)


def check_requirements(corpus: Corpus, problems: Problems) -> None:
    """Requirements named are known; a technology in use while one is missing: a warning."""
    known = known_requirements(corpus)
    hint = (
        f"use one of: {', '.join(known)}; a city's own requirement is added under 'requirements:' in "
        "records/site.yml, e.g. 'privacy-board-review: Privacy Advisory Board review'"
    )
    for tech in corpus.technologies.values():
        for index, requirement in enumerate(tech.required):
            if requirement not in known:
                error_at(
                    corpus,
                    problems,
                    tech.id,
                    ("required", index),
                    Code.TECHNOLOGY_UNKNOWN_REQUIREMENT,
                    f"'{requirement}' is neither a built-in requirement nor one of the city's in records/site.yml",
                    did_you_mean(requirement, list(known)) or hint,
                )
        for index, other in enumerate(tech.related):
            if other == tech.id:
                error_at(
                    corpus,
                    problems,
                    tech.id,
                    ("related", index),
                    Code.TECHNOLOGY_RELATED_TO_ITSELF,
                    "a technology cannot be related to itself",
                    "list the other technologies this one is used with",
                )
    for record in corpus.dated:
        for index, requirement in enumerate(record.meets):
            if requirement not in corpus.settings.requirements:
                error_at(
                    corpus,
                    problems,
                    record.id,
                    ("meets", index),
                    Code.RECORD_UNKNOWN_REQUIREMENT,
                    f"'{requirement}' is not one of the city's requirements in records/site.yml",
                    did_you_mean(requirement, list(corpus.settings.requirements))
                    or "add it under 'requirements:' in records/site.yml (built-in requirements are met "
                    "by the kind of record and need no 'meets')",
                )
    for tech in corpus.technologies.values():
        current = tech.current_status
        if current is None or current.status not in IN_USE_STATUSES:
            continue
        met = requirement_records(corpus, tech)
        for index, requirement in enumerate(tech.required):
            if requirement in known and requirement not in met:
                warning_at(
                    corpus,
                    problems,
                    tech.id,
                    ("required", index),
                    Code.TECHNOLOGY_IN_USE_MISSING_REQUIREMENT,
                    f"{tech.title} is '{current.status.value}' but no record on its timeline shows the required "
                    f"'{requirement}'",
                    "add the record that meets it (e.g. the policy, the hearing or the vote) to the timeline, "
                    "or keep the warning: it is what the page shows readers",
                )

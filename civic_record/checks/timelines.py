"""Order and naming: status histories in date order, dated ids, SOP series."""

from __future__ import annotations

from ..corpus import Corpus
from ..problems import Problems
from ..requirements import requirement_records
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
                    "technology.status-out-of-order",
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
                "record.id-without-date",
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
                    "sop.duplicate-version",
                    f"version '{sop.version}' of series '{sop.series}' is also {seen[sop.version]}",
                    "give each version of a series its own label",
                )
            seen.setdefault(sop.version, sop.id)


IN_USE = ("in-use", "in-use-without-approval")


def check_requirements(corpus: Corpus, problems: Problems) -> None:
    """A technology in use while something the city's rules require is missing: a warning."""
    for tech in corpus.technologies.values():
        current = tech.current_status
        if current is None or current.status.value not in IN_USE:
            continue
        met = requirement_records(corpus, tech)
        for index, requirement in enumerate(tech.required):
            if requirement not in met:
                warning_at(
                    corpus,
                    problems,
                    tech.id,
                    ("required", index),
                    "technology.in-use-missing-requirement",
                    f"{tech.title} is '{current.status.value}' but no record on its timeline shows the required "
                    f"'{requirement.value}'",
                    "add the record that meets it (e.g. the policy, the hearing or the vote) to the timeline, "
                    "or keep the warning: it is what the page shows readers",
                )

"""People's dated roles, and the roles signatories held when they signed."""

from __future__ import annotations

from ..corpus import Corpus
from ..dates import PartialDate
from ..problem_codes import Code
from ..problems import Problems
from ._report import error_at


def check_roles(corpus: Corpus, problems: Problems) -> None:
    for person in corpus.people.values():
        for index, role in enumerate(person.roles):
            if role.start and role.end and role.end.last_day() < role.start.first_day():
                error_at(
                    corpus,
                    problems,
                    person.id,
                    ("roles", index, "end"),
                    Code.PERSON_ROLE_ENDS_BEFORE_START,
                    f"the role '{role.title}' ends ({role.end.display()}) before it starts ({role.start.display()})",
                    "check the two dates; a role that has not ended has no 'end'",
                )
            if role.as_of and not role.as_of.overlaps(role.start, role.end):
                error_at(
                    corpus,
                    problems,
                    person.id,
                    ("roles", index, "as_of"),
                    Code.PERSON_AS_OF_OUTSIDE_ROLE,
                    f"'as_of' ({role.as_of.display()}) is outside the role '{role.title}'"
                    f" ({_span(role.start, role.end)})",
                    "'as_of' is a date on which a source shows the role still held: check it against 'start' and 'end'",
                )


def _span(start: PartialDate | None, end: PartialDate | None) -> str:
    begin = start.display() if start else "start not recorded"
    return f"{begin} to {end.display()}" if end else f"from {begin}"


def check_signatories(corpus: Corpus, problems: Problems) -> None:
    """A letter's signatory must hold a role on the letter's date: the page shows it."""
    for letter in corpus.letters.values():
        for index, signer in enumerate(letter.signatories):
            person = corpus.people.get(signer)
            if person is None or person.roles_on(letter.date):
                continue
            error_at(
                corpus,
                problems,
                letter.id,
                ("from", index),
                Code.LETTER_SIGNATORY_WITHOUT_ROLE,
                f"{person.name} ('{signer}') holds no role on {letter.date.display()}, the letter's date",
                f"add the role they signed in to people/{signer}.yml, with dates covering {letter.date.iso()}",
            )

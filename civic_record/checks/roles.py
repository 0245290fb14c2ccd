"""People's dated roles, and the roles signatories held when they signed."""

from __future__ import annotations

from ..corpus import Corpus
from ..dates import PartialDate
from ..problem_codes import Code
from ..problems import Problems
from ._report import error_at, warning_at


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


def check_people_are_one_each(corpus: Corpus, problems: Problems) -> None:
    """One person, one record: a second record with the same name, or two people in one seat
    at once, would make a letter's non-signers or a roll call's absent members include
    someone who is there under another id."""
    by_name: dict[str, str] = {}
    for person in corpus.people.values():  # in id order: the later id is the one reported
        name = " ".join(person.name.casefold().split())
        first = by_name.setdefault(name, person.id)
        if first != person.id:
            warning_at(
                corpus,
                problems,
                person.id,
                ("name",),
                Code.PERSON_SAME_NAME,
                f"'{first}' has the same name, {person.name}",
                f"if they are one person, keep one record and use '{first}' everywhere; if not, tell them apart "
                "in 'name' (a middle initial, Jr.)",
            )
    seats: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for person in corpus.people.values():
        for index, role in enumerate(person.roles):
            if role.district:
                seats.setdefault((role.body, role.district.strip().casefold()), []).append((person.id, index))
    for (body, _), holders in sorted(seats.items()):
        for later, (person_id, index) in enumerate(holders):
            role = corpus.people[person_id].roles[index]
            for other_id, other_index in holders[:later]:
                other = corpus.people[other_id].roles[other_index]
                if other_id != person_id and _overlap(role.start, role.end, other.start, other.end):
                    warning_at(
                        corpus,
                        problems,
                        person_id,
                        ("roles", index, "district"),
                        Code.ROLE_SEAT_SHARED,
                        f"'{other_id}' holds the same seat ({role.district}) on '{body}' in the same period "
                        f"({_span(other.start, other.end)})",
                        "if they are one person, keep one record; if the seat changed hands, give the roles "
                        "'start' and 'end' dates that do not overlap",
                    )
                    break


def _overlap(
    a_start: PartialDate | None, a_end: PartialDate | None, b_start: PartialDate | None, b_end: PartialDate | None
) -> bool:
    """Two spans share more than a handover day (a missing start or end is open-ended)."""
    starts = [d.first_day() for d in (a_start, b_start) if d]
    ends = [d.first_day() for d in (a_end, b_end) if d]
    return not starts or not ends or max(starts) < min(ends)


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

"""Who sat on a body when: rosters by date, and how much of a body signed a letter.

A roster claims only what the records show: the people whose dated roles cover the day. A role
with no ``end`` is "no end recorded", not a seat held today; a body's ``seats`` may be more than
the record's holders on a date, and pages say so ("13 of 15 seats").
"""

from __future__ import annotations

from dataclasses import dataclass

from .corpus import Corpus
from .dates import PartialDate
from .models import Body, DatedRecord, Letter, Meeting, Person, Role, Vote
from .tally import voters_counted
from .vocabulary import VoteOption


def members_on(corpus: Corpus, body_id: str, day: PartialDate) -> list[tuple[Person, Role]]:
    """Everyone holding a role on the body on ``day``, by sort name."""
    members = []
    for person in corpus.ever_members.get(body_id, []):
        roles = person.roles_on(day, body_id)
        if roles:
            members.append((person, roles[0]))
    return sorted(members, key=lambda pr: ((pr[0].sort_name or pr[0].name).casefold(), pr[0].id))


def seats_words(corpus: Corpus, body_id: str, held: int) -> str:
    """``13 of 15 seats`` when the body's seats are known, else ``13 members``."""
    body = corpus.bodies.get(body_id)
    if body is not None and body.seats:
        return f"{held} of {body.seats} seat{'' if body.seats == 1 else 's'}"
    return f"{held} member{'' if held == 1 else 's'}"


def tally_beyond_roster(corpus: Corpus, vote: Vote) -> tuple[int, int] | None:
    """(voters in the tally, members on record) when the tally counts more voters than the
    record has members of the body on the vote's date; None otherwise."""
    counted = voters_counted(vote)
    on_record = len(members_on(corpus, vote.body, vote.date))
    return (counted, on_record) if counted > on_record else None


@dataclass(frozen=True)
class RollCallRow:
    """One row of a vote's roll call as its page shows it."""

    person_id: str
    option: VoteOption | None
    """How they voted; None for a member of the body on that date whom the roll call does not name."""
    role: Role | None
    """The role they held on the body on the vote's date (None when the records give none)."""


def roll_call_rows(corpus: Corpus, vote: Vote) -> list[RollCallRow]:
    """The voters the roll call names, option by option in the order of ``VoteOption``, then
    the members of the body on that date it does not name, by sort name."""
    rows = []
    named: set[str] = set()
    for option in VoteOption:
        for voter in (vote.roll_call or {}).get(option, []):
            named.add(voter)
            person = corpus.people.get(voter)
            roles = person.roles_on(vote.date, vote.body) if person is not None else []
            rows.append(RollCallRow(voter, option, roles[0] if roles else None))
    rows.extend(
        RollCallRow(p.id, None, role) for p, role in members_on(corpus, vote.body, vote.date) if p.id not in named
    )
    return rows


@dataclass(frozen=True)
class RosterPeriod:
    """Consecutive meetings and votes of a body at which the same people held seats."""

    records: tuple[DatedRecord, ...]
    members: tuple[str, ...]


def roster_periods(corpus: Corpus, body_id: str) -> list[RosterPeriod]:
    periods: list[RosterPeriod] = []
    for record in corpus.by_body.get(body_id, []):
        if not isinstance(record, Meeting | Vote) or record.body != body_id:
            continue
        members = tuple(person.id for person, _ in members_on(corpus, body_id, record.date))
        if periods and periods[-1].members == members:
            periods[-1] = RosterPeriod((*periods[-1].records, record), members)
        else:
            periods.append(RosterPeriod((record,), members))
    return periods


@dataclass(frozen=True)
class BodyShare:
    """How many of a body's members on the letter's date signed it."""

    body: Body
    signers: tuple[Person, ...]
    non_signers: tuple[Person, ...]
    seats: int

    @property
    def unrecorded_seats(self) -> int:
        return max(0, self.seats - len(self.signers) - len(self.non_signers))


def letter_body_share(corpus: Corpus, letter: Letter) -> BodyShare | None:
    """The body every person who signed belonged to on the date, if there is one."""
    signers = [corpus.people[s] for s in letter.signatories if s in corpus.people]
    if len(signers) < 2:
        return None
    common = set.intersection(*({r.body for r in p.roles_on(letter.date)} for p in signers))
    bodies = sorted(
        (corpus.bodies[b] for b in common if b in corpus.bodies), key=lambda b: (b.parent is not None, b.id)
    )
    if not bodies:
        return None
    body = bodies[0]
    roster = [person for person, _ in members_on(corpus, body.id, letter.date)]
    signer_ids = {p.id for p in signers}
    non_signers = tuple(p for p in roster if p.id not in signer_ids)
    return BodyShare(body, tuple(signers), non_signers, body.seats or len(roster))


def letters_not_signed(corpus: Corpus, person_id: str) -> list[tuple[Letter, Body]]:
    """The letters signed by members of a body that the person sat on that day, which the person
    did not sign, oldest first, each with that body."""
    return corpus.non_signers.get(person_id, [])


def non_signers_index(corpus: Corpus) -> dict[str, list[tuple[Letter, Body]]]:
    """Every person's letters not signed (see :func:`letters_not_signed`), by person id."""
    index: dict[str, list[tuple[Letter, Body]]] = {}
    for letter in sorted(corpus.letters.values(), key=corpus.timeline_key):
        share = letter_body_share(corpus, letter)
        if share is None:
            continue
        for person in share.non_signers:
            index.setdefault(person.id, []).append((letter, share.body))
    return index

"""Who sat on a body when: rosters by date, and how much of a body signed a letter."""

from __future__ import annotations

from dataclasses import dataclass

from .corpus import Corpus
from .dates import PartialDate
from .models import Body, DatedRecord, Letter, Meeting, Person, Role, Vote


def members_on(corpus: Corpus, body_id: str, day: PartialDate) -> list[tuple[Person, Role]]:
    """Everyone holding a role on the body on ``day``, by sort name."""
    members = []
    for person in corpus.ever_members.get(body_id, []):
        roles = person.roles_on(day, body_id)
        if roles:
            members.append((person, roles[0]))
    return sorted(members, key=lambda pr: ((pr[0].sort_name or pr[0].name).casefold(), pr[0].id))


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

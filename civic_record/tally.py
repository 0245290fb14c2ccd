"""A vote's tally: one function for the checks, the pages and the data files.

A record gives a vote's numbers in one of three ways: a roll call naming every voter, the counts
the clerk published, or both. A *partial* roll call (``roll_call_partial``) names only some
voters, so its ``counts`` are the whole tally. The tally is therefore, in this order:

1. the published ``counts`` of a partial roll call;
2. else the roll call, when there is one: the number of names under each option;
3. else the published ``counts``.

Where a record gives both a complete roll call and counts, ``check`` requires them to agree
(``vote.counts-mismatch``), so 2 and 3 differ only in a record with that error.
"""

from __future__ import annotations

from .models import Vote
from .vocabulary import VoteOption


def tally(vote: Vote) -> dict[VoteOption, int]:
    """Votes per option, each option as the record gives it (a published zero included), in
    the order of ``VoteOption``."""
    if vote.roll_call_partial and vote.counts is not None:
        given = dict(vote.counts)
    elif vote.roll_call is not None:
        given = {option: len(voters) for option, voters in vote.roll_call.items()}
    else:
        given = dict(vote.counts or {})
    return {option: given[option] for option in VoteOption if option in given}


def voters_counted(vote: Vote) -> int:
    """How many cast a vote on record: the tally's sum."""
    return sum(tally(vote).values())


def vote_of(vote: Vote, person_id: str) -> VoteOption | None:
    """The option a member voted, or None when the roll call does not name them."""
    for option, voters in (vote.roll_call or {}).items():
        if person_id in voters:
            return option
    return None


def names_partly(vote: Vote) -> bool:
    """Whether the sources leave some voters unnamed: a partial roll call, or none at all."""
    return vote.roll_call_partial or vote.roll_call is None

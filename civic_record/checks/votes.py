"""Roll calls: every voter held a seat, nobody votes twice, and tallies agree with names."""

from __future__ import annotations

from collections import Counter

from ..corpus import Corpus
from ..models import Vote
from ..problem_codes import Code
from ..problems import Problems
from ..tally import tally, voters_counted
from ..vocabulary import MotionKind, VoteOption, VoteResult
from ._report import error_at, warning_at


def check_votes(corpus: Corpus, problems: Problems) -> None:
    for vote in corpus.votes.values():
        if vote.roll_call is None and vote.counts is None:
            error_at(
                corpus,
                problems,
                vote.id,
                ("result",),
                Code.VOTE_NO_TALLY,
                "the vote has neither a 'roll_call' nor 'counts'",
                "add the roll call (names under each option) or the tally as published under 'counts'",
            )
        _check_voters(corpus, problems, vote)
        _check_motion(corpus, problems, vote)
        if vote.roll_call_partial:
            _check_partial(corpus, problems, vote)
        else:
            _check_counts(corpus, problems, vote)
        _check_seats(corpus, problems, vote)
        _check_result(corpus, problems, vote)
        _check_mover(corpus, problems, vote)


def _check_voters(corpus: Corpus, problems: Problems, vote: Vote) -> None:
    first_option: dict[str, VoteOption] = {}
    body = corpus.bodies.get(vote.body)
    for option, voters in (vote.roll_call or {}).items():
        for index, voter in enumerate(voters):
            path = ("roll_call", option.value, index)
            if voter in first_option:
                error_at(
                    corpus,
                    problems,
                    vote.id,
                    path,
                    Code.VOTE_DUPLICATE_VOTER,
                    f"'{voter}' appears twice in the roll call (under '{first_option[voter].value}' and "
                    f"'{option.value}')",
                    "a member casts one vote; keep the one the clerk recorded",
                )
                continue
            first_option[voter] = option
            person = corpus.people.get(voter)
            if person is None or body is None or person.roles_on(vote.date, vote.body):
                continue
            error_at(
                corpus,
                problems,
                vote.id,
                path,
                Code.VOTE_VOTER_WITHOUT_SEAT,
                f"{person.name} ('{voter}') holds no seat on {body.name} on {vote.date.display()}",
                f"check the voter, or add the seat to people/{voter}.yml with dates covering {vote.date.iso()}",
            )


def _check_counts(corpus: Corpus, problems: Problems, vote: Vote) -> None:
    if vote.roll_call is None or vote.counts is None:
        return
    named = Counter({option: len(set(voters)) for option, voters in vote.roll_call.items()})
    for option in sorted(set(named) | set(vote.counts), key=lambda o: list(VoteOption).index(o)):
        published = vote.counts.get(option, 0)
        if named.get(option, 0) != published:
            path = ("counts", option.value) if option in vote.counts else ("counts",)
            error_at(
                corpus,
                problems,
                vote.id,
                path,
                Code.VOTE_COUNTS_MISMATCH,
                f"the published count for '{option.value}' is {published}, but the roll call names "
                f"{named.get(option, 0)}",
                "correct the count or the roll call so that they agree",
            )


def _check_motion(corpus: Corpus, problems: Problems, vote: Vote) -> None:
    recommendation = vote.motion_kind is MotionKind.RECOMMENDATION
    if vote.recommends is not None and not recommendation:
        error_at(
            corpus,
            problems,
            vote.id,
            ("recommends",),
            Code.VOTE_RECOMMENDS_WITHOUT_RECOMMENDATION,
            f"'recommends' is only for a recommendation, but this vote's motion_kind is '{vote.motion_kind.value}'",
            "add 'motion_kind: recommendation' if the vote was an advisory body's recommendation, "
            "or remove 'recommends'",
        )
    if recommendation and vote.recommends is None:
        error_at(
            corpus,
            problems,
            vote.id,
            ("motion_kind",),
            Code.VOTE_RECOMMENDATION_WITHOUT_RECOMMENDS,
            "a recommendation vote must say what it recommends",
            "add 'recommends:' with one of approve, approve-with-conditions, reject, no-recommendation",
        )


def _check_partial(corpus: Corpus, problems: Problems, vote: Vote) -> None:
    """A partial roll call names some voters; ``counts`` gives the whole tally."""
    if vote.counts is None:
        error_at(
            corpus,
            problems,
            vote.id,
            ("roll_call_partial",),
            Code.VOTE_PARTIAL_WITHOUT_COUNTS,
            "a partial roll call needs 'counts': the whole tally as published",
            "add 'counts:' with the number under each option, e.g. 'counts: {yes: 9, no: 2}'",
        )
        return
    for option, voters in (vote.roll_call or {}).items():
        allowed = vote.counts.get(option, 0)
        if len(set(voters)) > allowed:
            error_at(
                corpus,
                problems,
                vote.id,
                ("roll_call", option.value),
                Code.VOTE_PARTIAL_NAMES_EXCEED_COUNTS,
                f"the roll call names {len(set(voters))} under '{option.value}', but the published count is {allowed}",
                "correct the count or the names: a partial roll call names at most as many as were counted",
            )


def _check_seats(corpus: Corpus, problems: Problems, vote: Vote) -> None:
    body = corpus.bodies.get(vote.body)
    if body is None or body.seats is None:
        return
    listed = voters_counted(vote)
    if listed > body.seats:
        where = ("roll_call",) if vote.roll_call is not None and not vote.roll_call_partial else ("counts",)
        error_at(
            corpus,
            problems,
            vote.id,
            where,
            Code.VOTE_MORE_VOTERS_THAN_SEATS,
            f"the vote lists {listed} members, but {body.name} has {body.seats} seats",
            f"check the roll call, or the 'seats' in bodies/{body.id}.yml",
        )


def _check_result(corpus: Corpus, problems: Problems, vote: Vote) -> None:
    """A warning only: some votes need two thirds, or a majority of all seats."""
    counted = tally(vote)
    yes, no = counted.get(VoteOption.YES, 0), counted.get(VoteOption.NO, 0)
    majority_says = VoteResult.PASS if yes > no else VoteResult.FAIL
    if yes == no or majority_says is vote.result:
        return
    warning_at(
        corpus,
        problems,
        vote.id,
        ("result",),
        Code.VOTE_RESULT_CONTRADICTS_TALLY,
        f"the result is '{vote.result.value}' but the tally is {yes} yes to {no} no",
        "check the result; if the body needs more than a simple majority, say so in 'caveats'",
    )


def _check_mover(corpus: Corpus, problems: Problems, vote: Vote) -> None:
    if vote.mover and vote.mover == vote.seconder:
        warning_at(
            corpus,
            problems,
            vote.id,
            ("seconder",),
            Code.VOTE_SAME_MOVER_AND_SECONDER,
            f"'{vote.mover}' is both the mover and the seconder",
            "check the minutes: a motion is seconded by another member",
        )
    if vote.roll_call is None or vote.roll_call_partial:
        return
    voted = {voter for voters in vote.roll_call.values() for voter in voters}
    for role in ("mover", "seconder"):
        person = getattr(vote, role)
        if person and person not in voted:
            warning_at(
                corpus,
                problems,
                vote.id,
                (role,),
                Code.VOTE_MOVER_DID_NOT_VOTE,
                f"the {role} '{person}' is not in the roll call",
                "add them to the roll call under the option they voted, or correct the " + role,
            )

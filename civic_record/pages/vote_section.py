"""A vote: matter, motion, result, and the roll call as an accessible table."""

from __future__ import annotations

from ..models import Person, Vote
from ..vocabulary import VoteOption
from .site import Html, Page, district_label, e, facts, identifier_span, table


def tally(vote: Vote) -> dict[VoteOption, int]:
    """The tally derived from the roll call when there is one, else the published counts."""
    if vote.roll_call is not None:
        return {option: len(voters) for option, voters in vote.roll_call.items() if voters}
    return {option: n for option, n in (vote.counts or {}).items()}


def vote_of(vote: Vote, person_id: str) -> VoteOption | None:
    """The option a member voted, or None when the roll call does not name them."""
    for option, voters in (vote.roll_call or {}).items():
        if person_id in voters:
            return option
    return None


def tally_words(counts: dict[VoteOption, int]) -> str:
    ordered = [o for o in VoteOption if counts.get(o)]
    return ", ".join(f"{o.label} {counts[o]}" for o in ordered) or "no votes recorded"


def vote_section(page: Page, vote: Vote) -> None:
    rows = [("Body", page.link_record(vote.body))]
    if vote.meeting:
        rows.append(("Meeting", page.link_record(vote.meeting)))
    if vote.matter:
        parts = [e(vote.matter.title)] if vote.matter.title else []
        if vote.matter.identifier:
            parts.insert(0, identifier_span(vote.matter.identifier))
        rows.append(("Matter", Html(" ").join(parts)))
    if vote.motion:
        rows.append(("Motion", e(vote.motion)))
    rows.append(
        (
            "Result",
            Html('<strong class="vote-result">{}</strong>').format(
                "Passed" if vote.result.value == "pass" else "Failed"
            ),
        )
    )
    if vote.mover:
        rows.append(("Moved by", page.link_record(vote.mover)))
    if vote.seconder:
        rows.append(("Seconded by", page.link_record(vote.seconder)))
    rows.append(("Tally", e(tally_words(tally(vote)))))
    if vote.counts is not None:
        rows.append(("Published count", e(tally_words(vote.counts))))
    page.block(facts(rows))
    page.heading("Roll call")
    if vote.roll_call is None:
        page.block(
            Html(
                '<p class="tally-only">This vote is known only by its tally: the published record gives '
                "the counts, not the members' names.</p>"
            )
        )
        return
    body = []
    for option in VoteOption:
        for voter in vote.roll_call.get(option, []):
            person = page.site.corpus.people.get(voter)
            seat = person.roles_on(vote.date, vote.body) if isinstance(person, Person) else []
            district = district_label(seat[0].district) if seat else None
            raw = vote.raw_values.get(option)
            word = option.label + (f" (“{raw}”)" if raw and raw.casefold() != option.label.casefold() else "")
            body.append([page.link_record(voter), e(district or ""), e(word)])
    page.block(table("Roll call: one row per member", ["Member", "District or seat", "Vote"], body))

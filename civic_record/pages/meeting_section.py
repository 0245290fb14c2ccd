"""A meeting's body, status, agenda, public comment and the votes taken at it."""

from __future__ import annotations

from ..dates import display_time
from ..models import HTTP_URL, Meeting, Vote, count_words
from ..vocabulary import MotionKind, VoteResult
from .site import Html, Page, e, facts, identifier_html, table_of_columns


def meeting_section(page: Page, meeting: Meeting) -> None:
    rows = [
        ("Body", page.link_record(meeting.body)),
        ("Kind", e(meeting.meeting_kind.label)),
        ("Status", e(meeting.status.label)),
    ]
    if meeting.location:
        rows.append(("Location", e(meeting.location)))
    if meeting.public_comment:
        counts = []
        if meeting.public_comment.speakers is not None:
            counts.append(count_words(meeting.public_comment.speakers, "speaker", "speakers"))
        if meeting.public_comment.written is not None:
            counts.append(count_words(meeting.public_comment.written, "written comment", "written comments"))
        if counts:
            rows.append(("Public comment", e(", ".join(counts))))
    if meeting.video:
        rows.append(("Video", Html('<a href="{}">Recording of the meeting</a>').format(meeting.video)))
    if meeting.minutes:
        href = meeting.minutes if HTTP_URL.match(meeting.minutes) else page.attachment_href(meeting.minutes)
        rows.append(("Minutes", Html('<a href="{}">Minutes</a>').format(href)))
    page.block(facts(rows))
    votes = votes_in_order(meeting, page.site.corpus.votes_at_meeting.get(meeting.id, []))
    if votes:
        page.heading("Votes taken")
        items = Html().join(Html("<li>{}</li>").format(_vote_item(page, v)) for v in votes)
        page.block(Html('<ol class="meeting-votes">{}</ol>').format(items))
    if meeting.agenda:
        page.heading("Agenda")
        _agenda(page, meeting)


def votes_in_order(meeting: Meeting, votes: list[Vote]) -> list[Vote]:
    """The votes of a meeting in the order they were taken: by date and time where recorded,
    else by the agenda item on their matter, then by id."""

    def agenda_position(vote: Vote) -> int:
        identifier = vote.matter.identifier if vote.matter else None
        for position, item in enumerate(meeting.agenda):
            if identifier and identifier in item.identifiers.values():
                return position
        return len(meeting.agenda)

    return sorted(votes, key=lambda v: (v.date, v.time is None, v.time or "", agenda_position(v), v.id))


def _vote_item(page: Page, vote: Vote) -> Html:
    """``7:40 p.m. — <vote>: Amend section 4 (amendment), failed``."""
    parts = [page.link_record(vote.id)]
    if vote.time:
        parts.insert(0, Html('<span class="vote-time">{}</span> — ').format(display_time(vote.time)))
    details = []
    if vote.motion:
        details.append(e(vote.motion))
    if vote.motion_kind is not MotionKind.SUBSTANTIVE:
        details.append(Html("({})").format(vote.motion_kind.label.lower()))
    if vote.recommends is not None:
        details.append(e(vote.recommends.label.lower()))
    passed = vote.result is VoteResult.PASS
    outcome = Html('<span class="vote-result">{}</span>').format("passed" if passed else "failed")
    about = Html(" ").join(details)
    parts.append(Html(": {}, {}").format(about, outcome) if details else Html(": {}").format(outcome))
    return Html().join(parts)


def _agenda(page: Page, meeting: Meeting) -> None:
    """The agenda as a table: the title of each item, and of Item (its number), Time,
    Identifiers, Technologies and Outcome only those some item has."""
    items = meeting.agenda
    columns: list[tuple[str, list[Html]]] = [
        ("Item", [e(item.item or "") for item in items]),
        (
            "Time",
            [
                Html('<span class="agenda-time">{}</span>').format(display_time(item.time)) if item.time else Html()
                for item in items
            ],
        ),
        ("Title", [e(item.title) for item in items]),
        (
            "Identifiers",
            [
                Html(", ").join(identifier_html(page, k, v) for k, v in sorted(item.identifiers.items()))
                for item in items
            ],
        ),
        ("Technologies", [Html(", ").join(page.link_record(t) for t in item.technologies) for item in items]),
        ("Outcome", [e(item.outcome or "") for item in items]),
    ]
    page.block(table_of_columns("Agenda items", columns))

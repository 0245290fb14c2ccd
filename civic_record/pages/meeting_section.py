"""A meeting's body, status, agenda and public comment."""

from __future__ import annotations

from ..models import HTTP_URL, Meeting, count_words
from .site import Html, Page, e, facts, identifier_html, table


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
        rows.append(("Public comment", e(", ".join(counts))))
    if meeting.video:
        rows.append(("Video", Html('<a href="{}">Recording of the meeting</a>').format(meeting.video)))
    if meeting.minutes:
        href = meeting.minutes if HTTP_URL.match(meeting.minutes) else page.attachment_href(meeting.minutes)
        rows.append(("Minutes", Html('<a href="{}">Minutes</a>').format(href)))
    page.block(facts(rows))
    votes = page.site.corpus.votes_at_meeting.get(meeting.id, [])
    if votes:
        page.heading("Votes taken")
        items = Html().join(Html("<li>{}</li>").format(page.link_record(v.id)) for v in votes)
        page.block(Html("<ul>{}</ul>").format(items))
    if meeting.agenda:
        page.heading("Agenda")
        body = []
        for item in meeting.agenda:
            ids = Html(", ").join(identifier_html(page, k, v) for k, v in sorted(item.identifiers.items()))
            techs = Html(", ").join(page.link_record(t) for t in item.technologies)
            body.append([e(item.item or ""), e(item.title), ids, techs, e(item.outcome or "")])
        page.block(table("Agenda items", ["Item", "Title", "Identifiers", "Technologies", "Outcome"], body))

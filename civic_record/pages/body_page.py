"""A body's page: what it is, its members, and the records it appears in."""

from __future__ import annotations

from ..addresses import json_twin
from ..models import Body, DatedRecord, Letter, Meeting, Vote, count_words
from ..rosters import letter_body_share, members_on, roster_periods, seats_words, tally_beyond_roster
from .feeds_links import follow_block, own_feeds
from .record_page import source_item
from .roles import role_end, role_note_and_source, role_start, role_words
from .search_facets import body_entry
from .site import (
    KIND_LABELS,
    Html,
    Page,
    Site,
    confidence_tag,
    e,
    facts,
    link_list,
    record_src,
    table,
    text_section,
    time_tag,
)
from .structured_data import body_structured_data
from .vote_section import (
    MOTION_KIND_SHORT,
    ROLES_TABLE,
    SUMMARY_TABLE,
    beyond_words,
    matter_html,
    motion_text,
    names_partly,
    result_words,
    tally,
    tally_words,
    unnamed_words,
)


def body_page(site: Site, body: Body) -> Page:
    corpus = site.corpus
    page = Page(site, record_src(body), body.name, f"Members and records of the {body.name}", twin=json_twin(body))
    rows = [("Kind", e(body.body_kind.label))]
    if body.jurisdiction:
        rows.append(("Jurisdiction", e(body.jurisdiction)))
    if body.parent:
        rows.append(("Part of", page.link_record(body.parent)))
    children = corpus.child_bodies.get(body.id, [])
    if children:
        rows.append(("Includes", Html(", ").join(page.link_record(c.id) for c in children)))
    if body.seats:
        rows.append(("Seats", e(body.seats)))
    page.block(facts(rows))
    page.feeds = own_feeds(body, body.name)
    page.structured_data = body_structured_data(site, body)
    follow_block(page)
    page.block(page.twin_link())
    text_section(page, body.id, "About")
    members = []
    ever = corpus.ever_members.get(body.id, [])
    for person in sorted(ever, key=lambda p: ((p.sort_name or p.name).casefold(), p.id)):
        for role in person.roles:
            if role.body == body.id:
                members.append(
                    [
                        page.link_record(person.id),
                        role_words(page, role, with_body=False),
                        role_start(role),
                        role_end(role),
                        role_note_and_source(page, role),
                    ]
                )
    if members:
        page.heading("Members")
        page.block(
            Html(
                '<p class="members-intro">Everyone this record shows holding a role on the {}, with the dates '
                "the sources give. A role with no end date is one whose end no source records; it is said to "
                "be held only as of a date a source shows it.</p>"
            ).format(body.name)
        )
        page.block(
            table(
                f"People who hold or held a role on the {body.name}",
                ["Name", "Role", "From", "To", "Note and source"],
                members,
                css=ROLES_TABLE,
            )
        )
    records = corpus.by_body.get(body.id, [])
    past = [r.date for r in records if not r.date.is_after(site.today)]
    page.lastmod = max(past) if past else None
    _rosters(page, body)
    _meetings_and_votes(page, body, records)
    _letters(page, body, records)
    page.heading("All records")
    if records:
        rows_r = [[time_tag(r.date), e(KIND_LABELS[r.kind]), page.link(record_src(r), r.title)] for r in records]
        page.block(
            table(
                f"Records involving the {body.name}, oldest first",
                ["Date", "Type", "Record"],
                rows_r,
                css=SUMMARY_TABLE,
            )
        )
    else:
        page.block(Html("<p>No dated record involves this body yet.</p>"))
    if body.links:
        page.heading("Links")
        page.block(link_list(body.links))
    if body.sources:
        page.heading("Sources")
        page.block(Html('<ol class="sources">{}</ol>').format(Html().join(source_item(page, s) for s in body.sources)))
    page.search = body_entry(body).front_matter()
    return page


def _rosters(page: Page, body: Body) -> None:
    """Who held a seat at each meeting and vote, grouped while the roster stays the same, and how
    many of the body's seats that is."""
    corpus = page.site.corpus
    periods = roster_periods(corpus, body.id)
    if not periods:
        return
    page.heading("Members on each date")
    if body.seats:
        page.block(
            Html(
                '<p class="roster-intro">The {} has {}. Each row counts the seats whose holders on that date '
                "are in this record.</p>"
            ).format(body.name, count_words(body.seats, "seat", "seats"))
        )
    rows = []
    for period in periods:
        first, last = period.records[0], period.records[-1]
        if first.date == last.date:
            when = time_tag(first.date)
        else:
            when = Html("{} to {}").format(time_tag(first.date), time_tag(last.date))
        records = Html(", ").join(
            page.link(record_src(r), f"{r.date.display()} ({KIND_LABELS[r.kind].lower()})") for r in period.records
        )
        members = Html(", ").join(page.link_record(m) for m in period.members) or Html("No member on record")
        held = Html('<span class="seats-held">{}</span>').format(seats_words(corpus, body.id, len(period.members)))
        rows.append([when, records, Html("{}: {}").format(held, members)])
    page.block(
        table(
            f"Members of the {body.name} on record at its meetings and votes",
            ["Dates", "Meetings and votes", "Seats whose holders are in this record"],
            rows,
            css=SUMMARY_TABLE,
        )
    )


def _vote_outcome(page: Page, vote: Vote) -> Html:
    """``Recommends approval (Yes 5)``, with what the sources leave unnamed and a tally larger
    than the roster on record beside it."""
    words = f"{result_words(vote)} ({tally_words(tally(vote))})"
    parts = [e(words)]
    if names_partly(vote) and vote.roll_call:
        parts.append(Html('<span class="partial-roll-call">{}</span>').format(unnamed_words(vote)))
    beyond = tally_beyond_roster(page.site.corpus, vote)
    if beyond is not None:
        parts.append(Html('<span class="tally-beyond-roster">{}</span>').format(beyond_words(*beyond)))
    return Html("<br>").join(parts)


def _meetings_and_votes(page: Page, body: Body, records: list[DatedRecord]) -> None:
    own = [r for r in records if isinstance(r, Meeting | Vote) and r.body == body.id]
    shown = [r for r in own if not isinstance(r, Vote) or r.counts_in_summaries]
    apart = [r for r in own if isinstance(r, Vote) and not r.counts_in_summaries]
    if shown:
        page.heading("Meetings and votes")
        rows = []
        for record in shown:
            if isinstance(record, Vote):
                kind = Html("{} ({})").format(KIND_LABELS[record.kind], MOTION_KIND_SHORT[record.motion_kind].lower())
                outcome = _vote_outcome(page, record)
            else:
                kind = e(KIND_LABELS[record.kind])
                outcome = e(record.status.label)
            rows.append([time_tag(record.date), kind, page.link(record_src(record), record.title), outcome])
        page.block(
            table(
                f"Meetings of the {body.name}, and its votes on decisions and recommendations",
                ["Date", "Type", "Record", "Outcome"],
                rows,
                css=SUMMARY_TABLE,
            )
        )
    if apart:
        page.heading("Procedural and amendment votes")
        rows = [
            [
                time_tag(v.date),
                page.link(record_src(v), v.title),
                e(MOTION_KIND_SHORT[v.motion_kind]),
                _motion(page, v),
                _vote_outcome(page, v),
            ]
            for v in apart
        ]
        page.block(
            table(
                f"Votes of the {body.name} on procedure and amendments, not on the matter itself",
                ["Date", "Vote", "Kind", "Motion", "Result"],
                rows,
                css=SUMMARY_TABLE,
            )
        )


def _motion(page: Page, vote: Vote) -> Html:
    matter = matter_html(page, vote, 80)
    motion = e(motion_text(vote, 160))
    return Html("{} (on {})").format(motion, matter) if matter else motion


def _letters(page: Page, body: Body, records: list[DatedRecord]) -> None:
    corpus = page.site.corpus
    rows = []
    for letter in (r for r in records if isinstance(r, Letter)):
        relation = "Sent" if body.id in letter.signatories else "Received" if body.id in letter.to else ""
        if body.id in letter.cc:
            relation = "Copied"
        members = {p.id for p, _ in members_on(corpus, body.id, letter.date)}
        signed = [s for s in letter.signatories if s in members]
        share = letter_body_share(corpus, letter)
        if signed:
            word = "member" if len(signed) == 1 else "members"
            relation = (relation + "; " if relation else "") + f"Signed by {len(signed)} {word}"
            # Non-signers only where members signed as members (two or more: a chair signing
            # for the body is not a letter the others declined to sign), as on the letter's page.
            if share is not None and share.body.id == body.id and share.non_signers:
                unsigned = len(share.non_signers)
                relation += f"; {unsigned} member{'s' if unsigned > 1 else ''} on record did not sign"
        if relation:
            rows.append(
                [
                    time_tag(letter.date),
                    Html("{} {}").format(
                        page.link(record_src(letter), letter.title), confidence_tag(letter.confidence)
                    ),
                    e(relation),
                ]
            )
    if rows:
        page.heading("Letters sent and received")
        page.block(
            table(
                f"Letters from, to or signed by members of the {body.name}",
                ["Date", "Letter", "How"],
                rows,
                css=SUMMARY_TABLE,
            )
        )

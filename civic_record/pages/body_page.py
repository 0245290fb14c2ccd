"""A body's page: what it is, its members, and the records it appears in."""

from __future__ import annotations

from ..dates import PartialDate
from ..models import Body, DatedRecord, Letter, Meeting, Vote
from ..rosters import members_on, roster_periods
from .feeds_links import follow_block, own_feeds
from .roles import role_words
from .search_facets import body_entry
from .site import KIND_LABELS, Html, Page, Site, e, facts, link_list, record_src, table, text_section, time_tag
from .structured_data import body_structured_data
from .vote_section import tally, tally_words


def body_page(site: Site, body: Body) -> Page:
    corpus = site.corpus
    page = Page(site, record_src(body), body.name, f"Members and records of the {body.name}")
    rows = [("Kind", e(body.body_kind.label))]
    if body.jurisdiction:
        rows.append(("Jurisdiction", e(body.jurisdiction)))
    if body.parent:
        rows.append(("Part of", page.link_record(body.parent)))
    children = [b for b in corpus.bodies.values() if b.parent == body.id]
    if children:
        rows.append(("Includes", Html(", ").join(page.link_record(c.id) for c in children)))
    if body.seats:
        rows.append(("Seats", e(body.seats)))
    page.block(facts(rows))
    page.feeds = own_feeds(body, body.name)
    page.structured_data = body_structured_data(site, body)
    follow_block(page)
    text_section(page, body.id, "About")
    today = PartialDate(site.today.year, site.today.month, site.today.day)
    members = []
    for person in sorted(corpus.people.values(), key=lambda p: (p.sort_name or p.name, p.id)):
        for role in person.roles:
            if role.body == body.id:
                current = role.held_on(today)
                start = time_tag(role.start) if role.start else Html("Not recorded")
                end = time_tag(role.end) if role.end else Html("Serving")
                members.append(
                    [
                        page.link_record(person.id),
                        role_words(page, role, with_body=False),
                        start,
                        end,
                        Html("Yes" if current else "No"),
                    ]
                )
    if members:
        page.heading("Members")
        page.block(
            table(
                f"People who hold or held a role on the {body.name}",
                ["Name", "Role", "From", "To", "Serving today"],
                members,
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
        page.block(table(f"Records involving the {body.name}, oldest first", ["Date", "Type", "Record"], rows_r))
    else:
        page.block(Html("<p>No dated record involves this body yet.</p>"))
    if body.links:
        page.heading("Links")
        page.block(link_list(body.links))
    page.search = body_entry(body).front_matter()
    return page


def _rosters(page: Page, body: Body) -> None:
    """Who held a seat at each meeting and vote, grouped while the roster stays the same."""
    periods = roster_periods(page.site.corpus, body.id)
    if not periods:
        return
    page.heading("Members on each date")
    rows = []
    for period in periods:
        first, last = period.records[0], period.records[-1]
        if first.date == last.date:
            when = time_tag(first.date)
        else:
            when = Html("{} to {}").format(time_tag(first.date), time_tag(last.date))
        records = Html(", ").join(page.link(record_src(r), r.date.display()) for r in period.records)
        members = Html(", ").join(page.link_record(m) for m in period.members) or Html("No member on record")
        rows.append([when, records, Html("{}: {}").format(len(period.members), members)])
    page.block(
        table(
            f"Members of the {body.name} on record at its meetings and votes",
            ["Dates", "Meetings and votes", "Members holding a seat"],
            rows,
        )
    )


def _meetings_and_votes(page: Page, body: Body, records: list[DatedRecord]) -> None:
    own = [r for r in records if isinstance(r, Meeting | Vote) and r.body == body.id]
    if not own:
        return
    page.heading("Meetings and votes")
    rows = []
    for record in own:
        outcome = ""
        if isinstance(record, Vote):
            outcome = ("Passed" if record.result.value == "pass" else "Failed") + f" ({tally_words(tally(record))})"
        else:
            outcome = record.status.label
        rows.append(
            [
                time_tag(record.date),
                e(KIND_LABELS[record.kind]),
                page.link(record_src(record), record.title),
                e(outcome),
            ]
        )
    page.block(table(f"Meetings and votes of the {body.name}", ["Date", "Type", "Record", "Outcome"], rows))


def _letters(page: Page, body: Body, records: list[DatedRecord]) -> None:
    corpus = page.site.corpus
    rows = []
    for letter in (r for r in records if isinstance(r, Letter)):
        relation = "Sent" if body.id in letter.signatories else "Received" if body.id in letter.to else ""
        if body.id in letter.cc:
            relation = "Copied"
        members = {p.id for p, _ in members_on(corpus, body.id, letter.date)}
        signed = [s for s in letter.signatories if s in members]
        if signed:
            relation = (relation + "; " if relation else "") + f"Signed by {len(signed)} members"
        if relation:
            rows.append([time_tag(letter.date), page.link(record_src(letter), letter.title), e(relation)])
    if rows:
        page.heading("Letters sent and received")
        page.block(table(f"Letters from, to or signed by members of the {body.name}", ["Date", "Letter", "How"], rows))

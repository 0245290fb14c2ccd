"""A body's page: what it is, its members, and the records it appears in."""

from __future__ import annotations

from ..dates import PartialDate
from ..models import Body
from .roles import role_words
from .site import KIND_LABELS, Page, Site, e, facts, record_src, table, text_section, time_tag


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
        rows.append(("Includes", ", ".join(page.link_record(c.id) for c in children)))
    if body.seats:
        rows.append(("Seats", e(body.seats)))
    page.block(facts(rows))
    text_section(page, body.id, "About")
    today = PartialDate(site.today.year, site.today.month, site.today.day)
    members = []
    for person in sorted(corpus.people.values(), key=lambda p: (p.sort_name or p.name, p.id)):
        for role in person.roles:
            if role.body == body.id:
                current = role.held_on(today)
                start = time_tag(role.start) if role.start else "Not recorded"
                end = time_tag(role.end) if role.end else "Serving"
                members.append(
                    [
                        page.link_record(person.id),
                        role_words(page, role, with_body=False),
                        start,
                        end,
                        "Yes" if current else "No",
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
    page.heading("Records")
    if records:
        rows_r = [[time_tag(r.date), e(KIND_LABELS[r.kind]), page.link(record_src(r), r.title)] for r in records]
        page.block(table(f"Records involving the {body.name}, oldest first", ["Date", "Type", "Record"], rows_r))
    else:
        page.block("<p>No dated record involves this body yet.</p>")
    if body.links:
        page.heading("Links")
        page.block(
            "<ul>"
            + "".join(f'<li><a href="{e(link.url)}">{e(link.title or link.url)}</a></li>' for link in body.links)
            + "</ul>"
        )
    return page

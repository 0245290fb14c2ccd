"""A person's page: roles over time and every record they appear in."""

from __future__ import annotations

from ..models import DatedRecord, Document, Letter, Person, Vote
from .roles import role_words
from .site import KIND_LABELS, Page, Site, e, record_src, table, text_section, time_tag


def involvement(record: DatedRecord, person_id: str) -> str:
    """How the person figures in the record, in words."""
    if isinstance(record, Letter):
        if person_id in record.signatories:
            return "Signed"
        return "Addressed" if person_id in record.to else "Copied"
    if isinstance(record, Vote):
        for option, voters in (record.roll_call or {}).items():
            if person_id in voters:
                return f"Voted: {option.label}"
        return "Moved" if record.mover == person_id else "Seconded"
    if isinstance(record, Document):
        return "Author" if person_id in record.authors else "Addressed"
    return "Named"


def person_page(site: Site, person: Person) -> Page:
    page = Page(site, record_src(person), person.name, f"Roles and records of {person.name}")
    text_section(page, person.id, "About")
    if person.roles:
        page.heading("Roles")
        rows = []
        for role in person.roles:
            start = time_tag(role.start) if role.start else '<span class="not-recorded">Start not recorded</span>'
            end = time_tag(role.end) if role.end else "Serving (no end recorded)"
            rows.append([role_words(page, role, with_body=False), page.link_record(role.body), start, end])
        page.block(table(f"Roles held by {person.name}", ["Role", "Body", "From", "To"], rows))
    records = site.corpus.by_person.get(person.id, [])
    page.heading("Records")
    if not records:
        page.block("<p>No dated record names this person yet.</p>")
    else:
        rows = [
            [time_tag(r.date), e(KIND_LABELS[r.kind]), page.link(record_src(r), r.title), e(involvement(r, person.id))]
            for r in records
        ]
        page.block(table(f"Records naming {person.name}, oldest first", ["Date", "Type", "Record", "Role in it"], rows))
    if person.links:
        page.heading("Links")
        page.block(
            "<ul>"
            + "".join(f'<li><a href="{e(link.url)}">{e(link.title or link.url)}</a></li>' for link in person.links)
            + "</ul>"
        )
    return page

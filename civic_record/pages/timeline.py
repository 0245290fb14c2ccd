"""A technology's page: its current status, status history and every record in date order."""

from __future__ import annotations

from ..models import DatedRecord, Meeting, Technology, Vote
from ..requirements import requirement_records
from .site import KIND_LABELS, Page, Site, e, facts, record_src, status_badge, text_section, time_tag, when


def timeline_list(page: Page, records: list[DatedRecord], css: str = "timeline") -> str:
    """A semantic ordered list, oldest first: date, type, bodies, linked title, summary."""
    site = page.site
    items = []
    for record in records:
        bodies = sorted(set(record.bodies) | ({record.body} if isinstance(record, Meeting | Vote) else set()))
        body_names = ", ".join(e(site.corpus.bodies[b].name) for b in bodies if b in site.corpus.bodies)
        items.append(
            '<li class="timeline-entry">'
            f'<p class="timeline-when">{when(record, site.today)} · '
            f'<span class="record-type">{KIND_LABELS[record.kind]}</span>'
            + (f' · <span class="record-bodies">{body_names}</span>' if body_names else "")
            + "</p>"
            f'<p class="timeline-title">{page.link(record_src(record), record.title)}</p>'
            f'<p class="timeline-summary">{e(record.summary)}</p></li>'
        )
    # role="list": Safari drops list semantics when the bullets are hidden by CSS.
    return f'<ol class="{css}" role="list">' + "".join(items) + "</ol>"


def technology_page(site: Site, tech: Technology) -> Page:
    page = Page(site, record_src(tech), tech.title, tech.summary or f"Timeline of {tech.title}")
    current = tech.current_status
    if current:
        page.block(
            f'<p class="current-status">Current status: {status_badge(current.status)} since '
            f"{time_tag(current.date)} ({page.link_record(current.record, 'the record')})</p>"
        )
    else:
        page.block('<p class="current-status">Current status: not recorded.</p>')
    if tech.summary:
        page.block(f'<p class="record-summary">{e(tech.summary)}</p>')
    rows = [("Category", e(tech.category.label))]
    if tech.agency:
        rows.append(("Agency", page.link_record(tech.agency)))
    if tech.vendor:
        rows.append(("Vendor", e(tech.vendor)))
    page.block(facts(rows))
    text_section(page, tech.id, "About this technology")
    if tech.status_history:
        page.heading("Status history")
        items = "".join(
            f"<li><p>{time_tag(c.date)}: {status_badge(c.status)} — {page.link_record(c.record)}</p>"
            + (f"<p>{e(c.note)}</p>" if c.note else "")
            + "</li>"
            for c in tech.status_history
        )
        page.block(f'<ol class="status-history">{items}</ol>')
    if tech.required:
        page.heading("Required before use")
        page.block(_requirements(page, tech))
    records = site.corpus.by_technology.get(tech.id, [])
    page.heading("Timeline")
    if records:
        page.block(f"<p>{len(records)} records, oldest first.</p>")
        page.block(timeline_list(page, records))
    else:
        page.block("<p>No records name this technology yet.</p>")
    if tech.links:
        page.heading("Links")
        page.block(
            "<ul>"
            + "".join(f'<li><a href="{e(link.url)}">{e(link.title or link.url)}</a></li>' for link in tech.links)
            + "</ul>"
        )
    return page


def _requirements(page: Page, tech: Technology) -> str:
    """Each requirement with the record that meets it, or "missing" (in words, not colour)."""
    met = requirement_records(page.site.corpus, tech)
    items = []
    for requirement in tech.required:
        record = met.get(requirement)
        if record is not None:
            items.append(
                f'<li class="requirement requirement-met"><strong>Present:</strong> {e(requirement.label)} — '
                f"{page.link_record(record.id)} ({time_tag(record.date)})</li>"
            )
        else:
            items.append(
                f'<li class="requirement requirement-missing"><strong>Missing:</strong> {e(requirement.label)}</li>'
            )
    return '<ul class="requirements">' + "".join(items) + "</ul>"

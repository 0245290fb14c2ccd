"""A technology's page: its current status, status history and every record in date order."""

from __future__ import annotations

from ..dates import PartialDate
from ..models import DatedRecord, Meeting, Technology, Vote
from ..outputs.paths import technology_calendar
from ..requirements import requirement_records
from .feeds_links import follow_block, own_feeds
from .search_facets import technology_entry
from .site import KIND_LABELS, Page, Site, e, facts, record_src, status_badge, text_section, time_tag, when
from .vote_section import tally, tally_words, vote_of


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
    page.feeds = own_feeds(tech, tech.title)
    timeline_records = site.corpus.by_technology.get(tech.id, [])
    page.lastmod = _newest_date(
        [r.date for r in timeline_records if not r.date.is_after(site.today)] + [c.date for c in tech.status_history]
    )
    current = tech.current_status
    if current:
        page.block(
            f'<p class="current-status">Current status: {status_badge(current.status)}, as of '
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
    follow_block(page, also=(("text/calendar", "upcoming meetings (iCalendar)", technology_calendar(tech.id)),))
    records = timeline_records
    _voting_matrix(page, [r for r in records if isinstance(r, Vote)])
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
    page.search = technology_entry(tech).front_matter()
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
    checklist = '<ul class="requirements">' + "".join(items) + "</ul>"
    missing = [r for r in tech.required if r not in met]
    current = tech.current_status
    if missing and current is not None and current.status.value in ("in-use", "in-use-without-approval"):
        names = ", ".join(r.label.lower() for r in missing)
        warning = (
            f'<p class="requirement-warning"><strong>Warning:</strong> this technology is recorded as '
            f"“{e(current.status.label.lower())}”, but the record shows no {e(names)}, which the city's rules "
            "require before use.</p>"
        )
        return warning + "\n\n" + checklist
    return checklist


def _voting_matrix(page: Page, votes: list[Vote]) -> None:
    """Members down, votes across, each cell the member's vote in words."""
    if not votes:
        return
    page.heading("Votes")
    corpus = page.site.corpus
    named = [v for v in votes if v.roll_call is not None]
    tally_only = [v for v in votes if v.roll_call is None]
    if named:
        voters = {p for v in named for names in (v.roll_call or {}).values() for p in names}
        people = sorted(
            (corpus.people[p] for p in voters if p in corpus.people),
            key=lambda p: ((p.sort_name or p.name).casefold(), p.id),
        )
        head = "".join(
            f'<th scope="col">{page.link(record_src(v), v.date.display())}<br>{e(corpus.bodies[v.body].name)}</th>'
            if v.body in corpus.bodies
            else f'<th scope="col">{page.link(record_src(v), v.date.display())}</th>'
            for v in named
        )
        rows = []
        for person in people:
            cells = "".join(f"<td>{e(_option_words(v, person.id))}</td>" for v in named)
            rows.append(f'<tr><th scope="row">{page.link_record(person.id)}</th>{cells}</tr>')
        page.block(
            '<div class="table-scroll"><table class="record-table voting-matrix">'
            "<caption>How each member voted, one column per roll-call vote</caption>"
            f'<thead><tr><th scope="col">Member</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )
    if tally_only:
        items = "".join(
            f"<li>{time_tag(v.date)}: {page.link(record_src(v), v.title)} — {e(tally_words(tally(v)))}</li>"
            for v in tally_only
        )
        page.block(
            f'<p>Votes known only by their tally (no names published):</p>\n\n<ul class="tally-only">{items}</ul>'
        )


def _option_words(vote: Vote, person_id: str) -> str:
    option = vote_of(vote, person_id)
    return option.label if option else "Not in roll call"


def _newest_date(dates: list[PartialDate]) -> PartialDate | None:
    return max(dates) if dates else None

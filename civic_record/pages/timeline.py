"""A technology's page: its current status, status history and every record in date order."""

from __future__ import annotations

from ..dates import PartialDate
from ..models import DatedRecord, Meeting, Technology, Vote
from ..outputs.paths import technology_calendar
from ..requirements import known_requirements, requirement_records
from .feeds_links import follow_block, own_feeds
from .search_facets import technology_entry
from .site import (
    KIND_LABELS,
    Html,
    Page,
    Site,
    e,
    facts,
    link_list,
    record_src,
    status_badge,
    text_section,
    time_tag,
    when,
)
from .vote_section import tally, tally_words, vote_of


def timeline_list(page: Page, records: list[DatedRecord], css: str = "timeline") -> Html:
    """A semantic ordered list, oldest first: date, type, bodies, linked title, summary."""
    site = page.site
    items = []
    for record in records:
        bodies = sorted(set(record.bodies) | ({record.body} if isinstance(record, Meeting | Vote) else set()))
        body_names = Html(", ").join(e(site.corpus.bodies[b].name) for b in bodies if b in site.corpus.bodies)
        items.append(
            Html(
                '<li class="timeline-entry">'
                '<p class="timeline-when">{} · <span class="record-type">{}</span>{}</p>'
                '<p class="timeline-title">{}</p>'
                '<p class="timeline-summary">{}</p></li>'
            ).format(
                when(record, site.today),
                KIND_LABELS[record.kind],
                Html(' · <span class="record-bodies">{}</span>').format(body_names) if body_names else Html(),
                page.link(record_src(record), record.title),
                record.summary,
            )
        )
    # role="list": Safari drops list semantics when the bullets are hidden by CSS.
    return Html('<ol class="{}" role="list">{}</ol>').format(css, Html().join(items))


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
            Html('<p class="current-status">Current status: {}, as of {} ({})</p>').format(
                status_badge(current.status), time_tag(current.date), page.link_record(current.record, "the record")
            )
        )
    else:
        page.block(Html('<p class="current-status">Current status: not recorded.</p>'))
    if tech.summary:
        page.block(Html('<p class="record-summary">{}</p>').format(tech.summary))
    rows = [("Category", e(tech.category.label))]
    if tech.agency:
        rows.append(("Agency", page.link_record(tech.agency)))
    if tech.vendor:
        rows.append(("Vendor", e(tech.vendor)))
    page.block(facts(rows))
    text_section(page, tech.id, "About this technology")
    if tech.status_history:
        page.heading("Status history")
        items = Html().join(
            Html("<li><p>{}: {} — {}</p>{}</li>").format(
                time_tag(c.date),
                status_badge(c.status),
                page.link_record(c.record),
                Html("<p>{}</p>").format(c.note) if c.note else Html(),
            )
            for c in tech.status_history
        )
        page.block(Html('<ol class="status-history">{}</ol>').format(items))
    if tech.required:
        page.heading("Required before use")
        page.block(_requirements(page, tech))
    follow_block(page, also=(("text/calendar", "upcoming meetings (iCalendar)", technology_calendar(tech.id)),))
    records = timeline_records
    _voting_matrix(page, [r for r in records if isinstance(r, Vote)])
    page.heading("Timeline")
    if records:
        page.block(Html("<p>{} records, oldest first.</p>").format(len(records)))
        page.block(timeline_list(page, records))
    else:
        page.block(Html("<p>No records name this technology yet.</p>"))
    if tech.links:
        page.heading("Links")
        page.block(link_list(tech.links))
    page.search = technology_entry(tech).front_matter()
    return page


def _requirements(page: Page, tech: Technology) -> Html:
    """Each requirement with the record that meets it, or "missing" (in words, not colour)."""
    met = requirement_records(page.site.corpus, tech)
    labels = known_requirements(page.site.corpus)
    items = []
    for requirement in tech.required:
        record = met.get(requirement)
        if record is not None:
            items.append(
                Html('<li class="requirement requirement-met"><strong>Present:</strong> {} — {} ({})</li>').format(
                    labels.get(requirement, requirement), page.link_record(record.id), time_tag(record.date)
                )
            )
        else:
            items.append(
                Html('<li class="requirement requirement-missing"><strong>Missing:</strong> {}</li>').format(
                    labels.get(requirement, requirement)
                )
            )
    checklist = Html('<ul class="requirements">{}</ul>').format(Html().join(items))
    missing = [r for r in tech.required if r not in met]
    current = tech.current_status
    if missing and current is not None and current.status.value in ("in-use", "in-use-without-approval"):
        names = ", ".join(labels.get(r, r).lower() for r in missing)
        warning = Html(
            '<p class="requirement-warning"><strong>Warning:</strong> this technology is recorded as '
            "“{}”, but the record shows no {}, which the city's rules require before use.</p>"
        ).format(current.status.label.lower(), names)
        return Html("{}\n\n{}").format(warning, checklist)
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
        head = Html().join(
            Html('<th scope="col">{}<br>{}</th>').format(
                page.link(record_src(v), v.date.display()), corpus.bodies[v.body].name
            )
            if v.body in corpus.bodies
            else Html('<th scope="col">{}</th>').format(page.link(record_src(v), v.date.display()))
            for v in named
        )
        rows = []
        for person in people:
            cells = Html().join(Html("<td>{}</td>").format(_option_words(v, person.id)) for v in named)
            rows.append(Html('<tr><th scope="row">{}</th>{}</tr>').format(page.link_record(person.id), cells))
        page.block(
            Html(
                '<div class="table-scroll"><table class="record-table voting-matrix">'
                "<caption>How each member voted, one column per roll-call vote</caption>"
                '<thead><tr><th scope="col">Member</th>{}</tr></thead><tbody>{}</tbody></table></div>'
            ).format(head, Html().join(rows))
        )
    if tally_only:
        items = Html().join(
            Html("<li>{}: {} — {}</li>").format(
                time_tag(v.date), page.link(record_src(v), v.title), tally_words(tally(v))
            )
            for v in tally_only
        )
        page.block(
            Html(
                '<p>Votes known only by their tally (no names published):</p>\n\n<ul class="tally-only">{}</ul>'
            ).format(items)
        )


def _option_words(vote: Vote, person_id: str) -> str:
    option = vote_of(vote, person_id)
    return option.label if option else "Not in roll call"


def _newest_date(dates: list[PartialDate]) -> PartialDate | None:
    return max(dates) if dates else None

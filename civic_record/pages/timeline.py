"""A technology's page: its current status, status history and every record in date order."""

from __future__ import annotations

from ..addresses import json_twin, technology_calendar
from ..corpus import Corpus
from ..dates import PartialDate
from ..models import DatedRecord, Meeting, Person, Technology, Vote, count_words
from ..requirements import first_use, requirement_states
from ..vocabulary import IN_USE_STATUSES
from .feeds_links import follow_block, own_feeds
from .record_page import source_item
from .search_facets import technology_entry
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
    status_badge,
    status_with_record,
    text_section,
    time_tag,
    when,
)
from .vote_section import (
    MOTION_KIND_SHORT,
    matter_html,
    member_vote_words,
    motion_text,
    names_partly,
    result_words,
    tally,
    tally_words,
    unnamed_words,
    vote_of,
)


def timeline_list(page: Page, records: list[DatedRecord], css: str = "timeline") -> Html:
    """A semantic ordered list, oldest first: date, type, how sure (in a word), bodies, linked
    title, summary."""
    site = page.site
    items = []
    for record in records:
        bodies = sorted(set(record.bodies) | ({record.body} if isinstance(record, Meeting | Vote) else set()))
        body_names = Html(", ").join(e(site.corpus.bodies[b].name) for b in bodies if b in site.corpus.bodies)
        items.append(
            Html(
                '<li class="timeline-entry">'
                '<p class="timeline-when">{} · <span class="record-type">{}</span> · {}{}</p>'
                '<p class="timeline-title">{}</p>'
                '<p class="timeline-summary">{}</p></li>'
            ).format(
                when(record, site.today),
                KIND_LABELS[record.kind],
                confidence_tag(record.confidence),
                Html(' · <span class="record-bodies">{}</span>').format(body_names) if body_names else Html(),
                page.link(record_src(record), record.title),
                record.summary,
            )
        )
    # role="list": Safari drops list semantics when the bullets are hidden by CSS.
    return Html('<ol class="{}" role="list">{}</ol>').format(css, Html().join(items))


def technology_page(site: Site, tech: Technology) -> Page:
    page = Page(site, record_src(tech), tech.title, tech.summary or f"Timeline of {tech.title}", twin=json_twin(tech))
    page.feeds = own_feeds(tech, tech.title)
    timeline_records = site.corpus.by_technology.get(tech.id, [])
    page.lastmod = _newest_date(
        [r.date for r in timeline_records if not r.date.is_after(site.today)] + [c.date for c in tech.status_history]
    )
    current = tech.current_status
    if current:
        page.block(Html('<p class="current-status">Current status: {}</p>').format(status_with_record(page, current)))
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
            Html('<li><p>{}: {} <span class="status-record">(shown by {})</span></p>{}</li>').format(
                time_tag(c.date),
                status_badge(c.status),
                page.link_record(c.record),
                Html('<p class="status-note">{}</p>').format(c.note) if c.note else Html(),
            )
            for c in tech.status_history
        )
        page.block(Html('<ol class="status-history">{}</ol>').format(items))
    if tech.required:
        page.heading("Required before use")
        page.block(_requirements(page, tech))
    _related(page, tech)
    follow_block(page, also=(("text/calendar", "upcoming meetings (iCalendar)", technology_calendar(tech.id)),))
    page.block(page.twin_link())
    records = timeline_records
    _voting_matrix(page, [r for r in records if isinstance(r, Vote)])
    page.heading("Timeline")
    if records:
        page.block(Html("<p>{}, oldest first.</p>").format(count_words(len(records), "record", "records")))
        page.block(timeline_list(page, records))
    else:
        page.block(Html("<p>No records name this technology yet.</p>"))
    if tech.links:
        page.heading("Links")
        page.block(link_list(tech.links))
    if tech.sources:
        page.heading("Sources")
        page.block(Html('<ol class="sources">{}</ol>').format(Html().join(source_item(page, s) for s in tech.sources)))
    page.search = technology_entry(tech).front_matter()
    return page


def _requirements(page: Page, tech: Technology) -> Html:
    """Each requirement with the record that meets it, or "missing" (in words, not colour)."""
    states = requirement_states(page.site.corpus, tech)
    used = first_use(tech)
    items = []
    for state in states:
        record = state.met_by
        if record is not None:
            late = Html()
            if state.after_first_use and used is not None:
                # "Present" alone would read as if the rule had been followed before use.
                late = Html(
                    ' <span class="requirement-late">— after the record shows the technology in use ({})</span>'
                ).format(time_tag(used.date))
            items.append(
                Html('<li class="requirement requirement-met"><strong>Present:</strong> {} — {} ({}){}</li>').format(
                    state.label, page.link_record(record.id), time_tag(record.date), late
                )
            )
        else:
            items.append(
                Html('<li class="requirement requirement-missing"><strong>Missing:</strong> {}</li>').format(
                    state.label
                )
            )
    checklist = Html('<ul class="requirements">{}</ul>').format(Html().join(items))
    missing = [state.label for state in states if state.met_by is None]
    current = tech.current_status
    if missing and current is not None and current.status in IN_USE_STATUSES:
        names = ", ".join(label.lower() for label in missing)
        warning = Html(
            '<p class="requirement-warning"><strong>Warning:</strong> this technology is recorded as '
            "“{}”, but the record shows no {}, which the city's rules require before use.</p>"
        ).format(current.status.label.lower(), names)
        return Html("{}\n\n{}").format(warning, checklist)
    return checklist


def _related(page: Page, tech: Technology) -> None:
    """The technologies this one lists as related, and those that list it."""
    corpus = page.site.corpus
    listed = [t for t in tech.related if t in corpus.technologies and t != tech.id]
    listing = [t.id for t in corpus.related_by.get(tech.id, []) if t.id not in listed]
    related = [corpus.technologies[t] for t in [*listed, *listing] if t != tech.id]
    if not related:
        return
    page.heading("Related technologies")
    items = []
    for other in related:
        current = other.current_status
        status = Html(" — {}, {}").format(status_badge(current.status), time_tag(current.date)) if current else Html()
        items.append(Html("<li>{}{}</li>").format(page.link_record(other.id), status))
    page.block(Html('<ul class="related-technologies">{}</ul>').format(Html().join(items)))


def _voting_matrix(page: Page, votes: list[Vote]) -> None:
    """Members down, votes across, each cell the member's vote in words.

    Only votes that decided the matter or recommended a decision on it are counted here;
    procedural and amendment votes are listed apart, with their motions.
    """
    if not votes:
        return
    page.heading("Votes")
    corpus = page.site.corpus
    counted = [v for v in votes if v.counts_in_summaries]
    apart = [v for v in votes if not v.counts_in_summaries]
    named = [v for v in counted if v.roll_call]
    tally_only = [v for v in counted if not v.roll_call]
    if not counted:
        page.block(
            Html(
                '<p class="no-counted-votes">No vote in this record decided a matter on this timeline or '
                "recommended a decision on one. The votes below were procedural or on amendments.</p>"
            )
        )
    else:
        page.block(
            Html(
                '<p class="votes-intro">Decisions and recommendations on the matters of this timeline. Each '
                "vote is named by its motion and its matter, which may be a grant, a contract or a policy "
                "rather than the use of the technology itself.</p>"
            )
        )
    if named:
        voters = {p for v in named for names in (v.roll_call or {}).values() for p in names}
        seated = {
            person.id
            for v in named
            for person in corpus.ever_members.get(v.body, [])
            if person.roles_on(v.date, v.body)
        }
        people = sorted(
            (corpus.people[p] for p in voters | seated if p in corpus.people),
            key=lambda p: ((p.sort_name or p.name).casefold(), p.id),
        )
        head = Html().join(Html('<th scope="col">{}</th>').format(_vote_column_head(page, v)) for v in named)
        rows = []
        for person in people:
            cells = Html().join(_member_cell(corpus, v, person) for v in named)
            rows.append(Html('<tr><th scope="row">{}</th>{}</tr>').format(page.link_record(person.id), cells))
        notes = [
            Html("<li>{}: {}</li>").format(page.link(record_src(v), v.date.display()), unnamed_words(v))
            for v in named
            if v.roll_call_partial
        ]
        page.block(
            Html(
                '<div class="table-scroll"><table class="record-table voting-matrix">'
                "<caption>How each member voted on decisions and recommendations, one column per roll-call "
                "vote</caption>"
                '<thead><tr><th scope="col">Member</th>{}</tr></thead><tbody>{}</tbody></table></div>'
            ).format(head, Html().join(rows))
        )
        if notes:
            page.block(Html('<ul class="partial-roll-calls">{}</ul>').format(Html().join(notes)))
    if tally_only:
        items = Html().join(_vote_item(page, v) for v in tally_only)
        page.block(
            Html(
                "<p>Decisions and recommendations known only by their tally (no names published):</p>\n\n"
                '<ul class="tally-only">{}</ul>'
            ).format(items)
        )
    if apart:
        page.heading("Procedural and amendment votes", level=3)
        if counted:
            page.block(
                Html(
                    '<p class="votes-apart-intro">Not counted above: these votes were on procedure or on '
                    "amendments, not on the technology itself.</p>"
                )
            )
        items = Html().join(_vote_item(page, v, with_kind=True) for v in apart)
        page.block(Html('<ul class="votes-apart">{}</ul>').format(items))


def _vote_column_head(page: Page, vote: Vote) -> Html:
    """A vote column's header: the vote (linked, by date and body), its motion and matter in
    short, and its result in words."""
    corpus = page.site.corpus
    body = corpus.bodies.get(vote.body)
    parts = [
        Html('<span class="vote-col-when">{}</span>').format(
            page.link(record_src(vote), f"{vote.date.display()}, {body.name}" if body else vote.date.display())
        ),
        Html('<span class="vote-col-motion">Motion: {}</span>').format(motion_text(vote, 60)),
    ]
    matter = matter_html(page, vote, 50)
    if matter:
        parts.append(Html('<span class="vote-col-matter">On: {}</span>').format(matter))
    parts.append(Html('<strong class="vote-col-result">{}</strong>').format(result_words(vote)))
    return Html("<br>").join(parts)


def _member_cell(corpus: Corpus, vote: Vote, person: Person) -> Html:
    """The member's vote in words; "Not named in the sources" and "Not a member on that date"
    are set apart from votes cast (in type, not colour alone: the words say it)."""
    words = member_vote_words(corpus, vote, person.id)
    css = "vote-cast" if vote_of(vote, person.id) is not None else "vote-none"
    return Html('<td class="{}">{}</td>').format(css, words)


def _vote_item(page: Page, vote: Vote, with_kind: bool = False) -> Html:
    """One vote in a list: date, kind (when asked), linked title, motion, result and tally."""
    kind = (
        Html('<span class="motion-kind">{}:</span> ').format(MOTION_KIND_SHORT[vote.motion_kind])
        if with_kind
        else Html()
    )
    matter = matter_html(page, vote, 80)
    tally_part = tally_words(tally(vote))
    if names_partly(vote) and vote.roll_call:
        tally_part += "; " + unnamed_words(vote, sentence=False)
    return Html("<li>{}: {}{} — motion: “{}”{} — <strong>{}</strong> ({})</li>").format(
        time_tag(vote.date),
        kind,
        page.link(record_src(vote), vote.title),
        motion_text(vote, 120),
        Html(", on {}").format(matter) if matter else Html(),
        result_words(vote),
        tally_part,
    )


def _newest_date(dates: list[PartialDate]) -> PartialDate | None:
    return max(dates) if dates else None

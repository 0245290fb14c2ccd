"""A person's page: roles over time, letters signed, votes cast, and every record they appear in."""

from __future__ import annotations

from collections import Counter

from ..models import DatedRecord, Document, Letter, Person, Vote
from ..vocabulary import VoteOption
from .feeds_links import follow_block, own_feeds
from .roles import role_words
from .search_facets import person_entry
from .site import KIND_LABELS, Html, Page, Site, e, link_list, record_src, table, text_section, time_tag
from .structured_data import person_structured_data
from .vote_section import vote_of


def involvement(record: DatedRecord, person_id: str) -> str:
    """How the person figures in the record, in words."""
    if isinstance(record, Letter):
        if person_id in record.signatories:
            return "Signed"
        return "Addressed" if person_id in record.to else "Copied"
    if isinstance(record, Vote):
        option = vote_of(record, person_id)
        if option is not None:
            return f"Voted: {option.label}"
        return "Moved" if record.mover == person_id else "Seconded"
    if isinstance(record, Document):
        return "Author" if person_id in record.authors else "Addressed"
    return "Named"


def person_page(site: Site, person: Person) -> Page:
    page = Page(site, record_src(person), person.name, f"Roles, letters, votes and records of {person.name}")
    page.feeds = own_feeds(person, person.name)
    page.structured_data = person_structured_data(site, person)
    follow_block(page)
    text_section(page, person.id, "About")
    if person.roles:
        page.heading("Roles")
        rows = []
        for role in person.roles:
            start = time_tag(role.start) if role.start else Html('<span class="not-recorded">Start not recorded</span>')
            end = time_tag(role.end) if role.end else Html("Serving (no end recorded)")
            rows.append([role_words(page, role, with_body=False), page.link_record(role.body), start, end])
        page.block(table(f"Roles held by {person.name}", ["Role", "Body", "From", "To"], rows))
    records = site.corpus.by_person.get(person.id, [])
    past = [r.date for r in records if not r.date.is_after(site.today)]
    page.lastmod = max(past) if past else None
    _surveillance_record(page, person, records)
    _letters_signed(page, person, records)
    _votes_cast(page, person, records)
    _meetings(page, person, records)
    page.heading("All records")
    if not records:
        page.block(Html("<p>No dated record names this person yet.</p>"))
    else:
        rows = [
            [time_tag(r.date), e(KIND_LABELS[r.kind]), page.link(record_src(r), r.title), e(involvement(r, person.id))]
            for r in records
        ]
        page.block(table(f"Records naming {person.name}, oldest first", ["Date", "Type", "Record", "Role in it"], rows))
    if person.links:
        page.heading("Links")
        page.block(link_list(person.links))
    page.search = person_entry(site.corpus, person).front_matter()
    return page


def _surveillance_record(page: Page, person: Person, records: list[DatedRecord]) -> None:
    """One row per technology: letters signed, votes and how, latest date."""
    rows = []
    corpus = page.site.corpus
    mine_ids = {r.id for r in records}
    for tech_id in corpus.technologies:
        mine = [r for r in corpus.by_technology.get(tech_id, []) if r.id in mine_ids]
        if not mine:
            continue
        letters = [r for r in mine if isinstance(r, Letter) and person.id in r.signatories]
        options = Counter(o for r in mine if isinstance(r, Vote) and (o := vote_of(r, person.id)) is not None)
        votes = ", ".join(f"{o.label} {options[o]}" for o in VoteOption if options[o]) or "None"
        rows.append([page.link_record(tech_id), e(len(letters)), e(votes), time_tag(mine[-1].date)])
    if rows:
        page.heading("Record on surveillance technology")
        page.block(
            table(
                f"{person.name} on each technology",
                ["Technology", "Letters signed", "Votes cast", "Latest record"],
                rows,
            )
        )


def _letters_signed(page: Page, person: Person, records: list[DatedRecord]) -> None:
    letters = [r for r in records if isinstance(r, Letter) and person.id in r.signatories]
    if not letters:
        return
    page.heading("Letters signed")
    rows = []
    for letter in letters:
        held = Html("; ").join(role_words(page, role) for role in person.roles_on(letter.date)) or Html(
            "No role recorded"
        )
        rows.append([time_tag(letter.date), page.link(record_src(letter), letter.title), held])
    page.block(table(f"Letters {person.name} signed", ["Date", "Letter", "Role held that day"], rows))


def _votes_cast(page: Page, person: Person, records: list[DatedRecord]) -> None:
    votes = [r for r in records if isinstance(r, Vote) and vote_of(r, person.id) is not None]
    if not votes:
        return
    page.heading("Votes cast")
    corpus = page.site.corpus
    groups: list[tuple[str, list[Vote]]] = [
        (tech.title, [v for v in votes if tech_id in v.technologies]) for tech_id, tech in corpus.technologies.items()
    ]
    groups.append(("Other votes", [v for v in votes if not set(v.technologies) & corpus.technologies.keys()]))
    for title, group in groups:
        if not group:
            continue
        rows = [
            [
                time_tag(v.date),
                page.link(record_src(v), v.title),
                page.link_record(v.body),
                e((opt := vote_of(v, person.id)) and opt.label),
            ]
            for v in group
        ]
        page.block(table(f"{person.name}'s votes: {title}", ["Date", "Vote", "Body", "Vote cast"], rows))


def _meetings(page: Page, person: Person, records: list[DatedRecord]) -> None:
    corpus = page.site.corpus
    meeting_ids = sorted({v.meeting for v in records if isinstance(v, Vote) and v.meeting in corpus.meetings})
    meetings = sorted((corpus.meetings[m] for m in meeting_ids if m), key=lambda m: (m.date, m.id))
    if not meetings:
        return
    page.heading("Meetings")
    rows = [[time_tag(m.date), page.link(record_src(m), m.title), page.link_record(m.body)] for m in meetings]
    page.block(table(f"Meetings at which {person.name} voted", ["Date", "Meeting", "Body"], rows))

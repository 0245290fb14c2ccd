"""A person's page: roles over time, letters signed, votes cast, and every record they appear in."""

from __future__ import annotations

from collections import Counter

from ..addresses import json_twin
from ..models import DatedRecord, Document, Letter, Person, Role, Vote
from ..rosters import letters_not_signed
from ..vocabulary import VoteOption
from .feeds_links import follow_block, own_feeds
from .record_page import source_item
from .roles import role_end, role_note_and_source, role_start, role_words
from .search_facets import person_entry
from .site import (
    KIND_LABELS,
    Html,
    Page,
    Site,
    e,
    link_list,
    record_src,
    table,
    table_of_columns,
    text_section,
    time_tag,
)
from .structured_data import person_structured_data
from .vote_section import (
    MOTION_KIND_SHORT,
    NOT_NAMED,
    ROLES_TABLE,
    SUMMARY_TABLE,
    matter_html,
    motion_text,
    result_words,
    vote_of,
)


def involvement(record: DatedRecord, person_id: str) -> str:
    """How the person figures in the record, in words."""
    if isinstance(record, Letter):
        if person_id in record.signatories:
            return "Signed"
        return "Addressed" if person_id in record.to else "Copied"
    if isinstance(record, Vote):
        option = vote_of(record, person_id)
        if option is not None:
            kind = "" if record.counts_in_summaries else f" ({MOTION_KIND_SHORT[record.motion_kind].lower()} vote)"
            return f"Voted: {option.label}{kind}"
        return "Moved" if record.mover == person_id else "Seconded"
    if isinstance(record, Document):
        return "Author" if person_id in record.authors else "Addressed"
    return "Named"


def person_page(site: Site, person: Person) -> Page:
    page = Page(
        site,
        record_src(person),
        person.name,
        f"Roles, letters, votes and records of {person.name}",
        twin=json_twin(person),
    )
    page.feeds = own_feeds(person, person.name)
    page.structured_data = person_structured_data(site, person)
    follow_block(page)
    page.block(page.twin_link())
    text_section(page, person.id, "About")
    if person.roles:
        page.heading("Roles")
        roles = person.roles
        columns = [
            ("Role", [role_words(page, role, with_body=False) for role in roles]),
            ("Body", [page.link_record(role.body) for role in roles]),
            ("From", [role_start(role) for role in roles]),
            ("To", [role_end(role) for role in roles]),
            ("Note and source", _notes_and_sources(page, roles)),
        ]
        page.block(table_of_columns(f"Roles held by {person.name}", columns, css=ROLES_TABLE))
    records = site.corpus.by_person.get(person.id, [])
    past = [r.date for r in records if not r.date.is_after(site.today)]
    page.lastmod = max(past) if past else None
    not_signed = [letter for letter, _ in letters_not_signed(site.corpus, person.id)]
    unnamed = _unnamed_votes(page, person)
    _surveillance_record(page, person, records, not_signed, unnamed)
    _letters(page, person, records, not_signed)
    _votes_cast(page, person, records, unnamed)
    _meetings(page, person, records)
    page.heading("All records")
    if not records:
        page.block(Html("<p>No dated record names this person as an author, signatory, voter or mover.</p>"))
    else:
        rows = [
            [time_tag(r.date), e(KIND_LABELS[r.kind]), page.link(record_src(r), r.title), e(involvement(r, person.id))]
            for r in records
        ]
        page.block(
            table(
                f"Records naming {person.name}, oldest first",
                ["Date", "Type", "Record", "Role in it"],
                rows,
                css=SUMMARY_TABLE,
            )
        )
    if person.links:
        page.heading("Links")
        page.block(link_list(person.links))
    if person.sources:
        page.heading("Sources")
        page.block(
            Html('<ol class="sources">{}</ol>').format(Html().join(source_item(page, s) for s in person.sources))
        )
    page.search = person_entry(site.corpus, person).front_matter()
    return page


def _notes_and_sources(page: Page, roles: list[Role]) -> list[Html]:
    """Each role's note and source; a source already given in the row above is not repeated
    (two seats shown by the same vote would otherwise cite it twice)."""
    cells = []
    previous: object = None
    for role in roles:
        if role.source is not None and role.source == previous:
            note = role_note_and_source(page, role.model_copy(update={"source": None}))
            same = Html('<span class="role-source">Source: the same as above</span>')
            cells.append(Html("{} {}").format(note, same) if note else same)
        else:
            cells.append(role_note_and_source(page, role))
        previous = role.source
    return cells


def _unnamed_votes(page: Page, person: Person) -> list[Vote]:
    """Votes of a body the person sat on that day whose sources do not name every voter, and
    do not name this person (a partial roll call, or a tally alone)."""
    partly_named = page.site.corpus.partly_named_votes
    bodies = sorted({role.body for role in person.roles})
    votes = sorted((v for body in bodies for v in partly_named.get(body, [])), key=lambda v: v.id)
    return [v for v in votes if vote_of(v, person.id) is None and person.roles_on(v.date, v.body)]


def _count_words(votes: list[Vote], person_id: str) -> str:
    options = Counter(o for v in votes if (o := vote_of(v, person_id)) is not None)
    return ", ".join(f"{o.label} {options[o]}" for o in VoteOption if options[o])


def _surveillance_record(
    page: Page, person: Person, records: list[DatedRecord], not_signed: list[Letter], unnamed: list[Vote]
) -> None:
    """One row per technology: letters signed or not, decisions and recommendations voted (each
    vote once; procedural and amendment votes not counted), latest date."""
    rows = []
    corpus = page.site.corpus
    unsigned_ids = {r.id for r in not_signed}
    unnamed_ids = {v.id for v in unnamed if v.counts_in_summaries}
    # Each technology's timeline records that concern the person, in timeline order: found from
    # the person's records (``timelines_of``), not by scanning every technology's timeline.
    mine_records = {r.id: r for r in [*records, *not_signed, *(v for v in unnamed if v.id in unnamed_ids)]}
    by_tech: dict[str, list[DatedRecord]] = {}
    for record in sorted(mine_records.values(), key=lambda r: corpus.dated_position[r.id]):
        for tech_id in corpus.timelines_of.get(record.id, []):
            by_tech.setdefault(tech_id, []).append(record)
    for tech_id, mine in sorted(by_tech.items()):
        if tech_id not in corpus.technologies:
            continue
        signed = len({r.id for r in mine if isinstance(r, Letter) and person.id in r.signatories})
        unsigned = len({r.id for r in mine if r.id in unsigned_ids})
        letters = [f"Signed {signed}"] if signed else []
        if unsigned:
            letters.append(f"Did not sign {unsigned}")
        votes = {r.id: r for r in mine if isinstance(r, Vote) and vote_of(r, person.id) is not None}
        counted = [v for v in votes.values() if v.counts_in_summaries]
        apart = len(votes) - len(counted)
        vote_words = _count_words(counted, person.id) or "None"
        notes = []
        if apart:
            notes.append(f"{apart} procedural or amendment vote{'s' if apart > 1 else ''} not counted")
        not_named = len({r.id for r in mine if r.id in unnamed_ids})
        if not_named:
            notes.append(f"{not_named} vote{'s' if not_named > 1 else ''} where the sources do not name them")
        if notes:
            vote_words += f" ({'; '.join(notes)})"
        rows.append(
            [page.link_record(tech_id), e(", ".join(letters) or "None"), e(vote_words), time_tag(mine[-1].date)]
        )
    if rows:
        page.heading("Record on surveillance technology")
        page.block(
            table(
                f"{person.name} on each technology: votes on decisions and recommendations only",
                ["Technology", "Letters", "Votes cast", "Latest record"],
                rows,
                css=SUMMARY_TABLE,
            )
        )


def _letters(page: Page, person: Person, records: list[DatedRecord], not_signed: list[Letter]) -> None:
    signed = [r for r in records if isinstance(r, Letter) and person.id in r.signatories]
    if signed:
        page.heading("Letters signed")
        page.block(
            table(
                f"Letters {person.name} signed",
                ["Date", "Letter", "Role held that day"],
                [[time_tag(r.date), page.link(record_src(r), r.title), _held(page, person, r)] for r in signed],
                css=SUMMARY_TABLE,
            )
        )
    if not_signed:
        page.heading("Letters not signed")
        page.block(
            table(
                f"Letters signed by members of a body {person.name} sat on, which {person.name} did not sign",
                ["Date", "Letter", "Signed?", "Role held that day"],
                [
                    [
                        time_tag(r.date),
                        page.link(record_src(r), r.title),
                        Html('<span class="did-not-sign">Did not sign</span>'),
                        _held(page, person, r),
                    ]
                    for r in not_signed
                ],
                css=SUMMARY_TABLE,
            )
        )


def _held(page: Page, person: Person, record: DatedRecord) -> Html:
    return Html("; ").join(role_words(page, role) for role in person.roles_on(record.date)) or Html("No role recorded")


def _votes_cast(page: Page, person: Person, records: list[DatedRecord], unnamed: list[Vote]) -> None:
    """Each vote once: decisions and recommendations (with votes where the sources do not name
    the person), then procedural and amendment votes apart."""
    cast = [r for r in records if isinstance(r, Vote) and vote_of(r, person.id) is not None]
    counted = sorted(
        [v for v in cast if v.counts_in_summaries] + [v for v in unnamed if v.counts_in_summaries],
        key=page.site.corpus.timeline_key,
    )
    apart = [v for v in cast if not v.counts_in_summaries]
    if counted:
        page.heading("Votes cast")
        page.block(
            table(
                f"{person.name}'s votes on decisions and recommendations, oldest first",
                ["Date", "Vote", "Technology", "Body", "Result", "Vote cast"],
                [
                    [
                        time_tag(v.date),
                        page.link(record_src(v), v.title),
                        _technologies(page, v),
                        page.link_record(v.body),
                        e(result_words(v)),
                        e(opt.label if (opt := vote_of(v, person.id)) else NOT_NAMED),
                    ]
                    for v in counted
                ],
                css=SUMMARY_TABLE,
            )
        )
    if apart:
        page.heading("Procedural and amendment votes")
        page.block(
            table(
                f"{person.name}'s votes on procedure and amendments, not counted above",
                ["Date", "Vote", "Kind", "Motion", "Result", "Vote cast"],
                [
                    [
                        time_tag(v.date),
                        page.link(record_src(v), v.title),
                        e(MOTION_KIND_SHORT[v.motion_kind]),
                        _motion(page, v),
                        e(result_words(v)),
                        e(opt.label if (opt := vote_of(v, person.id)) else ""),
                    ]
                    for v in apart
                ],
                css=SUMMARY_TABLE,
            )
        )


def _motion(page: Page, vote: Vote) -> Html:
    matter = matter_html(page, vote, 80)
    motion = e(motion_text(vote, 160))
    return Html("{} (on {})").format(motion, matter) if matter else motion


def _technologies(page: Page, vote: Vote) -> Html:
    corpus = page.site.corpus
    techs = [t for t in vote.technologies if t in corpus.technologies]
    return Html(", ").join(page.link_record(t) for t in techs) or Html("None named")


def _meetings(page: Page, person: Person, records: list[DatedRecord]) -> None:
    corpus = page.site.corpus
    meeting_ids = sorted({v.meeting for v in records if isinstance(v, Vote) and v.meeting in corpus.meetings})
    meetings = sorted((corpus.meetings[m] for m in meeting_ids if m), key=lambda m: (m.date, m.id))
    if not meetings:
        return
    page.heading("Meetings")
    rows = [[time_tag(m.date), page.link(record_src(m), m.title), page.link_record(m.body)] for m in meetings]
    page.block(table(f"Meetings at which {person.name} voted", ["Date", "Meeting", "Body"], rows, css=SUMMARY_TABLE))

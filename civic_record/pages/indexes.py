"""Index pages: one per record kind (paginated), the SOP series, and the home page."""

from __future__ import annotations

from ..addresses import HOME_SRC
from ..models import DatedRecord, Meeting, StatusChange, Vote, count_words
from ..site_settings import LINK_URL
from ..vocabulary import MotionKind, RecordKind
from .city_pages import ABOUT_SRC, home_introduction
from .site import (
    KIND_PLURALS,
    Html,
    Page,
    Site,
    confidence_tag,
    e,
    index_src,
    record_src,
    status_with_record,
    table,
    table_of_columns,
    time_tag,
)
from .sop_pages import series_src
from .timeline import timeline_list
from .vote_section import MOTION_KIND_SHORT, SUMMARY_TABLE, matter_html, result_words, shorten, tally, tally_words

PAGE_SIZE = 400
"""Links per listing page: long listings are slow to render and to search (docs/performance.md)."""

DATED_INDEX_KINDS = (RecordKind.LETTER, RecordKind.MEETING, RecordKind.VOTE, RecordKind.DOCUMENT)


def _pager(page: Page, kind: RecordKind, number: int, total: int) -> Html:
    links = []
    for n in range(1, total + 1):
        if n == number:
            links.append(Html('<li><span aria-current="page">Page {}</span></li>').format(n))
        else:
            links.append(Html("<li>{}</li>").format(page.link(index_src(kind, n), f"Page {n}")))
    return Html('<nav class="pager" aria-label="{} pages"><ul>{}</ul></nav>').format(
        KIND_PLURALS[kind], Html().join(links)
    )


def dated_index_pages(site: Site, kind: RecordKind) -> list[Page]:
    """Newest first, split into pages of at most ``PAGE_SIZE`` records."""
    records: list[DatedRecord] = [r for r in reversed(site.corpus.dated) if r.kind is kind]
    chunks = [records[i : i + PAGE_SIZE] for i in range(0, len(records), PAGE_SIZE)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        title = KIND_PLURALS[kind] + (f" (page {number} of {len(chunks)})" if len(chunks) > 1 else "")
        page = Page(site, index_src(kind, number), title, f"All {KIND_PLURALS[kind].lower()} in the record")
        page.block(Html("<p>{}, newest first.</p>").format(count_words(len(records), "record", "records")))
        if len(chunks) > 1:
            page.block(_pager(page, kind, number, len(chunks)))
        if chunk:
            # Votes and meetings: many short columns, whose words are kept whole (summaries.css).
            css = SUMMARY_TABLE if kind in (RecordKind.VOTE, RecordKind.MEETING) else "record-table"
            page.block(table_of_columns(title, _listing_columns(page, kind, chunk), css=css))
        else:
            page.block(Html("<p>None yet.</p>"))
        pages.append(page)
    return pages


def _listing_columns(page: Page, kind: RecordKind, records: list[DatedRecord]) -> list[tuple[str, list[Html]]]:
    """The columns a reader scans a listing by: for votes the body, matter, motion, result and
    tally; for meetings the body, kind and status (their record pages hold the summaries, which
    would make rows of many columns a screen tall on a phone); for the others the summary."""
    dates = ("Date", [time_tag(r.date) for r in records])
    titles = [page.link(record_src(r), r.title) for r in records]
    confidence = ("Confidence", [confidence_tag(r.confidence) for r in records])
    votes = [r for r in records if isinstance(r, Vote)]
    meetings = [r for r in records if isinstance(r, Meeting)]
    if kind is RecordKind.VOTE and len(votes) == len(records):
        return [
            dates,
            ("Vote", titles),
            ("Body", [page.link_record(v.body) for v in votes]),
            ("Matter", [matter_html(page, v, 60) for v in votes]),
            ("Motion", [_motion_cell(v) for v in votes]),
            ("Result", [Html('<span class="vote-result">{}</span>').format(result_words(v)) for v in votes]),
            ("Tally", [e(tally_words(tally(v))) for v in votes]),
            confidence,
        ]
    if kind is RecordKind.MEETING and len(meetings) == len(records):
        return [
            dates,
            ("Meeting", titles),
            ("Body", [page.link_record(m.body) for m in meetings]),
            ("Kind", [e(m.meeting_kind.label) for m in meetings]),
            ("Status", [e(m.status.label) for m in meetings]),
            confidence,
        ]
    return [dates, ("Title", titles), confidence, ("Summary", [e(r.summary) for r in records])]


def _motion_cell(vote: Vote) -> Html:
    """The motion as written (else nothing: the title says what the vote was), and what kind of
    motion it was when it was not the decision on the matter itself."""
    motion = e(shorten(vote.motion, 90)) if vote.motion else Html()
    if vote.motion_kind is MotionKind.SUBSTANTIVE:
        return motion
    kind = Html('<span class="motion-kind">({})</span>').format(MOTION_KIND_SHORT[vote.motion_kind].lower())
    return Html("{} {}").format(motion, kind) if motion else kind


def people_index(site: Site) -> Page:
    page = Page(site, index_src(RecordKind.PERSON), "People", "Officials and other people in the record")
    people = sorted(site.corpus.people.values(), key=lambda p: ((p.sort_name or p.name).casefold(), p.id))
    rows = []
    for person in people:
        roles = "; ".join(
            f"{r.title}, {site.corpus.bodies[r.body].name}" if r.body in site.corpus.bodies else r.title
            for r in person.roles
        )
        rows.append(
            [page.link(record_src(person), person.name), e(roles), e(len(site.corpus.by_person.get(person.id, [])))]
        )
    page.block(table("People, by name", ["Name", "Roles", "Records"], rows))
    return page


def bodies_index(site: Site) -> Page:
    page = Page(site, index_src(RecordKind.BODY), "Bodies", "Councils, commissions, committees and agencies")
    rows = [
        [
            page.link(record_src(b), b.name),
            e(b.body_kind.label),
            e(b.jurisdiction or ""),
            e(len(site.corpus.by_body.get(b.id, []))),
        ]
        for b in site.corpus.bodies.values()
    ]
    page.block(table("Bodies", ["Name", "Kind", "Jurisdiction", "Records"], rows))
    return page


def technologies_table(page: Page) -> Html:
    """Each technology with its latest status, always with the date and the record that shows
    it (a badge alone would be quoted without either), and its latest record."""
    site = page.site
    rows = []
    for tech in sorted(site.corpus.technologies.values(), key=lambda t: (t.title.casefold(), t.id)):
        current = tech.current_status
        records = site.corpus.by_technology.get(tech.id, [])
        latest = records[-1] if records else None
        rows.append(
            [
                page.link(record_src(tech), tech.title),
                e(tech.category.label),
                _status_cell(page, current) if current else Html("Not recorded"),
                (
                    Html("{}: {} {}").format(
                        time_tag(latest.date),
                        page.link(record_src(latest), latest.title),
                        confidence_tag(latest.confidence),
                    )
                    if latest
                    else Html("None yet")
                ),
            ]
        )
    return table(
        "Technologies and their current status",
        ["Technology", "Category", "Current status", "Latest record"],
        rows,
    )


def _status_cell(page: Page, change: StatusChange) -> Html:
    """``In use as of <date> (shown by <record>) Reported``: a status is as sure as the record
    that shows it, so that record's confidence follows it (a press report is not a vote)."""
    shown_by = page.site.corpus.records.get(change.record)
    if isinstance(shown_by, DatedRecord):
        return Html("{} {}").format(status_with_record(page, change), confidence_tag(shown_by.confidence))
    return status_with_record(page, change)


def technologies_index(site: Site) -> Page:
    page = Page(
        site,
        index_src(RecordKind.TECHNOLOGY),
        "Technologies",
        "Every surveillance technology proposal in the record, with its status",
    )
    page.block(technologies_table(page))
    return page


def sop_index(site: Site) -> Page:
    index = Page(
        site,
        index_src(RecordKind.SOP),
        "Policies and SOPs",
        "Standard operating procedures, use policies and impact reports, by series",
    )
    series = site.corpus.sop_series
    if not series:
        index.block(Html("<p>None yet.</p>"))
    rows = []
    for name, versions in series.items():
        latest = versions[-1]
        rows.append(
            [
                index.link(series_src(name), name),
                e(latest.document_kind.label),
                e(len(versions)),
                Html("{} ({}, {})").format(latest.version, latest.status.label, time_tag(latest.date)),
                confidence_tag(latest.confidence),
            ]
        )
    if rows:
        index.block(table("Policy series", ["Series", "Kind", "Versions", "Latest version", "Confidence"], rows))
    return index


def home_page(site: Site) -> Page:
    page = Page(
        site,
        HOME_SRC,
        site.site_name,
        "Public records on surveillance technology: letters, votes, meetings and policies",
    )
    corpus = site.corpus
    # The site's name is the home page's heading (the theme would print the navigation's
    # "Home"); an <h1> in the content takes the place of the theme's.
    page.block(Html("<h1>{}</h1>").format(site.site_name))
    introduction = home_introduction(site)
    page.block(introduction if introduction is not None else _default_introduction(page))
    page.block(
        Html("<p>{} on {}, from {} and {}. Every record cites its sources.</p>").format(
            count_words(len(corpus.dated), "dated record", "dated records"),
            count_words(len(corpus.technologies), "technology", "technologies"),
            count_words(len(corpus.bodies), "body", "bodies"),
            count_words(len(corpus.people), "person", "people"),
        )
    )
    page.heading("Technologies")
    page.block(technologies_table(page))
    recent = list(reversed(corpus.dated[-10:]))
    if recent:
        page.heading("Latest records")
        page.block(timeline_list(page, recent, css="timeline timeline-recent"))
    page.heading("Browse")
    kinds = (
        RecordKind.TECHNOLOGY,
        RecordKind.LETTER,
        RecordKind.MEETING,
        RecordKind.VOTE,
        RecordKind.SOP,
        RecordKind.DOCUMENT,
        RecordKind.PERSON,
        RecordKind.BODY,
    )
    items = Html().join(Html("<li>{}</li>").format(page.link(index_src(k), KIND_PLURALS[k])) for k in kinds)
    page.block(Html("<ul>{}</ul>").format(items))
    _licence_and_contact(page)
    return page


def _default_introduction(page: Page) -> Html:
    """What the site is, in words that fit any city, for a records folder without its own
    introduction (``records/pages/index.md``, whose text is marked ``home-introduction``)."""
    where = Html(" in {}").format(page.site.city) if page.site.city else Html()
    return Html(
        '<div class="site-introduction"><p>The public record on surveillance technology proposed or used by '
        "police{}: letters, meetings and hearings, votes, policies and other documents, each with the sources "
        "it comes from. Each technology below has a timeline of every record that names it and its current "
        "status. {} says who publishes it and how to read its records.</p></div>"
    ).format(where, page.link(ABOUT_SRC, "About this site"))


def _licence_and_contact(page: Page) -> None:
    site = page.site
    if not (site.licence or site.contact):
        return
    page.heading("Licence and contact")
    if site.licence:
        link = Html()
        if LINK_URL.match(site.licence_url):  # checked in site.yml and mkdocs.yml: never another scheme
            link = Html(' (<a href="{0}">{0}</a>)').format(site.licence_url)
        page.block(Html('<p class="licence">{}{}</p>').format(site.licence, link))
    if site.contact:
        contact = e(site.contact)
        if "@" in site.contact and " " not in site.contact:
            contact = Html('<a href="mailto:{}">{}</a>').format(site.contact, site.contact)
        page.block(Html('<p class="contact">Corrections and questions: {}</p>').format(contact))

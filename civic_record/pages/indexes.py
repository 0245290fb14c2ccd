"""Index pages: one per record kind (paginated), the SOP series, and the home page."""

from __future__ import annotations

from ..models import DatedRecord, StatusChange
from ..site_settings import LINK_URL
from ..vocabulary import RecordKind
from .city_pages import home_introduction
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
    time_tag,
)
from .sop_pages import series_src
from .timeline import timeline_list

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
        page.block(Html("<p>{} records, newest first.</p>").format(len(records)))
        if len(chunks) > 1:
            page.block(_pager(page, kind, number, len(chunks)))
        if chunk:
            rows = [
                [time_tag(r.date), page.link(record_src(r), r.title), confidence_tag(r.confidence), e(r.summary)]
                for r in chunk
            ]
            page.block(table(title, ["Date", "Title", "Confidence", "Summary"], rows))
        else:
            page.block(Html("<p>None yet.</p>"))
        pages.append(page)
    return pages


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
        "index.md",
        site.site_name,
        "Public records on surveillance technology: letters, votes, meetings and policies",
    )
    corpus = site.corpus
    introduction = home_introduction(site)
    if introduction is not None:
        page.block(introduction)
    page.block(
        Html(
            "<p>{} dated records on {} technologies, from {} bodies and {} people. Every record cites its sources.</p>"
        ).format(len(corpus.dated), len(corpus.technologies), len(corpus.bodies), len(corpus.people))
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

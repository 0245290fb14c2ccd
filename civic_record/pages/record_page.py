"""The page of one dated record: what every kind shares, around the kind's own section."""

from __future__ import annotations

from collections.abc import Callable

from ..models import DatedRecord, Document, Letter, Meeting, SopVersion, Source, Vote
from ..vocabulary import Confidence
from .citation import cite_section
from .feeds_links import record_page_feeds
from .letter_section import letter_section
from .meeting_section import meeting_section
from .search_facets import record_entry
from .site import KIND_LABELS, Page, Site, e, facts, record_src, status_badge, text_section, time_tag, when
from .sop_section import sop_section
from .structured_data import record_structured_data
from .vote_section import vote_section

IDENTIFIER_LABELS = {
    "legistar_file": "Legistar file",
    "legistar_meeting": "Legistar meeting",
    "fpc_item": "Fire and Police Commission item",
}

CONFIDENCE_WORDS = {
    Confidence.CONFIRMED: "Confirmed by the sources below.",
    Confidence.REPORTED: "Reported: the sources below report this, but no primary record confirms it.",
    Confidence.DISPUTED: "Disputed: the sources disagree; the caveats say how.",
}


def identifier_label(key: str) -> str:
    return IDENTIFIER_LABELS.get(key, key.replace("_", " ").capitalize())


def record_page(site: Site, record: DatedRecord) -> Page:
    page = Page(site, record_src(record), record.title, record.summary)
    page.block(
        f'<p class="record-meta"><span class="record-type">{KIND_LABELS[record.kind]}</span> · '
        f"{when(record, site.today)}</p>"
    )
    page.block(f'<p class="record-summary">{e(record.summary)}</p>')
    page.block(
        f'<p class="confidence confidence-{record.confidence.value}"><strong>Confidence:</strong> '
        f"{e(CONFIDENCE_WORDS[record.confidence])}</p>"
    )
    if record.caveats:
        page.heading("Caveats")
        page.block('<ul class="caveats">' + "".join(f"<li>{e(c)}</li>" for c in record.caveats) + "</ul>")
    _kind_section(record)(page, record)
    page.block(facts(_shared_facts(page, record)))
    text_section(page, record.id, _text_heading(record))
    _status_changes(page, record)
    _sources(page, record)
    if record.attachments:
        page.heading("Attachments")
        page.block(
            "<ul>"
            + "".join(f"<li>{_attachment_link(page, a.path, a.title)}</li>" for a in record.attachments)
            + "</ul>"
        )
    cite_section(page, record)
    page.structured_data = record_structured_data(site, record)
    page.lastmod = record.date
    page.feeds = record_page_feeds(site, record)
    page.search = record_entry(site.corpus, record).front_matter()
    return page


def _kind_section(record: DatedRecord) -> Callable[[Page, DatedRecord], None]:
    sections: dict[type, Callable[[Page, DatedRecord], None]] = {
        Letter: letter_section,  # type: ignore[dict-item]
        Meeting: meeting_section,  # type: ignore[dict-item]
        Vote: vote_section,  # type: ignore[dict-item]
        SopVersion: sop_section,  # type: ignore[dict-item]
        Document: _document_section,  # type: ignore[dict-item]
    }
    return sections[type(record)]


def _document_section(page: Page, record: Document) -> None:
    rows = [("Kind", e(record.document_kind.label))]
    if record.authors:
        rows.append(("From", ", ".join(page.link_record(a) for a in record.authors)))
    if record.to:
        rows.append(("To", ", ".join(page.link_record(t) for t in record.to)))
    page.block(facts(rows))


def _text_heading(record: DatedRecord) -> str:
    if isinstance(record, Letter):
        return "Text of the letter"
    if isinstance(record, Meeting):
        return "Notes"
    if isinstance(record, SopVersion):
        return "Full text"
    return "Text"


def _shared_facts(page: Page, record: DatedRecord) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if record.technologies:
        rows.append(("Technologies", ", ".join(page.link_record(t) for t in record.technologies)))
    if record.bodies:
        rows.append(("Bodies involved", ", ".join(page.link_record(b) for b in record.bodies)))
    for key, value in sorted(record.identifiers.items()):
        rows.append((identifier_label(key), f'<span class="identifier" data-pagefind-weight="10">{e(value)}</span>'))
    if record.tags:
        rows.append(("Tags", ", ".join(e(t) for t in record.tags)))
    return rows


def _status_changes(page: Page, record: DatedRecord) -> None:
    changes = [
        (tech, change)
        for tech in page.site.corpus.technologies.values()
        for change in tech.status_history
        if change.record == record.id
    ]
    if not changes:
        return
    page.heading("Status changes shown by this record")
    items = "".join(
        f"<li>{page.link_record(tech.id)}: {status_badge(change.status)} from {time_tag(change.date)}</li>"
        for tech, change in changes
    )
    page.block(f'<ul class="status-changes">{items}</ul>')


def _attachment_link(page: Page, path: str, title: str) -> str:
    return f'<a href="{e(page.attachment_href(path))}">{e(title)}</a>'


def source_item(page: Page, source: Source) -> str:
    if source.url:
        title = f'<a href="{e(source.url)}">{e(source.title)}</a>'
    else:
        title = _attachment_link(page, source.attachment or "", source.title)
    details = [e(source.publisher)] if source.publisher else []
    if source.published:
        details.append(f"published {time_tag(source.published)}")
    if source.retrieved:
        details.append(f"retrieved {time_tag(source.retrieved)}")
    kind = f'<span class="source-kind">{e(source.kind.label)} source</span>'
    return f"<li>{title}{' — ' + ', '.join(details) if details else ''} ({kind})</li>"


def _sources(page: Page, record: DatedRecord) -> None:
    page.heading("Sources")
    page.block('<ol class="sources">' + "".join(source_item(page, s) for s in record.sources) + "</ol>")

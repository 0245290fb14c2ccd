"""The page of one dated record: what every kind shares, around the kind's own section."""

from __future__ import annotations

from collections.abc import Callable
from typing import LiteralString
from urllib.parse import quote

from ..addresses import json_twin
from ..models import Amount, DatedRecord, Document, Letter, Meeting, SopVersion, Source, Term, Vote
from ..requirements import known_requirements
from ..site_settings import corrections_link
from ..vocabulary import Confidence
from .citation import cite_section
from .feeds_links import record_page_feeds
from .letter_section import letter_section
from .meeting_section import meeting_section
from .roles import actor_with_role
from .search_facets import record_entry
from .site import (
    KIND_LABELS,
    Html,
    Page,
    Site,
    e,
    facts,
    identifier_html,
    record_src,
    status_badge,
    text_section,
    time_tag,
    when,
)
from .sop_pages import TEXT_HEADINGS
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
    page = Page(site, record_src(record), record.title, record.summary, twin=json_twin(record))
    page.block(
        Html('<p class="record-meta"><span class="record-type">{}</span> · {}</p>').format(
            KIND_LABELS[record.kind], when(record, site.today)
        )
    )
    page.block(Html('<p class="record-summary">{}</p>').format(record.summary))
    page.block(
        Html('<p class="confidence confidence-{}"><strong>Confidence:</strong> {}</p>').format(
            record.confidence.value, CONFIDENCE_WORDS[record.confidence]
        )
    )
    if record.caveats:
        page.heading("Caveats")
        items = Html().join(Html("<li>{}</li>").format(caveat) for caveat in record.caveats)
        page.block(Html('<ul class="caveats">{}</ul>').format(items))
    _kind_section(record)(page, record)
    page.block(facts(_shared_facts(page, record)))
    text_section(page, record.id, _text_heading(record))
    _status_changes(page, record)
    _sources(page, record)
    _corrections(page, record)
    if record.attachments:
        page.heading("Attachments")
        page.block(
            Html("<ul>{}</ul>").format(
                Html().join(
                    Html("<li>{}</li>").format(_attachment_link(page, a.path, a.title)) for a in record.attachments
                )
            )
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
        rows.append(("From", Html(", ").join(page.link_record(a) for a in record.authors)))
    if record.to:
        rows.append(("To", Html(", ").join(page.link_record(t) for t in record.to)))
    if record.vendor:
        rows.append(("Vendor", e(record.vendor)))
    if record.amount:
        rows.append(("Amount", Html('<span class="amount">{}</span>').format(amount_words(record.amount))))
    if record.term and (record.term.start or record.term.end):
        rows.append(("Term", _term(record.term)))
    if record.signed:
        rows.append(("Signed", time_tag(record.signed)))
    if record.signed_by:
        day = record.signed or record.date
        rows.append(("Signed by", Html("; ").join(actor_with_role(page, p, day) for p in record.signed_by)))
    page.block(facts(rows))


def amount_words(amount: Amount) -> str:
    """``$11,660,000 (USD)``, ``250,000 EUR``; cents only when the amount has them."""
    value = amount.value
    number = f"{value:,.2f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}"
    return f"${number} (USD)" if amount.currency == "USD" else f"{number} {amount.currency}"


def _term(term: Term) -> Html:
    """``September 1, 2025 – August 31, 2028``, or an open end: ``from October 2025``."""
    if term.start and term.end:
        return Html("{} – {}").format(time_tag(term.start), time_tag(term.end))
    if term.start:
        return Html("from {} (end not recorded)").format(time_tag(term.start))
    assert term.end is not None
    return Html("until {} (start not recorded)").format(time_tag(term.end))


def _text_heading(record: DatedRecord) -> LiteralString:
    if isinstance(record, Letter):
        return "Text of the letter"
    if isinstance(record, Meeting):
        return "Notes"
    if isinstance(record, SopVersion):
        return TEXT_HEADINGS[record.text]
    return "Text"


def _shared_facts(page: Page, record: DatedRecord) -> list[tuple[str, Html]]:
    rows: list[tuple[str, Html]] = []
    if record.technologies:
        rows.append(("Technologies", Html(", ").join(page.link_record(t) for t in record.technologies)))
    if record.bodies:
        rows.append(("Bodies involved", Html(", ").join(page.link_record(b) for b in record.bodies)))
    for key, value in sorted(record.identifiers.items()):
        rows.append((identifier_label(key), identifier_html(page, key, value)))
    if record.meets:
        labels = known_requirements(page.site.corpus)
        rows.append(
            (
                "City requirements met",
                Html(", ").join(
                    Html('<span class="requirement-met">{}</span>').format(labels.get(r, r)) for r in record.meets
                ),
            )
        )
    if record.tags:
        rows.append(("Tags", Html(", ").join(e(t) for t in record.tags)))
    return rows


def _status_changes(page: Page, record: DatedRecord) -> None:
    changes = page.site.corpus.status_changes_shown_by.get(record.id, [])
    if not changes:
        return
    page.heading("Status changes shown by this record")
    items = Html().join(
        Html("<li>{}: {} from {}</li>").format(
            page.link_record(tech.id), status_badge(change.status), time_tag(change.date)
        )
        for tech, change in changes
    )
    page.block(Html('<ul class="status-changes">{}</ul>').format(items))


def _attachment_link(page: Page, path: str, title: str) -> Html:
    return Html('<a href="{}">{}</a>').format(page.attachment_href(path), title)


def source_item(page: Page, source: Source) -> Html:
    if source.url:
        title = Html('<a href="{}">{}</a>').format(source.url, source.title)
    else:
        title = _attachment_link(page, source.attachment or "", source.title)
    details = [e(source.publisher)] if source.publisher else []
    if source.published:
        details.append(Html("published {}").format(time_tag(source.published)))
    if source.retrieved:
        details.append(Html("retrieved {}").format(time_tag(source.retrieved)))
    about = Html(" — {}").format(Html(", ").join(details)) if details else Html()
    kind = Html('<span class="source-kind">{} source</span>').format(source.kind.label)
    return Html("<li>{}{} ({})</li>").format(title, about, kind)


def _sources(page: Page, record: DatedRecord) -> None:
    page.heading("Sources")
    page.block(Html('<ol class="sources">{}</ol>').format(Html().join(source_item(page, s) for s in record.sources)))


def _corrections(page: Page, record: DatedRecord) -> None:
    """How to report an error in this record: the site's ``corrections`` setting (else its contact)."""
    way = page.site.corpus.settings.corrections or page.site.contact
    if not way:
        return
    href = corrections_link(way)
    if href is None:
        text = Html("{}").format(way)
    elif href.startswith("mailto:"):
        subject = quote(f"Correction: {record.title} ({record.id})", safe="")
        separator = "&" if "?" in href else "?"
        address = href[len("mailto:") :].split("?")[0]
        text = Html('E-mail <a href="{}">{}</a>, naming this record.').format(
            f"{href}{separator}subject={subject}", address
        )
    else:
        text = Html('<a href="{}">Send a correction</a>, naming this record.').format(href)
    page.block(Html('<p class="corrections" data-pagefind-ignore><strong>Found an error?</strong> {}</p>').format(text))

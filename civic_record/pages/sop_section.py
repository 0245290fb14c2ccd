"""An SOP, use policy or impact report version: its series, status and neighbours."""

from __future__ import annotations

from ..models import SopVersion
from ..vocabulary import SopStatus, SopText
from .site import Html, Page, e, facts, time_tag
from .sop_pages import (
    TEXT_LABELS,
    comparable,
    compare_src,
    legend,
    no_comparison_reason,
    redline_block,
    series_src,
    series_title,
    version_redline,
)


def sop_section(page: Page, sop: SopVersion) -> None:
    versions = page.site.corpus.sop_series.get(sop.series, [sop])
    index = next((i for i, v in enumerate(versions) if v.id == sop.id), 0)
    rows = [
        ("Series", page.link(series_src(sop.series), series_title(versions) or sop.series)),
        ("Version", e(sop.version)),
        ("Kind", e(sop.document_kind.label)),
        ("Status", e(sop.status.label)),
        ("Text in this record", _text_held(sop)),
    ]
    if sop.agency:
        rows.append(("Agency", page.link_record(sop.agency)))
    if sop.number:
        rows.append(("Number", e(sop.number)))
    if index > 0:
        rows.append(("Previous version", page.link_record(versions[index - 1].id)))
    if index + 1 < len(versions):
        following = versions[index + 1]
        label = "Replaced by" if sop.status is SopStatus.SUPERSEDED else "Next version"
        rows.append((label, page.link_record(following.id)))
    page.block(facts(rows))
    if index > 0:
        previous = versions[index - 1]
        page.heading("Changes from the previous version")
        if comparable(previous, sop):
            change = version_redline(page.site, previous, sop)
            page.block(
                Html('<p class="redline-summary">From version {} ({}): {} {}.</p>').format(
                    previous.version,
                    time_tag(previous.date),
                    change.summary.sentence(),
                    page.link(compare_src(previous, sop), "Open the comparison on its own page"),
                )
            )
            page.block(legend(change))
            page.block(redline_block(change))
        else:
            page.block(
                Html(
                    '<p class="no-redline">{} A redline is drawn only between two versions whose full text '
                    "is in this record.</p>"
                ).format(no_comparison_reason(previous, sop))
            )
    _compare_links(page, sop, versions)


def _text_held(sop: SopVersion) -> Html:
    if sop.text is SopText.FULL:
        return e(TEXT_LABELS[sop.text])
    return Html('{} <span class="text-held-note">(the full text is not in this record)</span>').format(
        TEXT_LABELS[sop.text]
    )


def _compare_links(page: Page, sop: SopVersion, versions: list[SopVersion]) -> None:
    """Links to the compare pages of this version with every other full version."""
    others = [v for v in versions if v.id != sop.id]
    if not others:
        return
    if sop.text is not SopText.FULL:
        page.block(
            Html(
                '<p class="compare-links no-redline">This version is not compared with the others: '
                "it is known only from {}.</p>"
            ).format("an excerpt" if sop.text is SopText.EXCERPT else "a summary")
        )
        return
    full = [v for v in others if comparable(v, sop)]
    if full:
        links = Html(", ").join(
            page.link(compare_src(*sorted((v, sop), key=versions.index)), f"version {v.version}") for v in full
        )
        page.block(Html('<p class="compare-links">Compare this version with {}.</p>').format(links))
    partial = [v for v in others if not comparable(v, sop)]
    if partial:
        names = Html(", ").join(page.link_record(v.id, f"version {v.version}") for v in partial)
        page.block(
            Html(
                '<p class="compare-links no-redline">Not compared with {}: '
                "the full text of {} is not in this record.</p>"
            ).format(names, "that version" if len(partial) == 1 else "those versions")
        )

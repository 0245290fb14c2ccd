"""An SOP, use policy or impact report version: its series, status and neighbours."""

from __future__ import annotations

from ..models import SopVersion
from .site import Html, Page, e, facts, time_tag
from .sop_pages import compare_src, redline_block, series_src, version_redline


def sop_section(page: Page, sop: SopVersion) -> None:
    versions = page.site.corpus.sop_series.get(sop.series, [sop])
    index = next((i for i, v in enumerate(versions) if v.id == sop.id), 0)
    rows = [
        ("Series", page.link(series_src(sop.series), sop.series)),
        ("Version", e(sop.version)),
        ("Kind", e(sop.document_kind.label)),
        ("Status", e(sop.status.label)),
    ]
    if sop.agency:
        rows.append(("Agency", page.link_record(sop.agency)))
    if sop.number:
        rows.append(("Number", e(sop.number)))
    if index > 0:
        rows.append(("Previous version", page.link_record(versions[index - 1].id)))
    if index + 1 < len(versions):
        following = versions[index + 1]
        label = "Replaced by" if sop.status.value == "superseded" else "Next version"
        rows.append((label, page.link_record(following.id)))
    page.block(facts(rows))
    if index > 0:
        previous = versions[index - 1]
        change = version_redline(page.site, previous, sop)
        page.heading("Changes from the previous version")
        page.block(
            Html('<p class="redline-summary">From version {} ({}): {} {}.</p>').format(
                previous.version,
                time_tag(previous.date),
                change.summary.sentence(),
                page.link(compare_src(previous, sop), "Open the comparison on its own page"),
            )
        )
        page.block(redline_block(change))
    others = [v for v in versions if v.id != sop.id]
    if others:
        links = Html(", ").join(
            page.link(compare_src(*sorted((v, sop), key=versions.index)), f"version {v.version}") for v in others
        )
        page.block(Html('<p class="compare-links">Compare this version with {}.</p>').format(links))

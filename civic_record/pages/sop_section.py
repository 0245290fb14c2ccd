"""An SOP, use policy or impact report version: its series, status and neighbours."""

from __future__ import annotations

from ..models import SopVersion
from .site import Page, e, facts


def series_src(series: str) -> str:
    return f"sops/series/{series}.md"


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

"""Policy series: the series page, and a compare page for every pair of versions.

Every pair is generated (``n(n-1)/2`` pages per series): static, fast to serve, and each
comparison has its own stable address a journalist can cite.
"""

from __future__ import annotations

from itertools import pairwise

# The module, not its names: redline.py imports Html from .site, so `from ..redline import
# redline` here would fail whenever civic_record.redline is imported before this package.
from .. import redline as redlines
from ..models import SopVersion
from .search_facets import series_entry
from .site import Html, Page, Site, e, facts, record_src, table, time_tag


def series_src(series: str) -> str:
    return f"sops/series/{series}.md"


def compare_src(old: SopVersion, new: SopVersion) -> str:
    return f"sops/compare/{old.id}--{new.id}.md"


def version_redline(site: Site, old: SopVersion, new: SopVersion) -> redlines.Redline:
    files = site.corpus.files
    return redlines.redline(
        files[old.id].text if old.id in files else "", files[new.id].text if new.id in files else ""
    )


def redline_block(change: redlines.Redline) -> Html:
    """The redline as one raw HTML block (no blank line may end the block early)."""
    body = Html("\n").join(line for line in change.html.splitlines() if line.strip())
    return Html('<div class="redline">\n{}\n</div>').format(body)


def series_page(site: Site, name: str, versions: list[SopVersion]) -> Page:
    page = Page(site, series_src(name), f"Policy series {name}", f"Every version of {name}, and what changed")
    rows = [
        [
            page.link(record_src(v), v.version),
            time_tag(v.date),
            e(v.status.label),
            page.link_record(v.agency) if v.agency else Html(),
            e(v.number or ""),
            e(v.title),
        ]
        for v in versions
    ]
    page.block(
        table(f"Versions of {name}, oldest first", ["Version", "Date", "Status", "Agency", "Number", "Title"], rows)
    )
    if len(versions) > 1:
        page.heading("What changed between versions")
        changes = []
        for old, new in pairwise(versions):
            summary = version_redline(site, old, new).summary.sentence()
            changes.append([page.link(compare_src(old, new), f"{old.version} → {new.version}"), e(summary)])
        page.block(table(f"Changes from each version to the next in {name}", ["Versions", "Changes"], changes))
        page.heading("Compare any two versions")
        items = []
        for i, old in enumerate(versions):
            links = Html(", ").join(
                page.link(compare_src(old, new), f"version {new.version}") for new in versions[i + 1 :]
            )
            if links:
                items.append(Html("<li>Version {} with {}</li>").format(old.version, links))
        page.block(Html('<ul class="compare-links">{}</ul>').format(Html().join(items)))
    page.search = series_entry(site.corpus, versions).front_matter()
    return page


def compare_page(site: Site, old: SopVersion, new: SopVersion) -> Page:
    title = f"{new.series}: version {old.version} compared with version {new.version}"
    page = Page(site, compare_src(old, new), title, f"What changed in {new.series} from version {old.version}")
    change = version_redline(site, old, new)
    page.block(
        facts(
            [
                ("Series", page.link(series_src(new.series), new.series)),
                ("From", _version_with_date(page, old)),
                ("To", _version_with_date(page, new)),
            ]
        )
    )
    page.heading("Summary")
    page.block(Html('<p class="redline-summary">{}</p>').format(change.summary.sentence()))
    page.heading("Changes")
    page.block(_legend())
    page.block(redline_block(change))
    page.search = None  # the version pages hold the same text
    return page


def _version_with_date(page: Page, version: SopVersion) -> Html:
    return Html("{} ({}, {})").format(
        page.link(record_src(version), f"version {version.version}"), time_tag(version.date), version.status.label
    )


def _legend() -> Html:
    return Html(
        '<p class="redline-legend">Inserted text is <ins>underlined and marked “+”</ins>; deleted text is '
        "<del>struck through and marked “−”</del>. Screen readers announce each as inserted or deleted.</p>"
    )


def sop_pages(site: Site) -> list[Page]:
    """The series pages and the compare pages of every series."""
    pages = []
    for name, versions in site.corpus.sop_series.items():
        pages.append(series_page(site, name, versions))
        for i, old in enumerate(versions):
            pages.extend(compare_page(site, old, new) for new in versions[i + 1 :])
    return pages

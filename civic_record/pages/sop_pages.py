"""Policy series: the series page, and a compare page for every pair of versions.

Every pair of versions whose full text is in the record is generated (up to ``n(n-1)/2``
pages per series): static, fast to serve, and each comparison has its own stable address a
journalist can cite. A version known only from an excerpt or a summary (``text``) is never
redlined: comparing a summary with a full text would show as "changes" what is only the
difference between a text and a description of it. Pages say so instead.
"""

from __future__ import annotations

import functools
import re
from itertools import pairwise
from typing import LiteralString

# The module, not its names: redline.py imports Html from .site, so `from ..redline import
# redline` here would fail whenever civic_record.redline is imported before this package.
from .. import redline as redlines
from ..models import SopVersion
from ..vocabulary import SopText
from .search_facets import series_entry
from .site import Html, Page, Site, e, facts, record_src, table, time_tag


def series_src(series: str) -> str:
    return f"sops/series/{series}.md"


def compare_src(old: SopVersion, new: SopVersion) -> str:
    return f"sops/compare/{old.id}--{new.id}.md"


TEXT_HEADINGS: dict[SopText, LiteralString] = {
    SopText.FULL: "Full text of this version",
    SopText.EXCERPT: "Excerpt of this version: the full text is not in this record",
    SopText.SUMMARY: "Summary of this version: the full text is not in this record",
}
"""The heading of a version's body, saying what it holds."""

TEXT_LABELS = {
    SopText.FULL: "Full text",
    SopText.EXCERPT: "Excerpt only",
    SopText.SUMMARY: "Summary only",
}
"""What a version's record holds, in a table cell or a fact."""

_KNOWN_FROM = {SopText.EXCERPT: "an excerpt", SopText.SUMMARY: "a summary"}
_KNOWN_FROM_PLURAL = {SopText.EXCERPT: "excerpts", SopText.SUMMARY: "summaries"}


def comparable(old: SopVersion, new: SopVersion) -> bool:
    """Whether a redline can be drawn: only between two versions whose full text is in the record."""
    return old.text is SopText.FULL and new.text is SopText.FULL


def no_comparison_reason(old: SopVersion, new: SopVersion) -> str:
    """Why two versions are not compared: ``No comparison: version 2 is known only from a summary``."""
    partial = [v for v in (old, new) if v.text is not SopText.FULL]
    if len(partial) == 2 and old.text is new.text:
        reason = f"versions {old.version} and {new.version} are known only from {_KNOWN_FROM_PLURAL[old.text]}"
    else:
        reason = " and ".join(f"version {v.version} is known only from {_KNOWN_FROM[v.text]}" for v in partial)
    return f"No comparison: {reason}."


def comparable_pairs(versions: list[SopVersion]) -> list[tuple[SopVersion, SopVersion]]:
    """Every pair (older, newer) of a series that has a compare page."""
    return [(old, new) for i, old in enumerate(versions) for new in versions[i + 1 :] if comparable(old, new)]


_VERSION_WORD = re.compile(r"(?i:[\s,:;(\[–—-]*\b(?:version|draft|revision|rev\.?|v\.?))?[\s,:;(\[–—-]*$")


def series_title(versions: list[SopVersion]) -> str:
    """What a series is called: the words its versions' titles share, else the latest title.

    "FPD SOP 412: Face recognition, version 1 (first draft)" … "…, version 4 (proposed)" give
    "FPD SOP 412: Face recognition". The shared words count only when they say something (two
    words at least); otherwise the latest version's title is the series' name.
    """
    titles = [" ".join(v.title.split()) for v in versions]
    if len(titles) > 1:
        prefix = _shared_start(titles)
        if any(len(t) > len(prefix) and t[len(prefix)].isalnum() for t in titles) and prefix[-1:].isalnum():
            prefix = prefix.rsplit(" ", 1)[0] if " " in prefix else ""  # a word cut in the middle
        prefix = _VERSION_WORD.sub("", prefix).strip()
        if len(prefix.split()) >= 2 and any(ch.isalpha() for ch in prefix):
            return prefix
    return titles[-1] if titles else ""


def _shared_start(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def version_redline(site: Site, old: SopVersion, new: SopVersion) -> redlines.Redline:
    files = site.corpus.files
    return _redline(files[old.id].text if old.id in files else "", files[new.id].text if new.id in files else "")


@functools.lru_cache(maxsize=1024)
def _redline(old: str, new: str) -> redlines.Redline:
    """A pair of versions is shown on the series page, the comparison page and the newer
    version's page: its redline is made once (``Redline`` is immutable)."""
    return redlines.redline(old, new)


def redline_block(change: redlines.Redline) -> Html:
    """The redline as one raw HTML block (no blank line may end the block early)."""
    body = Html("\n").join(line for line in change.html.splitlines() if line.strip())
    return Html('<div class="redline">\n{}\n</div>').format(body)


def series_page(site: Site, name: str, versions: list[SopVersion]) -> Page:
    title = series_title(versions) or name
    page = Page(site, series_src(name), f"{title}: all versions", f"Every version of {title}, and what changed")
    rows = [
        [
            page.link(record_src(v), v.version),
            time_tag(v.date),
            e(v.status.label),
            page.link_record(v.agency) if v.agency else Html(),
            e(v.number or ""),
            e(TEXT_LABELS[v.text]),
            e(v.title),
        ]
        for v in versions
    ]
    page.block(
        table(
            f"Versions of {title}, oldest first",
            ["Version", "Date", "Status", "Agency", "Number", "Text in the record", "Title"],
            rows,
        )
    )
    if len(versions) > 1:
        page.heading("What changed between versions")
        changes = []
        for old, new in pairwise(versions):
            label = f"{old.version} → {new.version}"
            if comparable(old, new):
                summary = version_redline(site, old, new).summary.sentence()
                changes.append([page.link(compare_src(old, new), label), e(summary)])
            else:
                changes.append(
                    [e(label), Html('<span class="no-redline">{}</span>').format(no_comparison_reason(old, new))]
                )
        page.block(table(f"Changes from each version to the next in {title}", ["Versions", "Changes"], changes))
        page.heading("Compare any two versions")
        pairs = comparable_pairs(versions)
        items = []
        for old in versions:
            links = Html(", ").join(
                page.link(compare_src(o, new), f"version {new.version}") for o, new in pairs if o is old
            )
            if links:
                items.append(Html("<li>Version {} with {}</li>").format(old.version, links))
        if items:
            page.block(Html('<ul class="compare-links">{}</ul>').format(Html().join(items)))
        partial = [v for v in versions if v.text is not SopText.FULL]
        if partial:
            known = Html("; ").join(Html("version {} from {}").format(v.version, _KNOWN_FROM[v.text]) for v in partial)
            page.block(
                Html(
                    '<p class="no-redline">Only versions whose full text is in this record are compared. '
                    "Known only in part: {}.</p>"
                ).format(known)
            )
    page.search = series_entry(site.corpus, versions).front_matter()
    return page


def compare_page(site: Site, old: SopVersion, new: SopVersion) -> Page:
    name = series_title(site.corpus.sop_series.get(new.series, [new])) or new.series
    title = f"{name}: version {old.version} compared with version {new.version}"
    page = Page(site, compare_src(old, new), title, f"What changed in {name} from version {old.version}")
    change = version_redline(site, old, new)
    page.block(
        facts(
            [
                ("Series", page.link(series_src(new.series), name)),
                ("From", _version_with_date(page, old)),
                ("To", _version_with_date(page, new)),
            ]
        )
    )
    page.heading("Summary")
    page.block(Html('<p class="redline-summary">{}</p>').format(change.summary.sentence()))
    page.heading("Changes")
    page.block(legend(change))
    page.block(redline_block(change))
    page.search = None  # the version pages hold the same text
    return page


def _version_with_date(page: Page, version: SopVersion) -> Html:
    return Html("{} ({}, {})").format(
        page.link(record_src(version), f"version {version.version}"), time_tag(version.date), version.status.label
    )


def legend(change: redlines.Redline) -> Html:
    """How to read the redline; says that unchanged sections are folded when some are."""
    folded = Html(
        " Unchanged sections are folded under “Unchanged: …”: open one to read it."
        if "redline-unchanged" in change.html
        else ""
    )
    return Html(
        '<p class="redline-legend">Inserted text is <ins>underlined and marked “+”</ins>; deleted text is '
        "<del>struck through and marked “−”</del>. Screen readers announce each as inserted or deleted.{}</p>"
    ).format(folded)

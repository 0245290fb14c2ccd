"""The fictional demonstration corpus, built as the README says: labelled, linked and compared."""

from __future__ import annotations

import html
import re
from pathlib import Path

from civic_record.check import check_records
from tests.building import ROOT
from tests.html_pages import all_pages, page

DEMO = ROOT / "examples" / "demo" / "records"
SERIES = "fpd-sop-face-recognition"
V = {
    n: f"{d}-fpd-sop-412-face-recognition-v{n}"
    for n, d in ((1, "2025-05-06"), (2, "2025-08-12"), (3, "2025-11-04"), (4, "2026-06-02"))
}

# Read from the versions' own text (examples/demo/records/sops/): what version 4 says that
# version 1 did not, and the reverse.
INSERTED = [
    "This procedure governs when and how members",
    "an open criminal investigation of a violent felony",
    "an auditor appointed by the Police Oversight Commission",
    "to identify people taking part in a protest, rally, march or religious service",
    "a two-hour refresher course every year",
    "7. Independent audit",
]
DELETED = [
    "This procedure sets out when and how members",
    "an open investigation of a felony",
    "For the first twelve months after this procedure takes effect",
    "The pilot period may be extended once, by up to six months",
    "The Chief of Police will publish an annual report",
    "5. Pilot period",
]


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _views(page_html: str) -> tuple[str, str]:
    """The redline read as the old text (insertions dropped) and as the new one (deletions dropped)."""
    body = page_html[page_html.index('<div class="redline">') :]
    body = re.sub(r'<span class="visually-hidden">.*?</span>', "", body)
    body = re.sub(r'<div class="redline-moved-(?:stub|note)".*?</div>', "", body, flags=re.S)
    old = re.sub(r"<ins\b.*?</ins>", "", body, flags=re.S)
    new = re.sub(r"<del\b.*?</del>", "", body, flags=re.S)
    return _text(old), _text(new)


def test_every_page_says_the_data_is_fictional(demo_site: Path) -> None:
    pages = all_pages(demo_site)
    assert len(pages) > 60
    for built in pages:
        assert "Fictional demonstration" in built.text_of("site-notice"), built.path


def test_each_version_page_links_its_neighbours(demo_site: Path) -> None:
    for n in (1, 2, 3, 4):
        version = page(demo_site, f"sops/{V[n]}")
        links = {href.rstrip("/").split("/")[-1] for href in version.links}
        if n > 1:
            assert V[n - 1] in links, f"version {n} does not link version {n - 1}"
        if n < 4:
            assert V[n + 1] in links, f"version {n} does not link version {n + 1}"
    assert "Replaced by" in page(demo_site, f"sops/{V[2]}").text_of("record-facts")


def test_compare_v1_v4_shows_exactly_what_changed(demo_site: Path) -> None:
    compare = page(demo_site, f"sops/compare/{V[1]}--{V[4]}")
    old, new = _views(compare.html)
    for phrase in INSERTED:
        assert phrase in new and phrase not in old, phrase
    for phrase in DELETED:
        assert phrase in old and phrase not in new, phrase
    summary = compare.text_of("redline-summary")
    assert summary.startswith("1 section added, 1 removed"), summary


def test_every_pair_of_versions_has_a_compare_page(demo_site: Path) -> None:
    series = page(demo_site, f"sops/series/{SERIES}")
    compare_links = {h.rstrip("/").split("/")[-1] for h in series.links if "/compare/" in h}
    expected = {f"{V[a]}--{V[b]}" for a in (1, 2, 3, 4) for b in (1, 2, 3, 4) if a < b}
    assert expected <= compare_links
    for name in expected:
        assert (demo_site / "sops" / "compare" / name / "index.html").is_file()


def test_required_checklist_marks_present_and_missing_items(demo_site: Path) -> None:
    lpr = page(demo_site, "technologies/fpd-license-plate-readers")
    assert lpr.items_in("requirements") == 5 and "Missing" not in lpr.text_of("requirements")
    drones = page(demo_site, "technologies/fpd-drones")
    assert "Missing: Council approval" in drones.text_of("requirements")
    assert "Present: Use policy" in drones.text_of("requirements")
    assert "Warning" in drones.text_of("requirement-warning")
    face = page(demo_site, "technologies/fpd-face-recognition")
    assert "Missing: Public hearing" in face.text_of("requirements")
    assert not face.text_of("requirement-warning"), "a technology not in use is not flagged"
    _, problems = check_records(DEMO)
    assert [p.code for p in problems.warnings] == ["technology.in-use-missing-requirement"]

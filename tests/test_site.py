"""Whole-site tests: build the shipped Milwaukee records as a user would and read the HTML."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from civic_record.check import check_records
from civic_record.vocabulary import FOLDER_OF
from tests.building import RECORDS, ROOT, SHIPPED_ENVIRONMENT, run_build, run_check
from tests.html_pages import all_pages, page

LETTER = "letters/2025-05-14-council-letter-opposing-facial-recognition"

# The signature block of the letter as the City published it (its text is the record's body), in
# signing order: the oracle.
SIGNATORIES = [
    ("JoCasta Zamarripa", "Alderwoman, 8th District"),
    ("Marina Dimitrijevic", "Alderwoman, 14th District"),
    ("Alex Brower", "Alderman, 3rd District"),
    ("Mark Chambers, Jr.", "Alderman, 2nd District"),
    ("Sharlen Moore", "Alderwoman, 10th District"),
    ("José G. Pérez", "Alderman, 12th District"),
    ("DiAndre Jackson", "Alderman, 7th District"),
    ("Larresa Taylor", "Alderwoman, 9th District"),
    ("Lamont Westmoreland", "Alderman, 5th District"),
    ("Russell W. Stamper, II", "Alderman, 15th District"),
    ("Milele A. Coggs", "Alderwoman, 6th District"),
]


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def site(shipped_site: Path) -> Path:
    return shipped_site


def test_letter_page_names_every_signatory_with_role_at_signing(site: Path) -> None:
    letter = page(site, LETTER)
    assert letter.items_in("signatories") == len(SIGNATORIES)
    text = letter.text_of("signatories")
    positions = []
    for name, role in SIGNATORIES:
        assert f"{name}, {role}, Common Council" in text, f"{name} ({role}) missing from: {text}"
        positions.append(text.index(name))
    assert positions == sorted(positions), "signatories are not in signing order"


def test_letter_page_has_full_text_footnote_sources_and_caveats(site: Path) -> None:
    letter = page(site, LETTER)
    body = letter.text_of("record-text")
    assert body.startswith("May 14, 2025")
    assert "We write in strong opposition" in body and "Sincerely," in body
    assert "news.mit.edu/2018/study-finds-gender-skin-type-bias" in letter.html
    assert 'class="footnote"' in letter.html
    assert letter.items_in("sources") >= 2
    assert "10 council members" in letter.text_of("caveats")
    assert "Jeffrey Norman" in letter.text_of("record-facts")


def test_timeline_lists_every_record_on_it_in_date_order(site: Path) -> None:
    corpus, _ = check_records(RECORDS)
    expected = corpus.by_technology["mpd-facial-recognition"]
    timeline = page(site, "technologies/mpd-facial-recognition")
    dates = timeline.times_in("timeline")
    assert len(dates) == len(expected) >= 6
    assert dates == sorted(dates)
    assert "Moratorium" in timeline.text_of("current-status")
    assert timeline.times_in("status-history") == sorted(timeline.times_in("status-history"))


def test_home_page_lists_technologies_with_status(site: Path) -> None:
    home = page(site, "")
    assert "Facial recognition — Milwaukee Police Department" in home.html
    assert "Moratorium" in home.text_of("status")


def test_every_record_page_is_reachable_from_an_index(site: Path) -> None:
    start = ["", "technologies", "letters", "meetings", "votes", "sops", "documents", "people", "bodies"]
    seen: set[Path] = set()
    queue = [page(site, url).path for url in start]
    while queue:
        current = queue.pop()
        if current in seen or not current.is_file():
            continue
        seen.add(current)
        for _, target in page(site, str(current.parent.relative_to(site))).local_targets():
            if target.suffix == ".html" and target not in seen:
                queue.append(target)
    corpus, _ = check_records(RECORDS)
    for record in corpus.records.values():
        target = site / FOLDER_OF[record.kind] / record.id / "index.html"
        assert target in seen, f"{target.relative_to(site)} is not reachable from any index page"


def test_every_internal_link_resolves(site: Path) -> None:
    broken = [
        f"{p.path.relative_to(site)} -> {href}"
        for p in all_pages(site)
        for href, target in p.local_targets()
        if not target.exists()
    ]
    assert not broken, "broken links:\n" + "\n".join(broken[:20])


def test_hand_written_pages_are_kept_and_nothing_generated_into_docs(site: Path) -> None:
    assert "Data downloads" in page(site, "data").html
    assert not (site / "writing-records").exists(), "the tool's documentation is not part of a city's site"
    generated = {"letters", "meetings", "votes", "technologies", "people", "bodies", "sops", "documents"}
    assert not generated & {p.name for p in (ROOT / "docs").iterdir()}


def test_failed_build_keeps_previous_site_and_sources_untouched(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    assert run_build(RECORDS, site_dir).returncode == 0
    before = tree_hashes(site_dir)
    sources_before = {name: tree_hashes(ROOT / name) for name in ("docs", "records")}
    broken = tmp_path / "records"
    shutil.copytree(RECORDS, broken)
    (broken / "votes").mkdir(exist_ok=True)
    (broken / "votes" / "2025-06-01-bad.yml").write_text("title: x\n", encoding="utf-8")
    result = run_build(broken, site_dir)
    assert result.returncode == 1
    assert "records/votes/2025-06-01-bad.yml" in result.stderr or "2025-06-01-bad.yml:1:1: error" in result.stderr
    assert tree_hashes(site_dir) == before
    assert {name: tree_hashes(ROOT / name) for name in ("docs", "records")} == sources_before


def test_two_builds_are_byte_identical(tmp_path: Path, site: Path) -> None:
    again = tmp_path / "again"
    assert run_build(RECORDS, again, environment=SHIPPED_ENVIRONMENT).returncode == 0
    assert tree_hashes(again) == tree_hashes(site)


def test_check_passes_on_shipped_records() -> None:
    result = run_check()  # as the README says: from the project folder, records/ by default
    assert result.returncode == 0, result.stderr
    assert "No problems found." in result.stdout


def test_site_url_roots_the_404_page_at_the_sub_path(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_build(RECORDS, site, "--site-url", "https://www.example.gov/surveillance-record/")
    assert result.returncode == 0, result.stderr
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/surveillance-record/assets/' in not_found
    assert 'href="/assets/' not in not_found
    cite = page(site, LETTER).text_of("cite-this")
    assert "https://www.example.gov/surveillance-record/letters/2025-05-14-council-letter" in cite


def test_letter_states_its_share_of_the_council_from_the_roster(site: Path) -> None:
    letter = page(site, LETTER)
    assert "11 of 15 members of the Common Council on May 14, 2025 signed" in letter.text_of("body-share")
    non_signers = letter.text_of("non-signers")
    for name, _ in SIGNATORIES:
        assert name not in non_signers

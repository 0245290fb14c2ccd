"""How sure a record is, shown wherever the record is summarised, and statuses with their record.

Contract 1.1, "Confidence follows the sources": a record that does not write ``confidence`` is
"confirmed" with a primary source and "reported" without one. A reader must tell a reported
or disputed record from a confirmed one without opening it, in words (not by colour alone):
in the listings, on the home page, in the search index (result metadata and a filter) and in
the feeds. A technology's status is never a badge alone: it comes with its date and the record
that shows it, and that record's confidence.

The site is built, as a user builds it, from the Riverton test corpus plus one press-only
record (``tests/fixtures/confidence``); expectations are read from the records.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest

from civic_record.addresses import SITE_FEED_ATOM, SITE_FEED_RSS, record_feed
from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.models import DatedRecord
from civic_record.pages.site import record_src
from civic_record.vocabulary import Confidence
from tests.building import build_for_reading
from tests.html_pages import page as built_page

from .conftest import CORPUS, FIXTURES

OVERLAY = FIXTURES / "confidence" / "records"
PRESS_ONLY = "2025-09-02-press-report-face-recognition-audit"
"""No ``confidence`` written, one press source: reported."""
PRIMARY = "2025-03-04-rpd-press-release-face-recognition"
"""No ``confidence`` written, a primary source: confirmed."""
DISPUTED = "2024-riverton-surveillance-inventory"
"""Written ``disputed``; it shows the license-plate readers' status."""
WORDS = {Confidence.CONFIRMED: "Confirmed", Confidence.REPORTED: "Reported", Confidence.DISPUTED: "Disputed"}
MARKER = b"pagefind_dcd"


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("confidence") / "records"
    shutil.copytree(CORPUS, folder)
    shutil.copytree(OVERLAY, folder, dirs_exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def corpus(records: Path) -> Corpus:
    loaded, problems = check_records(records)
    assert not problems.errors and not problems.warnings, problems.report()
    return loaded


@pytest.fixture(scope="module")
def site(records: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_for_reading(tmp_path_factory.mktemp("confidence-site"), records)


def test_the_fixture_gives_each_word(corpus: Corpus) -> None:
    press_only, primary, disputed = (corpus.records[i] for i in (PRESS_ONLY, PRIMARY, DISPUTED))
    assert isinstance(press_only, DatedRecord) and isinstance(primary, DatedRecord)
    assert isinstance(disputed, DatedRecord)
    assert not press_only.confidence_written and press_only.confidence is Confidence.REPORTED
    assert not primary.confidence_written and primary.confidence is Confidence.CONFIRMED
    assert disputed.confidence is Confidence.DISPUTED


def _url(record: DatedRecord) -> str:
    return "/" + record_src(record)[: -len(".md")] + "/"


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _row_of(rows: list[list[str]], title: str) -> list[str]:
    (row,) = [row for row in rows if any(cell == title for cell in row)]
    return row


# ---------------------------------------------------------------- listings


def test_every_listing_row_says_how_sure_its_record_is(site: Path, corpus: Corpus) -> None:
    for record in corpus.dated:
        if record.kind.value == "sop":  # listed by series; see the next test
            continue
        listing = built_page(site, record_src(record).split("/")[0] + "/")
        header, *rows = listing.table_rows("record-table")
        column = header.index("Confidence")  # every listing has one, wherever its columns put it
        row = _row_of(rows, record.title)
        assert row[column] == WORDS[record.confidence], (record.id, row)
    documents = built_page(site, "documents/")
    header, *rows = documents.table_rows("record-table")
    column = header.index("Confidence")
    assert _row_of(rows, corpus.documents[PRESS_ONLY].title)[column] == "Reported"
    assert _row_of(rows, corpus.documents[PRIMARY].title)[column] == "Confirmed"
    assert _row_of(rows, corpus.documents[DISPUTED].title)[column] == "Disputed"
    # The word is in a tag a stylesheet can frame (the words differ by border too, not colour alone).
    assert '<span class="confidence-tag confidence-reported">Reported</span>' in documents.html
    assert '<span class="confidence-tag confidence-disputed">Disputed</span>' in documents.html


def test_the_policy_listing_says_how_sure_each_latest_version_is(site: Path, corpus: Corpus) -> None:
    header, *rows = built_page(site, "sops/").table_rows("record-table")
    assert header[-1] == "Confidence"
    for series, versions in corpus.sop_series.items():
        assert _row_of(rows, series)[-1] == WORDS[versions[-1].confidence]


# ---------------------------------------------------------------- home page


def _latest_entries(site: Path) -> dict[str, str]:
    """Each entry of the home page's "Latest records", as text, by the path it links to."""
    home = built_page(site, "").html
    listing = home[home.index('class="timeline timeline-recent"') :]
    listing = listing[: listing.index("</ol>")]
    entries = {}
    for item in listing.split('<li class="timeline-entry">')[1:]:
        href = re.search(r'href="([^"]+)"', item)
        assert href, item
        entries["/" + href.group(1).strip("./")] = _text(item)
    return entries


def test_latest_records_on_the_home_page_say_how_sure_each_is(site: Path, corpus: Corpus) -> None:
    entries = _latest_entries(site)
    assert entries, "no latest records on the home page"
    for record in corpus.dated:
        url = _url(record).rstrip("/")
        if url in entries:
            date_line = entries[url].split(record.title)[0]
            assert WORDS[record.confidence] in date_line, (record.id, entries[url])
    press_only = entries[_url(corpus.documents[PRESS_ONLY]).rstrip("/")]
    assert press_only.startswith("September 2, 2025 · Document · Reported")
    confirmed = [text for text in entries.values() if " · Confirmed" in text]
    assert confirmed, entries


@pytest.mark.parametrize("where", ["", "technologies/"])
def test_each_status_has_its_date_record_and_that_records_confidence(where: str, site: Path, corpus: Corpus) -> None:
    page = built_page(site, where)
    header, *rows = page.table_rows("record-table")
    assert header == ["Technology", "Category", "Current status", "Latest record"]
    for tech in corpus.technologies.values():
        current = tech.current_status
        assert current is not None
        shown_by = corpus.records[current.record]
        assert isinstance(shown_by, DatedRecord)
        cell = _row_of(rows, tech.title)[2]
        expected = f"{current.status.label} as of {current.date.display()} (shown by {shown_by.title})"
        assert cell == f"{expected} {WORDS[shown_by.confidence]}", cell
    # The record that shows the status is a link to it, next to the badge.
    assert re.search(
        r'status-in-use">In use</span> as of <time datetime="2024">2024</time> <span class="status-record">'
        rf'\(shown by <a href="[^"]*{DISPUTED}/">',
        page.html,
    )


def test_the_latest_record_of_each_technology_says_how_sure_it_is(site: Path, corpus: Corpus) -> None:
    rows = built_page(site, "").table_rows("record-table")[1:]
    face = corpus.technologies["rpd-face-recognition"]
    latest = corpus.by_technology[face.id][-1]
    assert latest.id == PRESS_ONLY
    assert _row_of(rows, face.title)[3] == f"{latest.date.display()}: {latest.title} Reported"


# ---------------------------------------------------------------- search index


@pytest.fixture(scope="module")
def fragments(site: Path) -> dict[str, dict]:
    pages = {}
    for path in (site / "pagefind").rglob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(MARKER)
        fragment = json.loads(data[len(MARKER) :])
        pages[fragment["url"]] = fragment
    return pages


def test_search_results_carry_the_confidence_word_and_filter_by_it(fragments: dict, corpus: Corpus) -> None:
    for record in corpus.dated:
        fragment = fragments[_url(record)]
        word = WORDS[record.confidence]
        assert fragment["meta"].get("confidence") == word, (record.id, fragment["meta"])
        assert fragment["filters"].get("confidence") == [word], (record.id, fragment["filters"])
    assert fragments[_url(corpus.documents[PRESS_ONLY])]["meta"]["confidence"] == "Reported"
    assert fragments[_url(corpus.documents[PRIMARY])]["meta"]["confidence"] == "Confirmed"
    # People, bodies, technologies and hand-written pages are not records of a fact: no word.
    for url in ("/people/ada-okafor/", "/bodies/riverton-common-council/", "/technologies/rpd-face-recognition/"):
        assert "confidence" not in fragments[url]["meta"] and "confidence" not in fragments[url]["filters"]


# ---------------------------------------------------------------- feeds


def _entry(feed_text: str, record: DatedRecord):
    parsed = feedparser.parse(feed_text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = [e for e in parsed.entries if e.link.rstrip("/").endswith("/" + record.id)]
    return entry


def test_feed_entries_start_with_the_confidence_word(site: Path, corpus: Corpus) -> None:
    press_only, primary, disputed = (corpus.records[i] for i in (PRESS_ONLY, PRIMARY, DISPUTED))
    assert isinstance(press_only, DatedRecord) and isinstance(primary, DatedRecord)
    assert isinstance(disputed, DatedRecord)
    for path in (SITE_FEED_ATOM, SITE_FEED_RSS, record_feed(corpus.technologies["rpd-face-recognition"], "atom")):
        text = (site / path).read_text(encoding="utf-8")
        for record in (press_only, primary):
            if record.id in text:
                assert _entry(text, record).summary == f"{WORDS[record.confidence]}: {record.summary}"
    site_feed = (site / SITE_FEED_ATOM).read_text(encoding="utf-8")
    assert _entry(site_feed, press_only).summary.startswith("Reported: ")
    assert _entry(site_feed, primary).summary.startswith("Confirmed: ")
    assert _entry(site_feed, disputed).summary.startswith("Disputed: ")


def test_a_status_entry_names_how_sure_the_record_behind_it_is(site: Path, corpus: Corpus) -> None:
    tech = corpus.technologies["rpd-license-plate-readers"]
    parsed = feedparser.parse((site / record_feed(tech, "atom")).read_text(encoding="utf-8"))
    (status,) = [e for e in parsed.entries if e.title.startswith("Status: ")]
    shown_by = corpus.records[DISPUTED]
    assert isinstance(shown_by, DatedRecord)
    assert f"as shown by “{html.escape(shown_by.title, quote=False)}” (Disputed)." in status.summary

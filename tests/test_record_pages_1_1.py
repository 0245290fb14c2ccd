"""Record pages of contract 1.1, as a reader sees them on the built site: policy versions known
only from an excerpt or a summary, contracts, agenda times, approximate counts, votes in order,
the city's own requirements, how to send a correction, and citations naming the publisher."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest

from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.models import Amount
from civic_record.pages import Site, generate_pages
from civic_record.pages.citation import bibtex
from civic_record.pages.record_page import amount_words
from civic_record.pages.site import Page
from civic_record.site_settings import SiteSettings
from tests.building import build_for_reading
from tests.conftest import CORPUS, FIXTURES
from tests.html_pages import all_pages, page

RECORDS = FIXTURES / "record-pages" / "records"
SITE_URL = "https://records.example.org/riverton/"  # records/site.yml
PUBLISHER = "Office of the City Clerk of Riverton (fictional)"
V = {n: f"sops/{d}-rpd-face-recognition-policy-v{n}" for n, d in ((1, "2025-05-01"), (2, "2025-06-01"))}
V |= {n: f"sops/{d}-rpd-face-recognition-policy-v{n}" for n, d in ((3, "2025-07-01"), (4, "2025-09-01"))}
SERIES = "sops/series/rpd-face-recognition-policy"
CONTRACT = "documents/2025-08-01-rpd-contract-example-vision"
EURO_CONTRACT = "documents/2025-10-01-rpd-contract-eurovision-maintenance"
MEETING = "meetings/2025-06-10-council-meeting-face-recognition"
RECORD_FOLDERS = ("letters", "meetings", "votes", "sops", "documents")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_for_reading(tmp_path_factory.mktemp("record-pages"), RECORDS)


def _facts(page_html: str) -> dict[str, str]:
    """The record's facts (every ``record-facts`` list), label -> value text."""
    found: dict[str, str] = {}
    for block in re.findall(r'<dl class="record-facts">(.*?)</dl>', page_html, re.S):
        for label, value in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block, re.S):
            found[label] = _text(value)
    return found


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("¶", "").split())


def _headings(page_html: str) -> list[str]:
    return [_text(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page_html, re.S)]


# ------------------------------------------------------------------ policy versions


def test_a_version_known_from_a_summary_says_so_and_has_no_redline(site: Path) -> None:
    summary = page(site, V[2])
    assert "Summary of this version: the full text is not in this record" in _headings(summary.html)
    assert "Full text of this version" not in _headings(summary.html)
    assert _facts(summary.html)["Text in this record"] == "Summary only (the full text is not in this record)"
    assert 'class="redline"' not in summary.html
    assert "No comparison: version 2 is known only from a summary." in summary.text_of("no-redline")
    assert not [href for href in summary.links if "/compare/" in href]


def test_an_excerpt_says_so_and_is_never_redlined(site: Path) -> None:
    excerpt = page(site, V[4])
    assert "Excerpt of this version: the full text is not in this record" in _headings(excerpt.html)
    assert 'class="redline"' not in excerpt.html
    assert "No comparison: version 4 is known only from an excerpt." in excerpt.text_of("no-redline")


def test_a_full_version_after_a_summary_has_no_redline_but_links_the_full_one(site: Path) -> None:
    v3 = page(site, V[3])
    assert "Full text of this version" in _headings(v3.html)
    assert 'class="redline"' not in v3.html, "version 2, before it, is only a summary"
    assert "No comparison: version 2 is known only from a summary." in v3.text_of("no-redline")
    compare = [href for href in v3.links if "/compare/" in href]
    assert [h.rstrip("/").split("/")[-1] for h in compare] == [f"{V[1][5:]}--{V[3][5:]}"]
    assert "Not compared with version 2, version 4" in v3.text_of("no-redline")


def test_compare_pages_exist_only_between_full_versions(site: Path) -> None:
    compares = sorted(p.name for p in (site / "sops" / "compare").iterdir())
    assert compares == [f"{V[1][5:]}--{V[3][5:]}"]
    comparison = page(site, f"sops/compare/{compares[0]}")
    assert 'class="redline"' in comparison.html


def test_the_series_page_says_why_pairs_are_not_compared(site: Path) -> None:
    series = page(site, SERIES)
    changes = {row[0]: row[1] for row in series.table_rows() if "→" in row[0]}
    assert changes == {
        "1 → 2": "No comparison: version 2 is known only from a summary.",
        "2 → 3": "No comparison: version 2 is known only from a summary.",
        "3 → 4": "No comparison: version 4 is known only from an excerpt.",
    }
    held = {row[0]: row[5] for row in series.table_rows() if row[0] in {"1", "2", "3", "4"}}
    assert held == {"1": "Full text", "2": "Summary only", "3": "Full text", "4": "Excerpt only"}
    assert len([href for href in series.links if "/compare/" in href]) == 1


def test_no_link_points_to_a_missing_page(site: Path) -> None:
    for built in all_pages(site):
        if built.path.parts[len(site.parts)] not in RECORD_FOLDERS:
            continue
        for href, target in built.local_targets():
            assert target.exists(), f"{built.path.relative_to(site)} links to a missing {href}"


# ----------------------------------------------------------------------- contracts


def test_a_contract_shows_vendor_amount_term_and_signer(site: Path) -> None:
    facts = _facts(page(site, CONTRACT).html)
    assert facts["Kind"] == "Contract"
    assert facts["Vendor"] == "Example Vision Inc. (fictional)"
    assert facts["Amount"] == "$11,660,000 (USD)"
    assert facts["Term"] == "September 1, 2025 – August 31, 2028"
    assert facts["Signed"] == "August 1, 2025"
    assert facts["Signed by"] == (
        "Zoë Ruíz, Council Member, 1st District, Riverton Common Council; Chair, Public Safety Committee"
    )
    assert "../../people/zoe-ruiz/" in page(site, CONTRACT).links


def test_an_amount_in_another_currency_and_an_open_term(site: Path) -> None:
    facts = _facts(page(site, EURO_CONTRACT).html)
    assert facts["Amount"] == "250,000 EUR"
    assert facts["Term"] == "from October 2025 (end not recorded)"
    assert "Signed by" not in facts and "Signed" not in facts


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [(11660000, "USD", "$11,660,000 (USD)"), (1234.5, "USD", "$1,234.50 (USD)"), (300.0, "CAD", "300 CAD")],
)
def test_amount_words(value: float, currency: str, shown: str) -> None:
    assert amount_words(Amount(value=value, currency=currency)) == shown


# ------------------------------------------------------------------------ meetings


def test_a_meeting_shows_agenda_times_counts_in_words_and_votes_in_order(site: Path) -> None:
    meeting = page(site, MEETING)
    rows = meeting.table_rows("record-table")
    assert rows[0] == ["Item", "Time", "Title", "Identifiers", "Technologies", "Outcome"]
    assert rows[1][:3] == ["1", "6:05 p.m.", "Public comment on face recognition"]
    assert rows[2][:3] == ["2", "7:10 p.m.", "Face recognition use policy"]
    assert _facts(meeting.html)["Public comment"] == "at least 180 speakers, about 400 written comments"
    votes = meeting.text_of("meeting-votes")
    assert votes.index("7:40 p.m.") < votes.index("8:30 p.m."), "the amendment was voted first"
    assert "Amend section 4 to keep probe images for 7 days (amendment), failed" in votes
    assert "Adopt, passed" in votes


def test_an_agenda_without_times_has_no_time_column() -> None:
    corpus, _ = check_records(CORPUS)
    text = generate_pages(Site(corpus, dt.date(2026, 1, 1)))["meetings/2025-05-20-public-hearing-face-recognition.md"]
    headers = re.findall(r'<th scope="col">(.*?)</th>', text.markdown)
    assert headers == ["Item", "Title", "Identifiers", "Technologies", "Outcome"], "no Time column"


# ------------------------------------------------ requirements, corrections, citation


def test_a_record_names_the_city_requirements_it_meets(site: Path) -> None:
    assert _facts(page(site, MEETING).html)["City requirements met"] == "Privacy Advisory Board review"


def test_every_record_page_says_how_to_send_a_correction(site: Path) -> None:
    pages = [p for folder in RECORD_FOLDERS if (site / folder).is_dir() for p in sorted((site / folder).glob("2*/"))]
    assert len(pages) == 9
    for folder in pages:
        built = page(site, str(folder.relative_to(site)))
        assert built.text_of("corrections") == "Found an error? E-mail corrections@example.org, naming this record."
        mailto = [href for href in built.links if href.startswith("mailto:corrections@example.org?subject=")]
        assert len(mailto) == 1 and folder.name in mailto[0]
        # near the sources: right after them, before the citation
        assert built.html.index('class="sources"') < built.html.index('class="corrections"')
        assert built.html.index('class="corrections"') < built.html.index('class="cite-this"')


def _page_text(settings: SiteSettings, src: str, site_url: str = "") -> str:
    corpus, problems = check_records(RECORDS)
    assert not problems.errors
    changed = dataclasses.replace(corpus, settings=settings)
    return generate_pages(Site(changed, dt.date(2026, 1, 1), site_name="Test site", site_url=site_url))[src].markdown


def test_corrections_as_a_web_address_or_a_sentence() -> None:
    web = _page_text(SiteSettings(corrections="https://example.org/report"), CONTRACT + ".md")
    assert '<a href="https://example.org/report">Send a correction</a>, naming this record.' in web
    sentence = _page_text(SiteSettings(corrections="Write to the City Clerk, Room 205."), CONTRACT + ".md")
    assert "<strong>Found an error?</strong> Write to the City Clerk, Room 205.</p>" in sentence
    assert 'class="corrections"' not in _page_text(SiteSettings(), CONTRACT + ".md")


def test_the_citation_names_the_publisher_and_the_absolute_address(site: Path) -> None:
    contract = page(site, CONTRACT)
    cite = contract.text_of("cite-this")
    url = SITE_URL + CONTRACT + "/"
    assert (
        "“Contract with Example Vision for face recognition (fictional)” (August 1, 2025). "
        f"Riverton surveillance record (fictional), {PUBLISHER}, Riverton. Retrieved the date you read it, from {url}"
    ) in cite
    entry = _bibtex_of(contract.html)
    assert f"publisher = {{{{{PUBLISHER}}}}}" in entry
    assert f"url = {{{url}}}" in entry
    assert "Accessed on the date you read it" not in entry and "urldate" not in entry
    assert "Add the day you read this page to the BibTeX entry as urldate = {YYYY-MM-DD}." in cite
    assert f'href="{url}"' in contract.html


def _bibtex_of(page_html: str) -> str:
    found = re.findall(r"<pre><code>(@misc\{.*?\n\})</code></pre>", page_html, re.S)
    assert len(found) == 1
    return html.unescape(found[0])


def test_without_a_site_address_the_citation_prints_no_wrong_one() -> None:
    text = _page_text(SiteSettings(), CONTRACT + ".md")
    assert "url = {" not in _bibtex_of(text) and "https://records.example.org" not in text
    assert 'Permanent address: <a href="./">this page</a>' in text
    assert "Add this page's address as <code>url = {...}</code>" in text
    assert "Test site. Retrieved" in text, "the site's name stands for the publisher"


def test_bibtex_has_urldate_only_when_the_day_is_known() -> None:
    corpus, _ = check_records(RECORDS)
    site = Site(corpus, dt.date(2026, 1, 1), site_url=SITE_URL)
    record = corpus.records["2025-08-01-rpd-contract-example-vision"]
    page_ = Page(site, CONTRACT + ".md", "x")
    assert "urldate" not in bibtex(page_, record)  # type: ignore[arg-type]
    assert "  urldate = {2026-11-26}" in bibtex(page_, record, dt.date(2026, 11, 26))  # type: ignore[arg-type]


def test_json_ld_names_the_publisher(site: Path) -> None:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page(site, CONTRACT).html, re.S)
    data = json.loads(found[0])
    assert data["publisher"] == {"@type": "Organization", "name": PUBLISHER}
    assert data["isPartOf"]["publisher"]["name"] == PUBLISHER


def test_the_fixture_is_a_valid_corpus() -> None:
    corpus, problems = check_records(RECORDS)
    assert not problems.errors and not problems.warnings
    assert isinstance(corpus, Corpus) and corpus.settings.publisher == PUBLISHER

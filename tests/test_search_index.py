"""What the built site's Pagefind index holds: page content with its facets, nothing else.

Reads the index files of the shipped site (each fragment is a page as Pagefind stored it:
its URL, text, filters and metadata) and checks them against the records.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from civic_record.check import check_records
from civic_record.pages.search_facets import identifiers_of
from civic_record.pages.site import record_src
from tests.building import RECORDS

MARKER = b"pagefind_dcd"


@pytest.fixture(scope="module")
def fragments(shipped_site: Path) -> dict[str, dict]:
    pages = {}
    for path in (shipped_site / "pagefind").rglob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(MARKER)
        fragment = json.loads(data[len(MARKER) :])
        pages[fragment["url"]] = fragment
    return pages


@pytest.fixture(scope="module")
def corpus():
    loaded, problems = check_records(RECORDS)
    assert not problems.errors
    return loaded


def url_of(record) -> str:
    return "/" + record_src(record)[: -len(".md")] + "/"


def test_every_record_and_hand_written_page_is_indexed_and_no_listing(fragments, corpus) -> None:
    records = {url_of(r) for r in corpus.records.values()}
    assert records <= fragments.keys(), sorted(records - fragments.keys())
    for hand_written in ("/about/", "/data/"):
        assert hand_written in fragments
        assert fragments[hand_written]["filters"]["type"] == ["Page"]
    listings = ("/", "/letters/", "/votes/", "/meetings/", "/people/", "/bodies/", "/technologies/", "/search/")
    assert not [url for url in listings if url in fragments]
    assert not [url for url in fragments if url.startswith("/sops/compare/") or "/page/" in url]


def test_chrome_and_boilerplate_are_not_indexed(fragments, shipped_site: Path) -> None:
    # The control: these words are on the built pages, outside the indexed content.
    letter_html = next((shipped_site / "letters").glob("*/index.html")).read_text(encoding="utf-8")
    for text in ("Skip to content", "Permanent address", "Confidence:", "Switch to dark mode"):
        assert text in letter_html
        found = [url for url, page in fragments.items() if text in page["content"]]
        assert found == [], f"{text!r} indexed on {found[:3]}"
    assert not [url for url, page in fragments.items() if "¶" in page["content"]]


def test_a_letter_carries_its_facets(fragments, corpus) -> None:
    (letter,) = corpus.letters.values()
    page = fragments[url_of(letter)]
    people = {corpus.people[p].name for p in [*letter.signatories, *letter.to] if p in corpus.people}
    assert page["filters"]["type"] == ["Letter"]
    assert page["filters"]["year"] == [str(letter.date.year)]
    assert set(page["filters"]["person"]) == people
    assert "José G. Pérez" in page["filters"]["person"]
    assert page["filters"]["technology"] == sorted(corpus.technologies[t].title for t in letter.technologies)
    assert page["meta"]["date"] == letter.date.display()
    assert page["meta"]["title"] == letter.title


def test_identifiers_are_in_the_metadata_of_their_records(fragments, corpus) -> None:
    carriers = [r for r in corpus.dated if identifiers_of(r)]
    assert len(carriers) >= 5
    for record in carriers:
        assert fragments[url_of(record)]["meta"]["identifiers"].split() == list(identifiers_of(record))


def test_no_lunr_index_is_built(shipped_site: Path) -> None:
    assert not (shipped_site / "search" / "search_index.json").exists()
    assert (shipped_site / "search" / "index.html").exists()  # the search page

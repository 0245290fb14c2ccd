"""Search results say how sure each record is, in a word, and filter by it (headless Chromium).

The shipped Milwaukee records, built once and served under a sub-path. Expectations are read
from the records: which are reported, confirmed or disputed.
"""

from __future__ import annotations

import pytest

from civic_record.pages.site import record_src
from civic_record.vocabulary import Confidence

from .conftest import SHIPPED_PREFIX

pytestmark = pytest.mark.browser

PREFIX = SHIPPED_PREFIX
PAGE_FORM = "form[data-search-page]"
HEADER = "form[data-site-search]"
WORDS = {Confidence.CONFIRMED: "Confirmed", Confidence.REPORTED: "Reported", Confidence.DISPUTED: "Disputed"}


def _path(record) -> str:
    return PREFIX + record_src(record)[: -len(".md")] + "/"


def _hits(page, results: str) -> dict[str, dict[str, str]]:
    """Each result's details line and the confidence tag in it, by the path it links to."""
    items = page.eval_on_selector_all(
        f"{results} .search-hit",
        "items => items.map(li => ({href: new URL(li.querySelector('a').href).pathname,"
        " meta: (li.querySelector('.search-hit__meta') || {}).textContent || '',"
        " tag: (li.querySelector('.search-hit__meta .confidence-tag') || {}).textContent || '',"
        " tagClass: (li.querySelector('.search-hit__meta .confidence-tag') || {}).className || ''}))",
    )
    return {item.pop("href"): item for item in items}


def _search_page(page, base: str, query: str) -> None:
    page.goto(base + "search/" + query, wait_until="load")
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]", timeout=15_000)


def test_each_result_shows_its_records_confidence_word(corpus, base, new_page, page_log) -> None:
    page = new_page()
    _search_page(page, base, "?q=flock")
    hits = _hits(page, ".search-page__results")
    records = {_path(r): r for r in corpus.dated}
    shown = [path for path in hits if path in records]
    assert shown, hits
    for path in shown:
        word = WORDS[records[path].confidence]
        assert hits[path]["tag"] == word, (path, hits[path])
        assert f"confidence-{records[path].confidence.value}" in hits[path]["tagClass"]
        assert f" · {word}" in hits[path]["meta"]
    assert {hits[path]["tag"] for path in shown} >= {"Reported", "Confirmed"}, "the query should find both"
    # Pages that are not records of a fact (people, bodies, technologies) carry no word.
    assert all(not hit["tag"] for path, hit in hits.items() if path not in records)
    assert page_log(page).errors == []


def test_the_header_box_shows_the_word_too(corpus, base, new_page) -> None:
    reported = [r for r in corpus.dated if r.confidence is Confidence.REPORTED and "Flock" in r.title]
    assert reported
    page = new_page()
    page.goto(base, wait_until="load")
    page.locator("#site-search-input").press_sequentially("flock", delay=15)
    page.wait_for_selector(f"{HEADER}[data-search-state=done]", timeout=15_000)
    hits = _hits(page, ".site-search__results")
    found = [r for r in reported if _path(r) in hits]
    assert found, hits
    assert all(hits[_path(r)]["tag"] == "Reported" for r in found)


@pytest.mark.parametrize("confidence", list(Confidence))
def test_the_confidence_filter_keeps_only_records_of_that_word(confidence, corpus, base, new_page) -> None:
    expected = {_path(r) for r in corpus.dated if r.confidence is confidence}
    page = new_page()
    page.goto(base + "search/", wait_until="load")
    page.wait_for_selector("[data-search-facets] details.search-facet", timeout=15_000)
    facet = page.locator("details.search-facet", has=page.locator("summary", has_text="Confidence"))
    facet.locator("summary").click()
    counts = facet.locator("label").all_inner_texts()
    word = WORDS[confidence]
    assert f"{word} ({len(expected)})" in counts, counts
    if not expected:
        return
    facet.get_by_label(word).check()
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]", timeout=15_000)
    while page.locator("[data-search-more]").is_visible():
        shown = len(_hits(page, ".search-page__results"))
        page.locator("[data-search-more]").click()
        page.wait_for_function(
            "shown => document.querySelectorAll('.search-page__results .search-hit').length > shown", arg=shown
        )
    hits = _hits(page, ".search-page__results")
    assert set(hits) == expected
    assert all(hit["tag"] == word for hit in hits.values())
    assert f"confidence={word}" in page.url

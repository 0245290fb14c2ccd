"""Searching the shipped site in headless Chromium, as a journalist would.

The shipped Milwaukee records are built once and served under a sub-path, as a city website
would publish them. Expectations are read from the records (who signed the letter, which
record carries a file number), never written out by hand.
"""

from __future__ import annotations

import json
import re

import pytest

from civic_record.models import Vote
from civic_record.pages.search_facets import identifiers_of
from civic_record.pages.site import record_src

from .conftest import SHIPPED_PREFIX

pytestmark = pytest.mark.browser

PREFIX = SHIPPED_PREFIX
HEADER = "form[data-site-search]"
PAGE_FORM = "form[data-search-page]"


def _url_of(record) -> str:
    return PREFIX + record_src(record)[: -len(".md")] + "/"


def _letter(corpus):
    (letter,) = corpus.letters.values()
    return letter


def _type_in_header(page, text: str) -> None:
    page.evaluate(f"() => {{ delete document.querySelector('{HEADER}').dataset.searchState; }}")
    field = page.locator("#site-search-input")
    field.fill("")
    field.press_sequentially(text, delay=15)
    # Done with the whole text, not with its first letters (the box searches as you type).
    page.wait_for_function(
        "([form, text]) => document.querySelector(form).dataset.searchState === 'done'"
        " && document.querySelector('[data-search-summary]').textContent.includes('\u201c' + text + '\u201d')",
        arg=[HEADER, text],
        timeout=15_000,
    )


def _header_hits(page) -> list[str]:
    hrefs = page.eval_on_selector_all(".site-search__results a.search-hit__title", "links => links.map(a => a.href)")
    return [re.sub(r"^https?://[^/]+", "", href) for href in hrefs]


def _page_hits(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        ".search-page__results .search-hit",
        "items => items.map(li => ({href: new URL(li.querySelector('a').href).pathname,"
        " meta: (li.querySelector('.search-hit__meta') || {}).textContent || ''}))",
    )


def _open_search_page(page, base: str, query: str) -> None:
    page.goto(base + "search/" + query, wait_until="load")
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]", timeout=15_000)


@pytest.mark.parametrize("query", ["facial recognition", "Zamarripa", "Perez"])
def test_header_box_finds_the_council_letter(query, corpus, base, new_page, page_log) -> None:
    page = new_page()
    page.goto(base + "votes/", wait_until="load")
    _type_in_header(page, query)
    assert _url_of(_letter(corpus)) in _header_hits(page)
    summary = page.inner_text("[data-search-summary]")
    assert query in summary
    log = page_log(page)
    assert log.foreign_requests() == [] and log.errors == []
    assert any(PREFIX + "pagefind/" in url for url in log.requests), "search did not use the Pagefind index"


def test_unaccented_name_finds_the_accented_person_first(corpus, base, new_page) -> None:
    (perez,) = [p for p in corpus.people.values() if "Pérez" in p.name]
    page = new_page()
    page.goto(base, wait_until="load")
    _type_in_header(page, "Perez")
    assert _header_hits(page)[0] == _url_of(perez)
    assert "Pérez" in page.inner_text(".site-search__results")


@pytest.mark.parametrize("identifier", ["250457", "FPC212383", "250196"])
def test_an_identifier_finds_its_record_first(identifier, corpus, base, new_page) -> None:
    carriers = [r for r in corpus.dated if identifier in identifiers_of(r)]
    assert carriers, f"no shipped record carries {identifier}"
    page = new_page()
    page.goto(base, wait_until="load")
    _type_in_header(page, identifier)
    hits = _header_hits(page)
    assert set(hits[: len(carriers)]) == {_url_of(r) for r in carriers}
    mentions = [
        r
        for r in corpus.dated
        if r not in carriers and identifier in f"{r.title} {r.summary} {corpus.files[r.id].text}"
    ]
    if mentions:
        assert len(hits) > len(carriers), "other records mention it too; they should follow, not vanish"


def test_screen_readers_hear_the_result_count(base, new_page) -> None:
    page = new_page()
    page.goto(base, wait_until="load")
    _type_in_header(page, "Zamarripa")
    hits = len(_header_hits(page))
    announced = page.inner_text(f"{HEADER} [role=status]")
    assert re.match(rf"{hits} results? for “Zamarripa”", announced), announced
    _type_in_header(page, "zzzqqq")
    assert page.inner_text(f"{HEADER} [role=status]") == "No results for “zzzqqq”."


def test_keyboard_only_search(corpus, base, new_page) -> None:
    page = new_page()
    page.goto(base + "technologies/", wait_until="load")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search-input"
    page.keyboard.type("Zamarripa", delay=15)
    page.wait_for_selector(f"{HEADER}[data-search-state=done]")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first and page.evaluate("document.activeElement.classList.contains('search-hit__title')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    page.keyboard.press("Escape")
    assert page.is_hidden("[data-search-panel]")
    assert page.evaluate("document.activeElement.id") == "site-search-input"
    page.keyboard.press("Enter")  # the full search page, with the query
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]")
    assert page.input_value("#search-page-query") == "Zamarripa"
    assert len(_page_hits(page)) >= 1


def test_type_facet_narrows_to_votes_only(corpus, base, new_page) -> None:
    page = new_page()
    _open_search_page(page, base, "?q=council")
    before = _page_hits(page)
    assert any(not hit["meta"].startswith("Vote") for hit in before)
    page.evaluate(f"() => {{ delete document.querySelector('{PAGE_FORM}').dataset.searchState; }}")
    page.get_by_label(re.compile(r"^Vote \(\d+\)$")).check()
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]")
    after = _page_hits(page)
    votes = {_url_of(v) for v in corpus.records.values() if isinstance(v, Vote)}
    assert after and all(hit["meta"].startswith("Vote") for hit in after)
    assert {hit["href"] for hit in after} <= votes
    assert "type=Vote" in page.url
    assert re.match(rf"{len(after)} results? for “council” \(type Vote\)", page.inner_text("[data-search-page-status]"))


def test_filters_and_order_come_from_the_address(base, new_page) -> None:
    """A search can be bookmarked: the address holds the query, the filters and the order."""
    page = new_page()
    _open_search_page(page, base, "?q=facial&sort=newest&year=2025")
    hits = _page_hits(page)
    dates = [
        re.search(
            r"(January|February|March|April|May|June|July|August|September|October|November|December)"
            r"(?: \d+,)? 2025",
            hit["meta"],
        )
        for hit in hits
    ]
    assert hits and all(dates), [hit["meta"] for hit in hits]
    assert page.is_checked("input[name=year][value='2025']")
    assert page.input_value("#search-page-sort") == "newest"


def test_newest_first_really_is(base, new_page, corpus) -> None:
    page = new_page()
    _open_search_page(page, base, "?q=police&sort=newest")
    by_url = {_url_of(r): r.date for r in corpus.dated}
    hits = _page_hits(page)
    dates = [by_url[hit["href"]] for hit in hits if hit["href"] in by_url]
    assert len(dates) >= 5
    assert dates == sorted(dates, reverse=True)
    status = re.match(
        r"(\d+) dated results? for “police”, newest first\.$", page.inner_text("[data-search-page-status]")
    )
    assert status and int(status.group(1)) >= len(hits)


def test_a_part_that_failed_to_load_is_loaded_again(base, new_page, shipped_site) -> None:
    """One part of the index failing to arrive (a dropped connection) fails that search only:
    the next one loads the index afresh and finds what it always found."""
    listed = json.loads((shipped_site / "pagefind" / "civic-record-parts.json").read_text(encoding="utf-8"))
    dropped: list[str] = []

    def drop_once(route) -> None:
        if dropped:
            route.continue_()
        else:
            dropped.append(route.request.url)
            route.abort()

    page = new_page()
    page.route(f"**/pagefind/parts/{listed['parts'][0]}/pagefind-entry.json*", drop_once)
    page.goto(base + "search/?q=police", wait_until="load")
    page.wait_for_function("document.querySelector('[data-search-page-status]').textContent.includes('could not load')")
    assert dropped
    page.fill("#search-page-query", "police department")
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]", timeout=15_000)
    assert _total(page) > 0 and _hit_count(page) > 0


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SHOWN_DATE = re.compile(r"(?:(" + "|".join(MONTHS) + r")(?: (\d+),)? )?(\d{4})")


def _date_shown(meta: str) -> tuple[int, int, int] | None:
    """The date a result shows ("Vote · May 29, 2025", "Technology · 2021") as (year, month,
    day), 0 for a part not given: how the index orders a partial date."""
    found = SHOWN_DATE.search(meta)
    if not found:
        return None
    month, day, year = found.groups()
    return int(year), MONTHS.index(month) + 1 if month else 0, int(day or 0)


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_an_order_by_date_runs_across_the_years(order, base, new_page, shipped_site, page_log) -> None:
    """The index is in parts, each a run of years, merged in the browser: an order by date
    still puts every result, of every year, in order, and every part the page asks for is there."""
    listed = json.loads((shipped_site / "pagefind" / "civic-record-parts.json").read_text(encoding="utf-8"))
    assert listed["parts"], "the test site's index should be in more than one part"
    page = new_page()
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    _open_search_page(page, base, f"?q=police&sort={order}")
    total = _total(page)
    more = page.locator("[data-search-more]")
    while _hit_count(page) < total:
        shown = _hit_count(page)
        more.click()
        page.wait_for_function(
            "shown => document.querySelectorAll('.search-page__results .search-hit').length > shown", arg=shown
        )
    dates = [_date_shown(hit["meta"]) for hit in _page_hits(page)]
    assert len(dates) == total and all(dates), dates
    assert len({date[0] for date in dates}) >= 3, "the query should find pages of several years"
    assert dates == sorted(dates, reverse=order == "newest")
    assert failed == [] and page_log(page).errors == []


def test_on_a_phone_the_magnifier_opens_the_search_page(base, new_page, axe_violations, format_violations) -> None:
    page = new_page("dark", viewport={"width": 390, "height": 844})
    page.goto(base + "letters/", wait_until="load")
    assert page.is_hidden("#site-search-input")
    page.click("button.site-search__submit")
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=idle]")
    assert page.url.startswith(base + "search/")
    page.fill("#search-page-query", "drones")
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]")
    assert _page_hits(page)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_hand_written_pages_are_searchable(base, new_page) -> None:
    page = new_page()
    page.goto(base, wait_until="load")
    _type_in_header(page, "OWASP")
    assert PREFIX + "data/" in _header_hits(page)


def test_search_fetches_only_from_this_site_and_never_a_lunr_index(shipped_site, base, new_page, page_log) -> None:
    assert not list(shipped_site.rglob("search_index.json")), "the theme's lunr index is still built"
    page = new_page()
    page.goto(base + "letters/", wait_until="load")
    before = len(page_log(page).requests)
    assert not any("/pagefind/" in url for url in page_log(page).requests), "Pagefind loaded before any search"
    _type_in_header(page, "drones")
    _open_search_page(page, base, "?q=flock&type=Document")
    log = page_log(page)
    assert len(log.requests) > before
    assert log.foreign_requests() == [] and log.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_and_header_results_pass_axe(
    scheme, base, new_page, page_log, axe_violations, format_violations
) -> None:
    page = new_page(scheme)
    _open_search_page(page, base, "?q=facial+recognition")
    assert len(_page_hits(page)) > 3
    page.locator("details.search-facet:not([open]) summary").first.click()  # a long facet, opened
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    _type_in_header(page, "Zamarripa")
    assert page.is_visible("[data-search-panel]")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    assert page_log(page).errors == []


# ----------------------------------------------------------------------------- the search page


def _restart(page) -> None:
    """Forget the page's search state, so that waiting for "done" waits for the next search."""
    page.evaluate(f"() => {{ delete document.querySelector('{PAGE_FORM}').dataset.searchState; }}")


def _wait_for_search_of(page, words: str) -> None:
    """Wait until the search of these words (not of the first letters typed) is done."""
    page.wait_for_function(
        "([form, words]) => document.querySelector(form).dataset.searchState === 'done'"
        " && document.querySelector('[data-search-page-status]').textContent.includes('\u201c' + words + '\u201d')",
        arg=[PAGE_FORM, words],
    )


def _total(page) -> int:
    """The number of results the status line announces (0 for "No results")."""
    status = page.inner_text("[data-search-page-status]")
    found = re.match(r"([\d,]+) (?:dated )?results? ", status)
    assert found or status.startswith("No results"), status
    return int(found.group(1).replace(",", "")) if found else 0


def _counts(page, facet: str) -> dict[str, int]:
    """Each value of a facet with the count beside it."""
    return page.eval_on_selector_all(
        f"[data-search-facets] input[name={facet}]",
        "boxes => Object.fromEntries(boxes.map(box => [box.value,"
        " Number(box.parentElement.querySelector('[data-facet-count]').textContent.replace(/[()]/g, ''))]))",
    )


def _toggle(page, facet: str, value: str) -> None:
    box = page.locator(f"[data-search-facets] input[name={facet}][value='{value}']")
    page.evaluate(
        "box => { const facet = box.closest('details'); if (facet) facet.open = true; }", box.element_handle()
    )
    _restart(page)
    box.click()
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]")


def _check_counts_by_ticking(page, facet: str, values: list[str]) -> None:
    """Each value's count is the number of results ticking it gives (then it is unticked).

    Type, year and confidence have one value per page: when values of the facet are ticked
    already (any of them), ticking another adds its count to the results."""
    counts = _counts(page, facet)
    ticked = page.eval_on_selector_all(
        f"[data-search-facets] input[name={facet}]:checked", "boxes => boxes.map(box => box.value)"
    )
    before = _total(page) if ticked else 0
    for value in values:
        if value in ticked:
            continue
        _toggle(page, facet, value)
        status = page.inner_text("[data-search-page-status]")
        assert _total(page) == before + counts[value], (facet, value, counts, status)
        _toggle(page, facet, value)


@pytest.mark.parametrize("address", ["?q=flock", "?q=council&sort=newest", "?q=police&year=2025"])
def test_facet_counts_are_what_ticking_gives(address, base, new_page, page_log) -> None:
    """Any of the values within a facet, all of the facets: a value's count is what ticking it
    gives, also when another value of the same facet is ticked already."""
    page = new_page()
    _open_search_page(page, base, address)
    types = [value for value, count in _counts(page, "type").items() if count]
    years = list(_counts(page, "year"))
    assert len(types) >= 2 and years
    _check_counts_by_ticking(page, "type", types[:4])
    _check_counts_by_ticking(page, "year", years[:3])
    before = _counts(page, "type")
    # With one type ticked, the other types keep their counts (never all "(0)")...
    _toggle(page, "type", types[0])
    assert _counts(page, "type") == before
    # ...and ticking a second one gives the results of both.
    _toggle(page, "type", types[1])
    assert _total(page) == before[types[0]] + before[types[1]]  # a page has one type
    _toggle(page, "type", types[1])
    # Another facet is counted within the ticked type.
    _check_counts_by_ticking(page, "year", years[:3])
    _check_counts_by_ticking(page, "confidence", list(_counts(page, "confidence")))
    assert page_log(page).errors == []


def _hit_count(page) -> int:
    return page.locator(".search-page__results .search-hit").count()


def test_more_results_appears_only_when_there_are_more(base, new_page) -> None:
    page = new_page()
    for words in ("FPC212383", "250457", "Zamarripa"):  # queries with a few results (fewer than 5 too)
        _open_search_page(page, base, "?q=" + words)
        few = _total(page)
        assert 0 < few <= 10 and _hit_count(page) == few, words
        assert page.locator("[data-search-more]").is_hidden()
        assert page.locator("[data-search-more]").bounding_box() is None
    _open_search_page(page, base, "?q=police")
    total = _total(page)
    assert total > 20, "the query should find more than two pages of results"
    more = page.locator("[data-search-more]")
    while _hit_count(page) < total:
        assert more.is_visible()
        shown = _hit_count(page)
        more.click()
        page.wait_for_function(
            "shown => document.querySelectorAll('.search-page__results .search-hit').length > shown", arg=shown
        )
        # The first of the new results has the focus, so the reader goes on from there.
        assert page.evaluate(
            "shown => document.activeElement === document.querySelectorAll('.search-page__results a')[shown]", shown
        )
    assert _hit_count(page) == total
    assert more.is_hidden()


# Labels of the record pages' facts lists: their words must not run into the value before them.
FACT_LABELS = ("Bodies involved", "Legistar file", "Technologies", "Tally", "Kind", "Matter", "Motion", "Result")
# Words whose capitals are their own, not two words run together.
CAMEL_WORDS = {"ShotSpotter", "DiAndre", "JoCasta", "JusticePoint", "LibreOffice", "JavaScript"}


@pytest.mark.parametrize("words", ["250196", "Spiker", "bodies involved", "tally", "closed session"])
def test_excerpts_keep_words_apart_and_do_not_repeat_type_and_date(words, base, new_page) -> None:
    page = new_page()
    _open_search_page(page, base, "?q=" + words.replace(" ", "+"))
    hits = page.eval_on_selector_all(
        ".search-page__results .search-hit",
        "items => items.map(li => ({excerpt: li.querySelector('.search-hit__excerpt').textContent,"
        " meta: li.querySelector('.search-hit__meta').textContent}))",
    )
    assert hits
    for hit in hits:
        excerpt = hit["excerpt"]
        assert "DepartmentBodies" not in excerpt
        glued = re.findall(rf"[A-Za-z0-9.)](?:{'|'.join(FACT_LABELS)})\b", excerpt)
        assert not glued, excerpt
        camel = {w for w in re.findall(r"\b[A-Za-z]*[a-z][A-Z][A-Za-z]*\b", excerpt) if w not in CAMEL_WORDS}
        assert not camel, excerpt
        # "Vote · May 29, 2025" is the line above the excerpt, not part of it.
        type_and_date = " · ".join(hit["meta"].split(" · ")[:2])
        if " · " in type_and_date:
            assert type_and_date not in excerpt, (hit["meta"], excerpt)


def test_after_a_search_the_count_is_announced_and_focus_goes_to_the_results(base, new_page) -> None:
    page = new_page()
    page.goto(base + "search/", wait_until="load")
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=idle]", timeout=15_000)
    status = page.locator("[data-search-page-status]")
    # The live region is in the page before it changes, so its change is announced.
    assert status.get_attribute("role") == "status"
    results = page.locator("[data-search-page-results]")
    assert results.get_attribute("aria-labelledby") == status.get_attribute("id")
    assert page.get_attribute("#search-page-query", "aria-controls") == results.get_attribute("id")
    # Typing searches as you go, and leaves the focus in the box.
    _restart(page)
    page.locator("#search-page-query").press_sequentially("Zamarripa", delay=15)
    _wait_for_search_of(page, "Zamarripa")
    assert page.evaluate("document.activeElement.id") == "search-page-query"
    total = _total(page)
    assert total > 0
    assert re.fullmatch(rf"{total} results? for “Zamarripa”\.", status.inner_text())
    # Enter (or the Search button) takes the reader to the first result.
    _restart(page)
    page.fill("#search-page-query", "facial recognition")
    page.press("#search-page-query", "Enter")
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]")
    total = _total(page)
    assert re.fullmatch(rf"{total} results? for “facial recognition”\.", status.inner_text())
    first = page.locator(".search-page__results a.search-hit__title").first
    assert page.evaluate("el => el === document.activeElement", first.element_handle())
    # No results: the focus stays in the box, and the status says so.
    _restart(page)
    page.fill("#search-page-query", "zzzqqq")
    page.press("#search-page-query", "Enter")
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]")
    assert status.inner_text().startswith("No results for “zzzqqq”")
    assert page.evaluate("document.activeElement.id") == "search-page-query"

"""The search page shows its results first, at a desktop's and a phone's size, light and dark.

The shipped Milwaukee records, built once and served under a sub-path. After a search the
first result is inside the window without scrolling; on a wide screen the filters sit beside
the results, on a phone they fold into one "Filter" control, closed. Every state passes axe.
"""

from __future__ import annotations

import pytest

from .conftest import SHIPPED_PREFIX, describe_violations, run_axe

pytestmark = pytest.mark.browser

PREFIX = SHIPPED_PREFIX
PAGE_FORM = "form[data-search-page]"
FILTERS = "details[data-search-filters]"
FIRST_HIT = ".search-page__results .search-hit"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = {"desktop": DESKTOP, "phone": PHONE}


def _search_by_enter(page, base: str, words: str) -> None:
    """Open the search page, type the words and press Enter, as a reader does."""
    page.goto(base + "search/", wait_until="load")
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=idle]", timeout=15_000)
    page.fill("#search-page-query", words)
    page.evaluate(f"() => {{ delete document.querySelector('{PAGE_FORM}').dataset.searchState; }}")
    page.press("#search-page-query", "Enter")
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]", timeout=15_000)


def _box_in_page(page, selector: str) -> dict[str, float]:
    """Where an element is on the page (not in the window): scrolling does not change it."""
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect();"
        " return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right}; }",
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("words", ["250196", "facial recognition"])
def test_the_first_result_is_in_view_after_a_search(words, size, scheme, base, new_page, page_log) -> None:
    viewport = SIZES[size]
    page = new_page(scheme, viewport=viewport)
    _search_by_enter(page, base, words)
    assert page.locator(FIRST_HIT).count() > 0
    first = _box_in_page(page, f"{FIRST_HIT} .search-hit__title")
    # Measured from the top of the page, so the focus moving to it (which may scroll) cannot help.
    assert first["bottom"] <= viewport["height"], f"first result ends {first['bottom']:.0f} px down"
    filters = _box_in_page(page, FILTERS)
    if size == "phone":
        # One closed "Filter" control above the results.
        assert not page.eval_on_selector(FILTERS, "el => el.open")
        assert page.inner_text(f"{FILTERS} > summary").startswith("Filter")
        assert filters["bottom"] <= first["top"]
        assert page.locator(f"{FILTERS} input[type=checkbox]").first.is_hidden()
    else:
        # Open, in a column beside the results.
        assert page.eval_on_selector(FILTERS, "el => el.open")
        results = _box_in_page(page, ".search-page__results")
        assert filters["left"] >= results["right"]
        assert filters["top"] < first["bottom"]
        assert page.locator(f"{FILTERS} input[type=checkbox]").first.is_visible()
    assert page_log(page).errors == []


def test_the_order_label_stays_beside_its_list(base, new_page) -> None:
    for viewport in SIZES.values():
        page = new_page(viewport=viewport)
        _search_by_enter(page, base, "drones")
        label = _box_in_page(page, "label[for=search-page-sort]")
        select = _box_in_page(page, "#search-page-sort")
        assert abs(label["top"] - select["top"]) < 20 and label["right"] <= select["left"], (viewport, label, select)


def test_on_a_phone_the_filter_control_opens_and_closes(base, new_page) -> None:
    page = new_page(viewport=PHONE)
    _search_by_enter(page, base, "flock")
    summary = page.locator(f"{FILTERS} > summary")
    summary.click()
    page.wait_for_selector(f"{FILTERS}[open]")
    type_box = page.get_by_label(page.locator("label", has_text="Letter").inner_text())
    assert type_box.is_visible()
    page.evaluate(f"() => {{ delete document.querySelector('{PAGE_FORM}').dataset.searchState; }}")
    type_box.check()
    page.wait_for_selector(f"{PAGE_FORM}[data-search-state=done]")
    assert page.inner_text(f"{FILTERS} > summary") == "Filter (1 chosen)"
    summary.click()
    page.wait_for_selector(f"{FILTERS}:not([open])")
    assert type_box.is_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_search_page_with_results_passes_axe_filters_open_and_closed(size, scheme, base, new_page, page_log) -> None:
    page = new_page(scheme, viewport=SIZES[size])
    _search_by_enter(page, base, "facial recognition")
    assert page.locator(FIRST_HIT).count() > 3
    summary = page.locator(f"{FILTERS} > summary")
    states = []
    for _ in range(2):  # as it opened, then toggled
        is_open = page.eval_on_selector(FILTERS, "el => el.open")
        states.append(is_open)
        if is_open:
            page.locator("details.search-facet:not([open]) > summary").first.click()  # a long list, opened
        violations = run_axe(page)
        assert not violations, f"{size} {scheme}, filters {'open' if is_open else 'closed'}: " + describe_violations(
            violations
        )
        summary.click()
        page.wait_for_selector(f"{FILTERS}{':not([open])' if is_open else '[open]'}")
    assert sorted(states) == [False, True]
    assert page_log(page).errors == []

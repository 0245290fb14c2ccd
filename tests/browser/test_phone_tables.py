"""Record tables read on a phone (390 px) and a desktop (1280 px): no word broken inside itself,
every column reachable (by scrolling and by keyboard), a visible cue exactly while a table
scrolls, and no axe violation in either scheme (docs/stylesheets/tables.css,
docs/javascripts/a11y.js).

The shipped records have no vote grid, so the demonstration corpus supplies one. Every wait is
for a state of the page (a11y.js has framed the tables, a scroll offset has moved), never for a
length of time."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import describe_violations, run_axe

pytestmark = pytest.mark.browser

SUB_PATH = "/surveillance-record/"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

# (corpus, path): the home page, technology timelines, a body, a person, a roll call, and
# (demonstration corpus) a technology with a vote grid and a roll call of long names.
PAGES = [
    ("shipped", ""),
    ("shipped", "technologies/mpd-flock-cameras/"),
    ("shipped", "technologies/mpd-gunshot-detection/"),
    ("shipped", "bodies/common-council/"),
    ("shipped", "people/spiker/"),
    ("shipped", "votes/2024-11-06-common-council-adopts-240952/"),
    ("demo", "technologies/fpd-face-recognition/"),
    ("demo", "votes/2023-09-12-city-council-vote-gunshot-detection/"),
]
PAGE_IDS = [f"{corpus}:{path or 'home'}" for corpus, path in PAGES]

WRAPPERS = ".md-typeset .table-scroll, .md-typeset .md-typeset__scrollwrap"

# a11y.js has run: every table wrapper sits in its frame.
FRAMED = """(selector) => [...document.querySelectorAll(selector)].every(
  (w) => w.parentElement && w.parentElement.classList.contains("table-frame"))"""

# Every word (a run of letters, digits and marks) of every table's text, and the number of
# lines it is rendered on: the rects of a Range over the word, by their top edge. A line may
# break at a space or after a hyphen ("gunshot-|detection"), never between two letters.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const wrapper of document.querySelectorAll(selector)) {
    const table = wrapper.querySelector("table");
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[\\p{L}\\p{N}\\p{M}]+/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()]
          .filter((rect) => rect.width > 0 && rect.height > 0)
          .map((rect) => Math.round(rect.top)));
        if (tops.size > 1) {
          const caption = table.querySelector("caption");
          const where = caption ? caption.textContent.trim() : table.className;
          broken.push(`${match[0]} (${tops.size} lines) in "${where}"`);
        }
      }
    }
  }
  return broken;
}"""

# Each wrapper's scroll state, its cue, and the faded edge drawn for it.
STATES = """(selector) => [...document.querySelectorAll(selector)].map((w) => {
  const frame = w.parentElement;
  const cue = frame.querySelector(":scope > .table-scroll-cue");
  const caption = w.querySelector("caption");
  return {
    name: caption ? caption.textContent.trim() : w.className,
    scrolls: w.scrollWidth > w.clientWidth + 1,
    overflowX: getComputedStyle(w).overflowX,
    classes: [...w.classList],
    tabindex: w.getAttribute("tabindex"),
    role: w.getAttribute("role"),
    label: w.getAttribute("aria-label") || "",
    cueShown: !!cue && !cue.hidden && cue.getClientRects().length > 0 && getComputedStyle(cue).visibility === "visible",
    cueText: cue ? cue.textContent.trim() : "",
    rightEdge: getComputedStyle(frame, "::after").opacity,
  };
})"""


@pytest.fixture
def sites(shipped_site: Path, demo_site: Path, serve_dir) -> dict[str, str]:
    return {"shipped": serve_dir(shipped_site, prefix=SUB_PATH), "demo": serve_dir(demo_site, prefix=SUB_PATH)}


def _open(new_page, sites, corpus: str, path: str, viewport: str, scheme: str = "light"):
    page = new_page(scheme, viewport=VIEWPORTS[viewport])
    response = page.goto(sites[corpus] + path, wait_until="load")
    assert response is not None and response.status == 200
    page.wait_for_function(FRAMED, arg=WRAPPERS)
    return page


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(("corpus", "path"), PAGES, ids=PAGE_IDS)
def test_no_word_in_a_table_is_broken_inside_itself(new_page, sites, corpus, path, viewport) -> None:
    page = _open(new_page, sites, corpus, path, viewport)
    assert page.evaluate(BROKEN_WORDS, WRAPPERS) == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(("corpus", "path"), PAGES, ids=PAGE_IDS)
def test_the_scroll_cue_shows_exactly_while_a_table_scrolls(new_page, sites, corpus, path, viewport) -> None:
    page = _open(new_page, sites, corpus, path, viewport)
    for state in page.evaluate(STATES, WRAPPERS):
        name = state["name"]
        assert state["overflowX"] == "auto", name
        assert state["cueShown"] == state["scrolls"], (
            f"{name}: cue shown {state['cueShown']}, scrolls {state['scrolls']}"
        )
        assert ("table-scroll--scrolls" in state["classes"]) == state["scrolls"], name
        # Unscrolled: more columns to the right, none to the left; the right edge fades.
        assert ("table-scroll--more-right" in state["classes"]) == state["scrolls"], name
        assert "table-scroll--more-left" not in state["classes"], name
        assert (state["rightEdge"] == "1") == state["scrolls"], name
        if state["scrolls"]:
            assert state["cueText"] == "Scroll sideways for more columns"
            # Screen readers hear the cue in the region's name; the visible line is aria-hidden.
            assert state["tabindex"] == "0" and state["role"] == "region", name
            assert state["label"].endswith("(scroll sideways for more columns)"), name
        else:
            assert state["tabindex"] is None and state["role"] is None, name


def test_the_cue_follows_the_width_of_the_screen(new_page, sites) -> None:
    """The body page's Members table scrolls on a phone and fits a desktop: turning the
    screen wide takes the cue away, narrowing it brings it back (ResizeObserver, no reload)."""
    page = _open(new_page, sites, "shipped", "bodies/common-council/", "phone")
    first = page.locator(".md-typeset .table-scroll").first
    cue = page.locator(".md-typeset .table-frame").first.locator(".table-scroll-cue")
    assert first.evaluate("w => w.scrollWidth > w.clientWidth + 1")
    assert cue.is_visible()
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.wait_for_function("w => !w.classList.contains('table-scroll--scrolls')", arg=first.element_handle())
    assert first.evaluate("w => w.scrollWidth <= w.clientWidth + 1"), "the Members table should fit 1280 px"
    assert cue.is_hidden()
    page.set_viewport_size(VIEWPORTS["phone"])
    page.wait_for_function("w => w.classList.contains('table-scroll--scrolls')", arg=first.element_handle())
    assert cue.is_visible()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(("corpus", "path"), PAGES, ids=PAGE_IDS)
def test_every_column_is_reachable_by_keyboard(new_page, sites, corpus, path, viewport) -> None:
    """Each table that scrolls is a tab stop; arrow keys bring its last column fully into view
    (to the right of a first column that stays), and the cue then points left only."""
    page = _open(new_page, sites, corpus, path, viewport)
    for wrapper in page.locator(WRAPPERS).all():
        handle = wrapper.element_handle()
        last_fits = (
            "w => { const row = w.querySelector('table').rows[0]; const last = row.cells[row.cells.length - 1];"
            " const box = w.getBoundingClientRect(); const cell = last.getBoundingClientRect();"
            " return cell.right <= box.right + 1 && cell.left >= box.left - 1; }"
        )
        if not wrapper.evaluate("w => w.scrollWidth > w.clientWidth + 1"):
            assert wrapper.evaluate(last_fits), "a table that does not scroll shows every column"
            continue
        wrapper.focus()
        assert wrapper.evaluate("w => document.activeElement === w")
        steps = wrapper.evaluate("w => Math.ceil((w.scrollWidth - w.clientWidth) / 10) + 5")
        for _ in range(steps):
            if wrapper.evaluate("w => w.scrollLeft >= w.scrollWidth - w.clientWidth - 1"):
                break
            before = wrapper.evaluate("w => w.scrollLeft")
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "([w, before]) => w.scrollLeft > before || w.scrollLeft >= w.scrollWidth - w.clientWidth - 1",
                arg=[handle, before],
            )
        page.wait_for_function(
            "w => w.scrollLeft >= w.scrollWidth - w.clientWidth - 1"
            " && !w.classList.contains('table-scroll--more-right') && w.classList.contains('table-scroll--more-left')",
            arg=handle,
        )
        assert wrapper.evaluate(last_fits), "the last column is in view at the end of the scroll"
        if wrapper.evaluate("w => w.classList.contains('table-scroll--sticky-first')"):
            # The last column is not hidden under the first column that stays in view.
            assert wrapper.evaluate(
                "w => { const row = w.querySelector('table').rows[0];"
                " return row.cells[row.cells.length - 1].getBoundingClientRect().left"
                " >= row.cells[0].getBoundingClientRect().right - 1; }"
            )


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_vote_grid_keeps_names_whole_and_in_view(new_page, sites, viewport) -> None:
    """On a phone the vote grid scrolls, each member's name is one line, and the names column
    stays at the left edge while the vote columns scroll under it."""
    page = _open(new_page, sites, "demo", "technologies/fpd-face-recognition/", viewport)
    grid = page.locator(".table-scroll:has(> table.voting-matrix)")
    assert grid.evaluate("w => w.scrollWidth > w.clientWidth + 1")
    names = page.locator("table.voting-matrix tbody th")
    assert names.count() > 0
    for name in names.all():
        assert name.evaluate(
            "th => th.getClientRects().length === 1 && th.querySelector('a').getClientRects().length === 1"
        )
    left = names.first.evaluate("th => th.getBoundingClientRect().left")
    grid.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "w => w.scrollLeft > 0 && w.classList.contains('table-scroll--more-left')", arg=grid.element_handle()
    )
    assert names.first.evaluate("th => th.getBoundingClientRect().left") == pytest.approx(left, abs=1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(("corpus", "path"), PAGES, ids=PAGE_IDS)
def test_table_pages_have_no_axe_violations(new_page, page_log, sites, corpus, path, viewport, scheme) -> None:
    page = _open(new_page, sites, corpus, path, viewport, scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    violations = run_axe(page)
    assert not violations, f"{path} ({viewport}, {scheme}): {describe_violations(violations)}"
    # Scrolled: the first column that stays and the faded edges over the others.
    for wrapper in page.locator(WRAPPERS).all():
        if wrapper.evaluate("w => w.scrollWidth > w.clientWidth + 1"):
            wrapper.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
            page.wait_for_function("w => w.classList.contains('table-scroll--more-left')", arg=wrapper.element_handle())
    violations = run_axe(page)
    assert not violations, f"{path} scrolled ({viewport}, {scheme}): {describe_violations(violations)}"
    assert not page_log(page).errors

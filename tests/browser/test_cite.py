""" "Cite this record" in the browser, on a phone (390 px): both blocks wrap inside the page,
no text sits under the copy button, the reader's date is filled into the plain text and the
BibTeX (as ``urldate``), the copy button copies the filled-in text, and without JavaScript the
BibTeX has no ``urldate`` and the note asks for one.

The browser's clock is pinned (Playwright's ``clock``) in a fixed time zone, at an instant
whose UTC day differs from the local one, so "today" is known to the test and the date must be
the reader's local day. Every wait is for a selector or a state, never for a time.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from .conftest import describe_violations, run_axe

pytestmark = pytest.mark.browser

SUB_PATH = "/mke/"
SITE_URL = "https://records.example.org/mke/"
LETTER = "letters/2025-05-14-council-letter-opposing-facial-recognition/"
PHONE = {"width": 390, "height": 844}
ZONE = "America/Chicago"
# 03:00 UTC on March 5 is 21:00 on March 4 in Chicago: the reader's day is the 4th.
NOW = dt.datetime(2031, 3, 5, 3, 0, tzinfo=dt.UTC)
READER_DAY = "2031-03-04"
READER_DAY_LONG = "March 4, 2031"
FILLED = ".cite-this[data-cite-filled]"

# Every text line of the citation blocks that overlaps the copy button's box (.md-code__nav).
UNDER_THE_BUTTON = """() => {
  const found = [];
  for (const pre of document.querySelectorAll('.cite-this pre')) {
    const nav = pre.querySelector('.md-code__nav');
    if (!nav) { found.push('no copy button'); continue; }
    const box = nav.getBoundingClientRect();
    const walker = document.createTreeWalker(pre.querySelector('code'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(walker.currentNode);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom) {
          found.push(walker.currentNode.textContent.slice(0, 40));
        }
      }
    }
  }
  return found;
}"""

WIDTHS = """() => [...document.querySelectorAll('.cite-this pre > code')].map(
  c => ({scroll: c.scrollWidth, client: c.clientWidth}))"""


@pytest.fixture(scope="module")
def cited_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped records with their published address, so citations carry absolute URLs."""
    from tests.building import RECORDS, build_for_reading

    return build_for_reading(tmp_path_factory.mktemp("cite"), RECORDS, "--site-url", SITE_URL)


def open_letter(cited_site: Path, serve_dir, new_page, scheme: str = "light", **options):
    base = serve_dir(cited_site, prefix=SUB_PATH)
    page = new_page(scheme, viewport=PHONE, timezone_id=ZONE, **options)
    if options.get("java_script_enabled", True):
        page.clock.set_fixed_time(NOW)
    response = page.goto(base + LETTER)
    assert response is not None and response.status == 200
    return page


def bibtex_of(page) -> str:
    texts = page.locator(".cite-this pre > code").all_inner_texts()
    entries = [t for t in texts if t.startswith("@misc{")]
    assert len(entries) == 1, texts
    return entries[0]


def test_the_citation_stylesheet_is_linked(cited_site: Path) -> None:
    html = (cited_site / LETTER / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="stylesheet" href="[./]*stylesheets/cite\.css">', html), (
        "docs/stylesheets/cite.css must be listed in mkdocs.yml extra_css"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_citation_blocks_wrap_on_a_phone_and_clear_the_copy_button(
    cited_site: Path, serve_dir, new_page, page_log, scheme: str
) -> None:
    page = open_letter(cited_site, serve_dir, new_page, scheme)
    page.wait_for_selector(FILLED, state="attached")
    page.wait_for_selector(".cite-this pre .md-code__nav", state="attached")
    widths = page.evaluate(WIDTHS)
    assert len(widths) == 2 and all(w["scroll"] <= w["client"] for w in widths), widths
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.evaluate(UNDER_THE_BUTTON) == []
    # Any record's text, however long its words: one unbroken run and many short words.
    for text in ("A" * 300, "word " * 80):
        page.evaluate(
            "t => document.querySelectorAll('.cite-this pre > code').forEach(c => { c.firstChild.textContent = t; })",
            text,
        )
        widths = page.evaluate(WIDTHS)
        assert all(w["scroll"] <= w["client"] for w in widths), (text[:10], widths)
        assert page.evaluate(UNDER_THE_BUTTON) == [], text[:10]
    log = page_log(page)
    assert not log.errors and not log.foreign_requests()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_citation_has_no_axe_violations_on_a_phone(cited_site: Path, serve_dir, new_page, scheme: str) -> None:
    page = open_letter(cited_site, serve_dir, new_page, scheme)
    page.wait_for_selector(FILLED, state="attached")
    page.wait_for_selector(".cite-this pre .md-code__nav", state="attached")
    violations = run_axe(page, ".cite-this")
    assert not violations, f"{LETTER} ({scheme}, 390 px): {describe_violations(violations)}"


def test_the_readers_date_is_filled_into_the_plain_text_and_the_bibtex(
    cited_site: Path, serve_dir, new_page, page_log
) -> None:
    page = open_letter(cited_site, serve_dir, new_page)
    page.wait_for_selector(FILLED, state="attached")
    assert page.evaluate(
        "(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()"
    ) == [
        2031,
        3,
        4,
    ], "the pinned clock, read in the reader's zone"
    plain = page.locator(".cite-this pre > code").first.inner_text()
    assert plain.endswith(f"Retrieved {READER_DAY_LONG}, from {SITE_URL}{LETTER}")
    entry = bibtex_of(page)
    assert entry.endswith(f"  url = {{{SITE_URL}{LETTER}}},\n  urldate = {{{READER_DAY}}}\n}}")
    assert re.findall(r"urldate = \{([^}]*)\}", entry) == [READER_DAY]
    note = page.locator(".cite-this .cite-note").inner_text()
    assert READER_DAY_LONG in note and "YYYY" not in note
    assert "the date you read it" not in page.locator(".cite-this").inner_text()
    assert not page_log(page).errors


def test_the_copy_button_copies_the_filled_in_text(cited_site: Path, serve_dir, new_page) -> None:
    page = open_letter(cited_site, serve_dir, new_page, permissions=["clipboard-read", "clipboard-write"])
    page.wait_for_selector(FILLED, state="attached")
    blocks = page.locator(".cite-this pre")
    for index in range(blocks.count()):
        shown = blocks.nth(index).locator("code").inner_text()
        assert READER_DAY in shown or READER_DAY_LONG in shown
        blocks.nth(index).locator(".md-code__button").click()
        page.wait_for_function("async expected => (await navigator.clipboard.readText()) === expected", arg=shown)


def test_without_javascript_the_bibtex_has_no_urldate_and_the_note_asks_for_it(
    cited_site: Path, serve_dir, new_page
) -> None:
    page = open_letter(cited_site, serve_dir, new_page, java_script_enabled=False)
    page.wait_for_selector(".cite-this", state="attached")
    assert page.locator(FILLED).count() == 0
    entry = bibtex_of(page)
    assert "urldate" not in entry and entry.endswith(f"  url = {{{SITE_URL}{LETTER}}}\n}}")
    assert "Retrieved the date you read it, from " in page.locator(".cite-this pre > code").first.inner_text()
    note = page.locator(".cite-this .cite-note").inner_text()
    assert note == "Add the day you read this page to the BibTeX entry as urldate = {YYYY-MM-DD}."

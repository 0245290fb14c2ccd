"""The hostile records, built into one site, run nothing and load nothing in a real browser.

The valid cases of ``tests/fixtures/hostile/`` (those with ``expected-output.txt``) are laid
together over the fictional corpus and built as a
user builds (``build_site.py build``). Every HTML page is then opened in headless Chromium
with a detector installed before any page script: a call to alert/confirm/prompt/print, an
assignment to ``window.__pwned`` (the payloads' marker), a dialog or a popup all count. A
positive control checks that the detector does catch an inline script.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from civic_record.check import check_records
from civic_record.pages import Site
from civic_record.pages.site import display_name, record_src
from tests.building import PINNED_TODAY, run_build
from tests.test_hostile_input import OUTPUT_CASES, expected_output, make_records

pytestmark = pytest.mark.browser

SITE_NAME = "Riverton </title><script>window.__pwned=7</script> <img src=x onerror=window.__pwned=8> record"
"""The hostile site's name, from its site.yml: every page prints it in its header and <title>."""
SITE_SETTINGS = {
    "site_name": SITE_NAME,
    "notice": "Fictional <script>window.__pwned=9</script> data",
    "licence": "CC0 <img src=x onerror=window.__pwned=10>",
    "licence_url": "https://creativecommons.org/publicdomain/zero/1.0/",
    "contact": "<b>clerk</b>@example.org",
}

DETECTOR = """
(() => {
  const report = (what) => {
    (window.__hostileFired = window.__hostileFired || []).push(what);
    try { window.__hostileReport(what + " at " + location.href); } catch (error) {}
  };
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { report(name + "(" + args.map(String).join(", ") + ")"); return null; };
  }
  Object.defineProperty(window, "__pwned", {
    configurable: false,
    get() { return undefined; },
    set(value) { report("window.__pwned = " + String(value)); },
  });
})();
"""

# What record markup must never become in the built page: handlers anywhere, active URLs,
# and, inside the article, embedded content, forms, inline styles or fixed-position boxes.
DOM_FINDINGS = """
() => {
  const found = [];
  const describe = (el) => el.outerHTML.slice(0, 160);
  const active = /^(javascript|vbscript|data):/i;
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push("handler: " + describe(el));
    }
    for (const name of ["href", "src", "action", "formaction", "xlink:href", "data"]) {
      const value = (el.getAttribute(name) || "").replace(/[\\u0000-\\u0020]/g, "");
      if (active.test(value)) found.push("active URL: " + describe(el));
    }
  }
  const article = document.querySelector("article") || document.body;
  const banned = "script, style, iframe, frame, object, embed, form, input, button, textarea, select, "
    + "img, svg, math, video, audio, base, meta, link, noscript, template";
  for (const el of article.querySelectorAll(banned)) {
    // The theme's own "copy" buttons on code blocks, and the search page's and the 404 page's
    // own forms (they hold no record text), are not record markup.
    if (!el.matches("button.md-code__button, [data-search-page], [data-search-page] *, [data-search-more],"
      + " noscript[data-search-fallback], [data-not-found-search], [data-not-found-search] *"))
      found.push("element: " + describe(el));
  }
  for (const el of article.querySelectorAll("[style]")) found.push("inline style: " + describe(el));
  for (const el of article.querySelectorAll("*")) {
    const position = getComputedStyle(el).position;
    // Generated tables keep their first column in view while they scroll (summaries.css,
    // tables.css): the cells themselves, never record markup inside them.
    const ownSticky = position === "sticky" && el.matches(
      "table.voting-matrix th, .table-scroll--sticky-first > table.record-table > * > tr > :first-child"
    );
    if ((position === "fixed" || position === "sticky") && !ownSticky) {
      found.push("position " + position + ": " + describe(el));
    }
  }
  return found;
}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(records, site): every valid hostile case over the corpus. (Links out of the records
    folder are errors that stop the build: ``tests/test_confinement.py``.)"""
    base = tmp_path_factory.mktemp("hostile")
    records = make_records(base, OUTPUT_CASES)
    (records / "site.yml").write_text(yaml.safe_dump(SITE_SETTINGS, allow_unicode=True), encoding="utf-8")
    site = base / "site"
    result = run_build(records, site)
    assert result.returncode == 0, result.stderr
    return records, site


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _url_path(html: str) -> str:
    return html[: -len("index.html")] if html.endswith("index.html") else html


def _page_url(case: str) -> str:
    """The site-relative URL of the page a hostile case names in ``expected-output.txt``."""
    return expected_output(case)[0][: -len(".md")] + "/"


def _open(new_page, page_log):
    """A page with the detector; returns (page, fired, log)."""
    page = new_page()
    fired: list[str] = []
    page.context.expose_function("__hostileReport", lambda what: fired.append(what))
    page.context.add_init_script(DETECTOR)
    page.on("dialog", lambda dialog: (fired.append(f"dialog {dialog.type}: {dialog.message}"), dialog.dismiss()))
    page.context.on("page", lambda popup: fired.append(f"popup: {popup.url}"))
    return page, fired, page_log(page)


def _visit(page, url: str) -> list[str]:
    page.goto(url, wait_until="load")
    return page.evaluate(DOM_FINDINGS)


def _expected_titles(records: Path) -> dict[str, str]:
    """Built page (``documents/<id>/index.html``) -> the record's title or name, as plain text."""
    corpus, problems = check_records(records)
    assert not problems.errors, problems.report()
    site = Site(corpus, today=dt.date.fromisoformat(PINNED_TODAY))
    return {site.url(record_src(r)) + "index.html": display_name(r) for r in corpus.records.values()}


def test_hostile_site_runs_nothing_and_loads_nothing(hostile_site, serve_dir, new_page, page_log) -> None:
    records, site = hostile_site
    titles = _expected_titles(records)
    base = serve_dir(site)
    page, fired, log = _open(new_page, page_log)
    findings: dict[str, list[str]] = {}
    wrong_titles: dict[str, tuple[str, str]] = {}
    pages = _pages(site)
    assert set(titles) <= set(pages), "a record page was not built"
    for html in pages:
        found = _visit(page, base + _url_path(html))
        if found:
            findings[html] = found
        if html in titles:
            shown = (page.title(), page.inner_text("article h1"))
            if shown != (f"{titles[html]} - {SITE_NAME}", titles[html]):
                wrong_titles[html] = shown
    assert fired == [], "a payload ran"
    assert page.evaluate("window.__hostileFired || []") == []
    assert log.foreign_requests() == [], "a page loaded something from another host"
    assert findings == {}, "record markup survived into the built pages"
    assert wrong_titles == {}, "a record page's <title> or heading is not its title as plain text"
    assert len(pages) >= len(titles) > 40


def test_search_results_run_nothing(hostile_site, serve_dir, new_page, page_log) -> None:
    """The search index holds the hostile text too: results show it as text, in both search boxes."""
    _, site = hostile_site
    base = serve_dir(site)
    page, fired, log = _open(new_page, page_log)
    page.goto(base, wait_until="load")
    for query in ("caveat", "script", "onerror", "iframe"):
        page.evaluate("() => { delete document.querySelector('form[data-site-search]').dataset.searchState; }")
        page.locator("#site-search-input").fill(query)
        page.wait_for_selector("form[data-site-search][data-search-state=done]", timeout=10_000)
        assert _search_result_markup(page) == [], query
    page.goto(f"{base}search/?q=caveat", wait_until="load")
    page.wait_for_selector("form[data-search-page][data-search-state=done]", timeout=10_000)
    assert page.locator(".search-page__results a[href*='hostile-summary']").count() == 1
    assert _search_result_markup(page) == []
    assert fired == []
    assert log.foreign_requests() == []


RESULT_TAGS = "OL|UL|LI|DIV|A|P|H2|MARK|SPAN|DETAILS|SUMMARY|FIELDSET|LEGEND|INPUT|LABEL"


def _search_result_markup(page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('.site-search__panel *, .search-page__results *, .search-facet *')]"
        f".filter(el => !/^({RESULT_TAGS})$/.test(el.tagName)"
        " || [...el.attributes].some(a => /^on|^style$|^src$/i.test(a.name))).map(el => el.outerHTML.slice(0, 200))"
    )


def test_positive_control_detector_fires(hostile_site, serve_dir, new_page, page_log, tmp_path: Path) -> None:
    """Without this, a detector that never fires would pass every test above."""
    _, site = hostile_site
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "control.html").write_text(
        "<!doctype html><html><head><title>Control</title></head><body><article>"
        "<p>Control page.</p><script>alert(1)</script><script>window.__pwned = 1</script>"
        '<a href=" javascript:alert(2)" onclick="alert(3)">link</a>'
        '<div style="position:fixed;top:0">overlay</div>'
        "</article></body></html>",
        encoding="utf-8",
    )
    page, fired, _ = _open(new_page, page_log)
    found = _visit(page, serve_dir(copy) + "control.html")
    assert any(f.startswith("alert(1)") for f in fired), fired
    assert any(f.startswith("window.__pwned = 1") for f in fired), fired
    kinds = {re.sub(r"[: ].*", "", f) for f in found}
    assert {"handler", "active", "element", "inline", "position"} <= kinds, found

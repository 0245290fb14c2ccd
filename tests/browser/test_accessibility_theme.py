"""The theme (docs/stylesheets/extra.css, docs/javascripts/a11y.js) passes axe WCAG 2.1 A/AA.

Builds tests/fixtures/theme-sample (one small page per kind of generated page, with the
project's real CSS and JS copied in), serves it under a sub-path as a city website would,
and checks each page in the light and dark scheme, on a desktop and a phone viewport.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "theme-sample"
THEME_FILES = {
    ROOT / "docs" / "stylesheets" / "extra.css": "docs/stylesheets/extra.css",
    ROOT / "docs" / "javascripts" / "a11y.js": "docs/javascripts/a11y.js",
}
PREFIX = "/surveillance-record/"
PAGES = {
    "home": "",
    "technology-index": "technologies/",
    "technology-timeline": "technologies/facial-recognition/",
    "letter": "letters/2025-05-14-erc/",
}
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}
SCHEME_ATTRIBUTE = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    """Build the sample project with ``mkdocs build --strict``; return the site directory."""
    project = tmp_path_factory.mktemp("theme-sample") / "project"
    shutil.copytree(SAMPLE, project)
    for source, target in THEME_FILES.items():
        (project / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, project / target)
    site = project.parent / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


@pytest.fixture
def site_url(sample_site, serve_dir) -> str:
    return serve_dir(sample_site, prefix=PREFIX)


def _open(new_page, scheme, viewport):
    return new_page(scheme, viewport=VIEWPORTS[viewport])


def _check_page(page, page_log, scheme, axe_violations, format_violations):
    # Material picks the palette from prefers-color-scheme with JavaScript; without this
    # check a broken dark scheme would silently be tested as light.
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEME_ATTRIBUTE[scheme]
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    log = page_log(page)
    assert log.foreign_requests() == [], "requests left 127.0.0.1"
    assert log.errors == [], "JavaScript errors on the page"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_sample_page_has_no_axe_violations(
    name, scheme, viewport, site_url, new_page, page_log, axe_violations, format_violations
):
    page = _open(new_page, scheme, viewport)
    page.goto(site_url + PAGES[name], wait_until="load")
    _check_page(page, page_log, scheme, axe_violations, format_violations)


@pytest.mark.parametrize("path", ["technologies/", "technologies/facial-recognition/"])
def test_wide_tables_scroll_by_keyboard_on_a_phone(path, site_url, new_page):
    page = _open(new_page, "light", "phone")
    page.goto(site_url + path, wait_until="load")
    # Record tables carry a class, so Material does not wrap them; a11y.js must, or a
    # phone clips them (the theme hides horizontal overflow on <html>).
    assert page.locator(".md-typeset table.record-table:not(.table-scroll > table)").count() == 0
    wrappers = page.locator(".md-typeset__scrollwrap, .md-typeset .table-scroll")
    scrolling = [w for w in wrappers.all() if w.evaluate("el => el.scrollWidth > el.clientWidth + 1")]
    assert scrolling, "the sample should contain a table wider than a phone"
    for wrapper in scrolling:
        assert wrapper.get_attribute("tabindex") == "0"
        assert wrapper.get_attribute("role") == "region"
        assert wrapper.get_attribute("aria-label")
        wrapper.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("el => el.scrollLeft > 0", arg=wrapper.element_handle())


def test_server_publishes_only_under_the_prefix(site_url, new_page):
    page = new_page("light")
    root = site_url[: -len(PREFIX)] + "/"
    assert page.goto(root).status == 404
    assert page.goto(site_url).status == 200

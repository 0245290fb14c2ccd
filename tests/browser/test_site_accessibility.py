"""Every page template of the real site passes axe-core WCAG 2.1 A/AA, light and dark,
served under a sub-path as a city website would, with no request to another host."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import describe_violations, run_axe

pytestmark = pytest.mark.browser

SUB_PATH = "/surveillance-record/"

# One page per template: home, technology timeline, letter, meeting, document, person, body,
# a kind index, a hand-written page.
TEMPLATE_PAGES = [
    "",
    "technologies/mpd-facial-recognition/",
    "letters/2025-05-14-council-letter-opposing-facial-recognition/",
    "meetings/2026-02-05-fire-and-police-commission/",
    "documents/2026-02-06-mpd-facial-recognition-moratorium/",
    "votes/2025-05-29-finance-and-personnel-committee-closed-session-250196/",
    "technologies/mpd-flock-cameras/",
    "people/jose-g-perez/",
    "people/sharlen-moore/",
    "bodies/common-council/",
    "meetings/",
    "about/",
    "follow/",
    "data/",
]


@pytest.fixture
def built_site(shipped_site: Path) -> Path:
    return shipped_site


WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", TEMPLATE_PAGES)
def test_page_has_no_axe_violations(
    built_site, serve_dir, new_page, page_log, scheme: str, path: str, width: str
) -> None:
    base = serve_dir(built_site, prefix=SUB_PATH)
    page = new_page(scheme, viewport=WIDTHS[width])
    response = page.goto(base + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    violations = run_axe(page)
    assert not violations, f"{path} ({scheme}, {width}): {describe_violations(violations)}"
    log = page_log(page)
    assert not log.foreign_requests(), f"requests to other hosts: {log.foreign_requests()}"
    assert not log.errors, f"errors in the page: {log.errors}"
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped records built as a clerk publishes them: with the site's address, which the
    404 page needs (a host serves it at any depth, so its links cannot be relative)."""
    from tests.building import RECORDS, run_build

    target = tmp_path_factory.mktemp("published") / "site"
    result = run_build(RECORDS, target, "--site-url", f"https://records.example.org{SUB_PATH}")
    assert result.returncode == 0, result.stderr
    return target


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_404_page_works_and_has_no_axe_violations(published_site, serve_dir, new_page, page_log, scheme) -> None:
    """Served for an address deep under the sub-path, the 404 page is styled (its stylesheet and
    scripts load), offers search and a way home, and passes axe."""
    base = serve_dir(published_site, prefix=SUB_PATH)
    page = new_page(scheme)
    response = page.goto(base + "404.html", wait_until="networkidle")
    assert response is not None and response.status == 200
    violations = run_axe(page)
    assert not violations, f"404.html ({scheme}): {describe_violations(violations)}"
    log = page_log(page)
    assert not log.errors, f"errors in the page: {log.errors}"
    assert not log.foreign_requests()
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    home = page.locator("article a", has_text="The home page").get_attribute("href")
    assert home == SUB_PATH
    assert page.locator("form.not-found-search").get_attribute("action") == SUB_PATH + "search/"

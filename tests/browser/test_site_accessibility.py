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
    "404.html",
    "follow/",
    "data/",
]


@pytest.fixture
def built_site(shipped_site: Path) -> Path:
    return shipped_site


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", TEMPLATE_PAGES)
def test_page_has_no_axe_violations(built_site, serve_dir, new_page, page_log, scheme: str, path: str) -> None:
    base = serve_dir(built_site, prefix=SUB_PATH)
    page = new_page(scheme)
    response = page.goto(base + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    violations = run_axe(page)
    assert not violations, f"{path} ({scheme}): {describe_violations(violations)}"
    log = page_log(page)
    assert not log.foreign_requests(), f"requests to other hosts: {log.foreign_requests()}"
    assert not log.errors, f"errors in the page: {log.errors}"
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected

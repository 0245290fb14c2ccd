"""The policy pages of the demonstration corpus (redlines, compare pages, series, checklists)
pass axe-core WCAG 2.1 A/AA in light and dark."""

from __future__ import annotations

import pytest

from tests.test_demo import SERIES, V

from .conftest import describe_violations, run_axe

pytestmark = pytest.mark.browser

PAGES = [
    f"sops/{V[3]}/",
    f"sops/compare/{V[1]}--{V[4]}/",
    f"sops/series/{SERIES}/",
    "technologies/fpd-drones/",
    "votes/2025-10-14-city-council-vote-face-recognition-pilot/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_policy_pages_have_no_axe_violations(demo_site, serve_dir, new_page, page_log, scheme: str, path: str) -> None:
    base = serve_dir(demo_site, prefix="/demo/")
    page = new_page(scheme)
    response = page.goto(base + path, wait_until="networkidle")
    assert response is not None and response.status == 200, path
    violations = run_axe(page)
    assert not violations, f"{path} ({scheme}): {describe_violations(violations)}"
    assert not page_log(page).foreign_requests()

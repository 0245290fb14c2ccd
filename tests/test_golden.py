"""The generators' Markdown for the fixture corpus matches the committed, reviewed output."""

from __future__ import annotations

import difflib

from tests.golden import EXPECTED, generated_pages


def test_generated_pages_match_the_golden_files() -> None:
    pages = generated_pages()
    expected = {p.relative_to(EXPECTED).as_posix(): p for p in EXPECTED.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "the set of generated pages changed; run `make golden` and review"
    for src, content in pages.items():
        want = expected[src].read_text(encoding="utf-8")
        if content != want:
            diff = "".join(
                difflib.unified_diff(want.splitlines(True), content.splitlines(True), "expected", "generated")
            )
            raise AssertionError(f"{src} differs from its golden file (run `make golden` if intended):\n{diff[:4000]}")

"""What the generators make of the fixture and demonstration corpora matches the committed,
reviewed golden files: every page's Markdown, and every feed, calendar, JSON twin, download and
sitemap (see ``tests/golden.py``)."""

from __future__ import annotations

import difflib

import pytest

from tests.golden import CORPORA, GoldenCorpus, expected, generated, spread


@pytest.mark.parametrize("corpus", CORPORA, ids=[c.name for c in CORPORA])
def test_generated_files_match_the_golden_files(corpus: GoldenCorpus) -> None:
    files = generated(corpus)
    want = expected(corpus)
    assert sorted(files) == sorted(want), (
        f"the set of generated files changed (new: {sorted(set(files) - set(want))[:10]}, "
        f"gone: {sorted(set(want) - set(files))[:10]}); run `make golden` and review"
    )
    assert any(path.startswith("outputs/feeds/") for path in files)
    assert any(path.startswith("outputs/calendar") or path.endswith(".ics") for path in files)
    assert any(path.endswith(".csv") for path in files)
    changed = [path for path in files if files[path] != want[path]]
    if changed:
        path = changed[0]
        diff = "".join(
            difflib.unified_diff(
                spread(want[path]).splitlines(True), spread(files[path]).splitlines(True), "expected", "generated"
            )
        )
        raise AssertionError(
            f"{len(changed)} files differ from their golden files (run `make golden` if intended), "
            f"first {corpus.name}/{path}:\n{diff[:4000]}"
        )


def test_spread_is_undone_exactly() -> None:
    from tests.golden import joined

    for text in ("<td>a</td><td>b</td>", "a >\n< b", "><><", "x\r\n<a><b>"):
        assert joined(spread(text)) == text

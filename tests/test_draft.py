"""``check --draft`` and ``build --draft``: a corpus written technology first, before the records
it names, is checked with warnings and previewed as a site marked Draft on every page; a normal
build still refuses it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from civic_record.check import check_records

from .building import run_build, run_check
from .conftest import FIXTURES

DRAFT = FIXTURES / "draft" / "records"
NOTICE = "Draft, not for publication"
NOT_WRITTEN = {
    "rosa-ferreira",
    "tom-okafor",
    "lin-zhao",
    "harlow-police-department",
    "harlow-public-safety-committee",
    "2026-01-12-chief-request-for-plate-readers",
}
INCOMPLETE_VOTE = "2026-03-10-council-vote-on-plate-readers"


def test_draft_check_turns_missing_records_into_one_warning_each() -> None:
    corpus, problems = check_records(DRAFT, draft=True)
    assert problems.errors == []
    by_code: dict[str, list[str]] = {}
    for problem in problems.warnings:
        by_code.setdefault(problem.code, []).append(problem.message)
    named = {re.match(r"'([^']+)'", m).group(1) for m in by_code["draft.not-written"]}  # type: ignore[union-attr]
    assert named == NOT_WRITTEN
    assert len(by_code["draft.not-written"]) == len(NOT_WRITTEN), "one line per missing id, not per mention"
    agency = next(m for m in by_code["draft.not-written"] if m.startswith("'harlow-police-department'"))
    assert "named by 2 records" in agency and "a body" in agency
    [incomplete] = by_code["record.incomplete"]
    assert "('result', 'summary', 'sources' still to fill)" in incomplete, "the fields in the file's order"
    assert INCOMPLETE_VOTE not in corpus.records
    kinds = {k.value for k in corpus.not_written["2026-01-12-chief-request-for-plate-readers"]}
    assert kinds == {"letter", "meeting", "vote", "sop", "document"}


def test_draft_warning_names_the_kinds_and_the_command() -> None:
    _, problems = check_records(DRAFT, draft=True)
    memo = next(p for p in problems.warnings if "chief-request" in p.message)
    assert "letter, meeting, vote, sop or document" in memo.message
    assert memo.hint is not None and "build_site.py new <kind> 2026-01-12-chief-request-for-plate-readers" in memo.hint
    agency = next(p for p in problems.warnings if p.message.startswith("'harlow-public-safety-committee'"))
    assert agency.hint is not None and "build_site.py new body harlow-public-safety-committee" in agency.hint


def test_without_draft_every_mention_and_field_is_an_error() -> None:
    result = run_check("--records", str(DRAFT))
    assert result.returncode == 1
    report = result.stderr
    assert "error [reference.unknown]: '2026-01-12-chief-request-for-plate-readers' is not a letter, meeting" in report
    assert "hint: add a letter, meeting, vote, sop or document record with this id" in report
    assert "error [schema.empty-field]: 'result' has no value" in report
    assert "hint: write one of: pass, fail" in report
    assert "error [schema.empty-field]: 'sources' has no value" in report
    assert "warning" not in report.splitlines()[-1] or "0 warnings" in report.splitlines()[-1]


def test_draft_check_exits_zero_and_strict_refuses() -> None:
    assert run_check("--records", str(DRAFT), "--draft").returncode == 0
    assert run_check("--records", str(DRAFT), "--draft", "--strict").returncode == 1


def test_a_typo_is_still_an_error_in_a_draft(tmp_path: Path) -> None:
    """--draft forgives what is not written yet, not what is wrong: a bad value stays an error."""
    records = tmp_path / "records"
    shutil.copytree(DRAFT, records)
    letter = records / "letters" / "2026-02-20-councilmembers-letter-on-plate-readers.md"
    letter.write_text(letter.read_text().replace("kind: primary", "kind: news"))
    _, problems = check_records(records, draft=True)
    [error] = problems.errors
    assert error.code == "schema.invalid-value"
    assert error.hint is not None and "'news' is a document kind" in error.hint


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("draft") / "site"
    result = run_build(DRAFT, site, "--draft")
    assert result.returncode == 0, result.stderr
    assert "as a draft" in result.stderr
    return site


def test_every_page_of_a_draft_build_says_draft(draft_site: Path) -> None:
    pages = sorted(draft_site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert NOTICE in html, page
        assert re.search(r"<title>[^<]*Draft: Harlow", html), page
        assert '<meta name="robots" content="noindex">' in html, page


def test_draft_site_marks_what_is_not_written_and_leaves_out_the_incomplete(draft_site: Path) -> None:
    assert not (draft_site / "votes" / INCOMPLETE_VOTE).exists()
    technology = (draft_site / "technologies" / "harlow-license-plate-readers" / "index.html").read_text()
    assert '2026-01-12-chief-request-for-plate-readers <span class="not-written">(not written yet)</span>' in (
        technology
    )
    assert f'{INCOMPLETE_VOTE} <span class="not-written">(not complete yet)</span>' in technology, (
        "a record whose file is there but incomplete is not called unwritten"
    )
    notice = re.search(r'<p class="site-notice site-draft"><strong>([^<]*)</strong>', technology).group(1)  # type: ignore[union-attr]
    assert "1 record left out until its required fields are filled" in notice
    assert f"{len(NOT_WRITTEN)} records named here are not written yet" in notice
    assert "Fictional records for testing" in notice, "the site's own notice stays"


def test_a_normal_build_refuses_a_draft_and_keeps_the_site(draft_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(draft_site, site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    result = run_build(DRAFT, site)
    assert result.returncode == 1
    assert "Nothing was published" in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_complete_corpus_builds_the_same_with_or_without_draft_but_for_the_notice(tmp_path: Path) -> None:
    """A finished corpus gives no draft warnings: --draft changes nothing in what is checked."""
    _, plain = check_records(FIXTURES / "corpus" / "records")
    _, draft = check_records(FIXTURES / "corpus" / "records", draft=True)
    assert [p.format() for p in plain.sorted()] == [p.format() for p in draft.sorted()]


def test_a_draft_is_not_offered_for_citing_and_its_data_says_draft(draft_site: Path) -> None:
    letter = "letters/2026-02-20-councilmembers-letter-on-plate-readers"
    page = (draft_site / letter / "index.html").read_text(encoding="utf-8")
    assert "Do not cite this page." in page
    assert "Permanent address" not in page and "BibTeX" not in page
    twin = json.loads((draft_site / f"{letter}.json").read_text(encoding="utf-8"))
    assert twin["draft"] is True
    assert json.loads((draft_site / "data" / "records.json").read_text(encoding="utf-8"))["draft"] is True


def test_a_published_build_has_no_draft_marks(tmp_path: Path) -> None:
    """The same generators without --draft: no banner class, no draft key, citations offered."""
    from civic_record.outputs import generate_outputs
    from civic_record.pages import generate_pages
    from tests.golden import RIVERTON, golden_site

    site = golden_site(corpus=RIVERTON)
    assert not site.corpus.draft
    documents = [json.loads(text) for path, text in generate_outputs(site).items() if path.endswith(".json")]
    assert documents and all("draft" not in document for document in documents if isinstance(document, dict))
    assert all("Do not cite this page" not in page.text() for page in generate_pages(site).values())

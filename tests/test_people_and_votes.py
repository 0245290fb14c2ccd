"""Who voted how, who signed what, who sat where: read from the built site of the fixture corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from civic_record.check import check_records
from tests.building import build_for_reading, run_build
from tests.conftest import CORPUS
from tests.html_pages import page

LETTER = "letters/2025-03-20-council-letter-on-face-recognition"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_for_reading(tmp_path_factory.mktemp("fixture"), CORPUS)


def test_person_pages_list_each_vote_with_the_option_cast(fixture_site: Path) -> None:
    corpus, _ = check_records(CORPUS)
    checked = 0
    for vote in corpus.votes.values():
        for option, voters in (vote.roll_call or {}).items():
            for voter in voters:
                person = page(fixture_site, f"people/{voter}")
                rows = [r for r in person.table_rows() if any(vote.title in cell for cell in r)]
                assert any(option.label in row for row in rows), f"{voter}: {vote.id} not shown as {option.label}"
                checked += 1
    assert checked >= 4


def test_letter_share_of_the_body_is_counted_from_dated_roles(fixture_site: Path) -> None:
    letter = page(fixture_site, LETTER)
    # Zoë Ruíz, Ada Okafor and Carla Mendes signed; Dan Price sat on the council that day;
    # Ben Hale's term began after the letter, so he is neither counted nor listed.
    assert "3 of 5 members of the Riverton Common Council on March 20, 2025 signed" in letter.text_of("body-share")
    non_signers = letter.text_of("non-signers")
    assert "Dan Price" in non_signers
    assert "Ben Hale" not in non_signers
    assert "1 other seat" in non_signers


def test_letter_share_follows_the_records_not_the_text(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(CORPUS, records)
    body = records / "bodies" / "riverton-common-council.yml"
    body.write_text(body.read_text(encoding="utf-8").replace("seats: 5\n", ""), encoding="utf-8")
    site = tmp_path / "site"
    assert run_build(records, site).returncode == 0
    # Without a seat count the roster on the date (4 people) is the whole body.
    assert "3 of 4 members" in page(site, LETTER).text_of("body-share")


def test_roster_on_a_date_excludes_members_whose_term_had_not_begun(fixture_site: Path) -> None:
    body = page(fixture_site, "bodies/riverton-common-council")
    june = next(r for r in body.table_rows() if r and r[0].startswith("June 10, 2025"))
    assert "Ben Hale" in june[-1] and "Ada Okafor" not in june[-1]


def test_voting_matrix_shows_each_member_vote_in_words(fixture_site: Path) -> None:
    timeline = page(fixture_site, "technologies/rpd-face-recognition")
    matrix = {row[0]: row[1:] for row in timeline.table_rows("voting-matrix")}
    assert matrix["Zoë Ruíz"] == ["Yes"]
    assert matrix["Dan Price"] == ["No"]
    assert matrix["Carla Mendes"] == ["Excused"]


def test_tally_only_vote_says_so(fixture_site: Path) -> None:
    vote = page(fixture_site, "votes/2025-06-24-committee-vote-license-plate-readers")
    assert "known only by its tally" in vote.text_of("tally-only")

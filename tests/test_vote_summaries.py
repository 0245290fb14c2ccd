"""Every summary as true as its record: vote grids, person and body pages, rosters and letters,
read from the built site of a small fictional corpus (Lakeport, tests/fixtures/summaries)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.building import build_for_reading
from tests.conftest import FIXTURES
from tests.html_pages import BuiltPage, page

RECORDS = FIXTURES / "summaries" / "records"
DRONES = "technologies/lpd-drones"
CAMERAS = "technologies/lpd-cameras"
COUNCIL = "bodies/lakeport-city-council"
LETTER = "letters/2025-02-10-council-letter-on-drones"
CLOSED_SESSION = "2025-03-04-council-closed-session-drones"
AMENDMENT = "2025-04-01-council-amends-drone-contract"
APPROVAL = "votes/2025-04-01-council-approves-drones"
RECOMMENDATION = "votes/2025-03-18-privacy-commission-recommends-rejecting-drones"
CAMERA_VOTE = "votes/2025-05-06-council-renews-cameras"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_for_reading(tmp_path_factory.mktemp("summaries"), RECORDS)


def _text(built: BuiltPage) -> str:
    """The page's content as a reader sees it, tags dropped, spaces folded."""
    return built.text_of("md-content")


def _grid(built: BuiltPage) -> tuple[list[str], dict[str, list[str]]]:
    rows = built.table_rows("voting-matrix")
    return rows[0], {row[0]: row[1:] for row in rows[1:]}


# ------------------------------------------------------------------ votes counted by what they decided


def test_grid_counts_decisions_and_recommendations_and_lists_procedural_votes_apart(site: Path) -> None:
    tech = page(site, DRONES)
    head, _ = _grid(tech)
    assert len(head) == 3  # Member, the recommendation, the decision
    assert not any("closed session" in cell for cell in head)
    assert not any("audit" in cell for cell in head)
    apart = tech.text_of("votes-apart")
    assert "Procedural: Council votes to go into closed session" in apart
    assert "motion: “To convene in closed session to discuss the contract”" in apart
    assert "Amendment: Council amends the drone contract" in apart
    assert "motion: “Amend to require a yearly audit”" in apart
    assert "March 4, 2025" in apart and "Passed" in apart
    assert any(CLOSED_SESSION in href for href in tech.links)
    assert any(AMENDMENT in href for href in tech.links)


def test_grid_column_names_motion_matter_and_result_and_links_the_vote(site: Path) -> None:
    tech = page(site, DRONES)
    head, _ = _grid(tech)
    recommendation, decision = head[1], head[2]
    assert "March 18, 2025, Lakeport Privacy Commission" in recommendation
    assert "Motion: Recommend that the council reject the contract" in recommendation
    assert "On: 25-101 Resolution approving a contract for police drones" in recommendation
    assert recommendation.endswith("Recommends rejection")
    assert "Passed" not in recommendation
    assert "Motion: Adopt" in decision and decision.endswith("Passed")
    assert "police…" in decision  # a long matter title is shortened in the header
    assert 'href="../../votes/2025-03-18-privacy-commission-recommends-rejecting-drones/"' in tech.html
    # The matter's identifier links where site.yml gives its key an address.
    assert 'href="https://lakeport.example.org/legislation?file=25-101"' in tech.html


def test_vote_page_shows_the_kind_of_motion_and_what_a_recommendation_recommends(site: Path) -> None:
    recommendation = page(site, RECOMMENDATION)
    assert recommendation.text_of("motion-kind") == "Recommendation to the deciding body"
    assert re.search(r"<dt>Recommends</dt>\s*<dd>Recommends rejection</dd>", recommendation.html)
    assert recommendation.text_of("vote-result") == "Recommends rejection (the motion passed)"
    procedural = page(site, f"votes/{CLOSED_SESSION}")
    assert "Procedural: not a decision on the matter itself" in procedural.text_of("motion-kind")
    amendment = page(site, f"votes/{AMENDMENT}")
    assert "Amendment" in amendment.text_of("motion-kind")


def test_person_page_does_not_count_a_procedural_vote(site: Path) -> None:
    # Emil Novak's only named vote is the motion to go into closed session.
    person = page(site, "people/emil-novak")
    summary = {row[0]: row for row in person.table_rows() if len(row) == 4 and row[0].startswith("Drones")}
    votes_cast = summary[next(iter(summary))][2]
    assert "Yes" not in votes_cast
    assert votes_cast.startswith("None")
    assert "1 procedural or amendment vote not counted" in votes_cast
    text = _text(person)
    assert "Procedural and amendment votes" in text
    procedural = [r for r in person.table_rows() if any("closed session" in c for c in r)]
    assert procedural and procedural[0][2] == "Procedural"
    assert "To convene in closed session to discuss the contract" in procedural[0][3]
    assert procedural[0][4] == "Passed" and procedural[0][5] == "Yes"
    # Nor is it shown as one of the decisions.
    decisions = [r for r in person.table_rows() if len(r) == 6 and r[4] in {"Passed", "Failed"}]
    assert not any("closed session" in r[1] for r in decisions if r[2] != "Procedural")


def test_person_page_lists_each_vote_once_and_counts_it_once_per_technology(site: Path) -> None:
    # The approval names two technologies: one row in "Votes cast", one count on each technology.
    person = page(site, "people/ada-lindqvist")
    rows = [r for r in person.table_rows() if len(r) == 6 and "Council approves the drone contract" in r[1]]
    assert len(rows) == 1
    assert rows[0][-1] == "Yes"
    assert "Drones" in rows[0][2] and "Street cameras" in rows[0][2]
    summary = {r[0]: r[2] for r in person.table_rows() if len(r) == 4 and r[0].endswith("(fictional)")}
    drones = next(v for k, v in summary.items() if k.startswith("Drones"))
    assert drones.startswith("Yes 1 ")
    assert "2 procedural or amendment votes not counted" in drones  # closed session and amendment


# ------------------------------------------------------------------ partial roll calls


def test_partial_roll_call_says_how_many_voters_are_not_named(site: Path) -> None:
    vote = page(site, APPROVAL)
    assert vote.text_of("partial-roll-call") == "The sources name 3 of 12 voters; 9 are not named."
    rows = {r[0]: r[-1] for r in vote.table_rows()}
    assert rows["Ada Lindqvist"] == "Yes"
    assert rows["Chen Wei"] == "No"
    assert rows["Emil Novak"] == "Not named in the sources"
    assert "Omar Reyes" not in rows  # not yet on the council
    assert re.search(r"<dt>Tally</dt>\s*<dd>Yes 9, No 3</dd>", vote.html)


def test_grid_tells_not_named_from_not_a_member(site: Path) -> None:
    _, grid = _grid(page(site, DRONES))
    assert grid["Emil Novak"] == ["Not a member on that date", "Not named in the sources"]
    assert grid["Omar Reyes"] == ["No", "Not a member on that date"]
    assert grid["Bruno Castellanos"][1] == "Yes"
    assert "The sources name 3 of 12 voters; 9 are not named." in page(site, DRONES).text_of("partial-roll-calls")


def test_person_page_shows_a_partial_vote_as_not_named(site: Path) -> None:
    person = page(site, "people/gustavo-ortiz")
    rows = [r for r in person.table_rows() if any("Council approves the drone contract" in c for c in r)]
    assert rows and rows[0][-1] == "Not named in the sources"


def test_tally_only_vote_lists_the_members_on_that_date_as_not_named(site: Path) -> None:
    vote = page(site, CAMERA_VOTE)
    assert "known only by its tally" in vote.text_of("tally-only")
    rows = {r[0]: r[-1] for r in vote.table_rows()}
    assert rows["Omar Reyes"] == "Not named in the sources"
    assert "Nora Quinn" not in rows  # her seat had ended


# ------------------------------------------------------------------ rosters that claim only what is known


def test_roles_with_no_end_never_read_serving_today(site: Path) -> None:
    for url in (COUNCIL, "people/emil-novak", "people/dora-mbeki", "people/nora-quinn"):
        text = _text(page(site, url)).casefold()
        assert "serving today" not in text, url
        assert "currently serving" not in text, url
    body = page(site, COUNCIL)
    members = {r[0]: r for r in body.table_rows("roles-table")}
    assert members["Emil Novak"][3] == "No end recorded"
    assert members["Dora Mbeki"][3] == "No end recorded; serving as of June 1, 2025"
    assert members["Nora Quinn"][3] == "April 15, 2025"
    assert not any(cell in {"Yes", "No", "Serving"} for row in members.values() for cell in row)


def test_roles_show_their_note_and_source(site: Path) -> None:
    members = {r[0]: r[-1] for r in page(site, COUNCIL).table_rows("roles-table")}
    assert members["Dora Mbeki"] == "Chair of the council's technology working group (fictional)."
    assert members["Ada Lindqvist"] == "Source: Ten council members ask for a drone policy first (fictional)"
    assert members["Bruno Castellanos"] == "Source: https://example.org/lakeport/elections/2024"
    assert "Source: Chen Wei sworn in (fictional) — Lakeport Ledger (fictional) (Press source)" in members["Chen Wei"]
    person = page(site, "people/ada-lindqvist")
    assert any(href.endswith(f"{LETTER.split('/')[1]}/") for href in person.links)


def test_body_page_counts_seats_held_on_record(site: Path) -> None:
    body = page(site, COUNCIL)
    assert "The Lakeport City Council has 15 seats." in body.text_of("roster-intro")
    assert body.text_of("seats-held").count("13 of 15 seats") == 2


def test_body_page_says_when_a_tally_exceeds_the_roster(site: Path) -> None:
    body = page(site, COUNCIL)
    row = next(r for r in body.table_rows() if any("renews the street camera" in c for c in r))
    assert "Passed (Yes 14)" in row[-1]
    assert "The tally counts 14 voters, but this record has the holders of only 13 seats on that date" in row[-1]
    vote = page(site, CAMERA_VOTE)
    assert "has the holders of only 13 seats" in vote.text_of("record-facts")


def test_body_page_lists_procedural_and_amendment_votes_apart(site: Path) -> None:
    body = page(site, COUNCIL)
    decisions = [r for r in body.table_rows() if r and r[1].startswith("Vote (")]
    assert decisions and all("closed session" not in r[2] for r in decisions)
    apart = [r for r in body.table_rows() if len(r) == 5 and r[2] in {"Procedural", "Amendment"}]
    assert [r[2] for r in apart] == ["Procedural", "Amendment"]
    assert "To convene in closed session to discuss the contract" in apart[0][3]
    assert apart[1][4].startswith("Passed (Yes 12)")
    assert "The sources name 2 of 12 voters; 10 are not named." in apart[1][4]


def test_recommendation_reads_as_a_recommendation_on_its_body_page(site: Path) -> None:
    body = page(site, "bodies/lakeport-privacy-commission")
    row = next(r for r in body.table_rows() if any("recommends rejecting" in c for c in r))
    assert row[1] == "Vote (recommendation)"
    assert row[-1] == "Recommends rejection (Yes 2, No 1)"


def test_letter_names_non_signers_in_full_and_their_pages_say_did_not_sign(site: Path) -> None:
    letter = page(site, LETTER)
    assert "10 of 15 members of the Lakeport City Council on February 10, 2025 signed" in letter.text_of("body-share")
    non_signers = letter.text_of("non-signers")
    for name in ("Kofi Mensah", "Lena Fischer", "Nora Quinn"):
        assert name in non_signers
    assert "Ada Lindqvist" not in non_signers
    assert "The holders of 2 other seats on that date are not in this record" in non_signers
    for person_id in ("kofi-mensah", "lena-fischer", "nora-quinn"):
        assert any(href.endswith(f"people/{person_id}/") for href in letter.links)
        person = page(site, f"people/{person_id}")
        row = next(r for r in person.table_rows() if any("drone policy first" in c for c in r))
        assert "Did not sign" in row
        summary = next(r for r in person.table_rows() if len(r) == 4 and r[0].startswith("Drones"))
        assert summary[1] == "Did not sign 1"
    signer = page(site, "people/ada-lindqvist")
    assert "Did not sign" not in _text(signer)


# ------------------------------------------------------------------ technology pages


def test_technology_status_names_its_date_and_record(site: Path) -> None:
    tech = page(site, DRONES)
    status = tech.text_of("current-status")
    assert status == (
        "Current status: Approved as of April 1, 2025 (shown by Council approves the drone contract (fictional))"
    )
    history = tech.text_of("status-history")
    assert "(shown by Privacy commission recommends rejecting drones (fictional))" in history
    assert "The privacy commission recommended rejection; the council had not decided." in history


def test_related_technologies_are_shown_both_ways(site: Path) -> None:
    drones = page(site, DRONES)
    assert "Street cameras — Lakeport Police Department (fictional) — Renewed, May 6, 2025" in drones.text_of(
        "related-technologies"
    )
    cameras = page(site, CAMERAS)
    assert "Drones — Lakeport Police Department (fictional)" in cameras.text_of("related-technologies")


def test_sources_of_technologies_bodies_and_people_are_shown(site: Path) -> None:
    assert "LPD drone programme page (fictional)" in page(site, DRONES).text_of("sources")
    assert "Council members (fictional)" in page(site, COUNCIL).text_of("sources")
    assert "Ada Lindqvist, council biography (fictional)" in page(site, "people/ada-lindqvist").text_of("sources")


def test_timeline_entries_say_how_sure_they_are(site: Path) -> None:
    tech = page(site, DRONES)
    whens = tech.text_of("timeline-when")
    assert "Document · Reported" in whens  # known from a press report only
    assert "Letter · Disputed" in whens
    assert "Vote · Confirmed" in whens
    assert tech.text_of("confidence-tag").count("Confirmed") >= 3

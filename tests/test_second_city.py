"""Port Alder, a fictional second city written with every field of contract 1.1, checks clean
(but for one intended warning) and loads with the values the contract derives.

The corpus is ``tests/fixtures/second-city/records``; its README says why the one warning is
there. Page-level assertions belong elsewhere: these tests read the loaded corpus only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.models import (
    ApproximateCount,
    Document,
    Letter,
    Meeting,
    Person,
    Record,
    SopVersion,
    Source,
    Technology,
    Vote,
    count_words,
)
from civic_record.problems import Problems
from civic_record.requirements import known_requirements, requirement_records
from civic_record.tally import tally, voters_counted
from civic_record.vocabulary import (
    Confidence,
    MotionKind,
    OtherDocumentKind,
    Recommendation,
    SopText,
    SourceKind,
    TechnologyStatus,
    VoteOption,
)
from tests.building import ROOT, run_check
from tests.conftest import FIXTURES

SECOND_CITY = FIXTURES / "second-city" / "records"
INTENDED_WARNINGS = {
    "records/technologies/papd-camera-network.yml:23:5: warning [technology.in-use-missing-requirement]",
}
"""The README's list: the camera network is in use without the annual report its rules require."""

CAMERAS = "papd-camera-network"
READERS = "papd-license-plate-readers"
BOARD_MEETING = "2025-03-20-privacy-advisory-board"


@pytest.fixture(scope="module")
def checked() -> tuple[Corpus, Problems]:
    return check_records(SECOND_CITY)


@pytest.fixture(scope="module")
def corpus(checked: tuple[Corpus, Problems]) -> Corpus:
    return checked[0]


def _problems_in_records_folder(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The problems as ``records/<path>:line:col: severity [code]``, as the bad-input cases write them."""
    monkeypatch.chdir(SECOND_CITY.parent)
    _, problems = check_records(Path("records"))
    return {f"{p.path}:{p.line}:{p.column}: {p.severity.value} [{p.code}]" for p in problems.items}


# --- check -----------------------------------------------------------------------------------


def test_check_reports_only_the_intended_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _problems_in_records_folder(monkeypatch) == INTENDED_WARNINGS


def test_cli_check_passes_with_one_warning() -> None:
    result = run_check("--records", str(SECOND_CITY.relative_to(ROOT)))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "0 errors, 1 warning (technology.in-use-missing-requirement 1)"
    assert "error [" not in result.stderr


def test_cli_strict_check_fails_on_the_intended_warning() -> None:
    result = run_check("--records", str(SECOND_CITY.relative_to(ROOT)), "--strict")
    assert result.returncode == 1


# --- site.yml and pages ----------------------------------------------------------------------


def test_site_settings_are_read(corpus: Corpus) -> None:
    settings = corpus.settings
    assert settings.city == "Port Alder"
    assert settings.notice is not None and "Fictional" in settings.notice
    assert settings.publisher == "Office of the City Clerk, City of Port Alder (fictional)"
    assert settings.site_url == "https://records.port-alder.example/surveillance/"
    assert settings.corrections == "clerk-records@port-alder.example"
    assert settings.timezone == "America/Los_Angeles"
    assert settings.identifier_url("legistar_file", "25-0187") == (
        "https://port-alder.legistar.example/gateway.aspx?M=F&ID=25-0187"
    )
    assert settings.identifier_url("legistar_meeting", "1187") == (
        "https://port-alder.legistar.example/MeetingDetail.aspx?ID=1187"
    )
    assert settings.identifier_url("contract_number", "C-2023-118") is None
    assert settings.requirements == {"privacy-board-review": "Privacy Advisory Board review"}
    assert known_requirements(corpus)["privacy-board-review"] == "Privacy Advisory Board review"


def test_city_pages_are_read(corpus: Corpus) -> None:
    assert set(corpus.pages) == {"about", "index", "how-to-read-this-record"}
    assert corpus.pages["about"].title == "About this record"
    assert corpus.pages["index"].title is None
    assert corpus.pages["index"].text.startswith("Port Alder's police department")
    assert corpus.pages["how-to-read-this-record"].title == "How to read this record"


# --- sources, roles and confidence -----------------------------------------------------------


def test_reference_records_carry_sources(corpus: Corpus) -> None:
    assert corpus.bodies["port-alder-city-council"].sources[0].kind is SourceKind.PRIMARY
    assert corpus.bodies["privacy-advisory-board"].sources
    assert corpus.people["maren-solberg"].sources[0].published is not None
    assert [s.kind for s in corpus.technologies[READERS].sources] == [SourceKind.PRIMARY, SourceKind.PRESS]


def _person(corpus: Corpus, person_id: str) -> Person:
    return corpus.people[person_id]


def test_role_source_entry_is_parsed(corpus: Corpus) -> None:
    role = _person(corpus, "maren-solberg").roles[0]
    assert isinstance(role.source, Source)
    assert role.source.url == "https://port-alder.legistar.example/DepartmentDetail.aspx?ID=31522"
    assert role.source.kind is SourceKind.PRIMARY
    assert str(role.source.retrieved) == "2026-01-12"
    assert role.source_record is None
    assert str(role.as_of) == "2026-01-12"


def test_role_sources_as_record_ids(corpus: Corpus) -> None:
    expected: dict[str, tuple[int, type[Record]]] = {
        "tomas-ilves": (0, Vote),
        "desmond-achebe": (1, Vote),
        "sam-whitlow": (0, Vote),
        "gideon-farrow": (0, Letter),
        "nadia-koenig": (0, Document),
    }
    for person_id, (index, kind) in expected.items():
        role = _person(corpus, person_id).roles[index]
        assert role.source_record is not None, person_id
        assert isinstance(corpus.records[role.source_record], kind), person_id


def test_role_source_web_address_note_and_unrecorded_start(corpus: Corpus) -> None:
    varga = _person(corpus, "lucia-varga").roles[0]
    assert varga.source == "https://port-alder.legistar.example/LegislationDetail.aspx?ID=25-0611"
    assert varga.source_record is None
    assert str(varga.end) == "2025-08-15"
    assert varga.note is not None and varga.note.startswith("Resigned")
    whitlow = _person(corpus, "sam-whitlow").roles[0]
    assert whitlow.start is None
    assert whitlow.end is None
    assert str(whitlow.as_of) == "2025-03-20"


def test_confidence_follows_the_sources(corpus: Corpus) -> None:
    records = {r.id: r for r in corpus.dated}
    press_only = [
        "2025-02-papd-plate-reader-policy-draft",
        "2025-03-11-ledger-council-sends-plate-readers-to-committee",
        "2025-10-21-plate-reader-searches-for-personal-use",
    ]
    for record_id in press_only:
        record = records[record_id]
        assert not record.confidence_written, record_id
        assert record.confidence is Confidence.REPORTED, record_id
    disputed = records["2025-11-04-how-many-cameras-carry-plate-readers"]
    assert disputed.confidence_written
    assert disputed.confidence is Confidence.DISPUTED
    lawsuit = records["2026-01-27-lawsuit-over-plate-reader-sharing"]  # primary and press sources
    assert not lawsuit.confidence_written
    assert lawsuit.confidence is Confidence.CONFIRMED
    reported = {r.id for r in corpus.dated if r.confidence is Confidence.REPORTED}
    assert reported == set(press_only)


# --- votes -----------------------------------------------------------------------------------


def _vote(corpus: Corpus, vote_id: str) -> Vote:
    return corpus.votes[vote_id]


def test_partial_roll_call_names_only_the_no_votes(corpus: Corpus) -> None:
    vote = _vote(corpus, "2025-04-08-council-approves-plate-readers")
    assert vote.roll_call_partial
    assert vote.roll_call == {VoteOption.NO: ["lucia-varga", "hollis-brandt"]}
    assert vote.counts == {VoteOption.YES: 5, VoteOption.NO: 2}
    assert (voters_counted(vote), tally(vote)) == (7, {VoteOption.YES: 5, VoteOption.NO: 2})
    assert vote.motion_kind is MotionKind.SUBSTANTIVE
    assert vote.counts_in_summaries


def test_motion_kinds_and_recommendations(corpus: Corpus) -> None:
    board = _vote(corpus, "2025-03-20-privacy-board-recommends-rejecting-plate-readers")
    assert board.motion_kind is MotionKind.RECOMMENDATION
    assert board.recommends is Recommendation.REJECT
    assert board.recommends.label == "Recommends rejection"
    assert board.counts_in_summaries
    committee = _vote(corpus, "2025-03-25-public-safety-committee-recommends-plate-readers")
    assert committee.recommends is Recommendation.APPROVE_WITH_CONDITIONS
    referral = _vote(corpus, "2025-03-11-council-refers-plate-readers-to-committee")
    assert referral.motion_kind is MotionKind.PROCEDURAL
    assert referral.recommends is None
    assert not referral.counts_in_summaries
    amendment = _vote(corpus, "2025-04-08-council-amends-plate-reader-retention")
    assert amendment.motion_kind is MotionKind.AMENDMENT
    assert not amendment.counts_in_summaries


def test_vote_with_an_earlier_time_sorts_right_after_its_meeting(corpus: Corpus) -> None:
    ids = [r.id for r in corpus.dated]
    meeting = corpus.meetings["2025-03-11-city-council"]
    vote = _vote(corpus, "2025-03-11-council-refers-plate-readers-to-committee")
    news = "2025-03-11-ledger-council-sends-plate-readers-to-committee"
    assert vote.meeting == meeting.id
    assert vote.time is not None and meeting.time is not None and vote.time < meeting.time  # 14:20 < 18:00
    assert ids.index(vote.id) == ids.index(meeting.id) + 1
    assert ids.index(news) < ids.index(meeting.id)  # 16:00, between the vote's time and the meeting's
    # Two votes at one meeting: right after it, in the order of their times.
    april = ids.index("2025-04-08-city-council")
    assert ids[april + 1 : april + 3] == [
        "2025-04-08-council-amends-plate-reader-retention",
        "2025-04-08-council-approves-plate-readers",
    ]
    # A vote without a time still follows its meeting of the same day.
    june = ids.index("2025-06-10-city-council")
    assert ids[june + 1] == "2025-06-10-council-approves-camera-contract-renewal"


# --- meetings --------------------------------------------------------------------------------


def _meeting(corpus: Corpus, meeting_id: str) -> Meeting:
    return corpus.meetings[meeting_id]


def test_approximate_counts_are_parsed(corpus: Corpus) -> None:
    hearing = _meeting(corpus, "2025-03-25-public-safety-committee-hearing").public_comment
    assert hearing is not None
    assert hearing.speakers == ApproximateCount(at_least=180)
    assert hearing.speakers is not None and count_words(hearing.speakers, "speaker", "speakers") == (
        "at least 180 speakers"
    )
    assert hearing.written == 1204
    board = _meeting(corpus, BOARD_MEETING).public_comment
    assert board is not None
    assert board.speakers == ApproximateCount(about=40)
    assert board.speakers is not None and count_words(board.speakers, "speaker", "speakers") == "about 40 speakers"
    council = _meeting(corpus, "2025-04-08-city-council").public_comment
    assert council is not None and council.speakers == 37


def test_agenda_items_carry_times(corpus: Corpus) -> None:
    items = _meeting(corpus, "2025-03-11-city-council").agenda
    assert [(item.item, item.time) for item in items] == [("14", "14:20"), ("31", "18:05")]
    assert items[0].identifiers == {"legistar_file": "25-0187"}
    assert _meeting(corpus, "2025-06-10-city-council").agenda[0].time is None


# --- policies --------------------------------------------------------------------------------


def _sop(corpus: Corpus, sop_id: str) -> SopVersion:
    return corpus.sops[sop_id]


def test_sop_text_kinds(corpus: Corpus) -> None:
    assert [(s.id, s.text) for s in corpus.sop_series["papd-plate-reader-policy"]] == [
        ("2025-02-papd-plate-reader-policy-draft", SopText.SUMMARY),
        ("2025-05-06-papd-plate-reader-policy-v1", SopText.EXCERPT),
    ]
    cameras = corpus.sop_series["papd-camera-policy"]
    assert [s.id for s in cameras] == ["2023-05-30-papd-camera-policy-v1", "2024-07-01-papd-camera-policy-v2"]
    assert all(s.text is SopText.FULL for s in cameras)  # version 1 by default, version 2 as written
    assert "text" not in cameras[0].model_fields_set
    assert "text" in cameras[1].model_fields_set


# --- documents -------------------------------------------------------------------------------


def _document(corpus: Corpus, document_id: str) -> Document:
    return corpus.documents[document_id]


def test_contract_fields(corpus: Corpus) -> None:
    contract = _document(corpus, "2025-06-24-harborline-contract-renewal")
    assert contract.document_kind is OtherDocumentKind.CONTRACT
    assert contract.vendor == "Harborline Video Systems (fictional)"
    assert contract.amount is not None
    assert (contract.amount.value, contract.amount.currency) == (1860000, "USD")
    assert contract.term is not None
    assert (str(contract.term.start), str(contract.term.end)) == ("2025-07-01", "2028-06-30")
    assert str(contract.signed) == "2025-06-24"
    assert contract.signed_by == ["nadia-koenig"]
    first = _document(corpus, "2023-06-20-harborline-camera-network-contract")
    assert first.amount is not None and first.amount.value == 1240000


def test_new_document_kinds(corpus: Corpus) -> None:
    kinds = {d.document_kind for d in corpus.documents.values()}
    assert {
        OtherDocumentKind.CONTRACT,
        OtherDocumentKind.INCIDENT,
        OtherDocumentKind.AUDIT,
        OtherDocumentKind.LAWSUIT,
    } <= kinds
    for document in corpus.documents.values():
        if document.document_kind is not OtherDocumentKind.CONTRACT:
            assert document.vendor is None and document.amount is None and not document.signed_by, document.id


# --- technologies and requirements -----------------------------------------------------------


def _technology(corpus: Corpus, tech_id: str) -> Technology:
    return corpus.technologies[tech_id]


def test_renewed_status_and_related_technologies(corpus: Corpus) -> None:
    cameras, readers = _technology(corpus, CAMERAS), _technology(corpus, READERS)
    assert cameras.current_status is not None
    assert cameras.current_status.status is TechnologyStatus.RENEWED
    assert cameras.current_status.record == "2025-06-24-harborline-contract-renewal"
    assert cameras.related == [READERS]
    assert readers.related == [CAMERAS]


def test_city_requirement_met_by_a_record_that_names_it(corpus: Corpus) -> None:
    assert corpus.meetings[BOARD_MEETING].meets == ["privacy-board-review"]
    for tech_id in (CAMERAS, READERS):
        tech = _technology(corpus, tech_id)
        assert "privacy-board-review" in tech.required
        met = requirement_records(corpus, tech)
        assert met["privacy-board-review"].id == BOARD_MEETING, tech_id
    cameras = requirement_records(corpus, _technology(corpus, CAMERAS))
    assert cameras["council-approval"].id == "2023-06-13-council-approves-camera-network-contract"
    assert cameras["use-policy"].id == "2023-05-30-papd-camera-policy-v1"
    assert "annual-report" not in cameras  # the intended warning
    readers = requirement_records(corpus, _technology(corpus, READERS))
    assert readers["public-hearing"].id == "2025-03-25-public-safety-committee-hearing"
    # A draft known from the press is not the use policy the rules require: the adopted one is.
    assert readers["use-policy"].id == "2025-05-06-papd-plate-reader-policy-v1"

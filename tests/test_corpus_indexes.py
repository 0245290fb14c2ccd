"""The corpus indexes the page generators read give the same answers, in the same order, as the
scans over the whole corpus they replaced (issue 18: at 100,000 records a scan per page is
about 10^8 steps). Each index is compared with its scan on the fixture corpora, the
demonstration corpus and a small synthetic corpus."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from benchmarks.synthetic_corpus import write_synthetic_corpus
from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.pages.person_page import _unnamed_votes
from civic_record.tally import names_partly, vote_of

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPORA = {
    "riverton": FIXTURES / "corpus" / "records",
    "second-city": FIXTURES / "second-city" / "records",
    "summaries": FIXTURES / "summaries" / "records",
    "record-pages": FIXTURES / "record-pages" / "records",
    "demo": ROOT / "examples" / "demo" / "records",
}


@pytest.fixture(scope="module", params=[*CORPORA, "synthetic"])
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    if request.param == "synthetic":
        records = tmp_path_factory.mktemp("synthetic") / "records"
        write_synthetic_corpus(records, 600, seed=18)
    else:
        records = CORPORA[request.param]
    loaded, _ = check_records(records)
    assert loaded.records
    return loaded


def test_replies_are_the_letters_naming_each_letter(corpus: Corpus) -> None:
    for letter in corpus.letters.values():
        scan = [r for r in corpus.letters.values() if r.in_reply_to == letter.id]
        assert corpus.replies.get(letter.id, []) == scan


def test_status_changes_shown_by_each_record(corpus: Corpus) -> None:
    for record in corpus.records.values():
        scan = [
            (tech, change)
            for tech in corpus.technologies.values()
            for change in tech.status_history
            if change.record == record.id
        ]
        assert corpus.status_changes_shown_by.get(record.id, []) == scan


def test_partly_named_votes_a_person_sat_for(corpus: Corpus) -> None:
    page = SimpleNamespace(site=SimpleNamespace(corpus=corpus))
    for person in corpus.people.values():
        scan = [
            v
            for v in corpus.votes.values()
            if names_partly(v) and vote_of(v, person.id) is None and person.roles_on(v.date, v.body)
        ]
        assert _unnamed_votes(page, person) == scan  # type: ignore[arg-type]


def test_timelines_of_turns_by_technology_around(corpus: Corpus) -> None:
    for record in corpus.dated:
        scan = [tech for tech in sorted(corpus.by_technology) if record in corpus.by_technology[tech]]
        assert corpus.timelines_of.get(record.id, []) == scan
    assert [corpus.dated[corpus.dated_position[r.id]] for r in corpus.dated] == corpus.dated


def test_a_persons_records_by_technology_in_timeline_order(corpus: Corpus) -> None:
    """What the person page's "Record on surveillance technology" groups: each technology's
    timeline records among a set of the person's, found from the records instead of the timelines."""
    for person_id, records in corpus.by_person.items():
        mine_ids = {r.id for r in records}
        scan = {}
        for tech_id in corpus.technologies:
            mine = [r for r in corpus.by_technology.get(tech_id, []) if r.id in mine_ids]
            if mine:
                scan[tech_id] = mine
        indexed: dict[str, list[object]] = {}
        for record in sorted(records, key=lambda r: corpus.dated_position[r.id]):
            for tech_id in corpus.timelines_of.get(record.id, []):
                indexed.setdefault(tech_id, []).append(record)
        assert {t: v for t, v in sorted(indexed.items()) if t in corpus.technologies} == scan, person_id


def test_child_bodies_and_members_of_each_body(corpus: Corpus) -> None:
    by_name = sorted(corpus.people.values(), key=lambda p: ((p.sort_name or p.name).casefold(), p.id))
    for body in corpus.bodies.values():
        assert corpus.child_bodies.get(body.id, []) == [b for b in corpus.bodies.values() if b.parent == body.id]
        members = [p for p in by_name if any(role.body == body.id for role in p.roles)]
        ever = corpus.ever_members.get(body.id, [])
        assert sorted(ever, key=lambda p: ((p.sort_name or p.name).casefold(), p.id)) == members


def test_technologies_listing_each_technology_as_related(corpus: Corpus) -> None:
    for tech in corpus.technologies.values():
        scan = [t for t in corpus.technologies.values() if tech.id in t.related]
        assert corpus.related_by.get(tech.id, []) == scan

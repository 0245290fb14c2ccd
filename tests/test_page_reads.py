"""What a page reads of the corpus (``page_reads``): noted where the corpus is read, digested
by content, and used by the next build only when every value the page read is the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import civic_record.page_reads as page_reads
from civic_record.build import build_site
from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.mkdocs_plugin import RECORDS_ENV
from civic_record.models import Vote
from civic_record.page_reads import ReadDigests, ReadingCorpus, noting, reading_site, reads_key, storable
from civic_record.pages import page_plan
from civic_record.site import Site
from tests.building import PINNED_TODAY, ROOT

DEMO = ROOT / "examples" / "demo" / "records"
SITE_URL = "https://records.example.org/fairhaven/"
PERSON = "tomas-lindqvist"


def _corpus(records: Path) -> Corpus:
    corpus, problems = check_records(records)
    assert not problems.errors, problems.report()
    return corpus


def _site(corpus: Corpus) -> Site:
    return Site(corpus=corpus, today=dt.date.fromisoformat(PINNED_TODAY), site_url=SITE_URL)


def _made(site: Site, src: str) -> list[list[str | int | None]]:
    """Make one page of the plan; return what it read, as the site's list keeps it."""
    planned = {p.src: p for p in page_plan(reading_site(site))}[src]
    with noting() as noted:
        planned.make().render()
    noted.update(planned.reads)
    reads = storable(noted)
    assert reads is not None
    return reads


def _key(site: Site, src: str, reads: list[list[str | int | None]]) -> str | None:
    return reads_key("fingerprint", src, page_reads.site_digest(site), reads, ReadDigests(site.corpus))


@pytest.fixture(scope="module")
def demo() -> Corpus:
    return _corpus(DEMO)


def test_a_page_notes_each_key_it_looks_up(demo: Corpus) -> None:
    view: Any = ReadingCorpus(demo)
    with noting() as noted:
        assert view.people[PERSON].name == demo.people[PERSON].name
        assert view.technologies.get("no-such-technology") is None
        assert "city-council" not in view.bodies
    assert noted == {("people", PERSON), ("technologies", "no-such-technology"), ("bodies", "city-council")}


def test_a_page_that_reads_a_whole_value_notes_the_whole(demo: Corpus) -> None:
    view: Any = ReadingCorpus(demo)
    with noting() as noted:
        assert len(list(view.people)) == len(demo.people)
        assert list(view.letters.values()) == list(demo.letters.values())
        assert view.settings is demo.settings
        assert view.dated == demo.dated
    assert noted == {("people",), ("letters",), ("settings",), ("dated",)}


def test_a_method_of_the_corpus_reads_through_the_page_s_view(demo: Corpus) -> None:
    vote = next(v for v in demo.votes.values() if isinstance(v, Vote) and v.meeting)
    view: Any = ReadingCorpus(demo)
    with noting() as noted:
        assert view.timeline_key(vote) == demo.timeline_key(vote)
    assert noted == {("records", vote.meeting)}


def test_a_page_cannot_change_the_corpus(demo: Corpus) -> None:
    view: Any = ReadingCorpus(demo)
    with pytest.raises(AttributeError):
        view.records = {}
    assert demo.records


def test_reads_outside_a_page_are_not_noted(demo: Corpus) -> None:
    view: Any = ReadingCorpus(demo)
    with noting() as noted:
        assert view.people[PERSON] is demo.people[PERSON]
    assert view.technologies.get("after-the-page") is None  # the page is made: not its read
    assert noted == {("people", PERSON)}


def _edited(tmp_path: Path, path: str, old: str, new: str) -> Corpus:
    records = tmp_path / "records"
    file = records / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")
    return _corpus(records)


def test_a_page_s_key_changes_with_what_it_read_and_only_with_that(tmp_path: Path) -> None:
    shutil.copytree(DEMO, tmp_path / "records")
    demo = _corpus(tmp_path / "records")
    src = f"people/{PERSON}.md"
    reads = _made(_site(demo), src)
    assert ["people", PERSON] in reads or ["records", PERSON] in reads
    before = _key(_site(demo), src, reads)
    assert before is not None

    # a record the person's page does not show
    unrelated = _edited(tmp_path, "documents/2026-05-12-drone-flight-count.md", "1,100", "1,200")
    assert ["records", "2026-05-12-drone-flight-count"] not in reads
    assert _key(_site(unrelated), src, reads) == before

    # a vote they cast: the page lists it
    voted = _edited(
        tmp_path,
        "votes/2025-10-14-city-council-vote-face-recognition-pilot.yml",
        "without a hearing fails",
        "is defeated",
    )
    assert _key(_site(voted), src, reads) != before

    # the person's own record
    renamed = _edited(tmp_path, f"people/{PERSON}.yml", "name: Tomás Lindqvist", "name: Tomás A. Lindqvist")
    assert _key(_site(renamed), src, reads) != before


def test_the_day_and_the_site_s_address_are_read_by_every_page(demo: Corpus) -> None:
    src = f"people/{PERSON}.md"
    reads = _made(_site(demo), src)
    before = _key(_site(demo), src, reads)
    tomorrow = Site(corpus=demo, today=dt.date.fromisoformat(PINNED_TODAY) + dt.timedelta(days=1), site_url=SITE_URL)
    elsewhere = Site(corpus=demo, today=dt.date.fromisoformat(PINNED_TODAY), site_url="https://elsewhere.example/")
    assert _key(tomorrow, src, reads) != before
    assert _key(elsewhere, src, reads) != before


@pytest.mark.parametrize(
    "forged",
    [
        ["_of", "x"],  # private
        ["timeline_key"],  # a method
        ["no_such_value"],
        ["records", True],  # a key the corpus never uses
        ["records", ["nested"]],
        ["records", "a", "b"],
        [],
        "records",
        ["__class__"],
    ],
)
def test_a_forged_read_in_the_list_makes_the_page_again(forged: Any, demo: Corpus) -> None:
    assert _key(_site(demo), "people/x.md", [["records", PERSON], forged]) is None


def test_a_value_is_digested_by_its_content_not_its_identity(demo: Corpus, tmp_path: Path) -> None:
    again = _corpus(DEMO)
    assert again.people[PERSON] is not demo.people[PERSON]
    reads: list[list[str | int | None]] = [["people", PERSON], ["by_person", PERSON], ["settings"]]
    assert _key(_site(again), "x.md", reads) == _key(_site(demo), "x.md", reads)
    first, second = ReadDigests(demo), ReadDigests(demo)
    assert first.of(("records", "no-such-record")) == second.of(("records", "another-missing-one"))
    assert page_reads._digest_of({"b", "a", "c"}, {}) == page_reads._digest_of({"c", "a", "b"}, {})
    assert page_reads._digest_of(["a", "b"], {}) != page_reads._digest_of(["ab"], {})
    assert page_reads._digest_of("1", {}) != page_reads._digest_of(1, {})


def test_no_model_hides_a_field_from_its_repr() -> None:
    """Records are digested by their repr (``page_reads._object_digest``): a field left out of
    it, or a repr of a model's own, would hide an edit from the next build."""
    models: list[type[BaseModel]] = []
    for name in ("models", "site_settings", "city_pages", "dates", "vocabulary"):
        module = importlib.import_module(f"civic_record.{name}")
        models.extend(
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, BaseModel) and cls.__module__.startswith("civic_record")
        )
    assert len(models) > 10
    for model in models:
        assert page_reads._whole_repr(model), f"{model.__qualname__} hides part of itself from its repr"


def test_a_read_the_notes_missed_fails_a_verified_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """If a page read something without it being noted, the next build would copy a stale page.
    Builds in the tests make such pages anyway and stop when one differs."""
    project = tmp_path / "records"
    shutil.copytree(DEMO, project)
    # as if the generators read the corpus some other way: a page's reads are only its record
    monkeypatch.setattr(page_reads, "_note", lambda read: None)
    monkeypatch.setenv("CIVIC_RECORD_TODAY", PINNED_TODAY)
    for name in (RECORDS_ENV, "SOURCE_DATE_EPOCH"):  # set by the build: undone after the test
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.chdir(ROOT)
    site = tmp_path / "site"
    assert build_site(project, site, ROOT / "mkdocs.yml", site_url=SITE_URL, jobs=1) == 0
    built = {p: p.read_bytes() for p in site.rglob("*.html")}
    person = project / "people" / f"{PERSON}.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("Tomás Lindqvist", "Tomás A. Lindqvist"))

    capfd.readouterr()
    assert build_site(project, site, ROOT / "mkdocs.yml", site_url=SITE_URL, jobs=1) != 0
    assert "the page changed although nothing it was noted reading did" in capfd.readouterr().err
    assert {p: p.read_bytes() for p in site.rglob("*.html")} == built  # nothing published

    monkeypatch.setenv(page_reads.VERIFY_ENV, "0")  # what the build would do unverified
    assert build_site(project, site, ROOT / "mkdocs.yml", site_url=SITE_URL, jobs=1) == 0
    vote = site / "votes" / "2025-10-14-city-council-vote-face-recognition-pilot" / "index.html"
    assert "Tomás Lindqvist" in vote.read_text(encoding="utf-8")  # stale: why the tests verify


def test_a_path_is_digested_by_its_value() -> None:
    assert page_reads._digest_of(Path("/a/records"), {}) != page_reads._digest_of(Path("/b/other"), {})


def test_a_digest_kept_for_an_object_is_never_given_to_another() -> None:
    """Digests are kept by ``id``: the objects are kept with them, so no later object gets the
    ``id`` (and the digest) of one that is gone."""

    @dataclasses.dataclass
    class Box:
        content: str

    models: page_reads.Digested = {}
    digests = {page_reads._digest_of(Box(str(number)), models) for number in range(200)}
    assert len(digests) == 200


def test_a_list_that_forgets_the_page_s_own_record_does_not_copy_it(
    demo: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page is copied by its reads only if they include what the plan hands its generator."""
    monkeypatch.setenv(page_reads.VERIFY_ENV, "0")  # the entry's Markdown key is made up
    from civic_record.page_reuse import PageEntry, Previous, output_digest
    from civic_record.page_workers import Rendering, _copy_by_reads

    site = _site(demo)
    planned = {p.src: p for p in page_plan(reading_site(site))}[f"people/{PERSON}.md"]
    html = b"<p>the page as the previous build wrote it</p>"
    (tmp_path / "page.html").write_bytes(html)
    digests = ReadDigests(demo)

    def rendering(reads: list[list[str | int | None]]) -> Rendering:
        key = reads_key("fingerprint", planned.src, page_reads.site_digest(site), reads, digests)
        assert key is not None
        entry = PageEntry("key", output_digest(html), key, None, reads, tuple(range(len(reads))))
        made: Any = Rendering({planned.src: planned}, *([None] * 6))  # type: ignore[arg-type]
        made.fingerprint, made.site, made.digests = "fingerprint", page_reads.site_digest(site), digests
        made.previous = Previous(tmp_path, {planned.src: entry}, table=list(reads))
        return made

    full = _made(site, planned.src)
    copied = _copy_by_reads(rendering(full), planned, "page.html")
    assert copied is not None and copied[1].data == html
    forgetting = [read for read in full if read != ["records", PERSON]]
    assert _copy_by_reads(rendering(forgetting), planned, "page.html") is None


def test_the_key_by_the_previous_list_s_numbers_is_the_key_of_the_reads(demo: Corpus) -> None:
    """A copied page's key is found from the previous list's table of reads, each read's digest
    once: the same key as from the page's own reads, and no key when one of them is forged."""
    site = _site(demo)
    src = f"people/{PERSON}.md"
    reads = _made(site, src)
    digests = ReadDigests(demo)
    site_key = page_reads.site_digest(site)
    expected = reads_key("fingerprint", src, site_key, reads, digests)
    assert expected is not None
    table: list[Any] = [["records", "no-such-record"], *reads[::-1], ["_private"], "not a read"]
    numbers = [table.index(read) for read in reads]
    fresh = ReadDigests(demo)
    assert fresh.table_key("fingerprint", src, site_key, table, numbers) == expected
    assert fresh.table_key("fingerprint", src, site_key, table, numbers) == expected, "asked twice"
    assert fresh.table_key("another fingerprint", src, site_key, table, numbers) != expected
    for forged in (len(table) - 2, len(table) - 1):
        assert fresh.table_key("fingerprint", src, site_key, table, [*numbers, forged]) is None

"""A record's JSON twin is copied from the previous build only when nothing it read changed."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from civic_record import page_reads, twin_reuse
from civic_record.check import check_records
from civic_record.outputs.data_json import generate_json
from civic_record.site import Site
from civic_record.twin_reuse import LIST_NAME, TwinReuse
from tests.building import PINNED_TODAY, ROOT

DEMO = ROOT / "examples" / "demo" / "records"
SITE_URL = "https://records.example.org/"


def _site(records: Path) -> Site:
    corpus, problems = check_records(records)
    assert not problems.errors, problems.report()
    return Site(corpus=corpus, today=dt.date.fromisoformat(PINNED_TODAY), site_url=SITE_URL)


def _built(site: Site, previous: Path | None, into: Path) -> tuple[dict[str, str], TwinReuse]:
    """The JSON files made with twins taken from ``previous``, written into ``into`` as a site."""
    twins = TwinReuse(site, previous)
    files = generate_json(site, twins.text)
    into.mkdir(parents=True)
    for path, text in files.items():
        (into / path).parent.mkdir(parents=True, exist_ok=True)
        (into / path).write_text(text, encoding="utf-8")
    twins.write(into)
    return files, twins


def test_unchanged_twins_are_copied_and_changed_ones_made(tmp_path: Path) -> None:
    site = _site(DEMO)
    fresh = generate_json(site)
    first, made = _built(site, None, tmp_path / "one")
    assert first == fresh and made.copied == 0
    second, copied = _built(site, tmp_path / "one", tmp_path / "two")
    assert second == fresh
    assert copied.copied == len(site.corpus.records), "an unchanged twin was made again"
    assert (tmp_path / "two" / LIST_NAME).read_bytes() == (tmp_path / "one" / LIST_NAME).read_bytes()

    # a person renamed: the twins that name the person are made again, the others copied
    records = tmp_path / "records"
    shutil.copytree(DEMO, records)
    person = sorted((records / "people").glob("*.yml"))[0]
    text = person.read_text(encoding="utf-8")
    assert text.startswith("name: ")
    person.write_text(text.replace("name: ", "name: Renamed ", 1), encoding="utf-8")
    edited = _site(records)
    third, after_edit = _built(edited, tmp_path / "two", tmp_path / "three")
    assert third == generate_json(edited), "a twin copied after the edit is not the twin made"
    changed = [path for path in third if third[path] != second.get(path) and not path.startswith("data/")]
    assert changed, "renaming a person changed no twin"
    assert 0 < after_edit.copied <= len(edited.corpus.records) - len(changed)


def test_a_twin_whose_file_changed_or_whose_list_is_unreadable_is_made(tmp_path: Path) -> None:
    site = _site(DEMO)
    files, _ = _built(site, None, tmp_path / "one")
    twin = sorted(path for path in files if path.startswith("letters/"))[0]
    (tmp_path / "one" / twin).write_text(files[twin].replace('"id"', '"Id"'), encoding="utf-8")
    again, reuse = _built(site, tmp_path / "one", tmp_path / "two")
    assert again == files and reuse.copied == len(site.corpus.records) - 1
    for damage in ("{not json", json.dumps({"format": 1, "reads": [], "twins": {twin: ["k", "d", [7]]}}), "[]"):
        (tmp_path / "two" / LIST_NAME).write_text(damage, encoding="utf-8")
        shutil.rmtree(tmp_path / "three", ignore_errors=True)
        made, reuse = _built(site, tmp_path / "two", tmp_path / "three")
        assert made == files and reuse.copied == 0


def test_a_copied_twin_that_would_differ_stops_a_verified_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With CIVIC_RECORD_VERIFY_READS (the test suite's setting) every twin the reads would copy
    is made too: a twin whose reads missed an input stops the build instead of going stale."""
    site = _site(DEMO)
    files, _ = _built(site, None, tmp_path / "one")
    twin = sorted(path for path in files if path.startswith("letters/"))[0]
    forged = files[twin].replace('"id"', '"Id"')
    (tmp_path / "one" / twin).write_text(forged, encoding="utf-8")
    listed = json.loads((tmp_path / "one" / LIST_NAME).read_text())
    listed["twins"][twin][1] = twin_reuse._digest(forged)  # the list made to match the file
    (tmp_path / "one" / LIST_NAME).write_text(json.dumps(listed), encoding="utf-8")
    monkeypatch.setenv(page_reads.VERIFY_ENV, "1")
    with pytest.raises(RuntimeError, match="changed although nothing it was noted reading did"):
        _built(site, tmp_path / "one", tmp_path / "two")

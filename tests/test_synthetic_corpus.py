"""The synthetic benchmark corpus: valid, exactly N records, deterministic, labelled fictional."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.synthetic_corpus import main, write_synthetic_corpus
from civic_record.check import check_records
from civic_record.corpus import Corpus

RECORDS = 150


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("synthetic") / "records"
    return folder, write_synthetic_corpus(folder, RECORDS, seed=7)


@pytest.fixture(scope="module")
def checked(generated: tuple[Path, dict[str, int]]) -> Corpus:
    corpus, problems = check_records(generated[0])
    assert problems.items == [], problems.report()
    return corpus


def test_the_corpus_passes_check_without_errors_or_warnings(checked: Corpus) -> None:
    assert checked.records


def test_exactly_n_records_counted_by_kind(generated: tuple[Path, dict[str, int]], checked: Corpus) -> None:
    _, counts = generated
    assert sum(counts.values()) == RECORDS
    assert len(checked.records) == RECORDS
    assert Counter({kind.value: n for kind, n in Counter(f.kind for f in checked.files.values()).items()}) == Counter(
        {kind: n for kind, n in counts.items() if n}
    )
    assert all(counts[kind] > 0 for kind in ("body", "person", "technology", "letter", "meeting", "vote", "sop"))
    assert counts["body"] >= 3 and counts["technology"] >= 2


def test_the_mix_exercises_the_format(checked: Corpus) -> None:
    options = {option.value for vote in checked.votes.values() for option in (vote.roll_call or {})}
    assert options == {
        "yes",
        "no",
        "abstain",
        "absent",
        "excused",
        "not-voting",
        "paired",
        "present",
        "recused",
        "other",
    }
    assert any(vote.roll_call is None for vote in checked.votes.values()), "no vote known only by its tally"
    assert {len(versions) for versions in checked.sop_series.values()} <= {2, 3, 4, 5}
    assert {record.date.precision for record in checked.dated} >= {"day", "month"}
    assert all(body.seats for body in checked.bodies.values())
    assert any(tech.status_history for tech in checked.technologies.values())
    assert any("Pérez" in f.text or "Muñoz" in f.text or "Zoë" in f.text for f in checked.files.values())


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path: Path, generated: tuple[Path, dict[str, int]]) -> None:
    folder, _ = generated
    write_synthetic_corpus(tmp_path / "again", RECORDS, seed=7)
    write_synthetic_corpus(tmp_path / "other", RECORDS, seed=8)
    assert _files(tmp_path / "again") == _files(folder)
    assert _files(tmp_path / "other") != _files(folder)


def test_site_settings_say_the_data_is_synthetic_and_fictional(checked: Corpus) -> None:
    notice = (checked.settings.notice or "").lower()
    assert "synthetic" in notice and "fictional" in notice and "benchmark" in notice


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_synthetic_corpus(tmp_path, RECORDS)
    assert main([str(tmp_path), str(RECORDS)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_refuses_too_few_records_to_mix(tmp_path: Path) -> None:
    assert main([str(tmp_path / "tiny"), "10"]) == 2
    assert not (tmp_path / "tiny").exists()

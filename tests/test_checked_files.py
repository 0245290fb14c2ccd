"""The checked-files cache: a command takes what an earlier one found in unchanged files and
texts, and reports exactly what it would report without the cache."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from civic_record import checked_files, loading
from civic_record.check import check_records
from civic_record.checked_files import CACHE_ENV, CheckedFiles
from civic_record.checks import record_text as record_text_check
from civic_record.corpus import Corpus
from civic_record.problems import Problems
from civic_record.record_text import render_record_text
from tests.building import run_build, run_check
from tests.cases import corpus_with
from tests.conftest import BAD

CASES = sorted(path for path in BAD.iterdir() if path.is_dir())


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def _checked(records: Path, cache: CheckedFiles | None) -> tuple[Corpus, Problems, dict[str, str]]:
    corpus, problems = check_records(records, jobs=1, cache=cache)
    texts = [source.text for source in corpus.files.values()] + [page.text for page in corpus.pages.values()]
    html = {text: render_record_text(text) for text in texts if text.strip() and _renders(text)}
    return corpus, problems, html


def _renders(text: str) -> bool:
    try:
        render_record_text(text)
    except Exception:
        return False
    return True


def _pack(folder: Path) -> Path:
    (found,) = folder.glob("checked-*.json")
    return found


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_bad_case_reports_the_same_through_the_cache(case: Path, tmp_path: Path, cache_dir: Path) -> None:
    """Each bad-input case: the report, the records and the texts' HTML are the same without the
    cache, through a cache being filled, and through the filled cache, which then reads no file
    and renders no text again."""
    records = corpus_with(tmp_path, [case])
    plain_corpus, plain, plain_html = _checked(records, None)
    assert not cache_dir.exists(), "a command without a cache wrote one"
    filling = CheckedFiles.for_records(records)
    _, cold, cold_html = _checked(records, filling)
    kept = CheckedFiles.for_records(records)
    warm_corpus, warm, warm_html = _checked(records, kept)
    assert plain.items, "the case reports nothing"
    assert cold.report() == plain.report()
    assert warm.report() == plain.report()
    assert warm_corpus.records == plain_corpus.records
    assert {k: (v.text, v.text_line, v.display) for k, v in warm_corpus.files.items()} == {
        k: (v.text, v.text_line, v.display) for k, v in plain_corpus.files.items()
    }
    assert cold_html == warm_html == plain_html
    assert filling is not None and kept is not None
    assert filling.reused_files == 0 and filling.reused_texts == 0
    files_read = len(json.loads(_pack(cache_dir).read_text())["files"])
    assert kept.reused_files == files_read > 0
    assert kept.reused_texts == len(json.loads(_pack(cache_dir).read_text())["texts"])


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"files": [], "texts": []}
    read, check_text = loading.read_record_file, record_text_check._check_text

    def counted_read(kind: Any, path: Path, *args: Any) -> Any:
        seen["files"].append(path.name)
        return read(kind, path, *args)

    def counted_text(text: str) -> Any:
        seen["texts"].append(text)
        return check_text(text)

    monkeypatch.setattr(loading, "read_record_file", counted_read)
    monkeypatch.setattr(record_text_check, "_check_text", counted_text)
    return seen


def test_only_what_changed_is_read_and_rendered_again(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = corpus_with(tmp_path, [])
    _checked(records, CheckedFiles.for_records(records))
    seen = _counting(monkeypatch)
    _checked(records, CheckedFiles.for_records(records))
    assert seen == {"files": [], "texts": []}, "an unchanged corpus was read again"

    letter = sorted((records / "letters").glob("*.md"))[0]
    letter.write_text(letter.read_text(encoding="utf-8") + "\nA sentence added in *this* test.\n", encoding="utf-8")
    gone = sorted((records / "people").glob("*.yml"))[-1]
    gone_id = gone.stem
    gone.unlink()
    _, problems, html = _checked(records, CheckedFiles.for_records(records))
    assert seen["files"] == [letter.name], "more than the edited file was read again"
    assert len(seen["texts"]) == 1 and "A sentence added in *this* test." in seen["texts"][0]
    assert any("<em>this</em> test" in rendered for rendered in html.values())
    assert any(gone_id in problem.message for problem in problems.items), "the deleted person is not missed"
    listed = json.loads(_pack(cache_dir).read_text())["files"]
    assert not any(gone.name in shown for shown in listed), "a deleted file stays in the cache"
    assert any(letter.name in shown for shown in listed)


DAMAGE: dict[str, Any] = {
    "not JSON": b"\x00{not json",
    "a list": [],
    "another format": {"format": 99},
    "entries of the wrong shape": "entries",
}


def _damaged(kept: dict[str, Any]) -> dict[str, Any]:
    """Every entry of a valid cache replaced by something this code never writes."""
    code = kept["code"]
    files = {}
    for number, (path, (kind, data_digest, shown, _)) in enumerate(sorted(kept["files"].items())):
        wrong: Any = [
            {"problems": "x", "raw": None},
            {"problems": [["error", shown, "one", 1, "yaml.syntax", "m", None]], "raw": None},
            {"problems": [["error", shown, 1, 1, "no.such-code", "m", None]], "raw": None},
            {"problems": [], "raw": {"data": [], "positions": "[]", "text": "", "text_line": 0}},
            {"problems": [], "raw": {"data": {}, "positions": [], "text": "", "text_line": 0}},
            {"problems": [], "raw": "x"},
            None,
        ][number % 7]
        files[path] = [kind, data_digest, shown, wrong]
    texts = {}
    for number, text_digest in enumerate(sorted(kept["texts"])):
        texts[text_digest] = [
            {"html": 1},
            {"found": [[1, 1, "no.such-code", "m", "h"]]},
            {"found": "x"},
            {"html": "a", "error": "b"},
        ][number % 4]
    return {"format": kept["format"], "code": code, "files": files, "texts": texts}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_is_read_as_no_cache(damage: str, tmp_path: Path, cache_dir: Path) -> None:
    records = corpus_with(tmp_path, [BAD / "schema-unknown-field", BAD / "text-too-deep"])
    _, plain, plain_html = _checked(records, None)
    _checked(records, CheckedFiles.for_records(records))
    pack = _pack(cache_dir)
    valid = json.loads(pack.read_text())
    value = DAMAGE[damage]
    if value == "entries":
        pack.write_text(json.dumps(_damaged(valid)))
    else:
        pack.write_bytes(value if isinstance(value, bytes) else json.dumps(value).encode())
    cache = CheckedFiles.for_records(records)
    _, problems, html = _checked(records, cache)
    assert problems.report() == plain.report()
    assert html == plain_html
    assert cache is not None and cache.reused_files == 0 and cache.reused_texts == 0
    assert json.loads(pack.read_text()) == valid, "the damaged cache was not replaced by a valid one"


def test_positions_that_do_not_decode_place_problems_at_the_first_line() -> None:
    damaged = checked_files.KeptPositions("{not json")
    assert damaged.of_value(("title",)).line == 1 and damaged.keys == {}


def test_a_link_or_a_pipe_in_place_of_the_cache_is_not_read(tmp_path: Path, cache_dir: Path) -> None:
    records = corpus_with(tmp_path, [])
    _checked(records, CheckedFiles.for_records(records))
    pack = _pack(cache_dir)
    elsewhere = tmp_path / "elsewhere.json"
    pack.rename(elsewhere)
    pack.symlink_to(elsewhere)
    cache = CheckedFiles.for_records(records)
    _checked(records, cache)
    assert cache is not None and cache.reused_files == 0
    assert not pack.is_symlink(), "the link was followed rather than replaced"
    assert elsewhere.read_bytes() == pack.read_bytes()
    if hasattr(os, "mkfifo"):
        pack.unlink()
        os.mkfifo(pack)
        cache = CheckedFiles.for_records(records)  # would hang if the pipe were opened for reading
        assert cache is not None and cache.reused_files == 0


def test_the_cache_is_set_aside_when_the_code_changes(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = corpus_with(tmp_path, [])
    _checked(records, CheckedFiles.for_records(records))
    monkeypatch.setattr(checked_files, "code_version", lambda: "another version of the code")
    cache = CheckedFiles.for_records(records)
    _checked(records, cache)
    assert cache is not None and cache.reused_files == 0 and cache.reused_texts == 0
    assert json.loads(_pack(cache_dir).read_text())["code"] == "another version of the code"


def test_no_cache_when_off_or_inside_the_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = corpus_with(tmp_path, [])
    before = sorted(str(path) for path in records.rglob("*"))
    for chosen in ("off", str(records / ".cache"), str(records)):
        monkeypatch.setenv(CACHE_ENV, chosen)
        assert CheckedFiles.for_records(records) is None
        result = run_check("--records", str(records))
        assert result.returncode == 0, result.stderr
    assert sorted(str(path) for path in records.rglob("*")) == before, "a check wrote into the records"
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert checked_files.cache_folder() == tmp_path / "xdg" / "civic-record"


def _forge_texts(pack: Path, marker: str) -> None:
    kept = json.loads(pack.read_text())
    for text_digest, entry in kept["texts"].items():
        if "html" in entry:
            kept["texts"][text_digest] = {"html": f"<p>{marker}</p>"}
    pack.write_text(json.dumps(kept))


def test_commands_share_the_cache_and_full_reads_every_file(tmp_path: Path, cache_dir: Path) -> None:
    """``check`` fills the cache, ``build`` takes from it (so a cache someone altered shows in the
    site: it is the user's own), and ``build --full`` reads every file and text again."""
    records = corpus_with(tmp_path, [])
    first = run_check("--records", str(records))
    assert first.returncode == 0, first.stderr
    pack = _pack(cache_dir)
    assert oct(cache_dir.stat().st_mode & 0o777) == "0o700" and oct(pack.stat().st_mode & 0o777) == "0o600"
    second = run_check("--records", str(records))
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)

    marker = "Text the cache was made to hold"
    _forge_texts(pack, marker)
    site = tmp_path / "site"
    built = run_build(records, site)
    assert built.returncode == 0, built.stderr
    assert any(marker in page.read_text(encoding="utf-8") for page in site.rglob("index.html"))
    rebuilt = run_build(records, site, "--full")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert not any(marker in page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    assert marker not in pack.read_text(), "build --full left the altered texts in the cache"


def test_a_file_json_cannot_hold_is_left_out_and_the_others_kept(tmp_path: Path, cache_dir: Path) -> None:
    """YAML reads a hexadecimal number of any length; JSON cannot write an integer of more than
    4,300 digits: that file is read again each time, the others come from the cache."""
    records = corpus_with(tmp_path, [])
    person = sorted((records / "people").glob("*.yml"))[0]
    person.write_text(person.read_text(encoding="utf-8") + f"note: 0x{'f' * 4000}\n", encoding="utf-8")
    _, plain, _ = _checked(records, None)
    _checked(records, CheckedFiles.for_records(records))
    listed = json.loads(_pack(cache_dir).read_text())["files"]
    assert not any(person.name in path for path in listed) and len(listed) > 10
    cache = CheckedFiles.for_records(records)
    _, problems, _ = _checked(records, cache)
    assert problems.report() == plain.report()
    assert cache is not None and cache.reused_files == len(listed)


def test_a_text_that_failed_to_render_is_rendered_again_next_time(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering may fail for a reason of the moment (memory): that failure is not kept."""
    records = corpus_with(tmp_path, [])
    check_text = record_text_check._check_text
    monkeypatch.setattr(
        record_text_check, "_check_text", lambda text: record_text_check._Outcome(error="MemoryError: out of memory")
    )
    _, failed, _ = _checked(records, CheckedFiles.for_records(records))
    assert any(problem.code == "text.render-failed" for problem in failed.items)
    monkeypatch.setattr(record_text_check, "_check_text", check_text)
    _, problems, _ = _checked(records, CheckedFiles.for_records(records))
    assert not problems.items, problems.report()


def test_two_names_shown_alike_do_not_share_what_was_found(tmp_path: Path, cache_dir: Path) -> None:
    """A control character in a file name is shown escaped (``\\x1b``), like the four
    characters of the escape itself: the cache tells the two files apart by their names."""
    records = corpus_with(tmp_path, [])
    content = (sorted((records / "people").glob("*.yml"))[0]).read_text(encoding="utf-8")
    (records / "people" / "a\x1bb.yml").write_text(content, encoding="utf-8")
    (records / "people" / "a\\x1bb.yml").write_text(content, encoding="utf-8")
    _, plain, _ = _checked(records, None)
    for _ in range(2):
        _, problems, _ = _checked(records, CheckedFiles.for_records(records))
        assert problems.report() == plain.report()

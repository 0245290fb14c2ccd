"""The reading layer against a careless or hostile records folder: it answers, it never hangs,
crashes or drops a file silently, and nothing it prints can take over the terminal.

The fixture cases under ``tests/fixtures/bad/`` cover what can be committed (or created from
``symlinks.txt`` and ``fifos.txt``); these tests cover the rest: sockets, names that are not
UTF-8, folders that cannot be listed, files that change between listing and reading.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civic_record import loading
from civic_record.attachments import attachment_files
from civic_record.check import check_records
from civic_record.loading import MAX_ID_LENGTH, load_corpus, read_record_file, record_paths
from civic_record.models import ID_PATTERN
from civic_record.problems import Problem, Problems, Severity, display_path

from . import cases
from .building import run_check

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need os.mkfifo (not on Windows)")
needs_links = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
DANGEROUS = (
    [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]]
    + list(BIDI)
    + ["\u2028", "\u2029", "\ud800", "\udc80", "\udcff", "\udfff"]
)

DOCUMENT = """---
title: "{title}"
date: 2025-10-31
kind: statement
summary: Fictional test record.
sources:
  - url: https://example.org/riverton/{id}
    title: "Source"
    kind: primary
---
"""


def document(record_id: str, title: str = "A fictional statement") -> str:
    return DOCUMENT.format(id=record_id, title=title)


def corpus(tmp_path: Path) -> Path:
    return cases.corpus_with(tmp_path, [])


def located(problems: Problems) -> set[str]:
    return {f"{p.path}:{p.line}:{p.column}: {p.severity.value} [{p.code}]" for p in problems.items}


def check_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[set[str], Problems, set[str]]:
    """Check ``tmp_path/records`` from ``tmp_path``: the problems as ``records/...`` lines, and the ids read."""
    monkeypatch.chdir(tmp_path)
    found, problems = check_records(Path("records"))
    return located(problems), problems, set(found.records)


def unsafe_characters(text: str) -> list[str]:
    """Control, bidirectional, separator and surrogate characters: none may reach a terminal raw."""
    return [
        c for c in text if unicodedata.category(c) in {"Cc", "Cs", "Zl", "Zp"} or c in BIDI or 0x80 <= ord(c) < 0xA0
    ]


@pytest.fixture
def alarm() -> Iterator[None]:
    """A safety net for tests that would hang on a regression: fail after 60 s instead."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def timed_out(signum: int, frame: object) -> None:
        raise TimeoutError("the reading layer hung")

    previous = signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# Special files: reported at once, never opened.


@needs_fifo
def test_cli_check_reports_named_pipes_instead_of_waiting_on_them(tmp_path: Path) -> None:
    records = corpus(tmp_path)
    for relative in ["letters/2025-10-30-pipe.md", "attachments/pipe.pdf", "pipe", "unknown/pipe.md"]:
        (records / relative).parent.mkdir(exist_ok=True)
        os.mkfifo(records / relative)
    result = run_check("--records", str(records))
    stderr = result.stderr
    assert result.returncode == 1, stderr
    for relative in ["letters/2025-10-30-pipe.md", "attachments/pipe.pdf", "pipe", "unknown/pipe.md"]:
        line = f"{records / relative}:1:1: error [file.unreadable]: this is not a regular file: it is a named pipe"
        assert line in stderr
    assert "Traceback" not in stderr
    assert "file.unreadable 4" in stderr.splitlines()[-1]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_is_reported_not_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alarm: None) -> None:
    corpus(tmp_path)
    monkeypatch.chdir(tmp_path)  # a socket's path is short: bind it relative to here
    with socket.socket(socket.AF_UNIX) as listening, socket.socket(socket.AF_UNIX) as attached:
        listening.bind("records/letters/2025-10-30-socket.md")
        attached.bind("records/attachments/socket.pdf")
        _, problems = check_records(Path("records"))
        assert located(problems) == {
            "records/letters/2025-10-30-socket.md:1:1: error [file.unreadable]",
            "records/attachments/socket.pdf:1:1: error [file.unreadable]",
        }
        assert all("a socket" in p.message for p in problems.items)
        assert "socket.pdf" not in attachment_files(Path("records"))


@needs_fifo
def test_a_pipe_swapped_in_after_the_listing_is_not_waited_on(tmp_path: Path, alarm: None) -> None:
    records = corpus(tmp_path)
    problems = Problems()
    kind, path = next((k, p) for k, p in record_paths(records, problems) if p.parent.name == "letters")
    path.unlink()
    os.mkfifo(path)
    assert read_record_file(kind, path, problems) is None
    assert [(p.code, p.message) for p in problems.items] == [
        ("file.unreadable", "this is not a regular file: it is a named pipe (FIFO)")
    ]


@needs_fifo
def test_a_pipe_in_attachments_is_never_published(tmp_path: Path, alarm: None) -> None:
    records = corpus(tmp_path)
    os.mkfifo(records / "attachments" / "scan.pdf")
    assert "scan.pdf" not in attachment_files(records)
    assert "2025-03-20-council-letter.txt" in attachment_files(records)


def test_a_file_that_vanishes_before_it_is_read_is_reported(tmp_path: Path) -> None:
    records = corpus(tmp_path)
    problems = Problems()
    kind, path = record_paths(records, problems)[0]
    path.unlink()
    assert read_record_file(kind, path, problems) is None
    assert [p.code for p in problems.items] == ["file.unreadable"]


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied, simulated: the tests may run as root, who is never denied."""
    records = corpus(tmp_path)
    (records / "letters" / "2024").mkdir()
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "2024":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(loading.os, "scandir", scandir)
    got, problems, _ = check_here(tmp_path, monkeypatch)
    assert got == {"records/letters/2024:1:1: error [file.unreadable]"}
    assert problems.items[0].message == "the folder cannot be read: Permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may read any folder")
def test_a_folder_without_read_permission_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = corpus(tmp_path)
    locked = records / "letters" / "locked"
    locked.mkdir()
    (locked / "2025-10-30-locked.md").write_text(document("locked"), encoding="utf-8")
    locked.chmod(0)
    try:
        got, _, _ = check_here(tmp_path, monkeypatch)
    finally:
        locked.chmod(0o755)
    assert got == {"records/letters/locked:1:1: error [file.unreadable]"}


# Links: followed inside the folder, reported at the link outside it, loops end.


@needs_links
def test_a_linked_folder_inside_the_records_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = corpus(tmp_path)
    (records / ".shared").mkdir()
    (records / ".shared" / "2025-10-31-shared-statement.md").write_text(document("shared"), encoding="utf-8")
    (records / "documents" / "shared").symlink_to("../.shared")
    got, _, ids = check_here(tmp_path, monkeypatch)
    assert got == set()
    assert "2025-10-31-shared-statement" in ids
    found = {str(path) for _, path in record_paths(Path("records"), Problems())}
    assert "records/documents/shared/2025-10-31-shared-statement.md" in found


@needs_links
def test_a_records_folder_that_is_a_link_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus(tmp_path / "real")
    (tmp_path / "records").symlink_to(tmp_path / "real" / "records")
    (tmp_path / "real" / "records" / "documents" / "same").symlink_to("../letters")
    got, _, ids = check_here(tmp_path, monkeypatch)
    assert got == {"records/documents/same:1:1: warning [file.repeated-folder]"}
    assert "2025-03-20-council-letter-on-face-recognition" in ids


@needs_links
def test_link_loops_end_and_each_folder_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every folder links to every other and to the top: the walk ends, no record is read twice."""
    records = corpus(tmp_path)
    folders = sorted(p for p in records.iterdir() if p.is_dir() and p.name != "attachments")
    for folder in folders:
        for other in folders:
            (folder / f"to-{other.name}").symlink_to(f"../{other.name}")
        (folder / "to-top").symlink_to("..")
        (folder / "to-self").symlink_to(".")
    before, _, before_ids = check_here(tmp_path, monkeypatch)
    assert {line.split(":")[0].rsplit("/", 1)[1] for line in before} == {
        *(f"to-{f.name}" for f in folders),
        "to-top",
        "to-self",
    }
    assert all(line.endswith("warning [file.repeated-folder]") for line in before)
    assert len(before) == len(folders) * (len(folders) + 2)
    assert len(before_ids) == 22 and "record.duplicate-id" not in str(before)


@needs_links
def test_a_chain_of_links_through_hidden_folders_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = corpus(tmp_path)
    (records / ".a").mkdir()
    (records / ".b").mkdir()
    (records / ".a" / "to-b").symlink_to("../.b")
    (records / ".b" / "to-a").symlink_to("../.a")
    (records / ".b" / "2025-10-31-deep.md").write_text(document("deep"), encoding="utf-8")
    (records / "documents" / "a").symlink_to("../.a")
    got, _, ids = check_here(tmp_path, monkeypatch)
    assert got == {"records/documents/a/to-b/to-a:1:1: warning [file.repeated-folder]"}
    assert "2025-10-31-deep" in ids


@needs_links
def test_links_leading_out_are_reported_at_the_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = corpus(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2025-10-31-outside.md").write_text(document("outside"), encoding="utf-8")
    (records / "documents" / "outside").symlink_to(outside)
    (records / "documents" / "2025-10-31-outside.md").symlink_to(outside / "2025-10-31-outside.md")
    (records / "letters" / "dangling").symlink_to(tmp_path / "nowhere")
    (outside / "site.yml").write_text("site_name: Elsewhere\n", encoding="utf-8")
    (records / "site.yml").symlink_to(outside / "site.yml")
    got, _, ids = check_here(tmp_path, monkeypatch)
    assert got == {
        "records/documents/outside:1:1: error [file.outside-records]",
        "records/documents/2025-10-31-outside.md:1:1: error [file.outside-records]",
        "records/letters/dangling:1:1: error [file.outside-records]",
        "records/site.yml:1:1: error [file.outside-records]",
    }
    assert "2025-10-31-outside" not in ids


@needs_links
def test_attachments_linked_out_are_reported_and_not_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = corpus(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for publication", encoding="utf-8")
    attachments = records / "attachments"
    (attachments / "secret.txt").symlink_to(outside / "secret.txt")
    (attachments / "outside").symlink_to(outside)
    (attachments / "records-readme.txt").symlink_to("../README.md")
    (attachments / ".hidden").mkdir()
    (attachments / ".hidden" / "memo.txt").write_text("a draft", encoding="utf-8")
    (attachments / "memo.txt").symlink_to(".hidden/memo.txt")
    (attachments / "same.txt").symlink_to("2025-03-20-council-letter.txt")
    (attachments / ".env").write_text("TOKEN=x", encoding="utf-8")
    got, _, _ = check_here(tmp_path, monkeypatch)
    assert got == {
        "records/attachments/secret.txt:1:1: error [file.outside-records]",
        "records/attachments/outside:1:1: error [file.outside-records]",
        "records/attachments/records-readme.txt:1:1: error [file.outside-records]",
        "records/attachments/memo.txt:1:1: error [attachment.hidden]",
    }
    assert attachment_files(Path("records")) == ["2025-03-20-council-letter.txt", "same.txt"]


@needs_links
def test_an_attachments_folder_linked_out_is_reported_and_nothing_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = corpus(tmp_path)
    outside = tmp_path / "elsewhere"
    (records / "attachments").rename(outside)
    (records / "attachments").symlink_to(outside)
    assert attachment_files(records) == []
    got, _, _ = check_here(tmp_path, monkeypatch)
    assert "records/attachments:1:1: error [file.outside-records]" in got


@needs_links
def test_an_attachments_folder_linked_inside_is_published(tmp_path: Path) -> None:
    records = corpus(tmp_path)
    (records / "attachments").rename(records / ".attachments")
    (records / "attachments").symlink_to(".attachments")
    assert attachment_files(records) == ["2025-03-20-council-letter.txt"]
    assert check_records(records)[1].items == []


# Names: hidden, not UTF-8, too long, a folder named like a file.


def test_hidden_files_are_neither_read_nor_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editors, version control and the system write them (``.#a.md``, ``._a.md``, ``.git/``)."""
    records = corpus(tmp_path)
    (records / "letters" / ".draft.md").write_text("not: [a record", encoding="utf-8")
    (records / ".git").mkdir()
    (records / ".git" / "config").write_text("[core]", encoding="utf-8")
    (records / "attachments" / ".notes.txt").write_text("private", encoding="utf-8")
    (records / "attachments" / ".drafts").mkdir()
    (records / "attachments" / ".drafts" / "memo.txt").write_text("private", encoding="utf-8")
    got, _, ids = check_here(tmp_path, monkeypatch)
    assert got == set()
    assert ".draft" not in ids
    assert attachment_files(Path("records")) == ["2025-03-20-council-letter.txt"]


@pytest.mark.skipif(sys.platform in {"win32", "darwin"}, reason="the file system must take any bytes in a name")
def test_names_that_are_not_utf8_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = corpus(tmp_path)
    base = os.fsencode(records)
    (Path(os.fsdecode(base + b"/letters/2025-10-30-caf\xe9.md"))).write_text(document("cafe"), encoding="utf-8")
    Path(os.fsdecode(base + b"/letters/\xff")).mkdir()
    Path(os.fsdecode(base + b"/letters/\xff/2025-10-30-inside.md")).write_text(document("in"), encoding="utf-8")
    Path(os.fsdecode(base + b"/attachments/scan-\xff.pdf")).write_bytes(b"%PDF")
    got, problems, _ = check_here(tmp_path, monkeypatch)
    assert got == {
        "records/letters/2025-10-30-caf\\xe9.md:1:1: error [file.encoding]",
        "records/letters/\\xff:1:1: error [file.encoding]",
        "records/attachments/scan-\\xff.pdf:1:1: error [file.encoding]",
    }
    problems.report().encode("utf-8")  # no lone surrogate left to fail printing
    assert attachment_files(Path("records")) == ["2025-03-20-council-letter.txt"]


def test_an_id_too_long_is_reported_with_a_shorter_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = corpus(tmp_path)
    at_limit = "2025-10-31-" + "a" * (MAX_ID_LENGTH - 11)
    too_long = "2025-10-31-" + "-".join(["word"] * 40)
    for record_id in (at_limit, too_long):
        (records / "documents" / f"{record_id}.md").write_text(document(record_id[:20]), encoding="utf-8")
    got, problems, _ = check_here(tmp_path, monkeypatch)
    assert got == {f"records/documents/{too_long}.md:1:1: error [record.id-too-long]"}
    hint = problems.items[0].hint or ""
    suggested = hint.split("'")[1].removesuffix(".md")
    assert ID_PATTERN.match(suggested) and len(suggested) <= MAX_ID_LENGTH, hint
    assert too_long.startswith(suggested)


def test_an_invalid_id_too_long_gets_a_valid_suggestion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = corpus(tmp_path)
    (records / "documents" / ("2025_10_31_" + "A" * 150 + ".md")).write_text(document("x"), encoding="utf-8")
    _, problems, _ = check_here(tmp_path, monkeypatch)
    assert sorted(p.code for p in problems.errors) == ["record.id-too-long", "record.invalid-id"]
    for problem in problems.errors:
        suggested = (problem.hint or "").split("'")[1].removesuffix(".md")
        assert ID_PATTERN.match(suggested) and len(suggested) <= MAX_ID_LENGTH, problem.hint


def test_a_folder_named_like_a_record_is_reported_and_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = corpus(tmp_path)
    (records / "documents" / "2025-10-31-folder.md").mkdir()
    inside = records / "documents" / "2025-10-31-folder.md" / "2025-10-31-inside.md"
    inside.write_text(document("inside"), encoding="utf-8")
    got, _, ids = check_here(tmp_path, monkeypatch)
    assert got == {"records/documents/2025-10-31-folder.md:1:1: error [file.unreadable]"}
    assert "2025-10-31-inside" in ids


def test_a_records_folder_that_is_a_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "records").write_text("not a folder", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, problems = load_corpus(Path("records"))
    assert [(p.code, p.message) for p in problems.items] == [
        ("file.no-records-folder", "the records folder is not a folder")
    ]


def test_deeply_nested_folders_do_not_exhaust_the_stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = corpus(tmp_path)
    depth = 1100  # beyond Python's default recursion limit (1000), and within PATH_MAX (4096)
    monkeypatch.chdir(records / "documents")
    for _ in range(depth):  # os.makedirs and Path.mkdir(parents=True) recurse: one level at a time
        os.mkdir("d")
        os.chdir("d")
    Path("2025-10-31-deep.md").write_text(document("deep"), encoding="utf-8")
    try:
        got, _, ids = check_here(tmp_path, monkeypatch)
        assert got == set()
        assert "2025-10-31-deep" in ids
    finally:  # shutil.rmtree recurses too: take the tree down from the bottom
        os.chdir(records / "documents")
        for _ in range(depth):
            os.chdir("d")
        os.remove("2025-10-31-deep.md")
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")


# Terminal safety: nothing printed holds a raw control or bidirectional character.


@pytest.mark.skipif(sys.platform == "win32", reason="the file names hold characters Windows refuses")
def test_cli_report_shows_control_and_bidi_characters_escaped(tmp_path: Path) -> None:
    records = corpus(tmp_path)
    esc_name = "2025-10-31-\x1b[2J\x1b[H\u202eevil\x9b\r.md"
    (records / "documents" / esc_name).write_text(
        "---\n"
        'title: "\\e[2J\\e[HNo problems found.\u202e"\n'
        "date: 2025-10-31\n"
        'kind: "\\e[31mred\u2066"\n'
        '"\\e[1A\\rNo problems found.\u202e\u200f": 1\n'
        "summary: x\n"
        "sources:\n  - url: https://example.org\n    title: t\n    kind: primary\n"
        "---\n",
        encoding="utf-8",
    )
    (records / "people" / "ada-\u2067x\u061c.yml").write_text("name: \u202eAda\nzzz\u202d: 1\n", encoding="utf-8")
    (records / "unknown\x07\x85").mkdir()
    (records / "unknown\x07\x85" / "file\x7f.md").write_text("x", encoding="utf-8")
    result = run_check("--records", str(records))
    assert result.returncode == 1
    assert result.stdout == ""
    report = result.stderr
    report.encode("utf-8")  # strict: no stray bytes either (they would be read back as surrogates)
    assert "Traceback" not in report
    lines = report.splitlines()
    assert unsafe_characters(report.replace("\n", "")) == []
    assert len(lines) == report.count("\n")  # no \r, \x85, \u2028 or the like breaks a line
    assert "\\x1b[2J\\x1b[H\\u202eevil\\x9b\\r.md" in report
    assert "\\u2067" in report and "\\u061c" in report and "\\x07\\x85" in report and "file\\x7f.md" in report
    assert lines[-1].startswith(tuple("0123456789")) and "errors" in lines[-1]


_text = st.text(st.one_of(st.sampled_from(DANGEROUS), st.characters(exclude_categories=[])))


@given(path=_text, message=_text, hint=st.none() | _text, code=_text, warning=st.booleans())
def test_a_formatted_problem_never_holds_a_control_or_bidi_character(
    path: str, message: str, hint: str | None, code: str, warning: bool
) -> None:
    severity = Severity.WARNING if warning else Severity.ERROR
    problem = Problem(path, 3, 7, code, message, hint, severity)
    text = problem.format()
    lines = text.split("\n")
    assert len(lines) == (2 if hint else 1)
    assert all(unsafe_characters(line) == [] for line in lines), text
    text.encode("utf-8")
    problems = Problems([problem])
    for line in problems.report().split("\n"):
        assert unsafe_characters(line) == []


@given(name=_text.filter(lambda s: "/" not in s and "\x00" not in s and s not in {"", ".", ".."}))
def test_display_path_never_holds_a_control_or_bidi_character(name: str) -> None:
    shown = display_path(Path("records") / name)
    assert unsafe_characters(shown) == []
    shown.encode("utf-8")


def test_escaping_is_readable_and_stable() -> None:
    problem = Problem("a\x1bb\u202e\udcff.md", 1, 1, "c", "line\nbreak\r\ttab\x85", "\u2028")
    assert problem.path == "a\\x1bb\\u202e\\xff.md"
    assert problem.message == "line\\nbreak\\r\\ttab\\x85"
    assert problem.hint == "\\u2028"
    assert Problem(problem.path, 1, 1, "c", problem.message).message == problem.message
    assert Problem("café–ü.md", 1, 1, "c", "“quoted” — ok").format() == "café–ü.md:1:1: error [c]: “quoted” — ok"

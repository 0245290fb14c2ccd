"""Record history from git: committed history only, one pass, and an untrusted repository
that cannot make git run anything; anything unusual means "no history", never a failure."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from civic_record import record_history as history_module
from civic_record.record_history import FileHistory, parse_log, record_history

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")

JAN = "2026-01-01T12:00:00Z"
FEB = "2026-02-01T12:00:00Z"
MAR = "2026-03-01T12:00:00Z"


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def git(repo: Path, *args: str, date: str = JAN, author_date: str | None = None) -> str:
    """git as a test's author runs it: fixed dates and identity, none of this machine's config."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Clerk",
        "GIT_AUTHOR_EMAIL": "clerk@example.org",
        "GIT_COMMITTER_NAME": "Clerk",
        "GIT_COMMITTER_EMAIL": "clerk@example.org",
        "GIT_AUTHOR_DATE": author_date or date,
        "GIT_COMMITTER_DATE": date,
        "LC_ALL": "C",
    }
    command = ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "core.hooksPath=/dev/null"]
    done = subprocess.run([*command, *args], cwd=repo, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def init_repo(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q")
    return folder


def commit_all(repo: Path, date: str, message: str = "records", author_date: str | None = None) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, date=date, author_date=author_date)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_parse_log_reads_each_commit_date_and_its_paths() -> None:
    out = b'\x011767787200\x00\na/x.md\x00a/y "\xc3\xa9".md\x00\x011767268800\x00\na/x.md\x00'
    assert parse_log(out) == {"a/x.md": (1767268800, 1767787200), 'a/y "é".md': (1767787200, 1767787200)}
    assert parse_log(b"") == {}
    # Paths before any commit line, or a header git never writes, are not dates.
    assert parse_log(b"stray\x00\x01x\x00") == {}


@needs_git
def test_first_and_last_committer_dates_of_files_inside_the_folder_only(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    records = repo / "records"
    write(records / "letters" / "a.md", "one\n")
    write(repo / "outside.md", "not a record\n")
    commit_all(repo, JAN, author_date="2019-05-05T00:00:00Z")
    write(records / "letters" / "a.md", "one, corrected\n")
    write(records / "letters" / "b.md", "two\n")
    write(repo / "outside.md", "changed\n")
    commit_all(repo, FEB)
    history = record_history(records)
    # Committer dates (the author date of the first commit is 2019), paths relative to the folder.
    assert history == {
        "letters/a.md": FileHistory(utc(JAN), utc(FEB)),
        "letters/b.md": FileHistory(utc(FEB), utc(FEB)),
    }


def test_parse_log_does_not_count_a_formatting_commit_as_a_change() -> None:
    # Newest first, as git writes it: a formatting commit (its trailer value "format"), then the
    # commit that added both files; y.md was edited by a later commit, also marked "Format".
    out = (
        b"\x011767787200\x02format\x00\na/x.md\x00a/y.md\x00"
        b"\x011767500000\x02other,Format\x00\na/y.md\x00"
        b"\x011767268800\x02\x00\na/x.md\x00a/y.md\x00"
    )
    assert parse_log(out) == {"a/x.md": (1767268800, 1767268800), "a/y.md": (1767268800, 1767268800)}


@needs_git
def test_a_commit_marked_as_formatting_leaves_feed_dates_alone(tmp_path: Path) -> None:
    """``build_site.py fmt`` rewrites every file; committed with ``Civic-Record-Change: format``,
    no record reads as updated, and a real change after it still does."""
    records = init_repo(tmp_path / "records")
    write(records / "a.yml", "title: 'a'\n")
    write(records / "b.yml", "title: 'b'\n")
    commit_all(records, JAN)
    write(records / "a.yml", "title: a\n")
    write(records / "b.yml", "title: b\n")
    commit_all(records, FEB, message="Records in their canonical form\n\nCivic-Record-Change: format")
    assert record_history(records) == {
        "a.yml": FileHistory(utc(JAN), utc(JAN)),
        "b.yml": FileHistory(utc(JAN), utc(JAN)),
    }
    write(records / "b.yml", "title: b, corrected\n")
    commit_all(records, MAR)
    assert record_history(records)["b.yml"] == FileHistory(utc(JAN), utc(MAR))


@needs_git
def test_only_committed_history_counts(tmp_path: Path) -> None:
    records = init_repo(tmp_path / "records")
    write(records / "a.yml", "title: a\n")
    commit_all(records, JAN)
    before = record_history(records)
    write(records / "a.yml", "title: a, edited, not committed\n")
    write(records / "staged.yml", "title: staged\n")
    git(records, "add", "staged.yml")
    write(records / "untracked.yml", "title: untracked\n")
    assert record_history(records) == before == {"a.yml": FileHistory(utc(JAN), utc(JAN))}


@needs_git
def test_a_record_merged_from_a_branch_enters_the_record_when_merged(tmp_path: Path) -> None:
    records = init_repo(tmp_path / "records")
    write(records / "a.yml", "title: a\n")
    commit_all(records, JAN)
    git(records, "checkout", "-q", "-b", "draft")
    write(records / "b.yml", "title: b\n")
    commit_all(records, FEB)
    git(records, "checkout", "-q", "main")
    git(records, "merge", "-q", "--no-ff", "-m", "merge", "draft", date=MAR)
    assert record_history(records)["b.yml"] == FileHistory(utc(MAR), utc(MAR))


@needs_git
def test_no_usable_history_is_no_history(tmp_path: Path) -> None:
    plain = write(tmp_path / "plain" / "a.yml", "title: a\n").parent
    assert record_history(plain) == {}
    assert record_history(tmp_path / "missing") == {}
    empty = init_repo(tmp_path / "empty")
    write(empty / "a.yml", "title: a\n")
    assert record_history(empty) == {}  # no commit yet
    full = init_repo(tmp_path / "full")
    write(full / "a.yml", "title: a\n")
    commit_all(full, JAN)
    write(full / "b.yml", "title: b\n")
    commit_all(full, FEB)
    assert record_history(full / ".git") == {}  # not a work tree
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", (full.as_uri()), str(shallow))
    assert (shallow / "b.yml").is_file()
    assert record_history(shallow) == {}


@needs_git
def test_inherited_git_variables_are_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = init_repo(tmp_path / "records")
    write(records / "a.yml", "title: a\n")
    commit_all(records, JAN)
    other = init_repo(tmp_path / "other")
    write(other / "a.yml", "title: other\n")
    commit_all(other, MAR)
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", "'log.showroot'='false'")
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "core.fsmonitor")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "touch")
    assert record_history(records) == {"a.yml": FileHistory(utc(JAN), utc(JAN))}


def fake_git(folder: Path, script: str) -> Path:
    """A folder holding only a ``git`` that runs ``script``."""
    folder.mkdir()
    program = write(folder / "git", f"#!/bin/sh\n{script}\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return folder


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for git")
def test_git_missing_failing_or_hanging_is_no_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = write(tmp_path / "records" / "a.yml", "title: a\n").parent
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    assert record_history(records) == {}
    monkeypatch.setenv(
        "PATH", str(fake_git(tmp_path / "failing", "echo 'fatal: detected dubious ownership' >&2; exit 128"))
    )
    assert record_history(records) == {}
    monkeypatch.setenv("PATH", str(fake_git(tmp_path / "garbage", "printf 'not what git says'")))
    assert record_history(records) == {}
    monkeypatch.setenv("PATH", str(fake_git(tmp_path / "hanging", "exec sleep 30")))
    monkeypatch.setattr(history_module, "GIT_TIMEOUT", 0.5)
    assert record_history(records) == {}


def sign_head(repo: Path) -> None:
    """Give HEAD a (fake) signature, so that showing signatures would run ``gpg.program``."""
    commit = git(repo, "cat-file", "commit", "HEAD")
    header, _, message = commit.partition("\n\n")
    signature = "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----"
    signed = f"{header}\n{signature}\n\n{message}"
    done = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=repo,
        input=signed,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ.get("PATH", ""), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull},
    )
    git(repo, "update-ref", "HEAD", done.stdout.strip())


@needs_git
@pytest.mark.skipif(os.name != "posix", reason="shell scripts stand in for the hostile programs")
def test_a_hostile_repository_config_runs_nothing(tmp_path: Path) -> None:
    records = init_repo(tmp_path / "records")
    write(records / "a.yml", "title: a\n")
    write(records / ".gitattributes", "*.yml diff=evil\n")
    commit_all(records, JAN)
    write(records / "a.yml", "title: a, corrected\n")
    commit_all(records, FEB)
    sign_head(records)
    ran = tmp_path / "ran"
    script = write(tmp_path / "evil.sh", f'#!/bin/sh\necho "$0 $*" >> "{ran}"\nexit 0\n')
    script.chmod(0o755)
    hooks = tmp_path / "hooks"
    for hook in ("post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc"):
        shutil.copy(script, write(hooks / hook, ""))
        (hooks / hook).chmod(0o755)
    with (records / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write(
            f"[core]\n\tfsmonitor = {script}\n\thooksPath = {hooks}\n\tpager = {script}\n"
            f"[log]\n\tshowSignature = true\n[gpg]\n\tprogram = {script}\n"
            f"[diff]\n\texternal = {script}\n"
            f'[diff "evil"]\n\ttextconv = {script}\n\tcommand = {script}\n'
            f"[pager]\n\tlog = {script}\n"
        )
    # The trap is live: git run as usual on this repository runs the script.
    git(records, "log", "-1", "--format=%H")
    assert ran.exists()
    ran.unlink()
    history = record_history(records)
    assert not ran.exists(), ran.read_text(encoding="utf-8")
    assert history["a.yml"] == FileHistory(utc(JAN), utc(FEB))

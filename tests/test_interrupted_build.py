"""A build interrupted (SIGINT, SIGTERM) or killed (SIGKILL) leaves the previous site exactly as
it was; SIGINT and SIGTERM end it with 130 and 143, and the next build clears what it left.

Nothing here depends on timing: the build stops itself at a known point, from a MkDocs hook in
its configuration (a copy of this project's ``mkdocs.yml``), once MkDocs has written every page
into the staging folder: ``os.kill(os.getpid(), SIGSTOP)``. The test waits until the process is
stopped (``os.waitpid`` with ``WUNTRACED``: no polling, no sleep), checks that the staging folder
is there, sends the signal and lets the process go on (SIGCONT).

The "finalizer" variant stops inside an object's ``__del__``: the exception the SIGINT handler
raises there is lost (Python prints it and carries on), as it was once under load in a real
build, which then published and exited 0. The build must still stop, from the handler's record.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from civic_record import build
from civic_record.site_folder import MARKER_NAME, MARKER_TEXT, is_marked
from tests.building import PINNED_TODAY, ROOT, run_build
from tests.cases import corpus_with
from tests.test_site import tree_hashes

HOOK = '''"""Test hook: the build stops itself once MkDocs has written every page."""

import os
import signal


class StopWhenCollected:
    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGSTOP)  # an exception raised in here is lost


def on_post_build(config, **kwargs):
    if {finalizer!r}:
        StopWhenCollected()  # collected at once: __del__ runs here
    else:
        os.kill(os.getpid(), signal.SIGSTOP)
'''

STATEMENT = """---
title: "A statement the interrupted build must not publish"
date: 2025-09-01
kind: statement
summary: "Added after the previous site was built."
sources:
  - url: "https://example.org/statements/unpublished"
    title: "Unpublished statement"
    kind: press
---
Text of the statement.
"""


def _stopping_config(folder: Path, finalizer: bool) -> Path:
    """A copy of this project's configuration (``docs/``, ``overrides/``) with the stopping hook."""
    folder.mkdir()
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    (folder / "stop_hook.py").write_text(HOOK.format(finalizer=finalizer), encoding="utf-8")
    config = folder / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(f"{text}\nhooks:\n  - stop_hook.py\n", encoding="utf-8")
    return config


def _start_stopped_build(records: Path, site: Path, config: Path) -> subprocess.Popen[str]:
    """Start a build and return once it has stopped itself with its staging folder full."""
    arguments = ["--records", str(records), "--site-dir", str(site), "--config", str(config)]
    process = subprocess.Popen(
        [sys.executable, "build_site.py", "build", *arguments],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CIVIC_RECORD_TODAY": PINNED_TODAY},
    )
    pid, status = os.waitpid(process.pid, os.WUNTRACED)  # returns once stopped (or ended)
    if not os.WIFSTOPPED(status):
        process.returncode = os.waitstatus_to_exitcode(status)
        pytest.fail(f"the build ended ({process.returncode}) before its hook stopped it: {process.stderr.read()}")
    staging = site.parent / f".{site.name}.building-{pid}"
    assert staging.is_dir() and is_marked(staging), "the stopped build has no marked staging folder"
    assert (staging / "index.html").is_file(), "MkDocs had not written the pages yet"
    return process


@pytest.mark.parametrize(
    ("how", "finalizer"),
    [
        pytest.param(signal.SIGINT, False, id="SIGINT"),
        pytest.param(signal.SIGTERM, False, id="SIGTERM"),
        pytest.param(signal.SIGKILL, False, id="SIGKILL"),
        pytest.param(signal.SIGINT, True, id="SIGINT-lost-in-finalizer"),
        pytest.param(signal.SIGTERM, True, id="SIGTERM-lost-in-finalizer"),
    ],
)
def test_interrupted_build_leaves_previous_site_byte_identical(
    tmp_path: Path, how: signal.Signals, finalizer: bool
) -> None:
    site = tmp_path / "site"
    records = corpus_with(tmp_path, [])
    decoys = {
        name: tmp_path / name / "keep.txt" for name in (".site.old-99999999", ".something.old-1234", ".site.building-x")
    }
    for path in decoys.values():
        path.parent.mkdir()
        path.write_text("not the tool's\n", encoding="utf-8")
    assert run_build(records, site).returncode == 0
    before = tree_hashes(site)
    newer = tmp_path / "newer"
    shutil.copytree(records, newer / "records")
    (newer / "records" / "documents" / "2025-09-01-unpublished-statement.md").write_text(STATEMENT, encoding="utf-8")

    process = _start_stopped_build(newer / "records", site, _stopping_config(tmp_path / "project", finalizer))
    staging = tmp_path / f".site.building-{process.pid}"
    process.send_signal(how)
    if how != signal.SIGKILL:
        os.kill(process.pid, signal.SIGCONT)
    _, stderr = process.communicate()

    assert tree_hashes(site) == before
    if how == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL
        assert staging.is_dir(), "nothing left to clean up: the test did not kill a build mid-way"
    else:
        assert process.returncode == 128 + how, stderr
        assert f"error: interrupted by {how.name}" in stderr
        assert f"Nothing was published; {site} is unchanged." in stderr
        assert not staging.exists(), "the interrupted build left its staging folder"
        if not finalizer:
            assert "Traceback" not in stderr
    # The next build clears what the interrupted one left behind and publishes normally.
    assert run_build(records, site).returncode == 0
    assert sorted(p.name for p in tmp_path.glob(".site.*")) == [".site.building-x", ".site.old-99999999"]
    assert all(path.read_text(encoding="utf-8") == "not the tool's\n" for path in decoys.values())
    assert tree_hashes(site) == before


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_stop_signals_are_recorded_even_when_their_exception_is_lost() -> None:
    """The root cause, in-process: the handler's exception vanishes inside ``__del__``, and the
    record still stops the build at its next check; the previous handlers come back after."""
    previous = signal.getsignal(signal.SIGINT)

    class Collected:
        def __del__(self) -> None:
            signal.raise_signal(signal.SIGINT)

    with build._StopSignals() as signals:
        Collected()  # the handler runs in __del__: its _Interrupted is printed and dropped
        assert signals.received == signal.SIGINT
        with pytest.raises(build._Interrupted):
            signals.check()
        signal.raise_signal(signal.SIGTERM)  # after the first: recorded only, clean-up goes on
    assert signal.getsignal(signal.SIGINT) is previous


def test_stop_signal_after_the_commit_is_recorded_not_raised() -> None:
    """Past the point of no return (right before the swap), a signal cannot stop the swap
    half-way: it is recorded, and the build reports it after the site is in place."""
    with build._StopSignals() as signals:
        signals.commit()  # nothing received yet: the swap may go ahead
        signal.raise_signal(signal.SIGTERM)
        assert signals.received == signal.SIGTERM
    with build._StopSignals(), pytest.raises(build._Interrupted):
        signal.raise_signal(signal.SIGINT)


def test_stop_signal_before_the_commit_stops_the_swap() -> None:
    with build._StopSignals() as signals:
        signals.disarm()  # even when its exception was lost, the record stops the swap
        signal.raise_signal(signal.SIGINT)
        with pytest.raises(build._Interrupted):
            signals.commit()


def test_every_site_carries_the_same_marker(tmp_path: Path) -> None:
    """The marker is part of the site, so it holds fixed bytes (no date, no process id): two
    builds stay byte-identical (tests/test_site.py::test_two_builds_are_byte_identical)."""
    records = corpus_with(tmp_path, [])
    assert run_build(records, tmp_path / "site").returncode == 0
    assert (tmp_path / "site" / MARKER_NAME).read_bytes() == MARKER_TEXT
    assert not re.search(rb"\d", MARKER_TEXT)


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_once_the_site_is_published_does_not_change_the_status(tmp_path: Path, how: int) -> None:
    """After "Built N records", the new site is in place: a late Ctrl-C (however late, even while
    the interpreter shuts down) leaves the status 0 that says so, never 130/143."""
    records = corpus_with(tmp_path, [])
    site = tmp_path / "site"
    process = subprocess.Popen(
        [sys.executable, "build_site.py", "build", "--records", str(records), "--site-dir", str(site)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CIVIC_RECORD_TODAY": PINNED_TODAY},
    )
    assert process.stderr is not None
    lines = []
    for line in process.stderr:
        lines.append(line)
        if line.startswith("Built "):
            process.send_signal(how)
            break
    rest = process.stderr.read()
    assert process.wait(timeout=120) == 0, "".join(lines) + rest
    assert is_marked(site) and (site / "index.html").is_file()

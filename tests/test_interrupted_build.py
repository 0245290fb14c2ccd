"""A build killed or interrupted during the MkDocs stage leaves the previous site exactly as it was."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.building import PINNED_TODAY, RECORDS, ROOT, run_build
from tests.test_site import tree_hashes

DOCUMENT = """---
title: "Generated statement {n}"
date: 2025-03-01
kind: statement
summary: "A generated statement that makes the build long enough to interrupt."
sources:
  - url: "https://example.org/statements/{n}"
    title: "Statement {n}"
    kind: press
---
Text of statement {n}.
"""


def _large_corpus(folder: Path, extra: int = 600) -> Path:
    records = folder / "records"
    shutil.copytree(RECORDS, records)
    for n in range(extra):
        (records / "documents" / f"2025-03-01-generated-statement-{n:04d}.md").write_text(
            DOCUMENT.format(n=n), encoding="utf-8"
        )
    return records


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_build_leaves_previous_site_byte_identical(tmp_path: Path, how: signal.Signals) -> None:
    site = tmp_path / "site"
    assert run_build(RECORDS, site).returncode == 0
    before = tree_hashes(site)
    records = _large_corpus(tmp_path)
    build = subprocess.Popen(
        [sys.executable, "build_site.py", "build", "--records", str(records), "--site-dir", str(site)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "CIVIC_RECORD_TODAY": PINNED_TODAY},
    )
    deadline = time.monotonic() + 60
    staged: list[Path] = []
    while time.monotonic() < deadline and build.poll() is None:
        # MkDocs is writing pages into the staging folder: interrupt it there.
        staged = [p for p in tmp_path.glob(".site.building-*") if any(p.rglob("*.html"))]
        if staged:
            break
        time.sleep(0.01)
    assert staged and build.poll() is None, "the build ended before it could be interrupted"
    build.send_signal(how)
    build.wait(timeout=60)
    assert build.returncode != 0
    assert tree_hashes(site) == before
    # The next build clears what the interrupted one left behind and publishes normally.
    assert run_build(RECORDS, site).returncode == 0
    assert not list(tmp_path.glob(".site.*")), "a staging folder was left behind"
    assert tree_hashes(site) == before

"""Building a site the way a user does, for tests: ``build_site.py build`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "records"
PINNED_TODAY = "2026-11-26"

SHIPPED_ENVIRONMENT = {"CIVIC_RECORD_SEARCH_PART_PAGES": "8"}
"""How the shared build of the shipped records is made (``conftest.shipped_site``): its search
index in parts of a few pages, so that the browser tests search an index in several parts,
merged, as a large corpus's is (the demonstration site keeps one part). A test that builds
the shipped records again to compare with it builds them the same way."""


def run_build(
    records: Path, site_dir: Path, *extra: str, environment: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "build_site.py"),
            "build",
            "--records",
            str(records),
            "--site-dir",
            str(site_dir),
            "--config",
            str(ROOT / "mkdocs.yml"),
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CIVIC_RECORD_TODAY": PINNED_TODAY, **(environment or {})},
        check=False,
    )


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    """``build_site.py check`` as a user runs it (without the pinned day, which ``check`` does
    not need); the timeout only stops a hang from stalling the suite."""
    env = {k: v for k, v in os.environ.items() if k not in {"CIVIC_RECORD_TODAY", "SOURCE_DATE_EPOCH"}}
    return subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "check", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        env=env,
        timeout=120,
        check=False,
    )


def build_for_reading(folder: Path, records: Path, *extra: str) -> Path:
    """Build ``records`` into ``folder/site`` and return it; a failed build fails the test."""
    site = folder / "site"
    result = run_build(records, site, *extra)
    assert result.returncode == 0, result.stderr
    return site

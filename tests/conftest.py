"""Shared test paths, and the Hypothesis profiles."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests look for new bugs on developers' machines (random examples, remembered in
# .hypothesis/ once they fail) and replay the same examples in CI, so that a CI run's result
# depends on the commit alone. `.ci/run` sets HYPOTHESIS_PROFILE=ci; so does any CI service
# that sets CI=true. A failure found on a developer's machine is pinned with @example.
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "dev",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
_IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _IN_CI else "dev"))

# Every build in the tests (and the builds they start) makes the pages an incremental build
# would copy because nothing they read changed, and fails if one differs (page_reads): an
# input missed by the reads is a failed test, not a stale page.
os.environ["CIVIC_RECORD_VERIFY_READS"] = "1"

# The commands the tests run keep what they checked (checked_files) in a folder of this test
# run's own, never in the user's cache: each command after the first takes from it, so the
# suite's reports are made through the cache, and the cache's tests compare them with none.
_CACHE = tempfile.mkdtemp(prefix="civic-record-test-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
os.environ["CIVIC_RECORD_CACHE"] = _CACHE

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = FIXTURES / "corpus" / "records"
"""A small, valid, fictional corpus (Riverton): zero errors and zero warnings."""
BAD = FIXTURES / "bad"
"""One folder per bad-input case, applied on top of a copy of ``CORPUS``."""


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped Milwaukee records built once, as ``build_site.py build`` does, for reading."""
    from tests.building import RECORDS, SHIPPED_ENVIRONMENT, run_build

    target = tmp_path_factory.mktemp("shipped") / "site"
    result = run_build(RECORDS, target, environment=SHIPPED_ENVIRONMENT)
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional demonstration corpus built once, as the README says to build it."""
    from tests.building import ROOT, build_for_reading

    return build_for_reading(tmp_path_factory.mktemp("demo"), ROOT / "examples" / "demo" / "records")

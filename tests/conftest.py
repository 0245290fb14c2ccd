"""Shared test paths."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = FIXTURES / "corpus" / "records"
"""A small, valid, fictional corpus (Riverton): zero errors and zero warnings."""
BAD = FIXTURES / "bad"
"""One folder per bad-input case, applied on top of a copy of ``CORPUS``."""


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped Milwaukee records built once, as ``build_site.py build`` does, for reading."""
    from tests.building import RECORDS, run_build

    target = tmp_path_factory.mktemp("shipped") / "site"
    result = run_build(RECORDS, target)
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional demonstration corpus built once, as the README says to build it."""
    from tests.building import ROOT, build_for_reading

    return build_for_reading(tmp_path_factory.mktemp("demo"), ROOT / "examples" / "demo" / "records")

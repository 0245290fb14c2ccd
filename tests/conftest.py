"""Shared test paths."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = FIXTURES / "corpus" / "records"
"""A small, valid, fictional corpus (Riverton): zero errors and zero warnings."""
BAD = FIXTURES / "bad"
"""One folder per bad-input case, applied on top of a copy of ``CORPUS``."""

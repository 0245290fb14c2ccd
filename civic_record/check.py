"""``check``: load a corpus and run every rule; the one entry point the CLI and plugin share."""

from __future__ import annotations

from pathlib import Path

from .checks import check_corpus
from .corpus import Corpus
from .loading import load_corpus
from .problems import Problems
from .site_settings import load_site_settings


def check_records(records_dir: Path) -> tuple[Corpus, Problems]:
    """Load and check; the corpus is only fit to publish when ``problems`` has no errors."""
    corpus, problems = load_corpus(records_dir)
    if records_dir.is_dir():
        corpus.settings = load_site_settings(records_dir, problems)
    check_corpus(corpus, problems)
    return corpus, problems

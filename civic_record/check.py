"""``check``: load a corpus and run every rule; the one entry point the CLI and plugin share."""

from __future__ import annotations

from pathlib import Path

from .checked_files import CheckedFiles
from .checks import check_corpus
from .corpus import Corpus
from .loading import load_corpus
from .problems import Problems
from .record_text import forget_rendered
from .site_settings import load_site_settings


def check_records(
    records_dir: Path,
    *,
    draft: bool = False,
    keep_rendered: bool = False,
    jobs: int = 1,
    cache: CheckedFiles | None = None,
) -> tuple[Corpus, Problems]:
    """Load and check; the corpus is only fit to publish when ``problems`` has no errors.

    ``draft`` is for a corpus still being written (``check --draft``): a reference to a record
    not written yet is one warning per missing id (``draft.not-written``) instead of an error
    per reference, and a record whose only problems are required fields still to fill is one
    warning (``record.incomplete``). Every other problem is what it always is.

    ``keep_rendered``: texts rendered for a corpus read before are not rendered again, and
    record files whose bytes did not change are not parsed and validated again (a serve's
    rebuilds: the same text renders the same HTML, the same file reads the same).

    ``jobs``: processes that render the record texts (``checks/record_text.py``).

    ``cache``: what earlier commands found in files and texts that did not change since
    (``checked_files``); saved with what this one found.
    """
    if not keep_rendered:
        forget_rendered()  # the texts of a corpus read before
    corpus, problems = load_corpus(records_dir, draft=draft, reuse=keep_rendered, cache=cache)
    if records_dir.is_dir():
        corpus.settings = load_site_settings(records_dir, problems)
    check_corpus(corpus, problems, jobs, cache)
    if cache is not None:
        cache.save()
    return corpus, problems

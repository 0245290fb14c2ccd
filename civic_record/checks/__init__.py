"""Cross-record checks: rules no single file can break alone. All problems are collected."""

from __future__ import annotations

from ..checked_files import CheckedFiles
from ..corpus import Corpus
from ..problems import Problems
from . import attachments, chains, documents, record_text, references, roles, sources, timelines, votes

CHECKS = (
    references.check_references,
    chains.check_cycles,
    chains.check_vote_meetings,
    chains.check_replies_and_status_records,
    roles.check_roles,
    roles.check_people_are_one_each,
    roles.check_signatories,
    votes.check_votes,
    documents.check_documents,
    sources.check_sources,
    attachments.check_attachments,
    record_text.check_record_text,
    timelines.check_status_history,
    timelines.check_dated_ids,
    timelines.check_sop_series,
    timelines.check_requirements,
)


def check_corpus(corpus: Corpus, problems: Problems, jobs: int = 1, cache: CheckedFiles | None = None) -> None:
    """Run every cross-record rule over the corpus, adding what they find to ``problems``;
    record texts are rendered in ``jobs`` processes, those the ``cache`` kept not again."""
    for check in CHECKS:
        if check is record_text.check_record_text:
            record_text.check_record_text(corpus, problems, jobs, cache)
        else:
            check(corpus, problems)

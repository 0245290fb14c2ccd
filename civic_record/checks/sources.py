"""What a record may claim given where it comes from."""

from __future__ import annotations

from ..corpus import Corpus
from ..models import DatedRecord, has_primary_source
from ..problem_codes import Code
from ..problems import Problems
from ..vocabulary import Confidence, SourceKind
from ._report import error_at, warning_at


def check_sources(corpus: Corpus, problems: Problems) -> None:
    for record in corpus.dated:
        if record.confidence is not Confidence.CONFIRMED:
            continue
        if record.sources and all(s.kind is SourceKind.SECONDARY for s in record.sources):
            _confirmed_without_primary(corpus, problems, record)
        elif not has_primary_source(record.sources):
            warning_at(
                corpus,
                problems,
                record.id,
                ("confidence",),
                Code.CONFIDENCE_UNSUPPORTED,
                "the record is written 'confirmed' but none of its sources is primary (the body's own record "
                "or the document itself)",
                "add the primary source, or remove the 'confidence' line: a record resting on press reports "
                "is shown as reported",
            )


def _confirmed_without_primary(corpus: Corpus, problems: Problems, record: DatedRecord) -> None:
    error_at(
        corpus,
        problems,
        record.id,
        ("confidence",),
        Code.RECORD_CONFIRMED_SECONDARY_ONLY,
        "a record whose sources are all secondary cannot be 'confirmed'",
        "add a primary or press source, or set 'confidence: reported'",
    )

"""What a record may claim given where it comes from."""

from __future__ import annotations

from ..corpus import Corpus
from ..models import DatedRecord
from ..problems import Problems
from ..vocabulary import Confidence, SourceKind
from ._report import error_at


def check_sources(corpus: Corpus, problems: Problems) -> None:
    for record in corpus.dated:
        if record.confidence is not Confidence.CONFIRMED:
            continue
        if record.sources and all(s.kind is SourceKind.SECONDARY for s in record.sources):
            _confirmed_without_primary(corpus, problems, record)


def _confirmed_without_primary(corpus: Corpus, problems: Problems, record: DatedRecord) -> None:
    has_field = ("confidence",) in corpus.files[record.id].positions.values
    error_at(
        corpus,
        problems,
        record.id,
        ("confidence",) if has_field else ("sources",),
        "record.confirmed-secondary-only",
        "a record whose sources are all secondary cannot be 'confirmed'"
        + ("" if has_field else " (the default when 'confidence' is left out)"),
        "add a primary or press source, or set 'confidence: reported'",
        key=not has_field,
    )

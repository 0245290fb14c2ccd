"""Documents: the fields only a contract carries, and a contract's term."""

from __future__ import annotations

from ..corpus import Corpus
from ..models import CONTRACT_FIELDS
from ..problem_codes import Code
from ..problems import Problems
from ..vocabulary import OtherDocumentKind
from ._report import error_at


def check_documents(corpus: Corpus, problems: Problems) -> None:
    for document in corpus.documents.values():
        if document.document_kind is not OtherDocumentKind.CONTRACT:
            for name in CONTRACT_FIELDS:
                if name in document.model_fields_set:
                    error_at(
                        corpus,
                        problems,
                        document.id,
                        (name,),
                        Code.DOCUMENT_CONTRACT_FIELD,
                        f"'{name}' is a field of a contract, but this document's kind is "
                        f"'{document.document_kind.value}'",
                        "set 'kind: contract' if the document is the contract itself, or move the fact "
                        "to the summary or under 'extra:'",
                        key=True,
                    )
        term = document.term
        if term and term.start and term.end and term.end.last_day() < term.start.first_day():
            error_at(
                corpus,
                problems,
                document.id,
                ("term", "end"),
                Code.DOCUMENT_TERM_ENDS_BEFORE_START,
                f"the term ends ({term.end.display()}) before it starts ({term.start.display()})",
                "check the two dates of the contract's term",
            )

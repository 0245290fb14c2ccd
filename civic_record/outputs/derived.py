"""What a record's page derives from the records, as data: the ``derived`` part of its JSON twin.

A page shows more than its record's own fields: a vote's tally and the seat each voter held
that day, the role each signatory of a letter held on its date and how much of a body signed,
a technology's current status and which of its requirements are met. The twin carries the
same facts, computed by the same functions the pages use (``tally``, ``rosters``,
``requirements``), so a reader of the data never has to recompute what the page says, and
cannot get a different answer. Only what the page shows is here.
"""

from __future__ import annotations

from typing import Any

from ..corpus import Corpus
from ..dates import PartialDate
from ..models import Document, Letter, Record, Role, Technology, Vote
from ..requirements import requirement_states
from ..rosters import letter_body_share, roll_call_rows
from ..tally import tally
from ..vocabulary import RecordKind

DERIVING_KINDS = frozenset({RecordKind.VOTE, RecordKind.LETTER, RecordKind.TECHNOLOGY, RecordKind.DOCUMENT})
"""The kinds whose twin carries something the page works out (``derived`` is ``{}`` for the others)."""


def derived(corpus: Corpus, record: Record) -> dict[str, Any]:
    """The ``derived`` part of a record's twin; ``{}`` for kinds whose page derives nothing."""
    if isinstance(record, Vote):
        return _vote(corpus, record)
    if isinstance(record, Letter):
        return _letter(corpus, record)
    if isinstance(record, Technology):
        return _technology(corpus, record)
    if isinstance(record, Document):
        return {"signed_by": [_with_roles(corpus, p, record.signed or record.date) for p in record.signed_by]}
    return {}


def _role(role: Role) -> dict[str, Any]:
    """A role as the page shows it, with what the sources say of its span: a role without a
    ``start`` counts as held up to its end (the record format's rule), and the page says the
    start is not recorded."""
    return {
        "body": role.body,
        "title": role.title,
        "district": role.district,
        "start": role.start.iso() if role.start else None,
        "end": role.end.iso() if role.end else None,
        "as_of": role.as_of.iso() if role.as_of else None,
    }


def _with_roles(corpus: Corpus, record_id: str, day: PartialDate) -> dict[str, Any]:
    """A person (or body) as the page names them on ``day``: with every role a person held then."""
    person = corpus.people.get(record_id)
    roles = person.roles_on(day) if person is not None else []
    return {"id": record_id, "roles": [_role(role) for role in roles]}


def _vote(corpus: Corpus, vote: Vote) -> dict[str, Any]:
    return {
        # As the page's "Tally": the options with votes (a published zero is in the record's counts).
        "tally": {option.value: count for option, count in tally(vote).items() if count},
        "roll_call": [
            {
                "id": row.person_id,
                "option": row.option.value if row.option else None,
                "role": _role(row.role) if row.role else None,
            }
            for row in roll_call_rows(corpus, vote)
        ],
    }


def _letter(corpus: Corpus, letter: Letter) -> dict[str, Any]:
    share = letter_body_share(corpus, letter)
    body_share = None
    if share is not None:
        body_share = {
            "body": share.body.id,
            "signed": len(share.signers),
            "members": share.seats,
            "non_signers": [_with_roles(corpus, person.id, letter.date) for person in share.non_signers],
            "unrecorded_seats": share.unrecorded_seats,
        }
    return {
        "signatories": [_with_roles(corpus, s, letter.date) for s in letter.signatories],
        "body_share": body_share,
    }


def _technology(corpus: Corpus, tech: Technology) -> dict[str, Any]:
    current = tech.current_status
    return {
        "current_status": (
            {"status": current.status.value, "as_of": current.date.iso(), "record": current.record} if current else None
        ),
        "requirements": [
            {
                "requirement": state.requirement,
                "label": state.label,
                "met_by": state.met_by.id if state.met_by else None,
                "met_on": state.met_by.date.iso() if state.met_by else None,
                "after_first_use": state.after_first_use,
            }
            for state in requirement_states(corpus, tech)
        ],
    }

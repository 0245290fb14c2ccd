"""Records that point at each other must make sense as a whole: no letter replies to itself (or
through a chain of replies to itself), no body is its own parent, a vote taken at a meeting is a
vote of that meeting's body on that meeting's date; and (warnings) a reply is not older than the
letter it answers, and a status change is shown by a record about that technology."""

from __future__ import annotations

from collections.abc import Callable

from ..corpus import Corpus
from ..models import Body, DatedRecord, Letter, Meeting, Record
from ..problem_codes import Code
from ..problems import Problems
from ._report import error_at, warning_at


def _cycles(
    corpus: Corpus,
    problems: Problems,
    kind: type[Record],
    field: str,
    next_of: Callable[[Record], str | None],
    noun: str,
    hint: str,
) -> None:
    """Report each record whose chain of ``field`` links comes back to itself, at that field."""
    for record_id in sorted(corpus.records):
        record = corpus.records[record_id]
        if not isinstance(record, kind):
            continue
        chain = [record_id]
        target = next_of(record)
        while target is not None and target not in chain:
            following = corpus.records.get(target)
            if not isinstance(following, kind):
                target = None
                break
            chain.append(target)
            target = next_of(following)
        if target is None:
            continue
        if target == record_id:
            loop = " → ".join([*chain, record_id])
            message = (
                f"'{record_id}' names itself as its {noun}"
                if len(chain) == 1
                else f"a chain of '{field}' comes back to '{record_id}': {loop}"
            )
            error_at(corpus, problems, record_id, (field,), Code.REFERENCE_CYCLE, message, hint)


def _reply_to(record: Record) -> str | None:
    return record.in_reply_to if isinstance(record, Letter) else None


def _parent(record: Record) -> str | None:
    return record.parent if isinstance(record, Body) else None


def check_cycles(corpus: Corpus, problems: Problems) -> None:
    _cycles(
        corpus,
        problems,
        Letter,
        "in_reply_to",
        _reply_to,
        "letter replied to",
        "'in_reply_to' names the earlier letter this one answers",
    )
    _cycles(
        corpus,
        problems,
        Body,
        "parent",
        _parent,
        "parent body",
        "'parent' names the body this one belongs to (a committee's council); remove it on the top body",
    )


def check_vote_meetings(corpus: Corpus, problems: Problems) -> None:
    """A vote's ``meeting`` is a meeting of the vote's body, held on the vote's date."""
    for vote in corpus.votes.values():
        meeting = corpus.records.get(vote.meeting or "")
        if not isinstance(meeting, Meeting):
            continue  # unknown or of another kind: reported by the reference check
        if meeting.body != vote.body:
            error_at(
                corpus,
                problems,
                vote.id,
                ("meeting",),
                Code.VOTE_MEETING_MISMATCH,
                f"the meeting '{meeting.id}' is a meeting of '{meeting.body}', but this vote is of '{vote.body}'",
                "link the meeting of the body that voted, or correct the vote's 'body'",
            )
        if not vote.date.overlaps(meeting.date, meeting.date):
            error_at(
                corpus,
                problems,
                vote.id,
                ("date",),
                Code.VOTE_MEETING_MISMATCH,
                f"the vote is dated {vote.date.display()}, but its meeting '{meeting.id}' "
                f"is dated {meeting.date.display()}",
                "give the vote the date of the meeting it was taken at, or link the right meeting",
            )


def check_replies_and_status_records(corpus: Corpus, problems: Problems) -> None:
    """Warnings for links a reader would take at their word: a reply dated before the letter it
    answers, and a status change shown by a record that is not about that technology."""
    for letter in corpus.letters.values():
        earlier = corpus.records.get(letter.in_reply_to or "")
        if isinstance(earlier, Letter) and letter.date.last_day() < earlier.date.first_day():
            warning_at(
                corpus,
                problems,
                letter.id,
                ("in_reply_to",),
                Code.LETTER_REPLY_BEFORE_ORIGINAL,
                f"this letter ({letter.date.display()}) replies to '{earlier.id}', "
                f"which is dated later ({earlier.date.display()})",
                "check both dates, and that 'in_reply_to' names the letter this one answers",
            )
    for technology in corpus.technologies.values():
        for index, change in enumerate(technology.status_history):
            shown_by = corpus.records.get(change.record)
            if isinstance(shown_by, DatedRecord) and technology.id not in shown_by.technologies:
                warning_at(
                    corpus,
                    problems,
                    technology.id,
                    ("status_history", index, "record"),
                    Code.TECHNOLOGY_STATUS_RECORD_ELSEWHERE,
                    f"'{shown_by.id}', given as the record of this status change, "
                    f"does not list '{technology.id}' in its technologies",
                    f"add '{technology.id}' to that record's technologies, or give the record that shows the change",
                )

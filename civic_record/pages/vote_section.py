"""A vote: matter, motion and what kind of motion it was, result, and the roll call as a table.

Also the words every summary of a vote shares (voting grids, person and body pages): what the
vote decided, its result ("Recommends rejection" for a recommendation, never only "Passed"),
and how a member of the body figures in it ("Not named in the sources" is not "Not a member
on that date").
"""

from __future__ import annotations

from ..corpus import Corpus
from ..models import Vote
from ..rosters import roll_call_rows, tally_beyond_roster
from ..tally import names_partly as names_partly
from ..tally import tally as tally
from ..tally import vote_of as vote_of
from ..tally import voters_counted
from ..vocabulary import MotionKind, VoteOption, VoteResult
from .site import Html, Page, district_label, e, facts, identifier_html, table_of_columns

SUMMARY_TABLE = "record-table summary-table"
"""Tables of votes, rosters and roles: words kept whole on a phone (summaries.css)."""
ROLES_TABLE = "record-table summary-table roles-table"

NOT_NAMED = "Not named in the sources"
NOT_IN_ROLL_CALL = "Not in the roll call"
NOT_A_MEMBER = "Not a member on that date"

MOTION_KIND_WORDS = {
    MotionKind.SUBSTANTIVE: "Substantive: the decision on the matter itself",
    MotionKind.AMENDMENT: "Amendment: a change to the matter, not the decision on it",
    MotionKind.PROCEDURAL: "Procedural: not a decision on the matter itself",
    MotionKind.RECOMMENDATION: "Recommendation to the deciding body",
}
MOTION_KIND_SHORT = {
    MotionKind.SUBSTANTIVE: "Decision",
    MotionKind.AMENDMENT: "Amendment",
    MotionKind.PROCEDURAL: "Procedural",
    MotionKind.RECOMMENDATION: "Recommendation",
}


def tally_words(counts: dict[VoteOption, int]) -> str:
    """``Yes 5, No 1``: the options with votes, in the order of ``VoteOption``."""
    ordered = [o for o in VoteOption if counts.get(o)]
    return ", ".join(f"{o.label} {counts[o]}" for o in ordered) or "no votes recorded"


def result_words(vote: Vote) -> str:
    """``Passed``, ``Failed``; a recommendation says what it recommends: ``Recommends rejection``,
    or ``Failed to recommend approval`` when the motion to recommend failed."""
    passed = vote.result is VoteResult.PASS
    if vote.motion_kind is MotionKind.RECOMMENDATION and vote.recommends is not None:
        label = vote.recommends.label
        if passed:
            return label
        if label.startswith("Recommends "):
            return "Failed to recommend " + label.removeprefix("Recommends ")
        return f"Failed: {label.lower()}"
    return "Passed" if passed else "Failed"


def shorten(text: str, limit: int = 70) -> str:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-—")
    return (cut or text[:limit]) + "…"


def matter_identifier(page: Page, vote: Vote) -> Html | None:
    """The matter's identifier, linked where the site knows the address of its key: the key is
    the one of the vote's ``identifiers`` that has the same value, else the one its meeting
    gives that value (an agenda item's identifiers, then the meeting's own)."""
    if vote.matter is None or not vote.matter.identifier:
        return None
    value = vote.matter.identifier
    return identifier_html(page, matter_key(page.site.corpus, vote, value), value)


def matter_key(corpus: Corpus, vote: Vote, value: str) -> str | None:
    """Which kind of identifier (``legistar_file``) the matter's ``value`` is, where a record says."""
    keyed = [vote.identifiers]
    meeting = corpus.meetings.get(vote.meeting) if vote.meeting else None
    if meeting is not None:
        keyed += [item.identifiers for item in meeting.agenda] + [meeting.identifiers]
    for identifiers in keyed:
        key = next((k for k, v in sorted(identifiers.items()) if str(v) == str(value)), None)
        if key is not None:
            return key
    return None


def matter_html(page: Page, vote: Vote, limit: int | None = None) -> Html:
    """The matter as identifier and title (the title shortened when ``limit`` is given)."""
    if vote.matter is None:
        return Html()
    parts = []
    identifier = matter_identifier(page, vote)
    if identifier:
        parts.append(identifier)
    if vote.matter.title:
        parts.append(e(shorten(vote.matter.title, limit) if limit else vote.matter.title))
    return Html(" ").join(parts)


def motion_text(vote: Vote, limit: int | None = None) -> str:
    """The motion as written (shortened when ``limit`` is given), else the vote's title."""
    text = vote.motion or vote.title
    return shorten(text, limit) if limit else text


def named_and_total(vote: Vote) -> tuple[int, int]:
    """How many voters the roll call names, and how many voted in all (the tally)."""
    named = len({p for voters in (vote.roll_call or {}).values() for p in voters})
    total = voters_counted(vote)
    return named, total


def unnamed_words(vote: Vote, sentence: bool = True) -> str:
    """``The sources name 3 of 12 voters; 9 are not named.`` (without capital and full stop
    when not a sentence of its own)."""
    named, total = named_and_total(vote)
    unnamed = max(0, total - named)
    words = (
        f"the sources name {named} of {total} voter{'' if total == 1 else 's'}; "
        f"{unnamed} {'is' if unnamed == 1 else 'are'} not named"
    )
    return words[0].upper() + words[1:] + "." if sentence else words


def member_vote_words(corpus: Corpus, vote: Vote, person_id: str) -> str:
    """How a person figures in a vote, in words: the option they cast, or why none is shown."""
    option = vote_of(vote, person_id)
    if option is not None:
        return option.label
    person = corpus.people.get(person_id)
    if person is not None and person.roles_on(vote.date, vote.body):
        return NOT_NAMED if names_partly(vote) else NOT_IN_ROLL_CALL
    return NOT_A_MEMBER


def vote_section(page: Page, vote: Vote) -> None:
    corpus = page.site.corpus
    rows = [("Body", page.link_record(vote.body))]
    if vote.meeting:
        rows.append(("Meeting", page.link_record(vote.meeting)))
    if vote.matter:
        rows.append(("Matter", matter_html(page, vote)))
    if vote.motion:
        rows.append(("Motion", e(vote.motion)))
    rows.append(
        ("Kind of motion", Html('<span class="motion-kind">{}</span>').format(MOTION_KIND_WORDS[vote.motion_kind]))
    )
    if vote.motion_kind is MotionKind.RECOMMENDATION and vote.recommends is not None:
        rows.append(("Recommends", e(vote.recommends.label)))
    result = result_words(vote)
    if vote.motion_kind is MotionKind.RECOMMENDATION and vote.recommends is not None:
        result += " (the motion passed)" if vote.result is VoteResult.PASS else " (the motion failed)"
    rows.append(("Result", Html('<strong class="vote-result">{}</strong>').format(result)))
    if vote.mover:
        rows.append(("Moved by", page.link_record(vote.mover)))
    if vote.seconder:
        rows.append(("Seconded by", page.link_record(vote.seconder)))
    counts = tally(vote)
    rows.append(("Tally", e(tally_words(counts))))
    if vote.counts is not None and tally_words(vote.counts) != tally_words(counts):
        rows.append(("Published count", e(tally_words(vote.counts))))
    beyond = tally_beyond_roster(corpus, vote)
    if beyond is not None:
        rows.append(("Members on record", e(beyond_words(*beyond))))
    page.block(facts(rows))
    page.heading("Roll call")
    if vote.roll_call is None:
        page.block(
            Html(
                '<p class="tally-only">This vote is known only by its tally: the published record gives '
                "the counts, not the members' names.</p>"
            )
        )
    elif vote.roll_call_partial:
        page.block(Html('<p class="partial-roll-call">{}</p>').format(unnamed_words(vote)))
    body = []
    unnamed_word = NOT_NAMED if names_partly(vote) else NOT_IN_ROLL_CALL
    for row in roll_call_rows(corpus, vote):
        seat = e((district_label(row.role.district) if row.role else None) or "")
        if row.option is None:
            body.append(
                [page.link_record(row.person_id), seat, Html('<span class="not-named">{}</span>').format(unnamed_word)]
            )
            continue
        raw = vote.raw_values.get(row.option)
        word = row.option.label + (f" (“{raw}”)" if raw and raw.casefold() != row.option.label.casefold() else "")
        body.append([page.link_record(row.person_id), seat, e(word)])
    if body:
        caption = "Roll call: one row per member" if vote.roll_call else "Members of the body on that date"
        columns = [(name, [row[i] for row in body]) for i, name in enumerate(["Member", "District or seat", "Vote"])]
        page.block(table_of_columns(caption, columns, css=SUMMARY_TABLE))


def beyond_words(counted: int, on_record: int) -> str:
    """Said beside a vote whose tally counts more voters than the roster on its date holds."""
    if on_record == 0:
        return f"The tally counts {counted} voters; this record names none of the body's members on that date."
    return (
        f"The tally counts {counted} voters, but this record has the holders of only {on_record} "
        f"seat{'' if on_record == 1 else 's'} on that date: the others are not in this record."
    )

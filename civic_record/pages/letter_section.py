"""A letter's signatories (with the role each held when signing), recipients and replies."""

from __future__ import annotations

from ..models import Letter, count_words
from ..rosters import letter_body_share
from .roles import actor_with_role
from .site import Html, Page, facts


def letter_section(page: Page, letter: Letter) -> None:
    corpus = page.site.corpus
    rows: list[tuple[str, Html]] = []
    if letter.to:
        rows.append(("To", Html("; ").join(actor_with_role(page, r, letter.date) for r in letter.to)))
    if letter.cc:
        rows.append(("Copied to", Html("; ").join(actor_with_role(page, r, letter.date) for r in letter.cc)))
    if letter.in_reply_to:
        rows.append(("In reply to", page.link_record(letter.in_reply_to)))
    replies = corpus.replies.get(letter.id, [])
    if replies:
        rows.append(("Replies", Html(", ").join(page.link_record(r.id) for r in replies)))
    if letter.response_requested is not None:
        rows.append(("Written response requested", Html("Yes" if letter.response_requested else "No")))
    page.block(facts(rows))
    if letter.signatories:
        page.heading("Signatories")
        count = len(letter.signatories)
        page.block(
            Html(
                '<p class="signatory-count">{} signator{}, '
                "in signing order, with the role each held on the letter's date:</p>"
            ).format(count, "y" if count == 1 else "ies")
        )
        items = Html().join(
            Html("<li>{}</li>").format(actor_with_role(page, s, letter.date)) for s in letter.signatories
        )
        page.block(Html('<ol class="signatories">{}</ol>').format(items))
        _body_share(page, letter)


def _body_share(page: Page, letter: Letter) -> None:
    share = letter_body_share(page.site.corpus, letter)
    if share is None:
        return
    page.block(
        Html(
            '<p class="body-share">{} of {} of the {} on {} '
            "signed this letter (counted from the members' dated roles).</p>"
        ).format(
            len(share.signers),
            count_words(share.seats, "member", "members"),
            page.link_record(share.body.id),
            letter.date.display(),
        )
    )
    if share.non_signers or share.unrecorded_seats:
        page.heading("Members who did not sign", level=3)
    if share.non_signers:
        count = len(share.non_signers)
        page.block(
            Html(
                '<p class="non-signers">{} member{} of the {} on that date did not sign, '
                "each with the role held that day:</p>"
            ).format(count, "" if count == 1 else "s", page.link_record(share.body.id))
        )
        items = Html().join(
            Html("<li>{}</li>").format(actor_with_role(page, p.id, letter.date)) for p in share.non_signers
        )
        page.block(Html('<ul class="non-signers">{}</ul>').format(items))
    if share.unrecorded_seats:
        count = share.unrecorded_seats
        page.block(
            Html(
                '<p class="non-signers unrecorded-seats">The holders of {} other seat{} on that date are not in '
                "this record; they are not among the signers.</p>"
            ).format(count, "s" if count > 1 else "")
        )

"""A letter's signatories (with the role each held when signing), recipients and replies."""

from __future__ import annotations

from ..models import Letter
from ..rosters import letter_body_share
from .roles import actor_with_role
from .site import Page, e, facts


def letter_section(page: Page, letter: Letter) -> None:
    corpus = page.site.corpus
    rows = []
    if letter.to:
        rows.append(("To", "; ".join(actor_with_role(page, r, letter.date) for r in letter.to)))
    if letter.cc:
        rows.append(("Copied to", "; ".join(actor_with_role(page, r, letter.date) for r in letter.cc)))
    if letter.in_reply_to:
        rows.append(("In reply to", page.link_record(letter.in_reply_to)))
    replies = [r for r in corpus.letters.values() if r.in_reply_to == letter.id]
    if replies:
        rows.append(("Replies", ", ".join(page.link_record(r.id) for r in replies)))
    if letter.response_requested is not None:
        rows.append(("Written response requested", "Yes" if letter.response_requested else "No"))
    page.block(facts(rows))
    if letter.signatories:
        page.heading("Signatories")
        count = len(letter.signatories)
        page.block(
            f'<p class="signatory-count">{e(count)} signator{"y" if count == 1 else "ies"}, '
            "in signing order, with the role each held on the letter's date:</p>"
        )
        items = "".join(f"<li>{actor_with_role(page, s, letter.date)}</li>" for s in letter.signatories)
        page.block(f'<ol class="signatories">{items}</ol>')
        _body_share(page, letter)


def _body_share(page: Page, letter: Letter) -> None:
    share = letter_body_share(page.site.corpus, letter)
    if share is None:
        return
    body = page.link_record(share.body.id)
    text = (
        f"{len(share.signers)} of {share.seats} members of the {body} on {letter.date.display()} "
        "signed this letter (counted from the members' dated roles)."
    )
    page.block(f'<p class="body-share">{text}</p>')
    if share.non_signers:
        names = ", ".join(page.link_record(p.id) for p in share.non_signers)
        page.block(f'<p class="non-signers">Members who did not sign: {names}.</p>')
    if share.unrecorded_seats:
        count = share.unrecorded_seats
        page.block(
            f'<p class="non-signers">The holders of {count} other seat{"s" if count > 1 else ""} on that '
            "date are not in this record.</p>"
        )

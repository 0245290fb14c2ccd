"""Describing who someone was on a date, in the words of their dated roles."""

from __future__ import annotations

from ..dates import PartialDate
from ..models import Body, Person, Role
from .site import Html, Page, district_label, e


def role_words(page: Page, role: Role, with_body: bool = True) -> Html:
    """``Alderwoman, 8th District, Common Council`` (HTML, the body linked)."""
    parts = [e(role.title)]
    district = district_label(role.district)
    if district:
        parts.append(e(district))
    if with_body:
        parts.append(page.link_record(role.body))
    return Html(", ").join(parts)


def actor_with_role(page: Page, actor_id: str, day: PartialDate) -> Html:
    """A person or body, linked, with the role a person held on ``day``."""
    record = page.site.corpus.records.get(actor_id)
    if isinstance(record, Person):
        roles = record.roles_on(day)
        held = Html("; ").join(role_words(page, r) for r in roles)
        return Html("{}, {}").format(page.link_record(actor_id), held) if held else page.link_record(actor_id)
    if isinstance(record, Body):
        return page.link_record(actor_id)
    return e(actor_id)

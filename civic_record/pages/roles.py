"""Describing who someone was on a date, in the words of their dated roles.

A role says only what its record shows: an end date, or "No end recorded" ("Serving as of
<date>" when a source shows the role still held then), never "serving today" by default.
"""

from __future__ import annotations

from ..dates import PartialDate
from ..models import HTTP_URL, Body, Person, Role
from .site import Html, Page, district_label, e, time_tag


def role_words(page: Page, role: Role, with_body: bool = True) -> Html:
    """``Alderwoman, 8th District, Common Council`` (HTML, the body linked)."""
    parts = [e(role.title)]
    district = district_label(role.district)
    if district and not _names_district(role.title, role.district or ""):
        parts.append(e(district))
    if with_body:
        parts.append(page.link_record(role.body))
    return Html(", ").join(parts)


def _names_district(title: str, district: str) -> bool:
    """Whether a title already says its district ("Council Member, District 2", "Alderman, 8th
    District"): the district is then not repeated after it."""
    label = (district_label(district) or "").lower()
    words = title.lower()
    return f"district {district.lower()}" in words or (bool(label) and label in words)


def role_start(role: Role) -> Html:
    """When the role began, or that no source gives it."""
    return time_tag(role.start) if role.start else Html('<span class="not-recorded">Start not recorded</span>')


def role_end(role: Role) -> Html:
    """When the role ended; with no end, ``No end recorded``, and ``Serving as of <date>`` only
    when a source shows the role still held on that date."""
    if role.end:
        return time_tag(role.end)
    if role.as_of:
        return Html('<span class="no-end">No end recorded</span>; <span class="as-of">serving as of {}</span>').format(
            time_tag(role.as_of)
        )
    return Html('<span class="no-end">No end recorded</span>')


def role_note_and_source(page: Page, role: Role) -> Html:
    """The role's note and the source that shows it: a record link, a web address, or a source
    entry as in a record's list of sources."""
    parts = []
    if role.note:
        parts.append(Html('<span class="role-note">{}</span>').format(role.note))
    source = role.source
    if isinstance(source, str):
        if HTTP_URL.match(source):
            link = Html('<a href="{}">{}</a>').format(source, source)
        else:
            link = page.link_record(source)
        parts.append(Html('<span class="role-source">Source: {}</span>').format(link))
    elif source is not None:
        # record_page imports letter_section, which imports this module: import it when used.
        from .record_page import source_item

        parts.append(
            Html('<span class="role-source">Source: </span><ul class="role-sources">{}</ul>').format(
                source_item(page, source)
            )
        )
    return Html(" ").join(parts)


def _role_held(page: Page, role: Role) -> Html:
    """A role held on a date; one whose start no source gives says so (it counts as held up to
    its end, as the record format says, but the page claims no more than the sources)."""
    if role.start is None:
        return Html('{} <span class="not-recorded">(start not recorded)</span>').format(role_words(page, role))
    return role_words(page, role)


def actor_with_role(page: Page, actor_id: str, day: PartialDate) -> Html:
    """A person or body, linked, with the role a person held on ``day``."""
    record = page.site.corpus.records.get(actor_id)
    if isinstance(record, Person):
        roles = record.roles_on(day)
        held = Html("; ").join(_role_held(page, r) for r in roles)
        return Html("{}, {}").format(page.link_record(actor_id), held) if held else page.link_record(actor_id)
    if isinstance(record, Body):
        return page.link_record(actor_id)
    return page.link_record(actor_id)  # not in the corpus: the id (and, in a draft, "not written yet")

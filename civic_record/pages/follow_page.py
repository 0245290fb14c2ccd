"""The "Follow" page: every feed and calendar the site publishes, in one list.

Each calendar says what it holds as of the build: how many upcoming events, or, when it has
none, that it is empty for now and what it will list, so that a reader who opens an empty
file does not take it for a broken one. The introduction says how the calendars show times
(the city's time zone, or the reader's when ``site.yml`` gives none) and the assumed end.
"""

from __future__ import annotations

from ..addresses import (
    FOLLOW_SRC,
    SITE_FEED_ATOM,
    SITE_FEED_RSS,
    UPCOMING_CALENDAR,
    record_feed,
    technology_calendar,
)
from ..outputs.calendars import MEETING_LENGTH, upcoming
from ..outputs.feeds import ENTRIES_PER_FEED
from .site import Html, Page, Site


def follow_page(site: Site) -> Page:
    page = Page(site, FOLLOW_SRC, "Follow", "Feeds and calendars that follow the record")

    def link(path: str, text: str) -> Html:
        return Html('<a href="{}">{}</a>').format(page.file_href(path), text)

    corpus = site.corpus
    page.block(
        Html(
            "<p>Paste a feed's address into a feed reader (NetNewsWire, Feedly, Thunderbird, Inoreader…) to be "
            "told of every new record and every change of status. Each feed holds the {} newest entries; older "
            "records stay on the site and in the data downloads.</p>"
            "<p>Calendar files list the meetings and hearings dated on or after the day the site was last "
            "built; subscribe to them in a calendar app, which fetches them again as the record grows. {} "
            "A meeting whose record gives no end time is shown as {} long; one without a time, as an all-day "
            "event.</p>"
        ).format(ENTRIES_PER_FEED, _time_zone_sentence(site), MEETING_LENGTH)
    )
    page.heading("The whole record")
    everything = len(upcoming(site, corpus.meetings.values()))
    page.block(
        Html("<ul><li>Every new record: {} or {}</li><li>Upcoming meetings and hearings: {}{}</li></ul>").format(
            link(SITE_FEED_ATOM, "Atom"),
            link(SITE_FEED_RSS, "RSS"),
            link(UPCOMING_CALENDAR, "iCalendar"),
            _calendar_state(everything),
        )
    )
    if corpus.technologies:
        page.heading("Each technology")
        items = Html().join(
            Html("<li>{}: {}, {}, {}{}</li>").format(
                page.link_record(t.id),
                link(record_feed(t, "atom"), "Atom"),
                link(record_feed(t, "rss"), "RSS"),
                link(technology_calendar(t.id), "iCalendar"),
                _calendar_state(len(upcoming(site, corpus.by_technology.get(t.id, []))), " on this technology"),
            )
            for t in sorted(corpus.technologies.values(), key=lambda t: (t.title.casefold(), t.id))
        )
        page.block(Html("<ul>{}</ul>").format(items))
    for heading, records in (("Each person", corpus.people.values()), ("Each body", corpus.bodies.values())):
        if records:
            page.heading(heading)
            items = Html().join(
                Html("<li>{}: {}</li>").format(page.link_record(r.id), link(record_feed(r, "atom"), "Atom"))
                for r in sorted(records, key=lambda r: (getattr(r, "sort_name", None) or r.name).casefold())
            )
            page.block(Html("<ul>{}</ul>").format(items))
    return page


def _time_zone_sentence(site: Site) -> str:
    zone = site.corpus.settings.timezone
    if zone:
        return f"Times are the city's, in the {zone} time zone; a calendar app shows them in yours."
    return (
        "Times are the city's local times: a calendar app shows them at that hour in your device's time zone, "
        "so they are right only for readers in the city's time zone."
    )


def _calendar_state(count: int, about: str = "") -> Html:
    """After a calendar's link: how many upcoming events it holds, or that it is empty for now
    and what it will list."""
    if count:
        return Html(" ({} upcoming {})").format(count, "event" if count == 1 else "events")
    return Html(
        ' <span class="calendar-empty">(empty for now: it will list each upcoming meeting and hearing{} '
        "once the record has one)</span>"
    ).format(about)

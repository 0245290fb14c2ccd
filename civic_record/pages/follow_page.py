"""The "Follow" page: every feed and calendar the site publishes, in one list."""

from __future__ import annotations

from ..outputs.feeds import ENTRIES_PER_FEED
from ..outputs.paths import SITE_FEED_ATOM, SITE_FEED_RSS, UPCOMING_CALENDAR, record_feed, technology_calendar
from .site import Html, Page, Site

FOLLOW_SRC = "follow.md"


def follow_page(site: Site) -> Page:
    page = Page(site, FOLLOW_SRC, "Follow", "Feeds and calendars that follow the record")
    root = site.href(FOLLOW_SRC, "index.md")

    def link(path: str, text: str) -> Html:
        return Html('<a href="{}">{}</a>').format(root + path, text)

    page.block(
        Html(
            "<p>Paste a feed's address into a feed reader (NetNewsWire, Feedly, Thunderbird, Inoreader…) to be "
            "told of every new record and every change of status. Calendar files list meetings and hearings "
            "dated after the site was last built; subscribe to them in a calendar app. Each feed holds the "
            "{} newest entries; older records stay on the site and in the data downloads.</p>"
        ).format(ENTRIES_PER_FEED)
    )
    page.heading("The whole record")
    page.block(
        Html("<ul><li>Every new record: {} or {}</li><li>Upcoming meetings and hearings: {}</li></ul>").format(
            link(SITE_FEED_ATOM, "Atom"), link(SITE_FEED_RSS, "RSS"), link(UPCOMING_CALENDAR, "iCalendar")
        )
    )
    corpus = site.corpus
    if corpus.technologies:
        page.heading("Each technology")
        items = Html().join(
            Html("<li>{}: {}, {}, {}</li>").format(
                page.link_record(t.id),
                link(record_feed(t, "atom"), "Atom"),
                link(record_feed(t, "rss"), "RSS"),
                link(technology_calendar(t.id), "iCalendar"),
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

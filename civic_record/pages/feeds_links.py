"""Which feeds a page advertises (``<link rel="alternate">``) and lists for its readers."""

from __future__ import annotations

from ..addresses import record_feed
from ..models import DatedRecord, Record
from ..vocabulary import RecordKind
from .site import Html, Page, Site

ATOM = "application/atom+xml"
RSS = "application/rss+xml"


def own_feeds(record: Record, label: str) -> list[tuple[str, str, str]]:
    """The Atom feed following a technology, person or body (and RSS for technologies)."""
    feeds = [(ATOM, f"{label} (Atom)", record_feed(record, "atom"))]
    if record.kind is RecordKind.TECHNOLOGY:
        feeds.append((RSS, f"{label} (RSS)", record_feed(record, "rss")))
    return feeds


def record_page_feeds(site: Site, record: DatedRecord) -> list[tuple[str, str, str]]:
    """A record page offers the feeds of the timelines it appears on."""
    techs = [site.corpus.technologies[t] for t in record.technologies if t in site.corpus.technologies]
    return [(ATOM, f"{tech.title} (Atom)", record_feed(tech, "atom")) for tech in techs]


def follow_block(page: Page, also: tuple[tuple[str, str, str], ...] = ()) -> None:
    """A visible "Follow" line listing the page's feeds (and ``also``, e.g. a calendar)."""
    if not page.feeds and not also:
        return
    links = Html(", ").join(
        Html('<a href="{}" type="{}">{}</a>').format(page.file_href(path), kind, title)
        for kind, title, path in (*page.feeds, *also)
    )
    page.block(Html('<p class="follow">Follow: {}</p>').format(links))

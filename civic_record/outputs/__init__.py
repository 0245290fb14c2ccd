"""Outputs beside the pages: feeds, open data, calendars. Pure functions of the corpus."""

from __future__ import annotations

from ..pages.site import Site
from .calendars import generate_calendars
from .data import generate_data
from .feed_sitemaps import feed_sitemaps
from .feeds import generate_feeds


def generate_outputs(site: Site) -> dict[str, str]:
    """Every output file, keyed by its path in the site."""
    outputs: dict[str, str] = {}
    feeds = generate_feeds(site)
    for part in (feeds, feed_sitemaps(site, list(feeds)), generate_calendars(site), generate_data(site)):
        outputs.update(part)
    return dict(sorted(outputs.items()))

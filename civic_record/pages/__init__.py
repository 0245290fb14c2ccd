"""Page generators: pure functions from a corpus to ``{source path: Markdown}``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..addresses import record_src
from ..models import DatedRecord
from .body_page import body_page
from .city_pages import city_pages
from .follow_page import follow_page
from .indexes import (
    DATED_INDEX_KINDS,
    bodies_index,
    dated_index_pages,
    home_page,
    people_index,
    sop_index,
    technologies_index,
)
from .person_page import person_page
from .record_page import record_page
from .search_page import search_page
from .site import GeneratedPage, Page, Site
from .sop_pages import comparable_pairs, compare_page, compare_src, series_page, series_src
from .timeline import technology_page

__all__ = ["GeneratedPage", "PlannedPage", "Site", "generate_pages", "page_plan", "site_pages"]


@dataclass(frozen=True)
class PlannedPage:
    """A page of one record (or SOP series, or comparison) not made yet: its source path and
    how to make it. Such pages are most of a site (one per record) and stay out of the
    navigation; ``page_workers`` makes and renders them in batches, so that no process holds
    every page at once."""

    src: str
    make: Callable[[], Page]
    reads: tuple[tuple[str, str], ...] = ()
    """The corpus's values handed to ``make`` directly (``page_reads``): its record, its series."""


def page_plan(site: Site) -> list[PlannedPage]:
    """The pages of single records, SOP series and comparisons, in the order of their paths."""
    corpus = site.corpus
    plan = [
        PlannedPage(series_src(name), partial(series_page, site, name, versions), (("sop_series", name),))
        for name, versions in corpus.sop_series.items()
    ]
    plan.extend(
        PlannedPage(
            compare_src(old, new), partial(compare_page, site, old, new), (("records", old.id), ("records", new.id))
        )
        for versions in corpus.sop_series.values()
        for old, new in comparable_pairs(versions)
    )
    plan.extend(
        PlannedPage(record_src(t), partial(technology_page, site, t), (("records", t.id),))
        for t in corpus.technologies.values()
    )
    plan.extend(
        PlannedPage(record_src(p), partial(person_page, site, p), (("records", p.id),)) for p in corpus.people.values()
    )
    plan.extend(
        PlannedPage(record_src(b), partial(body_page, site, b), (("records", b.id),)) for b in corpus.bodies.values()
    )
    plan.extend(
        PlannedPage(record_src(r), partial(record_page, site, r), (("records", r.id),))
        for r in corpus.dated
        if isinstance(r, DatedRecord)
    )
    return sorted(plan, key=lambda planned: planned.src)


def site_pages(site: Site, with_home: bool = True) -> list[Page]:
    """The site's own pages: home, listings, Follow, search, About and the folder's own pages.
    They are few, and in the navigation."""
    listings = [technologies_index(site), people_index(site), bodies_index(site), sop_index(site)]
    if with_home:
        listings.append(home_page(site))
    for kind in DATED_INDEX_KINDS:
        listings.extend(dated_index_pages(site, kind))
    for listing in listings:
        listing.search = None  # listings repeat the record pages; search finds those instead
    follow = follow_page(site)
    follow.search = None  # a feed link per person and body: it would match every name
    return [*listings, follow, search_page(site), *city_pages(site)]


def make_planned(planned: PlannedPage) -> Page:
    """The planned page, made; its path is the one planned."""
    page = planned.make()
    if page.src != planned.src:
        raise AssertionError(f"page planned at {planned.src} was made at {page.src}")
    return page


def generate_pages(site: Site, with_home: bool = True) -> dict[str, GeneratedPage]:
    """Every generated page, keyed by its source path (``letters/<id>.md``)."""
    pages = [*site_pages(site, with_home), *(make_planned(planned) for planned in page_plan(site))]
    return {page.src: page.render() for page in sorted(pages, key=lambda p: p.src)}

"""Page generators: pure functions from a corpus to ``{source path: Markdown}``."""

from __future__ import annotations

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
from .sop_pages import sop_pages
from .timeline import technology_page

__all__ = ["GeneratedPage", "Site", "generate_pages"]


def generate_pages(site: Site, with_home: bool = True) -> dict[str, GeneratedPage]:
    """Every generated page, keyed by its source path (``letters/<id>.md``)."""
    corpus = site.corpus
    listings = [technologies_index(site), people_index(site), bodies_index(site), sop_index(site)]
    if with_home:
        listings.append(home_page(site))
    for kind in DATED_INDEX_KINDS:
        listings.extend(dated_index_pages(site, kind))
    for listing in listings:
        listing.search = None  # listings repeat the record pages; search finds those instead
    follow = follow_page(site)
    follow.search = None  # a feed link per person and body: it would match every name
    pages: list[Page] = [*listings, follow, search_page(site), *city_pages(site)]
    pages.extend(sop_pages(site))
    pages.extend(technology_page(site, t) for t in corpus.technologies.values())
    pages.extend(person_page(site, p) for p in corpus.people.values())
    pages.extend(body_page(site, b) for b in corpus.bodies.values())
    pages.extend(record_page(site, r) for r in corpus.dated if isinstance(r, DatedRecord))
    return {page.src: page.render() for page in sorted(pages, key=lambda p: p.src)}

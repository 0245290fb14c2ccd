"""The full search page: a query, filters (facets), an order, and the results.

The page is a form that ``docs/javascripts/search.js`` runs against the Pagefind index:
the filters are filled in from the index itself (type, confidence, technology, body,
person, year, each with its count), results are announced in a live region, each saying how
sure its record is in a word (Confirmed, Reported, Disputed), and the query, order and
filters are kept in the address, so a search can be bookmarked and shared. The page
itself is left out of the index.
"""

from __future__ import annotations

from ..vocabulary import RecordKind
from .site import Html, Page, Site, index_src

SEARCH_SRC = "search/index.md"


def search_page(site: Site) -> Page:
    page = Page(site, SEARCH_SRC, "Search", "Search every record by words, file number or name")
    page.search = None
    page.block(
        Html(
            '<form class="search-page" role="search" aria-label="Search the records, with filters" '
            'action="./" method="get" data-search-page>'
            '<div class="search-page__query">'
            '<label for="search-page-query">Words, a file number or a name</label>'
            '<input id="search-page-query" type="search" name="q" autocomplete="off" spellcheck="false">'
            '<label for="search-page-sort">Order</label>'
            '<select id="search-page-sort" name="sort">'
            '<option value="">Best match</option>'
            '<option value="newest">Newest first</option>'
            '<option value="oldest">Oldest first</option>'
            "</select>"
            '<button type="submit" class="md-button md-button--primary">Search</button>'
            "</div>"
            '<div class="search-page__facets" data-search-facets></div>'
            "</form>"
        )
    )
    page.block(Html('<p class="search-page__status" role="status" data-search-page-status></p>'))
    page.block(Html('<ol class="search-page__results" data-search-page-results></ol>'))
    page.block(
        Html(
            '<p><button type="button" class="md-button md-button--primary" data-search-more hidden>'
            "More results</button></p>"
        )
    )
    browse = Html(", ").join(
        page.link(index_src(kind), label)
        for kind, label in (
            (RecordKind.TECHNOLOGY, "technologies"),
            (RecordKind.LETTER, "letters"),
            (RecordKind.MEETING, "meetings"),
            (RecordKind.VOTE, "votes"),
            (RecordKind.PERSON, "people"),
            (RecordKind.BODY, "bodies"),
        )
    )
    page.block(
        Html(
            "<noscript data-search-fallback><p>Search runs in your browser and needs JavaScript. "
            "Without it, browse the {}.</p></noscript>"
        ).format(browse)
    )
    return page

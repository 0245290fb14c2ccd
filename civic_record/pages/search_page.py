"""The full search page: a query, an order, filters (facets) and the results.

The page is a form that ``docs/javascripts/search.js`` runs against the Pagefind index:
the filters are filled in from the index itself (type, confidence, technology, body,
person, year, each with how many results ticking it gives), results are announced in a live
region, each saying how sure its record is in a word (Confirmed, Reported, Disputed), and the
query, order and filters are kept in the address, so a search can be bookmarked and shared.
The page itself is left out of the index.

Results come first: on a wide screen the filters sit beside them, on a phone they fold into
one "Filter" control above them (``docs/stylesheets/search-page.css``), and the page has no
table of contents column, which would only narrow them.
"""

from __future__ import annotations

from ..addresses import SEARCH_SRC as SEARCH_SRC
from ..vocabulary import RecordKind
from .site import GeneratedPage, Html, Page, Site, index_src


class SearchPage(Page):
    """The search page: a page without the table of contents column (it has no headings)."""

    def render(self) -> GeneratedPage:
        rendered = super().render()
        return GeneratedPage(rendered.markdown, {**rendered.meta, "hide": ["toc"]})


def search_page(site: Site) -> Page:
    page = SearchPage(site, SEARCH_SRC, "Search", "Search every record by words, file number or name")
    page.search = None
    # The filters are outside the form (they sit beside the results) but are the search
    # page's own controls too, hence the same data-search-page mark.
    page.block(
        Html(
            '<div class="search-page">'
            '<form class="search-page__form" role="search" aria-label="Search the records" '
            'action="{}" method="get" data-search-page>'
            '<label class="search-page__label" for="search-page-query">Words, a file number or a name</label>'
            '<div class="search-page__query">'
            '<input id="search-page-query" type="search" name="q" autocomplete="off" spellcheck="false" '
            'aria-controls="search-page-results">'
            '<button type="submit" class="md-button md-button--primary">Search</button>'
            '<span class="search-page__order">'
            '<label for="search-page-sort">Order</label>'
            '<select id="search-page-sort" name="sort">'
            '<option value="">Best match</option>'
            '<option value="newest">Newest first</option>'
            '<option value="oldest">Oldest first</option>'
            "</select></span>"
            "</div></form>"
            '<details class="search-page__filters" data-search-page data-search-filters>'
            '<summary class="search-page__filters-label">Filter<span data-search-filter-count></span></summary>'
            '<div class="search-page__facets" data-search-facets></div>'
            "</details>"
            '<div class="search-page__found">'
            '<p class="search-page__status" id="search-page-status" role="status" data-search-page-status></p>'
            '<ol class="search-page__results" id="search-page-results" aria-labelledby="search-page-status" '
            "data-search-page-results></ol>"
            '<p class="search-page__more" data-search-more-row hidden>'
            '<button type="button" class="md-button md-button--primary" data-search-more hidden>'
            "More results</button></p>"
            "</div>"
            "</div>"
        ).format(site.href(SEARCH_SRC, SEARCH_SRC))
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

"""The pages a records folder brings with it (``records/pages/``), and the About page.

``records/pages/about.md`` is the site's About page, ``index.md`` the introduction on the home
page, any other ``<name>.md`` a page at ``/<name>/``, listed under About in the navigation.
Their text is untrusted like a record's: it is rendered by the same sanitising renderer
(``render_record_text``) and put into a generated page, never handed to MkDocs as a page of
its own (which would let raw HTML, scripts and theme markup through).

Without ``about.md`` the About page says, in words that fit any city, what the site is.
Either way it ends with who publishes the record, how to send a correction, the licence,
and how to read a record (confidence, dates, votes, policies, search).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..addresses import ABOUT_SRC as ABOUT_SRC
from ..addresses import SEARCH_SRC
from ..city_pages import ABOUT, HOME, CityPage
from ..record_text import render_record_text
from ..site_settings import LINK_URL, corrections_link
from ..vocabulary import RecordKind
from .site import Html, Page, Site, e, index_src

ABOUT_TITLE = "About this site"


@dataclass(frozen=True)
class CityPageText:
    """A page of ``records/pages/`` as it is published: its title and sanitised body."""

    title: str | None
    body: Html


def page_text(page: CityPage) -> CityPageText:
    """The page's title (its front matter's, else its first ``# Title`` line's: the loader took
    it out of the text, checked) and its text rendered and sanitised as a record's is."""
    text = page.text
    title = page.title
    # render_record_text returns nh3-sanitised HTML (see record_text.py): the one way text of
    # a records folder becomes Html without being escaped, as in pages.site.text_section.
    return CityPageText(title, Html(render_record_text(text)))


def page_title(page: CityPage) -> str:
    """The title a page of ``records/pages/`` is published under (and listed by in the nav)."""
    title = page_text(page).title
    if title:
        return title
    if page.name == ABOUT:
        return ABOUT_TITLE
    return page.name.replace("-", " ").capitalize()


def extra_pages(site: Site) -> list[CityPage]:
    """The folder's own pages other than the About page and the home introduction, by name."""
    return [page for name, page in sorted(site.corpus.pages.items()) if name not in (ABOUT, HOME)]


def home_introduction(site: Site) -> Html | None:
    """``records/pages/index.md`` rendered for the top of the home page, or None without one."""
    page = site.corpus.pages.get(HOME)
    if page is None:
        return None
    text = page_text(page)
    if not text.body and not text.title:
        return None
    heading = Html("<h2>{}</h2>\n").format(text.title) if text.title else Html()
    return Html('<div class="record-text home-introduction">\n{}{}\n</div>').format(heading, text.body)


def corrections_html(value: str) -> Html:
    """How to send a correction: a link when it is an address, the sentence otherwise."""
    href = corrections_link(value)
    if href:
        return Html('<a href="{}">{}</a>').format(href, value)
    return e(value)


def contact_html(value: str) -> Html:
    if "@" in value and " " not in value and not value.lower().startswith("mailto:"):
        return Html('<a href="mailto:{0}">{0}</a>').format(value)
    if LINK_URL.match(value) and " " not in value:
        return Html('<a href="{0}">{0}</a>').format(value)
    return e(value)


def city_pages(site: Site) -> list[Page]:
    """The About page and one page per other page of ``records/pages/``."""
    pages = [about_page(site)]
    for city_page in extra_pages(site):
        page = Page(site, city_page.src, page_title(city_page))
        _text_block(page, page_text(city_page).body)
        pages.append(page)
    return pages


def _text_block(page: Page, body: Html) -> None:
    if body:
        page.block(Html('<div class="record-text city-page-text">\n{}\n</div>').format(body))


def about_page(site: Site) -> Page:
    own = site.corpus.pages.get(ABOUT)
    title = page_title(own) if own else ABOUT_TITLE
    page = Page(site, ABOUT_SRC, title, "What this site is, who publishes it and how to read its records")
    if own is not None:
        _text_block(page, page_text(own).body)
    else:
        _generic_introduction(page)
    _publisher_section(page)
    _how_to_read(page)
    _searching(page)
    page.heading("What this site does not do")
    page.block(
        Html(
            "<p>It sets no cookies, runs no analytics and loads nothing from any other website: no fonts, "
            "scripts or images from third parties. Search runs in your browser, from an index published "
            "with the site: what you type is never sent anywhere.</p>"
        )
    )
    return page


def _generic_introduction(page: Page) -> None:
    site = page.site
    where = Html(" in {}").format(site.city) if site.city else Html()
    page.block(
        Html(
            "<p>This site publishes the public record on surveillance technology proposed or used by "
            "police{}: letters, meetings and hearings, votes, policies and other documents, each with "
            "the sources it comes from. Each technology has a timeline of every record that names it, "
            "its current status and how that status changed.</p>"
        ).format(where)
    )


def _publisher_section(page: Page) -> None:
    site = page.site
    settings = site.corpus.settings
    corrections = settings.corrections or site.contact
    rows: list[Html] = []
    if settings.publisher:
        rows.append(Html("<dt>Published by</dt>\n<dd>{}</dd>").format(settings.publisher))
    if site.contact:
        rows.append(Html("<dt>Contact</dt>\n<dd>{}</dd>").format(contact_html(site.contact)))
    if corrections:
        rows.append(Html("<dt>Corrections</dt>\n<dd>{}</dd>").format(corrections_html(corrections)))
    if site.licence:
        link = Html()
        if LINK_URL.match(site.licence_url):  # checked in site.yml and mkdocs.yml: never another scheme
            link = Html(' (<a href="{0}">{0}</a>)').format(site.licence_url)
        rows.append(Html("<dt>Licence</dt>\n<dd>{}{}</dd>").format(site.licence, link))
    page.heading("Who publishes it")
    if rows:
        # A newline between terms and definitions keeps their words apart in the search index.
        page.block(Html('<dl class="record-facts site-publisher">{}</dl>').format(Html("\n").join(rows)))
    else:
        page.block(Html("<p>This site does not name its publisher.</p>"))
    page.block(
        Html(
            "<p>Every record is a text file that cites its sources. A correction is a change to that file, "
            "with a source for it: each record's page shows its sources and caveats so that readers can check "
            "it for themselves{}.</p>"
        ).format(Html(", and says how to send a correction") if corrections else Html())
    )


def _how_to_read(page: Page) -> None:
    page.heading("How to read a record")
    items = [
        Html(
            "<strong>Confidence.</strong> Every record says how sure it is. <em>Confirmed</em>: at least one "
            "primary source (the body's own minutes, agenda or file, or the document itself). "
            "<em>Reported</em>: press or other secondary sources only. <em>Disputed</em>: the sources "
            "disagree; the <strong>Caveats</strong> on the record's page say how."
        ),
        Html(
            "<strong>Dates</strong> show only what the sources give: “August 2025” when the day is not "
            "known. Records dated after the day the site was built are marked <em>Upcoming</em>."
        ),
        Html(
            "<strong>Roles</strong> are shown as the person held them on the record's date. Where the "
            "sources do not give when a role began or ended, the page says so rather than guessing."
        ),
        Html(
            "<strong>Votes</strong> show the roll call one row per member where the names are known, the "
            "tally, and the count the clerk published beside it. A vote whose names were never published "
            "says so."
        ),
        Html(
            "<strong>Policies</strong> (use policies, procedures, impact reports) show every version, and "
            "what changed from one version to the next as a redline: inserted words underlined and marked "
            "“+”, deleted words struck through and marked “−”."
        ),
        Html(
            "<strong>Required before use</strong>: where the rules require a use policy, a public hearing, "
            "an approval or a report before a technology is used, its timeline shows each as present (with "
            "the record) or missing."
        ),
        Html(
            "<strong>Cite this record</strong> at the foot of every record page gives a citation with the "
            "page's permanent address."
        ),
    ]
    page.block(Html("<ul>{}</ul>").format(Html().join(Html("<li>{}</li>").format(item) for item in items)))


def _searching(page: Page) -> None:
    page.heading("Searching")
    search = page.link(SEARCH_SRC, "search page")
    page.block(
        Html(
            "<p>The search box at the top of every page (press <kbd>/</kbd> or <kbd>s</kbd> to reach it) "
            "shows the best matches as you type; press <kbd>Enter</kbd> for the {}, which shows every "
            "result and narrows them by record type, technology, body, person, year and confidence (a "
            "number beside each choice is how many results ticking it gives). Accents do not "
            "matter, and a file number or meeting id puts the record that carries it first. The page's "
            "address holds the words, filters and order, so a link opens the same search.</p>"
        ).format(search)
    )
    links = [
        page.link(index_src(kind), label)
        for kind, label in (
            (RecordKind.TECHNOLOGY, "technologies"),
            (RecordKind.LETTER, "letters"),
            (RecordKind.MEETING, "meetings"),
        )
    ]
    page.block(
        Html("<p>Search needs JavaScript; without it, browse the {} and {}.</p>").format(
            Html(", ").join(links), page.link(index_src(RecordKind.VOTE), "votes")
        )
    )

"""The "Cite this record" block: permanent address, a plain-text citation and BibTeX.

A citation names who publishes the record (``site.yml`` ``publisher``, else the site's
name) and the page's absolute address, which needs the site's published address
(``site_url``). Without one the build cannot know where the page will live: the block then
points to the address bar rather than printing a path that would be wrong under a sub-path.
The day a reader retrieved the page is theirs to give, and the built page cannot know it (two
builds give the same bytes). So ``javascripts/cite.js`` fills in the reader's date: in the plain
citation, a span reading "the date you read it" until then; in the BibTeX, an empty span
before the closing brace that becomes ``urldate = {YYYY-MM-DD}``; and the note under them,
which without JavaScript asks the reader to add ``urldate`` themselves. Without JavaScript the
BibTeX has no ``urldate`` at all, never a placeholder word in its place. The theme's copy
button copies the text as shown, filled in. ``stylesheets/cite.css`` makes both blocks wrap on
a phone and keeps their text clear of the copy button.
"""

from __future__ import annotations

import datetime as dt

from ..addresses import Addresses
from ..models import DatedRecord
from .site import Html, Page, Site, record_src

RETRIEVED = Html('<span class="cite-retrieved">the date you read it</span>')
"""Filled in with the reader's date by ``javascripts/cite.js``; the built page stays the same."""

BIBTEX_DATE = Html('<span class="cite-bibtex-date"></span>')
"""Empty in the built page; ``javascripts/cite.js`` writes ``,\n  urldate = {YYYY-MM-DD}`` into it."""

DATE_NOTE = Html(
    '<span class="cite-date-note">Add the day you read this page to the BibTeX entry as '
    "<code>urldate = {YYYY-MM-DD}</code>.</span>"
)
"""Replaced by ``javascripts/cite.js`` once it has filled in the date."""


def permanent_url(site: Site, record: DatedRecord) -> str | None:
    """The record page's absolute address, when the site's published address is known
    (``--site-url`` or ``mkdocs.yml``, else ``site.yml``)."""
    published = site.site_url or site.corpus.settings.site_url
    if not published:
        return None
    return Addresses(published, site.directory_urls).page_url(record_src(record))


def publisher_name(site: Site) -> str:
    """Who publishes the record: ``site.yml`` ``publisher``, else the site's name."""
    return site.corpus.settings.publisher or site.site_name


def _container(site: Site) -> str:
    """``Riverton surveillance record, Office of the City Clerk, Riverton``: the site, its
    publisher (when it is not the site itself) and its city."""
    parts = [site.site_name]
    publisher = publisher_name(site)
    if publisher not in parts:
        parts.append(publisher)
    if site.city and site.city not in parts:
        parts.append(site.city)
    return ", ".join(part for part in parts if part)


def plain_citation(page: Page, record: DatedRecord) -> str:
    """``“Title” (date). Site, publisher, city.``: what the reader's retrieval day and the
    page's address follow (``cite_section``)."""
    return f"“{record.title}” ({record.date.display()}). {_container(page.site)}."


def plain_citation_html(page: Page, record: DatedRecord) -> Html:
    """The whole plain-text citation: ``… Retrieved <the day>, from <address>``."""
    url = permanent_url(page.site, record)
    if url:
        return Html("{} Retrieved {}, from {}").format(plain_citation(page, record), RETRIEVED, url)
    return Html("{} Retrieved {}.").format(plain_citation(page, record), RETRIEVED)


def _bibtex_text(text: str) -> str:
    # Braces group in BibTeX; a stray one would break the entry, a backslash start a command.
    return text.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")


def bibtex(page: Page, record: DatedRecord, accessed: dt.date | None = None) -> str:
    """A ``@misc`` entry; ``urldate`` only with the day the page was read, when it is known."""
    site = page.site
    fields = [
        ("title", f"{{{_bibtex_text(record.title)}}}"),
        ("year", str(record.date.year)),
    ]
    if record.date.month:
        fields.append(("month", str(record.date.month)))
    if record.date.day:
        fields.append(("day", str(record.date.day)))
    howpublished = ", ".join(x for x in (site.site_name, site.city) if x)
    fields.append(("howpublished", f"{{{_bibtex_text(howpublished)}}}"))
    # Double braces: a corporate name, which BibTeX must not split into first and last names.
    fields.append(("publisher", f"{{{{{_bibtex_text(publisher_name(site))}}}}}"))
    url = permanent_url(site, record)
    if url:
        fields.append(("url", f"{{{url}}}"))
    if accessed:
        fields.append(("urldate", f"{{{accessed.isoformat()}}}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{record.id},\n{body}\n}}"


def bibtex_html(page: Page, record: DatedRecord) -> Html:
    """The BibTeX entry as printed: ``BIBTEX_DATE`` before the closing brace, for the
    reader's ``urldate``."""
    entry = bibtex(page, record)
    return Html("{}{}\n}}").format(entry.removesuffix("\n}"), BIBTEX_DATE)


def cite_section(page: Page, record: DatedRecord) -> None:
    if page.site.corpus.draft:
        # A draft is not published: nothing on it is to be cited, and its addresses may change.
        page.heading("Cite this record")
        page.block(
            Html(
                '<div class="cite-this"><p class="cite-draft"><strong>Do not cite this page.</strong> It is part of a '
                "draft built from records still being written: it is not published, and its address and "
                "content may change. Cite the record's own sources (listed above).</p>{twin}</div>"
            ).format(twin=page.twin_link())
        )
        return
    url = permanent_url(page.site, record)
    if url:
        address = Html('<p>Permanent address: <a href="{url}">{url}</a>. It will not change.</p>').format(url=url)
    else:
        address = Html(
            '<p>Permanent address: <a href="{}">this page</a> (copy it from your browser\'s address bar). '
            "It will not change.</p>"
        ).format(page.site.href(page.src, page.src))
    page.heading("Cite this record")
    page.block(
        Html(
            '<div class="cite-this">'
            "{address}"
            "{twin}"
            "<p>Plain text:</p>"
            "<pre><code>{plain}</code></pre>"
            "<p>BibTeX:</p>"
            "<pre><code>{bibtex}</code></pre>"
            '<p class="cite-note">{note}</p>'
            "<p>Cite the record's own sources (listed above) for the facts it reports.</p>"
            "</div>"
        ).format(
            address=address,
            twin=page.twin_link(),
            note=_bibtex_note(url is not None),
            plain=plain_citation_html(page, record),
            bibtex=bibtex_html(page, record),
        )
    )


def _bibtex_note(has_url: bool) -> Html:
    """What the reader adds to the BibTeX entry: the day they read the page, unless their
    browser filled it in (``DATE_NOTE``), and its address, when the build did not know it."""
    if has_url:
        return DATE_NOTE
    return Html("Add this page's address as <code>url = {{...}}</code> to the BibTeX entry. {}").format(DATE_NOTE)

"""The "Cite this record" block: permanent address, a plain-text citation and BibTeX."""

from __future__ import annotations

from ..models import DatedRecord
from .site import Html, Page, record_src

RETRIEVED = Html('<span class="cite-retrieved">the date you read it</span>')
"""Filled in with the reader's date by ``javascripts/cite.js``; the built page stays the same."""


def plain_citation(page: Page, record: DatedRecord) -> str:
    site = page.site
    publisher = ", ".join(x for x in (site.site_name, site.city) if x)
    return f"“{record.title}” ({record.date.display()}). {publisher}. {site.absolute_url(record_src(record))}"


def _bibtex_text(text: str) -> str:
    # Braces group in BibTeX; a stray one would break the entry, a backslash start a command.
    return text.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")


def bibtex(page: Page, record: DatedRecord) -> str:
    site = page.site
    fields = [
        ("title", f"{{{_bibtex_text(record.title)}}}"),
        ("year", str(record.date.year)),
    ]
    if record.date.month:
        fields.append(("month", str(record.date.month)))
    if record.date.day:
        fields.append(("day", str(record.date.day)))
    fields.append(("howpublished", f"{{{_bibtex_text(', '.join(x for x in (site.site_name, site.city) if x))}}}"))
    fields.append(("url", f"{{{site.absolute_url(record_src(record))}}}"))
    fields.append(("note", "{Accessed on the date you read it}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{record.id},\n{body}\n}}"


def cite_section(page: Page, record: DatedRecord) -> None:
    url = page.site.absolute_url(record_src(record))
    page.heading("Cite this record")
    page.block(
        Html(
            '<div class="cite-this">'
            '<p>Permanent address: <a href="{url}">{url}</a>. It will not change.</p>'
            "<p>Plain text (retrieved {retrieved}):</p>"
            "<pre><code>{plain} Retrieved {retrieved}.</code></pre>"
            "<p>BibTeX:</p>"
            "<pre><code>{bibtex}</code></pre>"
            "<p>Cite the record's own sources (listed above) for the facts it reports.</p>"
            "</div>"
        ).format(url=url, retrieved=RETRIEVED, plain=plain_citation(page, record), bibtex=bibtex(page, record))
    )

"""What every page generator shares: the page under construction and HTML helpers.

The site (corpus, settings, addresses) is ``civic_record.site.Site``, and every address comes
from ``civic_record.addresses``; both are re-exported here for the page modules.

Generated pages are Markdown files whose variable parts are raw HTML blocks. Every piece of
that HTML is an :class:`Html` value, and the type checker sees to it that record text is
escaped exactly once on its way into a page: see :class:`Html`.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import LiteralString, Self

from markupsafe import Markup

from ..addresses import attachment_path
from ..addresses import attachment_url_path as attachment_url_path
from ..addresses import index_src as index_src
from ..addresses import record_src as record_src
from ..dates import PartialDate, display_time
from ..html_blocks import html_block
from ..models import DatedRecord, Link, StatusChange
from ..outputs.derived import DERIVING_KINDS
from ..record_text import render_record_text
from ..site import CONFIDENCE_LABELS as CONFIDENCE_LABELS
from ..site import KIND_LABELS as KIND_LABELS
from ..site import KIND_PLURALS as KIND_PLURALS
from ..site import Site as Site
from ..site import display_name as display_name
from ..vocabulary import FOLDERS, Confidence, TechnologyStatus


class Html(Markup):
    """HTML that may go into a page as it is: our own markup, with record text escaped once.

    Escaping is enforced by type: every helper that builds page HTML returns ``Html``, and
    every one that puts HTML into a page (``Page.block``, the cells of ``facts`` and
    ``table``) takes ``Html``, so mypy rejects a plain ``str`` there, be it unescaped record
    text or an f-string. Build fragments with a template, whose arguments are escaped unless
    they are ``Html`` already::

        Html('<a href="{}">{}</a>').format(href, title)
        Html(", ").join(links)

    and write ``Html("...")`` only around fixed markup of our own, or around text sanitized
    by nh3 (``text_section``): the constructor does not escape. Escaping an ``Html`` value
    leaves it as it is, so nothing is escaped twice; ``Html + str`` and ``join`` of a ``str``
    are type errors (at run time the ``str`` would be escaped, as in ``Markup``).

    Unlike ``Markup``, it escapes as :func:`html.escape` does (``&quot;`` and ``&#x27;``, not
    ``&#34;`` and ``&#39;``), so pages are the bytes they were before the type existed. Being
    a ``Markup``, Jinja templates print it as it is, even through ``| e``.
    """

    __slots__ = ()

    def __new__(cls, object: object = "", encoding: str | None = None, errors: str = "strict") -> Self:
        """``object`` as HTML, unescaped: only for our own fixed markup (or sanitized text)."""
        if type(object) is str:  # the common case, without Markup's checks (pages make many)
            return str.__new__(cls, object)
        return super().__new__(cls, object, encoding, errors)

    @classmethod
    def escape(cls, s: object, /) -> Self:
        """``s`` as HTML: itself when it is HTML already (has ``__html__``), else its text
        escaped. ``Markup``'s ``+``, ``%`` and other methods escape through this."""
        return s if isinstance(s, cls) else str.__new__(cls, _escaped(s))

    def format(self, *args: object, **kwargs: object) -> Self:
        """The template with its fields filled in, each argument escaped (``Html`` as it is).

        What ``Markup.format`` does, but by ``str.format`` on the escaped arguments, several
        times faster (a build makes hundreds of thousands of fragments). So its fields are
        plain, ``{}``, ``{0}`` or ``{name}``: a conversion (``{!r}``), a format spec or an
        attribute or item (``{0.title}``) would apply to the escaped text, and is refused.
        """
        if self not in _PLAIN_TEMPLATES:
            _check_template(self)
        escaped = [arg if type(arg) is Html else _escaped(arg) for arg in args]
        if kwargs:
            kwargs = {key: _escaped(value) for key, value in kwargs.items()}
        return str.__new__(type(self), str.format(self, *escaped, **kwargs))

    # Only HTML is added to or joined with HTML. A str would be escaped (safe, but mostly a
    # slip, such as an f-string of markup that readers would see as "&lt;a href=..."), so the
    # signatures are narrowed for the type checker; at run time a str is still escaped.
    def __add__(self, value: Html, /) -> Self:  # type: ignore[override]
        return super().__add__(value)

    def __radd__(self, value: Html, /) -> Self:  # type: ignore[override]
        return super().__radd__(value)

    def join(self, iterable: Iterable[Html], /) -> Self:  # type: ignore[override]
        parts = [part if type(part) is Html else _escaped(part) for part in iterable]
        return str.__new__(type(self), str.join(self, parts))


def _escaped(value: object) -> str:
    """``value`` as HTML text: ``Html`` (or any ``__html__``) as it is, anything else escaped."""
    if isinstance(value, Html):
        return value
    if type(value) is not str and hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value), quote=True)


_PLAIN_TEMPLATES: set[str] = set()
"""The ``Html.format`` templates ``_check_template`` accepted (our own literals: a few dozen)."""


def _check_template(template: str) -> None:
    """Refuse an ``Html.format`` field other than ``{}``, ``{0}`` or ``{name}``."""
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is not None and (spec or conversion or not (name == "" or name.isdigit() or name.isidentifier())):
            raise ValueError(f"Html.format takes plain fields only ({{}}, {{0}}, {{name}}): {template!r}")
    if len(_PLAIN_TEMPLATES) < 4096:
        _PLAIN_TEMPLATES.add(str(template))


def e(text: object) -> Html:
    """Text (record text, a number, a URL) as HTML, for content and attribute values alike.

    Escaped once: an ``Html`` value is returned as it is.
    """
    return Html.escape(text)


_HEADING_TEXT = re.compile(r"[^\W_]+(?:[ ,.:;'’()-]+[^\W_]+)*[.)]?")
"""Words, spaces and plain punctuation: nothing Markdown or HTML reads as markup."""


@dataclass
class Page:
    """One generated page under construction."""

    site: Site
    src: str
    title: str
    description: str | None = None
    parts: list[str] = field(default_factory=list)
    feeds: list[tuple[str, str, str]] = field(default_factory=list)
    """(MIME type, title, site path) of the feeds that follow this page."""
    lastmod: PartialDate | None = None
    """When what the page shows last changed, from the records (for the sitemap)."""
    structured_data: dict[str, object] | None = None
    """schema.org JSON-LD describing the page's subject."""
    search: dict[str, object] | None = field(default_factory=lambda: dict[str, object](type="Page"))
    """What the search index records of the page (see ``search_facets``); None keeps it out."""
    twin: str | None = None
    """The site path of the record's JSON twin, on the page of one record: the theme links it
    in ``<head>`` (``<link rel="alternate" type="application/json">``)."""

    def heading(self, text: LiteralString, level: int = 2) -> None:
        """A fixed heading in our own words, never record text: it joins the table of contents.

        The text is Markdown, not HTML, so escaping could not make record text safe here (a
        ``[link](javascript:...)`` needs no ``<``); it is refused unless it is plain words.
        (``LiteralString`` says so to type checkers that enforce it; mypy does not yet.)
        """
        if not _HEADING_TEXT.fullmatch(text):
            raise ValueError(f"a page heading is plain words of our own, not {text!r}")
        self.parts.append(f"{'#' * level} {text}")

    def block(self, markup: Html) -> None:
        """A raw HTML block, kept as it is by Markdown (see ``html_blocks``)."""
        self.parts.append(html_block(markup.strip("\n")))

    def link(self, to_src: str, text: str, css: str | None = None) -> Html:
        """A link to another page; ``text`` is escaped (unless it is ``Html``)."""
        href = self.site.href(self.src, to_src)
        if css:
            return Html('<a href="{}" class="{}">{}</a>').format(href, css, text)
        return Html('<a href="{}">{}</a>').format(href, text)

    def file_href(self, path: str) -> str:
        """A relative link from this page to a file at site path ``path`` (a feed, a data file)."""
        return self.site.file_href(self.src, path)

    def twin_link(self) -> Html:
        """The visible link to the record's JSON twin (``twin``), beside the citation."""
        if self.twin is None:
            return Html()
        derives = FOLDERS.get(self.twin.split("/", 1)[0]) in DERIVING_KINDS
        what = ", with what this page works out from other records" if derives else ": its fields as written"
        link = '<p class="record-json"><a href="{}" type="application/json">This record as JSON</a>{}.</p>'
        return Html(link).format(self.file_href(self.twin), what)

    def attachment_href(self, path: str) -> str:
        """Where a file under ``records/attachments/`` is published, relative to this page."""
        return self.site.file_href(self.src, attachment_path(path))

    def link_record(self, record_id: str, text: str | None = None) -> Html:
        """A link to a record by id (its title or name as the text), or the bare id if absent."""
        record = self.site.corpus.records.get(record_id)
        if record is None and self.site.corpus.draft:
            # In a draft: a file that is still incomplete, or no file at all.
            state = "not complete yet" if record_id in self.site.corpus.files else "not written yet"
            return Html('{} <span class="not-written">({})</span>').format(text or record_id, state)
        if record is None:
            return e(text or record_id)
        return self.link(record_src(record), text or display_name(record))

    def render(self) -> GeneratedPage:
        """The page's Markdown and its metadata, handed to MkDocs as values (never as YAML
        front matter text, which one unusual character in a title could break)."""
        # Html is Markup: the theme prints these as they are, and its `| e` filters leave them so.
        meta: dict[str, object] = {"title": e(self.title)}
        if self.description:
            meta["description"] = e(" ".join(self.description.split()))
        if self.feeds:
            meta["feeds"] = [{"type": kind, "title": e(title), "href": href} for kind, title, href in self.feeds]
        if self.lastmod is not None and not self.lastmod.is_after(self.site.today):
            meta["lastmod"] = self.lastmod.iso()
        if self.structured_data is not None:
            meta["jsonld"] = json_for_script(self.structured_data)
        meta["search"] = self.search if self.search is not None else False
        if self.twin is not None:
            meta["json_twin"] = self.twin
        return GeneratedPage("\n\n".join(self.parts) + "\n", meta)


@dataclass(frozen=True)
class GeneratedPage:
    """A generated page: Markdown (headings and stored HTML blocks) and its metadata.

    The metadata values are what the theme prints: titles and descriptions already
    HTML-escaped (the theme's templates print them as they are), JSON-LD already safe
    inside ``<script>``. ``mkdocs_plugin`` sets them as the page's ``meta``.
    """

    markdown: str
    meta: dict[str, object]

    def text(self) -> str:
        """Metadata and Markdown as one reviewable text, for golden files and tests."""
        front = "\n".join(
            f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}" for key, value in self.meta.items()
        )
        return f"---\n{front}\n---\n\n{self.markdown}"


def json_for_script(data: object) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` can end or open a tag."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def text_section(page: Page, record_id: str, heading: LiteralString) -> None:
    """The record's own Markdown text, sanitized, under a heading; nothing when it has none."""
    source = page.site.corpus.files.get(record_id)
    # The one place where record text becomes Html without escaping: render_record_text
    # returns it sanitized by nh3 (an allow-list of document tags and attributes, no script,
    # style, event handler or unsafe URL; see record_text.py).
    text = Html(render_record_text(source.text)) if source else Html()
    if text:
        page.heading(heading)
        page.block(Html('<div class="record-text">\n{}\n</div>').format(text))


def time_tag(date: PartialDate) -> Html:
    return Html('<time datetime="{}">{}</time>').format(date.iso(), date.display())


def when(record: DatedRecord, today: dt.date) -> Html:
    """Date, time and an "Upcoming" marker for records dated after today."""
    parts = [time_tag(record.date)]
    if record.time:
        parts.append(Html(", {}").format(display_time(record.time)))
    if record.date.is_after(today):
        parts.append(Html(' <span class="upcoming">Upcoming</span>'))
    return Html().join(parts)


def status_badge(status: TechnologyStatus) -> Html:
    return Html('<span class="status status-{}">{}</span>').format(status.value, status.label)


def identifier_span(value: object, url: str | None = None) -> Html:
    """An identifier (a file number), weighted up in search; a link where ``site.yml`` gives
    its key an address (``identifier_links``)."""
    span = Html('<span class="identifier" data-pagefind-weight="10">{}</span>').format(value)
    return Html('<a class="identifier-link" href="{}">{}</a>').format(url, span) if url else span


def identifier_html(page: Page, key: str | None, value: object) -> Html:
    """An identifier of the given key (``legistar_file``), linked when the site says where to."""
    url = page.site.corpus.settings.identifier_url(key, str(value)) if key else None
    return identifier_span(value, url)


def confidence_tag(confidence: Confidence) -> Html:
    """How sure the record is, in a word (never colour alone), for every summary of a record."""
    return Html('<span class="confidence-tag confidence-{}">{}</span>').format(
        confidence.value, CONFIDENCE_LABELS[confidence]
    )


def status_with_record(page: Page, change: StatusChange) -> Html:
    """A technology's status with its date and the record that shows it:
    ``In use as of February 24, 2026 (shown by <record>)``. The date is that of the record that
    shows the status, not when it began ("since" would claim a start the record may not give)."""
    return Html('{} as of {} <span class="status-record">(shown by {})</span>').format(
        status_badge(change.status), time_tag(change.date), page.link_record(change.record)
    )


def link_list(links: Iterable[Link]) -> Html:
    """A record's links to elsewhere, each shown by its title (or else its address)."""
    items = (Html('<li><a href="{}">{}</a></li>').format(link.url, link.title or link.url) for link in links)
    return Html("<ul>{}</ul>").format(Html().join(items))


def facts(rows: Sequence[tuple[str, Html]]) -> Html:
    """A definition list of label/value pairs: labels are text, values HTML (empty ones left out).

    A newline between the terms and definitions (the same list to a browser) keeps their words
    apart in the search index, which runs adjacent elements' text together without one."""
    items = Html("\n").join(Html("<dt>{}</dt>\n<dd>{}</dd>").format(label, value) for label, value in rows if value)
    return Html('<dl class="record-facts">{}</dl>').format(items)


def table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[Html]], css: str = "record-table") -> Html:
    """A data table with a caption and column headers (text); cells are HTML.

    Cells and rows are separated by a newline (the same table to a browser), so that the
    search index, which runs adjacent elements' text together, keeps their words apart."""
    if rows:
        # A column whose every cell is empty tells a reader nothing (a district no member has,
        # a number no version carries): it is left out.
        keep = [i for i in range(len(headers)) if any(i < len(row) and str(row[i]).strip() for row in rows)]
        if len(keep) < len(headers):
            headers = [headers[i] for i in keep]
            rows = [[row[i] for i in keep if i < len(row)] for row in rows]
    head = Html("\n").join(Html('<th scope="col">{}</th>').format(h) for h in headers)
    # "<tr><td>a</td>\n<td>b</td></tr>" by joining the cells: tables are most of a build's fragments.
    body = Html("\n").join(
        Html("<tr><td>{}</td></tr>").format(Html("</td>\n<td>").join(row)) if row else Html("<tr></tr>") for row in rows
    )
    # The wrapper scrolls a wide table sideways on a phone, even without JavaScript.
    return Html(
        '<div class="table-scroll"><table class="{}"><caption>{}</caption>'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>"
    ).format(css, caption, head, body)


def table_of_columns(caption: str, columns: Sequence[tuple[str, Sequence[Html]]], css: str = "record-table") -> Html:
    """:func:`table` given column by column (header, cells): for tables built a field at a time."""
    rows = [[cells[row] for _, cells in columns] for row in range(max((len(c) for _, c in columns), default=0))]
    return table(caption, [name for name, _ in columns], rows, css=css)


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def district_label(district: str | None) -> str | None:
    """``8th District`` or ``District A``: text, not HTML."""
    if not district:
        return None
    return f"{ordinal(int(district))} District" if district.isdecimal() else f"District {district}"

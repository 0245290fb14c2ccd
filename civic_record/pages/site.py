"""What every page generator shares: the corpus, URLs between pages, and HTML helpers.

Generated pages are Markdown files whose variable parts are raw HTML blocks built here, so
that every piece of record text is escaped exactly once, in one place.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
from dataclasses import dataclass, field

from ..corpus import Corpus
from ..dates import PartialDate, display_time
from ..html_blocks import html_block
from ..models import Body, DatedRecord, Person, Record
from ..record_text import render_record_text
from ..vocabulary import FOLDER_OF, RecordKind, TechnologyStatus


def e(text: object) -> str:
    """Escape text for HTML (content and attribute values alike)."""
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Site:
    """The corpus plus the few settings that shape URLs and wording."""

    corpus: Corpus
    today: dt.date
    site_name: str = "Surveillance technology record"
    site_url: str = ""
    directory_urls: bool = True
    city: str = ""
    licence: str = ""
    licence_url: str = ""
    contact: str = ""

    def url(self, src: str) -> str:
        """The site-relative URL MkDocs gives the page built from ``src``."""
        stem = src[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            stem = stem[: -len("index")]
            return stem if self.directory_urls else stem + "index.html"
        return stem + "/" if self.directory_urls else stem + ".html"

    def href(self, from_src: str, to_src: str) -> str:
        """A relative link between two pages, so the site works under any sub-path."""
        here, target = self.url(from_src), self.url(to_src)
        base = here if here == "" or here.endswith("/") else posixpath.dirname(here) + "/"
        relative = _relative(target, base)
        if (target == "" or target.endswith("/")) and not relative.endswith("/"):
            relative += "/"
        return "./" if relative == "./" or relative == "." else relative

    def absolute_url(self, src: str) -> str:
        base = self.site_url.rstrip("/") + "/" if self.site_url else "/"
        return base + self.url(src)


def _relative(target: str, base: str) -> str:
    """``posixpath.relpath("/" + target, "/" + base)`` for the site's clean URL paths, faster:
    a page links to hundreds of others, and ``relpath`` normalises both paths every time."""
    to_parts = [part for part in target.split("/") if part]
    from_parts = [part for part in base.split("/") if part]
    common = 0
    for a, b in zip(to_parts, from_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."


def record_src(record: Record) -> str:
    return f"{FOLDER_OF[record.kind]}/{record.id}.md"


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

    def heading(self, text: str, level: int = 2) -> None:
        """A fixed heading (our own words, never record text): it joins the table of contents."""
        self.parts.append(f"{'#' * level} {text}")

    def block(self, markup: str) -> None:
        """A raw HTML block, kept as it is by Markdown (see ``html_blocks``)."""
        self.parts.append(html_block(markup.strip("\n")))

    def link(self, to_src: str, text: str, css: str | None = None) -> str:
        cls = f' class="{css}"' if css else ""
        return f'<a href="{e(self.site.href(self.src, to_src))}"{cls}>{e(text)}</a>'

    def attachment_href(self, path: str) -> str:
        """Where a file under ``records/attachments/`` is published, relative to this page."""
        return self.site.href(self.src, "index.md") + "attachments/" + path.lstrip("/")

    def link_record(self, record_id: str, text: str | None = None) -> str:
        """A link to a record by id (its title or name as the text), or the bare id if absent."""
        record = self.site.corpus.records.get(record_id)
        if record is None:
            return e(text or record_id)
        return self.link(record_src(record), text or display_name(record))

    def render(self) -> str:
        meta = {"title": e(self.title)}
        if self.description:
            meta["description"] = e(" ".join(self.description.split()))
        extra: dict[str, object] = {}
        if self.feeds:
            extra["feeds"] = [{"type": kind, "title": e(title), "href": href} for kind, title, href in self.feeds]
        if self.lastmod is not None and not self.lastmod.is_after(self.site.today):
            extra["lastmod"] = self.lastmod.iso()
        if self.structured_data is not None:
            extra["jsonld"] = json_for_script(self.structured_data)
        extra["search"] = self.search if self.search is not None else False
        # JSON is valid YAML; the values are pre-escaped because the theme's templates
        # print page titles and descriptions without escaping.
        front = "\n".join(
            f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}"
            for key, value in {**meta, **extra}.items()
        )
        return f"---\n{front}\n---\n\n" + "\n\n".join(self.parts) + "\n"


def json_for_script(data: object) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` can end or open a tag."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def text_section(page: Page, record_id: str, heading: str) -> None:
    """The record's own Markdown text, sanitized, under a heading; nothing when it has none."""
    source = page.site.corpus.files.get(record_id)
    text = render_record_text(source.text) if source else ""
    if text:
        page.heading(heading)
        page.block(f'<div class="record-text">\n{text}\n</div>')


def display_name(record: Record) -> str:
    if isinstance(record, Person | Body):
        return record.name
    return str(getattr(record, "title", record.id))


def time_tag(date: PartialDate) -> str:
    return f'<time datetime="{date.iso()}">{e(date.display())}</time>'


def when(record: DatedRecord, today: dt.date) -> str:
    """Date, time and an "Upcoming" marker for records dated after today."""
    text = time_tag(record.date)
    if record.time:
        text += f", {e(display_time(record.time))}"
    if record.date.is_after(today):
        text += ' <span class="upcoming">Upcoming</span>'
    return text


def status_badge(status: TechnologyStatus) -> str:
    return f'<span class="status status-{status.value}">{e(status.label)}</span>'


KIND_LABELS = {
    RecordKind.LETTER: "Letter",
    RecordKind.MEETING: "Meeting",
    RecordKind.VOTE: "Vote",
    RecordKind.SOP: "Policy version",
    RecordKind.DOCUMENT: "Document",
    RecordKind.BODY: "Body",
    RecordKind.PERSON: "Person",
    RecordKind.TECHNOLOGY: "Technology",
}

KIND_PLURALS = {
    RecordKind.LETTER: "Letters",
    RecordKind.MEETING: "Meetings and hearings",
    RecordKind.VOTE: "Votes",
    RecordKind.SOP: "Policies and SOPs",
    RecordKind.DOCUMENT: "Documents",
    RecordKind.BODY: "Bodies",
    RecordKind.PERSON: "People",
    RecordKind.TECHNOLOGY: "Technologies",
}


def facts(rows: list[tuple[str, str]]) -> str:
    """A definition list of label/value pairs; values are already HTML."""
    items = "".join(f"<dt>{e(label)}</dt><dd>{value}</dd>" for label, value in rows if value)
    return f'<dl class="record-facts">{items}</dl>'


def table(caption: str, headers: list[str], rows: list[list[str]], css: str = "record-table") -> str:
    """A data table with a caption and column headers; cells are already HTML."""
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    # The wrapper scrolls a wide table sideways on a phone, even without JavaScript.
    return (
        f'<div class="table-scroll"><table class="{css}"><caption>{e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def district_label(district: str | None) -> str | None:
    if not district:
        return None
    return f"{ordinal(int(district))} District" if district.isdecimal() else f"District {district}"

"""Where every page and file of a site lives, and how to reach it: the one address model.

Pages and outputs (feeds, calendars, data files, sitemaps) and the theme's templates all take
their addresses from here, so that both URL styles of MkDocs are right everywhere:

==========================  ==============================  ===========================
                            ``use_directory_urls: true``    ``use_directory_urls: false``
==========================  ==============================  ===========================
source ``letters/a.md``     ``letters/a/``                  ``letters/a.html``
source ``letters/index.md`` ``letters/``                    ``letters/index.html``
source ``index.md``         ```` (the site's root)          ``index.html``
a file ``data/x.csv``       ``data/x.csv``                  ``data/x.csv``
==========================  ==============================  ===========================

A page is named by its *source path* (``letters/<id>.md``, what MkDocs calls ``src_uri``),
a file by its *site path* (``feeds/all.atom.xml``, ``attachments/<name>``), which is the same
in both styles. From those, :class:`Addresses` gives the three kinds of address a site needs:

- a page's site path (:meth:`Addresses.page_path`);
- a relative link from a page to another page or to a file (:meth:`Addresses.page_href`,
  :meth:`Addresses.file_href`), so the site works under any sub-path and on any static host;
- an absolute URL of a page or a file (:meth:`Addresses.page_url`, :meth:`Addresses.file_url`)
  under ``site_url``, sub-path kept (``https://host/sub/path/letters/a/``); path-absolute
  (``/letters/a/``) when the site has no ``site_url``.

A file's site path is never appended to a *page's* address: with ``use_directory_urls: false``
the root page is ``index.html``, and ``index.html`` + ``attachments/x.pdf`` is no address.

Below ``pages/`` and ``outputs/``: this module imports neither.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from .models import Record
from .vocabulary import FOLDER_OF, RecordKind

HOME_SRC = "index.md"
"""The source path of the home page (generated, or ``docs/index.md``)."""
ABOUT_SRC = "about.md"
SEARCH_SRC = "search/index.md"
FOLLOW_SRC = "follow.md"
DATA_SRC = "data.md"
"""The hand-written "Data downloads" page (``docs/data.md``)."""


# --- Pages: source paths --------------------------------------------------------------------


def record_src(record: Record) -> str:
    """The source path of a record's page: ``letters/<id>.md``."""
    return f"{FOLDER_OF[record.kind]}/{record.id}.md"


def index_src(kind: RecordKind, number: int = 1) -> str:
    """The source path of a listing page: ``letters/index.md``, then ``letters/page/2.md``."""
    folder = FOLDER_OF[kind]
    return f"{folder}/index.md" if number == 1 else f"{folder}/page/{number}.md"


TEMPLATE_PAGES = {
    "home": HOME_SRC,
    "about": ABOUT_SRC,
    "search": SEARCH_SRC,
    "technologies": index_src(RecordKind.TECHNOLOGY),
    "letters": index_src(RecordKind.LETTER),
    "meetings": index_src(RecordKind.MEETING),
    "votes": index_src(RecordKind.VOTE),
}
"""The pages the theme's templates (``overrides/``) link by name: the plugin hands their site
paths to the templates as ``config.extra.urls``."""


# --- Files: site paths ----------------------------------------------------------------------

SITE_FEED_ATOM = "feeds/all.atom.xml"
SITE_FEED_RSS = "feeds/all.rss.xml"
UPCOMING_CALENDAR = "calendar/upcoming.ics"
RECORDS_JSON = "data/records.json"
RECORD_SCHEMA = "data/record-schema.json"
ROLL_CALL_CSV = "data/roll-call-votes.csv"
TIMELINE_CSV = "data/timeline.csv"


def feed_path(folder: str, record_id: str, kind: str = "atom") -> str:
    """A feed that follows one technology, person or body: ``feeds/technologies/<id>.atom.xml``."""
    return f"feeds/{folder}/{record_id}.{kind}.xml"


def record_feed(record: Record, kind: str = "atom") -> str:
    return feed_path(FOLDER_OF[record.kind], record.id, kind)


def technology_calendar(technology_id: str) -> str:
    return f"calendar/technologies/{technology_id}.ics"


def json_twin(record: Record) -> str:
    """Every record as JSON beside its page: ``letters/<id>.json``."""
    return f"{FOLDER_OF[record.kind]}/{record.id}.json"


def kind_csv(folder: str) -> str:
    return f"data/{folder}.csv"


def kind_schema_path(kind: RecordKind) -> str:
    """One kind's schema, standalone, for an editor: ``data/schema/letter.json``."""
    return f"data/schema/{kind.value}.json"


def sitemap_path(folder: str) -> str:
    """The small sitemap of a folder of files that pages name in ``<link rel="alternate">``."""
    return f"{folder}/sitemap.xml" if folder else "sitemap.xml"


def attachment_url_path(path: str) -> str:
    """An attachment's path as written in a record, as a URL path: '/' between folders (also
    when written with '\\'), every other character that is not plain ASCII percent-encoded,
    so that names with '#', '?', '%' or spaces link to their file."""
    parts = [part for part in path.replace("\\", "/").split("/") if part not in {"", "."}]
    return "/".join(quote(part, safe="") for part in parts)


def attachment_path(path: str) -> str:
    """Where a file under ``records/attachments/`` is published: ``attachments/<path>``,
    percent-encoded (see :func:`attachment_url_path`)."""
    return "attachments/" + attachment_url_path(path)


# --- Addresses ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Addresses:
    """Page paths, relative links and absolute URLs, in the site's URL style."""

    site_url: str = ""
    """The published address, sub-path included (``https://www.example.gov/record/``), or ``""``."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``."""

    @property
    def base(self) -> str:
        """The site's root as an absolute URL (``https://host/sub/``), or ``/`` without a ``site_url``."""
        return self.site_url.rstrip("/") + "/" if self.site_url else "/"

    def page_path(self, src: str) -> str:
        """The site path MkDocs gives the page built from ``src``: ``letters/a/`` or ``letters/a.html``."""
        stem = src.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            stem = stem[: -len("index")]
            return stem if self.directory_urls else stem + "index.html"
        return stem + "/" if self.directory_urls else stem + ".html"

    def page_href(self, from_src: str, to_src: str) -> str:
        """A relative link from one page to another."""
        target = self.page_path(to_src)
        relative = _relative(target, self._folder_of(from_src))
        if (target == "" or target.endswith("/")) and not relative.endswith("/"):
            relative += "/"
        return "./" if relative in {"./", "."} else relative

    def file_href(self, from_src: str, path: str) -> str:
        """A relative link from a page to a file at site path ``path`` (already URL-encoded)."""
        return _relative(path, self._folder_of(from_src))

    def page_url(self, src: str) -> str:
        """The absolute URL of the page built from ``src``."""
        return self.base + self.page_path(src)

    def file_url(self, path: str) -> str:
        """The absolute URL of a file at site path ``path``."""
        return self.base + path

    def template_urls(self) -> dict[str, str]:
        """The site path of each page in ``TEMPLATE_PAGES``, for the templates' ``url`` filter."""
        return {name: self.page_path(src) for name, src in TEMPLATE_PAGES.items()}

    def _folder_of(self, src: str) -> str:
        """The folder a page's relative links start from: ``letters/a/`` or ``letters/``."""
        here = self.page_path(src)
        return here if here == "" or here.endswith("/") else posixpath.dirname(here) + "/"


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

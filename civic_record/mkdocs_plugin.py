"""The MkDocs plugin: records in, generated pages added to the site's files.

Pages are virtual (``File.generated``), so nothing is ever written into ``docs/``. Record
pages are marked "not in nav": MkDocs renders the whole nav into every page, and listing
thousands of records there makes a build quadratic (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from pydantic import ValidationError

from .addresses import record_src
from .check import check_records
from .city_pages import ABOUT
from .corpus import Corpus
from .dates import today
from .html_blocks import GeneratedHtmlExtension
from .models import DatedRecord
from .outputs import generate_outputs
from .page_reads import ReadDigests, reading_site, site_digest
from .page_reuse import MANIFEST_NAME, fingerprint, load_previous, write_manifest
from .page_workers import Rendering, SiteFiles, render_apart
from .pages import PlannedPage, Site, page_plan, site_pages
from .pages.city_pages import ABOUT_SRC, extra_pages, page_title
from .problem_codes import Code
from .problems import Problems
from .record_text import forget_rendered
from .search_index import SearchIndexError, forget_kept, index_site, keep_for_index
from .serve_watch import notified_watching
from .site_folder import delete_tree
from .site_settings import SiteSettings, corrections_link, load_site_settings
from .twin_reuse import TwinReuse
from .workers import default_jobs

log = logging.getLogger("mkdocs.plugins.civic_record")

RECORDS_ENV = "CIVIC_RECORD_RECORDS"
"""Set by ``build_site.py --records DIR`` so that ``mkdocs serve`` rebuilds see the same folder."""
DRAFT_ENV = "CIVIC_RECORD_DRAFT"
"""Set to 1 by ``serve --draft``: the preview is a draft build (see ``check_records``)."""


class CivicRecordConfig(Config):  # type: ignore[no-untyped-call]
    """The site's own settings, under ``plugins: - civic-record:`` in ``mkdocs.yml``."""

    records = c.Type(str, default="records")
    city = c.Type(str, default="")
    licence = c.Type(str, default="")
    licence_url = c.Type(str, default="")
    contact = c.Type(str, default="")
    publisher = c.Type(str, default="")
    corrections = c.Type(str, default="")
    timezone = c.Type(str, default="")


class CivicRecordPlugin(BasePlugin[CivicRecordConfig]):  # type: ignore[no-untyped-call]
    """Adds one page per record, the timelines, index, person and body pages."""

    def __init__(self) -> None:
        super().__init__()
        self.records_dir = Path("records")
        self.preloaded: tuple[Corpus, Problems] | None = None
        self.index_search = True
        """False when the caller runs Pagefind itself after the build (``build.py`` does)."""
        self.generated_meta: dict[str, dict[str, object]] = {}
        """Each generated page's metadata, by source path: set on the page as values."""
        self.record_pages: frozenset[str] = frozenset()
        """The source paths of the pages that show one record (they say how to send a correction)."""
        self.site_url_fixed = False
        """True when the caller chose ``site_url`` (``--site-url``): ``site.yml`` does not override it."""
        self.serving = False
        self.serve_dirty = False
        self.draft = False
        """A draft build (``--draft``): see ``check_records``; every page says so."""
        self.jobs: int | None = None
        """Processes that render the pages of single records (``build --jobs``); None: one per core,
        or one when serving."""
        self.planned: dict[str, PlannedPage] = {}
        """The pages ``page_workers`` makes and renders, by source path."""
        self.nav: Navigation | None = None
        self.previous_site: Path | None = None
        """The site the previous build wrote, whose unchanged pages may be copied (``page_reuse``)."""
        self.pages_rendered = 0
        self.pages_copied = 0
        self.twins_copied = 0
        self.pages_unmade = 0
        """Of the pages copied, those whose Markdown was not made again (``page_reads``)."""
        self.read_digests: ReadDigests | None = None
        self.site_digest = ""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object across the rebuilds of one `mkdocs serve`.
        self.serving = command == "serve"
        self.serve_dirty = dirty

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """In a serve, before MkDocs empties its preview folder: keep the previous preview aside,
        so that its unchanged pages and search parts are copied instead of made again."""
        forget_kept()  # what the search index noted of the last build's pages
        if self.serving and not self.serve_dirty:
            self.previous_site = preview_aside(Path(config.site_dir), self.previous_site)

    def _drop_preview_aside(self) -> None:
        if self.serving and self.previous_site is not None:
            delete_tree(self.previous_site)
            self.previous_site = None

    def on_build_error(self, *, error: Exception) -> None:
        self._drop_preview_aside()

    def on_shutdown(self) -> None:
        self._drop_preview_aside()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        configured = os.environ.get(RECORDS_ENV) or self.config.records
        self.draft = self.draft or os.environ.get(DRAFT_ENV) == "1"
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.records_dir = (base / configured).resolve()
        config.markdown_extensions.append(GeneratedHtmlExtension())  # type: ignore[arg-type]
        if not (self.site_url_fixed or self.serving):
            # The records folder's own address wins over mkdocs.yml (a serve keeps its own address;
            # `build_site.py serve` mounts the preview at site.yml's sub-path). Problems in
            # site.yml are reported by the check in on_files.
            own = load_site_settings(self.records_dir, Problems()).site_url
            if own:
                config.site_url = own
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        corpus, problems = self.preloaded or check_records(
            self.records_dir,
            draft=self.draft,
            keep_rendered=self.serving,
            jobs=1 if self.serving else self.jobs or default_jobs(),  # a serve runs threads: no forking
        )
        self.preloaded = None  # a serve rebuild must read the records again
        for problem in problems.sorted():
            log.info(problem.format())
        if problems.errors:
            raise PluginError(f"the records have errors:\n{problems.report()}")
        corpus.forget_positions()  # checked: pages never say where a value stands in its file
        settings = self._settings(corpus.settings, config)
        corpus.settings = settings  # what every page and output reads: site.yml over mkdocs.yml
        site_name = settings.site_name or "Surveillance technology record"
        # The theme prints the site's name without escaping, in every page's <title> and
        # header: it gets the escaped text, the feeds and downloads the text itself.
        config.site_name = escape(site_name)  # Markup: a template's `| e` leaves it as it is
        config.extra["notice"] = settings.notice or ""
        config.extra["draft"] = self.draft
        if self.draft:
            config.extra["notice"] = " ".join(filter(None, [draft_notice(corpus, problems), settings.notice]))
            site_name = f"Draft: {site_name}"
            config.site_name = escape(site_name)
        site = Site(
            corpus=corpus,
            today=today(),
            site_name=site_name,
            site_url=config.site_url or "",
            directory_urls=config.use_directory_urls,
            city=settings.city or "",
            licence=settings.licence or "",
            licence_url=settings.licence_url or "",
            contact=settings.contact or "",
        )
        config.extra["footer"] = site_footer(site)
        # The pages the templates link by name (About, search...), in this site's URL style.
        config.extra["urls"] = site.addresses.template_urls()
        # People, bodies and technologies end with how to send a correction; a dated record's
        # page says it beside its sources (record_page.py).
        self.record_pages = frozenset(record_src(r) for r in corpus.records.values() if not isinstance(r, DatedRecord))
        _add_city_pages_to_nav(config, site)
        hand_written_home = files.get_file_from_path("index.md") is not None
        self.generated_meta = {}
        own_pages = {page.src: page.render() for page in site_pages(site, with_home=not hand_written_home)}
        # the pages of single records see the corpus through page_reads, which notes what each reads
        self.planned = {planned.src: planned for planned in page_plan(reading_site(site))}
        self.read_digests = ReadDigests(corpus)
        self.site_digest = site_digest(site)
        hand_written = {file.dest_uri: file.src_uri for file in files}
        for src in sorted([*own_pages, *self.planned]):
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"docs/{src} has the same path as a generated page; rename the hand-written page")
            page = own_pages.get(src)
            generated = File.generated(config, src, content=page.markdown if page is not None else "")
            if page is not None:
                self.generated_meta[src] = page.meta
            generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        # a record's JSON twin is copied from the previous build when nothing it read changed
        twins = TwinReuse(site, self.previous_site)
        for path, text in generate_outputs(site, twins.text).items():
            files.append(File.generated(config, path, content=text))
        twins.write(Path(config.site_dir))
        self.twins_copied = twins.copied
        for file in files:
            clash = hand_written.get(file.dest_uri)
            if file.generated_by is not None and clash is not None:
                # MkDocs would write both to one file, the later over the earlier
                raise PluginError(
                    f"docs/{clash} would be published at {file.dest_uri}, where the site publishes "
                    f"{file.src_uri}; rename or remove the hand-written file"
                )
        for relative in corpus.attachments:
            attachment = File(
                f"attachments/{relative}",
                src_dir=str(self.records_dir),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
            if attachment.is_documentation_page():
                # check refuses such files (attachment.active-content); never publish one as a page
                raise PluginError(f"attachments/{relative} would be published as a page of the site")
            files.append(attachment)
        return SiteFiles(files, apart=frozenset(self.planned))

    def _settings(self, from_records: SiteSettings, config: MkDocsConfig) -> SiteSettings:
        """The records folder's ``site.yml`` over ``mkdocs.yml``, every value checked alike."""
        configured = {
            "site_name": config.site_name,
            "city": self.config.city,
            "notice": config.extra.get("notice"),
            "licence": self.config.licence,
            "licence_url": self.config.licence_url,
            "contact": self.config.contact,
            "publisher": self.config.publisher,
            "corrections": self.config.corrections,
            "timezone": self.config.timezone,
            "site_url": config.site_url,
        }
        try:
            defaults = SiteSettings.model_validate({key: value for key, value in configured.items() if value})
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise PluginError(f"mkdocs.yml: '{where}': {first['msg']}") from None
        given = from_records.model_dump(exclude_none=True, exclude_defaults=True)
        if self.site_url_fixed or self.serving:
            given.pop("site_url", None)  # --site-url (or the preview's own address) wins
        return defaults.model_copy(update=given)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page gets its metadata as values and its Markdown as generated.

        MkDocs would read metadata from the page's text (YAML front matter, or "key: value"
        lines at its top); a generated page has none: whatever MkDocs parsed is replaced.
        """
        meta = self.generated_meta.get(page.file.src_uri)
        if meta is None or not page.file.generated_by:
            return markdown
        page.meta = dict(meta)
        if page.file.src_uri in self.record_pages:
            page.meta["record_corrections"] = True  # overrides/main.html: how to send a correction
        return page.file.content_string

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Render the pages of single records (``page_workers``), once MkDocs has read the
        navigation's pages and before it writes the sitemap, which needs their dates."""
        if self.nav is None:
            raise PluginError("the navigation was not built before the pages")
        jobs = self.jobs or (1 if self.serving else default_jobs())
        rendering = Rendering(self.planned, config, files, self.nav, env, self._set_page, self._page_done)
        rendering.fingerprint = fingerprint(config, self.nav)
        rendering.digests, rendering.site = self.read_digests, self.site_digest
        others = [name for name in config.plugins if name != "civic-record"]
        if others:
            # Another plugin or hook may keep what it sees of each page: it must see every page,
            # in this process. No page is copied, none is rendered in a worker.
            log.info("plugins besides civic-record (%s): record pages rendered in one process", ", ".join(others))
            jobs = 1
        else:
            rendering.previous = load_previous(self.previous_site)
        try:
            render_apart(rendering, jobs)
        finally:
            self.planned = {}
            self.nav = None
            self.read_digests = None
        write_manifest(Path(config.site_dir), rendering.pages, rendering.previous.table)
        self.pages_copied = rendering.copied
        self.pages_unmade = rendering.copied_unmade
        self.pages_rendered = len(rendering.pages) - rendering.copied
        return env

    def _set_page(self, file: File, markdown: str, meta: dict[str, object]) -> None:
        file.content_string = markdown
        self.generated_meta[file.src_uri] = meta

    def _page_done(self, file: File) -> None:
        """A rendered page's Markdown and metadata let go."""
        file.content_string = ""
        self.generated_meta.pop(file.src_uri, None)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Note the part of the index the page goes into, and what the index reads of it. With
        another plugin or hook, which may change the page after this one, nothing is noted:
        the index reads every page as written (``search_index._complete_input``)."""
        if not [name for name in config.plugins if name != "civic-record"]:
            keep_for_index(page.file.dest_uri, output)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built pages for search: every build, so ``mkdocs serve`` searches too."""
        if not self.serving:  # a serve keeps the rendered texts for its next rebuild
            forget_rendered()  # the record text kept since check: the pages are written
        try:
            if not self.index_search:
                return
            previous = self.previous_site if self.serving else None
            try:
                # a preview is indexed by year, so that an edit indexes its year's pages only
                summary = index_site(Path(config.site_dir), previous, default_jobs(), preview=self.serving)
            except SearchIndexError as error:
                raise PluginError(str(error)) from error
            log.info("search index: %s", summary)
            if self.serving:
                rendered, copied, unmade = self.pages_rendered, self.pages_copied, self.pages_unmade
                log.info(
                    "pages of single records: %d rendered, %d copied from the previous preview (%d not made again)",
                    rendered,
                    copied,
                    unmade,
                )
        finally:
            self._drop_preview_aside()

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.records_dir))
        notified_watching(server)  # rather than walking the records twice a second (serve_watch)
        return server


def site_footer(site: Site) -> dict[str, str]:
    """What every page's footer says (``overrides/partials/copyright.html``), as text: the
    template escapes each value. Empty values are left out of the footer."""
    settings = site.corpus.settings
    corrections = settings.corrections or site.contact
    return {
        "publisher": settings.publisher or "",
        "contact": site.contact,
        "contact_href": _contact_href(site.contact),
        "corrections": corrections,
        "corrections_href": (corrections_link(corrections) or "") if corrections else "",
        "licence": site.licence,
        "licence_url": site.licence_url,
        "updated": _last_updated(site),
    }


def _contact_href(contact: str) -> str:
    if not contact or " " in contact:
        return ""
    return corrections_link(contact) or ""


def _last_updated(site: Site) -> str:
    """When the record was last updated: the date of its newest record up to the build's day
    (a scheduled meeting is not an update yet), else the build date from SOURCE_DATE_EPOCH.
    Both are fixed for the same records, so the footer never makes two builds differ."""
    dated = [r for r in site.corpus.dated if isinstance(r, DatedRecord) and not r.date.is_after(site.today)]
    if dated:
        newest = max(dated, key=lambda r: (r.date.last_day(), r.date.first_day()))
        return newest.date.display()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isascii() and epoch.isdigit():
        day = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        return f"{day:%B} {day.day}, {day.year}"
    return ""


def _add_city_pages_to_nav(config: MkDocsConfig, site: Site) -> None:
    """The folder's own pages go into the navigation under About, right after the About page,
    which takes the title its ``about.md`` gives. Titles are escaped: the theme prints them as
    they are."""
    about = site.corpus.pages.get(ABOUT)
    extra = [{escape(page_title(p)): p.src} for p in extra_pages(site)]
    if not config.nav or not (extra or about):
        return

    def visit(items: list[Any]) -> bool:
        for index, item in enumerate(items):
            if isinstance(item, dict) and len(item) == 1:
                ((_title, value),) = item.items()
                if value == ABOUT_SRC:
                    if about is not None:
                        items[index] = {escape(page_title(about)): ABOUT_SRC}
                    items[index + 1 : index + 1] = extra
                    return True
                if isinstance(value, list) and visit(value):
                    return True
        return False

    if not visit(config.nav) and extra:
        config.nav.extend(extra)


def draft_notice(corpus: Corpus, problems: Problems) -> str:
    """What the banner of a draft build says on every page: not for publication, and what is missing."""
    incomplete = sum(1 for p in problems.items if p.code == Code.RECORD_INCOMPLETE)
    missing = len(corpus.not_written)
    parts = []
    if incomplete:
        parts.append(
            f"{_count(incomplete, 'record')} left out until {'its' if incomplete == 1 else 'their'} "
            "required fields are filled"
        )
    if missing:
        parts.append(f"{_count(missing, 'record')} named here {'is' if missing == 1 else 'are'} not written yet")
    detail = f" {' and '.join(parts)[0].upper()}{' and '.join(parts)[1:]}." if parts else ""
    return f"Draft, not for publication: built from records still being written.{detail}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def preview_aside(preview: Path, aside: Path | None) -> Path | None:
    """Move what a serve's preview folder holds (MkDocs' own temporary folder) into a folder
    beside it, emptied first; return that folder, or None when the preview is not one this
    plugin built (then nothing is moved)."""
    if aside is not None:
        delete_tree(aside)
    if not (preview / MANIFEST_NAME).is_file():
        return None
    aside = Path(tempfile.mkdtemp(prefix="civic-record-preview-", dir=preview.parent))
    try:
        for entry in os.listdir(preview):
            os.replace(preview / entry, aside / entry)
    except OSError:  # the rebuild renders everything; MkDocs empties the preview anyway
        shutil.rmtree(aside, ignore_errors=True)
        return None
    return aside

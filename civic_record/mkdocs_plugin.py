"""The MkDocs plugin: records in, generated pages added to the site's files.

Pages are virtual (``File.generated``), so nothing is ever written into ``docs/``. Record
pages are marked "not in nav": MkDocs renders the whole nav into every page, and listing
thousands of records there makes a build quadratic (see DESIGN.md).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from pydantic import ValidationError

from .check import check_records
from .corpus import Corpus
from .dates import today
from .html_blocks import GeneratedHtmlExtension
from .outputs import generate_outputs
from .pages import Site, generate_pages
from .problems import Problems
from .search_index import SearchIndexError, index_site
from .site_settings import SiteSettings

log = logging.getLogger("mkdocs.plugins.civic_record")

RECORDS_ENV = "CIVIC_RECORD_RECORDS"
"""Set by ``build_site.py --records DIR`` so that ``mkdocs serve`` rebuilds see the same folder."""


class CivicRecordConfig(Config):  # type: ignore[no-untyped-call]
    """The site's own settings, under ``plugins: - civic-record:`` in ``mkdocs.yml``."""

    records = c.Type(str, default="records")
    city = c.Type(str, default="")
    licence = c.Type(str, default="")
    licence_url = c.Type(str, default="")
    contact = c.Type(str, default="")


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

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        configured = os.environ.get(RECORDS_ENV) or self.config.records
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.records_dir = (base / configured).resolve()
        config.markdown_extensions.append(GeneratedHtmlExtension())  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        corpus, problems = self.preloaded or check_records(self.records_dir)
        self.preloaded = None  # a serve rebuild must read the records again
        for problem in problems.sorted():
            log.info(problem.format())
        if problems.errors:
            raise PluginError(f"the records have errors:\n{problems.report()}")
        settings = self._settings(corpus.settings, config)
        site_name = settings.site_name or "Surveillance technology record"
        # The theme prints the site's name without escaping, in every page's <title> and
        # header: it gets the escaped text, the feeds and downloads the text itself.
        config.site_name = escape(site_name)  # Markup: a template's `| e` leaves it as it is
        config.extra["notice"] = settings.notice or ""
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
        hand_written_home = files.get_file_from_path("index.md") is not None
        self.generated_meta = {}
        for src, page in generate_pages(site, with_home=not hand_written_home).items():
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"docs/{src} has the same path as a generated page; rename the hand-written page")
            generated = File.generated(config, src, content=page.markdown)
            self.generated_meta[src] = page.meta
            generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        for path, text in generate_outputs(site).items():
            files.append(File.generated(config, path, content=text))
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
        return files

    def _settings(self, from_records: SiteSettings, config: MkDocsConfig) -> SiteSettings:
        """The records folder's ``site.yml`` over ``mkdocs.yml``, every value checked alike."""
        configured = {
            "site_name": config.site_name,
            "city": self.config.city,
            "notice": config.extra.get("notice"),
            "licence": self.config.licence,
            "licence_url": self.config.licence_url,
            "contact": self.config.contact,
        }
        try:
            defaults = SiteSettings.model_validate({key: value for key, value in configured.items() if value})
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise PluginError(f"mkdocs.yml: '{where}': {first['msg']}") from None
        given = from_records.model_dump(exclude_none=True)
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
        return page.file.content_string

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built pages for search: every build, so ``mkdocs serve`` searches too."""
        if not self.index_search:
            return
        try:
            summary = index_site(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(str(error)) from error
        log.info("search index: %s", summary)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.records_dir))
        return server

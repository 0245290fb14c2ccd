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

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .attachments import attachment_files
from .check import check_records
from .corpus import Corpus
from .dates import today
from .html_blocks import GeneratedHtmlExtension
from .outputs import generate_outputs
from .pages import Site, generate_pages
from .problems import Problems
from .search_index import SearchIndexError, index_site

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
        settings = corpus.settings  # the records folder's site.yml wins over mkdocs.yml
        if settings.site_name:
            config.site_name = settings.site_name
        config.extra["notice"] = settings.notice or config.extra.get("notice") or ""
        site = Site(
            corpus=corpus,
            today=today(),
            site_name=config.site_name,
            site_url=config.site_url or "",
            directory_urls=config.use_directory_urls,
            city=settings.city or self.config.city,
            licence=settings.licence or self.config.licence,
            licence_url=settings.licence_url or self.config.licence_url,
            contact=settings.contact or self.config.contact,
        )
        hand_written_home = files.get_file_from_path("index.md") is not None
        for src, content in generate_pages(site, with_home=not hand_written_home).items():
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"docs/{src} has the same path as a generated page; rename the hand-written page")
            generated = File.generated(config, src, content=content)
            generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        for path, text in generate_outputs(site).items():
            files.append(File.generated(config, path, content=text))
        for relative in attachment_files(self.records_dir):
            files.append(
                File(
                    f"attachments/{relative}",
                    src_dir=str(self.records_dir),
                    dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls,
                )
            )
        return files

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

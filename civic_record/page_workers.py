"""The pages of single records, rendered in batches, on every core.

A site is mostly pages of one record each (and the SOP series and comparison pages): out of
the navigation, each a function of the records alone. MkDocs renders pages one after another
in one process and keeps every page's HTML until the build ends (13 GB at 100,000 records).
These pages are therefore left out of MkDocs' own page loops (:class:`SiteFiles`) and
rendered here, after MkDocs has read the navigation's pages and before it writes anything
(the plugin's ``on_env``), by the same MkDocs functions MkDocs itself would call, with the
same configuration, navigation and theme: the HTML is the same bytes.

With more than one job, the batches go to worker processes forked from the build, which
inherit the corpus, the configuration and the theme without copying them. Each worker makes
a page's Markdown from the records, renders and writes it, and lets it go: memory grows
with a batch, not with the corpus. What MkDocs logs in a worker (warnings count in strict
mode) is sent back and logged again in the build's own process, in page order.

A page's output does not depend on which process rendered it nor in what order: the tests
build the same records with one job and with two and compare every file.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import jinja2
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from .page_reads import ReadDigests, noting, reads_key, storable, verifying
from .page_reuse import Copy, PageEntry, Previous, output_digest, page_key
from .pages import PlannedPage, make_planned
from .search_index import add_kept, keep_for_index, take_kept
from .search_parts import Indexed
from .workers import forked_pool, mapped, start_worker, stop

BATCH = 64
"""Pages per batch: enough to make a batch's overhead small, few enough to share the work evenly."""


class SiteFiles(Files):
    """MkDocs' files, where the pages rendered here are left out of MkDocs' own page loops.

    MkDocs reads and builds the pages ``documentation_pages(inclusion=...)`` lists; the
    navigation, the sitemap and every template's ``pages`` ask without ``inclusion`` and see
    every page. (MkDocs 1.6.1, pinned: ``tests/test_page_workers.py`` fails if this changes.)
    """

    def __init__(self, files: Files, apart: frozenset[str]) -> None:
        super().__init__(list(files))
        self.apart = apart

    def documentation_pages(self, *, inclusion: Callable[[InclusionLevel], bool] | None = None) -> Sequence[File]:
        if inclusion is None:
            return super().documentation_pages()
        return [f for f in super().documentation_pages(inclusion=inclusion) if f.src_uri not in self.apart]


@dataclass
class Rendering:
    """What the workers need, inherited by fork: the plan and MkDocs' state after it read the
    navigation's pages."""

    planned: dict[str, PlannedPage]
    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    set_page: Callable[[File, str, dict[str, object]], None]
    """Hands a made page's Markdown and metadata to the plugin (``on_page_markdown`` reads them)."""
    done: Callable[[File], None]
    """Called once a page is written: lets its Markdown and metadata go."""
    fingerprint: str = ""
    """What every page shares (``page_reuse.fingerprint``)."""
    previous: Previous = field(default_factory=Previous)
    """The previous build's pages, copied where a page's key is the same (``page_reuse``)."""
    digests: ReadDigests | None = None
    """The values pages read of this build's corpus (``page_reads``); None: reads not used."""
    site: str = ""
    """``page_reads.site_digest`` of this build's site."""
    doc_files: Sequence[File] = field(default_factory=list)
    pages: dict[str, PageEntry] = field(default_factory=dict)
    """Each page rendered or copied, as the next build's list keeps it."""
    copied: int = 0
    copied_unmade: int = 0
    """Of the pages copied, those whose Markdown was not made (their reads were the same)."""


@dataclass(frozen=True)
class _Rendered:
    src: str
    entry: PageEntry | None
    """None: the previous build's entry, unchanged (not sent back from a worker)."""
    copied: bool
    unmade: bool = False


@dataclass
class _Batch:
    pages: list[_Rendered]
    logs: list[logging.LogRecord]
    error: str | None = None
    indexed: dict[str, Indexed] = field(default_factory=dict)
    """What the search index needs to know of the batch's pages (``search_index.keep_for_index``)."""


_RENDERING: Rendering | None = None
"""Set in the build's process before the workers are forked; they read it."""


def render_apart(rendering: Rendering, jobs: int) -> None:
    """Write every planned page (rendered, or copied from the previous build); give each page
    the metadata the sitemap reads; fill ``rendering.pages`` and ``rendering.copied``."""
    global _RENDERING
    rendering.doc_files = rendering.files.documentation_pages()
    srcs = sorted(rendering.planned)
    batches = [srcs[i : i + BATCH] for i in range(0, len(srcs), BATCH)]
    if jobs <= 1 or len(batches) <= 1:
        for src in srcs:
            _keep(rendering, _render(rendering, src))
        return
    _RENDERING = rendering
    gc.collect()
    gc.freeze()  # the workers share the corpus's memory: no collection pass to copy it
    executor = forked_pool(min(jobs, len(batches)), initializer=_start_worker)
    try:
        for batch in mapped(executor, _render_batch, batches):
            for record in batch.logs:
                logging.getLogger(record.name).handle(record)
            if batch.error is not None:
                raise RuntimeError(batch.error)
            add_kept(batch.indexed)
            for rendered in batch.pages:
                _keep(rendering, rendered)
    except BrokenProcessPool:
        raise RuntimeError(
            "a process rendering pages stopped before its pages were written (killed, or out of memory: try --jobs 1)"
        ) from None
    finally:
        stop(executor)
        _RENDERING = None
        gc.unfreeze()


def _keep(rendering: Rendering, rendered: _Rendered) -> None:
    """What the build keeps of a page once written: the metadata the sitemap reads, and the
    page's key and digest for the next build."""
    entry = rendered.entry or rendering.previous.pages[rendered.src]
    file = rendering.files.get_file_from_path(rendered.src)
    if file is not None and file.page is not None:
        lastmod = entry.lastmod
        file.page.meta = {"lastmod": lastmod} if lastmod is not None else {}
    rendering.pages[rendered.src] = entry
    rendering.copied += rendered.copied
    rendering.copied_unmade += rendered.unmade


def _render(rendering: Rendering, src: str) -> _Rendered:
    """Make one page; write it, copied from the previous build when what it read or its key
    is the same, else rendered."""
    file = rendering.files.get_file_from_path(src)
    if file is None or file.page is None:
        raise RuntimeError(f"{src} is planned but is not a page of the site")
    planned = rendering.planned[src]
    destination = Path(file.abs_dest_path)
    unmade = _copy_by_reads(rendering, planned, file.dest_uri)
    if unmade is not None:
        _write_copy(rendering, destination, file.dest_uri, unmade[1])
        return _Rendered(src, None, copied=True, unmade=True)  # its entry: the previous one, as is
    with noting() as noted:
        generated = make_planned(planned).render()
    noted.update(planned.reads)
    reads = storable(noted)
    read_key = None
    if reads is not None and rendering.digests is not None:
        read_key = reads_key(rendering.fingerprint, src, rendering.site, reads, rendering.digests)
    lastmod = generated.meta.get("lastmod")
    key = page_key(rendering.fingerprint, src, generated.markdown, generated.meta)

    def entry(output: bytes) -> PageEntry:
        return PageEntry(
            key,
            output_digest(output),
            read_key or "",
            lastmod if isinstance(lastmod, str) else None,
            reads if read_key else None,
        )

    copy = rendering.previous.reuse(src, key, file.dest_uri)
    if copy is not None:
        _write_copy(rendering, destination, file.dest_uri, copy)
        return _Rendered(src, entry(copy.data), copied=True)
    rendering.set_page(file, generated.markdown, generated.meta)
    page = file.page
    _populate_page(page, rendering.config, rendering.files)
    _build_page(page, rendering.config, rendering.doc_files, rendering.nav, rendering.env)
    page.markdown = None
    page.content = None
    rendering.done(file)
    return _Rendered(src, entry(destination.read_bytes()), copied=False)


def _copy_by_reads(rendering: Rendering, planned: PlannedPage, dest_uri: str) -> tuple[PageEntry, Copy] | None:
    """The previous build's entry and HTML for this page, if everything it read is the same
    (``page_reads``) and its file is intact; else None."""
    previous = rendering.previous
    entry = previous.pages.get(planned.src)
    digests = rendering.digests
    if entry is None or entry.numbers is None or entry.reads is None or not entry.reads_key or digests is None:
        return None
    if not all(list(read) in entry.reads for read in planned.reads):  # a list that forgets the page's own record
        return None
    now = digests.table_key(rendering.fingerprint, planned.src, rendering.site, previous.table, entry.numbers)
    if now != entry.reads_key:
        return None
    copy = previous.intact(planned.src, dest_uri)
    if copy is None:
        return None
    if verifying():
        generated = make_planned(planned).render()
        if page_key(rendering.fingerprint, planned.src, generated.markdown, generated.meta) != entry.key:
            raise RuntimeError(
                f"{planned.src}: the page changed although nothing it was noted reading did "
                "(an input missed by page_reads; build with --full)"
            )
    return entry, copy


def _write_copy(rendering: Rendering, destination: Path, dest_uri: str, copy: Copy) -> None:
    copy.place(destination)
    keep_for_index(dest_uri, copy.data.decode("utf-8"))


def _start_worker() -> None:
    """A worker leaves signals to the build and keeps MkDocs' log for the build to log again."""
    start_worker()
    logging.getLogger("mkdocs").addHandler(_Kept())


class _Kept(logging.Handler):
    """A worker's log records, kept to be logged again in the build's process."""

    records: ClassVar[list[logging.LogRecord]] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg = record.getMessage()
        record.args = None
        record.exc_info = None
        record.exc_text = None
        _Kept.records.append(record)


def _render_batch(srcs: list[str]) -> _Batch:
    rendering = _RENDERING
    assert rendering is not None, "a worker forked before the rendering was set"
    _Kept.records = []
    take_kept()  # noted by an earlier batch, and sent with it
    pages: list[_Rendered] = []
    try:
        for src in srcs:
            pages.append(_render(rendering, src))
    except BaseException as error:  # reported by the build's process, with what was logged
        return _Batch(pages, _Kept.records, f"{type(error).__name__}: {error}")
    return _Batch(pages, _Kept.records, indexed=take_kept())

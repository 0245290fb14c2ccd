"""``build``: check, then MkDocs into a staging folder, then swap it in as ``site/``.

A build that fails or is interrupted at any point leaves the previous ``site/`` exactly as it
was. Where the site may go, the marker every site carries and the swap itself are in
``site_folder.py``; this module runs the stages and decides the outcome:

- exit 0: the new site is in place;
- exit 1: the records have errors, or the build failed (one ``error:`` line naming the path);
- exit 2: ``--site-dir`` (or ``SOURCE_DATE_EPOCH``) was refused before anything was written;
- exit 130 / 143: SIGINT / SIGTERM stopped the build before the swap.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from pydantic import ValidationError

from . import site_folder
from .check import check_records
from .checked_files import CheckedFiles
from .mkdocs_plugin import RECORDS_ENV, CivicRecordPlugin
from .problems import printable
from .record_text import forget_rendered
from .search_index import SearchIndexError, index_site
from .site_settings import SiteSettings
from .workers import default_jobs

GZIP_MTIME_MAX = 2**32 - 1
"""The gzip header's MTIME is an unsigned 32-bit count of seconds (RFC 1952): up to 2106-02-07."""

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

NO_SITE_URL = (
    "no site_url: the build cannot make absolute the permanent addresses in citations and JSON-LD, "
    "the links in feeds, calendars and the sitemap, or the links of the 404 page (which break under a sub-path)"
)
NO_SITE_URL_HINT = (
    "pass --site-url https://www.example.gov/surveillance-record/ (the published address, sub-path included), "
    "or set site_url in records/site.yml"
)


def build_site(
    records_dir: Path,
    site_dir: str | Path,
    config_file: Path,
    strict: bool = False,
    site_url: str | None = None,
    exiting: bool = False,
    draft: bool = False,
    jobs: int | None = None,
    full: bool = False,
    cache: bool = False,
) -> int:
    """Build the site; returns the process exit code (0 when ``site_dir`` was replaced).

    ``jobs``: processes that render the pages of single records (default: one per core).
    ``full``: render every page, copying none from the previous site (``page_reuse``), and read
    every record file and text again (``cache``: the checked-files cache, ``checked_files``).
    ``exiting``: the process ends right after (the command line). Once the new site is in
    place, SIGINT and SIGTERM are then ignored until it does, so that a late Ctrl-C cannot
    turn a published build's status into 130; otherwise the previous handlers are restored.
    """
    try:
        target = site_folder.choose_site_dir(site_dir, records=records_dir, config_file=config_file)
        _check_source_date_epoch()
        site_url = _checked_site_url(site_url)
    except site_folder.SiteFolderError as refusal:
        print(refusal.report(), file=sys.stderr)
        return 2
    build = _Build(records_dir, target, config_file, strict, site_url, draft)
    build.jobs = jobs
    build.full = full
    build.use_cache = cache
    with _StopSignals(ignore_after_publish=exiting) as signals:
        build.signals = signals
        try:
            build.status = build.run()
        except BaseException as error:  # a report for every failure, never a traceback
            signals.disarm()
            build.status = build.failed(error)
        finally:
            signals.disarm()
            build.remove_staging()
    if build.status is None:  # a signal cut the report of another failure short: say it now
        build.status = build.failed(_Interrupted(signals.received or signal.SIGINT))
    return build.status


class _Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: raised to stop the build's work (not an ``Exception``, so that
    MkDocs' and the libraries' ``except Exception`` clauses let it through)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _StopSignals:
    """SIGINT and SIGTERM during a build: recorded, and raised as ``_Interrupted``.

    A handler's exception can be lost: raised inside a finalizer (``__del__``) or a callback,
    Python prints it and carries on. The record cannot be lost, and the build checks it between
    stages and once more right before the swap (:meth:`commit`), so an interrupted build never
    publishes. After the first raise (or ``disarm``), later signals are only recorded, so that
    clean-up runs to its end. The previous handlers are restored on exit.
    """

    def __init__(self, ignore_after_publish: bool = False) -> None:
        self.received: int | None = None
        self.published = False
        self._armed = True
        self._previous: dict[int, Any] = {}
        self._ignore_after_publish = ignore_after_publish

    def __enter__(self) -> _StopSignals:
        if threading.current_thread() is threading.main_thread():
            for signum in STOP_SIGNALS:
                self._previous[signum] = signal.getsignal(signum)
                signal.signal(signum, self._handle)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> bool:
        for signum, handler in self._previous.items():
            if self.published and self._ignore_after_publish:
                signal.signal(signum, signal.SIG_IGN)
            else:
                signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        return isinstance(error, _Interrupted)  # one that cut clean-up short: build_site reports it

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.received is None:
            self.received = signum
        if self._armed:
            self._armed = False
            raise _Interrupted(signum)

    def disarm(self) -> None:
        """From now on, signals are only recorded."""
        self._armed = False

    def check(self) -> None:
        """Stop here if a signal arrived, even one whose exception was lost."""
        if self.received is not None:
            self.disarm()
            raise _Interrupted(self.received)

    def commit(self) -> None:
        """The point of no return, right before the swap: a signal recorded by now stops the
        build; one arriving later finds the new site in place (it is recorded, not raised)."""
        self.disarm()
        self.check()


class _Build:
    """One build's state, so that every way out reports the same way and removes its staging."""

    def __init__(
        self, records_dir: Path, target: Path, config_file: Path, strict: bool, site_url: str | None, draft: bool
    ) -> None:
        self.records_dir = records_dir
        self.draft = draft
        self.target = target
        self.config_file = config_file
        self.strict = strict
        self.site_url = site_url
        self.jobs: int | None = None
        self.full = False
        self.use_cache = False
        self.signals = _StopSignals()
        self.staging: Path | None = None
        self.status: int | None = None
        self.mkdocs_messages = _Messages()
        """MkDocs' warnings and errors: in strict mode its failure says only how many there were."""

    @property
    def published(self) -> bool:
        """The new site is in place (kept by the signal handler, which acts on it at exit)."""
        return self.signals.published

    @property
    def unchanged(self) -> str:
        return f"Nothing was published; {printable(str(self.target))} is unchanged."

    def run(self) -> int:
        # The checked-files cache (``checked_files``): read unless --full, kept for the next command.
        cache = CheckedFiles.for_records(self.records_dir, read=not self.full) if self.use_cache else None
        jobs = self.jobs or default_jobs()
        corpus, problems = check_records(self.records_dir, draft=self.draft, jobs=jobs, cache=cache)
        del cache
        if problems.items:
            print(problems.report(), file=sys.stderr)
        if problems.has_errors(self.strict):
            print(self.unchanged, file=sys.stderr)
            return 1
        self.signals.check()
        site_folder.remove_abandoned(self.target)
        self.staging = site_folder.create_staging(self.target)
        os.environ[RECORDS_ENV] = str(self.records_dir.resolve())
        # MkDocs stamps the sitemap with the build time unless SOURCE_DATE_EPOCH is set: take
        # it from the records instead, so the same records build the same bytes.
        if "SOURCE_DATE_EPOCH" not in os.environ and corpus.dated:
            newest = max(r.date.last_day() for r in corpus.dated)
            os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(newest))
        overrides = {"site_url": self.site_url} if self.site_url else {}
        # A site this tool built before: its unchanged pages and search parts are copied.
        previous = None if self.full or not site_folder.is_marked(self.target) else self.target
        config = load_config(str(self.config_file), site_dir=str(self.staging), strict=True, **overrides)
        plugin = config.plugins.get("civic-record")
        if isinstance(plugin, CivicRecordPlugin):
            plugin.preloaded = (corpus, problems)
            plugin.index_search = False  # done below, once MkDocs has let go of every page
            plugin.site_url_fixed = bool(self.site_url)
            plugin.draft = self.draft
            plugin.jobs = self.jobs
            plugin.previous_site = previous
        if not (self.site_url or corpus.settings.site_url or config.site_url):
            if self.strict:
                print(f"error: {NO_SITE_URL}\nhint: {NO_SITE_URL_HINT}\n{self.unchanged}", file=sys.stderr)
                return 1
            print(f"warning: {NO_SITE_URL}\nhint: {NO_SITE_URL_HINT}", file=sys.stderr)
        mkdocs_logger = logging.getLogger("mkdocs")
        mkdocs_logger.addHandler(self.mkdocs_messages)
        try:
            mkdocs_build(config)
        finally:
            mkdocs_logger.removeHandler(self.mkdocs_messages)
            forget_rendered()  # the record text check kept for the pages
        pages = _pages_line(plugin) if isinstance(plugin, CivicRecordPlugin) else ""
        del config, plugin
        count = len(corpus.records)
        del corpus, problems
        self.signals.check()
        _release_memory()
        self.signals.check()
        searched = index_site(self.staging, previous, self.jobs or default_jobs())
        leftovers = site_folder.publish(self.staging, self.target, commit=self.signals.commit)
        self.staging = None  # it is the site now (or in the list to remove)
        self.signals.published = True
        site_folder.remove_retired(leftovers)
        draft = " as a draft (every page says so; build without --draft to publish)" if self.draft else ""
        print(f"Built {count} records into {printable(str(self.target))}{draft}.{pages}", file=sys.stderr)
        print(f"Search index: {searched}.", file=sys.stderr)
        if self.signals.received is not None:
            name = signal.Signals(self.signals.received).name
            print(f"({name} arrived after the new site was in place; the build had finished.)", file=sys.stderr)
        return 0

    def failed(self, error: BaseException) -> int:
        """Report ``error`` in one line (two with the note that nothing changed); the exit code."""
        if self.published:  # only clean-up was left: the new site is in place
            print(f"warning: after publishing {printable(str(self.target))}: {_one_line(error)}", file=sys.stderr)
            return 0
        if self.signals.received is not None or isinstance(error, _Interrupted):
            signum = self.signals.received or (error.signum if isinstance(error, _Interrupted) else signal.SIGINT)
            name = signal.Signals(signum).name
            print(f"error: interrupted by {name}\n{self.unchanged}", file=sys.stderr)
            return 128 + signum
        if isinstance(error, site_folder.SiteFolderError):
            print(f"{error.report()}\n{self.unchanged}", file=sys.stderr)
            return 1
        if isinstance(error, SearchIndexError):  # Pagefind's own output follows, as it printed it
            print(f"error: {error}\n{self.unchanged}", file=sys.stderr)
            return 1
        reasons = "".join(f"\n    {message}" for message in self.mkdocs_messages.lines)
        print(f"error: the site build failed: {_one_line(error)}{reasons}\n{self.unchanged}", file=sys.stderr)
        return 1

    def remove_staging(self) -> None:
        if self.staging is not None:
            site_folder.delete_tree(self.staging)
            self.staging = None


class _Messages(logging.Handler):
    """Collects what MkDocs logs at WARNING and above, each message on one printable line."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = " ".join(part.strip() for part in record.getMessage().splitlines() if part.strip())
        self.lines.append(printable(f"{record.levelname.lower()}: {text}"))


def _pages_line(plugin: CivicRecordPlugin) -> str:
    rendered, copied, unmade = plugin.pages_rendered, plugin.pages_copied, plugin.pages_unmade
    line = f"\nPages of single records: {rendered:,} rendered, {copied:,} copied unchanged from the previous build"
    return f"{line} ({unmade:,} of them without being made again)." if copied else f"{line}."


def _one_line(error: BaseException) -> str:
    """An exception as one line: for an ``OSError``, what failed and on which path."""
    if isinstance(error, OSError) and error.strerror:
        paths = " -> ".join(str(p) for p in (error.filename, error.filename2) if p is not None)
        return printable(f"{error.strerror}: {paths}" if paths else error.strerror)
    text = " ".join(line.strip() for line in str(error).splitlines() if line.strip())
    if isinstance(error, MkDocsException):
        return printable(text)
    return printable(f"{type(error).__name__}: {text}" if text else type(error).__name__)


def source_date_epoch(newest: dt.date) -> int:
    """``SOURCE_DATE_EPOCH`` for records whose newest date is ``newest``: its midnight, UTC,
    clamped to ``0..2**32-1`` (1970-01-01 to 2106-02-07).

    MkDocs reads SOURCE_DATE_EPOCH for each page's ``update_date`` (which our sitemap does not
    print: its ``<lastmod>`` comes from the records) and for the gzip header of
    ``sitemap.xml.gz``, whose MTIME field is an unsigned 32-bit number: a record dated 2107 or
    later, or only before 1970, would make gzip raise and the build crash. Clamping keeps every
    valid year (0001-9999) building; the value stays a function of the records, so the same
    records still build the same bytes. Nothing else in the build reads it.
    """
    seconds = int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())
    return min(max(seconds, 0), GZIP_MTIME_MAX)


def _checked_site_url(site_url: str | None) -> str | None:
    """``--site-url`` checked as ``site.yml``'s ``site_url`` is, with its trailing slash."""
    if site_url is None:
        return None
    try:
        return SiteSettings(site_url=site_url).site_url
    except ValidationError as error:
        raise site_folder.SiteFolderError(
            f"--site-url: {error.errors()[0]['msg']}",
            "give the published address, sub-path included, e.g. https://www.example.gov/surveillance-record/",
        ) from None


def _check_source_date_epoch() -> None:
    """A SOURCE_DATE_EPOCH set by the user must fit the gzip header too: refuse it up front."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return
    if not (value.isascii() and value.isdigit() and int(value) <= GZIP_MTIME_MAX):
        raise site_folder.SiteFolderError(
            f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds from 0 to {GZIP_MTIME_MAX}",
            "unset it, and the build dates the site from the newest record",
        )


def _release_memory() -> None:
    """Give the finished MkDocs build's memory back before Pagefind starts: both at once
    would need their sum (measured at 10,000 records: 1.4 GB + 1.1 GB)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL(None).malloc_trim(0)  # glibc keeps freed memory otherwise

"""Browser test fixtures: system Chromium via Playwright, a local static server, axe-core.

Fixtures (all function-scoped unless noted):

- ``browser`` (session): a Playwright ``Browser`` on the system Chromium (``/usr/bin/chromium``,
  override with ``CIVIC_RECORD_CHROMIUM``). Skips when Chromium or Playwright is missing, but
  fails instead when ``CIVIC_RECORD_REQUIRE_BROWSER=1`` (CI), so a skip never hides a missing
  browser.
- ``serve_dir(directory, prefix="/") -> str``: serves ``directory`` on 127.0.0.1 (free port,
  background thread) under URL path ``prefix`` and returns the base URL, ending in ``/``.
  Paths outside the prefix answer 404, as on a city website that publishes under a sub-path.
- ``new_page(scheme="light", **context_options) -> Page``: a page in a fresh context with
  ``color_scheme=scheme`` and ``reduced_motion="reduce"``; extra keyword arguments go to
  ``browser.new_context`` (e.g. ``viewport={"width": 390, "height": 844}``). Every request and
  every JavaScript error is logged; see ``page_log``.
- ``page_log(page) -> PageLog``: ``.requests`` (every URL the page, its workers and frames
  requested), ``.errors`` (uncaught exceptions and console errors) and
  ``.foreign_requests(allowed_hosts=("127.0.0.1",))``. Requests to other hosts are also
  aborted, so a test can never reach the network.
- ``axe_violations(page, context=None, tags=WCAG_TAGS) -> list[dict]``: runs axe-core (the copy
  bundled with axe-playwright-python, or ``CIVIC_RECORD_AXE_JS``) on the current page with
  only the WCAG 2.1 A/AA rules and returns axe's ``violations`` list.
- ``format_violations(violations) -> str``: a readable assertion message (rule, impact,
  target selectors, HTML snippet, axe's explanation).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CIVIC_RECORD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
REQUIRE_BROWSER_ENV = "CIVIC_RECORD_REQUIRE_BROWSER"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
LOCAL_HOSTS = ("127.0.0.1",)


def _unavailable(reason: str) -> None:
    """Skip, or fail when CI said the browser must be there."""
    if os.environ.get(REQUIRE_BROWSER_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_BROWSER_ENV}=1, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


# ----------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"playwright is not installed: {exc}")
    if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except PlaywrightError as exc:
        manager.stop()
        _unavailable(f"could not launch {CHROMIUM}: {exc}")
    try:
        yield browser
    finally:
        browser.close()
        manager.stop()


# ----------------------------------------------------------------------------- server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    # Pagefind streams its wasm; browsers insist on the right type for that.
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".xml": "application/xml",
    }

    def send_head(self):
        if not urlsplit(self.path).path.startswith(self.prefix):
            self.send_error(404, "outside the published prefix")
            return None
        return super().send_head()

    def translate_path(self, path):
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Browsers drop connections they no longer need; that is not a test failure.
        pass


@pytest.fixture
def serve_dir():
    servers: list[tuple[_QuietServer, threading.Thread]] = []

    def serve(directory: str | os.PathLike, prefix: str = "/") -> str:
        directory = Path(directory)
        if not directory.is_dir():
            raise FileNotFoundError(f"nothing to serve: {directory} is not a directory")
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = type("Handler", (_QuietHandler,), {"prefix": prefix})
        server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"serve {directory}", daemon=True
        )
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_port}{prefix}"

    yield serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ----------------------------------------------------------------------------- pages


@dataclass
class PageLog:
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign_requests(self, allowed_hosts: tuple[str, ...] = LOCAL_HOSTS) -> list[str]:
        """Requests that left the machine's test server (data:/blob: URLs are local)."""
        foreign = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.hostname not in allowed_hosts:
                foreign.append(url)
        return foreign


@pytest.fixture
def new_page(browser):
    contexts = []
    logs: dict[int, PageLog] = {}

    def make(scheme: str = "light", **context_options):
        if scheme not in ("light", "dark"):
            raise ValueError(f"scheme must be 'light' or 'dark', not {scheme!r}")
        options = {"color_scheme": scheme, "reduced_motion": "reduce", **context_options}
        context = browser.new_context(**options)
        contexts.append(context)
        log = PageLog()

        def route(route):
            # Record, and never let a request reach another host.
            if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
                route.continue_()
            else:
                route.abort("blockedbyclient")

        context.on("request", lambda request: log.requests.append(request.url))
        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda exc: log.errors.append(f"uncaught: {exc}"))
        page.on(
            "console", lambda msg: log.errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None
        )
        logs[id(page)] = log
        return page

    make.logs = logs  # for page_log
    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page_log(new_page) -> Callable[..., PageLog]:
    def log_of(page) -> PageLog:
        return new_page.logs[id(page)]

    return log_of


# ----------------------------------------------------------------------------- axe


def _axe_source() -> str:
    override = os.environ.get("CIVIC_RECORD_AXE_JS")
    if override:
        return Path(override).read_text(encoding="utf-8")
    try:
        from axe_playwright_python.base import AXE_FILE_PATH
    except ImportError as exc:
        _unavailable(f"axe-playwright-python is not installed: {exc}")
    return Path(AXE_FILE_PATH).read_text(encoding="utf-8")


def run_axe(page, context=None, tags=WCAG_TAGS) -> list[dict]:
    """Inject axe-core into ``page`` (once) and return its violations for ``tags``."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    result = page.evaluate("([context, options]) => axe.run(context || document, options)", [context, options])
    return result["violations"]


def describe_violations(violations: list[dict], max_nodes: int = 5) -> str:
    """Format axe violations for a human reading a failed assertion."""
    if not violations:
        return "no axe violations"
    lines = [f"{len(violations)} axe violation(s):"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v.get('help')} [{v.get('helpUrl')}]")
        for node in v["nodes"][:max_nodes]:
            html = " ".join(node.get("html", "").split())
            lines.append(f"    at {', '.join(map(str, node.get('target', [])))}")
            lines.append(f"       {html[:160]}{'...' if len(html) > 160 else ''}")
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            for check in checks[:1]:
                lines.append(f"       {check.get('message')}")
        if len(v["nodes"]) > max_nodes:
            lines.append(f"    ... and {len(v['nodes']) - max_nodes} more")
    return "\n".join(lines)


@pytest.fixture
def axe_violations() -> Callable[..., list[dict]]:
    return run_axe


@pytest.fixture
def format_violations() -> Callable[[list[dict]], str]:
    return describe_violations


SHIPPED_PREFIX = "/surveillance-record/"
"""The sub-path the shipped site is served under in the search tests, as a city publishes it."""


@pytest.fixture(scope="session")
def corpus():
    """The shipped records, loaded as the build loads them (for expectations read from them)."""
    from civic_record.check import check_records
    from tests.building import RECORDS

    loaded, problems = check_records(RECORDS)
    assert not problems.errors
    return loaded


@pytest.fixture
def base(shipped_site: Path, serve_dir) -> str:
    """The shipped site's address, served under :data:`SHIPPED_PREFIX`."""
    return serve_dir(shipped_site, prefix=SHIPPED_PREFIX)

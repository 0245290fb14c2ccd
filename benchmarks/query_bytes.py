"""Bytes a browser downloads to search, and how long it waits, measured in headless Chromium.

The site is served as a static host would serve it: text files (HTML, JavaScript, CSS,
JSON) gzip-compressed, Pagefind's index files as they are (Pagefind gzips them itself).
The server counts every byte it writes to the connection, headers included, so workers' requests (Pagefind
searches in a Web Worker) are counted too. A reader opens a record page, then types a
first query in the header box, then a second one; the bytes sent while each query runs
and the time from the last keystroke's search to the results on screen (the page's own
``data-search-ms``, which leaves out the 150 ms typing pause) are reported.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent = 0
        self.paths: list[str] = []

    def add(self, path: str, count: int) -> None:
        with self.lock:
            self.sent += count
            self.paths.append(path)

    def take(self) -> tuple[int, list[str]]:
        with self.lock:
            sent, paths = self.sent, self.paths
            self.sent, self.paths = 0, []
            return sent, paths


class _CountingWriter:
    """The connection's output stream, counting every byte written (headers and body)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.count = 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return int(self.raw.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class _Handler(http.server.SimpleHTTPRequestHandler):
    counter: _Counter
    extensions_map = {  # noqa: RUF012 (the standard library's own class attribute)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".xml": "application/xml",
    }

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile)  # type: ignore[assignment]

    def do_GET(self) -> None:
        before = self.wfile.count  # type: ignore[attr-defined]
        self._send()
        self.counter.add(self.path, self.wfile.count - before)  # type: ignore[attr-defined]

    def _send(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        kind = self.guess_type(str(path))
        headers = [("Content-Type", kind), ("Cache-Control", "max-age=3600")]
        if kind.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        self.send_response(200)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, _Counter]]:
    counter = _Counter()
    handler = type("Handler", (_Handler,), {"counter": counter})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", counter
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Query:
    text: str
    kilobytes: float
    milliseconds: int
    results: str
    files: int


def _search(page: Any, text: str, counter: _Counter) -> Query:
    form = "form[data-site-search]"
    page.evaluate(f"() => {{ delete document.querySelector('{form}').dataset.searchState; }}")
    counter.take()
    field = page.locator("#site-search-input")
    field.fill("")
    field.press_sequentially(text, delay=30)
    page.wait_for_selector(f"{form}[data-search-state=done]", timeout=60_000)
    time.sleep(0.3)  # let late fetches (e.g. prefetched chunks) land in the count
    sent, paths = counter.take()
    milliseconds = int(page.get_attribute(form, "data-search-ms") or 0)
    return Query(text, sent / 1024, milliseconds, page.inner_text("[data-search-summary]"), len(paths))


def measure_queries(site: Path, start_page: str, queries: tuple[str, str]) -> tuple[int, list[Query]]:
    """(bytes of the start page with its assets, [first query, second query])."""
    from playwright.sync_api import sync_playwright

    with serve(site) as (base, counter), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context().new_page()
            page.goto(base + start_page, wait_until="networkidle")
            page_bytes, _ = counter.take()
            return page_bytes, [_search(page, text, counter) for text in queries]
        finally:
            browser.close()

"""`build_site.py serve` previews the records and rebuilds when a record changes."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

from tests.building import RECORDS, ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch_until(url: str, wanted: str, seconds: float = 300.0) -> str:
    """The page once it holds ``wanted``: polls until then. ``seconds`` only stops a hang from
    stalling the suite; it is no time budget (a loaded machine may take long to build)."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
            if wanted in text:
                return text
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{wanted!r} did not appear at {url} within {seconds} s")


def _edit_while_serving(tmp_path: Path, output: IO[str] | int) -> None:
    """Serve a copy of the shipped records, edit a technology, and wait for its page to show it."""
    records = tmp_path / "records"
    shutil.copytree(RECORDS, records)
    port = _free_port()
    command = [sys.executable, "build_site.py", "serve", "--records", str(records), "--dev-addr", f"127.0.0.1:{port}"]
    # MkDocs' preview folder is a temporary folder: in tmp_path, to see what is left of it.
    environment = {**os.environ, "TMPDIR": str(tmp_path)}
    server = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, env=environment)
    try:
        url = f"http://127.0.0.1:{port}/technologies/mpd-facial-recognition/"
        _fetch_until(url, "Current status:")
        tech = records / "technologies" / "mpd-facial-recognition.yml"
        tech.write_text(tech.read_text(encoding="utf-8").replace("vendor: Biometrica", "vendor: Edited Vendor"))
        _fetch_until(url, "Edited Vendor")
        if output != subprocess.DEVNULL:
            _until_logged(Path(str(getattr(output, "name", ""))), 2)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_editing_a_record_while_serving_refreshes_its_page(tmp_path: Path) -> None:
    _edit_while_serving(tmp_path, subprocess.DEVNULL)


def test_serve_draft_previews_a_corpus_still_being_written(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(ROOT / "tests" / "fixtures" / "draft" / "records", records)
    port = _free_port()
    command = [sys.executable, "build_site.py", "serve", "--records", str(records), "--dev-addr", f"127.0.0.1:{port}"]
    refused = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert refused.returncode == 1, "without --draft the preview does not start"
    assert "The preview did not start" in refused.stderr
    server = subprocess.Popen([*command, "--draft"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = _fetch_until(f"http://127.0.0.1:{port}/technologies/harlow-license-plate-readers/", "Current status:")
        assert "Draft, not for publication" in page
        assert "(not written yet)" in page
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_refresh_copies_what_the_edit_did_not_change(tmp_path: Path) -> None:
    """After an edit, the preview renders the pages and search parts the edit changed and
    copies the others from the previous preview, which it then removes."""
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        _edit_while_serving(tmp_path, output)
    (first_rendered, first_copied), (rendered, copied) = _until_logged(log, 2)
    assert first_copied == 0 and first_rendered > 20
    assert 0 < rendered < first_rendered and copied == first_rendered - rendered
    assert "Serving on http://127.0.0.1:" in log.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("civic-record-preview-*")), "the previous preview is left behind"


PAGES = re.compile(r"pages of single records: (\d+) rendered, (\d+) copied")


def _until_logged(log: Path, builds: int, seconds: float = 300.0) -> list[tuple[int, int]]:
    """The page counts of the first ``builds`` builds, once the log has them all."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [(int(a), int(b)) for a, b in PAGES.findall(log.read_text(encoding="utf-8"))]
        if len(found) >= builds:
            return found[:builds]
        time.sleep(0.5)
    raise AssertionError(f"{builds} builds were not logged within {seconds} s:\n{log.read_text(encoding='utf-8')}")

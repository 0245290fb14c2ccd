"""How long ``serve`` takes from a save to the refreshed preview.

    python -m benchmarks.serve_refresh RECORDS [--work DIR] [--letter N]

Copies RECORDS into the work folder (the records themselves are never written), starts
``build_site.py serve`` on the copy, waits for its first build, adds a sentence to the text of
the N-th letter (by file name), and prints the seconds from the save to the line MkDocs prints
when the rebuild is done (``pages of single records: ...``), with what the rebuild says.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DONE = re.compile(r"pages of single records: ")


class _Log:
    """The serve's output, line by line, with the time each line arrived."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[tuple[float, str]] = []
        assert process.stdout is not None
        stream = process.stdout
        threading.Thread(
            target=lambda: self.lines.extend((time.monotonic(), line.rstrip()) for line in stream), daemon=True
        ).start()

    def wait(self, count: int, timeout: float) -> tuple[float, str]:
        """The ``count``-th line saying a rebuild is done."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            done = [(at, line) for at, line in list(self.lines) if DONE.search(line)]
            if len(done) >= count:
                return done[count - 1]
            time.sleep(0.05)
        tail = "\n".join(line for _, line in self.lines[-20:])
        raise SystemExit(f"no rebuild within {timeout:.0f} s:\n{tail}")


def measure(records: Path, work: Path, letter_number: int, port: int = 8765) -> float:
    copy = work / "records"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(records, copy)
    letters = sorted((copy / "letters").iterdir())
    letter = letters[min(letter_number, len(letters) - 1)]
    command = [sys.executable, "build_site.py", "serve", "--records", str(copy), "--dev-addr", f"127.0.0.1:{port}"]
    cache = work / "cache"  # what serve checked, kept in the work folder, not the user's cache
    shutil.rmtree(cache, ignore_errors=True)
    environment = {**os.environ, "CIVIC_RECORD_CACHE": str(cache)}
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment
    )
    try:
        log = _Log(process)
        started = time.monotonic()
        at, line = log.wait(1, timeout=3600)
        print(f"first build: {at - started:.1f} s ({line.split('INFO', 1)[-1].strip(' -')})")
        time.sleep(3)
        text = letter.read_text(encoding="utf-8")
        cut = text.rindex("\n---\n") + 5
        saved = time.monotonic()
        letter.write_text(text[:cut] + "One more sentence. " + text[cut:], encoding="utf-8")
        at, line = log.wait(2, timeout=3600)
        print(f"refresh after {letter.name} was edited: {at - saved:.1f} s ({line.split('INFO', 1)[-1].strip(' -')})")
        return at - saved
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", type=Path)
    parser.add_argument("--work", type=Path, default=None, help="where the copy of the records goes")
    parser.add_argument("--letter", type=int, default=700, help="which letter to edit, by file name order")
    args = parser.parse_args()
    if args.work is None:
        with tempfile.TemporaryDirectory() as work:
            measure(args.records, Path(work), args.letter)
    else:
        args.work.mkdir(parents=True, exist_ok=True)
        measure(args.records, args.work, args.letter)


if __name__ == "__main__":
    main()

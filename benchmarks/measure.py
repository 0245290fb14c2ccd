"""Run a command and measure it: wall time and the peak memory of its whole process tree.

``/usr/bin/time -v`` reports the largest single process; a build runs Python, its page
workers and then the Pagefind binary as children, so the tree's memory is sampled from
``/proc`` (every 50 ms) and summed over every process the command started, each counted by
its proportional set size (memory shared by forked workers counted once). Both figures are
reported.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Run:
    command: list[str]
    returncode: int
    seconds: float
    peak_tree_mb: float
    """Highest sum of resident memory over the command's process tree, sampled."""
    peak_process_mb: float
    """Largest single process (``/usr/bin/time``'s "Maximum resident set size")."""
    output: str


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        tree.setdefault(parent, []).append(int(entry))
    return tree


def _rss_kb(pid: int) -> int:
    """The process's proportional set size (its resident memory, each page shared with other
    processes divided among them: worker processes forked from the build share its corpus,
    which a sum of resident sizes would count once per worker); its resident size where the
    kernel has no ``smaps_rollup``."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        if match:
            return int(match.group(1))
    except OSError:
        pass
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


def _tree_rss_kb(root: int) -> int:
    tree = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_kb(pid)
        stack.extend(tree.get(pid, []))
    return total


MEMORY_CAP_MB = 22 * 1024
"""Past this the command is stopped: the machine has 24 GB and must stay usable."""


class MemoryCapExceeded(RuntimeError):
    pass


def measure(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    timed = ["/usr/bin/time", "-f", "MAXRSS_KB=%M", *command]
    # The output goes to a file, not a pipe: a command that prints more than a pipe holds
    # (a 100,000-record check lists hundreds of warnings) would wait forever for a reader.
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as printed:
        started = time.perf_counter()
        process = subprocess.Popen(
            timed,
            stdout=printed,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, **(env or {})},
            cwd=cwd,
            start_new_session=True,  # one process group, so a runaway tree can be stopped whole
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_rss_kb(process.pid))
            if peak > MEMORY_CAP_MB * 1024:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise MemoryCapExceeded(f"{' '.join(command[:3])}… stopped at {peak / 2**20:.1f} GB")
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        printed.seek(0)
        output = printed.read()
    found = re.findall(r"MAXRSS_KB=(\d+)", output)
    single = int(found[-1]) if found else 0
    return Run(command, process.returncode, seconds, max(peak, single) / 1024, single / 1024, output)

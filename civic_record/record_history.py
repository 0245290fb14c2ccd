"""When each record file entered the record and when it last changed, from git history.

A feed entry is *published* when its record entered the record and *updated* when it last
changed (``outputs/feeds.py``). Where the records folder is in a git work tree (a repository
of its own, or a folder of one), both come from the history of the checked-out commit:

* **Committer dates**, not author dates. The committer date is when a change was committed
  to this history (a rebase or a cherry-pick moves it, a patch's original authorship does
  not); the author date can be years older than the day a record was added.
* **The first-parent history of ``HEAD``**, with each merge compared to its first parent: a
  record added on a branch enters the record when it is merged into the branch the site is
  built from (the merge's date), not when it was written on the side branch.
* A file's *first* date is the oldest commit of that history that added or changed it, its
  *last* date the newest. A rename is a new file (no ``--follow``): record ids are file
  names, so a renamed record is a new entry anyway.
* A commit whose message ends with the trailer ``Civic-Record-Change: format`` only rewrote
  files into their canonical form (``build_site.py fmt``): it does not count as a change, so
  formatting a whole folder does not announce every record as updated.
* Only committed history counts. Changes in the working tree, staged or not, change nothing;
  a file not yet committed has no history here, and the caller falls back to the record's
  own date. So the same commit gives the same dates, on any machine, whatever is checked out
  beside it.

There is no history, silently, and every record keeps its own date, when git is missing, the
folder is not in a work tree, the repository is a shallow clone (CI clones often are: its
oldest commits would pass for the day every record was added), git refuses the repository
(``safe.directory``: owned by another user), or git fails or takes longer than
``GIT_TIMEOUT`` seconds. Nothing here ever fails a build.

The records folder is untrusted, and so is the repository holding it. git runs with an
environment stripped of every inherited ``GIT_*`` variable (``GIT_DIR``, ``GIT_WORK_TREE``,
``GIT_CONFIG_*``…), no pager, no network (no lazy fetch of a partial clone), and with every
setting through which a repository's ``.git/config`` could make ``git log`` run a program
overridden on the command line, which wins over the repository's config: no fsmonitor, no
hooks, no signature check (``gpg.program``), no external diff or textconv driver. One
``git rev-parse`` and one ``git log`` run per build, whatever the number of records; only
paths inside the records folder are listed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT = 60.0
"""Seconds each git command may take before the build goes on without history."""

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

_KEPT_ENVIRONMENT = ("PATH", "HOME", "XDG_CONFIG_HOME", "SYSTEMROOT", "USERPROFILE", "HOMEDRIVE", "HOMEPATH")
"""What git keeps of the caller's environment: where to find git, and the user's own
configuration (which may name the records folder a ``safe.directory``). Nothing else."""

_SAFE_SETTINGS = (
    "core.quotepath=off",
    "core.fsmonitor=false",
    f"core.hooksPath={os.devnull}",
    "core.pager=cat",
    "core.untrackedCache=false",
    "log.showSignature=false",
    "log.showRoot=true",
    "log.follow=false",
    "log.mailmap=false",
    "diff.renames=false",
    "color.ui=false",
    "protocol.allow=never",
)
"""Given with ``-c``, so they win over any repository's ``.git/config``."""

_HEADER = re.compile(rb"\x01(-?[0-9]{1,20})(?:\x02([^\x00]*))?")
"""The line ``git log --format=...`` writes for each commit (``LOG_ARGUMENTS``): its committer
date, then the values of its ``Civic-Record-Change`` trailers."""

CHANGE_TRAILER = "Civic-Record-Change"
FORMAT_ONLY = b"format"
"""``Civic-Record-Change: format`` at the end of a commit message: the commit only rewrote record
files into their canonical form (``build_site.py fmt``), so it is not a change of any record."""


@dataclass(frozen=True)
class FileHistory:
    """When a file first entered the history and when it last changed there (UTC)."""

    first: dt.datetime
    last: dt.datetime


def git_environment() -> dict[str, str]:
    """The environment git runs in: none of the caller's ``GIT_*`` variables, fixed locale."""
    env = {key: value for key, value in os.environ.items() if key in _KEPT_ENVIRONMENT}
    env.update(
        LC_ALL="C",
        LANG="C",
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",
        GIT_NO_REPLACE_OBJECTS="1",
        GIT_NO_LAZY_FETCH="1",
    )
    return env


def _git(folder: Path, *args: str) -> bytes | None:
    """git's standard output, or None when git is missing, fails or times out."""
    command = ["git", "--no-pager"]
    for setting in _SAFE_SETTINGS:
        command += ["-c", setting]
    try:
        result = subprocess.run(
            [*command, *args],
            cwd=folder,
            env=git_environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return result.stdout if result.returncode == 0 else None


def _has_full_history(folder: Path) -> bool:
    out = _git(folder, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
    return out is not None and out.split() == [b"true", b"false"]


LOG_ARGUMENTS = (
    "log",
    "-z",
    "--name-only",
    f"--format=%x01%ct%x02%(trailers:key={CHANGE_TRAILER},valueonly,separator=%x2C)",
    "--first-parent",
    "-m",
    "--root",
    "--no-renames",
    "--relative",
    "--no-show-signature",
    "--no-ext-diff",
    "--no-textconv",
    "--no-color",
    "HEAD",
    "--",
    ".",
)
"""One pass over the folder's history: each commit's date, then the paths it changed, all
relative to the folder (``--relative``) and only those inside it (the pathspec ``.``)."""


def parse_log(out: bytes) -> dict[str, tuple[int, int]]:
    """``git log -z --name-only`` (``LOG_ARGUMENTS``) → path → (oldest, newest) committer date.

    A commit marked ``Civic-Record-Change: format`` does not make a file newer: reformatting
    changes no record, and a feed that called every record updated would say what is not so.
    """
    oldest: dict[str, int] = {}
    newest: dict[str, int] = {}
    when: int | None = None
    formatting = False
    first_path = False
    for token in out.split(b"\0"):
        header = _HEADER.fullmatch(token)
        if header:
            when = int(header.group(1))
            values = (header.group(2) or b"").split(b",")
            formatting = any(value.strip().lower() == FORMAT_ONLY for value in values)
            first_path = True
            continue
        if first_path and token.startswith(b"\n"):  # the blank line after a commit's header
            token = token[1:]
        first_path = False
        if when is None or not token:
            continue
        path = token.decode("utf-8", "surrogateescape")
        oldest[path] = min(oldest.get(path, when), when)
        if not formatting:
            newest[path] = max(newest.get(path, when), when)
    # A file that only formatting commits touched (never so, but history can hold anything):
    # it changed when it first appeared.
    return {path: (first, newest.get(path, first)) for path, first in oldest.items()}


def _utc(seconds: int) -> dt.datetime | None:
    try:
        return _EPOCH + dt.timedelta(seconds=seconds)
    except OverflowError:
        return None


def record_history(records_dir: Path) -> dict[str, FileHistory]:
    """Each committed file under ``records_dir`` (a POSIX path relative to it) → its history.

    Empty when there is no usable history (see the module docstring); a file missing from it
    (not committed yet) keeps its record's own date.
    """
    try:
        folder = records_dir.resolve()
        if not folder.is_dir():
            return {}
    except (OSError, RuntimeError):
        return {}
    if not _has_full_history(folder):
        return {}
    out = _git(folder, *LOG_ARGUMENTS)
    if out is None:
        return {}
    history: dict[str, FileHistory] = {}
    for path, (oldest, newest) in sorted(parse_log(out).items()):
        first, last = _utc(oldest), _utc(newest)
        if first is not None and last is not None:
            history[path] = FileHistory(first, last)
    return history

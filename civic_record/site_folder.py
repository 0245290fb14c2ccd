"""Where a built site may go, and how it replaces the previous one.

A site folder is only ever a site folder. ``build --site-dir X`` replaces ``X`` whole, so the
build refuses every ``X`` whose replacement would destroy something else: the records, the
project that holds ``mkdocs.yml`` (its ``docs/``, ``overrides/``, ``.git``...), the home folder,
the filesystem root, the current folder, a file, or a folder of files this tool did not write.

Every site the tool builds carries a marker file, :data:`MARKER_NAME`, holding the same bytes
in every build (two builds of the same records stay byte-identical). A non-empty folder is
replaced only when it carries the marker. The staging folders a build works in
(``.<name>.building-<pid>`` and ``.<name>.old-<pid>``, beside the site) carry it from the
moment they are created, so that a later build removes only what an earlier one left.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .problems import printable

MARKER_NAME = ".civic-record-site"
"""The marker file at the top of every site (and staging folder) the tool writes."""

MARKER_TEXT = b"This folder is a site built by civic-record (build_site.py build); the next build replaces it whole.\n"
"""The marker's bytes: fixed, so that two builds of the same records are byte-identical."""

STAGING_MARKER_NAME = ".civic-record-staging"
"""A second marker, in staging folders and retired sites only: a published site never carries
it, so clean-up can never take a site (even one named like a staging folder) for a leftover."""

STAGING_MARKER_TEXT = b"A civic-record build's working folder; the next build removes it if its build is gone.\n"

BUILDING = "building"
RETIRED = "old"
INCOMING_PREFIX = ".civic-record-incoming-"
OUTGOING_PREFIX = ".civic-record-outgoing-"
"""Folders inside a mount-point site while its contents are replaced (see :func:`publish`)."""


class SiteFolderError(Exception):
    """A ``--site-dir`` the build refuses, or cannot write: one line of ``message``, one of ``hint``."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = printable(message)
        self.hint = printable(hint)

    def report(self) -> str:
        """The two lines printed to standard error."""
        return f"error: {self.message}\nhint: {self.hint}"


# --- The marker -----------------------------------------------------------------------------


def _holds(folder: Path, name: str, text: bytes) -> bool:
    """True when ``folder`` is a real folder holding the regular file ``name`` with ``text``."""
    marker = folder / name
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
        status = os.lstat(marker)
        if not stat.S_ISREG(status.st_mode) or status.st_size != len(text):
            return False
        return marker.read_bytes() == text
    except OSError:
        return False


def is_marked(folder: Path) -> bool:
    """True when ``folder`` is a real folder holding the tool's marker file, byte for byte."""
    return _holds(folder, MARKER_NAME, MARKER_TEXT)


EARLIER_BUILD_FILES = ("pagefind/pagefind.js", "data/records.json", "data/record-schema.json", "sitemap.xml")
"""Files every site built by civic-record before the marker existed holds (version 0.1)."""


def is_earlier_build(folder: Path) -> bool:
    """A site an earlier civic-record built, before sites carried the marker: it holds the
    search index, the data downloads and the sitemap that every build writes. Replacing it
    lets an existing ``site/`` be rebuilt after an upgrade without deleting it by hand."""
    return all((folder / name).is_file() for name in EARLIER_BUILD_FILES)


def is_staging(folder: Path) -> bool:
    """True when ``folder`` is a staging folder or a retired site this tool left behind."""
    return _holds(folder, STAGING_MARKER_NAME, STAGING_MARKER_TEXT)


def write_staging_marker(folder: Path) -> None:
    (folder / STAGING_MARKER_NAME).write_bytes(STAGING_MARKER_TEXT)


def write_marker(folder: Path) -> None:
    """Mark ``folder`` as a site (or staging folder) this tool built."""
    (folder / MARKER_NAME).write_bytes(MARKER_TEXT)


def _is_empty(folder: Path) -> bool:
    """True for a folder with no entries; a folder that cannot be listed counts as not empty."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except OSError:
        return False


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _same(path: Path, folder: Path) -> bool:
    """The same folder: the same resolved path, or (on a case-insensitive disk, or through a
    bind mount) the same device and inode."""
    if path == folder:
        return True
    identity = _identity(folder)
    return identity is not None and _identity(path) == identity


def _within(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or lies inside it (both resolved; compared as :func:`_same` does)."""
    return path.is_relative_to(folder) or any(_same(p, folder) for p in (path, *path.parents) if os.path.lexists(p))


# --- The policy -----------------------------------------------------------------------------


def configured_docs_dir(config_file: Path) -> Path:
    """The ``docs_dir`` that ``config_file`` names (``docs`` beside it when it names none).

    Read with MkDocs' own YAML loader (``!ENV``, ``INHERIT``), without validating the rest of the
    configuration: a configuration that cannot be read is reported later by the build itself.
    """
    from mkdocs.utils.yaml import yaml_load

    value = "docs"
    try:
        with config_file.open("rb") as handle:
            data = yaml_load(handle)
        configured = data.get("docs_dir") if isinstance(data, dict) else None
        if isinstance(configured, str | os.PathLike):
            value = os.fspath(configured)
    except Exception:  # any unreadable configuration: protect the default docs/
        value = "docs"
    try:
        return (config_file.parent / value).resolve()
    except (OSError, RuntimeError):
        return config_file.parent / value


def _resolved(path: Path, what: str) -> Path:
    """``path`` with every symbolic link resolved, or SiteFolderError (a loop, an unreadable folder)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError) as error:  # Python 3.11 raises RuntimeError for a link loop
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise SiteFolderError(
            f"{what} cannot be resolved: {reason}; nothing was changed",
            "check the symbolic links on the way to it",
        ) from error


def choose_site_dir(
    site_dir: str | os.PathLike[str],
    *,
    records: Path,
    config_file: Path,
    docs_dir: Path | None = None,
    home: Path | None = None,
    cwd: Path | None = None,
) -> Path:
    """Return the resolved folder ``--site-dir`` names, or raise :class:`SiteFolderError`.

    Refused: an empty ``--site-dir``; the filesystem root; an existing file; a folder that is,
    contains or lies inside the records folder or the docs folder; the project folder (the one
    holding ``config_file``), any folder containing it, and any folder inside it other than a
    direct child (``site/``, ``site-demo/``); the home folder or a folder containing it; the
    current folder or a folder containing it; a folder inside a site this tool built; and a
    non-empty folder without the tool's marker. Symbolic links are resolved before comparing.
    Nothing is written. ``docs_dir``, ``home`` and ``cwd`` default to the configuration's
    ``docs_dir``, the user's home folder and the working folder.
    """
    typed = os.fspath(site_dir)
    if typed == "":
        raise SiteFolderError(
            "--site-dir is empty, which would mean the current folder",
            "name the folder the site goes in, e.g. --site-dir site",
        )
    cwd = _resolved(cwd or Path.cwd(), "the current folder")
    target = _resolved(cwd / typed, f"--site-dir {typed}")
    shown = typed if Path(typed) == target else f"{typed} ({target})"
    records = _resolved(cwd / records, f"--records {records}")
    config_file = cwd / config_file
    docs = _resolved(docs_dir if docs_dir is not None else configured_docs_dir(config_file), "docs_dir")
    home = _resolved(home if home is not None else Path.home(), "the home folder")
    elsewhere = "choose a new or empty folder of its own, e.g. --site-dir site"

    def refuse(what: str, hint: str = elsewhere) -> SiteFolderError:
        return SiteFolderError(f"--site-dir {shown} {what}; nothing was changed", hint)

    if target.parent == target:
        raise refuse("is the root of the filesystem")
    if os.path.lexists(target) and not target.is_dir():
        raise refuse("is a file, not a folder", "choose a folder: the build replaces --site-dir whole")
    blocking = next((a for a in target.parents if os.path.lexists(a) and not a.is_dir()), None)
    if blocking is not None:
        raise refuse(f"cannot be created: {blocking} is a file", "choose a folder whose parents are folders")
    if _within(home, target):
        raise refuse("is your home folder" if _same(target, home) else f"contains your home folder {home}")
    # The folder holding the configuration as MkDocs sees it, and the real file's, if a link.
    config_name = f"--config {config_file}"
    projects = tuple(
        dict.fromkeys((_resolved(config_file.parent, config_name), _resolved(config_file, config_name).parent))
    )
    if any(_same(target, project) for project in projects):
        raise refuse(f"is the project folder (it holds {config_file.name})")
    for folder, name in ((records, "the records folder"), (docs, "the docs folder")):
        if _same(target, folder):
            raise refuse(f"is {name}")
        if _within(target, folder):
            raise refuse(f"is inside {name} {folder}")
        if _within(folder, target):
            raise refuse(f"contains {name} {folder}")
    for project in projects:
        if _within(project, target):
            raise refuse(f"contains the project folder {project} (it holds {config_file.name})")
        if _within(target, project) and not _same(target.parent, project):
            raise refuse(
                f"is inside the project folder {project} but not directly in it",
                "give a folder directly in the project folder (e.g. site/ or site-demo/), or one outside it",
            )
    if _within(cwd, target):
        raise refuse("is the current folder" if _same(target, cwd) else f"contains the current folder {cwd}")
    for ancestor in target.parents:
        if is_marked(ancestor):
            raise refuse(f"is inside the site {ancestor}", "a site cannot hold another site: build it beside that one")
    inside = mounts_within(target) if target.is_dir() else []
    if inside:
        raise refuse(
            f"holds a mounted file system at {inside[0]}, which replacing the site would empty",
            "unmount it, or mount it beside the site rather than inside it",
        )
    if target.is_dir() and not (is_marked(target) or is_earlier_build(target) or _is_empty(target)):
        raise refuse(
            f"holds files this tool did not build (it has no {MARKER_NAME} file)",
            "choose a new or empty folder; if it is a site an older civic-record built, delete it yourself first",
        )
    return target


# --- Staging folders ------------------------------------------------------------------------


def staging_name(site: Path, kind: str, pid: int) -> str:
    """``.<site name>.<kind>-<pid>``: the exact name of a staging folder beside ``site``."""
    return f".{site.name}.{kind}-{pid}"


def _pid_of(name: str, site: Path) -> int | None:
    """The process id in a staging folder's name for ``site``, or None when ``name`` is not one.

    Compared as strings against the exact names this tool creates: never a glob built from the
    site's name, which may hold ``*``, ``?`` or ``[``.
    """
    for kind in (BUILDING, RETIRED):
        prefix = staging_name(site, kind, 0)[:-1]  # ".<name>.<kind>-"
        if name.startswith(prefix):
            digits = name[len(prefix) :]
            if digits.isascii() and digits.isdigit() and str(int(digits)) == digits:
                return int(digits)
    return None


def _alive(pid: int) -> bool:
    """True when process ``pid`` exists (or cannot be told apart from one that does)."""
    if pid <= 0:
        return True  # 0 and negative numbers name process groups, never a build
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or no process id at all: leave it alone
    return True


def remove_abandoned(site: Path) -> list[Path]:
    """Delete the staging folders that builds of ``site`` left when they were killed.

    Only folders named exactly as this tool names them, whose process is gone and which carry
    the staging marker (never a published site's); returns what was removed.
    """
    removed: list[Path] = []
    try:
        with os.scandir(site.parent) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError:
        return removed
    for name in names:
        pid = _pid_of(name, site)
        if pid is None or pid == os.getpid() or _alive(pid):
            continue
        leftover = site.parent / name
        if is_staging(leftover) and remove_tree(leftover):
            removed.append(leftover)
    return removed


def create_staging(site: Path) -> Path:
    """Create and mark ``.<name>.building-<pid>`` beside ``site``; raise SiteFolderError if it cannot."""
    staging = site.parent / staging_name(site, BUILDING, os.getpid())
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        _clear_own_leftover(staging)
        staging.mkdir()
        write_staging_marker(staging)
        write_marker(staging)
    except OSError as error:
        if is_staging(staging):
            shutil.rmtree(staging, ignore_errors=True)
        raise SiteFolderError(
            f"cannot create the staging folder {staging}: {error.strerror or error}",
            f"the build writes beside the site first: {site.parent} must be a folder you can write to",
        ) from error
    return staging


# --- Publishing -----------------------------------------------------------------------------


def _require_replaceable(site: Path) -> None:
    """Checked again right before the swap: the site may have changed while the build ran."""
    replaceable = is_marked(site) or is_earlier_build(site) or _is_empty(site)
    if os.path.lexists(site) and (not site.is_dir() or not replaceable):
        raise SiteFolderError(
            f"{site} changed during the build and is no longer a site this tool built",
            "choose a new or empty folder, or a site civic-record built",
        )


def _mount_points() -> set[bytes]:
    """Every mount point listed in ``/proc/self/mountinfo`` (empty where there is none)."""
    try:
        text = Path("/proc/self/mountinfo").read_bytes()
    except OSError:
        return set()
    points = set()
    for line in text.splitlines():
        fields = line.split(b" ")
        if len(fields) > 4:  # the mount point is field 5, with space, tab, newline and \ as \ooo
            points.add(_unescape(fields[4]))
    return points


def _unescape(field: bytes) -> bytes:
    parts = field.split(b"\\")
    out = bytearray(parts[0])
    for part in parts[1:]:
        if len(part) >= 3 and all(48 <= c <= 55 for c in part[:3]):
            out.append(int(part[:3], 8))
            out += part[3:]
        else:
            out += b"\\" + part
    return bytes(out)


def is_mount_point(folder: Path) -> bool:
    """True when ``folder`` is a mount point (a bind mount of a folder on the same disk included)."""
    return os.path.ismount(folder) or os.fsencode(folder) in _mount_points()


def publish(staging: Path, site: Path, commit: Callable[[], None] | None = None) -> list[Path]:
    """Replace ``site`` by the finished ``staging`` folder; return the folders left to delete.

    ``commit`` is called right before the first change to ``site``; if it raises, nothing is
    published. Normally two renames in ``site``'s parent replace it, so no reader sees half a
    site. A mount point cannot be renamed: its contents are replaced instead (see
    :func:`_replace_contents`), as they are when a rename fails with ``EBUSY`` or ``EXDEV``.
    """
    _require_replaceable(site)
    if os.path.lexists(site) and is_mount_point(site):
        return _replace_contents(staging, site, commit)
    if commit is not None:
        commit()
    retired = site.parent / staging_name(site, RETIRED, os.getpid())
    _clear_own_leftover(retired)
    existed = os.path.lexists(site)
    if existed:
        try:
            os.rename(site, retired)
        except OSError as error:
            if error.errno not in (errno.EBUSY, errno.EXDEV):
                raise
            return _replace_contents(staging, site, None)
        with contextlib.suppress(OSError):  # so that a later build may remove it if this one dies
            write_staging_marker(retired)
    try:
        (staging / STAGING_MARKER_NAME).unlink()  # the published site carries only the site marker
        os.rename(staging, site)
    except OSError:
        if existed:
            os.rename(retired, site)  # put the previous site back
            with contextlib.suppress(OSError):
                (site / STAGING_MARKER_NAME).unlink()
        raise
    return [retired] if existed else []


def _clear_own_leftover(folder: Path) -> None:
    """Remove ``folder`` (named with this process's id) if an earlier process with the same id left it."""
    if not os.path.lexists(folder):
        return
    if not is_staging(folder) or not remove_tree(folder):
        raise SiteFolderError(
            f"{folder} is in the way and this tool did not create it",
            "move it away and build again",
        )


def _replace_contents(staging: Path, site: Path, commit: Callable[[], None] | None) -> list[Path]:
    """Publish into a folder that cannot be renamed (a mount point): a careful copy.

    The new site is first copied into ``site/.civic-record-incoming-<pid>`` (on the site's own
    filesystem); only then is ``commit`` called, and each entry of the old site moved into
    ``site/.civic-record-outgoing-<pid>`` and each new one moved up, by renames. The marker
    file stays in place throughout, so a build killed half-way leaves a marked folder that the
    next build replaces.
    """
    pid = os.getpid()
    incoming = site / f"{INCOMING_PREFIX}{pid}"
    outgoing = site / f"{OUTGOING_PREFIX}{pid}"
    try:
        shutil.rmtree(incoming, ignore_errors=True)  # inside the marked site: an earlier build's
        shutil.copytree(staging, incoming, symlinks=True)
        if commit is not None:
            commit()
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    if not is_marked(site):
        write_marker(site)  # an empty mount point: marked before anything else lands in it
    shutil.rmtree(outgoing, ignore_errors=True)
    outgoing.mkdir()
    with contextlib.suppress(FileNotFoundError):
        (incoming / STAGING_MARKER_NAME).unlink()
    kept = {MARKER_NAME, incoming.name, outgoing.name}
    moved_out: list[str] = []
    moved_in: list[str] = []
    try:
        for name in sorted(os.listdir(site)):
            if name not in kept:
                os.rename(site / name, outgoing / name)
                moved_out.append(name)
        for name in sorted(os.listdir(incoming)):
            if name != MARKER_NAME:
                os.rename(incoming / name, site / name)
                moved_in.append(name)
    except OSError:
        for name in moved_in:  # put the previous site back as it was
            os.rename(site / name, incoming / name)
        for name in moved_out:
            os.rename(outgoing / name, site / name)
        shutil.rmtree(outgoing, ignore_errors=True)
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    return [outgoing, incoming, staging]


def remove_retired(folders: list[Path]) -> None:
    """Delete what :func:`publish` left: the previous site and emptied staging folders."""
    for folder in folders:
        remove_tree(folder)


def mounts_within(folder: Path) -> list[Path]:
    """The mount points strictly inside ``folder`` (bind mounts of folders on the same disk too)."""
    try:
        prefix = os.fsencode(folder.resolve()).rstrip(b"/") + b"/"
    except OSError:
        return []
    return sorted(Path(os.fsdecode(point)) for point in _mount_points() if point.startswith(prefix))


def remove_tree(folder: Path) -> bool:
    """Delete ``folder`` unless a file system is mounted somewhere inside it: deleting would
    empty that file system too (a shared folder mounted into an old site). True if deleted."""
    if mounts_within(folder):
        return False
    delete_tree(folder)
    return not os.path.lexists(folder)


DELETING_THREADS = 4
"""Threads deleting a tree's folders at once: deleting is waiting on the file system's
metadata, which several requests at once hide (a 10,000-record site: 7.9 s → 3.8 s)."""


def delete_tree(folder: Path) -> None:
    """``shutil.rmtree(folder, ignore_errors=True)``, its folders two levels down deleted by
    several threads at once. Every step goes through open folders, never through a link:
    a link where a folder was is deleted, never followed (``shutil.rmtree`` with ``dir_fd``)."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    opened: list[int] = []
    tasks: list[tuple[str, int]] = []
    try:
        top = os.open(folder, flags)
        opened.append(top)
        for first in _subfolders(top):
            try:
                inner = os.open(first, flags, dir_fd=top)
            except OSError:
                continue
            opened.append(inner)
            tasks.extend((name, inner) for name in _subfolders(inner))
        if len(tasks) > 1:
            with ThreadPoolExecutor(max_workers=DELETING_THREADS) as pool:
                list(pool.map(lambda task: shutil.rmtree(task[0], ignore_errors=True, dir_fd=task[1]), tasks))
    except OSError:
        pass  # not a folder, or gone: rmtree below says nothing either
    finally:
        for descriptor in opened:
            os.close(descriptor)
    shutil.rmtree(folder, ignore_errors=True)


def _subfolders(descriptor: int) -> list[str]:
    """The names of the folders (not links) in the open folder ``descriptor``."""
    try:
        with os.scandir(descriptor) as entries:
            return [entry.name for entry in entries if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []

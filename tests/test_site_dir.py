"""A site folder is only ever a site folder: ``build --site-dir X`` replaces X whole, so it refuses
every X whose replacement would destroy anything else, and cleans up only what it created.

Each refusal test lays out decoys (a project with ``mkdocs.yml``, ``docs/`` and ``records/``, a
home folder, unrelated ``.something.old-1234`` and ``.site.old-99999999`` folders, a folder of
someone else's files) and checks that every one of them survives byte for byte. The property
test at the end asks the policy (``site_folder.choose_site_dir``) about many more targets and
publishes a small fake build into each one it accepts, without MkDocs, to stay cheap.
"""

from __future__ import annotations

import datetime as dt
import errno
import gzip
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from civic_record import site_folder
from civic_record.build import GZIP_MTIME_MAX, source_date_epoch
from civic_record.site_folder import EARLIER_BUILD_FILES, MARKER_NAME, MARKER_TEXT, SiteFolderError, is_marked
from tests.building import PINNED_TODAY, ROOT, run_build
from tests.cases import corpus_with

DEAD_PID = 99999999
"""Above Linux's largest process id (2**22): no process has it."""

# --- Layout and snapshots ---------------------------------------------------------------------


@dataclass
class Layout:
    base: Path
    home: Path
    work: Path
    project: Path
    config: Path
    records: Path
    docs: Path


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _mark(folder: Path, *files: str) -> Path:
    """A folder that looks like a site this tool built: the marker and ``files``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER_NAME).write_bytes(MARKER_TEXT)
    for name in files:
        _write(folder / name, f"old {name}\n")
    return folder


def _mark_staging(folder: Path, *files: str) -> Path:
    """A folder that looks like a killed build's staging folder: both markers and ``files``."""
    _mark(folder, *files)
    site_folder.write_staging_marker(folder)
    return folder


def _layout(base: Path, corpus: bool = False, buildable: bool = False) -> Layout:
    """``base/home``, and ``base/work`` holding a project and decoys beside it.

    ``corpus``: the project's ``records/`` is the fixture corpus (else a few decoy files).
    ``buildable``: the project is also a copy of this one (``mkdocs.yml``, ``docs/``,
    ``overrides/``), so a build with its configuration succeeds.
    """
    home, work = base / "home", base / "work"
    project = work / "project"
    _write(home / "notes.txt", "the user's own notes\n")
    project.mkdir(parents=True)
    if buildable:
        shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(ROOT / "docs", project / "docs")
        shutil.copytree(ROOT / "overrides", project / "overrides")
    else:
        _write(project / "mkdocs.yml", "site_name: Decoy\ndocs_dir: docs\n")
        _write(project / "docs" / "index.md", "# Hand-written page\n")
    if corpus or buildable:
        corpus_with(project, [])
    else:
        _write(project / "records" / "letters" / "2025-01-01-a-letter.md", "---\ntitle: A letter\n---\n")
        _write(project / "records" / "attachments" / "a.txt", "an attachment\n")
    for folder in (project, work):
        _write(folder / ".something.old-1234" / "keep.txt", "not the tool's\n")
        _write(folder / f".site.old-{DEAD_PID}" / "keep.txt", "named like a staging folder, but not the tool's\n")
    _write(project / "notes.txt", "project notes\n")
    _write(work / "other" / "keep.txt", "someone else's folder\n")
    _write(work / "file.txt", "a plain file\n")
    (work / "link-to-records").symlink_to(project / "records")
    (work / "link-to-project").symlink_to(project)
    (work / "loop").symlink_to(work / "loop-back")
    (work / "loop-back").symlink_to(work / "loop")
    return Layout(base, home, work, project, project / "mkdocs.yml", project / "records", project / "docs")


def _snapshot(folder: Path) -> dict[str, tuple[str, str]]:
    """Every entry under ``folder``, links not followed: its kind and content (or link target)."""
    entries: dict[str, tuple[str, str]] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                entries[relative] = ("link", os.readlink(path))
            elif path.is_dir():
                entries[relative] = ("dir", "")
            else:
                entries[relative] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    return entries


def _build(
    layout: Layout, site_dir: str, *extra: str, cwd: Path | None = None, records: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``build_site.py build`` as a user types it, from ``cwd`` (the project by default), with
    ``HOME`` set to the layout's home folder."""
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "build_site.py"),
            "build",
            "--records",
            str(records or layout.records),
            "--config",
            str(layout.config),
            "--site-dir",
            site_dir,
            *extra,
        ],
        cwd=cwd or layout.project,
        capture_output=True,
        text=True,
        env={**os.environ, "CIVIC_RECORD_TODAY": PINNED_TODAY, "HOME": str(layout.home)},
        check=False,
    )


def _assert_refused(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    lines = result.stderr.splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("error: ") and fragment in lines[0], result.stderr
    assert lines[1].startswith("hint: "), result.stderr
    assert "Traceback" not in result.stderr


# --- Refusals: one test per target ------------------------------------------------------------

REFUSED = [
    # (test id, --site-dir relative to the project folder, what the error says)
    ("records", "records", "is the records folder"),
    ("inside-records", "records/attachments", "is inside the records folder"),
    ("new-folder-inside-records", "./records/new-site/", "is inside the records folder"),
    ("docs", "docs", "is the docs folder"),
    ("inside-docs", "docs/site", "is inside the docs folder"),
    ("project", "../project/", "is the project folder"),
    ("nested-in-project", "build/site", "is inside the project folder"),
    ("project-parent", "..", "contains the records folder"),
    ("home", "{home}", "is your home folder"),
    ("contains-home", "{base}", "contains your home folder"),
    ("root", "/", "is the root of the filesystem"),
    ("plain-file", "../file.txt", "is a file, not a folder"),
    ("config-file", "mkdocs.yml", "is a file, not a folder"),
    ("unmarked-folder", "../other", "holds files this tool did not build"),
    ("unrelated-dot-folder", "../.something.old-1234", "holds files this tool did not build"),
    ("symlink-to-records", "../link-to-records", "is the records folder"),
    ("symlink-to-project", "../link-to-project", "is the project folder"),
    ("symlink-loop", "../loop/site", "cannot be resolved"),
    ("empty-string", "", "--site-dir is empty"),
    ("dot", ".", "is the project folder"),
]


@pytest.mark.parametrize(("target", "fragment"), [pytest.param(t, f, id=i) for i, t, f in REFUSED])
def test_refused_site_dir_changes_nothing(tmp_path: Path, target: str, fragment: str) -> None:
    layout = _layout(tmp_path)
    before = _snapshot(tmp_path)
    result = _build(layout, target.format(home=layout.home, base=tmp_path))
    _assert_refused(result, fragment)
    assert _snapshot(tmp_path) == before


def test_current_folder_is_refused_even_when_empty(tmp_path: Path) -> None:
    layout = _layout(tmp_path)
    here = layout.work / "empty"
    here.mkdir()
    before = _snapshot(tmp_path)
    _assert_refused(_build(layout, ".", cwd=here), "is the current folder")
    _assert_refused(_build(layout, "", cwd=here), "--site-dir is empty")
    assert _snapshot(tmp_path) == before


def test_folder_inside_a_built_site_is_refused(tmp_path: Path) -> None:
    layout = _layout(tmp_path)
    _mark(layout.work / "site", "index.html")
    before = _snapshot(tmp_path)
    _assert_refused(_build(layout, str(layout.work / "site" / "sub")), "is inside the site")
    assert _snapshot(tmp_path) == before


def test_shipped_project_folder_is_refused_with_run_build(tmp_path: Path) -> None:
    """``tests.building.run_build`` runs in this project with its ``mkdocs.yml``: ``--site-dir``
    naming the project itself, or its ``docs/``, is refused before anything is written."""
    records = corpus_with(tmp_path, [])
    for target, fragment in ((ROOT, "is the project folder"), (ROOT / "docs", "is the docs folder")):
        _assert_refused(run_build(records, target), fragment)


# --- Accepted targets -------------------------------------------------------------------------


def test_marked_previous_site_is_replaced_and_decoys_survive(tmp_path: Path) -> None:
    layout = _layout(tmp_path, corpus=True)
    site = _mark(layout.work / "site", "index.html", "stale/index.html")
    mine = _mark_staging(layout.work / f".site.building-{DEAD_PID}", "index.html")  # a killed build's
    unmarked = layout.work / ".site.building-99999998"
    _write(unmarked / "keep.txt", "named like a staging folder, but not the tool's\n")
    before = _snapshot(tmp_path)
    result = run_build(layout.records, site)
    assert result.returncode == 0, result.stderr
    assert is_marked(site) and (site / "index.html").is_file()
    assert not (site / "stale").exists()
    assert not mine.exists(), "the killed build's marked staging folder was not removed"
    leftovers = sorted(p.name for p in layout.work.iterdir() if p.name.startswith(".site."))
    assert leftovers == [".site.building-99999998", f".site.old-{DEAD_PID}"]
    after = _snapshot(tmp_path)
    for path, entry in before.items():
        if not path.startswith(("work/site/", f"work/.site.building-{DEAD_PID}")) and path != "work/site":
            assert after.get(path) == entry, path


def test_new_site_directly_in_the_project_builds_and_rebuilds(tmp_path: Path) -> None:
    """The default ``site/`` (and ``site-demo/``...) in the project folder keeps working, given
    as typed: relative, with ``./`` or a trailing slash."""
    layout = _layout(tmp_path, buildable=True)
    before = _snapshot(tmp_path)
    first = _build(layout, "site")
    assert first.returncode == 0, first.stderr
    site = layout.project / "site"
    assert is_marked(site)
    built = _snapshot(site)
    again = _build(layout, "./site/")
    assert again.returncode == 0, again.stderr
    assert _snapshot(site) == built
    after = _snapshot(tmp_path)
    assert {p: e for p, e in after.items() if not p.startswith("work/project/site")} == before


def test_empty_folder_is_accepted(tmp_path: Path) -> None:
    layout = _layout(tmp_path, corpus=True)
    site = layout.work / "empty-site"
    site.mkdir()
    result = run_build(layout.records, site)
    assert result.returncode == 0, result.stderr
    assert is_marked(site)


def test_clean_up_never_globs_the_site_name(tmp_path: Path) -> None:
    """A site named like a glob pattern cleans up only its own staging folders: the old code's
    ``.{name}.*-*`` glob also matched (and deleted) another site's."""
    layout = _layout(tmp_path, corpus=True)
    others = _mark_staging(layout.work / f".site.old-{DEAD_PID}-x")
    another_site = _mark_staging(layout.work / f".site.building-{DEAD_PID}")  # the site "site"'s, not ours
    own = _mark_staging(layout.work / f".s[i]te*.old-{DEAD_PID}", "index.html")
    result = run_build(layout.records, layout.work / "s[i]te*")
    assert result.returncode == 0, result.stderr
    assert not own.exists()
    assert others.exists() and another_site.exists()
    assert (layout.work / f".site.old-{DEAD_PID}" / "keep.txt").is_file()


def test_remove_abandoned_only_takes_dead_marked_exact_names(tmp_path: Path) -> None:
    site = tmp_path / "site"
    candidates = {
        f".site.building-{DEAD_PID}": True,
        f".site.old-{DEAD_PID}": True,
        f".site.old-{os.getpid()}": False,  # this process is alive
        f".site.old-0{DEAD_PID}": False,  # never written with a leading zero
        ".site.old-1": False,  # init: alive
        ".site.old-": False,
        f".site.old-{DEAD_PID}.bak": False,
        f".site.old-{10**30}": False,  # not a process id
        f".other.old-{DEAD_PID}": False,
        f".site.older-{DEAD_PID}": False,
    }
    for name in candidates:
        _mark_staging(tmp_path / name)
    _write(tmp_path / f".site.building-{DEAD_PID - 1}" / "keep.txt", "unmarked\n")
    # A real site, built with --site-dir named like a staging folder: it has no staging marker.
    published = _mark(tmp_path / f".site.building-{DEAD_PID - 2}", "index.html")
    removed = site_folder.remove_abandoned(site)
    assert sorted(p.name for p in removed) == sorted(n for n, gone in candidates.items() if gone)
    assert (tmp_path / f".site.building-{DEAD_PID - 1}" / "keep.txt").is_file()
    assert (published / "index.html").is_file()


def test_a_published_site_never_carries_the_staging_marker(tmp_path: Path) -> None:
    layout = _layout(tmp_path, corpus=True)
    site = layout.work / f".site.building-{DEAD_PID}"  # a site named like a staging folder
    assert run_build(layout.records, site).returncode == 0
    assert is_marked(site) and not site_folder.is_staging(site)
    _write(site / "precious.txt", "kept\n")
    again = run_build(layout.records, layout.work / "site")
    assert again.returncode == 0, again.stderr
    assert (site / "precious.txt").read_text(encoding="utf-8") == "kept\n"


# --- Mount points and unwritable parents --------------------------------------------------------


def _in_mount_namespace(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``sh -c script`` as root of a new user and mount namespace (mounts vanish after)."""
    if shutil.which("unshare") is None:
        pytest.skip("no unshare(1)")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"cannot create a mount namespace: {probe.stderr.decode(errors='replace').strip()}")
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CIVIC_RECORD_TODAY": PINNED_TODAY},
        check=False,
    )


BUILD = '"$PYTHON" build_site.py build --records "$RECORDS" --site-dir "$SITE"'


@pytest.mark.parametrize("kind", ["bind", "tmpfs"])
def test_mount_point_site_is_published_into(tmp_path: Path, kind: str) -> None:
    """A mount point cannot be renamed: its contents are replaced, twice, and nothing is left
    beside it. (A tmpfs vanishes with the namespace: its contents are copied out to check.)"""
    records = corpus_with(tmp_path, [])
    site, real, seen = tmp_path / "site", tmp_path / "real", tmp_path / "seen"
    for folder in (site, real, seen):
        folder.mkdir()
    mount = 'mount --bind "$REAL" "$SITE"' if kind == "bind" else 'mount -t tmpfs tmpfs "$SITE"'
    script = f"""
        PYTHON="$1" RECORDS="$2" SITE="$3" REAL="$4" SEEN="$5"
        {mount} || exit 99
        {BUILD} || exit 1
        echo stale > "$SITE/stale.html"
        {BUILD} || exit 2
        cp -a "$SITE/." "$SEEN"
    """
    result = _in_mount_namespace(script, sys.executable, str(records), str(site), str(real), str(seen))
    if result.returncode == 99:
        pytest.skip(f"cannot mount here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert is_marked(seen) and (seen / "index.html").is_file()
    assert not (seen / "stale.html").exists()
    assert not [p for p in seen.iterdir() if p.name.startswith((".civic-record-incoming", ".civic-record-outgoing"))]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real", "records", "seen", "site"]


def test_a_file_system_mounted_inside_the_site_is_never_emptied(tmp_path: Path) -> None:
    """A folder mounted inside a built site: the build refuses that site, and clean-up never
    deletes through a mount (the previous site is renamed, then deleted, mounts and all)."""
    records = corpus_with(tmp_path, [])
    site, precious = tmp_path / "site", tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("kept\n", encoding="utf-8")
    script = f"""
        PYTHON="$1" RECORDS="$2" SITE="$3" PRECIOUS="$4"
        {BUILD} || exit 1
        mkdir "$SITE/shared" && mount --bind "$PRECIOUS" "$SITE/shared" || exit 99
        {BUILD}
        echo "second build: $?"
        "$PYTHON" -c 'import sys; from pathlib import Path; from civic_record import site_folder as f; \
            print("removed" if f.remove_tree(Path(sys.argv[1])) else "kept")' "$SITE"
    """
    result = _in_mount_namespace(script, sys.executable, str(records), str(site), str(precious))
    if result.returncode == 99:
        pytest.skip(f"cannot mount here: {result.stderr.strip()}")
    assert "second build: 2" in result.stdout, result.stdout + result.stderr
    assert "holds a mounted file system at" in result.stderr
    assert result.stdout.strip().endswith("kept")
    assert (precious / "keep.txt").read_text(encoding="utf-8") == "kept\n"


def test_unwritable_parent_is_one_line(tmp_path: Path) -> None:
    records = corpus_with(tmp_path, [])
    frozen = tmp_path / "frozen"
    frozen.mkdir()
    script = f"""
        PYTHON="$1" RECORDS="$2" SITE="$3"
        mount -t tmpfs -o ro tmpfs "$4" || exit 99
        {BUILD}
    """
    result = _in_mount_namespace(script, sys.executable, str(records), str(frozen / "site"), str(frozen))
    if result.returncode == 99:
        pytest.skip(f"cannot mount here: {result.stderr.strip()}")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"^error: cannot create the staging folder .*\.site\.building-\d+: ", result.stderr, re.M)
    assert "hint: " in result.stderr


def test_rename_refused_by_the_system_falls_back_to_replacing_contents(tmp_path: Path) -> None:
    """Renaming a bind mount fails with EBUSY where it is not seen as a mount point: the contents
    are replaced instead (os.rename made to fail as it does there)."""
    site = _mark(tmp_path / "site", "index.html", "stale.html")
    staging = site_folder.create_staging(site)
    _write(staging / "index.html", "new\n")
    real_rename = os.rename

    def rename(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(source) == site:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(source))
        real_rename(source, target)

    with mock.patch("os.rename", rename):
        leftovers = site_folder.publish(staging, site)
    site_folder.remove_retired(leftovers)
    assert (site / "index.html").read_text() == "new\n"
    assert not (site / "stale.html").exists()
    assert is_marked(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in site.iterdir()) == [MARKER_NAME, "index.html"]


# --- Failures during the build: one line, no traceback, no staging folder ----------------------


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (
            "OSError(errno.ENOSPC, 'No space left on device', str(site / 'pagefind' / 'x.pf'))",
            "error: the site build failed: No space left on device: {staging}/pagefind/x.pf",
        ),
        ("RuntimeError('boom\\nsecond line')", "error: the site build failed: RuntimeError: boom second line"),
    ],
    ids=["oserror", "other"],
)
def test_failure_during_build_is_one_line(tmp_path: Path, raised: str, expected: str) -> None:
    records = corpus_with(tmp_path, [])
    site = _mark(tmp_path / "site", "index.html")
    before = _snapshot(site)
    script = f"""
import errno, sys
from pathlib import Path
import civic_record.build as build
from civic_record.cli import main

def index_site(site: Path, *args: object) -> str:
    raise {raised}

build.index_site = index_site
sys.exit(main(sys.argv[1:]))
"""
    result = subprocess.run(
        [sys.executable, "-c", script, "build", "--records", str(records), "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CIVIC_RECORD_TODAY": PINNED_TODAY},
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    staging = re.search(r"(\S*\.site\.building-\d+)", result.stderr)
    wanted = expected.format(staging=staging.group(1) if staging else "?")
    assert result.stderr.splitlines()[-2:] == [wanted, f"Nothing was published; {site} is unchanged."]
    assert _snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records", "site"]


# --- SOURCE_DATE_EPOCH: every valid year builds ------------------------------------------------

_YEAR = re.compile(r"(?<![0-9])(20[0-3][0-9])(?![0-9])")


def _shift_years(records: Path, years: int) -> None:
    """Move every date of the fixture corpus (2019-2030) by ``years``, in names and contents."""

    def shifted(match: re.Match[str]) -> str:
        return str(int(match.group(1)) + years)

    for path in sorted(records.rglob("*"), key=lambda p: -len(p.parts)):
        if path.is_file():
            path.write_text(_YEAR.sub(shifted, path.read_text(encoding="utf-8")), encoding="utf-8")
        renamed = path.with_name(_YEAR.sub(shifted, path.name))
        if renamed != path:
            path.rename(renamed)


def _newest_on(records: Path, date: str) -> None:
    """Date the corpus's newest record (a scheduled meeting in 2030) ``date``."""
    meeting = next(records.glob("meetings/2030-01-15-*.md"))
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("2030-01-15", date), encoding="utf-8")
    meeting.rename(meeting.with_name(meeting.name.replace("2030-01-15", date)))


@pytest.mark.parametrize("newest", ["2107-01-01", "1969"], ids=["2107", "1969"])
def test_records_dated_outside_the_gzip_range_build(tmp_path: Path, newest: str) -> None:
    records = corpus_with(tmp_path, [])
    if newest == "1969":
        _shift_years(records, -61)  # 2030 -> 1969: every record before 1970
    else:
        _newest_on(records, newest)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    with mock.patch.dict(os.environ, env, clear=True):
        result = run_build(records, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    with gzip.open(tmp_path / "site" / "sitemap.xml.gz") as sitemap:
        assert sitemap.read().startswith(b"<?xml")


@settings(max_examples=300)
@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.dates())
def test_source_date_epoch_fits_gzip_and_mkdocs_for_every_year(newest: dt.date, other: dt.date) -> None:
    from mkdocs.utils import get_build_date, get_build_timestamp

    seconds = source_date_epoch(newest)
    assert 0 <= seconds <= GZIP_MTIME_MAX
    if dt.date(1970, 1, 1) <= newest <= dt.date(2106, 2, 6):
        assert dt.datetime.fromtimestamp(seconds, dt.UTC).date() == newest  # unchanged in range
    assert source_date_epoch(min(newest, other)) <= source_date_epoch(max(newest, other))
    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": str(seconds)}):
        dt.date.fromisoformat(get_build_date())  # what each page's update_date holds
        gzip.GzipFile(fileobj=io.BytesIO(), mode="wb", mtime=get_build_timestamp()).close()


@pytest.mark.parametrize("value", ["-1", "4294967296", "soon", ""])
def test_unusable_source_date_epoch_is_refused(tmp_path: Path, value: str) -> None:
    records = corpus_with(tmp_path, [])
    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": value}):
        result = run_build(records, tmp_path / "site")
    _assert_refused(result, "SOURCE_DATE_EPOCH")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records"]


# --- The property: a target is a marked site afterwards, or refused with nothing changed -------

_PARTS = [
    "records",
    "attachments",
    ".",
    "..",
    "docs",
    "site",
    "sub",
    "new",
    "empty",
    "other",
    "old-site",
    "home",
    "work",
    "project",
    "mkdocs.yml",
    "notes.txt",
    "link-to-records",
    "link-to-site",
    ".something.old-1234",
    "",
]

_TARGETS = st.one_of(
    st.sampled_from(["", ".", "..", "/", "./", "../..", "{base}", "{home}", "~"]),
    st.sampled_from(["site", "./site/", "link-to-site", "../old-site/", "{project}/site", "empty", "../other"]),
    st.builds(
        lambda prefix, parts, suffix: prefix + "/".join(parts) + suffix,
        st.sampled_from(["", "./", "../", "../../", "{base}/", "{base}/work/", "{home}/", "{project}/"]),
        st.lists(st.sampled_from(_PARTS), min_size=1, max_size=4),
        st.sampled_from(["", "/", "/.", "//"]),
    ),
)


def _property_layout(base: Path) -> tuple[Layout, set[Path]]:
    """The decoy layout plus the tool's own: two marked sites, an empty folder, a link to a site
    and a killed build's marked staging folder. Returns it and the marked sites."""
    layout = _layout(base)
    sites = {
        _mark(layout.project / "site", "index.html", "letters/index.html"),
        _mark(layout.work / "old-site", "index.html"),
    }
    _mark_staging(layout.project / f".site.building-{DEAD_PID}", "index.html")
    (layout.project / "empty").mkdir()
    (layout.project / "link-to-site").symlink_to(layout.project / "site")
    return layout, sites


@settings(max_examples=200)
@given(_TARGETS)
def test_any_site_dir_ends_as_a_marked_site_or_refused_unchanged(typed: str) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary).resolve()
        layout, sites = _property_layout(base)
        typed = typed.format(base=base, home=layout.home, project=layout.project)
        # Never publish outside the temporary folder: a target above it must be refused (each
        # folder above holds the home folder), one beside it is left out.
        above = (layout.project / typed).resolve()
        assume(above.is_relative_to(base) or base.is_relative_to(above))
        before = _snapshot(base)
        try:
            chosen = site_folder.choose_site_dir(
                typed, records=layout.records, config_file=layout.config, home=layout.home, cwd=layout.project
            )
        except SiteFolderError as refusal:
            assert "\n" not in refusal.message and "\n" not in refusal.hint
            assert _snapshot(base) == before
            return
        assert chosen.is_relative_to(base), f"{typed!r} accepted {chosen}, above the test's folder"
        # Accepted: publish a small fake build there, as build.py does after MkDocs.
        site_folder.remove_abandoned(chosen)
        staging = site_folder.create_staging(chosen)
        _write(staging / "index.html", "new\n")
        site_folder.remove_retired(site_folder.publish(staging, chosen))
        assert is_marked(chosen) and (chosen / "index.html").read_text() == "new\n"
        assert not [p for p in chosen.parent.iterdir() if p.name.startswith(f".{chosen.name}.building-")]
        after = _snapshot(base)
        killed = layout.project / f".site.building-{DEAD_PID}"  # the tool's: removable
        for relative, entry in before.items():
            path = base / relative
            if chosen in path.parents:  # what was in the target: only a built site may be replaced
                assert chosen in sites, f"{typed!r} replaced {relative}, which is not a built site"
            elif path == chosen:
                assert after.get(relative) == ("dir", ""), f"{typed!r} is not a folder now"
            elif path != killed and killed not in path.parents:
                assert after.get(relative) == entry, f"{typed!r} changed {relative}"


def test_a_site_an_earlier_version_built_is_replaced_after_an_upgrade(tmp_path: Path) -> None:
    """Sites built before the marker existed hold the search index, the data and the sitemap:
    such a ``site/`` is rebuilt in place; a folder holding only some of them is refused."""
    layout = _layout(tmp_path, corpus=True)
    earlier = layout.work / "earlier-site"
    for name in EARLIER_BUILD_FILES:
        _write(earlier / name, "from an earlier build\n")
    result = run_build(layout.records, earlier)
    assert result.returncode == 0, result.stderr
    assert is_marked(earlier) and (earlier / "index.html").is_file()
    partial = layout.work / "partial-site"
    for name in EARLIER_BUILD_FILES[:-1]:
        _write(partial / name, "not a whole site\n")
    before = _snapshot(partial)
    refused = run_build(layout.records, partial)
    assert refused.returncode == 2, refused.stderr
    assert _snapshot(partial) == before

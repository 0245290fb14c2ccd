"""Pages of single records rendered in worker processes: the same bytes with one process or
two, MkDocs' warnings and a page's failure reported as from one process, nothing published."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import civic_record.pages
from benchmarks.synthetic_corpus import write_synthetic_corpus
from civic_record import workers
from civic_record.build import build_site
from civic_record.mkdocs_plugin import RECORDS_ENV
from tests.building import PINNED_TODAY, ROOT, run_build

DEMO = ROOT / "examples" / "demo" / "records"
SITE_URL = "https://records.example.org/city/"


def _files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic") / "records"
    write_synthetic_corpus(folder, 1000)
    return folder


@pytest.mark.parametrize("corpus", ["demo", "synthetic"])
def test_one_process_and_two_build_the_same_bytes(corpus: str, synthetic: Path, tmp_path: Path) -> None:
    records = DEMO if corpus == "demo" else synthetic
    sites = {}
    for jobs in ("1", "2"):
        result = run_build(records, tmp_path / f"jobs-{jobs}", "--jobs", jobs, "--site-url", SITE_URL)
        assert result.returncode == 0, result.stderr
        sites[jobs] = _files(tmp_path / f"jobs-{jobs}")
    one, two = sites["1"], sites["2"]
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []
    record_pages = [path for path in one if path.startswith(("letters/", "votes/", "people/")) and "index.html" in path]
    assert len(record_pages) > (10 if corpus == "demo" else 300)
    sitemap = one["sitemap.xml"].decode()
    assert sitemap.count("<loc>") == sum(1 for path in one if path.endswith(".html") and path != "404.html")
    assert "<lastmod>" in sitemap


def _in_process_build(monkeypatch: pytest.MonkeyPatch, site: Path, jobs: int) -> int:
    """``build_site`` in this process (so that a test can wrap a page generator), its
    environment changes undone afterwards."""
    monkeypatch.setenv("CIVIC_RECORD_TODAY", PINNED_TODAY)
    for name in (RECORDS_ENV, "SOURCE_DATE_EPOCH"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.chdir(ROOT)
    return build_site(DEMO, site, ROOT / "mkdocs.yml", site_url=SITE_URL, jobs=jobs)


def _wrap_record_pages(monkeypatch: pytest.MonkeyPatch, before: Callable[[Any], None]) -> None:
    original = civic_record.pages.record_page

    def wrapped(site: Any, record: Any) -> Any:
        before(record)
        return original(site, record)

    monkeypatch.setattr(civic_record.pages, "record_page", wrapped)


def test_pages_are_rendered_in_worker_processes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    pids.mkdir()
    _wrap_record_pages(monkeypatch, lambda record: (pids / str(os.getpid())).touch())
    assert _in_process_build(monkeypatch, tmp_path / "site", jobs=2) == 0
    workers = {int(path.name) for path in pids.iterdir()}
    assert os.getpid() not in workers
    assert len(workers) == 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_warning_logged_while_rendering_a_page_fails_the_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: int
) -> None:
    def warn(record: Any) -> None:
        logging.getLogger("mkdocs.plugins.civic_record").warning("a warning from the page of %s", record.id)

    _wrap_record_pages(monkeypatch, warn)
    site = tmp_path / "site"
    assert _in_process_build(monkeypatch, site, jobs=jobs) == 1
    err = capsys.readouterr().err
    assert "strict mode" in err
    assert "warning: a warning from the page of" in err
    assert "Nothing was published" in err
    assert not site.exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_page_that_fails_fails_the_build_and_publishes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: int
) -> None:
    site = tmp_path / "site"
    assert _in_process_build(monkeypatch, site, jobs=jobs) == 0
    before = _files(site)

    def fail(record: Any) -> None:
        raise ValueError(f"cannot make the page of {record.id}")

    _wrap_record_pages(monkeypatch, fail)
    assert _in_process_build(monkeypatch, site, jobs=jobs) == 1
    err = capsys.readouterr().err
    assert "cannot make the page of" in err
    assert "Nothing was published" in err
    assert _files(site) == before


def test_jobs_are_one_per_core_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(workers.JOBS_ENV, raising=False)
    assert workers.default_jobs() == len(os.sched_getaffinity(0))
    monkeypatch.setenv(workers.JOBS_ENV, "3")
    assert workers.default_jobs() == 3
    for careless in ("0", "-1", "two", "", "١"):
        monkeypatch.setenv(workers.JOBS_ENV, careless)
        assert workers.default_jobs() == len(os.sched_getaffinity(0))


@pytest.mark.parametrize("value", ["0", "-2", "many", "1000"])
def test_build_refuses_a_careless_jobs_value(value: str, tmp_path: Path) -> None:
    result = run_build(DEMO, tmp_path / "site", "--jobs", value)
    assert result.returncode == 2
    assert "--jobs" in result.stderr
    assert not (tmp_path / "site").exists()


def test_mkdocs_build_renders_the_same_record_pages(tmp_path: Path) -> None:
    """``mkdocs build`` (the plugin without ``build_site.py``) renders the record pages too,
    the same bytes as ``build_site.py build``, and indexes them for search."""
    ours = tmp_path / "ours"
    result = run_build(DEMO, ours)
    assert result.returncode == 0, result.stderr
    theirs = tmp_path / "theirs"
    env = {**os.environ, "CIVIC_RECORD_TODAY": PINNED_TODAY, RECORDS_ENV: str(DEMO)}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(theirs)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    pages = {path: data for path, data in _files(ours).items() if path.endswith(".html")}
    built = {path: data for path, data in _files(theirs).items() if path.endswith(".html")}
    assert sorted(built) == sorted(pages)
    assert [path for path in pages if pages[path] != built[path]] == []
    assert (theirs / "pagefind" / "pagefind-entry.json").is_file()
    assert not (theirs / ".civic-record-search").exists()


KILLED_WORKER = """
import os, signal, sys
import civic_record.pages
from civic_record.cli import main

build_process = os.getpid()
original = civic_record.pages.record_page

def record_page(site, record):
    if os.getpid() != build_process:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer does
    return original(site, record)

civic_record.pages.record_page = record_page
sys.exit(main(sys.argv[1:]))
"""


def test_a_worker_that_is_killed_fails_the_build_without_hanging(tmp_path: Path) -> None:
    site = tmp_path / "site"
    command = [sys.executable, "-c", KILLED_WORKER, "build", "--records", str(DEMO), "--site-dir", str(site)]
    command += ["--jobs", "2", "--site-url", SITE_URL]
    env = {**os.environ, "CIVIC_RECORD_TODAY": PINNED_TODAY}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1
    assert "a process rendering pages stopped" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Nothing was published" in result.stderr
    assert not site.exists()

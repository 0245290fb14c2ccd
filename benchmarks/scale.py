"""How civic-record scales: generated corpora of N records, checked, built and searched.

    python -m benchmarks.scale 1000 10000 [--work DIR] [--queries "first" "second"]

For each N: write a synthetic corpus (``benchmarks/synthetic_corpus.py``), time
``build_site.py check`` and ``build_site.py build`` (wall time and peak memory of the whole
process tree, Pagefind included), count pages, measure the site and its search index,
then build plain MkDocs + Pagefind on the same number of pages of the same average size
(``benchmarks/plain_site.py``) and, when the ``hugo`` command is present (Debian's ``hugo``
package; skipped with a note otherwise), a minimal Hugo site of the same record and listing
pages (``benchmarks/hugo_site.py``), both in the same run, and measure in headless Chromium
the bytes downloaded and the time taken by a first and a second query
(``benchmarks/query_bytes.py``). Prints a Markdown table and writes ``results.json`` in the
work folder. Nothing is written into the repository: corpora are generated, never committed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import pagefind_bin

from benchmarks.hugo_site import write_hugo_project
from benchmarks.measure import measure
from benchmarks.plain_site import write_plain_project
from benchmarks.query_bytes import measure_queries
from benchmarks.synthetic_corpus import write_synthetic_corpus

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DEFAULT_QUERIES = ("license plate", "Perez")


@dataclass
class Result:
    records: int
    pages: int
    check_s: float
    check_peak_mb: float
    build_s: float
    build_peak_mb: float
    build_largest_process_mb: float
    per_record_ms: float
    site_mb: float
    index_mb: float
    markdown_bytes_per_page: int
    plain_build_s: float
    plain_peak_mb: float
    ratio: float
    """Our build time over plain MkDocs + Pagefind's."""
    hugo_s: float | None
    """``hugo --quiet`` on the same records (None when skipped)."""
    hugo_pages: int
    hugo_ratio: float | None
    """Our build time over Hugo's."""
    page_kb: float
    first_query: dict[str, object]
    second_query: dict[str, object]
    edit_build_s: float = 0.0
    """``build`` again after one record's text was edited (an incremental build, search included)."""
    edit_rendered: int = 0
    edit_copied: int = 0


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _read_corpus(records: Path, per_page: bool, hugo: Path | None) -> int:
    """Read the corpus once for both baselines: write the Hugo site of it into ``hugo`` (when
    given), and return the average size of the Markdown pages civic-record generates for it
    (when ``per_page``; else 0)."""
    from civic_record.check import check_records
    from civic_record.dates import today
    from civic_record.pages import Site, generate_pages

    corpus, _ = check_records(records)
    if hugo is not None:
        write_hugo_project(hugo, corpus)
    if not per_page:
        return 0
    pages = generate_pages(Site(corpus=corpus, today=today()))
    return sum(len(page.markdown.encode("utf-8")) for page in pages.values()) // len(pages)


def hugo_command() -> str | None:
    """The ``hugo`` command, or None (with a note) when it is not installed."""
    found = shutil.which("hugo")
    if found is None:
        print("note: no `hugo` command (Debian: apt-get install hugo): the Hugo baseline is skipped", flush=True)
    return found


def _first_record_page(site: Path) -> str:
    pages = sorted((site / "letters").glob("*/index.html"))
    return pages[0].parent.relative_to(site).as_posix() + "/"


def _require(ok: bool, what: str, output: str) -> None:
    if not ok:
        raise SystemExit(f"{what} failed:\n{output[-4000:]}")


def run(
    records_count: int, work: Path, queries: tuple[str, str], plain_baseline: bool = True, hugo: str | None = None
) -> Result:
    folder = work / f"n{records_count}"
    if folder.exists():
        shutil.rmtree(folder)
    records, site = folder / "records", folder / "site"
    print(f"[{records_count}] generating the corpus", flush=True)
    write_synthetic_corpus(records, records_count)

    # The commands keep what they checked in a cache folder of this run's own (removed with
    # the folder): `check` reads every file, the builds after it take from the cache.
    cache = {"CIVIC_RECORD_CACHE": str(folder / "cache")}
    print(f"[{records_count}] check", flush=True)
    check = measure([PYTHON, str(ROOT / "build_site.py"), "check", "--records", str(records)], env=cache, cwd=ROOT)
    _require(check.returncode == 0, "check", check.output)
    print(f"[{records_count}] build ({check.seconds:.1f} s check)", flush=True)
    build = measure(
        [PYTHON, str(ROOT / "build_site.py"), "build", "--records", str(records), "--site-dir", str(site)],
        env=cache,
        cwd=ROOT,
    )
    _require(build.returncode == 0, "build", build.output)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"[{records_count}] one record edited, then build ({build.seconds:.1f} s build)", flush=True)
    _edit_one_record(records)
    edited = measure(
        [PYTHON, str(ROOT / "build_site.py"), "build", "--records", str(records), "--site-dir", str(site)],
        env=cache,
        cwd=ROOT,
    )
    _require(edited.returncode == 0, "build after an edit", edited.output)
    counts = EDIT_COUNTS.search(edited.output)
    _require(counts is not None, "build after an edit (its counts of pages)", edited.output)
    assert counts is not None

    per_page, plain_seconds, plain_peak = 0, 0.0, 0.0
    hugo_project = folder / "hugo" if hugo else None
    if plain_baseline or hugo_project:
        print(f"[{records_count}] reading the corpus for the baselines ({build.seconds:.1f} s build)", flush=True)
        per_page = _read_corpus(records, plain_baseline, hugo_project)
    if plain_baseline:
        print(f"[{records_count}] plain MkDocs + Pagefind on {pages} pages", flush=True)
        config = write_plain_project(folder / "plain", pages - 2, per_page)  # less its home and 404 pages
        pagefind = str(pagefind_bin.get_executable())
        plain_site = folder / "plain" / "site"
        plain = measure(
            ["sh", "-c", f'"{PYTHON}" -m mkdocs build -q -f "{config}" && "{pagefind}" --site "{plain_site}" --silent'],
            env={"NO_MKDOCS_2_WARNING": "1"},
        )
        _require(plain.returncode == 0, "plain MkDocs + Pagefind", plain.output)
        plain_seconds, plain_peak = plain.seconds, plain.peak_tree_mb
        shutil.rmtree(folder / "plain")  # before the queries: disk space at 100,000 records

    hugo_seconds, hugo_pages = None, 0
    if hugo and hugo_project:
        print(f"[{records_count}] Hugo on the same records", flush=True)
        public = hugo_project / "public"
        hugo_run = measure([hugo, "--quiet", "--source", str(hugo_project), "--destination", str(public)])
        _require(hugo_run.returncode == 0, "Hugo", hugo_run.output)
        hugo_seconds, hugo_pages = hugo_run.seconds, sum(1 for _ in public.rglob("*.html"))
        shutil.rmtree(hugo_project)

    print(f"[{records_count}] queries in Chromium", flush=True)
    page_bytes, (first, second) = measure_queries(site, _first_record_page(site), queries)
    return Result(
        records=records_count,
        pages=pages,
        check_s=round(check.seconds, 2),
        check_peak_mb=round(check.peak_tree_mb),
        build_s=round(build.seconds, 1),
        build_peak_mb=round(build.peak_tree_mb),
        build_largest_process_mb=round(build.peak_process_mb),
        per_record_ms=round(1000 * build.seconds / records_count, 2),
        site_mb=round(_size(site) / 2**20, 1),
        index_mb=round(_size(site / "pagefind") / 2**20, 1),
        markdown_bytes_per_page=per_page,
        plain_build_s=round(plain_seconds, 1),
        plain_peak_mb=round(plain_peak),
        ratio=round(build.seconds / plain_seconds, 3) if plain_seconds else 0.0,
        hugo_s=round(hugo_seconds, 2) if hugo_seconds is not None else None,
        hugo_pages=hugo_pages,
        hugo_ratio=round(build.seconds / hugo_seconds, 1) if hugo_seconds else None,
        page_kb=round(page_bytes / 1024, 1),
        first_query=asdict(first),
        second_query=asdict(second),
        edit_build_s=round(edited.seconds, 1),
        edit_rendered=int(counts.group(1).replace(",", "")),
        edit_copied=int(counts.group(2).replace(",", "")),
    )


EDIT_COUNTS = re.compile(r"([\d,]+) rendered, ([\d,]+) copied unchanged")


def _edit_one_record(records: Path) -> None:
    """What a clerk does between two builds: a sentence added to one letter's text."""
    letter = sorted((records / "letters").glob("*.md"))[0]
    letter.write_text(letter.read_text(encoding="utf-8") + "\nA sentence added between two builds.\n", encoding="utf-8")


def table(results: list[Result]) -> str:
    """The results as a Markdown table; the Hugo columns only when Hugo was timed."""
    with_hugo = any(r.hugo_s is not None for r in results)
    columns = "| Records | Pages | `check` | Build | Build peak memory | Per record | Site | Index "
    columns += "| Plain MkDocs + Pagefind | ÷ Plain MkDocs "
    columns += "| Hugo | ÷ Hugo " if with_hugo else ""
    columns += "| First query | Second query | One record edited, then build |"
    rows = [columns, "|" + " --- |" * (columns.count("|") - 1)]
    for r in results:
        first, second = r.first_query, r.second_query
        hugo = ""
        if with_hugo:
            hugo = f"| {r.hugo_s} s | {r.hugo_ratio} " if r.hugo_s is not None else "| — | — "
        rows.append(
            f"| {r.records:,} | {r.pages:,} | {r.check_s} s | {r.build_s} s | {r.build_peak_mb:,} MB "
            f"| {r.per_record_ms} ms | {r.site_mb} MB | {r.index_mb} MB | {r.plain_build_s} s | {r.ratio} "
            f"{hugo}| {first['kilobytes']:.0f} KB, {first['milliseconds']} ms "
            f"| {second['kilobytes']:.0f} KB, {second['milliseconds']} ms "
            f"| {r.edit_build_s} s ({r.edit_rendered:,} pages rendered, {r.edit_copied:,} copied) |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", type=int, help="corpus sizes in records, e.g. 1000 10000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/civic-record-bench/scale"))
    parser.add_argument("--queries", nargs=2, default=DEFAULT_QUERIES, metavar=("FIRST", "SECOND"))
    parser.add_argument("--keep", action="store_true", help="keep the corpora and sites (they can be large)")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain MkDocs + Pagefind baseline")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo baseline")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    started = time.perf_counter()
    hugo = None if args.no_hugo else hugo_command()
    for size in args.sizes:
        result = run(size, args.work, tuple(args.queries), plain_baseline=not args.no_plain, hugo=hugo)
        results.append(result)
        print(json.dumps(asdict(result), ensure_ascii=False), flush=True)
        if not args.keep:
            shutil.rmtree(args.work / f"n{size}")
    (args.work / "results.json").write_text(json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")
    print()
    print(table(results))
    if len(results) > 1:
        small, large = results[0], results[-1]
        print(
            f"\nPer-record build time, {large.records:,} vs {small.records:,} records: "
            f"{large.per_record_ms / small.per_record_ms:.2f}x"
        )
    print(f"\n(benchmark wall time: {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

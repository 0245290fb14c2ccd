"""The search index in parts, each a run of years: an edit re-indexes the part of its year.

Pagefind's index is one bundle made from every page at once, so an index of 10,000 records
took 20 seconds to make again after any edit, and Pagefind held all of it in memory at once.
Here each page is noted under the year it is dated (the year of its ``data-pagefind-sort``
date) or ``undated`` (people, bodies, help pages), with the digest of what Pagefind reads of
it (``Indexed``); the years are then grouped, oldest first,
into runs of at least ``PART_PAGES`` pages (``group_years``), and each run is one part, one
Pagefind bundle. The newest run, with the undated pages, is the main part: the site's
``pagefind/``, whose script and WebAssembly the browser loads. The others are in
``pagefind/parts/<first year>-<last year>/`` without a script of their own, and
``pagefind/civic-record-parts.json`` names them. ``docs/javascripts/search.js`` merges them
(Pagefind's ``mergeIndex``), giving each part a filter ``part`` so that a search in date
order can take the parts one after another. Parts are few, because each part adds one
index chunk per word to a query; a site of up to ``PART_PAGES`` dated pages has one.

The build writes into the site ``.civic-record-search.json``: each part's key (the digest of
what Pagefind reads of its pages, Pagefind's version and this code) and the digest of each file
of its bundle. The next build copies a part whose key is the same and whose files in the
previous site are still, byte for byte, those files (regular files, nothing more, nothing
less); every other part is indexed again, its pages written out for Pagefind from the site
then. Pagefind writes the same bytes from the same pages
(``search_index._make_deterministic``), so a copied part is what indexing would write.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import stat
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .page_reuse import read_regular

BUNDLE = "pagefind"
UNDATED = "undated"
PARTS_SUBDIR = "parts"
PARTS_FILE = "civic-record-parts.json"
"""In the main bundle: the main part's name and the other parts', for the browser."""
LIST_NAME = ".civic-record-search.json"
"""In the site: each part's key and files, for the next build."""
SCRATCH = ".civic-record-search-out"
FORMAT = 1
FILE_LIMIT = 256 * 2**20
BUNDLE_LIMIT = 4 * 2**30
"""A previous part larger than this (4 GiB) is indexed again rather than read."""
LIST_LIMIT = 256 * 2**20

_BODY_TAG = re.compile(r"<[^<>]*\bdata-pagefind-body\b[^<>]*>")
_SORT_YEAR = re.compile(r'\bdata-pagefind-sort="date:(\d{4})')

Runner = Callable[[Path, Path], str]
"""Index the pages under the first folder into the bundle folder given second."""
Writer = Callable[[Path, list[str], Path], None]
"""Write into the folder given third what Pagefind indexes of these pages of the site."""


@dataclass(frozen=True)
class Indexed:
    """What the index needs to know of a page before indexing it: its part's year, and the
    digest of what Pagefind reads of it (``input_bytes``)."""

    year: str
    digest: str


def input_bytes(part: str) -> bytes:
    """What Pagefind reads of a page: its indexed part, as the site's pages are written (a
    file's undecodable bytes as they were)."""
    try:
        return part.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return part.encode("utf-8", errors="xmlcharrefreplace")


def indexed_digest(part: str) -> str:
    return _digest(input_bytes(part))


def marked_by_hand(page: str) -> bool:
    """Whether an element of the page (not its text) carries ``data-pagefind-body``."""
    return _BODY_TAG.search(page) is not None


def part_of(indexed: str) -> str:
    """The part of the index a page's indexed HTML goes into: the year of the date it sorts
    by, or ``undated``."""
    tag = _BODY_TAG.search(indexed)
    year = _SORT_YEAR.search(tag.group(0)) if tag else None
    return year.group(1) if year else UNDATED


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _code() -> str:
    """This code and the code that runs Pagefind, with Pagefind's version."""
    here = Path(__file__).parent
    sources = [_digest((here / name).read_bytes()) for name in ("search_parts.py", "search_index.py")]
    return json.dumps([importlib.metadata.version("pagefind_bin"), sources])


@dataclass
class Part:
    name: str
    pages: list[str]
    """Its pages, by their path in the site, in order."""
    main: bool
    key: str = ""

    @property
    def count(self) -> int:
        return len(self.pages)


def _walk(folder: Path) -> list[tuple[str, str]]:
    """Every file under ``folder``, in a fixed order: (its path from ``folder``, its path)."""
    found = []
    top = os.fspath(folder)
    start = len(top) + 1
    for root, dirs, names in os.walk(top):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            found.append((path[start:].replace(os.sep, "/"), path))
    return found


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _keyed(part: Part, pages: dict[str, Indexed], code: str) -> Part:
    listed = [[relative, pages[relative].digest] for relative in part.pages]
    part.key = _digest(json.dumps([FORMAT, code, part.name, part.main, listed]).encode())
    return part


def bundle_folder(site: Path, name: str, main: bool) -> Path:
    """Where a part's bundle is in a site."""
    return site / BUNDLE if main else site / BUNDLE / PARTS_SUBDIR / name


def _bundle_listing(site: Path, folder: Path, main: bool) -> dict[str, int] | None:
    """Every file of a part's bundle in a built site, with its size, if each is a regular
    file and no folder from the site down to it is a link; else None. The main bundle's folder
    holds the other parts and the list of parts, which are not its own."""
    here = site
    for name in folder.relative_to(site).parts:
        here = here / name
        if here.is_symlink() or not here.is_dir():
            return None
    files: dict[str, int] = {}
    top = os.fspath(folder)
    for root, dirs, names in os.walk(top):
        if main and root == top:
            dirs[:] = [name for name in dirs if name != PARTS_SUBDIR]
            names = [name for name in names if name != PARTS_FILE]
        for name in dirs:
            if os.path.islink(os.path.join(root, name)):
                return None
        for name in names:
            path = os.path.join(root, name)
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode):
                return None
            files[path[len(top) + 1 :].replace(os.sep, "/")] = info.st_size
    return files


def _previous_parts(previous: Path | None) -> dict[str, tuple[str, dict[str, str]]]:
    """The previous build's parts as its list says: name -> (key, file -> digest)."""
    if previous is None:
        return {}
    data = read_regular(previous / LIST_NAME, LIST_LIMIT)
    if data is None:
        return {}
    try:
        listed = json.loads(data.decode("utf-8"))
        if listed.get("format") != FORMAT or not isinstance(listed.get("parts"), dict):
            return {}
        parts = {}
        for name, entry in listed["parts"].items():
            if not isinstance(entry, dict):
                continue  # that part is indexed again; the others may still be copied
            files = entry.get("files")
            if (
                isinstance(entry.get("key"), str)
                and isinstance(files, dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in files.items())
            ):
                parts[name] = (entry["key"], dict(files))
    except Exception:  # a list this version cannot read
        return {}
    return parts


def _copied(previous: Path | None, listed: tuple[str, dict[str, str]] | None, part: Part, target: Path) -> bool:
    """Copy the previous build's bundle of this part into ``target``, if it was made from the
    same pages and is still, file by file, what that build wrote; say whether it was. Nothing
    is read before the names match the list, and each file is checked as it is copied: a
    forged site costs a few reads, never the memory of its files."""
    if previous is None or listed is None or listed[0] != part.key:
        return False
    try:
        found = _bundle_listing(previous, bundle_folder(previous, part.name, part.main), part.main)
        if found is None or set(found) != set(listed[1]) or sum(found.values()) > BUNDLE_LIMIT:
            return False
        folder = bundle_folder(previous, part.name, part.main)
        for name in sorted(found):
            data = read_regular(folder / name, FILE_LIMIT)
            if data is None or _digest(data) != listed[1][name]:
                return False
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except OSError:  # a file name too long, a folder that cannot be entered: index it again
        return False
    return True


def _move_into(source: Path, target: Path) -> None:
    """Move a bundle made aside into its place in the site, beside anything already there."""
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        return
    shutil.copytree(source, target, dirs_exist_ok=True)
    shutil.rmtree(source)


PART_PAGES = 20_000
"""Pages a part of the index holds at least (but the newest), before the size doubles to keep
to at most ``MAX_PARTS`` parts. Every part adds about 20 to 40 KB per word to a query (a
Pagefind chunk holds 20,000 word positions, so a word's chunk is about that size in every
part): measured at 10,000 records, two parts of 5,000 pages made a first query 357 KB
instead of 258 KB, eleven yearly parts 661 KB. So a site of up to 20,000 dated pages keeps
one part, and larger sites get a few large ones, which bound Pagefind's memory (about 150 MB
per 1,000 pages) and the time to index a part again after an edit."""
MAX_PARTS = 4
TOGETHER_PAGES = 10_000
"""Parts larger than this are indexed one at a time, so that two Pagefinds do not need twice
the memory of a large part."""
PART_PAGES_ENV = "CIVIC_RECORD_SEARCH_PART_PAGES"


def part_pages() -> int:
    """``CIVIC_RECORD_SEARCH_PART_PAGES`` when set to a whole number from 1, else ``PART_PAGES``."""
    value = os.environ.get(PART_PAGES_ENV, "")
    return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else PART_PAGES


def group_years(counts: dict[str, int], pages: int, most: int | None = MAX_PARTS) -> list[list[str]]:
    """The years, oldest first, in runs of at least ``pages`` pages (``pages`` doubled until
    there are at most ``most`` runs, if given), the newest run open; one empty run without years.

    Runs are closed from the oldest year on, so that records added to recent years, the usual
    edit, leave the older runs as they were, and their parts can be copied."""
    size = pages
    while most is not None and sum(counts.values()) > size * most:
        size *= 2
    groups: list[list[str]] = [[]]
    held = 0
    for year in sorted(counts):
        if held >= size:
            groups.append([])
            held = 0
        groups[-1].append(year)
        held += counts[year]
    return groups


def index_parts(
    site: Path,
    pages: dict[str, Indexed],
    kept: Path,
    previous: Path | None,
    jobs: int,
    run: Runner,
    write: Writer,
    *,
    preview: bool = False,
) -> str:
    """Group the site's indexed ``pages`` by year into parts, index each (its pages written by
    ``write`` into a folder under ``kept``, then ``run``, Pagefind) or copy it from
    ``previous``, and write the list of parts for the browser and the list for the next build.
    Return what was done, as a sentence.

    ``preview``: a ``serve`` preview, whose search is not downloaded from afar: one part per
    year, so that an edit indexes its year's pages again, not the whole run's."""
    if not pages:  # nothing to index: Pagefind says so, as it always has
        kept.mkdir(exist_ok=True)
        run(kept, site / BUNDLE)
        return "no pages"
    by_year: dict[str, list[str]] = {}
    for relative in sorted(pages):
        by_year.setdefault(pages[relative].year, []).append(relative)
    undated = by_year.pop(UNDATED, [])
    counts = {year: len(relatives) for year, relatives in by_year.items()}
    groups = group_years(counts, 1, most=None) if preview else group_years(counts, part_pages())
    code = _code()
    parts = []
    for number, group in enumerate(groups):
        newest = number == len(groups) - 1
        name = (group[0] if len(group) == 1 else f"{group[0]}-{group[-1]}") if group else UNDATED
        relatives = sorted([page for year in group for page in by_year[year]] + (undated if newest else []))
        parts.append(_keyed(Part(name, relatives, newest), pages, code))
    listed = _previous_parts(previous)
    scratch = site / SCRATCH
    to_index: list[Part] = []
    outputs: dict[str, dict[str, str]] = {}
    copied = 0
    try:
        for part in parts:
            if not _copied(previous, listed.get(part.name), part, scratch / part.name):
                shutil.rmtree(scratch / part.name, ignore_errors=True)  # what was copied before a mismatch
                to_index.append(part)
                continue
            outputs[part.name] = dict(listed[part.name][1])
            copied += 1
        # Pagefind holds a part in memory while indexing it: about 150 MB per 1,000 pages.
        at_once = max(1, jobs) if all(part.count <= TOGETHER_PAGES for part in to_index) else 1

        def index(part: Part) -> None:
            folder = kept / f".part-{part.name}"
            write(site, part.pages, folder)
            run(folder, scratch / part.name)
            shutil.rmtree(folder, ignore_errors=True)

        with ThreadPoolExecutor(max_workers=at_once) as pool:
            list(pool.map(index, to_index))
        for part in to_index:
            if not part.main:
                _drop_script(scratch / part.name)
            outputs[part.name] = {name: _digest(_read(path)) for name, path in _walk(scratch / part.name)}
        for part in parts:
            _move_into(scratch / part.name, bundle_folder(site, part.name, part.main))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    others = [part.name for part in parts if not part.main]
    (site / BUNDLE / PARTS_FILE).write_text(
        json.dumps({"main": parts[-1].name, "parts": others}, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    entries = {part.name: {"key": part.key, "files": outputs[part.name]} for part in parts}
    (site / LIST_NAME).write_text(
        json.dumps({"format": FORMAT, "parts": entries}, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    count = sum(part.count for part in parts)
    indexed = len(to_index)
    spans = ", ".join(part.name for part in parts)
    return (
        f"{count:,} pages in {len(parts)} {'part' if len(parts) == 1 else 'parts'} by year ({spans}): "
        f"{indexed} indexed, {copied} copied unchanged from the previous build"
    )


SCRIPT = ("pagefind.js", "pagefind-worker.js")
"""What the browser loads from the main bundle only: a merged part needs its index, not
Pagefind's script or WebAssembly."""


def _drop_script(folder: Path) -> None:
    for path in folder.iterdir():
        if path.name in SCRIPT or (path.name.startswith("wasm.") and path.name.endswith(".pagefind")):
            path.unlink()

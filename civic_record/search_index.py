"""The site's search index: Pagefind, run over the built HTML.

Pagefind splits its index into small chunks, so a browser downloads only the parts a query
needs (we measured ~200-300 KB per query at 10,000 pages, against 48 MB for the
theme's lunr index). It reads only what ``partials/content.html`` marks with
``data-pagefind-body``: the page's own content, never the navigation, header or footer.
The binary ships in the pinned ``pagefind_bin`` wheel; nothing is downloaded at build time.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import cbor2
import pagefind_bin

from .search_parts import Indexed, index_parts, indexed_digest, input_bytes, marked_by_hand, part_of
from .site_folder import delete_tree

OUTPUT_SUBDIR = "pagefind"

INPUT_SUBDIR = ".civic-record-search"
"""Where the build writes, for Pagefind, the indexed part of each page of a part of the index
it makes again (removed once indexed).

Pagefind reads only the part of a page marked ``data-pagefind-body``, but parses the whole
page to find it: at 10,000 records, two thirds of the HTML it read were the theme's header,
navigation and footer. ``partials/content.html`` puts a comment before and after the marked
part, and Pagefind indexes these parts (with the page's language), written here. The index
is the same bytes (compared at 10,000 records), in about 40% less processor time.

As each page is written, only the year of its part and the digest of its indexed part are
kept (:func:`keep_for_index`): they say which parts of the index changed. The parts
themselves are written here, from the pages in the site, for the parts indexed again only:
a build in which no indexed page changed writes none (at 10,000 records, 10,000 files
written, read back, moved and removed before)."""

START = "<!-- search:start -->"
END = "<!-- search:end -->"
_LANGUAGE = re.compile(r'<html lang="([^"<>]*)"')

EXCLUDED = (
    ".headerlink",  # the "¶" permalink after each heading
    ".footnote-backref",
    ".confidence",  # the same sentence on every record of a confidence level
    ".confidence-tag",  # "Reported" beside every timeline entry: a filter and result metadata instead
    ".cite-this",  # citation boilerplate repeating the title and address
    ".follow",
    ".record-json",  # "This record as JSON" on every record page
    ".pager",
    ".record-meta",  # "Vote · May 29, 2025": each result shows its type and date already
    ".redline",  # a version page's redline repeats the previous version's words
    ".redline-legend",
    ".source-kind",
    "thead",  # column headings, run together with the caption in excerpts
)
"""Repeated boilerplate inside page content that would match every query."""


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries what it printed."""


def indexed_part(page: str) -> str | None:
    """What Pagefind needs of a page: its language and the part marked for the index, as a
    page of its own; None when nothing in it is indexed."""
    start = page.find(START)
    end = page.rfind(END)
    if start < 0 or end < start:
        return None
    language = _LANGUAGE.search(page, 0, start)
    lang = f' lang="{language.group(1)}"' if language else ""
    body = page[start + len(START) : end]
    return f'<!doctype html><html{lang}><head><meta charset="utf-8"></head><body>{body}</body></html>\n'


_KEPT: dict[str, Indexed] = {}
"""The pages written so far in this build, by their path in the site (``keep_for_index``)."""


def keep_for_index(dest_uri: str, page: str) -> None:
    """Note the part of the index, and the digest of the indexed part, of the page about to be
    written at ``dest_uri`` in the site."""
    part = indexed_part(page)
    if part is None:
        _KEPT.pop(dest_uri, None)
        return
    _KEPT[dest_uri] = Indexed(part_of(part), indexed_digest(part))


def take_kept() -> dict[str, Indexed]:
    """The pages noted so far, let go here (a worker sends them to the build's process)."""
    taken = dict(_KEPT)
    _KEPT.clear()
    return taken


def add_kept(kept: dict[str, Indexed]) -> None:
    """Note pages a worker wrote."""
    _KEPT.update(kept)


def forget_kept() -> None:
    """A new build starts: the pages noted for the last one are let go."""
    _KEPT.clear()


def _search_input(page: str) -> str | None:
    """What Pagefind indexes of a page of the site: its marked part (as a page of its own), or
    the whole page when it was marked by hand outside our templates; None: nothing."""
    part = indexed_part(page)
    if part is None and marked_by_hand(page):
        return page  # Pagefind reads the whole file, as it would have
    return part


def _complete_input(site_dir: Path, pages: dict[str, Indexed]) -> None:
    """Add what Pagefind would index of the site's other HTML files (pages written without
    the plugin, HTML files copied from ``docs/``)."""
    for folder, subfolders, names in os.walk(site_dir):
        here = Path(folder)
        if here == site_dir:
            subfolders[:] = [name for name in subfolders if name not in (INPUT_SUBDIR, OUTPUT_SUBDIR)]
        for name in names:
            if not name.endswith(".html"):
                continue
            relative = (here / name).relative_to(site_dir).as_posix()
            if relative in pages:
                continue
            part = _search_input((here / name).read_text(encoding="utf-8", errors="surrogateescape"))
            if part is not None:
                pages[relative] = Indexed(part_of(part), indexed_digest(part))


def write_input(site_dir: Path, relatives: list[str], folder: Path) -> None:
    """Write into ``folder`` what Pagefind indexes of each of these pages of the site, each at
    its path in the site."""
    folder.mkdir(parents=True, exist_ok=True)
    made: set[Path] = {folder}
    for relative in relatives:
        page = (site_dir / relative).read_text(encoding="utf-8", errors="surrogateescape")
        part = _search_input(page)
        if part is None:  # changed since it was noted: a plugin's or hook's on_post_page
            raise SearchIndexError(f"{relative}: the page written has no part for the search index any more")
        target = folder / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(input_bytes(part))


def index_site(site_dir: Path, previous: Path | None = None, jobs: int = 1, *, preview: bool = False) -> str:
    """Write the search index into ``site_dir/pagefind/``, one Pagefind index per part
    (``search_parts``); a part whose pages are the same as in the site ``previous`` built is
    copied from it. ``preview``: a ``serve`` preview, indexed one part per year. Return what
    was indexed, as a sentence."""
    kept = site_dir / INPUT_SUBDIR
    pages = take_kept()
    try:
        _complete_input(site_dir, pages)
        return index_parts(site_dir, pages, kept, previous, jobs, run_pagefind, write_input, preview=preview)
    finally:
        delete_tree(kept)


def run_pagefind(pages: Path, output: Path) -> str:
    """Index the pages under ``pages`` into the bundle folder ``output``; Pagefind's summary."""
    command = [
        str(pagefind_bin.get_executable()),
        "--site",
        str(pages),
        "--output-path",
        str(output.resolve()),
        "--exclude-selectors",
        ", ".join(EXCLUDED),
    ]
    # Pagefind also reads PAGEFIND_* variables and a pagefind.{json,toml,yml,yaml} file in
    # the folder it runs in: neither may change an index that a later build copies as made by
    # these options alone (search_parts), so it runs without them, in the folder of its pages.
    environment = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND_")}
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, env=environment, cwd=pages)
    except OSError as error:
        raise SearchIndexError(f"could not run Pagefind ({command[0]}): {error}") from error
    if result.returncode != 0:
        output_text = (result.stderr or result.stdout).strip()
        raise SearchIndexError(f"Pagefind failed with exit code {result.returncode}:\n{output_text}")
    _remove_unused_bundles(output)
    _make_deterministic(output)
    return _summary(result.stdout)


UNUSED_BUNDLES = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces: the site has its own (docs/javascripts/search.js)."""


def _remove_unused_bundles(bundle: Path) -> None:
    for pattern in UNUSED_BUNDLES:
        for path in bundle.glob(pattern):
            path.unlink()


def _summary(output: str) -> str:
    lines = [line.strip() for line in output.splitlines()]
    counts = [line for line in lines if line.startswith("Indexed ")]
    return ", ".join(line[len("Indexed ") :] for line in counts)


# Pagefind writes its filter files from a hash map, so two runs on the same pages list the
# values of a filter in different orders, under different file names (Pagefind issue 638).
# The same records must build the same bytes: the values are put in order here, and the
# files that name them (the language's metadata, the entry file) are rewritten to match.
# The files are CBOR after a "pagefind_dcd" marker, gzipped; names are content hashes.

MARKER = b"pagefind_dcd"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MARKER):
        raise SearchIndexError(f"{path} is not a Pagefind {OUTPUT_SUBDIR} file this version of civic-record knows")
    return cbor2.loads(data[len(MARKER) :])


def _write(folder: Path, prefix: str, suffix: str, digits: int, value: Any) -> str:
    """Write ``value`` under a name made from its content; return the name's hash part."""
    data = MARKER + cbor2.dumps(value)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


def _make_deterministic(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        old_meta = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(old_meta)
        filters = meta[3]  # [[filter name, file hash], ...]
        renamed = []
        for name, file_hash in sorted(filters):
            old_filter = bundle / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = _read(old_filter)
            old_filter.unlink()
            prefix = file_hash.rsplit("_", 1)[0]
            renamed.append([name, _write(bundle / "filter", prefix, ".pf_filter", 7, [filter_name, sorted(values)])])
        meta[3] = renamed
        old_meta.unlink()
        prefix = language["hash"].rsplit("_", 1)[0]
        language["hash"] = _write(bundle, f"pagefind.{prefix}", ".pf_meta", 10, meta).removeprefix("pagefind.")
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

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
import subprocess
from pathlib import Path
from typing import Any

import cbor2
import pagefind_bin

OUTPUT_SUBDIR = "pagefind"

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


def index_site(site_dir: Path) -> str:
    """Write ``site_dir/pagefind/``; return Pagefind's summary (pages, words, filters)."""
    command = [
        str(pagefind_bin.get_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        OUTPUT_SUBDIR,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(f"could not run Pagefind ({command[0]}): {error}") from error
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise SearchIndexError(f"Pagefind failed with exit code {result.returncode}:\n{output}")
    bundle = site_dir / OUTPUT_SUBDIR
    _remove_unused_bundles(bundle)
    _make_deterministic(bundle)
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

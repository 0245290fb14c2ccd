"""Incremental builds: a record's page whose inputs did not change is copied from the
previous build instead of rendered again.

A page of one record is rendered from its Markdown and metadata (made from the records each
build) and from what every page shares: the configuration, the navigation, the theme's
templates, the plugins and hooks, the versions of Python and of every installed library, and
this tool's code. The shared part is one digest, the *fingerprint*; each page's *key* is the
digest of the fingerprint, its path, its Markdown and its metadata.

The build writes into the site ``.civic-record-pages.json``: each page's path, its key and
the digest of the HTML written for it (nothing the pages do not publish already). The next
build makes every page's Markdown again (that is what tells whether a page changed); where
the key is the same and the site's file is still a regular file with that digest, the file
is copied instead of rendered: the same bytes a full build would write. A page edited in the
site no longer has the digest and is rendered again. Anything else (no list, ``--full``, a
different key, a file missing or not regular, a list that cannot be read) renders the page.

The list also keeps what each page read of the corpus and the digest of it
(``page_reads``): where those reads give the same digest on the new corpus, the page is copied
without its Markdown being made at all.

The list is as trustworthy as the site folder it sits in: someone who can change both a page
and the list there can make the next build keep that page. A site restored from somewhere
less trusted than the records (a cache, a copy from the web server) is rebuilt with
``--full``.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import stat
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation

MANIFEST_NAME = ".civic-record-pages.json"
FORMAT = 3
"""The list's format: a list of another format is not read (every page is rendered)."""

ENVIRONMENT = ("SOURCE_DATE_EPOCH", "CIVIC_RECORD_TODAY")
"""The variables MkDocs or the generators read while rendering."""

PAGE_LIMIT = 256 * 2**20
"""A previous page larger than this is rendered again rather than read."""
MANIFEST_LIMIT = 1024 * 2**20


def _digest(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text).hexdigest()


def _plain(value: Any) -> Any:
    """A configuration value as JSON: mappings and sequences kept, objects by their type and
    their own settings where they have them."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    config = getattr(value, "config", None)
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    return {"type": kind, "config": _plain(dict(config))} if isinstance(config, Mapping) else {"type": kind}


def _folder_state(folder: Path, contents: bool) -> str:
    """Every file under ``folder``, through symbolic links (each folder once): its path, size
    and modification time, and with ``contents`` the digest of what it holds."""
    entries: list[object] = []
    seen: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:  # a link back up the tree
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            try:
                info = path.stat()
                content = _digest(path.read_bytes()) if contents and stat.S_ISREG(info.st_mode) else ""
            except OSError:
                entries.append([str(path.relative_to(folder)), "unreadable"])
                continue
            entries.append([str(path.relative_to(folder)), info.st_size, info.st_mtime_ns, content])
    return _digest(json.dumps(entries))


def _source(value: object) -> str:
    """The digest of the source file of a plugin's (or a hook's) module."""
    module = value if type(value).__name__ == "module" else sys.modules.get(type(value).__module__)
    path = getattr(module, "__file__", None)
    if not path:
        return "no source"
    try:
        return _digest(Path(path).read_bytes())
    except OSError:
        return "unreadable"


def _nav_items(items: Iterable[Any]) -> list[Any]:
    """The navigation as every page prints it: each item's kind, title, address, metadata (the
    theme prints a page's icon, subtitle and status) and children."""
    return [
        [
            type(item).__name__,
            str(item.title),
            getattr(item, "url", None),
            _plain(getattr(item, "meta", None)),
            _nav_items(getattr(item, "children", None) or []),
        ]
        for item in items
    ]


def fingerprint(config: MkDocsConfig, nav: Navigation) -> str:
    """What every page of one record shares, as one digest."""
    settings = {key: value for key, value in config.items() if key not in {"site_dir", "theme", "plugins"}}
    theme = config.theme
    custom = os.path.realpath(theme.custom_dir) if theme.custom_dir else None
    libraries = sorted([str(dist.metadata["Name"] or ""), dist.version] for dist in importlib.metadata.distributions())
    parts = {
        "format": FORMAT,
        "python": sys.version,
        "libraries": libraries,
        "code": _folder_state(Path(__file__).parent, contents=True),
        "config": _plain(settings),
        "plugins": [[name, _plain(plugin), _source(plugin)] for name, plugin in config.plugins.items()],
        "theme": {
            "name": theme.name,
            "settings": _plain(dict(theme)),
            # the site's own templates by content; the installed theme's by path, size and time
            "dirs": [_folder_state(Path(d), contents=os.path.realpath(d) == custom) for d in theme.dirs],
        },
        "nav": _nav_items(nav.items),
        "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
    }
    return _digest(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=repr))


def page_key(fingerprint: str, src: str, markdown: str, meta: Mapping[str, object]) -> str:
    """The digest of everything one page's HTML is made from."""
    return _digest(json.dumps([fingerprint, src, markdown, meta], sort_keys=True, ensure_ascii=False, default=repr))


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` if it is a regular file (not a link, pipe or device) of at most
    ``limit`` bytes; else None."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks) if size <= limit else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


@dataclass(frozen=True)
class Copy:
    """A page of the previous build, read and found intact."""

    data: bytes

    def place(self, destination: Path) -> None:
        """Write the page at ``destination``: its bytes, in a file of its own. (Not a hard link
        to the previous site's file: MkDocs writes some files into the staging folder in place,
        and a link would let such a write change the published site before, or without, the
        swap.)"""
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(self.data)


@dataclass(frozen=True)
class PageEntry:
    """What the list keeps of one page."""

    key: str
    """``page_key``: the digest of the page's Markdown and metadata, with the fingerprint."""
    output: str
    """The digest of the HTML file written."""
    reads_key: str = ""
    """``page_reads.reads_key`` of the reads below ("" when they could not be noted)."""
    lastmod: str | None = None
    """The page's date, which the sitemap prints."""
    reads: list[list[str | int | None]] | None = None
    numbers: tuple[int, ...] | None = None
    """For an entry of the previous build's list: its reads by number in that list's table."""


def _entry(value: object, table: list[Any]) -> PageEntry | None:
    """One page's entry as the list holds it (its reads by number in ``table``), or None if
    it is not one."""
    if not isinstance(value, list) or len(value) != 5:
        return None
    key, output, reads_key, lastmod, numbers = value
    if not all(isinstance(part, str) for part in (key, output, reads_key)):
        return None
    if lastmod is not None and not isinstance(lastmod, str):
        return None
    if numbers is None:
        return PageEntry(key, output, "", lastmod, None)
    reads = listed_reads(numbers, table)
    if reads is None:
        return None
    return PageEntry(key, output, reads_key, lastmod, reads, tuple(numbers))


def listed_reads(numbers: object, table: list[Any]) -> list[Any] | None:
    """The reads a list names by number in its ``table``, or None if ``numbers`` is not a list
    of numbers of reads in it."""
    if not isinstance(numbers, list):
        return None
    reads = []
    for number in numbers:
        if type(number) is not int or not 0 <= number < len(table) or not isinstance(table[number], list):
            return None
        reads.append(table[number])
    return reads


def numbered_reads(
    entries: Iterable[tuple[tuple[int, ...] | None, list[Any] | None]], table: list[Any] | None
) -> tuple[list[list[Any]], list[list[int] | None]]:
    """One table of the reads of ``entries`` (each read once, in order of first use) and each
    entry's reads by number in it. An entry copied from the previous list gives its numbers in
    that list's ``table``, another its reads; one with neither has no numbers (None)."""
    numbers: dict[tuple[Any, ...], int] = {}
    renumbered: dict[int, int] = {}  # a read of the previous list: its number in this one

    def renumber(number: int) -> int:
        found = renumbered.get(number)
        if found is None:
            assert table is not None
            found = renumbered[number] = numbers.setdefault(tuple(table[number]), len(numbers))
        return found

    indexes: list[list[int] | None] = []
    for previous, reads in entries:
        if previous is not None and table is not None:
            indexes.append([renumber(number) for number in previous])
        elif reads is not None:
            indexes.append([numbers.setdefault(tuple(read), len(numbers)) for read in reads])
        else:
            indexes.append(None)
    return [list(read) for read in numbers], indexes


@dataclass
class Previous:
    """The previous build's pages, as its list says."""

    folder: Path | None = None
    pages: dict[str, PageEntry] = field(default_factory=dict)
    table: list[Any] = field(default_factory=list)
    """Every read of the list, once; entries name theirs by number."""

    def intact(self, src: str, dest_uri: str) -> Copy | None:
        """The previous build's HTML for this page if the file is still, byte for byte, what
        that build wrote; else None."""
        entry = self.pages.get(src)
        if self.folder is None or entry is None:
            return None
        data = read_regular(self.folder / dest_uri, PAGE_LIMIT)
        if data is None or _digest(data) != entry.output:
            return None
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return Copy(data)

    def reuse(self, src: str, key: str, dest_uri: str) -> Copy | None:
        """The previous build's HTML for this page, if its key is the same and the file is
        still, byte for byte, what that build wrote; else None."""
        entry = self.pages.get(src)
        if entry is None or entry.key != key:
            return None
        return self.intact(src, dest_uri)


def manifest_path(site: Path) -> Path:
    """Where the list of a site's pages is kept."""
    return site / MANIFEST_NAME


def load_previous(site: Path | None) -> Previous:
    """The pages of ``site`` as its list says; none when there is no list or it cannot be read
    as this version writes it."""
    if site is None:
        return Previous()
    data = read_regular(manifest_path(site), MANIFEST_LIMIT)
    if data is None:
        return Previous()
    try:
        manifest = json.loads(data.decode("utf-8"))
        if manifest.get("format") != FORMAT or not isinstance(manifest.get("pages"), dict):
            return Previous()
        reads = manifest.get("reads")
        if not isinstance(reads, list):
            return Previous()
        pages = {src: entry for src, value in manifest["pages"].items() if (entry := _entry(value, reads)) is not None}
    except Exception:  # a list this version cannot read (even nested past the recursion limit)
        return Previous()
    return Previous(site, pages, reads)


def output_digest(data: bytes) -> str:
    return _digest(data)


def write_manifest(site_dir: Path, pages: Mapping[str, PageEntry], table: list[Any] | None = None) -> None:
    """Write the list of the pages of the site being built (in its staging folder). ``table``:
    the previous list's reads, which the entries copied from it name by number."""
    srcs = sorted(pages)
    reads, indexes = numbered_reads([(pages[src].numbers, pages[src].reads) for src in srcs], table)
    listed: dict[str, list[object]] = {}
    for src, numbers in zip(srcs, indexes, strict=True):
        entry = pages[src]
        listed[src] = [entry.key, entry.output, entry.reads_key, entry.lastmod, numbers]
    data = {"format": FORMAT, "reads": reads, "pages": listed}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (site_dir / MANIFEST_NAME).write_text(text + "\n", encoding="utf-8")

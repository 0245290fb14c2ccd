"""Incremental builds: a record's page whose inputs did not change is copied from the
previous build instead of rendered again.

A page of one record is rendered from its Markdown and metadata (made from the records each
build) and from what every page shares: the configuration, the navigation, the theme's
templates, the versions of MkDocs, the theme and the libraries, and this tool's code. The
shared part is one digest, the *fingerprint*; each page's *key* is the digest of the
fingerprint, its path, its Markdown and its metadata. The build writes, beside the site,
``.civic-record-pages.json``: each page's key and the digest of the HTML written for it.
The next build makes every page's Markdown again (that is what tells whether a page
changed), and where the key is the same and the previous site's file still has the same
digest, it copies that file instead of rendering the page: the same bytes a full build would
write. Anything else (no previous site, ``--full``, a different key, a file edited or missing,
an unreadable list) renders the page.

What the list holds: page paths and digests, nothing of the records that the site does not
publish already.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation

MANIFEST_NAME = ".civic-record-pages.json"
FORMAT = 1
"""The list's format: a list of another format is not read (every page is rendered)."""

LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "markupsafe", "pymdown-extensions", "nh3", "pydantic")
"""The libraries whose versions a page's HTML depends on."""

ENVIRONMENT = ("SOURCE_DATE_EPOCH", "CIVIC_RECORD_TODAY")
"""The variables MkDocs or the generators read while rendering."""


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


def _folder_state(folder: Path) -> str:
    """Every file under ``folder``: its path, size and modification time, and the contents of
    the small ones (templates edited by hand change even within one clock tick)."""
    entries = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            try:
                stat = path.stat()
            except OSError:
                continue
            content = ""
            if stat.st_size <= 64 * 1024 and path.suffix in {".html", ".xml", ".py", ".yml", ".yaml", ".css", ".js"}:
                try:
                    content = _digest(path.read_bytes())
                except OSError:
                    content = "unreadable"
            entries.append([str(path.relative_to(folder)), stat.st_size, stat.st_mtime_ns, content])
    return _digest(json.dumps(entries))


def _nav_items(items: Iterable[Any]) -> list[Any]:
    """The navigation as every page prints it: each item's kind, title, address and children."""
    return [
        [
            type(item).__name__,
            str(item.title),
            getattr(item, "url", None),
            _nav_items(getattr(item, "children", None) or []),
        ]
        for item in items
    ]


def fingerprint(config: MkDocsConfig, nav: Navigation) -> str:
    """What every page of one record shares, as one digest."""
    settings = {key: value for key, value in config.items() if key not in {"site_dir", "theme", "plugins"}}
    theme = config.theme
    parts = {
        "format": FORMAT,
        "libraries": {name: _version(name) for name in LIBRARIES},
        "code": _folder_state(Path(__file__).parent),
        "config": _plain(settings),
        "plugins": {name: _plain(plugin) for name, plugin in config.plugins.items()},
        "theme": {
            "name": theme.name,
            "settings": _plain(dict(theme)),
            "dirs": [_folder_state(Path(folder)) for folder in theme.dirs],
        },
        "nav": _nav_items(nav.items),
        "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
    }
    return _digest(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=repr))


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def page_key(fingerprint: str, src: str, markdown: str, meta: Mapping[str, object]) -> str:
    """The digest of everything one page's HTML is made from."""
    return _digest(json.dumps([fingerprint, src, markdown, meta], sort_keys=True, ensure_ascii=False, default=repr))


@dataclass
class Previous:
    """The previous build's pages, as its list says."""

    folder: Path | None = None
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Source path -> (key, digest of the HTML file written)."""

    def reuse(self, src: str, key: str, dest_uri: str) -> bytes | None:
        """The previous build's HTML for this page, if its key is the same and the file is
        still what that build wrote; else None."""
        entry = self.pages.get(src)
        if self.folder is None or entry is None or entry[0] != key:
            return None
        try:
            data = (self.folder / dest_uri).read_bytes()
        except OSError:
            return None
        return data if _digest(data) == entry[1] else None


def load_previous(site: Path | None) -> Previous:
    """The list in ``site`` (a site this tool built); an empty one when there is none or it
    cannot be read as this version writes it."""
    if site is None:
        return Previous()
    try:
        data = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or not isinstance(data.get("pages"), dict):
            return Previous()
        pages = {
            str(src): (str(entry[0]), str(entry[1]))
            for src, entry in data["pages"].items()
            if isinstance(entry, list) and len(entry) == 2
        }
    except (OSError, ValueError, AttributeError, TypeError):
        return Previous()
    return Previous(site, pages)


def output_digest(data: bytes) -> str:
    return _digest(data)


def write_manifest(site_dir: Path, pages: Mapping[str, tuple[str, str]]) -> None:
    """The list the next build reads, in the order of the pages' paths."""
    data = {"format": FORMAT, "pages": {src: list(pages[src]) for src in sorted(pages)}}
    (site_dir / MANIFEST_NAME).write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")

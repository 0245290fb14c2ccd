"""Reading built HTML pages the way a test needs: links, elements by class, text."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.stack: list[tuple[str, set[str]]] = []
        self.texts_by_class: dict[str, list[str]] = {}
        self.times_by_class: dict[str, list[str]] = {}
        self.items_by_class: dict[str, int] = {}
        self.rows: list[tuple[set[str], list[str]]] = []
        self._table_classes: list[set[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        classes = set((attributes.get("class") or "").split())
        if tag == "li" and self.stack:
            for cls in self.stack[-1][1]:
                self.items_by_class[cls] = self.items_by_class.get(cls, 0) + 1
        if tag == "time":
            for _, open_classes in self.stack:
                for cls in open_classes:
                    self.times_by_class.setdefault(cls, []).append(attributes.get("datetime") or "")
        if tag == "table":
            self._table_classes.append(classes)
        elif tag == "tr" and self._table_classes:
            self.rows.append((self._table_classes[-1], []))
        elif tag in {"td", "th"} and self.rows:
            self._cell = []
        if tag not in {"br", "hr", "img", "meta", "link", "input"}:
            self.stack.append((tag, classes))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None and self.rows:
            self.rows[-1][1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._table_classes:
            self._table_classes.pop()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        for _, classes in self.stack:
            for cls in classes:
                self.texts_by_class.setdefault(cls, []).append(data)


class BuiltPage:
    def __init__(self, site: Path, path: Path) -> None:
        self.site = site
        self.path = path
        self.html = path.read_text(encoding="utf-8")
        self._c = _Collector()
        self._c.feed(self.html)

    @property
    def links(self) -> list[str]:
        return self._c.links

    def text_of(self, css_class: str) -> str:
        return " ".join("".join(self._c.texts_by_class.get(css_class, [])).split())

    def times_in(self, css_class: str) -> list[str]:
        return self._c.times_by_class.get(css_class, [])

    def items_in(self, css_class: str) -> int:
        """How many <li> open directly inside an element with this class."""
        return self._c.items_by_class.get(css_class, 0)

    def table_rows(self, css_class: str | None = None) -> list[list[str]]:
        """Body and header rows of every table (with that class), each as its cells' text."""
        return [cells for classes, cells in self._c.rows if css_class is None or css_class in classes]

    def local_targets(self) -> list[tuple[str, Path]]:
        """Each site-internal link with the file it resolves to (which may not exist)."""
        found = []
        base = self.path.parent
        for href in self.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("#") or href.startswith("mailto:"):
                continue
            if parts.path.startswith("/"):  # only the 404 page, which MkDocs roots at site_url
                target = self.site / unquote(parts.path).lstrip("/")
            else:
                target = (base / unquote(parts.path)) if parts.path else self.path
            target = Path(posixpath.normpath(target.as_posix()))
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            found.append((href, target))
        return found


def page(site: Path, url_path: str) -> BuiltPage:
    path = site / url_path.strip("/") / "index.html" if url_path.strip("/") else site / "index.html"
    return BuiltPage(site, path)


def all_pages(site: Path) -> list[BuiltPage]:
    return [BuiltPage(site, p) for p in sorted(site.rglob("*.html"))]

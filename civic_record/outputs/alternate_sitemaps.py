"""A small sitemap in each folder of files that pages name in ``<link rel="alternate">``.

mkdocs-material fetches ``sitemap.xml`` relative to every ``<link rel="alternate">`` of a page
(it uses them for language versions): the feeds a page follows and a record page's JSON twin.
So each folder holding feeds or twins gets a sitemap of those files: the theme's request then
finds a real file instead of a 404, and crawlers a list.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable
from xml.sax.saxutils import escape

from ..addresses import sitemap_path
from ..site import Site


def alternate_sitemaps(site: Site, paths: Iterable[str]) -> dict[str, str]:
    """A sitemap of the files at ``paths`` (site paths), one per folder, keyed by its own path."""
    folders: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        folders[posixpath.dirname(path)].append(path)
    sitemaps = {}
    for folder, listed in sorted(folders.items()):
        urls = "".join(f"<url><loc>{escape(site.file_url(p))}</loc></url>" for p in sorted(listed))
        sitemaps[sitemap_path(folder)] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
        )
    return sitemaps

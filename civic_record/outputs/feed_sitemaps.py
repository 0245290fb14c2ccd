"""A small sitemap in each feed folder.

mkdocs-material fetches ``sitemap.xml`` relative to every ``<link rel="alternate">`` of a page
(it uses them for language versions), so each folder holding feeds gets a sitemap of its
feeds: the theme's request then finds a real file instead of a 404, and crawlers a list.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from xml.sax.saxutils import escape

from ..pages.site import Site


def feed_sitemaps(site: Site, feed_paths: list[str]) -> dict[str, str]:
    folders: dict[str, list[str]] = defaultdict(list)
    for path in feed_paths:
        folders[posixpath.dirname(path)].append(path)
    base = site.site_url.rstrip("/") + "/" if site.site_url else "/"
    sitemaps = {}
    for folder, paths in sorted(folders.items()):
        urls = "".join(f"<url><loc>{escape(base + p)}</loc></url>" for p in sorted(paths))
        sitemaps[f"{folder}/sitemap.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
        )
    return sitemaps

"""Outputs beside the pages: feeds, open data, calendars. Pure functions of the corpus.

Below ``pages/``: nothing here imports a page module (addresses and the site come from
``civic_record.addresses`` and ``civic_record.site``).
"""

from __future__ import annotations

from ..addresses import json_twin
from ..site import Site
from .alternate_sitemaps import alternate_sitemaps
from .calendars import generate_calendars
from .data import generate_data
from .data_json import TwinSource
from .feeds import generate_feeds


def generate_outputs(site: Site, twins: TwinSource | None = None) -> dict[str, str]:
    """Every output file, keyed by its path in the site (``twins``: where the JSON twins'
    texts come from, ``data_json.generate_json``)."""
    outputs: dict[str, str] = {}
    feeds = generate_feeds(site)
    # The files record pages name in <link rel="alternate">: their feeds and their JSON twins.
    alternates = [*feeds, *(json_twin(record) for record in site.corpus.records.values())]
    for part in (feeds, alternate_sitemaps(site, alternates), generate_calendars(site), generate_data(site, twins)):
        outputs.update(part)
    return dict(sorted(outputs.items()))

"""Open data: every record as JSON beside its page, bulk downloads as JSON and CSV, and the
record schema. The JSON is made in ``data_json.py``, the CSV in ``data_csv.py``; the "Data"
page (docs/data.md) describes both.
"""

from __future__ import annotations

from ..site import Site
from .data_csv import generate_csv
from .data_json import TwinSource, generate_json


def generate_data(site: Site, twins: TwinSource | None = None) -> dict[str, str]:
    """Every data file, keyed by its path in the site (``twins``: see ``generate_json``)."""
    return dict(sorted({**generate_json(site, twins), **generate_csv(site)}.items()))

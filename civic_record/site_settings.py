"""``site.yml``: settings that travel with a records folder (name, city, notice, licence).

A city's records and the name they are published under belong together: with this file,
``build_site.py build --records their/records`` titles the site right without editing
``mkdocs.yml``. Every field is optional; a field given here wins over ``mkdocs.yml``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .problems import Problems, display_path
from .schema_errors import report_validation_error
from .yaml_reader import read_yaml

SETTINGS_FILE = "site.yml"


class SiteSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    site_name: str | None = None
    city: str | None = None
    notice: str | None = None
    """A line shown at the top of every page, e.g. "Fictional demonstration data"."""
    licence: str | None = None
    licence_url: str | None = None
    contact: str | None = None


def load_site_settings(records_dir: Path, problems: Problems) -> SiteSettings:
    """The folder's ``site.yml``, or empty settings when there is none (or it has errors)."""
    path = records_dir / SETTINGS_FILE
    if not path.is_file():
        return SiteSettings()
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.error(shown, 1, 1, "site.unreadable", f"site.yml cannot be read: {exc}", "save it as UTF-8 text")
        return SiteSettings()
    document = read_yaml(text)
    for p in document.problems:
        problems.error(shown, p.line, p.column, p.code, p.message, p.hint)
    if document.problems:
        return SiteSettings()
    if document.value is None:
        return SiteSettings()
    if not isinstance(document.value, dict):
        problems.error(shown, 1, 1, "file.not-a-mapping", "site.yml must be 'name: value' lines (a YAML mapping)")
        return SiteSettings()
    try:
        return SiteSettings.model_validate(document.value)
    except ValidationError as exc:
        report_validation_error(exc, "site.yml", shown, document.positions, problems)
        return SiteSettings()

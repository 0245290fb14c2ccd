"""``site.yml``: settings that travel with a records folder (name, city, notice, licence).

A city's records and the name they are published under belong together: with this file,
``build_site.py build --records their/records`` titles the site right without editing
``mkdocs.yml``. Every field is optional; a field given here wins over ``mkdocs.yml``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from .models import Line, plain_text_error
from .problems import Problems, display_path
from .schema_errors import report_validation_error
from .yaml_reader import read_yaml

SETTINGS_FILE = "site.yml"
LINK_URL = re.compile(r"^(?:https?://[^\s/]+|mailto:[^\s@]+@[^\s@]+)", re.IGNORECASE)
"""The links a site setting may publish: a web address or an e-mail address."""


def _link_url(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        if not LINK_URL.match(value) or re.search(r"\s", value) or plain_text_error(value, one_line=True):
            raise PydanticCustomError(
                "url.not-http",
                "'{url}' is not a web or e-mail address; only https://, http:// and mailto: links are published",
                {"url": value[:80]},
            )
    return value


LinkUrl = Annotated[str, BeforeValidator(_link_url)]


class SiteSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    site_name: Line | None = None
    city: Line | None = None
    notice: Line | None = None
    """A line shown at the top of every page, e.g. "Fictional demonstration data"."""
    licence: Line | None = None
    licence_url: LinkUrl | None = None
    contact: Line | None = None


def load_site_settings(records_dir: Path, problems: Problems) -> SiteSettings:
    """The folder's ``site.yml``, or empty settings when there is none (or it has errors)."""
    from .loading import MAX_FILE_BYTES, UnreadableFile, read_regular_file  # loading imports this module

    path = records_dir / SETTINGS_FILE
    if not path.is_file():
        return SiteSettings()
    if path.is_symlink() and not path.resolve().is_relative_to(records_dir.resolve()):
        return SiteSettings()  # a link out of the folder: reported by the loader, never read
    shown = display_path(path)
    try:
        text = read_regular_file(path, MAX_FILE_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, UnreadableFile) as exc:
        reason = "it is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else "it is not a regular text file"
        if isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
        problems.error(shown, 1, 1, "site.unreadable", f"site.yml cannot be read: {reason}", "save it as UTF-8 text")
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

"""``site.yml``: settings that travel with a records folder (name, city, notice, licence).

A city's records and the name they are published under belong together: with this file,
``build_site.py build --records their/records`` titles the site right without editing
``mkdocs.yml``. Every field is optional; a field given here wins over ``mkdocs.yml``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from .models import Line, plain_text_error
from .problem_codes import Code
from .problems import Problems, display_path
from .schema_errors import report_validation_error
from .vocabulary import Requirement
from .yaml_reader import read_yaml

SETTINGS_FILE = "site.yml"
LINK_URL = re.compile(r"^(?:https?://[^\s/]+|mailto:[^\s@]+@[^\s@]+)", re.IGNORECASE)
"""The links a site setting may publish: a web address or an e-mail address."""


def _link_url(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        if not LINK_URL.match(value) or re.search(r"\s", value) or plain_text_error(value, one_line=True):
            raise PydanticCustomError(
                Code.URL_NOT_HTTP,
                "'{url}' is not a web or e-mail address; only https://, http:// and mailto: links are published",
                {"url": value[:80]},
            )
    return value


LinkUrl = Annotated[str, BeforeValidator(_link_url)]

EMAIL = re.compile(r"^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$")


def _corrections(value: object) -> object:
    """An https:// address, an e-mail address, or one sentence saying how to send a correction."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if error := plain_text_error(text, one_line=True):
        raise error
    looks_like_link = re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE) and " " not in text
    if looks_like_link and not LINK_URL.match(text):
        raise PydanticCustomError(
            Code.URL_NOT_HTTP,
            "'{url}' is not a web or e-mail address; only https://, http:// and mailto: links are published",
            {"url": text[:80]},
        )
    return text


def corrections_link(value: str) -> str | None:
    """Where the corrections setting links to: the address itself, or ``mailto:`` an e-mail."""
    if LINK_URL.match(value) and not re.search(r"\s", value):
        return value
    if EMAIL.match(value):
        return f"mailto:{value}"
    return None


SITE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%!$&*+,;=:@/-]*)?$")
"""A site's published address: a host (and port), then a path of the characters an address may
hold unescaped, less quotes, brackets and braces. MkDocs and the theme print this value in
attributes and scripts without escaping it, so nothing else may reach them."""


def _site_url(value: object) -> object:
    if isinstance(value, str):
        text = value.strip()
        if error := plain_text_error(text, one_line=True):
            raise error
        if not SITE_URL.match(text):
            raise PydanticCustomError(
                Code.URL_NOT_HTTP,
                "'{url}' is not a plain web address (https://host/path/, without quotes, spaces, brackets, "
                "a query or a fragment)",
                {"url": text[:80]},
            )
        return text if text.endswith("/") else text + "/"
    return value


def _timezone(value: object) -> object:
    if isinstance(value, str):
        text = value.strip()
        if not _is_zone(text):
            raise PydanticCustomError(
                Code.SITE_UNKNOWN_TIMEZONE,
                "'{zone}' is not a time zone of the IANA database",
                {"zone": text[:80]},
            )
        return text
    return value


def _is_zone(name: str) -> bool:
    if not re.match(r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$", name):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _identifier_link(value: object) -> object:
    if isinstance(value, str):
        text = value.strip()
        if "{id}" not in text:
            raise PydanticCustomError(
                Code.SITE_IDENTIFIER_LINK_WITHOUT_ID,
                "the address '{url}' has no '{placeholder}' where the identifier goes",
                {"url": text[:80], "placeholder": "{id}"},
            )
        if text.replace("{id}", "").count("{") or text.replace("{id}", "").count("}"):
            raise PydanticCustomError(
                Code.SITE_IDENTIFIER_LINK_WITHOUT_ID,
                "the address '{url}' has braces other than '{placeholder}'",
                {"url": text[:80], "placeholder": "{id}"},
            )
        _link_url(text.replace("{id}", "0"))
        host_end = text.find("/", text.find("://") + 3) if "://" in text else -1
        if host_end == -1 or text.index("{id}") < host_end:
            raise PydanticCustomError(
                Code.SITE_IDENTIFIER_LINK_WITHOUT_ID,
                "the address '{url}' puts '{placeholder}' in its host; it belongs in the path or the query",
                {"url": text[:80], "placeholder": "{id}"},
            )
        return text
    return value


def _requirement_id(value: object) -> object:
    if isinstance(value, str) and not re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", value):
        raise PydanticCustomError(
            Code.VALUE_INVALID_SLUG,
            "'{value}' is not a valid requirement id: lowercase letters, digits and single hyphens",
            {"value": value[:80]},
        )
    if isinstance(value, str) and value in {r.value for r in Requirement}:
        raise PydanticCustomError(
            Code.SITE_REQUIREMENT_BUILT_IN,
            "'{value}' is a built-in requirement: the tool decides which record meets it",
            {"value": value},
        )
    return value


def _requirement_label(value: object) -> object:
    if isinstance(value, str) and (error := plain_text_error(value.strip(), one_line=True)):
        raise error
    return value.strip() if isinstance(value, str) else value


CorrectionsValue = Annotated[str, BeforeValidator(_corrections), Field(min_length=1)]
SiteUrl = Annotated[str, BeforeValidator(_site_url)]
TimeZoneName = Annotated[str, BeforeValidator(_timezone)]
IdentifierLink = Annotated[str, BeforeValidator(_identifier_link)]
RequirementId = Annotated[str, BeforeValidator(_requirement_id)]
RequirementLabel = Annotated[str, BeforeValidator(_requirement_label), Field(min_length=1)]


class SiteSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    site_name: Line | None = None
    city: Line | None = None
    notice: Line | None = None
    """A line shown at the top of every page, e.g. "Fictional demonstration data"."""
    licence: Line | None = None
    licence_url: LinkUrl | None = None
    contact: Line | None = None
    publisher: Line | None = None
    """Who compiles and publishes this record: every footer, the About page, citations."""
    site_url: SiteUrl | None = None
    """The published address, sub-path included (``--site-url`` wins)."""
    corrections: CorrectionsValue | None = None
    """How a reader reports an error: an https address, an e-mail address or one sentence."""
    timezone: TimeZoneName | None = None
    """IANA zone of the city's meeting times; calendars carry it."""
    identifier_links: dict[Line, IdentifierLink] = Field(default_factory=dict)
    """Identifier key -> address template with ``{id}``: every printed identifier becomes a link."""
    requirements: dict[RequirementId, RequirementLabel] = Field(default_factory=dict)
    """The city's own "required before use" items, ``id: label``, beside the built-in ones."""

    def identifier_url(self, key: str, value: str) -> str | None:
        template = self.identifier_links.get(key)
        return template.replace("{id}", quote(value, safe="")) if template else None


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
        problems.error(shown, 1, 1, Code.SITE_UNREADABLE, f"site.yml cannot be read: {reason}", "save it as UTF-8 text")
        return SiteSettings()
    document = read_yaml(text)
    for p in document.problems:
        problems.error(shown, p.line, p.column, p.code, p.message, p.hint)
    if document.problems:
        return SiteSettings()
    if document.value is None:
        return SiteSettings()
    if not isinstance(document.value, dict):
        problems.error(shown, 1, 1, Code.FILE_NOT_A_MAPPING, "site.yml must be 'name: value' lines (a YAML mapping)")
        return SiteSettings()
    try:
        return SiteSettings.model_validate(document.value)
    except ValidationError as exc:
        report_validation_error(exc, "site.yml", shown, document.positions, problems)
        return SiteSettings()

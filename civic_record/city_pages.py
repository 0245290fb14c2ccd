"""``records/pages/``: hand-written pages that belong to a city's record (contract 1.1).

``about.md`` is the site's About page, ``index.md`` the introduction on the home page; any
other ``<name>.md`` becomes a page at ``/<name>/``. A page is Markdown with an optional front
matter block holding ``title``. Its text is untrusted like a record's body: it is rendered by the
same sanitising renderer, never handed to MkDocs as a page of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .models import ID_PATTERN, MAX_ID_LENGTH, plain_text_error
from .problem_codes import Code, registered
from .problems import Problems, display_path
from .vocabulary import FOLDERS
from .yaml_reader import read_yaml

PAGES = "pages"
"""The folder of a records folder that holds its own pages."""
ABOUT = "about"
HOME = "index"

RESERVED_PAGE_NAMES = frozenset(
    {
        *FOLDERS,
        "attachments",
        "assets",
        "calendar",
        "calendars",
        "data",
        "feeds",
        "follow",
        "javascripts",
        "pagefind",
        "search",
        "sitemap",
        "stylesheets",
        "schema",
        "404",
    }
)
"""Names whose page would take the place of a page or folder the tool makes."""


@dataclass(frozen=True)
class CityPage:
    """One page of ``records/pages/``."""

    name: str
    """The file name without ``.md``: ``about``, ``index`` or the page's address."""
    title: str | None
    text: str
    """The Markdown after the front matter."""
    text_line: int
    """The line of the file where ``text`` starts (for problems found in it)."""
    display: str

    @property
    def src(self) -> str:
        """The page's source path in the site (``about.md``)."""
        return f"{self.name}.md"


def is_page_path(records_dir: Path, path: Path) -> bool:
    parts = path.relative_to(records_dir).parts
    return len(parts) > 1 and parts[0] == PAGES


def read_city_pages(records_dir: Path, paths: list[Path], problems: Problems) -> dict[str, CityPage]:
    """Every readable, valid page of ``records/pages/``, by name; the rest reported."""
    from .loading import MAX_FILE_BYTES, UnreadableFile, read_regular_file  # loading imports this module

    pages: dict[str, CityPage] = {}
    for path in sorted(paths):
        shown = display_path(path)
        relative = path.relative_to(records_dir / PAGES)
        if len(relative.parts) > 1:
            problems.error(
                shown,
                1,
                1,
                Code.PAGE_NESTED,
                "pages/ holds pages directly; this one is in a sub-folder",
                f"move it to records/pages/{path.name}",
            )
            continue
        if path.suffix != ".md":
            problems.error(
                shown,
                1,
                1,
                Code.PAGE_NOT_MARKDOWN,
                f"'{path.name}' is not a Markdown page (.md)",
                "write the page as Markdown in a .md file; put other files under records/attachments/",
            )
            continue
        name = path.stem
        if not ID_PATTERN.match(name) or len(name) > MAX_ID_LENGTH:
            problems.error(
                shown,
                1,
                1,
                Code.PAGE_INVALID_NAME,
                f"the page name '{name}' is not usable in an address",
                "name it with lowercase letters, digits and single hyphens, e.g. 'how-to-read-this-site.md'",
            )
            continue
        if name in RESERVED_PAGE_NAMES:
            problems.error(
                shown,
                1,
                1,
                Code.PAGE_REPLACES_GENERATED,
                f"a page named '{name}' would take the place of the site's own '{name}/' page or folder",
                "give the page another name; about.md and index.md are the only pages that replace the tool's",
            )
            continue
        try:
            content = read_regular_file(path, MAX_FILE_BYTES).decode("utf-8-sig")
        except (OSError, UnicodeDecodeError, UnreadableFile) as exc:
            reason = "it is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else "it cannot be read"
            problems.error(shown, 1, 1, Code.FILE_UNREADABLE, f"the page cannot be read: {reason}", "save it as UTF-8")
            continue
        page = _parse(name, shown, content, problems)
        if page is not None:
            pages[name] = page
    return pages


_TITLE_LINE = re.compile(r"^#[ \t]+(\S.*?)[ \t#]*$")
"""A first line ``# Title``: the page's title when its front matter gives none."""


def _with_heading_title(page: CityPage, problems: Problems) -> CityPage | None:
    """A page without a front-matter title takes its first ``# Title`` line as its title (out of
    the text, so that it is not printed twice), checked as a front-matter title is."""
    if page.title is not None:
        return page
    first, _, rest = page.text.partition("\n")
    match = _TITLE_LINE.match(first.strip())
    if not match:
        return page
    title = match.group(1).strip()
    if error := plain_text_error(title, one_line=True):
        problems.error(
            page.display,
            page.text_line,
            1,
            registered(error.type),
            f"the page's title (its first '# ' line) must be one line of plain text: {error}",
            "shorten the title or remove the character; the page's text follows on the next lines",
        )
        return None
    stripped = rest.lstrip("\n")
    line = page.text_line + 1 + (len(rest) - len(stripped))
    return CityPage(page.name, title, stripped, line, page.display)


def _parse(name: str, shown: str, content: str, problems: Problems) -> CityPage | None:
    page = _parse_front_matter(name, shown, content, problems)
    return _with_heading_title(page, problems) if page is not None else None


def _parse_front_matter(name: str, shown: str, content: str, problems: Problems) -> CityPage | None:
    from .loading import split_front_matter  # loading imports this module

    split = split_front_matter(content)
    if split is Code.FILE_FRONT_MATTER_MISSING:  # a page's front matter is optional
        return CityPage(name, None, content.strip("\n"), 1 + len(content) - len(content.lstrip("\n")), shown)
    if isinstance(split, Code):
        problems.error(shown, 1, 1, split, "the front matter has no closing '---' line", "add '---'")
        return None
    front, body, body_line = split
    document = read_yaml(front)
    for p in document.problems:
        problems.error(shown, p.line + 1, p.column, p.code, p.message, p.hint)
    if document.problems:
        return None
    data = document.value if document.value is not None else {}
    if not isinstance(data, dict):
        problems.error(shown, 2, 1, Code.FILE_NOT_A_MAPPING, "the front matter must be 'name: value' lines")
        return None
    title = data.get("title")
    for key in data:
        if key != "title":
            pos = document.positions.of_key((key,))
            problems.error(
                shown,
                pos.line + 1,
                pos.column,
                Code.SCHEMA_UNKNOWN_FIELD,
                f"unknown field '{key}' in a page's front matter",
                "a page's front matter holds only 'title'",
            )
    if title is not None:
        pos = document.positions.of_value(("title",))
        error = plain_text_error(title.strip(), one_line=True) if isinstance(title, str) else None
        if not isinstance(title, str) or not title.strip() or error:
            problems.error(
                shown,
                pos.line + 1,
                pos.column,
                registered(error.type) if error else Code.SCHEMA_WRONG_TYPE,
                f"the page's title must be one line of text{': ' + str(error) if error else ''}",
                "write the title on one line, e.g. 'title: About this record'",
            )
            return None
        title = title.strip()
    if any(key != "title" for key in data):
        return None
    return CityPage(name, title, body, body_line, shown)

"""What a records folder holds reaches the site as its own text, and never as markup, a path or a
link of another kind: site settings, titles beyond what YAML front matter could carry, attachment
names with URL characters, and series names (which become folder names)."""

from __future__ import annotations

import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from civic_record.check import check_records
from tests.building import run_build
from tests.cases import apply_case
from tests.conftest import CORPUS, FIXTURES
from tests.html_pages import all_pages

HOSTILE_NAME = "Riverton </title><script>window.__pwned=1</script> & <b>record</b> (fictional)"
SETTINGS = (
    f'site_name: "{HOSTILE_NAME}"\n'
    'notice: "Fictional <img src=x onerror=window.__pwned=2> data"\n'
    'licence: "CC0 <script>window.__pwned=3</script>"\n'
    "licence_url: https://creativecommons.org/publicdomain/zero/1.0/\n"
    'contact: "clerk@example.org"\n'
)
ODD_NAMES = ["minutes #3.pdf", "draft?v=2.pdf", "100% final.pdf", "caf\u00e9 notes.txt", "sub folder/a&b.pdf"]
TITLE_DOCUMENT = "documents/2025-11-26-title-beyond-yaml.md"
ATTACHING_DOCUMENT = """---
title: "A document with oddly named attachments (fictional)"
date: 2025-11-20
kind: report
summary: Fictional test record.
sources:
  - attachment: "minutes #3.pdf"
    title: "Minutes (fictional)"
    kind: primary
attachments:
{items}
---
Text.
"""


def _corpus(folder: Path) -> Path:
    records = folder / "records"
    shutil.copytree(CORPUS, records)
    apply_case(FIXTURES / "hostile" / "title-beyond-yaml", records)
    (records / "site.yml").write_text(SETTINGS, encoding="utf-8")
    for name in ODD_NAMES:
        target = records / "attachments" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"attachment {name}\n", encoding="utf-8")
    items = "\n".join(f'  - path: "{name}"\n    title: "File {n}"' for n, name in enumerate(ODD_NAMES))
    (records / "documents" / "2025-11-20-odd-attachment-names.md").write_text(
        ATTACHING_DOCUMENT.format(items=items), encoding="utf-8"
    )
    return records


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("confinement")
    records = _corpus(folder)
    site = folder / "site"
    result = run_build(records, site)
    assert result.returncode == 0, result.stderr
    return records, site


class _Heads(HTMLParser):
    """The <title> text, the article's <h1> text, and every script element's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = ""
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"title", "h1", "script"}:
            self._in = tag
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "h1" and not self.h1.endswith(data):
            self.h1 += data
        elif self._in == "script":
            self.scripts[-1] += data


def _heads(path: Path) -> _Heads:
    parser = _Heads()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_the_site_name_is_text_on_every_page(built: tuple[Path, Path]) -> None:
    _, site = built
    pages = all_pages(site)
    assert len(pages) > 20
    for page in pages:
        heads = _heads(page.path)
        assert heads.title.endswith(HOSTILE_NAME) or page.path.name == "404.html", (page.path, heads.title)
        assert "<script>window.__pwned" not in page.html, page.path
        assert "<b>record</b>" not in page.html, page.path
        assert "<img src=x" not in page.html, page.path
        assert "Fictional <img src=x onerror=window.__pwned=2> data" in page.text_of("site-notice"), page.path


def test_the_licence_is_text_and_its_address_a_web_link(built: tuple[Path, Path]) -> None:
    _, site = built
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "CC0 &lt;script&gt;window.__pwned=3&lt;/script&gt;" in home
    assert '<a href="https://creativecommons.org/publicdomain/zero/1.0/">' in home


def test_a_title_that_yaml_front_matter_could_not_carry_is_the_page_title(built: tuple[Path, Path]) -> None:
    """U+FFFE, '---' and 'title:' inside a title: metadata travels to the theme as values."""
    _, site = built
    page = site / "documents" / "2025-11-26-title-beyond-yaml" / "index.html"
    title = "Report \ufffe\uffff --- continued: title: forged {{ page.title }} (fictional)"
    heads = _heads(page)
    assert heads.title == f"{title} - {HOSTILE_NAME}"
    assert heads.h1 == title
    html = page.read_text(encoding="utf-8")
    assert "jsonld:" not in html.replace("jsonld: forged", "")  # only the summary's own words
    assert not re.search(r"<p>\s*title:", html), "front matter was rendered as text"


def test_attachment_names_with_url_characters_link_to_their_files(built: tuple[Path, Path]) -> None:
    records, site = built
    page_path = site / "documents" / "2025-11-20-odd-attachment-names" / "index.html"
    page_url = "https://example.org/documents/2025-11-20-odd-attachment-names/"
    hrefs = re.findall(r'href="([^"]*attachments/[^"]*)"', page_path.read_text(encoding="utf-8"))
    targets = set()
    for href in hrefs:
        absolute = urlsplit(urljoin(page_url, href.replace("&amp;", "&")))
        assert not absolute.query and not absolute.fragment, href
        targets.add(unquote(absolute.path).removeprefix("/attachments/"))
    assert targets == set(ODD_NAMES)
    for name in ODD_NAMES:
        published = site / "attachments" / name
        assert published.read_bytes() == (records / "attachments" / name).read_bytes()


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_series_naming_a_path_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(CORPUS, records)
    apply_case(FIXTURES / "bad" / "value-invalid-slug", records)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "index.html").write_text("the victim's page\n", encoding="utf-8")
    before = _tree(tmp_path)
    result = run_build(records, tmp_path / "site")
    assert result.returncode == 1
    assert "[value.invalid-slug]" in result.stderr
    assert _tree(tmp_path) == before
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("setting", "code"),
    [
        ("licence_url: javascript:alert(1)", "url.not-http"),
        ("licence_url: ' data:text/html,x'", "url.not-http"),
        ('site_name: "Record\\u202e"', "value.bidi-control"),
        ('notice: "Line one\\nline two"', "value.line-break"),
        ('contact: "clerk\\x1b[2J@example.org"', "value.control-character"),
    ],
)
def test_site_settings_are_checked_like_record_values(tmp_path: Path, setting: str, code: str) -> None:
    records = tmp_path / "records"
    shutil.copytree(CORPUS, records)
    (records / "site.yml").write_text(f'city: "Riverton"\n{setting}\n', encoding="utf-8")
    _, problems = check_records(records)
    assert [(p.line, p.code) for p in problems.errors] == [(2, code)], problems.report()


def test_links_out_of_the_records_folder_stop_the_build(tmp_path: Path) -> None:
    """A records folder linking to /etc/passwd (or a folder around it) publishes nothing."""
    records = tmp_path / "records"
    shutil.copytree(CORPUS, records)
    apply_case(FIXTURES / "hostile" / "attachment-symlink-outside", records)
    site = tmp_path / "site"
    result = run_build(records, site)
    assert result.returncode == 1
    assert "[file.outside-records]" in result.stderr
    assert "root:x:0:0" not in result.stderr
    assert not site.exists()


def test_mkdocs_settings_are_checked_and_the_reason_is_printed(tmp_path: Path) -> None:
    """A `javascript:` licence address in mkdocs.yml stops the build, and the report says why
    (MkDocs alone would say only "Aborted with a BuildError!")."""
    from tests.building import ROOT

    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - civic-record:\n" in config
    config = config.replace("  - civic-record:\n", '  - civic-record:\n      licence_url: "javascript:alert(1)"\n', 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    records = tmp_path / "records"
    shutil.copytree(CORPUS, records)
    result = run_build(records, tmp_path / "site", "--config", str(project / "mkdocs.yml"))
    assert result.returncode == 1
    assert "licence_url" in result.stderr and "is not a web or e-mail address" in result.stderr
    assert not (tmp_path / "site").exists()

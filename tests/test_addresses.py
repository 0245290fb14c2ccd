"""One address model, right in both of MkDocs' URL styles.

Every link in every built page, every address in the data files, feeds, calendars and
sitemaps must lead to a file of the site, with ``use_directory_urls`` true (``letters/a/``)
and false (``letters/a.html``). The fixture corpus (with attachments, built with
``--site-url``) and the second city (whose ``site.yml`` gives a ``site_url``) are each built
once per style, with a configuration that inherits the project's ``mkdocs.yml``.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from civic_record.addresses import Addresses, json_twin, record_src
from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.site import Site
from civic_record.vocabulary import FOLDERS
from tests.building import ROOT, run_build
from tests.golden import expected_pages, generated_pages, golden_site

from .conftest import CORPUS, FIXTURES

SECOND_CITY = FIXTURES / "second-city" / "records"
CORPUS_URL = "https://records.example.org/riverton/"
SECOND_CITY_URL = "https://records.port-alder.example/surveillance/"
STYLES = {"directory": True, "flat": False}


# --- The model ------------------------------------------------------------------------------


@pytest.mark.parametrize("site_url", ["", "https://www.example.gov/record/"])
def test_pages_files_and_urls_in_both_styles(site_url: str) -> None:
    folders = Addresses(site_url, directory_urls=True)
    flat = Addresses(site_url, directory_urls=False)
    base = site_url or "/"
    assert [folders.page_path(s) for s in ("index.md", "letters/index.md", "letters/a.md")] == [
        "",
        "letters/",
        "letters/a/",
    ]
    assert [flat.page_path(s) for s in ("index.md", "letters/index.md", "letters/a.md")] == [
        "index.html",
        "letters/index.html",
        "letters/a.html",
    ]
    assert folders.page_href("letters/a.md", "people/b.md") == "../../people/b/"
    assert flat.page_href("letters/a.md", "people/b.md") == "../people/b.html"
    assert folders.page_href("letters/a.md", "index.md") == "../../"
    assert flat.page_href("letters/a.md", "index.md") == "../index.html"
    assert folders.page_href("letters/a.md", "letters/a.md") == "./"
    assert flat.page_href("letters/a.md", "letters/a.md") == "a.html"
    # A file is reached from the page's folder, never appended to the home page's address.
    for page, folder_style, flat_style in (
        ("letters/a.md", "../../attachments/x.pdf", "../attachments/x.pdf"),
        ("index.md", "attachments/x.pdf", "attachments/x.pdf"),
        ("follow.md", "../attachments/x.pdf", "attachments/x.pdf"),
        ("letters/index.md", "../attachments/x.pdf", "../attachments/x.pdf"),
    ):
        assert folders.file_href(page, "attachments/x.pdf") == folder_style
        assert flat.file_href(page, "attachments/x.pdf") == flat_style
    assert folders.file_href("letters/a.md", "letters/a.json") == "../a.json"
    assert flat.file_href("letters/a.md", "letters/a.json") == "a.json"
    assert folders.page_url("letters/a.md") == base + "letters/a/"
    assert flat.page_url("letters/a.md") == base + "letters/a.html"
    assert flat.page_url("index.md") == base + "index.html"
    assert folders.file_url("data/record-schema.json") == flat.file_url("data/record-schema.json")
    assert flat.file_url("data/record-schema.json") == base + "data/record-schema.json"


def test_a_sub_path_is_kept_with_or_without_its_final_slash() -> None:
    for site_url in ("https://host.example/a/b", "https://host.example/a/b/"):
        assert Addresses(site_url).page_url("letters/x.md") == "https://host.example/a/b/letters/x/"
        assert (
            Addresses(site_url, False).file_url("feeds/all.atom.xml") == "https://host.example/a/b/feeds/all.atom.xml"
        )


def _imports(module: Path) -> set[str]:
    """The civic_record modules a module imports, as dotted names (relative imports resolved)."""
    package = ".".join(module.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            prefix = ".".join(parts[: len(parts) - node.level + 1]) if node.level else ""
            name = ".".join(part for part in (prefix, node.module or "") if part)
            found |= {name} | {f"{name}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def test_outputs_and_the_address_model_do_not_import_pages() -> None:
    """Pages may list outputs (the Follow page); outputs never import a page module, and the
    address model and the site sit below both."""
    below = [ROOT / "civic_record" / "addresses.py", ROOT / "civic_record" / "site.py"]
    outputs = sorted((ROOT / "civic_record" / "outputs").glob("*.py"))
    for module in [*below, *outputs]:
        pages = {name for name in _imports(module) if name.startswith("civic_record.pages")}
        assert not pages, f"{module.relative_to(ROOT)} imports {sorted(pages)}"
    for module in below:
        outs = {name for name in _imports(module) if name.startswith("civic_record.outputs")}
        assert not outs, f"{module.relative_to(ROOT)} imports {sorted(outs)}"


# --- Built sites, both styles ---------------------------------------------------------------


def _config(folder: Path, directory_urls: bool) -> Path:
    """A configuration that inherits the project's ``mkdocs.yml``, in the given URL style."""
    config = folder / "config" / "mkdocs.yml"
    config.parent.mkdir(parents=True)
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"use_directory_urls: {'true' if directory_urls else 'false'}\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        f"theme:\n  custom_dir: {ROOT / 'overrides'}\n",
        encoding="utf-8",
    )
    return config


@pytest.fixture(
    scope="module",
    params=[(c, s) for c in ("corpus", "second-city") for s in STYLES],
    ids=lambda p: "-".join(p),
)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, bool]:
    """(site folder, site_url, use_directory_urls): one build per corpus and style."""
    corpus, style = request.param
    folder = tmp_path_factory.mktemp(f"{corpus}-{style}")
    site = folder / "site"
    extra = ["--site-url", CORPUS_URL] if corpus == "corpus" else []
    records = CORPUS if corpus == "corpus" else SECOND_CITY
    result = run_build(records, site, "--config", str(_config(folder, STYLES[style])), *extra)
    assert result.returncode == 0, result.stderr
    return site, CORPUS_URL if corpus == "corpus" else SECOND_CITY_URL, STYLES[style]


class _Refs(HTMLParser):
    """Every address an HTML page asks a browser to follow or fetch."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.refs += [value for name, value in attrs if name in {"href", "src", "action"} and value]
        if tag == "link" and attributes.get("rel") == "alternate":
            self.alternates.append((attributes.get("type") or "", attributes.get("href") or ""))


def _refs(page: Path) -> _Refs:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, site_url: str, page: Path, ref: str) -> Path | None:
    """The file of the site a reference leads to (which may not exist); None when it leads
    out of the site (another host, ``mailto:``) or within the page (``#...``)."""
    parts = urlsplit(ref)
    root_path = urlsplit(site_url).path
    if parts.scheme in {"http", "https"}:
        if not ref.startswith(site_url):
            return None
        path = unquote(parts.path[len(root_path) :])
        target = site / path
    elif parts.scheme or ref.startswith("#"):
        return None
    elif parts.path.startswith("/"):  # the 404 page's, rooted at the site's sub-path
        assert parts.path.startswith(root_path), ref
        target = site / unquote(parts.path[len(root_path) :])
    else:
        target = page.parent / unquote(parts.path) if parts.path else page
    target = Path(posixpath.normpath(target.as_posix()))
    if parts.path.endswith("/") or target == site:
        target = target / "index.html"
    return target


def test_every_reference_in_every_page_leads_to_a_file(built: tuple[Path, str, bool]) -> None:
    site, site_url, directory_urls = built
    broken, to_folders = [], []
    for page in sorted(site.rglob("*.html")):
        for ref in _refs(page).refs:
            target = _target(site, site_url, page, ref)
            if target is None:
                continue
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {ref}")
            if not directory_urls and urlsplit(ref).path.endswith("/") and ref != site_url:
                to_folders.append(f"{page.relative_to(site)} -> {ref}")
    assert not broken, f"{len(broken)} broken references:\n" + "\n".join(broken[:30])
    # A site built without directory URLs is browsed from files, where a folder is no page.
    assert not to_folders, "links to folders:\n" + "\n".join(to_folders[:30])


_SITE_URLS = r"[^\s\"'<>\\|;,)]*"


def _published_text(site: Path) -> dict[str, str]:
    """Every data file, feed, calendar and sitemap, as text (calendar lines unfolded)."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if path.suffix in {".json", ".csv", ".xml", ".ics"} and "pagefind" not in path.parts:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".ics":
                text = text.replace("\n ", "")  # RFC 5545 folds long lines (CRLF read as \n)
            texts[path.relative_to(site).as_posix()] = text
    return texts


def test_every_address_in_the_data_feeds_calendars_and_sitemaps_leads_to_a_file(
    built: tuple[Path, str, bool],
) -> None:
    site, site_url, _ = built
    pattern = re.compile(re.escape(site_url) + _SITE_URLS)
    seen, broken = 0, []
    for name, text in _published_text(site).items():
        for url in pattern.findall(text):
            seen += 1
            target = _target(site, site_url, site / "index.html", url)
            if target is None or not target.is_file():
                broken.append(f"{name}: {url}")
    assert seen > 100
    assert not broken, f"{len(broken)} addresses lead nowhere:\n" + "\n".join(sorted(set(broken))[:30])
    assert not [u for u in re.findall(r"index\.html[^\s\"'<>\\|;,#?)]", "".join(_published_text(site).values()))]


def test_the_data_gives_each_records_page_json_and_attachments(built: tuple[Path, str, bool]) -> None:
    site, site_url, directory_urls = built
    bundle = json.loads((site / "data" / "records.json").read_text(encoding="utf-8"))
    assert bundle["schema"] == site_url + "data/record-schema.json"
    addresses = Addresses(site_url, directory_urls)
    folder_of = {kind.value: folder for folder, kind in FOLDERS.items()}
    for twin in bundle["records"]:
        assert twin["url"] == addresses.page_url(f"{folder_of[twin['type']]}/{twin['id']}.md")
    for path in sorted((site / "data").glob("*.csv")):
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        for row in rows:
            if "json_url" in row:  # a kind's file: data/<folder>.csv
                assert row["url"] == addresses.page_url(f"{path.stem}/{row['id']}.md")
                assert row["json_url"] == addresses.file_url(f"{path.stem}/{row['id']}.json")
            for cell in ("attachments", "sources"):
                for url in (row.get(cell) or "").split():
                    target = _target(site, site_url, site / "index.html", url)
                    assert target is None or target.is_file(), url


def test_every_record_page_links_its_json_twin(built: tuple[Path, str, bool]) -> None:
    site, site_url, directory_urls = built
    corpus, problems = check_records(CORPUS if "riverton" in site_url else SECOND_CITY)
    assert not problems.errors
    addresses = Addresses(site_url, directory_urls)
    for record in corpus.records.values():
        page = site / _file_of(addresses.page_path(record_src(record)))
        refs = _refs(page)
        twins = [href for kind, href in refs.alternates if kind == "application/json"]
        assert len(twins) == 1, page
        assert _target(site, site_url, page, twins[0]) == site / json_twin(record)
        visible = re.findall(r'<p class="record-json"><a href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert visible == twins, page
        twin = json.loads((site / json_twin(record)).read_text(encoding="utf-8"))
        assert _target(site, site_url, page, twin["url"]) == page
        # mkdocs-material fetches sitemap.xml beside every <link rel="alternate">: it is there.
        for _, href in refs.alternates:
            target = _target(site, site_url, page, href)
            assert target is not None and (target.parent / "sitemap.xml").is_file(), href


def _file_of(page_path: str) -> str:
    return page_path + "index.html" if page_path == "" or page_path.endswith("/") else page_path


# --- Generated pages: the golden files, in the other style ----------------------------------

_HREF = re.compile(r'(href|action)="([^"]*)"')


def _src_of(path: str) -> str:
    """A page's site path in either style as one name (``letters/a/`` and ``letters/a.html`` are
    ``letters/a``; ``letters/`` and ``letters/index.html`` are ``letters``); a file's path as it is."""
    for suffix in ("index.html", ".html", "/"):
        if path == suffix.lstrip("/") or path.endswith(suffix):
            return path.removesuffix(suffix).removesuffix("/")
    return path


def _by_target(text: str, src: str, addresses: Addresses) -> str:
    """The page's text with each address written as what it leads to (a page's source path or
    a file's site path), whatever the URL style."""
    base = addresses.site_url

    def relative(match: re.Match[str]) -> str:
        ref = match.group(2)
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or ref.startswith(("#", "/")):
            return match.group(0)
        here = addresses.page_path(src)
        folder = here if here == "" or here.endswith("/") else posixpath.dirname(here)
        resolved = posixpath.normpath(posixpath.join(folder, parts.path)) if parts.path else here
        resolved = "" if resolved == "." else resolved
        if parts.path.endswith("/") and resolved:
            resolved += "/"
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return f'{match.group(1)}="@{_src_of(resolved)}{fragment}"'

    text = _HREF.sub(relative, text)
    return re.sub(re.escape(base) + r"([^\s\"'<>\\){}]*)", lambda m: "@" + _src_of(m.group(1)), text)


def test_pages_without_directory_urls_are_the_golden_pages_with_their_own_addresses() -> None:
    """The generated Markdown in the other URL style is the reviewed golden output, every
    address but leading to the same page or file."""
    folders = golden_site().addresses
    flat = Addresses(folders.site_url, directory_urls=False)
    pages = generated_pages(directory_urls=False)
    expected = expected_pages()
    assert sorted(pages) == sorted(expected)
    for src, text in pages.items():
        assert _by_target(text, src, flat) == _by_target(expected[src], src, folders), src


def test_the_model_is_what_site_and_page_use() -> None:
    site = Site(Corpus(Path("."), {}), dt.date(2026, 1, 1), site_url=CORPUS_URL, directory_urls=False)
    assert site.addresses == Addresses(CORPUS_URL, directory_urls=False)
    assert site.href("letters/a.md", "index.md") == site.addresses.page_href("letters/a.md", "index.md")
    assert site.file_url("data/records.json") == CORPUS_URL + "data/records.json"

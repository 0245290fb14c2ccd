"""The reader's way through the site, finished: what a reader sees on the built pages.

The home page opens with the site's name, its introduction and the technologies; the vote and
meeting listings carry the columns a reader scans by; no table prints a column that is empty
in every row; counts agree with their nouns; identifiers link wherever the site says how; a
vote appears once in each section of a person's page; a printed page shows the addresses of
its sources and keeps each timeline entry whole.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.building import ROOT, build_for_reading
from tests.conftest import FIXTURES
from tests.html_pages import all_pages, page

FIXTURE_CORPORA = ["record-pages", "second-city", "corpus", "summaries", "format-1-1"]


@pytest.fixture(scope="module")
def fixture_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each fixture corpus built once, as ``build_site.py build`` does."""
    return {
        name: build_for_reading(tmp_path_factory.mktemp(name), FIXTURES / name / "records") for name in FIXTURE_CORPORA
    }


@pytest.fixture(scope="module")
def every_site(shipped_site: Path, demo_site: Path, fixture_sites: dict[str, Path]) -> dict[str, Path]:
    return {"shipped": shipped_site, "demo": demo_site, **fixture_sites}


class _Tables(HTMLParser):
    """Every table of a page: its caption, header cells and body rows, as text; and the page's
    <h1> and <title> text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict[str, object]] = []
        self._open: list[dict[str, object]] = []
        self._cell: list[str] | None = None
        self._in: str | None = None
        self.h1: list[str] = []
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._open.append({"caption": "", "head": [], "rows": [], "links": []})
        elif tag == "tr" and self._open:
            rows = self._open[-1]["rows"]
            assert isinstance(rows, list)
            rows.append([])
            links = self._open[-1]["links"]
            assert isinstance(links, list)
            links.append([])
        elif tag in {"td", "th", "caption"} and self._open:
            self._cell = []
            self._in = tag
        elif tag == "a" and self._open:
            links = self._open[-1]["links"]
            assert isinstance(links, list)
            if links:
                links[-1].append(dict(attrs).get("href") or "")
        elif tag == "h1":
            self.h1.append("")
            self._in = "h1"
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th", "caption"} and self._cell is not None and self._open:
            text = " ".join("".join(self._cell).split())
            table = self._open[-1]
            if tag == "caption":
                table["caption"] = text
            else:
                rows = table["rows"]
                assert isinstance(rows, list)
                rows[-1].append((tag, text))
            self._cell = None
            self._in = None
        elif tag == "table" and self._open:
            self.tables.append(self._open.pop())
        elif tag in {"h1", "title"}:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._in == "h1":
            self.h1[-1] += data
        elif self._in == "title":
            self.title += data


def _parse(path: Path) -> _Tables:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _header(table: dict[str, object]) -> list[str]:
    rows = table["rows"]
    assert isinstance(rows, list)
    first = rows[0] if rows else []
    return [text for tag, text in first] if first and all(tag == "th" for tag, _ in first) else []


def _text(path: Path) -> str:
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _site_name(records: Path) -> str:
    for line in (records / "site.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_name:"):
            return line.partition(":")[2].strip().strip('"')
    raise AssertionError("no site_name")


def test_the_home_page_opens_with_the_sites_name_its_introduction_and_the_technologies(shipped_site: Path) -> None:
    name = _site_name(ROOT / "records")
    home = _parse(shipped_site / "index.html")
    assert home.h1 == [name], "the home page's one heading is the site's name, not the navigation's 'Home'"
    assert " ".join(home.title.split()).startswith(name)
    text = _text(shipped_site / "index.html")
    heading = text.index(name, text.index("Data downloads"))  # the page's heading, after the navigation
    introduction = text.index("The public record on surveillance technology")
    technologies = text.index("Technologies and their current status")
    assert heading < introduction < technologies
    assert re.search(r"\d+ dated records on \d+ technologies, from \d+ bodies and \d+ people\.", text)


@pytest.mark.parametrize(
    ("listing", "columns"),
    [
        ("votes", ["Date", "Body", "Matter", "Motion", "Result", "Tally"]),
        ("meetings", ["Date", "Body", "Kind", "Status"]),
    ],
)
def test_listings_carry_the_columns_a_reader_scans_by(
    shipped_site: Path, fixture_sites: dict[str, Path], listing: str, columns: list[str]
) -> None:
    for site in (shipped_site, fixture_sites["second-city"]):
        tables = _parse(site / listing / "index.html").tables
        assert len(tables) == 1
        header = _header(tables[0])
        assert [h for h in header if h in columns] == columns, header
        rows = tables[0]["rows"]
        assert isinstance(rows, list) and len(rows) > 1
        for row in rows[1:]:
            cells = dict(zip(header, (text for _, text in row), strict=True))
            assert all(cells[c] for c in ("Date", "Body")), cells
            if listing == "votes":
                assert re.fullmatch(r"(Passed|Failed|Recommends .+|Failed.+)", cells["Result"]), cells
                assert re.fullmatch(r"([A-Z][a-z ]+ \d+)(, [A-Z][a-z ]+ \d+)*", cells["Tally"]), cells


def test_the_vote_listing_says_what_each_vote_decided(shipped_site: Path) -> None:
    rows = page(shipped_site, "votes").table_rows()
    header = rows[0]
    closed_session = next(dict(zip(header, row, strict=True)) for row in rows[1:] if "closed session" in " ".join(row))
    assert closed_session["Result"] == "Passed" and closed_session["Tally"] == "Yes 5"
    assert closed_session["Matter"].startswith("250196 ")
    assert closed_session["Motion"].endswith("(procedural)")


def test_no_table_prints_a_column_empty_in_every_row(every_site: dict[str, Path]) -> None:
    empty = []
    for name, site in every_site.items():
        for path in sorted(site.rglob("*.html")):
            for table in _parse(path).tables:
                header = _header(table)
                rows = table["rows"]
                assert isinstance(rows, list)
                body = [row for row in rows[1 if header else 0 :] if row]
                if not body:
                    continue
                for column in range(max(len(row) for row in body)):
                    if all(column >= len(row) or not row[column][1] for row in body):
                        label = header[column] if column < len(header) else str(column)
                        empty.append(f"{name}: {path.relative_to(site)}: {table['caption']}: {label}")
    assert empty == []


NOUNS = (
    "records|dated records|members|voters|seats|speakers|written comments|votes|letters|meetings|technologies|"
    "bodies|people|versions|items|signatories|sources|documents|policies|hearings|days|entries"
)
ONE_PLURAL = re.compile(rf"\b1 (?:{NOUNS})\b")


def test_counts_agree_with_their_nouns(every_site: dict[str, Path], fixture_sites: dict[str, Path]) -> None:
    wrong = []
    for name, site in every_site.items():
        for built in all_pages(site):
            text = _text(built.path)
            wrong += [f"{name}: {built.path.relative_to(site)}: {m.group(0)}" for m in ONE_PLURAL.finditer(text)]
    assert wrong == []
    # A listing of one record says so in the singular (the summaries corpus has one letter).
    assert "1 record, newest first." in _text(fixture_sites["summaries"] / "letters" / "index.html")


_IDENTIFIER = re.compile(r'(<a class="identifier-link" href="([^"]*)">)?<span class="identifier"[^>]*>([^<]*)</span>')


def test_identifiers_link_wherever_the_site_says_how(fixture_sites: dict[str, Path]) -> None:
    """``identifier_links`` in site.yml: an identifier linked anywhere is linked everywhere it
    is printed (a vote's matter takes its key from the vote, else from its meeting's agenda)."""
    for name in ("record-pages", "second-city"):
        site = fixture_sites[name]
        linked: dict[str, str] = {}
        plain: dict[str, set[str]] = {}
        for path in site.rglob("*.html"):
            for match in _IDENTIFIER.finditer(path.read_text(encoding="utf-8")):
                if match.group(1):
                    linked[match.group(3)] = match.group(2)
                else:
                    plain.setdefault(match.group(3), set()).add(str(path.relative_to(site)))
        assert linked, name
        assert {value: paths for value, paths in plain.items() if value in linked} == {}, name
    riverton = fixture_sites["record-pages"]
    vote = page(riverton, "votes/2025-06-10-council-adopts-face-recognition-policy")
    assert "https://example.org/riverton/files/250101" in vote.links, "the matter's file number links"
    assert "https://example.org/riverton/files/250101" in page(riverton, "votes").links


def test_a_person_page_shows_each_vote_once_per_section(every_site: dict[str, Path]) -> None:
    repeated = []
    for name, site in every_site.items():
        for path in sorted((site / "people").glob("*/index.html")):
            for table in _parse(path).tables:
                links = table["links"]
                assert isinstance(links, list)
                votes = [href for row in links for href in dict.fromkeys(row) if "/votes/" in href]
                twice = sorted({href for href in votes if votes.count(href) > 1})
                if twice:
                    repeated.append(f"{name}: {path.relative_to(site)}: {table['caption']}: {twice}")
    assert repeated == []


def test_a_printed_page_shows_source_addresses_and_keeps_timeline_entries_whole(shipped_site: Path) -> None:
    css = (ROOT / "docs" / "stylesheets" / "print.css").read_text(encoding="utf-8")
    rules = " ".join(css.split())
    assert rules.count("@media print") == 1
    assert re.search(r'a\[href\^="http"\]::after \{ content: " \(" attr\(href\) "\)";', rules)
    entries = re.search(r"([^{}]*)\{ break-inside: avoid;", rules)
    assert entries and ".timeline-entry" in entries.group(1) and "li" in entries.group(1)
    assert "stylesheets/print.css" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), "linked from every page"
    assert 'href="stylesheets/print.css"' in (shipped_site / "index.html").read_text(encoding="utf-8")
    technology = next((shipped_site / "technologies").glob("*/index.html"))
    assert 'class="timeline-entry"' in technology.read_text(encoding="utf-8")

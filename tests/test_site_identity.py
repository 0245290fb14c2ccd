"""The site belongs to its records folder: its footer, About page, own pages, navigation and
address come from ``records/``, and nothing of another city or of the tool's documentation."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.building import PINNED_TODAY, RECORDS, build_for_reading, run_build
from tests.conftest import CORPUS
from tests.html_pages import BuiltPage, all_pages, page

LETTER = "letters/2025-03-20-council-letter-on-face-recognition"
TOOL_DOCS = ("writing-records", "architecture", "performance")
NAV_LINK = re.compile(r'<a href="[^"]*" class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>)?\s*([^<]+?)\s*<')


def _copy(tmp_path: Path, settings: str | None = None, pages: dict[str, str] | None = None) -> Path:
    records = tmp_path / "records"
    shutil.copytree(CORPUS, records)
    if settings is not None:
        (records / "site.yml").write_text(settings, encoding="utf-8")
    if pages:
        (records / "pages").mkdir()
        for name, text in pages.items():
            (records / "pages" / name).write_text(text, encoding="utf-8")
    return records


def _nav_titles(built: BuiltPage) -> list[str]:
    """The titles in the site's navigation (the primary sidebar), in order."""
    primary = built.html.split("md-nav--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    return [" ".join(title.split()) for title in NAV_LINK.findall(primary)]


def _text(built: BuiltPage) -> str:
    """The page's words, tags removed."""
    return " ".join(re.sub(r"<[^>]+>", "", built.html).split())


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another city's records folder, with neither site.yml nor pages/."""
    return build_for_reading(tmp_path_factory.mktemp("plain"), CORPUS)


@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("own")
    records = _copy(
        folder,
        settings=(
            'site_name: "Riverton record (fictional)"\n'
            'city: "Riverton"\n'
            'publisher: "Riverton Clerk <b>Office</b>"\n'
            "contact: clerk@riverton.example\n"
            "corrections: corrections@riverton.example\n"
            'licence: "CC0 1.0"\n'
            "licence_url: https://creativecommons.org/publicdomain/zero/1.0/\n"
        ),
        pages={
            "about.md": "---\ntitle: About the Riverton record\n---\n\nCompiled by the **clerk**.\n\n"
            "<script>window.__pwned = 1</script>\n",
            "index.md": "Welcome to Riverton's record of *surveillance* technology.\n",
            "how-to-help.md": "# Helping <b>out</b>\n\nSend us [documents](https://riverton.example/upload).\n"
            '<img src="https://tracker.example/x.png">\n',
        },
    )
    return build_for_reading(folder, records)


def test_another_citys_site_mentions_neither_milwaukee_nor_the_tools_documentation(plain_site: Path) -> None:
    for name in TOOL_DOCS:
        assert not (plain_site / name).exists()
    for path in plain_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".ics", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "milwaukee" not in text.lower(), path
            for name in TOOL_DOCS:
                assert f"{name}/" not in text, (path, name)
            for title in ("Writing records", "How it works"):
                assert title not in text, (path, title)


def test_a_citys_navigation_holds_only_its_record_about_follow_and_data(plain_site: Path, own_site: Path) -> None:
    plain = _nav_titles(page(plain_site, LETTER))
    assert plain == [
        "Home",
        "Technologies",
        "Letters",
        "Meetings and hearings",
        "Votes",
        "Policies and SOPs",
        "Documents",
        "People",
        "Bodies",
        "About this site",
        "Follow (feeds and calendars)",
        "Data downloads",
    ], plain
    own = _nav_titles(page(own_site, LETTER))
    about = own.index("About the Riverton record")
    assert own[about : about + 4] == [
        "About the Riverton record",
        "Helping &lt;b&gt;out&lt;/b&gt;",
        "Follow (feeds and calendars)",
        "Data downloads",
    ]


def test_the_generic_about_page_says_what_the_site_is_and_how_to_read_confidence(plain_site: Path) -> None:
    about = page(plain_site, "about")
    assert "<h1" in about.html and "About this site" in about.html
    text = _text(about)
    assert "public record on surveillance technology" in text
    assert "Confirmed: at least one primary source" in text
    assert "Reported: press or other secondary sources only" in text
    assert "Disputed: the sources disagree" in text


def test_the_folders_about_page_and_own_pages_are_sanitised_like_record_text(own_site: Path) -> None:
    about = page(own_site, "about")
    assert "Compiled by the <strong>clerk</strong>." in about.html
    assert "<script>window.__pwned" not in about.html
    assert "Confirmed: at least one primary source" in _text(about)
    assert "Published by Riverton Clerk <b>Office</b>" in about.text_of("site-publisher")
    assert "<b>Office</b>" not in about.html
    helping = page(own_site, "how-to-help")
    assert "<h1" in helping.html and "Helping &lt;b&gt;out&lt;/b&gt;" in helping.html
    assert '<a href="https://riverton.example/upload" rel="noopener noreferrer">documents</a>' in helping.html
    assert "tracker.example" not in helping.html


def test_the_home_page_opens_with_the_folders_introduction(own_site: Path, plain_site: Path) -> None:
    home = page(own_site, "")
    assert "Welcome to Riverton's record of surveillance technology." in home.text_of("home-introduction")
    assert "<em>surveillance</em>" in home.html
    assert "home-introduction" not in page(plain_site, "").html


def test_every_footer_names_publisher_contact_corrections_licence_and_last_update(own_site: Path) -> None:
    pages = all_pages(own_site)
    assert len(pages) > 20
    for built in pages:
        footer = built.text_of("site-footer")
        assert "Published by Riverton Clerk <b>Office</b> About this record" in footer, built.path
        assert "Contact: clerk@riverton.example" in footer
        assert "Send a correction: corrections@riverton.example" in footer
        assert "Licence: CC0 1.0" in footer
        # The newest record dated on or before the build's day (the 2030 hearing is upcoming).
        assert "Last updated: August 2025" in footer, footer
        assert '<a href="mailto:corrections@riverton.example">' in built.html
        assert "<b>Office</b>" not in built.html
    assert PINNED_TODAY < "2030"


def test_record_pages_say_how_to_send_a_correction_and_other_pages_do_not(own_site: Path) -> None:
    letter = page(own_site, LETTER)
    note = letter.text_of("corrections")  # beside the sources (record_page.py)
    assert "Found an error?" in note and "corrections@riverton.example" in note
    assert "record-corrections" not in letter.html, "one corrections note per page"
    person = page(own_site, "people/ada-okafor")
    assert "Found an error in this record?" in person.text_of("record-corrections")
    for listing in ("", "letters", "about", "follow"):
        assert "record-corrections" not in page(own_site, listing).html, listing


def test_corrections_as_a_sentence_are_printed_not_linked(tmp_path: Path) -> None:
    sentence = "Write to the clerk at City Hall, room 205."
    site = build_for_reading(tmp_path, _copy(tmp_path, settings=f'corrections: "{sentence}"\n'))
    letter = page(site, LETTER)
    assert f"Found an error? {sentence}" in letter.text_of("site-footer")
    assert sentence in letter.text_of("corrections")
    assert 'href="Write' not in letter.html


def test_the_shipped_record_is_milwaukees_own(shipped_site: Path) -> None:
    home = page(shipped_site, "")
    assert "Milwaukee surveillance technology record</title>" in home.html
    assert "Published by civic-record contributors" in home.text_of("site-footer")
    assert "CC0 1.0" in home.text_of("site-footer")
    about = page(shipped_site, "about")
    assert "About this record" in about.html and "Milwaukee Police Department" in about.html
    for name in TOOL_DOCS:
        assert not (shipped_site / name).exists()


def test_site_url_comes_from_the_command_line_then_site_yml(tmp_path: Path) -> None:
    records = _copy(tmp_path, settings="site_url: https://records.example.org/riverton\n")
    from_settings = build_for_reading(tmp_path / "a", records)
    assert (
        '<link rel="canonical" href="https://records.example.org/riverton/about/">' in page(from_settings, "about").html
    )
    from_flag = build_for_reading(tmp_path / "b", records, "--site-url", "https://other.example/sub/path")
    assert '<link rel="canonical" href="https://other.example/sub/path/about/">' in page(from_flag, "about").html


def test_a_build_without_site_url_says_what_it_cannot_do_and_strict_refuses(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    result = run_build(CORPUS, site_dir)
    assert result.returncode == 0
    warning = next(line for line in result.stderr.splitlines() if line.startswith("warning: no site_url"))
    for words in ("permanent addresses", "feeds", "404 page"):
        assert words in warning
    assert "hint: pass --site-url" in result.stderr
    before = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*"))
    strict = run_build(CORPUS, site_dir, "--strict")
    assert strict.returncode == 1
    assert "error: no site_url" in strict.stderr and "hint: pass --site-url" in strict.stderr
    assert "Nothing was published" in strict.stderr
    assert sorted(p.relative_to(site_dir) for p in site_dir.rglob("*")) == before
    assert run_build(CORPUS, site_dir, "--strict", "--site-url", "https://x.example/r/").returncode == 0


def test_a_bad_site_url_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    result = run_build(CORPUS, tmp_path / "site", "--site-url", "javascript:alert(1)")
    assert result.returncode == 2
    assert result.stderr.startswith("error: --site-url:")
    assert not (tmp_path / "site").exists()


def test_the_404_page_works_under_a_sub_path(tmp_path: Path) -> None:
    site = build_for_reading(tmp_path, CORPUS, "--site-url", "https://host.example/sub/path/")
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in html
    assert 'action="/sub/path/search/"' in html and 'name="q"' in html
    assert 'href="/sub/path/">The home page of Surveillance technology record</a>' in html
    assert 'href="/sub/path/assets/stylesheets/' in html and 'href="/sub/path/stylesheets/site-identity.css"' in html
    hrefs = re.findall(r'(?:href|src|action)="([^"]+)"', html)
    relative = [h for h in hrefs if not h.startswith(("/sub/path/", "https://", "#", "mailto:"))]
    assert not relative, relative


def test_shipped_build_is_unchanged_by_the_test_environment() -> None:
    """The shipped records carry their own site.yml and About page (not mkdocs.yml)."""
    assert (RECORDS / "site.yml").is_file() and (RECORDS / "pages" / "about.md").is_file()
    assert "Milwaukee" not in (RECORDS.parent / "mkdocs.yml").read_text(encoding="utf-8")


def test_serve_previews_the_site_under_the_sub_path_of_its_site_url(tmp_path: Path) -> None:
    from tests.building import ROOT
    from tests.test_serve import _fetch_until, _free_port

    records = _copy(tmp_path, settings="site_url: https://records.example.org/riverton/\n")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "build_site.py", "serve", "--records", str(records), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        about = _fetch_until(f"http://127.0.0.1:{port}/riverton/about/", "site-footer")
        assert "How to read a record" in about
    finally:
        server.terminate()
        server.wait(timeout=20)

"""Page generation details a reader would notice: links under sub-paths, escaping, sanitizing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.pages import Site, generate_pages
from civic_record.record_text import render_record_text


def test_relative_links_work_from_any_depth() -> None:
    site = Site(Corpus(Path("."), {}), dt.date(2026, 1, 1))
    assert site.href("letters/a.md", "people/b.md") == "../../people/b/"
    assert site.href("letters/a.md", "index.md") == "../../"
    assert site.href("index.md", "letters/a.md") == "letters/a/"
    assert site.href("letters/index.md", "letters/page/2.md") == "page/2/"
    flat = Site(Corpus(Path("."), {}), dt.date(2026, 1, 1), directory_urls=False)
    assert flat.href("letters/a.md", "people/b.md") == "../people/b.html"
    assert flat.href("letters/a.md", "index.md") == "../index.html"


def test_record_text_is_sanitized() -> None:
    html = render_record_text(
        'Hi <script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'
        ' <a href="https://example.org" onclick="alert(4)">ok</a>\n\n<iframe src="https://evil.example"></iframe>'
    )
    for bad in ("<script", "onerror", "javascript:", "onclick", "<iframe", "<img"):
        assert bad not in html
    assert 'href="https://example.org"' in html


def test_hostile_titles_are_escaped_in_generated_pages(tmp_path: Path) -> None:
    records = tmp_path / "records"
    (records / "documents").mkdir(parents=True)
    (records / "documents" / "2025-01-01-x.md").write_text(
        '---\ntitle: "</title><script>alert(1)</script>"\ndate: 2025-01-01\nkind: statement\n'
        'summary: "<img src=x onerror=alert(1)>"\nsources:\n  - {url: "https://example.org", title: t, kind: press}\n'
        "---\nText\n",
        encoding="utf-8",
    )
    corpus, problems = check_records(records)
    assert not problems.errors
    page = generate_pages(Site(corpus, dt.date(2026, 1, 1)))["documents/2025-01-01-x.md"].text()
    assert "<script" not in page and "<img" not in page
    assert "&lt;/title&gt;&lt;script&gt;" in page

"""Golden output: the fixture corpus's generated Markdown, committed and compared.

``make golden`` (``python -m tests.golden``) rewrites the expected files after a deliberate
change to the generators; review the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from civic_record.check import check_records
from civic_record.pages import Site, generate_pages

FIXTURE_RECORDS = Path(__file__).parent / "fixtures" / "corpus" / "records"
EXPECTED = Path(__file__).parent / "fixtures" / "golden"
PINNED_TODAY = dt.date(2026, 6, 1)
"""Pinned so that "upcoming" does not change with the calendar."""


def generated_pages() -> dict[str, str]:
    corpus, problems = check_records(FIXTURE_RECORDS)
    if problems.errors:
        raise SystemExit(problems.report())
    site = Site(
        corpus,
        PINNED_TODAY,
        site_name="Riverton (fictional) test record",
        site_url="https://records.example.org/riverton/",
    )
    return {src: page.text() for src, page in generate_pages(site).items()}


def main() -> None:
    pages = generated_pages()
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for src, content in pages.items():
        target = EXPECTED / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    print(f"wrote {len(pages)} expected pages to {EXPECTED}")


if __name__ == "__main__":
    main()

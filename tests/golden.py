"""Golden output: what the generators make of two corpora, committed and compared.

For the small fixture corpus (Riverton) and the fictional demonstration corpus (Fairhaven), the
generated Markdown of every page and every output file (feeds, calendars, JSON twins, the JSON
and CSV downloads, sitemaps) are kept under ``tests/fixtures/golden/<corpus>/pages/`` and
``.../outputs/``. The JSON Schema files have their golden copy in ``schema/`` (``test_schema_*``).

Generated HTML comes in long lines (a table is one line). So that a diff shows the changed cell,
the files are stored with a line break between every two adjacent tags, the continuation line
marked with ``↳`` (:func:`spread`); the comparison is exact, since :func:`joined` undoes it and a
generated text that holds ``\\n↳`` itself is refused.

``make golden`` (``python -m tests.golden``) rewrites the expected files after a deliberate
change to the generators; review the diff before committing it.

The corpora are read from a copy outside any git repository, so that feed dates come from the
records themselves, not from when the fixture files were committed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.outputs import generate_outputs
from civic_record.pages import Site, generate_pages

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "fixtures" / "golden"
PINNED_TODAY = dt.date(2026, 6, 1)
"""Pinned so that "upcoming" does not change with the calendar."""
MARK = "\n↳"


@dataclass(frozen=True)
class GoldenCorpus:
    name: str
    records: Path
    site_name: str
    site_url: str


CORPORA = (
    GoldenCorpus(
        "riverton",
        ROOT / "tests" / "fixtures" / "corpus" / "records",
        "Riverton (fictional) test record",
        "https://records.example.org/riverton/",
    ),
    GoldenCorpus(
        "demo",
        ROOT / "examples" / "demo" / "records",
        "Fairhaven surveillance technology record (fictional demonstration)",
        "https://records.example.org/fairhaven/",
    ),
)
RIVERTON = CORPORA[0]
FIXTURE_RECORDS = RIVERTON.records
EXPECTED = GOLDEN / RIVERTON.name / "pages"
"""The Riverton pages' golden files (``tests/test_addresses.py`` reads them too)."""


def spread(text: str) -> str:
    """``text`` with a marked line break between every two adjacent tags (``><``)."""
    if MARK in text:
        raise ValueError("generated text holds the golden files' line mark itself; choose another mark")
    return text.replace("><", ">" + MARK + "<")


def joined(text: str) -> str:
    """The text :func:`spread` was given."""
    return text.replace(MARK, "")


@contextmanager
def _outside_git(records: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="civic-record-golden-") as tmp:
        copy = Path(tmp) / "records"
        shutil.copytree(records, copy, symlinks=True)
        yield copy


def golden_site(directory_urls: bool = True, corpus: GoldenCorpus = RIVERTON) -> Site:
    """The site the golden files are made from (the records as they are in the repository)."""
    loaded, problems = check_records(corpus.records)
    if problems.errors:
        raise SystemExit(problems.report())
    return _site(loaded, corpus, directory_urls)


def _site(loaded: Corpus, corpus: GoldenCorpus, directory_urls: bool) -> Site:
    settings = loaded.settings
    return Site(
        loaded,
        PINNED_TODAY,
        site_name=corpus.site_name,
        site_url=corpus.site_url,
        directory_urls=directory_urls,
        city=settings.city or "",
        licence=settings.licence or "",
        licence_url=settings.licence_url or "",
        contact=settings.contact or "",
    )


def generated_pages(directory_urls: bool = True, corpus: GoldenCorpus = RIVERTON) -> dict[str, str]:
    """The golden pages (``use_directory_urls: true``); with ``directory_urls=False`` the same
    pages in the other URL style, which ``tests/test_addresses.py`` compares with them."""
    site = golden_site(directory_urls, corpus)
    return {src: page.text() for src, page in generate_pages(site).items()}


def generated(corpus: GoldenCorpus) -> dict[str, str]:
    """Every golden file of ``corpus``: ``pages/<src>`` and ``outputs/<path>``, as generated."""
    with _outside_git(corpus.records) as records:
        loaded, problems = check_records(records)
        if problems.errors:
            raise SystemExit(problems.report())
        site = _site(loaded, corpus, directory_urls=True)
        files = {f"pages/{src}": page.text() for src, page in generate_pages(site).items()}
        files.update({f"outputs/{path}": text for path, text in generate_outputs(site).items()})
    return files


def expected(corpus: GoldenCorpus) -> dict[str, str]:
    """The committed golden files of ``corpus``, joined back to the generated text."""
    folder = GOLDEN / corpus.name
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as file:  # calendars end lines with CRLF
                found[path.relative_to(folder).as_posix()] = joined(file.read())
    return found


def expected_pages() -> dict[str, str]:
    """The Riverton pages' golden Markdown, by source path."""
    return {path.removeprefix("pages/"): text for path, text in expected(RIVERTON).items() if path.startswith("pages/")}


def main() -> None:
    for corpus in CORPORA:
        files = generated(corpus)
        folder = GOLDEN / corpus.name
        shutil.rmtree(folder, ignore_errors=True)
        for path, content in files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(spread(content), encoding="utf-8", newline="\n")
        print(f"wrote {len(files)} golden files to {folder.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

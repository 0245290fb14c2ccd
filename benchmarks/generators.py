"""Time the page and output generators alone, without MkDocs: where per-page scans would show.

    python -m benchmarks.synthetic_corpus /tmp/c10k 10000
    python -m benchmarks.generators /tmp/c10k

Loads and checks the records (timed apart), then runs ``generate_pages`` and
``generate_outputs`` once, as a build does before MkDocs turns the pages into HTML, and prints
the seconds each took and how many files they made. A generator that scans the whole corpus
for each page grows with the square of the corpus: compare 10,000 records with 100,000.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from civic_record.check import check_records
from civic_record.dates import today
from civic_record.outputs import generate_outputs
from civic_record.pages import Site, generate_pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", type=Path, help="a records folder, e.g. one benchmarks.synthetic_corpus wrote")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    corpus, _ = check_records(args.records)
    loaded = time.perf_counter()
    site = Site(corpus=corpus, today=today())
    pages = generate_pages(site)
    paged = time.perf_counter()
    outputs = generate_outputs(site)
    done = time.perf_counter()
    print(
        f"{len(corpus.records):,} records: load and check {loaded - started:.1f} s; "
        f"pages {paged - loaded:.1f} s ({len(pages):,}); outputs {done - paged:.1f} s ({len(outputs):,}); "
        f"generators {done - loaded:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

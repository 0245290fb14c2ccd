"""Write a large corpus in which every file has several problems, to time `check` on it.

    python -m benchmarks.broken_corpus DIR [FILES]

Each file has exactly ``PROBLEMS_PER_FILE`` problems: an unknown field, an impossible
date, an impossible time, an invalid confidence and a javascript: source URL.
"""

from __future__ import annotations

import sys
from pathlib import Path

PROBLEMS_PER_FILE = 5
CODES = ("schema.unknown-field", "date.invalid", "date.invalid-time", "schema.invalid-value", "url.not-http")

TEMPLATE = """---
title: "Broken record {n}"
date: 2025-02-30
summary: "A generated record with five problems."
time: "25:00"
confidence: certain
kind: statement
colour: blue
sources:
  - url: "javascript:alert({n})"
    title: "Source {n}"
    kind: press
---
Text of record {n}.
"""


def write_broken_corpus(folder: Path, files: int) -> None:
    documents = folder / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        (documents / f"2025-02-28-broken-{n:05d}.md").write_text(TEMPLATE.format(n=n), encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    write_broken_corpus(target, count)
    print(f"wrote {count} broken records ({count * PROBLEMS_PER_FILE} problems) to {target}")

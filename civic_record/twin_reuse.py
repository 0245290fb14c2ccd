"""The JSON twin of each record (``outputs/data_json.py``), copied from the previous build when
nothing it was made from changed: as pages are by ``page_reads``.

Making every twin again (the record's fields, what its page derives from the corpus, the
indented JSON) was half of the files made beside the pages on every build and every
``serve`` refresh: 3 s of 10,000 records. While a twin is made, the corpus it sees is the
noting view of ``page_reads``; its reads (and the record itself) are kept with the digest of
the twin's text, in ``.civic-record-data.json`` in the site. The next build digests the same
reads on its own corpus: when the key is the same, and the previous site's file is still the
text that build wrote, that text is used without making the twin. The key also holds this
tool's code, the installed libraries and the site's settings and day
(``page_reads.site_digest``). ``CIVIC_RECORD_VERIFY_READS=1`` makes every twin anyway and
stops the build if it differs from the one copied.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .addresses import json_twin
from .checked_files import code_version
from .models import Record
from .page_reads import ReadDigests, noting, reading_site, reads_key, site_digest, storable, verifying
from .page_reuse import listed_reads, numbered_reads, read_regular
from .site import Site

LIST_NAME = ".civic-record-data.json"
FORMAT = 1
LIST_LIMIT = 512 * 2**20
TWIN_LIMIT = 64 * 2**20


@dataclass(frozen=True)
class _Entry:
    key: str
    digest: str
    reads: list[Any] | None
    numbers: tuple[int, ...] | None = None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class TwinReuse:
    """The twins of one build: each made, or copied from ``previous`` (a site this tool built)."""

    def __init__(self, site: Site, previous: Path | None) -> None:
        self.previous = previous
        self.reading = reading_site(site)
        self.digests = ReadDigests(site.corpus)
        self.site = site_digest(site)
        self.fingerprint = code_version()
        self.table: list[Any] = []
        self.kept: dict[str, _Entry] = {}
        self.made: dict[str, _Entry] = {}
        self.copied = 0
        self._load()

    def _load(self) -> None:
        data = read_regular(self.previous / LIST_NAME, LIST_LIMIT) if self.previous is not None else None
        if data is None:
            return
        try:
            listed = json.loads(data.decode("utf-8"))
            if listed.get("format") != FORMAT or not isinstance(listed.get("reads"), list):
                return
            table, twins = listed["reads"], listed["twins"]
            kept = {}
            for path, (key, digest, numbers) in twins.items():
                reads = listed_reads(numbers, table)
                if isinstance(key, str) and isinstance(digest, str) and reads is not None:
                    kept[path] = _Entry(key, digest, reads, tuple(numbers))
        except Exception:  # a list this version cannot read
            return
        self.table, self.kept = table, kept

    def text(self, record: Record, make: Callable[[Site, Record], str]) -> str:
        """The twin's text: copied when what it read is the same, else made by ``make``."""
        path = json_twin(record)
        own = ["records", record.id]
        entry = self.kept.get(path)
        if entry is not None and entry.numbers is not None and entry.reads is not None and own in entry.reads:
            now = self.digests.table_key(self.fingerprint, path, self.site, self.table, entry.numbers)
            data = read_regular(self.previous / path, TWIN_LIMIT) if now == entry.key and self.previous else None
            if data is not None and hashlib.sha256(data).hexdigest() == entry.digest:
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError:
                    text = None
                if text is not None:
                    if verifying() and make(self.reading, record) != text:
                        raise RuntimeError(
                            f"{path}: the record's data changed although nothing it was noted reading did "
                            "(an input missed by page_reads; build with --full)"
                        )
                    self.made[path] = entry
                    self.copied += 1
                    return text
        with noting() as noted:
            text = make(self.reading, record)
        noted.add(tuple(own))
        reads = storable(noted)
        key = reads_key(self.fingerprint, path, self.site, reads, self.digests) if reads is not None else None
        self.made[path] = _Entry(key or "", _digest(text), reads if key else None)
        return text

    def write(self, site_dir: Path) -> None:
        """Write the list of this build's twins into the site being built."""
        # a twin without reads is made every build: nothing to list
        entries = [(path, entry) for path, entry in sorted(self.made.items()) if entry.reads is not None]
        reads, indexes = numbered_reads([(entry.numbers, entry.reads) for _, entry in entries], self.table)
        listed = zip(entries, indexes, strict=True)
        twins = {path: [entry.key, entry.digest, numbers] for (path, entry), numbers in listed}
        data = {"format": FORMAT, "reads": reads, "twins": twins}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        site_dir.mkdir(parents=True, exist_ok=True)  # `mkdocs build` makes it later
        (site_dir / LIST_NAME).write_text(text + "\n", encoding="utf-8")

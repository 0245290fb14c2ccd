"""A second yardstick: a minimal Hugo site with the same pages as a corpus, built by ``hugo``.

    python -m benchmarks.hugo_site RECORDS FOLDER
    hugo --quiet --source FOLDER

One content page per record, at the record's own address (``letters/<id>/``), with the
record's title and a short body (its kind, date and summary); one section per record folder,
whose list page links to every record in it, 400 to a page (``letters/page/2/``), as our
listings do; and a home page linking to the sections. The layouts are a few lines of Go
templates, with no theme, no taxonomies, feeds or sitemap: what is timed is Hugo turning
that many pages into HTML, the least a static site generator can do with the corpus. It
needs Debian's ``hugo`` package (``apt-get install hugo``); ``benchmarks/scale.py`` skips it,
with a note, when the command is missing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from civic_record.corpus import Corpus
from civic_record.models import DatedRecord, Record, Technology
from civic_record.site import KIND_LABELS, KIND_PLURALS, display_name
from civic_record.vocabulary import FOLDER_OF, FOLDERS

LISTING_SIZE = 400
"""Links per list page, as ``PAGE_SIZE`` in ``civic_record/pages/indexes.py``."""

CONFIG = """\
baseURL = "https://hugo-baseline.example.org/"
title = "Hugo baseline"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
buildFuture = true
"""

LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}
""",
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>\n'
        f"{{{{ $pager := .Paginate .Pages {LISTING_SIZE} }}}}<ul>{{{{ range $pager.Pages }}}}"
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>\n'
        '{{ template "_internal/pagination.html" . }}{{ end }}\n'
    ),
    "index.html": (
        '{{ define "main" }}<h1>{{ .Site.Title }}</h1>\n<ul>{{ range .Site.Sections }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}</ul>{{ end }}\n'
    ),
}


def _front_matter(values: dict[str, str]) -> str:
    """JSON front matter (Hugo reads a page that starts with ``{`` as JSON): no quoting rules to get wrong."""
    return json.dumps(values, ensure_ascii=False) + "\n\n"


def _body(record: Record) -> str:
    """The kind, the date where there is one, and the summary where there is one."""
    kind = KIND_LABELS[record.kind]
    lines = [f"**{kind}**" + (f" · {record.date.display()}" if isinstance(record, DatedRecord) else "")]
    summary = record.summary if isinstance(record, DatedRecord | Technology) else None
    if summary:
        lines += ["", " ".join(summary.split())]
    return "\n".join(lines) + "\n"


def write_hugo_project(folder: Path, corpus: Corpus) -> Path:
    """Write the Hugo site of ``corpus`` into ``folder`` (replaced); return ``folder``."""
    if folder.exists():
        shutil.rmtree(folder)
    for path, text in LAYOUTS.items():
        target = folder / "layouts" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (folder / "config.toml").write_text(CONFIG, encoding="utf-8")
    content = folder / "content"
    content.mkdir(parents=True)
    (content / "_index.md").write_text(_front_matter({"title": "Hugo baseline"}), encoding="utf-8")
    for name, kind in FOLDERS.items():
        (content / name).mkdir()
        (content / name / "_index.md").write_text(_front_matter({"title": KIND_PLURALS[kind]}), encoding="utf-8")
    for record in corpus.records.values():
        values = {"title": display_name(record)}
        if isinstance(record, DatedRecord):
            values["date"] = record.date.first_day().isoformat()  # list pages newest first, as ours
        page = content / FOLDER_OF[record.kind] / f"{record.id}.md"
        page.write_text(_front_matter(values) + _body(record), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    from civic_record.check import check_records

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", type=Path, help="a records folder (e.g. one benchmarks.synthetic_corpus wrote)")
    parser.add_argument("folder", type=Path, help="where to write the Hugo site (replaced)")
    args = parser.parse_args(argv)
    corpus, _ = check_records(args.records)
    write_hugo_project(args.folder, corpus)
    print(f"wrote a Hugo site of {len(corpus.records)} record pages to {args.folder}; build it with:")
    print(f"  hugo --quiet --source {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

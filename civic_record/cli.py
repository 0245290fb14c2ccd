"""The command line: ``check``, ``build``, ``serve``, ``new``, ``fmt`` and ``schema``, over any
city's records folder."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from pydantic import ValidationError

from . import canonical, new_record, schema_export
from .build import build_site
from .check import check_records
from .checked_files import CheckedFiles
from .mkdocs_plugin import DRAFT_ENV, RECORDS_ENV
from .problem_formats import FORMATS, render_problems
from .site_settings import SiteSettings
from .workers import default_jobs

DRAFT_HELP = (
    "a corpus still being written: references to records not written yet, and records with required "
    "fields still to fill, are warnings (the build leaves those records out and marks every page Draft)"
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build_site.py", description="Public records to a static site.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--records", type=Path, default=Path("records"), help="the records folder (default: records/)")
        sub.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration")

    check = commands.add_parser("check", help="report every problem in the records; exit 1 on errors")
    common(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--draft", action="store_true", help=DRAFT_HELP)
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default): path:line:col lines with hints; github: annotations a pull request shows at "
        "the line; json: the problems as JSON",
    )
    build = commands.add_parser("build", help="check, then build the site (the previous site stays on failure)")
    common(build)
    # A string, not a Path: Path("") is ".", and an empty --site-dir must be refused, not read as
    # the current folder (site_folder.choose_site_dir).
    build.add_argument(
        "--site-dir",
        default="site",
        help="where the site goes (default: site/); a new or empty folder, or a site this tool built",
    )
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--draft", action="store_true", help=DRAFT_HELP)
    build.add_argument(
        "--site-url",
        help="the address the site is published at, sub-path included, e.g. "
        "https://www.example.gov/surveillance-record/ (wins over site_url in records/site.yml and mkdocs.yml; "
        "without one, citations, feeds and the 404 page cannot use absolute addresses, and --strict refuses)",
    )
    build.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        help="processes that render the pages of single records (default: one per core, or "
        "CIVIC_RECORD_JOBS); the site is the same bytes with any number",
    )
    build.add_argument(
        "--full",
        action="store_true",
        help="render every page again (by default a page whose records, settings and templates did not "
        "change since the previous build is copied from it: the same bytes)",
    )
    serve = commands.add_parser("serve", help="preview the site; pages refresh when a record changes")
    common(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    serve.add_argument("--draft", action="store_true", help=DRAFT_HELP)
    serve.add_argument(
        "--site-url",
        help="the published address: the preview is served under its sub-path "
        "(default: site_url in records/site.yml, then mkdocs.yml)",
    )
    new = commands.add_parser("new", help="start a record of one kind, with its required fields to fill")
    new.add_argument("--records", type=Path, default=Path("records"), help="the records folder (default: records/)")
    new_record.add_arguments(new)
    fmt = commands.add_parser("fmt", help="rewrite record files in the one canonical form (--check: only list them)")
    fmt.add_argument("--records", type=Path, default=Path("records"), help="the records folder (default: records/)")
    canonical.add_arguments(fmt)
    schema = commands.add_parser("schema", help="write the record format as JSON Schema files, for editors")
    schema.add_argument("--out", required=True, help="the folder to write them into (made if missing)")
    return parser


def _jobs(value: str) -> int:
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 256):
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes from 1 to 256")
    return int(value)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        cache = CheckedFiles.for_records(args.records)
        _, problems = check_records(args.records, draft=args.draft, jobs=default_jobs(), cache=cache)
        text = render_problems(problems, args.format)
        print(text, file=sys.stderr if problems.items and args.format == "text" else sys.stdout)
        return 1 if problems.has_errors(args.strict) else 0
    if args.command == "build":
        return build_site(
            args.records,
            args.site_dir,
            args.config,
            strict=args.strict,
            site_url=args.site_url,
            exiting=True,
            draft=args.draft,
            jobs=args.jobs,
            full=args.full,
            cache=True,
        )
    if args.command in ("new", "fmt"):
        try:
            return new_record.run(args) if args.command == "new" else canonical.run(args)
        except KeyboardInterrupt:
            # Each file is written whole or not at all (a temporary file renamed over it).
            print(f"error: interrupted; every file {args.command} wrote is whole, the rest unchanged", file=sys.stderr)
            return 130
    if args.command == "schema":
        return schema_export.write_command(args.out)
    return _serve(args)


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.__main__ import ColorFormatter
    from mkdocs.commands.serve import serve

    # What `mkdocs serve` prints: the address, each rebuild, and what each rebuild made.
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.INFO)
    mkdocs_log.propagate = False
    mkdocs_log.addHandler(handler)

    # Read once: the preview's first build reuses these readings (no threads yet: workers may fork).
    cache = CheckedFiles.for_records(args.records)
    corpus, problems = check_records(
        args.records, draft=args.draft, keep_rendered=True, jobs=default_jobs(), cache=cache
    )
    if problems.items:
        print(problems.report(), file=sys.stderr)
    if problems.errors:
        print("The preview did not start: fix the errors above and run serve again.", file=sys.stderr)
        return 1
    site_url = args.site_url or corpus.settings.site_url
    if args.site_url:
        try:
            site_url = SiteSettings(site_url=args.site_url).site_url
        except ValidationError as error:
            print(f"error: --site-url: {error.errors()[0]['msg']}", file=sys.stderr)
            return 2
    os.environ[RECORDS_ENV] = str(args.records.resolve())
    if args.draft:
        os.environ[DRAFT_ENV] = "1"
    # MkDocs serves the preview under the sub-path of site_url, as the site will be published.
    if site_url:
        serve(config_file=str(args.config), dev_addr=args.dev_addr, site_url=site_url)
    else:
        serve(config_file=str(args.config), dev_addr=args.dev_addr)
    return 0

"""The command line: ``check``, ``build`` and ``serve`` over any city's records folder."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pydantic import ValidationError

from .build import build_site
from .check import check_records
from .mkdocs_plugin import RECORDS_ENV
from .site_settings import SiteSettings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build_site.py", description="Public records to a static site.")
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--records", type=Path, default=Path("records"), help="the records folder (default: records/)")
        sub.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration")

    check = commands.add_parser("check", help="report every problem in the records; exit 1 on errors")
    common(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
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
    build.add_argument(
        "--site-url",
        help="the address the site is published at, sub-path included, e.g. "
        "https://www.example.gov/surveillance-record/ (wins over site_url in records/site.yml and mkdocs.yml; "
        "without one, citations, feeds and the 404 page cannot use absolute addresses, and --strict refuses)",
    )
    serve = commands.add_parser("serve", help="preview the site; pages refresh when a record changes")
    common(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    serve.add_argument(
        "--site-url",
        help="the published address: the preview is served under its sub-path "
        "(default: site_url in records/site.yml, then mkdocs.yml)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        _, problems = check_records(args.records)
        print(problems.report(), file=sys.stderr if problems.items else sys.stdout)
        return 1 if problems.has_errors(args.strict) else 0
    if args.command == "build":
        return build_site(
            args.records, args.site_dir, args.config, strict=args.strict, site_url=args.site_url, exiting=True
        )
    from mkdocs.commands.serve import serve

    corpus, problems = check_records(args.records)
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
    # MkDocs serves the preview under the sub-path of site_url, as the site will be published.
    if site_url:
        serve(config_file=str(args.config), dev_addr=args.dev_addr, site_url=site_url)
    else:
        serve(config_file=str(args.config), dev_addr=args.dev_addr)
    return 0

"""The baseline: plain MkDocs + mkdocs-material + Pagefind on the same number of pages.

The project uses the site's own theme settings and Markdown extensions (read from the
repository's ``mkdocs.yml``) and a navigation of a dozen pages, as ours has, so the only
difference is what civic-record adds: reading and checking the records, generating the
pages, feeds, calendars and data files, and the search facets. Each plain page carries
about as much Markdown as an average generated page: a heading, paragraphs, a list and a
small table of made-up words.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
NAV_PAGES = 12
VOCABULARY = """
council commission camera license plate reader policy hearing public comment vote motion
committee ordinance resolution surveillance technology audit report data retention police
department chief alderwoman alderman district meeting agenda item file minutes draft version
section procedure privacy civil liberties oversight contract vendor purchase grant pilot
"""
WORDS = VOCABULARY.split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def _page(rng: random.Random, number: int, target_bytes: int) -> str:
    parts = [f"# Plain page {number}", ""]
    parts += ["| Field | Value |", "| --- | --- |"]
    parts += [f"| {rng.choice(WORDS)} | {rng.choice(WORDS)} {rng.randint(1, 999)} |" for _ in range(4)]
    parts.append("")
    parts += [f"- {_sentence(rng)}" for _ in range(3)]
    parts.append("")
    text = "\n".join(parts)
    while len(text.encode("utf-8")) < target_bytes:
        text += "\n" + " ".join(_sentence(rng) for _ in range(4)) + "\n"
    return text


def write_plain_project(folder: Path, pages: int, bytes_per_page: int, seed: int = 0) -> Path:
    """Write ``folder/mkdocs.yml`` and ``folder/docs/`` with ``pages`` pages; return the config path."""
    ours = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    docs = folder / "docs"
    for number in range(pages):
        path = docs / f"section-{number // 500:03d}" / f"page-{number:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page(rng, number, bytes_per_page), encoding="utf-8")
    (docs / "index.md").write_text("# Plain baseline\n\nGenerated pages for a benchmark.\n", encoding="utf-8")
    nav = [{"Home": "index.md"}] + [
        {f"Page {n}": f"section-{n // 500:03d}/page-{n:06d}.md"} for n in range(min(NAV_PAGES, pages))
    ]
    theme = {key: value for key, value in ours["theme"].items() if key != "custom_dir"}
    config = {
        "site_name": "Plain baseline",
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": theme,
        "markdown_extensions": ours["markdown_extensions"],
        "plugins": [],
        "nav": nav,
        "validation": {"omitted_files": "ignore"},
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path

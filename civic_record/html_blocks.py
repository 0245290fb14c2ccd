"""Generated HTML passed through Markdown untouched, without being parsed again.

Generated pages are Markdown whose headings Markdown turns into the table of contents, and
whose bodies are HTML blocks built (and escaped) by ``pages/site.py``. Python-Markdown
would run every such block through its HTML parser to find where it ends: measured at
1,000 records, that parsing was half of the whole build. Each block is therefore written
between two marker comments, and this extension's preprocessor stores it in Markdown's
HTML stash in one piece, as Markdown's own raw-HTML handling would, minus the parsing.

Record text cannot forge a marker: it reaches a block either HTML-escaped or sanitized by
nh3, which removes comments.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

OPEN = "<!-- civic-record:html -->"
CLOSE = "<!-- /civic-record:html -->"


def html_block(markup: str) -> str:
    """``markup`` as a block that Markdown keeps as it is."""
    return f"{OPEN}\n{markup}\n{CLOSE}"


class _StashGeneratedHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        kept: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == OPEN:
                    block = []
                else:
                    kept.append(line)
            elif line == CLOSE:
                kept += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # no closing marker: leave the text to Markdown
            kept += [OPEN, *block]
        return kept


class GeneratedHtmlExtension(Extension):
    """Register with MkDocs (the plugin does) or any ``markdown.Markdown`` instance."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before Markdown's own raw-HTML handling (20).
        md.preprocessors.register(_StashGeneratedHtml(md), "civic_record_html", 25)

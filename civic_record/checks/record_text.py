"""Record text: each record's Markdown renders in bounded time, exactly as the build renders it.

``check`` does not otherwise render Markdown, so without this check a text could pass ``check``
and then hang or crash the build. Two steps per record:

1. the linear pre-scan :func:`~civic_record.record_text.text_limits`, whose problems are reported
   at their own line in the file;
2. for a text within the limits, one rendering with the build's own engine
   (:func:`~civic_record.record_text.render_record_text`); any error it raises is reported at the
   text's first line, so that ``check`` and ``build`` agree. Rendering every text costs what the
   build's own rendering of them costs: 11 ms for the 17 texts of the shipped records (``check``
   itself takes 14 ms), 0.5 s for the 662 texts of a 1,000-record synthetic corpus (0.56 s).
"""

from __future__ import annotations

from ..corpus import Corpus
from ..problem_codes import Code
from ..problems import Problems
from ..record_text import TextTooComplexError, render_record_text, text_limits

RENDER_FAILED = Code.TEXT_RENDER_FAILED


def check_record_text(corpus: Corpus, problems: Problems) -> None:
    """Report every record or page of ``records/pages/`` whose text is too complex to render in
    time, or fails to render."""
    texts: list[tuple[str, str, int]] = [
        (source.display, source.text, source.text_line)
        for source in (corpus.files[record_id] for record_id in sorted(corpus.files))
    ]
    texts.extend((page.display, page.text, page.text_line) for _, page in sorted(corpus.pages.items()))
    for display, text, text_line in texts:
        if text.strip():
            _check_text(display, text, text_line, problems)


def _check_text(display: str, text: str, text_line: int, problems: Problems) -> None:
    found = text_limits(text)
    if not found:
        try:
            render_record_text(text, within_limits=True)  # kept: the pages show it again
        except TextTooComplexError as exc:  # nested deeper than Python can recurse
            found = exc.problems
        except Exception as exc:  # any error here would stop the build
            problems.error(
                display,
                text_line,
                1,
                RENDER_FAILED,
                f"the text cannot be rendered ({type(exc).__name__}: {exc})",
                "simplify the text's markup; if it looks right, report this as a bug in civic-record",
            )
            return
    for problem in found:
        # at the problem's line in the file: the text starts at ``text_line``
        line = text_line + problem.line - 1
        problems.error(display, line, problem.column, problem.code, problem.message, problem.hint)

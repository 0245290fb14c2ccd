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

from ..corpus import Corpus, RecordFile
from ..problems import Problems
from ..record_text import TextLimitProblem, TextTooComplexError, render_record_text, text_limits

RENDER_FAILED = "text.render-failed"


def check_record_text(corpus: Corpus, problems: Problems) -> None:
    """Report every record whose text is too complex to render in time, or fails to render."""
    for record_id in sorted(corpus.files):
        source = corpus.files[record_id]
        if not source.text.strip():
            continue
        found = text_limits(source.text)
        if not found:
            try:
                render_record_text(source.text)
            except TextTooComplexError as exc:  # nested deeper than Python can recurse
                found = exc.problems
            except Exception as exc:  # any error here would stop the build
                problems.error(
                    source.display,
                    source.text_line,
                    1,
                    RENDER_FAILED,
                    f"the text cannot be rendered ({type(exc).__name__}: {exc})",
                    "simplify the text's markup; if it looks right, report this as a bug in civic-record",
                )
                continue
        for problem in found:
            _report(source, problem, problems)


def _report(source: RecordFile, problem: TextLimitProblem, problems: Problems) -> None:
    """At the problem's line in the file: the text starts at ``text_line``."""
    line = source.text_line + problem.line - 1
    problems.error(source.display, line, problem.column, problem.code, problem.message, problem.hint)

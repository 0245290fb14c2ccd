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

Both steps are pure functions of the text: with more than one job and more than a batch of
texts, they run in worker processes forked from the command (``workers.py``), which send
back each text's HTML or problems; the report is the same, in the same order. 6.4 s → 3.4 s
for the 6,630 texts of a 10,000-record corpus on two cores. A worker that dies (killed, out
of memory) leaves its texts to the command's own process.
"""

from __future__ import annotations

import gc
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ..checked_files import CheckedFiles, digest
from ..corpus import Corpus
from ..problem_codes import CODES, Code
from ..problems import Problems
from ..record_text import (
    TextLimitProblem,
    TextTooComplexError,
    is_rendered,
    keep_only_rendered,
    keep_rendered,
    render_record_text,
    text_limits,
)
from ..workers import forked_pool, mapped, stop

RENDER_FAILED = Code.TEXT_RENDER_FAILED
BATCH = 64
"""Texts per batch sent to a worker."""


@dataclass(frozen=True)
class _Outcome:
    """What checking one text found: its HTML, or its problems, or the error rendering raised."""

    html: str | None = None
    found: tuple[TextLimitProblem, ...] = ()
    error: str | None = None


def check_record_text(corpus: Corpus, problems: Problems, jobs: int = 1, cache: CheckedFiles | None = None) -> None:
    """Report every record or page of ``records/pages/`` whose text is too complex to render in
    time, or fails to render. ``cache``: texts it kept are not checked again, and it keeps the
    others' outcome (``checked_files``)."""
    texts: list[tuple[str, str, int]] = [
        (source.display, source.text, source.text_line)
        for source in (corpus.files[record_id] for record_id in sorted(corpus.files))
    ]
    texts.extend((page.display, page.text, page.text_line) for _, page in sorted(corpus.pages.items()))
    texts = [(display, text, line) for display, text, line in texts if text.strip()]
    keep_only_rendered({text for _, text, _ in texts})  # a serve's texts edited or deleted since
    known = _known(texts, cache)
    ahead = _checked_ahead([text for _, text, _ in texts if text not in known], jobs)
    for display, text, text_line in texts:
        outcome = known.get(text) or ahead.get(text) or _check_text(text)
        if cache is not None and outcome.error is None:  # an error may be this run's alone (memory)
            cache.used_text(digest(text), _outcome_entry(outcome), reused=text in known)
        _report(display, text_line, outcome, problems)


def _known(texts: list[tuple[str, str, int]], cache: CheckedFiles | None) -> dict[str, _Outcome]:
    """What the cache kept of checking these texts before; their HTML kept for the pages."""
    known: dict[str, _Outcome] = {}
    if cache is None:
        return known
    for _, text, _ in texts:
        if text in known:
            continue
        entry = cache.text(digest(text))
        try:
            outcome = _outcome_from(entry) if entry is not None else None
        except (KeyError, TypeError, ValueError):
            outcome = None  # not what this code keeps: check the text again
        if outcome is not None:
            known[text] = outcome
            if outcome.html is not None:
                keep_rendered(text, outcome.html)
    return known


def _outcome_entry(outcome: _Outcome) -> object:
    """A text's HTML or problems, as the cache keeps them (a render error is never kept)."""
    if outcome.html is not None:
        return {"html": outcome.html}
    return {"found": [[p.line, p.column, p.code, p.message, p.hint] for p in outcome.found]}


def _outcome_from(entry: object) -> _Outcome:
    """The outcome kept by ``_outcome_entry``; raises ``ValueError`` for anything else."""
    if not isinstance(entry, dict) or len(entry) != 1:
        raise ValueError("not an outcome")
    if isinstance(entry.get("html"), str):
        return _Outcome(html=entry["html"])
    found = []
    for line, column, code, message, hint in entry["found"]:
        if not (type(line) is int and type(column) is int and isinstance(message, str) and isinstance(hint, str)):
            raise ValueError("not a problem")
        found.append(TextLimitProblem(line, column, CODES[code], message, hint))
    return _Outcome(found=tuple(found))


def _check_text(text: str) -> _Outcome:
    found = text_limits(text)
    if found:
        return _Outcome(found=tuple(found))
    try:
        return _Outcome(html=render_record_text(text, within_limits=True))  # kept: the pages show it again
    except TextTooComplexError as exc:  # nested deeper than Python can recurse
        return _Outcome(found=tuple(exc.problems))
    except Exception as exc:  # any error here would stop the build
        return _Outcome(error=f"{type(exc).__name__}: {exc}")


def _check_batch(texts: list[str]) -> list[_Outcome]:
    return [_check_text(text) for text in texts]


def _checked_ahead(texts: list[str], jobs: int) -> dict[str, _Outcome]:
    """The texts not rendered yet, checked in ``jobs`` worker processes when there are enough
    of them; the HTML kept for the pages as if rendered here. Empty with one job."""
    todo = sorted({text for text in texts if not is_rendered(text)})
    batches = [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
    if jobs <= 1 or len(batches) <= 1:
        return {}
    outcomes: dict[str, _Outcome] = {}
    gc.collect()
    gc.freeze()  # the workers share the command's memory: no collection pass to copy it
    executor = forked_pool(min(jobs, len(batches)))
    try:
        for batch, results in zip(batches, mapped(executor, _check_batch, batches), strict=True):
            outcomes.update(zip(batch, results, strict=True))
    except BrokenProcessPool:
        pass  # a worker died: the texts it did not send back are checked in this process
    finally:
        stop(executor)
        gc.unfreeze()
    for text, outcome in outcomes.items():
        if outcome.html is not None:
            keep_rendered(text, outcome.html)
    return outcomes


def _report(display: str, text_line: int, outcome: _Outcome, problems: Problems) -> None:
    if outcome.error is not None:
        problems.error(
            display,
            text_line,
            1,
            RENDER_FAILED,
            f"the text cannot be rendered ({outcome.error})",
            "simplify the text's markup; if it looks right, report this as a bug in civic-record",
        )
        return
    for problem in outcome.found:
        # at the problem's line in the file: the text starts at ``text_line``
        line = text_line + problem.line - 1
        problems.error(display, line, problem.column, problem.code, problem.message, problem.hint)

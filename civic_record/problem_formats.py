"""``check --format``: the problems as text for people, annotations for code review, or JSON.

- ``text``: ``path:line:col: error [code]: message`` and the hint, then the summary line.
- ``github``: one workflow command per problem (``::error file=…,line=…,col=…,title=…::message``),
  which GitHub Actions (and Gitea and Forgejo Actions, which read the same commands) show as an
  annotation at that line of the pull request's diff; then the summary line.
- ``json``: ``{"problems": [...], "errors": n, "warnings": n, "summary": "..."}``, each problem
  with ``path``, ``line``, ``column``, ``severity``, ``code``, ``message`` and ``hint``.
"""

from __future__ import annotations

import json

from .problems import Problem, Problems

FORMATS = ("text", "github", "json")


def render_problems(problems: Problems, form: str) -> str:
    """The whole report in ``form`` (one of ``FORMATS``)."""
    if form == "github":
        return "\n".join([*(_annotation(p) for p in problems.sorted()), problems.summary()])
    if form == "json":
        items = problems.sorted()
        document = {
            "problems": [_as_dict(p) for p in items],
            "errors": sum(1 for p in items if p.severity.value == "error"),
            "warnings": sum(1 for p in items if p.severity.value == "warning"),
            "summary": problems.summary(),
        }
        return json.dumps(document, ensure_ascii=False, indent=2)
    return problems.report()


def _as_dict(problem: Problem) -> dict[str, object]:
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity.value,
        "code": problem.code,
        "message": problem.message,
        "hint": problem.hint,
    }


def _annotation(problem: Problem) -> str:
    """``::error file=path,line=n,col=n,title=code::message`` (the hint follows the message).

    GitHub reads a workflow command up to the end of the line: '%', CR and LF in the message are
    escaped as %25, %0D and %0A, and in a property ',' and ':' too, as its runner does
    (``toolkit/packages/core/src/command.ts``). A problem's text is already on one line
    (``problems.printable``); the escaping keeps a '::' or a ',' in a file name from ending a
    property early.
    """
    message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
    properties = ",".join(
        f"{name}={_property(value)}"
        for name, value in (
            ("file", problem.path),
            ("line", str(problem.line)),
            ("col", str(problem.column)),
            ("title", f"[{problem.code}]"),
        )
    )
    return f"::{problem.severity.value} {properties}::{_data(message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")

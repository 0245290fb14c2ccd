"""Record text renders in bounded time: text that would hang or crash the build is refused by ``check``.

Python-Markdown and nh3 take time that grows with the square of some inputs, and recurse once per
level of nesting (``civic_record/record_text.py`` lists what was measured). Each hostile text below
is generated at a size that, without the guard, hangs the build (times measured unguarded on the
2-core build machine are in the comments) or raises RecursionError; the test asserts that the
guard refuses it, reported at the right line of the record's file, and that the same shape just
under each limit renders. No test here depends on wall-clock time.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from civic_record import record_text
from civic_record import text_limits as text_limits_module
from civic_record.checks import record_text as text_check
from civic_record.checks.record_text import RENDER_FAILED, check_record_text
from civic_record.loading import load_corpus
from civic_record.problems import Problem, Problems
from civic_record.record_text import TextTooComplexError, render_record_text, text_limits
from civic_record.text_limits import MAX_DEPTH, MAX_FOOTNOTES, MAX_HTML_TAGS, MAX_REFERENCES_PER_FOOTNOTE

from . import cases
from .conftest import CORPUS, ROOT

CODE = re.compile(r"^[a-z]+\.[a-z-]+$")
CODES = {
    "text.too-deep",
    "text.too-much-markup",
    "text.unclosed-brackets",
    "text.block-too-long",
    "text.too-many-footnotes",
    "text.too-much-html",
}

FRONT_MATTER = """\
---
title: "A record with a hostile text (fictional)"
date: 2025-10-01
kind: statement
summary: Fictional test record.
sources:
  - url: https://example.org/riverton/hostile-text
    title: "Hostile text"
    kind: primary
---
"""
TEXT_LINE = FRONT_MATTER.count("\n") + 1
"""The file line on which the text starts."""
HOSTILE = "documents/2025-10-01-hostile-text.md"


def checked(tmp_path: Path, text: str) -> list[Problem]:
    """The problems ``check_record_text`` finds in the fixture corpus plus one record with ``text``."""
    records = cases.corpus_with(tmp_path, [])
    (records / HOSTILE).write_text(FRONT_MATTER + text, encoding="utf-8")
    corpus, _ = load_corpus(records)
    assert "2025-10-01-hostile-text" in corpus.files
    problems = Problems()
    check_record_text(corpus, problems)
    return problems.items


def nested_list(depth: int) -> str:
    return "".join("    " * level + "- item\n" for level in range(depth))


# (id, text, code, line in the text, column): the first problem of that code is reported there.
Shape = tuple[str, Callable[[], str], str, int, int]
SHAPES: list[Shape] = [
    # RecursionError without the guard.
    ("list nested 250 deep", lambda: nested_list(250), "text.too-deep", MAX_DEPTH + 1, 1),
    ("500 list markers on one line", lambda: "Intro.\n\n" + "- " * 500 + "item\n", "text.too-deep", 3, 1),
    ("quote nested 1,000 deep", lambda: "> " * 1000 + "quoted", "text.too-deep", 1, 1),
    # 8,000 '[' took 19 s (9 s here).
    ("8,000 unclosed '['", lambda: "Intro.\n\n" + "[" * 8000, "text.unclosed-brackets", 3, 1),
    # 40 KB of link starts: 22.5 s.
    ("10,000 unclosed link destinations", lambda: "Intro.\n\n" + "[a](" * 10000, "text.unclosed-brackets", 3, 4),
    # Backtick runs of 999 different lengths, none closed: 15 s.
    (
        "999 unclosed code quotes",
        lambda: "".join("`" * k + " a " for k in range(1, 1000)),
        "text.unclosed-brackets",
        1,
        1,
    ),
    # 20,000 footnotes: 21 s.
    (
        "20,000 footnotes",
        lambda: "".join(f"[^{i}]: Note {i}.\n\n" for i in range(20000)),
        "text.too-many-footnotes",
        2 * MAX_FOOTNOTES + 1,
        1,
    ),
    # One note referenced 2,000 times: 2.2 s (6.8 s for ten times shorter notes).
    (
        "one footnote referenced 2,000 times",
        lambda: "See the note[^1]. " * 2000 + "\n\n[^1]: The note.\n",
        "text.too-many-footnotes",
        1,
        len("See the note[^1]. ") * MAX_REFERENCES_PER_FOOTNOTE + len("See the note") + 1,
    ),
    # 16,000 headings in one block: 6.9 s.
    ("16,000 headings without blank lines", lambda: "# Heading\n" * 16000, "text.block-too-long", 1, 1),
    # An emphasis opener, then a run of 30,000 '*': each '*' matches the rest of the run (16,000: 2.2 s).
    ("a run of 30,000 '*'", lambda: "Intro.\n\n_" + "*" * 30_000, "text.block-too-long", 3, 1),
    # A code block followed by 50,000 blank lines: 19 s.
    (
        "code block and 50,000 blank lines",
        lambda: "Intro.\n\n    " + "x" * 1_000_000 + "\n" + "\n" * 50000 + "End.",
        "text.block-too-long",
        3,
        1,
    ),
    # 100,000 '<a': the HTML parser rescans to the end from each (16,000 took 1.4 s).
    ("100,000 unclosed HTML tags", lambda: "<a" * 100_000, "text.too-much-html", 1, 2 * MAX_HTML_TAGS + 1),
    # Quoted attribute values that chain to the end of the text from every '<' (4,000: 1.7 s).
    ("HTML attributes quoted to the end", lambda: "x <a href='" * 4000, "text.too-much-html", 1, 3),
]

# Shapes refused for their sheer amount of markup: reported where the count passes the limit.
MASSES: list[tuple[str, Callable[[], str]]] = [
    ("100,000 paragraphs", lambda: "Paragraph.\n\n" * 100_000),  # 8.4 s
    ("2,000,000 blank lines", lambda: "a" + "\n" * 2_000_000),  # about 2 minutes (quadratic)
    ("2,000,000 '&'", lambda: "&" * 2_000_000),  # 5.4 s
    ("65,000 emphases in one paragraph", lambda: "*a*" * 65_000),  # 16 s
    ("lines indented five levels in a list", lambda: nested_list(5) + (" " * 20 + "b\n") * 50_000),  # 11.5 s
]


@pytest.mark.parametrize(("shape", "make", "code", "line", "column"), SHAPES, ids=[s[0] for s in SHAPES])
def test_hostile_text_is_refused_at_its_line(
    tmp_path: Path, shape: str, make: Callable[[], str], code: str, line: int, column: int
) -> None:
    found = [p for p in checked(tmp_path, make()) if p.code == code]
    assert len(found) == 1, shape
    problem = found[0]
    assert problem.path.endswith(HOSTILE)
    assert (problem.line, problem.column) == (TEXT_LINE + line - 1, column)
    assert problem.message and problem.hint
    assert problem.severity.value == "error"


@pytest.mark.parametrize(("shape", "make"), MASSES, ids=[m[0] for m in MASSES])
def test_too_much_markup_is_reported_where_the_limit_is_passed(shape: str, make: Callable[[], str]) -> None:
    text = make()
    found = [p for p in text_limits(text) if p.code == "text.too-much-markup"]
    assert len(found) == 1, shape
    lines = text.split("\n")
    line = found[0].line
    before = "\n".join(lines[: line - 1])
    through = "\n".join(lines[:line])
    assert "text.too-much-markup" not in {p.code for p in text_limits(before)}
    assert "text.too-much-markup" in {p.code for p in text_limits(through)}


def test_render_refuses_what_the_guard_refuses() -> None:
    text = "[" * 8000
    with pytest.raises(TextTooComplexError) as raised:
        render_record_text(text)
    assert raised.value.problems == text_limits(text)
    assert "text.unclosed-brackets" in {p.code for p in raised.value.problems}
    assert str(raised.value).startswith("line 1: ")


@pytest.fixture
def default_recursion_limit() -> Iterator[None]:
    """Python's default recursion limit: other tests (and libraries) may have raised it, and
    then the nesting below would not recurse deeply enough to fail."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        yield
    finally:
        sys.setrecursionlimit(before)


@pytest.mark.usefixtures("default_recursion_limit")
def test_render_turns_recursion_into_a_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a text the guard missed cannot crash the build with a RecursionError."""
    monkeypatch.setattr(record_text, "text_limits", lambda text: [])
    with pytest.raises(TextTooComplexError) as raised:
        render_record_text("- " * 2000 + "item")
    assert [p.code for p in raised.value.problems] == ["text.too-deep"]
    assert isinstance(raised.value.__cause__, RecursionError)


@pytest.mark.usefixtures("default_recursion_limit")
def test_a_refused_recursion_leaves_later_records_rendering_right(monkeypatch: pytest.MonkeyPatch) -> None:
    """A conversion cut short by RecursionError left list states on the shared converter's stack,
    and later records rendered their HTML as escaped text: the converter is replaced instead."""
    text = 'Hi <img src=x onerror="alert(2)"> <b>bold</b>'
    before = render_record_text(text)
    with monkeypatch.context() as patched:
        patched.setattr(record_text, "text_limits", lambda text: [])
        with pytest.raises(TextTooComplexError):
            render_record_text("- " * 2000 + "item")
    assert render_record_text(text) == before
    assert "<b>bold</b>" in before and "onerror" not in before


@pytest.mark.usefixtures("default_recursion_limit")
def test_check_reports_a_recursion_at_the_first_text_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_check, "text_limits", lambda text: [])
    monkeypatch.setattr(record_text, "text_limits", lambda text: [])
    found = checked(tmp_path, "- " * 2000 + "item")
    assert [(p.code, p.line, p.column) for p in found] == [("text.too-deep", TEXT_LINE, 1)]


def test_check_reports_a_failing_render_at_the_first_text_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``check`` renders each text as the build will, so a text that breaks the build fails ``check``."""

    def broken(text: str, **_: object) -> str:
        if "boom" in text:
            raise RuntimeError("boom")
        return ""

    monkeypatch.setattr(text_check, "render_record_text", broken)
    found = checked(tmp_path, "Intro.\n\nThis text goes boom.\n")
    assert [(p.path.endswith(HOSTILE), p.line, p.column, p.code) for p in found] == [
        (True, TEXT_LINE, 1, RENDER_FAILED)
    ]
    assert "RuntimeError: boom" in found[0].message


# --------------------------------------------------------------------------------------------
# Just under each limit, the same shapes render.
# --------------------------------------------------------------------------------------------

UNDER_AND_OVER: list[tuple[str, str, str, str]] = [
    ("depth", nested_list(MAX_DEPTH), nested_list(MAX_DEPTH + 1), "text.too-deep"),
    (
        "unclosed brackets",
        "[" * 40 + "a" * 9960,  # 40 unclosed '[' in a paragraph of 10,000 characters
        "[" * 50 + "a" * 9950,
        "text.unclosed-brackets",
    ),
    (
        "footnotes",
        "".join(f"Text[^{i}] and again[^{i}].\n\n" for i in range(MAX_FOOTNOTES))
        + "".join(f"[^{i}]: Note {i}.\n" for i in range(MAX_FOOTNOTES)),
        "".join(f"[^{i}]: Note {i}.\n" for i in range(MAX_FOOTNOTES + 1)),
        "text.too-many-footnotes",
    ),
    (
        "references to one footnote",
        "See[^1]. " * MAX_REFERENCES_PER_FOOTNOTE + "\n\n[^1]: The note.",
        "See[^1]. " * (MAX_REFERENCES_PER_FOOTNOTE + 1) + "\n\n[^1]: The note.",
        "text.too-many-footnotes",
    ),
    (
        "HTML tags",
        "\n\n".join(["<b>bold</b> " * 50] * (MAX_HTML_TAGS // 100)),
        "\n\n".join(["<b>bold</b> " * 50] * (MAX_HTML_TAGS // 100)) + " <br>",
        "text.too-much-html",
    ),
    ("paragraphs", "Paragraph.\n\n" * 8800, "Paragraph.\n\n" * 9000, "text.too-much-markup"),
    ("headings in one block", "# Heading\n" * 1000, "# Heading\n" * 2000, "text.block-too-long"),
]


@pytest.mark.parametrize(("limit", "under", "over", "code"), UNDER_AND_OVER, ids=[u[0] for u in UNDER_AND_OVER])
def test_just_under_each_limit_renders(limit: str, under: str, over: str, code: str) -> None:
    assert text_limits(under) == []
    assert render_record_text(under)
    assert code in {p.code for p in text_limits(over)}


# --------------------------------------------------------------------------------------------
# Real records never come near the limits.
# --------------------------------------------------------------------------------------------


def _texts(folder: Path) -> list[tuple[str, str]]:
    corpus, _ = load_corpus(folder)
    return [(source.display, source.text) for source in corpus.files.values() if source.text.strip()]


@pytest.mark.parametrize("folder", [ROOT / "records", ROOT / "examples" / "demo" / "records", CORPUS])
def test_shipped_records_are_within_the_limits(folder: Path) -> None:
    texts = _texts(folder)
    assert texts
    for display, text in texts:
        assert text_limits(text) == [], display
        render_record_text(text)


def long_policy() -> str:
    """A 20-page policy: numbered sections, nested lists, tables, links, emphasis and footnotes."""
    parts = ["# Use policy for face recognition (fictional)\n"]
    note = 0
    for section in range(1, 41):
        parts.append(f"## {section}. Section {section}\n")
        for paragraph in range(3):
            note += 1
            parts.append(
                f"The department *shall* review each request under [Ordinance {section}-{paragraph}]"
                f"(https://example.org/ordinances/{section}/{paragraph}) and record the outcome in the "
                f"**annual report**, as the council required (see `section {section}.{paragraph}`).[^{note}] "
                "Requests from other agencies are handled the same way, and the public may ask for the log "
                "at any time; the department answers within ten business days.\n"
            )
        parts.append(
            "".join(
                f"{item}. Step {item} of the review.\n    - Who approves it\n        - and who is told\n"
                for item in range(1, 6)
            )
        )
        if section % 4 == 0:
            rows = "".join(
                f"| {row} | Camera {row} | *active* | [map](https://example.org/m/{row}) |\n" for row in range(50)
            )
            parts.append("| # | Device | Status | Location |\n|---|---|---|---|\n" + rows)
    parts.append("\n".join(f"[^{n}]: Council resolution {n}, adopted in public session." for n in range(1, note + 1)))
    return "\n\n".join(parts) + "\n"


def test_a_twenty_page_policy_is_within_the_limits() -> None:
    text = long_policy()
    assert len(text) > 60_000
    assert text_limits(text) == []
    assert render_record_text(text).count('<li id="fn:') == 120


# --------------------------------------------------------------------------------------------
# Property: any text from the dangerous alphabet renders, or is refused with a located problem.
# --------------------------------------------------------------------------------------------

DANGEROUS = [
    "[", "]", "(", ")", "![", "](", "[^1]", "[^1]: note\n", "[a]: http://x\n", "<", ">", "<a ", "<a href='", "</a>",
    "<b>", "</b>", "<div>", "</div>", "<!--", "-->", "<![CDATA[", "<?", "&", "&amp;", "&#1;", "*", "**", "_", "__",
    "`", "``", "\\", "\\[", "\\|", "'", '"', "|", "|-|-|\n", "- ", "1. ", "> ", "    ", "  ", "\t", "\n", "\n\n",
    "# ", "---\n", "===\n", "word ", "http://x.y/", "<http://x>", "a@b.c", "<1@2>", "\u2028", "é", "😀", "\r",
]  # fmt: skip


@settings(max_examples=100)
@given(parts=st.lists(st.sampled_from(DANGEROUS), min_size=1, max_size=24), repeat=st.integers(1, 600))
@example(parts=["["], repeat=600)
@example(parts=["- "], repeat=300)
@example(parts=["[^1]", " "], repeat=100)
@example(parts=["<a href='"], repeat=600)
@example(parts=["`", "a", "``"], repeat=600)
def test_dangerous_markdown_renders_or_is_refused_with_a_location(parts: list[str], repeat: int) -> None:
    text = ("".join(parts) * repeat)[:20_000]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    problems = text_limits(text)
    for problem in problems:
        assert problem.code in CODES
        assert 1 <= problem.line <= lines
        assert problem.column >= 1
        assert problem.message and problem.hint
        assert "\n" not in problem.message
    try:
        html = render_record_text(text)
    except TextTooComplexError as refused:
        assert refused.problems == problems or (not problems and refused.problems[0].code == "text.too-deep")
    else:
        assert problems == []
        assert isinstance(html, str)


def test_the_guard_escapes_what_python_markdown_escapes() -> None:
    """An escaped '[' is hidden from the link processors (by a placeholder longer than itself): the
    guard must agree with the converter on which characters escape. A backslash before a backtick
    does not hide it from code spans, which come first, so the guard reads that backtick."""
    pattern = text_limits_module._INLINE
    for char in record_text._converter().ESCAPED_CHARS:
        match = pattern.match("\\" + char)
        assert (match is not None and match.lastgroup == "esc") == (char != "`"), char
    for char in "a<&~":
        match = pattern.match("\\" + char)
        assert match is None or match.lastgroup != "esc"


# --------------------------------------------------------------------------------------------
# Lines are counted from the file: blank lines below the front matter are not in the text.
# --------------------------------------------------------------------------------------------


def test_lines_are_right_after_blank_lines_below_the_front_matter(tmp_path: Path) -> None:
    found = checked(tmp_path, "\n\n" + nested_list(MAX_DEPTH + 1))
    assert [(p.code, p.line) for p in found] == [("text.too-deep", TEXT_LINE + 2 + MAX_DEPTH)]


def test_lines_are_right_with_windows_line_endings(tmp_path: Path) -> None:
    records = cases.corpus_with(tmp_path, [])
    content = (FRONT_MATTER + "Intro.\n\n" + nested_list(MAX_DEPTH + 1)).replace("\n", "\r\n")
    (records / HOSTILE).write_bytes(content.encode("utf-8"))
    corpus, _ = load_corpus(records)
    problems = Problems()
    check_record_text(corpus, problems)
    assert [(p.code, p.line, p.column) for p in problems.items] == [("text.too-deep", TEXT_LINE + 2 + MAX_DEPTH, 1)]

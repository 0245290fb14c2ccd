"""Record text that renders in bounded time: the linear pre-scan ``text_limits``.

Rendering time must be bounded. Python-Markdown (3.11) and nh3 take time that grows with the
square of some inputs (an unclosed ``[`` is rescanned to the end of its paragraph by each of
three link processors; every inline element copies its whole paragraph; every block split copies
the rest of its block; unclosed HTML is rescanned to the end of the text; one footnote referenced
many times is renumbered from the start each time) and recurse once per level of list or quote
nesting. :func:`text_limits` is a linear pre-scan that estimates each of these costs from the
text's shape, with generous limits; :func:`render_record_text` refuses text that exceeds them, so
any text within the 2 MiB file limit renders in about two seconds at most (the worst shapes found
at the largest size each limit allows rendered in under 1.1 s). The costs below were measured on
the 2-core build machine in November 2026, per unit of work, and rounded up. Where the pre-scan
cannot tell how Python-Markdown splits a block, it assumes the costlier reading: it may refuse a
text that would have rendered in time, never the other way round.

The problem codes (area ``text``): ``text.too-deep``, ``text.too-much-markup``,
``text.unclosed-brackets``, ``text.block-too-long``, ``text.too-many-footnotes`` and
``text.too-much-html``; ``civic_record.checks.record_text`` adds ``text.render-failed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown import htmlparser as _md_htmlparser

from .problem_codes import Code

# --------------------------------------------------------------------------------------------
# Limits. Real records (letters, minutes, 20-page policies with footnotes and tables) stay far
# below every one; each is sized so that text just under it still renders in a fraction of a
# second, and all of them together in about two seconds.
# --------------------------------------------------------------------------------------------

MAX_DEPTH = 20
"""Nesting of lists, block quotes and indentation. Python-Markdown recurses about four frames per
level and raised RecursionError at 250 levels of list (a line of 450 ``- `` markers); each level
also costs another pass over the nested lines. Real texts nest 3 or 4 levels."""

MAX_MARKUP = 20_000
"""Pieces of markup in one text: each paragraph or other block counts 2; each list marker, quote
marker or level of indentation, heading, rule, table cell and inline element (emphasis, code,
link, image, footnote reference, escape, entity, ``<``, line break) counts 1; every 8 lines (blank
ones too), tabs, brackets, parentheses, quotes, bare ``&`` or ``>`` count 1. Measured: 30 to 60 µs each,
even when spread over many paragraphs (a paragraph costs 60 µs, a list item 27-50, a table cell 19,
a link 38, an emphasis 27; a bare ``&`` 3 µs, a line 0.6 µs), so 20,000 cost at most about 0.6 s.
A 20-page policy holds about 2,000."""

MAX_FOOTNOTES = 1_000
"""Footnote definitions. Each costs about 80 µs, and each reference looks its note up in a list of
all of them (30 ns per note): 1,000 notes and 2,000 references take about 0.15 s."""

MAX_FOOTNOTE_REFERENCES = 2_000
"""Footnote references (``[^label]``) in one text."""

MAX_REFERENCES_PER_FOOTNOTE = 50
"""References to one footnote: each new reference renumbers the earlier ones (1.7 µs each), so the
cost grows with the square: 2,000 references to one note took 6.8 s, 50 take 2 ms."""

MAX_HTML_TAGS = 5_000
"""HTML tags and comments. nh3 (html5ever) is quadratic in the nesting of elements: 16,000 nested
``<div>`` took 0.8 s to sanitize, 4,000 took 0.03 s."""

MAX_UNCLOSED_NS = 150_000_000
"""Budget, in estimated nanoseconds, for rescanning after unclosed brackets and code quotes: every
``[`` is scanned up to its ``]`` (or the end of its paragraph when there is none) by three link
processors in Python, 350 ns per character; every link destination ``](`` up to its ``)``, 150 ns
per character; every run of backticks up to the next run of the same length, 80 ns per character.
Measured: 8,000 ``[`` in one paragraph took 9 s (and 19 s when the attacker ran it); a paragraph of
10,000 characters may hold about 40 unclosed ``[``."""

MAX_BLOCK_NS = 250_000_000
"""Budget, in estimated nanoseconds, for work that grows with the square of a block's size: each
inline element copies its paragraph (1 ns per character, per byte of width) and each one looks
itself up among its siblings (6 ns per pair); each heading, rule or definition line inside a block
without blank lines copies and re-tests the rest of the block (130 ns per line, 10 ns per
character); each line of a list item copies the item so far (0.05 ns per character, per level of
nesting); each blank line or indented block after a code block copies the code (0.15 ns per
byte); each table row splits on its backticks pairwise (15 ns per pair); a run of ``*`` or ``_`` is
matched from each of its characters (10 ns per pair). Measured: 16,000
headings in one block took 6.9 s, 65,000 emphases in one paragraph 16 s, 50,000 lines in one list
item nested 5 deep 11.5 s, ``_`` then 16,000 ``*`` 2.2 s."""

MAX_HTML_NS = 200_000_000
"""Budget, in estimated nanoseconds, for the HTML parser that extracts raw HTML: a ``<`` followed
by a letter is matched as a tag up to its ``>`` (6 ns per character, longer through quoted
values), an end tag, comment or declaration searched for its end (3 ns per character, to the end
of the text when it is missing), the rest of the text copied after each (0.15 ns per byte), and
each attribute parsed (1.5 µs) and checked against the others (1 ns per pair). Measured: 16,000
``<a`` took 1.4 s and 4,000 ``<a href='`` 1.7 s."""

# Estimated costs, in nanoseconds (see the limits above).
_NS_BRACKET = 350
_NS_LINK_DESTINATION = 150
_NS_BACKTICKS = 80
_NS_COPY = 1.0
_NS_SIBLINGS = 6
_NS_SPLIT_LINE = 130
_NS_SPLIT_CHAR = 10
_NS_ITEM_LINE_CHAR = 0.05
_NS_CODE_COPY_BYTE = 0.15
_NS_TABLE_TICKS = 15
_NS_DELIMITER_RUN = 10
_NS_HTML_TAG_CHAR = 6
_NS_HTML_SEARCH_CHAR = 3
_NS_HTML_COPY_BYTE = 0.15
_NS_HTML_ATTRIBUTE = 1_500
_NS_HTML_ATTRIBUTE_PAIR = 1

_UNIT = 8
"""Markup is counted in eighths: a piece of markup is 8, a line or a bracket 1."""

_PLACEHOLDER_GROWTH = 13
"""Python-Markdown replaces escapes, code spans and footnote references by a placeholder of up to
15 characters before the link processors scan for brackets: ``[\\*`` repeated scanned 4.5 times
longer than ``[`` alone."""

_CONTAINER = re.compile(r"( *)(?:(>) ?|(?:[*+-]|[0-9]+\.)(?: +|\Z))")
_HEADING = re.compile(r"#{1,6}(?:\\.|[^\\#]|#+(?=[^#\n]))*?#*\Z")
_RULE = re.compile(r" {0,3}(?=(?P<g>(?:-+ {0,2}){3,}|(?:_+ {0,2}){3,}|(?:\*+ {0,2}){3,}))(?P=g) *\Z")
_UNDERLINE = re.compile(r"(?:=+|-+) *\Z")
_BULLET = re.compile(r" {0,3}[*+-] +")
_NUMBERED = re.compile(r" {0,3}[0-9]+\. +")
_FOOTNOTE_DEFINITION = re.compile(r" {0,3}\[\^([^\]]*)\]:")
_LINK_DEFINITION = re.compile(r" {0,3}\[[^\[\]]*\]:")
_SPLITTER = re.compile(r"#|(?:[-*_=] *){3,}\Z|=+ *\Z|-+ *\Z|\[")
# The first characters of lines that may nest, split a block, start a list or define something.
_BLOCK_START = frozenset(" >#*+-_=[0123456789")
# A line with nothing for the block or inline processors: it only lengthens its paragraph.
_PLAIN = re.compile(r"[^ >#*+\-_=\[<|0-9`\\&()\]'\"!][^\\`*_&<>\[\]()'\"|!]*\Z")
_INLINE = re.compile(
    r"""(?P<esc>\\[\\*_{}\[\]()>\#+\-.!|])
      | (?P<tick>`+)
      | (?P<delim>\*+|_+)
      | (?P<ent>&(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[A-Za-z0-9]+);)
      | (?P<lt><[A-Za-z/!?]?)
      | (?P<open>\[)
      | (?P<close>\]\(?)
      | (?P<lp>\()
      | (?P<rp>\))
      | (?P<quote>['"])
      | (?P<pipe>\|)
      | (?P<small>&)""",
    re.VERBOSE,
)
# Where a token may start: the pass jumps between these in C and looks at each in Python, and each
# one counts as markup, so the pass stays linear and short.
_SPECIAL = re.compile(r"[\\`*_&<\[\]()'\"|]")
# Python-Markdown's own copy of html.parser, with the start-tag pattern it patches in: the one it
# runs from every '<' followed by a letter.
_STARTTAG_END: re.Pattern[str] = vars(vars(_md_htmlparser)["htmlparser"])["locatestarttagend_tolerant"]
_MARKED_SECTION_END = re.compile(r"]\s*]?\s*>")
_MULTILINE_LABEL = "\n"


@dataclass(frozen=True)
class TextLimitProblem:
    """One limit a record's text exceeds, at a line (1-based, within the text) and column."""

    line: int
    column: int
    code: Code
    message: str
    hint: str


class TextTooComplexError(ValueError):
    """Raised by :func:`render_record_text` for text it refuses to render."""

    def __init__(self, problems: list[TextLimitProblem]) -> None:
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"line {first.line}: {first.message} [{first.code}]{more}")


@dataclass
class _Run:
    """One stretch of inline text that Python-Markdown processes as a whole (a paragraph, list
    item, heading or table row), or a superset of it: lines join unless they surely split."""

    line: int
    length: int = 0
    lines: int = 0
    width: int = 1
    tokens: int = 0
    in_list: bool = False
    depth: int = 0
    ticks_seen: int = 0
    links_seen: int = 0
    quotes_seen: int = 0
    brackets_seen: int = 0
    # Open ``[``: offset, line, column, backtick runs and link destinations seen before it.
    brackets: list[tuple[int, int, int, int, int]] = field(default_factory=list)
    # Open ``(``: offset, line, column, backtick runs, quotes and brackets seen before; a link's?
    parens: list[tuple[int, int, int, int, int, int, bool]] = field(default_factory=list)
    # Backtick runs waiting for a run of the same length: length -> [(offset, line, column)].
    ticks: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)
    # Scans that run to the end of the paragraph: offset, line, column, cost per character.
    to_end: list[tuple[int, int, int, int]] = field(default_factory=list)
    scan_ns: float = 0.0
    unclosed: int = 0
    worst: tuple[float, int, int] = (0.0, 0, 0)

    def scanned(self, chars: int, ns_per_char: int, line: int, column: int) -> None:
        cost = chars * ns_per_char
        self.scan_ns += cost
        if cost > self.worst[0]:
            self.worst = (cost, line, column)


@dataclass
class _Chunk:
    """Lines between blank lines: a block Python-Markdown splits further only line by line."""

    line: int
    lines: int = 0
    chars: int = 0
    splitters: int = 0


@dataclass
class _Html:
    position: int
    kind: str
    index: int
    column: int
    open_tags: int
    chunk: int


class _Scan:
    """One linear pass over the text's lines, then one over its HTML tags."""

    def __init__(self, text: str) -> None:
        text = text.replace("\x02", "").replace("\x03", "").replace("\r\n", "\n").replace("\r", "\n")
        self.raw = text.split("\n")
        self.lines = [line.expandtabs(4) if "\t" in line else line for line in self.raw]
        self.problems: dict[Code, TextLimitProblem] = {}
        self.markup = 0
        self.stopped = False
        self.unclosed_ns = 0.0
        self.worst_unclosed: tuple[float, int, int, int, int] = (0.0, 0, 0, 0, 0)
        self.block_ns = 0.0
        self.worst_block: tuple[float, int, str] = (0.0, 0, "")
        self.footnotes = 0
        self.references = 0
        self.per_footnote: dict[str, int] = {}
        self.html: list[_Html] = []
        self.chunk_ends: list[int] = []
        self.chunk_open_tags = 0
        self.run: _Run | None = None
        self.chunk: _Chunk | None = None
        self.indented = False
        self.defines = ""
        self.sub_start = True
        self.mode = ""
        self.line_in_sub = 0
        # The code block being extended: blank lines and indented blocks append to it.
        self.code = 0
        self.code_width = 1
        self.code_open = False
        self.code_line = 0

    # -- reporting ----------------------------------------------------------------------------

    def report(self, index: int, at: int, code: Code, message: str, hint: str) -> None:
        """Keep the first problem of each code, at a 0-based line index and expanded column."""
        if code not in self.problems:
            self.problems[code] = TextLimitProblem(index + 1, self.column(index, at), code, message, hint)

    def column(self, index: int, expanded: int) -> int:
        """1-based column in the line as written, from a 0-based column after tab expansion."""
        raw = self.raw[index]
        if "\t" not in raw:
            return expanded + 1
        width = 0
        for i, char in enumerate(raw):
            width = (width // 4 + 1) * 4 if char == "\t" else width + 1
            if width > expanded:
                return i + 1
        return len(raw) + 1

    def count(self, units: int, index: int) -> None:
        self.markup += units
        if self.markup > MAX_MARKUP * _UNIT:
            self.report(
                index,
                0,
                Code.TEXT_TOO_MUCH_MARKUP,
                f"the text holds more than {MAX_MARKUP:,} pieces of markup (paragraphs, list items, table cells, "
                "links, emphasis and the like); rendering it would take too long",
                "split the text into several records, or move long tables and lists into an attachment",
            )
            self.stopped = True

    # -- the pass over lines ------------------------------------------------------------------

    def scan(self) -> list[TextLimitProblem]:
        position = 0
        for index, line in enumerate(self.lines):
            if self.stopped:
                break
            if len(line) != len(self.raw[index]):  # tabs, expanded to up to four spaces each
                self.count(self.raw[index].count("\t"), index)
            if not line.strip(" "):
                self.close_chunk(position)
                self.count(1, index)
                if self.code:
                    self.extend_code()
            elif _PLAIN.match(line) and not self.sub_start:
                self.plain_line(index, line)
            else:
                self.line(index, line, position)
            position += len(line) + 1
        self.close_chunk(position)
        if not self.stopped:
            self.scan_html("\n".join(self.lines))
        self.report_budgets()
        return sorted(self.problems.values(), key=lambda p: (p.line, p.column, p.code))

    def plain_line(self, index: int, line: str) -> None:
        """The common case, kept cheap: a line of text inside a paragraph or list item."""
        chunk = self.chunk
        run = self.run
        assert chunk is not None and run is not None
        if self.code_open:
            self.code_open, self.code = False, 0
        self.defines = ""
        chunk.lines += 1
        chunk.chars += len(line) + 1
        run.length += len(line) + 1
        run.lines += 1
        if not line.isascii():
            run.width = max(run.width, _width(line))
        if line.endswith("  "):
            run.tokens += 1
            self.count(_UNIT, index)
        self.count(1, index)
        self.indented = False
        self.line_in_sub += 1

    def line(self, index: int, line: str, position: int) -> None:
        if self.chunk is None:
            self.chunk = _Chunk(index + 1)
            self.count(2 * _UNIT, index)
            self.code_open = line.startswith("    ")
            if not self.code_open:
                self.code, self.code_width = 0, 1
            elif self.code:
                self.extend_code()
            else:
                self.code_line = index + 1
        if self.code_open:
            if line.startswith("    "):
                self.code += len(line) + 1
                if not line.isascii():
                    self.code_width = max(self.code_width, _width(line))
            else:
                self.code_open, self.code, self.code_width = False, 0, 1
        chunk = self.chunk
        chunk.lines += 1
        chunk.chars += len(line) + 1
        self.count(1, index)
        if not self.sub_start and line[0] not in _BLOCK_START:
            # Text going on in the same block: it cannot nest, split the block or define anything.
            self.indented = False
            self.defines = ""
            if self.mode == "table":
                self.close_run()
                self.open_run(index)
            else:
                self.join_run(index)
            self.tokens(index, line, 0, position)
            self.line_in_sub += 1
            return
        depth, content, listed = self.containers(index, line)
        if depth:
            self.count(depth * _UNIT, index)
        plain = depth == 0
        text = line[content:]
        stripped = text.lstrip(" ")
        indented = len(text) - len(stripped) >= 4
        definition = _FOOTNOTE_DEFINITION.match(text)
        link_definition = None if definition else _LINK_DEFINITION.match(text)
        defines = "^" if definition else "[" if link_definition else ""
        # Consecutive definitions are read in one pass; other lines like these may split the block.
        splits = _SPLITTER.match(stripped) is not None and not (defines and defines == self.defines)
        if splits or (indented and not self.indented):
            chunk.splitters += 1
        self.indented = indented
        self.defines = defines
        # Lines that surely end the inline text before them and start a new one.
        # (A very long line is taken for text: the pattern is slow on it, and joining errs on the safe side.)
        heading = plain and line.startswith("#") and len(line) <= 10_000 and _HEADING.match(line) is not None
        rule = plain and _RULE.match(line) is not None
        underline = plain and self.line_in_sub == 1 and _UNDERLINE.match(line) is not None
        if heading or rule or underline:
            self.count(_UNIT, index)
            self.close_run()
            if heading:
                self.open_run(index)
                self.tokens(index, line, 1, position)
                self.close_run()
            self.sub_start, self.mode, self.line_in_sub = True, "", 0
            return
        mode = self.mode
        if self.sub_start:
            self.close_run()
            self.mode = self.block_mode(index, line, plain)
            self.open_run(index)
        elif mode == "table" or (mode == "ul" and _BULLET.match(line)) or (mode == "ol" and _NUMBERED.match(line)):
            self.close_run()
            self.open_run(index)
        else:
            self.join_run(index)
        run = self.run
        assert run is not None
        run.in_list = run.in_list or listed or self.mode in ("ul", "ol")
        run.depth = max(run.depth, depth)
        start = content
        if definition:
            self.footnote(index)
            start += definition.end()
        elif link_definition:
            start += link_definition.end()
        self.tokens(index, line, start, position)
        self.sub_start = False
        self.line_in_sub += 1

    def containers(self, index: int, line: str) -> tuple[int, int, bool]:
        """Nesting depth of the line (quote and list markers, levels of indentation), where its
        text starts, and whether it has a list marker. Over-counts rather than under-counts."""
        position = 0
        markers = 0
        spaces = 0
        listed = False
        while markers <= MAX_DEPTH:
            match = _CONTAINER.match(line, position)
            if match is None:
                break
            markers += 1
            spaces += len(match.group(1))
            listed = listed or match.group(2) is None
            position = match.end()
        rest = line[position:] if position else line
        depth = markers + (spaces + len(rest) - len(rest.lstrip(" "))) // 4
        if depth > MAX_DEPTH:
            self.report(
                index,
                0,
                Code.TEXT_TOO_DEEP,
                f"lists, quotes and indentation are nested more than {MAX_DEPTH} levels deep here",
                "flatten the list or quote; indent a nested list by four spaces per level only",
            )
        return min(depth, MAX_DEPTH + 1), position, listed

    def block_mode(self, index: int, line: str, plain: bool) -> str:
        """How the block starting at this line splits into inline texts: table rows, list items of
        one kind (sane lists), or not at all (paragraph, quote, code, HTML: all joined)."""
        if not plain:
            return ""
        following = self.lines[index + 1] if index + 1 < len(self.lines) else ""
        if following.strip(" ") and _is_table(line, following):
            return "table"
        if _BULLET.match(line):
            return "ul"
        if _NUMBERED.match(line):
            return "ol"
        return ""

    def footnote(self, index: int) -> None:
        self.footnotes += 1
        self.count(_UNIT, index)
        if self.footnotes > MAX_FOOTNOTES:
            self.report(
                index,
                0,
                Code.TEXT_TOO_MANY_FOOTNOTES,
                f"the text defines more than {MAX_FOOTNOTES:,} footnotes",
                "split the text into several records",
            )

    # -- inline texts -------------------------------------------------------------------------

    def open_run(self, index: int) -> None:
        self.run = _Run(index + 1)

    def join_run(self, index: int) -> None:
        if self.run is None:
            self.open_run(index)
        else:
            self.run.length += 1

    def tokens(self, index: int, line: str, start: int, position: int) -> None:
        run = self.run
        assert run is not None
        # Offsets within the paragraph as the link processors see it: escapes, code spans and
        # footnote references have already become placeholders of up to 15 characters.
        base = run.length - start
        run.lines += 1
        if not line.isascii():
            run.width = max(run.width, _width(line))
        tokens = 1 if line.endswith("  ") else 0
        small = line.count(">", start)  # costs a little wherever it is, and affects nothing else
        labels: list[int] = []
        line_ticks = 0
        position_in_line = start
        room = MAX_MARKUP * _UNIT - self.markup
        while tokens * _UNIT + small <= room:
            special = _SPECIAL.search(line, position_in_line)
            if special is None:
                break
            at = special.start()
            match = _INLINE.match(line, at)
            if match is None:  # a backslash that escapes nothing
                small += 1
                position_in_line = at + 1
                continue
            position_in_line = match.end()
            kind = match.lastgroup
            if kind == "esc":
                tokens += 1
                base += _PLACEHOLDER_GROWTH
            elif kind == "ent":
                tokens += 1
            elif kind == "delim":
                tokens += 1
                length = match.end() - at
                if length > 2:
                    # The emphasis processor matches the rest of the run from each of its characters.
                    self.block(length * length * _NS_DELIMITER_RUN, index + 1, f"a run of {length:,} '{line[at]}'")
            elif kind == "tick":
                tokens += 1
                line_ticks += 1
                before = at
                while before > start and line[before - 1] == "\\":
                    before -= 1
                self.backticks(run, base + at, match.end() - at, index, at, (at - before) % 2 == 1)
                base += _PLACEHOLDER_GROWTH
            elif kind == "lt":  # an HTML tag, or an autolink, or just text
                tokens += 1
                if match.end() - at == 2:
                    self.tag(match.group(), position + at, index, at)
            elif kind == "open":
                tokens += 1
                run.brackets_seen += 1
                run.brackets.append((base + at, index + 1, at, run.ticks_seen, run.links_seen))
                if line.startswith("[^", at):
                    labels.append(at + 2)
                    base += _PLACEHOLDER_GROWTH
            elif kind == "close":
                small += 1
                self.close_bracket(run, base + at, match.end() - at == 2, index, at)
                for label in labels:
                    # Long labels are not told apart (slicing them all would be quadratic).
                    self.reference(line[label:at] if at - label <= 200 else _MULTILINE_LABEL, index, label - 2)
                labels.clear()
            elif kind == "lp":
                small += 1
                run.parens.append((base + at, index + 1, at, run.ticks_seen, run.quotes_seen, run.brackets_seen, False))
            elif kind == "rp":
                small += 1
                self.close_paren(run, base + at)
            elif kind == "quote":
                small += 1
                run.quotes_seen += 1
            elif kind == "pipe":  # a table cell
                self.count(_UNIT, index)
            else:
                small += 1
            if self.stopped:
                return
        run.length = base + len(line)
        for label in labels:
            self.reference(_MULTILINE_LABEL, index, label - 2)
        run.tokens += tokens
        self.count(tokens * _UNIT + small, index)
        if line_ticks > 1 and "|" in line:
            self.block(line_ticks * line_ticks * _NS_TABLE_TICKS, index + 1, "a table row with many backticks")

    def backticks(self, run: _Run, offset: int, length: int, index: int, at: int, escaped: bool) -> None:
        """A run of backticks scans (in Python) to the next run of the same length. A backslash
        before it keeps its first backtick out of the opening, but not out of a closing run."""
        run.ticks_seen += 1
        waiting = run.ticks.get(length)
        if waiting:
            for start, line, column in waiting:
                run.scanned(offset - start, _NS_BACKTICKS, line, column)
            waiting.clear()
        opening = length - 1 if escaped else length
        if opening:
            run.ticks.setdefault(opening, []).append((offset, index + 1, at))

    def close_bracket(self, run: _Run, offset: int, link: bool, index: int, at: int) -> None:
        matched = bool(run.brackets)
        if matched:
            start, line, column, ticks, links = run.brackets.pop()
            if run.ticks_seen != ticks or run.links_seen != links:
                # A code span or link destination in between may hide this ']' from Python-Markdown.
                run.to_end.append((start, line, column, _NS_BRACKET))
            else:
                run.scanned(offset - start, _NS_BRACKET, line, column)
        if link:
            run.parens.append(
                (offset + 1, index + 1, at + 1, run.ticks_seen, run.quotes_seen, run.brackets_seen, matched)
            )
            run.links_seen += 1

    def close_paren(self, run: _Run, offset: int) -> None:
        if not run.parens:
            return
        start, line, column, ticks, quotes, brackets, link = run.parens.pop()
        if not link:
            return
        if (run.ticks_seen, run.quotes_seen, run.brackets_seen) != (ticks, quotes, brackets):
            # A title in quotes, a code span or a reference may change where the scan stops.
            run.to_end.append((start, line, column, _NS_LINK_DESTINATION))
        else:
            run.scanned(offset - start, _NS_LINK_DESTINATION, line, column)

    def close_run(self) -> None:
        run = self.run
        if run is None:
            return
        self.run = None
        end = run.length
        for start, line, column, ns in run.to_end:
            run.unclosed += 1
            run.scanned(end - start, ns, line, column)
        for start, line, column, *_ in run.brackets:
            run.unclosed += 1
            run.scanned(end - start, _NS_BRACKET, line, column)
        for start, line, column, _, _, _, link in run.parens:
            if link:
                run.unclosed += 1
                run.scanned(end - start, _NS_LINK_DESTINATION, line, column)
        for waiting in run.ticks.values():
            for start, line, column in waiting:
                run.scanned(end - start, _NS_BACKTICKS, line, column)
        if run.scan_ns:
            self.unclosed_ns += run.scan_ns
            if run.scan_ns > self.worst_unclosed[0]:
                _, line, column = run.worst
                self.worst_unclosed = (run.scan_ns, line, column, run.unclosed, end)
        tokens = run.tokens
        if tokens > 1:
            cost = tokens * end * run.width * _NS_COPY + tokens * tokens * _NS_SIBLINGS
            self.block(cost, run.line, f"{tokens:,} pieces of inline markup in a paragraph of {end:,} characters")
        if run.in_list and run.lines > 1:
            cost = run.lines * end * run.width * (run.depth + 1) * _NS_ITEM_LINE_CHAR
            self.block(cost, run.line, f"a list item of {run.lines:,} lines")

    def close_chunk(self, position: int) -> None:
        self.close_run()
        self.defines = ""
        self.sub_start, self.mode, self.line_in_sub = True, "", 0
        chunk = self.chunk
        if chunk is None:
            return
        self.chunk = None
        self.chunk_ends.append(position)
        self.chunk_open_tags = 0
        if chunk.splitters:
            cost = chunk.splitters * (chunk.lines * _NS_SPLIT_LINE + chunk.chars * _NS_SPLIT_CHAR)
            self.block(
                cost,
                chunk.line,
                f"{chunk.splitters:,} headings, rules, definitions or indented lines in a block of "
                f"{chunk.lines:,} lines without a blank line",
            )

    def extend_code(self) -> None:
        """Python-Markdown appends each blank line and indented block to the code block before it
        by copying the code so far."""
        self.block(
            self.code * self.code_width * _NS_CODE_COPY_BYTE,
            self.code_line,
            "a code block (lines indented by four spaces) extended by many blank lines or indented blocks",
        )
        self.code += 1

    def block(self, cost: float, line: int, what: str) -> None:
        self.block_ns += cost
        if cost > self.worst_block[0]:
            self.worst_block = (cost, line, what)

    # -- footnote references and HTML ---------------------------------------------------------

    def reference(self, label: str, index: int, at: int) -> None:
        self.references += 1
        count = self.per_footnote[label] = self.per_footnote.get(label, 0) + 1
        if self.references > MAX_FOOTNOTE_REFERENCES:
            self.report(
                index,
                at,
                Code.TEXT_TOO_MANY_FOOTNOTES,
                f"the text holds more than {MAX_FOOTNOTE_REFERENCES:,} footnote references",
                "split the text into several records",
            )
        elif count > MAX_REFERENCES_PER_FOOTNOTE:
            self.report(
                index,
                at,
                Code.TEXT_TOO_MANY_FOOTNOTES,
                f"footnote '{label.strip() or '…'}' is referenced more than {MAX_REFERENCES_PER_FOOTNOTE} times",
                "refer to the note once and write 'see note …' elsewhere, or define separate notes",
            )

    def tag(self, token: str, position: int, index: int, at: int) -> None:
        kind = token[1]
        kind = "s" if kind.isalpha() else kind
        if kind == "!" and self.lines[index].startswith("<!--", at):
            kind = "-"
        self.html.append(_Html(position, kind, index, at, self.chunk_open_tags, len(self.chunk_ends)))
        if kind == "s":
            self.chunk_open_tags += 1
        if len(self.html) == MAX_HTML_TAGS + 1:
            self.report(
                index,
                at,
                Code.TEXT_TOO_MUCH_HTML,
                f"the text holds more than {MAX_HTML_TAGS:,} HTML tags or comments",
                "write the text in Markdown instead of pasting HTML",
            )

    def scan_html(self, text: str) -> None:
        """Estimate the HTML parser's work, stopping as soon as it is over budget."""
        if not self.html or len(self.html) > MAX_HTML_TAGS:
            return
        size = len(text)
        width = _width(text)
        total = 0.0
        worst = (0.0, self.html[0])
        for tag in self.html:
            at = tag.position
            cost = (size - at) * width * _NS_HTML_COPY_BYTE
            if tag.kind == "s":
                match = _STARTTAG_END.match(text, at)
                end = match.end() if match else at + 1
                attributes = sum(text.count(separator, at, end) for separator in " \n/'\"")
                cost += (end - at) * _NS_HTML_TAG_CHAR
                cost += attributes * _NS_HTML_ATTRIBUTE + attributes * attributes * _NS_HTML_ATTRIBUTE_PAIR
            elif tag.kind == "-":
                close = _md_htmlparser.commentclose.search(text, at + 4)
                cost += ((close.end() if close else size) - at) * _NS_HTML_SEARCH_CHAR
                chunk_end = self.chunk_ends[tag.chunk] if tag.chunk < len(self.chunk_ends) else size
                cost += tag.open_tags * (chunk_end - at) * _NS_HTML_SEARCH_CHAR
            else:
                ends = [text.find(">", at + 2)]
                if tag.kind == "?":
                    ends.append(text.find("?>", at + 2))
                if tag.kind == "!":
                    section = _MARKED_SECTION_END.search(text, at + 2)
                    ends.append(section.end() if section else -1)
                farthest = size if -1 in ends else max(ends)
                cost += (farthest - at) * _NS_HTML_SEARCH_CHAR * (2 if -1 in ends else 1)
            total += cost
            if cost > worst[0]:
                worst = (cost, tag)
            if total > MAX_HTML_NS:
                tag = worst[1]
                self.report(
                    tag.index,
                    tag.column,
                    Code.TEXT_TOO_MUCH_HTML,
                    "this '<' starts HTML that is not closed, or the text holds too much HTML after it; "
                    "parsing it would take too long",
                    "close the tag with '>' (or comment with '-->'), or write '&lt;' for a literal '<'",
                )
                return

    # -- budgets ------------------------------------------------------------------------------

    def report_budgets(self) -> None:
        if self.unclosed_ns > MAX_UNCLOSED_NS:
            _, line, column, unclosed, length = self.worst_unclosed
            self.report(
                line - 1,
                column,
                Code.TEXT_UNCLOSED_BRACKETS,
                f"this paragraph ({length:,} characters) has {unclosed:,} '[', '(' or '`' that are not closed "
                "(or are nested or quoted so that they cannot be matched quickly); rendering it would take too long",
                "close each '[' with ']' and each '`' with '`', or write '\\[' and '\\`' for literal ones",
            )
        if self.block_ns > MAX_BLOCK_NS:
            _, line, what = self.worst_block
            self.report(
                line - 1,
                0,
                Code.TEXT_BLOCK_TOO_LONG,
                f"this block is too long to render in time: {what}",
                "separate paragraphs, headings, rules, footnotes and table rows with blank lines, "
                "or split the text into several records",
            )


def _is_table(header: str, separator: str) -> bool:
    """Whether Python-Markdown's table processor takes a block starting with these two lines.
    Only sure cases count (no backticks or backslashes, at least two columns): a block that is
    not known to be a table is treated as one paragraph, which over-estimates, never under."""
    if "`" in header or "\\" in header or "`" in separator or "\\" in separator or header.startswith("    "):
        return False
    header, separator = header.strip(" "), separator.strip(" ")
    border = header.startswith("|") or header.endswith("|")

    def cells(row: str) -> list[str]:
        if border:
            row = row.removeprefix("|")
            row = row.removesuffix("|")
        return row.split("|")

    head = cells(header)
    rule = cells(separator)
    return len(head) > 1 and len(rule) == len(head) and set("".join(rule)) <= set("|:- ")


def _width(text: str) -> int:
    """Bytes per character of a Python string holding ``text`` (copies cost that much per character)."""
    if text.isascii():
        return 1
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return 4 if len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text) else 2
    return 1


def text_limits(text: str) -> list[TextLimitProblem]:
    """Every limit the text exceeds (at most one problem per code), in line order; empty when the
    text renders in bounded time. Linear in the text's length; stops early on very long texts."""
    if not text.strip():
        return []
    return _Scan(text).scan()

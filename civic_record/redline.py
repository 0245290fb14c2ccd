"""A readable redline between two versions of a record's Markdown text (SOP versions).

The texts are parsed into blocks (headings, list items, table rows, paragraphs), the blocks
are aligned with :class:`difflib.SequenceMatcher`, and each pair of changed blocks gets a
word-level diff. The result is an HTML fragment in which

- inserted text is ``<ins class="redline-ins">`` and deleted text ``<del class="redline-del">``,
  each opening with a visually hidden "inserted: " / "deleted: " so a screen reader says it,
  while the stylesheet adds an underline or strike-through and a "+" / "−" marker (never
  colour alone);
- a block that left one place and reappears (unchanged, or nearly: ratio >= 0.9) elsewhere is
  shown once, at its new place, in ``<div class="redline-moved">`` with a visible "Moved from
  after …" cue, and the old place keeps a short "Moved: … (now after …)" stub;
- a heading or paragraph whose only difference is its leading section number ("4. Retention"
  → "5. Retention") is matched as the same block and shows the number change as a small word
  change. Such renumbering does not by itself count a section as changed (its words do count);
- every piece of record text is escaped once, as :class:`~civic_record.pages.site.Html`
  (a template's ``format`` escapes its arguments): the fragment never carries markup from the
  records and is safe to embed as it is; its type, ``Html``, says so to the page helpers.

Record text is untrusted and may be anything; the parser never fails, and the output is
deterministic (same inputs, same bytes).

Sections, for the summary, are a heading and the blocks under it up to the next heading;
text before the first heading is a section too. A block counts towards its innermost section,
so a change in a subsection does not also count its parent as changed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .pages.site import Html, e

__all__ = ["Redline", "RedlineSummary", "redline"]

# A pair of changed blocks is diffed word by word when this much of their words agree;
# below it they are shown as one deleted and one inserted block.
PAIR_THRESHOLD = 0.5
# A deleted block and an inserted block this similar (difflib ratio) are one moved block.
MOVE_THRESHOLD = 0.9
# Limits that keep pathological inputs (thousands of unrelated blocks) fast.
_MAX_PAIRING_CELLS = 10_000
_GREEDY_LOOKAHEAD = 8
_MAX_NEAR_MOVE_CHECKS = 40_000
# Beyond this many equal item pairs, difflib runs with its autojunk heuristic (see _opcodes).
_MATCH_BUDGET = 100_000
_CUE_WORDS = 8
_CUE_HEADING_WORDS = 12


@dataclass(frozen=True)
class RedlineSummary:
    """What changed between two versions, in counts."""

    sections_added: int
    sections_removed: int
    sections_changed: int
    sections_moved: int
    words_inserted: int
    words_deleted: int

    def sentence(self) -> str:
        """E.g. "2 sections added, 1 removed, 3 changed, 1 moved; 140 words inserted, 52 deleted."

        Zero counts are left out; "No changes." when every count is zero.
        """
        groups = [
            _counted(
                "section",
                [
                    (self.sections_added, "added"),
                    (self.sections_removed, "removed"),
                    (self.sections_changed, "changed"),
                    (self.sections_moved, "moved"),
                ],
            ),
            _counted("word", [(self.words_inserted, "inserted"), (self.words_deleted, "deleted")]),
        ]
        text = "; ".join(group for group in groups if group)
        return f"{text}." if text else "No changes."


def _counted(noun: str, counts: list[tuple[int, str]]) -> str:
    parts: list[str] = []
    for number, verb in counts:
        if not number:
            continue
        if parts:
            parts.append(f"{number} {verb}")
        else:
            parts.append(f"{number} {noun if number == 1 else noun + 's'} {verb}")
    return ", ".join(parts)


@dataclass(frozen=True)
class Redline:
    """The redline and its summary.

    ``html`` is the sequence of blocks, one element per line and no blank line (so it can sit in
    a Markdown page as one raw HTML block), without a wrapper or legend: the page puts it in
    ``<div class="redline">`` (the stylesheet's hook) under its own legend. Empty for empty texts.
    """

    html: Html
    summary: RedlineSummary


# ------------------------------------------------------------------------------- parsing

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"^( *)([-*+]|(\d{1,9})[.)])[ \t]+(\S.*)$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")
# A leading section number: "4.", "4.1", "4.1.2.", "IV.", "A.", "(a)", "Section 4", "§ 4.2".
# A bare "30" is not one: "30 days" must stay a change when it becomes "90 days".
_SECTION_NUMBER = re.compile(
    r"^(?:(?:(?i:section|sec\.|article|art\.|part|chapter)[ \t]+|§+[ \t]*)\d+(?:\.\d+)*[.):]?"
    r"|\d+(?:\.\d+)+\.?|\d+[.):]|[IVXLCDM]+[.)]|[A-Za-z][.)]|\(\w{1,4}\))"
    r"(?:\s+[-–—:]?(?=\s|$))?(?:\s+|$)"
)
# Word tokens (with inner apostrophes and hyphens), whitespace runs, single other characters.
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|\s+|[^\w\s]")
_WORD = re.compile(r"\w")
_SENTENCE_ENDS = frozenset(".!?;")


@dataclass
class _Block:
    kind: str  # "heading" | "item" | "row" | "para"
    text: str  # whitespace-collapsed text (a row's cells joined with " | ")
    level: int = 0  # heading level 1-6
    ordered: bool = False  # list item of a numbered list
    number: int = 0  # a numbered item's number as shown (first item's number, then +1)
    cells: tuple[str, ...] = ()
    header: bool = False  # a table row followed by a |---| separator
    key: str = ""
    words: Counter[str] = field(default_factory=Counter)


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _strip_number(text: str) -> str:
    return _SECTION_NUMBER.sub("", text, count=1)


def _row_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:]  # the leading "|"
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [_collapse(cell) for cell in _CELL_SPLIT.split(inner)]


def parse_blocks(text: str) -> list[_Block]:
    """Markdown text as a flat list of blocks. Never fails; anything unknown is a paragraph."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _CONTROL.sub("", text)
    blocks: list[_Block] = []
    paragraph: list[str] = []
    open_item: _Block | None = None  # the list item that a following line may continue
    after_blank = False

    def flush() -> None:
        if paragraph:
            blocks.append(_Block("para", _collapse(" ".join(paragraph))))
            paragraph.clear()

    for raw_line in text.split("\n"):
        line = raw_line.expandtabs(4)
        if not line.strip():
            flush()
            after_blank = True
            continue
        was_blank, after_blank = after_blank, False
        if _RULE.match(line):
            flush()
            open_item = None
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            open_item = None
            blocks.append(_Block("heading", _collapse(heading.group(2) or ""), level=len(heading.group(1))))
            continue
        if line.lstrip().startswith("|"):
            flush()
            open_item = None
            cells = _row_cells(line)
            if all(_SEPARATOR_CELL.match(cell) for cell in cells):
                if blocks and blocks[-1].kind == "row" and not was_blank:
                    blocks[-1].header = True
                continue
            blocks.append(_Block("row", " | ".join(cells), cells=tuple(cells)))
            continue
        item = _ITEM.match(line)
        # A numbered line that does not start at 1 cannot interrupt a paragraph (CommonMark):
        # a wrapped sentence may well start with "2026. ".
        if item and not (paragraph and item.group(3) is not None and item.group(3) != "1"):
            flush()
            open_item = _Block("item", _collapse(item.group(4)), ordered=item.group(3) is not None)
            if open_item.ordered:
                open_item.number = int(item.group(3) or 0)
            blocks.append(open_item)
            continue
        if paragraph:
            paragraph.append(line)
            continue
        indented = len(line) - len(line.lstrip(" ")) >= 2
        if open_item is not None and (not was_blank or indented):
            open_item.text = _collapse(open_item.text + " " + line)
            continue
        open_item = None
        paragraph.append(line)
    flush()

    previous: _Block | None = None
    for block in blocks:
        if (
            block.kind == "item"
            and block.ordered
            and previous is not None
            and previous.kind == "item"
            and previous.ordered
        ):
            block.number = previous.number + 1
        block.key = _block_key(block)
        block.words = Counter(token.casefold() for token in _TOKEN.findall(block.key) if _WORD.search(token))
        previous = block
    return blocks


def _block_key(block: _Block) -> str:
    """What the block-level alignment compares: kind and text without a leading section number."""
    text = block.text if block.kind == "row" else _strip_number(block.text)
    return f"{block.kind}\x00{text}"


# ----------------------------------------------------------------------------- alignment


def _dice(old: Counter[str], new: Counter[str], at_least: float = 0.0) -> float:
    """Share of words in common (multiset Dice); 0 early when it cannot reach ``at_least``."""
    small, large = sorted((old.total(), new.total()))
    if not large or 2 * small / (small + large) < at_least:
        return 0.0
    return 2 * (old & new).total() / (small + large)


def _similarity(old: _Block, new: _Block, at_least: float = PAIR_THRESHOLD) -> float:
    """Share of words in common, 0 for blocks that cannot be compared."""
    if old.kind != new.kind or (old.kind == "row" and len(old.cells) != len(new.cells)):
        return 0.0
    if not old.words and not new.words:
        return 1.0 if old.key == new.key else 0.0
    return _dice(old.words, new.words, at_least)


def _pair_blocks(old: Sequence[_Block], new: Sequence[_Block]) -> list[tuple[int | None, int | None]]:
    """Order-keeping alignment of a replaced run of blocks that pairs the most similar ones."""
    return _pair_in_order(len(old), len(new), lambda i, j: _similarity(old[i], new[j]))


def _pair_in_order(n: int, m: int, similarity: Callable[[int, int], float]) -> list[tuple[int | None, int | None]]:
    """Order-keeping alignment of two runs that maximizes the summed similarity of its pairs.

    Only pairs at least ``PAIR_THRESHOLD`` similar are made. Returns (old index, new index)
    steps in reading order; None on one side is a deletion or an insertion. Deletions come
    before insertions between two pairs.
    """
    if n * m > _MAX_PAIRING_CELLS:
        return _pair_greedily(n, m, similarity)
    sim = [[similarity(i, j) for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            score = max(best[i + 1][j], best[i][j + 1])
            if sim[i][j] >= PAIR_THRESHOLD:
                score = max(score, sim[i][j] + best[i + 1][j + 1])
            best[i][j] = score
    steps: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= PAIR_THRESHOLD and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            steps.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            steps.append((i, None))
            i += 1
        else:
            steps.append((None, j))
            j += 1
    steps.extend((k, None) for k in range(i, n))
    steps.extend((None, k) for k in range(j, m))
    return steps


def _pair_greedily(n: int, m: int, similarity: Callable[[int, int], float]) -> list[tuple[int | None, int | None]]:
    """The linear fallback for long runs: pair in order, skipping ahead a few blocks at most."""
    steps: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if similarity(i, j) >= PAIR_THRESHOLD:
            steps.append((i, j))
            i, j = i + 1, j + 1
            continue
        skip_old = skip_new = 0
        for k in range(1, _GREEDY_LOOKAHEAD + 1):
            if i + k < n and similarity(i + k, j) >= PAIR_THRESHOLD:
                skip_old = k
                break
            if j + k < m and similarity(i, j + k) >= PAIR_THRESHOLD:
                skip_new = k
                break
        if skip_old:
            steps.extend((i + k, None) for k in range(skip_old))
            i += skip_old
        elif skip_new:
            steps.extend((None, j + k) for k in range(skip_new))
            j += skip_new
        else:
            steps.extend([(i, None), (None, j)])
            i, j = i + 1, j + 1
    steps.extend((k, None) for k in range(i, n))
    steps.extend((None, k) for k in range(j, m))
    return steps


Opcode = tuple[str, int, int, int, int]


def _opcodes(a: Sequence[str], b: Sequence[str]) -> Sequence[Opcode]:
    """difflib opcodes from ``a`` to ``b``, in bounded time.

    SequenceMatcher with autojunk=False does work in proportion to the number of equal
    (a item, b item) pairs, which explodes for long runs of common words or repeated blocks.
    Within ``_MATCH_BUDGET`` it runs exactly; above it difflib's autojunk heuristic (which
    needs the longer sequence second) keeps it fast.
    """
    counts = Counter(b)
    if sum(counts[item] for item in a) <= _MATCH_BUDGET:
        return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    if len(b) >= len(a):
        return SequenceMatcher(None, a, b).get_opcodes()
    swap = {"insert": "delete", "delete": "insert"}
    return [(swap.get(tag, tag), i1, i2, j1, j2) for tag, j1, j2, i1, i2 in SequenceMatcher(None, b, a).get_opcodes()]


def _ratio(a: Sequence[str], b: Sequence[str]) -> float:
    """difflib's ratio (2 × matched / total), computed through :func:`_opcodes`."""
    if not a and not b:
        return 1.0
    matched = sum(i2 - i1 for tag, i1, i2, _, _ in _opcodes(a, b) if tag == "equal")
    return 2 * matched / (len(a) + len(b))


def _find_moves(old: Sequence[_Block], new: Sequence[_Block], gone: list[int], came: list[int]) -> dict[int, int]:
    """Pair deleted blocks with inserted ones that carry the same (or nearly the same) text."""
    moves: dict[int, int] = {}
    by_key: dict[str, list[int]] = {}
    for j in came:
        by_key.setdefault(new[j].key, []).append(j)
    for i in gone:
        candidates = by_key.get(old[i].key)
        if candidates:
            moves[i] = candidates.pop(0)
    left_old = [i for i in gone if i not in moves]
    taken = set(moves.values())
    left_new = [j for j in came if j not in taken]
    if not left_old or not left_new or len(left_old) * len(left_new) > _MAX_NEAR_MOVE_CHECKS:
        return moves
    for i in left_old:
        best_j, best_ratio = -1, 0.0
        a = _key_tokens(old[i])
        for j in left_new:
            if j in taken or _similarity(old[i], new[j], MOVE_THRESHOLD) < MOVE_THRESHOLD:
                continue
            ratio = _ratio(a, _key_tokens(new[j]))
            if ratio >= MOVE_THRESHOLD and ratio > best_ratio:
                best_j, best_ratio = j, ratio
        if best_j >= 0:
            moves[i] = best_j
            taken.add(best_j)
    return moves


def _key_tokens(block: _Block) -> list[str]:
    return [token for token in _TOKEN.findall(block.key) if not token.isspace()]


# ------------------------------------------------------------------------- inline diffs


def _ins(text: str) -> Html:
    return Html('<ins class="redline-ins"><span class="visually-hidden">inserted: </span>{}</ins>').format(text)


def _del(text: str) -> Html:
    return Html('<del class="redline-del"><span class="visually-hidden">deleted: </span>{}</del>').format(text)


def _count_words(text: str) -> int:
    return sum(1 for token in _TOKEN.findall(text) if _WORD.search(token))


_EDGES = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


def _change(old: str, new: str) -> Html:
    """A deletion and/or insertion, with surrounding whitespace kept outside the marks."""
    lead_old, core_old, trail_old = _EDGES.match(old).groups()  # type: ignore[union-attr]
    lead_new, core_new, trail_new = _EDGES.match(new).groups()  # type: ignore[union-attr]
    if not core_old:
        lead, trail = lead_new, trail_new
    elif not core_new:
        lead, trail = lead_old, trail_old
    else:
        lead = lead_old if lead_old == lead_new else ""
        trail = trail_old if trail_old == trail_new else ""
        if not lead:
            core_old, core_new = lead_old + core_old, lead_new + core_new
        if not trail:
            core_old, core_new = core_old + trail_old, core_new + trail_new
    marks = (_del(core_old) if core_old.strip() else Html()) + (_ins(core_new) if core_new.strip() else Html())
    if not marks:  # whitespace only: show the new version's spacing
        return e(new)
    return e(lead) + marks + e(trail)


def _token_segments(a: list[str], b: list[str]) -> list[list[str]]:
    """Word-level diff as [tag, old text, new text] segments; tag "=" (equal) or "~" (changed)."""
    segments: list[list[str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            segments.append(["=", old_part, new_part])
        elif segments and segments[-1][0] == "~":
            segments[-1][1] += old_part
            segments[-1][2] += new_part
        else:
            segments.append(["~", old_part, new_part])
    return segments


def _sentences(tokens: list[str]) -> list[list[str]]:
    """Tokens cut after each sentence's end (". ", "! ", "? ", "; "), whitespace included."""
    units: list[list[str]] = []
    current: list[str] = []
    for index, token in enumerate(tokens):
        current.append(token)
        if token.isspace() and index and tokens[index - 1] in _SENTENCE_ENDS:
            units.append(current)
            current = []
    if current:
        units.append(current)
    return units


def _dice_between(old: Sequence[Counter[str]], new: Sequence[Counter[str]]) -> Callable[[int, int], float]:
    return lambda i, j: _dice(old[i], new[j])


def _segments(a: list[str], b: list[str]) -> list[list[str]]:
    """Word-level diff segments; a long text is first aligned sentence by sentence.

    Sentences are aligned like blocks (difflib on whole sentences, then the most similar
    changed sentences paired), and only paired sentences get a word-level diff.
    """
    counts = Counter(b)
    if sum(counts[token] for token in a) <= _MATCH_BUDGET:
        return _token_segments(a, b)
    old_units, new_units = _sentences(a), _sentences(b)
    if len(old_units) == 1 and len(new_units) == 1:
        return _token_segments(a, b)
    old_keys, new_keys = ["".join(unit) for unit in old_units], ["".join(unit) for unit in new_units]
    old_words = [Counter(t.casefold() for t in unit if _WORD.search(t)) for unit in old_units]
    new_words = [Counter(t.casefold() for t in unit if _WORD.search(t)) for unit in new_units]
    segments: list[list[str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(old_keys, new_keys):
        if tag == "equal":
            text = "".join(old_keys[i1:i2])
            segments.append(["=", text, text])
            continue
        steps = _pair_in_order(i2 - i1, j2 - j1, _dice_between(old_words[i1:i2], new_words[j1:j2]))
        for i, j in steps:
            if i is not None and j is not None:
                segments.extend(_token_segments(old_units[i1 + i], new_units[j1 + j]))
            elif i is not None:
                segments.append(["~", old_keys[i1 + i], ""])
            elif j is not None:
                segments.append(["~", "", new_keys[j1 + j]])
    return segments


def _diff_inline(old: str, new: str) -> tuple[Html, int, int]:
    """Word-level diff of two texts: (HTML, words inserted, words deleted)."""
    if old == new:
        return e(new), 0, 0
    segments = _segments(_TOKEN.findall(old), _TOKEN.findall(new))
    # Fold whitespace-only equal runs between two changes into one change, so that
    # "the quick" → "a slow" reads as one replacement, not two.
    merged: list[list[str]] = []
    for index, segment in enumerate(segments):
        if (
            segment[0] == "="
            and segment[1].isspace()
            and merged
            and merged[-1][0] == "~"
            and index + 1 < len(segments)
            and segments[index + 1][0] == "~"
        ):
            merged[-1][1] += segment[1]
            merged[-1][2] += segment[2]
            continue
        if segment[0] == "~" and merged and merged[-1][0] == "~":
            merged[-1][1] += segment[1]
            merged[-1][2] += segment[2]
            continue
        merged.append(list(segment))
    html: list[Html] = []
    inserted = deleted = 0
    for mark, old_part, new_part in merged:
        if mark == "=":
            html.append(e(new_part))
        else:
            html.append(_change(old_part, new_part))
            inserted += _count_words(new_part)
            deleted += _count_words(old_part)
    return Html().join(html), inserted, deleted


# ---------------------------------------------------------------------------- rendering


@dataclass
class _Entry:
    kind: str  # "heading" | "item" | "row" | "para" | "raw"
    parts: list[Html]  # inner HTML: one part, or one per table cell; "raw" holds finished HTML
    css: str = ""
    level: int = 0
    ordered: bool = False
    number: int = 0
    header: bool = False


class _Renderer:
    def __init__(self, old: Sequence[_Block], new: Sequence[_Block]) -> None:
        levels = [block.level for block in (*old, *new) if block.kind == "heading"]
        self.top_level = min(levels) if levels else 1
        self.inserted = 0
        self.deleted = 0

    def entry(self, block: _Block, parts: list[Html], css: str = "") -> _Entry:
        return _Entry(block.kind, parts, css, block.level, block.ordered, block.number, block.header)

    def plain(self, block: _Block) -> _Entry:
        texts = list(block.cells) if block.kind == "row" else [block.text]
        return self.entry(block, [e(text) for text in texts])

    def whole(self, block: _Block, inserted: bool) -> _Entry:
        texts = list(block.cells) if block.kind == "row" else [block.text]
        mark = _ins if inserted else _del
        words = sum(_count_words(text) for text in texts)
        if inserted:
            self.inserted += words
        else:
            self.deleted += words
        return self.entry(
            block,
            [mark(text) if text else Html() for text in texts],
            "redline-block-ins" if inserted else "redline-block-del",
        )

    def changed(self, old: _Block, new: _Block) -> _Entry:
        if new.kind == "row" and len(old.cells) == len(new.cells):
            pairs = list(zip(old.cells, new.cells, strict=True))
        else:
            pairs = [(old.text, new.text)]
        parts: list[Html] = []
        for old_text, new_text in pairs:
            html, inserted, deleted = _diff_inline(old_text, new_text)
            parts.append(html)
            self.inserted += inserted
            self.deleted += deleted
        return self.entry(new, parts, "redline-block-changed" if old.text != new.text else "")

    def assemble(self, entries: Sequence[_Entry]) -> Html:
        out: list[Html] = []
        index = 0
        while index < len(entries):
            entry = entries[index]
            if entry.kind in ("item", "row"):
                end = index
                while (
                    end < len(entries)
                    and entries[end].kind == entry.kind
                    and (entry.kind == "row" or entries[end].ordered == entry.ordered)
                ):
                    end += 1
                out.append(self._list(entries[index:end]) if entry.kind == "item" else self._table(entries[index:end]))
                index = end
                continue
            if entry.kind == "raw":
                out.append(entry.parts[0])
            elif entry.kind == "heading":
                level = min(6, 4 + max(0, entry.level - self.top_level))
                out.append(Html("<h{0}{1}>{2}</h{0}>").format(level, _class(entry.css), entry.parts[0]))
            else:
                out.append(Html("<p{}>{}</p>").format(_class(entry.css), entry.parts[0]))
            index += 1
        return Html("\n").join(out)

    @staticmethod
    def _list(items: Sequence[_Entry]) -> Html:
        tag = "ol" if items[0].ordered else "ul"
        lines = [Html('<{} class="redline-list">').format(tag)]
        for item in items:
            value = Html(' value="{}"').format(item.number) if item.ordered else Html()
            lines.append(Html("<li{}{}>{}</li>").format(_class(item.css), value, item.parts[0]))
        lines.append(Html("</{}>").format(tag))
        return Html("\n").join(lines)

    @staticmethod
    def _table(rows: Sequence[_Entry]) -> Html:
        lines = [Html('<div class="table-scroll">\n<table class="record-table redline-table">\n<tbody>')]
        for row in rows:
            cell = Html('<th scope="col">{}</th>') if row.header else Html("<td>{}</td>")
            cells = Html().join(cell.format(part) for part in row.parts)
            lines.append(Html("<tr{}>{}</tr>").format(_class(row.css), cells))
        lines.append(Html("</tbody>\n</table>\n</div>"))
        return Html("\n").join(lines)


def _class(css: str) -> Html:
    return Html(' class="{}"').format(css) if css else Html()


def _cue(block: _Block) -> str:
    """A block's first words, for "moved" cues."""
    words = block.text.split()
    limit = _CUE_HEADING_WORDS if block.kind == "heading" else _CUE_WORDS
    text = " ".join(words[:limit])
    return text + "…" if len(words) > limit else text


def _place(blocks: Sequence[_Block], first: int, skip: Iterable[int]) -> Html:
    """Where a moved run of blocks starting at ``first`` sits: "after “…”" or "at the beginning".

    A run that starts with a heading (a moved section) is placed after the previous heading;
    any other run after the block just before it. Blocks of the run itself are skipped.
    """
    excluded = set(skip)
    want_heading = blocks[first].kind == "heading"
    for index in range(first - 1, -1, -1):
        if index in excluded:
            continue
        block = blocks[index]
        if want_heading and block.kind != "heading":
            continue
        return Html("after “{}”").format(_cue(block))
    return Html("at the beginning")


# ------------------------------------------------------------------------------ the diff


def _sections(blocks: Sequence[_Block]) -> list[int]:
    """For each block, the index of its innermost section's heading (-1: before any heading)."""
    owner, current = [], -1
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            current = index
        owner.append(current)
    return owner


def redline(old: str, new: str) -> Redline:
    """The redline from ``old`` to ``new`` (two versions of one record's Markdown text)."""
    old_blocks, new_blocks = parse_blocks(old), parse_blocks(new)
    steps: list[tuple[str, int, int]] = []  # ("=", i, j) same key, ("~", i, j) paired, ("-", i, -1), ("+", -1, j)
    for tag, i1, i2, j1, j2 in _opcodes([b.key for b in old_blocks], [b.key for b in new_blocks]):
        if tag == "equal":
            steps.extend(("=", i1 + k, j1 + k) for k in range(i2 - i1))
        elif tag == "delete":
            steps.extend(("-", i, -1) for i in range(i1, i2))
        elif tag == "insert":
            steps.extend(("+", -1, j) for j in range(j1, j2))
        else:
            for i, j in _pair_blocks(old_blocks[i1:i2], new_blocks[j1:j2]):
                if i is not None and j is not None:
                    steps.append(("~", i1 + i, j1 + j))
                elif i is not None:
                    steps.append(("-", i1 + i, -1))
                elif j is not None:
                    steps.append(("+", -1, j1 + j))

    gone = [i for op, i, _ in steps if op == "-"]
    came = [j for op, _, j in steps if op == "+"]
    units = _move_units(old_blocks, new_blocks, gone, came)
    unit_of_old = {i: n for n, unit in enumerate(units) for i in unit.old}
    unit_of_new = {j: n for n, unit in enumerate(units) for j in unit.new}

    renderer = _Renderer(old_blocks, new_blocks)
    entries: list[_Entry] = []
    # Per block: "changed" | "deleted" | "inserted" | "moved" (each touches its section), or
    # "carried" (moved along with its section, otherwise unchanged). Unchanged blocks are absent.
    old_status: dict[int, str] = {}
    new_status: dict[int, str] = {}
    heading_pairs: dict[int, int] = {}  # old heading index -> new heading index (same section)
    moved_sections: list[tuple[int, int]] = []

    for op, i, j in steps:
        if op in ("=", "~"):
            old_block, new_block = old_blocks[i], new_blocks[j]
            if old_block.kind == "heading":
                heading_pairs[i] = j
            if old_block.text == new_block.text and old_block.cells == new_block.cells:
                entries.append(renderer.plain(new_block))
                continue
            entries.append(renderer.changed(old_block, new_block))
            if _substantive(old_block, new_block):
                old_status[i] = new_status[j] = "changed"
        elif op == "-" and i in unit_of_old:
            unit = units[unit_of_old[i]]
            if unit.old[0] == i:
                entries.append(_Entry("raw", [_stub(old_blocks, new_blocks, unit)]))
        elif op == "-":
            old_status[i] = "deleted"
            entries.append(renderer.whole(old_blocks[i], inserted=False))
        elif j in unit_of_new:
            unit = units[unit_of_new[j]]
            if unit.new[0] == j:
                entries.append(_Entry("raw", [_moved(renderer, old_blocks, new_blocks, unit)]))
        else:
            new_status[j] = "inserted"
            entries.append(renderer.whole(new_blocks[j], inserted=True))

    for unit in units:
        for pair_old, pair_new in unit.steps:
            if pair_old is not None and pair_new is not None:
                if unit.section:
                    changed = _substantive(old_blocks[pair_old], new_blocks[pair_new])
                    status = "changed" if changed else "carried"
                else:
                    status = "moved"
                old_status[pair_old] = new_status[pair_new] = status
                if old_blocks[pair_old].kind == "heading":
                    heading_pairs[pair_old] = pair_new
            elif pair_old is not None:
                old_status[pair_old] = "deleted"
            elif pair_new is not None:
                new_status[pair_new] = "inserted"
        if unit.section:
            moved_sections.append(unit.steps[0])  # type: ignore[arg-type]

    summary = _summarize(old_blocks, new_blocks, old_status, new_status, heading_pairs, moved_sections, renderer)
    return Redline(html=renderer.assemble(entries), summary=summary)


def _substantive(old: _Block, new: _Block) -> bool:
    """Whether two aligned blocks differ in more than a leading section number."""
    if old.kind == "row":
        return old.cells != new.cells
    return old.kind != new.kind or _strip_number(old.text) != _strip_number(new.text)


@dataclass
class _Move:
    """Blocks shown once at their new place: a moved section (with its edits) or a moved run."""

    steps: list[tuple[int | None, int | None]]  # old/new index pairs in reading order
    section: bool  # led by a moved heading: the section moved, with whatever edits it had
    old: list[int] = field(default_factory=list)
    new: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.old = sorted(i for i, _ in self.steps if i is not None)
        self.new = sorted(j for _, j in self.steps if j is not None)


def _section_end(blocks: Sequence[_Block], heading: int) -> int:
    for index in range(heading + 1, len(blocks)):
        if blocks[index].kind == "heading":
            return index
    return len(blocks)


def _move_units(old: Sequence[_Block], new: Sequence[_Block], gone: list[int], came: list[int]) -> list[_Move]:
    """Moves, as units to render once each.

    A moved heading takes along the rest of its section: the deleted blocks under it in the
    old text are aligned with the inserted blocks under it in the new text, so a section that
    moved and was also edited reads as one moved section with word-level changes. Other moved
    blocks that were consecutive on both sides form one unit.
    """
    moves = _find_moves(old, new, gone, came)
    moved_to = {j: i for i, j in moves.items()}
    gone_set, came_set = set(gone), set(came)
    units: list[_Move] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for head in sorted(i for i in moves if old[i].kind == "heading"):
        target = moves[head]
        if target in used_new:
            continue
        old_span = range(head + 1, _section_end(old, head))
        new_span = range(target + 1, _section_end(new, target))
        olds = [i for i in old_span if i in gone_set and i not in used_old and (i not in moves or moves[i] in new_span)]
        # Only the inserted blocks right under the new heading, so the new text keeps its order.
        news: list[int] = []
        for j in new_span:
            if j not in came_set or j in used_new or (j in moved_to and moved_to[j] not in old_span):
                break
            news.append(j)
        steps: list[tuple[int | None, int | None]] = [(head, target)]
        for a, b in _pair_blocks([old[i] for i in olds], [new[j] for j in news]):
            steps.append((None if a is None else olds[a], None if b is None else news[b]))
        units.append(_Move(steps, section=True))
        used_old.update(i for i, _ in steps if i is not None)
        used_new.update(j for _, j in steps if j is not None)
    run: list[tuple[int | None, int | None]] = []
    for j in sorted(moved_to):
        i = moved_to[j]
        if i in used_old or j in used_new:
            continue
        if run and run[-1] == (i - 1, j - 1):
            run.append((i, j))
            continue
        if run:
            units.append(_Move(run, section=False))
        run = [(i, j)]
    if run:
        units.append(_Move(run, section=False))
    return units


def _stub(old: Sequence[_Block], new: Sequence[_Block], unit: _Move) -> Html:
    now = _place(new, unit.new[0], unit.new)
    return Html('<p class="redline-moved-stub">Moved: “{}” (now {})</p>').format(_cue(old[unit.old[0]]), now)


def _moved(renderer: _Renderer, old: Sequence[_Block], new: Sequence[_Block], unit: _Move) -> Html:
    came_from = _place(old, unit.old[0], unit.old)
    inner: list[_Entry] = []
    for i, j in unit.steps:
        if i is not None and j is not None:
            same = old[i].text == new[j].text and old[i].cells == new[j].cells
            inner.append(renderer.plain(new[j]) if same else renderer.changed(old[i], new[j]))
        elif i is not None:
            inner.append(renderer.whole(old[i], inserted=False))
        elif j is not None:
            inner.append(renderer.whole(new[j], inserted=True))
    return Html('<div class="redline-moved">\n<p class="redline-moved-cue">Moved from {}</p>\n{}\n</div>').format(
        came_from, renderer.assemble(inner)
    )


def _summarize(
    old: Sequence[_Block],
    new: Sequence[_Block],
    old_status: dict[int, str],
    new_status: dict[int, str],
    heading_pairs: dict[int, int],
    moved_sections: list[tuple[int, int]],
    renderer: _Renderer,
) -> RedlineSummary:
    old_owner, new_owner = _sections(old), _sections(new)
    new_to_old = {j: i for i, j in heading_pairs.items()}
    preamble = (-1, -1)  # the text before the first heading
    has_old_preamble = bool(old_owner) and old_owner[0] == -1
    has_new_preamble = bool(new_owner) and new_owner[0] == -1
    # A section is named by its heading pair; a block's change touches its innermost section.
    touched: set[tuple[int, int]] = set()
    for i, status in old_status.items():
        owner = old_owner[i]
        if status == "carried":
            continue
        if owner == -1:
            touched.add(preamble)
        elif owner in heading_pairs:
            touched.add((owner, heading_pairs[owner]))
    for j, status in new_status.items():
        owner = new_owner[j]
        if status == "carried":
            continue
        if owner == -1:
            touched.add(preamble)
        elif owner in new_to_old:
            touched.add((new_to_old[owner], owner))
    if not (has_old_preamble and has_new_preamble):
        touched.discard(preamble)
    added = sum(1 for j, s in new_status.items() if s == "inserted" and new[j].kind == "heading")
    removed = sum(1 for i, s in old_status.items() if s == "deleted" and old[i].kind == "heading")
    added += int(has_new_preamble and not has_old_preamble)
    removed += int(has_old_preamble and not has_new_preamble)
    return RedlineSummary(
        sections_added=added,
        sections_removed=removed,
        sections_changed=len(touched),
        sections_moved=len(moved_sections),
        words_inserted=renderer.inserted,
        words_deleted=renderer.deleted,
    )

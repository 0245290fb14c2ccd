"""A readable redline between two versions of a record's Markdown text (SOP versions).

Both texts are first rendered by the record-text renderer (:func:`~civic_record.record_text.
render_record_text`: the same Markdown engine, extensions and nh3 allow-list as the full text on
the version page), so emphasis, links, footnotes and tables read in the redline exactly as in the
full text. The sanitized HTML is cut into blocks (headings, paragraphs, list items, table rows,
code blocks, footnotes), each a run of word tokens that carry their inline markup; the blocks are
aligned with :class:`difflib.SequenceMatcher`, and each pair of changed blocks gets a word-level
diff (a change of markup, "x" → "**x**", is a change of the word). The result is an HTML
fragment in which

- inserted text is ``<ins class="redline-ins">`` and deleted text ``<del class="redline-del">``,
  each opening with a visually hidden "inserted: " / "deleted: " so a screen reader says it,
  while the stylesheet adds an underline or strike-through and a "+" / "−" marker (never
  colour alone); the record's own ``<ins>``/``<del>`` become ``<u>``/``<s>`` so that they
  cannot be taken for the redline's marks;
- a block that left one place and reappears (unchanged, or nearly: ratio >= 0.9) elsewhere is
  shown once, at its new place, in ``<div class="redline-moved">`` with a visible "Moved from
  after …" cue, and the old place keeps a short "Moved: … (now after …)" stub;
- a heading or paragraph whose only difference is its leading section number ("4. Retention"
  → "5. Retention") is matched as the same block and shows the number change as a small word
  change. Such renumbering does not by itself count a section as changed (its words do count);
- the blocks keep the new version's sections: a deleted heading and the deleted blocks under it
  are shown just before the next heading, so text added at the end of one section never reads
  as part of a neighbouring section that was removed;
- unchanged sections (renumbered ones too) are folded, consecutive ones together, in a
  ``<details class="redline-unchanged">`` whose ``<summary>`` names them: the redline is a
  "changes only" view by default that needs no script, and every section opens in place.

Safety: the record text reaching the fragment is what the record-text sanitizer let through;
footnote ids are prefixed (``fn:redline-…``) and never repeated, so the redline can sit on the
same page as the full text; and the whole fragment is cleaned once more by nh3 with the
record-text allow-list plus the redline's own elements and classes (``span``, ``details``,
``summary``, ``value``; no other class survives). Its type, ``Html``, says so to the page
helpers.

Record text is untrusted and may be anything; the function never fails (text the renderer
refuses, see ``text_limits``, is shown as escaped paragraphs) and the output is deterministic
(same inputs, same bytes). Each text is rendered once per build (a small cache): a series of
``n`` versions has ``n(n-1)/2`` compare pages.

Sections, for the summary, are a heading and the blocks under it up to the next heading;
text before the first heading is a section too. A block counts towards its innermost section,
so a change in a subsection does not also count its parent as changed.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html import escape
from html.parser import HTMLParser

import nh3

from .pages.site import Html
from .record_text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, render_record_text

__all__ = ["Redline", "RedlineSummary", "parse_blocks", "redline"]

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
_MAX_SENTENCE_TOKENS = 120
_CUE_WORDS = 8
_CUE_HEADING_WORDS = 12
# Rendered texts kept (a build compares each version with its neighbours several times).
_CACHED_TEXTS = 64


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

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ue001]")
_COLLAPSE = re.compile(r"[ \t\n\r\f\v]+")
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
_BREAK = "\x02"  # the token of a <br>
_MARKUP = "\x01"  # separates a token's inline markup from its text in its key

# Elements that hold blocks, elements that are one block, and (everything else) inline ones.
_CONTAINERS = frozenset({"ul", "ol", "li", "blockquote", "div", "table", "thead", "tbody", "tfoot", "dl"})
_LEAVES = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "dt", "dd", "hr", "caption"})
_VOID = frozenset({"br", "hr", "img", "wbr", "col", "area", "input"})
# The record's own marks, renamed so that they cannot be read as the redline's.
_RENAMED = {"ins": "u", "del": "s"}
_KINDS = {"p": "para", "pre": "code", "tr": "row", "hr": "rule"}

_Tag = tuple[str, str]  # (element name, opening tag as markup)
_Context = tuple[_Tag, ...]  # the inline elements a token sits in, outermost first


@dataclass(frozen=True)
class _Container:
    name: str
    attrs: str  # attributes as markup, with a leading space
    ident: str = ""  # a list item's own identity: items are never merged with another


@dataclass(frozen=True, eq=False)
class _Part:
    """One run of inline tokens: a block's content, or one table cell (``tag`` its element)."""

    tag: str
    attrs: str
    keys: tuple[str, ...]  # a token's text, preceded by its markup and _MARKUP when it has any
    contexts: tuple[_Context, ...]


@dataclass(frozen=True, eq=False)
class _Block:
    kind: str  # "heading" | "para" | "item" | "row" | "code" | "rule" | "text"
    tag: str  # its element ("" for the text of a list item that holds more blocks)
    attrs: str
    path: tuple[_Container, ...]
    parts: tuple[_Part, ...]
    text: str  # plain text, whitespace collapsed (a row's cells joined with " | ")
    level: int = 0  # heading level 2-6 (as rendered)
    key: str = ""  # what the block alignment compares (without a leading section number)
    full: str = ""  # everything: equal only for identical blocks
    words: Counter[str] = field(default_factory=Counter)

    @property
    def cells(self) -> tuple[_Part, ...]:
        return self.parts

    @property
    def footnotes(self) -> bool:
        return bool(self.path) and self.path[0].attrs == ' class="footnote"'


class _Node:
    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    """The sanitized HTML as a tree (it is well-formed: nh3 serialized it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("", [])
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, attrs)
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _attribute(name: str, value: str) -> str:
    # Footnote ids get their own prefix: the full text on the same page has the plain ones.
    if name == "id" or (name == "href" and value.startswith("#")):
        for prefix in ("fn:", "fnref:", "#fn:", "#fnref:"):
            if value.startswith(prefix):
                value = prefix + "redline-" + value[len(prefix) :]
                break
    return f' {name}="{escape(value, quote=True)}"'


def _attributes(node: _Node, skip: Iterable[str] = ()) -> str:
    skipped = set(skip)
    return "".join(_attribute(name, value or "") for name, value in node.attrs if name not in skipped)


_DOCUMENTS = itertools.count()


class _Parser:
    """Sanitized HTML → blocks."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.items = 0
        self.document = next(_DOCUMENTS)  # list items of two texts are never the same item

    def walk(self, node: _Node, path: tuple[_Container, ...]) -> None:
        inline: list[_Node | str] = []
        for child in node.children:
            if isinstance(child, str) or child.tag not in _CONTAINERS | _LEAVES:
                inline.append(child)
                continue
            self.inline_block(inline, path, "item" if node.tag == "li" else "text")
            inline = []
            if child.tag in _LEAVES:
                self.leaf(child, path, node)
            elif child.tag == "table":
                scroll = _Container("div", ' class="table-scroll"')
                self.walk(child, (*path, scroll, _Container("table", ' class="record-table redline-table"')))
            elif child.tag in ("ul", "ol"):
                self.a_list(child, path)
            else:
                self.walk(child, (*path, _Container(child.tag, _attributes(child))))
        self.inline_block(inline, path, "item" if node.tag == "li" else "text")

    def a_list(self, node: _Node, path: tuple[_Container, ...]) -> None:
        container = _Container(node.tag, ' class="redline-list"')
        start = next((value for name, value in node.attrs if name == "start"), None)
        number = int(start) if start and start.isdigit() and len(start) < 10 else 1
        for child in node.children:
            if isinstance(child, str) or child.tag != "li":
                if not isinstance(child, str):  # anything else in a list: its own blocks
                    self.walk(_wrap(child), (*path, container))
                continue
            self.items += 1
            attrs = _attributes(child, skip=("value",))
            if node.tag == "ol":
                attrs += f' value="{number}"'
                number += 1
            self.walk(child, (*path, container, _Container("li", attrs, f"{self.document}.{self.items}")))

    def inline_block(self, nodes: list[_Node | str], path: tuple[_Container, ...], kind: str) -> None:
        if nodes:
            part = _part("", "", nodes, pre=False)
            if part.keys:
                self.add(kind, "", "", path, (part,))

    def leaf(self, node: _Node, path: tuple[_Container, ...], parent: _Node) -> None:
        tag = node.tag
        if tag == "hr":
            self.add("rule", "hr", "", path, ())
            return
        if tag == "tr":
            cells = []
            for cell in node.children:
                if isinstance(cell, str) or cell.tag not in ("td", "th"):
                    continue
                attrs = _attributes(cell)
                if cell.tag == "th" and "scope=" not in attrs and parent.tag == "thead":
                    attrs += ' scope="col"'
                cells.append(_part(cell.tag, attrs, cell.children, pre=False))
            if cells:
                self.add("row", "tr", "", path, tuple(cells))
            return
        part = _part("", "", node.children, pre=tag == "pre")
        if not part.keys:
            return
        kind = "heading" if tag[0] == "h" and tag[1:].isdigit() else _KINDS.get(tag, "text")
        self.add(kind, tag, _attributes(node), path, (part,))

    def add(self, kind: str, tag: str, attrs: str, path: tuple[_Container, ...], parts: tuple[_Part, ...]) -> None:
        texts = ["".join(" " if key == _BREAK else _text(key) for key in part.keys) for part in parts]
        text = " | ".join(_COLLAPSE.sub(" ", t).strip() for t in texts)
        keyed = text if kind == "row" else _strip_number(text)
        markup = "\x03".join(key for part in parts for key in part.keys if _MARKUP in key)
        full = "\x04".join(part.tag + part.attrs + "\x03" + "\x03".join(part.keys) for part in parts)
        level = int(tag[1]) if kind == "heading" else 0
        words = Counter(token.casefold() for token in _TOKEN.findall(keyed) if _WORD.search(token))
        block = _Block(
            kind,
            tag,
            attrs,
            path,
            parts,
            text,
            level,
            key=f"{kind}\x00{tag}\x00{keyed}\x00{markup}",
            full=f"{kind}\x00{tag}{attrs}\x00{full}",
            words=words,
        )
        self.blocks.append(block)


def _wrap(node: _Node) -> _Node:
    wrapper = _Node("", [])
    wrapper.children.append(node)
    return wrapper


def _part(tag: str, attrs: str, nodes: Sequence[_Node | str], pre: bool) -> _Part:
    keys: list[str] = []
    contexts: list[_Context] = []
    _tokens(nodes, (), "", pre, keys, contexts)
    if not pre:  # whitespace at either end is not part of the block
        start, end = 0, len(keys)
        while start < end and _text(keys[start]).isspace():
            start += 1
        while end > start and _text(keys[end - 1]).isspace():
            end -= 1
        keys, contexts = keys[start:end], contexts[start:end]
    return _Part(tag, attrs, tuple(keys), tuple(contexts))


def _tokens(
    nodes: Iterable[_Node | str], context: _Context, prefix: str, pre: bool, keys: list[str], contexts: list[_Context]
) -> None:
    for node in nodes:
        if isinstance(node, str):
            text = _CONTROL.sub(" ", node)  # a control character still separates words
            if not pre:
                text = _COLLAPSE.sub(" ", text)
            for token in _TOKEN.findall(text):
                if not pre and token.isspace() and keys and _text(keys[-1]).isspace():
                    continue  # " " across an element's edge: one space
                keys.append(prefix + _MARKUP + token if prefix else token)
                contexts.append(context)
        elif node.tag == "br":
            keys.append(_BREAK)
            contexts.append(())
        elif node.tag in _CONTAINERS | _LEAVES or node.tag in _VOID:
            # Block markup inside inline markup (raw HTML): its words, without the block.
            _tokens(node.children, context, prefix, pre, keys, contexts)
        else:
            name = _RENAMED.get(node.tag, node.tag)
            opening = f"<{name}{_attributes(node)}>"
            inner = (*context, (name, opening))
            _tokens(node.children, inner, prefix + opening, pre, keys, contexts)


def _text(key: str) -> str:
    return key.rpartition(_MARKUP)[2]


def _strip_number(text: str) -> str:
    return _SECTION_NUMBER.sub("", text, count=1)


@functools.lru_cache(maxsize=_CACHED_TEXTS)
def _document(text: str) -> tuple[_Block, ...]:
    """A version's text as blocks, from the record-text renderer's sanitized HTML."""
    if not text.strip():
        return ()
    try:
        rendered = render_record_text(text)
    except Exception:  # refused (too complex) or broken: ``check`` reports it; show it escaped
        rendered = "".join(f"<p>{escape(chunk)}</p>" for chunk in re.split(r"\n[ \t]*\n", text) if chunk.strip())
    return _blocks_of(rendered)


def _blocks_of(rendered: str) -> tuple[_Block, ...]:
    builder = _TreeBuilder()
    builder.feed(rendered)
    builder.close()
    parser = _Parser()
    try:
        parser.walk(builder.root, ())
    except RecursionError:  # markup nested deeper than Python recurses: its words, as paragraphs
        parser = _Parser()
        flat = re.sub(r"<[^>]*>", " ", rendered)
        paragraphs = "".join(f"<p>{escape(chunk)}</p>" for chunk in flat.split("\n") if chunk.strip())
        builder = _TreeBuilder()
        builder.feed(paragraphs)
        builder.close()
        parser.walk(builder.root, ())
    return tuple(parser.blocks)


def parse_blocks(text: str) -> list[_Block]:
    """A version's Markdown text as the redline's blocks. Never fails."""
    return list(_document(text))


# ----------------------------------------------------------------------------- alignment


def _dice(old: Counter[str], new: Counter[str], at_least: float = 0.0) -> float:
    """Share of words in common (multiset Dice); 0 early when it cannot reach ``at_least``."""
    small, large = sorted((old.total(), new.total()))
    if not large or 2 * small / (small + large) < at_least:
        return 0.0
    return 2 * (old & new).total() / (small + large)


def _similarity(old: _Block, new: _Block, at_least: float = PAIR_THRESHOLD) -> float:
    """Share of words in common, 0 for blocks that cannot be compared."""
    if old.kind != new.kind or old.tag != new.tag or (old.kind == "row" and len(old.cells) != len(new.cells)):
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

_INS = '<ins class="redline-ins"><span class="visually-hidden">inserted: </span>'
_DEL = '<del class="redline-del"><span class="visually-hidden">deleted: </span>'
_PRE_NEWLINE = "\ue001"  # a newline inside a code block, until the final clean-up


def _space(key: str) -> bool:
    return _text(key).isspace()


def _token_html(key: str) -> str:
    if key == _BREAK:
        return "<br>"
    return escape(_text(key), quote=True).replace("\n", _PRE_NEWLINE)


def _common(contexts: Sequence[_Context]) -> _Context:
    common = contexts[0]
    for context in contexts[1:]:
        if context is common or context == common:
            continue
        size = 0
        while size < min(len(common), len(context)) and common[size] == context[size]:
            size += 1
        common = common[:size]
    return common


class _Inline:
    """Writes tokens with their inline markup, opening and closing elements as needed."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.current: _Context = ()
        self.inserted = 0
        self.deleted = 0

    def _to(self, context: _Context) -> None:
        current = self.current
        if context is current or context == current:
            return
        size = 0
        while size < min(len(current), len(context)) and current[size] == context[size]:
            size += 1
        self.out.extend(f"</{name}>" for name, _ in reversed(current[size:]))
        self.out.extend(opening for _, opening in context[size:])
        self.current = context

    def same(self, keys: Sequence[str], contexts: Sequence[_Context]) -> None:
        for key, context in zip(keys, contexts, strict=True):
            self._to(context)
            self.out.append(_token_html(key))

    def mark(self, inserted: bool, keys: Sequence[str], contexts: Sequence[_Context]) -> None:
        """One <ins> or <del> around the tokens: their shared markup outside, the rest inside."""
        if not keys:
            return
        common = _common(contexts)
        self._to(common)
        self.out.append(_INS if inserted else _DEL)
        self.same(keys, contexts)
        self._to(common)
        self.out.append("</ins>" if inserted else "</del>")
        words = sum(1 for key in keys if _WORD.search(_text(key)))
        if inserted:
            self.inserted += words
        else:
            self.deleted += words

    def change(self, a: _Part, a1: int, a2: int, b: _Part, b1: int, b2: int) -> None:
        """A deletion and/or insertion, with surrounding whitespace kept outside the marks."""
        old_start, old_end = _core(a.keys, a1, a2)
        new_start, new_end = _core(b.keys, b1, b2)
        if old_start == old_end and new_start == new_end:  # whitespace only: the new spacing
            self.same(b.keys[b1:b2], b.contexts[b1:b2])
            return
        if old_start < old_end and new_start < new_end:
            if [_text(k) for k in a.keys[a1:old_start]] != [_text(k) for k in b.keys[b1:new_start]]:
                old_start, new_start = a1, b1
            if [_text(k) for k in a.keys[old_end:a2]] != [_text(k) for k in b.keys[new_end:b2]]:
                old_end, new_end = a2, b2
            lead, trail = (b, b1, new_start), (b, new_end, b2)
        elif new_start < new_end:
            lead, trail = (b, b1, new_start), (b, new_end, b2)
        else:
            lead, trail = (a, a1, old_start), (a, old_end, a2)
        part, start, end = lead
        self.same(part.keys[start:end], part.contexts[start:end])
        self.mark(False, a.keys[old_start:old_end], a.contexts[old_start:old_end])
        self.mark(True, b.keys[new_start:new_end], b.contexts[new_start:new_end])
        part, start, end = trail
        self.same(part.keys[start:end], part.contexts[start:end])

    def html(self) -> str:
        self._to(())
        return "".join(self.out)


def _core(keys: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """The range without whitespace at either end."""
    while start < end and _space(keys[start]):
        start += 1
    while end > start and _space(keys[end - 1]):
        end -= 1
    return start, end


@dataclass
class _Segment:
    mark: str  # "=" equal or "~" changed
    i1: int
    i2: int
    j1: int
    j2: int


def _token_segments(a: Sequence[str], b: Sequence[str], i0: int = 0, j0: int = 0) -> list[_Segment]:
    """Word-level diff of two token runs as segments (indexes offset by ``i0`` and ``j0``)."""
    segments: list[_Segment] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag != "equal" and segments and segments[-1].mark == "~":
            segments[-1].i2, segments[-1].j2 = i0 + i2, j0 + j2
        else:
            segments.append(_Segment("=" if tag == "equal" else "~", i0 + i1, i0 + i2, j0 + j1, j0 + j2))
    return segments


def _sentences(keys: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges cut after each sentence's end (". ", "! ", "? ", "; "), whitespace included."""
    units: list[tuple[int, int]] = []
    start = 0
    for index, key in enumerate(keys):
        ends = index and _space(key) and _text(keys[index - 1]) in _SENTENCE_ENDS
        # A "sentence" that never ends is cut into pieces: difflib is quadratic on one long
        # run of rare words between common ones.
        if ends or (index - start >= _MAX_SENTENCE_TOKENS and _space(key)) or index - start >= 2 * _MAX_SENTENCE_TOKENS:
            units.append((start, index + 1))
            start = index + 1
    if start < len(keys):
        units.append((start, len(keys)))
    return units


def _dice_between(old: Sequence[Counter[str]], new: Sequence[Counter[str]]) -> Callable[[int, int], float]:
    return lambda i, j: _dice(old[i], new[j])


def _unit_words(keys: Sequence[str]) -> Counter[str]:
    return Counter(_text(key).casefold() for key in keys if _WORD.search(_text(key)))


def _segments(a: Sequence[str], b: Sequence[str]) -> list[_Segment]:
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
    old_keys = ["\x05".join(a[s:e]) for s, e in old_units]
    new_keys = ["\x05".join(b[s:e]) for s, e in new_units]
    segments: list[_Segment] = []
    for tag, i1, i2, j1, j2 in _opcodes(old_keys, new_keys):
        if tag == "equal":
            segments.append(
                _Segment("=", old_units[i1][0], old_units[i2 - 1][1], new_units[j1][0], new_units[j2 - 1][1])
            )
            continue
        old_words = [_unit_words(a[s:e]) for s, e in old_units[i1:i2]]
        new_words = [_unit_words(b[s:e]) for s, e in new_units[j1:j2]]
        i_at = old_units[i1][0] if i1 < i2 else (old_units[i1 - 1][1] if i1 else 0)
        j_at = new_units[j1][0] if j1 < j2 else (new_units[j1 - 1][1] if j1 else 0)
        for i, j in _pair_in_order(i2 - i1, j2 - j1, _dice_between(old_words, new_words)):
            if i is not None and j is not None:
                (s1, e1), (s2, e2) = old_units[i1 + i], new_units[j1 + j]
                segments.extend(_token_segments(a[s1:e1], b[s2:e2], s1, s2))
                i_at, j_at = e1, e2
            elif i is not None:
                s1, e1 = old_units[i1 + i]
                segments.append(_Segment("~", s1, e1, j_at, j_at))
                i_at = e1
            elif j is not None:
                s2, e2 = new_units[j1 + j]
                segments.append(_Segment("~", i_at, i_at, s2, e2))
                j_at = e2
    return segments


def _diff_inline(old: _Part, new: _Part) -> tuple[str, int, int]:
    """Word-level diff of two runs of tokens: (HTML, words inserted, words deleted)."""
    writer = _Inline()
    if old.keys == new.keys:
        writer.same(new.keys, new.contexts)
        return writer.html(), 0, 0
    segments = _segments(old.keys, new.keys)
    # Fold whitespace-only equal runs between two changes into one change, so that
    # "the quick" → "a slow" reads as one replacement, not two.
    merged: list[_Segment] = []
    for index, segment in enumerate(segments):
        between = (
            segment.mark == "="
            and all(_space(key) for key in new.keys[segment.j1 : segment.j2])
            and merged
            and merged[-1].mark == "~"
            and index + 1 < len(segments)
            and segments[index + 1].mark == "~"
        )
        if between or (segment.mark == "~" and merged and merged[-1].mark == "~"):
            merged[-1].i2, merged[-1].j2 = segment.i2, segment.j2
            continue
        merged.append(_Segment(segment.mark, segment.i1, segment.i2, segment.j1, segment.j2))
    for segment in merged:
        if segment.mark == "=":
            writer.same(new.keys[segment.j1 : segment.j2], new.contexts[segment.j1 : segment.j2])
        else:
            writer.change(old, segment.i1, segment.i2, new, segment.j1, segment.j2)
    return writer.html(), writer.inserted, writer.deleted


# ---------------------------------------------------------------------------- rendering


@dataclass
class _Entry:
    """One block as shown (or a "moved" note), and what the folding needs to know of it."""

    path: tuple[_Container, ...]
    html: str
    li_css: str = ""  # the class of the list item this entry's text opens
    bare: bool = False  # inline text without an element of its own (a list item's)
    changed: bool = False  # anything but unchanged text (renumbering does not count)
    opens: bool = False  # starts a section: a heading, or a moved section
    gone: bool = False  # an old block's place: a deleted block or a "moved" note
    deleted_heading: bool = False
    name: str = ""  # a heading's words, for the fold's summary
    footnotes: bool = False


class _Renderer:
    def __init__(self, old: Sequence[_Block], new: Sequence[_Block]) -> None:
        levels = [block.level for block in (*old, *new) if block.kind == "heading"]
        self.top_level = min(levels) if levels else 2
        self.inserted = 0
        self.deleted = 0

    def element(self, block: _Block, inners: Sequence[str], css: str) -> str:
        cls = f' class="{css}"' if css else ""
        if block.kind == "rule":
            return "<hr>"
        if block.kind == "row":
            cells = "".join(
                f"<{part.tag}{part.attrs}>{inner}</{part.tag}>"
                for part, inner in zip(block.parts, inners, strict=False)
            )
            return f"<tr{cls}>{cells}</tr>"
        if block.kind == "heading":
            level = min(6, 4 + max(0, block.level - self.top_level))
            return f"<h{level}{cls}>{inners[0]}</h{level}>"
        if not block.tag:
            return inners[0]
        return f"<{block.tag}{cls}{block.attrs}>{inners[0]}</{block.tag}>"

    def entry(
        self, block: _Block, inners: Sequence[str], css: str = "", changed: bool = False, was: str = ""
    ) -> _Entry:
        heading = block.kind == "heading"
        name = _cue(block) + (f" (was {was})" if was else "") if heading else ""
        return _Entry(
            block.path,
            self.element(block, inners, css),
            li_css="" if block.tag else css,
            bare=not block.tag and block.kind != "row",
            changed=changed,
            opens=heading,
            name=name,
            footnotes=block.footnotes,
        )

    def plain(self, block: _Block) -> _Entry:
        inners = []
        for part in block.parts:
            writer = _Inline()
            writer.same(part.keys, part.contexts)
            inners.append(writer.html())
        return self.entry(block, inners)

    def whole(self, block: _Block, inserted: bool) -> _Entry:
        inners = []
        for part in block.parts:
            writer = _Inline()
            writer.mark(inserted, part.keys, part.contexts)
            inners.append(writer.html())
            self.inserted += writer.inserted
            self.deleted += writer.deleted
        entry = self.entry(block, inners, "redline-block-ins" if inserted else "redline-block-del", changed=True)
        entry.gone = not inserted
        entry.deleted_heading = entry.gone and block.kind == "heading"
        return entry

    def changed(self, old: _Block, new: _Block) -> _Entry:
        inners = []
        for old_part, new_part in zip(old.parts, new.parts, strict=False):
            html, inserted, deleted = _diff_inline(old_part, new_part)
            inners.append(html)
            self.inserted += inserted
            self.deleted += deleted
        substantive = _substantive(old, new)
        was = ""
        if not substantive and new.kind == "heading" and old.text != new.text:
            was = old.text[: len(old.text) - len(_strip_number(old.text))].strip()
        css = "redline-block-changed" if old.text != new.text else ""
        return self.entry(new, inners, css, changed=substantive, was=was)

    def assemble(self, entries: Iterable[_Entry]) -> str:
        """The entries' HTML, opening and closing the lists, tables and quotes that hold them."""
        lines: list[str] = []
        open_: list[_Container] = []
        for entry in entries:
            path = entry.path
            size = 0
            while size < min(len(open_), len(path)) and open_[size] == path[size]:
                size += 1
            lines.extend(f"</{container.name}>" for container in reversed(open_[size:]))
            del open_[size:]
            for index in range(size, len(path)):
                container = path[index]
                css = entry.li_css if container.name == "li" and index == len(path) - 1 else ""
                cls = f' class="{css}"' if css else ""
                lines.append(f"<{container.name}{cls}{container.attrs}>")
                open_.append(container)
            if entry.bare and size < len(path) and path[-1].name == "li":
                lines[-1] += entry.html  # a list item's text on its own line: "<li>text"
            else:
                lines.append(entry.html)
        lines.extend(f"</{container.name}>" for container in reversed(open_))
        return "\n".join(line for line in lines if line).replace("\n</li>", "</li>")

    def fold(self, entries: Sequence[_Entry]) -> str:
        """Unchanged sections, consecutive ones together, folded into a <details>."""
        chunks: list[list[_Entry]] = []
        for entry in entries:
            if not chunks or entry.opens or (entry.footnotes and not chunks[-1][-1].footnotes):
                chunks.append([])
            chunks[-1].append(entry)
        out: list[str] = []
        folded: list[list[_Entry]] = []

        def flush() -> None:
            if not folded:
                return
            names = [_chunk_name(chunk) for chunk in folded]
            if len(names) > _FOLD_NAMES + 1:
                names = [*names[:_FOLD_NAMES], f"and {len(names) - _FOLD_NAMES} more"]
            body = self.assemble(entry for chunk in folded for entry in chunk)
            out.append(
                f'<details class="redline-unchanged">\n<summary>Unchanged: {escape("; ".join(names), quote=True)}'
                f"</summary>\n{body}\n</details>"
            )
            folded.clear()

        for chunk in chunks:
            if any(entry.changed for entry in chunk):
                flush()
                out.append(self.assemble(chunk))
            else:
                folded.append(chunk)
        flush()
        return "\n".join(out)


_FOLD_NAMES = 4


def _chunk_name(chunk: Sequence[_Entry]) -> str:
    first = chunk[0]
    if first.opens and first.name:
        return first.name
    if first.footnotes:
        return "the footnotes"
    return "the opening text"


def _cue(block: _Block) -> str:
    """A block's first words, for "moved" cues."""
    words = block.text.split()
    limit = _CUE_HEADING_WORDS if block.kind == "heading" else _CUE_WORDS
    text = " ".join(words[:limit])
    return text + "…" if len(words) > limit else text


def _place(blocks: Sequence[_Block], first: int, skip: Iterable[int]) -> str:
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
        return f"after “{escape(_cue(block), quote=True)}”"
    return "at the beginning"


def _in_their_sections(entries: Sequence[_Entry]) -> list[_Entry]:
    """Deleted headings (and the deleted blocks under them) wait for the next heading.

    Read in order, a deleted heading opens a section: whatever follows it up to the next
    heading reads as part of it. So the new text's blocks that follow it (text added at the end
    of the section before, text that merged into it) are shown first, and the deleted section
    just before the next heading.
    """
    out: list[_Entry] = []
    waiting: list[_Entry] = []
    for entry in entries:
        if entry.deleted_heading:
            out.extend(waiting)
            waiting = [entry]
        elif entry.opens:
            out.extend(waiting)
            waiting = []
            out.append(entry)
        elif waiting and entry.gone:
            waiting.append(entry)
        else:
            out.append(entry)
    out.extend(waiting)
    return out


# ------------------------------------------------------------------------- the clean-up

_REDLINE_TAGS = ALLOWED_TAGS | {"span", "details", "summary"}
_REDLINE_ATTRIBUTES = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}
for _tag in ("p", "h4", "h5", "h6", "li", "ul", "ol", "tr", "ins", "del", "span", "div", "details", "table"):
    _REDLINE_ATTRIBUTES.setdefault(_tag, set()).add("class")
_REDLINE_ATTRIBUTES["li"].add("value")
_REDLINE_CLASSES = frozenset(
    {
        "footnote",
        "visually-hidden",
        "table-scroll",
        "record-table",
        "redline-table",
        "redline-list",
        "redline-ins",
        "redline-del",
        "redline-block-ins",
        "redline-block-del",
        "redline-block-changed",
        "redline-moved",
        "redline-moved-cue",
        "redline-moved-stub",
        "redline-unchanged",
    }
)


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":  # footnote anchors only, as in record_text
        return value if value.startswith(("fn:", "fnref:")) else None
    if name == "class":
        kept = [css for css in value.split() if css in _REDLINE_CLASSES]
        return " ".join(kept) if kept else None
    if name == "value":
        return value if value.isdigit() and len(value) < 10 else None
    return value


def _clean(fragment: str) -> Html:
    """The fragment through nh3 once more: the record-text allow-list plus the redline's own markup."""
    if not fragment:
        return Html()
    cleaned = nh3.clean(
        fragment,
        tags=_REDLINE_TAGS,
        attributes=_REDLINE_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # Sanitized by nh3 just above: the one place the redline's text becomes Html unescaped.
    return Html(cleaned.replace(_PRE_NEWLINE, "&#10;"))


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
    old_blocks, new_blocks = _document(old), _document(new)
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
            if old_block.full == new_block.full:
                entries.append(renderer.plain(new_block))
                continue
            entries.append(renderer.changed(old_block, new_block))
            if _substantive(old_block, new_block):
                old_status[i] = new_status[j] = "changed"
        elif op == "-" and i in unit_of_old:
            unit = units[unit_of_old[i]]
            if unit.old[0] == i:
                entries.append(_Entry((), _stub(old_blocks, new_blocks, unit), changed=True, gone=True))
        elif op == "-":
            old_status[i] = "deleted"
            entries.append(renderer.whole(old_blocks[i], inserted=False))
        elif j in unit_of_new:
            unit = units[unit_of_new[j]]
            if unit.new[0] == j:
                html = _moved(renderer, old_blocks, new_blocks, unit)
                entries.append(_Entry((), html, changed=True, opens=unit.section))
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
    html = renderer.fold(_in_their_sections(entries))
    return Redline(html=_clean(_unique_ids(html)), summary=summary)


_ID = re.compile(r' id="([^"]*)"')


def _unique_ids(fragment: str) -> str:
    """Each id once (a footnote shown deleted and inserted, markup reopened around a mark)."""
    seen: set[str] = set()

    def once(match: re.Match[str]) -> str:
        if match.group(1) in seen:
            return ""
        seen.add(match.group(1))
        return match.group(0)

    return _ID.sub(once, fragment)


def _substantive(old: _Block, new: _Block) -> bool:
    """Whether two aligned blocks differ in more than a leading section number."""
    return old.key != new.key


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


def _stub(old: Sequence[_Block], new: Sequence[_Block], unit: _Move) -> str:
    now = _place(new, unit.new[0], unit.new)
    cue = escape(_cue(old[unit.old[0]]), quote=True)
    return f'<p class="redline-moved-stub">Moved: “{cue}” (now {now})</p>'


def _moved(renderer: _Renderer, old: Sequence[_Block], new: Sequence[_Block], unit: _Move) -> str:
    came_from = _place(old, unit.old[0], unit.old)
    inner: list[_Entry] = []
    for i, j in unit.steps:
        if i is not None and j is not None:
            inner.append(renderer.plain(new[j]) if old[i].full == new[j].full else renderer.changed(old[i], new[j]))
        elif i is not None:
            inner.append(renderer.whole(old[i], inserted=False))
        elif j is not None:
            inner.append(renderer.whole(new[j], inserted=True))
    body = renderer.assemble(_in_their_sections(inner))
    return f'<div class="redline-moved">\n<p class="redline-moved-cue">Moved from {came_from}</p>\n{body}\n</div>'


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

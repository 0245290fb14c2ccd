"""Property tests (Hypothesis).

1. Whatever bytes a clerk saves as a record, ``check_records`` answers with problems, never an
   exception, and every problem points at a line and column with a known code and a one-line
   message.
2. Every valid corpus (generated from the record format, ``docs/format-reference.md``) checks
   without errors and generates one page per record plus the indexes, each page starting with
   a front-matter block whose title is valid YAML; a few are built end to end with MkDocs.

3. Damaging one value of a valid corpus at a time: the check still never raises, and whatever
   it accepts without errors generates its pages.

Bugs these properties found are pinned at the end of the file as regression tests, each with its
minimal input as an explicit example. The profiles are in ``conftest.py``: random examples on a
developer's machine, the same examples in CI (``HYPOTHESIS_PROFILE=ci``); the file takes about
35 s on two cores.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from civic_record.check import check_records
from civic_record.models import MODELS, Source, field_names
from civic_record.pages import GeneratedPage, Site, generate_pages
from civic_record.problems import Problems
from civic_record.vocabulary import (
    FOLDERS,
    BodyKind,
    Confidence,
    DocumentKind,
    MeetingKind,
    MeetingStatus,
    OtherDocumentKind,
    Requirement,
    SopStatus,
    SourceKind,
    TechnologyCategory,
    TechnologyStatus,
    VoteOption,
    VoteResult,
)

from .building import run_build, run_check

TODAY = dt.date(2026, 6, 1)

# Bugs these properties found are pinned as regression tests at the end of this file.
_TEXT_CHARS = st.characters(exclude_categories=("Cs",))  # line breaks included: messages must stay one line
CODE = re.compile(r"^[a-z]+\.[a-z-]+$")
MD_FOLDERS = ("letters", "meetings", "sops", "documents")


# --------------------------------------------------------------------------------------------
# Property 1: any bytes in a record file give problems, never an exception.
# --------------------------------------------------------------------------------------------


def assert_problem_shapes(problems: Problems) -> None:
    for problem in problems.items:
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem
        assert CODE.match(problem.code), problem
        assert "\n" not in problem.message and "\r" not in problem.message, problem
        assert problem.message.strip(), problem


def check_one_file(relative: str, content: bytes) -> Problems:
    """Write one file at ``records/<relative>``, check the folder, and assert the problems' shape."""
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records"
        target = records / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        corpus, problems = check_records(records)
    assert_problem_shapes(problems)
    top = Path(relative).parts[0]
    silently_skipped = (
        top == "attachments"
        or any(part.startswith(".") for part in Path(relative).parts)
        or (len(Path(relative).parts) == 1 and relative.lower().startswith("readme"))
    )
    if not silently_skipped:
        # A file never vanishes: it becomes a record or it is reported.
        assert corpus.records or problems.errors, relative
    return problems


FIELD_NAMES = sorted(
    {name for model in MODELS.values() for name in field_names(model)}
    | set(field_names(Source))
    | {"item", "outcome", "speakers", "written", "identifier", "path", "url", "body", "start", "end", "district"}
    | {option.value for option in VoteOption}
)
SCALARS = [
    "2025-05-14",
    "2025-02-30",
    "2025-13",
    "2025-00",
    "9999-12-31",
    "2025",
    "20250",
    '"18:00"',
    "18:00",
    "24:00",
    "yes",
    "no",
    "on",
    "off",
    "~",
    "null",
    "true",
    "False",
    ".nan",
    "-.inf",
    "0x1F",
    "0o17",
    "0xZZ",
    "1e400",
    "1" * 5000,
    "-1",
    "0",
    "https://example.org/a",
    "javascript:alert(1)",
    "ftp://x",
    "../../etc/passwd",
    "/etc/passwd",
    "a\\b",
    "x" * 300,
    "'it''s'",
    '"\\x00"',
    '"\\ud800"',
    "|-\n  block text",
    ">-\n  folded",
]
VOCABULARY = [
    m.value
    for enum in (
        BodyKind,
        Confidence,
        DocumentKind,
        MeetingKind,
        MeetingStatus,
        OtherDocumentKind,
        Requirement,
        SopStatus,
        SourceKind,
        TechnologyCategory,
        TechnologyStatus,
        VoteOption,
        VoteResult,
    )
    for m in enum
]
FRAGMENTS = [
    "---\n",
    "--- \n",
    "...\n",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "    ",
    "- ",
    ": ",
    ":",
    ", ",
    "[",
    "]",
    "{",
    "}",
    "[" * 64,
    "{a: " * 64,
    "- " * 64,
    "'",
    '"',
    "#",
    "# comment\n",
    "|",
    ">",
    "? ",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!python/object:os.system ",
    "!!python/object/apply:os.system ['true']",
    "!!binary ",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!timestamp ",
    "!!set ",
    "!!omap ",
    "!custom ",
    "!<tag:yaml.org,2002:str> ",
    "%YAML 1.2\n",
    "%TAG ! tag:example.com,2000:\n",
    "\t",
    "\ufeff",
    "\x00",
    "\x07",
    "\x85",
    "\u2028",
    "\ufffe",
    "é",
    "😀",
    "\u202e",
    "x" * 2000,
    "title: ",
    "date: 2025-02-30",
    "yes: [a, b]",
    "no: [c]",
    "roll_call:\n  yes: [p]\n",
    "counts: {yes: 1}\n",
    "sources:\n  - url: https://example.org\n    title: t\n    kind: primary\n",
    "roles:\n  - body: b\n    title: t\n    start: 2025\n    end: 2024\n",
    "status_history:\n  - date: 2025\n    status: proposed\n    record: r\n",
    "extra:\n  a: [1, {b: c}]\n",
]
KEY_FRAGMENTS = [f"{name}: " for name in FIELD_NAMES] + [f"\n{name}: " for name in FIELD_NAMES]


def _yaml_piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(SCALARS + VOCABULARY + FRAGMENTS),
        st.sampled_from(KEY_FRAGMENTS),
        st.text(max_size=6),
    )


yamlish_text = st.lists(_yaml_piece(), max_size=40).map("".join)

scalar_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(_TEXT_CHARS, max_size=20),
    st.sampled_from(SCALARS + VOCABULARY),
)
nested_values = st.recursive(
    scalar_values,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(_TEXT_CHARS, max_size=6)), inner, max_size=5),
    ),
    max_leaves=20,
)

# Valid records of each kind, which the mutation strategies damage a value at a time.
_SOURCE = {
    "url": "https://example.org/s",
    "title": "Source",
    "kind": "primary",
    "publisher": "P",
    "published": "2025-05",
    "retrieved": 2025,
}
_DATED = {
    "title": "T",
    "date": "2025-05-14",
    "time": "18:00",
    "summary": "S.",
    "sources": [_SOURCE, {"attachment": "a.txt", "title": "A", "kind": "secondary"}],
    "confidence": "reported",
    "caveats": ["C"],
    "identifiers": {"legistar_file": 250457},
    "attachments": [{"path": "a.txt", "title": "A"}],
    "tags": ["t"],
    "technologies": ["x"],
    "bodies": ["x"],
    "extra": {"k": [1, {"v": None}]},
}
TEMPLATES: dict[str, dict[str, Any]] = {
    "bodies": {"name": "Council", "kind": "legislature", "seats": 3, "parent": "x", "links": ["https://example.org"]},
    "people": {
        "name": "Ada",
        "sort_name": "A",
        "roles": [
            {"body": "x", "title": "Member", "district": 8, "start": "2024", "end": "2026-01", "source": "x"},
            {"body": "x", "title": "Chair", "start": "2025-05-14"},
        ],
        "links": [{"url": "https://example.org", "title": "L"}],
    },
    "technologies": {
        "title": "T",
        "category": "alpr",
        "agency": "x",
        "status_history": [
            {"date": "2025", "status": "proposed", "record": "x"},
            {"date": "2025-05-14", "status": "in-use", "record": "y", "note": "N"},
        ],
        "required": ["use-policy"],
    },
    "letters": {**_DATED, "from": ["x"], "to": ["y"], "cc": ["z"], "in_reply_to": "w", "response_requested": True},
    "meetings": {
        **_DATED,
        "body": "x",
        "kind": "hearing",
        "status": "held",
        "agenda": [{"title": "A", "item": 1, "technologies": ["x"], "identifiers": {"a": 1}, "outcome": "O"}],
        "public_comment": {"speakers": 3, "written": 0},
        "video": "https://example.org/v",
        "minutes": "a.txt",
    },
    "votes": {
        **_DATED,
        "body": "x",
        "meeting": "m",
        "matter": {"identifier": 250457, "title": "M"},
        "result": "pass",
        "roll_call": {"yes": ["x"], "no": ["y"]},
        "counts": {"yes": 1, "no": 1},
        "mover": "x",
        "seconder": "y",
        "raw_values": {"yes": "Aye"},
    },
    "sops": {**_DATED, "series": "s", "version": 1, "status": "draft", "document_kind": "sop", "number": 747},
    "documents": {**_DATED, "kind": "report", "from": ["x"], "to": ["y"]},
}


WORDS = [
    "",
    " ",
    "2025-05-14",
    "2025-02-29",
    "2024-02-29",
    "2025-13",
    "2025-1-5",
    "10000",
    "1000",
    "9999-12-31",
    "2025-05-14T10:00",
    "18:00",
    "24:00",
    "6pm",
    "yes",
    "no",
    "null",
    "true",
    "nan",
    "-1",
    "1.5",
    "https://example.org/x",
    "HTTP://EXAMPLE.ORG",
    "https://",
    "https:// x",
    "javascript:alert(1)",
    "mailto:a@b.c",
    "../outside.txt",
    "/etc/passwd",
    "C:\\x.txt",
    "a.txt",
    "missing.txt",
    "sub",
    "x" * 200,
    "<script>alert(1)</script>",
    "A",
    "12b",
    "٣",
    *VOCABULARY,
]


def _paths(value: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _replaced(value: Any, path: tuple[str | int, ...], new: Any, delete: bool = False) -> Any:
    if not path:
        return new
    copy: Any = dict(value) if isinstance(value, dict) else list(value)
    if len(path) == 1 and delete:
        del copy[path[0]]
    else:
        copy[path[0]] = _replaced(copy[path[0]], path[1:], new, delete)
    return copy


DATE_WORDS = ["2025", "2025-05", "2025-02-29", "2024-02-29", "2025-13", "2025-00", "0001-01-01", "9999-12"]
LABEL_WORDS = ["A", "12b", "0", "٣", "０７", "Ⅻ", "-1", "1.5", "x" * 60]
URL_WORDS = ["https://example.org/y", "http://", "https://a b", "ftp://x", "a.txt", "sub/b c.pdf", "../a.txt", "/a.txt"]
KEYED_WORDS = {
    **dict.fromkeys(["date", "start", "end", "published", "retrieved"], DATE_WORDS),
    **dict.fromkeys(["district", "item", "number", "version", "identifier"], LABEL_WORDS),
    **dict.fromkeys(["url", "video", "minutes", "attachment", "path", "source"], URL_WORDS),
    "time": ["00:00", "23:59", "7:00", "18:00:00"],
}


def _get(value: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def mutation_values(ids: list[str]) -> st.SearchStrategy[Any]:
    words = st.one_of(st.sampled_from(WORDS), st.sampled_from(ids or ["x"]), line_text, hostile_line_text)
    return st.one_of(
        words,
        st.integers(-3, 10**12),
        st.sampled_from([0, 1, 2, 1.5, float("inf"), float("nan"), True, False, None]),
        st.lists(words, max_size=3),
        st.dictionaries(st.sampled_from(FIELD_NAMES), words, max_size=3),
        st.just([]),
        st.just({}),
    )


def mutate(draw: st.DrawFn, fields: dict[str, Any], values: st.SearchStrategy[Any]) -> dict[str, Any]:
    """Replace, delete or add one value somewhere in ``fields`` (biased toward dates, labels, URLs)."""
    paths = _paths(fields)[1:]
    if not paths:
        return {draw(st.sampled_from(FIELD_NAMES)): draw(values)}
    keyed_paths = [p for p in paths if isinstance(p[-1], str) and p[-1] in KEYED_WORDS]
    path = draw(st.sampled_from(keyed_paths if keyed_paths and draw(st.booleans()) else paths))
    action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add"]))
    if action == "add":
        parent = path if isinstance(_get(fields, path), dict) else path[:-1]
        target = _get(fields, parent)
        if not isinstance(target, dict):
            return fields
        return _replaced(fields, parent, {**target, draw(st.sampled_from(FIELD_NAMES)): draw(values)})
    if action == "delete":
        return _replaced(fields, path, None, delete=True)
    keyed = KEYED_WORDS.get(path[-1]) if isinstance(path[-1], str) else None
    value = draw(st.sampled_from(keyed)) if keyed and draw(st.integers(0, 3)) else draw(values)
    return _replaced(fields, path, value)


@st.composite
def mutated_records(draw: st.DrawFn, folder: str) -> str:
    record = TEMPLATES[folder]
    values = st.one_of(mutation_values(["x", "y"]), nested_values)
    for _ in range(draw(st.integers(1, 4))):
        record = mutate(draw, record, values)
    return yaml.safe_dump(
        record,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, None, True])),
        sort_keys=False,
        width=draw(st.sampled_from([80, 10**6])),
    )


def as_record_file(folder: str, front_matter: str, body: str = "") -> str:
    if folder in MD_FOLDERS:
        return f"---\n{front_matter}---\n{body}"
    return front_matter


def _any_folder_file() -> st.SearchStrategy[tuple[str, bytes]]:
    """A folder's file name, and text built to reach the YAML reader's and the models' corners."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[str, bytes]:
        folder = draw(st.sampled_from(sorted(FOLDERS)))
        suffix = ".md" if folder in MD_FOLDERS else ".yml"
        kind = draw(st.sampled_from(["fragments", "mutated", "mutated-in-fence"]))
        if kind == "fragments":
            text = draw(yamlish_text)
            if folder in MD_FOLDERS and draw(st.booleans()):
                text = as_record_file(folder, text, draw(yamlish_text))
        else:
            front = draw(mutated_records(folder if kind == "mutated" else "letters"))
            text = as_record_file(folder, front, draw(st.text(max_size=30)))
        prefix = draw(st.sampled_from(["", "", "\ufeff"]))
        return f"{folder}/2025-05-14-x{suffix}", (prefix + text).encode("utf-8", "surrogatepass")

    return build()


@given(folder=st.sampled_from([*sorted(FOLDERS), "attachments", "other", ""]), content=st.binary(max_size=400))
@settings(max_examples=500)
def test_any_bytes_give_problems_not_exceptions(folder: str, content: bytes) -> None:
    suffix = ".md" if folder in MD_FOLDERS else ".yml"
    check_one_file(f"{folder}/x{suffix}" if folder else f"x{suffix}", content)


@given(file=_any_folder_file())
@settings(max_examples=1500)
def test_yaml_like_text_gives_problems_not_exceptions(file: tuple[str, bytes]) -> None:
    check_one_file(*file)


_NAME_CHARS = st.characters(exclude_characters="/\x00", exclude_categories=("Cs",))


@given(
    folder=st.sampled_from([*sorted(FOLDERS), "attachments", "other", ".hidden", "letters/sub", ""]),
    stem=st.text(_NAME_CHARS, min_size=1, max_size=30).filter(lambda s: s not in {".", ".."}),
    suffix=st.sampled_from(["", ".yml", ".yaml", ".md", ".markdown", ".MD", ".txt", ".pdf"]),
    content=st.sampled_from([b"", b"name: A\nkind: other\n", b"---\ntitle: x\n---\n", b"\xff"]),
)
@settings(max_examples=300)
def test_any_file_name_gives_problems_not_exceptions(folder: str, stem: str, suffix: str, content: bytes) -> None:
    name = stem + suffix
    if len(name.encode("utf-8")) > 200:
        name = name[:50]
    check_one_file(f"{folder}/{name}" if folder else name, content)


# --------------------------------------------------------------------------------------------
# Property 2: every valid corpus checks clean and builds.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PD:
    """A partial date as the contract writes it; ``month``/``day`` are 0 when unknown."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def iso(self) -> str:
        return "-".join(
            [f"{self.year:04d}"]
            + ([f"{self.month:02d}"] if self.month else [])
            + ([f"{self.day:02d}"] if self.day else [])
        )

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        if self.day:
            return self.first
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])


def coarsen(day: dt.date, precision: str) -> PD:
    if precision == "year":
        return PD(day.year)
    if precision == "month":
        return PD(day.year, day.month)
    return PD(day.year, day.month, day.day)


_RESERVED_PLAIN = re.compile(r"^(?:true|false|null|~|[-+0-9.].*)$", re.IGNORECASE)
_PLAIN_KEY = re.compile(r"^[a-z_][a-z0-9_-]*$")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    return key if _PLAIN_KEY.match(key) and not _RESERVED_PLAIN.match(key) else quoted(key)


def _scalar(value: object) -> str:
    if isinstance(value, PD):
        return value.iso  # 2025 is an int, 2025-05 and 2025-05-14 are strings in YAML 1.2
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}.get(repr(value), repr(value))
    assert isinstance(value, str)
    return quoted(value)


def _flow(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def _block(value: object, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item and not _is_flat_list(item):
                lines.append(f"{pad}{_key(key)}:")
                _block(item, indent + 2, lines)
            else:
                lines.append(f"{pad}{_key(key)}: {_flow(item)}")
    else:
        assert isinstance(value, list)
        for item in value:
            if isinstance(item, dict) and item:
                inner: list[str] = []
                _block(item, indent + 2, inner)
                lines.append(pad + "- " + inner[0][indent + 2 :])
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {_flow(item)}")


def _is_flat_list(value: object) -> bool:
    return isinstance(value, list) and all(not isinstance(v, dict | list) for v in value)


def to_yaml(mapping: dict[str, object]) -> str:
    lines: list[str] = []
    _block(mapping, 0, lines)
    return "\n".join(lines) + "\n"


# Text a clerk may type on one line: any letter, quotes, HTML and Markdown punctuation.
# Bidirectional embeddings, overrides and isolates are refused (see the property below).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_LINE_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters=BIDI_CONTROLS)
_SPECIAL = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "*",
    "_",
    "`",
    "#",
    "[",
    "]",
    "(",
    ")",
    "|",
    "\\",
    "<script>alert(1)</script>",
    "&amp;",
    "&#x27;",
    "{{ page.title }}",
    "{% raw %}",
    "---",
    ": ",
    " #",
    "- ",
    "José G. Pérez",
    "Zoë",
    "—",
    "“quoted”",
    "😀",
    "\u200b",
    "\u200f",  # a right-to-left mark: allowed, unlike the overrides
    "[^1]",
    "<!--",
    "-->",
    "</div>",
    "]]>",
]
line_text = (
    st.lists(
        st.one_of(st.sampled_from(_SPECIAL), st.text(_LINE_CHARS, min_size=1, max_size=12)), min_size=1, max_size=5
    )
    .map("".join)
    .filter(lambda text: text.strip())  # a field of spaces only is empty, which check rightly refuses
)

HOSTILE_CHARACTERS = ["\x00", "\x1b", "\x7f", "\x80", "\x85", "\x9b", "\u2028", "\u2029", "\n", "\r", "\x0b"]
HOSTILE_CHARACTERS += list(BIDI_CONTROLS)
"""Characters no one-line field may hold: controls, line breaks and bidirectional controls."""
hostile_line_text = st.builds(
    lambda before, char, after: before + char + after, line_text, st.sampled_from(HOSTILE_CHARACTERS), line_text
)

_MARKDOWN = [
    "# Heading",
    "## Second heading",
    "###### Deep",
    "* item\n* item",
    "1. one\n2. two",
    "> quoted\n> text",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "A claim.[^1]\n\n[^1]: The footnote.",
    "[a link](https://example.org/x)",
    "[relative](../other.md)",
    "[anchor](#nowhere)",
    "![image](missing.png)",
    '<div markdown="1">*x*</div>',
    "<script>alert(1)</script>",
    '<iframe src="https://example.org"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    "```\ncode <b>\n```",
    "    indented code",
    "***",
    "---",
    "...",
    "Setext\n===",
    "&copy; &amp; &lt;",
    "\\*not emphasis\\*",
    "<!-- comment",
    "<pre>\n\n</pre>",
    "Term\n: Definition",
    "!!! note\n    admonition",
    "{: #id .class }",
]
markdown_text = st.lists(st.one_of(st.sampled_from(_MARKDOWN), line_text), max_size=6).flatmap(
    lambda parts: st.sampled_from(["\n", "\n\n"]).map(lambda sep: sep.join(parts))
)

slug = st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,5}){0,2}\Z").filter(lambda s: s != "index")  # a reserved id
days = st.dates(dt.date(2012, 1, 1), dt.date(2031, 12, 31))
precisions = st.sampled_from(["year", "month", "day", "day"])
URL = st.sampled_from(
    ["https://example.org/a", "http://example.org/b?x=1&y=<2>", "HTTPS://EXAMPLE.ORG/C", "https://exämple.org/ü"]
)
ATTACHMENTS = ["a.txt", "sub/b c.pdf", "ü.txt"]


def _maybe(draw: st.DrawFn, strategy: st.SearchStrategy[Any], record: dict[str, Any], key: str) -> None:
    if draw(st.booleans()):
        record[key] = draw(strategy)


def _date(draw: st.DrawFn, value: PD) -> object:
    """A partial date, written plain (``2025-05``) or quoted (``"2025-05"``)."""
    return value if draw(st.booleans()) else value.iso


def _sample(draw: st.DrawFn, items: list[str], max_size: int = 3) -> list[str]:
    if not items:
        return []
    return draw(st.lists(st.sampled_from(items), unique=True, max_size=max_size))


def _links(draw: st.DrawFn) -> list[object]:
    return draw(
        st.lists(st.one_of(URL, st.fixed_dictionaries({"url": URL}, optional={"title": line_text})), max_size=2)
    )


@dataclass
class Role:
    body: str
    start: PD | None
    end: PD | None

    def held_on(self, day: PD) -> bool:
        return (self.start is None or self.start.first <= day.last) and (self.end is None or day.first <= self.end.last)


@dataclass
class RecordFile:
    """One generated record: its fields (rendered as YAML by ``to_yaml``) and, for ``.md``, its text."""

    folder: str
    record_id: str
    fields: dict[str, Any]
    body: str = ""
    suffix: str = ""
    crlf: bool = False

    @property
    def relative(self) -> str:
        return f"{self.folder}/{self.record_id}{self.suffix or ('.md' if self.folder in MD_FOLDERS else '.yml')}"

    def text(self) -> str:
        front = to_yaml(self.fields)
        text = f"---\n{front}---\n{self.body}\n" if self.folder in MD_FOLDERS else front
        return text.replace("\n", "\r\n") if self.crlf else text


@dataclass
class GeneratedCorpus:
    records: list[RecordFile]
    attachments: list[str] = field(default_factory=list)
    """Files to create under ``records/attachments/``."""

    def write(self, records: Path) -> None:
        files = {r.relative: r.text() for r in self.records}
        files.update({f"attachments/{a}": "attachment\n" for a in self.attachments})
        for relative, text in files.items():
            target = records / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))

    def expected_pages(self) -> list[str]:
        """Home, About, Follow and Search, one index per folder, one page per SOP series and one per
        record."""
        series = {r.fields["series"] for r in self.records if r.folder == "sops"}
        return sorted(
            [
                "index.md",
                "about.md",
                "follow.md",
                "search/index.md",
                *(f"{folder}/index.md" for folder in FOLDERS),
                *(f"sops/series/{s}.md" for s in series),
                *(f"{r.folder}/{r.record_id}.md" for r in self.records),
            ]
        )

    def compare_pages(self) -> int:
        """One compare page for every pair of versions of each SOP series."""
        sizes: dict[object, int] = {}
        for r in self.records:
            if r.folder == "sops":
                sizes[r.fields["series"]] = sizes.get(r.fields["series"], 0) + 1
        return sum(n * (n - 1) // 2 for n in sizes.values())


def corpus_of(*records: RecordFile, attachments: tuple[str, ...] = ()) -> GeneratedCorpus:
    return GeneratedCorpus(list(records), list(attachments))


@st.composite
def valid_corpora(draw: st.DrawFn) -> GeneratedCorpus:
    n_bodies = draw(st.integers(1, 3))
    n_people = draw(st.integers(0, 5))
    n_techs = draw(st.integers(0, 3))
    n_dated = draw(st.integers(0, 8))
    ref_ids = draw(st.lists(slug, unique=True, min_size=n_bodies + n_people + n_techs, max_size=24))
    body_ids = ref_ids[:n_bodies]
    person_ids = ref_ids[n_bodies : n_bodies + n_people]
    tech_ids = ref_ids[n_bodies + n_people : n_bodies + n_people + n_techs]
    used = set(ref_ids[: n_bodies + n_people + n_techs])
    records: dict[str, tuple[str, dict[str, Any]]] = {}  # id -> (folder, fields)
    attachments: set[str] = set()

    for index, body_id in enumerate(body_ids):
        body: dict[str, Any] = {"name": draw(line_text), "kind": draw(st.sampled_from(list(BodyKind))).value}
        if index and draw(st.booleans()):
            body["parent"] = draw(st.sampled_from(body_ids[:index]))
        _maybe(draw, line_text, body, "jurisdiction")
        _maybe(draw, st.integers(1, 60), body, "seats")
        if draw(st.booleans()):
            body["links"] = _links(draw)
        records[body_id] = ("bodies", body)

    roles: dict[str, list[Role]] = {}
    for person_id in person_ids:
        person: dict[str, Any] = {"name": draw(line_text)}
        _maybe(draw, line_text, person, "sort_name")
        person_roles = []
        roles[person_id] = []
        for _ in range(draw(st.integers(0, 3))):
            first, second = sorted([draw(days), draw(days)])
            start = coarsen(first, draw(precisions)) if draw(st.booleans()) else None
            end = coarsen(second, draw(precisions)) if draw(st.booleans()) else None
            role = Role(draw(st.sampled_from(body_ids)), start, end)
            roles[person_id].append(role)
            fields: dict[str, Any] = {"body": role.body, "title": draw(line_text)}
            _maybe(draw, st.one_of(st.integers(1, 15), st.sampled_from(["A", "at-large", "12b"])), fields, "district")
            if start:
                fields["start"] = _date(draw, start)
            if end:
                fields["end"] = _date(draw, end) if draw(st.booleans()) else end
            person_roles.append(fields)
        if person_roles:
            person["roles"] = person_roles
        if draw(st.booleans()):
            person["links"] = _links(draw)
        records[person_id] = ("people", person)

    def pick_date_in(role: Role) -> PD:
        low = role.start.first if role.start else dt.date(2012, 1, 1)
        high = role.end.last if role.end else dt.date(2031, 12, 31)
        return coarsen(draw(st.dates(low, high)), draw(precisions))

    def any_date() -> PD:
        return coarsen(draw(days), draw(precisions))

    def seated(body_id: str | None, day: PD) -> list[str]:
        return [p for p in person_ids if any(r.held_on(day) and body_id in (None, r.body) for r in roles[p])]

    dated: list[tuple[str, PD]] = []
    series_names = draw(st.lists(slug, unique=True, min_size=1, max_size=2))
    versions: dict[str, set[str]] = {}
    for _ in range(n_dated):
        folder = draw(st.sampled_from([*MD_FOLDERS, "votes"]))
        record: dict[str, Any] = {}
        all_roles = [(p, r) for p in person_ids for r in roles[p]]
        if folder == "letters":
            role = draw(st.sampled_from(all_roles)) if all_roles and draw(st.booleans()) else None
            date = pick_date_in(role[1]) if role else any_date()
            signers = _sample(draw, seated(None, date) + body_ids)
            record["from"] = signers
            _maybe(draw, st.just(_sample(draw, person_ids + body_ids)), record, "to")
            _maybe(draw, st.just(_sample(draw, person_ids + body_ids)), record, "cc")
            letters = [i for i, (f, _) in records.items() if f == "letters"]
            if letters and draw(st.booleans()):
                record["in_reply_to"] = draw(st.sampled_from(letters))
            _maybe(draw, st.booleans(), record, "response_requested")
        elif folder == "votes":
            body_id = draw(st.sampled_from(body_ids))
            on_body = [r for _, r in all_roles if r.body == body_id]
            date = pick_date_in(draw(st.sampled_from(on_body))) if on_body else any_date()
            record["body"] = body_id
            record["result"] = draw(st.sampled_from(list(VoteResult))).value
            seats = records[body_id][1].get("seats")
            roll_call: dict[str, list[str]] = {}
            for voter in seated(body_id, date)[:seats]:  # no more voters than the body has seats
                option = draw(st.sampled_from([None, *VoteOption]))
                if option is not None:
                    roll_call.setdefault(option.value, []).append(voter)
            if roll_call and draw(st.booleans()):
                for option in draw(st.lists(st.sampled_from(list(VoteOption)), max_size=2)):
                    roll_call.setdefault(option.value, [])  # an option with nobody under it
            tally_kind = draw(st.sampled_from(["roll_call", "counts", "both"])) if roll_call else "counts"
            if tally_kind != "counts":
                record["roll_call"] = {k: (v if v or draw(st.booleans()) else None) for k, v in roll_call.items()}
            if tally_kind == "both":
                record["counts"] = {k: len(v) for k, v in roll_call.items() if v or draw(st.booleans())}
            elif tally_kind == "counts":
                counts = draw(
                    st.dictionaries(st.sampled_from([o.value for o in VoteOption]), st.integers(0, 60), min_size=1)
                )
                for option in counts:  # the tally counts at most one vote per seat
                    counts[option] = min(counts[option], max(0, (seats or 60) - sum(counts.values()) + counts[option]))
                record["counts"] = counts
            meetings = [  # a vote is taken at a meeting of its body, on the meeting's date
                i
                for i, held in dated
                if records[i][0] == "meetings"
                and records[i][1]["body"] == body_id
                and held.first <= date.last
                and date.first <= held.last
            ]
            if meetings and draw(st.booleans()):
                record["meeting"] = draw(st.sampled_from(meetings))
            if draw(st.booleans()):
                record["matter"] = draw(
                    st.fixed_dictionaries(
                        {}, optional={"identifier": st.one_of(st.integers(1, 10**7), line_text), "title": line_text}
                    )
                )
            _maybe(draw, line_text, record, "motion")
            if person_ids:
                _maybe(draw, st.sampled_from(person_ids), record, "mover")
                others = [p for p in person_ids if p != record.get("mover")]
                if others:  # a member who moves a motion does not second it (see the xfail below)
                    _maybe(draw, st.sampled_from(others), record, "seconder")
            if draw(st.booleans()):
                record["raw_values"] = draw(
                    st.dictionaries(st.sampled_from([o.value for o in VoteOption]), line_text, max_size=3)
                )
        elif folder == "meetings":
            date = any_date()
            record["body"] = draw(st.sampled_from(body_ids))
            _maybe(draw, st.sampled_from([k.value for k in MeetingKind]), record, "kind")
            _maybe(draw, line_text, record, "location")
            _maybe(draw, st.sampled_from([k.value for k in MeetingStatus]), record, "status")
            if draw(st.booleans()):
                items = []
                for _ in range(draw(st.integers(0, 3))):
                    item: dict[str, Any] = {"title": draw(line_text)}
                    _maybe(draw, st.one_of(st.integers(1, 99), line_text), item, "item")
                    _maybe(draw, st.just(_sample(draw, tech_ids)), item, "technologies")
                    _maybe(draw, line_text, item, "outcome")
                    _maybe(draw, st.just({"legistar_file": draw(st.integers(1, 10**6))}), item, "identifiers")
                    items.append(item)
                record["agenda"] = items
            if draw(st.booleans()):
                record["public_comment"] = draw(
                    st.fixed_dictionaries({}, optional={"speakers": st.integers(0, 500), "written": st.integers(0, 99)})
                )
            _maybe(draw, URL, record, "video")
            if draw(st.booleans()):
                record["minutes"] = draw(st.one_of(URL, st.sampled_from(ATTACHMENTS)))
                if not record["minutes"].lower().startswith("http"):
                    attachments.add(record["minutes"])
        elif folder == "sops":
            date = any_date()
            series = draw(st.sampled_from(series_names))
            taken = versions.setdefault(series, set())
            label = draw(st.one_of(st.integers(1, 20), st.sampled_from(["2026-03 draft", "1.1", "v2", "Ünicode"])))
            if str(label) in taken:
                label = f"{label}-{len(taken)}"
            taken.add(str(label))
            record.update({"series": series, "version": label, "status": draw(st.sampled_from(list(SopStatus))).value})
            _maybe(draw, st.sampled_from([k.value for k in DocumentKind]), record, "document_kind")
            _maybe(draw, st.sampled_from(body_ids), record, "agency")
            _maybe(draw, st.one_of(st.integers(1, 999), line_text), record, "number")
        else:
            date = any_date()
            record["kind"] = draw(st.sampled_from([k.value for k in OtherDocumentKind]))
            _maybe(draw, st.just(_sample(draw, person_ids + body_ids)), record, "from")
            _maybe(draw, st.just(_sample(draw, person_ids + body_ids)), record, "to")

        record.update({"title": draw(line_text), "date": _date(draw, date), "summary": draw(line_text)})
        if draw(st.booleans()):
            record["time"] = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
        _maybe(draw, st.just(_sample(draw, tech_ids)), record, "technologies")
        _maybe(draw, st.just(_sample(draw, body_ids)), record, "bodies")
        sources = []
        for _ in range(draw(st.integers(1, 2))):
            source: dict[str, Any] = {"title": draw(line_text), "kind": draw(st.sampled_from(list(SourceKind))).value}
            if draw(st.booleans()):
                source["url"] = draw(URL)
            else:
                source["attachment"] = draw(st.sampled_from(ATTACHMENTS))
                attachments.add(source["attachment"])
            _maybe(draw, line_text, source, "publisher")
            if draw(st.booleans()):
                source["published"] = _date(draw, any_date())
            if draw(st.booleans()):
                source["retrieved"] = _date(draw, any_date())
            sources.append(source)
        record["sources"] = sources
        if all(s["kind"] == "secondary" for s in sources):
            record["confidence"] = draw(st.sampled_from(["reported", "disputed"]))
        else:
            _maybe(draw, st.sampled_from([c.value for c in Confidence]), record, "confidence")
        _maybe(draw, st.lists(line_text, max_size=2), record, "caveats")
        _maybe(draw, st.lists(line_text, max_size=3), record, "tags")
        if draw(st.booleans()):
            record["identifiers"] = draw(
                st.dictionaries(
                    st.sampled_from(["legistar_file", "legistar_meeting", "fpc_item", "other_id"]),
                    st.one_of(st.integers(0, 10**8), line_text),
                    max_size=3,
                )
            )
        if draw(st.booleans()):
            chosen = _sample(draw, ATTACHMENTS, 2)
            record["attachments"] = [{"path": p, "title": draw(line_text)} for p in chosen]
            attachments.update(chosen)
        if draw(st.booleans()):
            record["extra"] = draw(
                st.dictionaries(st.sampled_from(["note", "yes", "no", "x-y"]), line_text, max_size=2)
            )
        record_id = f"{date.iso}-{draw(slug)}"
        while record_id in used:
            record_id += "-x"
        used.add(record_id)
        if draw(st.booleans()):
            record["id"] = record_id
        records[record_id] = (folder, record)
        dated.append((record_id, date))

    for tech_id in tech_ids:
        tech: dict[str, Any] = {
            "title": draw(line_text),
            "category": draw(st.sampled_from(list(TechnologyCategory))).value,
        }
        _maybe(draw, st.sampled_from(body_ids), tech, "agency")
        _maybe(draw, line_text, tech, "vendor")
        _maybe(draw, line_text, tech, "summary")
        if dated:
            changes = draw(st.lists(st.sampled_from(dated), max_size=4))
            history = []
            for record_id, date in sorted(changes, key=lambda c: (c[1].year, c[1].month, c[1].day)):
                change = {
                    "date": _date(draw, date),
                    "status": draw(st.sampled_from(list(TechnologyStatus))).value,
                    "record": record_id,
                }
                _maybe(draw, line_text, change, "note")
                history.append(change)
            if history or draw(st.booleans()):
                tech["status_history"] = history
        _maybe(draw, st.lists(st.sampled_from([r.value for r in Requirement]), unique=True), tech, "required")
        if draw(st.booleans()):
            tech["links"] = _links(draw)
        records[tech_id] = ("technologies", tech)

    dated_ids = [record_id for record_id, _ in dated]
    for person_id in person_ids:
        for role_fields in records[person_id][1].get("roles", []):
            if draw(st.booleans()):
                role_fields["source"] = (
                    draw(st.sampled_from(dated_ids)) if dated_ids and draw(st.booleans()) else draw(URL)
                )

    files = []
    for record_id, (folder, fields) in records.items():
        if folder in MD_FOLDERS:
            body, suffix = draw(markdown_text), draw(st.sampled_from([".md", ".md", ".markdown"]))
        else:
            body, suffix = "", draw(st.sampled_from([".yml", ".yml", ".yaml"]))
        files.append(RecordFile(folder, record_id, fields, body, suffix, draw(st.integers(0, 9)) == 0))
    return GeneratedCorpus(files, sorted(attachments))


def assert_page_meta(src: str, page: GeneratedPage) -> None:
    """Every generated page has a title and its metadata as values (no front matter text)."""
    title = page.meta.get("title")
    assert isinstance(title, str) and title.strip(), (src, page.meta)
    assert not page.markdown.startswith("---"), src


def check_valid_corpus(corpus: GeneratedCorpus) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records"
        corpus.write(records)
        loaded, problems = check_records(records)
        assert not problems.errors, problems.report()
        assert len(loaded.records) == len(corpus.records)
        pages = generate_pages(Site(loaded, TODAY))
    compare = [p for p in pages if p.startswith("sops/compare/")]
    assert sorted(p for p in pages if not p.startswith("sops/compare/")) == corpus.expected_pages()
    assert len(compare) == corpus.compare_pages()
    for src, content in pages.items():
        assert_page_meta(src, content)


@given(corpus=valid_corpora())
@settings(max_examples=150)
def test_valid_corpus_checks_clean_and_generates_pages(corpus: GeneratedCorpus) -> None:
    check_valid_corpus(corpus)


@given(corpus=valid_corpora())
@settings(max_examples=3, deadline=None, phases=[Phase.generate])
def test_valid_corpus_builds_with_mkdocs(corpus: GeneratedCorpus) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records"
        corpus.write(records)
        site = Path(tmp) / "site"
        result = run_build(records, site)
        assert result.returncode == 0, result.stderr[-3000:]
        built = {page.parent.relative_to(site).as_posix() for page in site.rglob("index.html")}
    wanted = {
        (Path(src).parent if Path(src).name == "index.md" else Path(src).with_suffix("")).as_posix()
        for src in corpus.expected_pages()
    }
    assert wanted <= built, sorted(wanted - built)


# --------------------------------------------------------------------------------------------
# Property 1 again, on whole corpora: damage one value of a valid corpus. The check never
# raises, and whatever it accepts (no errors) generates its pages.
# --------------------------------------------------------------------------------------------


@st.composite
def mutated_corpora(draw: st.DrawFn) -> GeneratedCorpus:
    corpus = draw(valid_corpora())
    values = mutation_values([r.record_id for r in corpus.records])
    records = list(corpus.records)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(records) - 1))
        record = records[index]
        fields = mutate(draw, record.fields, values)
        records[index] = RecordFile(record.folder, record.record_id, fields, record.body, record.suffix, record.crlf)
    return GeneratedCorpus(records, corpus.attachments)


@given(corpus=mutated_corpora())
@settings(max_examples=200)
def test_damaged_corpus_gives_problems_and_what_passes_builds(corpus: GeneratedCorpus) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records"
        corpus.write(records)
        loaded, problems = check_records(records)
        assert_problem_shapes(problems)
        if problems.errors:
            return
        pages = generate_pages(Site(loaded, TODAY))
    series = {sop.series for sop in loaded.sops.values()}
    not_compare = [p for p in pages if not p.startswith("sops/compare/")]  # compare pages: one per version pair
    assert len(not_compare) == 4 + len(FOLDERS) + len(series) + len(loaded.records)  # home, About, Follow, Search
    for src, content in pages.items():
        assert_page_meta(src, content)


ONE_LINE_FIELDS = {"title", "name", "sort_name", "location", "motion", "jurisdiction", "vendor", "publisher"}


@given(corpus=valid_corpora(), data=st.data())
@settings(max_examples=100)
def test_control_and_bidi_characters_in_one_line_fields_are_refused_at_their_line(
    corpus: GeneratedCorpus, data: st.DataObject
) -> None:
    """A title, name or other one-line value holding a control, line-break or bidirectional
    control character is refused at that value's line, whatever else the value holds."""
    candidates = [
        (index, key)
        for index, record in enumerate(corpus.records)
        for key, value in record.fields.items()
        if key in ONE_LINE_FIELDS and isinstance(value, str)
    ]
    index, key = data.draw(st.sampled_from(candidates))
    record = corpus.records[index]
    value = data.draw(hostile_line_text)
    fields = {**record.fields, key: value}
    changed = RecordFile(record.folder, record.record_id, fields, record.body, record.suffix, record.crlf)
    records_list = [*corpus.records[:index], changed, *corpus.records[index + 1 :]]
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records"
        GeneratedCorpus(records_list, corpus.attachments).write(records)
        _, problems = check_records(records)
        text = (records / changed.relative).read_text(encoding="utf-8")
    assert_problem_shapes(problems)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(f"{key}: "))
    found = [p for p in problems.errors if p.path.endswith(changed.relative) and p.code.startswith("value.")]
    assert found, problems.report()
    assert any(p.line == line for p in found), (line, problems.report())
    assert all(not any(c in p.format() for c in HOSTILE_CHARACTERS if c != "\n") for p in problems.items)


# --------------------------------------------------------------------------------------------
# Bugs the properties above found, each pinned by its minimal input as a regression test (they
# were strict xfails until fixed).
# --------------------------------------------------------------------------------------------


def _run_check_in_subprocess(relative: str, content: bytes) -> subprocess.CompletedProcess[str]:
    """Check one file with ``build_site.py check`` in a child process: a crash of the interpreter
    must not take pytest down."""
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records"
        (records / relative).parent.mkdir(parents=True)
        (records / relative).write_bytes(content)
        return run_check("--records", str(records))


_PERSON = 'name: Ada\nroles:\n  - body: council\n    title: Member\n    start: "0000"\n    end: 2026\n'


@given(file=_any_folder_file())
@example(file=("people/ada.yml", _PERSON.encode()))
@settings(phases=[Phase.explicit])
def test_regression_year_zero_is_a_problem_not_a_crash(file: tuple[str, bytes]) -> None:
    check_one_file(*file)


@given(file=_any_folder_file())
@example(file=("bodies/council.yml", b"name: " + b"[" * 1000 + b"]" * 1000 + b"\n"))
@settings(phases=[Phase.explicit])
def test_regression_deep_nesting_is_a_problem_not_a_crash(file: tuple[str, bytes]) -> None:
    check_one_file(*file)


@given(file=_any_folder_file())
@example(file=("bodies/council.yml", b"name: " + b"[" * 30000 + b"]" * 30000 + b"\n"))
@settings(phases=[Phase.explicit])
def test_regression_very_deep_nesting_does_not_crash_the_interpreter(file: tuple[str, bytes]) -> None:
    result = _run_check_in_subprocess(*file)
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])  # reported, not crashed
    assert "Traceback" not in result.stderr
    assert "error [" in result.stderr


@given(file=_any_folder_file())
@example(file=("bodies/a\nb.yml", b'name: B\nkind: other\nseats: "x\\ny"\n"c\\nd": 1\n'))
@settings(phases=[Phase.explicit])
def test_regression_messages_stay_on_one_line(file: tuple[str, bytes]) -> None:
    check_one_file(*file)


_BODY = RecordFile("bodies", "council", {"name": "Council", "kind": "legislature"})
_SOURCES = [{"url": "https://example.org", "title": "S", "kind": "primary"}]


@given(corpus=valid_corpora())
@example(
    corpus=corpus_of(
        _BODY,
        RecordFile("people", "ada", {"name": "Ada", "roles": [{"body": "council", "title": "Member"}]}),
        RecordFile(
            "votes",
            "2025-05-14-vote",
            {
                "title": "V",
                "date": "2025-05-14",
                "summary": "S",
                "sources": _SOURCES,
                "body": "council",
                "result": "pass",
                "roll_call": {"yes": ["ada"]},
                "mover": "ada",
                "seconder": "ada",
            },
        ),
    )
)
@settings(phases=[Phase.explicit])
def test_regression_mover_who_seconds_is_not_a_repeated_reference(corpus: GeneratedCorpus) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus.write(Path(tmp) / "records")
        _, problems = check_records(Path(tmp) / "records")
    assert "reference.repeated" not in {p.code for p in problems.items}, problems.report()


@given(corpus=valid_corpora())
@example(
    corpus=corpus_of(
        _BODY,
        RecordFile("people", "ada", {"name": "Ada", "roles": [{"body": "council", "title": "M", "district": "²"}]}),
    )
)
@settings(phases=[Phase.explicit])
def test_regression_superscript_district_generates_pages(corpus: GeneratedCorpus) -> None:
    check_valid_corpus(corpus)


@given(corpus=valid_corpora())
@example(corpus=corpus_of(_BODY, RecordFile("people", "index", {"name": "Ada"})))
@settings(phases=[Phase.explicit])
def test_regression_record_named_index_is_refused(corpus: GeneratedCorpus) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus.write(Path(tmp) / "records")
        _, problems = check_records(Path(tmp) / "records")
    assert "record.reserved-id" in {p.code for p in problems.errors}, problems.report()

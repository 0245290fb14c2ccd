"""The record authors' pages must keep up with the code (in the spirit of datasette's test_docs).

Each test collects what a record author can meet in the code (vocabulary values, field names,
``site.yml`` keys, page names) and fails naming whatever docs/writing-records.md (the guide) or
docs/format-reference.md (the reference) does not describe yet. The problem codes are compared
exactly: the guide's table "Every error and warning" is the registry
(:class:`civic_record.problem_codes.Code`) row by row, with each code's severity and meaning.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from civic_record import vocabulary
from civic_record.city_pages import RESERVED_PAGE_NAMES
from civic_record.loading import MAX_FILE_BYTES
from civic_record.models import (
    MODELS,
    AgendaItem,
    Amount,
    ApproximateCount,
    Attachment,
    Link,
    Matter,
    PublicComment,
    Role,
    Source,
    StatusChange,
    Term,
    field_names,
)
from civic_record.problem_codes import CODES, Code, Severity
from civic_record.site_settings import SiteSettings
from civic_record.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "writing-records.md"
REFERENCE = ROOT / "docs" / "format-reference.md"
AUTHOR_PAGES = (PAGE, REFERENCE)
SCHEMA_COMMAND = "python -m civic_record.schema_export schema"
PACKAGE = ROOT / "civic_record"

NESTED_MODELS: tuple[type[BaseModel], ...] = (
    Source,
    Attachment,
    AgendaItem,
    PublicComment,
    Matter,
    Role,
    StatusChange,
    Link,
    ApproximateCount,
    Amount,
    Term,
)

FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
CODES_SECTION = "## Checking your records"
CODES_TABLE = "### Every error and warning"
TABLE_ROW = re.compile(r"^\|(.*)\|[ \t]*$", re.MULTILINE)
CODE_CELL = re.compile(r"^`([^`]+)`$")
WARNINGS_SENTENCE = re.compile(r"^- \*\*Warnings\*\* \(([^)]*)\) do not, unless you add `--strict`", re.MULTILINE)
PROBLEM_LINE = re.compile(r"^\S+:\d+:\d+: (error|warning) \[([a-z]+\.[a-z-]+)\]: \S.*$", re.MULTILINE)
CODE_MEMBER = re.compile(r"\bCode\.([A-Z][A-Z0-9_]*)\b")


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def spans_of(text: str) -> set[str]:
    """Inline `code` spans of a page's prose and tables (fenced examples do not count)."""
    prose = FENCE.sub("", text)
    return {match.group(2).strip() for match in CODE_SPAN.finditer(prose)}


@pytest.fixture(scope="module", params=AUTHOR_PAGES, ids=lambda path: path.name)
def code_spans(request: pytest.FixtureRequest) -> set[str]:
    """The code spans of the guide, then of the reference: both describe every field and value."""
    path: Path = request.param
    return spans_of(path.read_text(encoding="utf-8"))


def vocabularies() -> list[type[Vocabulary]]:
    return [
        obj
        for obj in vars(vocabulary).values()
        if isinstance(obj, type) and issubclass(obj, Vocabulary) and obj is not Vocabulary
    ]


def checking_section(page: str) -> str:
    """The "Checking your records" section of the guide, up to the next ``##`` heading."""
    assert CODES_SECTION in page, f"the page has no '{CODES_SECTION}' section"
    section = page.split(CODES_SECTION, 1)[1]
    following = re.search(r"^## ", section, re.MULTILINE)
    return section[: following.start()] if following else section


def codes_table(page: str) -> list[tuple[str, str, str]]:
    """The rows of the table "Every error and warning": (code, what it means, how to fix it)."""
    section = checking_section(page)
    assert CODES_TABLE in section, f"the '{CODES_SECTION}' section has no '{CODES_TABLE}' table"
    table = section.split(CODES_TABLE, 1)[1]
    following = re.search(r"^#", table, re.MULTILINE)
    table = table[: following.start()] if following else table
    rows: list[tuple[str, str, str]] = []
    for match in TABLE_ROW.finditer(table):
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", match.group(1))]
        if cells[0] == "code" or set(cells[0]) <= set("-: "):
            continue  # the header and the line under it
        code = CODE_CELL.match(cells[0])
        assert code and len(cells) == 3, f"a row of '{CODES_TABLE}' is not '| `code` | meaning | fix |': {match[0]}"
        rows.append((code.group(1), cells[1], cells[2]))
    return rows


def table_meaning(code: Code) -> str:
    """What the table says a code means: its meaning, after its severity when it is a warning."""
    if code.severity is Severity.ERROR:
        return code.meaning
    return f"warning, with `--draft` only: {code.meaning}" if code.draft_only else f"warning: {code.meaning}"


def expected_row(code: Code) -> str:
    return f"| `{code.value}` | {table_meaning(code)} | ... |"


def test_the_page_has_the_sections_authors_look_for(page: str) -> None:
    assert page.startswith("# Writing records\n")
    assert len(re.findall(r"^# ", FENCE.sub("", page), re.MULTILINE)) == 1, "one '#' title only"
    for heading in ("## Dates", CODES_SECTION, "## Previewing", "## Attachments"):
        assert re.search(rf"^{re.escape(heading)}\b", page, re.MULTILINE), f"missing section {heading!r}"


def test_every_vocabulary_value_is_documented(code_spans: set[str]) -> None:
    enums = vocabularies()
    assert len(enums) >= 10, "the vocabulary module should hold the contract's enums"
    missing = [
        f"{enum.__name__}.{member.name} = `{member.value}`"
        for enum in enums
        for member in enum
        if member.value not in code_spans
    ]
    assert not missing, "vocabulary values not written as `code`:\n" + "\n".join(missing)


def test_every_field_an_author_can_write_is_documented(code_spans: set[str]) -> None:
    models: list[type[BaseModel]] = [*MODELS.values(), *NESTED_MODELS]
    missing = sorted(
        {f"{model.__name__}: `{name}`" for model in models for name in field_names(model) if name not in code_spans}
    )
    assert not missing, "fields not written as `code`:\n" + "\n".join(missing)


def test_the_codes_table_lists_the_registry_in_its_order(page: str) -> None:
    documented = [code for code, _, _ in codes_table(page)]
    registry = [code.value for code in Code]
    missing = [expected_row(code) for code in Code if code.value not in documented]
    stale = [code for code in documented if code not in CODES]
    repeated = sorted({code for code in documented if documented.count(code) > 1})
    assert not missing, f"codes of civic_record/problem_codes.py missing from '{CODES_TABLE}' in {PAGE.name}:\n" + (
        "\n".join(missing)
    )
    assert not stale, f"'{CODES_TABLE}' in {PAGE.name} lists codes the registry does not hold: {stale}"
    assert not repeated, f"'{CODES_TABLE}' in {PAGE.name} lists these codes twice: {repeated}"
    # The same codes, each once: what can still differ is the order.
    moved = [
        f"row {index}: `{ours}` where the registry has `{theirs}`"
        for index, (ours, theirs) in enumerate(zip(documented, registry, strict=True), start=1)
        if ours != theirs
    ]
    assert not moved, f"'{CODES_TABLE}' lists the codes in another order than problem_codes.Code:\n" + "\n".join(moved)


def test_each_row_of_the_codes_table_gives_the_code_its_severity_and_meaning(page: str) -> None:
    wrong = [
        f"{PAGE.name}: | `{code}` | {meaning} |\nregistry: {expected_row(CODES[code])}"
        for code, meaning, _ in codes_table(page)
        if code in CODES and meaning != table_meaning(CODES[code])
    ]
    assert not wrong, "rows whose severity or meaning differ from civic_record/problem_codes.py:\n" + "\n".join(wrong)
    unfixed = [code for code, _, fix in codes_table(page) if not fix]
    assert not unfixed, f"rows that do not say how to fix the problem: {unfixed}"


def test_the_warnings_sentence_lists_every_warning_of_a_normal_check(page: str) -> None:
    """(``fmt.*`` codes are the formatter's, not the check's.)"""
    sentence = WARNINGS_SENTENCE.search(checking_section(page))
    assert sentence, "the section should say which codes are warnings: '- **Warnings** (`...`, ...) do not, ...'"
    listed = [span.strip().strip("`") for span in sentence.group(1).split(",")]
    expected = [
        code.value
        for code in Code
        if code.severity is Severity.WARNING and not code.draft_only and not code.value.startswith("fmt.")
    ]
    assert listed == expected, (
        "the warnings listed before '--strict' should be those of problem_codes.Code, in its order:\n"
        + ", ".join(f"`{code}`" for code in expected)
    )


def test_every_code_of_the_registry_is_reported_somewhere() -> None:
    """A code no module reports cannot stay in the registry (and so in the table)."""
    used: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "problem_codes.py":
            used.update(CODE_MEMBER.findall(path.read_text(encoding="utf-8")))
    unknown = sorted(used - set(Code.__members__))
    assert not unknown, f"the package names members that problem_codes.Code does not have: {unknown}"
    unused = [f"Code.{code.name} ({code.value})" for code in Code if code.name not in used]
    assert not unused, "codes of civic_record/problem_codes.py that no module reports:\n" + "\n".join(unused)


def test_example_problem_lines_use_the_real_format_and_codes(page: str) -> None:
    examples = PROBLEM_LINE.findall(page)
    assert examples, "the page should show a real 'path:line:col: error [code]: message' line"
    unknown = sorted({code for _, code in examples} - set(CODES))
    assert not unknown, f"example problem lines use unknown codes: {unknown}"
    wrong = sorted({f"{severity} [{code}]" for severity, code in examples if severity != CODES[code].severity})
    assert not wrong, f"example problem lines give a code another severity than its own: {wrong}"
    assert "    hint: " in page, "the example output should show a hint line"


def test_the_file_size_limit_is_the_one_the_loader_enforces(page: str) -> None:
    limit = f"{MAX_FILE_BYTES // (1024 * 1024)} MiB"
    assert limit in page, f"the page should state the file size limit ({limit}, loading.MAX_FILE_BYTES)"


def test_the_commands_are_documented(page: str) -> None:
    for command in ("python build_site.py check", "make check", "python build_site.py serve", "make serve"):
        assert command in page, f"the page should show `{command}`"


def test_every_site_yml_key_is_documented(code_spans: set[str]) -> None:
    missing = [name for name in field_names(SiteSettings) if name not in code_spans]
    assert not missing, f"site.yml keys not written as `code`: {missing}"


def test_the_reference_names_every_reserved_page_name() -> None:
    spans = spans_of(REFERENCE.read_text(encoding="utf-8"))
    missing = sorted(name for name in RESERVED_PAGE_NAMES if name not in spans)
    assert not missing, f"docs/format-reference.md does not list these reserved page names: {missing}"


def test_the_guide_explains_pages_confidence_and_the_schema(page: str) -> None:
    for words in (
        "records/pages/",
        "`about.md`",
        "`index.md`",
        "schema/",
        SCHEMA_COMMAND,
        "yaml.schemas",
        "format-reference.md",
    ):
        assert words in page, f"docs/writing-records.md should mention {words!r}"
    confidence = page[page.index("### Confidence") :]
    assert "Left out" in confidence[:2000] and "`primary`" in confidence[:2000], "how confidence is derived"


def test_the_reference_explains_the_schema_and_confidence() -> None:
    reference = REFERENCE.read_text(encoding="utf-8")
    assert reference.startswith("# Record format reference\n")
    for words in (SCHEMA_COMMAND, "yaml.schemas", "schema/record-schema.json", "schema/site.json", "## site.yml"):
        assert words in reference, words
    assert "### How confidence is decided" in reference


LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("path", AUTHOR_PAGES, ids=lambda path: path.name)
def test_links_between_the_docs_are_relative_and_resolve(path: Path) -> None:
    """The docs are read on a code host: links to other docs are relative ``.md`` paths."""
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:", "#")):
            continue
        file = target.split("#", 1)[0]
        assert file.endswith(".md") and not file.startswith("/"), f"{path.name}: {target}"
        assert (path.parent / file).is_file(), f"{path.name}: {target} does not exist"
    assert "RECORDS.md" not in text and "/work/" not in text

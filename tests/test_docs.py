"""The record authors' pages must keep up with the code (in the spirit of datasette's test_docs).

Each test collects what a record author can meet in the code (vocabulary values, field names,
``site.yml`` keys, page names, error codes) and fails naming whatever docs/writing-records.md
(the guide) or docs/format-reference.md (the reference) does not describe yet.
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

# A problem code is a double-quoted literal "<area>.<name>"; the areas are listed so that module
# and file names ("civic_record.models", "mkdocs.yml") are never taken for codes.
CODE_LITERAL = re.compile(
    r'"((?:yaml|file|record|schema|date|url|source|reference|letter|vote|attachment|person|technology|sop|site|value|text'
    r"|confidence|count|role|page|document|draft)"
    r'\.(?!(?:yml|json)")[a-z][a-z-]*)"'
)
FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
CODES_SECTION = "## Checking your records"
TABLE_CODE_ROW = re.compile(r"^\|\s*`([a-z]+\.[a-z][a-z-]*)`\s*\|", re.MULTILINE)
PROBLEM_LINE = re.compile(r"^\S+:\d+:\d+: (?:error|warning) \[([a-z]+\.[a-z-]+)\]: \S.*$", re.MULTILINE)


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


def source_codes() -> dict[str, list[str]]:
    """Every problem code in the package, with the files that use it."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for code in CODE_LITERAL.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, []).append(str(path.relative_to(ROOT)))
    return found


def documented_codes(page: str) -> set[str]:
    """Codes in the first cell of a table row in the "Checking your records" section."""
    assert CODES_SECTION in page, f"the page has no '{CODES_SECTION}' section"
    section = page.split(CODES_SECTION, 1)[1]
    following = re.search(r"^## ", section, re.MULTILINE)
    if following:
        section = section[: following.start()]
    return set(TABLE_CODE_ROW.findall(section))


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


def test_source_code_scan_finds_problem_codes() -> None:
    codes = source_codes()
    # A sample from each place codes come from: loading, YAML, models, schema errors, checks.
    for known in (
        "file.front-matter-missing",
        "yaml.alias",
        "date.invalid",
        "schema.unknown-field",
        "vote.counts-mismatch",
        "record.id-without-date",
    ):
        assert known in codes, f"the scan no longer finds {known!r}; is CODE_LITERAL still right?"
    assert not [c for c in codes if c.endswith(("-py", "-yml", "-md"))]


def test_every_problem_code_is_in_the_codes_table(page: str) -> None:
    documented = documented_codes(page)
    missing = [
        f"{code} (in {', '.join(sorted(set(files)))})"
        for code, files in sorted(source_codes().items())
        if code not in documented
    ]
    assert not missing, (
        f"problem codes missing from the table under '{CODES_SECTION}' in docs/writing-records.md:\n"
        + "\n".join(missing)
    )


def test_the_codes_table_lists_no_code_the_code_base_cannot_emit(page: str) -> None:
    stale = sorted(documented_codes(page) - set(source_codes()))
    assert not stale, "docs/writing-records.md documents codes that no longer exist:\n" + "\n".join(stale)


def test_example_problem_lines_use_the_real_format_and_codes(page: str) -> None:
    examples = PROBLEM_LINE.findall(page)
    assert examples, "the page should show a real 'path:line:col: error [code]: message' line"
    unknown = sorted(set(examples) - set(source_codes()))
    assert not unknown, f"example problem lines use unknown codes: {unknown}"
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

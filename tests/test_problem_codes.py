"""The registry of problem codes (civic_record/problem_codes.py) and its guard in ``Problems``.

tests/test_docs.py compares the registry with the guide's table; these tests check that the
registry is well formed, and that no stage can report a code it does not hold, or report a code
with another severity than its own.
"""

from __future__ import annotations

import json
import re
from typing import Annotated

import pytest
from pydantic import BaseModel, BeforeValidator, ValidationError
from pydantic_core import PydanticCustomError

from civic_record.problem_codes import CODES, Code, ProblemCodeError, Severity, registered
from civic_record.problem_formats import render_problems
from civic_record.problems import Problems
from civic_record.schema_errors import report_validation_error
from civic_record.yaml_reader import read_yaml

CODE_FORM = re.compile(r"^[a-z]+\.[a-z]+(?:-[a-z]+)*$")


@pytest.mark.parametrize("code", list(Code), ids=lambda code: code.value)
def test_each_code_is_well_formed(code: Code) -> None:
    assert CODE_FORM.match(code.value), "a code is '<area>.<words-with-hyphens>'"
    assert code.name == code.value.upper().replace(".", "_").replace("-", "_"), "the member is named after its code"
    assert code.severity in (Severity.ERROR, Severity.WARNING)
    assert code.meaning.strip() == code.meaning and code.meaning, "a meaning, without spaces around it"
    assert "\n" not in code.meaning and "|" not in code.meaning, "one line that fits in a table cell"
    assert not code.meaning.startswith("warning"), "the severity is the registry's, not part of the meaning"
    assert not code.draft_only or code.severity is Severity.WARNING, "a draft-only code is a warning"
    assert CODES[code.value] is code and registered(code.value) is code


def test_a_code_is_its_text() -> None:
    """A member is the code as printed: reports, JSON and comparisons with text are unchanged."""
    code = Code.REFERENCE_UNKNOWN
    assert code == "reference.unknown" and f"[{code}]" == "[reference.unknown]" and str(code) == "reference.unknown"
    assert json.dumps({"code": code}) == '{"code": "reference.unknown"}'
    problems = Problems()
    problems.error("records/a.yml", 2, 3, code, "'x' is not a body in this corpus", "correct the id")
    problems.warning("records/a.yml", 4, 1, Code.RECORD_ID_WITHOUT_DATE, "the id does not start with the date")
    assert problems.report().splitlines() == [
        "records/a.yml:2:3: error [reference.unknown]: 'x' is not a body in this corpus",
        "    hint: correct the id",
        "records/a.yml:4:1: warning [record.id-without-date]: the id does not start with the date",
        "1 error, 1 warning (record.id-without-date 1, reference.unknown 1)",
    ]
    assert [p["code"] for p in json.loads(render_problems(problems, "json"))["problems"]] == [
        "reference.unknown",
        "record.id-without-date",
    ]


def test_problems_refuse_a_code_the_registry_does_not_hold() -> None:
    problems = Problems()
    with pytest.raises(ProblemCodeError, match=re.escape("'reference.unknwon' is not in")):
        problems.error("records/a.yml", 1, 1, "reference.unknwon", "message")  # type: ignore[arg-type]
    with pytest.raises(ProblemCodeError):
        problems.warning("records/a.yml", 1, 1, "newarea.anything", "message")  # type: ignore[arg-type]
    assert problems.items == []


def test_problems_refuse_a_code_reported_with_another_severity() -> None:
    problems = Problems()
    with pytest.raises(ProblemCodeError, match=re.escape("'confidence.unsupported' is a warning")):
        problems.error("records/a.yml", 1, 1, Code.CONFIDENCE_UNSUPPORTED, "message")
    with pytest.raises(ProblemCodeError, match=re.escape("'vote.no-tally' is an error")):
        problems.warning("records/a.yml", 1, 1, Code.VOTE_NO_TALLY, "message")
    assert problems.items == []


def _refuse(value: object) -> object:
    raise PydanticCustomError("value.not-registered", "made up for the test")


class _Model(BaseModel):
    field: Annotated[str, BeforeValidator(_refuse)]


def test_a_validator_cannot_raise_a_code_the_registry_does_not_hold() -> None:
    """The models' validators give their code as pydantic's error type; it is checked too."""
    with pytest.raises(ValidationError) as caught:
        _Model.model_validate({"field": "x"})
    document = read_yaml("field: x\n")
    with pytest.raises(ProblemCodeError, match=re.escape("'value.not-registered'")):
        report_validation_error(caught.value, "a test", "records/a.yml", document.positions, Problems())


def test_a_registered_code_raised_by_a_validator_is_reported_as_its_member() -> None:
    class Model(BaseModel):
        field: Annotated[str, BeforeValidator(lambda value: _raise(Code.DATE_INVALID))]

    with pytest.raises(ValidationError) as caught:
        Model.model_validate({"field": "x"})
    problems = Problems()
    report_validation_error(caught.value, "a test", "records/a.yml", read_yaml("field: x\n").positions, problems)
    [problem] = problems.items
    assert problem.code == Code.DATE_INVALID and problem.severity is Severity.ERROR
    assert problem.format().startswith("records/a.yml:1:8: error [date.invalid]: not a date")


def _raise(code: Code) -> object:
    raise PydanticCustomError(code, "not a date")

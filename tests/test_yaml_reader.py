"""YAML 1.2 core-schema reading with positions."""

from __future__ import annotations

from civic_record.yaml_reader import Position, read_yaml


def test_roll_call_words_stay_words_and_times_stay_text() -> None:
    doc = read_yaml("yes: [a]\nno: [b]\non: x\noff: y\ntime: 18:00\ndate: 2025-05-14\nok: true\nn: 14\n")
    assert doc.problems == []
    assert doc.value == {
        "yes": ["a"],
        "no": ["b"],
        "on": "x",
        "off": "y",
        "time": "18:00",
        "date": "2025-05-14",
        "ok": True,
        "n": 14,
    }


def test_every_value_and_key_knows_its_line_and_column() -> None:
    doc = read_yaml("title: x\nroll_call:\n  yes:\n    - alex-brower\n    - jose-g-perez\n", line_offset=1)
    assert doc.positions.values[("roll_call", "yes", 1)] == Position(6, 7)
    assert doc.positions.keys[("roll_call",)] == Position(3, 1)
    assert doc.positions.of_value(("roll_call", "missing", 3)) == doc.positions.values[("roll_call",)]


def test_duplicate_keys_are_reported_at_the_second_key() -> None:
    doc = read_yaml("title: a\nsummary: b\ntitle: c\n")
    assert [(p.line, p.column, p.code) for p in doc.problems] == [(3, 1, "yaml.duplicate-key")]
    assert "first at line 1" in doc.problems[0].message


def test_aliases_are_refused_so_billion_laughs_cannot_expand() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    doc = read_yaml(bomb)
    assert {p.code for p in doc.problems} == {"yaml.alias"}


def test_syntax_errors_carry_the_parser_position_and_a_tab_hint() -> None:
    doc = read_yaml("title: x\nroles:\n\t- a\n")
    assert len(doc.problems) == 1
    problem = doc.problems[0]
    assert (problem.line, problem.code) == (3, "yaml.syntax")
    assert problem.hint and "tab" in problem.hint


def test_python_tags_are_refused() -> None:
    doc = read_yaml("x: !!python/object:os.system echo\n")
    assert [p.code for p in doc.problems] == ["yaml.unknown-tag"]

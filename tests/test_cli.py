"""The trainer's command-line tool: check, new case, schema."""

from __future__ import annotations

import json
import re

import pytest

from generator.cli import main
from generator.load import validate
from generator.model import Case
from generator.model.question import QUESTION_TYPES
from generator.schema import SCHEMA_DIR, json_schemas
from generator.yaml_source import read_yaml


def test_check_passes_on_a_good_project(project, capsys):
    assert main(["--root", str(project), "check"]) == 0
    assert "检查通过：2 个案例" in capsys.readouterr().out


def test_check_lists_every_error_and_exits_1(project, capsys):
    case = project / "cases" / "lost-key.yml"
    text = (
        case.read_text(encoding="utf-8")
        .replace("title:", "titel:")
        .replace("principle: p1", "principle: p7")
    )
    case.write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "cases/lost-key.yml:1:1: title: 缺少必填字段",
        "cases/lost-key.yml:2:1: titel: 未知字段（是否想写 title？）",
        "共 2 处错误。",
    ]


def test_check_reports_cross_reference_errors_with_lines(project, capsys):
    case = project / "cases" / "lost-key.yml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("principle: p1", "principle: p7"), encoding="utf-8"
    )
    assert main(["--root", str(project), "check"]) == 1
    assert (
        "cases/lost-key.yml:9:16: principles 第 1 项 › principle: 没有编号为 p7 "
        "的投诉处理原则（已有：p1）" in capsys.readouterr().out
    )


def test_new_case_scaffold_lists_only_what_is_left_to_fill(project, capsys):
    assert main(["--root", str(project), "new", "case", "water-leak"]) == 0
    path = project / "cases" / "water-leak.yml"
    scaffold = path.read_text(encoding="utf-8")
    assert scaffold.startswith("# yaml-language-server: $schema=")
    assert "还没有填写" in capsys.readouterr().out
    # Fresh from the template, the file parses, and check names each blank field.
    assert main(["--root", str(project), "check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "cases/water-leak.yml:13:7: title: 还没有填写（案例标题）",
        "cases/water-leak.yml:14:9: summary: 还没有填写（一句话概括，显示在案例库列表中）",
        "cases/water-leak.yml:16:8: source: 还没有填写（出处：来自哪份培训资料）",
        "cases/water-leak.yml:29:11: scenario: 还没有填写（案情经过）",
        "共 4 处错误。",
    ]
    # A trainer fills in the blanks.
    path.write_text(fill_in_scaffold(scaffold), encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr().out


def fill_in_scaffold(scaffold: str) -> str:
    return (
        scaffold.replace("\ntitle: ", "\ntitle: 楼上漏水")
        .replace("\nsummary: ", "\nsummary: 楼上漏水，楼下业主投诉。")
        .replace("\nsource: ", "\nsource: 自编示例")
        .replace("可以写多段 Markdown\n  \n", "可以写多段 Markdown\n  楼上的水管漏了。\n")
    )


# An example line: "# " in front of YAML (a field or a list item), at its own indentation.
EXAMPLE_LINE = re.compile(r"^# ( *(?:[a-z_]+:|- ))", re.M)


def test_every_example_in_the_scaffold_is_valid_once_uncommented(project, capsys):
    """Each commented example, uncommented as the header says (delete the leading "# "),
    is valid YAML and a valid case: no full-width trap, every quiz question type, see links."""
    assert main(["--root", str(project), "new", "case", "water-leak"]) == 0
    path = project / "cases" / "water-leak.yml"
    scaffold = path.read_text(encoding="utf-8")
    assert not re.search(r"^#.*[：，、　].*$", "\n".join(EXAMPLE_LINE.findall(scaffold)), re.M)
    uncommented = EXAMPLE_LINE.sub(r"\1", fill_in_scaffold(scaffold))
    path.write_text(uncommented, encoding="utf-8")
    doc = read_yaml(path, "cases/water-leak.yml")
    case, errors = validate(Case, doc)
    assert errors == []
    assert {question.type for question in case.quiz} == set(QUESTION_TYPES)
    assert case.related_procedures and case.tags == ["报修", "上门"]
    assert all(question.see for question in case.quiz)
    fields = set(Case.model_fields)
    assert set(doc.data) == fields, f"no example for {fields - set(doc.data)}"


def test_new_case_refuses_a_bad_id_or_an_existing_file(project, capsys):
    assert main(["--root", str(project), "new", "case", "../evil"]) == 1
    assert "不可用" in capsys.readouterr().err
    before = (project / "cases" / "lost-key.yml").read_text(encoding="utf-8")
    assert main(["--root", str(project), "new", "case", "lost-key"]) == 1
    assert (project / "cases" / "lost-key.yml").read_text(encoding="utf-8") == before
    assert not (project.parent / "evil.yml").exists()


def test_committed_schema_matches_the_models():
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.json")}
    assert committed == json_schemas(), "run `make schema` and commit generator/schema/"


def test_schema_describes_fields_for_editor_tooltips():
    schema = json.loads(json_schemas()["case.schema.json"])
    assert schema["additionalProperties"] is False
    assert "案例标题" in schema["properties"]["title"]["description"]
    assert set(schema["required"]) >= {"id", "title", "scenario"}


def test_schema_command_writes_files(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "case.schema.json").is_file()


@pytest.mark.parametrize("argv", [["new", "lesson", "x"], ["nonsense"]])
def test_bad_command_line_is_a_usage_error(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2

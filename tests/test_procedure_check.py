"""A trainer's mistakes in a procedure file, and the message each one gets.

Each row is a broken procedure and the exact `path:line:col: field: message` lines it must
give: the graph rules (links, reachability, a way out of every loop) as well as the shape
of each step.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.procedure_helpers import load_procedure

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "procedures"
SHIPPED = Path(__file__).resolve().parent.parent / "procedures"

# Line numbers matter: the expected messages below point into this text.
GOOD = """\
id: new-procedure
title: 报修处理流程
purpose: 及时修好业主报修的问题。
scope: 业主通过电话或前台报修。
roles:
  - id: desk
    name: 前台
  - id: tech
    name: 维修工
start: receive
steps:
  - id: receive
    title: 接听报修
    role: desk
    next: repair
  - id: repair
    title: 上门维修
    role: tech
    next: fixed
  - id: fixed
    kind: decision
    title: 修好了吗？
    role: tech
    branches:
      - label: 是
        next: close
      - label: 否
        next: repair
  - id: close
    kind: end
    title: 结单
    role: desk
"""

PATH = "procedures/new-procedure.yml"


def errors_for(tmp_path: Path, text: str, name: str = "new-procedure.yml") -> list[str]:
    folder = tmp_path / "procedures"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    procedure, errors = load_procedure(path, tmp_path)
    assert (procedure is None) == bool(errors)
    return [str(error) for error in errors]


def test_good_procedure_loads(tmp_path):
    assert errors_for(tmp_path, GOOD) == []


@pytest.mark.parametrize("folder", [FIXTURES, SHIPPED], ids=["fixtures", "shipped"])
@pytest.mark.parametrize("name", ["complaint-handling", "customer-visit"])
def test_bundled_procedures_are_valid(folder, name):
    procedure, errors = load_procedure(folder / f"{name}.yml")
    assert [str(e) for e in errors] == []
    assert procedure.id == name


def _replace(old: str, new: str) -> str:
    assert GOOD.count(old) == 1, old
    return GOOD.replace(old, new)


BAD = [
    pytest.param(
        _replace("        next: close\n", "        next: clsoe\n"),
        [
            f"{PATH}:26:15: steps 第 3 步 › branches 第 1 项 › next: 没有编号为 clsoe "
            "的步骤（是否想写 close？）"
        ],
        id="branch to a missing step",
    ),
    pytest.param(
        GOOD + "  - id: orphan\n    title: 多余的步骤\n    role: desk\n    next: close\n",
        [
            f"{PATH}:33:9: steps 第 5 步 › id: 从第一步 receive 出发走不到这一步："
            "没有哪一步的 next 或分支指向它"
        ],
        id="unreachable step",
    ),
    pytest.param(
        _replace("        next: close\n", "        next: receive\n"),
        [
            f"{PATH}:12:9: steps 第 1 步 › id: 从这一步起再也走不到结束步骤：receive、"
            "repair、fixed 之间绕圈没有出口，请给其中的判断加一个通向结束的分支",
            f"{PATH}:29:9: steps 第 4 步 › id: 从第一步 receive 出发走不到这一步："
            "没有哪一步的 next 或分支指向它",
        ],
        id="loop with no way to the end",
    ),
    pytest.param(
        _replace("      - label: 否\n        next: repair\n", ""),
        [f"{PATH}:20:5: steps 第 3 步: 判断步骤（decision）至少要有两个分支（branches）"],
        id="decision with one branch",
    ),
    pytest.param(
        _replace("    role: tech\n    next: fixed\n", "    role: tecj\n    next: fixed\n"),
        [f"{PATH}:18:11: steps 第 2 步 › role: 没有编号为 tecj 的角色（是否想写 tech？）"],
        id="unknown role",
    ),
    pytest.param(
        _replace("start: receive\n", "start: recieve\n"),
        [f"{PATH}:10:8: start: 没有编号为 recieve 的步骤（是否想写 receive？）"],
        id="start step missing",
    ),
    pytest.param(
        _replace("  - id: close\n", "  - id: repair\n"),
        [
            f"{PATH}:26:15: steps 第 3 步 › branches 第 1 项 › next: 没有编号为 close "
            "的步骤（已有：receive、repair、fixed）",
            f"{PATH}:29:9: steps 第 4 步 › id: 步骤编号 repair 重复（第 16 行已用过）",
        ],
        id="duplicate step id",
    ),
    pytest.param(
        _replace("    kind: end\n", "    next: receive\n"),
        [f"{PATH}:11:1: steps: 流程没有结束步骤：至少要有一步写 kind: end"],
        id="no end step",
    ),
    pytest.param(
        _replace("    role: tech\n    next: fixed\n", "    role: tech\n    next: repair\n"),
        [f"{PATH}:19:11: steps 第 2 步 › next: 下一步不能是这一步自己（流程会原地打转）"],
        id="step leads to itself",
    ),
    pytest.param(
        _replace("        next: repair\n", "        next: close\n"),
        [
            f"{PATH}:28:15: steps 第 3 步 › branches 第 2 项 › next: 与第 26 "
            "行的分支通向同一步骤 close：两个答案走同一条路，这个判断就没有意义了"
        ],
        id="two branches to the same step",
    ),
    pytest.param(
        _replace("    role: desk\n    next: repair\n", "    role: desk\n"),
        [
            f"{PATH}:12:5: steps 第 1 步: 任务步骤（task）必须用 next 写明下一步；"
            "流程到此结束的话，请用 kind: end"
        ],
        id="task without next",
    ),
    pytest.param(
        GOOD + "    next: receive\n",
        [f"{PATH}:29:5: steps 第 4 步: 结束步骤（end）不能有 next 或 branches"],
        id="end step with next",
    ),
    pytest.param(
        _replace("    role: desk\n    next: repair\n", "    role: desk\n    nxet: repair\n"),
        [f"{PATH}:15:5: steps 第 1 步 › nxet: 未知字段（是否想写 next？）"],
        id="misspelt field",
    ),
    pytest.param(
        _replace("  - id: tech\n", "  - id: desk\n").replace("role: tech", "role: desk"),
        [f"{PATH}:8:9: roles 第 2 项 › id: 角色编号 desk 重复（第 6 行已用过）"],
        id="duplicate role",
    ),
    pytest.param(
        _replace("id: new-procedure\n", "id: old-procedure\n"),
        [
            f"{PATH}:1:5: id: 编号 old-procedure 与文件名不一致：应为 new-procedure，"
            "或把文件改名为 old-procedure.yml"
        ],
        id="id differs from file name",
    ),
]


@pytest.mark.parametrize("text, expected", BAD)
def test_bad_procedure_is_reported_at_its_line(tmp_path, text, expected):
    assert errors_for(tmp_path, text) == expected


def test_branch_labels_must_differ(tmp_path):
    text = _replace("      - label: 否\n", "      - label: 是\n")
    assert errors_for(tmp_path, text) == [
        f"{PATH}:27:16: steps 第 3 步 › branches 第 2 项 › label: 分支说明 是 与第 25 行重复"
    ]


def test_decision_with_four_branches_is_refused(tmp_path):
    extra = (
        "      - label: 等配件\n        next: receive\n      - label: 转外包\n        next: "
        "receive\n"
    )
    text = _replace(
        "        next: repair\n  - id: close\n", f"        next: repair\n{extra}  - id: close\n"
    )
    assert errors_for(tmp_path, text) == [
        f"{PATH}:20:5: steps 第 3 步: 判断步骤（decision）最多 3 个分支；答案更多的话，"
        "请拆成两个判断"
    ]


def test_form_fields_say_how_they_are_filled_in():
    from pydantic import ValidationError

    from generator.model.form import Form

    form = Form.model_validate(
        {
            "id": "complaint-record",
            "title": "客户投诉记录表",
            "fields": [
                {"label": "投诉人", "width": "half"},
                {"label": "投诉类别", "kind": "checkbox_list", "options": ["设施设备", "服务态度"]},
            ],
        }
    )
    assert [field.kind for field in form.fields] == ["text", "checkbox_list"]
    with pytest.raises(ValidationError, match="要在 options 中列出勾选项"):
        Form.model_validate(
            {"id": "x", "title": "x", "fields": [{"label": "类别", "kind": "checkbox_list"}]}
        )

"""A trainer's mistakes in a case file, and the message each one gets.

Each row is a broken file and the exact `path:line:col: field: message` it must give.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.pipeline import read_knowledge_base, sources_for

GOOD_CASE = """\
id: new-case
title: 新案例
summary: 一句话概括。
industry: 物业
source: 测试
tags: [测试]
principles:
  - principle: p1
    verdict: applied
    note: 做到了。
scenario: 案情。
"""


def errors_for(project: Path, text: str | bytes, name: str = "new-case.yml") -> list[str]:
    path = project / "cases" / name
    if isinstance(text, str):
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    else:
        path.write_bytes(text)
    try:
        read_knowledge_base(sources_for(project))
    except ContentErrors as exc:
        return [str(error) for error in exc.errors]
    return []


def test_good_case_loads(project):
    assert errors_for(project, GOOD_CASE) == []


BAD_CASES = [
    pytest.param(
        GOOD_CASE.replace("title: 新案例", "titel: 新案例"),
        [
            "cases/new-case.yml:1:1: title: 缺少必填字段",
            "cases/new-case.yml:2:1: titel: 未知字段（是否想写 title？）",
        ],
        id="misspelt field",
    ),
    pytest.param(
        GOOD_CASE.replace("summary: 一句话概括。\n", ""),
        ["cases/new-case.yml:1:1: summary: 缺少必填字段"],
        id="missing field",
    ),
    pytest.param(
        GOOD_CASE.replace("tags: [测试]", "tags: 测试"),
        ["cases/new-case.yml:6:7: tags: 应为列表（每项一行，以 - 开头）"],
        id="string instead of list",
    ),
    pytest.param(
        GOOD_CASE.replace("title: 新案例", "title: 2024"),
        ["cases/new-case.yml:2:8: title: 应为文本（数字或日期请加引号）"],
        id="number instead of text",
    ),
    pytest.param(
        GOOD_CASE.replace("verdict: applied", "verdict: obeyed"),
        ["cases/new-case.yml:9:14: principles 第 1 项 › verdict: 只能是 applied 或 broken"],
        id="bad enum value",
    ),
    pytest.param(
        GOOD_CASE.replace("principle: p1", "principle: p9"),
        ["cases/new-case.yml:8:16: principles 第 1 项 › principle: 没有编号为 p9 的投诉处理原则（已有：p1）"],
        id="unknown principle",
    ),
    pytest.param(
        GOOD_CASE + "complaint_categories: [parking]\n",
        ["cases/new-case.yml:12:24: complaint_categories 第 1 项: 没有编号为 parking 的投诉类别（已有：service）"],
        id="unknown complaint category",
    ),
    pytest.param(
        GOOD_CASE + "related_cases: [nowhere]\n",
        ["cases/new-case.yml:12:17: related_cases 第 1 项: 没有编号为 nowhere 的案例（cases/ 中找不到 nowhere.yml）"],
        id="unknown related case",
    ),
    pytest.param(
        GOOD_CASE.replace("id: new-case", "id: New Case"),
        ["cases/new-case.yml:1:5: id: 编号只能用小写英文字母、数字和连字符，例如 sand-pit（是否想写 new-case？）"],
        id="bad id",
    ),
    pytest.param(
        GOOD_CASE.replace("id: new-case", "id: ../etc"),
        ["cases/new-case.yml:1:5: id: 编号只能用小写英文字母、数字和连字符，例如 sand-pit"],
        id="id with a path",
    ),
    pytest.param(
        GOOD_CASE.replace("id: new-case", "id: other-case"),
        ["cases/new-case.yml:1:5: id: 编号 other-case 与文件名不一致：应为 new-case，或把文件改名为 other-case.yml"],
        id="id differs from file name",
    ),
    pytest.param(
        GOOD_CASE + "title: 又一个标题\n",
        ["cases/new-case.yml:12:1: title: 重复的键（第 2 行已经写过）"],
        id="duplicate key",
    ),
    pytest.param(
        GOOD_CASE.replace("  - principle: p1", "\t- principle: p1"),
        ["cases/new-case.yml:8:1: 不能用 Tab 缩进，请改用空格"],
        id="tab indentation",
    ),
    pytest.param(
        GOOD_CASE.replace("title: 新案例", "title: [新案例"),
        ["cases/new-case.yml:2:8: “[”没有配对的“]”：请在这一行的末尾补上“]”，各项之间用英文逗号“,”分隔"],
        id="unclosed bracket",
    ),
    pytest.param("", ["cases/new-case.yml:1:1: 文件是空的"], id="empty file"),
    pytest.param("# 只有注释\n", ["cases/new-case.yml:1:1: 文件是空的"], id="only comments"),
    pytest.param(
        "- 一个列表\n",
        ["cases/new-case.yml:1:1: 文件内容应是一个映射（每行 键: 值）"],
        id="list instead of mapping",
    ),
    pytest.param(
        GOOD_CASE.encode("utf-8").replace("案情".encode(), "案情".encode("gbk")),
        ["cases/new-case.yml:11:11: 不是 UTF-8 编码的文本，请用 UTF-8 保存文件"],
        id="GBK bytes",
    ),
    pytest.param(
        "base: &a [x, x]\nmore: &b [*a, *a]\n" + GOOD_CASE,
        [
            "cases/new-case.yml:2:11: 不支持 YAML 别名（*名称），请把内容直接写出来",
            "cases/new-case.yml:2:15: 不支持 YAML 别名（*名称），请把内容直接写出来",
        ],
        id="alias",
    ),
    pytest.param(
        GOOD_CASE.replace("scenario: 案情。", "scenario: " + "长" * 20_001),
        ["cases/new-case.yml:11:11: scenario: 太长：最多 20000 个字符"],
        id="huge field",
    ),
    pytest.param(
        GOOD_CASE + "---\nid: second\n",
        ["cases/new-case.yml:12:1: 一个文件只能有一个 YAML 文档（不要用 ---  分隔多个）"],
        id="two documents",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD_CASES)
def test_bad_case_file_is_reported_with_line_and_field(project, text, expected):
    assert errors_for(project, text) == expected


def test_byte_order_mark_is_accepted(project):
    assert errors_for(project, "\ufeff" + GOOD_CASE) == []


def test_every_error_in_every_file_is_reported_at_once(project):
    (project / "cases" / "second.yml").write_text("id: second\n", encoding="utf-8")
    errors = errors_for(project, GOOD_CASE.replace("title: 新案例", "titel: 新案例"))
    files = {error.split(":")[0] for error in errors}
    assert files == {"cases/new-case.yml", "cases/second.yml"}
    assert errors == sorted(errors, key=lambda e: (e.split(":")[0], int(e.split(":")[1])))
    assert len(errors) >= 6


def test_a_broken_case_does_not_also_break_links_to_it(project):
    # late-repair is linked from lost-key; breaking late-repair must not add a second error.
    (project / "cases" / "late-repair.yml").write_text("id: late-repair\n", encoding="utf-8")
    errors = errors_for(project, GOOD_CASE)
    assert all(error.startswith("cases/late-repair.yml") for error in errors)


def test_unknown_reference_file_is_reported(project):
    (project / "reference" / "principals.yml").write_text("title: x\nentries: []\n", encoding="utf-8")
    errors = errors_for(project, GOOD_CASE)
    assert errors[0].startswith("reference/principals.yml:1:1: 未知的参考文件")


def test_duplicate_reference_id_is_reported_at_the_second(project):
    path = project / "reference" / "principles.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - id: p1\n    number: 2\n    title: 重复\n    explanation: 重复。\n",
        encoding="utf-8",
    )
    assert errors_for(project, GOOD_CASE) == ["reference/principles.yml:7:9: entries 第 2 条 › id: 编号 p1 重复（第 3 行已用过）"]

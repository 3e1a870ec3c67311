"""A trainer's mistakes in a case file, and the message each one gets.

Each row is a broken file and the exact `path:line:col: field: message` it must give.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.messages.fields import FALLBACK
from generator.model import Case
from generator.pipeline import read_knowledge_base, sources_for
from generator.validation import _message

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
        [
            "cases/new-case.yml:8:16: principles 第 1 项 › principle: 没有编号为 p9 "
            "的投诉处理原则（已有：p1）"
        ],
        id="unknown principle",
    ),
    pytest.param(
        GOOD_CASE + "complaint_categories: [parking]\n",
        [
            "cases/new-case.yml:12:24: complaint_categories 第 1 项: 没有编号为 parking "
            "的投诉类别（已有：service）"
        ],
        id="unknown complaint category",
    ),
    pytest.param(
        GOOD_CASE + "related_cases: [nowhere]\n",
        [
            "cases/new-case.yml:12:17: related_cases 第 1 项: 没有编号为 nowhere "
            "的案例（cases/ 中找不到 nowhere.yml）"
        ],
        id="unknown related case",
    ),
    pytest.param(
        GOOD_CASE.replace("id: new-case", "id: New Case"),
        [
            "cases/new-case.yml:1:5: id: 编号只能用小写英文字母、数字和连字符，例如 "
            "sand-pit（是否想写 new-case？）"
        ],
        id="bad id",
    ),
    pytest.param(
        GOOD_CASE.replace("id: new-case", "id: ../etc"),
        ["cases/new-case.yml:1:5: id: 编号只能用小写英文字母、数字和连字符，例如 sand-pit"],
        id="id with a path",
    ),
    pytest.param(
        GOOD_CASE.replace("id: new-case", "id: other-case"),
        [
            "cases/new-case.yml:1:5: id: 编号 other-case 与文件名不一致：应为 new-case，"
            "或把文件改名为 other-case.yml"
        ],
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
        [
            "cases/new-case.yml:2:8: “[”没有配对的“]”：请在这一行的末尾补上“]”，"
            "各项之间用英文逗号“,”分隔"
        ],
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


# Slips of a Chinese input method and of a first YAML file: each reported where it was
# typed, naming the character to replace (PyYAML said "could not find expected ':'" on the
# next line, or nothing at all).
SLIPS = [
    pytest.param(
        GOOD_CASE.replace("title: 新案例", "title：新案例"),
        [
            "cases/new-case.yml:2:6: “：”是全角（中文）冒号："
            "字段名后面要用英文冒号加空格，写成 title: …"
        ],
        id="full-width colon",
    ),
    pytest.param(
        GOOD_CASE.replace("id: new-case", "id：new-case"),
        [
            "cases/new-case.yml:1:3: “：”是全角（中文）冒号："
            "字段名后面要用英文冒号加空格，写成 id: …"
        ],
        id="full-width colon on the first line",
    ),
    pytest.param(
        GOOD_CASE.replace("    verdict: applied", "    verdict：applied"),
        [
            "cases/new-case.yml:9:12: “：”是全角（中文）冒号："
            "字段名后面要用英文冒号加空格，写成 verdict: …"
        ],
        id="full-width colon in a list item",
    ),
    pytest.param(
        GOOD_CASE.replace("principles:\n", "principles:\n  - principle：p2\n"),
        [
            "cases/new-case.yml:8:5: principles 第 1 项: “：”是全角（中文）冒号："
            "字段名后面要用英文冒号加空格，写成 principle: …"
        ],
        id="full-width colon that still parses",
    ),
    pytest.param(
        GOOD_CASE.replace("title: 新案例", "title:新案例"),
        ["cases/new-case.yml:2:6: 冒号后面少了一个空格：写成 title: …（英文冒号加空格）"],
        id="no space after the colon",
    ),
    pytest.param(
        GOOD_CASE + "complaint_categories: [service， parking]\n",
        [
            "cases/new-case.yml:12:31: complaint_categories 第 1 项: “，”是中文标点："
            "列表的各项要用英文逗号“,”分开，写成 [service, parking]"
        ],
        id="full-width comma in a list of ids",
    ),
    pytest.param(
        GOOD_CASE.replace("tags: [测试]", "tags: [报修， 上门]"),
        [
            "cases/new-case.yml:6:10: tags 第 1 项: 一个标签只写一个词：“报修， 上门”"
            "里有“，”，请拆成 2 个标签，写成 [报修, 上门]（用英文逗号）"
        ],
        id="full-width comma in tags",
    ),
    pytest.param(
        GOOD_CASE.replace("tags: [测试]", "tags:\n  - 报修、上门"),
        [
            "cases/new-case.yml:7:7: tags 第 1 项: 一个标签只写一个词：“报修、上门”"
            "里有“、”，请拆成 2 个标签，写成 [报修, 上门]（用英文逗号）"
        ],
        id="enumeration comma in a tag",
    ),
    pytest.param(
        GOOD_CASE.replace("tags: [测试]", "tags: 报修，上门"),
        [
            "cases/new-case.yml:6:7: tags: 应为列表：写成 [报修, 上门]（用英文逗号“,”），"
            "或每项一行，以“- ”开头"
        ],
        id="tags without brackets",
    ),
    pytest.param(
        GOOD_CASE.replace("tags: [测试]", "tags:\n  -报修\n  -上门"),
        ["cases/new-case.yml:7:3: tags: 应为列表：“-”后面要有一个空格，例如 - 报修"],
        id="dash without a space",
    ),
    pytest.param(
        GOOD_CASE.replace("  - principle: p1", "\u3000\u3000- principle: p1"),
        ["cases/new-case.yml:8:1: 行首的“　”是全角空格：缩进只能用英文（半角）空格，请把它换掉"],
        id="ideographic space indentation",
    ),
    pytest.param(
        GOOD_CASE.replace("source: 测试", "\u3000source: 测试"),
        ["cases/new-case.yml:5:1: 行首的“　”是全角空格：缩进只能用英文（半角）空格，请把它换掉"],
        id="ideographic space before a key that still parses",
    ),
    pytest.param(
        GOOD_CASE.replace("    verdict: applied", "     verdict: applied"),
        [
            "cases/new-case.yml:9:6: 缩进不一致：这一行缩进了 5 个空格，应为 4 个（与第 "
            "8 行的“principle”对齐）"
        ],
        id="indented a space too far",
    ),
    pytest.param(
        GOOD_CASE.replace("    verdict: applied", "   verdict: applied"),
        [
            "cases/new-case.yml:9:4: 缩进不一致：这一行缩进了 3 个空格，应为 4 个（与第 "
            "8 行的“principle”对齐）"
        ],
        id="indented a space short",
    ),
    pytest.param(
        GOOD_CASE.replace("source: 测试", " source: 测试"),
        [
            "cases/new-case.yml:5:2: 缩进不一致：这一行缩进了 1 个空格，应为 0 个（与第 "
            "4 行的“industry”对齐）"
        ],
        id="top-level field indented",
    ),
    pytest.param(
        GOOD_CASE.replace("tags: [测试]", "tags:\n  - 测试\n  other: 1"),
        [
            "cases/new-case.yml:8:3: 这一行与第 7 行的列表项“-”对齐，却不以“- ”开头："
            "属于那一项的话，请再缩进两格（4 个空格）；是新的一项的话，请在前面加“- ”"
        ],
        id="field aligned with a dash",
    ),
    pytest.param(
        GOOD_CASE.replace("source: 测试", "source: 测试\n- 测试"),
        [
            "cases/new-case.yml:6:1: 列表项“- ”不能和第 5 行的“source”写在同一层："
            "请把它写在某个字段下面，并多缩进两格"
        ],
        id="list item at the level of fields",
    ),
    pytest.param(
        GOOD_CASE.replace("summary: 一句话概括。", "summary: 一句话\n概括。"),
        [
            "cases/new-case.yml:4:1: 这一行缺少“: ”：字段要写成 名称: "
            "内容（英文冒号加空格）；如果这一行是上一行内容的延续，"
            "请比上一行的字段名多缩进两格"
        ],
        id="text continued without indentation",
    ),
    pytest.param(
        GOOD_CASE.replace("summary: 一句话概括。", "summary: 客户说: 我要投诉"),
        [
            "cases/new-case.yml:3:13: 这个值里有“: ”（英文冒号加空格），"
            "会被当作新的字段：请给整个值加上引号，或改用中文冒号“：”"
        ],
        id="colon and space inside a value",
    ),
    pytest.param(
        GOOD_CASE.replace("title: 新案例", 'title: "新案例"补充'),
        [
            "cases/new-case.yml:2:13: 引号后面还有文字：值中间的引号让它提前结束了，"
            "请去掉外面的引号，或换用另一种引号（\" 或 '）"
        ],
        id="text after a closing quote",
    ),
    pytest.param(
        GOOD_CASE.replace("tags: [测试]", "tags: [测试]]"),
        ["cases/new-case.yml:6:11: 多了一个“]”：前面没有与它配对的括号"],
        id="extra closing bracket",
    ),
    pytest.param(
        GOOD_CASE.replace("title: 新案例", 'title: "C:\\data"'),
        [
            "cases/new-case.yml:2:12: 双引号里的“\\”是转义符："
            "请改用单引号把整个值括起来，或把“\\”写成“\\\\”"
        ],
        id="backslash in double quotes",
    ),
    pytest.param(
        GOOD_CASE.replace("title: 新案例", "title: *重要*提示"),
        [
            "cases/new-case.yml:2:9: 以“*”或“&”开头的值要加引号（YAML "
            '把它们当作别名或锚点），例如 "*重要*"'
        ],
        id="Markdown emphasis at the start of a value",
    ),
    pytest.param(
        GOOD_CASE.replace("title: 新案例", "title: @物业"),
        ['cases/new-case.yml:2:8: “@”不能作为值的开头：请给整个值加上引号，例如 "@…"'],
        id="reserved character at the start of a value",
    ),
    pytest.param(
        GOOD_CASE.replace("scenario: 案情。", "scenario: |案情。"),
        ["cases/new-case.yml:11:12: “|”或“>”后面不能接着写内容：请换行，把内容缩进两格写在下面"],
        id="text after a block indicator",
    ),
    pytest.param(
        GOOD_CASE.replace("principle: p1", "principle: 6"),
        [
            "cases/new-case.yml:8:16: principles 第 1 项 › principle: 编号不能只写数字："
            "是否想写 p6？"
        ],
        id="number for a principle",
    ),
    pytest.param(
        GOOD_CASE + "complaint_categories: [3]\n",
        [
            "cases/new-case.yml:12:24: complaint_categories 第 1 项: 编号不能只写数字："
            "请写编号本身（见 reference/complaint-categories.yml）"
        ],
        id="number for a complaint category",
    ),
    pytest.param(
        GOOD_CASE.replace("principle: p1", "principle: ｐ１"),
        [
            "cases/new-case.yml:8:16: principles 第 1 项 › principle: "
            "编号只能用小写英文字母、数字和连字符，例如 sand-pit（是否想写 p1？）"
        ],
        id="full-width letters in an id",
    ),
    pytest.param(
        GOOD_CASE.replace("title: 新案例", "title:"),
        ["cases/new-case.yml:2:7: title: 还没有填写（案例标题）"],
        id="blank field",
    ),
    pytest.param(
        GOOD_CASE
        + "quiz:\n  - id: q1\n    type: choice\n    prompt: 问题\n    explanation: 因为\n",
        [
            "cases/new-case.yml:14:11: quiz 第 1 题 › type: 只能是 single、multiple、"
            "true_false、ordering 或 scenario"
        ],
        id="unknown question type",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SLIPS)
def test_typing_slip_is_named_where_it_was_typed(project, text, expected):
    assert errors_for(project, text) == expected


def test_full_width_text_inside_values_is_content(project):
    # Chinese paragraphs indented with ideographic spaces, full-width colons in prose.
    text = GOOD_CASE.replace(
        "scenario: 案情。", "scenario: |\n  　　第一段。\n  　　客户说：title：不对。\n"
    )
    text = text.replace("summary: 一句话概括。", "summary: 客户说：我要投诉，马上。")
    assert errors_for(project, text + "went_wrong:\n  - KPI：回访率没有达标。\n") == []


def test_no_pydantic_english_reaches_a_trainer():
    # An error type pydantic may add later still gets a Chinese message.
    err = {
        "type": "some_future_error",
        "loc": ("title",),
        "msg": "Input should be something",
        "input": "x",
    }
    assert _message(Case, ("title",), "some_future_error", err) == (FALLBACK, 0)


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
    (project / "reference" / "principals.yml").write_text(
        "title: x\nentries: []\n", encoding="utf-8"
    )
    errors = errors_for(project, GOOD_CASE)
    assert errors[0].startswith("reference/principals.yml:1:1: 未知的参考文件")


def test_duplicate_reference_id_is_reported_at_the_second(project):
    path = project / "reference" / "principles.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - id: p1\n    number: 2\n    title: 重复\n    explanation: 重复。\n",
        encoding="utf-8",
    )
    assert errors_for(project, GOOD_CASE) == [
        "reference/principles.yml:7:9: entries 第 2 条 › id: 编号 p1 重复（第 3 行已用过）"
    ]

"""Question banks: the mistakes a trainer can make, and the export to an LMS."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import ContentErrors
from generator.export import fraction, gift, moodle_xml
from generator.model.question import MAX_QUESTIONS_PER_QUIZ
from generator.pipeline import read_knowledge_base, sources_for

BANK = """\
id: basics
title: 基础知识
topics: [原则]
questions:
  - id: basics-single
    type: single
    prompt: 接到投诉，首先假定什么？
    options:
      - text: 我们的工作有问题
        correct: true
        feedback: 对，这是第一条原则。
      - text: 客户在找麻烦
        feedback: 这样想就先对立了。
    explanation: 先从自己身上找原因。
    see:
      - principle: p1
      - case: lost-key
  - id: basics-multiple
    type: multiple
    prompt: 投诉记录要写哪些内容？
    options:
      - {text: 时间和地点, correct: true}
      - {text: 联系方式, correct: true}
      - {text: 客户的星座}
    explanation: 为了回复客户。
  - id: basics-true-false
    type: true_false
    prompt: 电话应在铃响三声内接听。
    answer: true
    explanation: 这是接待规范。
  - id: basics-order
    type: ordering
    prompt: 把步骤排好。
    items: [接待记录, 现场核实, 处理, 回访]
    explanation: 先记录后处理，最后回访。
  - id: basics-scenario
    type: scenario
    prompt: 哪句回应最好？
    customer_says: 你们到底管不管？
    options:
      - {text: 您别急，我马上安排人过去看看。, correct: true, feedback: 先安抚，再行动。}
      - {text: 这不归我们管。, feedback: 这是推诿。}
    explanation: 态度决定一切。
"""


def write_bank(project: Path, text: str, name: str = "basics.yml") -> None:
    folder = project / "questions"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def errors(project: Path) -> list[str]:
    try:
        read_knowledge_base(sources_for(project))
    except ContentErrors as exc:
        return [str(error) for error in exc.errors]
    return []


def test_good_bank_loads(project):
    write_bank(project, BANK)
    assert errors(project) == []


BAD_BANKS = [
    pytest.param(
        BANK.replace(
            "        correct: true\n        feedback: 对，这是第一条原则。",
            "        feedback: 对，这是第一条原则。",
        ),
        [
            "questions/basics.yml:5:5: questions 第 1 题: 单选题必须恰好有 1 "
            "个正确选项（correct: true），现在有 0 个"
        ],
        id="single choice without a right option",
    ),
    pytest.param(
        BANK.replace("{text: 客户的星座}", "{text: 客户的星座, correct: true}").replace(
            "      - {text: 这不归我们管。, feedback: 这是推诿。}",
            "      - {text: 这不归我们管。, correct: true, feedback: 这是推诿。}",
        ),
        [
            "questions/basics.yml:36:5: questions 第 5 题: 情景题必须恰好有 1 "
            "个正确选项（correct: true），现在有 2 个"
        ],
        id="scenario with two right options",
    ),
    pytest.param(
        BANK.replace(
            "{text: 您别急，我马上安排人过去看看。, correct: true, feedback: 先安抚，再行动。}",
            "{text: 您别急，我马上安排人过去看看。, correct: true}",
        ),
        ["questions/basics.yml:36:5: questions 第 5 题: 情景题的每个选项都要写 feedback"],
        id="scenario option without feedback",
    ),
    pytest.param(
        BANK.replace("    answer: true\n", ""),
        ["questions/basics.yml:26:5: questions 第 3 题: 判断题要写 answer: true 或 answer: false"],
        id="true/false without answer",
    ),
    pytest.param(
        BANK.replace("items: [接待记录, 现场核实, 处理, 回访]", "items: [接待记录, 回访]"),
        [
            "questions/basics.yml:31:5: questions 第 4 题: 排序题至少要有 3 项（items），"
            "按正确顺序书写"
        ],
        id="ordering with two items",
    ),
    pytest.param(
        BANK.replace("type: multiple", "type: several"),
        [
            "questions/basics.yml:19:11: questions 第 2 题 › type: 只能是 single、"
            "multiple、true_false、ordering 或 scenario"
        ],
        id="unknown type",
    ),
    pytest.param(
        BANK.replace("      - principle: p1", "      - principle: p9"),
        [
            "questions/basics.yml:16:20: questions 第 1 题 › see 第 1 项 › principle: "
            "没有编号为 p9 的投诉处理原则（已有：p1）"
        ],
        id="link to an unknown principle",
    ),
    pytest.param(
        BANK.replace("      - case: lost-key", "      - lesson: nowhere"),
        [
            "questions/basics.yml:17:17: questions 第 1 题 › see 第 2 项 › lesson: "
            "没有编号为 nowhere 的课程（content/lessons/ 中找不到 nowhere.md）"
        ],
        id="link to a missing lesson",
    ),
    pytest.param(
        BANK.replace("      - case: lost-key", "      - {case: lost-key, principle: p1}"),
        [
            "questions/basics.yml:17:9: questions 第 1 题 › see 第 2 项: "
            "每条链接只能指向一处：case、procedure、lesson、principle 等选其一"
        ],
        id="link with two targets",
    ),
    pytest.param(
        BANK.replace("id: basics-order", "id: basics-single"),
        [
            "questions/basics.yml:31:9: questions 第 4 题 › id: 题目编号 basics-single "
            "重复（已用于 questions/basics.yml:5）"
        ],
        id="duplicate question id",
    ),
    pytest.param(
        BANK.replace("id: basics\n", "id: progress\n"),
        [
            "questions/basics.yml:1:5: id: 编号 progress 与文件名不一致：应为 basics，"
            "或把文件改名为 progress.yml",
        ],
        id="bank id differs from file name",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD_BANKS)
def test_bad_bank_is_reported_with_line_and_field(project, text, expected):
    write_bank(project, text)
    assert errors(project) == expected


def test_reserved_bank_id_is_refused(project):
    write_bank(project, BANK.replace("id: basics\n", "id: progress\n"), name="progress.yml")
    assert errors(project) == [
        "questions/progress.yml:1:5: id: 题库编号不能用 cases、index、mix、"
        "progress（这些网址已有别的页面）"
    ]


def test_a_bank_past_the_size_limit_is_refused_at_its_first_question_too_many(project):
    # One quiz page shows the whole bank: past the limit it is too heavy for a phone.
    more = [
        f"  - {{id: more-{n}, type: true_false, prompt: 第 {n} 题, answer: true, "
        f"explanation: 解析。}}\n"
        for n in range(300)
    ]
    write_bank(project, BANK + "".join(more))
    first_too_many = BANK.count("\n") + (MAX_QUESTIONS_PER_QUIZ - 5) + 1  # BANK holds 5 questions
    assert errors(project) == [
        f"questions/basics.yml:{first_too_many}:5: questions 第 301 题: "
        "一套测验最多 300 道题，这里有 305 道（从这一题起超出）：请按主题拆成几个题库"
    ]
    write_bank(project, BANK + "".join(more[: MAX_QUESTIONS_PER_QUIZ - 5]))
    assert errors(project) == []


def test_question_ids_are_unique_across_banks_and_cases(project):
    write_bank(project, BANK)
    case = project / "cases" / "late-repair.yml"
    case.write_text(
        case.read_text(encoding="utf-8")
        + "quiz:\n  - id: basics-true-false\n    type: true_false\n    prompt: 对吗？\n    "
        "answer: false\n    explanation: 不对。\n",
        encoding="utf-8",
    )
    assert errors(project) == [
        "cases/late-repair.yml:13:9: quiz 第 1 题 › id: 题目编号 basics-true-false "
        "重复（已用于 questions/basics.yml:26）"
    ]


def test_check_command_fails_on_a_bank_without_a_right_answer(project, capsys):
    write_bank(
        project,
        BANK.replace("{text: 时间和地点, correct: true}", "{text: 时间和地点}").replace(
            "{text: 联系方式, correct: true}", "{text: 联系方式}"
        ),
    )
    assert main(["--root", str(project), "check"]) == 1
    assert (
        "questions/basics.yml:18:5: questions 第 2 题: 多选题至少要有 1 "
        "个正确选项（correct: true），现在一个也没有" in capsys.readouterr().out
    )


# --- export ------------------------------------------------------------------------


@pytest.fixture
def kb(project):
    write_bank(project, BANK)
    return read_knowledge_base(sources_for(project))


def test_moodle_export_maps_every_type_with_answers_and_feedback(kb):
    root = ET.fromstring(moodle_xml(kb))
    questions = {
        q.findtext("name/text"): q for q in root.iter("question") if q.get("type") != "category"
    }
    assert {name: q.get("type") for name, q in questions.items()} == {
        "basics-single": "multichoice",
        "basics-multiple": "multichoice",
        "basics-true-false": "truefalse",
        "basics-order": "ordering",
        "basics-scenario": "multichoice",
    }
    single = questions["basics-single"]
    assert single.findtext("single") == "true"
    answers = [
        (a.findtext("text"), a.get("fraction"), a.findtext("feedback/text"))
        for a in single.iter("answer")
    ]
    assert answers == [
        ("我们的工作有问题", "100", "对，这是第一条原则。"),
        ("客户在找麻烦", "0", "这样想就先对立了。"),
    ]
    assert single.findtext("generalfeedback/text") == "先从自己身上找原因。"

    multiple = questions["basics-multiple"]
    assert multiple.findtext("single") == "false"
    assert [a.get("fraction") for a in multiple.iter("answer")] == ["50", "50", "-50"]

    true_false = questions["basics-true-false"]
    assert {a.findtext("text"): a.get("fraction") for a in true_false.iter("answer")} == {
        "true": "100",
        "false": "0",
    }

    order = questions["basics-order"]
    assert [(a.findtext("text"), a.get("fraction")) for a in order.iter("answer")] == [
        ("接待记录", "1"),
        ("现场核实", "2"),
        ("处理", "3"),
        ("回访", "4"),
    ]

    scenario = questions["basics-scenario"]
    assert "你们到底管不管？" in scenario.findtext("questiontext/text")
    assert all(a.findtext("feedback/text") for a in scenario.iter("answer"))
    categories = [
        q.findtext("category/text") for q in root.iter("question") if q.get("type") == "category"
    ]
    assert categories == ["$course$/培训知识库/基础知识"]


def test_gift_export_skips_ordering_and_escapes_special_characters(kb):
    text, skipped = gift(kb)
    assert skipped == ["basics-order"]
    assert (
        "::basics-true-false::[markdown]电话应在铃响三声内接听。 {TRUE####这是接待规范。}" in text
    )
    assert "\t=我们的工作有问题#对，这是第一条原则。" in text
    assert "\t~%-50%客户的星座" in text


@pytest.mark.parametrize(
    ("share", "expected"),
    [(100, "100"), (50, "50"), (100 / 3, "33.33333"), (-25, "-25"), (100 / 7, "14.28571")],
)
def test_fractions_are_ones_moodle_accepts(share, expected):
    assert fraction(share) == expected


def test_export_command_writes_the_file(project, tmp_path, capsys):
    write_bank(project, BANK)
    output = tmp_path / "questions.xml"
    assert main(["--root", str(project), "export", "moodle", "-o", str(output)]) == 0
    assert "已导出 5 道题" in capsys.readouterr().out
    ET.parse(output)
    assert not list(output.parent.glob("*.partial"))

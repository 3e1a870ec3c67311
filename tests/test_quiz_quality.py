"""A trainer writes questions that can be answered without reading: `check` says where.

Each rule gets a small bank that breaks it: a warning by default, an error with --strict.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.cli import main
from tests.conftest import ROOT


def single(qid: str, right: str, *wrong: str, prompt: str | None = None) -> dict:
    options = [{"text": right, "correct": True}] + [{"text": text} for text in wrong]
    return {
        "id": qid,
        "type": "single",
        "prompt": prompt or f"第 {qid} 题问的是什么？",
        "options": options,
        "explanation": "解析。",
    }


def multiple(qid: str, right: list[str], wrong: list[str]) -> dict:
    options = [{"text": text, "correct": True} for text in right] + [
        {"text": text} for text in wrong
    ]
    return {
        "id": qid,
        "type": "multiple",
        "prompt": f"第 {qid} 题：哪些做法对？",
        "options": options,
        "explanation": "解析。",
    }


def true_false(qid: str, prompt: str) -> dict:
    return {
        "id": qid,
        "type": "true_false",
        "prompt": prompt,
        "answer": True,
        "explanation": "解析。",
    }


def write_bank(project: Path, bank_id: str, questions: list[dict]) -> Path:
    folder = project / "questions"
    folder.mkdir(exist_ok=True)
    path = folder / f"{bank_id}.yml"
    bank = {"id": bank_id, "title": "练习", "questions": questions}
    path.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def check(project: Path, capsys, *flags: str) -> tuple[int, list[str]]:
    code = main(["--root", str(project), "check", *flags])
    return code, capsys.readouterr().out.splitlines()


def assert_warning_then_error(project: Path, capsys, expected: list[str]) -> None:
    """Without --strict the findings are printed and check passes; with it, check fails."""
    code, out = check(project, capsys)
    assert code == 0
    assert [line for line in out if line in expected] == expected, out
    assert out[-2] == f"题目质量提醒 {len(expected)} 处（加 --strict 时算作错误）。"
    code, out = check(project, capsys, "--strict")
    assert code == 1
    assert out == [*expected, f"共 {len(expected)} 处错误。"]


def test_a_bank_whose_right_option_is_usually_the_longest(project, capsys):
    write_bank(
        project,
        "guessable",
        [
            single("g-01", "先道歉，再约好回复时间", "先解释", "先反驳", "先离开"),
            single(
                "g-02", "如实告诉业主需要核实，约好时间回复", "马上答应", "说不知道", "请他去问别人"
            ),
            single("g-03", "三声", "五声", "十声", "不限"),
            single("g-04", "两天之内给出处理意见", "一周", "一个月", "看情况"),
        ],
    )
    assert_warning_then_error(
        project,
        capsys,
        [
            "questions/guessable.yml:3:1: questions: 4 道单选和情景题中有 3 道（75%）"
            "的正确选项最长，"
            "超过 35%，只挑最长的选项就能答对：g-01、g-02、g-04；"
            "请把干扰项写得和正确选项一样长、一样可信",
        ],
    )


def test_a_small_quiz_is_not_judged_on_the_longest_option(project, capsys):
    write_bank(
        project,
        "small",
        [
            single("s-01", "先道歉，再约好回复时间", "先解释", "先反驳"),
            single("s-02", "如实告诉业主需要核实", "马上答应", "说不知道"),
            single("s-03", "两天之内给出处理意见", "一周", "看情况"),
        ],
    )
    assert check(project, capsys, "--strict")[0] == 0


def test_a_multiple_choice_question_with_one_wrong_option(project, capsys):
    write_bank(
        project,
        "one-wrong",
        [
            multiple("m-01", ["耐心倾听", "做好记录", "约定回复时间"], ["索赔金额超过一百万元"]),
            multiple(
                "m-02",
                ["电话铃响三声内接听", "使用规范的礼貌用语"],
                ["让业主稍后再打", "先问清业主的门牌号再决定接不接"],
            ),
        ],
    )
    assert_warning_then_error(
        project,
        capsys,
        [
            "questions/one-wrong.yml:8:3: questions 第 1 题 › options: 这道多选题的 4 "
            "个选项中 3 个正确、只有 1 个错误，"
            "挑出最不像的一项就能答对；请写 2～3 个正确选项和 2 个以上错误选项",
        ],
    )


def test_the_same_question_in_two_places(project, capsys):
    write_bank(
        project, "first", [true_false("d-01", "投诉电话应当在铃响三声之内接听，并使用礼貌用语。")]
    )
    write_bank(
        project, "second", [true_false("d-02", "投诉电话应在铃响三声内接听，并且使用礼貌用语。")]
    )
    assert_warning_then_error(
        project,
        capsys,
        [
            "questions/first.yml:6:11: questions 第 1 题 › prompt: 与 "
            "d-02（questions/second.yml:6）问的几乎是同一件事（题干和答案相似度 93%）",
            "questions/second.yml:6:11: questions 第 1 题 › prompt: 与 "
            "d-01（questions/first.yml:6）问的几乎是同一件事（题干和答案相似度 93%）",
        ],
    )


def test_an_option_written_twice(project, capsys):
    write_bank(project, "twice", [single("t-01", "三声之内", "五声之内", "十声之内", "五声之内")])
    assert_warning_then_error(
        project,
        capsys,
        [
            "questions/twice.yml:12:11: questions 第 1 题 › options 第 4 项 › text: 与第 "
            "2 个选项完全相同",
        ],
    )


def test_the_shipped_content_passes_strict(capsys):
    code, out = check(ROOT, capsys, "--strict")
    assert code == 0, "\n".join(out)

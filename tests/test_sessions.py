"""A trainer's session kit: session plans, role-play cards, and pre- and post-tests with a
pass mark. What a trainer writes, what a mistake says, and what the pages show."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.pipeline import read_knowledge_base, render_pages, sources_for
from generator.render import RenderSettings
from tests.conftest import ROOT

ROLE_PLAY = """\
role_play:
  setting: 周一早上，管理处前台。业主来说门禁卡丢了。
  customer:
    role: 业主刘先生
    brief: 你急着上班，门禁卡丢了进不了单元门。
    aims: [今天就拿到新卡]
  staff:
    role: 前台客服
    brief: 补卡要核对身份，制卡机在办公室。
  forbidden_phrases: [later]
  observe:
    - 先核对身份再补卡
  debrief:
    - 员工哪句话最让人放心？
"""

SESSION = """\
id: first-day
title: 第一天
goal: 学员能接待一次补卡。
audience: 新员工
duration: 30
agenda:
  - minutes: 10
    kind: case
    title: 读案例
    case: lost-key
  - minutes: 15
    kind: role_play
    title: 演一遍
    case: lost-key
  - minutes: 5
    kind: quiz
    title: 小测
    bank: key-test
materials:
  - role_play: lost-key
    copies: 每组一套
  - item: 计时器
"""

BANK = """\
id: key-test
title: 补卡小测
pass_mark: 80
questions:
  - id: key-test-01
    type: true_false
    prompt: 补卡前要核对业主身份。
    answer: true
    explanation: 核对身份，卡才不会落到别人手里。
"""


@pytest.fixture
def kit_project(project: Path) -> Path:
    (project / "sessions").mkdir()
    (project / "questions").mkdir()
    (project / "sessions" / "first-day.yml").write_text(SESSION, encoding="utf-8")
    (project / "questions" / "key-test.yml").write_text(BANK, encoding="utf-8")
    case = project / "cases" / "lost-key.yml"
    case.write_text(case.read_text(encoding="utf-8") + ROLE_PLAY, encoding="utf-8")
    phrases = project / "reference" / "forbidden-phrases.yml"
    phrases.write_text(
        "title: 禁语\nentries:\n  - id: later\n    phrase: 改天再说\n    why: 没有时间。"
        "\n    instead: 说清几点答复。\n",
        encoding="utf-8",
    )
    return project


def _pages(project: Path, **settings) -> dict[str, str]:
    kb = read_knowledge_base(sources_for(project))
    return {page.uri: page.markdown for page in render_pages(kb, RenderSettings(**settings))}


def _errors(project: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        read_knowledge_base(sources_for(project))
    return [str(error) for error in caught.value.errors]


def test_a_session_plan_becomes_a_page_and_a_one_page_printout(kit_project):
    pages = _pages(kit_project)
    page, sheet = pages["sessions/first-day.md"], pages["print/sessions/first-day.md"]
    assert "0:10–0:25 角色扮演：演一遍" in page
    assert "](../print/role-plays/lost-key.md)" in page
    assert "](../quizzes/key-test.md)" in page
    assert "计时器" in page and "每组一套" in page
    assert "第一天 · 培训计划" in sheet and "| 0:25–0:30 | 测验 | 小测 |" in sheet
    assert "search:\n  exclude: true" in sheet
    assert "[第一天](first-day.md)" in pages["sessions/index.md"]


def test_role_play_cards_list_the_principles_and_phrases_to_watch(kit_project):
    sheet = _pages(kit_project)["print/role-plays/lost-key.md"]
    assert sheet.count('<article class="tk-sheet tk-roleplay') == 3
    assert "客户卡 · 丢失的门禁卡" in sheet and "员工卡 · 丢失的门禁卡" in sheet
    assert "观察员表 · 丢失的门禁卡" in sheet
    assert "“改天再说”" in sheet  # the phrase named in role_play.forbidden_phrases
    assert "第 1 条：" in sheet  # no principles named: the case's own are watched
    assert "<li>先核对身份再补卡</li>" in sheet
    case_page = _pages(kit_project)["cases/lost-key.md"]
    assert 'href="../../print/role-plays/lost-key/">打印角色扮演卡</a>' in case_page


def test_the_pass_mark_shows_on_the_quiz_list_page_and_progress(kit_project):
    pages = _pages(kit_project)
    assert "及格线 80%（答对 1 题及以上）" in pages["quizzes/key-test.md"]
    assert 'data-pass-mark="80"' in pages["quizzes/key-test.md"]
    assert 'data-pass-mark="80"' in pages["quizzes/progress.md"]
    assert "| 1 | 80% |" in pages["quizzes/index.md"]


def test_the_trainee_edition_renders_no_kit_keys_or_trainer_notes(kit_project):
    trainer, trainee = _pages(kit_project), _pages(kit_project, edition="trainee")
    assert "print/quizzes/key-test-key.md" in trainer and "sessions/first-day.md" in trainer
    left_out = [
        uri
        for uri in trainee
        if uri.startswith(("sessions/", "print/sessions/", "print/role-plays/"))
    ]
    assert left_out == []
    assert not [
        uri for uri in trainee if uri.startswith("print/quizzes/") and uri.endswith("-key.md")
    ]
    for markdown in trainee.values():
        assert "培训师提示" not in markdown
        assert not re.search(r"print/quizzes/[^)\s]*-key\.md", markdown)
        assert "role-plays/" not in markdown and "sessions/" not in markdown


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    case: lost-key\n  - minutes: 15", "    case: lost-keys\n  - minutes: 15"),
            "sessions/first-day.yml:10:11: agenda 第 1 项 › case: 没有编号为 lost-keys 的案例",
        ),
        (
            ("duration: 30", "duration: 45"),
            "sessions/first-day.yml:5:11: duration: 议程各段加起来是 30 分钟，与总时长 "
            "45 分钟不一致",
        ),
        (
            ("    bank: key-test", "    bank: key-tests"),
            "sessions/first-day.yml:18:11: agenda 第 3 项 › bank: 没有编号为 key-tests 的题库",
        ),
        (
            ("  - role_play: lost-key", "  - checklist: nowhere"),
            "sessions/first-day.yml:20:16: materials 第 1 项 › checklist: 没有编号为 "
            "nowhere 的流程",
        ),
        (
            (
                "    kind: case\n    title: 读案例\n    case: lost-key",
                "    kind: lesson\n    title: 读案例\n    case: lost-key",
            ),
            "sessions/first-day.yml:7:5: agenda 第 1 项: 讲授环节要写明用到的 lesson",
        ),
    ],
)
def test_a_session_mistake_is_reported_at_its_line(kit_project, change, expected):
    path = kit_project / "sessions" / "first-day.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    assert any(error.startswith(expected) for error in _errors(kit_project)), _errors(kit_project)


def test_a_role_play_block_needs_a_case_with_role_play(kit_project):
    case = kit_project / "cases" / "lost-key.yml"
    case.write_text(case.read_text(encoding="utf-8").split("role_play:")[0], encoding="utf-8")
    errors = _errors(kit_project)
    assert any(
        "sessions/first-day.yml:14:11: agenda 第 2 项 › case: 案例 lost-key 没有写 role_play" in e
        for e in errors
    )
    assert any(
        "sessions/first-day.yml:20:16: materials 第 1 项 › role_play: 案例 lost-key "
        "没有写 role_play" in e
        for e in errors
    )


def test_a_pass_mark_is_a_percentage(kit_project):
    bank = kit_project / "questions" / "key-test.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("pass_mark: 80", "pass_mark: 180"),
        encoding="utf-8",
    )
    assert any(
        e.startswith("questions/key-test.yml:3:12: pass_mark: 不能大于 100")
        for e in _errors(kit_project)
    )


# --- the shipped kit ------------------------------------------------------------------


def test_the_site_ships_session_plans_role_plays_and_stage_tests():
    kb = read_knowledge_base(sources_for(ROOT))
    assert len(kb.sessions) >= 4
    role_plays = [cf.case for cf in kb.cases if cf.case.role_play]
    assert len(role_plays) >= 8 and all(case.industry == "物业" for case in role_plays)
    banks = {bf.bank.id: bf.bank for bf in kb.banks}
    for stage in range(1, 5):
        for kind in ("pre", "post"):
            assert banks[f"stage-{stage}-{kind}"].pass_mark, (
                f"stage-{stage}-{kind} has no pass mark"
            )
    for sf in kb.sessions:
        kinds = {block.kind for block in sf.session.agenda}
        assert "role_play" in kinds or "discussion" in kinds, sf.session.id
        assert sf.session.materials, f"{sf.session.id} lists nothing to print"


def test_stage_tests_follow_the_learning_path_on_the_home_page():
    home = (ROOT / "content" / "index.md").read_text(encoding="utf-8")
    stages = [line for line in home.splitlines() if line.startswith("### 第")]
    assert len(stages) == 4
    kb = read_knowledge_base(sources_for(ROOT))
    titles = {bf.bank.id: bf.bank.title for bf in kb.banks}
    for number, heading in enumerate(stages, start=1):
        stage_name = heading.removeprefix("### ")
        assert titles[f"stage-{number}-pre"].endswith(stage_name), textwrap.shorten(heading, 40)
        assert titles[f"stage-{number}-post"].endswith(stage_name)

"""`training-kb check` passes exactly when `mkdocs build --strict` does.

Each entry below is a mistake that once passed `check` and then broke the build (and
emptied site/). Now both refuse it, `check` at the file and line the trainer wrote, and the
failed build leaves the previous site whole. Mistakes that turned out harmless build, and
`check` passes them too.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import FIXTURES, build

BASICS = FIXTURES / "quiz" / "questions" / "basics.yml"
LOST_KEY = FIXTURES / "minimal" / "cases" / "lost-key.yml"

GLOSSARY = """\
title: 术语表
entries:
  - id: first-responsibility
    term: 首问负责
    definition: 谁先接到问题谁负责到底（俗称“谁接谁管”，英文 'first contact'）。
"""


def _bank(project: Path, bank_id: str) -> None:
    text = BASICS.read_text(encoding="utf-8").replace("basics", bank_id)
    (project / "questions").mkdir(exist_ok=True)
    (project / "questions" / f"{bank_id}.yml").write_text(text, encoding="utf-8")


def _case_with_quiz(project: Path, case_id: str) -> None:
    text = LOST_KEY.read_text(encoding="utf-8").replace("lost-key", case_id).rstrip("\n")
    quiz = f"""
quiz:
  - id: {case_id}-q1
    type: true_false
    prompt: 接到投诉时先假定我们的工作有问题。
    answer: true
    explanation: 第一条原则。
"""
    (project / "cases" / f"{case_id}.yml").write_text(text + quiz, encoding="utf-8")


def _lesson(project: Path, name: str, data: bytes) -> Path:
    folder = project / "content" / "lessons"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def _in_scenario(project: Path, markdown: str) -> None:
    path = project / "cases" / "late-repair.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("scenario: 维修工迟到了两个小时。", f"scenario: {markdown}"), encoding="utf-8"
    )


# name → (what the trainer did, the line `check` prints first, or None when it builds)
MISTAKES: dict[str, tuple[Callable[[Path], None], str | None]] = {
    "case-id-index": (
        lambda p: (p / "cases" / "index.yml").write_text(
            LOST_KEY.read_text(encoding="utf-8").replace("lost-key", "index"), encoding="utf-8"
        ),
        "cases/index.yml:1:5: id: 生成的页面 /cases/ 与网站自带的页面重名",
    ),
    "bank-and-its-key": (
        lambda p: (_bank(p, "tb"), _bank(p, "tb-key")),
        "questions/tb-key.yml:2:5: id: 生成的页面 /print/quizzes/tb-key/ 与 "
        "questions/tb.yml 生成的页面重名",
    ),
    "case-quizzes-and-key": (
        lambda p: (_case_with_quiz(p, "tc"), _case_with_quiz(p, "tc-key")),
        "cases/tc-key.yml:1:5: id: 生成的页面 /print/quizzes/cases/tc-key/ 与 "
        "cases/tc.yml 生成的页面重名",
    ),
    "hand-written-page-in-the-way": (
        lambda p: (
            (p / "content" / "cases").mkdir()
            or (p / "content" / "cases" / "lost-key.md").write_text("# 手写\n")
        ),
        "cases/lost-key.yml:1:5: id: 生成的页面 /cases/lost-key/ 与手写的页面 "
        "content/cases/lost-key.md 同名",
    ),
    "lesson-in-gbk": (
        lambda p: _lesson(p, "gbk.md", "# 课程\n\n投诉处理。\n".encode("gbk")),
        "content/lessons/gbk.md:1:1: 文件不是 UTF-8 编码",
    ),
    "lesson-dangling-link": (
        lambda p: (
            (p / "content" / "lessons").mkdir(parents=True)
            or (p / "content" / "lessons" / "gone.md").symlink_to("nowhere.md")
        ),
        "content/lessons/gone.md:1:1: 课程目录里的 gone.md 是一个失效的符号链接",
    ),
    "lesson-folder-named-md": (
        lambda p: (p / "content" / "lessons" / "x.md").mkdir(parents=True),
        "content/lessons/x.md:1:1: 课程目录里的 x.md 是一个文件夹",
    ),
    "link-to-a-missing-page-in-a-case": (
        lambda p: _in_scenario(p, "详见[报修流程](../procedures/repair.md)。"),
        "cases/late-repair.yml:11:11: scenario: 链接 ../procedures/repair.md 指向的页面不存在",
    ),
    "link-to-a-missing-page-in-a-lesson": (
        lambda p: _lesson(
            p, "basics.md", "# 基础\n\n第二段。\n\n见[不存在的案例](../cases/nope.md)。\n".encode()
        ),
        "content/lessons/basics.md:5:1: 链接 ../cases/nope.md 指向的页面不存在",
    ),
    # Harmless, and built: a glossary definition with brackets and quotes in its tooltip.
    "glossary-definition-with-brackets-and-quotes": (
        lambda p: (
            (p / "reference" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
            or _in_scenario(p, "前台坚持首问负责，没有推给别人。")
        ),
        None,
    ),
    "nothing-wrong": (lambda p: None, None),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_check_and_build_agree(name: str, tmp_path: Path, capsys) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    make, first_line = MISTAKES[name]
    make(project)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")

    checked = main(["--root", str(project), "check"])
    report = capsys.readouterr().out
    built = build(project, site)
    assert "Traceback" not in built.stderr + report
    if first_line is None:
        assert checked == 0, report
        assert built.returncode == 0, built.stderr
        return
    assert checked == 1, report
    assert first_line in report
    assert built.returncode == 1, built.stderr
    assert first_line in built.stderr
    # The failed build touched nothing: the previous site is still there, whole.
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]

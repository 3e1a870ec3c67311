"""The project's settings, as a trainer sets them in mkdocs.yml, reach every stage: the
content folders (lessons_dir included) in links and messages, `!ENV` in the CLI as in the
build; and the small rules that must hold for any input (a shuffle of one item)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.config import TrainingConfig
from generator.pipeline import site_pages, sources_for
from generator.render import RenderSettings
from generator.render.quizzes import shuffled
from generator.settings import CONTENT_FOLDERS, STALE_AFTER_DAYS

BANK = """\
id: basics
title: 基础
questions:
  - id: basics-01
    type: true_false
    prompt: 先道歉再解释。
    answer: true
    explanation: 先处理心情。
    see:
      - lesson: {lesson}
"""


def with_lessons(project: Path, folder: str, lesson: str = "welcome") -> Path:
    """The minimal project with its lessons in ``folder`` (lessons_dir) and a bank that
    links to the lesson ``lesson``."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - training\n", f"  - training:\n      lessons_dir: {folder}\n"),
        encoding="utf-8",
    )
    (project / folder).mkdir(parents=True)
    (project / folder / "welcome.md").write_text("# 欢迎\n\n第一课。\n", encoding="utf-8")
    (project / "questions").mkdir()
    (project / "questions" / "basics.yml").write_text(BANK.format(lesson=lesson), encoding="utf-8")
    return project


def test_plugin_options_take_their_defaults_from_the_settings():
    defaults = TrainingConfig()
    defaults.load_dict({})
    assert not defaults.validate()[0]
    assert {option: defaults[option] for option in CONTENT_FOLDERS} == CONTENT_FOLDERS
    assert defaults["stale_after_days"] == STALE_AFTER_DAYS


def test_a_lesson_link_follows_lessons_dir(project):
    with_lessons(project, "content/training")
    sources = sources_for(project, lessons_dir="content/training")
    _, pages = site_pages(sources, RenderSettings(), project / "content")
    quiz = next(page for page in pages if page.uri == "quizzes/basics.md")
    # A quiz of plain text is written as HTML (render/quizzes.py): the link is an href.
    assert '<a href="../../training/welcome/">课程：欢迎</a>' in quiz.markdown


def test_check_names_the_lessons_folder_of_the_project(project, capsys):
    with_lessons(project, "content/training", lesson="missing")
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert "content/training/ 中找不到 missing.md" in out, out


def test_the_cli_reads_env_options_as_the_build_does(project, capsys, monkeypatch):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - training\n", "  - training:\n      cases_dir: !ENV [CASES, cases]\n"),
        encoding="utf-8",
    )
    (project / "cases").rename(project / "other-cases")
    monkeypatch.setenv("CASES", "other-cases")
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr()
    assert "2 个案例" in capsys.readouterr().out


def test_a_review_period_below_a_day_stops_the_build_too():
    options = TrainingConfig()
    options.load_dict({"stale_after_days": 0})
    failed, _ = options.validate()
    assert failed and "审阅周期至少 1 天" in str(failed[0][1])


@pytest.mark.parametrize("items", [[], ["一"], ["同", "同"]], ids=["none", "one", "all-equal"])
def test_a_shuffle_of_what_has_one_order_returns_it(items):
    assert shuffled("seed", items) == items


def test_a_shuffle_never_leaves_two_items_in_order():
    assert shuffled("seed", ["甲", "乙"]) == ["乙", "甲"]

"""Content that nobody has reviewed for too long is flagged on its page and by `check --stale`."""

from __future__ import annotations

from datetime import date, timedelta

from generator.cli import main
from generator.pipeline import read_knowledge_base, render_pages, sources_for
from generator.render import RenderSettings
from tests.conftest import build
from tests.pagefind_reader import read_fragments


def set_reviewed(project, case_id: str, when: date | None) -> None:
    path = project / "cases" / f"{case_id}.yml"
    text = path.read_text(encoding="utf-8")
    if when is not None:
        text += f"reviewed: {when.isoformat()}\n"
    path.write_text(text, encoding="utf-8")


def test_check_stale_lists_old_and_undated_cases(project, capsys):
    today = date.today()
    set_reviewed(project, "lost-key", today - timedelta(days=10))
    set_reviewed(project, "late-repair", today - timedelta(days=400))
    assert main(["--root", str(project), "check", "--stale"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        out[0] == "cases/late-repair.yml:12:1: reviewed: 迟到的维修：上次审阅 "
        f"{(today - timedelta(days=400)).isoformat()}（400 天前）"
    )
    assert out[1] == "需要审阅：1 个（审阅周期 365 天）。"


def test_check_stale_with_a_shorter_cycle_and_a_missing_date(project, capsys):
    set_reviewed(project, "lost-key", date.today() - timedelta(days=10))
    assert main(["--root", str(project), "check", "--stale", "--days", "7"]) == 0
    out = capsys.readouterr().out
    assert "cases/late-repair.yml:1:1: reviewed: 迟到的维修：没有 reviewed 日期" in out
    assert "cases/lost-key.yml:20:1: reviewed: 丢失的门禁卡：上次审阅" in out


def test_case_page_flags_overdue_content_and_shows_dates(project):
    built = date(2026, 11, 23)
    set_reviewed(project, "lost-key", date(2025, 1, 1))
    set_reviewed(project, "late-repair", date(2026, 11, 1))
    # A page written as HTML has its note as a Markdown snippet (render/cases.py).
    pages = {
        p.uri: p.markdown + "\n".join(p.snippets or ())
        for p in render_pages(
            read_knowledge_base(sources_for(project)), RenderSettings(today=built)
        )
    }
    old = pages["cases/lost-key.md"]
    assert '!!! warning "内容可能已经过时"' in old
    assert "上次审阅是在 2025-01-01，已经 691 天" in old
    assert "最后审阅：2025-01-01 · 本页生成于 2026-11-23" in old
    fresh = pages["cases/late-repair.md"]
    assert "内容可能已经过时" not in fresh
    assert "最后审阅：2026-11-01 · 本页生成于 2026-11-23" in fresh


def test_a_badly_written_date_is_a_content_error(project, capsys):
    path = project / "cases" / "lost-key.yml"
    path.write_text(path.read_text(encoding="utf-8") + "reviewed: 2026/11/23\n", encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    assert (
        "cases/lost-key.yml:20:11: reviewed: 应为日期，例如 2026-11-23" in capsys.readouterr().out
    )


def test_search_finds_a_page_by_its_own_words_not_by_its_review_note(project, tmp_path):
    # The note is the same on every page nobody has reviewed: in the index, a search for its
    # words would list them all.
    assert build(project, tmp_path / "site").returncode == 0
    page = (tmp_path / "site" / "cases" / "late-repair" / "index.html").read_text("utf-8")
    assert "内容可能已经过时" in page
    text = {
        fragment["url"]: fragment["content"].replace("\u200b", "")
        for fragment in read_fragments(tmp_path / "site").values()
    }["/cases/late-repair/"]
    assert "迟到" in text
    assert "过时" not in text and "审阅记录" not in text

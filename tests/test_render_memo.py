"""The preview's render memo gives exactly the pages a fresh render gives, edit after edit,
while re-rendering only the groups whose sources changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.pipeline import (
    ParsedFiles,
    RenderMemo,
    read_knowledge_base,
    render_pages,
    sources_for,
)
from generator.render import RenderSettings
from tests.conftest import ROOT

CONTENT = ("cases", "content", "forms", "procedures", "questions", "reference", "sessions")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    for folder in CONTENT:
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, copy / folder)
    return copy


def _retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), encoding="utf-8")


def test_memo_pages_equal_a_fresh_render_after_each_edit(project: Path):
    sources, settings = sources_for(project), RenderSettings()
    parsed, memo = ParsedFiles(), RenderMemo()

    def check() -> int:
        remembered = render_pages(read_knowledge_base(sources, parsed), settings, memo)
        fresh = render_pages(read_knowledge_base(sources), settings)
        assert [page.uri for page in remembered] == [page.uri for page in fresh]
        different = [a.uri for a, b in zip(remembered, fresh, strict=True) if a != b]
        assert different == [], f"the memo kept stale pages: {different[:5]}"
        return memo.rendered

    everything = check()
    assert check() == 0, "nothing changed, yet pages were rendered again"
    edits = [
        lambda: _retitle(project / "cases" / "sand-pit.yml", "沙池（改）"),
        lambda: _retitle(project / "procedures" / "complaint-handling.yml", "投诉处理（改）"),
        lambda: _retitle(project / "questions" / "principles.yml", "原则测验（改）"),
        lambda: _retitle(project / "forms" / "complaint-record.yml", "投诉记录表（改）"),
        lambda: (project / "reference" / "principles.yml").write_text(
            (project / "reference" / "principles.yml")
            .read_text(encoding="utf-8")
            .replace("title: ", "title: 改·", 1),
            encoding="utf-8",
        ),
        lambda: (project / "cases" / "sand-pit-2.yml").write_text(
            (project / "cases" / "sand-pit.yml")
            .read_text(encoding="utf-8")
            .replace("id: sand-pit", "id: sand-pit-2"),
            encoding="utf-8",
        ),
        lambda: (project / "cases" / "sand-pit-2.yml").unlink(),
    ]
    for edit in edits:
        edit()
        rendered = check()
        assert 0 < rendered < everything, (
            f"an edit re-rendered {rendered} of {everything} page groups"
        )

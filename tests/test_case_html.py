"""Case pages, the case library and quiz pages written as HTML (case.html.j2, library.html.j2,
quiz.html.j2: no Markdown but their headings) are the very pages their Markdown templates and
Python-Markdown make: two real builds of the same content, byte for byte."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import urls
from generator.pipeline import read_knowledge_base, render_pages, sources_for
from generator.render import RenderSettings, cases, quizzes
from tests.conftest import ROOT

CONTENT = ("cases", "content", "forms", "procedures", "questions", "reference", "sessions")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")


def _variant(text: str, case_id: str, **fields: str) -> str:
    """A shipped case's YAML with its Markdown links made plain text, a new id (its
    questions' ids too), and top-level fields replaced (YAML literal blocks)."""
    text = _LINK.sub(r"\1", text)
    old_id = re.search(r"(?m)^id: (.*)$", text).group(1)
    text = text.replace(f"id: {old_id}-q", f"id: {case_id}-q")
    text = re.sub(r"(?m)^id: .*$", f"id: {case_id}", text, count=1)
    for name, value in fields.items():
        block = "|\n" + "".join(f"  {line}\n" if line else "\n" for line in value.split("\n"))
        text = re.sub(rf"(?ms)^{name}: .*?(?=^\S)", f"{name}: {block}", text, count=1)
    return text


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("case-html")
    for folder in CONTENT:
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    # Every shipped case with its links made plain text: pages the HTML path takes.
    for path in sorted((project / "cases").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(_variant(text, path.stem), encoding="utf-8")
    # And the shapes that are easy to get wrong: lines wrapped inside list items and
    # paragraphs, several paragraphs, a title that is also a heading of the page, text
    # that HTML must escape.
    base = (project / "cases" / "ceiling-leak.yml").read_text(encoding="utf-8")
    edges = {
        "edge-wrapped": dict(
            scenario="第一段的第一行 A\nB 接着第一行。\n\n第二段。\n\n第三段 A\nB 两行。",
            handling="处理的第一行 A\nB 处理的第二行。",
            title="案情经过",
        ),
        "edge-escaped": dict(
            summary='业主说 "A & B" 的 <门> 坏了 * 号',
            title="漏水 & 墙面“鼓包”的 *处理*",
        ),
    }
    for case_id, fields in edges.items():
        text = _variant(base, case_id)
        for name in ("summary", "title"):
            if name in fields:
                value = fields.pop(name).replace("'", "''")
                text = re.sub(rf"(?m)^{name}: .*$", f"{name}: '{value}'", text, count=1)
        (project / "cases" / f"{case_id}.yml").write_text(_variant(text, case_id, **fields))
    wrapped = (project / "cases" / "edge-wrapped.yml").read_text(encoding="utf-8")
    for line, replacement in (
        (
            "  - 没有到现场看，就先下了“邻居家防水有问题”的结论。",
            "  - |\n    没有到现场看 step 1\n    step 2 就先下了结论。",
        ),
        (
            "  - 长期空置的房屋，在业主档案中留存业主和紧急联系人的电话。",
            "  - |\n    长期空置的房屋 A\n    B 留存电话。",
        ),
        (
            "  - question: 客服说“我不大清楚，您最好自己联系一下他”，这句话错在哪里？"
            "如果你接到这个电话，会怎么说、怎么做？",
            "  - question: |\n      客服这句话错在哪里 A\n      B 第二行。\n\n      第二段。",
        ),
    ):
        assert line in wrapped
        wrapped = wrapped.replace(line, replacement)
    wrapped, found = re.subn(
        r"(?m)^(  - principle: p3\n    verdict: applied\n    note: \|\n)",
        r"\1      笔记第一段 A\n      B 第一段第二行。\n\n",
        wrapped,
    )
    assert found == 1
    (project / "cases" / "edge-wrapped.yml").write_text(wrapped, encoding="utf-8")
    return project


def _build(project: Path, site: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
    build(config)


def test_case_pages_written_as_html_are_the_pages_markdown_makes(project, tmp_path, monkeypatch):
    pages = render_pages(read_knowledge_base(sources_for(project)), RenderSettings())
    as_html = {page.uri for page in pages if page.snippets is not None}
    assert {"cases/index.md", "cases/ceiling-leak.md", "cases/edge-wrapped.md"} <= as_html
    assert "cases/edge-escaped.md" in as_html
    assert len([uri for uri in as_html if uri.startswith("quizzes/")]) >= 40
    assert len(as_html) >= 20
    _build(project, tmp_path / "html")
    monkeypatch.setattr(cases, "_all_plain", lambda view: False)
    monkeypatch.setattr(cases, "is_plain_line", lambda text: False)
    monkeypatch.setattr(quizzes, "_all_plain", lambda quiz: False)
    _build(project, tmp_path / "markdown")
    checked = 0
    for uri in sorted(as_html):
        name = urls.html_file(uri, directory_urls=True)
        made = (tmp_path / "html" / name).read_text(encoding="utf-8")
        assert made == (tmp_path / "markdown" / name).read_text(encoding="utf-8"), uri
        checked += 1
    assert checked == len(as_html)

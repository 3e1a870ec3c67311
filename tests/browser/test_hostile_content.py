"""A site that one day takes a file from someone else must not run their script.

Every kind of text field of a small project carries script payloads: plain fields (title,
industry, tags, options), Markdown fields (scenario, lessons, explanations, feedback, notes),
a glossary definition and a hand-written lesson. Built as shipped, no page may open a
dialog, run the payload or request anything outside the site. Built with the plugin's
`raw_html: true`, the same payload runs: raw HTML is then the author's choice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.browser.conftest import build_site, serving
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser

# Each payload sets window.__pwned (or opens a dialog) if it ever runs.
MARKDOWN_PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    '<img src="x.png" onerror="window.__pwned = \'onerror\'">',
    "[点我](javascript:window.__pwned='link')",
    "<a href=\"javascript:alert('link')\">点我</a>",
    "<svg onload=\"window.__pwned = 'svg'\"></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<div style="background:url(javascript:alert(1))" onmouseover="window.__pwned = '
    "'hover'\">悬停</div>",
    "带属性的段落\n{: onmouseover=\"window.__pwned = 'attr-list'\" }",
    '<img src="https://tracker.example/pixel.png" alt="外部图片">',
    '<form action="javascript:alert(1)"><button>提交</button></form>',
]
PLAIN_PAYLOAD = "[x](javascript:alert(1)) <img src=x onerror=alert(1)> <script>alert(1)</script>"


def _markdown(heading: str) -> str:
    return heading + "\n\n" + "\n\n".join(MARKDOWN_PAYLOADS) + "\n"


CASE = {
    "id": "hostile",
    "title": f"恶意标题 {PLAIN_PAYLOAD}",
    "summary": f"恶意摘要 {PLAIN_PAYLOAD}",
    "industry": "[x](javascript:alert(1))",
    "source": "测试用例",
    "tags": ["<b>标签</b>"],
    "principles": [{"principle": "p1", "verdict": "applied", "note": _markdown("原则说明")}],
    "scenario": _markdown("案情经过"),
    "went_wrong": [_markdown("做错")],
    "discussion": [
        {"question": "讨论 <script>alert(1)</script>", "trainer_notes": _markdown("提示")}
    ],
    "quiz": [
        {
            "id": "hostile-q1",
            "type": "single",
            "prompt": "题干 <img src=x onerror=alert(1)>",
            "options": [
                {
                    "text": "选项 <script>alert(1)</script>",
                    "correct": True,
                    "feedback": _markdown("反馈"),
                },
                {"text": "另一个选项"},
            ],
            "explanation": _markdown("解释"),
        }
    ],
}
GLOSSARY = {
    "title": "术语表",
    "entries": [{"id": "hostile-term", "term": "首问负责", "definition": _markdown("释义")}],
}


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


LESSON = "# 恶意课程\n\n首问负责是一条原则。\n\n" + "\n\n".join(MARKDOWN_PAYLOADS) + "\n"


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "cases" / "hostile.yml").write_text(_yaml(CASE), encoding="utf-8")
    (project / "reference" / "glossary.yml").write_text(_yaml(GLOSSARY), encoding="utf-8")
    (project / "content" / "lessons").mkdir()
    (project / "content" / "lessons" / "hostile.md").write_text(LESSON, encoding="utf-8")
    return project


PAGES = [
    "",
    "cases/",
    "cases/hostile/",
    "quizzes/cases/hostile/",
    "reference/glossary/",
    "lessons/hostile/",
    "print/quizzes/cases/hostile-key/",
]


def _visit(context, url: str) -> list[str]:
    """Open each page, hover and click what can be; what ran or left the site."""
    events: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(url)
            else (events.append(f"outside request: {route.request.url}"), route.abort())[1]
        ),
    )
    page = context.new_page()
    page.on(
        "dialog",
        lambda dialog: (events.append(f"dialog on {page.url}: {dialog.message}"), dialog.dismiss()),
    )
    for path in PAGES:
        page.goto(url + path, wait_until="load")
        # A pointer over everything: any inline handler left would run now.
        page.evaluate("""document.querySelectorAll('article *').forEach(element => {
            for (const type of ['mouseover', 'focus', 'click'])
                element.dispatchEvent(new Event(type));
        })""")
        for link in page.locator(
            "a[href^='javascript'], [action^='javascript'], [src^='javascript']"
        ).all():
            events.append(f"javascript: URL on {path}: {link.evaluate('e => e.outerHTML')[:80]}")
        page.wait_for_timeout(200)
        if pwned := page.evaluate("window.__pwned"):
            events.append(f"script ran on {path}: {pwned}")
    return events


def test_no_field_runs_script_or_leaves_the_site(hostile_project, tmp_path, new_context):
    site = tmp_path / "site"
    build_site(hostile_project, site)
    with serving(site) as url:
        events = _visit(new_context(), url)
    assert events == []
    # The text is still there for a reader: shown as text, not dropped.
    case = (site / "cases" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "案情经过" in case and "恶意标题 [x](javascript:alert(1))" in case


def test_raw_html_is_the_authors_choice(hostile_project, tmp_path, new_context):
    raw = tmp_path / "raw"
    shutil.copytree(hostile_project, raw)
    config = raw / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - training\n", "  - training:\n      raw_html: true\n"
        )
    )
    site = tmp_path / "site"
    build_site(raw, site)
    with serving(site) as url:
        events = _visit(new_context(), url)
    assert any("script ran" in event for event in events)

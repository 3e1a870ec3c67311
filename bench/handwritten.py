"""The baseline of the benchmark: the synthetic project's text as hand-written Markdown.

Same mkdocs.yml (lessons, nav, theme, search) with the training plugin disabled, and one
plain page for every case, procedure, question bank and reference file, with the same
text the generator would put there, so that the two builds differ by the generator.
FLOOR_CONFIG is the same project with Material's search off: the floor of issue 17 is
its build plus Pagefind run over the result (bench/run.py runs both).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from synth import Project, read_yaml, training_options

FLOOR_CONFIG = "mkdocs-floor.yml"
_SEARCH = "  - search:\n"


def make_handwritten(project: Project, dest: Path) -> int:
    """The baseline: the same cases, procedures and questions as plain Markdown pages.

    Same mkdocs.yml (so the same lessons, nav, theme and search) with the training plugin
    disabled; every page the nav names is written by hand. Returns the number of pages.
    """
    dest.mkdir(parents=True)
    shutil.copytree(project.root / "content", dest / "content")
    docs = dest / "content"
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = training_options(config, enabled="false")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    (dest / FLOOR_CONFIG).write_text(search_off(config), encoding="utf-8")

    pages = 0
    for folder in ("cases", "procedures", "quizzes", "reference"):
        (docs / folder).mkdir(exist_ok=True)
    index = ["# 案例库", ""]
    for case in project.cases:
        _write(docs / "cases" / f"{case['id']}.md", _case_markdown(case))
        index.append(f"- [{case['title']}]({case['id']}.md)：{case['summary']}")
        pages += 1
    _write(docs / "cases" / "index.md", "\n".join(index) + "\n")
    index = ["# 工作流程与表单", ""]
    for procedure in project.procedures:
        _write(docs / "procedures" / f"{procedure['id']}.md", _procedure_markdown(procedure))
        index.append(f"- [{procedure['title']}]({procedure['id']}.md)")
        pages += 1
    _write(docs / "procedures" / "index.md", "\n".join(index) + "\n")
    index = ["# 测验", ""]
    for bank in project.banks:
        _write(docs / "quizzes" / f"{bank['id']}.md", _bank_markdown(bank))
        index.append(f"- [{bank['title']}]({bank['id']}.md)")
        pages += 1
    _write(docs / "quizzes" / "index.md", "\n".join(index) + "\n")
    for path in sorted((project.root / "reference").glob("*.yml")):
        _write(docs / "reference" / f"{path.stem}.md", _reference_markdown(read_yaml(path)))
        pages += 1
    return pages + 3


def search_off(config_text: str) -> str:
    """mkdocs.yml's text with Material's search plugin disabled (its options kept)."""
    if config_text.count(_SEARCH) != 1:
        raise SystemExit("mkdocs.yml has no single `  - search:` block to disable")
    return config_text.replace(_SEARCH, _SEARCH + "      enabled: false\n")


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _items(items: list[str], marker: str = "-") -> list[str]:
    return [f"{marker} {' '.join(str(item).split())}" for item in items] + [""]


def _case_markdown(case: dict) -> str:
    lines = ["---", f"title: {yaml.safe_dump(case['title'], allow_unicode=True).splitlines()[0]}"]
    lines += [f"tags: [{', '.join(case.get('tags', []))}]", "---", "", f"# {case['title']}", ""]
    lines += [f"{case['industry']} · " + " · ".join(case.get("complaint_categories", [])), ""]
    lines += [
        f"> {case['summary']}",
        "",
        "## 案情经过",
        "",
        case["scenario"].strip(),
        "",
        "## 案例分析",
        "",
    ]
    for heading, key in (("### 做得不对的地方", "went_wrong"), ("### 做得对的地方", "went_right")):
        if case.get(key):
            lines += [heading, "", *_items(case[key])]
    if case.get("principles"):
        lines += ["### 涉及的投诉处理原则", ""]
        for use in case["principles"]:
            lines += [
                f"- **{use['verdict']}** {use['principle']}",
                "",
                f"    {' '.join(use['note'].split())}",
                "",
            ]
    if case.get("handling"):
        lines += ["## 处理经过", "", case["handling"].strip(), ""]
    if case.get("prevention"):
        lines += ["## 预防措施", "", *_items(case["prevention"], "1.")]
    if case.get("lessons"):
        lines += ["## 启示", "", *_items(case["lessons"])]
    if case.get("discussion"):
        lines += ["## 小组讨论", ""]
        for number, item in enumerate(case["discussion"], start=1):
            notes = " ".join(item["trainer_notes"].split())
            lines += [
                f"**讨论 {number}.** {item['question']}",
                "",
                '??? tip "培训师提示"',
                "",
                f"    {notes}",
                "",
            ]
    lines += ["---", "", f"<small>出处：{case['source']} · [返回案例库](index.md)</small>", ""]
    return "\n".join(lines)


def _procedure_markdown(procedure: dict) -> str:
    lines = [f"# {procedure['title']}", "", "## 目的", "", procedure.get("purpose", "").strip(), ""]
    if procedure.get("scope"):
        lines += ["## 适用范围", "", procedure["scope"].strip(), ""]
    lines += ["## 步骤", ""]
    for number, step in enumerate(procedure["steps"], start=1):
        lines += [f"### {number}. {step['title']}", ""]
        if step.get("time_limit"):
            lines += [f"时限：{step['time_limit']}", ""]
        lines += _items(step.get("actions", [])) if step.get("actions") else []
        if step.get("record"):
            lines += ["记录：", "", *_items(step["record"])]
        for branch in step.get("branches", []):
            lines.append(f"- {branch['label']}：转到 {branch['next']}")
        lines.append("")
    return "\n".join(lines)


def _bank_markdown(bank: dict) -> str:
    lines = [f"# {bank['title']}", ""]
    for number, question in enumerate(bank["questions"], start=1):
        lines += [f"## 第 {number} 题", "", question["prompt"], ""]
        if question.get("customer_says"):
            lines += [f"> {question['customer_says']}", ""]
        lines += (
            _items([option["text"] for option in question.get("options", [])], "1.")
            if question.get("options")
            else []
        )
        lines += _items(question["items"], "1.") if question.get("items") else []
        lines += [
            '??? note "答案与解析"',
            "",
            f"    {' '.join(question['explanation'].split())}",
            "",
        ]
    return "\n".join(lines)


def _reference_markdown(reference: dict) -> str:
    lines = [f"# {reference.get('title', '参考资料')}", ""]
    if reference.get("intro"):
        lines += [reference["intro"].strip(), ""]
    for entry in reference.get("entries", []):
        heading = entry.get("title") or entry.get("term") or entry.get("phrase") or entry["id"]
        lines += [f"## {heading}", ""]
        for key, value in entry.items():
            if key in ("id", "title", "term", "phrase"):
                continue
            if isinstance(value, str):
                lines += [" ".join(value.split()), ""]
            elif isinstance(value, list):
                lines += _items(
                    [v if isinstance(v, str) else " ".join(map(str, v.values())) for v in value]
                )
    return "\n".join(lines)

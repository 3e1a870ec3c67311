"""The command-line tool: the same core as the MkDocs plugin, for trainers and CI.

training-kb check          validate every content file, print all errors, exit 1 on any
training-kb new case ID    scaffold a commented case file
training-kb schema         write the JSON Schema files for editors
training-kb export moodle -o questions.xml    all question banks for an LMS
training-kb stats          counts of lessons, cases, procedures, questions, reference
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.errors import ContentErrors
from generator.export import gift, moodle_xml, quizzes_for_export
from generator.knowledge_base import KnowledgeBase, Sources
from generator.model.base import SLUG_PATTERN
from generator.model.question import QUESTION_TYPES
from generator.output_file import OutputRefused, output_file, output_folder, write_text
from generator.pipeline import read_knowledge_base, site_pages, sources_for
from generator.quiz_quality import check_quiz_quality, longest_share, quizzes
from generator.render import RenderSettings, render_template
from generator.review import review_period_problem, stale_items
from generator.schema import SCHEMA_DIR, write_schemas
from generator.settings import CONTENT_FOLDERS, STALE_AFTER_DAYS
from generator.stats import knowledge_base_stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="training-kb", description="客户服务培训知识库的生成器工具。"
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="项目目录（mkdocs.yml 所在目录），默认为当前目录",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查全部内容文件，列出所有错误")
    check.add_argument(
        "--stale",
        action="store_true",
        help="另外列出很久没有审阅（或没有 reviewed 日期）的案例和流程",
    )
    check.add_argument(
        "--days",
        type=review_days,
        default=None,
        help=f"审阅周期（天），默认取 mkdocs.yml 中的 stale_after_days 或 {STALE_AFTER_DAYS}",
    )
    check.add_argument(
        "--strict", action="store_true", help="题目质量提醒（不读也能猜对的题、重复的题）也算错误"
    )
    stats = commands.add_parser("stats", help="统计课程、案例、流程、表单、题目和参考条目的数量")
    stats.add_argument(
        "--quiz", action="store_true", help="另外列出每个题库中正确选项最长的单选和情景题所占比例"
    )
    new = commands.add_parser("new", help="新建内容文件")
    new.add_argument("kind", choices=["case"], help="要新建的内容类型")
    new.add_argument("id", help="编号，例如 lost-key（也是文件名和网址）")
    export = commands.add_parser("export", help="导出全部题库，供企业学习平台（LMS）导入")
    export.add_argument(
        "format",
        choices=["moodle", "gift"],
        help="moodle：Moodle XML（全部题型）；gift：GIFT 文本（排序题除外）",
    )
    export.add_argument("-o", "--output", required=True, help="输出文件（不能在内容文件夹中）")
    schema = commands.add_parser("schema", help="生成供编辑器使用的 JSON Schema 文件")
    schema.add_argument("--out", default=str(SCHEMA_DIR), help="输出目录")
    args = parser.parse_args(argv)

    if args.command != "schema" and not (args.root / "mkdocs.yml").is_file():
        # Without this, a mistyped --root "passed" with 0 cases.
        print(
            f"找不到项目：{args.root} 中没有 mkdocs.yml（用 --root 指向项目目录）", file=sys.stderr
        )
        return 1
    try:
        project = read_project(args.root)
    except ProjectConfigError as exc:
        print(exc, file=sys.stderr)
        return 1

    if args.command == "check":
        return run_check(project, stale=args.stale, days=args.days, strict=args.strict)
    if args.command == "new":
        return run_new_case(project, args.id)
    if args.command == "stats":
        return run_stats(project, quiz=args.quiz)
    if args.command == "export":
        return run_export(project, args.format, args.output)
    return run_schema(project, args.out)


@dataclass(frozen=True)
class Project:
    """What the tool needs from mkdocs.yml: the training plugin's options as the build
    sees them, and where MkDocs finds the Markdown pages."""

    root: Path
    folders: dict[str, str]
    stale_after_days: int
    edition: str
    docs_dir: Path
    directory_urls: bool

    @property
    def sources(self) -> Sources:
        return sources_for(self.root, **self.folders)

    def protected_paths(self) -> list[Path]:
        """What an export or schema file must never overwrite: the content folders, the
        Markdown pages (docs_dir) and mkdocs.yml itself."""
        folders = [self.root / folder for folder in self.folders.values()]
        return [*folders, self.docs_dir, self.root / "mkdocs.yml"]


class ProjectConfigError(Exception):
    """mkdocs.yml cannot be read; the message says where."""


def read_project(root: Path) -> Project:
    """mkdocs.yml read by MkDocs' own loader, so `!ENV`, the plugin's option types and its
    defaults are exactly the build's. Without mkdocs.yml (``schema`` only): the defaults."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return Project(
            root, dict(CONTENT_FOLDERS), STALE_AFTER_DAYS, "trainer", root / "docs", True
        )
    # Imported here: the core, and `import generator.cli`, load no MkDocs (tests/test_core.py).
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice is not the tool's
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    # MkDocs logs what is wrong, then raises: the log lines become the one-line message.
    problems: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: problems.append(record.getMessage())  # type: ignore[method-assign]
    config_log = logging.getLogger("mkdocs.config")
    config_log.addHandler(handler)
    try:
        config = load_config(str(config_file))
    except (MkDocsException, UnicodeDecodeError, OSError, TypeError, AttributeError) as exc:
        detail = " ".join(("；".join(problems) or str(exc)).split())  # one line
        raise ProjectConfigError(
            f"{config_file.as_posix()}: 无法读取，请先修好它（{detail}）"
        ) from None
    finally:
        config_log.removeHandler(handler)
    plugin = config.plugins.get("training")
    options = plugin.config if plugin is not None else {}
    return Project(
        root=root,
        folders={
            option: options.get(option, default) for option, default in CONTENT_FOLDERS.items()
        },
        stale_after_days=options.get("stale_after_days", STALE_AFTER_DAYS),
        edition=options.get("edition", "trainer"),
        docs_dir=Path(config.docs_dir),
        directory_urls=bool(config.use_directory_urls),
    )


def load_or_report(project: Project, site_checks: bool = False) -> KnowledgeBase | None:
    """The knowledge base, or None once its mistakes are printed (the command returns 1).
    With ``site_checks``, the pages are rendered and their addresses and links checked too,
    as the plugin does before a build: what passes ``check`` builds."""
    try:
        if not site_checks:
            return read_knowledge_base(project.sources)
        settings = RenderSettings(directory_urls=project.directory_urls, edition=project.edition)
        kb, _ = site_pages(project.sources, settings, project.docs_dir)
        return kb
    except ContentErrors as exc:
        print(exc.report())
        return None


def run_check(
    project: Project, stale: bool = False, days: int | None = None, strict: bool = False
) -> int:
    kb = load_or_report(project, site_checks=True)
    if kb is None:
        return 1
    if stale:
        limit = days if days is not None else project.stale_after_days
        items = stale_items(kb, date.today(), limit)
        for item in items:
            when = (
                f"上次审阅 {item.review.reviewed.isoformat()}（{item.review.age_days} 天前）"
                if item.review.reviewed
                else "没有 reviewed 日期"
            )
            print(f"{item.path}:{item.line}:1: reviewed: {item.title}：{when}")
        print(f"需要审阅：{len(items)} 个（审阅周期 {limit} 天）。")
    # Quiz quality is judged only on content that loads: warnings, or errors with --strict.
    problems = check_quiz_quality(kb)
    if problems and strict:
        print(ContentErrors(problems).report())
        return 1
    for problem in problems:
        print(problem)
    if problems:
        print(f"题目质量提醒 {len(problems)} 处（加 --strict 时算作错误）。")
    print(
        f"检查通过：{len(kb.cases)} 个案例，{len(kb.procedures)} 个流程，"
        f"{len(kb.forms)} 张表单，{len(kb.banks)} 个题库"
        f"（共 {sum(len(b.bank.questions) for b in kb.banks) + sum(len(c.case.quiz) for c in kb.cases)} 道题），"
        f"{len(kb.reference)} 个参考文件。"
    )
    return 0


def run_stats(project: Project, quiz: bool = False) -> int:
    kb = load_or_report(project)
    if kb is None:
        return 1
    stats = knowledge_base_stats(kb)
    types = "，".join(f"{name} {stats.question_types[key]}" for key, name in QUESTION_TYPES.items())
    print(f"课程 {stats.lessons}（有课后测验的 {stats.lessons_with_quiz}）")
    print(f"案例 {stats.cases}（有测验的 {stats.cases_with_quiz}）")
    print(f"流程 {stats.procedures}，表单 {stats.forms}")
    print(f"题库 {stats.banks}，题目 {stats.questions}：{types}")
    for kind, count in stats.reference.items():
        print(f"参考 {kind}：{count} 条")
    if quiz:
        print_longest_shares(kb)
    return 0


def print_longest_shares(kb) -> None:
    """Per quiz and overall: single/scenario questions whose right option is strictly longest."""
    longest = counted = 0
    for found in quizzes(kb):
        share = longest_share(found.questions)
        if share.counted:
            print(
                f"正确选项最长 {found.doc.display}：{len(share.longest)}/{share.counted}（{share.share:.0%}）"
            )
        longest, counted = longest + len(share.longest), counted + share.counted
    overall = longest / counted if counted else 0.0
    print(f"正确选项最长 全部：{longest}/{counted}（{overall:.0%}）")


def run_export(project: Project, export_format: str, output: str) -> int:
    try:
        # The path is checked before the work, so a refused one costs nothing.
        target = output_file(output, project.protected_paths())
    except OutputRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    kb = load_or_report(project)
    if kb is None:
        return 1
    skipped: list[str] = []
    if export_format == "moodle":
        text = moodle_xml(kb)
    else:
        text, skipped = gift(kb)
    try:
        write_text(target, text, shown_as=output)
    except OutputRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    count = sum(len(quiz.questions) for quiz in quizzes_for_export(kb)) - len(skipped)
    print(f"已导出 {count} 道题到 {output}")
    if skipped:
        print(
            f"GIFT 不支持排序题，已跳过 {len(skipped)} 道：{'、'.join(skipped)}（请用 moodle 格式导出）"
        )
    return 0


def run_schema(project: Project, out: str) -> int:
    try:
        folder = output_folder(out, project.protected_paths())
        for path in write_schemas(folder):
            print(f"已写入 {path}")
    except OutputRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def review_days(text: str) -> int:
    """--days: a review period of at least one day."""
    try:
        days: object = int(text)
    except ValueError:
        days = text
    if problem := review_period_problem(days):
        raise argparse.ArgumentTypeError(problem)
    return int(text)


def run_new_case(project: Project, case_id: str) -> int:
    if not re.fullmatch(SLUG_PATTERN, case_id) or len(case_id) > 64:
        print(
            f"编号 {case_id!r} 不可用：只能用小写英文字母、数字和连字符，例如 lost-key",
            file=sys.stderr,
        )
        return 1
    root = project.root
    cases_dir = (root / project.folders["cases_dir"]).resolve()
    path = cases_dir / f"{case_id}.yml"
    if path.exists():
        print(f"{path} 已存在，没有改动它", file=sys.stderr)
        return 1
    schema = SCHEMA_DIR / "case.schema.json"
    try:
        schema_path = Path("..", schema.relative_to(root.resolve())).as_posix()
    except ValueError:
        schema_path = schema.as_uri()
    text = render_template(
        "new-case.yml.j2", case_id=case_id, schema_path=schema_path, today=date.today().isoformat()
    )
    cases_dir.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    print(f"已创建 {path}：在空着的字段后面填上内容，可选字段去掉行首的“# ”就能用；")
    print("运行 training-kb check（或看预览中的错误页）会列出还没有填写的地方。")
    return 0


if __name__ == "__main__":
    sys.exit(main())

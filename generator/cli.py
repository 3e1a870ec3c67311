"""The command-line tool: the same core as the MkDocs plugin, for trainers and CI.

    training-kb check          validate every content file, print all errors, exit 1 on any
    training-kb new case ID    scaffold a commented case file
    training-kb schema         write the JSON Schema files for editors
    training-kb export moodle -o questions.xml    all question banks for an LMS
    training-kb stats          counts of lessons, cases, procedures, questions, reference
"""

from __future__ import annotations

import argparse
from datetime import date
import re
import sys
from pathlib import Path

import yaml

from generator.errors import ContentErrors
from generator.quiz_quality import check_quiz_quality, longest_share, quizzes
from generator.stats import knowledge_base_stats
from generator.review import DEFAULT_STALE_AFTER_DAYS, stale_items
from generator.export import gift, moodle_xml, quizzes_for_export
from generator.model.base import SLUG_PATTERN
from generator.pipeline import read_knowledge_base, site_pages, sources_for
from generator.render import RenderSettings, render_template
from generator.output_file import OutputRefused, output_file, output_folder, write_text
from generator.schema import SCHEMA_DIR, write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="training-kb", description="客户服务培训知识库的生成器工具。")
    parser.add_argument("--root", type=Path, default=Path("."), help="项目目录（mkdocs.yml 所在目录），默认为当前目录")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查全部内容文件，列出所有错误")
    check.add_argument("--stale", action="store_true", help="另外列出很久没有审阅（或没有 reviewed 日期）的案例和流程")
    check.add_argument("--days", type=review_days, default=None, help="审阅周期（天），默认取 mkdocs.yml 中的 stale_after_days 或 365")
    check.add_argument("--strict", action="store_true", help="题目质量提醒（不读也能猜对的题、重复的题）也算错误")
    stats = commands.add_parser("stats", help="统计课程、案例、流程、表单、题目和参考条目的数量")
    stats.add_argument("--quiz", action="store_true", help="另外列出每个题库中正确选项最长的单选和情景题所占比例")
    new = commands.add_parser("new", help="新建内容文件")
    new.add_argument("kind", choices=["case"], help="要新建的内容类型")
    new.add_argument("id", help="编号，例如 lost-key（也是文件名和网址）")
    export = commands.add_parser("export", help="导出全部题库，供企业学习平台（LMS）导入")
    export.add_argument("format", choices=["moodle", "gift"], help="moodle：Moodle XML（全部题型）；gift：GIFT 文本（排序题除外）")
    export.add_argument("-o", "--output", required=True, help="输出文件（不能在内容文件夹中）")
    schema = commands.add_parser("schema", help="生成供编辑器使用的 JSON Schema 文件")
    schema.add_argument("--out", default=str(SCHEMA_DIR), help="输出目录")
    args = parser.parse_args(argv)

    if args.command != "schema" and not (args.root / "mkdocs.yml").is_file():
        # Without this, a mistyped --root "passed" with 0 cases.
        print(f"找不到项目：{args.root} 中没有 mkdocs.yml（用 --root 指向项目目录）", file=sys.stderr)
        return 1
    try:
        plugin_options(args.root)
    except (yaml.YAMLError, UnicodeDecodeError, AttributeError):
        # MkDocs itself reports the details; the tool only must not crash on them.
        print(f"{(args.root / 'mkdocs.yml').as_posix()}: 无法读取（不是 UTF-8 的 YAML 映射），请先修好它", file=sys.stderr)
        return 1

    if args.command == "check":
        return run_check(args.root, stale=args.stale, days=args.days, strict=args.strict)
    if args.command == "new":
        return run_new_case(args.root, args.id)
    if args.command == "stats":
        return run_stats(args.root, quiz=args.quiz)
    if args.command == "export":
        return run_export(args.root, args.format, args.output)
    return run_schema(args.root, args.out)


def plugin_options(root: Path) -> dict:
    """The training plugin's options from mkdocs.yml, if any."""
    config_file = root / "mkdocs.yml"
    if config_file.is_file():
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        for plugin in config.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("training"), dict):
                return plugin["training"]
    return {}


def project_dirs(root: Path) -> dict[str, str]:
    """The content folders named in mkdocs.yml's training plugin, or the defaults."""
    dirs = {
        "cases_dir": "cases",
        "reference_dir": "reference",
        "procedures_dir": "procedures",
        "forms_dir": "forms",
        "questions_dir": "questions",
        "lessons_dir": "content/lessons",
        "sessions_dir": "sessions",
    }
    dirs.update({key: value for key, value in plugin_options(root).items() if key in dirs})
    return dirs


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !!python and !ENV tags we do not need, without failing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def run_check(root: Path, stale: bool = False, days: int | None = None, strict: bool = False) -> int:
    # The same checks as the plugin runs before a build: what passes here builds.
    docs_dir, directory_urls = site_layout(root)
    settings = RenderSettings(directory_urls=directory_urls)
    try:
        kb, _ = site_pages(sources_for(root, **project_dirs(root)), settings, docs_dir)
    except ContentErrors as exc:
        print(exc.report())
        return 1
    if stale:
        configured = plugin_options(root).get("stale_after_days", DEFAULT_STALE_AFTER_DAYS)
        try:
            limit = days if days is not None else review_days(str(configured))
        except argparse.ArgumentTypeError as exc:
            print(f"mkdocs.yml: stale_after_days: {exc}", file=sys.stderr)
            return 1
        items = stale_items(kb, date.today(), limit)
        for item in items:
            when = f"上次审阅 {item.review.reviewed.isoformat()}（{item.review.age_days} 天前）" if item.review.reviewed else "没有 reviewed 日期"
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


def run_stats(root: Path, quiz: bool = False) -> int:
    try:
        kb = read_knowledge_base(sources_for(root, **project_dirs(root)))
    except ContentErrors as exc:
        print(exc.report())
        return 1
    stats = knowledge_base_stats(kb)
    types = "，".join(f"{name} {stats.question_types[key]}" for key, name in QUESTION_TYPE_NAMES.items())
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
            print(f"正确选项最长 {found.doc.display}：{len(share.longest)}/{share.counted}（{share.share:.0%}）")
        longest, counted = longest + len(share.longest), counted + share.counted
    overall = longest / counted if counted else 0.0
    print(f"正确选项最长 全部：{longest}/{counted}（{overall:.0%}）")


QUESTION_TYPE_NAMES = {"single": "单选", "multiple": "多选", "true_false": "判断", "ordering": "排序", "scenario": "情景"}


def run_export(root: Path, export_format: str, output: str) -> int:
    try:
        # The path is checked before the work, so a refused one costs nothing.
        target = output_file(output, protected_paths(root))
    except OutputRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        kb = read_knowledge_base(sources_for(root, **project_dirs(root)))
    except ContentErrors as exc:
        print(exc.report())
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
        print(f"GIFT 不支持排序题，已跳过 {len(skipped)} 道：{'、'.join(skipped)}（请用 moodle 格式导出）")
    return 0


def run_schema(root: Path, out: str) -> int:
    try:
        folder = output_folder(out, protected_paths(root))
        for path in write_schemas(folder):
            print(f"已写入 {path}")
    except OutputRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def site_layout(root: Path) -> tuple[Path, bool]:
    """docs_dir and use_directory_urls from mkdocs.yml, with MkDocs' defaults."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    directory_urls = config.get("use_directory_urls")
    return root / str(config.get("docs_dir") or "docs"), directory_urls is not False


def protected_paths(root: Path) -> list[Path]:
    """What an export or schema file must never overwrite: the content folders, the
    Markdown pages (docs_dir) and mkdocs.yml itself."""
    docs_dir = "docs"
    config_file = root / "mkdocs.yml"
    if config_file.is_file():
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        docs_dir = str(config.get("docs_dir") or docs_dir)
    return [root / folder for folder in (*project_dirs(root).values(), docs_dir)] + [config_file]


def review_days(text: str) -> int:
    """--days: a review period of at least one day."""
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"审阅周期应为天数（正整数），而不是 {text!r}") from None
    if days < 1:
        raise argparse.ArgumentTypeError(f"审阅周期至少 1 天，而不是 {days}")
    return days


def run_new_case(root: Path, case_id: str) -> int:
    if not re.fullmatch(SLUG_PATTERN, case_id) or len(case_id) > 64:
        print(f"编号 {case_id!r} 不可用：只能用小写英文字母、数字和连字符，例如 lost-key", file=sys.stderr)
        return 1
    cases_dir = (root / project_dirs(root)["cases_dir"]).resolve()
    path = cases_dir / f"{case_id}.yml"
    if path.exists():
        print(f"{path} 已存在，没有改动它", file=sys.stderr)
        return 1
    schema = SCHEMA_DIR / "case.schema.json"
    try:
        schema_path = Path("..", schema.relative_to(root.resolve())).as_posix()
    except ValueError:
        schema_path = schema.as_uri()
    text = render_template("new-case.yml.j2", case_id=case_id, schema_path=schema_path, today=date.today().isoformat())
    cases_dir.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    print(f"已创建 {path}：在空着的字段后面填上内容，可选字段去掉行首的“# ”就能用；")
    print("运行 training-kb check（或看预览中的错误页）会列出还没有填写的地方。")
    return 0


if __name__ == "__main__":
    sys.exit(main())

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
from generator.messages import cli as msg
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
    parser = argparse.ArgumentParser(prog="training-kb", description=msg.DESCRIPTION)
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help=msg.HELP_ROOT,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help=msg.HELP_CHECK)
    check.add_argument(
        "--stale",
        action="store_true",
        help=msg.HELP_STALE,
    )
    check.add_argument(
        "--days",
        type=review_days,
        default=None,
        help=msg.HELP_DAYS.format(days=STALE_AFTER_DAYS),
    )
    check.add_argument("--strict", action="store_true", help=msg.HELP_STRICT)
    stats = commands.add_parser("stats", help=msg.HELP_STATS)
    stats.add_argument("--quiz", action="store_true", help=msg.HELP_QUIZ)
    new = commands.add_parser("new", help=msg.HELP_NEW)
    new.add_argument("kind", choices=["case"], help=msg.HELP_NEW_KIND)
    new.add_argument("id", help=msg.HELP_NEW_ID)
    export = commands.add_parser("export", help=msg.HELP_EXPORT)
    export.add_argument(
        "format",
        choices=["moodle", "gift"],
        help=msg.HELP_EXPORT_FORMAT,
    )
    export.add_argument("-o", "--output", required=True, help=msg.HELP_EXPORT_OUTPUT)
    schema = commands.add_parser("schema", help=msg.HELP_SCHEMA)
    schema.add_argument("--out", default=str(SCHEMA_DIR), help=msg.HELP_SCHEMA_OUT)
    args = parser.parse_args(argv)

    if args.command != "schema" and not (args.root / "mkdocs.yml").is_file():
        # Without this, a mistyped --root "passed" with 0 cases.
        print(msg.NO_PROJECT.format(root=args.root), file=sys.stderr)
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
        detail = " ".join((msg.CONFIG_PROBLEM_SEPARATOR.join(problems) or str(exc)).split())
        raise ProjectConfigError(
            msg.CONFIG_UNREADABLE.format(path=config_file.as_posix(), detail=detail)
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
                msg.LAST_REVIEWED.format(
                    date=item.review.reviewed.isoformat(), days=item.review.age_days
                )
                if item.review.reviewed
                else msg.NEVER_REVIEWED
            )
            print(
                msg.STALE_LINE.format(path=item.path, line=item.line, title=item.title, when=when)
            )
        print(msg.STALE_COUNT.format(count=len(items), days=limit))
    # Quiz quality is judged only on content that loads: warnings, or errors with --strict.
    problems = check_quiz_quality(kb)
    if problems and strict:
        print(ContentErrors(problems).report())
        return 1
    for problem in problems:
        print(problem)
    if problems:
        print(msg.QUALITY_COUNT.format(count=len(problems)))
    questions = sum(len(b.bank.questions) for b in kb.banks) + sum(
        len(c.case.quiz) for c in kb.cases
    )
    print(
        msg.CHECK_PASSED.format(
            cases=len(kb.cases),
            procedures=len(kb.procedures),
            forms=len(kb.forms),
            banks=len(kb.banks),
            questions=questions,
            reference=len(kb.reference),
        )
    )
    return 0


def run_stats(project: Project, quiz: bool = False) -> int:
    kb = load_or_report(project)
    if kb is None:
        return 1
    stats = knowledge_base_stats(kb)
    types = msg.STATS_TYPE_SEPARATOR.join(
        msg.STATS_TYPE.format(name=name, count=stats.question_types[key])
        for key, name in QUESTION_TYPES.items()
    )
    print(msg.STATS_LESSONS.format(lessons=stats.lessons, with_quiz=stats.lessons_with_quiz))
    print(msg.STATS_CASES.format(cases=stats.cases, with_quiz=stats.cases_with_quiz))
    print(msg.STATS_PROCEDURES.format(procedures=stats.procedures, forms=stats.forms))
    print(msg.STATS_QUESTIONS.format(banks=stats.banks, questions=stats.questions, types=types))
    for kind, count in stats.reference.items():
        print(msg.STATS_REFERENCE.format(kind=kind, count=count))
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
                msg.LONGEST_IN_QUIZ.format(
                    quiz=found.doc.display,
                    longest=len(share.longest),
                    counted=share.counted,
                    share=share.share,
                )
            )
        longest, counted = longest + len(share.longest), counted + share.counted
    overall = longest / counted if counted else 0.0
    print(msg.LONGEST_OVERALL.format(longest=longest, counted=counted, share=overall))


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
    print(msg.EXPORTED.format(count=count, path=output))
    if skipped:
        ids = msg.LIST_SEPARATOR.join(skipped)
        print(msg.GIFT_SKIPPED.format(count=len(skipped), ids=ids))
    return 0


def run_schema(project: Project, out: str) -> int:
    try:
        folder = output_folder(out, project.protected_paths())
        for path in write_schemas(folder):
            print(msg.WRITTEN.format(path=path))
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
        print(msg.BAD_NEW_ID.format(id=case_id), file=sys.stderr)
        return 1
    root = project.root
    cases_dir = (root / project.folders["cases_dir"]).resolve()
    path = cases_dir / f"{case_id}.yml"
    if path.exists():
        print(msg.ALREADY_EXISTS.format(path=path), file=sys.stderr)
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
    print(msg.CREATED.format(path=path))
    print(msg.CREATED_NEXT)
    return 0


if __name__ == "__main__":
    sys.exit(main())

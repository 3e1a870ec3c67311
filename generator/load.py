"""Stage 1 of the pipeline: read trainers' YAML files safely into typed models.

``yaml_source.py`` parses each file with positions; this module validates the data
against the models, maps pydantic's errors back onto lines, and loads the whole project.

Every problem is collected, with the line and column of the offending node, instead of
stopping at the first: a trainer fixes a whole file in one pass.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.errors import ContentError, ContentErrors, display_path
from generator.knowledge_base import (
    BankFile,
    CaseFile,
    FormFile,
    KnowledgeBase,
    ProcedureFile,
    ReferenceSet,
    SessionFile,
    Sources,
)
from generator.messages import files as msg
from generator.model import REFERENCE_KINDS, Case, ReferenceFile
from generator.model.base import SLUG_PATTERN
from generator.model.form import Form
from generator.model.procedure import Procedure
from generator.model.question import QuestionBank
from generator.model.session import Session
from generator.validation import validate
from generator.yaml_source import read_yaml

YAML_SUFFIXES = (".yml", ".yaml")


# --- the project ---------------------------------------------------------------------


def yaml_files(folder: Path) -> list[Path]:
    """The content files of one folder: its .yml and .yaml files, in name order."""
    return _sort_folder(folder)[0]


def unread_files(folder: Path, root: Path) -> list[ContentError]:
    """Everything in a content folder that yaml_files leaves out, each at its own path:
    nothing is skipped in silence. Hidden files (.gitkeep, .DS_Store) and editor backups
    (name~) are the exception: no trainer put them there."""
    errors = []
    for path, message in _sort_folder(folder)[1]:
        # The path as found, never where a link points: a report names no file elsewhere.
        display = (
            path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        )
        errors.append(ContentError(display, 1, 1, "", message))
    return errors


# A subfolder full of files would bury the report: after this many, one line says how many more.
_MAX_REPORTED_PER_SUBFOLDER = 20


def _sort_folder(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files to read, and every other entry with the reason it is not read."""
    if not folder.is_dir():
        if os.path.lexists(folder):
            return [], [(folder, msg.FOLDER_IS_FILE)]
        return [], []
    readable, unread = [], []
    for path in sorted(folder.iterdir()):
        if _ignored(path.name):
            continue
        if path.is_dir() and not path.is_symlink():
            unread += _subfolder_entries(path, folder)
        elif path.suffix in YAML_SUFFIXES and path.is_file():
            readable.append(path)
        else:
            unread.append((path, _why_unread(path)))
    return readable, unread


def _ignored(name: str) -> bool:
    return name.startswith(".") or name.endswith("~")


def _why_unread(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return msg.BROKEN_LINK
    if path.is_dir():
        return msg.LINK_TO_FOLDER
    if not path.is_file():
        return msg.NOT_REGULAR
    if path.suffix.lower() in YAML_SUFFIXES:
        return msg.UPPERCASE_SUFFIX.format(name=path.stem + path.suffix.lower())
    return msg.NOT_YAML


def _subfolder_entries(subfolder: Path, folder: Path) -> list[tuple[Path, str]]:
    message = msg.IN_SUBFOLDER.format(folder=folder.name)
    found = []
    for parent, dirs, files in os.walk(subfolder):  # links to folders are listed, not followed
        dirs[:] = sorted(name for name in dirs if not _ignored(name))
        found += [Path(parent, name) for name in sorted(files) if not _ignored(name)]
    if not found and subfolder.suffix.lower() in YAML_SUFFIXES:
        return [(subfolder, msg.FOLDER_NAMED_YAML.format(folder=folder.name))]
    reported = [(path, message) for path in found[:_MAX_REPORTED_PER_SUBFOLDER]]
    if len(found) > _MAX_REPORTED_PER_SUBFOLDER:
        more = len(found) - _MAX_REPORTED_PER_SUBFOLDER
        reported.append((subfolder, msg.MORE_IN_SUBFOLDER.format(more=more)))
    return reported


class ParsedFiles:
    """Files loaded by an earlier run, reused while unchanged on disk (the preview keeps one
    between rebuilds, so a save re-reads one file, not the whole project)."""

    def __init__(self) -> None:
        self._files: dict[tuple[Path, type], tuple[tuple[int, int, int], Any]] = {}

    def load(self, path: Path, root: Path, model: type[BaseModel]):
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        known = self._files.get((path, model))
        if known is not None and known[0] == stamp:
            return known[1]
        result = _load_one(path, root, model)
        self._files[(path, model)] = (stamp, result)
        return result


def load_knowledge_base(
    sources: Sources, parsed: ParsedFiles | None = None
) -> tuple[KnowledgeBase, list[ContentError]]:
    """Load every content file; return what loaded and every error found."""
    load_one = parsed.load if parsed is not None else _load_one
    kb = KnowledgeBase(sources)
    errors: list[ContentError] = []
    folders = [
        ("cases", sources.cases_dir, Case, CaseFile, kb.cases),
        ("procedures", sources.procedures_dir, Procedure, ProcedureFile, kb.procedures),
        ("forms", sources.forms_dir, Form, FormFile, kb.forms),
        ("questions", sources.questions_dir, QuestionBank, BankFile, kb.banks),
        ("sessions", sources.sessions_dir, Session, SessionFile, kb.sessions),
    ]
    for name, folder, model, wrapper, loaded_files in folders:
        kb.file_ids[name] = set()
        errors += unread_files(folder, sources.root)
        for path in yaml_files(folder):
            kb.file_ids[name].add(path.stem)
            if _links_outside(path, sources.root):
                errors.append(_outside_error(path, sources.root))
                continue
            loaded, problems = load_one(path, sources.root, model)
            errors += problems
            if loaded is None:
                continue
            item, doc = loaded
            if item.id != path.stem:
                errors.append(doc.error(("id",), _id_mismatch(item.id, path)))
                continue
            loaded_files.append(wrapper(item, doc))
    kb.lessons, lesson_errors = load_lessons(sources)
    kb.file_ids["lessons"] = set(kb.lessons) | {
        path.stem for path in _markdown_entries(sources.lessons_dir)
    }
    errors += lesson_errors
    # Reference files that exist, loaded or not: links into a broken one are not reported
    # again (see check.reference_ids).
    kb.file_ids["reference"] = set()
    errors += unread_files(sources.reference_dir, sources.root)
    for path in yaml_files(sources.reference_dir):
        kb.file_ids["reference"].add(path.stem)
        if _links_outside(path, sources.root):
            errors.append(_outside_error(path, sources.root))
            continue
        display = display_path(path, sources.root)
        kind = REFERENCE_KINDS.get(path.stem)
        if kind is None:
            known = msg.LIST_SEPARATOR.join(f"{kind}.yml" for kind in REFERENCE_KINDS)
            message = msg.UNKNOWN_REFERENCE.format(known=known)
            errors.append(ContentError(display, 1, 1, "", message))
            continue
        loaded, problems = load_one(path, sources.root, ReferenceFile[kind.entry_model])
        errors += problems
        if loaded is not None:
            kb.reference[path.stem] = ReferenceSet(path.stem, *loaded)
    return kb, errors


def _id_mismatch(item_id: str, path: Path) -> str:
    if re.fullmatch(SLUG_PATTERN, path.stem):
        return msg.ID_NOT_FILE_NAME.format(id=item_id, stem=path.stem, suffix=path.suffix)
    # The id is also the file name and the page's address: "Bad Name" can be neither.
    return msg.FILE_NAME_NOT_ID.format(name=path.name, id=item_id, suffix=path.suffix)


def _links_outside(path: Path, root: Path) -> bool:
    """A symbolic link to a file outside the project: it is never followed, so a content
    folder cannot make the build read (or report on) files elsewhere on the machine."""
    if not path.is_symlink():
        return False
    target = path.resolve()
    return not (
        target.is_relative_to(root.resolve()) or target.is_relative_to(path.parent.resolve())
    )


def _outside_error(path: Path, root: Path) -> ContentError:
    # The link's own name, not where it points: that is no business of the report.
    display = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    return ContentError(display, 1, 1, "", msg.LINK_OUTSIDE)


def _load_one(path: Path, root: Path, model: type[BaseModel]):
    display = display_path(path, root)
    try:
        doc = read_yaml(path, display)
    except ContentErrors as exc:
        return None, exc.errors
    value, errors = validate(model, doc)
    return ((value, doc) if value is not None else None), errors


# --- lessons -------------------------------------------------------------------------

_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.M)


def _markdown_entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def load_lessons(sources: Sources) -> tuple[dict[str, str], list[ContentError]]:
    """Lesson id → title (its first heading), with a mistake for every lesson file that the
    site builder could not read: not a regular file, or not UTF-8 (Notepad's GBK)."""
    titles: dict[str, str] = {}
    errors: list[ContentError] = []
    for path in _markdown_entries(sources.lessons_dir):
        display = (
            display_path(path, sources.root)
            if not path.is_symlink()
            else _link_display(path, sources.root)
        )
        if not path.is_file():
            what = (
                msg.LESSON_IS_FOLDER
                if path.is_dir()
                else msg.LESSON_IS_BROKEN_LINK
                if path.is_symlink()
                else msg.LESSON_NOT_REGULAR
            )
            message = msg.LESSON_NOT_FILE.format(name=path.name, what=what)
            errors.append(ContentError(display, 1, 1, "", message))
            continue
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            errors.append(ContentError(display, line, 1, "", msg.LESSON_NOT_UTF8))
            continue
        heading = _HEADING.search(text)
        titles[path.stem] = heading.group(1) if heading else path.stem
    return titles, errors


def _link_display(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name

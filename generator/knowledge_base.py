"""The knowledge base as the stages hand it forward: where a project keeps its content
(``Sources``), each loaded file with its model and YAML document, and the whole project
(``KnowledgeBase``). Load (generator/load.py) fills it, check reads it, render turns it
into pages; none of them needs the loader to name these types."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.model import Case, ReferenceFile
from generator.model.form import Form
from generator.model.procedure import Procedure
from generator.model.question import QuestionBank
from generator.model.session import Session
from generator.yaml_source import YamlDocument


@dataclass(frozen=True)
class Sources:
    """Where a project keeps its content, as absolute folders."""

    root: Path
    cases_dir: Path
    reference_dir: Path
    procedures_dir: Path
    forms_dir: Path
    questions_dir: Path
    # Markdown lessons stay MkDocs pages; the core only needs their ids for links.
    lessons_dir: Path
    # Trainers' session plans (sessions/*.yml).
    sessions_dir: Path


@dataclass(frozen=True)
class CaseFile:
    case: Case
    doc: YamlDocument


@dataclass(frozen=True)
class ProcedureFile:
    procedure: Procedure
    doc: YamlDocument


@dataclass(frozen=True)
class FormFile:
    form: Form
    doc: YamlDocument


@dataclass(frozen=True)
class BankFile:
    bank: QuestionBank
    doc: YamlDocument


@dataclass(frozen=True)
class SessionFile:
    session: Session
    doc: YamlDocument


@dataclass(frozen=True)
class ReferenceSet:
    kind: str
    content: ReferenceFile
    doc: YamlDocument


@dataclass
class KnowledgeBase:
    """Everything loaded from one project, before cross-references are checked."""

    sources: Sources
    cases: list[CaseFile] = field(default_factory=list)
    procedures: list[ProcedureFile] = field(default_factory=list)
    forms: list[FormFile] = field(default_factory=list)
    banks: list[BankFile] = field(default_factory=list)
    sessions: list[SessionFile] = field(default_factory=list)
    reference: dict[str, ReferenceSet] = field(default_factory=dict)
    # Ids of every file, loaded or not, per folder, so a broken file does not also make
    # every link to it an error.
    file_ids: dict[str, set[str]] = field(default_factory=dict)
    # Lesson id (file name) → its first heading; lessons stay Markdown pages of the site.
    lessons: dict[str, str] = field(default_factory=dict)

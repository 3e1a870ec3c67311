"""Stage 1 of the pipeline: read trainers' YAML files safely into typed models.

Every problem is collected, with the line and column of the offending node, instead of
stopping at the first: a trainer fixes a whole file in one pass.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.errors import ContentError, ContentErrors, display_path
from generator.model import REFERENCE_KINDS, Case, ReferenceFile
from generator.model.form import Form
from generator.model.procedure import Procedure
from generator.model.question import QuestionBank

MAX_FILE_BYTES = 1_000_000
YAML_SUFFIXES = (".yml", ".yaml")

Location = tuple[int, int]  # 1-based line and column


@dataclass
class YamlDocument:
    """A parsed YAML file with the position of every node, keyed by its path of keys."""

    path: Path
    display: str
    data: Any
    value_marks: dict[tuple, Location] = field(default_factory=dict)
    key_marks: dict[tuple, Location] = field(default_factory=dict)

    def locate(self, loc: tuple, *, key: bool = False) -> Location:
        """Where the node at ``loc`` starts, or its nearest ancestor that exists."""
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while loc not in self.value_marks and loc:
            loc = loc[:-1]
        return self.value_marks.get(loc, (1, 1))

    def error(self, loc: tuple, message: str, *, key: bool = False) -> ContentError:
        line, column = self.locate(loc, key=key)
        return ContentError(self.display, line, column, dotted(loc), message)


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
    reference: dict[str, ReferenceSet] = field(default_factory=dict)
    # Ids of every file, loaded or not, per folder, so a broken file does not also make
    # every link to it an error.
    file_ids: dict[str, set[str]] = field(default_factory=dict)


def dotted(loc: tuple) -> str:
    return ".".join(str(part) for part in loc)


# --- YAML with positions -------------------------------------------------------------


def read_yaml(path: Path, display: str) -> YamlDocument:
    """Parse one file; raise ContentErrors for unreadable or malformed YAML."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise ContentErrors([ContentError(display, 1, 1, "", f"文件太大（{len(raw):,} 字节），上限 {MAX_FILE_BYTES:,} 字节")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentErrors([ContentError(display, line, column, "", "不是 UTF-8 编码的文本，请用 UTF-8 保存文件")]) from None
    if not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        raise ContentErrors([ContentError(display, 1, 1, "", "文件是空的")])

    node = _compose(text, display)
    if _uses_aliases(text):
        raise ContentErrors(_alias_errors(display, text))
    doc = YamlDocument(path, display, None)
    builder = _NodeBuilder(doc)
    doc.data = builder.build(node, ())
    if builder.errors:
        raise ContentErrors(builder.errors)
    return doc


# libyaml (in PyYAML's wheels) composes the same nodes with the same marks as the Python
# parser, about seven times faster. It accepts tabs where the Python parser refuses them,
# so text with a tab (or a character the Python reader refuses) goes the Python way, and
# so does a file libyaml refuses: the error is then worded the way trainers see it.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str, display: str) -> yaml.Node:
    if _FAST_LOADER is not None and "\t" not in text and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        loader = _FAST_LOADER(text)
        try:
            return loader.get_single_node()
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise ContentErrors([_syntax_error(display, exc)]) from None
    finally:
        loader.dispose()


def _uses_aliases(text: str) -> bool:
    # Called on text that parsed, so the fast scanner cannot fail here.
    scanner = _FAST_LOADER or yaml.SafeLoader
    return "*" in text and any(isinstance(token, yaml.AliasToken) for token in yaml.scan(text, Loader=scanner))


def _alias_errors(display: str, text: str) -> list[ContentError]:
    # Aliases can multiply a few lines into gigabytes (the "billion laughs"), and a
    # trainer never needs them: each one is reported where it is written.
    return [
        ContentError(display, token.start_mark.line + 1, token.start_mark.column + 1, "", "不支持 YAML 别名（*名称），请把内容直接写出来")
        for token in yaml.scan(text, Loader=yaml.SafeLoader)
        if isinstance(token, yaml.AliasToken)
    ]


def _syntax_error(display: str, exc: yaml.MarkedYAMLError) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "YAML 语法错误"
    if "'\\t'" in problem:
        message = "不能用 Tab 缩进，请改用空格"
    elif "expected a single document" in (exc.context or ""):
        message = "一个文件只能有一个 YAML 文档（不要用 ---  分隔多个）"
    else:
        message = f"YAML 语法错误：{problem}"
        if exc.context:
            message += f"({exc.context})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return ContentError(display, line, column, "", message)


class _NodeBuilder:
    """Turns composed YAML nodes into plain data, recording where each node starts.

    Duplicate keys, which PyYAML would silently overwrite, are refused; aliases never
    get here (see ``_alias_errors``).
    """

    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.errors: list[ContentError] = []
        self.constructor = yaml.SafeLoader("")

    def _mark(self, node: yaml.Node) -> Location:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _fail(self, node: yaml.Node, loc: tuple, message: str) -> None:
        line, column = self._mark(node)
        self.errors.append(ContentError(self.doc.display, line, column, dotted(loc), message))

    def build(self, node: yaml.Node, loc: tuple) -> Any:
        self.doc.value_marks[loc] = self._mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (index,)) for index, item in enumerate(node.value)]
        return self.constructor.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, loc: tuple) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._fail(key_node, loc, "不支持 YAML 合并键（<<），请把内容直接写出来")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, loc, "键必须是简单的文字")
                continue
            key = str(self.constructor.construct_object(key_node))
            if key in result:
                first = self.doc.key_marks[loc + (key,)]
                self._fail(key_node, loc + (key,), f"重复的键（第 {first[0]} 行已经写过）")
                continue
            self.doc.key_marks[loc + (key,)] = self._mark(key_node)
            result[key] = self.build(value_node, loc + (key,))
        return result


# --- models --------------------------------------------------------------------------

_MESSAGES = {
    "missing": "缺少必填字段",
    "string_type": "应为文本（数字或日期请加引号）",
    "list_type": "应为列表（每项一行，以 - 开头）",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "string_pattern_mismatch": "编号只能用小写英文字母、数字和连字符，例如 sand-pit",
    "string_too_short": "不能为空",
    "too_short": "至少要有 {min_length} 项",
    "string_too_long": "太长：最多 {max_length} 个字符",
    "too_long": "太多：最多 {max_length} 项",
    "literal_error": "只能是 {expected}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "bool_type": "应为 true 或 false",
    "date_type": "应为日期，例如 2026-11-23",
    "date_from_datetime_parsing": "应为日期，例如 2026-11-23",
    "date_parsing": "应为日期，例如 2026-11-23",
    "date_from_datetime_inexact": "应为日期，例如 2026-11-23",
}


def validate(model: type[BaseModel], doc: YamlDocument) -> tuple[Any, list[ContentError]]:
    """Validate a parsed document against a model; return the model or the errors."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        known_fields = _field_names(model)
        return None, [_error_from_pydantic(doc, err, known_fields) for err in exc.errors()]


def _error_from_pydantic(doc: YamlDocument, err: dict, known_fields: set[str]) -> ContentError:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        message = "未知字段"
        guess = difflib.get_close_matches(str(loc[-1]), known_fields, n=1)
        if guess:
            message += f"（是否想写 {guess[0]}？）"
        return doc.error(loc, message, key=True)
    if kind == "missing":
        line, column = doc.locate(loc[:-1])
        return ContentError(doc.display, line, column, dotted(loc), _MESSAGES[kind])
    template = _MESSAGES.get(kind)
    message = template.format(**err.get("ctx", {})) if template else err["msg"]
    if not loc and kind in ("model_type", "dict_type", "model_attributes_type"):
        message = "文件内容应是一个映射（每行 键: 值）"
    return doc.error(loc, message)


def _field_names(model: type[BaseModel]) -> set[str]:
    """All field names of a model and the models nested in it, for spelling hints."""
    names: set[str] = set()
    pending, done = [model], set()
    while pending:
        current = pending.pop()
        if current in done:
            continue
        done.add(current)
        for name, info in current.model_fields.items():
            names.add(name)
            pending.extend(_nested_models(info.annotation))
    return names


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in getattr(annotation, "__args__", ()):
        found.extend(_nested_models(arg))
    return found


# --- the project ---------------------------------------------------------------------


def yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def load_knowledge_base(sources: Sources) -> tuple[KnowledgeBase, list[ContentError]]:
    """Load every content file; return what loaded and every error found."""
    kb = KnowledgeBase(sources)
    errors: list[ContentError] = []
    folders = [
        ("cases", sources.cases_dir, Case, CaseFile, kb.cases),
        ("procedures", sources.procedures_dir, Procedure, ProcedureFile, kb.procedures),
        ("forms", sources.forms_dir, Form, FormFile, kb.forms),
        ("questions", sources.questions_dir, QuestionBank, BankFile, kb.banks),
    ]
    for name, folder, model, wrapper, loaded_files in folders:
        kb.file_ids[name] = set()
        for path in yaml_files(folder):
            kb.file_ids[name].add(path.stem)
            loaded, problems = _load_one(path, sources.root, model)
            errors += problems
            if loaded is None:
                continue
            item, doc = loaded
            if item.id != path.stem:
                errors.append(doc.error(("id",), f"编号 {item.id} 与文件名不一致：应为 {path.stem}，或把文件改名为 {item.id}{path.suffix}"))
                continue
            loaded_files.append(wrapper(item, doc))
    if sources.lessons_dir.is_dir():
        kb.file_ids["lessons"] = {path.stem for path in sources.lessons_dir.glob("*.md")}
    for path in yaml_files(sources.reference_dir):
        display = display_path(path, sources.root)
        entry_model = REFERENCE_KINDS.get(path.stem)
        if entry_model is None:
            known = "、".join(f"{kind}.yml" for kind in REFERENCE_KINDS)
            errors.append(ContentError(display, 1, 1, "", f"未知的参考文件；参考目录中只能有 {known}"))
            continue
        loaded, problems = _load_one(path, sources.root, ReferenceFile[entry_model])
        errors += problems
        if loaded is not None:
            kb.reference[path.stem] = ReferenceSet(path.stem, *loaded)
    return kb, errors


def _load_one(path: Path, root: Path, model: type[BaseModel]):
    display = display_path(path, root)
    try:
        doc = read_yaml(path, display)
    except ContentErrors as exc:
        return None, exc.errors
    value, errors = validate(model, doc)
    return ((value, doc) if value is not None else None), errors

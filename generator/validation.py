"""Validating a parsed file against its model, in the trainer's words (part of stage 1, load).

pydantic reports in English with positions counted from 0; each of its errors becomes a
``ContentError`` at the line of the offending node, in Chinese, with a hint drawn from
what was typed (a number where an id belongs, a dash without its space, a full-width
comma) and from the model itself (the example in a field's description).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from generator.errors import ContentError, field_label
from generator.messages import fields as msg
from generator.model.base import SLUG_PATTERN
from generator.yaml_source import YamlDocument

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LIST_SEPARATORS = ("，", "、")
# A list typed with a Chinese keyboard: 【维修，上门】, or items opened by a long dash.
_WIDE_BRACKETS = "【】［］"
_WIDE_DASHES = "—－–―"


def validate(model: type[BaseModel], doc: YamlDocument) -> tuple[Any, list[ContentError]]:
    """Validate a parsed document against a model; return the model or the errors."""
    errors = _tag_errors(doc)
    try:
        value = model.model_validate(doc.data)
    except ValidationError as exc:
        known_fields = _field_names(model)
        errors += [_error_from_pydantic(model, doc, err, known_fields) for err in exc.errors()]
        return None, errors
    return (None if errors else value), errors


def _error_from_pydantic(
    model: type[BaseModel], doc: YamlDocument, err: dict, known_fields: set[str]
) -> ContentError:
    loc = tuple(part for part in err["loc"] if isinstance(part, (int, str)))
    kind = err["type"]
    if kind == "extra_forbidden":
        message = msg.UNKNOWN_FIELD
        guess = difflib.get_close_matches(str(loc[-1]), known_fields, n=1)
        if guess:
            message += msg.DID_YOU_MEAN.format(guess=guess[0])
        return doc.error(loc, message, key=True)
    if kind == "missing":
        line, column = doc.locate(loc[:-1])
        return ContentError(doc.display, line, column, field_label(loc), msg.BY_ERROR_TYPE[kind])
    if not loc and kind in ("model_type", "dict_type", "model_attributes_type"):
        return doc.error(loc, msg.FILE_NOT_MAPPING)
    message, offset = _message(model, loc, kind, err)
    return doc.error(loc, message, offset=offset)


def _message(model: type[BaseModel], loc: tuple, kind: str, err: dict) -> tuple[str, int]:
    """The Chinese message for one pydantic error, and where in the value it points."""
    value = err.get("input")
    info = _field_info(model, loc)
    if value is None or (
        isinstance(value, str) and not value.strip() and kind == "string_too_short"
    ):
        if info is not None and not info.is_required() and not isinstance(loc[-1], int):
            return msg.BLANK_OPTIONAL, 0
        return msg.BLANK + _what_to_write(info, loc), 0
    if (
        kind == "string_type"
        and isinstance(value, int)
        and not isinstance(value, bool)
        and _expects_slug(info)
    ):
        return _number_for_id(value, info), 0
    if kind == "string_type" and isinstance(value, (list, dict)):
        shape = msg.TEXT_NOT_LIST if isinstance(value, list) else msg.TEXT_NOT_MAPPING
        return msg.TEXT_EXPECTED.format(shape=shape), 0
    if isinstance(value, str):
        hint = _text_hint(kind, value)
        if hint:
            return hint
    if kind == "too_short" and value == []:
        return msg.BLANK_TOO_SHORT.format(min_length=err["ctx"]["min_length"]), 0
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", err["ctx"]["expected"])
        expected = (
            msg.LIST_SEPARATOR.join(choices[:-1]) + msg.CHOICE_LAST.format(last=choices[-1])
            if len(choices) > 1
            else err["ctx"]["expected"]
        )
        return msg.ONLY_ONE_OF.format(expected=expected), 0
    template = msg.BY_ERROR_TYPE.get(kind)
    if template is not None:
        return template.format(**err.get("ctx", {})), 0
    # Our own checks (PydanticCustomError, ValueError) already speak Chinese.
    custom = err["msg"].removeprefix("Value error, ")
    return (custom if _CJK.search(custom) else msg.FALLBACK), 0


def _text_hint(kind: str, value: str) -> tuple[str, int] | None:
    """Slips visible in the text itself: separators of a Chinese keyboard, a dash without
    its space, an id typed in capitals or full-width letters."""
    separator = next((char for char in _LIST_SEPARATORS if char in value), None)
    if kind == "list_type":
        if value.startswith("-") and not value.startswith("- "):
            return msg.LIST_DASH_WITHOUT_SPACE, 1
        if value[0] in _WIDE_DASHES:
            return msg.LIST_WIDE_DASH.format(dash=value[0]), 0
        bracket = value[0] in _WIDE_BRACKETS
        if separator or bracket:
            parts = [
                part.strip()
                for part in re.split(f"[{separator or ','}{_WIDE_BRACKETS}]", value)
                if part.strip()
            ]
            how = msg.LIST_HOW_BRACKETS if bracket else msg.LIST_HOW_COMMAS
            return msg.LIST_WRITE_AS.format(items=", ".join(parts), how=how), 0
    narrow = unicodedata.normalize("NFKC", value).strip()
    if kind == "int_parsing" and narrow != value.strip() and narrow.isdigit():
        return msg.WIDE_DIGITS.format(typed=value.strip(), narrow=narrow), 0
    if kind == "string_pattern_mismatch":
        if separator:
            parts = [part.strip() for part in value.split(separator) if part.strip()]
            return (
                msg.CHINESE_SEPARATOR.format(separator=separator, items=", ".join(parts)),
                value.index(separator),
            )
        guess = re.sub(r"[\s_]+", "-", unicodedata.normalize("NFKC", value).strip().lower())
        if guess != value and re.fullmatch(SLUG_PATTERN, guess):
            return msg.BY_ERROR_TYPE[kind] + msg.DID_YOU_MEAN.format(guess=guess), 0
    return None


def _what_to_write(info: FieldInfo | None, loc: tuple) -> str:
    """The field's description, when short, to say what belongs there: （案例标题）."""
    if info is None or isinstance(loc[-1], int) or not info.description:
        return ""
    what = info.description.replace("（Markdown）", "").rstrip("。")
    return msg.WHAT_TO_WRITE.format(what=what) if len(what) <= 24 else ""


def _number_for_id(number: int, info: FieldInfo) -> str:
    """``principle: 6`` → p6: the id's form is read from the example in the field's
    description (例如 p2), so every kind of id gets its own suggestion."""
    example = _described_example(info)
    # p2 → p6; an example like principles-01 names another file's ids, so it is only shown.
    numbered = re.fullmatch(r"([a-z]+)\d+", example or "")
    if numbered:
        return msg.ID_NUMBER_GUESS.format(guess=f"{numbered.group(1)}{number}")
    if example:
        return msg.ID_NUMBER_EXAMPLE.format(example=example)
    listed = re.search(r"见 ([\w/-]+\.yml)", info.description or "")
    return msg.ID_NUMBER_SEE.format(file=listed.group(1)) if listed else msg.ID_NUMBER_SHAPE


# --- tags ----------------------------------------------------------------------------------

_TAG_LISTS = ("tags", "topics")


def _tag_errors(doc: YamlDocument) -> list[ContentError]:
    """A tag is one word: 报修，上门 typed as one tag (a full-width comma in [ ], or a 、)
    would make a tag nobody filters by. Checked on the raw data, so a file with other
    mistakes still gets this one."""
    errors = []
    for loc, tags in _tag_lists(doc.data):
        for index, tag in enumerate(tags):
            separator = (
                next((char for char in (*_LIST_SEPARATORS, ",") if char in tag), None)
                if isinstance(tag, str)
                else None
            )
            if separator is None:
                continue
            parts = [part.strip() for part in re.split("[，、,]", tag) if part.strip()]
            message = msg.TAG_ONE_WORD.format(
                tag=tag.strip(), separator=separator, count=len(parts), items=", ".join(parts)
            )
            errors.append(doc.error(loc + (index,), message, offset=tag.index(separator)))
    return errors


def _tag_lists(data: Any):
    """The tag lists of a file: a case's ``tags``, a bank's ``topics``, and the ``topics``
    of each question (in a bank's ``questions`` or a case's ``quiz``)."""
    if not isinstance(data, dict):
        return
    for key in _TAG_LISTS:
        if isinstance(data.get(key), list):
            yield (key,), data[key]
    for key in ("questions", "quiz"):
        for index, question in enumerate(data.get(key) if isinstance(data.get(key), list) else ()):
            if isinstance(question, dict) and isinstance(question.get("topics"), list):
                yield (key, index, "topics"), question["topics"]


# --- the model, read along an error's location ------------------------------------------


def _field_info(model: type[BaseModel], loc: tuple) -> FieldInfo | None:
    """The field at ``loc`` (list indexes skipped), or None if the path leaves the model."""
    info, annotation = None, model
    for part in loc:
        if isinstance(part, int):
            continue
        owner = next((m for m in _nested_models(annotation) if part in m.model_fields), None)
        if owner is None:
            return None
        info = owner.model_fields[part]
        annotation = info.annotation
    return info


def _constraints(info: FieldInfo | None) -> list:
    """Every piece of metadata of a field, its own and that of the types it is made of."""
    if info is None:
        return []
    found = list(info.metadata)
    pending = [info.annotation]
    while pending:
        annotation = pending.pop()
        found += getattr(annotation, "__metadata__", ())
        pending += get_args(annotation)
    return found


def _expects_slug(info: FieldInfo | None) -> bool:
    return any(getattr(item, "pattern", None) == SLUG_PATTERN for item in _constraints(info))


def _described_example(info: FieldInfo) -> str | None:
    """The id in "例如 p2" of the field's description; failing that, of its type's (Slug:
    sand-pit), unless the field names the reference file its ids come from."""
    own = info.description or ""
    match = re.search(r"例如 ([a-z0-9-]+)", own)
    if match or "见 reference/" in own:
        return match.group(1) if match else None
    for item in _constraints(info):
        match = re.search(r"例如 ([a-z0-9-]+)", getattr(item, "description", None) or "")
        if match:
            return match.group(1)
    return None


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

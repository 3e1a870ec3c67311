"""Shared building blocks of the content models: strict models and the field types.

Field descriptions are written for trainers: they become tooltips in the editor
through the published JSON Schema.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from generator.messages import fields as msg

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# An id is also a URL segment, so it is kept to lowercase ASCII words joined by hyphens:
# no slashes, dots or spaces can ever reach a file path.
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=64),
    Field(description="编号：小写英文字母、数字和连字符，例如 sand-pit；同时用作网址。"),
]

# --- what text may hold ------------------------------------------------------------
# A file with such characters typed in is refused when it is read (yaml_source); these
# checks catch the ones written as YAML escapes ("\x01", "\0", "\u202e") as well.

# Invisible control characters break the Moodle XML export (XML 1.0 forbids them) and
# show as nothing or as boxes: no text field may hold them. Tab and line feed are
# ordinary in Markdown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")
# Bidirectional overrides and isolates make text show otherwise than it reads (the
# "Trojan Source" trick): refused in titles, labels and tags.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The case library keeps several tags (and industries) in one attribute, joined by |.
FILTER_SEPARATOR = "|"


def _no_control_characters(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        code = f"U+{ord(found.group()):04X}"
        raise PydanticCustomError(
            "control_character",
            msg.CONTROL_CHARACTER.format(code=code),
        )
    return value


def _one_line(value: str) -> str:
    """A single-line field: plain text on one line, shown as the trainer reads it."""
    if _LINE_BREAK.search(value):
        raise PydanticCustomError("one_line", msg.ONE_LINE)
    if "\t" in value:
        raise PydanticCustomError("one_line", msg.NO_TAB)
    found = _BIDI_CONTROL.search(value)
    if found:
        raise PydanticCustomError(
            "bidi_control",
            msg.BIDI_CONTROL.format(code=f"U+{ord(found.group()):04X}"),
        )
    return _no_control_characters(value)


def _no_filter_separator(value: str) -> str:
    if FILTER_SEPARATOR in value:
        raise PydanticCustomError("filter_separator", msg.FILTER_SEPARATOR)
    return value


# HTML blocks written into Markdown must close: an unclosed <div> turns the rest of the page
# into literal Markdown, and a stray </div> closes one of the page's own.
_CONTAINERS = frozenset(
    "div details section article aside figure table blockquote ul ol dl form nav header footer "
    "main".split()
)
_CODE = re.compile(r"^\s*(```|~~~).*?^\s*\1|`[^`\n]*`", re.MULTILINE | re.DOTALL)


class _Containers(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.stray: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _CONTAINERS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        pass  # <div/> opens nothing

    def handle_endtag(self, tag: str) -> None:
        if tag not in _CONTAINERS:
            return
        if tag in self.open:
            while self.open.pop() != tag:
                pass
        elif self.stray is None:
            self.stray = tag


def _balanced_html(value: str) -> str:
    if "<" not in value:
        return value
    parser = _Containers()
    parser.feed(_CODE.sub("", value))
    parser.close()
    if parser.open:
        tag = parser.open[-1]
        raise PydanticCustomError(
            "unbalanced_html",
            msg.HTML_UNCLOSED.format(tag=tag),
        )
    if parser.stray:
        raise PydanticCustomError(
            "unbalanced_html",
            msg.HTML_STRAY_CLOSE.format(tag=parser.stray),
        )
    return value


# Every single-line field carries this check (Line, Tag, and the shorter kinds beside
# their models); every Markdown field carries PLAIN_CHARACTERS.
ONE_LINE = AfterValidator(_one_line)
PLAIN_CHARACTERS = AfterValidator(_no_control_characters)
BALANCED_HTML = AfterValidator(_balanced_html)
FILTER_VALUE = AfterValidator(_no_filter_separator)

# Length caps keep a pasted novel (or a 5 MB accident) out of the build.
Line = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), ONE_LINE
]
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000),
    PLAIN_CHARACTERS,
    BALANCED_HTML,
]
# Tags and industries are offered as filters in the case library.
Tag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20),
    ONE_LINE,
    FILTER_VALUE,
]
FilterLine = Annotated[Line, FILTER_VALUE]


class StrictModel(BaseModel):
    """A model that refuses unknown keys, so a misspelt field is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Reviewed = Annotated[
    date | None,
    Field(
        description=(
            "最近一次审阅这份内容的日期，例如 2026-11-23；太久没有审阅的内容会在页面上标出。"
        )
    ),
]

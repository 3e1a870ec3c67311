"""YAML with positions: a trainer's file parsed safely, every node's line and column kept.

Part of stage 1 (load): ``read_yaml`` turns a file into plain data plus the place of
each value, so that later stages can report a mistake at its line. Anything YAML can do
that a content file never needs (aliases, custom tags, deep nesting, several documents)
is refused here with a message, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError, ContentErrors, field_label
from generator.messages import files as msg
from generator.yaml_syntax import looks_like_key_slip, syntax_error

MAX_FILE_BYTES = 1_000_000
# The deepest content needs six levels (case → quiz → question → see → link → id). Far
# deeper nesting is a mistake, and a few hundred levels would exhaust the recursion of
# PyYAML's composer (a RecursionError) and of libyaml's (a crash).
MAX_DEPTH = 20
_TOO_DEEP_MESSAGE = msg.TOO_DEEP.format(limit=MAX_DEPTH)

Location = tuple[int, int]  # 1-based line and column


@dataclass
class YamlDocument:
    """A parsed YAML file with the position of every node, keyed by its path of keys."""

    path: Path
    display: str
    data: Any
    value_marks: dict[tuple, Location] = field(default_factory=dict)
    key_marks: dict[tuple, Location] = field(default_factory=dict)
    # Values written as plain text on one line: a character in them is at a known column.
    one_line_plain: set[tuple] = field(default_factory=set)

    def locate(self, loc: tuple, *, key: bool = False) -> Location:
        """Where the node at ``loc`` starts, or its nearest ancestor that exists."""
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while loc not in self.value_marks and loc:
            loc = loc[:-1]
        return self.value_marks.get(loc, (1, 1))

    def error(
        self, loc: tuple, message: str, *, key: bool = False, offset: int = 0
    ) -> ContentError:
        """A mistake at the node ``loc``; ``offset`` points at a character inside a
        one-line plain value (the full-width comma in ``[报修， 上门]``)."""
        line, column = self.locate(loc, key=key)
        if offset and loc in self.one_line_plain:
            column += offset
        return ContentError(self.display, line, column, field_label(loc), message)


# --- YAML with positions -------------------------------------------------------------


def read_yaml(path: Path, display: str) -> YamlDocument:
    """Parse one file; raise ContentErrors for unreadable or malformed YAML."""
    # The size is checked before reading, so a huge file is never read into memory.
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        message = msg.TOO_LARGE.format(size=size, limit=MAX_FILE_BYTES)
        raise ContentErrors([ContentError(display, 1, 1, "", message)])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        # Columns count characters, as in every other message, not bytes.
        column = (
            len(
                raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode(
                    "utf-8-sig", errors="replace"
                )
            )
            + 1
        )
        raise ContentErrors([ContentError(display, line, column, "", msg.NOT_UTF8)]) from None
    if not text.strip() or all(
        ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines()
    ):
        raise ContentErrors([ContentError(display, 1, 1, "", msg.EMPTY)])
    unusable = _UNUSABLE_CHARACTER.search(text)
    if unusable:
        line, column = _line_column(text, unusable.start())
        message = msg.INVISIBLE_CHARACTER.format(code=f"U+{ord(unusable.group()):04X}")
        raise ContentErrors([ContentError(display, line, column, "", message)])

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
# so text with a tab goes the Python way, and so does a file libyaml refuses: the error is
# then worded the way trainers see it. (A character the Python reader refuses never gets
# here: read_yaml refuses it first, _UNUSABLE_CHARACTER being the stricter of the two.)
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
# libyaml's composer recurses on the C stack and crashes the process somewhere past
# 20,000 levels of nesting. Every level needs one of the characters [{-?: , so a text
# with few of them (the shipped files have at most ~400) cannot nest deep enough to hurt;
# any other text goes the Python way, which stops at MAX_DEPTH.
_FAST_MAX_INDICATORS = 1_000


def _compose(text: str, display: str) -> yaml.Node:
    if (
        _FAST_LOADER is not None
        and "\t" not in text
        and sum(text.count(indicator) for indicator in "[{-?:") <= _FAST_MAX_INDICATORS
    ):
        loader = _FAST_LOADER(text)
        try:
            return loader.get_single_node()
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
    loader = _DepthLimitedLoader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise ContentErrors([_syntax_error(display, text, exc)]) from None
    finally:
        loader.dispose()


class _TooDeep(yaml.MarkedYAMLError):
    """Nesting deeper than MAX_DEPTH, at the node that goes one level too far."""


class _DepthLimitedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stopping at MAX_DEPTH before Python's recursion limit does."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(problem="too deep", problem_mark=self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# Control characters make PyYAML raise a ReaderError that has no line; U+0085, U+2028
# and U+2029 are line breaks to PyYAML but not to editors, so later lines would be off.
# One class, with U+2028 and U+2029 left out of the ranges it accepts: an alternation
# made this search five times slower.
_UNUSABLE_CHARACTER = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_column(text: str, index: int) -> Location:
    """The 1-based line and column of ``text[index]``, counting line breaks as PyYAML does."""
    breaks = list(_LINE_BREAK.finditer(text, 0, index))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


def _uses_aliases(text: str) -> bool:
    # Called on text that parsed, so the fast scanner cannot fail here.
    scanner = _FAST_LOADER or yaml.SafeLoader
    return "*" in text and any(
        isinstance(token, yaml.AliasToken) for token in yaml.scan(text, Loader=scanner)
    )


def _alias_errors(display: str, text: str) -> list[ContentError]:
    # Aliases can multiply a few lines into gigabytes (the "billion laughs"), and a
    # trainer never needs them: each one is reported where it is written.
    return [
        ContentError(
            display,
            token.start_mark.line + 1,
            token.start_mark.column + 1,
            "",
            msg.NO_ALIASES,
        )
        for token in yaml.scan(text, Loader=yaml.SafeLoader)
        if isinstance(token, yaml.AliasToken)
    ]


def _syntax_error(display: str, text: str, exc: yaml.MarkedYAMLError) -> ContentError:
    if isinstance(exc, _TooDeep):
        mark = exc.problem_mark
        return ContentError(display, mark.line + 1, mark.column + 1, "", _TOO_DEEP_MESSAGE)
    slip = syntax_error(text, exc)
    return ContentError(display, slip.line, slip.column, "", slip.message)


_STR_TAG, _SEQ_TAG, _MAP_TAG = (
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
)
_MERGE_TAG, _VALUE_TAG = "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"


def _tag_message(node: yaml.Node) -> str:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
    return msg.NO_TAGS.format(tag=tag)


class _NodeBuilder:
    """Turns composed YAML nodes into plain data, recording where each node starts.

    Duplicate keys, which PyYAML would silently overwrite, are refused, and so are tags
    (see ``_plain_tag``); aliases never get here (see ``_alias_errors``).
    """

    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.errors: list[ContentError] = []
        self.constructor = yaml.SafeLoader("")

    def _mark(self, node: yaml.Node) -> Location:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _fail(self, node: yaml.Node, loc: tuple, message: str) -> None:
        line, column = self._mark(node)
        self.errors.append(ContentError(self.doc.display, line, column, field_label(loc), message))

    def build(self, node: yaml.Node, loc: tuple, depth: int = 1) -> Any:
        if depth > MAX_DEPTH:
            # Only libyaml's nodes get here this deep; the Python loader stops at the same
            # node while composing. Either way this is the one error reported.
            line, column = self._mark(node)
            raise ContentErrors(
                [ContentError(self.doc.display, line, column, "", _TOO_DEEP_MESSAGE)]
            )
        start = node.start_mark
        self.doc.value_marks[loc] = start.line + 1, start.column + 1
        if node.tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
            # Most nodes: text, resolved as text. The general way below gives the same.
            if not node.style and start.line == node.end_mark.line:
                self.doc.one_line_plain.add(loc)
            return node.value
        if not self._plain_tag(node):
            self._fail(node, loc, _tag_message(node))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, loc, depth)
        if (
            not node.style and node.start_mark.line == node.end_mark.line
        ):  # libyaml: "", PyYAML: None
            self.doc.one_line_plain.add(loc)
        return self._scalar(node)

    def _sequence(self, node: yaml.SequenceNode, loc: tuple, depth: int) -> list:
        items = [
            self.build(item, loc + (index,), depth + 1) for index, item in enumerate(node.value)
        ]
        # `- principle：p2` among items that are mappings is one of them typed with a
        # full-width colon (or no space): PyYAML reads it as text without complaint.
        if any(isinstance(item, dict) for item in items):
            for index, item in enumerate(items):
                message = looks_like_key_slip(item) if isinstance(item, str) else None
                if message:
                    self._fail(node.value[index], loc + (index,), message)
        return items

    def _plain_tag(self, node: yaml.Node) -> bool:
        """Whether the node is plain data: a tag such as !!python/object/apply:os.system or
        !custom is refused, never constructed (and so never run). A scalar may carry the
        tag it would get anyway (!!str, !!int 3), nothing else."""
        if isinstance(node, yaml.MappingNode):
            return node.tag == _MAP_TAG
        if isinstance(node, yaml.SequenceNode):
            return node.tag == _SEQ_TAG
        return node.tag == _STR_TAG or node.tag == self.constructor.resolve(
            yaml.ScalarNode, node.value, (True, False)
        )

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR_TAG:
            return node.value  # what the constructor would return, without its bookkeeping
        # A bare `<<` or `=` written as a value resolves to a tag PyYAML cannot construct
        # (a ConstructorError); to a trainer it is just text.
        if node.tag in (_MERGE_TAG, _VALUE_TAG):
            return node.value
        try:
            return self.constructor.construct_object(node)
        except ValueError:
            # 2024-13-45 looks like a date but is none (datetime raises ValueError): keep
            # the text, and the model says what the field expects.
            return node.value

    def _mapping(self, node: yaml.MappingNode, loc: tuple, depth: int) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STR_TAG and isinstance(key_node, yaml.ScalarNode):
                key = key_node.value  # as below, sooner: nearly every key is plain text
            elif key_node.tag == _MERGE_TAG:
                self._fail(key_node, loc, msg.NO_MERGE_KEYS)
                continue
            elif not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, loc, msg.KEY_NOT_TEXT)
                continue
            elif not self._plain_tag(key_node):
                self._fail(key_node, loc, _tag_message(key_node))
                continue
            else:
                key = str(self._scalar(key_node))
            if key.startswith("\u3000"):
                # An ideographic space before a key is indentation to the eye, text to YAML.
                self._fail(key_node, loc, msg.IDEOGRAPHIC_INDENT)
                continue
            here = loc + (key,)
            if key in result:
                first = self.doc.key_marks[here]
                self._fail(key_node, here, msg.DUPLICATE_KEY.format(line=first[0]))
                continue
            self.doc.key_marks[here] = self._mark(key_node)
            result[key] = self.build(value_node, here, depth + 1)
        return result

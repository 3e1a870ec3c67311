"""PyYAML's syntax errors, told the way a trainer can act on them (part of stage 1, load).

``read_yaml`` (yaml_source.py) calls ``syntax_error`` when a file does not parse. PyYAML
words its problems in English and often points a line late: ``title：标题`` (a full-width
colon from a Chinese input method) is reported on the next line as "could not find
expected ':'". Here the slips of a Chinese keyboard are looked for first, on the lines
around the error, and named with the character to replace; every other problem gets a
Chinese message with a hint, and indentation problems say how many spaces were expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from generator.messages import files as msg

# A field name as trainers type it at the start of a line, after any list dashes.
_KEY_START = r"^[ ]*(?:-[ ]+)*"
_KEY = r"([A-Za-z_][A-Za-z0-9_-]*)"


@dataclass(frozen=True)
class Slip:
    """A typing slip at a 1-based line and column, with what to do about it."""

    line: int
    column: int
    message: str


# --- slips of a Chinese input method ------------------------------------------------------

_SLIPS = [
    # (pattern, group whose start is the slip, message template using the match)
    (re.compile(r"^ *(\u3000)"), 1, lambda m: msg.IDEOGRAPHIC_INDENT),
    (
        re.compile(r"^[ ]*(?:-[ ]+)*-(\u3000)"),
        1,
        lambda m: msg.IDEOGRAPHIC_AFTER_DASH,
    ),
    (
        re.compile(_KEY_START + _KEY + r"[ \u3000]*(：)"),
        2,
        lambda m: msg.WIDE_COLON.format(key=m.group(1)),
    ),
    (
        re.compile(_KEY_START + _KEY + r":(\u3000)"),
        2,
        lambda m: msg.IDEOGRAPHIC_AFTER_COLON.format(key=m.group(1)),
    ),
    (
        re.compile(_KEY_START + _KEY + r"(:)(?=[^\s:/\\])"),
        2,
        lambda m: msg.NO_SPACE_AFTER_COLON.format(key=m.group(1)),
    ),
]


def slip_in_line(text: str, number: int) -> Slip | None:
    """The first typing slip on one line (``number`` 1-based), if any."""
    for pattern, group, message in _SLIPS:
        match = pattern.match(text)
        if match:
            return Slip(number, match.start(group) + 1, message(match))
    return None


def looks_like_key_slip(value: str) -> str | None:
    """A message when a plain value is really ``key：value`` or ``key:value`` typed as one word."""
    slip = slip_in_line(value, 1)
    return slip.message if slip and slip.column > 1 else None


# --- the error --------------------------------------------------------------------------


def syntax_error(text: str, exc: yaml.MarkedYAMLError) -> Slip:
    """Where the trainer should look, and what to change, for a file PyYAML refused."""
    lines = _LINE_BREAK.split(text)
    continued = _continuation_lines(text)
    problem_line = exc.problem_mark.line + 1 if exc.problem_mark else None
    context_line = exc.context_mark.line + 1 if exc.context_mark else None
    slip = _slip_near(lines, continued, [n for n in (context_line, problem_line) if n])
    if slip is not None:
        return slip
    return _explain(lines, continued, exc)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _slip_near(lines: list[str], continued: set[int], numbers: list[int]) -> Slip | None:
    """A slip on the lines PyYAML names or the line before: a slip is reported where it
    was typed, however late the parser noticed it."""
    candidates: set[int] = set()
    for number in numbers:
        candidates.add(number)
        previous = _previous_content_line(lines, continued, number)
        if previous:
            candidates.add(previous)
    for number in sorted(candidates):
        if number <= len(lines) and number not in continued and not _is_comment(lines[number - 1]):
            slip = slip_in_line(lines[number - 1], number)
            if slip is not None:
                return slip
    return None


def _explain(lines: list[str], continued: set[int], exc: yaml.MarkedYAMLError) -> Slip:
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    here = lines[line - 1] if line <= len(lines) else ""
    if "'\\t'" in problem or "tab character" in problem:
        return Slip(line, column, msg.TAB_INDENT)
    if context.startswith("while scanning a quoted scalar") and exc.context_mark:
        # PyYAML points past the last line (or at a later ---); the mistake is the quote.
        opening = exc.context_mark
        return Slip(opening.line + 1, opening.column + 1, msg.UNCLOSED_QUOTE)
    if "expected a single document" in context:
        return Slip(line, column, msg.ONE_DOCUMENT)
    if problem == "could not find expected ':'" and exc.context_mark:
        where = exc.context_mark
        return Slip(where.line + 1, where.column + 1, msg.MISSING_COLON)
    if problem == "mapping values are not allowed here":
        if re.search(r":(\s|$)", here[: column - 1]):
            return Slip(line, column, msg.COLON_IN_VALUE)
        return _indentation(lines, continued, line)
    if problem.startswith("expected <block end>, but found"):
        before = here[: column - 1].rstrip()
        if problem.endswith("'<scalar>'") and before.endswith(("'", '"')):
            return Slip(line, column, msg.TEXT_AFTER_QUOTE)
        if problem.endswith(("']'", "'}'")):
            bracket = problem[-2]
            return Slip(line, column, msg.STRAY_BRACKET.format(bracket=bracket))
        return _indentation(lines, continued, line)
    for closing in ("]", "}"):
        if problem.startswith(f"expected ',' or '{closing}'") and exc.context_mark:
            opening = exc.context_mark
            if opening.line + 1 < line:
                message = msg.UNCLOSED_BRACKET.format(
                    opening="[" if closing == "]" else "{", closing=closing
                )
                return Slip(opening.line + 1, opening.column + 1, message)
            return Slip(line, column, msg.BAD_FLOW_ITEM)
    if problem.startswith("expected the node content"):
        return Slip(line, column, msg.MISSING_ITEM)
    if "that cannot start any token" in problem:
        char = here[column - 1] if column <= len(here) else "?"
        return Slip(line, column, msg.BAD_FIRST_CHARACTER.format(char=char))
    if "escape" in problem:
        return Slip(line, column, msg.BACKSLASH)
    if "block scalar" in context:
        return Slip(line, column, msg.TEXT_AFTER_BLOCK_MARK)
    if "alias" in context + problem or "anchor" in context + problem:
        return Slip(line, column, msg.STAR_OR_AMPERSAND)
    if "tag" in context + problem:
        return Slip(line, column, msg.EXCLAMATION)
    if "directive" in context + problem or problem.startswith("expected '<document start>'"):
        return Slip(line, column, msg.EXTRA_CONTENT)
    return Slip(line, column, msg.SYNTAX_GENERIC)


# --- indentation ------------------------------------------------------------------------


def _indentation(lines: list[str], continued: set[int], number: int) -> Slip:
    """Which columns the lines above open, and how far this line is from the nearest."""
    target = lines[number - 1]
    indent = _indent_of(target)
    columns = _open_columns(lines, continued, number)
    if not columns:
        message = msg.INDENT_EXPECTED.format(indent=indent, options=msg.INDENT_NONE)
        return Slip(number, indent + 1, message)
    if indent in columns:
        above, word = columns[indent]
        if target[indent:].startswith("-") and word != "-":
            message = msg.DASH_BESIDE_FIELD.format(line=above, word=word)
        elif word == "-":
            message = msg.ALIGNED_WITH_DASH.format(line=above, spaces=indent + 2)
        else:
            message = msg.DOES_NOT_FOLLOW.format(line=above, word=word)
        return Slip(number, indent + 1, message)
    if not target[indent:].startswith("-"):
        # A field is not written under a dash: align it with the fields, when there are any.
        columns = {column: at for column, at in columns.items() if at[1] != "-"} or columns
    nearest = sorted(columns, key=lambda column: (abs(column - indent), column))
    best = [column for column in nearest if abs(column - indent) == abs(nearest[0] - indent)]
    options = msg.INDENT_OR.join(
        msg.INDENT_OPTION.format(spaces=column, line=columns[column][0], word=columns[column][1])
        for column in best
    )
    return Slip(number, indent + 1, msg.INDENT_EXPECTED.format(indent=indent, options=options))


def _open_columns(lines: list[str], continued: set[int], number: int) -> dict[int, tuple[int, str]]:
    """Column → (line, word) of each block open at ``number``: the keys and list dashes a
    line there may align with, the nearest line for each column."""
    columns: dict[int, tuple[int, str]] = {}
    limit = None
    for above in range(number - 1, 0, -1):
        text = lines[above - 1]
        if above in continued or not text.strip() or _is_comment(text):
            continue
        indent = _indent_of(text)
        if limit is not None and indent > limit:
            continue  # inside an earlier sibling, closed by now
        column, rest = indent, text[indent:]
        while rest.startswith("-") and rest[1:2] in ("", " "):
            columns.setdefault(column, (above, "-"))
            item = rest[1:].lstrip(" ")
            column += len(rest) - len(item)
            rest = item
        if rest:
            key = re.match(r"([^:#]+?):(\s|$)", rest)
            columns.setdefault(column, (above, (key.group(1) if key else rest)[:12]))
        limit = indent
        if indent == 0:
            break
    return columns


def _continuation_lines(text: str) -> set[int]:
    """1-based lines that continue a value begun on an earlier line (block scalars, long
    quoted or plain text): their indentation and characters are content, not structure.
    Scanned up to the error, which is as far as lines can be known."""
    lines: set[int] = set()
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.end_mark.line > token.start_mark.line:
                last = token.end_mark.line + (1 if token.end_mark.column > 0 else 0)
                lines.update(range(token.start_mark.line + 2, last + 1))
    except yaml.YAMLError:
        pass
    return lines


def _previous_content_line(lines: list[str], continued: set[int], number: int) -> int | None:
    for above in range(number - 1, 0, -1):
        text = lines[above - 1]
        if text.strip() and not _is_comment(text):
            return None if above in continued else above
    return None


def _indent_of(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _is_comment(text: str) -> bool:
    return text.lstrip(" \u3000").startswith("#")

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

TAB_MESSAGE = "不能用 Tab 缩进，请改用空格"
IDEOGRAPHIC_INDENT = "行首的“　”是全角空格：缩进只能用英文（半角）空格，请把它换掉"
_GENERIC = "YAML 写法有误：请检查这一行和上一行的冒号、引号、括号和缩进"

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
    (re.compile(r"^ *(\u3000)"), 1, lambda m: IDEOGRAPHIC_INDENT),
    (
        re.compile(r"^[ ]*(?:-[ ]+)*-(\u3000)"),
        1,
        lambda m: "“-”后面的“　”是全角空格：请换成英文空格",
    ),
    (
        re.compile(_KEY_START + _KEY + r"[ \u3000]*(：)"),
        2,
        lambda m: f"“：”是全角（中文）冒号：字段名后面要用英文冒号加空格，写成 {m.group(1)}: …",
    ),
    (
        re.compile(_KEY_START + _KEY + r":(\u3000)"),
        2,
        lambda m: f"冒号后面的“　”是全角空格：请换成英文空格，写成 {m.group(1)}: …",
    ),
    (
        re.compile(_KEY_START + _KEY + r"(:)(?=[^\s:/\\])"),
        2,
        lambda m: f"冒号后面少了一个空格：写成 {m.group(1)}: …（英文冒号加空格）",
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
        return Slip(line, column, TAB_MESSAGE)
    if context.startswith("while scanning a quoted scalar") and exc.context_mark:
        # PyYAML points past the last line (or at a later ---); the mistake is the quote.
        opening = exc.context_mark
        return Slip(
            opening.line + 1,
            opening.column + 1,
            "引号没有配对：从这里开始的引号直到文件末尾都没有结束",
        )
    if "expected a single document" in context:
        return Slip(line, column, "一个文件只能有一个 YAML 文档（不要用 ---  分隔多个）")
    if problem == "could not find expected ':'" and exc.context_mark:
        where = exc.context_mark
        return Slip(
            where.line + 1,
            where.column + 1,
            "这一行缺少“: ”：字段要写成 名称: 内容（英文冒号加空格）；"
            "如果这一行是上一行内容的延续，请比上一行的字段名多缩进两格",
        )
    if problem == "mapping values are not allowed here":
        if re.search(r":(\s|$)", here[: column - 1]):
            return Slip(
                line,
                column,
                "这个值里有“: ”（英文冒号加空格），会被当作新的字段：请给整个值加上引号，或改用中文冒号“：”",
            )
        return _indentation(lines, continued, line)
    if problem.startswith("expected <block end>, but found"):
        before = here[: column - 1].rstrip()
        if problem.endswith("'<scalar>'") and before.endswith(("'", '"')):
            return Slip(
                line,
                column,
                "引号后面还有文字：值中间的引号让它提前结束了，请去掉外面的引号，或换用另一种引号（\" 或 '）",
            )
        if problem.endswith(("']'", "'}'")):
            bracket = problem[-2]
            return Slip(line, column, f"多了一个“{bracket}”：前面没有与它配对的括号")
        return _indentation(lines, continued, line)
    for closing in ("]", "}"):
        if problem.startswith(f"expected ',' or '{closing}'") and exc.context_mark:
            opening = exc.context_mark
            if opening.line + 1 < line:
                return Slip(
                    opening.line + 1,
                    opening.column + 1,
                    f"“{'[' if closing == ']' else '{'}”没有配对的“{closing}”：请在这一行的末尾补上“{closing}”，各项之间用英文逗号“,”分隔",
                )
            return Slip(
                line,
                column,
                "括号里这一处写法不对：各项之间要用英文逗号“,”分隔，含“:”“[”“{”等符号的项请加引号",
            )
    if problem.startswith("expected the node content"):
        return Slip(
            line, column, "这里缺少内容：两个逗号之间、或“-”“:”后面应该有一项；多余的逗号请删掉"
        )
    if "that cannot start any token" in problem:
        char = here[column - 1] if column <= len(here) else "?"
        return Slip(line, column, f'“{char}”不能作为值的开头：请给整个值加上引号，例如 "{char}…"')
    if "escape" in problem:
        return Slip(
            line, column, "双引号里的“\\”是转义符：请改用单引号把整个值括起来，或把“\\”写成“\\\\”"
        )
    if "block scalar" in context:
        return Slip(line, column, "“|”或“>”后面不能接着写内容：请换行，把内容缩进两格写在下面")
    if "alias" in context + problem or "anchor" in context + problem:
        return Slip(
            line, column, '以“*”或“&”开头的值要加引号（YAML 把它们当作别名或锚点），例如 "*重要*"'
        )
    if "tag" in context + problem:
        return Slip(line, column, "不支持 YAML 标签（以“!”开头）：以“!”开头的文字请加引号")
    if "directive" in context + problem or problem.startswith("expected '<document start>'"):
        return Slip(
            line,
            column,
            "这里多出了内容：上面的内容已经结束了，请检查这一行的缩进和上面是否多了括号或“...”",
        )
    return Slip(line, column, _GENERIC)


# --- indentation ------------------------------------------------------------------------


def _indentation(lines: list[str], continued: set[int], number: int) -> Slip:
    """Which columns the lines above open, and how far this line is from the nearest."""
    target = lines[number - 1]
    indent = _indent_of(target)
    columns = _open_columns(lines, continued, number)
    if not columns:
        return Slip(number, indent + 1, f"缩进不一致：这一行缩进了 {indent} 个空格，应为 0 个")
    if indent in columns:
        above, word = columns[indent]
        if target[indent:].startswith("-") and word != "-":
            message = f"列表项“- ”不能和第 {above} 行的“{word}”写在同一层：请把它写在某个字段下面，并多缩进两格"
        elif word == "-":
            message = (
                f"这一行与第 {above} 行的列表项“-”对齐，却不以“- ”开头：属于那一项的话，请再缩进两格"
                f"（{indent + 2} 个空格）；是新的一项的话，请在前面加“- ”"
            )
        else:
            message = f"这一行接不上上面的内容：请检查它和第 {above} 行“{word}”的缩进"
        return Slip(number, indent + 1, message)
    if not target[indent:].startswith("-"):
        # A field is not written under a dash: align it with the fields, when there are any.
        columns = {column: at for column, at in columns.items() if at[1] != "-"} or columns
    nearest = sorted(columns, key=lambda column: (abs(column - indent), column))
    best = [column for column in nearest if abs(column - indent) == abs(nearest[0] - indent)]
    options = "或 ".join(
        f"{column} 个（与第 {columns[column][0]} 行的“{columns[column][1]}”对齐）"
        for column in best
    )
    return Slip(number, indent + 1, f"缩进不一致：这一行缩进了 {indent} 个空格，应为 {options}")


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

"""The one error type for content mistakes, shared by every stage of the pipeline.

A mistake in a trainer's file is never an exception with a traceback: each stage
collects ``ContentError`` values and raises them together as ``ContentErrors``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.messages import content as msg


@dataclass(frozen=True, order=True)
class ContentError:
    """One mistake in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ContentErrors(Exception):
    """All content mistakes found in one run, sorted by file and line."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(error) for error in self.errors]
        lines.append(msg.ERROR_COUNT.format(count=len(self.errors)))
        return "\n".join(lines)


def field_label(loc: tuple) -> str:
    """A field's place as a trainer counts, from 1 and in words:
    ("quiz", 0, "see", 1, "case") → "quiz 第 1 题 › see 第 2 项 › case"."""
    parts: list[str] = []
    for position, part in enumerate(loc):
        if isinstance(part, int) and not isinstance(part, bool):
            word = (
                msg.ITEM_WORDS.get(loc[position - 1], msg.ITEM_WORD) if position else msg.ITEM_WORD
            )
            item = msg.ITEM_PLACE.format(number=part + 1, word=word)
            if parts:
                parts[-1] += " " + item
            else:
                parts.append(item)
        else:
            parts.append(str(part))
    return " › ".join(parts)


def display_path(path: Path, root: Path) -> str:
    """The path as a trainer would type it: relative to the project, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()

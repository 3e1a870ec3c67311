"""The page the preview shows while content has mistakes: every mistake with its file, line,
the line itself and a caret, in Chinese, as Hugo's server and Vite's overlay do.

Pure: errors and the project root in, HTML out. The MkDocs adapter serves it for every
address until the files are fixed; the page then reloads itself into the content.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError
from generator.render.templating import render_template


@dataclass(frozen=True)
class ErrorView:
    error: ContentError
    source_line: str | None  # the offending line as written, when it can be read
    pad: str  # what goes before the caret under it: wide characters take two columns


def error_page(errors: list[ContentError], root: Path, poll_url: str) -> str:
    """The whole HTML page; ``poll_url`` is the live-reload address that says when to reload."""
    views = [_view(error, root) for error in sorted(set(errors))]
    files = len({error.path for error in errors})
    return render_template("error-page.html.j2", errors=views, files=files, poll_url=poll_url)


def _view(error: ContentError, root: Path) -> ErrorView:
    line = _source_line(root / error.path, error.line)
    before = (line or "")[: max(error.column - 1, 0)]
    pad = "".join(
        "\u3000" if unicodedata.east_asian_width(char) in "WF" else " " for char in before
    )
    return ErrorView(error, line, pad)


def _source_line(path: Path, number: int) -> str | None:
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            for current, text in enumerate(file, start=1):
                if current == number:
                    return text.rstrip("\r\n")
    except OSError:
        return None
    return None

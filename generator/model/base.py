"""Shared building blocks of the content models: strict models and the field types.

Field descriptions are written for trainers: they become tooltips in the editor
through the published JSON Schema.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# An id is also a URL segment, so it is kept to lowercase ASCII words joined by hyphens:
# no slashes, dots or spaces can ever reach a file path.
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=64),
    Field(description="编号：小写英文字母、数字和连字符，例如 sand-pit；同时用作网址。"),
]

# Length caps keep a pasted novel (or a 5 MB accident) out of the build.
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]


class StrictModel(BaseModel):
    """A model that refuses unknown keys, so a misspelt field is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Reviewed = Annotated[
    date | None,
    Field(description="最近一次审阅这份内容的日期，例如 2026-11-23；太久没有审阅的内容会在页面上标出。"),
]

"""The session plan: one YAML file in sessions/, a page for trainers and a one-page printout.

A plan is a timed agenda of blocks; each block names the lesson, case, question bank or
role-play it uses, and those links are checked like every other (generator/check.py).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.messages import fields as msg
from generator.model.base import Line, Markdown, Reviewed, Slug, StrictModel

BLOCK_KINDS = ("lesson", "case", "discussion", "role_play", "quiz")
# What each kind of block must link to (one of them), in the order offered in messages.
BLOCK_LINKS: dict[str, tuple[str, ...]] = {
    "lesson": ("lesson",),
    "case": ("case",),
    "discussion": ("case", "lesson", "procedure"),
    "role_play": ("case",),
    "quiz": ("bank", "case"),
}
_LINK_FIELDS = ("lesson", "case", "bank", "procedure")


class AgendaBlock(StrictModel):
    """One timed block of a session: what happens, for how long, with which material."""

    minutes: int = Field(ge=1, le=240, description="这一段用多少分钟，例如 20。")
    kind: Literal["lesson", "case", "discussion", "role_play", "quiz"] = Field(
        description=(
            "类型：lesson 讲授（写 lesson）；case 案例研读（写 case）；"
            "discussion 讨论（写 case、lesson 或 procedure）；"
            "role_play 角色扮演（写 case，案例要有 role_play）；"
            "quiz 测验（写 bank 题库，或 case 用案例的测验）。"
        )
    )
    title: Line = Field(description="这一段的名称，印在议程上，例如 投诉处理七项原则。")
    lesson: Slug | None = Field(
        default=None, description="用到的课程：content/lessons/ 中的文件名（不带 .md）。"
    )
    case: Slug | None = Field(default=None, description="用到的案例编号，见 cases/。")
    bank: Slug | None = Field(default=None, description="用到的题库编号，见 questions/。")
    procedure: Slug | None = Field(default=None, description="用到的流程编号，见 procedures/。")
    notes: Markdown | None = Field(
        default=None, description="给培训师的做法提示：怎样开场、分组、收尾（Markdown）。"
    )

    @model_validator(mode="after")
    def _link_fits_kind(self) -> AgendaBlock:
        allowed = BLOCK_LINKS[self.kind]
        given = [name for name in _LINK_FIELDS if getattr(self, name) is not None]
        name = msg.BLOCK_NAMES[self.kind]
        if not any(link in allowed for link in given):
            fields = msg.BLOCK_FIELDS_JOIN.join(allowed)
            raise PydanticCustomError(
                "block_link", msg.BLOCK_NEEDS_LINK.format(name=name, fields=fields)
            )
        if self.kind == "quiz" and self.bank is not None and self.case is not None:
            raise PydanticCustomError("block_link", msg.QUIZ_BLOCK_ONE_SOURCE)
        return self

    @property
    def links(self) -> list[tuple[str, str]]:
        """(field, id) of every item the block names, in field order."""
        return [
            (name, getattr(self, name)) for name in _LINK_FIELDS if getattr(self, name) is not None
        ]


class Material(StrictModel):
    """One thing to print or bring for a session: a site printout, or anything else."""

    checklist: Slug | None = Field(default=None, description="打印某个流程的检查表：填流程编号。")
    form: Slug | None = Field(
        default=None, description="打印某张表单：填表单编号，例如 complaint-record。"
    )
    quiz_sheet: Slug | None = Field(default=None, description="打印某个题库的试卷：填题库编号。")
    role_play: Slug | None = Field(
        default=None, description="打印某个案例的角色扮演卡：填案例编号（案例要有 role_play）。"
    )
    case: Slug | None = Field(default=None, description="打印某个案例的全文：填案例编号。")
    item: Line | None = Field(default=None, description="其他要准备的东西，例如 计时器、白板笔。")
    copies: Line | None = Field(default=None, description="份数，例如 每人一份、每组一套。")

    @model_validator(mode="after")
    def _one_thing(self) -> Material:
        given = [name for name in MATERIAL_KINDS if getattr(self, name) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "material_shape",
                msg.MATERIAL_ONE_THING,
            )
        return self

    @property
    def target(self) -> tuple[str, str]:
        name = next(name for name in MATERIAL_KINDS if getattr(self, name) is not None)
        return name, getattr(self, name)


MATERIAL_KINDS = ("checklist", "form", "quiz_sheet", "role_play", "case", "item")


class Session(StrictModel):
    """A training session plan: goal, audience, a timed agenda and what to print."""

    id: Slug = Field(
        description="培训计划编号，必须与文件名一致，也是页面的网址，例如 complaint-first-contact。"
    )
    title: Line = Field(description="培训名称，例如 第一次接待投诉。")
    goal: Markdown = Field(description="培训目标：学员结束时能做到什么（Markdown）。")
    audience: Line = Field(description="对象，例如 入职一个月内的前台客服，8～16 人。")
    duration: int = Field(
        ge=10, le=480, description="总时长（分钟），必须等于议程各段分钟数之和，例如 90。"
    )
    stage: Line | None = Field(
        default=None, description="对应学习路线的哪一步，例如 第三步：处理投诉。"
    )
    preparation: list[Line] = Field(
        default_factory=list, description="培训前要做的准备，逐条列出。"
    )
    agenda: list[AgendaBlock] = Field(min_length=1, description="议程：按时间顺序排列的各段。")
    materials: list[Material] = Field(default_factory=list, description="要打印或准备的材料。")
    reviewed: Reviewed = None

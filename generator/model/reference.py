"""Reference data: the fixed lists that cases and questions point into.

Each kind lives in its own file under reference/ (principles.yml, ...); the file gives
the page title and introduction and then the entries.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import Field

from generator.model.base import Line, Markdown, Slug, StrictModel


class Principle(StrictModel):
    """One of the seven principles of complaint handling."""

    id: Slug = Field(description="原则编号，例如 p1。")
    number: int = Field(ge=1, le=99, description="序号（第几条原则）。")
    title: Line = Field(description="原则的简短表述。")
    explanation: Markdown = Field(description="这条原则的含义和做法（Markdown）。")


class ComplaintCategory(StrictModel):
    """A kind of complaint in property management, with what to do about it."""

    id: Slug = Field(description="类别编号，例如 facilities。")
    title: Line = Field(description="类别名称。")
    description: Markdown = Field(description="这一类投诉指什么（Markdown）。")
    examples: list[Line] = Field(default_factory=list, description="典型例子。")
    countermeasures: list[Markdown] = Field(default_factory=list, description="应对措施。")


class CustomerType(StrictModel):
    """A difficult-customer type and the tactic that works with it."""

    id: Slug = Field(description="类型编号，例如 intimidating。")
    title: Line = Field(description="类型名称。")
    signs: Markdown = Field(description="怎样认出这类客户。")
    tactics: list[Markdown] = Field(min_length=1, description="应对方法。")


class PersonalityType(StrictModel):
    """A personality type of emotional customers, and how to talk with it."""

    id: Slug = Field(description="类型编号。")
    title: Line = Field(description="类型名称。")
    signs: Markdown = Field(description="这类客户的表现。")
    tactics: list[Markdown] = Field(min_length=1, description="沟通方法。")


class ComplainantPsychology(StrictModel):
    """What a complaining customer wants, underneath what they say."""

    id: Slug = Field(description="编号。")
    title: Line = Field(description="心理名称，例如 求尊重心理。")
    description: Markdown = Field(description="这种心理的表现。")
    response: Markdown = Field(description="接待时怎样回应这种心理。")


class ComplaintValue(StrictModel):
    """One of the kinds of value a complaint brings to the company."""

    id: Slug = Field(description="编号。")
    title: Line = Field(description="价值名称。")
    description: Markdown = Field(description="说明（Markdown）。")


class ForbiddenPhrase(StrictModel):
    """A phrase staff must never say, and a better thing to say instead."""

    id: Slug = Field(description="禁语编号。")
    phrase: Line = Field(description="禁止说的话。")
    why: Markdown = Field(description="为什么不能这样说。")
    instead: Markdown = Field(description="可以改为怎样说。")


class GlossaryTerm(StrictModel):
    """A term of the trade, defined in one or two sentences."""

    id: Slug = Field(description="术语编号。")
    term: Line = Field(description="术语。")
    aliases: list[Line] = Field(
        default_factory=list, description="正文中的其他写法，也会链接到这个术语。"
    )
    definition: Markdown = Field(description="释义。")


Entry = TypeVar(
    "Entry",
    Principle,
    ComplaintCategory,
    CustomerType,
    PersonalityType,
    ComplainantPsychology,
    ComplaintValue,
    ForbiddenPhrase,
    GlossaryTerm,
)


class ReferenceFile(StrictModel, Generic[Entry]):
    """A reference file: the page it becomes, then its entries."""

    title: Line = Field(description="参考页面的标题。")
    intro: Markdown | None = Field(default=None, description="页面开头的说明（Markdown）。")
    entries: list[Entry] = Field(description="条目列表。")

"""The case study: one YAML file in cases/, one page on the site."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.model.base import FilterLine, Reviewed, Line, Markdown, Slug, StrictModel, Tag
from generator.model.question import Question


class PrincipleUse(StrictModel):
    """How a case relates to one principle of complaint handling."""

    principle: Slug = Field(description="原则编号，见 reference/principles.yml，例如 p2。")
    verdict: Literal["applied", "broken"] = Field(
        description="applied：本案做到了这条原则；broken：本案违背了这条原则。"
    )
    note: Markdown = Field(description="本案中具体是怎样做到或违背的（Markdown）。")


class DiscussionQuestion(StrictModel):
    """A question for group discussion, with notes only the trainer sees in print."""

    question: Markdown = Field(description="小组讨论题。")
    trainer_notes: Markdown = Field(description="给培训师的提示：讨论要引导到哪些要点。")


class Case(StrictModel):
    """A case study from the source material, told in our own words."""

    id: Slug = Field(description="案例编号，必须与文件名一致（sand-pit.yml 的编号是 sand-pit）。")
    title: Line = Field(description="案例标题。")
    summary: Line = Field(description="一句话概括，显示在案例库列表中。")
    industry: FilterLine = Field(description="行业，例如 物业、工程机械、航空、通信。")
    source: Line = Field(description="出处：来自哪份培训资料。")
    tags: list[Tag] = Field(default_factory=list, description="标签，用于在案例库中筛选。")
    complaint_categories: list[Slug] = Field(
        default_factory=list,
        description="本案属于的投诉类别编号，见 reference/complaint-categories.yml。",
    )
    customer_types: list[Slug] = Field(
        default_factory=list,
        description="本案中的难缠客户类型编号，见 reference/customer-types.yml。",
    )
    forbidden_phrases: list[Slug] = Field(
        default_factory=list,
        description="本案中有人说出的客户服务禁语编号，见 reference/forbidden-phrases.yml，例如 ask-developer。",
    )
    principles: list[PrincipleUse] = Field(
        default_factory=list, description="本案做到或违背的投诉处理原则。"
    )
    scenario: Markdown = Field(description="案情经过（Markdown）。")
    went_wrong: list[Markdown] = Field(default_factory=list, description="做得不对的地方。")
    went_right: list[Markdown] = Field(default_factory=list, description="做得对的地方。")
    handling: Markdown | None = Field(default=None, description="事后是怎样处理的（Markdown）。")
    prevention: list[Markdown] = Field(default_factory=list, description="预防措施。")
    lessons: list[Markdown] = Field(default_factory=list, description="本案的启示。")
    discussion: list[DiscussionQuestion] = Field(
        default_factory=list, description="小组讨论题及培训师提示。"
    )
    related_cases: list[Slug] = Field(default_factory=list, description="相关案例的编号。")
    reviewed: Reviewed = None
    quiz: list[Question] = Field(default_factory=list, description="本案例的测验题。")
    related_procedures: list[Slug] = Field(default_factory=list, description="相关流程的编号，见 procedures/。")

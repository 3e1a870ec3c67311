"""The case study: one YAML file in cases/, one page on the site."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.model.base import FilterLine, Line, Markdown, Reviewed, Slug, StrictModel, Tag
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


class RoleCard(StrictModel):
    """What one player of a role-play is told: who they are, what they want, how to act."""

    role: Line = Field(description="扮演谁，例如 801 业主陈女士（夜班护士）。")
    brief: Markdown = Field(
        description="交给扮演者的情况说明：他知道什么、心里怎么想（Markdown）。"
    )
    aims: list[Line] = Field(default_factory=list, description="这个角色想达到的目的，逐条列出。")
    cues: list[Line] = Field(
        default_factory=list,
        description="表演提示：什么时候更生气、什么时候可以缓和下来，逐条列出。",
    )


class RolePlay(StrictModel):
    """A role-play of the case: a customer card, a staff card and an observer sheet."""

    setting: Markdown = Field(
        description="场景：开始前念给全组听的情况（地点、时间、发生了什么）。"
    )
    minutes: int = Field(default=10, ge=3, le=60, description="表演时长（分钟），默认 10。")
    customer: RoleCard = Field(description="客户卡：发给扮演客户的学员。")
    staff: RoleCard = Field(description="员工卡：发给扮演客服人员的学员。")
    principles: list[Slug] = Field(
        default_factory=list,
        description=(
            "观察员要盯住的投诉处理原则编号（见 reference/principles.yml）；"
            "不写则用本案的 principles。"
        ),
    )
    forbidden_phrases: list[Slug] = Field(
        default_factory=list,
        description=(
            "观察员要留意的服务禁语编号（见 reference/forbidden-phrases.yml）；"
            "不写则用本案的 forbidden_phrases。"
        ),
    )
    observe: list[Line] = Field(
        min_length=1, description="观察员要记录的具体做法，逐条列出，例如 是否说清了回电时间。"
    )
    debrief: list[Line] = Field(
        default_factory=list, description="表演结束后的复盘问题，逐条列出。"
    )


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
        description=(
            "本案中有人说出的客户服务禁语编号，见 reference/forbidden-phrases.yml，"
            "例如 ask-developer。"
        ),
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
    related_procedures: list[Slug] = Field(
        default_factory=list, description="相关流程的编号，见 procedures/。"
    )
    role_play: RolePlay | None = Field(
        default=None, description="角色扮演：客户卡、员工卡和观察员表（培训师用，学员版不含）。"
    )

"""The procedure: one YAML file in procedures/, one page with a swimlane flowchart.

The model checks the shape of each step on its own (a task goes on, a decision branches,
an end stops); whether the steps join up into a sound graph is checked afterwards, in
``generator.procedure_check``, where every problem can be placed at its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from generator.messages import fields as msg
from generator.model.base import ONE_LINE, Line, Markdown, Reviewed, Slug, StrictModel

# A step title is drawn inside a box of the flowchart, so it has to stay short: the
# details belong in `actions` and `details`, which the page lists under the chart.
StepTitle = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30), ONE_LINE
]
BranchLabel = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8), ONE_LINE
]

# More than three ways out of one diamond cannot be drawn legibly (one per free corner);
# a question with more answers reads better as two decisions in a row.
MAX_BRANCHES = 3


class Role(StrictModel):
    """A role that carries out steps: one swimlane of the flowchart."""

    id: Slug = Field(description="角色编号，例如 reception；步骤的 role 字段引用它。")
    name: Line = Field(description="角色名称，显示在泳道顶端，例如 客服接待员。")


@dataclass(frozen=True)
class StepExit:
    """One way out of a step: the step it leads to, the branch's label (None for ``next``)
    and where it is written inside the step (a location as in ``doc.locate``)."""

    target: str
    label: str | None
    field: tuple


class Branch(StrictModel):
    """One way out of a decision step."""

    label: BranchLabel = Field(
        description="分支的说明，画在箭头旁，例如 是、否、不满意（最多 8 个字）。"
    )
    next: Slug = Field(description="选这个分支后进入的步骤编号。")


class Step(StrictModel):
    """One step of a procedure: a task, a decision, or the end."""

    id: Slug = Field(description="步骤编号，在本流程内唯一；也是流程图中方框的链接目标。")
    kind: Literal["task", "decision", "end"] = Field(
        default="task",
        description="task：要做的事（默认）；decision：要判断的问题，有两个或三个分支；end：流程结束。",
    )
    title: StepTitle = Field(
        description="步骤名称，写在流程图的方框里，要简短（最多 30 个字）。判断步骤写成问题。"
    )
    role: Slug = Field(description="由哪个角色执行，填 roles 中的角色编号；决定方框画在哪条泳道。")
    actions: list[Line] = Field(
        default_factory=list, description="要做的事，逐条列出，打印成可勾选的清单。"
    )
    time_limit: Line | None = Field(
        default=None, description="时限，例如 电话铃响三声内接听、五分钟内到达现场。"
    )
    record: list[Line] = Field(default_factory=list, description="这一步要记录的内容。")
    next: Slug | None = Field(
        default=None, description="下一步的步骤编号（task 必填；decision 与 end 不填）。"
    )
    branches: list[Branch] = Field(
        default_factory=list, description="判断步骤的分支，两个或三个（只用于 decision）。"
    )
    details: Markdown | None = Field(
        default=None, description="补充说明（Markdown），显示在步骤卡片中。"
    )

    @property
    def exits(self) -> list[StepExit]:
        """Where this step leads, in the order written: its ``next``, or each branch."""
        if self.next is not None:
            return [StepExit(self.next, None, ("next",))]
        return [
            StepExit(b.next, b.label, ("branches", n, "next")) for n, b in enumerate(self.branches)
        ]

    @property
    def targets(self) -> list[str]:
        """The ids of the steps this one leads to, in the order written."""
        return [exit.target for exit in self.exits]

    @model_validator(mode="after")
    def _shape_fits_kind(self) -> Step:
        # A PydanticCustomError (a ValueError) keeps the message exactly as written,
        # without pydantic's English "Value error, " prefix.
        if self.kind == "task":
            if self.next is None:
                raise _shape_error(msg.TASK_NEEDS_NEXT)
            if self.branches:
                raise _shape_error(msg.TASK_NO_BRANCHES)
        elif self.kind == "decision":
            if self.next is not None:
                raise _shape_error(msg.DECISION_NO_NEXT)
            if len(self.branches) < 2:
                raise _shape_error(msg.DECISION_TWO_BRANCHES)
            if len(self.branches) > MAX_BRANCHES:
                raise _shape_error(msg.DECISION_MAX_BRANCHES.format(limit=MAX_BRANCHES))
        elif self.next is not None or self.branches:
            raise _shape_error(msg.END_NO_EXITS)
        return self


def _shape_error(message: str) -> PydanticCustomError:
    return PydanticCustomError("step_shape", message)


class Procedure(StrictModel):
    """A work procedure, drawn as a swimlane flowchart and printed as a checklist."""

    id: Slug = Field(
        description=(
            "流程编号，必须与文件名一致（complaint-handling.yml 的编号是 complaint-handling）。"
        )
    )
    title: Line = Field(description="流程名称，例如 客户投诉处理流程。")
    purpose: Markdown = Field(description="目的：这个流程要达到什么（Markdown）。")
    scope: Markdown = Field(description="适用范围：什么情况、哪些人用这个流程（Markdown）。")
    roles: list[Role] = Field(min_length=1, description="参与的角色，按泳道从左到右的顺序排列。")
    start: Slug = Field(description="第一步的步骤编号。")
    steps: list[Step] = Field(
        min_length=2,
        description="流程的步骤。按大致的先后顺序书写更易读，但先后由 next 和 branches 决定。",
    )
    forms: list[Slug] = Field(
        default_factory=list, description="流程中用到的表单编号，例如 complaint-record。"
    )
    related_cases: list[Slug] = Field(default_factory=list, description="相关案例的编号。")
    reviewed: Reviewed = None

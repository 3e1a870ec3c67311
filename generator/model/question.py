"""Questions: in question banks (questions/*.yml) and inside cases (a case's `quiz`).

Each question type has its own shape, checked here so that a mistake is reported at the
question's line: a single choice has exactly one right option, a scenario question has
feedback on every reply, an ordering question lists its items in the right order.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from generator.messages import fields as msg
from generator.model.base import ONE_LINE, Line, Markdown, Slug, StrictModel, Tag

OptionText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), ONE_LINE
]

# The question types, each with its Chinese name (a quiz's labels, the CLI's counts; a
# message names the type with 题 after it: 单选题).
QUESTION_TYPES: dict[str, str] = {
    "single": "单选",
    "multiple": "多选",
    "true_false": "判断",
    "ordering": "排序",
    "scenario": "情景",
}
# One quiz page holds every question of its bank (or case) with explanations: past a few
# hundred it is too heavy for a phone and slow to build. A longer bank is split by topic.
MAX_QUESTIONS_PER_QUIZ = 300


class Option(StrictModel):
    """One answer to choose from."""

    text: OptionText = Field(description="选项内容（纯文字）。")
    correct: bool = Field(default=False, description="这是正确（或最好的）选项时写 true。")
    feedback: Markdown | None = Field(
        default=None,
        description="选了这一项之后看到的反馈：为什么对或不对（情景题每个选项都必填）。",
    )


class Link(StrictModel):
    """Where the explanation points back to: exactly one target."""

    case: Slug | None = Field(default=None, description="案例编号。")
    procedure: Slug | None = Field(default=None, description="流程编号。")
    step: Slug | None = Field(default=None, description="流程中的步骤编号（与 procedure 一起用）。")
    lesson: Slug | None = Field(
        default=None, description="课程编号：content/lessons/ 中的文件名（不带 .md）。"
    )
    principle: Slug | None = Field(default=None, description="投诉处理原则编号，例如 p2。")
    complaint_category: Slug | None = Field(default=None, description="投诉类别编号。")
    customer_type: Slug | None = Field(default=None, description="难缠客户类型编号。")
    forbidden_phrase: Slug | None = Field(default=None, description="服务禁语编号。")
    term: Slug | None = Field(default=None, description="术语编号（见 reference/glossary.yml）。")

    @model_validator(mode="after")
    def _one_target(self) -> Link:
        targets = [name for name in _LINK_TARGETS if getattr(self, name) is not None]
        # A step alone is a link without its procedure, not a link to nothing.
        if self.step is not None and self.procedure is None:
            raise PydanticCustomError("link_shape", msg.LINK_STEP_ALONE)
        if len(targets) != 1:
            raise PydanticCustomError("link_shape", msg.LINK_ONE_TARGET)
        return self

    @property
    def target(self) -> tuple[str, str]:
        name = next(name for name in _LINK_TARGETS if getattr(self, name) is not None)
        return name, getattr(self, name)


_LINK_TARGETS = (
    "case",
    "procedure",
    "lesson",
    "principle",
    "complaint_category",
    "customer_type",
    "forbidden_phrase",
    "term",
)


class Question(StrictModel):
    """A quiz question of one of five types."""

    id: Slug = Field(description="题目编号，在全部题库和案例中唯一，例如 principles-01。")
    type: Literal[tuple(QUESTION_TYPES)] = Field(  # type: ignore[valid-type]
        description=(
            "single 单选；multiple 多选；true_false 判断；ordering 排序；"
            "scenario 情景题（客户的话，选最好的回应）。"
        )
    )
    prompt: Markdown = Field(description="题干（Markdown）。")
    customer_says: Markdown | None = Field(
        default=None, description="情景题中客户说的话（只用于 scenario）。"
    )
    options: list[Option] = Field(
        default_factory=list, description="选项（single、multiple、scenario 用）。"
    )
    answer: bool | None = Field(
        default=None, description="判断题的答案：true 对，false 错（只用于 true_false）。"
    )
    items: list[Line] = Field(
        default_factory=list,
        description="排序题的各项，按正确顺序书写；页面上会打乱顺序（只用于 ordering）。",
    )
    fixed_order: bool = Field(
        default=False,
        description=(
            "true：选项按书写顺序显示（例如有“以上都对”时）；"
            "默认打乱成固定的顺序，免得正确答案总在 A。"
        ),
    )
    explanation: Markdown = Field(description="解析：为什么是这个答案（Markdown），答题后显示。")
    see: list[Link] = Field(
        default_factory=list, description="解析指向的课程、案例、流程步骤或参考条目。"
    )
    topics: list[Tag] = Field(
        default_factory=list, description="主题，用于综合练习按主题抽题；不写则用题库的主题。"
    )

    @model_validator(mode="after")
    def _shape_fits_type(self) -> Question:
        if self.type in ("single", "multiple", "scenario"):
            self._check_choices()
        elif self.options:
            raise _shape(msg.QUESTION_NO_OPTIONS.format(name=_type_name(self.type)))
        if self.type == "true_false" and self.answer is None:
            raise _shape(msg.TRUE_FALSE_ANSWER)
        if self.type != "true_false" and self.answer is not None:
            raise _shape(msg.ANSWER_ONLY_TRUE_FALSE)
        if self.type == "ordering" and len(self.items) < 3:
            raise _shape(msg.ORDERING_ITEMS)
        if self.type != "ordering" and self.items:
            raise _shape(msg.ITEMS_ONLY_ORDERING)
        if self.type != "scenario" and self.customer_says is not None:
            raise _shape(msg.CUSTOMER_SAYS_ONLY_SCENARIO)
        return self

    def _check_choices(self) -> None:
        name = _type_name(self.type)
        if len(self.options) < 2:
            raise _shape(msg.TWO_OPTIONS.format(name=name))
        right = sum(option.correct for option in self.options)
        if self.type in ("single", "scenario") and right != 1:
            raise _shape(msg.EXACTLY_ONE_RIGHT.format(name=name, right=right))
        if self.type == "multiple" and right < 1:
            raise _shape(msg.AT_LEAST_ONE_RIGHT.format(name=name))
        if self.type == "scenario" and any(option.feedback is None for option in self.options):
            raise _shape(msg.SCENARIO_FEEDBACK)

    @property
    def correct_indexes(self) -> list[int]:
        return [index for index, option in enumerate(self.options) if option.correct]


def _shape(message: str) -> PydanticCustomError:
    return PydanticCustomError("question_shape", message)


class QuestionBank(StrictModel):
    """A file of questions on one subject: one quiz page, one printed sheet, one answer key."""

    id: Slug = Field(description="题库编号，必须与文件名一致，也是测验页面的网址。")
    title: Line = Field(description="测验名称，例如 投诉处理七项原则。")
    description: Markdown | None = Field(
        default=None, description="测验说明（Markdown），显示在题目前面。"
    )
    topics: list[Tag] = Field(default_factory=list, description="本题库题目的默认主题。")
    lesson: Slug | None = Field(
        default=None,
        description=(
            "这套题所属的课程（content/lessons/ 中的文件名，不带 .md）；课程页末尾会链接到测验。"
        ),
    )
    shuffle: bool = Field(default=False, description="true：每次打开页面时打乱选项顺序。")
    pass_mark: int | None = Field(
        default=None,
        ge=1,
        le=100,
        description=(
            "及格线（答对的百分比），例如 80；测验页和“我的进度”页会显示是否及格。"
            "学前、学后测验用它。"
        ),
    )
    questions: list[Question] = Field(min_length=1, description="题目。")


def _type_name(question_type: str) -> str:
    """The type's name as a message says it: 单选题."""
    return msg.QUESTION_NAME.format(type=QUESTION_TYPES[question_type])

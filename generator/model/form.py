"""The printable record form: a list of fields that procedures point to by id."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.messages import fields as msg
from generator.model.base import Line, Markdown, Slug, StrictModel


class FormField(StrictModel):
    """One field of a printed form: a label and the space left to fill it in."""

    label: Line = Field(description="栏目名称，例如 投诉人姓名。")
    kind: Literal["text", "long_text", "date", "time", "signature", "checkbox_list", "number"] = (
        Field(
            default="text",
            description=(
                "填写方式：text 一行文字（默认）；long_text 多行文字；date 日期；time 时间；"
                "signature 签名；checkbox_list 勾选项（在 options 中列出）；number 数字。"
            ),
        )
    )
    options: list[Line] = Field(
        default_factory=list, description="勾选项（只用于 checkbox_list）。"
    )
    width: Literal["full", "half", "third"] = Field(
        default="full",
        description="打印时占一行的多少：full 整行（默认）、half 半行、third 三分之一行。",
    )
    hint: Line | None = Field(default=None, description="填写提示，以小字印在栏目下方。")

    @model_validator(mode="after")
    def _options_fit_kind(self) -> FormField:
        if self.kind == "checkbox_list" and not self.options:
            raise PydanticCustomError("form_field_shape", msg.CHECKBOX_NEEDS_OPTIONS)
        if self.kind != "checkbox_list" and self.options:
            raise PydanticCustomError("form_field_shape", msg.OPTIONS_ONLY_CHECKBOX)
        return self


class Form(StrictModel):
    """A printable record form, such as the complaint record or the customer-visit record."""

    id: Slug = Field(
        description="表单编号，必须与文件名一致，例如 complaint-record；流程的 forms 字段引用它。"
    )
    title: Line = Field(description="表单名称，例如 客户投诉记录表。")
    purpose: Markdown | None = Field(
        default=None, description="这张表什么时候用、交给谁、保存多久（Markdown）。"
    )
    fields: list[FormField] = Field(min_length=1, description="表单的栏目，按打印顺序排列。")

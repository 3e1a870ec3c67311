"""The trainers' plain prose skips Python-Markdown and comes out exactly as Markdown prints it."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.config import load_config

from generator.render.prose import PLACEHOLDER, Prose, put_back
from generator.render.templating import environment
from tests.conftest import ROOT

CONFIG = load_config(str(ROOT / "mkdocs.yml"))


def html_of(text: str) -> str:
    md = markdown.Markdown(
        extensions=CONFIG["markdown_extensions"], extension_configs=CONFIG["mdx_configs"]
    )
    return md.convert(text)


# A page that puts fields where the case page does: a paragraph, list items (tight, and
# loose where an item has two paragraphs), a note's body, a bold lead-in.
PAGE = """# 标题

{{ a | md }}

- {{ b | md | indent(2) }}
- {{ c | md | indent(2) }}

??? tip "提示"

    {{ d | md | indent(4) }}

**讨论 1.** {{ e | md }}
"""

PLAIN = [
    "业主来电投诉，管理员没有听完就挂了电话。",
    "第一行没有写完，\n接着写第二行。",
    "2.服务作为产品是有偿的 (见附件) ：处理“投诉”！？",
    "第一段。\n\n第二段，\n有两行。",
    "English words, 数字 520 万元; a line with 'quotes' and \"double\" ones.",
]
NOT_PLAIN = [
    "有 **加粗** 的字",
    "有链接 [原则](../reference/principles.md)",
    "1. 列表\n2. 第二项",
    "- 列表项",
    "# 像标题",
    "> 引用",
    "行末两个空格  \n换行",
    "a < b & c",
    "    缩进的代码",
    "第一段。\n\n\n多了一个空行。",
    "`代码`",
]


@pytest.mark.parametrize("text", PLAIN)
def test_a_plain_field_becomes_the_html_markdown_would_make_of_it(text):
    fields = dict(a=text, b=text, c=PLAIN[0], d=text, e=text)
    expected = html_of(environment().from_string(PAGE).render(**fields))
    prose = Prose()
    skeleton = environment().from_string(PAGE).render(prose=prose, **fields)
    assert "\x1aP0\x1a" in skeleton and text.split("\n")[0] not in skeleton
    assert put_back(html_of(skeleton), tuple(prose.lines)) == expected


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_a_field_with_markdown_in_it_goes_to_markdown_as_written(text):
    prose = Prose()
    assert prose.field(text) == text
    assert prose.lines == []


def test_a_field_cannot_hold_a_placeholder(tmp_path):
    # Placeholders are made of a control character every field refuses.
    from pydantic import TypeAdapter, ValidationError

    from generator.model.base import Markdown

    with pytest.raises(ValidationError):
        TypeAdapter(Markdown).validate_python(PLACEHOLDER.format(0))


def test_html_alone_in_a_paragraph_takes_its_place_and_inline_html_the_words():
    prose = Prose()
    block = prose.html("<ul>\n<li>甲</li>\n</ul>")
    inline = prose.html('<a href="x/">乙</a>')
    html = put_back(html_of(f"**标题**\n\n{block}\n\n见：{inline}。"), tuple(prose.lines))
    assert html == (
        '<p><strong>标题</strong></p>\n<ul>\n<li>甲</li>\n</ul>\n<p>见：<a href="x/">乙</a>。</p>'
    )

"""Glossary terms are linked where they are first used, and nowhere they would break."""

from __future__ import annotations

from generator.render.glossary import Term, link_terms

TERMS = [
    Term("crm", ("客户关系管理", "CRM"), "选择和管理客户的业务策略。"),
    Term("complaint", ("投诉",), "客户表达不满。"),
    Term("abnormal", ("非正常投诉",), "超出合理范围的投诉。"),
]
HREF = "../reference/glossary.md"


def test_first_mention_of_each_term_is_linked_once():
    out = link_terms(
        "客户关系管理很重要。做好客户关系管理，就能减少投诉。投诉是财富。", TERMS, HREF
    )
    assert out == (
        '[客户关系管理](../reference/glossary.md#crm "选择和管理客户的业务策略。")很重要。'
        "做好客户关系管理，就能减少"
        '[投诉](../reference/glossary.md#complaint "客户表达不满。")。投诉是财富。'
    )


def test_longer_term_wins_where_terms_overlap():
    out = link_terms("这是一起非正常投诉。", TERMS, HREF)
    assert "[非正常投诉](../reference/glossary.md#abnormal" in out
    assert "[投诉]" not in out


def test_code_headings_links_html_and_attribute_lists_are_left_alone():
    text = "\n".join(
        [
            "# 客户关系管理",
            '`投诉` 和 [CRM 系统](crm.md) 与 <span title="投诉">x</span>{ .投诉 }',
            "```",
            "投诉",
            "```",
            '!!! tip "投诉"',
            "正文里的投诉。",
        ]
    )
    out = link_terms(text, TERMS, HREF).split("\n")
    assert out[:6] == text.split("\n")[:6]
    assert out[6] == '正文里的[投诉](../reference/glossary.md#complaint "客户表达不满。")。'


def test_terms_inside_a_document_title_are_not_linked():
    out = link_terms("见《客户关系管理》培训课件。客户关系管理是策略。", TERMS, HREF)
    assert out.startswith("见《客户关系管理》培训课件。[客户关系管理](")


def test_no_terms_leaves_text_unchanged():
    assert link_terms("投诉", [], HREF) == "投诉"


def test_wrapped_chinese_lines_are_joined_without_a_space():
    from generator.render.cjk import join_wrapped_lines

    html = "<p>管理员急着下班，\n没有耐心听完。\nThe English\nline stays.</p><pre>代码\n保持</pre>"
    assert (
        join_wrapped_lines(html)
        == "<p>管理员急着下班，没有耐心听完。\nThe English\nline stays.</p><pre>代码\n保持</pre>"
    )


def test_a_term_inside_a_longer_one_already_linked_is_linked_at_its_next_mention():
    out = link_terms("这是非正常投诉，又一起非正常投诉。", TERMS, HREF)
    assert out == (
        '这是[非正常投诉](../reference/glossary.md#abnormal "超出合理范围的投诉。")，'
        '又一起非正常[投诉](../reference/glossary.md#complaint "客户表达不满。")。'
    )


def test_a_word_two_terms_share_links_the_first_listed_then_the_other_at_its_next_mention():
    terms = [Term("first", ("回访",), "甲。"), Term("second", ("回访",), "乙。")]
    out = link_terms("先回访，再回访，再回访。", terms, HREF)
    assert out == (
        '先[回访](../reference/glossary.md#first "甲。")，'
        '再[回访](../reference/glossary.md#second "乙。")，再回访。'
    )

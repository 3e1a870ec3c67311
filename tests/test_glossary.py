"""Glossary terms are linked where they are first used, and nowhere they would break."""

from __future__ import annotations

import re

from generator.render.glossary import Term, link_terms

TERMS = [
    Term("crm", ("客户关系管理", "CRM"), "选择和管理客户的业务策略。"),
    Term("complaint", ("投诉",), "客户表达不满。"),
    Term("abnormal", ("非正常投诉",), "超出合理范围的投诉。"),
]
HREF = "../reference/glossary/"


def test_first_mention_of_each_term_is_linked_once():
    out = link_terms(
        "客户关系管理很重要。做好客户关系管理，就能减少投诉。投诉是财富。", TERMS, HREF
    )
    assert out == (
        '<a href="../reference/glossary/#crm" title="选择和管理客户的业务策略。">客户关系管理</a>'
        "很重要。做好客户关系管理，就能减少"
        '<a href="../reference/glossary/#complaint" title="客户表达不满。">投诉</a>。投诉是财富。'
    )


def test_longer_term_wins_where_terms_overlap():
    out = link_terms("这是一起非正常投诉。", TERMS, HREF)
    assert (
        '<a href="../reference/glossary/#abnormal" title="超出合理范围的投诉。">非正常投诉</a>'
        in out
    )
    assert ">投诉</a>" not in out


def test_code_headings_links_note_titles_and_our_chips_are_left_alone():
    kept = [
        '<h2 id="x">客户关系管理</h2>',
        '<p><code>投诉</code> 和 <a href="crm/">CRM 系统</a> 与 <span title="投诉">x</span></p>',
        "<pre><code>投诉\n</code></pre>",
        '<div class="admonition tip">\n<p class="admonition-title">投诉</p>',
        '<details class="tip">\n<summary>投诉</summary>',
        '<div class="tk-case-meta"><p><a href="x/">投诉</a><span>CRM</span></p></div>',
        '<p><small class="tk-source">出处：投诉 · <a href="../">返回</a></small></p>',
    ]
    html = "\n".join([*kept, "<p>正文里的投诉。</p></details></div>"])
    out = link_terms(html, TERMS, HREF)
    assert out.startswith("\n".join(kept))
    assert out.endswith(
        '<p>正文里的<a href="../reference/glossary/#complaint" title="客户表达不满。">投诉</a>'
        "。</p></details></div>"
    )


def test_a_definition_with_quotes_and_markup_characters_is_a_whole_title():
    terms = [Term("q", ("回访",), 'A "B" <C> & (D)')]
    out = link_terms("<p>先回访。</p>", terms, HREF)
    assert out == (
        '<p>先<a href="../reference/glossary/#q" title="A “B“ &lt;C&gt; &amp; （D）">回访</a>。</p>'
    )


def test_terms_inside_a_document_title_are_not_linked():
    out = link_terms("<p>见《客户关系管理》培训课件。客户关系管理是策略。</p>", TERMS, HREF)
    assert out.startswith('<p>见《客户关系管理》培训课件。<a href="../reference/glossary/#crm"')


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
        '这是<a href="../reference/glossary/#abnormal" title="超出合理范围的投诉。">非正常投诉'
        '</a>，又一起非正常<a href="../reference/glossary/#complaint" title="客户表达不满。">'
        "投诉</a>。"
    )


def test_a_word_two_terms_share_links_the_first_listed_then_the_other_at_its_next_mention():
    terms = [Term("first", ("回访",), "甲。"), Term("second", ("回访",), "乙。")]
    out = link_terms("先回访，再回访，再回访。", terms, HREF)
    assert out == (
        '先<a href="../reference/glossary/#first" title="甲。">回访</a>，'
        '再<a href="../reference/glossary/#second" title="乙。">回访</a>，再回访。'
    )


def test_built_pages_link_the_first_mention_of_a_term_and_leave_headings_and_chips_alone(
    shipped_site,
):
    lesson = (shipped_site / "lessons" / "complaints-basics" / "index.html").read_text("utf-8")
    link = '<a href="../../reference/glossary/#complaint" title="客户对产品或服务不满意'
    assert lesson.count(link) == 1
    # Only once a term is linked, and never inside a heading.
    assert lesson.count('href="../../reference/glossary/#complaint"') == 1
    heading = re.search(r"<h1[^>]*>.*?</h1>", lesson, re.S).group(0)
    assert "glossary" not in heading
    case = (shipped_site / "cases" / "arnold-bruno" / "index.html").read_text("utf-8")
    chips = re.search(r'<div class="tk-case-meta">.*?</div>', case, re.S).group(0)
    source = re.search(r'<small class="tk-source">.*?</small>', case, re.S).group(0)
    assert "glossary" not in chips + source
    assert case.count('href="../../reference/glossary/#') >= 3

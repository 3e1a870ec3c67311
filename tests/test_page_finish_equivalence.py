"""The per-page finishing steps do what their plain forms do: glossary
links (render/glossary.py), Chinese lines joined (render/cjk.py), the article marked for
Pagefind (upstream/material_search.py) and the copy of a page Pagefind reads (pagefind.py).
Each is held to a plain version of its rule, kept here, on HTML written to trip it and on
many random pages made of such pieces (a fixed seed: the same pages every run)."""

from __future__ import annotations

import random
import re

import pytest

from generator.render.cjk import _BREAK, _PRE, join_wrapped_lines
from generator.render.glossary import (
    _HTML_TOKEN,
    _PROTECTED_TEXT,
    _SKIPPED_CLASS,
    _SKIPPED_ELEMENTS,
    _VOID,
    Term,
    TermLinker,
)
from generator.search_pages import BODY, search_page
from generator.upstream.material_search import ARTICLE, mark_for_pagefind

HREF = "../glossary/"
TERMS = [
    Term("complaint", ("投诉",), "客户表达不满。"),
    Term("abnormal", ("非正常投诉", "非正常"), "超出合理范围的投诉。"),
    Term("crm", ("客户关系管理", "CRM", "客户"), "选择和管理客户的业务策略。"),
    Term("again", ("投诉",), "同一个词的第二个术语。"),
    Term("appeal", ("诉求",), "客户想要的结果。"),
    Term("brand", ("服务品牌", "服务"), "服务的名声。"),
    Term("service", ("客户服务",), "为客户做的事。"),
]


def plain_link(html: str, terms: list[Term], href: str) -> str:
    """The glossary rule token by token, as the linker first did it: the first mention of
    each term in prose (text outside skipped elements, addresses and titles of books) is
    linked; the longest word starting at a place wins, then the term listed first. (The
    definitions of the terms here need no escaping in a title.)"""
    words = sorted({word for term in terms for word in term.words}, key=len, reverse=True)
    pending = [True] * len(terms)

    def link_text(text: str) -> str:
        out, done, position = [], 0, 0
        while any(pending) and position < len(text):
            found = next(
                (
                    (word, number)
                    for word in words
                    if text.startswith(word, position)
                    for number, term in enumerate(terms)
                    if word in term.words and pending[number]
                ),
                None,
            )
            if found is None:
                position += 1
                continue
            word, number = found
            pending[number] = False
            term = terms[number]
            out += [text[done:position], f'<a href="{href}#{term.id}" title="{term.definition}">']
            out.append(f"{word}</a>")
            done = position = position + len(word)
        return "".join(out) + text[done:]

    out, skipped, depth = [], None, 0
    for token in _HTML_TOKEN.finditer(html):
        closing, name = token.group(1), token.group(2)
        if name is not None:
            name = name.lower()
            if skipped is not None:
                if name == skipped:
                    depth += -1 if closing else 1
                    skipped = None if depth == 0 else skipped
            elif not closing and name not in _VOID:
                if name in _SKIPPED_ELEMENTS or _SKIPPED_CLASS.search(token.group(3)):
                    skipped, depth = name, 1
        elif skipped is None and not token.group(0).startswith("<"):
            text, prose = token.group(0), []
            for index, part in enumerate(re.split(f"({_PROTECTED_TEXT.pattern})", text)):
                prose.append(part if index % 2 else link_text(part))
            out.append("".join(prose))
            continue
        out.append(token.group(0))
    # What finditer stepped over: a "<" that opens no comment and no tag, kept as it was.
    rebuilt, position = [], 0
    for token, piece in zip(_HTML_TOKEN.finditer(html), out, strict=True):
        rebuilt += [html[position : token.start()], piece]
        position = token.end()
    return "".join(rebuilt) + html[position:]


LINKER_PIECES = [
    *["投诉", "非正常投诉", "非正常", "诉求", "客户", "客户关系管理", "CRM", "服务品牌", "服务"],
    *["正常", "非", "投", "诉", "。", " ", "\n", ">", "<", "</", "<1>", "< p>", "</>"],
    *["<p>", "</p>", "<div>", "</div>", "</Div>", "<span>", "</span>", "<br>", "<br/>", "<wbr>"],
    *["<a href='x/'>", "</a>", "<A>", "</A >", "<a\n href=x>", "<aa>", "</aa>", "<a-b>", "</a-b>"],
    *["<code>", "</code>", "<CODE>", "<pre>", "</pre>", "<kbd>", "</kbd>", "<svg>", "<svG>"],
    *["</SVG>", "<h2 id=x>", "<H2>", "</h2>", "</h2 >", "<h2x>", "<summary>", "</summary>"],
    *["<textarea>", "</textarea>", "<script>", "</script>", "<style>", "<img alt='投诉'>"],
    *['<p title="<a>">', "<p title='>'>", '<div class="admonition-title">'],
    *["<div class='x tk-source y'>", "<span class=tk-source>", '<p class="admonition-titles">'],
    *['<p xclass="tk-source">', '<p data-class="tk-source">', "<p class=\"a\" title='tk-source'>"],
    *["<DIV class='tk-case-meta'>", "<br class='tk-source'>", "<hr class='tk-source'/>"],
    *['<span class="admonition-title" >', "<!--", "-->", "<!-- 投诉 <code> -->", "<!-->", "<!--->"],
    *["http://x.com/投诉", "https://投诉 ", "《投诉》", "《", "》", "<\u212abd>", "</\u212abd>"],
    *["<bloc\u212a class='tk-source'>", "</block>", "<block>", "</BLOC\u212a>", "<İ>", "</İ>"],
    *["<i̇ class='tk-source'>", "</i̇>"],
]


@pytest.mark.parametrize(
    "html",
    [
        "<p>投诉和客户关系管理</p>",
        # Skipped elements nested in one of the same name, and one never closed.
        "<a href='x/'>外<a>投诉</a>投诉</a><p>投诉</p>",
        "<p><code>投诉",
        "<CODE>投诉</CODE>投诉",
        # A comment is no tag; a "<" that opens nothing is text's neighbour, not a tag.
        "<!-- <code> -->投诉",
        "a < b 投诉",
        "<\u212abd>投诉</\u212abd>",
        # A class to skip only as the value of a class attribute (a word boundary before).
        '<p data-class="tk-source">投诉</p><p>客户</p>',
        '<p xclass="tk-source">投诉</p>',
        "<bloc\u212a class='tk-source'>投诉</block>投诉",
        "<Block class='tk-source'>投诉</BLOC\u212a>投诉",
        # Words in attributes, addresses and titles of books are no mentions.
        '<p title="投诉">见 http://x.com/投诉 和《投诉》，再投诉。</p>',
        # A word overlapping a longer one whose term is linked already.
        "<p>非正常投诉，又一起非正常投诉，非正常。</p>",
        "<p>客户服务，又是客户服务。</p>",
    ],
)
def test_glossary_links_are_those_of_the_plain_rule(html):
    assert TermLinker(TERMS).link(html, HREF) == plain_link(html, TERMS, HREF)


def test_a_nested_link_keeps_its_text_unlinked_and_the_prose_after_it_is_linked():
    out = TermLinker(TERMS).link("<a href='x/'>外<a>投诉</a>投诉</a><p>投诉</p>", HREF)
    assert out.startswith("<a href='x/'>外<a>投诉</a>投诉</a><p><a href")
    assert out.endswith(">投诉</a></p>")


@pytest.mark.parametrize("seed", range(4))
def test_glossary_links_on_random_pages_are_those_of_the_plain_rule(seed):
    rng = random.Random(seed)
    term_sets = [TERMS, TERMS[:2], [Term("one", ("投", "诉求"), "单字和词。")]]
    linkers = [(terms, TermLinker(terms)) for terms in term_sets]
    for _ in range(500):
        html = "".join(rng.choice(LINKER_PIECES) for _ in range(rng.randint(0, 30)))
        for terms, linker in linkers:
            assert linker.link(html, HREF) == plain_link(html, terms, HREF), html


def plain_join(html: str) -> str:
    """Breaks between Chinese characters removed with the pattern that allows blanks around
    them everywhere outside protected blocks."""
    parts = _PRE.split(html)
    return "".join(part if index % 2 else _BREAK.sub("", part) for index, part in enumerate(parts))


def test_joined_lines_on_random_pages_are_those_of_the_plain_rule():
    pieces = [
        "中",
        "文",
        "。",
        "“",
        "…",
        "\u3000",
        "a",
        " ",
        "\t",
        "\n",
        "\n",
        " \n",
        "\t\n",
        "\n ",
    ]
    pieces += ["<p>", "</p>", "<pre>", "</pre>", "<code>", "</code>", "<textarea>", "</textarea>"]
    rng = random.Random(0)
    for _ in range(5000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert join_wrapped_lines(html) == plain_join(html), html


def plain_search_page(html: str) -> str:
    """The copy for Pagefind as first written: the marked element found by a regex over the
    rest of the page, the attribute looked for in the parts around it."""
    marker = html.find(BODY)
    start = html.rfind("<", 0, marker)
    if marker < 0 or start < 0 or not (found := re.match(r"<([A-Za-z][\w-]*)", html[start:])):
        return html
    depth, end = 0, -1
    for match in re.finditer(rf"<(/?){found.group(1)}\b[^>]*>", html[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            end = start + match.end()
            break
    opening, head_start, head_end = html.find("<html"), html.find("<head"), html.find("</head>")
    if end < 0 or not 0 <= opening < head_start < head_end < start:
        return html
    if "data-pagefind-" in html[:start] or "data-pagefind-" in html[end:]:
        return html
    html_tag = html[opening : html.index(">", opening) + 1]
    head = html[head_start : head_end + len("</head>")]
    return f"<!DOCTYPE html>\n{html_tag}{head}<body>{html[start:end]}</body></html>\n"


def test_pages_marked_and_copied_for_pagefind_on_random_pages_are_those_of_the_plain_rule():
    inside = ["<article>", "</article>", "<article class=x>", "</article >", "<articles>"]
    inside += ["</articles>", "article", "<article", "</article", "<div>", "</div>", "<x->"]
    inside += ["</x->", "<x-a>", "data-pagefind-", "<span data-pagefind-filter=a>", "<p>", "文字"]
    inside += [">", "<", "</", "<<article>", "</</article>", "<Article>", "<article_x>", ARTICLE]
    rng = random.Random(0)
    for _ in range(3000):
        tag = rng.choice(["article", "div", "x-", "a"])
        html = "".join(
            [
                "<!DOCTYPE html>\n<html lang=zh><head><title>页</title></head><body>",
                *rng.choices(inside, k=rng.randint(0, 4)),
                rng.choice([ARTICLE, f"<{tag} {BODY}>", f"<{tag} class=a {BODY} >", ""]),
                *rng.choices(inside, k=rng.randint(0, 8)),
                rng.choice(["", f"</{tag}>", f"</{tag} >", f"<{tag}>", f"</{tag}x>"]),
                *rng.choices(inside, k=rng.randint(0, 6)),
                "</body></html>",
            ]
        )
        marked = mark_for_pagefind(html)
        if ARTICLE in html:
            assert marked == html.replace(ARTICLE, f"{ARTICLE[:-1]} {BODY}>", 1)
        else:
            assert marked is html
        for page in (html, marked):
            assert search_page(page) == plain_search_page(page), page

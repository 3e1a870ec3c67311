"""A case can name the forbidden phrases someone says in it: the link is checked like the
other reference links, shown on the case page, and listed under the phrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.pipeline import read_knowledge_base, render_pages, sources_for
from generator.render.prose import put_back

PHRASES = """\
title: 客户服务九句禁语
entries:
  - id: ask-developer
    phrase: 这种问题属于开发商的事，你去找开发商解决。
    why: 把业主推给别人。
    instead: 我们统一向开发商反映。
  - id: not-sure
    phrase: 我不大清楚
    why: 一句话把业主挡在门外。
    instead: 我马上问清楚再答复您。
"""


@pytest.fixture
def phrase_project(project: Path) -> Path:
    (project / "reference" / "forbidden-phrases.yml").write_text(PHRASES, encoding="utf-8")
    return project


def add_phrases(project: Path, line: str) -> None:
    path = project / "cases" / "lost-key.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "complaint_categories: [service]\n", f"complaint_categories: [service]\n{line}\n"
        ),
        encoding="utf-8",
    )


def pages_of(project: Path) -> dict[str, str]:
    """Each page's text, with the HTML kept out of its Markdown put back (render/prose.py)."""
    pages = render_pages(read_knowledge_base(sources_for(project)))
    return {page.uri: put_back(page.markdown, page.prose) for page in pages}


def test_an_unknown_phrase_is_reported_at_its_line(phrase_project):
    add_phrases(phrase_project, "forbidden_phrases: [not-sure, no-way]")
    with pytest.raises(ContentErrors) as caught:
        read_knowledge_base(sources_for(phrase_project))
    (message,) = [str(error) for error in caught.value.errors]
    # The place (file:line:col of the second id) and the message; how the field is named
    # in between belongs to the error formatter.
    assert message.startswith("cases/lost-key.yml:8:31: forbidden_phrases")
    assert message.endswith("没有编号为 no-way 的服务禁语（已有：ask-developer、not-sure）")


def test_the_case_page_shows_the_phrase_and_the_phrase_lists_the_case(phrase_project):
    add_phrases(phrase_project, "forbidden_phrases: [not-sure]")
    pages = pages_of(phrase_project)
    # A case of plain prose is written as HTML (render/cases.py), its links as hrefs.
    case_page = pages["cases/lost-key.md"]
    assert '<a href="../../reference/forbidden-phrases/#not-sure">“我不大清楚”</a>' in case_page
    reference = pages["reference/forbidden-phrases.md"]
    linked = reference.split("{ #not-sure }")[1]
    assert '<a href="../../cases/lost-key/">丢失的门禁卡</a>' in linked
    # The other phrase is said in no case, so it lists none.
    assert "lost-key" not in reference.split("{ #not-sure }")[0]


def test_a_case_without_phrases_shows_no_phrase_section(phrase_project):
    pages = pages_of(phrase_project)
    assert "服务禁语" not in pages["cases/lost-key.md"]
    assert "../cases/" not in pages["reference/forbidden-phrases.md"]

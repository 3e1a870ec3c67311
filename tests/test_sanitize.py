"""The HTML policy: script in any form is dropped, and our own pages lose nothing.

``sanitize_html`` is pure, so it is tested on strings: a corpus of script payloads that
must come out harmless, Markdown features that must come out whole, and every page the
generator makes from the fixtures, converted the way MkDocs converts it, which must come
out exactly as it went in (the contract that lets the plugin apply it to every page).
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import markdown
import pymdownx.slugs
import pytest

from generator.pipeline import read_knowledge_base, render_pages, sources_for
from generator.render.prose import SNIPPET_FOUND, put_back
from generator.render.sanitize import GENERATED_PAGE_HTML, MARKDOWN_HTML, sanitize_html
from tests.conftest import FIXTURES, ROOT

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>',
    '<svg><animate attributeName="href" to="javascript:alert(1)"/><set '
    'attributeName="onmouseover" to="alert(1)"/></svg>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="  JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<p onmouseover="alert(1)" class="note">x</p>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width: expression(alert(1))">x</div>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<iframe src="https://example.com"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="https://example.com/x.css">',
    '<details open ontoggle="alert(1)"><summary>x</summary></details>',
    '<input autofocus onfocus="alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<template><script>alert(1)</script></template>",
]

# What must never be left: an element or attribute that runs code or loads a page.
LIVE = re.compile(
    r"<(script|style|iframe|object|embed|meta|base|link|foreignobject|animate|set|noscript|template|math)\b"
    r"|\son[a-z]+\s*=|\sstyle\s*=|\s(href|src|action|formaction)\s*=\s*[\"']?\s*(javascript|data|vbscript):",
    re.IGNORECASE,
)


@pytest.mark.parametrize("policy", [MARKDOWN_HTML, GENERATED_PAGE_HTML], ids=["markdown", "page"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_payload_comes_out_harmless(payload, policy):
    cleaned = sanitize_html(payload, policy)
    assert not LIVE.search(cleaned), cleaned


def test_markdown_a_trainer_writes_comes_out_whole():
    source = """\
# 标题 {: #top .lead }

段落里有 [链接](../cases/sand-pit.md#案情经过 "提示")、\
![图](../img/a.png){ width="300" }、**粗体**、`代码`。

!!! warning "注意"
    先道歉，再解释。

??? note "展开"
    折叠的内容。

| 左 | 中 |
|:---|:--:|
| 1  | 2  |

术语
:   释义

1. 第一
2. 第二

<div class="tk-box" markdown>
*md_in_html*
</div>

```text
代码块
```
"""
    html = to_html(source)
    assert sanitize_html(html, MARKDOWN_HTML) == sanitize_html(html, GENERATED_PAGE_HTML)
    assert events(sanitize_html(html, MARKDOWN_HTML)) == events(html)


def test_attribute_list_handlers_and_javascript_links_are_dropped_from_markdown():
    html = to_html(
        '[x](javascript:alert(1)){: onmouseover="alert(2)" .ok }\n\n<span '
        'onclick="alert(3)">y</span>\n'
    )
    cleaned = sanitize_html(html, MARKDOWN_HTML)
    assert cleaned == '<p><a class="ok">x</a></p>\n<p><span>y</span></p>'


def test_every_generated_page_of_the_fixtures_comes_out_unchanged(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    shutil.copytree(FIXTURES / "procedures", project / "procedures")
    shutil.copytree(FIXTURES / "quiz" / "questions", project / "questions")
    shutil.copytree(ROOT / "forms", project / "forms")
    pages = render_pages(read_knowledge_base(sources_for(project)))
    assert len(pages) > 10
    # The flowcharts carry their own style sheet, which no policy lets through: the
    # renderer's SVG strings are handed over as kept fragments.
    charts = [chart for page in pages for chart in FLOWCHART.findall("".join(page.prose))]
    assert charts
    for page in pages:
        html = put_back(to_html(page.markdown), page.prose)
        if page.snippets is not None:  # written as HTML but for its headings
            made = [to_html(snippet) for snippet in page.snippets]
            html = SNIPPET_FOUND.sub(lambda m, made=made: made[int(m.group(1))], page.markdown)
        assert events(sanitize_html(html, GENERATED_PAGE_HTML, keep=charts)) == events(html), (
            page.uri
        )


def test_kept_fragments_pass_whole_and_nothing_else_does():
    ours = '<svg class="flowchart"><style>.fc-box{fill:#fff}</style><rect/></svg>'
    html = f"<p>前</p>{ours}<p onclick=x>后</p><style>p{{}}</style>"
    assert sanitize_html(html, GENERATED_PAGE_HTML, keep=[ours]) == f"<p>前</p>{ours}<p>后</p>"
    forged = ours.replace("fill:#fff", "background:url(//x.example)")
    assert "<style>" not in sanitize_html(forged, GENERATED_PAGE_HTML, keep=[ours])


FLOWCHART = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart".*?</svg>', re.S)


# --- helpers ------------------------------------------------------------------------


def to_html(text: str) -> str:
    """Markdown to HTML with the extensions of mkdocs.yml, as MkDocs converts a page."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter is MkDocs' business
    return markdown.markdown(
        text,
        extensions=[
            "admonition",
            "attr_list",
            "def_list",
            "md_in_html",
            "tables",
            "toc",
            "pymdownx.details",
            "pymdownx.superfences",
        ],
        extension_configs={
            "toc": {"permalink": True, "slugify": pymdownx.slugs.slugify(case="lower")}
        },
    )


class _Events(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.found.append(
            ("start", tag, tuple(sorted((name, _normal(value)) for name, value in attrs)))
        )

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.found.append(("end", tag))

    def handle_endtag(self, tag):
        self.found.append(("end", tag))

    def handle_data(self, data):
        if data.strip():
            self.found.append(("text", data.strip()))


def _normal(value: str | None) -> str:
    # nh3 writes style="text-align:center" for Markdown's style="text-align: center;".
    return re.sub(r"\s|;$", "", value or "")


# Elements HTML never closes: nh3 writes <br>, Markdown <br />; both parse the same.
_VOID = {"br", "hr", "img", "input", "col", "meta"}


def events(html: str) -> list[tuple]:
    parser = _Events()
    parser.feed(html)
    parser.close()
    # An explicit </path> from nh3 and a self-closed <path/> are the same element; a
    # <tbody> nh3 adds to a bare table is no change in content either.
    found = [event for event in parser.found if not (event[0] == "end" and event[1] in _VOID)]
    return [event for event in found if event[1:2] != ("tbody",)]

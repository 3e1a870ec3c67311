"""Pages our templates wrote as HTML: MkDocs' Markdown step renders only their snippets.

Why: at 1,000 cases Python-Markdown was the build's largest cost, and most of it went on
case pages whose only Markdown is their headings (render/cases.py writes those pages as
HTML, generator/templates/case.html.j2). Their headings and notes are left as Markdown
snippets, a placeholder line each in the HTML, so that ids, permalinks, the table of
contents and the page title still come from MkDocs and the site's own Markdown settings.

Assumes (mkdocs 1.6.1): ``Page.render(config, files)`` converts ``page.markdown`` and sets
``content``, ``toc``, ``_title_from_render``, ``present_anchor_ids`` and
``links_to_anchors``; it is called after ``on_page_markdown``, as an attribute of the page
(an instance attribute of that name is called instead); contract test in
tests/test_upstream.py.

Delete when: MkDocs lets a plugin hand it a page's HTML and table of contents.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.render import GeneratedPage

_SNIPPET = re.compile(r"TKMARKDOWN(\d+)Q")
# Between two snippets in the Markdown MkDocs renders: a paragraph of its own.
_BETWEEN = "TKBETWEENQ"


class HtmlPages:
    def __init__(self, pages: list[GeneratedPage]):
        self.snippets = {page.uri: page.snippets for page in pages if page.snippets is not None}

    def take(self, page: Page) -> None:
        """Have MkDocs render only the snippets of ``page``, if it is one written as HTML."""
        snippets = self.snippets.get(page.file.src_uri)
        if snippets is not None:
            page.render = lambda config, files: _render(page, snippets, config, files)


def _render(page: Page, snippets: tuple[str, ...], config: MkDocsConfig, files: Files) -> None:
    html = page.markdown
    page.markdown = f"\n\n{_BETWEEN}\n\n".join(snippets)
    try:
        Page.render(page, config, files)
    finally:
        page.markdown = html
    made = [part.strip("\n") for part in page.content.split(f"<p>{_BETWEEN}</p>")]
    page.content = _SNIPPET.sub(lambda found: made[int(found.group(1))], html).strip("\n")

"""Pages our templates wrote as HTML: only their Markdown snippets go through Markdown.

Why: at 1,000 cases Python-Markdown was the build's largest cost, and most of it went on
case pages whose only Markdown is their headings (render/cases.py writes those pages as
HTML, generator/templates/case.html.j2). Their headings and notes are Markdown snippets, a
placeholder line each in the HTML, made with the site's own Markdown settings, so ids,
permalinks and the table of contents are Markdown's. Every case page has the same section
headings: each distinct snippet is made once per build, and a page whose headings would
share an id (which Markdown numbers), or that has many, is made whole by MkDocs instead.

Assumes (mkdocs 1.6.1): ``Page.render(config, files)`` converts ``page.markdown`` and sets
``content``, ``toc`` (``get_toc`` of Python-Markdown's ``toc_tokens``),
``_title_from_render``, ``present_anchor_ids`` and ``links_to_anchors``; it is called after
``on_page_markdown``, as an attribute of the page (an instance attribute of that name is
called instead); contract test in tests/test_upstream.py.

Delete when: MkDocs lets a plugin hand it a page's HTML and table of contents.
"""

from __future__ import annotations

import html
import re

import markdown
from markdown.extensions.toc import nest_toc_tokens
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.render import GeneratedPage
from generator.render.prose import SNIPPET_FOUND

_ID = re.compile(r'\bid="([^"]*)"')
# A page of more snippets than this (the case library: a heading per case) has them made
# together: one conversion costs less than hundreds, and few of them repeat elsewhere.
_MADE_APART = 40
# Between two snippets in the Markdown MkDocs renders: a paragraph of its own.
_BETWEEN = "\x1aBETWEEN\x1a"
# An id as Markdown's toc makes one unique: the id it repeats (or none) and a number.
_NUMBERED = re.compile(r".*_\d+")


class HtmlPages:
    def __init__(self, pages: list[GeneratedPage], every_page: bool = True):
        self.snippets = {page.uri: page.snippets for page in pages if page.snippets is not None}
        self._made: dict[str, tuple[str, list[dict], list[str]]] = {}
        self._markdown: markdown.Markdown | None = None
        # Whether the build renders every page (not a preview's rebuild of a few): then
        # all their headings are made at once (_make_headings).
        self.every_page = every_page

    def take(self, page: Page) -> None:
        """Have ``page`` rendered from its snippets, if it is one written as HTML."""
        snippets = self.snippets.get(page.file.src_uri)
        if snippets is not None:
            page.render = lambda config, files: self._render(page, snippets, config, files)

    def _render(self, page: Page, snippets: tuple[str, ...], config: MkDocsConfig, files: Files):
        if len(snippets) > _MADE_APART:
            return _render_whole(page, snippets, config, files)
        made = [self._make(snippet, config) for snippet in snippets]
        ids = [found for _, _, in_snippet in made for found in in_snippet]
        if len(set(ids)) < len(ids):
            return _render_whole(page, snippets, config, files)
        # Copies: nest_toc_tokens gives each its children. Their values are text (_flat).
        tokens = [dict(token) for _, in_snippet, _ in made for token in in_snippet]
        content = SNIPPET_FOUND.sub(lambda found: made[int(found.group(1))][0], page.markdown)
        page.content = content.strip("\n")
        # MkDocs takes a page's title from its first element when that is an <h1>.
        first = made[0][1][0] if made and made[0][1] and made[0][0].startswith("<h1") else None
        page._title_from_render = html.unescape(first["name"]) if first else None
        page.toc = get_toc(nest_toc_tokens(tokens))
        page.present_anchor_ids = set(_ID.findall(page.content))
        page.links_to_anchors = {}

    def _make(self, snippet: str, config: MkDocsConfig) -> tuple[str, list[dict], list[str]]:
        """A snippet's HTML, its headings' table-of-contents entries and its ids."""
        if self._markdown is None:
            self._markdown = markdown.Markdown(
                extensions=config["markdown_extensions"],
                extension_configs=config["mdx_configs"] or {},
            )
            if self.every_page:
                self._make_headings()
        if snippet not in self._made:
            made = self._markdown.reset().convert(snippet)
            tokens = _flat(getattr(self._markdown, "toc_tokens", []))
            self._made[snippet] = (made, tokens, _ID.findall(made))
        return self._made[snippet]

    def _make_headings(self) -> None:
        """Every page's one-line headings made in one conversion, not one each (a case
        page's title is its own): each is what it would be alone, as a heading's HTML
        depends only on its line and on the ids before it in the same conversion, which
        Markdown numbers when one repeats (a heading with such an id is made alone)."""
        headings = list(
            dict.fromkeys(
                snippet
                for snippets in self.snippets.values()
                if len(snippets) <= _MADE_APART
                for snippet in snippets
                if snippet.startswith("#") and "\n" not in snippet
            )
        )
        made = self._markdown.reset().convert(f"\n\n{_BETWEEN}\n\n".join(headings))
        parts = [part.strip("\n") for part in made.split(f"<p>{_BETWEEN}</p>")]
        if len(parts) != len(headings):
            return
        tokens = {t["id"]: t for t in _flat(getattr(self._markdown, "toc_tokens", []))}
        for heading, written in zip(headings, parts, strict=True):
            ids = _ID.findall(written)
            if any(_NUMBERED.fullmatch(found) for found in ids):
                continue  # perhaps numbered for repeating an id made before
            entries = [tokens[found] for found in ids if found in tokens]
            self._made[heading] = (written, entries, ids)


def _flat(tokens: list[dict]) -> list[dict]:
    flat = []
    for token in tokens:
        children = token.get("children", [])
        flat.append({key: value for key, value in token.items() if key != "children"})
        flat += _flat(children)
    return flat


def _render_whole(page: Page, snippets: tuple[str, ...], config: MkDocsConfig, files: Files):
    """The snippets made by MkDocs itself, all together (ids numbered across them)."""
    body = page.markdown
    page.markdown = f"\n\n{_BETWEEN}\n\n".join(snippets)
    try:
        Page.render(page, config, files)
    finally:
        page.markdown = body
    made = [part.strip("\n") for part in page.content.split(f"<p>{_BETWEEN}</p>")]
    page.content = SNIPPET_FOUND.sub(lambda found: made[int(found.group(1))], body).strip("\n")

"""The Jinja2 environment shared by every page kind, and the two text filters.

Templates print view data; they decide nothing. Plain text from YAML goes through
``md_text`` (no HTML, no Markdown links or emphasis); fields that are Markdown by design
go through ``md`` unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.render.prose import Prose, Snippets

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~])")


def md_text(value: object) -> Markup:
    """Plain text made safe for a Markdown context: no HTML, no links, no emphasis."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(value))))


@jinja2.pass_context
def md_block(context: jinja2.runtime.Context, value: str | None) -> Markup:
    """A field that is Markdown by design, passed through as written; or, where the page
    is rendered with a ``prose`` (render/prose.py), its plain paragraphs as placeholders."""
    prose = context.get("prose")
    return Markup(value or "") if prose is None else prose.field(value)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    # Built once per process: templates are compiled once, not once per page.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md_text"] = md_text
    env.filters["md"] = md_block
    return env


def render_template(name: str, **view) -> str:
    return environment().get_template(name).render(**view)


def render_page(name: str, **view) -> tuple[str, tuple[str, ...]]:
    """A page's Markdown with the trainers' plain prose (and any ``prose.html``) kept out of
    it, and what its placeholders stand for: GeneratedPage's ``markdown`` and ``prose``."""
    prose = Prose()
    return render_template(name, prose=prose, **view), tuple(prose.lines)


def render_html_page(name: str, **view) -> tuple[str, tuple[str, ...]]:
    """A page written as HTML by template ``name`` (its ``heading`` and ``markdown`` leave
    Markdown snippets in it), and those snippets: GeneratedPage's ``markdown`` and
    ``snippets`` (generator/upstream/mkdocs_page.py has MkDocs make them)."""
    snippets = Snippets()
    html = render_template(name, heading=snippets.heading, markdown=snippets.markdown, **view)
    return html, tuple(snippets.texts)

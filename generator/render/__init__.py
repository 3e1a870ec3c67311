"""Stage 3 of the pipeline: turn a checked knowledge base into Markdown pages.

Pages are plain data (``GeneratedPage``) so that any site builder can take them: the
MkDocs plugin adds them in memory, and another adapter could write them to a folder.
Python prepares view data; the Jinja2 templates in ``generator/templates/`` only print it.
"""

from __future__ import annotations

from generator.load import KnowledgeBase
from generator.render.cases import ReferenceIndex, case_page, library_page, reference_pages
from generator.render.page import LIBRARY_URI, PROCEDURES_URI, GeneratedPage, RenderSettings
from generator.render.procedures import procedure_pages
from generator.render.quizzes import lesson_quiz_note, quiz_pages
from generator.render.templating import md_text, render_template

__all__ = [
    "GeneratedPage",
    "LIBRARY_URI",
    "PROCEDURES_URI",
    "RenderSettings",
    "lesson_quiz_note",
    "md_text",
    "render_pages",
    "render_template",
]


def render_pages(kb: KnowledgeBase, settings: RenderSettings = RenderSettings()) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order."""
    index = ReferenceIndex(kb)
    pages = [library_page(kb, index)]
    pages += [case_page(case_file, index, settings) for case_file in sorted(kb.cases, key=lambda c: c.case.id)]
    pages += reference_pages(kb, index)
    pages += procedure_pages(kb, index, settings)
    pages += quiz_pages(kb, index, settings)
    return pages

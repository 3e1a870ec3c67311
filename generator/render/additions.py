"""What the site adds to pages at build time, on the Markdown in memory (trainers' files are
never rewritten): the first mention of each glossary term on hand-written and case pages
becomes a link to its entry, and a lesson with a question bank ends with a link to its quiz.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from generator.knowledge_base import KnowledgeBase
from generator.render.glossary import TermLinker, glossary_terms
from generator.render.page import LIBRARY_URI
from generator.render.quizzes import lesson_quiz_note

GLOSSARY_URI = "reference/glossary.md"


class PageAdditions:
    def __init__(self, kb: KnowledgeBase | None, lessons_dir: Path, docs_dir: Path):
        self.kb = kb
        self.terms = glossary_terms(kb) if kb else []
        self.linker = TermLinker(self.terms)  # its look-ups made once, not once a page
        # Lessons are pages of docs_dir; where they sit in it, as a page uri prefix.
        try:
            self.lessons_prefix = (
                lessons_dir.relative_to(docs_dir.resolve()).as_posix().rstrip("/") + "/"
            )
        except ValueError:
            self.lessons_prefix = "\0"  # lessons outside docs_dir: no page is a lesson

    def apply(self, uri: str, markdown: str, generated: bool) -> str:
        note = None if generated else self.lesson_note(uri)
        if note:
            markdown = f"{markdown.rstrip()}\n\n{note}"
        is_case = generated and uri.startswith("cases/") and uri != LIBRARY_URI
        if (not generated or is_case) and uri != GLOSSARY_URI:
            href = posixpath.relpath(GLOSSARY_URI, posixpath.dirname(uri) or ".")
            markdown = self.linker.link(markdown, href)
        return markdown

    def lesson_note(self, uri: str) -> str | None:
        if self.kb is None or not uri.startswith(self.lessons_prefix):
            return None
        return lesson_quiz_note(self.kb, Path(uri).stem)

    def inputs(self, uris: list[str]) -> object:
        """What the additions to hand-written pages depend on, for the preview's page keys."""
        return tuple(self.terms), {uri: self.lesson_note(uri) for uri in uris}

"""What the site adds to pages at build time, in memory (trainers' files are never
rewritten): a lesson with a question bank ends with a link to its quiz (in its Markdown), and
the first mention of each glossary term on hand-written and case pages becomes a link to its
entry (in the HTML Markdown made of them).
"""

from __future__ import annotations

from pathlib import Path

from generator import urls
from generator.knowledge_base import KnowledgeBase
from generator.render.glossary import TermLinker, glossary_terms
from generator.render.page import LIBRARY_URI
from generator.render.quizzes import lesson_quiz_note

GLOSSARY_URI = "reference/glossary.md"


class PageAdditions:
    def __init__(
        self, kb: KnowledgeBase | None, lessons_dir: Path, docs_dir: Path, directory_urls: bool
    ):
        self.kb = kb
        self.directory_urls = directory_urls
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
        """A page's Markdown with what is added to it: the quiz link of a lesson."""
        note = None if generated else self.lesson_note(uri)
        return f"{markdown.rstrip()}\n\n{note}" if note else markdown

    def link_terms(self, uri: str, html: str, generated: bool) -> str:
        """A page's HTML with glossary terms linked: on hand-written and case pages."""
        is_case = generated and uri.startswith("cases/") and uri != LIBRARY_URI
        if (generated and not is_case) or uri == GLOSSARY_URI:
            return html
        href = urls.relative_link(uri, GLOSSARY_URI, self.directory_urls)
        return self.linker.link(html, href)

    def lesson_note(self, uri: str) -> str | None:
        if self.kb is None or not uri.startswith(self.lessons_prefix):
            return None
        return lesson_quiz_note(self.kb, Path(uri).stem)

    def inputs(self, uris: list[str]) -> object:
        """What the additions to hand-written pages depend on, for the preview's page keys."""
        return tuple(self.terms), {uri: self.lesson_note(uri) for uri in uris}

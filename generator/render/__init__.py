"""Stage 3 of the pipeline: turn a checked knowledge base into Markdown pages.

Pages are plain data (``GeneratedPage``) so that any site builder can take them: the
MkDocs plugin adds them in memory, and another adapter could write them to a folder.
Python prepares view data; the Jinja2 templates in ``generator/templates/`` only print it.
"""

from __future__ import annotations

from generator.knowledge_base import KnowledgeBase
from generator.render.cases import ReferenceIndex, case_page, library_page, reference_pages
from generator.render.memo import RenderMemo, remember
from generator.render.page import LIBRARY_URI, PROCEDURES_URI, GeneratedPage, RenderSettings
from generator.render.procedures import form_sheet, procedure_and_checklist, procedures_index_page
from generator.render.quizzes import (
    bank_quiz,
    case_quiz,
    lesson_quiz_note,
    one_quiz_pages,
    quiz_list_pages,
)
from generator.render.sessions import trainer_pages
from generator.render.templating import md_text, render_template

__all__ = [
    "GeneratedPage",
    "LIBRARY_URI",
    "PROCEDURES_URI",
    "RenderMemo",
    "RenderSettings",
    "lesson_quiz_note",
    "md_text",
    "render_pages",
    "render_template",
]


def render_pages(
    kb: KnowledgeBase, settings: RenderSettings, memo: RenderMemo | None = None
) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order.

    With a ``memo`` (the preview), a page group whose sources are the same parsed documents
    as in the memo's last run is taken from it instead of rendered again; each group below
    names every document its pages read.
    """
    index = ReferenceIndex(kb, settings)
    sources = _Sources(kb)
    if memo is not None:
        memo.start()
    pages = [
        remember(
            memo,
            "library",
            sources.cases + sources.reference,
            (settings.directory_urls,),
            lambda: library_page(kb, index, settings),
        )
    ]
    for cf in sorted(kb.cases, key=lambda c: c.case.id):
        case = cf.case
        used = (
            cf.doc,
            *sources.reference,
            *sources.of_cases(case.related_cases),
            *sources.of_procedures(case.related_procedures),
        )
        pages.append(
            remember(
                memo,
                f"case {case.id}",
                used,
                (settings,),
                lambda cf=cf: case_page(cf, index, settings),
            )
        )
    pages += remember(
        memo,
        "reference",
        sources.reference + sources.cases,
        (settings.directory_urls,),
        lambda: reference_pages(kb, index, settings),
    )
    pages += _procedure_pages(kb, index, settings, sources, memo)
    pages += _quiz_pages(kb, index, settings, sources, memo)
    # Session plans and role-play cards: none in the trainee edition.
    pages += trainer_pages(kb, index, settings, sources, memo)
    if memo is not None:
        memo.finish()
    return pages


def _procedure_pages(kb, index, settings, sources, memo) -> list[GeneratedPage]:
    if not kb.procedures and not kb.forms:
        return []
    pages = [
        remember(
            memo,
            "procedures",
            sources.procedures + sources.forms,
            (),
            lambda: procedures_index_page(kb),
        )
    ]
    forms_by_id = {f.form.id: f.form for f in kb.forms}
    for pf in sorted(kb.procedures, key=lambda p: p.procedure.title):
        procedure = pf.procedure
        used = (
            pf.doc,
            *sources.of_forms(procedure.forms),
            *sources.of_cases(procedure.related_cases),
        )
        make = lambda pf=pf: procedure_and_checklist(pf, forms_by_id, index, settings)  # noqa: E731
        pages += remember(memo, f"procedure {procedure.id}", used, (settings,), make)
    for ff in sorted(kb.forms, key=lambda f: f.form.title):
        pages.append(
            remember(memo, f"form {ff.form.id}", (ff.doc,), (), lambda ff=ff: form_sheet(ff))
        )
    return pages


def _quiz_pages(kb, index, settings, sources, memo) -> list[GeneratedPage]:
    lessons = tuple(sorted(kb.lessons.items()))
    quizzes, quiz_pages = [], []
    banks = sorted(kb.banks, key=lambda b: b.bank.id)
    cases = [cf for cf in sorted(kb.cases, key=lambda c: c.case.id) if cf.case.quiz]
    for name, source, questions, make in [
        *(
            (
                f"bank {b.bank.id}",
                b.doc,
                b.bank.questions,
                lambda b=b: bank_quiz(b, index, kb.lessons),
            )
            for b in banks
        ),
        *(
            (
                f"case quiz {c.case.id}",
                c.doc,
                c.case.quiz,
                lambda c=c: case_quiz(c, index, kb.lessons),
            )
            for c in cases
        ),
    ]:
        used = (source, *sources.reference, *sources.linked_from(questions))
        make_pages = lambda make=make: _quiz_and_pages(make(), settings)  # noqa: E731
        values = (lessons, settings.trainer, settings.directory_urls)
        quiz, pages = remember(memo, name, used, values, make_pages)
        quizzes.append(quiz)
        quiz_pages += pages
    # The lists print every quiz: they are made again when any quiz was.
    lists = remember(
        memo, "quiz lists", quizzes, (settings,), lambda: quiz_list_pages(quizzes, settings)
    )
    # The quiz list first, then each quiz's pages, then practice and progress.
    return lists[:1] + quiz_pages + lists[1:]


def _quiz_and_pages(quiz, settings: RenderSettings):
    return quiz, one_quiz_pages(quiz, settings.trainer, settings.directory_urls)


class _Sources:
    """The parsed documents of a knowledge base, by kind and by id, for memo keys."""

    def __init__(self, kb: KnowledgeBase):
        self.cases = tuple(cf.doc for cf in kb.cases)
        self.reference = tuple(ref.doc for _, ref in sorted(kb.reference.items()))
        self.procedures = tuple(pf.doc for pf in kb.procedures)
        self.forms = tuple(ff.doc for ff in kb.forms)
        self._case = {cf.case.id: cf.doc for cf in kb.cases}
        self._procedure = {pf.procedure.id: pf.doc for pf in kb.procedures}
        self._form = {ff.form.id: ff.doc for ff in kb.forms}

    def of_cases(self, ids) -> tuple:
        return tuple(self._case[i] for i in ids if i in self._case)

    def of_procedures(self, ids) -> tuple:
        return tuple(self._procedure[i] for i in ids if i in self._procedure)

    def of_forms(self, ids) -> tuple:
        return tuple(self._form[i] for i in ids if i in self._form)

    def linked_from(self, questions) -> tuple:
        """The cases and procedures whose titles a question's `see` links print."""
        targets = [link.target for question in questions for link in question.see]
        return self.of_cases(i for kind, i in targets if kind == "case") + self.of_procedures(
            i for kind, i in targets if kind == "procedure"
        )

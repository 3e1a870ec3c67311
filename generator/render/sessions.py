"""Pages of the trainer's session kit: the list of session plans and role-plays, a page and
a one-page A4 printout per plan, and the printable role-play cards of each case that has
them. None of these is made for the trainee edition (RenderSettings.trainer)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.knowledge_base import CaseFile, KnowledgeBase, SessionFile
from generator.messages import pages as msg
from generator.model.session import AgendaBlock
from generator.render.cases import ReferenceIndex
from generator.render.memo import remember
from generator.render.page import GeneratedPage, RenderSettings
from generator.render.templating import render_page, render_template

SESSIONS_URI = "sessions/index.md"


def role_play_uri(case_id: str) -> str:
    return f"print/role-plays/{case_id}.md"


@dataclass(frozen=True)
class BlockView:
    """An agenda block ready to print: when it starts and ends, and what it uses."""

    block: AgendaBlock
    kind_name: str
    start: str  # "0:20", minutes from the session's start
    end: str
    links: list[tuple[str, str]]  # (label, page uri from the site root)


@dataclass(frozen=True)
class MaterialView:
    label: str
    uri: str | None  # a printout of the site, or None for anything else to bring
    copies: str | None


def trainer_pages(
    kb: KnowledgeBase, index: ReferenceIndex, settings: RenderSettings, sources, memo
) -> list[GeneratedPage]:
    """Every page of the session kit, each group remembered under the documents it reads."""
    if not settings.trainer:
        return []
    role_plays = sorted((cf for cf in kb.cases if cf.case.role_play), key=lambda cf: cf.case.id)
    sessions = sorted(kb.sessions, key=lambda sf: sf.session.id)
    # The quiz list links here (templates/quizzes.md.j2): the page exists whenever that list does.
    has_quizzes = bool(kb.banks) or any(cf.case.quiz for cf in kb.cases)
    if not role_plays and not sessions and not has_quizzes:
        return []
    everything = (*sources.cases, *(sf.doc for sf in sessions))
    pages = [
        remember(
            memo, "sessions", everything, (), lambda: sessions_index_page(sessions, role_plays)
        )
    ]
    documents = (*sources.cases, *sources.procedures, *sources.forms, *(bf.doc for bf in kb.banks))
    for sf in sessions:
        make = lambda sf=sf: session_pages(sf, kb, index)  # noqa: E731
        pages += remember(
            memo,
            f"session {sf.session.id}",
            (sf.doc, *documents),
            (tuple(sorted(kb.lessons.items())),),
            make,
        )
    for cf in role_plays:
        used = (cf.doc, *sources.reference)
        pages.append(
            remember(
                memo, f"role-play {cf.case.id}", used, (), lambda cf=cf: role_play_sheet(cf, index)
            )
        )
    return pages


def sessions_index_page(sessions: list[SessionFile], role_plays: list[CaseFile]) -> GeneratedPage:
    markdown = render_template(
        "sessions.md.j2",
        sessions=[sf.session for sf in sessions],
        role_plays=[cf.case for cf in role_plays],
    )
    return GeneratedPage(SESSIONS_URI, markdown, in_nav=False)


def session_pages(
    session_file: SessionFile, kb: KnowledgeBase, index: ReferenceIndex
) -> list[GeneratedPage]:
    """A plan's page and its one-page printout."""
    session, source = session_file.session, session_file.doc.display
    titles = _Titles(kb, index)
    blocks, elapsed = [], 0
    for block in session.agenda:
        start, elapsed = elapsed, elapsed + block.minutes
        blocks.append(
            BlockView(
                block,
                msg.BLOCK_NAMES[block.kind],
                _clock(start),
                _clock(elapsed),
                titles.block_links(block),
            )
        )
    materials = [titles.material(m.target, m.copies) for m in session.materials]
    view = dict(session=session, blocks=blocks, materials=materials, source=source)
    uri = f"sessions/{session.id}.md"
    return [
        GeneratedPage(
            uri,
            render_template("session.md.j2", **view),
            in_nav=False,
            source=source,
            parent=SESSIONS_URI,
        ),
        GeneratedPage(
            f"print/{uri}",
            render_template("session-sheet.md.j2", **view),
            in_nav=False,
            source=source,
            parent=SESSIONS_URI,
        ),
    ]


def role_play_sheet(case_file: CaseFile, index: ReferenceIndex) -> GeneratedPage:
    """The customer card, the staff card and the observer sheet, one A4 page each."""
    case = case_file.case
    role_play = case.role_play
    principle_ids = role_play.principles or [use.principle for use in case.principles]
    phrase_ids = role_play.forbidden_phrases or list(case.forbidden_phrases)
    principles = sorted(
        (index.entry("principles", ref_id) for ref_id in principle_ids), key=lambda p: p.number
    )
    markdown, prose = render_page(
        "role-play.md.j2",
        case=case,
        role_play=role_play,
        principles=principles,
        phrases=[index.entry("forbidden-phrases", ref_id) for ref_id in phrase_ids],
        source=case_file.doc.display,
    )
    return GeneratedPage(
        role_play_uri(case.id),
        markdown,
        in_nav=False,
        source=case_file.doc.display,
        parent=SESSIONS_URI,
        prose=prose,
    )


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


class _Titles:
    """The title and page of everything a session can name."""

    def __init__(self, kb: KnowledgeBase, index: ReferenceIndex):
        self.lessons = kb.lessons
        self.lesson_uri = index.lesson_uri
        self.cases = index.cases_by_id
        self.procedures = index.procedures_by_id
        self.forms = {ff.form.id: ff.form.title for ff in kb.forms}
        self.banks = {bf.bank.id: bf.bank.title for bf in kb.banks}

    def block_links(self, block: AgendaBlock) -> list[tuple[str, str]]:
        return [self._link(block, name, ref_id) for name, ref_id in block.links]

    def _link(self, block: AgendaBlock, name: str, ref_id: str) -> tuple[str, str]:
        if name == "lesson":
            title = self.lessons.get(ref_id, ref_id)
            return msg.LINK_LESSON.format(title=title), self.lesson_uri(ref_id)
        if name == "bank":
            return msg.LINK_BANK.format(title=self.banks[ref_id]), f"quizzes/{ref_id}.md"
        if name == "procedure":
            title = self.procedures[ref_id].title
            return msg.LINK_PROCEDURE.format(title=title), f"procedures/{ref_id}.md"
        title = self.cases[ref_id].title
        if block.kind == "role_play":
            return msg.LINK_ROLE_PLAY.format(title=title), role_play_uri(ref_id)
        if block.kind == "quiz":
            return msg.LINK_CASE_QUIZ.format(title=title), f"quizzes/cases/{ref_id}.md"
        return msg.LINK_CASE.format(title=title), f"cases/{ref_id}.md"

    def material(self, target: tuple[str, str], copies: str | None) -> MaterialView:
        name, ref_id = target
        if name == "item":
            return MaterialView(ref_id, None, copies)
        title, uri = {
            "checklist": lambda: (self.procedures[ref_id].title, f"print/checklists/{ref_id}.md"),
            "form": lambda: (self.forms[ref_id], f"print/forms/{ref_id}.md"),
            "quiz_sheet": lambda: (self.banks[ref_id], f"print/quizzes/{ref_id}.md"),
            "role_play": lambda: (self.cases[ref_id].title, role_play_uri(ref_id)),
            "case": lambda: (self.cases[ref_id].title, f"cases/{ref_id}.md"),
        }[name]()
        return MaterialView(
            msg.MATERIAL.format(name=msg.MATERIAL_NAMES[name], title=title), uri, copies
        )

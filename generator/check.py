"""Stage 2 of the pipeline: check what the models alone cannot, across files.

Ids must be unique and every cross-reference must point at something that exists.
Each problem is reported at the line of the field that holds the bad id.
"""

from __future__ import annotations

from generator.errors import ContentError, display_path
from generator.knowledge_base import KnowledgeBase
from generator.messages import content as msg
from generator.model import REFERENCE_KINDS, REFERENCE_LINKS
from generator.model.question import MAX_QUESTIONS_PER_QUIZ
from generator.procedure_check import check_procedure


def check_knowledge_base(kb: KnowledgeBase) -> list[ContentError]:
    errors = _check_reference_ids(kb)
    errors += _check_file_ids(kb)
    errors += _check_case_links(kb)
    errors += _check_procedures(kb)
    errors += _check_questions(kb)
    errors += _check_role_plays(kb)
    errors += _check_sessions(kb)
    return errors


def reference_ids(kb: KnowledgeBase, kind: str) -> set[str] | None:
    """The ids of one reference kind; None when its file exists but did not load, so that
    its own errors are reported and not every link into it as well."""
    ref = kb.reference.get(kind)
    if ref is None:
        return None if kind in kb.file_ids.get("reference", set()) else set()
    return {entry.id for entry in ref.content.entries}


def _check_reference_ids(kb: KnowledgeBase) -> list[ContentError]:
    errors = []
    for ref in kb.reference.values():
        first_line: dict[str, int] = {}
        for index, entry in enumerate(ref.content.entries):
            loc = ("entries", index, "id")
            if entry.id in first_line:
                errors.append(
                    ref.doc.error(
                        loc,
                        msg.DUPLICATE_ID.format(
                            what=msg.ENTRY_ID, id=entry.id, line=first_line[entry.id]
                        ),
                    )
                )
            else:
                first_line[entry.id] = ref.doc.locate(loc)[0]
        if ref.kind == "principles":
            numbers: dict[int, str] = {}
            for index, entry in enumerate(ref.content.entries):
                if entry.number in numbers:
                    errors.append(
                        ref.doc.error(
                            ("entries", index, "number"),
                            msg.DUPLICATE_NUMBER.format(
                                number=entry.number, other=numbers[entry.number]
                            ),
                        )
                    )
                numbers.setdefault(entry.number, entry.id)
    return errors


def _check_file_ids(kb: KnowledgeBase) -> list[ContentError]:
    # An id equals its file name, so two ids collide only as x.yml beside x.yaml; both
    # would become the same page, which MkDocs would refuse with a confusing message.
    errors = []
    kinds = [
        ("cases", [(f.case.id, f.doc) for f in kb.cases]),
        ("procedures", [(f.procedure.id, f.doc) for f in kb.procedures]),
        ("forms", [(f.form.id, f.doc) for f in kb.forms]),
        ("questions", [(f.bank.id, f.doc) for f in kb.banks]),
        ("sessions", [(f.session.id, f.doc) for f in kb.sessions]),
    ]
    for folder, items in kinds:
        kind = msg.FILE_KIND_NAMES[folder]
        seen: dict[str, str] = {}
        for item_id, doc in items:
            if item_id in seen:
                message = msg.DUPLICATE_FILE_ID.format(kind=kind, id=item_id, other=seen[item_id])
                errors.append(doc.error(("id",), message))
            seen.setdefault(item_id, doc.display)
    return errors


def _check_case_links(kb: KnowledgeBase) -> list[ContentError]:
    errors = []
    principles = reference_ids(kb, "principles")
    categories = reference_ids(kb, "complaint-categories")
    customer_types = reference_ids(kb, "customer-types")
    phrases = reference_ids(kb, "forbidden-phrases")
    for case_file in kb.cases:
        case, doc = case_file.case, case_file.doc
        # A case may both break and apply one principle (the sand pit breaks the first half
        # of principle 3 and applies the second), but not say the same thing twice.
        used: dict[tuple[str, str], int] = {}
        for index, use in enumerate(case.principles):
            loc = ("principles", index, "principle")
            errors += _unknown(doc, loc, use.principle, principles, "principles")
            key = (use.principle, use.verdict)
            if key in used:
                message = msg.DUPLICATE_PRINCIPLE.format(
                    principle=use.principle, verdict=use.verdict, line=used[key]
                )
                errors.append(doc.error(loc, message))
            used.setdefault(key, doc.locate(loc)[0])
        for index, ref_id in enumerate(case.complaint_categories):
            errors += _unknown(
                doc, ("complaint_categories", index), ref_id, categories, "complaint-categories"
            )
        for index, ref_id in enumerate(case.customer_types):
            errors += _unknown(
                doc, ("customer_types", index), ref_id, customer_types, "customer-types"
            )
        for index, ref_id in enumerate(case.forbidden_phrases):
            errors += _unknown(
                doc, ("forbidden_phrases", index), ref_id, phrases, "forbidden-phrases"
            )
        for index, ref_id in enumerate(case.related_cases):
            loc = ("related_cases", index)
            if ref_id == case.id:
                errors.append(doc.error(loc, msg.RELATED_TO_ITSELF))
            else:
                errors += _unknown_file(kb, doc, loc, ref_id, "cases")
        for index, ref_id in enumerate(case.related_procedures):
            errors += _unknown_file(kb, doc, ("related_procedures", index), ref_id, "procedures")
    return errors


def _check_procedures(kb: KnowledgeBase) -> list[ContentError]:
    errors = []
    for procedure_file in kb.procedures:
        procedure, doc = procedure_file.procedure, procedure_file.doc
        errors += check_procedure(procedure, doc)
        for index, ref_id in enumerate(procedure.forms):
            errors += _unknown_file(kb, doc, ("forms", index), ref_id, "forms")
        for index, ref_id in enumerate(procedure.related_cases):
            errors += _unknown_file(kb, doc, ("related_cases", index), ref_id, "cases")
    return errors


# Quiz pages that are not question banks live beside them.
RESERVED_BANK_IDS = {"index", "mix", "progress", "cases"}


def _too_many_questions(count: int) -> str:
    return msg.TOO_MANY_QUESTIONS.format(limit=MAX_QUESTIONS_PER_QUIZ, count=count)


def _check_questions(kb: KnowledgeBase) -> list[ContentError]:
    errors: list[ContentError] = []
    first_seen: dict[str, str] = {}
    places = [(bank_file.doc, "questions", bank_file.bank.questions) for bank_file in kb.banks]
    places += [(case_file.doc, "quiz", case_file.case.quiz) for case_file in kb.cases]
    for bank_file in kb.banks:
        if bank_file.bank.id in RESERVED_BANK_IDS:
            reserved = msg.LIST_SEPARATOR.join(sorted(RESERVED_BANK_IDS))
            message = msg.RESERVED_BANK_ID.format(reserved=reserved)
            errors.append(bank_file.doc.error(("id",), message))
        if bank_file.bank.lesson is not None:
            errors += _unknown_file(
                kb, bank_file.doc, ("lesson",), bank_file.bank.lesson, "lessons"
            )
    for doc, key, questions in places:
        if len(questions) > MAX_QUESTIONS_PER_QUIZ:
            errors.append(
                doc.error((key, MAX_QUESTIONS_PER_QUIZ), _too_many_questions(len(questions)))
            )
        for index, question in enumerate(questions):
            loc = (key, index)
            where = f"{doc.display}:{doc.locate(loc + ('id',))[0]}"
            if question.id in first_seen:
                errors.append(
                    doc.error(
                        loc + ("id",),
                        msg.DUPLICATE_QUESTION_ID.format(
                            id=question.id, other=first_seen[question.id]
                        ),
                    )
                )
            first_seen.setdefault(question.id, where)
            for link_index, link in enumerate(question.see):
                errors += _check_link(kb, doc, loc + ("see", link_index), link)
    return errors


def _check_link(kb: KnowledgeBase, doc, loc: tuple, link) -> list[ContentError]:
    name, ref_id = link.target
    if name in REFERENCE_LINKS:
        kind = REFERENCE_LINKS[name]
        return _unknown(doc, loc + (name,), ref_id, reference_ids(kb, kind), kind)
    folder = {"case": "cases", "procedure": "procedures", "lesson": "lessons"}[name]
    errors = _unknown_file(kb, doc, loc + (name,), ref_id, folder)
    if not errors and link.step is not None:
        procedure = next((p.procedure for p in kb.procedures if p.procedure.id == ref_id), None)
        if procedure is not None and link.step not in {step.id for step in procedure.steps}:
            message = msg.NO_SUCH_STEP.format(procedure=ref_id, step=link.step)
            errors.append(doc.error(loc + ("step",), message))
    return errors


def _unknown_file(
    kb: KnowledgeBase, doc, loc: tuple, ref_id: str, folder: str
) -> list[ContentError]:
    if ref_id in kb.file_ids.get(folder, set()):
        return []
    # The folder as the project names it (lessons_dir, cases_dir ... in mkdocs.yml).
    where = display_path(getattr(kb.sources, f"{folder}_dir"), kb.sources.root) + "/"
    suffix = ".md" if folder == "lessons" else ".yml"
    kind = msg.FILE_KIND_NAMES[folder]
    message = msg.NO_SUCH_FILE.format(id=ref_id, kind=kind, folder=where, suffix=suffix)
    return [doc.error(loc, message)]


def _unknown(doc, loc: tuple, ref_id: str, known: set[str] | None, kind: str) -> list[ContentError]:
    if known is None or ref_id in known:  # None: the reference file is broken, reported on its own
        return []
    name = REFERENCE_KINDS[kind].name
    hint = (
        msg.KNOWN_IDS.format(ids=msg.LIST_SEPARATOR.join(sorted(known)))
        if known and len(known) <= 12
        else msg.SEE_REFERENCE.format(kind=kind)
    )
    return [doc.error(loc, msg.NO_SUCH_ENTRY.format(id=ref_id, kind=name, hint=hint))]


def _check_role_plays(kb: KnowledgeBase) -> list[ContentError]:
    errors = []
    principles = reference_ids(kb, "principles")
    phrases = reference_ids(kb, "forbidden-phrases")
    for case_file in kb.cases:
        role_play, doc = case_file.case.role_play, case_file.doc
        if role_play is None:
            continue
        for index, ref_id in enumerate(role_play.principles):
            errors += _unknown(
                doc, ("role_play", "principles", index), ref_id, principles, "principles"
            )
        for index, ref_id in enumerate(role_play.forbidden_phrases):
            errors += _unknown(
                doc, ("role_play", "forbidden_phrases", index), ref_id, phrases, "forbidden-phrases"
            )
    return errors


# --- session plans -------------------------------------------------------------------

# A session's links by field: the folder of file ids they point into.
_SESSION_FOLDERS = {
    "lesson": "lessons",
    "case": "cases",
    "bank": "questions",
    "procedure": "procedures",
    "checklist": "procedures",
    "form": "forms",
    "quiz_sheet": "questions",
    "role_play": "cases",
}
# Ids that are pages of their own under sessions/.
RESERVED_SESSION_IDS = {"index"}


def _check_sessions(kb: KnowledgeBase) -> list[ContentError]:
    errors: list[ContentError] = []
    cases = {cf.case.id: cf.case for cf in kb.cases}
    for session_file in kb.sessions:
        session, doc = session_file.session, session_file.doc
        if session.id in RESERVED_SESSION_IDS:
            errors.append(doc.error(("id",), msg.RESERVED_SESSION_ID))
        total = sum(block.minutes for block in session.agenda)
        if total != session.duration:
            message = msg.AGENDA_MINUTES.format(total=total, duration=session.duration)
            errors.append(doc.error(("duration",), message))
        for index, block in enumerate(session.agenda):
            for name, ref_id in block.links:
                errors += _session_link(kb, doc, ("agenda", index, name), name, ref_id)
            if block.case in cases:
                errors += _needs_part(
                    doc, ("agenda", index, "case"), block.kind, cases[block.case], block.bank
                )
        for index, material in enumerate(session.materials):
            name, ref_id = material.target
            if name == "item":
                continue
            errors += _session_link(kb, doc, ("materials", index, name), name, ref_id)
            if name == "role_play" and ref_id in cases and cases[ref_id].role_play is None:
                errors.append(
                    doc.error(
                        ("materials", index, name),
                        msg.NO_ROLE_PLAY_TO_PRINT.format(case=ref_id),
                    )
                )
    return errors


def _session_link(kb: KnowledgeBase, doc, loc: tuple, name: str, ref_id: str) -> list[ContentError]:
    return _unknown_file(kb, doc, loc, ref_id, _SESSION_FOLDERS[name])


def _needs_part(doc, loc: tuple, kind: str, case, bank: str | None) -> list[ContentError]:
    """A role-play block needs the case's role_play; a quiz block on a case, its quiz."""
    if kind == "role_play" and case.role_play is None:
        return [doc.error(loc, msg.NO_ROLE_PLAY_TO_PLAY.format(case=case.id))]
    if kind == "quiz" and bank is None and not case.quiz:
        return [doc.error(loc, msg.NO_CASE_QUIZ.format(case=case.id))]
    return []

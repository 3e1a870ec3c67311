"""Pages of procedures and forms: the procedure list, one page per procedure (flowchart
and step cards), a printable checklist per procedure and a printable sheet per form."""

from __future__ import annotations

from dataclasses import dataclass

from generator.flowchart import column_svg, procedure_svg
from generator.knowledge_base import FormFile, KnowledgeBase, ProcedureFile
from generator.messages import pages as msg
from generator.model.procedure import Step
from generator.render.cases import ReferenceIndex
from generator.render.page import PROCEDURES_URI, GeneratedPage, RenderSettings
from generator.render.prose import Prose
from generator.render.qr import qr_svg
from generator.render.templating import render_page, render_template
from generator.review import Review


@dataclass(frozen=True)
class StepView:
    """A step ready to print: its number, its role's name and where it leads."""

    number: int
    step: Step
    role: str
    # (branch label or None, number of the next step, its title, its id)
    next: list[tuple[str | None, int, str, str]]


def procedure_pages(
    kb: KnowledgeBase, index: ReferenceIndex, settings: RenderSettings
) -> list[GeneratedPage]:
    if not kb.procedures and not kb.forms:
        return []
    forms_by_id = {f.form.id: f.form for f in kb.forms}
    pages = [procedures_index_page(kb)]
    for procedure_file in sorted(kb.procedures, key=lambda p: p.procedure.title):
        pages += procedure_and_checklist(procedure_file, forms_by_id, index, settings)
    pages += [form_sheet(form_file) for form_file in sorted(kb.forms, key=lambda f: f.form.title)]
    return pages


def procedures_index_page(kb: KnowledgeBase) -> GeneratedPage:
    procedures = sorted((p.procedure for p in kb.procedures), key=lambda p: p.title)
    forms = sorted((f.form for f in kb.forms), key=lambda f: f.title)
    markdown = render_template("procedures.md.j2", procedures=procedures, forms=forms)
    return GeneratedPage(PROCEDURES_URI, markdown, in_nav=True)


def step_views(procedure) -> list[StepView]:
    numbers = {step.id: number for number, step in enumerate(procedure.steps, start=1)}
    titles = {step.id: step.title for step in procedure.steps}
    roles = {role.id: role.name for role in procedure.roles}
    views = []
    for step in procedure.steps:
        if step.kind == "decision":
            targets = [(b.label, numbers[b.next], titles[b.next], b.next) for b in step.branches]
        elif step.next:
            targets = [(None, numbers[step.next], titles[step.next], step.next)]
        else:
            targets = []
        views.append(StepView(numbers[step.id], step, roles[step.role], targets))
    return views


def procedure_and_checklist(
    procedure_file: ProcedureFile,
    forms_by_id: dict,
    index: ReferenceIndex,
    settings: RenderSettings,
) -> list[GeneratedPage]:
    procedure, source = procedure_file.procedure, procedure_file.doc.display
    page_uri = f"procedures/{procedure.id}.md"
    steps = step_views(procedure)
    view = dict(
        procedure=procedure,
        steps=steps,
        forms=[forms_by_id[form_id] for form_id in procedure.forms],
        cases=[index.cases_by_id[case_id] for case_id in procedure.related_cases],
        source=source,
        review=Review(procedure.reviewed, settings.today, settings.stale_after_days),
    )
    # Both charts go in the page; the style sheet shows the column below 600 px. Kept out
    # of Markdown, which would only read them through (render/prose.py).
    charts = dict(flowchart=procedure_svg(procedure), flowchart_column=column_svg(procedure))
    prose = Prose()
    page = render_template(
        "procedure.md.j2", prose=prose, **{k: prose.html(v) for k, v in charts.items()}, **view
    )
    url = settings.page_url(page_uri)
    qr = qr_svg(url, msg.QR_PROCEDURE.format(title=procedure.title)) if url else None
    checklist, checklist_prose = render_page(
        "checklist.md.j2", qr=qr, url=url, preview=settings.preview, **view
    )
    return [
        GeneratedPage(
            page_uri,
            page,
            in_nav=False,
            source=source,
            parent=PROCEDURES_URI,
            trusted=tuple(charts.values()),
            prose=tuple(prose.lines),
        ),
        GeneratedPage(
            f"print/checklists/{procedure.id}.md",
            checklist,
            in_nav=False,
            source=source,
            parent=PROCEDURES_URI,
            trusted=(qr,) if qr else (),
            prose=checklist_prose,
        ),
    ]


def form_sheet(form_file: FormFile) -> GeneratedPage:
    form = form_file.form
    markdown, prose = render_page("form.md.j2", form=form, source=form_file.doc.display)
    return GeneratedPage(
        f"print/forms/{form.id}.md",
        markdown,
        in_nav=False,
        source=form_file.doc.display,
        parent=PROCEDURES_URI,
        prose=prose,
    )

"""Pages of the case library: the library itself, one page per case, reference pages."""

from __future__ import annotations

from collections import defaultdict

from generator.knowledge_base import CaseFile, KnowledgeBase
from generator.render.page import LIBRARY_URI, GeneratedPage, RenderSettings
from generator.render.prose import is_plain, is_plain_line
from generator.render.templating import render_html_page, render_page, render_template
from generator.review import Review
from generator.settings import HOME_INDUSTRY


class ReferenceIndex:
    """Look-ups shared by all pages: entries by id and the cases that point at each."""

    def __init__(self, kb: KnowledgeBase, settings: RenderSettings | None = None):
        self.lessons_folder = (settings or RenderSettings()).lessons_folder
        self.entries = {
            kind: {entry.id: entry for entry in ref.content.entries}
            for kind, ref in kb.reference.items()
        }
        self.cases_by_id = {cf.case.id: cf.case for cf in kb.cases}
        self.procedures_by_id = {pf.procedure.id: pf.procedure for pf in kb.procedures}
        self.cases_for: dict[tuple[str, str], list] = defaultdict(list)
        for cf in sorted(kb.cases, key=lambda c: c.case.title):
            case = cf.case
            for use in case.principles:
                self.cases_for[("principles", use.principle)].append((case, use))
            for ref_id in case.complaint_categories:
                self.cases_for[("complaint-categories", ref_id)].append((case, None))
            for ref_id in case.customer_types:
                self.cases_for[("customer-types", ref_id)].append((case, None))
            for ref_id in case.forbidden_phrases:
                self.cases_for[("forbidden-phrases", ref_id)].append((case, None))

    def entry(self, kind: str, ref_id: str):
        return self.entries[kind][ref_id]

    def lesson_uri(self, lesson_id: str) -> str:
        """The page of a lesson (a Markdown file of lessons_dir, inside docs_dir)."""
        return f"{self.lessons_folder}/{lesson_id}.md" if self.lessons_folder else f"{lesson_id}.md"


def library_page(
    kb: KnowledgeBase, index: ReferenceIndex, settings: RenderSettings
) -> GeneratedPage:
    cases = sorted(
        (cf.case for cf in kb.cases), key=lambda c: (c.industry != HOME_INDUSTRY, c.title)
    )
    principles = sorted(index.entries.get("principles", {}).values(), key=lambda p: p.number)
    categories = list(index.entries.get("complaint-categories", {}).values())
    view = dict(
        cases=cases,
        tags=sorted({tag for case in cases for tag in case.tags}),
        industries=sorted({case.industry for case in cases}),
        principles=principles,
        categories=categories,
        category_titles={c.id: c.title for c in categories},
    )
    if all(is_plain_line(case.title) and is_plain_line(case.summary) for case in cases):
        # Markdown would make only its headings: written as HTML (see case_page).
        html, snippets = render_html_page(
            "library.html.j2", link=lambda to: settings.link(LIBRARY_URI, to), **view
        )
        return GeneratedPage(LIBRARY_URI, html, in_nav=True, snippets=snippets)
    return GeneratedPage(LIBRARY_URI, render_template("library.md.j2", **view), in_nav=True)


def case_page(
    case_file: CaseFile, index: ReferenceIndex, settings: RenderSettings
) -> GeneratedPage:
    case = case_file.case
    principles = [(index.entry("principles", use.principle), use) for use in case.principles]
    uri = f"cases/{case.id}.md"
    view = dict(
        case=case,
        reference_links={
            kind: settings.link(uri, f"reference/{kind}.md")
            for kind in ("complaint-categories", "principles")
        },
        principles=sorted(principles, key=lambda pair: pair[0].number),
        categories=[
            index.entry("complaint-categories", ref_id) for ref_id in case.complaint_categories
        ],
        customer_types=[index.entry("customer-types", ref_id) for ref_id in case.customer_types],
        forbidden_phrases=[
            index.entry("forbidden-phrases", ref_id) for ref_id in case.forbidden_phrases
        ],
        related=[
            index.cases_by_id[ref_id]
            for ref_id in case.related_cases
            if ref_id in index.cases_by_id
        ],
        procedures=[index.procedures_by_id[ref_id] for ref_id in case.related_procedures],
        source=case_file.doc.display,
        review=Review(case.reviewed, settings.today, settings.stale_after_days),
        trainer=settings.trainer,
    )
    page = dict(in_nav=False, source=case_file.doc.display, parent=LIBRARY_URI)
    if _all_plain(view):
        # Nothing for Markdown to do but the headings: written as HTML, at a tenth of the
        # CPU (tests/test_case_html.py holds it to the page case.md.j2 makes).
        link = settings.link
        html, snippets = render_html_page("case.html.j2", link=lambda to: link(uri, to), **view)
        return GeneratedPage(uri, html, snippets=snippets, **page)
    markdown, prose = render_page("case.md.j2", **view)
    return GeneratedPage(uri, markdown, prose=prose, **page)


def _all_plain(view: dict) -> bool:
    """Whether a case's page holds no Markdown but its headings: every field plain prose
    (a list's items one paragraph each), every name and summary one line."""
    case = view["case"]
    blocks = [case.scenario, *(use.note for _, use in view["principles"])]
    blocks += [case.handling] if case.handling else []
    blocks += [text for item in case.discussion for text in (item.question, item.trainer_notes)]
    items = [*case.went_wrong, *case.went_right, *case.prevention, *case.lessons]
    names = [case.summary, case.source, *(other.summary for other in view["related"])]
    names += [entry.title for entry, _ in view["principles"]]
    names += [
        entry.title for key in ("customer_types", "procedures", "related") for entry in view[key]
    ]
    names += [phrase.phrase for phrase in view["forbidden_phrases"]]
    return (
        all(map(is_plain, blocks))
        and all(is_plain(item, paragraphs=1) for item in items)
        and all(map(is_plain_line, names))
        and "`" not in view["source"]
    )


def reference_pages(
    kb: KnowledgeBase, index: ReferenceIndex, settings: RenderSettings
) -> list[GeneratedPage]:
    pages = []
    for kind in sorted(kb.reference):
        ref = kb.reference[kind]
        uri = f"reference/{kind}.md"
        entries = list(ref.content.entries)
        if kind == "principles":
            entries.sort(key=lambda entry: entry.number)
        # The lists of cases are HTML, kept out of Markdown (render/prose.py): at 5,000
        # cases they are most of these pages.
        markdown, prose = render_page(
            f"reference/{kind}.md.j2",
            link=lambda to, uri=uri: settings.link(uri, to),
            page=ref.content,
            entries=entries,
            cases_for=lambda ref_id, kind=kind: index.cases_for.get((kind, ref_id), []),
            source=ref.doc.display,
        )
        pages.append(GeneratedPage(uri, markdown, in_nav=True, source=ref.doc.display, prose=prose))
    return pages

"""Stage 3 of the pipeline: turn a checked knowledge base into Markdown pages.

Pages are plain data (``GeneratedPage``) so that any site builder can take them: the
MkDocs plugin adds them in memory, and another adapter could write them to a folder.
Python prepares view data; the Jinja2 templates in ``templates/`` only print it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.load import CaseFile, KnowledgeBase

TEMPLATES = Path(__file__).parent / "templates"
LIBRARY_URI = "cases/index.md"


@dataclass(frozen=True)
class GeneratedPage:
    """One page for the site: where it goes, its Markdown, and where it came from."""

    uri: str
    markdown: str
    in_nav: bool
    source: str | None = None


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~])")


def md_text(value: object) -> Markup:
    """Plain text made safe for a Markdown context: no HTML, no links, no emphasis."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(value))))


def md_block(value: str | None) -> Markup:
    """A field that is Markdown by design, passed through as written."""
    return Markup(value or "")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    # Built once per process: template compilation is not repeated per page.
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


def render_pages(kb: KnowledgeBase) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order."""
    index = _ReferenceIndex(kb)
    pages = [_library_page(kb, index)]
    pages += [_case_page(case_file, kb, index) for case_file in sorted(kb.cases, key=lambda c: c.case.id)]
    pages += _reference_pages(kb, index)
    return pages


class _ReferenceIndex:
    """Look-ups shared by all pages: entries by id and the cases that point at each."""

    def __init__(self, kb: KnowledgeBase):
        self.entries = {
            kind: {entry.id: entry for entry in ref.content.entries} for kind, ref in kb.reference.items()
        }
        self.cases_by_id = {cf.case.id: cf.case for cf in kb.cases}
        self.cases_for: dict[tuple[str, str], list] = defaultdict(list)
        for cf in sorted(kb.cases, key=lambda c: c.case.title):
            case = cf.case
            for use in case.principles:
                self.cases_for[("principles", use.principle)].append((case, use))
            for ref_id in case.complaint_categories:
                self.cases_for[("complaint-categories", ref_id)].append((case, None))
            for ref_id in case.customer_types:
                self.cases_for[("customer-types", ref_id)].append((case, None))

    def entry(self, kind: str, ref_id: str):
        return self.entries[kind][ref_id]


def _library_page(kb: KnowledgeBase, index: _ReferenceIndex) -> GeneratedPage:
    cases = sorted((cf.case for cf in kb.cases), key=lambda c: (c.industry != "物业", c.title))
    principles = sorted(index.entries.get("principles", {}).values(), key=lambda p: p.number)
    categories = list(index.entries.get("complaint-categories", {}).values())
    markdown = render_template(
        "library.md.j2",
        cases=cases,
        tags=sorted({tag for case in cases for tag in case.tags}),
        industries=sorted({case.industry for case in cases}),
        principles=principles,
        categories=categories,
        category_titles={c.id: c.title for c in categories},
    )
    return GeneratedPage(LIBRARY_URI, markdown, in_nav=True)


def _case_page(case_file: CaseFile, kb: KnowledgeBase, index: _ReferenceIndex) -> GeneratedPage:
    case = case_file.case
    principles = [(index.entry("principles", use.principle), use) for use in case.principles]
    markdown = render_template(
        "case.md.j2",
        case=case,
        principles=sorted(principles, key=lambda pair: pair[0].number),
        categories=[index.entry("complaint-categories", ref_id) for ref_id in case.complaint_categories],
        customer_types=[index.entry("customer-types", ref_id) for ref_id in case.customer_types],
        related=[index.cases_by_id[ref_id] for ref_id in case.related_cases if ref_id in index.cases_by_id],
        source=case_file.doc.display,
    )
    return GeneratedPage(f"cases/{case.id}.md", markdown, in_nav=False, source=case_file.doc.display)


def _reference_pages(kb: KnowledgeBase, index: _ReferenceIndex) -> list[GeneratedPage]:
    pages = []
    for kind in sorted(kb.reference):
        ref = kb.reference[kind]
        entries = list(ref.content.entries)
        if kind == "principles":
            entries.sort(key=lambda entry: entry.number)
        markdown = render_template(
            f"reference/{kind}.md.j2",
            page=ref.content,
            entries=entries,
            cases_for=lambda ref_id, kind=kind: index.cases_for.get((kind, ref_id), []),
            source=ref.doc.display,
        )
        pages.append(GeneratedPage(f"reference/{kind}.md", markdown, in_nav=True, source=ref.doc.display))
    return pages

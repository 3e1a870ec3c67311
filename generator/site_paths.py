"""Stage 2b of the pipeline: the addresses the site will have, checked before anything is built.

Two pages that land on one address (a case with id ``index`` and the case library, a bank
``tb`` whose answer key is ``tb-key`` next to a bank ``tb-key``, a hand-written page where a
generated one goes) would fail `mkdocs build` after MkDocs has emptied the site folder. Found
here, each is a content mistake at the line of the id that causes it, and `training-kb check`
reports the same.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import ContentError
from generator.load import KnowledgeBase
from generator.render import GeneratedPage, RenderSettings


def handwritten_pages(docs_dir: Path) -> list[str]:
    """The Markdown pages of docs_dir, as MkDocs names them (forward slashes)."""
    if not docs_dir.is_dir():
        return []
    pages = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in names:
            if name.endswith(".md") and not name.startswith("."):
                pages.append(Path(folder, name).relative_to(docs_dir).as_posix())
    return sorted(pages)


def address_collisions(
    kb: KnowledgeBase, pages: list[GeneratedPage], handwritten: list[str], settings: RenderSettings, docs_label: str
) -> list[ContentError]:
    """A mistake for every generated page whose address another page already has."""
    taken: dict[str, tuple[str, GeneratedPage | None]] = {}
    for uri in handwritten:
        taken[_address(uri, settings)] = (f"{docs_label}/{uri}", None)
    docs = _documents(kb)
    errors = []
    for page in pages:
        address = _address(page.uri, settings)
        if address not in taken:
            taken[address] = (page.source or page.uri, page)
            continue
        other, other_page = taken[address]
        shown = "/" + settings.site_path(page.uri)
        if other_page is None:
            message = f"生成的页面 {shown} 与手写的页面 {other} 同名：请给这一项改编号，或给手写页面改名"
        elif other_page.source is None or other_page.source == page.source:
            message = f"生成的页面 {shown} 与网站自带的页面重名（编号用了保留名）：请换一个编号"
        else:
            message = f"生成的页面 {shown} 与 {other} 生成的页面重名：请给其中一个改编号"
        errors.append(_at_id(page.source, docs, message))
    return errors


def _address(uri: str, settings: RenderSettings) -> str:
    path = settings.site_path(uri)
    return path + "index.html" if path.endswith("/") or not path else path


def _documents(kb: KnowledgeBase) -> dict:
    files = [*kb.cases, *kb.procedures, *kb.forms, *kb.banks, *kb.reference.values()]
    return {file.doc.display: file.doc for file in files}


def _at_id(source: str | None, docs: dict, message: str) -> ContentError:
    doc = docs.get(source or "")
    if doc is None:
        return ContentError(source or "mkdocs.yml", 1, 1, "", message)
    line, column = doc.locate(("id",))
    return ContentError(doc.display, line, column, "id", message)

"""Stage 2b of the pipeline: the addresses the site will have, checked before anything is built.

Two pages that land on one address (a case with id ``index`` and the case library, a bank
``tb`` whose answer key is ``tb-key`` next to a bank ``tb-key``, a hand-written page where a
generated one goes) would fail `mkdocs build` after MkDocs has emptied the site folder. Found
here, each is a content mistake at the line of the id that causes it, and `training-kb check`
reports the same. So is a link to a page the site will not have, at the line that holds it.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from generator import urls
from generator.errors import ContentError
from generator.knowledge_base import KnowledgeBase
from generator.messages import content as msg
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
    kb: KnowledgeBase,
    pages: list[GeneratedPage],
    handwritten: list[str],
    settings: RenderSettings,
    docs_label: str,
) -> list[ContentError]:
    """A mistake for every generated page whose address another page already has."""
    taken: dict[str, tuple[str, GeneratedPage | None]] = {}
    for uri in handwritten:
        taken[urls.html_file(uri, settings.directory_urls)] = (f"{docs_label}/{uri}", None)
    docs = _documents(kb)
    errors = []
    for page in pages:
        address = urls.html_file(page.uri, settings.directory_urls)
        if address not in taken:
            taken[address] = (page.source or page.uri, page)
            continue
        other, other_page = taken[address]
        shown = "/" + settings.site_path(page.uri)
        if other_page is None:
            message = msg.CLASHES_WITH_HANDWRITTEN.format(page=shown, other=other)
        elif other_page.source is None or other_page.source == page.source:
            message = msg.CLASHES_WITH_SITE.format(page=shown)
        else:
            message = msg.CLASHES_WITH_GENERATED.format(page=shown, other=other)
        errors.append(_at_id(page.source, docs, message))
    return errors


def _documents(kb: KnowledgeBase) -> dict:
    files = [*kb.cases, *kb.procedures, *kb.forms, *kb.banks, *kb.sessions, *kb.reference.values()]
    return {file.doc.display: file.doc for file in files}


def _at_id(source: str | None, docs: dict, message: str) -> ContentError:
    doc = docs.get(source or "")
    if doc is None:
        return ContentError(source or "mkdocs.yml", 1, 1, "", message)
    line, column = doc.locate(("id",))
    return ContentError(doc.display, line, column, "id", message)


# --- links between pages -------------------------------------------------------------

# A Markdown link or image: [text](target "title"); the target may be in <angle brackets>.
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_NOT_A_PAGE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/|#)", re.IGNORECASE)


def broken_links(
    kb: KnowledgeBase,
    pages: list[GeneratedPage],
    docs_dir: Path,
    handwritten: list[str],
    docs_label: str,
) -> list[ContentError]:
    """A mistake for every link to a page that the site will not have, at the line that holds
    it: the YAML field that wrote it into a generated page, or the line of a hand-written
    page. MkDocs would fail the strict build on it, naming only the generated page."""
    known = {page.uri for page in pages} | set(handwritten)
    docs = _documents(kb)
    errors = []
    for page in pages:
        for target in _missing_targets(page.uri, page.markdown, known):
            error = _at_text(page, target, docs)
            if error not in errors:  # a list page repeats a field its own page has
                errors.append(error)
    for uri in handwritten:
        text = (docs_dir / uri).read_text(encoding="utf-8", errors="replace")
        for target in _missing_targets(uri, text, known):
            line = text.count("\n", 0, text.find(f"]({target}")) + 1
            errors.append(
                ContentError(f"{docs_label}/{uri}", line, 1, "", _missing_message(target))
            )
    return errors


def _missing_targets(uri: str, markdown: str, known: set[str]) -> list[str]:
    if "](" not in markdown:
        return []
    folder = posixpath.dirname(uri)
    missing = []
    for match in _MARKDOWN_LINK.finditer(markdown):
        target = match.group(1)
        path = unquote(target.split("#", 1)[0])
        # Links to pages only: other files (pictures) are checked by MkDocs itself.
        if _NOT_A_PAGE.match(target) or not path.endswith(".md"):
            continue
        if posixpath.normpath(posixpath.join(folder, path)) not in known and target not in missing:
            missing.append(target)
    return missing


def _missing_message(target: str) -> str:
    return msg.MISSING_LINK_TARGET.format(target=target)


def _at_text(page: GeneratedPage, target: str, docs: dict) -> ContentError:
    doc = docs.get(page.source or "")
    where = msg.IN_GENERATED_PAGE.format(uri=page.uri)
    if doc is None:
        # A page made from many files (a list page): the field that wrote the link.
        for other in docs.values():
            for loc, text in _strings(other.data, ()):
                if f"]({target}" in text or f"](<{target}" in text:
                    return other.error(loc, _missing_message(target))
        return ContentError(page.source or page.uri, 1, 1, "", _missing_message(target) + where)
    for loc, text in _strings(doc.data, ()):
        if f"]({target}" in text or f"](<{target}" in text:
            return doc.error(loc, _missing_message(target))
    return ContentError(doc.display, 1, 1, "", _missing_message(target) + where)


def _strings(value, loc: tuple):
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))

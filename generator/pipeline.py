"""The whole core in two calls, shared by the MkDocs plugin, the CLI and the tests.

Nothing here knows MkDocs: ``read_knowledge_base`` loads and checks, ``render_pages``
(from render.py) turns the result into pages.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from generator import render
from generator.check import check_knowledge_base
from generator.errors import ContentErrors, display_path
from generator.knowledge_base import KnowledgeBase, Sources
from generator.load import ParsedFiles, load_knowledge_base
from generator.render import GeneratedPage, RenderMemo, RenderSettings
from generator.settings import CONTENT_FOLDERS
from generator.site_paths import address_collisions, broken_links, handwritten_pages

__all__ = [
    "GeneratedPage",
    "KnowledgeBase",
    "ParsedFiles",
    "RenderMemo",
    "Sources",
    "read_knowledge_base",
    "render_pages",
    "site_pages",
    "sources_for",
]


def sources_for(root: Path, **folders: str) -> Sources:
    """Where the content lives: the folders (options named as in settings.CONTENT_FOLDERS,
    relative to root) given, the defaults for the others."""
    if unknown := set(folders) - set(CONTENT_FOLDERS):
        raise TypeError(f"sources_for: unknown folder options {sorted(unknown)}")
    root = root.resolve()
    named = {**CONTENT_FOLDERS, **folders}
    return Sources(root=root, **{option: root / folder for option, folder in named.items()})


def read_knowledge_base(sources: Sources, parsed: ParsedFiles | None = None) -> KnowledgeBase:
    """Load and check every content file; raise ContentErrors listing all mistakes.

    ``parsed`` keeps files from an earlier call and re-reads only those changed since.
    """
    with _garbage_collector_paused():
        kb, errors = load_knowledge_base(sources, parsed)
        # Cross-references are checked even when some files failed, so one run shows all.
        errors += check_knowledge_base(kb)
    if errors:
        raise ContentErrors(errors)
    return kb


def render_pages(
    kb: KnowledgeBase, settings: RenderSettings | None = None, memo: RenderMemo | None = None
) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order (see generator.render).

    Settings default to today's; ``memo`` (the preview's) reuses pages whose sources did not
    change since its last run.
    """
    with _garbage_collector_paused():
        return render.render_pages(kb, settings or RenderSettings(), memo)


def site_pages(
    sources: Sources,
    settings: RenderSettings,
    docs_dir: Path,
    parsed: ParsedFiles | None = None,
    memo: RenderMemo | None = None,
) -> tuple[KnowledgeBase, list[GeneratedPage]]:
    """Load, check and render, then check the addresses of every page against each other and
    against the hand-written pages of ``docs_dir``: what `training-kb check` and the plugin
    both run, so that a project `check` passes is a project that builds."""
    kb = read_knowledge_base(sources, parsed)
    settings = replace(settings, lessons_folder=_folder_in(sources.lessons_dir, docs_dir))
    pages = render_pages(kb, settings, memo)
    label = display_path(docs_dir, sources.root)
    handwritten = handwritten_pages(docs_dir)
    errors = address_collisions(kb, pages, handwritten, settings, label)
    errors += broken_links(kb, pages, docs_dir, handwritten, label)
    if errors:
        raise ContentErrors(errors)
    return kb, pages


def _folder_in(folder: Path, docs_dir: Path) -> str:
    """A content folder as a page address prefix: its path inside docs_dir."""
    relative = Path(os.path.relpath(folder.resolve(), docs_dir.resolve())).as_posix()
    return "" if relative == "." else relative


@contextmanager
def _garbage_collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, then as it was before.

    Loading and rendering make a few hundred thousand small objects, and the collector,
    started by every 700 new ones, goes over those still alive again and again to free
    nothing: a sixth of the loading time, a tenth of rendering. Neither stage leaves
    reference cycles behind (gc.collect() after them finds none): nothing piles up.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

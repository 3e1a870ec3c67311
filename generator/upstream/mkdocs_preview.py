"""What the preview (`mkdocs serve --dirty`) needs from MkDocs 1.6 beyond its plugin API.

Why: MkDocs has no public way for a plugin to (1) say which pages changed, (2) keep a
strict-mode warning from aborting a preview rebuild (an aborted rebuild leaves the server
waiting, and every page request hangs until the next good build), or (3) let Material's tags
plugin see pages that a dirty build skips.

Assumes (mkdocs 1.6.1, mkdocs-material 9.8.x): `mkdocs serve` rebuilds through the name
``build`` of ``mkdocs.commands.serve``, looked up at each rebuild; in a dirty build MkDocs asks
``File.is_modified()`` before it reads and before it writes each page; strict mode counts
warnings with a ``mkdocs.utils.CountHandler`` attached to the ``mkdocs`` logger for the
length of ``build()``; the tags plugin collects a page's tags in its ``on_page_markdown``.

Delete when: MkDocs offers incremental builds to plugins (MkDocs 2 / Zensical), or the
preview stops using dirty builds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from generator.messages import site as msg

# MkDocs' own warning at every dirty build; the preview decides what changed itself.
DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"


def build_incrementally() -> None:
    """Make every build of this `mkdocs serve` a dirty one, as `--dirty` would: the site folder
    is kept, and only pages whose files say they changed are written (see ``set_modified``).
    MkDocs' warning about dirty builds is not shown: the preview decides what changed."""
    from mkdocs.commands import build as build_module
    from mkdocs.commands import serve as serve_module

    build = getattr(serve_module, "build", None)
    if build is None:
        raise PluginError(msg.MKDOCS_SERVE_CHANGED)
    if getattr(build, "training_dirty", False):
        return

    def dirty_build(config, *, serve_url=None, dirty=False):
        build(config, serve_url=serve_url, dirty=True)

    dirty_build.training_dirty = True  # type: ignore[attr-defined]
    serve_module.build = dirty_build
    build_module.log.addFilter(
        lambda record: not record.getMessage().startswith(DIRTY_BUILD_WARNING)
    )


def quiet_nav_while(broken: Callable[[], bool]) -> None:
    """While ``broken()``, MkDocs' complaints that the nav names pages not found are not
    printed: the generated pages are missing because the content has mistakes, which the
    preview has just listed."""
    logging.getLogger("mkdocs.structure.nav").addFilter(lambda record: not broken())


def set_modified(file: File, modified: bool) -> None:
    """Tell a dirty build whether to read and write this page again."""
    file.is_modified = (lambda: True) if modified else (lambda: False)  # type: ignore[method-assign]


def keep_strict_from_aborting(strict: bool) -> None:
    """Strict mode counts no warning in this build: a preview rebuild that aborts leaves the
    server answering no request until the next good one."""
    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    if strict and not counters:
        raise PluginError(msg.MKDOCS_STRICT_CHANGED)
    for counter in counters:
        counter.addFilter(lambda record: False)


def show_skipped_page_to_tags(page: Page, config: MkDocsConfig, files: Files) -> None:
    """A page that a dirty build skips is still read, so the tags index lists it."""
    tags = config.plugins.get("material/tags")
    if tags is None or not tags.config.enabled:
        return
    if page.markdown is None:
        page.read_source(config)
    if not hasattr(tags, "mappings") or tags.mappings is None:
        raise PluginError(msg.MATERIAL_TAGS_CHANGED)
    tags.on_page_markdown(page.markdown, page=page, config=config, files=files)


# --- the live-reload server ----------------------------------------------------------
# Assumes LiveReloadServer serves files from its ``root`` attribute, read at each request,
# answers a missing file through ``error_handler(404)`` (both set by `mkdocs serve`), and
# answers ``<mount path>livereload/<epoch>/<id>`` with the newest build's epoch.


def live_reload_url(server: LiveReloadServer) -> str:
    return f"{server.mount_path}livereload/"


def serve_instead(server: LiveReloadServer, empty_root: str, page: Callable[[], bytes]) -> None:
    """Answer every address with ``page``: files come from an empty folder, so each request
    falls through to the 404 handler, which returns the page."""
    if not hasattr(server, "root") or not hasattr(server, "error_handler"):
        raise PluginError(msg.MKDOCS_SERVER_CHANGED)
    original = getattr(server, "_training_site_handler", server.error_handler)
    server._training_site_handler = original  # type: ignore[attr-defined]
    server.root = empty_root
    server.error_handler = lambda code: page() if code == 404 else original(code)


def serve_site(server: LiveReloadServer, site_root: str) -> None:
    server.root = site_root
    original = getattr(server, "_training_site_handler", None)
    if original is not None:
        server.error_handler = original

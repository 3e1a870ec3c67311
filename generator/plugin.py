"""The MkDocs adapter: the only module that knows MkDocs.

It runs the core on the trainers' files and hands the pages it renders to MkDocs in
memory; nothing is written to docs_dir.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.config import TrainingConfig
from generator.errors import ContentErrors
from generator.pipeline import read_knowledge_base, render_pages, sources_for
from generator.render import LIBRARY_URI

log = logging.getLogger("mkdocs.plugins.training")

ASSETS = Path(__file__).parent / "assets"
ASSET_URI = "assets/training"
STYLESHEETS = ("training.css",)
SCRIPTS = ("library.js",)


class TrainingPlugin(BasePlugin[TrainingConfig]):
    supports_multiple_instances = False

    # Load and check all content now, before MkDocs empties the site folder (it does so
    # only after on_pre_build): a content mistake stops the build with nothing touched.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent
        self.sources = sources_for(root, self.config.cases_dir, self.config.reference_dir)
        try:
            self.kb = read_knowledge_base(self.sources)
        except ContentErrors as exc:
            raise PluginError("内容有错误，站点未生成：\n" + exc.report()) from None
        config.extra_css.extend(f"{ASSET_URI}/{name}" for name in STYLESHEETS)
        config.extra_javascript.extend(f"{ASSET_URI}/{name}" for name in SCRIPTS)
        return config

    # Add the generated pages and our assets as in-memory files. Case pages stay out of
    # the sidebar: the case library links to them, which keeps every page small.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        for page in render_pages(self.kb):
            if files.get_file_from_path(page.uri) is not None:
                raise PluginError(f"{config.docs_dir}/{page.uri} 与生成的页面同名，请改名或删除该文件")
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.uri, content=page.markdown, inclusion=inclusion))
        for name in STYLESHEETS + SCRIPTS:
            files.append(File.generated(config, f"{ASSET_URI}/{name}", abs_src_path=str(ASSETS / name)))
        return files

    # Remember the library page: case pages are not in the nav, so while one renders the
    # library is marked active instead, and the sidebar shows where the reader is.
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.library = next((page for page in nav.pages if page.file.src_uri == LIBRARY_URI), None)
        return nav

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        if self.library is not None and self._is_case_page(page):
            self.library.active = True
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.library is not None and self._is_case_page(page):
            self.library.active = False
        return output

    def _is_case_page(self, page: Page) -> bool:
        return page.file.generated_by == "training" and page.file.src_uri.startswith("cases/") and page.file.src_uri != LIBRARY_URI

    # While serving, rebuild when any YAML source changes, not only docs_dir.
    @event_priority(-100)
    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        if self.config.enabled:
            for folder in (self.sources.cases_dir, self.sources.reference_dir):
                if folder.is_dir():
                    server.watch(str(folder), recursive=True)
        return server

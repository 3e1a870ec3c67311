"""What the plugin adds to the built site once MkDocs has written it: the search index
(Pagefind's, marked per page, or Material's own, repaired) and the files for offline use
(service worker, web app manifest). MkDocs adapter side: the reaches into Material it needs
are in generator/upstream/.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.offline import build_version, manifest, precache_list, service_worker
from generator.pagefind import SearchIndexError, index_site
from generator.render import render_template
from generator.render.glossary import search_vocabulary
from generator.upstream import material_search
from generator.upstream.material_assets import missing_material_assets
from generator.upstream.material_search_worker import compact_search_index, repair_search_worker
from generator.upstream.pagefind_fragments import fragment_pages

log = logging.getLogger("mkdocs.plugins.training")

ASSETS = Path(__file__).parent / "assets"
THEME = Path(__file__).parent / "theme"
ASSET_URI = "assets/training"
STYLESHEETS = ("training.css", "quiz.css", "print.css")
SCRIPTS = ("library.js", "print.js", "quiz.js", "offline.js", "a11y.js")
# The preview registers no service worker: it would answer live-reload requests itself.
PREVIEW_SCRIPTS = tuple(name for name in SCRIPTS if name != "offline.js")
OTHER_ASSETS = ("icon.svg", "search-worker.js", "vendor/opencc-ts.json", "vendor/iframe-worker-shim.js")
SEARCH_WORKER = f"{ASSET_URI}/search-worker.js"
# The preview refreshes its search index once edits have paused this long (seconds).
PREVIEW_SEARCH_DELAY = 10.0


class SiteFinish:
    def __init__(self, config: MkDocsConfig, search: str, terms: list, serving: bool):
        # Our template additions (web app manifest, search worker) sit right above Material's.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        config.extra_css.extend(f"{ASSET_URI}/{name}" for name in STYLESHEETS)
        scripts = PREVIEW_SCRIPTS if serving else SCRIPTS
        config.extra_javascript.extend(f"{ASSET_URI}/{name}" for name in scripts)
        material_search.serve_shim_locally(config)
        self.pagefind = material_search.answer_with_pagefind(config) if search == "pagefind" else False
        if not self.pagefind:
            material_search.teach_segmenter(search_vocabulary(terms))
        self.pages_marked = 0
        self.serving = serving

    def asset_files(self, config: MkDocsConfig) -> list[File]:
        names = STYLESHEETS + SCRIPTS + OTHER_ASSETS
        return [File.generated(config, f"{ASSET_URI}/{name}", abs_src_path=str(ASSETS / name)) for name in names]

    def page_context(self, context):
        if self.pagefind:
            context["training_search_worker"] = SEARCH_WORKER
        return context

    def mark_page(self, output: str, page: Page) -> str:
        """Pagefind indexes only the pages marked here: quizzes and printouts stay out."""
        if not self.pagefind or _kept_out_of_search(page):
            return output
        marked = material_search.mark_for_pagefind(output)
        if marked is not output:
            self.pages_marked += 1
        return marked

    def finish_site(self, site: Path, config: MkDocsConfig) -> None:
        fragments = self._index(site) if self.pagefind else {}
        if not self.pagefind:
            if not repair_search_worker(site):
                raise PluginError("Material 的搜索脚本已变：中文查询修复无法应用（见 generator/upstream/material_search_worker.py）")
            # Before the offline plugin (priority -100) copies the index into its script.
            compact_search_index(site)
        skip = ("sw.js", "manifest.webmanifest")
        built = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name not in skip]
        if missing := missing_material_assets(built):
            raise PluginError(f"Material 的文件结构已变：找不到{'、'.join(missing)}（见 generator/upstream/material_assets.py）")
        precache = precache_list(built, config.use_directory_urls, fragments)
        (site / "sw.js").write_text(service_worker(build_version(site, built), precache), encoding="utf-8")
        (site / "manifest.webmanifest").write_text(manifest(config.site_name), encoding="utf-8")

    def finish_preview(self, site: Path, config: MkDocsConfig) -> None:
        """No service worker in the preview; the search index follows a little behind."""
        (site / "sw.js").write_text(render_template("sw-preview.js.j2"), encoding="utf-8")
        (site / "manifest.webmanifest").write_text(manifest(config.site_name), encoding="utf-8")
        if self.pagefind:
            _PreviewIndex.schedule(site)

    def _index(self, site: Path) -> dict[str, str]:
        if self.pages_marked == 0:
            raise PluginError("Material 的页面结构已变：没有一页能标记给 Pagefind（见 generator/upstream/material_search.py）")
        try:
            index_site(site)
            return fragment_pages(site)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None


class _PreviewIndex:
    """Pagefind over the preview's site, run in the background when edits pause: a save
    shows at once, and search catches up a few seconds later."""

    _timer: threading.Timer | None = None
    _lock = threading.Lock()

    @classmethod
    def schedule(cls, site: Path) -> None:
        if cls._timer is not None:
            cls._timer.cancel()
        cls._timer = threading.Timer(PREVIEW_SEARCH_DELAY, cls._run, (site,))
        cls._timer.daemon = True
        cls._timer.start()

    @classmethod
    def _run(cls, site: Path) -> None:
        with cls._lock:
            try:
                index_site(site)
            except (SearchIndexError, OSError) as exc:
                # Not a warning: strict mode would count it against the next rebuild.
                log.info(f"预览的搜索索引没有更新：{exc}")


def _kept_out_of_search(page: Page) -> bool:
    search = page.meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))

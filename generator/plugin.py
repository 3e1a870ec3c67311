"""The MkDocs adapter: the only module that knows MkDocs.

It runs the core on the trainers' files and hands the pages it renders to MkDocs in
memory; nothing is written to docs_dir.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from material.plugins.search.plugin import SearchIndex

from generator.config import TrainingConfig
from generator.errors import ContentErrors
from generator.offline import build_version, manifest, offline_page, precache_list, service_worker
from generator.pagefind import SearchIndexError, fragment_pages, index_site
from generator.pipeline import read_knowledge_base, render_pages, sources_for
from generator.render import RenderSettings, lesson_quiz_note
from generator.render.cjk import join_wrapped_lines
from generator.search_fix import compact_search_index, repair_search_worker
from generator.render.glossary import glossary_terms, link_terms, search_vocabulary

log = logging.getLogger("mkdocs.plugins.training")

ASSETS = Path(__file__).parent / "assets"
THEME = Path(__file__).parent / "theme"
ASSET_URI = "assets/training"
STYLESHEETS = ("training.css", "quiz.css", "print.css")
OTHER_ASSETS = ("icon.svg", "search-worker.js", "vendor/iframe-worker-shim.js")
SEARCH_WORKER = f"{ASSET_URI}/search-worker.js"
# Pages get Pagefind's mark on Material's article, unless they are kept out of search.
ARTICLE = '<article class="md-content__inner md-typeset">'
GLOSSARY_URI = "reference/glossary.md"
SCRIPTS = ("library.js", "print.js", "quiz.js", "offline.js", "a11y.js")


def teach_search_segmenter(words: list[str]) -> None:
    # Material's search segments Chinese with jieba, a process-wide segmenter: words added
    # here are kept whole when the search index is built later in the same build.
    try:
        import jieba
    except ImportError:  # search then indexes Chinese without segmentation
        return
    for word in words:
        jieba.add_word(word)


class TrainingPlugin(BasePlugin[TrainingConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.parents: dict[str, str] = {}
        self.nav_pages: dict[str, Page] = {}
        self.pagefind = False
        self.pages_marked = 0

    # Load and check all content now, before MkDocs empties the site folder (it does so
    # only after on_pre_build): a content mistake stops the build with nothing touched.
    # Runs after the other plugins' on_config, Material's search among them (_use_pagefind).
    @event_priority(-10)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent
        self.sources = sources_for(
            root,
            cases_dir=self.config.cases_dir,
            reference_dir=self.config.reference_dir,
            procedures_dir=self.config.procedures_dir,
            forms_dir=self.config.forms_dir,
            questions_dir=self.config.questions_dir,
            lessons_dir=self.config.lessons_dir,
        )
        try:
            self.kb = read_knowledge_base(self.sources)
        except ContentErrors as exc:
            raise PluginError("内容有错误，站点未生成：\n" + exc.report()) from None
        self.terms = glossary_terms(self.kb)
        self.pagefind = self._use_pagefind(config)
        self.pages_marked = 0
        if not self.pagefind:
            teach_search_segmenter(search_vocabulary(self.terms))
        # Lessons are pages of docs_dir; remember where they sit in it.
        try:
            lessons = self.sources.lessons_dir.relative_to(Path(config.docs_dir).resolve())
            self.lessons_prefix = lessons.as_posix().rstrip("/") + "/"
        except ValueError:
            self.lessons_prefix = "\0"  # lessons outside docs_dir: no page matches
        # Material's offline plugin loads its file:// search shim from a CDN; serve our
        # copy instead, so that not one request leaves the site.
        polyfills = config.extra.get("polyfills", [])
        config.extra["polyfills"] = [
            f"{ASSET_URI}/vendor/iframe-worker-shim.js" if "iframe-worker" in str(url) else url for url in polyfills
        ]
        # Our template additions (web app manifest) sit right above Material's templates.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        config.extra_css.extend(f"{ASSET_URI}/{name}" for name in STYLESHEETS)
        config.extra_javascript.extend(f"{ASSET_URI}/{name}" for name in SCRIPTS)
        return config

    # Pagefind needs a server: the file:// copy (Material's offline plugin) keeps
    # Material's search. With Pagefind, Material's search plugin stays for its search box
    # and page script but indexes nothing (its Chinese segmentation was the slowest part
    # of a build) and writes an index with no pages, which its script still loads.
    def _use_pagefind(self, config: MkDocsConfig) -> bool:
        offline = config.plugins.get("material/offline")
        if self.config.search != "pagefind" or (offline is not None and offline.config.enabled):
            return False
        material_search = config.plugins.get("material/search")
        if material_search is None or not material_search.config.enabled:
            return False
        material_search.search_index = _NothingIndexed(**material_search.config)
        return True

    # Add the generated pages and our assets as in-memory files. Case pages stay out of
    # the sidebar: the case library links to them, which keeps every page small.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        # site_url tells the core where printed QR codes should point.
        settings = RenderSettings(
            site_url=config.site_url or None,
            directory_urls=config.use_directory_urls,
            stale_after_days=self.config.stale_after_days,
        )
        self.parents = {}
        for page in render_pages(self.kb, settings):
            if page.parent:
                self.parents[page.uri] = page.parent
            if files.get_file_from_path(page.uri) is not None:
                raise PluginError(f"{config.docs_dir}/{page.uri} 与生成的页面同名，请改名或删除该文件")
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.uri, content=page.markdown, inclusion=inclusion))
        offline = offline_page(self.kb)
        files.append(File.generated(config, offline.uri, content=offline.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        for name in STYLESHEETS + SCRIPTS + OTHER_ASSETS:
            files.append(File.generated(config, f"{ASSET_URI}/{name}", abs_src_path=str(ASSETS / name)))
        return files

    # Pages kept out of the nav (cases, procedures, printouts) mark their parent page
    # (the library, the procedure list) active while they render, so the sidebar still
    # shows where the reader is. MkDocs resets `active` after each page; we do the same.
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav_pages = {page.file.src_uri: page for page in nav.pages}
        return nav

    # Hand-written pages and case pages get their glossary terms linked (first mention
    # each), and a lesson with a question bank ends with a link to its quiz. This runs on
    # the Markdown in memory: the trainers' files are never rewritten.
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        src = page.file.src_uri
        generated = page.file.generated_by is not None
        if not generated and src.startswith(self.lessons_prefix):
            note = lesson_quiz_note(self.kb, Path(src).stem)
            if note:
                markdown = f"{markdown.rstrip()}\n\n{note}"
        is_case = generated and src.startswith("cases/") and src != "cases/index.md"
        if (not generated or is_case) and src != GLOSSARY_URI:
            href = posixpath.relpath(GLOSSARY_URI, posixpath.dirname(src) or ".")
            markdown = link_terms(markdown, self.terms, href)
        return markdown

    # Chinese wrapped over several source lines would show a space at every wrap.
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return join_wrapped_lines(html) if self.config.enabled else None

    # While a page kept out of the nav renders, its parent page is marked active (see on_nav).
    # With Pagefind, the page's configuration names our search worker (theme/main.html).
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        parent = self._parent(page)
        if parent is not None:
            parent.active = True
        if self.pagefind:
            context["training_search_worker"] = SEARCH_WORKER
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        parent = self._parent(page)
        if parent is not None:
            parent.active = False
        if self.pagefind and not _kept_out_of_search(page) and ARTICLE in output:
            output = output.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1)
            self.pages_marked += 1
        return output

    def _parent(self, page: Page) -> Page | None:
        parent_uri = self.parents.get(page.file.src_uri) if page.file.generated_by == "training" else None
        return self.nav_pages.get(parent_uri) if parent_uri else None

    # The service worker needs the finished site: it lists the files to keep offline and
    # is named after a hash of the whole build, so a new build replaces the old copy.
    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        fragments = {}
        if self.pagefind:
            if self.pages_marked == 0:
                # Pagefind would then index every page, quizzes and answer keys included.
                log.warning("Material's page layout has changed: no page was marked for Pagefind's index")
            try:
                index_site(site)
            except SearchIndexError as exc:
                raise PluginError(str(exc)) from None
            fragments = fragment_pages(site)
        else:
            if not repair_search_worker(site):
                log.info("Material's search worker has changed; Chinese query repair not applied")
            # Before the offline plugin (priority -100) copies the index into its script.
            compact_search_index(site)
        built = [
            path.relative_to(site).as_posix()
            for path in site.rglob("*")
            if path.is_file() and path.name not in ("sw.js", "manifest.webmanifest")
        ]
        precache = precache_list(built, config.use_directory_urls, fragments)
        (site / "sw.js").write_text(service_worker(build_version(site, built), precache), encoding="utf-8")
        (site / "manifest.webmanifest").write_text(manifest(config.site_name), encoding="utf-8")

    # While serving, rebuild when any YAML source changes, not only docs_dir.
    @event_priority(-100)
    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        if self.config.enabled:
            sources = self.sources
            for folder in (sources.cases_dir, sources.reference_dir, sources.procedures_dir, sources.forms_dir, sources.questions_dir):
                if folder.is_dir():
                    server.watch(str(folder), recursive=True)
        return server


class _NothingIndexed(SearchIndex):
    """Material's search index with no pages in it: Pagefind indexes the site instead."""

    def add_entry_from_context(self, page: Page) -> None:
        pass


def _kept_out_of_search(page: Page) -> bool:
    search = page.meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))

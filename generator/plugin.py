"""The MkDocs adapter: runs the core on the trainers' files and hands MkDocs the pages it
renders, in memory; nothing is written to docs_dir. Under `mkdocs serve` it also runs the
preview (generator/preview.py): an error page instead of a stalled server, and rebuilds that
redo only what changed.
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

from generator.config import TrainingConfig
from generator.errors import ContentErrors
from generator.offline import offline_page
from generator.pipeline import site_pages, sources_for
from generator.preview import Preview
from generator.render import RenderSettings, lesson_quiz_note
from generator.render.cjk import join_wrapped_lines
from generator.render.glossary import glossary_terms, link_terms
from generator.site_finish import SiteFinish

log = logging.getLogger("mkdocs.plugins.training")

ASSETS = Path(__file__).parent / "assets"
THEME = Path(__file__).parent / "theme"
ASSET_URI = "assets/training"
STYLESHEETS = ("training.css", "quiz.css", "print.css")
OTHER_ASSETS = ("icon.svg", "search-worker.js", "vendor/opencc-ts.json", "vendor/iframe-worker-shim.js")
SCRIPTS = ("library.js", "print.js", "quiz.js", "offline.js", "a11y.js")
# The preview registers no service worker: it would answer live-reload requests itself.
PREVIEW_SCRIPTS = tuple(name for name in SCRIPTS if name != "offline.js")
GLOSSARY_URI = "reference/glossary.md"


class TrainingPlugin(BasePlugin[TrainingConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.preview: Preview | None = None
        self.pages, self.parents, self.nav_pages = [], {}, {}

    # Defining on_startup keeps this object across the preview's rebuilds, and with it the
    # files parsed and pages rendered so far.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview = Preview() if command == "serve" else None

    # Load, check and render everything now, before MkDocs empties the site folder (it does
    # so only after on_pre_build): a mistake stops `mkdocs build` with nothing touched, and
    # turns the preview into its error page. Runs after the other plugins' on_config.
    @event_priority(-10)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        preview = self.preview
        if preview is not None:
            preview.start()
        root = Path(config.config_file_path).parent
        self.sources = sources_for(root, **{key: self.config[key] for key in _FOLDERS})
        settings = RenderSettings(
            site_url=None if preview else config.site_url or None,
            directory_urls=config.use_directory_urls,
            stale_after_days=self.config.stale_after_days,
            preview=preview is not None,
            edition=self.config.edition,
        )
        try:
            self.kb, self.pages = site_pages(
                self.sources, settings, Path(config.docs_dir), *((preview.parsed, preview.memo) if preview else ())
            )
        except ContentErrors as exc:
            if preview is None:
                raise PluginError("内容有错误，站点未生成：\n" + exc.report()) from None
            preview.content_failed(exc.errors)
            self.kb, self.pages = None, []
        self.terms = glossary_terms(self.kb) if self.kb else []
        self.finish = SiteFinish(config, self.config.search, self.terms, serving=preview is not None)
        self.lessons_prefix = _prefix_in(self.sources.lessons_dir, Path(config.docs_dir))
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        config.extra_css.extend(f"{ASSET_URI}/{name}" for name in STYLESHEETS)
        scripts = PREVIEW_SCRIPTS if preview else SCRIPTS
        config.extra_javascript.extend(f"{ASSET_URI}/{name}" for name in scripts)
        return config

    # Add the generated pages and our assets as in-memory files. Case pages stay out of the
    # sidebar: the case library links to them, and shows as active while they are read.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.parents = {page.uri: page.parent for page in self.pages if page.parent}
        pages = [*self.pages, offline_page(self.kb)] if self.kb else []
        for page in pages:
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.uri, content=page.markdown, inclusion=inclusion))
        for name in STYLESHEETS + SCRIPTS + OTHER_ASSETS:
            files.append(File.generated(config, f"{ASSET_URI}/{name}", abs_src_path=str(ASSETS / name)))
        self.files = files
        return files

    # The nav is known: the preview decides which pages a dirty rebuild writes again.
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav_pages = {page.file.src_uri: page for page in nav.pages}
        if self.config.enabled and self.preview is not None:
            generated = {page.uri: page.markdown for page in self.pages}
            notes = {uri: self._lesson_note(uri) for uri in (f.src_uri for f in files.documentation_pages())}
            self.preview.choose_pages(files, nav, config, generated, (tuple(self.terms), notes))
        return nav

    # Before Material's tags plugin (priority 100) lists the tags: pages a dirty rebuild
    # left alone are shown to it; Material's templates are compiled once per preview.
    @event_priority(150)
    def on_env(self, env, config: MkDocsConfig, files: Files):
        if self.config.enabled and self.preview is not None:
            env.bytecode_cache = self.preview.bytecode
            self.preview.prepare_skipped(config, files)
        return env

    # Hand-written pages and case pages get their glossary terms linked (first mention
    # each), and a lesson with a question bank ends with a link to its quiz. This runs on
    # the Markdown in memory: the trainers' files are never rewritten.
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.kb is None:
            return None
        src = page.file.src_uri
        generated = page.file.generated_by is not None
        note = None if generated else self._lesson_note(src)
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

    # While a page kept out of the nav renders, its parent page is marked active, so the
    # sidebar still shows where the reader is; MkDocs resets `active` after each page.
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        if not self.config.enabled:
            return context
        self._set_parent_active(page, True)
        return self.finish.page_context(context)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        self._set_parent_active(page, False)
        return self.finish.mark_page(output, page)

    # The service worker and the search index need the finished site. The preview leaves
    # Pagefind to `mkdocs build` and shows its error page while something is wrong.
    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        if self.preview is None:
            self.finish.finish_site(site, config)
            return
        self.finish.finish_preview(site, config)
        self.preview.finish(self.files, config, site)

    # While serving, rebuild when any YAML source changes, not only docs_dir.
    @event_priority(-100)
    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        if self.config.enabled:
            for folder in _FOLDERS:
                if getattr(self.sources, folder).is_dir() and folder != "lessons_dir":
                    server.watch(str(getattr(self.sources, folder)), recursive=True)
            if self.preview is not None:
                self.preview.serving(server, config)
        return server

    def _lesson_note(self, src: str) -> str | None:
        if self.kb is None or not src.startswith(self.lessons_prefix):
            return None
        return lesson_quiz_note(self.kb, Path(src).stem)

    def _set_parent_active(self, page: Page, active: bool) -> None:
        parent_uri = self.parents.get(page.file.src_uri) if page.file.generated_by == "training" else None
        parent = self.nav_pages.get(parent_uri) if parent_uri else None
        if parent is not None:
            parent.active = active


_FOLDERS = ("cases_dir", "reference_dir", "procedures_dir", "forms_dir", "questions_dir", "lessons_dir", "sessions_dir")


def _prefix_in(folder: Path, docs_dir: Path) -> str:
    """Where a folder of docs_dir sits in it, as a page uri prefix ("\\0": not inside)."""
    try:
        return folder.relative_to(docs_dir.resolve()).as_posix().rstrip("/") + "/"
    except ValueError:
        return "\0"

"""The MkDocs adapter: runs the core on the trainers' files and hands MkDocs the pages it
renders, in memory; nothing is written to docs_dir. Under `mkdocs serve` it also runs the
preview (generator/preview.py): an error page instead of a stalled server, and rebuilds that
redo only what changed. What it adds around the pages is in generator/site_finish.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.config import FOLDER_OPTIONS, TrainingConfig
from generator.errors import ContentErrors
from generator.messages import site as msg
from generator.offline import offline_page
from generator.pipeline import site_pages, sources_for
from generator.preview import Preview
from generator.render import RenderSettings
from generator.render.additions import PageAdditions
from generator.render.sanitize import PageHtml
from generator.site_finish import SiteFinish
from generator.upstream.mkdocs_nav import ActiveParents
from generator.upstream.mkdocs_page import HtmlPages


class TrainingPlugin(BasePlugin[TrainingConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.preview: Preview | None = None
        self.pages, self.parents = [], ActiveParents([])

    # Defining on_startup keeps this object, what it parsed and rendered, across rebuilds.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview = Preview() if command == "serve" else None

    # Load, check and render everything now, before MkDocs empties the site folder (it does
    # so only after on_pre_build): a mistake stops `mkdocs build` with nothing touched, and
    # turns the preview into its error page. Runs after the other plugins' on_config.
    @event_priority(-10)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if (preview := self.preview) is not None:
            preview.start(config.strict)
        self.sources = sources_for(
            Path(config.config_file_path).parent, **{k: self.config[k] for k in FOLDER_OPTIONS}
        )
        settings = RenderSettings(
            site_url=None if preview else config.site_url or None,
            directory_urls=config.use_directory_urls,
            stale_after_days=self.config.stale_after_days,
            preview=preview is not None,
            edition=self.config.edition,
        )
        kept = (preview.parsed, preview.memo) if preview else ()
        try:
            self.kb, self.pages = site_pages(self.sources, settings, Path(config.docs_dir), *kept)
        except ContentErrors as exc:
            if preview is None:
                raise PluginError(msg.BUILD_REFUSED.format(report=exc.report())) from None
            preview.content_failed(exc.errors)
            self.kb, self.pages = None, []
        docs_dir, directory_urls = Path(config.docs_dir), config.use_directory_urls
        self.additions = PageAdditions(self.kb, self.sources.lessons_dir, docs_dir, directory_urls)
        self.html = PageHtml(self.pages, self.config.raw_html, self.additions.link_terms)
        self.html_pages = HtmlPages(self.pages, every_page=preview is None)
        self.finish = SiteFinish(
            config, self.config.search, self.additions.terms, serving=preview is not None
        )
        return config

    # Our pages and assets as in-memory files; case pages stay out of the sidebar.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.parents = ActiveParents(self.pages)
        pages = [*self.pages, offline_page(self.kb)] if self.kb else []
        for file in self.finish.site_files(config, pages):
            files.append(file)
        self.files = files
        return files

    # The nav is known: the preview decides which pages a dirty rebuild writes again.
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.parents.use_nav(nav)
        if self.config.enabled and self.preview is not None:
            every_page = not self.finish.pagefind
            self.preview.choose_pages(files, nav, config, self.pages, self.additions, every_page)
        return nav

    # Before Material's tags plugin (100): the shared sidebar, the preview's skipped pages.
    @event_priority(150)
    def on_env(self, env, config: MkDocsConfig, files: Files):
        if self.config.enabled:
            self.finish.environment(env, config)
        if self.config.enabled and self.preview is not None:
            self.preview.prepare_env(env, config, files)
        return env

    # Lessons' quiz notes (render/additions.py); pages written as HTML skip Markdown.
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled or self.kb is None:
            return None
        self.html_pages.take(page)
        return self.additions.apply(page.file.src_uri, markdown, page.file.generated_by is not None)

    # Prose put back, glossary linked, HTML cleaned, lines joined (render/sanitize.py).
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files):
        generated = page.file.generated_by is not None
        return self.html.finish(page.file.src_uri, html, generated) if self.config.enabled else None

    # While a page kept out of the nav renders, its parent page is marked active, so the
    # sidebar still shows where the reader is; MkDocs resets `active` after each page.
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        self.parents.mark(page, True)
        return self.finish.page_context(context) if self.config.enabled else context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.parents.mark(page, False)
        return self.finish.mark_page(output, page) if self.config.enabled else output

    # The service worker and the search index need the finished site. The preview leaves
    # Pagefind to `mkdocs build` and shows its error page while something is wrong.
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.config.enabled and self.preview is None:
            self.finish.finish_site(Path(config.site_dir), config)
        elif self.config.enabled:
            self.finish.finish_preview(Path(config.site_dir), config)
            self.preview.finish(self.files, config, Path(config.site_dir))

    # While serving, rebuild when any YAML source changes, not only docs_dir.
    @event_priority(-100)
    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        if self.config.enabled:
            for option in FOLDER_OPTIONS:
                folder = getattr(self.sources, option)
                if folder.is_dir() and option != "lessons_dir":  # lessons: in docs_dir, watched
                    server.watch(str(folder), recursive=True)
            if self.preview is not None:
                self.preview.serving(server, config)
        return server

"""The trainer's preview under `mkdocs serve`: the MkDocs side of a fast, honest edit loop.

- Content mistakes never stop the server: the preview serves an error page listing them at
  every address, and reloads into the content once the files are fixed.
- A rebuild re-reads only the files that changed (``ParsedFiles``), re-renders only the
  pages whose sources changed (``RenderMemo``), and has MkDocs write only the pages whose
  Markdown or surroundings changed (each rebuild is a dirty one, as with ``--dirty``).
  Every page written equals what a full build writes; Pagefind is left to `mkdocs build`.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import time
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section

from generator.error_page import error_page
from generator.errors import ContentError
from generator.load import ParsedFiles
from generator.messages import site as msg
from generator.render import GeneratedPage, RenderMemo
from generator.render.additions import PageAdditions
from generator.upstream import mkdocs_preview
from generator.upstream.mkdocs_preview import set_modified

log = logging.getLogger("mkdocs.plugins.training")

# A hand-written page that lists other pages' tags must be written again at every build.
_TAGS_LISTING = "<!-- material/tags"


class Preview:
    """What the preview keeps from one rebuild to the next (the plugin persists under serve)."""

    def __init__(self) -> None:
        mkdocs_preview.build_incrementally()
        mkdocs_preview.quiet_nav_while(lambda: bool(self.errors))
        self.parsed = ParsedFiles()
        self.memo = RenderMemo()
        self.bytecode = _TemplateCache()
        self.errors: list[ContentError] = []
        self.server: LiveReloadServer | None = None
        self._error_root = tempfile.mkdtemp(prefix="training-preview-errors-")
        self._site_root: str | None = None
        self._error_html = b""
        # What the pages in the site folder were written from, by source uri; empty after a
        # failed build, so that the next one writes everything.
        self._written: dict[str, object] = {}
        self._anchors: dict[str, set[str] | None] = {}
        self._surroundings: object = None
        self._skipped: list[File] = []
        self._started = 0.0
        self._inputs_of: dict[str, object] = {}

    # --- one rebuild ---------------------------------------------------------------------

    def start(self, strict: bool) -> None:
        self._started = time.monotonic()
        self.errors = []
        # MkDocs prints its warnings (a broken link in a lesson) as usual, and `make site`
        # fails on them; they do not change what a page shows, so the preview goes on.
        mkdocs_preview.keep_strict_from_aborting(strict)

    def content_failed(self, errors: list[ContentError]) -> None:
        self.errors = errors
        # The timestamp keeps MkDocs from dropping a report it has printed before.
        report = "\n".join(str(error) for error in sorted(set(errors)))
        log.error(
            msg.PREVIEW_FAILED.format(
                time=time.strftime("%H:%M:%S"), count=len(set(errors)), report=report
            )
        )

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def choose_pages(
        self,
        files: Files,
        nav: Navigation,
        config: MkDocsConfig,
        pages: list[GeneratedPage],
        additions: PageAdditions,
        every_page: bool = False,
    ) -> None:
        """Mark each page modified or not for a dirty build: a page is written again when what
        it is made from changed, or anything every page shows (the nav, the page list, the
        configuration) did: for the plugin's ``pages`` their Markdown, for hand-written pages
        their file and what ``additions`` adds to them (glossary links, quiz notes).
        ``every_page`` writes them all (Material's own search indexes pages as they are written)."""
        generated = {page.uri: (page.markdown, page.prose, page.snippets) for page in pages}
        self._skipped = []
        if self.errors:
            # Nothing is written while the content is broken: the site folder keeps the last
            # good pages, and the next good build starts from them.
            for file in files.documentation_pages():
                set_modified(file, False)
            return
        added = additions.inputs([file.src_uri for file in files.documentation_pages()])
        surroundings = _surroundings(files, nav, config)
        keep = surroundings == self._surroundings and not every_page
        self._surroundings = surroundings
        for file in files.documentation_pages():
            key = generated.get(file.src_uri)
            if key is None:
                key = _handwritten_key(file, added)
            unchanged = keep and key is not None and self._written.get(file.src_uri) == key
            set_modified(file, not unchanged)
            if unchanged:
                self._skipped.append(file)
            self._inputs_of[file.src_uri] = key

    def prepare_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> None:
        """Templates compiled once per preview; pages left as written: their anchors for
        link checks, their tags for the index."""
        env.bytecode_cache = self.bytecode
        if self.errors:
            return
        for file in self._skipped:
            file.page.present_anchor_ids = self._anchors.get(file.src_uri)
            mkdocs_preview.show_skipped_page_to_tags(file.page, config, files)

    def finish(self, files: Files, config: MkDocsConfig, site_dir: Path) -> None:
        if not self.failed:
            skipped = {file.src_uri for file in self._skipped}
            current = {}
            for file in files.documentation_pages():
                current[file.src_uri] = self._inputs_of.get(file.src_uri)
                if file.src_uri not in skipped:
                    self._anchors[file.src_uri] = (
                        file.page.present_anchor_ids if file.page else None
                    )
            # Pages gone since the last build (a deleted case) are gone from the preview too.
            for uri, _ in self._written.items():
                if uri not in current:
                    _remove_page(files, uri, config, site_dir)
            self._written = current
        self._inputs_of = {}
        self._show(config)
        if not self.failed:
            written = len(files.documentation_pages()) - len(self._skipped)
            seconds = time.monotonic() - self._started
            log.info(msg.PREVIEW_UPDATED.format(written=written, seconds=seconds))

    # --- serving -------------------------------------------------------------------------

    def serving(self, server: LiveReloadServer, config: MkDocsConfig) -> None:
        self.server = server
        self._site_root = server.root
        self._show(config)

    def _show(self, config: MkDocsConfig) -> None:
        """While something is wrong, every address answers with the error page."""
        if self.server is None:
            return
        if self.failed:
            root = Path(config.config_file_path).parent
            poll = mkdocs_preview.live_reload_url(self.server)
            self._error_html = error_page(self.errors, root, poll).encode("utf-8")
            mkdocs_preview.serve_instead(self.server, self._error_root, lambda: self._error_html)
        elif self._site_root is not None:
            mkdocs_preview.serve_site(self.server, self._site_root)


class _TemplateCache(jinja2.BytecodeCache):
    """Material's templates compiled once per preview, not once per rebuild."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _surroundings(files: Files, nav: Navigation, config: MkDocsConfig) -> object:
    """What every page shows besides its own content: a change means writing all pages."""
    config_text = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    return (
        hashlib.sha256(config_text).hexdigest(),
        _nav_outline(nav.items),
        tuple(sorted(file.src_uri for file in files)),
        _theme_stamps(config),
    )


def _theme_stamps(config: MkDocsConfig) -> tuple:
    """The templates a site may change while the preview runs (its custom_dir, our own theme
    folder); installed themes change only with a restart."""
    stamps = []
    for folder in config.theme.dirs:
        if "site-packages" in Path(folder).parts:
            continue
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                stamps.append((str(path), path.stat().st_mtime_ns))
    return tuple(stamps)


def _nav_outline(items) -> tuple:
    outline = []
    for item in items:
        children = _nav_outline(item.children) if isinstance(item, Section) else ()
        # A page with no title in the nav takes its own heading: unknown until read.
        outline.append((type(item).__name__, item.title, getattr(item, "url", None), children))
    return tuple(outline)


def _handwritten_key(file: File, added: object) -> object:
    if file.abs_src_path is None:
        return None
    path = Path(file.abs_src_path)
    stat = path.stat()
    if _TAGS_LISTING in path.read_text(encoding="utf-8", errors="replace"):
        return None  # lists every page's tags: written every time
    return (stat.st_mtime_ns, stat.st_size, added)


def _remove_page(files: Files, uri: str, config: MkDocsConfig, site_dir: Path) -> None:
    stale = File(uri, config.docs_dir, str(site_dir), config.use_directory_urls)
    path = Path(stale.abs_dest_path)
    if path.is_file():
        path.unlink()

"""What the plugin adds to the built site once MkDocs has written it: the search index
(Pagefind's, marked per page, or Material's own, repaired) and the files for offline use
(service worker, web app manifest). MkDocs adapter side: the reaches into Material it needs
are in generator/upstream/.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from generator.messages import LIST_SEPARATOR
from generator.messages import site as msg
from generator.offline import build_version, manifest, page_url, service_worker
from generator.offline_pack import (
    PACK_BUDGET,
    PACK_MANIFEST,
    PACK_SEARCH_DIR,
    choose_pack,
    is_duty_page,
    pack_groups,
    pack_manifest,
    pack_pages,
    search_files,
)
from generator.pagefind import (
    COPIES,
    PAGEFIND_DIR,
    SearchIndex,
    SearchIndexError,
    SearchService,
    index_copies,
    index_site,
)
from generator.precompress import compressible, precompress_files
from generator.render import GeneratedPage, render_template
from generator.render.glossary import search_vocabulary
from generator.search_pages import pages_glob, search_page, write_pages
from generator.upstream import material_search
from generator.upstream.material_assets import missing_material_assets
from generator.upstream.material_language import share_translations
from generator.upstream.material_nav import share_navigation
from generator.upstream.material_search_worker import compact_search_index, repair_search_worker

log = logging.getLogger("mkdocs.plugins.training")

ASSETS = Path(__file__).parent / "assets"
THEME = Path(__file__).parent / "theme"
ASSET_URI = "assets/training"
# Our styles, written into pages as one stylesheet (STYLESHEET): one request, not three,
# before a phone can draw the page.
STYLESHEETS = ("training.css", "quiz.css", "print.css")
STYLESHEET = "site.css"
# Scripts every page loads, deferred: none holds up the first paint.
SCRIPTS = ("loader.js", "offline.js", "a11y.js")
# The preview registers no service worker: it would answer live-reload requests itself.
PREVIEW_SCRIPTS = tuple(name for name in SCRIPTS if name != "offline.js")
# Scripts loader.js fetches on the pages that use them (the quiz engine only on quiz pages).
FEATURE_SCRIPTS = ("library.js", "print.js", "quiz.js")
OTHER_ASSETS = (
    "icon.svg",
    "search-worker.js",
    "vendor/opencc-ts.json",
    "vendor/iframe-worker-shim.js",
)
# The page shown for a page not saved, fetched when the service worker installs.
OFFLINE_PAGE = "offline/index.html"
SEARCH_WORKER = f"{ASSET_URI}/search-worker.js"
# Pagefind's copies of the pages go to shared memory if it has this much room, which holds
# 100,000 copies of case pages (9 KB each) and leaves Docker's usual 64 MB alone.
SHARED_MEMORY = "/dev/shm"
SCRATCH_ROOM = 1_000_000_000
# The preview refreshes its search index once edits have paused this long (seconds).
PREVIEW_SEARCH_DELAY = 10.0


class SiteFinish:
    def __init__(self, config: MkDocsConfig, search: str, terms: list, serving: bool):
        # Our template additions (web app manifest, search worker) sit right above Material's.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        config.extra_css.append(f"{ASSET_URI}/{STYLESHEET}")
        config.extra_javascript.extend(
            _deferred(f"{ASSET_URI}/{name}") for name in (PREVIEW_SCRIPTS if serving else SCRIPTS)
        )
        material_search.serve_shim_locally(config)
        self.pagefind = (
            material_search.answer_with_pagefind(config) if search == "pagefind" else False
        )
        # Where a service worker runs: a built site served over http(s), not the preview,
        # not the copy for the file system.
        self.offline_use = not serving and not material_search.builds_file_copy(config)
        if not self.pagefind:
            material_search.teach_segmenter(search_vocabulary(terms))
        self.marked_pages: set[str] = set()  # paths in the site
        # Pagefind reads what it indexes of the marked pages from copies (search_page), in a
        # folder removed once it has finished (or when the build fails before).
        self._search_pages = (
            tempfile.TemporaryDirectory(prefix="training-search-", dir=_scratch_folder())
            if self.pagefind and not serving
            else None
        )
        self._copies: dict[str, bytes] = {}  # path in the site → its copy, until written
        self.serving = serving
        if not serving:
            # What is loaded and rendered by now stays to the build's end, and Python's
            # cyclic collector would go over it again and again while MkDocs makes the pages
            # (0.31 -> 0.21 CPU s of collecting at 1,000 cases); finish_site hands it back.
            # Not in the preview: there it would also hold what earlier rebuilds left.
            gc.freeze()

    def site_files(self, config: MkDocsConfig, pages: list[GeneratedPage]) -> list[File]:
        """The generated pages, in memory (pages kept out of the sidebar are reached from
        their parent page), and our assets."""
        files = [
            File.generated(config, page.uri, content=page.markdown, inclusion=_inclusion(page))
            for page in pages
        ]
        return files + self._asset_files(config)

    def _asset_files(self, config: MkDocsConfig) -> list[File]:
        names = SCRIPTS + FEATURE_SCRIPTS + OTHER_ASSETS
        files = [
            File.generated(config, f"{ASSET_URI}/{name}", abs_src_path=str(ASSETS / name))
            for name in names
        ]
        styles = "\n".join((ASSETS / name).read_text(encoding="utf-8") for name in STYLESHEETS)
        return [*files, File.generated(config, f"{ASSET_URI}/{STYLESHEET}", content=styles)]

    def environment(self, env, config: MkDocsConfig) -> None:
        """What our templates ask of this build's Jinja environment (theme/partials/: the
        sidebar written once for the pages that share it, Material's words looked up once)."""
        share_navigation(env, config)
        share_translations(env, config)

    def page_context(self, context):
        if self.pagefind:
            context["training_search_worker"] = SEARCH_WORKER
        page = context.get("page")
        if self.offline_use and page is not None and is_duty_page(page.file.dest_uri):
            context["training_offline_control"] = {"budget_mb": PACK_BUDGET // 1_000_000}
        return context

    def mark_page(self, output: str, page: Page) -> str:
        """Pagefind indexes only the pages marked here: quizzes and printouts stay out."""
        if not self.pagefind or _kept_out_of_search(page):
            return output
        marked = material_search.mark_for_pagefind(output)
        if marked is not output:
            self.marked_pages.add(page.file.dest_uri)
            if self._search_pages is not None:
                # What Pagefind reads of the page, for the index of the built site.
                self._copies[page.file.dest_uri] = search_page(marked).encode("utf-8")
        return marked

    def finish_site(self, site: Path, config: MkDocsConfig) -> None:
        # Pagefind reads the marked pages (and only those) while the rest is done here: it
        # keeps about one core busy, the offline pack and the compressed copies the other.
        search = self._start_index(site) if self.pagefind else None
        try:
            built = self._finish_files(site, config)
            if search is not None:
                _wait(search)
        finally:
            if search is not None:
                search.stop()  # only if the build failed meanwhile
            if self._search_pages is not None:
                self._search_pages.cleanup()
            gc.unfreeze()  # see __init__: a process that builds again collects this build's
        # Pagefind's index and the service worker: the site's last files.
        last = _site_files(site / PAGEFIND_DIR, site) if search is not None else []
        built += last
        shell = [page_url(OFFLINE_PAGE, config.use_directory_urls)]
        worker = service_worker(
            build_version(site, built), shell, PACK_MANIFEST, f"{PAGEFIND_DIR}/"
        )
        (site / "sw.js").write_text(worker, encoding="utf-8")
        if self.offline_use:
            precompress_files(compressible(site / path for path in [*last, "sw.js"]))

    def _finish_files(self, site: Path, config: MkDocsConfig) -> list[str]:
        """Everything but the site's search index and the service worker, which come last;
        the site's files."""
        if not self.pagefind:
            if not repair_search_worker(site):
                raise PluginError(msg.MATERIAL_WORKER_CHANGED)
            # Before the offline plugin (priority -100) copies the index into its script.
            compact_search_index(site)
        skip = ("sw.js", "manifest.webmanifest")
        built = _site_files(site, site, leave_out=(PAGEFIND_DIR, PACK_SEARCH_DIR))
        built = [path for path in built if path.rpartition("/")[2] not in skip]
        if missing := missing_material_assets(built):
            raise PluginError(
                msg.MATERIAL_FILES_CHANGED.format(missing=LIST_SEPARATOR.join(missing))
            )
        (site / "manifest.webmanifest").write_text(manifest(config.site_name), encoding="utf-8")
        built = [
            *self._offline_pack(site, built, config.use_directory_urls),
            "manifest.webmanifest",
        ]
        if self.offline_use:
            precompress_files(compressible(site / path for path in built))
        return built

    def finish_preview(self, site: Path, config: MkDocsConfig) -> None:
        """No service worker in the preview; the search index follows a little behind."""
        (site / "sw.js").write_text(render_template("sw-preview.js.j2"), encoding="utf-8")
        (site / "manifest.webmanifest").write_text(manifest(config.site_name), encoding="utf-8")
        if self.pagefind:
            _PreviewIndex.schedule(site)

    def _start_index(self, site: Path) -> SearchIndex:
        """Pagefind started over the marked pages."""
        if not self.marked_pages:
            raise PluginError(msg.MATERIAL_PAGES_CHANGED)
        try:
            if self._search_pages is not None:
                return self._start_site_index(site, Path(self._search_pages.name))
            site_pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
            return SearchIndex(site, glob=pages_glob(self.marked_pages, site_pages))
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None

    def _start_site_index(self, site: Path, copies: Path) -> SearchIndex:
        """Pagefind over the copies of the marked pages (in parts on a large site)."""
        # Written in one go, in path order: Pagefind numbers the pages in the order it finds
        # them, which on some file systems is the order they were made.
        write_pages(copies / COPIES, self._copies)
        sizes = {path: len(copy) for path, copy in self._copies.items()}
        self._copies = {}
        return index_copies(site, copies, sizes, site / SEARCH_WORKER)

    def _offline_pack(self, site: Path, built: list[str], directory_urls: bool) -> list[str]:
        """Choose the offline pack within its budget, index its pages for its own search and
        write its manifest; the site's files, the pack's search index among them."""
        sizes = {path: (site / path).stat().st_size for path in built}
        groups = pack_groups(built, self.pagefind)
        site_pages = [path for path in built if path.endswith(".html")]
        reserve = 0  # bytes left for the pack's search index, learnt by indexing
        # One Pagefind process for every attempt (SearchService), ended before the manifest.
        with _pack_search(site, self.pagefind) as search:
            while True:
                chosen = choose_pack(groups, sizes, PACK_BUDGET - reserve)
                index = []
                if search is not None:
                    shutil.rmtree(site / PACK_SEARCH_DIR, ignore_errors=True)
                    search.index(pack_pages(chosen), site_pages)
                    index = search_files(_site_files(site / PACK_SEARCH_DIR, site))
                    sizes.update({path: (site / path).stat().st_size for path in index})
                total = sum(sizes[path] for path in chosen + index)
                if total <= PACK_BUDGET or len(chosen) == len(groups[0]):
                    break
                reserve += total - PACK_BUDGET
        (site / PACK_MANIFEST).write_text(
            pack_manifest(chosen + index, sizes, directory_urls), encoding="utf-8"
        )
        return [*built, *index, PACK_MANIFEST]


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
                log.info(msg.PREVIEW_SEARCH_STALE.format(detail=exc))


def _scratch_folder() -> str | None:
    """Where the page copies for Pagefind go: the machine's shared memory when it has room
    (a file made on disk costs the build about 0.45 ms of CPU, in memory 0.1: 0.48 against
    0.12 CPU s for the 1,050 copies of 1,000 cases), else the temporary folder; a TMPDIR
    set by the person building decides."""
    if os.environ.get("TMPDIR"):
        return None
    try:
        room = os.statvfs(SHARED_MEMORY)
    except OSError:  # not Linux
        return None
    if room.f_bavail * room.f_frsize < SCRATCH_ROOM or not os.access(SHARED_MEMORY, os.W_OK):
        return None
    return SHARED_MEMORY


def _deferred(path: str) -> ExtraScriptValue:
    script = ExtraScriptValue(path)
    script.defer = True
    return script


def _inclusion(page: GeneratedPage) -> InclusionLevel:
    return InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV


def _kept_out_of_search(page: Page) -> bool:
    search = page.meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def _wait(search: SearchIndex) -> None:
    try:
        search.wait()
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None


@contextmanager
def _pack_search(site: Path, pagefind: bool) -> Iterator[SearchService | None]:
    """Pagefind's service for the offline pack's index (None with Material's search), its
    failures as the build's."""
    if not pagefind:
        yield None
        return
    try:
        with SearchService(site, PACK_SEARCH_DIR) as search:
            yield search
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None


def _site_files(folder: Path, site: Path, leave_out: tuple[str, ...] = ()) -> list[str]:
    """The files under ``folder`` as paths in the site, but those in the site's folders
    ``leave_out``."""
    files = []
    for parent, folders, names in os.walk(folder):
        if Path(parent) == site:
            folders[:] = [name for name in folders if name not in leave_out]
        files += [(Path(parent) / name).relative_to(site).as_posix() for name in names]
    return files

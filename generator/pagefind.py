"""Search with Pagefind behind Material's search box, for the site served over HTTP.

Material's own search puts every page's text in one file that each page downloads (16 MB
at 1,000 cases). Pagefind (``pagefind[extended]``, which segments Chinese) writes a chunked
index: a query fetches only the chunks for its words and the excerpts of the results shown.
Material's search box stays; ``assets/search-worker.js`` answers it from Pagefind. A large
site's index is written in parts, one Pagefind run after another (PART_PAGES), which the
worker searches as one. The offline pack's small index, whose pages are chosen again once its
size is known, is written by one Pagefind process in its service mode (SearchService), all
attempts in turn.

Pagefind cannot run from file://, so the copy made for a USB stick keeps Material's search.
Nothing here knows MkDocs: the plugin calls these on the finished site folder. What Pagefind
reads of each page, and how the pages are split into parts, is in generator/search_pages.py;
reading Pagefind's own files (its format is internal) in generator/upstream/pagefind_fragments.py.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shlex
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.messages import site as msg
from generator.search_pages import PART_BYTES, PART_PAGES, pages_glob, split_pages
from generator.upstream.pagefind_service import service_process

log = logging.getLogger("mkdocs.plugins.training")

PAGEFIND_DIR = "pagefind"
# Pagefind's ready-made search interfaces (the site uses Material's box) and its own
# worker (our worker runs Pagefind itself), so they go.
_UNUSED = (
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# The permalink sign Material's headings end with is not text to search or show.
_EXCLUDE = ".headerlink"
# What a part other than the first needs no copy of: the browser runs the first part's script
# and WebAssembly for every part.
_FIRST_PART_ONLY = ("pagefind.js", "wasm.*.pagefind")
_PART = "part-"  # part_folder: pagefind/part-2 …
# Where index_copies finds the copies of the pages (search_page), and where it moves them
# when the index is written in parts (a folder a part).
COPIES = "pages"
_PARTS = "parts"
# The line of assets/search-worker.js that lists the parts after the first (none as shipped).
WORKER_PARTS = "const MORE_PARTS = [];"


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def pagefind_command(
    site_dir: Path,
    output_subdir: str = PAGEFIND_DIR,
    glob: str | None = None,
    pages_dir: Path | None = None,
) -> list[str]:
    """The `python -m pagefind` command line a SearchIndex runs (the benchmark runs it too):
    the index of site_dir's pages, or of ``pages_dir``'s (search_page copies laid out as in
    the site), written to site_dir/output_subdir; ``glob`` (pages_glob) limits it to some
    of the pages."""
    if pages_dir is None:
        where = ["--site", str(site_dir), "--output-subdir", output_subdir]
    else:
        where = ["--site", str(pages_dir), "--output-path", str(site_dir / output_subdir)]
    command = [
        sys.executable,
        "-m",
        "pagefind",
        *where,
        "--exclude-selectors",
        _EXCLUDE,
        "--silent",
    ]
    if glob is not None:
        command += ["--glob", glob]
    return command


def part_folder(number: int) -> str:
    """The folder in the site of part ``number`` (from 0) of the site's index: the first
    is pagefind/ itself (a site of one part is as it always was), the others inside it, so
    that whatever treats pagefind/ as the site-wide index (the service worker) covers them."""
    return PAGEFIND_DIR if number == 0 else f"{PAGEFIND_DIR}/{_PART}{number + 1}"


def part_folders(site_dir: Path) -> list[Path]:
    """The folders of the site's index as built, its first part first."""
    first = site_dir / PAGEFIND_DIR
    later = sorted(first.glob(f"{_PART}*"), key=lambda path: int(path.name.removeprefix(_PART)))
    return [first, *later]


def list_parts_in_worker(worker: str, folders: list[str]) -> str:
    """assets/search-worker.js with the parts after the first (folders in the site) named,
    for it to search them with the first."""
    if worker.count(WORKER_PARTS) != 1:
        raise ValueError(f"search-worker.js has not one {WORKER_PARTS!r} line")
    named = ", ".join(f'"{folder}/"' for folder in folders)
    return worker.replace(WORKER_PARTS, f"const MORE_PARTS = [{named}];")


def index_copies(
    site_dir: Path,
    copies: Path,
    sizes: dict[str, int],
    worker: Path,
    most_pages: int = PART_PAGES,
    most_bytes: int = PART_BYTES,
) -> SearchIndex:
    """Pagefind started over the search_page copies of the marked pages, copies/COPIES/<path
    in the site> (``sizes``: their bytes), writing the site's index: in parts (split_pages)
    when they are many, each part's copies first moved into a folder of their own and the
    search worker (its file in the site) told of the parts."""
    parts = split_pages(sizes, most_pages, most_bytes)
    if len(parts) == 1:
        return SearchIndex(site_dir, PAGEFIND_DIR, pages_dir=copies / COPIES)
    for number, part in enumerate(parts):
        for path in part:
            moved = copies / _PARTS / str(number) / path
            moved.parent.mkdir(parents=True, exist_ok=True)
            (copies / COPIES / path).rename(moved)
    folders = [part_folder(number) for number in range(1, len(parts))]
    worker.write_text(list_parts_in_worker(worker.read_text(encoding="utf-8"), folders), "utf-8")
    return SearchIndex(site_dir, pages_dir=copies / _PARTS, parts=len(parts))


class SearchIndex:
    """Pagefind writing an index into site_dir/output_subdir, started at once and waited for
    with ``wait``: the plugin does other work on the finished site meanwhile (Pagefind keeps
    about one core busy). Over ``pages_dir`` when given (search_page copies of the marked
    pages), else over site_dir. With ``parts`` above 1, the site's index in that many parts,
    of the copies in pages_dir/0, pages_dir/1 …, written to part_folder(0), part_folder(1) …
    one run at a time (a shell runs them in turn and stops at the first that fails), so that
    only one part's memory is taken at once."""

    def __init__(
        self,
        site_dir: Path,
        output_subdir: str = PAGEFIND_DIR,
        glob: str | None = None,
        pages_dir: Path | None = None,
        parts: int = 1,
    ):
        self.site_dir, self.output_subdir = site_dir, output_subdir
        if parts == 1:
            self._later_parts = []
            self._start([pagefind_command(site_dir, output_subdir, glob, pages_dir)])
        else:
            assert output_subdir == PAGEFIND_DIR and pages_dir is not None and glob is None
            self._later_parts = [part_folder(number) for number in range(1, parts)]
            self._start(
                [
                    pagefind_command(site_dir, part_folder(number), None, pages_dir / str(number))
                    for number in range(parts)
                ]
            )

    def _start(self, commands: list[list[str]]) -> None:
        # Files, not pipes: a child that fills a pipe nobody reads yet would stop.
        self._output = tempfile.TemporaryFile()
        if len(commands) > 1:
            commands = [["/bin/sh", "-c", " && ".join(map(shlex.join, commands))]]
        try:
            # Its own process group, so that stop() ends a part that a shell is running too.
            self._process = subprocess.Popen(
                commands[0],
                stdout=self._output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:
            self._output.close()
            raise SearchIndexError(msg.PAGEFIND_NOT_STARTED.format(detail=exc)) from None

    def wait(self) -> None:
        """Wait for Pagefind; the index is complete, or SearchIndexError says why not."""
        with self._output:
            code = self._process.wait()
            self._output.seek(0)
            output = self._output.read().decode("utf-8", errors="replace").strip()
        if code != 0:
            if "No module named pagefind" in output:
                raise SearchIndexError(msg.PAGEFIND_MISSING)
            raise SearchIndexError(msg.PAGEFIND_FAILED.format(output=output))
        for name in _UNUSED:
            (self.site_dir / self.output_subdir / name).unlink(missing_ok=True)
        for folder in self._later_parts:
            for pattern in _UNUSED + _FIRST_PART_ONLY:
                for path in (self.site_dir / folder).glob(pattern):
                    path.unlink()

    def stop(self) -> None:
        """Stop a run whose index is no longer wanted (the build failed meanwhile); nothing
        once it has finished."""
        if self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
        self._output.close()


class SearchService:
    """One Pagefind process in its service mode (the pagefind package's Python API) writing
    indexes of some of site_dir's pages into site_dir/output_subdir, one after another with
    ``index``: Pagefind starts (and loads its Chinese dictionary) once, not once an index
    (three indexes of the offline pack at 1,000 cases: 0.65 against 1.2 to 1.3 CPU s as
    three `python -m pagefind` runs). The files are those of a run over the same pages, byte for
    byte (tests/test_pagefind.py). A context manager: on leaving it the process is ended
    and reaped (its CPU time counts in the build's), whether the indexing failed or not.

    The Python API never answers when Pagefind's process ends without answering (it panics
    when it cannot write a file): ``_answer`` waits for the process too, and after a failure
    ``_end`` kills it rather than wait in the API's close() for answers that will not come.
    Both reach the process through generator/upstream/pagefind_service.py.

    The API's event loop runs in a thread of its own: the thread that builds may already
    run one (MkDocs called from asyncio code, or a test process that drives a browser)."""

    def __init__(self, site_dir: Path, output_subdir: str):
        self.site_dir, self.output_subdir = site_dir, output_subdir
        self._thread: ThreadPoolExecutor | None = None
        self._runner: asyncio.Runner | None = None
        self._service = None
        self._failed = False

    def _run(self, coroutine):
        """``coroutine`` run to its end in the service's own thread and event loop."""
        assert self._thread is not None and self._runner is not None
        return self._thread.submit(self._runner.run, coroutine).result()

    def __enter__(self) -> SearchService:
        try:
            from pagefind.service import PagefindService
        except ImportError:
            raise SearchIndexError(msg.PAGEFIND_MISSING) from None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind")
        self._runner = asyncio.Runner()
        # What the API's own tasks leave unretrieved once the process is gone: already said.
        loop = self._thread.submit(self._runner.get_loop).result()
        loop.set_exception_handler(_quiet)
        try:
            # Made in the loop, which the API takes as its own (asyncio.get_event_loop).
            self._service = self._run(_launch(PagefindService))
        except FileNotFoundError:  # the package, but not its binary
            self.__exit__()
            raise SearchIndexError(msg.PAGEFIND_MISSING) from None
        except OSError as exc:
            self.__exit__()
            raise SearchIndexError(msg.PAGEFIND_NOT_STARTED.format(detail=exc)) from None
        return self

    def index(self, pages: list[str], site_pages: list[str]) -> None:
        """The index of ``pages`` (paths in the site) among ``site_pages`` (pages_glob), the
        marked ones, written to site_dir/output_subdir; SearchIndexError says why not."""
        assert self._service is not None
        self._run(self._index(pages_glob(pages, site_pages)))
        for name in _UNUSED:
            (self.site_dir / self.output_subdir / name).unlink(missing_ok=True)

    async def _index(self, glob: str) -> None:
        # What `python -m pagefind` is told by pagefind_command, as Pagefind's API takes it.
        index = await self._answer(self._service.create_index({"exclude_selectors": [_EXCLUDE]}))
        await self._answer(index.add_directory(str(self.site_dir), glob=glob))
        await self._answer(index.write_files(str(self.site_dir / self.output_subdir)))

    async def _answer(self, request):
        """Pagefind's answer to ``request``, or SearchIndexError if it refuses or its process
        ends first."""
        asked = asyncio.ensure_future(request)
        ended = asyncio.ensure_future(service_process(self._service).wait())
        await asyncio.wait({asked, ended}, return_when=asyncio.FIRST_COMPLETED)
        if asked.done() and asked.exception() is None:
            ended.cancel()
            return asked.result()
        self._failed = True
        if ended.done():  # the request unanswered, or refused as the pipe to it closed
            asked.cancel()
            output = msg.PAGEFIND_SERVICE_ENDED.format(code=ended.result())
        else:  # Pagefind's own words
            ended.cancel()
            error = asked.exception()
            output = error.args[0] if error.args else repr(error)
        raise SearchIndexError(msg.PAGEFIND_FAILED.format(output=output))

    def __exit__(self, exc_type=None, *exc_info) -> None:
        if self._runner is None or self._thread is None:
            return
        try:
            if self._service is not None:
                self._run(self._end(stop=self._failed or exc_type is not None))
        finally:
            self._thread.submit(self._runner.close).result()
            self._thread.shutdown()
            self._runner = self._service = self._thread = None

    async def _end(self, stop: bool) -> None:
        # After a failure, not the API's close(): it waits for the answers it still expects.
        backend = service_process(self._service)
        if stop:
            if backend.returncode is None:
                backend.kill()
            await backend.wait()
        else:
            await self._service.close()


async def _launch(service_type):
    return await service_type().launch()


def _quiet(loop: asyncio.AbstractEventLoop, context: dict) -> None:
    log.debug("Pagefind's Python API: %s", context.get("message"))


def index_site(
    site_dir: Path, output_subdir: str = PAGEFIND_DIR, pages: list[str] | None = None
) -> None:
    """Write Pagefind's index of the pages marked ``data-pagefind-body`` into
    site_dir/output_subdir; only of ``pages`` (paths in the site) when given."""
    glob = None
    if pages is not None:
        site_pages = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")]
        glob = pages_glob(pages, site_pages)
    SearchIndex(site_dir, output_subdir, glob).wait()

"""What a browser downloads from a built site: page weights and search, for the benchmark.

The site is served by a local http.server on 127.0.0.1 that counts the body bytes of every
response it sends (so requests made by web workers, such as the Pagefind index chunks our
search worker fetches, are counted too); Debian's headless Chromium, driven by Playwright, loads the pages with an
empty cache. http.server sends files uncompressed: the gzip column says what a server
that compresses would send instead.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SETTLE_SECONDS = 1.5  # no new request for this long: the page has finished loading
FIRST_VISIT_QUIET = 2.0  # a first visit is counted until idle for this long
MAX_WAIT_SECONDS = 60
SLOW_SEARCH_SECONDS = 10
SEARCH_TIMEOUT_SECONDS = 240  # a query may take long on a big site; past this it counts as failed
SEARCH_INDEX = "search/search_index.json"
# Files that serve search, whichever engine: Material's index, worker and lunr, Pagefind's
# index and our worker that asks it.
SEARCH_FILES = (
    "search/",
    "pagefind/",
    "assets/javascripts/workers/search",
    "assets/javascripts/lunr/",
    "assets/training/search-worker.js",
)


@dataclass
class Transfer:
    """Responses the server sent: path → body bytes (and gzip-compressed bytes)."""

    sizes: dict[str, int] = field(default_factory=dict)
    gzipped: dict[str, int] = field(default_factory=dict)

    def total(self, *, without: tuple[str, ...] = ()) -> int:
        return sum(size for path, size in self.sizes.items() if not path.startswith(without))

    def total_gzip(self, *, without: tuple[str, ...] = ()) -> int:
        return sum(size for path, size in self.gzipped.items() if not path.startswith(without))

    def only(self, prefixes: tuple[str, ...]) -> Transfer:
        """The responses for paths that start with one of ``prefixes``."""
        return Transfer(
            {p: n for p, n in self.sizes.items() if p.startswith(prefixes)},
            {p: n for p, n in self.gzipped.items() if p.startswith(prefixes)},
        )

    def minus(self, earlier: Transfer) -> Transfer:
        """What was sent after ``earlier`` (a snapshot of the same counts)."""
        sizes = {p: n - earlier.sizes.get(p, 0) for p, n in self.sizes.items()}
        gzipped = {p: n - earlier.gzipped.get(p, 0) for p, n in self.gzipped.items()}
        return Transfer(
            {p: n for p, n in sizes.items() if n}, {p: n for p, n in gzipped.items() if sizes[p]}
        )


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def copyfile(self, source, outputfile):
        body = source.read()
        outputfile.write(body)
        self.server.record(self.path.split("?")[0].lstrip("/"), body)


class SiteServer(http.server.ThreadingHTTPServer):
    """Serves a folder on a free port of 127.0.0.1 and records what it sends."""

    daemon_threads = True

    def __init__(self, site: Path):
        super().__init__(("127.0.0.1", 0), functools.partial(_CountingHandler, directory=str(site)))
        self.lock = threading.Lock()
        self.transfer = Transfer()
        self.last_request = time.monotonic()
        self.gzip_cache: dict[str, int] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def record(self, path: str, body: bytes) -> None:
        with self.lock:
            if path not in self.gzip_cache:
                self.gzip_cache[path] = len(gzip.compress(body, compresslevel=6))
            self.transfer.sizes[path] = self.transfer.sizes.get(path, 0) + len(body)
            self.transfer.gzipped[path] = self.transfer.gzipped.get(path, 0) + self.gzip_cache[path]
            self.last_request = time.monotonic()

    def reset(self) -> None:
        with self.lock:
            self.transfer = Transfer()
            self.last_request = time.monotonic()

    def settle(self, quiet: float = SETTLE_SECONDS) -> Transfer:
        """Wait until no request has come for ``quiet`` seconds (at most MAX_WAIT_SECONDS)."""
        deadline = time.monotonic() + MAX_WAIT_SECONDS
        while time.monotonic() < deadline and time.monotonic() - self.last_request < quiet:
            time.sleep(0.1)
        with self.lock:
            return Transfer(dict(self.transfer.sizes), dict(self.transfer.gzipped))

    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not the site's fault

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class Browser:
    """Debian's headless Chromium; every measurement uses a new context (empty cache).

    Service workers are blocked unless asked for: a first visit with the site's worker
    installing is measured on its own (``cold_load(..., service_workers="allow")``).
    """

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        return self

    def __exit__(self, *exc):
        self.browser.close()
        self._playwright.stop()

    def page(self, service_workers: str = "block"):
        context = self.browser.new_context(
            viewport={"width": 1280, "height": 800}, locale="zh-CN", service_workers=service_workers
        )
        context.set_default_timeout(MAX_WAIT_SECONDS * 1000)
        return context, context.new_page()


def cold_load(
    browser: Browser, server: SiteServer, path: str, service_workers: str = "block"
) -> Transfer:
    """Everything fetched when a page is opened with an empty cache, until it goes quiet
    (with the service worker allowed: until it controls the page, then quiet for
    FIRST_VISIT_QUIET seconds, the budget's "idle + 2 s")."""
    context, page = browser.page(service_workers)
    try:
        server.reset()
        page.goto(server.url + path, wait_until="load")
        if service_workers == "allow":
            page.wait_for_function(
                "navigator.serviceWorker.controller !== null", timeout=MAX_WAIT_SECONDS * 1000
            )
            return server.settle(FIRST_VISIT_QUIET)
        return server.settle()
    finally:
        context.close()


# Installed before the query is typed: the in-page times of the keystroke that sends the
# query (Material searches on keyup) and of the first result appearing in the list.
_SEARCH_CLOCK = """
(query) => {
  const clock = window.__benchSearch = {};
  document.addEventListener("keyup", (event) => {
    if (clock.typed === undefined && event.target.matches("input.md-search__input") && event.target.value === query) {
      clock.typed = performance.now();
    }
  }, true);
  new MutationObserver((_, observer) => {
    if (document.querySelector(".md-search-result__item")) {
      clock.listed = performance.now();
      observer.disconnect();
    }
  }).observe(document.body, {childList: true, subtree: true});
}
"""


@dataclass
class SearchRun:
    """A query typed into Material's search box on a page opened cold."""

    page: Transfer  # the page and what it loads, until no request for SETTLE_SECONDS
    total: Transfer  # everything fetched from opening the page until the first result was listed
    seconds: (
        float | None
    )  # from the keystroke that sends the query to the first result listed; None: none came
    count: str  # what Material says above the results ("找到 N 个结果" or our worker's wording)
    first: str  # the first result's path


def search_runs(
    browser: Browser, server: SiteServer, path: str, query: str, runs: int
) -> list[SearchRun]:
    """``search_box`` up to ``runs`` times; a search slower than SLOW_SEARCH_SECONDS (or
    failed) is not repeated: its time is not in doubt to the second."""
    done = []
    for _ in range(runs):
        done.append(search_box(browser, server, path, query))
        if done[-1].seconds is None or done[-1].seconds > SLOW_SEARCH_SECONDS:
            break
    return done


def search_box(browser: Browser, server: SiteServer, path: str, query: str) -> SearchRun:
    """Open ``path`` cold, let it settle, type ``query`` into Material's search box."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context, page = browser.page()
    try:
        server.reset()
        page.goto(server.url + path, wait_until="load")
        loaded = server.settle()
        page.evaluate(_SEARCH_CLOCK, query)
        page.locator("body").press("/")
        box = page.locator("input.md-search__input")
        box.wait_for(state="visible")
        box.press_sequentially(query)
        box.press("End")  # Chinese is committed by a key, which fires the keyup search listens to
        first = page.locator(".md-search-result__item").first
        try:
            first.wait_for(state="visible", timeout=SEARCH_TIMEOUT_SECONDS * 1000)
        except PlaywrightTimeout:
            with server.lock:
                total = Transfer(dict(server.transfer.sizes), dict(server.transfer.gzipped))
            return SearchRun(
                loaded, total, None, f"no result within {SEARCH_TIMEOUT_SECONDS} s", ""
            )
        with server.lock:
            total = Transfer(dict(server.transfer.sizes), dict(server.transfer.gzipped))
        clock = page.evaluate("() => window.__benchSearch")
        href = first.locator("a").first.get_attribute("href") or ""
        return SearchRun(
            page=loaded,
            total=total,
            seconds=(clock["listed"] - clock["typed"]) / 1000,
            count=page.locator(".md-search-result__meta").inner_text().strip(),
            first="/" + href.removeprefix(server.url).split("?")[0],
        )
    finally:
        context.close()


@dataclass
class Pack:
    """The offline pack (offline-pack.json) of a built site, weighed on disk: what a phone
    fetches when someone taps "保存到本机，离线可用"."""

    pages: int
    files: int
    bytes: int
    # The same files as a server sends them: the build's .gz copies, and the pages (which
    # have none) compressed as they are sent, at gzip level 6.
    gzip_bytes: int
    search_files: int  # of which the pack's own search index
    search_bytes: int


def offline_pack(site: Path) -> Pack | None:
    manifest = site / "offline-pack.json"
    if not manifest.exists():
        return None
    pack = json.loads(manifest.read_text(encoding="utf-8"))
    sizes, packed = {}, {}
    for url in pack["pages"] + pack["files"]:
        path = site / (url + "index.html" if url.endswith("/") else url)
        copy = path.with_name(path.name + ".gz")
        sizes[url] = path.stat().st_size
        if copy.exists():
            packed[url] = copy.stat().st_size
        else:
            packed[url] = min(sizes[url], len(gzip.compress(path.read_bytes(), compresslevel=6)))
    search = [url for url in pack["files"] if url.startswith("pagefind-offline/")]
    return Pack(
        len(pack["pages"]),
        len(pack["files"]),
        sum(sizes.values()),
        sum(packed.values()),
        len(search),
        sum(sizes[url] for url in search),
    )

"""What a browser downloads from a built site: page weights and search, for the benchmark.

The site is served by a local http.server on 127.0.0.1 that counts the body bytes of every
response it sends (so requests made by web workers, such as Material's search index, are
counted too); Debian's headless Chromium, driven by Playwright, loads the pages with an
empty cache. http.server sends files uncompressed: the gzip column says what a server
that compresses would send instead.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SETTLE_SECONDS = 1.5  # no new request for this long: the page has finished loading
MAX_WAIT_SECONDS = 60
SEARCH_INDEX = "search/search_index.json"


@dataclass
class Transfer:
    """Responses the server sent: path → body bytes (and gzip-compressed bytes)."""

    sizes: dict[str, int] = field(default_factory=dict)
    gzipped: dict[str, int] = field(default_factory=dict)

    def total(self, *, without: tuple[str, ...] = ()) -> int:
        return sum(size for path, size in self.sizes.items() if not path.startswith(without))

    def total_gzip(self, *, without: tuple[str, ...] = ()) -> int:
        return sum(size for path, size in self.gzipped.items() if not path.startswith(without))


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

    def settle(self) -> Transfer:
        """Wait until no request has come for SETTLE_SECONDS (at most MAX_WAIT_SECONDS)."""
        deadline = time.monotonic() + MAX_WAIT_SECONDS
        while time.monotonic() < deadline and time.monotonic() - self.last_request < SETTLE_SECONDS:
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

    Service workers are blocked unless asked for: the site's worker precaches pages on
    the first visit, which is measured on its own (``cold_load(..., service_workers="allow")``).
    """

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
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


def cold_load(browser: Browser, server: SiteServer, path: str, service_workers: str = "block") -> Transfer:
    """Everything fetched when a page is opened with an empty cache, until it goes quiet."""
    context, page = browser.page(service_workers)
    try:
        server.reset()
        page.goto(server.url + path, wait_until="load")
        return server.settle()
    finally:
        context.close()


def material_search(browser: Browser, server: SiteServer, path: str, query: str) -> tuple[Transfer, int]:
    """Bytes fetched from opening ``path`` cold until Material lists its first result."""
    context, page = browser.page()
    try:
        server.reset()
        page.goto(server.url + path, wait_until="load")
        page.locator("body").press("/")
        box = page.locator("input.md-search__input")
        box.wait_for(state="visible")
        box.press_sequentially(query)
        box.press("End")  # Chinese is committed by a key, which fires the keyup search listens to
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        with server.lock:
            transfer = Transfer(dict(server.transfer.sizes), dict(server.transfer.gzipped))
        return transfer, page.locator(".md-search-result__item").count()
    finally:
        context.close()


PAGEFIND_PROBE = """
async (query) => {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  const search = await pagefind.search(query);
  if (!search.results.length) return {count: 0, url: null};
  const first = await search.results[0].data();
  return {count: search.results.length, url: first.url, title: first.meta.title};
}
"""


def pagefind_search(browser: Browser, server: SiteServer, probe: str, query: str) -> tuple[Transfer, dict]:
    """Bytes Pagefind's JS API fetches until its first result's data is loaded.

    ``probe`` is an empty page of the same origin (the JS API is a module that must be
    imported from the site); what the probe page itself weighs is not counted.
    """
    context, page = browser.page()
    try:
        page.goto(server.url + probe, wait_until="load")
        server.settle()
        server.reset()
        result = page.evaluate(PAGEFIND_PROBE, query)
        with server.lock:
            transfer = Transfer(dict(server.transfer.sizes), dict(server.transfer.gzipped))
        return transfer, result
    finally:
        context.close()

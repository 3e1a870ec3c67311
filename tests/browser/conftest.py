"""Browser tests: the real project site, built once, served locally, driven by Chromium.

One strict MkDocs build of the project is shared by every test in this folder; a plain
threaded HTTP server serves it on 127.0.0.1, the way a phone on the intranet would see it.
Chromium is Debian's (/usr/bin/chromium): Playwright's own browser download is not used.
A missing browser fails the run, it never skips: CI must not go green without these tests.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The case every story starts from: the sand-pit complaint of the source material.
SAND_PIT = "sand-pit"
MOBILE = {"width": 360, "height": 740}


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by mark
def pytest_collection_modifyitems(items) -> None:
    """Every test in this folder drives Chromium or serves a site: `-m "not browser"`
    (make test-fast) leaves them all out, a module that forgets its mark included."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


# --- The knowledge base as the trainers wrote it --------------------------------------


@dataclass(frozen=True)
class CaseSummary:
    id: str
    title: str
    industry: str
    tags: tuple[str, ...]
    categories: tuple[str, ...]


def read_cases(root: Path = ROOT) -> dict[str, CaseSummary]:
    """The cases of the project, read straight from the YAML the trainers edit."""
    cases = {}
    for path in sorted((root / "cases").glob("*.y*ml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases[data["id"]] = CaseSummary(
            id=data["id"],
            title=data["title"],
            industry=data["industry"],
            tags=tuple(data.get("tags") or ()),
            categories=tuple(data.get("complaint_categories") or ()),
        )
    return cases


@pytest.fixture(scope="session")
def cases() -> dict[str, CaseSummary]:
    found = read_cases()
    if SAND_PIT not in found:
        pytest.fail(
            f"the project has no cases/{SAND_PIT}.yml: the browser stories start from that case"
        )
    return found


# --- The site: built once, served on 127.0.0.1 ----------------------------------------


@pytest.fixture(scope="session")
def site_dir(shipped_site: Path) -> Path:
    """The real project, built once per session (tests/conftest.py) with `mkdocs build --strict`."""
    return shipped_site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that closes its page mid-download is not a failure of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """A built site served by a threaded HTTP server on a free port of 127.0.0.1: its URL."""
    server = SiteServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def build_site(project: Path, site: Path, **env: str) -> None:
    """`mkdocs build --strict` of a fixture project; extra environment variables in env."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env={**mkdocs_env(), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def base_url(site_dir: Path):
    """The built site, served on 127.0.0.1."""
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[str]:
    """One page of every kind the build made, as paths below the base URL.

    Taken from the built site, so a new kind of page (procedures, printable forms ...)
    is covered as soon as the generator makes it: every top-level page (home, lessons,
    case library, tags), every reference page (each has its own template), and the first
    page of every other folder, the sand-pit case for cases/.
    """
    built = sorted(
        "" if index.parent == site_dir else index.parent.relative_to(site_dir).as_posix() + "/"
        for index in site_dir.rglob("index.html")
        if not index.relative_to(site_dir).as_posix().startswith(("assets/", "search/"))
    )
    sand_pit = f"cases/{SAND_PIT}/"
    chosen, folders_seen = [], set()
    for path in sorted(built, key=lambda path: (path != sand_pit, path)):
        folder = path.rstrip("/").rpartition("/")[0]
        if not folder or folder == "reference" or folder not in folders_seen:
            chosen.append(path)
            folders_seen.add(folder)
    expected = ["", "cases/", sand_pit, "tags/"]
    expected += [f"reference/{path.stem}/" for path in sorted((ROOT / "reference").glob("*.y*ml"))]
    if missing := [path or "/" for path in expected if path not in chosen]:
        pytest.fail(f"the built site lacks pages every browser story needs: {missing}")
    return sorted(chosen)


# --- Chromium -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, launched once through Playwright."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's Chromium. "
            "install Debian's chromium: apt-get install chromium (or run `make browser`)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def new_context(browser):
    """Make browser contexts (desktop by default) that are closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("locale", "zh-CN")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A desktop-sized page (1280x800)."""
    return new_context(viewport={"width": 1280, "height": 800}).new_page()


@pytest.fixture
def mobile_page(new_context):
    """A phone: 360x740 CSS pixels, touch, the viewport meta honoured."""
    context = new_context(viewport=MOBILE, device_scale_factor=2, is_mobile=True, has_touch=True)
    return context.new_page()


def scripts_ready(page) -> None:
    """Wait until the page's scripts have run: they are fetched only after the first paint
    (theme/main.html), as a reader on a slow network sees the page before it reacts."""
    page.wait_for_selector("html[data-tk-scripts=ready]", state="attached")


# --- Material's search ----------------------------------------------------------------

RESULT_ITEM = ".md-search-result__item"


def search_for(page, query: str, *, via_icon: bool = False):
    """Open Material's search the way a trainee does and wait until results are listed.

    On a desktop the keyboard shortcut "/" focuses the search box; on a phone only the
    magnifier icon in the header opens it. The index loads in a web worker, so the list
    is awaited, not assumed.
    """
    scripts_ready(page)
    if via_icon:
        page.locator("label.md-header__button[for='__search']").click()
    else:
        page.locator("body").press("/")
    search_box = page.locator("input.md-search__input")
    search_box.wait_for(state="visible")
    search_box.press_sequentially(query)
    # Chinese arrives through an input method: the characters are inserted without key
    # events, and the key that commits them fires the keyup Material's search listens to.
    search_box.press("End")
    page.locator(RESULT_ITEM).first.wait_for(state="visible", timeout=15_000)
    return page.locator(f"{RESULT_ITEM} > a.md-search-result__link")


@pytest.fixture(scope="session")
def search():
    """`search(page, query, via_icon=False)`: type a query and return the result links."""
    return search_for

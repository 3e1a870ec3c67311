"""Staff on duty: the site keeps working with no signal once visited, and a copy of it
works opened from the file system (a USB stick or a zip)."""

from __future__ import annotations

import functools
import json
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.offline_pack import PACK_MANIFEST
from tests.browser.conftest import (
    ROOT,
    QuietHandler,
    SiteServer,
    build_site,
    scripts_ready,
    search_for,
    serving,
)

pytestmark = pytest.mark.browser

FIXTURES = ROOT / "tests" / "fixtures"
PROCEDURE = "customer-visit"
SHIPPED_PROCEDURE = "complaint-handling"


def make_project(target: Path) -> Path:
    """The minimal fixture plus one procedure and its forms: what a person on duty uses."""
    shutil.copytree(FIXTURES / "minimal", target)
    (target / "procedures").mkdir()
    shutil.copy(FIXTURES / "procedures" / f"{PROCEDURE}.yml", target / "procedures")
    (target / "forms").mkdir()
    for form in ("customer-visit-record", "opinion-form"):
        shutil.copy(ROOT / "forms" / f"{form}.yml", target / "forms")
    return target


@pytest.fixture
def served(tmp_path):
    """Build the duty project and serve it; yields (project, site, base_url)."""
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    with serving(site) as url:
        yield project, site, url


def wait_until_offline_ready(page) -> float:
    """Wait until the service worker controls the page; seconds taken."""
    started = time.monotonic()
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    page.evaluate("navigator.serviceWorker.ready")
    return time.monotonic() - started


def cached_urls(page) -> list[str]:
    return page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
        }
        return urls;
    }""")


def save_pack(page) -> str:
    """Tap the offline control of a duty page and wait until it says the pack is saved."""
    scripts_ready(page)  # the control works once offline.js has run
    control = page.locator("[data-tk-offline]")
    control.get_by_role("button", name="保存到本机，离线可用").click()
    status = control.locator("[role=status]")
    page.wait_for_function(
        "el => el.textContent.startsWith('已保存')", arg=status.element_handle(), timeout=30_000
    )
    return status.inner_text()


def test_first_visit_fetches_no_offline_pack(served, new_context):
    _, _, base = served
    context = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base + f"procedures/{PROCEDURE}/")
    wait_until_offline_ready(page)
    page.wait_for_timeout(1_000)
    cached = [url.removeprefix(base) for url in cached_urls(page)]
    # The offline page and what this page loaded; no other procedure, checklist or the
    # pack's search index.
    assert "offline/" in cached
    assert f"procedures/{PROCEDURE}/" in cached
    assert f"print/checklists/{PROCEDURE}/" not in cached
    assert not [url for url in cached if url.startswith(("pagefind", "offline-pack.json"))]
    control = page.locator("[data-tk-offline]")
    assert control.is_visible() and "保存到本机，离线可用" in control.inner_text()


# A phone on mobile data: the first visit of any page, everything the server sends until the
# page has been idle for 2 s (the service worker's and workers' requests included).
FIRST_VISIT_BUDGET = 500_000
FIRST_VISIT_PAGES = ("", f"procedures/{SHIPPED_PROCEDURE}/", "cases/sand-pit/")


class CountingHandler(QuietHandler):
    """Serves the site and counts the body bytes of every response, whoever asked for it:
    the page, a web worker or the service worker (the page's own network events miss the
    last two)."""

    def copyfile(self, source, outputfile) -> None:
        body = source.read()
        outputfile.write(body)
        with self.server.lock:
            self.server.sent[self.path] = self.server.sent.get(self.path, 0) + len(body)
            self.server.last = time.monotonic()


@contextmanager
def counting(site: Path) -> Iterator[SiteServer]:
    server = SiteServer(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(site)))
    server.lock, server.sent, server.last = threading.Lock(), {}, time.monotonic()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def until_idle(server: SiteServer, quiet: float = 2.0, limit: float = 30.0) -> dict[str, int]:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and time.monotonic() - server.last < quiet:
        time.sleep(0.1)
    with server.lock:
        return dict(server.sent)


@pytest.mark.parametrize("path", FIRST_VISIT_PAGES, ids=lambda path: path or "home")
def test_first_visit_of_the_shipped_site_stays_under_500_kb(site_dir, new_context, path):
    context = new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    with counting(site_dir) as server:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        page.goto(base + path)
        wait_until_offline_ready(page)
        sent = until_idle(server)
    total = sum(sent.values())
    largest = ", ".join(
        f"{p} {n / 1000:.0f}" for p, n in sorted(sent.items(), key=lambda item: -item[1])[:5]
    )
    print(
        f"\nfirst visit of /{path}: {total / 1000:.0f} KB in {len(sent)} responses "
        f"(largest KB: {largest})"
    )
    assert "/sw.js" in sent  # the service worker was installed, and counted
    assert total <= FIRST_VISIT_BUDGET, largest


def test_saved_pack_opens_procedures_checklists_and_search_offline(served, new_context):
    _, site, base = served
    pack = json.loads((site / PACK_MANIFEST).read_text(encoding="utf-8"))
    context = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base + f"procedures/{PROCEDURE}/")
    wait_until_offline_ready(page)
    # A case read online stays readable offline, pack or not.
    page.goto(base + "cases/lost-key/")
    page.goto(base + f"procedures/{PROCEDURE}/")
    assert save_pack(page) == f"已保存，可离线使用（{len(pack['pages'])} 页）"
    cached = {url.removeprefix(base) for url in cached_urls(page)}
    assert {url.removeprefix("./") for url in pack["pages"] + pack["files"]} <= cached

    context.set_offline(True)
    page.goto(base + f"procedures/{PROCEDURE}/")
    scripts_ready(page)  # from the cache too
    assert "走访" in page.locator("h1").inner_text()
    assert page.locator(".tk-flowchart svg").count() >= 1
    # Saved pages say so.
    assert (
        page.locator("[data-tk-offline] [role=status]")
        .inner_text()
        .startswith("已保存，可离线使用")
    )

    page.goto(base + f"print/checklists/{PROCEDURE}/")
    assert "检查表" in page.locator("h1").inner_text()
    page.goto(base + "reference/principles/")
    assert page.locator("h1").count() == 1

    # Search answers from the pack's own index.
    links = search_for(page, "走访", via_icon=True)
    assert any(
        f"procedures/{PROCEDURE}" in (link.get_attribute("href") or "") for link in links.all()
    )
    links.first.click()
    page.wait_for_load_state()
    assert "走访" in page.locator("article").inner_text()

    page.goto(base + "cases/lost-key/")
    assert "丢失的门禁卡" in page.locator("h1").inner_text()
    # A page nobody opened before is not in the cache: the offline page says so, in Chinese.
    page.goto(base + "cases/late-repair/")
    assert "现在没有网络" in page.locator("h1").inner_text()
    assert page.locator(f"a[href*='procedures/{PROCEDURE}']").count() >= 1


def test_a_new_build_replaces_the_cached_copy(served, new_context):
    project, site, base = served
    page = new_context().new_page()
    page.goto(base)
    wait_until_offline_ready(page)
    builds = "caches.keys().then(keys => keys.filter(key => key.startsWith('tk-site-')))"
    first_caches = page.evaluate(builds)

    index = project / "content" / "index.md"
    index.write_text("# 首页\n\n第二版的首页。\n", encoding="utf-8")
    build_site(project, site)

    # Online, the new page is what a reload shows; the new worker takes over and drops the
    # old build's cache.
    page.reload()
    assert "第二版的首页" in page.locator("article").inner_text()
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function(
        f"(old) => {builds}.then(keys => keys.length === 1 && keys[0] !== old[0])",
        arg=first_caches,
        timeout=30_000,
    )
    page.context.set_offline(True)
    page.reload()
    assert "第二版的首页" in page.locator("article").inner_text()


def test_copy_for_the_file_system_searches_in_chinese(tmp_path, new_context):
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site, OFFLINE="true")
    page = new_context().new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((site / "index.html").as_uri())
    links = search_for(page, "门禁")
    links.first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith("lost-key.html")
    assert "丢失的门禁卡" in page.locator("h1").inner_text()
    # Pages link to files, not folders, so every link opens from the disk.
    page.goto((site / "cases" / "index.html").as_uri())
    page.locator("a[href='lost-key.html']").first.click()
    assert "丢失的门禁卡" in page.locator("h1").inner_text()
    # Nothing is fetched from outside the copy, not even the search shim.
    assert [url for url in requests if not url.startswith(("file://", "data:", "blob:"))] == []

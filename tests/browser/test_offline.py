"""Staff on duty: the site keeps working with no signal once visited, and a copy of it
works opened from the file system (a USB stick or a zip)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, build_site, search_for, serving

pytestmark = pytest.mark.browser

FIXTURES = ROOT / "tests" / "fixtures"
PROCEDURE = "customer-visit"


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
    """Wait until the service worker controls the page with its cache filled; seconds taken."""
    started = time.monotonic()
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    page.evaluate("navigator.serviceWorker.ready")
    return time.monotonic() - started


def cached_bytes(page) -> tuple[int, int]:
    return tuple(page.evaluate("""async () => {
        let count = 0, bytes = 0;
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
                const response = await cache.match(request);
                bytes += (await response.arrayBuffer()).byteLength;
                count += 1;
            }
        }
        return [count, bytes];
    }"""))


def test_procedures_checklists_and_search_work_offline_after_one_visit(served, new_context):
    _, _, base = served
    context = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    started = time.monotonic()
    page.goto(base)
    wait_until_offline_ready(page)
    ready_after = time.monotonic() - started
    count, size = cached_bytes(page)
    print(f"\noffline-ready after {ready_after:.2f} s; cached {count} files, {size / 1024:.0f} KiB")
    assert count > 10

    context.set_offline(True)
    page.goto(base + f"procedures/{PROCEDURE}/")
    assert "走访" in page.locator("h1").inner_text()
    assert page.locator(".tk-flowchart svg").count() == 1

    page.goto(base + f"print/checklists/{PROCEDURE}/")
    assert "检查表" in page.locator("h1").inner_text()

    links = search_for(page, "走访", via_icon=True)
    links.first.click()
    page.wait_for_load_state()
    assert "走访" in page.locator("article").inner_text()

    # A page nobody opened before is not in the cache: the offline page says so, in Chinese.
    page.goto(base + "cases/late-repair/")
    assert "现在没有网络" in page.locator("h1").inner_text()
    assert page.locator(f"a[href*='procedures/{PROCEDURE}']").count() >= 1


def test_a_new_build_replaces_the_cached_copy(served, new_context):
    project, site, base = served
    page = new_context().new_page()
    page.goto(base)
    wait_until_offline_ready(page)
    first_caches = page.evaluate("caches.keys()")

    index = project / "content" / "index.md"
    index.write_text("# 首页\n\n第二版的首页。\n", encoding="utf-8")
    build_site(project, site)

    # Online, the new page is what a reload shows; the new worker takes over and drops the
    # old build's cache.
    page.reload()
    assert "第二版的首页" in page.locator("article").inner_text()
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function(
        "(old) => caches.keys().then(keys => keys.length === 1 && keys[0] !== old[0])", arg=first_caches, timeout=30_000
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

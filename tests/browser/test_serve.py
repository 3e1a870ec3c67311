"""A trainer works with `mkdocs serve` running and the page open in a browser.

The project is copied to a temporary folder so the real files are never touched. The open
page follows every good edit by itself; a mistake turns every page into an error page that
names file, line and field, and fixing the file brings the content back without a restart.
The preview never stalls, and every page it serves equals what a fresh build serves.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# Everything a trainer keeps beside mkdocs.yml (content/, cases/, reference/,
# procedures/, forms/ ...), but not the code, the tests or build output.
NOT_CONTENT = {"generator", "tests", "site", "build", "dist", "__pycache__", "bench"}
STARTUP_SECONDS = 90
RELOAD_MS = 30_000
# A rebuild is over when the preview says it updated or that the content is broken.
REBUILT = r"预览已更新|内容有 \d+ 处错误"
# Straight to 127.0.0.1, whatever http_proxy the environment sets.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class LiveServer:
    process: subprocess.Popen
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_output(
        self, pattern: str, seconds: float = RELOAD_MS / 1000, count: int = 1
    ) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if len(re.findall(pattern, self.output(), re.MULTILINE)) >= count:
                return
            time.sleep(0.1)
        pytest.fail(
            f"mkdocs serve did not print {pattern!r} {count}× within "
            f"{seconds:.0f} s:\n{self.output()}"
        )

    def rebuilds(self) -> int:
        return len(re.findall(REBUILT, self.output()))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with DIRECT.open(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", errors="replace")


def is_content_folder(path: Path) -> bool:
    name = path.name
    return (
        path.is_dir()
        and not name.startswith(".")
        and not name.endswith(".egg-info")
        and name not in NOT_CONTENT
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the trainers' project."""
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    for folder in sorted(ROOT.iterdir()):
        if is_content_folder(folder):
            shutil.copytree(folder, copy / folder.name)
    return copy


@contextmanager
def serving(project: Path, log: Path) -> Iterator[LiveServer]:
    """`mkdocs serve` (as `make serve` runs it) on a free port of 127.0.0.1; always stopped."""
    port = free_port()
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(process, f"http://127.0.0.1:{port}/", log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not re.search(r"Serving on", server.output()):
            if process.poll() is not None:
                pytest.fail(f"mkdocs serve exited with {process.returncode}:\n{server.output()}")
            if time.monotonic() > deadline:
                pytest.fail(
                    f"mkdocs serve did not start within {STARTUP_SECONDS} s:\n{server.output()}"
                )
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def live_server(project_copy: Path, tmp_path: Path) -> Iterator[LiveServer]:
    with serving(project_copy, tmp_path / "serve.log") as server:
        yield server


def save(path: Path, text: str) -> None:
    """Save the way an editor does: write a temporary file, then rename it over the old one,
    so the watcher never sees a half-written file."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def save_and_wait(server: LiveServer, path: Path, text: str) -> None:
    before = server.rebuilds()
    save(path, text)
    server.wait_for_output(REBUILT, count=before + 1)


def set_title(text: str, title: str) -> str:
    changed, count = re.subn(r"^title:.*$", f"title: {title}", text, count=1, flags=re.MULTILINE)
    assert count == 1, "the file has no top-level title line"
    return changed


def test_a_mistake_shows_an_error_page_and_fixing_it_brings_the_page_back(
    live_server, project_copy, page, cases
):
    case_file = project_copy / "cases" / "sand-pit.yml"
    original = case_file.read_text(encoding="utf-8")
    title = cases["sand-pit"].title
    heading = page.locator("h1").first
    page.goto(live_server.url + "cases/sand-pit/")
    expect(heading).to_contain_text(title)

    # A good edit: the open page shows it by itself.
    new_title = title + "(修订稿)"
    save(case_file, set_title(original, new_title))
    expect(heading).to_contain_text(new_title, timeout=RELOAD_MS)

    # A mistake: an unknown field on a new last line. The open page turns into the error
    # page by itself, naming file, line and field in Chinese; so does any other address.
    broken = set_title(original, new_title).rstrip("\n") + "\ncolour: 红色\n"
    bad_line = broken.count("\n")
    save(case_file, broken)
    expect(heading).to_contain_text("处错误", timeout=RELOAD_MS)
    entry = page.locator("li").filter(has_text="colour")
    expect(entry).to_contain_text(f"cases/sand-pit.yml:{bad_line}:1")
    expect(entry).to_contain_text("未知字段")
    expect(entry.locator("pre")).to_contain_text("colour: 红色")
    page.goto(live_server.url + "procedures/")
    expect(page.locator("h1").first).to_contain_text("处错误")
    # The terminal lists the mistake at every failed rebuild, repeated or not.
    save_and_wait(live_server, case_file, broken + "\n")
    assert len(re.findall(rf"cases/sand-pit\.yml:{bad_line}:1: colour", live_server.output())) >= 2
    assert "Traceback" not in live_server.output()
    page.wait_for_timeout(1500)  # the open error page reloads itself after that rebuild

    # Fixed: the open page reloads into the content, without restarting the server.
    page.goto(live_server.url + "cases/sand-pit/")
    save(case_file, original)
    expect(heading).to_contain_text(title, timeout=RELOAD_MS)
    expect(heading).not_to_contain_text("处错误")
    assert live_server.process.poll() is None


def test_serve_starts_on_a_new_blank_case_and_shows_what_is_left_to_fill(
    project_copy, tmp_path, page
):
    # The README's way: write the case from the template, then keep the preview running.
    made = subprocess.run(
        [
            str(Path(sys.executable).with_name("training-kb")),
            "--root",
            str(project_copy),
            "new",
            "case",
            "water-meter",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    with serving(project_copy, tmp_path / "serve.log") as server:
        page.goto(server.url + "cases/")
        expect(page.locator("h1").first).to_contain_text("处错误")
        expect(page.locator("main")).to_contain_text("cases/water-meter.yml")
        expect(page.locator("main")).to_contain_text("还没有填写")
        # Filled in: the preview follows, and the new case has its page.
        case_file = project_copy / "cases" / "water-meter.yml"
        filled = (
            (ROOT / "cases" / "sand-pit.yml")
            .read_text(encoding="utf-8")
            .replace("id: sand-pit", "id: water-meter")
        )
        save(case_file, set_title(filled, "水表读数有误"))
        expect(page.locator("h1").first).to_contain_text("案例库", timeout=RELOAD_MS)
        page.goto(server.url + "cases/water-meter/")
        expect(page.locator("h1").first).to_contain_text("水表读数有误")


def test_twenty_reloads_and_typed_addresses_never_stall(live_server, page):
    addresses = [
        "",
        "cases/",
        "cases/sand-pit/",
        "procedures/",
        "procedures/complaint-handling/",
        "quizzes/",
    ]
    page.goto(live_server.url)
    timings = []
    for number in range(20):
        start = time.monotonic()
        if number % 2:
            page.reload(wait_until="load")
        else:
            page.goto(
                live_server.url + addresses[(number // 2) % len(addresses)], wait_until="load"
            )
        timings.append(time.monotonic() - start)
        page.wait_for_timeout(500)
    assert max(timings) <= 2.0, (
        f"a page took {max(timings):.1f} s: {[round(t, 2) for t in timings]}"
    )
    # The preview registers no service worker (one would hold the live-reload requests).
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0


def _page_addresses(server: LiveServer) -> list[str]:
    status, sitemap = server.get("sitemap.xml")
    assert status == 200
    return sorted(
        re.sub(r"^https?://[^/]+/", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    )


def _as_built(html: str, server: LiveServer) -> str:
    """A page without what only the server adds: its own address and the live-reload script."""
    html = re.sub(r"<script>\s*var livereload = function.*?</script>", "", html, flags=re.DOTALL)
    return html.replace(server.url.rstrip("/"), "http://preview")


def test_after_a_series_of_edits_every_page_equals_a_fresh_build(
    live_server, project_copy, tmp_path
):
    cases_dir = project_copy / "cases"
    edits = [
        # A case's title (shown on the library, reference pages, quizzes, related cases).
        (cases_dir / "sand-pit.yml", lambda text: set_title(text, "沙池风波（修订）")),
        # A reference entry's title, shown on every case that applies it.
        (
            project_copy / "reference" / "principles.yml",
            lambda text: text.replace("title: ", "title: 修订·", 1),
        ),
        # A glossary definition: linked from lessons and case pages.
        (
            project_copy / "reference" / "glossary.yml",
            lambda text: text.replace("definition: ", "definition: （修订）", 1),
        ),
        # A procedure's title.
        (
            project_copy / "procedures" / "complaint-handling.yml",
            lambda text: set_title(text, "投诉处理流程（修订）"),
        ),
        # A lesson.
        (
            project_copy / "content" / "lessons" / "crm-basics.md",
            lambda text: text + "\n补充一段修订的文字。\n",
        ),
        # A question bank.
        (
            project_copy / "questions" / "principles.yml",
            lambda text: set_title(text, "七项原则测验（修订）"),
        ),
    ]
    for path, change in edits:
        save_and_wait(live_server, path, change(path.read_text(encoding="utf-8")))
    # A new case, then a case deleted (nothing links to it once it is gone).
    new_case = (
        (cases_dir / "sand-pit.yml")
        .read_text(encoding="utf-8")
        .replace("id: sand-pit", "id: sand-pit-copy")
    )
    save_and_wait(live_server, cases_dir / "sand-pit-copy.yml", new_case)
    before = live_server.rebuilds()
    (cases_dir / "sand-pit-copy.yml").unlink()
    live_server.wait_for_output(REBUILT, count=before + 1)
    assert live_server.get("cases/sand-pit-copy/")[0] == 404

    with serving(project_copy, tmp_path / "fresh.log") as fresh:
        addresses = _page_addresses(fresh)
        assert _page_addresses(live_server) == addresses
        assert len(addresses) > 100
        different, first_diff = [], ""
        for address in addresses:
            status, preview = live_server.get(address)
            _, built = fresh.get(address)
            preview, built = _as_built(preview, live_server), _as_built(built, fresh)
            if status != 200 or preview != built:
                different.append(address)
                first_diff = first_diff or "".join(
                    list(
                        difflib.unified_diff(
                            built.splitlines(True), preview.splitlines(True), "fresh", "preview"
                        )
                    )[:30]
                )
        assert not different, (
            f"{len(different)} pages differ from a fresh build, e.g. {different[:5]}:\n{first_diff}"
        )
